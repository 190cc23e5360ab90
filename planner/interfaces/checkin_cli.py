"""``planner checkin`` and ``planner checkin-template``: the quarterly check-in on the command line.

- ``planner checkin-template DATA_DIR --baseline PLAN_CSV --weeks W [--since CHECKIN_TOML]``
  prints the check-in TOML that everything-went-to-plan would give at week
  ``W``: what the plan's own projects would have delivered and spent by
  then. A starting point to edit. It lives in
  :mod:`planner.interfaces.checkin_template_cli`, imported here so that importing this
  module registers both commands; what both read from the command line (the baseline,
  the weeks, ``--since``, ``--unlock``) is :mod:`planner.interfaces.checkin_inputs`.
- ``planner checkin DATA_DIR --baseline PLAN_CSV --checkin CHECKIN_TOML
  [--since CHECKIN_TOML] [--max-changes N] [--stability W] [--unlock ID ...]
  [--out PLAN_CSV|PLAN_XLSX] [--json]`` prints each goal's progress against its plan,
  re-plans the rest of the quarter within the change budget, writes the new
  plan (a workbook for a name ending .xlsx) and prints each goal's quarter-end
  forecast, the changes (owners moved, projects taken out of the plan) and, apart,
  the work added, and why.

A second check-in in a quarter is made against the quarter's own data
(``DATA_DIR``: full capacities and targets, so capacity is cut once, by the
hours used so far), with the re-plan's ``plan.csv`` as ``--baseline`` and the
first check-in as ``--since``: its done work stays done and the re-plan's
projects run from it to the end of the quarter. Teams that kept the quarter's
own plan give that plan as ``--baseline``: what it had done by the first
check-in is in that check-in, and only its weeks after it count again.

Exit status as for ``planner solve``: 0 a plan was written, 2 invalid
input (every problem listed), 3 no plan (with the fewest changes that
would allow one, when a budget was the obstacle).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Iterable, Mapping
from decimal import Decimal
from fractions import Fraction
from functools import partial
from typing import TYPE_CHECKING, Any

from planner.core import ranges
from planner.core.domain import Plan, Problem, Result
from planner.core.errors import InputIssue, InvalidInputError
from planner.core.identifiers import escaped, identifier
from planner.core.machine_figures import chance_figure
from planner.core.shared_words import STABILITY_WORDS
from planner.interfaces import checkin_template_cli  # noqa: F401  (registers checkin-template)
from planner.interfaces.checkin_inputs import (
    add_since_argument,
    check_unlocked,
    checkin_baseline,
    earlier_checkin,
    hours_past_capacity,
    named_issues,
)
from planner.interfaces.checkin_report import (
    forecast_json,
    goals_json,
    project_name,
    report,
    rounded,
    rounded_or_none,
)
from planner.interfaces.cli import (
    DATA_HELP,
    EXIT_NO_PLAN,
    EXIT_OK,
    SETTINGS_HELP,
    TIME_LIMIT_HELP,
    built_on,
    command,
    load,
    print_issues,
    solve_interruptibly,
    with_time_limit,
)
from planner.interfaces.cli_parser import Parser
from planner.interfaces.cli_paths import OUTPUT_PLACE
from planner.interfaces.cli_plans import check_plan_output, warn_replaced_baseline, write_plan
from planner.scenarios.checkin import CheckIn, ProjectStatus
from planner.scenarios.checkin_goals import (
    GoalProgress,
    goal_progress,
    pace_words,
    quarter_attainment,
    quarter_forecast,
)
from planner.scenarios.checkin_issues import checkin_issues
from planner.scenarios.checkin_replan import ReplanWith

if TYPE_CHECKING:
    from planner.scenarios.replan import Replan
    from planner.scenarios.replan_diff import ChangeKind

#: Objective points lost per moved project unless ``--stability`` says otherwise.
DEFAULT_STABILITY = 5.0


def _checkin_arguments(parser: argparse.ArgumentParser) -> None:
    # Not required to argparse: `--unlock A B data/` takes the data as an id, and argparse
    # then said "required: data_dir" of a folder that was given (see _data_after_unlock).
    parser.add_argument("data_dir", nargs="?", metavar="DATA_DIR", help=DATA_HELP)
    parser.usage = (
        "%(prog)s [-h] DATA_DIR --baseline PLAN_CSV --checkin CHECKIN_TOML\n"
        "         [--since CHECKIN_TOML] [--settings FILE] [--time-limit S] [--max-changes N]\n"
        "         [--stability W] [--unlock ID ...] [--out PLAN_CSV|PLAN_XLSX] [--json]"
    )
    if isinstance(parser, Parser):
        parser.needs = (
            "; a check-in needs the data folder, the plan the teams work to and the "
            "check-in file, e.g. planner checkin data/sample --baseline plan.csv --checkin "
            "checkin.toml (planner checkin-template DATA_DIR --baseline PLAN_CSV --weeks "
            "WEEKS writes one)"
        )
    # The list below names each argument as that usage line does.
    parser.add_argument("--settings", metavar="FILE", help=SETTINGS_HELP)
    parser.add_argument(
        "--time-limit",
        type=ranges.TIME_LIMIT.argtype(),
        metavar="S",
        help=TIME_LIMIT_HELP,
    )
    parser.add_argument(
        "--baseline",
        required=True,
        metavar="PLAN_CSV",
        help="the plan.csv (or plan.xlsx) the teams work to",
    )
    parser.add_argument(
        "--checkin", required=True, metavar="CHECKIN_TOML", help="the check-in TOML"
    )
    add_since_argument(parser)
    parser.add_argument(
        "--max-changes",
        type=ranges.MAX_CHANGES.argtype(),
        default=None,
        metavar="N",
        # "baseline projects" was the planner's word for the plan the check-in is on.
        help="at most N projects of the plan you checked in on (--baseline) move to "
        "another team or are left out (default: the check-in file's [replan] max_changes, "
        "else no limit)",
    )
    parser.add_argument(
        "--stability",
        type=ranges.STABILITY.argtype(),
        default=None,  # None: the check-in file's [replan] stability, else DEFAULT_STABILITY
        metavar="W",
        # In the Check-in page's words ("How strongly to keep the plan"): "the planner's
        # ranking score points" was the machine's measure, not a leader's.
        help=f"how strongly to keep the plan: {STABILITY_WORDS} (on the sample 5 is about "
        "0.3 pts of the weighted goal attainment; the report says what it is on your data); "
        f"0 moves projects freely (default: the check-in file's, else {DEFAULT_STABILITY:g})",
    )
    parser.add_argument(
        "--unlock",
        nargs="*",
        action="extend",  # --unlock A --unlock B unlocks both (store kept only B)
        default=None,  # None: not given; [] given with no id, which is refused
        metavar="ID",
        # Read as typed: the last word may be the data folder (_data_after_unlock); the ids
        # are trimmed and NFC-normalised after, as in the data.
        # As the Check-in page's "May move" says before the re-plan: one let move may also
        # be left out, its work left then counting nothing.
        help="in-progress projects that may change team, or be left out of the re-plan when "
        "their hours do more for the goals elsewhere (several after one --unlock, or "
        "--unlock once per project; DATA_DIR goes before it; default: the check-in file's "
        "[replan] unlock, else none: each project in progress keeps its team)",
    )
    parser.add_argument(
        "--out",
        default="plan.csv",
        metavar="PLAN_CSV|PLAN_XLSX",
        help=f"the re-plan: plan.csv or a .xlsx (default plan.csv), {OUTPUT_PLACE}; a plan "
        "there is replaced, and the report says so (the --baseline too, when it is the same "
        "file)",
    )
    parser.add_argument("--json", action="store_true", help="print the result as one JSON object")


@command("checkin", "record a check-in and re-plan the rest of the quarter")(_checkin_arguments)
def _checkin(args: argparse.Namespace) -> int:
    from planner.interfaces.replan_exports import replan_workbook, rest_of_quarter_csv_text
    from planner.scenarios.checkin_words import (
        done_before_window_lines,
        keep_the_plan_words,
        late_work_lines,
    )
    from planner.scenarios.on_plan import achieved_by_goal, kpi_left_at_pre_fill, on_plan
    from planner.scenarios.rest_of_quarter import under_quarter_goals

    _data_after_unlock(args)
    problem = with_time_limit(load(args.data_dir, args.settings), args.time_limit)
    baseline = checkin_baseline(args.baseline, problem, args.since)
    checkin, name, since = _read_checkin(args, problem, baseline)
    # The inputs are read and checked: the time limit counts from here, as a solve's does
    # once its data is loaded. What the plan had delivered by now took 0.8-2.2 s at 100
    # teams x 5,000 projects in weeks (load 7-11) before the re-plan's clock started.
    asked = time.perf_counter()
    found = on_plan(problem, baseline, checkin.weeks_elapsed, checkin.quarter_weeks, since=since)
    # A count written as the template wrote it (8 for the plan's 7.7) is the plan's figure.
    recorded, checkin = checkin, found.with_plan_figures(problem, checkin)
    by_now = achieved_by_goal(problem, found.checkin)
    # A KPI left as the template wrote it beside progress recorded otherwise.
    twice = kpi_left_at_pre_fill(
        problem, baseline, checkin, found, "under [achieved] in the check-in file"
    )
    outcome, stopped = _replanned(args, problem, baseline, checkin, by_now, name, asked)
    result = outcome.result
    progress = goal_progress(problem, checkin, by_now)
    summary: dict[str, object] = result.summary()
    summary.update(stopped_by_user=stopped, replan_limits=args.replan_limits)
    summary["kpi_left_at_pre_fill"] = twice
    summary["late_work"] = late_work_lines(problem, baseline, checkin, "end_week to {week}")
    # Accepted as recorded (what happened outranks the plan), and said, as the page says it.
    summary["done_before_window"] = done_before_window_lines(problem, checkin)
    goals = goals_json(progress)
    for row in goals:
        # "achieved" is the figure counted (the plan's 866.81 MQLs a kept 867 stands for),
        # this the one the check-in file holds, which the text and the pages write.
        row["achieved_recorded"] = float(recorded.achieved.get(row["goal_id"], Decimal(0)))
    summary["goals"] = goals
    if result.plan is None or outcome.diff is None:
        return _no_replan(summary, args, checkin, outcome)
    summary["num_changes"] = outcome.num_changes
    summary["max_changes"] = args.max_changes
    summary["plan_csv"] = str(args.out)
    if args.baseline is not None:
        summary["baseline_csv"] = str(args.baseline)
    _add_forecasts(summary, goals, problem, checkin, outcome, result.plan)
    if checkin.elapsed_share >= 1:
        summary["quarter_end"] = _quarter_end(problem, checkin, progress)
    _add_changes(summary, problem, checkin, outcome, progress, args.unlock, baseline)
    summary["keep_the_plan"] = keep_the_plan_words(problem, args.stability)  # as the page
    # Formatted before the plan is written, printed after: no plan.csv without its report.
    report_text = report(
        summary, args, outcome.problem.settings.weights, bool(outcome.problem.goals)
    )
    # A workbook for an .xlsx name, as solve, headed by the quarter's end as the report is.
    book = partial(
        replan_workbook,
        *(problem, checkin, outcome.problem, result, outcome.carried),
        built_on=built_on(args),
        # Its Plan sheet the CSV's rows: done and dropped too, what the check-in did to each.
        baseline=baseline,
        diff=outcome.diff,
        paces=tuple((g.goal_id, pace_words(g)) for g in progress),
    )
    # Each row under its goal, one met at the check-in too, as the report counts its value.
    # Its CSV with a row for each project done or dropped at the check-in too.
    text = partial(
        rest_of_quarter_csv_text,
        *(problem, outcome.problem, result.plan, baseline, checkin, outcome.diff),
    )
    write_plan(
        under_quarter_goals(outcome.problem, problem), result, args.out, workbook=book, text=text
    )
    print(report_text)
    if args.json:
        warn_replaced_baseline(str(args.out), args.baseline)
    return EXIT_OK


def _read_checkin(
    args: argparse.Namespace, problem: Problem, baseline: Plan
) -> tuple[CheckIn, str, CheckIn | None]:
    """The check-in of ``--checkin`` (read on the earlier one of ``--since``, if any), the
    name its problems go under, and the earlier check-in as counted; every problem of it at
    once (exit 2), its warnings on stderr. The ``[replan]`` it was saved with fills the
    flags not given (:func:`_replanned_with`)."""
    from planner.core.named_files import read_named_text
    from planner.scenarios.checkin_toml import read_checkin

    text, name = read_named_text(args.checkin, "check-in")
    # Its warnings (0.6 % done, meant as 60 %?) on stderr, as the data's are, --json or not.
    read = read_checkin(text, name, problem)
    print_issues(read.warnings)
    checkin: CheckIn = read.checkin
    from_file = _replanned_with(args, read.replan)
    since, read_on_since = earlier_checkin(
        args, problem, checkin.weeks_elapsed, baseline, (checkin, name)
    )
    if read_on_since is not None:
        checkin = read_on_since
    where = (name, "replan.unlock") if from_file else ("command line", "--unlock")
    check_unlocked(args.unlock, problem, checkin, empty=args.unlock_empty, where=where)
    # Every problem of the check-in at once, named by the file the leader gave, before
    # what the plan had delivered by now is worked out from it.
    if issues := checkin_issues(problem, baseline, checkin):
        raise InvalidInputError(named_issues(issues, name))
    print_issues(hours_past_capacity(problem, baseline, checkin, name))
    return checkin, name, since


def _replanned(
    args: argparse.Namespace,
    problem: Problem,
    baseline: Plan,
    checkin: CheckIn,
    by_now: Mapping[str, Fraction],
    name: str,
    asked: float,
) -> tuple[Replan, bool]:
    """The re-plan of the rest of the quarter with the flags' budget, and whether a first
    Ctrl-C stopped its solve; the output path is checked before the solve is spent. The
    time limit counts from ``asked`` (:func:`time.perf_counter`), the work before included."""
    from planner.scenarios.replan import replan

    interrupted: list[bool] = []

    def solve_checked(rest: Problem, *, after_s: float) -> Result:
        # Before a solve is spent on a path that cannot be written, or is an input.
        check_plan_output(args)
        result, stopped = solve_interruptibly(rest, started=asked, after_s=after_s)
        interrupted.append(stopped)
        return result

    try:
        outcome = replan(
            problem,
            baseline,
            checkin,
            max_changes=args.max_changes,
            stability_weight=args.stability,
            unlocked=frozenset(args.unlock),
            solve=solve_checked,
            planned=by_now,
            asked_at=asked,
        )
    except InvalidInputError as exc:
        # The check-in's problems name the file the leader gave, as its parse errors do.
        raise InvalidInputError(named_issues(exc.issues, name)) from None
    return outcome, interrupted[0]


def _replanned_with(args: argparse.Namespace, given: ReplanWith | None) -> bool:
    """The check-in file's ``[replan]`` (a saved check-in's: what its re-plan was made
    with) where no flag says otherwise: its projects let move, most changes, stability.
    Whether the projects let move are the file's."""
    from planner.interfaces.checkin_limits import given_flags, replan_limits

    flags = given_flags(args)
    from_file = False
    if given is not None:
        if args.max_changes is None:
            args.max_changes = given.max_changes
        if args.stability is None:
            args.stability = given.stability
        if not args.unlock and not args.unlock_empty:
            args.unlock = list(given.unlock)
            from_file = bool(given.unlock)
    if args.stability is None:
        args.stability = DEFAULT_STABILITY
    # Each limit with where it came from: a flag given overruled the file's, unsaid.
    args.replan_limits = replan_limits(args, flags, given)
    return from_file


