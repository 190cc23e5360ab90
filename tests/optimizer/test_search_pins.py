"""The local search after the greedy: its moves keep pins and forbids (rule 7), and it
stops at once when forced work it can never bring back is left out.

Pinned work is placed first, on its own, so a pinned project the greedy left out
lacks room on its team. The search took it as a mandatory project left out like any
other and inserted it where it fit: on a team it is not pinned to. The checker refused
that plan, so nothing wrong reached a leader, but the search's time went to a plan
that could never keep the rules.
"""

from __future__ import annotations

import dataclasses
import time

from builders import estimate, forbid, pin, problem, project, team

from planner.checker import check_plan
from planner.core.domain import Problem, Rule
from planner.optimizer.baseline_repair import nearby_plan
from planner.optimizer.eligibility import eligible_pairs
from planner.optimizer.greedy import Greedy, greedy_plan
from planner.optimizer.local_search import LocalSearch
from planner.solving.plans import to_plan


def pinned_out() -> Problem:
    """'full' (pinned to a) fills a; 'late' is mandatory and pinned to a too; b is empty."""
    return problem(
        [team("a", capacity=10), team("b", capacity=10)],
        [
            project("full", effort=10),
            project("late", effort=5, mandatory=True),
        ],
        rules=[pin("full", "a"), pin("late", "a")],
    )


def room_to_make(*rules_of_late: Rule) -> Problem:
    """'must' (mandatory, on either team) comes first in the data; 'late' (mandatory,
    rule 7 keeps it off b) needs all of a: it fits once 'must' moves to b, where it is
    worth less (so putting 'late' on b would gain more, were it allowed)."""
    return problem(
        [team("a", capacity=10), team("b", capacity=10)],
        [project("must", effort=10, mandatory=True), project("late", effort=10, mandatory=True)],
        estimates=[estimate("must", "b", value=0.5)],
        rules=list(rules_of_late),
    )


def owners(pairs: object) -> set[tuple[str, str]]:
    return {(p.project_id, p.team_id) for p in pairs}  # type: ignore[attr-defined]


def test_the_search_does_not_put_pinned_work_on_another_team():
    prob = pinned_out()
    chosen, starts = greedy_plan(prob, eligible_pairs(prob), improve_s=5.0)
    assert ("late", "b") not in owners(chosen)
    assert owners(chosen) == {("full", "a")}
    violations = check_plan(prob, to_plan(prob, chosen, starts))
    assert {v.rule for v in violations} == {2, 7}  # 'late' left out, not on b
    assert all("late" in v.message for v in violations)


def _searched(prob: Problem, pairs: object) -> set[tuple[str, str]]:
    """'must' on a (the data's order, as a plan near a baseline places it), then the
    search."""
    g = Greedy(prob, pairs, None)  # type: ignore[arg-type]
    row = next(r for r, p in enumerate(g.pairs) if (p.project_id, p.team_id) == ("must", "a"))
    g.take(prob.project("must"), [row])
    LocalSearch(g, time.perf_counter() + 5.0).run()
    return owners(g.plan())


def test_a_pinned_project_comes_back_on_its_own_team():
    """The search makes room on the pinned team by moving what may move."""
    prob = room_to_make(pin("late", "a"))
    assert _searched(prob, eligible_pairs(prob)) == {("late", "a"), ("must", "b")}


def test_a_forbidden_team_is_not_a_move():
    """Pairs are the eligible ones, which leave a forbidden pair out; the moves keep the
    rule on their own as well, as the checker does."""
    prob = room_to_make(forbid("late", "b"))
    every_pair = eligible_pairs(dataclasses.replace(prob, rules=()))
    assert _searched(prob, every_pair) == {("late", "a"), ("must", "b")}


def test_a_plan_near_a_baseline_keeps_the_pin():
    """The plan near a baseline places mandatory work before pinned work, and its search
    (the same moves, counting changes) brings the pinned project back where it is pinned."""
    prob = room_to_make(pin("late", "a"))
    chosen, objective = nearby_plan(prob, eligible_pairs(prob), {}, 0.0, time_limit_s=5.0)
    assert owners(chosen) == {("late", "a"), ("must", "b")}
    assert objective is not None


class _Counted(LocalSearch):
    """The quarter search, counting the descents it starts."""

    descents = 0

    def _descend(self, top: int | None = None) -> None:
        type(self).descents += 1
        super()._descend(top)


def test_the_search_stops_when_forced_work_cannot_come_back():
    """'late' has no room on a whatever moves (only pinned work holds a): the greedy's
    plan is handed back as it is, and the search leaves its time to what follows."""
    prob = pinned_out()
    _Counted.descents = 0
    rounded = []
    chosen, _ = greedy_plan(
        prob,
        eligible_pairs(prob),
        improve_s=5.0,
        search=_Counted,
        rounded=lambda plan, _starts: rounded.append(owners(plan)),
    )
    assert _Counted.descents == 0
    assert rounded == [owners(chosen)]


def test_the_search_runs_when_forced_work_can_come_back():
    """The same count where a move can bring it back ('must' may leave a for b)."""
    prob = room_to_make(pin("late", "a"))
    _Counted.descents = 0
    g = Greedy(prob, eligible_pairs(prob), None)
    row = next(r for r, p in enumerate(g.pairs) if (p.project_id, p.team_id) == ("must", "a"))
    g.take(prob.project("must"), [row])
    _Counted(g, time.perf_counter() + 5.0).run()
    assert _Counted.descents > 0
    assert owners(g.plan()) == {("late", "a"), ("must", "b")}


def pinned_side_full() -> Problem:
    """'full' (pinned to sales team s1) fills s1; joint 'duo' is pinned to s1 on its sales
    side too; s2, another sales team, and m1 (marketing) have room for it."""
    return problem(
        [
            team("s1", "sales", capacity=10),
            team("s2", "sales", capacity=10),
            team("m1", "marketing", capacity=10),
        ],
        [
            project("full", "closing", effort=10),
            project("duo", "nurturing", effort=4, joint=True),
        ],
        rules=[pin("full", "s1"), pin("duo", "s1")],
    )


def test_the_greedy_does_not_give_a_joint_project_s_pinned_side_to_another_team():
    """Rule 7 is read once for the greedy and the searches (allowed_rows): a joint
    project's pinned side goes to its pinned team or nowhere. The greedy took the other
    sales team when the pinned one had no room, a plan the checker then refused for the
    pin; now it leaves the project out, as it does a pinned project of one team."""
    prob = pinned_side_full()
    chosen, starts = greedy_plan(prob, eligible_pairs(prob), improve_s=5.0)
    assert owners(chosen) == {("full", "s1")}
    violations = check_plan(prob, to_plan(prob, chosen, starts))
    assert {v.rule for v in violations} == {7}  # 'duo' left out, not on s2
    assert all("duo" in v.message for v in violations)
