"""The CP-SAT search of a solve, in a slot of the solver queue, and the progress it tells.

A first search over the whole model, then the neighbourhood search from its plan
(:mod:`planner.solving.neighbourhoods`); a small quarter is proved instead
(:mod:`planner.solving.proof`), and HiGHS may search beside CP-SAT, or on a pure
assignment instead of it (:mod:`planner.solving.portfolio`).
:mod:`planner.solving.solver` prepares the model before and reads the outcome after.
"""

from __future__ import annotations

import math
import threading
import time
from contextlib import nullcontext
from dataclasses import dataclass
from typing import Any, Protocol

from ortools.sat.python import cp_model

from planner.core.domain import Problem
from planner.optimizer.cpsat import PlanningModel
from planner.optimizer.eligibility import eligible_pairs
from planner.optimizer.lns import NeighbourhoodResult
from planner.optimizer.mip import MipResult
from planner.optimizer.warm_start import WarmStart, model_size
from planner.solving.neighbourhoods import from_warm_start, improve
from planner.solving.portfolio import mip_beside
from planner.solving.proof import is_small, prepare_proof, prove_after
from planner.solving.queue import Admission, WaitCallback, solver_queue
from planner.solving.stopping import seeded_solver, stop_when_cancelled

#: CP-SAT needs a moment to stop and to hand over its solution.
STOP_MARGIN_S = 0.05
#: A search shorter than this is not worth starting: waiting for a slot ends this early.
MIN_SEARCH_S = 0.05
#: CP-SAT's work budget in deterministic time units per second of time limit. The search
#: ends on this budget, not on the clock, so the same inputs give the same plan, as long
#: as the budget ends it before the clock does. Measured with one worker on the shared
#: 2-core machine (S, M, GAP D and E): 0.42-0.75 units a second at load 2-5, 0.18-0.28 at
#: load 10-12. At 0.2 a second a 10 s limit gives 2 units: 3-5 s of search on a quiet
#: machine (most of what the warm start leaves), and the clock ends it first only when the
#: solve gets less than about 0.25 units a second (load over about 8 here). It was 0.03
#: (0.3 units at 10 s, under a second of search); with the neighbourhood search below the
#: GAP gaps at 10 s fell from 0.7-7.8 % to 0-1 % (bench/README.md). One worker
#: (``workers`` 0 or 1) is deterministic by itself and proves the sample optimal in 0.05
#: units; more workers, when asked for, take turns (``interleave_search``, deterministic,
#: but measured 2-6x worse per unit on GAP instances).
DETERMINISTIC_PER_S = 0.2
#: Of that budget, the first CP-SAT search over the whole model gets this share (it proves
#: small quarters optimal); what it leaves goes to the neighbourhood search
#: (:mod:`planner.optimizer.lns`): CP-SAT on a few teams at a time, the rest fixed.
FIRST_SEARCH_SHARE = 0.2
#: After a first search, the neighbourhood search copies the model at each step: above this
#: many pairs a copy costs more than a step is worth (0.1 s and more at 150 x 3,000).
_LNS_MAX_PAIRS = 20_000


@dataclass(frozen=True)
class Progress:
    """A solve's state each time CP-SAT finds a better plan, or while it waits.

    While the solve waits for a free solver (see :mod:`planner.solving.queue`),
    ``waiting`` is true, ``ahead`` counts the solves before it, ``seconds``
    is the time since the call and the objective and bound are NaN.
    """

    objective: float
    bound: float
    seconds: float
    num_solutions: int
    waiting: bool = False
    ahead: int = 0
    #: The quick first plan (the warm start's), before CP-SAT has searched.
    first_plan: bool = False
    #: What the solve is doing now, in words, when it is not searching (e.g. a second stage).
    note: str = ""


class ProgressCallback(Protocol):
    """What :func:`planner.solve` calls with a :class:`Progress` at each better plan.

    Any function of one :class:`Progress` that returns nothing will do, a
    ``list.append`` included; it runs on the solving thread, so it should be quick.
    """

    def __call__(self, progress: Progress, /) -> None: ...


class _Callback(cp_model.CpSolverSolutionCallback):
    def __init__(
        self,
        model: PlanningModel,
        progress: ProgressCallback | None,
        cancel: threading.Event | None,
    ) -> None:
        super().__init__()
        self._model = model
        self._progress = progress
        self._cancel = cancel
        self._count = 0
        #: Plans before CP-SAT's (the warm start's), so that progress numbers them on.
        self.offset = 0

    @property
    def num_solutions(self) -> int:
        """Plans found so far."""
        return self._count

    def on_solution_callback(self) -> None:
        self._count += 1
        if self._progress is not None:
            self._progress(
                Progress(
                    objective=unscale(self._model, self.objective_value),
                    bound=unscale(self._model, self.best_objective_bound),
                    seconds=self.wall_time,
                    num_solutions=self._count + self.offset,
                )
            )
        if self._cancel is not None and self._cancel.is_set():
            self.stop_search()


def unscale(model: PlanningModel, value: float) -> float:
    """A CP-SAT objective or bound in the plan's points (the model's are scaled integers)."""
    return value / model.objective_scale


