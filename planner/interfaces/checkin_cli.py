"""``planner checkin`` and ``planner checkin-template``: the quarterly check-in on the command line.

- ``planner checkin-template DATA_DIR --baseline PLAN_CSV --weeks W`` prints
  the check-in TOML that everything-went-to-plan would give at week ``W``:
  a starting point to edit.
- ``planner checkin DATA_DIR --baseline PLAN_CSV --checkin CHECKIN_TOML
  [--max-changes N] [--stability W] [--unlock ID ...] [--out PLAN_CSV] [--json]``
  prints each goal's progress, re-plans the rest of the quarter within the
  change budget, writes the new plan and prints what changed, and why.

Exit status as for ``planner solve``: 0 a plan was written, 2 invalid
input (every problem listed), 3 no plan (with the fewest changes that
would allow one, when a budget was the obstacle).
"""

from __future__ import annotations

import argparse
import json
import sys
from decimal import Decimal, InvalidOperation

from planner.core import ranges
from planner.core.domain import Plan, Problem, Result
from planner.core.errors import InputIssue, InvalidInputError
from planner.core.output import check_output
from planner.core.plan_csv import baseline_issues
from planner.core.text import escaped
from planner.interfaces.cli import (
    EXIT_NO_PLAN,
    EXIT_OK,
    command,
    load,
    read_text,
    solve_interruptibly,
)
from planner.scenarios.checkin import (
    CheckIn,
    checkin_as_planned,
    goal_progress,
)
from planner.scenarios.checkin_toml import checkin_to_toml, parse_checkin
from planner.scenarios.replan import ChangeKind, replan

#: Objective points lost per moved project unless ``--stability`` says otherwise.
DEFAULT_STABILITY = 5.0


def _baseline(path_text: str, problem: Problem) -> Plan:
    """The baseline plan, checked against the data (unknown teams, too many owners)."""
    from planner.core.plan_csv import read_plan_csv

    text, name = read_text(path_text, "baseline plan")
    plan = read_plan_csv(text, name)
    issues = baseline_issues(problem, plan, name)
    if issues:
        raise InvalidInputError(issues)
    return plan


def _weeks(text: str, accepted: ranges.Range = ranges.WEEKS) -> Decimal:
    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of weeks") from None
    why = accepted.problem(float(value)) if value.is_finite() else f"{text!r} is not finite."
    if why is not None:
        raise argparse.ArgumentTypeError(why.rstrip("."))
    return value


def _quarter_weeks(text: str) -> Decimal:
    return _weeks(text, ranges.QUARTER_WEEKS)


def _template_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("data_dir")
    parser.add_argument("--settings", help="settings TOML (default: DATA_DIR/settings.toml)")
    parser.add_argument("--baseline", required=True, help="the plan.csv the teams work to")
    parser.add_argument("--weeks", type=_weeks, required=True, help="weeks of the quarter gone")
    parser.add_argument("--quarter-weeks", type=_quarter_weeks, default=Decimal(13))


@command("checkin-template", "print the check-in TOML of a quarter that went to plan")(
    _template_arguments
)
def _template(args: argparse.Namespace) -> int:
    problem = load(args.data_dir, args.settings)
    if args.weeks > args.quarter_weeks:
        raise InvalidInputError(
            [
                InputIssue(
                    "command line",
                    None,
                    "--weeks",
                    f"{args.weeks} weeks is past the {args.quarter_weeks}-week quarter.",
                    "Give the weeks elapsed so far.",
                )
            ]
        )
    checkin = checkin_as_planned(
        problem, _baseline(args.baseline, problem), args.weeks, args.quarter_weeks
    )
    sys.stdout.write(checkin_to_toml(checkin))
    return EXIT_OK


def _checkin_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("data_dir")
    parser.add_argument("--settings", help="settings TOML (default: DATA_DIR/settings.toml)")
    parser.add_argument("--baseline", required=True, help="the plan.csv the teams work to")
    parser.add_argument("--checkin", required=True, help="the check-in TOML")
    parser.add_argument(
        "--max-changes",
        type=ranges.MAX_CHANGES.argtype(),
        default=None,
        help="at most N baseline projects change owner",
    )
    parser.add_argument(
        "--stability",
        type=ranges.STABILITY.argtype(),
        default=DEFAULT_STABILITY,
        help=f"objective points lost per moved project (default {DEFAULT_STABILITY:g})",
    )
    parser.add_argument(
        "--unlock", nargs="*", default=[], help="in-progress projects that may change team"
    )
    parser.add_argument("--out", default="plan.csv", help="where to write the re-plan")
    parser.add_argument("--json", action="store_true", help="print the result as one JSON object")


