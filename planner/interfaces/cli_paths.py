"""The command line's file and folder arguments, refused by their flag before any is opened.

A path no file system takes (a NUL in it, a name over 255 bytes, a path over
4,095), an empty file flag that would read as the current folder, and an output
under a name no one meant (:func:`~planner.core.typed_paths.odd_name`: a leading dash,
a control character, a trailing space) are each told as a problem of the command
line, by its flag, with the fix: exit 2, nothing opened.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from planner.core.errors import InputIssue, InvalidInputError
from planner.core.identifiers import escaped
from planner.core.slashes import slash_words
from planner.core.typed_paths import missing_folder_words, odd_name
from planner.scenarios.storage_messages import ENV_VAR, MEMORY

#: The arguments that name files or folders (names, notes and ids may hold any text).
_PATH_ARGUMENTS = {
    "data_dir": "DATA_DIR",
    "out_dir": "OUT_DIR",
    "out": "--out",
    "workbook": "--workbook",
    "settings": "--settings",
    "baseline": "--baseline",
    "baseline_data": "--baseline-data",
    "checkin": "--checkin",
    "since": "--since",
    "db": "--db",
}


def refuse_unusable_paths(args: argparse.Namespace) -> None:
    """A path with a NUL in it is named, never passed on to ``open()`` (a ValueError); so is
    an empty file flag (``--db ''``), which would read as the current folder."""
    if gone := _current_folder_gone(args):
        raise InvalidInputError(gone)
    issues = [
        InputIssue(
            "command line",
            None,
            flag,
            f"{flag} '{escaped(value)}' holds a NUL character, which no file name can hold.",
            f"Give {flag} again without it.",
        )
        for dest, flag in _PATH_ARGUMENTS.items()
        if isinstance(value := getattr(args, dest, None), str) and "\x00" in value
    ]
    for dest in ("settings", "baseline", "checkin", "since", "db", "out", "workbook", "out_dir"):
        if isinstance(value := getattr(args, dest, None), str) and not value.strip():
            flag = _PATH_ARGUMENTS[dest]
            # An empty OUT_DIR was the current folder: `generate "" --force` wrote into it.
            fix = f"Give {flag} " + (
                "a new folder." if dest == "out_dir" else "the path of a file."
            )
            issues.append(InputIssue("command line", None, flag, f"{flag} is empty.", fix))
    issues += _standard_input(args) + _too_long_names(args) + _odd_output_names(args)
    issues += _slash_after_a_file(args)
    issues += _empty_ids(args)
    if issues:
        raise InvalidInputError(issues)
    if missing := _folder_not_there(args):
        raise InvalidInputError([missing])


def _current_folder_gone(args: argparse.Namespace) -> list[InputIssue]:
    """Each path given relative to a current folder that is no longer there (deleted or
    moved while the terminal was in it): the first path resolved read "error: No such file
    or directory" with no path, after the data was read and solved for ``--out``."""
    try:
        os.getcwd()
    except FileNotFoundError:
        pass
    else:
        return []
    where = os.environ.get("PWD", "")
    folder = f"the current folder, {escaped(where)}," if where else "the current folder"
    given = [(flag, getattr(args, dest, None)) for dest, flag in _PATH_ARGUMENTS.items()]
    if getattr(args, "command", None) == "scenarios" and getattr(args, "db", None) is None:
        given.append((ENV_VAR, os.environ.get(ENV_VAR, "").strip()))  # --db's stand-in
    return [
        InputIssue(
            "command line",
            None,
            flag,
            f"{folder} is no longer there (deleted or moved since the terminal went to it), "
            f"so {flag} {escaped(value)} names no place.",
            f"Go to a folder that exists (cd), or give {flag} as a full path.",
        )
        for flag, value in given
        if isinstance(value, str)
        and value.strip()
        and value not in ("-", MEMORY)
        and not os.path.isabs(os.path.expanduser(value))
    ]


#: The one rule of every output's place, as each output's --help says it: a file is written
#: into a folder that exists, and an output folder is made inside one that exists.
OUTPUT_PLACE = "in a folder that exists (the folders above it are not made)"


def _folder_not_there(args: argparse.Namespace) -> InputIssue | None:
    """OUT_DIR in a folder that is not there, refused as ``--out`` in one is (:data:`
    OUTPUT_PLACE`): `scenarios export q3 new/sub/` and `generate new/sub/` made new/ and
    sub/, where `--out new/sub/plan.csv` refused a mistyped folder. OUT_DIR itself is made."""
    value = getattr(args, "out_dir", None)
    if not isinstance(value, str) or not value.strip() or value == "-":
        return None
    folder = Path(value).parent  # Path drops a last slash: new/sub/ is in new
    try:
        os.stat(folder)
    except FileNotFoundError:
        pass
    except OSError:
        return None  # a file on the way, a loop, a folder not to be opened: said when written
    else:
        return None
    if any(p.exists() and not p.is_dir() for p in folder.parents):
        return None  # a file where a folder is named: said as every output says it
    said = (
        f"its folder {escaped(os.path.abspath(folder))} does not exist, and an output is made "
        f"only {OUTPUT_PLACE}: a mistyped folder would hold it."
    )
    return InputIssue(f"OUT_DIR {escaped(value)}", None, None, *missing_folder_words(value, said))


#: The arguments that name one id of the data, and what leaving them out means.
_ID_ARGUMENTS = {
    "project_id": ("PROJECT_ID", "a project's id, or leave it out to explain the whole plan"),
    "target": ("--target", "sales, marketing or a team's id"),
}


