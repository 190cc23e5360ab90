"""The Check-in page explains a forecast of whole customers with a decimal, as
`planner checkin` and the re-plan's plan.xlsx do."""

from __future__ import annotations

from app_pages import assert_clean, open_routed
from checkin_page import edit, replan

from pages.ui import md


def test_the_check_in_page_says_why_a_forecast_of_customers_has_a_decimal(db):
    """Week 6 of the sample, 6 new customers won: "Each goal at the end of the quarter"
    forecast 26.3 new customers with no word for the fraction of a customer. A caption
    under the table now says it is the re-plan's pro-rata share of the work still to run,
    in the words of planner checkin's "Why a decimal" line."""
    app = open_routed("pages/checkin.py")
    app = replan(edit(app, "goals", "new-logos", "achieved", 6.0))
    assert_clean(app)
    assert not app.error, [e.value for e in app.error]
    (why,) = [c.value for c in app.caption if c.value.startswith("Why a decimal: ")]
    assert md("26.3 new customers (New logos won) is an expected figure") in why, why
    assert md("pro-rata share of the work still to run") in why, why
    in_progress = "SMB self-serve to sales-assist conversion: 6.3 new customers, the part"
    assert md(f"{in_progress} of it still to run") in why, why
