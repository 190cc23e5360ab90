"""A CMO, then a VP Sales, new to the app: what stopped or confused them on the last walk.

Each test is one step of that walk (read the plan and its odds, change a team's
capacity, pin and forbid, keep a what-if) and what the leader should have seen.
"""

from __future__ import annotations

from app_pages import (
    CAPACITY,
    PRIORITIES,
    SETTINGS_TAB,
    assert_clean,
    grid_edit,
    open_routed,
    open_tab,
    type_own_capacity,
)
from app_server import ROOT
from streamlit.testing.v1 import AppTest

from planner.core.loading import load_with_warnings
from planner.core.shown_figures import chance
from planner.core.uncertainty import goal_odds
from planner.solving.solver import solve


def _odds_lines(app: AppTest) -> list[str]:
    """The lines of the odds list ("- **goal**: 32 % chance to reach ..."), as shown."""
    return [
        line
        for block in app.markdown.values
        for line in block.splitlines()
        if line.startswith("- **") and "chance to reach" in line
    ]


def test_the_plan_page_gives_each_goal_s_chance_as_the_overview_does():
    """A leader reading the plan saw each goal's attainment on the Plan page and its chance
    of reaching the target only on the Overview (and Scenarios, Check-in). The Plan page
    lists the same odds, line for line, from the same function; a goal filter keeps its
    goal's line, the department filter none of them away (the odds are the whole plan's).
    """
    app = open_routed("pages/overview.py")
    overview = _odds_lines(app)
    problem = load_with_warnings(ROOT / "data" / "sample").problem
    odds = goal_odds(problem, solve(problem).plan)
    assert len(overview) == len(problem.goals)
    for goal, line in zip(problem.goals, overview, strict=True):
        read = line.replace("\\", "")
        assert read.startswith(f"- **{goal.name}**: {chance(odds[goal.goal_id].probability)}")
    # One heading for the odds on every page (the Plan page said "each goal", Compare
    # "reaching each target"), as the priority on the Constraints page names them.
    assert "Odds of hitting each target" in [s.value for s in app.subheader]
    app.switch_page("pages/plan.py").run()
    assert_clean(app)
    assert "Odds of hitting each target" in [s.value for s in app.subheader]
    assert _odds_lines(app) == overview
    (goal_filter,) = [m for m in app.multiselect if m.label == "Goal"]
    goal_filter.set_value(["New pipeline created"]).run()
    assert _odds_lines(app) == [line for line in overview if "New pipeline created" in line]
    (goal_filter,) = [m for m in app.multiselect if m.label == "Goal"]
    goal_filter.set_value([]).run()
    (department,) = [m for m in app.multiselect if m.label == "Department"]
    department.set_value(["sales"]).run()
    assert _odds_lines(app) == overview


def test_more_marketing_says_on_constraints_which_goals_lose_and_why():
    """A CMO gave marketing 10 % more capacity and read "Marketing-qualified leads 88.5 % →
    85.8 %" with nothing saying why more hours gave fewer MQLs. Under the what-if's line
    the page names each goal up and down in its KPI, and where the hours went."""
    app = open_routed("pages/constraints.py")
    (slider,) = [s for s in app.slider if s.label == "Marketing capacity"]
    slider.set_value(110).run()
    assert_clean(app)
    captions = [c.value.replace("\\", "") for c in app.caption]
    (line,) = [c for c in captions if c.startswith("Up: ")]
    assert "Down: Marketing-qualified leads -70 MQLs (2,300 → 2,230)" in line, line
    assert "Sales-qualified leads +60 SQLs (465 → 525)" in line, line
    assert line.endswith("even with more capacity.")


def test_an_unsaved_what_if_says_a_reload_keeps_it_and_where_to_save_it(db):
    """A VP Sales cut marketing to 80 %, reloaded the tab, and the what-if was gone without
    a word (a session lived in its browser tab). It is kept for a reload to offer back;
    where the change is made, the line that names it says so and where to keep it by
    name; once saved it reads "no unsaved changes"."""
    app = open_routed("pages/constraints.py")
    (slider,) = [s for s in app.slider if s.label == "Marketing capacity"]
    slider.set_value(80).run()
    assert_clean(app)
    captions = [c.value.replace("\\", "") for c in app.caption]
    assert any(
        "unsaved changes: Marketing capacity 100 % → 80 % (kept across a reload; save them on "
        "the Scenarios page to keep them by name)" in c
        for c in captions
    ), captions


def test_a_team_s_own_capacity_out_of_range_is_refused_in_percent_and_the_table_redrawn():
    """-5 typed in Demand Gen's "Own %": in a browser the grid's own minimum dropped the
    minus sign and cut the team to 5 % at once; a value past the grid reached the page as
    "-0.05 is out of range; use a number from 0 to 10" (the multiplier, not the percent
    the column reads). It is refused in the column's percent, and the table is drawn again
    with the value in force (the department's), not the refused one."""
    app = open_routed("pages/constraints.py")
    key = type_own_capacity(app, 0, -5)
    assert_clean(app)
    assert app.session_state["problem"].settings.capacity.multipliers == {}
    said = [e.value.replace("\\", "") for e in app.error]
    assert said == [
        "Demand Gen's own capacity %: -5 is out of range; use a number from 0 to 1000 %. "
        "It was not applied; the plan keeps the department's."
    ]
    table = next(e for e in app.data_editor if e.key and e.key.startswith("cap-teams-"))
    assert table.key != key  # drawn again, from the settings in force
    assert table.value["multiplier"].isna().all()


