"""``planner scenarios ...``: every what-if sub-command.

- ``planner scenarios save DATA_DIR --name N [--note T] [--parent A]`` solves a data
  folder and saves inputs, settings, plan and metrics (its own module: ``scenario_save_cli``).
- ``planner scenarios list`` / ``show A`` / ``export A OUT_DIR`` read them back
  (``export`` writes the data folder, ``plan.csv``, ``plan.xlsx`` and ``scenario.json``,
  or one zip of them when OUT_DIR ends in ``.zip``).
- ``planner scenarios compare A B`` prints what moved, loads and goals.
- ``planner scenarios sweep SOURCE --target sales --from 0.7 --to 1.3 --steps 7`` and
  ``marginal SOURCE`` answer capacity what-ifs; SOURCE is the data (a folder, a workbook
  or a zip) or a saved scenario (their own module: ``whatif_cli``).
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
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from planner.core.errors import InputIssue, InvalidInputError
from planner.core.machine_figures import chance_figure
from planner.core.output import check_output, write_atomic, write_files_atomic
from planner.core.shared_words import BOTH_DEPARTMENTS_LABEL
from planner.core.shown_figures import first_few, percent
from planner.core.slashes import ends_in_slash, slash_words
from planner.core.status_words import status_label
from planner.core.typed_paths import folder_as_read
from planner.interfaces.cli import (
    EXIT_INVALID,
    EXIT_OK,
    command,
    failed,
)
from planner.interfaces.cli_paths import OUTPUT_PLACE, file_there_refused
from planner.interfaces.scenario_args import JSON_HELP, Invalid, shown
from planner.interfaces.scenario_database import (
    load_scenario,
    missing_database,
    no_database_at,
    open_store,
)
from planner.interfaces.scenario_save_cli import add_save_command, save_command
from planner.interfaces.whatif_cli import add_whatif_commands, marginal_command, sweep_command

if TYPE_CHECKING:
    from planner.scenarios.compare import Comparison
    from planner.scenarios.metrics import GoalFigures, PlanMetrics
    from planner.scenarios.scenario import Scenario, ScenarioSummary

#: The scenario database could not be used; nothing was changed.
EXIT_STORAGE = 1


_DB_HELP = (
    "the scenario database file (default: $PLANNER_DB, else"
    " ~/.local/share/goal-planner/planner.duckdb, or under $XDG_DATA_HOME when set)"
)


#: What a scenario argument takes (``scenarios list`` shows both).
SCENARIO_HELP = "a saved scenario's name or id, as scenarios list shows them"


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", help=_DB_HELP)
    # COMMAND in the usage and the errors: "required: scenarios_command" named our variable.
    sub = parser.add_subparsers(dest="scenarios_command", required=True, metavar="COMMAND")

    # In the order the command's help names them ("save, list, show, ..."), as README uses them.
    add_save_command(sub)

    listing = sub.add_parser("list", help="every saved scenario with its headline metrics")
    listing.add_argument("--json", action="store_true", help=JSON_HELP)

    show = sub.add_parser("show", help="one scenario: metrics, note, loads, goals")
    show.add_argument("scenario", metavar="NAME_OR_ID", help=SCENARIO_HELP)
    show.add_argument("--json", action="store_true", help=JSON_HELP)

    export = sub.add_parser(
        "export",
        help="write a scenario's data folder, plan.csv, plan.xlsx and scenario.json"
        " into OUT_DIR, or as one zip when OUT_DIR ends in .zip",
    )
    export.add_argument("scenario", metavar="NAME_OR_ID", help=SCENARIO_HELP)
    export.add_argument(
        "out_dir",
        help=f"a folder to write into (made if new), or a name ending in .zip; {OUTPUT_PLACE}",
    )
    export.add_argument(
        "--force", action="store_true", help="replace files of the same name in OUT_DIR"
    )
    export.add_argument("--json", action="store_true", help=JSON_HELP)

    comp = sub.add_parser("compare", help="what changes from scenario A to scenario B")
    comp.add_argument("a", metavar="A", help="the scenario to compare from: " + SCENARIO_HELP)
    comp.add_argument("b", metavar="B", help="the scenario to compare with: " + SCENARIO_HELP)
    comp.add_argument("--json", action="store_true", help=JSON_HELP)
    comp.add_argument(
        "--out",
        metavar="COMPARISON_XLSX",
        help=f"also write the comparison as a workbook, {OUTPUT_PLACE}",
    )
    comp.add_argument("--force", action="store_true", help="replace COMPARISON_XLSX if it exists")

    add_whatif_commands(sub)

    rename = sub.add_parser("rename", help="give a saved scenario a new name (and note)")
    rename.add_argument("scenario", metavar="NAME_OR_ID", help=SCENARIO_HELP)
    rename.add_argument("new_name", help="its new name, unique in the database")
    rename.add_argument("--note", help="a new note (the old one stays when not given)")
    rename.add_argument("--json", action="store_true", help=JSON_HELP)

    delete = sub.add_parser("delete", help="delete a saved scenario")
    delete.add_argument("scenario", metavar="NAME_OR_ID", help=SCENARIO_HELP)
    delete.add_argument(
        "--yes",
        action="store_true",
        help="confirm the deletion (without it, nothing is deleted and the command says so)",
    )
    delete.add_argument("--json", action="store_true", help=JSON_HELP)

    # ``planner scenarios list --db FILE`` reads as naturally as ``scenarios --db FILE list``
    # (it was refused as an unrecognised argument); given there, it wins.
    for command_parser in sub.choices.values():
        command_parser.add_argument("--db", help=_DB_HELP, default=argparse.SUPPRESS)


# ---------------------------------------------------------------------------
# Running
# ---------------------------------------------------------------------------


_SUMMARY = "save, list, show, export, compare, sweep, marginal, rename and delete what-ifs"


@command("scenarios", _SUMMARY)(_arguments)
def _run(args: argparse.Namespace) -> int:
    from planner.scenarios.storage import NameTakenError, ScenarioNotFoundError, StorageError

    commands: dict[str, Callable[[argparse.Namespace], int]] = {
        "list": _list,
        "show": _show,
        "export": _export,
        "save": save_command,
        "compare": _compare,
        "sweep": sweep_command,
        "marginal": marginal_command,
        "rename": _rename,
        "delete": _delete,
    }
    try:
        return commands[args.scenarios_command](args)
    except (Invalid, ValueError, ScenarioNotFoundError, NameTakenError) as exc:
        return failed(args, _with_fix(exc), EXIT_INVALID, "invalid")
    except StorageError as exc:  # StorageUnavailableError among them
        from planner.scenarios.storage_messages import in_command_words

        return failed(args, in_command_words(str(exc)), EXIT_STORAGE, "storage unavailable")


def _with_fix(exc: Exception) -> str:
    """The error's message, ending with the fix (every error names one).

    A name or an id the leader typed may hold "Fix:" itself ("a Fix: b" is a name like
    any other): an unknown or taken name is given its fix whatever its message holds.
    """
    from planner.scenarios.database import name_taken
    from planner.scenarios.storage import NameTakenError, ScenarioNotFoundError

    # What to do about each kind of mistake, when its message does not say already.
    fixes: tuple[tuple[type[Exception], str], ...] = (
        (
            NameTakenError,
            "Choose another name (planner scenarios list shows the names taken), or delete "
            "the old scenario first: planner scenarios delete NAME_OR_ID --yes.",
        ),
        (ScenarioNotFoundError, "Use a name or id that planner scenarios list shows."),
    )
    text = str(exc)
    if isinstance(exc, NameTakenError) and exc.holder is not None:
        # Which scenario holds it, without the store's "choose a different one": the fix
        # below says it ("... choose a different one. Fix: Choose another name ...").
        text = name_taken(*exc.holder, with_advice=False, alike=exc.alike)
    if own := getattr(exc, "fix", ""):
        return f"{text} Fix: {own}"
    for kind, fix in fixes:
        if isinstance(exc, kind):
            return f"{text} Fix: {fix}"
    return text


def _list(args: argparse.Namespace) -> int:
    from planner.interfaces.scenario_text import count_text, list_json, note_cell, print_table
    from planner.scenarios.scenario import OWN_WEIGHTS, weighed_apart, weighed_apart_words

    if (missing := missing_database(args)) is not None and not args.json:
        print(f"No scenario is saved yet: there is {no_database_at(missing, args)}")
        print("Save one: planner scenarios save DATA_DIR --name NAME")
        return EXIT_OK
    summaries: list[ScenarioSummary] = []
    if missing is None:
        with open_store(args) as store:
            summaries = store.list()
    apart = {a.scenario_id: a for a in weighed_apart(summaries)}
    if args.json:
        print(json.dumps(list_json(summaries, apart), ensure_ascii=True))
        return EXIT_OK
    if not summaries:
        print("No scenario is saved yet. Save one: planner scenarios save DATA_DIR --name NAME")
        return EXIT_OK
    rows = [
        [
            str(s.scenario_id),
            shown(s.name),
            s.created_at.strftime("%Y-%m-%d %H:%M"),
            status_label(s.metrics.status.value, s.metrics.kept_close),
            percent(s.metrics.attainment_pct)
            + (f" {OWN_WEIGHTS}" if s.scenario_id in apart else ""),
            percent(s.metrics.utilisation_pct),
            count_text(s.metrics.num_unassigned),
            "" if s.parent_id is None else shown(s.parent_name or f"#{s.parent_id} (deleted)"),
            note_cell(s.note),
        ]
        for s in summaries
    ]
    header = ["id", "name", "created (UTC)", "outcome"]
    header += [
        "goal attainment",
        BOTH_DEPARTMENTS_LABEL,
        "left out",
        "built on",
        "note",
    ]
    # "Built on" only when a scenario was built on another, "note" only when one has a note.
    kept = [
        i
        for i, h in enumerate(header)
        if (h != "built on" or any(s.parent_id is not None for s in summaries))
        and (h != "note" or any(s.note.strip() for s in summaries))
    ]
    header = [header[i] for i in kept]
    rows = [[row[i] for i in kept] for row in rows]
    print_table(header, rows)
    if (words := weighed_apart_words(tuple(apart.values()), shown)) is not None:
        print(f"\n{words}")
    return EXIT_OK


def _scenario_json(
    summary: ScenarioSummary,
    scenario: Scenario,
    figures: PlanMetrics,
    goals: Mapping[str, GoalFigures],
    chances: Mapping[str, float | None],
) -> dict[str, object]:
    """``scenarios show --json``: the summary's fields, each team's hours against its
    capacity, each goal's percent and chance, the settings and the met goals not kept."""
    from planner.interfaces.scenario_text import summary_json

    out = summary_json(summary)
    out["teams"] = [
        {
            "team_id": t.team_id,
            "hours": float(t.planned_hours),
            "capacity": float(t.in_force_hours),
        }
        for t in figures.teams
    ]
    out["goals"] = [
        {
            "goal_id": g.goal_id,
            "percent": g.percent,
            "chance": chance_figure(chances.get(g.goal_id)),
        }
        for g in goals.values()
    ]
    out["settings_toml"] = scenario.problem.settings.to_toml()
    out["met_goals_not_kept"] = list(scenario.met_unkept)
    return out


