"""The ``planner`` command line.

Exit status: 0 a plan was written; 2 the input is invalid (every problem on
stderr with file, row and column); 3 no plan (infeasible, explained in
business terms, or none found within the time limit).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

from planner.checker import num_changes
from planner.core import ranges
from planner.core.domain import DEPARTMENTS, Plan, Problem, Result
from planner.core.errors import InputIssue, InvalidInputError, grouped_text
from planner.core.named_files import read_named_text
from planner.core.output import OTHER_SPREADSHEETS, check_output, write_atomic
from planner.core.text import amount, escaped, hours, percent
from planner.core.workbook import is_workbook

if TYPE_CHECKING:
    from planner.scenarios.relative import RelativeResult

_T = TypeVar("_T")

EXIT_OK = 0
EXIT_INVALID = 2
EXIT_NO_PLAN = 3
#: Something unforeseen: a bug, reported in one line (never a traceback).
EXIT_BUG = 1
#: Interrupted with a second Ctrl-C, as shells expect (128 + SIGINT).
EXIT_INTERRUPTED = 130

Command = Callable[[argparse.Namespace], int]
#: Extra sub-commands register here: name -> (add_arguments, run).
_EXTRA_COMMANDS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None], Command]] = {}


#: What a data argument may be, as every command's --help says it.
DATA_HELP = "the data: a folder of CSV files, an .xlsx workbook, or a .zip of a folder"
#: A --settings file changes the keys it names; the data's own settings keep the others.
SETTINGS_HELP = "a settings TOML whose keys change the data's settings (e.g. one multiplier)"


def command(
    name: str, help: str
) -> Callable[[Callable[[argparse.ArgumentParser], None]], Callable[[Command], Command]]:
    """Register a sub-command from another module (see ``planner.interfaces.scenario_cli``)."""

    def arguments(add: Callable[[argparse.ArgumentParser], None]) -> Callable[[Command], Command]:
        def register(run: Command) -> Command:
            _EXTRA_COMMANDS[name] = (help, add, run)
            return run

        return register

    return arguments


def issues_json(issues: Sequence[InputIssue]) -> list[dict[str, object]]:
    """Input problems as ``--json`` gives them: where, what and the fix."""
    return [
        {
            "severity": i.severity.value,
            "file": i.file,
            "row": i.row,
            "column": i.column,
            "message": i.message,
            "fix": i.fix,
        }
        for i in issues
    ]


def failed(args: argparse.Namespace, message: str, code: int, status: str) -> int:
    """An error in words on stderr; with ``--json`` also one object on stdout, as a script
    expects (``{"status": status, "problems": [{"message", "fix"}]}``); returns ``code``.
    """
    print(f"error: {escaped(message)}", file=sys.stderr)
    if getattr(args, "json", False):
        text, _, fix = message.partition(" Fix: ")
        print(json.dumps({"status": status, "problems": [{"message": text, "fix": fix}]}))
    return code


def print_issues(issues: Sequence[InputIssue]) -> None:
    """Each problem on stderr, one line per kind of problem in a file (see ``grouped_text``)."""
    for severity, text in grouped_text(issues):
        print(f"{severity.value}: {escaped(text)}", file=sys.stderr)


def load(data_dir: str, settings: str | None) -> Problem:
    """Load and validate a data folder; warnings go to stderr."""
    from planner.core.loading import load_problem

    loaded = load_problem(data_dir, settings)
    print_issues(loaded.warnings)
    return loaded.problem


def _solve(args: argparse.Namespace) -> int:
    from planner.solving.solver import solve

    _check_baseline_flags(args)
    problem = with_time_limit(load(args.data_dir, args.settings), args.time_limit)
    relative: RelativeResult | None = None
    what_changed = ""
    if args.baseline is not None and args.max_changes is None and args.stability is None:
        # A baseline alone: the best plan within the tolerance that moves the fewest projects.
        from planner.scenarios.relative import DEFAULT_TOLERANCE, solve_relative
        from planner.scenarios.replan import with_baseline

        baseline_plan, problem = read_baseline(problem, args.baseline)
        tolerance = DEFAULT_TOLERANCE if args.tolerance is None else args.tolerance / 100
        check_output(args.out, inputs=inputs_of(args))  # before a solve is spent on it
        found, stopped = interruptibly(
            lambda cancel: solve_relative(
                problem, baseline_plan, tolerance=tolerance, cancel=cancel
            )
        )
        relative, result = found, found.result
        what_changed = _what_changed(args, problem, relative)
        problem = with_baseline(problem, baseline_plan)
    else:
        problem = _with_baseline(problem, args)
        check_output(args.out, inputs=inputs_of(args))
        result, stopped = interruptibly(lambda cancel: solve(problem, cancel=cancel))
    summary = _summary(problem, result, args, stopped, relative)
    if relative is not None:
        summary["what_changed"] = what_changed
    # The report is formatted before the plan is written: a report that cannot be
    # printed never leaves a plan.csv behind that the user was not told about.
    text = json.dumps(summary) if args.json else "\n".join(_report_lines(result, summary))
    if result.plan is not None:
        write_plan(problem, result, args.out)
    print(text)
    if not result.status.has_plan:
        for reason in result.reasons:
            print(escaped(reason), file=sys.stderr)
        return EXIT_NO_PLAN
    return EXIT_OK


def write_plan(problem: Problem, result: Result, out: str) -> None:
    """``--out``: plan.csv, or the plan workbook for an ``.xlsx`` name (SPEC "Spreadsheets")."""
    if result.plan is None:
        return
    if is_workbook(out):
        from planner.interfaces.exports import plan_workbook

        write_atomic(out, plan_workbook(problem, result))
    else:
        from planner.core.plan_csv import write_plan_csv

        write_plan_csv(problem, result.plan, out)


def inputs_of(args: argparse.Namespace) -> list[Path]:
    """The files this command reads and must not overwrite with its output.

    The baseline may be replaced: re-planning ``plan.csv`` into ``plan.csv``
    updates the plan in force, and the baseline was read in full first.
    """
    from planner.core.reading import input_paths

    named = [getattr(args, flag, None) for flag in ("checkin", "since")]
    return input_paths(args.data_dir, args.settings) + [Path(p) for p in named if p]


def with_time_limit(problem: Problem, time_limit: float | None) -> Problem:
    """``problem`` with ``--time-limit`` (already range-checked) in its settings, if given."""
    if time_limit is None:
        return problem
    solve_settings = replace(problem.settings.solve, time_limit_s=time_limit)
    return problem.replace(settings=replace(problem.settings, solve=solve_settings))


def solve_interruptibly(problem: Problem) -> tuple[Result, bool]:
    """Solve; a first Ctrl-C stops the search and keeps the best plan so far.

    Returns the result and whether the user stopped it (see :func:`interruptibly`).
    """
    from planner.solving.solver import solve

    return interruptibly(lambda cancel: solve(problem, cancel=cancel))


def interruptibly(run: Callable[[threading.Event], _T]) -> tuple[_T, bool]:
    """``run(cancel)``, with a first Ctrl-C setting ``cancel`` instead of ending the program.

    Returns what ``run`` returned and whether the user stopped it. A second
    Ctrl-C interrupts at once (see :func:`main`).
    """
    cancel = threading.Event()
    if threading.current_thread() is not threading.main_thread():
        return run(cancel), False

    def stop(_signum: int, _frame: object) -> None:
        if cancel.is_set():
            raise KeyboardInterrupt
        cancel.set()
        print("stopping: the best plan so far is kept (Ctrl-C again to quit)", file=sys.stderr)

    previous = signal.signal(signal.SIGINT, stop)
    try:
        value = run(cancel)
    finally:
        signal.signal(signal.SIGINT, previous)
    return value, cancel.is_set()


def read_text(path_text: str, what: str) -> tuple[str, str]:
    """A named file's text and name; see :func:`planner.core.named_files.read_named_text`."""
    return read_named_text(path_text, what)


