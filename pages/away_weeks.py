"""The Constraints page's "a team's weeks" what-if: a team away (or at other hours) in some
weeks, applied as a row of the Data page's Calendar table.

Not a page: :mod:`pages.constraints` draws it under the capacity what-ifs. It is a calendar
edit, validated by the loader as the Data page's Apply validates one and applied the same
way (:func:`pages.common.set_problem` with ``edit``): the row shows on the Calendar tab, in
the basis line's changes, in the unsaved work kept, in a saved scenario and in the Export's
inputs, and the plan is made again against the current plan, as the capacity what-ifs are.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pandas as pd
import streamlit as st

from pages.common import current_problem, current_warnings, set_problem
from pages.ui import md
from planner import InvalidInputError, Problem
from planner.core.cells import MessageWords
from planner.core.domain import CalendarRow
from planner.core.editing import rebuilt
from planner.core.errors import InputIssue
from planner.core.loading import CALENDAR, problem_to_frames
from planner.core.shared_words import OWN_HOURS_LABEL, week_entry_words
from planner.core.tables import TEAMS

#: Why the last Apply was refused, in words; the calendar (rows) it was refused on.
_REFUSED = "away_weeks_refused"
#: The calendar before the last Apply and the calendar it gave, to take it back; and the
#: loader's warnings of that Apply, said beside the control while its calendar is in force.
_APPLIED = "away_weeks_applied"
_WARNED = "away_weeks_warned"
_TEAM, _WEEKS, _HOURS = "away-team", "away-weeks", "away-hours"
_RANGE = re.compile(r"\s*(\d+)\s*(?:[-–]\s*(\d+)\s*)?")

#: In a quarter not planned in weeks: what the control needs and how to give it.
NEEDS_WEEKS = (
    "A team's weeks away need the quarter's weeks, and this quarter is planned as a whole: "
    "no team has weeks on the Calendar and no project a duration or a window of weeks. "
    "Give the projects their weeks (Weeks it runs, Starts no earlier than week, Done by "
    "week: the Data page's Projects tab) or a team its weeks (the Data page's Calendar tab), "
    "then come back here."
)


def weeks_typed(text: str, weeks: int) -> tuple[int, int] | str:
    """``"9-13"`` (or ``"9"``) as the first and last week, or why it is not a range of the
    quarter's ``weeks``, in words."""
    example = f"Write a week 1-{weeks}, or a range such as {max(weeks - 4, 1)}-{weeks}."
    found = _RANGE.fullmatch(text)
    if not text.strip():
        return f"Which weeks? {example}"
    if found is None:
        return f"'{text.strip()}' is not a week or a range of weeks. {example}"
    first = int(found.group(1))
    last = int(found.group(2) or first)
    if first > last:
        return f"Weeks {first}-{last} run backwards: write the first week first ({last}-{first})."
    if first < 1 or last > weeks:
        return f"Weeks {first}-{last} are outside the quarter, which has weeks 1-{weeks}. {example}"
    return first, last


def with_weeks(problem: Problem, team_id: str, first: int, last: int, hours: Decimal) -> Problem:
    """``problem`` with ``team_id`` at ``hours`` a week in ``first``-``last``: its rows over
    those weeks keep only their other weeks (each week goes on one row only)."""
    rows: list[CalendarRow] = []
    for row in problem.calendar:
        if row.team_id != team_id or row.last_week < first or row.first_week > last:
            rows.append(row)
            continue
        if row.first_week < first:
            rows.append(CalendarRow(team_id, row.first_week, first - 1, row.capacity_hours))
        if row.last_week > last:
            rows.append(CalendarRow(team_id, last + 1, row.last_week, row.capacity_hours))
    rows.append(CalendarRow(team_id, first, last, hours))
    return problem.replace(calendar=tuple(rows))


#: The loader's words for the Calendar row the control writes, in the control's: its
#: capacity_hours is "Hours a week", the Teams table's as the Data page heads it, and no
#: file is shown.
CONTROL_WORDS = MessageWords(
    columns={
        (CALENDAR, "capacity_hours"): '"Hours a week"',
        (TEAMS, "capacity_hours"): f'"{OWN_HOURS_LABEL}"',
    },
    files={TEAMS: "the Data page's Teams table"},
    names_settings=False,
)


def _apply_calendar(problem: Problem, calendar: Problem) -> str | None:
    """The Data page's calendar edit: the Calendar table of ``calendar`` validated by the
    loader and applied, re-planned against the current plan; or why not, in the control's
    words. The warnings it brings are kept with the inputs (in the files' words, as the Data
    page lists them) and said beside the control, in its words."""
    frame = problem_to_frames(calendar)[CALENDAR]
    try:
        new_problem, warnings = rebuilt(problem, {CALENDAR: frame})
    except InvalidInputError:
        errors, _ = _in_control_words(problem, frame)
        return f"Not applied: {' '.join(_said(i) for i in errors)}"
    kept = _still_standing(problem, current_warnings(), warnings)
    # The loader reads every table again, so the earlier warnings still standing come
    # back among ``warnings``: each is kept once.
    new = [n for n, w in enumerate(warnings) if w not in kept]
    set_problem(new_problem, (*kept, *(warnings[n] for n in new)), edit=True)
    worded = _in_control_words(problem, frame)[1] if new else ()
    st.session_state[_WARNED] = (new_problem.calendar, [_said(worded[n]) for n in new])
    return None


