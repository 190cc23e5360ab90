"""The Scenarios page through AppTest: save, list, load, delete, the database unusable or
changed under the page.

Comparing and deriving are in test_scenarios_page_compare.py, the sweep and the ranking
in test_scenarios_page_sweep.py.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from app_pages import assert_clean, button, open_routed
from scenarios_page import marketing_cut_kept_close, save_current, with_sales_at_90

from planner.core.domain import Problem
from planner.core.shown_figures import percent as percent_text
from planner.scenarios.storage import ScenarioStore

NAME = 'Q3 "base", =SUM(A1) ü *bold* <b>'


def test_page_runs_on_the_sample_with_a_new_database(db):
    """First visit: the page renders, creates the database and invites a first save."""
    app = open_routed("pages/scenarios.py")
    assert_clean(app)
    assert [t.value for t in app.title] == ["Scenarios"]
    assert not app.error and not app.warning
    assert any("No scenario is saved yet" in i.value for i in app.info)
    assert db.is_file()


def test_save_lists_the_scenario_with_its_exact_name_and_metrics(db):
    """A saved what-if must be listed exactly as named, with the figures leaders scan."""
    app = save_current(open_routed("pages/scenarios.py"), NAME, 'note, with "quotes"')
    assert_clean(app)
    assert any("Saved scenario #1" in s.value for s in app.success)
    listed = app.dataframe[0].value
    assert list(listed["name"]) == [NAME]
    assert list(listed["note"]) == ['note, with "quotes"']
    assert (
        listed.loc[0, "status"] == "The best plan possible"
    )  # the outcome in words, not "optimal"
    # Goal attainment as every page writes it; the optimizer's points are not listed.
    assert "objective" not in listed.columns
    assert listed.loc[0, "attainment_pct"].endswith(" %")
    with ScenarioStore.open(db) as store:
        assert store.list()[0].name == NAME

    # Saved, the form is empty for the next what-if; refused, it keeps what to fix.
    assert (app.text_input[0].value, app.text_area[0].value) == ("", "")
    again = save_current(with_sales_at_90(app), NAME, "second")
    assert any("already has this name" in e.value for e in again.error)
    assert len(again.dataframe[0].value) == 1
    assert (again.text_input[0].value, again.text_area[0].value) == (NAME, "second")


def test_after_a_save_the_list_picks_the_scenario_just_saved(db):
    """Saving a second scenario left the picker under the list on the first: its note,
    export, Load and Delete were the first's beside the notice of the second."""
    app = save_current(open_routed("pages/scenarios.py"), "First", "one")
    assert app.selectbox(key="scenario-chosen").value == 1
    app = with_sales_at_90(app)
    app.text_input[0].input("Second")
    app.text_area[0].input("two")
    app = button(app, "Save scenario").click().run()
    assert_clean(app)
    assert any("Saved scenario #2" in s.value for s in app.success)
    assert set(app.dataframe[0].value["name"]) == {"First", "Second"}
    assert app.selectbox(key="scenario-chosen").value == 2
    assert any("two" in m.value for m in app.markdown if m.value.startswith("**Note:**"))


def test_after_a_save_the_current_plan_goes_by_its_saved_name_and_is_compared_with_the_base(db):
    """Saved as #2, the current plan is not "unsaved", and Compare puts the base (#1) before it."""
    app = save_current(open_routed("pages/scenarios.py"), "Q3 base")
    app = save_current(with_sales_at_90(app), "Second look")
    assert_clean(app)
    a, b = app.selectbox(key="compare-a"), app.selectbox(key="compare-b")
    assert a.value == 1 and b.value == 0
    # Named as B's picker and the charts' key name it ("B: Current plan"), then as saved.
    said = "Current plan (B) is saved as #2 · Second look: the same inputs and plan."
    assert any(c.value == said for c in app.caption), [c.value for c in app.caption]


def test_load_puts_a_saved_scenario_in_the_planner(db):
    """Loading a scenario must make every page plan exactly its inputs."""
    app = save_current(open_routed("pages/scenarios.py"), "before the change")
    saved_problem: Problem = app.session_state["problem"]
    capacity = saved_problem.settings.capacity.__class__(multipliers={"sales": 0.5})
    app.session_state["problem"] = saved_problem.replace(
        settings=saved_problem.settings.with_changes(capacity=capacity)
    )
    app = app.run()
    app = button(app, "Load into the planner").click().run()
    assert_clean(app)
    assert app.session_state["problem"] == saved_problem
    assert app.session_state["scenario_parent"] == 1
    assert any("Loaded #1" in s.value for s in app.success)


