"""``planner scenarios ...``: every what-if sub-command.

- ``planner scenarios save DATA_DIR --name N [--note T] [--parent A]`` solves a data
  folder and saves inputs, settings, plan and metrics.
- ``planner scenarios list`` / ``show A`` / ``export A OUT_DIR`` read them back
  (``export`` writes the data folder, ``plan.csv``, ``plan.xlsx`` and ``scenario.json``,
  or one zip of them when OUT_DIR ends in ``.zip``).
- ``planner scenarios compare A B`` prints what moved, loads and goals.
- ``planner scenarios sweep SOURCE --target sales --from 0.7 --to 1.3 --steps 7`` and
  ``marginal SOURCE`` answer capacity what-ifs; SOURCE is a data folder or a saved scenario.
- ``planner scenarios rename A NEW`` and ``delete A --yes``.

A scenario is named by its exact name or its id. ``--db FILE`` (or ``PLANNER_DB``) picks
the database. ``--json`` prints names exactly; the plain output shows control characters
escaped (``\\x1b``) so a name cannot drive the terminal.

Exit status: 0 done; 2 invalid input (a bad data folder, an unknown scenario, a bad name or
target: every problem on stderr); 3 no plan (the scenario was saved, but its solve found no
plan; a sweep where no point has one); 1 the scenario database cannot be used (locked by
another program, damaged...), with what to do. Never a traceback for any of these.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from planner.core import ranges
from planner.core.domain import Plan, Problem
from planner.core.errors import first_few
from planner.core.output import check_output, write_atomic, write_files_atomic
from planner.core.reading import not_a_file
from planner.core.text import (
    NO_FIGURE,
    department_words,
    escaped,
    hours,
    identifier,
    name_key,
    percent,
    points_between,
    status_label,
)
from planner.interfaces.cli import (
    DATA_HELP,
    EXIT_INVALID,
    EXIT_NO_PLAN,
    EXIT_OK,
    SETTINGS_HELP,
    command,
    failed,
    interruptibly,
    load,
    read_baseline,
    solve_interruptibly,
    with_time_limit,
)
from planner.interfaces.scenario_text import (
    comparison_json,
    count_text,
    metrics_json,
    number_text,
    print_comparison,
    print_stopped,
    print_table,
    summary_json,
)
from planner.scenarios.compare import Comparison, compare
from planner.scenarios.metrics import (
    Scenario,
    ScenarioSummary,
    check_name,
    check_note,
    new_scenario,
)
from planner.scenarios.relative import plan_moves
from planner.scenarios.storage import (
    NameTakenError,
    ScenarioNotFoundError,
    ScenarioStore,
    StorageError,
)
from planner.scenarios.storage_messages import MEMORY, database_path
from planner.scenarios.whatif import marginal_values, multipliers_between, sweep

#: The scenario database could not be used; nothing was changed.
EXIT_STORAGE = 1


class _Invalid(Exception):
    """A mistake in the command's arguments, reported as invalid input (exit 2)."""


# ---------------------------------------------------------------------------
# Output helpers
# ---------------------------------------------------------------------------


#: Text for a terminal: exact, except control and invisible characters escaped.
shown = escaped


# ---------------------------------------------------------------------------
# Arguments
# ---------------------------------------------------------------------------


def _factor(text: str) -> float:
    """A capacity factor, ``0.7`` or ``70%``, within the multipliers' range."""
    stripped = text.strip()
    percent = stripped.endswith("%")
    try:
        value = float(stripped.rstrip("%")) / (100 if percent else 1)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a capacity factor (e.g. 0.7 or 70%)"
        ) from None
    why = ranges.MULTIPLIER.problem(value)
    if why is not None:
        raise argparse.ArgumentTypeError(f"capacity factor {why.rstrip('.')}")
    return value


def _step(text: str) -> float:
    """``marginal --step``: extra capacity, a factor above 0 (0 adds nothing to compare)."""
    value = _factor(text)
    if value <= 0:
        raise argparse.ArgumentTypeError(
            f"a capacity step of {text.strip()!r} adds nothing; use a step above 0, e.g. 0.1 or 10%"
        )
    return value


