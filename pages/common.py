"""Session state shared by every page: the current inputs and their solved plan.

Pages call these helpers and ``planner``'s public functions; nothing here
builds a model or writes SQL.

Solving. A result is cached on the inputs' fingerprint (data tables,
settings and baseline), so the same inputs and settings never solve twice,
in this session or another. Solves run on a small worker pool rather than
in the script thread so that a page can show CP-SAT's progress (objective
and bound) while it works, and so that a rerun in the middle of a solve
re-attaches to it instead of starting it again. A solve that nobody waits
for any more (the user moved a slider on) is stopped and forgotten.
"""

from __future__ import annotations

import concurrent.futures
import hashlib
import io
import os
import threading
import time
import zipfile
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from planner.core.domain import DEPARTMENTS, GOAL_OWNERS, Problem, Result, RuleKind, Status
from planner.core.errors import InputIssue
from planner.core.loading import (
    ESTIMATES,
    GOALS,
    PROJECTS,
    RULES,
    SETTINGS_FILE,
    TEAMS,
    build_problem,
    load_problem,
    problem_to_frames,
    template_frames,
)
from planner.core.settings import Settings
from planner.core.text import markdown_literal
from planner.scenarios.language import input_changes, plan_change
from planner.scenarios.metrics import PlanMetrics, result_metrics
from planner.scenarios.relative import RelativeResult, floor_percent, solve_relative
from planner.scenarios.storage import ScenarioStore, StorageError, database_path
from planner.solving.solver import Progress, ProgressCallback, solve

SAMPLE_DIR = Path(__file__).resolve().parent.parent / "data" / "sample"
#: A data folder (or workbook, or zip) to open on instead of the sample.
DATA_ENV = "PLANNER_DATA"

_PROBLEM = "problem"
_WARNINGS = "warnings"
_SOURCE = "source"
_REVISION = "revision"
_FINGERPRINT = "_fingerprint_memo"
_IN_FORCE = "plan_in_force"
#: Session switch: what-ifs re-plan against the plan in force (True) or from scratch.
RELATIVE = "whatif_relative"

#: Solves shorter than this show no progress box (no flicker on small inputs).
QUIET_SOLVE_S = 0.3
#: How often a waiting page redraws the solver's progress.
POLL_S = 0.05
#: How long a solve nobody waits for lives on (a rerun re-attaches within it).
ABANDON_AFTER_S = 1.0


# ---------------------------------------------------------------------------
# Routing
# ---------------------------------------------------------------------------

APP_DIR = Path(__file__).resolve().parent.parent
#: (file, title, icon) of every page, in the order of the sidebar. A page
#: appears once its file exists (Scenarios and Check-in come from other work).
PAGES: tuple[tuple[str, str, str], ...] = (
    ("pages/overview.py", "Overview", ":material/dashboard:"),
    ("pages/data.py", "Data", ":material/table:"),
    ("pages/constraints.py", "Constraints", ":material/tune:"),
    ("pages/plan.py", "Plan", ":material/assignment:"),
    ("pages/scenarios.py", "Scenarios", ":material/compare_arrows:"),
    ("pages/checkin.py", "Check-in", ":material/event_repeat:"),
    ("pages/export.py", "Export", ":material/download:"),
)
_ROUTED = "_routed_by_app"
_RERAN = "_reran_through_app"


def navigation() -> Any:
    """Set up the app's page config and navigation; the page to run (``st.navigation``)."""
    st.set_page_config(
        page_title="Goal Planner",
        page_icon=":material/flag:",
        layout="wide",
        initial_sidebar_state="expanded",
    )
    pages = [
        st.Page(file, title=title, icon=icon, default=index == 0)
        for index, (file, title, icon) in enumerate(PAGES)
        if (APP_DIR / file).is_file()
    ]
    return st.navigation(pages)


def run_page(page: Any) -> None:
    """Run the page ``navigation`` chose (app.py's job)."""
    st.session_state[_ROUTED] = True
    page.run()


def require_router() -> None:
    """The first call on every page: make sure the app's navigation is in place.

    Until some session has run app.py, Streamlit treats the ``pages/``
    folder as an old-style multipage app and runs a page asked for by URL
    (a bookmark to ``/plan`` on a fresh server) on its own, with every file
    of ``pages/`` in the sidebar. Such a page sets up the app's navigation
    itself and, the first time in a session, runs again through app.py, so
    that its widgets belong to the routed page from the start.
    """
    if st.session_state.pop(_ROUTED, False):
        return
    navigation()
    if not st.session_state.get(_RERAN):
        st.session_state[_RERAN] = True
        st.rerun()


