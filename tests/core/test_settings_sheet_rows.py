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
