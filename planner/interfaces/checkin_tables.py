"""The Check-in page's three editable tables, and the check-in they describe.

Plain pandas (no Streamlit), so tests read the figures a leader edits:
:func:`tables_for` lays a check-in out as the projects, goals and hours
tables; :func:`checkin_from` reads the edited tables back, listing every
problem found.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping, Sequence
from decimal import Decimal
from typing import Any

import pandas as pd

from planner.core.domain import Plan, Problem
from planner.core.errors import clipped
from planner.core.not_a_number import why_not_a_number
from planner.core.shown_figures import (
    amount,
    amount_value,
    amounts_adding_up,
    figure_typed,
    goal_row_values,
    percent_value,
)
from planner.core.shown_figures import hours as hours_text
from planner.core.table_rows import cell_text
from planner.core.tables import MAX_HOURS, MAX_VALUE
from planner.core.typed_numbers import PLAIN_DECIMAL, meant_figure, ungrouped
from planner.scenarios.checkin import CheckIn, ProjectProgress, ProjectStatus
from planner.scenarios.checkin_goals import GoalForecast
from planner.scenarios.checkin_toml import share_of_one_fix, work_before_the_quarter
from planner.scenarios.metrics import plan_metrics
from planner.scenarios.replan_diff import ReplanChange, change_word

STATUS_LABELS: dict[ProjectStatus, str] = {
    ProjectStatus.NOT_STARTED: "not started",
    ProjectStatus.IN_PROGRESS: "in progress",
    ProjectStatus.DONE: "done",
    ProjectStatus.DROPPED: "dropped",
}
STATUS_OF = {label: status for status, label in STATUS_LABELS.items()}


def _percent_shown(checkin: CheckIn, project_id: str) -> float:
    """A done project reads 100 % done (it is stored as done, with no percent)."""
    progress = checkin.progress(project_id)
    return 100.0 if progress.status is ProjectStatus.DONE else float(progress.percent_done)


def settled_projects(
    frame: pd.DataFrame, before: pd.DataFrame | None = None
) -> pd.DataFrame | None:
    """The projects table with each done project at 100 % done and no end week, as the
    pre-fill has it, or ``None`` when every done project reads so already.

    A leader who marked a project in progress at 40 % "done" read "40 %" beside "done" (the
    check-in counts it done, whole). A project in progress typed 100 % done is done: the
    table refused it ("% done must be 0 to 99 (mark it done at 100 %)") to a VP who had
    just typed 100 for a project finished early. Only those rows change: a % typed on a
    project not started, before its status, is the leader's next record. ``before``: the
    table as it was (``None``: not known); a done project whose status was just set to in
    progress still reads its 100 % and stays in progress for the leader to type its % (it
    flipped back to done before its % could be typed), and a % under 100 typed over a
    done project's 100 takes it back to in progress at that %.
    """
    status = frame["status"].map(STATUS_OF)
    percent = pd.to_numeric(frame["percent_done"], errors="coerce")
    finished = (status == ProjectStatus.IN_PROGRESS) & (percent == 100)
    reopened = pd.Series(False, index=frame.index)
    if before is not None:
        prior = before.set_index("project_id")
        was = pd.to_numeric(frame["project_id"].map(prior["percent_done"]), errors="coerce")
        finished &= was != 100  # 100 typed, not the 100 % a done project held
        # A % under 100 typed over a done project's 100 takes it back to in progress, as
        # 100 typed marks one done (the figure was put back to 100 without a word).
        was_done = frame["project_id"].map(prior["status"]).map(STATUS_OF) == ProjectStatus.DONE
        typed = (percent > 0) & (percent < 100) & (percent != was)
        reopened = (status == ProjectStatus.DONE) & was_done & typed
    done = ((status == ProjectStatus.DONE) & ~reopened) | finished
    stale = done & ((percent != 100) | ~frame["end_week"].map(_blank) | finished)
    if not (stale.any() or reopened.any()):
        return None
    out = frame.copy()
    out.loc[finished, "status"] = STATUS_LABELS[ProjectStatus.DONE]
    out.loc[reopened, "status"] = STATUS_LABELS[ProjectStatus.IN_PROGRESS]
    out.loc[stale, "percent_done"] = 100.0
    out.loc[stale, "end_week"] = math.nan
    return out


def uncounted_percents(frame: pd.DataFrame) -> list[str]:
    """Each project not started whose "% done" is above 0, as the page names it, with its
    status and percent: ``"SEO pages (seo): not started, 30 %"``.

    Only a project in progress counts its % done; a not-started one's was ignored without a
    word, and a leader who typed 30 % on a project still "not started" read a re-plan that
    counted none of it. A dropped project keeps the % it reached unsaid: the leader dropped
    it on purpose, and "set it in progress to count it" read as a rebuke for that.
    """
    lines = []
    for row in frame.to_dict("records"):
        status = STATUS_OF.get(str(row["status"]), ProjectStatus.NOT_STARTED)
        percent = float(_figure(row["percent_done"]) or 0)
        if status is ProjectStatus.NOT_STARTED and percent > 0:
            lines.append(f"{_named(row, 'project', 'project')}: {row['status']}, {percent:g} %")
    return lines


def shares_of_one(frame: pd.DataFrame, pre_filled: CheckIn | None = None) -> list[str]:
    """Each project in progress whose "% done" is above 0 and under 1, as the page names
    it, with the fix the check-in file's reader gives (:func:`share_of_one_fix`):
    ``"SEO pages (seo): 0.6 %; Write 60 for 60 %, or keep 0.6 for 0.6 %."``.

    0.6 typed for 60 % read as 0.6 % done without a word, and the re-plan planned the
    project almost whole again; it still reads as typed. A % done as the ``pre_filled``
    check-in (the plan's own, which filled the tables) has it is not said: half a week into
    a 53-week period, a project of the whole period is 0.9 % done.
    """
    lines = []
    for row in frame.to_dict("records"):
        status = STATUS_OF.get(str(row["status"]), ProjectStatus.NOT_STARTED)
        percent = _figure(row["percent_done"]) or Decimal(0)
        fix = share_of_one_fix(percent) if status is ProjectStatus.IN_PROGRESS else None
        if (
            pre_filled is not None
            and pre_filled.progress(row["project_id"]).percent_done == percent
        ):
            continue
        if fix is not None:
            lines.append(f"{_named(row, 'project', 'project')}: {percent.normalize():f} %; {fix}")
    return lines


#: The projects table's columns: ``end_week`` is the week a project in progress ends in
#: (empty: as its baseline has it), shown for a quarter planned in weeks.
PROJECT_COLUMNS = ("project_id", "project", "team", "status", "percent_done", "end_week", "unlock")


def tables_for(
    problem: Problem, plan: Plan, checkin: CheckIn, unlocked: Collection[str] = ()
) -> dict[str, pd.DataFrame]:
    """The check-in as the three editable tables: projects, goals and hours used.

    The hours table shows each team's capacity in force (after multipliers and
    max utilisation, as every page shows it) and, where it differs, the team's own
    hours of teams.csv beside it. ``unlocked``: the projects ticked "May move" (a saved
    check-in's, opened again), each ticked while it is in progress.
    """
    going = checkin.ids_with(ProjectStatus.IN_PROGRESS)
    teams = {t.team_id: t.name for t in problem.teams}
    owners = plan.owners()
    projects = pd.DataFrame(
        [
            {
                "project_id": p.project_id,
                "project": p.name,
                "team": " + ".join(teams[t] for t in sorted(owners.get(p.project_id, ()))),
                "status": STATUS_LABELS[checkin.progress(p.project_id).status],
                "percent_done": _percent_shown(checkin, p.project_id),
                "end_week": checkin.progress(p.project_id).end_week,
                "unlock": p.project_id in unlocked and p.project_id in going,
            }
            for p in sorted(problem.projects, key=lambda p: p.project_id not in owners)
        ],
        columns=[*PROJECT_COLUMNS],
    ).astype({"end_week": "float64"})  # a week a leader types, or none
    goals = pd.DataFrame(
        [
            {
                "goal_id": g.goal_id,
                "goal": g.name,
                "kpi": g.kpi,
                "target": float(g.target),
                "achieved": float(checkin.achieved.get(g.goal_id, Decimal(0))),
            }
            for g in problem.goals
        ]
    )
    return {"projects": projects, "goals": goals, "hours": hours_table(problem, plan, checkin)}


def hours_table(problem: Problem, plan: Plan, checkin: CheckIn) -> pd.DataFrame:
    """The check-in's hours used beside each team's capacity in force (after multipliers
    and max utilisation, as every page shows it) and, where they differ, teams.csv's hours:
    the Check-in page's table, and what `planner checkin` compares hours used with."""
    # The capacity in force (after multipliers and max utilisation), as every page shows
    # it, with teams.csv's hours beside it where they differ.
    in_force = {t.team_id: t for t in plan_metrics(problem, plan).teams}
    return pd.DataFrame(
        [
            {
                "team_id": t.team_id,
                "team": t.name,
                "capacity_hours": float(in_force[t.team_id].shown_in_force),
                "base_hours": float(in_force[t.team_id].shown_base)
                if in_force[t.team_id].capacity_changed
                else None,
                "hours_used": float(checkin.hours_used[t.team_id])
                if t.team_id in checkin.hours_used
                else None,
            }
            # Marketing's teams first, as the cards, the Plan page and `planner solve` list
            # them (teams.csv's order put SDR Team on top of this table alone).
            for t in in_force.values()
        ]
    ).astype({"base_hours": "float64", "hours_used": "float64"})


def prefill_fraction(goals: pd.DataFrame) -> str | None:
    """The first KPI of the goals table that reads with a decimal, with its unit, or None.

    The pre-fill gives each goal what the plan's own projects would have delivered by
    now, their share of the run elapsed: "7.7 new customers" is the plan's expectation,
    not a count anybody reached, and the page says so (SPEC keeps the decimal where the
    forecast would otherwise read other than the plan's).
    """
    if goals.empty:  # a quarter without goals: its table has no columns either
        return None
    for kpi, achieved in zip(goals["kpi"], goals["achieved"], strict=True):
        if (figure := _figure(achieved)) is None:  # empty, or no figure (refused elsewhere)
            continue
        shown = amount_value(float(figure))
        if math.isfinite(shown) and shown != round(shown):  # inf: refused at the re-plan
            return amount(shown, kpi)
    return None


#: What hours used do to a re-plan in weeks (the Check-in page's Hours used tab): the weeks
#: left keep their calendar hours, cut only when a team used more than the weeks gone had.
HOURS_USED_IN_WEEKS = (
    "In a quarter planned in weeks, each week left keeps its own hours: hours a team did not "
    "use in the weeks gone are not added to them (work running late goes on the Projects "
    "tab, with the week it ends in), and hours it used beyond the weeks gone come off the "
    "weeks left."
)

#: The forecast table's columns, in the order shown.
FORECAST_COLUMNS = (
    *("goal", "kpi", "achieved", "still_to_come", "forecast", "target", "percent", "baseline"),
)


def forecast_frame(
    forecasts: Sequence[GoalForecast], carried: Mapping[str, GoalForecast]
) -> pd.DataFrame:
    """Each goal at the end of the quarter: achieved so far + re-plan adds = forecast.

    Whole customers and dollars, as :mod:`planner.core.shown_figures` writes them, except what was
    achieved, which reads as recorded (the goals table's 232.5 SQLs); the part the
    re-plan adds is the difference as shown, so the row adds up (2.5 + 25.5 = 28).
    ``carried``: goal id -> its forecast with the baseline carried on. The target reads
    at the forecast's precision, as the Overview's row (28.9 beside 14.4, not 29).
    """
    shown = {
        f.goal_id: amounts_adding_up(
            f.as_written, f.forecast, f.target, as_recorded=True, whole=f.whole
        )
        for f in forecasts
    }
    return pd.DataFrame(
        [
            {
                "goal": f.name,
                "kpi": f.kpi,
                **dict(
                    zip(("achieved", "still_to_come", "forecast"), shown[f.goal_id], strict=True)
                ),
                "target": goal_row_values(f.target, shown[f.goal_id][2])[0],
                "percent": percent_value(f.percent),
                "baseline": percent_value(carried[f.goal_id].percent),
            }
            for f in forecasts
        ],
        columns=list(FORECAST_COLUMNS),
    )


def diff_frame(
    changes: Sequence[ReplanChange],
    names: Mapping[str, str],
    columns: Sequence[str],
    dropped_by_leader: Collection[str] = (),
) -> pd.DataFrame:
    """One group of a re-plan's changes, a row a project: its ``change``, ``project_id``,
    ``project``, the teams ``before`` and ``after`` by name (``names``: team id -> name)
    and ``why``, in ``columns``' order. "dropped" is a project of ``dropped_by_leader``
    only (:func:`~planner.scenarios.replan_diff.change_word`)."""
    return pd.DataFrame(
        [
            {
                "change": change_word(c, dropped_by_leader),
                "project_id": c.project_id,
                "project": c.name,
                "before": " + ".join(names.get(t, t) for t in c.before),
                "after": " + ".join(names.get(t, t) for t in c.after),
                "why": c.reason,
            }
            for c in changes
        ],
        columns=list(columns),
    )


#: The grids' figures a leader types, by table: column -> the heading the grid shows. They
#: are edited as text (:func:`as_typed`): a number editor kept only what a number may hold,
#: so "1e12" typed in "% done" reached the page as 112 and was read without a word.
TYPED_COLUMNS: dict[str, dict[str, str]] = {
    "projects": {"percent_done": "% done", "end_week": "Ends in week"},
    "goals": {"achieved": "Achieved so far"},
    "hours": {"hours_used": "Hours used"},
}
# Every typed figure is read with the app's own thousands commas, a comma every three
# digits ("9,700,000"), as the goals grid's Target writes a KPI: "1,000" in Hours used was
# refused beside a goals grid that read "9,700,000". A decimal comma ("1,5") is refused.
# A point with no decimals after it is read, as a plain "1000." is: the page groups a
# record it keeps by thousands when it draws it again ("1,000.")
# (planner.core.typed_numbers.ungrouped).
#: Each table's grid as the page names it (its tab).
GRID_NAMES = {"projects": "Projects", "goals": "Goals", "hours": "Hours used"}
_ROW_KINDS = {
    "projects": ("project", "project"),
    "goals": ("goal", "goal"),
    "hours": ("team", "team"),
}


def as_typed(tables: Mapping[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The tables with each figure a leader types (:data:`TYPED_COLUMNS`) as the text a
    cell shows ("40", "1,379", "232.5"; ``None`` when empty), for a grid's text column; a table
    already so is unchanged. :func:`checkin_from` reads them back."""
    out = {}
    for name, frame in tables.items():
        frame = frame.copy()
        for column in TYPED_COLUMNS.get(name, {}):
            if column in frame.columns:
                # Grouped by thousands as the page writes every figure and reads a typed
                # "1,000" (1379 was pre-filled beside a typed "1,000").
                texts = [figure_typed(cell_text(v).strip()) or None for v in frame[column]]
                frame[column] = pd.Series(texts, index=frame.index, dtype=object)
        out[name] = frame
    return out


class NotAFigure(ValueError):
    """A cell typed as text that is not a plain decimal: why, in words."""


def _blank(value: Any) -> bool:
    """Whether a cell is empty: none, not a number, or text of nothing but spaces."""
    if isinstance(value, str):
        return not value.strip()
    return value is None or bool(pd.isna(value))


def number(value: Any) -> Decimal | None:
    """A table cell as an exact decimal of three places (``None`` when empty).

    Text (as the grids send a figure) is read only as a plain decimal, or with a comma
    every three digits ("9,700,000", "1,000"); anything else raises :class:`NotAFigure`
    saying why (:func:`why_not_a_number`): "1e12", "1,5", "１０", "lots" and "12.5.3" are
    no figure, and none is read as one.
    """
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        text = ungrouped(text)
        if not PLAIN_DECIMAL.fullmatch(text):
            raise NotAFigure(f"'{clipped(text)}' is not a number{why_not_a_number(text)}")
        value = float(text)
    if value is None or pd.isna(value):
        return None
    return Decimal(str(round(float(value), 3)))


def _figure(value: Any) -> Decimal | None:
    """:func:`number`, with ``None`` for a cell that is no figure (refused by
    :func:`checkin_from`; the notes beside the tables say nothing of it)."""
    try:
        return number(value)
    except NotAFigure:
        return None


def typed_problems(frames: Mapping[str, pd.DataFrame]) -> list[str]:
    """Each typed cell of the tables that is not a plain decimal, naming the grid, the
    row and the column: ``"Projects table, SEO pages (seo), % done: '1e12' is not a number
    (exponent notation such as 1e6 is not allowed); write a plain figure, such as 40."``"""
    out = []
    for name, columns in TYPED_COLUMNS.items():
        if name not in frames:
            continue
        kind, name_column = _ROW_KINDS[name]
        for row in frames[name].to_dict("records"):
            for column, heading in columns.items():
                try:
                    number(row.get(column))
                except NotAFigure as exc:
                    named = _named(row, kind, name_column)
                    said = f"{GRID_NAMES[name]} table, {named}, {heading}: {exc}"
                    fix = _what_to_type(row.get(column), week=column == "end_week")
                    # "(...: write it as 10)" says it already: not twice.
                    out.append(f"{said}." if "write it as" in said else f"{said}; {fix}")
    return out


def _what_to_type(value: Any, *, week: bool = False) -> str:
    """The figure to type instead: the one meant where there is one ("1,5": "write 1.5"),
    else a plain figure. In a ``week`` cell, a week: ",5" was told "write .5", half a week
    the same cell then refused as part-way through one."""
    meant = meant_figure(str(value)) if isinstance(value, str) else None
    if week:
        if meant is not None and PLAIN_DECIMAL.fullmatch(meant) and Decimal(meant) % 1 == 0:
            return f"write {int(Decimal(meant))} if that is the week meant."
        return "write the week it ends in as a whole number."
    if meant is not None and PLAIN_DECIMAL.fullmatch(meant):
        return f"write {meant} if that is the figure meant."
    return "write a plain figure, such as 40."


def _named(row: Mapping[Any, Any], kind: str, name_column: str) -> str:
    """A row as the page shows it (its name), with the id a file uses: ``Leads (leads)``."""
    key, name = str(row[f"{kind}_id"]), str(row.get(name_column) or "")
    return key if name in ("", key) else f"{name} ({key})"


def _too_large(key: object, value: Decimal | None, most: Decimal) -> str | None:
    """Past the largest figure the planner reads (as a check-in file's limit): what to fix."""
    if value is None or (value.is_finite() and value <= most):
        return None
    return (
        f"{key}: {float(value):,.15g} is larger than the planner reads (at most {most:,.0f}); "
        "check the units and write the figure itself."
    )


def _amounts(
    frame: pd.DataFrame,
    kind: str,
    column: str,
    what: str,
    most: Decimal,
    errors: list[str],
    *,
    zero: bool = False,
) -> dict[str, Decimal]:
    """Each row's ``column`` by its ``kind``'s id (a goal's KPI achieved, a team's hours used).

    A figure below 0 or past ``most`` is told in ``errors`` (``what`` names it) and left
    out; so is an empty cell, and a 0 unless ``zero`` (a team's 0 h used is a record).
    """
    out: dict[str, Decimal] = {}
    for row in frame.to_dict("records"):
        value = number(row[column])
        named = _named(row, kind, kind)
        if value is not None and value < 0:
            errors.append(f"{named}: {what} cannot be negative.")
        elif (too_large := _too_large(named, value, most)) is not None:
            errors.append(too_large)
        elif value is not None and (zero or value):
            out[str(row[f"{kind}_id"])] = value
    return out


def _end_week(row: Mapping[Any, Any], weeks: float, quarter: float) -> int | str | None:
    """A project in progress's "Ends in week" cell: the week, none, or what to fix.

    Read as every typed figure is (:func:`number`, three decimals: "7.0001" is week 7,
    "1,000" week 1000, refused past the quarter)."""
    read = number(row.get("end_week"))
    if read is None:
        return None
    week, after = float(read), int(weeks) + 1
    whole = read.is_finite() and read == read.to_integral_value()  # inf: a forged edit
    if whole and weeks < week <= quarter:
        return int(week)
    if after > quarter:
        fix = "the quarter is over: mark it done, or dropped if it will not finish"
    else:
        fix = f"give a week from {after} to {quarter:g}, or mark it done if its work is over"
    if math.isfinite(week) and week < 1:
        # "-0" read "Ends in week -0 is not after week 6", as if a week of the quarter; the
        # check-in file's words.
        why = "is before the quarter's first week"
    elif not whole:
        why = "is part-way through a week" if math.isfinite(week) else "is not a week"
    elif week <= weeks:
        why = f"is not after week {weeks:g}, the weeks elapsed"
    else:
        why = f"is past the end of the {quarter:g}-week quarter"
    return f"{_named(row, 'project', 'project')}: Ends in week {week + 0.0:g} {why}; {fix}."


def checkin_from(
    weeks: float, quarter: float, frames: dict[str, pd.DataFrame]
) -> tuple[CheckIn | None, frozenset[str], list[str]]:
    """The check-in the tables describe, the unlocked projects and every problem found."""
    if errors := typed_problems(frames):  # nothing of a table is read from a refused cell
        return None, frozenset(), errors
    projects: dict[str, ProjectProgress] = {}
    unlocked: set[str] = set()
    for row in frames["projects"].to_dict("records"):
        project_id = str(row["project_id"])
        status = STATUS_OF.get(str(row["status"]), ProjectStatus.NOT_STARTED)
        percent = number(row["percent_done"]) or Decimal(0)
        if status is ProjectStatus.IN_PROGRESS and percent == 100:
            status, percent = ProjectStatus.DONE, Decimal(0)  # typed 100 % done: it is done
        if status is not ProjectStatus.IN_PROGRESS:
            percent = Decimal(0)
        if not Decimal(0) <= percent < 100:
            errors.append(
                f"{_named(row, 'project', 'project')}: % done must be 0 to 100 "
                "(100 % marks it done)."
            )
            continue
        end_week = _end_week(row, weeks, quarter) if status is ProjectStatus.IN_PROGRESS else None
        if isinstance(end_week, str):
            errors.append(end_week)
            continue
        if status is not ProjectStatus.NOT_STARTED:
            projects[project_id] = ProjectProgress(status, percent, end_week)
        if bool(row["unlock"]) and status is ProjectStatus.IN_PROGRESS:
            unlocked.add(project_id)
    achieved = _amounts(frames["goals"], "goal", "achieved", "the KPI achieved", MAX_VALUE, errors)
    hours = _amounts(
        frames["hours"], "team", "hours_used", "hours used", MAX_HOURS, errors, zero=True
    )
    if errors:
        return None, frozenset(unlocked), errors
    try:
        checkin = CheckIn(Decimal(str(weeks)), Decimal(str(quarter)), projects, achieved, hours)
    except ValueError as exc:
        return None, frozenset(unlocked), [str(exc)]
    if (before_start := work_before_the_quarter(checkin)) is not None:  # as the file is read
        fix = (
            "Set Weeks elapsed to the week the check-in is at, or press Reset to the plan for "
            "this week to start from nothing done."
        )
        return None, frozenset(unlocked), [f"{before_start} {fix}"]
    return checkin, frozenset(unlocked), []


def past_capacity(hours: pd.DataFrame) -> list[tuple[str, str, float, float]]:
    """Teams whose hours used pass their capacity in force, in an hours table
    (:func:`hours_table`, or as edited on the page): (team_id, team, used, capacity).

    Allowed (overtime happens), but nothing is then left for the weeks ahead, and a
    figure typed with a digit too many reads the same.
    """
    out = []
    for row in hours.itertuples(index=False):
        used = _figure(getattr(row, "hours_used", None))  # a cell no figure: refused, not told
        capacity = getattr(row, "capacity_hours", None)
        if used is None or capacity is None or pd.isna(capacity):
            continue
        if float(used) > float(capacity):
            out.append((str(row.team_id), str(row.team), float(used), float(capacity)))
    return out


def hours_past_capacity(hours: pd.DataFrame) -> list[str]:
    """:func:`past_capacity` as the Check-in page lists it: ``Mid-Market AEs: 2,000 h used
    of 1,325 h``."""
    return [
        f"{team}: {hours_text(used)} used of {hours_text(capacity)}"
        for _, team, used, capacity in past_capacity(hours)
    ]
