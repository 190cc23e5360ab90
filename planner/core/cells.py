"""Reading one cell of a data file: numbers, booleans, lists and skills, each
checked against its bounds, with the fix in words when it is wrong.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from planner.core.errors import InputIssue, Severity, clipped
from planner.core.not_a_number import formula_words, points_fix, why_not_a_number
from planner.core.ranges import share_meant
from planner.core.shown_figures import figure_typed
from planner.core.tables import (
    MAX_COUNT,
    MAX_DECIMALS,
    MAX_HOURS,
    MAX_VALUE,
    MAX_WEIGHT,
    issue,
)
from planner.core.typed_numbers import (
    DOT_MAY_SEPARATE,
    DOTTED_THOUSAND,
    PLAIN_DECIMAL,
    boolean_meant,
    dot_either_way,
    meant_figure,
    without_plus,
)
from planner.core.writing import bool_text, plain

_WHOLE = re.compile(r"[0-9]+")
#: A share typed without its point ("01", "05" for 0.1, 0.5).
_LEADING_ZERO = re.compile(r"\+?0+[1-9][0-9]*")
_NUMBER_FIX = (
    "Write a plain decimal such as {example} (no thousands separators or decimal commas, "
    "no units, no exponents)."
)
#: The same for a whole-number column (max_projects): "a plain decimal such as 3" read
#: as though 2.5 were taken.
_WHOLE_FIX = "Write a whole number such as {example} (no thousands separators, no units)."


def _number_fix(example: str, whole: bool) -> str:
    """The fix for a cell that is not a number, a whole one for a whole-number column."""
    return (_WHOLE_FIX if whole else _NUMBER_FIX).format(example=example)


_SKILLS_FIX = (
    "Write skills as name:level separated by ';' with levels 1 to 5, e.g. seo:4; content:3."
)
#: Columns of ids, id lists, skill and stage names: compared exactly, so no character in
#: them may be invisible (a zero-width space would make two ids that look the same).
ID_COLUMNS = frozenset(
    {"team_id", "project_id", "goal_id", "depends_on", "stage", "stages"}
    | {"skills", "required_skills"}
)
#: What a leader writes in a cell for none or not known ("-", "N/A", "TBD"): in an optional
#: number cell, the empty cell says it.
_NONE_WORDS = frozenset(
    {"-", "\u2013", "\u2014", "n/a", "na", "n.a.", "none", "tbd", "tbc", "?", "null", "nil"}
)
#: The most characters a spreadsheet cell holds (Excel's limit, LibreOffice's too).
MAX_CELL_CHARS = 32_767
_TRUE = frozenset({"true", "yes", "1"})
_FALSE = frozenset({"false", "no", "0"})


#: The most characters of a column name or an id a message quotes (longer: its ends and
#: its length, :func:`~planner.core.errors.clipped`).
NAME_SHOWN = 60


@dataclass(frozen=True)
class Table:
    """One file's rows as trimmed text, each with its spreadsheet row number."""

    file: str
    columns: tuple[str, ...]
    rows: tuple[tuple[int, Mapping[str, str]], ...]

    def decimal_point_columns(self) -> frozenset[str]:
        """The columns where a cell writes a dot that can only be a decimal point ("0.500",
        "20.5"): there "12.000" is twelve, written with three decimals, not twelve thousand."""
        return frozenset(
            column
            for column in self.columns
            if any(
                "." in (raw := cells.get(column, ""))
                and PLAIN_DECIMAL.fullmatch(raw)
                and not DOT_MAY_SEPARATE.fullmatch(raw)
                for _, cells in self.rows
            )
        )


@dataclass(frozen=True)
class Bounds:
    """The range of a numeric column, for checking and for the fix's example."""

    low: Decimal
    low_open: bool
    high: Decimal
    high_open: bool = False
    example: str = "12.5"
    #: The fix for a value over ``high`` (default: check the units).
    too_large_fix: str | None = None
    #: The fix for a cell that is not a number (default: write a plain decimal).
    number_fix: str | None = None
    #: Whether the value is a share (of 1): a percentage typed is told the share meant.
    share: bool = False
    #: Whether a thousand is a likely figure ("1.000" is then said to read as 1): hours,
    #: values and targets; never a weight, a week or a count.
    thousands: bool = True