def _show(args: argparse.Namespace) -> int:
    from planner.interfaces.optimizer_score import analysts_line
    from planner.interfaces.scenario_text import (
        print_goals,
        print_summary,
        print_teams,
        weeks_left,
    )
    from planner.scenarios.compare import quarter_end_goals
    from planner.scenarios.met_goals import unkept_words
    from planner.scenarios.metrics import plan_metrics
    from planner.scenarios.odds import scenario_chances

    with open_store(args) as store:
        summary = store.find(args.scenario)
        scenario = store.load(summary.scenario_id)
    # The teams' hours as its utilisation counts them (a check-in's: the hours left); its
    # goals at the quarter's end, as its goal attainment, Compare and the Check-in page
    # have them (not the rest of each target).
    figures = plan_metrics(scenario.problem, scenario.plan)
    goals = quarter_end_goals(scenario)
    chances = scenario_chances(scenario)  # as Compare reads them, from the same draws
    if args.json:
        print(
            json.dumps(
                _scenario_json(summary, scenario, figures, goals, chances), ensure_ascii=True
            )
        )
        return EXIT_OK
    print_summary(
        summary,
        checked_in=scenario.checkin is not None,
        weights=scenario.problem.settings.weights,
    )
    print()
    # At the quarter's last week nothing was re-planned: no teams at 0 h, no score of 0.00.
    if over := scenario.checkin is not None and scenario.checkin.elapsed_share >= 1:
        print("no weeks are left in the quarter: this check-in records how the quarter ended")
    elif scenario.checkin is not None:
        # The teams are the weeks left, under the quarter's headline: said, or Demand Gen's
        # 744 h read against the 1,340 h Compare and the Overview give it.
        print(
            weeks_left(float(scenario.checkin.weeks_elapsed), float(scenario.checkin.quarter_weeks))
        )
    if not over:
        print_teams(figures)
    if goals:
        print()
        print_goals(goals, chances)
    if scenario.met_unkept:
        print(shown(unkept_words(scenario.met_unkept)))
    m = summary.metrics
    # Last and marked for analysts, as solve ends; the status line above says how far short
    # of the best possible the plan may be ("– points" said nothing: no line).
    kept = None if m.kept_close is None else m.gap  # not said by the status line
    weights = scenario.problem.settings.weights
    score = analysts_line(
        m.objective, m.bound, weights, gap=kept, goals=bool(scenario.problem.goals)
    )
    if score is not None and not over:
        print()
        print(score)
    return EXIT_OK


