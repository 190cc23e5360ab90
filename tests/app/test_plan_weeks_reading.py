"""The Plan page's timeline answers "why does it start then?" through Explain a project.

A RevOps lead reading the timeline saw the SEO pillar pages start in week 8 and could
not find out why: the chart says when, and Explain a project said who owns it and how
much, never when. The page now points from the timeline to the explanation, and the
explanation says the weeks and what holds the start back.
"""

from __future__ import annotations

from app_pages import assert_clean, open_routed


def test_the_timeline_points_to_the_explanation_that_says_why_a_project_starts_then():
    """Under the timeline, a caption names Explain a project; picking the SEO pillar pages
    there reads its weeks and that Content has no room for it sooner."""
    app = open_routed("pages/plan.py")
    assert_clean(app)
    assert any("pick it under Explain a project" in c.value for c in app.caption)
    explain = next(s for s in app.selectbox if s.label == "Project")
    assert explain.placeholder == "Pick a project to see who owns it, when it runs and why"
    explain.set_value("AW-01").run()
    assert_clean(app)
    # As read on screen: the markdown escapes its punctuation ("8\\-13", "\\(6 weeks").
    text = " ".join(m.value for m in app.markdown).replace("\\", "").replace("\u2060", "")
    assert "It runs in weeks 8-13 (6 weeks; 56.7 h a week for Content)" in text
    assert "Content has no room for it in weeks 1-7" in text