CAPACITY = Bounds(Decimal(0), False, MAX_HOURS, example="480")
#: One week's hours (calendar.csv): a quarter's 480 as the example would be copied into a week.
WEEK_CAPACITY = Bounds(Decimal(0), False, MAX_HOURS, example="40", thousands=False)
EFFORT = Bounds(Decimal(0), True, MAX_HOURS, example="120.5")
VALUE = Bounds(Decimal(0), False, MAX_VALUE, example="2500")
TARGET = Bounds(Decimal(0), True, MAX_VALUE, example="500")
WEIGHT = Bounds(Decimal(0), True, MAX_WEIGHT, example="1", thousands=False)
SHARE = Bounds(Decimal(0), True, Decimal(1), high_open=True, example="0.4", share=True)
PROJECT_CAP = Bounds(Decimal(1), False, Decimal(MAX_COUNT), example="3")


@dataclass(frozen=True)
class MessageWords:
    """The words the loader's messages name files and columns by, inside a sentence: the
    files' own names unless a page that shows no file gives its own (the Constraints
    page's "a team's weeks" control writes calendar.csv's capacity_hours as "Hours a
    week"). An issue's ``file`` and ``column`` stay the file's, to find the cell by."""

    #: (file, column) -> the words for that column ('"Hours a week"').
    columns: Mapping[tuple[str, str], str] = field(default_factory=dict)
    #: file -> the words for where it is kept ("the Data page's Teams table").
    files: Mapping[str, str] = field(default_factory=dict)
    #: Whether a setting is named by its settings-file key ("([calendar] weeks)"): a file's
    #: message does, so that it is found; a page, which shows no settings file, does not.
    names_settings: bool = True

    def column(self, file: str, column: str) -> str:
        """``column`` of ``file`` as a message names it."""
        return self.columns.get((file, column), column)

    def file(self, file: str) -> str:
        """``file`` as a message names it."""
        return self.files.get(file, file)

    def setting(self, key: str) -> str:
        """Where a figure is set, after it in a message: `` ([calendar] weeks)``, or nothing
        where settings are no file (:attr:`names_settings`)."""
        return f" ({key})" if self.names_settings else ""


#: The files' own names: what the CLI, the Data page and every file a leader gives read.
FILE_WORDS = MessageWords()
#: The Data page's grids: the files' own names (the grids head each column with both), and
#: no settings-file key ("The quarter has 13 weeks ([calendar] weeks)" named a file the page
#: does not show).
GRID_WORDS = MessageWords(names_settings=False)


