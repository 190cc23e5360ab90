"""The session's unsaved work: kept in the scenario database at each change, offered back
to a new session (a reload of the tab, a restart of the server).

Not a page: app.py routes only the pages in ``pages.common.PAGES``. What is kept and why
one per database is :mod:`planner.scenarios.kept_work`'s; the SQL is the store's.
"""

from __future__ import annotations

import secrets
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import suppress
from datetime import UTC, datetime

import streamlit as st

from pages.common import current_problem, data_source, fingerprint, set_problem
from pages.first_paint import BROWSER_COOKIE, browser_mark
from pages.solving import PlanInForce, keep_as_plan_in_force, plan_in_force, solve_service
from pages.start import opened_label, opening_data
from pages.store import quiet_store
from pages.ui import KEPT_WORK, md
from planner import Problem
from planner.core.shown_figures import capitalised
from planner.scenarios.copies import saved_with_inputs
from planner.scenarios.kept_work import (
    KeptPlan,
    KeptWork,
    gone_text,
    nothing_to_restore,
    offer_line,
    offer_text,
)
from planner.scenarios.relative import is_edit_of, is_what_if
from planner.scenarios.storage import ScenarioStore, StorageError
from planner.scenarios.storage_messages import database_path
from planner.solving import service

#: The inputs and the current plan the session's last run ended with.
_SEEN, _SEEN_IN_FORCE = "_kept_work_seen", "_kept_work_seen_in_force"
#: The fingerprint this session last kept (its own work in the database), and the current plan
#: kept with it.
_KEPT, _KEPT_IN_FORCE = "_kept_work_fingerprint", "_kept_work_in_force"
#: Why the session's last change could not be kept, or absent.
_NOT_KEPT = "_kept_work_failed"
#: The work offered to this session (a KeptWork), None when there is nothing (more) to
#: offer; absent until the session's first run has looked.
_OFFER = "_kept_work_offer"
#: The work offered that the session's own change answered, with the page it is drawn on
#: (None until drawn): its box stays there, its buttons off, until another page opens.
_ANSWERED = "_kept_work_answered"
#: Why the work kept could not be read back or discarded, said once where the offer goes.
_UNREADABLE = "_kept_work_unreadable"
#: Why a Restore it restored nothing: the work offered changed since (:func:`_still_kept`).
_CHANGED = "_kept_work_changed"
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
#: How many of the newest saved scenarios Restore it looks among for work no longer kept.
_SAVED_LOOKED_AT = 50
#: When the latest change of any session could not be kept, by database (this server's
#: sessions share its kept work): the work a reload then offers is older than that change,
#: and the offer says so. A change kept since clears it.
_LOST: dict[str, datetime] = {}
#: The session whose work is kept now, by database (as :data:`_LOST`): another tab's change
#: since replaced this session's work, and its basis line no longer says "kept across a
#: reload" of a change a reload would not offer.
_KEEPER: dict[str, str] = {}
#: This session's own id, for :data:`_KEEPER`.
_SESSION = "_kept_work_session"


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


def _session() -> str:
    """This session's id (made once a session)."""
    if _SESSION not in st.session_state:
        st.session_state[_SESSION] = secrets.token_hex(8)
    return str(st.session_state[_SESSION])


def _browser() -> str | None:
    """The mark of the session's browser (``serve.py`` gives each one), or None (none
    given, or a session with no browser: AppTest's)."""
    mark = st.context.cookies.get(BROWSER_COOKIE)
    return browser_mark(mark) if isinstance(mark, str) else None


def _opened_key() -> str:
    """The fingerprint of the data the app opened on (computed once a session: the
    opened data comes from a cache that hands out a copy at each call)."""
    if _OPENED not in st.session_state:
        st.session_state[_OPENED] = service.fingerprint(opening_data()[0])
    return str(st.session_state[_OPENED])


def keep_changes() -> None:
    """Before and after each page's run (app.py): keep the session's inputs, and the current plan
    they are planned against, if either changed.

    Every change (an applied edit, a setting, a pin, an import, a scenario loaded, a plan
    kept) ends in the session's inputs, valid, or its current plan; nothing is kept from
    input that was refused.
    """
    _forget_saved()
    problem, in_force = current_problem(), plan_in_force()
    seen, seen_in_force = st.session_state.get(_SEEN), st.session_state.get(_SEEN_IN_FORCE)
    if seen is problem and seen_in_force is in_force:
        return
    st.session_state[_SEEN], st.session_state[_SEEN_IN_FORCE] = problem, in_force
    if seen is not None:  # not the session's first run, on the data the app opened
        # The inputs' first plan made the current plan: the leader changed nothing.
        adopted = seen is problem and seen_in_force is None
        keep(problem, in_force, answers=not adopted)


