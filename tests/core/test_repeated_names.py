"""Names two rows of one table share, found in the editor's tables and told apart by id."""

from __future__ import annotations

import pandas as pd

from planner.core.repeated_names import renamed_frames, repeated_names
from planner.core.tables import GOALS, TEAMS


def teams(*rows: tuple[str, str]) -> pd.DataFrame:
    return pd.DataFrame([{"team_id": i, "name": n, "department": "sales"} for i, n in rows])


def test_a_name_repeated_as_a_reader_sees_it_is_found_at_its_later_row():
    """'Content' and 'CONTENT ' read as one name: the later row is the one renamed."""
    frames = {TEAMS: teams(("c1", "Content"), ("sdr", "SDR"), ("c2", "CONTENT "))}
    (repeat,) = repeated_names(frames)
    assert (repeat.row, repeat.first_row, repeat.row_id, repeat.first_id) == (4, 2, "c2", "c1")
    assert repeat.renamed == "CONTENT (c2)"


def test_rows_without_a_name_and_other_tables_names_are_not_repeats():
    """A row without a name is the loader's to refuse; a team and a goal may share a name."""
    goals = pd.DataFrame([{"goal_id": "g1", "name": "SDR"}])
    frames = {TEAMS: teams(("a", ""), ("b", ""), ("sdr", "SDR")), GOALS: goals}
    assert repeated_names(frames) == ()


def test_the_name_given_is_not_one_another_row_has():
    """A row already named 'Events (e2)' keeps that name to itself."""
    frames = {TEAMS: teams(("e1", "Events"), ("x", "Events (e2)"), ("e2", "Events"))}
    (repeat,) = repeated_names(frames)
    assert repeat.renamed == "Events (e2 2)"
    renamed = renamed_frames(frames, (repeat,))[TEAMS]
    assert list(renamed["name"]) == ["Events", "Events (e2)", "Events (e2 2)"]
    assert list(frames[TEAMS]["name"]) == ["Events", "Events (e2)", "Events"]  # not changed
