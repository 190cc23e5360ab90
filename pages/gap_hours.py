"""The Overview's "What would N more hours of a team buy?" in each goal's "What would close
the gap": a button per team the box names, re-planned on demand, and the answer saved as a
scenario if the leader wants it.

Not a page: app.py routes only the pages in ``pages.common.PAGES``. The answer is
:func:`planner.interfaces.goal_hours.hours_answer`'s, as ``planner explain --goal
--extra-hours`` prints it.
"""

from __future__ import annotations

import time

import streamlit as st

from pages.common import fingerprint
from pages.store import scenario_store
from pages.ui import md
from planner import Problem, Result
from planner.interfaces.goal_gaps import GoalGap
from planner.interfaces.goal_hours import (
    MOST_HOURS,
    HoursAnswer,
    HoursOffer,
    hours_answer,
    hours_offers,
    typed_hours,
)
from planner.scenarios.scenario import new_scenario
from planner.scenarios.storage import StorageError
from planner.solving.service import plan_fingerprint

#: Session key: the answers asked for, by (inputs, plan, goal, team, hours).
_ANSWERS = "gap-hours-answers"


def show_hours_offers(problem: Problem, result: Result, gap: GoalGap) -> None:
    """Under a goal's gap, for each team its words name: the hours (proposed from the first
    project it could run, editable) and the button that re-plans with them."""
    if result.plan is None:
        return
    offers = hours_offers(problem, gap)
    if not offers:
        return
    st.markdown("**What would more hours buy?** Re-plan with one team's hours raised:")
    asked_for = (fingerprint(problem), plan_fingerprint(result.plan), gap.goal_id)
    for offer in offers:
        key = f"gap-hours-{gap.goal_id}-{offer.team_id}"
        left, right = st.columns([1, 3], vertical_alignment="bottom")
        typed = left.number_input(
            f"Hours for {md(offer.team)}",
            min_value=1.0,
            max_value=float(MOST_HOURS),
            value=float(offer.hours),
            step=10.0,
            format="%g",
            key=f"{key}-hours",
            help=md(_weeks_help(offer)),
        )
        chosen = offer.with_hours(typed_hours(typed))
        answers: dict[tuple[object, ...], HoursAnswer] = st.session_state.setdefault(_ANSWERS, {})
        request = (*asked_for, offer.team_id, chosen.hours)
        if right.button(md(chosen.question), key=f"{key}-ask"):
            answers[request] = _replanned(problem, result, gap.goal_id, chosen)
        if (answer := answers.get(request)) is not None:
            _show_answer(answer, key)


def _weeks_help(offer: HoursOffer) -> str:
    if offer.weeks is None:
        return "Spread over the team's quarter, as its weeks are."
    first, last = offer.weeks
    weeks = f"week {first}" if first == last else f"weeks {first}-{last}"
    return f"Spread evenly over {weeks}, the first weeks the project it is for could run in."


def _replanned(problem: Problem, result: Result, goal_id: str, offer: HoursOffer) -> HoursAnswer:
    """Re-plan with ``offer``'s hours, its progress in a status box."""
    team = md(offer.team)
    started = time.perf_counter()
    with st.status(f"Re-planning with {md(offer.more)} …", expanded=False) as box:
        st.caption(
            f"The current settings, {team}'s hours raised, kept as close to the current plan "
            f"as the best use of them allows (up to {problem.settings.solve.time_limit_s:g} s)."
        )
        answer = hours_answer(problem, result, goal_id, offer)
        seconds = time.perf_counter() - started
        stopped = " (stopped by the time limit)" if answer.extra.stopped else ""
        box.update(label=f"Re-planned in {seconds:.1f} s{stopped}", state="complete")
    return answer


def _show_answer(answer: HoursAnswer, key: str) -> None:
    """The answer, a line each, then the offer to save it as a scenario."""
    st.markdown("\n".join(f"- {md(line)}" for line in answer.lines()))
    name = answer.offer.scenario_name
    with st.form(f"{key}-save", border=False):
        left, right = st.columns([3, 1], vertical_alignment="bottom")
        typed = left.text_input("Scenario name", value=name, max_chars=200, key=f"{key}-name")
        saved = right.form_submit_button("Save as a scenario", icon=":material/save:")
    if saved:
        _save(answer, typed)


def _save(answer: HoursAnswer, name: str) -> None:
    """Save the re-plan's inputs and plan as a scenario the Scenarios page lists and compares."""
    store = scenario_store()
    if store is None:
        return
    e = answer.extra
    note = f"What {answer.offer.more} would buy for {answer.goal_after.name}."
    try:
        # Kept as close to the current plan as no loss allows: tolerance 0.
        scenario = store.save(new_scenario(e.problem, e.result, name, note, kept_close=0.0))
    except (ValueError, StorageError) as exc:
        st.error(md(str(exc)), icon=":material/error:")
        return
    st.success(
        f"Saved as scenario #{scenario.scenario_id:d}: {md(scenario.name)}. The Scenarios page "
        "compares it with the others.",
        icon=":material/save:",
    )
