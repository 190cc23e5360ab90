"""A file the system will not read (no permission, a disk error) is named with the fix.

`planner solve data --settings /proc/self/mem --json` answered the problem with
"fix": "": the settings file, and a workbook or zip given as the data, said only
"the file cannot be read ([Errno 5] Input/output error)."
"""

from __future__ import annotations

from pathlib import Path

import pytest
from builders import workbook_of

from planner.core.errors import InvalidInputError
from planner.core.loading import load_with_warnings

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"


def _refusing(monkeypatch, refused: Path) -> None:
    """Opening ``refused`` fails as a file without read permission does (even for root)."""
    opened = Path.open

    def open_(self: Path, *args, **kwargs):
        if self == refused:
            raise PermissionError(13, "Permission denied", str(self))
        return opened(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", open_)


def test_a_settings_file_that_cannot_be_read_says_what_to_do(tmp_path, monkeypatch):
    """--settings a file opening fails on: the problem names it, the fix says to check it."""
    settings = tmp_path / "what-if.toml"
    settings.write_text("[solve]\nseed = 1\n", encoding="utf-8")
    _refusing(monkeypatch, settings)
    with pytest.raises(InvalidInputError) as info:
        load_with_warnings(SAMPLE, settings)
    (issue,) = info.value.errors
    assert "cannot be read" in issue.message and "permissions" in issue.fix


def test_a_workbook_that_cannot_be_read_says_what_to_do(tmp_path, monkeypatch):
    """A workbook given as the data that opening fails on: named, with the fix."""
    book = tmp_path / "q3.xlsx"
    book.write_bytes(workbook_of({"teams": [["team_id"]]}))
    _refusing(monkeypatch, book)
    with pytest.raises(InvalidInputError) as info:
        load_with_warnings(book)
    (issue,) = info.value.errors
    assert "cannot be read" in issue.message and "permissions" in issue.fix


def test_a_data_folder_that_cannot_be_listed_says_what_to_do(tmp_path, monkeypatch):
    """A data folder listing fails on (no permission to read it): named, with the fix."""
    listed = Path.iterdir

    def iterdir(self: Path):
        if self == tmp_path:
            raise PermissionError(13, "Permission denied", str(self))
        return listed(self)

    monkeypatch.setattr(Path, "iterdir", iterdir)
    with pytest.raises(InvalidInputError) as info:
        load_with_warnings(tmp_path)
    (issue,) = info.value.errors
    assert "cannot be read" in issue.message and "permissions" in issue.fix
