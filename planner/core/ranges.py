"""The accepted range of every setting and numeric flag, defined once.

The settings loader (:func:`planner.core.settings_reading.parse_settings`), the
command line's argument types and the app's widgets all derive their checks
and their ``min_value``/``max_value`` from these objects, so that whatever
one of them accepts the others accept too: a settings file the loader takes
opens every page, and a value a widget offers solves.

Why these bounds
    ``time_limit_s``: finite and positive, at most an hour (a leader who
    needs longer runs a batch, not a planning session); the smallest is a
    hundredth of a second, which still returns an answer ("no plan found"
    or the quick first plan). ``seed``: CP-SAT's ``random_seed`` is a
    32-bit signed integer. ``workers``: 0 means one worker (the same answer
    twice, docs/SPEC.md); more than 64 only costs memory. Weights: the
    loader's cap on goal weights (10^6).
    Multipliers: 0 to 10 times a team's hours. ``max_utilization``: a
    share of capacity, 0 to 1. ``--max-changes``: at most the loader's row
    cap.
"""

from __future__ import annotations

import argparse
import math
import re
import sys
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation

from planner.core.errors import clipped
from planner.core.toml_text import WrittenOtherwise
from planner.core.typed_numbers import (
    PLAIN_DECIMAL,
    figure_meant,
    flag_figure,
    typed_figure,
    why_typed_otherwise,
)


