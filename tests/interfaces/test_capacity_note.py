"""The load chart's capacity says why it is not a team's own hours.

The sample's Content has 900 h in the Data page's Teams table and 944 h on the load chart's
tick: its Calendar rows (44 h in week 1, rising to 85 h a week from week 7) add up to more
than its own hours. Nothing on the page said so; a CMO read two capacities for one team.
"""

from __future__ import annotations

from planner.interfaces.plan_frames import capacity_note, team_load_frame
from planner.scenarios.whatif import with_capacity


def test_a_team_whose_calendar_gives_it_more_than_its_own_hours_is_named_with_its_weeks(
    solved_sample,
):
    """Content's 944 h against its own 900 h, with the weeks that make it, in the figures
    the chart's tooltip writes (its "Capacity" and "Own hours in the quarter")."""
    problem, plan = solved_sample
    note = capacity_note(problem, plan)
    row = team_load_frame(problem, plan).set_index("team_id").loc["content"]
    assert (row["limit_text"], row["base_text"]) == ("944 h", "900 h")
    assert (
        "Content has 944 h, more than its own 900 h: its Calendar rows give it 44.0 h in week 1, "
        "55.0 h a week in weeks 2-4, 70.0 h a week in weeks 5-6 and 85.0 h a week in weeks 7-13."
    ) in note


def test_the_teams_below_their_own_hours_are_grouped_by_the_weeks_that_take_hours(
    solved_sample,
):
    """The other nine teams' ticks sit under their own hours: the Calendar's short week 1
    (and week 7 for the two AE teams), said once per group of weeks."""
    problem, plan = solved_sample
    note = capacity_note(problem, plan)
    assert (
        "The other 9 teams have less than their own hours, for the weeks the Calendar gives "
        "fewer: week 1 for Demand Gen, Brand & Comms, Product Marketing, Marketing Ops, SDR Team, "
        "Sales Engineering and Customer Success; weeks 1 and 7 for Mid-Market AEs and "
        "Enterprise AEs."
    ) in note


def test_the_note_speaks_only_of_the_teams_the_chart_shows(solved_sample):
    """A chart filtered to two teams explains those two."""
    problem, plan = solved_sample
    note = capacity_note(problem, plan, ["sdr", "mm-ae"])
    assert note is not None and "Content" not in note
    assert "2 teams have less than their own hours" in note


def test_no_calendar_and_no_what_if_need_no_note(solved_sample):
    """Without a calendar, each tick is the team's own hours: nothing to explain."""
    problem, plan = solved_sample
    assert capacity_note(problem.replace(calendar=()), plan) is None


def test_a_capacity_what_if_is_said_to_move_the_ticks_too(solved_sample):
    """At 90 % marketing the ticks are below the calendar's hours too, and the note says why."""
    problem, plan = solved_sample
    note = capacity_note(with_capacity(problem.replace(calendar=()), "marketing", 0.9), plan)
    assert note == (
        "Capacity (the tick) is also after the capacity what-ifs and the share of its hours each "
        "team is planned up to."
    )


def test_the_check_in_s_hours_table_names_its_column(solved_sample):
    """Under the Check-in's hours table the note speaks of its "Capacity" column."""
    problem, plan = solved_sample
    note = capacity_note(problem, plan, label="Capacity")
    assert note is not None and note.startswith("Capacity is a team's hours in the quarter's")
    assert "tick" not in note


def test_the_note_says_where_the_calendar_s_hours_count_in_plain_words(solved_sample):
    """The note's first sentence read "... the quarter's weeks, the Calendar tab's where it
    has rows, so ...": a possessive with no noun after it. It says the Calendar tab gives
    the hours in the weeks it has rows for the team."""
    problem, plan = solved_sample
    note = capacity_note(problem, plan)
    assert note is not None and note.startswith(
        "Capacity (the tick) is a team's hours in the quarter's weeks, as the Calendar tab "
        "gives them in the weeks it has rows for the team, so it can differ from the team's "
        "own hours in the Data page's Teams table."
    ), note
    assert "tab's where" not in note
