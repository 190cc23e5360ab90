"""``planner generate OUT_DIR``: write realistic synthetic data, seeded.

A data folder of CSV files, or the same data as one ``.xlsx`` workbook or
``.zip`` of the folder, as ``solve`` and the app read them.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from functools import partial
from pathlib import Path

from planner.core import ranges
from planner.core.errors import InputIssue, InvalidInputError
from planner.core.identifiers import escaped
from planner.core.output import (
    OTHER_SPREADSHEETS,
    check_output,
    write_atomic,
)
from planner.core.shared_words import plural
from planner.core.typed_paths import folder_as_read
from planner.core.write_failures import scratch_failure
from planner.interfaces.cli import EXIT_OK, command
from planner.interfaces.cli_paths import OUTPUT_PLACE, file_there_refused


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "out_dir",
        help="the new (or empty) folder to write the CSV files to, or an .xlsx or .zip file "
        f"name; {OUTPUT_PLACE}",
    )
    parser.add_argument(
        "--teams",
        type=ranges.GENERATE_TEAMS.argtype(),
        required=True,
        help=f"sales and marketing teams, half each ({ranges.GENERATE_TEAMS.describe()})",
    )
    parser.add_argument(
        "--projects",
        type=ranges.GENERATE_PROJECTS.argtype(),
        required=True,
        help=f"projects over the six funnel stages ({ranges.GENERATE_PROJECTS.describe()})",
    )
    parser.add_argument(
        "--goals",
        type=ranges.GENERATE_GOALS.argtype(),
        default=8,
        help="goals (default 8; 0: none, each project given a priority from 1 to 10 to plan by)",
    )
    parser.add_argument(
        "--seed",
        type=ranges.SEED.argtype(),
        default=0,
        help="the same seed and sizes always write the same data (default 0)",
    )
    parser.add_argument(
        "--force", action="store_true", help="write even where data files already are"
    )
    parser.add_argument(
        "--weeks",
        action="store_true",
        help="add durations, windows, finish-to-start sequences and a calendar per team",
    )
    parser.add_argument(
        "--ranges",
        action="store_true",
        help="give each project a range of impact (value_low, value_high), from which each "
        "goal's chance of reaching its target is worked out (without it, every value is "
        "certain)",
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")


@command("generate", "write a realistic synthetic quarter: a data folder, a workbook or a zip")(
    _arguments
)
def _generate(args: argparse.Namespace) -> int:
    from planner.core.generate import generate_folder

    make = partial(
        generate_folder,
        num_teams=args.teams,
        num_projects=args.projects,
        num_goals=args.goals,
        seed=args.seed,
        weeks=args.weeks,
        ranges=args.ranges,
    )
    suffix = Path(args.out_dir).suffix.lower()
    if suffix in OTHER_SPREADSHEETS | {".csv"}:
        # A folder under a file's name: no spreadsheet opens it, the Data page does not take it.
        stem = escaped(Path(args.out_dir).stem)
        raise InvalidInputError(
            [
                InputIssue(
                    f"OUT_DIR {escaped(args.out_dir)}",
                    None,
                    None,
                    f"generate writes a data folder, an .xlsx workbook or a .zip, not {suffix}.",
                    f"Name it {stem}.xlsx for a workbook, {stem}.zip, or {stem} for a folder.",
                )
            ]
        )
    if suffix in (".xlsx", ".zip"):
        # The data as one file, as solve and the app read it (a folder named
        # quarter.xlsx holding CSV files was what this wrote).
        out = _generate_file(Path(args.out_dir), make, force=args.force)
    else:
        out = make(args.out_dir, force=args.force)
    goals = min(args.goals, args.projects)  # a goal no project serves reads 0 % on every page
    sizes = {"teams": args.teams, "projects": args.projects, "goals": goals}
    if args.json:
        print(json.dumps({"status": "written", "path": str(out), **sizes}))
        return EXIT_OK
    asked = (
        f" ({args.goals} asked; one per project at most: each goal needs a project to serve it)"
        if goals < args.goals
        else ""
    )
    print(
        f"wrote {plural(args.teams, 'team')}, {plural(args.projects, 'project')}, "
        f"{plural(goals, 'goal')}{asked} to {folder_as_read(args.out_dir)}"  # as typed
    )
    return EXIT_OK


def _generate_file(out: Path, make: Callable[..., Path], *, force: bool) -> Path:
    """Generated data written as one .xlsx workbook or .zip of the folder."""
    import tempfile

    from planner.core.loading import load_with_warnings
    from planner.core.workbook_writing import data_workbook
    from planner.core.writing import folder_zip

    check_output(out, "OUT_DIR")
    if out.exists() and not force:
        raise file_there_refused("OUT_DIR", out)
    with tempfile.TemporaryDirectory() as folder:
        try:
            made = make(Path(folder) / "data")
        except InvalidInputError as exc:
            if isinstance(exc.__cause__, OSError):  # the temporary folder's, not OUT_DIR's
                raise scratch_failure(exc.__cause__, "the data") from None
            raise
        problem = load_with_warnings(made).problem
    data = data_workbook(problem) if out.suffix.lower() == ".xlsx" else folder_zip(problem)
    return write_atomic(out, data, "OUT_DIR", replace=force)
