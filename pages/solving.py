"""The session's solved plan: each distinct problem solved once, what-ifs against the current plan.

Solving goes through one :class:`planner.solving.service.SolveService` for
every session: the same inputs never solve twice, a long solve shows its
progress and can be stopped, and a rerun in the middle of a solve re-attaches
to it. Not a page: app.py routes only the pages in ``pages.common.PAGES``.
"""

from __future__ import annotations

import concurrent.futures
import threading
import time
from dataclasses import dataclass
from functools import cached_property

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from pages.common import IN_FORCE, current_problem, fingerprint, is_current, revision
from pages.ui import ProgressBox, describe_status
from planner import Problem, ProgressCallback, Result, solve
from planner.scenarios.id_renames import renamed_ids
from planner.scenarios.relative import RelativeResult, is_edit_of, is_what_if, solve_relative
from planner.solving.service import Runner, SolveService, plan_fingerprint

#: Solves shorter than this show no progress box (no flicker on small inputs).
QUIET_SOLVE_S = 0.3
#: How often a waiting page redraws the solver's progress.
POLL_S = 0.05
#: Session switch: what-ifs re-plan against the current plan (True) or from scratch.
RELATIVE = "whatif_relative"


@st.cache_resource(show_spinner=False)
def solve_service() -> SolveService:
    """The app's one solve service (results and solves under way)."""
    return SolveService()


@dataclass(frozen=True)
class PlanInForce:
    """The plan the teams hold: what-ifs on the same data re-plan against it."""

    key: str
    problem: Problem
    result: Result
    #: The tolerance when the leader kept a what-if kept close to the plan before it: its
    #: distance from the best plan is then a choice, not the clock's, after it is kept too.
    kept_close: float | None = None

    @cached_property
    def plan_key(self) -> str:
        """The plan's own key (:func:`~planner.solving.service.plan_fingerprint`): what-ifs
        against it are kept under it, as another current plan of the same inputs is another
        plan to move as little of."""
        return plan_fingerprint(self.result.plan)


def plan_in_force() -> PlanInForce | None:
    """The session's current plan (the first plan of its inputs, or one the leader kept)."""
    found: PlanInForce | None = st.session_state.get(IN_FORCE)
    return found


def keep_as_plan_in_force(
    problem: Problem, result: Result, kept_close: float | None = None
) -> None:
    """Make ``result`` (a plan of ``problem``) the plan that later what-ifs start from.

    ``kept_close``: the tolerance when ``result`` is a what-if kept close to the current
    plan before it (:func:`kept_close` goes on saying so).
    """
    if result.plan is not None:
        st.session_state[IN_FORCE] = PlanInForce(fingerprint(problem), problem, result, kept_close)


def _anchor(problem: Problem, free: bool) -> PlanInForce | None:
    """The current plan to re-plan ``problem`` against: ``problem`` is a what-if of its
    inputs, or the session's inputs since the Data page edited them (the current plan
    outlives only those edits: :func:`pages.common.set_problem`)."""
    anchor = plan_in_force()
    if free or anchor is None or not st.session_state.get(RELATIVE, True):
        return None
    if is_what_if(problem, anchor.problem):
        return anchor
    return anchor if is_current(problem) and is_edit_of(problem, anchor.problem) else None


def _solve_key(problem: Problem, free: bool) -> tuple[str, PlanInForce | None]:
    key = fingerprint(problem)
    anchor = _anchor(problem, free)
    if anchor is None or anchor.key == key:
        return key, anchor
    # The plan in force's own key too: the same inputs' what-if against another current
    # plan (one the leader kept since, in this session or another) was served the first's.
    return f"{key}@{anchor.key}/{anchor.plan_key}", anchor


def relative_result(problem: Problem) -> tuple[RelativeResult, Problem] | None:
    """The what-if behind ``problem``'s plan and the inputs it started from, if solved as one."""
    key, anchor = _solve_key(problem, free=False)
    relative = solve_service().outcome(key)
    if not isinstance(relative, RelativeResult) or anchor is None:
        return None
    return relative, anchor.problem


def kept_close(problem: Problem) -> float | None:
    """The tolerance when ``problem``'s plan is a what-if kept close to the current plan.

    Also once the leader kept that plan: it became the current plan, and it is
    still the plan that moved as little as it could, not one the clock stopped.
    """
    found = relative_result(problem)
    if found is not None:
        return found[0].tolerance
    anchor = plan_in_force()
    if anchor is not None and anchor.key == fingerprint(problem):
        return anchor.kept_close
    return None


def stopped_by_leader(problem: Problem) -> bool:
    """Whether ``problem``'s plan is the best so far of a solve the leader stopped (its
    status says so: :data:`planner.core.status_words.STOPPED_WORDS`)."""
    key, anchor = _solve_key(problem, free=False)
    service = solve_service()
    if anchor is not None and anchor.key == key and service.cached(key) is not anchor.result:
        return False  # a plan kept in force, not this key's solve
    # The first plan of the inputs is the plan in force too: stopped, Overview and Plan said
    # "The best plan found in 4.34 s", no word of the Stop.
    return service.was_stopped(key)


