"""The sample made infeasible answers in words a leader understands; ``planner explain``.

Each case copies the bundled sample, breaks it the way leaders do (a
mandatory project asking for a skill nobody has; more mandatory work than a
department can carry), and checks exit 3, the sentence on stderr, and that
the suggested fix, applied to the folder's problem, gives a plan.
"""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
from load_watch import LoadWatch

from planner.checker import check_plan
from planner.core.domain import Status, Unassigned
from planner.core.loading import load_with_warnings
from planner.explain import explain_infeasibility
from planner.interfaces.cli import main
from planner.interfaces.explain_cli import (
    MAX_LEFT_OUT_LINES,
    binding_lines,
    left_out_lines,
)
from planner.solving.solver import solve

#: The sample quarter without weeks: these tests hold its round-1 figures (data/README.md);
#: explanations in weeks are tests/test_weeks.py's.
SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample-without-weeks"


@pytest.fixture
def sample_copy(tmp_path: Path) -> Path:
    """A private copy of the bundled sample that a test may break."""
    return Path(shutil.copytree(SAMPLE, tmp_path / "data"))


def _edit_projects(folder: Path, edit) -> None:
    """Rewrite projects.csv row by row with ``edit(row) -> row``."""
    path = folder / "projects.csv"
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    fields = list(rows[0])
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=fields)
        writer.writeheader()
        writer.writerows(edit(dict(row)) for row in rows)


def _skill_nobody_has(row: dict[str, str]) -> dict[str, str]:
    if row["project_id"] == "NU-01":  # mandatory: Lead scoring model v3 with intent signals
        row["required_skills"] += "; tiktok_ads:2"
    return row


def _marketing_all_mandatory(row: dict[str, str]) -> dict[str, str]:
    if row["stage"] in ("awareness", "lead_generation"):
        row["mandatory"] = "true"
    return row


def _assert_fix_gives_a_plan(folder: Path) -> None:
    problem = load_with_warnings(folder).problem
    why = explain_infeasibility(problem)
    assert why.complete
    repaired = why.repair(problem)
    result = solve(repaired)
    assert result.status.has_plan, result.reasons
    assert check_plan(repaired, result.plan) == []


def test_sample_with_a_mandatory_project_needing_a_skill_nobody_has_exits_3_in_words(
    sample_copy, tmp_path, capsys
):
    """A leader who adds a new skill to a mandatory project learns which and how to fix it."""
    _edit_projects(sample_copy, _skill_nobody_has)
    code = main(["solve", str(sample_copy), "--out", str(tmp_path / "plan.csv")])
    err = capsys.readouterr().err
    assert code == 3
    assert not (tmp_path / "plan.csv").exists()
    assert (
        "Mandatory project 'Lead scoring model v3 with intent signals' cannot be assigned: "
        "no team may take it" in err
    )
    assert "Marketing Ops: it lacks tiktok ads at level 2 (has none)" in err
    assert "Make 'Lead scoring model v3 with intent signals' optional" in err
    assert "give Marketing Ops tiktok ads at level 2 (none now)" in err
    assert "Traceback" not in err
    _assert_fix_gives_a_plan(sample_copy)


def test_sample_with_more_mandatory_marketing_work_than_marketing_can_plan_exits_3_in_words(
    sample_copy, tmp_path, capsys
):
    """Every awareness and lead-generation project made mandatory overloads marketing."""
    _edit_projects(sample_copy, _marketing_all_mandatory)
    code = main(["solve", str(sample_copy), "--out", str(tmp_path / "plan.csv")])
    err = capsys.readouterr().err
    assert code == 3
    assert "Mandatory marketing work needs at least" in err
    assert "can plan only 4,400 h" in err
    assert "Add " in err and " h to Brand & Comms" in err
    assert "optional" in err
    _assert_fix_gives_a_plan(sample_copy)


def test_infeasible_sample_is_explained_well_within_the_solve_time_limit(sample_copy):
    """Explaining runs inside solve(): a second on the sample, not the whole time limit."""
    _edit_projects(sample_copy, _marketing_all_mandatory)
    problem = load_with_warnings(sample_copy).problem
    with LoadWatch() as step:
        result = solve(problem)
    assert result.status is Status.INFEASIBLE
    assert step.seconds < 3 * step.per_core  # seconds on a machine with a core spare


