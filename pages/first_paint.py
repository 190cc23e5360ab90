"""The app's page (its HTML) served with the narrow-window layout already in its head.

Not a page: app.py routes only the pages in ``pages.common.PAGES``. Every page draws
:data:`pages.ui.NARROW_LAYOUT_CSS` with ``st.html``, whose element the browser loads on
its first use, as it does the headline cards': on a busy machine the cards came first.
In a 1024 px window a leader opening the Plan saw the sidebar at 300 px and the cards cut
("85.6…", "4,39…") for a second or two, then the layout jump to a 224 px sidebar and
cards two by two. ``serve.py`` (``make run``) adds this middleware: the page's HTML has
the same style in its head, so the first paint is laid out as the last.

The head also has :data:`CLEAN_COPY`: text a leader copies from a page (a sentence, a
name, to paste into an email) is given to the clipboard without the isolates that set a
right-to-left name apart on the page (:func:`planner.core.unseen.right_to_left_isolated`).
Copied as drawn, each such name carried two invisible characters into the email.

A browser that opens a page without the app's mark (:data:`BROWSER_COOKIE`) is given one:
the unsaved work kept is offered to any browser on the server, and says so when another
browser kept it (:mod:`pages.kept`).
"""

from __future__ import annotations

import re
import secrets
from http.cookies import CookieError, SimpleCookie
from typing import Any

from pages.addresses import RESERVED
from pages.ui import NARROW_LAYOUT_CSS
from planner.core.unseen import ADDED_ISOLATES

#: The isolates the pages add, as a JavaScript character class.
_MARKS = "[" + "".join(f"\\u{ord(char):04x}" for char in ADDED_ISOLATES) + "]"
#: A copy of the page's text (Ctrl+C, the menu's Copy) without the isolates the pages add
#: around a right-to-left name: its text, and its HTML (what an email keeps). A copy with
#: none of them is the browser's own; so is a table cell's (the table copies it itself).
CLEAN_COPY = f"""<script>
document.addEventListener("copy", (event) => {{
  const selection = window.getSelection();
  const text = selection ? selection.toString() : "";
  if (!event.clipboardData || !/{_MARKS}/.test(text)) return;
  const marks = /{_MARKS}/g;
  const box = document.createElement("div");
  for (let i = 0; i < selection.rangeCount; i++) {{
    box.appendChild(selection.getRangeAt(i).cloneContents());
  }}
  event.clipboardData.setData("text/plain", text.replace(marks, ""));
  if (box.innerHTML) event.clipboardData.setData("text/html", box.innerHTML.replace(marks, ""));
  event.preventDefault();
}});
</script>"""

#: The cookie that tells one browser from another: a random mark, no name or address.
BROWSER_COOKIE = "goal_planner_browser"
#: A mark as the app gives it (anything else a browser sends is not one).
_MARK = re.compile(r"[0-9a-f]{32}")
#: How long a browser keeps its mark: 400 days, the most a browser keeps a cookie.
_MARK_AGE_S = 400 * 24 * 3600


def browser_mark(cookies: str | None) -> str | None:
    """The app's mark in a browser's ``Cookie`` header (or its one cookie's value), if it
    holds one the app gave."""
    if not cookies:
        return None
    if _MARK.fullmatch(cookies):
        return cookies
    jar: SimpleCookie = SimpleCookie()
    try:
        jar.load(cookies)
    except CookieError:
        return None
    found = jar.get(BROWSER_COOKIE)
    return found.value if found is not None and _MARK.fullmatch(found.value) else None


def new_mark() -> bytes:
    """A ``Set-Cookie`` header's value that gives a browser a new mark."""
    mark = secrets.token_hex(16)
    return (
        f"{BROWSER_COOKIE}={mark}; Path=/; Max-Age={_MARK_AGE_S}; SameSite=Lax; HttpOnly"
    ).encode("ascii")


#: Headers of the page's own response that no longer describe the body once it is changed.
_STALE = {b"content-length", b"etag", b"last-modified", b"content-encoding"}


def with_style(html: bytes, style: str = NARROW_LAYOUT_CSS) -> bytes:
    """``html`` with ``style`` (a ``<style>`` element, or :data:`CLEAN_COPY`'s script) at the
    end of its head; as it was when it has no head, or the element is there already."""
    head = html.find(b"</head>")
    css = style.encode("utf-8")
    if head < 0 or css in html:
        return html
    return html[:head] + css + html[head:]


class FirstPaintStyle:
    """Put the narrow-window layout, and the copy without isolates, in the head of each page
    the browser opens; give a browser without the app's mark its mark."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if not _a_page(scope):
            await self.app(scope, receive, send)
            return
        # The page's HTML unzipped (a few kB), so that its head can be read and added to.
        plain = [(k, v) for k, v in scope["headers"] if k != b"accept-encoding"]
        cookies = dict(scope["headers"]).get(b"cookie", b"").decode("latin-1")
        marked = browser_mark(cookies) is not None
        start: dict[str, Any] = {}
        body: list[bytes] = []

        async def collect(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                headers = dict(message.get("headers") or [])
                html = headers.get(b"content-type", b"").startswith(b"text/html")
                if message.get("status") == 200 and html:
                    start.update(message)  # held until the whole page is read
                    return
            if message["type"] != "http.response.body" or not start:
                await send(message)  # anything else goes through as it comes
                return
            body.append(message.get("body", b""))
            if not message.get("more_body"):
                await _answer(send, start, b"".join(body), marked)

        await self.app({**scope, "headers": plain}, receive, collect)


def _a_page(scope: Any) -> bool:
    """Whether the request is a browser's for a page: a GET asking for HTML, at an
    address none of Streamlit's own files or calls are under."""
    if scope["type"] != "http" or scope["method"] != "GET":
        return False
    if b"text/html" not in dict(scope.get("headers") or []).get(b"accept", b""):
        return False
    parts = [part for part in str(scope.get("path", "")).split("/") if part]
    return not parts or not RESERVED.intersection(parts)


async def _answer(send: Any, start: dict[str, Any], body: bytes, marked: bool = True) -> None:
    """Send the HTML page's response ``start`` began, its head given the style; a browser
    not ``marked`` yet given its mark."""
    headers = list(start.get("headers") or [])
    if not marked:
        headers.append((b"set-cookie", new_mark()))
    changed = with_style(with_style(body), CLEAN_COPY)
    if changed != body:
        body = changed
        headers = [(k, v) for k, v in headers if k.lower() not in _STALE]
        headers.append((b"content-length", str(len(body)).encode("ascii")))
    await send({**start, "headers": headers})
    await send({"type": "http.response.body", "body": body})
