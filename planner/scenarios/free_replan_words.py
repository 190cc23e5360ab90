"""The re-plan from scratch beside a what-if kept close to the current plan, in a leader's
words: the same plan when it offers nothing the kept one lacks (:func:`same_plan_words`,
with the projects it would only start in other weeks, :func:`same_plan_runs`), else what
it would change (:func:`free_replan_words`); :func:`free_replan_line` picks the one to say.
The Constraints and What-if pages and ``planner solve --baseline`` show it under a what-if
of :mod:`planner.scenarios.relative`; the what-if itself is worded by
:mod:`planner.scenarios.relative_words`.
"""

from __future__ import annotations

from planner.core.domain import Problem, Status
from planner.core.shared_words import joined, plural
from planner.core.shown_figures import (
    names_text,
)
from planner.core.shown_figures import percent as percent_text
from planner.core.status_words import KEPT_CLOSE_WORDS
from planner.core.weeks import weeks_words
from planner.scenarios.metrics import result_metrics
from planner.scenarios.plan_change import rescheduled_runs
from planner.scenarios.relative import RelativeResult, scores_at_least

#: Projects a re-plan from scratch starts in other weeks named, with their weeks, before
#: "and N more" (:func:`same_plan_words`): each reads longer than a name alone.
WEEKS_IN_SUMMARY = 3


def same_plan_runs(
    problem: Problem, relative: RelativeResult
) -> dict[str, tuple[tuple[int, int], tuple[int, int]]]:
    """The projects :func:`same_plan_words` names, with their weeks before and after: those
    the re-plan from scratch starts in other weeks than the plan kept (``relative.result``),
    not than the current plan (``free_rescheduled``, what :func:`free_replan_words`
    counts beside its moves). ``solve --json`` gives their number as
    ``same_plan_num_rescheduled``."""
    return rescheduled_runs(relative.result.plan, relative.free.plan, problem)


def same_plan_words(problem: Problem, relative: RelativeResult) -> str:
    """What a re-plan from scratch gives when it offers nothing this plan lacks
    (:attr:`~planner.scenarios.relative.RelativeResult.free_gives_this_plan`), as the
    Constraints page, ``solve --baseline`` and ``scenarios save --parent`` say it.

    The same owners and goal attainment; in weeks it may start projects in other weeks, a
    pick among equals, said with its count and named with their weeks before and after
    (the first :data:`WEEKS_IN_SUMMARY`, then "and N more"). "Gives this same plan" was
    read literally, above a plan that kept 5 projects in weeks the re-plan from scratch
    would move; "would start 2 projects in other weeks" left a VP Sales asking which two.

    Other weeks than the plan kept (``relative.result``), the plan the leader last saw:
    the sentence stands beside it and "Keep this plan", and a project it already moves
    the way the re-plan from scratch does is no difference between the two (counted
    against the current plan, marketing at 95 % on the sample read "5 projects" of 4).
    """
    said = "A re-plan from scratch gives the same owners and goal attainment"
    runs = same_plan_runs(problem, relative)
    if not runs:
        return f"{said}."
    named = [
        f"{problem.project(p).name} ({weeks_words(range(was[0], was[1] + 1))} → "
        f"{weeks_words(range(now[0], now[1] + 1))})"
        for p, (was, now) in runs.items()
    ]
    listed = names_text(named, WEEKS_IN_SUMMARY)
    return f"{said}, but would start {plural(len(runs), 'project')} in other weeks: {listed}."


def free_replan_line(problem: Problem, relative: RelativeResult) -> str:
    """The one sentence on the re-plan from scratch beside the plan kept: the same owners
    and goal attainment (:func:`same_plan_words`) when it offers nothing this plan lacks,
    else what it would change (:func:`free_replan_words`). ``solve --baseline`` prints it
    and its ``--json`` gives it as ``free.words``: the JSON read "within 0.5 % of the best
    plan" beside a plan proven the best, where the text said the re-plan gives the same."""
    if relative.free_gives_this_plan:
        return same_plan_words(problem, relative)
    return free_replan_words(problem, relative)


def free_replan_words(problem: Problem, relative: RelativeResult) -> str:
    """The free re-plan beside the kept one, in goal attainment, as the app and the shell say it.

    "Re-planned from scratch, the plan would move 1, leave out 8 and add 2 projects for goal
    attainment of 77.2 % (this plan: 76.9 %, kept close to the previous plan)." The optimizer's
    objective stays under "advanced" (SPEC: what-ifs). How far short of the best the kept plan
    may fall is the status line's, above it on the page and in the shell: said here again
    ("allowed to fall up to 0.5 % short of the best plan these settings allow, goals weighed
    by how much each matters"), a leader read the same clause twice in five lines.
    """
    moves = _free_moves(relative)
    free = percent_text(result_metrics(problem, relative.free).attainment_pct)
    this = percent_text(result_metrics(problem, relative.result).attainment_pct)
    kept, searched = relative.result.objective, relative.free.objective
    if kept is not None and searched is not None and not scores_at_least(searched, kept):
        # The current plan kept (_kept_as_it_is) beats what the free search found in time:
        # in its goals, or only in its workloads or fit ("67.4 %, below this plan's 67.4 %").
        return (
            f"Re-planned from scratch in the time given, the plan would {moves} for goal "
            f"attainment of {free} (this plan: {this}), no better than this plan: the search "
            "ran out of time before it matched the plan in force. A longer time limit "
            "searches further."
        )
    # At 150 teams the free re-plan stops on the clock (its gap unknown, or 10 %): its
    # attainment is not the best these settings allow, and the leader is told so.
    stopped = (
        ""
        if relative.free.status is Status.OPTIMAL
        else "; the search stopped that re-plan before it could rule out a better one"
    )
    return (
        f"Re-planned from scratch, the plan would {moves} for goal attainment of {free} "
        f"(this plan: {this}, {KEPT_CLOSE_WORDS.lower()}{stopped})."
    )


def _free_moves(relative: RelativeResult) -> str:
    """What the free re-plan changes, after "the plan would": "move 1, leave out 8 and add 2
    projects", with "and start 3 others in other weeks" in weeks; weeks alone read "start
    3 projects in other weeks" (a CMO read "move 0, drop 0 and add 0 projects" above a
    button offering that other plan)."""
    moved, dropped, added = relative.free_changes
    weeks = relative.free_rescheduled
    # Only what it does: "move 1, drop 0 and add 0 projects" made a VP Sales look for the
    # projects dropped and added.
    counts = [
        (verb, n) for verb, n in (("move", moved), ("leave out", dropped), ("add", added)) if n
    ]
    said = [f"{verb} {n}" for verb, n in counts]
    owners = (
        f"{joined(said)} {'project' if counts[-1][1] == 1 else 'projects'}"
        if counts
        else "keep every project with its team"
    )
    if not weeks:
        return owners
    if not (moved or dropped or added):
        return f"start {plural(weeks, 'project')} in other weeks"
    return f"{owners}, and start {weeks} {'other' if weeks == 1 else 'others'} in other weeks,"
