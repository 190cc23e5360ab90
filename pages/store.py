"""The app's scenario database: opened once per file, and a banner when it cannot be used.

Not a page: app.py routes only the pages in ``pages.common.PAGES``.
"""

from __future__ import annotations

import os
from contextlib import suppress

import streamlit as st

from pages.ui import md
from planner.scenarios.storage import ScenarioStore, StorageError, database_path


@st.cache_resource(show_spinner=False)
def _open_store(path: bytes) -> ScenarioStore:
    # Keyed on the path so that PLANNER_DB decides, per process and per test; as bytes,
    # which a path with a byte that is not UTF-8 has too (as text Streamlit could not
    # hash it, and every page failed). A failed open raises and is not cached: the next
    # rerun tries again.
    return ScenarioStore.open(os.fsdecode(path))


def warm_store() -> None:
    """Open the database once per server, after the first page, so that the first visit
    to Scenarios or Check-in lists at once (creating the file and its tables takes a
    moment). A database that cannot be used is said where it is used, not here."""
    with suppress(StorageError):
        _open_store(os.fsencode(database_path()))


def quiet_store() -> ScenarioStore | None:
    """The app's scenario database, or ``None`` when it cannot be used (said by the caller)."""
    try:
        return _open_store(os.fsencode(database_path()))
    except StorageError:
        return None


def scenario_store() -> ScenarioStore | None:
    """The app's scenario database, or ``None`` after showing why it is unavailable."""
    try:
        return _open_store(os.fsencode(database_path()))
    except StorageError as exc:
        storage_unavailable(exc)
        return None


def storage_unavailable(exc: StorageError) -> None:
    """Say why saved scenarios are unavailable, with a Try again button."""
    st.warning(
        f"**Saved scenarios are unavailable right now.** {md(str(exc))}\n\n"
        "Planning, comparing with the current plan and capacity what-ifs still work.",
        icon=":material/cloud_off:",
    )
    if st.button("Try again", key="scenario-retry"):
        _open_store.clear()
        st.rerun()
