"""HiGHS on the slot's cores: when a solve runs the MIP beside, or instead of, CP-SAT.

On a pure assignment (every objective term a sum over the chosen pairs, no
goals, weeks, joint work or dependencies: the generalized assignment problem,
GAP) HiGHS's branch and cut on the same formulation finds better plans in 10 s
than CP-SAT with its neighbourhoods (bench/results.md: GAP types D and E at
10 x 100 to 20 x 200). There, from 1,500 pairs and once the warm start has a
plan, two HiGHS runs (two random seeds, both from the warm start) search on the
slot's two cores and CP-SAT does not search (:class:`Portfolio`); below that
HiGHS searches beside CP-SAT and its neighbourhoods, and once they have spent
their work budget a second HiGHS starts from their plan. HiGHS's plans differ
by up to several % from seed to seed, so racing two takes the better. On a pure
assignment each HiGHS plan is then improved by shifts and swaps
(:mod:`planner.optimizer.gap_polish`: milliseconds) and, under
:data:`TABU_MAX_PAIRS` pairs, by a short tabu search that may pass through plans
over a team's limit (:mod:`planner.optimizer.gap_tabu`), kept when the checker
finds it better, and the best checked plan wins (``_Solve._mip_plan`` in
:mod:`planner.solving.solver`).
Measured against HiGHS beside CP-SAT at every size: bench/results.md, "GAP: two
HiGHS".

Elsewhere the solve stays as it was: a quarter with goals (M, L) is searched
by CP-SAT alone, where HiGHS did not help (M 0.376 against 0.387 %), and a
small model keeps its proof (:mod:`planner.solving.proof`). A pure assignment
with no warm-start plan keeps CP-SAT beside HiGHS, so that a GAP no plan can
satisfy is still found out and explained. HiGHS ends on the clock (it spends
these limits at its root node, so no node budget bounds it): a pure
assignment's plan may depend on the machine's load, unlike every other solve's
(SPEC "The same answer twice"). ``PLANNER_PORTFOLIO=0`` turns it off (CP-SAT
alone, on its work budget); ``PLANNER_PORTFOLIO=1`` runs HiGHS beside CP-SAT on
any other model of up to :data:`MIP_BESIDE_MAX_PAIRS` pairs that is not in weeks.
"""

from __future__ import annotations

import functools
import logging
import math
import os
import threading
import time
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from planner.core.domain import Problem
from planner.core.pairs import Pair
from planner.optimizer.exact_objective import plan_objective
from planner.optimizer.gap_polish import polish
from planner.optimizer.gap_tabu import tabu_polish
from planner.optimizer.highs_process import prewarm
from planner.optimizer.mip import MipBeside, MipResult
from planner.optimizer.warm_start import WarmStart
from planner.solving.proof import SMALL_PAIRS

#: The environment variable that turns HiGHS beside CP-SAT on ("1") or off ("0").
PORTFOLIO_ENV = "PLANNER_PORTFOLIO"
#: Up to this many pairs HiGHS may search beside CP-SAT (its model is built from the
#: formulation in numpy; at 20,000 pairs it loads in well under a second).
MIP_BESIDE_MAX_PAIRS = 20_000
#: HiGHS runs on a pure assignment with a warm start: one a core, each its own seed.
HIGHS_RUNS = 2
#: From this many pairs a pure assignment is searched by HiGHS alone (:data:`HIGHS_RUNS`
#: runs). Below it CP-SAT's neighbourhoods (2-12 of 10 teams at a time) cover most of the
#: plan and did as well or better beside one HiGHS: GAP D and E 10 x 100 (1,000 pairs),
#: two windows of seeds 0-4, 0.150 / 0.080 % against 0.171 / 0.096 % (bench/results.md).
HIGHS_ONLY_MIN_PAIRS = 1_500
#: HiGHS's ``mip_heuristic_effort`` in those runs (``None``: its default, 0.05).
HEURISTIC_EFFORT: float | None = 0.3
#: Under this many pairs each polished HiGHS plan of a pure assignment then gets a short
#: tabu search (:func:`~planner.optimizer.gap_tabu.tabu_polish`: 200 steps, well under a
#: second at 1,000 pairs; a step's work grows with the projects squared).
TABU_MAX_PAIRS = 1_500
#: The most a plan's tabu search may take: 200 steps took 0.1-0.3 s at 10 x 100 and up to
#: 0.75 s at load 6, and it runs in the second a solve keeps to check and explain its plan.
TABU_MAX_S = 0.3


log = logging.getLogger(__name__)


def _portfolio_choice() -> str:
    """``PLANNER_PORTFOLIO`` as ``"0"``, ``"1"`` or ``""`` (the default), trimmed.

    Any other value (``yes``, ``true``, ``on``) read as the default without a
    word, so an operator who turned HiGHS on saw no change: it is said once.
    """
    chosen = os.environ.get(PORTFOLIO_ENV, "").strip()
    if chosen in ("", "0", "1"):
        return chosen
    _warn_unknown(chosen)
    return ""


