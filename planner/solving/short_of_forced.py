"""No plan because the quick first plan left out work that must be in it, in words.

At company scale the full search may not start within the limit (or finds nothing in
its time), and the warm start's plan is then the only one. When its greedy painted
itself into a corner and left a mandatory or pinned project out, "Raise the time limit"
misled: a generated 150 x 1,500 quarter in weeks (seed 1) read it at 10, 30 and 120 s,
and the search that began at 300 s found nothing either. The answer names the work left
out, where the quick plan put the work that took its room, and what a leader can do.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from planner.core.domain import Problem, Project
from planner.optimizer.eligibility import Pair
from planner.optimizer.greedy import forced_projects

#: At most this many projects are named in one sentence; the rest are counted.
_MAX_NAMED = 3
#: The teams a left-out project may have are named only when there are this few.
_MAX_TEAMS = 2


@dataclass(frozen=True)
class Search:
    """How far the full search got: ``needed_s``, about the shortest limit that leaves it
    its time after the quick first plan; ``searched``, whether it ran and found nothing."""

    needed_s: int
    limit_s: float
    elapsed_s: float
    searched: bool = False


def first_plan_short(
    problem: Problem, pairs: Sequence[Pair], plan: Sequence[Pair], search: Search
) -> str | None:
    """ ": the quick first plan could not fit 'X', ..." (to follow "no plan was found
    within ..."), or ``None`` when the plan left no forced work out."""
    planned = {p.project_id for p in plan}
    missing = [p for p in forced_projects(problem) if p.project_id not in planned]
    if not missing:
        return None
    size = f"{len(problem.teams):,} teams x {len(problem.projects):,} projects"
    found = "the full search, which may find a plan with it,"
    if search.searched:
        how = f"{found} found none in the time it had"
    elif search.needed_s > search.limit_s:
        how = (
            f"at {size} {found} needs a time limit of at least about {search.needed_s:,} s "
            "before it can start, and may find none even then"
        )
    else:
        how = (
            f"{found} could not start within the limit on this busy machine (getting it "
            f"ready took {search.elapsed_s:.1f} s)"
        )
    return (
        f": the quick first plan could not fit {_names(missing)}, which must be in the plan "
        f"(mandatory, pinned, or needed by such work), beside the rest of that work, and "
        f"{how}. A plan may still exist: {_fix(problem, pairs, plan, missing[0])}"
    )


def _fix(problem: Problem, pairs: Sequence[Pair], plan: Sequence[Pair], left: Project) -> str:
    """What the leader can do: move the forced work that took the room of ``left``'s
    teams (when it has one or two), or plan the quarter in parts."""
    parts = "plan the quarter in parts (a region or a department at a time)"
    pinned = sorted(t for p, t in problem.pins if p == left.project_id)
    teams = pinned if pinned and not left.joint else None
    if teams is None:
        teams = sorted({p.team_id for p in pairs if p.project_id == left.project_id})
    forced = {p.project_id for p in forced_projects(problem)}
    holding = sorted(
        {
            p.project_id
            for p in plan
            if p.team_id in teams
            and p.project_id in forced
            and (p.project_id, p.team_id) not in problem.pins
        }
    )
    if not teams or len(teams) > _MAX_TEAMS or not holding:
        return f"{parts}, or pin the work that must be in it to the teams you want it on."
    named = " and ".join(problem.team(t).name for t in teams)
    others = [problem.project(p) for p in holding]
    has = "has" if len(teams) == 1 else "have"
    it = "it" if len(others) == 1 else "them"
    return (
        f"{named} also {has} {_names(others)} in that plan, which must be in it too; "
        f"pinning {it} to another team leaves '{left.name}' the room. Or {parts}."
    )


def _names(projects: Sequence[Project]) -> str:
    """'A', 'B' and 'C', or 'A', 'B', 'C' and 4 more."""
    quoted = [f"'{p.name}'" for p in projects[:_MAX_NAMED]]
    rest = len(projects) - len(quoted)
    if rest:
        return ", ".join(quoted) + f" and {rest:,} more"
    if len(quoted) == 1:
        return quoted[0]
    return ", ".join(quoted[:-1]) + f" and {quoted[-1]}"
