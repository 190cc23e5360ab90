"""How long a solve's stages take at a quarter's size, and whether its limit covers them.

Measured figures, each with where it was measured: preparing and checking a plan grows
with teams x projects (:func:`preparing_s`: a limit too short for it answers "no plan
was searched" at once, :func:`too_short_for_its_size`); building the CP-SAT model with
its pairs (:func:`building_s`); finishing a plan (translating, checking and explaining
it) with its projects (:func:`finish_reserve`). :func:`~planner.solving.solver.solve`
splits its limit by them, and a what-if or a capacity sweep asks them for the limit to
give each of its solves.
"""

from __future__ import annotations

import math

from planner.core.domain import Problem
from planner.core.ranges import MAX_TIME_LIMIT_S

#: Preparing and checking a plan, per candidate (team, project) pair, whatever the
#: search: eligibility, the first plan, the checker and the reasons for what is left
#: out (measured 2.2-2.6 s at 150 teams x 3,000 projects on the shared 2-core box).
_PREPARE_S_PER_CANDIDATE = 6e-6
#: Of SPEC's one second past the limit, what the size check lets preparation use.
_OVERRUN_ALLOWED_S = 0.5
#: Share of the time limit for the warm start (LP relaxation, rounding, local search).
WARM_SHARE = 0.75
#: Building the CP-SAT model and loading it into CP-SAT, per pair (measured: ~15 us at
#: 84k pairs, ~30 us at 570k on 2 shared cores); with less time left the warm start is kept.
_CP_SAT_S_PER_PAIR = 3e-5
#: ... and on a busy machine at least this many times the seconds finding the eligible pairs
#: took (the warm start's measure of the machine now): at 150 x 1,500 beside two busy loops
#: (load 9-13, the pairs in 0.6-1.4 s) the build took 2.4-4 s where 3e-5 s a pair says 1.3 s,
#: and a build that the limit then cut off only took the plan's translation its turns.
_CP_SAT_PER_ELIGIBILITY = 3.0
#: Share of the time limit kept for turning the solution into a checked, explained plan
#: (measured: 2.1 s of 30 s at 150 teams x 3,000 projects, mostly the unassigned reasons).
_FINISH_SHARE = 0.1
#: ... and at least this per project: a short limit on a large quarter needs more than its
#: share (150 x 3,000 in weeks: the warm start's last steps, then translating, checking and
#: explaining its plan took 1.0 s at load 1-3 and 1.75 s at load 10, where a 5 s limit's
#: share is 0.5 s; 300 x 10,000 finishes within 60 s's 6 s).
_FINISH_S_PER_PROJECT = 5e-4
#: ... up to this many projects (L's 3,000, where it was measured); each further project
#: needs :data:`_FINISH_S_PER_FURTHER_PROJECT`. At 100 x 10,000 finishing (the warm start's
#: check of its plan, then translating, checking and explaining it, the left-out projects'
#: short reasons ranking the teams once per plan) took 1.3-2.0 s at load 6-7, where 0.5 ms a
#: project kept 5 s of a 7 s limit and the greedy stopped at 2 s with a tenth of its plan.
_FINISH_FULL_PROJECTS = 3_000
#: Once the eligible pairs are found, the greedy's forced and kept work, its check and the
#: first plan's translation cannot stop: they took at least this many times as long as
#: finding the pairs (100 teams x 5,000 projects in a check-in and a what-if, load 12-17:
#: 3.2 and 2.75 times, the pairs in 1.7-2.7 s, where the size estimate says 3 s in all).
#: With 2.5, week-6 check-ins at a 5 s limit answered 2-3 s late; their plan's second check
#: gone, the stages after the pairs took 3.2-4.4 times them (bench/checkin_clock.py
#: --no-refusal, three quarters, load 13-19).
_LEAST_PER_ELIGIBILITY = 4.0
#: SPEC: a solve answers at most this long past its limit.
_SPEC_OVERRUN_S = 1.0
_FINISH_S_PER_FURTHER_PROJECT = 2.5e-4


def covers_preparing(problem: Problem, limit_s: float) -> bool:
    """Whether a solve of ``limit_s`` seconds covers preparing and checking a plan.

    Whatever the search, finding the eligible pairs, a first plan, checking
    it and explaining what is left out grow with teams x projects; a limit
    too short for that would be overrun by more than SPEC's second, so
    :func:`solve` answers "no plan" at once instead.
    """
    return preparing_s(problem) <= limit_s + _OVERRUN_ALLOWED_S


def shortest_limit_s(problem: Problem, share: float = 1.0) -> int:
    """Whole seconds of a limit of which ``share`` covers preparing and checking a plan.

    ``share`` is the part of the limit the first solve gets: a what-if gives
    its free re-solve 60 % of its limit, so it needs a limit of 13 s where a
    plain solve needs 8 s.
    """
    return math.ceil(preparing_s(problem) / share)


