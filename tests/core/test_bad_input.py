"""Bad input: every malformed data folder ends as one InvalidInputError that says where.

The matrix of broken folders is kept by subject: files, headers and rows in
test_bad_files.py, cells in test_bad_cells.py, ids and references in test_bad_ids.py.
Here: the matrix as a whole, the shape of an error's text, and the fuzz (whatever the
bytes or the edited cells, nothing but InvalidInputError or a valid problem).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from bad_input_cases import PROJECT_ROW, make_folder, row
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_bad_cells import CASES as CELL_CASES
from test_bad_files import CASES as FILE_CASES
from test_bad_ids import CASES as ID_CASES

from planner.core.domain import Problem
from planner.core.errors import InputIssue, InvalidInputError
from planner.core.loading import (
    COLUMNS,
    build_problem,
    load_with_warnings,
    read_csv_text,
)

#: The whole matrix of broken folders.
CASES = [*FILE_CASES, *CELL_CASES, *ID_CASES]


def test_the_matrix_has_at_least_forty_cases() -> None:
    """The bad-input contract is only as good as the cases that pin it down."""
    assert len(CASES) >= 40
    assert len({c.name for c in CASES}) == len(CASES)


def test_error_text_reads_as_file_row_column_problem_and_fix(tmp_path: Path) -> None:
    """The CLI prints str(issue); its shape is part of the contract leaders see. The fix
    gives the figure meant, exactly (it read "Write a plain decimal such as 120.5")."""
    folder = make_folder(tmp_path, row("projects.csv", 2, PROJECT_ROW.format(effort='"12,5"')))

    with pytest.raises(InvalidInputError) as caught:
        load_with_warnings(folder)

    assert str(caught.value.errors[0]) == (
        "projects.csv, row 2, column effort_hours: '12,5' is not a number (it uses a decimal "
        "comma). Fix: Write it as 12.5."
    )


# -- fuzz: nothing but InvalidInputError ------------------------------------

CSV_ALPHABET = st.sampled_from([*'abT1P0.,;:"\n\r -e\t', "\x00", "é", "\ufeff", "\udc80"])


def projects_frame() -> pd.DataFrame:
    return pd.DataFrame({"project_id": ["P1"], "stage": ["awareness"], "effort_hours": ["1"]})


def only_invalid_input(run: object) -> None:
    try:
        run()  # type: ignore[operator]
    except InvalidInputError as exc:
        assert exc.issues
        assert all(isinstance(i, InputIssue) for i in exc.issues)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.binary(max_size=300)
    | st.text(CSV_ALPHABET, max_size=200).map(lambda s: s.encode("utf-8", errors="surrogateescape"))
)
def test_any_bytes_end_as_a_frame_or_invalid_input(data: bytes) -> None:
    """No upload, however broken, may crash the app or the CLI with a traceback."""

    def run() -> None:
        teams = read_csv_text(data, "teams.csv")
        build_problem({"teams.csv": teams, "projects.csv": projects_frame()})

    only_invalid_input(run)


CELLS = st.one_of(
    st.text(max_size=6),
    st.sampled_from(["1", "0", "-1", "1e3", "true", "sales", "awareness", "seo:9", "P1", " "]),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.none(),
)


@st.composite
def edited_frames(draw: st.DrawFn) -> dict[str, pd.DataFrame]:
    """Frames as the data editor might hand them back: any columns, any cell types."""
    frames = {}
    for name, columns in COLUMNS.items():
        if name not in ("teams.csv", "projects.csv") and draw(st.booleans()):
            continue
        chosen = draw(st.lists(st.sampled_from([*columns, "extra", " "]), max_size=8))
        rows = draw(st.lists(st.lists(CELLS, min_size=len(chosen), max_size=len(chosen))))
        frames[name] = pd.DataFrame(rows, columns=chosen, dtype=object)
    return frames


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(frames=edited_frames())
def test_any_edited_cells_end_as_a_problem_or_invalid_input(
    frames: dict[str, pd.DataFrame],
) -> None:
    """Whatever a leader types into the editor, validation answers in words, never a crash."""

    def run() -> None:
        result = build_problem(frames)
        assert isinstance(result.problem, Problem)

    only_invalid_input(run)
