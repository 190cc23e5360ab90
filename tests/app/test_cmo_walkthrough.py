"""A CMO who never saw the app, on the sample: who does what, and when.

Each test is something they looked for and did not find, or found saying
something else than the page beside it.
"""

from __future__ import annotations

from pathlib import Path

from app_pages import PRIORITIES, assert_clean, button, open_routed, open_tab
from checkin_page import SAVE_CHECKIN
from streamlit.testing.v1 import AppTest

from planner.core.loading import load_with_warnings
from planner.core.plan_csv import read_plan_csv
from planner.interfaces.cli import main
from planner.scenarios.whatif import with_capacity

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"


def test_the_assignments_say_when_each_project_runs_as_plan_csv_does(tmp_path, monkeypatch):
    """Plan page: "who does what, and when?" The timeline's bars read "QU-02 · Competitive
    battlec…" between week ticks; the Assignments table below named the team, hours and
    value but no week, while plan.csv has each row's start and end week. The table now has
    the weeks each row runs, those of `planner solve`'s plan.csv."""
    monkeypatch.chdir(tmp_path)
    assert main(["solve", str(SAMPLE), "--out", "plan.csv"]) == 0
    sample = load_with_warnings(SAMPLE).problem
    cli_plan = read_plan_csv((tmp_path / "plan.csv").read_text())
    expected = {
        (a.project_id, a.team_id): (
            f"{a.start_week}-{a.end_week}" if a.start_week != a.end_week else f"{a.start_week}"
        )
        for a in cli_plan.assignments
    }

    app = open_routed("pages/plan.py")
    assert_clean(app)
    assigned = app.dataframe[0].value
    names = {t.name: t.team_id for t in sample.teams}
    shown = {
        (row.project_id, names[row.team]): row.weeks for row in assigned.itertuples(index=False)
    }
    assert shown == expected
    # In sight on a laptop, after who owns it, its hours and its value.
    assert "weeks" in list(app.dataframe[0].proto.column_order)[:8]
    assert shown[("AW-01", "content")] == "8-13"  # a project of the sample's second half


def _checkin_with_a_drop(db: Path, monkeypatch) -> AppTest:
    """The Check-in page on the sample, LG-06 dropped (as the Projects table's edit does)."""
    monkeypatch.setenv("PLANNER_DB", str(db))
    app = open_routed("pages/checkin.py")
    tables = app.session_state["checkin-tables"]
    frame = tables["projects"]
    frame.loc[frame[frame.columns[0]] == "LG-06", "status"] = "dropped"
    app.session_state["checkin-tables"] = tables
    return app.run()


def test_the_check_in_cards_count_the_projects_dropped_as_its_summary_does(tmp_path, monkeypatch):
    """Check-in: a CMO dropped the partner co-marketing; the cards read 7 done and 17 in
    progress and said nothing of it, while the save's summary read "1 dropped"."""
    app = _checkin_with_a_drop(tmp_path / "planner.duckdb", monkeypatch)
    assert_clean(app)
    card = next(m for m in app.metric if m.label == "In progress")
    assert card.delta == "1 dropped"
    app = app.button(key="checkin-replan-button").click().run()
    # The save's summary, as Markdown shows user text literally ("1 dropped by you\\."),
    # beside the baseline's projects the re-plan leaves out, in the page's words, each count
    # naming its projects.
    dropped = app.session_state["checkin-tables"]["projects"].set_index("project_id")
    named = f"1 dropped by you ('{dropped.loc['LG-06', 'project']}')."
    assert any(named in c.value.replace("\\", "") for c in app.caption), named


