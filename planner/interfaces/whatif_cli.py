"""``planner scenarios sweep`` and ``marginal``: the capacity what-ifs.

- ``sweep SOURCE --target sales --from 0.7 --to 1.3 --steps 7`` solves with a
  department's or team's capacity scaled, point by point.
- ``marginal SOURCE`` gives what more capacity for each team would add to goal attainment.

SOURCE is a data folder (a workbook or a zip too) or a saved scenario; each capacity
level (or team) tried is kept close to a plan (the one in ``--baseline``, a saved
scenario's own, or the current plan: the one the data gets) unless ``--free``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from planner.core import ranges
from planner.core.domain import DEPARTMENTS, Plan, Problem
from planner.core.identifiers import (
    IDENTIFIER_FIX,
    id_key,
    identifier,
    identifier_problem,
    ids_run_together,
    name_key,
)
from planner.core.shared_words import CURRENT_PLAN, department_words
from planner.core.shown_figures import NO_FIGURE, hours, percent, points_between
from planner.core.status_words import status_label
from planner.core.typed_numbers import flag_figure, why_typed_otherwise
from planner.interfaces.cli import (
    EXIT_NO_PLAN,
    EXIT_OK,
    SETTINGS_HELP,
    TIME_LIMIT_HELP,
    interruptibly,
    load,
    with_time_limit,
)
from planner.interfaces.cli_plans import read_baseline
from planner.interfaces.scenario_args import JSON_HELP, Invalid, shown
from planner.interfaces.scenario_database import (
    load_scenario,
    open_store,
)
from planner.scenarios.storage_messages import database_path

if TYPE_CHECKING:
    from planner.scenarios.scenario import Scenario, ScenarioSummary
    from planner.scenarios.whatif import MarginalReport, SweepPoint


#: The most a capacity factor written without '%' may be: twice a team's hours, the top of
#: the app's capacity sliders. `sweep --from 5` was planned at 500 % where 5 % was meant.
_BARE_FACTOR_MOST = ranges.MULTIPLIER_SLIDER.high


def _factor(text: str, accepted: ranges.Range = ranges.MULTIPLIER, *, extra: bool = False) -> float:
    """A capacity factor, ``0.7`` or ``70%``, within the multipliers' range: a sweep's
    points are kept to the 0.1 %, so ``--from 1e-320`` (which read "0 %") is refused.

    A number without '%' that means more than twice a team's hours (``--from 5``, a
    ``--step`` (``extra``) above 1) is almost surely a percentage missing its sign: it is
    refused with both ways to write it, never planned at 500 % or +1,000 %.
    """
    stripped = text.strip()
    percent = stripped.endswith("%")
    number = stripped.removesuffix("%")  # the one sign: '70%%' is no figure
    try:  # as a cell reads it: '0.１０' read as 10 %
        value = float(flag_figure(number, "a capacity factor")) / (100 if percent else 1)
    except ValueError:
        said = why_typed_otherwise(number) or " (e.g. 0.7 or 70%)"
        raise argparse.ArgumentTypeError(f"{text!r} is not a capacity factor{said}") from None
    why = accepted.problem(value, typed=text)
    if why is not None:
        # 70 meant as 70 %: say how to write it (the factor 70 is 7,000 %).
        meant = f" (for {value:g} %, write {value / 100:g} or {text.strip()}%)"
        hint = meant if not percent and 10 < value <= 1000 else ""
        raise argparse.ArgumentTypeError(f"capacity factor {why.rstrip('.')}{hint}")
    if not percent and value > _BARE_FACTOR_MOST - extra:
        raise argparse.ArgumentTypeError(_bare_percentage(text.strip(), value, accepted, extra))
    return value


def _bare_percentage(typed: str, value: float, accepted: ranges.Range, extra: bool) -> str:
    """Why a capacity factor above twice the hours, written without '%', is refused: the
    percentage it reads as, then how to write the share meant and the factor it reads as."""
    sign = "+" if extra else ""
    most = _BARE_FACTOR_MOST - extra
    said = f"{sign}{100 * value:,g} %"
    meant = value / 100
    ways = []
    if accepted.problem(meant) is None and meant > 0:
        ways.append(f"for {sign}{value:g} %, write {meant:g} or {value:g}%")
    ways.append(f"for {said}, write {100 * value:g}%")
    return (
        f"capacity factor {typed!r} reads as {said}, more than {sign}{100 * most:g} %: a "
        f"number written without '%' above {most:g} is taken for a percentage missing its "
        f"sign; {'; '.join(ways)}"
    )


#: ``marginal --step``: added to a team's capacity, so shown as typed ("+0.01 %"), not
#: kept to the 0.1 % a capacity is.
_STEP = replace(ranges.MULTIPLIER, smallest=0.0)
#: The smallest ``--step``: +0.01 %, the step shown. `--step 1e-320` read "what +1e-318 %
#: capacity would do" over a table of "0 h" and "0.0 pts", as if more capacity did nothing.
_SMALLEST_STEP = 0.0001


def _step(text: str) -> float:
    """``marginal --step``: extra capacity, a factor above 0 (0 adds nothing to compare)."""
    value = _factor(text, _STEP, extra=True)
    if value <= 0:
        raise argparse.ArgumentTypeError(
            f"a capacity step of {text.strip()!r} adds nothing; use a step above 0, e.g. 0.1 or 10%"
        )
    if value < _SMALLEST_STEP:
        raise argparse.ArgumentTypeError(
            f"a capacity step of {text.strip()!r} is below 0.0001 (+0.01 %), the smallest step "
            "shown (below it, it adds next to no hours and reads as no change); use a step from "
            "0.0001 to 10, e.g. 0.1 or 10%"
        )
    return value


def _steps(text: str) -> int:
    return int(ranges.SWEEP_STEPS.parse(text))


def _budget(text: str) -> float:
    return float(ranges.SWEEP_BUDGET.parse(text))


def add_whatif_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The ``sweep`` and ``marginal`` sub-commands, added to ``planner scenarios``."""
    swp = sub.add_parser(
        "sweep", help="plan with a department's or team's capacity changed, step by step"
    )
    swp.add_argument("source", metavar="SOURCE", help=SOURCE_HELP)
    swp.add_argument(
        "--target", required=True, type=identifier, help="sales, marketing or a team id"
    )
    swp.add_argument(
        "--from",
        dest="low",
        type=_factor,
        default=0.7,
        help="lowest capacity, as a share of the current plan's: 0.7 = 70 %% (default); or 70%%",
    )
    swp.add_argument(
        "--to",
        dest="high",
        type=_factor,
        default=1.3,
        help="highest capacity, as a share of the current plan's: 1.3 = 130 %% (default); or 130%%",
    )
    swp.add_argument(
        "--steps",
        type=_steps,
        default=7,
        help="capacities planned, from --from to --to (default 7)",
    )
    _solve_options(swp, each="each capacity level", every="every level tried")
    _baseline_options(swp, each="each capacity level")

    marg = sub.add_parser(
        "marginal",
        help="what more capacity for each team (+10 %% unless --step) would add to goal attainment",
    )
    marg.add_argument("source", metavar="SOURCE", help=SOURCE_HELP)
    marg.add_argument(
        "--step",
        type=_step,
        default=0.10,
        help="extra capacity for each team, as a share: 0.1 = +10 %% (default); or 10%%",
    )
    _solve_options(marg, each="each team's added capacity", every="every team tried")
    _baseline_options(marg, each="each team's added capacity")


