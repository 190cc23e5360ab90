"""The odds a leader sees: frames and charts of each goal's range against its target."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import altair as alt
import pandas as pd
import pytest
from builders import goal, problem, project, team

from planner.core import shown_figures
from planner.core.domain import Assignment, Plan
from planner.core.uncertainty import goal_odds, triangular_cdf
from planner.interfaces.odds_changes import (
    MID_QUARTER_ODDS,
    odds_delta_frame,
    prefilled_odds_note,
    replan_odds_frame,
)
from planner.interfaces.odds_charts import (
    drivers_frame,
    estimate_and_typical,
    odds_advice,
    odds_chart,
    odds_frame,
    odds_from,
)
from planner.interfaces.vega import vega_lite_spec
from planner.scenarios.checkin import CheckIn, ProjectProgress, ProjectStatus

D = Decimal


def quarter():
    """Two goals: MQLs with a wide bet and a narrow one; SQLs with one certain project."""
    return problem(
        [team("m", capacity=1000)],
        [
            project("wide", value=1500, goal_id="mqls", value_low=D(500), value_high=D(2600)),
            project("narrow", value=1000, goal_id="mqls", value_low=D(900), value_high=D(1100)),
            project("sure", value=300, goal_id="sqls"),
        ],
        goals=[goal("mqls", 2600, kpi="MQLs", name="MQLs"), goal("sqls", 250, kpi="SQLs")],
    )


def plan(*ids: str) -> Plan:
    values = {"wide": 1500, "narrow": 1000, "sure": 300}
    return Plan(tuple(Assignment(i, "m", D(1), D(10), D(values[i])) for i in ids))


def test_the_odds_frame_has_a_row_per_goal_with_its_range_in_percent_of_target():
    """Each goal's P10 <= P50 <= P90, in the KPI and as % of target, and the words for it."""
    frame = odds_frame(quarter(), plan("wide", "narrow", "sure")).set_index("goal_id")
    mqls = frame.loc["mqls"]
    assert mqls["p10"] < mqls["p50"] < mqls["p90"]
    assert mqls["p10_pct"] == pytest.approx(100 * mqls["p10"] / 2600)
    assert 0 < mqls["probability"] < 100 and mqls["uncertain"]
    assert mqls["words"].startswith(f"{round(mqls['probability'])} % chance to reach 2,600 MQLs")
    sqls = frame.loc["sqls"]
    assert (sqls["probability"], sqls["uncertain"]) == (100, False)


def test_the_odds_chart_draws_the_range_the_median_the_estimate_and_the_target():
    """Four layers: P10-P90 bar, P50 tick, the plan's estimate, the dashed 100 % line."""
    chart = odds_chart(odds_frame(quarter(), plan("wide", "narrow")))
    assert isinstance(chart, alt.LayerChart)
    marks = [
        layer.mark if isinstance(layer.mark, str) else layer.mark.type for layer in chart.layer
    ]
    assert marks == ["bar", "tick", "point", "rule"]
    chart.to_dict()  # valid Vega-Lite


def test_where_the_odds_come_from_says_what_a_chance_at_its_edges_means():
    """The edges of a chance ("< 1 %", "> 99 %", and "0 %" or "100 %" only when impossible
    or certain) were said nowhere a leader reads: beside "100 %" for a certain goal, "> 99 %"
    read as a rounding of it. The caption above the odds says what each means, in the
    words :func:`~planner.core.shown_figures.chance` writes."""
    rare, sure, none, all_ = (shown_figures.chance(p) for p in (0.001, 0.999, 0, 1))
    assert (rare, sure, none, all_) == ("< 1 %", "> 99 %", "0 %", "100 %")
    said = odds_from(odds_frame(quarter(), plan("wide", "narrow", "sure")))
    for shown in (rare, sure, none, all_):
        assert f'"{shown}"' in said, shown
    assert "possible" in said and "certain" in said


def test_where_the_odds_come_from_says_what_a_chance_means_on_one_of_the_plan_s_goals():
    """A CMO read "32 % chance to reach 11,000,000 pipeline $" and the simulated quarters
    behind it, and was left to work out what 32 % promises. The caption tells it on a goal
    of the plan: how many quarters in 10 like this one reach its target, with this plan."""
    frame = odds_frame(quarter(), plan("wide", "narrow", "sure"))
    mqls = frame.set_index("goal_id").loc["mqls"]
    tenths = round(mqls["probability"] / 10)
    said = odds_from(frame)
    assert (
        f"What a chance means: 'MQLs', at {mqls['chance_text']}, reaches 2,600 MQLs in about "
        f"{tenths} of 10 quarters like this one, with this plan." in said
    ), said
    # Only a goal with a chance from 5 % to 95 % tells it: "about 0 of 10" says nothing.
    sure = frame.assign(probability=frame["probability"].where(~frame["uncertain"], 99.6))
    assert "What a chance means" not in odds_from(sure)


