"""Workbooks that are odd on the inside: what their XML declares is not what they hold.

An ``.xlsx`` is a zip of XML parts. Each sheet declares its used range
(``<dimension ref="A1:G11"/>``), which programs other than Excel may write
wrong, and each part declares its unpacked size. Reading trusted both: a
range declared too small dropped the rows past it without a word; a range
(or one cell) reaching column XFD padded every row to 16,384 cells, so a
75 KB workbook took minutes to validate; a part that unpacks to hundreds of
megabytes was unpacked.
"""

from __future__ import annotations

import io
import re
import time
import zipfile
from pathlib import Path

import pytest
from builders import workbook_of
from load_watch import LoadWatch

from planner.core import workbook_cells
from planner.core.errors import InvalidInputError
from planner.core.loading import data_workbook, load_with_warnings
from planner.core.loading import load_workbook as load_book
from planner.core.tables import MAX_CELLS
from planner.core.workbook_size import MAX_WORKBOOK_BYTES

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample-without-weeks"


@pytest.fixture(scope="module")
def sample():
    """The sample quarter without weeks, as a problem."""
    return load_with_warnings(SAMPLE).problem


@pytest.fixture(scope="module")
def book(sample) -> bytes:
    """The sample's data workbook as the planner writes it."""
    return data_workbook(sample)


def _sheet_part(data: bytes, title: str) -> str:
    """The zip part that holds the sheet named ``title``."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = re.findall(
            rb'<sheet [^>]*name="([^"]+)"[^>]*r:id="([^"]+)"', archive.read("xl/workbook.xml")
        )
        rels = archive.read("xl/_rels/workbook.xml.rels")
    rid = dict(names)[title.encode()]
    target = re.search(rb'Id="' + rid + rb'"[^>]*Target="([^"]+)"', rels)
    if target is None:
        target = re.search(rb'Target="([^"]+)"[^>]*Id="' + rid + rb'"', rels)
    assert target is not None
    return "xl/" + target[1].decode().removeprefix("/xl/")


def _edited(data: bytes, title: str, edit) -> bytes:
    """``data`` with the XML of sheet ``title`` passed through ``edit``."""
    return _part_edited(data, _sheet_part(data, title), edit)


def _part_edited(data: bytes, part: str, edit) -> bytes:
    """``data`` with its zip member ``part`` passed through ``edit``."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            body = src.read(info)
            dst.writestr(info, edit(body) if info.filename == part else body)
    return out.getvalue()


def _dimension(ref: str):
    def edit(xml: bytes) -> bytes:
        if b"<dimension" in xml:
            return re.sub(
                rb'<dimension ref="[^"]*"\s*/>', f'<dimension ref="{ref}"/>'.encode(), xml
            )
        return xml.replace(b"<sheetViews>", f'<dimension ref="{ref}"/><sheetViews>'.encode(), 1)

    return edit


def _with_cell(ref: str, value: str):
    """A sheet edit adding an inline-string cell at ``ref`` in its own row at the end."""
    row = re.sub(r"[A-Z]+", "", ref)

    def edit(xml: bytes) -> bytes:
        cell = f'<row r="{row}"><c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c></row>'
        return xml.replace(b"</sheetData>", cell.encode() + b"</sheetData>", 1)

    return edit


def test_rows_past_a_range_declared_too_small_are_read(book, sample):
    """A sheet declaring A1:C2 while it holds every team: every team is read, none dropped."""
    edited = _edited(book, "teams", _dimension("A1:C2"))
    again = load_book(edited, "quarter.xlsx").problem
    assert [t.team_id for t in again.teams] == [t.team_id for t in sample.teams]


def test_a_range_declared_to_the_last_cell_of_a_sheet_reads_in_moments(book, sample):
    """A1:XFD1048576 declared on the projects sheet (a 17-billion-cell range): read in
    seconds as the same problem; it padded each row to 16,384 cells and took minutes."""
    edited = _edited(book, "projects", _dimension("A1:XFD1048576"))
    started = time.perf_counter()
    again = load_book(edited, "quarter.xlsx").problem
    assert time.perf_counter() - started < 10
    assert again == sample


