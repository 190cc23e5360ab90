"""The Constraints page's Capacity tab: the departments' capacity what-ifs (a slider and
an exact box each), the max utilisation, each team's own capacity %, and the weeks away.

Not a page: :mod:`pages.constraints` draws it when its tab is open.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from pages.away_weeks import show_away_weeks
from pages.common import current_problem, revision
from pages.constraint_refusals import (
    bump,
    drawn_now,
    set_settings,
    show_refused,
    sync,
    typed_refused,
    value_refused,
)
from pages.ui import GROUPED_FIGURE
from planner import Problem
from planner.core.domain import Team
from planner.core.ranges import MAX_UTILIZATION, MULTIPLIER, MULTIPLIER_SLIDER, Range
from planner.core.shared_words import CALENDAR_HOURS_LABEL, OWN_HOURS_LABEL
from planner.core.table_rows import cell_text
from planner.interfaces import charts
from planner.scenarios.metrics import team_loads


def _percent(share: float) -> int:
    """A share (0.85) as the whole percent a slider shows (85)."""
    return round(share * 100)


def _exact_percent(share: float) -> float:
    """A share as the percent the exact input shows: 1.15 reads 115, not 114.99999999999999."""
    return round(share * 100, 6)


def _multipliers_with(name: str, value: float | None) -> dict[str, float]:
    multipliers = dict(current_problem().settings.capacity.multipliers)
    if value is None:
        multipliers.pop(name, None)
    else:
        multipliers[name] = value
    return multipliers


def _slider_key(department: str, rev: int) -> str:
    return f"cap-{department}-{rev}-{sync(f'{department}-exact')}"


def _exact_key(department: str, rev: int) -> str:
    return f"cap-exact-{department}-{rev}-{sync(f'{department}-slider')}"


#: The exact capacity box's range, in the percent it is typed in.
#: Above 0, at least the 0.1 % a capacity is planned and shown in.
_LEAST = 100 * MULTIPLIER.smallest
CAPACITY_PERCENT = Range(
    "capacity %", 100 * MULTIPLIER.low, 100 * MULTIPLIER.high, unit="%", smallest=_LEAST
)


def _on_department(department: str, key: str) -> None:
    settings = current_problem().settings
    value = st.session_state[key] / 100
    multipliers = _multipliers_with(department, None if value == 1 else value)
    set_settings(
        settings.with_changes(capacity=replace(settings.capacity, multipliers=multipliers))
    )


def _on_department_slider(department: str, key: str) -> None:
    """The slider: sets the multiplier; the exact input is drawn anew with it."""
    if drawn_now(key, _slider_key(department, revision())):
        _on_department(department, key)
        bump(f"{department}-slider")


def _on_department_exact(department: str, key: str) -> None:
    """The exact-value input: sets the multiplier; the slider is drawn anew with it (clamped).

    Neither widget writes the other's state: a callback's write becomes the
    server's copy at the next rerun, and when a rerun is cut short (keys
    pressed quickly, a loaded server) before the other widget is drawn, the
    browser still holds the old value and sends it back as a change, which
    undid the move (three presses to 85 % came back as 95 %). Instead each
    widget's key carries a counter the other one bumps, so the page draws a
    new widget starting from the value in force (see :func:`pages.constraint_refusals.drawn_now`).
    """
    if not drawn_now(key, _exact_key(department, revision())):
        return
    label = f"{department.capitalize()} capacity (%)"
    kept = _exact_percent(current_problem().settings.capacity.multipliers.get(department, 1.0))
    if value_refused(
        f"{department}-slider", CAPACITY_PERCENT, st.session_state[key], label, f"{kept:,g} %"
    ):
        return
    _on_department(department, key)
    bump(f"{department}-exact")


def _on_max_utilisation(key: str) -> None:
    if not drawn_now(key, f"max-util-{revision()}"):
        return
    settings = current_problem().settings
    value = st.session_state[key] / 100
    set_settings(settings.with_changes(capacity=replace(settings.capacity, max_utilization=value)))


def _ordered_teams(problem: Problem) -> list[Team]:
    """The teams in the one order of every chart (marketing first), as the load chart beside
    the table and the sliders above it (teams.csv's order put the sales teams first)."""
    return [problem.team(team_id) for team_id in problem.team_order]


def _team_frame(problem: Problem) -> pd.DataFrame:
    own = problem.settings.capacity.multipliers
    # Each team's hours as metrics shows them everywhere: the rows add up to the cards.
    figures = team_loads(problem, None)
    teams = _ordered_teams(problem)
    return pd.DataFrame(
        {
            "team": [t.name for t in teams],
            "department": [t.department.capitalize() for t in teams],
            # The quarter's hours (the sum of the team's weeks, calendar.csv included) that
            # 100 % stands for: the figure the Plan and Export pages read as its capacity.
            "capacity_hours": [float(figures[t.team_id].shown_quarter) for t in teams],
            # Text (empty: the department's), so what is typed reaches the page as typed.
            "multiplier": pd.array(
                [
                    cell_text(_exact_percent(own[t.team_id])) if t.team_id in own else None
                    for t in teams
                ],
                dtype="string",
            ),
            # After the capacity % and max utilisation: what the department cards add up.
            "in_force_hours": [float(figures[t.team_id].shown_in_force) for t in teams],
        }
    )


def _apply_team_multipliers(edited: pd.DataFrame) -> None:
    """Team multipliers as the per-team table shows them (empty = the department's).

    The "Own %" column takes any number: with the grid's own bounds, "-5" typed in it
    read 5 % (the minus sign dropped) and cut Demand Gen to 5 % at once. A value out of
    range is refused in words under the table, which is drawn again with the values in
    force (its key carries a counter bumped by :func:`_refused`).
    """
    problem = current_problem()
    settings = problem.settings
    multipliers = dict(settings.capacity.multipliers)
    refused = False
    for team, cell in zip(_ordered_teams(problem), edited["multiplier"], strict=True):
        if not (raw := cell_text(cell).strip()):
            multipliers.pop(team.team_id, None)
            continue
        own = multipliers.get(team.team_id)
        if own is not None and raw == cell_text(_exact_percent(own)):
            # The row as the table shows it: the multiplier as read, not its six places
            # (settings.toml's 0.123456789 was rewritten 0.12345679 at the page's first run).
            continue
        kept = "the department's" if own is None else f"{_exact_percent(own):,g} %"
        label = f"{team.name}'s own capacity %"
        value = typed_refused("cap-teams", CAPACITY_PERCENT, raw, label, kept, more=refused)
        if value is None:
            refused = True
        else:
            multipliers[team.team_id] = value / 100
    changed = settings.with_changes(capacity=replace(settings.capacity, multipliers=multipliers))
    if changed != settings:
        set_settings(changed)
    if changed != settings or refused:
        # The table above was drawn before this edit (its "In force" read the old hours
        # beside cards that read the new ones, or a refused value): draw it again.
        st.rerun()


def capacity_settings(rev: int) -> None:
    """The Capacity tab: the departments' sliders, each team, the exact boxes, max utilisation."""
    problem = current_problem()
    settings = problem.settings
    _department_sliders(problem, rev)
    _team_table(problem, rev)
    _exact_boxes(problem, rev)
    key = f"max-util-{rev}"
    st.slider(
        "Plan each team up to this share of its hours",
        min_value=_percent(MAX_UTILIZATION.low),
        max_value=_percent(MAX_UTILIZATION.high),
        value=_percent(MAX_UTILIZATION.clamp(settings.capacity.max_utilization)),
        step=5,
        format="%d %%",
        key=key,
        help="The plan fills at most this share of each team's capacity (after the "
        "capacity % above), leaving room for run-the-business work. In settings.toml, "
        "`max_utilization` under `[capacity]`.",
        on_change=_on_max_utilisation,
        args=(key,),
    )
    # A VP Sales planning an AE off-site in weeks 4-6, or a hire from week 6, came here
    # for capacity what-ifs and found only percentages of the whole quarter.
    st.divider()
    show_away_weeks(current_problem())


def _department_sliders(problem: Problem, rev: int) -> None:
    """A capacity slider for each department, in 5 % steps; a value between them said."""
    settings = problem.settings
    for col, department in zip(st.columns(2), charts.DEPARTMENT_ORDER, strict=True):
        key = _slider_key(department, rev)
        in_force = settings.capacity.multipliers.get(department, 1.0)
        col.slider(
            f"{department.capitalize()} capacity",
            min_value=_percent(MULTIPLIER_SLIDER.low),
            max_value=_percent(MULTIPLIER_SLIDER.high),
            value=_percent(MULTIPLIER_SLIDER.clamp(in_force)),
            step=5,
            format="%d %%",
            key=key,
            help=f"What-if: scale every {department} team's hours (100 % = as in the Teams table). "
            f"Beyond {_percent(MULTIPLIER_SLIDER.high)} %: the exact value below.",
            on_change=_on_department_slider,
            args=(department, key),
        )
        if _percent(MULTIPLIER_SLIDER.clamp(in_force)) != _exact_percent(in_force):
            # Past the slider's end or between its 5 % steps: the slider cannot show it.
            col.caption(f"Set to {_exact_percent(in_force):,g} % (the exact value below).")


def _team_table(problem: Problem, rev: int) -> None:
    """Each team's hours, its own capacity % to edit, and the hours in force."""
    # Each team's hours right under the departments' sliders: under the exact boxes and
    # the utilisation slider, the table began at 765 px, past a 1024 x 768 window.
    st.markdown("**Per team** (a team's own capacity % beats its department's)")
    edited_teams = st.data_editor(
        _team_frame(problem),
        key=f"cap-teams-{rev}-{sync('cap-teams')}",
        hide_index=True,
        disabled=["team", "department", "capacity_hours", "in_force_hours"],
        column_config={
            "team": st.column_config.TextColumn("Team"),
            "department": st.column_config.TextColumn("Department"),
            # Short headings, the words in their help: all five columns, "Capacity" last,
            # fit beside the cards on a 1280 px laptop (tests/app/test_browser_laptop.py).
            "capacity_hours": st.column_config.NumberColumn(
                CALENDAR_HOURS_LABEL,
                format=GROUPED_FIGURE,
                help=f"The team's hours this quarter at 100 %: the Data page's "
                f"{OWN_HOURS_LABEL.lower()}, with the Calendar's weeks (holidays, hires) "
                "in place of a week's share of them where given.",
            ),
            # Text, right-aligned as a figure: a number editor's minimum read "-5" as 5 %,
            # its filter of keys "1e12" as 112 % (see _apply_team_multipliers).
            "multiplier": st.column_config.TextColumn(
                "Own %",
                help="The team's own capacity %. Empty = follow the department's slider.",
                alignment="right",
            ),
            # "In force" was the planner's word for it; the cards and Check-in say "Capacity".
            "in_force_hours": st.column_config.NumberColumn(
                "Capacity",
                format=GROUPED_FIGURE,
                help="The hours the plan may use: the hours × the capacity % × the share "
                "of its hours each team is planned up to (the slider below). The department "
                "cards add these up.",
            ),
        },
        width="stretch",
        placeholder="department's",
    )
    _apply_team_multipliers(edited_teams)
    show_refused(st, "cap-teams")


def _exact_boxes(problem: Problem, rev: int) -> None:
    """Under an expander, each department's capacity % typed exactly, up to 1,000 %."""
    settings = problem.settings
    with st.expander("Exact capacity, up to 1,000 %"):
        for col, department in zip(st.columns(2), charts.DEPARTMENT_ORDER, strict=True):
            in_force = settings.capacity.multipliers.get(department, 1.0)
            exact_key = _exact_key(department, rev)
            # No min_value or max_value: the page refuses a value out of range in
            # words and redraws the box (see _refused).
            col.number_input(
                f"{department.capitalize()} capacity (%)",
                value=_exact_percent(MULTIPLIER.clamp(in_force)),
                step=5.0,
                format="%g",
                key=exact_key,
                on_change=_on_department_exact,
                args=(department, exact_key),
            )
            show_refused(col, f"{department}-slider")
