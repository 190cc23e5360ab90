"""What a check-in's re-plan was made with, as its ``checkin.toml`` carries it (``[replan]``).

A saved check-in's exported ``checkin.toml`` ends with the projects in progress the leader
let move ("May move", ``--unlock``), the limit on changes (``--max-changes``, absent: none)
and how strongly the plan was kept (``--stability``), so that ``planner checkin`` on the
exported files re-plans to the plan saved. A flag given on the command line wins over the
file's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from planner.core.domain import Problem
from planner.core.errors import InputIssue
from planner.core.identifiers import escaped, identifier
from planner.core.ranges import MAX_CHANGES, STABILITY, Range, quoted_figure
from planner.core.toml_text import toml_string, written_as

#: The table's name in the check-in file.
REPLAN_TABLE = "replan"


@dataclass(frozen=True)
class ReplanWith:
    """The settings a re-plan was made with: the projects let move, the most changes
    (``None``: no limit) and the stability weight (``None``: the command's default)."""

    unlock: tuple[str, ...] = ()
    max_changes: int | None = None
    stability: float | None = None


def replan_with(problem: Problem) -> ReplanWith | None:
    """What the re-plan ``problem`` (a saved check-in's inputs) was made with; ``None``
    without a baseline."""
    baseline = problem.baseline
    if baseline is None:
        return None
    return ReplanWith(
        tuple(sorted(baseline.unlocked)),
        baseline.max_changes,
        problem.settings.weights.stability,
    )


#: What a re-plan starts with where no saved check-in says otherwise: the Check-in page's
#: boxes (at most 3 projects change owner, keep the plan at 5) and what ``planner
#: checkin-template`` writes, so that the page and the command line re-plan alike.
STARTING_REPLAN = ReplanWith(max_changes=3, stability=5.0)


def started_at_words(saved: ReplanWith) -> str:
    """The Check-in page's words under its boxes when they start at a saved check-in's
    re-plan: what they start at, and that an edit is used instead, as ``planner checkin``
    uses a flag given over its check-in file's ``[replan]`` (and says which it used)."""
    most = (
        "no limit on changes"
        if saved.max_changes is None
        else f"at most {saved.max_changes:,} change{'' if saved.max_changes == 1 else 's'}"
    )
    kept = "" if saved.stability is None else f", the plan kept at {saved.stability:g}"
    return (
        f"These start at what the saved check-in's re-plan was made with ({most}{kept}); "
        "what you set here is used instead."
    )


#: Above the ``[replan]`` table ``planner checkin-template`` writes.
STARTING_REPLAN_HEAD = (
    "# The re-plan's limits, as the app's Check-in page starts them: at most max_changes\n"
    "# projects change owner (remove the line for no limit), the plan kept with weight\n"
    "# stability, and the projects in progress let move in unlock."
)


def replan_lines(replan: ReplanWith, head: str = "") -> list[str]:
    """The ``[replan]`` table's lines, after the check-in's own (``head``: comment lines
    above it)."""
    lines = ["", *([head] if head else []), f"[{REPLAN_TABLE}]"]
    if replan.max_changes is not None:
        lines.append(f"max_changes = {replan.max_changes}")
    if replan.stability is not None:
        lines.append(f"stability = {format(Decimal(repr(replan.stability)).normalize(), 'f')}")
    lines.append("unlock = [" + ", ".join(toml_string(p) for p in replan.unlock) + "]")
    return lines


def read_replan(value: object, file: str) -> tuple[ReplanWith | None, list[InputIssue]]:
    """The ``[replan]`` table read (``None`` when absent), with its problems."""
    if value is None:
        return None, []
    issues: list[InputIssue] = []

    def problem(key: str, message: str, fix: str) -> None:
        where = f"{REPLAN_TABLE}.{key}" if key else REPLAN_TABLE
        issues.append(InputIssue(file, None, where, message, fix, keyed=True))

    if not isinstance(value, dict):
        problem("", "[replan] must be a table.", "Write it as a [replan] section.")
        return None, issues
    data: dict[str, Any] = value
    for key in sorted(set(data) - {"unlock", "max_changes", "stability"}):
        problem(key, f"unknown key '{escaped(key)}'.", "Use only max_changes, stability, unlock.")
    most = _figure(data, "max_changes", MAX_CHANGES, 3, problem)
    weight = _figure(data, "stability", STABILITY, 5, problem)
    unlock = data.get("unlock", [])
    if not isinstance(unlock, list) or not all(isinstance(p, str) for p in unlock):
        problem("unlock", "unlock must be a list of project ids.", 'Write ["AW-02"].')
        unlock = []
    stability = None if weight is None else float(weight)
    return ReplanWith(tuple(identifier(p) for p in unlock), most, stability), issues


def _figure(
    data: dict[str, Any],
    key: str,
    accepted: Range,
    example: int,
    problem: Callable[[str, str, str], None],
) -> Any:
    """``[replan]``'s ``key`` held to the range its flag has (``--max-changes``,
    ``--stability``), a figure in quotes told to lose them; None when absent or refused.

    TOML's floats are read as ``Decimal``: ``nan`` compared with 0 raised, and ``inf`` or
    1e300 reached the re-plan, which the flag refuses."""
    value = data.get(key)
    if value is None:
        return None
    written = written_as(value)  # max_changes = 1e3 is said as 1e3, not as 1000.0
    if isinstance(value, Decimal):
        value = float(value)
    why = quoted_figure(value, accepted.describe(), key) or accepted.problem(value, written=written)
    if why is None:
        return int(value) if accepted.integer else float(value) + 0.0
    whole = isinstance(value, float) and value.is_integer()
    if accepted.integer and whole and accepted.problem(int(value)) is None:
        example = int(value)  # 1e3 and 1000.0 are told to write 1000, not the example 3
    problem(key, why, f"Write {key} = {example} ({accepted.describe()}), or remove the line.")
    return None
