"""Words a CMO or a VP Sales reads on the pages: plain first, the file's key after.

Each test is a line that stopped a leader on the last walk.
"""

from __future__ import annotations

from app_pages import PRIORITIES, assert_clean, grid_edit, open_routed, open_tab
from app_server import ROOT
from streamlit.testing.v1 import AppTest

from pages.ui import md


def test_the_check_in_s_quarter_length_says_why_it_is_fixed_in_plain_words():
    """Check-in, "Weeks in the quarter" (greyed out) said only "The quarter planned in
    weeks has the data's length ([calendar] weeks)": a settings key where a leader asked
    why the box would not change. It says the plan is laid out over the quarter's 13
    weeks, then where the data sets them."""
    app = open_routed("pages/checkin.py")
    assert_clean(app)
    (box,) = [w for w in app.number_input if w.label == "Weeks in the quarter"]
    assert box.disabled
    assert box.help.startswith("Fixed: the plan is laid out over the quarter's 13 weeks")


def test_a_duration_past_the_quarter_on_the_data_page_names_no_settings_key(tmp_path):
    """Data page, a project of 14 weeks typed: the fix read "The quarter has 13 weeks
    ([calendar] weeks): write 1 to 13", a settings file's key on a page that shows none.
    The page says the quarter's weeks; a file's message (the CLI's) keeps the key, so that
    it is found."""
    from builders import sample_copy, set_cell

    from planner import InvalidInputError, load_problem

    app = open_routed("pages/data.py")
    assert_clean(app)
    app.session_state["edit-projects.csv-0"] = grid_edit(edited={0: {"duration_weeks": "14"}})
    app.run()
    app = next(b for b in app.button if b.label == "Apply edits").click().run()
    assert_clean(app)
    issues = next(df.value for df in app.dataframe if "fix" in df.value.columns)
    (found,) = issues.to_dict("records")
    assert "The quarter has 13 weeks: write 1 to 13" in found["fix"], found
    assert not [v for v in found.values() if "[calendar]" in str(v)], found
    # The file's message names where the file sets it.
    data = sample_copy(tmp_path)
    set_cell(data / "projects.csv", 2, "duration_weeks", "14")
    try:
        load_problem(data)
    except InvalidInputError as exc:
        (said,) = [i.fix for i in exc.errors]
        assert said.startswith("The quarter has 13 weeks ([calendar] weeks): write 1 to 13"), said
    else:
        raise AssertionError("a 14-week project in a 13-week quarter was read")


def test_the_advanced_panels_name_the_planner_s_ranking_score_not_the_optimizer():
    """The Advanced panel reads "the planner's ranking score", as `planner solve` says it;
    the Constraints page's raw weights were still headed "Advanced: the optimizer's raw
    weights" and the Plan page's project details "Details: the optimizer's arithmetic",
    the machine's name in a leader's view. Every panel's heading names the score."""
    constraints = open_tab(open_routed("pages/constraints.py"), PRIORITIES)
    assert_clean(constraints)
    plan = open_routed("pages/plan.py")
    plan.selectbox[-1].set_value("AW-01").run()
    assert_clean(plan)
    labels = [e.label for app in (constraints, plan) for e in app.expander]
    assert "Advanced: the plan's score, its raw weights (0 turns one off)" in labels
    assert "Advanced: the project's share of the plan's score" in labels
    assert not [label for label in labels if "optimizer" in label.lower()]


def test_a_plan_no_week_holds_says_where_on_the_data_page_to_make_room():
    """No plan, a mandatory project no week of its team can hold: the status read "Give it
    more weeks (duration_weeks) or a wider window (earliest_week to due_week), give its team
    more hours in those weeks (calendar.csv)". The app names the Data page's tables."""

    def script() -> None:
        from dataclasses import replace
        from decimal import Decimal

        from builders import problem, project, team

        from pages.ui import show_status
        from planner.core.domain import CalendarRow
        from planner.solving.solver import solve

        p = problem(
            [team("m1", capacity=130, name="Brand")],
            [project("launch", effort=30, duration_weeks=1, due_week=3, name="Launch")],
            calendar=[CalendarRow("m1", 1, 3, Decimal(10))],
        )
        show_status(solve(p.replace(projects=(replace(p.projects[0], mandatory=True),))))

    app = AppTest.from_function(script).run(timeout=60)
    assert_clean(app)
    (status,) = app.error
    said = status.value.replace("\\", "")  # as read: without its Markdown escapes
    assert "Launch" in said and "(the team's weeks on the Data page's Calendar table)" in said
    assert '(its "Weeks it runs" on the Data page\'s Projects table)' in said
    assert not [w for w in ("calendar.csv", "duration_weeks", "due_week") if w in said], said


def test_the_plan_without_weeks_says_what_to_give_in_the_data_page_s_words(monkeypatch):
    """Plan, a quarter without weeks: "there is no calendar.csv ... Add duration_weeks,
    earliest_week or due_week on the Data page", a file and column names the Data page's
    tables do not show."""
    monkeypatch.setenv("PLANNER_DATA", str(ROOT / "data" / "sample-without-weeks"))
    app = open_routed("pages/plan.py")
    assert_clean(app)
    (said,) = [c.value for c in app.caption if "spread evenly" in c.value]
    assert md("the Data page's Projects table") in said and md("its Calendar table") in said
    assert not [
        w for w in ("calendar.csv", "duration_weeks", "_week") if w in said.replace("\\", "")
    ]


def test_the_pages_controls_say_plan_not_solve():
    """A CMO on the Constraints page read a "Solve" button, "Solve on every change" and
    "Every change is solved at once (the same settings are never solved twice)"; its status
    box read "Solving: ..." then "Solved: ...", and the Scenarios page offered "Solve and
    save the what-if": the solver's verb, where every other page says plan. Each says it
    in a leader's words."""
    from pages.solving import solve_service

    solve_service.clear()  # another test in this process may have planned marketing at 90 %
    app = open_routed("pages/constraints.py")
    assert_clean(app)
    labels = [b.label for b in app.button] + [t.label for t in app.toggle]
    assert "Re-plan" in labels and "Re-plan on every change" in labels, labels
    said = [c.value for c in app.caption] + [m.value for m in app.markdown] + labels
    assert not [s for s in said if "solve" in s.lower()], said
    app.toggle(key="constraints_auto_solve").set_value(False).run()
    app.slider(key=app.slider[0].key).set_value(90).run()
    assert any("press Re-plan" in i.value for i in app.info), [i.value for i in app.info]
    app = next(b for b in app.button if b.label == "Re-plan").click().run()
    assert_clean(app)
    states = [s.label for s in app.status]
    assert states and not [s for s in states if "Solv" in s], states


def test_keep_changes_small_says_what_its_half_percent_is_of_without_the_planner_s_score():
    """Constraints, "Keep changes small": its help said "within 0.5 % of a fresh re-plan on
    the planner's ranking score (the Overview's Advanced)", the planner's name for what a
    CMO reads as goal attainment. It says it as the status line does: goals weighed by how
    much each matters."""
    app = open_routed("pages/constraints.py")
    assert_clean(app)
    (keep,) = [t for t in app.toggle if t.label == "Keep changes small"]
    assert "ranking score" not in keep.help, keep.help
    assert "up to 0.5 % short of a fresh re-plan, goals weighed by how much each matters" in (
        keep.help
    )