# ---------------------------------------------------------------------------
# The session's inputs
# ---------------------------------------------------------------------------


def _start_dir() -> Path:
    return Path(os.environ.get(DATA_ENV) or SAMPLE_DIR)


@st.cache_data(show_spinner=False)
def _load_sample(folder: str) -> tuple[Problem, tuple[InputIssue, ...]]:
    loaded = load_problem(folder)
    return loaded.problem, loaded.warnings


def current_problem() -> Problem:
    """The inputs this session is planning (the bundled sample at first)."""
    if _PROBLEM not in st.session_state:
        folder = _start_dir()
        problem, warnings = _load_sample(str(folder))
        st.session_state[_PROBLEM] = problem
        st.session_state[_WARNINGS] = warnings
        st.session_state[_SOURCE] = (
            "bundled sample (data/sample)" if folder == SAMPLE_DIR else folder.name
        )
        st.session_state[_REVISION] = 0
    problem: Problem = st.session_state[_PROBLEM]
    return problem


def current_warnings() -> tuple[InputIssue, ...]:
    """Warnings from validating the current inputs."""
    current_problem()
    warnings: tuple[InputIssue, ...] = st.session_state.get(_WARNINGS, ())
    return warnings


def set_problem(problem: Problem, warnings: Iterable[InputIssue] = (), source: str = "") -> None:
    """Replace the session's inputs (already validated) with new ones.

    Every editor and control then starts again from the new inputs: use this
    for an import, an applied data edit or a loaded scenario. A control that
    changes one setting uses :func:`update_problem` instead.
    """
    current_problem()
    st.session_state[_PROBLEM] = problem
    st.session_state[_WARNINGS] = tuple(warnings)
    st.session_state[_REVISION] = revision() + 1
    st.session_state.pop(_IN_FORCE, None)  # new inputs: their first plan is the plan in force
    if source:
        st.session_state[_SOURCE] = source


def update_problem(problem: Problem) -> None:
    """Change the session's inputs from a control that already shows the change."""
    current_problem()
    st.session_state[_PROBLEM] = problem


def revision() -> int:
    """Counts :func:`set_problem` calls; part of every editor's and control's key."""
    current_problem()
    return int(st.session_state.get(_REVISION, 0))


def data_source() -> str:
    """Where the current inputs came from, for captions."""
    current_problem()
    return str(st.session_state.get(_SOURCE, ""))


def fingerprint(problem: Problem) -> str:
    """A stable key for a problem: its tables as CSV, its settings as TOML, its baseline."""
    memo = st.session_state.get(_FINGERPRINT)
    if memo is not None and memo[0] is problem:
        return str(memo[1])
    digest = hashlib.sha256()
    for name, frame in sorted(problem_to_frames(problem).items()):
        digest.update(name.encode())
        digest.update(frame.to_csv(index=False).encode())
    digest.update(problem.settings.to_toml().encode())
    if problem.baseline is not None:
        owners = sorted((k, sorted(v)) for k, v in problem.baseline.owners.items())
        digest.update(repr(owners).encode())
        digest.update(repr(problem.baseline.max_changes).encode())
    key = digest.hexdigest()
    st.session_state[_FINGERPRINT] = (problem, key)
    return key


# ---------------------------------------------------------------------------
# Solving, cached and with progress
# ---------------------------------------------------------------------------


Runner = Callable[[ProgressCallback, threading.Event], "Result | RelativeResult"]
"""A solve to run on the service: (progress, cancel) -> result."""


@dataclass(eq=False)
class _Job:
    """One solve under way on the worker pool."""

    future: concurrent.futures.Future[Result]
    time_limit_s: float
    started: float = field(default_factory=time.perf_counter)
    cancel: threading.Event = field(default_factory=threading.Event)
    progress: Progress | None = None
    waiters: int = 0
    stopped: bool = False
    abandoned: bool = False


