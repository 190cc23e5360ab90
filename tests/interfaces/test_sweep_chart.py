"""The capacity what-if's chart (planner.interfaces.scenario_charts.sweep_chart)."""

from __future__ import annotations

import pandas as pd

from planner.interfaces.scenario_charts import sweep_chart


def _y_axes(spec: dict) -> dict[str, dict]:
    """Each panel's title and the axis its line draws the figures on."""
    return {
        panel["title"]: panel["layer"][0]["encoding"]["y"].get("axis", {})
        for panel in spec["hconcat"]
    }


def test_the_projects_left_out_tick_in_whole_projects():
    """Sales Engineering from 70 to 130 %: 19, 18 and 17 projects left out read on an axis
    of 17, 17.5, 18, 18.5 and 19 projects; a count ticks in whole numbers, goal attainment
    as it did."""
    frame = pd.DataFrame(
        {
            "capacity_pct": [70.0, 100.0, 130.0],
            "capacity_text": ["552 h", "788 h", "1,024 h"],
            "attainment_pct": [82.6, 85.6, 87.7],
            "attainment_text": ["82.6 %", "85.6 %", "87.7 %"],
            "unassigned": [19, 18, 17],
            "status_words": ["The best plan possible"] * 3,
            "note": ["", "the current plan", ""],
        }
    )
    axes = _y_axes(sweep_chart(frame, "Sales Engineering").to_dict())
    assert axes["Projects left out"]["tickMinStep"] == 1
    assert axes["Projects left out"]["format"] == "d"
    assert "tickMinStep" not in axes["Goal attainment (%)"]
