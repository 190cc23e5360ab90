"""Parts of a figure as shown that add up to the figure as shown.

A goal's attainment split by department reads "50.1 %" for marketing and
"45.7 %" for sales under "95.7 % in total": each part rounded on its own, the
parts read 95.8 %, and a leader who adds them finds the chart disagreeing
with the Overview. The total is written once, as
:mod:`planner.core.shown_figures` writes it; its parts are rounded so that they add up
to it (the largest remainder: each part within one step of its exact figure).
Hours are split the same way (plan.csv's column or the teams' capacity added up,
rounded once, then its departments and teams, :mod:`planner.scenarios.metrics`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction

from planner.core.shown_figures import Number, hours_value


def parts_adding_up(parts: Sequence[float], total_shown: float, decimals: int) -> list[float]:
    """``parts`` rounded to ``decimals`` places so that they add up to ``total_shown``.

    Each part is rounded down, and the steps still missing go to the parts with the
    largest remainders (ties to the first). Parts of 0 stay 0 while another part has a
    remainder; a total shown below the parts' sum (a goal short of its target that never
    reads 100 %) takes its steps off the parts with the smallest remainders.
    """
    step = 10.0**-decimals
    # To 9 decimals first: 0.3 / 0.1 is 2.9999999999999996 in binary.
    scaled = [round(float(p) / step, 9) for p in parts]
    shown = [math.floor(x) for x in scaled]
    missing = round(float(total_shown) / step) - sum(shown)
    by_remainder = sorted(range(len(parts)), key=lambda i: (shown[i] - scaled[i], i))
    if missing >= 0:
        for i in by_remainder[:missing]:
            shown[i] += 1
    else:
        for i in [i for i in reversed(by_remainder) if shown[i] > 0][:-missing]:
            shown[i] -= 1
    return [round(s * step, decimals) + 0.0 for s in shown]


def decimals_of(shown: float) -> int:
    """The decimals a figure already rounded is written with: 2,880 has 0, 89.9 has 1."""
    return len(f"{float(shown):.6f}".rstrip("0").rpartition(".")[2])


def hours_adding_up(groups: Sequence[str], exact: Sequence[Number]) -> list[float]:
    """Hours ``exact`` (a team's each, ``groups`` its department) as shown, so that they add
    up to their group's and all of them's exact sums rounded once (whole hours from 10 on,
    :func:`~planner.core.shown_figures.hours_value`).

    Each figure's own rounding where those already add up; where they do not (985 + 1,325
    + 1,041 + 788 + 1,181 h, 5,319.1 h exact) the total is rounded first, then its groups,
    then their figures, the largest remainders taking the steps: each within one step of
    its exact figure.
    """
    present = list(dict.fromkeys(groups))
    by_group = [[i for i, g in enumerate(groups) if g == name] for name in present]
    own = [hours_value(x) for x in exact]
    total = hours_value(sum(Fraction(x) for x in exact))
    group_sums = [sum((Fraction(exact[i]) for i in group), Fraction(0)) for group in by_group]
    if math.isclose(sum(own), total) and all(
        math.isclose(sum(own[i] for i in group), hours_value(s))
        for group, s in zip(by_group, group_sums, strict=True)
    ):
        return own
    shown = list(own)
    group_totals = parts_adding_up([float(s) for s in group_sums], total, decimals_of(total))
    for group, group_total in zip(by_group, group_totals, strict=True):
        parts = parts_adding_up(
            [float(exact[i]) for i in group], group_total, decimals_of(group_total)
        )
        for i, part in zip(group, parts, strict=True):
            shown[i] = part
    return shown
