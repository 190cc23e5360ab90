"""Page addresses a page does not have, sent to a page (``serve.py``'s middleware).

Not a page: app.py routes only the pages in ``pages.common.PAGES``. A page's address with
a part more (``/plan/extra``, a link pasted with a trailing segment) answered a blank page:
Streamlit answers any unknown address with the app's HTML, whose scripts the browser then
looked for under ``/plan/static/...`` and got that HTML again, so nothing ran to say
anything (Streamlit's own issue 8013, open in the release this runs on). A browser's
request for such an address is sent to its first part, the page: ``/plan/extra`` opens the
Plan page, in any case (``/PLAN/extra``, ``/pLan``), and so is one with its slashes doubled
(``//plan``, a link joined badly), which Streamlit answered with a bare "Bad Request".

An address no page has (``/start``, ``/nope/extra``, an old bookmark) opened Streamlit's
"Page not found" box over the Overview, in its words for whoever wrote the app ("no
corresponding file was found in the app's pages/ directory"): it opens the Overview.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

import streamlit as st
from starlette.responses import RedirectResponse

#: Streamlit's own first parts of an address (its API, media, components, scripts, the
#: files it serves from static/, and st.login's auth/login and auth/logout, which a browser
#: opens as a page): never a page's.
RESERVED = frozenset({"_stcore", "media", "component", "static", "app", "auth"})


@cache
def page_addresses() -> tuple[frozenset[str], Mapping[str, str]]:
    """The addresses app.py's navigation answers (each page's, and the spellings
    :func:`pages.common.url_aliases` adds), and each page's address in lower case (its
    title's slug too: ``check-in``) -> the page's own address ("" for the Overview,
    served at "/")."""
    from pages.common import APP_DIR, PAGES, url_aliases

    answered: set[str] = set()
    pages: dict[str, str] = {}
    found = [(file, title) for file, title, _ in PAGES if (APP_DIR / file).is_file()]
    for index, (file, title) in enumerate(found):
        stem = file.rsplit("/", 1)[-1].removesuffix(".py")
        own = "" if index == 0 else stem
        spellings = [stem, *url_aliases(stem, title)]
        answered.update(spellings)
        for spelling in spellings:
            pages.setdefault(spelling.lower(), own)
    return frozenset(answered), pages


def page_address(path: str, base: str = "") -> str | None:
    """The address to send a browser's request for ``path`` to, under the server's ``base``
    path: the page's own for a page's address with a part more (``/plan/extra`` ->
    ``/plan``) or in a case Streamlit does not answer (``/pLan``); the Overview's ("/")
    for an address no page has (``/start``, ``/nope/extra``); None for a page's own address
    and Streamlit's own."""
    prefix = "/" + base.strip("/") if base.strip("/") else ""
    if prefix and not (path == prefix or path.startswith(prefix + "/")):
        return None
    rest = path[len(prefix) :]
    parts = [part for part in rest.split("/") if part]
    if not parts:
        return None if rest in ("", "/") else f"{prefix}/"  # "//": Streamlit's Bad Request
    if parts[0] in RESERVED:
        return None
    answered, pages = page_addresses()
    # A page's own address, but not with slashes doubled before it (//plan), which
    # Streamlit answered with a bare "Bad Request".
    if len(parts) == 1 and parts[0] in answered and rest in (f"/{parts[0]}", f"/{parts[0]}/"):
        return None
    return f"{prefix}/{pages.get(parts[0].lower(), '')}"


class PageAddresses:
    """Send a browser's request for a page's address with a part more to the page."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http" and scope["method"] in ("GET", "HEAD"):
            headers = dict(scope.get("headers") or [])
            # A page opened by the browser, not one of its scripts or a call to the server.
            wanted = b"text/html" in headers.get(b"accept", b"")
            target = page_address(scope["path"], str(st.get_option("server.baseUrlPath") or ""))
            if wanted and target is not None:
                query = scope.get("query_string", b"").decode("latin-1")
                await RedirectResponse(target + (f"?{query}" if query else ""), 302)(
                    scope, receive, send
                )
                return
        await self.app(scope, receive, send)
