"""The plan as a workbook a leader opens in a spreadsheet (SPEC "Spreadsheets").

``plan.xlsx`` holds the plan as plan.csv lays it out, the goals with their
planned attainment, each team's load against its capacity in force, the
projects left out with their reasons, and a summary. Every figure comes
from :func:`~planner.scenarios.metrics.result_metrics`, so the workbook
reads what the app and ``planner solve`` say. Headers are in words; text
is formula-safe; numbers are numbers.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

import pandas as pd

from planner.core.cell_formats import (
    PERCENT_FORMAT,
    WEEK_HOURS_FORMAT,
    amount_format,
    amount_shown_format,
    chance_format,
    contribution_format,
    hours_format,
)
from planner.core.domain import AssignmentStatus, Plan, Problem, Result
from planner.core.file_kinds import SCORE_SHEET
from planner.core.machine_figures import kept_as_shown
from planner.core.plan_csv import COLUMNS, NUMBER_COLUMNS, plan_csv_rows
from planner.core.settings import Weights
from planner.core.shared_words import (
    BOTH_DEPARTMENTS_LABEL,
    CARRIED_ON,
    OWN_HOURS_LABEL,
    QUARTER_PLANNED_LABEL,
    TEAMS_OWN_HOURS,
    UP_TO_SHARE,
    WITH_REPLAN,
    planned_label,
)
from planner.core.shown_figures import (
    goal_amount_value,
    goal_row_values,
    outcome_value,
    percent_value,
    week_hours,
)
from planner.core.status_words import status_words
from planner.core.uncertainty import GoalOdds, goal_odds, odds_words
from planner.core.weeks import team_weeks
from planner.core.workbook_writing import CellFormat, typed, workbook_bytes
from planner.explain import own_estimates
from planner.explain.sentences import as_cells
from planner.interfaces.optimizer_score import SCORE_FORMAT, score_value
from planner.scenarios.labels import stage_label
from planner.scenarios.metrics import PlanMetrics, result_metrics
from planner.scenarios.scenario import Metrics
from planner.scenarios.why_a_decimal import WHY_A_DECIMAL, decimals_words

#: A goal's weight, as the Overview, Constraints and plan.xlsx's Goals sheet head it
#: ("How much it matters" on two of them cut the Overview's goals table on a laptop).
GOAL_WEIGHT = "Weight"
#: What the weight means, where a heading has help.
GOAL_WEIGHT_HELP = "How much the goal matters: 2 counts twice as much as 1"

#: plan.csv's columns as a leader reads them, in plan.csv's order (and the Plan sheet's goal
#: name, beside its id).
PLAN_HEADERS = {
    "project_id": "Project ID",
    "project_name": "Project",
    "goal_id": "Goal ID",
    "goal_name": "Goal",
    "stage": "Stage",
    "team_id": "Team ID",
    "team_name": "Team",
    "department": "Department",
    "share": "Share",
    "effort_hours": "Hours",
    "value": "Value (KPI units)",
    "status": "Status",
    "reason": "Why it is left out",
    "start_week": "Start week",
    "end_week": "End week",
    # rest-of-quarter.csv's: what a check-in did to the row (done, dropped, kept, ...).
    "at_checkin": "At the check-in",
}


def _header(column: str) -> str:
    return PLAN_HEADERS.get(column, column.replace("_", " ").capitalize())


#: plan.csv's status codes as a leader reads them.
ROW_STATUS_WORDS = {
    AssignmentStatus.ASSIGNED.value: "Planned",
    AssignmentStatus.PINNED.value: "Pinned",
    AssignmentStatus.UNASSIGNED.value: "Left out",
}
#: A check-in re-plan's row of work in progress, kept with its team (plan.csv: ``pinned``).
IN_PROGRESS = "In progress"


def in_words(rows: pd.DataFrame) -> pd.DataFrame:
    """Plan rows with their stage, department and status in a leader's words.

    ``lead_generation`` -> ``Lead generation``, ``marketing`` -> ``Marketing``,
    ``pinned`` -> ``Pinned``: plan.xlsx's Plan sheet and the Plan page's table
    read the same words.
    """
    return rows.assign(
        stage=rows["stage"].map(stage_label),
        department=rows["department"].str.capitalize(),
        status=rows["status"].map(lambda s: ROW_STATUS_WORDS.get(s, s.capitalize())),
    )


def plan_sheet(
    problem: Problem,
    result: Result,
    in_progress: Collection[str] = (),
    rows: Sequence[Mapping[str, str]] | None = None,
) -> pd.DataFrame:
    """plan.csv's rows and columns, with words for headers, stages, departments and statuses.

    Numbers stay numbers (full precision; the workbook's number formats round
    them as the app does). ``in_progress``: a check-in's projects in progress, which its
    re-plan keeps with their teams: their rows read "In progress", not "Pinned" (a VP
    Sales read fifteen pins in the re-plan's workbook that no leader had made). ``rows``:
    the rows to show instead of the plan's own, as a CSV of it has them (a check-in's
    rest-of-quarter.csv, :func:`~planner.interfaces.replan_exports.rest_of_quarter_rows`).
    """
    if rows is None:
        rows = plan_csv_rows(problem, result.plan) if result.plan is not None else []
    columns = list(rows[0]) if rows else list(COLUMNS)
    frame = pd.DataFrame(list(rows), columns=columns)
    if rows:
        frame = in_words(frame)
        kept = frame["project_id"].isin(list(in_progress)) & (frame["status"] == "Pinned")
        frame.loc[kept, "status"] = IN_PROGRESS
        # A cell reads as a sentence ("It depends on ..."); plan.csv keeps the reason as is.
        frame["reason"] = as_cells(problem, frame["reason"])
    # The goal by its name beside its id, as the Left out sheet names it: a VP Sales
    # filtering the plan by goal read "new-arr". plan.csv has no such column; the sheet
    # reads back as a baseline all the same.
    names = {g.goal_id: g.name for g in problem.goals}
    frame.insert(
        columns.index("goal_id") + 1, "goal_name", [names.get(g, "") for g in frame["goal_id"]]
    )
    numbers = [c for c in columns if c in NUMBER_COLUMNS or c.endswith("_week")]
    return typed(frame, numbers).rename(columns=_header)


def goals_sheet(
    figures: PlanMetrics,
    odds: Mapping[str, GoalOdds] | None = None,
    problem: Problem | None = None,
    adds: Mapping[str, float] | None = None,
) -> pd.DataFrame:
    """Each goal's target and planned contribution in its KPI's unit, and % of target.

    With ``odds`` (and the ``problem`` they were computed on) and a project range
    anywhere, also the chance of reaching each target and its P10 / P50 / P90
    (SPEC "Uncertain impact"). ``adds``: a check-in's re-plan, goal id -> what it adds
    as the Check-in page and ``planner checkin`` write it
    (:func:`~planner.interfaces.replan_exports.replan_adds`).
    """
    planned = [goal_amount_value(g.planned, g.target) for g in figures.goals]
    if adds is not None:
        planned = [adds.get(g.goal_id, p) for g, p in zip(figures.goals, planned, strict=True)]
    # Target and shortfall at the planned figure's precision: the row adds up as shown.
    rows = [goal_row_values(g.target, p) for g, p in zip(figures.goals, planned, strict=True)]
    frame = pd.DataFrame(
        {
            "Goal": [g.name for g in figures.goals],
            "KPI": [g.kpi for g in figures.goals],
            "Owner": [g.owner.capitalize() for g in figures.goals],
            GOAL_WEIGHT: [float(g.weight) for g in figures.goals],
            "Target": [target for target, _ in rows],
            # As every page shows it: whole units from 10 on, never rounded up to target.
            "Planned": planned,
            # As every page shows it: one decimal, a goal short of target never 100.0.
            "Attainment (%)": [percent_value(g.percent) for g in figures.goals],
            "Short by": [short for _, short in rows],
            "Projects in the plan": [g.num_planned for g in figures.goals],
            "Projects proposed": [g.num_projects for g in figures.goals],
        }
    )
    if odds is None or problem is None or not any(o.uncertain for o in odds.values()):
        return frame
    of = [odds[g.goal_id] for g in figures.goals]
    # The probability itself; its number format reads "17 %" as the app does.
    frame["Chance to reach target"] = [float(o.probability) for o in of]
    frame["9 times in 10 at least"] = [o.p10_shown for o in of]
    frame["Typical outcome"] = [outcome_value(o.p50, o.target) for o in of]
    frame["1 time in 10 more than"] = [o.p90_shown for o in of]
    # A re-plan's row reads its target beside what the re-plan adds: the words read it so.
    frame["Odds in words"] = [
        odds_words(
            problem.goal_index[g.goal_id],
            odds[g.goal_id],
            planned_shown=None if adds is None else shown,
        )
        for g, shown in zip(figures.goals, planned, strict=True)
    ]
    return frame


#: The Teams sheet's column of each team's own hours, as the Data page heads them.
OWN_HOURS_COLUMN = f"{OWN_HOURS_LABEL} (h)"
#: The Team load and Weekly load sheets' share of the hours planned, in the words of the
#: Overview's cards ("84.7 % planned") and the Plan page's heatmap ("Planned, % of the week's
#: hours"): "Utilisation (%)" was the only place a leader met the planner's word for it.
PLANNED_SHARE_COLUMN = "Planned (% of capacity)"


def team_load_sheet(figures: PlanMetrics) -> pd.DataFrame:
    """Each team's capacity in force (its own hours beside), planned hours and their share."""
    return pd.DataFrame(
        {
            "Team": [t.name for t in figures.teams],
            "Department": [t.department.capitalize() for t in figures.teams],
            # Hours as every page shows them: the column's sum is the Summary's figure.
            "Capacity (h)": [float(t.shown_in_force) for t in figures.teams],
            OWN_HOURS_COLUMN: [float(t.shown_base) for t in figures.teams],
            "Planned (h)": [float(t.shown_planned) for t in figures.teams],
            "Free (h)": [float(t.shown_free) for t in figures.teams],
            PLANNED_SHARE_COLUMN: [percent_value(t.utilisation_pct) for t in figures.teams],
            "Projects": [t.num_projects for t in figures.teams],
        }
    )


