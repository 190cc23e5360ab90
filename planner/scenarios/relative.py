"""What-ifs against the current plan: move only what the change forces.

A leader asks "what if marketing had 5 % less?" about the plan the teams
already hold. A free re-solve answers a different question (the best plan
from scratch) and, because many plans score within a hair of each other,
moves dozens of projects that the change never touched. Here a what-if is
solved in two stages (lexicographically):

1. the free re-solve: the best objective the changed inputs allow;
2. the plan closest to the current plan whose objective is within
   ``tolerance`` of that best: the fewest projects moved or dropped (what
   rule 9 counts), and among those the best objective
   (:func:`planner.solving.near_current_plan.solve_near`).

A change that leaves the current plan as good as it was moves nothing for a lead the free
re-plan had before it: the current plan is a search stopped by its time limit, often a
little under a free re-plan that searched longer. A pin to the team a project already
has, or a goal's weight set to its own value, moved 19 of 120 projects (up to 31 on large
quarters) to reach a floor the change had nothing to do with. So when the plan keeps every
rule of the changed inputs, the change weighs plans as before (the same weights, goals,
projects' values and skills, teams' skills, estimates' values), the plan scores no less
than on the inputs it was made on (``before``), and the free re-plan is a plan of those
inputs too, the floor is lowered by what the current plan was short of it there
(:func:`floor_as_before`): the plan stays, and work is added where there is room (an
added project is no change). More hours that the free re-plan uses (Marketing at 110 % on
the sample: a project left out to make way for two) are the change's doing: the floor
stays under the free re-plan's score, as for a change that breaks a rule of the plan (a
forbid on its team, hours cut below its load), lowers its score or weighs plans otherwise
(a goal's weight raised, a project's value).
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cached_property

from planner.checker import check_plan, objective_of
from planner.core.domain import Baseline, Goal, Plan, Problem, Result, Status
from planner.core.pairs import Pair, pair_of
from planner.core.shared_words import LEFT_OUT
from planner.core.shown_figures import (
    capitalised,
)
from planner.core.weeks import weeks_words
from planner.explain.assignment import why_not_teams
from planner.explain.scoring import Scorer
from planner.optimizer.exact_objective import Checked, checked_objective
from planner.scenarios.id_renames import Renamed, in_new_ids
from planner.scenarios.plan_change import another_quarter, rescheduled_runs
from planner.scenarios.rest_of_quarter import baseline_starts
from planner.solving.deadline import Deadline
from planner.solving.limits import covers_preparing, too_short_for_its_size
from planner.solving.near_current_plan import moves_taken_back, rescheduled, solve_near
from planner.solving.plans import checked_plan, plan_result
from planner.solving.solver import Progress, ProgressCallback, solve

#: Default tolerance: the plan may score this share below the free re-solve's objective.
#: Measured on generated M quarters (bench/whatif.py): 0.5 % keeps attainment within
#: 0.1 point of the free re-solve's while a 5 % cut moves a handful of projects, not 100.
DEFAULT_TOLERANCE = 0.005
#: Share of the time limit for the free re-solve; the fewest-changes stage gets the rest.
FREE_SHARE = 0.6
#: What runs after the fewest-changes stage, per project: the check of the current plan
#: (:func:`_kept_as_it_is`) and the changes counted. Measured 0.07-0.15 s at 150 x 1,500 in
#: weeks at load 8-9, 0.34-0.82 s at load 12-15 (bench/whatif_clock.py): 3e-4 s a project.
_AFTER_S_PER_PROJECT = 3e-4
#: The least the fewest-changes stage takes, per project, however little it is given: its
#: eligible pairs, the current plan placed and checked. Given 0.1-1.0 s at 150 x 1,500 in
#: weeks it took 0.39-0.73 s at load 13, and 3.82 s of a 0.35 s stage in a what-if at load
#: 12.7 (bench/whatif_clock.py, seed 3: 12.80 s for a 10 s limit). With less left than
#: this, the free re-solve's plan is the answer.
_NEAR_LEAST_S_PER_PROJECT = 5e-4
#: How far past the deadline the current plan's check may still start, as long as the work
#: after the stages (:data:`_AFTER_S_PER_PROJECT`) fits in it: SPEC's second, less a margin.
_PAST_THE_LIMIT_S = 0.5


@dataclass(frozen=True)
class ProjectMove:
    """One project whose owners differ from the current plan (team ids, sorted)."""

    project_id: str
    name: str
    before: tuple[str, ...]
    after: tuple[str, ...]


@dataclass(frozen=True)
class RelativeResult:
    """A what-if solved against the current plan, and the free re-solve beside it.

    ``result`` is the plan to show (the closest one within ``tolerance`` of the
    free re-solve's objective); ``free`` is the free re-solve. ``moved``,
    ``dropped`` and ``added`` compare ``result`` with ``baseline``.
    """

    result: Result
    free: Result
    baseline: Plan
    tolerance: float
    moved: tuple[ProjectMove, ...] = ()
    dropped: tuple[ProjectMove, ...] = ()
    added: tuple[ProjectMove, ...] = ()

    @property
    def num_changes(self) -> int:
        """Projects of the current plan that moved or were dropped (what rule 9 counts)."""
        return len(self.moved) + len(self.dropped)

    @property
    def free_gives_this_plan(self) -> bool:
        """Whether the free re-solve offers nothing this plan lacks: the same owners and no
        better objective. Then "A re-plan from scratch gives the same owners and goal
        attainment", in the app and the shell alike
        (:func:`~planner.scenarios.free_replan_words.same_plan_words`): in weeks it may start
        projects in other weeks for the same score (a pick among equals, said against
        this plan's weeks), where this plan keeps the weeks the current plan has. Not the
        same plan, then: the same owners."""
        free, kept = self.free, self.result
        if free.plan is None or kept.plan is None or free.objective is None:
            return False
        if free.plan.owners() != kept.plan.owners() or kept.objective is None:
            return False
        return scores_at_least(kept.objective, free.objective)

    #: (moved, dropped, added) of the free re-solve against the current plan, counted as
    #: ``moved``, ``dropped`` and ``added`` are.
    free_changes: tuple[int, int, int] = (0, 0, 0)
    #: Projects the free re-solve keeps on their teams but starts in other weeks than the
    #: current plan (a quarter in weeks), counted beside ``free_changes`` ("and start 3
    #: others in other weeks"); the sentence beside the plan kept counts against that plan
    #: (:func:`~planner.scenarios.free_replan_words.same_plan_runs`).
    free_rescheduled: int = 0
    #: Projects and teams whose id the edit changed (:func:`renamed_ids`); ``baseline``
    #: holds their old ids.
    renamed: Renamed = ({}, {})

    @property
    def in_force(self) -> Plan:
        """``baseline`` under the ids of the inputs re-planned (:attr:`renamed`)."""
        return in_new_ids(self.baseline, self.renamed)


def scores_at_least(objective: float, other: float) -> bool:
    """Whether ``objective`` is at least ``other`` but for float rounding (a billionth of
    its size): two searches' scores of the same plan, or of plans of equal worth, tie."""
    return objective >= other - 1e-9 * max(1.0, abs(other))


def is_what_if(problem: Problem, of: Problem) -> bool:
    """Whether ``problem`` is a what-if of ``of``, to re-plan against ``of``'s plan.

    The same teams, projects, goals and estimates, neither with a baseline of its own (a
    check-in's re-plan). Not compared, so free to differ: the settings, the pins and
    forbids, the calendar and how much each goal matters (its weight, a priority as the
    objective's are): the Constraints page's what-ifs.
    """
    return (
        problem.baseline is None
        and of.baseline is None
        and problem.teams == of.teams
        and problem.projects == of.projects
        and _unweighted(problem.goals) == _unweighted(of.goals)
        and problem.estimates == of.estimates
    )


def is_edit_of(problem: Problem, of: Problem) -> bool:
    """Whether ``problem`` may be re-planned against ``of``'s plan as an edit of its data.

    The Data page's edits (a team's capacity, a project's hours or value, a project or
    team added or removed, a goal's target, an estimate) change what :func:`is_what_if`
    compares, yet a leader expects them to move only what they must, as a what-if does.
    Neither may have a baseline of its own (a check-in's re-plan keeps its own), and they
    share a project: another quarter's data is no edit of this one's
    (:func:`~planner.scenarios.plan_change.another_quarter`).
    """
    return problem.baseline is None and of.baseline is None and not another_quarter(of, problem)


def _unweighted(goals: tuple[Goal, ...]) -> tuple[Goal, ...]:
    return tuple(replace(g, weight=Decimal(1)) for g in goals)


def solve_relative(
    problem: Problem,
    baseline_plan: Plan,
    *,
    tolerance: float = DEFAULT_TOLERANCE,
    free: Result | None = None,
    time_limit_s: float | None = None,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
    renamed: Renamed | None = None,
    started: float | None = None,
    before: Problem | None = None,
) -> RelativeResult:
    """Solve ``problem`` moving as little of ``baseline_plan`` as its objective allows.

    Parameters
    ----------
    problem
        The changed inputs (e.g. with less marketing capacity).
    baseline_plan
        The current plan, of the inputs before the change.
    tolerance
        Share of the free re-solve's objective the plan may give up for
        fewer changes (0.005 = 0.5 %); 0 keeps the free objective exactly.
    free
        The free re-solve of ``problem``, when already at hand.
    time_limit_s
        For both stages together (the free re-solve gets :data:`FREE_SHARE`
        of it), or for the second stage alone when ``free`` is given;
        defaults to the settings' limit.
    progress, cancel
        Passed to the free re-solve; ``cancel`` also stops the second stage,
        which then keeps the free plan.
    renamed
        Projects and teams whose id the edit changed (:func:`renamed_ids`): the
        current plan's projects and owners under their new ids, none of them a
        change. ``baseline`` in the result stays ``baseline_plan``, of the inputs
        before the change.
    started
        When the leader asked (a ``time.perf_counter`` reading; default now): both
        stages run on one deadline, ``time_limit_s`` from it. Each stage gets what is
        left of it, less the work still to come after it and a search's overrun
        (:class:`~planner.solving.deadline.Deadline`).
    before
        The inputs ``baseline_plan`` was made on, when known (:func:`floor_as_before`, if
        time is left); ``None`` (a sweep's point): the free re-solve's score less ``tolerance``.

    Returns
    -------
    RelativeResult
        The closest plan, the free re-solve, and the projects moved,
        dropped and added against ``baseline_plan``. When the free re-solve
        finds no plan, ``result`` is the free result.
    """
    if not 0 <= tolerance < 1:
        raise ValueError(f"the tolerance is a share between 0 and 1, not {tolerance}")
    limit = problem.settings.solve.time_limit_s if time_limit_s is None else time_limit_s
    clock = time.perf_counter  # looked up here: one clock for both stages and the rest
    deadline = Deadline(limit, clock() if started is None else started, clock)
    solved_free = free is None
    if free is None:
        free = _free_stage(problem, limit, deadline, progress, cancel)
    if free.plan is None or free.objective is None:
        return RelativeResult(free, free, baseline_plan, tolerance)
    if progress is not None:
        bound = math.nan if free.bound is None else free.bound
        note = "Free re-plan found; now moving as few projects as possible."
        progress(Progress(free.objective, bound, free.runtime_s, 1, note=note))
    floor = free.objective - tolerance * abs(free.objective)
    in_force = in_new_ids(baseline_plan, renamed)
    owners = {p: t for p, t in in_force.owners().items() if p in problem.project_index}
    anchored = problem.replace(baseline=Baseline(owners, starts=baseline_starts(in_force)))
    current = _InForce(anchored, in_force)
    if before is not None and _room_to_check(deadline, len(anchored.projects)):
        floor = floor_as_before(floor, current, before, baseline_plan, free.plan)
    near = _near_stage(anchored, current, free, floor, deadline, cancel)
    if solved_free:  # the what-if took both stages: its seconds are theirs and the rest's
        both = free.runtime_s + near.runtime_s
        near = replace(near, runtime_s=max(both, deadline.elapsed()))
    return _with_moves(anchored, in_force, near, free, baseline_plan, tolerance, renamed)


def _room_to_check(deadline: Deadline, projects: int) -> bool:
    """Whether the current plan may be checked before the second stage (for its floor,
    :func:`floor_as_before`): where what is left holds the check, the stage's least and the
    work after it. The check took 0.74-0.77 s at 150 x 1,500 in weeks (load 15); run when
    the first stage had taken the whole limit, it ran the what-if past it by as much, where
    the check after the stages is skipped then."""
    after_s = _AFTER_S_PER_PROJECT * projects
    return deadline.room_for(_NEAR_LEAST_S_PER_PROJECT * projects + after_s, after_s)


def _free_stage(
    problem: Problem,
    limit: float,
    deadline: Deadline,
    progress: ProgressCallback | None,
    cancel: threading.Event | None,
) -> Result:
    """The first stage: the free re-solve of ``problem`` on its share of the deadline, or
    no plan, said of the whole ``limit``, when that share cannot cover preparing it."""
    if not covers_preparing(problem, FREE_SHARE * limit):
        # Said of the limit the leader set: "more than the time limit of 4.8 s allows. Raise
        # the time limit to at least 8 s" read so for a limit of 8 s, which 8 s cannot cover.
        why = too_short_for_its_size(problem, limit, FREE_SHARE)
        return Result.without_plan(Status.NO_PLAN, 0.0, (why,))
    return solve(
        problem,
        time_limit_s=deadline.share_s(FREE_SHARE),
        progress=progress,
        cancel=cancel,
        _limit_said=_of_the_whole_limit(FREE_SHARE * limit, limit),
        _share=FREE_SHARE,
    )


def _near_stage(
    anchored: Problem,
    current: _InForce,
    free: Result,
    floor: float,
    deadline: Deadline,
    cancel: threading.Event | None,
) -> Result:
    """The second stage: the plan of ``anchored`` closest to the current plan whose
    objective is at least ``floor``, on what is left of the deadline (the free plan when
    nothing is), or the current plan kept as it is where that is as good."""
    assert free.plan is not None
    after_s = _AFTER_S_PER_PROJECT * len(anchored.projects)
    if not deadline.room_for(_NEAR_LEAST_S_PER_PROJECT * len(anchored.projects), after_s):
        # The free re-solve ran (nearly) to the deadline: the second stage would only
        # overrun it, so its plan stands, as when the leader stops the second stage, but
        # for the moves it need not make, where the time left allows putting them back.
        near = replace(free, runtime_s=0.0)
        if cancel is None or not cancel.is_set():
            # As far past the deadline as the current plan's check may start: at load 13
            # the free re-solve took a 4 s what-if's every second and left out a project
            # its team still had room for (16 x 120 in weeks, a week lost).
            until = deadline.at + _PAST_THE_LIMIT_S - after_s
            near = moves_taken_back(anchored, near, floor=floor, bound=free.bound, until=until)
    else:
        near = solve_near(
            anchored,
            free.plan,
            floor=floor,
            bound=free.bound,
            # What is left of the one deadline: the stage before it, its plan's check and
            # reasons, and the time before it are spent already (they were uncounted before:
            # "the limit less the first stage's seconds" ran 11.69 s for 10 s in the app).
            time_limit_s=deadline.stage_s(after_s),
            cancel=cancel,
        )
    if deadline.left() + _PAST_THE_LIMIT_S < after_s and not current.known:
        # The stages took the whole limit and more (a free re-plan at 100 x 5,000 in weeks,
        # load 16, ended past it): the current plan's check would run the what-if further
        # past it (8.0 s), so the plan found is the answer, as when nothing is left to search.
        # Checked already (for the floor), it is still kept where it is as good.
        return near
    # Its reasons are weighed for half the time kept after the stage: its short reasons
    # and the changes counted come after them.
    kept = _kept_as_it_is(anchored, current, floor, free.bound, near, deadline.at - after_s / 2)
    if kept is not None:
        near = replace(kept, runtime_s=near.runtime_s)
    return near


def _with_moves(
    anchored: Problem,
    in_force: Plan,
    near: Result,
    free: Result,
    baseline_plan: Plan,
    tolerance: float,
    renamed: Renamed | None,
) -> RelativeResult:
    """The what-if's answer: the closest plan and the free one, each with the projects it
    moves, drops and adds against the current plan."""
    assert near.plan is not None and free.plan is not None
    moved, dropped, added = plan_moves(in_force, near.plan, anchored)
    free_moves = plan_moves(in_force, free.plan, anchored)
    return RelativeResult(
        near,
        free,
        baseline_plan,
        tolerance,
        moved,
        dropped,
        added,
        free_changes=(len(free_moves[0]), len(free_moves[1]), len(free_moves[2])),
        free_rescheduled=rescheduled(anchored, free.plan),
        renamed=renamed or ({}, {}),
    )


def _of_the_whole_limit(share_s: float, limit: float) -> str:
    """How the first stage's "no plan was found ..." names its limit: of the limit the
    leader set. Its limit is a share of the what-if's: "within the time limit of 3 s" for a
    limit of 5 s named a limit nobody set."""
    return (
        f"in the {share_s:g} s of the {limit:g} s time limit kept for finding the best plan "
        "(the rest is for moving as few projects as possible)"
    )


class _InForce:
    """The current plan under the changed inputs, checked once, when first asked: its
    pairs, start weeks and exact objective, or ``None`` where it breaks a rule of them."""

    def __init__(self, problem: Problem, plan: Plan) -> None:
        self.problem = problem
        self.plan = plan

    @cached_property
    def checked(self) -> tuple[list[Pair], Mapping[str, int], Checked] | None:
        problem = self.problem
        known = problem.project_index
        teams = {t.team_id: t for t in problem.teams}
        chosen = []
        for a in self.plan.assignments:
            if a.project_id not in known:
                continue  # deleted from the data since: no change of this plan (rule 9)
            if a.team_id not in teams:
                return None  # a team deleted since: the plan cannot stand as it is
            chosen.append(pair_of(problem, known[a.project_id], teams[a.team_id]))
        starts = baseline_starts(self.plan)
        checked = checked_objective(problem, chosen, starts)
        return None if checked is None else (chosen, starts, checked)

    @property
    def known(self) -> bool:
        """Whether the plan is checked already (no more time to spend on it)."""
        return "checked" in vars(self)

    @property
    def score(self) -> float | None:
        """Its exact objective under the changed inputs (``None``: it breaks a rule)."""
        found = self.checked
        return None if found is None else float(found[2].breakdown.total)


def floor_as_before(
    floor: float, current: _InForce, before: Problem, plan: Plan, free: Plan
) -> float:
    """The second stage's ``floor``, lowered by what the current plan was short of the free
    re-plan already before the change (see the module's docstring).

    That is when the current plan (``plan``, made on ``before``) keeps every rule of the
    changed inputs (``current``), the change weighs plans as ``before`` did
    (:func:`same_scoring`), the plan scores no less than it did on ``before``, and the free
    re-plan ``free`` keeps every rule of ``before`` too and scores more there than the
    plan: its lead was there before the change, so moves to match it are no change's doing.
    """
    if not same_scoring(before, current.problem):
        return floor
    now = current.score
    if now is None or now >= floor:
        return floor
    try:
        was = float(objective_of(before, plan).total)
        if not scores_at_least(now, was) or check_plan(before, free):
            return floor
        short = float(objective_of(before, free).total) - was
    except KeyError:  # a project or team not in ``before`` (renamed since): not comparable
        return floor
    return floor - short if short > 0 else floor


def same_scoring(before: Problem, after: Problem) -> bool:
    """Whether ``after`` weighs every plan as ``before`` does, but for the hours a team
    has (the balance term's capacity): the same weights, goals (target and weight),
    projects (goal, value and its range, stage, skills, sales share), teams' skills and
    stages, and estimates' values. A pin, a forbid, a team's hours, the calendar or the
    time limit changes none of these; a goal's weight or a project's value does."""
    return _scoring(before) == _scoring(after)


def _scoring(problem: Problem) -> tuple[object, ...]:
    return (
        problem.settings.weights,
        [(g.goal_id, g.target, g.weight) for g in problem.goals],
        [
            (
                p.project_id,
                p.goal_id,
                p.value,
                p.value_low,
                p.value_high,
                p.stage,
                dict(p.required_skills),
                p.sales_share,
                p.joint,
            )
            for p in problem.projects
        ],
        [(t.team_id, dict(t.skills), t.stages) for t in problem.teams],
        sorted((e.project_id, e.team_id, e.value) for e in problem.estimates),
    )


def _kept_as_it_is(
    problem: Problem,
    current: _InForce,
    floor: float,
    bound: float | None,
    near: Result,
    deadline: float,
) -> Result | None:
    """The current plan itself, when it keeps every rule of ``problem`` and beats ``near``.

    With no change it is the fewest changes there are; it is kept when it reaches the
    floor and ``near`` moves something, scores less, or (in weeks) scores as much with
    projects started in other weeks. Under a short limit (0.2 s on the
    sample, nothing changed) both stages ran out of time on the free plan: 15 projects
    moved or dropped, goal attainment 85.6 % -> 63.8 %, read as "as few changes as
    possible". ``None`` when the current plan breaks a rule of the changed inputs. The
    left-out projects' reasons are weighed until ``deadline`` (short ones after it).
    """
    assert near.plan is not None
    found = current.checked
    if found is None or float(found[2].breakdown.total) < floor:
        return None
    chosen, starts, checked = found
    objective = float(checked.breakdown.total)
    moved, dropped, _ = plan_moves(current.plan, near.plan, problem)
    near_objective = near.objective or 0.0
    if not moved and not dropped:
        # In weeks, a plan that scores no better yet starts projects in other weeks moves
        # them all the same ("Since the previous plan" lists them): the current plan wins.
        ties = scores_at_least(objective, near_objective)
        if objective <= near_objective and not (ties and rescheduled(problem, near.plan)):
            return None
    # Checked once: its translation, of the same assignments, keeps the answer above.
    plan, breakdown = checked_plan(problem, chosen, starts, reasons_until=deadline, checked=checked)
    return plan_result(
        Status.FEASIBLE, plan, breakdown, 0.0, bound=bound, num_variables=near.num_variables
    )


def plan_moves(
    before: Plan, after: Plan, problem: Problem | None = None
) -> tuple[tuple[ProjectMove, ...], tuple[ProjectMove, ...], tuple[ProjectMove, ...]]:
    """(moved, dropped, added): projects of ``before`` on other teams or gone, new ones.

    With ``problem`` (the inputs ``after`` plans), a project of ``before`` that is no
    longer in its data is none of these: deleting it is no change of the plan, as rule 9
    and :func:`~planner.checker.num_changes` count changes.
    """
    a, b = before.owners(), after.owners()
    if problem is not None:
        a = {p: teams for p, teams in a.items() if p in problem.project_index}

    def name(project_id: str) -> str:
        if problem is not None and project_id in problem.project_index:
            return problem.project(project_id).name
        return project_id

    def move(project_id: str) -> ProjectMove:
        return ProjectMove(
            project_id,
            name(project_id),
            tuple(sorted(a.get(project_id, ()))),
            tuple(sorted(b.get(project_id, ()))),
        )

    moved = tuple(move(p) for p in a if p in b and a[p] != b[p])
    dropped = tuple(move(p) for p in a if p not in b)
    added = tuple(move(p) for p in b if p not in a)
    return moved, dropped, added


def change_counts(before: Plan, after: Plan, problem: Problem | None = None) -> tuple[int, int]:
    """(changes, added) of ``after`` against the current plan ``before``: its projects on
    other teams or dropped (rule 9's count), and projects it did not have (no change).

    The columns of a capacity sweep against the current plan, in the app and in
    ``planner scenarios sweep`` alike (:func:`plan_moves`).
    """
    moved, dropped, added = plan_moves(before, after, problem)
    return len(moved) + len(dropped), len(added)


def change_rows(problem: Problem, relative: RelativeResult) -> list[dict[str, str]]:
    """The projects a what-if changes against the current plan, one row each: dropped,
    moved, added, then rescheduled (the same teams in other weeks, with the weeks before
    and after as Compare writes them: "Content, weeks 1-8"), with their teams by name and
    why.

    Why, as the Compare page says it: a dropped project's reason for being left out of the
    what-if's plan, an added one's for being left out of the current plan ("Left out
    before: ..."), a moved one's for not staying with the teams it leaves ("Why not
    Enterprise AEs now: ...", as Compare's "Why not Enterprise AEs in B"): the card said
    nothing of a move that `scenarios compare` explained.
    """

    def teams(ids: tuple[str, ...]) -> str:
        return " + ".join(problem.team(t).name if t in problem.team_index else t for t in ids)

    now = relative.result.plan.left_out_reasons() if relative.result.plan else {}
    in_force = relative.in_force
    before = in_force.left_out_reasons()

    scorers: list[Scorer] = []  # one for the plan, made for the first move only

    def why_moved(move: ProjectMove) -> str:
        plan = relative.result.plan
        left = [t for t in move.before if t not in move.after and t in problem.team_index]
        if plan is None or not left:
            return ""
        if not scorers:
            scorers.append(Scorer(problem, plan))
        whys = why_not_teams(problem, plan, move.project_id, left, scorers[0])
        return capitalised(
            "; ".join(f"why not {problem.team(t).name} now: {whys[t]}" for t in left if t in whys)
        )

    def why(kind: str, move: ProjectMove) -> str:
        if kind == LEFT_OUT and (reason := now.get(move.project_id)):
            return capitalised(reason)
        if kind == "added" and (reason := before.get(move.project_id)):
            return f"Left out before: {reason}"
        if kind == "moved":
            return why_moved(move)
        return ""

    rows = [
        {
            "change": kind,
            "project": m.name,
            "before": teams(m.before),
            "after": teams(m.after),
            "why": why(kind, m),
        }
        for kind, moves in (
            (LEFT_OUT, relative.dropped),
            ("moved", relative.moved),
            ("added", relative.added),
        )
        for m in moves
    ]
    # The Scenarios page's "Since the previous plan" names these too: one list, not two.
    plan = relative.result.plan
    owners = plan.owners() if plan is not None else {}
    for project_id, (was, runs) in rescheduled_runs(in_force, plan, problem).items():
        ids = tuple(sorted(owners[project_id]))
        rows.append(
            {
                "change": "rescheduled",
                "project": problem.project(project_id).name,
                "before": f"{teams(ids)}, {weeks_words(range(was[0], was[1] + 1))}",
                "after": f"{teams(ids)}, {weeks_words(range(runs[0], runs[1] + 1))}",
                "why": "",
            }
        )
    return rows


def change_line(row: dict[str, str]) -> str:
    """One :func:`change_rows` row in a sentence, after its kind: the project, its owners
    before and after, and why ("SEO pillar pages (Content → left out): Content has no room
    for its 57 h a week ...")."""
    before, after = row["before"] or "left out", row["after"] or "left out"
    line = f"{row['project']} ({before} → {after})"
    return f"{line}: {row['why']}" if row["why"] else line
