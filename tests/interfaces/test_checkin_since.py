"""A second check-in may not take back what the first recorded (`planner checkin --since`).

NU-01 done at week 6, then "not_started" at week 9 (or left out of the file): the re-plan
dropped QU-03 "blocked: it depends on 'NU-01', which was dropped at the check-in", exit 0,
though nobody dropped it. 867 MQLs at week 6 and 100 at week 9 forecast from 100 without
a word.
"""

from __future__ import annotations

import csv
import json
import tomllib
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from planner.core.loading import load_with_warnings
from planner.interfaces.cli import main
from planner.interfaces.scenario_exports import scenario_files
from planner.scenarios.checkin import CheckIn
from planner.scenarios.checkin_since import counted
from planner.scenarios.checkin_toml import parse_checkin
from planner.scenarios.checkin_toml_writing import checkin_to_toml
from planner.scenarios.on_plan import on_plan
from planner.scenarios.scenario import new_scenario
from planner.scenarios.storage import ScenarioStore
from planner.solving.solver import solve

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"
#: The sample's rules.csv pins: a leader's pin, not work in progress the re-plan may leave.
PINNED_IN_THE_SAMPLE = ("AW-02", "QU-02")


def _write(capsys, path: Path) -> str:
    text = capsys.readouterr().out
    path.write_text(text, encoding="utf-8")
    return text


def test_a_project_done_before_and_not_done_now_is_refused(tmp_path, capsys):
    plan, week6, replan6 = tmp_path / "plan.csv", tmp_path / "week6.toml", tmp_path / "re6.csv"
    assert main(["solve", str(SAMPLE), "--out", str(plan), "--time-limit", "3"]) == 0
    capsys.readouterr()
    assert main(["checkin-template", str(SAMPLE), "--baseline", str(plan), "--weeks", "6"]) == 0
    first = tomllib.loads(_write(capsys, week6))
    done = next(p for p, s in first["projects"].items() if s == "done")
    args = ["checkin", str(SAMPLE), "--checkin", str(week6)]
    assert main([*args, "--baseline", str(plan), "--out", str(replan6)]) == 0
    capsys.readouterr()
    since = ["--baseline", str(replan6), "--since", str(week6)]
    assert main(["checkin-template", str(SAMPLE), *since, "--weeks", "9"]) == 0
    second = _write(capsys, tmp_path / "week9.toml")
    assert f'"{done}" = "done"' in second

    undone = tmp_path / "undone.toml"
    undone.write_text(second.replace(f'"{done}" = "done"', ""), encoding="utf-8")
    out = tmp_path / "re9.csv"
    checkin = ["checkin", str(SAMPLE), *since, "--out", str(out)]
    assert main([*checkin, "--checkin", str(undone)]) == 2
    err = capsys.readouterr().err
    assert f"undone.toml, key projects.{done}: '{done}' was done at week 6" in err
    assert "a project not listed has not started" in err and "a project done stays done" in err
    assert not out.exists()

    goal, achieved = next(iter(tomllib.loads(second)["achieved"].items()))
    line = f'"{goal}" = {achieved}'
    assert line in second
    fewer = tmp_path / "fewer.toml"
    fewer.write_text(second.replace(line, f'"{goal}" = 0'), encoding="utf-8")
    assert main([*checkin, "--checkin", str(fewer)]) == 0
    err = capsys.readouterr().err
    assert f"warning: fewer.toml, key achieved.{goal}: a KPI achieved so far" in err
    assert out.exists()

    assert main([*checkin, "--checkin", str(tmp_path / "week9.toml")]) == 0
    assert "week 6" not in capsys.readouterr().err  # a check-in written --since says nothing


