"""The ``planner`` command line.

Exit status: 0 a plan was written; 2 the input is invalid (every problem on
stderr with file, row and column); 3 no plan (infeasible, explained in
business terms, or none found within the time limit).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from planner.checker import num_changes
from planner.core.domain import Baseline, Plan, Problem, Result
from planner.core.errors import InputIssue, InvalidInputError

if TYPE_CHECKING:
    from planner.scenarios.relative import RelativeResult

EXIT_OK = 0
EXIT_INVALID = 2
EXIT_NO_PLAN = 3

Command = Callable[[argparse.Namespace], int]
#: Extra sub-commands register here: name -> (add_arguments, run).
_EXTRA_COMMANDS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None], Command]] = {}


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


def _print_issues(issues: Sequence[InputIssue]) -> None:
    for issue in issues:
        print(f"{issue.severity.value}: {issue}", file=sys.stderr)


def load(data_dir: str, settings: str | None) -> Problem:
    """Load and validate a data folder; warnings go to stderr."""
    from planner.core.loading import load_problem

    loaded = load_problem(data_dir, settings)
    _print_issues(loaded.warnings)
    return loaded.problem


def _solve(args: argparse.Namespace) -> int:
    from planner.core.plan_csv import write_plan_csv
    from planner.solving.solver import solve

    problem = load(args.data_dir, args.settings)
    if args.time_limit is not None:
        problem = problem.replace(
            settings=replace(
                problem.settings,
                solve=replace(problem.settings.solve, time_limit_s=args.time_limit),
            )
        )
    relative = None
    if args.baseline is not None and args.max_changes is None and args.stability is None:
        # A baseline alone: the best plan within the tolerance that moves the fewest projects.
        from planner.scenarios.relative import DEFAULT_TOLERANCE, solve_relative

        baseline_plan, problem = _baseline_plan(problem, args.baseline)
        tolerance = DEFAULT_TOLERANCE if args.tolerance is None else args.tolerance / 100
        relative = solve_relative(problem, baseline_plan, tolerance=tolerance)
        result = relative.result
        owners = {p: t for p, t in baseline_plan.owners().items() if p in problem.project_index}
        problem = problem.replace(baseline=Baseline(owners))
    else:
        problem = _with_baseline(problem, args)
        result = solve(problem)
    if result.plan is not None:
        write_plan_csv(problem, result.plan, args.out)
    _report(problem, result, args, relative)
    if not result.status.has_plan:
        for reason in result.reasons:
            print(reason, file=sys.stderr)
        return EXIT_NO_PLAN
    return EXIT_OK


def read_text(path_text: str, what: str) -> tuple[str, str]:
    """A UTF-8 file's text (line breaks inside CSV cells kept as written) and its name.

    Raises
    ------
    InvalidInputError
        When the file cannot be read, naming it.
    """
    path = Path(path_text)
    try:
        return path.read_bytes().decode("utf-8-sig"), path.name
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidInputError(
            [InputIssue(path.name, None, None, f"cannot read the {what} ({exc}).", "")]
        ) from None


def _with_baseline(problem: Problem, args: argparse.Namespace) -> Problem:
    """Attach ``--baseline PLAN_CSV`` and ``--max-changes N`` (rule 9) when given."""
    if args.baseline is None:
        if args.max_changes is not None:
            raise InvalidInputError(
                [
                    InputIssue(
                        "command line",
                        None,
                        "--max-changes",
                        "a change budget needs a baseline plan.",
                        "Add --baseline PLAN_CSV.",
                    )
                ]
            )
        return problem
    baseline, problem = _baseline_plan(problem, args.baseline)
    # With a budget or a weight given: the classic re-plan, each move costing ``stability``.
    stability = args.stability
    if stability is None and not problem.settings.weights.stability:
        stability = 1.0
    if stability is not None:
        weights = replace(problem.settings.weights, stability=stability)
        problem = problem.replace(settings=replace(problem.settings, weights=weights))
    return problem.replace(baseline=Baseline(baseline.owners(), args.max_changes))


def _baseline_plan(problem: Problem, path: str) -> tuple[Plan, Problem]:
    """The plan in ``path`` (a plan.csv), warning about projects no longer in the data."""
    from planner.core.plan_csv import read_plan_csv

    text, name = read_text(path, "baseline plan")
    baseline = read_plan_csv(text, name)
    known = set(problem.project_index)
    gone = sorted(set(baseline.owners()) - known)
    if gone:
        shown = ", ".join(gone[:5]) + (" ..." if len(gone) > 5 else "")
        print(
            f"warning: {name}: {len(gone)} baseline project(s) are not in the data "
            f"and are ignored: {shown}",
            file=sys.stderr,
        )
    return baseline, problem


def _report(
    problem: Problem,
    result: Result,
    args: argparse.Namespace,
    relative: RelativeResult | None = None,
) -> None:
    from planner.core.uncertainty import goal_odds, odds_words
    from planner.interfaces.scenario_cli import shown

    summary = result.summary()
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
        if relative is not None:
            moved, dropped, added = relative.free_changes
            summary["tolerance_pct"] = 100 * relative.tolerance
            summary["num_moved"] = len(relative.moved)
            summary["num_dropped"] = len(relative.dropped)
            summary["num_added"] = len(relative.added)
            summary["free"] = {
                "objective": relative.free.objective,
                "num_changes": moved + dropped,
                "num_added": added,
            }
    if args.json:
        print(json.dumps(summary))
        return
    print(f"status: {result.status.value}")
    if result.objective is not None:
        print(f"objective: {result.objective:.4f}")
        print(f"bound: {result.bound:.4f}")
        print(f"gap: {100 * (result.gap or 0):.2f} %")
    print(f"seconds: {result.runtime_s:.2f}")
    if result.plan is not None:
        print(
            f"assigned: {summary['num_assigned']} projects; unassigned: {summary['num_unassigned']}"
        )
        if "num_changes" in summary:
            budget = summary["max_changes"]
            limit = "no budget" if budget is None else f"budget {budget}"
            print(f"changes against the baseline: {summary['num_changes']} ({limit})")
        if relative is not None and relative.free.objective is not None:
            moved, dropped, added = relative.free_changes
            print(
                f"moved {len(relative.moved)}, dropped {len(relative.dropped)}, added "
                f"{len(relative.added)}; the free re-plan (objective "
                f"{relative.free.objective:.4f}, within {100 * relative.tolerance:g} % kept) "
                f"would move {moved}, drop {dropped} and add {added}"
            )
        for g in problem.goals:
            print(f"{shown(g.name)}: {shown(odds_words(g, odds[g.goal_id]))}")
        print(f"plan written to {args.out}")


def _validate(args: argparse.Namespace) -> int:
    problem = load(args.data_dir, args.settings)
    print(
        f"{args.data_dir}: valid: {len(problem.teams)} teams, {len(problem.projects)} projects, "
        f"{len(problem.goals)} goals, {len(problem.estimates)} estimates, "
        f"{len(problem.rules)} rules"
    )
    return EXIT_OK


def _generate(args: argparse.Namespace) -> int:
    from planner.core.generate import generate_folder

    out = generate_folder(args.out_dir, args.teams, args.projects, args.goals, args.seed)
    print(f"wrote {args.teams} teams, {args.projects} projects, {args.goals} goals to {out}")
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every sub-command."""
    parser = argparse.ArgumentParser(
        prog="planner", description="Plan a quarter's projects across sales and marketing teams."
    )
    parser.add_argument(
        "-v", "--verbose", action="count", default=0, help="log more (-vv: solver log)"
    )
    sub = parser.add_subparsers(dest="command", required=True)

    solve = sub.add_parser("solve", help="solve a data folder and write plan.csv")
    solve.add_argument("data_dir")
    solve.add_argument("--settings", help="settings TOML (default: DATA_DIR/settings.toml)")
    solve.add_argument(
        "--out", default="plan.csv", help="where to write the plan (default plan.csv)"
    )
    solve.add_argument("--time-limit", type=_positive_float, help="seconds (overrides settings)")
    solve.add_argument("--json", action="store_true", help="print the result as one JSON object")
    solve.add_argument("--baseline", help="a plan.csv to re-plan against")
    solve.add_argument(
        "--max-changes", type=_non_negative_int, help="at most N projects change owner"
    )
    solve.add_argument(
        "--stability",
        type=_non_negative_float,
        help="instead of --tolerance: a penalty per project moved off the baseline",
    )
    solve.add_argument(
        "--tolerance",
        type=_percent,
        help="with --baseline: percent of the best objective the plan may give up to move "
        "fewer projects (default 0.5)",
    )
    solve.set_defaults(run=_solve)

    validate = sub.add_parser("validate", help="check a data folder and list every problem")
    validate.add_argument("data_dir")
    validate.add_argument("--settings", help="settings TOML (default: DATA_DIR/settings.toml)")
    validate.set_defaults(run=_validate)

    generate = sub.add_parser("generate", help="write a realistic synthetic data folder")
    generate.add_argument("out_dir")
    generate.add_argument("--teams", type=_positive_int, required=True)
    generate.add_argument("--projects", type=_positive_int, required=True)
    generate.add_argument("--goals", type=_positive_int, default=8)
    generate.add_argument("--seed", type=_non_negative_int, default=0)
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
        "planner.interfaces.explain_cli",
        "planner.interfaces.scenario_cli",
        "planner.interfaces.checkin_cli",
    ):
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name != module:
                raise


