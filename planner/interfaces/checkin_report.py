"""What ``planner checkin`` prints: the report in words, or as one JSON object.

The goals, forecasts, odds and changes a re-plan worked out, as the Check-in page shows
them; :mod:`planner.interfaces.checkin_cli` gathers them into the summary read here.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterable
from typing import Any

from planner.core.domain import Problem
from planner.core.identifiers import escaped
from planner.core.machine_figures import kept_as_shown
from planner.core.settings import Weights
from planner.core.shared_words import CARRIED_ON
from planner.core.shown_figures import (
    amount_shown,
    amounts_adding_up,
    chance,
    chance_change,
    goal_row_values,
    percent,
    points_between,
)
from planner.core.status_words import status_words
from planner.interfaces.checkin_limits import limits_line
from planner.interfaces.cli_plans import written_line
from planner.scenarios.checkin_goals import GoalForecast, GoalProgress, pace_words


def goals_json(progress: Iterable[GoalProgress]) -> list[dict[str, Any]]:
    """Each goal at the check-in: achieved, against its target, the plan and the time gone."""
    return [
        {
            "goal_id": g.goal_id,
            "name": g.name,
            "kpi": g.kpi,
            "target": float(g.target),
            "achieved": float(g.achieved),
            "percent_of_target": rounded(g.percent_of_target),
            "percent_planned_by_now": rounded(g.percent_planned or 0.0),
            "percent_of_time": rounded(g.percent_expected),
            "pace": g.pace.value,
            # As the text report and the Check-in page's chart word it: "ahead of plan by
            # 6,425 website visitors (6.4 % of the target)", "behind plan", "on track".
            "pace_words": pace_words(g),
            "ahead_by_points": g.ahead_by,
        }
        for g in progress
    ]


def forecast_json(forecast: GoalForecast, carried: GoalForecast) -> dict[str, object]:
    """A goal's quarter end in its KPI unit, with the baseline carried on beside it."""
    return {
        "achieved": float(forecast.achieved),
        "still_to_come": float(forecast.still_to_come),
        "forecast": float(forecast.forecast),
        "target": float(forecast.target),
        "kpi": forecast.kpi,
        "percent_of_target": rounded(forecast.percent),
        "baseline_forecast": float(carried.forecast),
        "whole": forecast.whole,
    }


def rounded(x: float) -> float:
    """A percentage for the check-in's JSON: six decimals, kept on its side of the edge the
    text report shows it at.

    Whoever shows it with :func:`planner.core.shown_figures.percent` shows what the text report
    shows (rounding to 2 first would round twice: 46.154 -> 46.15 -> 46.1 where the share
    of the quarter is 46.2 %; to the nearest six, a goal at 99.99999995 % read 100.0 %).
    """
    return kept_as_shown(x, 6, percent)


def rounded_or_none(x: float | None) -> float | None:
    """:func:`rounded`, or ``None`` for no figure."""
    return None if x is None else rounded(x)


def report(
    summary: dict[str, object],
    args: argparse.Namespace,
    weights: Weights | None = None,
    goals: bool = True,
) -> str:
    """``planner checkin``'s output from its ``summary``: the JSON with ``--json``, else the
    text report (the quarter's end, or each goal's pace, forecast and odds)."""
    from planner.interfaces.optimizer_score import analysts_line

    if args.json:
        return json.dumps(summary)
    if isinstance(end := summary.get("quarter_end"), dict):
        return "\n".join(_quarter_end_lines(summary, end))
    lines = _progress_lines(summary)
    if isinstance(headline := summary.get("quarter_attainment"), dict):
        lines += _headline_lines(headline)
    if any("forecast" in g for g in summary["goals"]):  # type: ignore[attr-defined]
        lines += _forecast_lines(summary["goals"])  # type: ignore[arg-type]
        if isinstance(why := summary.get("why_a_decimal"), str):
            from planner.scenarios.why_a_decimal import WHY_A_DECIMAL

            lines.append(f"  {WHY_A_DECIMAL}: {escaped(why)}")
    # At the quarter's end nothing is re-planned: no score of it, no --stability, no
    # "mid-quarter" (they read as a re-plan of weeks there are none of).
    over = isinstance(headline, dict) and bool(headline.get("quarter_over"))
    lines += odds_lines(summary["goals"], over)  # type: ignore[arg-type]
    gap: float | None = summary.get("gap")  # type: ignore[assignment]
    lines.append(f"status: {status_words(str(summary['status']), gap, weights=weights)}")
    if summary.get("stopped_by_user"):
        lines.append("stopped by the user: best plan so far")
    if isinstance(limits := summary.get("replan_limits"), dict) and not over:
        lines.append(limits_line(limits))
    if "num_changes" in summary:
        lines += _what_changed_lines(summary, over)
    if not over:
        # Last and marked for analysts, as solve ends; the re-plan's points score the weeks
        # and targets left, not the quarter's figures.
        score = analysts_line(
            summary.get("objective"),  # type: ignore[arg-type]
            summary.get("bound"),  # type: ignore[arg-type]
            weights,
            " on the weeks and targets left",
            goals=goals,
        )
        lines += [] if score is None else [score]
    return "\n".join(lines)


