"""An edit of the Data page's tables said cell by cell: which row, which column, from what
to what; rows added and deleted by what they read."""

from __future__ import annotations

import pandas as pd

from planner.core.edit_words import SHOWN, edit_words
from planner.core.tables import TEAMS

TITLES = {TEAMS: "Teams"}


def teams() -> pd.DataFrame:
    return pd.DataFrame(
        [
            {"team_id": "sdr", "name": "SDR Team", "capacity_hours": "1000"},
            {"team_id": "se", "name": "Sales Engineering", "capacity_hours": "800"},
        ]
    )


def test_a_changed_cell_is_said_with_its_row_column_and_both_values():
    after = teams()
    after.loc[1, "capacity_hours"] = ""
    (said,) = edit_words({TEAMS: teams()}, {TEAMS: after}, TITLES)
    assert said == (
        "Teams, row 3 (se, Sales Engineering): Own hours in the quarter (capacity_hours) "
        "'800' → empty"
    )


def test_rows_added_and_deleted_are_said_by_what_they_read():
    after = teams().drop(index=[0])
    after.loc[2] = {"team_id": "events", "name": "Events", "capacity_hours": "40"}
    said = edit_words({TEAMS: teams()}, {TEAMS: after}, TITLES)
    assert said == ("Teams, row 2 (sdr, SDR Team): deleted", "Teams, row 4 (events, Events): added")


def test_many_changes_are_counted_past_the_first_few():
    after = teams()
    for index in range(SHOWN + 2):
        after.loc[10 + index] = {"team_id": f"t{index}", "name": "", "capacity_hours": "1"}
    said = edit_words({TEAMS: teams()}, {TEAMS: after}, TITLES)
    assert len(said) == SHOWN + 1 and said[-1] == "and 2 more changes"