def _steps(text: str) -> int:
    return int(ranges.SWEEP_STEPS.parse(text))


def _budget(text: str) -> float:
    return float(ranges.SWEEP_BUDGET.parse(text))


JSON_HELP = 'print one JSON object (errors too, as {"status": "invalid", ...})'


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        help="the scenario database file (default: $PLANNER_DB, else"
        " ~/.local/share/goal-planner/planner.duckdb, or under $XDG_DATA_HOME when set)",
    )
    sub = parser.add_subparsers(dest="scenarios_command", required=True)

    listing = sub.add_parser("list", help="every saved scenario with its headline metrics")
    listing.add_argument("--json", action="store_true", help=JSON_HELP)

    show = sub.add_parser("show", help="one scenario: metrics, note, loads, goals")
    show.add_argument("scenario", metavar="NAME_OR_ID")
    show.add_argument("--json", action="store_true", help=JSON_HELP)

    export = sub.add_parser(
        "export",
        help="write a scenario's data folder, plan.csv, plan.xlsx and scenario.json"
        " into OUT_DIR, or as one zip when OUT_DIR ends in .zip",
    )
    export.add_argument("scenario", metavar="NAME_OR_ID")
    export.add_argument("out_dir")
    export.add_argument(
        "--force", action="store_true", help="replace files of the same name in OUT_DIR"
    )
    export.add_argument("--json", action="store_true", help=JSON_HELP)

    save = sub.add_parser("save", help="solve a data folder and save it as a scenario")
    save.add_argument("data_dir", help=DATA_HELP)
    save.add_argument("--name", required=True)
    save.add_argument("--note", default="")
    save.add_argument("--parent", metavar="NAME_OR_ID", help="the scenario this one derives from")
    save.add_argument("--settings", help=SETTINGS_HELP)
    save.add_argument(
        "--time-limit", type=ranges.TIME_LIMIT.argtype(), help="seconds (overrides settings)"
    )
    save.add_argument("--json", action="store_true", help=JSON_HELP)

    comp = sub.add_parser("compare", help="what changes from scenario A to scenario B")
    comp.add_argument("a", metavar="A")
    comp.add_argument("b", metavar="B")
    comp.add_argument("--json", action="store_true", help=JSON_HELP)
    comp.add_argument("--out", metavar="FILE.xlsx", help="also write the comparison as a workbook")
    comp.add_argument("--force", action="store_true", help="replace FILE.xlsx if it exists")

    swp = sub.add_parser("sweep", help="solve with a department's or team's capacity scaled")
    swp.add_argument("source", metavar="SOURCE", help="a data folder or a saved scenario")
    swp.add_argument(
        "--target", required=True, type=identifier, help="sales, marketing or a team id"
    )
    swp.add_argument(
        "--from", dest="low", type=_factor, default=0.7, help="lowest capacity, 0.7 or 70%% (0.7)"
    )
    swp.add_argument(
        "--to", dest="high", type=_factor, default=1.3, help="highest capacity, 1.3 or 130%% (1.3)"
    )
    swp.add_argument("--steps", type=_steps, default=7, help="points from --from to --to (7)")
    _solve_options(swp)
    _baseline_options(swp)

    marg = sub.add_parser("marginal", help="each team's objective gain from more capacity")
    marg.add_argument("source", metavar="SOURCE", help="a data folder or a saved scenario")
    marg.add_argument("--step", type=_step, default=0.10, help="extra capacity (default 0.1)")
    _solve_options(marg)
    _baseline_options(marg)

    rename = sub.add_parser("rename", help="give a saved scenario a new name (and note)")
    rename.add_argument("scenario", metavar="NAME_OR_ID")
    rename.add_argument("new_name")
    rename.add_argument("--note")
    rename.add_argument("--json", action="store_true", help=JSON_HELP)

    delete = sub.add_parser("delete", help="delete a saved scenario")
    delete.add_argument("scenario", metavar="NAME_OR_ID")
    delete.add_argument("--yes", action="store_true", help="confirm the deletion")
    delete.add_argument("--json", action="store_true", help=JSON_HELP)