def _quarter_end_lines(summary: dict[str, object], end: dict[str, Any]) -> list[str]:
    """A check-in at the quarter's last week: how it ended against each target, and that
    nothing is left to re-plan (no re-plan status, no "changes: 0", no "achieved + 0"
    forecast). Work that did not get done and where the record was written still follow."""
    lines = [escaped(end["headline"])]
    if end["goals"]:
        lines.append("what was achieved against each target:")
        lines += [f"  {escaped(line)}" for line in end["goals"]]
    for said in ("kpi_left_at_pre_fill", "late_work", "done_before_window"):
        found = summary.get(said)
        if isinstance(found, list):
            lines += [f"  {escaped(str(s))}" for s in found if isinstance(s, str)]
    if isinstance(why := summary.get("why_a_decimal"), str):
        from planner.scenarios.why_a_decimal import WHY_A_DECIMAL

        lines.append(f"  {WHY_A_DECIMAL}: {escaped(why)}")
    lines.append(end["nothing_left"])
    dropped: list[dict] = summary.get("dropped", [])  # type: ignore[assignment]
    if dropped:
        words = summary.get("dropped_words")
        lines.append(
            f"not done by the quarter's end: {len(dropped)}" + (f" ({words})" if words else "")
        )
        lines += change_lines(dropped)
    baseline = summary.get("baseline_csv")
    lines.append(written_line(str(summary["plan_csv"]), str(baseline) if baseline else None))
    return lines


def _progress_lines(summary: dict[str, object]) -> list[str]:
    """Each goal's progress against its plan by now, then the KPIs kept as pre-filled and
    the work running late."""
    # Without goals the sentence stands for the heading; the status, the changes and where
    # the plan went still follow (they were left out, as if nothing had been re-planned).
    lines = [
        "goal progress (achieved / plan by now / time elapsed, % of target):"
        if summary["goals"]
        else "goal progress: the quarter has no goals, so there is no progress to report."
    ]
    for g in summary["goals"]:  # type: ignore[attr-defined]
        line = f"  {escaped(g['name'])}: {percent(g['percent_of_target'])} / "
        line += f"{percent(g['percent_planned_by_now'])} / {percent(g['percent_of_time'])} "
        line += g["pace_words"]
        lines.append(line)
    for said in ("kpi_left_at_pre_fill", "late_work", "done_before_window"):
        found = summary.get(said)
        lines += (
            [f"  {escaped(str(s))}" for s in found if isinstance(s, str)]
            if isinstance(found, list)
            else []
        )
    return lines


def _headline_lines(headline: dict[str, Any]) -> list[str]:
    """The quarter's attainment at its end, with the baseline carried on, and the re-plan's
    own attainment of what was left (or that no weeks are left)."""
    from planner.scenarios.plan_change import of_what_was_left

    lines = [
        # Not "as on the Overview": that page shows the plan as it was made (85.6 %
        # beside this 84.1 %); the two share how goals are weighed.
        f"goal attainment at quarter end: {percent(headline['forecast'])} weighted as the "
        f"Overview weighs goals ({percent(headline['achieved'])} achieved so far, "
        f"{points_between(headline['achieved'], headline['forecast'])} from the re-plan; "
        f"{CARRIED_ON.lower()}: {percent(headline['baseline_forecast'])})"
    ]
    if headline.get("baseline_overruns"):
        lines.append(
            f"{CARRIED_ON.lower()}, the baseline as it was no longer fits the hours left: "
            + "; ".join(escaped(str(o)) for o in headline["baseline_overruns"])
        )
    if headline["quarter_over"]:
        lines.append("no weeks are left in the quarter: nothing is re-planned")
    else:
        # The Check-in page's sentence under its cards, word for word.
        said = of_what_was_left(headline["replan_of_what_was_left"])
        lines.append(f"{said[0].lower()}{said[1:]}")
    return lines


