"""What a new plan changes against the one before it, and what an import did, in words.

:func:`plan_change` names the projects a plan adds and drops against the plan
before it and moves each goal's attainment (the pages' "what changed" line, a
what-if against the current plan); :func:`import_summary` is the one line a
leader reads after importing a file; :func:`replan_apart` says where a check-in's
re-plan is beside the session's plan. The inputs' own differences are
:mod:`planner.scenarios.input_changes`'s.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from planner.core.domain import Plan, Problem, Result
from planner.core.renames import renamed_by_name
from planner.core.shared_words import plural
from planner.core.shown_figures import (
    NO_PROGRESS_CHANGE,
    names_text,
    percent,
    percents_between,
    points_between,
    points_value,
)
from planner.core.weeks import weeks_after, weeks_words
from planner.scenarios.id_renames import in_new_ids, renamed_projects, renamed_teams
from planner.scenarios.input_changes import input_changes
from planner.scenarios.metrics import PlanMetrics, plan_metrics, result_metrics

# ---------------------------------------------------------------------------
# What a new plan changes against the one before it
# ---------------------------------------------------------------------------


#: Projects added, left out or moved named one by one in a line of changes, up to this many;
#: the others counted ("and 240 more").
NAMED_CHANGES = 10


@dataclass(frozen=True)
class GoalMove:
    """One goal's attainment before and after (percent of target, uncapped)."""

    goal_id: str
    name: str
    before: float | None
    after: float | None

    @property
    def points(self) -> float:
        """The change in points between the two percentages as shown (0 when one is missing)."""
        return points_value(self.before or 0.0, self.after or 0.0) or 0.0

    def text(self) -> str:
        before, after = percent(self.before), percent(self.after)
        return f"{self.name} {before} → {after} ({points_between(self.before, self.after)})"


@dataclass(frozen=True)
class PlanChange:
    """What a plan changes against the plan before it, by name."""

    added: tuple[str, ...]
    dropped: tuple[str, ...]
    goals: tuple[GoalMove, ...]
    attainment_before: float | None
    attainment_after: float | None
    #: Projects in each plan; None where there was no plan.
    planned_before: int | None = None
    planned_after: int | None = None
    #: When the goals' weights changed between the plans: the plan before's attainment by
    #: the weights it had (``attainment_before`` then weighs it as the goals matter now).
    attainment_before_as_was: float | None = None
    #: Projects in both plans whose owning teams changed (Compare's "moved").
    moved: tuple[str, ...] = ()
    #: Projects with the same owners in other weeks, with their weeks before and after
    #: (Compare's "rescheduled"): "SEO (weeks 1-4 → weeks 5-8)".
    rescheduled: tuple[str, ...] = ()

    @property
    def moved_goals(self) -> tuple[GoalMove, ...]:
        """The goals whose attainment, as shown, moved."""
        return tuple(g for g in self.goals if g.points != 0)

    @property
    def empty(self) -> bool:
        if (self.planned_before is None) != (self.planned_after is None):
            return False  # a plan lost or found is news, whatever its projects
        return not (
            self.added or self.dropped or self.moved or self.rescheduled or self.moved_goals
        )

    def _figures(self, planned: int, attainment: float | None) -> str:
        return plural(planned, "project") + (
            "" if attainment is None else f", goal attainment {percent(attainment)}"
        )

    def lines(self) -> list[str]:
        # No plan on one side: every project "dropped" (or "added") and every goal going
        # to or from a dash would bury the one thing that happened.
        if self.planned_before is not None and self.planned_after is None:
            return [
                "no plan with these inputs (the status says why); the plan before had "
                + self._figures(self.planned_before, self.attainment_before)
            ]
        if self.planned_before is None and self.planned_after is not None:
            return [
                "a plan again, after inputs that had none: "
                + self._figures(self.planned_after, self.attainment_after)
            ]
        out = []
        if self.attainment_before is not None and self.attainment_after is not None:
            before, after = self.attainment_before, self.attainment_after
            change = percents_between(before, after)
            # A swap worth under 0.05 points read "Goal attainment 70.0 % → 70.0 % (0.0 pts)".
            if change is None:
                line = f"Goal attainment {percent(after)}: {NO_PROGRESS_CHANGE}"
            elif percent(before) == percent(after):
                line = f"Goal attainment {change}"
            else:
                line = f"Goal attainment {change} ({points_between(before, after)})"
            if self.attainment_before_as_was is not None:
                line += (
                    ", both weighed by how much each goal matters now (the plan before read "
                    f"{percent(self.attainment_before_as_was)} by the weights it had)"
                )
            out.append(line)
        # Ten named, the rest counted: a new quarter of 3,000 projects uploaded over another
        # named every project it added, a screen of names above every page.
        if self.added:
            out.append("Added: " + names_text(self.added, NAMED_CHANGES))
        if self.dropped:
            out.append("Left out: " + names_text(self.dropped, NAMED_CHANGES))
        if self.moved:
            out.append("Moved: " + names_text(self.moved, NAMED_CHANGES))
        if self.rescheduled:
            # Five named: one calendar edit can move hundreds of projects a week.
            out.append("Rescheduled: " + names_text(self.rescheduled, 5))
        out += [g.text() for g in self.moved_goals]
        return out