def _baseline_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        "--baseline",
        metavar="PLAN_CSV",
        help="the plan in force (default: a saved scenario's own plan, or the data's plan)",
    )
    group.add_argument(
        "--free",
        action="store_true",
        help="solve each point afresh instead of against the plan in force",
    )


def _solve_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--settings", help=SETTINGS_HELP)
    parser.add_argument("--time-limit", type=ranges.TIME_LIMIT.argtype(), help="seconds per solve")
    parser.add_argument(
        "--budget", type=_budget, default=120.0, help="seconds for all solves (120)"
    )
    parser.add_argument("--json", action="store_true", help=JSON_HELP)


# ---------------------------------------------------------------------------
# Running
# ---------------------------------------------------------------------------


@contextmanager
def _store(args: argparse.Namespace, *, create: bool = False) -> Iterator[ScenarioStore]:
    """The scenario database; only ``save`` (``create``) makes it where there is none.

    A mistyped ``--db`` made an empty database file (and its folders) there, and
    ``list`` said "No scenario is saved yet" as if all were well.
    """
    if create or (missing := _missing_database(args)) is None:
        with ScenarioStore.open(args.db) as store:
            yield store
        return
    try:  # an empty store in memory: every name is unknown, as in a new database
        with ScenarioStore.open(MEMORY) as store:
            yield store
    except ScenarioNotFoundError as exc:
        raise ScenarioNotFoundError(
            f"{exc} There is no scenario database at {shown(missing)}. Fix: Check --db "
            "(or PLANNER_DB); planner scenarios save makes the database."
        ) from None


def _missing_database(args: argparse.Namespace) -> str | None:
    """The database file the command names, when there is none (never the in-memory one)."""
    where = args.db or database_path()
    if where == MEMORY or Path(where).expanduser().exists():
        return None
    return str(where)


_SUMMARY = "save, list, show, export, compare, sweep, marginal, rename and delete what-ifs"


@command("scenarios", _SUMMARY)(_arguments)
def _run(args: argparse.Namespace) -> int:
    commands: dict[str, Callable[[argparse.Namespace], int]] = {
        "list": _list,
        "show": _show,
        "export": _export,
        "save": _save,
        "compare": _compare,
        "sweep": _sweep,
        "marginal": _marginal,
        "rename": _rename,
        "delete": _delete,
    }
    try:
        return commands[args.scenarios_command](args)
    except (_Invalid, ValueError, ScenarioNotFoundError, NameTakenError) as exc:
        return failed(args, _with_fix(exc), EXIT_INVALID, "invalid")
    except StorageError as exc:  # StorageUnavailableError among them
        return failed(args, str(exc), EXIT_STORAGE, "storage unavailable")


#: What to do about each kind of mistake, when its message does not say already.
_FIXES: tuple[tuple[type[Exception], str], ...] = (
    (
        NameTakenError,
        "Choose another name (planner scenarios list shows the names taken), or delete the "
        "old scenario first: planner scenarios delete NAME_OR_ID --yes.",
    ),
    (ScenarioNotFoundError, "Use a name or id that planner scenarios list shows."),
)


def _with_fix(exc: Exception) -> str:
    """The error's message, ending with the fix (every error names one)."""
    text = str(exc)
    if "Fix:" in text:
        return text
    for kind, fix in _FIXES:
        if isinstance(exc, kind):
            return f"{text} Fix: {fix}"
    return text


