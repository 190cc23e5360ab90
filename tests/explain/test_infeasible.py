"""planner.explain.infeasible: why no plan exists, told in a few lines a leader reads.

A hand-made explanation of six conflicts in two rounds shows what is told and
what is counted; the bundled sample at a max utilisation of 10 % is the case
a leader met, where every round's hours fell a little short of the next.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from planner.core.loading import load_problem
from planner.explain.conflicts import Conflict
from planner.explain.infeasible import CONFLICTS_SHOWN, InfeasibilityExplanation
from planner.solving.solver import solve

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"


def conflict(summary: str, *, later: bool = False) -> Conflict:
    """A conflict with no fixes: only its words matter here."""
    return Conflict(summary, (), (), later=later)


def test_sentences_tell_the_first_conflicts_and_count_the_rest():
    """Four conflicts now and two more behind them: three are told, then one line counts
    the one more like them and the two found once the first fixes are made."""
    why = InfeasibilityExplanation(
        (
            conflict("Pin A cannot hold"),
            conflict("Pin B cannot hold"),
            conflict("Pin C cannot hold"),
            conflict("Pin D cannot hold"),
            conflict("Pin A is still short", later=True),
            conflict("Pin B is still short"),
        ),
        complete=True,
    )
    assert CONFLICTS_SHOWN == 3
    assert why.sentences() == [
        "Pin A cannot hold.",
        "Pin B cannot hold.",
        "Pin C cannot hold.",
        "And 1 more conflict like these, and 2 more found once the first fixes are made: "
        "make the fixes above, then solve again to see what is left.",
    ]


def test_sentences_tell_a_later_round_when_the_first_leaves_room():
    """One conflict now, two behind it: all three are told ("Even then: ..."), as before."""
    why = InfeasibilityExplanation(
        (
            conflict("Pin A cannot hold"),
            conflict("Pin A is still short", later=True),
            conflict("Pin B is still short"),
        ),
        complete=False,
    )
    assert why.sentences() == [
        "Pin A cannot hold.",
        "Even then: Pin A is still short.",
        "Pin B is still short.",
        "Other rules may still conflict once these are fixed.",
    ]


def test_the_sample_at_ten_percent_utilisation_says_no_plan_in_a_few_lines():
    """A leader sets max utilisation to 10 %: the CLI and the app printed 30 lines, 20,000
    characters, round after round of "Even then: ... add 1 h". The reasons (which the CLI
    prints and the app shows) are now the few conflicts that block a plan and a count."""
    problem = load_problem(SAMPLE).problem
    capacity = replace(problem.settings.capacity, max_utilization=0.1)
    problem = problem.replace(settings=problem.settings.with_changes(capacity=capacity))
    result = solve(problem)
    assert result.plan is None
    reasons = list(result.reasons)
    assert not any(r.startswith("Even then") for r in reasons), reasons
    conflicts = [r for r in reasons if not r.startswith(("Change ", "One change", "And "))]
    assert len(conflicts) <= CONFLICTS_SHOWN, reasons
    assert reasons[-1].startswith("And ") and "more conflict" in reasons[-1]
    assert sum(map(len, reasons)) < 3_000
    # The leader's own setting first: "Add 3,111 h to Brand & Comms" hid a 10 % cap.
    cap = "max utilisation of each team back to 100 % (this scenario sets it to 10 %)"
    assert cap in reasons[0], reasons
    assert not any("3,111 h" in r for r in reasons), reasons


def test_a_mandatory_project_no_team_may_take_names_the_first_reasons_and_counts_the_rest():
    """A mandatory project needing skills nobody has, on the sample's ten teams: its
    conflict ran to 1,477 characters, every sales team's stage, own stages and skills in
    turn (1,800 on a larger quarter). It tells the closest calls and counts the others,
    and one team's missing skills read as one fix ("give Content ... and ...")."""
    problem = load_problem(SAMPLE).problem
    seo = problem.project("AW-01")
    hard = replace(seo, mandatory=True, required_skills={"blockchain": 4, "quantum": 5})
    problem = problem.replace(
        projects=tuple(hard if p.project_id == "AW-01" else p for p in problem.projects)
    )
    result = solve(problem)
    assert result.plan is None
    (reason,) = [r for r in result.reasons if "SEO pillar pages" in r]
    assert len(reason) < 800, (len(reason), reason)
    assert "no team may take it (Demand Gen, Content" in reason  # the closest call first
    assert "and 4 more teams for other reasons (" in reason
    assert "Enterprise AEs: " not in reason  # counted, not told
    assert "give Content blockchain at level 4 (none now) and quantum at level 5" in reason


def test_weeks_too_full_under_a_max_utilisation_name_it_once_ahead():
    """At 60 % the sample's mandatory and pinned work has no week with room: each of four
    sentences said "give it more weeks ... or make it optional", never the 60 % the leader
    set, under which all four fit. The cap is offered once, ahead, and each points at it."""
    problem = load_problem(SAMPLE).problem
    capacity = replace(problem.settings.capacity, max_utilization=0.6)
    problem = problem.replace(settings=problem.settings.with_changes(capacity=capacity))
    result = solve(problem)
    assert result.plan is None
    reasons = list(result.reasons)
    assert reasons[0] == (
        "One change fixes the 4 week conflicts below: put the max utilisation of each team "
        "back to 100 % (this scenario sets it to 60 %)."
    )
    weeks = [r for r in reasons if "has no room for its" in r]
    assert len(weeks) == 4 and all("The change above, or give it more weeks" in r for r in weeks)
    assert sum(r.lower().count("put the max utilisation") for r in reasons) == 1
