"""Scenario rows and domain objects: a plan as stored rows and back, a list row as a summary.

The store (:mod:`planner.scenarios.storage`) runs the SQL; these functions only
convert. Numbers are stored as exact decimal text, times as naive UTC.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from planner.core.domain import Assignment, Goal, Plan, Problem, Status, Unassigned
from planner.scenarios.checkin import CheckIn, ProjectProgress, ProjectStatus
from planner.scenarios.met_goals import MetGoal
from planner.scenarios.scenario import Metrics, ScenarioSummary
from planner.solving.service import fingerprint


def utc_naive(moment: datetime) -> datetime:
    """Stored as a plain UTC timestamp; a naive input is taken to be UTC already."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment


def plan_rows(plan: Plan) -> list[tuple[Any, ...]]:
    """The plan as ``PLAN_COLUMNS`` rows: assignments, then unassigned projects."""
    rows: list[tuple[Any, ...]] = [
        (
            a.project_id,
            a.team_id,
            decimal_text(a.share),
            decimal_text(a.effort_hours),
            decimal_text(a.value),
            a.pinned,
            None,
            a.start_week,
            a.end_week,
        )
        for a in plan.assignments
    ]
    rows += [
        (u.project_id, None, "0", "0", "0", False, u.reason, None, None) for u in plan.unassigned
    ]
    return rows


def copy_key(problem: Problem, plan: Plan, checkin: CheckIn | None = None) -> str:
    """What two saved scenarios share when one is a copy of the other, digested (SHA-256):
    the inputs and settings (:func:`~planner.solving.service.fingerprint`), the plan's rows
    in any order and the check-in's rows. Stored with each scenario, so that the store
    finds a copy in one query (:func:`planner.scenarios.copies.saved_copy`)."""
    digest = hashlib.sha256(fingerprint(problem).encode())
    digest.update(repr(sorted(plan_rows(plan), key=repr)).encode())
    digest.update(repr(None if checkin is None else checkin_rows(checkin)).encode())
    return digest.hexdigest()


def decimal_text(number: Decimal) -> str:
    """Exact decimal text without an exponent (``1E+3`` -> ``1000``)."""
    return format(number, "f")


def plan_from_rows(rows: Sequence[Sequence[Any]]) -> Plan:
    """The plan that :func:`plan_rows` stored."""
    assignments, unassigned = [], []
    for project_id, team_id, share, effort, value, pinned, reason, start, end in rows:
        if team_id is None:
            unassigned.append(Unassigned(project_id, reason or ""))
        else:
            assignments.append(
                Assignment(
                    project_id,
                    team_id,
                    Decimal(share),
                    Decimal(effort),
                    Decimal(value),
                    bool(pinned),
                    None if start is None else int(start),
                    None if end is None else int(end),
                )
            )
    return Plan(tuple(assignments), tuple(unassigned))


def summary_from_row(row: Sequence[Any]) -> ScenarioSummary:
    """A list row from the store's summary query (its column order)."""
    (
        scenario_id,
        name,
        note,
        created_at,
        parent_id,
        parent_name,
        status,
        objective,
        bound,
        gap,
        seconds,
        attainment,
        utilisation,
        num_assigned,
        num_unassigned,
        reasons,
        kept_close,
    ) = row
    return ScenarioSummary(
        scenario_id=int(scenario_id),
        name=name,
        note=note,
        created_at=created_at.replace(tzinfo=UTC),
        parent_id=None if parent_id is None else int(parent_id),
        parent_name=parent_name,
        metrics=Metrics(
            status=Status(status),
            objective=objective,
            bound=bound,
            gap=gap,
            seconds=seconds,
            attainment_pct=attainment,
            utilisation_pct=utilisation,
            num_assigned=num_assigned,
            num_unassigned=num_unassigned,
            reasons=tuple(reasons or ()),
            kept_close=kept_close,
        ),
    )


def checkin_rows(
    checkin: CheckIn,
) -> tuple[tuple[str, str, str], dict[str, list[tuple[str | int | None, ...]]]]:
    """A check-in as its head row (``CHECKIN_HEAD_COLUMNS``) and each of its tables' rows
    (``CHECKIN_TABLES``)."""
    head = (decimal_text(checkin.weeks_elapsed), decimal_text(checkin.quarter_weeks), checkin.note)
    return head, {
        "scenario_checkin_projects": [
            (
                project_id,
                progress.status.value,
                decimal_text(progress.percent_done),
                progress.end_week,
            )
            for project_id, progress in checkin.projects.items()
        ],
        "scenario_checkin_goals": [
            (goal_id, decimal_text(amount), _text_or_none(checkin.recorded.get(goal_id)))
            for goal_id, amount in checkin.achieved.items()
        ],
        "scenario_checkin_hours": [
            (team_id, decimal_text(hours)) for team_id, hours in checkin.hours_used.items()
        ],
    }


def checkin_from_rows(
    head: Sequence[Any], tables: Mapping[str, Sequence[Sequence[Any]]]
) -> CheckIn:
    """The check-in that :func:`checkin_rows` stored."""
    weeks, quarter, note = head
    goals = tables["scenario_checkin_goals"]
    return CheckIn(
        Decimal(weeks),
        Decimal(quarter),
        {
            project_id: ProjectProgress(
                ProjectStatus(status), Decimal(percent), None if end is None else int(end)
            )
            for project_id, status, percent, end in tables["scenario_checkin_projects"]
        },
        {goal_id: Decimal(amount) for goal_id, amount, _ in goals},
        {team_id: Decimal(hours) for team_id, hours in tables["scenario_checkin_hours"]},
        note,
        recorded={goal_id: Decimal(count) for goal_id, _, count in goals if count is not None},
    )


def met_rows(met: Sequence[MetGoal]) -> dict[str, list[tuple[str | int, ...]]]:
    """A re-plan's goals met by its check-in as each table's rows (``MET_GOAL_TABLES``)."""
    return {
        "scenario_met_goals": [
            (
                m.goal.goal_id,
                m.goal.name,
                m.goal.kpi,
                decimal_text(m.goal.target),
                m.goal.owner,
                decimal_text(m.goal.weight),
                m.position,
            )
            for m in met
        ],
        "scenario_met_goal_projects": [
            (project_id, m.goal.goal_id) for m in met for project_id in m.project_ids
        ],
    }


def met_from_rows(tables: Mapping[str, Sequence[Sequence[Any]]]) -> tuple[MetGoal, ...]:
    """The met goals that :func:`met_rows` stored.

    Raises
    ------
    ValueError
        When a goal no longer makes one (a database edited by hand).
    """
    serving: dict[str, list[str]] = {}
    for project_id, goal_id in tables["scenario_met_goal_projects"]:
        serving.setdefault(goal_id, []).append(project_id)
    return tuple(
        MetGoal(
            Goal(goal_id, name, Decimal(target), kpi, owner, Decimal(weight)),
            int(position),
            tuple(serving.get(goal_id, ())),
        )
        for goal_id, name, kpi, target, owner, weight, position in tables["scenario_met_goals"]
    )


def _text_or_none(number: Decimal | None) -> str | None:
    return None if number is None else decimal_text(number)
