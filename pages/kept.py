"""The session's unsaved work: kept in the scenario database at each change, offered back
to a new session (a reload of the tab, a restart of the server).

Not a page: app.py routes only the pages in ``pages.common.PAGES``. What is kept and why
one per database is :mod:`planner.scenarios.kept_work`'s; the SQL is the store's.
"""

from __future__ import annotations

import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor

import streamlit as st

from pages.common import current_problem, data_source, fingerprint, set_problem
from pages.solving import keep_as_plan_in_force, plan_in_force, solve_service
from pages.start import opened_label, opening_data
from pages.store import quiet_store
from pages.ui import md
from planner.core.domain import Problem
from planner.scenarios.kept_work import KeptWork, offer_text
from planner.scenarios.relative import is_edit_of, is_what_if
from planner.scenarios.storage import StorageError
from planner.solving import service

#: The inputs the session's last run ended with.
_SEEN = "_kept_work_seen"
#: The fingerprint this session last kept (its own work in the database).
_KEPT = "_kept_work_fingerprint"
#: Why the session's last change could not be kept, or absent.
_NOT_KEPT = "_kept_work_failed"
#: The work offered to this session (a KeptWork), None when there is nothing (more) to
#: offer; absent until the session's first run has looked.
_OFFER = "_kept_work_offer"
#: Why the work kept could not be read back or discarded, said once where the offer goes.
_UNREADABLE = "_kept_work_unreadable"
#: The fingerprint of the data the app opened this session on.
_OPENED = "_kept_work_opened"
#: The session's last write of its work, until its outcome is read (:func:`_collect`).
_PENDING = "_kept_work_pending"
#: The saved scenario (fingerprint, id) the session's inputs were last said to be, as
#: :func:`keep_changes` last saw it.
_SAVED_SEEN = "_kept_work_saved_seen"

#: One thread for every session's writes, in the order they were made: a change's page
#: does not wait for the database (a write took 0.05-0.15 s on the sample, a capacity
#: slider's whole re-plan 0.2 s), and a look-up queued behind them reads the latest.
_WRITER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kept-work")
#: A write waits this long first, so that it does not take the CPU the page's redraw needs
#: (on 2 cores, beside the browser, it added 0.04 s to a slider's redraw) and a change made
#: meanwhile (a slider dragged on) writes once, the latest.
_SETTLE_S = 0.5
#: The number of the latest write queued (an earlier one left waiting is not made), and
#: the lock sessions' threads take to number theirs.
_newest = [0]
_NUMBERING = threading.Lock()


def flush() -> None:
    """Wait until every write of kept work queued so far is done (a new session's look-up
    does; so may a test that reads the database after a run)."""
    _WRITER.submit(lambda: None).result()


def _collect() -> None:
    """Read the outcome of the session's last write once it is done: a database that could
    not be written is said on the basis line (:func:`kept_words`), and tried again at the
    next change."""
    pending: Future[None] | None = st.session_state.get(_PENDING)
    if pending is None or not pending.done():
        return
    del st.session_state[_PENDING]
    if (exc := pending.exception()) is not None:
        if not isinstance(exc, StorageError):
            raise exc
        st.session_state[_NOT_KEPT] = str(exc)


def _opened_key() -> str:
    """The fingerprint of the data the app opened on (computed once a session: the
    opened data comes from a cache that hands out a copy at each call)."""
    if _OPENED not in st.session_state:
        st.session_state[_OPENED] = service.fingerprint(opening_data()[0])
    return str(st.session_state[_OPENED])


def keep_changes() -> None:
    """Before and after each page's run (app.py): keep the session's inputs if they changed.

    Every change (an applied edit, a setting, a pin, an import, a scenario loaded) ends
    in the session's inputs, valid; nothing is kept from input that was refused.
    """
    _forget_saved()
    problem = current_problem()
    seen = st.session_state.get(_SEEN)
    if seen is problem:
        return
    st.session_state[_SEEN] = problem
    if seen is not None:  # not the session's first run, on the data the app opened
        keep(problem)


def _saved_key() -> str | None:
    """The fingerprint of the saved scenario the session's inputs are (saved or loaded as
    they are), or None."""
    from pages.headline import SAVED_AS

    saved: tuple[str, int] | None = st.session_state.get(SAVED_AS)
    return None if saved is None else saved[0]


def _forget_saved() -> None:
    """The session's inputs just saved as a scenario: the work this session kept for them
    is saved now, not unsaved. A reload read "Your unsaved work ... was kept ... before it
    was saved as a scenario" of work saved a moment before."""
    from pages.headline import SAVED_AS

    saved = st.session_state.get(SAVED_AS)
    if saved is None or saved == st.session_state.get(_SAVED_SEEN):
        return
    st.session_state[_SAVED_SEEN] = saved
    own = st.session_state.get(_KEPT)
    if own != saved[0] or (store := quiet_store()) is None:
        return

    # After the session's writes queued before it (its own work written, then dropped);
    # another session's work kept since is not this one's, and stays.
    def forget() -> None:
        store.discard_work(own)

    st.session_state[_PENDING] = _WRITER.submit(forget)


