"""One way to write each quantity: percent of target, points, chance, KPI amounts, hours.

A tester found the Overview's card at "94 %" beside a table at "94.6 %",
"-5 pts" beside "-4.7 pts", "< 1 %" beside "0 %", a "-0 pts" and "34.6 new
customers" (issue 13). Every page, the command line and the exports now
write these figures through :mod:`planner.core.shown_figures`; these tests pin what
those functions say.
"""

from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planner.core.cell_formats import amount_format, hours_format
from planner.core.errors import InputIssue, InvalidInputError
from planner.core.machine_figures import kept_as_shown, percent_figure
from planner.core.shared_words import are, counted, joined, plural
from planner.core.shown_figures import (
    amount,
    amount_shown,
    amount_value,
    amounts_adding_up,
    chance,
    chance_change,
    gap_percent,
    goal_amount,
    hours,
    hours_value,
    outcome,
    outcome_value,
    percent,
    percent_value,
    percents_between,
    points,
    points_between,
    share_percent,
    week_hours,
)


def test_percent_has_one_decimal_rounded_not_floored():
    """94.64 reads 94.6 % and 94.66 reads 94.7 %: the same on a card and in a table."""
    assert percent(94.64) == "94.6 %"
    assert percent(94.66) == "94.7 %"
    assert percent(Fraction(189, 2)) == "94.5 %"
    assert percent(Decimal("150.25")) == "150.3 %"


def test_percent_never_shows_a_goal_below_target_at_target():
    """99.97 % of a target is not met: it reads 99.9 %, never 100.0 %."""
    assert percent(99.97) == "99.9 %"
    assert percent(99.95) == "99.9 %"
    assert percent(100) == "100.0 %"
    assert percent(100.04) == "100.0 %"


def test_percent_figure_reads_as_the_exact_percentage():
    """--json's six decimals never land on an edge the exact figure is short of: a goal at
    99.99999995 % read "100.0 %" in planner solve's text beside "0 of 1 goals at target"."""
    assert percent_figure(99.99999995) == 99.999999
    assert percent(percent_figure(94.64999995)) == percent(94.64999995) == "94.6 %"
    assert percent(percent_figure(4e-8)) == percent(4e-8) == "0.1 %"
    assert percent_figure(12.3456789) == 12.345679  # elsewhere, to the nearest
    assert percent_figure(100) == 100.0
    assert percent_figure(None) is None


def test_kept_as_shown_keeps_a_weeks_hours_on_their_tenth():
    """A week of 22.4496 h stored to three decimals is 22.449, which a spreadsheet's tenth
    reads 22.4 h as the Plan page does; to the nearest, 22.450 read 22.5 h."""
    assert kept_as_shown(22.4496, 3, week_hours) == 22.449
    assert kept_as_shown(22.4504, 3, week_hours) == 22.45
    assert kept_as_shown(46.153846, 3, week_hours) == 46.154


def test_goal_amount_keeps_the_decimals_its_percent_needs():
    """1,893,000 of 2,000,000 is 94.65 %, which reads 94.7 %: a plan of 1,892,999.999
    (94.6 %) reads so, to the three decimals a value has."""
    assert goal_amount(1892999.999, "$", 2000000) == "1,892,999.999 $"
    assert goal_amount(26.3, "customers", 40) == "26.3 customers"


def test_percent_never_shows_progress_as_none_and_never_minus_zero():
    """A goal with a little progress reads 0.1 %, not 0.0 %; nothing reads "-0.0 %"."""
    assert percent(0.01) == "0.1 %"
    assert percent(0) == "0.0 %"
    assert percent(-0.0) == "0.0 %"
    assert percent(-0.01) == "0.0 %"
    assert percent(None) == "–"
    assert percent(float("nan")) == "–"


@given(st.floats(min_value=-1000, max_value=1000, allow_nan=False))
def test_a_shown_percent_is_within_a_tenth_of_the_truth_and_keeps_its_side_of_100(x):
    """Property: at most 0.1 off, below 100 stays below 100, never "-0"."""
    shown = percent_value(x)
    assert shown is not None
    assert abs(shown - x) <= 0.1 + 1e-9
    if x < 100:
        assert shown < 100
    assert "-0.0" not in percent(x)