def test_a_value_far_to_the_right_is_named_by_sheet_row_and_column_at_once(book):
    """One value in column XFD of the teams sheet: one problem naming the sheet, its row
    and column XFD, with the fix, in seconds (it took five minutes and was then ignored)."""
    edited = _edited(book, "teams", _with_cell("XFD40", "stray"))
    started = time.perf_counter()
    with pytest.raises(InvalidInputError) as info:
        load_book(edited, "quarter.xlsx")
    assert time.perf_counter() - started < 10
    (issue,) = info.value.errors
    assert (issue.file, issue.row, issue.column) == ("quarter.xlsx, sheet teams", 40, "XFD")
    assert issue.fix


def test_a_part_that_unpacks_past_the_cap_is_refused_before_it_is_unpacked(book):
    """A sheet padded to unpack to more than the workbook cap (a zip bomb in a few hundred
    KB) is refused from the sizes its zip declares, naming the workbook and the cap."""
    padding = b" " * (MAX_WORKBOOK_BYTES + 1)
    edited = _edited(
        book, "goals", lambda xml: xml.replace(b"</sheetData>", padding + b"</sheetData>", 1)
    )
    assert len(edited) < 2_000_000
    started = time.perf_counter()
    with pytest.raises(InvalidInputError) as info:
        load_book(edited, "quarter.xlsx")
    assert time.perf_counter() - started < 5
    (issue,) = info.value.errors
    assert issue.file == "quarter.xlsx" and "unpack" in issue.message and issue.fix


def test_a_sheet_one_row_over_the_row_cap_is_refused_not_cut(book, monkeypatch):
    """One data row over the row cap: refused, like a CSV file over the cap; it was read
    with its last row silently left out. The rows with a value are counted (empty rows
    between them were, by the row's number)."""
    from planner.core import table_rows

    monkeypatch.setattr(table_rows, "MAX_ROWS", 50)
    with pytest.raises(InvalidInputError) as info:
        load_book(book, "quarter.xlsx")
    (issue,) = info.value.errors
    assert issue.file == "quarter.xlsx, sheet projects"
    assert "the table has 51 rows with a value; at most 50 are read" in issue.message
    assert "Remove rows" in issue.fix


def test_a_value_on_the_last_row_of_a_sheet_is_named_not_ignored(book):
    """A stray value on row 1,048,576, far below the table: named with its row, in
    moments (it took minutes, then was ignored without a word)."""
    edited = _edited(book, "goals", _with_cell("B1048576", "stray"))
    with LoadWatch() as step, pytest.raises(InvalidInputError) as info:
        load_book(edited, "quarter.xlsx")
    assert step.seconds < 10 * step.per_core  # minutes before the fix
    (issue,) = info.value.errors
    assert (issue.row, issue.column) == (1_048_576, "B") and "'stray'" in issue.message


def _read_with_rows_after_goals(book: bytes, rows: bytes, monkeypatch) -> tuple[object, list]:
    """``book`` with ``rows`` after the goals sheet's data, read: its problem, and the cells
    the reader looked at for a value (``workbook_cells._has_value``'s calls)."""
    edited = _edited(
        book, "goals", lambda xml: xml.replace(b"</sheetData>", rows + b"</sheetData>")
    )
    looked_at: list[object] = []

    def has_value(value: object) -> bool:
        looked_at.append(value)
        return value is not None and bool(str(value).strip())

    monkeypatch.setattr(workbook_cells, "_has_value", has_value)
    return load_book(edited, "quarter.xlsx").problem, looked_at


