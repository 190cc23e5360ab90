"""The objective, written once: what each weighted term reads, over the formulation's columns.

SPEC "Objective" and ``[weights]``: goal attainment (each goal capped at
100 %), plain value, workload balance (the busiest team's utilisation),
skill fit, stability (projects moved off the baseline) and confidence (each
goal's share of sampled outcomes that reach its target). Each term is
described here as data: which pair columns feed it and with which exact
inputs (a pair's value and its goal's target, its hours and its team's
capacity, its fit points, the sampled outcomes). The solvers only turn that
data into their own numbers:

- :mod:`planner.optimizer.cpsat` into whole millionths for CP-SAT;
- :mod:`planner.optimizer.lp_bound` into floats for the LP relaxation (and
  so for HiGHS, :mod:`planner.optimizer.mip`, which reads the same LP).

The independent checker (:func:`planner.checker.objective_of`) computes the
same terms again from the plan alone, on purpose.

The heuristics (:mod:`planner.optimizer.greedy`, its local searches and the
neighbourhood search in weeks) steer by floats of attainment, value, fit and,
with a baseline, stability (``Greedy.attainment_points``, ``Greedy.gain``,
``LocalSearch._worth``): a guide only, since every plan they hand over is
scored by the checker, but a change to a term's definition goes there too.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from functools import cached_property

import numpy as np

from planner.core.capacity import what_if_capacity
from planner.core.domain import Goal, Problem, Project, Team
from planner.core.pairs import Pair
from planner.core.settings import exact
from planner.core.uncertainty import RESOLUTION as SAMPLE_RESOLUTION
from planner.core.uncertainty import OutcomeSamples
from planner.optimizer.formulation import Formulation


def fit_points(project: Project, team: Team) -> int:
    """The fit term's points of one pair: the team's skill levels above the project's
    minimum (of the skills it holds at level), plus one when the stage is one of the team's
    own ``stages``. The explanations' exact scorer (:mod:`planner.explain.scoring`) asks it
    pair by pair; :func:`fit_points_of` is the same for many pairs at once."""
    points = sum(
        team.level(s) - level
        for s, level in project.required_skills.items()
        if team.holds(s, level)
    )
    return points + (1 if team.stages and project.stage in team.stages else 0)


def fit_points_of(problem: Problem, pairs: Sequence[Pair]) -> list[int]:
    """Each pair's fit points (:func:`fit_points`): skill levels above the minimum, plus one
    for the team's own stage.

    Numpy over skills, not pairs; tests/optimizer/test_objective.py holds it to
    :func:`fit_points` pair by pair.
    """
    if not pairs:
        return []
    project_row = {p.project_id: i for i, p in enumerate(problem.projects)}
    team_col = {t.team_id: j for j, t in enumerate(problem.teams)}
    rows = np.fromiter((project_row[p.project_id] for p in pairs), np.int64, len(pairs))
    cols = np.fromiter((team_col[p.team_id] for p in pairs), np.int64, len(pairs))
    points = np.zeros(len(pairs), dtype=np.int64)
    skills = sorted({s for p in problem.projects for s in p.required_skills})
    skill_row = {s: k for k, s in enumerate(skills)}
    # Skill x project: the level each project needs (0: none), from the skills it names.
    needs = np.zeros((len(skills), len(problem.projects)), np.int64)
    for i, project in enumerate(problem.projects):
        for skill, level in project.required_skills.items():
            needs[skill_row[skill], i] = level
    for skill, needed in zip(skills, needs, strict=True):
        levels = np.array([t.level(skill) for t in problem.teams], dtype=np.int64)
        need, have = needed[rows], levels[cols]
        points += np.where((need > 0) & (have >= need), have - need, 0)
    stages = sorted({p.stage for p in problem.projects})
    stage_index = {s: k for k, s in enumerate(stages)}
    own = np.array([[bool(t.stages) and s in t.stages for t in problem.teams] for s in stages])
    project_stage = np.array([stage_index[p.stage] for p in problem.projects], dtype=np.int64)
    points += own[project_stage[rows], cols]
    return points.tolist()


@dataclass(frozen=True)
class GoalPairs:
    """One goal of the attainment term: the pair columns with a value for it, and the values.

    The goal's attainment in percentage points is ``min(100, sum(100 x values[k] /
    target x pair rows[k]))``; a goal with no such pair has no entry.
    """

    goal: Goal
    rows: list[int]
    values: list[Decimal]


@dataclass(frozen=True)
class TeamPairs:
    """One team of the balance term: its pair columns and the capacity they are measured on.

    Its utilisation in percentage points is ``sum(100 x hours(row) / capacity)``
    (capacity x what-if multiplier, before the max utilisation cap); a team with
    no pair or no capacity has no entry.
    """

    team: Team
    capacity: Fraction
    rows: list[int]


@dataclass(frozen=True)
class SampledGoal:
    """One goal of the confidence term: its pair columns, their sampled outcomes, the samples.

    ``drawn[k, s]`` is pair ``rows[k]``'s contribution in sample ``s``, in whole
    millionths of the target; the goal is reached in sample ``s`` when the chosen
    pairs' contributions add up to :data:`~planner.core.uncertainty.RESOLUTION`.
    ``samples`` are the samples some plan can reach (the others count for none).
    """

    goal: Goal
    rows: list[int]
    drawn: np.ndarray
    samples: list[int]


class Objective:
    """The weighted terms of one formulation's problem, each built only if its weight is not 0.

    ``weights`` maps a term's name to its exact weight, in the order the terms
    are added to a model.
    """

    def __init__(self, formulation: Formulation) -> None:
        self.formulation = formulation
        self.problem = formulation.problem
        self.pairs = formulation.pairs
        w = self.problem.settings.weights
        named = {
            "attainment": w.attainment,
            "value": w.value,
            "balance": w.balance,
            "fit": w.fit,
            "stability": w.stability,
            "confidence": w.confidence,
        }
        #: Term name -> its weight, for the terms that count (weight not 0).
        self.weights: dict[str, Fraction] = {n: exact(v) for n, v in named.items() if v}

    def goals(self) -> list[GoalPairs]:
        """The attainment term: per goal (in the goals' order), its pairs with a value."""
        goal_of = {
            p.project_id: p.goal_id
            for p in self.problem.projects
            if p.goal_id is not None and p.goal_id in self.problem.goal_index
        }
        rows: dict[str, list[int]] = defaultdict(list)
        values: dict[str, list[Decimal]] = defaultdict(list)
        for row, pair in enumerate(self.pairs):
            goal_id = goal_of.get(pair.project_id)
            if goal_id is not None and pair.value:
                rows[goal_id].append(row)
                values[goal_id].append(pair.value)
        return [
            GoalPairs(goal, rows[goal.goal_id], values[goal.goal_id])
            for goal in self.problem.goals
            if goal.goal_id in rows
        ]

    def teams(self) -> list[TeamPairs]:
        """The balance term: per team (in the teams' order) with pairs and capacity."""
        out = []
        for team in self.problem.teams:
            rows = self.formulation.by_team.get(team.team_id, [])
            capacity = what_if_capacity(self.problem, team)
            if rows and capacity > 0:
                out.append(TeamPairs(team, capacity, rows))
        return out

    def peak_share(self) -> Fraction:
        """The balance term's ceiling: no team plans more than this share of its capacity
        (the max utilisation, rule 5), so the busiest team's utilisation is at most it."""
        return exact(self.problem.settings.capacity.max_utilization)

    def fit(self) -> list[int]:
        """The fit term: each pair's fit points (:func:`fit_points_of`)."""
        return fit_points_of(self.problem, self.pairs)

    def changed(self) -> list[int]:
        """The stability term: each baseline project's "owners changed" column."""
        return list(self.formulation.changed.values())

    def sampled(self) -> list[SampledGoal]:
        """The confidence term: per goal with an uncertain project, its pairs' sampled outcomes."""
        samples = self._samples
        rows_of: dict[str, list[int]] = defaultdict(list)
        for row, pair in enumerate(self.pairs):
            goal_id = self.problem.project(pair.project_id).goal_id
            if goal_id is not None:
                rows_of[goal_id].append(row)
        out = []
        for goal in samples.goals:
            rows = rows_of.get(goal.goal_id, [])
            if not rows:
                continue
            drawn = np.stack(
                [
                    samples.millionths(
                        self.pairs[r].project_id, self.pairs[r].value, self.pairs[r].share
                    )
                    for r in rows
                ]
            )
            # A sample that not even every candidate together reaches counts for no plan.
            reachable = np.flatnonzero(drawn.sum(axis=0) >= SAMPLE_RESOLUTION)
            out.append(SampledGoal(goal, rows, drawn, [int(s) for s in reachable]))
        return out

    @property
    def num_samples(self) -> int:
        """How many sampled outcomes the confidence term counts over."""
        return self._samples.num_samples

    @cached_property
    def _samples(self) -> OutcomeSamples:
        return OutcomeSamples(self.problem)


__all__ = ["GoalPairs", "Objective", "SampledGoal", "TeamPairs", "fit_points", "fit_points_of"]
