"""Small random problems for property tests, and the best plan by brute force."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal
from fractions import Fraction

from builders import VALUE_ONLY, estimate, goal, problem, project, settings, team
from hypothesis import strategies as st

from planner.checker import check_plan, objective_of
from planner.core.domain import Assignment, Baseline, CalendarRow, Plan, Problem, Unassigned
from planner.core.settings import CalendarSettings, CapacitySettings, Weights

STAGES = ("awareness", "nurturing", "qualification", "closing")
SKILLS = ("seo", "demo", "events")


@st.composite
def small_problems(draw, max_projects: int = 6, weights: Weights = VALUE_ONLY):
    """Up to 3 teams and a handful of projects touching every rule."""
    num_teams = draw(st.integers(1, 3))
    teams = []
    for i in range(num_teams):
        dept = draw(st.sampled_from(("sales", "marketing")))
        skills = draw(st.dictionaries(st.sampled_from(SKILLS), st.integers(1, 5), max_size=2))
        teams.append(
            team(
                f"t{i}",
                dept,
                capacity=draw(st.integers(0, 60)),
                skills=skills,
                max_projects=draw(st.none() | st.integers(1, 3)),
            )
        )
    num_projects = draw(st.integers(1, max_projects))
    projects = []
    for i in range(num_projects):
        stage = draw(st.sampled_from(STAGES))
        joint = stage in ("nurturing", "qualification") and draw(st.booleans())
        deps = (
            draw(st.lists(st.sampled_from([f"p{j}" for j in range(i)]), max_size=1, unique=True))
            if i
            else []
        )
        projects.append(
            project(
                f"p{i}",
                stage,
                effort=draw(st.decimals(1, 40, places=1)),
                value=draw(st.decimals(0, 20, places=2)),
                goal_id=draw(st.sampled_from(("g1", "g2", None))),
                required_skills=draw(
                    st.dictionaries(st.sampled_from(SKILLS), st.integers(1, 3), max_size=1)
                ),
                mandatory=draw(st.integers(0, 9)) == 0,
                joint=joint,
                sales_share=Decimal("0.4") if joint else Decimal("0.5"),
                depends_on=tuple(deps),
            )
        )
    estimates = []
    for p in projects:
        for t in teams:
            if draw(st.integers(0, 5)) == 0:
                estimates.append(
                    estimate(
                        p.project_id,
                        t.team_id,
                        effort=draw(st.integers(1, 30)),
                        value=draw(st.integers(0, 30)),
                    )
                )
    goals = [
        goal("g1", draw(st.integers(5, 40))),
        goal("g2", draw(st.integers(5, 40)), weight=Decimal(2)),
    ]
    # Half the problems keep a fifth of every team free, some scale one department: the
    # capacity in force, not capacity_hours, is what every rule and term must read.
    capacity = CapacitySettings(
        max_utilization=draw(st.sampled_from((1.0, 0.8))),
        multipliers=draw(
            st.dictionaries(
                st.sampled_from(("sales", "marketing")),
                st.sampled_from((0.5, 1.5)),
                max_size=1,
            )
        ),
    )
    return problem(
        teams,
        projects,
        goals=goals,
        estimates=estimates,
        settings=settings(weights, capacity=capacity),
    )


#: Every objective term on, confidence and stability among them.
EVERY_TERM = Weights(attainment=1, value=0.5, balance=0.1, fit=0.05, stability=2, confidence=1)


@st.composite
def ranged_problems_with_a_baseline(draw, max_projects: int = 4, weights: Weights = EVERY_TERM):
    """A small problem whose projects have ranges of impact about half the time, and a
    baseline plan to keep close to (no change budget): every objective term has work."""
    prob = draw(small_problems(max_projects=max_projects, weights=weights))
    projects = []
    for p in prob.projects:
        if p.value > 0 and draw(st.booleans()):
            low = p.value * Decimal(draw(st.sampled_from(("0.2", "0.6", "1"))))
            high = p.value * Decimal(draw(st.sampled_from(("1", "1.5", "3"))))
            p = replace(p, value_low=low, value_high=high)
        projects.append(p)
    # Targets within reach of the goal's projects, so that the odds are not always 0.
    goals = []
    for g in prob.goals:
        total = sum((p.value for p in projects if p.goal_id == g.goal_id), Decimal(0))
        reach = max(1, int(total / 2))
        goals.append(replace(g, target=Decimal(draw(st.integers(1, reach)))))
    prob = prob.replace(projects=tuple(projects), goals=tuple(goals))
    owners: dict[str, frozenset[str]] = {}
    for p in prob.projects:
        team_ids = [t.team_id for t in prob.teams if not p.joint]
        if team_ids and draw(st.booleans()):
            owners[p.project_id] = frozenset({draw(st.sampled_from(team_ids))})
    return prob.replace(baseline=Baseline(owners, None))


def every_plan(prob: Problem) -> Iterator[tuple[dict[str, tuple[str, ...]], Plan]]:
    """Every way to give each project no team, one team, or (joint) a sales and a marketing
    team: its owners (project -> its teams, the projects with a team) and its plan."""
    options = []
    for p in prob.projects:
        choices: list[tuple[str, ...]] = [()]
        if p.joint:
            sales = [t.team_id for t in prob.teams if t.department == "sales"]
            marketing = [t.team_id for t in prob.teams if t.department == "marketing"]
            choices += [(s, m) for s in sales for m in marketing]
        else:
            choices += [(t.team_id,) for t in prob.teams]
        options.append(choices)
    for combo in itertools.product(*options):
        owners = {p.project_id: c for p, c in zip(prob.projects, combo, strict=True) if c}
        yield owners, _plan_of(prob, combo)


def brute_force_best(prob: Problem) -> Fraction | None:
    """The best exact objective over every plan the checker accepts (None: no plan)."""
    best: Fraction | None = None
    for _, plan in every_plan(prob):
        if check_plan(prob, plan):
            continue
        value = objective_of(prob, plan).total
        best = value if best is None or value > best else best
    return best


def _plan_of(prob: Problem, combo: tuple[tuple[str, ...], ...]) -> Plan:
    estimates = prob.estimate_index
    assignments, unassigned = [], []
    for p, owners in zip(prob.projects, combo, strict=True):
        if not owners:
            unassigned.append(Unassigned(p.project_id, ""))
        for team_id in owners:
            t = prob.team(team_id)
            e = estimates.get((p.project_id, team_id))
            effort = e.effort_hours if e and e.effort_hours is not None else p.effort_hours
            value = e.value if e and e.value is not None else p.value
            share = p.share(t.department)
            assignments.append(
                Assignment(p.project_id, team_id, share, effort * share, value * share)
            )
    return Plan(tuple(assignments), tuple(unassigned))


#: Weeks in the tiny time-phased quarters (few, so brute force stays small).
TINY_WEEKS = 4


@st.composite
def time_phased_problems(draw, max_projects: int = 4, weights: Weights = VALUE_ONLY):
    """A small problem with a short quarter, durations, windows and a calendar."""
    base = draw(small_problems(max_projects=max_projects, weights=weights))
    weeks = TINY_WEEKS
    projects = []
    for p in base.projects:
        earliest = draw(st.integers(1, weeks))
        due = draw(st.integers(earliest, weeks))
        duration = draw(st.none() | st.integers(1, due - earliest + 1))
        projects.append(
            replace(
                p,
                duration_weeks=duration,
                earliest_week=draw(st.sampled_from((None, earliest)))
                if earliest == 1
                else earliest,
                due_week=due,
            )
        )
    calendar = []
    for t in base.teams:
        for week in range(1, weeks + 1):
            if draw(st.integers(0, 3)) == 0:
                calendar.append(
                    CalendarRow(t.team_id, week, week, Decimal(draw(st.integers(0, 20))))
                )
    new_settings = replace(base.settings, calendar=CalendarSettings(weeks=weeks))
    return base.replace(projects=tuple(projects), calendar=tuple(calendar), settings=new_settings)


def brute_force_best_timed(prob: Problem) -> Fraction | None:
    """The best exact objective over every (owners, start weeks) plan the checker accepts."""
    options = []
    for p in prob.projects:
        owner_choices: list[tuple[str, ...]] = []
        if p.joint:
            sales = [t.team_id for t in prob.teams if t.department == "sales"]
            marketing = [t.team_id for t in prob.teams if t.department == "marketing"]
            owner_choices += [(s, m) for s in sales for m in marketing]
        else:
            owner_choices += [(t.team_id,) for t in prob.teams]
        choices: list[tuple[tuple[str, ...], int]] = [((), 0)]
        choices += [(o, s) for o in owner_choices for s in prob.starts(p)]
        options.append(choices)
    best: Fraction | None = None
    for combo in itertools.product(*options):
        plan = _plan_of(prob, tuple(owners for owners, _ in combo))
        starts = {p.project_id: s for p, (_, s) in zip(prob.projects, combo, strict=True)}
        plan = Plan(
            tuple(
                replace(
                    a,
                    start_week=starts[a.project_id],
                    end_week=starts[a.project_id] + prob.duration(prob.project(a.project_id)) - 1,
                )
                for a in plan.assignments
            ),
            plan.unassigned,
        )
        if check_plan(prob, plan):
            continue
        value = objective_of(prob, plan).total
        best = value if best is None or value > best else best
    return best
