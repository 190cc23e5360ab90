"""The app's routing and the session's state: the inputs this session is planning.

Pages call these helpers, :mod:`pages.solving` (the solved plan),
:mod:`pages.ui`, :mod:`pages.store` and ``planner``; nothing here builds a
model or writes SQL.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import streamlit as st

from pages.memo import remembered as remembered  # pages take it from here
from pages.start import APP_DIR, Refused, opened_label, opening_data
from planner import Problem
from planner.core.errors import InputIssue
from planner.solving import service

#: (file, title, icon) of every page, in the order of the sidebar. A page
#: appears once its file exists; the helper modules here (common, start, solving,
#: ui, store) are not pages.
PAGES: tuple[tuple[str, str, str], ...] = (
    ("pages/overview.py", "Overview", ":material/dashboard:"),
    ("pages/data.py", "Data", ":material/table:"),
    ("pages/constraints.py", "Constraints", ":material/tune:"),
    ("pages/plan.py", "Plan", ":material/assignment:"),
    ("pages/scenarios.py", "Scenarios", ":material/compare_arrows:"),
    ("pages/checkin.py", "Check-in", ":material/event_repeat:"),
    ("pages/export.py", "Export", ":material/download:"),
)
#: Session key of the current plan (:mod:`pages.solving`); new inputs drop it.
IN_FORCE = "plan_in_force"

_PROBLEM, _WARNINGS, _SOURCE, _REVISION = "problem", "warnings", "source", "revision"
_REFUSED = "start_problems"  # PLANNER_DATA's path and problems, if it could not be opened
_FINGERPRINT = "_fingerprint_memo"
_ROUTED, _RERAN = "_routed_by_app", "_reran_through_app"
#: Session keys: the address of the page run last, and whether this run came from another.
_PAGE_RUN, _ARRIVED = "_page_run_last", "_page_arrived"


# -- routing -----------------------------------------------------------------


def navigation() -> Any:
    """Set up the app's page config and navigation; the page to run (``st.navigation``)."""
    st.set_page_config(
        page_title="Goal Planner",
        page_icon=":material/flag:",
        layout="wide",
        initial_sidebar_state="auto",  # closed on a phone, where it hid the page
    )
    found = [(file, title, icon) for file, title, icon in PAGES if (APP_DIR / file).is_file()]
    # Streamlit's own address of a page is its file's name. The default page is served at
    # "/" but still reserves its own address, where it answered "Page not found"
    # (/overview): it reserves _DEFAULT_PATH instead, and /overview is one of its aliases.
    pages = [
        st.Page(file, title=title, icon=icon, default=not i, url_path=None if i else _DEFAULT_PATH)
        for i, (file, title, icon) in enumerate(found)
    ]
    # Off in .streamlit/config.toml: a fresh server's first run lists no modules of pages/.
    st.set_option("client.showSidebarNavigation", True)
    return st.navigation([*pages, *_aliases(pages, [Path(file).stem for file, _, _ in found])])


#: The address the default page reserves (it is served at "/"; nobody types this one).
_DEFAULT_PATH = "start"


def url_aliases(url_path: str, title: str) -> list[str]:
    """Other spellings a leader may type for a page's address: ``Constraints``, ``CHECK-IN``.

    Streamlit matches a page's URL exactly (``/constraints`` only); these are
    the Title-case and upper-case forms of its path and of its title's slug.
    """
    slug = re.sub(r"\s+", "-", title.strip()).lower()
    spellings = [url_path, slug]
    forms = [f(s) for s in spellings for f in (str.lower, str.capitalize, str.upper, str.title)]
    return [a for a in dict.fromkeys(forms) if a != url_path]


def _aliases(pages: list[Any], paths: list[str]) -> list[Any]:
    """Hidden pages at :func:`url_aliases` that switch to the page itself.

    ``/Constraints`` opened a "Page not found" dialog: Streamlit compares
    addresses case by case and offers no option to ignore case.
    """
    taken = {_DEFAULT_PATH, *paths[1:]}  # the default page's own path is an alias too
    out = []
    for index, (page, path) in enumerate(zip(pages, paths, strict=True)):
        own = [path] if index == 0 else []
        for alias in [*own, *url_aliases(path, page.title)]:
            if alias in taken:
                continue
            taken.add(alias)

            def go(target: Any = page) -> None:
                st.switch_page(target)

            out.append(st.Page(go, title=page.title, url_path=alias, visibility="hidden"))
    return out


