"""The app opened through AppTest for the tests of tests/app/test_app.py,
test_constraints_page.py, test_data_page.py and test_plan_pages.py, and what they
read on its pages.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
from app_pages import (
    chart_frames,
)
from app_server import ROOT
from streamlit.testing.v1 import AppTest


def new_app() -> AppTest:
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)


def open_page(page: str | None = None) -> AppTest:
    """The app opened (on the Overview), then on ``page`` if given."""
    app = new_app().run()
    if page is not None:
        app.switch_page(page).run()
    return app


def capacity_slider(app: AppTest, department: str) -> Any:
    """A department's capacity slider, found by its label (its key changes with the exact input)."""
    (slider,) = [s for s in app.slider if s.label == f"{department.capitalize()} capacity"]
    return slider


def load_chart_frame(app: AppTest) -> pd.DataFrame:
    """The team-load chart's data (the frame with a ``limit_hours`` column)."""
    frames = [f for f in chart_frames(app) if "limit_hours" in f.columns]
    assert len(frames) == 1
    return frames[0].set_index("team_id")
