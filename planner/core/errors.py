"""The one error type for invalid input, and the problems it carries."""

from __future__ import annotations

import enum
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
