"""``planner explain``: why the plan is as it is, on the command line.

- ``planner explain DATA_DIR PROJECT_ID`` solves, then says why the project
  is owned by its team (each objective term's share, the best other team and
  why not) or why it is left out (no team may take it, a prerequisite is
  out, or capacity went to better work, with what it would displace).
- ``--baseline PLAN_CSV`` (with ``--baseline-data`` and ``--tolerance``, as for
  ``planner solve``) explains the plan kept close to a current plan, the one
  ``planner solve --baseline`` writes and the Plan page explains after a what-if,
  rather than a plan solved afresh.
- ``--plan PLAN_CSV`` explains the plan in that file as it is (the plan.csv or plan.xlsx
  ``planner solve --out`` wrote), never solved again: on a quarter whose solve stops at its
  time limit a fresh solve may give other owners and leave out other projects. Without
  ``--plan`` the answer says first which plan it explains (one solved now, or one kept
  close to ``--baseline``) and how to explain the plan you have.
- ``planner explain DATA_DIR --goal GOAL_ID``: what would close a goal's gap, the
  Overview's "What would close the gap" (:mod:`planner.interfaces.goal_gaps`): the
  left-out projects that feed it, biggest first, what each adds and what keeps it out.
  ``--extra-hours TEAM=HOURS`` re-plans with that team's hours raised (in a quarter in
  weeks, over the first weeks the goal's first left-out project it could run may run in)
  and says what they buy for the goal (:mod:`planner.interfaces.goal_hours`, the
  Overview's "What would N more hours of a team buy?").
- ``planner explain DATA_DIR`` says where capacity runs short and why each
  left-out project is out; ``--capacity`` adds what +10 % on each binding
  team would buy (one time-bounded re-solve per team, all within
  ``--capacity-budget`` seconds; the teams left when it runs out are named).

Exit status as for ``planner solve``: 0 explained, 2 invalid input (or an
unknown project id), 3 no plan (the conflicts and their fixes on stderr).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from planner.core import ranges
from planner.core.domain import Plan, Problem, Result, Status, Unassigned
from planner.core.errors import InputIssue, InvalidInputError, clipped
from planner.core.identifiers import (
    escaped,
    id_key,
    identifier,
    identifier_problem,
    ids_run_together,
    near_ids,
)
from planner.core.status_words import status_label
from planner.interfaces.cli import (
    DATA_HELP,
    EXIT_NO_PLAN,
    EXIT_OK,
    SETTINGS_HELP,
    TIME_LIMIT_HELP,
    command,
    load,
    solve_interruptibly,
    with_time_limit,
)
from planner.interfaces.solve_cli import baseline_arguments, check_baseline_flags, solve_kept_close

if TYPE_CHECKING:
    from planner.explain import TeamPressure
    from planner.scenarios.capacity_gain import CapacityGains

#: Seconds for each re-solve behind ``--capacity``.
GAIN_TIME_LIMIT_S = 2.0
#: Seconds for all of them: about a dozen teams' worth, what one waits for an answer.
CAPACITY_BUDGET_S = 30.0


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("data_dir", help=DATA_HELP)
    parser.add_argument(
        "project_id", nargs="?", type=identifier, help="the project to explain (default: all)"
    )
    parser.add_argument(
        "--goal",
        metavar="GOAL_ID",
        type=identifier,
        help="a goal short of its target: the left-out projects that would close its gap, "
        "biggest first, each with what it adds and what keeps it out (without it, the "
        "projects are explained)",
    )
    parser.add_argument(
        "--extra-hours",
        metavar="TEAM=HOURS",
        help="with --goal: re-plan with HOURS more for team TEAM (its id, or its name), over "
        "the first weeks the goal's first left-out project it could run may run in, and say "
        "what they "
        "buy for the goal, as the Overview's 'What would N more hours buy?' does (without it, "
        "the goal's gap alone)",
    )
    parser.add_argument("--settings", help=SETTINGS_HELP)
    parser.add_argument("--time-limit", type=ranges.TIME_LIMIT.argtype(), help=TIME_LIMIT_HELP)
    parser.add_argument(
        "--capacity",
        action="store_true",
        help="also re-plan with +10 %% capacity on each team short of room (with a project: "
        "each team that may take it) and say what it buys",
    )
    parser.add_argument(
        ranges.CAPACITY_BUDGET.name,
        type=ranges.CAPACITY_BUDGET.argtype(),
        default=CAPACITY_BUDGET_S,
        help="seconds for all of --capacity's re-plans; teams left when they run out are "
        f"named, not analysed (default {CAPACITY_BUDGET_S:g})",
    )
    parser.add_argument(
        "--plan",
        metavar="PLAN_CSV",
        help="the plan.csv (or plan.xlsx) you have, as planner solve --out wrote it: explain "
        "that plan as it is, not planned again (without it or --baseline, a plan made now, "
        "whose owners and left-out projects may differ from it when planning stops at its "
        "time limit)",
    )
    baseline_arguments(
        parser,
        "the current plan's plan.csv (or plan.xlsx): explain the plan kept close to it, the one "
        "planner solve --baseline writes (without it, a plan solved afresh, whose owners and "
        "weeks may differ)",
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument(
        "--details",
        action="store_true",
        # Marked as the score's line in solve is: "term by term" was the formula's word.
        help="for analysts: also print the project's share of the plan's score, part by part",
    )


def escaped_lines(lines: list[str]) -> str:
    """Several lines of text, each with its control characters escaped: a name's own line
    break reads \\n, never a line of the answer of its own."""
    return "\n".join(escaped(line) for line in lines)


def _unknown_project(problem: Problem, project_id: str) -> InvalidInputError:
    ids = [p.project_id for p in problem.projects]
    # The same id in another case first ('aw-01' is AW-01): difflib compares case too;
    # then the id a character nobody sees hides ('AW-01\u200b', pasted from a chat).
    seen = id_key(project_id)
    same = [i for i in ids if id_key(i) == seen]
    close = same or near_ids(project_id, ids, n=3)
    some = ", ".join(escaped(i) for i in (close or ids[:3]))
    fix = f"Did you mean {some}?" if close else f"Use a project_id from projects.csv ({some}, ...)."
    # The column as the data file names it, not the command line's placeholder.
    message = f"no project has the id '{clipped(escaped(project_id))}' given on the command line."
    hidden = identifier_problem(project_id, "project id")
    named = [p.project_id for p in problem.projects if id_key(p.name) == seen]
    if hidden is not None:
        message = hidden
    elif (apart := ids_run_together(project_id, problem.project_index)) is not None:
        message = (
            f"'{escaped(project_id)}' are {len(apart)} project ids written as one "
            f"({', '.join(escaped(p) for p in apart)}): explain takes one project at a time."
        )
        fix = (
            f"Run planner explain DATA_DIR {escaped(apart[0])}, then with "
            f"{', then '.join(escaped(p) for p in apart[1:])} (or give no id to explain "
            "every left-out project)."
        )
    elif named and not same:
        # A leader types what the plan shows: the project's name, not its id.
        message = f"'{escaped(project_id)}' is the name of project {escaped(named[0])}, not an id."
        fix = f"Give its id: planner explain DATA_DIR {escaped(named[0])}."
    return InvalidInputError([InputIssue("projects.csv", None, "project_id", message, fix)])


@command("explain", "say why the plan is as it is: one project, or every left-out one")(_arguments)
def _explain(args: argparse.Namespace) -> int:
    check_baseline_flags(args)
    _check_plan_flag(args)
    problem = with_time_limit(load(args.data_dir, args.settings), args.time_limit)
    if args.project_id is not None and args.project_id not in problem.project_index:
        raise _unknown_project(problem, args.project_id)
    if args.goal is not None:
        _check_goal(problem, args)
    extra = _extra_hours_asked(problem, args)
    if args.plan is not None:
        # The plan the leader has, as it is: a solve stopped by its time limit may give
        # other owners and leave out other projects each time it runs.
        result = _plan_as_it_is(problem, args.plan)
    elif args.baseline is not None:
        # The plan solve --baseline writes and the Plan page explains after a what-if: kept
        # close to the current plan. A fresh solve may start projects in other weeks.
        result = solve_kept_close(args, problem)[1].result
    else:
        result, _stopped = solve_interruptibly(problem)
    if result.plan is None:
        if args.json:
            print(json.dumps({"status": result.status.value, "reasons": list(result.reasons)}))
        for reason in result.reasons:
            print(escaped(reason), file=sys.stderr)
        return EXIT_NO_PLAN
    if not args.json:
        print(escaped(which_plan_line(args.plan, args.baseline, settings_words(args))))
        for line in other_settings_lines(args, problem, result.plan):
            print(escaped(line))
    if args.goal is not None:
        _explain_goal(args, problem, result, result.plan, extra)
    elif args.project_id is not None:
        _explain_project(args, problem, result, result.plan)
    else:
        _explain_plan(args, problem, result, result.plan)
    return EXIT_OK


def _check_plan_flag(args: argparse.Namespace) -> None:
    """``--plan`` explains a plan as it is; ``--baseline`` solves one kept close to a plan:
    given both, one would be ignored, so they are refused together."""
    if args.plan is not None and args.baseline is not None:
        raise InvalidInputError(
            [
                InputIssue(
                    "command line",
                    None,
                    "--plan",
                    "--plan explains a plan as it is and --baseline plans again close to one; "
                    "only one is used.",
                    "Give --plan PLAN_CSV to explain the plan you have, or --baseline PLAN_CSV "
                    "to explain a what-if's plan kept close to it.",
                )
            ]
        )


def _check_goal(problem: Problem, args: argparse.Namespace) -> None:
    """``--goal`` names a goal of goals.csv, and is asked alone (not with a project)."""
    if args.project_id is not None:
        message = "--goal explains a goal and PROJECT_ID a project; only one is answered."
        fix = "Give --goal GOAL_ID or a PROJECT_ID, not both."
    elif args.goal in problem.goal_index:
        return
    else:
        ids = [g.goal_id for g in problem.goals]
        # The same id in another case first ('CHURN-SAVED' is churn-saved), as a project's.
        same = [i for i in ids if id_key(i) == id_key(args.goal)]
        near = same or near_ids(args.goal, ids, n=3)
        close = near or ids[:3]
        message = f"no goal has the id '{clipped(escaped(args.goal))}' given with --goal."
        fix = (
            # 'mql' read "Use a goal_id from goals.csv (mqls, ...)": the one meant, asked.
            f"Did you mean {', '.join(escaped(i) for i in near)}?"
            if near
            else f"Use a goal_id from goals.csv ({', '.join(escaped(i) for i in close)}"
            f"{', ...' if len(ids) > len(close) else ''})."
            if ids
            else "The data has no goals: add them in goals.csv."
        )
    raise InvalidInputError([InputIssue("goals.csv", None, "goal_id", message, fix)])


def _explain_goal(
    args: argparse.Namespace,
    problem: Problem,
    result: Result,
    plan: Plan,
    extra: tuple[str, Decimal] | None,
) -> None:
    """``planner explain DATA_DIR --goal GOAL_ID``: what would close the goal's gap (the
    Overview's "What would close the gap", :func:`~planner.interfaces.goal_gaps.goal_gaps`),
    and with ``--extra-hours`` what the team's extra hours buy for it
    (:func:`~planner.interfaces.goal_hours.hours_answer`)."""
    from planner.interfaces.goal_gaps import goal_gaps
    from planner.interfaces.goal_hours import hours_answer, offer_for

    gap = goal_gaps(problem, plan, every_team=args.json or extra is not None).get(args.goal)
    name = problem.goal_index[args.goal].name
    bought = (
        None
        if extra is None
        else hours_answer(problem, result, args.goal, offer_for(problem, gap, *extra))
    )
    if args.json:
        answer = gap.as_json() if gap is not None else {"goal_id": args.goal, "met": True}
        plan_is = _plan_json(args, problem, plan)
        more = {} if bought is None else {"extra_hours": bought.as_json()}
        print(json.dumps({"status": result.status.value, **plan_is, **answer, **more}))
        return
    if gap is None:
        print(escaped(f"'{name}' is met: the plan reaches its target."))
    else:
        print(escaped(f"What would close the gap on '{name}' ({gap.short_words}):"))
        for line in gap.lines():
            print(f"- {escaped(line)}")
    if bought is not None:
        print(escaped(bought.offer.question))
        for line in bought.lines():
            print(f"- {escaped(line)}")


def _extra_hours_asked(problem: Problem, args: argparse.Namespace) -> tuple[str, Decimal] | None:
    """``--extra-hours TEAM=HOURS`` as (team id, hours): TEAM a team's id (or, when no id is
    it, a team's name, in any case), HOURS a number above 0 with up to 3 decimals. The last
    ``=`` splits them: a team id may hold one."""
    if args.extra_hours is None:
        return None
    flag = "--extra-hours"
    if args.goal is None:
        fix = "Give a goal too: --goal GOAL_ID --extra-hours TEAM=HOURS."
        raise InvalidInputError(
            [InputIssue("command line", None, flag, f"{flag} answers for a goal.", fix)]
        )
    from planner.interfaces.goal_hours import MOST_HOURS

    typed, _, number = args.extra_hours.rpartition("=")
    typed = typed.strip()
    hours = _hours_typed(number.strip())
    if not typed or hours is None:
        message = f"{flag} '{clipped(escaped(args.extra_hours))}' is not TEAM=HOURS."
        fix = (
            f"Give a team's id and hours above 0 and at most {MOST_HOURS:,} (up to 3 "
            "decimals, no unit), e.g. demand-gen=80."
        )
        raise InvalidInputError([InputIssue("command line", None, flag, message, fix)])
    if typed in problem.team_index:
        return typed, hours
    key = id_key(typed)
    found = [t.team_id for t in problem.teams if key in (id_key(t.team_id), id_key(t.name))]
    if len(found) == 1:
        return found[0], hours
    some = ", ".join(escaped(t.team_id) for t in problem.teams[:3])
    message = f"no team has the id or name '{clipped(escaped(typed))}' given with {flag}."
    fix = (
        f"Several teams go by it ({', '.join(escaped(t) for t in found)}): give its id."
        if found
        else f"Use a team_id from teams.csv ({some}, ...)."
    )
    raise InvalidInputError([InputIssue("teams.csv", None, "team_id", message, fix)])


def _hours_typed(text: str) -> Decimal | None:
    """Hours above 0 and at most :data:`~planner.interfaces.goal_hours.MOST_HOURS`, with up
    to 3 decimals, as SPEC writes hours; None for anything else."""
    try:
        hours = Decimal(text)
    except ArithmeticError:
        return None
    if not hours.is_finite() or hours <= 0 or hours.as_tuple().exponent < -3:  # type: ignore[operator]
        return None
    from planner.interfaces.goal_hours import MOST_HOURS

    if hours > MOST_HOURS:
        return None
    return hours


def _plan_as_it_is(problem: Problem, path: str) -> Result:
    """The plan in ``path`` (a plan.csv or plan.xlsx), checked against every rule of the
    data, with each left-out project's reason weighed again on it: never solved again."""
    from planner.checker import check_plan, objective_of
    from planner.explain import unassigned_explanations
    from planner.interfaces.cli_plans import read_baseline

    # The left-out projects are those without an owner (a project without a row too, of
    # which reading warned), each reason weighed on this plan as a solve weighs it.
    assigned = Plan(read_baseline(problem, path)[0].assignments)
    reasons = unassigned_explanations(problem, assigned)
    plan = Plan(
        assigned.assignments,
        tuple(Unassigned(pid, why.text(), why.kind.value) for pid, why in reasons.items()),
    )
    if broken := check_plan(problem, plan):
        more = f" (and {len(broken) - 1:,} more)" if len(broken) > 1 else ""
        raise InvalidInputError(
            [
                InputIssue(
                    path,
                    None,
                    None,
                    f"the plan breaks a rule of this data: {broken[0]}{more}.",
                    "Explain it with the data and settings it was planned on, or explain a "
                    "plan kept close to it: --baseline PLAN_CSV instead of --plan.",
                )
            ]
        )
    breakdown = objective_of(problem, plan)
    return Result(
        Status.FEASIBLE, plan, float(breakdown.total), None, None, 0.0, breakdown=breakdown
    )


