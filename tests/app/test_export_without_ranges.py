"""The Export page names the workbook's odds only when the plan has them.

On last year's data (every project's impact a single number, no value_low/value_high),
the page said the workbook's Goals sheet held "the odds of each target", and the sheet had
no such column: a CMO looked for them in vain. It now says the sheet has each goal's
planned attainment, and that the odds come with ranges of impact and where to give them.
"""

from __future__ import annotations

import csv
import shutil

from app_pages import assert_clean, open_routed
from app_server import ROOT


def _without_ranges(folder):
    shutil.copytree(ROOT / "data" / "sample-without-weeks", folder)
    path = folder / "projects.csv"
    with path.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    columns = [c for c in rows[0] if c not in ("value_low", "value_high")]
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=columns)
        writer.writeheader()
        writer.writerows({c: row[c] for c in columns} for row in rows)


def _said(app) -> str:
    said = next(m.value for m in app.markdown if "The Excel workbook has it too" in m.value)
    return said.replace("\\", "")  # as read: without the Markdown escapes of md()


def test_without_ranges_the_page_does_not_promise_the_odds_of_each_target(monkeypatch, tmp_path):
    """Goals (planned attainment against each target), then where the odds would come from."""
    _without_ranges(tmp_path / "last-year")
    monkeypatch.setenv("PLANNER_DATA", str(tmp_path / "last-year"))
    app = open_routed("pages/export.py")
    assert_clean(app)
    said = _said(app)
    assert "the odds of each target" not in said
    assert "Goals (planned attainment against each target" in said
    assert "Lowest likely value and Highest likely value" in said


def test_with_ranges_the_page_names_the_odds(monkeypatch):
    """The sample without weeks keeps its ranges: the Goals sheet has the odds."""
    monkeypatch.setenv("PLANNER_DATA", str(ROOT / "data" / "sample-without-weeks"))
    app = open_routed("pages/export.py")
    assert_clean(app)
    assert "Goals (planned attainment and the odds of each target)" in _said(app)
