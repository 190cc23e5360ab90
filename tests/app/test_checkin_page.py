"""The Check-in page through AppTest: recording the check-in: the tables pre-filled as
planned and what they read, the pace chart and who is behind, the weeks, the controls.

The re-plan and what it shows are in test_checkin_page_replan.py, saving the check-in in
test_checkin_page_save.py. ``st.data_editor`` cannot be typed into from AppTest, so a test
records its check-in the way the page keeps it: it edits the tables the editors start
from (``checkin-tables`` in session state) and reruns, as an edit would
(tests/checkin_page.py).
"""

from __future__ import annotations

import json
import re
from decimal import Decimal

import pytest
from app_pages import assert_clean, chart_frames, open_routed, type_in_checkin
from app_server import ROOT
from checkin_page import LAGGING, edit, metrics, replan

from pages.ui import md
from planner.core.loading import load_with_warnings
from planner.core.shown_figures import percent
from planner.interfaces import charts
from planner.scenarios.checkin import CheckIn, ProjectProgress, ProjectStatus
from planner.scenarios.checkin_words import done_before_window_lines
from planner.solving.solver import solve


def test_page_runs_on_the_sample_prefilled_as_planned(db):
    """First visit: the check-in is pre-filled with what the plan's own projects would have
    delivered by now, typed as a leader would (199 SQLs, not 199.13), so every goal sits
    on its plan's tick (within the rounding of its figure) and none is behind plan; the
    leader only changes what differs.
    """
    app = open_routed("pages/checkin.py")
    assert_clean(app)
    assert [t.value for t in app.title] == ["Check-in"]
    figures = metrics(app)
    assert figures["Quarter elapsed"] == percent(100 * 6 / 13)  # week 6 of the sample's 13
    assert figures["Goals behind plan"] == "0 of 8"
    assert int(figures["Projects done"]) + int(figures["In progress"]) > 0
    (progress,) = [f for f in chart_frames(app) if "pace" in f.columns]
    assert (progress["achieved"] - progress["planned"]).abs().max() < 0.05
    goals = app.session_state["checkin-tables"]["goals"]
    typed = [f"{v:.3f}".rstrip("0").rstrip(".") for v in goals["achieved"]]
    assert all(len(t.partition(".")[2]) <= 2 for t in typed), typed
    assert (progress["achieved"] < progress["expected"]).any()  # plans short of target
    assert any("press **Re-plan**" in i.value for i in app.info)


def test_percent_done_reads_with_the_decimal_the_pre_fill_gives_it(db):
    """The pre-fill gives a project 41.7 % done (the share of its run elapsed, to one
    decimal, as ``planner checkin-template`` writes it); the grid, stepping by whole
    percent, drew it "41 %", so the page and the template read differently and a leader
    retyping 41 changed the check-in. The column holds the figure as text (a number
    editor read "1e12" as 112), right-aligned, with the decimal the pre-fill gives it.
    """
    app = open_routed("pages/checkin.py")
    assert_clean(app)
    (editor,) = [d for d in app.dataframe if "percent_done" in d.value.columns]
    done = json.loads(editor.proto.columns)["percent_done"]
    assert done["alignment"] == "right", done
    shares = app.session_state["checkin-tables"]["projects"]["percent_done"]
    assert any(float(x) != int(x) for x in shares), "the sample has a share with a decimal"
    shown = list(editor.value["percent_done"])
    assert shown == [f"{x:g}" for x in shares], shown


