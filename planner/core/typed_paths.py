"""A path as the user typed it, in words: a name the planner would not make under it
(:func:`odd_name`: a leading dash, a control or invisible character, spaces around a part), a
variable or a ``~`` nothing replaced (``$HOME`` or ``~`` in quotes), a missing folder, and
the current folder named. Every file flag and :mod:`~planner.core.output`'s checks say them so.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from planner.core.identifiers import escaped, invisible_characters


@dataclass(frozen=True)
class OddName:
    """Why the planner does not make a file or folder under a name: ``reason`` reads after
    the name ("'-nan' starts with '-', so ..."); ``kind`` lets a caller choose its fix;
    ``meant`` is the name with the spaces around its parts trimmed (for ``kind="space"``)."""

    kind: Literal["dash", "control", "invisible", "space"]
    reason: str
    meant: str


def odd_name(path: str) -> OddName | None:
    """What is odd about a name the planner would make (``--out``, ``OUT_DIR``, a new
    scenario database), or None.

    ``--out -nan`` wrote a file named '-nan' (argparse takes '-nan' for a value); a
    line break pasted with a name made a file listed as two lines; a zero-width or
    no-break space, a name that reads as another; 'q.xlsx ' (a space after it), CSV
    text under a name listed as q.xlsx. A byte of another encoding (a Latin-1
    terminal's 'Café', read as a lone surrogate) is a name the user typed: not odd.
    """
    if path.startswith("-"):
        return OddName(
            "dash", "starts with '-', so it reads as a flag or a number, not a name", path
        )
    if any(unicodedata.category(char) == "Cc" for char in path):
        return OddName(
            "control",
            "holds a control character (a line break, tab or escape), which a file name should not",
            path,
        )
    if hidden := [c for c in invisible_characters(path) if unicodedata.category(c) != "Cs"]:
        names = ", ".join(
            dict.fromkeys(f"{escaped(c)} ({unicodedata.name(c, 'unnamed')})" for c in hidden)
        )
        return OddName(
            "invisible",
            f"holds characters nobody can see: {names}; the name would read as another",
            path,
        )
    parts = path.split("/")
    if any(part != part.strip() for part in parts):
        return OddName(
            "space",
            "has a space before or after a name, so the file would be listed as a name it is not",
            "/".join(part.strip() for part in parts),
        )
    return None


#: A variable as a shell (``$HOME``, ``${HOME}``) or Windows (``%APPDATA%``) writes it.
_VARIABLE = re.compile(r"\$\{?[A-Za-z_][A-Za-z0-9_]*\}?|%[A-Za-z_][A-Za-z0-9_]*%")


def variable_left(given: str) -> tuple[str, str] | None:
    """``(variable, the path written out)`` when ``given`` holds a variable nothing
    replaced (``$HOME/plan.csv`` in single quotes, or in a service's settings, which do not
    expand it), else None; the path written out uses the variable's value when it is set."""
    if (found := _VARIABLE.search(given)) is None:
        return None
    variable = found.group()
    value = os.environ.get(variable.strip("${}%"))
    return variable, given.replace(variable, value, 1) if value else ""


def unexpanded_words(given: str) -> tuple[str, str] | None:
    """``(why, fix)`` for a path that is not there because a ``~`` at its start or a
    variable in it was left as typed, else None: why reads in brackets after what is said
    ("the path holds the variable $HOME as typed, not its value"), the fix gives the
    path written out in full. A shell replaces ``~`` only at the start of a word outside
    quotes: ``'~/q3'`` names a folder called '~' in the current one."""
    if (left := variable_left(given)) is not None:
        variable, written_out = left
        why = f"the path holds the variable {escaped(variable)} as typed, not its value"
    elif given.startswith("~") and (written_out := os.path.expanduser(given)) != given:
        why = (
            "the path starts with ~, which the shell turns into your home folder only "
            "outside quotes"
        )
    else:
        return None
    example = escaped(written_out) if written_out else "a full path"
    return why, f"Write the path out in full, e.g. {example}."


def told_unexpanded(said: str, typed: str, fix: str) -> tuple[str, str]:
    """``(said, fix)`` for the path ``typed`` that is not there: as given, or with why in
    brackets and the path in full to try when a ``~`` or a variable was left in it
    (:func:`unexpanded_words`): the data folder, every input file and every output."""
    if (left := unexpanded_words(typed)) is None:
        return said, fix
    why, written_out = left
    return f"{said.removesuffix('.')} ({why}).", written_out


def missing_folder_words(given: str, said: str) -> tuple[str, str]:
    """``(said, fix)`` for an output whose folder is not there: "Create the folder first",
    or, when its path holds a ``~`` or a variable nothing replaced, that and the path in
    full (a folder named '$HOME' or '~' was to be made)."""
    fix = "Create the folder first, or give a path in an existing one."
    return told_unexpanded(said, given, fix)


def folder_as_read(folder: str | Path) -> str:
    """A folder as a message names it: its path as given, or "this folder ('name')" for the
    current one, given as a dot: "OUT_DIR .: already holds teams.csv" read as a full stop."""
    if Path(folder) != Path():
        return escaped(str(folder))
    name = Path.cwd().name
    return f"this folder ('{escaped(name)}')" if name else "this folder (/)"


__all__ = [
    "OddName",
    "folder_as_read",
    "missing_folder_words",
    "odd_name",
    "told_unexpanded",
    "unexpanded_words",
    "variable_left",
]
