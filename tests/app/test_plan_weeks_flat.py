"""The Plan page's Weeks part on a quarter planned as a whole (last year's data, no weeks).

On data without durations, windows or a calendar, the part drew a timeline of every
project from week 1 to 13, a heatmap of thirteen alike columns, "Full weeks: Marketing Ops
weeks 1-13" and "Why a project starts when it does, and which team's weeks hold it back",
where no project waits and no week differs. It now says what it would show with weeks and
how to give them, and draws no week chart.
"""

from __future__ import annotations

from app_pages import assert_clean, open_routed
from app_server import ROOT

from pages.ui import md


def test_a_quarter_without_weeks_draws_no_week_charts_and_says_what_weeks_would_show(
    monkeypatch,
):
    """No timeline controls, no week-by-week pills, no "why it starts then"; one caption
    saying every week reads alike, what the part shows with weeks, and where to add them."""
    monkeypatch.setenv("PLANNER_DATA", str(ROOT / "data" / "sample-without-weeks"))
    app = open_routed("pages/plan.py")
    assert_clean(app)
    assert "Weeks" in [h.value for h in app.subheader]
    assert not [c for c in app.get("segmented_control") if "timeline" in c.label]
    assert not [p for p in app.get("pills") if p.label == "A team's weeks"]
    captions = [c.value for c in app.caption]
    assert not [c for c in captions if "Why a project starts when it does" in c], captions
    assert not [c for c in captions if "Full weeks" in c], captions
    (said,) = [c for c in captions if "spread evenly" in c]
    assert md("when each project runs and each team's load week by week") in said
    assert md("the Data page's Projects table") in said and md("its Calendar table") in said


def test_explain_a_project_asks_when_it_runs_only_of_data_with_weeks(monkeypatch):
    """On data without weeks "Explain a project" offered "Pick a project to see who owns it,
    when it runs and why": every project runs the whole quarter, there is no "when" to see."""
    (sample,) = [s for s in open_routed("pages/plan.py").selectbox if s.label == "Project"]
    assert sample.placeholder == "Pick a project to see who owns it, when it runs and why"
    monkeypatch.setenv("PLANNER_DATA", str(ROOT / "data" / "sample-without-weeks"))
    app = open_routed("pages/plan.py")
    assert_clean(app)
    (flat,) = [s for s in app.selectbox if s.label == "Project"]
    assert flat.placeholder == "Pick a project to see who owns it and why"


def test_a_quarter_in_weeks_still_draws_its_timeline():
    """The sample, planned in weeks: the timeline's colour control and a team's weeks."""
    app = open_routed("pages/plan.py")
    assert_clean(app)
    assert [c for c in app.get("segmented_control") if "timeline" in c.label]
    assert [p for p in app.get("pills") if p.label == "A team's weeks"]
    assert not [c for c in app.caption if "spread evenly" in c.value]
