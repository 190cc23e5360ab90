"""Zip entries that are not the data folder's files: a path out of the zip, a zip inside.

A data file stored as ``../../teams.csv`` (or ``/teams.csv``) is one a zip tool would
unpack outside the folder it unpacks into; the loader reads entries from the zip only,
never from disk, and names such an entry rather than counting '../..' as a folder of the
leader's. A data zip compressed again holds only that zip: the fix names it.
"""

from __future__ import annotations

import posixpath
import zipfile
from collections.abc import Collection
from pathlib import PurePosixPath

from planner.core.errors import InputIssue
from planner.core.tables import issue
from planner.core.text import escaped


def leads_out(name: PurePosixPath) -> bool:
    """Whether a zip entry's path starts at ``/`` or climbs above the zip's root (``../``)."""
    depth = 0
    for part in name.parts[:-1]:
        if part == "/":
            return True
        depth += -1 if part == ".." else 0 if part == "." else 1
        if depth < 0:
            return True
    return False


def unpacked_path(name: PurePosixPath) -> PurePosixPath:
    """Where an entry that does not lead out of the zip (:func:`leads_out`) unpacks:
    ``q3/x/../teams.csv`` is ``q3/teams.csv``, ``q3/./teams.csv`` too."""
    return PurePosixPath(posixpath.normpath(name))


def folders_issue(where: str, folders: list[str], climbing: list[str]) -> InputIssue:
    """Data files in more than one folder (``folders``, as they unpack); ``climbing``: the
    data files stored with '..' in their paths, which put them where the leader did not
    look (``q3/../teams.csv`` unpacks at the root, not in q3)."""
    shown = ", ".join("(root)" if f == "." else f for f in folders)
    message = f"it holds data files in more than one folder ({shown})"
    fix = "Zip one data folder: its files at the root or in one folder"
    if climbing:
        name = climbing[0]
        folder = str(unpacked_path(PurePosixPath(name)).parent)
        at = "at the zip's root" if folder == "." else f"into {escaped(folder)}"
        message += f": '{escaped(name)}' unpacks {at} ('..' in a path is the folder above)"
        fix += ", with no '..' in their paths"
    return issue(where, None, None, f"{message}.", f"{fix}.")


def data_file_out_of_zip(
    info: zipfile.ZipInfo, name: PurePosixPath, known: Collection[str], where: str
) -> InputIssue | None:
    """The problem of a data file (``name``) stored with a path out of the zip, if it is one."""
    if not leads_out(name) or name.name.strip().lower() not in known:
        return None
    return issue(
        where,
        None,
        None,
        f"'{escaped(info.filename)}' is stored with a path that leads out of the folder the "
        "zip unpacks into, so it is not read.",
        "Zip the data folder again with an ordinary zip tool: its files at the root or in "
        "one folder.",
    )


def inner_files_fix(inner: list[str]) -> str:
    """The fix for a zip holding only workbooks or zips (``inner``), no data files."""
    zips = [n for n in inner if n.lower().endswith(".zip")]
    if len(zips) == len(inner):  # a data zip compressed again (a mail client, Compress)
        return (
            f"{zips[0]} is a zip inside this zip: give {zips[0]} itself (unzip this one "
            "first), or zip the data folder's CSV files."
        )
    return "Give the workbook itself, not zipped, or zip the data folder's CSV files."
