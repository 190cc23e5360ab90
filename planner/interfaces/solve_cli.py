"""``planner solve DATA_DIR``: solve a quarter and write the plan, with its report.

The report puts the leader's figures first (goal attainment in each KPI's
unit, projects, capacity in force: the metrics the app and the exports read)
and the optimizer's status, objective, bound and gap after them. With
``--baseline`` it re-plans against a current plan (SPEC rule 9).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
import time
from collections.abc import Callable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from planner.core import ranges
from planner.core.domain import Plan, Problem, Result
from planner.core.errors import InputIssue, InvalidInputError
from planner.core.identifiers import escaped
from planner.core.machine_figures import kept_as_shown, percent_figure
from planner.core.settings import Weights
from planner.core.shared_words import STABILITY_WORDS, plural
from planner.core.shown_figures import (
    amount_shown,
    goal_amount_value,
    goal_row_values,
    percent,
    week_hours,
)
from planner.core.status_words import WEIGHED_GOALS, status_sentence
from planner.interfaces.cli import (
    DATA_HELP,
    EXIT_NO_PLAN,
    EXIT_OK,
    SETTINGS_HELP,
    TIME_LIMIT_HELP,
    built_on,
    command,
    interruptibly,
    load,
    solve_interruptibly,
    with_time_limit,
)
from planner.interfaces.cli_paths import OUTPUT_PLACE
from planner.interfaces.cli_plans import (
    check_plan_output,
    read_baseline,
    warn_replaced_baseline,
    write_plan,
    written_line,
)

if TYPE_CHECKING:
    from planner.core.uncertainty import GoalOdds
    from planner.core.weeks import TeamWeek
    from planner.scenarios.id_renames import Renamed
    from planner.scenarios.relative import RelativeResult


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("data_dir", help=DATA_HELP)
    parser.add_argument("--settings", help=SETTINGS_HELP)
    parser.add_argument(
        "--out",
        default="plan.csv",
        metavar="PLAN_CSV|PLAN_XLSX",
        help="where to write the plan: plan.csv, or a .xlsx workbook (default plan.csv), "
        f"{OUTPUT_PLACE}; a plan there is replaced, and the report says so",
    )
    parser.add_argument("--time-limit", type=ranges.TIME_LIMIT.argtype(), help=TIME_LIMIT_HELP)
    parser.add_argument("--json", action="store_true", help="print the result as one JSON object")
    baseline_arguments(
        parser,
        "a plan.csv (or plan.xlsx) to re-plan against (without it, the quarter is planned afresh)",
    )
    parser.add_argument(
        "--max-changes",
        type=ranges.MAX_CHANGES.argtype(),
        # As checkin's: what counts as a change is what rule 9 counts (moved or left out).
        help="with --baseline, instead of --tolerance: at most N projects of the baseline plan "
        "move to another team or are left out (default: no limit)",
    )
    parser.add_argument(
        "--stability",
        type=ranges.STABILITY.argtype(),
        help="with --baseline, instead of --tolerance: how strongly to keep the baseline: "
        f"{STABILITY_WORDS} (on the sample 5 is about 0.3 pts of the weighted goal "
        "attainment); 0 moves projects freely (default: the settings' [weights] stability, "
        "else 1)",
    )


def baseline_arguments(parser: argparse.ArgumentParser, baseline_help: str) -> None:
    """``--baseline``, ``--baseline-data`` and ``--tolerance``, for ``planner solve`` and
    ``planner explain`` alike: the explanation of a what-if is of the plan
    ``solve --baseline`` writes, kept as close as the same tolerance allows."""
    parser.add_argument("--baseline", help=baseline_help)
    parser.add_argument(
        "--baseline-data",
        help="with --baseline: the data the baseline plan was made on, when DATA_DIR is an "
        "edit of it (a folder, workbook or zip, read with its own settings), as the Data page "
        "re-plans an edit: the figures before are that plan's on that data (without it, on "
        "DATA_DIR's: a goal's new target, a project's new value), and a team or project whose "
        "id alone changed is the same one under its new id",
    )
    parser.add_argument(
        "--tolerance",
        type=ranges.TOLERANCE.argtype(),
        # The Constraints page's "Keep changes small" in its words: "in percent of the
        # planner's ranking score" was the machine's measure.
        help="with --baseline: stay within this percent of a fresh re-plan, "
        f"{WEIGHED_GOALS}, and move or leave out as few projects as that allows (default 0.5 %%)",
    )


@command(
    "solve", "plan the quarter from its data (a folder, a workbook or a zip) and write plan.csv"
)(_arguments)
def _solve(args: argparse.Namespace) -> int:
    check_baseline_flags(args)
    problem = with_time_limit(load(args.data_dir, args.settings), args.time_limit)
    # The report's modules are read before the search, not after it: a search stopped by a
    # Ctrl-C answers at once, while the searches beside it are still winding down (see
    # leave_searches_behind), where reading them then took a second on a loaded machine.

    relative: RelativeResult | None = None
    what_changed, goal_shifts, hours_fall, hours_gain = "", list[str](), list[str](), list[str]()
    if args.baseline is not None and args.max_changes is None and args.stability is None:
        # A baseline alone: the best plan within the tolerance that moves the fewest projects.
        from planner.scenarios.rest_of_quarter import with_baseline

        # The output is checked before a solve is spent on it.
        before, found, stopped = solve_kept_close(args, problem, lambda: check_plan_output(args))
        relative, result = found, found.result
        what_changed, goal_shifts, hours_fall, hours_gain = _what_changed(
            args, before, problem, relative
        )
        problem = with_baseline(problem, relative.in_force)
    else:
        from planner.scenarios.replan import carried_on_if_better

        problem = _with_baseline(problem, args)
        check_plan_output(args)
        started = time.perf_counter()
        result, stopped = solve_interruptibly(problem)
        kept = None if stopped else carried_on_if_better(problem, result, started)
        result = result if kept is None else kept
    from planner.core.uncertainty import goal_odds

    # Once for the report and plan.xlsx: 1.8-1.9 s of CPU at 100 x 5,000 (bench/results.md).
    odds = goal_odds(problem, result.plan) if result.plan is not None else {}
    summary = _summary(problem, result, args, stopped, relative, odds)
    if relative is not None:
        summary["what_changed"] = what_changed
        summary["goal_shifts"] = goal_shifts
        summary["hours_fall"] = hours_fall
        summary["hours_gain"] = hours_gain
    # The report is formatted before the plan is written: a report that cannot be
    # printed never leaves a plan.csv behind that the user was not told about.
    text = (
        json.dumps(summary)
        if args.json
        else "\n".join(
            _report_lines(result, summary, problem.settings.weights, bool(problem.goals))
        )
    )
    if result.plan is not None:
        tolerance = relative.tolerance if relative is not None else None
        write_plan(problem, result, args.out, tolerance, built_on=built_on(args), odds=odds)
    print(text)
    if args.json and result.plan is not None:
        warn_replaced_baseline(str(args.out), args.baseline)
    if not result.status.has_plan:
        for reason in result.reasons:
            print(escaped(reason), file=sys.stderr)
        return EXIT_NO_PLAN
    return EXIT_OK


def solve_kept_close(
    args: argparse.Namespace, problem: Problem, ready: Callable[[], None] | None = None
) -> tuple[Problem, RelativeResult, bool]:
    """``problem`` solved against ``--baseline`` (read on ``--baseline-data`` when given),
    moving as few projects as ``--tolerance`` (default 0.5 %) allows, as the app re-plans a
    what-if against the current plan: the data the plan was made on, the what-if, and
    whether the leader stopped it. ``ready`` runs after the plan is read, before the solve.
    """
    from planner.scenarios.relative import DEFAULT_TOLERANCE, solve_relative

    before = _data_before(args, problem)
    baseline_plan, renamed = _read_baseline(args, problem, before)
    given = getattr(args, "tolerance", None)
    tolerance = DEFAULT_TOLERANCE if given is None else given / 100
    made_on = _made_on(args, problem, before)
    if ready is not None:
        ready()
    found, stopped = interruptibly(
        lambda cancel: solve_relative(
            problem,
            baseline_plan,
            tolerance=tolerance,
            cancel=cancel,
            renamed=renamed,
            before=made_on,
        )
    )
    return before, found, stopped


def _made_on(args: argparse.Namespace, problem: Problem, before: Problem) -> Problem | None:
    """The inputs the ``--baseline`` plan was made on, as far as the command line says:
    ``--baseline-data``, else the data folder with its own settings when ``--settings``
    gives others (the what-if), else not known (``None``). A change that leaves the plan
    as good as it was there moves nothing (:func:`~planner.scenarios.relative.floor_as_before`).
    """
    from planner.core.loading import load_with_warnings

    if before is not problem:
        return before
    if args.settings is None:
        return None
    try:
        return load_with_warnings(args.data_dir).problem
    except InvalidInputError:  # the folder's own settings are not valid: no "before"
        return None


def check_baseline_flags(args: argparse.Namespace) -> None:
    """Re-plan flags that would be ignored are refused, never silently dropped.

    ``--max-changes``, ``--stability`` and ``--tolerance`` only mean something
    against a ``--baseline``; ``--tolerance`` is the other way to re-plan than
    a change budget or a stability weight, so it goes with neither.
    """
    given = {
        # ``planner explain`` takes --baseline, --baseline-data and --tolerance alone.
        "--max-changes": (getattr(args, "max_changes", None), "a change budget"),
        "--stability": (getattr(args, "stability", None), "a stability weight"),
        "--tolerance": (getattr(args, "tolerance", None), "a tolerance"),
        "--baseline-data": (args.baseline_data, "the data a baseline plan was made on"),
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
    if given["--tolerance"][0] is not None and args.baseline is not None:
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
    from planner.scenarios.id_renames import in_new_ids
    from planner.scenarios.rest_of_quarter import with_baseline

    if args.baseline is None:
        return problem
    baseline, renamed = _read_baseline(args, problem, _data_before(args, problem))
    baseline = in_new_ids(baseline, renamed)
    # With a budget or a weight given: the classic re-plan, each move costing ``stability``.
    stability = args.stability
    if stability is None and not problem.settings.weights.stability:
        stability = 1.0
    return with_baseline(
        problem, baseline, max_changes=args.max_changes, stability_weight=stability
    )


def _data_before(args: argparse.Namespace, problem: Problem) -> Problem:
    """The data the ``--baseline`` plan was made on: ``--baseline-data`` (with its own
    settings), else ``problem`` itself, the plan read on the data given (the page's current plan
    is read on the data it was made on: :func:`pages.solving.solved`).

    Another quarter's data (no project in common) is no edit of this one: refused, as the
    Data page plans an upload afresh. The run's ``--time-limit`` applies to both: it read
    "Time limit 10 s → 3 s" as an edit of the data.
    """
    from planner.core.loading import load_with_warnings
    from planner.scenarios.relative import is_edit_of

    if args.baseline_data is None:
        return problem
    try:
        # The run's --time-limit is this run's on both sides, not an edit of the data.
        before = with_time_limit(
            load_with_warnings(args.baseline_data).problem, getattr(args, "time_limit", None)
        )
    except InvalidInputError as error:
        raise InvalidInputError(
            [replace(i, file=f"--baseline-data {i.file}") for i in error.issues]
        ) from None
    if not is_edit_of(problem, before):
        where = escaped(str(args.baseline_data))
        raise InvalidInputError(
            [
                InputIssue(
                    f"--baseline-data {where}",
                    None,
                    None,
                    "it shares no project with the data re-planned: it is other data, not "
                    "an earlier version of this data.",
                    "Give the data the baseline plan was made on, or leave out "
                    "--baseline-data (and --baseline, to plan this data afresh).",
                )
            ]
        )
    return before


def _read_baseline(
    args: argparse.Namespace, problem: Problem, before: Problem
) -> tuple[Plan, Renamed]:
    """The ``--baseline`` plan, read on the data it was made on (``before``), and the
    projects and teams whose id alone changed from ``before`` to ``problem`` (the Data
    page's rule, :func:`~planner.scenarios.id_renames.renamed_ids`), the plan's ids kept."""
    from planner.scenarios.id_renames import renamed_ids

    if before is problem:
        # A team not in the data may be one whose id alone changed: the data before says so.
        plan, _ = read_baseline(problem, args.baseline, renamed_fix=_RENAMED_FIX)
        return plan, ({}, {})
    plan, _ = read_baseline(before, args.baseline)
    return plan, renamed_ids(before, problem)


#: The fix a team or project of the ``--baseline`` plan not in the data adds without
#: --baseline-data.
_RENAMED_FIX = (
    "If its id was changed since the plan was made, give the data the plan was made on "
    "with --baseline-data (the plan is then read under the new id)."
)


def weekly_load_json(problem: Problem, plan: Plan) -> dict[str, object]:
    """Each team's planned hours and plannable hours per week (week 1 first), exact to 6
    decimals as every figure in --json: to 0.01 h, Brand & Comms's 53.846 h a week read
    53.85, a tenth of which is 53.9 h where the app and plan.xlsx say 53.8 h."""
    from planner.core.weeks import team_weeks

    # The (team, week) rows the Plan page and plan.xlsx's Weekly load read: one truth.
    weeks: dict[str, list[TeamWeek]] = {t.team_id: [] for t in problem.teams}
    for week in team_weeks(problem, plan):
        weeks[week.team_id].append(week)
    return {
        "num_weeks": problem.num_weeks,
        "first_monday": (
            None
            if problem.settings.calendar.first_monday is None
            else problem.settings.calendar.first_monday.isoformat()
        ),
        "teams": [
            {
                "team_id": team_id,
                # Six decimals on the side of the tenth the pages show (week_hours).
                "load_hours": [kept_as_shown(w.load, 6, week_hours) for w in rows],
                "limit_hours": [kept_as_shown(w.limit, 6, week_hours) for w in rows],
                # Of the exact hours, as the app and plan.xlsx (none for a week off): from
                # the hours above, 30 h of 61.538462 is 48.7 %, of 61.538461... 48.75 %.
                "utilisation_pct": [
                    None if w.limit == 0 else percent_figure(100 * w.load / w.limit) for w in rows
                ],
            }
            for team_id, rows in weeks.items()
        ],
    }


def _summary(
    problem: Problem,
    result: Result,
    args: argparse.Namespace,
    stopped: bool,
    relative: RelativeResult | None = None,
    odds: Mapping[str, GoalOdds] | None = None,
) -> dict[str, object]:
    from planner.checker import num_changes
    from planner.core.uncertainty import goal_odds, odds_json, odds_words
    from planner.interfaces.exports import left_out_json
    from planner.scenarios.free_replan_words import (
        free_replan_line,
        same_plan_runs,
        same_plan_words,
    )
    from planner.scenarios.metrics import result_metrics
    from planner.scenarios.why_a_decimal import decimals_words

    figures = result_metrics(problem, result)
    summary = result.summary()
    summary["stopped_by_user"] = stopped
    # The same figures as the app's headline and the exports.
    summary["metrics"] = figures.to_json()
    if odds is None:
        odds = goal_odds(problem, result.plan) if result.plan is not None else {}
    if result.plan is not None:
        summary["plan_csv"] = str(args.out)
        if args.baseline is not None:
            summary["baseline_csv"] = str(args.baseline)
        if args.baseline_data is not None:
            summary["baseline_data"] = str(args.baseline_data)
        summary["goals"] = [
            {
                **odds_json(odds[g.goal_id], odds_words(g, odds[g.goal_id])),
                "name": g.name,
                "kpi": g.kpi,
            }
            for g in problem.goals
        ]
        if problem.baseline is not None:
            summary["num_changes"] = num_changes(problem, result.plan)
            summary["max_changes"] = problem.baseline.max_changes
        summary["weeks"] = weekly_load_json(problem, result.plan)
        summary["left_out"] = left_out_json(problem, result.plan)
        # A goal of whole units read with a decimal says why, as the Overview and plan.xlsx.
        if (why := decimals_words(problem, result.plan, figures.goals)) is not None:
            summary["why_a_decimal"] = why
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
                # The sentence the text prints (_report_lines), the same one.
                "words": free_replan_line(problem, relative),
                # A re-plan from scratch that offers nothing this plan lacks (as
                # pages/what_if.py tells it): its sentence, "would move 0, drop 0 and add
                # 0", is not said; what is the same (and which weeks are not) is.
                "same_plan": relative.free_gives_this_plan,
                "same_plan_words": same_plan_words(problem, relative),
                # The projects that sentence names: other weeks than this plan's, the plan
                # kept. num_rescheduled is the re-plan's against the current plan, as
                # num_changes, num_added and words count it (SPEC: what-ifs).
                "same_plan_num_rescheduled": len(same_plan_runs(problem, relative)),
                "num_rescheduled": relative.free_rescheduled,
            }
    return summary


def _what_changed(
    args: argparse.Namespace, before: Problem, problem: Problem, relative: RelativeResult
) -> tuple[str, list[str], list[str], list[str]]:
    """The what-if in a leader's words, as the Constraints page says it: "20 % less
    marketing: 5 projects dropped (names), 2 moved, MQLs 68.8 % → 41.5 %", which goals
    it raises and lowers in their own units, and why a department's planned hours fall
    by more than its capacity did, or where added capacity went (the page's lines below
    its summary).

    ``before`` is the data the plan was made on (``--baseline-data``), as the Data page
    reads an edit. Without it, the change is read against the data folder's own settings
    when ``--settings`` gives others; otherwise it is named by the baseline file.
    """
    from planner.core.loading import load_with_warnings
    from planner.scenarios.relative_words import (
        change_label,
        goal_shift_words,
        hours_fall_words,
        hours_gain_words,
    )
    from planner.scenarios.relative_words import summary as relative_summary

    if before is problem and args.settings is not None:
        # The folder's own settings may not be valid: then there is no "before" to name.
        with contextlib.suppress(InvalidInputError):
            before = load_with_warnings(args.data_dir).problem
    label = change_label(before, problem)
    if label == "the change":
        label = f"against {Path(args.baseline).name}"
    return (
        relative_summary(before, problem, relative, label=label),
        goal_shift_words(before, problem, relative),
        hours_fall_words(before, problem, relative),
        hours_gain_words(before, problem, relative),
    )


def result_lines(result: Result, weights: Weights | None = None) -> list[str]:
    """The status line, with its seconds and how far short of the best possible a plan found
    may be, as the app's status line says them (a plan proven best: "The best plan possible
    for these inputs (planned in 0.13 s)"). A bare "gap: 0.00 %" under goal attainment read
    as a shortfall of the plan to a leader; "seconds: 0.13" said the seconds another way.
    The score and its bound close the report, for analysts (:func:`_report_lines`).
    """
    said = status_sentence(
        result.status.value,
        result.runtime_s,
        result.gap,
        weights=weights,
        time_limit_s=result.time_limit_s,
    )
    return [f"status: {said}"]


def _report_lines(
    result: Result, summary: dict[str, object], weights: Weights | None = None, goals: bool = True
) -> list[str]:
    from planner.interfaces.optimizer_score import analysts_line

    lines = result_lines(result, weights)
    tolerance = summary.get("tolerance_pct")
    kept_close = isinstance(tolerance, float) and result.status.value == "feasible"
    if kept_close and isinstance(tolerance, float):
        # A what-if kept close on purpose reads as the Constraints page's banner says it,
        # not as a plan the clock stopped short ("The best plan found").
        kept = status_sentence(
            result.status.value, result.runtime_s, result.gap, tolerance / 100, weights
        )
        lines[0] = f"status: {kept}"
    if result.plan is not None:
        lines += _headline_lines(summary)
    if summary["stopped_by_user"]:
        lines.append("stopped by the user: " + ("best plan so far" if result.plan else "no plan"))
    if result.plan is not None:
        assigned = summary["num_assigned"]
        lines.append(
            # The app's words: projects in the plan, projects left out.
            f"in the plan: {plural(assigned, 'project') if isinstance(assigned, int) else assigned}"
            "; left out: "
            f"{summary['num_unassigned']}"
        )
        if "num_changes" in summary:
            budget = summary["max_changes"]
            limit = (
                "any number: no --max-changes given" if budget is None else f"at most {budget:,}"
            )
            lines.append(
                # What rule 9 and --max-changes count: added projects do not.
                f"changes against the baseline: {summary['num_changes']} moved or left out "
                f"({limit})"
            )
        if summary.get("what_changed"):
            lines.append(escaped(str(summary["what_changed"])))
        for key in ("goal_shifts", "hours_fall", "hours_gain"):  # as the Constraints page says them
            said = summary.get(key)
            if isinstance(said, list):
                lines += [escaped(str(line)) for line in said]
        free = summary.get("free")
        if isinstance(free, dict) and (
            not free["same_plan"]
            or summary.get("num_changes")
            or summary.get("num_added")
            or free["num_rescheduled"]
            or free["same_plan_num_rescheduled"]
        ):
            # The Constraints page's sentence (goal attainment, not the optimizer's points),
            # or, offering nothing this plan lacks, the one it says beside "Keep this plan";
            # that one with no change at all (in weeks, none either, against the current plan
            # or this one) is left out: "no project changes" above has said it.
            lines.append(escaped(str(free["words"])))
        baseline = summary.get("baseline_csv")
        lines.append(written_line(str(summary["plan_csv"]), str(baseline) if baseline else None))
    # The optimizer's score and its bound (SPEC's objective and bound) last, marked for
    # analysts: between capacity and projects a leader read them as figures of the plan.
    # Kept close, the status line gives the tolerance: the distance to the best is said here.
    score = analysts_line(
        result.objective,
        result.bound,
        weights,
        gap=result.gap if kept_close else None,
        goals=goals,
    )
    return lines if score is None else [*lines, score]


def _headline_lines(summary: dict[str, object]) -> list[str]:
    """Goal attainment per goal in its KPI's unit (and its odds), projects, capacity in force.

    Read from the summary's ``metrics`` (:class:`~planner.scenarios.metrics.PlanMetrics`),
    the figures the app and the exports show.
    """
    from planner.interfaces.scenario_text import department_line
    from planner.scenarios.why_a_decimal import WHY_A_DECIMAL

    metrics: dict[str, Any] = summary["metrics"]  # type: ignore[assignment]
    goals: list[dict[str, Any]] = summary.get("goals", [])  # type: ignore[assignment]
    # With no range of impact anywhere the odds only say the figures again ("plans 993 of
    # 944 MQLs: certain to reach it"): left out, as plan.xlsx leaves them out.
    uncertain = any(g.get("uncertain") for g in goals)
    words = {g["goal_id"]: g.get("words", "") for g in goals if uncertain}
    lines = []
    if metrics["attainment_pct"] is not None:
        lines.append(
            f"goal attainment: {percent(metrics['attainment_pct'])} weighted "
            f"({metrics['num_goals_met']} of {plural(len(metrics['goals']), 'goal')} at target)"
        )
    for g in metrics["goals"]:
        unit = escaped(g["kpi"]) if g["kpi"] else ""
        odds = words.get(g["goal_id"], "")
        chance = f"; {escaped(odds)}" if odds and "no odds" not in odds else ""
        planned = goal_amount_value(g["planned"], g["target"])
        # The target at the planned figure's precision, as the Overview's row and the Goals
        # sheet give it: 274.5 of 311.1 SQLs read "274.5 of 311" here.
        target = goal_row_values(g["target"], planned)[0]
        lines.append(
            f"  {escaped(g['name'])}: {amount_shown(planned)} of {amount_shown(target, unit)} "
            f"({percent(g['attainment_pct'])}){chance}"
        )
    if why := summary.get("why_a_decimal"):
        lines.append(f"  {WHY_A_DECIMAL}: {escaped(str(why))}")
    joint = metrics["num_joint_planned"]
    lines.append(
        f"projects: {metrics['num_planned']} of {metrics['num_projects']} in the plan"
        + (
            f" ({joint} joint, with two owners: {metrics['num_assignment_rows']} assignment rows)"
            if joint
            else ""
        )
    )
    # Marketing first, as the app's cards; each department's hours are its teams' as shown.
    for d in metrics["departments"]:
        lines.append(
            department_line(
                d["department"],
                d["capacity_hours_shown"],
                d["base_capacity_hours_shown"],
                d["planned_hours_shown"],
                d["utilisation_pct"],
            )
        )
    return lines