def test_a_loaded_scenario_is_named_alike_in_the_sidebar_and_the_page_header(db):
    """After Load the sidebar read "Files loaded from scenario #1 ..." under the page's
    "Built on the saved scenario #1 ...": one scenario, two names. Both now say it alike."""
    app = save_current(open_routed("pages/scenarios.py").run(), NAME)
    saved_problem: Problem = app.session_state["problem"]
    capacity = saved_problem.settings.capacity.__class__(multipliers={"sales": 0.5})
    app.session_state["problem"] = saved_problem.replace(
        settings=saved_problem.settings.with_changes(capacity=capacity)
    )
    app = button(app.run(), "Load into the planner").click().run()
    assert_clean(app)
    sidebar = next(c.value for c in app.sidebar.caption if "Files loaded from" in c.value)
    header = next(c.value for c in app.main.caption if c.value.startswith("Built on"))
    named = sidebar.removeprefix("Files loaded from ")
    assert named.startswith("the saved scenario \\#1 ")
    assert header.startswith(f"Built on {named} · ")


def test_load_keeps_the_saved_plan_not_a_fresh_solve_of_its_inputs(db):
    """Keeping a what-if means keeping its plan. "Marketing -20 %" was saved with the plan
    kept close to the one in force (2 projects moved); Load re-solved its inputs from
    scratch (4 moved), so the Plan page and plan.csv showed other owners than the
    scenario the leader chose to keep. The loaded scenario's own plan is the current plan,
    and every page reads its figures.
    """
    from planner.core.loading import load_with_warnings
    from planner.scenarios.metrics import result_metrics
    from planner.scenarios.relative import solve_relative
    from planner.scenarios.scenario import new_scenario
    from planner.scenarios.whatif import with_capacity
    from planner.solving.solver import solve

    sample = load_with_warnings(Path(__file__).resolve().parents[2] / "data" / "sample").problem
    base = solve(sample)
    assert base.plan is not None
    cut = with_capacity(sample, "marketing", 0.8)
    kept = solve_relative(cut, base.plan).result
    assert kept.plan is not None and kept.plan != solve(cut).plan  # the two plans differ
    with ScenarioStore.open(db) as store:
        store.save(new_scenario(cut, kept, "Marketing -20%"))

    app = button(open_routed("pages/scenarios.py"), "Load into the planner").click().run()
    assert_clean(app)
    assert app.session_state["problem"] == cut
    in_force = app.session_state["plan_in_force"]
    assert in_force.problem == cut and in_force.result.plan == kept.plan
    sales = next(m for m in app.metric if m.label == "Sales capacity")
    expected = result_metrics(cut, kept).department("sales")
    assert sales.delta == f"{percent_text(expected.utilisation_pct)} planned"


def test_a_kept_what_if_reads_kept_close_once_loaded_and_saved_again(db):
    """A what-if saved with "keep close to the current plan" read "good, not proven the
    best" on the Plan page once loaded back, as if the clock had stopped it. Loaded, it
    reads "kept close to the previous plan"; saved again from there, it is the same
    scenario, not a second one."""
    from planner.scenarios.relative import DEFAULT_TOLERANCE
    from planner.scenarios.scenario import new_scenario

    cut, kept = marketing_cut_kept_close()
    with ScenarioStore.open(db) as store:
        store.save(new_scenario(cut, kept, "Marketing -20%", kept_close=DEFAULT_TOLERANCE))

    app = button(open_routed("pages/scenarios.py"), "Load into the planner").click().run()
    assert_clean(app)
    app = save_current(app, "Marketing -20% again")
    assert_clean(app)
    assert any(w.value.startswith("Already saved as #1") for w in app.warning)
    app.switch_page("pages/plan.py").run()
    assert_clean(app)
    status = [i.value for i in app.info if "Plan status" in i.value]
    assert status and "Kept close to the previous plan" in status[0]
    assert not [w.value for w in app.warning if "not proven best" in w.value]
    with ScenarioStore.open(db) as store:
        (again,) = store.list()
        assert again.metrics.kept_close == DEFAULT_TOLERANCE


def test_an_unusable_database_shows_a_banner_and_the_page_keeps_working(db):
    """A damaged scenario file must not stop a leader planning, nor be overwritten."""
    db.write_bytes(b"definitely not duckdb\n" * 100)
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    app = open_routed("pages/scenarios.py")
    assert_clean(app)
    banner = " ".join(w.value for w in app.warning)
    assert "Saved scenarios are unavailable" in banner and "keep working" in banner
    assert button(app, "Save scenario").disabled
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
    # The other pages still work.
    app.switch_page("pages/overview.py")
    app = app.run()
    assert_clean(app)