class Row:
    """One data row being read: typed access to its cells, problems collected.

    Columns missing from the file are reported once for the whole file, so
    here a missing required column only marks the row as not usable.
    """

    def __init__(
        self,
        file: str,
        number: int,
        cells: Mapping[str, str],
        issues: list[InputIssue],
        decimal_point: frozenset[str] = frozenset(),
        words: MessageWords = FILE_WORDS,
    ) -> None:
        self.file = file
        self.number = number
        self.cells = cells
        self.issues = issues
        #: The file's columns written with a decimal point (:meth:`Table.decimal_point_columns`).
        self.decimal_point = decimal_point
        #: How the messages of the cell checks below name a column.
        self.words = words
        self.ok = True

    def said(self, column: str) -> str:
        """``column`` as this row's messages name it (:class:`MessageWords`)."""
        return self.words.column(self.file, column)

    def text(self, column: str) -> str:
        return self.cells.get(column, "")

    def error(self, column: str | None, message: str, fix: str) -> None:
        self.issues.append(issue(self.file, self.number, column, message, fix))
        self.ok = False

    def warn(self, column: str | None, message: str, fix: str) -> None:
        self.issues.append(issue(self.file, self.number, column, message, fix, Severity.WARNING))

    def required(self, column: str, fix: str) -> str | None:
        value = self.text(column)
        if value:
            return value
        if column in self.cells:
            self.error(column, f"{self.said(column)} is empty.", fix)
        else:
            self.ok = False
        return None

    def decimal(
        self,
        column: str,
        bounds: Bounds,
        default: Decimal | None,
        *,
        required: bool = False,
        whole: bool = False,
    ) -> Decimal | None:
        raw = self.text(column)
        if not raw:
            if required:
                self.required(column, f"Write a number such as {bounds.example}.")
            return default
        if not PLAIN_DECIMAL.fullmatch(raw):
            self._not_a_number(column, raw, bounds, whole=whole, required=required)
            return None
        value = Decimal(raw)
        fraction = raw.partition(".")[2].rstrip("0")
        if len(fraction) > MAX_DECIMALS:
            self.error(
                column,
                f"'{quoted_number(raw, raw)}' has more than {MAX_DECIMALS} decimals.",
                f"Round it to at most {MAX_DECIMALS} decimals.",
            )
            return None
        low, high = bounds.low, bounds.high
        # Grouped as its bound ("at most 1,000,000,000") is; a workbook's 1e308 with its
        # exponent, as the cell shows it, not in 309 digits: only a figure out of bounds.
        if value < low or (bounds.low_open and value == low):
            figure = quoted_number(raw, figure_typed(raw))
            relation = "more than" if bounds.low_open else "at least"
            self.error(
                column,
                f"{self.said(column)} must be {relation} {plain(low)}, not {figure}.",
                f"Write a number such as {bounds.example}.",
            )
            return None
        if value > high or (bounds.high_open and value == high):
            figure = quoted_number(raw, figure_typed(raw))
            said = self.said(column)
            if bounds.high_open:
                message = f"{said} must be less than {plain(high)}, not {figure}."
            else:
                message = f"'{figure}' is too large for {said} (at most {high:,.0f})."
            fix = (
                bounds.too_large_fix or f"Check the units; write a number such as {bounds.example}."
            )
            if bounds.share and (
                meant := share_meant(float(value), bounds.high, below=bounds.high_open)
            ):
                fix = f"{meant} (a share of 1, such as {bounds.example})."
            elif bounds.share and _LEADING_ZERO.fullmatch(raw):
                # "01" for 0.1, its point lost: told only to check the units.
                fix = (
                    f"Write 0.{raw.lstrip('+0')} if that is the share meant: a share is "
                    f"written with its decimal point, such as {bounds.example}."
                )
            self.error(column, message, fix)
            return None
        if (
            DOTTED_THOUSAND.fullmatch(raw)
            and bounds.thousands
            and not (bounds.share or whole)
            and column not in self.decimal_point
        ):
            self._dotted_thousand(column, raw, value)
        return value

    def _not_a_number(
        self, column: str, raw: str, bounds: Bounds, *, whole: bool, required: bool
    ) -> None:
        """Refuse ``raw``, which is not a plain decimal, with why and the fix that fits it."""
        if not required and bounds.number_fix is None and raw.lower() in _NONE_WORDS:
            self.error(
                column,
                f"'{clipped(raw)}' is not a number: it reads as none, or not known yet.",
                "Leave the cell empty (an empty cell takes its default), or write a "
                f"number such as {bounds.example}.",
            )
            return
        fix = bounds.number_fix or _number_fix(bounds.example, whole)
        if bounds.share and (meant := share_meant(raw, bounds.high, below=bounds.high_open)):
            fix = f"{meant} (a share of 1, such as {bounds.example})."
        elif bounds.number_fix is None and (either := dot_either_way(raw)) is not None:
            thousands, small = either
            fix = f"Write {thousands} for {int(thousands):,}, or {small} for {small}."
        elif bounds.number_fix is None and (figure := meant_figure(raw)) is not None:
            fix = _figure_fix(self.said(column), raw, figure, bounds, whole)
        elif points := points_fix(raw, bounds.example):
            fix = points
        elif (formula := formula_words(raw)) is not None:
            fix = formula[1]
        self.error(column, f"'{clipped(raw)}' is not a number{why_not_a_number(raw)}.", fix)

    def _dotted_thousand(self, column: str, raw: str, value: Decimal) -> None:
        """Warn that ``raw`` ("1.000") is read as 1, where a spreadsheet in German or French
        writes a thousand so: a team of 1 hour took no project and nobody said why."""
        said = "reads as"
        if sum(said in i.message and "dot between" in i.message for i in self.issues) >= 10:
            return  # ten name the pattern; the rest are the same mistake
        whole, thousand = plain(value), plain(value * 1000)
        self.issues.append(
            issue(
                self.file,
                self.number,
                column,
                f"'{raw}' {said} {whole}: the dot is the decimal point. A spreadsheet in "
                "German, French or Spanish writes a thousand so, with a dot between "
                "thousands.",
                f"Write {thousand} for {float(thousand):,.0f}, or {whole} to keep {whole}.",
                Severity.WARNING,
            )
        )

    def whole(self, column: str, bounds: Bounds) -> int | None:
        value = self.decimal(column, bounds, None, whole=True)
        if value is None:
            return None
        if value != value.to_integral_value():
            self.error(
                column,
                f"'{clipped(self.text(column))}' is not a whole number.",
                f"Write a whole number such as {bounds.example}.",
            )
            return None
        return int(value)

    def boolean(self, column: str, default: bool) -> bool | None:
        raw = self.text(column).lower()
        if not raw:
            return default
        if raw in _TRUE:
            return True
        if raw in _FALSE:
            return False
        self.error(
            column,
            f"'{clipped(self.text(column))}' is not true or false{boolean_meant(raw)}.",
            "Write true or false (yes/no and 1/0 work too); "
            f"leave it empty for the default ({bool_text(default)}).",
        )
        return None

    def choice(
        self, column: str, options: tuple[str, ...], default: str | None, what: str
    ) -> str | None:
        listed = " or ".join([", ".join(options[:-1]), options[-1]])
        raw = self.text(column)
        if not raw:
            if default is None:
                self.required(column, f"Write {listed}.")
            return default
        if raw.lower() in options:
            return raw.lower()
        self.error(column, f"'{clipped(raw)}' is not {what}.", f"Write {listed}.")
        return None

    def items(self, column: str) -> tuple[str, ...]:
        """A ';'-separated list: items trimmed, empty items and repeats dropped."""
        parts = (part.strip() for part in self.text(column).split(";"))
        return tuple(dict.fromkeys(part for part in parts if part))

    def skills(self, column: str, spelled: dict[str, str] | None = None) -> dict[str, int] | None:
        """The ``name:level; ...`` cell, names in the trimmed lower case they compare in;
        ``spelled`` keeps each name's first spelling (``pr`` -> ``PR``)."""
        raw = self.text(column)
        result: dict[str, int] = {}
        if "," in raw:
            self.error(
                column,
                f"'{raw}' uses ',' in a skill list.",
                "Separate skills with ';', e.g. seo:4; content:3.",
            )
            return None
        if (meant := _skills_meant(raw)) is not None:
            # 'seo：3' (an input method's full-width colon) or 'seo=3' read as a skill named
            # so, at level 1, that no team has: the project could never be assigned, unsaid.
            mark, said, plain_mark = meant[1]
            self.error(
                column,
                f"'{clipped(raw)}' has '{mark}'{said} where a skill list has '{plain_mark}'.",
                f"Write it as {clipped(meant[0])}.",
            )
            return None
        ok = True
        repeated: dict[str, int] = {}
        for item in (part.strip() for part in raw.split(";")):
            if not item:
                continue
            name_text, _, level_text = item.partition(":")
            # A level is a number: '+4' is 4, as in every number cell (without_plus).
            written, level_text = name_text.strip(), without_plus(level_text)
            name = written.lower()
            level = 1
            if not name:
                self.error(column, f"'{clipped(item)}' has no skill name before ':'.", _SKILLS_FIX)
                ok = False
                continue
            if ":" in item:
                if not _WHOLE.fullmatch(level_text):
                    # 'discovery: three' was told the list's general form, not the item.
                    as_figure = _LEVEL_WORDS.get(level_text.lower())
                    self.error(
                        column,
                        f"the level '{clipped(level_text)}' of skill '{clipped(written)}' is not a "
                        "whole number from 1 to 5.",
                        f"Write {clipped(written)}:{as_figure}." if as_figure else _SKILLS_FIX,
                    )
                    ok = False
                    continue
                level = int(level_text) if len(level_text) <= 6 else MAX_COUNT
                if not 1 <= level <= 5:
                    self.error(
                        column,
                        f"the level {clipped(level_text)} of skill '{clipped(written)}' is out of "
                        "range (levels are 1 to 5).",
                        _SKILLS_FIX,
                    )
                    ok = False
                    continue
            if name in result:
                # Said once per skill with its count: 'a:1;' pasted 2,000 times read 1,999
                # problems, and a skill written three times "listed twice", twice.
                repeated[name] = repeated.get(name, 1) + 1
                continue
            result[name] = level
            if spelled is not None:
                spelled.setdefault(name, written)
        for name, times in repeated.items():
            said = "twice" if times == 2 else f"{times:,} times"
            self.error(column, f"the skill '{name}' is listed {said}.", "List each skill once.")
        return result if ok and not repeated else None


