"""Every page in a leader's words: text, widget labels, tooltips, tabs and grid columns.

Leaders (a CMO, a VP Sales) read every line of every page; the solver's words
("objective", "LP", "infeasible", "not proven best", a score in points, "baseline" for
the plan they kept or are checking in on) are theirs only
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
    button,
    edit_checkin,
    grid_edit,
    open_routed,
    open_tab,
    routed_pages,
)
from scenarios_page import save_current, with_sales_at_90
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Block, Node

#: The solver's words, and the optimizer's score in its points (1,407.01 points); a leader's
#: "percentage points" of goal attainment are theirs. "Max utilisation", the settings key's
#: name, is the slider's "share of its hours each team is planned up to" on every page (the
#: Capacity column's tooltip named it the one way beside the slider named the other).
SOLVER_WORDS = re.compile(
    r"\b(objective|LP|infeasible|ranking score|optimi[sz]er|solver|proven best|not proven|"
    r"plan's terms|baseline|max utili[sz]ation)\b|(?<!percentage )\bpoints\b",
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


def test_the_states_a_leader_reaches_next_speak_no_solver_words_either(db):
    """The rule above opened each page in its first state only; a CMO's and a VP Sales'
    second hour is spent past it, where the Check-in page's re-plan read "baseline" eleven
    times ("Baseline team", "Save, built on the baseline", "If we carry on is the baseline
    as it was") for the plan they were checking in on. Read here too: a what-if applied
    (marketing at 95 %, then a project pinned) and the Plan page after it; Compare with two
    saved scenarios; a check-in at week 6 with a project slipped two weeks, one dropped and
    a KPI ahead, re-planned."""
    found = []
    app = open_routed("pages/constraints.py")
    next(s for s in app.slider if s.label == "Marketing capacity").set_value(95).run()
    assert_clean(app)
    assert "Keep this plan" in [b.label for b in app.button]  # the what-if is shown
    found += [("what-if", *x) for x in solver_words(app)]
    open_tab(app, PINS)
    key = next(e.key for e in app.data_editor if e.key and e.key.startswith("rules-"))
    pin = {"project_id": "AW-07", "team_id": "pmm", "rule": "pin"}
    app.session_state[key] = grid_edit(added=[pin])
    button(app.run(), "Apply pins and forbids").click().run()
    assert_clean(app)
    found += [("what-if and a pin", *x) for x in solver_words(app)]
    app.switch_page("pages/plan.py").run()
    assert_clean(app)
    found += [("plan after the what-if", *x) for x in solver_words(app)]

    scenarios = save_current(open_routed("pages/scenarios.py"), "Q3 base")
    scenarios = save_current(with_sales_at_90(scenarios), "Sales -10%")
    scenarios.selectbox(key="compare-a").set_value(1)
    scenarios.selectbox(key="compare-b").set_value(2)
    scenarios.run()
    assert_clean(scenarios)
    assert any("Sales capacity" in m.value for m in scenarios.markdown)  # what differs
    found += [("compare", *x) for x in solver_words(scenarios)]

    checkin = open_routed("pages/checkin.py")
    checkin = edit_checkin(checkin, "projects", "LG-03", "end_week", 9)
    checkin = edit_checkin(checkin, "projects", "LG-03", "percent_done", 60.0)
    checkin = edit_checkin(checkin, "projects", "LG-07", "status", "dropped")
    checkin = edit_checkin(checkin, "goals", "sqls", "achieved", 200.0)
    checkin = checkin.button(key="checkin-replan-button").click().run()
    assert_clean(checkin)
    assert "At quarter end" in [m.label for m in checkin.metric]  # the re-plan is shown
    found += [("re-plan", *x) for x in solver_words(checkin)]
    assert found == [], found
