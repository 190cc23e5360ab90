"""RevOps reading the figures the pages share: where a department's capacity comes from."""

from __future__ import annotations

from pathlib import Path

from app_pages import assert_clean, open_routed

ROOT = Path(__file__).resolve().parents[2]


def _capacity_help(app) -> str:
    (card,) = [m for m in app.metric if m.label == "Marketing capacity"]
    return str(card.help)


def test_capacity_in_force_says_the_calendar_weeks_make_it(monkeypatch):
    """The sample's Marketing capacity read 4,391 h, 'the 5 teams' hours after capacity
    what-ifs and max utilisation', with every capacity and the max utilisation at 100 %
    and the teams' own hours at 4,400 h: the calendar's weeks (a holiday, a writer
    starting in week 5) make the difference, and the help now says so, in words: "(the
    calendar's where it has rows)" read as a riddle."""
    monkeypatch.delenv("PLANNER_DATA", raising=False)
    app = open_routed("pages/overview.py")
    assert_clean(app)
    assert _capacity_help(app).startswith(
        "Capacity: the 5 teams' hours in the quarter's weeks (the Calendar tab's hours where "
        "it has a row for the week), after capacity what-ifs and the share of its hours each "
        "team is planned up to; 3,720 h of it is planned."
    )


def test_a_quarter_without_a_calendar_says_nothing_of_weeks(monkeypatch):
    monkeypatch.setenv("PLANNER_DATA", str(ROOT / "data" / "sample-without-weeks"))
    app = open_routed("pages/overview.py")
    assert_clean(app)
    help_text = _capacity_help(app)
    assert "weeks" not in help_text
    assert help_text.startswith("Capacity: the 5 teams' hours after capacity what-ifs")