@functools.cache
def _warn_unknown(chosen: str) -> None:
    log.warning(
        "%s=%r is neither 0 (CP-SAT alone) nor 1 (HiGHS beside CP-SAT); using the default",
        PORTFOLIO_ENV,
        chosen,
    )


def highs_allowed() -> bool:
    """Whether HiGHS may run at all: ``PLANNER_PORTFOLIO=0`` turns off every HiGHS run
    whose answer depends on the clock (beside CP-SAT, and the LP with weeks beside the
    warm start), so that a plan is the same every run."""
    return _portfolio_choice() != "0"


def portfolio_forced() -> bool:
    """Whether ``PLANNER_PORTFOLIO=1`` asks for HiGHS beside CP-SAT on every model."""
    return _portfolio_choice() == "1"


def is_pure_assignment(problem: Problem) -> bool:
    """Whether ``problem`` is a generalized assignment problem: each pair's worth its own.

    No goal's attainment, balance, stability or confidence term; no weeks, no
    current plan, no joint projects and no dependencies. Capacities, project
    caps, pins and mandatory projects are the GAP's own rows.
    """
    weights = problem.settings.weights
    if problem.is_time_phased or problem.baseline is not None:
        return False
    if weights.balance or weights.stability or weights.confidence:
        return False
    if weights.attainment and any(p.goal_id for p in problem.projects):
        return False
    return not any(p.joint or p.depends_on for p in problem.projects)


def portfolio_wanted(problem: Problem, num_pairs: int) -> bool:
    """Whether HiGHS searches beside CP-SAT on this model of ``num_pairs`` pairs.

    By default on a pure assignment (:func:`is_pure_assignment`) of
    :data:`~planner.solving.proof.SMALL_PAIRS` to :data:`MIP_BESIDE_MAX_PAIRS`
    pairs; ``PLANNER_PORTFOLIO=0`` never, ``=1`` on any model up to the maximum
    that is not in weeks.
    """
    if problem.is_time_phased or not 0 < num_pairs <= MIP_BESIDE_MAX_PAIRS:
        return False
    chosen = _portfolio_choice()
    if chosen:
        return chosen == "1"
    return num_pairs >= SMALL_PAIRS and is_pure_assignment(problem)


def _cores(problem: Problem) -> int:
    """The cores a solve of ``problem`` may use: its ``workers``, else the machine's."""
    return problem.settings.solve.workers or (os.cpu_count() or 1)


def prepare_beside(problem: Problem) -> None:
    """Start HiGHS's workers (:func:`~planner.optimizer.highs_process.prewarm`) when
    ``problem`` may run HiGHS beside CP-SAT: before the warm start, which then hides
    their start. Its pairs are not known yet: at most one per team and project."""
    candidates = min(len(problem.teams) * len(problem.projects), MIP_BESIDE_MAX_PAIRS)
    if _cores(problem) >= 2 and portfolio_wanted(problem, candidates):
        prewarm(HIGHS_RUNS)  # two HiGHS from the warm start (or one, then one from CP-SAT's)


def mip_beside(
    problem: Problem,
    warm: WarmStart,
    seconds: float,
    params: Any,
    cancel: threading.Event | None = None,
) -> Portfolio | None:
    """HiGHS from the warm start on the slot's cores, when wanted and there are two.

    A pure assignment of :data:`HIGHS_ONLY_MIN_PAIRS` pairs or more with a
    warm-start plan gets two HiGHS, one a core, and no CP-SAT search (the
    portfolio's ``cp_sat`` is false). Otherwise HiGHS
    searches on one core beside CP-SAT: with ``workers`` 0 (the default: one
    CP-SAT worker) it takes a second core when the machine has one; with
    ``workers`` 2 or more CP-SAT gets one worker fewer. A solve told to use
    one worker (1) keeps its core to itself: CP-SAT alone.
    """
    workers = problem.settings.solve.workers
    if _cores(problem) < 2 or not portfolio_wanted(problem, len(warm.pairs)):
        return None
    if workers >= 2:
        params.num_workers = workers - 1
    two = len(warm.pairs) >= HIGHS_ONLY_MIN_PAIRS and is_pure_assignment(problem)
    if warm.objective is not None and two:
        # Both cores on HiGHS, two seeds from the warm start; CP-SAT does not search.
        seed = problem.settings.solve.seed
        searches = [
            MipBeside(
                problem,
                warm.pairs,
                warm.plan,
                seconds,
                seed=seed + k,
                heuristic_effort=HEURISTIC_EFFORT,
            )
            for k in range(HIGHS_RUNS)
        ]
        log.info(
            "HiGHS searches on two cores instead of CP-SAT: %d pairs, %.1f s",
            len(warm.pairs),
            seconds,
        )
        return Portfolio(problem, warm.pairs, searches, cancel, cp_sat=False)
    hint = warm.plan if warm.objective is not None else None
    first = MipBeside(problem, warm.pairs, hint, seconds)
    log.info("HiGHS searches beside CP-SAT: %d pairs, %.1f s", len(warm.pairs), seconds)
    return Portfolio(problem, warm.pairs, [first], cancel)


