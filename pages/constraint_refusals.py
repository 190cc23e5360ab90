"""The Constraints page's refused values: said under their box, and above the tabs when
the box's tab is not the one open; and what its tabs' widgets share (their keys' counters,
the settings they set).

Not a page: app.py routes only the pages in ``pages.common.PAGES``.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

import pandas as pd
import streamlit as st

from pages.common import current_problem, update_problem
from pages.issue_tables import added_row_said
from pages.ui import md
from planner import Problem, Settings
from planner.core.editing import HEADINGS, column_specs
from planner.core.errors import InputIssue
from planner.core.not_a_number import why_not_a_number
from planner.core.ranges import Range
from planner.core.tables import RULES
from planner.core.typed_numbers import PLAIN_DECIMAL

#: The settings tabs whose boxes may refuse a value (the Constraints page lists all four).
CAPACITY_TAB, PRIORITIES_TAB = "Capacity", "Priorities and time limit"
#: Session key: the number boxes' refused values, by box, said under it at the next run.
_REFUSED = "constraints_refused"


def sync(name: str) -> int:
    """The counter in the key of the widget ``name``: a new widget when it is bumped."""
    return int(st.session_state.get(f"cap-sync-{name}", 0))


def bump(name: str) -> None:
    """Draw the widget ``name`` anew, with the value in force."""
    st.session_state[f"cap-sync-{name}"] = sync(name) + 1


def set_settings(settings: Settings) -> None:
    """The session's problem with ``settings`` (the same settings change nothing)."""
    problem = current_problem()
    if settings != problem.settings:
        update_problem(problem.replace(settings=settings))


def drawn_now(key: str, current: str) -> bool:
    """Whether a callback's widget is the one the page draws now.

    The browser may send a widget the page no longer draws (its message
    crossed the run that replaced it: keys pressed quickly, a loaded server),
    and Streamlit calls that widget's callback as if its old value were a
    change. Only the widget drawn now may change the settings.
    """
    return key == current


def value_refused(
    name: str, accepted: Range, value: float, label: str, kept: str, *, more: bool = False
) -> bool:
    """Whether a typed value is outside its range; if so, said, and the box drawn anew.

    The boxes take any number: with a ``min_value`` and ``max_value`` the browser kept
    -5 on screen in red and never sent it, so the box read -5 beside a plan at 100 %.
    Here the value reaches the page, which refuses it in words and draws the box again
    with the value in force (its key carries a counter bumped here). ``more``: another
    refusal of the same edit (a table's second team), said after the first."""
    why = accepted.problem(value)
    if why is None:
        return False
    say_refused(name, f"{label}: {why} It was not applied; the plan keeps {kept}.", more=more)
    return True


def typed_refused(
    name: str, accepted: Range, raw: str, label: str, kept: str, *, more: bool = False
) -> float | None:
    """The figure typed as ``raw`` in a grid's text cell, or None when it is refused (said
    as :func:`value_refused` says it): a number editor kept only what a number may hold,
    so "1e12" reached the page as 112; as text, what is not a plain decimal is told."""
    text = raw.strip()
    if not PLAIN_DECIMAL.fullmatch(text):
        why = f"'{text}' is not a number{why_not_a_number(text)}; use {accepted.describe()}."
        say_refused(name, f"{label}: {why} It was not applied; the plan keeps {kept}.", more=more)
        return None
    value = float(text)
    return None if value_refused(name, accepted, value, label, kept, more=more) else value


def say_refused(name: str, said: str, *, more: bool = False) -> None:
    """Keep ``said`` for :func:`show_refused` (after the edit's others, with ``more``: "-5"
    then "2000" typed in one box read both), and draw the widget ``name`` anew."""
    refusals = st.session_state.setdefault(_REFUSED, {})
    if more and name in refusals:
        said = f"{refusals[name][0]} {said}"
    refusals[name] = (said, current_problem())
    bump(name)


def _current() -> dict[str, str]:
    """Each refusal still in force (the inputs unchanged since): box name -> what it said."""
    refusals = st.session_state.get(_REFUSED, {})
    for name, (_, problem) in list(refusals.items()):
        if problem is not current_problem():
            del refusals[name]
    return {name: said for name, (said, _) in refusals.items()}


