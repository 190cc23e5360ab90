"""The Data page's names repeated in its tables, said in one message with a one-click fix.

A scenario saved before names had to differ opens with its repeated names warned; any edit
of its tables was then refused, one problem a repeated row among the edit's own, until each
was renamed by hand. Said once, each pair by its rows, with a button that names every later
row by its name and id ("SDR Team (mm-ae)") and applies the edits with it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import pandas as pd
import streamlit as st

from pages.common import revision
from pages.ui import md
from planner.core.repeated_names import RepeatedName, repeated_names
from planner.core.shared_words import plural

#: The repeats an Apply was refused for: (revision, repeats).
_REPEATS = "data_repeated_names"
#: The button's words.
RENAME_LABEL = "Tell them apart by their ids and apply"
#: Pairs listed in the message; the rest counted.
_SHOWN = 5


def note_repeats(tables: Mapping[str, pd.DataFrame], before: Mapping[str, pd.DataFrame]) -> None:
    """An Apply of ``tables`` (every table, as edited) was refused: keep its repeated names,
    and whether the data ``before`` the edit repeated them already (a scenario saved before
    names had to differ) or the edit made them."""
    repeats = repeated_names(tables)
    if repeats:
        old = {(r.file, r.row_id) for r in repeated_names(before)}
        saved = all((r.file, r.row_id) in old for r in repeats)
        st.session_state[_REPEATS] = (revision(), repeats, saved)
    else:
        st.session_state.pop(_REPEATS, None)


def forget_repeats() -> None:
    st.session_state.pop(_REPEATS, None)


def _pair(repeat: RepeatedName, titles: Mapping[str, str]) -> str:
    return (
        f"{titles[repeat.file]} rows {repeat.first_row} and {repeat.row} are both "
        f"'{repeat.name}' ({repeat.what}s '{repeat.first_id}' and '{repeat.row_id}')"
    )


def show_repeats(
    titles: Mapping[str, str],
    rename: Callable[[tuple[RepeatedName, ...], tuple[str, ...]], None],
) -> None:
    """The refused Apply's repeated names in one message, and the button that renames them.

    ``rename(repeats, notes)``: rename the rows ``repeats`` name in the edits and apply
    them, ``notes`` saying each rename."""
    kept = st.session_state.get(_REPEATS)
    if not kept or kept[0] != revision():
        return
    repeats: tuple[RepeatedName, ...] = kept[1]
    why = (
        "The data was saved before names had to differ, so any edit of it is refused until "
        "each pair is told apart. "
        if kept[2]
        else ""
    )
    pairs = "; ".join(_pair(r, titles) for r in repeats[:_SHOWN])
    more = f"; and {plural(len(repeats) - _SHOWN, 'more')}" if len(repeats) > _SHOWN else ""
    example = repeats[0]
    st.warning(
        f"**{plural(len(repeats), 'name')} repeated** in the data, which every page, chart "
        f"and export would read as one: {md(pairs)}{md(more)}. {why}Rename "
        f"one of each pair in its table, or click below to add each later row's id to its "
        f"name ('{md(example.name)}' becomes '{md(example.renamed)}') and apply your edits "
        "with it.",
        icon=":material/warning:",
    )
    notes = tuple(
        f"{titles[r.file]}, row {r.row}: renamed '{r.name}' → '{r.renamed}', to tell it from "
        f"{r.what} '{r.first_id}' (row {r.first_row})."
        for r in repeats
    )
    st.button(RENAME_LABEL, icon=":material/edit:", on_click=rename, args=(repeats, notes))