def test_an_end_week_of_the_first_checkin_carries_into_the_second(tmp_path, capsys):
    """At week 6 the account mapping (QU-07, planned to end in week 6) is half done and
    will take until week 13: written as end_week = 13 the re-plan runs it in weeks 7-13.
    The second check-in's template (--since the first, against its re-plan) gives it
    week 13 still, and that check-in re-plans."""
    plan, week6, replan6 = tmp_path / "plan.csv", tmp_path / "week6.toml", tmp_path / "re6.csv"
    assert main(["solve", str(SAMPLE), "--out", str(plan), "--time-limit", "3"]) == 0
    capsys.readouterr()
    assert main(["checkin-template", str(SAMPLE), "--baseline", str(plan), "--weeks", "6"]) == 0
    text = capsys.readouterr().out
    first = tomllib.loads(text)
    assert first["projects"]["QU-07"] == "done"
    used = first["hours_used"]["ent-ae"]
    text = text.replace(
        '"QU-07" = "done"', '"QU-07" = { status = "in_progress", percent_done = 50, end_week = 13 }'
    ).replace(f'"ent-ae" = {used}', f'"ent-ae" = {used - 130}')
    week6.write_text(text, encoding="utf-8")
    args = ["checkin", str(SAMPLE), "--checkin", str(week6)]
    assert main([*args, "--baseline", str(plan), "--out", str(replan6)]) == 0
    capsys.readouterr()
    rows = replan6.read_text(encoding="utf-8").splitlines()
    (mapping,) = [row for row in rows if row.startswith("QU-07,")]
    assert mapping.endswith(",7,13,kept")  # its weeks, then what the check-in did to it

    since = ["--baseline", str(replan6), "--since", str(week6)]
    assert main(["checkin-template", str(SAMPLE), *since, "--weeks", "9"]) == 0
    second = tomllib.loads(_write(capsys, tmp_path / "week9.toml"))
    assert second["projects"]["QU-07"]["end_week"] == 13
    checkin = ["checkin", str(SAMPLE), *since, "--checkin", str(tmp_path / "week9.toml")]
    assert main([*checkin, "--out", str(tmp_path / "re9.csv")]) == 0


def test_an_end_week_of_the_first_checkin_carries_when_the_teams_kept_the_quarters_plan(
    tmp_path, capsys
):
    """Teams that kept the quarter's plan give it as --baseline with the first check-in as
    --since. At week 6 LG-09 (planned for weeks 1-8) was 60 % done and would end in week
    11, AW-02 (planned to end in week 12) 30 % done and ending in week 13. The week-9
    template wrote the plan's own end weeks: LG-09 "done" (its plan's week 8 was over) and
    AW-02 ending in week 12, as if the first check-in had said nothing. Now LG-09 is 84 %
    done (60 % plus 3 of its 5 weeks left) ending in week 11, and AW-02 60 % ending in 13."""
    plan, week6 = tmp_path / "plan.csv", tmp_path / "week6.toml"
    assert main(["solve", str(SAMPLE), "--out", str(plan), "--time-limit", "3"]) == 0
    capsys.readouterr()
    assert main(["checkin-template", str(SAMPLE), "--baseline", str(plan), "--weeks", "6"]) == 0
    text = capsys.readouterr().out
    first = tomllib.loads(text)
    assert first["projects"]["LG-09"]["end_week"] == 8
    assert first["projects"]["AW-02"]["end_week"] == 12
    for project_id, late in (("LG-09", "60, end_week = 11"), ("AW-02", "30, end_week = 13")):
        entry = first["projects"][project_id]
        as_planned = f"{entry['percent_done']}, end_week = {entry['end_week']}"
        assert f'"{project_id}" = {{ status = "in_progress", percent_done = {as_planned} }}' in text
        text = text.replace(
            f'"{project_id}" = {{ status = "in_progress", percent_done = {as_planned} }}',
            f'"{project_id}" = {{ status = "in_progress", percent_done = {late} }}',
        )
    week6.write_text(text, encoding="utf-8")

    since = ["--baseline", str(plan), "--since", str(week6)]
    assert main(["checkin-template", str(SAMPLE), *since, "--weeks", "9"]) == 0
    second = tomllib.loads(_write(capsys, tmp_path / "week9.toml"))
    assert second["projects"]["LG-09"] == {
        "status": "in_progress",
        "percent_done": 84,
        "end_week": 11,
    }
    assert second["projects"]["AW-02"] == {
        "status": "in_progress",
        "percent_done": 60,
        "end_week": 13,
    }