def test_where_the_odds_come_from_says_which_goals_are_simulated_and_which_exact():
    """ "The odds come from 20,000 simulated quarters" was said above every goal's odds,
    where a goal with one project with a range has its odds worked out exactly and one with
    none is reached or not: each goal's odds are said as they were obtained."""
    mixed = problem(
        [team("m", capacity=1000)],
        [
            *quarter().projects,
            project("solo", value=50, goal_id="sals", value_low=D(20), value_high=D(90)),
        ],
        goals=[*quarter().goals, goal("sals", 60, kpi="SALs", name="SALs")],
    )
    values = {"wide": 1500, "narrow": 1000, "sure": 300, "solo": 50}
    both = Plan(tuple(Assignment(i, "m", D(1), D(10), D(v)) for i, v in values.items()))
    frame = odds_frame(mixed, both).set_index("goal_id")
    assert list(frame["exact"]) == [False, True, True]
    said = odds_from(frame.reset_index())
    assert "The odds of 'MQLs' come from 20,000 simulated quarters" in said
    assert "The odds of 'SALs' are worked out exactly: only one of its projects has a range" in said
    assert "'sqls' has no project with a range in the plan, so the target is reached or not" in said
    # Every goal simulated: the sentence names none.
    simulated = odds_from(odds_frame(quarter(), plan("wide", "narrow")).iloc[:1])
    assert "The odds come from 20,000 simulated quarters" in simulated
    assert "exactly" not in simulated and "reached or not" not in simulated
    # One range each: worked out exactly, nothing simulated.
    alone = odds_from(odds_frame(mixed, both).iloc[2:])
    assert "The odds are worked out exactly: each goal has only one project" in alone
    assert "simulated" not in alone


def test_the_odds_chart_ends_at_its_legend():
    """The legend sits under the bars; Streamlit pads a chart's bottom by 20 px when its spec
    says nothing, which, with the legend's own 8 px around its labels, left 26 px empty inside
    the chart under "0 %  50 %  100 %" (1440 px, the sample) before the list of odds under
    it at 1024 px. The chart says its bottom padding: none."""
    spec = vega_lite_spec(odds_chart(odds_frame(quarter(), plan("wide", "narrow"))))
    assert spec["layer"][0]["encoding"]["color"]["legend"]["orient"] == "bottom"
    assert spec["padding"]["bottom"] == 0


def test_the_odds_chart_s_ticks_read_as_percent_as_the_attainment_chart_beside_it():
    """Overview: "The range each goal may land in" read "0, 10, 20, ... 120" under
    "Outcome, % of target", beside "Goal attainment against target", whose ticks read
    "0 %, 25 %, ... 125 %". Both read "25 %" every 25 %, up to the widest range, the target
    on a tick of its own."""
    frame = odds_frame(quarter(), plan("wide", "narrow"))
    band = odds_chart(frame).to_dict()["layer"][0]
    axis = band["encoding"]["x"]["axis"]
    assert axis["labelExpr"] == "datum.value + ' %'"
    top = max(100.0, *frame["p90_pct"])
    assert axis["values"][-1] >= top and 100 in axis["values"]
    assert axis["values"] == list(range(0, axis["values"][-1] + 1, 25))
    assert band["encoding"]["x"]["scale"]["domain"] == [0, axis["values"][-1]]


