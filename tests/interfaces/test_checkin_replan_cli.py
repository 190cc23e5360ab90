"""Re-planning at a check-in on the command line: ``checkin-template`` and ``checkin``.

On the sample without weeks, solved with one worker (the ``quarter`` fixture,
tests/interfaces/conftest.py): the template, the forecast and the changes said, the change
budget, a second check-in (``--since``), ``--unlock``. The quarter in weeks is in
test_checkin_weeks_cli.py, ``solve --baseline`` in test_replan_cli.py.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from replan_quarter import SAMPLE_PROBLEM

import planner.interfaces.checkin_cli  # noqa: F401  (registers ``checkin`` and ``checkin-template``)
from planner.core.domain import Assignment
from planner.core.loading import load_with_warnings
from planner.core.plan_csv import read_plan_csv
from planner.interfaces.cli import main
from planner.scenarios.checkin import ProjectStatus
from planner.scenarios.checkin_toml import parse_checkin
from planner.scenarios.checkin_toml_writing import checkin_to_toml


def template(quarter: Path, weeks: str, capsys) -> str:
    args = ["checkin-template", str(quarter / "data"), "--baseline"]
    assert main([*args, str(quarter / "baseline.csv"), "--weeks", weeks]) == 0
    return capsys.readouterr().out


def test_with_json_a_plan_written_over_its_baseline_is_said_on_stderr(quarter, capsys, monkeypatch):
    """`planner checkin data --baseline plan.csv --checkin c.toml --json` (--out left at
    plan.csv) replaced the baseline with the re-plan and said nothing a script would see: a
    second check-in then read the re-plan as its baseline (85.7 %, "plan by now 0.0 %")."""
    monkeypatch.chdir(quarter)
    shutil.copyfile(quarter / "baseline.csv", quarter / "plan.csv")
    (quarter / "c.toml").write_text(template(quarter, "6", capsys), encoding="utf-8")
    warning = "warning: the plan written to plan.csv replaced the --baseline plan"
    checkin = ["checkin", "data", "--baseline", "plan.csv", "--checkin", "c.toml", "--json"]
    solve = ["solve", "data", "--baseline", "plan.csv", "--max-changes", "2", "--json"]
    for args in (checkin, solve):
        assert main(args) == 0
        said = capsys.readouterr()
        assert json.loads(said.out)["plan_csv"] == "plan.csv"
        assert warning in said.err
        assert main([*args, "--out", "other.csv"]) == 0
        assert "replaced" not in capsys.readouterr().err


def test_a_re_plan_written_over_a_file_says_it_replaced_it(quarter, capsys, monkeypatch):
    """`planner checkin ... --out replan.csv` run again replaced replan.csv and said only
    "plan written to replan.csv": a plan output is replaced without --force, but said."""
    monkeypatch.chdir(quarter)
    (quarter / "c.toml").write_text(template(quarter, "6", capsys), encoding="utf-8")
    args = ["checkin", "data", "--baseline", "baseline.csv", "--checkin", "c.toml"]
    assert main([*args, "--out", "replan-once.csv"]) == 0
    assert capsys.readouterr().out.splitlines()[-2] == "plan written to replan-once.csv"
    assert main([*args, "--out", "replan-once.csv"]) == 0
    said = capsys.readouterr().out.splitlines()[-2]  # the analysts' score follows it
    assert said == "plan written to replan-once.csv (replaced the replan-once.csv that was there)"


def test_checkin_template_is_a_check_in_that_reads_back(quarter, capsys):
    """The template is where a leader starts: it parses, at week 6.5, with what the plan's
    own projects would have delivered and spent by then. The sample has no weeks, so every
    planned project runs the whole quarter and is half done; each goal has half of its
    planned value and each team half of its planned hours.
    """
    checkin = parse_checkin(template(quarter, "6.5", capsys))
    plan = read_plan_csv((quarter / "baseline.csv").read_text(encoding="utf-8"))
    assert float(checkin.weeks_elapsed) == 6.5
    assert checkin.ids_with(ProjectStatus.IN_PROGRESS) == set(plan.owners())
    assert {p.percent_done for p in checkin.projects.values()} == {50}
    churn = sum((a.value for a in plan.assignments if a.project_id.startswith("RE-")), Decimal(0))
    assert 0 < checkin.achieved["churn-saved"] < churn
    cs_load = sum((a.effort_hours for a in plan.assignments if a.team_id == "cs"), Decimal(0))
    assert checkin.hours_used["cs"] == cs_load / 2


def goal_of(assignment: Assignment) -> str | None:
    """The goal of an assignment's project in the sample."""
    return SAMPLE_PROBLEM.project(assignment.project_id).goal_id


