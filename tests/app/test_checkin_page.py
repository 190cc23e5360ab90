"""The Check-in page through AppTest: record, see who is behind, re-plan, diff, save as a child.

``st.data_editor`` cannot be typed into from AppTest, so a test records its
check-in the way the page keeps it: it edits the tables the editors start
from (``checkin-tables`` in session state) and reruns, as an edit would.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest
from app_pages import assert_clean, chart_frames, open_routed, type_in_checkin
from streamlit.testing.v1 import AppTest

from pages.ui import md
from planner.checker import check_plan
from planner.core.loading import load_problem
from planner.core.text import percent, percent_value
from planner.interfaces import charts
from planner.scenarios.checkin import ProjectStatus
from planner.scenarios.compare import compare
from planner.scenarios.scenario import MAX_NAME_LENGTH, new_scenario
from planner.scenarios.storage import ScenarioStore
from planner.solving.solver import solve

ROOT = Path(__file__).resolve().parents[2]
LAGGING = "churn-saved"


@pytest.fixture
def round_one(monkeypatch) -> Path:
    """The app opened on the sample without weeks (data/sample-without-weeks).

    The re-plan scenarios below were set on that quarter's figures (Customer
    Success with room for churn work, Content's 900 h, LG-06 in the plan); the
    check-in in weeks is tests/test_weeks.py's and the first tests here.
    """
    folder = ROOT / "data" / "sample-without-weeks"
    monkeypatch.setenv("PLANNER_DATA", str(folder))
    return folder


def metrics(app: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in app.metric}


def edit(app: AppTest, table: str, key: str, column: str, value: object) -> AppTest:
    """Change one cell of a check-in table (rows found by their id) and rerun."""
    tables = app.session_state["checkin-tables"]
    frame = tables[table]
    frame.loc[frame[frame.columns[0]] == key, column] = value
    app.session_state["checkin-tables"] = tables
    return app.run()


def replan(app: AppTest) -> AppTest:
    return app.button(key="checkin-replan-button").click().run()


def diff_rows(app: AppTest) -> pd.DataFrame:
    """Every row of the diff's tables (changes, added, dropped), in the order shown."""
    frames = [d.value for d in app.dataframe if "why" in d.value.columns]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def forecast_table(app: AppTest) -> pd.DataFrame:
    return next(d.value for d in app.dataframe if "still_to_come" in d.value.columns)


def lagging(app: AppTest) -> AppTest:
    """Churn saved at 25 % of target mid-quarter, and LG-06 dropped at the check-in."""
    return edit(
        edit(app, "goals", LAGGING, "achieved", 95000.0), "projects", "LG-06", "status", "dropped"
    )


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


def test_replan_with_a_budget_of_3_shows_forecast_changes_and_added_apart(round_one, db):
    """The must-show in the app: churn saved is behind and LG-06 was dropped. The re-plan
    keeps within the budget; each goal's quarter-end forecast reads in its KPI unit
    (achieved so far + what the re-plan adds); changes, added work and the leader's drop
    are three separate tables.
    """
    app = replan(lagging(open_routed("pages/checkin.py")))
    assert_clean(app)
    assert any("The best plan possible" in s.value for s in app.success)
    figures = metrics(app)
    changed, budget = figures["Changes"].split(" of ")
    assert int(changed) <= int(budget) == 3
    # The limit in the words of its slider and of the toast ("at most 3"), not "budget 3".
    line = next(m.value for m in app.markdown if m.value.startswith("**Changes:"))
    assert line.endswith("(at most 3)"), line
    said = [str(w.value) for kind in ("markdown", "warning", "info") for w in getattr(app, kind)]
    assert not [t for t in said if "budget" in t], said
    tables = [d.value for d in app.dataframe if "why" in d.value.columns]
    kinds = [set(t["change"]) for t in tables]
    assert {"added"} in kinds and {"dropped"} in kinds
    assert all(k <= {"moved", "left out"} or k in ({"added"}, {"dropped"}) for k in kinds)
    assert int(figures["Projects added"]) == len(diff_rows(app).query("change == 'added'"))
    churn = forecast_table(app).set_index("goal").loc["Churn saved"]
    assert churn["kpi"] == "ARR saved $" and churn["achieved"] == 95000
    assert churn["forecast"] == 95000 + churn["still_to_come"] < churn["target"] == 380000
    assert churn["percent"] == percent_value(100 * churn["forecast"] / 380000)
    # The odds table wraps its words; its cells are Markdown, so read them unescaped.
    odds = next(
        t.value.rename(columns=lambda c: c.replace("\\", "")).map(
            lambda v: v.replace("\\", "") if isinstance(v, str) else v
        )
        for t in app.table
        if "After, in words" in t.value.columns.str.replace("\\", "")
    )
    churn_odds = odds.set_index("Goal").loc["Churn saved"]
    assert "chance to reach 380,000" in churn_odds["After, in words"]
    assert not churn_odds["Change"].startswith("-0")


