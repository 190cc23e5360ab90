"""The plan's headline on every page: what it is built on, what changed, its figures.

Not a page: app.py routes only the pages in ``pages.common.PAGES``. The
figures come from :func:`planner.scenarios.metrics.result_metrics`, so every
page, the CLI and the exports show the same numbers.
"""

from __future__ import annotations

import time

import pandas as pd
import streamlit as st

from pages.common import current_problem, fingerprint, remembered, start_label
from pages.kept import keep_again, kept_words
from pages.store import quiet_store
from pages.ui import md
from planner import Plan, PlanMetrics, Problem, Result
from planner.core.shared_words import BOTH_DEPARTMENTS_LABEL, TEAMS_OWN_HOURS, UP_TO_SHARE, plural
from planner.core.shown_figures import NO_FIGURE, chance, hours, percent
from planner.core.uncertainty import goal_odds
from planner.interfaces import odds_charts
from planner.interfaces.optimizer_score import score_text
from planner.scenarios.input_changes import input_changes
from planner.scenarios.labels import DELETED_SINCE, saved_scenario_label
from planner.scenarios.metrics import result_metrics
from planner.scenarios.plan_change import PlanChange, another_quarter, plan_change
from planner.scenarios.storage import ScenarioNotFoundError, StorageError

_BASIS = "plan_basis"
_HISTORY = "plan_history"
#: Session key: (fingerprint, id) of the saved scenario the current inputs are.
SAVED_AS = "scenario_saved_as"
#: Session key: the saved scenario the current inputs came from: a save records it as the
#: parent. It follows the basis (:func:`set_basis`).
PARENT = "scenario_parent"
#: Session key: the basis, a saved scenario deleted since (:func:`_saved_basis_now`).
_BASIS_GONE = "plan_basis_deleted"
#: Session key: when the saved scenario the basis names was last looked up.
_BASIS_SEEN_AT = "plan_basis_seen_at"
#: Looked up at most this often: a slider dragged on reruns the page many times a second.
_BASIS_EVERY_S = 2.0


def set_basis(problem: Problem, label: str, parent: int | None = None) -> None:
    """Record what the plan is built on (bundled data, an upload, a saved scenario).

    Changes made after this are "unsaved changes" until the next save or load. A basis
    deleted since is no longer it: the same inputs saved again after their scenario was
    deleted in another tab read "unsaved" beside "Saved scenario #2".

    ``parent``: the saved scenario it is (the next save is built on it), else None. Kept
    apart, it outlived the scenario: started again from the sample after a save, the page
    read "Built on the bundled sample quarter" above a save form that read "Built on the
    saved scenario #1", and the next save was listed as built on #1.
    """
    st.session_state[_BASIS] = (problem, label)
    st.session_state.pop(_BASIS_GONE, None)
    st.session_state[PARENT] = parent


def saved_label(scenario_id: int, name: str) -> str:
    """A saved scenario as the basis line and the sidebar name it, in the same words: the
    sidebar read "Files loaded from scenario #1 Q3" under "Built on the saved scenario #1 Q3".
    Its export's plan.xlsx says it so too."""
    return saved_scenario_label(scenario_id, name)


def mark_saved(problem: Problem, scenario_id: int, name: str) -> None:
    """The current inputs are now saved as ``scenario_id``: the basis line and Compare say so."""
    st.session_state[SAVED_AS] = (fingerprint(problem), scenario_id)
    set_basis(problem, saved_label(scenario_id, name), parent=scenario_id)


def basis() -> tuple[Problem, str]:
    """The inputs the session started from, or last loaded or saved, and what they are."""
    problem = current_problem()
    if _BASIS not in st.session_state:
        set_basis(problem, start_label())
    found: tuple[Problem, str] = st.session_state[_BASIS]
    return found


def _saved_basis_now() -> None:
    """The saved scenario the basis names, as the database has it now.

    Tab A loaded #1, tab B deleted it: every page of A read "Built on the saved scenario
    #1 Q3 90 · no unsaved changes" and A kept nothing for a reload (its inputs were saved,
    it thought), so a reload lost them without a word. Deleted, the basis says so and the
    inputs are kept as unsaved work; renamed, it names the scenario as it is now.
    """
    saved = st.session_state.get(SAVED_AS)
    if saved is None or _BASIS not in st.session_state:
        return
    base, label = st.session_state[_BASIS]
    scenario_id = saved[1]
    if not label.startswith(saved_label(scenario_id, "")):
        return  # built on something else since (an upload): the scenario is not named
    now = time.monotonic()
    if now - st.session_state.get(_BASIS_SEEN_AT, -_BASIS_EVERY_S) < _BASIS_EVERY_S:
        return
    st.session_state[_BASIS_SEEN_AT] = now
    if (store := quiet_store()) is None:
        return
    try:
        name = store.summary(scenario_id).name
    except ScenarioNotFoundError:
        del st.session_state[SAVED_AS]
        gone = f"{label}{DELETED_SINCE}"
        st.session_state[_BASIS] = (base, gone)
        st.session_state[_BASIS_GONE] = base
        keep_again()
        return
    except StorageError:
        return  # said where scenarios are used
    if label != saved_label(scenario_id, name):
        st.session_state[_BASIS] = (base, saved_label(scenario_id, name))


