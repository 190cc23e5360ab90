"""A VP Sales, new to the app, asks what happens if an AE team is away for three weeks.

She went to Constraints, where the capacity what-ifs are, and found only percentages of
the whole quarter: nothing said that an off-site or a hire from week 6 is a few weeks'
hours on the Data page's Calendar tab, so the question seemed to have no answer.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import zipfile
from decimal import Decimal

import openpyxl
from app_pages import CAPACITY, assert_clean, open_routed, open_tab, unsaved_work_offers
from app_server import ROOT
from streamlit.testing.v1 import AppTest

from planner.core.domain import CalendarRow
from planner.core.loading import CALENDAR, problem_to_frames
from planner.scenarios.relative_words import summary
from planner.scenarios.storage import ScenarioStore


def _away(app: AppTest, team: str, weeks: str, hours: float = 0.0) -> AppTest:
    """On the Capacity tab: a team's weeks and hours a week, then Apply."""
    app.selectbox(key="away-team").set_value(team)
    app.text_input(key="away-weeks").input(weeks)
    app.number_input(key="away-hours").set_value(hours)
    return app.button(key="away-apply").click().run()


def _refused(app: AppTest) -> list[str]:
    return [e.value.replace("\\", "") for e in app.error]


def test_a_team_away_in_weeks_9_13_is_a_what_if_on_the_constraints_page(db):
    """The VP Sales' question, asked where the capacity what-ifs are: Enterprise AEs away in
    weeks 9-13. It is the Calendar row the Data page would add, re-planned against the current
    plan, said as the CLI says it, kept across a reload, saved with a scenario, and
    taken back."""
    app = open_tab(open_routed("pages/constraints.py"), CAPACITY)
    assert_clean(app)
    before = app.session_state["problem"]
    app = _away(app, "ent-ae", "9-13")
    assert_clean(app)
    problem = app.session_state["problem"]
    assert CalendarRow("ent-ae", 9, 13, Decimal(0)) in problem.calendar
    assert {r for r in problem.calendar if r.team_id != "ent-ae" or r.first_week < 9} == set(
        before.calendar
    )
    # The Data page's Calendar tab has the row, as calendar.csv writes it.
    frame = problem_to_frames(problem)[CALENDAR]
    assert ["ent-ae", "9-13", "0"] in frame[["team_id", "week", "capacity_hours"]].values.tolist()
    # The what-if line, as the CLI reads the same calendar row against the current plan.
    lines = [i.value.replace("\\", "") for i in app.info]
    label = (
        "Calendar: weeks 9-13 of Enterprise AEs (84.6 h → 0 h a week): goal attainment "
        "85.6 % → 73.5 % (-12.1 pts), 2 projects left out ("
    )
    (line,) = {x for x in lines if x.startswith(label)}
    assert "Closed-won new ARR 106.7 % → 33.3 %" in line, line
    relative, anchor = relative_result_of(app)
    assert line == summary(anchor, problem, relative)
    # The free re-plan one click away (or said to be this very plan).
    free = [b for b in app.button if b.label == "Re-plan from scratch instead"]
    assert bool(free) is not relative.free_gives_this_plan
    assert [b for b in app.button if b.label == "Keep this plan"]
    # The basis line lists it among the unsaved changes.
    (basis,) = [c.value.replace("\\", "") for c in app.caption if "unsaved changes" in c.value]
    assert "unsaved changes: Calendar: weeks 9-13 of Enterprise AEs (84.6 h → 0 h a week)" in basis

    # A reload offers it back.
    again = open_routed("pages/overview.py")
    (offer,) = unsaved_work_offers(again)
    assert "Calendar: weeks 9-13 of Enterprise AEs" in offer
    (restore,) = [b for b in again.button if b.label == "Restore it"]
    restore.click().run()
    assert_clean(again)
    assert CalendarRow("ent-ae", 9, 13, Decimal(0)) in again.session_state["problem"].calendar

    # A save keeps it.
    app.switch_page("pages/scenarios.py")
    app.run()
    app.text_input[0].input("Enterprise AEs away 9-13")
    (save,) = [b for b in app.button if b.label == "Save scenario"]
    save.click().run()
    assert_clean(app)
    with ScenarioStore.open(db) as store:
        saved = store.load(1)
    assert CalendarRow("ent-ae", 9, 13, Decimal(0)) in saved.problem.calendar

    # Taken back: the calendar as it was.
    app.switch_page("pages/constraints.py")
    app = open_tab(app.run(), CAPACITY)
    app.button(key="away-take-back").click().run()
    assert_clean(app)
    assert set(app.session_state["problem"].calendar) == set(before.calendar)


