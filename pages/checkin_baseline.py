"""The Check-in page's baseline: the plan the check-in is recorded against, picked from
this session's plan and the saved ones; and what the page says when the saved plan picked
is no longer saved (deleted in another tab).

Not a page: app.py routes only the pages in ``pages.common.PAGES``.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from pages.common import current_problem, fingerprint, remembered
from pages.headline import SAVED_AS, built_on, saved_label
from pages.solving import current_result
from pages.store import scenario_store, storage_unavailable
from pages.ui import md, show_next, show_status, stop_page
from planner import Plan, Problem
from planner.scenarios.checkin import CheckIn
from planner.scenarios.checkin_replan import ReplanWith, replan_with
from planner.scenarios.copies import saved_copy
from planner.scenarios.database import ScenarioNotFoundError
from planner.scenarios.quarter import quarter_basis
from planner.scenarios.storage import ScenarioStore, StorageError

SESSION, BASELINE, WEEKS = "session", "checkin-baseline-kept", "checkin-weeks-kept"
#: Session keys: the name of the saved baseline picked, and of one picked then deleted.
_NAMED, _GONE = "checkin-baseline-name", "checkin-baseline-gone"


@dataclass(frozen=True)
class BaselineChoice:
    """The plan the check-in is recorded against."""

    key: str
    name: str
    problem: Problem
    plan: Plan
    scenario_id: int | None
    #: When the baseline is the re-plan of an earlier check-in: that check-in.
    since: CheckIn | None = None
    #: And the projects in progress its re-plan let move ("May move"), ticked again.
    unlocked: frozenset[str] = frozenset()
    #: What a saved check-in's re-plan was made with (its limit on changes and how strongly
    #: it kept the plan), shown again in the re-plan's boxes; ``None`` for any other plan.
    replan: ReplanWith | None = None

    def built_on(self) -> str:
        """What the baseline is built on, for the re-plan's plan.xlsx "Built on" row, as the
        Export page's and ``planner checkin --out``'s: the saved scenario, or the session's
        inputs with their unsaved changes."""
        if self.scenario_id is not None:
            return saved_label(self.scenario_id, self.name)
        return built_on(self.problem)


def _forget_gone() -> None:
    """Another baseline picked: the word on the one deleted has been read."""
    st.session_state.pop(_GONE, None)


def _say_gone() -> None:
    """The saved plan picked as the baseline was deleted (in another tab, or by a colleague
    on the same database): the picker fell back to this session's plan without a word, and
    the tables to its pre-fill. Say so, and what to do next."""
    if (gone := st.session_state.get(_GONE)) is None:
        return
    st.warning(
        f"The saved plan **{md(gone)}** you picked to check in on is no longer saved (it "
        "was deleted, perhaps in another tab): the check-in now starts from the current "
        "plan, and the tables from its pre-fill. Pick another saved plan above, or save the "
        "plan the teams work to on the Scenarios page and pick it here.",
        icon=":material/warning:",
    )
    st.page_link("pages/scenarios.py", label="Open the Scenarios page", icon=":material/save:")


def _load(
    key: str, scenarios: ScenarioStore | None, names: dict[int, str]
) -> BaselineChoice | None:
    """The baseline ``key`` names (``None``: this session's plan, and it has none)."""
    if key == SESSION:
        result = current_result()
        if result.plan is None:
            return None
        # Saved (or loaded) and unchanged since: that scenario is the parent, not a copy.
        saved_as: tuple[str, int] = st.session_state.get(SAVED_AS) or ("", -1)
        if saved_as[1] in names and saved_as[0] == fingerprint(current_problem()):
            return BaselineChoice(
                SESSION, names[saved_as[1]], current_problem(), result.plan, saved_as[1]
            )
        # Saved in another session (the same inputs and plan): that one, not a copy of it.
        same = scenarios and remembered(saved_copy, scenarios, current_problem(), result.plan)
        if same and same.scenario_id in names:
            return BaselineChoice(
                SESSION, same.name, current_problem(), result.plan, same.scenario_id
            )
        return BaselineChoice(SESSION, "the current plan", current_problem(), result.plan, None)
    assert scenarios is not None
    scenario = scenarios.load(int(key))
    if scenario.plan is None:
        return None
    # A saved re-plan: check in against the quarter's own inputs, so capacity is cut once.
    basis = quarter_basis(scenario, scenarios.load)
    let_move = scenario.problem.baseline.unlocked if scenario.problem.baseline else frozenset()
    is_checkin = scenario.checkin is not None
    return BaselineChoice(
        str(key),
        scenario.name,
        basis.problem,
        basis.plan,
        scenario.scenario_id,
        basis.since,
        let_move if is_checkin else frozenset(),
        replan_with(scenario.problem) if is_checkin else None,
    )


def choose_baseline() -> tuple[BaselineChoice, ScenarioStore | None]:
    """The baseline picker and the plan picked, with the saved scenarios (``None``: none to
    be had); the page stops, saying why, without a plan."""
    scenarios = scenario_store()
    try:
        saved = [s for s in scenarios.list() if s.metrics.status.has_plan] if scenarios else []
    except StorageError as exc:  # damaged or locked since it was opened: check in without it
        storage_unavailable(exc)
        scenarios, saved = None, []
    names = {s.scenario_id: s.name for s in saved}
    kept = st.session_state.get(BASELINE)
    if kept not in (None, SESSION, *names) and scenarios is not None:
        # Picked, then deleted: the picker falls back to this session's plan; say so.
        st.session_state[_GONE] = st.session_state.get(_NAMED, f"#{kept}")
    choice = st.selectbox(
        # "Baseline plan" alone did not say what the picker does; "Baseline:" before it was
        # the planner's word, where a leader says the plan they are checking in on.
        "The plan you are checking in on",
        choices := [SESSION, *names],
        index=choices.index(kept) if kept in choices else 0,
        format_func=lambda k: "The current plan" if k == SESSION else f"Saved: {names[k]}",
        help="The plan the teams have been working to: the page records the check-in "
        "against it and re-plans from it. Save plans on the Scenarios page.",
        key="checkin-baseline",
        on_change=_forget_gone,
    )
    st.session_state[BASELINE] = choice  # the baseline and weeks as last set, for a later visit
    st.session_state[_NAMED] = names.get(choice, "") if isinstance(choice, int) else ""
    try:
        baseline = _load(str(choice), scenarios, names)
    except ScenarioNotFoundError:
        # Deleted between the list and the load: the next run says so, as above.
        st.rerun()
    except StorageError as exc:
        st.error(md(str(exc)), icon=":material/error:")
        stop_page()
    if baseline is None:
        # Only this session's plan can have none (saved ones without a plan are not offered),
        # and it was solved: "solve it first" sent a leader to solve it again. Why, and where
        # to go.
        show_status(current_result(), weights=current_problem().settings.weights)
        # What stands in the way may be a setting (a what-if) or the data (a mandatory
        # project).
        st.info(
            "There is no plan to check in against: change what stands in the way (the status "
            "above says what) on the Constraints page, or in the data on the Data page"
            + (", or pick a saved plan to check in on above." if names else ".")
        )
        show_next("constraints", labels={"constraints": "Change what stands in the way"})
        st.page_link("pages/data.py", label="Edit the data", icon=":material/table:")
        stop_page()
    if choice == SESSION:
        _say_gone()
    return baseline, scenarios
