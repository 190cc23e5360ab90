"""The ``settings`` sheet of a data workbook, read as settings.toml text.

A row a setting: its dotted key (``capacity.max_utilization``, ``stages.owners.nurturing``)
and its value. Each problem is named on its row here: as TOML it would be a line of a
file the leader never saw.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import cache

from planner.core.cells import clipped
from planner.core.csv_text import column_letter
from planner.core.errors import InputIssue, Severity
from planner.core.shared_words import joined
from planner.core.toml_text import MAX_KEY_PARTS, toml_key, toml_string

#: Settings whose value is a list (``;``-separated in a cell).
_LIST_KEYS = re.compile(r"^stages\.(order|owners\.[^.]+)$")
#: A figure as a cell holds one: digits 0-9 with a decimal point, a sign, an exponent.
_FIGURE = re.compile(r"([+-])?(?=\.?[0-9])([0-9]*)(?:\.([0-9]*))?([eE][+-]?[0-9]+)?", re.ASCII)


def settings_toml(
    rows: list[list[str]], where: str, issues: list[InputIssue], rows_of: dict[str, int]
) -> str:
    """The ``settings`` sheet's ``key``, ``value`` rows as settings.toml text.

    ``rows_of`` gets each setting's row. A setting on two rows, or a group of
    settings (``capacity.multipliers``) given a value beside its entries, is
    named by its row here: as TOML it was a line of a file nobody saw.
    """
    sections: dict[str, list[str]] = {}
    placed = _key_value_columns(rows, where, issues)
    if placed is None:
        return ""
    start, key_at, value_at = placed
    read = [
        (number, _cell(row, key_at), _cell(row, value_at))
        for number, row in enumerate(rows[start:], start=start + 1)
    ]
    if _every_value_blank(read, rows, placed, where, issues):
        return ""
    for number, key, value in read:
        if not key and not value:
            continue
        key = _as_spelled(key) if key else key
        problem = _row_problem(key, value, number, rows_of) or _no_value(key, value, value_at)
        if problem is not None:
            issues.append(InputIssue(where, number, *problem))
            continue
        rows_of[key] = number
        section, name = split_key(key)
        sections.setdefault(section, []).append(f"{toml_key(name)} = {_toml_value(key, value)}")
    lines: list[str] = []
    for section, entries in sections.items():
        # Each part quoted as keys are: a section typed 'so lve' is named as unknown on its
        # row, not 'not valid TOML (at line 1, column 5)' of a file the leader never saw.
        table = ".".join(toml_key(part) for part in section.split("."))
        lines += [f"[{table}]", *entries, ""]
    return "\n".join(lines)


#: The settings sheet's header cells over its keys (either word) and over its values.
_KEY_HEADS = ("key", "setting")
_VALUE_HEAD = "value"


def _key_value_columns(
    rows: list[list[str]], where: str, issues: list[InputIssue]
) -> tuple[int, int, int] | None:
    """Where the settings are: the index of their first row, of the keys' column and of
    the values' column; None (the problem said) when a header row names no such column.

    A header row (``key``, ``value`` in any columns) places them; a notes column beside
    them is not read. Without one the keys are the first column with a cell and the values
    the next: a notes column after a values column left blank was read as the values,
    every setting "'hard bound' is not a number", so that reading is said.
    """
    heads = [c.strip().lower() for c in rows[0]] if rows else []
    key_at = next((i for i, h in enumerate(heads) if h in _KEY_HEADS), None)
    value_at = heads.index(_VALUE_HEAD) if _VALUE_HEAD in heads else None
    if key_at is not None and value_at is not None:
        return 1, key_at, value_at
    if key_at is not None or value_at is not None:
        named, missing = ("key", _VALUE_HEAD) if key_at is not None else (_VALUE_HEAD, "key")
        found = {key_at, value_at}
        others = [f"'{clipped(c)}'" for i, c in enumerate(rows[0]) if c.strip() and i not in found]
        has = f" (it has {joined(others)})" if others else ""
        issues.append(
            InputIssue(
                where,
                1,
                None,
                f"the header row heads a {named} column but no {missing} column{has}.",
                "Write key over the column of the settings' names and value over the "
                "column of their values (a column headed otherwise, such as notes, is not "
                "read).",
            )
        )
        return None
    # A column left blank between the sheet's (no header, no cell), as a table's sheet
    # drops it: the values were read from it, every setting "not a number".
    kept = [i for i in range(max(map(len, rows), default=0)) if any(_cell(r, i) for r in rows)]
    if len(kept) < 2:
        return 0, kept[0] if kept else 0, (kept[0] + 1) if kept else 1
    if kept[1] > kept[0] + 1:
        issues.append(
            InputIssue(
                where,
                1,
                None,
                f"the sheet has no header row and column {column_letter(kept[0] + 1)} beside "
                f"the keys is empty, so the values are read from column "
                f"{column_letter(kept[1])}.",
                "If that column holds notes, write the values beside the keys and head the "
                "columns key and value on a first row (a notes column is then not read).",
                Severity.WARNING,
            )
        )
    return 0, kept[0], kept[1]


def _every_value_blank(
    read: list[tuple[int, str, str]],
    rows: list[list[str]],
    placed: tuple[int, int, int],
    where: str,
    issues: list[InputIssue],
) -> bool:
    """Say once, and True, that the settings' keys stand beside no value at all (the
    values column left empty, or not written yet): one problem, not one a setting."""
    keyed = [number for number, key, value in read if key]
    figures = [key for _, key, _ in read if key and not _LIST_KEYS.match(key)]
    if len(figures) < 2 or any(value for _, key, value in read if key):
        return False
    start, key_at, value_at = placed
    letter = column_letter(value_at)
    beside = sorted(
        {i for row in rows[start:] for i, c in enumerate(row) if c.strip()} - {key_at, value_at}
    )
    # A notes column beside the empty values: say that it is not what is read.
    unread = (
        f"; column {joined([column_letter(i) for i in beside])} beside it is not read"
        if beside
        else ""
    )
    issues.append(
        InputIssue(
            where,
            keyed[0],
            "value",
            f"every setting's value (column {letter}) is empty{unread}.",
            f"Write each setting's value in column {letter}, or delete the rows (or the "
            "whole settings sheet) to keep the default settings.",
        )
    )
    return True


def _no_value(key: str, value: str, value_at: int) -> tuple[str, str, str] | None:
    """A key with no value: said so, with its default, not "'' is not a number". A list's
    empty cell is the empty list (a stage no department owns, as the export writes it)."""
    if not key or value or _LIST_KEYS.match(key):
        return None
    letter = column_letter(value_at)
    default = _defaults().get(key)
    keeps = f"its default, {default}" if default is not None else "its default"
    return (
        "value",
        f"the setting {key} has no value (column {letter} is empty).",
        f"Write its value in column {letter}, or delete the row to keep {keeps}.",
    )


@cache
def _defaults() -> dict[str, str]:
    """Each setting's default as the sheet writes it (a list ``;``-separated)."""
    import tomllib

    from planner.core.settings import Settings

    found: dict[str, str] = {}

    def walk(prefix: str, value: object) -> None:
        if isinstance(value, dict):
            for name, inner in value.items():
                walk(f"{prefix}.{name}" if prefix else name, inner)
        elif isinstance(value, list):
            found[prefix] = "; ".join(map(str, value))
        elif isinstance(value, bool):
            found[prefix] = str(value).lower()
        else:
            found[prefix] = str(value)

    walk("", tomllib.loads(Settings().to_toml()))
    return found


