"""Data: edit the six data tables, upload a CSV or a whole data folder, download them.

Edits are drafts until Apply validates them with the loader, the same check
a data folder on disk goes through; invalid drafts never replace the
session's data, and drafts stay while the user visits other pages.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import partial
from typing import Any

import pandas as pd
import streamlit as st

from pages.common import (
    current_problem,
    current_warnings,
    data_source,
    remembered,
    require_router,
    revision,
    set_problem,
)
from pages.data_names import forget_repeats, note_repeats, show_repeats
from pages.data_refusal import (
    NOT_APPLIED,
    forget_refused,
    headline,
    in_the_grids,
    remember_refused,
    show_by_apply,
)
from pages.data_undo import remember_apply, show_undone, undo_button
from pages.headline import basis, set_basis, show_basis
from pages.issue_tables import rows_as_labelled, show_issues
from pages.solving import cached_result, kept_close, relative_result, solved
from pages.start import SAMPLE_DIR, SAMPLE_SOURCE, load_folder, opened_label, source_help
from pages.ui import DATA_HELPS, column_config, made_file_button, md, show_next, show_status
from pages.what_if import show_what_changed
from planner import InvalidInputError, Problem
from planner.core.edit_followups import (
    follow_goal_edits,
    follow_project_edits,
    follow_team_edits,
    overridden_edits,
)
from planner.core.edit_words import edit_words
from planner.core.editing import (
    WHOLE_DATA_SUFFIXES,
    editable_frames,
    imported,
    rebuilt,
    templates_zip,
)
from planner.core.loading import (
    CALENDAR,
    ESTIMATES,
    GOALS,
    PROJECTS,
    RAW_FILES,
    RULES,
    TEAMS,
    data_workbook,
    folder_zip,
    read_csv_text,
)
from planner.core.repeated_names import RepeatedName, renamed_frames
from planner.core.table_rows import cell_text
from planner.core.tables import recognise_table
from planner.core.words import CALENDAR_HOURS_LABEL, KEPT_CLOSE_WORDS, counted
from planner.core.workbook import XLSX_MIME
from planner.core.workbook_writing import template_workbook
from planner.scenarios.language import input_changes
from planner.scenarios.plan_change import import_summary

TITLES = {
    TEAMS: "Teams",
    PROJECTS: "Projects",
    GOALS: "Goals",
    # As the Plan page's left-out table and plan.xlsx name them.
    ESTIMATES: "Teams' own estimates",
    RULES: "Rules",
    CALENDAR: "Calendar",
}
HELP = {
    TEAMS: "Sales and marketing teams: their own hours in the quarter (before the Calendar "
    "tab's weeks, which replace a week's share of it: the Constraints page's "
    f'"{CALENDAR_HOURS_LABEL}" shows each team\'s quarter with them), skills (name:level), '
    "the stages they work on (empty = all their department may own) and a project cap. "
    "Deleting a team deletes its calendar rows, estimates and rules too; changing a team's "
    "id renames it everywhere.",
    # Grouped as a leader fills a project in (what, who, when, how much), each column
    # by its heading, the file's column after it: listed in projects.csv's order, the
    # effort and value came between the stage and the skills, the weeks near the end.
    PROJECTS: "Proposed projects. "
    "**What:** its Name, the Goal (goal_id) it serves, its Funnel stage (stage), "
    "Mandatory (mandatory). "
    "**Who:** the Skills needed (required_skills) by the team that owns it; Joint (joint): "
    "it needs a sales and a marketing team, the Sales share (sales_share) of its hours on "
    "the sales one. "
    "**When:** Weeks it runs (duration_weeks), Starts no earlier than week (earliest_week), "
    "Done by week (due_week), empty = the whole quarter; Depends on (depends_on): projects "
    "it needs in the plan too, done before it starts where both have weeks. "
    "**How much:** Effort (effort_hours) in hours, Value (value) in the goal's KPI unit, "
    "Lowest and Highest likely value (value_low, value_high): the range the Overview's "
    "odds come from, empty = certain. "
    "Deleting a project deletes its estimates and rules too; changing a project's id "
    "renames it everywhere.",
    GOALS: "The quarter's stretch goals: KPI, target in the KPI's unit, owner and weight "
    "(how much the goal matters: 2 counts twice as much as 1; empty = 1).",
    ESTIMATES: "A team's own effort or value for one project (a team that knows the work "
    "may do it in fewer hours or to more effect), overriding the project's own figures.",
    RULES: "Leaders' decisions: pin a project to a team, or forbid a team from it.",
    CALENDAR: "A team's hours in one week or a range of weeks (e.g. 7-8); a row for one "
    "week changes that week only (week 6 alone: 6; from week 6 on: 6-13). A holiday, an "
    "off-site, a ramp-up, a team that starts in week 6 (a row for weeks 1-5 with 0 hours), a "
    "hire who joins a team in week 6 (a row for weeks 6-13 with the team's usual hours a week "
    "plus the hire's). A week without a row gets the team's own hours in the quarter (Teams "
    "tab) spread "
    "evenly over the quarter's weeks: its usual hours a week, which the Plan page's \"A team's "
    'weeks" draws.',
}
#: The Projects grid's columns as a leader edits them most, its effort, value and weeks
#: first, the rest after (projects.csv keeps its own order). At 1024 px the grid is some
#: 2,300 px wide, and Effort and Value came after the goal and stage, the weeks last.
PROJECT_COLUMNS = (
    "project_id",
    "name",
    "effort_hours",
    "value",
    "value_low",
    "value_high",
    "due_week",
    "earliest_week",
    "duration_weeks",
    "mandatory",
    "goal_id",
    "stage",
    "required_skills",
    "depends_on",
    "joint",
    "sales_share",
)
#: Each grid's id and name, in view while the rest scroll sideways (which row it is), and
#: their widths: Streamlit pins columns only while they fill at most 60 % of the grid, 459
#: of 766 px at 1024 px beside the open sidebar (an id of 100 px and a name of 418 px were
#: not pinned). With the Row column's 50 px, 315 px is left for a name: the sample's
#: longest ("Partner co-marketing with Snowflake, HubSpot and Slack", 334 px) loses its last
#: word, its whole text in its cell.
PINNED = {
    TEAMS: {"team_id": 90, "name": 315},
    PROJECTS: {"project_id": 90, "name": 315},
    GOALS: {"goal_id": 90, "name": 315},
}


#: The grids' row numbers, as the file, a spreadsheet and every message that names a row
#: count them (the header is row 1, a table's first row is row 2). The grids showed no
#: numbers at all, and "Goals, row 4" had to be counted out by hand, from 1 or from 2.
FIRST_ROW = 2
#: The grids' Row column: as wide as "Row" and a four-digit row, pinned with the id and
#: name (their widths, :data:`PINNED`, leave it room under Streamlit's 60 %).
_ROW_COLUMN = {
    "label": "Row",
    "help": "The row's number as in the file or a spreadsheet (the header is row 1): the "
    "row a problem names.",
    "width": 50,
    "disabled": True,
}


#: How a grid's rows are added and deleted, under each table's own help: the narrow column
#: left of Row, empty until a row is pointed at, is where a row is ticked to be deleted, and
#: nothing said so.
ROWS_HELP = (
    "To delete rows, tick the box left of their Row number (it shows when the mouse is over the "
    "row) and press Delete; to add one, type in the empty row at the foot of the table. "
    "Nothing changes until you apply the edits."
)


def _numbered(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` as its grid shows it: each row labelled with its number (:data:`FIRST_ROW`).
    A row added in the grid takes the next number; a deleted row's number goes with it."""
    shown = frame.copy(deep=False)
    shown.index = frame.index + FIRST_ROW
    return shown


