"""The warm start for CP-SAT: the LP relaxation's choice rounded by the greedy
(:mod:`planner.optimizer.greedy`) and improved by its local search, with the
LP's bound kept as the best bound.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from threading import Event

from planner.core.domain import Problem
from planner.core.pairs import Pair
from planner.optimizer.eligibility import eligible_pairs
from planner.optimizer.exact_objective import Checked, checked_objective
from planner.optimizer.formulation import Formulation
from planner.optimizer.greedy import RoundedCallback, baseline_preference, greedy_plan
from planner.optimizer.lp_bound import LpBound, LpStatus, lp_bound
from planner.optimizer.week_lp import LpStart, WeeksLpBeside
from planner.optimizer.week_search import KICKS_FACTOR, WeekSearch

log = logging.getLogger(__name__)

#: Share of the warm start's time that GLOP may take; the local search gets the rest.
_LP_SHARE = 0.8
#: Building and solving the LP takes about this long per pair (measured: 1.4-2.6 s at 84k
#: pairs, 25 s at 570k); with less time GLOP is not started.
_LP_S_PER_PAIR = 2.5e-5
#: ... and, on a busy machine, at least this many times as long as finding the eligible pairs
#: took: building the LP (its rules, rows and GLOP's request), which cannot stop, took 1.5-2.5
#: times as long (150 x 1,500, load 8-10), and GLOP needs as long again at least. Given the
#: time what is left of the LP's share holds by the per-pair figure, GLOP was handed 1 s,
#: the LP took 3.1 s and the greedy's time with it (the solve 1.8 s late). On a quiet
#: machine (the pairs in 0.1-0.15 s there) the per-pair figure is the larger.
_LP_PER_ELIGIBILITY = 4.0
#: Building the greedy's plan takes up to this many times as long as finding the eligible
#: pairs, on a quiet machine or a busy one alike (150 x 3,000: 0.27-0.75 s against 0.18-0.25 s
#: at load 1; both about three times as long at load 10): before ``stop_at`` the LP stops
#: in time to leave it that, or does not start. At 5 s GLOP's 2-2.7 s at load 9-12 had left
#: the greedy a fifth of the quarter placed (170 points, where its plan holds 1,990-2,050).
_GREEDY_PER_ELIGIBILITY = 3.5
#: In weeks each placement also looks for a run of weeks (0.57-0.75 s against 0.25 s at 150
#: x 3,000, load 1): with 3.5 the greedy was cut short on one quarter of five (1,793 points
#: against 2,000), where leaving GLOP out keeps the plan and costs only the bound.
_GREEDY_PER_ELIGIBILITY_IN_WEEKS = 5.0
#: Each start's plan is checked and scored
#: (:func:`~planner.optimizer.exact_objective.plan_objective`) after its greedy and local
#: search, which stop at ``stop_at``: they stop this many times the eligible pairs' seconds
#: sooner, so that the check too ends by it. At 200 x 6,000 (load 7-8) the check took
#: 0.3-0.85 times as long as finding the pairs (0.8-2.5 s), all of it past ``stop_at``: a
#: 12 s limit answered in 12.9-15.3 s, 10 s in 9.6-14.3 s; with 0.6, in 11.3-11.8 s and
#: 9.2-10.8 s. With 1.0 the greedy was cut short more often (1,906 points where it plans
#: 2,760).
_CHECK_PER_ELIGIBILITY = 0.6
#: Finishing the plan after the warm start (translating it, the left-out projects' reasons,
#: the checker and the score) takes up to this many times as long as finding the eligible
#: pairs: 1.0-2.3 times at 150 x 1,500 at load 10-12 (two busy loops beside the solve),
#: where the pairs took 1.0-2.2 s and the caller's reserve (a tenth of a 5 or 10 s limit)
#: was 0.75-1 s: solves answered 1-3.6 s late. With ``reserved_s`` the warm start stops
#: soon enough to leave it that; on a quiet machine (the pairs in 0.1-0.25 s at 150 x
#: 1,500-3,000) the caller's reserve is larger and nothing changes.
_FINISH_PER_ELIGIBILITY = 2.0


@dataclass(frozen=True)
class WarmStart:
    """Where CP-SAT starts: the eligible pairs, a plan over them and the LP's bound.

    ``plan`` is the start plan's pairs; ``objective`` its exact objective
    (``None`` when it breaks a rule, e.g. leaves a mandatory project out);
    ``bound`` the LP relaxation's bound (``None`` when GLOP did not finish);
    ``formulation`` the hard rules over ``pairs``, for the CP-SAT model to reuse.
    """

    pairs: tuple[Pair, ...]
    plan: list[Pair]
    objective: float | None
    bound: float | None
    formulation: Formulation | None = None
    #: Project id -> start week of the plan's projects (empty when weeks do not matter).
    starts: Mapping[str, int] = field(default_factory=dict)
    #: Whether the neighbourhood search in weeks took at least one step on the plan kept
    #: (week_lns.py): CP-SAT over the whole model then has nothing left to add in the time
    #: that is left. A search scheduled but stopped before its first step leaves it false.
    repacked: bool = False
    #: The rules without rules 10-12 over every eligible pair, when the LP read them so (a
    #: large quarter in weeks): the left-out reasons check options against them
    #: (explain/held.py) rather than build them again (0.4-1.1 s at 150 x 3,000 in weeks).
    rules_without_weeks: Formulation | None = None
    #: Seconds finding the eligible pairs took: the machine's speed during this solve, for
    #: what comes after to keep its time (:func:`~planner.explain.unassigned_explanations`).
    eligibility_s: float | None = None
    #: ``plan`` as the checker passed it, with its objective: its translation is not
    #: checked again (0.4-1 s at 100 x 5,000 in weeks, load 16).
    checked: Checked | None = None


def warm_start(
    problem: Problem,
    *,
    time_limit_s: float,
    cancel: Event | None = None,
    stop_at: float | None = None,
    budget_s: float | None = None,
    on_rounded: RoundedStart | None = None,
    repack_s: float | None = None,
    alone: Callable[[Sequence[Pair]], bool] | None = None,
    weeks_lp: bool = True,
    reserved_s: float | None = None,
    too_slow: Callable[[float], bool] | None = None,
) -> WarmStart:
    """The best start found within ``time_limit_s``: the LP relaxation rounded, then improved.

    Measured on generated quarters (bench/results.md): rounding the LP's
    choice and improving it by local search lands within 0.5 % of the LP
    bound at 40 x 500 and 150 x 3,000, where the greedy alone is 3-5 % off and
    CP-SAT, started from the greedy, gets no closer than 1-3 % in its time.
    When GLOP cannot finish in its share of the time, the greedy plan is
    improved instead. Once ``cancel`` is set no LP starts and the local search stops.
    At ``stop_at`` (a ``perf_counter`` time: the whole solve's deadline) the
    greedy stops adding optional work and the local search stops, so that a
    quarter too big for the limit still answers on time; before it, the plan
    does not depend on the machine's speed.

    ``on_rounded`` is called once with the first rounded plan (its start weeks
    and the LP's bound, no objective), before the local search (seconds at
    company scale) improves it: a plan to show while the warm start works on.
    It may break a rule (the rounding can leave a mandatory project out).

    ``repack_s``: the neighbourhood search in weeks (large quarters, see
    :data:`_LNS_MIN_PAIRS`) may run until this many seconds after the call
    (default ``time_limit_s``), when the caller keeps its plan without a
    search of its own (:attr:`WarmStart.repacked`).

    ``alone(pairs)``: whether the caller's search cannot follow on these pairs
    (a model too big to build in the time ``time_limit_s`` leaves it). The
    warm start then takes the time up to ``stop_at`` (in weeks up to ``repack_s``),
    not ``time_limit_s`` (:func:`_time_alone`).

    ``weeks_lp=False``: no LP with weeks by HiGHS beside it (:func:`_weeks_lp_beside`),
    whose answer arrives or not with the machine's load; the plan is then the same every
    run (SPEC "The same answer twice": ``PLANNER_PORTFOLIO=0``).

    ``reserved_s``: the seconds the caller keeps after ``stop_at`` to finish the plan
    (translate, explain and check it). When the machine is slow enough that finishing
    needs more (:data:`_FINISH_PER_ELIGIBILITY` times the eligible pairs' seconds),
    ``stop_at`` comes that much sooner.
    ``too_slow``: asked with the seconds finding the eligible pairs took; when it says so,
    the greedy, its check and the plan's finishing (none of which can stop) would run the
    solve past its limit: no plan (``plan`` empty, ``objective`` ``None``), at once.
    """
    started = time.perf_counter()
    pairs = eligible_pairs(problem)
    eligibility_s = time.perf_counter() - started  # this machine, now
    if too_slow is not None and too_slow(eligibility_s):
        return WarmStart(pairs, [], None, None, eligibility_s=eligibility_s)
    if alone is not None and stop_at is not None and alone(pairs):
        time_limit_s = _time_alone(problem, time_limit_s, stop_at - started, repack_s)
    ratio = _GREEDY_PER_ELIGIBILITY_IN_WEEKS if problem.is_time_phased else _GREEDY_PER_ELIGIBILITY
    greedy_s = ratio * eligibility_s
    if stop_at is not None:
        stop_at = _stop_to_finish(stop_at, eligibility_s, reserved_s)
    warm = _warm_start(
        problem,
        pairs,
        started,
        greedy_s,
        weeks_lp,
        eligibility_s=eligibility_s,
        time_limit_s=time_limit_s,
        cancel=cancel,
        stop_at=stop_at,
        budget_s=budget_s,
        on_rounded=None if on_rounded is None else partial(_paced, on_rounded, eligibility_s),
        repack_s=repack_s,
    )
    return replace(warm, eligibility_s=eligibility_s)


def _time_alone(
    problem: Problem, time_limit_s: float, to_stop_s: float, repack_s: float | None
) -> float:
    """The warm start's time when its plan is the answer (``alone``): up to the deadline,
    ``to_stop_s`` seconds after its start; in weeks up to the re-pack's end, two finishing
    reserves before the limit.

    300 x 10,000 at 60 s: with ``time_limit_s`` the LP and the local search ended by 45 s,
    and the solve then kept their plan at 51 s, 1.40 % from the LP's optimum; with the
    time to ``stop_at``, 1.00 % at 56 s. In weeks not to the deadline: finishing a plan in
    weeks (its week reasons too) took 1.2-2.4 s at 150 x 3,000 on a quiet machine and 4 s
    at load 6, past one reserve of 3 s: at 30 s it answered at 31.8 s.
    """
    end = to_stop_s
    if problem.is_time_phased and repack_s is not None:
        end = min(end, repack_s)
    return max(time_limit_s, end)


def _stop_to_finish(stop_at: float, eligibility_s: float, reserved_s: float | None) -> float:
    """``stop_at`` brought forward so that the plan's check ends by it, and so that, on a
    busy machine, finishing the plan needs no more than the caller's ``reserved_s``."""
    stop_at -= _CHECK_PER_ELIGIBILITY * eligibility_s
    if reserved_s is not None:
        stop_at -= max(0.0, _FINISH_PER_ELIGIBILITY * eligibility_s - reserved_s)
    return stop_at


def _paced(on_rounded: RoundedStart, eligibility_s: float, rounded: WarmStart) -> None:
    """``on_rounded`` handed ``rounded`` with the eligible pairs' seconds."""
    on_rounded(replace(rounded, eligibility_s=eligibility_s))


def _warm_start(
    problem: Problem,
    pairs: tuple[Pair, ...],
    started: float,
    greedy_s: float,
    weeks_lp: bool,
    *,
    eligibility_s: float,
    time_limit_s: float,
    cancel: Event | None,
    stop_at: float | None,
    budget_s: float | None,
    on_rounded: RoundedStart | None,
    repack_s: float | None,
) -> WarmStart:
    """:func:`warm_start` once the pairs are known, with the LP with weeks beside it
    (``weeks_lp``: :func:`_weeks_lp_beside`) until it is done."""
    beside = (
        _weeks_lp_beside(problem, pairs, time_limit_s, started, greedy_s, stop_at, cancel)
        if weeks_lp
        else None
    )
    try:
        relaxation, rules, indexed = _relaxation(
            problem,
            pairs,
            time_limit_s,
            started,
            greedy_s,
            stop_at=stop_at,
            cancel=cancel,
            eligibility_s=eligibility_s,
        )
        # Built once: the CP-SAT model reuses it (without weeks' rows it builds its own).
        formulation = rules if indexed else None
        preferences = _preferences(
            problem, pairs, relaxation, rules, indexed, time_limit_s, started
        )
        budget = time_limit_s if budget_s is None else budget_s
        starts = _Starts(
            problem,
            pairs,
            rules,
            started,
            time_limit_s,
            stop_at,
            cancel,
            budget,
            weeks_repack_work(problem, pairs, budget),
            None if repack_s is None else started + repack_s,
        )
        best = _rounded(starts, preferences, _with_bound(on_rounded, relaxation.bound, pairs))
        if best.objective is None and relaxation.solved:  # the rounding missed a mandatory project
            plan, weeks = greedy_plan(problem, pairs, formulation=rules, stop_at=stop_at)
            best = _Best.of(plan, weeks, checked_objective(problem, plan, weeks))
        bound = relaxation.bound
        lp = _weeks_lp_answer(beside, cancel, started)
        if lp is not None:
            bound = lp.bound if bound is None else min(bound, lp.bound)  # both are bounds
        # Not when a plan that keeps every rule is in hand and the greedy's forced work would
        # run past the solve's deadline (as for a second start in :func:`_rounded`).
        late = stop_at is not None and time.perf_counter() + greedy_s >= stop_at
        if lp is not None and not (late and best.objective is not None):
            best = _from_weeks_lp(starts, lp, best)
        return WarmStart(
            pairs,
            _in_pairs_order(best.plan, pairs),
            best.objective,
            bound,
            formulation,
            best.starts,
            repacked=best.repacked,
            rules_without_weeks=rules if rules is not None and not indexed else None,
            checked=best.checked,
        )
    finally:
        if beside is not None:
            beside.stop()  # its CPU is not spent past the warm start (nor after a Stop)


@dataclass(frozen=True)
class _Starts:
    """What every start's greedy and search share: the problem, its eligible pairs and
    the rules over them, the clock (``started``, the limit, the solve's deadline
    ``stop_at``, ``cancel``) and the work that does not depend on it (``budget`` seconds'
    worth of kicks, ``repack_work`` of the neighbourhood search in weeks, which may run
    until ``repack_until``, a ``perf_counter`` time)."""

    problem: Problem
    pairs: tuple[Pair, ...]
    rules: Formulation | None
    started: float
    time_limit_s: float
    stop_at: float | None
    cancel: Event | None
    budget: float
    repack_work: float
    repack_until: float | None

    def search(
        self,
        preference: list[float] | None,
        left: float,
        num_starts: int,
        *,
        rounded: RoundedCallback | None = None,
        kept_first: bool = False,
        start_weeks: Mapping[str, int] | None = None,
    ) -> tuple[list[Pair], dict[str, int], bool]:
        """One start: ``preference`` rounded by the greedy and searched for ``left``
        seconds, with a share of the work (the budget's and the neighbourhood search's)
        for each of ``num_starts`` starts; its pairs, start weeks and whether the
        neighbourhood search in weeks took a step. ``kept_first`` and ``start_weeks``:
        the projects the preference assigns whole first, at those weeks
        (:func:`~planner.optimizer.greedy.greedy_plan`'s ``kept_first`` and ``starts``)."""
        timed = self.problem.is_time_phased
        steps: list[int] = []
        candidate, weeks = greedy_plan(
            self.problem,
            self.pairs,
            preference,
            improve_s=max(0.0, left),
            # The work budget from a figure that does not depend on the clock (the
            # caller's share of its time limit), so the same inputs give the same plan.
            budget_s=self.budget * (KICKS_FACTOR if timed else 1) / num_starts,
            cancel=self.cancel,
            formulation=self.rules,
            stop_at=self.stop_at,
            search=WeekSearch if timed else None,
            rounded=rounded,
            neighbourhoods=self.repack_work / num_starts,
            neighbourhoods_until=self.repack_until,
            on_repacked=steps.append,
            kept_first=kept_first,
            starts=start_weeks,
        )
        return candidate, weeks, bool(steps) and steps[0] > 0


@dataclass(frozen=True)
class _Best:
    """The plan kept so far: its pairs, start weeks and exact objective (``None`` when it
    breaks a rule), and whether the neighbourhood search in weeks took a step on it."""

    plan: list[Pair] = field(default_factory=list)
    starts: dict[str, int] = field(default_factory=dict)
    objective: float | None = None
    repacked: bool = False
    checked: Checked | None = None

    @classmethod
    def of(
        cls,
        plan: list[Pair],
        starts: dict[str, int],
        checked: Checked | None,
        repacked: bool = False,
    ) -> _Best:
        """The plan with the checker's answer on it (``None``: it breaks a rule)."""
        objective = None if checked is None else float(checked.breakdown.total)
        return cls(plan, starts, objective, repacked, checked)


def _rounded(
    s: _Starts, preferences: list[list[float] | None], rounded: RoundedCallback | None
) -> _Best:
    """Each order of ``preferences`` rounded by the greedy and improved by the local
    search; the best plan kept (the first among equals). ``rounded`` is handed the first
    start's plan as the greedy leaves it."""
    problem, stop_at = s.problem, s.stop_at
    best = _Best()
    for i, preference in enumerate(preferences):
        if i and best.objective is not None and _past(stop_at):
            # Past the solve's deadline with a plan that keeps every rule: another start's
            # greedy (its forced and kept work cannot be cut) ran a check-in at 100 x 10,000
            # in weeks 3.4 s past it.
            break
        left = _seconds_for_start(len(preferences) - i, s.time_limit_s, s.started, stop_at)
        candidate, weeks, repacked = s.search(
            preference, left, len(preferences), rounded=rounded if i == 0 else None
        )
        if i and best.objective is not None and _past(stop_at):
            # Its greedy ended past the deadline, and a checked plan is in hand: this
            # start's check (0.3-1.2 s at 150 x 1,500 on a busy machine) would run past it.
            break
        kept = _Best.of(candidate, weeks, checked_objective(problem, candidate, weeks), repacked)
        score = kept.objective
        if i == 0 or (score is not None and (best.objective is None or score > best.objective)):
            best = kept
    return best


def _weeks_lp_answer(
    beside: WeeksLpBeside | None, cancel: Event | None, started: float
) -> LpStart | None:
    """The LP with weeks' answer, waited for a little past its deadline (none after a Stop)."""
    if beside is None:
        return None
    lp = None
    if cancel is None or not cancel.is_set():  # a Stop ends the wait too
        lp = beside.result(beside.deadline + _LATE_S, None if cancel is None else cancel.is_set)
        lp = None if cancel is not None and cancel.is_set() else lp
    log.debug("the LP with weeks %s at %.2f s", "in" if lp else "not in", _since(started))
    return lp


def _from_weeks_lp(s: _Starts, lp: LpStart, best: _Best) -> _Best:
    """The LP with weeks' own choice at its weeks, repaired and searched with the same
    work as the greedy's own order; the better of it and ``best`` kept, so a HiGHS too
    slow for the time left (no answer) leaves the plan as it was."""
    problem, stop_at = s.problem, s.stop_at
    ends = [t for t in (stop_at, s.repack_until) if t is not None]
    left = (min(ends) if ends else s.started + s.time_limit_s) - time.perf_counter()
    candidate, weeks, repacked = s.search(
        lp.preference, left, 1, kept_first=True, start_weeks=lp.starts
    )
    # As a later start's in :func:`_rounded`: past the deadline with a checked plan, not
    # checked.
    late = best.objective is not None and _past(stop_at)
    checked = None if late else checked_objective(problem, candidate, weeks)
    kept = _Best.of(candidate, weeks, checked, repacked)
    score = kept.objective
    log.debug("its start: %s against %s at %.2f s", score, best.objective, _since(s.started))
    if score is not None and (best.objective is None or score > best.objective):
        return kept
    return best


def _since(started: float) -> float:
    return time.perf_counter() - started


def _past(stop_at: float | None) -> bool:
    """Whether the solve's deadline ``stop_at`` (``None``: none) has passed."""
    return stop_at is not None and time.perf_counter() >= stop_at


def _weeks_lp_beside(
    problem: Problem,
    pairs: tuple[Pair, ...],
    time_limit_s: float,
    started: float,
    greedy_s: float,
    stop_at: float | None,
    cancel: Event | None,
) -> WeeksLpBeside | None:
    """The LP with weeks by HiGHS beside the warm start (:mod:`planner.optimizer.week_lp`),
    for a middle-sized quarter in weeks (see :data:`_WEEKS_IPM_MAX_COLUMNS`) when its share
    of the time allows it; ``None`` otherwise (every other quarter: as before)."""
    if not problem.is_time_phased or problem.baseline is not None:
        return None
    if cancel is not None and cancel.is_set():
        return None
    size = model_size(problem, pairs)
    if not _WEEKS_LP_MAX_COLUMNS < size <= _WEEKS_IPM_MAX_COLUMNS:
        return None
    deadline = started + _LP_SHARE * time_limit_s
    if stop_at is not None:  # the search from its start needs at least the greedy's time
        deadline = min(deadline, stop_at - greedy_s)
    if deadline - time.perf_counter() < _IPM_S_PER_COLUMN * size:
        return None
    return WeeksLpBeside(problem, pairs, deadline)


def _seconds_for_start(
    num_left: int, time_limit_s: float, started: float, stop_at: float | None
) -> float:
    """The local search's seconds for the next of ``num_left`` starts: an even share of what
    is left of the limit, and of what is left to the solve's deadline when there is one."""
    left = (time_limit_s - (time.perf_counter() - started)) / num_left
    if stop_at is not None:
        # The local search ends by the solve's deadline too: with its own share of the
        # limit it ran past the time kept to check the plan (100 x 10,000 in weeks at
        # 7 s: 5.2 s of search where the deadline left 1.2, answered in 9.9 s).
        left = min(left, (stop_at - time.perf_counter()) / num_left)
    return left


def _relaxation(
    problem: Problem,
    pairs: tuple[Pair, ...],
    time_limit_s: float,
    started: float,
    greedy_s: float,
    *,
    stop_at: float | None,
    cancel: Event | None,
    eligibility_s: float = 0.0,
) -> tuple[LpBound, Formulation | None, bool]:
    """The LP relaxation when GLOP can finish in its share of the time, else an unknown one.

    With the rules it read (``None`` when it did not run) and whether they hold
    rules 10-12 (the start columns: ``indexed``). ``eligibility_s``: the seconds finding
    the eligible pairs took (the machine's pace, :data:`_LP_PER_ELIGIBILITY`).
    """
    lp_time = _LP_SHARE * time_limit_s
    # With weeks, a large quarter's LP leaves rules 10-12 out (a relaxation, so its bound
    # holds): with the start columns GLOP took 31 s on a 40 x 500 quarter in weeks for a
    # bound 0.13 % lower (1,716.5 against 1,718.8), without them 0.25 s. A small one keeps
    # them: the sample's bound is 1,512 with them, 1,601 without (optimum 1,407), in 0.03 s.
    timed = problem.is_time_phased
    indexed = not timed or model_size(problem, pairs) <= _WEEKS_LP_MAX_COLUMNS
    size = model_size(problem, pairs) if indexed else len(pairs)
    if stop_at is not None:
        # Under a short limit on a large quarter GLOP could take what the greedy needs to
        # build a plan at all (150 x 3,000 in weeks at 5 s: a plan of 170 points, not 2,000).
        lp_time = min(lp_time, stop_at - time.perf_counter() - greedy_s)
    # What the LP is given (below) after what has run, against the machine's pace now.
    slow = lp_time - (time.perf_counter() - started) < _LP_PER_ELIGIBILITY * eligibility_s
    if lp_time < _LP_S_PER_PAIR * size or slow or (cancel is not None and cancel.is_set()):
        # GLOP could not finish: keep the time for the greedy and the local search
        return LpBound(LpStatus.UNKNOWN, None, 0.0, pairs), None, indexed
    rules = Formulation.of(problem, pairs, weeks=indexed)
    lp_time -= time.perf_counter() - started
    return lp_bound(problem, formulation=rules, time_limit_s=lp_time), rules, indexed


def _preferences(
    problem: Problem,
    pairs: tuple[Pair, ...],
    relaxation: LpBound,
    rules: Formulation | None,
    indexed: bool,
    time_limit_s: float,
    started: float,
) -> list[list[float] | None]:
    """The orders the greedy rounds a plan from, one start each, the first tried first: the
    LP's values, the greedy's own order (``None``), the current plan where it still fits,
    the confidence-blind LP's values."""
    solved = relaxation.solved
    timed = problem.is_time_phased
    # With the confidence term on, the LP's fractional "goal reached" samples can steer the
    # rounding away from good plans: the confidence-blind LP's rounding is a second start,
    # and the better of the two under the full objective is kept (bench/results.md).
    # Without the weekly rows the LP's choice ignores the weeks, and its rounding packs them
    # badly: on generated 40 x 500 quarters in weeks (seeds 0-2) it ended 7-9 % below the
    # greedy's own order after the same search. There the LP gives the bound only; with
    # the weekly rows (small quarters) both starts are tried and the better is kept.
    rounded = relaxation.values.tolist() if solved and indexed else None
    preferences: list[list[float] | None] = [rounded]
    if timed and rounded is not None:
        preferences.append(None)
    # Against a current plan (a what-if kept close, a check-in's re-plan), the current plan
    # itself, kept where it still fits, is a start too: the greedy's own order and
    # the LP's rounding move nearly every project (150 x 3,000 in weeks: 377 of 2,136 moved
    # at a check-in on track, 516 in a what-if with 10 % less marketing), and CP-SAT does
    # not bring them back in its seconds. The better under the full objective is kept
    # (its stability term counts each change).
    # It is tried first: under a short limit at company scale only the first start runs
    # (200 x 6,000, 10 s: a re-plan of a plan against its own data ended at 7.8 % goal
    # attainment with 3,926 changes where keeping the plan scored 94.9 %), and among
    # starts that score the same the first is kept, the one that moves the fewest.
    kept = baseline_preference(problem, pairs)
    if kept is not None:
        preferences.insert(0, kept)
    if solved and problem.settings.weights.confidence and rules is not None and not timed:
        blind = problem.replace(
            settings=replace(
                problem.settings, weights=replace(problem.settings.weights, confidence=0.0)
            )
        )
        left = time_limit_s - (time.perf_counter() - started)
        other = lp_bound(blind, formulation=rules, time_limit_s=_LP_SHARE * left / 2)
        if other.solved:
            preferences.append(other.values.tolist())
    return preferences


#: Called with the rounded plan as a warm start (its objective not computed: ``None``).
RoundedStart = Callable[["WarmStart"], None]


def _with_bound(
    on_rounded: RoundedStart | None, bound: float | None, pairs: tuple[Pair, ...]
) -> RoundedCallback | None:
    """``on_rounded`` handed the plan in the pairs' order (as returned) with the LP's bound."""
    if on_rounded is None:
        return None

    def rounded(plan: list[Pair], starts: dict[str, int]) -> None:
        on_rounded(WarmStart(pairs, _in_pairs_order(plan, pairs), None, bound, starts=starts))

    return rounded


def _in_pairs_order(plan: Sequence[Pair], pairs: Sequence[Pair]) -> list[Pair]:
    """The plan's pairs in the order of ``pairs``, as a solver's plan reads."""
    position = {(p.project_id, p.team_id): i for i, p in enumerate(pairs)}
    return sorted(plan, key=lambda p: position[(p.project_id, p.team_id)])


#: In weeks, the large neighbourhood search's work (CP-SAT deterministic units) per second
#: of the warm start's budget, from this many pairs and seconds of budget on. It runs after
#: the week search, in the time that search leaves, and the solve then keeps its plan (no
#: CP-SAT over the whole model: it found nothing better there). At a 10 s limit (7.5 s of
#: budget, 2.6 units) on generated 40 x 500 quarters the week search takes 1-3.5 s and the
#: units 3-5 s at load 3-4.5, so the search ends on its work before the solve's 8 s unless
#: the machine is busier (the plan then depends on the load, as any search cut short by
#: the clock does). 3 units gained 0.6 point more (seeds 0-4, mean 1,586.4 against 1,585.9)
#: but ended on the clock at load 4.5. With 0.1 a second from 20 s of budget on it ran only
#: at 30 s. See bench/results.md "Weeks".
_LNS_WORK_PER_S = 0.35
_LNS_MIN_PAIRS = 1_000
_LNS_MIN_BUDGET_S = 5.0


def weeks_repack_work(problem: Problem, pairs: Sequence[Pair], budget: float) -> float:
    """The neighbourhood search in weeks' work for the whole warm start (0: none).

    A large quarter's plan in weeks is packed anew a few teams at a time
    (week_lns.py), given a budget its work fits in after the week search (so
    that it ends on its work); not against a baseline (its steps' model has no
    stability term).
    """
    repack = (
        problem.is_time_phased
        and len(pairs) >= _LNS_MIN_PAIRS
        and budget >= _LNS_MIN_BUDGET_S
        and problem.baseline is None
    )
    return _LNS_WORK_PER_S * budget if repack else 0.0


#: Up to this size (:func:`model_size`) a time-phased quarter's LP keeps rules 10-12 (the
#: time-indexed start columns): 0.03 s for the sample's 1,422; 31 s at 40 x 500 (87,000).
_WEEKS_LP_MAX_COLUMNS = 10_000
#: Above it and up to this size, the LP with them goes to HiGHS's interior point beside
#: the warm start (:class:`~planner.optimizer.week_lp.WeeksLpBeside`) when the LP's share
#: of the time allows :data:`_IPM_S_PER_COLUMN` a unit of size: 2.6-3.6 s of CPU at 40 x
#: 500 (sizes 78,000-93,000), so a 10 s solve does (6 s), a 5 s one (3 s) does not. Its own
#: choice, at its weeks, is then a second start: on M seeds 0-4, 1.84 % higher after the
#: same search than the greedy's own order, no seed lower (bench/results.md "Week-aware
#: prices in 4 s"). 150 x 3,000 (L, sizes of about 2.4 million) is far above: untried.
_WEEKS_IPM_MAX_COLUMNS = 150_000
_IPM_S_PER_COLUMN = 4.5e-5
#: The wait for HiGHS's answer past its deadline once the warm start's own search is done
#: (its worker answers at its time limit, killed :data:`~planner.optimizer.highs_process.GRACE_S`
#: after it): a little, then it is stopped and the plan is the search's own.
_LATE_S = 0.2

#: A start column costs about this many pair columns to build and to solve in the LP: it
#: sits in every weekly row of the weeks it would run (measured at 40 x 500 with weeks).
_START_COLUMN_COST = 3


def model_size(problem: Problem, pairs: Sequence[Pair]) -> int:
    """The model's size in pair columns' worth: a pair counts 1, and when weeks matter each
    of its start columns :data:`_START_COLUMN_COST` more (none for a single start).

    What building the CP-SAT model and solving the LP cost grows with; not a count of
    columns (that is :attr:`~planner.optimizer.formulation.Formulation.num_columns`).
    """
    if not problem.is_time_phased:
        return len(pairs)
    starts = {p.project_id: len(problem.starts(p)) for p in problem.projects}
    return sum(
        1 + (_START_COLUMN_COST * starts[p.project_id] if starts[p.project_id] > 1 else 0)
        for p in pairs
    )
