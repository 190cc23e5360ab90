"""A VP Sales at week 6, on the sample in weeks: two deals late, a save desk dropped, the
Mid-Market AEs' hours used, a re-plan; then an edit on the Data page.

``st.data_editor`` cannot be typed into from AppTest: the check-in is recorded as the page
keeps it, in the tables its editors start from (``checkin-tables``), then rerun.
"""

from __future__ import annotations

from pathlib import Path

from app_pages import assert_clean, edit_checkin, grid_edit, open_routed, type_in_checkin
from streamlit.testing.v1 import AppTest


def _week_six(app: AppTest) -> AppTest:
    """CL-05 late, the save desk dropped, SMB self-serve free to move; then Re-plan."""
    app = edit_checkin(app, "projects", "CL-05", "percent_done", 10.0)
    app = edit_checkin(app, "projects", "RE-03", "status", "dropped")
    app = edit_checkin(app, "projects", "CL-09", "unlock", True)
    app = app.button(key="checkin-replan-button").click().run()
    assert_clean(app)
    return app


def _metrics(app: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in app.metric}


def _read(elements) -> str:
    """The elements' texts as a leader reads them: joined, markdown's escapes gone."""
    return " ".join(e.value for e in elements).replace("\\", "")


def test_the_projects_taken_out_read_as_a_bold_heading_not_asterisks(db):
    """After Re-plan the VP read '**Out of the plan at the check-in: 1** · 1 dropped by
    you', the asterisks on the screen: the heading went through the escape for user text."""
    app = _week_six(open_routed("pages/checkin.py"))
    heading = next(m.value for m in app.markdown if "Out of the plan" in m.value)
    assert heading == "**Out of the plan at the check-in: 1** · 1 dropped by you"


def test_the_changes_card_counts_projects_moved_or_taken_out_and_says_so(db):
    """The card read 'Owner changes: 1 of 3' over a change that took a project out of the
    plan (no owner moved): the card counts what the limit counts, and its label says so."""
    app = _week_six(open_routed("pages/checkin.py"))
    shown = _metrics(app)
    assert "Owner changes" not in shown
    # "1 of 3" did not say 3 is the most changes allowed; the card says so in words.
    changed, budget = shown["Changes"].split(" of at most ")
    assert budget == "3"
    assert int(changed) == app.session_state["checkin-replan"]["replan"].num_changes
    card = next(m for m in app.metric if m.label == "Changes")
    assert "moved to another team or taken out of the plan" in card.help


def _apply_a_new_target(app: AppTest) -> AppTest:
    """On the Data page: New logos won's target 40 -> 30, then Apply edits."""
    app.switch_page("pages/data.py")
    app = app.run()
    row = list(app.session_state["problem"].goal_index).index("new-logos")
    app.session_state["edit-goals.csv-0"] = grid_edit(edited={row: {"target": 30}})
    app = app.run()
    app = next(b for b in app.button if b.label == "Apply edits").click().run()
    assert_clean(app)
    assert app.session_state["problem"].goal_index["new-logos"].target == 30
    app.switch_page("pages/checkin.py")
    return app.run()


def test_a_replan_of_the_plan_before_a_data_edit_is_not_shown_as_this_plans(db):
    """After the re-plan the VP changed a target on the Data page and came back: the page
    still showed the old re-plan's cards and tables, figured on the new inputs (At quarter
    end 74.6 % -> 75.1 %), under 'The check-in or the budget changed'. The old re-plan is
    for another plan: the page says the baseline changed and asks for a new Re-plan."""
    app = _week_six(open_routed("pages/checkin.py"))
    assert "At quarter end" in _metrics(app)
    app = _apply_a_new_target(app)
    assert_clean(app)
    assert "At quarter end" not in _metrics(app)
    assert not any(d.value.columns.isin(["still_to_come"]).any() for d in app.dataframe)
    said = " ".join(i.value for i in app.info)
    assert "The plan you are checking in on changed since the last re-plan" in said