def _cell(row: list[str], index: int) -> str:
    """The text in column ``index`` of ``row``, stripped ("" past its end)."""
    return row[index].strip() if index < len(row) else ""


def _row_problem(
    key: str, value: str, number: int, rows_of: Mapping[str, int]
) -> tuple[str, str, str] | None:
    """Why row ``number`` (``key`` as spelled, ``value``) gives no setting, as its column,
    the message and the fix; None when it gives one."""
    if not key:  # a value whose key was left out would vanish without a word
        return (
            "key",
            f"the value '{clipped(value)}' has no key, so no setting takes it.",
            "Write the setting's key beside it (e.g. weights.balance), or delete the row.",
        )
    if "." not in key or _empty_part(key):
        full = setting_named(key)
        return (
            "key",
            f"'{key}' is not a setting.",
            f"Write {full}."
            if full is not None
            else "Write the section and the key, e.g. capacity.max_utilization.",
        )
    if clash := _clash(key, number, rows_of):
        return "key", clash, "Keep one row per setting."
    if _LIST_KEYS.match(key) and value.startswith("[") != value.endswith("]"):
        # '[1,2' was read as two stages, '[1' and '2', and the errors spoke of the teams
        return (
            "value",
            f"the list '{clipped(value)}' of {key} has one of its brackets only.",
            'Write the names between [ and ], e.g. ["awareness", "closing"], or '
            "separated by semicolons without brackets.",
        )
    section, _ = split_key(key)
    if (parts := len(section.split("."))) >= MAX_KEY_PARTS:
        # As TOML, a [section] of thousands of names takes minutes to read, and the
        # problem would be on a line of a file the leader never saw.
        return (
            "key",
            f"'{clipped(key)}' is not a setting: it has {parts + 1:,} names joined by dots, "
            f"where a setting has at most {MAX_KEY_PARTS}.",
            "Write the section and the key, e.g. capacity.max_utilization.",
        )
    return None


