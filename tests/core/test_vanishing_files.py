"""A data file that vanishes between the folder's listing and its reading (attack round 14).

A program that saves by replacing a file (a spreadsheet, a sync client) leaves a moment when
the file is not there. `planner validate` run 60 times while teams.csv and projects.csv
were replaced in a loop read, besides "missing" (the file was not there when the folder was
listed), "the file cannot be read ([Errno 2] No such file or directory: ...). Fix: Check
that you may read it (its permissions)" and ".../teams.csv does not exist, not a file. Fix:
Put the teams.csv file itself in its place": a permissions problem, and a file that is not a
file, for a file that was being replaced.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from planner.core import reading
from planner.core.errors import InvalidInputError
from planner.core.loading import load_with_warnings

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"
GONE = (
    "the file was in the folder when it was listed and is gone now (another program "
    "moved or replaced it meanwhile)."
)
AGAIN = (
    "Run the command again once the file is in place (a spreadsheet or a sync client that "
    "saves by replacing the file may have been writing it)."
)


def _copy(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(SAMPLE, data)
    return data


def _errors(data: Path) -> list:
    with pytest.raises(InvalidInputError) as raised:
        load_with_warnings(data)
    return [e for e in raised.value.errors if e.file == "teams.csv"]


def test_a_file_gone_between_listing_and_reading_is_said_gone_not_unreadable(tmp_path, monkeypatch):
    data = _copy(tmp_path)
    tables_from = reading._tables_from

    def vanish_first(entries):
        (data / "teams.csv").unlink()
        return tables_from(entries)

    monkeypatch.setattr(reading, "_tables_from", vanish_first)
    (error,) = _errors(data)
    assert (error.row, error.column) == (None, None)
    assert error.message == GONE, error.message
    assert error.fix == AGAIN


def test_a_file_gone_between_listing_and_looking_is_said_gone_not_a_non_file(tmp_path, monkeypatch):
    data = _copy(tmp_path)
    iterdir = Path.iterdir

    def listed_then_gone(self):
        items = list(iterdir(self))
        if self == data:
            (data / "teams.csv").unlink()
        return iter(items)

    monkeypatch.setattr(Path, "iterdir", listed_then_gone)
    (error,) = _errors(data)
    assert error.message == GONE, error.message
    assert error.fix == AGAIN


@pytest.mark.parametrize("when", ["between listing and reading", "while it is read"])
def test_a_file_written_while_it_is_read_is_said_to_be(tmp_path, monkeypatch, when):
    """projects.csv being written while `planner validate` read it (attack round 23: a
    program rewriting it in a loop, 15 runs) read "the row has 2 cells but the header has 16
    columns. Fix: Add the missing cells" at whichever row the read ended, or "the file is
    empty": a fix for a file that was whole a moment later. The file's size and time of
    change are compared across its listing and its reading."""
    data = Path(shutil.copytree(SAMPLE, tmp_path / "data"))
    target = data / "projects.csv"
    real = reading._read_bounded
    if when == "between listing and reading":
        real_open = Path.open

        def opened(self, *args, **kwargs):
            if self == target:
                with real_open(self, "ab") as more:
                    more.write(b"AW-99,Half a row")
            return real_open(self, *args, **kwargs)

        monkeypatch.setattr(Path, "open", opened)
    else:

        def written_meanwhile(handle, limit):
            read = real(handle, limit)
            if handle.name == str(target):
                with target.open("ab") as more:
                    more.write(b"AW-99,Half a row")
            return read

        monkeypatch.setattr(reading, "_read_bounded", written_meanwhile)
    with pytest.raises(InvalidInputError) as raised:
        load_with_warnings(data)
    (problem,) = raised.value.errors
    assert (problem.file, problem.row, problem.column) == ("projects.csv", None, None)
    assert problem.message.startswith("the file changed while it was read"), problem
    assert problem.fix == "Run the command again once the program has finished writing it."


@pytest.mark.parametrize("name", ["q3.xlsx", "q3.zip"])
def test_a_workbook_or_zip_written_while_it_is_read_is_said_to_be(tmp_path, monkeypatch, name):
    """A data folder's files were checked for it, a workbook or zip given whole was not:
    one being saved (its zip's end written last) read "this is not a readable .xlsx
    workbook" or "it is not a readable zip file", with the fix to save it again."""
    from planner.core.workbook_writing import data_workbook
    from planner.core.writing import folder_zip

    problem = load_with_warnings(SAMPLE).problem
    target = tmp_path / name
    target.write_bytes(data_workbook(problem) if name.endswith(".xlsx") else folder_zip(problem))
    real_open = Path.open

    def opened(self, *args, **kwargs):
        if self == target:
            with real_open(self, "ab") as more:
                more.write(b"PK\x03\x04 half of the next part")
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", opened)
    with pytest.raises(InvalidInputError) as raised:
        load_with_warnings(target)
    (problem_said,) = raised.value.errors
    assert (problem_said.file, problem_said.row) == (name, None)
    assert problem_said.message.startswith("the file changed while it was read"), problem_said
    assert problem_said.fix == "Run the command again once the program has finished writing it."
