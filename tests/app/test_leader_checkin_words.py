"""A VP Sales / CMO new to the app on the Check-in page: the words beside each figure.

Each test is a place a leader stopped: a heading the rest of the app calls otherwise,
or a number with no unit.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from app_pages import assert_clean, open_routed

from planner.core.loading import load_with_warnings
from planner.scenarios.checkin_words import keep_the_plan_words

ROOT = Path(__file__).resolve().parents[2]


def test_the_hours_used_table_names_the_teams_own_hours_as_every_other_page(db):
    """Hours used headed teams.csv's hours "Base capacity (h)" where the Plan and
    Constraints pages, plan.xlsx and planner solve call them the teams' own hours: one
    figure, two names, and "base" is not a word a leader used."""
    app = open_routed("pages/checkin.py")
    assert_clean(app)
    editor = next(e for e in app.data_editor if e.key and e.key.startswith("checkin-hours-"))
    labels = {k: v.get("label") for k, v in json.loads(editor.proto.columns).items()}
    # Headed as the Data page heads the hours a leader types (one name, one unit).
    assert labels["base_hours"] == "Own hours in the quarter (h)"
    assert "Base" not in " ".join(str(v) for v in labels.values())


def test_how_strongly_to_keep_the_plan_says_what_its_number_means_in_goal_attainment(db):
    """ "How strongly to keep the plan: 5" was a bare number. It is the points a move must
    add, each goal's points times its weight: on the sample (weights summing to 16.5) a
    move must add more than 0.3 points of the weighted goal attainment the Overview
    shows. The page says so under the number, for the number set."""
    app = open_routed("pages/checkin.py")
    assert_clean(app)
    said = " ".join(c.value for c in app.caption).replace("\\", "")
    assert "At 5, a project moves to another team only when the move raises the quarter's " in said
    assert "by more than about 0.3 pts, as from 80 % to 80.3 %" in said
    app.number_input(key="checkin-stability").set_value(0.0).run()
    said = " ".join(c.value for c in app.caption).replace("\\", "")
    assert "At 0, projects move to another team whenever that helps the goals at all" in said


def test_keep_the_plan_words_scale_with_the_goals_weights():
    """The number is in weighted points: with the sample's weights (16.5 in all) 5 is 0.3
    points of the quarter's attainment, 20 is 1.2; a quarter without goals has no
    attainment to speak of, and the words say what the number is weighed against."""
    problem = load_with_warnings(ROOT / "data" / "sample").problem
    assert "more than about 0.3 pts" in keep_the_plan_words(problem, 5)
    assert "more than about 1.2 pts" in keep_the_plan_words(problem, 20)
    assert "more than about 0.06 pts" in keep_the_plan_words(problem, 1)
    projects = tuple(replace(p, goal_id=None) for p in problem.projects)
    no_goals = problem.replace(goals=(), projects=projects)
    assert "pts" not in keep_the_plan_words(no_goals, 5)


def test_a_late_project_left_at_the_plans_end_week_is_said_with_the_week_to_give(db):
    """The VP marked the G2 review campaign 10 % done (the plan had 75 %) and pressed
    Re-plan: "No plan meets every rule ... let it end later", with its "Ends in week"
    still the plan's 7 and no word of which week. The page says so before the re-plan,
    naming the week its pace needs."""
    app = open_routed("pages/checkin.py")
    tables = app.session_state["checkin-tables"]
    frame = tables["projects"]
    frame.loc[frame["project_id"] == "AW-07", "percent_done"] = 10.0
    app.session_state["checkin-tables"] = tables
    app = app.run()
    assert_clean(app)
    said = " ".join(w.value for w in app.warning).replace("\\", "")
    assert "'G2 and Capterra review campaign' is 10 % done but still ends in week 7" in said
    assert "Set its Ends in week to 10." in said


def test_an_empty_cell_of_the_check_in_tables_reads_empty_not_none(db):
    """ "Ends in week" of a project not started, and Hours used left empty, read "None"
    in grey: a word from the code, where a leader expects a blank cell."""
    app = open_routed("pages/checkin.py")
    editors = [e for e in app.data_editor if e.key and e.key.startswith("checkin-")]
    assert len(editors) == 3
    assert all(e.proto.HasField("placeholder") and e.proto.placeholder == "" for e in editors)


def test_compare_opened_again_reads_a_saved_check_in_forward_from_its_parent(db):
    """The VP saved a week-6 check-in (its baseline #1, the re-plan #2) and opened the
    app again the next day: Compare read A (before) = the check-in, B (after) = the
    current plan, the quarter backwards ("Goal attainment 85.6 %, +0.7 pts"). The newest
    scenario is set after its parent: the current plan, known as saved as #1 (the same
    inputs and plan), is that parent, before; the check-in after."""
    from planner.scenarios.on_plan import checkin_as_planned
    from planner.scenarios.replan import replan
    from planner.scenarios.scenario import new_scenario
    from planner.scenarios.storage import ScenarioStore
    from planner.solving.solver import solve

    problem = load_with_warnings(ROOT / "data" / "sample").problem
    result = solve(problem)
    assert result.plan is not None
    checkin = checkin_as_planned(problem, result.plan, 6, 13, typed=True)
    outcome = replan(problem, result.plan, checkin, max_changes=3, stability_weight=5)
    with ScenarioStore.open(db) as store:
        parent = store.save(new_scenario(problem, result, "Week 6 baseline"))
        child = new_scenario(
            outcome.problem,
            outcome.result,
            "Check-in week 6",
            parent_id=parent.scenario_id,
            checkin=checkin,
            quarter=problem,
        )
        store.save(child)
    app = open_routed("pages/scenarios.py")
    assert_clean(app)
    assert app.selectbox(key="compare-a").value == 0  # the current plan, ...
    assert any("Current plan (A) is saved as #1" in c.value for c in app.caption)  # ... #1
    assert app.selectbox(key="compare-b").value == 2


def test_the_re_plan_s_pop_up_counts_as_every_other_line_does():
    """The pop-up after Re-plan spelled its own plurals, without the thousands separator
    every other count carries ("1200 changes (at most 1500)" beside a card's "1,200"):
    it counts with the project's helper, one change, 1,200 changes."""
    from pages.checkin_outcome import replan_line

    assert replan_line(1, 3, 1, 82.6) == (
        "Re-planned: 1 change (at most 3), 1 project added; goal attainment at quarter end "
        "82.6 %. See below."
    )
    assert replan_line(1200, 1500, 0, None) == (
        "Re-planned: 1,200 changes (at most 1,500), 0 projects added. See below."
    )


def test_without_a_plan_the_check_in_says_why_and_where_to_change_it(db):
    """Marketing at 0 % leaves the session without a plan; the Check-in page said "This
    baseline has no plan to check in against: solve it first", but it was solved: no plan
    meets every rule. It shows the status with its reasons, as every page does, and sends
    the leader to the Constraints page."""
    app = open_routed("pages/constraints.py")
    (slider,) = [s for s in app.slider if s.label == "Marketing capacity"]
    slider.set_value(0).run()
    app.switch_page("pages/checkin.py").run()
    assert_clean(app)
    said = " ".join(e.value for e in app.error)
    assert "No plan meets every rule" in said and "solve it first" not in said
    assert "Lead scoring model v3 with intent signals" in said  # a reason, by name
    (info,) = [i.value for i in app.info]
    assert info.startswith("There is no plan to check in against: change what stands in the way")
    assert "Constraints page" in info
    # The cause may be in the data (a mandatory project no team can take): both ways are
    # named and linked.
    assert "Data page" in info
    links = {link.proto.page for link in app.get("page_link")}
    assert {"constraints", "data"} <= links, links


def test_the_re_plans_status_is_named_apart_from_the_plan_in_force(db):
    """After Re-plan the page read "Plan status: Optimal: best possible (proven in 0.03 s)"
    above the re-plan's figures and, in the sidebar, "Plan: Optimal: best possible (proven
    in 0.29 s)" of the plan the other pages still show: two plans' statuses under one name.
    The re-plan's banner says it is the re-plan's."""
    app = open_routed("pages/checkin.py")
    app.run()
    app.button(key="checkin-replan-button").click().run()
    assert_clean(app)
    banners = [s.value for s in app.success if "status:" in s.value]
    assert len(banners) == 1 and banners[0].startswith(
        "**Re-plan status: The best plan possible"
    ), banners
    assert not any("Plan status" in e.value for kind in (app.info, app.warning) for e in kind)