def _check_baseline_flags(args: argparse.Namespace) -> None:
    """Re-plan flags that would be ignored are refused, never silently dropped.

    ``--max-changes``, ``--stability`` and ``--tolerance`` only mean something
    against a ``--baseline``; ``--tolerance`` is the other way to re-plan than
    a change budget or a stability weight, so it goes with neither.
    """
    given = {
        "--max-changes": (args.max_changes, "a change budget"),
        "--stability": (args.stability, "a stability weight"),
        "--tolerance": (args.tolerance, "a tolerance"),
    }
    issues = []
    for flag, (value, what) in given.items():
        if value is not None and args.baseline is None:
            issues.append(
                InputIssue(
                    "command line",
                    None,
                    flag,
                    f"{what} needs a baseline plan.",
                    f"Add --baseline PLAN_CSV, or leave out {flag}.",
                )
            )
    if args.tolerance is not None and args.baseline is not None:
        for flag in ("--max-changes", "--stability"):
            if given[flag][0] is not None:
                issues.append(
                    InputIssue(
                        "command line",
                        None,
                        "--tolerance",
                        f"--tolerance and {flag} are two ways to re-plan; only one is used.",
                        f"Give --tolerance alone (fewest moves within that share of the "
                        f"best plan), or {flag} without --tolerance.",
                    )
                )
    if issues:
        raise InvalidInputError(issues)