def test_records_replaced_by_a_new_pre_fill_after_a_data_edit_are_said(db):
    """The VP's week-6 records (a late deal) were silently replaced by the pre-fill of the
    edited plan: the page now says the tables were pre-filled again."""
    app = type_in_checkin(
        open_routed("pages/checkin.py"), "projects", "CL-05", "percent_done", 10.0
    )
    assert_clean(app)
    app = _apply_a_new_target(app)
    said = " ".join(w.value for w in app.warning)
    assert "pre-filled again" in said
    assert "your records" in said


def test_no_warning_about_records_when_the_tables_were_never_edited(db):
    app = open_routed("pages/checkin.py")
    app = _apply_a_new_target(app)
    assert_clean(app)
    assert not any("pre-filled again" in w.value for w in app.warning)


def _overspent(app: AppTest) -> AppTest:
    """A deal desk late (CL-02 at 20 %) and the Mid-Market AEs at 800 h used (455 h planned)."""
    app = edit_checkin(app, "projects", "CL-02", "percent_done", 20.0)
    return edit_checkin(app, "hours", "mm-ae", "hours_used", 800.0)


def test_no_replan_names_the_week_the_work_in_progress_does_not_fit(db):
    """The advice read "they need more hours than their teams have left" while the Mid-Market
    AEs had 525 h left for 328 h of work in progress: the sales off-site's week 7, cut by
    the hours used, is the one short, and the advice says so."""
    app = _overspent(open_routed("pages/checkin.py"))
    app = app.button(key="checkin-replan-button").click().run()
    assert_clean(app)
    advice = _read(app.warning)
    assert "more hours than their teams have left" not in advice
    assert "Mid-Market AEs has 40.3 h in week 7" in advice
    assert "need 46.9 h that week" in advice


def test_if_we_carry_on_says_the_baseline_no_longer_fits_the_hours_left(db):
    """The forecast table's 'If we carry on' read 63.3 % for New logos won beside the
    re-plan's 12.5 %, as if keeping the plan were an option: it needs 728 h of the Mid-Market
    AEs' 525 h left, and the page says so beneath the table."""
    app = edit_checkin(
        _overspent(open_routed("pages/checkin.py")), "projects", "CL-09", "unlock", True
    )
    app = app.button(key="checkin-replan-button").click().run()
    assert_clean(app)
    said = _read(app.caption)
    assert (
        "**If we carry on** is the plan you checked in on, as it was, and it no longer fits "
        "the hours left: "
        "Mid-Market AEs: 728 h of work for 525 h left. The re-plan fits them."
    ) in said


def test_hours_used_past_the_capacity_in_force_are_pointed_out(db):
    """2,000 h typed for the Mid-Market AEs (1,325 h in force) read as any other figure until
    the re-plan failed: the page says at once that nothing is left for the weeks ahead."""
    app = edit_checkin(open_routed("pages/checkin.py"), "hours", "mm-ae", "hours_used", 2000.0)
    assert_clean(app)
    said = _read(app.warning)
    assert (
        "More hours used than the team's capacity for the quarter, so nothing is left for the "
        "weeks ahead: Mid-Market AEs: 2,000 h used of 1,325 h."
    ) in said
    app = edit_checkin(app, "hours", "mm-ae", "hours_used", 800.0)
    assert not any("More hours used" in w.value for w in app.warning)


def test_a_late_deal_with_the_kpis_left_as_pre_filled_is_said_to_count_twice(db):
    """Week 6, the enterprise sponsor program recorded 10 % done (the plan had 30 %), the
    KPIs left as pre-filled: Closed-won new ARR's forecast read 113.3 % against the plan's
    106.7 %, a late deal raising the forecast. The page says the KPI is the pre-fill and
    that the forecast counts 100,000 ARR $ twice, and what to type."""
    app = open_routed("pages/checkin.py")
    assert not any("twice" in w.value for w in app.warning)
    app = edit_checkin(app, "projects", "CL-05", "percent_done", 10.0)
    assert_clean(app)
    said = _read(app.warning)
    assert "Closed-won new ARR: the KPI so far is still the pre-fill" in said
    assert "the forecast counts about 100,000 ARR $ twice" in said
    assert "Type the KPI reached in Goals: KPI so far." in said


