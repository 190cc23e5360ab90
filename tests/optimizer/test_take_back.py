"""planner.optimizer.take_back: a move is taken back only where every hard rule still holds."""

from __future__ import annotations

from builders import pin, problem, project, settings, team

from planner.core.domain import Baseline
from planner.core.settings import CalendarSettings
from planner.optimizer.eligibility import eligible_pairs
from planner.optimizer.take_back import taken_back


def _joint_pinned_on_both_sides(pins: list[tuple[str, str]]):
    """A joint project the current plan gave s1 and m2, now (the what-if) pinned as ``pins``."""
    prob = problem(
        [team("s1", "sales"), team("m1", "marketing"), team("m2", "marketing")],
        [project("j", "qualification", 10, 5, joint=True)],
        rules=[pin(p, t) for p, t in pins],
        baseline=Baseline(owners={"j": frozenset({"s1", "m2"})}),
    )
    pairs = eligible_pairs(prob)
    chosen = [p for p in pairs if p.team_id in {"s1", "m1"}]
    return prob, pairs, chosen


def test_a_joint_project_goes_back_only_where_each_side_s_pin_holds():
    """Rule 7 as the searches read it (local_search.pins_allow): a pin on the marketing side
    keeps m1, so the current plan's m2 is not put back, though s1's sales pin holds."""
    prob, pairs, chosen = _joint_pinned_on_both_sides([("j", "s1"), ("j", "m1")])
    assert taken_back(prob, pairs, chosen, {}, floor=0.0) is None
    prob, pairs, chosen = _joint_pinned_on_both_sides([("j", "s1")])
    back = taken_back(prob, pairs, chosen, {}, floor=0.0)
    assert back is not None
    assert sorted(p.team_id for p in back[0]) == ["m2", "s1"]


def test_a_start_goes_back_only_where_its_prerequisite_has_ended_first():
    """Rule 12 (core.weeks.start_after): the current plan ran a in weeks 2-3; the near plan
    runs it in weeks 1-2 and its dependent b from ``b_starts``. a goes back to week 2 when
    b starts after week 3, not when b starts in week 3."""

    def back(b_starts: int):
        prob = problem(
            [team("t", capacity=1000)],
            [
                project("a", effort=10, duration_weeks=2),
                project("b", effort=10, duration_weeks=2, depends_on=("a",)),
            ],
            settings=settings(calendar=CalendarSettings(weeks=5)),
            baseline=Baseline(owners={"a": frozenset({"t"})}, starts={"a": 2}),
        )
        pairs = eligible_pairs(prob)
        return taken_back(prob, pairs, list(pairs), {"a": 1, "b": b_starts}, floor=0.0)

    assert back(3) is None
    moved = back(4)
    assert moved is not None and moved[1] == {"a": 2, "b": 4}
