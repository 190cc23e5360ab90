"""An empty file (0 bytes) given as the data workbook or zip (attack round 23).

A download or save that did not finish leaves an empty file: it read "this is not a
readable .xlsx workbook" (or "not a readable zip file"), as if something in it were damaged.
It is said to be empty, from disk and as an upload on the Data page alike.
"""

from __future__ import annotations

import pytest

from planner.core.editing import imported
from planner.core.errors import InvalidInputError
from planner.core.loading import load_with_warnings


@pytest.mark.parametrize("name", ["q3.xlsx", "q3.zip"])
def test_an_empty_workbook_or_zip_is_said_to_be_empty(tmp_path, sample, name):
    path = tmp_path / name
    path.write_bytes(b"")
    for load in (lambda: load_with_warnings(path), lambda: imported(sample, name, b"", "")):
        with pytest.raises(InvalidInputError) as caught:
            load()
        (problem,) = caught.value.errors
        assert problem.message.startswith("the file is empty (0 bytes)"), problem
        assert problem.fix.endswith("or download it again.")
