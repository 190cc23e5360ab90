"""A CMO and a VP Sales planning their quarter: what read differently from page to page.

Each test is one step of that session and what the leader should have seen.
"""

from __future__ import annotations

import dataclasses
import io

import pandas as pd
import pyarrow as pa
from app_pages import assert_clean, content_contractor, delete_and_apply, grid_edit, open_routed
from streamlit.testing.v1 import AppTest

from pages.solving import RELATIVE


def _shown(app: AppTest, index: int) -> pd.DataFrame:
    """The cells of the page's ``index``-th table as the leader reads them.

    A table styled for display (hours as "340 h") sends its display text beside its
    numbers; a plain one shows its numbers.
    """
    styler = app.dataframe[index].proto.arrow_data.styler
    if styler.display_values:
        return pa.ipc.open_stream(io.BytesIO(styler.display_values)).read_pandas()
    return app.dataframe[index].value


def test_hours_read_with_their_unit_in_the_plan_s_tables_as_in_left_out():
    """Plan page: Assignments read "340" for SEO pillar pages' hours where Left out, just
    below, read "200 h" (and every card "4,391 h"). Every table reads hours one way, with
    the numbers kept underneath so that sorting by hours still sorts by size."""
    app = open_routed("pages/plan.py")
    assert_clean(app)
    assigned = app.dataframe[0].value
    shown = _shown(app, 0)
    row = assigned.index[assigned["project_id"] == "AW-01"][0]
    assert shown.loc[row, "hours"] == "340 h"
    assert assigned.loc[row, "hours"] == 340  # still a number: it sorts by size
    left_out = next(t for t in app.table if "Why it is left out" in t.value.columns)
    assert "200 h" in list(left_out.value["Hours"])


def test_a_planned_project_s_value_reads_in_its_goal_s_unit_as_left_out_does():
    """Plan page, Assignments: "Value" read 22,000 for the SEO hub and 460 for the webinars,
    two bare numbers of two units with no unit in sight (the KPI was under Show every
    column), where Left out just below reads "8,000 website visitors" and the Export's
    preview "22,000 website visitors". Each value reads in its goal's KPI, the number kept
    underneath so that a click on the heading still sorts by size."""
    app = open_routed("pages/plan.py")
    assert_clean(app)
    assigned = app.dataframe[0].value
    shown = _shown(app, 0)
    row = {pid: i for i, pid in zip(assigned.index, assigned["project_id"], strict=True)}
    assert shown.loc[row["AW-01"], "value"] == "22,000 website visitors"
    assert shown.loc[row["LG-01"], "value"] == "460 MQLs"
    assert assigned.loc[row["AW-01"], "value"] == 22_000  # still a number: it sorts by size
    # Each row in its own goal's unit, as the Export's preview writes it.
    export = open_routed("pages/export.py")
    preview = export.dataframe[0].value
    planned = {
        (p, t): v
        for p, t, v in zip(
            preview["Project"], preview["Team"], preview["Value (KPI units)"], strict=True
        )
        if v
    }
    mine = {
        (p, t): v
        for p, t, v in zip(assigned["project"], assigned["team"], shown["value"], strict=True)
    }
    assert mine == planned


def test_the_export_preview_reads_hours_as_the_plan_page_does():
    """Export page, "Preview of the plan": Hours read "340" where the Plan page's tables
    read "340 h"."""
    app = open_routed("pages/export.py")
    assert_clean(app)
    shown = _shown(app, 0)
    assert "340 h" in list(shown["Hours"])


def test_dropping_a_project_on_the_data_page_applies_and_says_what_went_with_it():
    """CMO: "what if we drop the webinar series?" Deleting LG-01's row on the Data page and
    pressing Apply read "Your edits were not applied ... estimates.csv row 4: the project
    'LG-01' is not in projects.csv": its own estimate, a row the leader never touched, held
    the deletion back. It applies, and the page says the estimate went with it."""
    app = open_routed("pages/data.py")
    problem = app.session_state["problem"]
    index = [p.project_id for p in problem.projects].index("LG-01")
    delete_and_apply(app, "projects.csv", index)
    assert_clean(app)
    assert not app.error, [e.value for e in app.error]
    after = app.session_state["problem"]
    assert "LG-01" not in after.project_index
    said = " ".join(i.value for i in app.info).replace("\\", "")  # Markdown escapes
    assert "Deleted project Q3 webinar series on compliance automation (LG-01)" in said, said
    assert "1 estimate went with it" in said, said