def run_page(page: Any) -> None:
    """Run the page ``navigation`` chose (app.py's job)."""
    st.session_state[_ROUTED] = True
    st.session_state[_ARRIVED] = st.session_state.get(_PAGE_RUN) != page.url_path
    st.session_state[_PAGE_RUN] = page.url_path
    page.run()


def arrived() -> bool:
    """Whether this run is the page's first since the session ran another page (a link, the
    page list, the browser's Back), not a rerun of the page by a click on it."""
    return bool(st.session_state.get(_ARRIVED, False))


def require_router() -> None:
    """The first call on every page: make sure the app's navigation is in place.

    Until some session has run app.py, Streamlit treats the ``pages/``
    folder as an old-style multipage app and runs a page asked for by URL
    (a bookmark to ``/plan`` on a fresh server) on its own, with every file
    of ``pages/`` in the sidebar. Such a page sets up the app's navigation
    itself and, the first time in a session, runs again through app.py, so
    that its widgets belong to the routed page from the start.
    """
    if st.session_state.pop(_ROUTED, False):
        return
    navigation()
    if not st.session_state.get(_RERAN):
        st.session_state[_RERAN] = True
        st.rerun()


# -- the session's inputs ----------------------------------------------------------


def current_problem() -> Problem:
    """The inputs this session is planning: the sample, or PLANNER_DATA's (:mod:`pages.start`)."""
    if _PROBLEM not in st.session_state:
        opened, warnings, source, refused = opening_data()
        st.session_state[_PROBLEM], st.session_state[_WARNINGS] = opened, warnings
        st.session_state[_SOURCE], st.session_state[_REFUSED] = source, refused
        st.session_state[_REVISION] = 0
    problem: Problem = st.session_state[_PROBLEM]
    return problem


def start_problems() -> Refused | None:
    """PLANNER_DATA's path and problems, while the session is on the sample instead of it."""
    current_problem()
    refused: Refused | None = st.session_state.get(_REFUSED)
    return refused


def start_label() -> str:
    """What the session opened on, for "Built on ..."."""
    return opened_label(data_source())


def current_warnings() -> tuple[InputIssue, ...]:
    """Warnings from validating the current inputs."""
    current_problem()
    warnings: tuple[InputIssue, ...] = st.session_state.get(_WARNINGS, ())
    return warnings


def set_problem(
    problem: Problem, warnings: Iterable[InputIssue] = (), source: str = "", *, edit: bool = False
) -> None:
    """Replace the session's inputs (already validated: an import, an applied edit, a loaded
    scenario); editors and controls start again from them (one setting: :func:`update_problem`).
    ``edit``: the Data page's edit, re-planned against the current plan, which it keeps."""
    current_problem()
    st.session_state[_PROBLEM] = problem
    st.session_state[_WARNINGS] = tuple(warnings)
    st.session_state[_REVISION] = revision() + 1
    if not edit:  # new inputs: their first plan is the current plan
        st.session_state.pop(IN_FORCE, None)
    st.session_state.pop(_REFUSED, None)  # the data the app could not open is replaced
    if source:
        st.session_state[_SOURCE] = source


def update_problem(problem: Problem) -> None:
    """Change the session's inputs from a control that already shows the change."""
    current_problem()
    st.session_state[_PROBLEM] = problem


def revision() -> int:
    """Counts :func:`set_problem` calls; part of every editor's and control's key."""
    current_problem()
    return int(st.session_state.get(_REVISION, 0))


def data_source() -> str:
    """Where the current inputs came from, for captions."""
    current_problem()
    return str(st.session_state.get(_SOURCE, ""))


def is_current(problem: Problem) -> bool:
    """Whether ``problem`` is the session's inputs themselves (not a what-if of them)."""
    return problem is st.session_state.get(_PROBLEM)


def fingerprint(problem: Problem) -> str:
    """:func:`planner.solving.service.fingerprint`, remembered for the session's last problem."""
    memo = st.session_state.get(_FINGERPRINT)
    if memo is not None and memo[0] is problem:
        return str(memo[1])
    key = service.fingerprint(problem)
    st.session_state[_FINGERPRINT] = (problem, key)
    return key