class SolveService:
    """Solves problems once per fingerprint and remembers the results.

    One instance serves every session of the app (``st.cache_resource``):
    results are frozen values, so sharing them is safe. ``num_solves``
    counts the solves started, which tests use to prove a cache hit.
    """

    def __init__(self, max_results: int = 64, workers: int = 16) -> None:
        self._lock = threading.Lock()
        self._results: OrderedDict[str, Result] = OrderedDict()
        self._stopped: set[str] = set()
        self._jobs: dict[str, _Job] = {}
        self._relative: dict[str, RelativeResult] = {}
        self._max_results = max_results
        # planner.solving.queue decides how many searches run at once; enough threads here that
        # every solve starts (and its time limit starts counting) as soon as it is asked for.
        self._pool = concurrent.futures.ThreadPoolExecutor(workers, thread_name_prefix="solve")
        self.num_solves = 0

    def cached(self, key: str) -> Result | None:
        """The stored result for ``key``, if any."""
        with self._lock:
            result = self._results.get(key)
            if result is not None:
                self._results.move_to_end(key)
            return result

    def was_stopped(self, key: str) -> bool:
        """Whether the stored result for ``key`` comes from a solve the user stopped."""
        with self._lock:
            return key in self._stopped

    def forget(self, key: str) -> None:
        """Drop the stored result for ``key`` (to solve it again)."""
        with self._lock:
            self._results.pop(key, None)
            self._stopped.discard(key)
            self._relative.pop(key, None)

    def relative(self, key: str) -> RelativeResult | None:
        """The what-if behind the stored result for ``key``, when it was solved as one."""
        with self._lock:
            return self._relative.get(key)

    def attach(self, key: str, problem: Problem, run: Runner | None = None) -> _Job:
        """The solve of ``key`` under way, started now if there is none.

        ``run`` solves (default :func:`~planner.solving.solver.solve`); it may
        return a :class:`RelativeResult`, whose plan becomes the stored result.
        """
        with self._lock:
            job = self._jobs.get(key)
            if job is None:
                job = self._start(key, problem, run)
            job.waiters += 1
            return job

    def release(self, key: str, job: _Job) -> None:
        """A page stops waiting; a solve nobody waits for is stopped soon after."""
        with self._lock:
            job.waiters -= 1
            idle = job.waiters <= 0 and not job.future.done()
        if idle:
            timer = threading.Timer(ABANDON_AFTER_S, self._abandon_if_idle, (key, job))
            timer.daemon = True
            timer.start()

    def stop(self, key: str) -> None:
        """Stop the solve of ``key`` at its next plan and keep the best plan so far."""
        with self._lock:
            job = self._jobs.get(key)
            if job is not None:
                job.stopped = True
                job.cancel.set()

    def _start(self, key: str, problem: Problem, run_solve: Runner | None) -> _Job:
        self.num_solves += 1
        future: concurrent.futures.Future[Result] = concurrent.futures.Future()
        job = _Job(future=future, time_limit_s=problem.settings.solve.time_limit_s)

        def record(progress: Progress) -> None:
            job.progress = progress

        def run() -> None:
            if not future.set_running_or_notify_cancel():
                return
            try:
                if run_solve is None:
                    outcome: Result | RelativeResult = solve(
                        problem, progress=record, cancel=job.cancel
                    )
                else:
                    outcome = run_solve(record, job.cancel)
            except BaseException as exc:  # handed to the waiting page
                self._finish(key, job, None)
                future.set_exception(exc)
            else:
                relative = outcome if isinstance(outcome, RelativeResult) else None
                result = outcome.result if isinstance(outcome, RelativeResult) else outcome
                self._finish(key, job, result, relative)
                future.set_result(result)

        self._jobs[key] = job
        self._pool.submit(run)
        return job

    def _finish(
        self, key: str, job: _Job, result: Result | None, relative: RelativeResult | None = None
    ) -> None:
        with self._lock:
            if self._jobs.get(key) is job:
                del self._jobs[key]
            if job.abandoned or result is None:
                return
            self._results[key] = result
            if relative is not None:
                self._relative[key] = relative
            self._results.move_to_end(key)
            if job.stopped:
                self._stopped.add(key)
            else:
                self._stopped.discard(key)
            while len(self._results) > self._max_results:
                old, _ = self._results.popitem(last=False)
                self._stopped.discard(old)
                self._relative.pop(old, None)

    def _abandon_if_idle(self, key: str, job: _Job) -> None:
        with self._lock:
            if job.waiters > 0 or job.future.done():
                return
            job.abandoned = True
            job.cancel.set()
            job.future.cancel()
            if self._jobs.get(key) is job:
                del self._jobs[key]


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


def plan_in_force() -> PlanInForce | None:
    """The session's plan in force (the first plan of its inputs, or one the leader kept)."""
    found: PlanInForce | None = st.session_state.get(_IN_FORCE)
    return found