def lagging_checkin(quarter: Path, capsys, tmp_path: Path) -> Path:
    """Everything went to plan except churn saved (95,000 of 380,000) and LG-06, dropped."""
    text = template(quarter, "6.5", capsys)
    text, found = re.subn(r'"churn-saved" = [0-9.]+', '"churn-saved" = 95000.0', text)
    assert found == 1
    text = text.replace('"LG-06" = { status = "in_progress", percent_done = 50.0 }', "")
    text = text.replace("[projects]", '[projects]\n"LG-06" = "dropped"')
    path = tmp_path / "checkin.toml"
    path.write_text(text, encoding="utf-8")
    return path


def read_checkin(quarter: Path, path: Path):
    """The check-in file as ``planner checkin`` takes it: each count left at the template's
    whole number stands for the plan's figure (``OnPlan.with_plan_figures``)."""
    from planner.scenarios.on_plan import on_plan

    problem = load_with_warnings(quarter / "data").problem
    baseline = read_plan_csv((quarter / "baseline.csv").read_text(encoding="utf-8"))
    checkin = parse_checkin(path.read_text(encoding="utf-8"))
    found = on_plan(problem, baseline, checkin.weeks_elapsed, checkin.quarter_weeks)
    return found.with_plan_figures(problem, checkin)


def test_checkin_re_plans_a_lagging_goal_within_the_budget(quarter, capsys, tmp_path):
    """The must-show on the command line: churn saved is behind its own plan, a budget of 3
    holds, and the JSON gives each goal's quarter-end forecast in its KPI unit (95,000 so
    far plus what the re-plan still delivers) and the changes apart from the added work.
    """
    path = lagging_checkin(quarter, capsys, tmp_path)
    out = tmp_path / "replan.csv"
    args = ["checkin", str(quarter / "data"), "--baseline", str(quarter / "baseline.csv")]
    args += ["--checkin", str(path), "--max-changes", "3", "--out", str(out), "--json"]
    assert main(args) == 0
    summary = json.loads(capsys.readouterr().out)
    goals = {g["goal_id"]: g for g in summary["goals"]}
    assert [g for g, row in goals.items() if row["pace"] == "behind"] == ["churn-saved"]
    assert summary["num_changes"] == len(summary["changes"]) <= 3
    assert {c["change"] for c in summary["changes"]} <= {"moved", "left out"}
    assert summary["added"] and {c["change"] for c in summary["added"]} == {"added"}
    assert [c["project_id"] for c in summary["dropped"]] == ["LG-06"]
    # As the saved check-in's note counts them: the baseline's projects the re-plan leaves
    # out (a change each), apart from the leader's drop.
    left_out = sorted(
        (c["project_id"], c["name"]) for c in summary["changes"] if c["change"] == "left out"
    )
    named = "; ".join(f"'{name}'" for _, name in left_out[:3])
    more = f" and {len(left_out) - 3} more" if len(left_out) > 3 else ""
    assert summary["out_of_plan"] == (
        f"{len(left_out)} left out by the re-plan"
        + (f" ({named}{more})" if left_out else "")
        + f", 1 dropped by you ('{summary['dropped'][0]['name']}')"
    )
    replanned = read_plan_csv(out.read_text(encoding="utf-8"))
    churn = goals["churn-saved"]["forecast"]
    still = sum((a.value for a in replanned.assignments if goal_of(a) == "churn-saved"), Decimal(0))
    assert (churn["achieved"], churn["still_to_come"]) == (95000.0, float(still))
    assert churn["forecast"] == 95000.0 + float(still) < churn["target"] == 380000.0
    assert churn["kpi"] == "ARR saved $"
    assert churn["percent_of_target"] == goals["churn-saved"]["projected_after"]


def test_checkin_text_shows_the_forecast_and_changes_apart_from_added(quarter, capsys, tmp_path):
    """The text report a leader reads: a forecast line per goal in its KPI unit, then the
    changes (counted against the budget) and the added work under headings of their own.
    """
    path = lagging_checkin(quarter, capsys, tmp_path)
    args = ["checkin", str(quarter / "data"), "--baseline", str(quarter / "baseline.csv")]
    args += ["--checkin", str(path), "--max-changes", "3", "--out", str(tmp_path / "r.csv")]
    assert main(args) == 0
    text = capsys.readouterr().out
    assert "Churn saved: 25.0 % / " in text and "behind plan" in text
    assert "  Churn saved: 95,000 + " in text and "of 380,000 ARR saved $" in text
    changes = text.index("changes (owners moved or taken out of the plan)")
    # The limit in the page's words ("at most 3", as Check-in's slider says it), not "budget 3".
    assert re.search(r"changes \(owners moved or taken out of the plan\): \d+ \(at most 3\)", text)
    assert "budget" not in text
    added = text.index("added (work the baseline did not have, not a change)")
    dropped = text.index("out of the plan at the check-in: 1 (1 dropped by you)")
    assert changes < added < dropped
    assert "  added " in text[added:dropped] and "  added " not in text[changes:added]
    # The re-plan's points are labelled as the optimizer's: no bare "objective: 796.8086".
    assert not any(x.startswith(("objective:", "gap:")) for x in text.splitlines())
    # Last, marked for analysts, named of the re-plan's weights: its stability term keeps
    # projects where they were. Proven the best is the status line's to say, not the points'.
    score = text.splitlines()[-1]
    assert score.startswith("Advanced, for analysts: the plan's score ("), score
    assert "keeping projects where the plan had them" in score, score
    assert re.search(r"\d on the weeks and targets left \(best possible: [\d,]+\.\d\d[;)]", score)
    assert "proven" not in text and "status: The best plan possible\n" in text
    assert "(gap" not in text  # solver talk: "(gap 0.00 %)" read as a shortfall of the plan