def test_a_sheet_formatted_down_to_its_last_row_is_read_to_its_last_value(
    book, sample, monkeypatch
):
    """The goals sheet formatted down to row 1,048,576 (a styled row, its cells closed
    empty, as Excel writes a formatted column): 2.5 MB that took 5 s and 560 MB to read,
    every row past the cap parsed to find a value none has. The reader stops at the last
    row holding a value: the same problem, no row past the data looked at."""
    rows = "".join(
        f'<row r="{n}" s="1" customFormat="1"><c r="A{n}" s="1"/><c r="B{n}" s="1"/></row>'
        for n in range(20, 1_048_577)
    ).encode()
    assert _read_with_rows_after_goals(book, rows, monkeypatch) == (sample, [])


def _with_settings(rows: list[list[object]]) -> bytes:
    return workbook_of(
        {
            "teams": [["team_id", "department", "capacity_hours"], ["brand", "marketing", 100]],
            "projects": [["project_id", "stage", "effort_hours"], ["ads", "awareness", 40]],
            "settings": [["key", "value"], *rows],
        }
    )


@pytest.mark.parametrize(
    ("rows", "row", "words"),
    [
        ([["solve.seed", 1], ["weights.fit", 0], ["solve.seed", 2]], 4, "rows 2 and 4"),
        ([["solve.seed", 1], [" solve.seed ", 2]], 3, "rows 2 and 3"),
        ([["capacity.multipliers.brand", 0.5], ["capacity.multipliers", 0.8]], 3, "group"),
    ],
)
def test_a_settings_row_that_clashes_with_another_is_named_by_its_row(rows, row, words):
    """A setting on two rows, or a group of settings given one value, read 'not valid TOML
    (Cannot overwrite a value (at line 3, column 9))', a line of a file the leader never
    saw; it is named by its row on the settings sheet."""
    with pytest.raises(InvalidInputError) as info:
        load_book(_with_settings(rows), "quarter.xlsx")
    (issue,) = info.value.errors
    assert (issue.file, issue.row, issue.column) == ("quarter.xlsx, sheet settings", row, "key")
    assert words in issue.message and "TOML" not in issue.message and issue.fix


def test_a_settings_value_without_its_key_is_named_not_dropped():
    """A row whose key cell was cleared ('', 0.5) was skipped without a word: the leader
    read 0.5 on the sheet and the plan used the default. It is named by its row."""
    with pytest.raises(InvalidInputError) as info:
        load_book(_with_settings([["weights.fit", 0], [None, 0.5]]), "quarter.xlsx")
    (issue,) = info.value.errors
    assert (issue.file, issue.row, issue.column) == ("quarter.xlsx, sheet settings", 3, "key")
    assert issue.message == "the value '0.5' has no key, so no setting takes it."


def test_a_problem_with_a_setting_names_its_row_on_the_settings_sheet():
    """'unknown section [Solv]' or a bad value named the setting but no row of the sheet.
    ("Solve.seed" is the setting solve.seed: keys are read in any case.)"""
    rows = [["weights.fit", 0], ["Solv.seed", 1], ["capacity.max_utilization", "most"]]
    with pytest.raises(InvalidInputError) as info:
        load_book(_with_settings(rows), "quarter.xlsx")
    assert sorted((i.row, i.column) for i in info.value.errors) == [
        (3, "Solv"),
        (4, "capacity.max_utilization"),
    ]


@pytest.mark.parametrize(
    ("key", "column"),
    [
        ("solve..seed", "key"),  # a part between dots left empty
        (".seed", "key"),
        ("solve.", "key"),
        ("so lve.seed", "so lve"),  # a section no bare TOML key can be
        ('sol"ve.seed', 'sol"ve'),
        ("solve]x.seed", "solve]x"),
    ],
)
def test_a_settings_key_toml_cannot_hold_is_named_by_its_row(key, column):
    """A key with an empty part or a section with a space or a quote read 'not valid TOML
    (Expected ']' at the end of a table declaration (at line 1, column 5))' naming no row
    of the sheet: a file the leader never wrote. It is named on its row, as any unknown
    setting is."""
    with pytest.raises(InvalidInputError) as info:
        load_book(_with_settings([["weights.fit", 0], [key, 1]]), "quarter.xlsx")
    (issue,) = info.value.errors
    assert (issue.file, issue.row, issue.column) == ("quarter.xlsx, sheet settings", 3, column)
    assert "TOML" not in issue.message and issue.fix


