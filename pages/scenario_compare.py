"""The Scenarios page's Compare tab: any two plans side by side, the current one, the one
the app opened on and the saved scenarios, A before and B after (pages/scenarios.py).

The figures, what differs in the inputs, each team's hours and each goal, the odds and
every project that changed owner or weeks, with the comparison's Excel export. Which two
plans it opens on is :func:`planner.scenarios.compare.default_pair`'s.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from pages.common import current_problem, fingerprint, remembered
from pages.headline import SAVED_AS
from pages.scenario_saved import listed_label, loaded
from pages.solving import kept_close, solved
from pages.start import opened_label, opening_data
from pages.ui import md, show_chart, wrapped_table
from planner import Problem, Result
from planner.core.shared_words import BOTH_DEPARTMENTS_LABEL
from planner.core.shown_figures import NO_FIGURE, names_text, points_between
from planner.core.shown_figures import percent as percent_text
from planner.core.shown_figures import points as points_text
from planner.core.status_words import status_label
from planner.core.workbook import XLSX_MIME
from planner.interfaces import odds_changes
from planner.interfaces import scenario_charts as charts
from planner.interfaces.scenario_exports import comparison_workbook
from planner.interfaces.scenario_text import project_counts_words, team_load_words
from planner.scenarios.compare import Comparison, compare, default_pair
from planner.scenarios.copies import saved_copy
from planner.scenarios.scenario import Scenario, ScenarioSummary, new_scenario
from planner.scenarios.storage import ScenarioStore

#: The pseudo-id of the session's current, unsaved plan in the compare pickers.
CURRENT = 0
#: The Compare option of the plan of the data the app opened (scenario ids start at 1).
STARTED_FROM = -1
#: Session key: the Compare choices the selectboxes were drawn with.
_COMPARED = "_compare_options"
#: Session key: the scenarios picked in Compare whose delete the tab has said.
_GONE_SAID = "_compare_gone_said"
#: The odds table's two chance columns, named as the pickers name the scenarios.
COMPARE_ODDS = ("Chance in A", "Chance in B")
#: Up to this many changed projects are listed in a wrapped table (every cell in full);
#: more scroll in a data frame, with the comparison's Excel export beside it.
WRAPPED_ROWS = 60


def _saved_as(store: ScenarioStore | None, result: Result, names: dict[int, str]) -> int | None:
    """The saved scenario the current inputs are, unchanged since saving or loading it."""
    saved = st.session_state.get(SAVED_AS)
    if saved is not None and saved[1] in names and saved[0] == fingerprint(current_problem()):
        return int(saved[1])
    # Saved in another session (yesterday, or with planner scenarios save): the same inputs
    # and plan. Compare said "The current plan is not saved." beside its own saved twin.
    if store is None or result.plan is None:
        return None
    same = remembered(saved_copy, store, current_problem(), result.plan)
    return same.scenario_id if same is not None and same.scenario_id in names else None


def plan_label(summary_id: int, names: dict[int, str]) -> str:
    """A plan as the pickers name it: the current plan, the plan started from, a saved one."""
    # Labels stay the same from run to run: a selectbox keeps its choice by its label.
    if summary_id == CURRENT:
        return "Current plan"
    if summary_id == STARTED_FROM:
        return f"The plan you started from ({opened_label(opening_data()[2])})"
    return listed_label(summary_id, names)


def _scenario(
    choice: int,
    store: ScenarioStore | None,
    problem: Problem,
    result: Result,
    summaries: list[ScenarioSummary],
    names: dict[int, str],
) -> Scenario | None:
    if choice == CURRENT:
        return new_scenario(problem, result, "Current plan", kept_close=kept_close(problem))
    if choice == STARTED_FROM:  # solved once a session opens on it: from the cache
        opened = opening_data()[0]
        return new_scenario(opened, solved(opened, free=True), plan_label(choice, names))
    return loaded(store, choice, summaries) if store is not None else None


def show_compare(
    store: ScenarioStore | None,
    problem: Problem,
    result: Result,
    summaries: list[ScenarioSummary],
    names: dict[int, str],
    charted: bool,
) -> None:
    """The Compare tab: the two pickers and the comparison of the plans picked; its charts
    only when the tab is open (``charted``)."""
    _say_gone(names, charted)
    same = _saved_as(store, result, names)
    # The data the app opened, when the current inputs are no longer it: the plan a what-if
    # saved alone is compared with (else "the one scenario saved" left nothing to compare).
    started = [STARTED_FROM] if fingerprint(opening_data()[0]) != fingerprint(problem) else []
    options = [CURRENT, *started, *names]
    others = [i for i in names if i != same]
    if len(options) < 2:
        st.info("Save a scenario to compare it with the current plan, or two to compare them.")
    elif same is not None and not others and not started:  # the one saved is the current plan
        st.info(
            f"The current plan is the one scenario saved (#{same:d} · {md(names[same])}): "
            "change it on the Constraints page and save the what-if here to compare the two."
        )
    else:
        left, right = st.columns(2)
        before, after = default_pair(options, summaries, same)
        # Other choices (a save, the plan started from offered or gone): the pair starts
        # again from the defaults; kept, A stayed #1 beside the current plan saved as #1.
        # Set, not dropped: the browser kept its choice of a widget whose state was dropped.
        fresh = st.session_state.get(_COMPARED) != options
        if fresh:
            st.session_state["compare-a"] = options[before]
            st.session_state["compare-b"] = options[after]
            st.session_state[_COMPARED] = options
        a_id = left.selectbox(
            "A (before)",
            options,
            index=None if fresh else before,  # fresh: the value set above
            format_func=lambda i: plan_label(i, names),
            key="compare-a",
        )
        b_id = right.selectbox(
            "B (after)",
            options,
            index=None if fresh else after,
            format_func=lambda i: plan_label(i, names),
            key="compare-b",
        )
        if CURRENT in (a_id, b_id):
            # Named as the pickers and the charts' key name it ("B: Current plan"): "The
            # current plan is saved as #2 · More marketing" beside it read as a third plan.
            letters = " and ".join(x for x, pick in (("A", a_id), ("B", b_id)) if pick == CURRENT)
            st.caption(
                f"Current plan ({md(letters)}) is "
                + (
                    "not saved."
                    if same is None
                    else f"saved as #{same:d} · {md(names[same])}: the same inputs and plan."
                )
            )
        if a_id is None or b_id is None:
            # A picker emptied with its clear button: every figure went, and nothing said why.
            empty = " and ".join(x for x, pick in (("A", a_id), ("B", b_id)) if pick is None)
            st.info(
                f"Pick a plan for {md(empty)} above to compare the two.", icon=":material/info:"
            )
        a, b = (
            None if pick is None else _scenario(pick, store, problem, result, summaries, names)
            for pick in (a_id, b_id)
        )
        if a is not None and b is not None:
            _show_comparison(a, b, charted)


def _say_gone(names: dict[int, str], charted: bool) -> None:
    # A saved scenario picked here and deleted since (in another tab): the comparison went
    # and the pickers started again without a word. Said once, with the tab open.
    told = st.session_state.setdefault(_GONE_SAID, set())
    gone = [
        pick
        for pick in dict.fromkeys(st.session_state.get(k) for k in ("compare-a", "compare-b"))
        if isinstance(pick, int) and pick > CURRENT and pick not in names and pick not in told
    ]
    if gone and charted:
        told.update(gone)
        st.info(
            " and ".join(f"#{pick:d}" for pick in gone)
            + (" was" if len(gone) == 1 else " were")
            + " deleted since it was picked here (in another tab, or on Saved scenarios): "
            "nothing is compared with it any more.",
            icon=":material/info:",
        )


def _show_comparison(a: Scenario, b: Scenario, charted: bool) -> None:
    """A beside B: their figures, what differs, team hours and goals, odds and projects."""
    diff = compare(a, b)
    ma, mb = diff.metrics_a, diff.metrics_b
    # In a line of its own: a fifth of the page cut "Optimal: best possible" short.
    st.caption(
        f"Outcome of A: {status_label(ma.status.value, ma.kept_close)} · "
        f"of B: {status_label(mb.status.value, mb.kept_close)}"
    )
    _show_figures(diff)
    if words := diff.attainment_words():
        st.caption(words)
    # A check-in's inputs are the rest of the quarter: it says what it is instead.
    checkin = a.checkin is not None or b.checkin is not None
    differences = [*diff.settings_changes, *diff.data_changes]
    if differences:
        st.markdown(
            ("**What differs:** " if checkin else "**What differs in the inputs:** ")
            + "; ".join(md(line) for line in differences)
        )
    chart_left, chart_right = st.columns(2, gap="large")
    # A chart of zeros is an empty axis that reads "0.000000": say it in words.
    with chart_left:
        _show_team_hours(diff, charted)
    with chart_right:
        goal_deltas = charts.goal_delta_frame(diff) if diff.goals else None
        if goal_deltas is not None and not goal_deltas["delta_points"].any():
            st.markdown(
                "**Goal attainment:** every goal is planned at the same % of target in A and B."
            )
        elif goal_deltas is not None and charted:
            show_chart(charts.goal_delta_chart(goal_deltas), width="stretch")
    odds_change = odds_changes.scenario_odds_frame(a, b)
    if odds_change["uncertain"].any():
        st.subheader("Odds of hitting each target, A to B")
        if why := odds_changes.mid_quarter_odds(a.checkin, b.checkin):
            st.caption(why)
        wrapped_table(odds_changes.odds_delta_view(odds_change, *COMPARE_ODDS))

    chances = odds_changes.chances_by_goal(odds_change)

    _show_projects(a, diff, chances)


def _show_figures(diff: Comparison) -> None:
    """B's four figures, each with its change from A."""
    ma, mb = diff.metrics_a, diff.metrics_b
    cols = st.columns(4)

    def delta(x: float | None, y: float | None) -> str | None:
        return None if x is None or y is None else points_between(x, y)

    def unchanged(change: str | None) -> dict[str, Any]:
        # No arrow and no colour for no change: "+0" drew a red up-arrow on Left out.
        still = change in ("+0", points_text(0))
        return {"delta_color": "off", "delta_arrow": "off"} if still else {}

    planned = None
    if ma.num_assigned is not None and mb.num_assigned is not None:
        planned = f"{mb.num_assigned - ma.num_assigned:+d}"
    cols[0].metric(
        "Projects in the plan (B)",
        NO_FIGURE if mb.num_assigned is None else f"{mb.num_assigned:,}",
        planned,
        **unchanged(planned),
    )
    attainment = diff.attainment_change
    cols[1].metric(
        "Goal attainment (B)",
        percent_text(mb.attainment_pct),
        attainment,
        **unchanged(attainment),
    )
    utilisation = delta(ma.utilisation_pct, mb.utilisation_pct)
    cols[2].metric(
        f"{BOTH_DEPARTMENTS_LABEL} (B)",
        percent_text(mb.utilisation_pct),
        utilisation,
        help=charts.BOTH_DEPARTMENTS_HELP,
        **{"delta_color": "off", **unchanged(utilisation)},
    )
    left_out = None
    if ma.num_unassigned is not None and mb.num_unassigned is not None:
        left_out = f"{mb.num_unassigned - ma.num_unassigned:+d}"
    cols[3].metric(
        "Left out (B)",
        NO_FIGURE if mb.num_unassigned is None else str(mb.num_unassigned),
        left_out,
        **{"delta_color": "inverse", **unchanged(left_out)},
    )


