"""Names that read as Markdown, a link or LaTeX show literally on every page.

A team, a project and a goal named ``*bold* [x](javascript:alert(1)) $x$`` must read as
typed wherever a page writes text (``pages/ui.py``'s ``md``): never in bold, a link or a
formula. tests/test_architecture.py holds the pages' text calls to that statically; this
opens each page on such data and reads what it wrote.
"""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest
from app_pages import assert_clean, routed_pages
from app_server import ROOT
from app_sessions import open_page
from streamlit.testing.v1 import AppTest

from planner.core.identifiers import markdown_literal

HOSTILE = "*bold* [x](javascript:alert(1)) $x$"
#: The page text AppTest reads: every element that renders Markdown.
TEXT_ELEMENTS = ("markdown", "caption", "info", "warning", "error", "success", "title")
#: The widgets whose label Streamlit renders as Markdown, and every one's help tooltip.
WIDGETS = (
    "button",
    "selectbox",
    "multiselect",
    "radio",
    "checkbox",
    "toggle",
    "slider",
    "select_slider",
    "number_input",
    "text_input",
    "text_area",
    "date_input",
    "tabs",
    "expander",
    "metric",
)


def renamed(path: Path, key: str, value: str) -> None:
    """Row ``key`` (its first column) of a CSV file gets the name ``HOSTILE``."""
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    (row,) = [r for r in rows if next(iter(r.values())) == key]
    row["name"] = value
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def shown(app: AppTest) -> list[str]:
    texts = [str(e.value) for kind in TEXT_ELEMENTS for e in getattr(app, kind)]
    for e in (e for kind in WIDGETS for e in getattr(app, kind)):
        texts += [str(e.label), str(getattr(e, "help", "") or getattr(e.proto, "help", ""))]
    return texts


@pytest.fixture
def hostile_quarter(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "q3"
    shutil.copytree(ROOT / "data" / "sample", folder)
    renamed(folder / "teams.csv", "sdr", HOSTILE)
    renamed(folder / "projects.csv", "AW-01", HOSTILE + " project")
    renamed(folder / "goals.csv", "visitors", HOSTILE + " goal")
    monkeypatch.setenv("PLANNER_DATA", str(folder))
    return folder


def test_hostile_names_show_literally_on_every_page(hostile_quarter):
    """No page writes the name as Markdown; and the names are on the pages (escaped), so
    that the check reads text that holds them."""
    escaped = markdown_literal("*bold* [x]")  # the start every one of the names shares
    seen_escaped = []
    for page in routed_pages():
        app = open_page(page)
        assert_clean(app)
        assert not any("could not be opened" in e.value for e in app.error), page
        texts = shown(app)
        raw = [t for t in texts if "*bold* [x](" in t or "](javascript:" in t]
        assert raw == [], page
        seen_escaped += [page for t in texts if escaped in t]
    assert seen_escaped, "no page wrote one of the names: the check above read nothing"
