"""A check-in saved as a child scenario, with a goal already met, exports what the Check-in
page showed for it (the Scenarios page's export and ``planner scenarios export`` alike).

The re-plan leaves a met goal out of the rest of the quarter, and its projects lose their
goal; the saved scenario keeps the rest of the quarter. Its plan.xlsx read 7 goals at the
quarter's end under a Summary that counted the 8th at 100 %, and its plan.csv had no goal
on the projects still serving it.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from dataclasses import replace
from decimal import Decimal

import openpyxl
import pytest

from planner.core.domain import Result, Status
from planner.interfaces.cli import main
from planner.interfaces.replan_exports import (
    replan_workbook,
    rest_of_quarter_csv_text,
    rest_of_quarter_rows,
)
from planner.interfaces.scenario_exports import scenario_files, scenario_zip
from planner.scenarios.checkin_goals import quarter_forecast
from planner.scenarios.compare import compare
from planner.scenarios.met_goals import unkept_words
from planner.scenarios.on_plan import checkin_as_planned
from planner.scenarios.replan import replan
from planner.scenarios.scenario import Scenario, ScenarioSummary, new_scenario
from planner.scenarios.storage import ScenarioStore

GOAL = "expansion"
GOAL_NAME = "Expansion ARR (net revenue retention)"


@pytest.fixture(scope="module")
def week_six(solved_sample):
    """Week 6 as planned, expansion ARR recorded at its 900,000 target: what the Check-in
    page downloads for it (plan.csv, plan.xlsx), and the quarter's scenario and the
    check-in's, to save."""
    problem, plan = solved_sample
    base = checkin_as_planned(problem, plan, Decimal(6))
    checkin = replace(base, achieved={**base.achieved, GOAL: Decimal(900_000)})
    outcome = replan(problem, plan, checkin, max_changes=3, stability_weight=5)
    rest, result = outcome.problem, outcome.result
    assert result.plan is not None and GOAL not in {g.goal_id for g in rest.goals}
    forecasts = quarter_forecast(problem, checkin, result.plan)
    live = {
        "goals": json.dumps([[f.goal_id, f.percent] for f in forecasts]).encode(),
        "plan.xlsx": replan_workbook(
            *(problem, checkin, rest, result, outcome.carried, plan, outcome.diff)
        ),
        "plan.csv": rest_of_quarter_csv_text(
            problem, rest, result.plan, plan, checkin, outcome.diff
        ).encode(),
    }
    # The quarter's plan as solved (its figures are the parent's, not under test here).
    parent = new_scenario(problem, Result(Status.OPTIMAL, plan, None, None, 0.0, 0.0), "Q3 base")
    # Saved as the Check-in page saves it: with the plan its downloads had.
    exported = rest_of_quarter_rows(problem, rest, result.plan, plan, checkin, outcome.diff)
    child = new_scenario(
        rest, result, "Check-in week 6", checkin=checkin, quarter=problem, checkin_plan=exported
    )
    return live, parent, child


def _sheet(book: bytes, name: str) -> list[tuple]:
    return list(openpyxl.load_workbook(io.BytesIO(book))[name].iter_rows(values_only=True))


def _goals_of(text: bytes) -> dict[str, str]:
    return {r["project_id"]: r["goal_id"] for r in csv.DictReader(io.StringIO(text.decode()))}


