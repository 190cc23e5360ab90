"""What an edit in the Data page's tables brings with it, and what it does not change.

A team, project or goal deleted or renamed in its table takes its rows in the other tables
with it, or has them follow its new id (:func:`follow_team_edits`,
:func:`follow_project_edits`, :func:`follow_goal_edits`); an edit that a team's own
estimate or its Calendar rows override is said (:func:`overridden_edits`), as are a goal's
weight left empty (:func:`emptied_weights`) and a rule repeated on another row, which
counts once (:func:`repeated_rules`). The tables are :mod:`planner.core.editing`'s.
Nothing here knows about Streamlit.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

import pandas as pd

from planner.core.capacity import quarter_hours_shown
from planner.core.domain import Problem
from planner.core.editing import editable_frames
from planner.core.errors import InputIssue
from planner.core.identifiers import identifier
from planner.core.renames import renamed_rows
from planner.core.settings import Settings
from planner.core.shared_words import joined, plural
from planner.core.shown_figures import amount, hours, share_percent
from planner.core.table_rows import cell_text
from planner.core.tables import CALENDAR, ESTIMATES, GOALS, PROJECTS, RULES, TEAMS

#: The loader's note on a rules row repeating another's rule (planner/core/decision_inputs.py).
REPEATED_RULE = "the same rule is already on row"
#: The tables whose rows belong to one team, in the order a message lists them.
_TEAM_TABLES = {CALENDAR: "calendar row", ESTIMATES: "estimate", RULES: "rule"}


@dataclass(frozen=True)
class TeamFollowUp:
    """What deleting or renaming teams in the teams table does to the rest of the data.

    ``frames`` are the edited tables with the other tables' rows of a deleted
    team dropped and those of a renamed team following its new id;
    ``settings`` keep a renamed team's capacity what-if and drop a deleted
    one's; ``notes`` say, per team, what went with it or followed it.
    """

    frames: dict[str, pd.DataFrame]
    settings: Settings
    notes: tuple[str, ...]


def follow_team_edits(problem: Problem, frames: Mapping[str, pd.DataFrame]) -> TeamFollowUp:
    """The edited tables with every row keyed by a deleted or renamed team following it.

    A team deleted in the editor's teams table (its row gone) takes its
    calendar rows, its own estimates, its pins and forbids, and its capacity
    what-if with it: they would name a team that no longer exists. A team
    whose id was changed in place (same row, an id no other team had) is
    renamed: those rows and its what-if follow the new id. ``frames`` hold
    :func:`editable_frames`' tables as edited (row index kept for the rows
    that stay); tables not in ``frames`` are the problem's.
    """
    edited = frames.get(TEAMS)
    settings = problem.settings
    if edited is None:
        return TeamFollowUp(dict(frames), settings, ())
    renamed, gone_ids = _gone_and_renamed(problem, TEAMS, "team_id", edited)
    deleted = [t for t in problem.teams if t.team_id in gone_ids]
    if not renamed and not deleted:
        return TeamFollowUp(dict(frames), settings, ())
    gone = {t.team_id for t in deleted}
    out, counts = _follow(problem, frames, "team_id", _TEAM_TABLES, gone, renamed)
    multipliers = dict(settings.capacity.multipliers)
    notes = []
    for team in deleted:
        with_it = _listed(counts[team.team_id])
        if team.team_id in multipliers:
            with_it.append(f"its capacity what-if ({share_percent(multipliers.pop(team.team_id))})")
        notes.append(_deleted("team", team.name, team.team_id, with_it))
    for old, new in renamed.items():
        followed = _listed(counts[old])
        if old in multipliers:
            multipliers[new] = multipliers.pop(old)
            followed.append("its capacity what-if")
        notes.append(_renamed("team", old, new, followed))
    capacity = replace(settings.capacity, multipliers=multipliers)
    return TeamFollowUp(out, replace(settings, capacity=capacity), tuple(notes))


def _gone_and_renamed(
    problem: Problem, table: str, key: str, edited: pd.DataFrame
) -> tuple[dict[str, str], set[str]]:
    """Ids renamed (old -> new) and ids deleted, from the edited ``table`` keyed by ``key``.

    Renamed by the rule every comparison of two versions of the inputs reads
    (:func:`~planner.core.renames.renamed_rows`): the id changed and the name did not, or
    the id and name changed together and nothing else in the row, at its place. Any other
    id missing from the column was deleted: a row typed over with another project's id,
    name and hours is a new project, and the old one's estimates and pins go with it rather
    than pass to it (this rule once read any new id in the same row as a rename, and the
    Constraints page read the same edit as a project dropped and another added).
    """
    before = editable_frames(problem)[table]
    columns = [c for c in before.columns if c in edited.columns]
    at, name_at = columns.index(key), columns.index("name") if "name" in columns else None

    def rows(frame: pd.DataFrame) -> list[tuple[str, ...]]:
        return [
            tuple(_id_cell(cell) if index == at else _cell(cell) for index, cell in enumerate(row))
            for row in frame[columns].itertuples(index=False, name=None)
        ]

    def as_renamed(old: tuple[str, ...], new: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(
            new[index] if index in (at, name_at) else cell for index, cell in enumerate(old)
        )

    old_rows, new_rows = rows(before), rows(edited)
    renamed = renamed_rows(
        old_rows,
        new_rows,
        lambda row: row[at],
        lambda row: row[name_at] if name_at is not None else row[at],
        as_renamed,
    )
    # An id cleared from its cell is no new name: the rows naming the team followed it to
    # '' and each read "team_id is empty" in tables nobody touched. Its row says so alone.
    renamed = {old: new for old, new in renamed.items() if new}
    kept_ids = {row[at] for row in new_rows}
    gone = {row[at] for row in old_rows if row[at] not in kept_ids and row[at] not in renamed}
    return renamed, gone


def _id_cell(cell: object) -> str:
    return identifier(cell) if isinstance(cell, str) else ""


def _cell(cell: object) -> str:
    """A cell as the rename rule compares it: blank, a number by its value, or its text."""
    if cell is None or cell is pd.NA or cell is pd.NaT or cell != cell:  # NaN is not itself
        return ""
    text = str(cell).strip()
    try:
        return f"{float(text):.12g}"
    except ValueError:
        return text


#: The tables whose rows belong to one project, in the order a message lists them.
_PROJECT_TABLES = {ESTIMATES: "estimate", RULES: "rule"}


def follow_project_edits(
    problem: Problem, frames: Mapping[str, pd.DataFrame]
) -> tuple[dict[str, pd.DataFrame], tuple[str, ...]]:
    """The edited tables with every row keyed by a deleted or renamed project following it.

    As :func:`follow_team_edits` does for teams: a project deleted in the
    projects table takes its estimates and its pins and forbids with it (Apply
    refused them as naming a project that is not in projects.csv); a project
    whose id was changed in place keeps them, and every ``depends_on`` naming
    it, under the new id. A ``depends_on`` naming a deleted project stays, to
    be reported: dropping it would let the project run without its
    prerequisite. Returns the tables and a note per project.
    """
    edited = frames.get(PROJECTS)
    if edited is None:
        return dict(frames), ()
    old_ids = [p.project_id for p in problem.projects]
    renamed, gone = _gone_and_renamed(problem, PROJECTS, "project_id", edited)
    if not renamed and not gone:
        return dict(frames), ()
    out, counts = _follow(problem, frames, "project_id", _PROJECT_TABLES, gone, renamed)
    if renamed:
        projects = out[PROJECTS].copy()
        projects["depends_on"] = projects["depends_on"].map(
            lambda v: (
                "; ".join(renamed.get(identifier(d), d.strip()) for d in v.split(";"))
                if isinstance(v, str) and v.strip()
                else v
            )
        )
        out[PROJECTS] = projects
    names = {p.project_id: p.name for p in problem.projects}
    notes = []
    for project_id in (p for p in old_ids if p in gone):
        notes.append(
            _deleted("project", names[project_id], project_id, _listed(counts[project_id]))
        )
    for old, new in renamed.items():
        notes.append(_renamed("project", old, new, _listed(counts[old])))
    return out, tuple(notes)


def follow_goal_edits(
    problem: Problem, frames: Mapping[str, pd.DataFrame]
) -> tuple[dict[str, pd.DataFrame], tuple[str, ...]]:
    """The edited tables with the projects of a goal whose id was changed in place (same
    row, an id no other goal had) following it, and a note per goal.

    As a renamed team's or project's rows follow it. A deleted goal's projects keep
    naming it, to be reported: dropping their goal would change what they count for.
    """
    edited = frames.get(GOALS)
    if edited is None:
        return dict(frames), ()
    renamed, _ = _gone_and_renamed(problem, GOALS, "goal_id", edited)
    if not renamed:
        return dict(frames), ()
    out, counts = _follow(problem, frames, "goal_id", {PROJECTS: "project"}, set(), renamed)
    notes = []
    for old, new in renamed.items():
        notes.append(_renamed("goal", old, new, _listed(counts[old])))
    return out, tuple(notes)


def _follow(
    problem: Problem,
    frames: Mapping[str, pd.DataFrame],
    key: str,
    tables: Mapping[str, str],
    gone: set[str],
    renamed: Mapping[str, str],
) -> tuple[dict[str, pd.DataFrame], dict[str, dict[str, list[str]]]]:
    """``tables``' rows keyed (column ``key``) by a ``gone`` id dropped, a ``renamed`` one's moved.

    Returns the tables (``frames`` as edited, the problem's where not edited)
    and, per id, the rows that went or followed by kind (``tables``' nouns; a
    rule as ``pin <the other id>``), for the notes.
    """
    other = "project_id" if key == "team_id" else "team_id"
    out = dict(frames)
    originals = editable_frames(problem)
    counts: dict[str, dict[str, list[str]]] = {i: {} for i in (*gone, *renamed)}
    for table, noun in tables.items():
        frame = frames[table] if table in frames else originals[table]
        ids = frame[key].map(lambda v: identifier(v) if isinstance(v, str) else v)
        touched = ids.isin(gone | set(renamed))
        if not touched.any():
            continue
        for id_, row in zip(ids[touched], frame[touched].to_dict("records"), strict=True):
            what = f"{row['rule']} {row[other]}" if table == RULES else noun
            counts[id_].setdefault(noun, []).append(what)
        frame = frame[~ids.isin(gone)].copy()
        frame[key] = frame[key].map(
            lambda v: renamed.get(identifier(v), v) if isinstance(v, str) else v
        )
        out[table] = frame
    return out, counts


def _listed(rows: Mapping[str, list[str]]) -> list[str]:
    """Rows per kind as words: ``2 calendar rows``, ``1 rule (pin AW-02)``."""
    out = []
    for noun, items in rows.items():
        count = plural(len(items), noun)
        out.append(f"{count} ({', '.join(items)})" if noun == "rule" else count)
    return out


def _deleted(what: str, name: str, ident: str, with_it: list[str]) -> str:
    """``Deleted team Brand (T1): 2 calendar rows went with it.``"""
    tail = f": {joined(with_it)} went with it" if with_it else ""
    return f"Deleted {what} {name} ({ident}){tail}."


def _renamed(what: str, old: str, new: str, followed: list[str]) -> str:
    """``Renamed project P1 to P9: 1 estimate follow the new id.``"""
    tail = f": {joined(followed)} follow the new id" if followed else ""
    return f"Renamed {what} {old} to {new}{tail}."


def _figure(x: Decimal, field: str, unit: str | None) -> str:
    """A project's effort (``240 h``) or value (``460 MQLs``) as every page writes it."""
    return hours(x) if field == "effort_hours" else amount(x, unit)


def overridden_edits(before: Problem, after: Problem) -> tuple[str, ...]:
    """Edits to a project's value or effort that a team's own estimate overrides, and to a
    team's own hours that its Calendar rows replace (:func:`_own_hours_in_calendar`).

    estimates.csv's figures for a (project, team) pair count when that team owns
    the project: a leader who raised a project's value on the Data page saw the
    plan keep the owner's old figure, with nothing said. One sentence per
    project and figure, naming each team whose estimate still counts.
    """
    teams = {t.team_id: t.name for t in after.teams}
    notes = []
    for project in after.projects:
        old = before.project_index.get(project.project_id)
        if old is None:
            continue
        goal = after.goal_index.get(project.goal_id) if project.goal_id else None
        unit = goal.kpi if goal is not None else None
        for field, noun in (("value", "value"), ("effort_hours", "effort")):
            new_figure = getattr(project, field)
            if new_figure == getattr(old, field):
                continue
            theirs = [
                f"{teams.get(e.team_id, e.team_id)}'s {_figure(getattr(e, field), field, unit)}"
                for e in after.estimates
                if e.project_id == project.project_id and getattr(e, field) is not None
            ]
            if theirs:
                notes.append(
                    f"'{project.name}': its {noun} is now {_figure(new_figure, field, unit)}, "
                    f"but the team's own estimate ({joined(theirs)}, Teams' own estimates tab) "
                    f"still counts when that team owns it. Edit or delete the estimate there for "
                    f"the new {noun} to count."
                )
    return (*notes, *_own_hours_in_calendar(before, after))


def _own_hours_in_calendar(before: Problem, after: Problem) -> list[str]:
    """Edits to a team's own hours that its Calendar rows replace, in part or in whole.

    A week with a calendar row has that row's hours, whatever the team's own: Content's
    900 h raised to 1,200 h read "Content capacity 900 h → 1,200 h" while every one of its
    weeks had a row and its quarter stayed 944 h, the plan unchanged."""
    notes = []
    weeks = after.num_weeks
    for team in after.teams:
        old = before.team_index.get(team.team_id)
        if old is None or old.capacity_hours == team.capacity_hours:
            continue
        given = sorted(
            {w for row in after.calendar if row.team_id == team.team_id for w in row.weeks}
        )
        if not given:
            continue
        # As the pages show a team's quarter (its department's rows adding up to the card).
        was = quarter_hours_shown(before, team.team_id)
        now = quarter_hours_shown(after, team.team_id)
        own = hours(team.capacity_hours)
        if len(given) >= weeks:
            notes.append(
                f"{team.name}: its own hours are now {own}, but the Calendar tab gives every "
                f"one of its {weeks} weeks its hours, so its quarter stays {hours(now)} and the "
                "plan does not change. Edit its Calendar rows to change its weeks."
            )
        else:
            notes.append(
                f"{team.name}: its own hours are now {own}, spread over the "
                f"{plural(weeks - len(given), 'week')} without a Calendar row; "
                f"{plural(len(given), 'week')} "
                f"{'keeps its' if len(given) == 1 else 'keep their'} Calendar hours, so its "
                "quarter goes "
                f"from {hours(was)} to {hours(now)}."
            )
    return notes


def emptied_weights(frames: Mapping[str, pd.DataFrame]) -> tuple[str, ...]:
    """Goals whose weight the edit left empty, which goals.csv reads as 1: said, or a
    weight emptied came back as 1 without a word (the leader may have meant 0)."""
    goals = frames.get(GOALS)
    if goals is None or "weight" not in goals.columns:
        return ()
    return tuple(
        f"Goals, {_goal_named(row)}: its weight was empty, so it counts with the usual "
        "weight 1 (2 would count twice as much); type another weight to change it."
        for _, row in goals.iterrows()
        if not cell_text(row["weight"]).strip()
    )


def _goal_named(row: pd.Series) -> str:
    """A goal's row as a leader knows it: its name, else its id."""
    for column in ("name", "goal_id"):
        if column in row.index and (text := cell_text(row[column]).strip()):
            return text
    return "a goal without a name"


def repeated_rules(
    warnings: Sequence[InputIssue],
) -> tuple[tuple[InputIssue, ...], tuple[str, ...]]:
    """The warnings but a rule repeated on another row, and a note for each of those: the
    rule counts once, and the Rules table is drawn again with it once (the loader's
    "Delete one of the two rows", kept as a warning, named a row no longer there)."""
    repeated = tuple(w for w in warnings if w.file == RULES and w.message.startswith(REPEATED_RULE))
    notes = tuple(
        f"Rules, row {w.row}: {w.message} It counts once, as the table now shows." for w in repeated
    )
    return tuple(w for w in warnings if w not in repeated), notes
