"""What a check-in's settings and records mean, in a leader's words.

The Check-in page and ``planner checkin`` say the same sentence from here: the
number that keeps the plan in goal attainment points, and the projects in
progress whose end week cannot hold the work left.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal

from planner.core.domain import Plan, Problem
from planner.core.errors import InputIssue
from planner.core.ranges import QUARTER_WEEKS
from planner.core.shared_words import joined, plural
from planner.core.shown_figures import amount, recorded
from planner.explain import for_reader
from planner.scenarios.checkin import CheckIn, weeks_past
from planner.scenarios.counting_goals import counting_goals
from planner.scenarios.late_work import LateEnd, done_before_window, late_ends, past_due
from planner.scenarios.on_plan import OnPlan


def _points(x: float) -> str:
    """Points of attainment as a leader reads them: one decimal, one figure below 0.1."""
    if x >= 0.1:
        return f"{x:.1f}"
    return f"{x:.1g}"


def quarter_weeks_refused(quarter: float) -> str | None:
    """Why the Check-in page's "Weeks in the quarter" cannot be ``quarter``, or None: its box
    held its bounds itself, so 60 stayed on screen in red and the page planned 13 weeks."""
    why = QUARTER_WEEKS.problem(quarter)
    return None if why is None else f"Weeks in the quarter: {why}"


def weeks_elapsed_refused(weeks: float, quarter: float, *, whole: bool) -> str | None:
    """Why a check-in cannot be made at ``weeks`` elapsed of a ``quarter`` of weeks (``whole``:
    planned in whole weeks), in a leader's words with the weeks to give; None when it can.

    The Check-in page's box once held its bounds itself: 14 typed in a 13-week quarter's box
    stayed on screen in red, never reached the page, and Re-plan re-planned at week 6.
    """
    if not 0 <= weeks <= quarter:
        where = "past the end of" if weeks > quarter else "before the start of"
        return (
            f"Week {weeks:g} is {where} the {quarter:g}-week quarter: the weeks elapsed are "
            f"the weeks gone so far. Give a week from 0 to {quarter:g}."
        )
    if whole and weeks != int(weeks):
        return (
            f"Week {weeks:g} is part-way through a week: the quarter is planned in whole "
            "weeks, and the re-plan keeps weeks 1 to N as they happened. Give week "
            f"{int(weeks)} (the last week over) or week {int(weeks) + 1}."
        )
    return None


def keep_the_plan_words(problem: Problem, stability: float) -> str:
    """What the re-plan's ``stability`` weight means for ``problem``'s goals.

    The weight is what a move to another team costs in the objective, where a goal's
    percentage point counts its weight: the quarter's goal attainment (the Overview's
    weighted %) moves by the objective over the sum of the goals' weights. On the
    sample (weights 16.5 in all) 5 is about 0.3 points of that attainment.
    """
    shown = f"{stability:g}"
    if stability <= 0:
        return (
            f"At {shown}, projects move to another team whenever that helps the goals at "
            "all; the higher the number, the fewer moves."
        )
    weights = sum((g.weight for g in problem.goals), Decimal(0))
    per_point = float(weights) * problem.settings.weights.attainment
    if per_point <= 0:
        # No goal attainment in the priorities: the number is no figure a leader reads
        # ("scores more than that in the plan's terms" was the optimizer's measure).
        return (
            f"At {shown}, the higher the number, the fewer projects move to another team; "
            "0 moves them freely. With goal attainment set to 0 in the priorities, what a "
            "move must gain is not a share of the goals."
        )
    # "pts" shown on a goal attainment: "adds 0.3 pts" alone left a CMO asking points of what.
    points = _points(stability / per_point)
    return (
        f"At {shown}, a project moves to another team only when the move raises the "
        "quarter's goal attainment (the weighted % of the Overview) by more than about "
        f"{points} pts, as from 80 % to {80 + float(points):g} %; 0 moves projects freely, "
        "and the higher the number, the fewer moves."
    )


#: The most projects let move named in full before the re-plan; the rest are counted.
_LET_MOVE_NAMED = 5


def may_move_words(
    problem: Problem, unlocked: Iterable[str], keep_how: str = 'Untick "May move"'
) -> str | None:
    """What letting projects in progress move risks, said before the re-plan (``None``:
    none let move).

    A project let move is no longer held by its team: the re-plan may hand its work left
    to another team, or leave it out of the plan when those hours do more for the goals on
    other work. A leader who ticked "May move" to get a plan past a full team learnt that
    only from the saved check-in's note ("1 left out by the re-plan"). ``keep_how`` says
    how to hold one with its team, in the words of the page or the command line.
    """
    ids = sorted(unlocked)
    if not ids:
        return None
    names = [f"'{problem.project(i).name}'" for i in ids]
    if len(names) > (most := _LET_MOVE_NAMED):  # 37 ticked read as a wall of names
        names = [*names[:most], f"{len(names) - most} others"]
    one = len(ids) == 1
    it, its = ("it", "its") if one else ("them", "their")
    has, each, team = ("it has", "it", "team") if one else ("they have", "each", "teams")
    listed = joined(names)
    return (
        f"Let move: {listed}. The re-plan may hand {its} work left to another team, or leave "
        f"{it} out of the plan when those hours do more for the goals on other work. Left "
        f"out, {its} work left counts nothing toward the goals (what {has} delivered so far "
        f"stays) and {each} counts as a change. {keep_how} to keep {it} with {its} {team}."
    )


#: The most projects done before their window named one by one; the rest counted.
_EARLY_NAMED = 5


def done_before_window_lines(problem: Problem, checkin: CheckIn) -> list[str]:
    """One note per project marked done before its window began
    (:func:`~planner.scenarios.late_work.done_before_window`), naming it, the check-in's week
    and its window, the first :data:`_EARLY_NAMED` and how many more: it was accepted
    without a word. What happened outranks the plan, so it stays done."""
    early = done_before_window(problem, checkin)
    week = f"{float(checkin.weeks_elapsed):g}"
    lines = [
        f"'{problem.project(project_id).name}' is marked done at week {week}, before its "
        f"window ({_weeks_text(window)}) began: it counts as done, as recorded, since what "
        "happened comes before the plan. If it has not run, set its status back."
        for project_id, window in list(early.items())[:_EARLY_NAMED]
    ]
    if (more := len(early) - _EARLY_NAMED) > 0:
        whose = "its window" if more == 1 else "their windows"
        lines.append(f"And {plural(more, 'more project')} marked done before {whose} began.")
    return lines


def _weeks_text(window: range) -> str:
    """A window in words: "weeks 8-13", "week 8"."""
    if len(window) == 1:
        return f"week {window[0]}"
    return f"weeks {window[0]}-{window[-1]}"


def _percent_text(x: Decimal) -> str:
    return f"{float(x):g} %"


def late_work_lines(
    problem: Problem, plan: Plan, checkin: CheckIn, end_week: str = "Ends in week to {week}"
) -> list[str]:
    """One sentence per project in progress whose end week does not hold its work left
    (:func:`~planner.scenarios.late_work.late_ends`) or lies past its due week
    (:func:`~planner.scenarios.late_work.past_due`), with the week to give.

    ``end_week``: what the leader sets to give an end week, with ``{week}`` (the page's
    "Ends in week to {week}", the check-in file's "end_week to {week}").
    """
    last = problem.num_weeks
    lines = []
    values = _values_left(plan, checkin)
    overdue = past_due(problem, checkin)
    lates = late_ends(problem, plan, checkin)
    for late in lates:
        project = problem.project(late.project_id)
        left = 100 - late.percent_done
        given = late.end_week - weeks_past(problem, checkin)
        needed = late.pace_end - weeks_past(problem, checkin)
        if late.project_id in overdue:
            # Late and past its due week: one sentence, as "set its end_week to 11" and
            # "set its end_week to 8 or earlier ..., or mark it dropped" read as two advices.
            lines.append(
                _late_past_due(problem, checkin, late, overdue[late.project_id], values, end_week)
            )
            continue
        line = (
            f"'{project.name}' is {_percent_text(late.percent_done)} done but still ends in "
            f"week {late.end_week}: at the pace the plan gave it, the {_percent_text(left)} "
            f"of its work left takes until week {late.pace_end} ({plural(needed, 'week')}, "
            f"not {given}). Squeezed into {plural(given, 'week')}, its team may not have the "
            "hours, and the re-plan then finds no plan. "
        )
        if late.pace_end > last:
            line += (
                f"That is past the quarter's last week: set its {end_week.format(week=last)}"
                " and expect its work left in fewer weeks, or mark it dropped."
            )
        else:
            line += f"Set its {end_week.format(week=late.pace_end)}"
            if late.pace_end > late.due_week:
                line += (
                    f" (after its due week {late.due_week}: what is left of it then lands "
                    "after the quarter and counts nothing for it)"
                )
            line += "."
        lines.append(line)
    said = {late.project_id for late in lates}
    for project_id, (end, due) in overdue.items():
        if project_id in said:
            continue
        project = problem.project(project_id)
        what = _value_words(problem, project_id, values)
        lines.append(
            f"'{project.name}' ends in week {end}, after its due week {due}: what is left of "
            f"it{what} lands after the quarter, so the re-plan and the forecast count none "
            f"of it. Set its {end_week.format(week=due)} or earlier to count it, or mark it "
            "dropped."
        )
    return lines


def _value_words(problem: Problem, project_id: str, values: Mapping[str, Decimal]) -> str:
    """ " (900,000 pipeline $)": the value left of a project, in its goal's KPI, or nothing."""
    project = problem.project(project_id)
    goal = problem.goal_index.get(project.goal_id) if project.goal_id else None
    return f" ({amount(values[project_id], goal.kpi)})" if goal and project_id in values else ""


def _late_past_due(
    problem: Problem,
    checkin: CheckIn,
    late: LateEnd,
    ends: tuple[int, int],
    values: Mapping[str, Decimal],
    end_week: str,
) -> str:
    """The one sentence for work in progress both late at its pace and ending after its
    due week: past it, its work left counts nothing whatever week it ends, so the advice
    is the week its pace needs (or dropping it), and what counting it would take."""
    project = problem.project(late.project_id)
    end, due = ends
    past = weeks_past(problem, checkin)
    last = problem.num_weeks
    left = 100 - late.percent_done
    target = min(late.pace_end, last)
    line = (
        f"'{project.name}' is {_percent_text(late.percent_done)} done and ends in week {end}, "
        f"after its due week {due}: what is left of it"
        f"{_value_words(problem, late.project_id, values)} lands after the quarter, so the "
        "re-plan and the forecast count none of it. At the pace the plan gave it, the "
        f"{_percent_text(left)} of its work left takes until week {late.pace_end} "
        f"({plural(late.pace_end - past, 'week')}, not {end - past}); squeezed into "
        f"{plural(end - past, 'week')}, its team may not have the hours, and the re-plan "
        f"then finds no plan. Past week {due} it counts nothing either way: set its "
        f"{end_week.format(week=target)}"
        # Two pieces of advice when it must squeeze: a comma sets dropping it apart.
        + (" and expect its work left in fewer weeks," if late.pace_end > last else "")
        + " or mark it dropped"
    )
    if due > past:
        line += (
            f" (to count it, it must end by week {due}, its work left in "
            f"{plural(due - past, 'week')})"
        )
    return line + "."


def _values_left(plan: Plan, checkin: CheckIn) -> dict[str, Decimal]:
    """Project id -> the plan's value for it (both owners' parts) times its share left."""
    out: dict[str, Decimal] = {}
    for a in plan.assignments:
        share = checkin.progress(a.project_id).remaining
        out[a.project_id] = out.get(a.project_id, Decimal(0)) + a.value * share
    return out


def shows_rounding(whole: Decimal, exact: Decimal) -> bool:
    """Whether a count pre-filled ``whole`` for the plan's ``exact`` figure reads otherwise
    than that figure as it is shown (one decimal): 8 for 7.7 does, 153 for 153.005 does not
    (it read "the plan's projects would have 153 by now: kept at 153")."""
    return recorded(round(exact, 1)) != recorded(whole)


#: Goals named in :func:`whole_counts_note` (where a unit weighs most); the rest counted.
_NAMED = 1


def whole_counts_note(problem: Problem, found: OnPlan) -> str | None:
    """What the pre-fill rounded to whole units, or None when nothing was.

    The plan's projects deliver a share of their value by now (7.7 new customers at
    week 6); a leader records customers won, so the pre-fill writes 8. Kept so, the
    count is the plan's figure (:meth:`~planner.scenarios.on_plan.OnPlan.with_plan_figures`).
    The goals where a unit weighs most (of their target) are named first.
    """
    typed = found.typed(problem).achieved
    counts = counting_goals(problem)
    rounded = sorted(
        (
            (g, typed[g.goal_id], exact)
            for g in problem.goals
            if (exact := found.checkin.achieved.get(g.goal_id)) is not None
            and g.goal_id in counts
            and shows_rounding(typed[g.goal_id], exact)
        ),
        key=lambda r: -abs(r[1] - r[2]) / r[0].target,
    )
    if not rounded:
        return None
    named = [
        f"{g.name}: {amount(whole, g.kpi)}, where the plan's projects would have "
        f"{recorded(round(exact, 1), g.kpi)} by now"
        for g, whole, exact in rounded[:_NAMED]
    ]
    if len(rounded) > _NAMED:
        named.append(f"and {plural(len(rounded) - _NAMED, 'more count')}")
    return (
        "Counts are pre-filled in whole units, as they are recorded ("
        + " ".join(f"{n};" for n in named[:-1])
        + (f" {named[-1]}" if len(named) > 1 else named[0])
        + "). Kept as pre-filled, a count stands for the plan's own figure, so the "
        "forecast is the plan's. Type what you reached."
    )


def checkin_problem_lines(problem: Problem, issues: Iterable[InputIssue]) -> list[str]:
    """A check-in's problems as the Check-in page lists them (plain text): each with what
    to do, a project by its name ("'Analyst relations briefings' (AW-03) is in progress
    ..."), where the command line's name the key of its file ("projects.AW-03")."""
    names = {p.project_id: p.name for p in problem.projects}
    lines = []
    for issue in issues:
        message = issue.message
        project_id = (issue.column or "").removeprefix("projects.")
        if project_id in names:
            said = f"project '{project_id}'"
            message = message.replace(said, f"'{names[project_id]}' ({project_id})", 1)
        lines.append(for_reader(f"{message[:1].upper()}{message[1:]} {issue.fix}", "app"))
    return lines