def _baseline_options(parser: argparse.ArgumentParser, *, each: str) -> None:
    """``--baseline`` / ``--free``; ``each`` names what is planned in the command's words
    ("each capacity level"): "each point" was the solver's."""
    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        "--baseline",
        metavar="PLAN_CSV",
        help=f"keep the plan for {each} close to the plan in this plan.csv (default: the saved "
        "scenario's own plan, or the current plan: the one the data gets, made first)",
    )
    group.add_argument(
        "--free",
        action="store_true",
        help=f"plan {each} afresh, not kept close to the --baseline file's plan, the "
        "saved scenario's own plan or the current plan",
    )


def _solve_options(parser: argparse.ArgumentParser, *, each: str, every: str) -> None:
    """``--settings``, ``--time-limit``, ``--budget`` and ``--json``, with ``each`` and
    ``every`` naming what is planned in the command's words."""
    parser.add_argument("--settings", help=SETTINGS_HELP)
    parser.add_argument(
        "--time-limit",
        type=ranges.TIME_LIMIT.argtype(),
        help=TIME_LIMIT_HELP.replace("to plan", f"to plan {each}"),
    )
    parser.add_argument(
        "--budget",
        type=_budget,
        default=ranges.SWEEP_BUDGET_S,
        help=f"seconds to plan {every} (default {ranges.SWEEP_BUDGET_S:g}, as in the app)",
    )
    parser.add_argument("--json", action="store_true", help=JSON_HELP)


