"""The Scenarios page's Saved scenarios tab: the save form, the list, and what can be done
with the one picked: export it, load it or build a what-if on it, rename or delete it
(pages/scenarios.py).

A button acts on the scenario it was clicked for: deleted meanwhile in another tab, the
click does nothing and says so, rather than act on the scenario the picker fell back to.
"""

from __future__ import annotations

from contextlib import suppress
from functools import partial

import streamlit as st

from pages.common import fingerprint, set_problem
from pages.headline import PARENT, SAVED_AS, saved_label, set_basis
from pages.scenario_capacity import target_label
from pages.scenario_save import CHOSEN, NOTICE, show_save_form
from pages.solving import keep_as_plan_in_force, kept_close, solved
from pages.store import read_listed, storage_unavailable
from pages.ui import follow_default, md, md_lines
from planner import Problem, Result
from planner.core.domain import DEPARTMENTS
from planner.core.shared_words import BOTH_DEPARTMENTS_LABEL
from planner.core.shown_figures import NO_FIGURE
from planner.core.shown_figures import percent as percent_text
from planner.core.status_words import status_label
from planner.interfaces import scenario_charts as charts
from planner.interfaces.optimizer_score import score_words
from planner.interfaces.scenario_exports import not_exported_zip, scenario_zip
from planner.scenarios.labels import department_label
from planner.scenarios.met_goals import unkept_words
from planner.scenarios.quarter import checkins_lost_words, checkins_on
from planner.scenarios.scenario import (
    OWN_WEIGHTS,
    Scenario,
    ScenarioSummary,
    check_name,
    new_scenario,
    weighed_apart,
    weighed_apart_words,
)
from planner.scenarios.storage import (
    NameTakenError,
    ScenarioNotFoundError,
    ScenarioStore,
    StorageError,
)
from planner.scenarios.whatif import capacity_targets, with_capacity

_CONFIRM_DELETE = "scenario_confirm_delete"
#: (button key, scenario id, name) a button on the chosen scenario was clicked for.
_ASKED_FOR = "scenario-asked-for"


def listed_label(scenario_id: int, names: dict[int, str]) -> str:
    """A saved scenario as the pickers name it (``#3 · More marketing``)."""
    return f"#{scenario_id} · {names[scenario_id]}"


def loaded(
    store: ScenarioStore, scenario_id: int, summaries: list[ScenarioSummary]
) -> Scenario | None:
    """The saved scenario ``scenario_id``, or ``None`` with a word why (deleted meanwhile,
    the database unusable)."""
    try:
        return read_listed(store, scenario_id, summaries)
    except ScenarioNotFoundError:
        st.error("That scenario was deleted meanwhile.", icon=":material/error:")
    except StorageError as exc:
        storage_unavailable(exc)
    return None


def _ask(key: str, scenario_id: int, name: str) -> None:
    """The scenario a button was clicked for, as the page showed it (see _still_there)."""
    st.session_state[_ASKED_FOR] = (key, scenario_id, name)


def _still_there(key: str, chosen: int, done: str, names: dict[int, str]) -> bool:
    """Whether the scenario the button ``key`` was clicked for is still the one picked.

    Deleted in another tab since this one was shown, the picker fell back to the first
    scenario and the click went to it: Load in a second tab loaded #1 ("Loaded #1 ...")
    where the leader had #3 in front of them, and Delete... asked to delete #1.
    """
    asked = st.session_state.pop(_ASKED_FOR, None)
    if asked is None or asked[0] != key or asked[1] == chosen or asked[1] in names:
        return True
    st.error(
        f"#{asked[1]:d} · {md(asked[2])} was deleted meanwhile (in another tab, or by another "
        f"leader), so nothing was {done}. The list shows the scenarios saved now.",
        icon=":material/error:",
    )
    return False


def _name_free(store: ScenarioStore, name: str) -> bool:
    """Whether a what-if may be saved as ``name``, said in words if not, before its plan is
    made: a name taken, blank or too long was refused only once the what-if was planned (10 s
    and more on a large quarter), its plan thrown away."""
    try:
        store.refuse_taken_name(check_name(name))
    except (ValueError, NameTakenError) as exc:
        st.error(md(str(exc)), icon=":material/error:")
        return False
    except StorageError as exc:
        storage_unavailable(exc)
        return False
    return True


def show_saved(
    store: ScenarioStore | None,
    problem: Problem,
    result: Result,
    summaries: list[ScenarioSummary],
    names: dict[int, str],
) -> None:
    """The Saved scenarios tab: the save form, the list, and the scenario picked."""
    show_save_form(store, problem, result, summaries)
    if result.plan is None:
        st.caption("The current inputs have no plan; saving keeps them and the reasons.")

    if store is not None and not summaries:
        st.info("No scenario is saved yet: name the current plan above and save it.")
    if summaries:
        _show_list(summaries)
        st.caption("Pick a scenario to read its whole note.")
        chosen = st.selectbox(
            "Scenario",
            list(names),
            format_func=lambda i: listed_label(i, names),
            key=CHOSEN,
        )
        if store is not None and chosen is not None:
            _show_chosen(store, problem, summaries, names, chosen)