def _empty_ids(args: argparse.Namespace) -> list[InputIssue]:
    """An id given empty (`planner explain data "$ID"` with ID unset, `--target ''`) is said
    to be empty: it read "no project has the id ''" and "--target '' is neither a department
    nor a team here", as if an id had been typed."""
    issues = []
    for dest, (flag, fix) in _ID_ARGUMENTS.items():
        value = getattr(args, dest, None)
        if isinstance(value, str) and not value.strip():
            issues.append(
                InputIssue(
                    "command line",
                    None,
                    flag,
                    f"{flag} is empty.",
                    f"Give {fix}.",
                )
            )
    return issues


#: The file flags a leader may give as '-', the Unix habit for standard input.
_READ_FLAGS = ("settings", "baseline", "checkin", "since")


def _standard_input(args: argparse.Namespace) -> list[InputIssue]:
    """A file flag given as '-' (and no file named so here), as DATA_DIR '-' is told: it
    read "there is no settings file at -" and "the baseline plan - does not exist"."""
    return [
        InputIssue(
            "command line",
            None,
            flag,
            f"{flag} - names standard input, which Goal Planner does not read a file from.",
            f"Save it to a file first and give {flag} that file's path.",
        )
        for dest in _READ_FLAGS
        if getattr(args, dest, None) == "-"
        and not os.path.lexists("-")
        and (flag := _PATH_ARGUMENTS[dest])
    ]


def _slash_after_a_file(args: argparse.Namespace) -> list[InputIssue]:
    """A file read (``--baseline p.csv/``, ``--checkin c.toml/``) named with a slash after
    it, refused by the rule ``--out``, ``--db`` and ``--settings`` keep: it was read as the
    file without the slash, where a path ending in one names a folder."""
    issues = []
    for dest in _READ_FLAGS:
        value = getattr(args, dest, None)
        if isinstance(value, str) and "\x00" not in value:
            flag = _PATH_ARGUMENTS[dest]
            if slash := slash_words(value, flag):
                issues.append(InputIssue(f"{flag} {escaped(value)}", None, None, *slash))
    return issues


def _odd_output_names(args: argparse.Namespace) -> list[InputIssue]:
    """An output the planner would make under a name no one meant (:func:`odd_name`),
    refused by its flag with the fix; '-' alone is standard output."""
    issues = []
    for dest in ("out", "workbook", "out_dir"):
        value = getattr(args, dest, None)
        if not isinstance(value, str) or not value.strip() or "\x00" in value:
            continue  # said above
        if value == "-" or not (odd := odd_name(value)):
            continue
        flag = _PATH_ARGUMENTS[dest]
        fix = {
            "dash": f"Give {flag} a name that starts otherwise, or write "
            f"./{escaped(_written_as(args, dest, value))} for a file named so.",
            "control": f"Give {flag} again without it.",
            "invisible": f"Give {flag} again without them.",
            "space": f"Give {flag} '{escaped(odd.meant)}'.",
        }[odd.kind]
        issues.append(
            InputIssue("command line", None, flag, f"{flag} '{escaped(value)}' {odd.reason}.", fix)
        )
    return issues


def _written_as(args: argparse.Namespace, dest: str, value: str) -> str:
    """``value`` with the ending its output is written under: `solve --out -nan` was offered
    ./-nan, which a plan's --out then refused (a plan is a .csv or an .xlsx; a comparison an
    .xlsx)."""
    if dest not in ("out", "workbook"):
        return value
    scenarios = getattr(args, "command", None) == "scenarios"
    ending = ".xlsx" if scenarios or dest == "workbook" else ".csv"
    if Path(value).suffix.lower() in {ending, ".xlsx"}:
        return value
    try:
        return str(Path(value).with_suffix(ending))
    except ValueError:  # no name to end (a trailing slash): said as typed
        return value


#: The longest name of one file or folder (bytes), and of a whole path, that Linux and
#: macOS file systems take (NAME_MAX, PATH_MAX).
_NAME_MAX, _PATH_MAX = 255, 4095


def _too_long_names(args: argparse.Namespace) -> list[InputIssue]:
    """A path whose file or folder name no file system holds is named by its flag, with
    the longest there can be: a 300-character --out said 'File name too long.', no fix."""
    issues = []
    for dest, flag in _PATH_ARGUMENTS.items():
        value = getattr(args, dest, None)
        if not isinstance(value, str) or "\x00" in value:
            continue
        name = max(value.split("/"), key=lambda part: len(os.fsencode(part)))
        if len(os.fsencode(name)) > _NAME_MAX:
            said = (
                f"a name of {len(os.fsencode(name)):,} bytes ('{escaped(name[:24])}…'); a "
                f"file or folder name holds at most {_NAME_MAX}"
            )
        elif len(os.fsencode(value)) > _PATH_MAX:
            said = f"{len(os.fsencode(value)):,} bytes; a path holds at most {_PATH_MAX:,}"
        else:
            continue
        issues.append(
            InputIssue(
                "command line", None, flag, f"{flag} has {said}.", f"Give {flag} a shorter name."
            )
        )
    return issues


def file_there_refused(flag: str, path: str | Path) -> InvalidInputError:
    """An output file that is there already, refused without ``--force``: one answer for
    every command that writes one (``scenarios compare --out``, ``scenarios export`` to a
    .zip, ``validate --workbook``, ``generate`` to a .xlsx or .zip). Each said it its own
    way ("this folder already holds comparison.xlsx", "the file exists", "already exists;
    generating would overwrite it") and told its own fix."""
    return InvalidInputError(
        [
            InputIssue(
                f"{flag} {escaped(str(path))}",
                None,
                None,
                "the file exists, and may hold edits made since it was written.",
                "Name a new file, or add --force to replace it.",
            )
        ]
    )