def _forget_saved() -> None:
    """The session's inputs just saved as a scenario: the work this session kept for them
    is kept again as that saved scenario, not as unsaved work. A reload read "Your unsaved
    work ... was kept ... before it was saved as a scenario" of work saved a moment before;
    dropped instead, a reload opened the bundled sample without a word of the quarter just
    saved (:attr:`planner.scenarios.kept_work.KeptWork.saved_as`)."""
    from pages.headline import SAVED_AS

    saved = st.session_state.get(SAVED_AS)
    if saved is None or saved == st.session_state.get(_SAVED_SEEN):
        return
    st.session_state[_SAVED_SEEN] = saved
    if st.session_state.get(_KEPT) != saved[0]:
        return
    st.session_state.pop(_KEPT, None)  # written again, with the saved scenario as its basis
    keep(current_problem(), plan_in_force(), answers=False)


def keep(problem: Problem, in_force: PlanInForce | None, *, answers: bool = True) -> None:
    """Keep the session's inputs (applied, valid) as the database's unsaved work, with the
    current plan they are planned against (restored with it, they get the same plan).

    Inputs equal to the data the app opened, on its own first plan, drop the work this
    session kept (nothing to restore); inputs saved or loaded as a scenario are kept as
    that scenario; a database that cannot be used is said on the basis line
    (:func:`kept_words`). The session's own change (``answers``) answers an offer not
    taken: the offer says so.
    """
    if answers:
        if st.session_state.get(_OFFER) is not None:
            st.session_state[_ANSWERED] = (st.session_state[_OFFER], None)
        st.session_state[_OFFER] = None
    _collect()
    key = fingerprint(problem)
    if (
        st.session_state.get(_KEPT) == key
        and st.session_state.get(_KEPT_IN_FORCE) is in_force
        and _NOT_KEPT not in st.session_state
    ):
        return
    store = quiet_store()
    if store is None:
        st.session_state[_NOT_KEPT] = "the scenario database is unavailable"
        return
    own, source, opened = st.session_state.get(_KEPT), data_source(), _opened_key()
    plan = (
        None
        if in_force is None
        else KeptPlan(in_force.problem, in_force.result, in_force.kept_close)
    )
    # Inputs saved or loaded as a scenario are kept too, as that scenario (a reload offers
    # to open it again, rather than the bundled sample without a word).
    empty = nothing_to_restore(key, opened, None if in_force is None else in_force.key, plan)
    if empty and own is None:
        return  # nothing to keep, nothing of its own to drop: another session's work stays
    built_on, where, browser = _basis(), str(database_path()), _browser()

    with _NUMBERING:
        number = _newest[0] = _newest[0] + 1

    def write() -> None:
        time.sleep(_SETTLE_S)
        if number != _newest[0]:
            return  # a later change (of any session) writes the latest work
        try:
            if not empty:
                store.keep_work(problem, source, in_force=plan, basis=built_on, kept_by=browser)
            elif own is not None:
                store.discard_work(own)
        except StorageError:
            _LOST[where] = datetime.now(UTC)
            raise
        _LOST.pop(where, None)

    st.session_state[_PENDING] = _WRITER.submit(write)
    st.session_state.pop(_NOT_KEPT, None)
    st.session_state[_KEPT], st.session_state[_KEPT_IN_FORCE] = key, in_force
    if not empty:
        _KEEPER[where] = _session()
    elif _KEEPER.get(where) == _session():
        del _KEEPER[where]


def keep_again() -> None:
    """The saved scenario the session's inputs were saved or loaded as is gone (deleted in
    another tab): keep them as unsaved work, which they are again."""
    st.session_state.pop(_KEPT, None)
    keep(current_problem(), plan_in_force(), answers=False)


def _basis() -> tuple[str, str]:
    """What the session's inputs are built on, as the basis line names it, and its
    fingerprint (restored, the work is built on it again where it can be found)."""
    from pages.headline import basis

    base, label = basis()
    return label, service.fingerprint(base)


def kept_words() -> str:
    """How the session's unsaved changes stand against a reload, for the basis line."""
    _collect()
    if _NOT_KEPT in st.session_state:
        return "lost on a reload: the scenario database is unavailable"
    keeper = _KEEPER.get(str(database_path()))
    if keeper is not None and keeper != _session():
        # One unsaved work per database: another tab's change since is the one kept.
        return "not kept across a reload: another tab's later change is kept in its place"
    return "kept across a reload"


