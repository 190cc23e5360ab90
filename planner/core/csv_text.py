"""Reading one CSV file's bytes into a raw text table, or saying why it is none.

It rejects what is not a comma-separated UTF-8 text table: other encodings,
binary files, semicolons, ragged rows, duplicate or missing headers,
oversized files; each problem becomes an :class:`~planner.core.errors.InputIssue`
naming the file (and row and column where there is one).
:mod:`planner.core.reading` finds the files in a folder or a zip.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterator, Sequence

import pandas as pd

from planner.core.decoding import decode_text, saved_as
from planner.core.errors import InputIssue, InvalidInputError, Severity, clipped
from planner.core.file_kinds import (
    reported_as_toml,
)
from planner.core.identifiers import escaped
from planner.core.shared_words import plural
from planner.core.shown_figures import first_few
from planner.core.tables import (
    COLUMNS,
    LINE,
    MAX_FILE_BYTES,
    MAX_ROWS,
    REQUIRED_COLUMNS,
    REQUIRED_FILES,
    SAVE_AS_UTF8,
    issue,
    normal_header,
    other_separator,
    past_the_caps,
    recognise_table,
    separator_line,
    title_above_header,
    too_big,
)
from planner.core.writing import text_frame


def read_csv_text(data: bytes, file: str) -> pd.DataFrame:
    """Read one CSV file's bytes into a frame of raw text cells.

    Parameters
    ----------
    data
        The file's bytes: UTF-8, with or without a byte-order mark.
    file
        The file's name, used to locate problems (e.g. ``"teams.csv"``).

    Returns
    -------
    pandas.DataFrame
        One column per header (lower case, surrounding spaces removed), one
        row per data row in file order, so that spreadsheet row = position
        + 2. Every cell is the text as written (``NA`` stays ``"NA"``); blank
        lines are kept as rows of empty cells.

    Raises
    ------
    InvalidInputError
        When the bytes are not a comma-separated UTF-8 table, with every
        structural problem found.
    """
    issues: list[InputIssue] = []
    frame = parse_csv(data, file, issues)
    if frame is None:
        raise InvalidInputError(issues)
    return frame


#: Appends one problem: (row, column, message, fix).
_Fail = Callable[[int | None, str | None, str, str], None]


def parse_csv(
    data: bytes, file: str, issues: list[InputIssue], before: int = 0
) -> pd.DataFrame | None:
    """Parse CSV bytes into a text frame, or append the problems and return None.

    In stages, each stopping at what makes the next meaningless: the bytes
    as text, the text as records, the header's columns, then every row's
    cells (the problems of the last two are reported together).
    """

    def fail(row: int | None, column: str | None, message: str, fix: str) -> None:
        issues.append(issue(file, row, column, message, fix))

    text = _text(data, file, issues, fail)
    if text is None:
        return None
    records = _records(text, file, issues, fail, before)
    if records is None:
        return None
    header, body = records[0] if records else [], records[1:]
    names = [normal_header(cell) for cell in header]
    columns = _columns(names, body, file, issues, fail)
    if columns is None:
        return None
    keep, ok = columns
    if not _header_of_the_file(names, header, body, file, fail):
        return None
    _without_trailing_commas(names, body, file, issues)
    if _another_tables_header(names, body, file, fail):
        return None
    ok = (
        _header_past_the_rows(names, body, file, fail)
        and _rows_fit(names, keep[-1] + 1, body, fail)
        and ok
    )
    if not ok:
        return None
    rows = [
        [record[i] if i < len(record) else "" for i in keep]
        if any(c.strip() for c in record)
        else [""] * len(keep)
        for record in body
    ]
    return text_frame(rows, [names[i] for i in keep])


def _text(data: bytes, file: str, issues: list[InputIssue], fail: _Fail) -> str | None:
    """The file's text: within the size cap, UTF-8, not empty."""
    if len(data) > MAX_FILE_BYTES:
        issues.append(too_big(file, len(data), MAX_FILE_BYTES))
        return None
    text = decode_text(data, file, issues)
    if text is None or reported_as_toml(text, file, issues):
        return None
    # The end-of-file mark (Ctrl-Z) DOS programs write after the last row: it read as a
    # row of one cell, "the row has 1 cells but the header has 7 columns".
    text = text.removesuffix("\x1a")
    if (ends := _other_line_ends(text)) is not None:
        fail(
            1,
            None,
            f"the file's rows are separated by {ends}, which a CSV file does not take for "
            "the end of a row: it reads as one row.",
            "Save it again as CSV UTF-8 (Comma delimited), one row a line.",
        )
        return None
    if not text.strip():
        columns = COLUMNS.get(file)
        fix = "Put the column names on row 1"
        fix += f": {','.join(columns)}." if columns else "."
        if file not in REQUIRED_FILES:
            fix += " Or delete the file if you do not need it."
        fail(None, None, "the file is empty.", fix)
        return None
    return text