#: What SOURCE takes: the data as every command reads it, or a saved scenario.
SOURCE_HELP = (
    "the data (a folder of CSV files, an .xlsx workbook or a .zip of a folder) or a saved "
    "scenario's name or #id"
)

#: The ends of a data file's or a data zip's name: a SOURCE so named is a path, not a name.
_DATA_SUFFIXES = (".csv", ".xlsx", ".xlsm", ".zip")


def _written_as_a_path(source: str) -> bool:
    """``source`` reads as a path (a slash, a ``~`` or a dot first, or a data file's
    ending), so that a source neither data nor a saved name is told as data: `marginal
    data/sampel` read "No saved scenario is named or numbered 'data/sampel'"."""
    return (
        "/" in source
        or source.startswith(("~", "."))
        or source.lower().endswith(_DATA_SUFFIXES)
        or Path(source).exists()
    )


def _progress(done: int, total: int) -> None:
    if sys.stderr.isatty() or done == total:  # in a log the \r steps ran together
        print(f"\rplanned {done}/{total}", end="" if done < total else "\n", file=sys.stderr)


def _scenario_named(args: argparse.Namespace) -> ScenarioSummary | None:
    """The saved scenario named ``args.source``, if the database exists and has one."""
    from planner.scenarios.storage import ScenarioNotFoundError, StorageError

    try:
        if not Path(args.db or database_path()).is_file():
            return None  # never created for a sweep of a folder
    except OSError:
        return None  # a folder on the way that may not be opened: a sweep of a folder
    try:
        with open_store(args) as store:
            found = store.find(args.source)
    except (StorageError, ScenarioNotFoundError, ValueError):
        return None
    return found if name_key(found.name) == name_key(args.source) else None


def _source_and_plan(
    args: argparse.Namespace, check: Callable[[Problem], None] = lambda _problem: None
) -> tuple[Problem, Plan | None, Scenario | None]:
    """The problem, the current plan each what-if is solved against, and the saved
    scenario when that plan is its own (its status and figures, as ``show`` says them).

    ``--free``: none. ``--baseline``: that plan.csv. A saved scenario: its own
    plan. A data folder: the plan the data gets (one solve, after ``check``).
    """
    from planner.core.workbook import reads_as_workbook

    source = Path(args.source)
    # A workbook or a zip is data too (SPEC: wherever a data folder is read).
    is_data = source.is_dir() or (
        source.is_file() and (reads_as_workbook(source) or source.suffix.lower() == ".zip")
    )
    if is_data and (same := _scenario_named(args)) is not None:
        # Read as the folder, in silence: the leader who meant the scenario got other figures.
        raise Invalid(
            f"'{shown(args.source)}' is both data here and the name of saved scenario "
            f"#{same.scenario_id}. Fix: Write ./{shown(args.source)} for the data, or "
            f"#{same.scenario_id} for the scenario."
        )
    if not is_data and _written_as_a_path(args.source) and _scenario_named(args) is None:
        is_data = True  # no data there and no scenario so named: the data's words say why
    if not is_data:
        with open_store(args) as store:
            scenario = load_scenario(store, args.source)
        check(scenario.problem)
        if args.free:
            return scenario.problem, None, None
        if args.baseline is None:
            return scenario.problem, scenario.plan, scenario
        return scenario.problem, read_baseline(scenario.problem, args.baseline)[0], None
    problem = load(args.source, args.settings)
    check(problem)
    if args.free:
        return problem, None, None
    if args.baseline is not None:
        return problem, read_baseline(problem, args.baseline)[0], None
    from planner.solving.solver import solve

    if not args.json:
        print(f"making {CURRENT_PLAN} first...", file=sys.stderr)
    # A first Ctrl-C here ended the command with 130, SPEC's status for a second one: it
    # stops the solve, and with no point planned yet there is nothing to keep (exit 3).
    made, stopped = interruptibly(
        lambda cancel: solve(with_time_limit(problem, args.time_limit), cancel=cancel)
    )
    if stopped:
        raise _CurrentPlanStopped
    return problem, made.plan, None


