"""Goal Planner with forgiving page addresses: ``streamlit run serve.py`` (``make run``).

It serves ``app.py`` as ``streamlit run app.py`` does, through Streamlit's ASGI entry
(``streamlit.starlette.App``), with two middlewares: a page's address with a part more
(``/plan/extra``) opens the page instead of a blank one, and an address no page has opens the
Overview instead of "Page not found" (:mod:`pages.addresses`), and the
page's HTML has the narrow-window layout in its head, so that a 1024 px window's first
paint does not jump (:mod:`pages.first_paint`).

The app's pages sit in a folder named ``pages/``, which Streamlit takes for a folder of
pages (its multipage apps before ``st.navigation``) until app.py first calls
``st.navigation``: a fresh server's first visit to a Title-case address (``/Export``, one of
app.py's aliases, :func:`pages.common.url_aliases`) was told "Page not found" over the
page. Streamlit is told the app has its own navigation from the start.
"""

from __future__ import annotations

from starlette.middleware import Middleware
from streamlit.runtime.pages_manager import PagesManager
from streamlit.starlette import App

from pages.addresses import PageAddresses
from pages.first_paint import FirstPaintStyle

# What app.py's st.navigation sets on its first run (streamlit.commands.navigation).
PagesManager.uses_pages_directory = False

app = App("app.py", middleware=[Middleware(PageAddresses), Middleware(FirstPaintStyle)])
