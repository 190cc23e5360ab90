"""A saved check-in exports the plan the Check-in page exported when it was saved.

Its plan.csv and plan.xlsx had the weeks left only: no row for a project done or dropped at
the check-in and no "At the check-in" column, where the page's rest-of-quarter.csv and its
workbook had both (the scenario did not keep the plan it checked in on). A check-in saved
before that plan was kept (schema 15) says what its files lack.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from decimal import Decimal

import duckdb
import openpyxl
import pytest

from planner.core.domain import Result, Status
from planner.interfaces.cli import main
from planner.interfaces.replan_exports import (
    replan_workbook,
    rest_of_quarter_csv_text,
    rest_of_quarter_rows,
)
from planner.interfaces.scenario_exports import WEEKS_LEFT_ONLY, scenario_files
from planner.scenarios.checkin import ProjectProgress, ProjectStatus
from planner.scenarios.on_plan import checkin_as_planned
from planner.scenarios.replan import replan
from planner.scenarios.scenario import new_scenario
from planner.scenarios.storage import ScenarioStore

#: A project the plan runs from the first weeks, dropped by the leader at the check-in.
DROPPED = "LG-06"


@pytest.fixture(scope="module")
def week_six(solved_sample):
    """Week 6 as planned with one project dropped: the page's two downloads of its re-plan,
    and the quarter's plan and the check-in as the page saves them."""
    problem, plan = solved_sample
    base = checkin_as_planned(problem, plan, Decimal(6))
    assert DROPPED in plan.owners()
    projects = {**base.projects, DROPPED: ProjectProgress(ProjectStatus.DROPPED, Decimal(0))}
    checkin = replace(base, projects=projects)
    outcome = replan(problem, plan, checkin, max_changes=3, stability_weight=5)
    rest, result = outcome.problem, outcome.result
    assert result.plan is not None
    page = {
        "plan.csv": rest_of_quarter_csv_text(
            problem, rest, result.plan, plan, checkin, outcome.diff
        ).encode(),
        "plan.xlsx": replan_workbook(
            *(problem, checkin, rest, result, outcome.carried, plan, outcome.diff)
        ),
    }
    parent = new_scenario(problem, Result(Status.OPTIMAL, plan, None, None, 0.0, 0.0), "Q3 base")
    exported = rest_of_quarter_rows(problem, rest, result.plan, plan, checkin, outcome.diff)
    child = new_scenario(
        rest, result, "Week 6", checkin=checkin, quarter=problem, checkin_plan=exported
    )
    return page, parent, child


def _sheet(book: bytes, name: str) -> list[tuple]:
    return list(openpyxl.load_workbook(io.BytesIO(book))[name].iter_rows(values_only=True))


def _at_checkin(text: bytes) -> dict[str, str | None]:
    """plan.csv's project id -> its at_checkin (None without that column)."""
    rows = csv.DictReader(io.StringIO(text.decode()))
    return {r["project_id"]: r.get("at_checkin") for r in rows}


def test_a_saved_check_in_exports_the_plan_the_check_in_page_exported(week_six, db, tmp_path):
    """Saved, loaded and exported (the Scenarios page's zip, ``planner scenarios export``):
    plan.csv is the page's rest-of-quarter.csv, byte for byte, and plan.xlsx's Plan sheet
    the page's workbook's, with the done and dropped projects and what the check-in did to
    each. Deleting the plan it checked in on changes none of it."""
    page, parent, child = week_six
    said = _at_checkin(page["plan.csv"])
    assert said[DROPPED] == "dropped" and "done" in said.values(), said
    with ScenarioStore.open(db) as store:
        saved = store.save(child, new_parent=parent)
        loaded = store.load(saved.scenario_id)
    files = scenario_files(loaded)
    assert files["plan.csv"] == page["plan.csv"]
    plan_sheet = _sheet(page["plan.xlsx"], "Plan")
    assert "At the check-in" in plan_sheet[0]
    assert _sheet(files["plan.xlsx"], "Plan") == plan_sheet
    assert "plan_note" not in json.loads(files["scenario.json"])
    out = tmp_path / "export"
    assert main(["scenarios", "export", f"#{saved.scenario_id}", str(out)]) == 0
    assert (out / "plan.csv").read_bytes() == page["plan.csv"]
    assert _sheet((out / "plan.xlsx").read_bytes(), "Plan") == plan_sheet
    with ScenarioStore.open(db) as store:
        assert saved.parent_id is not None
        store.delete(saved.parent_id)
        orphan = store.load(saved.scenario_id)
    assert scenario_files(orphan)["plan.csv"] == page["plan.csv"]


def test_a_check_in_saved_before_its_plan_was_kept_says_its_files_hold_the_weeks_left(week_six, db):
    """A check-in saved with schema 14 has no exported plan: the file opens (migrated), its
    plan.csv holds the weeks left as before, and its workbook's Summary and scenario.json
    say what is missing and where to get it, rather than passing for the page's export."""
    _, parent, child = week_six
    with ScenarioStore.open(db) as store:
        saved = store.save(child, new_parent=parent)
    with duckdb.connect(str(db)) as con:
        con.execute("DROP TABLE scenario_checkin_plan_rows")
        con.execute("UPDATE planner_schema SET version = 14")
    with ScenarioStore.open(db) as store:
        loaded = store.load(saved.scenario_id)
        plain = store.load(saved.parent_id) if saved.parent_id is not None else None
    assert loaded.checkin_plan == ()
    files = scenario_files(loaded)
    rows = _at_checkin(files["plan.csv"])
    assert DROPPED not in rows and set(rows.values()) == {None}
    assert ("Note", WEEKS_LEFT_ONLY) in _sheet(files["plan.xlsx"], "Summary")
    assert json.loads(files["scenario.json"])["plan_note"] == WEEKS_LEFT_ONLY
    # The plan it checked in on is no check-in: nothing to say of it.
    assert plain is not None
    assert "plan_note" not in json.loads(scenario_files(plain)["scenario.json"])