def test_a_second_checkin_without_the_end_week_keeps_the_first_checkins(tmp_path, capsys):
    """The quarter's own plan as --baseline, the first check-in (LG-09 ending in week 11,
    where the plan ended it in week 8) as --since, and a second check-in at week 9 that
    lists LG-09 in progress without an end week: the re-plan took the plan's week 8,
    already past, and squeezed its work left into week 10 alone. The end week the leader
    gave at the first check-in stands until a later one says otherwise: weeks 10-11."""
    plan, week6 = tmp_path / "plan.csv", tmp_path / "week6.toml"
    assert main(["solve", str(SAMPLE), "--out", str(plan), "--time-limit", "3"]) == 0
    capsys.readouterr()
    assert main(["checkin-template", str(SAMPLE), "--baseline", str(plan), "--weeks", "6"]) == 0
    text = capsys.readouterr().out
    entry = tomllib.loads(text)["projects"]["LG-09"]
    as_planned = f"{entry['percent_done']}, end_week = {entry['end_week']}"
    text = text.replace(
        f'"LG-09" = {{ status = "in_progress", percent_done = {as_planned} }}',
        '"LG-09" = { status = "in_progress", percent_done = 60, end_week = 11 }',
    )
    week6.write_text(text, encoding="utf-8")
    since = ["--baseline", str(plan), "--since", str(week6)]
    assert main(["checkin-template", str(SAMPLE), *since, "--weeks", "9"]) == 0
    text = capsys.readouterr().out
    late = '"LG-09" = { status = "in_progress", percent_done = 84.0, end_week = 11 }'
    assert late in text
    week9 = tmp_path / "week9.toml"
    week9.write_text(
        text.replace(late, '"LG-09" = { status = "in_progress", percent_done = 84.0 }'),
        encoding="utf-8",
    )
    out = tmp_path / "re9.csv"
    assert main(["checkin", str(SAMPLE), *since, "--checkin", str(week9), "--out", str(out)]) == 0
    (row,) = [r for r in out.read_text(encoding="utf-8").splitlines() if r.startswith("LG-09,")]
    assert row.endswith(",10,11,kept")


def _forecasts(capsys) -> dict[str, float]:
    summary = json.loads(capsys.readouterr().out)
    return {g["goal_id"]: g["forecast"]["forecast"] for g in summary["goals"]}


def test_a_second_check_in_kept_as_pre_filled_forecasts_the_plans_figures(tmp_path, capsys):
    """Check-ins at weeks 6 and 9 that keep every pre-fill (everything went to plan), the
    second --since the first against its re-plan, forecast the plan's figures both times.

    The week-6 file's 8 new customers stand for the plan's 7.7, and its re-plan
    forecast 28; --since read the 8 as typed, so week 9 said 15 + 13.3 = 28.3 where the
    plan said 28, though nothing had gone otherwise (the page, which keeps the 7.7,
    said 28). The template writes the plan's figure beside each count it rounded."""
    plan, week6, replan6 = tmp_path / "plan.csv", tmp_path / "week6.toml", tmp_path / "re6.csv"
    assert main(["solve", str(SAMPLE), "--out", str(plan), "--time-limit", "3"]) == 0
    capsys.readouterr()
    assert main(["checkin-template", str(SAMPLE), "--baseline", str(plan), "--weeks", "6"]) == 0
    first = tomllib.loads(_write(capsys, week6))
    assert first["achieved"]["new-logos"] == 8
    assert first["achieved_as_planned"]["new-logos"] == 7.7
    args = ["checkin", str(SAMPLE), "--json", "--checkin", str(week6)]
    assert main([*args, "--baseline", str(plan), "--out", str(replan6)]) == 0
    at_week6 = _forecasts(capsys)
    assert at_week6["new-logos"] == 28

    since = ["--baseline", str(replan6), "--since", str(week6)]
    assert main(["checkin-template", str(SAMPLE), *since, "--weeks", "9"]) == 0
    _write(capsys, tmp_path / "week9.toml")
    checkin = ["checkin", str(SAMPLE), *since, "--json", "--out", str(tmp_path / "re9.csv")]
    assert main([*checkin, "--checkin", str(tmp_path / "week9.toml")]) == 0
    assert _forecasts(capsys) == pytest.approx(at_week6, abs=1e-6)


def test_a_count_changed_from_the_pre_fill_reads_as_typed_in_a_later_check_in():
    """The plan's figure beside a count stands for it only while the count is as the
    pre-fill wrote it: 9 new customers typed over the pre-fill's 8 (the plan's 7.7) are 9
    --since, and so are 866 MQLs where the pre-fill had 867; 39 short of a target of 40 is
    the pre-fill's own count for 39.6 (it never rounds up to the target)."""
    targets = {"n": Decimal(40), "m": Decimal(2600)}
    plans = {"n": "7.7", "m": "866.51"}
    kept = CheckIn(6, 13, achieved={"n": 8, "m": 867}, as_planned=plans)
    read = counted(kept, targets)
    assert read.achieved == {"n": Decimal("7.7"), "m": Decimal("866.51")}
    assert read.recorded == {"n": 8, "m": 867}
    changed = CheckIn(6, 13, achieved={"n": 9, "m": 866}, as_planned=plans)
    assert counted(changed, targets).achieved == {"n": 9, "m": 866}
    near = CheckIn(12, 13, achieved={"n": 39}, as_planned={"n": "39.6"})
    assert counted(near, targets).achieved == {"n": Decimal("39.6")}
    # Written as recorded, with the plan's figures below: read back, the same check-in.
    text = checkin_to_toml(read)
    assert '"n" = 8\n' in text and '"n" = 7.7\n' in text
    assert counted(parse_checkin(text), targets) == read


