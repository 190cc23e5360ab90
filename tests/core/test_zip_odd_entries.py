"""A zip of the data zipped again, and a zip whose data file's path leads out of it.

A data zip compressed a second time (a mail client's or a Mac's "Compress" of the
download) read "it holds no data files ..., only q3.zip. Fix: Give the workbook itself,
not zipped": there is no workbook. A data file stored as ``../../teams.csv`` (a zip made to
unpack outside the folder it is unpacked in) read as data "in more than one folder
((root), ../..)", as if '../..' were a folder of the leader's. Neither file is ever read
from anywhere but the zip; each is now named as what it is.
"""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path

import pytest
from loading_files import zip_refusals

from planner.core.errors import InvalidInputError
from planner.core.loading import load_with_warnings

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"


def _zip(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return out.getvalue()


def _sample(prefix: str = "", skip: str = "") -> dict[str, bytes]:
    return {prefix + p.name: p.read_bytes() for p in SAMPLE.iterdir() if p.name != skip}


def _refused(tmp_path: Path, data: bytes):
    path = tmp_path / "q3.zip"
    path.write_bytes(data)
    with pytest.raises(InvalidInputError) as raised:
        load_with_warnings(path)
    (issue,) = raised.value.errors
    return issue


def test_a_zip_of_the_data_zipped_again_is_told_to_give_the_inner_zip(tmp_path):
    issue = _refused(tmp_path, _zip({"Q3 data.zip": _zip(_sample())}))
    assert "only Q3 data.zip" in issue.message, issue.message
    assert issue.fix == (
        "Q3 data.zip is a zip inside this zip: give Q3 data.zip itself (unzip this one "
        "first), or zip the data folder's CSV files."
    ), issue.fix


def test_a_zipped_workbook_keeps_its_words(tmp_path):
    issue = _refused(tmp_path, _zip({"Q3/quarter.xlsx": b"PK not really"}))
    assert issue.fix.startswith("Give the workbook itself, not zipped"), issue.fix


@pytest.mark.parametrize("path", ["../../teams.csv", "/teams.csv", "q3/../../teams.csv"])
def test_a_data_file_whose_path_leads_out_of_the_zip_is_named(tmp_path, path):
    entries = {**_sample(skip="teams.csv"), path: (SAMPLE / "teams.csv").read_bytes()}
    issue = _refused(tmp_path, _zip(entries))
    assert issue.message == (
        f"'{path}' is stored with a path that leads out of the folder the zip unpacks "
        "into, so it is not read."
    ), issue.message
    assert issue.fix == (
        "Zip the data folder again with an ordinary zip tool: its files at the root or in "
        "one folder."
    ), issue.fix


def test_a_path_out_of_the_zip_beside_the_whole_data_is_named_too(tmp_path):
    """A zip holding the data and a second teams.csv stored to land two folders up."""
    entries = {**_sample(), "../../teams.csv": b"team_id,department\nx,sales\n"}
    issue = _refused(tmp_path, _zip(entries))
    assert issue.message.startswith("'../../teams.csv' is stored with a path"), issue.message


@pytest.mark.parametrize("path", ["q3/x/../teams.csv", "q3/./teams.csv"])
def test_a_path_that_comes_back_into_the_data_folder_loads(tmp_path, path):
    """``q3/x/../teams.csv`` unpacks into q3 beside the other files: one folder, read as
    one (it read as data "in more than one folder (q3, q3/x/..)")."""
    entries = {**_sample("q3/", skip="teams.csv"), path: (SAMPLE / "teams.csv").read_bytes()}
    zipped = tmp_path / "q3.zip"
    zipped.write_bytes(_zip(entries))
    assert load_with_warnings(zipped) == load_with_warnings(SAMPLE)


def test_a_path_that_climbs_out_of_the_data_folder_is_named(tmp_path):
    """``q3/../teams.csv`` unpacks at the zip's root, outside q3 where the other files are:
    it read "more than one folder (q3, q3/..)", a folder the leader never made."""
    entries = {
        **_sample("q3/", skip="teams.csv"),
        "q3/../teams.csv": (SAMPLE / "teams.csv").read_bytes(),
    }
    issue = _refused(tmp_path, _zip(entries))
    assert issue.message == (
        "it holds data files in more than one folder ((root), q3): 'q3/../teams.csv' "
        "unpacks at the zip's root ('..' in a path is the folder above)."
    ), issue.message
    assert issue.fix == (
        "Zip one data folder: its files at the root or in one folder, with no '..' in their paths."
    ), issue.fix


@pytest.mark.parametrize("path", ["../readme.txt", "../../notes/readme.txt", "q3/../../x.txt"])
def test_a_file_not_of_the_data_whose_path_leads_out_is_passed_over(tmp_path, path):
    """Only data files are read; another file stored to unpack outside the zip's folder is
    not one, and the data beside it loads (it raised 'pop from empty list')."""
    zipped = tmp_path / "q3.zip"
    zipped.write_bytes(_zip({**_sample(), path: b"notes"}))
    assert load_with_warnings(zipped) == load_with_warnings(SAMPLE)


@pytest.mark.parametrize(
    ("program", "said"),
    [
        (b"MZ\x90\x00" + b"\x00" * 4_996, "a Windows program of 5,000 bytes"),
        (b"\x7fELF" + b"\x00" * 996, "a Linux program of 1,000 bytes"),
        (b"#!/bin/sh\nexit 0\n", "a script of 17 bytes"),
    ],
)
def test_a_self_extracting_zip_is_named_as_one(tmp_path, sample, program, said):
    """A self-extracting archive (a program with the data zip after it, which zip tools
    open) read "it is not a readable zip file", with the fix to zip the folder again; it is
    named as what it is, with how to unpack it, from disk and as an upload alike."""
    data = program + _zip(_sample("q3/"))
    for refusal in zip_refusals(tmp_path, sample, data):
        (issue,) = refusal.errors
        assert issue.message == (
            f"this is a self-extracting archive ({said} with a zip after it), not a zip."
        ), issue.message
        assert issue.fix.startswith("Unpack it with a zip tool")


def test_a_member_declaring_a_gigabyte_names_the_zip_the_member_and_the_cap(
    tmp_path: Path,
) -> None:
    """A member whose header declares 1 GB was told "projects.csv: the file has
    1,073,741,824 bytes", naming neither the zip nor where in it the file is."""

    data = bytearray(_zip(_sample("q3/")))
    at = 0
    while (at := data.find(b"PK\x01\x02", at + 1)) != -1:
        length = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46 : at + 46 + length] == b"q3/projects.csv":
            struct.pack_into("<I", data, at + 24, 2**30)  # its declared unpacked size
    said = _refused(tmp_path, bytes(data))

    assert said.file == "projects.csv"
    assert "q3/projects.csv in q3.zip declares 1,073,741,824 bytes unpacked" in said.message
    assert "at most 20,971,520 bytes" in said.message and said.fix
