"""What the Check-in page's AppTest tests share: the quarter they open on (``round_one``,
tests/app/conftest.py), a check-in recorded in its tables, the re-plan run, the figures shown.

``st.data_editor`` cannot be typed into from AppTest, so a test records its check-in the
way the page keeps it: it edits the tables the editors start from (``checkin-tables`` in
session state) and reruns, as an edit would. The real-browser tests of its boxes type in
them through :func:`typed_in_box`.
"""

from __future__ import annotations

from typing import Any

from app_server import ROOT, rerun, settled
from streamlit.testing.v1 import AppTest

#: The quarter the re-plan tests were set on (the ``round_one`` fixture, tests/app/conftest.py).
ROUND_ONE = ROOT / "data" / "sample-without-weeks"
#: The goal behind at the check-in.
LAGGING = "churn-saved"
#: The button that saves the check-in and its re-plan.
SAVE_CHECKIN = "Save, built on the plan you checked in on"


def typed_in_box(page: Any, server: str, box: str, typed: str) -> Any:
    """In a real browser (Playwright's ``page``, the app at ``server``): open the Check-in
    page, type ``typed`` in its number box named ``box`` and press Enter; the box, once the
    run that Enter asked for is over."""
    page.goto(f"{server}/checkin")
    page.get_by_role("heading", name="Check-in", level=1).wait_for()
    settled(page)
    field = page.get_by_role("spinbutton", name=box)
    field.fill(typed)
    with rerun(page):
        field.press("Enter")
    return field


def metrics(app: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in app.metric}


def edit(app: AppTest, table: str, key: str, column: str, value: object) -> AppTest:
    """Change one cell of a check-in table (rows found by their id) and rerun."""
    tables = app.session_state["checkin-tables"]
    frame = tables[table]
    frame.loc[frame[frame.columns[0]] == key, column] = value
    app.session_state["checkin-tables"] = tables
    return app.run()


def replan(app: AppTest) -> AppTest:
    return app.button(key="checkin-replan-button").click().run()


def lagging(app: AppTest) -> AppTest:
    """Churn saved at 25 % of target mid-quarter, and LG-06 dropped at the check-in."""
    return edit(
        edit(app, "goals", LAGGING, "achieved", 95000.0), "projects", "LG-06", "status", "dropped"
    )