def settings_words(args: argparse.Namespace) -> str:
    """The settings an answer is under, as its first line names them: "the settings in
    cut.toml" (``--settings``), else the data's own (its settings.toml, or the defaults)."""
    if args.settings is not None:
        return f"the settings in {args.settings}"
    folder = Path(args.data_dir)
    if folder.is_dir() and not (folder / "settings.toml").is_file():
        return "the default settings (the data has no settings.toml)"
    return "the data's own settings"


def other_settings_lines(args: argparse.Namespace, problem: Problem, plan: Plan) -> list[str]:
    """What ``--plan`` without ``--settings`` says when the file's plan leaves out projects
    that fit with room under the data's own settings: a what-if's plan (a capacity cut, other
    weights) explained under the data's settings read "a better plan may exist" of them, and
    nothing said the plan was made under others. Empty when nothing shows it.

    The projects are named as the answer's next lines name them, their ids beside to explain
    them by: "Under these settings NU-03 would fit" read as a code above "'SEO pillar pages:
    compliance automation hub' is not in the plan", and "these settings" pointed back to
    the first line's words."""
    from planner.explain.unassigned import UnassignedKind

    if args.plan is None or args.settings is not None:
        return []
    fits = [u.project_id for u in plan.unassigned if u.kind == UnassignedKind.BETTER_PLAN]
    if not fits:
        return []
    names = [f"'{problem.project(p).name}' ({p})" for p in fits[:3]]
    named = ", ".join(names) + (f" and {len(fits) - 3:,} more" if len(fits) > 3 else "")
    return [
        f"Under {settings_words(args)} {named} would fit with room to spare, so {args.plan} was "
        "probably made under other settings (a what-if's capacity, weights or rules), or "
        "edited by hand or stopped early by its time limit. To explain it under the settings "
        f"it was made with, pass them: planner explain DATA_DIR --plan {args.plan} "
        "--settings WHATIF.toml"
    ]


