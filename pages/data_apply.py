"""The Data page's Apply: the edited tables checked by the loader, as a data folder on
disk is, and in force only when valid; what the edit did besides (a deleted team's
calendar rows, estimates and rules with it) said after it, and the panel of its buttons
(Apply, Discard, Undo the last Apply) under the grids (pages/data.py).

Also where the inputs came from (:class:`~planner.core.input_source.InputSource`), kept in
its parts for the next upload or edit.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pandas as pd
import streamlit as st

from pages.common import (
    current_problem,
    current_warnings,
    data_source,
    revision,
    set_problem,
)
from pages.data_grids import DRAFTS, TITLES, keep_draft
from pages.data_names import forget_repeats, note_repeats
from pages.data_refusal import (
    NOT_APPLIED,
    forget_refused,
    in_the_grids,
    remember_refused,
    show_by_apply,
)
from pages.data_undo import remember_apply, undo_button
from pages.issue_tables import rows_as_labelled
from planner import InvalidInputError
from planner.core.edit_followups import (
    emptied_weights,
    follow_goal_edits,
    follow_project_edits,
    follow_team_edits,
    overridden_edits,
    repeated_rules,
)
from planner.core.edit_words import edit_words
from planner.core.editing import editable_frames, rebuilt
from planner.core.input_source import InputSource
from planner.core.repeated_names import RepeatedName, renamed_frames

#: Session key: the problems of the last Apply refused or import failed (errors, warnings,
#: what was not done, the tables they were for).
ISSUES = "data_issues"
#: What an applied edit did besides the edit itself (a deleted team's calendar rows...).
FOLLOWED = "data_followed"
#: The first table of the edits last applied: the tables open on it again.
APPLIED = "data_applied_table"
#: Where the inputs came from, in its parts (:class:`InputSource`), beside the words it gives.
SOURCE_PARTS = "data-source-parts"


def source() -> InputSource:
    """The session's source in its parts; one set elsewhere (a folder, a scenario, the
    sample, work kept over a reload) is its own words, an edit said at its end."""
    words = data_source()
    # Kept as plain values, as every page keeps its session state.
    if (kept := st.session_state.get(SOURCE_PARTS)) is not None:
        parts = InputSource(*kept)
        if parts.text() == words:
            return parts
    return InputSource.from_text(words)


def kept_source(parts: InputSource) -> str:
    """Keep ``parts`` for the next upload or edit; its words, for set_problem."""
    st.session_state[SOURCE_PARTS] = (parts.opened, parts.uploads, parts.edited)
    return parts.text()


def apply(frames: dict[str, pd.DataFrame], notes: tuple[str, ...] = ()) -> None:
    """The edited ``frames`` in force when the loader takes them, else their problems kept
    to show in the grids, the drafts kept."""
    problem = current_problem()
    # A deleted team's calendar rows, estimates and rules go with it; a renamed one's follow.
    follow = follow_team_edits(problem, frames)
    # A deleted project's estimates and pins go with it too; a renamed one's follow.
    edited, project_notes = follow_project_edits(problem, follow.frames)
    # A renamed goal's projects follow it.
    edited, goal_notes = follow_goal_edits(problem, edited)
    originals = editable_frames(problem)
    try:
        new_problem, warnings = rebuilt(problem.replace(settings=follow.settings), edited)
    except InvalidInputError as exc:
        st.session_state[ISSUES] = (
            in_the_grids(rows_as_labelled(exc.errors, edited, originals)),
            in_the_grids(rows_as_labelled(exc.warnings, edited, originals)),
            NOT_APPLIED,
            tuple(frames),
        )
        remember_refused(frames)
        note_repeats({**originals, **edited}, originals)
        # Each refused table's grid drawn again from its draft: a row added in a grid has no
        # Row number until then (Streamlit's grid numbers only the rows it was given), and
        # the problems name it by that number ("Teams, row 12").
        for file in frames:
            st.session_state.pop(f"edit-{file}-{revision()}", None)
        return
    st.session_state.pop(ISSUES, None)
    forget_refused()
    forget_repeats()
    st.session_state[APPLIED] = next(iter(frames), None)
    # A rule repeated on another row counts once, and the Rules table is drawn again with it
    # once: said as done, with what the edit did.
    warnings, repeated_notes = repeated_rules(rows_as_labelled(warnings, edited))
    edits = edit_words(originals, frames, TITLES)
    remember_apply(problem, new_problem, {SOURCE_PARTS: st.session_state.get(SOURCE_PARTS)}, edits)
    # An edit, not new inputs: re-planned against the current plan, moving only what it must.
    set_problem(
        new_problem, warnings, source=kept_source(replace(source(), edited=True)), edit=True
    )
    st.session_state[FOLLOWED] = (
        revision(),
        (
            *notes,
            *follow.notes,
            *project_notes,
            *goal_notes,
            *repeated_notes,
            *emptied_weights(frames),
        ),
        overridden_edits(problem, new_problem),
    )
    st.toast("Edits applied: the plan is made again.", icon=":material/check:")


def renamed(repeats: tuple[RepeatedName, ...], notes: tuple[str, ...]) -> None:
    """The repeated names told apart in the edits (kept as drafts), and the edits applied."""
    originals = editable_frames(current_problem())
    drafts = st.session_state[DRAFTS]["frames"]
    for file, frame in renamed_frames({**originals, **drafts}, repeats).items():
        keep_draft(file, frame, originals[file])
    apply(dict(drafts), notes)


def forget_apply() -> None:
    """The last Apply's words (or its refusal's) no longer said: its edits are gone."""
    for key in (ISSUES, APPLIED, FOLLOWED):
        st.session_state.pop(key, None)
    forget_refused()


def _discard() -> None:
    forget_apply()
    problem = current_problem()
    set_problem(problem, current_warnings(), edit=True)  # the same inputs: the same current plan
    st.toast(
        "Unapplied edits discarded: the tables show the data the plan uses.", icon=":material/undo:"
    )


def show_apply_panel(
    changed: list[str], issues: tuple[Any, ...] | None, drafts: dict[str, pd.DataFrame]
) -> None:
    """Under the grids: the tables with unapplied edits (``changed``, by their titles), and
    the Apply, Discard and Undo buttons."""
    with st.container(border=True):
        if changed:
            # Only applied edits are kept for a reload (pages/kept.py): said before one is lost.
            st.markdown(
                f"**Unapplied edits** in {', '.join(changed)}: a reload of the tab loses them "
                "until they are applied."
            )
            if issues and issues[2] == NOT_APPLIED and issues[0]:
                show_by_apply(issues[0], drafts, TITLES)
        else:
            st.markdown("No unapplied edits: the tables show the data the plan uses.")
        apply_col, discard_col, undo_col, _ = st.columns([1, 1, 1.2, 0.8])
        apply_col.button(
            "Apply edits",
            type="primary",
            icon=":material/check:",
            disabled=not changed,
            on_click=apply,
            args=(dict(drafts),),
            width="stretch",
        )
        discard_col.button(
            # "Discard" alone did not say what it drops: the applied edits, the upload?
            "Discard edits",
            icon=":material/undo:",
            disabled=not changed,
            on_click=_discard,
            help="Drop the edits not applied yet: every table shows the data the plan uses "
            "again. Edits already applied, and uploads, stay.",
            width="stretch",
        )
        # The grids keep no history (Ctrl+Z does nothing in them): an Apply is undone here.
        undo_button(undo_col, pending=bool(changed), on_undo=forget_apply)