def test_a_plan_saved_in_another_session_is_known_as_saved(db):
    """The CMO saved the quarter as "Q3 base" (with `planner scenarios save`, or on this page
    yesterday) and opens the app again: Compare said "The current plan is not saved." beside
    #1 Q3 base, the same inputs and plan. It names the scenario the plan is saved as."""
    from planner.core.loading import load_with_warnings
    from planner.scenarios.scenario import new_scenario
    from planner.solving.solver import solve

    sample = load_with_warnings(Path(__file__).resolve().parents[2] / "data" / "sample").problem
    store = ScenarioStore.open(db)
    store.save(new_scenario(sample, solve(sample), "Q3 base"))
    app = open_routed("pages/scenarios.py")
    assert_clean(app)
    said = [i.value.replace("\\", "") for i in app.info]
    assert any("The current plan is the one scenario saved (#1 · Q3 base)" in i for i in said)


def test_a_scenario_s_seconds_read_as_the_status_line_writes_them(db):
    """A saved scenario's Advanced detail read "solved in 0.1 s" where the sidebar's status
    line and ``planner solve`` say "planned in 0.13 s": one way to write the seconds."""
    import re

    app = save_current(open_routed("pages/scenarios.py"), "Q3 base")
    assert_clean(app)
    (said,) = [c.value for c in app.caption if " · planned in " in c.value]
    assert re.search(r"planned in \d+\.\d\d s$", said), said


def test_a_scenario_s_score_is_named_as_every_other_page_and_the_cli_name_it(db):
    """The Scenarios page was the last to read "Advanced: the optimizer's score" and "The
    optimizer's score, for specialists", where the other pages and ``planner scenarios
    show`` say "the planner's ranking score" and what it is made of."""
    from planner.interfaces.optimizer_score import SCORE_NAME

    app = save_current(open_routed("pages/scenarios.py"), "Q3 base")
    assert_clean(app)
    assert [e.label for e in app.expander if "score" in e.label] == [
        "Advanced: the plan's score of this scenario"
    ]
    (said,) = [c.value for c in app.caption if " · planned in " in c.value]
    assert said.startswith(f"{SCORE_NAME.capitalize()}: ") and " · planned in " in said, said
    assert " points" not in said, said
    assert "optimizer" not in said and "specialists" not in said


def test_saving_a_plan_saved_already_names_it_instead_of_storing_a_twin(db):
    """The CMO saved the quarter as "Q3 base", then saved it again as "Q3 final" with
    nothing changed: the list held two identical scenarios and Compare set the plan against
    its own twin. The page names the scenario it is saved as (as Check-in does), stores
    nothing, and picks that scenario, whose Rename box gives it the new name."""
    app = save_current(open_routed("pages/scenarios.py"), "Q3 base")
    app = save_current(app, "Q3 final", "the same plan")
    assert_clean(app)
    said = [w.value.replace("\\", "") for w in app.warning]
    assert any(w.startswith("Already saved as #1 · Q3 base") for w in said), said
    assert not any("Saved scenario #2" in s.value for s in app.success)
    assert list(app.dataframe[0].value["name"]) == ["Q3 base"]
    assert app.selectbox(key="scenario-chosen").value == 1
    with ScenarioStore.open(db) as store:
        assert [s.name for s in store.list()] == ["Q3 base"]


def test_saving_again_under_a_name_renamed_away_meanwhile_names_the_scenario_as_it_is_now(db):
    """Saved as "Q3 base", renamed "Old" in another tab, then the same plan saved as "Q3
    base" again: the page read "Saved scenario #1: Old." (taken for the second click of a
    double-click), with nothing under "Q3 base". It names the twin, as any second save."""
    app = save_current(open_routed("pages/scenarios.py"), "Q3 base")
    with ScenarioStore.open(db) as store:
        store.rename(1, "Old")
    app = save_current(app.run(), "Q3 base")
    assert_clean(app)
    said = [w.value.replace("\\", "") for w in app.warning]
    assert any(w.startswith("Already saved as #1 · Old") for w in said), said
    assert not any("Saved scenario" in s.value for s in app.success)


def test_a_database_deleted_while_the_app_is_open_is_said_gone_and_try_again_starts_anew(db):
    """Deleted under the running app, the list read "No scenario is saved yet" and the next
    save began a new, empty database, without a word of the scenarios it had. Now the page
    says the file is gone, with the fix; Try again starts a new one there."""
    app = save_current(open_routed("pages/scenarios.py"), "Q3 base")
    assert list(app.dataframe[0].value["name"]) == ["Q3 base"]
    db.unlink()
    app.run()
    assert_clean(app)
    said = " ".join(w.value for w in app.warning).replace("\\", "")  # Markdown's escapes
    assert "is no longer there: it was deleted or moved while it was open" in said, said
    assert not any("No scenario is saved yet" in i.value for i in app.info)
    assert not db.exists()
    button(app, "Try again").click().run()
    assert_clean(app)
    assert any("No scenario is saved yet" in i.value for i in app.info)
    assert db.is_file()