def test_a_note_of_several_lines_reads_as_lines_not_as_backslash_n(tmp_path, monkeypatch):
    """Scenarios, a saved check-in's note: "... unlocked LG-03, LG-06\\n\\nCheck-in at week 6
    of 13: ..." with a literal "\\n\\n" where the note breaks a line (the check-in adds its
    summary below the leader's words; a note typed on two lines read the same). Each line
    reads as a line, still as plain text."""
    monkeypatch.setenv("PLANNER_DB", str(tmp_path / "planner.duckdb"))
    app = open_routed("pages/scenarios.py")
    app.text_input[0].input("Q3 base")
    app.text_area[0].input("First line *not bold*\n\nSecond line")
    next(b for b in app.button if b.label == "Save scenario").click().run()
    assert_clean(app)
    (note,) = [m.value for m in app.markdown if m.value.startswith("**Note:**")]
    assert "\\n" not in note, note
    first, second = note.split("\n", 1)
    assert first.startswith("**Note:** First line \\*not bold\\*"), note
    assert second.strip().endswith("Second line"), note


def test_a_check_in_on_a_saved_plan_is_saved_as_its_child_not_beside_a_copy(tmp_path, monkeypatch):
    """VP Sales saved the plan ("VP Sales", #1: "Built on the saved scenario #1 ... no unsaved
    changes"), checked in at week 6 and saved the re-plan: it was saved as a child of a new
    #2 "Plan before Check-in week 6", a copy of #1 with no "derived from", and #1 had no
    check-in below it. The saved plan is the parent."""
    from planner.scenarios.storage import ScenarioStore

    path = tmp_path / "planner.duckdb"
    monkeypatch.setenv("PLANNER_DB", str(path))
    app = open_routed("pages/scenarios.py")
    app.text_input[0].input("VP Sales")
    next(b for b in app.button if b.label == "Save scenario").click().run()
    assert_clean(app)
    app.switch_page("pages/checkin.py").run()
    assert_clean(app)
    app = app.button(key="checkin-replan-button").click().run()
    assert_clean(app)
    captions = " ".join(c.value for c in app.caption)
    assert "it is saved first, and the check-in is built on it" not in captions
    app = app.button[-1].click().run()  # Save, built on the plan you checked in on
    assert_clean(app)
    (said,) = [s.value for s in app.success if s.value.startswith("Saved")]
    assert said.endswith(", built on **VP Sales**."), said
    summaries = ScenarioStore(path).list()
    assert [s.name for s in summaries][-1] == "VP Sales" and len(summaries) == 2
    child = next(s for s in summaries if s.name != "VP Sales")
    assert child.parent_id == 1


def test_applying_an_edit_says_on_the_data_page_how_the_plan_moved():
    """CMO, "what if I had one more writer from week 5?": Content's calendar rows for weeks
    5-6 and 7-13 raised by 40 h on the Data page, Apply. The page said only "Edits applied:
    the plan is solved again" in a toast; what the writer buys (goal attainment 85.6 % →
    86.6 %, 'Customer story video series' added) was on the Overview alone, and only for a
    leader who had opened a plan page first. The Data page says it where the edit was made."""
    app = open_routed("pages/data.py")
    assert_clean(app)
    calendar = app.session_state["problem"].calendar
    rows = [i for i, c in enumerate(calendar) if c.team_id == "content" and c.first_week in (5, 7)]
    app.session_state["edit-calendar.csv-0"] = grid_edit(
        edited={i: {"capacity_hours": float(calendar[i].capacity_hours) + 40} for i in rows}
    )
    app.run()
    next(b for b in app.button if b.label == "Apply edits").click().run()
    assert_clean(app)
    said = " ".join(i.value for i in app.info).replace("\\", "")
    assert "Since the previous plan:" in said, said
    assert "Goal attainment 85.6 % → 86.6 %" in said, said
    assert "Customer story video series" in said, said