def _still_standing(
    problem: Problem, earlier: tuple[InputIssue, ...], now: tuple[InputIssue, ...]
) -> tuple[InputIssue, ...]:
    """The ``earlier`` warnings of ``problem`` that still stand with the tables ``now``
    warned of: a warning the loader gives on ``problem``'s tables (a row taken back, or
    replaced by the next Apply) goes when it no longer gives it, and one only the files'
    reading gave (a sheet ignored, blank rows skipped) stays. Taken back, a row's warning
    stayed with the inputs, on the Data page, as long as they did."""
    if not earlier:
        return earlier
    try:
        theirs = rebuilt(problem, {})[1]
    except InvalidInputError:  # inputs kept from before a rule the loader has now
        return earlier
    return tuple(w for w in earlier if w not in theirs or w in now)


def _in_control_words(
    problem: Problem, frame: pd.DataFrame
) -> tuple[tuple[InputIssue, ...], tuple[InputIssue, ...]]:
    """The loader's errors, or its warnings, on the Calendar table ``frame`` in the
    control's words (:data:`CONTROL_WORDS`), in the order it gave them in the files'.
    Read again only when there is something to say: the inputs keep the files' words."""
    try:
        return (), rebuilt(problem, {CALENDAR: frame}, words=CONTROL_WORDS)[1]
    except InvalidInputError as exc:
        return exc.errors, ()


def _said(issue: InputIssue) -> str:
    return f"{issue.message} {issue.fix}".strip()


def _on_apply() -> None:
    problem = current_problem()
    team_id = str(st.session_state.get(_TEAM, ""))
    st.session_state.pop(_REFUSED, None)
    if team_id not in problem.team_index:
        st.session_state[_REFUSED] = (
            f"Team '{team_id}' is not in the data (deleted or renamed on the Data page?): "
            "pick a team from the list."
        )
        return
    span = weeks_typed(str(st.session_state.get(_WEEKS, "")), problem.num_weeks)
    if isinstance(span, str):
        st.session_state[_REFUSED] = span
        return
    hours = Decimal(str(st.session_state.get(_HOURS, 0.0)))
    if hours < 0:  # a calendar row cannot hold it: refused here, as the loader words it
        st.session_state[_REFUSED] = (
            f'Not applied: "Hours a week" must be at least 0, not {hours.normalize():f}. '
            "Fix: 0 for weeks the team is away, or its hours in each of those weeks."
        )
        return
    before = problem.calendar
    refused = _apply_calendar(problem, with_weeks(problem, team_id, *span, hours))
    if refused is not None:
        st.session_state[_REFUSED] = refused
        return
    st.session_state[_APPLIED] = (before, current_problem().calendar)


def _on_take_back() -> None:
    problem = current_problem()
    applied = st.session_state.pop(_APPLIED, None)
    if applied is None or applied[1] != problem.calendar:
        return
    refused = _apply_calendar(problem, problem.replace(calendar=applied[0]))
    if refused is not None:
        st.session_state[_REFUSED] = refused


def show_away_weeks(problem: Problem) -> None:
    """A team, its weeks and hours a week (0: away), and Apply; or, in a quarter not
    planned in weeks, what the control needs."""
    st.markdown(
        "**What if a team is away for some weeks?** An off-site, a holiday, a team lost "
        "for weeks 9-13: its hours in those weeks only (0 = away), the rest of the quarter "
        "as it is."
    )
    if not problem.is_time_phased:
        st.info(NEEDS_WEEKS, icon=":material/event:")
        st.page_link("pages/data.py", label="Give the quarter its weeks", icon=":material/event:")
        return
    names = {t.team_id: t.name for t in problem.teams}
    shared = {n for n in names.values() if list(names.values()).count(n) > 1}
    cols = st.columns([3, 2, 2])
    cols[0].selectbox(
        "Team",
        list(names),
        format_func=lambda t: f"{names[t]} ({t})" if names.get(t) in shared else names.get(t, t),
        key=_TEAM,
    )
    cols[1].text_input(
        "Weeks",
        placeholder=f"e.g. 9-{problem.num_weeks}",
        key=_WEEKS,
        help=md(week_entry_words(problem.num_weeks)),
    )
    # No min_value: the browser kept -5 typed on screen in red and never sent it, so Apply
    # applied 0 h beside a box reading -5; the calendar's loader refuses it in words.
    cols[2].number_input(
        "Hours a week",
        value=0.0,
        step=5.0,
        format="%g",
        key=_HOURS,
        help="The team's hours in each of those weeks: 0 = away. Its usual hours a week "
        "are the Plan page's \"A team's weeks\".",
    )
    st.button("Apply", key="away-apply", icon=":material/event_busy:", on_click=_on_apply)
    refused = st.session_state.get(_REFUSED)
    if refused:
        st.error(md(refused), icon=":material/error:")
    warned = st.session_state.get(_WARNED)
    if warned is not None and warned[0] == problem.calendar:
        for line in warned[1]:
            st.warning(md(line), icon=":material/warning:")
    applied = st.session_state.get(_APPLIED)
    if applied is not None and applied[1] == problem.calendar:
        st.button(
            "Take it back",
            key="away-take-back",
            icon=":material/undo:",
            help="The Calendar as it was before this Apply.",
            on_click=_on_take_back,
        )
    st.caption(
        "Applied as a row of the Data page's Calendar tab, where it can be changed or "
        "deleted; the plan is made again with it."
    )
    st.page_link("pages/data.py", label="Change a team's weeks", icon=":material/event:")