def _refuse_overwrite(paths: list[Path]) -> None:
    """Never replace a file silently: name the ones in the way and the fix."""
    taken = [p for p in paths if p.exists()]
    if taken:
        names = first_few([shown(p.name) for p in taken])
        folder = taken[0].parent
        # ". already holds comparison.xlsx" named the current folder as a path does.
        where = "this folder" if folder == Path() else shown(str(folder))
        them = "it" if len(taken) == 1 else "them"
        raise Invalid(
            f"{where} already holds {names}; nothing was written. "
            f"Fix: Choose an empty or new folder, or add --force to replace {them}."
        )


def _export(args: argparse.Namespace) -> int:
    from planner.core.reading import not_a_file
    from planner.interfaces.scenario_exports import scenario_files, scenario_zip

    _refuse_slash_after_a_file(args.out_dir)
    with open_store(args) as store:
        summary = store.find(args.scenario)
        scenario = store.load(summary.scenario_id)
    out = Path(args.out_dir)
    files = scenario_files(scenario, summary.parent_name)
    if out.suffix.lower() == ".zip":  # one zip, as the app's download, not a folder named .zip
        if not args.force and out.exists() and not out.is_dir():  # a folder: --force won't help
            # What --force would not help with first (standard output sent there, the
            # database); then the file by its name: ". already holds q3.zip" named the
            # current folder, and after --force the zip was refused as standard output.
            check_output(out, "OUT_DIR")
            raise file_there_refused("OUT_DIR", args.out_dir)
        zipped = scenario_zip(scenario, summary.parent_name)
        write_atomic(out, zipped, "OUT_DIR", replace=args.force)
        if args.json:
            done = {"status": "written", "id": summary.scenario_id, "name": summary.name}
            print(json.dumps({**done, "zip": str(out), "files": sorted(files)}))
        else:
            print(f"wrote {shown(summary.name)!s} as one zip to {shown(args.out_dir)}")  # as typed
        return EXIT_OK
    if not out.is_dir() and _file_suffix(out):
        # A folder under a file's name (q3.xlsx holding CSV files): nothing opens it.
        raise Invalid(
            f"OUT_DIR {shown(str(out))}: export writes a folder or one .zip, not a "
            f"{_file_suffix(out)} file. Fix: Name it {shown(out.name[: -len(_file_suffix(out))])}"
            f".zip for one file, or leave out {_file_suffix(out)} for a folder."
        )
    if out.exists() and not out.is_dir():
        kind = not_a_file(out) or "is a file"  # a FIFO or a device is named as such
        # Named by its argument, as generate names it ('/dev/full is a device' said neither
        # OUT_DIR nor "nothing was written", and --json's problem had no file).
        said = InputIssue(
            f"OUT_DIR {shown(args.out_dir)}", None, None, f"{kind}, not a folder.",
            "Give a folder to write into (a new one is made), or a name ending in .zip.",
        )  # fmt: skip
        raise InvalidInputError([said])
    if not args.force:
        _refuse_overwrite([out / name for name in files])
    # All or nothing: every file checked and on disk before the first is renamed into place.
    write_files_atomic(out, files, "OUT_DIR", replace=args.force)
    written = "data folder, plan.csv, plan.xlsx" if scenario.plan is not None else "data folder"
    if scenario.plan is None:
        written += " (no plan)"
    if args.json:
        done = {"status": "written", "id": summary.scenario_id, "name": summary.name}
        print(json.dumps({**done, "out_dir": str(out), "files": sorted(files)}))
        return EXIT_OK
    to = folder_as_read(args.out_dir)  # as typed, as every command's report names its output
    print(f"wrote {written} and scenario.json of {shown(summary.name)!s} to {to}")
    return EXIT_OK


