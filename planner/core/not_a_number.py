"""Why a cell is not a number, in words: a date or a time a spreadsheet made of it, a
formula's error value or its text, an exponent, a thousands separator, a decimal comma, a
percent sign, more than one decimal point; with the fix for a formula and for the points.
"""

from __future__ import annotations

import re

from planner.core.typed_numbers import (
    DOT_MAY_SEPARATE,
    DOTS_BETWEEN_THOUSANDS,
    DOTTED_THOUSANDS,
    THOUSANDS,
    figure_range,
    why_typed_otherwise,
)

_EXPONENT = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)[eE][+-]?[0-9]+")
_DECIMAL_COMMA = re.compile(r"[+-]?[0-9]*,[0-9]+")
#: Digits with more than one decimal point ("0.2.1", "12.5.", "1..5").
_POINTS = re.compile(r"[+-]?[0-9]*\.[0-9]*(?:\.[0-9]*)+")

#: A date as a spreadsheet writes one (2025-07-08, 07/08/2025, 8-Jul, Jul-8, 8-Jul-25).
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,6}\.?"
_DATE = re.compile(
    r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[ T][0-9:.]+)?"
    r"|[0-9]{1,2}[/.][0-9]{1,2}[/.][0-9]{2,4}"
    rf"|[0-9]{{1,2}}[- ]{_MONTH}(?:[- ][0-9]{{2,4}})?"
    rf"|{_MONTH}[- ][0-9]{{1,2}}(?:[- ][0-9]{{2,4}})?",
    re.IGNORECASE,
)


def looks_like_a_date(raw: str) -> bool:
    """Whether a cell reads as a date: a spreadsheet's doing, more often than the user's."""
    return _DATE.fullmatch(raw.strip()) is not None


#: A time or a duration as a spreadsheet writes one (8:00, 08:00:00, 8:30 AM, 1 day, 2:00:00).
_TIME = re.compile(
    r"(?:[0-9]+ days?, )?[0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?(?: ?[ap]\.?m\.?)?", re.I
)


def points_fix(raw: str, example: str) -> str | None:
    """The fix of a figure typed with more than one decimal point ("0.2.1"): it was told
    to write a plain decimal, as any text is, not which point is too many. None for any
    other text."""
    if not _POINTS.fullmatch(raw) or DOT_MAY_SEPARATE.fullmatch(raw):
        return None  # "1.000.000": dots between thousands, said so elsewhere
    if not any(c.isdigit() for c in raw):
        return None
    whole, _, rest = raw.partition(".")
    parts = [p for p in rest.split(".") if p]
    joined = f"{whole or '0'}.{''.join(parts)}" if parts else whole or "0"
    first = f"{whole or '0'}.{parts[0]}" if parts else joined
    meant = joined if first == joined else f"{joined} or {first}"
    return f"Keep one decimal point: {meant}, whichever was meant (a number such as {example})."


#: The texts a spreadsheet shows for a formula that fails (Excel's and LibreOffice's).
_ERROR_TEXTS = frozenset(
    ("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#SPILL!", "#CALC!")
)


def formula_words(raw: str) -> tuple[str, str] | None:
    """Why ``raw`` is no number and its fix, when it is a spreadsheet's error value
    ("#REF!": a formula that failed, exported as its error) or a formula kept as text
    ("=1/0"); None for any other text. Both read "is not a number" with the fix to write
    a plain decimal, as if the leader had typed them."""
    text = raw.strip()
    if text.upper() in _ERROR_TEXTS or text.upper().startswith("#ERR"):
        return (
            " (it is the error a spreadsheet shows for a formula that failed)",
            "Correct the formula in the spreadsheet, or type the value itself, then save "
            "the file again.",
        )
    if text.startswith("=") and len(text) > 1:
        return (
            " (it is a formula kept as text, not its result)",
            "Save the file again from Excel or LibreOffice, which write each formula's "
            "result, or type the value itself.",
        )
    return None


def why_not_a_number(raw: str) -> str:
    """Why ``raw``, not a plain decimal, is no number, in words (" (it has a thousands
    separator)"); empty when there is nothing more to say than that it is not one."""
    if looks_like_a_date(raw):
        return (
            " (it reads as a date: the spreadsheet may format this column as dates; format "
            "it as numbers and type the value again)"
        )
    if _TIME.fullmatch(raw.strip()):
        return (
            " (it reads as a time: a spreadsheet keeps 8:00 as a time of day, not as 8 hours; "
            "format the column as numbers and type the hours)"
        )
    if (formula := formula_words(raw)) is not None:
        return formula[0]
    lowered = raw.lower().lstrip("+-")
    if lowered in ("inf", "infinity", "nan", "∞"):
        return " (infinite and not-a-number values are not allowed)"
    if _EXPONENT.fullmatch(raw):
        return " (exponent notation such as 1e6 is not allowed)"
    if otherwise := why_typed_otherwise(raw):
        return otherwise
    if THOUSANDS.fullmatch(raw):
        return " (it has a thousands separator)"
    if DOTTED_THOUSANDS.fullmatch(raw):
        return f" ({DOTS_BETWEEN_THOUSANDS})"
    if _DECIMAL_COMMA.fullmatch(raw):
        return " (it uses a decimal comma)"
    if raw.endswith("%"):
        return " (percent signs are not allowed)"
    if _POINTS.fullmatch(raw) and not DOT_MAY_SEPARATE.fullmatch(raw):
        return f" (it has {raw.count('.')} decimal points)"
    if (ends := figure_range(raw)) is not None:
        # A target, hours or a weight typed as a range ("2000-3000") read "is not a number"
        # alone, where a value's range was told the cells its ends go in.
        return f" (it is a range, {ends[0]} to {ends[1]}, where the cell holds one figure)"
    return ""
