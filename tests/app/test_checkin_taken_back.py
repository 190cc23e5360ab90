"""A second check-in on the Check-in page that takes back what the first recorded.

Week 6 on the sample: seven projects done, Churn saved at 95,000; re-planned and
saved. Week 9 on that saved re-plan: the security kit (CL-04), done at week 6, set to
"not started", and Churn saved typed as 50,000. The page re-planned without a word: the
kit read "dropped: its window ended in week 8 at the check-in" (a project with weeks
left would have been planned, and its hours spent, again) and the forecast started from
50,000. ``planner checkin --since`` refuses the first and warns of the second; so does
the page now, in its own words.
"""

from __future__ import annotations

import pytest
from app_pages import assert_clean, edit_checkin, open_routed
from streamlit.testing.v1 import AppTest

from planner.scenarios.storage import ScenarioStore

CHURN = "churn-saved"


@pytest.fixture
def week_nine(db) -> AppTest:
    """The week-6 check-in (Churn saved at 95,000) saved, and the page at week 9 on it."""
    app = edit_checkin(open_routed("pages/checkin.py"), "goals", CHURN, "achieved", 95000.0)
    app = app.button(key="checkin-replan-button").click().run()
    app.text_input[0].set_value("Week 6")
    app = app.button[-1].click().run()
    with ScenarioStore.open(db) as store:
        (first,) = [s for s in store.list() if s.name == "Week 6"]
        assert "CL-04" in store.load(first.scenario_id).checkin.projects
    app = app.run()
    app.selectbox(key="checkin-baseline").select(first.scenario_id).run()
    app.number_input(key="checkin-weeks").set_value(9.0)
    app = app.button(key="checkin-prefill").click().run()
    assert_clean(app)
    assert not app.error and not app.warning
    return app


def test_a_project_done_at_the_first_check_in_and_not_done_now_is_refused(week_nine):
    """Not re-planned: the kit, done at week 6, would be planned (and its hours spent)
    again. The page names it, the week it was done and what to do."""
    app = edit_checkin(week_nine, "projects", "CL-04", "status", "not started")
    assert_clean(app)
    (said,) = [e.value.replace("\\", "") for e in app.error]  # as Markdown shows it
    assert "'Security questionnaire & SOC 2 response kit' (CL-04)" in said
    assert "was done at the check-in of week 6 and reads not started here" in said
    assert "Set its status back to done" in said
    assert "checkin-replan-button" not in [b.key for b in app.button]


def test_a_kpi_lower_than_at_the_first_check_in_is_said_and_read_as_typed(week_nine):
    """A figure may be corrected: a warning naming both figures, and the re-plan goes on
    from the figure typed."""
    app = edit_checkin(week_nine, "goals", CHURN, "achieved", 50000.0)
    assert_clean(app)
    (said,) = [w.value.replace("\\", "") for w in app.warning]
    assert "Churn saved: 50,000 ARR saved $ so far, less than the 95,000 ARR saved $" in said
    app = app.button(key="checkin-replan-button").click().run()
    assert_clean(app)
    assert app.session_state["checkin-replan"]["checkin"].achieved[CHURN] == 50000


def test_a_project_the_plan_has_no_team_for_typed_in_progress_is_the_check_in_s_problem(db):
    """A project the plan left out (or one dropped at an earlier check-in) typed "in
    progress": Re-plan read "Nothing was changed. 1 problem in the data: fix it and try
    again. Rows are numbered as in a spreadsheet", over a table of file "check-in" and
    column "projects.AW-03". The data had no problem: the check-in's record is said as the
    page's other check-in problems are, by the project's name, with what to do."""
    app = open_routed("pages/checkin.py")
    projects = app.session_state["checkin-tables"]["projects"]
    (left_out,) = projects.loc[projects["project_id"] == "AW-03", "project"]
    app = edit_checkin(app, "projects", "AW-03", "status", "in progress")
    app = edit_checkin(app, "projects", "AW-03", "percent_done", 50.0)
    app = app.button(key="checkin-replan-button").click().run()
    assert_clean(app)
    (said,) = [e.value.replace("\\", "") for e in app.error]
    assert said.startswith("**The check-in has problems:**"), said
    assert "in the data" not in said and "spreadsheet" not in said
    assert f"'{left_out}' (AW-03) is in progress but the baseline plan gives it no team" in said
    assert "Mark it not started" in said
