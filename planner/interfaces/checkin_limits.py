"""``planner checkin``'s re-plan limits, each with where it came from.

A check-in file's ``[replan]`` (what a saved check-in's re-plan was made with, or the
Check-in page's starting limits that ``planner checkin-template`` writes) fills the flags
not given; a flag given wins. ``--max-changes 1`` on a file saying ``max_changes = 3``
re-planned with 1 and said only "(at most 1)": whether the file's 3 had been read, or
overruled, was left to guess. The report and ``--json`` now say each limit used and its
source: the flag, the check-in file, or the default (as the Check-in page's boxes start at
a saved check-in's values and the leader's edit wins).
"""

from __future__ import annotations

import argparse

from planner.core.identifiers import escaped
from planner.scenarios.checkin_replan import ReplanWith

#: Where a limit came from, as ``--json`` writes it.
FROM_FLAG = "command line"
FROM_FILE = "check-in file"
FROM_DEFAULT = "default"

_FLAGS = {"max_changes": "--max-changes", "stability": "--stability", "unlock": "--unlock"}


def given_flags(args: argparse.Namespace) -> dict[str, bool]:
    """Which of ``--max-changes``, ``--stability`` and ``--unlock`` the command line gave
    (read before the check-in file's ``[replan]`` fills the others)."""
    return {
        "max_changes": args.max_changes is not None,
        "stability": args.stability is not None,
        "unlock": bool(args.unlock),
    }


def replan_limits(
    args: argparse.Namespace, given: dict[str, bool], in_file: ReplanWith | None
) -> dict[str, dict[str, object]]:
    """Each limit the re-plan is made with (``args`` filled), where it came from, and what
    the check-in file's ``[replan]`` said of it (``None``: the file has no such key)."""
    limits: dict[str, dict[str, object]] = {}
    for key, used in (
        ("max_changes", args.max_changes),
        ("stability", args.stability),
        ("unlock", sorted(args.unlock)),
    ):
        said = None if in_file is None else getattr(in_file, key)
        if key == "unlock" and said is not None:
            said = sorted(said)  # unlock = [] is the file's word too: none let move
        if given[key]:
            source = FROM_FLAG
        elif said is not None:
            source = FROM_FILE
        else:
            source = FROM_DEFAULT
        limits[key] = {"used": used, "from": source, "checkin_file": said}
    return limits


def _shown(key: str, value: object) -> str:
    """A limit as the report says it."""
    if key == "max_changes":
        if value is None:
            return "any number of changes"
        return f"at most {value:,} change{'' if value == 1 else 's'}"
    if key == "stability":
        return f"the plan kept at {value:g}"
    ids = list(value) if isinstance(value, (list, tuple)) else []
    return "projects in progress let move: " + (", ".join(escaped(str(i)) for i in ids) or "none")


def _file_value(key: str, value: object) -> str:
    """What the check-in file's ``[replan]`` said, as written there."""
    if key == "max_changes":
        return f"{key} = {value}"
    if key == "stability":
        return f"{key} = {value:g}"
    ids = list(value) if isinstance(value, (list, tuple)) else []
    return f"{key} = [" + ", ".join(f'"{escaped(str(i))}"' for i in ids) + "]"


def _source_words(key: str, limit: dict[str, object]) -> str:
    """Where ``limit`` came from: the flag (and the file's value it overruled), the
    check-in file, or the default."""
    flag, said, source = _FLAGS[key], limit["checkin_file"], limit["from"]
    if source == FROM_FLAG:
        if said is not None and said != limit["used"]:
            return f"{flag}, not the check-in file's {_file_value(key, said)}"
        return flag
    if source == FROM_FILE:
        return f"the check-in file's [replan] {key}"
    return f"the default: no {flag}, and no {key} in the check-in file's [replan]"


def limits_line(limits: dict[str, dict[str, object]]) -> str:
    """The report's line: each limit used and where it came from."""
    parts = [
        f"{_shown(k, limit['used'])} ({_source_words(k, limit)})" for k, limit in limits.items()
    ]
    return "re-plan made with: " + "; ".join(parts)
