"""Shared set-ups of the core tests: the sample quarter without weeks, as the workbook tests
read and write it, and the small data folder the loading tests read."""

from __future__ import annotations

from pathlib import Path

import pytest
from builders import SAMPLE
from loading_files import TINY_FOLDER, write_files

from planner.core.domain import Problem
from planner.core.loading import load_with_warnings


@pytest.fixture(scope="module")
def sample() -> Problem:
    """The sample quarter without weeks (data/sample-without-weeks): the workbook as round 1
    had it; the bundled sample in weeks (``builders.SAMPLE``) adds its weekly sheet
    (test_workbook.py, test_plan_workbook.py)."""
    return load_with_warnings(SAMPLE.parent / "sample-without-weeks").problem


@pytest.fixture
def tiny_folder(tmp_path: Path) -> Path:
    """Two teams, three projects, two goals, one estimate and one pin: every file once."""
    return write_files(tmp_path / "data", TINY_FOLDER)