def keep_as_plan_in_force(problem: Problem, result: Result) -> None:
    """Make ``result`` (a plan of ``problem``) the plan that later what-ifs start from."""
    if result.plan is not None:
        st.session_state[_IN_FORCE] = PlanInForce(fingerprint(problem), problem, result)


def _same_data(a: Problem, b: Problem) -> bool:
    """Same teams, projects, goals and estimates (settings and pins may differ)."""
    return (
        a.baseline is None
        and b.baseline is None
        and a.teams == b.teams
        and a.projects == b.projects
        and a.goals == b.goals
        and a.estimates == b.estimates
    )


def _anchor(problem: Problem, free: bool) -> PlanInForce | None:
    """The plan in force to re-plan ``problem`` against, if it is a what-if of it."""
    anchor = plan_in_force()
    if free or anchor is None or not st.session_state.get(RELATIVE, True):
        return None
    return anchor if _same_data(anchor.problem, problem) else None


def _solve_key(problem: Problem, free: bool) -> tuple[str, PlanInForce | None]:
    key = fingerprint(problem)
    anchor = _anchor(problem, free)
    if anchor is None or anchor.key == key:
        return key, anchor
    return f"{key}@{anchor.key}", anchor


def relative_result(problem: Problem) -> tuple[RelativeResult, Problem] | None:
    """The what-if behind ``problem``'s plan and the inputs it started from, if solved as one."""
    key, anchor = _solve_key(problem, free=False)
    relative = solve_service().relative(key)
    if relative is None or anchor is None:
        return None
    return relative, anchor.problem


def solved(problem: Problem, *, show_progress: bool = False, free: bool = False) -> Result:
    """The result for ``problem``, solved at most once per distinct inputs.

    When the session has a plan in force and ``problem`` is a what-if of its
    inputs (same data, other settings or pins), the solve re-plans against
    it (:func:`~planner.scenarios.relative.solve_relative`): as good as the
    free re-solve within the tolerance, with the fewest changes. ``free``
    solves from scratch instead. The first plan of a session's inputs
    becomes the plan in force.

    A solve that takes longer than :data:`QUIET_SOLVE_S` (or any solve, with
    ``show_progress``) shows a status box with CP-SAT's best objective and
    bound as they improve, and a button to stop with the best plan so far.
    """
    service = solve_service()
    key, anchor = _solve_key(problem, free)
    if anchor is not None and anchor.key == key:
        return anchor.result
    result = service.cached(key)
    if result is not None:
        _adopt_first(problem, result, free)
        return result
    run: Runner | None = None
    if anchor is not None:
        in_force = anchor.result.plan
        assert in_force is not None

        def run(progress: ProgressCallback, cancel: threading.Event) -> RelativeResult:
            return solve_relative(problem, in_force, progress=progress, cancel=cancel)

    job = service.attach(key, problem, run)
    box = None
    try:
        while True:
            try:
                result = job.future.result(timeout=POLL_S)
                break
            except concurrent.futures.TimeoutError:
                pass
            elapsed = time.perf_counter() - job.started
            if box is None and (show_progress or elapsed >= QUIET_SOLVE_S):
                box = _ProgressBox(key, job)
            if box is not None:
                box.update(elapsed)
    finally:
        service.release(key, job)
    if box is not None:
        box.done(result, keep=show_progress)
    _adopt_first(problem, result, free)
    return result


def _adopt_first(problem: Problem, result: Result, free: bool) -> None:
    """The first plan of the session's inputs becomes the plan in force."""
    if free or plan_in_force() is not None or problem is not st.session_state.get(_PROBLEM):
        return
    keep_as_plan_in_force(problem, result)


def solve_now(problem: Problem) -> Result:
    """The Solve action: solve (again, if the last solve was stopped) and say so."""
    service = solve_service()
    key = _solve_key(problem, free=False)[0]
    if service.was_stopped(key):
        service.forget(key)
    cached = service.cached(key)
    if cached is not None:
        st.status(
            f"Up to date: these inputs were already solved ({describe_status(cached)}).",
            state="complete" if cached.status.has_plan else "error",
        )
        return cached
    return solved(problem, show_progress=True)


def cached_result(problem: Problem) -> Result | None:
    """The result for ``problem`` if it has been solved, without solving it."""
    key, anchor = _solve_key(problem, free=False)
    if anchor is not None and anchor.key == key:
        return anchor.result
    return solve_service().cached(key)


