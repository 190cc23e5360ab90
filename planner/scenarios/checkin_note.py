"""A check-in in one sentence (:func:`describe_checkin`, a saved re-plan's note and the
Check-in page), and the check-in read back from a note written before check-ins had tables
of their own (:func:`checkin_from_note`, for a database of schema 3 or older): there the
note held the leader's note, that sentence, :data:`NOTE_MARKER`, then the check-in as TOML
(:mod:`planner.scenarios.checkin_toml`).
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction

from planner.core.domain import Problem
from planner.core.errors import InvalidInputError
from planner.core.shown_figures import percent
from planner.core.writing import plain
from planner.scenarios.checkin import CheckIn
from planner.scenarios.checkin_goals import Pace, goal_progress
from planner.scenarios.checkin_toml import parse_checkin
from planner.scenarios.out_of_plan import OutOfPlan, checkin_counts_words

#: The line after which an old saved re-plan's note carries its check-in as TOML.
NOTE_MARKER = "--- check-in (TOML) ---"


def describe_checkin(
    problem: Problem,
    checkin: CheckIn,
    planned: Mapping[str, Fraction] | None = None,
    *,
    out: OutOfPlan | None = None,
) -> str:
    """The check-in in one sentence a leader reads in a scenario list.

    With ``planned`` (goal id -> what the plan had delivered by now) goals are
    behind their plan; without it, behind the straight line to their target. With
    ``out`` (:func:`out_of_plan`), the baseline's projects its re-plan no longer plans are
    counted as the Check-in page counts them ("0 dropped" read as if the plan had lost
    nothing where the re-plan left out a project let move), each count naming its first
    projects: "1 left out by the re-plan ('Webinars')".
    """
    behind = [g for g in goal_progress(problem, checkin, planned) if g.pace is Pace.BEHIND]
    text = (
        f"Check-in at week {plain(checkin.weeks_elapsed)} of "
        f"{plain(checkin.quarter_weeks)}: "
        f"{checkin_counts_words(checkin, out, {p.project_id: p.name for p in problem.projects})}."
    )
    if behind:
        text += (" Behind plan: " if planned is not None else " Behind: ") + "; ".join(
            f"{g.name} ({percent(g.percent_of_target)} with "
            + (
                f"{percent(g.percent_expected)} of the quarter gone)"
                if g.percent_planned is None
                else f"{percent(g.percent_planned)} planned by now)"
            )
            for g in behind
        )
        text += "."
    return text


def checkin_from_note(note: str) -> CheckIn | None:
    """The check-in an old saved re-plan's note carries after :data:`NOTE_MARKER` (``None``
    if none)."""
    _, marker, toml_text = note.partition(NOTE_MARKER)
    if not marker:
        return None
    try:
        return parse_checkin(toml_text, "note")
    except InvalidInputError:
        return None