def _looked_up() -> KeptWork | None:
    """The work kept in the database that differs from the data the app opened."""
    store = quiet_store()
    if store is None:
        return None
    try:
        work = _WRITER.submit(store.kept_work).result()  # after every write queued before
    except StorageError as exc:
        # Bold, the database's words as they are (md() of the whole showed the asterisks); a
        # leader with no unsaved work was told "Your unsaved work could not be restored".
        st.session_state[_UNREADABLE] = (
            f"**Any unsaved work kept from an earlier visit could not be read.** {md(str(exc))}"
        )
        return None
    return _to_offer(work)


def _to_offer(work: KeptWork | None) -> KeptWork | None:
    """``work``, or None when it is nothing to restore (the data the app opened)."""
    if work is None:
        return None
    plan = work.in_force
    in_force_key = None if plan is None else service.fingerprint(plan.problem)
    if nothing_to_restore(work.fingerprint, _opened_key(), in_force_key, plan):
        return None
    return work


def offer_kept_work(page: str = "") -> None:
    """Offer a new session the unsaved work kept: Restore it, or start from the data the
    app opened (which discards it). Shown until answered or the session changes its
    inputs itself.

    Answered by the session's own change (a slider moved under it), the box stays on
    ``page`` (the page's address) with its buttons off until another page opens: gone at
    once, it took the page up by its height under the pointer."""
    if _OFFER not in st.session_state:  # the session's first run
        st.session_state[_OFFER] = _looked_up()
    if (changed := st.session_state.pop(_CHANGED, None)) is not None:
        st.warning(changed, icon=":material/history:")
    work: KeptWork | None = st.session_state[_OFFER]
    answered = work is None and _answered_here(page)
    if answered:
        work = st.session_state[_ANSWERED][0]
    if work is None:
        if (why := st.session_state.pop(_UNREADABLE, None)) is not None:
            st.warning(why, icon=":material/history:")  # its words md()'d
        return
    opened, _, source, _ = opening_data()
    label = opened_label(source)
    # Its buttons off, the box keeps its height: what it offered is no longer kept.
    why_off = (
        "Your change since replaced it: the unsaved work kept now is yours." if answered else None
    )
    lost_at = _LOST.get(str(database_path()))
    # One line and its two buttons in one row, the whole offer in the line's tooltip: a
    # box of four lines over its buttons (208 px at 1024 x 768) put the Constraints page's
    # per-team table below the window.
    with st.container(key=KEPT_WORK, horizontal=True, vertical_alignment="center"):
        st.markdown(
            f":material/history: **{md(offer_line(work, opened, lost_at, _browser()))}**",
            help=md(offer_text(work, opened, label, source, lost_at, _browser())),
            width="stretch",
        )
        st.button(
            "Restore it",
            key="kept-work-restore",
            type="primary",
            icon=":material/restore:",
            on_click=_restore,
            args=(work, opened, label),
            disabled=answered,
            help=why_off,
        )
        st.button(
            # The data's file name, as typed: a button's label is Markdown.
            f"Start from {md(label)}",
            key="kept-work-discard",
            icon=":material/restart_alt:",
            on_click=_discard,
            args=(work, label),
            disabled=answered,
            help=why_off or f"Discards the unsaved work: the app shows {md(label)} as it opens.",
        )


def _answered_here(page: str) -> bool:
    """Whether the offer the session's own change answered is still drawn, on ``page``:
    on the page it was answered on (its first drawing after the answer), not on another."""
    answered = st.session_state.get(_ANSWERED)
    if answered is None:
        return False
    work, on = answered
    if on is None:
        st.session_state[_ANSWERED] = (work, page)
        return True
    if on == page:
        return True
    del st.session_state[_ANSWERED]
    return False


def _saved_as(store: ScenarioStore, work: KeptWork) -> tuple[int, str] | None:
    """The newest saved scenario (of the latest :data:`_SAVED_LOOKED_AT`) whose inputs are
    ``work``'s, as (id, name); None when none is, or the database cannot be read."""
    try:
        found = _WRITER.submit(saved_with_inputs, store, work.problem, _SAVED_LOOKED_AT).result()
    except StorageError:
        return None
    return None if found is None else (found.scenario_id, found.name)