def test_the_odds_tooltips_read_as_every_page_writes_the_figures():
    """A chance of 99.7 % once read "100" in the chart's tooltip (Vega's own ",.0f") while
    the Overview's table said "> 99 %": the tooltips now show text prepared by
    planner.core.shown_figures, the chance in whole percent with "< 1 %" / "> 99 %" and the
    outcomes with the KPI's unit, and no tooltip formats a number itself.
    """
    likely = problem(
        [team("m", capacity=1000)],
        [project("bet", value=1000, goal_id="g", value_low=D(10), value_high=D(1100))],
        goals=[goal("g", 11, kpi="MQLs", name="MQLs")],
    )
    frame = odds_frame(likely, Plan((Assignment("bet", "m", D(1), D(10), D(1000)),)))
    (row,) = frame.to_dict("records")
    assert 99.5 <= row["probability"] < 100
    assert row["chance_text"] == "> 99 %"
    assert row["target_text"] == "11 MQLs"
    assert row["p50_text"] == shown_figures.outcome(row["p50"], "MQLs", 11)
    spec = odds_chart(frame).to_dict()
    tips = [t for layer in spec["layer"] for t in layer["encoding"].get("tooltip", [])]
    assert tips and all("format" not in t and t["type"] == "nominal" for t in tips)
    assert {
        "field": "chance_text",
        "type": "nominal",
        "title": "Chance to reach the target",
    } in tips


def test_a_lopsided_range_says_why_the_typical_outcome_is_not_the_plans_estimate():
    """ "Planned 2,500" beside "typically 2,3xx MQLs" reads as a slip without a reason.

    The wide bet has more room below its estimate (500) than above (2,600), so
    MQLs typically land below the plan's estimate: the line says so, with both
    figures labelled.
    """
    frame = odds_frame(quarter(), plan("wide", "narrow", "sure"))
    line = estimate_and_typical(frame)
    mqls = frame.set_index("goal_id").loc["mqls"]
    assert mqls["p50"] > mqls["planned"]
    assert "lopsided" in line and "'MQLs' typically lands higher" in line
    assert "the estimate's 2,500 MQLs" in line
    assert estimate_and_typical(odds_frame(quarter(), plan("sure"))) == ""


def test_the_typical_outcome_reads_as_the_goal_s_own_line_writes_it():
    """The Overview's odds list read "typically 10,600,000 pipeline $" and, just below,
    "New pipeline created typically lands higher (10,627,326 against the estimate's
    10,600,000 pipeline $)": the same typical outcome written twice, to the dollar once
    (the simulation's noise), and a difference where the list shows none.

    The line writes the typical outcome as the list does (three significant figures), names
    a goal only where the two read differently, and picks the goal that parts most as a
    share of its target, not the one with the biggest unit.
    """
    dollars_and_leads = problem(
        [team("m", capacity=1000)],
        [
            project(
                "deals",
                value=10_600_000,
                goal_id="pipe",
                value_low=D(9_000_000),
                value_high=D(12_400_000),
            ),
            project("leads", value=46, goal_id="mqls", value_low=D(40), value_high=D(70)),
        ],
        goals=[
            goal("pipe", 11_000_000, kpi="pipeline $", name="Pipeline"),
            goal("mqls", 100, kpi="MQLs", name="MQLs"),
        ],
    )
    plan_both = Plan(
        (
            Assignment("deals", "m", D(1), D(10), D(10_600_000)),
            Assignment("leads", "m", D(1), D(10), D(46)),
        )
    )
    frame = odds_frame(dollars_and_leads, plan_both).set_index("goal_id")
    pipe, mqls = frame.loc["pipe"], frame.loc["mqls"]
    assert shown_figures.outcome(pipe["p50"], "pipeline $") != shown_figures.amount(
        pipe["p50"], "pipeline $"
    )
    line = estimate_and_typical(frame.reset_index())
    assert "'MQLs' typically lands higher" in line, line
    assert f"({shown_figures.outcome(mqls['p50'])} against the estimate's 46 MQLs)" in line
    assert "Pipeline" not in line


def test_an_estimate_kept_to_a_decimal_is_no_difference_from_its_typical_outcome():
    """26.3 of 40 new customers planned reads with its decimal beside its 65.8 % (26 reads
    65.0 %), and a symmetric range typically lands there too (26 new customers, to the whole
    unit as the odds write it): only the decimal kept for the % tells them apart, so the line
    names no goal for it."""
    logos = problem(
        [team("s", "sales", capacity=1000)],
        [
            project(
                "a", "closing", value="20.3", goal_id="logos", value_low=D(18), value_high=D("22.6")
            ),
            project("b", "closing", value=6, goal_id="logos", value_low=D(5), value_high=D(7)),
        ],
        goals=[goal("logos", 40, kpi="new customers", name="New logos")],
    )
    both = Plan(
        (
            Assignment("a", "s", D(1), D(10), D("20.3")),
            Assignment("b", "s", D(1), D(10), D(6)),
        )
    )
    frame = odds_frame(logos, both)
    (row,) = frame.to_dict("records")
    assert row["planned_text"] == "26.3 new customers"
    assert shown_figures.outcome(row["p50"], "new customers", 40) == "26 new customers"
    assert estimate_and_typical(frame) == ""


