"""Classic generalized assignment (GAP) benchmark instances, in the style of OR-Library.

Like the quarters of :mod:`planner.core.generate`, every instance is
deterministic for a seed and comes with a witness assignment that fits every
capacity, so every instance is feasible.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from decimal import Decimal

from planner.core.domain import MARKETING, SALES, Estimate, Problem, Project, Team
from planner.core.generate import GeneratedProblem
from planner.core.settings import Settings, StageSettings, Weights

GAP_STAGE = "work"
GAP_VALUE_OFFSET = 120
"""``value = GAP_VALUE_OFFSET - cost``; type-D costs lie in 1..120, so values are >= 0."""


def generate_gap_problem(
    num_teams: int, num_projects: int, seed: int = 0, kind: str = "D"
) -> Problem:
    """A generalized assignment instance in the style of OR-Library type D (or C).

    Parameters
    ----------
    num_teams
        Number of agents (teams), at least 1.
    num_projects
        Number of jobs (projects), at least 0. Every one is mandatory.
    seed
        Seed for ``random.Random``.
    kind
        ``"D"`` (the hard, correlated type, 15 % tighter than OR-Library's)
        or ``"C"`` (the classic type of OR-Library's gap1-gap12: effort
        uniform in 5..25, cost uniform in 15..25, capacity
        ``0.8 * sum(a) / num_teams``).

    Returns
    -------
    Problem
        For type D, each (project, team) pair has its own effort ``a`` (uniform in
        1..100) and cost ``c = 111 - a + e`` with ``e`` uniform in -10..10,
        given as estimates with ``value = GAP_VALUE_OFFSET - c``. So the
        largest total value is the cheapest assignment. There is one stage
        that every team may own, with no skills, goals or team stages. Only
        the ``value`` weight is on (1). Capacities are 85 % of type D's
        ``0.8 * sum(a) / num_teams``. A team's capacity is raised when that
        is needed to fit a greedy witness assignment, so every instance is
        feasible.
    """
    return generate_gap_instance(num_teams, num_projects, seed, kind).problem


def generate_gap_instance(
    num_teams: int, num_projects: int, seed: int = 0, kind: str = "D"
) -> GeneratedProblem:
    """Like :func:`generate_gap_problem`, and also return the witness assignment.

    Parameters
    ----------
    num_teams, num_projects, seed
        As for :func:`generate_gap_problem`.

    Returns
    -------
    GeneratedProblem
        The problem, and for every project the one team that the witness
        assignment gives it. That assignment fits every capacity.
    """
    if num_teams < 1:
        raise ValueError("num_teams must be at least 1")
    if num_projects < 0:
        raise ValueError("num_projects must be >= 0")
    if kind not in ("C", "D"):
        raise ValueError("kind must be 'C' or 'D'")
    rng = random.Random(seed)
    if kind == "D":
        effort = [[rng.randint(1, 100) for _ in range(num_teams)] for _ in range(num_projects)]
        cost = [[111 - a + rng.randint(-10, 10) for a in row] for row in effort]
        tightness = 0.85 * 0.8  # type D's b_i = 0.8 * sum_j a_ij / m, 15 % tighter still
    else:
        effort = [[rng.randint(5, 25) for _ in range(num_teams)] for _ in range(num_projects)]
        cost = [[rng.randint(15, 25) for _ in range(num_teams)] for _ in range(num_projects)]
        tightness = 0.8
    targets = [
        math.floor(tightness * sum(row[i] for row in effort) / num_teams) for i in range(num_teams)
    ]
    # Greedy witness: each job to its least effort agent that still has room,
    # or to the agent it overflows least. Capacities then cover the witness.
    load = [0] * num_teams
    owner = [0] * num_projects
    for j in rng.sample(range(num_projects), num_projects):
        row = effort[j]
        fitting = [i for i in range(num_teams) if load[i] + row[i] <= targets[i]]
        if fitting:
            best = min(fitting, key=lambda i: (row[i], i))
        else:
            best = min(range(num_teams), key=lambda i: (load[i] + row[i] - targets[i], i))
        owner[j] = best
        load[best] += row[best]

    problem = gap_problem(
        [max(targets[i], load[i], 1) for i in range(num_teams)],
        [[row[i] for row in effort] for i in range(num_teams)],
        [[GAP_VALUE_OFFSET - row[i] for row in cost] for i in range(num_teams)],
    )
    team_ids = [t.team_id for t in problem.teams]
    witness = {p.project_id: (team_ids[owner[j]],) for j, p in enumerate(problem.projects)}
    return GeneratedProblem(problem, witness)


def gap_problem(
    capacity: Sequence[int], effort: Sequence[Sequence[int]], value: Sequence[Sequence[int]]
) -> Problem:
    """A GAP as a planning problem: agent ``i`` a team, job ``j`` a mandatory project.

    ``capacity[i]`` is the team's hours; every pair has an estimate with
    ``effort[i][j]`` hours and ``value[i][j]``. One stage that every team owns,
    no skills or goals, only the ``value`` weight on: the best plan is the
    assignment of the most value.
    """
    m, n = len(capacity), len(effort[0]) if effort else 0
    tw = max(2, len(str(m)))
    pw = max(3, len(str(n)))
    team_ids = [f"A{i + 1:0{tw}d}" for i in range(m)]
    teams = tuple(
        Team(
            team_id=team_ids[i],
            name=f"Agent {i + 1}",
            department=SALES if i % 2 == 0 else MARKETING,
            capacity_hours=Decimal(capacity[i]),
        )
        for i in range(m)
    )
    projects: list[Project] = []
    estimates: list[Estimate] = []
    for j in range(n):
        project_id = f"J{j + 1:0{pw}d}"
        values = [value[i][j] for i in range(m)]
        projects.append(
            Project(
                project_id=project_id,
                name=f"Job {j + 1}",
                stage=GAP_STAGE,
                # The project's own numbers are never used (every pair has an
                # estimate); the averages keep them meaningful to a reader.
                effort_hours=Decimal(round(sum(effort[i][j] for i in range(m)) / m)),
                value=Decimal(round(sum(values) / m)),
                mandatory=True,
            )
        )
        estimates.extend(
            Estimate(project_id, team_ids[i], Decimal(effort[i][j]), Decimal(values[i]))
            for i in range(m)
        )
    settings = Settings(
        stages=StageSettings(order=(GAP_STAGE,), owners={GAP_STAGE: (SALES, MARKETING)}),
        weights=Weights(attainment=0.0, value=1.0, balance=0.0, fit=0.0, stability=0.0),
    )
    return Problem(
        teams=teams, projects=tuple(projects), estimates=tuple(estimates), settings=settings
    )


__all__ = [
    "GAP_STAGE",
    "GAP_VALUE_OFFSET",
    "gap_problem",
    "generate_gap_instance",
    "generate_gap_problem",
]
