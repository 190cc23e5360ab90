"""A team's hours in the quarter read as two different things where they differ.

A leader's walk read Demand Gen's "Hours" 1,379 on the Constraints page (the Calendar's
weeks in place) beside the Data page's "Own hours in the quarter" 1,400: two numbers for
"a team's hours". The Constraints column's help now says which hours they are, and the Data page's
help names it so.
"""

from __future__ import annotations

import json

from app_pages import assert_clean, open_routed, open_tab

from planner.core.shared_words import CALENDAR_HOURS_LABEL, OWN_HOURS_LABEL


def _team_columns(app) -> tuple[dict, list[float]]:
    editor = next(e for e in app.data_editor if e.key and e.key.startswith("cap-teams-"))
    shown = editor.value.set_index("team")
    return json.loads(editor.proto.columns), list(shown.loc[["Demand Gen"], "capacity_hours"])


def test_the_constraints_hours_after_the_calendar_are_not_called_the_team_s_hours():
    """Demand Gen's 1,378 h is not headed as the Data page's own hours, and
    its help says it is the Data page's own hours with the Calendar's weeks; the Data
    page's Teams help names that column."""
    app = open_tab(open_routed("pages/constraints.py"), "Capacity")
    assert_clean(app)
    columns, demand_gen = _team_columns(app)
    # Its row, adding up to the total (the exact 1,378.51 h).
    assert demand_gen == [1378.0], demand_gen
    hours = columns["capacity_hours"]
    # Not the Data page's heading; short enough for a 1280 px laptop (test_browser_laptop).
    assert hours["label"] == CALENDAR_HOURS_LABEL != OWN_HOURS_LABEL, hours
    assert "own hours in the quarter" in hours["help"], hours
    assert "Calendar's weeks" in hours["help"], hours
    data = open_routed("pages/data.py")
    assert_clean(data)
    said = " ".join(c.value for c in data.caption)
    assert f'the Constraints page\'s "{CALENDAR_HOURS_LABEL}"' in said, said
