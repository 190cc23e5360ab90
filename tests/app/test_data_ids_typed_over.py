"""The Data page: an id typed over with another row's id (attack round 30).

AW-01's id changed to AW-02 in the Projects grid read "row 3: the project_id 'AW-02' is
already the id of row 2", the row nobody touched. The refusal names the row edited and
the row whose id it took, and nothing is applied.
"""

from __future__ import annotations

from app_pages import assert_clean, grid_edit, session_problem
from app_sessions import open_page


def test_a_project_id_typed_over_with_another_s_is_refused_at_the_row_edited():
    app = open_page("pages/data.py")
    before = session_problem(app)
    app.session_state["edit-projects.csv-0"] = grid_edit(edited={0: {"project_id": "AW-02"}})
    app.run()
    next(b for b in app.button if b.label == "Apply edits").click().run()
    assert_clean(app)
    assert session_problem(app) is before
    assert "not applied" in app.error[0].value
    issues = next(df.value for df in app.dataframe if "fix" in df.value.columns)
    rows = [(r["row"], r["problem"]) for _, r in issues.iterrows()]
    assert len(rows) == 1, rows
    row, said = rows[0]
    assert row == "2" and "was changed from 'AW-01' to 'AW-02', the id of row 3" in said, rows