def test_after_saving_a_check_in_it_no_longer_says_the_baseline_is_saved_first(
    tmp_path, monkeypatch
):
    """Check-in, Save: the notice read "Saved … as a child of Plan before …", and beneath
    the form the caption still read "The baseline is this session's plan: it is saved
    first, as the parent"."""
    app = _checkin_with_a_drop(tmp_path / "planner.duckdb", monkeypatch)
    app = app.button(key="checkin-replan-button").click().run()
    assert any("it is saved first" in c.value for c in app.caption)
    app = button(app, SAVE_CHECKIN).click()
    app = app.run()
    assert_clean(app)
    assert any(s.value.startswith("Saved") for s in app.success)
    assert not any("it is saved first" in c.value for c in app.caption)
    assert any("is saved as #1" in c.value for c in app.caption)


def test_the_scenario_list_puts_attainment_parent_and_note_before_when_and_how(
    tmp_path, monkeypatch
):
    """Scenarios: on a laptop the list read #, Name, Created, Status, Goal attainment,
    Utilisation, Left out; the scenario a check-in was derived from and the note were
    past the right edge. What a leader compares comes first now."""
    monkeypatch.setenv("PLANNER_DB", str(tmp_path / "planner.duckdb"))
    app = open_routed("pages/scenarios.py")
    for name in ("Q3 base", "Q3 base, sales at 90 %"):  # the second derives from the first
        app.text_input[0].input(name)
        app = next(b for b in app.button if b.label == "Save scenario").click().run()
        # Another plan for the second save: the same one is not saved twice.
        app.session_state["problem"] = with_capacity(app.session_state["problem"], "sales", 0.9)
        app = app.run()
    assert_clean(app)
    listed = app.dataframe[0]
    assert list(listed.value["derived_from"]) == ["Q3 base", ""]
    assert list(listed.proto.column_order)[:6] == [
        "id",
        "name",
        "attainment_pct",
        "unassigned",
        "derived_from",
        "note",
    ]


def test_a_pre_filled_count_reads_whole_and_says_what_the_plan_had(tmp_path, monkeypatch):
    """Check-in, Goals: KPI so far: "New logos won: 7.7 new customers" achieved, pre-filled:
    the plan's pro-rata expectation, where a VP Sales records customers won. It reads 8,
    and the tab says the plan's projects would have 7.7 by now."""
    monkeypatch.setenv("PLANNER_DB", str(tmp_path / "planner.duckdb"))
    app = open_routed("pages/checkin.py")
    assert_clean(app)
    goals = app.session_state["checkin-tables"]["goals"]
    assert goals.set_index("goal_id").loc["new-logos", "achieved"] == 8
    said = [c.value.replace("\\", "") for c in app.caption if "whole units" in c.value]
    assert (
        said
        and "New logos won: 8 new customers, where the plan's projects would have " in (said[0])
    )
    assert "7.7 new customers by now" in said[0] and "Type what you reached" in said[0]


def test_a_goal_s_weight_is_headed_alike_on_overview_constraints_and_plan_xlsx(
    tmp_path, monkeypatch
):
    """The Overview's goals table heads the weight "Weight" (to fit a laptop); Constraints,
    where a CMO changes it, and plan.xlsx's Goals sheet said "How much it matters"."""
    import io
    import json

    from openpyxl import load_workbook

    from planner.interfaces.exports import plan_workbook
    from planner.solving.solver import solve

    monkeypatch.setenv("PLANNER_DB", str(tmp_path / "planner.duckdb"))

    def labels(element) -> set[str]:
        config = json.loads(element.proto.columns or "{}")
        return {c.get("label") for c in config.values() if isinstance(c, dict)}

    overview = open_routed("pages/overview.py")
    shown = labels(overview.dataframe[0])
    constraints = open_tab(open_routed("pages/constraints.py"), PRIORITIES)
    weights = next(e for e in constraints.data_editor if e.key.startswith("goal-weights-"))
    sample = load_with_warnings(SAMPLE).problem
    book = load_workbook(io.BytesIO(plan_workbook(sample, solve(sample))), read_only=True)
    header = next(book["Goals"].iter_rows(values_only=True))
    assert "Weight" in shown and "Weight" in labels(weights) and "Weight" in header


