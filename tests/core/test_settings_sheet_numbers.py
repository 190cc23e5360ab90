"""A number on the settings sheet is quoted as a person writes it.

A cell's number was written out in full before it became a setting: 1e-320 read as a
decimal of 337 characters (its 15 digits past what such a small number holds), 1e308 as
309 digits, in the message that named the setting's row.
"""

from __future__ import annotations

import pytest
from builders import workbook_of

from planner.core.errors import InvalidInputError
from planner.core.loading import load_workbook


def _book(rows: list[list[object]]) -> bytes:
    return workbook_of(
        {
            "teams": [["team_id", "department", "capacity_hours"], ["brand", "marketing", 100]],
            "projects": [["project_id", "stage", "effort_hours"], ["ads", "awareness", 40]],
            "settings": [["key", "value"], *rows],
        }
    )


@pytest.mark.parametrize(
    ("key", "value", "quoted"),
    [
        ("weights.fit", 1e-320, "1e-320 is above 0 but below 0.001"),
        ("capacity.max_utilization", 1e-320, "1e-320 is above 0 but below 0.001"),
        ("solve.seed", 1e308, "1e308 is out of range"),
        ("weights.fit", -1.5e30, "-1.5e30 is out of range"),
        ("weights.fit", 2.5e-8, "2.5e-8 is above 0 but below 0.001"),
        ("weights.fit", 1.5e-7, "0.00000015 is above 0 but below 0.001"),
    ],
)
def test_a_settings_number_is_quoted_as_it_is_written(key, value, quoted):
    with pytest.raises(InvalidInputError) as raised:
        load_workbook(_book([[key, value]]), "q3.xlsx")
    (issue,) = raised.value.errors
    assert (issue.file, issue.row, issue.column) == ("q3.xlsx, sheet settings", 2, key)
    assert issue.message.startswith(quoted), issue.message
    assert len(issue.message) < 300 and issue.fix


def test_a_formula_s_binary_noise_still_reads_as_its_cell_shows_it():
    loaded = load_workbook(
        _book([["capacity.max_utilization", 5 * 13 * 40 * 0.7 / 2000]]), "q.xlsx"
    )
    assert loaded.problem.settings.capacity.max_utilization == 0.91