def _with_baseline(problem: Problem, args: argparse.Namespace) -> Problem:
    """Attach ``--baseline PLAN_CSV`` and ``--max-changes N`` (rule 9) when given."""
    from planner.scenarios.replan import with_baseline

    if args.baseline is None:
        return problem
    baseline, problem = read_baseline(problem, args.baseline)
    # With a budget or a weight given: the classic re-plan, each move costing ``stability``.
    stability = args.stability
    if stability is None and not problem.settings.weights.stability:
        stability = 1.0
    return with_baseline(
        problem, baseline, max_changes=args.max_changes, stability_weight=stability
    )


def weekly_load_json(problem: Problem, plan: Plan) -> dict[str, object]:
    """Each team's planned hours and plannable hours per week (week 1 first), rounded to 0.01 h."""
    from planner.core.weeks import week_limits, weekly_load

    load = weekly_load(problem, plan)
    return {
        "num_weeks": problem.num_weeks,
        "first_monday": (
            None
            if problem.settings.calendar.first_monday is None
            else problem.settings.calendar.first_monday.isoformat()
        ),
        "teams": [
            {
                "team_id": t.team_id,
                "load_hours": [round(float(h), 2) for h in load[t.team_id]],
                "limit_hours": [round(float(h), 2) for h in week_limits(problem, t.team_id)],
            }
            for t in problem.teams
        ],
    }


def read_baseline(problem: Problem, path: str) -> tuple[Plan, Problem]:
    """The plan in ``path`` (a plan.csv, or the plan.xlsx ``--out`` wrote), checked against
    the data.

    Teams not in the data and projects with too many owners are errors;
    projects no longer in the data are ignored with a warning.
    """
    from planner.core.plan_csv import baseline_issues, known_projects, read_plan_csv
    from planner.interfaces.exports import baseline_text

    text, name = baseline_text(path)
    baseline = read_plan_csv(text, name)
    issues = baseline_issues(problem, baseline, name)
    if issues:
        raise InvalidInputError(issues)
    baseline, gone = known_projects(problem, baseline)
    if gone:
        shown = ", ".join(gone[:5]) + (" ..." if len(gone) > 5 else "")
        print(
            escaped(
                f"warning: {name}: {len(gone)} baseline project(s) are not in the data "
                f"and are ignored: {shown}"
            ),
            file=sys.stderr,
        )
    return baseline, problem