def test_a_second_check_in_keeps_the_end_week_the_first_gave_a_late_deal(db):
    """Week 6: the enterprise sponsor program runs late, to week 11; re-planned and saved.
    Week 8, on that saved re-plan, the VP cleared its "Ends in week" cell, which reads
    "Empty: as planned": the re-plan ended it where the quarter's own plan did, weeks
    before the first check-in's week 11, as if that check-in had never said so. The
    command line's `checkin --since` keeps the first check-in's end week; so does the page.
    """
    app = open_routed("pages/checkin.py")
    app = edit_checkin(app, "projects", "CL-05", "percent_done", 10.0)
    app = edit_checkin(app, "projects", "CL-05", "end_week", 11.0)
    app = app.button(key="checkin-replan-button").click().run()
    app.text_input[0].set_value("Week 6")
    app = app.button[-1].click().run()
    assert_clean(app)
    app = app.run()  # the list of baselines now has the saved re-plan
    week_six = next(k for k in app.selectbox(key="checkin-baseline").options if "Week 6" in k)
    app.selectbox(key="checkin-baseline").select(week_six).run()
    app.number_input(key="checkin-weeks").set_value(8.0)
    app = app.button(key="checkin-prefill").click().run()
    assert_clean(app)
    app = edit_checkin(app, "projects", "CL-05", "end_week", float("nan"))
    app = app.button(key="checkin-replan-button").click().run()
    assert_clean(app)
    assert app.session_state["checkin-replan"]["checkin"].progress("CL-05").end_week == 11


def test_a_project_marked_done_in_the_grid_reads_100_percent_done_not_its_old_figure(db):
    """The VP marked a deal in progress "done" and its row still read its old % done beside
    "done". The grid is drawn again with the row at 100 % done, as a done project reads in
    the pre-fill, and the records typed before (a goal's KPI) are kept, as the text typed
    (the grids' figures are text cells)."""
    app = open_routed("pages/checkin.py").run()
    projects = app.session_state["checkin-tables"]["projects"]
    moving = projects[(projects["status"] == "in progress") & (projects["percent_done"] > 0)]
    project_id = str(moving["project_id"].iloc[0])
    app = type_in_checkin(app, "goals", "mqls", "achieved", "900")
    app = type_in_checkin(app, "projects", project_id, "status", "done")
    assert_clean(app)
    version, tables = app.session_state["checkin-tables-last"]
    assert version == app.session_state["checkin-editor-version"]
    row = tables["projects"].set_index("project_id").loc[project_id]
    assert (row["status"], row["percent_done"]) == ("done", "100")
    assert tables["goals"].set_index("goal_id").loc["mqls", "achieved"] == "900"


def test_a_project_typed_100_percent_done_in_the_grid_is_done_and_the_re_plan_is_offered(db):
    """The VP typed 100 in "% done" of a project finished early: the page refused the whole
    check-in ("% done must be 0 to 99 (mark it done at 100 %)"), though 100 % was what she
    typed. The row is drawn again as done, the Projects done card counts it, and Re-plan
    is offered."""
    app = open_routed("pages/checkin.py").run()
    projects = app.session_state["checkin-tables"]["projects"]
    moving = projects[(projects["status"] == "in progress") & (projects["percent_done"] > 0)]
    project_id = str(moving["project_id"].iloc[0])
    done_before = int(_metrics(app)["Projects done"])
    app = type_in_checkin(app, "projects", project_id, "percent_done", "100")
    assert_clean(app)
    assert not app.error, [e.value for e in app.error]
    _, tables = app.session_state["checkin-tables-last"]
    row = tables["projects"].set_index("project_id").loc[project_id]
    assert (row["status"], float(row["percent_done"])) == ("done", 100.0)
    assert int(_metrics(app)["Projects done"]) == done_before + 1
    assert any(b.key == "checkin-replan-button" for b in app.button)


