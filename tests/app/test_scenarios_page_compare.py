"""The Scenarios page through AppTest: comparing two plans, deriving a what-if from a saved
scenario, a saved check-in beside its baseline.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import parse_qsl

import pandas as pd
import pytest
from app_pages import assert_clean, button, chart_frames, open_routed
from app_server import ROOT
from checkin_page import edit
from scenarios_page import save_current, with_sales_at_90
from streamlit.testing.v1 import AppTest

from pages.ui import COMPARE_TAB, SCENARIOS_VIEW, md
from planner.core.domain import Problem
from planner.scenarios.compare import compare
from planner.scenarios.labels import saved_scenario_label
from planner.scenarios.storage import ScenarioStore


def test_with_the_current_plan_the_one_scenario_saved_compare_says_what_to_do(db):
    """Saved once, the current plan is #1, and Compare set #1 beside the current plan:
    every line read "no change". It says how to get a second plan to compare instead."""
    app = save_current(open_routed("pages/scenarios.py"), "Q3 base")
    app = app.run()
    assert_clean(app)
    assert not [s for s in app.selectbox if s.key in ("compare-a", "compare-b")]
    assert any(
        "the one scenario saved (#1 · Q3 base)" in i.value and "Constraints page" in i.value
        for i in app.info
    ), [i.value for i in app.info]


def test_derive_compare_and_delete_with_confirmation(db):
    """The must-show path: save, derive 'marketing at 80 %', compare side by side, delete."""
    app = save_current(open_routed("pages/scenarios.py"), "Q3 base")
    app.selectbox(key="derive-target").set_value("marketing")
    app.slider(key="derive-pct").set_value(80)
    app.text_input(key="derive-name").input("Marketing -20%")
    app = button(app, "Plan and save the what-if").click().run()
    assert_clean(app)
    listed = app.dataframe[0].value
    assert list(listed["name"]) == ["Marketing -20%", "Q3 base"]
    assert list(listed["derived_from"]) == ["Q3 base", ""]
    # The child's note names what changed as the list names things (it read "marketing at
    # 80 % of #1"; a team read by its id, "demand-gen at 80 % of #1").
    assert listed["note"].iloc[0] == "Marketing capacity at 80 % of #1 · Q3 base"
    problem: Problem = app.session_state["problem"]
    assert problem.settings.multiplier("brand", "marketing") == pytest.approx(0.8)

    app.query_params.update(COMPARE_TAB)  # its tab open, as a click leaves it: charts sent
    app.selectbox(key="compare-a").set_value(1)
    app.selectbox(key="compare-b").set_value(2)
    app = app.run()
    assert_clean(app)
    teams = next(f for f in chart_frames(app) if "delta_hours" in f.columns)
    marketing = teams[teams["department"] == "marketing"]
    assert (marketing["delta_hours"] <= 0).all() and marketing["delta_hours"].sum() < 0
    goals = next(f for f in chart_frames(app) if "delta_points" in f.columns)
    assert goals["delta_points"].sum() < 0
    # The comparison speaks goal attainment, never the optimizer's points.
    attainment = next(m for m in app.metric if m.label == "Goal attainment (B)")
    assert attainment.delta.startswith("-")
    assert not any("Objective" in m.label for m in app.metric)
    assert any("left out" in s.value for s in app.subheader)
    # The odds heading as the Overview and Plan pages word it.
    assert "Odds of hitting each target, A to B" in [s.value for s in app.subheader]
    # Wrapped, so the words read in full; chances and changes as every page writes them.
    # (st.table cells are Markdown, so the page escapes them: read them unescaped.)
    tables = [
        t.value.rename(columns=lambda c: c.replace("\\", "")).map(
            lambda v: v.replace("\\", "") if isinstance(v, str) else v
        )
        for t in app.table
    ]
    odds = next(t for t in tables if "After, in words" in t.columns)
    assert not odds["Change"].str.contains("-0 ").any()
    assert odds["Chance in B"].str.endswith("%").all()  # A and B, as the pickers say
    assert "Chance before" not in odds.columns
    owners = next(t for t in tables if "Owners in A" in t.columns)
    # No project change here has a note (none was dropped at a check-in or is missing
    # from one side's inputs): no empty Note column beside the owners.
    assert "Note" not in owners.columns
    team_names = {t.name for t in app.session_state["problem"].teams}
    # A rescheduled project's weeks follow its owners ("Content, weeks 1-7").
    moved = owners[owners["Change"] != "rescheduled"]
    shown = {n.strip() for cell in moved["Owners in A"] for n in cell.split(",")}
    assert shown <= team_names | {"left out"}

    app.selectbox(key="scenario-chosen").set_value(2)
    app = button(app, "Delete…").click().run()
    assert any("cannot be undone" in w.value for w in app.warning)
    assert len(app.dataframe[0].value) == 2  # nothing deleted before the confirmation
    app = button(app, "Yes, delete").click().run()
    assert_clean(app)
    assert list(app.dataframe[0].value["name"]) == ["Q3 base"]


def test_derived_from_shows_only_once_a_scenario_was_derived(db):
    """A list of first saves has no "Built on" column; a what-if built on one brings it."""
    import json

    def derived_column_shown(app: AppTest) -> bool:
        config = json.loads(app.dataframe[0].proto.columns or "{}")
        return not config.get("derived_from", {}).get("hidden", False)

    app = save_current(open_routed("pages/scenarios.py"), "first")
    assert_clean(app)
    assert not derived_column_shown(app)
    # The current inputs now come from "first": the next save is built on it.
    built_on = f"Built on {md(saved_scenario_label(1, 'first'))}"
    assert any(c.value == built_on for c in app.caption), [c.value for c in app.caption]
    app = save_current(with_sales_at_90(app), "second")
    assert_clean(app)
    assert derived_column_shown(app)
    assert list(app.dataframe[0].value["derived_from"]) == ["first", ""]


def test_deriving_a_child_for_a_team_the_parent_does_not_have_is_refused_in_words(db):
    """The "Whose capacity" list is the planner's teams, the child is derived from a saved
    scenario: a team added since that save is not one of the parent's, and deriving it
    ended in a traceback. Now the page says so and saves nothing; the list shows team
    names, as every other list of the app does."""
    from builders import team

    app = save_current(open_routed("pages/scenarios.py"), "Q3 base")
    problem: Problem = app.session_state["problem"]
    app.session_state["problem"] = problem.replace(
        teams=(*problem.teams, team("field", "sales", 300, name="Field Events"))
    )
    app = app.run()
    target = app.selectbox(key="derive-target")
    assert "Field Events" in target.options
    target.set_value("field")
    app = button(app.run(), "Plan and save the what-if").click().run()
    assert not app.exception
    assert any("has no team 'Field Events'" in e.value for e in app.error)
    with ScenarioStore.open(db) as store:
        assert [s.name for s in store.list()] == ["Q3 base"]


@pytest.mark.parametrize("name", ["q3 BASE", "y" * 5000, "   "])
def test_a_what_ifs_name_is_refused_before_its_plan_is_made(name, db, monkeypatch):
    """ "Plan and save the what-if" under a name taken (in another case too), of 5,000
    characters or blank planned the what-if first (10 s and more on a 150-team quarter) and
    only then said the name could not be saved, the plan thrown away. The name is checked
    first; nothing is planned or saved."""
    import pages.solving

    planned: list[Problem] = []
    made = pages.solving.solved

    def solved(problem: Problem, **kwargs: object):
        planned.append(problem)
        return made(problem, **kwargs)

    monkeypatch.setattr(pages.solving, "solved", solved)
    app = save_current(open_routed("pages/scenarios.py"), "Q3 base")
    app.selectbox(key="derive-target").set_value("marketing")
    app.slider(key="derive-pct").set_value(80)
    app.text_input(key="derive-name").input(name)
    planned.clear()
    app = button(app, "Plan and save the what-if").click().run()
    assert_clean(app)
    said = " ".join(e.value for e in app.error)
    assert (
        "already has this name" in said
        or "at most 200 characters" in said
        or ("needs a name" in said)
    ), said
    assert not [p for p in planned if p.settings.multiplier("brand", "marketing") != 1]
    with ScenarioStore.open(db) as store:
        assert [s.name for s in store.list()] == ["Q3 base"]


def test_deleting_the_plan_a_check_in_was_made_on_names_the_check_in_first(db):
    """Delete… on the plan a saved check-in was made on asked "This cannot be undone;
    scenarios built on it stay": the check-in stayed, but could no longer be checked in on
    again, the quarter's full capacities and targets gone with its plan. The confirmation
    names it, and what deleting the plan costs it."""
    from decimal import Decimal

    from planner.core.loading import load_with_warnings
    from planner.scenarios.on_plan import checkin_as_planned
    from planner.scenarios.replan import replan
    from planner.scenarios.scenario import new_scenario
    from planner.solving.solver import solve

    sample = load_with_warnings(Path(__file__).resolve().parents[2] / "data" / "sample").problem
    base = solve(sample)
    assert base.plan is not None
    checkin = checkin_as_planned(sample, base.plan, Decimal(6))
    outcome = replan(sample, base.plan, checkin, max_changes=3, stability_weight=5)
    with ScenarioStore.open(db) as store:
        parent = store.save(new_scenario(sample, base, "Q3 plan"))
        store.save(
            new_scenario(
                outcome.problem,
                outcome.result,
                "Week 6",
                parent_id=parent.scenario_id,
                checkin=checkin,
                quarter=sample,
            )
        )
    app = open_routed("pages/scenarios.py")
    app.selectbox(key="scenario-chosen").set_value(1).run()
    app = button(app, "Delete…").click().run()
    assert_clean(app)
    (said,) = [w.value for w in app.warning if "cannot be undone" in w.value]
    assert "#2 Week 6 is a check-in made on it: without it, it could no longer be checked" in (
        said.replace("\\", "")
    ), said
    assert "scenarios built on it stay" not in said


def test_a_saved_check_in_is_opened_on_the_check_in_page_not_loaded_into_the_planner(db):
    """A check-in's re-plan has the rest of the quarter as inputs: loaded into the planner,
    the Overview read 52.3 % where the list had just said 66.3 %, and "Since the previous
    plan: Dropped" listed the eight projects done. Its figures make sense only beside the
    check-in, so the page says where to open it and offers no Load or derive for it.
    """
    from decimal import Decimal

    from planner.core.loading import load_with_warnings
    from planner.scenarios.on_plan import checkin_as_planned
    from planner.scenarios.replan import replan
    from planner.scenarios.scenario import new_scenario
    from planner.solving.solver import solve

    sample = load_with_warnings(Path(__file__).resolve().parents[2] / "data" / "sample").problem
    base = solve(sample)
    assert base.plan is not None
    checkin = checkin_as_planned(sample, base.plan, Decimal(6))
    outcome = replan(sample, base.plan, checkin, max_changes=3, stability_weight=5)
    with ScenarioStore.open(db) as store:
        parent = store.save(new_scenario(sample, base, "Q3 plan"))
        store.save(
            new_scenario(
                outcome.problem,
                outcome.result,
                "Week 6",
                parent_id=parent.scenario_id,
                checkin=checkin,
                quarter=sample,
            )
        )
    app = open_routed("pages/scenarios.py")
    assert_clean(app)
    app.selectbox(key="scenario-chosen").set_value(2).run()
    labels = [b.label for b in app.button]
    assert "Load into the planner" not in labels and "Plan and save the what-if" not in labels
    assert any("Check-in page" in i.value for i in app.info)
    # The plan of the whole quarter still loads.
    app.selectbox(key="scenario-chosen").set_value(1).run()
    assert "Load into the planner" in [b.label for b in app.button]
    # Compared with its parent, the odds say why they differ from the Overview's, as the
    # Check-in page does.
    app.selectbox(key="compare-a").set_value(1).run()
    app.selectbox(key="compare-b").set_value(2).run()
    assert_clean(app)
    assert any("Mid-quarter the odds narrow" in c.value for c in app.caption)


def test_a_check_in_as_planned_draws_no_team_load_change_under_the_hours_shown(db):
    """A week-6 check-in left as pre-filled, re-planned and saved, compared with its
    baseline: Compare drew "Team load: change from A to B" as six bars filling the chart,
    on an axis from -0.8 to 0, where every team's hours read the same in A and B (1,340 h
    and 1,340 h): the pre-fill's hours used, whole hours rounded down, moved each by under
    an hour. Changes all under an hour are said in words, with the largest.
    """
    app = open_routed("pages/checkin.py")
    app = app.button(key="checkin-replan-button").click().run()
    app = app.button[-1].click().run()  # saved under its default name, with its baseline
    assert_clean(app)
    app.switch_page("pages/scenarios.py")
    app = app.run()
    assert_clean(app)
    specs = [c.proto.spec for c in app.get("vega_lite_chart")]
    assert not any("Team load: change from A to B" in s for s in specs)
    said = " ".join(m.value for m in app.markdown)
    assert "no team's planned hours change by an hour or more from A to B" in said


def test_the_list_and_compare_say_utilisation_is_both_departments_together(db):
    """Saved scenarios read "Utilisation 82.8 %" for the sample, a figure no card shows:
    the Overview gives each department's (84.7 % and 81.2 %). A leader looked for where
    82.8 % came from. The list and Compare name it both departments' together, as
    ``planner scenarios show`` does ("utilisation, both departments: 82.8 %"). That
    still read "Utilisation" beside the Overview's "Marketing capacity · 84.7 % planned":
    both now name the departments and say it as the cards do ("Sales and Marketing, %
    planned", its help: of their capacity in force)."""
    app = save_current(open_routed("pages/scenarios.py"), "Q3 base")
    app = save_current(with_sales_at_90(app), "Second look")
    assert_clean(app)
    columns = json.loads(app.dataframe[0].proto.columns)
    assert columns["utilisation_pct"]["label"] == "Sales and Marketing, % planned"
    assert "each department" in columns["utilisation_pct"]["help"]
    (card,) = [m for m in app.metric if "Sales and Marketing" in m.label]
    assert card.label == "Sales and Marketing, % planned (B)"
    assert "each department" in card.proto.help
    said = " ".join(
        [str(m.label) for m in app.metric] + [c.get("label", "") for c in columns.values()]
    )
    assert "Utilisation" not in said, said


def test_a_team_changed_by_under_an_hour_is_said_not_drawn_as_a_bar_of_nothing(db):
    """A RevOps lead compared the week-7 check-in (a project dropped, another left out) with
    the quarter's plan: "Team load: change from A to B" drew Brand & Comms and Marketing Ops
    at about -110 h, and SDR Team and Customer Success as names with no bar (-0.3 h and
    -0.1 h: the check-in's hours used are whole hours). The chart draws the changes of an
    hour or more; the ones under an hour are said under it, with their hours."""
    from dataclasses import replace
    from decimal import Decimal

    from planner.core.loading import load_with_warnings
    from planner.scenarios.checkin import ProjectProgress, ProjectStatus
    from planner.scenarios.compare import compare
    from planner.scenarios.on_plan import checkin_as_planned
    from planner.scenarios.replan import replan
    from planner.scenarios.scenario import new_scenario
    from planner.solving.solver import solve

    sample = load_with_warnings(Path(__file__).resolve().parents[2] / "data" / "sample").problem
    base = solve(sample)
    assert base.plan is not None
    as_planned = checkin_as_planned(sample, base.plan, Decimal(7))
    projects = {**as_planned.projects, "LG-06": ProjectProgress(ProjectStatus.DROPPED)}
    # Hours used as the page pre-fills them and a leader records them: whole hours.
    used = {team: Decimal(int(h)) for team, h in as_planned.hours_used.items()}
    checkin = replace(as_planned, projects=projects, hours_used=used)
    outcome = replan(sample, base.plan, checkin, max_changes=3, stability_weight=5)
    with ScenarioStore.open(db) as store:
        parent = store.save(new_scenario(sample, base, "Q3 plan"))
        child = store.save(
            new_scenario(
                outcome.problem,
                outcome.result,
                "Week 7",
                parent_id=parent.scenario_id,
                checkin=checkin,
                quarter=sample,
            )
        )
        diff = compare(store.load(parent.scenario_id), store.load(child.scenario_id))
        deltas = {t.name: t.delta_hours for t in diff.teams}
    slight = sorted(name for name, d in deltas.items() if d and abs(d) < 1)
    assert slight and any(abs(d) >= 1 for d in deltas.values()), deltas
    app = open_routed("pages/scenarios.py")
    app.query_params.update(COMPARE_TAB)  # its tab open, as a click leaves it: charts sent
    app.selectbox(key="compare-a").set_value(1).run()
    app.selectbox(key="compare-b").set_value(2).run()
    assert_clean(app)
    loads = [f for f in chart_frames(app) if {"team", "delta_hours"} <= set(f.columns)]
    assert loads
    load = pd.concat(loads)
    assert (load["delta_hours"].abs() >= 1).all(), load
    (note,) = [c.value for c in app.caption if "Under an hour:" in c.value]
    assert all(name in note for name in slight), note


def test_a_what_if_saved_alone_is_compared_with_the_plan_it_started_from(db):
    """A CMO cut a department's hours, saved the what-if as the one scenario and opened
    Compare to see what it changed: "The current plan is the one scenario saved ...:
    change it on the Constraints page and save the what-if here to compare the two", with
    no way to set it beside the plan they started from. Compare offers that plan, before
    the current one, with the change in goal attainment the headline says."""
    app = open_routed("pages/scenarios.py")
    started = {m.label: m.value for m in app.metric}["Goal attainment"]
    app = save_current(with_sales_at_90(app), "Sales at 90 %")
    assert_clean(app)
    now = {m.label: m.value for m in app.metric}["Goal attainment"]
    assert now != started
    a, b = app.selectbox(key="compare-a"), app.selectbox(key="compare-b")
    assert a.options[a.index] == "The plan you started from (the bundled sample quarter)"
    assert b.options[b.index] == "Current plan"
    (attainment,) = [m for m in app.metric if m.label == "Goal attainment (B)"]
    assert attainment.value == now
    change = float(now.rstrip(" %")) - float(started.rstrip(" %"))
    assert attainment.proto.body and f"{change:+.1f}" in str(attainment.proto.delta), (
        attainment.proto.delta,
        change,
    )

    # The next day, the what-if restored (or made again) on a page that compared the sample
    # with it: Compare had kept "#1" as A beside the current plan, itself. The pair starts
    # again from the plan started from whenever the choices change.
    again = open_routed("pages/scenarios.py")
    assert again.selectbox(key="compare-a").value == 1
    again = with_sales_at_90(again)
    assert_clean(again)
    a = again.selectbox(key="compare-a")
    assert a.options[a.index] == "The plan you started from (the bundled sample quarter)"


def _words_on_screen(app: AppTest) -> list[str]:
    """Every label, heading, caption and message the page shows."""
    texts = [e.label for e in app.expander]
    for kind in ("button", "slider", "text_input", "selectbox", "text_area"):
        texts += [str(w.label) for w in getattr(app, kind)]
    for kind in ("markdown", "caption", "info", "warning", "success", "error", "subheader"):
        texts += [str(w.value) for w in getattr(app, kind)]
    return texts


def test_a_what_if_is_built_on_a_saved_scenario_not_derived_as_its_child(db):
    """A CMO walk read a family tree: "A what-if built on this scenario: less or more capacity",
    "Child's name", "Capacity (% of the parent's)", "Plan and save the what-if", "Load or
    derive" and "your next save derives from it", beside the basis line's "Built on the
    saved scenario #1". The page says a what-if built on a saved scenario, in the basis
    line's words, and the list's column is "Built on"."""
    import re

    app = save_current(open_routed("pages/scenarios.py"), "Q3 base")
    assert_clean(app)
    said = _words_on_screen(app)
    family = [t for t in said if re.search(r"\b(child|parent|derive[sd]?)\b", t, re.I)]
    assert not family, family
    assert "A what-if built on this scenario: less or more capacity" in said
    # Under "A what-if built on this scenario", the slider's label says it once: it read
    # "Capacity (% of the capacity of the scenario it is built on)".
    assert "Capacity (% of this scenario's)" in said
    assert "Its name" in said and "Plan and save the what-if" in said
    # The save form names the scenario it is built on as the basis line does (it read
    # "Built on #1 · Q3 base" under "Built on the saved scenario #1 Q3 base").
    built_on = f"Built on {md(saved_scenario_label(1, 'Q3 base'))}"
    assert built_on in said, said
    assert any(t.startswith(f"{built_on} · ") for t in said), said
    app.selectbox(key="derive-target").set_value("marketing")
    app = button(app, "Plan and save the what-if").click().run()
    assert_clean(app)
    config = json.loads(app.dataframe[0].proto.columns or "{}")
    assert config["derived_from"]["label"] == "Built on", config["derived_from"]
    # The what-if picked, its origin reads in the same words: it read "Derived from #1 · Q3 base".
    scenario = next(s for s in app.selectbox if s.label == "Scenario")
    app = scenario.set_value(2).run()
    said = _words_on_screen(app)
    family = [t for t in said if re.search(r"\b(child|parent|derive[sd]?)\b", t, re.I)]
    assert not family, family
    assert built_on in said, said


def test_the_check_in_s_link_to_compare_opens_the_compare_tab_on_the_saved_check_in(db):
    """The Check-in page's "Compare a saved check-in with the plan it checked in on" opened
    the Scenarios page on its Saved scenarios tab: a VP Sales who followed it had to find
    Compare. The link asks for the Compare tab, which opens with the check-in beside its
    baseline."""
    app = open_routed("pages/checkin.py")
    app = app.button(key="checkin-replan-button").click().run()
    app = app.button[-1].click().run()  # saved under its default name, with its baseline
    assert_clean(app)
    (link,) = [x for x in app.get("page_link") if x.proto.page == "scenarios"]
    assert link.proto.label == "Compare a saved check-in with the plan it checked in on"
    query = dict(parse_qsl(link.proto.query_string))
    assert query == {"scenarios-view": "Compare"}
    app.switch_page("pages/scenarios.py")
    app.query_params.update(query)
    app = app.run()
    assert_clean(app)
    assert app.session_state["scenarios-view"] == "Compare"
    with ScenarioStore.open(db) as store:
        names = {s.scenario_id: s.name for s in store.list()}
    # After: the check-in; before: its baseline (the current plan, saved as its parent).
    assert names[app.selectbox(key="compare-b").value] == "Check-in week 6"
    parent = next(i for i, name in names.items() if name == "Plan before Check-in week 6")
    assert app.selectbox(key="compare-a").value in (0, parent)  # 0: the current plan


def test_a_project_dropped_after_its_work_was_done_is_said_beside_the_team_load(db):
    """A project the plan had done by week 6 (CL-04), marked dropped at the check-in, left
    the plan while Compare said no team's hours changed: a check-in's hours are the
    quarter's, and its hours were spent. Compare says what the hours are, beside them."""
    app = open_routed("pages/checkin.py")
    app = edit(app, "projects", "CL-04", "status", "dropped")
    app = app.button(key="checkin-replan-button").click().run()
    app = app.button[-1].click().run()  # saved under its default name, with its baseline
    assert_clean(app)
    app.switch_page("pages/scenarios.py")
    app = app.run()
    assert_clean(app)
    said = " ".join(c.value for c in app.caption).replace("\\", "")
    assert "hours used so far (spent) plus its re-planned hours" in said, said
    assert "The 1 project out of the plan keeps the hours it used before the check-in" in said


def test_the_compare_heading_counts_the_projects_as_the_command_line_does(db):
    """Sales at 90 % beside the plan: the page's heading read "Projects: 1 moved, 0 added, 3
    dropped, 2 rescheduled" above `planner scenarios compare`'s "projects: 1 moved, 3
    dropped, 2 rescheduled". Both now count them in one function's words."""
    from planner.interfaces.scenario_text import project_change_lines

    app = save_current(open_routed("pages/scenarios.py"), "Q3 base")
    app.selectbox(key="derive-target").set_value("sales")
    app.slider(key="derive-pct").set_value(90)
    app.text_input(key="derive-name").input("Sales at 90 %")
    app = button(app, "Plan and save the what-if").click().run()
    app.query_params.update(COMPARE_TAB)
    app.selectbox(key="compare-a").set_value(1)
    app.selectbox(key="compare-b").set_value(2)
    app = app.run()
    assert_clean(app)
    with ScenarioStore.open(db) as store:
        diff = compare(store.load(1), store.load(2))
    printed = project_change_lines(diff.projects)[0]
    assert printed.startswith("projects: ") and " 0 " not in f" {printed}"
    (heading,) = [
        s.value.replace("\\", "") for s in app.subheader if s.value.startswith("Projects")
    ]
    assert heading == f"Projects: {printed.removeprefix('projects: ')}"


def test_a_scenario_compared_here_then_deleted_elsewhere_is_said_to_be_gone(db):
    """Tab A compared #2 with the current plan, tab B deleted #2: A's next run dropped the
    comparison and started its pickers again without a word. It says which was deleted,
    once."""
    app = save_current(open_routed("pages/scenarios.py"), "Q3 base")
    app = save_current(with_sales_at_90(app), "Sales at 90")
    app.query_params.update(COMPARE_TAB)
    app = app.run()
    app.selectbox(key="compare-a").set_value(1)
    app.selectbox(key="compare-b").set_value(2)
    app = app.run()
    assert_clean(app)
    with ScenarioStore.open(db) as store:  # another tab's delete
        store.delete(2)
    app = app.run()
    assert_clean(app)
    told = [i.value for i in app.info if "#2 was deleted" in i.value]
    assert told == [
        "#2 was deleted since it was picked here (in another tab, or on Saved scenarios): "
        "nothing is compared with it any more."
    ], [i.value for i in app.info]
    app = app.run()
    assert not [i.value for i in app.info if "#2 was deleted" in i.value]


@pytest.mark.parametrize("asked", ["compare", "COMPARE", " Compare "])
def test_an_address_naming_the_compare_tab_in_another_case_opens_it(db, asked):
    """?scenarios-view=compare (typed, or a link written in lower case) opened Saved
    scenarios: Streamlit matches a tab's label exactly."""
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    app.switch_page("pages/scenarios.py")
    app.query_params[SCENARIOS_VIEW] = asked
    app = app.run()
    assert_clean(app)
    assert app.session_state[SCENARIOS_VIEW] == "Compare"
