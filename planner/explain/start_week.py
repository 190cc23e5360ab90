"""When an assigned project runs, and why it starts then (rules 10-12 for a plan's row).

The Plan page and ``planner explain`` read "It runs in weeks 4-6 (3 weeks; 40.0 h a week
for Content), from the week after its prerequisite ... ends", or the weeks in which an
owner had no room for it sooner; the left-out side of the same rules is
:class:`~planner.explain.weeks.WeekReasons`, whose weekly room it reads.
"""

from __future__ import annotations

from fractions import Fraction

from planner.core.domain import Plan, Problem
from planner.core.shared_words import plural
from planner.core.weeks import run_weeks, week_ranges, weeks_words
from planner.explain.sentences import join_names, project_name
from planner.explain.week_words import a_week, own_hours_note
from planner.explain.weeks import WeekReasons


def when_it_runs(problem: Problem, plan: Plan, project_id: str) -> str | None:
    """When an assigned project with a duration runs, and why it starts then.

    ``None`` without a duration (it runs its whole window: there is no when to
    explain). The start is said against the first week it may start (its
    earliest week, after its prerequisites end): a later start names the weeks
    where an owner had no room for it sooner; where an earlier start fits too,
    that is said, for no goal changes with the week it starts.
    """
    project = problem.project(project_id)
    mine = [a for a in plan.assignments if a.project_id == project_id]
    if project.duration_weeks is None or not mine or mine[0].start_week is None:
        return None
    reasons = WeekReasons(problem, plan)
    span = run_weeks(problem, mine[0])
    duration, window, start = len(span), problem.window(project), span.start
    first = reasons.earliest(project)
    shares = [(a, Fraction(a.effort_hours) / duration) for a in mine]
    each = join_names(
        [f"{a_week(hours)} a week for {problem.team(a.team_id).name}" for a, hours in shares]
    )
    # "(5 weeks of weeks 6-13; ...)" read as a riddle: the window is said on its own.
    where = (
        ""
        if len(window) == problem.num_weeks
        else f"; it may run in weeks {week_ranges(list(window))}"
    )
    line = f"It runs in {weeks_words(span)} ({plural(duration, 'week')}; {each}{where})"
    if problem.baseline is not None and project_id in problem.baseline.under_way:
        # Its weeks left were fixed at the check-in: no team's room chose them.
        return f"{line}: it was under way at the check-in, so it keeps its weeks."
    after = [p for p in problem.runs_after(project) if reasons.ends.get(p, 0) + 1 == first]
    if start == first:
        if after:
            prerequisite = project_name(problem, after[0])
            return f"{line}, from the week after its prerequisite {prerequisite} ends."
        return f"{line}, from the first week it may start."
    # Its own hours freed, each owner's room in each earlier start's weeks.
    full: dict[str, set[int]] = {}
    fits: list[int] = []
    for earlier in range(first, start):
        weeks = range(earlier, earlier + duration)
        blocked = False
        for a, per_week in shares:
            free = reasons.free(a.team_id)[0]
            short = [w for w in weeks if free[w - 1] + (per_week if w in span else 0) < per_week]
            if short:
                blocked = True
                full.setdefault(a.team_id, set()).update(short)
        if not blocked:
            fits.append(earlier)
    if fits:
        return (
            f"{line}; it would fit from {weeks_words(fits[:1])} too, and no goal changes "
            "with the week it starts."
        )
    per_team = {a.team_id: per_week for a, per_week in shares}
    who = join_names(
        [
            f"{problem.team(team_id).name} has no room for it in {weeks_words(weeks)}"
            + own_hours_note(reasons.limits[team_id], per_team[team_id], weeks)
            for team_id, weeks in full.items()
        ]
    )
    return f"{line}; it cannot start sooner: {who}."
