"""Whether a pinned project is held by its work in progress, asked of every project.

A check-in of 100 teams and 5,000 projects at week 6 (4,600 of them in progress) spent
8.7 s of its 3 s re-plan saying which loads were "in progress" and which "pinned": each
question scanned every pin of the quarter, so the time grew with the square of the
projects, and `planner checkin --time-limit 3` answered after 9 s of solving.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from planner.core.loading import load_with_warnings
from planner.explain.in_progress import in_progress
from planner.scenarios.checkin import CheckIn, ProjectProgress, ProjectStatus
from planner.scenarios.rest_of_quarter import replan_problem
from planner.solving.solver import solve

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"


class _CountedPins(frozenset):
    """The quarter's pins, counting how often they are read through."""

    reads = 0

    def __iter__(self):
        type(self).reads += 1
        return super().__iter__()


def test_the_pins_are_read_once_however_many_projects_are_asked_about():
    """Every project of a check-in asked about: the pins are gone through once, not once
    per project, and each reads as before: held by its work in progress when it is in
    progress with every team it is pinned to."""
    sample = load_with_warnings(SAMPLE).problem
    plan = solve(sample, time_limit_s=3).plan
    assert plan is not None
    running = sorted(plan.owners())
    halfway = ProjectProgress(ProjectStatus.IN_PROGRESS, Decimal(50))
    checkin = CheckIn(weeks_elapsed=Decimal(6), projects=dict.fromkeys(running, halfway))
    rest = replan_problem(sample, plan, checkin, max_changes=None, stability_weight=1)
    assert len(running) > 20 and len(rest.pins) >= len(running)
    assert rest.baseline is not None
    held = {
        p: p in rest.baseline.in_progress
        and all(t in rest.baseline.owners[p] for q, t in rest.pins if q == p)
        for p in running
    }
    assert sum(held.values()) > 20
    rest.__dict__["pins"] = _CountedPins(rest.pins)

    assert {p: in_progress(rest, p) for p in running} == held
    assert _CountedPins.reads <= 1