@cache
def _all_keys() -> tuple[str, ...]:
    """Every setting's full key (``calendar.weeks``), ``stages.owners`` as one."""
    import tomllib

    from planner.core.settings import Settings

    def walk(prefix: str, value: object) -> Iterator[str]:
        if isinstance(value, dict) and not prefix.startswith("stages.owners"):
            for name, inner in value.items():
                yield from walk(f"{prefix}.{name}" if prefix else name, inner)
        elif "." in prefix:
            yield prefix

    return (*walk("", tomllib.loads(Settings().to_toml())), "calendar.first_monday")


@cache
def _setting_keys() -> dict[str, str]:
    """Each setting's own name (``weeks``) to its full key (``calendar.weeks``), where one
    setting has that name."""
    keys = _all_keys()
    last = [key.rsplit(".", 1)[1] for key in keys]
    return {name: key for name, key in zip(last, keys, strict=True) if last.count(name) == 1}


def _as_spelled(key: str) -> str:
    """A key typed in other case (``Weights.Balance``) as the settings spell it, as the
    tables' column names are read in any case; a team's or a stage's name in it stays as
    typed (``capacity.multipliers.SDR``: team ids are compared exactly)."""
    lower = key.lower()
    for table in _NAMED_TABLES:
        if lower.startswith(table + "."):
            return table + key[len(table) :]
    return lower if lower in _all_keys() else key


def setting_named(key: str) -> str | None:
    """The full key of the one setting named ``key`` (any case), or None."""
    return _setting_keys().get(key.strip().lower())


#: Settings tables keyed by a name of the data (a team id, a stage), which may hold a dot.
_NAMED_TABLES = ("capacity.multipliers", "stages.owners")


def _empty_part(key: str) -> bool:
    """Whether a part of a dotted ``key`` is empty (``solve..seed``, ``.seed``, ``solve.``)."""
    section, name = split_key(key)
    return not name.strip() or any(not part.strip() for part in section.split("."))


def split_key(key: str) -> tuple[str, str]:
    """A setting's section and name: ``capacity.multipliers.emea.sales`` is the team
    ``emea.sales`` of ``[capacity.multipliers]``, as the workbook writes it."""
    for table in _NAMED_TABLES:
        if key.startswith(table + "."):
            return table, key[len(table) + 1 :]
    section, name = key.rsplit(".", 1)
    return section, name


def _clash(key: str, number: int, rows_of: Mapping[str, int]) -> str | None:
    """Why ``key`` on row ``number`` cannot join the settings read so far, or None."""
    if key in rows_of:
        return f"the setting {key} is written twice (rows {rows_of[key]} and {number})."
    section = split_key(key)[0]
    for other, row in rows_of.items():
        within = split_key(other)[0]
        if within == key or within.startswith(key + "."):
            return f"{key} is a group of settings ({other} is on row {row}), not one value."
        if section == other or section.startswith(other + "."):
            return f"{other} (row {row}) is one value, so {key} cannot be a setting in it."
    return None


#: A settings.toml section named in a problem ("unknown section [weight]", "in [weights]").
_SECTION = re.compile(r"\[([^\[\]\s\"',]+)\]")


def in_sheet_words(text: str, *, of_settings: bool) -> str:
    """A problem's words for a workbook, whose settings are key, value rows: settings.toml's
    ``[weights]`` reads ``weights`` on the settings sheet's own problems, and the weeks
    setting, named in other sheets' ("The quarter has 13 weeks ([calendar] weeks)"), reads
    as its key there."""
    text = text.replace("([calendar] weeks)", "(calendar.weeks on the settings sheet)")
    return _SECTION.sub(r"\1", text) if of_settings else text


def _toml_value(key: str, value: str) -> str:
    if _LIST_KEYS.match(key):
        # "a; b" as the export writes it; also as settings.toml writes a list
        # (["a", "b"]) or with commas: one stage named '["a", "b"]' was read.
        inner = value.strip()
        if inner.startswith("[") and inner.endswith("]"):
            inner = inner[1:-1]
        items = [v.strip().strip("\"'").strip() for v in re.split(r"[;,]", inner)]
        return "[" + ", ".join(toml_string(v) for v in items if v) + "]"
    if value.lower() in ("true", "false"):
        return value.lower()
    figure = _FIGURE.fullmatch(value)
    if figure is None:
        # Text, or a figure typed otherwise ('３', '1_000', '1,5'): read as text and named
        # on its row. Decimal() reads full-width and other scripts' digits, which written
        # as they are made the sheet 'not valid TOML (at line 2, column 7)', no row named.
        return toml_string(value)
    sign, whole, fraction, exponent = figure.groups()
    # As TOML writes a number: '.5' is 0.5, '5.' is 5, '007' is 7, as a cell reads them.
    whole = whole.lstrip("0") or "0"
    return f"{sign or ''}{whole}{'.' + fraction if fraction else ''}{exponent or ''}"