def _summary(
    problem: Problem,
    result: Result,
    args: argparse.Namespace,
    stopped: bool,
    relative: RelativeResult | None = None,
) -> dict[str, object]:
    from planner.core.uncertainty import goal_odds, odds_words
    from planner.interfaces.exports import left_out_json
    from planner.scenarios.metrics import result_metrics

    figures = result_metrics(problem, result)
    summary = result.summary()
    summary["stopped_by_user"] = stopped
    # The same figures as the app's headline and the exports.
    summary["metrics"] = figures.to_json()
    odds = goal_odds(problem, result.plan) if result.plan is not None else {}
    if result.plan is not None:
        summary["plan_csv"] = str(args.out)
        summary["goals"] = [
            {
                **odds[g.goal_id].as_dict(),
                "name": g.name,
                "kpi": g.kpi,
                "words": odds_words(g, odds[g.goal_id]),
            }
            for g in problem.goals
        ]
        if problem.baseline is not None:
            summary["num_changes"] = num_changes(problem, result.plan)
            summary["max_changes"] = problem.baseline.max_changes
        summary["weeks"] = weekly_load_json(problem, result.plan)
        summary["left_out"] = left_out_json(problem, result.plan)
        if relative is not None:
            moved, dropped, added = relative.free_changes
            summary["tolerance_pct"] = 100 * relative.tolerance
            summary["num_moved"] = len(relative.moved)
            summary["num_dropped"] = len(relative.dropped)
            summary["num_added"] = len(relative.added)
            summary["moved"] = [m.project_id for m in relative.moved]
            summary["dropped"] = [m.project_id for m in relative.dropped]
            summary["added"] = [m.project_id for m in relative.added]
            summary["free"] = {
                "objective": relative.free.objective,
                "num_changes": moved + dropped,
                "num_added": added,
            }
    return summary


def _what_changed(args: argparse.Namespace, problem: Problem, relative: RelativeResult) -> str:
    """The what-if in a leader's words, as the Constraints page says it: "20 % less
    marketing: 5 projects dropped (names), 2 moved, MQLs 68.8 % → 41.5 %".

    The change is read against the data folder's own settings when ``--settings``
    gives others; otherwise it is named by the baseline file.
    """
    from planner.core.loading import load_problem
    from planner.scenarios.relative import change_label
    from planner.scenarios.relative import summary as relative_summary

    before = problem
    if args.settings is not None:
        # The folder's own settings may not be valid: then there is no "before" to name.
        with contextlib.suppress(InvalidInputError):
            before = load_problem(args.data_dir).problem
    label = change_label(before, problem)
    if label == "the change":
        label = f"against {Path(args.baseline).name}"
    return relative_summary(before, problem, relative, label=label)


def result_lines(result: Result) -> list[str]:
    """Status, objective, bound, gap and seconds in words; an unknown gap says so."""
    lines = [f"status: {result.status.value}"]
    if result.objective is not None:
        lines.append(f"objective: {result.objective:.4f}")
        if result.bound is None or result.gap is None:
            lines.append("bound: unknown")
            lines.append("gap: unknown (no bound was proven within the time limit)")
        else:
            lines.append(f"bound: {result.bound:.4f}")
            lines.append(f"gap: {100 * result.gap:.2f} %")
    lines.append(f"seconds: {result.runtime_s:.2f}")
    return lines


def _report_lines(result: Result, summary: dict[str, object]) -> list[str]:
    lines = result_lines(result)
    if result.plan is not None:
        # The leader's figures first; the optimizer's objective, bound and gap after them.
        lines[1:1] = _headline_lines(summary)
    if summary["stopped_by_user"]:
        lines.append("stopped by the user: " + ("best plan so far" if result.plan else "no plan"))
    if result.plan is not None:
        lines.append(
            # The app's words: projects in the plan, projects left out.
            f"in the plan: {summary['num_assigned']} projects; left out: "
            f"{summary['num_unassigned']}"
        )
        if "num_changes" in summary:
            budget = summary["max_changes"]
            limit = "no budget" if budget is None else f"budget {budget}"
            lines.append(f"changes against the baseline: {summary['num_changes']} ({limit})")
        if summary.get("what_changed"):
            lines.append(escaped(str(summary["what_changed"])))
        free = summary.get("free")
        if isinstance(free, dict) and free["objective"] is not None:
            lines.append(
                f"moved {summary['num_moved']}, dropped {summary['num_dropped']}, added "
                f"{summary['num_added']}; a re-plan from scratch (objective "
                f"{free['objective']:.4f}, within {summary['tolerance_pct']:g} % kept) would "
                f"change {free['num_changes']} and add {free['num_added']}"
            )
        lines.append(f"plan written to {escaped(str(summary['plan_csv']))}")
    return lines


