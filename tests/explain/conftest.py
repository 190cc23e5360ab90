"""Shared set-ups of the explanation tests: the bundled sample and its plan, solved once
a module."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.core.loading import load_with_warnings
from planner.solving.solver import solve


@pytest.fixture(scope="module")
def sample_result():
    sample = load_with_warnings(Path(__file__).resolve().parents[2] / "data" / "sample").problem
    return sample, solve(sample)
