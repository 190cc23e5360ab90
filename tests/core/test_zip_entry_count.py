"""A zip or workbook of too many entries is refused from its end record.

:class:`zipfile.ZipFile` reads the whole central directory before it can say how many
entries a zip holds, and the loader opened a zip four times before it counted them: a
zip of 200,000 empty files took 15 to 23 s to be refused at 1,000 entries, a workbook
of 200,000 parts 23 s to validate. The count is read from the zip's end record and at
most one header past the cap, so these tests forbid ZipFile's reading of the directory.
"""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path

import pytest
from builders import SAMPLE

from planner.core.errors import InvalidInputError
from planner.core.loading import data_workbook, load_with_warnings
from planner.core.reading import read_zip
from planner.core.tables import MAX_ZIP_ENTRIES
from planner.core.workbook_size import MAX_WORKBOOK_PARTS
from planner.core.zip_entries import more_entries_than


def _zip(names: list[str], base: dict[str, bytes] | None = None, comment: bytes = b"") -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, body in (base or {}).items():
            archive.writestr(name, body)
        for name in names:
            archive.writestr(name, b"")
        archive.comment = comment
    return out.getvalue()


def _sample() -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in SAMPLE.iterdir()}


@pytest.fixture
def unlisted(monkeypatch):
    """ZipFile may not read a central directory: a count must come from the end record."""

    def refuse(self: zipfile.ZipFile) -> None:
        raise AssertionError("the zip's every entry was read to count them")

    monkeypatch.setattr(zipfile.ZipFile, "_RealGetContents", refuse)


def _refused(path: Path) -> str:
    with pytest.raises(InvalidInputError) as raised:
        load_with_warnings(path)
    (issue,) = raised.value.errors
    assert (issue.file, issue.row, issue.column) == (path.name, None, None)
    return f"{issue.message} Fix: {issue.fix}"


def test_a_zip_past_the_entry_cap_is_refused_without_reading_its_entries(tmp_path, unlisted):
    path = tmp_path / "q3.zip"
    path.write_bytes(_zip([f"f{i}.txt" for i in range(MAX_ZIP_ENTRIES + 1)]))
    assert _refused(path) == (
        "it holds 1,001 entries; at most 1,000 are read. Fix: Zip only the data folder."
    )


def test_a_zip64_end_record_gives_the_count(tmp_path, monkeypatch, unlisted):
    # Past 65,535 entries a zip's count is in its zip64 end record; written here at 10.
    monkeypatch.setattr(zipfile, "ZIP_FILECOUNT_LIMIT", 10)
    data = _zip([f"q3/f{i}.txt" for i in range(MAX_ZIP_ENTRIES + 5)], comment=b"made by a tool")
    assert b"PK\x06\x06" in data[-200:]
    path = tmp_path / "q3.zip"
    path.write_bytes(data)
    assert _refused(path).startswith("it holds 1,005 entries; at most 1,000 are read.")


def test_an_end_record_that_says_fewer_entries_than_it_lists_is_not_believed(unlisted):
    data = bytearray(_zip([f"f{i}.txt" for i in range(1_500)]))
    end = data.rfind(b"PK\x05\x06")
    struct.pack_into("<HH", data, end + 8, 3, 3)  # "3 entries", over 1,500 headers
    with pytest.raises(InvalidInputError) as raised:
        read_zip(bytes(data), "q3.zip")
    assert raised.value.errors[0].message == (
        "it holds more than 1,000 entries; at most 1,000 are read."
    )


def test_a_zip_at_the_cap_with_a_comment_and_bytes_before_it_is_counted_as_a_zip_is():
    data = _zip(
        [f"notes/n{i}.txt" for i in range(MAX_ZIP_ENTRIES - 7)], _sample(), b"made by a tool"
    )
    assert more_entries_than(data, MAX_ZIP_ENTRIES) is None
    assert more_entries_than(data, MAX_ZIP_ENTRIES - 1) == "1,000"
    # A self-extracting zip: a program before the zip, its offsets still from the zip's start.
    assert more_entries_than(b"MZ" + bytes(5_000) + data, MAX_ZIP_ENTRIES - 1) == "1,000"
    assert more_entries_than(b"not a zip", 0) is None
    assert more_entries_than(data[:-30], 0) is None  # its end cut off: ZipFile names it


def test_a_workbook_of_too_many_parts_is_refused_without_reading_them(tmp_path):
    sample = load_with_warnings(SAMPLE.parent / "sample-without-weeks").problem
    book = data_workbook(sample)
    with zipfile.ZipFile(io.BytesIO(book)) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    extra = MAX_WORKBOOK_PARTS + 1 - len(parts)
    path = tmp_path / "q3.xlsx"
    path.write_bytes(_zip([f"customXml/item{i}.xml" for i in range(extra)], parts))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(zipfile.ZipFile, "_RealGetContents", _no_listing)
        said = _refused(path)
    assert said == (
        "the workbook holds 10,001 parts (sheets, pictures, styles...); at most 10,000 are "
        "read. Fix: Save it again from your spreadsheet, keeping only the data sheets."
    )


def _no_listing(self: zipfile.ZipFile) -> None:
    raise AssertionError("the workbook's every part was read to count them")
