"""TOML text, both ways: a key, a string and a value written so that they read back
exactly, and text read as TOML with the problem in words (a CSV table given instead, a key
given twice, an old Mac's line ends). The settings, a check-in and the data workbook's
settings sheet write and read their TOML through these.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from planner.core.errors import InputIssue, InvalidInputError
from planner.core.identifiers import escaped, invisible_characters


class WrittenFloat(float):
    """A TOML float that keeps the text it was written as: ``seed = 1e3`` is said as 1e3
    ("is written with an exponent"), not as 1000.0 ("has a decimal point", which it has not).
    It is a float in every other way."""

    written: str

    def __new__(cls, text: str) -> WrittenFloat:
        number = super().__new__(cls, text)
        number.written = text.replace("_", "")
        return number

    def __getnewargs__(self) -> tuple[str]:  # type: ignore[override]
        # Copied or pickled (a problem sent to a worker process) from its text, not from
        # the float: ``WrittenFloat(1000.0)`` has no text to keep.
        return (self.written,)


class WrittenOtherwise(str):
    """A TOML number written as TOML allows and no cell does: with '_' between its digits
    (``1_000``) or in base 16, 8 or 2 (``0x10``, ``0o17``, ``0b11``). It is kept as the
    text it was written as, so that the reader refuses it with the plain figure to write
    (:func:`planner.core.ranges.quoted_figure`), as a CSV cell ``1_000`` is refused.

    ``seed = 0x10`` planned with seed 16 and ``time_limit_s = 1_0`` with 10 s, where the
    same figures in a data file, a settings sheet or a flag were refused: one rule for
    numbers, a plain decimal (and, in TOML, exponent notation, as the planner writes it).
    """


def written_as(value: object) -> str | None:
    """The text a TOML number was written as, where the reader kept it (a
    :class:`WrittenFloat`, or a ``Decimal`` of a check-in: ``1e3``, ``1000.0``), else None."""
    if isinstance(value, WrittenFloat):
        return value.written
    if isinstance(value, Decimal) and value.is_finite():
        return str(value).replace("E+", "e").replace("E", "e")
    return None


def toml_key(key: str) -> str:
    """``key`` as a TOML line writes it: bare (``max_utilization``, ``AW-02``) when it may
    be, else a quoted string (``"Demand Gen"``)."""
    if key.replace("_", "").replace("-", "").isalnum() and key.isascii():
        return key
    return toml_value(key)


def toml_string(text: str) -> str:
    """``text`` as a TOML basic string that reads back exactly.

    Characters that do not print are escaped; ``\\uXXXX`` holds only four hex digits, so
    one past U+FFFF (a private-use one, an emoji newer than Python's Unicode table) is
    written ``\\UXXXXXXXX``.
    """
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + "".join(c if c.isprintable() else _toml_escape(c) for c in escaped) + '"'


def _toml_escape(char: str) -> str:
    code = ord(char)
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def toml_value(value: object) -> str:
    """A setting's value as TOML writes it: a bool, a number, a string or a list of them."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    raise TypeError(f"cannot write {value!r} as TOML")


#: How to correct a settings file that is not TOML.
_SETTINGS_TOML_FIX = (
    "Correct that line: each setting is written once, as key = value under "
    "its [section]; text in quotes, lists in [ ]."
)


def toml_lines(text: str) -> str:
    """``text`` with each lone carriage return (the line end of an old Mac editor, or of a
    file saved by one) as a line end: TOML ends lines with LF or CRLF only, and read "not
    valid TOML (Expected newline or end of document after a statement (at line 1, column
    18))" of a check-in that was fine. TOML allows no lone CR anywhere else, not even in a
    string, so no valid file reads otherwise."""
    return _LONE_CR.sub("\n", text)


_LONE_CR = re.compile(r"\r(?!\n)")


def toml_table(
    text: str,
    file: str,
    fix: str = _SETTINGS_TOML_FIX,
    *,
    parse_float: Callable[[str], Any] = float,
) -> dict[str, Any]:
    """``text`` read as TOML; text that is not TOML is one :class:`InvalidInputError` under
    ``file``, with ``fix``."""
    text = toml_lines(text)
    try:
        table = toml_loads(text, parse_float=parse_float)
        if (marked := _numbers_marked(text)) is None:
            return table
        return _unmarked(toml_loads(marked, parse_float=parse_float))
    except KeyTooLongError as exc:
        raise InvalidInputError(
            [
                InputIssue(
                    file,
                    exc.line,
                    None,
                    f"not valid TOML here: this line holds a key of {exc.parts:,} names "
                    f"joined by dots ('{exc.start}...'), where a key has at most "
                    f"{MAX_KEY_PARTS}.",
                    fix,
                )
            ]
        ) from None
    except ValueError as exc:
        if isinstance(exc, tomllib.TOMLDecodeError) or (long := _too_long_number(text)) is None:
            raise _not_toml(text, file, fix, exc) from None
        # A whole number past Python's 4,300 digits: the reader's int() raised ValueError.
        line, digits = long
        raise InvalidInputError(
            [
                InputIssue(
                    file,
                    line,
                    None,
                    f"line {line} holds a whole number of {digits:,} digits, more than "
                    "any figure here can be.",
                    "Write the number itself, e.g. 10, or remove the line.",
                )
            ]
        ) from None
    except RecursionError as exc:
        raise _not_toml(text, file, fix, exc) from None


#: What a TOML file holds, in the order the reader meets it: a string or a comment (read
#: past: a number there is text), or a number written as a value (after its key's ``=``).
_TOKENS = re.compile(
    r'(?P<skip>"""(?:[^\\]|\\.)*?"""|' + r"'''.*?'''" + r'|"(?:[^"\\\n]|\\.)*"'
    r"|'[^'\n]*'|#[^\n]*)"
    r"|(?P<value>=[ \t]*)(?P<number>[+-]?[0-9][0-9A-Za-z_.+-]*)(?=[ \t]*(?:[,}\]#\r\n]|$))",
    re.DOTALL,
)
#: A number TOML reads that no cell does (:class:`WrittenOtherwise`).
_OTHERWISE = re.compile(r"[+-]?(?:0[xob][0-9A-Fa-f_]+|[0-9][0-9_.eE+-]*_[0-9_.eE+-]*)")
#: Marks a number written otherwise in the text read a second time: as a TOML string, kept.
_MARK = "\ue000"


def _numbers_marked(text: str) -> str | None:
    """``text`` with each number written otherwise (:data:`_OTHERWISE`) as a marked string,
    for the reader to place under its key; None when it has none (nearly every file)."""
    if "_" not in text and not re.search(r"0[xob]", text):
        return None
    found = False

    def mark(match: re.Match[str]) -> str:
        nonlocal found
        number = match["number"]
        if number is None or not _OTHERWISE.fullmatch(number):
            return match[0]
        found = True
        return f'{match["value"]}"{_MARK}{number}"'

    marked = _TOKENS.sub(mark, text)
    return marked if found else None


def _unmarked(value: Any) -> Any:
    """``value`` (a table read from marked text) with each marked string as the
    :class:`WrittenOtherwise` number it stands for."""
    if isinstance(value, dict):
        return {key: _unmarked(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_unmarked(item) for item in value]
    if isinstance(value, str) and value.startswith(_MARK):
        return WrittenOtherwise(value[len(_MARK) :])
    return value


#: The most names a key joined by dots may have (``capacity.multipliers.sdr`` has 3): the
#: TOML reader takes time in the square of a key's names, an hour for a 1 MB line of them.
MAX_KEY_PARTS = 32

#: One name of a key: bare, or quoted.
_KEY_PART = r"""(?:[A-Za-z0-9_-]+|"[^"\n]*"|'[^'\n]*')"""
#: A key of more than MAX_KEY_PARTS names where a key starts: at a line's start, in a table's
#: [header], or after an inline table's { or , (a text value such as "a.b.c" is none).
_LONG_KEY = re.compile(
    rf"(?:^[ \t]*\[{{0,2}}|[{{,])[ \t]*"
    rf"({_KEY_PART}(?:[ \t]*\.[ \t]*{_KEY_PART}){{{MAX_KEY_PARTS},}})",
    re.MULTILINE,
)


class KeyTooLongError(ValueError):
    """A key of more than :data:`MAX_KEY_PARTS` names joined by dots, refused before the
    TOML reader spends minutes on it."""

    def __init__(self, line: int, parts: int, start: str) -> None:
        super().__init__(f"a key of {parts} names joined by dots (at line {line}, column 1)")
        self.line, self.parts, self.start = line, parts, start


def toml_loads(text: str, *, parse_float: Callable[[str], Any] = float) -> dict[str, Any]:
    """``tomllib.loads`` of ``text`` (its lone carriage returns as line ends), refusing a
    key of more than :data:`MAX_KEY_PARTS` names with :class:`KeyTooLongError` first.

    Every reader of a settings file, a check-in or a file that may be one goes through
    here: a settings file of one line ``a.a.a...`` (16,000 names, 32 KB) took 26 s to be
    refused, and the 1 MB a settings file may hold hours.
    """
    text = toml_lines(text)
    found = _LONG_KEY.search(text)
    if found is not None:
        key = found.group(1)
        line = text.count("\n", 0, found.start(1)) + 1
        raise KeyTooLongError(line, len(re.findall(_KEY_PART, key)), escaped(key[:40]))
    return tomllib.loads(text, parse_float=parse_float)


#: A whole number (digits, and the underscores TOML allows between them) too long for
#: Python's int(); a float as long reads as one.
_LONG_DIGITS = re.compile(r"(?<![\w.])[0-9][0-9_]{4300,}(?![0-9_.eE])")


def _too_long_number(text: str) -> tuple[int, int] | None:
    """(line, digits) of the first number in ``text`` too long for ``int()``, else None."""
    for number, line in enumerate(text.splitlines(), start=1):
        found = _LONG_DIGITS.search(line)
        if found is not None:
            return number, len(found.group().replace("_", ""))
    return None


def _not_toml(
    text: str, file: str, fix: str, exc: ValueError | RecursionError
) -> InvalidInputError:
    """The problem with ``text``, which the TOML reader refused with ``exc``."""
    # Lists nested thousands deep overflow the reader's stack: bad input all the same.
    why = "nested too deeply" if isinstance(exc, RecursionError) else exc
    table = _csv_line(text)
    row = None
    message = (
        f"not valid TOML: it reads as a table of comma-separated columns ('{table}'), "
        "not as key = value lines."
        if table
        else f"not valid TOML ({why})."
    )
    if table:
        fix = "Give the TOML file here (key = value lines), not a CSV table."
    elif (unclosed := _unclosed_section(text, str(why))) is not None:
        # "[solve" on a last line read "line 36 gives [solve again, after a line above.
        # Fix: Keep one [solve": the bracket it lacks, not a repeat, is what to fix.
        row, written = unclosed
        message = f"not valid TOML: line {row} opens the section {written} without its closing ]"
        fix = f"Write {written}] on line {row}."
        first = _first_given(text.splitlines()[: row - 1], f"{written}]")
        if first is not None:
            # Closed, it is a section given twice: said now, not in a second round.
            message += f", and line {first} opens {written}] already"
            fix = (
                f"Delete line {row}, and move the settings under it to the {written}] section "
                f"on line {first}: a section is opened once."
            )
        message += "."
    elif (again := _repeated(text, str(why))) is not None:
        # "Cannot overwrite a value (at line 3, column 20)": which key, in words.
        line, key, first = again
        # "after a line above" left the leader to find which, in a file of 40 lines.
        above = f"line {first} gives it already" if first else "after a line above"
        message = f"not valid TOML: line {line} gives {key} again, {above}."
        fix = f"Keep one {key}: each key is written once (in each table)."
    elif (comma := _decimal_comma(text, str(why))) is not None:
        row, message, fix = comma
    elif (unit := _unit_after(text, str(why))) is not None:
        row, message, fix = unit
    elif (hidden := _unseen_at(text, str(why))) is not None:
        row, column, char = hidden
        message = message.removesuffix(".") + (
            f": this line holds a character nobody can see there, {escaped(char)} "
            f"(column {column})."
        )
        line = row
        fix = f"Retype line {line} without it (it came with text pasted from elsewhere)."
    return InvalidInputError([InputIssue(file, row, None, message, fix)])


#: A key given a number written with a comma: ``sales = 0,8``, ``"AW-02" = 12,5  # note``.
_COMMA_NUMBER = re.compile(r"^\s*([^=#\s][^=#]*?)\s*=\s*(-?[0-9]+),([0-9]+)\s*(?:#.*)?$")


#: The same in an inline table, between its own commas: ``{ percent_done = 45,5, ... }``
#: (digits after the comma, then the table's next comma or its end).
_COMMA_IN_TABLE = re.compile(r"([A-Za-z_][\w-]*)\s*=\s*(-?[0-9]+),([0-9]+)\s*(?=[,}])")


def _decimal_comma(text: str, why: str) -> tuple[int, str, str] | None:
    """(line, message, fix) when the reader stopped on a line giving a key a number
    written with a comma, as a leader in most of Europe types a decimal; else None."""
    found = re.search(r"\(at line (\d+),", why)
    lines = text.splitlines()
    if found is None or not 0 < (row := int(found[1])) <= len(lines):
        return None
    written = _COMMA_NUMBER.match(lines[row - 1]) or _COMMA_IN_TABLE.search(lines[row - 1])
    if written is None:
        return None
    key, whole, part = escaped(written[1]), written[2], written[3]
    given = f"{key} = {whole},{part}"
    if len(part) == 3 and whole.lstrip("-") != "0":
        # 1,000: a thousands separator as likely as a decimal comma.
        return (
            row,
            f"not valid TOML: line {row} writes {given} with a comma, which a TOML number "
            "does not hold.",
            f"Write {key} = {whole}{part} if the comma separates thousands, or "
            f"{key} = {whole}.{part} if it stands for a decimal point (line {row}).",
        )
    return (
        row,
        f"not valid TOML: line {row} writes {given} with a decimal comma, where TOML "
        "writes a point.",
        f"Write {key} = {whole}.{part} on line {row}.",
    )


#: A key given a number with its unit after it: ``time_limit_s = 10s``, ``weeks = 6 weeks``.
_UNIT_NUMBER = re.compile(
    r"^\s*([^=#\s][^=#]*?)\s*=\s*(-?[0-9]+(?:\.[0-9]+)?)\s*([A-Za-z]+)\s*(?:#.*)?$"
)

#: Seconds in a minute and an hour, for a ``_s`` key given minutes or hours.
_PER_UNIT = {"m": 60, "min": 60, "mins": 60, "minute": 60, "minutes": 60}
_PER_UNIT |= {"h": 3600, "hr": 3600, "hrs": 3600, "hour": 3600, "hours": 3600}


def _unit_after(text: str, why: str) -> tuple[int, str, str] | None:
    """(line, message, fix) when the reader stopped on a line giving a key a number with its
    unit after it (``time_limit_s = 10s`` read "Expected newline or end of document after a
    statement (at line 2, column 18)"); else None."""
    found = re.search(r"\(at line (\d+),", why)
    lines = text.splitlines()
    if found is None or not 0 < (row := int(found[1])) <= len(lines):
        return None
    written = _UNIT_NUMBER.match(lines[row - 1])
    if written is None or written[3].lower() in ("e", "inf", "nan", "true", "false"):
        return None
    key, number, unit = escaped(written[1]), written[2], written[3]
    given = escaped(lines[row - 1].partition("#")[0].strip())
    message = (
        f"not valid TOML: line {row} writes {given} with the unit '{escaped(unit)}' after the "
        "number, which a TOML number does not hold."
    )
    per = _PER_UNIT.get(unit.lower()) if key.endswith("_s") else None
    if per is not None:
        seconds = Decimal(number) * per
        figure = format(seconds.normalize(), "f")
        return row, message, f"Write the seconds alone on line {row}: {key} = {figure}."
    seconds_key = " (in seconds)" if key.endswith("_s") else ""
    return row, message, f"Write the number alone on line {row}: {key} = {number}{seconds_key}."


def _unclosed_section(text: str, why: str) -> tuple[int, str] | None:
    """(line, the header as written) of a ``[section`` header the reader stopped at that
    has no closing bracket; None for any other error."""
    found = re.search(r"\(at line (\d+),", why)
    lines = text.splitlines()
    if found is None or not 0 < int(found[1]) <= len(lines):
        return None
    written = lines[int(found[1]) - 1].partition("#")[0].strip()
    if not written.startswith("[") or "]" in written or "=" in written:
        return None
    return int(found[1]), escaped(written if len(written) <= 60 else written[:60] + "...")


def _repeated(text: str, why: str) -> tuple[int, str, int | None] | None:
    """(line, key as written, the line that gave it first when found) of a key or table
    given a second time, from the reader's words; None for any other error."""
    found = re.search(r"^Cannot (overwrite a value|declare .* twice) \(at line (\d+),", why)
    lines = text.splitlines()
    if found is None or not 0 < int(found[2]) <= len(lines):
        return None
    at = int(found[2])
    written = lines[at - 1].strip()
    # A header's own comment is no part of it: "[projects]  # Annual user conference..."
    # read "Keep one [projects]  # Annual user conference ...".
    header = _HEADER.match(written)
    key = header.group() if header else written.partition("=")[0].strip()
    shown = escaped(key if len(key) <= 60 else key[:60] + "...")
    return at, shown, _first_given(lines[: at - 1], key)


#: A ``[table]`` or ``[[array]]`` header as written, quoted names and all, without what
#: follows it on its line.
_HEADER = re.compile(r"""\[\[?(?:"[^"]*"|'[^']*'|[^\]"'])*\]\]?""")


def _first_given(above: list[str], key: str) -> int | None:
    """The line of ``above`` that gives ``key`` (a ``[table]`` anywhere, a key in the same
    table: none past the nearest table header), or None when it is not written alike
    (a dotted key, an inline table)."""
    header = key.startswith("[")
    for number in range(len(above), 0, -1):
        line = above[number - 1].strip()
        if header:
            rest = line[len(key) :].strip() if line.startswith(key) else None
            if rest is not None and (not rest or rest.startswith("#")):
                return number
            # projects."AW-02" = ... above [projects] makes that table already.
            if "=" in line and line.partition("=")[0].strip().startswith(key.strip("[]") + "."):
                return number
        elif line.startswith("["):
            return None
        elif "=" in line and line.partition("=")[0].strip() == key:
            return number
    return None


def _unseen_at(text: str, why: str) -> tuple[int, int, str] | None:
    """(line, column, character) where the reader stopped, when that character is one
    nobody sees (a byte-order mark, a zero-width or no-break space); else None."""
    found = re.search(r"\(at line (\d+), column (\d+)\)", why)
    lines = text.split("\n")  # TOML's lines: U+2028 and a form feed end none
    if found is None or not 0 < int(found[1]) <= len(lines):
        return None
    line = lines[int(found[1]) - 1]
    column = int(found[2])
    if not 0 < column <= len(line) or line[column - 1] == "\t":
        return None
    char = line[column - 1]
    return (int(found[1]), column, char) if invisible_characters(char) else None


def _csv_line(text: str) -> str | None:
    """The first line of ``text``, shortened, when it reads as a CSV header (plan.csv given as
    the settings or the check-in): commas, no ``=`` and no ``[``; else None."""
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    if first.count(",") < 2 or "=" in first or first.startswith(("[", "#")):
        return None
    return escaped(first if len(first) <= 40 else first[:40] + "...")