def test_the_plan_s_assignments_show_the_other_columns_a_switch_away():
    """At 1024 px the assignments scrolled sideways; they open on who owns each project,
    its hours, value (in its goal's KPI) and weeks, the project's name whole at 1280 px.
    Share, goal, stage, department, status, joint and mandatory are one switch away, on the
    same rows and numbers."""
    app = open_routed("pages/plan.py")
    assert_clean(app)
    first = list(app.dataframe[0].proto.column_order)
    assert first == ["project", "project_id", "team", "hours", "value", "weeks"]
    rows = app.dataframe[0].value
    switch = app.toggle(key="plan-every-column")
    # The switch's help names the columns as their headers read, not as their keys.
    assert switch.help == "Also Share, Goal, Stage, Department, Status, Joint and Mandatory"
    app = switch.set_value(True).run()
    assert_clean(app)
    every = list(app.dataframe[0].proto.column_order)
    assert every[: len(first)] == first
    assert every[len(first) :] == [
        "share",
        "goal",
        "stage",
        "department",
        "status",
        "joint",
        "mandatory",
    ]
    assert app.dataframe[0].value.equals(rows)


def test_the_export_preview_shows_the_file_s_other_columns_a_switch_away():
    """The Export's preview opens on each project's team, hours, value, weeks and status
    (at 1024 px the rest scrolled sideways); the switch shows every column of plan.csv's
    preview, on the same rows."""
    app = open_routed("pages/export.py")
    assert_clean(app)
    table = app.dataframe[0]
    first = ["Project", "Team", "Hours", "Value (KPI units)", "Start week", "End week", "Status"]
    assert list(table.proto.column_order) == first
    rows = table.value
    app = app.toggle(key="export-every-column").set_value(True).run()
    assert_clean(app)
    assert list(app.dataframe[0].proto.column_order) == list(rows.columns)
    assert {"Goal", "Stage", "Department", "Share"} <= set(rows.columns)
    assert app.dataframe[0].value.equals(rows)


def test_the_sidebar_names_the_data_and_the_plan_on_the_check_in_page_too():
    """Every page's sidebar reads "Files loaded from the bundled sample quarter" and "Plan:
    The best plan possible ..." under the page list; on the Check-in page, before a re-plan, both
    were gone (the page stops early until Re-plan is pressed, and the sidebar was drawn
    after the page). They read there as on the Overview, the same words."""
    overview = open_routed("pages/overview.py")
    assert_clean(overview)
    expected = [c.value for c in overview.sidebar.caption]
    assert expected[0].startswith("Files loaded from") and expected[1].startswith("Plan: ")
    # The sample's folder is for whoever runs the app: in the help, not in the caption.
    assert expected[0] == "Files loaded from the bundled sample quarter", expected[0]
    assert "data/sample" in overview.sidebar.caption[0].proto.help
    app = overview
    app.switch_page("pages/checkin.py")
    app = app.run()
    assert_clean(app)
    assert [i.value for i in app.info if "press **Re-plan**" in i.value]  # stopped early
    assert [c.value for c in app.sidebar.caption] == expected


def test_the_sidebar_never_shows_another_plan_s_status_while_the_inputs_have_none(monkeypatch):
    """An uploaded quarter took 10 s to plan, and all that time the sidebar read "Files
    loaded from uploaded vp.zip" above "Plan: The best plan possible for these inputs
    (planned in 0.09 s)", the sample's plan, still on screen from the run before. With no
    plan yet for the inputs, the sidebar says so in its place."""
    import pages.solving

    monkeypatch.setattr(pages.solving, "cached_result", lambda problem: None)
    app = open_routed("pages/overview.py")
    assert_clean(app)
    lines = [c.value for c in app.sidebar.caption]
    assert lines[1] == "Plan: not made yet for these inputs (it is being made)", lines
    assert not any("planned in" in line for line in lines), lines