def test_weeks_outside_the_quarter_and_a_team_gone_are_said_and_change_nothing():
    app = open_tab(open_routed("pages/constraints.py"), CAPACITY)
    before = app.session_state["problem"]
    app = _away(app, "ent-ae", "9-15")
    assert_clean(app)
    (said,) = _refused(app)
    assert "Weeks 9-15 are outside the quarter, which has weeks 1-13" in said, said
    assert app.session_state["problem"] is before
    app = _away(app, "ent-ae", "next month")
    (said,) = _refused(app)
    assert "'next month' is not a week or a range of weeks" in said, said
    # A team deleted since the list was drawn (another page, another tab).
    app.session_state["problem"] = before.replace(
        teams=tuple(t for t in before.teams if t.team_id != "content"),
        calendar=tuple(r for r in before.calendar if r.team_id != "content"),
        estimates=tuple(e for e in before.estimates if e.team_id != "content"),
        rules=tuple(r for r in before.rules if r.team_id != "content"),
    )
    app.selectbox(key="away-team").set_value("content")
    app.text_input(key="away-weeks").input("2")
    app.button(key="away-apply").click().run()
    assert any("Team 'content' is not in the data" in s for s in _refused(app)), _refused(app)


def test_a_quarter_not_planned_in_weeks_says_what_the_control_needs(monkeypatch):
    monkeypatch.setenv("PLANNER_DATA", str(ROOT / "data" / "sample-without-weeks"))
    app = open_tab(open_routed("pages/constraints.py"), CAPACITY)
    assert_clean(app)
    assert not app.session_state["problem"].is_time_phased
    (said,) = [i.value for i in app.info if i.value.startswith("A team's weeks away need")]
    assert "Calendar tab" in said and "Projects tab" in said
    assert not [b for b in app.button if b.label == "Apply"]


def relative_result_of(app: AppTest):
    """The what-if the page drew: its result and the inputs of the current plan."""
    from planner.scenarios.relative import solve_relative

    anchor = app.session_state["plan_in_force"]
    problem = app.session_state["problem"]
    relative = solve_relative(problem, anchor.result.plan)
    return relative, anchor.problem


def test_the_calendar_tab_says_how_to_write_a_hire_who_joins_a_team_in_week_6():
    """The VP Sales, sent to the Calendar tab for a new AE joining in week 6, read how to write
    a team that starts late (0 hours before it starts), not one that grows: the caption now
    gives that case too, and where to read the team's usual hours a week."""
    from app_pages import open_routed

    app = open_routed("pages/data.py")
    assert_clean(app)
    (said,) = [
        c.value.replace("\\", "")
        for c in app.caption
        if c.value.startswith("A team's hours in one week")
    ]
    assert "a hire who joins a team in week 6 (a row for weeks 6-13 with the team's usual" in said
    assert "the Plan page's \"A team's weeks\" draws" in said


def test_hours_past_what_a_week_may_hold_are_refused_in_the_control_s_words():
    """10,000,000,000,000 h a week typed in "Hours a week": refused as the loader refuses a
    Calendar cell, "too large for capacity_hours", a column the control does not show. It
    is said in the control's words, and nothing is applied."""
    app = open_tab(open_routed("pages/constraints.py"), CAPACITY)
    before = app.session_state["problem"]
    app = _away(app, "content", "9-13", 1e13)
    assert_clean(app)
    (said,) = _refused(app)
    # The figure grouped as its bound is (it read '10000000000000').
    large = """'10,000,000,000,000' is too large for "Hours a week" (at most 1,000,000,000)"""
    assert large in said, said
    assert "10000000000000" not in said, said
    assert "capacity_hours" not in said, said
    assert app.session_state["problem"] is before