def test_explain_assigned_project_prints_owner_goal_and_alternatives(capsys):
    """`planner explain DATA_DIR PROJECT_ID` on an owned project: owner, KPI units, other teams.

    The objective's arithmetic is there only with --details.
    """
    assert main(["explain", str(SAMPLE), "AW-01"]) == 0
    out = capsys.readouterr().out
    which, answer = out.split("\n", 1)
    assert which.startswith("Explaining a plan made now: ")  # not the plan.csv one has
    assert answer.startswith("'SEO pillar pages: compliance automation hub' is owned by Content")
    assert "It brings 22,000 website visitors to 'Grow website traffic from our ICP'" in out
    assert "Why not " in out
    assert "Content has " in out and " h planned" in out
    assert "objective" not in out and "attainment +" not in out
    assert main(["explain", str(SAMPLE), "AW-01", "--details"]) == 0
    detailed = capsys.readouterr().out
    assert "Advanced, for analysts: " in detailed and "attainment +" in detailed


@pytest.mark.parametrize("project_id", ["AW-01", "AW-03"], ids=["owned", "left-out"])
def test_the_details_are_marked_for_analysts_and_name_the_score_as_solve_does(
    project_id, tmp_path, capsys
):
    """`planner explain data/sample AW-01 --details` ended "details:" then "Its share of the
    score: +22.15 points": which score, and for whom, unsaid, where `solve` ends with
    "Advanced, for analysts: the planner's ranking score (...): 1,407.01 points". The
    details now open with the same mark and the same name, whether or not any are behind
    the answer (AW-03, left out for its weeks, has none)."""
    assert main(["solve", str(SAMPLE), "--out", str(tmp_path / "plan.csv")]) == 0
    solved = capsys.readouterr().out.splitlines()
    (analysts,) = [line for line in solved if line.startswith("Advanced, for analysts: ")]
    name = analysts.split("): ")[0] + ")"
    assert main(["explain", str(SAMPLE), project_id]) == 0
    plain = capsys.readouterr().out.splitlines()
    assert main(["explain", str(SAMPLE), project_id, "--details"]) == 0
    detailed = capsys.readouterr().out.splitlines()
    assert detailed[: len(plain)] == plain
    head, *rest = detailed[len(plain) :]
    assert head.startswith(name), head
    assert all(line.startswith("  ") for line in rest)
    assert "details:" not in detailed and "Its share of the score" not in " ".join(detailed)
    if project_id == "AW-01":
        assert rest[0].startswith("  Its share: +") and rest[0].endswith(")")


def test_explain_left_out_project_says_why(capsys):
    """A left-out sample project: capacity went to better work, with hours and gains."""
    assert main(["explain", str(SAMPLE), "AW-06"]) == 0
    out = capsys.readouterr().out
    assert "is not in the plan (capacity went to better work)" in out
    assert "Content has 20 h free for its 320 h" in out


