"""The Data page's imports: one table from a CSV, or a whole data folder from a zip or a
workbook, in force only when the whole data set is valid; and the way back to the
bundled sample, asked first when work would be lost (pages/data.py).
"""

from __future__ import annotations

import streamlit as st

from pages.common import current_problem, data_source, set_problem
from pages.data_apply import APPLIED, FOLLOWED, ISSUES, kept_source, source
from pages.data_grids import DRAFTS, TITLES
from pages.headline import basis, set_basis
from pages.solving import cached_result
from pages.start import SAMPLE_DIR, SAMPLE_SOURCE, load_folder, opened_label
from pages.ui import md
from planner import InvalidInputError, Problem
from planner.core.editing import WHOLE_DATA_SUFFIXES, guessed_table, imported
from planner.core.input_source import InputSource
from planner.core.loading import RAW_FILES, TEAMS
from planner.scenarios.input_changes import input_changes

#: Session key: the last import (file name, inputs and result before it, inputs it gave,
#: whether it kept the settings in force).
IMPORTED = "data_imported"
#: Session key: the name of the file just imported, until the page's next run has drawn its data
#: (pages/data.py draws the uploader last in that run).
JUST_IMPORTED = "data_just_imported"
#: Session key: a number in the uploader's key, one more after each import (a new, empty
#: uploader).
_UPLOAD_NONCE = "data_upload_nonce"
#: "Start again from the bundled sample quarter" was clicked with unsaved work: the page asks first.
_ASK_SAMPLE = "data_ask_sample"


def import_file(name: str, data: bytes, table: str) -> None:
    """Import an uploaded CSV (one table), or a zip or workbook (every table), or keep errors."""
    whole = name.lower().endswith(WHOLE_DATA_SUFFIXES)
    st.session_state.pop(APPLIED, None)
    try:
        new_problem, warnings = imported(current_problem(), name, data, table)
    except InvalidInputError as exc:
        st.session_state[ISSUES] = (
            exc.errors,
            exc.warnings,
            f"{name} was not imported; the current data stays as it was.",
            () if whole else (table,),
        )
        return
    words = kept_source(InputSource(f"uploaded {name}") if whole else source().upload(table, name))
    before = current_problem()
    # A zip or workbook without settings of its own keeps the session's (the loader is given
    # them, and returns them as they are): said, or next quarter's folder was planned with
    # this one's weeks, capacity what-ifs and weights without a word.
    kept = whole and new_problem.settings is before.settings
    st.session_state[IMPORTED] = (name, before, cached_result(before), new_problem, kept)
    st.session_state.pop(ISSUES, None)
    st.session_state[_UPLOAD_NONCE] = st.session_state.get(_UPLOAD_NONCE, 0) + 1
    st.session_state[JUST_IMPORTED] = name
    set_problem(new_problem, warnings, source=words)
    set_basis(new_problem, f"the uploaded {name}")
    st.toast(f"Imported {md(name)}.", icon=":material/check:")


def _to_sample() -> None:
    """Start again from the bundled sample: a loaded scenario or an upload had no way back
    but reloading the tab."""
    for key in (ISSUES, APPLIED, FOLLOWED, IMPORTED, _ASK_SAMPLE, DRAFTS):
        st.session_state.pop(key, None)
    sample, warnings = load_folder(str(SAMPLE_DIR))
    set_problem(sample, warnings, source=SAMPLE_SOURCE)
    set_basis(sample, opened_label(SAMPLE_SOURCE))
    st.toast(f"Started again from {SAMPLE_SOURCE}.", icon=":material/restart_alt:")


def _losses(problem: Problem, changed: list[str]) -> list[str]:
    """What starting again from the sample would lose: unsaved changes, unapplied edits."""
    lost = []
    base, label = basis()
    if base is not problem and (changes := input_changes(base, problem)):
        lost.append(f"the unsaved changes to {label} ({'; '.join(changes)})")
    if changed:
        lost.append(f"your unapplied edits in {', '.join(changed)}")
    return lost


def show_start_again(problem: Problem, changed: list[str]) -> None:
    """The control back to the bundled sample, with a confirmation when work would be lost."""
    sample, _ = load_folder(str(SAMPLE_DIR))
    on_sample = data_source() == SAMPLE_SOURCE and (
        problem is sample or not input_changes(sample, problem)
    )
    lost = _losses(problem, changed)
    if not st.session_state.get(_ASK_SAMPLE) or not lost:
        st.button(
            f"Start again from {SAMPLE_SOURCE}",
            icon=":material/restart_alt:",
            disabled=on_sample and not changed,
            on_click=(lambda: st.session_state.update({_ASK_SAMPLE: True})) if lost else _to_sample,
            help="Replace the current data and settings with the bundled sample quarter, "
            "as the app opens on it.",
        )
        return
    st.warning(
        f"Start again from {SAMPLE_SOURCE}? This loses "
        + md(" and ".join(lost))
        + ". To keep them, save them as a scenario on the Scenarios page first.",
        icon=":material/warning:",
    )
    yes_col, no_col, _ = st.columns([2, 1, 1])
    yes_col.button("Yes, start again", type="primary", on_click=_to_sample)
    no_col.button("Cancel", on_click=lambda: st.session_state.pop(_ASK_SAMPLE, None))


def show_upload() -> None:
    """The uploader, the table a CSV is (recognised from its headers), and its import."""
    uploaded = st.file_uploader(
        "Upload one table (CSV), or a whole data folder (zip or Excel workbook)",
        type=["csv", *(suffix.lstrip(".") for suffix in WHOLE_DATA_SUFFIXES)],
        key=f"upload-{st.session_state.get(_UPLOAD_NONCE, 0)}",
        help="A CSV replaces one table; a zip of a data folder replaces all of them "
        "(and the settings, if it has settings.toml); a workbook has one sheet per table "
        "(teams, projects, goals, estimates, rules, and calendar for a quarter in weeks) and "
        "an optional settings sheet of "
        "key, value rows. Nothing changes unless the "
        "whole data set is valid.",
    )
    if uploaded is not None:
        name = uploaded.name
        is_zip = name.lower().endswith(WHOLE_DATA_SUFFIXES)
        table = TEAMS
        if not is_zip:
            # Recognised by its header row, not its name ("Q3 teams (final).csv").
            guess = guessed_table(uploaded.getvalue(), name)
            table = st.selectbox(
                "This file is the table",
                RAW_FILES,
                index=RAW_FILES.index(guess) if guess in RAW_FILES else 0,
                format_func=lambda f: f"{TITLES[f]} ({f})",
                help="Recognised from its column headers; change it if that is wrong.",
            )
        label = "Import the data folder" if is_zip else f"Import as {md(table)}"
        if st.button(label, type="primary", icon=":material/upload:"):
            with st.spinner(f"Importing {md(name)}: checking every table…"):
                import_file(name, uploaded.getvalue(), table)
            st.rerun()