def which_plan_line(plan_file: str | None, baseline: str | None, under: str = "") -> str:
    """The answer's first line: which plan it explains (with ``--plan``, under which
    settings: ``under``, :func:`settings_words`), and without ``--plan`` how to explain the
    one the leader has (a solve stopped by its time limit may differ from it)."""
    if plan_file is not None:
        settings = f", under {under}" if under else ""
        return f"Explaining the plan in {plan_file} as it is (not planned again){settings}."
    if baseline is not None:
        return (
            f"Explaining a plan made now, kept close to {baseline} (the plan planner solve "
            "--baseline writes)."
        )
    return (
        "Explaining a plan made now: when planning stops at its time limit, its owners and "
        "left-out projects may differ from your plan.csv's. To explain the plan you have: "
        "planner explain DATA_DIR --plan plan.csv"
    )


def _explain_project(
    args: argparse.Namespace, problem: Problem, result: Result, plan: Plan
) -> None:
    """``planner explain DATA_DIR PROJECT_ID``: why it is in or out, and with
    ``--capacity`` what 10 % more on each team that could take it would buy."""
    from planner.explain import exclusions, explain_project
    from planner.scenarios.capacity_gain import capacity_gains

    why = explain_project(problem, result, args.project_id)
    # --capacity with a project: what 10 % more on each team that could take it buys.
    # It was read only without one, so a VP Sales who asked it of a left-out deal-stage
    # project got the same lines as without it and no word that it went unheard.
    found_one = None
    if args.capacity and why.unassigned is not None:
        excluded = exclusions(problem, args.project_id)
        teams = [t.team_id for t in problem.teams if t.team_id not in excluded]
        if teams:
            found_one = capacity_gains(
                problem,
                result,
                teams,
                time_limit_s=min(GAIN_TIME_LIMIT_S, problem.settings.solve.time_limit_s),
                budget_s=args.capacity_budget,
            )
    if args.json:
        gains = (
            {
                "capacity_gains": [g.text(problem) for g in found_one.gains]
                if found_one is not None
                else [],
                "capacity_not_analysed": list(found_one.not_analysed)
                if found_one is not None
                else [],
            }
            if args.capacity
            else {}
        )
        print(
            json.dumps(
                {
                    "status": result.status.value,
                    **_plan_json(args, problem, plan),
                    "project_id": why.project_id,
                    "headline": why.headline,
                    "lines": list(why.lines),
                    "details": list(why.details),
                    **gains,
                }
            )
        )
        return
    print(escaped_lines(why.text_lines()))
    if args.details:
        # Imported here: the score's words read the explainer, and with it pandas and
        # OR-Tools, which `planner --help` and a refused flag never need.
        from planner.interfaces.optimizer_score import analysts_details

        print(
            escaped_lines(
                analysts_details(why.details, problem.settings.weights, bool(problem.goals))
            )
        )
    if args.capacity:
        in_plan = args.project_id in plan.owners()
        for line in _project_capacity_lines(problem, args.project_id, in_plan, found_one):
            print(escaped(line))


