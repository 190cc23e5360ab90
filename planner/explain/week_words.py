"""Hours a week and a project's weeks in a leader's words, for the week reasons.

One writing of each figure for every reason about weeks: a share a week to a tenth
(:func:`a_week`), two shares that must not read alike (:func:`apart`), the weeks a
team's own hours cannot hold a share (:func:`own_hours_note`), the teams short of room
(:func:`no_room_words`), the weeks beside them that have room (:func:`room_between`) and
the weeks a project may run in (:func:`when_it_may_run`).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from fractions import Fraction

from planner.core.domain import Problem, Project
from planner.core.shared_words import plural
from planner.core.shown_figures import hours as hours_text
from planner.core.shown_figures import week_hours
from planner.core.weeks import weeks_words
from planner.explain.free_hours import fit_decimals, hours_to


def when_it_may_run(problem: Problem, project: Project) -> str:
    """When the project runs, after "when it": its weeks to choose from, or its fixed run."""
    duration, window = problem.duration(project), problem.window(project)
    span = weeks_words(window)
    whole = len(window) == problem.num_weeks
    if duration < len(window):
        # "for 5 weeks within weeks 7-13": "(5 weeks in weeks 7-13)" read as a riddle
        return f"{'could' if whole else 'must'} run for {plural(duration, 'week')} within {span}"
    if whole:
        # "could run for 13 weeks within weeks 1-13": it has no weeks to choose from.
        return f"runs in every week of the quarter ({span})"
    return f"must run in each of {span}" if len(window) > 1 else f"must run in {span}"


def no_room_words(
    full: dict[str, tuple[set[int], Fraction, str]],
    most: dict[str, str],
    noun: str,
    held: Collection[str] = (),
) -> str:
    """The two teams with the fewest weeks without room, each with its share and those weeks,
    and how many more (``noun``: "team", "sales team").

    ``held``: the names of the teams that hold the project in the current plan (a what-if
    kept close, a check-in's baseline), named first whatever their weeks: the team a leader
    asks about was among "(and 5 more teams)" when two others had fewer full weeks.
    """
    ranked = sorted(full.items(), key=lambda item: (item[0] not in held, len(item[1][0]), item[0]))
    named = ranked[:2]
    # Its share above the team's hours in every week: no other work is to blame.
    parts = [
        f"{name} has no room for {need} in {weeks_words(weeks)}"
        + (f" ({most[name]})" if name in most else "")
        for name, (weeks, _, need) in named
    ]
    more = len(full) - len(named)
    tail = f" (and {plural(more, f'more {noun}')})" if more > 0 else ""
    return f"{' and '.join(parts)}{tail}"


def room_between(roomy: set[int], duration: int) -> str:
    """The weeks of a project's window that have room for its share when no run of
    ``duration`` weeks does, in words for :func:`no_room_words`' brackets; "" for none.

    "Content has no room for its 40.0 h a week in weeks 7-12" and then "40 h more for
    Content in weeks 9-12 ..., for a run in weeks 9-13" left week 13 unsaid: the weeks
    with room are named beside the weeks without, with why they are not enough.
    """
    if not roomy:
        return ""
    verb = "has" if len(roomy) == 1 else "have"
    return f"{weeks_words(roomy)} {verb} room, but not {duration} weeks in a row"


def a_week(hours: Fraction) -> str:
    """Hours a week as the Plan page's weekly load and the check-in's tables say them, to a
    tenth (:func:`~planner.core.shown_figures.week_hours`): ``113.8 h``, ``40.0 h``.

    Whole hours said a failed check-in's "no room for its 114 h a week (it has 108 h a
    week at most)" above "Demand Gen has 107.7 h in week 7 ... need 113.8 h": one figure,
    two ways. A share too small for a tenth keeps two significant digits (``0.013 h``).
    """
    return week_hours(hours) if hours == 0 or abs(hours) >= Fraction(1, 20) else hours_text(hours)


def apart(need: Fraction, most: Fraction) -> tuple[str, str]:
    """Hours a week needed and had (:func:`a_week`), written so that they read different
    (54.3 h and 53.8 h; 37.04 h and 36.98 h).

    Whole hours from 10 on wrote 54.29 h needed and 53.85 h had both as "54 h": "no
    room for its 54 h a week (it has 54 h a week at most)" read as if it fitted. Where
    tenths read alike too, both take the decimals every "free for" line uses
    (:func:`~planner.explain.free_hours.fit_decimals`): 40.0001 h needed beside 40 h read
    "40.000 h" twice when it stopped at three.
    """
    shown = a_week(need), a_week(most)
    if shown[0] != shown[1]:
        return shown
    decimals = fit_decimals(most, need)
    if decimals is None:  # no shortfall: the two are the same hours
        return shown
    return hours_to(need, max(decimals, 2)), hours_to(most, max(decimals, 2))


def need_beside(per_week: Fraction, limits: Sequence[Fraction], weeks: set[int]) -> str:
    """``per_week`` as said beside the team's most hours in the short weeks of ``weeks``
    (:func:`own_hours_note`), so that the two never read alike ("its 37 h a week ... at most
    37.0 h a week")."""
    few = [limits[w - 1] for w in weeks if 0 < limits[w - 1] < per_week]
    return apart(per_week, max(few))[0] if few else a_week(per_week)


def own_hours_note(limits: Sequence[Fraction], per_week: Fraction, weeks: set[int]) -> str:
    """The weeks of ``weeks`` whose own hours (``limits``, week 1 first) cannot hold
    ``per_week`` whatever else is planned, in brackets: "it cannot start sooner: Content
    has no room for it in weeks 1-7" read as other work in the way where Content was away
    in weeks 1-3."""
    none = sorted(w for w in weeks if limits[w - 1] <= 0)
    few = sorted(w for w in weeks if 0 < limits[w - 1] < per_week)
    parts = [f"0 h in {weeks_words(none)}"] if none else []
    if few:
        had = apart(per_week, max(limits[w - 1] for w in few))[1]
        parts.append(f"at most {had} a week in {weeks_words(few)}")
    return f" (it has {' and '.join(parts)})" if parts else ""