def plan_change(
    before_problem: Problem,
    before_plan: Plan | None,
    after_problem: Problem,
    after_plan: Plan | None,
) -> PlanChange:
    """Projects added and dropped (by name) and each goal's attainment, before -> after.

    Inputs with no project in common (another quarter imported over this one,
    :func:`another_quarter`) are not a change of one plan: the change is empty.
    """
    if another_quarter(before_problem, after_problem):
        return PlanChange((), (), (), None, None)
    added, dropped, moved, rescheduled = _project_changes(
        before_problem, before_plan, after_problem, after_plan
    )
    fa = plan_metrics(before_problem, before_plan)
    fb = plan_metrics(after_problem, after_plan)
    moves, fa, as_was = _goal_moves(before_problem, after_problem, fa, fb)
    return PlanChange(
        added,
        dropped,
        moves,
        fa.attainment_pct,
        fb.attainment_pct,
        fa.num_planned if fa.has_plan else None,
        fb.num_planned if fb.has_plan else None,
        as_was if fa.attainment_pct is not None else None,
        moved,
        rescheduled,
    )


def _project_changes(
    before_problem: Problem,
    before_plan: Plan | None,
    after_problem: Problem,
    after_plan: Plan | None,
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """The projects the plan added, dropped, gave another owner and rescheduled, by name
    (a rescheduled one with its weeks before -> after)."""
    # A project or team whose id was renamed is one project or team: the plan before reads
    # under their new ids (the Data page renames an id everywhere).
    renamed = renamed_projects(before_problem, after_problem)
    in_force = (
        in_new_ids(before_plan, (renamed, renamed_teams(before_problem, after_problem)))
        if before_plan is not None
        else None
    )
    owned_a = in_force.owners() if in_force is not None else {}
    owned_b = after_plan.owners() if after_plan is not None else {}
    names = {p.project_id: p.name for p in (*before_problem.projects, *after_problem.projects)}
    added = tuple(
        names[p] for p in after_problem.project_index if p in owned_b and p not in owned_a
    )
    dropped = tuple(
        names[p]
        for p in before_problem.project_index
        if renamed.get(p, p) in owned_a and renamed.get(p, p) not in owned_b
    )
    # Another team (or pair of teams) owns it now: Compare's "moved", said here too.
    moved = tuple(
        names[p]
        for p in after_problem.project_index
        if p in owned_a and p in owned_b and owned_a[p] != owned_b[p]
    )
    rescheduled = tuple(
        f"{names[p]} ({weeks_words(range(was[0], was[1] + 1))} → "
        f"{weeks_words(range(runs[0], runs[1] + 1))})"
        for p, (was, runs) in rescheduled_runs(in_force, after_plan, after_problem).items()
    )
    return added, dropped, moved, rescheduled


def _goal_moves(
    before_problem: Problem, after_problem: Problem, fa: PlanMetrics, fb: PlanMetrics
) -> tuple[tuple[GoalMove, ...], PlanMetrics, float | None]:
    """Each goal's attainment before (``fa``) -> after (``fb``); the figures before, weighed
    as the goals matter after; and the weighted attainment before as it read, when a
    goal's weight changed (``None`` when none did)."""
    # A goal whose id was renamed is one goal too.
    goal_renamed = renamed_by_name(
        ((g.goal_id, g.name) for g in before_problem.goals),
        ((g.goal_id, g.name) for g in after_problem.goals),
    )
    goals_a = {goal_renamed.get(g.goal_id, g.goal_id): g for g in fa.goals}
    goals_b = {g.goal_id: g for g in fb.goals}
    moves = []
    for goal_id in dict.fromkeys([*goals_b, *goals_a]):
        ga, gb = goals_a.get(goal_id), goals_b.get(goal_id)
        ref = gb or ga
        assert ref is not None
        moves.append(
            GoalMove(
                goal_id,
                ref.name,
                ga.percent if ga is not None and fa.has_plan else None,
                gb.percent if gb is not None and fb.has_plan else None,
            )
        )
    as_was = None
    weights = {g.goal_id: g.weight for g in fb.goals}
    now = {g.goal_id: goal_renamed.get(g.goal_id, g.goal_id) for g in fa.goals}
    if weights.keys() == goals_a.keys() and any(
        g.weight != weights[now[g.goal_id]] for g in fa.goals
    ):
        # A goal's weight changed: the two figures would weigh the goals differently, and
        # the change would read as the reweighting. Weigh the plan before as the goals matter
        # now, and say what it read.
        as_was = fa.attainment_pct
        fa = replace(fa, goals=tuple(replace(g, weight=weights[now[g.goal_id]]) for g in fa.goals))
    return tuple(moves), fa, as_was


def rescheduled_runs(
    before: Plan | None, after: Plan | None, problem: Problem
) -> dict[str, tuple[tuple[int, int], tuple[int, int]]]:
    """Projects on the same teams in both plans (of the same ids) that run in other weeks:
    each one's first and last week before and after, in ``problem``'s order (Compare's
    "rescheduled": the headline's "Since the previous plan", a what-if's "Which projects
    change")."""
    owners_before = before.owners() if before is not None else {}
    owners_after = after.owners() if after is not None else {}
    weeks_before, weeks_after = planned_weeks(before), planned_weeks(after)
    return {
        p: (weeks_before[p], weeks_after[p])
        for p in problem.project_index
        if p in weeks_before
        and p in weeks_after
        and weeks_before[p] != weeks_after[p]
        and owners_before.get(p) == owners_after.get(p)
    }


def planned_weeks(plan: Plan | None) -> dict[str, tuple[int, int]]:
    """Each assigned project's first and last week in ``plan`` (a plan with weeks)."""
    if plan is None:
        return {}
    return {
        a.project_id: (a.start_week, a.end_week)
        for a in plan.assignments
        if a.start_week is not None and a.end_week is not None
    }


def another_quarter(before: Problem, after: Problem) -> bool:
    """Whether two inputs share no project: another quarter, not an edit of this one
    (:func:`~planner.scenarios.relative.is_edit_of` asks it too).

    Goal and team ids are not asked: a RevOps lead's own quarter names its goals ``mqls``
    and ``pipeline`` and a team ``sdr`` as the sample does, and read as an edit of it, every
    page listed the sample's projects dropped and a team of one name "renamed".
    """
    return before.project_index.keys().isdisjoint(after.project_index.keys())


# ---------------------------------------------------------------------------
# What an import did
# ---------------------------------------------------------------------------


def _counts(problem: Problem) -> tuple[tuple[int, str, str], ...]:
    """Each table's number of rows, with its noun in the singular and the plural."""
    return (
        (len(problem.teams), "team", "teams"),
        (len(problem.projects), "project", "projects"),
        (len(problem.goals), "goal", "goals"),
        (len(problem.estimates), "estimate", "estimates"),
        (len(problem.rules), "pin or forbid", "pins and forbids"),
        (len(problem.calendar), "calendar row", "calendar rows"),
    )


def _headline_move(before: PlanMetrics | None, after: PlanMetrics) -> str:
    """Goal attainment and the projects in the plan, before → after (or now, if unknown)."""
    if not after.has_plan:
        return "no plan with the imported data (the Plan page says why)"
    planned = f"{after.num_planned:,} of {plural(after.num_projects, 'project')} in the plan"
    if before is not None and before.has_plan:
        planned = f"{before.num_planned:,} → {planned}"
    if after.attainment_pct is None:
        return planned
    if before is None or before.attainment_pct is None:
        return f"goal attainment now {percent(after.attainment_pct)}; {planned}"
    was, now = before.attainment_pct, after.attainment_pct
    return (
        f"goal attainment {percent(was)} → {percent(now)} ({points_between(was, now)}); {planned}"
    )


def import_summary(
    name: str,
    before: Problem,
    before_result: Result | None,
    after: Problem,
    after_result: Result | None,
) -> str:
    """What importing the file ``name`` changed, in one line for the leader who imported it.

    ``Imported projects.csv: 51 → 53 projects; goal attainment 85.6 % → 87.3 %
    (+1.7 pts); 40 → 42 of 53 projects in the plan``. Tables whose row count
    moved are counted; otherwise the changes are named as the "unsaved
    changes" line names them. A result that is ``None`` was not solved: the
    figures it would give are left out (before) or the line stops at the data
    (after).
    """
    moved = [
        f"{a:,} → {b:,} {single if b == 1 else plural}"
        for (a, _, _), (b, single, plural) in zip(_counts(before), _counts(after), strict=True)
        if a != b
    ]
    changes = (
        ", ".join(moved) or "; ".join(input_changes(before, after)) or "the same data as before"
    )
    text = f"Imported {name}: {changes}"
    if after_result is None:
        return text
    # Another quarter's figures are not where this one's moved from.
    was = (
        result_metrics(before, before_result)
        if before_result is not None and not another_quarter(before, after)
        else None
    )
    return f"{text}; {_headline_move(was, result_metrics(after, after_result))}"


def replan_apart(session: PlanMetrics | None, weeks_elapsed: float, quarter_weeks: float) -> str:
    """Where a check-in's re-plan is, beside the session's plan the other pages show.

    A re-plan never replaces the session's plan: the Overview, Plan and Export pages
    kept showing the quarter's plan while the Check-in page forecast another, and
    nothing said so.
    """
    after = weeks_after(weeks_elapsed, quarter_weeks)
    rest = "the rest of the quarter" if after is None else f"weeks {after}"
    if session is None or not session.has_plan:
        shown = "the current inputs, which have no plan"
    else:
        attainment = (
            ""
            if session.attainment_pct is None
            else f"{percent(session.attainment_pct)} goal attainment, "
        )
        shown = f"the current plan as it was made ({attainment}{session.num_planned:,} projects)"
    return (
        f"This re-plan of {rest} lives on this page: the Overview, Plan and Export pages "
        f"still show {shown}. Download the re-plan below, or save it, built on the plan "
        "you checked in on, and compare the two on the Scenarios page."
    )


def of_what_was_left(attainment: float | None) -> str:
    """The Check-in page's "Of what was left" card in one sentence, as `planner checkin`
    says it: the re-plan's own goal attainment, where each goal not met at the check-in
    aims at what it still needed (its weight scaled by the share of its target left).

    A CMO read "Of what was left: 74.5 %" and could not say of what.
    """
    if attainment is None:
        return "No weeks are left in the quarter: nothing is re-planned."
    return (
        f"Of what was left: the re-plan brings in {percent(attainment)} of what the goals not "
        "yet met still needed at the check-in (each goal counted up to what it needed, "
        "weighted as on the Overview and by how much of its target was left)."
    )
