"""Every problem of a settings file in one round: a multiplier key given twice hid a team
no data has beside it, and a setting written on two rows of a workbook's settings sheet
hid its bad values ('10 s', '90%'), each named only once the first was fixed.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from builders import workbook_of

from planner.core.errors import InvalidInputError
from planner.core.loading import load_with_warnings, load_workbook

_TWICE_AND_UNKNOWN = '[capacity.multipliers]\n"T1" = 1.5\n"T1 " = 1.2\nt9 = 2\n'


def _problems(raised: pytest.ExceptionInfo[InvalidInputError]) -> list[tuple[str, str]]:
    return [(i.file, f"{i.column}: {i.message}") for i in raised.value.errors]


def test_the_folder_s_settings_name_the_unknown_team_beside_the_duplicate(
    tiny_folder: Path,
) -> None:
    (tiny_folder / "settings.toml").write_text(_TWICE_AND_UNKNOWN)
    with pytest.raises(InvalidInputError) as raised:
        load_with_warnings(tiny_folder)
    found = _problems(raised)
    assert any("already has a multiplier" in text for _, text in found), found
    assert ("settings.toml", "capacity.multipliers.t9: no department or team is called 't9'.") in (
        found
    )


def test_a_settings_file_given_names_the_unknown_team_beside_the_duplicate(
    tiny_folder: Path, tmp_path: Path
) -> None:
    what_if = tmp_path / "what_if.toml"
    what_if.write_text(_TWICE_AND_UNKNOWN)
    with pytest.raises(InvalidInputError) as raised:
        load_with_warnings(tiny_folder, settings_path=what_if)
    found = _problems(raised)
    assert any(file == "what_if.toml" and "already has" in text for file, text in found)
    assert ("what_if.toml", "capacity.multipliers.t9: no department or team is called 't9'.") in (
        found
    )


def test_a_known_team_beside_the_duplicate_adds_no_problem(tiny_folder: Path) -> None:
    known = '[capacity.multipliers]\nT1 = 1.5\n"T1 " = 1\nT2 = 2\n'
    (tiny_folder / "settings.toml").write_text(known)
    with pytest.raises(InvalidInputError) as raised:
        load_with_warnings(tiny_folder)
    assert len(raised.value.errors) == 1, _problems(raised)


def test_a_setting_on_two_rows_does_not_hide_the_sheet_s_bad_values() -> None:
    book = workbook_of(
        {
            "teams": [["team_id", "department", "capacity_hours"], ["brand", "marketing", 100]],
            "projects": [["project_id", "stage", "effort_hours"], ["ads", "awareness", 40]],
            "settings": [
                ["key", "value"],
                ["solve.time_limit_s", "10 s"],
                ["capacity.max_utilization", "90%"],
                ["weights.fit", 1],
                ["weights.fit", 2],
            ],
        }
    )
    with pytest.raises(InvalidInputError) as raised:
        load_workbook(book, "q3.xlsx")
    rows = {(i.file, i.row, i.column) for i in raised.value.errors}
    assert rows == {
        ("q3.xlsx, sheet settings", 5, "key"),
        ("q3.xlsx, sheet settings", 2, "solve.time_limit_s"),
        ("q3.xlsx, sheet settings", 3, "capacity.max_utilization"),
    }, _problems(raised)


def _book(settings: list[list[object]], capacity: object = 100) -> bytes:
    return workbook_of(
        {
            "teams": [
                ["team_id", "name", "department", "capacity_hours"],
                ["brand", "Brand & Comms", "marketing", capacity],
            ],
            "projects": [["project_id", "stage", "effort_hours"], ["ads", "awareness", 40]],
            "settings": [["key", "value"], *settings],
        }
    )


_UNKNOWN = ["capacity.multipliers.brnad", 0.9]
_SAID = "no department or team is called 'brnad'."


def test_a_setting_on_two_rows_does_not_hide_a_multiplier_for_a_team_not_on_the_sheet() -> None:
    """A setting written twice stopped the workbook's reading before the teams were known:
    the unknown team 'brnad' was named only once the second row was deleted."""
    book = _book([["weights.fit", 1], ["weights.fit", 2], _UNKNOWN])
    with pytest.raises(InvalidInputError) as raised:
        load_workbook(book, "q3.xlsx")
    found = {(i.row, i.column, i.message) for i in raised.value.errors}
    assert (3, "key", "the setting weights.fit is written twice (rows 2 and 3).") in found
    assert (4, "capacity.multipliers.brnad", _SAID) in found, found
    assert any("Did you mean brand" in i.fix for i in raised.value.errors)


def test_a_table_s_problem_does_not_hide_a_multiplier_for_a_team_the_data_lacks() -> None:
    """A bad cell in any table left no problem built, and the multipliers were checked only
    against a built one: the team 'brnad' was named in the second round."""
    book = _book([_UNKNOWN], capacity="lots")
    with pytest.raises(InvalidInputError) as raised:
        load_workbook(book, "q3.xlsx")
    found = {(i.file, i.column, i.message) for i in raised.value.errors}
    assert ("q3.xlsx, sheet settings", "capacity.multipliers.brnad", _SAID) in found, found
    assert any(i.column == "capacity_hours" for i in raised.value.errors), found


def test_a_table_s_problem_beside_a_multiplier_naming_a_team_by_its_name_says_its_id(
    tiny_folder: Path,
) -> None:
    """The folder's settings.toml too: a team named by its name is told its id at once."""
    (tiny_folder / "settings.toml").write_text('[capacity.multipliers]\n"Brand" = 0.5\n')
    teams = (tiny_folder / "teams.csv").read_text().replace(",400,", ",lots,")
    (tiny_folder / "teams.csv").write_text(teams)
    with pytest.raises(InvalidInputError) as raised:
        load_with_warnings(tiny_folder)
    fixes = {(i.file, i.fix) for i in raised.value.errors}
    assert ("settings.toml", 'Write "T1" = 0.5.') in fixes, fixes