def test_negative_hours_a_week_are_refused_in_words_not_kept_in_red():
    """-5 h a week typed in "Hours a week": the box's own floor (min_value 0) kept -5 on
    screen in red and never sent it, so Apply applied 0 h (the team away) beside a box
    reading -5. The value reaches the page, which refuses it in words; nothing is applied."""
    app = open_tab(open_routed("pages/constraints.py"), CAPACITY)
    before = app.session_state["problem"]
    app = _away(app, "content", "9-13", -5.0)
    assert_clean(app)
    (said,) = _refused(app)
    assert '"Hours a week" must be at least 0, not -5. Fix' in said, said
    assert "capacity_hours" not in said, said
    assert app.session_state["problem"] is before


def test_hours_a_week_read_as_the_weeks_together_are_warned_of_beside_the_control():
    """5,000 h a week for Content in weeks 9-13 (the weeks' hours together, meant): applied,
    and the loader's warning that the quarter now gets 28 times its hours was kept with the
    inputs but not shown. It is said beside the control, in its words, until taken back."""
    app = open_tab(open_routed("pages/constraints.py"), CAPACITY)
    app = _away(app, "content", "9-13", 5000.0)
    assert_clean(app)
    assert CalendarRow("content", 9, 13, Decimal(5000)) in app.session_state["problem"].calendar
    warned = [w.value.replace("\\", "") for w in app.warning]
    (said,) = [w for w in warned if "25,519 h in the quarter" in w]
    assert '"Hours a week" is the hours of each week of the row\'s weeks' in said, said
    assert "write 1000 (5,000 h over 5 weeks)" in said, said
    assert "Own hours in the quarter" in said and "capacity_hours" not in said, said
    app.button(key="away-take-back").click().run()
    assert_clean(app)
    assert not [w for w in app.warning if "25,519 h" in w.value]


def test_the_export_page_offers_the_weeks_away_in_its_inputs_and_the_plan_pages_plan(
    downloads,
):
    """Enterprise AEs away in weeks 9-13, then the Export page: its data folder (zip) and
    workbook carry the Calendar row, and its plan.csv is the plan the Plan page lists."""
    app = _away(open_tab(open_routed("pages/constraints.py"), CAPACITY), "ent-ae", "9-13")
    assert_clean(app)
    app.switch_page("pages/plan.py").run()
    assert_clean(app)
    (listed,) = [d.value for d in app.dataframe if "weeks" in d.value.columns]
    downloads.clear()
    app.switch_page("pages/export.py").run()
    assert_clean(app)
    with zipfile.ZipFile(io.BytesIO(downloads["Download the inputs (zip)"])) as folder:
        calendar = list(csv.DictReader(io.StringIO(folder.read("calendar.csv").decode())))
    assert {"team_id": "ent-ae", "week": "9-13", "capacity_hours": "0"} in calendar, calendar
    book = openpyxl.load_workbook(io.BytesIO(downloads["Download the inputs (Excel)"]))
    rows = list(book["calendar"].iter_rows(values_only=True))
    assert any(r[:2] == ("ent-ae", "9-13") and float(r[2]) == 0 for r in rows[1:]), rows
    plan = list(csv.DictReader(io.StringIO(downloads["Download plan.csv"].decode())))
    planned = [r for r in plan if r["team_id"]]
    assert sorted(
        (r["project_id"], r["team_name"], _weeks(r["start_week"], r["end_week"])) for r in planned
    ) == sorted(zip(listed["project_id"], listed["team"], listed["weeks"], strict=True))
    # The plan is the one made with the team away: none of its work in weeks 9-13.
    assert not [r for r in planned if r["team_id"] == "ent-ae" and int(r["end_week"]) >= 9], planned


def _weeks(start: str, end: str) -> str:
    return start if start == end else f"{start}-{end}"


