"""What a CMO and a VP Sales found after the first open: edits, what-ifs, check-ins, odds.

Each test is one step past the first reading (a page after a change, the odds of a
goal, a re-plan) and the figure or word that disagreed or did not read.
"""

from __future__ import annotations

import json

from app_pages import PINS, assert_clean, grid_edit, open_routed, open_tab


def _shown(app) -> list[str]:
    """The page's markdown and captions, as a leader reads them (Markdown escapes gone)."""
    return [e.value.replace("\\", "") for e in (*app.markdown, *app.caption)]


def test_the_odds_say_where_they_come_from_and_what_to_do_about_a_goal_at_low_odds():
    """The Overview's odds read "0 % chance to reach 100,000 website visitors" beside
    "3 %" for MQLs: a VP Sales could not tell a rounding from a goal out of reach, nor
    where the odds came from, nor what to do. The section now says the odds come from
    each project's range, which goals are out of reach (the best case named) and which
    are at low odds.
    """
    app = open_routed("pages/overview.py")
    assert_clean(app)
    shown = _shown(app)
    assert any(t.startswith("Each planned project's impact is a range") for t in shown)
    assert any("simulated quarters" in t for t in shown)
    visitors = next(t for t in shown if t.startswith("- **Grow website traffic"))
    assert (
        "out of reach: at most 77,000 website visitors, with every project at the top of its range"
        in visitors
    )
    reach = next(t for t in shown if t.startswith("Out of reach with this plan:"))
    assert "Grow website traffic from our ICP" in reach and "New logos won" in reach
    low = next(t for t in shown if t.startswith("Low odds:"))
    # 11,000,000 less its odds line's "typically 10,600,000", as a reader subtracts them.
    assert "'New pipeline created' (32 % chance, typically 400,000 pipeline $ short)" in low


def _apply_rules(app, *rows: dict[str, str]):
    key = next(e.key for e in app.data_editor if e.key and e.key.startswith("rules-"))
    app.session_state[key] = grid_edit(added=list(rows))
    app.run()
    return next(b for b in app.button if b.label == "Apply pins and forbids").click().run()


def test_a_pin_that_leaves_no_plan_is_not_read_as_every_project_dropped():
    """A CMO pinned the press launch (160 h in weeks 4-6) to Brand & Comms beside its
    mandatory conference: no plan meets every rule. Every page then read "Since the
    previous plan: Dropped: SEO pillar pages..., Annual user conference..." (all 33
    projects) and every goal "→ –", as if the plan had thrown the work away. It says
    there is no plan, and what the plan before had; taking the pin back says the plan
    is back, not "Added:" every project.
    """
    app = open_routed("pages/plan.py")
    open_tab(app.switch_page("pages/constraints.py").run(), PINS)
    app = _apply_rules(
        app,
        {"project_id": "AW-05", "team_id": "brand", "rule": "pin"},
    )
    assert_clean(app)
    assert any("No plan meets every rule" in e.value for e in app.error)
    app.switch_page("pages/plan.py").run()
    assert_clean(app)
    since = next(i.value for i in app.info if "Since the previous plan" in i.value)
    since = since.replace("\\", "")
    assert "Dropped" not in since and "→ –" not in since
    assert "no plan with these inputs (the status says why)" in since
    assert "the plan before had 33 projects, goal attainment 85.6 %" in since
    # The pin taken back: the plan is back, said in one line.
    open_tab(app.switch_page("pages/constraints.py").run(), PINS)
    key = next(e.key for e in app.data_editor if e.key and e.key.startswith("rules-"))
    last = len(app.session_state["problem"].rules) - 1
    app.session_state[key] = grid_edit(deleted=[last])
    app.run()
    next(b for b in app.button if b.label == "Apply pins and forbids").click().run()
    app.switch_page("pages/plan.py").run()
    assert_clean(app)
    since = next(i.value for i in app.info if "Since the previous plan" in i.value)
    since = since.replace("\\", "")
    assert "Added" not in since
    assert "a plan again, after inputs that had none: 33 projects, goal attainment 85.6 %" in since


def test_a_check_in_s_re_plan_says_the_other_pages_still_show_the_quarter_s_plan(db):
    """Check-in at week 6, Re-plan: the page forecast the quarter's end (the re-plan's
    owners, work left out) while the Plan page, opened next, still read the quarter's
    plan as made (85.6 %, 33 projects), and nothing said which was which nor where to
    get the re-plan's own plan.csv (planner checkin --out writes one). The page says it,
    with the Plan page's own figures, and offers the re-plan as plan.csv.
    """
    app = open_routed("pages/checkin.py")
    app = app.button(key="checkin-replan-button").click().run()
    assert_clean(app)
    apart = next(t for t in _shown(app) if t.startswith("This re-plan of weeks 7-13"))
    plan_page = "the Overview, Plan and Export pages still show the current plan"
    assert f"{plan_page} as it was made (85.6 % goal attainment, 33 projects)" in apart
    downloads = [d.proto.label for d in app.get("download_button")]
    assert "Download the re-plan (rest-of-quarter.csv)" in downloads
    app.switch_page("pages/plan.py").run()
    cards = {m.label: m.value for m in app.metric}
    assert (cards["Goal attainment"], cards["Projects in the plan"]) == ("85.6 %", "33")