def solved(
    problem: Problem,
    *,
    show_progress: bool = False,
    free: bool = False,
    slot: DeltaGenerator | None = None,
    asked_at: float | None = None,
    after_s: float = 0.0,
) -> Result:
    """The result for ``problem``, solved at most once per distinct inputs.

    When the session has a current plan and ``problem`` is a what-if of its
    inputs (same data, other settings or pins) or the Data page's edit of them, the
    solve re-plans against it (:func:`~planner.scenarios.relative.solve_relative`): as good as the
    free re-solve within the tolerance, with the fewest changes. ``free``
    solves from scratch instead. The first plan of a session's inputs
    becomes the current plan.

    A solve that takes longer than :data:`QUIET_SOLVE_S` (or any solve, with
    ``show_progress``) shows a status box with CP-SAT's best objective and
    bound as they improve, and a button to stop with the best plan so far, in ``slot``
    when given: an ``st.empty()`` the page draws on every run, so that a box that comes
    and goes leaves the elements below it in their place (the browser redraws a moved
    element anew).

    ``asked_at``: when the leader asked, on :func:`time.perf_counter` (default: this call).
    The solve's clock starts there, not on the worker thread: the Check-in page's re-plan
    counts from the Re-plan click, its rest of the quarter included, as ``planner checkin``
    counts from the check-in read. ``after_s``: the seconds a plain solve keeps for the work
    after it (:func:`~planner.solving.limits.replan_after_s`).
    """
    # A what-if's stages share one deadline from here.
    asked = time.perf_counter() if asked_at is None else asked_at
    service = solve_service()
    key, anchor = _solve_key(problem, free)
    if anchor is not None and anchor.key == key:
        return anchor.result
    result = service.cached(key)
    if result is not None:
        _adopt_first(problem, result, free)
        return result
    run: Runner | None = None if asked_at is None else _solve_from(problem, asked, after_s)
    if anchor is not None:
        run = _relative_to(problem, anchor, asked)
    job = service.attach(key, problem, run, about=_about(anchor))
    box = None
    try:
        while True:
            try:
                result = job.future.result(timeout=POLL_S)
                break
            except concurrent.futures.TimeoutError:
                pass
            elapsed = time.perf_counter() - job.started
            # A stopped solve hands its plan back in a moment: no box to draw again (a
            # status box takes 0.1 s to draw, more on a busy server).
            if box is None and not job.stopped and (show_progress or elapsed >= QUIET_SOLVE_S):
                box = ProgressBox(key, job, service.stop, slot)
            if box is not None:
                box.update(elapsed)
    finally:
        service.release(key, job)
    if box is not None:
        box.done(
            result,
            keep=show_progress,
            kept_close=kept_close(problem) if show_progress else None,
            weights=problem.settings.weights,
            stopped=job.stopped,
        )
    _adopt_first(problem, result, free)
    return result


def _solve_from(problem: Problem, asked: float, after_s: float) -> Runner:
    """A plain solve of ``problem`` whose clock started at ``asked``, not when it runs, that
    keeps ``after_s`` for the work after it."""

    def run(progress: ProgressCallback, cancel: threading.Event) -> Result:
        return solve(problem, progress=progress, cancel=cancel, started=asked, _after_s=after_s)

    return run


def _relative_to(problem: Problem, anchor: PlanInForce, asked: float) -> Runner:
    """A re-plan of ``problem`` against the plan in force (``anchor``), with the fewest
    changes (:func:`~planner.scenarios.relative.solve_relative`), its clock started at
    ``asked``."""
    in_force = anchor.result.plan
    assert in_force is not None
    # A team or project whose id a Data edit changed is the same one under its new id.
    renamed = renamed_ids(anchor.problem, problem)

    def run(progress: ProgressCallback, cancel: threading.Event) -> RelativeResult:
        return solve_relative(
            problem,
            in_force,
            progress=progress,
            cancel=cancel,
            renamed=renamed,
            started=asked,
            before=anchor.problem,
        )

    return run


def _about(anchor: PlanInForce | None) -> str:
    """What a solve is, said with its error if it fails: the session's data version (its
    :func:`~pages.common.revision`) and the current plan it re-plans against."""
    said = f"the session's data revision {revision()}"
    if anchor is None:
        return f"{said}, from scratch"
    return f"{said}, against the plan {anchor.plan_key[:12]} of the inputs {anchor.key[:12]}"


def _adopt_first(problem: Problem, result: Result, free: bool) -> None:
    """The first plan of the session's inputs becomes the current plan."""
    if free or plan_in_force() is not None or not is_current(problem):
        return
    keep_as_plan_in_force(problem, result)


def solve_now(problem: Problem, slot: DeltaGenerator | None = None) -> Result:
    """The Solve action: solve (again, if the last solve was stopped) and say so (in
    ``slot``, as :func:`solved`'s progress box, when given)."""
    service = solve_service()
    key = _solve_key(problem, free=False)[0]
    if service.was_stopped(key):
        service.forget(key)
    cached = service.cached(key)
    if cached is not None:
        (st if slot is None else slot).status(
            "Up to date: these inputs were already planned. "
            f"{describe_status(cached, kept_close(problem), problem.settings.weights)}.",
            state="complete" if cached.status.has_plan else "error",
        )
        return cached
    return solved(problem, show_progress=True, slot=slot)


def cached_result(problem: Problem) -> Result | None:
    """The result for ``problem`` if it has been solved, without solving it."""
    key, anchor = _solve_key(problem, free=False)
    if anchor is not None and anchor.key == key:
        return anchor.result
    return solve_service().cached(key)


def current_result() -> Result:
    """The solved plan of the session's current inputs."""
    return solved(current_problem())