#: A quarter in weeks up to this size (:func:`~planner.optimizer.warm_start.model_size`;
#: the sample has 1,422) is tiny: CP-SAT with its full linear relaxation, hinted with the
#: greedy's plan, proves it optimal without the warm start's LP and local search.
_TINY_WEEKS_COLUMNS = 2_000
#: Beyond this many (team, project) candidates a quarter is not tiny (the sample has 510).
_TINY_WEEKS_CANDIDATES = 5_000


def is_tiny_in_weeks(problem: Problem) -> bool:
    """Whether ``problem`` is a quarter in weeks of at most :data:`_TINY_WEEKS_COLUMNS`."""
    if not problem.is_time_phased:
        return False
    if len(problem.teams) * len(problem.projects) > _TINY_WEEKS_CANDIDATES:
        return False  # a large quarter, told without finding its pairs (seconds at scale)
    return model_size(problem, eligible_pairs(problem)) <= _TINY_WEEKS_COLUMNS


def search_in_slot(
    problem: Problem,
    planning: PlanningModel,
    limit: float,
    started: float,
    progress: ProgressCallback,
    on_wait: WaitCallback,
    cancel: threading.Event | None,
    offset: int,
    *,
    warm: WarmStart,
    held: bool,
    finish: float,
) -> tuple[cp_model.CpSolver | None, Admission, Any, MipResult | None, NeighbourhoodResult | None]:
    """Run CP-SAT on ``planning`` in a slot of the solver queue, within the time limit.

    A first search over the whole model gets :data:`FIRST_SEARCH_SHARE` of the
    work budget; when it neither proves its plan optimal nor is stopped, the
    neighbourhood search improves that plan with the rest (:func:`_improve`).
    When the warm start is close to its LP bound (a quarter: see
    :func:`~planner.solving.neighbourhoods.from_warm_start`), the neighbourhood
    search on sub-models starts from it with the whole budget and there is no
    first search (``None`` for the solver then).
    A small quarter has no neighbourhood search: CP-SAT searches it with the
    cuts of :mod:`planner.optimizer.envelope` and HiGHS proves what CP-SAT
    does not (:mod:`planner.solving.proof`). HiGHS may search from ``warm``
    on the slot's second core at the same time (a smaller pure assignment, or
    ``PLANNER_PORTFOLIO=1``), or on both cores instead of CP-SAT (a pure
    assignment of :data:`~planner.solving.portfolio.HIGHS_ONLY_MIN_PAIRS` pairs
    or more with a warm-start plan: no solver and CP-SAT's ``UNKNOWN`` then;
    :func:`~planner.solving.portfolio.mip_beside`); its result comes back too.
    ``offset`` counts the plans shown before CP-SAT's; ``held``: the caller
    holds the slot already.
    """
    solver = seeded_solver(problem)
    deadline = started + limit - finish - STOP_MARGIN_S - MIN_SEARCH_S
    slot = (
        nullcontext(Admission.GRANTED)  # the caller holds the slot (see solver._Solve.in_slot)
        if held
        else solver_queue().slot(deadline=deadline, cancel=cancel, on_wait=on_wait)
    )
    with slot as admission:
        if admission is not Admission.GRANTED:
            return solver, admission, cp_model.UNKNOWN, None, None
        course = _Course.of(problem, planning, limit, started, finish)
        found, code, mip, better = _search(
            problem, planning, solver, course, warm, progress, cancel, offset
        )
    return found, admission, code, mip, better


#: What a search in a slot hands back: CP-SAT's solver (``None`` when it did not search
#: the whole model), its status code, HiGHS's result and the neighbourhood search's.
_Outcome = tuple[cp_model.CpSolver | None, Any, MipResult | None, NeighbourhoodResult | None]


@dataclass(frozen=True)
class _Course:
    """How a search spends its slot, decided once the slot is granted.

    ``remaining``: seconds to the solve's deadline, less what is kept to finish;
    ``work``: CP-SAT's deterministic budget, from the limit, not the time left (the same
    budget each run); ``deadline``: the ``perf_counter`` time the search ends by;
    ``proving``: a small quarter, searched with cuts and then proved by HiGHS;
    ``neighbourhoods``: the neighbourhood search follows the first search.
    """

    started: float
    remaining: float
    work: float
    deadline: float
    proving: bool
    neighbourhoods: bool

    @classmethod
    def of(
        cls, problem: Problem, planning: PlanningModel, limit: float, started: float, finish: float
    ) -> _Course:
        remaining = limit - (time.perf_counter() - started) - finish - STOP_MARGIN_S
        # A small quarter: goal and team cuts, CP-SAT with its full linear relaxation,
        # then HiGHS's proof (planner.solving.proof). In weeks it keeps the default: a
        # what-if's free plan then lands on another of its ties, and the fewest-changes
        # stage moved more on the sample.
        proving = is_small(planning) and not problem.is_time_phased
        neighbourhoods = not problem.is_time_phased and planning.num_pairs <= _LNS_MAX_PAIRS
        deadline = started + limit - finish - STOP_MARGIN_S
        work = DETERMINISTIC_PER_S * limit
        return cls(started, remaining, work, deadline, proving, neighbourhoods)

    @property
    def clock(self) -> tuple[float, float]:
        """The solve's start and the search's deadline, as :func:`_improve` reads them."""
        return self.started, self.deadline


