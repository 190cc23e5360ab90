"""The words of "no plan: the quick first plan left forced work out", from the facts alone.

planner.solving.short_of_forced finds the facts (tests/solving/test_first_plan_short.py
solves a quarter that gives them); the sentence is written here, in the explain layer,
and each of its branches is read from facts made by hand.
"""

from __future__ import annotations

from builders import project, team

from planner.explain.forced_left_out import ForcedLeftOut, Search, first_plan_short_said

KICK_OFF = project("B", "closing", name="Kick-off deals")
JOINT = project("A", "nurturing", name="Joint push")
S1, S2, S3 = team("s1", "sales", name="AEs"), team("s2", "sales", name="SDRs"), team("s3")


def _left(**kw) -> ForcedLeftOut:
    facts = {
        "missing": (KICK_OFF,),
        "teams": (S1, S2),
        "holding": (JOINT,),
        "num_teams": 1500,
        "num_projects": 15000,
        "search": Search(needed_s=180, limit_s=10.0, elapsed_s=10.4),
    }
    return ForcedLeftOut(**(facts | kw))


def test_a_search_that_needs_a_longer_limit_names_it_and_the_work_in_the_way():
    assert first_plan_short_said(_left()) == (
        ": the quick first plan could not fit 'Kick-off deals', which must be in the plan "
        "(mandatory, pinned, or needed by such work), beside the rest of that work, and at "
        "1,500 teams x 15,000 projects the full search, which may find a plan with it, needs "
        "a time limit of at least about 180 s before it can start, and may find none even "
        "then. A plan may still exist: AEs and SDRs also have 'Joint push' in that plan, "
        "which must be in it too; pinning it to another team leaves 'Kick-off deals' the "
        "room. Or plan the quarter in parts (a region or a department at a time)."
    )


def test_a_search_that_ran_and_one_that_could_not_start_are_told_apart():
    ran = first_plan_short_said(_left(search=Search(180, 300.0, 300.2, searched=True)))
    assert "the full search, which may find a plan with it, found none in the time it had" in ran
    busy = first_plan_short_said(_left(search=Search(5, 10.0, 10.4)))
    assert "could not start within the limit on this busy machine (getting it ready took " in busy
    assert "10.4 s)" in busy and "at least about" not in busy


def test_one_team_has_and_several_projects_are_them():
    other = project("C", name="Renewals push")
    said = first_plan_short_said(_left(teams=(S1,), holding=(JOINT, other)))
    assert "AEs also has 'Joint push' and 'Renewals push' in that plan" in said, said
    assert "pinning them to another team" in said, said


def test_three_teams_or_no_work_in_the_way_give_the_general_fix():
    general = (
        "A plan may still exist: plan the quarter in parts (a region or a department at a "
        "time), or pin the work that must be in it to the teams you want it on."
    )
    assert first_plan_short_said(_left(teams=(S1, S2, S3))).endswith(general)
    assert first_plan_short_said(_left(holding=())).endswith(general)


def test_more_than_three_projects_left_out_are_counted():
    missing = tuple(project(f"P{i}", name=f"Work {i}") for i in range(5))
    said = first_plan_short_said(_left(missing=missing))
    assert "could not fit 'Work 0', 'Work 1', 'Work 2' and 2 more, which must be" in said, said
    assert "leaves 'Work 0' the room" in said, said
