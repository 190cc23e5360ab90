"""``planner scenarios save``: a data folder planned and saved as a scenario.

The checks that need no solve come first (a name taken, the database's place); the plan is
kept close to ``--parent``'s when the data is a what-if or an edit of its inputs, else
planned afresh; the same inputs and plan saved already (under any name, or by another save
running at the same time) are said "already saved" and nothing new is saved. Then what the
save says: the scenario, its database, its status and goal attainment, and how its plan
stands to its parent's."""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import TYPE_CHECKING

from planner.core import ranges
from planner.core.shown_figures import percent
from planner.core.status_words import status_sentence, status_words
from planner.interfaces.cli import (
    DATA_HELP,
    EXIT_NO_PLAN,
    EXIT_OK,
    SETTINGS_HELP,
    TIME_LIMIT_HELP,
    interruptibly,
    load,
    solve_interruptibly,
    with_time_limit,
)
from planner.interfaces.scenario_args import JSON_HELP, shown
from planner.interfaces.scenario_database import (
    load_scenario,
    missing_database,
    open_store,
)
from planner.interfaces.scenario_save_names import (
    saved_under_the_name,
    taken_before_solving,
    taken_now,
)

if TYPE_CHECKING:
    from planner.core.domain import Plan, Problem, Result
    from planner.scenarios.id_renames import Renamed
    from planner.scenarios.relative import RelativeResult
    from planner.scenarios.scenario import Scenario, ScenarioSummary
    from planner.scenarios.storage import ScenarioStore