def current_result() -> Result:
    """The solved plan of the session's current inputs."""
    return solved(current_problem())


class _ProgressBox:
    """The status box a page shows while CP-SAT works."""

    def __init__(self, key: str, job: _Job) -> None:
        self._job = job
        self._has_plan = False
        self._shown = ""
        self._slot = st.empty()
        with self._slot.container():
            self._status = st.status("Solving: looking for the best plan…", expanded=True)
            with self._status:
                self._bar = st.progress(0.0)
                self._line = st.empty()
                st.button(
                    "Stop and keep the best plan so far",
                    key=f"stop-{key[:16]}",
                    on_click=solve_service().stop,
                    args=(key,),
                )

    def update(self, elapsed: float) -> None:
        limit = max(self._job.time_limit_s, 1e-9)
        self._bar.progress(
            min(elapsed / limit, 1.0), text=f"{elapsed:.1f} s of at most {limit:g} s"
        )
        progress = self._job.progress
        if progress is None:
            line = "Preparing the model and a quick first plan…"
        elif progress.waiting:
            ahead = f" ({progress.ahead} ahead of this one)" if progress.ahead else ""
            line = f"Waiting for a free solver{ahead}: other plans are being solved…"
        else:
            if not self._has_plan:
                self._has_plan = True
                self._status.update(
                    label="Solving: a plan is ready; looking for a better one…",
                    state="running",
                    expanded=True,
                )
            gap = _gap(progress.objective, progress.bound)
            best = (
                ""
                if progress.bound != progress.bound
                else f", best possible **{progress.bound:,.2f}** (gap {gap:.2%})"
            )
            which = "quick first plan" if progress.first_plan else f"plan {progress.num_solutions}"
            line = f"Best so far ({which}): objective **{progress.objective:,.2f}**{best}"
            if progress.note:
                line = f"{progress.note} {line}"
        if line != self._shown:
            self._shown = line
            self._line.markdown(line)

    def done(self, result: Result, *, keep: bool) -> None:
        """Collapse the box to a one-line summary, or remove it (the page shows the status)."""
        if not keep:
            self._slot.empty()
            return
        self._status.update(
            label=f"Solved: {describe_status(result)}",
            state="complete" if result.status.has_plan else "error",
            expanded=False,
        )


def _gap(objective: float, bound: float) -> float:
    if bound == objective:
        return 0.0
    return abs(bound - objective) / max(abs(bound), 1e-9)


# ---------------------------------------------------------------------------
# Shared rendering
# ---------------------------------------------------------------------------


def describe_status(result: Result) -> str:
    """The result's status in one line: optimal, or feasible with its gap, or why not."""
    seconds = f"{result.runtime_s:.2f} s"
    if result.status == Status.OPTIMAL:
        return f"optimal, the best plan possible (proven in {seconds})"
    if result.status == Status.FEASIBLE:
        gap = f"{result.gap:.1%}" if result.gap is not None else "unknown"
        return f"feasible, within {gap} of the best possible (stopped after {seconds})"
    if result.status == Status.INFEASIBLE:
        return "infeasible: no plan satisfies every rule"
    return f"no plan found within the time limit ({seconds})"


def show_status(result: Result) -> None:
    """The result's status as a coloured banner; reasons when there is no plan."""
    text = f"**Plan status: {describe_status(result)}**"
    if result.status == Status.OPTIMAL:
        st.success(text, icon=":material/check_circle:")
    elif result.status == Status.FEASIBLE:
        st.warning(text, icon=":material/timer:")
    else:
        reasons = "\n".join(f"- {md(reason)}" for reason in result.reasons)
        st.error(f"{text}\n\n{reasons}", icon=":material/block:")


def md(text: str) -> str:
    """User text (names, notes, ids, file names) shown literally wherever Markdown is.

    The one helper for every caption, label, warning and title that shows
    user text: never Markdown, HTML, LaTeX or a Streamlit directive (see
    :func:`planner.core.text.markdown_literal`).
    """
    return markdown_literal(text)


def issues_frame(issues: Iterable[InputIssue]) -> pd.DataFrame:
    """Input problems as a table: file, row, column, what is wrong, how to fix it."""
    return pd.DataFrame(
        [
            {
                "file": i.file,
                "row": i.row,
                "column": i.column or "",
                "problem": i.message,
                "fix": i.fix,
            }
            for i in issues
        ],
        columns=["file", "row", "column", "problem", "fix"],
    ).astype({"row": "Int64"})


