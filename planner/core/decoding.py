"""Bytes to text: which encoding a data file is saved in, before it is parsed as CSV.

A data file must be UTF-8 text (a byte-order mark is dropped). UTF-16 and UTF-32
(with or without a byte-order mark), workbooks and other binary files are named
as what they are, with the fix; a few stray NUL bytes in UTF-8 text are left for the
parser to name by row; bytes that are not UTF-8 inside otherwise UTF-8
text are kept as surrogate escapes, so that :mod:`planner.core.csv_text` can name
the row and column that hold them.
"""

from __future__ import annotations

import codecs
import re

from planner.core.errors import InputIssue
from planner.core.tables import SAVE_AS_UTF8, issue


def decode_text(data: bytes, file: str, issues: list[InputIssue]) -> str | None:
    """UTF-8 text of the bytes (BOM dropped); other encodings are reported.

    Bytes that are not UTF-8 are kept as surrogate escapes so that the parser
    can name the row and column holding them.
    """
    head = data[:4096]
    utf32 = data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)) or looks_utf32(head)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or looks_utf16(head) or utf32:
        wide = "UTF-32" if utf32 else "UTF-16"
        issues.append(issue(file, None, None, f"the file is saved as {wide} text.", SAVE_AS_UTF8))
        return None
    if data.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        issues.append(
            issue(
                file,
                None,
                None,
                "the file is an Excel workbook (or another binary file), not CSV text.",
                "Open it in Excel and save it as CSV UTF-8 (Comma delimited).",
            )
        )
        return None
    if b"\x00" in data and not stray_nuls(data):
        issues.append(
            issue(
                file,
                None,
                None,
                "the file holds binary data, not CSV text.",
                "Export the data as CSV UTF-8; do not rename other kinds of file to .csv.",
            )
        )
        return None
    return data.decode("utf-8-sig", errors="surrogateescape")


#: At most this many NUL bytes in text that is UTF-8 without them: a cell pasted from
#: another program, a block a disk lost; read as text, for :mod:`planner.core.csv_text`
#: to name each cell holding one (it read "the file holds binary data", no row named).
STRAY_NULS = 16


def stray_nuls(data: bytes) -> bool:
    """True when ``data`` is UTF-8 text but for a few NUL bytes (:data:`STRAY_NULS`)."""
    if data.count(b"\x00") > STRAY_NULS:
        return False
    try:
        data.replace(b"\x00", b"").decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


#: Four bytes past ASCII in a row: two Chinese, Japanese or Korean characters in a legacy
#: encoding. European text in Windows-1252 or Latin-1 has one or two between letters
#: ('Müller', 'Größe').
_EAST_ASIAN_RUN = re.compile(rb"[\x80-\xff]{4,}")


def saved_as(raw: bytes) -> str:
    """The encoding bytes that are not UTF-8 look saved in, in words, after "saved": a name
    in Chinese saved as GBK read "saved as Windows-1252 or Latin-1" ('ÏúÊÛÍÅ¶Ó')."""
    if _EAST_ASIAN_RUN.search(raw):
        return "in an East Asian encoding such as GBK, Big5 or Shift-JIS"
    return "as Windows-1252 or Latin-1"


def looks_utf16(head: bytes) -> bool:
    """UTF-16 without a BOM: every other byte zero, the others text (not a program's bytes)."""
    halves = (head[0::2], head[1::2])
    return len(head) >= 4 and any(
        zeros.count(0) > 0.8 * len(zeros)
        and sum(31 < c < 127 or c in b"\t\r\n" for c in text) > 0.8 * len(text)
        for zeros, text in (halves, halves[::-1])
    )


def looks_utf32(head: bytes) -> bool:
    """UTF-32 without a BOM: three bytes of every four zero, the fourth text. It read "the
    file holds binary data. Fix: ... do not rename other kinds of file to .csv"."""
    if len(head) < 8:
        return False
    quarters = [head[i::4] for i in range(4)]

    def zero(part: bytes) -> bool:
        return part.count(0) > 0.8 * len(part)

    def text(part: bytes) -> bool:
        return sum(31 < c < 127 or c in b"\t\r\n" for c in part) > 0.8 * len(part)

    little = text(quarters[0]) and all(zero(q) for q in quarters[1:])
    return little or (text(quarters[3]) and all(zero(q) for q in quarters[:3]))
