"""What the check-in tests build (tests/scenarios/test_checkin*.py, test_replan_problem.py,
test_change_budget.py): a plan of given owners, a project's progress, a re-plan.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from planner.core.domain import Assignment, Plan, Problem
from planner.core.settings import SolveSettings
from planner.scenarios.checkin import (
    ProjectProgress,
    ProjectStatus,
)
from planner.scenarios.rest_of_quarter import replan_problem

D = Decimal


IN_PROGRESS = ProjectStatus.IN_PROGRESS


DONE = ProjectStatus.DONE


DROPPED = ProjectStatus.DROPPED


def plan_of(prob: Problem, owners: dict[str, str | tuple[str, ...]]) -> Plan:
    """A plan with the given owners (project id -> team id or ids), amounts from the data."""
    assignments = []
    for project_id, teams in owners.items():
        for team_id in (teams,) if isinstance(teams, str) else teams:
            p, t = prob.project(project_id), prob.team(team_id)
            effort, value = prob.pair_amounts(p, t.team_id)
            share = p.share(t.department)
            assignments.append(
                Assignment(project_id, team_id, share, effort * share, value * share)
            )
    return Plan(tuple(assignments))


def progress(
    status: ProjectStatus, percent: float = 0, end_week: int | None = None
) -> ProjectProgress:
    return ProjectProgress(status, D(str(percent)), end_week)


def replan(prob, base, checkin, max_changes=None, stability=0.0, **kw):
    return replan_problem(
        prob, base, checkin, max_changes=max_changes, stability_weight=stability, **kw
    )


# -- properties over generated quarters -----------------------------------


def _quiet(prob: Problem) -> Problem:
    """One worker and a short limit: deterministic, and fair to the other test runs."""
    return prob.replace(
        settings=replace(prob.settings, solve=SolveSettings(time_limit_s=5.0, workers=1))
    )