def test_hours_given_to_a_team_of_0_hours_are_warned_of_in_the_control_s_words():
    """Content at 0 own hours in the quarter, then 40 h a week in weeks 9-13 from the
    control: the loader's warning read 'team 'content' has "Hours a week" 0 in teams.csv'
    (the page's string replacement named the control's column for the Teams table's, and
    kept a file the page never shows). The loader now says it in the control's words."""
    app = open_tab(open_routed("pages/constraints.py"), CAPACITY)
    before = app.session_state["problem"]
    app.session_state["problem"] = before.replace(
        teams=tuple(
            dataclasses.replace(t, capacity_hours=Decimal(0)) if t.team_id == "content" else t
            for t in before.teams
        )
    )
    app = _away(app.run(), "content", "9-13", 40.0)
    assert_clean(app)
    warned = [w.value.replace("\\", "") for w in app.warning]
    (said,) = [w for w in warned if "team 'content' has" in w and "weeks 9-13" in w]
    assert (
        "team 'content' has \"Own hours in the quarter\" 0 in the Data page's Teams table, "
        "but this row gives it 40 h a week in weeks 9-13"
    ) in said, said
    assert 'set this row\'s "Hours a week" to 0' in said, said
    assert "teams.csv" not in said and "capacity_hours" not in said, said


def test_a_warning_kept_from_one_apply_is_kept_once_after_the_next():
    """5,000 h a week for Content in weeks 9-13, then Enterprise AEs away in weeks 9-13:
    the second Apply's loader gives the first row's warning again (it reads the whole
    calendar), and the inputs kept it beside the first Apply's, so the Data page listed the
    same warning twice. Each is kept once."""
    app = open_tab(open_routed("pages/constraints.py"), CAPACITY)
    app = _away(app, "content", "9-13", 5000.0)
    app = _away(app, "ent-ae", "9-13")
    assert_clean(app)
    app.switch_page("pages/data.py").run()
    assert_clean(app)
    (warnings,) = [d.value for d in app.dataframe if "problem" in d.value.columns]
    about = [p for p in warnings["problem"] if "25,519 h in the quarter" in p]
    assert len(about) == 1, list(warnings["problem"])
    assert len(set(map(tuple, warnings.values.tolist()))) == len(warnings), warnings


def _data_page_warnings(app: AppTest) -> list[str]:
    """The Data page's list of the inputs' warnings (none: no list)."""
    app.switch_page("pages/data.py").run()
    assert_clean(app)
    tables = [d.value for d in app.dataframe if "problem" in d.value.columns]
    return [str(p) for table in tables for p in table["problem"]]


def test_a_warning_taken_back_with_its_row_leaves_the_inputs():
    """5,000 h a week for Content in weeks 9-13, then Take it back: the row is gone, and the
    loader's warning about it stayed with the inputs (the Data page listed it) as long as
    they did. The inputs' warnings follow the rows that are there."""
    app = open_tab(open_routed("pages/constraints.py"), CAPACITY)
    before = app.session_state["problem"].calendar
    app = _away(app, "content", "9-13", 5000.0)
    assert [w for w in _data_page_warnings(app) if "25,519 h in the quarter" in w]
    app.switch_page("pages/constraints.py").run()
    app = open_tab(app, CAPACITY)
    app.button(key="away-take-back").click().run()
    assert_clean(app)
    assert app.session_state["problem"].calendar == before
    assert not [w for w in _data_page_warnings(app) if "25,519 h" in w]


def test_a_warned_row_replaced_by_the_next_apply_takes_its_warning_and_brings_it_back():
    """Content at 5,000 h a week in weeks 9-13, then at 0 h in the same weeks: the second
    row replaces the first, whose warning stayed with the inputs. Taken back, the first row
    is there again and so is its warning, beside the control and in the Data page's list."""
    app = open_tab(open_routed("pages/constraints.py"), CAPACITY)
    app = _away(app, "content", "9-13", 5000.0)
    app = _away(app, "content", "9-13", 0.0)
    assert_clean(app)
    assert CalendarRow("content", 9, 13, Decimal(0)) in app.session_state["problem"].calendar
    assert not [w for w in app.warning if "25,519 h" in w.value]
    assert not [w for w in _data_page_warnings(app) if "25,519 h" in w]
    app.switch_page("pages/constraints.py").run()
    app = open_tab(app, CAPACITY)
    app.button(key="away-take-back").click().run()
    assert_clean(app)
    assert CalendarRow("content", 9, 13, Decimal(5000)) in app.session_state["problem"].calendar
    assert [w for w in app.warning if "25,519 h in the quarter" in w.value.replace("\\", "")]
    assert len([w for w in _data_page_warnings(app) if "25,519 h in the quarter" in w]) == 1