def test_a_plans_distance_from_the_best_is_rounded_up_to_one_decimal():
    """The gap is a bound: 0.051 % below the best read "at most 0.05 %" on the command line
    and "0.1 %" in the app; 0.12 % read "within 0.1 %". One decimal, rounded up, never 0.0
    for a plan short of proven best."""
    assert gap_percent(0.000511) == "0.1 %"
    assert gap_percent(0.0012) == "0.2 %"
    assert gap_percent(0.012) == "1.2 %"
    assert gap_percent(0.001) == "0.1 %"
    assert gap_percent(1e-9) == "0.1 %"
    assert gap_percent(0) == "0.0 %"
    assert (gap_percent(None), gap_percent(float("nan"))) == ("–", "–")


@given(st.floats(min_value=0, max_value=10, allow_nan=False))
def test_a_shown_gap_is_never_below_the_true_gap(gap):
    """Property: "at most X %" holds, and X is less than a tenth of a point above the truth."""
    shown = float(gap_percent(gap).removesuffix(" %").replace(",", ""))
    assert shown >= 100 * gap - 1e-9
    assert shown < 100 * gap + 0.1 + 1e-9


def test_points_are_the_difference_of_the_shown_percentages():
    """94.64 % -> 89.86 % reads "-4.7 pts" (94.6 - 89.9), never "-4.8" or "-5 pts"."""
    assert points_between(94.64, 89.86) == "-4.7 pts"
    assert points_between(89.86, 94.64) == "+4.7 pts"
    assert points_between(50.01, 50.04) == "0.0 pts"
    assert points(-0.04) == "0.0 pts"
    assert points(None) == "–"


def test_chance_never_rounds_a_possible_outcome_to_0_or_100():
    """A 0.3 % chance reads "< 1 %" wherever it is shown, 99.6 % reads "> 99 %"."""
    assert chance(0.003) == "< 1 %"
    assert chance(0.996) == "> 99 %"
    assert (chance(0), chance(1), chance(0.625)) == ("0 %", "100 %", "63 %")


def test_a_chance_at_a_half_point_rounds_up_as_the_json_and_plan_xlsx_show_it():
    """2,900 of 20,000 draws is a 14.5 % chance: --json says 14.5 and plan.xlsx's "0 %"
    format shows 15 %, but the pages and the CLI's text read "14 %" (100 x 0.145 is
    14.499999999999998 in binary). Every chance the odds can take (k of 20,000 draws)
    reads as its exact figure rounded half up."""
    assert chance(0.145) == "15 %"
    assert (chance(0.285), chance(0.565), chance(0.575)) == ("29 %", "57 %", "58 %")
    assert chance_change(0.135, 0.145) == "+1 pt"
    assert chance(0.995) == "> 99 %"  # read "99 %"; plan.xlsx's format shows "> 99 %"
    for k in range(1, 20_000):
        exact = Fraction(k, 200)  # the chance in percent
        shown = "< 1 %" if exact < Fraction(1, 2) else f"{int(exact + Fraction(1, 2))} %"
        assert chance(k / 20_000) == ("> 99 %" if exact >= Fraction(199, 2) else shown), k


def test_kpi_amounts_are_whole_from_10_on_with_their_unit():
    """34.6 new customers reads "35 new customers"; small amounts keep a decimal."""
    assert amount(34.6, "new customers") == "35 new customers"
    assert amount(2_350.4, "MQLs") == "2,350 MQLs"
    assert amount(Decimal("2.46"), "$M") == "2.5 $M"
    assert amount(7, "deals") == "7 deals"
    assert amount(-0.01) == "0"


def test_an_amount_short_of_its_target_never_reads_as_the_target():
    """39.6 of a 40-customer target never reads 40 (the goal is not met); it reads 39.6, not
    39: the Overview of a generated quarter showed 'Planned 89' of a target of 90 beside
    'Attainment 99.9 %', which 89 of 90 is not (98.9 %). The amount keeps the decimals that
    tell it from the target, and reads with its percentage."""
    assert amount(39.6, "new customers", target=40) == "39.6 new customers"
    assert amount(89.9, "new customers", target=90) == "89.9 new customers"
    assert amount(Decimal("1931.96"), "SQLs", target=Decimal("1932")) == "1,931.96 SQLs"
    assert amount(40, "new customers", target=40) == "40 new customers"
    # Away from the target, whole from 10 on as ever.
    assert amount(38.6, "new customers", target=40) == "39 new customers"


