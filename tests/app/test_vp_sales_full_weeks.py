"""A VP Sales, new to the app, asks which of her teams are overloaded and in which weeks.

The Plan page's weekly heatmap outlines each full week in red; the line under it read
"Fullest weeks: Mid-Market AEs 99.7 % in weeks 8-13; Customer Success 99.3 % in week 1;
...": Customer Success, outlined in red in weeks 1 and 6-13, read as full in week 1 only,
and Sales Engineering, with no full week, was named beside the full teams.
"""

from __future__ import annotations

from app_pages import assert_clean, open_routed
from app_server import ROOT

from planner.core.loading import load_with_warnings
from planner.core.weeks import weeks_words
from planner.interfaces import week_charts
from planner.interfaces.plan_frames import FULL
from planner.solving.solver import solve


def test_the_line_under_the_weekly_load_names_every_full_week_of_each_sales_team():
    """With the Department filter on Sales, the line names each sales team with a week
    outlined in red and all of its red weeks, and no team without one."""
    app = open_routed("pages/plan.py")
    (department,) = [m for m in app.multiselect if m.label == "Department"]
    department.set_value(["sales"]).run()
    assert_clean(app)
    (line,) = [c.value.replace("\\", "") for c in app.caption if c.value.startswith("Full weeks")]
    problem = load_with_warnings(ROOT / "data" / "sample").problem
    weeks = week_charts.week_load_frame(problem, solve(problem).plan)
    sales = weeks[weeks["department"] == "sales"]
    full = sales[sales["utilisation"] >= FULL]
    assert full["team"].nunique() >= 2  # the sample has sales teams full in some weeks
    for team, rows in full.groupby("team"):
        assert f"{team} {weeks_words(rows['week'])} (up to " in line, (team, line)
    for team in set(sales["team"]) - set(full["team"]):
        assert team not in line, (team, line)


def test_the_sales_filter_keeps_the_projects_left_out_that_sales_may_own():
    """The VP Sales filtered the Plan page on Sales and read "Left out (18)": every project
    left out, the marketing-only awareness and lead generation ones among them, where the
    assignments above it had kept sales' rows only. The list keeps the projects a sales
    team may own at their stage (the stage policy), and says so."""
    app = open_routed("pages/plan.py")
    problem = load_with_warnings(ROOT / "data" / "sample").problem
    plan = solve(problem).plan
    policy = problem.settings.stages
    out = [problem.project(u.project_id) for u in plan.unassigned]
    sales_may_own = [p for p in out if policy.allows(p.stage, "sales")]
    assert 0 < len(sales_may_own) < len(out)
    (department,) = [m for m in app.multiselect if m.label == "Department"]
    department.set_value(["sales"]).run()
    assert_clean(app)
    assert f"Left out ({len(sales_may_own)})" in [s.value for s in app.subheader]
    assert any("Sales may own at their stage" in c.value for c in app.caption)
    (team,) = [m for m in app.multiselect if m.label == "Team"]
    department.set_value([]).run()
    (team,) = [m for m in app.multiselect if m.label == "Team"]
    team.set_value(["Customer Success"]).run()
    assert_clean(app)
    cs = problem.team("cs")
    cs_may_own = [p for p in out if policy.allows(p.stage, "sales") and p.stage in cs.stages]
    assert f"Left out ({len(cs_may_own)})" in [s.value for s in app.subheader]
    assert any("Customer Success may own at their stage" in c.value for c in app.caption)
