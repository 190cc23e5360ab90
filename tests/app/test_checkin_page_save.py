"""The Check-in page through AppTest: saving the check-in and its re-plan as a child of its
baseline, a saved plan as the baseline, a second check-in on a saved re-plan, the
database failing or changed under the page.

The check-in is recorded as test_checkin_page.py records it.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from app_pages import assert_clean, button, open_routed, open_tab
from app_server import ROOT
from checkin_page import LAGGING, SAVE_CHECKIN, edit, lagging, metrics, replan

from pages.ui import md
from planner.checker import check_plan
from planner.core.loading import load_with_warnings
from planner.core.shown_figures import percent
from planner.core.status_words import KEPT_CLOSE_WORDS
from planner.scenarios.checkin import ProjectStatus
from planner.scenarios.compare import compare
from planner.scenarios.scenario import MAX_NAME_LENGTH, new_scenario
from planner.scenarios.storage import ScenarioStore
from planner.solving.solver import solve


def test_save_stores_the_replan_as_a_child_of_the_session_baseline(round_one, db):
    """The session plan is saved as the parent, in the same transaction as the child; the
    child carries the re-plan and its check-in, stored in tables of its own and read back
    whole, while the note keeps the leader's words and one sentence.
    """
    app = replan(edit(open_routed("pages/checkin.py"), "goals", LAGGING, "achieved", 95000.0))
    app.text_input[0].set_value('Mid-Q "check", =1+1 ü')
    app = app.button[-1].click().run()
    assert_clean(app)
    # The parent by its name, as the Scenarios list shows it, not by an internal number.
    (saved,) = [s for s in app.success if s.value.startswith("Saved")]
    parent_name = 'Plan before Mid-Q "check", =1+1 ü'
    assert f"built on **{md(parent_name)}**" in saved.value
    assert "scenario 1" not in saved.value
    with ScenarioStore.open(db) as store:
        listed = {s.name: s for s in store.list()}
        child = listed['Mid-Q "check", =1+1 ü']
        parent = listed[parent_name]
        assert child.parent_id == parent.scenario_id
        loaded = store.load(child.scenario_id)
    checkin = loaded.checkin
    assert checkin is not None and checkin.achieved[LAGGING] == 95000
    assert checkin == app.session_state["checkin-replan"]["checkin"]
    assert checkin.ids_with(ProjectStatus.DONE).isdisjoint(loaded.problem.project_index)
    assert "TOML" not in loaded.note and "Check-in at week 6.5" in loaded.note
    assert "Behind plan: Churn saved (25.0 % with" in loaded.note
    assert loaded.problem.baseline is not None and loaded.problem.baseline.max_changes == 3


def test_a_check_in_saved_under_its_default_name_reads_apart_from_its_baseline(round_one, db):
    """Saved with the names the form offers, the check-in and the session plan saved as its
    parent were "Check-in week 6.5 · this session's plan" and the same with " · baseline":
    two rows that read alike in the Scenarios list, where a name is cut after some 30
    characters. They are "Check-in week 6.5" and "Plan before Check-in week 6.5".
    """
    app = replan(open_routed("pages/checkin.py"))
    app = app.button[-1].click().run()
    assert_clean(app)
    with ScenarioStore.open(db) as store:
        names = {s.name: s for s in store.list()}
    assert set(names) == {"Check-in week 6.5", "Plan before Check-in week 6.5"}
    assert (
        names["Check-in week 6.5"].parent_id == names["Plan before Check-in week 6.5"].scenario_id
    )


def test_second_checkin_on_a_saved_replan_cuts_capacity_once(round_one, db):
    """A check-in against a saved re-plan starts from the quarter's own inputs: each
    team's capacity in the second re-plan is its base capacity minus the hours used so
    far, once, not the first re-plan's already reduced capacity minus them again.
    """
    app = replan(lagging(open_routed("pages/checkin.py")))
    app.text_input[0].set_value("First check-in")
    app = app.button[-1].click().run()
    assert_clean(app)
    with ScenarioStore.open(db) as store:
        first = next(s for s in store.list() if s.name == "First check-in")
        quarter = store.load(first.parent_id).problem
    app = app.run()  # the list of baselines now has the saved re-plan
    app.selectbox(key="checkin-baseline").select(first.scenario_id).run()
    app.number_input(key="checkin-weeks").set_value(9.75)
    app = app.button(key="checkin-prefill").click().run()
    assert_clean(app)
    assert metrics(app)["Goals behind plan"] == "0 of 8"  # the re-plan went to plan since
    app = replan(app)
    assert_clean(app)
    state = app.session_state["checkin-replan"]
    second, rest = state["checkin"], state["problem"]
    assert second.progress("LG-06").status is ProjectStatus.DROPPED  # the first's drop stays
    assert second.achieved[LAGGING] > 95000
    for team in quarter.teams:
        used = second.hours_used[team.team_id]
        assert rest.team(team.team_id).capacity_hours == team.capacity_hours - used
    assert check_plan(rest, state["result"].plan) == []
    app.number_input(key="checkin-weeks").set_value(3.0)
    app = app.run()  # before the first check-in: refused in words, not re-planned
    assert_clean(app)
    assert any("must be at least 6" in e.value for e in app.error), [e.value for e in app.error]


def test_a_replan_whose_quarter_was_deleted_is_refused_in_words(round_one, db):
    """Without the quarter's inputs a second check-in would cut capacity twice: the page
    says why it cannot start, never a traceback.
    """
    app = replan(lagging(open_routed("pages/checkin.py")))
    app.text_input[0].set_value("Orphan")
    app = app.button[-1].click().run()
    with ScenarioStore.open(db) as store:
        orphan = next(s for s in store.list() if s.name == "Orphan")
        store.delete(orphan.parent_id)
    app = open_routed("pages/checkin.py")
    app.selectbox(key="checkin-baseline").select(orphan.scenario_id).run()
    assert_clean(app)
    assert any("no longer saved" in e.value for e in app.error)


def test_a_saved_plan_can_be_the_baseline_and_becomes_the_parent(round_one, db):
    """Leaders check in against the plan they saved at the start of the quarter."""
    from planner.core.loading import load_with_warnings

    problem = load_with_warnings(round_one).problem
    with ScenarioStore.open(db) as store:
        saved = store.save(new_scenario(problem, solve(problem), "Q3 plan"))
    app = open_routed("pages/checkin.py")
    app.selectbox(key="checkin-baseline").select(saved.scenario_id).run()
    app = replan(app)
    app.text_input[0].set_value("Q3 check-in")
    app = app.button[-1].click().run()
    assert_clean(app)
    with ScenarioStore.open(db) as store:
        listed = {s.name: s for s in store.list()}
    assert set(listed) == {"Q3 plan", "Q3 check-in"}
    assert listed["Q3 check-in"].parent_id == saved.scenario_id


def test_a_saved_check_in_is_listed_at_the_quarter_end_attainment_the_page_heads(round_one, db):
    """The Scenarios list and compare set a check-in beside its parent: its attainment is
    the quarter-end forecast the page shows ("At quarter end"), not the re-plan's score on
    what was left of each target (an on-track check-in read 12.9 points under its parent).
    """
    app = replan(open_routed("pages/checkin.py"))
    (card,) = [m for m in app.metric if m.label == "At quarter end"]
    app = app.button[-1].click().run()
    assert_clean(app)
    with ScenarioStore.open(db) as store:
        listed = {s.name: s for s in store.list()}
    (child,) = [s for s in listed.values() if s.parent_id is not None]
    parent = next(s for s in listed.values() if s.scenario_id == child.parent_id)
    assert child.metrics.attainment_pct is not None
    assert percent(child.metrics.attainment_pct) == card.value
    # As planned: the quarter ends where the parent's plan said it would, goal by goal too.
    assert percent(child.metrics.attainment_pct) == percent(parent.metrics.attainment_pct)
    with ScenarioStore.open(db) as store:
        both = compare(store.load(parent.scenario_id), store.load(child.scenario_id))
    assert both.goals
    for goal in both.goals:
        assert goal.percent_a is not None and goal.percent_b is not None
        assert percent(goal.percent_b) == percent(goal.percent_a), goal.name


def test_a_database_that_fails_after_it_opened_leaves_the_check_in_working(db, monkeypatch):
    """The database opens, then cannot be read (another program locked or damaged it): the
    saved baselines were a traceback at the top of the page. Now the page says saved
    scenarios are unavailable and checks in against this session's plan."""
    from planner.scenarios.storage import StorageError

    def failing(self, *args, **kwargs):
        raise StorageError("the scenario database is locked by another program")

    monkeypatch.setattr(ScenarioStore, "list", failing)
    app = open_routed("pages/checkin.py")
    assert not app.exception
    assert any("Saved scenarios are unavailable" in w.value for w in app.warning)
    assert app.selectbox(key="checkin-baseline").options == ["The current plan"]