def week_load_sheet(problem: Problem, result: Result, weeks_gone: int = 0) -> pd.DataFrame:
    """Each team's planned hours in each week against what it may plan that week.

    One row per (team, week); the week is a number (a spreadsheet sorts and
    filters on it), with its Monday beside it when the calendar has one.
    ``weeks_gone``: a check-in's re-plan starts after them (its weeks 1..``weeks_gone``
    have no hours: "Demand Gen, week 1: capacity 0 h" read as a team without hours).
    """
    columns = ["Team", "Department", "Week", "Week starting", "Planned (h)", "Capacity (h)"]
    columns.append(PLANNED_SHARE_COLUMN)
    if result.plan is None:
        return pd.DataFrame(columns=columns)
    calendar = problem.settings.calendar
    rows = []
    # Team by team in the Team load sheet's order (marketing first, as the Plan page's
    # charts), week by week; teams.csv's order began with the sales teams.
    order = {team_id: i for i, team_id in enumerate(problem.team_order)}
    weeks = sorted(
        (w for w in team_weeks(problem, result.plan) if w.week > weeks_gone),
        key=lambda w: (order[w.team_id], w.week),
    )
    for row in weeks:
        team = problem.team(row.team_id)
        rows.append(
            {
                "Team": team.name,
                "Department": team.department.capitalize(),
                "Week": row.week,
                "Week starting": calendar.monday(row.week),
                # To 3 decimals, on the side of the tenth the pages show: 22.4496 h stored as
                # 22.450 read 22.5 h under the sheet's format, where the Plan page has 22.4 h.
                "Planned (h)": kept_as_shown(row.load, 3, week_hours),
                "Capacity (h)": kept_as_shown(row.limit, 3, week_hours),
                PLANNED_SHARE_COLUMN: (
                    None if row.limit == 0 else percent_value(100 * row.load / row.limit)
                ),
            }
        )
    frame = pd.DataFrame(rows, columns=columns)
    return frame if calendar.first_monday is not None else frame.drop(columns=["Week starting"])


