"""A team's free hours beside the hours a project needs, as every "free for" line writes
them: to the decimals that show the shortfall, and the work whose hours would free enough."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import Decimal
from fractions import Fraction
from typing import TypeVar

from planner.core.capacity import team_limit_shown
from planner.core.domain import Problem, Project, Team
from planner.core.shown_figures import hours as hours_text
from planner.core.shown_figures import hours_value

_T = TypeVar("_T")


#: The most decimals hours deciding a fit are written to (:func:`fit_decimals`).
FIT_DECIMALS_MAX = 4


def fit_decimals(free: Fraction, need: Fraction) -> int | None:
    """The decimals a team's ``free`` hours and the ``need`` set beside them are written
    to, so that the shortfall a leader reads off them is the one there is: one rule for
    every "free for" line, hours that decide a fit written to the precision that shows
    the difference.

    The two take the decimals the shortfall itself is written with (whole from 10 h,
    a tenth below, :func:`~planner.core.shown_figures.hours_value`), and more where those still
    read alike. 198.5 h free for 200 h read "199 h free for its 200 h", 1 h short where
    the team is 1.5 h short; 199.6 h read "200 h free for its 200 h", a shortfall told
    as a fit. ``None`` when the team has room, or whole hours already show the
    shortfall (7.5 h free for 268 h: then the free hours are its row's, :func:`free_shown`).
    """
    free = max(free, Fraction(0))
    if free >= need:
        return None
    short = _shown_decimals(need - free)
    if short == 0 and hours_value(free) < hours_value(need):
        return None
    decimals = max(short, _shown_decimals(free), _shown_decimals(need))
    for places in range(max(decimals, 1), FIT_DECIMALS_MAX + 1):
        if round(float(free), places) < round(float(need), places):
            return places
    return FIT_DECIMALS_MAX


def _shown_decimals(value: Fraction) -> int:
    """The decimals hours are written with as every page writes them: 0 for 1,240 h, 1
    for 7.5 h, 3 for 0.013 h."""
    exponent = Decimal(repr(hours_value(value))).normalize().as_tuple().exponent
    return max(0, -int(exponent))


def free_for(free: Fraction, decimals: int | None) -> str:
    """A team's free hours as a "free for" line writes them (:func:`fit_decimals`)."""
    free = max(free, Fraction(0))
    return hours_to(free, decimals)


def row_free(problem: Problem, team: Team, load: Fraction) -> float:
    """A team's free hours as its row on the Plan page and plan.xlsx's Team load read
    them: its capacity as shown less its planned hours as shown (Demand Gen's 1,378 h less
    1,340 h is 38 h, where its exact 38.5 h read 39 h in one line and 38 h in the next)."""
    return max(team_limit_shown(problem, team) - hours_value(load), 0.0)


def free_shown(
    problem: Problem, team: Team, free: Fraction, load: Fraction, decimals: int | None
) -> str:
    """A team's ``free`` hours beside the hours it lacks room for: as its row reads them
    (:func:`row_free`), or to ``decimals`` where whole hours would hide the shortfall
    (:func:`fit_decimals`). "SDR Team has 843 of 850 h planned, 7 h free" stood above "SDR
    Team has 7.5 h free for its 268 h": one team's free hours, two figures."""
    if decimals is not None:
        return free_for(free, decimals)
    return hours_text(row_free(problem, team, load))


def hours_to(value: Fraction, decimals: int | None) -> str:
    """Hours as every page writes them, or to ``decimals`` places without trailing zeros:
    "199.6 h" free for "its 200 h" (:func:`fit_decimals`)."""
    if decimals is None:
        return hours_text(value)
    return f"{float(value):,.{decimals}f}".rstrip("0").rstrip(".") + " h"


#: What a joint project's hours for one team are, said after them: "its 140 h share of this
#: joint project". A reason that leads with the project's need of both a sales and a
#: marketing owner has said it, and leaves it out of each team's hours.
JOINT_SHARE = " share of this joint project"


def team_need(
    project: Project,
    team: Team,
    hours: Fraction,
    a_week: str | None = None,
    decimals: int | None = None,
) -> str:
    """The hours ``team`` needs for ``project``, as the left-out reasons say them.

    ``hours`` are the team's own (:func:`~planner.core.pairs.pair_hours`). A
    joint project's hours are the team's share of it; a team's own estimate is said beside
    the project's hours, as the table beside the reason shows them: ``its 220 h``, ``its
    140 h share of this joint project``, ``this project's 220 h (190 h for Demand Gen)``.
    ``a_week``: the team's hours a week as shown, said first, with the project's hours and
    the team's own beside them when they differ: ``its 19 h a week (this project's 220 h,
    190 h for Demand Gen)``. ``decimals``: the hours to that many places, beside free hours
    written so (:func:`fit_decimals`).
    """

    def shown(value: Fraction) -> str:
        return hours_to(value, decimals)

    default = Fraction(project.hours_for(team.department))
    own = hours != default
    share = JOINT_SHARE if project.joint else ""
    whole = "share" if project.joint else "project's"
    if a_week is None:
        # The project's hours lead, the team's own beside them.
        whose = f"this {whole}" if own and not project.joint else "its"
        lead, beside = f"{whose} {shown(default)}{share}", ""
    else:
        # The team's hours a week lead, the project's and the team's own beside them.
        lead, beside = f"its {a_week} a week{share}", f"this {whole} {shown(default)}, "
    return lead + (f" ({beside}{shown(hours)} for {team.name})" if own else "")


def covering(
    ordered: Iterable[_T], need: Fraction, hours: Callable[[_T], Fraction], *, at_least: int = 0
) -> list[_T] | None:
    """The first items of ``ordered`` whose hours together reach ``need``.

    Items are taken in the given order until their hours reach ``need`` and
    there are ``at_least`` of them; ``None`` when all of them do not.
    """
    chosen: list[_T] = []
    freed = Fraction(0)
    for item in ordered:
        if freed >= need and len(chosen) >= at_least:
            break
        chosen.append(item)
        freed += hours(item)
    return chosen if freed >= need and len(chosen) >= at_least else None