class _CurrentPlanStopped(Exception):
    """A first Ctrl-C while the current plan was made, before any point was planned."""


def _current_plan_stopped(args: argparse.Namespace) -> int:
    """Said after :class:`_CurrentPlanStopped`: no point was planned, so none is shown; exit
    3 (no plan), as a first Ctrl-C keeps the best plans so far and there were none. With
    ``--json``, one object as a stopped command gives (``status`` "stopped")."""
    said = (
        f"stopped by the user while making {CURRENT_PLAN}, before any point was planned: "
        "there is nothing to show."
    )
    fix = (
        "Run the command again; give --baseline plan.csv or --free to start on the points "
        "without making the current plan."
    )
    print(f"{said} Fix: {fix}", file=sys.stderr)
    if args.json:
        problem = {"severity": "error", "file": None, "row": None, "column": None}
        print(
            json.dumps(
                {
                    "status": "stopped",
                    "signal": "SIGINT",
                    "exit_code": EXIT_NO_PLAN,
                    "problems": [{**problem, "message": said, "fix": fix}],
                }
            )
        )
    return EXIT_NO_PLAN


def sweep_command(args: argparse.Namespace) -> int:
    """``planner scenarios sweep``: a department's or team's capacity changed step by step
    between its lowest and highest share, each step planned, as a table (or JSON); its exit
    status."""
    from planner.interfaces.scenario_text import print_stopped
    from planner.scenarios.whatif import multipliers_between, sweep

    if args.target.lower() in DEPARTMENTS:
        args.target = args.target.lower()  # 'Sales' as teams.csv reads a department
    try:
        problem, baseline, saved = _source_and_plan(args, lambda p: _check_sweep(args, p))
    except _CurrentPlanStopped:
        return _current_plan_stopped(args)
    factors = multipliers_between(args.low, args.high, args.steps)
    # A first Ctrl-C keeps the points solved so far (it ended the sweep with nothing shown).
    points, stopped = interruptibly(
        lambda cancel: sweep(
            problem,
            args.target,
            factors,
            time_limit_s=args.time_limit,
            budget_s=args.budget,
            progress=None if args.json else _progress,
            baseline=baseline,
            cancel=cancel,
        )
    )
    print_stopped(stopped)
    if args.json:
        _print_sweep_json(problem, baseline, points)
    else:
        _print_sweep_table(problem, baseline, points, _plan_named(args, saved), args.budget)
    return EXIT_OK if any(p.metrics.status.has_plan for p in points) else EXIT_NO_PLAN


def _check_sweep(args: argparse.Namespace, problem: Problem) -> None:
    """The sweep's flags against ``problem``, before the current plan is made: ``--target``
    a department or a team of it, ``--from`` not above ``--to``, the steps in range."""
    from planner.scenarios.whatif import capacity_targets, multipliers_between

    targets = capacity_targets(problem)
    hidden = identifier_problem(args.target, "--target")
    meant = [t for t in targets if name_key(t) == name_key(args.target)]
    if args.target not in targets and hidden is not None:
        fix = f"Retype it as {shown(meant[0])}" if meant else IDENTIFIER_FIX.rstrip(".")
        raise Invalid(f"{hidden} Fix: {fix}.")
    named = [t.team_id for t in problem.teams if id_key(t.name) == id_key(args.target)]
    if args.target not in targets and named and id_key(args.target) not in map(id_key, targets):
        raise Invalid(
            f"--target {shown(repr(args.target))} is the name of the team {shown(named[0])}; "
            f"--target names a team by its id. Fix: Write --target {shown(named[0])}."
        )
    if args.target not in targets and (apart := ids_run_together(args.target, targets)):
        raise Invalid(
            f"--target {shown(repr(args.target))} names {len(apart)} targets written as one "
            f"({', '.join(shown(t) for t in apart)}): a sweep scales one department or one "
            f"team. Fix: Sweep each on its own: "
            f"{', then '.join(f'--target {shown(t)}' for t in apart)}."
        )
    if args.target not in targets:
        alike = [t for t in targets if id_key(t) == id_key(args.target)]  # 'ｓａｌｅｓ'
        fix = (
            f"Did you mean {shown(alike[0])}?"
            if alike
            else (f"Use one of {', '.join(shown(t) for t in targets)}.")
        )
        raise Invalid(
            f"--target {shown(repr(args.target))} is neither a department nor a team "
            f"here. Fix: {fix}"
        )
    if args.low > args.high:
        raise Invalid(f"--from {args.low:g} is above --to {args.high:g}. Fix: Swap them.")
    multipliers_between(args.low, args.high, args.steps)


