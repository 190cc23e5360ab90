"""Data: edit the six data tables, upload a CSV or a whole data folder, download them.

Edits are drafts until Apply validates them with the loader, the same check
a data folder on disk goes through; invalid drafts never replace the
session's data, and drafts stay while the user visits other pages. The page's parts
live beside it: the grids and their drafts in ``data_grids.py``, Apply and its buttons in
``data_apply.py``, imports and the way back to the sample in ``data_import.py``.
"""

from __future__ import annotations

from functools import partial

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from pages.common import (
    current_problem,
    current_warnings,
    data_source,
    remembered,
    require_router,
    revision,
)
from pages.data_apply import APPLIED, FOLLOWED, ISSUES, renamed, show_apply_panel
from pages.data_grids import TITLES, show_grids
from pages.data_grids import drafts as drafts_of
from pages.data_import import IMPORTED, JUST_IMPORTED, show_start_again, show_upload
from pages.data_names import show_repeats
from pages.data_refusal import NOT_APPLIED, headline
from pages.data_undo import show_undone
from pages.headline import show_basis
from pages.issue_tables import show_issues
from pages.solving import kept_close, relative_result, solved
from pages.start import source_help
from pages.ui import DATA_HELPS, made_file_button, md, show_next, show_status
from pages.what_if import show_what_changed
from planner.core.editing import editable_frames, templates_zip
from planner.core.loading import RAW_FILES, data_workbook, folder_zip
from planner.core.shared_words import counted
from planner.core.status_words import KEPT_CLOSE_WORDS
from planner.core.workbook import XLSX_MIME
from planner.core.workbook_writing import template_workbook
from planner.scenarios.plan_change import import_summary

require_router()
problem = current_problem()
rev = revision()
# Kept while the inputs stay: at 150 teams x 3,000 projects every rerun made them again.
originals = remembered(editable_frames, problem)
drafts, set_aside = drafts_of(rev, originals)

st.title("Data")
st.caption(
    "The teams, projects, goals and weeks the plan is made from: edit them here or upload a "
    "spreadsheet, then apply the edits to plan again."
)
# What the plan is built on, and what an applied edit did to it: drawn with the data now,
# its plan's lines once the tables are drawn (below, the solve's progress in their place):
# at 150 teams the page showed no table until the first plan was made, some 10 s.
last_import = st.session_state.get(IMPORTED)
plan_lines, solve_slot = st.empty(), st.empty()
with plan_lines.container():
    show_basis(problem)
tables = [
    (len(problem.teams), "team"),
    (len(problem.projects), "project"),
    (len(problem.goals), "goal"),
    (len(problem.estimates), "estimate"),
    (len(problem.rules), "rule"),
    *([(len(problem.calendar), "calendar row")] if problem.calendar else []),
]
st.caption(
    f"Files loaded from {md(data_source())} · {counted(*tables)}",
    help=source_help(data_source()),
)

# Import and download, in a box of its own. The run after an import draws it last, once the
# new data's plan is made, a line in its place until then: a run keeps the widgets it no
# longer draws on screen, greyed but live, until it ends, and the import's button and the
# emptied uploader stayed under the new ones while the imported data was planned.
box = st.empty()
if just_imported := st.session_state.pop(JUST_IMPORTED, None):
    box.caption(f"Imported {md(just_imported)}: its plan is being made.")


def draw_box() -> tuple[DeltaGenerator, tuple[DeltaGenerator, DeltaGenerator], DeltaGenerator]:
    """The uploader and the download buttons; the slots filled later: Start again, the data's
    files, the template workbook."""
    with box.container(border=True):
        upload_col, download_col = st.columns([3, 2], gap="large")
        with upload_col:
            show_upload()
            # Filled once the editors below have run: an edit made this run counts as a draft.
            again = st.container()
        with download_col:
            # Filled at the end of the page, once the tables are drawn.
            slots = st.empty(), st.empty()
            st.download_button(
                "Download templates (zip)",
                templates_zip(),
                file_name="goal-planner-templates.zip",
                mime="application/zip",
                icon=":material/description:",
                on_click="ignore",
                help="The six CSV files with their column headers, and default settings.",
                width="stretch",
            )
            template = st.empty()
    return again, slots, template


if not just_imported:
    start_again, data_slots, template_slot = draw_box()

last_import = st.session_state.get(IMPORTED)
# The last import's summary, its plan's figures in it: filled once the tables are drawn.
import_note = st.container()
followed = st.session_state.get(FOLLOWED)
if followed and followed[0] == rev and followed[1]:
    st.info(
        "Applied. With your edits:\n\n" + "\n\n".join(md(note) for note in followed[1]),
        icon=":material/info:",
    )
