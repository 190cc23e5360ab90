"""The second stage of a what-if: few changes to the current plan, objective kept.

See :mod:`planner.scenarios.relative` for the whole what-if; this module
picks, among heuristic candidates, the plan with the fewest changes whose
objective reaches the floor, and hands it back checked.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, replace

from ortools.sat.python import cp_model

from planner.checker import PlanCheckError, check_plan, objective_of
from planner.core.domain import Assignment, ObjectiveBreakdown, Plan, Problem, Result, Status
from planner.core.pairs import Pair
from planner.optimizer.baseline_repair import kept_in_weeks, nearby_plan, reverted_plan
from planner.optimizer.eligibility import eligible_pairs
from planner.optimizer.exact_objective import plan_objective
from planner.optimizer.fewest_changes import fewest_changes_model
from planner.optimizer.take_back import taken_back
from planner.solving.limits import finish_reserve
from planner.solving.plans import checked_plan, plan_result, to_plan
from planner.solving.proof import SMALL_PAIRS
from planner.solving.queue import Admission, solver_queue
from planner.solving.search import DETERMINISTIC_PER_S
from planner.solving.solver import solve
from planner.solving.stopping import seeded_solver, stop_when_cancelled

log = logging.getLogger(__name__)


def solve_near(
    problem: Problem,
    start: Plan,
    *,
    floor: float,
    bound: float | None = None,
    time_limit_s: float | None = None,
    cancel: threading.Event | None = None,
) -> Result:
    """A plan with few changes to ``problem.baseline`` whose objective is >= ``floor``.

    The second stage of a what-if against the current plan (see
    :mod:`planner.scenarios.relative`). ``start`` is a plan of ``problem``
    that reaches ``floor`` (the free re-solve's), so there is always an
    answer. The candidates, and the one kept (the fewest changes among those
    reaching ``floor``, then the best objective):

    * the baseline repaired and filled (:func:`~planner.optimizer.baseline_repair.nearby_plan`):
      each team the change leaves short sheds the fewest projects it can; when
      that reaches ``floor`` it is the answer;
    * else the baseline repaired keeping its densest work first (from
      :data:`DENSEST_FROM_PAIRS` pairs: on smaller quarters the stability solve below
      reaches the floor with fewer changes in the seconds that repair took);
    * when that falls short of ``floor`` and there is time, a solve with a
      stability weight sized from the tolerance, its changes then taken back
      while it stays above ``floor``;
    * ``start`` with changes taken back (:func:`~planner.optimizer.baseline_repair.reverted_plan`).

    In weeks (time-phased data) a larger quarter keeps the current plan week by
    week instead (:func:`_near_in_weeks`).

    A small quarter (under :data:`~planner.solving.proof.SMALL_PAIRS` pairs,
    in weeks or not) skips the candidates: CP-SAT with the lexicographic
    objective (:mod:`planner.optimizer.fewest_changes`), hinted with
    ``start``, proves the fewest changes in one search (:func:`_near_exact`).
    On large ones it was measured and left out: from the free plan it removed
    1 of 80 changes in 5 s (M, 5 % less marketing) where the repair finds a
    plan with 20.

    Parameters
    ----------
    problem
        The changed inputs, with ``baseline`` = the owners of the current plan.
    start
        A plan of ``problem`` that keeps every rule and scores at least ``floor``.
    floor
        The objective the plan must keep, in the objective's units.
    bound
        A bound no plan of ``problem`` beats (the free re-solve's), reported as the bound.
    time_limit_s, cancel
        As for :func:`solve`; when stopped, the best candidate so far.

    Returns
    -------
    Result
        The plan, checked by :func:`~planner.checker.check_plan`, with its
        exact objective and ``bound``.
    """
    baseline = problem.baseline
    if baseline is None:
        raise ValueError("solve_near needs a problem with a baseline plan")
    started = time.perf_counter()
    limit = problem.settings.solve.time_limit_s if time_limit_s is None else time_limit_s
    pairs = eligible_pairs(problem)
    near = _Near(problem, pairs, start, floor, bound, limit, cancel, started)
    if len(pairs) < SMALL_PAIRS:
        return _with_moves_taken_back(near, _near_exact(near))
    if problem.is_time_phased:
        return _with_moves_taken_back(near, _near_in_weeks(near))
    return _with_moves_taken_back(near, _near_repaired(near))


#: Seconds per project to put a near plan's needless moves back, check and explain it once
#: more: at 150 x 1,500 in weeks, load 10-13, 0.1-0.5 s to put back (from a free plan's 529
#: changes), 0.6 s to check.
_TAKE_BACK_S_PER_PROJECT = 1e-3


def _with_moves_taken_back(near: _Near, result: Result) -> Result:
    """:func:`moves_taken_back` on the stage's own clock and pairs."""
    if _stopped(near.cancel):
        return result
    return moves_taken_back(
        near.problem,
        result,
        floor=near.floor,
        bound=near.bound,
        until=near.started + near.limit,
        pairs=near.pairs,
    )


def moves_taken_back(
    problem: Problem,
    result: Result,
    *,
    floor: float,
    bound: float | None,
    until: float,
    pairs: tuple[Pair, ...] | None = None,
) -> Result:
    """``result`` with each move it need not make put back as ``problem.baseline`` has it
    (:func:`~planner.optimizer.take_back.taken_back`): a project started in another week
    for nothing, or on another team where its own still has room and ``floor`` holds.

    Generated quarters in weeks (8-30 teams, 40-300 projects; a week lost, a weight
    doubled, a pin, a forbid, 20 % more hours): 5 of 20 what-ifs' plans had such moves,
    16 in all and up to 7 in one, before (tests/scenarios/test_needless_moves.py reads
    them from plan.csv). ``until``: a ``perf_counter`` time; with too little left before
    it to put back, check and explain the plan (:data:`_TAKE_BACK_S_PER_PROJECT`), or no
    plan, ``result`` stands.
    """
    plan = result.plan
    if plan is None or result.objective is None or problem.baseline is None:
        return result
    started = time.perf_counter()
    left = until - started
    if left < _TAKE_BACK_S_PER_PROJECT * len(problem.projects):
        return result
    pairs = eligible_pairs(problem) if pairs is None else pairs
    row_of = {(p.project_id, p.team_id): p for p in pairs}
    if any((a.project_id, a.team_id) not in row_of for a in plan.assignments):
        return result
    chosen = [row_of[(a.project_id, a.team_id)] for a in plan.assignments]
    starts = {a.project_id: a.start_week for a in plan.assignments if a.start_week is not None}
    keep = min(floor, result.objective)
    back = taken_back(problem, pairs, chosen, starts, keep)
    if back is None:
        return result
    try:
        kept, breakdown = checked_plan(problem, back[0], back[1], reasons_until=started + left / 4)
    except PlanCheckError:  # a rule the quick check missed: the plan as the search left it
        log.warning("moves taken back broke a rule; the plan kept as found")
        return result
    if float(breakdown.total) < keep:
        return result
    reached = bound is not None and float(breakdown.total) >= bound
    found = plan_result(
        Status.OPTIMAL if reached else Status.FEASIBLE,
        kept,
        breakdown,
        result.runtime_s + time.perf_counter() - started,
        bound=bound,
        num_variables=result.num_variables,
    )
    return replace(found, reasons=result.reasons)


@dataclass(frozen=True)
class _Near:
    """One call of :func:`solve_near` as its strategies read it: the changed inputs and
    their eligible ``pairs``, the free plan ``start``, the ``floor`` to keep and the
    ``bound`` to report, the time ``limit`` from ``started`` (a ``perf_counter`` time)
    and ``cancel``."""

    problem: Problem
    pairs: tuple[Pair, ...]
    start: Plan
    floor: float
    bound: float | None
    limit: float
    cancel: threading.Event | None
    started: float


def _near_repaired(near: _Near) -> Result:
    """:func:`solve_near` on a large quarter without weeks: the current plan repaired with
    the fewest projects shed; when that falls short of ``floor``, the fewest changes among
    the current plan repaired densest first, ``start`` reverted and, when the repair
    falls short too, a solve with a stability weight.

    The fewest shed lose more objective than the densest first on some quarters (larger
    projects go): 150 x 3,000, 5 % less sales, seed 2, 73 changes 9 short of the floor
    where the densest first reached it with 172. At 40 x 500, 10 % less sales, the solve
    with a stability weight reached the floor where CP-SAT's neighbourhood search from
    the repair did not in the same seconds.
    """
    problem, pairs, floor, cancel = near.problem, near.pairs, near.floor, near.cancel
    row_of = {(p.project_id, p.team_id): p for p in pairs}
    free_pairs = [row_of[(a.project_id, a.team_id)] for a in near.start.assignments]
    owners = _counted_owners(problem)
    candidates: list[tuple[list[Pair], float]] = []
    start_objective = plan_objective(problem, free_pairs)
    if start_objective is not None:
        candidates.append((free_pairs, start_objective))

    def nearest() -> tuple[list[Pair], float]:
        """The candidate with the fewest changes, the best objective among those."""
        return min(candidates, key=lambda c: (_changes(owners, c[0]), -c[1]))

    def consider(chosen: list[Pair], objective: float | None, how: str = "") -> None:
        _log_candidate(near, _changes(owners, chosen), objective, how)
        if objective is not None and objective >= floor:
            candidates.append((chosen, objective))

    left = lambda: near.limit - (time.perf_counter() - near.started)  # noqa: E731
    fewest = nearby_plan(problem, pairs, owners, floor, time_limit_s=0.3 * left(), cancel=cancel)
    consider(*fewest, "repaired, the fewest shed")
    took = time.perf_counter() - near.started
    if (fewest[1] is not None and fewest[1] >= floor) or _stopped(cancel):
        return _repaired_result(near, nearest())
    repaired = fewest
    # Another repair costs about what the first took (building the greedy, placing the
    # current plan): at 150 x 3,000 under load 6 that was 3-8 s of a 4 s stage. Up to
    # DENSEST_FROM_PAIRS the stability solve below gets those seconds instead.
    if left() > took and len(pairs) > DENSEST_FROM_PAIRS:
        repaired = nearby_plan(
            problem,
            pairs,
            owners,
            floor,
            time_limit_s=0.6 * left(),
            cancel=cancel,
            shed_fewest=False,
        )
        consider(*repaired, "repaired densest first")
    if left() > 0.2:
        consider(
            *reverted_plan(
                problem, pairs, owners, free_pairs, floor, time_limit_s=0.2 * left(), cancel=cancel
            ),
            "reverted",
        )
    # The repair's changes are about the fewest there can be; a candidate with no more
    # than those leaves nothing for another solve to win.
    short = repaired[1] is None or repaired[1] < floor
    short = short and _changes(owners, nearest()[0]) > _changes(owners, repaired[0])
    if short and left() > 1.0 and not _stopped(cancel):
        # The repair fell short of the floor: let the full solve trade objective for changes.
        weighted, weight = _stability_weighted(near, _changes(owners, free_pairs), start_objective)
        result = solve(weighted, time_limit_s=left() - 0.5, cancel=cancel)
        if result.plan is not None:
            chosen = [row_of[(a.project_id, a.team_id)] for a in result.plan.assignments]
            unweighted = plan_objective(problem, chosen)
            consider(chosen, unweighted, f"stability {weight:.3f}")
            consider(
                *reverted_plan(
                    problem, pairs, owners, chosen, floor, time_limit_s=0.3, cancel=cancel
                ),
                "stability reverted",
            )
    return _repaired_result(near, nearest())


def _log_candidate(near: _Near, num_changes: int, objective: float | None, how: str) -> None:
    """A candidate of :func:`_near_repaired` in the log: its changes, objective and time."""
    log.info(
        "near %s: %d changes, objective %s (floor %.3f) at %.2f s",
        how,
        num_changes,
        objective,
        near.floor,
        time.perf_counter() - near.started,
    )


def _stability_weighted(
    near: _Near, num_changes: int, start_objective: float | None
) -> tuple[Problem, float]:
    """The changed inputs with a stability weight, and the weight: the one at which the
    free plan's ``num_changes`` changes cost twice its objective over the floor, so that
    the full solve trades objective for fewer changes."""
    floor = near.floor
    weight = 2 * max((start_objective or floor) - floor, 1e-6) / max(1, num_changes)
    problem = near.problem
    weights = replace(problem.settings.weights, stability=weight)
    return problem.replace(settings=problem.settings.with_changes(weights=weights)), weight


#: Pairs from which :func:`_near_repaired` tries the densest-first repair when the fewest
#: shed miss the floor; below, the stability solve has the stage to itself. Generated 40 x
#: 500 (3,700 pairs), the app's 4 s, seeds 0-2, paired with the order of before (load
#: 5-20): 10 % less sales 66 / 44 / 130 changes where 66 / 105 / 130 (132 / 105 / 130 in
#: another run: the densest-first repair left the stability solve no time), 20 % less 123 /
#: 119 / 161 where 199 / 183 / 161; with 8 s the same counts. At 150 x 3,000 (84,000) the
#: solve from scratch fell 0.6-92 % short of the free re-plan in 12 s: the repairs decide.
DENSEST_FROM_PAIRS = 30_000


def _repaired_result(near: _Near, nearest: tuple[list[Pair], float]) -> Result:
    """The candidate :func:`_near_repaired` keeps, as a checked result."""
    plan, breakdown = checked_plan(near.problem, nearest[0])
    reached = near.bound is not None and float(breakdown.total) >= near.bound
    return plan_result(
        Status.OPTIMAL if reached else Status.FEASIBLE,
        plan,
        breakdown,
        time.perf_counter() - near.started,
        bound=near.bound,
        num_variables=len(near.pairs),
    )


#: Why a small quarter's what-if is the fewest changes there are, in the result's reasons.
EXACT_NOTE = (
    "kept close to the current plan: of the plans about as good as the best, none moves "
    "or leaves out fewer projects (on a quarter this small, every change was counted)"
)
#: Kept for the second time limit: reading and checking the plan after the search.
_NEAR_FINISH_S = 0.2


def _near_exact(near: _Near) -> Result:
    """:func:`solve_near` on a small quarter: the fewest changes, proven by one CP-SAT search.

    The model (:func:`~planner.optimizer.fewest_changes.fewest_changes_model`) keeps every
    hard rule (rules 10-12 with weeks) and is hinted with ``start``; it runs in a slot of
    the solver queue on a work budget, so the same inputs give the same plan. Its plan is
    kept when it passes the checker and reaches ``floor`` with no more changes than
    ``start`` (fewer, or as many with a better objective); else ``start`` is. When
    ``start`` changes nothing and reaches ``bound``, nothing is searched. The reasons say
    when the count is proven (:data:`EXACT_NOTE`).
    """
    problem, start, floor, bound = near.problem, near.start, near.floor, near.bound
    assert problem.baseline is not None
    owners = _counted_owners(problem)
    start_objective = float(objective_of(problem, start).total)
    chosen, breakdown = start, None
    changes = _changes(owners, start.assignments)
    weeks = rescheduled(problem, start)
    # No change and no better plan: nothing for a search to win (a what-if that leaves the
    # current plan as it is, e.g. more hours for a team that needs none).
    proven = changes == 0 and weeks == 0 and bound is not None and start_objective >= bound
    if not proven:
        ceiling = max(start_objective, floor) if bound is None else max(bound, start_objective)
        found = _fewest_changes(near, ceiling)
        if found is not None:
            plan, scored, optimal = found
            objective = float(scored.total)
            fewer = _changes(owners, plan.assignments)
            log.info("near exact: %d changes, %.3f (floor %.3f)", fewer, objective, floor)
            if objective >= floor and (fewer, -objective, rescheduled(problem, plan)) <= (
                changes,
                -start_objective,
                weeks,
            ):
                chosen, breakdown, proven = plan, scored, optimal
    reasons = (EXACT_NOTE,) if proven else ()
    return _near_result(problem, chosen, breakdown, bound, near.started, len(near.pairs), reasons)


def _fewest_changes(near: _Near, ceiling: float) -> tuple[Plan, ObjectiveBreakdown, bool] | None:
    """CP-SAT's plan with the fewest changes (checked), its objective, and whether it is proven.

    ``None`` when the search found no plan (no slot in time, or stopped at once).
    """
    problem, pairs, start = near.problem, near.pairs, near.start
    planning = fewest_changes_model(problem, pairs, floor=near.floor, ceiling=ceiling)
    row_of = {(p.project_id, p.team_id): p for p in pairs}
    planning.add_hints(
        [row_of[(a.project_id, a.team_id)] for a in start.assignments],
        {a.project_id: a.start_week for a in start.assignments if a.start_week is not None},
    )
    solver = seeded_solver(problem)
    params = solver.parameters
    # The full linear relaxation: the sample's what-ifs proved in 0.005-0.02 units, against
    # 0.013-0.04 with the default level (half the CPU time).
    params.linearization_level = 2
    params.max_deterministic_time = DETERMINISTIC_PER_S * near.limit
    deadline = near.started + near.limit - _NEAR_FINISH_S
    code = cp_model.UNKNOWN
    with solver_queue().slot(deadline=deadline, cancel=near.cancel) as admission:
        if admission is Admission.GRANTED:
            params.max_time_in_seconds = max(0.01, deadline - time.perf_counter())
            with stop_when_cancelled(solver, _Hinted(), near.cancel):
                code = solver.solve(planning.model)
    if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    plan, scored = checked_plan(problem, planning.chosen(solver), planning.starts(solver))
    return plan, scored, code == cp_model.OPTIMAL


class _Hinted:
    """The search's plans as :func:`stop_when_cancelled` counts them: the hint is one.

    A stop may therefore end the search at once; CP-SAT then hands back the hint.
    """

    offset = 1
    num_solutions = 0


#: Why a what-if in weeks leaves the repair out, in the result's reasons.
WEEKS_NOTE = (
    "kept close to the current plan, week by week: the plan that moves or leaves out the "
    "fewest projects was sought in the weeks themselves (a quicker fix by the quarter's "
    "hours would not keep the weeks)"
)


def _near_in_weeks(near: _Near) -> Result:
    """:func:`solve_near` for time-phased data: the current plan kept week by week.

    The repair and the reverting (:mod:`planner.optimizer.baseline_repair`'s quarter-hour
    moves) could break rule 10. Here the current plan is kept where its weeks
    still have room, filled, and improved by the week search with each change
    weighed (:func:`~planner.optimizer.baseline_repair.kept_in_weeks`), in a slot of the
    solver queue until the finishing reserve. A change first weighs what the
    tolerance leaves per change of ``start``; a round whose plan reaches
    ``floor`` weighs changes more in the next, one that falls short less. The
    plan kept has the fewest changes, then the best objective, of ``start`` and
    the rounds' plans that reach ``floor``. The result's reasons say so
    (:data:`WEEKS_NOTE`).

    Generated 150 x 3,000 quarters in weeks, 10 % less marketing, 10 s (seeds
    0-2): one round, 161-184 changes where the free plan has 383-498, and no
    sales-only project moved (docs/model.md, "What-ifs on a large quarter in weeks"). The full
    solve with a stability weight that decided before started from the greedy's
    own order as much as from the current plan, and its plans missed the floor:
    the free plan's 383-498 changes were kept.
    """
    problem, start, floor, cancel = near.problem, near.start, near.floor, near.cancel
    started, limit = near.started, near.limit
    assert problem.baseline is not None
    owners = _counted_owners(problem)
    chosen, changes = start, _changes(owners, start.assignments)
    breakdown: ObjectiveBreakdown | None = None
    deadline = started + limit - finish_reserve(problem, limit)
    best: tuple[list[Pair], dict[str, int]] | None = None
    if changes:
        start_objective = float(objective_of(problem, start).total)
        # A change weighs what the tolerance leaves per change of the free plan; a round
        # that reaches the floor weighs changes more in the next, one that falls short less.
        weight = max(start_objective - floor, 1e-6) / changes
        rank = (changes, -start_objective)  # fewest changes, then best objective
        with solver_queue().slot(deadline=deadline, cancel=cancel) as admission:
            for _ in range(_KEPT_ROUNDS if admission is Admission.GRANTED else 0):
                if deadline - time.perf_counter() < _KEPT_MIN_S or _stopped(cancel):
                    break
                kept = kept_in_weeks(
                    problem.replace(
                        settings=problem.settings.with_changes(
                            weights=replace(problem.settings.weights, stability=weight)
                        )
                    ),
                    near.pairs,
                    improve_s=deadline - time.perf_counter(),
                    budget_s=limit,
                    cancel=cancel,
                )
                if _stopped(cancel):
                    break  # stopped: the free plan, as solve_relative promises
                objective = plan_objective(problem, *kept)
                fewer = _changes(owners, kept[0])
                log.info(
                    "near in weeks, %.3f a change: %d changes, %s (floor %.3f) at %.2f s",
                    weight,
                    fewer,
                    objective,
                    floor,
                    time.perf_counter() - started,
                )
                reached = objective is not None and objective >= floor
                if reached and objective is not None and (fewer, -objective) < rank:
                    best, rank = kept, (fewer, -objective)
                weight = weight * _KEPT_STEP if reached else weight / _KEPT_STEP
    if best is not None:
        # The left-out projects' reasons are weighed for half the finishing reserve, not up
        # to the limit: their short reasons and the objective come after them (weighed to
        # the limit, the stage ran 0.3-1.6 s past it at 150 x 1,500 in weeks, load 12).
        until = started + limit - finish_reserve(problem, limit) / 2
        chosen = to_plan(problem, *best, reasons_until=until)
        breakdown = objective_of(problem, chosen)
    num_variables = len(chosen.assignments)
    reasons = (WEEKS_NOTE,)
    return _near_result(problem, chosen, breakdown, near.bound, started, num_variables, reasons)


#: Below this many seconds before the finishing reserve, a what-if in weeks keeps the free plan.
_KEPT_MIN_S = 0.5
#: Rounds of a what-if in weeks (time allowing: one at 150 x 3,000 in 10 s), and the factor
#: by which each weighs a change more (after a plan that reached the floor) or less.
_KEPT_ROUNDS = 4
_KEPT_STEP = 4.0


def _stopped(cancel: threading.Event | None) -> bool:
    return cancel is not None and cancel.is_set()


def _near_result(
    problem: Problem,
    chosen: Plan,
    breakdown: ObjectiveBreakdown | None,
    bound: float | None,
    started: float,
    num_variables: int,
    reasons: tuple[str, ...],
) -> Result:
    """The near plan as a result: checked here unless ``breakdown`` is its checked objective."""
    if breakdown is None:
        violations = check_plan(problem, chosen)  # the independent checker, as every plan
        if violations:
            raise PlanCheckError(violations)
        breakdown = objective_of(problem, chosen)
    reached = bound is not None and float(breakdown.total) >= bound
    status = Status.OPTIMAL if reached else Status.FEASIBLE
    elapsed = time.perf_counter() - started
    result = plan_result(
        status, chosen, breakdown, elapsed, bound=bound, num_variables=num_variables
    )
    return replace(result, reasons=reasons)


def _counted_owners(problem: Problem) -> dict[str, frozenset[str]]:
    """The baseline's owners of the projects still in ``problem``: the ones rule 9 counts.

    A project deleted from the data since the current plan is no change of this plan
    (:func:`~planner.checker.num_changes` leaves it out too), so every count here and
    the checker's read the same number.
    """
    assert problem.baseline is not None
    known = problem.project_index
    return {p: teams for p, teams in problem.baseline.owners.items() if p in known}


def rescheduled(problem: Problem, plan: Plan) -> int:
    """Projects ``plan`` keeps on their baseline teams but starts in another week than the
    baseline (``Baseline.starts``): the third aim of a what-if in weeks, after the fewest
    changes and the best objective."""
    baseline = problem.baseline
    if baseline is None or not baseline.starts:
        return 0
    owners = plan.owners()
    return sum(
        1
        for a in plan.assignments
        if a.start_week is not None
        and a.project_id in baseline.starts
        and owners[a.project_id] == baseline.owners.get(a.project_id)
        and a.start_week != baseline.starts[a.project_id]
        and a.team_id == min(owners[a.project_id])
    )


def _changes(baseline: dict[str, frozenset[str]], chosen: Iterable[Pair | Assignment]) -> int:
    """Projects of ``baseline`` (:func:`_counted_owners`) whose owners differ in the plan
    made of ``chosen`` (pairs, or a plan's assignments): rule 9's count, as the candidates
    are compared by it."""
    owners: dict[str, set[str]] = {}
    for pair in chosen:
        owners.setdefault(pair.project_id, set()).add(pair.team_id)
    return sum(1 for p, teams in baseline.items() if owners.get(p, set()) != teams)