def _show_team_hours(diff: Comparison, charted: bool) -> None:
    """Each team's hours, B against A: a chart of the teams whose load changes most (when
    the tab is open), or words when no bar would show."""
    # Under an hour beside a 110 h bar is a team name with no bar (a check-in's hours used
    # are whole hours): said under the chart, with its hours.
    shown, changed, slight, level = charts.team_delta_parts(charts.team_delta_frame(diff))
    # No bars, or sub-hour bars that filled the chart (a check-in's hours used
    # are whole hours): in words, as planner scenarios compare says it.
    if (words := team_load_words(diff, md)) is not None:
        st.markdown(f"**Team load:** {words}")
    else:
        if charted:
            show_chart(
                charts.team_delta_chart(shown, diff.name_a, diff.name_b),
                width="stretch",
            )
        notes: list[str] = []
        if len(shown) < len(changed):
            notes.append(f"The {len(shown)} teams whose load changes most, of {len(changed)}.")
        if level:
            notes.append(f"The same hours in A and B: {md(names_text(level, 4))}.")
        if len(slight):
            under = [f"{t} ({h})" for t, h in zip(slight.team, slight.delta_text, strict=True)]
            notes.append(f"Under an hour: {md(names_text(under, 4))}.")
        st.caption(" ".join(notes))
    # A check-in's hours are the quarter's (used so far + re-planned): a project
    # dropped after its work was done left no mark on them, and nothing said why.
    if (hours_words := diff.team_hours_words()) is not None:
        st.caption(md(hours_words))