def _list(args: argparse.Namespace) -> int:
    if (missing := _missing_database(args)) is not None and not args.json:
        print(f"No scenario is saved yet: there is no scenario database at {shown(missing)}.")
        print("Save one: planner scenarios save DATA_DIR --name NAME")
        return EXIT_OK
    summaries: list[ScenarioSummary] = []
    if missing is None:
        with _store(args) as store:
            summaries = store.list()
    if args.json:
        print(json.dumps([summary_json(s) for s in summaries], ensure_ascii=True))
        return EXIT_OK
    if not summaries:
        print("No scenario is saved yet. Save one: planner scenarios save DATA_DIR --name NAME")
        return EXIT_OK
    rows = [
        [
            str(s.scenario_id),
            shown(s.name),
            s.created_at.strftime("%Y-%m-%d %H:%M"),
            status_label(s.metrics.status.value),
            percent(s.metrics.attainment_pct),
            percent(s.metrics.utilisation_pct),
            count_text(s.metrics.num_unassigned),
            "" if s.parent_id is None else shown(s.parent_name or f"#{s.parent_id} (deleted)"),
        ]
        for s in summaries
    ]
    header = ["id", "name", "created (UTC)", "outcome"]
    header += ["goal attainment", "utilisation", "left out", "derived from"]
    if not any(s.parent_id is not None for s in summaries):
        # "Derived from" only when a scenario was derived.
        header, rows = header[:-1], [row[:-1] for row in rows]
    print_table(header, rows)
    return EXIT_OK


def _load(store: ScenarioStore, name_or_id: str) -> Scenario:
    return store.load(store.find(name_or_id).scenario_id)


def _show(args: argparse.Namespace) -> int:
    from planner.scenarios.metrics import goal_attainment, team_loads

    with _store(args) as store:
        summary = store.find(args.scenario)
        scenario = store.load(summary.scenario_id)
    loads = team_loads(scenario.problem, scenario.plan)
    goals = goal_attainment(scenario.problem, scenario.plan) if scenario.plan else {}
    if args.json:
        out = summary_json(summary)
        out["teams"] = [
            {"team_id": i, "hours": float(t.planned_hours), "capacity": float(t.capacity_hours)}
            for i, t in loads.items()
        ]
        out["goals"] = [{"goal_id": g.goal_id, "percent": g.percent} for g in goals.values()]
        out["settings_toml"] = scenario.problem.settings.to_toml()
        print(json.dumps(out, ensure_ascii=True))
        return EXIT_OK
    m = summary.metrics
    print(f"scenario {summary.scenario_id}: {shown(summary.name)}")
    if summary.note:
        print(f"note: {shown(summary.note)}")
    # As the list writes it: "2026-12-01 12:34 UTC", not "2026-12-01T12:34:40.357490+00:00".
    print(f"created: {summary.created_at.strftime('%Y-%m-%d %H:%M')} UTC")
    if summary.parent_id is not None:
        parent = summary.parent_name or "(deleted)"
        print(f"derived from: #{summary.parent_id} {shown(parent)}")
    print(f"status: {status_label(m.status.value)}")
    print(f"goal attainment: {percent(m.attainment_pct)}")
    print(f"utilisation: {percent(m.utilisation_pct)}")
    planned, left_out = count_text(m.num_assigned), count_text(m.num_unassigned)
    print(f"projects in the plan: {planned}   left out: {left_out}")
    for reason in m.reasons:
        print(f"reason: {shown(reason)}")
    print()
    print_table(
        ["team", "department", "planned", "capacity", "utilisation"],
        [
            [
                shown(t.name),
                department_words([t.department]),
                hours(t.planned_hours),
                hours(t.capacity_hours),
                percent(t.utilisation_pct),
            ]
            for t in loads.values()
        ],
    )
    if goals:
        from planner.core.text import amount

        print()
        print_table(
            ["goal", "planned", "target", "attainment"],
            [
                [
                    shown(g.name),
                    shown(amount(g.planned, g.kpi, target=g.target)),
                    shown(amount(g.target, g.kpi)),
                    percent(g.percent),
                ]
                for g in goals.values()
            ],
        )
    gap = "unknown" if m.gap is None else number_text(m.gap * 100, 2, " %")
    print()
    print(f"advanced: optimizer objective {number_text(m.objective, 4)} points   gap: {gap}")
    return EXIT_OK


def _refuse_overwrite(paths: list[Path], fix: str = "choose an empty or new folder") -> None:
    """Never replace a file silently: name the ones in the way and the fix."""
    taken = [p for p in paths if p.exists()]
    if taken:
        names = first_few([shown(p.name) for p in taken])
        raise _Invalid(
            f"{shown(str(taken[0].parent))} already holds {names}; nothing was written. "
            f"Fix: {fix}, or add --force to replace {'it' if len(taken) == 1 else 'them'}."
        )