@dataclass(frozen=True)
class Range:
    """A closed interval ``[low, high]`` of accepted values, optionally whole numbers.

    Parameters
    ----------
    name
        The setting or flag, as a user writes it (``solve.time_limit_s``).
    low, high
        The smallest and largest accepted value (both included).
    integer
        Whether only whole numbers are accepted.
    unit
        Shown after a value in messages (``s``), or empty.
    """

    name: str
    low: float
    high: float
    integer: bool = False
    unit: str = ""
    #: Whether the value is a share of something (1 is all of it): a percentage typed for
    #: it is told the share meant (:func:`share_meant`).
    share: bool = False
    #: The smallest value above 0 taken (0: any): a share of 1e-320 read as "0 %"
    #: everywhere it was shown, and was planned as no capacity at all.
    smallest: float = 0.0
    #: Why a value above 0 below :attr:`smallest` is refused, after "the smallest" (empty:
    #: a share's, "step it is planned and shown in (it would read as 0 %)").
    smallest_why: str = ""

    def fix(self, value: object, default: float) -> str:
        """The fix for a ``value`` :meth:`problem` refused: the share meant where it reads as
        a percentage (``"70%"``, 85), else the range with ``default`` as an example."""
        meant = share_meant(value, self.high) if self.share else None
        if meant is not None:
            return f"{meant} ({self.describe()})."
        if (whole := self._whole_with_a_point(value)) is not None:
            return f"Write {self.name} = {whole}."
        if isinstance(value, float) and 0 < abs(value) < self.smallest:
            return f"Write 0, or {_plain(self.smallest)} or more, e.g. {default:g}."
        return f"Write {self.describe()}, e.g. {default:g}."

    def _whole_with_a_point(self, value: object) -> int | None:
        """The whole number ``value`` is when it is one in range written as a float
        (``13.0``, ``1e3``): told the number to write, never "is not a whole number"."""
        if (
            self.integer
            and isinstance(value, float)
            and value.is_integer()
            and self.low <= value <= self.high
        ):
            return int(value)
        return None

    def describe(self) -> str:
        """The range in words, e.g. ``a number from 0.01 to 3600 s``."""
        kind = "a whole number" if self.integer else "a number"
        unit = f" {self.unit}" if self.unit else ""
        return f"{kind} from {_plain(self.low)} to {_plain(self.high)}{unit}"

    def problem(
        self, value: object, typed: str | None = None, *, written: str | None = None
    ) -> str | None:
        """Why ``value`` is not accepted, or None when it is.

        ``typed``: the text ``value`` was read from (a command-line flag), quoted in
        the message as the user typed it: ``'1e400' is out of range``, not ``inf is
        not finite`` for a number too large for a float. ``written``: the text of a
        file's value (``seed = 1e3``), said as the file has it, without quotes.
        """
        if isinstance(value, bool):  # as TOML and a leader write it, never Python's True
            return f"{str(value).lower()} is not {self.describe()}."
        if not isinstance(value, int | float):
            return f"{as_written(value)} is not {self.describe()}."
        quoted = repr(typed.strip()) if typed is not None else written and clipped(written)
        text = typed if typed is not None else written
        if isinstance(value, int) and abs(value) > sys.float_info.max:
            # `--max-changes 1` and 400 zeros, `seed = 1e400`'s digits: no float holds it, and
            # every test below read it as one (an OverflowError, a traceback).
            shown = quoted or clipped(str(value))
            return f"{shown} is out of range; use {self.describe()}."
        if math.isnan(value):
            return f"{quoted or value} is not a number; use {self.describe()}."
        if math.isinf(value):
            if quoted is not None and not _spells_infinity(text or ""):
                return f"{quoted} is out of range; use {self.describe()}."
            return f"{quoted or value} is not finite; use {self.describe()}."
        if (whole := self._whole_with_a_point(value)) is not None:
            exponent = text is not None and "e" in text.lower()
            how = "is written with an exponent" if exponent else "has a decimal point"
            return f"{quoted or value} {how}: write it as {whole} ({self.describe()})."
        if self.integer and not float(value).is_integer():
            # Out of range too (`--steps .5`, `--teams 1.5`): it read "out of range" there
            # and "not a whole number" inside, for the same kind of mistake.
            return f"{quoted or value} is not a whole number; use {self.describe()}."
        if self._out_of_range(value):
            shown = quoted or (str(value) if self.integer else _written(value))
            return f"{shown} is out of range; use {self.describe()}."
        if 0 < abs(value) < self.smallest:
            return self._too_small(quoted or _written(value))
        return None

    def _too_small(self, shown: str) -> str:
        """Why a value above 0 but below :attr:`smallest` is refused, with the range."""
        unit = f" {self.unit}" if self.unit else ""
        smallest = _plain(self.smallest)
        said = f"{smallest} ({_plain(100 * self.smallest)} %)" if self.share else smallest + unit
        shown_as = "0 %" if self.share else f"0{unit}"
        why = self.smallest_why or f"step it is planned and shown in (it would read as {shown_as})"
        return (
            f"{shown} is above 0 but below {said}, the smallest {why}; use 0, or a number "
            f"from {smallest} to {_plain(self.high)}{unit}."
        )

    def _out_of_range(self, value: float) -> bool:
        return not self.low <= value <= self.high

    def clamp(self, value: float) -> float:
        """``value`` moved into the range (for a widget's starting value)."""
        return min(max(value, self.low), self.high)

    def parse(self, text: str) -> float | int:
        """A command-line value: the number in ``text`` if accepted.

        Raises
        ------
        argparse.ArgumentTypeError
            Saying what range is accepted.
        """
        if self.unit == "s" and (seconds := _seconds_with_a_unit(text)) is not None:
            # `--time-limit 10s` read "'10s' is not a number from 0.01 to 3600 s".
            said = f"{text!r} has its unit written after it; the flag takes the seconds alone"
            if self.problem(float(seconds)) is not None:  # 2h: 7200 s, past the most
                raise argparse.ArgumentTypeError(
                    f"{said}, {seconds}, out of range; use {self.describe()}"
                )
            raise argparse.ArgumentTypeError(f"{said}: write {seconds} ({self.describe()})")
        try:
            figure = flag_figure(text, self.describe())
        except ValueError as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None
        try:
            value: float | int = _whole(figure) if self.integer else float(figure)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not {self.describe()}") from None
        why = self.problem(value, typed=text)
        if why is not None:
            raise argparse.ArgumentTypeError(why.rstrip("."))
        return value + 0  # -0 typed reads as 0: "-0 %" in a message, -0.0 in --json

    def argtype(self) -> _ArgType:
        """An ``argparse`` ``type=`` for this range (its name shows in argparse's messages)."""
        return _ArgType(self)


#: A number of seconds, minutes or hours typed with its unit: "10s", "2 min", "1h".
_WITH_A_UNIT = re.compile(
    r"\s*([0-9]+(?:\.[0-9]+)?)\s*(s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?)\.?\s*",
    re.IGNORECASE,
)


def _seconds_with_a_unit(text: str) -> str | None:
    """The seconds ``text`` means when written with its unit (``10s`` 10, ``2m`` 120), as the
    figure to write; None when it has no unit."""
    found = _WITH_A_UNIT.fullmatch(text)
    if found is None:
        return None
    per = {"s": 1, "m": 60, "h": 3600}[found.group(2)[0].lower()]
    return _plain(float(Decimal(found.group(1)) * per))


