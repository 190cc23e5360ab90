"""One problem in, one result out: ``solve(problem) -> Result``.

The solve builds the CP-SAT model, runs it within the time limit (the search
itself: :mod:`planner.solving.search`), turns the solver's values into the domain
plan in one place (``plans.to_plan``) and passes that plan through the independent
checker before anyone sees it.
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections.abc import Sequence
from dataclasses import replace
from fractions import Fraction
from functools import partial
from typing import Any

from ortools.sat.python import cp_model

from planner.core.domain import (
    Problem,
    Result,
    Status,
)
from planner.core.pairs import Pair
from planner.explain import explain_infeasibility
from planner.explain.conflicts import EVEN_THEN
from planner.explain.forced_left_out import Search, first_plan_short_said
from planner.explain.forced_weeks import forced_work_fits_no_week, forced_work_said
from planner.explain.infeasible import infeasibility_said
from planner.explain.sentences import among_lines, project_name, without_plan
from planner.optimizer.cpsat import PlanningModel
from planner.optimizer.exact_objective import plan_objective
from planner.optimizer.lns import NeighbourhoodResult
from planner.optimizer.mip import MipResult
from planner.optimizer.warm_start import WarmStart, model_size, warm_start
from planner.solving.limits import (
    WARM_SHARE,
    building_s,
    covers_preparing,
    finish_reserve,
    least_after_pairs_s,
    overruns_after_pairs,
    preparing_s,
    search_limit_s,
    too_short_for_its_size,
    too_slow_now,
)
from planner.solving.plans import (
    FirstPlan,
    Shown,
    checked_plan,
    plan_result,
    same_pairs,
    warm_result,
)
from planner.solving.portfolio import highs_allowed, portfolio_forced, prepare_beside
from planner.solving.proof import SMALL_PAIRS
from planner.solving.queue import Admission, solver_queue
from planner.solving.search import (
    MIN_SEARCH_S,
    STOP_MARGIN_S,
    Progress,
    ProgressCallback,
    is_tiny_in_weeks,
    search_in_slot,
    unscale,
)
from planner.solving.short_of_forced import first_plan_short
from planner.solving.stopping import answer, build_model

log = logging.getLogger(__name__)

#: The left-out projects' weighing stops this long per project before the limit: the short
#: reasons of the projects left and the plan's check come after it. Weighed up to the limit,
#: they ran 100 x 10,000 without weeks 0.6 s past a 7 s limit (load 5; 2.7 s translating).
_SHORT_REASONS_S_PER_PROJECT = 1e-4
#: An infeasible result is explained within what is left of the time limit, at least this.
_EXPLAIN_MIN_S = 0.3
#: From this many candidate (team, project) pairs the warm start waits for a solver slot
#: with the search (:meth:`_Solve.warm_in_slot`): 40 x 500 takes 1-2 s of a core for it.
_WARM_IN_SLOT_CANDIDATES = 20_000
#: A large solve that gives up waiting keeps this many times the preparing time for the
#: plain greedy's checked plan (measured 1.7 s at 40 x 500 at load 15-25, 3 times the estimate).
_QUEUED_OUT_MARGIN = 4


def solve(
    problem: Problem,
    *,
    time_limit_s: float | None = None,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
    _limit_said: str | None = None,
    _share: float = 1.0,
    started: float | None = None,
    _after_s: float = 0.0,
) -> Result:
    """Plan the quarter: give each project the team (or teams) and weeks that reach the
    goals best within the teams' hours, in ``time_limit_s`` seconds at most.

    Parameters
    ----------
    problem
        The teams, projects, goals, rules and settings.
    time_limit_s
        Wall-clock bound for the whole solve; defaults to the settings'
        ``solve.time_limit_s``. Building the model counts against it.
    progress
        Called with a :class:`Progress` each time a better plan is found, and
        while the solve waits for a free solver (``Progress.waiting``).
    cancel
        When set, the solve stops within about 0.05 s (while waiting for a
        free solver, or searching) and returns the best plan found so far,
        or "no plan found" when there is none yet.
    started
        When the leader asked, a ``time.perf_counter()`` reading (default: this call): the
        work before the call (a check-in's rest of the quarter) counts against the limit.

    Returns
    -------
    Result
        Status, plan, exact objective, bound and gap. The plan has passed
        :func:`~planner.checker.check_plan`. When there is no plan (the rules cannot all
        be met, the time limit ran out first, or ``cancel`` came first), ``plan`` is None,
        and ``status`` (:class:`~planner.core.domain.Status`: ``Status.INFEASIBLE``,
        ``Status.NO_PLAN``) and ``reasons`` (sentences for a reader, with the fix) say why.

    Notes
    -----
    The search runs in a slot of the process-wide :mod:`planner.solving.queue`, so
    concurrent solves do not oversubscribe the cores. The time limit counts
    from this call (from ``started`` when given), waiting included.

    Raises
    ------
    PlanCheckError
        If the solver's plan breaks a hard rule (a bug, never bad data).
    """
    limit = problem.settings.solve.time_limit_s if time_limit_s is None else time_limit_s
    # Every result names the limit it was given, so that two plans of one quarter made with
    # two limits (an app's 10 s, a CLI's 20 s) say why they differ.
    return replace(
        _solved(problem, limit, progress, cancel, _limit_said, _share, started, _after_s),
        time_limit_s=limit,
    )


def _solved(
    problem: Problem,
    limit: float,
    progress: ProgressCallback | None,
    cancel: threading.Event | None,
    _limit_said: str | None,
    _share: float,
    started: float | None,
    _after_s: float,
) -> Result:
    """:func:`solve`'s steps, given its limit."""
    # Internal, for a check-in's re-plan: _after_s, the seconds of its own work after the
    # solve on the same clock (its forecasts, the changes said), kept at the end of the limit.
    run = _Solve(problem, limit, progress, cancel, started, _after_s)
    if _limit_said is not None:
        # Internal, for a what-if's first stage, given a share of the leader's limit: how
        # "no plan was found ..." names it ("in the 3 s of the 5 s time limit kept for
        # finding the best plan ..." rather than "within the time limit of 3 s").
        run.limit_said = _limit_said
        run.share = _share  # ... and the share of the leader's limit it was given
    for step in (run.fits_the_limit, run.rule_out_known_conflicts):
        result = step()
        if result is not None:
            return result
    if run.warm_in_slot():
        return answer(run.in_slot, cancel, run.shown.at_stop, run.stopped_without_plan)
    for step in (run.start_warm, run.build_model):
        result = step()
        if result is not None:
            return result
    result = answer(run.search, cancel, run.shown.at_stop, run.stopped_without_plan)
    if portfolio_forced() and problem.is_time_phased and result.plan is not None:
        result = replace(result, reasons=(*result.reasons, PORTFOLIO_WEEKS_NOTE))
    return result


#: Why ``PLANNER_PORTFOLIO=1`` did not run HiGHS beside CP-SAT, in the result's reasons.
PORTFOLIO_WEEKS_NOTE = (
    "planned in weeks: HiGHS did not search beside CP-SAT (its plan gives owners but no "
    "start weeks); CP-SAT alone searched"
)


#: Why a solve stopped by the leader has no plan.
_STOPPED = "the solve was stopped before it found a plan"


class _Solve:
    """One solve, step by step; each step may end it with a result.

    1. :meth:`rule_out_known_conflicts`: rules that cannot all hold, found
       before any search, end it as infeasible with the reasons;
    2. :meth:`start_warm`: the LP relaxation rounded and improved (the warm
       start, the quick first plan), kept when there is no time left to search;
    3. :meth:`build_model`: the CP-SAT model, hinted with the warm start;
    4. :meth:`search`: CP-SAT in a solver slot; :meth:`_outcome` reads what it found.

    Every plan leaves through :func:`checked_plan` (the independent checker)
    and :func:`plan_result` (the exact objective, bound and gap).
    """

    def __init__(
        self,
        problem: Problem,
        limit: float,
        progress: ProgressCallback | None,
        cancel: threading.Event | None,
        started: float | None = None,
        after_s: float = 0.0,
    ) -> None:
        self.started = time.perf_counter() if started is None else started
        self.problem = problem
        #: The leader's limit, less ``after_s`` (at most half of it): the caller's work after
        #: the solve on the same clock (a check-in's re-plan, :func:`solve`'s ``_after_s``).
        self.limit = max(limit / 2, limit - after_s) if after_s > 0 else limit
        #: The leader's limit, which the words name: "no plan was found within the time limit
        #: of 10 s", not of the 9.4 s searched (:func:`solve`'s ``_limit_said``).
        self.asked_s = limit
        self.limit_said = f"within the time limit of {limit:g} s"
        #: The part of the leader's limit this solve was given (a what-if's first stage, a
        #: re-plan's solve less the work after it): "raise the time limit to ..." counts it.
        self.share = self.limit / limit if limit > 0 else 1.0
        self.tell = progress
        self.cancel = cancel
        self.warm: WarmStart
        self.first: FirstPlan | None = None
        #: The rounded plan, shown while the warm start's local search improves it.
        self.quick: FirstPlan | None = None
        #: The best plan shown (ready to hand back at a stop) and the search's best objective.
        self.shown = Shown(self.started)
        #: Plans shown before CP-SAT's, so that its plans are numbered on.
        self.num_shown = 0
        self.planning: PlanningModel
        self.mip: MipResult | None = None
        self.better: NeighbourhoodResult | None = None
        #: Why no plan was searched, when the eligible pairs showed the machine too slow now.
        self.refused: str | None = None
        #: Whether this solve holds its solver slot already (the warm start ran in it).
        self.held = False
        #: Seconds kept at the end of the limit to turn a solution into a checked plan.
        self.finish_s = finish_reserve(problem, self.limit)
        #: Left-out projects' reasons are weighed until shortly before the limit, short ones
        #: after: with their own half second they ran a 0.5 s limit to 1.1 s (40 x 500 in
        #: weeks). The short reasons of those left, and the check, fit in what remains.
        short_s = _SHORT_REASONS_S_PER_PROJECT * len(problem.projects)
        self.reasons_until = self.started + self.limit - short_s

    def elapsed(self) -> float:
        return time.perf_counter() - self.started

    def progress(self, progress: Progress) -> None:
        """The search's progress: told to the caller, its objective kept for a stop."""
        self.shown.searched(progress.objective, waiting=progress.waiting)
        if self.tell is not None:
            self.tell(progress)

    def cancelled(self) -> bool:
        return self.cancel is not None and self.cancel.is_set()

    # -- the steps --------------------------------------------------------------------

    def fits_the_limit(self) -> Result | None:
        """ "No plan", at once and in words, when the limit cannot cover preparing a plan."""
        before = self.elapsed()  # the work before the call (a check-in's rest of the quarter)
        if covers_preparing(self.problem, self.limit - before):
            return None
        if covers_preparing(self.problem, self.limit):
            # The limit covers it, the seconds left of it do not: the machine is busy now.
            needed = before + preparing_s(self.problem)
            why = too_slow_now(self.problem, needed, self.limit_said, self.share)
        else:
            why = too_short_for_its_size(self.problem, self.asked_s)
        return Result.without_plan(Status.NO_PLAN, before, (why,))

    def rule_out_known_conflicts(self) -> Result | None:
        """Infeasible, with the reasons, when the rules conflict before any search."""
        time_limit_s = max(_EXPLAIN_MIN_S, self.limit - self.elapsed())
        reasons = infeasibility_said(self.problem, time_limit_s=time_limit_s)
        if not reasons:
            # A pinned project no week of its team can hold on its own, even in an empty plan
            # (one week of 92 h where the team has 62 h a week), or a mandatory one no team
            # that may take it can, is a proof too: left to the search, a short limit read
            # "no plan found in time ... Raise the time limit" as the model was being
            # prepared. Said with the rest of such work, when some is.
            alone = (
                forced_work_said(self.problem)[0] if forced_work_fits_no_week(self.problem) else []
            )
            if not alone:
                return None
            return without_plan(Status.INFEASIBLE, self.elapsed(), alone)
        # As after a search: work no week can hold is the concrete cause, said first (a
        # check-in's late project read only "... is in progress with Content. Unlock ..."),
        # unless the reasons speak of the weeks already; a conflict found only once the
        # first fixes are made ("Even then: ...") does not say the work blocked now.
        now = [r for r in among_lines(reasons) if not r.startswith(EVEN_THEN)]
        if not any(" a week" in r for r in now):
            forced, named = forced_work_said(self.problem)
            # A later round that finds the same work in its weeks says it once, first.
            names = [project_name(self.problem, p) for p in named]
            reasons = [
                *forced,
                *(
                    r
                    for r, line in zip(reasons, among_lines(reasons), strict=True)
                    if not (line.startswith(EVEN_THEN) and any(n in line for n in names))
                ),
            ]
        return without_plan(Status.INFEASIBLE, self.elapsed(), reasons)

    def _no_search_after(self, pairs: Sequence[Pair]) -> bool:
        """Whether building and searching the model for ``pairs`` cannot fit in what the
        warm start's share leaves (the test below that keeps the first plan, foreseen)."""
        left = (1 - WARM_SHARE) * (self.limit - self.elapsed())
        return left < building_s(model_size(self.problem, pairs)) + self.finish_s

    def start_warm(self) -> Result | None:
        """The LP relaxation's plan, rounded and improved: the hints, and the quick first plan.

        It is the result when no time is left to build and search, or the
        leader stopped the solve meanwhile.
        """
        warm_s = WARM_SHARE * (self.limit - self.elapsed())
        watched = self.tell is not None or self.cancel is not None
        budget_s = WARM_SHARE * self.limit  # the limit, not the time left: the same each run
        tiny = is_tiny_in_weeks(self.problem)
        if tiny:
            # CP-SAT alone proves it in a few hundredths of a unit: the greedy's plan is
            # hint enough, and a plan shown early would be gone before it is drawn.
            warm_s = budget_s = 0.0
            watched = False
        prepare_beside(self.problem)  # HiGHS's workers start while the warm start runs
        warm = self.warm = warm_start(
            self.problem,
            time_limit_s=warm_s,
            cancel=self.cancel,
            stop_at=self.started + self.limit - self.finish_s,
            budget_s=budget_s,
            on_rounded=self._rounded if watched else None,
            # Its plan is then the answer: the re-pack leaves two finishing reserves.
            repack_s=self.limit - 2 * self.finish_s - self.elapsed(),
            alone=None if warm_s == 0 else self._no_search_after,
            weeks_lp=highs_allowed(),
            reserved_s=self.finish_s,
            too_slow=self._too_slow_after_pairs,
        )
        if self.refused is not None:
            return Result.without_plan(
                Status.NO_PLAN, self.elapsed(), (self.refused,), len(warm.pairs)
            )
        kept = self.shown.at_stop() if self.cancelled() else None
        if kept is not None:
            return kept  # stopped during the local search: the plan shown, not translated again
        if warm.objective is not None:
            # Turn the first plan into a checked, explained plan while the model is built and
            # CP-SAT searches; progress reports it once it is ready to hand back, so that a
            # stop from then on (or a search that finds nothing better) returns it at once
            # rather than after the translation's seconds at company scale.
            quick = self.quick
            if quick is not None and quick.same_plan(warm):
                self.first = quick  # the local search kept the rounded plan: translated already
            else:
                self.num_shown += 1
                ready = partial(self._first_ready, self.num_shown)
                self.shown.coming()
                self.first = FirstPlan(
                    self.problem,
                    warm,
                    self.started,
                    ready,
                    reasons_until=self.reasons_until,
                    # Nobody to show it to, and a small quarter's search mostly finds a
                    # better plan in a fraction of a second: translated only if it is kept.
                    # A tiny quarter in weeks too, watched or not: its proof is over before
                    # a progress box shows (0.3 s), and the translation beside it took the
                    # proof's turns at the GIL (0.05 s of each capacity slider move on the
                    # sample); a wait for a free solver starts it (see _waiting).
                    lazy=tiny or (self.tell is None and self.cancel is None and self._proved(warm)),
                )
        left = self.limit - self.elapsed()
        size = model_size(self.problem, warm.pairs)  # start columns cost more than pairs
        too_late = left < building_s(size, warm.eligibility_s) + self.finish_s
        # Kept when re-packed in weeks: CP-SAT found nothing better after it (40 x 500, 10 s).
        repacked = warm.repacked and warm.objective is not None
        if self.first is not None and (too_late or self.cancelled() or repacked):
            return self.first.result()  # no time to build and search, or stopped: keep it
        if left <= 0:  # the warm start alone ate the limit: building would only add to it
            return self._no_plan(
                self._first_plan_short()
                or self._out_of_time(": preparing the model took all of it. Raise the time limit."),
                len(warm.pairs),
            )
        return None

    def _too_slow_after_pairs(self, eligibility_s: float) -> bool:
        """Whether the plan's stages after its eligible pairs (which cannot stop) would run
        past the limit by more than SPEC's second on this machine now; the words kept."""
        elapsed = self.elapsed()
        if not overruns_after_pairs(elapsed, eligibility_s, self.limit):
            return False
        needed = elapsed + least_after_pairs_s(eligibility_s)
        self.refused = too_slow_now(self.problem, needed, self.limit_said, self.share)
        return True

    def _first_plan_short(self, searched: bool = False) -> str | None:
        """No plan, when the quick first plan left out work that must be in it: that work
        named (:func:`~planner.explain.forced_left_out.first_plan_short_said`); ``None`` when it
        left none out. ``searched``: the full search ran and found nothing."""
        warm = getattr(self, "warm", None)
        if warm is None or warm.objective is not None:
            return None
        needed = search_limit_s(self.problem, model_size(self.problem, warm.pairs))
        left = first_plan_short(
            self.problem,
            warm.pairs,
            warm.plan,
            Search(needed, self.limit, self.elapsed(), searched),
        )
        return None if left is None else self._out_of_time(first_plan_short_said(left))

    def _proved(self, warm: WarmStart) -> bool:
        """Whether the search will be a small quarter's proof (:mod:`planner.solving.proof`)."""
        return len(warm.pairs) < SMALL_PAIRS and not self.problem.is_time_phased

    def _give_up(self) -> bool:
        """Stop waiting for the model: the leader stopped, or the limit is reached.

        At company scale on a busy machine the build can outlast the limit
        (2.4 s past 30 s at 150 x 3,000, load 25); the first plan is then the answer.
        """
        return self.cancelled() or self.elapsed() >= self.limit

    def _rounded(self, rounded: WarmStart) -> None:
        """The LP's rounding, translated while the local search improves it, then shown."""
        self.num_shown += 1
        ready = partial(self._first_ready, self.num_shown)
        self.shown.coming()
        self.quick = FirstPlan(
            self.problem, rounded, self.started, ready, reasons_until=self.reasons_until
        )

    def _first_ready(self, number: int, result: Result) -> None:
        """A warm-start plan is ready to hand back: shown, unless a better one is already."""
        if result.objective is None or not self.shown.offer(result):
            return
        if self.tell is not None:
            bound = math.nan if result.bound is None else result.bound
            self.tell(Progress(result.objective, bound, self.elapsed(), number, first_plan=True))

    def build_model(self) -> Result | None:
        """The CP-SAT model over the warm start's formulation, hinted with its plan.

        Building takes seconds at company scale and cannot stop half-way: it runs
        on a helper thread, and a stop or the limit meanwhile returns the first
        plan at once, or no plan when there is none (the helper finishes on its own).
        """
        planning = build_model(self.warm, self.problem, self._give_up)
        if planning is None:
            if self.first is not None:
                return self.first.result()
            return self._no_plan(_STOPPED if self.cancelled() else self._too_slow(), 0)
        self.planning = planning
        built = self.elapsed()
        log.info("model built in %.3f s: %d pair variables", built, self.planning.num_pairs)
        if built < self.limit - self.finish_s:
            return None
        # CP-SAT would only add its own start-up time (about 1 s on 80k pairs) to the overrun:
        # built inside the finishing reserve (150 x 1,500 at 30 s, load 15: at 28.97 s), the
        # search and its plan's finishing answered at 34.01 s. The first plan is finished in
        # the reserve; without one, the search is the only chance of a plan.
        if self.first is not None:
            return self.first.result()  # a busy machine: the first plan, rather than none
        if built < self.limit:
            return None
        return self._no_plan(self._too_slow(), self.planning.num_pairs)

    def _too_slow(self) -> str:
        short = self._first_plan_short()
        if short is not None:
            return short
        took = f"{self.elapsed():.1f} s"
        return self._out_of_time(f": preparing the model took {took} of it. Raise the time limit.")

    def _out_of_time(self, how: str = "") -> str:
        """No plan within the limit, in words; ``how`` says what took the time."""
        return f"no plan was found {self.limit_said}{how}"

    def search(self) -> Result:
        """CP-SAT from the hints, in a slot of the process-wide solver queue."""
        offset = 0 if self.first is None else self.num_shown
        solver, admission, code, self.mip, self.better = search_in_slot(
            self.problem,
            self.planning,
            self.limit,
            self.started,
            self.progress,
            self._waiting,
            self.cancel,
            offset,
            warm=self.warm,
            held=self.held,
            finish=self.finish_s,
        )
        return self._outcome(admission, code, solver, self.elapsed())

    # -- a large solve: the warm start in the slot too --------------------------------

    def warm_in_slot(self) -> bool:
        """Whether the warm start should wait for a slot with the search (a large quarter).

        The warm start (LP, rounding, local search) keeps a core busy for
        seconds at company scale: run outside the queue, several of them
        beside a search overload the cores. Small ones take milliseconds and
        give a waiting leader a plan at once, so they stay outside.
        """
        candidates = len(self.problem.teams) * len(self.problem.projects)
        return candidates >= _WARM_IN_SLOT_CANDIDATES

    def in_slot(self) -> Result:
        """Warm start, model and search in one slot; the greedy's plan if none comes in time."""
        # A wait given up must leave the plain greedy and its check time to run.
        fallback = _QUEUED_OUT_MARGIN * preparing_s(self.problem)
        finish = max(self.finish_s, fallback)
        deadline = self.started + self.limit - finish - STOP_MARGIN_S - MIN_SEARCH_S
        queue = solver_queue()
        with queue.slot(deadline=deadline, cancel=self.cancel, on_wait=self._waiting) as admission:
            if admission is Admission.GRANTED:
                self.held = True
                self.shown.searched(-math.inf)  # no longer waiting
                for step in (self.start_warm, self.build_model):
                    result = step()
                    if result is not None:
                        return result
                return self.search()
        return self._queued_out(admission)

    def _waiting(self, _waited_s: float, ahead: int) -> None:
        if self.first is not None:
            self.first.start()  # a lazy first plan is shown while the solve waits
        self.progress(Progress(math.nan, math.nan, self.elapsed(), 0, waiting=True, ahead=ahead))

    def _queued_out(self, admission: Admission) -> Result:
        """No slot in time, or the leader stopped waiting: the plain greedy's plan, if any.

        No LP and no local search: they would overrun the limit the wait has used up.
        """
        stop_at = self.started + self.limit - self.finish_s
        warm = warm_start(self.problem, time_limit_s=0.0, stop_at=stop_at, reserved_s=self.finish_s)
        first = None
        if warm.objective is not None:
            first = warm_result(self.problem, warm, self.started, reasons_until=self.reasons_until)
        return self._unsearched(admission, first, len(warm.pairs))

    # -- reading the outcome ----------------------------------------------------------

    def _outcome(
        self, admission: Admission, code: Any, solver: cp_model.CpSolver | None, runtime: float
    ) -> Result:
        """The search's plan, the first plan, or why there is none."""
        num_vars = self.planning.num_pairs
        if admission is not Admission.GRANTED:
            return self._not_admitted(admission, runtime)
        if code == cp_model.INFEASIBLE:
            time_limit_s = max(_EXPLAIN_MIN_S, self.limit - runtime)
            why = explain_infeasibility(self.problem, time_limit_s=time_limit_s)
            # A mandatory project no week can hold is the concrete cause: it comes first,
            # before the rule groups that merely contain it ("'Launch' is mandatory"); a
            # conflict of its rules alone is not said again.
            forced, said = forced_work_said(self.problem)
            why = why.without_projects(said)
            rest = why.said() if why.conflicts or not forced else []
            return without_plan(Status.INFEASIBLE, runtime, [*forced, *rest], num_vars)
        if code == cp_model.MODEL_INVALID:
            raise RuntimeError(f"invalid CP-SAT model: {self.planning.model.validate()}")
        if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            mip = self._mip_plan(None)
            if mip is not None:
                return mip
            if self.first is not None:  # CP-SAT found nothing in time: the warm start it is
                return self.first.result()
            return self._no_plan(
                _STOPPED
                if self.cancelled()
                else self._first_plan_short(searched=True) or self._out_of_time(),
                num_vars,
                runtime,
            )
        return self._searched(solver, code == cp_model.OPTIMAL, runtime)

    def _searched(self, solver: cp_model.CpSolver | None, optimal: bool, runtime: float) -> Result:
        """CP-SAT's plan (the first plan's translation when CP-SAT kept it).

        ``solver`` is ``None`` when the neighbourhoods searched from the warm start
        without a search over the whole model (``self.better`` has the plan).
        """
        if solver is None:
            assert self.better is not None
            chosen, starts = self.warm.plan, {}
            solver_objective = Fraction(self.better.objective, self.planning.objective_scale)
            solver_bound = math.inf
        else:
            chosen = self.planning.chosen(solver)
            starts = self.planning.starts(solver)
            solver_objective = Fraction(
                round(solver.objective_value), self.planning.objective_scale
            )
            solver_bound = unscale(self.planning, solver.best_objective_bound)
        if self.better is not None and self.better.proven:
            optimal = True  # HiGHS proved CP-SAT's plan optimal (a small quarter)
        if self.better is not None and self.better.improved:  # the neighbourhoods did better
            chosen, starts = self.better.plan, {}  # (they run only when weeks do not matter)
            solver_objective = Fraction(self.better.objective, self.planning.objective_scale)
        same = same_pairs(chosen, self.warm.plan)
        if self.first is not None and same:
            # CP-SAT kept the first plan: its translation is ready (seconds at company scale).
            plan, breakdown = self.first.plan_and_breakdown()
        else:  # a better plan, stopped or not: the leader gets the best one found
            plan, breakdown = checked_plan(
                self.problem,
                chosen,
                starts,
                reasons_until=self.reasons_until,
                pace=self.warm.eligibility_s,
            )
        lp_bound = math.inf if self.warm.bound is None else self.warm.bound
        mip = self._mip_plan(
            float(breakdown.total),
            bound=min(lp_bound, solver_bound),
        )
        if mip is not None and not optimal:
            return mip
        return plan_result(
            Status.OPTIMAL if optimal else Status.FEASIBLE,
            plan,
            breakdown,
            runtime,
            bound=min(lp_bound, solver_bound),
            num_variables=self.planning.num_pairs,
            solver_objective=solver_objective,
        )

    def _mip_plan(self, beat: float | None, bound: float | None = None) -> Result | None:
        """HiGHS's plan when it ran beside CP-SAT and beats ``beat`` (checked, feasible)."""
        mip = self.mip
        if mip is None or not mip.chosen:
            return None
        objective = plan_objective(self.problem, mip.chosen)
        if objective is None:
            return None
        if beat is None and self.warm.objective is not None:
            beat = self.warm.objective
        if beat is not None and objective <= beat:
            return None
        plan, breakdown = checked_plan(
            self.problem, mip.chosen, reasons_until=self.reasons_until, pace=self.warm.eligibility_s
        )
        bound = self.warm.bound if bound is None or math.isinf(bound) else bound
        return plan_result(
            Status.FEASIBLE,
            plan,
            breakdown,
            self.elapsed(),
            bound=bound,
            num_variables=self.planning.num_pairs,
        )

    def _not_admitted(self, admission: Admission, runtime: float) -> Result:
        """No free solver in time, or the leader stopped waiting: the first plan, if any."""
        first = None if self.first is None else self.first.result()
        return self._unsearched(admission, first, self.planning.num_pairs, runtime)

    def _unsearched(
        self,
        admission: Admission,
        first: Result | None,
        num_variables: int,
        runtime: float | None = None,
    ) -> Result:
        """No solver slot: the quick first plan said to be unsearched, else no plan; both
        ways of ending a wait (:meth:`_not_admitted`, :meth:`_queued_out`) say it so."""
        # A leader reads these beside the plan, in the progress box's words ("Waiting its
        # turn: the app is making other plans"): they read "the solver was busy ...: this
        # is the quick first plan, not searched".
        if admission is Admission.CANCELLED:
            why = "the plan was stopped while it waited its turn"
        else:
            why = f"the app was busy with other plans for the whole time limit of {self.limit:g} s"
        if first is not None:
            return replace(
                first,
                reasons=(f"{why}: this is the quick first plan, not the best one it could find",),
            )
        return self._no_plan(
            f"{why}, and no quick first plan keeps every rule. Try again.", num_variables, runtime
        )

    def stopped_without_plan(self) -> Result | None:
        """The answer to a stop before any plan was found: none, in words; ``None`` when
        a plan was found (it is handed back once translated)."""
        if not self.shown.none_found():
            return None
        return self._no_plan(_STOPPED, 0)

    def _no_plan(self, reason: str, num_variables: int, runtime: float | None = None) -> Result:
        runtime = self.elapsed() if runtime is None else runtime
        return Result.without_plan(Status.NO_PLAN, runtime, (reason,), num_variables)
