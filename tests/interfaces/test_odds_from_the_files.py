"""Each goal's odds in ``planner solve --json`` and plan.xlsx against a peer that reads only
the files (SPEC "Uncertain impact").

The peer knows nothing of ``planner`` but its command line: it writes a small quarter's
CSV files, runs ``planner solve``, and works out each goal's odds from projects.csv,
goals.csv and the plan written (plan.csv, or the workbook's Plan sheet) with numpy's own
triangular sampler (2,000,000 plain draws: a standard error of at most 0.04 points), the
outcome of a target exactly reached counting as reaching it. A wrong figure anywhere on the
way (a team's value not scaling the range, a joint project counted twice, a certain part
left out, the chance of falling short given for reaching) is more than SPEC's 1 point off
for some goal. What is exact must be exact: the planned figure, a chance of 0 or 100 % only
when the ranges' bottoms reach the target or their tops cannot, and each goal's words and
workbook cell the chance in --json as a leader reads it.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import math
from collections import defaultdict
from fractions import Fraction
from pathlib import Path
from tempfile import TemporaryDirectory

import numpy as np
import openpyxl
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from planner.interfaces.cli import main

#: The peer's draws: 0.035 points of standard error at a 50 % chance, far inside SPEC's 1.
PEER_DRAWS = 2_000_000
#: SPEC: each chance within 1 percentage point of the truth.
WITHIN_POINTS = 1.0
TEAMS = (("m1", "marketing"), ("m2", "marketing"), ("s1", "sales"))
#: A stage each department may own, and one both may (joint projects).
STAGES = {"marketing": "awareness", "sales": "closing", "joint": "nurturing"}


def rows(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8-sig", newline="") as f:
        return [
            {k.strip().lower(): (v or "").strip() for k, v in r.items()} for r in csv.DictReader(f)
        ]


def number(cell: object) -> Fraction | None:
    return None if cell in ("", None) else Fraction(str(cell))


def peer_odds(folder: Path, plan_rows: list[dict[str, object]]) -> dict[str, dict[str, object]]:
    """Each goal's odds from the files alone: every owner's value in the plan scales its
    project's range by its ratio to the project's value; a joint project's owners share one
    outcome; a project without a range (or of no width) is certain."""
    projects = {r["project_id"]: r for r in rows(folder / "projects.csv")}
    certain: dict[str, Fraction] = defaultdict(Fraction)
    ratio: dict[str, Fraction] = defaultdict(Fraction)
    for r in plan_rows:
        if not r["team_id"]:
            continue
        p = projects[str(r["project_id"])]
        if not p["goal_id"]:
            continue
        value, low, high = number(r["value"]), number(p["value_low"]), number(p["value_high"])
        assert value is not None
        mode = number(p["value"]) or Fraction(0)
        if low is None or low == high or (mode == 0 and value != 0):
            certain[p["goal_id"]] += value
        elif mode == 0:  # a range from 0: the owner's share of it
            ratio[p["project_id"]] += number(r["share"]) or Fraction(0)
        else:
            ratio[p["project_id"]] += value / mode
    bets: dict[str, list[tuple[Fraction, Fraction, Fraction]]] = defaultdict(list)
    for project_id, f in ratio.items():
        p = projects[project_id]
        low, mode, high = (number(p[c]) for c in ("value_low", "value", "value_high"))
        assert low is not None and high is not None
        bets[p["goal_id"]].append((f * low, f * (mode or 0), f * high))
    rng = np.random.default_rng(20270101)
    odds = {}
    for g in rows(folder / "goals.csv"):
        goal_id, target = g["goal_id"], Fraction(g["target"])
        base, mine = certain[goal_id], bets[goal_id]
        outcome = np.full(PEER_DRAWS, float(base))
        for low, mode, high in mine:
            outcome += rng.triangular(float(low), float(mode), float(high), PEER_DRAWS)
        odds[goal_id] = {
            "planned": base + sum(b[1] for b in mine),
            "out_of_reach": base + sum(b[2] for b in mine) < target,
            "certain": base + sum(b[0] for b in mine) >= target,
            "chance": 100 * float(np.mean(outcome >= float(target))),
            "outcomes": np.sort(outcome) if mine else None,
        }
    return odds


def chance_words(percent: float) -> str:
    """A chance in whole percent as a leader reads it: 0 and 100 only when sure."""
    if 0 < percent < 0.5:
        return "< 1 %"
    if 99.5 <= percent < 100:
        return "> 99 %"
    return f"{math.floor(percent + 0.5)} %"


@st.composite
def quarters(draw) -> dict[str, str]:
    """A small quarter's CSV files: up to 3 goals and 7 projects, some with ranges (some of
    no width, some from 0), joint ones, team values and pins."""
    goals = [f"g{i}" for i in range(draw(st.integers(1, 3)))]
    projects = ["project_id,goal_id,stage,effort_hours,value,value_low,value_high,joint"]
    estimates, rules = ["project_id,team_id,value"], ["project_id,team_id,rule"]
    totals: dict[str, float] = defaultdict(float)
    for i in range(draw(st.integers(1, 7))):
        kind = draw(st.sampled_from(("marketing", "sales", "joint")))
        goal_id = draw(st.sampled_from(goals))
        value = draw(st.integers(0, 400)) / 4
        span = draw(st.sampled_from(("none", "flat", "range", "range", "range")))
        low = high = ""
        if span == "flat":
            low = high = f"{value:g}"
        elif span == "range" or value == 0:
            low = f"{value * draw(st.integers(0, 100)) / 100:g}"
            high = f"{value * draw(st.integers(100, 400)) / 100 + draw(st.integers(0, 1)):g}"
        projects.append(
            f"p{i},{goal_id},{STAGES[kind]},{draw(st.integers(5, 60))},{value:g},{low},{high},"
            f"{'true' if kind == 'joint' else 'false'}"
        )
        totals[goal_id] += value
        owners = [t for t, d in TEAMS if kind in (d, "joint")]
        if value > 0 and draw(st.integers(0, 3)) == 0:
            estimates.append(
                f"p{i},{draw(st.sampled_from(owners))},{draw(st.integers(0, 300)) / 2:g}"
            )
        if draw(st.integers(0, 4)) == 0:
            rules.append(f"p{i},{draw(st.sampled_from(owners))},pin")
    lines = ["goal_id,target,weight"]
    for goal_id in goals:
        share = draw(st.sampled_from((0.3, 0.6, 0.8, 0.9, 1.0, 1.1, 1.3, 2.0)))
        lines.append(f"{goal_id},{max(0.5, round(totals[goal_id] * share, 2)):g},1")
    capacity = draw(st.sampled_from((40, 90, 400)))
    return {
        "teams.csv": "team_id,department,capacity_hours\n"
        + "".join(f"{t},{d},{capacity}\n" for t, d in TEAMS),
        "projects.csv": "\n".join(projects) + "\n",
        "goals.csv": "\n".join(lines) + "\n",
        "estimates.csv": "\n".join(estimates) + "\n",
        "rules.csv": "\n".join(rules) + "\n",
    }


def solved(folder: Path, out: str) -> dict[str, object] | None:
    """``planner solve FOLDER --out OUT --json``'s object (None: no plan, e.g. pins at odds)."""
    said = io.StringIO()
    with contextlib.redirect_stdout(said), contextlib.redirect_stderr(io.StringIO()):
        status = main(["solve", str(folder), "--out", str(folder / out), "--json"])
    return json.loads(said.getvalue()) if status == 0 else None