def _show_list(summaries: list[ScenarioSummary]) -> None:
    """The saved scenarios, newest first, what a leader compares first on the left."""
    listed = charts.scenario_list_frame(summaries)
    apart = weighed_apart(summaries)
    marked = {a.scenario_id for a in apart}
    listed["attainment_pct"] = [
        percent_text(s.metrics.attainment_pct)
        + (f" {OWN_WEIGHTS}" if s.scenario_id in marked else "")
        for s in summaries
    ]
    listed["utilisation_pct"] = [percent_text(s.metrics.utilisation_pct) for s in summaries]
    listed["status"] = [
        status_label(str(status), s.metrics.kept_close)
        for status, s in zip(listed["status"], summaries, strict=True)
    ]
    any_derived = any(s.parent_id is not None for s in summaries)
    # When it was saved and how it was solved, a switch away: with them the list ran
    # 347 px past its edge at 1440 x 900, Utilisation half cut and both out of sight.
    every = st.toggle(
        "Show every column", key="scenarios-every-column", help="Also Status and Created"
    )
    st.dataframe(
        listed,
        hide_index=True,
        # What a leader compares first, the note and where it came from before the
        # time it was saved and how it was solved: on a 1280 px laptop the columns
        # after "Left out" were out of sight, the parent and the note with them.
        column_order=[
            "id",
            "name",
            "attainment_pct",
            "unassigned",
            *(["derived_from"] if any_derived else []),
            "note",
            "utilisation_pct",
            *(["status", "created"] if every else []),
        ],
        column_config={
            # Narrow, so that at 1280 px with "Derived from" the last heading reads whole
            # ("Utilisation, b" before): the whole note is read under the list.
            "id": st.column_config.NumberColumn("#", format="%d", width=40),
            "name": st.column_config.TextColumn("Name", width="medium"),
            "created": "Created",
            "status": "Status",
            "attainment_pct": st.column_config.TextColumn(
                "Goal attainment", help="Weighted, each goal capped at 100 %"
            ),
            "utilisation_pct": st.column_config.TextColumn(
                BOTH_DEPARTMENTS_LABEL, help=charts.BOTH_DEPARTMENTS_HELP
            ),
            "unassigned": st.column_config.NumberColumn("Left out", format="%d"),
            # Only when some scenario was built on another.
            "derived_from": "Built on" if any_derived else None,
            "note": st.column_config.TextColumn("Note", width=120),
        },
        # A scenario saved without a plan has no count left out, and one built on none
        # no parent: "–", as its goal attainment reads, where a table writes "None".
        placeholder=NO_FIGURE,
    )
    if (words := weighed_apart_words(apart)) is not None:
        st.caption(md(words))