#: Names of files a scenario is not exported as (a folder or a .zip is).
_FILE_SUFFIXES = (".tar.gz", ".xlsx", ".xlsm", ".xls", ".ods", ".csv", ".json", ".tar", ".tgz")


def _refuse_slash_after_a_file(typed: str) -> None:
    """OUT_DIR typed with a slash after a .zip's name, a file there or not: ``Path`` drops the
    slash, so `export base q3.zip/` was told "the file exists ... add --force to replace
    it", and with --force the file q3.zip was replaced, where a slash names a folder (the
    rule every file flag keeps)."""
    bare = typed.rstrip("/" + os.sep)
    if not ends_in_slash(typed) or os.path.isdir(typed) or not bare.lower().endswith(".zip"):
        return  # another file there is refused as no folder, below
    said, fix = slash_words(typed, None, made="the zip would be written") or ("", "")
    if not os.path.isfile(bare):  # a zip is one file: not a file inside the folder typed
        fix = f"Drop the slash to write one zip: {shown(bare)}, or name the folder without .zip."
    raise Invalid(f"OUT_DIR {shown(typed)}: {said} Fix: {fix}")


def _file_suffix(path: Path) -> str:
    """The file kind ``path``'s name ends in, of those an export is not written as."""
    return next((s for s in _FILE_SUFFIXES if path.name.lower().endswith(s)), "")