def test_drivers_put_the_widest_range_first():
    """ "Which project's uncertainty matters most": the wide bet carries nearly all of it."""
    prob = quarter()
    odds = goal_odds(prob, plan("wide", "narrow"))["mqls"]
    frame = drivers_frame(prob, odds)
    assert list(frame["project_id"]) == ["wide", "narrow"]
    assert frame["share"].iloc[0] > 95
    assert frame["share"].sum() == pytest.approx(100)


def test_the_delta_frame_shows_the_change_in_points_between_two_plans():
    """Adding the wide bet to the narrow one moves the MQL odds from 0, in points."""
    prob = quarter()
    frame = odds_delta_frame(prob, plan("narrow"), prob, plan("wide", "narrow")).set_index(
        "goal_id"
    )
    # The narrow bet is near 1,000, so the chance is near the wide bet's of reaching 1,600.
    near = 100 * (1 - triangular_cdf(1600, 500, 1500, 2600))
    assert frame.loc["mqls", "before"] == 0
    assert frame.loc["mqls", "change"] == pytest.approx(frame.loc["mqls", "after"])
    assert 0 < frame.loc["mqls", "after"] < 100
    assert abs(frame.loc["mqls", "after"] - near) < 5
    assert frame.loc["sqls", "change"] == 0


def test_a_certain_goal_s_words_speak_of_work_left_only_after_a_check_in():
    """The Overview's odds table said "none of its projects has a range of impact left" on
    a fresh plan, before any check-in had used anything. It reads the plan's projects
    then, and the work left once a check-in is made."""
    prob = quarter()
    fresh = odds_frame(prob, plan("wide", "narrow", "sure")).set_index("goal_id")
    assert fresh.loc["sqls", "words"] == (
        "plans 300 of 250 SQLs: certain to reach it "
        "(none of the projects planned for it has a range of impact)"
    )
    rest = prob.replace(goals=(goal("mqls", 600, kpi="MQLs", name="MQLs"), goal("sqls", 50)))
    after = replan_odds_frame(
        prob, {"mqls": D(2000), "sqls": D(200)}, rest, plan(), plan("sure")
    ).set_index("goal_id")
    assert after.loc["sqls", "words"].endswith(
        "(none of the work left for it has a range of impact)"
    )
    assert not any("impact left" in w for w in (*fresh["words"], *after["words"]))


def test_replan_odds_use_the_quarter_target_in_words():
    """After a check-in the odds are of the whole quarter's target, what is done included."""
    prob = quarter()
    rest = prob.replace(goals=(goal("mqls", 600, kpi="MQLs", name="MQLs"),))
    frame = replan_odds_frame(
        prob, {"mqls": D(2000), "sqls": D(300)}, rest, plan(), plan("wide")
    ).set_index("goal_id")
    assert frame.loc["mqls", "before"] == 0
    assert frame.loc["mqls", "after"] == pytest.approx(
        100 * (1 - triangular_cdf(600, 500, 1500, 2600))
    )
    assert "to reach 2,600 MQLs" in frame.loc["mqls", "words"]
    assert frame.loc["sqls", "words"] == "reached already"


def test_comparing_with_a_check_in_reads_its_odds_against_the_quarter_s_targets():
    """A saved check-in's re-plan aims at what was left of each target. Compared with its
    parent, its odds read "0 % chance to reach 600 MQLs" and "plans 0 of 5,200,000
    pipeline $" beside goal bars at the quarter's percentages: the words used the rest of
    the target. With what each goal had achieved at the check-in they read the quarter's
    full target, and a goal met by then is reached already.
    """
    prob = quarter()
    rest = prob.replace(goals=(goal("mqls", 600, kpi="MQLs", name="MQLs"),))
    achieved = {"mqls": D(2000), "sqls": D(300)}
    frame = odds_delta_frame(
        prob, plan("narrow"), rest, plan("wide"), achieved_b=achieved
    ).set_index("goal_id")
    assert frame.loc["mqls", "after"] == pytest.approx(
        100 * (1 - triangular_cdf(600, 500, 1500, 2600))
    )
    assert "to reach 2,600 MQLs" in frame.loc["mqls", "words"]
    assert frame.loc["sqls", "words"] == "reached already"
    assert frame.loc["sqls", "after"] == 100