def _data_after_unlock(args: argparse.Namespace) -> None:
    """DATA_DIR, when ``--unlock`` took it as its last id; the ids as ids compare.

    ``--unlock`` takes every word after it, so ``--unlock AW-02 data/sample`` (the data
    last, as a leader types most commands) left no data folder. The command cannot run
    without one: when none was given and the last id names a file or folder, it is the
    data; otherwise the words and the fix are said (exit 2).
    """
    given = args.unlock is not None
    args.unlock = list(args.unlock or [])
    if args.data_dir is None and args.unlock and os.path.exists(args.unlock[-1]):
        args.data_dir = args.unlock.pop()
    args.unlock = [identifier(i) for i in args.unlock]
    # --unlock with no id after it unlocked nothing, in silence, though it was asked for.
    args.unlock_empty = given and not args.unlock
    if args.data_dir is not None:
        return
    taken = ", ".join(f"'{escaped(i)}'" for i in args.unlock)
    raise InvalidInputError(
        [
            InputIssue(
                "command line",
                None,
                "DATA_DIR",
                "no data folder was given"
                + (
                    f": --unlock took every word after it as a project id ({taken}), and "
                    "the last is no file or folder here."
                    if args.unlock
                    else "."
                ),
                "Give the data first: planner checkin DATA_DIR --baseline PLAN_CSV "
                "--checkin CHECKIN_TOML"
                + (" --unlock ID ..., or write --unlock ID once per project." if taken else "."),
            )
        ]
    )


