"""A settings key that a problem shows otherwise than it is typed is still named by its row.

A key with a character nobody can see ('solve.se' + U+200B + 'ed') or a team id of
thousands of characters as a multiplier's key is shown escaped or cut short; its row on
the settings sheet was looked up by that shown form, found nowhere, and the problem
named no row.
"""

from __future__ import annotations

import pytest
from builders import workbook_of

from planner.core.errors import InvalidInputError
from planner.core.loading import load_workbook


def _book(key: str) -> bytes:
    return workbook_of(
        {
            "teams": [["team_id", "department", "capacity_hours"], ["brand", "marketing", 100]],
            "projects": [["project_id", "stage", "effort_hours"], ["ads", "awareness", 40]],
            "settings": [["key", "value"], ["weights.fit", 1], [key, 0.5]],
        }
    )


@pytest.mark.parametrize(
    ("key", "shown"),
    [
        ("solve.se\u200bed", "solve.se\\u200bed"),
        ("capacity.multipliers.br\u200band", "capacity.multipliers.br\\u200band"),
        ("capacity.multipliers." + "b" * 5_000, "capacity.multipliers.bbbb"),
    ],
)
def test_a_key_shown_otherwise_is_named_by_its_row(key, shown):
    with pytest.raises(InvalidInputError) as raised:
        load_workbook(_book(key), "q3.xlsx")
    (issue,) = raised.value.errors
    assert issue.file == "q3.xlsx, sheet settings"
    assert str(issue.column).startswith(shown), issue.column
    assert issue.row == 3, issue


@pytest.mark.parametrize(
    ("key", "read"),
    [
        ("Weights.Balance", ("weights", "balance")),
        ("CAPACITY.MAX_UTILIZATION", ("capacity", "max_utilization")),
        ("Capacity.Multipliers.brand", ("capacity", "multipliers")),
    ],
)
def test_a_key_typed_in_capitals_reads_as_the_setting(key, read):
    """The tables' column names are read in any case ("Effort_Hours"); a settings key typed
    "Weights.Balance" (a phone's keyboard, a habit) was refused as "unknown section
    [Weights]". It is the setting; a team's name in a multiplier's key stays as typed."""
    loaded = load_workbook(_book(key), "q3.xlsx").problem.settings
    section, name = read
    value = getattr(getattr(loaded, section), name)
    assert (value["brand"] if isinstance(value, dict) else value) == 0.5


def test_a_team_s_name_in_a_multiplier_s_key_keeps_its_case():
    """Team ids are compared exactly: "Brand" is not the team brand, and is said so."""
    with pytest.raises(InvalidInputError) as raised:
        load_workbook(_book("capacity.multipliers.Brand"), "q3.xlsx")
    (issue,) = raised.value.errors
    assert "'Brand'" in issue.message and "brand" in issue.fix, issue


@pytest.mark.parametrize("key", ["weight.balance", "weights.balanse"])
def test_a_setting_s_problem_on_the_sheet_has_no_settings_file_brackets(key):
    """The sheet's keys are dotted: "unknown section [weight]. Fix: Use only [solve],
    [capacity], ..." spoke of a settings.toml the leader never saw."""
    with pytest.raises(InvalidInputError) as raised:
        load_workbook(_book(key), "q3.xlsx")
    (issue,) = raised.value.errors
    assert issue.row == 3 and "[" not in issue.message + issue.fix, issue
    assert "weights" in issue.message + issue.fix, issue


def test_the_weeks_setting_named_on_another_sheet_is_its_key_on_the_settings_sheet():
    """A duration past the quarter read "The quarter has 13 weeks ([calendar] weeks)": a
    workbook's weeks are the settings sheet's calendar.weeks row."""
    book = workbook_of(
        {
            "teams": [["team_id", "department", "capacity_hours"], ["brand", "marketing", 100]],
            "projects": [
                ["project_id", "stage", "effort_hours", "duration_weeks"],
                ["ads", "awareness", 40, 20],
            ],
        }
    )
    with pytest.raises(InvalidInputError) as raised:
        load_workbook(book, "q3.xlsx")
    (issue,) = raised.value.errors
    assert "(calendar.weeks on the settings sheet)" in issue.fix, issue
    assert "[calendar]" not in issue.fix, issue