def test_a_saved_baseline_deleted_in_another_tab_is_said_with_what_to_do_next(db):
    """The VP picked the saved "Q3 plan" as the baseline; a colleague deleted it in another
    tab. Back on the page, the picker had fallen back to this session's plan, and the tables
    to its pre-fill, without a word. The page says the plan picked is no longer saved, what
    the check-in starts from now and where to go; picking another baseline clears it."""
    from planner.core.loading import load_with_warnings
    from planner.scenarios.scenario import new_scenario
    from planner.scenarios.storage import ScenarioStore
    from planner.solving.solver import solve

    sample = load_with_warnings(Path(__file__).resolve().parents[2] / "data" / "sample").problem
    with ScenarioStore.open(db) as store:
        store.save(new_scenario(sample, solve(sample), "Q3 plan"))
    app = open_routed("pages/checkin.py").run()
    app.selectbox(key="checkin-baseline").set_value(1).run()
    assert not app.warning
    with ScenarioStore.open(db) as store:
        store.delete(1)
    app.run()
    assert_clean(app)
    assert app.selectbox(key="checkin-baseline").value == "session"
    said = [w.value for w in app.warning if "no longer saved" in w.value]
    assert len(said) == 1 and "**Q3 plan**" in said[0], [w.value for w in app.warning]
    assert "the current plan" in said[0] and "Scenarios page" in said[0]
    assert any(link.label == "Open the Scenarios page" for link in app.get("page_link"))
    app.run()  # still said at the next run, until another baseline is picked
    assert any("no longer saved" in w.value for w in app.warning)
    with ScenarioStore.open(db) as store:
        store.save(new_scenario(sample, solve(sample), "Q3 plan, again"))
    app.run()
    app.selectbox(key="checkin-baseline").set_value(2).run()
    assert_clean(app)
    assert not any("no longer saved" in w.value for w in app.warning)


def test_a_percent_done_on_a_project_not_started_is_said_not_to_count(db):
    """30 % typed on a project still "not started" was ignored without a word: the re-plan
    counted none of it. The page says which and what to do. 20 % left on a project the
    leader dropped is not said: telling them to set it in progress read as a rebuke."""
    app = open_routed("pages/checkin.py")
    projects = app.session_state["checkin-tables"]["projects"]
    waiting = projects[projects["status"] == "not started"].iloc[0]
    app = edit_checkin(app, "projects", waiting["project_id"], "percent_done", 30.0)
    app = edit_checkin(app, "projects", "RE-03", "status", "dropped")
    app = edit_checkin(app, "projects", "RE-03", "percent_done", 20.0)
    assert_clean(app)
    said = _read(app.info)
    assert "% done counts only for a project in progress; not counted: " in said
    assert f"{waiting['project']} ({waiting['project_id']}): not started, 30 %" in said
    assert "RE-03" not in said and "dropped" not in said
    assert "To count it, set the project's status to in progress." in said
    app = edit_checkin(app, "projects", waiting["project_id"], "status", "in progress")
    app = edit_checkin(app, "projects", "RE-03", "percent_done", 0.0)
    assert not any("counts only for a project in progress" in i.value for i in app.info)


def test_a_percent_done_typed_as_a_share_of_1_is_said_with_the_fix_and_read_as_typed(db):
    """0.6 typed in "% done" for 60 % was re-planned as 0.6 % done without a word; the page
    says it beside its other notes on % done, with the check-in file's fix; 60 is said
    nothing of."""
    app = open_routed("pages/checkin.py")
    projects = app.session_state["checkin-tables"]["projects"]
    running = projects[projects["status"] == "in progress"].iloc[0]
    app = edit_checkin(app, "projects", running["project_id"], "percent_done", 0.6)
    assert_clean(app)
    said = _read(app.info)
    assert "% done is out of 100, not a share of 1, so these read as typed:" in said
    assert (
        f"{running['project']} ({running['project_id']}): 0.6 %; Write 60 for 60 %, or keep "
        "0.6 for 0.6 %."
    ) in said
    app = edit_checkin(app, "projects", running["project_id"], "percent_done", 60.0)
    assert not any("not a share of 1" in i.value for i in app.info)