def test_a_small_target_never_reads_as_zero():
    """A target of 0.03 (a conversion rate, a share) read "0" in the goals table, the
    check-in and the workbook: a goal that aims at nothing. An amount that one decimal
    would round to 0 keeps two significant digits, everywhere amounts are written.
    """
    assert amount(Decimal("0.03"), "rate") == "0.03 rate"
    assert amount(Decimal("0.049")) == "0.049"
    assert amount(Decimal("0.0004")) == "0.0004"
    assert amount_value(Decimal("0.03")) == 0.03
    assert amount_shown(0.03) == "0.03"
    assert amount_format(Decimal("0.03")) == "#,##0.00"
    assert amount_format(Decimal("0.049")) == "#,##0.000"
    # Short of a small target, never the target itself.
    assert amount(Decimal("0.0299"), target=Decimal("0.03")) == "0.0299"
    so_far, added, total = amounts_adding_up(Decimal("0.01"), Decimal("0.03"), Decimal("0.04"))
    assert (amount_shown(so_far), amount_shown(added), amount_shown(total)) == (
        "0.01",
        "0.02",
        "0.03",
    )
    # Everything else as before.
    assert amount(Decimal("0.05")) == "0.1"
    assert amount(0) == "0"


def test_hours_are_whole_from_10_on():
    """Capacity reads "3,520 h" on every page; half an hour keeps its decimal."""
    assert hours(Decimal("3520")) == "3,520 h"
    assert hours(1234.5) == "1,235 h"
    assert hours(7.46) == "7.5 h"
    assert hours(-0.01) == "0 h"


def test_hours_above_0_never_read_0_h():
    """A 0.013 h project on a team of 0.001 h a week read "Brand has no room for its 0 h
    a week", "Marketing capacity: 0 h; planned 0 h (30.8 %)" and "0 h free" beside a
    project it had no room for: below 0.05 h one decimal rounds to 0. Hours keep two
    significant digits there, as a small KPI amount does, in text and in a workbook."""
    assert hours(Decimal("0.001")) == "0.001 h"
    assert hours(Decimal("0.013")) == "0.013 h"
    assert hours(Fraction(13, 1000) / 13) == "0.001 h"
    assert hours(Fraction(4, 1000) / 13) == "0.00031 h"
    assert hours(0.049) == "0.049 h" and hours(0.05) == "0.1 h"
    assert hours_value(Decimal("0.013")) == 0.013
    assert hours_format(Decimal("0.013")) == "#,##0.000"
    assert hours_format(0.04) == "#,##0.00"
    # As before: one decimal below 10, whole from 10, no figure from float noise or "-0".
    assert hours(7.46) == "7.5 h" and hours(12.5) == "13 h" and hours(0) == "0 h"
    assert hours(1e-12) == "0 h" and hours(-0.01) == "0 h"
    assert hours_format(7.5) == "#,##0.0" and hours_format(3520) == "#,##0"


@pytest.mark.parametrize("bad", [float("inf"), float("-inf"), float("nan")])
def test_figures_that_are_not_numbers_read_as_a_dash(bad):
    """An undefined figure reads "–", never "nan %" or "inf h"."""
    assert percent(bad) == "–"
    assert hours(bad) == "–"
    assert amount(bad) == "–"
    assert chance(bad) == "–"


def test_chance_change_is_the_difference_of_the_chances_as_shown():
    """12.5 % reads "13 %" and 13.5 % reads "14 %": the change beside them is +1 pt, not
    the +2 of Python's round-half-even; equal odds read "no change", never "+0 pts".
    """
    assert (chance(0.125), chance(0.135)) == ("13 %", "14 %")
    assert chance_change(0.125, 0.135) == "+1 pt"
    assert chance_change(0.5, 0.38) == "-12 pts"
    assert chance_change(0.3, 0.3) == "no change"
    assert chance_change(0.204, 0.196) == "down < 1 pt"  # "20 %" both
    # "< 1 %" to "0 %" read "down < 1 pt", as if some chance were left.
    assert chance_change(0.003, 0.0) == "down to 0 %"
    assert chance_change(0.0, 0.003) == "up from 0 %"
    assert chance_change(None, 0.5) == "–"


