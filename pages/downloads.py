"""The pages' download buttons for files that take the server time to make: made when first
wanted (the data's zip and workbook, the template workbook) or as the page is drawn (a
plan.xlsx), and a file the server cannot make said in its button's place."""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import partial
from typing import Any, Literal

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from pages.memo import recalled, remember
from pages.ui import md
from planner.core.domain import Problem
from planner.core.errors import InvalidInputError
from planner.core.loading import data_workbook, folder_zip
from planner.core.workbook import XLSX_MIME


def data_downloads(problem: Problem, what: str, *, explained: bool = False) -> None:
    """Two buttons that download ``problem``'s data: its folder (zip) and its workbook.

    ``what`` names the data on the buttons ("the inputs"). ``explained``: each
    says that uploading it gives the same data back, and spans its column (the
    Data page, where they sit beside the upload). The files are made when a
    button is first pressed (:func:`file_on_demand`), not at every visit: at 150
    teams x 1,500 projects the workbook alone takes 0.4 s of the server's time,
    and most visits download neither.
    """
    zip_help, book_help = DATA_HELPS if explained else (None, None)
    width: Literal["stretch", "content"] = "stretch" if explained else "content"
    file_on_demand(
        st.empty(),
        folder_zip,
        (problem,),
        "The data folder (zip)",
        "The Excel workbook below holds the same data.",
        label=f"Download {what} (zip)",
        file_name="goal-planner-data.zip",
        mime="application/zip",
        icon=":material/folder_zip:",
        help=zip_help,
        width=width,
    )
    file_on_demand(
        st.empty(),
        data_workbook,
        (problem,),
        "The data workbook",
        "The zip above holds the same data, and loads back here as the workbook would.",
        label=f"Download {what} (Excel)",
        file_name="goal-planner-data.xlsx",
        mime=XLSX_MIME,
        icon=":material/table_view:",
        help=book_help,
        width=width,
    )


def unmade_file(file_name: str, failure: InvalidInputError, instead: str) -> None:
    """Say, in a download button's place, why ``file_name`` could not be made (a server
    past its file size limit, a full temporary folder: :func:`planner.core.output.
    scratch_failure`), with the fix for whoever runs the planner and ``instead``, what the
    leader can download meanwhile. Made on the click, the file failed in silence: the
    error reached the server's log only."""
    said = " ".join(str(issue) for issue in failure.errors)
    st.error(
        f"**{file_name} could not be made, so there is nothing to download.** "
        f"{instead} Ask whoever runs the planner to fix this, then open this page "
        f"again: {md(said)}",
        icon=":material/error:",
    )


def made_file_button(
    slot: DeltaGenerator, make: Callable[[], bytes], named: str, instead: str, **button: Any
) -> None:
    """Make a file as the page is drawn and offer it in ``slot``, the place its download
    button keeps (an ``st.empty()`` filled after the page's tables, so they show first);
    ``button``: :func:`st.download_button`'s label, file name, mime and the rest.

    Made on the click, a file the server could not make (past its file size limit, a full
    temporary folder) downloaded nothing: Streamlit said "Failed to generate file for
    download" for 5 s, the reason in the server's log only. Here the failure is said in the
    button's place (:func:`unmade_file`: ``named``, how the page names the file, and
    ``instead``, what the leader can download meanwhile). ``make`` should remember its
    file (:func:`pages.common.remembered`) so that a rerun does not make it again; a
    failure is not remembered, so the next run tries again.
    """
    try:
        # Mid-sentence: "Making the re-plan's plan.xlsx ...".
        with slot, st.spinner(f"Making {named[:1].lower()}{named[1:]} ..."):
            made = make()
    except InvalidInputError as exc:
        with slot:
            unmade_file(named, exc, instead)
    else:
        slot.download_button(data=made, on_click="ignore", **button)  # no rerun: see above


#: Session key: the files the last click could not make, by how their pages name them.
_UNMADE = "files_not_made"


class _Making:
    """One file, made once by whichever asks for it first: the browser's request for the
    download (on a thread of Streamlit's own) or the rerun the same click starts (the page's
    script, which then says a failure in the button's place). ``make`` must not read the
    session: it may run outside the page's script."""

    def __init__(self, make: Callable[[], bytes]) -> None:
        self._make = make
        self._lock = threading.Lock()
        self._made: bytes | InvalidInputError | None = None

    def get(self) -> bytes:
        """The file, made on the first call; a failure raised to every caller."""
        with self._lock:
            if self._made is None:
                try:
                    self._made = self._make()
                except InvalidInputError as exc:
                    self._made = exc
            made = self._made
        if isinstance(made, InvalidInputError):
            raise made
        return made


def _clicked(
    making: _Making, compute: Callable[..., bytes], args: tuple[Any, ...], named: str
) -> None:
    """The click's rerun, before the page is drawn: the file made (or waited for, while the
    browser's request makes it), kept for the next clicks, or its failure kept to be said."""
    try:
        made = making.get()
    except InvalidInputError as exc:
        st.session_state.setdefault(_UNMADE, {})[named] = exc
    else:
        remember(made, compute, *args)


def file_on_demand(
    slot: DeltaGenerator,
    compute: Callable[..., bytes],
    args: tuple[Any, ...],
    named: str,
    instead: str,
    **button: Any,
) -> None:
    """A download button in ``slot`` for ``compute(*args)``, made only when it is first
    wanted; ``button``: :func:`st.download_button`'s label, file name, mime and the rest.

    Made as the page is drawn, the data workbook cost every visit to the Data page 0.4 s at
    150 teams x 1,500 projects, though most never download it. Made on the click alone, a
    file the server could not make (past its file size limit, a full temporary folder)
    downloaded nothing and Streamlit said only "Failed to generate file for download" for
    5 s. So the first click both hands the browser the file (Streamlit's deferred download)
    and reruns the page, which waits for the same making: the file is then kept for the
    next clicks (:func:`pages.memo.remember`, while ``args`` are the same objects), or its
    failure is said in the button's place (:func:`unmade_file`: ``named``, how the page names
    the file, and ``instead``, what the leader can download meanwhile), once: the next run
    offers the button again, to try again.
    """
    failed = st.session_state.get(_UNMADE, {}).pop(named, None)
    if failed is not None:
        with slot:
            unmade_file(named, failed, instead)
        return
    made = recalled(compute, *args)
    if made is not None:
        # No rerun: a second button clicked while it ran fetched a file the server had dropped.
        slot.download_button(data=made, on_click="ignore", **button)
        return
    making = _Making(partial(compute, *args))
    slot.download_button(
        data=making.get, on_click=_clicked, args=(making, compute, args, named), **button
    )


#: What the data's zip and workbook buttons say of each (the Data page's, beside the upload).
DATA_HELPS = (
    "The six CSV files and settings.toml; upload it here to get the same data back.",
    "One sheet per table and a settings sheet; upload it here to get the same data back.",
)