def _show_chosen(
    store: ScenarioStore,
    problem: Problem,
    summaries: list[ScenarioSummary],
    names: dict[int, str],
    chosen: int,
) -> None:
    """The scenario picked: its note, its export and score, and its Load, Rename and Delete."""
    picked = next(s for s in summaries if s.scenario_id == chosen)
    if picked.note:
        st.markdown(f"**Note:** {md_lines(picked.note)}")
    if picked.parent_id is not None:
        # In the basis line's words, as the save form names what it is built on.
        built_on = saved_label(picked.parent_id, picked.parent_name or "(deleted)")
        st.caption(f"Built on {md(built_on)}")

    def _scenario_bytes(store: ScenarioStore = store, chosen: int = chosen) -> bytes:
        # Built when the button is clicked, not on every rerun.
        try:
            return scenario_zip(store.load(chosen), picked.parent_name)
        except (ScenarioNotFoundError, StorageError) as exc:
            # Deleted in another tab since the page was shown: the button did nothing
            # (the error went to the server's log only). The zip says why instead.
            return not_exported_zip(chosen, names[chosen], exc)

    st.download_button(
        "Export this scenario (zip)",
        _scenario_bytes,
        file_name=f"scenario-{chosen}.zip",
        mime="application/zip",
        icon=":material/download:",
        on_click="ignore",  # no rerun: it would lose the next file
        key="scenario-export",
        help="Its data folder, plan.csv, plan.xlsx and scenario.json.",
    )
    opened = loaded(store, chosen, summaries)
    if opened is not None and opened.met_unkept:
        # As `planner scenarios show` and its plan.xlsx say it.
        st.warning(md(unkept_words(opened.met_unkept)), icon=":material/flag:")
    # Named as the other pages and `planner scenarios show` name it, of its weights.
    with st.expander("Advanced: the plan's score of this scenario"):
        objective = picked.metrics.objective
        weights = None if opened is None else opened.problem.settings.weights
        said = (
            "no plan, so no score"
            if objective is None
            else score_words(objective, weights, opened is None or bool(opened.problem.goals))
        )
        st.caption(f"{said[0].upper()}{said[1:]} · planned in {picked.metrics.seconds:.2f} s")
    # A check-in's re-plan has the rest of the quarter as inputs: its figures read
    # right only beside its check-in, so it opens there, not in the planner.
    load_col, rename_col, delete_col = st.columns(3)
    with load_col, st.container(border=True):
        if opened is not None and opened.checkin is not None:
            st.markdown("**Open it on the Check-in page**")
            st.info(
                # At the quarter's last week nothing was re-planned, nor is there a
                # week left to check in again on.
                "This is how the quarter ended, recorded at a check-in at its last "
                "week: nothing was re-planned. Compare sets it beside the scenario it "
                "is built on, each goal at the quarter's end."
                if opened.checkin.elapsed_share >= 1
                else "This is the re-plan of a check-in: its inputs are the rest of the "
                "quarter (the hours and targets left), so the planner's pages would read "
                "them as a quarter of their own. Compare sets it beside the scenario "
                "it is built on at the quarter's end; on the Check-in page, pick it as "
                "the plan you are checking in on to check in again.",
                icon=":material/event_repeat:",
            )
        else:
            st.markdown("**Load, or build a what-if on it**")
            st.caption("Load puts its inputs in the planner; your next save is built on it.")
            _show_load(store, summaries, names, chosen)
            _show_derive(store, problem, summaries, names, chosen)
    with rename_col, st.container(border=True):
        _show_rename(store, summaries, names, chosen)
    with delete_col, st.container(border=True):
        _show_delete(store, summaries, names, chosen)


def _show_load(
    store: ScenarioStore, summaries: list[ScenarioSummary], names: dict[int, str], chosen: int
) -> None:
    """Load the scenario picked into the planner, its own plan in force."""
    if st.button(
        "Load into the planner",
        key="scenario-load",
        icon=":material/upload:",
        on_click=_ask,
        args=("scenario-load", chosen, names[chosen]),
    ) and _still_there("scenario-load", chosen, "loaded", names):
        scenario = loaded(store, chosen, summaries)
        if scenario is not None:
            label = saved_label(chosen, scenario.name)
            set_problem(scenario.problem, source=label)
            set_basis(scenario.problem, label, parent=chosen)
            # Its own plan, not a fresh solve of its inputs (a what-if kept
            # close to the current plan would come back with other owners).
            keep_as_plan_in_force(
                scenario.problem,
                scenario.result(),
                scenario.metrics.kept_close,
            )
            st.session_state[SAVED_AS] = (fingerprint(scenario.problem), chosen)
            st.session_state[NOTICE] = (
                f"Loaded #{chosen:d} · {md(scenario.name)}: every page now plans it."
            )
            st.rerun()


def _show_derive(
    store: ScenarioStore,
    problem: Problem,
    summaries: list[ScenarioSummary],
    names: dict[int, str],
    chosen: int,
) -> None:
    """A what-if built on the scenario picked (less or more capacity), planned and saved."""
    with st.expander(
        "A what-if built on this scenario: less or more capacity",
        key="derive-open",
    ):
        targets = capacity_targets(problem)
        target = st.selectbox(
            "Whose capacity",
            targets,
            format_func=partial(target_label, problem),
            key="derive-target",
        )
        percent = st.slider(
            # Under "A what-if built on this scenario": said once.
            "Capacity (% of this scenario's)",
            50,
            150,
            80,
            5,
            key="derive-pct",
        )
        whose = department_label(target) if target in DEPARTMENTS else problem.team(target).name
        # The name follows the picks above until the leader types one.
        suggested = f"{names[chosen]} · {whose} {percent} %"[:200]
        follow_default("derive-name", suggested)
        child_name = st.text_input("Its name", key="derive-name")
        if st.button(
            "Plan and save the what-if",
            key="derive-save",
            on_click=_ask,
            args=("derive-save", chosen, names[chosen]),
        ) and _still_there("derive-save", chosen, "built on it", names):
            _save_derived(store, summaries, names, chosen, target, percent, whose, child_name)


