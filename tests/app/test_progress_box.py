"""What the progress box says while a plan is solved (``pages.ui.progress_line``).

Issue 17: the box shows the best plan as soon as there is one (the quick
first plan, with its gap), and never loses it: a solve that then waits for a
free solver still shows the plan it has.
"""

from __future__ import annotations

import math

from streamlit.testing.v1 import AppTest

from pages.ui import ProgressBox, progress_line
from planner.solving.solver import Progress

QUICK = Progress(objective=99.0, bound=100.0, seconds=4.0, num_solutions=1, first_plan=True)
WAITING = Progress(math.nan, math.nan, 5.0, 0, waiting=True, ahead=2)


def test_before_any_plan_the_box_says_it_is_preparing_one():
    """No plan yet and no wait: the box says what is happening, not "no plan found", in a
    leader's words (it read "Preparing the model and a quick first plan…")."""
    assert progress_line(None, None) == "Making a quick first plan…"


def test_the_quick_first_plan_shows_with_its_gap():
    """The warm start's plan is named as such, with its distance to the LP's bound."""
    line = progress_line(QUICK, QUICK)
    assert line == "Best so far (quick first plan): within **1.0 %** of the best possible plan"


def test_a_wait_for_a_free_solver_keeps_the_plan_in_view():
    """Queued behind other solves, the leader still sees the plan they can keep with Stop."""
    line = progress_line(WAITING, QUICK)
    assert line.startswith("Best so far (quick first plan): within **1.0 %**")
    assert "Waiting its turn (2 plans ahead of this one)" in line


def test_a_wait_before_any_plan_says_only_that():
    """With no plan yet a queued solve says it waits, and how many plans are ahead, in a
    leader's words: it read "Waiting for a free solver (2 ahead of this one): other plans
    are being solved…"."""
    line = progress_line(WAITING, None)
    assert line == "Waiting its turn (2 plans ahead of this one): the app is making other plans…"
    one = Progress(math.nan, math.nan, 5.0, 0, waiting=True, ahead=1)
    assert progress_line(one, None).startswith("Waiting its turn (1 plan ahead of this one)")


def test_later_plans_are_numbered_and_an_unknown_bound_is_said_in_words():
    """CP-SAT's plans count on from the warm start's; no bound reads as "not known yet"."""
    later = Progress(objective=99.5, bound=math.nan, seconds=9.0, num_solutions=3)
    line = progress_line(later, later)
    assert line == (
        "Best so far (plan 3): how close it is to the best possible plan is not known yet"
    )


class _Job:
    """A solve under way as the box reads it: its limit, no report yet."""

    time_limit_s = 10.0
    best = None
    progress = None


class _Bar:
    """Records each time the bar is drawn."""

    def __init__(self) -> None:
        self.texts: list[str] = []

    def progress(self, value: float, text: str) -> None:
        self.texts.append(text)


def test_the_bar_is_drawn_again_only_when_what_it_reads_changes():
    """Polled every 0.05 s, the bar reads tenths of a second: it is sent when they change.

    Each bar sent is a redraw of the page in the browser, on the cores the server solves
    on: a slider's what-if on a busy machine sent it 10-12 times in a second.
    """
    box = ProgressBox("key", _Job(), lambda key: None)  # type: ignore[arg-type]
    bar = _Bar()
    box._bar = bar  # type: ignore[assignment]
    for elapsed in (0.31, 0.33, 0.36, 0.38, 0.41, 0.43):
        box.update(elapsed)
    assert bar.texts == [f"{t} s of at most 10 s" for t in ("0.3", "0.4")]


def test_two_solves_of_the_same_inputs_each_have_their_own_stop_button():
    """The Stop button's key was the solve key's first 16 characters, the inputs' own: a
    what-if of the same inputs against another plan in force (``key@anchor/plan``) drawn in
    the same run as the plan itself was refused as a second widget of one key."""

    def two_boxes() -> None:
        from pages.ui import ProgressBox

        class Job:
            time_limit_s = 10.0
            best = None
            progress = None

        inputs = "0123456789abcdef0123"
        ProgressBox(inputs, Job(), lambda key: None)  # type: ignore[arg-type]
        ProgressBox(f"{inputs}@fedcba9876543210/plan", Job(), lambda key: None)  # type: ignore[arg-type]

    app = AppTest.from_function(two_boxes).run()
    assert not app.exception, [e.value for e in app.exception]
    assert [b.label for b in app.button] == ["Stop and keep the best plan so far"] * 2
    assert len({b.key for b in app.button}) == 2
