"""No plan because the quick first plan left out work that must be in it: the facts.

At company scale the full search may not start within the limit (or finds nothing in
its time), and the warm start's plan is then the only one. When its greedy painted
itself into a corner and left a mandatory or pinned project out, "Raise the time limit"
misled: a generated 150 x 1,500 quarter in weeks (seed 1) read it at 10, 30 and 120 s,
and the search that began at 300 s found nothing either. The answer names the work left
out, where the quick plan put the work that took its room, and what a leader can do:
this module finds those facts; :mod:`planner.explain.forced_left_out` says them.
"""

from __future__ import annotations

from collections.abc import Sequence

from planner.core.domain import Problem, Project, Team
from planner.core.pairs import Pair
from planner.explain.forced_left_out import ForcedLeftOut, Search
from planner.optimizer.greedy import forced_projects


def first_plan_short(
    problem: Problem, pairs: Sequence[Pair], plan: Sequence[Pair], search: Search
) -> ForcedLeftOut | None:
    """The forced work the quick first plan left out, the teams the first of it may have
    and the forced work the plan put on them; ``None`` when the plan left no forced work
    out."""
    planned = {p.project_id for p in plan}
    forced = forced_projects(problem)
    missing = [p for p in forced if p.project_id not in planned]
    if not missing:
        return None
    teams, holding = _room_taken(problem, pairs, plan, missing[0], forced)
    return ForcedLeftOut(
        missing=tuple(missing),
        teams=teams,
        holding=holding,
        num_teams=len(problem.teams),
        num_projects=len(problem.projects),
        search=search,
    )


def _room_taken(
    problem: Problem,
    pairs: Sequence[Pair],
    plan: Sequence[Pair],
    left: Project,
    forced: Sequence[Project],
) -> tuple[tuple[Team, ...], tuple[Project, ...]]:
    """The teams ``left`` may have (its pins, unless it is joint, else every team eligible
    for it), and the forced work, not pinned there, that ``plan`` put on them."""
    pinned = sorted(t for p, t in problem.pins if p == left.project_id)
    team_ids = pinned if pinned and not left.joint else None
    if team_ids is None:
        team_ids = sorted({p.team_id for p in pairs if p.project_id == left.project_id})
    forced_ids = {p.project_id for p in forced}
    holding = sorted(
        {
            p.project_id
            for p in plan
            if p.team_id in team_ids
            and p.project_id in forced_ids
            and (p.project_id, p.team_id) not in problem.pins
        }
    )
    return (
        tuple(problem.team(t) for t in team_ids),
        tuple(problem.project(p) for p in holding),
    )
