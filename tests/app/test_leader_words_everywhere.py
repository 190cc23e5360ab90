"""Every page in a leader's words: text, widget labels, tooltips, tabs and grid columns.

Leaders (a CMO, a VP Sales) read every line of every page; the solver's words
("objective", "LP", "infeasible", "not proven best", a score in points) are theirs only
under an "Advanced" panel or where a line says it is for analysts (SPEC, "One way to write
each figure"). tests/app/test_hostile_names_on_pages.py reads the same places for names
written raw; this reads them for the solver's words.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from app_pages import (
    CAPACITY,
    PINS,
    PRIORITIES,
    STAGE_POLICY,
    assert_clean,
    open_routed,
    open_tab,
    routed_pages,
)
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Block, Node

#: The solver's words, and the optimizer's score as it is written (1,407.01 points).
SOLVER_WORDS = re.compile(
    r"\b(objective|LP|infeasible|ranking score|optimi[sz]er|solver|proven best|not proven|"
    r"plan's terms)\b|\d\.\d\d points",
    re.IGNORECASE,
)
#: Elements whose value is text the page writes.
TEXT_TYPES = frozenset(
    {"markdown", "caption", "info", "warning", "error", "success", "title", "header", "subheader"}
)


def said(node: Node, advanced: bool = False) -> Iterator[tuple[str, str]]:
    """``(where, text)`` of every text, label, tooltip and grid column under ``node`` a
    leader reads outside an Advanced panel."""
    label = getattr(node, "label", None)
    if isinstance(node, Block) and isinstance(label, str) and label.startswith("Advanced"):
        advanced = True
    if not advanced:
        where = f"{node.type} {label!r}"[:80]
        texts = [label] if isinstance(label, str) else []
        if node.type in TEXT_TYPES:
            texts.append(str(node.value))
        proto = getattr(node, "proto", None)
        texts.append(str(getattr(proto, "help", "") or ""))
        if node.type == "dataframe" and proto is not None and proto.columns:
            for column in json.loads(proto.columns).values():
                texts += [str(column.get("label") or ""), str(column.get("help") or "")]
        yield from ((where, t) for t in texts if t)
    for child in getattr(node, "children", {}).values():
        yield from said(child, advanced)


def solver_words(app: AppTest) -> list[tuple[str, str]]:
    """What ``app`` says in the solver's words, but where the line marks it for analysts."""
    return [
        (where, text)
        for where, text in said(app._tree)
        if SOLVER_WORDS.search(text) and "analysts" not in text
    ]


def test_the_rule_finds_the_solver_s_words_in_labels_tooltips_and_columns():
    """The reading above is only as good as what it reads: a tooltip, a tab label and a
    grid's column heading are read; an Advanced panel and a line for analysts are not."""
    script = """
import pandas as pd
import streamlit as st
st.button("Re-plan", help="Maximises the objective")
st.tabs(["Goals", "LP bound"])
st.dataframe(
    pd.DataFrame({"a": [1]}),
    column_config={"a": st.column_config.NumberColumn("Score", help="1,407.01 points")},
)
st.caption("Ranking score (analysts): 1,407.01 points")
with st.expander("Advanced: the planner's ranking score"):
    st.markdown("This plan scores 1,407.01 points; the objective is proven best.")
"""
    app = AppTest.from_string(script).run()
    found = [text for _, text in solver_words(app)]
    assert found == ["Maximises the objective", "LP bound", "1,407.01 points"], found


def test_no_page_speaks_the_solver_s_words_outside_advanced(db):
    """Every page, and each of the Constraints page's settings tabs, opened on the sample:
    the text, the labels, the tooltips and the grids' columns say nothing in the solver's
    words outside an Advanced panel or a line for analysts."""
    found = []
    for page in routed_pages():
        app = open_routed(page)
        assert_clean(app)
        found += [(page, *x) for x in solver_words(app)]
    # The Plan page explaining a project in the plan and one left out (its score's share
    # was headed "Details:", a panel a leader opens, not "Advanced:").
    plan = open_routed("pages/plan.py")
    for project in ("AW-01", "AW-03"):
        plan.selectbox[-1].set_value(project).run()
        assert_clean(plan)
        found += [(f"plan: {project}", *x) for x in solver_words(plan)]
    constraints = open_routed("pages/constraints.py")
    for tab in (CAPACITY, STAGE_POLICY, PINS, PRIORITIES):
        app = open_tab(constraints, tab)
        assert_clean(app)
        found += [(f"constraints: {tab}", *x) for x in solver_words(app)]
    assert found == [], found