def test_an_estimated_outcome_reads_to_three_significant_figures_from_1000_on():
    """A percentile of simulated outcomes: its last digits are the simulation's noise."""
    assert outcome(9_631_871.4, "pipeline $") == "9,630,000 pipeline $"
    assert outcome(2_161.2, "MQLs") == "2,160 MQLs"
    assert outcome(999.6) == "1,000"
    assert outcome(465.4, "SQLs") == "465 SQLs"  # below 1,000: as any amount
    assert outcome(2.44) == "2.4"
    assert outcome(None) == outcome(float("nan")) == "–"
    # Short of the target it never reads as the target.
    assert outcome(10_996_000, target=11_000_000) == "10,900,000"
    assert outcome(10_996_000) == "11,000,000"


@given(st.floats(min_value=0, max_value=1e12), st.floats(min_value=0, max_value=1e12))
def test_an_outcome_is_within_half_a_unit_of_its_third_figure_and_keeps_the_order(a, b):
    low, high = sorted((a, b))
    assert outcome_value(low) <= outcome_value(high)
    shown = outcome_value(high)
    if high >= 1_000:
        assert abs(shown - high) <= 0.005 * high + 1e-9
        assert len(f"{shown:.0f}".rstrip("0")) <= 3
    else:
        assert shown == amount_value(high)
    if low < high:
        assert outcome_value(low, target=high) < high


def test_amounts_that_add_up_read_as_a_sum_that_adds_up():
    """The check-in's 'achieved + re-plan = forecast' read '2.5 + 26 = 28 new customers':
    each part rounded on its own. The part added is the difference of the two as shown."""
    so_far, added, total = amounts_adding_up(Decimal("2.5"), Decimal("28"), target=40)
    assert (amount_shown(so_far), amount_shown(added), amount_shown(total)) == (
        "2.5",
        "25.5",
        "28",
    )
    assert so_far + added == total
    # Short of the target, no part reads as the target itself.
    assert amounts_adding_up(Decimal("39.6"), Decimal("39.6"), target=40) == (39.6, 0, 39.6)
    assert amount_shown(1_041_550, "ARR $") == "1,041,550 ARR $"


def test_a_forecast_reads_the_percent_of_target_written_beside_it():
    """A check-in's forecast read '19 + 9 = 28 of 40 new customers (70.8 %)': 28.33 shown
    whole beside its exact %, where 28 of 40 is 70.0 %. A total whose whole number would
    read another % of its target keeps the decimal that gives the % shown; one that reads
    its own % stays whole, as every amount from 10 on does."""
    so_far, added, total = amounts_adding_up(Decimal(19), Decimal("28.33"), target=40)
    assert (amount_shown(so_far), amount_shown(added), amount_shown(total)) == ("19", "9.3", "28.3")
    assert percent(100 * total / 40) == percent(100 * 28.33 / 40) == "70.8 %"
    assert amounts_adding_up(Decimal(8), Decimal("28.01"), target=40)[2] == 28  # 70.0 % both
    assert amounts_adding_up(Decimal(9_700_000), Decimal("10600000.4"), target=11_000_000)[2] == (
        10_600_000
    )


@pytest.mark.parametrize(
    ("status", "gap", "kept_close", "leads"),
    [
        ("optimal", 0.0, None, "The best plan possible for these inputs (planned in 0.74 s)"),
        (
            "feasible",
            0.012,
            None,
            "The best plan found in 0.74 s; within 1.2 % of the best possible",
        ),
        ("feasible", None, None, "The best plan found in 0.74 s; how close it is to the best"),
        ("feasible", 0.004, 0.005, "Kept close to the previous plan: as few changes as possible"),
        ("infeasible", None, None, "No plan meets every rule"),
        ("no plan found", None, None, "No plan found in time (0.74 s)"),
    ],
)
def test_a_status_sentence_leads_with_the_words_every_table_uses(status, gap, kept_close, leads):
    """The banner read "Plan status: optimal, the best plan possible" in the solver's lower
    case word while the Scenarios table and the shell say "Optimal: best possible": the
    sentence starts with the one label (or says why a what-if stayed close) and never
    shows a raw status. "Optimal: best possible (proven in 0.57 s)" was still the solver's
    words on every page and the sidebar: it reads as a leader says it."""
    from planner.core.status_words import status_label, status_sentence

    said = status_sentence(status, 0.74, gap, kept_close)
    assert said.startswith(leads), said
    assert said.startswith(status_label(status, kept_close)), said
    assert not re.search(r"\b(optimal|feasible|infeasible|proven)\b", said, re.I), said
    # "checked in 0.20 s", beside a page named Check-in, read as a check-in: the seconds
    # are the planning's, said as the kept-close line and the Scenarios detail say them.
    assert "checked in" not in said, said