def _still_kept(work: KeptWork, opened: Problem) -> KeptWork | None:
    """The work kept now if it is still ``work``, offered at the session's first run, else
    None, offering the work kept now in its place. A
    Restore it in one tab after another kept newer work, saved it or discarded it restored
    the work the offer held, kept nothing (it was in the database when offered), and a
    reload then offered the other's. The work kept now is offered in its place, saying
    why; the work kept since with the same inputs (a plan kept with it) is restored."""
    store = quiet_store()
    if store is None:
        return work  # the offer's own copy is all there is
    try:
        now = _WRITER.submit(store.kept_work).result()
    except StorageError:
        return work
    if now is not None and now.fingerprint == work.fingerprint:
        return now
    st.session_state[_OFFER] = _to_offer(now)
    if now is None:
        saved_as = _saved_as(store, work)
        named = None if saved_as is None else (saved_as[0], md(saved_as[1]))
        st.session_state[_CHANGED] = gone_text(work, opened, named)
    else:
        st.session_state[_CHANGED] = (
            "**The unsaved work offered here changed since** (another tab, or another app "
            "that uses this scenario database, kept newer work). Nothing was restored: the "
            "newer work is offered below."
        )
    return None


def _restore(work: KeptWork, opened: Problem, label: str) -> None:
    from pages.headline import mark_saved, set_basis

    if (still := _still_kept(work, opened)) is None:
        return
    work = still
    if work.in_force is not None:
        # The current plan the work was planned against, kept with it: the work re-planned
        # against it gives back the plan the leader left, after a restart too.
        plan = work.in_force
        keep_as_plan_in_force(plan.problem, plan.result, plan.kept_close)
        set_problem(work.problem, work.warnings, source=work.source, edit=True)
    else:
        # Kept before the current plan was kept with the work: edits and what-ifs of the
        # data opened were re-planned against its plan, if this server still has it.
        related = is_what_if(work.problem, opened) or is_edit_of(work.problem, opened)
        anchor = plan_in_force()
        if related and (anchor is None or anchor.key != _opened_key()):
            first = solve_service().cached(_opened_key())
            if first is not None:
                keep_as_plan_in_force(opened, first)
        set_problem(work.problem, work.warnings, source=work.source, edit=related)
    # In the database already: the next run keeps nothing again. It is this session's now,
    # and this browser's: restored from another's, a reload here offered it as another's.
    st.session_state[_KEPT], st.session_state[_KEPT_IN_FORCE] = work.fingerprint, plan_in_force()
    _KEEPER[str(database_path())] = _session()
    if work.from_another(browser := _browser()) and (store := quiet_store()) is not None:
        with suppress(StorageError):  # still offered, as another's: nothing is lost
            _WRITER.submit(
                store.keep_work,
                work.problem,
                work.source,
                kept_at=work.kept_at,
                in_force=work.in_force,
                basis=work.basis,
                kept_by=browser,
            ).result()
    set_basis(*_restored_basis(work, opened, label))
    st.session_state[_OFFER] = None  # answered by its button: the box goes
    if work.saved_as is not None:
        if (store := quiet_store()) is not None and (found := _saved_as(store, work)):
            mark_saved(work.problem, *found)  # the next save is built on it, as on a load
        st.toast(f"{md(capitalised(work.saved_as))} is open again.", icon=":material/restore:")
        return
    st.toast("Your unsaved work is restored.", icon=":material/restore:")


def _restored_basis(work: KeptWork, opened: Problem, label: str) -> tuple[Problem, str]:
    """What the restored work is built on: what it was built on when it was kept (a saved
    scenario, an upload, the data opened) when that is the data opened, its current plan's
    inputs or the work itself; else the data opened, its changes counted against it as the
    offer named them."""
    if work.basis is not None:
        basis_label, key = work.basis
        found = [opened, work.problem]
        if work.in_force is not None:
            found.append(work.in_force.problem)
        for problem in found:
            if service.fingerprint(problem) == key:
                return problem, basis_label
    return opened, label


def _discard(work: KeptWork, label: str) -> None:
    st.session_state[_OFFER] = None
    store = quiet_store()
    if store is not None:
        try:
            _WRITER.submit(store.discard_work, work.fingerprint).result()
        except StorageError as exc:
            st.session_state[_UNREADABLE] = (
                f"**The unsaved work could not be discarded.** {md(str(exc))}"
            )
            return
    if work.saved_as is not None:
        st.toast(
            f"Started from {md(label)}; {md(work.saved_as)} stays on the Scenarios page.",
            icon=":material/check:",
        )
        return
    st.toast(f"Started from {md(label)}; the unsaved work is discarded.", icon=":material/check:")