def test_the_odds_change_reads_as_the_chances_beside_it():
    """ "0 %" -> "< 1 %" is "up from 0 %", not "no change" or "+0 pts"; never "-0 pts"."""
    import pandas as pd

    from planner.interfaces.odds_changes import odds_delta_view

    frame = pd.DataFrame(
        {
            "goal": ["a", "b", "c", "d"],
            "before": [0.0, 20.4, 30.0, 50.0],
            "after": [0.3, 19.6, 30.0, 38.0],
            "change": [0.3, -0.8, 0.0, -12.0],
            "words": ["", "", "", ""],
        }
    )
    view = odds_delta_view(frame).set_index("Goal")
    assert (view.loc["a", "Chance before"], view.loc["a", "Chance after"]) == ("0 %", "< 1 %")
    assert list(view["Change"]) == ["up from 0 %", "down < 1 pt", "no change", "-12 pts"]
    # The Check-in page leads with the re-plan ("after"), as its forecast table does; the
    # change is still the re-plan's against carrying on, not the other way round.
    first = odds_delta_view(frame, "If we carry on", "With the re-plan", after_first=True)
    assert list(first.columns) == [
        "Goal",
        "With the re-plan",
        "If we carry on",
        "Change",
        "After, in words",
    ]
    assert list(first["Change"]) == list(view["Change"])
    assert list(first["With the re-plan"]) == list(view["Chance after"])


def test_a_goal_at_low_odds_says_whether_more_work_or_luck_can_close_the_gap():
    """A VP Sales read "0 % chance to reach 2,600 MQLs" and "3 %" beside it with no word of
    what to do. The advice names the goals out of reach (every range at its top falls
    short: only more projects help) apart from those at low odds within reach.
    """
    quarter_goals = quarter()
    without_wide = odds_frame(quarter_goals, plan("narrow", "sure"))
    (out_of_reach,) = odds_advice(without_wide)
    assert out_of_reach.startswith("Out of reach with this plan: 'MQLs'.")
    assert "only more projects in the plan close the gap" in out_of_reach
    both = odds_frame(quarter_goals, plan("wide", "narrow", "sure"))
    (low,) = odds_advice(both)
    chance = shown_figures.chance(float(both.set_index("goal_id").loc["mqls", "probability"]) / 100)
    assert low.startswith(f"Low odds: 'MQLs' ({chance} chance, typically ")
    # SQLs is certain (no range): no advice for it.
    assert "SQLs" not in low


def test_where_the_odds_come_from_gives_their_precision_with_an_example():
    """ "Each chance true to within about 1 %" beside "3 % chance" read as 2.97 to 3.03 %,
    where the draws give it within about 1 percentage point (bench/odds_precision.py): an
    example says it, without the word "point" the Overview keeps from leaders."""
    said = odds_from(odds_frame(quarter(), plan("wide", "narrow", "sure")))
    assert "within about 1 % either way: a 32 % chance is between 31 % and 33 %" in said
    assert "point" not in said  # the Overview keeps "points" from leaders


def _with_wide(low: int, high: int, target: int):
    """:func:`quarter` with the wide bet's range ``low``-``high`` (its estimate 1,500)."""
    prob = quarter()
    projects = tuple(
        replace(p, value_low=D(low), value_high=D(high)) if p.project_id == "wide" else p
        for p in prob.projects
    )
    goals = (goal("mqls", target, kpi="MQLs", name="MQLs"), *prob.goals[1:])
    return prob.replace(projects=projects, goals=goals)