def _no_replan(
    summary: dict[str, object], args: argparse.Namespace, checkin: CheckIn, outcome: Replan
) -> int:
    """No re-plan: the report, then why on stderr and what would let one through."""
    result = outcome.result
    fewest = outcome.fewest_changes
    if fewest is not None:
        summary["fewest_changes"] = fewest
    print(report(summary, args, outcome.problem.settings.weights, bool(outcome.problem.goals)))
    # At the quarter's end with work in progress no fix of hours or pins helps (about
    # ten "add N h" lines came first): the one line that does is said alone.
    quarter_over = checkin.unfinished_at_the_end() is not None
    for reason in () if quarter_over else result.reasons:
        print(escaped(reason), file=sys.stderr)
    # A re-plan the clock cut short is not blamed on the work in progress (as the page).
    advice = outcome.why_no_plan(
        checkin, args.max_changes, args.unlock, "Let some move with --unlock ID"
    )
    if advice is not None:
        print(escaped(advice), file=sys.stderr)
    return EXIT_NO_PLAN


def _quarter_end(
    problem: Problem, checkin: CheckIn, progress: Iterable[GoalProgress]
) -> dict[str, object]:
    """The quarter as a check-in at its last week found it: what the report leads with."""
    from planner.scenarios.quarter_end import NOTHING_LEFT, quarter_end

    end = quarter_end(problem, tuple(progress))
    return {
        "headline": end.headline(float(checkin.weeks_elapsed), float(checkin.quarter_weeks)),
        "goals_met": end.num_met,
        "attainment": rounded_or_none(end.attainment),
        "goals": [g.line() for g in end.goals],
        "nothing_left": NOTHING_LEFT,
    }


