"""What a leader writes in an id cell for "no id yet" (``N/A``, ``TBD``, ``-``, ``?``,
``none``): not an id. Read as one, ``TBD`` in teams.csv made a team ``TBD`` and every
reference to it a rename ("did you rename 'sdr' to 'TBD'?"), and ``N/A`` in goal_id
"the goal 'N/A' is not in goals.csv. Fix: Add goal 'N/A'".

One rule for every id column (:func:`without_placeholder_ids`): where an id is required
(a row's own id, an estimate's, rule's or calendar row's team and project) the cell is
refused with the id to write; where the column may be empty (a project's goal_id, an
item of depends_on) it reads as empty, and a warning says so.
"""

from __future__ import annotations

from collections.abc import Mapping

from planner.core.cells import Table
from planner.core.errors import InputIssue, Severity, clipped
from planner.core.tables import CALENDAR, ESTIMATES, GOALS, PROJECTS, RULES, TEAMS, issue

#: The words (lower case) that say "none" or "not known yet" in an id cell. ``NA`` alone
#: is not one: it is a region's id as often as "not available".
PLACEHOLDERS = frozenset(
    {"-", "\u2013", "\u2014", "--", "n/a", "n.a.", "none", "tbd", "tbc", "?", "??", "null", "nil"}
)

#: Each file's id columns, and what each names (the file it refers to).
_ID_COLUMNS: dict[str, tuple[tuple[str, str, str], ...]] = {
    TEAMS: (("team_id", "team", TEAMS),),
    PROJECTS: (
        ("project_id", "project", PROJECTS),
        ("goal_id", "goal", GOALS),
        ("depends_on", "project", PROJECTS),
    ),
    GOALS: (("goal_id", "goal", GOALS),),
    ESTIMATES: (("project_id", "project", PROJECTS), ("team_id", "team", TEAMS)),
    RULES: (("project_id", "project", PROJECTS), ("team_id", "team", TEAMS)),
    CALENDAR: (("team_id", "team", TEAMS),),
}
#: The id columns that may be empty: a placeholder there reads as empty, with a warning.
_OPTIONAL = frozenset({(PROJECTS, "goal_id"), (PROJECTS, "depends_on")})


def is_placeholder(text: str) -> bool:
    """Whether ``text`` (an id cell, trimmed) says "none" or "not known yet"."""
    return text.strip().lower() in PLACEHOLDERS


def without_placeholder_ids(
    tables: Mapping[str, Table], issues: list[InputIssue]
) -> tuple[dict[str, Table], set[tuple[str, int, str]]]:
    """``tables`` with every placeholder id cell emptied, each told in ``issues``, and the
    cells refused (file, row, column): a required one's "is empty" is the same problem."""
    result = dict(tables)
    refused: set[tuple[str, int, str]] = set()
    for file, table in tables.items():
        columns = [c for c in _ID_COLUMNS.get(file, ()) if c[0] in table.columns]
        if not columns:
            continue
        rows = []
        changed = False
        for number, cells in table.rows:
            new = _row_without(file, number, cells, columns, issues, refused)
            changed = changed or new is not cells
            rows.append((number, new))
        if changed:
            result[file] = Table(table.file, table.columns, tuple(rows))
    return result, refused


def _row_without(
    file: str,
    number: int,
    cells: Mapping[str, str],
    columns: list[tuple[str, str, str]],
    issues: list[InputIssue],
    refused: set[tuple[str, int, str]],
) -> Mapping[str, str]:
    new: dict[str, str] | None = None
    for column, what, named_in in columns:
        raw = cells.get(column, "")
        if not raw:
            continue
        if column == "depends_on":
            items = [part.strip() for part in raw.split(";")]
            said = [item for item in items if item and is_placeholder(item)]
            if not said:
                continue
            kept = "; ".join(item for item in items if item and not is_placeholder(item))
        elif is_placeholder(raw):
            said, kept = [raw], ""
        else:
            continue
        new = new if new is not None else dict(cells)
        new[column] = kept
        shown = ", ".join(f"'{clipped(s)}'" for s in said)
        if (file, column) in _OPTIONAL:
            issues.append(_read_as_empty(file, number, column, shown, what, bool(kept)))
        else:
            refused.add((file, number, column))
            issues.append(_refused(file, number, column, shown, what, named_in))
    return cells if new is None else new


def _read_as_empty(
    file: str, number: int, column: str, shown: str, what: str, others: bool
) -> InputIssue:
    if column == "depends_on":
        message = (
            f"{shown} in depends_on is no project id: it reads as none, or not known yet, so "
            + ("it is left out of the list." if others else "the project depends on none.")
        )
        fix = "Write the ids of the projects it waits for, or leave depends_on empty."
    else:
        message = (
            f"{shown} in {column} is no {what} id: it reads as none, or not known yet, so the "
            f"project is read as serving no {what}."
        )
        fix = f"Write a {column} from goals.csv, or leave {column} empty for no {what}."
    return issue(file, number, column, message, fix, Severity.WARNING)


def _refused(
    file: str, number: int, column: str, shown: str, what: str, named_in: str
) -> InputIssue:
    if named_in == file:
        message = (
            f"{shown} is no {column}: it reads as none, or not known yet, and every {what} "
            "needs an id of its own."
        )
        fix = (
            f"Give the {what} a real id (short, such as {_EXAMPLES[what]}), or delete the row "
            "until it has one."
        )
    else:
        message = (
            f"{shown} is no {column}: it reads as none, or not known yet, and this row "
            f"belongs to one {what}."
        )
        fix = f"Write the {column} of a {what} in {named_in}, or delete the row until it is known."
    return issue(file, number, column, message, fix)


_EXAMPLES = {"team": "sdr", "project": "AW-09", "goal": "mqls"}