#: Characters other programs end a line with that CSV does not: a whole file of rows
#: joined by one read as a header of dozens of columns ("the column 'sales' appears 5
#: times").
_OTHER_LINE_ENDS = {
    "\u2028": "U+2028 (LINE SEPARATOR)",
    "\u2029": "U+2029 (PARAGRAPH SEPARATOR)",
    "\u0085": "U+0085 (NEXT LINE)",
    "\x0c": "form feeds (U+000C)",
    "\x0b": "vertical tabs (U+000B)",
    "\x1e": "record separators (U+001E)",
}


def _other_line_ends(text: str) -> str | None:
    """The character ``text``'s rows are separated by when it has no line break, or None."""
    if "\n" in text or "\r" in text:
        return None
    return next((said for char, said in _OTHER_LINE_ENDS.items() if char in text), None)


def _records(
    text: str, file: str, issues: list[InputIssue], fail: _Fail, before: int
) -> list[list[str]] | None:
    """The text's CSV records: within the row cap, comma-separated, readable."""
    records: list[list[str]] = []
    csv_error: str | None = None
    cells = 0
    # Rows with nothing in them, held back until a row with a value follows (then each an
    # empty record, for the rows below to keep their numbers): 100,000 rows of commas at
    # the end, as Excel saves formatted empty rows, were counted against the caps.
    empty = 0
    # The rows with a value, the header's included: blank rows between them are not
    # counted toward the row cap either (they were, as rows of data).
    filled = 0
    try:
        for record in csv.reader(_lines(text), strict=True):
            if records and not any(cell.strip() for cell in record):
                empty += 1
                continue
            if len(records) + empty >= MAX_SPACED_ROWS:
                # Each empty row between is kept (for the rows below to keep their numbers):
                # a million of them took 20 s and 470 MB before the cap said anything.
                fail(None, None, *_too_spaced(filled))
                return None
            records += [[] for _ in range(empty)]
            empty = 0
            cells += len(record)
            if (past := past_the_caps(file, filled, cells, len(record), before)) is not None:
                fail(None, None, *past)
                return None
            records.append(record)
            filled += 1
    except csv.Error as exc:
        csv_error = str(exc)
        records += [[] for _ in range(empty)]

    separated = separator_line(records[0]) if records else None
    separated = separated or other_separator(records[0] if records else [])
    if separated is not None:
        fail(1, None, *separated)
        return None
    if csv_error is not None:
        fail(len(records) + 1, None, *_csv_error_text(csv_error))
        return None
    if max(text) >= "\udc80" and _report_bad_bytes(records, file, issues):
        return None
    if "\x00" in text:
        _report_nuls(records, file, issues)
        return None
    return records


#: The most rows a CSV file is read to, its empty rows between data rows included: twice
#: the data rows (:data:`MAX_ROWS`) a file may have.
MAX_SPACED_ROWS = 2 * MAX_ROWS


def _too_spaced(filled: int) -> tuple[str, str]:
    """The message and fix of a file whose rows, with the empty ones between them, pass
    :data:`MAX_SPACED_ROWS` (``filled`` rows with a value, the header's included)."""
    return (
        f"the file runs past row {MAX_SPACED_ROWS:,}, most of its rows empty ({filled:,} rows "
        "with a value above there).",
        "Delete the empty rows between the data rows (in Excel: sort the rows, or filter "
        "for blanks and delete them), then save the file again.",
    )