if followed and followed[0] == rev and followed[2]:
    # An edited value or effort that an owner's own estimate overrides: said, or the plan
    # keeping the old figure reads as the edit not taking.
    st.warning("\n\n".join(md(note) for note in followed[2]), icon=":material/info:")
show_undone()
issues = st.session_state.get(ISSUES)
# Filled once the grids have run: a refusal's headline says whether they changed since.
issues_slot = st.container()
show_repeats(TITLES, renamed)

if set_aside:
    st.warning(
        f"Your unapplied edits to {', '.join(TITLES[f] for f in set_aside)} were set aside: "
        "that table changed on another page (the Constraints page's pins and forbids or "
        "goal weights) since you began them. The tables below show the data as it is now; "
        "make those edits again there.",
        icon=":material/warning:",
    )

# Editors
# Edits refused: the first table the problems name opens, where they are fixed (a CMO's
# calendar row refused on Apply left the page on the Teams tab, the table in question hidden);
# edits applied: the table edited, to see them in force.
named = [f for i in (issues[0] if issues else ()) for f in RAW_FILES if i.file == f]
named = named or [f for f in RAW_FILES if f == st.session_state.get(APPLIED)]
show_grids(problem, rev, originals, drafts, named[0] if named else None)

changed = [TITLES[f] for f in RAW_FILES if f in drafts]
if issues and issues[2] == NOT_APPLIED and not drafts:
    issues = None  # the refused edits all undone in the grids: the refusal was of nothing shown
with issues_slot:
    if issues:
        errors, warnings, said, replaced = issues
        show_issues(
            errors,
            warnings,
            headline(said, drafts),
            replaced,
            # An edit's rows are the grids' (an upload's are its file's, not drawn here).
            also="The tables below show each row's number in their Row column."
            if said == NOT_APPLIED
            else "",
        )
    elif current_warnings():
        show_issues((), current_warnings())
if not just_imported:
    with start_again:
        show_start_again(problem, changed)
show_apply_panel(changed, issues, drafts)


# The plan of the data, solved (its progress box in its slot at the top) once the tables
# are drawn.
if last_import is not None and last_import[3] is problem:
    # An import says what it did to the plan in its own summary, said until the inputs
    # change again: the toast is gone before a leader reads it.
    file_name, before, before_result, _, kept_settings = last_import
    with import_note:
        result = solved(problem, slot=solve_slot)
        summary = import_summary(file_name, before, before_result, problem, result)
        if kept_settings:
            summary += (
                f". {file_name} has no settings of its own: the settings in force stay (the "
                "quarter's weeks, the stage policy, capacity and weights, the time limit)."
            )
        st.success(md(summary), icon=":material/upload_file:")
else:
    # What an applied edit did to the plan, said where the edit was made ("Since the
    # previous plan: Goal attainment 85.6 % → 86.6 % ...").
    result = solved(problem, slot=solve_slot)
    with plan_lines.container():
        show_basis(problem, result)
        if relative_result(problem) is not None:
            # An applied edit kept close to the current plan, said as the Constraints page
            # says a what-if: its status, what it changed, the free re-plan a click away.
            show_status(result, kept_close(problem), weights=problem.settings.weights)
            show_what_changed(problem, result, lead=f"{KEPT_CLOSE_WORDS}. ")

if just_imported:
    start_again, data_slots, template_slot = draw_box()
    with start_again:
        show_start_again(problem, changed)

# The data's files, made as the page is drawn, after its tables (2-3 s for the workbook at
# 150 teams x 1,500 projects, once per data), not on the click: a file the server cannot
# make (past its file size limit, a full temporary folder) is said in the button's place,
# where Streamlit said only "Failed to generate file for download".
zip_help, book_help = DATA_HELPS
made_file_button(
    data_slots[0],
    partial(remembered, folder_zip, problem),
    "The data folder (zip)",
    "The Excel workbook below holds the same data.",
    label="Download the current data (zip)",
    file_name="goal-planner-data.zip",
    mime="application/zip",
    icon=":material/folder_zip:",
    help=zip_help,
    width="stretch",
)
made_file_button(
    data_slots[1],
    partial(remembered, data_workbook, problem),
    "The data workbook",
    "The zip above holds the same data, and loads back here as the workbook would.",
    label="Download the current data (Excel)",
    file_name="goal-planner-data.xlsx",
    mime=XLSX_MIME,
    icon=":material/table_view:",
    help=book_help,
    width="stretch",
)
made_file_button(
    template_slot,
    partial(remembered, template_workbook),
    "The template workbook",
    "The templates zip above holds the same tables' headers.",
    label="Download the template (Excel)",
    file_name="goal-planner-template.xlsx",
    mime=XLSX_MIME,
    icon=":material/description:",
    help="One sheet per table with its column headers, and a settings sheet of the "
    "defaults: fill it in and upload it here.",
    width="stretch",
)

show_next("overview", "plan")
