"""What a CMO or VP Sales walking the app for the first time saw disagree or not read.

Each test is one step of that walk (keep a what-if, save it, read the
optimizer's score) and what the leader should have seen.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from app_pages import STAGE_POLICY, assert_clean, grid_edit, open_routed, open_tab
from streamlit.testing.v1 import AppTest

from pages.solving import solve_service


def _banner(app: AppTest) -> str:
    """The plan status banner, whichever colour it has."""
    return next(
        e.value
        for kind in (app.success, app.info, app.warning, app.error)
        for e in kind
        if "Plan status" in e.value
    )


def _cut_marketing_and_keep(app: AppTest) -> AppTest:
    (slider,) = [s for s in app.slider if s.label == "Marketing capacity"]
    slider.set_value(80).run()
    assert_clean(app)
    assert "Kept close to the previous plan" in _banner(app)
    next(b for b in app.button if b.label == "Keep this plan").click().run()
    assert_clean(app)
    return app


def test_a_kept_what_if_still_reads_as_kept_close_not_as_stopped_by_the_clock(db):
    """Marketing at 80 %, kept close to the current plan (0.3 s), then "Keep this plan".

    The banner turned into a warning, "feasible, within 0.4 % of the best
    possible (stopped after 0.30 s)", and the Overview blamed the proof's
    limits: nothing had stopped it, the leader had kept the plan that moves
    least. Saved, the scenario list and Compare said "Feasible: time ran out".
    """
    solve_service.clear()  # another test may have made another plan the one in force
    app = _cut_marketing_and_keep(open_routed("pages/constraints.py"))
    banner = _banner(app)
    assert "Kept close to the previous plan" in banner and "stopped" not in banner
    sidebar = " ".join(c.value for c in app.sidebar.caption)
    assert "Kept close" in sidebar and "stopped" not in sidebar
    app.switch_page("pages/overview.py").run()
    assert_clean(app)
    assert "Kept close to the previous plan" in _banner(app)
    steps = " ".join(app.markdown.values)
    assert "limit of the proof" not in steps
    # Saved, the scenario names the cause it knows (the store keeps the tolerance), as the
    # banner does, and none it does not.
    app.switch_page("pages/scenarios.py").run()
    form_name = next(t for t in app.text_input if t.label == "Name")
    form_name.set_value("Marketing -20%")
    next(b for b in app.button if b.label == "Save scenario").click().run()
    assert_clean(app)
    listed = next(d.value for d in app.dataframe if "attainment_pct" in d.value.columns)
    (status,) = listed["status"]
    assert "time ran out" not in status.lower() and "feasible" not in status.lower()
    assert status == "Kept close to the previous plan"


@pytest.mark.parametrize("page", ["pages/overview.py", "pages/plan.py"])
def test_the_advanced_score_reads_in_the_headline_s_figures(page):
    """Advanced read "Objective 1,407.01 points · best possible 1,407.01 · gap 0.0 %" and
    "Score terms: attainment +1,412.73, value +0.00, balance -9.72": solver words, setting
    keys, terms that weigh 0, and no tie to the 85.6 % goal attainment on the card above.

    Now the points are labelled as the planner's ranking score, for specialists (as `planner
    solve` names them; "the optimizer's score" named the machine), and each term that
    counts is said in the page's figures: the attainment term is 85.6 % × 16.5 (the
    goals' weights added up), the balance term the busiest team's load.
    """
    app = open_routed(page)
    assert_clean(app)
    (advanced,) = [e for e in app.expander if e.label == "Advanced: the plan's score"]
    text = " ".join(m.value for m in advanced.markdown)
    attainment = app.metric[0].value  # "85.6 %"
    assert "This plan scores **1,407.01**" in text and "for analysts" in text
    assert "no plan can score more: proven the best" in text
    # To the digits the term needs: the cards' 85.6 % × 16.5 reads 1,412.40, not 1,412.73.
    assert (
        f"**Goal attainment** +1,412.73: the plan's 85.62 % ({attainment} on the cards) goal "
        "attainment × 16.5" in text
    )
    assert round(85.62 * 16.5, 2) == 1412.73
    assert (
        "**Workload balance** −9.72: taken away for the busiest team, Demand Gen at 97.2 %" in text
    )
    assert "**Skill fit** +4.00" in text
    for word in ("Objective", "gap", "value +0.00", "stability", "bound"):
        assert word not in text, word


def test_explaining_a_project_names_its_prerequisites_as_the_reasons_do():
    """ "Event follow-up SLA" read "depends on LG-04" in its figures, and just below "It
    depends on 'Trade show presence at SaaStr Annual'": the id where a name exists."""
    app = open_routed("pages/plan.py")
    app.selectbox[-1].set_value("NU-06").run()
    assert_clean(app)
    shown = [m.value.replace("\\", "") for m in app.markdown]  # as the page reads
    head = next(t for t in shown if t.startswith("**Event follow-up SLA") and " stage · " in t)
    assert "depends on 'Trade show presence at SaaStr Annual'" in head
    assert "LG-04" not in head


def test_after_saving_a_check_in_compare_sets_the_saved_baseline_before_its_re_plan(db):
    """Check-in, Re-plan, Save as a child: the session's plan is saved as the parent (#1).

    Compare then said "The current plan is not saved." and set the check-in (#2) as A
    (before) against the current plan as B (after): mid-quarter odds read as what the
    quarter's plan made of them ("New pipeline created > 99 % → 90 %, -10 pts").
    """
    app = open_routed("pages/checkin.py")
    app = app.button(key="checkin-replan-button").click().run()
    assert_clean(app)
    app = app.button[-1].click().run()  # Save, built on the plan you checked in on
    assert_clean(app)
    assert any(s.value.startswith("Saved") for s in app.success)
    app.switch_page("pages/scenarios.py").run()
    assert_clean(app)
    captions = [c.value.replace("\\", "") for c in app.caption]
    assert any(c.startswith("Current plan (A) is saved as #1 · Plan before") for c in captions)
    assert app.selectbox(key="compare-a").value == 0  # the current plan, saved as #1
    assert app.selectbox(key="compare-b").value == 2  # its check-in's re-plan
    assert any(c.startswith("Built on the saved scenario #1 Plan before") for c in captions)


def test_a_week_off_in_the_calendar_is_said_above_the_plan_it_changed():
    """The leader gives Demand Gen week 9 off on the Data page (a calendar row of 0 h) and
    opens the Overview: goal attainment fell and projects left the plan, under "Built on
    the bundled sample data · no unsaved changes". The line names the edit now.
    """
    app = open_routed("pages/overview.py")
    app.switch_page("pages/data.py").run()
    week_off = {"team_id": "demand-gen", "week": "9", "capacity_hours": 0}
    app.session_state["edit-calendar.csv-0"] = grid_edit(added=[week_off])
    app.run()
    next(b for b in app.button if b.label == "Apply edits").click().run()
    assert_clean(app)
    app.switch_page("pages/overview.py").run()
    assert_clean(app)
    basis = next(c.value for c in app.caption if c.value.startswith("Built on"))
    assert "no unsaved changes" not in basis
    assert "Calendar: week 9 of Demand Gen" in basis.replace("\\", "")
    since = next(i.value for i in app.info if "Since the previous plan" in i.value)
    assert "Goal attainment 85.6 %" in since.replace("\\", "")


def test_the_stage_policy_grid_and_its_warning_name_stages_as_every_page_does():
    """The Stage policy grid listed "lead_generation" where every other page reads "Lead
    generation", and unticking both departments there warned "No department may own
    lead_generation" with no way back. The grid and the warning use the stage's words,
    and the warning says how to undo it.
    """
    app = open_tab(open_routed("pages/constraints.py"), STAGE_POLICY)
    grid = next(e for e in app.data_editor if e.key == "stages-0")
    assert list(grid.value["stage"])[:2] == ["Awareness", "Lead generation"]
    app.session_state["stages-0"] = grid_edit(edited={1: {"marketing": False}})
    app.run()
    assert_clean(app)
    assert app.session_state["problem"].settings.stages.owners["lead_generation"] == ()
    (warning,) = [w.value for w in app.warning if "No department may own" in w.value]
    assert "lead_generation" not in warning
    assert "No department may own lead generation" in warning
    assert "tick Marketing or Sales" in warning
    # And the what-if names the change in the same words.
    said = " ".join(i.value for i in app.info).replace("\\", "")
    assert "Lead generation stage: owned by Marketing → nobody" in said, said


def test_without_a_plan_the_cards_say_so_instead_of_counting_an_empty_plan():
    """Marketing at 70 % has no plan (a pinned project has no week): the cards read
    "0 of 8 goals at target", "of 51 · 51 left out" and "0.0 % planned" while the Plan
    page below them listed "Left out (0)" and "There is no plan". Every card says there is
    no plan; the Plan page does not count what it does not list.
    """
    solve_service.clear()
    app = open_routed("pages/constraints.py")
    (slider,) = [s for s in app.slider if s.label == "Marketing capacity"]
    slider.set_value(70).run()
    assert_clean(app)
    app.switch_page("pages/plan.py").run()
    assert_clean(app)
    assert "No plan meets every rule" in app.error[0].value
    cards = {m.label: (m.value, m.delta) for m in app.metric}
    assert cards["Goal attainment"] == ("–", "no plan")
    assert cards["Projects in the plan"] == ("–", "of 51 · no plan")
    assert cards["Marketing capacity"][1] == "no plan"
    headers = [h.value for h in app.subheader]
    assert "Left out (0)" not in headers and "Left out" in headers
    assert not any(h.startswith("Assignments (0") for h in headers)


@pytest.mark.parametrize(
    ("page", "next_pages"),
    [
        ("pages/data.py", ["", "plan"]),  # the Overview is served at "/"
        ("pages/plan.py", ["constraints", "scenarios", "export"]),
        ("pages/scenarios.py", ["checkin", "export"]),
        ("pages/export.py", ["scenarios", "checkin"]),
    ],
)
def test_every_page_ends_with_where_to_go_next(page, next_pages, db):
    """The Overview ends with links to the next pages; the Plan, Data, Scenarios and Export
    pages ended on a table or a button, with no word on what a leader does next. Each ends
    with its next pages now.
    """
    app = open_routed(page)
    assert_clean(app)
    assert app.markdown[-1].value == "**Next**"
    links = [link.proto.page for link in app.get("page_link")]
    assert links[-len(next_pages) :] == next_pages


def test_the_check_in_s_capacity_columns_say_the_calendar_makes_them_differ(db):
    """Check-in, Hours used: SDR Team reads 985 h in force beside 1,000 h base with no
    what-if at all, and the headings' help put the gap down to "multipliers and max
    utilisation". It is the calendar's week 1 (61.5 h): the help says so.
    """
    import json

    app = open_routed("pages/checkin.py")
    assert_clean(app)
    hours = next(e for e in app.data_editor if e.key and e.key.startswith("checkin-hours"))
    columns = json.loads(hours.proto.columns)
    assert "Calendar tab" in columns["capacity_hours"]["help"]
    assert "before the calendar's weeks" in columns["base_hours"]["help"]


def _derive_marketing_80(db: Path) -> AppTest:
    """Save the sample as "Q3 base", then pick Marketing at 80 % to derive a child.

    Each pick runs the page, as a browser does on every change.
    """
    solve_service.clear()  # the sample's own plan is the current plan
    app = open_routed("pages/scenarios.py")
    app.text_input[0].input("Q3 base")
    next(b for b in app.button if b.label == "Save scenario").click().run()
    assert_clean(app)
    app.selectbox(key="derive-target").set_value("marketing").run()
    app.slider(key="derive-pct").set_value(80).run()
    assert_clean(app)
    return app


def test_a_derived_child_is_named_after_the_capacity_it_changes(db):
    """Scenarios, "Derive a child": the name box read "Q3 base · Sales 80 %" (its first
    pick) after the leader picked Marketing, and the child was saved under that name while
    its note said "Marketing capacity at 80 %". The name follows the picks until typed over.
    """
    app = _derive_marketing_80(db)
    assert app.text_input(key="derive-name").value == "Q3 base · Marketing 80 %"
    app.slider(key="derive-pct").set_value(90).run()
    assert app.text_input(key="derive-name").value == "Q3 base · Marketing 90 %"
    # A name the leader typed stays.
    app.text_input(key="derive-name").input("Lean marketing").run()
    app.slider(key="derive-pct").set_value(80).run()
    assert app.text_input(key="derive-name").value == "Lean marketing"


def test_the_capacity_pickers_name_departments_and_teams_as_every_page_does(db):
    """ "Whose capacity" listed "All of marketing" and "Demand Gen (demand-gen)": a lower-case
    department and an id beside the name, where every other page reads "Marketing" and
    "Demand Gen"."""
    app = _derive_marketing_80(db)
    for key in ("derive-target", "sweep-target"):
        picker = app.selectbox(key=key)
        labels = list(picker.options)  # as the page formats them
        assert "All of Marketing" in labels and "All of Sales" in labels, labels
        assert "Demand Gen" in labels, labels
        assert not any("(" in label for label in labels), labels


def test_a_derived_child_reads_the_same_on_every_card_as_in_the_list(db):
    """Marketing at 80 %, "Plan and save the what-if": the list read 76.9 % goal attainment
    and "Good: not proven best", while the cards above it, for the same child loaded,
    read 77.2 % and the sidebar "Optimal: best possible": the page had solved the child
    again from scratch. Loaded, the child is the plan that was saved, kept close to its
    parent's, as the Constraints page's what-if and the Load button read it.
    """
    app = _derive_marketing_80(db)
    next(b for b in app.button if b.label == "Plan and save the what-if").click().run()
    assert_clean(app)
    listed = next(d.value for d in app.dataframe if "attainment_pct" in d.value.columns)
    child = listed.iloc[0]
    assert child["name"] == "Q3 base · Marketing 80 %"
    cards = {m.label: m.value for m in app.metric}
    assert cards["Goal attainment"] == child["attainment_pct"]
    assert child["status"] == "Kept close to the previous plan"
    sidebar = " ".join(c.value for c in app.sidebar.caption)
    assert "Kept close to the previous plan" in sidebar, sidebar


@pytest.mark.parametrize("page", ["pages/constraints.py", "pages/checkin.py"])
def test_help_texts_name_capacity_as_the_constraints_page_sets_it(page, db):
    """The "?" beside Balance (Constraints, Advanced) and beside "Capacity in force (h)"
    (Check-in, Hours used) spoke of a "what-if multiplier": the page sets a capacity %."""
    import json

    app = open_routed(page)
    assert_clean(app)
    helps = [w.help or "" for kind in ("number_input", "slider") for w in app.get(kind)]
    for editor in app.data_editor:
        columns = json.loads(editor.proto.columns)
        helps += [c.get("help", "") for c in columns.values()]
    assert helps and not [h for h in helps if "multiplier" in h]
    assert any("capacity %" in h for h in helps), helps


def test_the_projects_a_what_if_changes_say_why_on_constraints(db):
    """Marketing at 80 %: 'Which projects change' listed the drops with their owners and no
    reason, where the Compare page says why. Each dropped project reads the what-if's reason
    for leaving it out, in a list that reads in full (a grid in this narrow column put the
    owners and the reasons past its right edge)."""
    app = open_routed("pages/constraints.py")
    (slider,) = [s for s in app.slider if s.label == "Marketing capacity"]
    slider.set_value(80).run()
    assert_clean(app)
    listed = next(m.value for m in app.markdown if m.value.startswith("- **Left out** · "))
    dropped = [line for line in listed.splitlines() if line.startswith("- **Left out**")]
    assert len(dropped) > 0
    said = [line.replace("\\", "") for line in dropped]
    assert all(" → left out): " in line for line in said), said
    assert all("has no room" in line or "needs" in line for line in said), said


def test_more_marketing_says_where_its_hours_went_and_why_a_project_is_left_out(db):
    """Marketing at 110 %: the line read "1 project left out (...), 2 added" and nothing
    said why a project is left out when there is more room. Under it the page says where
    the hours went and what the project left out made way for, as the command line does."""
    app = open_routed("pages/constraints.py")
    (slider,) = [s for s in app.slider if s.label == "Marketing capacity"]
    slider.set_value(110).run()
    assert_clean(app)
    said = [c.value.replace("\\", "") for c in app.caption]
    (line,) = [c for c in said if c.startswith("Marketing has ")]
    assert line.startswith("Marketing has 439 h more capacity (4,390 h → 4,829 h). "), line
    assert "The hours go to " in line and " is left out" in line, line


def test_a_marketing_cut_says_why_it_drops_more_hours_than_it_takes(db):
    """Marketing at 90 %: the cards read its planned hours falling 1,026 h for a 439 h cut,
    with no sentence saying why. Under the what-if line the Constraints page says it, with
    the numbers, in a leader's words (a project needs its hours in every week it runs)."""
    app = open_routed("pages/constraints.py")
    (slider,) = [s for s in app.slider if s.label == "Marketing capacity"]
    slider.set_value(90).run()
    assert_clean(app)
    said = [c.value.replace("\\", "") for c in app.caption]
    (line,) = [c for c in said if c.startswith("Marketing plans ")]
    assert line.startswith("Marketing plans 1,026 h less (3,720 h → 2,694 h) with 439 h less"), line
    assert "every week it runs" in line