def test_budget_too_small_says_how_many_changes_would_do(round_one, db):
    """Content has used 700 of 900 h. While its projects in progress may not move the page
    says to unlock them; unlocked, budget 0 cannot hold and the page names the minimum.
    """
    app = open_routed("pages/checkin.py")
    app.number_input(key="checkin-max-changes").set_value(0)
    app = replan(edit(app, "hours", "content", "hours_used", 700.0))
    assert_clean(app)
    assert any("No plan meets every rule" in e.value for e in app.error)
    said = [w.value.replace("\\", "") for w in app.warning]
    assert any('Tick "May move" for some in the Projects table' in w for w in said), said
    tables = app.session_state["checkin-tables"]
    frame = tables["projects"]
    frame.loc[frame["team"] == "Content", "unlock"] = True
    app.session_state["checkin-tables"] = tables
    app = replan(app.run())
    assert any("must change owner" in w.value for w in app.warning)


def test_dropped_project_shows_as_dropped_in_the_diff(round_one, db):
    """A leader's drop at the check-in is listed, so nobody wonders where the work went."""
    app = edit(open_routed("pages/checkin.py"), "projects", "LG-06", "status", "dropped")
    app = replan(app)
    assert_clean(app)
    diff = diff_rows(app)
    assert diff.set_index("project_id").loc["LG-06", "change"] == "dropped"


