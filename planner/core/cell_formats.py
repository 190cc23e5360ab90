"""Spreadsheet number formats: a cell keeps the full number and shows what the pages print.

Each format pairs with one of :mod:`planner.core.shown_figures`'s functions (:func:`amount_format`
with :func:`~planner.core.shown_figures.amount`, :func:`hours_format` with
:func:`~planner.core.shown_figures.hours`, :func:`chance_format` with
:func:`~planner.core.shown_figures.chance`, ...), so that plan.xlsx and the comparison
workbook read 94.6 % where the Overview does.
"""

from __future__ import annotations

import math

from planner.core.shown_figures import (
    Number,
    amount_value,
    contribution_value,
    decimal_places,
    hours_value,
)

#: A percentage of a target (or of capacity) as :func:`~planner.core.shown_figures.percent_value`
#: rounds it, one decimal: a frame holds the percentage points the pages write (94.6) and
#: the cell the share a spreadsheet's percentage is (0.946, reading "94.6 %" beside a
#: chance's "17 %"; :func:`~planner.core.workbook_writing.workbook_bytes` divides).
PERCENT_FORMAT = "#,##0.0 %"


def percent_cell(points: float) -> float:
    """A percentage's cell under :data:`PERCENT_FORMAT`: the share (0.946) of the percentage
    points a page writes (94.6)."""
    return round(points / 100, 6)


_WHOLE_FORMAT = "#,##0"
#: A change in percentage points, stored as :func:`~planner.core.shown_figures.points_value`:
#: "+4.7", "-4.7", "0.0".
POINTS_FORMAT = "+#,##0.0;-#,##0.0;0.0"
#: The same with its unit, for a cell without one in its header: "-4.7 pts".
POINTS_WITH_UNIT_FORMAT = '+#,##0.0" pts";-#,##0.0" pts";0.0" pts"'


def signed(number_format: str) -> str:
    """``number_format`` for a change: "+20", "-270", "0", as the pages write a change."""
    return f"+{number_format};-{number_format};0"


#: A change in a count (projects in the plan, left out): "+4", "-4", "0".
SIGNED_COUNT_FORMAT = signed("#,##0")


def chance_points_format(points: Number) -> str:
    """A change of chance in whole points, as :func:`~planner.core.shown_figures.chance_change`
    writes it: "+12 pts", "-3 pts", "+1 pt" (the points, not a share: a change of chance
    is no chance)."""
    unit = "pt" if abs(float(points)) == 1 else "pts"
    return f'+#,##0" {unit}";-#,##0" {unit}";"no change"'


def amount_format(value: Number) -> str:
    """The spreadsheet number format that shows ``value`` as
    :func:`~planner.core.shown_figures.amount` does.

    Whole units (with thousands separators) from 10 on, or when the amount is
    whole; one decimal below.
    """
    return _format_with_places(amount_value(value))


def amount_shown_format(value: Number) -> str:
    """The format that shows an amount already rounded as shown
    (:func:`~planner.core.shown_figures.amount_value` with its target, 89.9 of 90) with its own
    decimals, which :func:`amount_format` would round again without the target (to 90)."""
    return _format_with_places(float(value))


def contribution_format(value: Number) -> str:
    """The format that shows a project's value as :func:`~planner.core.shown_figures.contribution`
    does, with the data's decimals: 20.3 new customers read "20" under :func:`amount_format`
    beside its goal's 26.3 on the Goals sheet (20 + 6)."""
    return _format_with_places(contribution_value(value))


def hours_format(value: Number) -> str:
    """The spreadsheet number format that shows ``value`` hours as
    :func:`~planner.core.shown_figures.hours` does."""
    return _format_with_places(hours_value(value))


def _format_with_places(shown: float) -> str:
    """The format that shows ``shown`` with the decimals it has (a whole number: none)."""
    if not math.isfinite(shown) or shown == int(shown):
        return _WHOLE_FORMAT
    return _WHOLE_FORMAT + "." + "0" * decimal_places(shown)


#: A week's hours in a spreadsheet, as :func:`~planner.core.shown_figures.week_hours` writes them
#: (0 for nothing planned).
WEEK_HOURS_FORMAT = "#,##0.0;-#,##0.0;0"


def chance_format(probability: Number) -> str:
    """The spreadsheet number format that shows a probability (0 to 1) as
    :func:`~planner.core.shown_figures.chance` does.

    The cell keeps the probability; it reads ``17 %``, ``< 1 %``, ``> 99 %``,
    and ``0 %`` or ``100 %`` only when impossible or certain.
    """
    exact = float(probability)
    if exact <= 0 or exact >= 1:
        return "0 %"
    return '[<0.005]"< 1 %";[>=0.995]"> 99 %";0 %'


def number_format(value: Number) -> str:
    """A spreadsheet format for any other number: thousands separators, its own decimals."""
    exact = float(value)
    if not math.isfinite(exact) or exact == int(exact):
        return _WHOLE_FORMAT
    for decimals in (1, 2):
        if round(exact, decimals) == exact:
            return _WHOLE_FORMAT + "." + "0" * decimals
    return _WHOLE_FORMAT + ".0##"
