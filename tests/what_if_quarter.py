"""The time limit a what-if test solves a quarter with
(tests/scenarios/test_relative.py, test_relative_words.py, conftest.py).
"""

from __future__ import annotations

from dataclasses import replace

from planner.core.domain import Problem


def limited(problem: Problem, seconds: float) -> Problem:
    s = problem.settings
    return problem.replace(settings=s.with_changes(solve=replace(s.solve, time_limit_s=seconds)))