def share_meant(value: object, high: float | Decimal, *, below: bool = False) -> str | None:
    """ "Write 0.7 for 70 %" for a share typed as a percentage (``"70%"``, or 70 where at most
    ``high`` is a share), "Write 0.85, with a decimal point" for ``"0,85"``; else None.
    With ``below``, the share must be less than ``high``: 100 % is not told to write 1.

    A leader types the check-in's percent_done from 0 to 100, and a spreadsheet shows a
    share as a percentage: ``max_utilization = 85`` meant 85 %, never 8,500 %.
    """
    if isinstance(value, bool):
        return None
    top = Decimal(str(high))
    if isinstance(value, str):
        text = "".join(value.split())
        if text.endswith("%"):
            try:
                percent = Decimal(text[:-1].replace(",", "."))
            except InvalidOperation:
                return None
            if (
                percent.is_finite()
                and 0 <= percent <= 100 * top
                and not (below and percent == 100 * top)
            ):
                return f"Write {_decimal(percent / 100)} for {_decimal(percent)} %"
        elif re.fullmatch(r"[0-9]+,[0-9]+", text) and (
            (meant := Decimal(text.replace(",", "."))) < top or (meant == top and not below)
        ):
            return f"Write {_decimal(meant)}, with a decimal point"
        return None
    if (
        isinstance(value, int | float)
        and math.isfinite(value)
        and top < value <= 100 * top
        and not (below and value == 100 * top)
    ):
        percent = Decimal(str(value))
        return f"Write {_decimal(percent / 100)} for {_decimal(percent)} %"
    return None


def _decimal(value: Decimal) -> str:
    """``value`` as one types it: 0.7, 85, 100 (never 0.70 or 1E+2)."""
    return f"{value.normalize():f}"


def _spells_infinity(text: str) -> bool:
    """Whether ``text`` writes infinity itself (``inf``, ``-Infinity``, ``inf%``), not a
    finite number too large for a float (``1e400``)."""
    return text.strip().rstrip("%").strip().lstrip("+-").lower() in {"inf", "infinity"}


def _plain(bound: float) -> str:
    """A bound as one types it: ``2147483647`` and ``1000000``, never ``2.14748e+09``."""
    return str(int(bound)) if float(bound).is_integer() else f"{bound:g}"


def _whole(figure: str) -> int | float:
    """A whole-number flag's value: the integer, or the float written (``4.0``, ``1e1``,
    ``2.5``) for :meth:`Range.problem` to say what to write."""
    try:
        return int(figure)
    except ValueError:
        return float(figure)


def _written(value: float) -> str:
    """A value as typed, every digit kept: ``1000001`` and ``1.0000001``, never ``1e+06``
    and ``1`` (six significant digits wrote a value just past an edge as the edge)."""
    if float(value).is_integer() and abs(value) < 1e16:
        return str(int(value))
    text = repr(float(value))
    if "e" in text and 1e-9 <= abs(value) < 1e16:
        text = f"{Decimal(text):f}"
    return text


class _ArgType:
    """Callable for ``argparse``; its ``__name__`` appears in "invalid ... value" messages."""

    def __init__(self, accepted: Range) -> None:
        self.range = accepted
        self.__name__ = accepted.describe()

    def __call__(self, text: str) -> float | int:
        return self.range.parse(text)


#: The largest time limit (seconds) anywhere: settings, CLI, app.
MAX_TIME_LIMIT_S = 3600.0
#: The smallest: still answers, with the quick first plan or "no plan found".
MIN_TIME_LIMIT_S = 0.01


def seconds_down(seconds: float) -> float:
    """A time limit cut from what is left of a budget: in hundredths, rounded down.

    Never more than is left, and no "time limit of 0.666667 s" for a leader to read.
    """
    return math.floor(seconds * 100) / 100


#: Data rows read per file (the header not counted): the loader's cap, and the most a
#: change budget can mean (a budget above it means "any").
MAX_ROWS = 100_000
#: Cells (rows x columns, as the file holds them) read per table. Reading costs by the
#: cell: 10,000 projects are 160,000 cells, while a 20 MB file of 1,000 columns nobody
#: plans with is 10 million (18 s and 590 MB to read; six in one small zip, 2 GB).
MAX_CELLS = 1_000_000