#: The plan's capacity in force in plan.xlsx's Summary, after what the Constraints page sets.
CAPACITY_FIGURE = f"Capacity (h, after what-ifs and {UP_TO_SHARE})"


#: Beside a left-out project's hours and value: the teams' own where they differ.
OWN_ESTIMATES = "Teams' own estimates"


def left_out_sheet(problem: Problem, result: Result) -> pd.DataFrame:
    """The projects the plan leaves out, with the plan's reason for each.

    The project's own hours and value (plan.csv's left-out rows carry 0, so
    that its columns sum to the plan's totals), and the teams' own estimates
    beside them where they differ, as the reason quotes them.
    """
    rows = []
    unassigned = result.plan.unassigned if result.plan is not None else ()
    reasons = as_cells(problem, [u.reason for u in unassigned])
    for u, reason in zip(unassigned, reasons, strict=True):
        project = problem.project(u.project_id)
        goal = problem.goal_index.get(project.goal_id or "")
        rows.append(
            {
                "Project ID": u.project_id,
                "Project": project.name,
                "Goal": goal.name if goal is not None else "",
                "Stage": stage_label(project.stage),
                "Hours": float(project.effort_hours),
                "Value (KPI units)": float(project.value),
                OWN_ESTIMATES: own_estimates(problem, project),
                "Why it is left out": reason,
            }
        )
    columns = ["Project ID", "Project", "Goal", "Stage", "Hours", "Value (KPI units)"]
    return pd.DataFrame(rows, columns=[*columns, OWN_ESTIMATES, "Why it is left out"])