def test_a_column_named_a_hundred_thousand_times_is_one_short_problem(tmp_path):
    """A header of 100,000 columns named x listed every letter: an 8 MB line on the terminal
    and in the Data page's table. The first few are named, then how many more."""
    from planner.core.loading import load_with_warnings as load

    folder = tmp_path / "data"
    folder.mkdir()
    for file in SAMPLE.iterdir():
        (folder / file.name).write_bytes(file.read_bytes())
    lines = (folder / "goals.csv").read_text(encoding="utf-8").splitlines()
    (folder / "goals.csv").write_text("\n".join(f"{line}{',x' * 100_000}" for line in lines))
    with pytest.raises(InvalidInputError) as info:
        load(folder)
    (issue,) = info.value.errors
    assert "appears 100000 times" in issue.message or "appears 100,000 times" in issue.message
    assert len(issue.message) < 300 and "99,995 more" in issue.message


def test_fifty_thousand_unknown_columns_are_eleven_warnings_not_fifty_thousand(tmp_path):
    """Unknown columns are kept with a warning each; 50,000 of them were 50,000 warnings
    (9 MB on the terminal). The first ten are named, each with its likely typo's fix
    ('Did you mean'), and the rest are one warning that counts them."""
    from planner.core.loading import load_with_warnings as load

    folder = tmp_path / "data"
    folder.mkdir()
    for file in SAMPLE.iterdir():
        (folder / file.name).write_bytes(file.read_bytes())
    lines = (folder / "goals.csv").read_text(encoding="utf-8").splitlines()
    header = lines[0] + ",targte" + "".join(f",c{i}" for i in range(50_000))
    body = [line + "," * 50_001 for line in lines[1:]]
    (folder / "goals.csv").write_text("\n".join([header, *body]) + "\n", encoding="utf-8")
    warnings = [w for w in load(folder).warnings if w.file == "goals.csv"]
    assert len(warnings) == 11
    assert "Did you mean 'target'?" in warnings[0].fix
    assert warnings[-1].message.startswith("49,991 more columns ('c9', 'c10',")


def _cell(ref: str, xml: str):
    """A sheet edit replacing cell ``ref`` with ``xml`` (a whole ``<c>`` element)."""

    def edit(body: bytes) -> bytes:
        return re.sub(rf'<c r="{ref}"[^>]*>.*?</c>'.encode(), xml.encode(), body, count=1)

    return edit


def test_a_formula_result_reads_as_its_cell_shows_it(book, sample):
    """=5*13*40*0.7 is stored as 1819.9999999999998 (binary arithmetic) and shows 1820;
    it was refused as 'has more than 3 decimals. Round it to at most 3 decimals.', a
    rounding the leader cannot see to make. Read at the 15 digits a spreadsheet shows."""
    formula = '<c r="D2"><f>5*13*40*0.7</f><v>1819.9999999999998</v></c>'
    edited = _edited(book, "teams", _cell("D2", formula))
    again = load_book(edited, "quarter.xlsx").problem
    assert again.teams[0].team_id == sample.teams[0].team_id
    assert again.teams[0].capacity_hours == 1820
    # A fourth decimal a spreadsheet shows is still one to round.
    edited = _edited(book, "teams", _cell("D2", '<c r="D2"><v>1819.0001</v></c>'))
    with pytest.raises(InvalidInputError) as info:
        load_book(edited, "quarter.xlsx")
    assert "more than 3 decimals" in info.value.errors[0].message