def test_a_check_in_named_at_full_length_saves_with_its_baseline(db):
    """A check-in named with the box's full 200 characters, on this session's plan, was
    refused: "A scenario name has at most 200 characters (this one has 212)", the count of
    the baseline's "Plan before ..." saved with it, never typed. The baseline's name is cut
    to fit (with "…") and both are saved."""
    app = open_routed("pages/checkin.py")
    replan(app)
    name = "Z" * MAX_NAME_LENGTH
    next(t for t in app.text_input if t.label == "Scenario name").set_value(name)
    button(app, SAVE_CHECKIN).click().run()
    assert_clean(app)
    assert not app.error, [e.value for e in app.error]
    names = {s.name for s in ScenarioStore.open(db).list()}
    parent = next(n for n in names if n.startswith("Plan before "))
    assert names == {name, parent}
    assert len(parent) == MAX_NAME_LENGTH and parent.endswith("Z…")


def saved_rows(db: Path) -> list[tuple[str, int | None]]:
    return sorted((s.name, s.parent_id) for s in ScenarioStore.open(db).list())


def test_saving_a_check_in_twice_keeps_one_copy_of_it_and_of_its_baseline(db):
    """Save, then Save again (the form then offers "Check-in week 6 · Plan before ..."):
    the second click saved the same re-plan a second time, a twin under its parent in the
    list and in Compare. It says the check-in is saved already, and saves nothing."""
    app = replan(open_routed("pages/checkin.py"))
    save = SAVE_CHECKIN
    next(b for b in app.button if b.label == save).click().run()
    assert_clean(app)
    first = saved_rows(db)
    assert len(first) == 2
    next(b for b in app.button if b.label == save).click().run()
    assert_clean(app)
    assert not app.error, [e.value for e in app.error]
    assert saved_rows(db) == first
    assert any(s.value.startswith("Already saved **Check\\-in week 6**") for s in app.success)


