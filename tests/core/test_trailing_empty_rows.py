"""Empty rows a spreadsheet writes at the end of a CSV file (attack round 36): 100,000 rows of
commas, as Excel saves a sheet whose empty rows were formatted, read "the data files hold
more than 1,000,000 cells together", and 100,000 blank lines "the file has more than 100,000
data rows": rows with nothing in them, which the planner skips, counted against its caps."""

from __future__ import annotations

from pathlib import Path

import pytest
from bad_input_cases import BASE, make_folder, text

from planner.core.errors import InvalidInputError
from planner.core.loading import load_with_warnings


@pytest.mark.parametrize("empty", [",,,,,,,,,,", ""], ids=["commas", "blank lines"])
def test_empty_rows_past_the_caps_at_the_end_of_a_file_are_skipped(
    tmp_path: Path, empty: str
) -> None:
    lines = [*BASE["projects.csv"], *[empty] * 100_001]
    loaded = load_with_warnings(make_folder(tmp_path, {"projects.csv": text(lines)}))
    assert [p.project_id for p in loaded.problem.projects] == ["P1", "P2", "P3"]


def test_a_row_after_empty_rows_is_named_by_its_own_row(tmp_path: Path) -> None:
    lines = [*BASE["goals.csv"], *[",,,,,"] * 3, "G3,Third,,0,,"]
    with pytest.raises(InvalidInputError) as caught:
        load_with_warnings(make_folder(tmp_path, {"goals.csv": text(lines)}))
    assert [(i.row, i.column) for i in caught.value.errors] == [(7, "target")]
