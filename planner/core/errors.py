"""The one error type for invalid input, and the problems it carries."""

from __future__ import annotations

import enum
import re
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from planner.core.shared_words import plural
from planner.core.shown_figures import first_few


class Severity(enum.StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class InputIssue:
    """One problem in the inputs, located as a spreadsheet user would find it.

    ``row`` numbers rows as a spreadsheet does (header = row 1); ``None``
    when the problem is about the whole file. ``column`` is ``None`` when
    the problem is about a whole row or file. ``keyed``: ``column`` is a key of a
    settings file or a check-in (``key solve.seed``), whatever the file is named and
    wherever its rows are (a workbook's settings sheet), not a table's column.
    """

    file: str
    row: int | None
    column: str | None
    message: str
    fix: str = ""
    severity: Severity = Severity.ERROR
    keyed: bool = False

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.column:
            where += f", {_place_word(self.file, self.keyed)}{self.column}"
        text = f"{where}: {self.message}"
        if self.fix:
            text += f" Fix: {self.fix}"
        return text


def _place_word(file: str, keyed: bool = False) -> str:
    """What a ``column`` is in ``file``: a settings or check-in key (``key capacity.sales``;
    ``keyed``, or a file named .toml), a flag or an argument on the command line
    (``--weeks``, no word), else a table's column.

    By the name alone, `--settings <(printf ...)` and a settings.txt called their keys
    "column solve.seed", and a workbook's settings sheet "row 4, column solve.seed" (its
    columns are key and value)."""
    if file == "command line":
        return ""
    return "key " if keyed or file.lower().endswith(".toml") else "column "


class InvalidInputError(Exception):
    """The inputs cannot be planned; ``issues`` lists every problem found.

    Each :class:`InputIssue` names its file, row (as a spreadsheet numbers it, the header
    row 1), column, what is wrong and the fix; ``str(issue)`` says it in one line.
    :attr:`errors` are the ones that stop planning, :attr:`warnings` those found with them.
    """

    def __init__(self, issues: Iterable[InputIssue]) -> None:
        self.issues: tuple[InputIssue, ...] = tuple(issues)
        errors = self.errors
        super().__init__(
            f"{plural(len(errors), 'problem')} in the inputs:\n"
            + "\n".join(f"- {i}" for i in errors)
        )

    @property
    def errors(self) -> tuple[InputIssue, ...]:
        """The issues that make the input unusable (severity ERROR)."""
        return tuple(i for i in self.issues if i.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[InputIssue, ...]:
        """The issues reported beside the errors (severity WARNING)."""
        return tuple(i for i in self.issues if i.severity is Severity.WARNING)


class InputWarning(UserWarning):
    """Something in the inputs worth a look that does not stop planning (an unknown column...).

    :func:`planner.load_problem` and :meth:`planner.ProblemBuilder.build` issue one per
    warning through :mod:`warnings`, so a script can filter them or turn them into errors.
    """


def warn_about(issues: Iterable[InputIssue]) -> None:
    """Issue each input warning as an :class:`InputWarning`, said at the line that called
    :func:`planner.load_problem` or :meth:`planner.ProblemBuilder.build`."""
    for issue in issues:
        warnings.warn(str(issue), InputWarning, stacklevel=3)


@dataclass(frozen=True)
class IssueGroup:
    """Rows of one file with the same problem, told once (rows numbered as in a spreadsheet)."""

    file: str
    rows: tuple[int, ...]
    column: str | None
    message: str
    fix: str

    @property
    def rows_text(self) -> str:
        """``2``, ``2, 5, 9`` or ``2-16 (15 rows)``: compact, as a leader would look them up."""
        rows = sorted(self.rows)
        if not rows:
            return ""
        if len(rows) <= 3:
            return ", ".join(str(r) for r in rows)
        run = rows[-1] - rows[0] + 1 == len(rows)
        spread = f"{rows[0]}-{rows[-1]}" if run else f"{rows[0]}, {rows[1]} … {rows[-1]}"
        return f"{spread} ({len(rows)} rows)"


_QUOTED = re.compile(r"'[^']*'")


def follow_on_groups(
    errors: Iterable[InputIssue], replaced: Iterable[str]
) -> tuple[tuple[InputIssue, ...], tuple[IssueGroup, ...]]:
    """Split problems into the replaced tables' own and the rest, the rest told once per kind.

    Replacing one table (an upload of teams.csv) leaves every other table's
    rows that name what it no longer has in error: dozens of lines that all
    say the same thing. The replaced tables' problems come first, as they are;
    the others come as one group per file, column and kind of problem, naming
    the first row and a few of the values involved (a whole-file problem of another
    table is a group of its own, with no rows).
    """
    replaced = set(replaced)
    errors = list(errors)
    roots = tuple(i for i in errors if i.file in replaced)
    out = []
    for issues in same_kind(i for i in errors if i.file not in replaced):
        first = issues[0]
        message = first.message
        if len(issues) > 1:
            message = also_naming(f"{_rows_count(issues)} like row {first.row}: {message}", issues)
        rows = tuple(i.row for i in issues if i.row is not None)
        out.append(IssueGroup(first.file, rows, first.column, message, first.fix))
    return roots, tuple(out)


def same_kind(issues: Iterable[InputIssue], *, keyed: bool = False) -> list[tuple[InputIssue, ...]]:
    """Problems grouped by file, column, severity, fix and message (quoted names aside).

    With ``keyed``, problems of a keyed file (a check-in's ``projects.ZZ9``, no
    row) group by the key's section too, so 100,000 unknown ids are one kind.
    Groups keep the order of their first problem.
    """
    groups: dict[tuple[str, str | None, str, str, str], list[InputIssue]] = {}
    for issue in issues:
        column = issue.column
        by_section = keyed and issue.row is None and column is not None and "." in column
        # A whole-file problem names its file's own things: it stays as it is.
        whole = issue.row is None and not by_section
        message = issue.message if whole else _QUOTED.sub("''", issue.message)
        if by_section and column is not None:
            column = column.split(".", 1)[0] + ".*"
        key = (issue.file, column, message, issue.fix, issue.severity.value)
        groups.setdefault(key, []).append(issue)
    return [tuple(g) for g in groups.values()]


def also_naming(message: str, issues: Sequence[InputIssue], shown: int = 4) -> str:
    """``message`` (the first problem's), naming the other problems' first quoted values."""
    values = list(dict.fromkeys(v for i in issues for v in _QUOTED.findall(i.message)[:1]))
    others = values[1:]
    if not others:
        return message
    named = first_few(others, shown)
    return f"{message.rstrip('.')} (also {named})."


def clipped(raw: str, limit: int = 40) -> str:
    """Text as a message quotes it (a cell, a settings key): long text cut in the middle,
    its length said."""
    if len(raw) <= limit:
        return raw
    return f"{raw[: limit - 12]}…{raw[-8:]}, {len(raw):,} characters"


def rows_listed(rows: Iterable[int], shown: int = 12) -> str:
    """The rows, runs shortened: ``2-6, 8, 10, 13-16``; past ``shown`` runs, how many rows
    more (every tenth of 99,000 rows reads ``12, 22, 32, 42, 52, 62, 72, 82, 92, 102, 112,
    122 and 9,887 more``, where it was a line of 68,359 characters)."""
    ordered = sorted(set(rows))
    runs: list[list[int]] = []
    for row in ordered:
        if runs and row == runs[-1][-1] + 1:
            runs[-1].append(row)
        else:
            runs.append([row])
    text = ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]}-{r[-1]}" for r in runs[:shown])
    more = sum(len(r) for r in runs[shown:])
    return f"{text} and {more:,} more" if more else text


