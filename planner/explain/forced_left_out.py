"""No plan because the quick first plan left out work that must be in it, in words.

The facts are :mod:`planner.solving.short_of_forced`'s (which forced work the quick plan
left out, the teams it may have, the forced work the plan put on them, how far the full
search got); the sentence a leader reads is written here, beside the other no-plan words.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from planner.core.domain import Project, Team

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


@dataclass(frozen=True)
class ForcedLeftOut:
    """The quick first plan left forced work out (mandatory, pinned, or needed by such work).

    ``missing``: that work, in the problem's order; ``teams``: the teams the first of it
    may have (its pins, or every team eligible for it); ``holding``: the forced work, not
    pinned there, that the quick plan put on those teams; ``num_teams`` and
    ``num_projects``: the quarter's size; ``search``: how far the full search got.
    """

    missing: tuple[Project, ...]
    teams: tuple[Team, ...]
    holding: tuple[Project, ...]
    num_teams: int
    num_projects: int
    search: Search


def first_plan_short_said(left: ForcedLeftOut) -> str:
    """ ": the quick first plan could not fit 'X', ..." (to follow "no plan was found
    within ...")."""
    search = left.search
    size = f"{left.num_teams:,} teams x {left.num_projects:,} projects"
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
        f": the quick first plan could not fit {_names(left.missing)}, which must be in the "
        f"plan (mandatory, pinned, or needed by such work), beside the rest of that work, and "
        f"{how}. A plan may still exist: {_fix(left)}"
    )


def _fix(left: ForcedLeftOut) -> str:
    """What the leader can do: move the forced work that took the room of the first
    left-out project's teams (when it has one or two), or plan the quarter in parts."""
    parts = "plan the quarter in parts (a region or a department at a time)"
    teams, others = left.teams, left.holding
    if not teams or len(teams) > _MAX_TEAMS or not others:
        return f"{parts}, or pin the work that must be in it to the teams you want it on."
    named = " and ".join(t.name for t in teams)
    has = "has" if len(teams) == 1 else "have"
    it = "it" if len(others) == 1 else "them"
    return (
        f"{named} also {has} {_names(others)} in that plan, which must be in it too; "
        f"pinning {it} to another team leaves '{left.missing[0].name}' the room. Or {parts}."
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