def _export(args: argparse.Namespace) -> int:
    from planner.interfaces.scenario_exports import scenario_files, scenario_zip

    with _store(args) as store:
        summary = store.find(args.scenario)
        scenario = store.load(summary.scenario_id)
    out = Path(args.out_dir)
    files = scenario_files(scenario, summary.parent_name)
    if out.suffix.lower() == ".zip":  # one zip, as the app's download, not a folder named .zip
        if not args.force and not out.is_dir():  # a folder: --force would not help
            _refuse_overwrite([out], fix="choose a new file name")
        write_atomic(out, scenario_zip(scenario, summary.parent_name), "OUT_DIR")
        if args.json:
            done = {"status": "written", "id": summary.scenario_id, "name": summary.name}
            print(json.dumps({**done, "zip": str(out), "files": sorted(files)}))
        else:
            print(f"wrote {shown(summary.name)!s} as one zip to {shown(str(out))}")
        return EXIT_OK
    if out.exists() and not out.is_dir():
        kind = not_a_file(out) or "is a file"  # a FIFO or a device is named as such
        raise _Invalid(f"{shown(str(out))} {kind}, not a folder. Fix: give a folder to write into.")
    if not args.force:
        _refuse_overwrite([out / name for name in files])
    # All or nothing: every file checked and on disk before the first is renamed into place.
    write_files_atomic(out, files, "OUT_DIR")
    written = "data folder, plan.csv, plan.xlsx" if scenario.plan is not None else "data folder"
    if scenario.plan is None:
        written += " (no plan)"
    if args.json:
        done = {"status": "written", "id": summary.scenario_id, "name": summary.name}
        print(json.dumps({**done, "out_dir": str(out), "files": sorted(files)}))
        return EXIT_OK
    print(f"wrote {written} and scenario.json of {shown(summary.name)!s} to {shown(str(out))}")
    return EXIT_OK


def _save(args: argparse.Namespace) -> int:
    # A blank or long name, a long note: refused before the data is solved or the
    # database made (a 20,000-character note was refused after the solve).
    check_name(args.name)
    check_note(args.note)
    problem = with_time_limit(load(args.data_dir, args.settings), args.time_limit)
    with _store(args, create=True) as store:
        # Refuse a taken name or unknown parent before spending a solve on it.
        taken = NameTakenError(f"A saved scenario is already named {shown(args.name)!s}.")
        if store.has_name(args.name):
            raise taken
        parent_id = None if args.parent is None else store.find(args.parent).scenario_id
        # A first Ctrl-C keeps the best plan so far and saves it, as solve keeps it;
        # it ended the save with nothing saved, where SPEC's exit 130 is the second.
        result, stopped = solve_interruptibly(problem)
        scenario = new_scenario(problem, result, args.name, args.note, parent_id)
        try:  # another planner may have saved the name while this one solved
            saved = store.save(scenario)
        except NameTakenError:
            raise taken from None
    if args.json:
        print(json.dumps({**summary_json(saved), "stopped_by_user": stopped}, ensure_ascii=True))
    else:
        m = saved.metrics
        print(f"saved scenario {saved.scenario_id}: {shown(saved.name)}")
        print(f"status: {status_label(m.status.value)}")
        if stopped:
            kept = "best plan so far" if m.status.has_plan else "no plan"
            print(f"stopped by the user: {kept}")
        print(f"goal attainment: {percent(m.attainment_pct)}")
        if m.objective is not None:  # "– points" said nothing a leader could use
            print(f"advanced: optimizer objective {number_text(m.objective, 4)} points")
    if not saved.metrics.status.has_plan:
        for reason in saved.metrics.reasons:
            print(shown(reason), file=sys.stderr)
        return EXIT_NO_PLAN
    return EXIT_OK


def _compare(args: argparse.Namespace) -> int:
    with _store(args) as store:
        a, b = _load(store, args.a), _load(store, args.b)
    diff = compare(a, b)
    if args.out is not None:
        _write_comparison(diff, args.out, force=args.force)
    if args.json:
        print(json.dumps(comparison_json(diff), ensure_ascii=True))
        return EXIT_OK
    print_comparison(diff)
    if args.out is not None:
        print(f"\ncomparison written to {shown(args.out)}")
    return EXIT_OK