def _assert_as_live(files: dict[str, bytes], live: dict[str, bytes]) -> None:
    """The saved check-in's Quarter end rows (its columns), Summary and plan.csv's goals
    are the Check-in page's."""
    header, *rows = _sheet(files["plan.xlsx"], "Quarter end")
    live_header, *live_rows = _sheet(live["plan.xlsx"], "Quarter end")
    columns = [live_header.index(h) for h in header]
    assert [r[0] for r in rows] == [r[0] for r in live_rows]
    assert GOAL_NAME in [r[0] for r in rows]
    assert rows == [tuple(r[i] for i in columns) for r in live_rows]
    summary = dict(_sheet(files["plan.xlsx"], "Summary"))
    assert summary.pop("Built on").startswith("the saved scenario")
    assert summary == dict(_sheet(live["plan.xlsx"], "Summary"))
    goals = _goals_of(files["plan.csv"])
    assert goals == _goals_of(live["plan.csv"])
    assert [p for p, g in goals.items() if g == GOAL], goals
    named = {r[0]: r for r in _sheet(files["plan.xlsx"], "Left out")}
    assert named == {r[0]: r for r in _sheet(live["plan.xlsx"], "Left out")}
    # The page's Plan sheet is rest-of-quarter.csv's: a row for each project done at the
    # check-in too, and a column of what it did to each; the saved one's the same.
    assert _sheet(files["plan.xlsx"], "Plan") == _sheet(live["plan.xlsx"], "Plan")
    assert files["plan.csv"] == live["plan.csv"]


def test_a_saved_check_in_with_a_goal_met_exports_what_the_page_showed(week_six, db, tmp_path):
    """Saved as a child of its quarter's plan, then exported from the Scenarios page (the
    zip of the loaded scenario) and by ``planner scenarios export``: every goal of the
    quarter at its end, the met one among them where the quarter has it, and each project
    under its goal in plan.csv, as the page's downloads had them. Deleting the quarter's
    plan afterwards (its children stay) changes none of it."""
    live, parent, child = week_six
    with ScenarioStore.open(db) as store:
        saved = store.save(child, new_parent=parent)
        loaded = store.load(saved.scenario_id)
    with zipfile.ZipFile(io.BytesIO(scenario_zip(loaded))) as page:
        _assert_as_live({n: page.read(n) for n in ("plan.xlsx", "plan.csv")}, live)
    out = tmp_path / "export"
    assert main(["scenarios", "export", f"#{saved.scenario_id}", str(out)]) == 0
    _assert_as_live({n: (out / n).read_bytes() for n in ("plan.xlsx", "plan.csv")}, live)
    with ScenarioStore.open(db) as store:
        assert saved.parent_id is not None
        store.delete(saved.parent_id)
        orphan = store.load(saved.scenario_id)
    _assert_as_live(scenario_files(orphan), live)