def test_explain_capacity_of_one_project_says_what_more_on_each_team_that_may_take_it_buys(
    capsys,
):
    """A VP Sales asked `planner explain DATA CL-06 --capacity` why a deal-stage project was
    left out and what more capacity would do: --capacity was read only without a project,
    so the answer was the one without it, with no word that the flag went unheard. With a
    project it re-solves with +10 % on each team that may take it and says what that buys;
    of a project in the plan, it says so."""
    from planner.explain import exclusions

    problem = load_with_warnings(SAMPLE).problem
    excluded = exclusions(problem, "AW-06")
    takers = [t.name for t in problem.teams if t.team_id not in excluded]
    assert main(["explain", str(SAMPLE), "AW-06", "--capacity"]) == 0
    out = capsys.readouterr().out
    assert "What 10 % more capacity would buy:" in out
    gains = [line for line in out.splitlines() if line.startswith("- +")]
    assert len(gains) == len(takers) and all(
        any(f" for {name} " in line for line in gains) for name in takers
    )
    assert main(["explain", str(SAMPLE), "AW-06", "--capacity", "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)["capacity_gains"]) == len(takers)
    planned = solve(problem).plan
    assert planned is not None
    owned = next(iter(planned.owners()))
    assert main(["explain", str(SAMPLE), owned, "--capacity"]) == 0
    assert "is in the plan already." in capsys.readouterr().out


def test_explain_without_a_project_lists_binding_teams_and_left_out_projects(capsys):
    """The overview: where capacity runs short (not "binds": solver talk) and a reason for
    every left-out project."""
    assert main(["explain", str(SAMPLE)]) == 0
    out = capsys.readouterr().out
    assert (
        "Where capacity runs short:" in out
        and "binds" not in out
        and "Marketing Ops has 600 of 600 h planned" in out
    )
    assert "Left out (" in out and "AW-06 'Industry benchmark report" in out


def test_explain_capacity_names_the_teams_its_budget_left_no_time_for(capsys):
    """--capacity re-solves once per binding team; on a large quarter that ran for minutes.
    With a budget too small for any re-solve, no team is analysed, every binding one is
    named and the leader is told the budget that includes them (7 teams x 2 s); the JSON
    lists their ids.
    """
    args = ["explain", str(SAMPLE), "--capacity", "--capacity-budget", "0.01"]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "What 10 % more capacity would buy:" not in out
    assert "Not analysed, because the 0.01 s for all re-solves ran out first: " in out
    assert "Marketing Ops" in out and "at least 14 s together (--capacity-budget 14)" in out
    assert main([*args, "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["capacity_gains"] == [] and "mops" in summary["capacity_not_analysed"]


def test_explain_capacity_budget_is_a_number_of_seconds(capsys):
    """A budget of 0 is refused with the range accepted, exit 2, before anything is solved."""
    with pytest.raises(SystemExit) as stopped:
        main(["explain", str(SAMPLE), "--capacity", "--capacity-budget", "0"])
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert "--capacity-budget" in err and "use a number from 0.01 to 86400 s" in err


def test_explain_unknown_project_exits_2_and_suggests_the_nearest_id(capsys):
    """A typo in the id gets the nearest ids, not a traceback.

    The message names the column as the data file does (projects.csv's
    ``project_id``), not the command line's ``PROJECT_ID`` placeholder.
    """
    assert main(["explain", str(SAMPLE), "AW-6"]) == 2
    err = capsys.readouterr().err
    assert "projects.csv, column project_id: no project has the id 'AW-6'" in err
    assert "Fix: Did you mean AW-06" in err and "PROJECT_ID" not in err


def test_explain_refuses_baseline_data_without_a_baseline_as_solve_does(capsys):
    """--baseline-data alone would be ignored: refused in words, as ``planner solve`` does."""
    assert main(["explain", str(SAMPLE), "AW-06", "--baseline-data", str(SAMPLE)]) == 2
    err = capsys.readouterr().err
    assert "the data a baseline plan was made on needs a baseline plan" in err
    assert "Fix: Add --baseline PLAN_CSV, or leave out --baseline-data." in err


def test_explain_on_an_infeasible_folder_exits_3_with_the_conflicts(sample_copy, capsys):
    """No plan, nothing to explain per project: the conflicts go to stderr."""
    _edit_projects(sample_copy, _skill_nobody_has)
    assert main(["explain", str(sample_copy), "NU-01"]) == 3
    assert "cannot be assigned" in capsys.readouterr().err


def test_explain_an_id_in_another_case_suggests_that_id_first(capsys):
    """`planner explain data/sample aw-01` suggested RE-01, QU-01 and NU-01 (difflib
    compares case too) and not AW-01, the project the leader meant."""
    assert main(["explain", str(SAMPLE), "aw-01"]) == 2
    assert "Fix: Did you mean AW-01?" in capsys.readouterr().err


def test_explain_an_id_with_a_hidden_character_or_a_projects_name_says_so(capsys):
    """`planner explain data/sample 'AW-01\u200b'` (pasted with a zero-width space) read
    "no project has the id 'AW-01\u200b'" with three guesses, and the project's name
    typed for its id "Use a project_id from projects.csv (AW-01, AW-02, AW-03, ...)":
    neither said what was wrong. The hidden character is now named as it is in the data
    files, with the id it hides; a project's name is pointed at its id."""
    assert main(["explain", str(SAMPLE), "AW-01\u200b"]) == 2
    err = capsys.readouterr().err
    assert "holds characters nobody can see: \\u200b (ZERO WIDTH SPACE)" in err, err
    assert "Fix: Did you mean AW-01?" in err and "\u200b" not in err
    name = load_with_warnings(SAMPLE).problem.project("AW-01").name
    assert main(["explain", str(SAMPLE), name.upper()]) == 2
    err = capsys.readouterr().err
    assert "is the name of project AW-01" in err, err
    assert "Fix: Give its id: planner explain DATA_DIR AW-01" in err


def test_explain_without_a_project_counts_the_reasons_and_lists_thirty(capsys):
    """At company scale the list ran to 875 lines (150 x 3,000 in weeks, 952 in all): the
    first line counts the left-out projects by kind of reason, 30 are listed and one line
    says how many more and where every one is; --json keeps every one and the counts."""
    kinds = ["not weighed in the time allowed"] * 36 + ["a prerequisite is out"] * 4
    problem = load_with_warnings(SAMPLE).problem
    ids = [p.project_id for p in problem.projects][:40]
    unassigned = [
        Unassigned(pid, f"reason {i}", kind)
        for i, (pid, kind) in enumerate(zip(ids, kinds, strict=True))
    ]
    lines = left_out_lines(problem, unassigned)
    assert lines[0] == (
        "Left out (40): 36 not weighed in the time allowed, 4 a prerequisite is out:"
    )
    assert len(lines) == 1 + MAX_LEFT_OUT_LINES + 1 and lines[1].startswith(f"- {ids[0]} '")
    assert lines[-1].startswith("... and 10 more left-out projects (every one: --json")
    one_kind = left_out_lines(problem, unassigned[:3])
    assert one_kind[0] == "Left out (3):" and len(one_kind) == 4


def test_explain_without_a_project_lists_the_fullest_teams_then_how_many_more():
    """At 150 teams 75 were at their limit, each on a line, before the left-out projects'
    count: the fullest are listed, then how many more and where every one is."""
    from planner.explain import capacity_pressure

    problem = load_with_warnings(SAMPLE).problem
    plan = solve(problem).plan
    assert plan is not None
    pressure = [p for p in capacity_pressure(problem, plan) if p.binding]
    assert len(pressure) >= 3
    lines = binding_lines(problem, pressure, limit=2)
    assert lines[0] == f"Where capacity runs short ({len(pressure)} teams):"
    assert lines[1:3] == [f"- {p.text(problem)}" for p in pressure[:2]]
    assert lines[3] == f"... and {len(pressure) - 2} more teams short of room (every one: --json)"
    every = binding_lines(problem, pressure, limit=len(pressure))
    assert every[0] == "Where capacity runs short:" and len(every) == 1 + len(pressure)
    assert binding_lines(problem, []) == [
        "Where capacity runs short:",
        "- no team is short of room",
    ]


def test_explain_counts_the_samples_left_out_projects_by_reason(capsys):
    """The sample in weeks leaves 18 projects out for three kinds of reason: the first line
    counts them, most first, and --json gives the same counts."""
    sample_in_weeks = SAMPLE.parent / "sample"
    assert main(["explain", str(sample_in_weeks)]) == 0
    out = capsys.readouterr().out
    assert (
        "Left out (18): 16 no room in the weeks it would run, 1 a prerequisite is out, "
        "1 no plan has the weeks for it:"
    ) in out
    assert main(["explain", str(sample_in_weeks), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["left_out_kinds"] == {
        "no room in the weeks it would run": 16,
        "a prerequisite is out": 1,
        "no plan has the weeks for it": 1,
    }
    assert len(data["left_out"]) == 18


def test_explain_one_project_refuses_a_name_with_a_line_break_on_one_line(tmp_path, capsys):
    """`planner explain DATA AW-01` printed a project named "line1<newline>line2" over two
    lines: a name could write a line of the answer of its own. Such a name is now refused
    at its cell, and the refusal quotes it as line1\\nline2, on the line it belongs to."""
    folder = tmp_path / "quarter"
    shutil.copytree(SAMPLE, folder)
    with (folder / "projects.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    rows[0]["name"] = "line1\nstatus: The best plan possible"
    with (folder / "projects.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    assert main(["explain", str(folder), rows[0]["project_id"]]) == 2
    said = capsys.readouterr()
    assert "projects.csv, row 2, column name: 'line1\\nstatus: The best plan possible'" in said.err
    assert not any(
        line.startswith("status: The best plan possible")
        for line in (said.out + said.err).splitlines()
    ), said


def test_an_unknown_id_of_ten_thousand_characters_is_quoted_clipped(capsys):
    """A paste gone wrong as the project id was echoed whole: 10,000 characters on one
    line of stderr. It is quoted as cells and keys are, cut in the middle with its length."""
    assert main(["explain", str(SAMPLE), "AW-" + "9" * 9_997]) == 2
    (line, *_) = capsys.readouterr().err.splitlines()
    assert len(line) < 400
    assert "no project has the id 'AW-99" in line and "10,000 characters" in line


@pytest.mark.parametrize(
    "flags", [["--json"], ["--time-limit", "5"], ["--details"], ["--json", "--time-limit", "5"]]
)
def test_explain_takes_the_project_after_a_flag_as_before_it(flags, capsys):
    """`planner explain data --json AW-01` answered "unrecognized arguments: AW-01", exit 2:
    argparse reads the words before the first flag as every positional, so the project was
    left over once a flag came between. It is the project to explain, as before the flag."""
    assert main(["explain", str(SAMPLE), "AW-01", *flags]) == 0
    before = capsys.readouterr().out
    assert main(["explain", str(SAMPLE), *flags, "AW-01"]) == 0
    after = capsys.readouterr()
    assert "unrecognized" not in after.err
    if "--json" in flags:
        assert json.loads(after.out)["project_id"] == json.loads(before)["project_id"] == "AW-01"
    else:
        assert after.out.splitlines()[:2] == before.splitlines()[:2]
        assert "is owned by" in after.out


def test_explain_with_two_projects_after_a_flag_still_refuses_the_second(capsys):
    """One project is explained at a time: a second word is still refused by name."""
    with pytest.raises(SystemExit) as stopped:
        main(["explain", str(SAMPLE), "--json", "AW-01", "AW-02"])
    assert stopped.value.code == 2
    assert "unrecognized arguments: AW-02" in capsys.readouterr().err


@pytest.mark.parametrize(
    "words",
    [["--time-limit", "3", "--", "AW-01"], ["--", "AW-01"], ["--json", "--", "AW-01"]],
    ids=["after-a-flag", "alone", "after-json"],
)
def test_a_project_after_a_double_dash_is_the_project_to_explain(words, capsys):
    """`planner explain data --time-limit 3 -- AW-01` read "unrecognized arguments: -- AW-01",
    exit 2: `--` ends the flags in every command line tool (a leader writes it before an id
    that could start with a dash), so what follows it is the project, as without it."""
    assert main(["explain", str(SAMPLE), *words]) == 0
    out = capsys.readouterr().out
    if "--json" in words:
        assert json.loads(out)["project_id"] == "AW-01"
    else:
        assert main(["explain", str(SAMPLE), "AW-01"]) == 0
        assert out.splitlines()[:2] == capsys.readouterr().out.splitlines()[:2]
        assert "is owned by" in out


def test_a_project_id_starting_with_a_dash_is_explained_after_a_double_dash(sample_copy, capsys):
    """Only after `--` may a project's id start with '-': before it, '-X1' reads as a flag."""
    projects = sample_copy / "projects.csv"
    projects.write_text(projects.read_text().replace("AW-01,", "-AW-01,", 1))
    assert main(["explain", str(sample_copy), "--json", "--", "-AW-01"]) == 0
    assert json.loads(capsys.readouterr().out)["project_id"] == "-AW-01"


def test_the_details_flag_is_said_in_the_score_s_name(capsys):
    """`planner explain --help` said --details prints "the optimizer's arithmetic
    (objective terms)"; the answer it adds reads "Its share of the score", and every
    other line names the planner's ranking score; marked for analysts, as `solve` marks its
    score's line, and in parts, not the formula's "term by term"."""
    with pytest.raises(SystemExit):
        main(["explain", "--help"])
    said = " ".join(capsys.readouterr().out.split())
    assert "for analysts: also print the project's share of the plan's score, part by part" in said
    assert "optimizer" not in said and "term" not in said


@pytest.mark.parametrize(
    "words",
    [["--", "--"], ["--json", "--", "--"], ["--", "--", "--"], ["--", "--", "AW-01"]],
    ids=["alone", "after-json", "three", "then-an-id"],
)
def test_a_second_double_dash_says_what_was_read_and_what_to_type(words, capsys):
    """`planner explain data/sample -- --` explained the whole plan, exit 0: the second `--`
    was read as nothing, so the project id the leader meant to give was silently left out.
    It now stops, saying what it read and the command to type, and explains nothing."""
    with pytest.raises(SystemExit) as stopped:
        main(["explain", str(SAMPLE), *words])
    assert stopped.value.code == 2
    captured = capsys.readouterr()
    err = " ".join(captured.err.split())
    assert "'--' is given twice" in err, err
    assert f"read DATA_DIR '{SAMPLE}'" in err, err
    assert f"Fix: Give '--' once: planner explain {SAMPLE} -- PROJECT_ID" in err, err
    assert "The best plan possible" not in captured.out and "Left out" not in captured.out
    if "--json" in words:
        assert json.loads(captured.out)["status"] == "invalid"


def test_explain_takes_the_tolerance_solve_baseline_was_given(tmp_path, capsys, monkeypatch):
    """``planner solve --baseline P --tolerance X`` keeps the plan within X % of the best;
    ``planner explain`` took --baseline but not --tolerance ("unrecognized arguments"), so
    the plan it explained was the one kept within the default 0.5 %, which may differ. It
    takes the same option now, reaches the same solve with it, and refuses it without a
    baseline as solve does."""
    import planner.scenarios.relative as relative

    plan = tmp_path / "plan.csv"
    assert main(["solve", str(SAMPLE), "--out", str(plan), "--time-limit", "5"]) == 0
    capsys.readouterr()
    tolerances: list[float] = []
    real = relative.solve_relative

    def spy(*args, **kwargs):
        tolerances.append(kwargs["tolerance"])
        return real(*args, **kwargs)

    monkeypatch.setattr(relative, "solve_relative", spy)
    base = ["--baseline", str(plan), "--tolerance", "2", "--time-limit", "5"]
    assert main(["solve", str(SAMPLE), *base, "--out", str(tmp_path / "kept.csv")]) == 0
    assert main(["explain", str(SAMPLE), "AW-06", *base]) == 0, capsys.readouterr().err
    assert tolerances == [0.02, 0.02]
    capsys.readouterr()
    assert main(["explain", str(SAMPLE), "AW-06", "--tolerance", "2"]) == 2
    assert "Fix: Add --baseline PLAN_CSV, or leave out --tolerance." in capsys.readouterr().err


def test_two_project_ids_written_as_one_are_told_to_be_explained_one_at_a_time(capsys):
    """``planner explain DATA AW-01,AW-02`` read "no project has the id 'AW-01,AW-02' ...
    Fix: Did you mean AW-02, AW-01?": explain takes one project, and says so."""
    from planner.interfaces.cli import main

    assert main(["explain", str(SAMPLE), "AW-01,AW-02"]) == 2
    said = capsys.readouterr().err
    assert "'AW-01,AW-02' are 2 project ids written as one (AW-01, AW-02)" in said, said
    assert "explain takes one project at a time" in said, said
    assert "Run planner explain DATA_DIR AW-01, then with AW-02" in said, said