def _positive_float(text: str) -> float:
    value = float(text)
    if not value > 0:
        raise argparse.ArgumentTypeError(f"{text} is not a positive number")
    return value


def _percent(text: str) -> float:
    value = float(text)
    if not 0 <= value < 100:
        raise argparse.ArgumentTypeError(f"{text} is not a percentage from 0 to under 100")
    return value


def _non_negative_float(text: str) -> float:
    value = float(text)
    if not value >= 0:
        raise argparse.ArgumentTypeError(f"{text} is not a number >= 0")
    return value


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text} is not a positive whole number")
    return value


def _non_negative_int(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text} is not a whole number >= 0")
    return value


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    level = {0: logging.WARNING, 1: logging.INFO}.get(args.verbose, logging.DEBUG)
    logging.basicConfig(
        level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr
    )
    try:
        return int(args.run(args))
    except InvalidInputError as exc:
        _print_issues(exc.issues)
        errors = len(exc.errors)
        print(f"{errors} problem(s) found; nothing was solved or written.", file=sys.stderr)
        return EXIT_INVALID
    except BrokenPipeError:
        # The reader stopped early (``planner scenarios list | head``): not an error.
        # Point stdout at devnull so that Python's exit flush does not fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK


if __name__ == "__main__":
    # Run as ``python -m planner.interfaces.cli``: use the imported module, where the
    # sub-commands of other modules register themselves, not this copy.
    from planner.interfaces.cli import main as planner_main

    sys.exit(planner_main())