@pytest.mark.parametrize(
    "cell",
    [
        '<c r="D2"><v>NaN</v></c>',  # a number cell that is not one
        '<c r="D2" t="s"><v>99999</v></c>',  # a shared string past the list
        '<c r="D2" t="d"><v>soon</v></c>',  # a date cell that is not a date
    ],
)
def test_a_damaged_cell_names_its_sheet_and_row(book, cell):
    """A cell whose XML contradicts its type ended in 'internal error (ValueError: invalid
    literal for int()...). This is a bug in Goal Planner' and exit 1; the Data page's
    upload failed the same way. It is a problem of the workbook, named with the fix."""
    edited = _edited(book, "teams", _cell("D2", cell))
    with pytest.raises(InvalidInputError) as info:
        load_book(edited, "quarter.xlsx")
    (issue,) = info.value.errors
    assert (issue.file, issue.row) == ("quarter.xlsx, sheet teams", 2)
    assert "damaged" in issue.message
    assert "save it again" in issue.fix


@pytest.mark.parametrize(
    "cell",
    [
        '<c r="D2"><f t="shared" si="0"/></c>',  # a shared formula whose master is missing
        '<c r="D2"><f t="shared" si="7"/><v></v></c>',
        '<c r="D2"><f t="array" ref="D2"/></c>',
    ],
)
def test_a_formula_saved_without_its_text_or_value_is_not_quoted_as_empty(book, cell):
    """A cell sharing the formula of a master cell the sheet does not have read "the cell
    holds the formula = but the workbook has no saved result": an empty formula quoted.
    It says a formula was saved without its value, and how to get the value back."""
    edited = _edited(book, "teams", _cell("D2", cell))
    with pytest.raises(InvalidInputError) as info:
        load_book(edited, "quarter.xlsx")
    (issue,) = info.value.errors
    assert (issue.file, issue.row, issue.column) == (
        "quarter.xlsx, sheet teams",
        2,
        "capacity_hours",
    )
    assert "the formula =" not in issue.message
    assert "a formula that was saved without its value" in issue.message
    assert "save it again" in issue.fix and "Paste Special > Values" in issue.fix


def test_a_sheet_whose_xml_is_cut_names_the_sheet(book):
    """A sheet part that does not parse (a program that wrote it wrong) was an internal
    error; it names the sheet and the fix. A damaged workbook.xml names the workbook."""
    edited = _edited(book, "goals", lambda xml: xml.replace(b"<sheetData>", b"<sheetData><!--"))
    with pytest.raises(InvalidInputError) as info:
        load_book(edited, "quarter.xlsx")
    (issue,) = info.value.errors
    assert issue.file == "quarter.xlsx, sheet goals"
    assert "damaged" in issue.message
    damaged = _part_edited(
        book,
        "xl/workbook.xml",
        lambda xml: xml.replace(b'name="teams"', b'name="teams" name="x"', 1),
    )
    with pytest.raises(InvalidInputError) as info:
        load_book(damaged, "quarter.xlsx")
    assert info.value.errors[0].file == "quarter.xlsx"


def test_a_part_openpyxl_fails_on_in_an_unforeseen_way_is_the_workbooks_problem(book, monkeypatch):
    """A chart sheet without its relations made openpyxl raise AttributeError ("'list'
    object has no attribute 'find'"), read as "internal error ... a bug in Goal Planner"
    and exit 1. Whatever the reader raises on the bytes, opening the workbook or reading a
    row, is the file's problem, named with the fix."""
    from openpyxl import Workbook

    out = io.BytesIO()
    charted = Workbook()
    charted.active.title = "teams"
    charted.create_chartsheet("chart")
    charted.save(out)
    with pytest.raises(InvalidInputError) as info:
        load_book(out.getvalue(), "quarter.xlsx")
    (issue,) = info.value.errors
    assert issue.file == "quarter.xlsx" and "not a readable .xlsx workbook" in issue.message

    def odd(*args, **kwargs):
        raise AttributeError("an attribute the reader expected")
        yield

    monkeypatch.setattr(workbook_cells, "_rows", odd)
    with pytest.raises(InvalidInputError) as info:
        load_book(book, "quarter.xlsx")
    assert "damaged" in info.value.errors[0].message


