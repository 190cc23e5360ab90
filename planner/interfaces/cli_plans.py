"""The plan files of the ``planner`` command line: ``--out`` checked before a solve and
the plan written to it (plan.csv or the plan workbook), with a word when it replaced the
``--baseline``; and a ``--baseline`` plan read back and checked against the data.

Apart from :mod:`planner.interfaces.cli` (the parser, the exit statuses, errors in
words), which every command imports; ``solve``, ``checkin`` and the what-ifs import these.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from planner.core.domain import Plan, Problem, Result
from planner.core.errors import InputIssue, InvalidInputError
from planner.core.identifiers import escaped
from planner.core.output import check_output, write_atomic, write_text_atomic

if TYPE_CHECKING:
    from planner.core.uncertainty import GoalOdds


def write_plan(
    problem: Problem,
    result: Result,
    out: str,
    kept_close: float | None = None,
    workbook: Callable[[], bytes] | None = None,
    built_on: str | None = None,
    text: Callable[[], str] | None = None,
    odds: Mapping[str, GoalOdds] | None = None,
) -> None:
    """``--out``: plan.csv, or the plan workbook for an ``.xlsx`` name (SPEC "Spreadsheets").

    ``kept_close``: the tolerance of a what-if kept close to the current plan (the
    workbook's Summary says so, as the report does). ``workbook``: builds the workbook
    instead (a check-in's re-plan, :func:`~planner.interfaces.replan_exports.replan_workbook`:
    headed by the quarter's end, each goal's "Re-plan adds" as the report writes it).
    ``built_on``: the data it is made from, the Summary's "Built on" row, as the app's.
    ``text``: makes the CSV text instead (a check-in's rest-of-quarter.csv,
    :func:`~planner.interfaces.replan_exports.rest_of_quarter_csv_text`). ``odds``: the
    goals' odds when the report has them already (:func:`~planner.core.uncertainty.goal_odds`).
    """
    from planner.core.workbook import is_workbook

    if result.plan is None:
        return
    if is_workbook(out):
        from planner.interfaces.exports import plan_workbook

        write_atomic(
            out,
            workbook()
            if workbook
            else plan_workbook(problem, result, kept_close, built_on=built_on, odds=odds),
        )
    elif text is not None:
        write_text_atomic(out, text())
    else:
        from planner.core.plan_csv import write_plan_csv

        write_plan_csv(problem, result.plan, out)


#: The names a plan is written under: plan.csv's text, or the plan workbook. Any other
#: name wrote CSV text without a word: ``--out plan.zip`` (an archive tool calls it
#: damaged), ``--json --out plan.json``, ``--out plan.txt`` (a spreadsheet opens it as one
#: column of text), ``--out plan`` (nothing knows what it is).
_PLAN_FORMATS = frozenset([".csv", ".xlsx"])


def check_plan_output(args: argparse.Namespace) -> None:
    """``--out`` can take the plan (``check_output``), named for one of the two formats
    it is written in: CSV, or a workbook for ``.xlsx``."""
    check_output(args.out, inputs=inputs_of(args))  # an input named as --out says so first
    given = Path(args.out)
    if given.suffix.lower() in _PLAN_FORMATS:
        _refuse_data_there(given)
        return
    json_fix = " (--json prints its object on standard output)" if args.json else ""
    # As typed, its folder too (reports/plan.txt: "Name it reports/plan.csv", not plan.csv
    # in the current folder; ./-x.txt keeps its ./); plan.csv.bak: plan.csv, never plan.csv.csv.
    stem = _without_suffix(str(args.out))
    stem = _without_suffix(stem) if Path(stem).suffix.lower() in _PLAN_FORMATS else stem
    what = (
        f"not as a {escaped(given.suffix)} file"
        if given.suffix
        else "and this name ends in neither, so no program would know how to open it"
    )
    issue = InputIssue(
        f"--out {escaped(str(args.out))}",
        None,
        None,
        f"Goal Planner writes a plan as a .csv file or an .xlsx workbook, {what}.",
        f"Name it {escaped(stem)}.csv or {escaped(stem)}.xlsx{json_fix}.",
    )
    raise InvalidInputError([issue])


def _refuse_data_there(given: Path) -> None:
    """A plan replaces a plan, never data a leader may have edited (the workbook
    ``validate --workbook`` wrote, a data folder's table): refused before the solve."""
    from planner.core.file_kinds import holds_data

    if not given.is_file():
        return
    try:
        with given.open("rb") as file:
            held = holds_data(given.name, file.read)
    except OSError:
        return  # unreadable: written over as before, or refused by the write
    if held is not None:
        issue = InputIssue(
            f"--out {escaped(str(given))}",
            None,
            None,
            f"the file there holds data ({held}), not a plan; a plan is never written "
            "over data, which may hold your edits.",
            "Name another file for the plan, e.g. plan.csv or plan.xlsx.",
        )
        raise InvalidInputError([issue])


def _without_suffix(name: str) -> str:
    """``name`` as typed without the ending its last part has (``Path.suffix``)."""
    suffix = Path(name).suffix
    return name[: len(name) - len(suffix)] if suffix and name.endswith(suffix) else name


def inputs_of(args: argparse.Namespace) -> list[Path]:
    """The files this command reads and must not overwrite with its output.

    The baseline may be replaced: re-planning ``plan.csv`` into ``plan.csv``
    updates the current plan, and the baseline was read in full first.
    """
    from planner.core.reading import input_paths

    named = [getattr(args, flag, None) for flag in ("checkin", "since")]
    before = getattr(args, "baseline_data", None)  # the data a --baseline plan was made on
    paths = input_paths(args.data_dir, args.settings) + [Path(p) for p in named if p]
    return paths + (input_paths(before, None) if before else [])


def written_line(out: str, baseline: str | None) -> str:
    """ "plan written to OUT", and that it replaced the ``--baseline`` or another file there.

    Called before the plan is written (the report is formatted first), so a file at OUT
    now is the one the plan replaces: a plan output is replaced, never refused, and said.

    Replacing it is allowed (:func:`inputs_of`), but with ``--out`` left at its default a
    what-if against ``plan.csv`` replaced the current plan without a word.
    """
    line = f"plan written to {escaped(out)}"
    if baseline is not None and _same_file(out, baseline):
        line += " (it replaced the --baseline plan; write --out another file to keep both)"
    elif os.path.exists(out):
        # Formatted before the plan is written: a file there now is the one it replaces.
        # A plan is replaced without --force (re-solving updates plan.csv), but said, by the
        # path as typed: "replaced the f.csv that was there" named an f.csv of which folder?
        line += f" (replaced the {escaped(out)} that was there)"
    return line


def warn_replaced_baseline(out: str, baseline: str | None) -> None:
    """With ``--json``, where :func:`written_line` is not printed: the same warning on
    stderr when the plan written replaced the ``--baseline`` plan (a script re-running the
    check-in then read the re-plan as its baseline: 85.7 % and "plan by now 0.0 %")."""
    if baseline is not None and _same_file(out, baseline):
        print(
            f"warning: the plan written to {escaped(out)} replaced the --baseline plan; "
            "write --out another file to keep both",
            file=sys.stderr,
        )


def _same_file(a: str, b: str) -> bool:
    try:
        return Path(a).resolve() == Path(b).resolve() or os.path.samefile(a, b)
    except OSError:
        return False


def read_baseline(
    problem: Problem, path: str, *, whole: bool = True, renamed_fix: str = ""
) -> tuple[Plan, Problem]:
    """The plan in ``path`` (a plan.csv, or the plan.xlsx ``--out`` wrote), checked against
    the data.

    Teams not in the data, projects with too many owners, a joint project with
    one, rows that cannot be one plan are errors; projects no longer in the data
    are ignored with a warning; runs and figures the data would not give are kept
    with one (:func:`planner.core.baseline_rows.read_baseline_plan`); with ``whole`` (not a
    check-in's re-plan), the data's projects without a row are warned of too.
    """
    from planner.core.baseline_rows import read_baseline_plan
    from planner.core.plan_csv import known_projects
    from planner.interfaces.baseline_plan import baseline_text, in_sheet_words

    # A merge down a plan sheet's column, said beside what its rows then read (row 4 of a
    # merge over A3:A4 read as AW-02's second owner, and the merge was not named).
    merged: list[InputIssue] = []
    text, name, header_row, words = baseline_text(path, merged)
    try:
        baseline, warnings = read_baseline_plan(
            problem, text, name, header_row, whole=whole, renamed_fix=renamed_fix
        )
    except InvalidInputError as exc:  # named as the plan sheet heads its columns
        raise InvalidInputError([*merged, *in_sheet_words(exc.issues, words)]) from None
    for warning in [*merged, *in_sheet_words(warnings, words)]:
        print(escaped(f"warning: {warning}"), file=sys.stderr)
    return known_projects(problem, baseline)[0], problem  # those gone: warned at their rows