def test_a_plan_saved_in_an_earlier_session_is_the_check_in_s_parent_not_saved_again(db):
    """The leader saved the quarter's plan as "Q3 base" on the Scenarios page, and checks
    in the next day (a new session) against this session's plan, the same plan: the save
    stored "Plan before Check-in week 6", a copy of Q3 base, as the parent. The check-in
    is saved as a child of Q3 base."""
    problem = load_with_warnings(ROOT / "data" / "sample").problem
    ScenarioStore.open(db).save(new_scenario(problem, solve(problem), "Q3 base"))
    app = replan(open_routed("pages/checkin.py"))
    next(t for t in app.text_input if t.label == "Scenario name").set_value("Week 6")
    button(app, SAVE_CHECKIN).click().run()
    assert_clean(app)
    assert saved_rows(db) == [("Q3 base", None), ("Week 6", 1)]


def test_the_baseline_and_the_weeks_elapsed_are_kept_over_a_visit_to_another_page(round_one, db):
    """A VP Sales checking in against the saved Q3 plan at week 8 looked at the Export page
    and came back to "This session's plan" at week 6: Streamlit forgets a widget's value
    when another page is drawn, and the page started again from its defaults without a
    word. Both read as the leader left them."""
    problem = load_with_warnings(round_one).problem
    with ScenarioStore.open(db) as store:
        saved = store.save(new_scenario(problem, solve(problem), "Q3 plan"))
    app = open_routed("pages/checkin.py")
    app.selectbox(key="checkin-baseline").select(saved.scenario_id).run()
    app.number_input(key="checkin-weeks").set_value(8.0).run()
    assert_clean(app)
    app.switch_page("pages/export.py").run()
    app.switch_page("pages/checkin.py").run()
    assert_clean(app)
    assert app.selectbox(key="checkin-baseline").value == saved.scenario_id
    assert app.number_input(key="checkin-weeks").value == 8.0


