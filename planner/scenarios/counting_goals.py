"""Which goals' KPIs count things, and so are recorded in whole units."""

from __future__ import annotations

from decimal import Decimal

from planner.core.domain import Problem


def _whole(amount: Decimal | None) -> bool:
    return amount is None or amount == amount.to_integral_value()


def counting_goals(problem: Problem) -> frozenset[str]:
    """The goals whose KPI counts things (customers, deals, MQLs, dollars): a whole
    target, and whole values toward it (projects' value, range and estimates).

    A leader records these in whole units: a check-in pre-fills them whole. A goal in
    $M (a target of 2.5), or a project worth 2.5 customers, keeps its decimals.
    """
    whole = {g.goal_id for g in problem.goals if _whole(g.target)}
    goal_of = {p.project_id: p.goal_id for p in problem.projects}
    for p in problem.projects:
        if not all(_whole(v) for v in (p.value, p.value_low, p.value_high)):
            whole.discard(p.goal_id or "")
    for e in problem.estimates:
        if not _whole(e.value):
            whole.discard(goal_of.get(e.project_id) or "")
    return frozenset(whole)
