"""A team's hours for the quarter under the settings' what-if, exact.

Two figures, one base (``Problem.quarter_hours``): the what-if capacity (capacity x
multiplier), which utilisation and the load chart divide by, and the capacity in
force (x max utilisation too), rule 5's limit and the hours every page shows as a
team's room. The optimizer, the explanations and the figures all read them here.
"""

from __future__ import annotations

from fractions import Fraction
from functools import lru_cache

from planner.core.domain import Problem, Team
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