TIME_LIMIT = Range("solve.time_limit_s", MIN_TIME_LIMIT_S, MAX_TIME_LIMIT_S, unit="s")
WORKERS = Range("solve.workers", 0, 64, integer=True)
#: A quarter has 13 weeks; a planning period of up to a year is accepted.
CALENDAR_WEEKS = Range("calendar.weeks", 1, 53, integer=True, unit="weeks")
SEED = Range("solve.seed", 0, 2**31 - 1, integer=True)
#: A share is planned and shown to the 0.1 %: one above 0 below it read "0 %".
SMALLEST_SHARE = 0.001
MAX_UTILIZATION = Range("capacity.max_utilization", 0.0, 1.0, share=True, smallest=SMALLEST_SHARE)
MULTIPLIER = Range("capacity.multipliers", 0.0, 10.0, share=True, smallest=SMALLEST_SHARE)
#: The span of the app's capacity sliders: the what-ifs leaders ask (no one to twice the
#: hours). Anything else MULTIPLIER accepts is typed in the exact-value input beside them.
MULTIPLIER_SLIDER = Range("capacity.multipliers", 0.0, 2.0)
#: The smallest weight that counts. The planner weighs in whole millionths of a goal's
#: percentage point, to at most nine decimals: an attainment or balance weight of 1e-6
#: (1e-320 too) built its term with every coefficient 0, as if it were off, where the
#: settings and the Overview still showed it on. A floor kept well clear of that edge
#: (alone on the sample, an attainment or balance weight of 0.0001 still counts, and a fit
#: or confidence weight of 1e-6): below it a weight *may* count as 0, not always does.
SMALLEST_WEIGHT = 0.001
_WEIGHT_WHY = "weight the planner takes (a smaller one may count as 0, as if off)"
WEIGHT = Range("weights", 0.0, 1_000_000.0, smallest=SMALLEST_WEIGHT, smallest_why=_WEIGHT_WHY)
STABILITY = Range(
    "weights.stability",
    0.0,
    1_000_000.0,
    smallest=SMALLEST_WEIGHT,
    smallest_why=_WEIGHT_WHY,
)
#: ``[weights] value``: the projects' value is in their KPI units (dollars of pipeline, a
#: goal of 2,000,000), so a weight of 0.0001 is a leader minding the scale (the Constraints
#: page's help says so), and the value term, in those units exactly, counts it: refused below
#: 0.001 as the other weights are, it was a setting that had planned 34 pairs of the sample.
#: Kept at 1e-9 or more, where 1e-320 would show as on and count for next to nothing.
VALUE_WEIGHT = replace(
    WEIGHT,
    smallest=1e-9,
    smallest_why="value weight the planner takes",
)


def weight_range(name: str) -> Range:
    """The range of ``[weights] name``: :data:`VALUE_WEIGHT` for ``value``, else
    :data:`WEIGHT`."""
    return VALUE_WEIGHT if name == "value" else WEIGHT


MAX_CHANGES = Range("--max-changes", 0, MAX_ROWS, integer=True)
#: ``planner solve --baseline --tolerance``: percent of the best objective given up. A
#: plan kept close says it "within 0.1 %" at the least (a share above 0 never reads 0):
#: `--tolerance 1e-320` was planned as 0 and said "within 0.1 %".
TOLERANCE = Range(
    "--tolerance",
    0.0,
    99.0,
    unit="%",
    smallest=0.1,
    smallest_why="tolerance a plan is said to be kept within (it would read as within 0.1 %)",
)
#: ``planner checkin``: weeks in a quarter, and weeks gone.
QUARTER_WEEKS = Range("--quarter-weeks", 1, 53, unit="weeks")
WEEKS = Range("--weeks", 0, 53, unit="weeks")
#: ``planner scenarios sweep``: points, and seconds for all solves.
SWEEP_STEPS = Range("--steps", 1, 50, integer=True)
SWEEP_BUDGET = Range("--budget", MIN_TIME_LIMIT_S, 24 * MAX_TIME_LIMIT_S, unit="s")
#: Wall-clock budget for a whole sweep or marginal analysis, in the app and the CLI alike
#: (``--budget``): each point has the settings' time limit, cut so that every point fits,
#: so the same sweep gives the same points wherever it runs.
SWEEP_BUDGET_S = 120.0
#: ``planner explain --capacity``: seconds for all of its re-solves.
CAPACITY_BUDGET = Range("--capacity-budget", MIN_TIME_LIMIT_S, 24 * MAX_TIME_LIMIT_S, unit="s")
#: ``planner generate``: sizes the loader accepts, and that a solve can answer
#: within its limit (see docs/reliability.md for the largest measured).
GENERATE_TEAMS = Range("--teams", 2, 500, integer=True)
GENERATE_PROJECTS = Range("--projects", 1, 10_000, integer=True)
GENERATE_GOALS = Range("--goals", 0, 1_000, integer=True)

