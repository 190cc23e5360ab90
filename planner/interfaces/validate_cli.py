"""``planner validate DATA_DIR``: check the inputs and list every problem.

With ``--json``, one object on stdout for a script: ``{"status": "valid", ...}``
with the counts and the warnings, or ``{"status": "invalid", "problems": [...]}``
(written by :func:`planner.interfaces.cli.main`, exit 2).

With ``--workbook OUT.xlsx``, the checked data is also written as one workbook, the one
the Data page downloads (:func:`~planner.core.workbook_writing.data_workbook`), to edit
in Excel and load back: only when the data is valid, all at once, never half a file,
and never over a file already there without ``--force`` (a leader's edits in it).
"""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

from planner.core.identifiers import escaped
from planner.core.shared_words import counted
from planner.interfaces.cli import (
    DATA_HELP,
    EXIT_OK,
    SETTINGS_HELP,
    command,
    issues_json,
    print_issues,
)
from planner.interfaces.cli_paths import OUTPUT_PLACE, file_there_refused

if TYPE_CHECKING:
    from planner.core.domain import Problem


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("data_dir", help=DATA_HELP)
    parser.add_argument("--settings", help=SETTINGS_HELP)
    parser.add_argument("--json", action="store_true", help="print the result as one JSON object")
    parser.add_argument(
        "--workbook",
        metavar="OUT_XLSX",
        help="also write the data, once it is valid, as one Excel workbook (a sheet per table "
        "and the settings), the one the Data page downloads: edit it and load it back; "
        f"{OUTPUT_PLACE}; a file there is kept (it may hold your edits) unless --force",
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="replace OUT_XLSX if it exists (your edits in it are lost)",
    )


@command(
    "validate", "check a quarter's data (a folder, a workbook or a zip) and list every problem"
)(_arguments)
def _validate(args: argparse.Namespace) -> int:
    from planner.core.errors import Severity
    from planner.core.loading import load_with_warnings
    from planner.explain.pins import pin_issues

    if args.workbook is not None:
        _check_workbook(args)  # before the data is read: a wrong path costs no load
    loaded = load_with_warnings(args.data_dir, args.settings)
    problem = loaded.problem
    # A pin another rule keeps off its team: "valid" above it, and solve found no plan.
    pins = pin_issues(problem, severity=Severity.WARNING, weeks=True)
    warnings = (*loaded.warnings, *pins)
    print_issues(warnings)
    counts = {
        "teams": len(problem.teams),
        "projects": len(problem.projects),
        "goals": len(problem.goals),
        "estimates": len(problem.estimates),
        "rules": len(problem.rules),
        "calendar_rows": len(problem.calendar),
    }
    written = {} if args.workbook is None else {"workbook": _write_workbook(args, problem)}
    if args.json:
        problems = issues_json(warnings)
        print(json.dumps({"status": "valid", **counts, "problems": problems, **written}))
        return EXIT_OK
    tables = [
        (counts["teams"], "team"),
        (counts["projects"], "project"),
        (counts["goals"], "goal"),
        (counts["estimates"], "estimate"),
        (counts["rules"], "rule"),
        *([(counts["calendar_rows"], "calendar row")] if problem.calendar else []),
    ]
    # "valid" alone, under a warning that a mandatory project stops every plan, read as
    # ready to plan; solve then found none. Imported here: --help reads no data library.
    from planner.core.week_inputs import NO_PLAN

    blocked = sum(NO_PLAN in w.message for w in loaded.warnings) + len(pins)
    but = (
        ""
        if not blocked
        else f", but no plan can be made until {_blocking(blocked, len(pins))} fixed"
    )
    print(f"{escaped(args.data_dir)}: valid{but}: {counted(*tables)}")
    if written:
        print(f"data written as a workbook to {escaped(args.workbook)}")
    return EXIT_OK


def _check_workbook(args: argparse.Namespace) -> None:
    """That ``--workbook`` names an .xlsx file that may be written and is not one of the
    files read, as every ``--out`` is checked (:func:`~planner.core.output.check_output`),
    and, without ``--force``, that no file is there yet."""
    from pathlib import Path

    from planner.core.errors import InputIssue, InvalidInputError
    from planner.core.output import check_output
    from planner.core.reading import input_paths

    given = Path(args.workbook)
    if given.is_dir():
        # check_output's example is a plan.csv inside it, which the ending below refuses.
        issue = InputIssue(
            f"--workbook {escaped(args.workbook)}",
            None,
            None,
            "is a folder, not a file.",
            f"Name a workbook inside it, e.g. {escaped(str(given / 'quarter.xlsx'))}.",
        )
        raise InvalidInputError([issue])
    check_output(
        given, "--workbook", inputs=input_paths(args.data_dir, args.settings), kind=".xlsx"
    )
    if given.suffix.lower() != ".xlsx":
        # A .csv (or no ending) named as the workbook would be a workbook under a name
        # nothing opens it by; other spreadsheets' endings check_output refuses already.
        issue = InputIssue(
            f"--workbook {escaped(args.workbook)}",
            None,
            None,
            "the data is written as an Excel workbook, a file ending in .xlsx.",
            f"Name it {escaped(given.stem or 'quarter')}.xlsx.",
        )
        raise InvalidInputError([issue])
    if not args.force and given.exists():
        # README's example run twice replaced the workbook a leader had edited, exit 0.
        raise file_there_refused("--workbook", args.workbook)


def _write_workbook(args: argparse.Namespace, problem: Problem) -> str:
    """The data as the Data page's workbook, written all at once to ``--workbook``."""
    from planner.core.output import write_atomic
    from planner.core.workbook_writing import data_workbook

    # Without --force, a file put there since the check above is kept too (write_atomic).
    write_atomic(args.workbook, data_workbook(problem), "--workbook", replace=args.force)
    return str(args.workbook)


def _blocking(blocked: int, pins: int) -> str:
    """What stops every plan, among the warnings above: the mandatory projects, the pins."""
    if blocked == 1:
        return (
            "the pin warned about above is"
            if pins
            else ("the mandatory project warned about above is")
        )
    if pins == blocked:
        return f"the {blocked} pins warned about above are"
    if not pins:
        return f"the {blocked} warnings above about mandatory projects are"
    return f"the {blocked} warnings above about mandatory projects and pins are"