def show_issues(
    errors: Iterable[InputIssue],
    warnings: Iterable[InputIssue] = (),
    headline: str = "Nothing was changed.",
) -> None:
    """Errors (which block) and warnings (which do not), each located in its file."""
    errors, warnings = list(errors), list(warnings)
    config = {
        "row": st.column_config.NumberColumn("row", help="As a spreadsheet numbers it"),
        "column": st.column_config.TextColumn("column", width="small"),
        "problem": st.column_config.TextColumn("what is wrong", width="medium"),
        "fix": st.column_config.TextColumn("how to fix it", width="large"),
    }
    if errors:
        found = "1 problem" if len(errors) == 1 else f"{len(errors)} problems"
        st.error(
            f"**{md(headline)}** {found} in the data: fix them and try again. Rows are "
            "numbered as in a spreadsheet (the header is row 1, a table's first row is row 2).",
            icon=":material/error:",
        )
        st.dataframe(issues_frame(errors), hide_index=True, column_config=config)
    if warnings:
        with st.expander(f"{len(warnings)} warning(s): the data was read, but have a look"):
            st.dataframe(issues_frame(warnings), hide_index=True, column_config=config)


# ---------------------------------------------------------------------------
# Editable tables (Data and Constraints pages)
# ---------------------------------------------------------------------------

NUMBER_COLUMNS: dict[str, tuple[str, ...]] = {
    TEAMS: ("capacity_hours",),
    PROJECTS: ("effort_hours", "value", "sales_share"),
    GOALS: ("target", "weight"),
    ESTIMATES: ("effort_hours", "value"),
}
WHOLE_COLUMNS: dict[str, tuple[str, ...]] = {TEAMS: ("max_projects",)}
BOOL_COLUMNS: dict[str, tuple[str, ...]] = {PROJECTS: ("mandatory", "joint")}


def editable_frames(problem: Problem) -> dict[str, pd.DataFrame]:
    """The problem's tables typed for ``st.data_editor``: numbers, whole numbers, booleans.

    ``build_problem`` reads these back (it reads a cell as the text the user
    sees), so an untouched table gives the same problem.
    """
    frames = problem_to_frames(problem)
    for file, frame in frames.items():
        frame = frame.copy()
        for column in NUMBER_COLUMNS.get(file, ()):
            frame[column] = pd.to_numeric(frame[column].replace("", None)).astype("float64")
        for column in WHOLE_COLUMNS.get(file, ()):
            frame[column] = pd.to_numeric(frame[column].replace("", None)).astype("Int64")
        for column in BOOL_COLUMNS.get(file, ()):
            frame[column] = frame[column].map({"true": True, "false": False}).astype("boolean")
        frames[file] = frame
    return frames