#: A skill's level written as a word ('discovery: three'), and its figure.
_LEVEL_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5}

#: Marks typed where a skill list has ':' or ';': the full-width colon and semicolon of an
#: East Asian input method, and '=' (``seo=3``); with what each stands for.
_SKILL_MARKS = {"\uff1a": ":", "\uff1b": ";", "=": ":"}


def _skills_meant(raw: str) -> tuple[str, tuple[str, str, str]] | None:
    """The skill list ``raw`` means when it writes ':' or ';' as another mark (``seo：3``,
    ``seo=4; content：3``), with the first such mark and how it is said; else None."""
    first = next((char for char in raw if char in _SKILL_MARKS), None)
    if first is None:
        return None
    meant = "".join(_SKILL_MARKS.get(char, char) for char in raw)
    items = [item.strip() for item in meant.split(";") if item.strip()]
    for item in items:
        name, colon, level = item.partition(":")
        if not name.strip() or (colon and not _WHOLE.fullmatch(without_plus(level))):
            return None
    said = " (the full-width colon)" if first == "\uff1a" else ""
    said = " (the full-width semicolon)" if first == "\uff1b" else said
    return "; ".join(items), (first, said, _SKILL_MARKS[first])


def quoted_number(raw: str, figure: str) -> str:
    """A plain decimal ``raw`` as a message quotes it: ``figure`` (``raw`` as written, or
    grouped), or with its exponent when that is too long to quote whole.

    A workbook's cell holding 1e308 (or 1e-300) reaches the table in full, as 309 digits, so
    that it reads as the decimal it is: quoted so, it read '1000000000000000000000000000…
    00000000, 309 characters', where the cell shows 1E+308.
    """
    if len(figure) <= _QUOTED_CHARS:
        return figure
    number = Decimal(raw)  # exact: normalize() would round to 28 digits (9...9 to 1e5000)
    digits = "".join(map(str, number.as_tuple().digits)).lstrip("0").rstrip("0") or "0"
    mantissa = digits[:1] + ("." + digits[1:] if digits[1:] else "")
    exponent = f"{'-' * (number < 0)}{mantissa}e{number.adjusted()}"
    return exponent if len(exponent) <= _QUOTED_CHARS else clipped(figure)