def test_percent_done_of_100_is_reported_not_re_planned(round_one, db):
    """100 % in progress is a typo for done: the page says so and does not re-plan."""
    app = edit(open_routed("pages/checkin.py"), "projects", "LG-02", "percent_done", 100.0)
    assert_clean(app)
    assert any("mark it done" in e.value for e in app.error)
    assert "checkin-replan-button" not in [b.key for b in app.button]


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
    parent_name = 'Baseline of Mid-Q "check", =1+1 ü'
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
    characters. They are "Check-in week 6.5" and "Baseline of Check-in week 6.5".
    """
    app = replan(open_routed("pages/checkin.py"))
    app = app.button[-1].click().run()
    assert_clean(app)
    with ScenarioStore.open(db) as store:
        names = {s.name: s for s in store.list()}
    assert set(names) == {"Check-in week 6.5", "Baseline of Check-in week 6.5"}
    assert (
        names["Check-in week 6.5"].parent_id == names["Baseline of Check-in week 6.5"].scenario_id
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
    from planner.core.loading import load_problem

    problem = load_problem(round_one).problem
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


def test_headline_attainment_is_the_quarter_end_forecast_of_the_table_beneath(round_one, db):
    """The newcomer read "Goal attainment 85.1 %" over a table whose forecasts weigh to
    about 92 %: the card was the re-plan's score on what was left. The headline is now the
    quarter-end forecast, the table's goals weighted and capped as on the Overview, with a
    tooltip that splits it into achieved so far + the re-plan's points; the re-plan's own
    score sits beside it under its own name.
    """
    app = replan(lagging(open_routed("pages/checkin.py")))
    assert_clean(app)
    cards = {m.label: m for m in app.metric}
    table = forecast_table(app).set_index("goal")
    from planner.core.loading import load_problem

    weight = {g.name: float(g.weight) for g in load_problem(round_one).problem.goals}
    capped = [
        weight[goal] * min(100.0, 100 * row["forecast"] / row["target"])
        for goal, row in table.iterrows()
    ]
    expected = sum(capped) / sum(weight.values())
    headline = cards["At quarter end"]
    assert headline.value == f"{percent_value(expected):.1f} %"
    assert "achieved so far" in headline.proto.help and "from the re-plan" in headline.proto.help
    assert "+ +" not in headline.proto.help  # "29.6 % achieved so far + +36.6 pts" read twice
    assert "Of what was left" in cards and "Goal attainment" not in cards
    # Short enough for a quarter of a laptop's width beside the help icon (no "…").
    outcome = ("Changes", "Projects added", "At quarter end", "Of what was left")
    assert set(outcome) <= set(cards) and all(len(label) <= 16 for label in outcome)


def test_odds_columns_say_what_they_compare_and_why_odds_narrow(round_one, db):
    """ "Chance before / after" fell from the Overview's 20 % to 4 % with no word why. The
    columns say what they compare, one sentence says why odds narrow mid-quarter, and
    chances and changes read as everywhere ("< 1 %", "no change", never "+0 pts").
    """
    app = replan(lagging(open_routed("pages/checkin.py")))
    assert_clean(app)
    (odds,) = [
        t.value for t in app.table if "After, in words" in t.value.columns.str.replace("\\", "")
    ]
    columns = [c.replace("\\", "") for c in odds.columns]
    assert columns == ["Goal", "If we carry on", "With the re-plan", "Change", "After, in words"]
    assert any("odds narrow" in c.value and "less uncertain work" in c.value for c in app.caption)
    cells = {v.replace("\\", "") for col in odds.columns[1:4] for v in odds[col]}
    assert not any(v.endswith("0 pts") or ("%" in v and " %" not in v) for v in cells), cells


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


def test_a_replan_that_moves_nothing_for_a_goal_behind_says_why(round_one, db):
    """Churn saved behind and nothing moved: the page no longer says only "keeps every
    baseline project where it is" but why (projects in progress stay, too few spare hours)
    and which left-out project would help, with the hours it needs on which team, under
    the forecast, in the words planner checkin gives.
    """
    app = replan(edit(open_routed("pages/checkin.py"), "goals", LAGGING, "achieved", 95000.0))
    assert_clean(app)
    assert app.session_state["checkin-replan"]["replan"].num_changes == 0
    assert any("keeps every baseline project" in s.value for s in app.success)
    (why,) = [i.value for i in app.info if "is behind its plan" in i.value]
    plain = why.replace("\\", "")
    assert "Churn saved' is behind its plan" in plain and "in progress stay with their" in plain
    assert "too few spare hours" in plain and " h spare)" in plain


def test_a_slipped_deal_says_under_the_forecast_why_the_re_plan_gives_its_goal_nothing(db):
    """The sample in weeks at week 6, Closed-won new ARR 200,000 lower than pre-filled:
    "Changes 0 of 3" and "no change" in every odds row, and no sentence why. Under the
    forecast the page says the goal is behind and every one of its projects is planned
    already, the sentence planner checkin gives."""
    app = open_routed("pages/checkin.py")
    goals = app.session_state["checkin-tables"]["goals"]
    was = float(goals.loc[goals["goal_id"] == "new-arr", "achieved"].iloc[0])
    app = replan(edit(app, "goals", "new-arr", "achieved", was - 200000))
    assert_clean(app)
    done = app.session_state["checkin-replan"]
    own = [p.project_id for p in done["problem"].projects if p.goal_id == "new-arr"]
    said = [i.value.replace("\\", "") for i in app.info if "is behind its plan" in i.value]
    (why,) = said
    assert "'Closed-won new ARR' is behind its plan" in why
    assert f"all {len(own)} of its projects still to run are in the re-plan already" in why
    assert done["replan"].num_changes == 0


def test_a_quarter_without_goals_checks_in_and_re_plans(db, monkeypatch, tmp_path):
    """goals.csv is optional: a quarter of priority points only crashed the page
    (KeyError 'goal' drawing the pace chart). It says there is no progress to chart and
    still re-plans the rest of the quarter."""
    from planner.core.generate import generate_folder

    folder = generate_folder(tmp_path / "data", 4, 20, 0, 1)
    monkeypatch.setenv("PLANNER_DATA", str(folder))
    app = open_routed("pages/checkin.py")
    assert_clean(app)
    assert any("has no goals" in i.value for i in app.info)
    assert metrics(app)["Goals behind plan"] == "0 of 0"
    app = replan(app)
    assert_clean(app)


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


def test_a_check_in_named_at_full_length_saves_with_its_baseline(db):
    """A check-in named with the box's full 200 characters, on this session's plan, was
    refused: "A scenario name has at most 200 characters (this one has 212)", the count of
    the baseline's "Baseline of ..." saved with it, never typed. The baseline's name is cut
    to fit (with "…") and both are saved."""
    app = open_routed("pages/checkin.py")
    replan(app)
    name = "Z" * MAX_NAME_LENGTH
    next(t for t in app.text_input if t.label == "Scenario name").set_value(name)
    next(b for b in app.button if b.label == "Save, built on the baseline").click().run()
    assert_clean(app)
    assert not app.error, [e.value for e in app.error]
    names = {s.name for s in ScenarioStore.open(db).list()}
    parent = next(n for n in names if n.startswith("Baseline of "))
    assert names == {name, parent}
    assert len(parent) == MAX_NAME_LENGTH and parent.endswith("Z…")


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


def test_the_replan_downloads_as_plan_xlsx_too_headed_by_the_quarter_end(db):
    """A RevOps lead re-planned at week 6 and looked for the re-plan in Excel: the page
    offered plan.csv only, and the Export page's plan.xlsx is the quarter's plan as made
    (it says so). The re-plan downloads as plan.xlsx beside plan.csv, its Summary headed by
    the "At quarter end" figure of the card above it, as ``planner checkin --out`` writes.
    """
    app = replan(open_routed("pages/checkin.py"))
    assert_clean(app)
    labels = [d.proto.label for d in app.get("download_button")]
    assert "Download the re-plan (plan.csv)" in labels
    assert "Download the re-plan (plan.xlsx)" in labels


def test_a_late_project_ends_in_the_week_the_leader_gives_it(db):
    """The enterprise account mapping was planned to end in week 6; half done at week 6
    it had week 7 alone for 130 h and the re-plan found no plan. Beside % done the
    leader reads each project's end week ("Ends in week", pre-filled as planned) and
    gives it week 13: the re-plan runs it in weeks 7-13."""
    app = open_routed("pages/checkin.py")
    assert_clean(app)
    (editor,) = [d for d in app.dataframe if "percent_done" in d.value.columns]
    shown = list(editor.proto.column_order)
    assert shown.index("end_week") == shown.index("percent_done") + 1
    assert json.loads(editor.proto.columns)["end_week"]["label"] == "Ends in week"
    projects = app.session_state["checkin-tables"]["projects"].set_index("project_id")
    running = projects[projects["status"] == "in progress"]
    assert running["end_week"].notna().all() and (running["end_week"] > 6).all()
    hours = app.session_state["checkin-tables"]["hours"].set_index("team_id")
    app = edit(app, "hours", "ent-ae", "hours_used", hours.loc["ent-ae", "hours_used"] - 130)
    app = edit(app, "projects", "QU-07", "status", "in progress")
    app = edit(app, "projects", "QU-07", "percent_done", 50.0)
    kept = replan(app)
    assert kept.session_state["checkin-replan"]["result"].plan is None
    app = replan(edit(kept, "projects", "QU-07", "end_week", 13.0))
    assert_clean(app)
    state = app.session_state["checkin-replan"]
    assert state["checkin"].progress("QU-07").end_week == 13
    plan = state["result"].plan
    assert plan is not None and check_plan(state["replan"].problem, plan) == []
    (mapping,) = [a for a in plan.assignments if a.project_id == "QU-07"]
    assert (mapping.start_week, mapping.end_week) == (7, 13)


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
    assert "Week 6.5 is part-way through a week" in error
    assert "Give week 6 (the last week over) or week 7." in error
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
    the other columns leave, and every column, the baseline team too, fits 766 px."""
    app = open_routed("pages/checkin.py")
    columns = json.loads(app.dataframe[0].proto.columns)
    shown = ["project", "status", "percent_done", "end_week", "unlock", "team"]
    widths = {c: columns[c]["width"] for c in shown}
    assert all(isinstance(w, int) for w in widths.values()), widths
    assert widths["project"] >= 250, widths
    assert sum(widths.values()) <= 766, widths


