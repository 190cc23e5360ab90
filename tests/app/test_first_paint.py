"""The page's HTML carries the narrow-window layout, so a 1024 px window's first paint
is laid out as the page ends up: the Plan's cards read "85.6…" beside a 300 px sidebar
for a second or two on a busy machine, until the style drawn by ``st.html`` arrived."""

from __future__ import annotations

import gzip
import urllib.request

from app_server import running_app

from pages.first_paint import with_style
from pages.ui import NARROW_LAYOUT_CSS


def test_the_style_goes_at_the_end_of_the_head_once():
    page = b"<html><head><title>x</title></head><body></body></html>"
    styled = with_style(page, "<style>p {}</style>")
    assert styled == b"<html><head><title>x</title><style>p {}</style></head><body></body></html>"
    assert with_style(styled, "<style>p {}</style>") == styled
    assert with_style(b"<p>no head</p>", "<style>p {}</style>") == b"<p>no head</p>"


def test_make_run_s_pages_come_with_the_narrow_layout_in_their_head(tmp_path):
    with running_app(tmp_path / "planner.duckdb", entry="serve.py") as url:
        for path in ("/", "/plan", "/checkin/extra"):
            request = urllib.request.Request(
                url + path, headers={"Accept": "text/html", "Accept-Encoding": "gzip"}
            )
            with urllib.request.urlopen(request, timeout=30) as response:
                raw = response.read()
                assert int(response.headers["Content-Length"]) == len(raw)
                zipped = response.headers.get("Content-Encoding") == "gzip"
            body = gzip.decompress(raw) if zipped else raw
            html = body.decode("utf-8")
            head = html[: html.index("</head>")]
            assert NARROW_LAYOUT_CSS in head, path
            assert html.count(NARROW_LAYOUT_CSS) == 1
        # Streamlit's own files are served as they are.
        with urllib.request.urlopen(url + "/_stcore/health", timeout=30) as response:
            assert response.read() == b"ok"