def _explain_plan(args: argparse.Namespace, problem: Problem, result: Result, plan: Plan) -> None:
    """``planner explain DATA_DIR``: the teams that are full, why each left-out project is
    out, and with ``--capacity`` what 10 % more on each full team would buy."""
    from planner.explain import capacity_pressure
    from planner.interfaces.exports import left_out_json
    from planner.scenarios.capacity_gain import capacity_gains

    pressure = [p for p in capacity_pressure(problem, plan) if p.binding]
    gains, not_analysed, skipped = [], [], None
    if args.capacity:
        limit = min(GAIN_TIME_LIMIT_S, problem.settings.solve.time_limit_s)
        found = capacity_gains(
            problem,
            result,
            [p.team_id for p in pressure],
            time_limit_s=limit,
            budget_s=args.capacity_budget,
        )
        gains = [g.text(problem) for g in found.gains]
        not_analysed, skipped = list(found.not_analysed), found.not_analysed_text(problem)
    left_out = [(u.project_id, u.reason) for u in plan.unassigned]
    if args.json:
        print(
            json.dumps(
                {
                    "status": result.status.value,
                    **_plan_json(args, problem, plan),
                    "binding": [p.text(problem) for p in pressure],
                    "capacity_gains": gains,
                    "capacity_not_analysed": not_analysed,
                    "capacity_not_analysed_why": skipped,
                    "unassigned": {pid: reason for pid, reason in left_out},
                    # Each one's own hours and value beside the reason (plan.csv's are 0).
                    "left_out": left_out_json(problem, plan),
                    # How many are out for each kind of reason, as the text's first line.
                    "left_out_kinds": dict(
                        Counter(u.kind for u in plan.unassigned if u.kind).most_common()
                    ),
                }
            )
        )
        return
    if args.plan is None:  # a plan read from its file was not solved: it has no status
        print(f"status: {status_label(result.status.value)}")
    for line in binding_lines(problem, pressure):
        print(escaped(line))
    if gains:
        print("What 10 % more capacity would buy:")
        for line in gains:
            print(f"- {escaped(line)}")
    if skipped:
        print(escaped(skipped))
    for line in left_out_lines(problem, plan.unassigned):
        print(escaped(line))