def test_a_saved_or_checked_in_plan_s_status_says_how_close_to_the_best_it_is():
    """`planner checkin` and `scenarios save`/`show` said "status: The best plan found" and
    the distance only in the optimizer's points ("below the best possible score: at most
    0.4 %"); now the points are the analysts' line, so the status says it in a leader's
    words, as `planner solve` and the app's status line do (without the seconds), with what
    the distance is measured on: "at most 0.4 % short of the best possible plan" beside
    85.6 % goal attainment read as attainment points."""
    from planner.core.status_words import status_label, status_sentence, status_words

    found = status_words("feasible", 0.0037)
    assert found == (
        "The best plan found; within 0.4 % of the best possible plan, goals weighed by how "
        "much each matters"
    )
    assert status_sentence("feasible", 1.0, 0.0037).endswith(found.split("; ")[1])
    assert status_words("feasible") == (
        "The best plan found; how close it is to the best possible plan is not known"
    )
    assert status_words("optimal", 0.0) == "The best plan possible"
    assert status_words("feasible", 0.0037, 0.005) == status_label("feasible", 0.005)


def test_counts_read_in_the_singular_for_one():
    """'1 problem(s) in the inputs' and 'a budget of 1 change(s)' read as a person writes."""
    assert plural(1, "project") == "1 project" and f"{plural(1, 'team')} {are(1)}" == "1 team is"
    assert plural(1200, "week") == "1,200 weeks" and are(0) == "are"
    issue = InputIssue("teams.csv", 2, "capacity_hours", "'lots' is not a number.", "Use hours.")
    assert str(InvalidInputError([issue])).startswith("1 problem in the inputs:\n- teams.csv")


def test_counts_take_their_noun_in_the_singular_at_one():
    """The Data page and ``planner validate`` read "1 estimates" for a quarter with one."""
    assert counted((6, "team"), (1, "estimate"), (0, "rule"), (1200, "calendar row")) == (
        "6 teams, 1 estimate, 0 rules, 1,200 calendar rows"
    )


def test_a_list_in_a_sentence_ends_with_and():
    """Stages, weeks, the rows an edit carries along and the explanations' names are each
    listed as a person writes a list ("A, B and C"), by the one rule in
    planner.core.shared_words."""
    assert joined([]) == "" and joined(["seo"]) == "seo"
    assert joined(["9-11", "13"]) == "9-11 and 13"
    assert joined(["a", "b", "c"]) == "a, b and c"
    assert joined(["Brand, EMEA", "Closers", "AM"], "; ") == "Brand, EMEA; Closers and AM"


def test_an_outcome_a_chance_is_at_least_is_rounded_down_never_up():
    """A 10th percentile of 20,970 visitors read "9 times in 10 at least 21,000": more
    than it is. Rounded down to the figures an outcome keeps, it is a true floor."""
    from planner.core.shown_figures import at_least, at_least_value

    assert at_least_value(20_970) == 20_900
    assert at_least(20_970, "visitors") == "20,900 visitors"
    assert at_least_value(9_634_000.7) == 9_630_000
    assert at_least_value(2.3) == 2.3  # in binary, 2.3 / 0.1 floors to 22
    assert at_least_value(466.9) == 466
    assert at_least_value(0.037) == 0.037
    assert all(at_least_value(x) <= x for x in (0.5, 9.99, 10.5, 999.9, 1_000.5, 123_456.0))


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("10000000000000", "10,000,000,000,000"),
        ("1000", "1,000"),
        ("999", "999"),
        ("-12345.678", "-12,345.678"),
        ("1234.50", "1,234.50"),
        ("+7", "+7"),
        (".5", ".5"),
    ],
)
def test_a_figure_in_a_refusal_reads_with_the_app_s_thousands_separators(typed, shown):
    """A typed 1e13 was refused as '10000000000000' beside "(at most 1,000,000,000)": one
    figure in two formats in one sentence. The figure keeps every digit typed, grouped as
    every page groups thousands."""
    from planner.core.shown_figures import figure_typed

    assert figure_typed(typed) == shown