def _add_forecasts(
    summary: dict[str, object],
    goals: list[dict[str, Any]],
    problem: Problem,
    checkin: CheckIn,
    outcome: Replan,
    plan: Plan,
) -> None:
    """The quarter's attainment at its end, and each goal's forecast and odds (in ``goals``)."""
    from planner.scenarios.metrics import result_metrics

    before, after = outcome.projected_before, outcome.projected_after
    carried = {f.goal_id: f for f in quarter_forecast(problem, checkin, outcome.carried)}
    forecasts = {f.goal_id: f for f in quarter_forecast(problem, checkin, plan)}
    # The headline: the quarter's attainment, weighted and capped as the Overview's.
    quarter_end = quarter_attainment(problem, tuple(forecasts.values()))
    carried_end = quarter_attainment(problem, tuple(carried.values()))
    if quarter_end is not None and carried_end is not None:
        summary["quarter_attainment"] = {
            "achieved": rounded(quarter_end.achieved),
            "forecast": rounded(quarter_end.forecast),
            "baseline_forecast": rounded(carried_end.forecast),
            # Teams the baseline as it was ("If we carry on") loads past their hours left.
            "baseline_overruns": list(outcome.carried_overruns),
            # The Check-in page's "Of what was left" card: the re-plan's own attainment.
            # None at the quarter's end: no weeks are left to re-plan (it read 0.0 %).
            "quarter_over": checkin.elapsed_share >= 1,
            "replan_of_what_was_left": None
            if checkin.elapsed_share >= 1
            else rounded_or_none(result_metrics(outcome.problem, outcome.result).attainment_pct),
        }
    # A whole count forecast with a decimal (6 + 20.3 = 26.3 new customers) says why, as the
    # plan's pages say it and the Check-in page and the re-plan's plan.xlsx say it here.
    from planner.scenarios.why_a_decimal import forecast_decimals_words

    busy = checkin.ids_with(ProjectStatus.IN_PROGRESS)
    why = forecast_decimals_words(outcome.problem, plan, tuple(forecasts.values()), busy)
    if why is not None:
        summary["why_a_decimal"] = why
    # Each goal's odds of its quarter target, as the Check-in page lists them (Altair comes
    # with the odds module: loaded here, by the one command that needs it).
    from planner.core.uncertainty import odds_json
    from planner.interfaces.odds_changes import replan_goal_odds

    odds = replan_goal_odds(
        *(problem, checkin.achieved, outcome.problem, outcome.carried, plan),
        recorded=checkin.recorded,
    )
    uncertain = any(b.uncertain or (a is not None and a.uncertain) for a, b, _ in odds.values())
    for row in goals:
        goal_id = row["goal_id"]
        row["projected_before"] = rounded(before[goal_id])
        row["projected_after"] = rounded(after[goal_id])
        row["forecast"] = forecast_json(forecasts[goal_id], carried[goal_id])
        if goal_id not in odds:
            continue
        carried_on, replanned, words = odds[goal_id]
        # The re-plan's odds of the quarter's target, keyed as planner solve --json keys a
        # plan's (probability, words, exact, uncertain, p10 ...): one function writes both,
        # each figure under one name (they were also "chance" and "odds_in_words").
        row.update(odds_json(replanned, words))
        if uncertain:
            # In percentage points, as every percentage in the JSON (as "probability").
            row["chance_if_carried_on"] = chance_figure((carried_on or replanned).probability)