def _plan_json(
    args: argparse.Namespace, problem: Problem, plan: Plan
) -> dict[str, str | list[str] | None]:
    """Which plan the JSON explains: "file" (``--plan``, as it is, with the settings it is
    explained under and, as the text says it, why it was probably made under others:
    ``other_settings``, empty when nothing shows it), "kept_close" (solved now close to
    ``--baseline``) or "solved" (solved now), and the file it came from."""
    if args.plan is not None:
        return {
            "plan": "file",
            "plan_file": args.plan,
            "settings": settings_words(args),
            "other_settings": other_settings_lines(args, problem, plan),
        }
    if args.baseline is not None:
        return {"plan": "kept_close", "plan_file": args.baseline}
    return {"plan": "solved", "plan_file": None}


def _project_capacity_lines(
    problem: Problem, project_id: str, in_plan: bool, found: CapacityGains | None
) -> list[str]:
    """What ``--capacity`` found for one project: each team that could take it, +10 %."""
    name = problem.project(project_id).name
    if found is None:
        return [
            f"More capacity: '{name}' is in the plan already."
            if in_plan
            else f"More capacity does not bring '{name}' in: no team may take it (above)."
        ]
    lines = ["What 10 % more capacity would buy:"]
    lines += [f"- {g.text(problem)}" for g in found.gains]
    if found.gains and not any(project_id in g.added for g in found.gains):
        lines.append(f"None of these brings '{name}' in on its own: the reason above still holds.")
    if skipped := found.not_analysed_text(problem):
        lines.append(skipped)
    return lines