def _show_projects(
    a: Scenario, diff: Comparison, chances: dict[str, tuple[float | None, float | None]]
) -> None:
    """Every project that changed owner or weeks, A to B, and the comparison's export."""

    def _comparison_bytes(
        diff: Comparison = diff,
        chances: dict[str, tuple[float | None, float | None]] = chances,
    ) -> bytes:
        # Built when the button is clicked, not on every rerun.
        return comparison_workbook(diff, chances)

    changes = charts.project_changes_frame(diff)
    # Other weeks with the same owners count too: a VP Sales comparing two drafts asked
    # which projects change week, and "the same owners" said nothing of it. Counted
    # as `planner scenarios compare` counts them.
    st.subheader(md(f"Projects: {project_counts_words(diff.projects) or 'no change'}"))
    if changes.empty:
        st.success(
            "Every project has the same owners"
            + (" and weeks" if a.problem.is_time_phased and not a.checkin else "")
            + " in A and B."
        )
    else:
        shown_changes = changes.drop(columns=["project_id"]).rename(
            columns={
                "change": "Change",
                "project": "Project",
                "before": "Owners in A",
                "after": "Owners in B",
                "note": "Note",
                "why": "Why",
            }
        )
        for column in ("Note", "Why"):  # only where one applies
            if not shown_changes[column].astype(bool).any():
                shown_changes = shown_changes.drop(columns=[column])
        if len(shown_changes) <= WRAPPED_ROWS:
            # Wrapped, so a long name or note reads in full (team names, not ids).
            wrapped_table(shown_changes)
        else:  # a long list scrolls; the Excel export below has every cell in full
            st.dataframe(shown_changes, hide_index=True)
    st.download_button(
        "Export this comparison (Excel)",
        _comparison_bytes,
        file_name="comparison.xlsx",
        mime=XLSX_MIME,
        icon=":material/download:",
        on_click="ignore",
        key="compare-export",
        help="Headline figures, goals, team hours and every project that changed owner or weeks.",
    )