def test_the_low_odds_advice_never_says_to_firm_up_the_ranges_that_hold_the_upside():
    """The advice said the widest ranges "are the ones to watch and firm up first", and the
    table's help that "narrowing the widest ranges first does the most for the odds". A
    goal at low odds typically falls short: it is reached only where its ranges land high,
    and narrowing the widest one lowers its chance (on the sample, MQLs 3.5 % to 1.7 %).
    Narrowing steadies a goal typically above its target: its chance rises."""
    from planner.interfaces.odds_charts import SHARE_OF_UNCERTAINTY

    both = plan("wide", "narrow", "sure")
    short, short_narrowed = _with_wide(500, 2600, 2600), _with_wide(1000, 2050, 2600)
    before = goal_odds(short, both)["mqls"].probability
    assert 0 < goal_odds(short_narrowed, both)["mqls"].probability < before < 0.5
    above, above_narrowed = _with_wide(500, 2600, 2300), _with_wide(1000, 2050, 2300)
    steadied = goal_odds(above, both)["mqls"].probability
    assert 0.5 < steadied < goal_odds(above_narrowed, both)["mqls"].probability
    (low,) = odds_advice(odds_frame(short, both))
    assert low.startswith("Low odds: 'MQLs' (")
    assert "firm up" not in low
    assert (
        "The goal is reached in the quarters where they land high in their ranges, and "
        "narrowing a range on its own cuts that upside."
    ) in low
    # One sentence a thought: the advice after the goals ran to 77 words in one sentence.
    advice = low.split("). ", 1)[1]
    assert max(len(sentence.split()) for sentence in advice.split(". ")) <= 32, advice
    assert "does the most for the odds" not in SHARE_OF_UNCERTAINTY
    assert "cuts the upside of one that typically falls short" in SHARE_OF_UNCERTAINTY


def test_a_goal_at_low_odds_says_how_far_short_it_typically_falls():
    """ "More projects for the goal raise them" said how, not how much. Each goal at low
    odds reads its typical shortfall, as its odds line's figures subtract ("typically 2,340
    MQLs" of 2,600: 260 short), and projects adding that much make it about an even bet."""
    prob, both = quarter(), plan("wide", "narrow", "sure")
    frame = odds_frame(prob, both)
    mqls = frame.set_index("goal_id").loc["mqls"]
    short = 2600 - shown_figures.outcome_value(float(mqls["p50"]), 2600)
    (low,) = odds_advice(frame)
    shortfall = shown_figures.amount(short, "MQLs")
    assert f"'MQLs' ({mqls['chance_text']} chance, typically {shortfall} short)" in low
    assert f"typically {shown_figures.outcome(float(mqls['p50']), 'MQLs', 2600)}" in mqls["words"]
    assert low.endswith(
        "Projects that add about a goal's shortfall to the plan make it roughly an even bet."
    )
    extra = project("extra", value=short, goal_id="mqls")
    more = prob.replace(projects=(*prob.projects, extra))
    given = Plan((*both.assignments, Assignment("extra", "m", D(1), D(10), D(str(short)))))
    assert 0.4 < goal_odds(more, given)["mqls"].probability < 0.6


def test_a_goal_out_of_reach_mid_quarter_names_what_is_achieved_so_far():
    """At week 6 of the sample, pipeline read "0 % chance ... (out of reach: 10,900,000 at
    most, every project at the top of its range)" where the Overview had said 32 %: the
    9,700,000 achieved so far is certain, only the work left has a range, and the words
    did not say so. They name the part achieved, and the odds are tied to the Overview's."""
    prob = quarter()
    rest = prob.replace(goals=(goal("mqls", 1200, kpi="MQLs", name="MQLs"),))
    frame = replan_odds_frame(
        prob, {"mqls": D(1400), "sqls": D(300)}, rest, plan(), plan("narrow")
    ).set_index("goal_id")
    assert frame.loc["mqls", "after"] == 0
    assert frame.loc["mqls", "words"] == (
        "0 % chance to reach 2,600 MQLs (out of reach: at most 2,500 MQLs, the 1,400 MQLs "
        "achieved so far plus the work left at the top of its range); 9 times in 10 at least "
        "2,340 MQLs, typically 2,400 MQLs"
    )
    # Compared with its parent on the Scenarios page, the saved check-in reads the same.
    compared = odds_delta_frame(
        prob, plan("narrow"), rest, plan("narrow"), achieved_b={"mqls": D(1400), "sqls": D(300)}
    ).set_index("goal_id")
    assert compared.loc["mqls", "words"] == frame.loc["mqls", "words"]
    # A count reads as the check-in shows it: kept as pre-filled, the plan's 1,399.6 MQLs by
    # now as written, 1,400; typed so by the leader (a count changed), as typed.
    by_now = {"mqls": D("1399.6"), "sqls": D(300)}
    counted = replan_odds_frame(
        prob, by_now, rest, plan(), plan("narrow"), recorded={"mqls": D(1400)}
    ).set_index("goal_id")
    assert "at most 2,500 MQLs, the 1,400 MQLs achieved so far" in counted.loc["mqls", "words"]
    typed = replan_odds_frame(prob, by_now, rest, plan(), plan("narrow")).set_index("goal_id")
    assert "the 1,399.6 MQLs achieved so far plus the work" in typed.loc["mqls", "words"]
    assert "the Overview" in MID_QUARTER_ODDS


