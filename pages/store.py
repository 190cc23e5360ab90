"""The app's scenario database: opened once per file, and a banner when it cannot be used.

Not a page: app.py routes only the pages in ``pages.common.PAGES``.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from contextlib import suppress

import streamlit as st

from pages.ui import md
from planner.scenarios.scenario import Scenario, ScenarioSummary
from planner.scenarios.storage import ScenarioStore, StorageError, database_path

#: Session key: the saved scenarios read back lately, each with the list row it was read for.
_READ = "scenario-read"
#: How many are kept (a scenario of 1,500 projects is a few MB).
_READ_SIZE = 4


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


def read_listed(
    store: ScenarioStore, scenario_id: int, listed: Sequence[ScenarioSummary]
) -> Scenario:
    """``store.load(scenario_id)``, read once while ``listed`` (this run's list) shows it alike.

    The Scenarios page read the picked scenario back and built its inputs again at every
    rerun, and the one Compare sets beside it a second time: 2.8 s of the 4.2 s run that
    shows a save at 150 teams x 1,500 projects. Its row (name, note, parent, created at,
    figures) is the key: renamed or its parent deleted meanwhile, it is read again. Raises
    as :meth:`ScenarioStore.load` does; a scenario not in ``listed`` is read every time.
    """
    row = next((s for s in listed if s.scenario_id == scenario_id), None)
    if row is None:
        return store.load(scenario_id)
    kept: list[tuple[tuple[str, ScenarioSummary], Scenario]] = st.session_state.setdefault(
        _READ, []
    )
    key = (str(store.path), row)
    for index, (before, scenario) in enumerate(kept):
        if before == key:
            kept.append(kept.pop(index))
            return scenario
    scenario = store.load(scenario_id)
    kept.append((key, scenario))
    del kept[:-_READ_SIZE]
    return scenario
