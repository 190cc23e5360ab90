"""``planner checkin-template``: the check-in TOML of a quarter that went to plan.

``planner checkin-template DATA_DIR --baseline PLAN_CSV --weeks W [--since CHECKIN_TOML]``
prints the check-in TOML that everything-went-to-plan would give at week ``W``: what the
plan's own projects would have delivered and spent by then. A starting point to edit,
then to give to ``planner checkin`` (:mod:`planner.interfaces.checkin_cli`), which
imports this module so that both commands register together.
"""

from __future__ import annotations

import argparse
import shlex
import sys
from decimal import Decimal

from planner.core.domain import Problem
from planner.core.errors import InputIssue, InvalidInputError
from planner.core.identifiers import escaped
from planner.core.shared_words import plural
from planner.core.shown_figures import recorded
from planner.interfaces.checkin_inputs import (
    add_since_argument,
    checkin_baseline,
    earlier_checkin,
    quarter_weeks_flag,
    weeks_flag,
)
from planner.interfaces.cli import DATA_HELP, EXIT_OK, SETTINGS_HELP, command, load
from planner.scenarios.checkin import CheckIn, part_week
from planner.scenarios.counting_goals import counting_goals


def _template_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("data_dir", help=DATA_HELP)
    parser.add_argument("--settings", help=SETTINGS_HELP)
    parser.add_argument(
        "--baseline", required=True, help="the plan.csv (or plan.xlsx) the teams work to"
    )
    parser.add_argument("--weeks", type=weeks_flag, required=True, help="weeks of the quarter gone")
    parser.add_argument(
        "--quarter-weeks",
        type=quarter_weeks_flag,
        default=None,
        help="weeks in the quarter (default: [calendar] weeks of the settings, 13 unless set)",
    )
    add_since_argument(parser)


@command("checkin-template", "print the check-in TOML of a quarter that went to plan")(
    _template_arguments
)
def _template(args: argparse.Namespace) -> int:
    from planner.scenarios.checkin_replan import STARTING_REPLAN, STARTING_REPLAN_HEAD
    from planner.scenarios.checkin_toml_writing import checkin_names, checkin_to_toml
    from planner.scenarios.on_plan import on_plan

    problem = load(args.data_dir, args.settings)
    if args.quarter_weeks is None:  # the quarter the data plans, as the app's Check-in page
        args.quarter_weeks = Decimal(problem.num_weeks)
    elif problem.is_time_phased and args.quarter_weeks != problem.num_weeks:
        raise InvalidInputError(
            [
                InputIssue(
                    "command line",
                    None,
                    "--quarter-weeks",
                    f"{plural(args.quarter_weeks, 'week')} is not the {problem.num_weeks}-week "
                    "quarter the data plans in weeks ([calendar] weeks).",
                    f"Leave out --quarter-weeks, or give {problem.num_weeks}.",
                )
            ]
        )
    if (part := part_week(problem, args.weeks)) is not None:
        raise InvalidInputError([InputIssue("command line", None, "--weeks", *part)])
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
    baseline = checkin_baseline(args.baseline, problem, args.since)
    # The exact check-in and the one a leader types (checkin_as_planned's two forms), at once.
    found = on_plan(
        problem,
        baseline,
        args.weeks,
        args.quarter_weeks,
        since=earlier_checkin(args, problem, args.weeks, baseline)[0],
    )
    checkin = found.typed_to_keep(problem)
    sys.stdout.write(
        _TEMPLATE_HEAD.format(
            weeks=_weeks_text(checkin.weeks_elapsed),
            quarter=_weeks_text(checkin.quarter_weeks),
            end_week=_END_WEEK_HEAD if problem.is_time_phased else "",
            since=_since_words(args.since, args.baseline),
        )
    )
    # Each id with what a leader knows it by: the file lists ids only.
    names = checkin_names(problem, baseline.owners())
    _say_whole_counts(names["achieved"], problem, checkin, found.checkin)
    # The re-plan's limits as the Check-in page starts them: the same re-plan from both.
    text = checkin_to_toml(checkin, names, STARTING_REPLAN, STARTING_REPLAN_HEAD)
    sys.stdout.write(text)
    return EXIT_OK


def _say_whole_counts(
    goals: dict[str, str], problem: Problem, typed: CheckIn, exact_checkin: CheckIn
) -> None:
    """Add to a counted goal's comment what the pre-fill rounded to whole units, as the
    Check-in page says it (:func:`~planner.scenarios.checkin_words.whole_counts_note`): 8
    new customers kept as written read as the plan's 7.7 by now."""
    from planner.scenarios.checkin_words import shows_rounding

    exact = exact_checkin.achieved
    for goal in problem.goals:
        whole, plan = typed.achieved.get(goal.goal_id), exact.get(goal.goal_id)
        counted = goal.goal_id in counting_goals(problem)
        if counted and plan is not None and whole is not None and shows_rounding(whole, plan):
            goals[goal.goal_id] += (
                f"; the plan's projects would have {recorded(round(plan, 1))} by now: kept at "
                f"{recorded(whole)}, it reads as that"
            )


#: What the file a leader edits by hand may hold (SPEC "Check-in"), above what it holds;
#: no table is named in brackets here, so that a search for "[projects]" finds the table.
_TEMPLATE_HEAD = """\
# Check-in at week {weeks} of {quarter}, pre-filled as if every project went to plan:
# change what went otherwise, then give this file to planner checkin --checkin{since}.
# Each project under projects: "done", "dropped", "not_started" or
#   {{ status = "in_progress", percent_done = 40 }}; a project not listed has not started.
{end_week}# Each goal under achieved: its KPI so far, in its unit (goals.csv's kpi column).
# Each team under hours_used: its hours used so far.

"""


def _since_words(since: str | None, baseline: str) -> str:
    """How the head tells to give a second check-in: with the first and the plan the
    teams work to (its re-plan, or the quarter's plan if they kept it).

    Given as the first one's head said ("planner checkin --checkin"), without --since, the
    week-8 re-plan read the plan by now from the week-4 re-plan alone: every goal's plan by
    now about half of what it was, and 16.16 new customers still to come.
    """
    if since is None:
        return ""
    first, plan = (shlex.quote(escaped(path)) for path in (since, baseline))
    return (
        f" THIS_FILE --since {first}\n"
        f"#   --baseline {plan} (the earlier check-in and the plan, as here)"
    )


#: The head's line on end_week, left out for a quarter without weeks (which has none).
_END_WEEK_HEAD = (
    "# end_week: the week a project in progress ends in, as planned; a later one if it runs late.\n"
)


def _weeks_text(weeks: Decimal) -> str:
    return format(weeks.normalize(), "f")
