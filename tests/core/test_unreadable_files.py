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


def test_a_data_file_that_may_not_be_read_says_permission_denied_in_words(tmp_path, monkeypatch):
    """projects.csv without read permission read "the file cannot be read ([Errno 13]
    Permission denied: 'q3/projects.csv')": Python's number and the path again, beside the
    file already named."""
    import shutil

    data = tmp_path / "q3"
    shutil.copytree(SAMPLE, data)
    _refusing(monkeypatch, data / "projects.csv")
    with pytest.raises(InvalidInputError) as info:
        load_with_warnings(data)
    (issue,) = info.value.errors
    assert issue.file == "projects.csv"
    assert issue.message == "the file cannot be read (permission denied)."
    assert "permissions" in issue.fix


@pytest.mark.parametrize("what", ["baseline plan", "check-in"])
def test_a_baseline_or_check_in_that_may_not_be_read_says_to_check_its_permissions(
    tmp_path, monkeypatch, what
):
    """--baseline a plan.csv without read permission read "cannot read the baseline plan
    (Permission denied: plan.csv). Fix: Give the path of the baseline plan file": the path
    was right; its permissions were the thing to check."""
    from planner.core.named_files import read_named_text

    named = tmp_path / "plan.csv"
    named.write_text("project_id,team_id\n", encoding="utf-8")
    _refusing(monkeypatch, named)
    with pytest.raises(InvalidInputError) as info:
        read_named_text(str(named), what)
    (issue,) = info.value.errors
    assert issue.message == f"the {what} cannot be read (permission denied)."
    assert "permissions" in issue.fix


@pytest.mark.parametrize("name", ["q3", "q3.xlsx"])
def test_data_behind_a_folder_that_may_not_be_opened_is_named_with_the_fix(
    tmp_path, monkeypatch, name
):
    """DATA_DIR under a folder without search permission: looking at it raised
    PermissionError, which read "q3: Permission denied. Fix: Check the path, that it is yours
    to read or write, and the disk", the words of a fault no check had foreseen."""
    given = tmp_path / "locked" / name
    looked = Path.stat

    def stat(self: Path, *args, **kwargs):
        if self == given:
            raise PermissionError(13, "Permission denied", str(self))
        return looked(self, *args, **kwargs)

    monkeypatch.setattr(Path, "stat", stat)
    with pytest.raises(InvalidInputError) as info:
        load_with_warnings(given)
    (issue,) = info.value.errors
    assert issue.file == str(given)
    assert issue.message == (
        "cannot be reached (permission denied): you may not open a folder on its path."
    )
    assert "permissions" in issue.fix
