"""A check-in's records kept across a reload: written as text, kept in the scenario
database for one plan, and laid back over that week's pre-fill row by id."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from builders import goal, problem, project, team

from planner.interfaces.checkin_draft import draft_key, draft_text, read_draft, tables_with_draft
from planner.scenarios import storage
from planner.scenarios.scenario import new_scenario
from planner.scenarios.storage import ScenarioStore
from planner.solving.solver import solve


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


def test_records_edited_by_hand_into_what_the_page_cannot_show_are_passed_over():
    """Weeks the page's box cannot start at (NaN, infinite, negative) or text nested past
    reading make no draft; a cell that is neither text nor empty (a tick for "May move")
    keeps the pre-fill's, where it stopped the Check-in page on a traceback."""
    for weeks in ("NaN", "Infinity", "-1", "1e400"):
        assert read_draft(f'{{"weeks": {weeks}, "cells": {{}}}}') is None
    assert read_draft("[" * 100_000 + "]" * 100_000) is None
    for value in ([1, 2], {"a": 1}, 12, float("inf")):
        row = {"status": value, "percent_done": value, "unlock": value}
        cells = {"projects": {"p1": row}, "goals": {"g1": {"achieved": value}}}
        draft = read_draft(json.dumps({"weeks": 6, "cells": cells}))
        assert draft is not None
        laid = tables_with_draft(_tables(), draft)
        for name, frame in _tables().items():
            pd.testing.assert_frame_equal(laid[name], frame)
    draft = read_draft('{"weeks": 6, "cells": {"projects": {"p1": {"unlock": true}}}}')
    assert draft is not None
    assert tables_with_draft(_tables(), draft)["projects"]["unlock"].tolist() == [True, False]


def test_drafts_stay_few_a_month_at_most_and_ten_a_browser(tmp_path: Path):
    """Drafts were kept forever, one per plan and browser: a draft kept more than
    DRAFT_DAYS days ago is dropped at the next keep, and a browser keeps only its
    DRAFTS_PER_BROWSER newest (another browser's stay)."""
    from datetime import UTC, datetime, timedelta

    from planner.scenarios.kept_store import DRAFT_DAYS, DRAFTS_PER_BROWSER

    text = draft_text(6.0, _tables())
    start = datetime(2027, 1, 4, 9, tzinfo=UTC)
    with ScenarioStore.open(tmp_path / "planner.duckdb") as store:
        old = draft_key("session", "old", "b" * 32)
        store.keep_checkin_draft(old, text, "b" * 32, now=start)
        keys = [draft_key("session", f"plan {n}", "a" * 32) for n in range(DRAFTS_PER_BROWSER + 2)]
        for n, key in enumerate(keys):
            store.keep_checkin_draft(key, text, "a" * 32, now=start + timedelta(minutes=n))
        # The other browser's draft is its only one, and young: it stays.
        assert store.checkin_draft(old) is not None
        assert [store.checkin_draft(k) is None for k in keys] == [True, True] + [
            False
        ] * DRAFTS_PER_BROWSER
        # Kept again, a draft replaces its own row: no other browser draft goes for it.
        store.keep_checkin_draft(keys[2], text, "a" * 32, now=start + timedelta(hours=1))
        assert store.checkin_draft(keys[2]) is not None
        assert store.checkin_draft(keys[3]) is not None
        # A month and a day later, one keep drops every draft older than DRAFT_DAYS days.
        later = start + timedelta(days=DRAFT_DAYS, hours=2)
        store.keep_checkin_draft(keys[0], text, "a" * 32, now=later)
        assert store.checkin_draft(old) is None
        assert all(store.checkin_draft(k) is None for k in keys[1:])
        assert store.checkin_draft(keys[0]) is not None


