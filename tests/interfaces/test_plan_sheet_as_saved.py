"""plan.xlsx given back as a spreadsheet program saved it (attack round 16).

The Plan sheet was read without the pass the data sheets get: a formula a script wrote
without its result (openpyxl, some exports) read "the cell is empty"; a Team ID merged
over two rows read "'pinned' with team '' is not a plan row" (the merge unseen); and a
sheet formatted down to row 1,048,576 was read row by row (16 s for a 51-project plan).
Each is read or refused now as the data workbook's sheets are.
"""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pytest
from builders import SAMPLE, problem, project, team

from planner.core.errors import InvalidInputError
from planner.interfaces.baseline_plan import read_plan_sheet
from planner.interfaces.exports import plan_workbook
from planner.solving.solver import solve


@pytest.fixture
def plan_book() -> openpyxl.Workbook:
    prob = problem([team("m1")], [project("a", effort=5, value=3), project("b", effort=4, value=2)])
    return openpyxl.load_workbook(io.BytesIO(plan_workbook(prob, solve(prob))))


def _saved(book: openpyxl.Workbook) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _column(sheet, header: str) -> int:
    return next(c.column for c in sheet[1] if c.value == header)


def test_a_formula_without_its_result_is_named_not_called_empty(plan_book):
    sheet = plan_book["Plan"]
    hours = _column(sheet, "Hours")
    sheet.cell(2, hours).value = "=2+3"
    with pytest.raises(InvalidInputError) as raised:
        read_plan_sheet(_saved(plan_book), "plan.xlsx")
    (issue,) = raised.value.issues
    assert (issue.file, issue.row, issue.column) == ("plan.xlsx, sheet Plan", 2, "Hours")
    assert "=2+3" in issue.message and "no saved result" in issue.message, issue.message
    assert "empty" not in issue.message


def test_a_formula_saved_without_its_text_is_not_quoted_as_the_formula_equals(plan_book):
    """A formula cell saved with neither its text nor its value (a shared formula whose
    first cell is missing reads so) was quoted as "the formula =" in the plan's sheet too."""
    sheet = plan_book["Plan"]
    hours = sheet.cell(2, _column(sheet, "Hours"))
    hours.value = "=2+3"
    part = f"xl/worksheets/sheet{plan_book.sheetnames.index('Plan') + 1}.xml"
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(_saved(plan_book))) as book,
        zipfile.ZipFile(out, "w") as edited,
    ):
        for item in book.infolist():
            data = book.read(item)
            if item.filename == part:
                data = data.replace(b"<f>2+3</f>", b'<f t="shared" si="0"/>')
                assert b'<f t="shared" si="0"/>' in data
            edited.writestr(item, data)
    with pytest.raises(InvalidInputError) as raised:
        read_plan_sheet(out.getvalue(), "plan.xlsx")
    (issue,) = raised.value.issues
    assert (issue.file, issue.row, issue.column) == ("plan.xlsx, sheet Plan", 2, "Hours")
    assert "the formula =" not in issue.message
    assert "saved without its value" in issue.message and "Paste Special" in issue.fix


def test_a_team_merged_down_two_rows_is_read_in_each_row(plan_book):
    sheet = plan_book["Plan"]
    team_id, team_name = _column(sheet, "Team ID"), _column(sheet, "Team")
    assert sheet.cell(2, team_id).value == sheet.cell(3, team_id).value == "m1"
    for column in (team_id, team_name):
        sheet.merge_cells(start_row=2, start_column=column, end_row=3, end_column=column)
    text, _, _ = read_plan_sheet(_saved(plan_book), "plan.xlsx")[:3]
    rows = [line.split(",") for line in text.splitlines()]
    at = rows[0].index("team_id")
    assert [row[at] for row in rows[1:]] == ["m1", "m1"], text


def test_a_merge_across_the_plan_columns_is_refused_with_its_range(plan_book):
    sheet = plan_book["Plan"]
    sheet.merge_cells("F2:G2")
    with pytest.raises(InvalidInputError) as raised:
        read_plan_sheet(_saved(plan_book), "plan.xlsx")
    (issue,) = raised.value.issues
    assert (issue.file, issue.row) == ("plan.xlsx, sheet Plan", 2)
    assert "F2:G2 are merged" in issue.message and "Unmerge" in issue.fix


def test_a_plan_sheet_formatted_to_the_last_row_is_read_to_its_last_value(plan_book, monkeypatch):
    """Rows of formatting only past the plan are not read: counted, not timed."""
    data = _saved(plan_book)
    src = zipfile.ZipFile(io.BytesIO(data))
    part = next(n for n in src.namelist() if n.startswith("xl/worksheets/") and "2" in n)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as book:
        for name in src.namelist():
            body = src.read(name)
            if name == part:
                rows = "".join(f'<row r="{i}"><c r="A{i}" s="0"/></row>' for i in range(9, 5001))
                body = body.replace(b"</sheetData>", rows.encode() + b"</sheetData>")
            book.writestr(name, body)
    import planner.core.workbook_cells as workbook_cells

    seen: list[int] = []
    rows_of = workbook_cells._rows

    def counted(sheet, last=None):
        for number, row in rows_of(sheet, last):
            seen.append(number)
            yield number, row

    monkeypatch.setattr(workbook_cells, "_rows", counted)
    text, _, _ = read_plan_sheet(out.getvalue(), "plan.xlsx")[:3]
    assert len(text.splitlines()) == 3
    assert max(seen) < 9, max(seen)


def test_a_merge_down_the_project_ids_is_named_beside_what_its_rows_then_read(tmp_path, capsys):
    """A plan.xlsx given as --baseline with A3:A4 merged (row 4's id lost to row 3's) was
    refused as "the single-team project 'AW-02' has 2 owners (brand on row 3, pmm on row
    4)": the merge, the one cause, was not said. It is named with the sheet, the cells and
    the fix, first; a merge the plan reads well (the Goal column over rows of one goal) is
    said as a warning, and the plan is read."""
    from planner.interfaces.cli import main

    book = tmp_path / "plan.xlsx"
    assert main(["solve", str(SAMPLE), "--out", str(book)]) == 0
    for cells, name in (("A3:A4", "ids.xlsx"), ("D2:D3", "goal.xlsx")):
        edited = openpyxl.load_workbook(book)
        edited["Plan"].merge_cells(cells)
        edited.save(tmp_path / name)
    capsys.readouterr()
    args = ["solve", str(SAMPLE), "--out", str(tmp_path / "again.csv"), "--baseline"]
    assert main([*args, str(tmp_path / "ids.xlsx")]) == 2
    err = capsys.readouterr().err
    first = err.splitlines()[0]
    assert first.startswith(
        "warning: ids.xlsx, sheet Plan, row 3, column Project ID: cells A3:A4 are merged; "
        "row 4 takes the value of row 3 ('AW-02')."
    ), err
    assert "Fix: Unmerge them" in first
    assert "'AW-02' has 2 owners" in err  # what the merged rows then read
    assert main([*args, str(tmp_path / "goal.xlsx")]) == 0
    err = capsys.readouterr().err
    assert "goal.xlsx, sheet Plan, row 2, column Goal: cells D2:D3 are merged" in err, err