def _with_extra_sheets(data: bytes, sheets: dict[str, list[tuple[str, object]]]) -> bytes:
    """``data`` with more sheets of (cell, value) pairs, as a leader's own sheets beside
    the tables."""
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(data))
    for title, cells in sheets.items():
        sheet = workbook.create_sheet(title)
        for ref, value in cells:
            sheet[ref] = value
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_a_sheet_that_is_not_a_table_is_never_held_to_a_tables_caps(book, sample, monkeypatch):
    """A 'CRM export' sheet longer than a table may be, or with a note in column XFD, beside
    the tables: the load was refused ('row 70 holds ..., past the 60 data rows a table may
    have') for a sheet the planner ignores. It is ignored with its warning, unread."""
    monkeypatch.setattr(workbook_cells, "MAX_ROWS", 60)  # the sample's tables fit
    extra = {"CRM export": [("A1", "deal"), ("A70", 1), ("XFD2", "note")]}
    loaded = load_book(_with_extra_sheets(book, extra), "quarter.xlsx")
    assert loaded.problem == sample
    (note,) = loaded.warnings
    assert note.file == "quarter.xlsx, sheet CRM export" and "ignored" in note.message


def test_five_hundred_sheets_that_are_not_tables_are_eleven_warnings(book):
    """Each ignored sheet was a warning of its own: 500 lines on the terminal and in the
    Data page. The first ten are named, the others counted in one."""
    extra = {f"Notes {i}": [("A1", "x")] for i in range(500)}
    loaded = load_book(_with_extra_sheets(book, extra), "quarter.xlsx")
    assert len(loaded.warnings) == 11
    assert "490 more sheets ('Notes 10', 'Notes 11', 'Notes 12' ...)" in loaded.warnings[-1].message


def _wide_block(num_rows: int, num_columns: int):
    """A sheet edit adding ``num_rows`` rows of ``num_columns`` cells holding 1 below it."""
    from openpyxl.utils import get_column_letter

    letters = [get_column_letter(i + 1) for i in range(num_columns)]

    def edit(xml: bytes) -> bytes:
        start = 1_000
        rows = "".join(
            f'<row r="{r}">' + "".join(f'<c r="{c}{r}"><v>1</v></c>' for c in letters) + "</row>"
            for r in range(start, start + num_rows)
        )
        return xml.replace(b"</sheetData>", rows.encode() + b"</sheetData>", 1)

    return edit


def test_a_sheet_past_the_cell_cap_is_refused_before_it_is_read(book):
    """1,100 rows of 1,000 cells under the teams (a 1 MB workbook): openpyxl reads some
    50,000 cells a second, so such sheets took minutes and hundreds of MB to refuse (four
    million cells, 137 s and 560 MB); the sheet is now refused from its cells counted in
    the first pass, naming the sheet and the columns it needs."""
    edited = _edited(book, "teams", _wide_block(1_100, 1_000))
    with LoadWatch() as step, pytest.raises(InvalidInputError) as info:
        load_book(edited, "quarter.xlsx")
    assert step.seconds < 8 * step.per_core  # 25 s and more before
    (issue,) = info.value.errors
    assert (issue.file, issue.row, issue.column) == ("quarter.xlsx, sheet teams", None, None)
    assert f"more than {MAX_CELLS:,} cells" in issue.message
    assert "team_id, name, department" in issue.fix


def test_tables_past_the_cell_cap_together_are_refused_before_they_are_read(book):
    """The cap holds for the tables together: two sheets of 600,000 cells each are read
    by openpyxl at some 55,000 cells a second, and six just under the cap took two
    minutes. Refused from the cells counted, naming the sheet with the most first."""
    edited = _edited(book, "teams", _wide_block(600, 1_000))
    edited = _edited(edited, "goals", _wide_block(500, 1_000))
    with LoadWatch() as step, pytest.raises(InvalidInputError) as info:
        load_book(edited, "quarter.xlsx")
    assert step.seconds < 8 * step.per_core
    (issue,) = info.value.errors
    assert (issue.file, issue.row, issue.column) == ("quarter.xlsx, sheet teams", None, None)
    assert f"the tables hold more than {MAX_CELLS:,} cells together" in issue.message
    assert "(teams 600,0" in issue.message and ", goals at least " in issue.message


