"""The Overview's goals table reads a row at one precision, as the workbook's Goals sheet:
a re-plan's target left of 31.5 read "32" beside 20.3 planned (its 64.4 % is of 31.5)."""

from __future__ import annotations

from app_pages import assert_clean, open_routed
from builders import goal, problem, project, team


def test_the_overview_shows_a_target_at_the_planned_figure_s_precision():
    toy = problem(
        [team("t", capacity=100)],
        [project("p", effort=10, value="20.3", goal_id="g")],
        goals=[goal("g", "31.5", kpi="new customers")],
    )
    app = open_routed("pages/overview.py")
    app.session_state["problem"] = toy
    app.run(timeout=120)
    assert_clean(app)
    row = app.dataframe[0].value.iloc[0]
    assert (row["Target"], row["Planned"]) == (31.5, 20.3)