def test_an_edited_value_that_the_owner_s_own_estimate_overrides_says_so():
    """A CMO raised the webinar series' impact (LG-01) from 420 to 500 MQLs on the Data
    page and applied: the plan still counted 460 MQLs, Demand Gen's own estimate in
    estimates.csv, and nothing said why the edit did not show. The page says which
    team's estimate still counts and where to change it.
    """
    app = open_routed("pages/data.py")
    projects = app.session_state["problem"].projects
    row = next(i for i, p in enumerate(projects) if p.project_id == "LG-01")
    app.session_state["edit-projects.csv-0"] = grid_edit(edited={row: {"value": 500}})
    app.run()
    next(b for b in app.button if b.label == "Apply edits").click().run()
    assert_clean(app)
    (note,) = [w.value.replace("\\", "") for w in app.warning]
    assert note == (
        "'Q3 webinar series on compliance automation': its value is now 500 MQLs, but the "
        "team's own estimate (Demand Gen's 460 MQLs, Teams' own estimates tab) still counts when "
        "that team owns it. Edit or delete the estimate there for the new value to count."
    )


def _edit_checkin(app, table: str, key: str, column: str, value: object):
    tables = app.session_state["checkin-tables"]
    frame = tables[table]
    frame.loc[frame[frame.columns[0]] == key, column] = value
    app.session_state["checkin-tables"] = tables
    return app.run()


def test_a_late_project_the_weeks_left_cannot_fit_is_not_listed_as_dropped_by_the_leader(db):
    """Week 6: the demo refresh (4 weeks, due week 8) has not started, and the VP drops
    LG-06. The re-plan listed both under "Dropped at the check-in: 2", the late one with
    "its 4 weeks no longer fit before its due week 8": the VP had dropped one project, not
    two. The heading tells them apart and the reason gives the weeks.
    """
    app = open_routed("pages/checkin.py")
    app = _edit_checkin(app, "projects", "QU-05", "status", "not started")
    app = _edit_checkin(app, "projects", "QU-05", "percent_done", 0.0)
    app = _edit_checkin(app, "projects", "LG-06", "status", "dropped")
    app = app.button(key="checkin-replan-button").click().run()
    assert_clean(app)
    shown = _shown(app)
    assert (
        "**Out of the plan at the check-in: 2** · 1 dropped by you, 1 no longer able to run "
        "in the weeks left"
    ) in shown
    table = next(
        d.value
        for d in app.dataframe
        if "why" in d.value.columns and "QU-05" in set(d.value["project_id"])
    )
    why = table.set_index("project_id").loc["QU-05", "why"]
    assert why == (
        "not started by week 6: its 4 weeks from week 7 would end in week 10, after its due "
        "week 8 at the check-in"
    )


def test_the_odds_say_where_to_give_a_range_in_the_app_not_a_file_name():
    """The Overview's odds read "(value_low, value and value_high in projects.csv)": a CMO
    on the app has no projects.csv in sight; the ranges are in the Data page's Projects
    table. The caption names the page and the table, and the columns as it heads them."""
    app = open_routed("pages/overview.py")
    assert_clean(app)
    source = next(t for t in _shown(app) if t.startswith("Each planned project's impact"))
    assert "projects.csv" not in source
    # The columns as the table heads them ("Lowest likely value", not value_low).
    assert "Data page's Projects table" in source and "Lowest likely value" in source
    assert "value_low" not in source


def test_the_teams_own_hours_are_named_by_the_table_a_leader_edits_not_a_file():
    """The Check-in's hours table headed the teams' own hours "Own hours (h, teams.csv)", and
    the Overview's capacity cards said "The teams' own hours (teams.csv) are 4,400 h": a
    leader in the app edits the Data page's Teams table, and has no teams.csv in sight."""
    app = open_routed("pages/overview.py")
    assert_clean(app)
    (card,) = [m for m in app.metric if m.label == "Marketing capacity"]
    said = "The teams' own hours in the quarter (the Data page's Teams table) are 4,400 h"
    assert said in card.proto.help
    assert ".csv" not in card.proto.help
    app.switch_page("pages/checkin.py").run()
    assert_clean(app)
    editor = next(e for e in app.data_editor if e.key and e.key.startswith("checkin-hours-"))
    said = json.dumps(json.loads(editor.proto.columns))
    assert "Own hours in the quarter (h)" in said and "teams.csv" not in said


def test_the_overview_s_last_step_offers_the_plan_as_a_workbook_too():
    """A CMO who wanted the plan for the board read "download plan.csv on the Export page"
    and a link "Export plan.csv": nothing said the Export page has an Excel workbook too,
    with the goals and each team's load, which is what a board reads."""
    app = open_routed("pages/overview.py")
    assert_clean(app)
    steps = next(t for t in _shown(app) if "When the plan looks right" in t)
    assert "plan.csv, or an Excel workbook" in steps
    links = [e.proto.label for e in app.get("page_link")]
    assert "Export the plan" in links and "Export plan.csv" not in links
