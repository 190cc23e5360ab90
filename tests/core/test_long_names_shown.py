"""A column name or an id of 10,000 characters in a data file (attack round 21): the
problem quoted it whole, once or twice, on a line of 10,000 to 20,000 characters. A message
names it by its ends and its length, as it names a long cell."""

from __future__ import annotations

import shutil

import pytest
from builders import SAMPLE

from planner.core.errors import InvalidInputError
from planner.core.loading import load_with_warnings

_LONG = "x" * 10_000


@pytest.mark.parametrize(
    ("file", "old", "new"),
    [
        ("teams.csv", "max_projects", f"max_projects,{_LONG},{_LONG}"),
        ("teams.csv", "team_id,", f"team_id{_LONG},"),
        ("rules.csv", "AW-02,brand", f"AW-02,{_LONG}"),
        ("projects.csv", "QU-02,6", f"QU-02{_LONG},6"),
        ("calendar.csv", "sdr,1,61.5", f"{_LONG},1,61.5"),
    ],
)
def test_a_long_column_name_or_id_is_named_by_its_ends(tmp_path, file, old, new):
    folder = tmp_path / "q"
    shutil.copytree(SAMPLE, folder)
    text = (folder / file).read_text(encoding="utf-8")
    assert old in text
    (folder / file).write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(InvalidInputError) as raised:
        load_with_warnings(folder)
    said = [str(i) for i in raised.value.issues if _LONG[:100] in str(i) or "10,0" in str(i)]
    assert said, raised.value.issues
    for line in said:
        assert len(line) < 600, line[:300]
        assert "characters" in line, line[:300]