def test_checkin_headline_is_the_quarter_end_attainment_the_check_in_page_shows(
    quarter, capsys, tmp_path
):
    """The check-in's headline (SPEC) is the quarter-end forecast weighted and capped as
    the Overview's goal attainment; the command line gave only per-goal lines, so a
    VP reading it beside the Check-in page's "At quarter end" card had no figure to
    match. It is one line in the text and ``quarter_attainment`` in the JSON, the
    same number the page computes.
    """
    from planner.core.shown_figures import percent
    from planner.scenarios.checkin_goals import quarter_attainment, quarter_forecast

    path = lagging_checkin(quarter, capsys, tmp_path)
    out = tmp_path / "headline.csv"
    args = ["checkin", str(quarter / "data"), "--baseline", str(quarter / "baseline.csv")]
    args += ["--checkin", str(path), "--max-changes", "3", "--out", str(out)]
    assert main([*args, "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    problem = load_with_warnings(quarter / "data").problem
    checkin = read_checkin(quarter, path)
    plan = read_plan_csv(out.read_text(encoding="utf-8"))
    expected = quarter_attainment(problem, quarter_forecast(problem, checkin, plan))
    assert expected is not None
    headline = summary["quarter_attainment"]
    assert headline["forecast"] == pytest.approx(expected.forecast)
    assert headline["achieved"] == pytest.approx(expected.achieved)
    assert main(args) == 0
    text = capsys.readouterr().out
    line = next(x for x in text.splitlines() if x.startswith("goal attainment at quarter end:"))
    assert percent(expected.forecast) in line and percent(expected.achieved) in line
    # "84.1 % weighted, as on the Overview" read as the Overview's figure, where the
    # Overview shows the plan as it was made (85.6 %): the line says what it shares with it.
    assert "as on the Overview" not in line
    assert f"{percent(expected.forecast)} weighted as the Overview weighs goals (" in line


def test_checkin_text_names_each_goal_as_solve_and_the_check_in_page_do(quarter, capsys, tmp_path):
    """``planner solve`` and the Check-in page name a goal ("Churn saved"); the check-in's
    text named it by its id ("churn-saved"), so a VP matching its forecast lines to the
    page's rows had to know goals.csv. The text names each goal; --json keeps the id
    and adds the name."""
    path = lagging_checkin(quarter, capsys, tmp_path)
    args = ["checkin", str(quarter / "data"), "--baseline", str(quarter / "baseline.csv")]
    args += ["--checkin", str(path), "--out", str(tmp_path / "named.csv")]
    assert main(args) == 0
    text = capsys.readouterr().out
    assert "  Churn saved: 25.0 % / " in text and "  Churn saved: 95,000 + " in text
    assert "churn-saved" not in text
    assert main([*args, "--json"]) == 0
    goals = {g["goal_id"]: g for g in json.loads(capsys.readouterr().out)["goals"]}
    assert goals["churn-saved"]["name"] == "Churn saved"


def test_checkin_with_too_small_a_budget_says_how_many_changes_would_do(quarter, capsys, tmp_path):
    """Content has used 700 of its 900 h and its work may move: budget 0 cannot hold, and
    the CLI names the minimum.
    """
    text = template(quarter, "6.5", capsys)
    checkin = parse_checkin(text)
    text = re.sub(r'"content" = [0-9.]+', '"content" = 700', text)
    plan = read_plan_csv((quarter / "baseline.csv").read_text(encoding="utf-8"))
    content = sorted({a.project_id for a in plan.assignments if a.team_id == "content"})
    assert content and set(content) <= checkin.ids_with(ProjectStatus.IN_PROGRESS)
    path = tmp_path / "checkin.toml"
    path.write_text(text, encoding="utf-8")
    args = ["checkin", str(quarter / "data"), "--baseline", str(quarter / "baseline.csv")]
    args += ["--checkin", str(path), "--max-changes", "0", "--out", str(tmp_path / "x.csv")]
    assert main([*args, "--unlock", *content]) == 3
    assert re.search(r"at least \d+ projects? must change owner", capsys.readouterr().err)
    assert main(args) == 3  # nothing may move: the leader is told to unlock
    assert "--unlock" in capsys.readouterr().err


def test_second_checkin_starts_from_the_first_and_cuts_capacity_once(quarter, capsys, tmp_path):
    """A second check-in is made on the quarter's own data with the first re-plan as the
    baseline and the first check-in as --since: its template keeps the first's done and
    dropped work, adds what the re-plan delivered since, and the re-plan runs.
    """
    first = lagging_checkin(quarter, capsys, tmp_path)
    out = tmp_path / "replan1.csv"
    args = ["checkin", str(quarter / "data"), "--baseline", str(quarter / "baseline.csv")]
    assert main([*args, "--checkin", str(first), "--out", str(out), "--json"]) == 0
    capsys.readouterr()
    cmd = ["checkin-template", str(quarter / "data"), "--baseline", str(out)]
    assert main([*cmd, "--weeks", "9.75", "--since", str(first)]) == 0
    second = parse_checkin(capsys.readouterr().out)
    before = parse_checkin(first.read_text(encoding="utf-8"))
    assert second.progress("LG-06").status is ProjectStatus.DROPPED
    assert second.achieved["churn-saved"] > before.achieved["churn-saved"] == 95000
    assert all(second.hours_used[t] >= h for t, h in before.hours_used.items())
    path = tmp_path / "second.toml"
    path.write_text(checkin_to_toml(second), encoding="utf-8")
    args = ["checkin", str(quarter / "data"), "--baseline", str(out), "--since", str(first)]
    assert main([*args, "--checkin", str(path), "--out", str(tmp_path / "r2.csv"), "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert [g["goal_id"] for g in summary["goals"] if g["pace"] == "behind"] == []
    assert summary["num_changes"] == 0


def test_second_checkin_against_the_quarters_plan_that_went_to_plan_is_on_track(
    quarter, capsys, tmp_path
):
    """A leader who kept the quarter's plan gives it as the baseline of a second check-in,
    with the first as --since. Both check-ins as planned: every goal is on track and the
    re-plan keeps the plan. (The work done before the first check-in was counted twice:
    the template's hours ran past the teams' capacity and no plan was found.)
    """
    first = tmp_path / "first.toml"
    first.write_text(template(quarter, "4", capsys), encoding="utf-8")
    cmd = ["checkin-template", str(quarter / "data"), "--baseline", str(quarter / "baseline.csv")]
    assert main([*cmd, "--weeks", "8", "--since", str(first)]) == 0
    second = tmp_path / "second.toml"
    second.write_text(capsys.readouterr().out, encoding="utf-8")
    args = ["checkin", str(quarter / "data"), "--baseline", str(quarter / "baseline.csv")]
    args += ["--checkin", str(second), "--since", str(first), "--json"]
    assert main([*args, "--out", str(tmp_path / "r2.csv")]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert {g["pace"] for g in summary["goals"]} <= {"on track", "met"}
    assert all(g["percent_planned_by_now"] <= 100 for g in summary["goals"])
    assert summary["num_changes"] == 0


def test_an_unknown_project_in_the_earlier_checkin_is_named_in_that_file(quarter, capsys, tmp_path):
    """An unknown project in the --since check-in read "check-in, column projects.ZZ-99":
    the leader looked for it in the check-in given with --checkin, which has no ZZ-99. The
    problem names the earlier check-in's own file, in the template and the re-plan."""
    first = lagging_checkin(quarter, capsys, tmp_path)
    out = tmp_path / "replan1.csv"
    args = ["checkin", str(quarter / "data"), "--baseline", str(quarter / "baseline.csv")]
    assert main([*args, "--checkin", str(first), "--out", str(out), "--json"]) == 0
    capsys.readouterr()
    earlier = tmp_path / "earlier.toml"
    text = first.read_text(encoding="utf-8")
    earlier.write_text(text.replace("[projects]\n", '[projects]\n"ZZ-99" = "done"\n'), "utf-8")
    cmd = ["checkin-template", str(quarter / "data"), "--baseline", str(out)]
    assert main([*cmd, "--weeks", "9.75", "--since", str(earlier)]) == 2
    wanted = "earlier.toml, key projects.ZZ-99: project 'ZZ-99' is not in the inputs"
    assert wanted in capsys.readouterr().err
    second = tmp_path / "second.toml"
    second.write_text(text.replace("weeks_elapsed = 6.5", "weeks_elapsed = 9"), "utf-8")
    args = ["checkin", str(quarter / "data"), "--baseline", str(out), "--since", str(earlier)]
    assert main([*args, "--checkin", str(second), "--out", str(tmp_path / "r2.csv")]) == 2
    assert wanted in capsys.readouterr().err
    assert not (tmp_path / "r2.csv").exists()


def test_since_after_the_checkin_is_invalid_input(quarter, capsys, tmp_path):
    """An earlier check-in dated after this one is a mix-up: exit 2, the file named."""
    later = tmp_path / "later.toml"
    later.write_text("weeks_elapsed = 10\n", encoding="utf-8")  # as the template writes it
    cmd = ["checkin-template", str(quarter / "data"), "--baseline", str(quarter / "baseline.csv")]
    assert main([*cmd, "--weeks", "6.0", "--since", str(later)]) == 2
    # Weeks as a leader reads them ('week 10, after week 6'), not 'week 10.0, after week 6.0'.
    wanted = "later.toml, key weeks_elapsed: the earlier check-in is at week 10, after week 6."
    assert wanted in capsys.readouterr().err


def test_checkin_never_writes_its_re_plan_over_the_check_in_it_reads(quarter, capsys, tmp_path):
    """``--out checkin.toml`` would lose the record of the quarter so far: refused with the
    file named before any solve, and the check-in left as it was.
    """
    path = lagging_checkin(quarter, capsys, tmp_path)
    before = path.read_bytes()
    args = ["checkin", str(quarter / "data"), "--baseline", str(quarter / "baseline.csv")]
    assert main([*args, "--checkin", str(path), "--out", str(path)]) == 2
    assert "is an input of this command" in capsys.readouterr().err
    assert path.read_bytes() == before


def test_checkin_naming_an_unknown_project_is_invalid_input(quarter, capsys, tmp_path):
    """A check-in typed against other data is refused with the id named, never re-planned.

    The message names the file the leader gave and the key as it is written
    there (``projects.XX-99``, ``achieved.nope``), as the file's other problems are.
    """
    path = tmp_path / "march.toml"
    path.write_text(
        'weeks_elapsed = 3\n[projects]\n"XX-99" = "done"\n[achieved]\nnope = 4\n',
        encoding="utf-8",
    )
    out = tmp_path / "x.csv"
    args = ["checkin", str(quarter / "data"), "--baseline", str(quarter / "baseline.csv")]
    assert main([*args, "--checkin", str(path), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "march.toml, key projects.XX-99: project 'XX-99'" in err
    assert "march.toml, key achieved.nope: goal 'nope'" in err
    assert "check-in," not in err
    assert not out.exists()


def test_checkin_that_moves_nothing_for_a_goal_behind_says_why(quarter, capsys, tmp_path):
    """Churn saved behind, nothing moved: the report says why under the changes (projects
    in progress stay, how to let one move on the command line) and names the left-out
    churn work with the hours it needs on which team.
    """
    text = template(quarter, "6.5", capsys)
    text = re.sub(r'"churn-saved" = [0-9.]+', '"churn-saved" = 95000.0', text)
    path = tmp_path / "checkin.toml"
    path.write_text(text, encoding="utf-8")
    args = ["checkin", str(quarter / "data"), "--baseline", str(quarter / "baseline.csv")]
    assert main([*args, "--checkin", str(path), "--out", str(tmp_path / "r.csv")]) == 0
    report = capsys.readouterr().out
    changes = report[report.index("changes (owners moved") : report.index("added (work")]
    assert changes.startswith("changes (owners moved or taken out of the plan): 0")
    assert "'Churn saved' is behind its plan" in changes
    assert "let one move with --unlock ID" in changes and " h spare)" in changes


def test_unlock_of_an_unknown_or_not_in_progress_project_is_refused(quarter, tmp_path, capsys):
    """--unlock NOPE (a typo) or a project not in progress was ignored in silence and the re-plan
    written as if the leader had let nothing move: now it is invalid input (exit 2), each
    id named, with the projects in progress that can be unlocked, and nothing written."""
    text = template(quarter, "6.5", capsys)
    checkin = parse_checkin(text)
    in_progress = sorted(checkin.ids_with(ProjectStatus.IN_PROGRESS))
    plan = read_plan_csv((quarter / "baseline.csv").read_text(encoding="utf-8"))
    every = {a.project_id for a in plan.assignments} | {u.project_id for u in plan.unassigned}
    done = sorted(every - set(in_progress))  # done, not started or left out
    assert done and in_progress
    path = tmp_path / "checkin.toml"
    path.write_text(text, encoding="utf-8")
    out = tmp_path / "x.csv"
    args = ["checkin", str(quarter / "data"), "--baseline", str(quarter / "baseline.csv")]
    args += ["--checkin", str(path), "--out", str(out), "--unlock", "NOPE", done[0]]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "--unlock: no project has the id 'NOPE'" in err
    assert f"'{done[0]}' is not in progress" in err and in_progress[0] in err
    assert "Traceback" not in err and not out.exists()


def test_unlock_given_twice_keeps_both_lists(quarter, tmp_path, capsys):
    """`--unlock A --unlock B` kept only B: A (here a typo) was dropped without a word, so a
    project the leader had unlocked stayed with its team. Each --unlock adds its ids."""
    text = template(quarter, "6.5", capsys)
    in_progress = sorted(parse_checkin(text).ids_with(ProjectStatus.IN_PROGRESS))
    path = tmp_path / "checkin.toml"
    path.write_text(text, encoding="utf-8")
    out = tmp_path / "x.csv"
    args = ["checkin", str(quarter / "data"), "--baseline", str(quarter / "baseline.csv")]
    args += ["--checkin", str(path), "--out", str(out)]
    assert main([*args, "--unlock", "NOPE", "--unlock", in_progress[0]]) == 2
    assert "--unlock: no project has the id 'NOPE'" in capsys.readouterr().err
    assert not out.exists()


def test_checkin_template_takes_the_quarter_length_from_the_settings(quarter, capsys, tmp_path):
    """A 6-week quarter ([calendar] weeks = 6): the template said quarter_weeks = 13, so
    week 4 read as 31 % of the quarter gone (the app's Check-in page said 4 of 6)."""
    data = tmp_path / "data"
    shutil.copytree(quarter / "data", data)
    text = (data / "settings.toml").read_text(encoding="utf-8")
    assert "[calendar]" not in text
    (data / "settings.toml").write_text(text + "\n[calendar]\nweeks = 6\n", encoding="utf-8")
    assert main(["solve", str(data), "--out", str(tmp_path / "plan.csv")]) == 0
    capsys.readouterr()
    args = ["checkin-template", str(data), "--baseline", str(tmp_path / "plan.csv")]
    assert main([*args, "--weeks", "4"]) == 0
    checkin = parse_checkin(capsys.readouterr().out)
    assert checkin.quarter_weeks == 6


def test_a_checkin_without_quarter_weeks_takes_the_quarter_the_data_plans(
    quarter, capsys, tmp_path
):
    """A leader who leaves quarter_weeks out of a check-in on a 6-week quarter means that
    quarter: week 3 is half of it (it read as 3 of 13 weeks, so every goal looked ahead)."""
    data = tmp_path / "data"
    shutil.copytree(quarter / "data", data)
    text = (data / "settings.toml").read_text(encoding="utf-8")
    (data / "settings.toml").write_text(text + "\n[calendar]\nweeks = 6\n", encoding="utf-8")
    plan = tmp_path / "plan.csv"
    assert main(["solve", str(data), "--out", str(plan)]) == 0
    capsys.readouterr()
    assert main(["checkin-template", str(data), "--baseline", str(plan), "--weeks", "3"]) == 0
    text = capsys.readouterr().out
    without = re.sub(r"^quarter_weeks = 6(\.0)?\n", "", text, flags=re.MULTILINE)
    assert without != text and "quarter_weeks" not in without
    checkin = tmp_path / "checkin.toml"
    checkin.write_text(without, encoding="utf-8")
    args = ["checkin", str(data), "--baseline", str(plan), "--checkin", str(checkin)]
    assert main([*args, "--out", str(tmp_path / "replan.csv"), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert {g["percent_of_time"] for g in report["goals"]} == {50.0}
    assert parse_checkin("weeks_elapsed = 3\n").quarter_weeks == 13  # no data: 13 weeks


def test_checkin_of_a_quarter_without_goals_says_so_instead_of_an_empty_heading(
    quarter, capsys, tmp_path
):
    """A quarter without goals has no progress: one sentence, not a heading over nothing."""
    data = tmp_path / "data"
    shutil.copytree(quarter / "data", data)
    (data / "goals.csv").unlink()
    with (data / "projects.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    with (data / "projects.csv").open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows({**row, "goal_id": ""} for row in rows)
    plan = tmp_path / "plan.csv"
    assert main(["solve", str(data), "--out", str(plan)]) == 0
    checkin = tmp_path / "checkin.toml"
    checkin.write_text("weeks_elapsed = 3\n", encoding="utf-8")
    capsys.readouterr()
    args = ["checkin", str(data), "--baseline", str(plan), "--checkin", str(checkin)]
    assert main([*args, "--out", str(tmp_path / "replan.csv")]) == 0
    out = capsys.readouterr().out
    assert "goal progress: the quarter has no goals" in out
    assert "goal progress (achieved" not in out
    # The rest of the report still follows: it stopped at that sentence, so the leader
    # was not told the status, the changes, or that the re-plan was written.
    assert "status: " in out and "changes (owners moved" in out
    assert f"plan written to {tmp_path / 'replan.csv'}" in out


def test_checkin_help_says_how_strongly_to_keep_the_plan_in_the_page_s_words(capsys):
    """``--stability`` read "objective points lost per moved project": a head of RevOps
    running the check-in knows goal attainment, not the optimizer's score. It says what
    the Check-in page's "How strongly to keep the plan" says.
    """
    with pytest.raises(SystemExit):
        main(["checkin", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "objective" not in text
    # In the page's unit too: 5 is about 0.3 pts of the weighted goal attainment on the
    # sample, not "about 5 percentage points" as the help once read.
    assert "0.3 pts of the weighted goal attainment" in text


def test_checkin_text_names_each_changed_added_and_dropped_project(quarter, capsys, tmp_path):
    """The re-plan's lists read "dropped LG-06: dropped at the check-in": an id a leader
    has to look up, where the Check-in page shows the project's name. Each line names the
    project beside its id, as ``planner explain`` does."""
    path = lagging_checkin(quarter, capsys, tmp_path)
    args = ["checkin", str(quarter / "data"), "--baseline", str(quarter / "baseline.csv")]
    args += ["--checkin", str(path), "--max-changes", "3", "--out", str(tmp_path / "n.csv")]
    assert main(args) == 0
    text = capsys.readouterr().out
    listed = [x for x in text.splitlines() if re.match(r"  (moved|left out|added|dropped) ", x)]
    assert len(listed) >= 2, text  # the added work and the drop at least
    for line in listed:
        project_id = re.match(r"  (?:moved|left out|added|dropped) (\S+) ", line)
        assert project_id, f"no id then name in {line!r}"
        name = SAMPLE_PROBLEM.project(project_id.group(1)).name
        assert line.startswith(f"{project_id.group(0)}'{name}': "), line


def test_checkin_text_gives_the_re_plans_own_attainment_the_check_in_page_shows(
    quarter, capsys, tmp_path
):
    """The Check-in page shows "Of what was left 77.2 %" beside "At quarter end 85.6 %";
    the shell gave the quarter end only, so a leader holding both could not match the
    page's second card. The text labels it as the page does and the JSON carries it."""
    from planner.core.shown_figures import percent
    from planner.scenarios.metrics import plan_metrics
    from planner.scenarios.plan_change import of_what_was_left
    from planner.scenarios.rest_of_quarter import replan_problem

    path = lagging_checkin(quarter, capsys, tmp_path)
    out = tmp_path / "left.csv"
    args = ["checkin", str(quarter / "data"), "--baseline", str(quarter / "baseline.csv")]
    args += ["--checkin", str(path), "--max-changes", "3", "--out", str(out)]
    assert main([*args, "--json"]) == 0
    figure = json.loads(capsys.readouterr().out)["quarter_attainment"]["replan_of_what_was_left"]
    problem = load_with_warnings(quarter / "data").problem
    baseline = read_plan_csv((quarter / "baseline.csv").read_text(encoding="utf-8"))
    checkin = read_checkin(quarter, path)
    rest = replan_problem(problem, baseline, checkin, max_changes=3, stability_weight=5.0)
    plan = read_plan_csv(out.read_text(encoding="utf-8"))
    assert figure == pytest.approx(plan_metrics(rest, plan).attainment_pct)
    assert main(args) == 0
    text = capsys.readouterr().out
    # The page's sentence under its cards, word for word.
    said = of_what_was_left(figure)
    assert said.startswith("Of what was left: the re-plan brings in ")
    assert f"{said[0].lower()}{said[1:]}" in text and percent(figure) in said


def test_checkin_gives_each_goal_s_odds_of_its_quarter_target_as_the_check_in_page_does(
    quarter, capsys, tmp_path
):
    """The Check-in page lists each goal's chance of its quarter target, the baseline
    carried on against the re-plan, with the odds in words; ``planner checkin`` gave the
    forecast alone, so a RevOps lead re-planning from the shell could not tell a VP the
    odds the page showed. The text and the JSON give them now."""
    from planner.core.shown_figures import chance, chance_change
    from planner.interfaces.odds_changes import MID_QUARTER_ODDS

    path = lagging_checkin(quarter, capsys, tmp_path)
    out = tmp_path / "odds.csv"
    args = ["checkin", str(quarter / "data"), "--baseline", str(quarter / "baseline.csv")]
    args += ["--checkin", str(path), "--max-changes", "3", "--out", str(out)]
    assert main([*args, "--json"]) == 0
    goals = json.loads(capsys.readouterr().out)["goals"]
    assert all({"probability", "chance_if_carried_on", "words"} <= set(g) for g in goals)
    out.unlink()
    assert main(args) == 0
    lines = capsys.readouterr().out.splitlines()
    # The re-plan first, as the page's odds table and forecast and the workbook lead with it.
    head = lines.index(
        "odds of reaching each quarter target with the re-plan (then if we carry on, and the "
        "re-plan's change):"
    )
    listed = lines[head + 1 : head + 1 + len(goals)]
    for g, line in zip(goals, listed, strict=True):
        before, after = g["chance_if_carried_on"] / 100, g["probability"] / 100
        assert line == (
            f"  {g['name']}: {g['words']}; if we carry on {chance(before)} "
            f"(the re-plan: {chance_change(before, after)})"
        )
        # The re-plan's chance once: it read "0 % (if we carry on 0 %; no change); 0 % chance".
        assert line.count(f"{chance(after)} ") == 1 or before == after, line
        assert g["words"].startswith(chance(after)) or g["words"] == ("reached already")
    # Why mid-quarter odds are lower than the Overview's, as the page's caption says.
    assert lines[head + 1 + len(goals)] == f"  ({MID_QUARTER_ODDS})"


def test_a_re_plan_workbook_reads_work_in_progress_as_in_progress_not_pinned(
    quarter, capsys, tmp_path
):
    """A VP Sales opened the week-6 re-plan's plan.xlsx in Excel: every project in progress
    read "Pinned" in its Plan sheet, fifteen pins no leader had made. They read "In
    progress" (the re-plan keeps them with their teams); plan.csv keeps its code, and the
    workbook still reads back as the plan it holds."""
    import pandas as pd

    path = lagging_checkin(quarter, capsys, tmp_path)
    book, csv_out = tmp_path / "replan.xlsx", tmp_path / "replan.csv"
    args = ["checkin", str(quarter / "data"), "--baseline", str(quarter / "baseline.csv")]
    args += ["--checkin", str(path), "--max-changes", "3"]
    assert main([*args, "--out", str(book)]) == 0
    assert main([*args, "--out", str(csv_out)]) == 0
    capsys.readouterr()
    in_progress = read_checkin(quarter, path).ids_with(ProjectStatus.IN_PROGRESS)
    sheet = pd.read_excel(book, sheet_name="Plan")
    kept = sheet[sheet["Project ID"].isin(list(in_progress))]
    assert len(kept) and set(kept["Status"]) == {"In progress"}
    assert "In progress" not in set(sheet[~sheet["Project ID"].isin(list(in_progress))]["Status"])
    from planner.interfaces.baseline_plan import read_plan_sheet

    text, _, _ = read_plan_sheet(book.read_bytes(), book.name)[:3]
    # The same rows, the kept work pinned as plan.csv has it (its reasons read as sentences).
    back, written = read_plan_csv(text), read_plan_csv(csv_out.read_text(encoding="utf-8"))
    assert back.assignments == written.assignments
    assert [u.project_id for u in back.unassigned] == [u.project_id for u in written.unassigned]


def test_checkin_says_why_a_goal_behind_gets_nothing_whatever_else_the_re_plan_moves(
    quarter, capsys, tmp_path
):
    """Churn saved behind and a slipped deal: Closed-won new ARR 200,000 lower than the
    template. The re-plan adds work to another goal and gives these two nothing: each is
    told why, in the Check-in page's sentence, which no longer says the re-plan "moves
    nothing" beside the work it adds."""
    path = lagging_checkin(quarter, capsys, tmp_path)
    text = path.read_text(encoding="utf-8")
    was = float(re.search(r'"new-arr" = ([0-9.]+)', text)[1])
    path.write_text(text.replace(f'"new-arr" = {was:g}', f'"new-arr" = {was - 200000:g}'))
    args = ["checkin", str(quarter / "data"), "--baseline", str(quarter / "baseline.csv")]
    args += ["--checkin", str(path), "--max-changes", "3", "--json"]
    assert main([*args, "--out", str(tmp_path / "r.csv")]) == 0
    summary = json.loads(capsys.readouterr().out)
    goals = {g["goal_id"]: g for g in summary["goals"]}
    assert goals["new-arr"]["pace"] == goals["churn-saved"]["pace"] == "behind"
    added = {SAMPLE_PROBLEM.project(c["project_id"]).goal_id for c in summary["added"]}
    moved = {SAMPLE_PROBLEM.project(c["project_id"]).goal_id for c in summary["changes"]}
    assert added and not added & {"new-arr", "churn-saved"} and not moved & added
    why = summary["why_nothing_moves"]
    assert [w.partition("' is behind")[0] for w in why] == ["'Closed-won new ARR", "'Churn saved"]
    # The re-plan adds work (to another goal): it does not "move nothing".
    assert all("yet the re-plan gives it nothing: " in w for w in why), why
    # Short of hours: the team that would take the first helper is named, with the hours
    # it lacks (Customer Success: 80 h spare of the onboarding revamp's 300 h).
    assert "(Customer Success needs 220 h more for the first): 'Onboarding" in why[1], why
