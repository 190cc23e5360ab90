"""A settings file, a check-in or a data file holding a key of thousands of names joined by
dots (attack round 21): the TOML reader takes time in the square of a key's names, so a
settings file of one line ``a.a.a...`` (16,000 names, 32 KB) took 26 s to be refused and the
1 MB it may hold would take hours. Every reader refuses such a key before reading it, on its
line, whatever else the file holds.
"""

from __future__ import annotations

import pytest
from builders import workbook_of

from planner.core.errors import InvalidInputError
from planner.core.file_kinds import reported_as_toml
from planner.core.loading import load_workbook
from planner.core.settings_reading import multiplier_names, parse_settings
from planner.core.toml_text import MAX_KEY_PARTS, toml_table
from planner.scenarios.checkin_toml import parse_checkin

_KEY = ".".join(["a"] * 2000)


@pytest.mark.parametrize(
    "line",
    [
        f"{_KEY} = 1",
        f"[{_KEY}]",
        f"[[{_KEY}]]",
        f"x = {{ {_KEY} = 1 }}",
        ".".join(['"a"'] * 2000) + " = 1",
        " . ".join(["a"] * 2000) + " = 1",
    ],
)
def test_a_key_of_thousands_of_names_is_refused_on_its_line(line):
    for read, file in ((parse_settings, "whatif.toml"), (parse_checkin, "week6.toml")):
        with pytest.raises(InvalidInputError) as raised:
            read(f"[solve]\nseed = 1\n{line}\n", file)
        (issue,) = raised.value.issues
        assert (issue.file, issue.row) == (file, 3)
        assert "holds a key of 2,000 names joined by dots ('" in issue.message, issue.message
        assert f"where a key has at most {MAX_KEY_PARTS}." in issue.message


def test_the_readers_that_only_look_at_a_file_refuse_it_too():
    text = f"[capacity.multipliers]\n{_KEY} = 1\n"
    assert multiplier_names(text) == frozenset()
    issues: list = []
    assert reported_as_toml(f"[solve]\n{_KEY} = 1\n", "teams.csv", issues)
    assert "a settings file" in issues[0].message


@pytest.mark.parametrize(
    "text",
    [
        '[capacity.multipliers]\n"emea.sales" = 0.5\nsdr = 0.9\n',
        "capacity.multipliers.sdr = 0.9\n",
        'note = "' + ".".join(["a"] * 40) + '"\n',
    ],
)
def test_keys_as_files_write_them_are_read(text):
    assert toml_table(text, "settings.toml")


def test_a_settings_sheet_key_of_thousands_of_names_is_named_on_its_row():
    """The settings sheet's rows are read as settings.toml text: a key of 2,000 names made a
    [section] as long, named on the TOML line nobody saw if named at all."""
    teams = [["team_id", "department", "capacity_hours"], ["brand", "marketing", 100]]
    projects = [["project_id", "stage", "effort_hours"], ["ads", "awareness", 40]]
    settings = [["key", "value"], ["solve.seed", 1], [_KEY, 1]]
    data = workbook_of({"teams": teams, "projects": projects, "settings": settings})
    with pytest.raises(InvalidInputError) as raised:
        load_workbook(data, "quarter.xlsx")
    (issue,) = raised.value.issues
    assert (issue.file, issue.row, issue.column) == ("quarter.xlsx, sheet settings", 3, "key")
    assert "is not a setting: it has 2,000 names joined by dots" in issue.message