def column_config(file: str, problem: Problem) -> dict[str, object]:
    """Editor columns for one data file: pick lists from the current data, bounds, help."""
    stages = list(problem.settings.stages.order)
    goals = [g.goal_id for g in problem.goals]
    projects = [p.project_id for p in problem.projects]
    teams = [t.team_id for t in problem.teams]
    cc = st.column_config
    hours = {"min_value": 0.0, "step": 0.5, "format": "%g"}
    configs: dict[str, dict[str, object]] = {
        TEAMS: {
            "team_id": cc.TextColumn("team_id", required=True, help="Unique id"),
            "name": cc.TextColumn("name", help="Display name (default: the id)"),
            "department": cc.SelectboxColumn("department", options=DEPARTMENTS, required=True),
            "capacity_hours": cc.NumberColumn(
                "capacity_hours", required=True, help="Hours for planned projects", **hours
            ),
            "skills": cc.TextColumn("skills", help="name:level; … with levels 1-5", width="large"),
            "stages": cc.TextColumn("stages", help="; -separated; empty = every allowed stage"),
            "max_projects": cc.NumberColumn("max_projects", min_value=1, step=1, format="%d"),
        },
        PROJECTS: {
            "project_id": cc.TextColumn("project_id", required=True),
            "name": cc.TextColumn("name", width="large"),
            "goal_id": cc.SelectboxColumn("goal_id", options=goals),
            "stage": cc.SelectboxColumn("stage", options=stages, required=True),
            "effort_hours": cc.NumberColumn("effort_hours", required=True, **hours),
            "value": cc.NumberColumn(
                "value", min_value=0.0, format="%g", help="Contribution to the goal's KPI"
            ),
            "value_low": cc.NumberColumn(
                "value_low",
                min_value=0.0,
                format="%g",
                help="Lowest likely contribution (empty = the value: certain)",
            ),
            "value_high": cc.NumberColumn(
                "value_high",
                min_value=0.0,
                format="%g",
                help="Highest likely contribution (empty = the value: certain)",
            ),
            "required_skills": cc.TextColumn("required_skills", help="name:level; …"),
            "mandatory": cc.CheckboxColumn("mandatory", default=False),
            "joint": cc.CheckboxColumn("joint", default=False, help="Needs sales and marketing"),
            "sales_share": cc.NumberColumn(
                "sales_share", min_value=0.001, max_value=0.999, step=0.05, format="%g"
            ),
            "depends_on": cc.TextColumn("depends_on", help="Project ids, ; -separated"),
        },
        GOALS: {
            "goal_id": cc.TextColumn("goal_id", required=True),
            "name": cc.TextColumn("name", width="large"),
            "kpi": cc.TextColumn("kpi", help="The KPI and its unit, e.g. MQLs"),
            "target": cc.NumberColumn("target", required=True, min_value=0.001, format="%g"),
            "owner": cc.SelectboxColumn("owner", options=GOAL_OWNERS, default="shared"),
            "weight": cc.NumberColumn("weight", min_value=0.001, format="%g", default=1.0),
        },
        ESTIMATES: {
            "project_id": cc.SelectboxColumn("project_id", options=projects, required=True),
            "team_id": cc.SelectboxColumn("team_id", options=teams, required=True),
            "effort_hours": cc.NumberColumn("effort_hours", **hours),
            "value": cc.NumberColumn("value", min_value=0.0, format="%g"),
        },
        RULES: {
            "project_id": cc.SelectboxColumn("project_id", options=projects, required=True),
            "team_id": cc.SelectboxColumn("team_id", options=teams, required=True),
            "rule": cc.SelectboxColumn(
                "rule", options=[k.value for k in RuleKind], required=True, default="pin"
            ),
        },
    }
    return configs[file]


def templates_zip() -> bytes:
    """A zip of empty data files (headers only) and the default settings, to fill in."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for file, frame in template_frames().items():
            archive.writestr(file, frame.to_csv(index=False))
        archive.writestr(SETTINGS_FILE, Settings().to_toml())
    return buffer.getvalue()


def rebuilt(
    problem: Problem, frames: dict[str, pd.DataFrame]
) -> tuple[Problem, tuple[InputIssue, ...]]:
    """``problem`` with some data tables replaced, validated; keeps settings and baseline.

    Returns the new problem and the warnings found.

    Raises
    ------
    planner.core.errors.InvalidInputError
        Listing every problem in the new tables.
    """
    tables = problem_to_frames(problem)
    tables.update(frames)
    loaded = build_problem(tables, settings=problem.settings)
    return loaded.problem.replace(baseline=problem.baseline), loaded.warnings


# ---------------------------------------------------------------------------
# Saved scenarios
# ---------------------------------------------------------------------------


@st.cache_resource(show_spinner=False)
def _open_store(path: str) -> ScenarioStore:
    # Keyed on the path so that PLANNER_DB decides, per process and per test.
    # A failed open raises and is not cached: the next rerun tries again.
    return ScenarioStore.open(path)


def scenario_store() -> ScenarioStore | None:
    """The app's scenario database, or ``None`` after showing why it is unavailable."""
    try:
        return _open_store(str(database_path()))
    except StorageError as exc:
        storage_unavailable(exc)
        return None


def storage_unavailable(exc: StorageError) -> None:
    """Say why saved scenarios are unavailable, with a Try again button."""
    st.warning(
        f"**Saved scenarios are unavailable right now.** {md(str(exc))}\n\n"
        "Planning, comparing with the current plan and capacity what-ifs still work.",
        icon=":material/cloud_off:",
    )
    if st.button("Try again", key="scenario-retry"):
        _open_store.clear()
        st.rerun()


# ---------------------------------------------------------------------------
# The plan's headline, its basis and what changed (every page)
# ---------------------------------------------------------------------------

_BASIS = "plan_basis"
_HISTORY = "plan_history"


def set_basis(problem: Problem, label: str) -> None:
    """Record what the plan is built on (bundled data, an upload, a saved scenario).

    Changes made after this are "unsaved changes" until the next save or load.
    """
    st.session_state[_BASIS] = (problem, label)


