"""The Data page's way back from an Apply: the data as it was before the last one.

The grids keep no history of their own (Ctrl+Z does nothing in them), and an edit applied
by mistake (a team deleted, its calendar rows, estimates and rules with it) had no way back
but typing it all in again. Each Apply keeps the inputs it replaced; "Undo the last Apply"
puts them back, one Apply at a time, while nothing else has changed the data since (an
upload, a scenario opened, a pin set on the Constraints page).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import streamlit as st

from pages.common import current_problem, current_warnings, data_source, revision, set_problem
from pages.ui import md
from planner import Problem
from planner.core.errors import InputIssue
from planner.scenarios.input_changes import input_changes

#: The Applies that can be undone, the latest last.
_APPLIES = "data_applies"
#: The last undo, said on the page: (the revision it made, what it took back).
_UNDONE = "data_undone"
#: How many Applies are kept to undo (each holds a whole data set).
DEPTH = 5
#: The button's words.
UNDO_LABEL = "Undo the last Apply"


@dataclass(frozen=True)
class _Applied:
    """One Apply: the inputs it gave, and those it replaced, with their words."""

    after: Problem
    before: Problem
    warnings: tuple[InputIssue, ...]
    source: str
    #: Session values the page keeps beside the inputs (where they came from, in parts).
    kept: dict[str, Any]
    #: What the Apply changed, in words ("Teams: 1 removed, 2 edited").
    changes: tuple[str, ...]
    #: Each edit it applied, cell by cell (:func:`planner.core.edit_words.edit_words`).
    edits: tuple[str, ...] = ()


def remember_apply(
    before: Problem, after: Problem, kept: dict[str, Any], edits: tuple[str, ...] = ()
) -> None:
    """An Apply replaced ``before`` (the session's inputs until now) with ``after``.

    ``kept``: session values the page keeps beside the inputs (where they came from, in
    parts), put back with them; ``edits``: what the Apply changed, cell by cell."""
    entry = _Applied(
        after=after,
        before=before,
        warnings=current_warnings(),
        source=data_source(),
        kept=kept,
        changes=input_changes(before, after),
        edits=edits,
    )
    # Only the Applies that led to ``before`` can be undone after this one: an upload or a
    # scenario opened since began again.
    st.session_state[_APPLIES] = [*_chain(before), entry][-DEPTH:]


def _chain(problem: Problem) -> list[_Applied]:
    """The Applies kept whose last one gave ``problem``, in order (none if another did)."""
    kept: list[_Applied] = st.session_state.get(_APPLIES, [])
    return kept if kept and kept[-1].after is problem else []


def last_apply() -> _Applied | None:
    """The Apply that gave the session's inputs, if nothing changed them since."""
    chain = _chain(current_problem())
    return chain[-1] if chain else None


def _undo() -> None:
    last = last_apply()
    if last is None:
        return
    st.session_state[_APPLIES] = st.session_state[_APPLIES][:-1]
    # The plan in force stays, as after an Apply: the data back as before the Apply is
    # planned as before it (the same inputs, the same plan).
    set_problem(last.before, last.warnings, source=last.source, edit=True)
    st.session_state.update(last.kept)
    st.session_state[_UNDONE] = (revision(), last.changes)
    st.toast("Last Apply undone: the data is as it was before it.", icon=":material/undo:")


def undo_button(container: Any, pending: bool, on_undo: Any) -> None:
    """The control that undoes the last Apply, in ``container`` (``pending``: unapplied
    edits in the grids, which an undo would drop: they are applied or discarded first)."""
    last = last_apply()
    if last is None:
        help_text = (
            "Puts the data back as it was before your last Apply. Nothing to undo: no Apply "
            "since the data was opened or last changed elsewhere, or each one undone."
        )
    elif pending:
        help_text = (
            "Apply or discard your unapplied edits first: undoing the last Apply draws every "
            "table again from the data before it."
        )
    else:
        help_text = (
            f"Takes back your last Apply ({md('; '.join(last.changes) or 'no change')}): the "
            "data and its plan as they were before it. Uploads and scenarios opened are not "
            "undone."
        )

    def click() -> None:
        on_undo()
        _undo()

    container.button(
        UNDO_LABEL,
        icon=":material/history:",
        disabled=last is None or pending,
        on_click=click,
        help=help_text,
        width="stretch",
    )


def show_undone() -> None:
    """The last Apply's edits while its data is in force, each in words; or the last undo,
    said above the tables until the data changes again."""
    last = last_apply()
    if last is not None and last.edits:
        st.info(
            "Your last Apply: " + "; ".join(md(e) for e in last.edits) + ". "
            f"To take it back, press {UNDO_LABEL} below the tables.",
            icon=":material/edit_note:",
        )
    undone = st.session_state.get(_UNDONE)
    if not undone or undone[0] != revision():
        return
    changes = "; ".join(undone[1]) or "no change"
    more = " Undo again to take back the Apply before it." if last_apply() is not None else ""
    st.info(
        f"Last Apply undone, its changes taken back ({md(changes)}): the tables, the "
        f"Overview and the Plan show the data as it was before it.{more}",
        icon=":material/undo:",
    )
