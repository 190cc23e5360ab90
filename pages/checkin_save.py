"""The Check-in page's save: the check-in and its re-plan as a scenario built on the
baseline (this session's plan saved first, when it is the baseline).

Not a page: :mod:`pages.checkin` draws it under the re-plan.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import streamlit as st

from pages.checkin_baseline import BaselineChoice
from pages.checkin_editors import drop_saved_draft, saved_draft_key
from pages.headline import mark_saved
from pages.solving import current_result, kept_close
from pages.ui import md, stop_page
from planner.interfaces.replan_exports import rest_of_quarter_rows
from planner.scenarios.checkin import CheckIn
from planner.scenarios.checkin_note import describe_checkin
from planner.scenarios.copies import saved_copy
from planner.scenarios.out_of_plan import out_of_plan
from planner.scenarios.scenario import MAX_NOTE_LENGTH, Scenario, derived_name, new_scenario
from planner.scenarios.storage import ScenarioStore, StorageError

#: The scenario name last offered: the box still holding it was not typed in.
_NAME_OFFERED = "checkin-save-name-offered"


def save_checkin(
    baseline: BaselineChoice,
    scenarios: ScenarioStore | None,
    checkin: CheckIn,
    current_replan: dict[str, Any],
    by_now: dict[str, Fraction],
) -> None:
    """The save's form: a name offered (one typed stays), a note, and the save of the
    check-in with its re-plan as a child of the baseline (both, or neither)."""
    problem = baseline.problem
    rp, result = current_replan["problem"], current_replan["result"]
    st.subheader(
        "Save how the quarter ended"
        if checkin.elapsed_share >= 1
        else "Save the check-in and its re-plan"
    )
    if scenarios is None:
        stop_page()
    # Every baseline project the re-plan no longer plans, counted as the page counts them.
    out = out_of_plan(baseline.plan, result.plan, current_replan["checkin"])
    summary = describe_checkin(problem, current_replan["checkin"], by_now, out=out)
    name_key = _name_key(baseline, checkin)
    with st.form("checkin-save"):
        name = st.text_input("Scenario name", max_chars=200, key=name_key)
        note = st.text_area("Note", placeholder="What happened, what we decided", max_chars=4000)
        st.caption(md(summary))
        # A placeholder: once the save below has saved this session's plan, it no longer says
        # "it is saved first" under the notice that it was.
        saved_first = st.empty()
        if baseline.scenario_id is None:
            saved_first.caption(
                "The plan you checked in on is the current plan: it is saved first, and the "
                "check-in is built on it."
            )
        submitted = st.form_submit_button("Save, built on the plan you checked in on")
    if submitted:
        try:
            parent = None
            parent_id = baseline.scenario_id
            if parent_id is None:
                # Saved as the Scenarios page saves it: a plan kept close to the one before
                # it read "The best plan found" in the list beside Compare's "Kept close".
                parent = new_scenario(
                    problem,
                    current_result(),
                    derived_name("Plan before ", name),
                    "The plan a check-in was made on.",
                    kept_close=kept_close(problem),
                )
            child = _checkin_scenario(baseline, current_replan, name, note, summary)
            # Saved already (a second click, or the same re-plan under the name it offers now).
            same = parent is None and saved_copy(
                scenarios, rp, result.plan, child.checkin, parent_id
            )
            # Both, or neither; the records kept for a reload dropped with them.
            saved_row = same or scenarios.save(
                child, new_parent=parent, drop_draft=saved_draft_key()
            )
        except (ValueError, StorageError) as exc:
            st.error(f"Not saved: {md(str(exc))}", icon=":material/error:")
        else:
            if same:
                drop_saved_draft()  # a reload opens on the plan, not on records saved already
            if parent is not None and saved_row.parent_id is not None:
                # This session's plan is now saved: Compare says so and sets it before its child.
                mark_saved(problem, saved_row.parent_id, parent.name)
                saved_first.caption(
                    "The plan you checked in on, the current plan, is saved as "
                    f"#{saved_row.parent_id:d} {md(parent.name)}: the check-in is built on it."
                )
            st.success(
                ("Already saved" if same else "Saved") + f" **{md(saved_row.name)}**, built on "
                f"**{md(saved_row.parent_name or baseline.name)}**.",
                icon=":material/check_circle:",
            )


def _name_key(baseline: BaselineChoice, checkin: CheckIn) -> str:
    """The key of the save's name box, its name offered set unless the leader typed one."""
    # The name offered follows the baseline; a name typed stays. Without a key, the box was a
    # new one once the name offered changed: the baseline deleted on another server while the
    # leader typed saved the check-in under the name offered, the one typed lost.
    offered = f"Check-in week {float(checkin.weeks_elapsed):g}" + (
        "" if baseline.scenario_id is None else f" · {baseline.name}"
    )
    name_key = f"checkin-save-name-{baseline.key}"
    if st.session_state.get(name_key) in (None, st.session_state.get(_NAME_OFFERED)):
        st.session_state[name_key] = offered
    st.session_state[_NAME_OFFERED] = offered
    return name_key


def _checkin_scenario(
    baseline: BaselineChoice, current_replan: dict[str, Any], name: str, note: str, summary: str
) -> Scenario:
    """The check-in and its re-plan as a scenario built on the baseline, to save."""
    problem = baseline.problem
    rp, result = current_replan["problem"], current_replan["result"]
    # The check-in goes in its own table; the note keeps the leader's words and the
    # check-in in one sentence, within a note's length.
    words = "\n\n".join(part for part in (note.strip(), summary) if part)
    return new_scenario(
        rp,
        result,
        name,
        words[:MAX_NOTE_LENGTH],
        parent_id=baseline.scenario_id,
        checkin=current_replan["checkin"],
        quarter=problem,
        # Its plan as this page's downloads have it, for the scenario's own files.
        checkin_plan=rest_of_quarter_rows(
            *(problem, rp, result.plan, baseline.plan, current_replan["checkin"]),
            current_replan["replan"].diff,
        ),
    )
