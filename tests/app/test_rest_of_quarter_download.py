"""The Check-in page's rest-of-quarter.csv is the one ``planner checkin --out`` writes: a
row for each project done or dropped at the check-in too, and what the check-in did to
each, so that a leader diffing it against plan.csv sees no project vanish."""

from __future__ import annotations

import csv
import io
from collections import Counter

from app_pages import assert_clean, edit_checkin, open_routed

from planner.interfaces.baseline_plan import read_plan_sheet


def test_the_pages_rest_of_quarter_csv_keeps_done_and_dropped_projects(db, downloads):
    app = edit_checkin(open_routed("pages/checkin.py"), "projects", "LG-06", "status", "dropped")
    app = app.button(key="checkin-replan-button").click().run()
    assert_clean(app)
    rows = list(
        csv.DictReader(
            io.StringIO(downloads["Download the re-plan (rest-of-quarter.csv)"].decode())
        )
    )
    words = {r["project_id"]: r["at_checkin"] for r in rows}
    assert words["LG-06"] == "dropped"
    assert {"NU-01", "QU-01", "QU-07", "RE-05"} <= {p for p, w in words.items() if w == "done"}
    # Every project of the sample's 51, once each (a joint project has a row per team).
    assert len(words) == 51
    statuses = Counter(r["status"] for r in rows if r["at_checkin"] in ("done", "dropped"))
    assert set(statuses) == {"done", "dropped"}, statuses

    # The workbook beside it holds the same rows, each with what the check-in did to it.
    book = downloads["Download the re-plan (rest-of-quarter.xlsx)"]
    text, _, _, _ = read_plan_sheet(book, "rest-of-quarter.xlsx")
    sheet = list(csv.DictReader(io.StringIO(text)))
    assert sorted((r["project_id"], r["team_id"], r["at_checkin"]) for r in sheet) == sorted(
        (r["project_id"], r["team_id"], r["at_checkin"]) for r in rows
    )
