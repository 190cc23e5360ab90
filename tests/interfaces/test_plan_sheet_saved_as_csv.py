"""plan.xlsx's Plan sheet saved as CSV ("Save As" in Excel with the sheet open) given back
as ``--baseline``.

Its headers are the sheet's ("Project ID", "Hours") and its statuses too ("Planned",
"Left out"): read as plan.csv, it was refused as "this plan has the columns share, status
but not project_id, team_id, effort_hours and value", naming the leader's file for what it
lacked and not for what it was. It reads as the sheet does inside the workbook, and its
problems are named by its own headers and words.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
from robustness_cases import SAMPLE, assert_in_words, run_cli


def _sheet_as_csv(book: Path, out: Path, edit=None) -> Path:
    rows = [
        ["" if v is None else v for v in row]
        for row in openpyxl.load_workbook(book)["Plan"].iter_rows(values_only=True)
    ]
    if edit is not None:
        edit(rows)
    text = io.StringIO()
    csv.writer(text).writerows(rows)
    out.write_text(text.getvalue(), encoding="utf-8")
    return out


def test_the_plan_sheet_saved_as_csv_is_read_as_the_workbook_is(tmp_path):
    book = tmp_path / "plan.xlsx"
    assert run_cli(["solve", str(SAMPLE), "--out", str(book)])[0] == 0
    saved = _sheet_as_csv(book, tmp_path / "plan sheet.csv")
    code, out, err = run_cli(["solve", str(SAMPLE), "--baseline", str(saved)])
    assert_in_words(code, out, err)
    assert code == 0 and "no project changes" in out, err
    assert "warning" not in err, err


def test_its_problems_are_named_by_the_sheet_s_headers_and_words(tmp_path):
    book = tmp_path / "plan.xlsx"
    assert run_cli(["solve", str(SAMPLE), "--out", str(book)])[0] == 0

    def typo(rows: list[list]) -> None:
        rows[1][rows[0].index("Status")] = "Plannd"

    saved = _sheet_as_csv(book, tmp_path / "plan sheet.csv", typo)
    code, out, err = run_cli(["solve", str(SAMPLE), "--baseline", str(saved)])
    assert_in_words(code, out, err)
    assert code == 2 and "plan sheet.csv, row 2, column Status: 'Plannd'" in err, err
    assert "Fix: Use Planned, Pinned (with a team) or Left out." in err, err


def test_every_status_the_plan_sheet_writes_reads_back_as_plan_csv_s():
    """The sheet's words and the words read back are kept in two places (plan.xlsx's in
    the exports, the reader's in plan_csv, which may not import them): a word added to
    one and not the other would be refused as a status in the leader's own file, or read
    back in the sheet's case ("Pinned" where plan.csv writes "pinned")."""
    from planner.core.plan_csv import SHEET_STATUSES
    from planner.interfaces.exports import IN_PROGRESS, ROW_STATUS_WORDS

    def read(word: str) -> str | None:
        return SHEET_STATUSES.get(word.lower())

    assert {status: read(word) for status, word in ROW_STATUS_WORDS.items()} == {
        status: status for status in ROW_STATUS_WORDS
    }
    assert read(IN_PROGRESS) == "pinned"  # a re-plan's work in progress reads back kept