def test_a_saved_check_in_exports_the_counts_as_recorded_with_the_plans_figures(tmp_path):
    """The app saves a kept count as the plan's figure it stands for (7.7 new customers
    for 8), and its checkin.toml wrote that: "new-logos" = 7.7 and "mqls" = 866.51, figures
    the leader never typed. It writes the counts as recorded, the plan's figures under
    [achieved_as_planned], so --since it reads back the check-in that was saved."""
    problem = load_with_warnings(SAMPLE).problem
    result = solve(problem)
    assert result.plan is not None
    found = on_plan(problem, result.plan, Decimal(6), Decimal(13))
    checkin = found.with_plan_figures(problem, found.typed(problem))
    assert checkin.achieved["new-logos"] == Decimal("7.7")
    assert checkin.recorded["new-logos"] == 8
    with ScenarioStore.open(tmp_path / "db.duckdb") as store:
        saved = store.save(new_scenario(problem, result, "week 6", checkin=checkin))
        loaded = store.load(saved.scenario_id)
    assert loaded.checkin == checkin
    text = scenario_files(loaded)["checkin.toml"].decode()
    written = tomllib.loads(text)
    assert written["achieved"]["new-logos"] == 8 and written["achieved"]["mqls"] == 867
    assert written["achieved_as_planned"]["new-logos"] == 7.7
    targets = {g.goal_id: g.target for g in problem.goals}
    assert counted(parse_checkin(text), targets) == checkin


def test_the_command_line_and_the_page_read_a_second_check_in_the_same_way(
    tmp_path, capsys, monkeypatch
):
    """One reading of a check-in on the re-plan of another (``read_since``): the week-6 file
    gives the account mapping (QU-07) week 13 to end in, and the week-9 file leaves its end
    week out. ``planner checkin --since`` and the Check-in page (its baseline's check-in
    being the week-6 file's) read the second the same way: the same check-in, QU-07 ending
    in week 13; a project done at week 6 and left out at week 9 refused by both."""
    from planner.scenarios import checkin_since
    from planner.scenarios.checkin_toml import read_checkin

    plan, week6, replan6 = tmp_path / "plan.csv", tmp_path / "week6.toml", tmp_path / "re6.csv"
    assert main(["solve", str(SAMPLE), "--out", str(plan), "--time-limit", "3"]) == 0
    capsys.readouterr()
    assert main(["checkin-template", str(SAMPLE), "--baseline", str(plan), "--weeks", "6"]) == 0
    text = capsys.readouterr().out
    assert '"QU-07" = "done"' in text
    late = '"QU-07" = { status = "in_progress", percent_done = 50, end_week = 13 }'
    week6.write_text(text.replace('"QU-07" = "done"', late), encoding="utf-8")
    args = ["checkin", str(SAMPLE), "--checkin", str(week6)]
    assert main([*args, "--baseline", str(plan), "--out", str(replan6)]) == 0
    capsys.readouterr()
    since = ["--baseline", str(replan6), "--since", str(week6)]
    assert main(["checkin-template", str(SAMPLE), *since, "--weeks", "9"]) == 0
    second = capsys.readouterr().out
    entry = tomllib.loads(second)["projects"]["QU-07"]
    assert entry["end_week"] == 13
    written = f'"QU-07" = {{ status = "in_progress", percent_done = {entry["percent_done"]}, '
    written += "end_week = 13 }"
    assert written in second
    week9 = tmp_path / "week9.toml"
    week9.write_text(
        second.replace(written, '"QU-07" = { status = "in_progress", percent_done = 60 }'),
        encoding="utf-8",
    )
    done = next(p for p, s in tomllib.loads(second)["projects"].items() if s == "done")
    undone = tmp_path / "undone.toml"
    undone.write_text(second.replace(f'"{done}" = "done"', ""), encoding="utf-8")

    problem = load_with_warnings(SAMPLE).problem
    first = read_checkin(week6.read_text(encoding="utf-8"), "week6.toml", problem).checkin
    seen: list[checkin_since.SinceRead] = []
    real = checkin_since.read_since

    def spied(*read_args: CheckIn) -> checkin_since.SinceRead:
        seen.append(real(*read_args))
        return seen[-1]

    monkeypatch.setattr(checkin_since, "read_since", spied)
    checkin = ["checkin", str(SAMPLE), *since, "--out", str(tmp_path / "re9.csv")]
    for file, code in ((week9, 0), (undone, 2)):
        seen.clear()
        assert main([*checkin, "--checkin", str(file)]) == code
        err = capsys.readouterr().err
        (cli,) = seen
        now = read_checkin(file.read_text(encoding="utf-8"), file.name, problem).checkin
        page = real(first, now)
        assert (cli.since, cli.now, cli.checkin, cli.taken) == (
            first,
            now,
            page.checkin,
            page.taken,
        )
        kept, refused, _ = checkin_since.since_lines(problem, page)
        if code == 0:
            assert kept == cli.checkin and refused == []
            assert kept is not None and kept.progress("QU-07").end_week == 13
        else:
            assert kept is None and len(refused) == 1 and f"({done}) was done" in refused[0]
            assert f"key projects.{done}: '{done}' was done at week 6" in err