def _unnumbered(frame: pd.DataFrame) -> pd.DataFrame:
    """A grid's table back in :func:`editable_frames`' labels (row 0 first)."""
    kept = frame.copy(deep=False)
    kept.index = frame.index - FIRST_ROW
    return kept


def _without_empty_new_rows(edited: pd.DataFrame, original: pd.DataFrame) -> pd.DataFrame:
    """``edited`` without the rows added in its grid and left empty, as a data file's empty
    line is read: a click on the grid's empty last row adds one, and the page said
    "Unapplied edits", and Apply "Edits applied", for no change at all."""
    added = edited[~edited.index.isin(original.index)]
    if added.empty:
        return edited
    empty = [label for label, row in added.iterrows() if not any(cell_text(v).strip() for v in row)]
    return edited.drop(index=empty) if empty else edited


def _grid_columns(file: str, problem: Problem) -> dict[str, Any]:
    """The Data page's grid columns for ``file``, its id and name pinned (:data:`PINNED`)."""
    columns = column_config(file, problem)
    columns["_index"] = dict(_ROW_COLUMN)
    for column, most in PINNED.get(file, {}).items():
        if column in columns:
            width = columns[column].get("width")
            columns[column]["width"] = min(width, most) if isinstance(width, int) else most
            columns[column]["pinned"] = True
    return columns


