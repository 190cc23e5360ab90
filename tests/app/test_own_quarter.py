"""A RevOps leader builds their own quarter as a workbook and imports it over the sample.

Each test is one step of that walk and what the leader should have seen.
"""

from __future__ import annotations

from app_pages import assert_clean, open_routed
from builders import workbook_of

from planner.core.workbook import XLSX_MIME


def own_quarter() -> bytes:
    """Two teams, two goals, three projects: no id the sample has."""
    sheets = {
        "teams": [
            ["team_id", "name", "department", "capacity_hours"],
            ["growth", "Growth Marketing", "marketing", 300],
            ["ae", "Account Executives", "sales", 300],
        ],
        "goals": [
            ["goal_id", "name", "kpi", "target"],
            ["mql", "Leads from the web", "MQLs", 500],
            ["arr", "New ARR closed", "new ARR $", 100000],
        ],
        "projects": [
            ["project_id", "name", "goal_id", "stage", "effort_hours", "value"],
            ["P01", "Google Ads rebuild", "mql", "lead_generation", 200, 300],
            ["P02", "LinkedIn campaign", "mql", "lead_generation", 200, 250],
            ["P03", "Q-end close plan", "arr", "closing", 150, 80000],
        ],
        "estimates": [["project_id", "team_id", "effort_hours"], ["P01", "growth", 180]],
    }
    return workbook_of(sheets)


def test_an_imported_quarter_of_its_own_is_not_compared_with_the_sample(tmp_path, monkeypatch):
    """The leader imported their own workbook (nothing in common with the sample) and
    opened the Overview: "Since the previous plan: Goal attainment 85.6 % → ...", the
    sample's 33 projects "Dropped", theirs "Added", and each goal of both quarters going
    to or from a dash, above their own plan. The Data page said "goal attainment 85.6 %
    → ..." as if the sample's plan had become theirs. Neither compares two quarters now.
    """
    monkeypatch.setenv("PLANNER_DB", str(tmp_path / "planner.duckdb"))
    app = open_routed("pages/overview.py")
    app.switch_page("pages/data.py").run()
    app.file_uploader[0].set_value(("my-quarter.xlsx", own_quarter(), XLSX_MIME)).run()
    next(b for b in app.button if b.label.startswith("Import")).click().run()
    assert_clean(app)
    (imported,) = [s.value.replace("\\", "") for s in app.success if "Imported" in s.value]
    assert "85.6 %" not in imported and "goal attainment now" in imported, imported
    for page in ("pages/overview.py", "pages/plan.py"):
        app.switch_page(page).run()
        assert_clean(app)
        assert not [i.value for i in app.info if "Since the previous plan" in i.value], page
        assert app.metric[1].value == "2"  # of the leader's own three projects


def test_an_own_quarter_with_the_sample_s_goal_and_team_ids_is_not_compared_with_it(
    tmp_path, monkeypatch
):
    """A RevOps lead's own workbook named its goals as everybody does (mqls, pipeline) and
    two of its teams as the sample does (sdr, content), no project in common: every page
    read "the changes since the previous plan, Team 'Demand Gen' renamed: id demand-gen ->
    demand; ...", "Since the previous plan: ... Dropped:" the sample's 33 projects, and the
    import "goal attainment 85.6 % -> ...". A quarter with no project in common is another
    quarter, whatever its ids of goals and teams."""
    sheets = {
        "teams": [
            ["team_id", "name", "department", "capacity_hours"],
            ["demand", "Demand Gen", "marketing", 300],
            ["content", "Content & Brand", "marketing", 200],
            ["sdr", "SDR Team", "sales", 300],
        ],
        "goals": [
            ["goal_id", "name", "kpi", "target"],
            ["mqls", "Marketing-qualified leads", "MQLs", 500],
            ["pipeline", "New pipeline", "pipeline $", 1000000],
        ],
        "projects": [
            ["project_id", "name", "goal_id", "stage", "effort_hours", "value"],
            ["L1", "Google Ads rebuild", "mqls", "lead_generation", 200, 300],
            ["A1", "SEO refresh", "mqls", "awareness", 150, 100],
            ["Q1", "Pipeline blitz", "pipeline", "qualification", 200, 800000],
        ],
    }
    monkeypatch.setenv("PLANNER_DB", str(tmp_path / "planner.duckdb"))
    app = open_routed("pages/overview.py")
    app.switch_page("pages/data.py").run()
    app.file_uploader[0].set_value(("northwind.xlsx", workbook_of(sheets), XLSX_MIME)).run()
    next(b for b in app.button if b.label.startswith("Import")).click().run()
    assert_clean(app)
    (imported,) = [s.value.replace("\\", "") for s in app.success if "Imported" in s.value]
    assert "85.6 %" not in imported and "goal attainment now" in imported, imported
    for page in ("pages/overview.py", "pages/plan.py", "pages/export.py"):
        app.switch_page(page).run()
        assert_clean(app)
        assert not [i.value for i in app.info if "Since the previous plan" in i.value], page
        (basis,) = [c.value for c in app.main.caption if c.value.startswith("Built on")]
        assert basis.replace("\\", "") == (
            "Built on the uploaded northwind.xlsx · no unsaved changes"
        ), page


def test_the_data_page_counts_one_estimate_as_one(tmp_path, monkeypatch):
    """The leader's workbook has one estimate: the Data page read "1 estimates" (and
    ``planner validate`` the same). Each count takes its noun in the singular at one."""
    monkeypatch.setenv("PLANNER_DB", str(tmp_path / "planner.duckdb"))
    app = open_routed("pages/data.py")
    app.file_uploader[0].set_value(("my-quarter.xlsx", own_quarter(), XLSX_MIME)).run()
    next(b for b in app.button if b.label.startswith("Import")).click().run()
    assert_clean(app)
    (line,) = [
        c.value.replace("\\", "") for c in app.main.caption if "Files loaded from" in c.value
    ]
    assert line.endswith("2 teams, 3 projects, 2 goals, 1 estimate, 0 rules"), line
