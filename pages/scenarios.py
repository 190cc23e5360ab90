"""Scenarios: save what-ifs, compare them side by side, and sweep capacity.

The page only renders and calls ``planner``: :mod:`planner.scenarios.storage` for the
saved scenarios, :mod:`planner.scenarios.compare` to compare them,
:mod:`planner.scenarios.whatif` for sweeps and marginal value,
:mod:`planner.interfaces.scenario_charts` for the charts. When the scenario
database cannot be used (locked by another program, damaged...), a banner
says so and everything else keeps working; nothing is saved.
"""

from __future__ import annotations

from contextlib import suppress
from typing import Any

import streamlit as st

from pages.common import current_problem, fingerprint, remembered, require_router, set_problem
from pages.headline import SAVED_AS, saved_label, set_basis, show_basis, show_headline
from pages.scenario_capacity import show_capacity_whatifs, target_label
from pages.scenario_save import CHOSEN, NOTICE, PARENT, show_save_form
from pages.scenario_tabs import TABS, tab_kept, tab_to_open
from pages.solving import current_result, keep_as_plan_in_force, kept_close, solved
from pages.start import opened_label, opening_data
from pages.store import read_listed, scenario_store, storage_unavailable
from pages.ui import (
    SCENARIOS_VIEW,
    follow_default,
    md,
    md_lines,
    show_chart,
    show_next,
    wrapped_table,
)
from planner.core.domain import DEPARTMENTS
from planner.core.text import NO_FIGURE, names_text, points_between
from planner.core.text import percent as percent_text
from planner.core.text import points as points_text
from planner.core.words import BOTH_DEPARTMENTS_LABEL, status_label
from planner.core.workbook import XLSX_MIME
from planner.interfaces import odds_charts
from planner.interfaces import scenario_charts as charts
from planner.interfaces.scenario_exports import (
    comparison_workbook,
    not_exported_zip,
    scenario_zip,
)
from planner.interfaces.scenario_text import project_counts_words, team_load_words
from planner.interfaces.score import score_words
from planner.scenarios.compare import Comparison, compare
from planner.scenarios.copies import saved_copy
from planner.scenarios.language import department_label
from planner.scenarios.met_goals import unkept_words
from planner.scenarios.quarter import checkins_lost_words, checkins_on
from planner.scenarios.scenario import Scenario, check_name, new_scenario
from planner.scenarios.storage import (
    NameTakenError,
    ScenarioNotFoundError,
    ScenarioStore,
    StorageError,
)
from planner.scenarios.whatif import (
    capacity_targets,
    with_capacity,
)

_CONFIRM_DELETE = "scenario_confirm_delete"
_SWEEP = "scenario_sweep"
_MARGINAL = "scenario_marginal"
#: (button key, scenario id, name) a button on the chosen scenario was clicked for.
_ASKED_FOR = "scenario-asked-for"
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

require_router()


def _notice() -> None:
    """A message from the action before the last rerun (st.rerun clears the page)."""
    notice = st.session_state.pop(NOTICE, None)
    if notice:
        st.success(notice, icon=":material/check_circle:")


def _saved_as(names: dict[int, str]) -> int | None:
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


def _label(summary_id: int, names: dict[int, str]) -> str:
    # Labels stay the same from run to run: a selectbox keeps its choice by its label.
    if summary_id == CURRENT:
        return "Current plan"
    if summary_id == STARTED_FROM:
        return f"The plan you started from ({opened_label(opening_data()[2])})"
    return f"#{summary_id} · {names[summary_id]}"


# ---------------------------------------------------------------------------
# The page
# ---------------------------------------------------------------------------

problem = current_problem()
# The heading and what the page is for before the plan, which a first visit may wait for.
st.title("Scenarios")
st.caption(
    "Save what-ifs with a note, compare any two side by side, and see what more or less "
    "capacity would change."
)
result = current_result()
_notice()
show_basis(problem, result)
with st.expander("The current plan", expanded=True):
    show_headline(problem, result)
store = scenario_store()
summaries = []
if store is not None:
    try:
        summaries = store.list()
    except StorageError as exc:
        storage_unavailable(exc)
        store = None
names = {s.scenario_id: s.name for s in summaries}

