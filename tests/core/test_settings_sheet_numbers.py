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


@pytest.mark.parametrize(
    ("typed", "read"),
    [(".5", 0.5), ("5.", 5), ("007", 7), ("+.25", 0.25), ("00.5", 0.5), ("1e2", 100)],
)
def test_a_figure_typed_as_text_on_the_settings_sheet_reads_as_a_cell_does(typed, read):
    """'.5', '5.' or '007' typed on the settings sheet read 'not valid TOML (Invalid value
    (at line 2, column 7))', naming neither its row nor its key: written into the TOML
    text as typed, where TOML takes none of them. A data cell reads each as the figure."""
    loaded = load_workbook(_book([["weights.fit", typed]]), "q3.xlsx")
    assert loaded.problem.settings.weights.fit == read


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("３", "'３' is not a number from 0 to 1000000: it is written in full-width digits; "),
        ("١٠", "'١٠' is not a number from 0 to 1000000: it is written in digits of another "),
        ("1_000", "'1_000' is not a number from 0 to 1000000: it has '_' between its digits; "),
    ],
)
def test_a_figure_typed_otherwise_on_the_settings_sheet_is_named_on_its_row(typed, said):
    """Full-width digits (and others Python's Decimal reads) were written into the TOML as
    typed: 'not valid TOML', no row; '1_000' was read as 1000 where a data cell refuses it.
    Each is named on its row, in a cell's words: no quotes, no 'fit = 3' line."""
    with pytest.raises(InvalidInputError) as raised:
        load_workbook(_book([["weights.fit", typed]]), "q3.xlsx")
    (issue,) = raised.value.errors
    assert (issue.file, issue.row, issue.column) == ("q3.xlsx, sheet settings", 2, "weights.fit")
    assert issue.message.startswith(said), issue.message
    assert "quotes" not in issue.message and "TOML" not in issue.message
