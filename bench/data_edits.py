"""Data edits kept close: what a one-team capacity edit on the Data page moves.

A leader edits one team's ``capacity_hours`` in the Teams table (as the Data page's
Apply rebuilds the inputs). The edited inputs are planned two ways, in the same run:

* ``free``: from scratch, in the whole time limit (what the Data page did before, and
  what "Re-plan from scratch instead" gives);
* ``kept``: against the current plan (:func:`~planner.scenarios.relative.solve_relative`,
  the free re-plan in ``FREE_SHARE`` of the limit, then the fewest changes).

The edited team is the one the current plan loads most (and ``--also``'s, in the
sample). Per data set, seed and edit: projects of the current plan moved to other teams or
dropped (what rule 9 counts), those kept on their teams but started in another week,
how many of both belong to the other department than the edited team's (untouched by
the edit), projects added, and each plan's objective (``kept vs free`` in %, the floor
is -0.5) and goal attainment. Every plan passes the checker.

Usage::

    python bench/data_edits.py --sample data/sample --also cs,brand --teams 40 \\
        --projects 500 --seeds 0,1,2 --time-limit 10 --edits 0.8,1.25
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from planner.checker import check_plan
from planner.core.builder import load_problem
from planner.core.domain import Plan, Problem
from planner.core.editing import editable_frames, rebuilt
from planner.core.generate import generate_folder
from planner.core.loading import TEAMS
from planner.scenarios.metrics import plan_metrics
from planner.scenarios.relative import solve_relative
from planner.solving.solver import solve


def _limited(problem: Problem, seconds: float) -> Problem:
    s = problem.settings
    return problem.replace(settings=s.with_changes(solve=replace(s.solve, time_limit_s=seconds)))


def _most_loaded(problem: Problem, plan: Plan) -> str:
    """The team whose hours the current plan uses most (as a share of its capacity)."""
    hours: dict[str, float] = {}
    for a in plan.assignments:
        hours[a.team_id] = hours.get(a.team_id, 0.0) + float(a.effort_hours)
    return max(
        problem.teams, key=lambda t: hours.get(t.team_id, 0.0) / max(float(t.capacity_hours), 1)
    ).team_id


def edited(problem: Problem, team_id: str, factor: float) -> Problem:
    """``team_id``'s capacity_hours times ``factor``, as the Data page's Apply rebuilds it."""
    teams = editable_frames(problem)[TEAMS].copy()
    row = teams.team_id == team_id
    # The team's own hours, not the grid's text: the grid writes them as a leader reads
    # them ("1,400"), which float() refuses.
    hours = float(next(t.capacity_hours for t in problem.teams if t.team_id == team_id))
    teams.loc[row, "capacity_hours"] = round(hours * factor)
    return rebuilt(problem, {TEAMS: teams})[0]


def moves(problem: Problem, before: Plan, after: Plan, department: str) -> dict[str, int]:
    """Changes of ``after`` against ``before``: moved or dropped, started in another week,
    added; and the first two among projects only ``department``'s teams owned before."""
    owners_a, owners_b = before.owners(), after.owners()
    starts_a = {a.project_id: a.start_week for a in before.assignments}
    starts_b = {a.project_id: a.start_week for a in after.assignments}
    dept = {t.team_id: t.department for t in problem.teams}
    out = {"changed": 0, "weeks": 0, "added": 0, "other_changed": 0, "other_weeks": 0}
    for project_id, teams in owners_a.items():
        other = {dept.get(t) for t in teams} == {department}
        if owners_b.get(project_id) != teams:
            out["changed"] += 1
            out["other_changed"] += other
        elif starts_b[project_id] != starts_a[project_id]:
            out["weeks"] += 1
            out["other_weeks"] += other
    out["added"] = sum(1 for p in owners_b if p not in owners_a)
    return out


def run(
    label: str, problem: Problem, limit: float, factors: list[float], also: tuple[str, ...] = ()
) -> None:
    problem = _limited(problem, limit)
    current = solve(problem)
    assert current.plan is not None
    for team_id in (_most_loaded(problem, current.plan), *also):
        _edits(label, problem, current.plan, team_id, factors)


def _edits(label: str, problem: Problem, plan: Plan, team_id: str, factors: list[float]) -> None:
    department = problem.team(team_id).department
    other = "marketing" if department == "sales" else "sales"
    for factor in factors:
        changed = edited(problem, team_id, factor)
        started = time.perf_counter()
        free = solve(changed)
        free_s = time.perf_counter() - started
        started = time.perf_counter()
        kept = solve_relative(changed, plan)
        kept_s = time.perf_counter() - started
        row = [label, f"{team_id} x{factor:g}"]
        for result in (free, kept.result):
            assert result.plan is not None and check_plan(changed, result.plan) == []
            m = moves(changed, plan, result.plan, other)
            row.append(
                f"{m['changed']} + {m['weeks']} wk ({m['other_changed']} + "
                f"{m['other_weeks']} wk {other}), +{m['added']}"
            )
        assert free.objective is not None and kept.result.objective is not None
        vs = 100 * (kept.result.objective - free.objective) / abs(free.objective)
        att = [plan_metrics(changed, r.plan).attainment_pct for r in (free, kept.result)]
        row += [
            f"{free.objective:.2f} / {kept.result.objective:.2f} ({vs:+.2f} %)",
            f"{att[0]:.1f} / {att[1]:.1f}",
            f"{free_s:.1f} / {kept_s:.1f}",
        ]
        print("| " + " | ".join(row) + " |", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", help="a data folder to run first (the bundled sample)")
    parser.add_argument("--teams", type=int, default=40)
    parser.add_argument("--projects", type=int, default=500)
    parser.add_argument("--seeds", default="0,1,2")
    parser.add_argument("--time-limit", type=float, default=10.0)
    parser.add_argument("--edits", default="0.8,1.25", help="capacity factors of one team")
    parser.add_argument("--also", default="", help="more team ids to edit in --sample")
    args = parser.parse_args()
    factors = [float(f) for f in args.edits.split(",")]
    print(f"load before: {os.getloadavg()[0]:.1f}", flush=True)
    print(
        "| data | edit (most loaded team) | free: changed + weeks (other dept), added "
        "| kept close: changed + weeks (other dept), added | objective free / kept "
        "| attainment % free / kept | seconds free / kept |"
    )
    print("|---|---|---|---|---|---|---|")
    if args.sample:
        also = tuple(t for t in args.also.split(",") if t)
        run(Path(args.sample).name, load_problem(args.sample), args.time_limit, factors, also)
    for seed in (int(s) for s in args.seeds.split(",")):
        with tempfile.TemporaryDirectory() as folder:
            path = generate_folder(
                Path(folder) / "q",
                num_teams=args.teams,
                num_projects=args.projects,
                seed=seed,
                weeks=True,
            )
            label = f"{args.teams} x {args.projects} weeks, seed {seed}"
            run(label, load_problem(path), args.time_limit, factors)
    print(f"load after: {os.getloadavg()[0]:.1f}", flush=True)


if __name__ == "__main__":
    main()
