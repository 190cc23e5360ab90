"""The check-in's inputs from the command line, read and checked: what ``planner checkin``
and ``planner checkin-template`` share.

The baseline plan (:func:`checkin_baseline`), the weeks flags (:func:`weeks_flag`,
:func:`quarter_weeks_flag`), the earlier check-in of ``--since`` read on the data and
the baseline (:func:`earlier_checkin`), the projects ``--unlock`` names
(:func:`check_unlocked`), hours used past a team's capacity (:func:`hours_past_capacity`)
and a check-in's problems named by the file the leader gave (:func:`named_issues`).
Each problem is an :class:`~planner.core.errors.InputIssue` naming the file or flag and
the fix.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

from planner.core import ranges
from planner.core.domain import Plan, Problem
from planner.core.errors import InputIssue, InvalidInputError, Severity, clipped
from planner.core.identifiers import closest_id, escaped, id_key, ids_run_together
from planner.core.shown_figures import first_few, hours
from planner.core.typed_numbers import flag_figure
from planner.interfaces.cli import print_issues
from planner.interfaces.cli_plans import read_baseline
from planner.scenarios.checkin import CHECKIN_FILE, CheckIn, ProjectStatus
from planner.scenarios.checkin_issues import checkin_issues


def checkin_baseline(path_text: str, problem: Problem, since: str | None) -> Plan:
    """The baseline plan, checked against the data (unknown teams, too many owners), without
    the projects no longer in the data (with a warning), as ``solve --baseline`` reads it.
    After an earlier check-in (``since``) it may be that check-in's re-plan, which has no
    row for the work done by then."""
    return read_baseline(problem, path_text, whole=not since)[0]


#: Decimals a number of weeks may have, as the data's hours and values (a day is 0.2).
_WEEK_DECIMALS = 3


def weeks_flag(text: str, accepted: ranges.Range = ranges.WEEKS) -> Decimal:
    """A number of weeks, read as every numeric flag is (:meth:`~planner.core.ranges.Range.parse`
    and its words: `--weeks nan` read "is not finite" where `--time-limit nan` read "is not
    a number; use ..."), kept exact to the thousandth."""
    try:
        figure = flag_figure(text, accepted.describe())
    except ValueError as exc:  # Decimal reads '１０' and '1_0' too; a cell does not
        raise argparse.ArgumentTypeError(str(exc)) from None
    try:
        number = float(figure)  # what float reads, as the other flags ('snan' is no number)
        value = Decimal(figure)
    except (ValueError, InvalidOperation):
        raise argparse.ArgumentTypeError(f"{text!r} is not {accepted.describe()}") from None
    why = accepted.problem(number, typed=text)
    if why is None and value != round(value, _WEEK_DECIMALS):
        # 1e-100000 wrote a line of 100,000 digits into the check-in, as weeks_elapsed.
        why = f"{text.strip()!r} has more than {_WEEK_DECIMALS} decimals; round it"
    if why is not None:
        raise argparse.ArgumentTypeError(why.rstrip("."))
    return value + 0  # -0 typed is week 0: "weeks_elapsed = -0.0" in the file written from it


def quarter_weeks_flag(text: str) -> Decimal:
    """A quarter's length in weeks, as :func:`weeks_flag` reads it, in its own range."""
    return weeks_flag(text, ranges.QUARTER_WEEKS)


def add_since_argument(parser: argparse.ArgumentParser) -> None:
    """The ``--since`` flag (an earlier check-in), the same for every command taking it."""
    parser.add_argument(
        "--since",
        metavar="CHECKIN_TOML",
        help="the earlier check-in TOML (a second check-in): the baseline is its re-plan, "
        "or the quarter's plan if the teams kept it (without it, the quarter's first check-in)",
    )


def _is_the_checkin(since: str, checkin: str | None) -> bool:
    """Whether ``--since`` names the ``--checkin`` file itself (through a link too)."""
    if checkin is None:
        return False
    try:
        return os.path.samefile(since, checkin)
    except OSError:
        return os.path.realpath(since) == os.path.realpath(checkin)


def earlier_checkin(
    args: argparse.Namespace,
    problem: Problem,
    weeks: Decimal,
    baseline: Plan,
    now: tuple[CheckIn, str] | None = None,
) -> tuple[CheckIn | None, CheckIn | None]:
    """The earlier check-in of ``--since``, which must fit the data and be before ``weeks``,
    and ``now`` (the check-in and its file) read on it as the Check-in page reads it
    (:func:`~planner.scenarios.checkin_since.read_since`): with the end weeks the earlier
    one gave, and not taking back what it recorded. ``(None, None)`` without ``--since``.

    Its problems name its own file: an unknown project in it read "check-in, column
    projects.X", and the leader looked for X in the other check-in.
    """
    from planner.core.named_files import read_named_text
    from planner.scenarios.checkin_since import (
        counted,
        read_since,
        since_after_issue,
        since_issues,
    )
    from planner.scenarios.checkin_toml import read_checkin

    if not args.since:
        return None, None
    if _is_the_checkin(args.since, getattr(args, "checkin", None)):
        # It was read as its own earlier check-in, exit 0: nothing done since, a re-plan
        # of a plan it never followed.
        issue = InputIssue(
            "command line",
            None,
            "--since",
            f"--since {escaped(args.since)} is the check-in given with --checkin: the earlier "
            "check-in is the one this one follows, another file.",
            "Give with --since the check-in before this one, or leave out --since for the "
            "quarter's first check-in.",
        )
        raise InvalidInputError([issue])
    text, name = read_named_text(args.since, "earlier check-in")
    read = read_checkin(text, name, problem)
    print_issues(read.warnings)
    since = read.checkin
    issues = named_issues(checkin_issues(problem, baseline, since, replanned=True), name)
    if since.weeks_elapsed > weeks:
        issues.append(since_after_issue(since, weeks, name))
    read_now = None
    if now is not None and not issues:
        read_now = read_since(since, now[0])
        taken_back = since_issues(read_now, name, now[1])
        print_issues([i for i in taken_back if i.severity is Severity.WARNING])
        issues = [i for i in taken_back if i.severity is Severity.ERROR]
    if issues:
        raise InvalidInputError(issues)
    # Its counts kept as pre-filled read as its own re-plan counted them (the plan's 7.7
    # new customers for 8): read as typed, the re-plan's 28 drifted to 28.3 at week 9.
    counts = counted(since, {g.goal_id: g.target for g in problem.goals})
    return counts, None if read_now is None else read_now.checkin


def hours_past_capacity(
    problem: Problem, baseline: Plan, checkin: CheckIn, file: str
) -> list[InputIssue]:
    """Hours used past a team's capacity in force, warned as the Check-in page warns of them
    (:func:`~planner.interfaces.checkin_tables.past_capacity` on the page's hours table).

    Allowed (overtime happens), but nothing is left for the weeks ahead: 2,000 h of Demand
    Gen's 1,379 h read, without a word, as "No plan meets every rule ... Demand Gen can
    plan 0 h".
    """
    from planner.interfaces.checkin_tables import hours_table, past_capacity

    return [
        InputIssue(
            file,
            None,
            f"hours_used.{escaped(team_id)}",
            f"{escaped(team)} used {hours(used)}, more than its capacity for the quarter "
            f"({hours(capacity)}), so nothing is left for it in the weeks ahead.",
            "Check the hours used: overtime is allowed, but a figure typed with a digit "
            "too many reads the same.",
            Severity.WARNING,
        )
        for team_id, team, used, capacity in past_capacity(hours_table(problem, baseline, checkin))
    ]


def _slip_of(project_id: str, in_progress: list[str], asked: int) -> str | None:
    """The project in progress spelled closest to ``project_id`` (``AW-02`` for ``AW-2``), the
    ``asked``-th unknown id, for the first :data:`~planner.core.id_references.HINTED` only: 10,000
    unknown ids beside 4,000 projects in progress took 4 minutes before a word."""
    # Read here, as checkin_issues does: planner.core.id_references reads pandas.
    from planner.core.id_references import HINTED

    return closest_id(project_id, in_progress) if asked <= HINTED else None


def check_unlocked(
    unlocked: list[str],
    problem: Problem,
    checkin: CheckIn,
    *,
    empty: bool = False,
    where: tuple[str, str] = ("command line", "--unlock"),
) -> None:
    """``--unlock`` names projects in progress: any other id would be ignored in silence,
    and so would an ``--unlock`` with no id after it (``empty``). ``where``: the file and
    key the ids came from (a check-in file's ``[replan]`` unlock, or the command line)."""
    in_progress = sorted(checkin.ids_with(ProjectStatus.IN_PROGRESS))
    some = first_few(in_progress)
    fix = f"Unlock a project in progress ({some})." if in_progress else "Leave out --unlock."
    issues = []
    if empty:
        message = "--unlock was given no project id, so it would unlock nothing."
        if in_progress:
            fix = (
                "Name after it each project in progress that may change team, e.g. --unlock "
                f"{escaped(in_progress[0])} (in progress: {some}), or leave out --unlock."
            )
        issues.append(InputIssue(where[0], None, where[1], message, fix))
    keyed = {id_key(p.project_id): p.project_id for p in reversed(problem.projects)}
    by_name = {id_key(p.name): p.project_id for p in reversed(problem.projects)}
    asked = 0  # unknown ids looked up among the projects in progress ('AW-2' for 'AW-02')
    for project_id in dict.fromkeys(unlocked):
        if not project_id.strip():
            # `--unlock "$ID"` with ID unset read "no project has the id ''", as an empty
            # `--target ''` did: said to be empty, as it is.
            message = f"{where[1]} was given an empty id ('{escaped(project_id)}')."
            issues.append(InputIssue(where[0], None, where[1], message, fix))
            continue
        if project_id not in problem.project_index:
            message = f"no project has the id '{clipped(escaped(project_id))}'."
            named = by_name.get(id_key(project_id))
            if id_key(project_id) not in keyed and named is not None:
                # The project as the pages show it, by name.
                message = (
                    f"'{clipped(escaped(project_id))}' is the name of project "
                    f"{escaped(named)}, not its id."
                )
                written = (
                    f"--unlock {escaped(named)}"
                    if where[0] == "command line"
                    else f'unlock = ["{escaped(named)}"]'
                )
                issues.append(InputIssue(where[0], None, where[1], message, f"Write {written}."))
                continue
            if (apart := ids_run_together(project_id, problem.project_index)) is not None:
                message = (
                    f"'{escaped(project_id)}' are {len(apart)} project ids written as one "
                    f"({', '.join(escaped(p) for p in apart)})."
                )
                if where[0] == "command line":
                    fix = f"Write them apart: --unlock {' '.join(escaped(p) for p in apart)}."
                else:
                    quoted = ", ".join(f'"{escaped(p)}"' for p in apart)
                    fix = f"Write each in its own quotes: unlock = [{quoted}]."
                issues.append(InputIssue(where[0], None, where[1], message, fix))
                continue
            # 'ＡＷ-02', 'aw-02'; then a slip ('AW-2'), among the projects it may unlock.
            asked += 1
            meant = keyed.get(id_key(project_id)) or _slip_of(project_id, in_progress, asked)
            if meant is not None:
                issues.append(
                    InputIssue(where[0], None, where[1], message, f"Did you mean {meant}?")
                )
                continue
        elif project_id not in in_progress:
            message = (
                f"'{escaped(project_id)}' is not in progress in the check-in; only a project "
                "in progress stays with its team, so only that can be unlocked."
            )
        else:
            continue
        issues.append(InputIssue(where[0], None, where[1], message, fix))
    if issues:
        raise InvalidInputError(issues)


def named_issues(issues: Iterable[InputIssue], name: str) -> list[InputIssue]:
    """The check-in's problems, naming the file the leader gave, as its parse errors do."""
    return [dataclasses.replace(i, file=name) if i.file == CHECKIN_FILE else i for i in issues]