def _open_tab(app: AppTest) -> int:
    """The tab the Data page's tables open on (0: the first, Teams)."""
    found: list[int] = []

    def walk(node: object) -> None:
        proto = getattr(node, "proto", None)
        if getattr(node, "type", None) == "tab_container" or (
            proto is not None and "tab_container" in {f.name for f, _ in proto.ListFields()}
        ):
            found.append(proto.tab_container.default_tab_index)
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(app._tree)
    return found[0]


def test_edits_refused_open_the_data_page_on_the_table_the_problems_name():
    """A CMO who lost a Content writer for weeks 9-10 added a calendar row over the one for
    weeks 7-13 and pressed Apply: the error named calendar.csv, row 17, but the page came
    back on the Teams tab, the calendar out of sight. The tables open on the first table
    the problems name."""
    app = open_routed("pages/data.py")
    app.run()
    assert _open_tab(app) == 0
    app.session_state["edit-calendar.csv-0"] = grid_edit(
        added=[{"team_id": "content", "week": "9-10", "capacity_hours": 45.0}]
    )
    app.run()
    app = next(b for b in app.button if b.label == "Apply edits").click().run()
    assert_clean(app)
    assert any("Your edits were not applied" in e.value for e in app.error)
    assert [t.label for t in app.tabs][_open_tab(app)].startswith("Calendar")


def test_edits_applied_keep_the_data_page_on_the_table_edited():
    """The CMO's calendar rows, fixed and applied: the page came back on the Teams tab, and
    the calendar they had just changed was a click away. The tables open on the table the
    edits applied were made in."""
    app = open_routed("pages/data.py")
    app.run()
    app.session_state["edit-calendar.csv-0"] = grid_edit(edited={0: {"capacity_hours": 40.0}})
    app.run()
    app = next(b for b in app.button if b.label == "Apply edits").click().run()
    assert_clean(app)
    assert not app.error
    assert [t.label for t in app.tabs][_open_tab(app)].startswith("Calendar")


def test_explaining_a_left_out_project_says_where_more_hours_are_priced():
    """A VP Sales asked why the proof-of-concept factory (a deal-stage project) was left out,
    then what more Sales Engineering hours would buy: the Explain box said why and who may
    take it, nothing of where to find the price of more hours. It points to the Scenarios
    page's ranking of the teams; of a project in the plan it says nothing of the kind."""
    from pages.solving import cached_result
    from planner.explain import exclusions

    app = open_routed("pages/plan.py")
    app.run()
    problem = app.session_state["problem"]
    plan = cached_result(problem).plan
    left_out = next(
        u.project_id
        for u in plan.unassigned
        if len(exclusions(problem, u.project_id)) < len(problem.teams)
    )
    app.selectbox[-1].set_value(left_out).run()
    assert_clean(app)
    said = " ".join(c.value for c in app.caption)
    assert "Rank the teams" in said and "Capacity what-ifs" in said
    app.selectbox[-1].set_value(next(iter(plan.owners()))).run()
    assert "Rank the teams" not in " ".join(c.value for c in app.caption)


def test_an_edit_that_moves_projects_to_other_weeks_says_which_and_when():
    """A CMO gave Content a contractor for weeks 7-12 (85 h → 125 h a week) and applied it:
    the same 33 projects on the same teams, but five of them in other weeks. The pages read
    "no change to the plan", while Compare of the two plans listed the five as rescheduled.
    Each page names the projects moved in time, with their weeks before and after.

    Kept close to the current plan, the edit now moves none of them in time: planned from
    scratch ("Keep changes small" off on the Constraints page), it still moves five."""
    app = open_routed("pages/data.py")
    assert_clean(app)
    app.session_state[RELATIVE] = False
    content_contractor(app)
    assert_clean(app)
    # The two plans the line compares: the one before the edit, and the one after it.
    (_, _, was), (_, _, now) = app.session_state["plan_history"]
    before, after = was.plan, now.plan
    assert before.owners() == after.owners()
    moved = {
        a.project_id: (a.start_week, a.end_week)
        for a in after
        if (a.start_week, a.end_week)
        != next((b.start_week, b.end_week) for b in before if b.project_id == a.project_id)
    }
    assert moved, "the edit no longer moves a project in time: pick one that does"
    names = app.session_state["problem"].project_index
    for page in ("pages/data.py", "pages/overview.py"):
        if page != "pages/data.py":
            app.switch_page(page).run()
            assert_clean(app)
        said = " ".join(i.value for i in app.info).replace("\\", "").replace("**", "")
        assert "no change to the plan" not in said, said
        assert "Rescheduled: " in said, said
        # Five named, the rest counted.
        named = [p for p, (start, end) in moved.items() if f"{names[p].name} (week" in said]
        assert len(named) == min(len(moved), 5), (named, said)
        for project_id in named:
            start, end = moved[project_id]
            assert f"{names[project_id].name} (weeks " in said and f"→ weeks {start}-{end})" in said
        if len(moved) > 5:
            assert f"and {len(moved) - 5} more" in said, said