def _record(problem: Problem, result: Result) -> tuple[Problem, Result] | None:
    """Remember this plan; the plan shown before it, if the inputs changed since."""
    key = fingerprint(problem)
    history: list[tuple[str, Problem, Result]] = st.session_state.setdefault(_HISTORY, [])
    if not history or history[-1][0] != key:
        history.append((key, problem, result))
        del history[:-2]
    if len(history) < 2:
        return None
    _, before_problem, before_result = history[-2]
    return before_problem, before_result


def basis_line(problem: Problem, before: Problem | None = None) -> str:
    """What the plan is built on and its unsaved changes, in one line of plain text.

    ``before``: the inputs of the previous plan, whose change the page lists under "Since
    the previous plan": with no unsaved changes, the line says that change is in what the
    plan is built on (saved with it, or loaded), not left out of it.
    """
    base, label = basis()
    changes = input_changes(base, problem) if base is not problem else ()
    # A session lives in its browser tab: a reload opened the data again and the what-if
    # was gone without a word. It is kept for a reload to offer back (pages.kept); said
    # where the change is made, with where to keep it by name.
    gone = st.session_state.get(_BASIS_GONE) is base
    if gone and not changes:
        saved = f"unsaved: save it on the Scenarios page to keep it by name ({kept_words()})"
    elif not changes:
        saved = "no unsaved changes"
    else:
        saved = (
            f"unsaved changes: {'; '.join(changes)} ({kept_words()}; save them on the "
            "Scenarios page to keep them by name)"
        )
    # Another quarter imported over this one is no change of it (Since the previous plan
    # says nothing either): its teams and goals of the same ids are not "edited".
    since: tuple[str, ...] = ()
    if before is not None and not changes and not another_quarter(before, problem):
        since = input_changes(before, problem)
    since = () if gone else since
    if since:
        change, verb = ("change", "is") if len(since) == 1 else ("changes", "are")
        saved += f" (the {change} since the previous plan, {'; '.join(since)}, {verb} in it)"
    return f"Built on {label} · {saved}"


def built_on(problem: Problem) -> str:
    """What the plan is built on with its changes not saved, for a file that leaves the app:
    "the saved scenario #1 Q3 base with Marketing capacity 100 % → 90 %"."""
    base, label = basis()
    changes = input_changes(base, problem) if base is not problem else ()
    return f"{label} with {'; '.join(changes)}" if changes else label


def show_basis(problem: Problem, result: Result | None = None, shown: Result | None = None) -> None:
    """What the plan is built on, its unsaved changes, and what changed since the last plan.

    ``shown``: the plan of a page that says what changed in its own words (the Constraints
    page's summary of a what-if), kept as the previous plan when no page has shown one yet:
    a session opened on the Constraints page, a cut made there, and the Plan page said
    nothing of what the cut did.
    """
    _saved_basis_now()
    if shown is not None and not st.session_state.get(_HISTORY):
        _record(problem, shown)
    before = None if result is None else _record(problem, result)
    st.caption(md(basis_line(problem, None if before is None else before[0])))
    if result is None or before is None:
        return
    change = plan_change(before[0], before[1].plan, problem, result.plan)
    if change.empty:
        same = _same_plan(before[0], problem, change)
        if same is not None and (moved := _odds_moved(before, problem, result)):
            same += f" The odds moved: {moved}."
        if same is not None:
            st.info(f"**Since the previous plan:** {md(same)}", icon=":material/difference:")
        return
    st.info(
        "**Since the previous plan:** " + md(" · ".join(change.lines())),
        icon=":material/difference:",
    )


def _same_plan(before: Problem, problem: Problem, change: PlanChange) -> str | None:
    """What changed in the inputs, said to leave the plan as it was; None when nothing did.

    A CMO gave Content a contractor for weeks 7-12 and every page read as before, nothing
    said: the extra hours bought no project, but the page did not say so, and the leader
    could not tell a change that bought nothing from one that was not applied.
    """
    if change.planned_after is None or change.planned_before is None:
        return None  # no plan on either side, or another quarter: not one plan unchanged
    changes = input_changes(before, problem)
    if not changes:
        return None
    after = (
        ""
        if change.attainment_after is None
        else f", goal attainment still {percent(change.attainment_after)}"
    )
    return (
        f"no change to the plan: the same {plural(change.planned_after, 'project')} with the "
        f"same teams{after}, after {'; '.join(changes)}."
    )


def _odds_moved(before: tuple[Problem, Result], problem: Problem, result: Result) -> str:
    """Each goal whose chance of reaching its target reads otherwise than in the plan
    ``before``: "'Marketing-qualified leads' 3 % → 25 % chance"; empty when none does.

    A range widened on the Data page leaves the plan as it was: "no change to the plan"
    alone read as if the edit did nothing, while the Overview's odds had moved.
    """
    if before[1].plan is None or result.plan is None:
        return ""
    was = remembered(goal_odds, before[0], before[1].plan)
    now = remembered(goal_odds, problem, result.plan)
    names = {g.goal_id: g.name for g in problem.goals}
    moved = [
        f"'{names[goal_id]}' {chance(was[goal_id].probability)} → {chance(odds.probability)}"
        for goal_id, odds in now.items()
        if goal_id in was and chance(was[goal_id].probability) != chance(odds.probability)
    ]
    return f"{'; '.join(moved)} chance" if moved else ""