def _compare(args: argparse.Namespace) -> int:
    # Altair comes with the odds module: loaded by the one command that needs it.
    from planner.interfaces.odds_changes import (
        chances_by_goal,
        mid_quarter_odds,
        scenario_odds_frame,
    )
    from planner.interfaces.scenario_text import comparison_json, print_comparison
    from planner.scenarios.compare import compare

    with open_store(args) as store:
        a, b = load_scenario(store, args.a), load_scenario(store, args.b)
    diff = compare(a, b)
    chances = chances_by_goal(scenario_odds_frame(a, b))
    if args.out is not None:
        _write_comparison(diff, args.out, force=args.force, chances=chances)
    if args.json:
        print(json.dumps(comparison_json(diff, chances), ensure_ascii=True))
        return EXIT_OK
    print_comparison(diff, chances)
    if chances and (note := mid_quarter_odds(a.checkin, b.checkin)):
        # Why a check-in's odds fall below its parent's, as the Compare tab says under them.
        print(f"({note})")
    if args.out is not None:
        print(f"\ncomparison written to {shown(args.out)}")
    return EXIT_OK


def _write_comparison(
    diff: Comparison,
    out: str,
    *,
    force: bool,
    chances: Mapping[str, tuple[float | None, float | None]] | None = None,
) -> None:
    from planner.interfaces.scenario_exports import comparison_workbook

    if Path(out).suffix.lower() != ".xlsx":
        raise Invalid(
            f"--out {shown(str(out))}: a comparison is written as a workbook. "
            "Fix: Give a file name ending in .xlsx."
        )
    check_output(out)  # a folder (a trailing slash too), a FIFO or a device is refused
    if not force and Path(out).exists():
        raise file_there_refused("--out", out)
    # All at once, never half a workbook; without --force never over one written meanwhile.
    write_atomic(out, comparison_workbook(diff, chances), replace=force)


def _rename(args: argparse.Namespace) -> int:
    from planner.interfaces.scenario_text import summary_json

    with open_store(args) as store:
        found = store.find(args.scenario)
        renamed = store.rename(found.scenario_id, args.new_name, args.note)
    if args.json:
        print(json.dumps({**summary_json(renamed), "renamed": True}))  # its row, as in list
        return EXIT_OK
    # Whoever gave a note sees it kept, as `show` would print it.
    if args.note is None:
        with_note = ""
    elif renamed.note:
        with_note = f", with the note: {shown(renamed.note)}"
    else:
        with_note = ", with no note"  # --note "" clears it
    print(f"scenario {renamed.scenario_id} is now named {shown(renamed.name)}{with_note}")
    return EXIT_OK


def _delete(args: argparse.Namespace) -> int:
    """``planner scenarios delete``: refused without ``--yes``, naming the saved check-ins
    made on the scenario (they could no longer be checked in on again without it), and said
    once done. The app's Delete asked "scenarios built on it stay" alone too."""
    from planner.scenarios.quarter import checkins_lost_words, checkins_on

    with open_store(args) as store:
        found = store.find(args.scenario)
        on = checkins_on(found.scenario_id, store.list(), store.load)
        lost = f" {checkins_lost_words(found, on, shown)}" if on else ""
        if not args.yes:
            raise Invalid(
                f"deleting {shown(found.name)!s} (#{found.scenario_id}) cannot be undone."
                f"{lost} Fix: Add --yes to confirm."
            )
        store.delete(found.scenario_id)
    if args.json:
        print(json.dumps({"status": "deleted", "id": found.scenario_id, "name": found.name}))
    else:
        print(f"deleted scenario {found.scenario_id}: {shown(found.name)}")
        if on:
            print(checkins_lost_words(found, on, shown, done=True))
    return EXIT_OK