def test_a_saved_check_in_with_a_goal_met_shows_every_goal_as_the_page_did(week_six, db, capsys):
    """`planner scenarios show` of the saved check-in and Compare beside its parent listed
    7 goals at the quarter's end: the met one, which the page read at 153 % of its target,
    was not among them (Compare read it blank). Each goal reads the page's percent, in the
    quarter's order."""
    live, parent, child = week_six
    with ScenarioStore.open(db) as store:
        saved = store.save(child, new_parent=parent)
    assert main(["scenarios", "show", f"#{saved.scenario_id}", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)["goals"]
    goals = [[g["goal_id"], g["percent"]] for g in shown]
    expected = json.loads(live["goals"])
    assert [g for g, _ in goals] == [g for g, _ in expected]
    assert [p for _, p in goals] == pytest.approx([p for _, p in expected], abs=1e-9)
    chances = {g["goal_id"]: g["chance"] for g in shown}
    assert chances[GOAL] == 100.0, chances  # reached already, as the page's odds say
    with ScenarioStore.open(db) as store:
        assert saved.parent_id is not None
        diff = compare(store.load(saved.parent_id), store.load(saved.scenario_id))
    at_end = [[g.goal_id, g.percent_b] for g in diff.goals]
    assert [g for g, _ in at_end] == [g for g, _ in expected]
    assert [p for _, p in at_end] == pytest.approx([p for _, p in expected], abs=1e-9)


def _as_saved_before_schema_10(db, scenario_id: int) -> None:
    """The database as a check-in saved before schema 10 left it: no met goal kept."""
    import duckdb

    with duckdb.connect(str(db)) as con:
        for table in ("scenario_met_goals", "scenario_met_goal_projects"):
            con.execute(f"DELETE FROM {table} WHERE scenario_id = ?", [scenario_id])


def _saved_before_schema_10_without_its_parent(week_six, db) -> tuple[ScenarioSummary, Scenario]:
    """The check-in saved, its parent (the plan it re-planned) deleted, and the database as
    one saved before schema 10 left it: the check-in as saved, and as read back."""
    _, parent, child = week_six
    with ScenarioStore.open(db) as store:
        saved = store.save(child, new_parent=parent)
        assert saved.scenario_id is not None and saved.parent_id is not None
        store.delete(saved.parent_id)
    _as_saved_before_schema_10(db, saved.scenario_id)
    with ScenarioStore.open(db) as store:
        return saved, store.load(saved.scenario_id)


def test_a_check_in_saved_before_met_goals_were_kept_reads_them_from_its_parent(
    week_six, db, tmp_path, capsys
):
    """A check-in saved before schema 10 read without its met goal: `show` listed 7 of the
    8 goals, its plan.xlsx the same. The goal it found met is its parent's (the plan it
    re-planned), read from there as a check-in keeps it since: the files and show read
    as the page did."""
    live, parent, child = week_six
    with ScenarioStore.open(db) as store:
        saved = store.save(child, new_parent=parent)
    assert saved.scenario_id is not None
    _as_saved_before_schema_10(db, saved.scenario_id)
    with ScenarioStore.open(db) as store:
        loaded = store.load(saved.scenario_id)
    assert [m.goal.goal_id for m in loaded.met] == [GOAL]
    assert loaded.met == child.met
    assert loaded.met_unkept == ()
    _assert_as_live(scenario_files(loaded), live)
    assert main(["scenarios", "show", f"#{saved.scenario_id}", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert [g["goal_id"] for g in shown["goals"]] == [g for g, _ in json.loads(live["goals"])]
    assert shown["met_goals_not_kept"] == []


def test_a_check_in_saved_before_met_goals_were_kept_without_its_parent_says_so(
    week_six, db, capsys
):
    """With the plan it re-planned deleted too, no saved scenario has the goal's name or
    target: `show` says, in the scenario's words, why the goal is not among them."""
    saved, loaded = _saved_before_schema_10_without_its_parent(week_six, db)
    assert loaded.met == () and loaded.met_unkept == (GOAL,)
    assert main(["scenarios", "show", f"#{saved.scenario_id}"]) == 0
    out = capsys.readouterr().out
    assert (
        "This check-in was saved before a check-in kept the goals it found met: goal "
        f"'{GOAL}', met by then, is not among its goals at the quarter's end, and the plan it "
        "re-planned, which had it, is deleted."
    ) in out, out
    assert main(["scenarios", "show", f"#{saved.scenario_id}", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["met_goals_not_kept"] == [GOAL]


def test_the_scenarios_page_and_its_plan_xlsx_say_the_met_goal_is_not_kept(week_six, db):
    """`planner scenarios show` said the check-in was saved before met goals were kept and
    its parent, which had the goal, is deleted; the Scenarios page showed the check-in and
    its plan.xlsx without a word, seven of eight goals at the quarter's end. Both say the
    same sentence now."""
    from app_pages import assert_clean, open_routed

    saved, loaded = _saved_before_schema_10_without_its_parent(week_six, db)
    said = unkept_words((GOAL,))
    assert said.startswith("This check-in was saved before a check-in kept the goals")
    summary = _sheet(scenario_files(loaded)["plan.xlsx"], "Summary")
    assert ("Note", said) in summary, summary
    app = open_routed("pages/scenarios.py")
    app = app.selectbox(key="scenario-chosen").set_value(saved.scenario_id).run()
    assert_clean(app)
    shown = [w.value.replace("\\", "") for w in app.warning]
    assert said in shown, shown
