"""Explain a project heads a name with a colon so it still reads as one name.

The sample's "Regional roadshow: Chicago, Austin, Toronto" was headed "Regional roadshow:
Chicago, Austin, Toronto: stage: Lead generation" on the Plan page: three colons, and a
leader could not tell where the name ended. The name now stands alone, its stage after a
dot in the words ``planner explain`` prints.
"""

from __future__ import annotations

from pathlib import Path

from app_pages import assert_clean, open_routed

from planner.core.loading import load_with_warnings
from planner.explain import explain_project
from planner.solving.solver import solve

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"


def test_a_project_name_with_a_colon_is_headed_without_a_second_colon():
    """Picking the roadshow reads its name, then "· Lead generation stage ·", as the CLI."""
    app = open_routed("pages/plan.py")
    assert_clean(app)
    next(s for s in app.selectbox if s.label == "Project").set_value("LG-10").run()
    assert_clean(app)
    # As read on screen: the markdown escapes its punctuation.
    said = [m.value.replace("\\", "") for m in app.markdown]
    heading = next(m for m in said if m.startswith("**Regional roadshow"))
    assert heading.startswith(
        "**Regional roadshow: Chicago, Austin, Toronto** · Lead generation stage · 380 h"
    ), heading
    assert "stage:" not in heading, heading
    sample = load_with_warnings(SAMPLE).problem
    figures = explain_project(sample, solve(sample), "LG-10").figures
    assert figures.startswith("Lead generation stage · 380 h · value 280 MQLs"), figures
    assert figures in heading.replace("**", ""), (figures, heading)
