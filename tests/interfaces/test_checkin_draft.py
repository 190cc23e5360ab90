"""A check-in's records kept across a reload: written as text, kept in the scenario
database for one plan, and laid back over that week's pre-fill row by id."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from planner.interfaces.checkin_draft import draft_key, draft_text, read_draft, tables_with_draft
from planner.scenarios.storage import ScenarioStore


def _tables(status: str = "in progress", done: str | None = "45.5") -> dict[str, pd.DataFrame]:
    """Two projects, a goal and a team, as the Check-in page's grids have them."""
    return {
        "projects": pd.DataFrame(
            {
                "project_id": ["p1", "p2"],
                "project": ["Launch", "Webinars"],
                "team": ["Content", "Demand Gen"],
                "status": [status, "not started"],
                "percent_done": [done, "0"],
                "end_week": ["8", None],
                "unlock": [False, False],
            }
        ),
        "goals": pd.DataFrame(
            {
                "goal_id": ["g1"],
                "goal": ["MQLs"],
                "kpi": ["MQLs"],
                "target": [500.0],
                "achieved": ["120"],
            }
        ),
        "hours": pd.DataFrame(
            {
                "team_id": ["m1"],
                "team": ["Content"],
                "capacity_hours": [900.0],
                "base_hours": [900.0],
                "hours_used": [None],
            }
        ),
    }


def test_records_kept_in_the_store_come_back_over_the_pre_fill(tmp_path: Path):
    """A VP's records (a project done late, another let move, a KPI ahead, hours typed) kept
    under one plan's key read back over the plan's pre-fill as typed, every other cell the
    pre-fill's; another plan's key finds none, and a dropped draft is gone."""
    typed = _tables(status="done", done=None)
    typed["projects"].loc[1, "unlock"] = True
    typed["goals"].loc[0, "achieved"] = "1,250"
    typed["hours"].loc[0, "hours_used"] = "410"
    key = draft_key("session", "abc", "f" * 32)
    with ScenarioStore.open(tmp_path / "planner.duckdb") as store:
        store.keep_checkin_draft(key, draft_text(9.0, typed))
        found = store.checkin_draft(key)
        assert store.checkin_draft(draft_key("session", "abd", "f" * 32)) is None
        assert store.checkin_draft(draft_key("session", "abc")) is None  # another browser
        assert found is not None
        draft = read_draft(found[0])
        assert draft is not None and draft.weeks == 9.0
        laid = tables_with_draft(_tables(), draft)
        for name, frame in typed.items():
            pd.testing.assert_frame_equal(laid[name], frame, check_dtype=False)
        assert store.discard_checkin_draft(key)
        assert store.checkin_draft(key) is None


def test_a_draft_that_is_not_records_reads_as_none_and_unknown_rows_are_passed_over():
    """Text edited by hand is no draft (the tables start from the plan); a row the plan no
    longer has is passed over, not laid on another."""
    assert read_draft("not json") is None
    assert read_draft('{"weeks": 6}') is None
    draft = read_draft('{"weeks": 6, "cells": {"projects": {"gone": {"status": "done"}}}}')
    assert draft is not None
    laid = tables_with_draft(_tables(), draft)
    pd.testing.assert_frame_equal(laid["projects"], _tables()["projects"])
