"""The quarter's weeks (SPEC rules 10-12) as every part of the planner reads them, recorded.

Rules 10-12 are written once (the project's window and run in
:mod:`planner.core.domain`, a team's weekly hours and load in
:mod:`planner.core.weeks`) and read by the CP-SAT model and the LP bound
(:mod:`planner.optimizer.weeks`), the greedy and its week searches, the
explanations (:mod:`planner.explain.weeks`), the check-in's re-plan and the
charts. These tests hold what they make of the bundled sample and of a
generated quarter in weeks (``planner generate --weeks``): the plans to the
byte, the model's rows, the greedy's plan and each sentence a leader reads,
so that a change in how the rules are written shows here if it changes
anything a user sees.

``weeks_recorded.json`` holds them; ``python tests/test_weeks_recorded.py``
writes it again after a deliberate change (read its diff before committing it).
"""

from __future__ import annotations

import hashlib
import json
import sys
import tempfile
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from planner.core.domain import CalendarRow, Plan, Problem, Status
from planner.core.generate import generate_folder
from planner.core.loading import load_with_warnings
from planner.core.plan_csv import plan_csv_text
from planner.core.settings import CapacitySettings
from planner.explain.forced_weeks import forced_work_said
from planner.explain.rules import eligible_teams
from planner.explain.sentences import among_lines
from planner.explain.weeks import WeekReasons
from planner.interfaces.week_charts import timeline_frame, week_load_frame
from planner.optimizer.eligibility import eligible_pairs
from planner.optimizer.formulation import Formulation
from planner.optimizer.greedy import greedy_plan
from planner.optimizer.lp_bound import lp_bound
from planner.optimizer.week_search import WeekSearch
from planner.scenarios.checkin import (
    CheckIn,
    ProjectProgress,
    ProjectStatus,
    done_shares,
    removed_projects,
)
from planner.scenarios.replan import replan
from planner.solving.solver import solve

ROOT = Path(__file__).resolve().parent.parent
RECORDED = Path(__file__).with_name("weeks_recorded.json")
#: ``planner generate --teams 10 --projects 50 --seed 1 --weeks``: small enough that CP-SAT
#: proves its plans optimal, so that they do not depend on the machine's load (8 x 60's
#: search ended on the clock at load 19, with another plan).
GENERATED = (10, 50, 8, 1)
D = Decimal


def sample() -> Problem:
    return load_with_warnings(ROOT / "data" / "sample").problem


def generated() -> Problem:
    """The generated quarter in weeks, read back from its folder as the CLI writes it."""
    with tempfile.TemporaryDirectory() as folder:
        teams, projects, goals, seed = GENERATED
        generate_folder(Path(folder) / "q", teams, projects, goals, seed, weeks=True)
        return load_with_warnings(Path(folder) / "q").problem