def test_a_value_beside_the_table_is_named_as_not_read(book):
    """A value typed in H5, right of the teams' last named column, was dropped without a
    word (a CSV file's column with values and no name is refused). It is read as before,
    with a warning at its cell saying it is not read."""
    from openpyxl import load_workbook as open_book

    sheet_book = open_book(io.BytesIO(book))
    sheet_book["teams"]["H5"] = "ask Dana"
    out = io.BytesIO()
    sheet_book.save(out)
    loaded = load_book(out.getvalue(), "quarter.xlsx")
    (warning,) = [w for w in loaded.warnings if "beside the table" in w.message]
    assert (warning.file, warning.row, warning.column) == ("quarter.xlsx, sheet teams", 5, "H")
    assert "'ask Dana'" in warning.message and "not read" in warning.message


def _without_dimension(xml: bytes) -> bytes:
    """A sheet's XML without its ``<dimension>``, as programs other than Excel write it."""
    return re.sub(rb"<dimension [^>]*/>", b"", xml)


def _formatted_down_to(last: int):
    """A sheet edit adding styled rows from row 20 to ``last``, cells closed empty."""
    rows = "".join(
        f'<row r="{n}" s="1" customFormat="1"><c r="A{n}" s="1"/><c r="B{n}" s="1"/></row>'
        for n in range(20, last + 1)
    ).encode()
    return lambda xml: xml.replace(b"</sheetData>", rows + b"</sheetData>")


@pytest.mark.parametrize("title", ["goals", "CRM export"])
def test_a_sheet_without_its_declared_range_is_never_parsed_to_find_it(
    book, sample, title, monkeypatch
):
    """A sheet without ``<dimension>`` (LibreOffice scripts, exports from other programs),
    formatted down to row 1,048,576, took 21.8 s to open, a table's sheet or one the planner
    ignores: openpyxl parses a whole sheet to find the range it does not declare, every
    sheet, twice when the workbook has formulas. The planner never asks for the range (it
    does not trust it), so no sheet is parsed for it: the sheet here ends at row 200,000,
    1,048,576 took 9.6 s (the goals sheet; our own pass over its XML) and 1.8 s (the other)."""
    from openpyxl.worksheet._reader import WorkSheetParser

    sized: list[object] = []
    parse_dimensions = WorkSheetParser.parse_dimensions

    def spy(self: WorkSheetParser) -> object:
        sized.append(self)
        return parse_dimensions(self)

    monkeypatch.setattr(WorkSheetParser, "parse_dimensions", spy)
    if title != "goals":
        book = _with_extra_sheets(book, {title: [("A1", "deal")]})
    edited = _edited(book, title, lambda xml: _formatted_down_to(200_000)(_without_dimension(xml)))
    with LoadWatch() as step:
        loaded = load_book(edited, "quarter.xlsx")
    assert step.seconds < 5 * step.per_core
    assert loaded.problem == sample
    assert sized == []


def test_cells_opened_and_closed_empty_are_formatting_not_values(book, sample, monkeypatch):
    """Cells written open and closed with nothing inside (``<c r="A9" s="1"></c>``, as some
    exporters write a formatted cell) counted as values: a teams sheet formatted so down
    110,000 rows took 18 s to read as "the sheet is empty". They are formatting, as a cell
    closed in its tag is: the reader stops at the last row with a value."""
    monkeypatch.setattr(workbook_cells, "MAX_ROWS", 60)  # the sample's tables fit
    rows = "".join(
        f'<row r="{n}"><c r="A{n}" s="1"></c><c r="B{n}" s="1"></c></row>' for n in range(20, 2_000)
    ).encode()
    assert _read_with_rows_after_goals(book, rows, monkeypatch) == (sample, [])


def _rows_swapped(xml: bytes) -> bytes:
    """Rows 3 and 4 stored in the other order (4, then 3), their numbers kept."""
    three = re.search(rb'<row r="3"[^>]*>.*?</row>', xml)
    four = re.search(rb'<row r="4"[^>]*>.*?</row>', xml)
    assert three is not None and four is not None
    return xml.replace(three[0] + four[0], four[0] + three[0], 1)


