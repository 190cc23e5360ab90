"""The Data page says why hours an edit adds stay unplanned, and what would use them."""

from __future__ import annotations

from app_pages import assert_clean, content_contractor, open_routed

from pages.solving import solve_service


def test_a_contractor_whose_hours_stay_unplanned_is_told_why_on_the_data_page():
    """A CMO gave Content a contractor for weeks 7-12 (85 h -> 125 h a week) and read "the
    240 h it adds stay unplanned", with no why and no next step. The line says which waiting
    projects find no week with room on Content, which need skills or a stage it lacks, and
    the edit that brings the nearest within its reach."""
    solve_service.clear()
    app = open_routed("pages/data.py")
    content_contractor(app)
    assert_clean(app)
    said = " ".join(i.value for i in app.info).replace("\\", "")
    assert "the 240 h it adds stay unplanned: with them the best plan is still this one; " in said
    assert "find no week with room on Content for their hours a week" in said, said
    assert "need skills it lacks" in said
    assert "; the nearest, " in said and ", and it may take it)" in said
