"""``planner validate DATA_DIR``: check the inputs and list every problem.

With ``--json``, one object on stdout for a script: ``{"status": "valid", ...}``
with the counts and the warnings, or ``{"status": "invalid", "problems": [...]}``
(written by :func:`planner.interfaces.cli.main`, exit 2).
"""

from __future__ import annotations

import argparse
import json

from planner.core.identifiers import escaped
from planner.core.words import counted
from planner.interfaces.cli import (
    DATA_HELP,
    EXIT_OK,
    SETTINGS_HELP,
    command,
    issues_json,
    print_issues,
)


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("data_dir", help=DATA_HELP)
    parser.add_argument("--settings", help=SETTINGS_HELP)
    parser.add_argument("--json", action="store_true", help="print the result as one JSON object")


@command("validate", "check a data folder and list every problem")(_arguments)
def _validate(args: argparse.Namespace) -> int:
    from planner.core.errors import Severity
    from planner.core.loading import load_with_warnings
    from planner.explain.pins import pin_issues

    loaded = load_with_warnings(args.data_dir, args.settings)
    problem = loaded.problem
    # A pin another rule keeps off its team: "valid" above it, and solve found no plan.
    pins = pin_issues(problem, severity=Severity.WARNING)
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
    if args.json:
        problems = issues_json(warnings)
        print(json.dumps({"status": "valid", **counts, "problems": problems}))
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
    return EXIT_OK


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