def squeezed(problem: Problem) -> Problem:
    """Every project mandatory, weeks 5-8 a holiday for the first half of the teams and 60 %
    max utilisation: the week conflicts' sentences, each kind."""
    holiday = [CalendarRow(t.team_id, 5, 8, D(0)) for t in problem.teams[: len(problem.teams) // 2]]
    capacity = CapacitySettings(max_utilization=0.6)
    return problem.replace(
        projects=tuple(replace(p, mandatory=True) for p in problem.projects),
        calendar=(*problem.calendar, *holiday),
        settings=problem.settings.with_changes(capacity=capacity),
    )


def week_words(problem: Problem, plan: Plan) -> dict[str, str | None]:
    """Each project the plan leaves out -> why no week has room (None: weeks are not why)."""
    room = WeekReasons(problem, plan)
    teams = eligible_teams(problem, [u.project_id for u in plan.unassigned])
    return {
        u.project_id: room.blocked(problem.project(u.project_id), teams[u.project_id])
        for u in plan.unassigned
    }


def model_digest(problem: Problem) -> str:
    """The CP-SAT model's and the LP's rows (with rules 10-12), as one digest."""
    formulation = Formulation.of(problem, eligible_pairs(problem), weeks=True)
    rows = [
        (r.group.kind, r.group.a, r.group.b, list(r.cols), list(r.coeffs), r.lower, r.upper)
        for r in formulation.rows
    ]
    starts = sorted((row, sorted(cols.items())) for row, cols in formulation.starts.starts.items())
    text = json.dumps([rows, starts, formulation.num_columns], default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def greedy_in_weeks(problem: Problem) -> list[str]:
    """The greedy, its week search and the week neighbourhood search: who runs what, when."""
    pairs = eligible_pairs(problem)
    chosen, starts = greedy_plan(
        problem, pairs, improve_s=120, budget_s=2, search=WeekSearch, neighbourhoods=0.3
    )
    return sorted(f"{p.project_id} {p.team_id} {starts.get(p.project_id)}" for p in chosen)


def checkin_at(problem: Problem, plan: Plan, week: int) -> CheckIn:
    """The quarter as planned at ``week``: runs over are done, runs under way 90 % done."""
    projects = {}
    for a in plan.assignments:
        assert a.start_week is not None and a.end_week is not None
        if a.end_week <= week:
            projects[a.project_id] = ProjectProgress(ProjectStatus.DONE)
        elif a.start_week <= week:
            projects[a.project_id] = ProjectProgress(ProjectStatus.IN_PROGRESS, D(90))
    return CheckIn(weeks_elapsed=D(week), projects=projects)


def replan_record(problem: Problem, plan: Plan, week: int) -> dict[str, object]:
    checkin = checkin_at(problem, plan, week)
    outcome = replan(problem, plan, checkin, max_changes=None, stability_weight=1)
    assert outcome.result.status is Status.OPTIMAL, "a plan found by the clock may differ"
    rest = outcome.result.plan
    shares = done_shares(problem, plan, D(week), D(problem.num_weeks))
    return {
        "removed": removed_projects(problem, checkin),
        "done shares": {p: str(s) for p, s in sorted(shares.items())},
        "plan.csv": None if rest is None else plan_csv_text(outcome.problem, rest).splitlines(),
        "reasons": list(outcome.result.reasons),
        "moves": [
            f"{c.project_id} {c.kind} {','.join(c.before)} -> {','.join(c.after)}: {c.reason}"
            for c in (outcome.diff.changes if outcome.diff is not None else ())
        ],
    }


def record_of(name: str, problem: Problem) -> dict[str, object]:
    result = solve(problem)
    plan = result.plan
    assert plan is not None and result.status is Status.OPTIMAL, "a plan found by the clock"
    runs = timeline_frame(problem, plan)[["project_id", "team", "start", "end"]]
    load = week_load_frame(problem, plan)[["team_id", "week", "load_text", "limit_text"]]
    tight = squeezed(problem)
    return {
        f"{name}: plan.csv": plan_csv_text(problem, plan).splitlines(),
        f"{name}: no week has room": week_words(problem, plan),
        f"{name}: timeline": [" ".join(map(str, r)) for r in runs.itertuples(index=False)],
        f"{name}: week load": [" ".join(map(str, r)) for r in load.itertuples(index=False)],
        f"{name}: model rows": model_digest(problem),
        f"{name}: LP bound": round(lp_bound(problem).bound or 0.0, 6),
        f"{name}: greedy in weeks": greedy_in_weeks(problem),
        f"{name}: forced work in weeks": among_lines(forced_work_said(tight)[0]),
        f"{name}: check-in at week 6": replan_record(problem, plan, 6),
    }


def record() -> dict[str, object]:
    return {**record_of("sample", sample()), **record_of("generated", generated())}


@pytest.fixture(scope="module")
def recorded() -> dict[str, object]:
    return json.loads(RECORDED.read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", ["sample", "generated"])
def test_the_quarter_in_weeks_plans_and_reads_as_recorded(name, recorded):
    """Plans, model rows, the greedy's weeks, the charts' weeks and every sentence about
    weeks: as recorded, so that the weeks rules written once changed nothing a user sees."""
    got = record_of(name, sample() if name == "sample" else generated())
    for key, value in got.items():
        assert json.loads(json.dumps(value)) == recorded[key], key


def test_the_record_says_something_about_each_rule(recorded):
    """The record exercises what it holds: left-out projects blocked by their weeks, week
    conflicts, a re-plan with a plan, and start weeks other than week 1."""
    for name in ("sample", "generated"):
        assert any(recorded[f"{name}: no week has room"].values()), name
        assert recorded[f"{name}: forced work in weeks"], name
        assert recorded[f"{name}: check-in at week 6"]["plan.csv"], name
        assert any(not line.endswith(" 1") for line in recorded[f"{name}: greedy in weeks"])


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    RECORDED.write_text(json.dumps(record(), indent=1, ensure_ascii=False) + "\n", "utf-8")