def _write_comparison(diff: Comparison, out: str, *, force: bool) -> None:
    from planner.interfaces.scenario_exports import comparison_workbook

    if Path(out).suffix.lower() != ".xlsx":
        raise _Invalid(
            f"--out {shown(str(out))}: a comparison is written as a workbook. "
            "Fix: give a file name ending in .xlsx."
        )
    check_output(out)  # a folder (a trailing slash too), a FIFO or a device is refused
    if not force:
        _refuse_overwrite([Path(out)], "choose another file name")
    write_atomic(out, comparison_workbook(diff))  # all at once: never half a workbook


def _progress(done: int, total: int) -> None:
    if sys.stderr.isatty() or done == total:  # in a log the \r steps ran together
        print(f"\rsolved {done}/{total}", end="" if done < total else "\n", file=sys.stderr)


def _scenario_named(args: argparse.Namespace) -> ScenarioSummary | None:
    """The saved scenario named ``args.source``, if the database exists and has one."""
    if not Path(args.db or database_path()).is_file():
        return None  # never created for a sweep of a folder
    try:
        with _store(args) as store:
            found = store.find(args.source)
    except (StorageError, ScenarioNotFoundError, ValueError):
        return None
    return found if name_key(found.name) == name_key(args.source) else None


def _source_and_plan(
    args: argparse.Namespace, check: Callable[[Problem], None] = lambda _problem: None
) -> tuple[Problem, Plan | None]:
    """The problem, and the plan in force each what-if is solved against.

    ``--free``: none. ``--baseline``: that plan.csv. A saved scenario: its own
    plan. A data folder: the plan the data gets (one solve, after ``check``).
    """
    source = Path(args.source)
    # A workbook or a zip is data too (SPEC: wherever a data folder is read).
    is_data = source.is_dir() or (source.is_file() and source.suffix.lower() in (".xlsx", ".zip"))
    if is_data and (same := _scenario_named(args)) is not None:
        # Read as the folder, in silence: the leader who meant the scenario got other figures.
        raise _Invalid(
            f"'{shown(args.source)}' is both data here and the name of saved scenario "
            f"#{same.scenario_id}. Fix: Write ./{shown(args.source)} for the data, or "
            f"#{same.scenario_id} for the scenario."
        )
    if not is_data:
        with _store(args) as store:
            scenario = _load(store, args.source)
        check(scenario.problem)
        if args.free:
            return scenario.problem, None
        if args.baseline is None:
            return scenario.problem, scenario.plan
        return scenario.problem, read_baseline(scenario.problem, args.baseline)[0]
    problem = load(args.source, args.settings)
    check(problem)
    if args.free:
        return problem, None
    if args.baseline is not None:
        return problem, read_baseline(problem, args.baseline)[0]
    from planner.solving.solver import solve

    if not args.json:
        print("solving the plan in force first...", file=sys.stderr)
    return problem, solve(with_time_limit(problem, args.time_limit)).plan


def _sweep(args: argparse.Namespace) -> int:
    from planner.scenarios.whatif import capacity_targets

    def check(problem: Problem) -> None:
        targets = capacity_targets(problem)
        if args.target not in targets:
            raise _Invalid(
                f"--target {shown(repr(args.target))} is neither a department nor a team "
                f"here. Fix: Use one of {', '.join(shown(t) for t in targets)}."
            )
        if args.low > args.high:
            raise _Invalid(f"--from {args.low:g} is above --to {args.high:g}. Fix: Swap them.")
        multipliers_between(args.low, args.high, args.steps)  # before the plan in force is solved

    problem, baseline = _source_and_plan(args, check)
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
        print(
            json.dumps(
                [
                    {
                        "factor": p.factor,
                        "capacity_hours": float(p.capacity_hours),
                        **metrics_json(p.metrics),
                        "goals": p.goals,
                        "carried_from": p.carried_from,
                        **_changes_json(problem, baseline, p.plan),
                    }
                    for p in points
                ],
                ensure_ascii=True,
            )
        )
    else:
        against = baseline is not None
        if against:
            print("changes: projects of the plan in force moved to other teams or dropped")
        print_table(
            ["capacity", "hours", "outcome", "goal attainment", "left out"]
            + (["changes", "added"] if against else [])
            + ["note"],
            [
                [
                    f"{100 * p.factor:.0f} %",
                    hours(p.capacity_hours),
                    status_label(p.metrics.status.value),
                    percent(p.metrics.attainment_pct),
                    count_text(p.metrics.num_unassigned),
                    *(_changes(problem, baseline, p.plan) if against else []),
                    shown(p.note),
                ]
                for p in points
            ],
        )
    return EXIT_OK if any(p.metrics.status.has_plan for p in points) else EXIT_NO_PLAN