def _save_derived(
    store: ScenarioStore,
    summaries: list[ScenarioSummary],
    names: dict[int, str],
    chosen: int,
    target: str,
    percent: int,
    whose: str,
    child_name: str,
) -> None:
    """Plan the what-if of ``target``'s capacity at ``percent`` % of the scenario picked,
    save it as ``child_name`` built on it and load it, its plan in force."""
    parent = loaded(store, chosen, summaries)
    # The targets are the planner's teams; the parent may predate one.
    if parent is not None and target not in capacity_targets(parent.problem):
        st.error(
            f"#{chosen:d} · {md(names[chosen])} has no team "
            f"'{md(whose)}': pick one of its own teams or a department.",
            icon=":material/error:",
        )
    elif parent is not None and _name_free(store, child_name):
        child = with_capacity(parent.problem, target, percent / 100)
        child_result = solved(child, show_progress=True)
        # A what-if of the current plan is kept close to it: saved
        # and loaded as such, as the Load button loads it back.
        child_kept_close = kept_close(child)
        try:
            saved = store.save(
                new_scenario(
                    child,
                    child_result,
                    child_name,
                    # Names, as the list shows them, not ids
                    # ("demand-gen at 80 % of #1").
                    f"{whose} capacity at {percent} % of #{chosen:d} · {names[chosen]}",
                    parent_id=chosen,
                    kept_close=child_kept_close,
                )
            )
        except (ValueError, NameTakenError) as exc:
            st.error(md(str(exc)), icon=":material/error:")
        except StorageError as exc:
            storage_unavailable(exc)
        else:
            label = saved_label(saved.scenario_id, saved.name)
            set_problem(child, source=label)
            set_basis(child, label, parent=saved.scenario_id)
            # The plan just saved, not a fresh solve of its inputs.
            keep_as_plan_in_force(child, child_result, child_kept_close)
            st.session_state[SAVED_AS] = (
                fingerprint(child),
                saved.scenario_id,
            )
            st.session_state[NOTICE] = (
                f"Saved and loaded #{saved.scenario_id:d} · {md(saved.name)}."
            )
            st.rerun()


def _show_rename(
    store: ScenarioStore, summaries: list[ScenarioSummary], names: dict[int, str], chosen: int
) -> None:
    """A new name and note for the scenario picked."""
    st.markdown("**Rename**")
    new_name = st.text_input("New name", value=names[chosen], key=f"rename-{chosen}")
    current_note = next(s.note for s in summaries if s.scenario_id == chosen)
    new_note = st.text_area("Note", value=current_note, key=f"renote-{chosen}", height=80)
    if st.button(
        "Save name and note",
        key="scenario-rename",
        on_click=_ask,
        args=("scenario-rename", chosen, names[chosen]),
    ) and _still_there("scenario-rename", chosen, "renamed", names):
        try:
            store.rename(chosen, new_name, new_note)
        except (ValueError, NameTakenError, ScenarioNotFoundError) as exc:
            st.error(md(str(exc)), icon=":material/error:")
        except StorageError as exc:
            storage_unavailable(exc)
        else:
            st.session_state[NOTICE] = f"Renamed #{chosen:d} to {md(new_name)}."
            st.rerun()


def _show_delete(
    store: ScenarioStore, summaries: list[ScenarioSummary], names: dict[int, str], chosen: int
) -> None:
    """Delete the scenario picked, once the leader says yes."""
    st.markdown("**Delete**")
    if st.session_state.get(_CONFIRM_DELETE) != chosen:
        if st.button(
            "Delete…",
            key="scenario-delete",
            icon=":material/delete:",
            on_click=_ask,
            args=("scenario-delete", chosen, names[chosen]),
        ) and _still_there("scenario-delete", chosen, "deleted", names):
            st.session_state[_CONFIRM_DELETE] = chosen
            st.rerun()
    else:
        # A check-in made on it could not be checked in on again: said, by name.
        picked = next(s for s in summaries if s.scenario_id == chosen)
        lost = ""
        with suppress(StorageError):
            on = checkins_on(chosen, summaries, store.load)
            lost = md(checkins_lost_words(picked, on, str))
        st.warning(
            f"Delete #{chosen:d} · {md(names[chosen])}? This cannot be undone; "
            + (lost or "scenarios built on it stay."),
            icon=":material/warning:",
        )
        yes, no = st.columns(2)
        if yes.button("Yes, delete", type="primary", key="scenario-delete-yes"):
            # Deleted meanwhile by someone else: the outcome is the same.
            try:
                with suppress(ScenarioNotFoundError):
                    store.delete(chosen)
            except StorageError as exc:
                storage_unavailable(exc)
            else:
                st.session_state.pop(_CONFIRM_DELETE, None)
                if st.session_state.get(PARENT) == chosen:
                    st.session_state[PARENT] = None
                st.session_state[NOTICE] = f"Deleted #{chosen:d}."
                st.rerun()
        if no.button("Cancel", key="scenario-delete-no"):
            st.session_state.pop(_CONFIRM_DELETE, None)
            st.rerun()