def _row_twice(xml: bytes) -> bytes:
    """Row 3 stored twice, the second time with another id."""
    three = re.search(rb'<row r="3"[^>]*>.*?</row>', xml)
    assert three is not None
    again = re.sub(rb"<t>[^<]*</t>", b"<t>twin</t>", three[0], count=1)
    return xml.replace(three[0], three[0] + again, 1)


@pytest.mark.parametrize(
    ("edit", "words"),
    [(_rows_swapped, "row 3 is stored after row 4"), (_row_twice, "row 3 is stored twice")],
)
def test_rows_a_program_stored_out_of_order_are_named_not_dropped(book, edit, words):
    """A sheet whose rows a program stored out of order (row 4, then row 3), or a row
    twice: openpyxl drops a row whose number goes back without a word, so the team on
    row 3 was missing and every sheet that names it read "the team 'mm-ae' is not in the
    teams sheet", which a spreadsheet shows it is; a row stored twice was read once.
    Named by sheet and row with the fix, nothing read from it."""
    edited = _edited(book, "teams", edit)
    with pytest.raises(InvalidInputError) as info:
        load_book(edited, "quarter.xlsx")
    (issue,) = info.value.errors
    assert (issue.file, issue.row) == ("quarter.xlsx, sheet teams", 3), issue
    assert words in issue.message, issue.message
    assert "save it again" in issue.fix, issue.fix
    assert "is not in the teams sheet" not in str(info.value)


def test_references_to_an_id_that_is_a_formula_without_its_result_name_the_formula() -> None:
    """A team id written as a formula with no saved result made every reference to the
    team ask "did you rename 'brand' to '="br"&"and"'? Fix: Write '="br"&"and"'": the
    formula's text as the id to write. The references now name the formula and the
    save that stores its result."""
    book = workbook_of(
        {
            "teams": [
                ["team_id", "department", "capacity_hours"],
                ['="br"&"and"', "marketing", 100],
                ["sales-1", "sales", 100],
            ],
            "projects": [["project_id", "stage", "effort_hours"], ["ads", "awareness", 40]],
            "rules": [["project_id", "team_id", "rule"], ["ads", "brand", "pin"]],
        }
    )
    with pytest.raises(InvalidInputError) as raised:
        load_book(book, "q3.xlsx")
    (rule,) = (i for i in raised.value.errors if i.file == "q3.xlsx, sheet rules")
    assert 'is the formula ="br"&"and", whose result was not saved' in rule.message, rule
    assert "type 'brand' in the teams sheet in place of the formula" in rule.fix, rule
    assert "Write" not in rule.fix, rule


def test_a_team_id_column_written_twice_beside_a_settings_sheet_is_named_not_a_crash() -> None:
    """A teams sheet with team_id in two columns, in a workbook with a settings sheet,
    ended `validate` and `solve` in "internal error (ValueError: zip() argument 2 is longer
    than argument 1)", exit 1: the settings' multipliers were matched to the teams by the
    column's name, which picked both columns (found by bench/fuzz_inputs.py). The repeated
    column is named at its sheet, as in a workbook without settings."""
    book = workbook_of(
        {
            "teams": [
                ["team_id", "name", "department", "capacity_hours", "team_id"],
                ["brand", "Brand", "marketing", 100, "brand"],
                ["sdr", "SDR", "sales", 100, "sdr"],
                ["ae", "AEs", "sales", 100, "ae"],
            ],
            "projects": [["project_id", "stage", "effort_hours"], ["ads", "awareness", 40]],
            "settings": [["key", "value"], ["capacity.multipliers.brand", 0.5]],
        }
    )
    with pytest.raises(InvalidInputError) as raised:
        load_book(book, "q3.xlsx")
    said = [i for i in raised.value.errors if i.file == "q3.xlsx, sheet teams"]
    assert any("team_id" in f"{i.column} {i.message}" for i in said), raised.value.errors