def _report_nuls(records: list[list[str]], file: str, issues: list[InputIssue]) -> None:
    """Name each cell holding a NUL byte (a few, :func:`~planner.core.decoding.stray_nuls`)."""
    names = [normal_header(c) for c in records[0]] if records else []
    for position, record in enumerate(records):
        for index, cell in enumerate(record):
            if "\x00" not in cell:
                continue
            column = names[index] if position > 0 and index < len(names) else ""
            issues.append(
                issue(
                    file,
                    position + 1,
                    column if column and "\x00" not in column else column_letter(index),
                    "the cell holds a NUL byte (\\x00), which no text file holds: the file "
                    "was damaged, or the cell pasted from another program.",
                    "Retype the cell, or save the file again as CSV UTF-8 (Comma delimited).",
                )
            )


def _columns(
    names: list[str], body: list[list[str]], file: str, issues: list[InputIssue], fail: _Fail
) -> tuple[list[int], bool] | None:
    """The positions of the named columns, and whether the header is sound.

    ``None`` when there is no header to read: an empty one, or a title above it.
    """
    if not any(names):
        fail(1, None, "the header row is empty.", "Put the column names on row 1.")
        return None
    required = set(REQUIRED_COLUMNS.get(file, ()))
    # The first row with a value: a title often has an empty row or two under it.
    at, first = next(((i + 2, r) for i, r in enumerate(body) if any(c.strip() for c in r)), (2, []))
    below = {normal_header(cell) for cell in first}
    if required and not required & set(names) and required <= below:
        fail(1, None, *title_above_header(at))
        return None
    keep, unnamed = named_columns(names, body)
    for index in unnamed:
        letter = column_letter(index)
        fail(
            1,
            letter,
            f"column {letter} has values but no name on the header row.",
            "Write the column's name on row 1, or delete the column.",
        )
    ok = check_duplicate_headers([names[i] for i in keep], keep, file, issues) and not unnamed
    return keep, ok


def named_columns(
    names: Sequence[str], rows: Sequence[Sequence[str]]
) -> tuple[list[int], list[int]]:
    """The positions of the named columns, and of the unnamed ones a row has a value in
    (a problem: a value nobody can tell the meaning of). A CSV file's and a sheet's alike."""
    keep = [index for index, name in enumerate(names) if name]
    unnamed = [
        index
        for index, name in enumerate(names)
        if not name and any(index < len(r) and r[index].strip() for r in rows)
    ]
    return keep, unnamed


def _header_of_the_file(
    names: list[str], header: list[str], body: list[list[str]], file: str, fail: _Fail
) -> bool:
    """Whether row 1 may be ``file``'s header: it names one of the file's columns, or its
    rows have as many cells as it has names.

    A header naming none of the columns above rows of another length (a header typed
    over, or the data pasted from row 1 on) read "the row has 7 cells but the header has
    3 columns. Fix: Put quotes around cells that contain commas" on every row, with no
    word of the header: the cells are right, row 1 is not.
    """
    known = COLUMNS.get(file, ())
    lengths = [len(r) for r in body if any(cell.strip() for cell in r)]
    if not known or set(names) & set(known) or all(n == len(names) for n in lengths):
        return True
    cells = max(set(lengths), key=lengths.count)
    shown = [cell.strip() for cell in header if cell.strip()]
    listed = first_few([f"'{escaped(clipped(cell))}'" for cell in shown], 3)
    fail(
        1,
        None,
        f"row 1 is not the header of {file}: it names none of its columns ({listed}), "
        f"and the rows under it have {plural(cells, 'cell')} where it has "
        f"{plural(len(names), 'name')}.",
        f"Put the column names on row 1: {','.join(known)} (insert a row for them if "
        "row 1 holds data).",
    )
    return False


#: The first column of each data file's header: a row beginning with one may be a header.
_FIRST_COLUMNS = frozenset(columns[0] for columns in COLUMNS.values())


