"""The Constraints page's Pins and forbids: every project and team name whole at 1280 px."""

from __future__ import annotations

import json

from app_pages import PINS, assert_clean, open_routed, open_tab

from planner.core.editing import CHARACTER_PX


def test_pins_and_forbids_show_each_name_whole_with_the_page_s_width():
    """A CMO at 1280 px read "Annual user conference "Elevate" and "Brand & Comms (br": the
    table sat in the settings' column (423 px) with "medium" name columns. Now each name
    column is as wide as its longest name, as on the Data page, and while the tab is open
    the results stack under the settings so the table has the page's width."""
    app = open_tab(open_routed("pages/constraints.py"), PINS)
    assert_clean(app)
    editor = next(e for e in app.data_editor if e.key and e.key.startswith("rules-"))
    config = json.loads(editor.proto.columns)
    problem = app.session_state["problem"]
    for column, names in (
        ("project_id", [f"{p.name} ({p.project_id})" for p in problem.projects]),
        ("team_id", [f"{t.name} ({t.team_id})" for t in problem.teams]),
    ):
        width = config[column]["width"]
        assert isinstance(width, int), (column, width)
        assert width >= max(len(n) for n in names) * CHARACTER_PX, (column, width)
    # The settings and the results (side by side, a large gap between) are stacked.
    assert not [c for c in app.columns if c.gap == "large"]
    open_tab(app, "Capacity")
    assert len([c for c in app.columns if c.gap == "large"]) == 2  # side by side again