def saved_rows(db: Path) -> list[tuple[str, int | None]]:
    return sorted((s.name, s.parent_id) for s in ScenarioStore.open(db).list())


def test_saving_a_check_in_twice_keeps_one_copy_of_it_and_of_its_baseline(db):
    """Save, then Save again (the form then offers "Check-in week 6 · Baseline of ..."):
    the second click saved the same re-plan a second time, a twin under its parent in the
    list and in Compare. It says the check-in is saved already, and saves nothing."""
    app = replan(open_routed("pages/checkin.py"))
    save = "Save, built on the baseline"
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
    stored "Baseline of Check-in week 6", a copy of Q3 base, as the parent. The check-in
    is saved as a child of Q3 base."""
    problem = load_problem(ROOT / "data" / "sample").problem
    ScenarioStore.open(db).save(new_scenario(problem, solve(problem), "Q3 base"))
    app = replan(open_routed("pages/checkin.py"))
    next(t for t in app.text_input if t.label == "Scenario name").set_value("Week 6")
    next(b for b in app.button if b.label == "Save, built on the baseline").click().run()
    assert_clean(app)
    assert saved_rows(db) == [("Q3 base", None), ("Week 6", 1)]


def test_at_the_quarter_s_end_what_was_left_reads_as_nothing_to_re_plan(round_one, db):
    """At week 13 of 13 the "Of what was left" card read 0.0 %, as if the re-plan had failed:
    no weeks are left, and the card says so (as `planner checkin` does)."""
    app = open_routed("pages/checkin.py")
    app.number_input(key="checkin-weeks").set_value(13.0)
    app = app.button(key="checkin-prefill").click().run()
    app = replan(app)
    assert_clean(app)
    card = next(m for m in app.metric if m.label == "Of what was left")
    assert card.value == "–"
    assert card.proto.help == "No weeks are left in the quarter: nothing is re-planned."
    # The section says so before the button, not only in the card's help.
    (said,) = [c.value for c in app.caption if "nothing is re-planned" in c.value]
    assert said.startswith("No weeks are left in the quarter") and "work left" not in said
    app.number_input(key="checkin-weeks").set_value(12.0).run()
    assert not [c.value for c in app.caption if "nothing is re-planned" in c.value]


def test_at_the_quarter_s_end_the_card_counts_the_goals_missed_as_the_chart_says(db):
    """At week 13 of 13 the sample's goals short of target read "missed" in the chart and
    on the command line, and the card beside them "Goals behind plan: 0 of 8", good news
    where 7 of 8 missed: once the quarter is over the card counts what the chart says."""
    app = open_routed("pages/checkin.py")
    app.number_input(key="checkin-weeks").set_value(13.0).run()
    app = app.button(key="checkin-prefill").click().run()
    assert_clean(app)
    (progress,) = [f for f in chart_frames(app) if "pace" in f.columns]
    missed = int((progress["pace"] == "missed").sum())
    assert missed == 7
    figures = metrics(app)
    assert "Goals behind plan" not in figures
    assert figures["Goals missed"] == f"{missed} of 8"
    app.number_input(key="checkin-weeks").set_value(12.0).run()
    assert metrics(app)["Goals behind plan"] == "0 of 8"  # mid-quarter, as before


def test_a_re_plan_s_figures_pop_up_in_view_where_a_laptop_sees_no_card(db):
    """At 1024 x 768 the Re-plan button sits at the window's foot: its result cards came in
    under it, below the fold (the Changes card's top at 722 of 768 px), and a leader who
    pressed it saw nothing change. The cards' figures pop up in view as the re-plan comes
    in (once: not again on the next rerun), the same figures as the cards."""
    app = replan(lagging(open_routed("pages/checkin.py")))
    assert_clean(app)
    cards = metrics(app)
    (said,) = [t.value for t in app.toast]
    changed, _, budget = cards["Changes"].partition(" of ")
    noun = "change" if changed == "1" else "changes"
    assert said.startswith(f"Re-planned: {changed} {noun} (at most {budget}), ")
    assert f", {cards['Projects added']} project" in said
    assert f"; goal attainment at quarter end {cards['At quarter end']}." in said
    assert said.endswith(". See below.")  # short: a toast cuts a longer line
    assert not list(app.run().toast)  # said once; the cards stay
    assert metrics(app)["Changes"] == cards["Changes"]


def test_the_baseline_and_the_weeks_elapsed_are_kept_over_a_visit_to_another_page(round_one, db):
    """A VP Sales checking in against the saved Q3 plan at week 8 looked at the Export page
    and came back to "This session's plan" at week 6: Streamlit forgets a widget's value
    when another page is drawn, and the page started again from its defaults without a
    word. Both read as the leader left them."""
    problem = load_problem(round_one).problem
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


def test_the_re_plan_s_reasons_and_goal_names_wrap_whole_on_a_laptop(db):
    """Check-in, Re-plan, at 1280 px beside the open sidebar: the changes' Why read "Marketing
    Ops has no room for its 45 h a week in weeks 8-11," and stopped, and the forecast's goals
    "Grow website traffic from o". A table whose text runs past one line of its column has
    rows tall enough to wrap its longest cell (one line of the Why holds some 50 characters,
    a goal's some 24: 20 px a further line, and more than 64 px, below which the grid wraps
    nothing)."""
    app = replan(lagging(open_routed("pages/checkin.py")))
    assert_clean(app)
    diff = [d for d in app.dataframe if "why" in d.value.columns]
    assert diff
    for table in diff:
        longest = max(len(w) for w in table.value["why"])
        lines = -(-longest // 60)  # at least this many lines, however wide the column
        height = table.proto.row_height or 35
        assert height >= 35 + 20 * (lines - 1), (longest, height)
        assert height == 35 or height > 64, height
    assert any(t.proto.row_height > 64 for t in diff)  # the sample's reasons run long
    (forecast,) = [d for d in app.dataframe if "still_to_come" in d.value.columns]
    assert max(len(g) for g in forecast.value["goal"]) > 30
    assert forecast.proto.row_height > 64  # two lines of a goal's name, wrapped


def test_of_what_was_left_is_said_in_a_sentence_under_the_cards(round_one, db):
    """ "Of what was left: 74.5 %" was a card a CMO could not read: of what, left where?
    A sentence under the cards says it once: the share of what the goals not yet met still
    needed at the check-in that the re-plan brings in, the card's own figure (`planner
    checkin` says the same sentence, tests/interfaces/test_replan_cli.py)."""
    from planner.scenarios.plan_change import of_what_was_left

    app = replan(lagging(open_routed("pages/checkin.py")))
    assert_clean(app)
    card = next(m for m in app.metric if m.label == "Of what was left")
    said = [c.value for c in app.caption if c.value.replace("\\", "").startswith("Of what was")]
    assert said == [md(of_what_was_left(float(card.value.removesuffix(" %"))))], said
    said_plainly = said[0].replace("\\", "")
    assert f"brings in {card.value} of what the goals not yet met still needed" in said_plainly
    # Weighted as the Overview weighs goals, in those words (it read "weighed by its weight").
    assert "weighted as on the Overview" in said_plainly and "weighed" not in said_plainly


def test_a_rerun_after_a_re_plan_draws_its_odds_again_without_a_new_simulation(
    round_one, db, monkeypatch
):
    """The re-plan's odds (each goal's chance before and after) are two simulations of
    20,000 quarters, about a second of CPU at 1,000 planned projects (150 teams x 1,500,
    bench/scale_walk.py): every later rerun of the page (a tab, an edit, Save) ran both
    again. They are kept while the check-in, the re-plan and its plans are the same.
    """
    from planner.interfaces import odds_charts

    calls: list[int] = []
    real = odds_charts.goal_odds

    def counted(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(odds_charts, "goal_odds", counted)
    app = replan(lagging(open_routed("pages/checkin.py")))
    assert_clean(app)
    simulated = len(calls)
    assert simulated == 2  # the baseline carried on, and the re-plan
    app.run()
    assert_clean(app)
    assert any("odds narrow" in c.value for c in app.caption)  # the odds are still shown
    assert len(calls) == simulated


def test_the_forecast_names_the_re_plan_s_column_as_the_odds_table_beside_it(round_one, db):
    """Check-in, after Re-plan: "Each goal at the end of the quarter" headed its columns
    "% of target" and "If we carry on", the odds table under it "If we carry on" and "With
    the re-plan". A VP Sales read "% of target" as some third figure, not the re-plan's
    forecast. Both tables name it "With the re-plan", as ``planner checkin`` does."""
    app = replan(lagging(open_routed("pages/checkin.py")))
    assert_clean(app)
    (forecast,) = [d for d in app.dataframe if "still_to_come" in d.value.columns]
    labels = {
        column: config.get("label") for column, config in json.loads(forecast.proto.columns).items()
    }
    assert labels["percent"] == "With the re-plan"
    assert labels["baseline"] == "If we carry on"
    (odds,) = [
        t.value for t in app.table if "After, in words" in t.value.columns.str.replace("\\", "")
    ]
    assert "With the re-plan" in [c.replace("\\", "") for c in odds.columns]


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

    problem = load_problem(ROOT / "data" / "sample").problem
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


def test_a_name_typed_for_the_check_in_is_kept_when_its_baseline_is_deleted_elsewhere(db):
    """The baseline was the session's plan, saved as #1 Q3 base; the leader typed "Week 6";
    another server on the same database deleted #1; Save stored the check-in as "Check-in
    week 6", the name typed lost without a word (the box was a new one once the name offered
    changed). The name typed is the one saved; built on the session's plan, saved first."""
    problem = load_problem("data/sample").problem
    ScenarioStore.open(db).save(new_scenario(problem, solve(problem), "Q3 base"))
    app = replan(open_routed("pages/checkin.py"))
    box = next(t for t in app.text_input if t.label == "Scenario name")
    assert box.value.endswith("· Q3 base"), box.value
    box.set_value("Week 6")
    ScenarioStore.open(db).delete(1)
    next(b for b in app.button if b.label == "Save, built on the baseline").click().run()
    assert_clean(app)
    assert [name for name, _ in saved_rows(db)] == ["Baseline of Week 6", "Week 6"]


def test_a_check_in_with_nothing_typed_says_why_a_goal_s_odds_fell_from_the_overview_s(db):
    """The sample at week 6, nothing typed: New pipeline created read 0 % "out of reach"
    where the Overview read 32 %, and a leader read the quarter as lost. Its KPI so far is
    the pre-fill, the plan's estimate for the work done: the page says so beside the odds."""
    app = replan(open_routed("pages/checkin.py").run())
    assert_clean(app)
    captions = [c.value.replace("\\", "") for c in app.caption]
    (note,) = [c for c in captions if c.startswith("Left as pre-filled")]
    assert "New pipeline created 0 %, 32 % at the start" in note
    assert "estimate for the work done by week 6" in note and "not news" in note