_DRAFTS = "data_drafts"
_ISSUES = "data_issues"
_UPLOAD_NONCE = "data_upload_nonce"
#: What an applied edit did besides the edit itself (a deleted team's calendar rows...).
_FOLLOWED = "data_followed"
#: The last import: (file name, inputs and result before it, inputs it gave).
_IMPORTED = "data_imported"
#: The first table of the edits last applied: the tables open on it again.
_APPLIED = "data_applied_table"
#: The loader's note on a rules row repeating another's rule (planner/core/decision_inputs.py).
_REPEATED = "the same rule is already on row"
#: "Start again from the bundled sample quarter" was clicked with unsaved work: the page asks first.
_ASK_SAMPLE = "data_ask_sample"


def _drafts(
    rev: int, originals: dict[str, pd.DataFrame]
) -> tuple[dict[str, pd.DataFrame], list[str]]:
    """This revision's edited tables (empty after an Apply or an import), and the tables
    whose drafts were set aside because another page changed them since.

    The Constraints page changes pins and forbids and goal weights in place: a draft
    begun before would show the table without that change, and its Apply undo it.
    """
    saved = st.session_state.get(_DRAFTS)
    if not saved or saved["revision"] != rev:
        saved = {"revision": rev, "frames": {}, "bases": {}, "drawn": {}}
        st.session_state[_DRAFTS] = saved
    frames: dict[str, pd.DataFrame] = saved["frames"]
    bases: dict[str, pd.DataFrame] = saved["bases"]
    stale = [f for f in list(frames) if f in bases and not bases[f].equals(originals[f])]
    for file in stale:
        frames.pop(file)
        bases.pop(file)
        saved["drawn"].pop(file, None)
        st.session_state.pop(f"edit-{file}-{rev}", None)
    return frames, stale


def _grid_start(file: str, key: str, original: pd.DataFrame, drafts: dict[str, pd.DataFrame]):
    """The table ``file``'s grid (widget ``key``) starts from: its draft when the grid is
    drawn anew (back from another page), else the table it started from when first drawn.

    Kept for the grid's later runs: the draft back from another page gave way to the table
    the plan uses on the grid's next edit, and the grid, its data changed, began again from
    it, the draft and that edit dropped without a word (a deleted team back)."""
    drawn: dict[str, pd.DataFrame] = st.session_state[_DRAFTS]["drawn"]
    if key not in st.session_state:
        drawn[file] = drafts.get(file, original)
    return drawn.get(file, original)


def _keep_draft(file: str, edited: pd.DataFrame, base: pd.DataFrame) -> None:
    """Keep ``edited`` as ``file``'s draft, begun on the table as ``base`` shows it."""
    saved = st.session_state[_DRAFTS]
    saved["frames"][file] = edited
    saved["bases"].setdefault(file, base)