def too_short_for_its_size(problem: Problem, limit_s: float, share: float = 1.0) -> str:
    """ "No plan was searched" in words, with the limit to ask for (:func:`covers_preparing`),
    or, past the longest limit there is, the size to plan at a time.

    ``share``: the part of the limit the first solve gets (a what-if's free re-solve).
    """
    needed = shortest_limit_s(problem, share)
    size = f"{len(problem.teams):,} teams x {len(problem.projects):,} projects"
    took = f"take about {preparing_s(problem):,.0f} s to prepare and check a plan"
    if needed > MAX_TIME_LIMIT_S:
        return (
            f"no plan was searched: {size} {took}, more than even the longest time limit "
            f"({MAX_TIME_LIMIT_S:,.0f} s) allows. Plan it in parts (a region or a "
            f"department at a time), each of at most about {largest_size(share):,} teams "
            "times projects (150 teams and 3,000 projects make 450,000)."
        )
    kept = (
        f"the time limit of {limit_s:g} s allows"
        if share == 1.0
        else f"the {share * limit_s:g} s of the {limit_s:g} s time limit kept for finding the "
        "best plan (the rest is for moving as few projects as possible)"
    )
    return f"no plan was searched: {size} {took}, more than {kept}. Raise the time limit to " + (
        f"at least {needed} s."
    )


def least_after_pairs_s(eligibility_s: float) -> float:
    """The least seconds a plan takes once its eligible pairs are found, given the seconds
    finding them took (this machine, now): the greedy, its check, the plan's translation."""
    return _LEAST_PER_ELIGIBILITY * eligibility_s


def overruns_after_pairs(elapsed_s: float, eligibility_s: float, limit_s: float) -> bool:
    """Whether a solve ``elapsed_s`` into a limit of ``limit_s``, whose eligible pairs took
    ``eligibility_s``, would answer more than SPEC's second late with any plan at all."""
    return elapsed_s + least_after_pairs_s(eligibility_s) > limit_s + _SPEC_OVERRUN_S


def too_slow_now(problem: Problem, needed_s: float, limit_said: str, share: float = 1.0) -> str:
    """ "No plan was searched" in words when this machine, busy now, cannot make a plan of
    ``problem``'s size ``limit_said``; ``needed_s`` the seconds it would take, in ``share``
    of the leader's limit (a what-if's first stage): the limit to ask for is the whole."""
    size = f"{len(problem.teams):,} teams x {len(problem.projects):,} projects"
    return (
        f"no plan was searched: the computer is busy, and a plan of {size} would take about "
        f"{needed_s:,.0f} s to prepare and check, more than it can do {limit_said}. Raise the "
        f"time limit to at least {math.ceil(needed_s / share)} s, or try again when it is "
        "less busy."
    )


def largest_size(share: float = 1.0) -> int:
    """Teams times projects the longest time limit covers preparing and checking a plan
    of, rounded down to two figures."""
    pairs = int(share * (MAX_TIME_LIMIT_S + _OVERRUN_ALLOWED_S) / _PREPARE_S_PER_CANDIDATE)
    unit = 10 ** max(len(str(pairs)) - 2, 0)
    return pairs // unit * unit


def preparing_s(problem: Problem) -> float:
    """About how long preparing and checking a plan of ``problem``'s size takes, in seconds."""
    return _PREPARE_S_PER_CANDIDATE * len(problem.teams) * len(problem.projects)


def building_s(size: int, eligibility_s: float | None = None) -> float:
    """About how long building the CP-SAT model of ``size``
    (:func:`~planner.optimizer.warm_start.model_size`) takes on this machine now, given the
    seconds finding the eligible pairs took (``None``: not measured)."""
    return max(_CP_SAT_S_PER_PAIR * size, _CP_SAT_PER_ELIGIBILITY * (eligibility_s or 0.0))


def search_limit_s(problem: Problem, size: int) -> int:
    """About the shortest limit, in whole seconds, that leaves the full search of a model
    of ``size`` (:func:`~planner.optimizer.warm_start.model_size`) its time after the warm
    start: the test :meth:`~planner.solving.solver._Solve._no_search_after` makes, solved
    for the limit."""
    build = _CP_SAT_S_PER_PAIR * size
    after_warm = 1 - WARM_SHARE
    needed = finish_reserve(problem, 0.0)
    return math.ceil(max(build / (after_warm - _FINISH_SHARE), (build + needed) / after_warm))


def finish_reserve(problem: Problem, limit: float) -> float:
    """Seconds kept at the end of ``limit`` to translate, check and explain the plan found.

    A share of the limit, and at least what the quarter's size needs: the reasons
    for what is left out and the checker grow with the projects, not with the limit.
    """
    projects = len(problem.projects)
    further = max(0, projects - _FINISH_FULL_PROJECTS)
    needed = _FINISH_S_PER_PROJECT * (projects - further) + _FINISH_S_PER_FURTHER_PROJECT * further
    return max(_FINISH_SHARE * limit, needed)


#: A check-in re-plan's work after its solve that watches no clock (the forecasts before and
#: after, the teams the carried plan overloads, the changes with their reasons and their
#: count), in seconds per project of the rest of the quarter: at 100 teams x 5,000 projects
#: (3,753 left at week 6), load 13-17, the changes took 0.2-0.75 s and the forecasts with
#: the carried plan 0.3 s, 2.8e-4 s a project at most.
_REPLAN_AFTER_S_PER_PROJECT = 3e-4


def replan_after_s(rest: Problem) -> float:
    """Seconds a re-plan keeps at the end of its limit for its work after the solve.

    Without them the re-plan's solve ran to the limit and the changes were counted after it
    (0.2-0.75 s at 100 teams x 5,000 projects, load 13-17), so a re-plan with a time limit
    could end late. The baseline carried on is weighed only when it fits before them
    (:func:`~planner.scenarios.replan.carried_on_if_better`).
    """
    return _REPLAN_AFTER_S_PER_PROJECT * len(rest.projects)