def figures(problem: Problem, result: Result) -> PlanMetrics:
    """The plan's figures, as every page, the CLI and the exports show them."""
    return remembered(result_metrics, problem, result)


def show_headline(problem: Problem, result: Result, *, columns: int = 4) -> PlanMetrics:
    """Goal attainment first, then projects and each department's capacity in force."""
    m = figures(problem, result)
    row = st.columns(columns)
    cols = row if columns >= 4 else [*row, *st.columns(columns)]
    cols[0].metric(
        "Goal attainment",
        percent(m.attainment_pct),
        # A quarter without goals plans by value (when value weighs): said, not a bare dash.
        # No plan: no goal is at target and nothing is left out; the banner says why.
        delta="no plan"
        if not m.has_plan
        else f"{m.num_goals_met} of {plural(len(m.goals), 'goal')} at target"
        if m.goals
        else "no goals: planned by value"
        if problem.settings.weights.value > 0
        else "no goals, and value weighs 0",
        delta_color="off",
        delta_arrow="off",
        help="Each goal's planned contribution as a % of its target, capped at 100 %, "
        "averaged by how much each goal matters.",
        border=True,
    )
    cols[1].metric(
        "Projects in the plan",
        f"{m.num_planned:,}" if m.has_plan else NO_FIGURE,
        delta=f"of {m.num_projects:,} · "
        + (f"{m.num_left_out:,} left out" if m.has_plan else "no plan"),
        delta_color="off",
        delta_arrow="off",
        help=m.projects_text()
        + (
            f". All {m.num_mandatory:,} mandatory projects are in."
            if m.num_mandatory and m.has_plan
            else "."
        ),
        border=True,
    )
    calendar = {row.team_id for row in problem.calendar}
    for col, department in zip(cols[2:], ("marketing", "sales"), strict=True):
        d = m.department(department)
        util = d.utilisation_pct
        planned = hours(d.shown_planned_hours) if util is None else percent(util)
        # The base capacity goes in the help: a card's delta line is cut at its width.
        # Hours as shown: the sum of the team rows (Constraints, Plan, Export) as they read.
        base = (
            f" {TEAMS_OWN_HOURS.capitalize()} (the Data page's Teams table) are "
            f"{hours(d.shown_base_hours)}."
            if d.shown_base_hours != d.shown_in_force_hours
            else ""
        )
        col.metric(
            f"{md(department.capitalize())} capacity",
            hours(d.shown_in_force_hours),
            delta=f"{planned} planned" if m.has_plan else "no plan",
            delta_color="off",
            delta_arrow="off",
            # With a calendar the weeks' hours make the quarter (the sample's 4,391 h with
            # every capacity at 100 %): "after capacity what-ifs" alone left 9 h unexplained.
            help=(
                "Capacity: the team's hours"
                if d.num_teams == 1
                else f"Capacity: the {d.num_teams:,} teams' hours"
            )
            + (
                " in the quarter's weeks (the Calendar tab's hours where it has a row for the"
                " week),"
                if any(t.team_id in calendar for t in problem.teams if t.department == department)
                else ""
            )
            + f" after capacity what-ifs and {UP_TO_SHARE}; "
            f"{hours(d.shown_planned_hours)} of it is planned.{base} The Scenarios page's "
            f'"{BOTH_DEPARTMENTS_LABEL}" is both departments together.',
            border=True,
        )
    return m


def show_advanced(problem: Problem, result: Result, kept_close: float | None = None) -> None:
    """The planner's ranking score, out of the way, each term in the figures the pages show;
    ``kept_close``: a what-if's tolerance, said apart from the distance measured."""
    text = score_text(problem, result, figures(problem, result), kept_close)
    if text is None:
        return
    # Named as `planner solve` names it: "the optimizer's score" on the first screen at
    # 1024 x 768 was the machine's name for the planner's ranking score.
    with st.expander("Advanced: the plan's score"):
        st.markdown(text.headline)
        if text.terms:
            st.markdown("How the score adds up:\n" + "\n".join(f"- {t}" for t in text.terms))


def odds_table(problem: Problem, plan: Plan | None) -> pd.DataFrame:
    """Each goal's odds of reaching its target, one row per goal: the Overview's and the Plan
    page's figures, from one function (:func:`planner.core.uncertainty.goal_odds`)."""
    odds = remembered(goal_odds, problem, plan) if plan is not None else None
    return odds_charts.odds_frame(problem, plan, odds)


def odds_list(frame: pd.DataFrame) -> str:
    """The odds in words, one goal a line: "62 % chance to reach 2,600 MQLs; ..."."""
    return "\n".join(
        f"- **{md(str(row.goal))}**: {md(str(row.words))}" for row in frame.itertuples(index=False)
    )
