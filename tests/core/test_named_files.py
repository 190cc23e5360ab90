"""Files named on the command line besides the data, given as the wrong kind of file."""

from __future__ import annotations

import pytest

from planner.core.errors import InvalidInputError
from planner.core.named_files import read_named_text


def test_a_workbook_given_as_the_check_in_is_named_as_one(tmp_path):
    """plan.xlsx given as --checkin read "the check-in is not UTF-8 text. Fix: ... save
    it as UTF-8", which no save of a workbook fixes."""
    book = tmp_path / "plan.xlsx"
    book.write_bytes(b"PK\x03\x04" + bytes(range(256)) * 4)
    with pytest.raises(InvalidInputError) as raised:
        read_named_text(str(book), "check-in")
    (issue,) = raised.value.issues
    assert issue.file == "plan.xlsx"
    assert issue.message == "the check-in is a workbook or a zip, not a text file."
    assert "checkin-template" in issue.fix