def _settings_book(rows: list[list[object]]) -> bytes:
    return workbook_of(
        {
            "teams": [["team_id", "department", "capacity_hours"], ["brand", "marketing", 100]],
            "projects": [["project_id", "stage", "effort_hours"], ["ads", "awareness", 40]],
            "settings": rows,
        }
    )


_NOTES = [["weights.balance", "penalty on load"], ["solve.seed", "fixed for runs"]]


@pytest.mark.parametrize(
    "rows",
    [
        [["key", "notes", "value"], ["weights.balance", "penalty on load", 0.3]],
        [["notes", "key", "value"], ["penalty on load", "weights.balance", 0.3]],
        [["Value", " Key "], [0.3, "weights.balance"]],
        [["setting", "value", "description"], ["weights.balance", 0.3, "penalty on load"]],
    ],
    ids=["notes between", "notes first", "value first", "setting and description"],
)
def test_a_header_row_places_the_keys_and_values_whatever_columns_stand_beside(rows):
    """A notes column between the keys and the values was read as the values ("'penalty
    on load' is not a number"); the header row says which column is which."""
    settings = load_workbook(_settings_book(rows), "q3.xlsx").problem.settings
    assert settings.weights.balance == 0.3


@pytest.mark.parametrize(
    "rows",
    [
        [["key", "value", "notes"], *([key, None, note] for key, note in _NOTES)],
        [["key", "value"], *([key, None] for key, _ in _NOTES)],
        [[key] for key, _ in _NOTES],
    ],
    ids=["notes beside", "values blank", "keys only"],
)
def test_settings_whose_values_are_all_blank_are_one_problem_naming_the_column(rows):
    """With every value left blank the notes beside them were read as the values (every
    setting "'fixed for runs' is not a number"), or each setting read "'' is not a
    number": one problem now says the values' column is empty."""
    with pytest.raises(InvalidInputError) as raised:
        load_workbook(_settings_book(rows), "q3.xlsx")
    (issue,) = raised.value.errors
    assert issue.file == "q3.xlsx, sheet settings" and issue.column == "value", issue
    assert "every setting's value (column B) is empty" in issue.message, issue
    assert "Write each setting's value in column B" in issue.fix, issue


def test_a_setting_without_its_value_is_said_with_its_default():
    """A blank value read "'' is not a number from 0 to 1000000", naming no blank cell: it has no
    value, and deleting its row keeps the default, which is given. A stage's owners
    left blank still read as no owner, as the export writes them."""
    rows = [
        ["key", "value"],
        ["solve.seed", 4],
        ["weights.balance", None],
        ["stages.owners.retention", None],
    ]
    with pytest.raises(InvalidInputError) as raised:
        load_workbook(_settings_book(rows), "q3.xlsx")
    (issue,) = raised.value.errors
    assert (issue.row, issue.column) == (3, "value"), issue
    assert "weights.balance has no value (column B is empty)" in issue.message, issue
    assert issue.fix.endswith("delete the row to keep its default, 0.1."), issue


def test_a_header_naming_no_value_column_is_said_before_any_setting_is_read():
    """'values' over the values read every setting's row as a key and its value, the
    header row as a setting 'key': the header is named with the words to write."""
    rows = [["key", "values"], ["weights.balance", 0.3]]
    with pytest.raises(InvalidInputError) as raised:
        load_workbook(_settings_book(rows), "q3.xlsx")
    (issue,) = raised.value.errors
    assert issue.row == 1 and "no value column (it has 'values')" in issue.message, issue


def test_notes_read_as_values_past_a_blank_column_without_a_header_are_warned_of():
    """Without a header, keys in A, B left blank and notes in C: C is read as the values
    (a blank column is dropped as on a table's sheet), and the warning says so."""
    rows = [["weights.balance", None, "penalty on load"], ["solve.seed", None, 3]]
    with pytest.raises(InvalidInputError) as raised:
        load_workbook(_settings_book(rows), "q3.xlsx")
    (warning,) = (w for w in raised.value.issues if w.severity.value == "warning")
    assert "the values are read from column C" in warning.message, warning
    assert [e.row for e in raised.value.errors] == [1], raised.value.errors