# Keyed, so that choosing what to compare (a rerun) keeps the Compare tab open; bound to the
# address (?scenarios-view=Compare), so that a link opens the tab it names (COMPARE_TAB).
tab_to_open()
saved_tab, compare_tab, capacity_tab = st.tabs(
    list(TABS), key=SCENARIOS_VIEW, on_change="rerun", bind="query-params"
)
tab_kept()
# The charts of a tab not open are left out: sent, a hidden tab's chart was never drawn
# (the browser lays out no closed tab), an empty box until the tab opened. A click on the
# tab runs the page again (on_change), which draws them then.
compare_open, capacity_open = compare_tab.open is not False, capacity_tab.open is not False


# -- Saved scenarios ---------------------------------------------------------


def _ask(key: str, scenario_id: int, name: str) -> None:
    """The scenario a button was clicked for, as the page showed it (see _still_there)."""
    st.session_state[_ASKED_FOR] = (key, scenario_id, name)


def _still_there(key: str, chosen: int, done: str) -> bool:
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


def _target_label(target: str) -> str:
    return target_label(problem, target)


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


def _load(store: ScenarioStore, scenario_id: int) -> Scenario | None:
    try:
        return read_listed(store, scenario_id, summaries)
    except ScenarioNotFoundError:
        st.error("That scenario was deleted meanwhile.", icon=":material/error:")
    except StorageError as exc:
        storage_unavailable(exc)
    return None