def _search(
    problem: Problem,
    planning: PlanningModel,
    solver: cp_model.CpSolver,
    course: _Course,
    warm: WarmStart,
    progress: ProgressCallback,
    cancel: threading.Event | None,
    offset: int,
) -> _Outcome:
    """The search in a granted slot: HiGHS alone on a large pure assignment; else the
    neighbourhood search from the warm start when it is close to its bound; else CP-SAT
    over the whole model, then the proof or the neighbourhood search (:func:`_follow_up`),
    with HiGHS beside it when :func:`~planner.solving.portfolio.mip_beside` runs it."""
    params = solver.parameters
    params.max_time_in_seconds = max(0.01, course.remaining)
    first_share = FIRST_SEARCH_SHARE if course.neighbourhoods else 1.0
    params.max_deterministic_time = first_share * course.work
    if course.proving:
        prepare_proof(planning, solver, course.work, course.deadline)
    elif is_tiny_in_weeks(problem):
        params.linearization_level = 2  # proves the sample in half the default's time
    mip_search = mip_beside(problem, warm, course.remaining, params, cancel)
    if mip_search is not None and not mip_search.cp_sat:
        # A pure assignment: two HiGHS on the cores, no CP-SAT search. No code from
        # CP-SAT: the outcome is HiGHS's plan when it beats the warm start's.
        return None, cp_model.UNKNOWN, mip_search.result(), None
    callback = _Callback(planning, progress, cancel)
    callback.offset = offset
    hinted = not problem.is_time_phased and not course.proving and mip_search is None
    if hinted and from_warm_start(planning, warm):
        # Sub-models from the warm start: no search over the whole model first.
        bound = math.nan if warm.bound is None else warm.bound
        better = _improve(
            planning, None, offset, bound, course.work, course.clock, progress, cancel
        )
        if better is not None:
            code = cp_model.OPTIMAL if better.proven else cp_model.FEASIBLE
            return None, code, None, better
    with stop_when_cancelled(solver, callback, cancel):
        code = solver.solve(planning.model, callback)
    better = None
    if code == cp_model.FEASIBLE and not (cancel is not None and cancel.is_set()):
        beside = mip_search is not None
        better = _follow_up(
            problem, planning, solver, callback, course, progress, cancel, beside=beside
        )
    mip = None
    if mip_search is not None:
        if code == cp_model.OPTIMAL or (cancel is not None and cancel.is_set()):
            mip_search.stop()  # nothing left to win, or the leader stopped the solve
        elif code == cp_model.FEASIBLE:  # CP-SAT's core is free: HiGHS again from its plan
            improved = better is not None and better.improved
            plan = better.plan if better is not None and improved else None
            mip_search.after_search(plan or planning.chosen(solver), course.deadline)
        mip = mip_search.result()
    return solver, code, mip, better


def _follow_up(
    problem: Problem,
    planning: PlanningModel,
    solver: cp_model.CpSolver,
    callback: _Callback,
    course: _Course,
    progress: ProgressCallback,
    cancel: threading.Event | None,
    *,
    beside: bool,
) -> NeighbourhoodResult | None:
    """After a first search that found a plan, not proven and not stopped: HiGHS's proof
    of a small quarter (unless HiGHS searched beside it), or the neighbourhood search from
    CP-SAT's plan with the work the first search left."""
    if course.proving and not beside:
        # Not proven in PROOF_WORK: HiGHS's proof in the time left.
        seconds = course.deadline - time.perf_counter()
        return prove_after(problem, planning, solver, seconds, cancel)
    if not course.neighbourhoods:
        return None
    left = course.work - solver.response_proto.deterministic_time
    bound = unscale(planning, solver.best_objective_bound)
    found = callback.num_solutions + callback.offset
    return _improve(planning, solver, found, bound, left, course.clock, progress, cancel)


def _improve(
    planning: PlanningModel,
    solver: cp_model.CpSolver | None,
    found: int,
    bound: float,
    work: float,
    clock: tuple[float, float],
    progress: ProgressCallback,
    cancel: threading.Event | None,
) -> NeighbourhoodResult | None:
    """The neighbourhood search from the first search's plan, reporting each better plan.

    Without ``solver`` it starts from the model's hint (the warm start) and
    returns ``None`` when the model cannot be cut into sub-models. ``found``
    counts the plans shown so far, ``bound`` is the bound progress reports;
    ``clock`` is the solve's start and the search's deadline (``perf_counter`` times).
    """
    started, deadline = clock

    def better(objective: int) -> None:
        nonlocal found
        found += 1
        seconds = time.perf_counter() - started
        progress(Progress(unscale(planning, objective), bound, seconds, found))

    return improve(planning, solver, work, deadline, cancel, better)