def test_a_save_and_the_drop_of_its_draft_land_together_or_not_at_all(tmp_path: Path, monkeypatch):
    """The page saved the check-in, then dropped its records in a second step: a server
    stopped between the two opened the reload on records saved already, until their month
    was up. The save drops them in its own transaction: a save that fails while dropping
    them saves nothing and keeps them; one refused (a name taken) keeps them; one that
    lands drops them, and only them."""
    quarter = problem(
        [team("m1")], [project("a", effort=40, value=4, goal_id="g")], goals=[goal("g", 4)]
    )
    result = solve(quarter)
    key, other = draft_key("session", "abc", "f" * 32), draft_key("session", "abd", "f" * 32)
    with ScenarioStore.open(tmp_path / "planner.duckdb") as store:
        for k in (key, other):
            store.keep_checkin_draft(k, draft_text(6.0, _tables()), "f" * 32)

        def stopped(cur: duckdb.DuckDBPyConnection, dropped: str) -> bool:
            raise duckdb.IOException("the server stopped between the save and the drop")

        with monkeypatch.context() as patch:
            patch.setattr(storage, "drop_checkin_draft", stopped)
            with pytest.raises((storage.StorageError, duckdb.Error)):
                store.save(new_scenario(quarter, result, "Week 6"), drop_draft=key)
        assert store.list() == [] and store.checkin_draft(key) is not None
        store.save(new_scenario(quarter, result, "Week 6"))
        with pytest.raises(storage.NameTakenError):
            store.save(new_scenario(quarter, result, "Week 6"), drop_draft=key)
        assert store.checkin_draft(key) is not None
        store.save(new_scenario(quarter, result, "Week 6 again"), drop_draft=key)
        assert store.checkin_draft(key) is None and store.checkin_draft(other) is not None
        assert sorted(s.name for s in store.list()) == ["Week 6", "Week 6 again"]


def test_a_draft_of_10000_rows_is_laid_and_written_a_column_at_a_time(monkeypatch):
    """A draft of 10,000 projects took about a second on every reload, laid a cell at a
    time (``frame.at``), and the page wrote its text row by row (``iterrows``) on each run:
    both now go a column at a time (``bench/checkin_draft_reload.py``), laying and writing
    exactly what a cell at a time did, rows the draft lacks and cells it cannot show kept
    as the pre-fill."""
    count = 10_000
    ids = [f"p{n}" for n in range(count)]
    projects = pd.DataFrame(
        {
            "project_id": ids,
            "project": [f"Project {n}" for n in range(count)],
            "status": ["not started"] * count,
            "percent_done": pd.Series([None] * count, dtype=object),
            "end_week": pd.Series([None] * count, dtype=object),
            "unlock": [False] * count,
        }
    )
    rows: dict[str, dict[str, object]] = {}
    for n, row_id in enumerate(ids):
        if n % 7 == 6:
            continue  # a row the draft lacks
        rows[row_id] = {
            "status": ("done", "in progress", None)[n % 3],
            "percent_done": (None, f"{n % 100}.5", "40")[n % 3],
            "end_week": "11" if n % 5 == 0 else None,
            "unlock": n % 4 == 1,
        }
    rows["p10"]["unlock"] = "yes"  # not a tick: passed over
    rows["p11"]["percent_done"] = [40]  # not text: passed over
    rows["p12"] = "not a row"  # type: ignore[assignment]
    rows["gone"] = {"status": "done"}
    draft = read_draft(json.dumps({"weeks": 6, "cells": {"projects": rows}}))
    assert draft is not None
    expected = projects.copy()  # a cell at a time, as the page laid it before
    for index, row_id in expected["project_id"].items():
        row = rows.get(row_id)
        for column in ("status", "percent_done", "end_week", "unlock") if row else ():
            if isinstance(row, dict) and column in row:
                value = row[column]
                if (column == "unlock") == isinstance(value, bool) and not isinstance(value, list):
                    expected.at[index, column] = value
    writes: list[object] = []
    monkeypatch.setattr(pd.core.indexing._AtIndexer, "__setitem__", lambda *a: writes.append(a[1]))
    monkeypatch.setattr(pd.DataFrame, "iterrows", lambda *a: writes.append("iterrows") or iter(()))
    laid = tables_with_draft({"projects": projects}, draft)["projects"]
    text = draft_text(6.0, {"projects": laid})
    assert writes == []
    pd.testing.assert_frame_equal(laid, expected, check_dtype=False)
    monkeypatch.undo()
    cells = json.loads(text)["cells"]["projects"]
    assert len(cells) == count and cells["p0"] == {
        "end_week": "11",
        "percent_done": None,
        "status": "done",
        "unlock": False,
    }
    assert cells["p10"]["unlock"] is False and cells["p11"]["percent_done"] is None
    assert cells["p6"] == {
        "end_week": None,
        "percent_done": None,
        "status": "not started",
        "unlock": False,
    }