def _changes(problem: Problem, baseline: Plan | None, plan: Plan | None) -> list[str]:
    """(changes, added) of ``plan`` against the plan in force, as table cells."""
    if baseline is None or plan is None:
        return ["", ""]
    moved, dropped, added = plan_moves(baseline, plan, problem)
    return [count_text(len(moved) + len(dropped)), count_text(len(added))]


def _changes_json(problem: Problem, baseline: Plan | None, plan: Plan | None) -> dict[str, Any]:
    if baseline is None or plan is None:
        return {"against_plan_in_force": baseline is not None}
    moved, dropped, added = plan_moves(baseline, plan, problem)
    return {
        "against_plan_in_force": True,
        "moved": [m.project_id for m in moved],
        "dropped": [m.project_id for m in dropped],
        "added": [m.project_id for m in added],
    }


def _marginal(args: argparse.Namespace) -> int:
    problem, baseline = _source_and_plan(args)
    report, stopped = interruptibly(
        lambda cancel: marginal_values(
            problem,
            args.step,
            time_limit_s=args.time_limit,
            budget_s=args.budget,
            progress=None if args.json else _progress,
            baseline=baseline,
            cancel=cancel,
        )
    )
    print_stopped(stopped)
    if args.json:
        print(
            json.dumps(
                {
                    "step": report.step,
                    "base": metrics_json(report.base.metrics),
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
        return EXIT_OK
    base = report.base.metrics
    outcome = status_label(base.status.value)
    print(f"base: {outcome}, goal attainment {percent(base.attainment_pct)}")
    print(f"what +{100 * report.step:.0f} % capacity would do, best first:")
    print_table(
        ["team", "department", "extra hours", "goal attainment", "outcome", "advanced: gain"],
        [
            [
                shown(v.name),
                department_words([v.department]),
                hours(v.extra_hours),
                NO_FIGURE if v.attainment_gain is None else points_between(0, v.attainment_gain),
                f"{status_label(v.status.value)}, base plan kept"
                if v.carried
                else status_label(v.status.value),
                number_text(v.gain, 3),
            ]
            for v in report.values
        ],
    )
    return EXIT_OK if base.status.has_plan else EXIT_NO_PLAN


def _rename(args: argparse.Namespace) -> int:
    with _store(args) as store:
        found = store.find(args.scenario)
        renamed = store.rename(found.scenario_id, args.new_name, args.note)
    if args.json:
        print(json.dumps({**summary_json(renamed), "renamed": True}))  # its row, as in list
        return EXIT_OK
    print(f"scenario {renamed.scenario_id} is now named {shown(renamed.name)}")
    return EXIT_OK


def _delete(args: argparse.Namespace) -> int:
    with _store(args) as store:
        found = store.find(args.scenario)
        if not args.yes:
            raise _Invalid(
                f"deleting {shown(found.name)!s} (#{found.scenario_id}) cannot be undone; "
                "add --yes to confirm"
            )
        store.delete(found.scenario_id)
    if args.json:
        print(json.dumps({"status": "deleted", "id": found.scenario_id, "name": found.name}))
        return EXIT_OK
    print(f"deleted scenario {found.scenario_id}: {shown(found.name)}")
    return EXIT_OK