def _headline_lines(summary: dict[str, object]) -> list[str]:
    """Goal attainment per goal in its KPI's unit (and its odds), projects, capacity in force.

    Read from the summary's ``metrics`` (:class:`~planner.scenarios.metrics.PlanMetrics`),
    the figures the app and the exports show.
    """
    metrics: dict[str, Any] = summary["metrics"]  # type: ignore[assignment]
    goals: list[dict[str, Any]] = summary.get("goals", [])  # type: ignore[assignment]
    words = {g["goal_id"]: g.get("words", "") for g in goals}
    lines = []
    if metrics["attainment_pct"] is not None:
        lines.append(
            f"goal attainment: {percent(metrics['attainment_pct'])} weighted "
            f"({metrics['num_goals_met']} of {len(metrics['goals'])} goals at target)"
        )
    for g in metrics["goals"]:
        unit = escaped(g["kpi"]) if g["kpi"] else ""
        odds = words.get(g["goal_id"], "")
        chance = f"; {escaped(odds)}" if odds and "no odds" not in odds else ""
        planned = amount(g["planned"], target=g["target"])
        lines.append(
            f"  {escaped(g['name'])}: {planned} of {amount(g['target'], unit)} "
            f"({percent(g['attainment_pct'])}){chance}"
        )
    joint = metrics["num_joint_planned"]
    lines.append(
        f"projects: {metrics['num_planned']} of {metrics['num_projects']} in the plan"
        + (
            f" ({joint} joint, with two owners: {metrics['num_assignment_rows']} assignment rows)"
            if joint
            else ""
        )
    )
    for department in DEPARTMENTS:
        teams = [t for t in metrics["teams"] if t["department"] == department]
        capacity = sum(t["capacity_hours"] for t in teams)
        base = sum(t["base_capacity_hours"] for t in teams)
        planned = sum(t["planned_hours"] for t in teams)
        shown_base = f" (base {hours(base)})" if base != capacity else ""
        util = f" ({percent(100 * planned / capacity)})" if capacity > 0 else ""
        lines.append(
            f"{department} capacity: {hours(capacity)}{shown_base}; planned {hours(planned)}{util}"
        )
    return lines


def _generate(args: argparse.Namespace) -> int:
    from planner.core.generate import generate_folder

    make = partial(
        generate_folder,
        num_teams=args.teams,
        num_projects=args.projects,
        num_goals=args.goals,
        seed=args.seed,
        weeks=args.weeks,
    )
    suffix = Path(args.out_dir).suffix.lower()
    if suffix in OTHER_SPREADSHEETS | {".csv"}:
        # A folder under a file's name: no spreadsheet opens it, the Data page does not take it.
        stem = escaped(Path(args.out_dir).stem)
        raise InvalidInputError(
            [
                InputIssue(
                    f"OUT_DIR {escaped(args.out_dir)}",
                    None,
                    None,
                    f"generate writes a data folder, an .xlsx workbook or a .zip, not {suffix}.",
                    f"Name it {stem}.xlsx for a workbook, {stem}.zip, or {stem} for a folder.",
                )
            ]
        )
    if suffix in (".xlsx", ".zip"):
        # The data as one file, as solve and the app read it (a folder named
        # quarter.xlsx holding CSV files was what this wrote).
        out = _generate_file(Path(args.out_dir), make, force=args.force)
    else:
        out = make(args.out_dir, force=args.force)
    sizes = {"teams": args.teams, "projects": args.projects, "goals": args.goals}
    if args.json:
        print(json.dumps({"status": "written", "path": str(out), **sizes}))
        return EXIT_OK
    print(
        f"wrote {args.teams} teams, {args.projects} projects, {args.goals} goals "
        f"to {escaped(str(out))}"
    )
    return EXIT_OK


def _generate_file(out: Path, make: Callable[..., Path], *, force: bool) -> Path:
    """Generated data written as one .xlsx workbook or .zip of the folder."""
    import tempfile

    from planner.core.loading import load_problem
    from planner.core.workbook import data_workbook
    from planner.core.writing import folder_zip

    check_output(out, "OUT_DIR")
    if out.exists() and not force:
        raise InvalidInputError(
            [
                InputIssue(
                    f"OUT_DIR {escaped(str(out))}",
                    None,
                    None,
                    "already exists; generating would overwrite it.",
                    "Name a new file, or add --force to overwrite.",
                )
            ]
        )
    with tempfile.TemporaryDirectory() as folder:
        problem = load_problem(make(Path(folder) / "data")).problem
    data = data_workbook(problem) if out.suffix.lower() == ".xlsx" else folder_zip(problem)
    return write_atomic(out, data, "OUT_DIR")