def test_the_prefill_and_the_pace_share_one_replan_and_a_rerun_makes_none(db, monkeypatch):
    """The check-in as planned costs a re-plan (about a second at 3,000 projects): the
    pre-filled tables and the goals' pace use the same one, and a rerun reuses it.
    """
    from planner.scenarios import on_plan

    calls: list[int] = []
    real = on_plan.replan_problem

    def counted(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(on_plan, "replan_problem", counted)
    app = open_routed("pages/checkin.py")
    assert_clean(app)
    assert len(calls) == 1
    app.run()
    assert_clean(app)
    assert len(calls) == 1


def test_pace_chart_ticks_every_25_percent_not_every_40_pixels(db):
    """Left to itself Vega-Lite drew some 26 ticks across a wide screen; the axis now has
    a tick per 25 % of target, and the time gone is one labelled line ("week 6 of 13").
    """
    app = open_routed("pages/checkin.py")
    (chart,) = app.get("vega_lite_chart")
    spec = json.loads(chart.proto.spec)
    axes = [layer["encoding"]["x"].get("axis") for layer in spec["layer"]]
    values = next(a["values"] for a in axes if a and "values" in a)
    assert values[:5] == [0, 25, 50, 75, 100] and len(values) <= 8
    elapsed = next(f for f in chart_frames(app) if "label" in f.columns)
    assert list(elapsed["label"]) == ["week 6 of 13"]


def test_pace_chart_keeps_a_readable_height_and_tooltips_as_every_page_writes(db):
    """Without a height the pace chart was a 20-pixel strip per goal (one goal: a sliver
    under its legend); it now has the rows' height, never less than the minimum. Its
    tooltips read as the rest of the app ("34.2 %", "34,188 of 100,000 website visitors"),
    never Vega's own rounding or a raw float.
    """
    app = open_routed("pages/checkin.py")
    (chart,) = app.get("vega_lite_chart")
    spec = json.loads(chart.proto.spec)
    # The rows' height, and the title's above them (the app fits the whole chart in it).
    assert spec["height"] > charts.rows_height(8, 34) >= charts.MIN_CHART_HEIGHT
    (progress,) = [f for f in chart_frames(app) if "pace" in f.columns]
    assert all(
        t == percent(a)
        for t, a in zip(progress["achieved_text"], progress["achieved"], strict=True)
    )
    assert all(re.fullmatch(r"[\d,.]+ of [\d,]+ \S.*", d) for d in progress["detail"])
    titles = {
        tip.get("title")
        for layer in spec["layer"]
        for tip in layer["encoding"].get("tooltip", [])
        if isinstance(tip, dict)
    }
    assert "% of target" in titles
    assert all(
        "format" not in tip
        for layer in spec["layer"]
        for tip in layer["encoding"].get("tooltip", [])
        if isinstance(tip, dict)
    )


def test_replan_controls_speak_a_leaders_words(db):
    """The re-plan's controls said "Hard change budget" and "Stability weight 5.00": the
    optimizer's words. They now say what a leader decides (a limit on changes, how
    strongly to keep the plan, as a plain number) with help in plain words.
    """
    app = open_routed("pages/checkin.py")
    limit = app.toggle(key="checkin-hard")
    keep = app.number_input(key="checkin-stability")
    assert limit.label == "Limit the changes to the plan" and limit.value is True
    assert keep.label == "How strongly to keep the plan" and keep.value == 5.0
    assert keep.proto.format == "%g"
    words = " ".join(
        [
            limit.label,
            limit.help or "",
            keep.label,
            keep.help or "",
            *(n.label for n in app.number_input),
        ]
    ).lower()
    for jargon in ("weight", "budget", "hard change", "objective", "penalty", "stability"):
        assert jargon not in words, jargon


def test_a_keep_the_plan_figure_too_small_to_count_is_refused_as_the_command_line_does(db):
    """1e-320 typed in "How strongly to keep the plan" re-planned as 0 (moving projects
    freely) under a caption for 1e-320, where `planner checkin --stability 1e-320` and a
    check-in file refuse it: refused on the page too, in the same words, no re-plan."""
    from planner.core.ranges import STABILITY

    app = open_routed("pages/checkin.py")
    app = app.number_input(key="checkin-stability").set_value(1e-320).run()
    assert_clean(app)
    said = [e.value.replace("\\", "") for e in app.error]  # as read, not md()'s escapes
    why = STABILITY.problem(1e-320)
    assert why is not None and f"How strongly to keep the plan: {why}" in said, said
    assert app.button(key="checkin-replan-button").disabled
    app = app.number_input(key="checkin-stability").set_value(0.0).run()
    assert not app.error and not app.button(key="checkin-replan-button").disabled


def test_a_goal_below_its_plan_shows_as_behind_in_the_chart(db):
    """The point of the check-in: a goal at 25 % at week 6 of 13, below what its plan had
    delivered by now, is flagged behind plan.
    """
    app = edit(open_routed("pages/checkin.py"), "goals", LAGGING, "achieved", 95000.0)
    assert_clean(app)
    assert metrics(app)["Goals behind plan"] == "1 of 8"
    (progress,) = [f for f in chart_frames(app) if "pace" in f.columns]
    row = progress.set_index("goal").loc["Churn saved"]
    assert (row["pace"], row["achieved"]) == ("behind", 25.0)
    assert row["expected"] == pytest.approx(100 * 6 / 13)
    assert row["planned"] > 25.0


def test_a_goal_clearly_above_its_plan_shows_as_ahead_with_by_how_much(db):
    """Churn saved at 50 % where its plan had less by now read "on track" in the chart, as
    in planner checkin: it is ahead, its tooltip saying by how much in the command's words,
    and the caption says what "ahead" is."""
    app = edit(open_routed("pages/checkin.py"), "goals", LAGGING, "achieved", 190000.0)
    assert_clean(app)
    assert metrics(app)["Goals behind plan"] == "0 of 8"
    (progress,) = [f for f in chart_frames(app) if "pace" in f.columns]
    row = progress.set_index("goal").loc["Churn saved"]
    assert row["pace"] == "ahead" and row["achieved"] == 50.0
    assert row["pace_words"].startswith("ahead of plan by "), row["pace_words"]
    assert row["pace_words"].endswith(f" ({50.0 - round(row['planned'], 1):.1f} % of the target)")
    assert any(md("one clearly past it ahead") in c.value for c in app.caption)


def test_hours_table_shows_the_capacity_in_force_with_the_base_beside_it(db, monkeypatch, tmp_path):
    """A leader records hours against what the team may plan: with Content at 80 % (a
    what-if multiplier) and a 90 % max utilisation, Content's capacity in force is 648 h
    (900 x 0.8 x 0.9), shown with its 900 h base beside it.
    """
    import shutil

    folder = tmp_path / "data"
    shutil.copytree(ROOT / "data" / "sample-without-weeks", folder)
    settings = folder / "settings.toml"
    text = settings.read_text(encoding="utf-8")
    text = text.replace("max_utilization = 1.0", "max_utilization = 0.9")
    text = text.replace("[capacity.multipliers]", "[capacity.multipliers]\ncontent = 0.8")
    settings.write_text(text, encoding="utf-8")
    monkeypatch.setenv("PLANNER_DATA", str(folder))
    app = open_routed("pages/checkin.py")
    assert_clean(app)
    hours = app.session_state["checkin-tables"]["hours"].set_index("team_id")
    assert (hours.loc["content", "capacity_hours"], hours.loc["content", "base_hours"]) == (
        648,
        900,
    )


def test_weeks_read_as_a_leader_writes_them(round_one, db):
    """Week 6.5 of 13, never "6.50" and "13.00": both inputs show weeks as "%g" does."""
    app = open_routed("pages/checkin.py")
    formats = {n.key: n.proto.format for n in app.number_input}
    assert formats["checkin-weeks"] == formats["checkin-quarter"] == "%g"
    assert app.number_input(key="checkin-weeks").value == 6.5


def test_a_quarter_in_weeks_checks_in_at_the_end_of_a_whole_week(db):
    """The sample is planned in weeks: the re-plan keeps weeks 1..N as they happened and
    re-plans N+1..13, so a check-in "at week 6.5" re-planned all of week 7 on hours half
    gone. The input opens at week 6 and steps by whole weeks."""
    app = open_routed("pages/checkin.py")
    weeks = app.number_input(key="checkin-weeks")
    assert weeks.value == 6.0 and weeks.step == 1.0
    assert "weeks N+1 to the end are re-planned" in weeks.help


def test_tables_pre_filled_for_another_week_say_so(db):
    """The tables open pre-filled for week 6. A leader who recorded a figure, set "Weeks
    elapsed" to 7 and re-planned kept week 6's hours used and shares done without a word:
    fewer hours spent than the weeks allow, and a second check-in that went to plan found
    no plan. The page says which week the tables are for until they are pre-filled again.
    """
    app = open_routed("pages/checkin.py")
    assert_clean(app)
    assert not any("pre-filled for week" in w.value for w in app.warning)
    goal_id = app.session_state["checkin-tables"]["goals"]["goal_id"].iloc[0]
    app = type_in_checkin(app, "goals", goal_id, "achieved", "1000")
    app.number_input(key="checkin-weeks").set_value(7.0).run()
    assert any("pre-filled for week 6" in w.value and "week 7" in w.value for w in app.warning), [
        w.value for w in app.warning
    ]
    app = app.button(key="checkin-prefill").click().run()
    assert_clean(app)
    assert not any("pre-filled for week" in w.value for w in app.warning)


def test_tables_nobody_edited_follow_the_weeks_elapsed(db):
    """A RevOps lead opened the Check-in (pre-filled for week 6), set "Weeks elapsed" to 7
    before typing anything, and pressed Re-plan: "Partner co-marketing: Ends in week 7 is
    not after week 7, the weeks elapsed", week 6's pre-fill standing for week 7. Tables
    the leader has not edited hold nothing of theirs: they are pre-filled for week 7."""
    app = open_routed("pages/checkin.py")
    assert_clean(app)
    week_six = app.session_state["checkin-tables"]["projects"].copy()
    app.number_input(key="checkin-weeks").set_value(7.0).run()
    assert_clean(app)
    assert not any("pre-filled for week" in w.value for w in app.warning)
    assert app.session_state["checkin-tables-week"] == 7.0
    assert not app.session_state["checkin-tables"]["projects"].equals(week_six)
    app = replan(app)
    assert_clean(app)
    assert not app.error, [e.value for e in app.error]


def test_a_kpi_achieved_past_what_the_planner_reads_is_said_not_a_crash(db):
    """1e308 pasted as a goal's KPI achieved stopped the page on an OverflowError while
    it drew the pace chart ("This app has encountered an error"). The page now lists it
    with the goal and the fix, and a figure merely in the wrong unit (a million times
    the target) draws an axis of a dozen ticks."""
    app = open_routed("pages/checkin.py")
    goals = app.session_state["checkin-tables"]["goals"]
    goal_id, name = goals["goal_id"].iloc[0], goals["goal"].iloc[0]
    edit(app, "goals", goal_id, "achieved", 1e308)
    assert_clean(app)
    (error,) = [e.value for e in app.error]
    # By name, as the table shows the goal, with its id for the file.
    assert md(f"{name} ({goal_id}): 1e+308 is larger than the planner reads") in error
    edit(app, "goals", goal_id, "achieved", 1e11)
    assert_clean(app)
    assert not app.error
    (chart,) = app.get("vega_lite_chart")[:1]
    spec = json.loads(chart.proto.spec)
    axis = next(x["encoding"]["x"]["axis"] for x in spec["layer"] if "axis" in x["encoding"]["x"])
    assert len(axis["values"]) <= 12


def test_every_check_in_table_names_goals_projects_and_teams_not_their_ids(db):
    """The goals editor's first column read "mqls", "new-logos" beside the goals' names (and
    the projects, hours and diff tables their ids likewise): leaders know them by name. The
    ids stay in the tables, hidden, to read the edits back; every table shows the names.
    """
    app = replan(open_routed("pages/checkin.py"))
    app = app.toggle(key="checkin-show-kept").set_value(True).run()
    assert_clean(app)
    ids = {"project_id", "goal_id", "team_id"}
    shown_names: set[str] = set()
    for table in app.dataframe:
        shown = list(table.proto.column_order) or list(table.value.columns)
        assert not ids & set(shown), (shown, list(table.value.columns))
        shown_names |= {"goal", "project", "team"} & set(shown)
    assert shown_names == {"goal", "project", "team"}
    assert any("still_to_come" in t.value.columns for t in app.dataframe)  # the re-plan's


def test_an_end_week_not_after_the_weeks_elapsed_is_said_in_the_tables_words(db):
    """Week 6 at a week-6 check-in leaves no week for the work left: the page names the
    project and the weeks to give, and does not re-plan."""
    app = open_routed("pages/checkin.py")
    app = edit(app, "projects", "QU-07", "status", "in progress")
    app = edit(app, "projects", "QU-07", "percent_done", 50.0)
    app = edit(app, "projects", "QU-07", "end_week", 6.0)
    assert_clean(app)
    (error,) = [e.value for e in app.error]
    assert md("Ends in week 6 is not after week 6, the weeks elapsed") in error
    assert md("give a week from 7 to 13") in error
    assert "checkin-replan-button" not in [b.key for b in app.button]


def test_a_quarter_without_weeks_shows_no_end_week(round_one, db):
    """Without weeks every project's work left has the rest of the quarter: no column."""
    app = open_routed("pages/checkin.py")
    assert_clean(app)
    (editor,) = [d for d in app.dataframe if "percent_done" in d.value.columns]
    assert "end_week" not in list(editor.proto.column_order)
    assert app.session_state["checkin-tables"]["projects"]["end_week"].isna().all()


def test_a_week_typed_part_way_through_a_quarter_in_weeks_is_said_not_a_crash(db):
    """The input steps by whole weeks, but a leader may type 6.5: the page stopped on "This
    app has encountered an error" (the pace's re-plan refused the week). It says why and
    which weeks to give, and re-plans nothing until then."""
    app = open_routed("pages/checkin.py")
    app.number_input(key="checkin-weeks").set_value(6.5).run()
    assert_clean(app)
    (error,) = [e.value for e in app.error]
    assert md("Week 6.5 is part-way through a week") in error
    assert md("Give week 6 (the last week over) or week 7.") in error
    assert "checkin-replan-button" not in [b.key for b in app.button]
    app.number_input(key="checkin-weeks").set_value(6.0).run()
    assert_clean(app)
    assert not list(app.error) and "checkin-replan-button" in [b.key for b in app.button]


def test_a_quarter_shortened_below_the_week_the_tables_were_filled_for_is_not_a_crash(
    round_one, db
):
    """The quarter without weeks opens at week 6.5 of 13; "Weeks in the quarter" set to 6
    stopped the page on "This app has encountered an error" (the note on KPIs pre-filled
    whole asked for week 6.5 of a 6-week quarter). Tables nobody edited are filled for
    week 6; a figure recorded keeps them, and the page says they were filled for week 6.5
    and how to fill them again."""
    app = open_routed("pages/checkin.py")
    app.number_input(key="checkin-quarter").set_value(6.0).run()
    assert_clean(app)
    assert app.number_input(key="checkin-weeks").value == 6.0
    assert app.session_state["checkin-tables-week"] == 6.0
    assert "checkin-replan-button" in [b.key for b in app.button]
    app = open_routed("pages/checkin.py")
    goal_id = app.session_state["checkin-tables"]["goals"]["goal_id"].iloc[0]
    app = type_in_checkin(app, "goals", goal_id, "achieved", "1000")
    app.number_input(key="checkin-quarter").set_value(6.0).run()
    assert_clean(app)
    assert any("pre-filled for week 6.5" in w.value for w in app.warning)
    app.button(key="checkin-prefill").click().run()
    assert_clean(app)
    assert "checkin-replan-button" in [b.key for b in app.button]


def test_the_tables_say_they_start_as_planned_and_the_button_resets_them(db):
    """Check-in, first open: the tables were already filled as if everything went to plan,
    and a button beside them offered "Pre-fill as if everything went to plan", as if they
    were empty. The page says the tables start as planned, and the button says what it does
    to them: it puts them back to the plan for the weeks elapsed."""
    app = open_routed("pages/checkin.py")
    assert_clean(app)
    assert any("start as if everything went to plan" in c.value for c in app.caption)
    button = app.button(key="checkin-prefill")
    assert button.label == "Reset to the plan for this week"
    assert "replacing your edits" in button.help
    goal_id = app.session_state["checkin-tables"]["goals"]["goal_id"].iloc[0]
    app = type_in_checkin(app, "goals", goal_id, "achieved", "1000")
    app.number_input(key="checkin-weeks").set_value(8).run()
    assert any("press **Reset to the plan for this week**" in w.value for w in app.warning)


def test_every_column_a_leader_edits_fits_a_1024_px_window(db):
    """At 1024 px beside the open sidebar the projects table's Unlock column lay past the
    table's edge (Project took "medium", the rest their own widths), so a VP Sales could not
    hand a late project to another team without scrolling sideways. Since the sidebar
    narrows in such a window the table has 766 px, and at 170 px the Project column cut
    names even at 1440 px ("SEO pillar pages: compliance autom"): the names take the room
    the other columns leave, and every column, the team in the plan too, fits 766 px. At
    250 px one line still cut names; they wrap on rows of two lines in 230 px (the browser
    test in tests/app/test_browser_1024.py reads no name cut)."""
    app = open_routed("pages/checkin.py")
    table = app.dataframe[0].proto
    columns = json.loads(table.columns)
    shown = ["project", "status", "percent_done", "end_week", "unlock", "team"]
    widths = {c: columns[c]["width"] for c in shown}
    assert all(isinstance(w, int) for w in widths.values()), widths
    assert widths["project"] >= 230, widths
    assert sum(widths.values()) <= 766, widths
    assert table.row_height >= 60, table.row_height  # two lines of a name


def test_hours_used_in_weeks_say_that_fewer_than_the_weeks_gone_change_nothing(db):
    """A VP Sales with a team behind on its hours typed fewer hours used for Mid-Market
    AEs (300 h of the 455 h pre-filled) and re-planned: nothing changed and nothing said
    why. In weeks the weeks left keep their own hours: fewer hours used than the weeks
    gone had change nothing, more come off the weeks left. The Hours used tab says so,
    and points at where work running late is recorded."""
    from dataclasses import replace
    from decimal import Decimal

    from planner.interfaces.checkin_tables import HOURS_USED_IN_WEEKS
    from planner.scenarios.on_plan import checkin_as_planned
    from planner.scenarios.replan import replan as replan_rest

    problem = load_with_warnings(ROOT / "data" / "sample").problem
    plan = solve(problem).plan
    assert plan is not None
    base = checkin_as_planned(problem, plan, Decimal(6))
    left = {}
    for used in (300, base.hours_used["mm-ae"], 1000):
        checkin = replace(base, hours_used={**base.hours_used, "mm-ae": Decimal(used)})
        outcome = replan_rest(problem, plan, checkin, max_changes=3, stability_weight=5)
        left[used] = outcome.problem.team("mm-ae").capacity_hours
    assert left[300] == left[base.hours_used["mm-ae"]] > left[1000]
    app = open_routed("pages/checkin.py")
    assert_clean(app)
    assert any(HOURS_USED_IN_WEEKS in c.value for c in app.caption)
    assert "Projects tab" in HOURS_USED_IN_WEEKS


def test_hours_used_without_weeks_say_nothing_of_weeks(round_one, db):
    """The quarter as one bucket of hours has no weeks gone to speak of."""
    from planner.interfaces.checkin_tables import HOURS_USED_IN_WEEKS

    app = open_routed("pages/checkin.py")
    assert_clean(app)
    assert not any(HOURS_USED_IN_WEEKS in c.value for c in app.caption)


def test_a_one_week_quarter_in_weeks_is_said_as_one_week(db, monkeypatch, tmp_path):
    """The quarter's length, fixed for a quarter planned in weeks, read "the plan is laid
    out over the quarter's 1 weeks" on a one-week quarter."""
    import shutil

    import pandas as pd

    folder = tmp_path / "data"
    shutil.copytree(ROOT / "data" / "sample", folder)
    settings = folder / "settings.toml"
    text = settings.read_text(encoding="utf-8").replace("weeks = 13 ", "weeks = 1 ")
    settings.write_text(text, encoding="utf-8")
    projects = pd.read_csv(folder / "projects.csv", dtype=str, keep_default_na=False)
    projects[["duration_weeks", "earliest_week", "due_week", "depends_on", "mandatory"]] = ""
    projects.to_csv(folder / "projects.csv", index=False)
    calendar = pd.read_csv(folder / "calendar.csv", dtype=str)
    calendar[calendar["week"] == "1"].to_csv(folder / "calendar.csv", index=False)
    (folder / "rules.csv").write_text("project_id,team_id,rule\n", encoding="utf-8")
    monkeypatch.setenv("PLANNER_DATA", str(folder))
    app = open_routed("pages/checkin.py")
    assert_clean(app)
    said = app.number_input(key="checkin-quarter").help
    assert "over the quarter's 1 week, set in the data" in said, said


def test_a_project_done_before_its_window_began_is_kept_done_and_said_as_the_cli_says_it(db):
    """AW-03 may start in week 7; marked done at week 6, the page took it without a word.
    What happened outranks the plan: it stays done (the re-plan runs), and a note names the
    project, the week and its window in ``planner checkin``'s words."""
    app = open_routed("pages/checkin.py")
    assert not [i for i in app.info if "before its window" in i.value]
    app = edit(app, "projects", "AW-03", "status", "done")
    assert_clean(app)
    problem = load_with_warnings(ROOT / "data" / "sample").problem
    checkin = CheckIn(Decimal(6), projects={"AW-03": ProjectProgress(ProjectStatus.DONE)})
    (line,) = done_before_window_lines(problem, checkin)
    assert "'Analyst relations briefings (Gartner, Forrester)' is marked done at week 6" in line
    assert "(weeks 7-13)" in line
    (note,) = [i.value for i in app.info if "before its window" in i.value]
    assert note == f"- {md(line)}"
    assert "checkin-replan-button" in [b.key for b in app.button]