#: The longest figure quoted whole (as :func:`~planner.core.errors.clipped` cuts text).
_QUOTED_CHARS = 40


def _figure_fix(column: str, raw: str, figure: str, bounds: Bounds, whole: bool = False) -> str:
    """The fix for ``raw``, meant as the plain ``figure`` ("1,000": "Write it as 1000."), or,
    past what ``column`` holds, that it is: "1e12 is 1000000000000 h, more than any
    capacity_hours may be (at most 1,000,000,000): check the units, ...". In a column of
    ``whole`` numbers, a figure with a fraction is told to be one ("Write it as 1000.5"
    was refused in turn)."""
    value = Decimal(figure)
    low, high = bounds.low, bounds.high
    below = value < low or (bounds.low_open and value == low)
    if not below and not (value > high or (bounds.high_open and value == high)):
        if whole and value != value.to_integral_value():
            return f"Write a whole number such as {bounds.example}."
        return f"Write it as {figure}."
    unit = " h" if high == MAX_HOURS else ""
    where = (
        f"less than any {column} may be (more than {plain(low)})"
        if below and bounds.low_open
        else f"less than any {column} may be (at least {plain(low)})"
        if below
        else f"more than any {column} may be (at most {high:,.0f})"
    )
    return (
        f"{clipped(raw)} is {figure}{unit}, {where}: check the units, and write a plain decimal "
        f"such as {bounds.example}."
    )
