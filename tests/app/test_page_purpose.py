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


def _purpose(page: str, first: bool = False) -> str | None:
    """The caption under the page's title, among the lines heading it (the basis line, the
    quarter's size, where the files came from), that says what the page is for; None when
    none does before the page's first figure, status, table or control (``first``: when the
    first caption under the title is not it)."""
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
        elif first:
            return None
    return None


@pytest.mark.parametrize("page", routed_pages())
def test_each_page_says_what_it_is_for_in_a_sentence(page):
    """A sentence of at least eight words, ending with a full stop."""
    purpose = _purpose(page)
    assert purpose is not None, f"{page} says nothing of what it is for"
    assert len(purpose.split()) >= 8 and purpose.rstrip().endswith("."), purpose


@pytest.mark.parametrize("page", routed_pages())
def test_each_page_says_what_it_is_for_right_under_its_title(page):
    """The purpose first, then what the plan is built on, on every page alike: Check-in
    alone put "Built on the bundled sample quarter" between its title and its purpose."""
    assert _purpose(page, first=True) is not None, f"{page}: the purpose is not first"


def test_the_constraints_purpose_follows_re_plan_on_every_change():
    """ "Every change is planned again at once" stood under the title with "Re-plan on every
    change" turned off, where a change waits for the Re-plan button."""
    app = open_routed("pages/constraints.py")
    assert "Every change is planned again at once." in app.caption[0].value
    next(t for t in app.toggle if t.label == "Re-plan on every change").set_value(False).run()
    assert_clean(app)
    purpose = app.caption[0].value.replace("\\", "")
    assert purpose.endswith("Press Re-plan to plan again with your changes."), purpose


def test_the_checkin_purpose_is_one_sentence_and_the_tables_say_how_they_start():
    """Check-in's purpose was five sentences (what the page does, how the tables start,
    what a reload keeps of them), where a leader reads one or two: it says what the page is
    for, and how the tables start and what a reload keeps stand over the tables they are of.
    """
    app = open_routed("pages/checkin.py")
    purpose = _purpose("pages/checkin.py")
    assert purpose is not None and purpose.startswith("Mid-quarter: record where each project")
    assert len(re.findall(r"[.!?](\s|$)", purpose)) == 1, purpose
    captions = [c.value.replace("\\", "") for c in app.caption]
    (tables,) = [c for c in captions if "start as if everything went to plan" in c]
    assert "a reload of the tab" in tables, tables
    # Over the tables: before the Projects table's grid, after the weeks elapsed.
    kinds = [(type(n).__name__, getattr(n, "value", "")) for n in app.main]
    said = next(
        i for i, (_, v) in enumerate(kinds) if isinstance(v, str) and v.replace("\\", "") == tables
    )
    weeks = next(i for i, (k, _) in enumerate(kinds) if k == "NumberInput")
    assert weeks < said, kinds