class _Parser(argparse.ArgumentParser):
    """argparse, with the user's own words escaped in its error messages."""

    #: The last usage error, for ``--json`` (sub-command parsers are instances too).
    last_error: str | None = None

    def error(self, message: str) -> NoReturn:
        _Parser.last_error = escaped(message)
        super().error(escaped(message))


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every sub-command."""
    parser = _Parser(
        prog="planner", description="Plan a quarter's projects across sales and marketing teams."
    )
    parser.add_argument(
        "-v", "--verbose", action="count", default=0, help="log more (-vv: solver log)"
    )
    sub = parser.add_subparsers(dest="command", required=True)

    solve = sub.add_parser("solve", help="solve a data folder and write plan.csv")
    solve.add_argument("data_dir", help=DATA_HELP)
    solve.add_argument("--settings", help=SETTINGS_HELP)
    solve.add_argument(
        "--out",
        default="plan.csv",
        help="where to write the plan: plan.csv, or a .xlsx workbook (default plan.csv)",
    )
    solve.add_argument(
        "--time-limit", type=ranges.TIME_LIMIT.argtype(), help="seconds (overrides settings)"
    )
    solve.add_argument("--json", action="store_true", help="print the result as one JSON object")
    solve.add_argument("--baseline", help="a plan.csv (or plan.xlsx) to re-plan against")
    solve.add_argument(
        "--max-changes", type=ranges.MAX_CHANGES.argtype(), help="at most N projects change owner"
    )
    solve.add_argument(
        "--stability",
        type=ranges.STABILITY.argtype(),
        help="instead of --tolerance: a penalty per project moved off the baseline",
    )
    solve.add_argument(
        "--tolerance",
        type=ranges.TOLERANCE.argtype(),
        help="with --baseline: percent of the best objective the plan may give up to move "
        "fewer projects (default 0.5)",
    )
    solve.set_defaults(run=_solve)

    generate = sub.add_parser("generate", help="write a realistic synthetic data folder")
    generate.add_argument(
        "out_dir",
        help="the new (or empty) folder to write the CSV files to, or an .xlsx or .zip file name",
    )
    generate.add_argument(
        "--teams",
        type=ranges.GENERATE_TEAMS.argtype(),
        required=True,
        help=f"sales and marketing teams, half each ({ranges.GENERATE_TEAMS.describe()})",
    )
    generate.add_argument(
        "--projects",
        type=ranges.GENERATE_PROJECTS.argtype(),
        required=True,
        help=f"projects over the six funnel stages ({ranges.GENERATE_PROJECTS.describe()})",
    )
    generate.add_argument(
        "--goals",
        type=ranges.GENERATE_GOALS.argtype(),
        default=8,
        help="goals (default 8; 0 plans by value instead, as priority points)",
    )
    generate.add_argument(
        "--seed",
        type=ranges.SEED.argtype(),
        default=0,
        help="the same seed and sizes always write the same data (default 0)",
    )
    generate.add_argument(
        "--force", action="store_true", help="write even where data files already are"
    )
    generate.add_argument(
        "--weeks",
        action="store_true",
        help="add durations, windows, finish-to-start sequences and a calendar per team",
    )
    generate.add_argument("--json", action="store_true", help="print one JSON object")
    generate.set_defaults(run=_generate)

    _load_extra_commands()
    for name, (help_text, add, run) in _EXTRA_COMMANDS.items():
        extra = sub.add_parser(name, help=help_text)
        add(extra)
        extra.set_defaults(run=run)
    return parser


def _load_extra_commands() -> None:
    """Import the modules whose sub-commands register themselves with :func:`command`."""
    import importlib

    for module in (
        "planner.interfaces.validate_cli",
        "planner.interfaces.explain_cli",
        "planner.interfaces.scenario_cli",
        "planner.interfaces.checkin_cli",
    ):
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name != module:
                raise


#: The arguments that name files or folders (names, notes and ids may hold any text).
_PATH_ARGUMENTS = {
    "data_dir": "DATA_DIR",
    "out_dir": "OUT_DIR",
    "out": "--out",
    "settings": "--settings",
    "baseline": "--baseline",
    "checkin": "--checkin",
    "since": "--since",
    "db": "--db",
}


def _refuse_unusable_paths(args: argparse.Namespace) -> None:
    """A path with a NUL in it is named, never passed on to ``open()`` (a ValueError); so is
    an empty file flag (``--db ''``), which would read as the current folder."""
    issues = [
        InputIssue(
            "command line",
            None,
            flag,
            f"{flag} '{escaped(value)}' holds a NUL character, which no file name can hold.",
            f"Give {flag} again without it.",
        )
        for dest, flag in _PATH_ARGUMENTS.items()
        if isinstance(value := getattr(args, dest, None), str) and "\x00" in value
    ]
    for dest in ("settings", "baseline", "checkin", "since", "db", "out", "out_dir"):
        if isinstance(value := getattr(args, dest, None), str) and not value.strip():
            flag = _PATH_ARGUMENTS[dest]
            # An empty OUT_DIR was the current folder: `generate "" --force` wrote into it.
            fix = f"Give {flag} " + (
                "a new folder." if dest == "out_dir" else "the path of a file."
            )
            issues.append(InputIssue("command line", None, flag, f"{flag} is empty.", fix))
    if issues:
        raise InvalidInputError(issues)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status.

    Never a traceback: invalid input and unusable paths are listed (exit 2),
    a second Ctrl-C ends quietly (exit 130), and anything unforeseen is one
    line naming it as a bug (exit 1; ``-vv`` logs the traceback).
    """
    parser = build_parser()
    words = list(sys.argv[1:] if argv is None else argv)
    _Parser.last_error = None
    try:
        args = parser.parse_args(words)
    except SystemExit as exc:
        if exc.code == EXIT_INVALID and "--json" in words and _Parser.last_error is not None:
            usage = InputIssue(
                "command line",
                None,
                None,
                _Parser.last_error + ".",
                "planner COMMAND --help lists the arguments and their ranges.",
            )
            print(json.dumps({"status": "invalid", "problems": issues_json([usage])}))
        raise
    level = {0: logging.WARNING, 1: logging.INFO}.get(args.verbose, logging.DEBUG)
    logging.basicConfig(
        level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr
    )
    try:
        _refuse_unusable_paths(args)
        return int(args.run(args))
    except InvalidInputError as exc:
        print_issues(exc.issues)
        errors = len(exc.errors)
        found = "1 problem" if errors == 1 else f"{errors:,} problems"
        print(f"{found} found; nothing was solved or written.", file=sys.stderr)
        if getattr(args, "json", False):
            # A script reading --json gets one object on stdout here too, not nothing.
            print(json.dumps({"status": "invalid", "problems": issues_json(exc.issues)}))
        return EXIT_INVALID
    except BrokenPipeError:
        # The reader stopped early (``planner scenarios list | head``): not an error.
        # Point stdout at devnull so that Python's exit flush does not fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except KeyboardInterrupt:
        print("interrupted; nothing more was written.", file=sys.stderr)
        return EXIT_INTERRUPTED
    except OSError as exc:
        where = f" {escaped(str(exc.filename))}:" if exc.filename else ""
        print(f"error:{where} {escaped(exc.strerror or str(exc))}.", file=sys.stderr)
        return EXIT_INVALID
    except Exception as exc:
        logging.getLogger(__name__).debug("unexpected error", exc_info=True)
        print(
            f"internal error ({type(exc).__name__}: {escaped(str(exc))}). This is a bug in "
            "Goal Planner: please report it with the command you ran (-vv shows details).",
            file=sys.stderr,
        )
        return EXIT_BUG


if __name__ == "__main__":
    # Run as ``python -m planner.interfaces.cli``: use the imported module, where the
    # sub-commands of other modules register themselves, not this copy.
    from planner.interfaces.cli import main as planner_main

    sys.exit(planner_main())