def _print_sweep_json(
    problem: Problem, baseline: Plan | None, points: Sequence[SweepPoint]
) -> None:
    """The sweep's points as ``--json`` gives them, one object a point."""
    from planner.interfaces.scenario_text import metrics_json

    print(
        json.dumps(
            [
                {
                    "factor": p.factor,
                    "capacity_hours": float(p.in_force_hours),
                    **metrics_json(p.metrics),
                    "goals": p.goals,
                    "carried_from": p.carried_from,
                    "cut_by_budget": p.cut_by_budget,
                    **_changes_json(problem, baseline, p.plan),
                }
                for p in points
            ],
            ensure_ascii=True,
        )
    )


def _print_sweep_table(
    problem: Problem,
    baseline: Plan | None,
    points: Sequence[SweepPoint],
    named: str,
    budget_s: float,
) -> None:
    """The sweep's points as a table, with the changes against ``named`` (the plan each
    point is kept close to) when there is one."""
    from planner.interfaces.scenario_text import count_text, print_table
    from planner.scenarios.metrics import plan_metrics
    from planner.scenarios.relative import change_counts
    from planner.scenarios.whatif import cut_short_line

    against = baseline is not None
    if against:
        print(shown(f"changes: projects of {named} moved to other teams or left out"))
    # The row at 100 % beside that plan's own figure, as the app's.
    in_force = plan_metrics(problem, baseline).attainment_pct if baseline else None
    counts = [
        change_counts(baseline, p.plan, problem) if baseline and p.plan else (None, None)
        for p in points
    ]
    print_table(
        ["capacity", "hours", "outcome", "goal attainment", "left out"]
        + (["changes", "added"] if against else [])
        + ["note"],
        [
            [
                p.capacity_text,
                hours(p.in_force_hours),
                # Not "The best plan found": the budget ended its search (its note says so).
                p.outcome_words,
                percent(p.metrics.attainment_pct),
                count_text(p.metrics.num_unassigned),
                *(_changes(counted) if against else []),
                shown(p.note_beside(in_force, counted[0], counted[1], named)),
            ]
            for p, counted in zip(points, counts, strict=True)
        ],
    )
    if cut := cut_short_line(
        points, f"--budget {budget_s:g} s", "Raise --budget, or try fewer levels (--steps)."
    ):
        print(cut)


def _plan_named(args: argparse.Namespace, saved: Scenario | None) -> str:
    """The plan each point is kept close to, named as what it is: the one in the
    ``--baseline`` file, the saved scenario's own, or the current plan (the one the data
    gets), as the app's sweep names "the current plan"."""
    if args.baseline is not None:
        return f"the plan in {Path(args.baseline).name}"
    if saved is not None and saved.scenario_id is not None:
        # Read here, not at start-up: its module reads the explanations (numpy, OR-Tools).
        from planner.scenarios.labels import saved_scenario_label

        return f"the plan of {saved_scenario_label(saved.scenario_id, saved.name)}"
    return CURRENT_PLAN


def _changes(counted: tuple[int | None, int | None]) -> list[str]:
    """(changes, added) of a point's plan against the current plan (counted once a point,
    :func:`~planner.scenarios.relative.change_counts`, as the app's sweep table), as cells."""
    from planner.interfaces.scenario_text import count_text

    changes, added = counted
    if changes is None or added is None:
        return ["", ""]
    return [count_text(changes), count_text(added)]


def _changes_json(problem: Problem, baseline: Plan | None, plan: Plan | None) -> dict[str, Any]:
    from planner.scenarios.relative import plan_moves

    if baseline is None or plan is None:
        return {"against_plan_in_force": baseline is not None}
    moved, dropped, added = plan_moves(baseline, plan, problem)
    return {
        "against_plan_in_force": True,
        "moved": [m.project_id for m in moved],
        "dropped": [m.project_id for m in dropped],
        "added": [m.project_id for m in added],
    }