#: How often a wait for HiGHS looks at the leader's stop.
_CANCEL_POLL_S = 0.05
#: A second HiGHS is not started with less than this left before the search's deadline.
MIN_SECOND_S = 1.0


class Portfolio:
    """HiGHS runs on the slot's cores: two instead of CP-SAT, or one beside it.

    On a pure assignment with a warm start two HiGHS (two seeds) search from
    it and CP-SAT does not (``cp_sat`` false). Otherwise one HiGHS searches
    beside CP-SAT; CP-SAT and its neighbourhoods end on their work budget, and
    the core they leave goes to HiGHS again (:meth:`after_search`), with
    another random seed and CP-SAT's plan as its start. :meth:`result` is the
    best of their plans, by the checker.
    """

    def __init__(
        self,
        problem: Problem,
        pairs: tuple[Pair, ...],
        searches: Sequence[MipBeside],
        cancel: threading.Event | None = None,
        *,
        cp_sat: bool = True,
    ) -> None:
        self.problem = problem
        self.pairs = pairs
        self.searches = list(searches)
        self.cancel = cancel
        #: Whether CP-SAT searches too (beside the first HiGHS); false: HiGHS alone.
        self.cp_sat = cp_sat

    def after_search(self, plan: Sequence[Pair] | None, deadline: float) -> None:
        """CP-SAT is done with ``plan``: a second HiGHS from it until ``deadline``, if it pays."""
        seconds = deadline - time.perf_counter()
        if seconds < MIN_SECOND_S or not self.searches[0].running():
            return  # too little time, or HiGHS has ended (proved its plan) already
        seed = self.problem.settings.solve.seed + 1
        self.searches.append(MipBeside(self.problem, self.pairs, plan, seconds, seed=seed))

    def stop(self) -> None:
        """Ask every HiGHS to stop now."""
        for search in self.searches:
            search.stop()

    def result(self) -> MipResult | None:
        """The best checked plan of the HiGHS runs (waiting for them), ``None`` if none ran.

        A stop (``cancel``) while it waits ends the wait: the plans of the runs
        that have ended count, and the solve's slot is free at once. The others
        are stopped (their worker processes killed, :class:`MipBeside`).
        """
        searches = self.searches
        while any(search.running() for search in searches):
            if self.cancel is not None and self.cancel.wait(_CANCEL_POLL_S):
                self.stop()
                searches = [search for search in searches if not search.running()]
                break
            if self.cancel is None:
                time.sleep(_CANCEL_POLL_S)
        best: MipResult | None = None
        best_objective = -math.inf
        pure = is_pure_assignment(self.problem)
        for search in searches:
            found = search.result()
            if found is None or not found.chosen:
                best = best or found
                continue
            objective = plan_objective(self.problem, found.chosen)
            if objective is not None and pure:
                found, objective = self._polished(found, objective)
            if objective is not None and objective > best_objective:
                best, best_objective = found, objective
        return best

    def _polished(self, found: MipResult, objective: float) -> tuple[MipResult, float]:
        """HiGHS's plan after shifts and swaps (:func:`~planner.optimizer.gap_polish.polish`)
        and, under :data:`TABU_MAX_PAIRS` pairs, the tabu search from there
        (:func:`~planner.optimizer.gap_tabu.tabu_polish`), when the checker finds it
        keeps every rule and gains; else the plan after shifts and swaps alone, when that
        does (neither counts a team's project cap); else the plan as it was."""
        plans = [polish(self.problem, self.pairs, found.chosen)]
        if len(self.pairs) < TABU_MAX_PAIRS:
            seed = self.problem.settings.solve.seed
            until = time.perf_counter() + TABU_MAX_S
            plans.append(tabu_polish(self.problem, self.pairs, plans[0], seed=seed, until=until))
        for plan in reversed(plans):
            better = plan_objective(self.problem, plan)
            if better is not None and better > objective:
                return replace(found, chosen=plan), better
        return found, objective


__all__ = [
    "HIGHS_ONLY_MIN_PAIRS",
    "HIGHS_RUNS",
    "MIP_BESIDE_MAX_PAIRS",
    "PORTFOLIO_ENV",
    "TABU_MAX_PAIRS",
    "Portfolio",
    "is_pure_assignment",
    "mip_beside",
    "portfolio_forced",
    "portfolio_wanted",
    "prepare_beside",
]