def test_the_checkin_given_as_its_own_earlier_checkin_is_refused(tmp_path, capsys):
    """`checkin --checkin c.toml --since c.toml` read the check-in as its own earlier one,
    exit 0: nothing done since, re-planned against a plan it never followed."""
    sample = Path(__file__).resolve().parents[2] / "data" / "sample"
    baseline = tmp_path / "plan.csv"
    assert main(["solve", str(sample), "--out", str(baseline)]) == 0
    capsys.readouterr()
    assert main(["checkin-template", str(sample), "--baseline", str(baseline), "--weeks", "6"]) == 0
    checkin = tmp_path / "c.toml"
    checkin.write_text(capsys.readouterr().out, encoding="utf-8")
    (tmp_path / "link.toml").symlink_to(checkin)
    out = tmp_path / "rest.csv"
    for since in (checkin, tmp_path / "link.toml"):
        args = ["checkin", str(sample), "--baseline", str(baseline), "--checkin", str(checkin)]
        assert main([*args, "--since", str(since), "--out", str(out)]) == 2
        err = capsys.readouterr().err
        assert f"--since {since} is the check-in given with --checkin" in err, err
        assert not out.exists()


def test_a_project_in_progress_the_first_re_plan_left_out_is_no_error_in_the_second(
    tmp_path, capsys
):
    """A VP Sales let work in progress move at week 4 (--unlock) on a team that lost a week;
    the re-plan left three of those projects out. At week 8, --since the week-4 check-in
    against its re-plan, every command refused: "project 'P0014' is in progress but the
    baseline plan gives it no team", the earlier check-in read against the re-plan it
    made. A project in progress that its re-plan left out is that re-plan's change, not
    an error of the earlier check-in."""
    plan, week6, replan6 = tmp_path / "plan.csv", tmp_path / "week6.toml", tmp_path / "re6.csv"
    assert main(["solve", str(SAMPLE), "--out", str(plan), "--time-limit", "3"]) == 0
    capsys.readouterr()
    assert main(["checkin-template", str(SAMPLE), "--baseline", str(plan), "--weeks", "6"]) == 0
    first = tomllib.loads(_write(capsys, week6))
    args = ["checkin", str(SAMPLE), "--checkin", str(week6)]
    assert main([*args, "--baseline", str(plan), "--out", str(replan6)]) == 0
    capsys.readouterr()
    with replan6.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    in_progress = [p for p, s in first["projects"].items() if isinstance(s, dict)]
    owned = Counter(r["project_id"] for r in rows if r["team_id"])
    left = next(
        r["project_id"]
        for r in rows
        if r["project_id"] in in_progress
        and owned[r["project_id"]] == 1
        and r["project_id"] not in PINNED_IN_THE_SAMPLE
    )
    for r in rows:
        if r["project_id"] == left:  # as the re-plan writes a project it leaves out
            r.update(team_id="", team_name="", department="", share="0", effort_hours="0")
            r.update(value="0", status="unassigned", reason="no team has room for it")
            r.update(start_week="", end_week="", at_checkin="left out")
    with replan6.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)

    since = ["--baseline", str(replan6), "--since", str(week6)]
    assert main(["checkin-template", str(SAMPLE), *since, "--weeks", "9"]) == 0, (
        capsys.readouterr().err
    )
    second = tomllib.loads(_write(capsys, tmp_path / "week9.toml"))
    assert left not in second["projects"]
    checkin = ["checkin", str(SAMPLE), *since, "--checkin", str(tmp_path / "week9.toml")]
    assert main([*checkin, "--out", str(tmp_path / "re9.csv")]) == 0, capsys.readouterr().err