def test_why_odds_narrow_is_said_mid_quarter_only():
    """ "Mid-quarter the odds narrow …" stood under a check-in's odds at week 13 of 13 too
    (the Check-in page, the Compare tab and `scenarios compare`): only mid-quarter now."""
    from planner.interfaces.odds_changes import mid_quarter_odds
    from planner.scenarios.checkin import CheckIn

    week_6, over = CheckIn(weeks_elapsed=D(6)), CheckIn(weeks_elapsed=D(13))
    assert mid_quarter_odds(week_6) == MID_QUARTER_ODDS
    assert mid_quarter_odds(None, week_6) == MID_QUARTER_ODDS
    assert mid_quarter_odds(over) is None
    assert mid_quarter_odds(None, over) is None
    assert mid_quarter_odds() is None and mid_quarter_odds(None, None) is None


def test_the_low_odds_advice_points_to_the_odds_priority_only_where_it_can_go_further():
    """A CMO who had set 'Odds of hitting each target' to Strong still read "... and so does
    the priority 'Odds of hitting each target' on the Constraints page": advice to do what
    she had done. Off, it is offered; at Some, a stronger setting; at Strong, it says the
    priority is at its strongest, and only more projects are left to raise the odds."""
    both = odds_frame(quarter(), plan("wide", "narrow", "sure"))
    (off,) = odds_advice(both)
    (some,) = odds_advice(both, confidence=0.25)
    (strong,) = odds_advice(both, confidence=1.0)
    assert "so does the priority 'Odds of hitting each target' on the Constraints page" in off
    assert "so does the priority 'Odds of hitting each target' set to Strong" in some, some
    assert "Constraints page" not in strong and "already at Strong" in strong, strong


def test_the_re_plan_s_two_plans_draw_each_project_once(monkeypatch):
    """After a check-in the odds of the baseline carried on and of the re-plan are two
    simulations over mostly the same projects. Each project's draws are kept for 512
    projects only: at 150 teams x 1,500 projects (1,000 planned) none was found again, and
    every project was drawn twice, a second of CPU (bench/scale_walk.py). The two share
    their draws, and the odds are the same as each plan's own."""
    from planner.core import uncertainty

    prob = quarter()
    rest = prob.replace(goals=(goal("mqls", 2000, kpi="MQLs", name="MQLs"), goal("sqls", 50)))
    before, after = plan("wide", "narrow"), plan("wide", "narrow", "sure")
    expected = replan_odds_frame(prob, {"mqls": D(600)}, rest, before, after)
    drawn: list[str] = []
    made = uncertainty.draw_standard

    def counted(keys, *args):
        drawn.extend(project_id for project_id, _ in keys)
        return made(keys, *args)

    monkeypatch.setattr(uncertainty, "draw_standard", counted)
    monkeypatch.setattr(uncertainty, "MEMO_SIZE", 0)  # as when 512 projects are too few
    uncertainty.forget_draws()
    frame = replan_odds_frame(prob, {"mqls": D(600)}, rest, before, after)
    assert sorted(drawn) == ["narrow", "wide"]
    assert frame.equals(expected)
    assert 0 < frame.set_index("goal_id").loc["mqls", "after"] < 100  # a sampled chance


def test_a_goal_left_as_pre_filled_says_its_lower_odds_are_the_pre_fill_not_news():
    """On the sample at week 6 with nothing typed, New pipeline created read 0 % "out of
    reach" where the Overview read 32 %: the pre-fill records the done work at its estimate,
    and the chance at the start came from its range above it. Said beside the odds, for the
    goal left as pre-filled only: one whose KPI so far was typed is news, and not named."""
    prob = quarter()
    done = {"wide": ProjectProgress(ProjectStatus.DONE)}
    as_planned = CheckIn(D(6), D(13), done, {"mqls": D(1500)})
    rest = prob.replace(goals=(goal("mqls", 1100, kpi="MQLs", name="MQLs"),))
    at_start = goal_odds(prob, plan("wide", "narrow", "sure"))
    assert at_start["mqls"].probability > 0.05  # the wide project's upside
    odds = replan_odds_frame(prob, as_planned.achieved, rest, plan("narrow"), plan("narrow"))
    assert odds.set_index("goal_id").loc["mqls", "before"] < 1
    note = prefilled_odds_note(odds, at_start, as_planned, as_planned)
    assert note is not None
    started = shown_figures.chance(at_start["mqls"].probability)
    assert f"'MQLs' < 1 %, {started} at the start" in note
    assert "estimate for the work done by week 6" in note and "not news" in note
    typed = CheckIn(D(6), D(13), done, {"mqls": D(1400)})
    rest = prob.replace(goals=(goal("mqls", 1200, kpi="MQLs", name="MQLs"),))
    odds = replan_odds_frame(prob, typed.achieved, rest, plan("narrow"), plan("narrow"))
    assert prefilled_odds_note(odds, at_start, typed, as_planned) is None


