"""A check-in's re-plan as ``plan.xlsx``: the plan of the weeks left
(:func:`~planner.interfaces.exports.plan_workbook`), its Summary headed by the end of the
quarter, and a "Quarter end" sheet of each goal (so far + re-plan adds = forecast), as
``planner checkin --out rest.xlsx`` writes it and the Check-in page downloads it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

import pandas as pd

from planner.core.domain import AssignmentStatus, Plan, Problem, Result
from planner.core.plan_csv import CHECKIN_COLUMN, COLUMNS, plain, plan_csv_rows, rows_csv_text
from planner.core.shared_words import CARRIED_ON, WITH_REPLAN
from planner.core.shown_figures import amounts_adding_up
from planner.interfaces.checkin_tables import forecast_frame
from planner.interfaces.exports import plan_workbook
from planner.interfaces.odds_changes import replan_odds_frame
from planner.scenarios.checkin import CheckIn, ProjectStatus, removed_projects, weeks_past
from planner.scenarios.checkin_goals import GoalForecast, quarter_forecast
from planner.scenarios.replan_diff import NO_LONGER_FITS_WORD, ChangeKind, ReplanDiff
from planner.scenarios.rest_of_quarter import under_quarter_goals
from planner.scenarios.scenario import replan_quarter_end
from planner.scenarios.why_a_decimal import forecast_decimals_words

#: The Check-in page's "Each goal at the end of the quarter" as the "Quarter end" sheet of a
#: re-plan's workbook heads it: the page's headings, in the page's order.
QUARTER_END_HEADERS = {
    "goal": "Goal",
    "percent": f"{WITH_REPLAN} (% of target)",
    "baseline": f"{CARRIED_ON} (% of target)",
    "achieved": "So far",
    "still_to_come": "Re-plan adds",
    "forecast": "Forecast",
    "target": "Target",
    "kpi": "KPI",
}


#: The Quarter end sheet's column of each goal's pace at the check-in, in the words of
#: planner checkin's report and the Check-in page's chart (:func:`pace_words`).
PACE_HEADER = "Pace at the check-in"


def quarter_end_sheet(
    forecasts: Sequence[GoalForecast],
    carried: Mapping[str, GoalForecast] | None = None,
    odds: pd.DataFrame | None = None,
    paces: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """Each goal at the end of the quarter after a check-in, as the Check-in page's table and
    ``planner checkin``'s "quarter-end forecast" write it: so far + re-plan adds = forecast.

    ``carried``: goal id -> its forecast with the baseline carried on ("If we carry on");
    without it the column is left out. ``odds``: each goal's chance of its quarter target
    with the re-plan, as the page's odds table (:func:`~planner.interfaces.odds_changes.
    replan_odds_frame`), shown when some project's impact is a range. ``paces``: goal id ->
    its pace at the check-in as :func:`~planner.scenarios.checkin_goals.pace_words` words it
    ("ahead of plan by 6,425 website visitors (6.4 % of the target)"), last; left out without it.
    """
    frame = forecast_frame(forecasts, carried or {f.goal_id: f for f in forecasts})
    frame = frame[list(QUARTER_END_HEADERS)]
    if carried is None:
        frame = frame.drop(columns="baseline")
    frame = frame.rename(columns=QUARTER_END_HEADERS)
    if odds is not None and odds["uncertain"].any():
        after = dict(zip(odds["goal"], odds["after"], strict=True))
        words = dict(zip(odds["goal"], odds["words"], strict=True))
        frame["Chance to reach target"] = [float(after[g]) / 100 for g in frame["Goal"]]
        frame["Odds in words"] = [str(words[g]) for g in frame["Goal"]]
    if paces is not None:
        frame[PACE_HEADER] = [paces.get(f.goal_id, "") for f in forecasts]
    return frame


def replan_workbook(
    quarter: Problem,
    checkin: CheckIn,
    rest: Problem,
    result: Result,
    carried: Plan | None,
    baseline: Plan,
    diff: ReplanDiff | None,
    built_on: str | None = None,
    odds: pd.DataFrame | None = None,
    paces: Sequence[tuple[str, str]] | None = None,
) -> bytes:
    """A check-in's re-plan of ``rest`` as ``plan.xlsx``, its Summary headed by the end of the
    ``quarter`` (:func:`~planner.scenarios.scenario.replan_quarter_end`), then each goal at
    the quarter's end (``carried``: the baseline carried on, for "If we carry on"), as
    ``planner checkin --out rest.xlsx`` writes it and the Check-in page downloads it.
    ``built_on``: the data it is made from, the Summary's "Built on" row, as ``solve``'s;
    ``odds``: the goals' odds when already simulated, as the Check-in page has them
    (:func:`~planner.interfaces.odds_changes.replan_odds_frame` of these same plans);
    ``paces``: (goal id, its pace at the check-in in words) pairs, for the Quarter end
    sheet (:func:`quarter_end_sheet`).

    ``baseline`` and ``diff``: the plan checked in on and the re-plan against it (``None``
    only without a re-plan); the Plan sheet holds rest-of-quarter.csv's rows
    (:func:`rest_of_quarter_rows`): a row for every project of the baseline, done and
    dropped too, and what the check-in did to each, as ``planner checkin --out rest.csv``
    and the page's CSV download write them. Both are required: a workbook made without
    them had a Plan sheet of the weeks left alone (31 rows where the CSV had 54)."""
    quarter_end = replan_quarter_end(quarter, checkin, rest, result)
    in_progress = checkin.ids_with(ProjectStatus.IN_PROGRESS)
    gone = weeks_past(quarter, checkin)
    if result.plan is None:
        return plan_workbook(
            rest, result, None, quarter_end, in_progress, built_on=built_on, weeks_gone=gone
        )
    forecasts = quarter_forecast(quarter, checkin, result.plan)
    ends = (
        None
        if carried is None
        else {f.goal_id: f for f in quarter_forecast(quarter, checkin, carried)}
    )
    if odds is None:
        odds = replan_odds_frame(
            *(quarter, checkin.achieved, rest, carried or result.plan, result.plan),
            recorded=checkin.recorded,
        )
    goals = quarter_end_sheet(forecasts, ends, odds, None if paces is None else dict(paces))
    if diff is None:
        raise ValueError("A re-plan's workbook needs the re-plan's changes against its baseline.")
    rows = rest_of_quarter_rows(quarter, rest, result.plan, baseline, checkin, diff)
    # A whole count forecast with a decimal (6 + 20.3 = 26.3 of 40 new customers) says why,
    # in the Summary beside the quarter's end, as planner checkin and the Check-in page do.
    why = forecast_decimals_words(rest, result.plan, forecasts, in_progress)
    return plan_workbook(
        rest,
        result,
        None,
        quarter_end,
        in_progress,
        replan_adds(forecasts),
        goals,
        built_on=built_on,
        named=under_quarter_goals(rest, quarter),
        weeks_gone=gone,
        rows=rows,
        why_a_decimal=why,
    )


def replan_adds(forecasts: Sequence[GoalForecast]) -> dict[str, float]:
    """Goal id -> what a check-in's re-plan adds, as the Check-in page's "Re-plan adds" and
    ``planner checkin``'s forecast write it: the forecast less what was achieved, each as
    shown, so that the row adds up: 1,309 + 991 = 2,300 MQLs, where the workbook rounded
    the re-plan's own 991.75 to 992 beside the page's 991."""
    return {
        f.goal_id: amounts_adding_up(
            f.as_written, f.forecast, f.target, as_recorded=True, whole=f.whole
        )[1]
        for f in forecasts
    }


#: rest-of-quarter.csv's ``at_checkin`` for a row of the re-plan, by what the re-plan did to
#: its project against the baseline (the Check-in page's "Change"); a project the baseline
#: and the re-plan both leave out is "still left out", one whose weeks no longer fit the
#: weeks left "no longer fits" (the page's "no longer able to run in the weeks left").
AT_CHECKIN = {
    ChangeKind.KEPT: "kept",
    ChangeKind.MOVED: "moved",
    ChangeKind.ADDED: "added",
    ChangeKind.LEFT_OUT: "left out",
}
STILL_LEFT_OUT = "still left out"


def rest_of_quarter_csv_text(
    quarter: Problem,
    rest: Problem,
    plan: Plan,
    baseline: Plan,
    checkin: CheckIn,
    diff: ReplanDiff,
) -> str:
    """A check-in's re-plan as rest-of-quarter.csv: :func:`rest_of_quarter_rows` under
    plan.csv's columns and ``at_checkin``."""
    rows = rest_of_quarter_rows(quarter, rest, plan, baseline, checkin, diff)
    return rows_csv_text(rows, (*COLUMNS, CHECKIN_COLUMN))


def rest_of_quarter_rows(
    quarter: Problem,
    rest: Problem,
    plan: Plan,
    baseline: Plan,
    checkin: CheckIn,
    diff: ReplanDiff,
) -> list[dict[str, str]]:
    """A check-in's re-plan as rest-of-quarter.csv's rows (and the Plan sheet's of its
    workbook, :func:`replan_workbook`): plan.csv's rows of the weeks left, each
    project under its goal in the ``quarter`` (:func:`under_quarter_goals`), then a row for
    every project of the ``baseline`` the re-plan no longer holds, so that a leader diffing it
    against plan.csv sees none vanish: done (its baseline team and weeks, no hours or value
    left), dropped at the check-in by the leader, or no longer fitting the weeks left. Each
    row says in ``at_checkin`` what the check-in did to it: done, dropped, kept, moved,
    added, left out (by the re-plan), still left out, no longer fits.

    Read back as a baseline (a later check-in's ``--baseline``), the done and dropped rows
    are skipped and the rest is the re-plan it was (:data:`~planner.core.plan_csv.
    PAST_STATUSES`)."""
    # A project the baseline and the re-plan both leave out has no change: still left out.
    words = {c.project_id: AT_CHECKIN.get(c.kind, STILL_LEFT_OUT) for c in diff.changes}
    rows = [
        {**row, CHECKIN_COLUMN: words.get(row["project_id"], STILL_LEFT_OUT)}
        for row in plan_csv_rows(under_quarter_goals(rest, quarter), plan)
    ]
    held = {row["project_id"] for row in rows}
    reasons = {c.project_id: c.reason for c in diff.changes}
    removed = removed_projects(quarter, checkin)
    before: dict[str, list[dict[str, str]]] = {}
    for row in plan_csv_rows(quarter, baseline):
        before.setdefault(row["project_id"], []).append(row)
    nothing_left = {"effort_hours": "0", "value": "0"}
    for project in quarter.projects:
        pid = project.project_id
        if pid in held or pid not in before:
            continue
        status = checkin.progress(pid).status
        why = reasons.get(pid) or f"{removed.get(pid, status.value)} at the check-in"
        if status in (ProjectStatus.DONE, ProjectStatus.DROPPED):
            # Its baseline team(s), no hours or value left; the weeks it ran, when done.
            # Done work is not left out: no reason under the workbook's "Why it is left
            # out" (its status and at_checkin say done); a dropped one's says so.
            if status is ProjectStatus.DONE:
                why = ""
            for row in before[pid]:
                weeks = {} if status is ProjectStatus.DONE else {"start_week": "", "end_week": ""}
                rows.append(
                    {
                        **row,
                        **nothing_left,
                        **weeks,
                        "status": status.value,
                        "reason": why,
                        CHECKIN_COLUMN: status.value,
                    }
                )
            continue
        first = before[pid][0]
        planned = first["status"] != AssignmentStatus.UNASSIGNED
        rows.append(
            {
                **first,
                **nothing_left,
                **dict.fromkeys(("team_id", "team_name", "department"), ""),
                "share": plain(Decimal(0)),
                "status": AssignmentStatus.UNASSIGNED.value,
                "reason": removed.get(pid, first["reason"]),
                "start_week": "",
                "end_week": "",
                CHECKIN_COLUMN: NO_LONGER_FITS_WORD if planned else STILL_LEFT_OUT,
            }
        )
    return rows
