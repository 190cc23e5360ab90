"""A what-if moves only what it must, read from plan.csv before and after.

SPEC ("What-ifs", "The quarter's weeks"): a what-if keeps the plan where nothing forces a
change. Over small generated quarters in weeks, each what-if a leader tries (a team
loses a week, a goal matters twice as much, a project forbidden on its team or pinned
to it, a team with 20 % more hours) is re-planned against the current plan, both plans
are written as plan.csv, and tests/moves_from_csv.py (pandas and fractions, none of
planner's helpers) finds each project moved (another team, another start week, left
out) whose old place it could have kept: every rule held, no less score.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from moves_from_csv import Quarter, moves, needless_moves, read_plan

from planner import load_problem, solve
from planner.core.generate import generate_folder
from planner.core.plan_csv import write_plan_csv
from planner.scenarios.relative import change_rows, solve_relative
from planner.solving.near_current_plan import EXACT_NOTE, WEEKS_NOTE

WHAT_IFS = ("lose_week", "double_weight", "forbid", "pin", "more_hours")


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _write(path: Path, rows: list[dict[str, str]], fields: list[str]) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fields)
        writer.writeheader()
        writer.writerows(rows)


def _edit(folder: Path, what_if: str, plan_csv: Path, pick: int) -> None:
    """The leader's what-if, made in the data folder's own files."""
    assigned = [r for r in _rows(plan_csv) if r["team_id"] and r["share"] == "1"]
    row = assigned[pick % len(assigned)]
    if what_if == "lose_week":
        week = str(1 + pick % 13)
        rows = [
            r
            for r in _rows(folder / "calendar.csv")
            if (r["team_id"], r["week"]) != (row["team_id"], week)
        ]
        rows.append({"team_id": row["team_id"], "week": week, "capacity_hours": "0"})
        _write(folder / "calendar.csv", rows, ["team_id", "week", "capacity_hours"])
    elif what_if == "double_weight":
        goals = _rows(folder / "goals.csv")
        goal = goals[pick % len(goals)]
        goal["weight"] = str(2 * float(goal["weight"] or 1))
        _write(folder / "goals.csv", goals, list(goals[0]))
    elif what_if in ("forbid", "pin"):
        rules = [r for r in _rows(folder / "rules.csv") if r["project_id"] != row["project_id"]]
        rules.append({"project_id": row["project_id"], "team_id": row["team_id"], "rule": what_if})
        _write(folder / "rules.csv", rules, ["project_id", "team_id", "rule"])
    else:
        text = (folder / "settings.toml").read_text(encoding="utf-8")
        more = f'[capacity.multipliers]\n"{row["team_id"]}" = 1.2\n'
        (folder / "settings.toml").write_text(text.replace("[capacity.multipliers]\n", more))


@settings(
    max_examples=2,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    size=st.sampled_from([(6, 24), (10, 60), (16, 120)]),
    seed=st.integers(0, 40),
    what_if=st.sampled_from(WHAT_IFS),
    pick=st.integers(0, 1000),
)
# A lost week that moved 8 projects for nothing, 3 of them to other teams (5 in other
# weeks) before moves were taken back; a weight doubled started 5 in other weeks.
@example(size=(16, 120), seed=3, what_if="lose_week", pick=0)
def test_what_if_moves_no_project_that_could_stay(
    tmp_path_factory: pytest.TempPathFactory,
    size: tuple[int, int],
    seed: int,
    what_if: str,
    pick: int,
) -> None:
    """Every project a what-if moves had to move: put back alone, it would break a rule
    of the changed data or cost score. A move made for nothing reads, on the Scenarios
    page, as the change's doing (a lost week "moving" a project of another team)."""
    root = tmp_path_factory.mktemp("what-if")
    data, changed = root / "data", root / "changed"
    generate_folder(data, size[0], size[1], 4, seed, weeks=True)
    problem = load_problem(data)
    current = solve(problem, time_limit_s=3.0)
    assert current.plan is not None
    write_plan_csv(problem, current.plan, root / "plan.csv")
    generate_folder(changed, size[0], size[1], 4, seed, weeks=True)
    _edit(changed, what_if, root / "plan.csv", pick)
    edited = load_problem(changed)
    relative = solve_relative(edited, current.plan, time_limit_s=4.0)
    # A week lost may leave a mandatory project no room at all: no plan to read.
    assume(relative.result.plan is not None)
    assert relative.result.plan is not None
    # On a loaded machine the free re-plan may take every second, the second stage none:
    # its moves are put back only as far as the time left allows (no test of time here).
    assume(bool({EXACT_NOTE, WEEKS_NOTE} & set(relative.result.reasons)))
    write_plan_csv(edited, relative.result.plan, root / "after.csv")

    quarter = Quarter(changed)
    before, after = read_plan(root / "plan.csv"), read_plan(root / "after.csv")
    assert Quarter(data).keeps_rules(before)
    assert quarter.keeps_rules(after)
    assert needless_moves(quarter, before, after) == {}
    # The what-if's own list of changes (the Scenarios page's and the command line's) names
    # exactly the projects moved to another team or left out ...
    moved = moves(before, after)
    owners = {p for p, kind in moved.items() if kind != "week"}
    assert {m.project_id for m in relative.moved + relative.dropped} == owners
    # ... and its "rescheduled" rows exactly the projects kept on their teams in other weeks.
    names = {p.project_id: p.name for p in edited.projects}
    rows = change_rows(edited, relative)
    weeks = sorted(r["project"] for r in rows if r["change"] == "rescheduled")
    assert weeks == sorted(names[p] for p, kind in moved.items() if kind == "week")