def test_the_odds_lines_name_each_goal_in_quotes_as_what_to_do_next_does():
    """A goal named like a sentence read as one: "Low odds: Leads come in (3 % chance,
    typically ...)" and "Out of reach with this plan: Leads come in." What to do next, above,
    sets each goal apart in quotes ("'New logos won' is planned at 70.0 %"); the odds' lines
    name it the same way, in the advice, where the odds come from and what a chance means."""
    prob = quarter()
    named = prob.replace(
        goals=(goal("mqls", 2600, kpi="MQLs", name="Leads come in"), *prob.goals[1:])
    )
    (out_of_reach,) = odds_advice(odds_frame(named, plan("narrow", "sure")))
    assert out_of_reach.startswith("Out of reach with this plan: 'Leads come in'. Even ")
    frame = odds_frame(named, plan("wide", "narrow", "sure"))
    (low,) = odds_advice(frame)
    assert low.startswith("Low odds: 'Leads come in' (")
    said = odds_from(frame)
    assert "The odds of 'Leads come in' come from" in said, said
    assert "What a chance means: 'Leads come in', at " in said, said
    assert "'sqls' has no project with a range in the plan" in said, said
    assert ": 'Leads come in' typically lands higher (" in estimate_and_typical(frame)


def test_a_typical_shortfall_is_the_typical_outcomes_own_not_the_rounded_figures():
    """Closed-won new ARR of 4,518,014 ARR $ typically lands at 4,512,052, which its odds line
    rounds to "typically 4,510,000"; the low odds read "typically 8,014 ARR $ short", that
    line's figures subtracted, where it is 5,962 short: four figures that looked exact and
    were a third off. The shortfall is the typical outcome's own, to the figures an outcome
    keeps."""
    frame = pd.DataFrame(
        [
            {
                "goal_id": "new-arr",
                "goal": "Closed-won new ARR",
                "kpi": "ARR $",
                "target": 4518014.0,
                "p50": 4512051.9,
                "probability": 48.0,
                "chance_text": "48 %",
                "uncertain": True,
            }
        ]
    )
    (low,) = odds_advice(frame)
    assert "'Closed-won new ARR' (48 % chance, typically 5,960 ARR $ short)" in low
    assert "8,014" not in low


def test_a_typical_shortfall_of_a_round_target_is_its_odds_lines_figures_subtracted():
    """The sample's 'New pipeline created' typically lands at 10,627,000 of 11,000,000
    pipeline $: its odds line, on the Overview and the Plan page, reads "typically
    10,600,000 pipeline $", and the low odds beneath read "typically 373,000 pipeline $
    short". A VP Sales subtracting the two figures on the screen got 400,000. A target the
    odds line's figures can hold reads the shortfall those figures give."""
    frame = pd.DataFrame(
        [
            {
                "goal_id": "pipeline",
                "goal": "New pipeline created",
                "kpi": "pipeline $",
                "target": 11_000_000.0,
                "p50": 10_627_000.0,
                "probability": 32.0,
                "chance_text": "32 %",
                "uncertain": True,
            },
            {
                "goal_id": "mqls",
                "goal": "Marketing-qualified leads",
                "kpi": "MQLs",
                "target": 2600.0,
                "p50": 2343.0,
                "probability": 3.0,
                "chance_text": "3 %",
                "uncertain": True,
            },
        ]
    )
    assert shown_figures.outcome(10_627_000.0, "pipeline $", 11_000_000) == "10,600,000 pipeline $"
    assert shown_figures.outcome(2343.0, "MQLs", 2600) == "2,340 MQLs"
    (low,) = odds_advice(frame)
    assert "'New pipeline created' (32 % chance, typically 400,000 pipeline $ short)" in low
    assert "'Marketing-qualified leads' (3 % chance, typically 260 MQLs short)" in low
