"""The Check-in page when work falls out of the plan without a change: said as it is."""

from __future__ import annotations

from app_pages import assert_clean, open_routed
from checkin_page import edit, replan


def test_no_change_beside_work_that_no_longer_fits_does_not_say_every_project_stays(db):
    """The demo environment refresh marked not started at week 6 can no longer end by its
    due week 8: it is out of the plan, listed as "no longer able to run in the weeks
    left", while the page said "The re-plan keeps every project of the plan where it is."
    It says the re-plan moves nothing, and that what it can still run stays."""
    app = open_routed("pages/checkin.py")
    app = replan(edit(app, "projects", "QU-05", "status", "not started"))
    assert_clean(app)
    said = [s.value for s in app.success]
    assert "The re-plan keeps every project of the plan where it is." not in said
    assert "The re-plan moves no project: every one it can still run stays where it is." in said
    headings = " ".join(m.value for m in app.markdown)
    assert "1 no longer able to run in the weeks left" in headings
    # Its row's Change in the same words, not "dropped": the leader did not drop it.
    (table,) = [
        d.value
        for d in app.dataframe
        if "why" in d.value.columns and "QU-05" in set(d.value["project_id"])
    ]
    assert table.loc[table["project_id"] == "QU-05", "change"].tolist() == ["no longer fits"]
