"""One project explained, whatever its state: assigned, left out, or in no plan; its
name kept from markdown.
"""

from __future__ import annotations

from builders import (
    estimate,
    problem,
    project,
    team,
)

from planner.explain import (
    explain_project,
)
from planner.solving.solver import solve

# -- one project ---------------------------------------------------------------------------------


def test_a_team_own_value_with_no_goal_is_named_beside_the_hours():
    """With no goal a value is a plain number: beside a team's own hours, "8 if Brand
    does it" read as hours or a count; it reads "value 8 if Brand does it", and no
    "priority points" (a leader reads points as the planner's)."""
    from planner.explain.project_figures import own_estimates

    p = problem(
        [team("Brand", capacity=100), team("Content", capacity=100)],
        [project("a", effort=10, value=5)],
        estimates=[estimate("a", "Brand", effort=12, value=8)],
    )
    said = own_estimates(p, p.project("a"))
    assert said == "12 h for Brand; value 8 if Brand does it", said


def test_explain_project_covers_assigned_unassigned_and_no_plan():
    """The Plan page asks about any project, whatever the result."""
    p = problem([team("Brand", capacity=10)], [project("a", value=5), project("b", value=3)])
    result = solve(p)
    owned = explain_project(p, result, "a")
    assert owned.headline == "'a' is owned by Brand" and owned.assignment is not None
    # A value with no goal is SPEC's plain value ("value 5 priority points" before: a
    # leader reads "points" as the planner's).
    assert owned.figures == "Awareness stage · 10 h · value 5"
    left = explain_project(p, result, "b")
    assert left.unassigned is not None and "not in the plan" in left.headline
    assert left.markdown().startswith("**")
    broken = problem([team("Brand")], [project("x", "closing", mandatory=True)])
    none = explain_project(broken, solve(broken), "x")
    assert "no plan" in none.headline and any("'x'" in line for line in none.lines)


def test_explain_project_with_no_plan_keeps_the_conflicts_that_name_it_by_id():
    """'Web' must not pick up the conflict about 'Webinar' because one name contains the other."""
    p = problem(
        [team("Brand")],
        [
            project("web", name="Web", required_skills={"seo": 3}, mandatory=True),
            project("webinar", name="Webinar", required_skills={"pr": 3}, mandatory=True),
        ],
    )
    result = solve(p)
    assert result.plan is None
    lines = explain_project(p, result, "web").lines
    assert any("'Web' cannot be assigned" in line for line in lines)
    assert not any("Webinar" in line for line in lines)


def test_explain_project_of_a_joint_project_measures_capacity_once(monkeypatch):
    """Capacity pressure walks the whole plan: once per question, not once per owner."""
    import planner.explain.project as project_module

    p = problem(
        [team("AEs", "sales"), team("Brand")],
        [project("Launch", "nurturing", joint=True, value=5)],
    )
    result = solve(p)
    calls = []
    real = project_module.capacity_pressure

    def counted(*args):
        calls.append(args)
        return real(*args)

    monkeypatch.setattr(project_module, "capacity_pressure", counted)
    why = explain_project(p, result, "Launch")
    assert len(why.assignment.team_ids) == 2
    assert len(calls) == 1


def test_markdown_escapes_names_that_look_like_formatting():
    """Project names with * or _ must not turn into bold or italics on the page."""
    p = problem([team("Brand")], [project("a", name="*Launch* _now_")])
    result = solve(p)
    md = explain_project(p, result, "a").markdown()
    assert "\\*Launch\\* \\_now\\_" in md