def test_the_save_form_refuses_a_name_alike_by_width(db):
    """'SAME' saved, the form saved 'ＳＡＭＥ' (full-width) as a second scenario, though every
    reference takes them for one: it is refused naming the saved one, as the CLI says."""
    app = save_current(open_routed("pages/scenarios.py"), "SAME")
    again = save_current(with_sales_at_90(app), "\uff33\uff21\uff2d\uff25")
    said = [e.value.replace("\\", "") for e in again.error]  # as the page shows it
    assert any("#1 ('SAME') already has this name, in another form" in s for s in said), said
    with ScenarioStore.open(db) as store:
        assert [s.name for s in store.list()] == ["SAME"]


def test_a_rerun_reads_no_saved_scenario_back_until_the_list_changes(db, monkeypatch):
    """Every rerun read the picked scenario back from the database and built its inputs
    again, and the one Compare set beside the current plan a second time: at 150 teams x
    1,500 projects 2.8 s of the 4.2 s run that shows a save. Read once, a scenario is kept
    while the list shows it alike; renamed elsewhere, it is read again under its new name."""
    app = save_current(open_routed("pages/scenarios.py"), "Base")
    app = save_current(with_sales_at_90(app), "Sales 90")
    assert app.selectbox(key="scenario-chosen").value == 2
    assert (app.selectbox(key="compare-a").value, app.selectbox(key="compare-b").value) == (1, 0)
    read: list[int] = []
    load = ScenarioStore.load

    def counted(store: ScenarioStore, scenario_id: int):
        read.append(scenario_id)
        return load(store, scenario_id)

    monkeypatch.setattr(ScenarioStore, "load", counted)
    app = app.run()
    assert_clean(app)
    assert read == []

    with ScenarioStore.open(db) as store:
        store.rename(2, "Sales at 90", "renamed elsewhere")
    app = app.run()
    assert_clean(app)
    assert read == [2]
    assert any("renamed elsewhere" in m.value for m in app.markdown)


def test_a_save_says_it_is_saving_while_it_runs(db, monkeypatch):
    """A save at 150 teams x 1,500 projects writes for seconds on a busy machine (7.2 s at
    load 11), and the page showed nothing meanwhile: a spinner with its seconds now."""
    import streamlit as st

    shown: list[tuple[str, bool]] = []
    spinner = st.spinner

    def recorded(text: str = "", **kwargs):
        shown.append((text, bool(kwargs.get("show_time"))))
        return spinner(text, **kwargs)

    app = open_routed("pages/scenarios.py")
    monkeypatch.setattr(st, "spinner", recorded)
    app = save_current(app, "Base")
    assert_clean(app)
    assert any("Saved scenario #1" in s.value for s in app.success)
    assert ("Saving the current inputs and plan…", True) in shown


def test_the_list_marks_a_scenario_that_weighs_the_goals_apart(weighed_apart):
    """A what-if saved with MQLs weighing 10 (2 in Base) read 89.0 % beside Base's 85.6 %
    in the list with no word, read by a CMO as better on the same yardstick. Its goal
    attainment is marked as by its own weights, and the goal and both weights are said
    under the list, as `planner scenarios list` says them."""
    from pages.ui import md

    app = open_routed("pages/scenarios.py")
    assert_clean(app)
    listed = app.dataframe[0].value
    cells = dict(zip(listed["name"], listed["attainment_pct"], strict=True))
    assert cells["MQLs must hit"].endswith("% (own weights)")
    assert cells["Base"].endswith(" %")
    said = md("#2 · MQLs must hit weighs Marketing-qualified leads at 10 (the others at 2)")
    assert any(said in c.value for c in app.caption)


def test_a_scenario_saved_without_a_plan_reads_a_dash_in_the_list_not_none(db):
    """A scenario saved where no plan could be made has no count of projects left out: its
    "Left out" cell was null, which a table shows as "None" (found by tests/page_fuzz.py).
    It reads "–", as its goal attainment does."""
    from decimal import Decimal

    import pandas as pd

    from planner.core.domain import Project
    from planner.core.shown_figures import NO_FIGURE

    app = open_routed("pages/scenarios.py")
    problem: Problem = app.session_state["problem"]
    impossible = Project("X-1", "Impossible launch", "awareness", Decimal(10_000), mandatory=True)
    app.session_state["problem"] = problem.replace(projects=(*problem.projects, impossible))
    save_current(app.run(), "No plan")
    assert_clean(app)
    (listed,) = [d for d in app.dataframe if "unassigned" in d.value.columns]
    row = listed.value[listed.value["name"] == "No plan"].iloc[0]
    assert row["attainment_pct"] == NO_FIGURE
    # A missing value shows as the table's placeholder, or "None" when it has none.
    placeholder = listed.proto.placeholder if listed.proto.HasField("placeholder") else "None"
    shown = placeholder if pd.isna(row["unassigned"]) else str(row["unassigned"])
    assert shown == NO_FIGURE