def left_out_json(problem: Problem, plan: Plan | None) -> list[dict[str, object]]:
    """The left-out projects for ``--json``: the project's own hours and value, and why.

    plan.csv's left-out rows carry 0 hours and 0 value (SPEC: the value
    column sums to the plan's total, and hours are a team's); these are the
    figures a leader sees beside the reason.
    """
    out: list[dict[str, object]] = []
    for u in plan.unassigned if plan is not None else ():
        project = problem.project(u.project_id)
        goal = problem.goal_index.get(project.goal_id or "")
        out.append(
            {
                "project_id": u.project_id,
                "project_name": project.name,
                "goal_id": project.goal_id,
                "stage": project.stage,
                "effort_hours": float(project.effort_hours),
                "value": float(project.value),
                "kpi": goal.kpi if goal is not None else None,
                "own_estimates": own_estimates(problem, project),
                "reason": u.reason,
            }
        )
    return out


#: The Summary's rows of a check-in's re-plan that head the quarter's end, as its scenario's
#: row in the Scenarios list and scenario.json do (the Check-in page's "At quarter end").
QUARTER_END_FIGURES = (
    "Goal attainment at quarter end (%, achieved so far + the re-plan, weighted)",
    "Projects in the quarter's plan (done + re-planned)",
    "Projects left out of the quarter's plan",
    QUARTER_PLANNED_LABEL,
)
#: Before each of the re-plan's own figures in a check-in's Summary: they cover the rest.
WEEKS_LEFT = "Weeks left: "
#: The Goals sheet's headings for a check-in's re-plan: its goals are what was left of each.
WEEKS_LEFT_GOALS = {
    GOAL_WEIGHT: f"{GOAL_WEIGHT} × share of target still to reach",
    "Target": "Target left",
    "Planned": "Re-plan adds",
    "Attainment (%)": "% of the target left",
    "Short by": "Short of the target left",
}


#: The Summary's row of the teams' own hours, before what-ifs (teams.csv's).
OWN_HOURS = f"{TEAMS_OWN_HOURS.removeprefix('the ').capitalize()} (h)"
#: The Team load sheet's headings for a check-in's re-plan: its hours are what was left.
WEEKS_LEFT_TEAMS = {"Capacity (h)": "Capacity left (h)"}


