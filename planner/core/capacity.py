"""A team's hours for the quarter under the settings' what-if, exact.

Two figures, one base (``Problem.quarter_hours``): the what-if capacity (capacity x
multiplier), which utilisation and the load chart divide by, and the capacity in
force (x max utilisation too), rule 5's limit and the hours every page shows as a
team's room. The optimizer, the explanations and the figures all read them here.
"""

from __future__ import annotations

import threading
from fractions import Fraction
from functools import lru_cache

from planner.core.domain import Problem, Team
from planner.core.rounded_parts import hours_adding_up
from planner.core.settings import capacity_share


@lru_cache(maxsize=4096)
def _limit(capacity: Fraction, share: Fraction) -> Fraction:
    # Memoised: explanations ask for the same team's limit thousands of times.
    return Fraction(capacity) * share


def team_limit(problem: Problem, team: Team) -> Fraction:
    """Hours a team may plan: capacity x multiplier x max utilisation (exact).

    Rule 5's limit (``Formulation._team_capacity`` reads it) and the "capacity in
    force" every page shows (:func:`planner.scenarios.metrics.capacity_of`); the
    base of utilisation is :func:`what_if_capacity`, before max utilisation.
    """
    share = problem.settings.plannable_share(team.team_id, team.department)
    return _limit(problem.quarter_hours(team.team_id), share)


def what_if_capacity(problem: Problem, team: Team) -> Fraction:
    """What-if capacity (capacity x multiplier), before max utilisation.

    The base of the ``balance`` term's utilisation (SPEC: hours / (capacity x
    multiplier)) and the load chart's ``available_hours``; rule 5's limit, which
    ``Formulation._team_capacity`` builds on, is :func:`team_limit`.
    """
    multiplier = problem.settings.multiplier(team.team_id, team.department)
    return _limit(problem.quarter_hours(team.team_id), capacity_share(multiplier))


#: The latest problems' limits as shown, by the problem's identity (problems never change).
_SHOWN: list[tuple[Problem, dict[str, float]]] = []
_SHOWN_KEPT = 8
_SHOWN_LOCK = threading.Lock()


def team_limit_shown(problem: Problem, team: Team) -> float:
    """A team's :func:`team_limit` as every page writes it: its department's limits and all
    teams' added up and rounded once, its own within an hour of it so that the rows add up
    to the cards (:func:`~planner.core.rounded_parts.hours_adding_up`). The sample's SDR Team,
    984.6 h, reads 984 h: its department's five teams read 5,319 h as their 5,319.1 h do.
    """
    with _SHOWN_LOCK:
        known = [shown for p, shown in _SHOWN if p is problem]
    if known:
        return known[0][team.team_id]
    teams = [problem.team(t) for t in problem.team_order]
    parts = hours_adding_up([t.department for t in teams], [team_limit(problem, t) for t in teams])
    shown = {t.team_id: part for t, part in zip(teams, parts, strict=True)}
    with _SHOWN_LOCK:
        _SHOWN.append((problem, shown))
        del _SHOWN[:-_SHOWN_KEPT]
    return shown[team.team_id]


def quarter_hours_shown(problem: Problem, team_id: str) -> float:
    """A team's quarter at 100 % (:meth:`Problem.quarter_hours`, the Calendar tab's weeks
    where given) as every page writes it: rounded with the other teams' so that a
    department's rows add up to its card, as :func:`team_limit_shown` is. The sample's
    Demand Gen, 1,378.5 h, reads 1,378 h on the Plan and Constraints pages and in the
    exports; its own rounding (1,379 h) is another figure for the same hours.
    """
    teams = [problem.team(t) for t in problem.team_order]
    parts = hours_adding_up(
        [t.department for t in teams], [problem.quarter_hours(t.team_id) for t in teams]
    )
    return dict(zip((t.team_id for t in teams), parts, strict=True))[team_id]
