"""Page addresses with a part more, sent to the page (``serve.py``'s one middleware).

Not a page: app.py routes only the pages in ``pages.common.PAGES``. A page's address with
a part more (``/plan/extra``, a link pasted with a trailing segment) answered a blank page:
Streamlit answers any unknown address with the app's HTML, whose scripts the browser then
looked for under ``/plan/static/...`` and got that HTML again, so nothing ran to say
anything (Streamlit's own issue 8013, open in the release this runs on). A browser's
request for such an address is sent to its first part, the page: ``/plan/extra`` opens the
Plan page, ``/nope/extra`` Streamlit's own "Page not found" over the Overview.
"""

from __future__ import annotations

from typing import Any

import streamlit as st
from starlette.responses import RedirectResponse

#: Streamlit's own first parts of an address (its API, media, components, scripts, the
#: files it serves from static/, and st.login's auth/login and auth/logout, which a browser
#: opens as a page): never a page's.
RESERVED = frozenset({"_stcore", "media", "component", "static", "app", "auth"})


def page_address(path: str, base: str = "") -> str | None:
    """The page's own address for ``path`` when it has a part more than a page's address
    (``/plan/extra`` -> ``/plan``), under the server's ``base`` path; None otherwise."""
    prefix = "/" + base.strip("/") if base.strip("/") else ""
    if prefix and not (path == prefix or path.startswith(prefix + "/")):
        return None
    parts = [part for part in path[len(prefix) :].split("/") if part]
    if len(parts) < 2 or parts[0] in RESERVED:
        return None
    return f"{prefix}/{parts[0]}"


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
