"""Figures as leaders read them, and the few words around names in a line.

Numbers are shown through one function per quantity (:func:`percent` of a
target, :func:`points` of change, :func:`chance`, KPI :func:`amount`,
:func:`hours`), so that the Overview's card, the Plan's table, the command
line and plan.xlsx all print 94.6 % for the same figure (a spreadsheet cell by
the number format :mod:`planner.core.cell_formats` pairs with each). Ids and
names as text a reader can see are :mod:`planner.core.identifiers`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal
from fractions import Fraction

#: What an unknown figure reads in every table, page and export: one dash, everywhere.
NO_FIGURE = "–"


def capitalised(text: str) -> str:
    """``text`` with its first letter a capital, the rest as written: a reason that starts
    "it needs both ..." opening a table's cell or a list's line."""
    return text[:1].upper() + text[1:]


#: Between names in a line: a name may hold a comma ("Enterprise account mapping, top 100").
NAMES_JOINER = "; "


def first_few(items: Sequence[str], shown: int = 5, joiner: str = ", ") -> str:
    """``items`` joined, the first ``shown`` of them and how many more: a message stays a line.

    ``first_few(["G", "H", ..., 900,000 letters], joiner=" and ")`` is
    ``G and H and I and J and K and 899,995 more``.
    """
    head = joiner.join(items[:shown])
    rest = len(items) - shown
    return head if rest <= 0 else f"{head} and {rest:,} more"


def names_text(names: Sequence[str], shown: int | None = None) -> str:
    """Project or team names in one line, set apart by semicolons, the first ``shown`` of
    them and how many more: "Enterprise account mapping, top 100; Win/loss interviews, Q2
    cohort" reads as two projects, where commas between them read as four.
    """
    return first_few(names, len(names) if shown is None else shown, NAMES_JOINER)


# ---------------------------------------------------------------------------
# Numbers as people read them: one function per quantity, used by every page,
# the command line and every export, so that a figure reads the same everywhere.
# ---------------------------------------------------------------------------

Number = float | int | Decimal | Fraction

#: Decimals of a percentage of a target (94.6 %) and of percentage points (-4.7 pts).
PERCENT_DECIMALS = 1


def percent_value(percent: Number | None) -> float | None:
    """A percentage of a target as it is shown: one decimal, never rounded up to a target.

    Rounded half up to :data:`PERCENT_DECIMALS`, except that a figure below
    100 never reads 100 (99.96 reads 99.9) and a figure above 0 never reads 0
    (0.04 reads 0.1): a goal short of its target never looks met, and a goal
    with some progress never looks untouched. Tables that format numbers
    themselves show this value, so they agree with :func:`percent`.
    """
    if percent is None:
        return None
    exact = float(percent)
    if not math.isfinite(exact):
        return None
    step = 10**PERCENT_DECIMALS
    shown = math.floor(abs(exact) * step + 0.5) / step
    shown = math.copysign(shown, exact)
    if exact < 100 <= shown:
        shown = 100 - 1 / step
    elif exact > 0 and shown <= 0:
        shown = 1 / step
    elif exact < 0 <= shown:
        shown = 0.0 if shown == 0 and exact > -0.5 / step else -1 / step
    return shown + 0.0  # never -0.0


def percent(percent: Number | None) -> str:
    """A percentage of a target: ``94.6 %`` (see :func:`percent_value`); ``–`` when unknown."""
    shown = percent_value(percent)
    if shown is None:
        return NO_FIGURE
    return f"{shown:,.{PERCENT_DECIMALS}f} %"


def gap_percent(gap: Number | None) -> str:
    """How far below the best possible a plan may be (its gap, a fraction): ``0.2 %``, one
    decimal rounded up, as it is a bound (0.12 % read "within 0.1 %", and the CLI's "at most
    0.05 %" sat beside the app's "0.1 %"); never 0.0 for a plan short of proven best."""
    if gap is None or not math.isfinite(float(gap)):
        return NO_FIGURE
    step = 10**PERCENT_DECIMALS  # to 9 decimals first: 100 x 0.0012 is 0.12000000000000001
    return f"{math.ceil(round(max(0.0, 100 * step * float(gap)), 9)) / step:,.1f} %"


def share_percent(share: Number) -> str:
    """A setting that is a share (a capacity multiplier, the max utilisation, a what-if's
    factor or step) in percent, as its slider and the sweep's table read it: ``80 %``,
    ``99.5 %``, ``83.3333 %``.

    To four decimals of a percent, so that two settings that differ never read alike
    (where :func:`percent`'s one decimal suits a goal's progress); a share above 0 never
    reads "0 %" (a step of 0.000001 reads "0.0001 %").
    """
    exact = 100 * float(share)
    shown = round(exact, 4) + 0.0  # never -0
    if shown == 0 and exact > 0:
        return f"{exact:.2g} %"
    return f"{shown:g} %"


def points_value(before: Number | None, after: Number | None) -> float | None:
    """The change from ``before`` to ``after`` (percentages) in points, as shown: the
    difference of the two shown percentages ("94.6 % → 89.9 %" reads "-4.7 pts", not -4.8)."""
    a, b = percent_value(before), percent_value(after)
    if a is None or b is None:
        return None
    step = 10**PERCENT_DECIMALS
    return round((b - a) * step) / step + 0.0


def points(delta: Number | None) -> str:
    """A change in percentage points: ``+4.7 pts``, ``-4.7 pts``, ``0.0 pts`` (never ``-0``)."""
    if delta is None or not math.isfinite(float(delta)):
        return NO_FIGURE
    step = 10**PERCENT_DECIMALS
    shown = math.floor(abs(float(delta)) * step + 0.5) / step
    if shown == 0:
        return f"{0:.{PERCENT_DECIMALS}f} pts"
    sign = "+" if float(delta) > 0 else "-"
    return f"{sign}{shown:,.{PERCENT_DECIMALS}f} pts"


def points_between(before: Number | None, after: Number | None) -> str:
    """:func:`points` of :func:`points_value`: the change between two shown percentages."""
    return points(points_value(before, after))


#: What a change too small to show says instead of "88.4 % → 88.4 %".
NO_PROGRESS_CHANGE = "no change in the goals' progress"


def percents_between(before: Number, after: Number) -> str | None:
    """Two percentages as a leader reads a change between them: "85.6 % → 84.1 %"; a change
    under what one decimal shows with the digits where they differ ("88.42 % → 88.38 %",
    where a swap read "88.4 % → 88.4 %"); ``None`` when even those are the same, for the
    caller's :data:`NO_PROGRESS_CHANGE`."""
    was, now = percent(before), percent(after)
    if was != now:
        return f"{was} → {now}"
    digits = PERCENT_DECIMALS + 1
    was, now = f"{float(before):,.{digits}f} %", f"{float(after):,.{digits}f} %"
    return f"{was} → {now}" if was != now else None


def chance(probability: Number | None) -> str:
    """A probability (0 to 1) in whole percent, never rounding a possible outcome to 0 or 100.

    ``62 %``, ``< 1 %`` (possible but rare), ``> 99 %`` (likely but not sure),
    ``0 %`` and ``100 %`` only when impossible or certain.
    """
    if probability is None or not math.isfinite(float(probability)):
        return NO_FIGURE
    shown = _chance_percent(float(probability))
    if 0 < shown < 0.5:
        return "< 1 %"
    if 99.5 <= shown < 100:
        return "> 99 %"
    return f"{math.floor(shown + 0.5)} %"


def _chance_percent(probability: float) -> float:
    """A probability in percent, to 9 decimals: 100 x 0.145 is 14.499999999999998 in
    binary, where a spreadsheet (and ``--json``) has 14.5."""
    return round(100 * probability, 9)


def _chance_points(probability: float) -> int:
    """A probability as :func:`chance` rounds it, in whole percent (halves up)."""
    return math.floor(_chance_percent(probability) + 0.5)


def chance_points_change(before: Number | None, after: Number | None) -> int | None:
    """The change between two probabilities (0 to 1) in the whole points :func:`chance`
    shows them in (0.80 to 0.77: -3); None when either is unknown."""
    if before is None or after is None:
        return None
    a, b = float(before), float(after)
    if not (math.isfinite(a) and math.isfinite(b)):
        return None
    return _chance_points(b) - _chance_points(a)


def chance_change(before: Number | None, after: Number | None) -> str:
    """The change between two probabilities (0 to 1), in the whole points :func:`chance` shows:
    ``+12 pts``, ``-3 pts``; ``no change`` when the same (never ``+0 pts``); ``up < 1 pt`` /
    ``down < 1 pt`` when they moved by less than the figures show ("20 %" both), ``down to
    0 %`` / ``up from 0 %`` when the outcome became impossible or possible; ``–`` if unknown."""
    whole = chance_points_change(before, after)
    if whole is None or before is None or after is None:
        return NO_FIGURE
    if whole:
        return f"{whole:+d} {'pt' if abs(whole) == 1 else 'pts'}"
    a, b = float(before), float(after)
    if b != a and 0 in (a, b):
        # "< 1 %" to "0 %" read "down < 1 pt", as if some chance were left.
        return "down to 0 %" if b == 0 else "up from 0 %"
    if b != a:
        return "up < 1 pt" if b > a else "down < 1 pt"
    return "no change"


def unit_after(shown: Number, unit: str | None) -> str:
    """A KPI's unit as it reads after the amount ``shown`` (as written): one of a plural
    noun is singular ("1 new customer", "1 MQL"), any other number leaves it as written.

    The noun is the unit's last word, past a symbol or a participle after it ("pipeline
    $", "demos booked"); a word that is no plural ("ARR", "business") stays whole.
    """
    words = (unit or "").split(" ")
    if abs(float(shown)) != 1:
        return unit or ""
    for i in range(len(words) - 1, -1, -1):
        if words[i][:1].isalpha() and not (i and words[i].lower().endswith("ed")):
            words[i] = _one_of(words[i])
            break
    return " ".join(words)


def _one_of(word: str) -> str:
    """One of a plural ``word``: customers, MQLs, opportunities, boxes; else ``word``."""
    low = word.lower()
    if len(low) < 3 or not low.endswith("s") or low.endswith(("ss", "us", "is")):
        return word
    if low.endswith("ies") and len(low) > 4:
        return word[:-3] + ("Y" if word[-3:].isupper() else "y")
    return word[:-2] if low.endswith(("sses", "ches", "shes", "xes", "zzes")) else word[:-1]


def _with_unit(text: str, shown: float, unit: str | None) -> str:
    return f"{text} {unit_after(shown, unit)}" if unit else text


#: Most decimals a small amount keeps (0.000004 reads as such, not as 0).
_MAX_AMOUNT_DECIMALS = 6


def shown_decimals(exact: float) -> int:
    """The decimals an amount or hours are shown with: none from 10 on, one below, two
    significant digits where one rounds to 0 (:func:`hours_value`, :func:`amount_value`)."""
    if exact == 0 or abs(exact) >= 10 or exact == int(exact):
        return 0
    if abs(exact) >= 0.05 or exact < 0:  # a small negative (a rounding error) reads 0
        return 1
    return min(_MAX_AMOUNT_DECIMALS, 1 - math.floor(math.log10(abs(exact))))


def _amount_text(shown: float) -> str:
    """An amount already rounded, with thousands separators and no trailing zeros."""
    if shown == int(shown):
        return f"{shown:,.0f}"
    return f"{shown:,.{_MAX_AMOUNT_DECIMALS}f}".rstrip("0").rstrip(".")


def amount_value(value: Number, target: Number | None = None) -> float:
    """A KPI amount as it is shown: whole units from 10 on, one decimal below.

    KPIs count things (customers, MQLs, deals, dollars): "34.6 new customers"
    reads as a precision the plan does not have, so amounts of 10 or more are
    whole numbers. An amount that one decimal would round to 0 (a target of
    0.03, a conversion rate) keeps two significant digits: a goal never reads
    as aiming at 0. An amount short of ``target`` never rounds up to it: it
    keeps the decimals that tell it from the target (89.9 of 90 new customers,
    as its 99.9 % reads; floored to 89 it read 98.9 %).
    """
    exact = float(value)
    if not math.isfinite(exact):
        return exact
    decimals = shown_decimals(exact)
    shown = _rounded(exact, decimals)
    while target is not None and exact < float(target) <= shown:
        decimals += 1
        if decimals > _MAX_AMOUNT_DECIMALS:
            shown = math.floor(exact * 10**_MAX_AMOUNT_DECIMALS) / 10**_MAX_AMOUNT_DECIMALS
            break
        shown = _rounded(exact, decimals)
    return shown + 0.0


def _rounded(exact: float, decimals: int) -> float:
    """``exact`` to ``decimals`` places, halves away from 0."""
    step = 10**decimals
    return math.copysign(math.floor(abs(exact) * step + 0.5) / step, exact)


def amount(value: Number | None, unit: str | None = "", target: Number | None = None) -> str:
    """A KPI amount with its unit: ``2,350 MQLs``, ``35 new customers``, ``2.5 $M``.

    ``target``: the goal's target, so that an amount short of it never reads
    as the target itself (see :func:`amount_value`).
    """
    if value is None:
        return NO_FIGURE
    shown = amount_value(value, target)
    if not math.isfinite(shown):
        return NO_FIGURE
    return _with_unit(_amount_text(shown), shown, unit)


def contribution_value(value: Number) -> float:
    """A project's contribution to its goal's KPI (its value, a team's own estimate) as shown:
    the data's figure to a cell's three decimals, so that a goal's projects add up to its
    planned figure and its %: whole from 10 on (:func:`amount_value`), 20.3 + 6 new customers
    read "20" and "6" beside the goal's 26.3, and 89.9 meetings "90" of a target of 90."""
    exact = float(value)
    shown = _rounded(exact, 3) + 0.0 if math.isfinite(exact) else exact
    return amount_value(exact) if shown == 0 and exact != 0 else shown


def contribution(value: Number | None, unit: str | None = "") -> str:
    """:func:`contribution_value` with its unit: ``20.3 new customers``, ``2,300 MQLs``."""
    if value is None or not math.isfinite(shown := contribution_value(value)):
        return NO_FIGURE
    return _with_unit(_amount_text(shown), shown, unit)


def goal_amount_value(value: Number, target: Number) -> float:
    """A goal's amount beside its % of ``target``: :func:`amount_value`, with up to 3 decimals
    (a value's own) where the whole number reads another % (26.3 of 40 new customers is
    65.8 %, 26 is 65.0 %; 1,892,999.999 of 2,000,000 is 94.6 %, 1,893,000 reads 94.7 %)."""
    shown = amount_value(value, target)
    exact = float(value)
    if float(target) > 0 and math.isfinite(exact):
        reads = percent(100 * exact / float(target))
        decimals = decimal_places(shown)
        while percent(100 * shown / float(target)) != reads and decimals < 3:
            decimals += 1
            shown = _rounded(exact, decimals) + 0.0
    return shown


def goal_amount(value: Number, unit: str | None, target: Number) -> str:
    """:func:`goal_amount_value` with its unit: ``26.3 new customers`` of 40 (65.8 %)."""
    return amount_shown(goal_amount_value(value, target), unit)


#: From this size on an estimated outcome (a percentile of the simulated outcomes) reads
#: to three significant figures: 9,630,000 pipeline $, not 9,631,871, whose last digits
#: are the simulation's noise and read as a precision no forecast has.
_OUTCOME_ROUNDED_FROM = 1_000


def outcome_value(value: Number, target: Number | None = None) -> float:
    """An estimated KPI outcome as it is shown: :func:`amount_value`, and three significant
    figures from 1,000 on. An outcome short of ``target`` never rounds up to it."""
    exact = float(value)
    if not math.isfinite(exact) or abs(exact) < _OUTCOME_ROUNDED_FROM:
        return amount_value(value, target)
    step = 10.0 ** (math.floor(math.log10(abs(exact))) - 2)
    shown = math.copysign(math.floor(abs(exact) / step + 0.5) * step, exact)
    if target is not None and exact < float(target) <= shown:
        shown = math.floor(exact / step) * step
    return float(round(shown)) + 0.0


def outcome_step(value: Number) -> float:
    """The power of ten :func:`outcome_value` rounds ``value`` to: 10,000 for 4,512,052
    (shown 4,510,000), 0 below 1,000, where an outcome is shown as it is."""
    exact = float(value)
    if not math.isfinite(exact) or abs(exact) < _OUTCOME_ROUNDED_FROM:
        return 0.0
    return 10.0 ** (math.floor(math.log10(abs(exact))) - 2)


def outcome(value: Number | None, unit: str | None = "", target: Number | None = None) -> str:
    """An estimated outcome with its unit, as :func:`outcome_value` rounds it."""
    if value is None or not math.isfinite(float(value)):
        return NO_FIGURE
    shown = outcome_value(value, target)
    return _with_unit(_amount_text(shown), shown, unit)


def at_least_value(value: Number, step: float = 0.0) -> float:
    """An outcome a chance is "at least" or "more than" as it is shown ("9 times in 10 at
    least ...", "1 time in 10 more than ..."): to the figures :func:`outcome_value` keeps,
    rounded down, never up. Rounded to the nearest, a 10th percentile of 20,970 visitors
    read "at least 21,000", more than it is.

    ``step``: the power of ten the draws that gave ``value`` fix it to
    (:attr:`planner.core.uncertainty.GoalOdds.p10_step`), when coarser than those figures:
    a 10th percentile of website visitors read 40,100 to 40,400 over 30 seeds, its
    hundreds digit the dice's, and reads 40,000 (0: exact, the figures as they are)."""
    exact = float(value)
    if not math.isfinite(exact):
        return exact
    if abs(exact) >= _OUTCOME_ROUNDED_FROM:
        exponent = math.floor(math.log10(abs(exact))) - 2
    else:
        exponent = -shown_decimals(exact)
    if step > 0:
        exponent = max(exponent, round(math.log10(step)))
    # In decimal: in binary 2.3 / 0.1 floors to 22.
    floored = Decimal(repr(exact)).quantize(Decimal(1).scaleb(exponent), rounding=ROUND_FLOOR)
    return float(floored) + 0.0


def at_least(value: Number | None, unit: str | None = "", step: float = 0.0) -> str:
    """An outcome a chance is "at least" or "more than", with its unit, as
    :func:`at_least_value` rounds it (to ``step`` when coarser)."""
    if value is None or not math.isfinite(float(value)):
        return NO_FIGURE
    shown = at_least_value(value, step)
    return _with_unit(_amount_text(shown), shown, unit)


#: Decimals a recorded KPI keeps: as many as the check-in reads from a cell or a file.
_RECORDED_DECIMALS = 3


def recorded_value(value: Number) -> float:
    """A KPI amount a leader recorded (a check-in's achieved so far), as recorded.

    The check-in's editor and file show the figure as it was typed, and the
    pre-fill keeps a decimal where a whole unit would move the goal's forecast
    (232.5 SQLs): written rounded beside it ("233"), one figure read two ways.
    Up to three decimals, as the check-in reads them; whole figures stay whole.
    """
    exact = float(value)
    if not math.isfinite(exact):
        return exact
    return round(exact, _RECORDED_DECIMALS) + 0.0


def recorded(value: Number | None, unit: str | None = "") -> str:
    """A recorded KPI amount (:func:`recorded_value`) with its unit: ``232.5 SQLs``."""
    if value is None or not math.isfinite(shown := recorded_value(value)):
        return NO_FIGURE
    return _with_unit(_amount_text(shown), shown, unit)


def whole_value(value: Number, target: Number | None = None) -> float:
    """A KPI that counts things (customers, deals) as recorded: the nearest whole number,
    halves up, never up to ``target`` when short of it (39.6 of 40 new customers reads 39).

    The check-in pre-fills such a KPI so (the plan's 7.7 new customers by now reads 8).
    """
    exact = Decimal(repr(float(value)))
    if not exact.is_finite():
        return float(exact)
    exact_target = None if target is None else Decimal(repr(float(target)))
    return float(rounded_short_of(exact, exact_target)) + 0.0


def rounded_short_of(exact: Decimal, target: Decimal | None, places: int = 0) -> Decimal:
    """``exact`` to ``places`` decimals, halves up, never up to ``target`` when short of it
    (39.6 of 40 new customers: 39): a figure the check-in pre-fills, as a leader types it."""
    step = Decimal(1).scaleb(-places)
    shown = exact.quantize(step, rounding=ROUND_HALF_UP)
    if target is not None and exact < target <= shown:
        shown = exact.quantize(step, rounding=ROUND_FLOOR)
    return shown


def amounts_adding_up(
    so_far: Number,
    total: Number,
    target: Number | None = None,
    *,
    as_recorded: bool = False,
    whole: bool = False,
) -> tuple[float, float, float]:
    """``so_far + added = total`` as shown, so that the sum reads right.

    Each amount rounds on its own (whole from 10 on): 2.5 customers so far and
    25.5 to come read "2.5 + 26 = 28". The part added is the difference of the
    other two as shown (25.5), one decimal at most. ``as_recorded``: ``so_far``
    is a leader's record and reads as recorded (:func:`recorded_value`,
    232.5 + 232.5 = 465). ``whole``: ``so_far`` counts things and reads whole
    (:func:`whole_value`: the plan's 7.7 new customers by now, pre-filled as 8).
    The total reads its % of ``target`` (:func:`goal_amount_value`): 19 + 9.3 = 28.3 of 40.
    """
    if whole:
        first = whole_value(so_far, target)
    else:
        first = recorded_value(so_far) if as_recorded else amount_value(so_far, target)
    # A decimal or two where the whole number reads another % (goal_amount_value).
    last = amount_value(total) if target is None else goal_amount_value(total, target)
    places = max(1, decimal_places(first), shown_decimals(last), decimal_places(last))
    return first, round(last - first, places) + 0.0, last


def goal_row_values(target: Number, planned_shown: float) -> tuple[float, float]:
    """A goal's target and how far short of it the plan is, as its row shows them beside
    the planned figure as shown (``planned_shown``: :func:`goal_amount_value`, or a
    re-plan's "Re-plan adds"), so that what the row shows adds up.

    The row reads at one precision, the finest of the target's own (:func:`amount_value`)
    and the planned figure's: "Target left" 31.5 read "32" beside 20.3 added and 11 short.
    The shortfall is the difference of the two shown (nothing when the plan reaches it).
    """
    places = max(decimal_places(amount_value(target)), decimal_places(planned_shown))
    shown = _rounded(float(target), places) + 0.0
    return shown, max(0.0, _rounded(shown - planned_shown, places)) + 0.0


def goal_target(target: Number, planned: Number, unit: str | None = "") -> str:
    """A goal's target as its row shows it beside ``planned`` (:func:`goal_row_values`):
    ``311.1 SQLs`` beside 274.5 planned, where the target alone reads ``311 SQLs``."""
    return amount_shown(goal_row_values(target, goal_amount_value(planned, target))[0], unit)


def decimal_places(shown: float) -> int:
    """Decimals an amount already rounded is written with (232.5: 1; 0.000004: 6)."""
    text = _amount_text(shown).partition(".")[2]
    return len(text)


def amount_shown(value: float, unit: str | None = "") -> str:
    """An amount already rounded as shown (by :func:`amounts_adding_up`), with its unit."""
    return _with_unit(_amount_text(value), value, unit)


def hours_value(value: Number) -> float:
    """Hours as shown: whole hours from 10 on, one decimal below (never -0).

    Hours that one decimal would round to 0 keep two significant digits (0.013 h,
    0.00031 h a week), as a small KPI amount does: a project of 0.013 h never reads
    as needing "0 h", nor a team with hours as having "0 h free".
    """
    exact = float(value)
    if not math.isfinite(exact):
        return exact
    return _rounded(exact, shown_decimals(exact)) + 0.0


def hours(value: Number | None) -> str:
    """Hours: ``1,240 h``, ``7.5 h``, ``0.013 h``, ``0 h``."""
    if value is None or not math.isfinite(float(value)):
        return NO_FIGURE
    return f"{_amount_text(hours_value(value))} h"


def week_hours(value: Number | None) -> str:
    """A week's hours, to a tenth: ``106.4 h``, ``48.0 h``; a week with nothing planned ``0 h``.

    A team's week holds about a hundred hours, so a whole hour is a point of its
    utilisation: whole hours read "106 h" of "108 h" at 98.8 % (106 of 108 is 98.1 %),
    and "108 h" of "108 h" at 99.8 %. A tenth for every week, so that a team's week
    reads the same hours week after week (61.5 h, never 61.5 h in one and 61.54 h in
    another); the utilisation beside them is of the exact hours, within a tenth of a
    point of theirs.
    """
    if value is None or not math.isfinite(float(value)):
        return NO_FIGURE
    if float(value) == 0:
        return "0 h"
    return f"{_rounded(float(value), 1) + 0.0:,.1f} h"


def figure_typed(typed: str) -> str:
    """A plain decimal as typed (``10000000000000``, ``-12345.678``), every digit kept,
    its whole part grouped by thousands as every page groups them: ``10,000,000,000,000``.

    A refusal quoted a typed 1e13 as '10000000000000' beside "(at most 1,000,000,000)";
    the figure and its bound now read alike. Text that is no plain decimal is returned
    as it is; so is one too long to read grouped (quoted cut, with its length typed).
    """
    sign = typed[:1] if typed[:1] in "+-" else ""
    whole, point, fraction = typed[len(sign) :].partition(".")
    if not whole.isascii() or not whole.isdigit() or len(typed) > _GROUPED_AT_MOST:
        return typed
    head = len(whole) % 3 or 3
    groups = [whole[:head], *(whole[i : i + 3] for i in range(head, len(whole), 3))]
    return f"{sign}{','.join(groups)}{point}{fraction}"


#: The longest typed figure :func:`figure_typed` groups: a longer one is quoted cut (with
#: its length as typed), where commas would only change the count.
_GROUPED_AT_MOST = 30


__all__ = [
    "PERCENT_DECIMALS",
    "amount",
    "amount_shown",
    "amount_value",
    "amounts_adding_up",
    "chance",
    "chance_change",
    "chance_points_change",
    "contribution",
    "contribution_value",
    "figure_typed",
    "gap_percent",
    "goal_amount",
    "goal_amount_value",
    "goal_row_values",
    "hours",
    "hours_value",
    "percent",
    "percent_value",
    "points",
    "points_between",
    "points_value",
    "recorded",
    "recorded_value",
    "week_hours",
]