def _another_tables_header(names: list[str], body: list[list[str]], file: str, fail: _Fail) -> bool:
    """Whether a row below the header is another data file's header (two tables pasted
    into one file), said with the rows to move. Its rows read "the row has 4 cells but the
    header has 3 columns. Fix: Put quotes around cells", one by one."""
    for position, record in enumerate(body):
        if not record or normal_header(record[0]) not in _FIRST_COLUMNS:
            continue
        other = recognise_table(record)
        if other is None or other == file or {normal_header(c) for c in record} <= set(names):
            continue
        row, last = position + 2, len(body) + 1
        rows = f"row {row}" if row == last else f"rows {row}-{last}"
        named = ", ".join(c.strip() for c in record if c.strip())
        fail(
            row,
            None,
            f"row {row} is the header of {other} ({named}): two tables are pasted into one file.",
            f"Move {rows} into {other} (its header included), and delete them here.",
        )
        return True
    return False


def _without_trailing_commas(
    names: list[str], body: list[list[str]], file: str, issues: list[InputIssue]
) -> None:
    """Drop the empty last cell of every row when each row with a value ends with a comma
    the header does not (an export's trailing comma), and say so once. Each such row read
    "the row has 8 cells but the header has 7 columns. Fix: Put quotes around cells that
    contain commas" (10 problems for one comma per row). A single row so is still told: a
    comma inside a name shifts its cells alike."""
    filled = [r for r in body if any(cell.strip() for cell in r)]
    width = len(names) + 1
    if len(filled) < 2 or any(len(r) != width or r[-1].strip() for r in filled):
        return
    for record in filled:
        record.pop()
    issues.append(
        issue(
            file,
            2,
            None,
            f"every row ends with a comma that the header does not ({len(filled):,} rows: "
            f"{plural(width, 'cell')} under {plural(len(names), 'column name')}); the empty "
            "cell after the last column is not read.",
            "Nothing to do; to check, see that each row's cells are under the right names "
            "(a comma inside a name moves the cells after it).",
            Severity.WARNING,
        )
    )


def _header_past_the_rows(names: list[str], body: list[list[str]], file: str, fail: _Fail) -> bool:
    """Whether the header is no longer than the rows, or its columns past every row's cells
    include one of the file's own (then the rows lack cells, which :func:`_rows_fit` says).

    A header of 20,007 names over rows of 7 cells (names pasted along row 1, a column of
    them transposed) was told "Add the missing cells" on every row: the cells to remove
    are on row 1.
    """
    widest = max((len(r) for r in body if any(cell.strip() for cell in r)), default=0)
    past = [name for name in names[widest:] if name]
    if not widest or not past or set(past) & set(COLUMNS.get(file, ())):
        return True
    at = column_letter(widest)
    listed = first_few([f"'{escaped(clipped(name))}'" for name in past], 3)
    fail(
        1,
        at,
        f"the header has {len(names):,} columns, but no row has more than {widest:,} cells: "
        f"{plural(len(past), 'column name')} from column {at} on ({listed}) head no cells.",
        f"Delete the header's names from column {at} on, or give each row its cells in "
        "those columns.",
    )
    return False


#: A figure's first group of digits, and each later group of three, as split at the commas
#: of a thousands separator ('1,400.5' in a row without quotes: '1', '400.5').
_FIRST_GROUP = re.compile(r"-?[0-9]{1,3}")
_LATER_GROUP = re.compile(r"[0-9]{3}")


def _split_figure(record: list[str], extra: int) -> int | None:
    """Where a figure written with commas between thousands ('1,400') starts in ``record``,
    when those commas alone make its ``extra`` cells; None otherwise."""
    for start in range(len(record) - extra):
        groups = record[start + 1 : start + extra + 1]
        if (
            _FIRST_GROUP.fullmatch(record[start])
            and all(_LATER_GROUP.fullmatch(g) for g in groups[:-1])
            and re.fullmatch(r"[0-9]{3}(?:\.[0-9]+)?", groups[-1])
        ):
            return start
    return None


