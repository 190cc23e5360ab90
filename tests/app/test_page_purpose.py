"""Each page says what it is for, under its title, before its figures.

A RevOps lead who never saw the app opened the Overview, Data, Plan and Export pages and
read a count of goals, a file name or a plan's status under the title, where the
Constraints, Scenarios and Check-in pages said what they are for in a sentence.
"""

from __future__ import annotations

import re

import pytest
from app_pages import assert_clean, open_routed, routed_pages

#: What is not a page's purpose: the basis line, the quarter's size, where the files came from.
NOT_A_PURPOSE = re.compile(r"^(Built on|Files loaded|\d[\d,]* goals? ·)")


def _purpose(page: str) -> str | None:
    """The caption under the page's title, among the lines heading it (the basis line, the
    quarter's size, where the files came from), that says what the page is for; None when
    none does before the page's first figure, status, table or control."""
    app = open_routed(page)
    assert_clean(app)
    seen_title = False
    for node in app.main:
        kind = type(node).__name__
        if kind == "Title":
            seen_title = True
        elif not seen_title or kind in {"Block", "SpecialBlock", "UnknownElement"}:
            continue
        elif kind != "Caption":
            return None
        elif not NOT_A_PURPOSE.match(text := node.value.replace("\\", "")):
            return text
    return None


@pytest.mark.parametrize("page", routed_pages())
def test_each_page_says_what_it_is_for_in_a_sentence(page):
    """A sentence of at least eight words, ending with a full stop."""
    purpose = _purpose(page)
    assert purpose is not None, f"{page} says nothing of what it is for"
    assert len(purpose.split()) >= 8 and purpose.rstrip().endswith("."), purpose