def summary_sheet(
    figures: PlanMetrics,
    kept_close: float | None = None,
    quarter_end: Metrics | None = None,
    built_on: str | None = None,
    note: str | None = None,
    weights: Weights | None = None,
) -> pd.DataFrame:
    """The headline, as on the app's pages, in goals, hours and projects (the planner's score
    is on a sheet of its own, :func:`score_sheet`).

    ``kept_close``: the tolerance of a what-if kept close to the current plan; ``weights``:
    the weights in force, which say what its distance to the best plan is measured on.
    ``built_on``: which inputs the plan is made from, in the app's words ("the saved
    scenario #2 Marketing -10 %"), the row under the status: a board reading the file
    could not tell a what-if from the quarter's plan.
    ``quarter_end``: when ``figures`` are a check-in's re-plan of the weeks left, the
    quarter-end figures its scenario lists (:func:`~planner.scenarios.scenario.
    quarter_end_metrics`): they head the sheet, and the re-plan's own figures follow,
    each named for the weeks left (its attainment is of what was left of each target).
    ``note``: what the figures lack, in the words the app and the CLI say it (a saved
    check-in's met goal no saved scenario has any more,
    :func:`~planner.scenarios.met_goals.unkept_words`), the row under "Built on".
    """
    rows: list[tuple[str, object]] = [
        (
            "Goal attainment (%, weighted, each goal capped at 100 %)",
            percent_value(figures.attainment_pct),
        ),
        ("Goals at target", figures.num_goals_met),
        ("Goals", len(figures.goals)),
        ("Projects in the plan", figures.num_planned),
        ("Projects proposed", figures.num_projects),
        ("Projects left out", figures.num_left_out),
        ("Joint projects in the plan (two owners each)", figures.num_joint_planned),
        ("Assignment rows", figures.num_rows),
        # As the app writes them: the sum of the teams' whole hours (the Team load sheet's
        # column adds up to it, as the cards do), points to 2 decimals.
        (CAPACITY_FIGURE, float(figures.shown_in_force_hours)),
        (OWN_HOURS, float(figures.shown_base_hours)),
        ("Planned (h)", float(figures.shown_planned_hours)),
        (BOTH_DEPARTMENTS_LABEL, percent_value(figures.utilisation_pct)),
    ]
    # Each department as its card on the Overview and planner solve's line give it.
    for d in figures.departments():
        side = d.department.capitalize()
        rows += [
            (f"{side} capacity (h)", float(d.shown_in_force_hours)),
            (f"{side} planned (h)", float(d.shown_planned_hours)),
            (planned_label(d.department), percent_value(d.utilisation_pct)),
        ]
    # As the status line says it, without the seconds: "The best plan found" alone left a
    # board with no word of how close to the best possible the plan is.
    status = ("Status", status_words(figures.status.value, figures.gap, kept_close, weights))
    if quarter_end is not None:
        attainment, planned, left_out, utilisation = QUARTER_END_FIGURES
        # The rest's own hours are what was left of each team's, not teams.csv's (5,345 h
        # where the file says 9,900 h): the capacity left says it.
        weeks_left = [(_weeks_left(f), value) for f, value in rows if f != OWN_HOURS]
        weeks_left[0] = (
            f"{WEEKS_LEFT}goal attainment of what was left of each target (%)",
            rows[0][1],
        )
        rows = [
            (attainment, percent_value(quarter_end.attainment_pct)),
            (planned, quarter_end.num_assigned),
            (left_out, quarter_end.num_unassigned),
            (utilisation, percent_value(quarter_end.utilisation_pct)),
            *weeks_left,
        ]
    rows = [
        status,
        *([] if built_on is None else [("Built on", built_on)]),
        *([] if note is None else [("Note", note)]),
        *rows,
    ]
    return pd.DataFrame(rows, columns=["Figure", "Value"])


#: What the score is, for the analyst who opens its sheet.
SCORE_NOTE = (
    "How the planner ranks one plan against another, its priorities weighted as set: not a "
    "business figure. The Summary says the plan in goals, hours and projects."
)


def score_sheet(figures: PlanMetrics) -> pd.DataFrame:
    """The planner's ranking score and the best score possible, in points, with what they are.

    They ended the Summary a board reads ("Advanced: the planner's ranking score
    (points)"), solver points among goals and hours: a sheet of their own, named for its
    readers, keeps them for analysts, to two decimals as the app's Advanced panel writes them.
    """
    rows = [
        ("The plan's score", score_value(figures.objective)),
        ("The best score possible", score_value(figures.bound)),
        ("What it is", SCORE_NOTE),
    ]
    return pd.DataFrame(rows, columns=["Figure", "Value"])


def _weeks_left(figure: str) -> str:
    """A re-plan's own figure named for the weeks left: "Weeks left: projects in the plan";
    a department keeps its capital ("Weeks left: Sales and Marketing, % planned")."""
    if figure.startswith(("Sales", "Marketing")):
        return WEEKS_LEFT + figure
    return WEEKS_LEFT + figure[0].lower() + figure[1:]