with saved_tab:
    show_save_form(store, problem, result, summaries)
    if result.plan is None:
        st.caption("The current inputs have no plan; saving keeps them and the reasons.")

    if store is not None and not summaries:
        st.info("No scenario is saved yet: name the current plan above and save it.")
    if summaries:
        listed = charts.scenario_list_frame(summaries)
        listed["attainment_pct"] = [percent_text(s.metrics.attainment_pct) for s in summaries]
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
        )
        st.caption("Pick a scenario to read its whole note.")
        chosen = st.selectbox(
            "Scenario",
            list(names),
            format_func=lambda i: _label(i, names),
            key=CHOSEN,
        )
        if store is not None and chosen is not None:
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
            opened = _load(store, chosen)
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
                    else score_words(
                        objective, weights, opened is None or bool(opened.problem.goals)
                    )
                )
                st.caption(
                    f"{said[0].upper()}{said[1:]} · planned in {picked.metrics.seconds:.2f} s"
                )
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
                    st.caption(
                        "Load puts its inputs in the planner; your next save is built on it."
                    )
                    if st.button(
                        "Load into the planner",
                        key="scenario-load",
                        icon=":material/upload:",
                        on_click=_ask,
                        args=("scenario-load", chosen, names[chosen]),
                    ) and _still_there("scenario-load", chosen, "loaded"):
                        scenario = _load(store, chosen)
                        if scenario is not None:
                            label = saved_label(chosen, scenario.name)
                            set_problem(scenario.problem, source=label)
                            set_basis(scenario.problem, label)
                            # Its own plan, not a fresh solve of its inputs (a what-if kept
                            # close to the current plan would come back with other owners).
                            keep_as_plan_in_force(
                                scenario.problem,
                                scenario.result(),
                                scenario.metrics.kept_close,
                            )
                            st.session_state[PARENT] = chosen
                            st.session_state[SAVED_AS] = (fingerprint(scenario.problem), chosen)
                            st.session_state[NOTICE] = (
                                f"Loaded #{chosen:d} · {md(scenario.name)}: "
                                "every page now plans it."
                            )
                            st.rerun()
                    with st.expander(
                        "A what-if built on this scenario: less or more capacity",
                        key="derive-open",
                    ):
                        targets = capacity_targets(problem)
                        target = st.selectbox(
                            "Whose capacity",
                            targets,
                            format_func=_target_label,
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
                        whose = (
                            department_label(target)
                            if target in DEPARTMENTS
                            else problem.team(target).name
                        )
                        # The name follows the picks above until the leader types one.
                        suggested = f"{names[chosen]} · {whose} {percent} %"[:200]
                        follow_default("derive-name", suggested)
                        child_name = st.text_input("Its name", key="derive-name")
                        if st.button(
                            "Plan and save the what-if",
                            key="derive-save",
                            on_click=_ask,
                            args=("derive-save", chosen, names[chosen]),
                        ) and _still_there("derive-save", chosen, "built on it"):
                            parent = _load(store, chosen)
                            # The targets are the planner's teams; the parent may predate one.
                            if parent is not None and target not in capacity_targets(
                                parent.problem
                            ):
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
                                            f"{whose} capacity at {percent} % of "
                                            f"#{chosen:d} · {names[chosen]}",
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
                                    set_basis(child, label)
                                    # The plan just saved, not a fresh solve of its inputs.
                                    keep_as_plan_in_force(child, child_result, child_kept_close)
                                    st.session_state[PARENT] = saved.scenario_id
                                    st.session_state[SAVED_AS] = (
                                        fingerprint(child),
                                        saved.scenario_id,
                                    )
                                    st.session_state[NOTICE] = (
                                        f"Saved and loaded #{saved.scenario_id:d} · "
                                        f"{md(saved.name)}."
                                    )
                                    st.rerun()
            with rename_col, st.container(border=True):
                st.markdown("**Rename**")
                new_name = st.text_input("New name", value=names[chosen], key=f"rename-{chosen}")
                current_note = next(s.note for s in summaries if s.scenario_id == chosen)
                new_note = st.text_area(
                    "Note", value=current_note, key=f"renote-{chosen}", height=80
                )
                if st.button(
                    "Save name and note",
                    key="scenario-rename",
                    on_click=_ask,
                    args=("scenario-rename", chosen, names[chosen]),
                ) and _still_there("scenario-rename", chosen, "renamed"):
                    try:
                        store.rename(chosen, new_name, new_note)
                    except (ValueError, NameTakenError, ScenarioNotFoundError) as exc:
                        st.error(md(str(exc)), icon=":material/error:")
                    except StorageError as exc:
                        storage_unavailable(exc)
                    else:
                        st.session_state[NOTICE] = f"Renamed #{chosen:d} to {md(new_name)}."
                        st.rerun()
            with delete_col, st.container(border=True):
                st.markdown("**Delete**")
                if st.session_state.get(_CONFIRM_DELETE) != chosen:
                    if st.button(
                        "Delete…",
                        key="scenario-delete",
                        icon=":material/delete:",
                        on_click=_ask,
                        args=("scenario-delete", chosen, names[chosen]),
                    ) and _still_there("scenario-delete", chosen, "deleted"):
                        st.session_state[_CONFIRM_DELETE] = chosen
                        st.rerun()
                else:
                    # A check-in made on it could not be checked in on again: said, by name.
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


# -- Compare -----------------------------------------------------------------


def _scenario(choice: int) -> Scenario | None:
    if choice == CURRENT:
        return new_scenario(problem, result, "Current plan", kept_close=kept_close(problem))
    if choice == STARTED_FROM:  # solved once a session opens on it: from the cache
        opened = opening_data()[0]
        return new_scenario(opened, solved(opened, free=True), _label(choice, names))
    return _load(store, choice) if store is not None else None


with compare_tab:
    # A saved scenario picked here and deleted since (in another tab): the comparison went
    # and the pickers started again without a word. Said once, with the tab open.
    told = st.session_state.setdefault(_GONE_SAID, set())
    gone = [
        pick
        for pick in dict.fromkeys(st.session_state.get(k) for k in ("compare-a", "compare-b"))
        if isinstance(pick, int) and pick > CURRENT and pick not in names and pick not in told
    ]
    if gone and compare_open:
        told.update(gone)
        st.info(
            " and ".join(f"#{pick:d}" for pick in gone)
            + (" was" if len(gone) == 1 else " were")
            + " deleted since it was picked here (in another tab, or on Saved scenarios): "
            "nothing is compared with it any more.",
            icon=":material/info:",
        )
    same = _saved_as(names)
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
        # Before: the newest saved scenario, or the first one when the current plan is the
        # newest saved (comparing a scenario with itself says nothing).
        newest_or_base = (others[0] if same is None else others[-1]) if others else options[1]
        before, after = options.index(newest_or_base), 0
        # A child saved from the current plan (a check-in's re-plan) reads forward in time:
        # the current plan before, the child after (the check-in read as "before").
        kin = next((s.scenario_id for s in summaries if same and s.parent_id == same), None)
        if kin is not None:
            before, after = 0, options.index(kin)
        # The current plan not saved this session (the app opened again): the newest saved
        # scenario beside its parent, forward in time. The check-in's re-plan read "A
        # (before)" against the current plan, the quarter backwards, as "+0.7 pts".
        newest = summaries[0] if summaries else None
        if same is None and newest is not None and newest.parent_id in names:
            before, after = options.index(newest.parent_id), options.index(newest.scenario_id)
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
            format_func=lambda i: _label(i, names),
            key="compare-a",
        )
        b_id = right.selectbox(
            "B (after)",
            options,
            index=None if fresh else after,
            format_func=lambda i: _label(i, names),
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
        a, b = (None if pick is None else _scenario(pick) for pick in (a_id, b_id))
        if a is not None and b is not None:
            diff = compare(a, b)
            ma, mb = diff.metrics_a, diff.metrics_b
            # In a line of its own: a fifth of the page cut "Optimal: best possible" short.
            st.caption(
                f"Outcome of A: {status_label(ma.status.value, ma.kept_close)} · "
                f"of B: {status_label(mb.status.value, mb.kept_close)}"
            )
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
                team_deltas = charts.team_delta_frame(diff)
                changed = team_deltas[team_deltas["delta_hours"] != 0]
                # Under an hour beside a 110 h bar is a team name with no bar (a check-in's
                # hours used are whole hours): said under the chart, with its hours.
                slight = changed[changed["delta_hours"].abs() < 1]
                changed = changed[changed["delta_hours"].abs() >= 1]
                shown = charts.largest(changed, "delta_hours")
                # No bars, or sub-hour bars that filled the chart (a check-in's hours used
                # are whole hours): in words, as planner scenarios compare says it.
                if (words := team_load_words(diff, md)) is not None:
                    st.markdown(f"**Team load:** {words}")
                else:
                    if compare_open:
                        show_chart(
                            charts.team_delta_chart(shown, diff.name_a, diff.name_b),
                            width="stretch",
                        )
                    level = list(team_deltas.loc[team_deltas["delta_hours"] == 0, "team"])
                    notes: list[str] = []
                    if len(shown) < len(changed):
                        notes.append(
                            f"The {len(shown)} teams whose load changes most, of {len(changed)}."
                        )
                    if level:
                        notes.append(f"The same hours in A and B: {md(names_text(level, 4))}.")
                    if len(slight):
                        under = [
                            f"{t} ({h})"
                            for t, h in zip(slight.team, slight.delta_text, strict=True)
                        ]
                        notes.append(f"Under an hour: {md(names_text(under, 4))}.")
                    st.caption(" ".join(notes))
                # A check-in's hours are the quarter's (used so far + re-planned): a project
                # dropped after its work was done left no mark on them, and nothing said why.
                if (hours_words := diff.team_hours_words()) is not None:
                    st.caption(md(hours_words))
            with chart_right:
                goal_deltas = charts.goal_delta_frame(diff) if diff.goals else None
                if goal_deltas is not None and not goal_deltas["delta_points"].any():
                    st.markdown(
                        "**Goal attainment:** every goal is planned at the same % of target "
                        "in A and B."
                    )
                elif goal_deltas is not None and compare_open:
                    show_chart(charts.goal_delta_chart(goal_deltas), width="stretch")
            odds_change = odds_charts.scenario_odds_frame(a, b)
            if odds_change["uncertain"].any():
                st.subheader("Odds of hitting each target, A to B")
                if why := odds_charts.mid_quarter_odds(a.checkin, b.checkin):
                    st.caption(why)
                wrapped_table(odds_charts.odds_delta_view(odds_change, *COMPARE_ODDS))

            chances = odds_charts.chances_by_goal(odds_change)

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
                help="Headline figures, goals, team hours and every project that changed owner "
                "or weeks.",
            )


# -- Capacity what-ifs -------------------------------------------------------

with capacity_tab:
    show_capacity_whatifs(problem, result, charted=capacity_open)

show_next("checkin", "export")