def keep(problem: Problem) -> None:
    """Keep the session's inputs (applied, valid) as the database's unsaved work.

    Inputs equal to the data the app opened, or to a saved scenario they were saved or
    loaded as, drop the work this session kept (nothing unsaved to restore); a database
    that cannot be used is said on the basis line (:func:`kept_words`). The session's
    own change answers an offer not taken.
    """
    st.session_state[_OFFER] = None
    _collect()
    key = fingerprint(problem)
    if st.session_state.get(_KEPT) == key and _NOT_KEPT not in st.session_state:
        return
    store = quiet_store()
    if store is None:
        st.session_state[_NOT_KEPT] = "the scenario database is unavailable"
        return
    own, source, opened = st.session_state.get(_KEPT), data_source(), _opened_key()
    unsaved = key not in (opened, _saved_key())

    with _NUMBERING:
        number = _newest[0] = _newest[0] + 1

    def write() -> None:
        time.sleep(_SETTLE_S)
        if number != _newest[0]:
            return  # a later change (of any session) writes the latest work
        if unsaved:
            store.keep_work(problem, source)
        elif own is not None:
            store.discard_work(own)

    st.session_state[_PENDING] = _WRITER.submit(write)
    st.session_state.pop(_NOT_KEPT, None)
    st.session_state[_KEPT] = key


def kept_words() -> str:
    """How the session's unsaved changes stand against a reload, for the basis line."""
    _collect()
    if _NOT_KEPT in st.session_state:
        return "lost on a reload: the scenario database is unavailable"
    return "kept across a reload"


def _looked_up() -> KeptWork | None:
    """The work kept in the database that differs from the data the app opened."""
    store = quiet_store()
    if store is None:
        return None
    try:
        work = _WRITER.submit(store.kept_work).result()  # after every write queued before
    except StorageError as exc:
        st.session_state[_UNREADABLE] = f"**Your unsaved work could not be restored.** {exc}"
        return None
    if work is None or work.fingerprint == _opened_key():
        return None
    return work


def offer_kept_work() -> None:
    """Offer a new session the unsaved work kept: Restore it, or start from the data the
    app opened (which discards it). Shown until answered or the session changes its
    inputs itself."""
    if _OFFER not in st.session_state:  # the session's first run
        st.session_state[_OFFER] = _looked_up()
    work: KeptWork | None = st.session_state[_OFFER]
    if work is None:
        if (why := st.session_state.pop(_UNREADABLE, None)) is not None:
            st.warning(md(why), icon=":material/history:")
        return
    opened, _, source, _ = opening_data()
    label = opened_label(source)
    with st.container(border=True, key="kept-work"):
        st.info(md(offer_text(work, opened, label)), icon=":material/history:")
        restore, start = st.columns(2)
        restore.button(
            "Restore it",
            key="kept-work-restore",
            type="primary",
            icon=":material/restore:",
            on_click=_restore,
            args=(work, opened, label),
        )
        start.button(
            f"Start from {label}",
            key="kept-work-discard",
            icon=":material/restart_alt:",
            on_click=_discard,
            args=(work, label),
        )


def _restore(work: KeptWork, opened: Problem, label: str) -> None:
    from pages.headline import set_basis

    st.session_state[_KEPT] = work.fingerprint  # in the database already
    # Edits and what-ifs of the data opened were re-planned against its plan, kept close to
    # it: the same plan in force here gives back the plan the leader left (planned from
    # scratch, it had other projects and other figures).
    related = is_what_if(work.problem, opened) or is_edit_of(work.problem, opened)
    anchor = plan_in_force()
    if related and (anchor is None or anchor.key != _opened_key()):
        first = solve_service().cached(_opened_key())
        if first is not None:
            keep_as_plan_in_force(opened, first)
    set_problem(work.problem, work.warnings, source=work.source, edit=related)
    # Changes against the data opened, as the offer named them, are the unsaved ones.
    set_basis(opened, label)
    st.toast("Your unsaved work is restored.", icon=":material/restore:")


def _discard(work: KeptWork, label: str) -> None:
    st.session_state[_OFFER] = None
    store = quiet_store()
    if store is not None:
        try:
            _WRITER.submit(store.discard_work, work.fingerprint).result()
        except StorageError as exc:
            st.session_state[_UNREADABLE] = f"**The unsaved work could not be discarded.** {exc}"
            return
    st.toast(f"Started from {md(label)}; the unsaved work is discarded.", icon=":material/check:")
