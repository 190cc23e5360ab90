"""A check-in at week N keeps weeks 1..N as they happened, read from plan.csv alone.

SPEC ("The quarter's weeks"): work already done stays where it was, and only weeks
N+1 .. the last are re-planned. Over small generated quarters in weeks, a check-in at
week 4, 8 or 12 (the template of a quarter that went to plan, then one project done
early, one running late, one dropped, a KPI behind) is given to ``planner checkin``;
the plan.csv before and the one it writes are compared with pandas, none of planner's
helpers: every project started by week N keeps its teams and its start (a project in
progress runs on from week N+1), nothing new is placed in the weeks gone, and every
re-planned project runs after week N.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from planner import load_problem, solve
from planner.core.generate import generate_folder
from planner.core.plan_csv import write_plan_csv
from planner.interfaces.cli import main


def _plan(path: Path) -> pd.DataFrame:
    rows = pd.read_csv(path, dtype=str, keep_default_na=False)
    return rows[rows.team_id != ""]


def _checkin(template: str, pick: int) -> tuple[str, dict[str, str]]:
    """The template with one project in progress done, one late by two weeks, one
    dropped, and the first goal's KPI at half; and what was done to which project."""
    lines = template.splitlines()
    started = [i for i, line in enumerate(lines) if line.startswith('"') and "in_progress" in line]
    done: dict[str, str] = {}
    for kind, i in zip(
        ("done", "late", "dropped"), started[pick % max(1, len(started)) :], strict=False
    ):
        project = lines[i].split('"')[1]
        if kind == "late":
            end = int(re.search(r"end_week = (\d+)", lines[i]).group(1))  # type: ignore[union-attr]
            if end + 2 > 13:
                continue
            late = f"percent_done = 10, end_week = {end + 2}"
            lines[i] = f'"{project}" = {{ status = "in_progress", {late} }}'
        else:
            lines[i] = f'"{project}" = "{kind}"'
        done[project] = kind
    goals = lines.index("[achieved]")
    key, _, value = lines[goals + 1].partition(" = ")
    lines[goals + 1] = f"{key} = {int(float(value.split()[0]) / 2)}"
    return "\n".join(lines) + "\n", done


@settings(
    max_examples=3,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    size=st.sampled_from([(6, 24), (10, 60)]),
    seed=st.integers(0, 40),
    week=st.sampled_from([4, 8, 12]),
    pick=st.integers(0, 20),
)
@example(size=(12, 60), seed=5, week=4, pick=0)
def test_checkin_keeps_the_weeks_gone_as_they_happened(
    tmp_path_factory: pytest.TempPathFactory,
    capsys: pytest.CaptureFixture[str],
    size: tuple[int, int],
    seed: int,
    week: int,
    pick: int,
) -> None:
    """What weeks 1..N hold before the check-in, they hold after it: a re-plan that moved
    work already under way, or put new work in weeks gone, would tell the teams to have
    done what they did not."""
    root = tmp_path_factory.mktemp("checkin")
    data = root / "data"
    generate_folder(data, size[0], size[1], 4, seed, weeks=True)
    problem = load_problem(data)
    current = solve(problem, time_limit_s=3.0)
    assert current.plan is not None
    write_plan_csv(problem, current.plan, root / "plan.csv")
    capsys.readouterr()
    base = [str(data), "--baseline", str(root / "plan.csv")]
    assert main(["checkin-template", *base, "--weeks", str(week)]) == 0
    text, changed = _checkin(capsys.readouterr().out, pick)
    (root / "checkin.toml").write_text(text, encoding="utf-8")
    out = ["--checkin", str(root / "checkin.toml"), "--out", str(root / "after.csv")]
    code = main(["checkin", *base, *out, "--time-limit", "4"])
    said = capsys.readouterr()
    if code == 3:
        return  # no plan for the rest (the late project leaves a team no room): nothing to read
    assert code == 0, said.err

    before, after = _plan(root / "plan.csv"), _plan(root / "after.csv")
    first = before.groupby("project_id").start_week.first().astype(int)
    owners_before = before.groupby("project_id").team_id.apply(frozenset)
    owners_after = after.groupby("project_id").team_id.apply(frozenset)
    # A dropped project keeps its team on its row, without weeks.
    starts_after = pd.to_numeric(after.groupby("project_id").start_week.first())
    status_after = after.groupby("project_id").status.first()
    for project_id, start in first.items():
        if start > week:
            continue  # not started: the re-plan may move it (after week N, checked below)
        if changed.get(project_id) == "dropped":
            assert status_after[project_id] == "dropped"
            continue
        assert owners_after[project_id] == owners_before[project_id], project_id
        if status_after[project_id] == "done":
            assert starts_after[project_id] == start, project_id
        else:  # in progress: the rest of its work, from the week after the check-in
            assert starts_after[project_id] == week + 1, project_id
    live = after[~after.status.isin(["done", "dropped"])]
    assert (live.start_week.astype(int) > week).all()
    # A project the re-plan starts was not started by week N in the plan before.
    new = set(live.project_id) - {p for p, s in first.items() if s <= week}
    assert all(int(starts_after[p]) > week for p in new)