def plan_workbook(
    problem: Problem,
    result: Result,
    kept_close: float | None = None,
    quarter_end: Metrics | None = None,
    in_progress: Collection[str] = (),
    adds: Mapping[str, float] | None = None,
    quarter_goals: pd.DataFrame | None = None,
    built_on: str | None = None,
    named: Problem | None = None,
    note: str | None = None,
    weeks_gone: int = 0,
    rows: Sequence[Mapping[str, str]] | None = None,
    why_a_decimal: str | None = None,
    odds: Mapping[str, GoalOdds] | None = None,
) -> bytes:
    """``plan.xlsx``: summary, plan, goals, team load (and by week), left-out projects and,
    last, the planner's ranking score for analysts (:func:`score_sheet`).

    The "Weekly load" sheet is there when the quarter is planned in weeks
    (a calendar, or projects shorter than the quarter). ``kept_close``: the tolerance
    when ``result`` is a what-if kept close to the current plan, so that the Summary's
    status reads as the app's banner and ``planner solve`` say it, not as a plan the
    clock stopped short ("The best plan found"). ``quarter_end``: when ``result`` is a
    check-in's re-plan of the weeks left, the quarter-end figures that head its Summary;
    ``in_progress``: its projects in progress (:func:`plan_sheet`); ``adds``: what it adds
    to each goal (:func:`~planner.interfaces.replan_exports.replan_adds`); ``quarter_goals``:
    each goal at the quarter's end
    (:func:`~planner.interfaces.replan_exports.quarter_end_sheet`), the "Quarter end" sheet
    after the Summary; ``built_on``: the inputs it is made from (:func:`summary_sheet`);
    ``named``: the problem whose goals the Plan and Left out sheets name (a check-in's
    re-plan: each project under its goal in the quarter,
    :func:`~planner.scenarios.rest_of_quarter.under_quarter_goals`); ``note``: what the figures lack
    (:func:`summary_sheet`); ``weeks_gone``: a check-in's weeks over, left out of the
    Weekly load sheet (:func:`week_load_sheet`); ``rows``: the Plan sheet's rows as a
    CSV of the plan has them, when not the plan's own (:func:`plan_sheet`); ``odds``: the
    goals' odds of ``result``'s plan when the caller has them (:func:`goal_odds`).
    """
    figures = result_metrics(problem, result)
    if odds is None and result.plan is not None:
        odds = goal_odds(problem, result.plan)
    summary = summary_sheet(
        figures, kept_close, quarter_end, built_on, note, problem.settings.weights
    )
    # A goal of whole units read with a decimal says why, under the goals' count, as the
    # Overview and planner solve say it.
    # A re-plan's: its quarter-end forecast's (``why_a_decimal``), as planner checkin and
    # the Check-in page say it, the re-plan's own figures being of the weeks left.
    why = why_a_decimal if quarter_end else decimals_words(problem, result.plan, figures.goals)
    if why is not None:
        summary = _with_why_a_decimal(summary, why, replan=bool(quarter_end))
    score = score_sheet(figures)
    by_row = _row_formats(summary, score)
    goals = goals_sheet(figures, odds, problem, adds)
    if quarter_end is not None:
        # A re-plan's goals are what was left of each: its headings say so, as the Check-in
        # page's "Re-plan adds" (a "Target" of 86,425 read against goals.csv's 100,000).
        # Its weights are scaled to the share of each target still to reach (0.864): two
        # decimals, as a leader reads a weight (2.660 read as a figure to the thousandth).
        goals[GOAL_WEIGHT] = goals[GOAL_WEIGHT].round(2)
        goals = goals.rename(columns=WEEKS_LEFT_GOALS)
    teams = team_load_sheet(figures)
    if quarter_end is not None:
        # As the Summary: a re-plan's teams have what was left of their hours, not teams.csv's.
        teams = teams.drop(columns=OWN_HOURS_COLUMN).rename(columns=WEEKS_LEFT_TEAMS)
    sheets = [
        ("Summary", summary),
        *([] if quarter_goals is None else [("Quarter end", quarter_goals)]),
        ("Plan", plan_sheet(named or problem, result, in_progress, rows)),
        ("Goals", goals),
        ("Team load", teams),
    ]
    if problem.is_time_phased:
        sheets.append(("Weekly load", week_load_sheet(problem, result, weeks_gone)))
    sheets.append(("Left out", left_out_sheet(named or problem, result)))
    sheets.append((SCORE_SHEET, score))
    return workbook_bytes(
        sheets, formats=PLAN_FORMATS, row_formats=by_row, sheet_formats=SHEET_FORMATS
    )