@command("checkin", "record a check-in and re-plan the rest of the quarter")(_checkin_arguments)
def _checkin(args: argparse.Namespace) -> int:
    from planner.core.plan_csv import write_plan_csv

    problem = load(args.data_dir, args.settings)
    baseline = _baseline(args.baseline, problem)
    text, name = read_text(args.checkin, "check-in")
    checkin: CheckIn = parse_checkin(text, name)
    interrupted: list[bool] = []

    def solve_checked(rest: Problem) -> Result:
        check_output(args.out)  # before a solve is spent on a path that cannot be written
        result, stopped = solve_interruptibly(rest)
        interrupted.append(stopped)
        return result

    outcome = replan(
        problem,
        baseline,
        checkin,
        max_changes=args.max_changes,
        stability_weight=args.stability,
        unlocked=frozenset(args.unlock),
        solve=solve_checked,
    )
    result, stopped = outcome.result, interrupted[0]
    progress = goal_progress(problem, checkin)
    summary: dict[str, object] = result.summary()
    summary["stopped_by_user"] = stopped
    summary["goals"] = [
        {
            "goal_id": g.goal_id,
            "percent_of_target": round(g.percent_of_target, 2),
            "percent_of_time": round(g.percent_expected, 2),
            "pace": g.pace.value,
        }
        for g in progress
    ]
    if result.plan is None or outcome.diff is None:
        fewest = outcome.fewest_changes
        if fewest is not None:
            summary["fewest_changes"] = fewest
        print(_report(summary, args, []))
        for reason in result.reasons:
            print(escaped(reason), file=sys.stderr)
        if fewest is not None:
            print(
                f"A budget of {args.max_changes} change(s) is too small: the check-in leaves "
                f"work that needs at least {fewest} change(s).",
                file=sys.stderr,
            )
        return EXIT_NO_PLAN
    before, after = outcome.projected_before, outcome.projected_after
    summary["num_changes"] = outcome.num_changes
    summary["max_changes"] = args.max_changes
    summary["plan_csv"] = str(args.out)
    for row in summary["goals"]:  # type: ignore[attr-defined]
        row["projected_before"] = round(before[row["goal_id"]], 2)
        row["projected_after"] = round(after[row["goal_id"]], 2)
    changes = [
        {
            "project_id": c.project_id,
            "change": c.kind.value,
            "before": list(c.before),
            "after": list(c.after),
            "reason": c.reason,
        }
        for c in outcome.diff.changes
        if c.kind is not ChangeKind.KEPT
    ]
    summary["changes"] = changes
    # Formatted before the plan is written, printed after: no plan.csv without its report.
    report = _report(summary, args, changes)
    write_plan_csv(outcome.problem, result.plan, args.out)
    print(report)
    return EXIT_OK


def _report(summary: dict[str, object], args: argparse.Namespace, changes: list[dict]) -> str:
    if args.json:
        return json.dumps(summary)
    lines = ["goal progress (achieved / time elapsed -> projected at quarter end):"]
    for g in summary["goals"]:  # type: ignore[attr-defined]
        line = f"  {escaped(g['goal_id'])}: {g['percent_of_target']:.1f} % / "
        line += f"{g['percent_of_time']:.1f} % {g['pace']}"
        if "projected_after" in g:
            line += f"; {g['projected_before']:.1f} % -> {g['projected_after']:.1f} %"
        lines.append(line)
    lines.append(f"status: {summary['status']}")
    if summary.get("objective") is not None:
        lines.append(f"objective: {summary['objective']:.4f}")
        gap = summary.get("gap")
        lines.append("gap: unknown" if gap is None else f"gap: {100 * gap:.2f} %")  # type: ignore[operator]
    if summary.get("stopped_by_user"):
        lines.append("stopped by the user: best plan so far")
    if "num_changes" in summary:
        budget = summary["max_changes"]
        lines.append(
            f"changes: {summary['num_changes']}"
            + (f" (budget {budget})" if budget is not None else "")
        )
        for c in changes:
            if c["change"] in ("kept", "done"):
                continue
            lines.append(f"  {c['change']} {escaped(c['project_id'])}: {escaped(c['reason'])}")
        lines.append(f"plan written to {escaped(str(summary['plan_csv']))}")
    return "\n".join(lines)
