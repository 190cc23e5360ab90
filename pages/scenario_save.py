"""The Scenarios page's save form: the current inputs and plan saved once, under the name typed.

Not a page: app.py routes only the pages in ``pages.common.PAGES``. A save goes through
:meth:`planner.scenarios.storage.ScenarioStore.save`; this handles what a browser sends a
form: a double-click's two submissions, and a plan saved already under another name.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import streamlit as st

from pages.common import fingerprint
from pages.headline import PARENT, SAVED_AS, saved_label, set_basis
from pages.solving import kept_close
from pages.store import storage_unavailable
from pages.ui import md
from planner import Problem, Result
from planner.scenarios.copies import saved_copy
from planner.scenarios.scenario import new_scenario
from planner.scenarios.storage import (
    NameTakenError,
    ScenarioStore,
    ScenarioSummary,
    StorageError,
)

#: A message from the action before the last rerun (st.rerun clears the page).
NOTICE = "scenario_notice"
#: The saved scenario picked under the list (its note, export, load and delete).
CHOSEN = "scenario-chosen"
#: The save form's name and note, and what a save was submitted with (see _keep_submitted).
_NAME, _NOTE, _SUBMITTED = "save-scenario-name", "save-scenario-note", "save-scenario-submitted"
#: ((name, note, fingerprint of the inputs), scenario id, its name as saved) of the
#: session's last save.
_JUST_SAVED = "scenario-just-saved"
#: Set by a save: the next run empties the save form (see show_save_form).
_CLEAR_FORM = "scenario-clear-form"


@dataclass(frozen=True)
class _Saving:
    """What a save saves, and the saved scenarios the page listed before it."""

    store: ScenarioStore
    problem: Problem
    result: Result
    summaries: Sequence[ScenarioSummary]

    def _saved_it(self, scenario_id: int, name: str) -> None:
        """Say the scenario was saved, on the page drawn next (st.rerun clears this one)."""
        st.session_state.pop(_SUBMITTED, None)
        st.session_state[SAVED_AS] = (fingerprint(self.problem), scenario_id)
        # The list's picker shows what was just saved (it kept the one picked before).
        st.session_state[CHOSEN] = scenario_id
        set_basis(self.problem, saved_label(scenario_id, name), parent=scenario_id)
        st.session_state[NOTICE] = f"Saved scenario #{scenario_id:d}: {md(name)}."
        st.session_state[_CLEAR_FORM] = True
        st.rerun()

    def _double_click(self, name: str, note: str, holder: int | None) -> bool:
        """Whether this save is a second click's, of what the first click saved: it says so.

        A double-click on Save scenario sends the name twice: the second run found "Q3 base"
        saved by the first and read "Saved scenario #1 ('Q3 base') already has this name"
        (or "Already saved as #1"), where the leader had asked for one save and got it.
        ``holder``: the scenario the store found under the name, when it refused it.
        """
        just = st.session_state.get(_JUST_SAVED)
        if just is not None and just[0] == (name, note, fingerprint(self.problem)):
            _, scenario_id, saved_name = just
            # Still under the name it was saved as: renamed since (another tab), it is a twin.
            listed = ((s.scenario_id, s.name) for s in self.summaries)
            if holder == scenario_id or (scenario_id, saved_name) in listed:
                self._saved_it(scenario_id, saved_name)
                return True
        if holder is None or self.result.plan is None:
            return False
        # Saved by a run that has not recorded it yet: the name holds these inputs and plan.
        same = saved_copy(self.store, self.problem, self.result.plan)
        if same is None or same.scenario_id != holder:
            return False
        self._saved_it(same.scenario_id, same.name)
        return True

    def save(self, name: str, note: str) -> None:
        problem, result = self.problem, self.result
        parent = st.session_state.get(PARENT)
        if parent is not None and parent not in {s.scenario_id for s in self.summaries}:
            parent = None
        try:
            if self._double_click(name, note, None):
                return
            # The same inputs and plan saved already, under another name: a second copy only
            # set the plan against its own twin in the list and in Compare (Check-in says so).
            plan = result.plan
            same = (
                None
                if plan is None
                else saved_copy(self.store, problem, plan, among=self.summaries)
            )
            if same is not None:
                st.session_state.pop(_SUBMITTED, None)
                st.session_state[CHOSEN] = same.scenario_id
                st.session_state[SAVED_AS] = (fingerprint(problem), same.scenario_id)
                st.warning(
                    f"Already saved as #{same.scenario_id:d} · {md(same.name)}: the same inputs "
                    "and plan. Nothing new was saved; to give it another name, rename it below.",
                    icon=":material/info:",
                )
                return
            saved = self.store.save(
                new_scenario(problem, result, name, note, parent, kept_close=kept_close(problem))
            )
            submission = (name, note, fingerprint(problem))
            st.session_state[_JUST_SAVED] = (submission, saved.scenario_id, saved.name)
        except NameTakenError as exc:
            if self._double_click(name, note, exc.holder[0] if exc.holder else None):
                return
            st.session_state.pop(_SUBMITTED, None)
            st.error(md(str(exc)), icon=":material/error:")
            return
        except ValueError as exc:
            st.session_state.pop(_SUBMITTED, None)
            st.error(md(str(exc)), icon=":material/error:")
            return
        except StorageError as exc:
            st.session_state.pop(_SUBMITTED, None)
            storage_unavailable(exc)
            return
        # Done with what was submitted only now: a run stopped before the save (a second
        # click) leaves it for the next run, which saves it.
        self._saved_it(saved.scenario_id, saved.name)


def _keep_submitted() -> None:
    """Keep the name and note a save was submitted with, for the run that saves them.

    A double-click on Save scenario saved nothing and read "A scenario needs a name": the
    second click stopped the first click's run before it saved, and the box, cleared on
    submit, sent a blank name. A blank submission never replaces a name still to be saved.
    """
    typed = (st.session_state.get(_NAME, ""), st.session_state.get(_NOTE, ""))
    if typed[0].strip() or _SUBMITTED not in st.session_state:
        st.session_state[_SUBMITTED] = typed


def show_save_form(
    store: ScenarioStore | None,
    problem: Problem,
    result: Result,
    summaries: Sequence[ScenarioSummary],
) -> None:
    """The form that saves the current inputs and plan (disabled without a database)."""
    # Emptied once saved, so that the saved name does not linger to be saved a second time;
    # not on submit (clear_on_submit): the browser then empties the box at once, and a
    # double-click's two submissions, merged by a busy server, sent a blank name.
    if st.session_state.pop(_CLEAR_FORM, False):
        st.session_state[_NAME] = st.session_state[_NOTE] = ""
    with st.form("save-scenario", border=True):
        st.markdown("**Save the current inputs and plan**")
        # "Built on" only when the current inputs come from a saved scenario.
        parent_id = st.session_state.get(PARENT)
        parent = next((s for s in summaries if s.scenario_id == parent_id), None)
        if parent is not None:
            st.caption(f"Built on {md(saved_label(parent.scenario_id, parent.name))}")
        name = st.text_input(
            "Name", max_chars=200, placeholder="e.g. Q3 base, Marketing -20 %", key=_NAME
        )
        note = st.text_area("Note", placeholder="What is different, and why", height=80, key=_NOTE)
        submitted = st.form_submit_button(
            "Save scenario",
            type="primary",
            disabled=store is None,
            icon=":material/save:",
            on_click=_keep_submitted,
        )
    if submitted and store is not None:
        # Seconds at 150 teams x 1,500 projects on a busy machine: said while it writes.
        with st.spinner("Saving the current inputs and plan…", show_time=True):
            _Saving(store, problem, result, summaries).save(
                *st.session_state.get(_SUBMITTED, (name, note))
            )