def add_save_command(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """``scenarios save`` and its arguments, under ``planner scenarios`` (``sub``: its
    sub-parsers)."""
    save = sub.add_parser(
        "save",
        help="plan a quarter's data (a folder, a workbook or a zip) and save it as a scenario",
    )
    save.add_argument("data_dir", help=DATA_HELP)
    save.add_argument("--name", required=True, help="the scenario's name, unique in the database")
    save.add_argument("--note", default="", help="a line on what it is for (optional)")
    save.add_argument(
        "--parent",
        metavar="NAME_OR_ID",
        help="the scenario this one is built on; a what-if of its data (other settings) "
        "is kept close to its plan, as the app keeps a what-if close to the current plan "
        "(without it, planned afresh and built on no scenario)",
    )
    save.add_argument(
        "--free",
        action="store_true",
        help="with --parent: plan from scratch instead of keeping close to its plan",
    )
    save.add_argument("--settings", help=SETTINGS_HELP)
    save.add_argument("--time-limit", type=ranges.TIME_LIMIT.argtype(), help=TIME_LIMIT_HELP)
    save.add_argument("--json", action="store_true", help=JSON_HELP)


def save_command(args: argparse.Namespace) -> int:
    """``scenarios save``: the checks that need no solve, the solve, the save, its lines."""
    from planner.scenarios.scenario import new_scenario

    taken = taken_before_solving(args)
    problem = with_time_limit(load(args.data_dir, args.settings), args.time_limit)
    made = missing_database(args)  # said after the save: where the new database is
    with open_store(args, create=True) as store:
        # Again: another planner may have saved the name while this one read the data (two
        # saves of the same data at once: the second was refused, "already has this name").
        taken = taken or taken_now(store, args.name)
        if taken is not None and (twin := saved_under_the_name(store, taken, problem, args)):
            # The same save run again: SPEC's "saved already (under any name)", exit 0.
            where = (made, store.made)
            _print_saved(
                args, problem, twin, None, None, same=True, stopped=False, where=where, solved=False
            )
            return EXIT_OK if twin.metrics.status.has_plan else EXIT_NO_PLAN
        if taken is not None:
            raise taken
        parent = None if args.parent is None else load_scenario(store, args.parent)
        result, stopped, relative = _solve_to_save(args, problem, parent)
        scenario = new_scenario(
            problem,
            result,
            args.name,
            args.note,
            None if parent is None else parent.scenario_id,
            kept_close=None if relative is None else relative.tolerance,
        )
        saved, same, solved = _saved(store, scenario, args)
    where = (made, store.made)
    _print_saved(
        args,
        problem,
        saved,
        parent,
        relative,
        same=same,
        stopped=stopped,
        where=where,
        solved=solved,
    )
    if not saved.metrics.status.has_plan:
        for reason in saved.metrics.reasons:
            print(shown(reason), file=sys.stderr)
        return EXIT_NO_PLAN
    return EXIT_OK


def _solve_to_save(
    args: argparse.Namespace, problem: Problem, parent: Scenario | None
) -> tuple[Result, bool, RelativeResult | None]:
    """The plan to save: kept close to the parent's plan when ``problem`` is a what-if or an
    edit of its inputs, else afresh; whether a first Ctrl-C stopped it, and the kept plan's
    result. A first Ctrl-C keeps the best plan so far and saves it, as solve keeps it; it
    ended the save with nothing saved, where SPEC's exit 130 is the second."""
    in_force = None if parent is None or args.free else _parent_plan(problem, parent)
    if parent is None or in_force is None:
        result, stopped = solve_interruptibly(problem)
        return result, stopped, None
    from planner.scenarios.relative import solve_relative

    renamed = _renamed(problem, parent)
    found, stopped = interruptibly(
        lambda cancel: solve_relative(
            problem, in_force, cancel=cancel, renamed=renamed, before=parent.problem
        )
    )
    return found.result, stopped, found


def _saved(
    store: ScenarioStore, scenario: Scenario, args: argparse.Namespace
) -> tuple[ScenarioSummary, bool, bool]:
    """``scenario`` saved, or the one saved already; whether it was (nothing new saved), and
    whether by its inputs and plan (False: by the name, the data and settings, its plan
    standing).

    The same inputs and plan saved already, under another name: the Scenarios page says
    "Already saved as #1" and saves nothing; a second row set the plan against its own twin
    in the list and in compare. Another planner may have saved the name while this one
    solved: the same save (its data, settings and parent) is "already saved"; else the
    store's NameTakenError says it as the check before the solve does."""
    from planner.scenarios.copies import saved_copy
    from planner.scenarios.storage import NameTakenError

    try:
        with store.held():  # no other save between the check and this save
            if scenario.plan is not None and (
                same := saved_copy(store, scenario.problem, scenario.plan, scenario.checkin)
            ):
                return same, True, True
            return store.save(scenario), False, True
    except NameTakenError as late:
        if (twin := saved_under_the_name(store, late, scenario.problem, args)) is None:
            raise
        return twin, True, False


def _print_saved(
    args: argparse.Namespace,
    problem: Problem,
    saved: ScenarioSummary,
    parent: Scenario | None,
    relative: RelativeResult | None,
    *,
    same: bool,
    stopped: bool,
    where: tuple[str | None, bool] = (None, True),
    solved: bool = True,
) -> None:
    """What ``scenarios save`` says of the scenario saved (``same``: an earlier one with the
    same inputs and plan, nothing new saved; ``solved``: False when the save run again
    found its scenario by its name, before solving or after; ``where``: the database missing
    when the save started, said where it is, and whether this save made it, not another save
    running at the same time): JSON with ``--json``, else its lines."""
    from planner.interfaces.optimizer_score import analysts_line
    from planner.interfaces.scenario_text import summary_json

    if args.json:
        print(
            json.dumps(
                {
                    **summary_json(saved),
                    "already_saved": same,
                    "stopped_by_user": stopped,
                    "kept_close_to_parent": relative is not None,
                },
                ensure_ascii=True,
            )
        )
        return
    m = saved.metrics
    if same:
        what = "inputs and plan" if solved else "data and settings; its plan stands"
        print(
            f"already saved as scenario {saved.scenario_id}: {shown(saved.name)}, the same "
            f"{what}. Nothing new was saved; to give it another name: planner "
            f"scenarios rename {saved.scenario_id} NEW_NAME"
        )
    else:
        print(f"saved scenario {saved.scenario_id}: {shown(saved.name)}")
    made, made_here = where
    if made is not None:
        path = shown(os.path.abspath(os.path.expanduser(made)))
        if same:
            # Three identical saves at once into no database: the third said "in a new
            # scenario database" of the scenario another save had put there.
            made_by = (
                "this save made it, and another save" if made_here else "another save made it and"
            )
            print(
                f"in the scenario database {path}, new: {made_by} put the scenario there "
                "while this one ran"
            )
        elif made_here:
            print(f"in a new scenario database: {path}")
        else:
            print(f"in the scenario database {path}, which another save made while this one ran")
    weights = problem.settings.weights
    # Kept close, the status line says how far short of the best it may fall, as solve
    # --baseline's does: the re-plan from scratch's sentence below no longer repeats it.
    said = (
        status_sentence(m.status.value, m.seconds, m.gap, m.kept_close, weights)
        if m.kept_close is not None and m.status.value == "feasible"
        else status_words(m.status.value, m.gap, m.kept_close, weights)
    )
    print(f"status: {said}")
    if stopped:
        kept = "best plan so far" if m.status.has_plan else "no plan"
        print(f"stopped by the user: {kept}")
    print(f"goal attainment: {percent(m.attainment_pct)}")
    if parent is not None:
        print(_against_parent(problem, parent, relative, free=args.free))
    # Last and marked for analysts, as solve ends ("– points" said nothing: no line).
    unsaid = None if m.kept_close is None else m.gap  # not said by the status line
    score = analysts_line(m.objective, m.bound, weights, gap=unsaid, goals=bool(problem.goals))
    if score is not None:
        print(score)


def _parent_plan(problem: Problem, parent: Scenario) -> Plan | None:
    """The parent's plan, when ``problem`` is a what-if of its inputs (SPEC: what-ifs against
    the current plan) or an edit of its data, as the Data page re-plans one (a goal's target
    raised, a project's hours); a check-in's re-plan or another quarter's data has none to
    keep close to. A goal raised and saved so planned from scratch and moved 4 projects to
    other weeks, where the page and ``solve --baseline-data`` moved none."""
    from planner.scenarios.relative import is_edit_of, is_what_if

    if parent.plan is None or parent.checkin is not None:
        return None
    kept = is_what_if(problem, parent.problem) or is_edit_of(problem, parent.problem)
    return parent.plan if kept else None


def _renamed(problem: Problem, parent: Scenario) -> Renamed:
    """The projects and teams whose id an edit of the parent's data changed (the Data page's
    rule, :func:`~planner.scenarios.id_renames.renamed_ids`): the same ones, kept."""
    from planner.scenarios.id_renames import renamed_ids

    return renamed_ids(parent.problem, problem)


def _against_parent(
    problem: Problem, parent: Scenario, relative: RelativeResult | None, *, free: bool
) -> str:
    """How the plan stands to its parent's, as the Constraints page says a what-if."""
    from planner.scenarios.free_replan_words import (
        free_replan_words,
        same_plan_runs,
        same_plan_words,
    )
    from planner.scenarios.relative_words import (
        change_label,
        goal_shift_words,
        hours_fall_words,
        hours_gain_words,
    )
    from planner.scenarios.relative_words import summary as relative_summary

    name = f"#{parent.scenario_id} {shown(parent.name)}"
    if relative is not None:
        label = change_label(parent.problem, problem)
        if label == "the change":  # nothing the page names differs: as solve --baseline says it
            label = f"the same inputs as {name}"
        words = relative_summary(parent.problem, problem, relative, label=label)
        if relative.result.plan is None:  # nothing kept close, no re-plan from scratch to weigh
            return f"what-if of {name}'s plan. {shown(words)}"
        # Project and goal names are the data's: escaped, as every line of this command.
        lines = [f"kept close to {name}'s plan. {shown(words)}"]
        # Which goals it raises and lowers, in their own units, and where a department's
        # hours went, as solve --baseline and the Constraints page say them under the line:
        # the save said none of it, where compare of the two gives each goal and hours.
        before = parent.problem
        lines += [
            shown(said)
            for said in (
                *goal_shift_words(before, problem, relative),
                *hours_fall_words(before, problem, relative),
                *hours_gain_words(before, problem, relative),
            )
        ]
        moved, dropped, added = relative.free_changes
        if not relative.free_gives_this_plan:
            lines.append(free_replan_words(problem, relative))
        elif (
            moved
            or dropped
            or added
            or relative.free_rescheduled
            or same_plan_runs(problem, relative)
        ):
            # As solve --baseline and the page say it; the projects' names escaped.
            lines.append(shown(same_plan_words(problem, relative)))
        return "\n".join(lines)
    if free:
        return f"planned from scratch (--free), not kept close to {name}'s plan."
    if parent.plan is None:
        return f"planned from scratch: {name} has no plan to keep close to."
    if parent.checkin is not None:
        return f"planned from scratch: {name} is a check-in's re-plan of the weeks left."
    return (
        f"planned from scratch: the data shares no project with {name}'s, so it is other data, "
        "not an edit of it, and its plan is not one to keep close to."
    )
