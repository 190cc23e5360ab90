"""A file's path typed with a slash after it: a folder, by one rule for every file flag.

``Path`` drops a last slash, so ``--baseline p.csv/``, ``--checkin c.toml/``,
``--settings set.toml/`` and ``--db c.duckdb/`` were each read as the file without it,
and ``--out plan.csv/`` or ``PLANNER_DB=scenarios/`` would be made as a file where a
folder was meant. Each is refused in the same words: :func:`slash_words`.
"""

from __future__ import annotations

import os
from pathlib import Path

from planner.core.identifiers import escaped

_SLASHES = "/" + os.sep


def ends_in_slash(given: str | Path) -> bool:
    """Whether a path as typed ends in a slash (a ``Path`` has dropped it: only a string
    typed so can), and is more than the root folder."""
    if not isinstance(given, str):
        return False
    return given.endswith(tuple(_SLASHES)) and given.strip(_SLASHES) != ""


def slash_words(
    given: str,
    flag: str | None,
    *,
    made: str | None = None,
    example: str = "",
    a_file: str = "a file",
) -> tuple[str, str] | None:
    """``(said, fix)`` when ``given``, as typed, ends in a slash and is no folder that is
    there (a folder there is refused as a folder, by each flag's own check); else None.

    ``flag`` is how the path was given (``--baseline``, ``PLANNER_DB=``; None where it
    is not known), said in the fix "Drop the slash to use the file: --baseline p.csv".
    For a file that is not there, ``made`` says what would be made ("the database would
    be made") and ``example`` a file inside the folder meant; a file that is only read
    (``made`` None) is left to its reader, which says it is missing.
    """
    if not ends_in_slash(given) or os.path.isdir(given):
        return None
    bare = given.rstrip(_SLASHES)
    name = escaped(Path(bare).name)
    if os.path.isfile(bare):
        if flag is None:
            use = escaped(bare)
        else:
            use = f"{flag}{escaped(bare)}" if flag.endswith("=") else f"{flag} {escaped(bare)}"
        return (
            f"ends in a slash, so it names a folder, but {name} is a file.",
            f"Drop the slash to use the file: {use}.",
        )
    if made is None:
        return None
    return (
        f"ends in a slash, so it names a folder, not a file: {made} as a file named {name}.",
        f"Name {a_file} inside it, e.g. {example} (create the folder first).",
    )