__all__ = [
    "CAPACITY_BUDGET",
    "GENERATE_GOALS",
    "GENERATE_PROJECTS",
    "GENERATE_TEAMS",
    "MAX_CHANGES",
    "MAX_TIME_LIMIT_S",
    "MAX_UTILIZATION",
    "MIN_TIME_LIMIT_S",
    "MULTIPLIER",
    "MULTIPLIER_SLIDER",
    "QUARTER_WEEKS",
    "SEED",
    "SMALLEST_SHARE",
    "SMALLEST_WEIGHT",
    "STABILITY",
    "SWEEP_BUDGET",
    "SWEEP_BUDGET_S",
    "SWEEP_STEPS",
    "TIME_LIMIT",
    "TOLERANCE",
    "VALUE_WEIGHT",
    "WEEKS",
    "WEIGHT",
    "WORKERS",
    "Range",
    "seconds_down",
    "weight_range",
]


def quoted_figure(value: object, what: str, key: str) -> str | None:
    """Why a figure written in quotes (``time_limit_s = "5"``, which TOML reads as text) is
    refused, with the line to write; None when ``value`` is not one. It read "'5' is not a
    number. Fix: Write a plain number, e.g. 5", as if 5 were wrong. A figure typed
    otherwise (``"１０"``, full-width digits; ``"1,000.5"``, as a spreadsheet shows it)
    says that too, with the plain figure."""
    if not isinstance(value, str):
        return None
    if isinstance(value, WrittenOtherwise):
        return written_otherwise(value, key)
    if PLAIN_DECIMAL.fullmatch(value.strip()):
        return (
            f"{as_written(value)} is in quotes, so it reads as text, not {what}: write it "
            f"without the quotes ({key} = {value.strip()})."
        )
    if typed := figure_meant(value):
        said, plain = typed
        return (
            f"{as_written(value)} is in quotes, so it reads as text, not {what}, and "
            f"{said}: write it without the quotes as {plain} ({key} = {plain})."
        )
    return None


def written_otherwise(value: WrittenOtherwise, key: str, *, whole: bool = False) -> str:
    """Why a TOML number with '_' between its digits or in base 16, 8 or 2 is refused, with
    the line to write: as a CSV cell, a settings sheet and a flag are, a figure is a plain
    decimal ("1_000 is not a plain decimal (it has '_' between its digits): write it as
    one (seed = 1000)"). ``whole``: the key takes a whole number (``2_000.0``: 2000)."""
    typed = typed_figure(value)
    if typed is None:  # "1_0e1_0": no one plain figure to offer
        return f"{value} is not a plain decimal{why_typed_otherwise(value)}: write it as one."
    said, plain = typed[0], written_plain(value, whole=whole)
    return f"{value} is not a plain decimal ({said}): write it as one ({key} = {plain})."


def written_plain(value: WrittenOtherwise, *, whole: bool = False) -> str:
    """The plain figure ``value`` writes (``0x10``: ``16``; ``+1_0.0`` with ``whole``:
    ``10``); empty when there is none."""
    typed = typed_figure(value)
    if typed is None:
        return ""
    plain = typed[1].lstrip("+")
    if whole and Decimal(plain) == Decimal(plain).to_integral_value():
        return str(int(Decimal(plain)))
    return plain


def as_written(value: object) -> str:
    """A settings value as TOML writes it: ``1979-05-27``, ``[1, 2]``, a table by its keys;
    not Python's ``datetime.date(1979, 5, 27)`` or ``{'x': 1}``."""
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, dict):
        return "a table (" + ", ".join(str(k) for k in value) + ")"
    if isinstance(value, list):
        return "[" + ", ".join(as_written(v) for v in value) + "]"
    isoformat = getattr(value, "isoformat", None)
    return str(isoformat()) if callable(isoformat) else repr(value)