def _apply(frames: dict[str, pd.DataFrame], notes: tuple[str, ...] = ()) -> None:
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
        st.session_state[_ISSUES] = (
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
    st.session_state.pop(_ISSUES, None)
    forget_refused()
    forget_repeats()
    st.session_state[_APPLIED] = next(iter(frames), None)
    # A rule repeated on another row counts once, and the Rules table is drawn again with it
    # once: the loader's "Delete one of the two rows", kept as a warning, named a row no
    # longer there. Said as done, with what the edit did.
    warnings = rows_as_labelled(warnings, edited)
    repeated = tuple(w for w in warnings if w.file == RULES and w.message.startswith(_REPEATED))
    repeated_notes = tuple(
        f"Rules, row {w.row}: {w.message} It counts once, as the table now shows." for w in repeated
    )
    warnings = tuple(w for w in warnings if w not in repeated)
    edits = edit_words(originals, frames, TITLES)
    remember_apply(
        problem, new_problem, {_SOURCE_PARTS: st.session_state.get(_SOURCE_PARTS)}, edits
    )
    # An edit, not new inputs: re-planned against the current plan, moving only what it must.
    set_problem(
        new_problem, warnings, source=_kept_source(replace(_source(), edited=True)), edit=True
    )
    emptied = _emptied_weights(frames)
    st.session_state[_FOLLOWED] = (
        revision(),
        (*notes, *follow.notes, *project_notes, *goal_notes, *repeated_notes, *emptied),
        overridden_edits(problem, new_problem),
    )
    st.toast("Edits applied: the plan is made again.", icon=":material/check:")


def _emptied_weights(frames: dict[str, pd.DataFrame]) -> tuple[str, ...]:
    """Goals whose weight the edit left empty, which goals.csv reads as 1: said, or a
    weight emptied came back as 1 without a word (the leader may have meant 0)."""
    goals = frames.get(GOALS)
    if goals is None or "weight" not in goals.columns:
        return ()
    return tuple(
        f"Goals, {_goal_named(row)}: its weight was empty, so it counts with the usual "
        "weight 1 (2 would count twice as much); type another weight to change it."
        for _, row in goals.iterrows()
        if not cell_text(row["weight"]).strip()
    )


def _goal_named(row: pd.Series) -> str:
    """A goal's row as a leader knows it: its name, else its id."""
    for column in ("name", "goal_id"):
        if column in row.index and (text := cell_text(row[column]).strip()):
            return text
    return "a goal without a name"


def _renamed(repeats: tuple[RepeatedName, ...], notes: tuple[str, ...]) -> None:
    """The repeated names told apart in the edits (kept as drafts), and the edits applied."""
    originals = editable_frames(current_problem())
    drafts = st.session_state[_DRAFTS]["frames"]
    for file, frame in renamed_frames({**originals, **drafts}, repeats).items():
        _keep_draft(file, frame, originals[file])
    _apply(dict(drafts), notes)


def _forget_apply() -> None:
    """The last Apply's words (or its refusal's) no longer said: its edits are gone."""
    for key in (_ISSUES, _APPLIED, _FOLLOWED):
        st.session_state.pop(key, None)
    forget_refused()


def _discard() -> None:
    _forget_apply()
    problem = current_problem()
    set_problem(problem, current_warnings(), edit=True)  # the same inputs: the same current plan
    st.toast(
        "Unapplied edits discarded: the tables show the data the plan uses.", icon=":material/undo:"
    )


def _import(name: str, data: bytes, table: str) -> None:
    """Import an uploaded CSV (one table), or a zip or workbook (every table), or keep errors."""
    whole = name.lower().endswith(WHOLE_DATA_SUFFIXES)
    st.session_state.pop(_APPLIED, None)
    try:
        new_problem, warnings = imported(current_problem(), name, data, table)
    except InvalidInputError as exc:
        st.session_state[_ISSUES] = (
            exc.errors,
            exc.warnings,
            f"{name} was not imported; the current data stays as it was.",
            () if whole else (table,),
        )
        return
    source = _kept_source(_Source(f"uploaded {name}") if whole else _source().upload(table, name))
    before = current_problem()
    # A zip or workbook without settings of its own keeps the session's (the loader is given
    # them, and returns them as they are): said, or next quarter's folder was planned with
    # this one's weeks, capacity what-ifs and weights without a word.
    kept = whole and new_problem.settings is before.settings
    st.session_state[_IMPORTED] = (name, before, cached_result(before), new_problem, kept)
    st.session_state.pop(_ISSUES, None)
    st.session_state[_UPLOAD_NONCE] = st.session_state.get(_UPLOAD_NONCE, 0) + 1
    set_problem(new_problem, warnings, source=source)
    set_basis(new_problem, f"the uploaded {name}")
    st.toast(f"Imported {md(name)}.", icon=":material/check:")


#: Where the inputs came from, in its parts (:class:`_Source`), beside the words it gives.
_SOURCE_PARTS = "data-source-parts"


@dataclass(frozen=True)
class _Source:
    """Where the inputs came from: the folder, workbook or scenario opened, each table
    uploaded since (its latest file), and whether an edit was applied.

    Kept as parts: read back from its own words, a file named "teams, edited.csv" cut the
    line at its ", edited" when teams.csv was uploaded again, and its "edited" read as an
    edit applied, so the next edit went unsaid.
    """

    opened: str
    uploads: tuple[tuple[str, str], ...] = ()
    edited: bool = False

    def upload(self, table: str, name: str) -> _Source:
        """With ``table`` uploaded as ``name``: a table uploaded again is named once, as
        its latest file ("teams.csv from uploaded teams (fixed).csv")."""
        kept = tuple((t, n) for t, n in self.uploads if t != table)
        return replace(self, uploads=(*kept, (table, name)))

    def text(self) -> str:
        uploads = "".join(f", {table} from uploaded {name}" for table, name in self.uploads)
        return f"{self.opened}{uploads}{', edited' if self.edited else ''}"


def _source() -> _Source:
    """The session's source in its parts; one set elsewhere (a folder, a scenario, the
    sample, work kept over a reload) is its own words, an edit said at its end."""
    source = data_source()
    # Kept as plain values: this page's script, and its class, are made anew at each run.
    if (kept := st.session_state.get(_SOURCE_PARTS)) is not None:
        parts = _Source(*kept)
        if parts.text() == source:
            return parts
    opened = source.removesuffix(", edited")
    return _Source(opened, edited=opened != source)


def _kept_source(source: _Source) -> str:
    """Keep ``source``'s parts for the next upload or edit; its words, for set_problem."""
    st.session_state[_SOURCE_PARTS] = (source.opened, source.uploads, source.edited)
    return source.text()


def _to_sample() -> None:
    """Start again from the bundled sample: a loaded scenario or an upload had no way back
    but reloading the tab."""
    for key in (_ISSUES, _APPLIED, _FOLLOWED, _IMPORTED, _ASK_SAMPLE, _DRAFTS):
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


def _start_again(problem: Problem, changed: list[str]) -> None:
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


require_router()
problem = current_problem()
rev = revision()
originals = editable_frames(problem)
drafts, set_aside = _drafts(rev, originals)

st.title("Data")
# What the plan is built on, and what an applied edit did to it: drawn with the data now,
# its plan's lines once the tables are drawn (below, the solve's progress in their place):
# at 150 teams the page showed no table until the first plan was made, some 10 s.
last_import = st.session_state.get(_IMPORTED)
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

# Import and download
with st.container(border=True):
    upload_col, download_col = st.columns([3, 2], gap="large")
    with upload_col:
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
                try:
                    guess = recognise_table(read_csv_text(uploaded.getvalue(), name).columns)
                except InvalidInputError:
                    guess = None
                table = st.selectbox(
                    "This file is the table",
                    RAW_FILES,
                    index=RAW_FILES.index(guess) if guess in RAW_FILES else 0,
                    format_func=lambda f: f"{TITLES[f]} ({f})",
                    help="Recognised from its column headers; change it if that is wrong.",
                )
            label = "Import the data folder" if is_zip else f"Import as {md(table)}"
            if st.button(label, type="primary", icon=":material/upload:"):
                _import(name, uploaded.getvalue(), table)
                st.rerun()
        # Filled once the editors below have run: an edit made this run counts as a draft.
        start_again = st.container()
    with download_col:
        # Filled at the end of the page, once the tables are drawn.
        data_slots = st.empty(), st.empty()
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
        template_slot = st.empty()

last_import = st.session_state.get(_IMPORTED)
# The last import's summary, its plan's figures in it: filled once the tables are drawn.
import_note = st.container()
followed = st.session_state.get(_FOLLOWED)
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
issues = st.session_state.get(_ISSUES)
# Filled once the grids have run: a refusal's headline says whether they changed since.
issues_slot = st.container()
show_repeats(TITLES, _renamed)

if set_aside:
    st.warning(
        f"Your unapplied edits to {', '.join(TITLES[f] for f in set_aside)} were set aside: "
        "that table changed on another page (the Constraints page's pins and forbids or "
        "goal weights) since you began them. The tables below show the data as it is now; "
        "make those edits again there.",
        icon=":material/warning:",
    )

# Editors
labels = [f"{TITLES[f]} ({len(originals[f]):,})" for f in RAW_FILES]
# Edits refused: the first table the problems name opens, where they are fixed (a CMO's
# calendar row refused on Apply left the page on the Teams tab, the table in question hidden);
# edits applied: the table edited, to see them in force.
named = [f for i in (issues[0] if issues else ()) for f in RAW_FILES if i.file == f]
named = named or [f for f in RAW_FILES if f == st.session_state.get(_APPLIED)]
tabs = st.tabs(labels, default=labels[RAW_FILES.index(named[0])] if named else None)
for tab, file in zip(tabs, RAW_FILES, strict=True):
    with tab:
        st.caption(f"{HELP[file]}\n\n{ROWS_HELP}")
        key = f"edit-{file}-{rev}"
        # Back from another page: the editor starts again from the draft.
        base = _grid_start(file, key, originals[file], drafts)
        edited = st.data_editor(
            _numbered(base),
            key=key,
            num_rows="dynamic",
            hide_index=False,
            column_config=_grid_columns(file, problem),
            # The columns a leader edits most first; a column the file has beyond them after.
            column_order=(
                [c for c in PROJECT_COLUMNS if c in base.columns]
                + [c for c in base.columns if c not in PROJECT_COLUMNS]
                if file == PROJECTS
                else None
            ),
            width="stretch",
            # An empty cell takes the default, as in the CSV: blank, not "None".
            placeholder="",
        )
        edited = _without_empty_new_rows(_unnumbered(edited), originals[file])
        if edited.equals(originals[file]):
            drafts.pop(file, None)
            st.session_state[_DRAFTS]["bases"].pop(file, None)
        else:
            _keep_draft(file, edited, originals[file])

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
with start_again:
    _start_again(problem, changed)
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
        on_click=_apply,
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
    undo_button(undo_col, pending=bool(changed), on_undo=_forget_apply)


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
