"""A workbook with another file's bytes before it (attack round 24).

A program (or any file) with an .xlsx appended validated: read from its end, as zip tools
read a zip, the planner found the workbook inside it, where Excel does not open the file
and a leader may have been sent a program. It is refused as what it is, from disk and as
an upload on the Data page alike; a self-extracting data zip was already.
"""

from __future__ import annotations

import pytest

from planner.core.editing import imported
from planner.core.errors import InvalidInputError
from planner.core.loading import load_with_warnings
from planner.core.workbook_writing import data_workbook


@pytest.mark.parametrize(
    ("before", "said"),
    [
        (b"MZ\x90\x00" + b"\x00" * 4_996, "a Windows program of 5,000 bytes"),
        (b"\x7fELF" + b"\x00" * 996, "a Linux program of 1,000 bytes"),
        (b"team_id,name\nT1,Brand\n", "a file of 22 bytes"),
    ],
)
def test_a_workbook_after_other_bytes_is_refused_as_what_it_is(tmp_path, sample, before, said):
    data = before + data_workbook(sample)
    path = tmp_path / "q3.xlsx"
    path.write_bytes(data)
    for load in (lambda: load_with_warnings(path), lambda: imported(sample, "q3.xlsx", data, "")):
        with pytest.raises(InvalidInputError) as caught:
            load()
        (problem,) = caught.value.errors
        assert problem.file == "q3.xlsx"
        assert problem.message.startswith(f"this is {said} with a workbook after it"), problem
        assert "save it as an Excel Workbook (.xlsx)" in problem.fix


def test_the_workbook_itself_still_loads(tmp_path, sample):
    path = tmp_path / "q3.xlsx"
    path.write_bytes(data_workbook(sample))
    assert load_with_warnings(path).problem == sample
