"""Figures written for machines and spreadsheets (--json, a saved scenario's row, a cell
under its number format) that read as the pages show them.

A figure to a few decimals for a file is rounded once more after the exact one: where
the exact figure sits just short of an edge of what is shown, the nearest few decimals
land on the edge and a reader of the file sees another figure than the pages.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from planner.core.shown_figures import Number, percent


def kept_as_shown(exact: Number, places: int, shown: Callable[[float], object]) -> float:
    """``exact`` to ``places`` decimals (a figure for --json, a saved row or a cell), on the
    side of the edge it is on: ``shown`` of the result is ``shown`` of ``exact``.

    Rounded to the nearest, a figure just short of an edge of what is shown lands on it and
    reads another figure: a goal at 99.99999995 % of target is 100.0 at six decimals, which
    :func:`percent` shows as "100.0 %" beside "0 of 1 goals at target" (the exact figure
    reads 99.9 %); a week of 22.4496 h is 22.450 at three, read 22.5 h where
    :func:`week_hours` writes 22.4 h. Such a figure is cut to ``places`` towards ``exact``
    instead (99.999999, 22.449).
    """
    value = float(exact)
    nearest = round(value, places) + 0.0
    if not math.isfinite(value) or shown(nearest) == shown(value):
        return nearest
    step = 10**places
    toward = (math.floor if nearest > value else math.ceil)(value * step) / step + 0.0
    return toward if shown(toward) == shown(value) else value


def percent_figure(pct: Number | None) -> float | None:
    """A percentage for --json and a saved scenario: six decimals, reading as the exact
    figure reads (:func:`kept_as_shown` with :func:`percent`); None when unknown."""
    if pct is None or not math.isfinite(float(pct)):
        return None
    return kept_as_shown(pct, 6, percent)


def chance_figure(probability: Number | None) -> float | None:
    """A chance (0 to 1) for --json in percentage points to six decimals, as ``planner solve
    --json`` gives it; None when unknown. ``100 * 0.5567`` is 55.669999999999995 in binary:
    ``scenarios show --json`` read that beside solve's 55.67 for the same plan."""
    if probability is None or not math.isfinite(float(probability)):
        return None
    return round(100 * float(probability), 6) + 0.0
