"""Rules 10-12's rows against the independent checker, plan by plan and week by week.

test_formulation.py holds the rows of rules 1-9 to the checker over every plan of
small problems without weeks; this does the same for a quarter in weeks: every
owner and every start week (from week 1 to the quarter's last, inside the window
or not), so a row one week off, a start a week short of its due week or a
sequence read on the wrong side shows as a plan one accepts and the other refuses.
The solver tests compare with a brute force that reads the problem's own start
weeks; this one does not.
"""

from __future__ import annotations

import itertools
from dataclasses import replace

from builders import problem, project, team
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from strategies import _plan_of, time_phased_problems

from planner.checker import check_plan
from planner.core.domain import Plan, Problem, Status
from planner.optimizer.formulation import Formulation
from planner.solving.solver import solve

Owners = tuple[str, ...]


def holds(f: Formulation, combo: dict[str, tuple[Owners, int]]) -> bool:
    """Whether the rows take each project's owners starting in its week (auxiliary
    columns set to fit); a start with no column is one the rows rule out."""
    pair = {(p.project_id, p.team_id): i for i, p in enumerate(f.pairs)}
    values = [0] * f.num_columns
    for project_id, (team_ids, start) in combo.items():
        for team_id in team_ids:
            if (project_id, team_id) not in pair:
                return False
            row = pair[(project_id, team_id)]
            values[row] = 1
            # Without start columns every project runs the whole quarter, from week 1.
            starts = {1: row} if f.starts is None else f.starts.starts[row]
            if start not in starts:
                return False
            values[starts[start]] = 1
    for project_id, col in f.joint.items():
        values[col] = int(bool(combo.get(project_id, ((), 0))[0]))
    for row in f.rows:
        activity = sum(c * values[j] for j, c in zip(row.cols, row.coeffs, strict=True))
        if row.lower is not None and activity < row.lower:
            return False
        if row.upper is not None and activity > row.upper:
            return False
    return True


def every_timed_plan(prob: Problem):
    """Every (owners, start week) of every project, starts from week 1 to the last."""
    options = []
    for p in prob.projects:
        owners: list[Owners] = []
        if p.joint:
            sales = [t.team_id for t in prob.teams if t.department == "sales"]
            marketing = [t.team_id for t in prob.teams if t.department == "marketing"]
            owners += [(s, m) for s in sales for m in marketing]
        else:
            owners += [(t.team_id,) for t in prob.teams]
        weeks = range(1, prob.num_weeks + 1)
        options.append([((), 0), *((o, s) for o in owners for s in weeks)])
    for choice in itertools.product(*options):
        combo = {p.project_id: c for p, c in zip(prob.projects, choice, strict=True) if c[0]}
        plan = _plan_of(prob, tuple(owners for owners, _ in choice))
        plan = Plan(
            tuple(
                replace(
                    a,
                    start_week=(start := combo[a.project_id][1]),
                    end_week=start + prob.duration(prob.project(a.project_id)) - 1,
                )
                for a in plan.assignments
            ),
            plan.unassigned,
        )
        yield combo, plan


@hsettings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(time_phased_problems(max_projects=2))
def test_the_week_rows_accept_exactly_the_plans_the_checker_accepts(prob):
    """Written once, checked twice: with weeks the rows are SPEC.md's rules 1-12."""
    f = Formulation.of(prob)
    for combo, plan in every_timed_plan(prob):
        assert holds(f, combo) == (not check_plan(prob, plan)), combo


def test_a_joint_project_after_its_prerequisite_is_planned_in_the_weeks_left():
    """A joint 2-week project due in week 4 after a 2-week one: weeks 1-2, then 3-4.

    Rule 12 reads one side of the joint project (both start in the same week);
    counting both sides would ask two starts of the prerequisite and leave it out.
    """
    p = problem(
        [team("m1", capacity=1300), team("s1", "sales", capacity=1300)],
        [
            project("positioning", duration_weeks=2),
            project(
                "joint",
                "nurturing",
                joint=True,
                duration_weeks=2,
                due_week=4,
                depends_on=("positioning",),
            ),
        ],
    )
    result = solve(p)
    assert result.status is Status.OPTIMAL and result.plan is not None
    weeks = {(x.project_id, x.start_week, x.end_week) for x in result.plan.assignments}
    assert weeks == {("positioning", 1, 2), ("joint", 3, 4)}


def test_a_project_a_week_shorter_than_the_quarter_is_planned_in_weeks():
    """12 weeks of a 13-week quarter: weeks 1-12 or 2-13, never the whole quarter."""
    p = problem([team("m1", capacity=130)], [project("x", effort=12, duration_weeks=12)])
    result = solve(p)
    assert result.plan is not None and check_plan(p, result.plan) == []
    (x,) = result.plan.assignments
    assert x.end_week is not None and x.start_week is not None
    assert x.end_week - x.start_week + 1 == 12
    # 125 h over 12 weeks is 10.4 h a week: over every week's 10 h, though not the quarter's.
    over = problem([team("m1", capacity=130)], [project("x", effort=125, duration_weeks=12)])
    assert not solve(over).plan.assignments


def test_a_week_s_hours_are_rounded_down_not_up():
    """100 h over 13 weeks is 7.69 h a week: a one-week project of 7.7 h fits none."""
    p = problem([team("m1", capacity=100)], [project("x", effort="7.7", duration_weeks=1)])
    result = solve(p)
    assert result.status is Status.OPTIMAL and result.plan is not None
    assert not result.plan.assignments


def test_a_chain_that_fits_only_overlapping_by_a_week_keeps_one_project():
    """2 weeks then 3 weeks due by week 4: only overlapping in week 2 would fit both."""
    p = problem(
        [team("m1", capacity=1300)],
        [
            project("positioning", duration_weeks=2, due_week=4, value=2),
            project("webinars", duration_weeks=3, due_week=4, depends_on=("positioning",)),
        ],
    )
    result = solve(p)
    assert result.status is Status.OPTIMAL and result.plan is not None
    assert [a.project_id for a in result.plan.assignments] == ["positioning"]