def show_refused(container: Any, name: str) -> None:
    """A refused value's message, under its box, until the inputs change.

    Not only at the next run: the browser may rerun the page again (a table's new copy
    drawn), and a message shown once was gone before a leader could read it.
    """
    if (said := _current().get(name)) is not None:
        container.error(md(said), icon=":material/block:")


def _tab_of(name: str) -> str:
    """The tab the box ``name`` is in: goal weights, priorities' weights and the time limit
    are under Priorities, capacity percents under Capacity."""
    if name == "goal-weights" or name.startswith(("weight-", "time-limit")):
        return PRIORITIES_TAB
    return CAPACITY_TAB


def show_refused_elsewhere(open_tab: str) -> None:
    """Above the tabs, each value refused in a tab other than ``open_tab``, naming its tab.

    A goal weight of -1 typed, then another tab clicked: the edit went with the click and
    was refused under the goal weights, in a tab no longer open, and the leader saw the
    weight back at 1 without a word.
    """
    for name, said in _current().items():
        if (tab := _tab_of(name)) != open_tab:
            st.error(f"On the **{tab}** tab: {md(said)}", icon=":material/block:")


#: The pins and forbids table's name and headings on the page (rules.csv's columns).
RULES_TABLE = "Pins and forbids"
#: Its columns, in the order it shows them: the rule first.
_RULE_COLUMNS = ("rule", "project_id", "team_id")
#: Its headings, as the Data page heads rules.csv's grid.
_RULE_HEADINGS = {column: words[0] for column, words in HEADINGS[RULES].items()}
#: The refusals of an empty cell, as the table (whose cells offer names to pick) reads them.
_PICK = {
    "Write the project's id.": "Pick the project.",
    "Write the team's id.": "Pick the team.",
    "Write pin or forbid.": "Pick pin or forbid.",
}


def rule_issues_on_screen(issues: tuple[InputIssue, ...], problem: Problem) -> list[InputIssue]:
    """rules.csv's problems in the words of the Pins and forbids table: its name, its rows
    as counted on screen (a spreadsheet's row 8 is the table's row 7), its headings, and
    the names its cells show in place of the ids."""
    names = {p.project_id: p.name for p in problem.projects}
    teams = {t.team_id: t.name for t in problem.teams}

    def words(text: str) -> str:
        text = re.sub(r"\b(rows?) (\d+)(?: and (\d+))?", _on_screen_rows, text)
        text = re.sub(r"project '([^']+)'", lambda m: f"'{names.get(m[1], m[1])}'", text)
        text = re.sub(r"team '([^']+)'", lambda m: teams.get(m[1], f"team '{m[1]}'"), text)
        text = re.sub(r"\b([\w-]+)(?= on row )", lambda m: teams.get(m[1], m[1]), text)
        for column, heading in _RULE_HEADINGS.items():
            text = text.replace(f"{column} is empty", f"{heading} is empty")
        return _PICK.get(text, text)

    def message(text: str) -> str:
        added, said = added_row_said(text)  # its cells already as the table shows them
        return added + words(said)

    return [
        replace(
            issue,
            file=RULES_TABLE,
            row=None if issue.row is None else issue.row - 1,
            column=_RULE_HEADINGS.get(issue.column or "", issue.column),
            message=message(issue.message),
            fix=words(issue.fix),
        )
        if issue.file == "rules.csv"
        else issue
        for issue in issues
    ]


def rules_as_shown(frame: pd.DataFrame, problem: Problem) -> pd.DataFrame:
    """rules.csv's rows as the Pins and forbids table shows them: the rule first, then the
    project's and the team's names (an id beside a name two share), each row its label."""
    specs = column_specs(RULES, problem)
    shown = frame[list(_RULE_COLUMNS)].copy()
    for column in ("project_id", "team_id"):
        labels = specs[column].labels or {}
        shown[column] = shown[column].map(lambda v, labels=labels: labels.get(v, v))
    return shown


def _on_screen_rows(found: re.Match[str]) -> str:
    rows = [str(int(n) - 1) for n in found.groups()[1:] if n is not None]
    return f"{found[1]} {' and '.join(rows)}"
