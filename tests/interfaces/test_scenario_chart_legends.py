"""The Scenarios page's department colours (planner.interfaces.scenario_charts): a legend
names only the departments whose bars the chart draws, as the Plan page's charts do."""

from __future__ import annotations

import pandas as pd

from planner.interfaces.charts import DEPARTMENT_COLOURS
from planner.interfaces.scenario_charts import marginal_chart, team_delta_chart


def _colour_scale(spec: dict) -> dict:
    bars = spec.get("layer", [spec])[0]
    return bars["encoding"]["color"]["scale"]


def _team_deltas(departments: list[str], deltas: list[float]) -> pd.DataFrame:
    names = [f"Team {i}" for i in range(len(deltas))]
    return pd.DataFrame(
        {
            "team": names,
            "department": departments,
            "delta_hours": deltas,
            "hours_a_text": ["10 h"] * len(deltas),
            "hours_b_text": ["20 h"] * len(deltas),
            "delta_text": ["+10 h"] * len(deltas),
        }
    )


def test_the_team_change_chart_s_legend_names_the_departments_it_draws():
    """Comparing two plans where only sales teams' hours changed, the team chart drew sales
    bars under a legend of Marketing and Sales. A fall draws a bar as a rise does; a team
    whose hours did not change draws none."""
    only_sales = _team_deltas(["sales", "sales", "marketing"], [40.0, -7.5, 0.0])
    scale = _colour_scale(team_delta_chart(only_sales, "A", "B").to_dict())
    assert scale["domain"] == ["sales"]
    assert scale["range"] == [DEPARTMENT_COLOURS["sales"]]
    both = _team_deltas(["sales", "marketing"], [40.0, -7.5])
    assert _colour_scale(team_delta_chart(both).to_dict())["domain"] == ["marketing", "sales"]


def _gains(departments: list[str], points: list[float | None]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "rank": range(1, len(points) + 1),
            "team": [f"Team {i}" for i in range(len(points))],
            "department": departments,
            "gain": [1.0] * len(points),
            "attainment_points": points,
            "extra_text": ["+10 h"] * len(points),
            "attainment_text": ["+1.0 pts"] * len(points),
            "status": ["optimal"] * len(points),
        }
    )


def test_the_extra_capacity_chart_s_legend_names_the_departments_it_draws():
    """Where extra capacity pays most: with only marketing teams gaining attainment, the
    legend listed Sales beside their bars, the sales teams' bars of 0 points not drawn."""
    scale = _colour_scale(
        marginal_chart(_gains(["marketing", "sales", "marketing"], [2.0, 0.0, 0.5]), 0.1).to_dict()
    )
    assert scale["domain"] == ["marketing"]
    assert scale["range"] == [DEPARTMENT_COLOURS["marketing"]]
    scale = _colour_scale(marginal_chart(_gains(["marketing", "sales"], [2.0, 0.4]), 0.1).to_dict())
    assert scale["domain"] == ["marketing", "sales"]
