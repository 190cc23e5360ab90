"""The one error type for invalid input, and the problems it carries."""

from __future__ import annotations

import enum
import re
import warnings
from collections.abc import Iterable
from dataclasses import dataclass


class Severity(enum.StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class InputIssue:
    """One problem in the inputs, located as a spreadsheet user would find it.

    ``row`` numbers rows as a spreadsheet does (header = row 1); ``None``
    when the problem is about the whole file. ``column`` is ``None`` when
    the problem is about a whole row or file.
    """

    file: str
    row: int | None
    column: str | None
    message: str
    fix: str = ""
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.column:
            where += f", column {self.column}"
        text = f"{where}: {self.message}"
        if self.fix:
            text += f" Fix: {self.fix}"
        return text


class InvalidInputError(Exception):
    """The inputs cannot be planned; ``issues`` lists every problem found."""

    def __init__(self, issues: Iterable[InputIssue]) -> None:
        self.issues: tuple[InputIssue, ...] = tuple(issues)
        errors = [i for i in self.issues if i.severity is Severity.ERROR]
        super().__init__(
            f"{len(errors)} problem(s) in the inputs:\n" + "\n".join(f"- {i}" for i in errors)
        )

    @property
    def errors(self) -> tuple[InputIssue, ...]:
        return tuple(i for i in self.issues if i.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[InputIssue, ...]:
        return tuple(i for i in self.issues if i.severity is Severity.WARNING)


class InputWarning(UserWarning):
    """Something in the inputs worth a look that does not stop planning (an unknown column...).

    :func:`planner.load_problem` and :meth:`planner.ProblemBuilder.build` issue one per
    warning through :mod:`warnings`, so a script can filter them or turn them into errors.
    """


def warn_about(issues: Iterable[InputIssue], stacklevel: int = 3) -> None:
    """Issue each input warning as an :class:`InputWarning`."""
    for issue in issues:
        warnings.warn(str(issue), InputWarning, stacklevel=stacklevel)


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
    roots: list[InputIssue] = []
    groups: dict[tuple[str, str | None, str, str], list[InputIssue]] = {}
    for issue in errors:
        if issue.file in replaced:
            roots.append(issue)
            continue
        # A whole-file problem of another table stays as it is, a group of its own.
        message = issue.message if issue.row is None else _QUOTED.sub("''", issue.message)
        key = (issue.file, issue.column, message, issue.fix)
        groups.setdefault(key, []).append(issue)
    out = []
    for (file, column, _, fix), issues in groups.items():
        first = issues[0]
        message = first.message
        if len(issues) > 1:
            values = list(dict.fromkeys(v for i in issues for v in _QUOTED.findall(i.message)[:1]))
            message = f"{len(issues)} rows like row {first.row}: {message}"
            others = values[1:]
            if others:
                shown = ", ".join(others[:4]) + (
                    f" and {len(others) - 4} more" if others[4:] else ""
                )
                message = f"{message.rstrip('.')} (also {shown})."
        rows = tuple(i.row for i in issues if i.row is not None)
        out.append(IssueGroup(file, rows, column, message, fix))
    return tuple(roots), tuple(out)