def test_a_name_typed_for_the_check_in_is_kept_when_its_baseline_is_deleted_elsewhere(db):
    """The baseline was the session's plan, saved as #1 Q3 base; the leader typed "Week 6";
    another server on the same database deleted #1; Save stored the check-in as "Check-in
    week 6", the name typed lost without a word (the box was a new one once the name offered
    changed). The name typed is the one saved; built on the session's plan, saved first."""
    problem = load_with_warnings("data/sample").problem
    ScenarioStore.open(db).save(new_scenario(problem, solve(problem), "Q3 base"))
    app = replan(open_routed("pages/checkin.py"))
    box = next(t for t in app.text_input if t.label == "Scenario name")
    assert box.value.endswith("· Q3 base"), box.value
    box.set_value("Week 6")
    ScenarioStore.open(db).delete(1)
    button(app, SAVE_CHECKIN).click().run()
    assert_clean(app)
    assert [name for name, _ in saved_rows(db)] == ["Plan before Week 6", "Week 6"]


def test_a_saved_check_in_exports_the_re_plan_the_page_downloaded(round_one, db):
    """Saved from the page, the check-in's plan.csv (Scenarios page, ``planner scenarios
    export``) had the weeks left only: LG-06, dropped at the check-in, was gone, and so was
    at_checkin. It is the page's rest-of-quarter.csv."""
    from planner.interfaces.replan_exports import rest_of_quarter_csv_text
    from planner.interfaces.scenario_exports import scenario_files

    app = replan(lagging(open_routed("pages/checkin.py")))
    next(t for t in app.text_input if t.label == "Scenario name").set_value("Week 6")
    button(app, SAVE_CHECKIN).click().run()
    assert_clean(app)
    made = app.session_state["checkin-replan"]
    with ScenarioStore.open(db) as store:
        child = next(s for s in store.list() if s.name == "Week 6")
        assert child.parent_id is not None
        quarter, saved = store.load(child.parent_id), store.load(child.scenario_id)
    assert quarter.plan is not None
    page = rest_of_quarter_csv_text(
        *(quarter.problem, made["problem"], made["result"].plan, quarter.plan),
        *(made["checkin"], made["replan"].diff),
    )
    exported = scenario_files(saved)["plan.csv"].decode()
    assert exported == page
    said = {r["project_id"]: r["at_checkin"] for r in csv.DictReader(io.StringIO(exported))}
    assert said["LG-06"] == "dropped", said


def test_a_kept_close_plan_saved_as_a_check_ins_parent_reads_kept_close(db):
    """Sales cut to 95 % on the Constraints page, kept close to the plan before it, then a
    check-in saved: the Overview read "Kept close to the previous plan" and so did Compare's
    "Outcome of A" beside the saved pair, while the Scenarios list and planner scenarios
    compare said the same saved parent was "The best plan found". Saved as the Scenarios
    page saves a kept-close plan, it reads kept close everywhere."""
    app = open_tab(open_routed("pages/constraints.py"), "Capacity")
    (slider,) = [s for s in app.slider if s.label == "Sales capacity"]
    slider.set_value(95).run()
    # The cut is kept close to the plan before it, as the page says.
    assert any(KEPT_CLOSE_WORDS in i.value for i in app.info), [i.value for i in app.info]
    app = replan(app.switch_page("pages/checkin.py").run())
    app = app.button[-1].click().run()
    assert_clean(app)
    with ScenarioStore.open(db) as store:
        (parent,) = [s for s in store.list() if s.name.startswith("Plan before ")]
    assert parent.metrics.kept_close is not None
