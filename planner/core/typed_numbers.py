"""Figures as other keyboards, locales and word processors type them, told in words.

The planner reads plain decimals only (SPEC); these say why a cell that shows a figure
is not one, and the plain figure to write where there is exactly one: full-width digits
of an East Asian input method ("１０００"), digits of another script ("١٠٠٠"), the
typographic minus sign a word processor puts for "-", a thousands separator of the
no-break spaces French and other locales write ("1 000"), a dot between thousands
with a decimal comma ("1.000,5"), a currency sign ("$5,000", "5000 €"), and Python's
digit grouping ("1_000"), which ``float`` reads where a cell does not, and a k for
thousands or an M for millions ("10k", "$1.5M"), as leaders write values in slides.
:func:`figure_range` reads two such figures written as a range ("10k-40k").

A command-line flag reads a figure as a cell does (:func:`flag_figure`): ``--time-limit
１０`` and ``1_0`` solved for 10 s where the same cell is refused.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

from planner.core.identifiers import escaped

#: The minus signs typed for "-" by word processors and copied web pages.
_MINUS_SIGNS = "\u2212\u2012\u2013\ufe63\uff0d"
#: Spaces that separate thousands in some locales (no-break, narrow no-break, thin).
_SPACE_SEPARATORS = "\u00a0\u202f\u2009"
#: A plain decimal, the one form a figure is read in (SPEC): ``-12``, ``0.5``, ``.5``, ``3.``.
PLAIN_DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")
#: A leading '+' before a digit, read in every number cell (SPEC): "+5" h is 5 h, as a
#: spreadsheet reads it, and "+1" in calendar.csv's week column is week 1 ("+7-8", 7-8).
_LEADING_PLUS = re.compile(r"\+(?=[0-9])")
_SPACED_THOUSANDS = re.compile(
    rf"[+-]?[0-9]{{1,3}}(?:[{_SPACE_SEPARATORS}][0-9]{{3}})+(?:[.,][0-9]*)?"
)
_EUROPEAN = re.compile(r"([+-]?[0-9]{1,3}(?:\.[0-9]{3})+),([0-9]+)")
_COMMA_THOUSANDS = re.compile(r"[+-]?[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]*)?")
#: Python's digit grouping, ``1_000``: ``float`` and ``int`` read it, a spreadsheet does not.
_GROUPING = re.compile(r"(?<=[0-9])_(?=[0-9])")
#: A whole number in base 16, 8 or 2 as TOML and programmers write it (``0x10``, ``0o17``,
#: ``0b11``): settings.toml's reader took ``seed = 0x10`` as 16 where a cell was refused.
_BASE_PREFIX = re.compile(r"0([xob])([0-9a-f]+(?:_[0-9a-f]+)*)", re.IGNORECASE)
_BASES = {"x": (16, "hexadecimal"), "o": (8, "octal"), "b": (2, "binary")}
#: A figure with a k for thousands or an M for millions after it ("10k", "1.5M"): "10k"
#: in value_low read only "is not a number. Fix: Write a plain decimal such as 2500".
#: A lower-case m is left alone: minutes, months or millions.
#: A comma before one or two digits is a decimal comma ("1,5k" is 1500; "1,500k" is not read).
_MAGNITUDE = re.compile(r"([+-]?(?:[0-9]+(?:\.[0-9]*|,[0-9]{1,2})?|\.[0-9]+)) ?([kKM])")
_MAGNITUDES = {"k": (3, "thousands"), "K": (3, "thousands"), "M": (6, "millions")}
#: Two figures joined as a range ("10000-40000", "10k – 40k", "10,000 to 40,000"): the
#: first figure's end is a digit or a k or M, so a minus sign before it is its own.
_RANGE = re.compile(r"(.*?[0-9kKM.])\s*(?:[-\u2012\u2013\u2014\u2212~]|\s[tT][oO]\s)\s*(.+)")


def _ascii_digits(raw: str) -> tuple[str, str]:
    """``raw`` with every decimal digit of another script as 0-9, and which script (empty
    when all were 0-9 already)."""
    script, out = "", []
    for char in raw:
        digit = unicodedata.decimal(char, None) if not char.isascii() else None
        if digit is None:
            out.append(char)
            continue
        out.append(str(digit))
        full_width = "\uff10" <= char <= "\uff19"
        script = script or ("full-width digits" if full_width else "digits of another script")
    return "".join(out), script


def without_plus(text: str) -> str:
    """``text`` trimmed, without the one leading '+' a number may be written with ("+1" is
    1): the one rule for a '+' in every number cell, week cells included, as PLAIN_DECIMAL
    reads it in hours and values."""
    stripped = text.strip()
    return stripped[1:] if _LEADING_PLUS.match(stripped) else stripped


def why_typed_otherwise(raw: str) -> str:
    """Why ``raw``, which is not a plain decimal, reads as a figure to a person, and the
    figure to write: " (it is written in full-width digits: write it as 1000)"; empty
    when it is none of the forms above. A figure in brackets is below 0, which almost no
    cell or flag takes: it is said to read as one, not to be written so ("write it as -380",
    then "less than any effort_hours may be")."""
    bracketed = _bracketed(raw)
    said, plain = bracketed or _apostrophe(raw) or _magnitude(raw) or _typed_otherwise(raw)
    if not said:
        return ""
    if bracketed:
        return f" ({said}: it reads as {plain})"
    return f" ({said}: write it as {plain})" if plain else f" ({said})"


#: The apostrophe a spreadsheet takes as "keep this as text" before a figure ("'380"), kept
#: in the cell where it was typed into a cell already formatted as text, or put there by
#: an export guarding against formulas.
_APOSTROPHES = "'\u2018\u2019"


def _apostrophe(raw: str) -> tuple[str, str] | None:
    """Why "'380" reads as a figure and the figure it writes (``("it starts with an
    apostrophe ...", "380")``); None for any other text."""
    text = raw.strip()
    if len(text) < 2 or text[0] not in _APOSTROPHES:
        return None
    rest = text[1:].strip()
    figure = rest if PLAIN_DECIMAL.fullmatch(rest) else meant_figure(rest)
    if figure is None:
        return None
    return (
        "it starts with an apostrophe, which a spreadsheet keeps in the cell when it is "
        "typed into a cell formatted as text",
        figure.lstrip("+"),
    )


#: A figure in brackets, as accounting writes one below 0 ("(200)", "($1,200)").
_BRACKETED = re.compile(r"\(\s*([^()]+?)\s*\)")


def _bracketed(raw: str) -> tuple[str, str] | None:
    """Why "(200)" reads as a figure and the figure it writes (``("it is in brackets, as
    accounting writes a figure below 0", "-200")``); None for any other text: it read only
    "is not a number" (attack round 36)."""
    found = _BRACKETED.fullmatch(raw.strip())
    if found is None:
        return None
    inner = found[1]
    figure = inner if PLAIN_DECIMAL.fullmatch(inner) else meant_figure(inner)
    if figure is None or figure.startswith("-"):
        return None
    return "it is in brackets, as accounting writes a figure below 0", "-" + figure.lstrip("+")


def _magnitude(raw: str) -> tuple[str, str] | None:
    """Why ``raw`` reads as a figure with a k or an M and the plain figure it writes
    (``("its k stands for thousands", "10000")`` for "10k"); None for any other text. A cell's
    words only: a scenario named "10k" is no figure (:func:`typed_figure` leaves it)."""
    text = raw.strip()
    bare = "".join(c for c in text if unicodedata.category(c) != "Sc").strip()
    found = _MAGNITUDE.fullmatch(bare)
    if found is None:
        return None
    power, word = _MAGNITUDES[found[2]]
    said = f"its {found[2]} stands for {word}"
    if "," in found[1]:
        said += " and its comma for a decimal point"
    if bare != text:
        said = f"it has a currency sign; {said}"
    figure = Decimal(found[1].replace(",", "."))
    return said, format(figure.scaleb(power).normalize(), "f")


def flag_figure(text: str, what: str) -> str:
    """``text`` trimmed, for ``float`` or ``int`` to read, when it is written as a cell
    writes a figure (ASCII, no ``_``); else ``ValueError`` saying it is not ``what`` and,
    where one is, the figure to write: "'１０' is not a number from 0.01 to 3600 s (it is
    written in full-width digits: write it as 10)". Exponent notation and ``inf`` are left
    to the flag's range to refuse, as they were."""
    stripped = text.strip()
    if stripped.isascii() and "_" not in stripped:
        return stripped
    raise ValueError(f"{text!r} is not {what}{why_typed_otherwise(stripped)}")


def typed_figure(raw: str) -> tuple[str, str] | None:
    """Why ``raw`` reads as a figure to a person and the one plain figure to write
    (``("it is written in full-width digits", "10")``); None when it is no such figure."""
    said, plain = _typed_otherwise(raw)
    return (said, plain) if said and plain else None


def figure_meant(raw: str) -> tuple[str, str] | None:
    """:func:`typed_figure`, and thousands separators or a decimal comma alone, as a cell
    is told them: ``("it has a thousands separator", "1000.5")`` for "1,000.5". None for
    exponent notation (a figure TOML reads without quotes) and text that is no figure."""
    if typed := typed_figure(raw):
        return typed
    text = raw.strip()
    if _EXPONENT.fullmatch(text) or (plain := meant_figure(text)) is None:
        return None
    said, _ = _typed_otherwise(text)
    if not said and THOUSANDS.fullmatch(text):
        said = "it has a thousands separator"
    elif not said and DOTTED_THOUSANDS.fullmatch(text):
        said = DOTS_BETWEEN_THOUSANDS
    elif not said and _DECIMAL_COMMA.fullmatch(text):
        said = "it uses a decimal comma"
    return (said, plain) if said else None


#: A figure written with the app's own thousands commas, a comma every three digits
#: ("9,700,000", "1,400.5", "1,000."), as its grids show figures: read there as the figure
#: written (:func:`ungrouped`). A decimal comma ("1,5") is no such figure. Files are read
#: as SPEC says, plain decimals only.
APP_THOUSANDS = re.compile(r"[+-]?[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]*)?")


def ungrouped(text: str) -> str:
    """``text`` without the app's thousands commas when it is written with them
    ("9,700,000" -> "9700000"), else as it is ("1,5" stays, to be refused)."""
    return text.replace(",", "") if APP_THOUSANDS.fullmatch(text) else text


#: Why "1.000.000" is no figure, in words.
DOTS_BETWEEN_THOUSANDS = (
    "it has dots between thousands, as a spreadsheet in German, French or Spanish writes them"
)


#: Exponent notation ("1e12", "2.5E-3"), read as the figure it writes.
_EXPONENT = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)[eE][+-]?[0-9]{1,3}")
#: A figure with a thousands separator (a comma, an apostrophe or a space every three digits:
#: "1,000", "1'000", "1 000"): read as the figure here, said to be so by planner.core.not_a_number.
THOUSANDS = re.compile(r"[+-]?[0-9]{1,3}(?:[,' ][0-9]{3})+(?:\.[0-9]*)?")
#: Dots between thousands, as a spreadsheet in German, French or Spanish writes a figure
#: ("1.000.000"); one dot ("1.000") is a plain decimal, warned of where it is read.
DOTTED_THOUSANDS = re.compile(r"[+-]?[0-9]{1,3}(?:\.[0-9]{3}){2,}")
#: "1.000": a thousand where a spreadsheet writes a dot between thousands, 1 as SPEC reads it.
DOTTED_THOUSAND = re.compile(r"\+?[1-9][0-9]{0,2}\.000")
#: A dot that may separate thousands ("2.500"); any other dot in a plain decimal ("0.500",
#: "12.5", "1000.000") is the decimal point, and shows the column is written with one.
DOT_MAY_SEPARATE = re.compile(r"[+-]?[1-9][0-9]{0,2}(?:\.[0-9]{3})+")
#: One dot before three digits after a currency sign ("€22.000"): 22,000 or 22.
_ONE_DOT_THOUSAND = re.compile(r"[+-]?[1-9][0-9]{0,2}\.[0-9]{3}")


def dot_either_way(raw: str) -> tuple[str, str] | None:
    """The two figures ``raw`` may mean when a currency sign (or a character nobody sees)
    stands beside one dot before three digits: ``("22000", "22")`` for "€22.000"; None
    otherwise."""
    said, plain = _typed_otherwise(raw)
    if not said or plain:
        return None
    text = _ascii_digits(raw.strip())[0]
    text = "".join(c for c in text if unicodedata.category(c) not in ("Sc", "Cf")).strip()
    if text and text[0] in _MINUS_SIGNS:
        text = "-" + text[1:]
    if not _ONE_DOT_THOUSAND.fullmatch(text):
        return None
    return text.replace(".", ""), format(Decimal(text).normalize(), "f")


#: A decimal comma, never three digits after it ("12,5"; "1,000" is a thousand).
_DECIMAL_COMMA = re.compile(r"[+-]?[0-9]*,(?:[0-9]{1,2}|[0-9]{4,})")


#: The most digits before or after the point a figure meant by exponent notation is
#: written out with.
_MOST_DIGITS = 30


def meant_figure(raw: str) -> str | None:
    """The one plain decimal a person meant by ``raw`` where there is one: "1000000000000"
    for "1e12", "1000" for "1,000", "1 000" or "１０００", "12.5" for "12,5"; None for a
    plain decimal, or text that is no figure ("lots", "12.5.3")."""
    text = raw.strip()
    if PLAIN_DECIMAL.fullmatch(text):
        return None
    if typed := typed_figure(text) or _magnitude(text) or _apostrophe(text) or _bracketed(text):
        return typed[1]
    # Past what typed_figure reads: a currency sign, nobody-sees characters, other digits
    # and no-break spaces beside a thousands separator ("$5,000").
    text = _ascii_digits(text)[0]
    text = "".join(c for c in text if unicodedata.category(c) not in ("Sc", "Cf")).strip()
    text = "".join(" " if c in _SPACE_SEPARATORS else c for c in text)
    if _EXPONENT.fullmatch(text):
        value = Decimal(text)
        if not -_MOST_DIGITS < value.adjusted() < _MOST_DIGITS:
            return None  # "1e999": no figure anybody writes out
        if value.is_zero():
            return "0"  # "-0e5": nought, never "-0"
        figure = format(value, "f")
        return figure.rstrip("0").rstrip(".") if "." in figure else figure
    if THOUSANDS.fullmatch(text):
        return re.sub("[,' ]", "", text)
    if DOTTED_THOUSANDS.fullmatch(text):
        return text.replace(".", "")
    if _DECIMAL_COMMA.fullmatch(text):
        # ",5" is 0.5, as anybody writes it: ".5" read as a slip of its own.
        return _LEADING_POINT.sub(r"\g<1>0.", text.replace(",", "."))
    return None


def _in_base(text: str) -> tuple[str, str, str] | None:
    """``text`` as a plain whole number when it is written in base 16, 8 or 2 with its
    prefix (``0x1F``: ``("31", "hexadecimal", "x")``); None for any other text."""
    found = _BASE_PREFIX.fullmatch(text)
    if found is None:
        return None
    prefix = found[1].lower()
    base, said = _BASES[prefix]
    try:
        return str(int(found[2].replace("_", ""), base)), said, prefix
    except ValueError:  # "0b12", "0o9": no number in that base
        return None


#: A decimal point before any digit (".5", "-.5"), where the figure meant writes its 0.
_LEADING_POINT = re.compile(r"^([+-]?)\.")


def _typed_otherwise(raw: str) -> tuple[str, str]:
    """:func:`why_typed_otherwise`'s reasons, and its plain figure ("" when none)."""
    text = raw.strip()
    reasons: list[str] = []
    # A BOM inside a cell (a file pasted after another that kept its own), a zero-width
    # space or a direction mark: format characters nobody sees.
    hidden = list(dict.fromkeys(c for c in text if unicodedata.category(c) == "Cf"))
    if hidden:
        codes = ", ".join(escaped(c) for c in hidden)
        many = "characters" if len(hidden) > 1 else "a character"
        reasons.append(f"it holds {many} nobody can see, {codes}")
        text = "".join(c for c in text if c not in hidden).strip()
    text, script = _ascii_digits(text)
    if script:
        reasons.append(f"it is written in {script}")
    if based := _in_base(text):
        reasons.append(f"it is written in {based[1]}")
        text = based[0]
    if _GROUPING.search(text):
        reasons.append("it has '_' between its digits")
        text = _GROUPING.sub("", text)
    if text and text[0] in _MINUS_SIGNS:
        reasons.append(f"its minus is the typographic minus sign '{text[0]}', not the '-' key")
        text = "-" + text[1:]
    bare = "".join(c for c in text if unicodedata.category(c) != "Sc").strip()
    if bare != text and bare:
        reasons.append("it has a currency sign")
        text = bare
    if reasons and _ONE_DOT_THOUSAND.fullmatch(text):
        # "€22.000" is 22,000 to a spreadsheet in German; "write it as 22.000" gave a figure
        # read as 22. Both are said (:func:`dot_either_way`).
        reasons.append(
            "its dot may be between thousands, as a spreadsheet in German, French or Spanish "
            f"writes {int(text.replace('.', '')):,} as {text}"
        )
        return "; ".join(reasons), ""
    plain = text
    if european := _EUROPEAN.fullmatch(text):
        reasons.append("it has a dot between thousands and a decimal comma")
        plain = f"{european[1].replace('.', '')}.{european[2]}"
    elif _SPACED_THOUSANDS.fullmatch(text):
        reasons.append("it has a no-break space as its thousands separator")
    elif _COMMA_THOUSANDS.fullmatch(text) and reasons:
        reasons.append("it has a thousands separator")
    if not reasons:
        return "", ""
    return "; ".join(reasons), plain if PLAIN_DECIMAL.fullmatch(plain) else ""


def figure_range(raw: str) -> tuple[str, str] | None:
    """The two plain figures of ``raw`` when it writes a range of figures in one cell
    ("10000-40000", "10k-40k", "$10,000 to $40,000": ``("10000", "40000")``); None for a
    figure ("-5", "1e-3") or any other text."""
    found = _RANGE.fullmatch(raw.strip())
    if found is None:
        return None
    ends = []
    for part in (found[1], found[2]):
        part = part.strip()
        figure = part if PLAIN_DECIMAL.fullmatch(part) else meant_figure(part)
        if figure is None or _EXPONENT.fullmatch(part):
            return None
        ends.append(figure)
    return ends[0], ends[1]


#: The marks a checkbox column is exported or typed with, for true.
_CHECK_MARKS = frozenset({"x", "\u2713", "\u2714", "\u2611", "\u2705"})


def boolean_meant(raw: str) -> str:
    """Why ``raw`` (lower case), refused as a boolean, reads as one to a person, and what to
    write: " (it is 1 written with a decimal point, as a program exports a column of 1s
    and blanks: write 1)"; empty when it is nothing of the kind. "1.0" (a data tool's
    export), a check mark and "y" were told only "Write true or false"."""
    text = raw.strip()
    if PLAIN_DECIMAL.fullmatch(text) and Decimal(text) in (0, 1):
        return (
            f" (it is {Decimal(text):.0f} written with a decimal point, as a program exports a "
            f"column of 1s, 0s and blanks: write {Decimal(text):.0f})"
        )
    if text in _CHECK_MARKS:
        return " (a check mark: write true, or yes, where it is ticked)"
    if text in ("y", "n"):
        return f" (write {'yes' if text == 'y' else 'no'} in full)"
    return ""