def _rows_fit(names: list[str], needed: int, body: list[list[str]], fail: _Fail) -> bool:
    """Whether every row with a value has a cell per column up to the last named one."""
    num_columns = len(names)
    ok = True
    for position, record in enumerate(body):
        row = position + 2
        if not any(cell.strip() for cell in record):
            continue
        # "the row has 2 cells but the header has 1 columns": a file that is no table.
        counts = (
            f"the row has {plural(len(record), 'cell')} but the header has "
            f"{plural(num_columns, 'column')}."
        )
        extra = len(record) - num_columns
        if extra > 0 and (start := _split_figure(record, extra)) is not None:
            typed = ",".join(record[start : start + extra + 1])
            fail(
                row,
                names[start] or column_letter(start),
                f"{counts[:-1]}: '{typed}' is a figure written with a comma between thousands, "
                f"which splits it into {extra + 1} cells.",
                f"Write it as {typed.replace(',', '')}: a figure has no thousands separator.",
            )
            ok = False
        elif extra > 0:
            # Even empty extra cells count: an unquoted comma shifts every later cell.
            fail(
                row,
                None,
                counts,
                'Put quotes around cells that contain commas, e.g. "Smith, Jones", '
                "or remove the extra cells.",
            )
            ok = False
        elif len(record) < needed:
            fail(
                row,
                None,
                counts,
                "Add the missing cells; an empty cell still needs its comma.",
            )
            ok = False
    return ok


def _lines(text: str) -> Iterator[str]:
    """The text's lines with their ends (``\n``, ``\r\n`` or ``\r``), one at a time.

    Unlike ``io.StringIO``, which holds four bytes per character, this costs
    no memory beyond the text itself.
    """
    for match in LINE.finditer(text):
        yield match.group()


def _report_bad_bytes(records: list[list[str]], file: str, issues: list[InputIssue]) -> bool:
    """Locate the first cell holding bytes that are not UTF-8; True when found."""
    names = [normal_header(c) for c in records[0]] if records else []
    for position, record in enumerate(records):
        for index, cell in enumerate(record):
            if not any("\udc80" <= c <= "\udcff" for c in cell):
                continue
            raw = cell.encode("utf-8", errors="surrogateescape")
            shown = raw.decode("cp1252", errors="replace")
            bad = next(c for c in cell if "\udc80" <= c <= "\udcff")
            column = names[index] if position > 0 and index < len(names) else None
            if not column or any("\udc80" <= c <= "\udcff" for c in column):
                column = column_letter(index)
            issues.append(
                issue(
                    file,
                    position + 1,
                    column,
                    f"the file is not UTF-8 text: '{shown}' holds the byte "
                    f"0x{ord(bad) - 0xDC00:02X} (the file looks saved {saved_as(raw)}).",
                    SAVE_AS_UTF8,
                )
            )
            return True
    return False


def _csv_error_text(error: str) -> tuple[str, str]:
    if "unexpected end of data" in error:
        return (
            "a quote opened on this row is never closed.",
            'Close the quoted cell with a second ", and write a quote inside a cell as "".',
        )
    if "expected after" in error:
        return (
            "a quoted cell has text after its closing quote.",
            'Put quotes around the whole cell and write a quote inside it as "", '
            'e.g. "The ""Big"" Deal".',
        )
    if "field larger than field limit" in error:
        return (
            f"a cell is longer than {csv.field_size_limit():,} characters.",
            "Shorten the cell; check for a quote that is never closed.",
        )
    return (f"the row cannot be read as CSV ({error}).", "Check the commas and quotes on the row.")


def column_letter(index: int) -> str:
    """Spreadsheet column letter of a 0-based index (0 -> A, 26 -> AA)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def check_duplicate_headers(
    names: list[str], positions: list[int], file: str, issues: list[InputIssue]
) -> bool:
    """Whether the header ``names`` (at ``positions``) name each column once; an error on
    row 1 of ``file`` in ``issues`` for each name given twice or more."""
    where: dict[str, list[int]] = {}
    for name, position in zip(names, positions, strict=True):
        where.setdefault(name, []).append(position)
    ok = True
    for name, found in where.items():
        if len(found) > 1:
            issues.append(
                issue(
                    file,
                    1,
                    clipped(name, 60),
                    column_twice(name, found),
                    "Keep one of them; column names ignore case and surrounding spaces.",
                )
            )
            ok = False
    return ok


def column_twice(name: str, positions: list[int]) -> str:
    """``the column 'value' appears 2 times (columns B and G).``: a header that names a
    column more than once, at ``positions`` (0 for column A)."""
    letters = first_few([column_letter(i) for i in positions], joiner=" and ")
    return f"the column '{clipped(name, 60)}' appears {len(positions)} times (columns {letters})."