def _forecast_lines(goals: list[dict[str, Any]]) -> list[str]:
    """Each goal's quarter-end forecast: achieved so far + re-plan = forecast of target."""
    lines = ["quarter-end forecast (achieved so far + re-plan = forecast of target):"]
    for g in goals:
        f = g["forecast"]
        # Whole customers and dollars, as a leader counts them (planner.core.shown_figures); what
        # was achieved as recorded (the check-in file's 232.5 SQLs).
        kpi = escaped(f["kpi"])
        # A KPI kept as pre-filled reads as written (597 SQLs for the plan's 596.815).
        written = g.get("achieved_recorded", f["achieved"])
        so_far, to_come, total = amounts_adding_up(
            written, f["forecast"], f["target"], as_recorded=True, whole=f["whole"]
        )
        lines.append(
            f"  {escaped(g['name'])}: {amount_shown(so_far)} + {amount_shown(to_come)} = "
            f"{amount_shown(total)} of "
            f"{amount_shown(goal_row_values(f['target'], total)[0], kpi)} "
            f"({percent(f['percent_of_target'])}; {CARRIED_ON.lower()} "
            f"{percent(g['projected_before'])})"
        )
    return lines


def _what_changed_lines(summary: dict[str, object], over: bool) -> list[str]:
    """How strongly the plan is kept, the changes, the work added, what left the plan at
    the check-in, and where the re-plan was written."""
    lines: list[str] = []
    budget = summary["max_changes"]
    if (kept := str(summary.get("keep_the_plan") or "")) and not over:
        lines.append(f"how strongly the plan is kept: {kept[:1].lower()}{kept[1:]}")
    lines.append(
        f"changes (owners moved or taken out of the plan): {summary['num_changes']}"
        + (f" (at most {budget:,})" if budget is not None else "")
    )
    lines += change_lines(summary["changes"])  # type: ignore[arg-type]
    why: list[str] = summary.get("why_nothing_moves", [])  # type: ignore[assignment]
    lines += [f"  {escaped(line)}" for line in why]
    added: list[dict] = summary["added"]  # type: ignore[assignment]
    lines.append(f"added (work the baseline did not have, not a change): {len(added)}")
    lines += change_lines(added)
    dropped: list[dict] = summary["dropped"]  # type: ignore[assignment]
    if dropped:
        # "dropped at the check-in: 2" counted a project the leader had only marked
        # not started, whose weeks no longer fit, as dropped.
        words = summary.get("dropped_words")
        lines.append(
            f"out of the plan at the check-in: {len(dropped)}" + (f" ({words})" if words else "")
        )
        lines += change_lines(dropped)
    if out := summary.get("out_of_plan"):
        lines.append(f"out of the plan: {out}")  # as a saved check-in's note says it
    baseline = summary.get("baseline_csv")
    lines.append(written_line(str(summary["plan_csv"]), str(baseline) if baseline else None))
    return lines


def odds_lines(goals: list[dict], quarter_over: bool) -> list[str]:
    """Each goal's chance of its quarter target with the re-plan in words, then the baseline
    carried on and the re-plan's change against it: the Check-in
    page's odds table, in its order (the re-plan first, as the forecast above and the
    re-plan's workbook lead with it; "if we carry on -> with the re-plan" led with the
    plan a leader is asked to leave); why they narrow mid-quarter, unless the quarter is
    over."""
    from planner.interfaces.odds_changes import MID_QUARTER_ODDS

    with_odds = [g for g in goals if "chance_if_carried_on" in g]
    if not with_odds:
        return []
    lines = [
        "odds of reaching each quarter target with the re-plan "
        f"(then {CARRIED_ON.lower()}, and the re-plan's change):"
    ]
    for g in with_odds:
        carried, chance_now = g["chance_if_carried_on"] / 100, g["probability"] / 100
        # The re-plan's chance leads its words ("85 % chance to reach ..."): said once, it
        # read "0 % (if we carry on 0 %; no change); 0 % chance to reach".
        lines.append(
            f"  {escaped(g['name'])}: {escaped(g['words'])}; {CARRIED_ON.lower()} "
            f"{chance(carried)} (the re-plan: {chance_change(carried, chance_now)})"
        )
    # Why they are lower than the Overview's, as the page's caption says under its table:
    # the sample's pipeline read 0 % here at week 6 beside the Overview's 32 %, unexplained.
    if not quarter_over:
        lines.append(f"  ({MID_QUARTER_ODDS})")
    return lines


def project_name(problem: Problem, project_id: str) -> str:
    """The project's name, or its id when ``problem`` does not hold it."""
    found = problem.project_index.get(project_id)
    return project_id if found is None else found.name


def change_lines(changes: list[dict]) -> list[str]:
    """A line per change of the re-plan: the change, the project's id and name (as
    ``planner explain`` lists them; the Check-in page shows the name) and its reason."""
    return [
        f"  {c['change']} {escaped(c['project_id'])} '{escaped(c['name'])}': {escaped(c['reason'])}"
        for c in changes
    ]