def _add_changes(
    summary: dict[str, object],
    problem: Problem,
    checkin: CheckIn,
    outcome: Replan,
    progress: Iterable[GoalProgress],
    unlocked: Iterable[str],
    baseline: Plan,
) -> None:
    """The re-plan's changes, its added work and the leader's drops; why nothing moves."""
    from planner.scenarios.out_of_plan import out_of_plan, out_of_plan_words
    from planner.scenarios.replan_diff import (
        COUNTED_CHANGES,
        ChangeKind,
        change_word,
        dropped_words,
    )
    from planner.scenarios.replan_idle import helped_goals, idle_explanations

    diff = outcome.diff
    assert diff is not None and outcome.result.plan is not None

    def listed(*kinds: ChangeKind) -> list[dict[str, object]]:
        return [
            {
                "project_id": c.project_id,
                "name": project_name(problem, c.project_id),
                "change": change_word(c, checkin.ids_with(ProjectStatus.DROPPED)),
                "before": list(c.before),
                "after": list(c.after),
                "reason": c.reason,
            }
            for c in diff.of_kind(*kinds)
        ]

    # Changes (what rule 9 counts: owners moved, baseline work taken out) and added
    # work are two different things; the leader's own drops at the check-in a third.
    summary["changes"] = listed(*COUNTED_CHANGES)
    # A goal behind that the re-plan gives nothing, whatever else moves: why, and what
    # would help (the Check-in page says the same under its forecast).
    summary["why_nothing_moves"] = idle_explanations(
        outcome.problem,
        outcome.result.plan,
        progress,
        checkin.ids_with(ProjectStatus.IN_PROGRESS) - set(unlocked),
        unlock="let one move with --unlock ID",
        helped=helped_goals(outcome.problem, diff),
    )
    summary["added"] = listed(ChangeKind.ADDED)
    summary["dropped"] = listed(ChangeKind.DROPPED)
    # What leaves the plan, the leader's drops apart, as the page and a saved note count it.
    summary["dropped_words"] = dropped_words(diff.of_kind(ChangeKind.DROPPED), checkin)
    summary["out_of_plan"] = out_of_plan_words(
        out_of_plan(baseline, outcome.result.plan, checkin),
        {p.project_id: p.name for p in problem.projects},
    )
