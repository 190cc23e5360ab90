"""Goal Planner with forgiving page addresses: ``streamlit run serve.py`` (``make run``).

It serves ``app.py`` as ``streamlit run app.py`` does, through Streamlit's ASGI entry
(``streamlit.starlette.App``), with one middleware: a page's address with a part more
(``/plan/extra``) opens the page instead of a blank one (:mod:`pages.addresses`).
"""

from __future__ import annotations

from starlette.middleware import Middleware
from streamlit.starlette import App

from pages.addresses import PageAddresses

app = App("app.py", middleware=[Middleware(PageAddresses)])
