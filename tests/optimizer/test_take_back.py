"""planner.optimizer.take_back: a move is taken back only where every hard rule still holds."""

from __future__ import annotations

from builders import pin, problem, project, team

from planner.core.domain import Baseline
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
