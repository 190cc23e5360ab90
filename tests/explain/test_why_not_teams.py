"""planner.explain.assignment.why_not_teams: the Plan page's "Why not ..." for chosen teams."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.core.loading import load_problem
from planner.explain.assignment import explain_assignment, why_not_teams
from planner.explain.scoring import Scorer
from planner.solving.solver import solve

DATA = Path(__file__).resolve().parents[2] / "data"


def test_why_not_teams_says_what_the_full_explanation_says_of_each_team():
    """Compare gives a moved project the reason its old team is not the owner: it must be
    the Plan page's own "Why not ..." for that team, asked of one shared scorer (a
    comparison of 275 moves at 150 teams took 3.7 s through every team's alternative)."""
    sample = load_problem(DATA / "sample").problem
    result = solve(sample)
    assert result.plan is not None
    scorer = Scorer(sample, result.plan)
    for project_id in list(result.plan.owners())[:8]:
        full = {
            a.team_id: a.reason
            for a in explain_assignment(sample, result.plan, project_id).alternatives
        }
        asked = why_not_teams(sample, result.plan, project_id, list(full), scorer)
        assert asked == full, project_id
    unassigned = result.plan.unassigned[0].project_id
    with pytest.raises(ValueError, match="not assigned"):
        why_not_teams(sample, result.plan, unassigned, [sample.teams[0].team_id])
