"""Zip entries that are not the data folder's files: a path out of the zip, a zip inside.

A data file stored as ``../../teams.csv`` (or ``/teams.csv``) is one a zip tool would
unpack outside the folder it unpacks into; the loader reads entries from the zip only,
never from disk, and names such an entry rather than counting '../..' as a folder of the
leader's. A data zip compressed again holds only that zip: the fix names it.
"""

from __future__ import annotations

import posixpath
import struct
import zipfile
from collections.abc import Collection
from pathlib import PurePosixPath

from planner.core.errors import InputIssue
from planner.core.identifiers import escaped
from planner.core.tables import issue


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


#: The end of central directory record (APPNOTE 4.3.16), the zip64 one (4.3.14) and its
#: locator (4.3.15), and a central directory file header (4.3.12).
_END = struct.Struct("<4s4H2LH")
_END64 = struct.Struct("<4sQ2H2L4Q")
_END64_LOCATOR = struct.Struct("<4sLQL")
_HEADER = struct.Struct("<4s24x3H12x")


def more_entries_than(data: bytes, most: int) -> str | None:
    """How many entries the zip ``data`` lists ("200,000", "more than 1,000") when that is
    more than ``most``; None when it is ``most`` or fewer, or ``data`` has no zip end record.

    Read from the end record and at most ``most + 1`` of the central directory's headers:
    :class:`zipfile.ZipFile` reads every entry before it can be asked how many there are
    (a zip of 200,000 empty files took 15 s, four openings, to be refused at 1,000). The
    headers are counted, not only the record's total, as ZipFile reads the directory to
    its declared size whatever the total says.
    """
    # Found where ZipFile finds it: the last 22 bytes, else the last signature before
    # a comment (at most 64 KiB).
    at = len(data) - _END.size
    if at < 0 or data[at : at + 4] != b"PK\x05\x06" or data[-2:] != b"\0\0":
        at = data.rfind(b"PK\x05\x06", max(0, len(data) - (1 << 16) - _END.size))
    if at < 0 or at + _END.size > len(data):
        return None
    _, _, _, _, total, size, _, _ = _END.unpack_from(data, at)
    start = at - size
    locator = at - _END64_LOCATOR.size
    if locator >= _END64.size and data[locator : locator + 4] == b"PK\x06\x07":
        record = locator - _END64.size  # where ZipFile reads it: just before its locator
        fields = _END64.unpack_from(data, record)
        if fields[0] == b"PK\x06\x06":
            total, size = fields[7], fields[8]
            start = record - size
    if start < 0:
        return None
    counted, end = 0, start + size
    while counted <= most and start + _HEADER.size <= end:
        signature, name, extra, comment = _HEADER.unpack_from(data, start)
        if signature != b"PK\x01\x02":
            break  # damaged: ZipFile names it
        counted += 1
        start += _HEADER.size + name + extra + comment
    if counted <= most:
        return None
    return f"{total:,}" if total > most else f"more than {most:,}"