def test_a_goal_weight_out_of_range_is_refused_under_the_goal_table_by_the_goal_s_name():
    """-1 typed as a goal's weight: in a browser the grid's minimum dropped the minus sign
    (weight 1); a weight the loader refuses was said under the pins and forbids, as "The
    pins and forbids were not applied", on another tab. It is said under the goal table,
    by the goal's name, and the table shows the weights in force again."""
    app = open_tab(open_routed("pages/constraints.py"), PRIORITIES)
    key = next(e.key for e in app.data_editor if e.key and e.key.startswith("goal-weights-"))
    app.session_state[key] = grid_edit(edited={1: {"weight": -1}})
    app.run()
    assert_clean(app)
    said = [e.value.replace("\\", "") for e in app.error]
    assert len(said) == 1 and said[0].startswith("Weight of Marketing-qualified leads: "), said
    assert said[0].endswith("Not applied; the weights stay."), said
    assert not any("pins and forbids" in e for e in said)
    assert [float(g.weight) for g in app.session_state["problem"].goals][1] == 2.0
    table = next(e for e in app.data_editor if e.key and e.key.startswith("goal-weights-"))
    assert table.key != key and list(table.value["weight"])[1] == "2"


def test_a_goal_weight_refused_as_another_tab_opens_is_said_above_the_tabs():
    """-1 typed as a goal's weight, then the Capacity tab clicked: the edit went with the
    click and was refused under the goal table, in the tab just left, and the leader saw
    the weight back at 2 without a word. The refusal is said above the tabs, naming the tab
    it belongs to, as long as that tab is not open; once open, under the table only."""
    app = open_tab(open_routed("pages/constraints.py"), PRIORITIES)
    key = next(e.key for e in app.data_editor if e.key and e.key.startswith("goal-weights-"))
    app.session_state[key] = grid_edit(edited={1: {"weight": -1}})
    app.session_state[SETTINGS_TAB] = CAPACITY
    app.run()
    assert_clean(app)
    assert [float(g.weight) for g in app.session_state["problem"].goals][1] == 2.0
    said = [e.value.replace("\\", "") for e in app.error]
    above = [s for s in said if s.startswith("On the **Priorities and time limit** tab: ")]
    assert len(above) == 1 and "Weight of Marketing-qualified leads: " in above[0], said
    assert above[0].endswith("Not applied; the weights stay."), said
    app = open_tab(app, PRIORITIES)
    said = [e.value.replace("\\", "") for e in app.error]
    assert len(said) == 1 and said[0].startswith("Weight of Marketing-qualified leads: "), said


def _type_goal_weight(app: AppTest, row: int, weight: float) -> None:
    key = next(e.key for e in app.data_editor if e.key and e.key.startswith("goal-weights-"))
    app.session_state[key] = grid_edit(edited={row: {"weight": weight}})
    app.run()
    assert_clean(app)


def test_a_goal_weight_of_a_million_or_more_is_read_as_typed_not_as_exponent_notation():
    """1,000,000 typed as a goal's weight (the most it takes) was refused as "'1e+06' is not
    a number (exponent notation such as 1e6 is not allowed)": the page wrote the number it
    got in exponent notation before reading it back. A million is applied; a billion is
    refused as out of range, in the words of what was typed."""
    app = open_tab(open_routed("pages/constraints.py"), PRIORITIES)
    _type_goal_weight(app, 1, 1_000_000.0)
    assert [e.value for e in app.error] == []
    assert [float(g.weight) for g in app.session_state["problem"].goals][1] == 1_000_000.0
    _type_goal_weight(app, 1, 1e9)
    said = [e.value.replace("\\", "") for e in app.error]
    assert len(said) == 1 and said[0].startswith("Weight of Marketing-qualified leads: "), said
    assert "1,000,000,000" in said[0] and "exponent" not in said[0], said
    assert [float(g.weight) for g in app.session_state["problem"].goals][1] == 1_000_000.0


def test_without_a_plan_the_plan_page_charts_only_capacity_and_the_overview_no_goals():
    """Marketing at 0 % has no plan. The Plan page still drew its charts: a heat map of
    zeros that coloured every team and stage as if hours were planned (its legend
    "0.000000"), empty goal charts, and under Weeks "No project in this filter is in the
    plan" with no filter set. Only the teams' capacity is drawn; one line says why the rest
    is not there and where to look. The Overview drew its goal chart empty."""
    app = open_routed("pages/constraints.py")
    (slider,) = [s for s in app.slider if s.label == "Marketing capacity"]
    slider.set_value(0).run()
    app.switch_page("pages/plan.py").run()
    assert_clean(app)
    assert "No plan meets every rule" in app.error[0].value
    said = [i.value for i in app.info]
    # A cut made on the Constraints page first is said against the plan before it.
    assert said[0].startswith("**Since the previous plan:** no plan with these inputs"), said
    said = said[1:]
    assert said[0].startswith("No plan yet, so no assignments, goal attainment or weeks"), said
    assert not any("in this filter" in i.value for i in app.info)
    assert len(app.get("vega_lite_chart")) == 1  # the teams' load against capacity
    headers = [h.value for h in app.subheader]
    assert "Weeks" not in headers and not any(h.startswith("Assignments") for h in headers)
    assert "Left out" in headers and "Explain a project" in headers
    # Left out says the next step, not "there is no plan" a second time.
    assert len(said) == 2 and "Explain a project" in said[1] and "no plan" not in said[1], said
    # The Overview drew the goals' attainment chart empty under "No plan, so no odds yet".
    app.switch_page("pages/overview.py").run()
    assert_clean(app)
    assert not app.get("vega_lite_chart")