def test_a_refused_figure_too_large_reads_grouped_as_its_bound_does():
    from planner.core.builder import ProblemBuilder
    from planner.core.errors import InvalidInputError as Invalid

    builder = ProblemBuilder().team("m1", "marketing", 100).project("a", "awareness", 1e13)
    with pytest.raises(Invalid) as caught:
        builder.build()
    (said,) = [i.message for i in caught.value.errors]
    assert said == "'10,000,000,000,000' is too large for effort_hours (at most 1,000,000,000)."


def test_a_figure_too_long_to_read_is_left_as_typed_for_its_quote_to_cut():
    from planner.core.shown_figures import figure_typed

    assert figure_typed("9" * 5_000) == "9" * 5_000
    assert figure_typed("1" * 30) == ",".join(["1" * 3] * 10)


def test_two_percentages_read_apart_with_the_digits_where_they_differ():
    assert percents_between(85.6, 84.1) == "85.6 % → 84.1 %"
    # Under what one decimal shows: "88.4 % → 88.4 %" said nothing.
    assert percents_between(88.42, 88.38) == "88.42 % → 88.38 %"
    assert percents_between(88.4, 88.4001) is None


def test_right_to_left_runs_are_isolated_and_the_rest_left_as_written():
    from planner.core.unseen import right_to_left_isolated

    # Two names with only a figure between them: each on its own, the figure between.
    said = right_to_left_isolated("Low odds: לידים שיווקיים (3 %), 'شكرا' (4 %)")
    assert said == "Low odds: \u2067לידים שיווקיים\u2069 (3 %), '\u2067شكرا\u2069' (4 %)"
    assert right_to_left_isolated("Brand & Comms (3 %)") == "Brand & Comms (3 %)"
    assert right_to_left_isolated("café 🚀") == "café 🚀"


def test_a_status_sentence_names_the_time_limit_where_the_clock_may_have_stopped_the_plan():
    """A plan found short of proven best, or none found, depends on the seconds the solve
    had: "The best plan found in 8.54 s (time limit 10 s)". A plan proven best does not."""
    from planner.core.status_words import status_sentence

    found = status_sentence("feasible", 8.54, 0.086, time_limit_s=10.0)
    assert found.startswith("The best plan found in 8.54 s (time limit 10 s); within 8.6 %")
    assert status_sentence("no plan found", 10.02, time_limit_s=10.0) == (
        "No plan found in time (10.02 s; time limit 10 s)"
    )
    assert "limit" not in status_sentence("optimal", 0.16, 0.0, time_limit_s=10.0)
    assert "limit" not in status_sentence("feasible", 0.3, 0.004, 0.005, time_limit_s=10.0)


def test_a_setting_share_reads_alike_in_every_place_and_two_different_settings_never_read_alike():
    """A capacity multiplier, the max utilisation and a what-if's step were put in percent
    three ways (whole :g, four decimals, one decimal): 0.8333 read "83.3 %" in the sweep
    and "83.33 %" under Compare. One function now: four decimals, float noise gone, and a
    share above 0 never "0 %"."""
    assert share_percent(0.8) == "80 %"
    assert share_percent(0.07) == "7 %"  # 100 x 0.07 is 7.000000000000001
    assert share_percent(1.005) == "100.5 %"  # 100 x 1.005 is 100.49999999999999
    assert share_percent(Fraction(5, 6)) == "83.3333 %"
    assert share_percent(0.83331) != share_percent(0.83332)
    assert share_percent(0.000001) == "0.0001 %"
    assert share_percent(0) == "0 %" and share_percent(-0.0) == "0 %"