def test_the_export_preview_writes_each_value_in_its_goal_s_unit():
    """Export page, "Preview of the plan", which a CMO reads before sending the plan to the
    board: its Value column read 22,000 beside 460, bare, nothing to say the first is
    website visitors and the second MQLs (the Plan page writes the KPI beside it)."""
    app = open_routed("pages/export.py")
    assert_clean(app)
    shown = app.dataframe[0].value.set_index("Project")["Value (KPI units)"]
    assert shown["SEO pillar pages: compliance automation hub"] == "22,000 website visitors"
    assert shown["Q3 webinar series on compliance automation"] == "460 MQLs"
    # A left-out project's row (plan.csv's 0, as the contract lays it out) reads no value.
    assert shown["Analyst relations briefings (Gartner, Forrester)"] == ""


def test_an_edit_that_leaves_owners_and_weeks_as_they_were_is_said_to_change_nothing():
    """A CMO gave a team hours it had no use for: the same projects, on the same teams, in
    the same weeks. The line says the plan is as it was, after the change it names; the
    same edit that moved a project a week says that instead (above)."""
    from dataclasses import replace
    from decimal import Decimal

    from builders import goal, problem, project, team

    from pages.headline import _same_plan
    from planner.core.domain import Assignment, Plan
    from planner.scenarios.plan_change import plan_change

    before = problem(
        [team("content", "marketing", 100, name="Content")],
        [project("seo", "awareness", 40, 50, goal_id="leads", name="SEO")],
        goals=[goal("leads", 100, kpi="MQLs")],
    )
    after = replace(before, teams=(replace(before.teams[0], capacity_hours=Decimal(140)),))
    plan = Plan((Assignment("seo", "content", Decimal(1), Decimal(40), Decimal(50), False, 1, 4),))
    same = _same_plan(before, after, plan_change(before, plan, after, plan))
    assert same is not None and same.startswith(
        "no change to the plan: the same 1 project with the same teams, goal attainment still "
        "50.0 %, after "
    ), same
    # The change, as the caption says it.
    assert same.endswith("after Content capacity 100 h → 140 h."), same
    # No input changed (a setting of the search alone): nothing to say.
    assert _same_plan(before, before, plan_change(before, plan, before, plan)) is None


def test_a_long_left_out_list_reads_each_value_in_its_goal_s_unit():
    """Plan page, a quarter with more than 30 projects left out (the sample and 15 copies of
    LG-02 too big for any team): the scrolling Left out table read "Value 380", a bare
    number, where the short table reads "380 MQLs". Both read the unit."""
    app = open_routed("pages/plan.py")
    sample = app.session_state["problem"]
    webinar = sample.project("LG-02")
    extra = [
        dataclasses.replace(webinar, project_id=f"LG-X{i}", name=f"Copy {i}", effort_hours=20_000)
        for i in range(15)
    ]
    app.session_state["problem"] = sample.replace(projects=(*sample.projects, *extra))
    app = app.run()
    assert_clean(app)
    index = next(i for i, d in enumerate(app.dataframe) if "reason" in d.value.columns)
    left_out = app.dataframe[index].value
    assert len(left_out) > 30
    shown = _shown(app, index)
    row = {pid: i for i, pid in zip(left_out.index, left_out["project_id"], strict=True)}
    assert shown.loc[row["LG-X3"], "value"] == "380 MQLs"
    assert shown.loc[row["AW-03"], "value"] == "8,000 website visitors"
    assert left_out.loc[row["LG-X3"], "value"] == 380  # still a number: it sorts by size