def basis() -> tuple[Problem, str]:
    """The inputs the session started from, or last loaded or saved, and what they are."""
    problem = current_problem()
    if _BASIS not in st.session_state:
        set_basis(problem, "the bundled sample data")
    found: tuple[Problem, str] = st.session_state[_BASIS]
    return found


def _record(problem: Problem, result: Result) -> tuple[Problem, Result] | None:
    """Remember this plan; the plan shown before it, if the inputs changed since."""
    key = fingerprint(problem)
    history: list[tuple[str, Problem, Result]] = st.session_state.setdefault(_HISTORY, [])
    if not history or history[-1][0] != key:
        history.append((key, problem, result))
        del history[:-2]
    if len(history) < 2:
        return None
    _, before_problem, before_result = history[-2]
    return before_problem, before_result


def show_basis(problem: Problem, result: Result | None = None) -> None:
    """What the plan is built on, its unsaved changes, and what changed since the last plan."""
    base, label = basis()
    changes = input_changes(base, problem) if base is not problem else ()
    saved = "no unsaved changes" if not changes else f"unsaved changes: {'; '.join(changes)}"
    st.caption(f"Built on {md(label)} · {md(saved)}")
    if result is None:
        return
    before = _record(problem, result)
    if before is None:
        return
    change = plan_change(before[0], before[1].plan, problem, result.plan)
    if change.empty:
        return
    st.info(
        "**Since the previous plan:** " + md(" · ".join(change.lines())),
        icon=":material/difference:",
    )


def figures(problem: Problem, result: Result) -> PlanMetrics:
    """The plan's figures, as every page, the CLI and the exports show them."""
    return result_metrics(problem, result)


def _hours(amount: Decimal) -> str:
    return f"{float(amount):,.0f} h"


def show_headline(problem: Problem, result: Result, *, columns: int = 4) -> PlanMetrics:
    """Goal attainment first, then projects and each department's capacity in force."""
    m = figures(problem, result)
    row = st.columns(columns)
    cols = row if columns >= 4 else [*row, *st.columns(columns)]
    cols[0].metric(
        "Goal attainment",
        floor_percent(m.attainment_pct),
        delta=f"{m.num_goals_met} of {len(m.goals)} goals at target" if m.goals else None,
        delta_color="off",
        delta_arrow="off",
        help="Each goal's planned contribution as a % of its target, capped at 100 %, "
        "averaged by how much each goal matters.",
        border=True,
    )
    cols[1].metric(
        "Projects in the plan",
        f"{m.num_planned:,}",
        delta=f"of {m.num_projects:,} · {m.num_left_out:,} left out",
        delta_color="off",
        delta_arrow="off",
        help=m.projects_text()
        + (
            f". All {m.num_mandatory} mandatory projects are in."
            if m.num_mandatory and m.has_plan
            else "."
        ),
        border=True,
    )
    for col, department in zip(cols[2:], ("marketing", "sales"), strict=True):
        d = m.department(department)
        util = d.utilisation_pct
        planned = _hours(d.planned_hours) if util is None else floor_percent(util)
        base = f" · base {_hours(d.base_hours)}" if d.base_hours != d.capacity_hours else ""
        col.metric(
            f"{department.capitalize()} capacity",
            _hours(d.capacity_hours),
            delta=f"{planned} planned{base}",
            delta_color="off",
            delta_arrow="off",
            help=f"Capacity in force: the {d.num_teams} teams' hours after capacity what-ifs "
            f"and max utilisation; {_hours(d.planned_hours)} of it is planned.",
            border=True,
        )
    return m


def show_advanced(result: Result) -> None:
    """The optimizer's own figures (objective, bound, gap, score terms), out of the way."""
    if result.objective is None:
        return
    with st.expander("Advanced: the optimizer's score"):
        bound = f"{result.bound:,.2f}" if result.bound is not None else "unknown"
        gap = f"{result.gap:.2%}" if result.gap is not None else "unknown"
        st.markdown(
            f"Objective **{result.objective:,.2f}** points · best possible {bound} · "
            f"gap {gap} · solved in {result.runtime_s:.2f} s"
        )
        if result.breakdown is not None:
            b = result.breakdown
            st.caption(
                f"Score terms: attainment {float(b.attainment):+,.2f}, value "
                f"{float(b.value):+,.2f}, balance {-float(b.balance):+,.2f}, fit "
                f"{float(b.fit):+,.2f}, stability {-float(b.stability):+,.2f}"
            )