def _with_why_a_decimal(summary: pd.DataFrame, why: str, *, replan: bool) -> pd.DataFrame:
    """The Summary with the row saying ``why`` a goal of whole units reads with a decimal:
    under the goals' count; a re-plan's, under the quarter's end it explains."""
    heads = summary.index[summary["Figure"] == "Goals"]
    if replan:
        heads = summary.index[summary["Figure"].str.startswith("Weeks left")] - 1
    at = int(heads[0]) + 1 if len(heads) else len(summary)
    row = pd.DataFrame([(WHY_A_DECIMAL, why)], columns=summary.columns)
    return pd.concat([summary.iloc[:at], row, summary.iloc[at:]], ignore_index=True)


def _row_formats(summary: pd.DataFrame, score: pd.DataFrame) -> dict[str, dict[str, CellFormat]]:
    """The number format of each row of the Summary and score sheets' one Value column."""
    # The Summary's one column holds percentages, hours and counts: each row its format, so
    # that 48.0 % reads 48.0 (not 48) and hours read whole, as the cards write them.
    by_row: dict[str, dict[str, CellFormat]] = {
        figure: {"Value": (lambda _: PERCENT_FORMAT) if "%" in figure else hours_format}
        for figure in summary["Figure"]
        if "%" in figure or "(h" in figure
    }
    for figure in score["Figure"]:
        if "(points)" in figure:  # 1,407.00 as 1,407.01: two decimals, as the app writes it
            by_row[figure] = {"Value": lambda _: SCORE_FORMAT}
    return by_row


#: A share of a project (0 to 1) as every percentage reads, one decimal: 0.375 reads
#: "37.5 %" (whole, "38 %"), 0.5 "50.0 %". Not PERCENT_FORMAT itself: its cells are written
#: as percentage points over 100, and a share's cell keeps plan.csv's 0.375.
SHARE_FORMAT = "0.0 %"

#: Number formats by column header: each rounds as the app writes the figure.
PLAN_FORMATS = {
    **{h: hours_format for h in ("Hours", "Capacity (h)", OWN_HOURS_COLUMN)},
    **{h: hours_format for h in ("Planned (h)", "Free (h)")},
    **{h: amount_format for h in ("Target", "Short by")},
    # A project's value with the data's decimals, as the Plan page: its goal's rows add up.
    "Value (KPI units)": contribution_format,
    # Stored as the pages show it (amount_value with its target): 89.9 of 90 keeps its
    # decimal, which amount_format (without the target) would round to 90.
    "Planned": amount_shown_format,
    **{h: amount_format for h in ("9 times in 10 at least", "Typical outcome")},
    # The Quarter end sheet's figures as the Check-in page shows them (358.4 SQLs).
    **{h: amount_shown_format for h in ("So far", "Forecast")},
    **{
        h: (lambda _: PERCENT_FORMAT)
        for h in ("% of target", f"{WITH_REPLAN} (% of target)", f"{CARRIED_ON} (% of target)")
    },
    "1 time in 10 more than": amount_format,
    "Attainment (%)": lambda _: PERCENT_FORMAT,
    PLANNED_SHARE_COLUMN: lambda _: PERCENT_FORMAT,
    "Chance to reach target": chance_format,
    # The cell keeps plan.csv's share (0.5: the contract, and what a re-import reads); it
    # reads "50.0 %" as the Plan and Export pages write it.
    "Share": lambda _: SHARE_FORMAT,
}
#: Formats of one sheet's columns over :data:`PLAN_FORMATS`. The Weekly load sheet's hours
#: to a tenth, as the Plan page's weekly charts write them: whole, a week read 106 of 108 h
#: beside its 98.8 %.
SHEET_FORMATS: dict[str, dict[str, CellFormat]] = {
    "Weekly load": {h: (lambda _: WEEK_HOURS_FORMAT) for h in ("Planned (h)", "Capacity (h)")},
    # A goal's target and shortfall stored as its row shows them (goal_row_values): 31.5
    # keeps its decimal beside 20.3 planned and 11.2 short, as amount_format made it 32.
    "Goals": {
        h: amount_shown_format
        for h in ("Target", "Short by", "Target left", "Short of the target left")
    },
}
# A check-in's re-plan: the same figures under the headings of the weeks left.
PLAN_FORMATS.update(
    {
        new: PLAN_FORMATS[old]
        for old, new in (*WEEKS_LEFT_GOALS.items(), *WEEKS_LEFT_TEAMS.items())
        if old in PLAN_FORMATS
    }
)