def marginal_command(args: argparse.Namespace) -> int:
    """``planner scenarios marginal``: what more capacity for each team would add to goal
    attainment, the teams ranked by it; its exit status."""
    from planner.interfaces.scenario_text import print_stopped
    from planner.scenarios.whatif import marginal_values

    try:
        problem, baseline, saved = _source_and_plan(args)
    except _CurrentPlanStopped:
        return _current_plan_stopped(args)
    # A saved scenario's plan is the base, as saved (kept close to its parent's, say): its
    # status and figures are show's, and the Scenarios page ranks from the current plan.
    # Planned afresh, the base of a kept-close scenario read "Optimal: best possible" and
    # another figure under the same name.
    in_force = None if saved is None or saved.plan is None else saved.result()
    kept_close = None if saved is None else saved.metrics.kept_close
    report, stopped = interruptibly(
        lambda cancel: marginal_values(
            problem,
            args.step,
            base=in_force,
            time_limit_s=args.time_limit,
            budget_s=args.budget,
            progress=None if args.json else _progress,
            baseline=baseline,
            cancel=cancel,
        )
    )
    print_stopped(stopped)
    if args.json:
        _print_marginal_json(report)
        # The exit status the text gives: --json answered 0 for a quarter with no plan.
        return EXIT_OK if report.base.metrics.status.has_plan else EXIT_NO_PLAN
    _print_marginal_table(report, kept_close if in_force is not None else None)
    base = report.base.metrics
    if base.status.has_plan:
        return EXIT_OK
    for reason in base.reasons:  # exit 3 said "No plan meets every rule" and never why
        print(shown(reason), file=sys.stderr)
    return EXIT_NO_PLAN


def _print_marginal_json(report: MarginalReport) -> None:
    """``marginal --json``: the base's figures and each team's gain, one JSON object."""
    from planner.interfaces.scenario_text import metrics_json

    print(
        json.dumps(
            {
                "step": report.step,
                "base": metrics_json(report.base.metrics),
                # The base planned as each team's point is, when the gains are measured
                # from it and not from ``base`` (a plan kept close): null otherwise.
                "measured_from": None
                if report.measured_from is None
                else metrics_json(report.measured_from.metrics),
                "teams": [
                    {
                        "team_id": v.team_id,
                        "department": v.department,
                        "extra_hours": float(v.extra_hours),
                        "gain": v.gain,
                        "gain_per_100_hours": v.gain_per_100_hours,
                        "attainment_gain": v.attainment_gain,
                        "status": v.status.value,
                        "base_plan_kept": v.carried,
                    }
                    for v in report.values
                ],
            },
            ensure_ascii=True,
        )
    )


def _print_marginal_table(report: MarginalReport, kept_close: float | None) -> None:
    """``marginal``'s text: the base's outcome (``kept_close``: a saved plan's, kept close
    to its parent's), then what more capacity for each team would add, best first."""
    from planner.core.shown_figures import share_percent
    from planner.interfaces.next_steps import measured_from_words
    from planner.interfaces.optimizer_score import score
    from planner.interfaces.scenario_text import name_cell, print_table

    base = report.base.metrics
    print(
        f"base: {status_label(base.status.value, kept_close)}, goal attainment "
        f"{percent(base.attainment_pct)}"
    )
    if (measured := measured_from_words(report)) is not None:
        print(measured)
    print(f"what +{share_percent(report.step)} capacity would do, best first:")
    print_table(
        [
            "team",
            "department",
            "extra hours",
            "goal attainment",
            "outcome",
            "score gain (analysts)",
        ],
        [
            [
                name_cell(v.name, v.team_id),
                department_words([v.department]),
                hours(v.extra_hours),
                NO_FIGURE if v.attainment_gain is None else points_between(0, v.attainment_gain),
                f"{status_label(v.status.value)}, base plan kept"
                if v.carried
                else status_label(v.status.value),
                score(v.gain),  # two decimals, as the app's 'Score gain'
            ]
            for v in report.values
        ],
    )
    # The last column in the words solve and show use for the objective (README), marked for
    # analysts as their score's line is: the app keeps it under Advanced.
    print(
        "score gain, for analysts: what the plan's score gains (goal attainment × how much "
        "each goal matters); teams are listed by the goal attainment they add, "
        "then by their score gain"
    )
