"""planner.explain.assignment.why_not_teams: the Plan page's "Why not ..." for chosen teams."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.core.loading import load_with_warnings
from planner.explain.assignment import explain_assignment, why_not_teams
from planner.explain.scoring import Scorer
from planner.solving.solver import solve

DATA = Path(__file__).resolve().parents[2] / "data"


def test_why_not_teams_says_what_the_full_explanation_says_of_each_team():
    """Compare gives a moved project the reason its old team is not the owner: it must be
    the Plan page's own "Why not ..." for that team, asked of one shared scorer (a
    comparison of 275 moves at 150 teams took 3.7 s through every team's alternative)."""
    sample = load_with_warnings(DATA / "sample").problem
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


def test_a_team_with_hours_in_the_quarter_but_not_in_the_project_s_weeks_cannot_take_it():
    """Content has 90 h free over the quarter and none in weeks 1-4, the only weeks the
    launch may run: "Why not Content" says so, not "it could take it".

    On the sample's proven-best plan, Explain a project read "Why not Enterprise AEs: it
    could take it and do a little more for the goals (the plan may not be proven best)"
    beside "Optimal: best possible": the room was counted over the quarter, not by week.
    """
    from builders import pin, problem, project, team

    p = problem(
        [team("Brand", capacity=130), team("Content", capacity=130)],
        [
            project("Launch", effort=40, duration_weeks=4, due_week=4),
            project("Blog", effort=40, duration_weeks=4, due_week=4),
        ],
        rules=[pin("Blog", "Content")],
    )
    result = solve(p)
    assert result.plan is not None and result.plan.owners()["Launch"] == {"Brand"}
    (alt,) = explain_assignment(p, result.plan, "Launch").alternatives
    assert alt.team_id == "Content"
    assert "could take it" not in alt.reason
    assert alt.reason == (
        "it has no room for its 10 h a week in weeks 1-4, when it must run in each of weeks 1-4"
    )
    scorer = Scorer(p, result.plan)
    assert why_not_teams(p, result.plan, "Launch", ["Content"], scorer) == {"Content": alt.reason}


def test_no_alternative_on_the_sample_s_proven_best_plan_could_do_more_for_the_goals():
    """A proven-best plan has no move that does more for the goals: no "Why not" says one."""
    sample = load_with_warnings(DATA / "sample").problem
    result = solve(sample)
    assert result.plan is not None and result.status.value == "optimal"
    for project_id in result.plan.owners():
        for alt in explain_assignment(sample, result.plan, project_id).alternatives:
            assert "do a little more for the goals" not in alt.reason, (project_id, alt)