def assert_agrees(goal_id: str, said: dict[str, object], peer: dict[str, object]) -> None:
    chance = float(said["probability"])
    if peer["out_of_reach"]:
        assert chance == 0, (goal_id, chance)
    elif peer["certain"]:
        assert chance == 100, (goal_id, chance)
    else:
        assert 0 < chance < 100, (goal_id, chance)
        assert abs(chance - float(peer["chance"])) <= WITHIN_POINTS, (goal_id, chance, peer)
    outcomes = peer["outcomes"]
    if outcomes is not None:  # the percentiles: P10 is the outcome 10 % of draws stay under
        for q in (10, 50, 90):
            below = np.searchsorted(outcomes, float(said[f"p{q}"]), side="right") / PEER_DRAWS
            assert abs(below - q / 100) <= 0.01, (goal_id, q, below)


@settings(
    max_examples=12,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(quarters())
@example(  # 'planned': 81.25000000000001 where plan.csv's values add up to 81.25
    {
        "teams.csv": "team_id,department,capacity_hours\nm1,marketing,40\ns1,sales,40\n",
        "projects.csv": "project_id,goal_id,stage,effort_hours,value,value_low,value_high,joint\n"
        "p0,g2,nurturing,49,37.5,1.5,88,true\n",
        "goals.csv": "goal_id,target,weight\ng2,75,1\n",
        "estimates.csv": "project_id,team_id,value\np0,s1,125\n",
        "rules.csv": "project_id,team_id,rule\n",
    }
)
def test_solve_json_gives_each_goal_the_odds_the_files_give(files):
    """--json's chance, percentiles, planned figure and words against the peer's."""
    with TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name, text in files.items():
            (folder / name).write_text(text, encoding="utf-8")
        result = solved(folder, "plan.csv")
        if result is None:
            return
        peer = peer_odds(folder, rows(folder / "plan.csv"))
        for said in result["goals"]:
            goal_id = said["goal_id"]
            mine = peer[goal_id]
            assert Fraction(str(said["planned"])) == mine["planned"], goal_id
            assert_agrees(goal_id, said, mine)
            if said["uncertain"]:
                assert said["words"].startswith(
                    f"{chance_words(float(said['probability']))} chance to reach "
                ), said["words"]


def test_the_workbook_gives_each_goal_the_odds_its_plan_sheet_gives(tmp_path):
    """plan.xlsx: the Goals sheet's chance against the peer's from the Plan sheet."""
    for name, text in {
        "teams.csv": "team_id,department,capacity_hours\nm1,marketing,100\ns1,sales,100\n",
        "projects.csv": (
            "project_id,goal_id,stage,effort_hours,value,value_low,value_high,joint,sales_share\n"
            "a,g,awareness,10,40,10,90,,\nb,g,nurturing,10,60,30,70,true,0.3\n"
            "c,h,closing,10,5,5,5,,\nd,h,closing,10,2,0,9,,\n"
        ),
        "goals.csv": "goal_id,name,target\ng,Pipeline,110\nh,Deals,6\n",
        "estimates.csv": "project_id,team_id,value\nb,s1,90\n",
    }.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert solved(tmp_path, "plan.xlsx") is not None
    book = openpyxl.load_workbook(tmp_path / "plan.xlsx", read_only=True)
    plan_sheet = list(book["Plan"].iter_rows(values_only=True))
    names = {"Project ID": "project_id", "Team ID": "team_id", "Share": "share"}
    head = [
        names.get(str(c), "value" if str(c).startswith("Value") else str(c)) for c in plan_sheet[0]
    ]
    plan_rows = [
        {h: ("" if v is None else v) for h, v in zip(head, r, strict=False)} for r in plan_sheet[1:]
    ]
    peer = peer_odds(tmp_path, plan_rows)
    goals_sheet = list(book["Goals"].iter_rows(values_only=True))
    chance_at = goals_sheet[0].index("Chance to reach target")
    goal_ids = {"Pipeline": "g", "Deals": "h"}
    for r in goals_sheet[1:]:
        mine = peer[goal_ids[r[0]]]
        assert not mine["out_of_reach"] and not mine["certain"]
        assert abs(100 * r[chance_at] - float(mine["chance"])) <= WITHIN_POINTS, (
            r[0],
            r[chance_at],
        )


def test_scenarios_show_json_gives_the_chance_solve_json_gives(tmp_path):
    """One bet (0, 50, 100) against 51: a chance of 0.4802 exactly, which solve --json gives
    as 48.02; ``scenarios show --json`` gave 48.019999999999996 (a hundred times the float),
    a figure a script comparing the two finds different."""
    for name, text in {
        "teams.csv": "team_id,department,capacity_hours\nm1,marketing,100\n",
        "projects.csv": "project_id,goal_id,stage,effort_hours,value,value_low,value_high\n"
        "a,g,awareness,10,50,0,100\n",
        "goals.csv": "goal_id,target\ng,51\n",
    }.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    (solve_said,) = solved(tmp_path, "plan.csv")["goals"]
    db = str(tmp_path / "q.duckdb")
    quiet = contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO())
    with quiet[0], quiet[1]:
        assert main(["scenarios", "--db", db, "save", str(tmp_path), "--name", "q"]) == 0
    said = io.StringIO()
    with contextlib.redirect_stdout(said):
        assert main(["scenarios", "--db", db, "show", "q", "--json"]) == 0
    (shown,) = json.loads(said.getvalue())["goals"]
    assert solve_said["probability"] == shown["chance"] == 48.02