def grouped_text(issues: Iterable[InputIssue]) -> list[tuple[Severity, str]]:
    """The problems as lines of text, one per kind of problem in one file.

    A short teams.csv leaves every row that names a missing team in error: those
    rows are one line naming every one of them (``rows 2-6, 8 (6 rows)``) and the
    names involved, so the cause is not buried (the app groups them the same way).
    """
    lines = []
    for group in same_kind(issues, keyed=True):
        first = group[0]
        if len(group) == 1:
            lines.append((first.severity, str(first)))
            continue
        rows = [i.row for i in group if i.row is not None]
        if not rows:  # keys of one section: "projects.ZZ0, projects.ZZ1 and 99,998 more"
            text = f"{first.file}, {_keys_named(group)}: "
            text += also_naming(first.message, group, shown=8)
            lines.append((first.severity, f"{text} Fix: {first.fix}" if first.fix else text))
            continue
        if len(set(rows)) == 1:
            # One row with the problem twice read "rows 2 (1 rows, 2 problems)".
            where = f"{first.file}, row {rows[0]} ({len(group):,} problems)"
        else:
            where = f"{first.file}, rows {rows_listed(rows)} ({_rows_count(group)})"
        if first.column:
            where += f", {_place_word(first.file, first.keyed)}{first.column}"
        text = f"{where}: {also_naming(first.message, group, shown=8)}"
        lines.append((first.severity, f"{text} Fix: {first.fix}" if first.fix else text))
    return lines


def _keys_named(issues: Sequence[InputIssue]) -> str:
    """The keys of one kind of problem, each once: ``3 keys (projects.ZZ0, projects.ZZ1,
    projects.ZZ2)``, or ``key replan.unlock (9,984 problems)`` when one key has them all (a
    list of 9,984 unknown ids read "replan.unlock, replan.unlock, replan.unlock and 9,981
    more")."""
    keys = list(dict.fromkeys(str(i.column) for i in issues))
    if len(keys) == 1:
        return f"key {keys[0]} ({len(issues):,} problems)"
    named = f"{len(keys):,} keys ({first_few(keys, shown=3)})"
    return named if len(keys) == len(issues) else f"{named}, {len(issues):,} problems"


def _rows_count(issues: Sequence[InputIssue]) -> str:
    """``12 rows``, or ``6 rows, 13 problems`` when rows have the problem more than once."""
    rows = len({i.row for i in issues})
    return f"{rows} rows" if rows == len(issues) else f"{rows} rows, {len(issues)} problems"
