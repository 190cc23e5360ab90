"""Hours that decide a fit read to one rule of decimals in every explanation.

The "free for" lines write a team's free hours beside the hours a project needs to the
decimals :func:`planner.explain.free_hours.fit_decimals` picks, without trailing zeros
(:func:`planner.explain.free_hours.hours_to`). The hours over a limit (a pin or a mandatory
project that does not fit, :func:`planner.explain.rules.hours_over`) and a week's share
beside the week's hours (:func:`planner.explain.week_words.apart`) had rules of their own:
"200.04 h, more than the 200.00 h" where every other sentence writes "200 h", and a week
"40.000 h" needed beside "40.000 h" had, a shortfall read as a fit.
"""

from __future__ import annotations

from fractions import Fraction

from planner.explain.free_hours import fit_decimals, hours_to
from planner.explain.rules import hours_over
from planner.explain.week_words import apart


def test_hours_just_over_a_limit_read_as_the_free_for_lines_write_them():
    """200.04 h over a 200 h limit reads "200.04 h" beside "200 h", as a team with 200 h
    free reads beside a project of 200.04 h: one figure, one writing."""
    need, limit = Fraction(20004, 100), Fraction(200)
    decimals = fit_decimals(limit, need)
    assert hours_over(need, limit, 200.0) == (hours_to(need, decimals), hours_to(limit, decimals))
    assert hours_over(need, limit, 200.0) == ("200.04 h", "200 h")


def test_hours_over_a_limit_with_more_decimals_keep_them_apart():
    """199.6 h against 199.55 h reads "199.6 h, more than the 199.55 h": the limit as it is,
    not rounded down to a 199.5 h no page shows."""
    assert hours_over(Fraction(1996, 10), Fraction(19955, 100), 200.0) == ("199.6 h", "199.55 h")


def test_hours_clearly_over_a_limit_read_as_whole_hours():
    """A shortfall whole hours show stays in whole hours, the limit as its row reads it."""
    assert hours_over(Fraction(1400), Fraction(13785, 10), 1378.0) == ("1,400 h", "1,378 h")


def test_a_week_share_a_ten_thousandth_over_the_week_reads_different_from_it():
    """40.0001 h a week needed where the week has 40 h read "40.000 h" twice (the words
    stopped at three decimals): now as the "free for" lines write it, up to four."""
    need, most = Fraction(400001, 10000), Fraction(40)
    shown = apart(need, most)
    assert shown[0] != shown[1]
    assert shown == ("40.0001 h", "40 h")


def test_a_week_share_that_tenths_tell_apart_reads_to_a_tenth():
    """The sample's roadshow, 380 h over 7 weeks, beside Brand & Comms' 700 h over 13: 54.3 h
    and 53.8 h a week, the week's tenths as the weekly load writes them."""
    assert apart(Fraction(380, 7), Fraction(700, 13)) == ("54.3 h", "53.8 h")


def test_a_week_share_close_to_the_week_takes_the_decimals_that_show_the_shortfall():
    """37.04 h beside 36.98 h both read 37.0 h to a tenth: two decimals tell them apart."""
    assert apart(Fraction(3704, 100), Fraction(3698, 100)) == ("37.04 h", "36.98 h")
