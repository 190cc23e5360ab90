"""What a session opens on: the bundled sample, or the data PLANNER_DATA names.

Data that cannot be opened (a bad cell, a missing folder) leaves the app on
the sample, with that data's problems kept for app.py to show above every
page, instead of the app failing on every page.
"""

from __future__ import annotations

import os
from pathlib import Path

import streamlit as st

from planner import InvalidInputError, Problem
from planner.core.errors import InputIssue
from planner.core.identifiers import escaped, undecodable
from planner.core.loading import data_signature, load_with_warnings
from planner.scenarios.kept_work import SAMPLE_DIR, SAMPLE_SOURCE, data_label, is_sample

APP_DIR = Path(__file__).resolve().parent.parent
#: A data folder (or workbook, or zip) to open on instead of the sample.
DATA_ENV = "PLANNER_DATA"
#: Where the sample's files are, for the help under "Files loaded from the bundled sample
#: quarter" (SAMPLE_SOURCE): a path is for whoever runs the app, not the caption a leader reads.
SAMPLE_HELP = "Its files are the data/sample folder of the app."

#: PLANNER_DATA's path and problems, when it could not be opened.
Refused = tuple[str, tuple[InputIssue, ...]]


@st.cache_data(show_spinner=False, max_entries=8)
def _cached(folder: str, signature: tuple[object, ...]) -> tuple[Problem, tuple[InputIssue, ...]]:
    # Keyed by what the files hold now too: a file edited since was served as first read
    # to every new session until the server restarted.
    loaded = load_with_warnings(folder)
    return loaded.problem, loaded.warnings


def load_folder(folder: str) -> tuple[Problem, tuple[InputIssue, ...]]:
    """A data folder's inputs and warnings, read once while its files stay as they are."""
    return _cached(folder, data_signature(folder))


def opening_data() -> tuple[Problem, tuple[InputIssue, ...], str, Refused | None]:
    """The inputs to open on, their warnings, where they came from and what was refused."""
    # "~" expanded and blanks ignored, as PLANNER_DB's (a service file has no shell to do it).
    folder = Path(os.environ.get(DATA_ENV, "").strip() or SAMPLE_DIR).expanduser()
    if is_sample(folder):
        return (*load_folder(str(SAMPLE_DIR)), SAMPLE_SOURCE, None)
    if bad := undecodable(str(folder)):
        # Streamlit's cache and pages take only UTF-8: every page read "This app has
        # encountered an error".
        problem = InputIssue(
            escaped(str(folder)),
            None,
            None,
            f"its path holds {escaped(bad[0])}, a byte that is not UTF-8 (a folder named in "
            "another encoding, e.g. Latin-1).",
            f"Set {DATA_ENV} to a path written in UTF-8 (rename the folder).",
        )
        return (*load_folder(str(SAMPLE_DIR)), SAMPLE_SOURCE, (escaped(str(folder)), (problem,)))
    try:
        # Named by its own name: "." (started inside the folder) has none of its own.
        return (*load_folder(str(folder)), folder.resolve().name or str(folder), None)
    except InvalidInputError as exc:
        return (*load_folder(str(SAMPLE_DIR)), SAMPLE_SOURCE, (str(folder), tuple(exc.errors)))


def source_help(source: str) -> str | None:
    """The help beside "Files loaded from ...": where the sample's files are, for its
    source (an upload or an edit of the sample too); none for other data."""
    return SAMPLE_HELP if source.startswith(SAMPLE_SOURCE) else None


def opened_label(source: str) -> str:
    """What the session opened on, for "Built on ...": the sample, or PLANNER_DATA's name."""
    return SAMPLE_SOURCE if source == SAMPLE_SOURCE else data_label(source)