#: Teams at their limit ``planner explain`` lists before "and N more" (every one: --json).
MAX_BINDING_LINES = 20
#: Left-out projects ``planner explain`` lists before "and N more" (every one: --json).
MAX_LEFT_OUT_LINES = 30


def binding_lines(
    problem: Problem, pressure: Sequence[TeamPressure], limit: int = MAX_BINDING_LINES
) -> list[str]:
    """Where capacity runs short: up to ``limit`` teams at their limit or with no room for
    left-out work (the fullest first), then how many more and where every one is. At 150
    teams 75 were at their limit, and the left-out projects' count came after a screen of
    them. The heading said "Where capacity binds", solver talk a leader does not read."""
    if not pressure:
        return ["Where capacity runs short:", "- no team is short of room"]
    count = f" ({len(pressure):,} teams)" if len(pressure) > limit else ""
    lines = [f"Where capacity runs short{count}:"]
    lines += [f"- {p.text(problem)}" for p in pressure[:limit]]
    if len(pressure) > limit:
        more = len(pressure) - limit
        lines.append(f"... and {more:,} more teams short of room (every one: --json)")
    return lines


def left_out_lines(
    problem: Problem, unassigned: Sequence[Unassigned], limit: int = MAX_LEFT_OUT_LINES
) -> list[str]:
    """The left-out projects: their count by kind of reason, then up to ``limit`` of them.

    "Left out (875): 840 not weighed in the time allowed, 20 no room in the weeks it
    would run, ..." (most first) when there is more than one kind; past ``limit`` one
    line says how many more and where every one is.
    """
    kinds = Counter(u.kind for u in unassigned if u.kind)
    head = f"Left out ({len(unassigned):,})"
    if len(kinds) > 1:
        head += ": " + ", ".join(f"{n:,} {kind}" for kind, n in kinds.most_common())
    lines = [head + ":"]
    for u in unassigned[:limit]:
        lines.append(f"- {u.project_id} '{problem.project(u.project_id).name}': {u.reason}")
    if len(unassigned) > limit:
        lines.append(
            f"... and {len(unassigned) - limit:,} more left-out projects (every one: --json, "
            "or planner explain DATA_DIR PROJECT_ID for one)"
        )
    return lines
