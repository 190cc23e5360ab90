"""M in weeks from alternating fixed halves: owners with the starts fixed, starts with the
owners fixed, and a few teams freed whole (issue 15).

The whole time-phased model (:class:`planner.optimizer.cpsat.PlanningModel` over the
formulation with its start columns) is too large for CP-SAT to close at 40 x 500, but
two of its halves look like problems solvers close well. A round fixes part of the
incumbent plan in a copy of that model (variables' domains set to one value) and gives
the rest to CP-SAT, hinted with the incumbent:

- ``a`` (starts fixed): a planned project keeps its start week and may change owner
  (or leave the plan); a left-out project may come in with any owner at one of
  ``--a-starts`` start weeks drawn for it each round (0: any): a multi-dimensional
  assignment under the weekly hours;
- ``b`` (owners fixed): a planned project keeps its owner(s) and may move in time or
  leave the plan; left-out projects stay out: each team's weeks re-packed, joint projects
  and finish-to-start rows tying the teams;
- ``c`` (teams freed): the owners and starts of 2-4 teams that share the most candidate
  projects (:func:`planner.optimizer.lns.team_neighbours`) are free, everything else as
  it is.

Each round's plan is decoded, passed through the independent checker and scored in
exact arithmetic (:func:`planner.optimizer.exact_objective.checked_objective`); it becomes the
incumbent when it scores more. Rounds go ``a``, ``b``, then ``--c-rounds`` of ``c``, again
and again, until ``--minutes``. The start is the planner's 10 s plan of the generated M
quarter (as bench/weeks.py makes it)::

    nice -n 10 python bench/week_alternate.py --seeds 0-4 --minutes 6

prints a table per seed (each round: its kind, teams, CP-SAT's status and seconds, its
plan's checked objective, the best so far) and a JSON line per seed. The runs of
2026-12-07: bench/results.md, "Alternating fixed halves".
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from ortools.sat.python import cp_model  # noqa: E402

from planner.core.domain import Problem  # noqa: E402
from planner.core.pairs import Pair  # noqa: E402
from planner.optimizer.cpsat import PlanningModel, cp_solver  # noqa: E402
from planner.optimizer.eligibility import eligible_pairs  # noqa: E402
from planner.optimizer.exact_objective import checked_objective  # noqa: E402
from planner.optimizer.formulation import Formulation  # noqa: E402
from planner.optimizer.lns import pick_teams, rows_by_team, team_neighbours  # noqa: E402

KINDS = ("a", "b", "c")


@dataclass(frozen=True)
class Round:
    """One round: its kind, the teams it freed (``c``), CP-SAT's status, seconds and
    bound (no plan of the round's half scores more, in the model's rounding), its plan's
    checked objective (``None``: no plan, or the checker refused it) and the best
    objective after it."""

    kind: str
    teams: tuple[str, ...]
    status: str
    seconds: float
    bound: float
    objective: float | None
    best: float
    kept: bool


@dataclass
class Alternated:
    """The rounds from a start plan and the best plan found (its pairs, starts and exact
    objective); ``refused``: rounds whose plan the checker refused."""

    start: Fraction
    best: Fraction
    chosen: list[Pair]
    starts: dict[str, int]
    rounds: list[Round] = field(default_factory=list)
    refused: int = 0


class Halves:
    """The whole CP-SAT model in weeks, and the rounds that fix part of a plan in it."""

    def __init__(self, problem: Problem, pairs: tuple[Pair, ...]) -> None:
        self.problem = problem
        self.pairs = pairs
        formulation = Formulation.of(problem, pairs, weeks=True)
        assert formulation.starts is not None, "a quarter in weeks"
        self.start_columns = formulation.starts.starts
        self.planning = PlanningModel(problem, pairs, formulation=formulation)
        self.index = {(p.project_id, p.team_id): row for row, p in enumerate(pairs)}
        self.by_team = rows_by_team(pairs)
        self.teams = sorted(self.by_team)
        self.neighbours = team_neighbours(pairs, self.by_team)
        self.num_pairs = len(pairs)

    def _var(self, column: int) -> int:
        return self.planning.variables.columns[column].index

    def fixed(
        self,
        kind: str,
        chosen: Sequence[Pair],
        starts: Mapping[str, int],
        free: set[str],
        weeks_out: Mapping[str, set[int]] | None = None,
    ) -> dict[int, int]:
        """The variables ``kind`` fixes at ``chosen`` (with ``starts``): index -> value.

        Only pair and start columns are fixed; the auxiliary variables (attainment,
        peak, joint indicators) follow from them. ``weeks_out``: in an ``a`` round, the
        start weeks a left-out project may come in at (default: any).
        """
        on = {self.index[(p.project_id, p.team_id)] for p in chosen}
        planned = {p.project_id for p in chosen}
        values: dict[int, int] = {}
        for row, pair in enumerate(self.pairs):
            pid = pair.project_id
            weeks = self.start_columns.get(row, {})
            if kind == "a":  # starts fixed, owners free; left-out projects at given weeks
                allowed = {starts[pid]} if pid in planned else (weeks_out or {}).get(pid)
                if allowed is not None:
                    for week, column in weeks.items():
                        if week not in allowed:  # a pair of one start: its own column
                            values[self._var(column)] = 0
            elif kind == "b":  # owners fixed, starts free; left-out projects stay out
                if row not in on:
                    values[self._var(row)] = 0
                    for column in weeks.values():
                        values[self._var(column)] = 0
            elif pair.team_id not in free:  # c: the other teams as they are
                values[self._var(row)] = int(row in on)
                for week, column in weeks.items():
                    if column >= self.num_pairs:
                        values[self._var(column)] = int(row in on and week == starts.get(pid))
        return values

    def solve(
        self,
        kind: str,
        chosen: Sequence[Pair],
        starts: Mapping[str, int],
        *,
        seconds: float,
        workers: int,
        free: set[str] | None = None,
        weeks_out: Mapping[str, set[int]] | None = None,
    ) -> tuple[str, float, float, list[Pair], dict[str, int]]:
        """One round from the plan ``chosen``: CP-SAT's status, seconds, bound and plan."""
        self.planning.add_hints(chosen, starts)
        model = self.planning.model.clone()
        variables = model.proto.variables
        fixed = self.fixed(kind, chosen, starts, free or set(), weeks_out)
        for var, value in fixed.items():
            domain = variables[var].domain
            domain.clear()
            domain.extend([value, value])
        solver = cp_solver()
        params = solver.parameters
        params.num_workers = workers
        params.random_seed = 0
        params.max_time_in_seconds = seconds
        params.log_to_stdout = False
        started = time.perf_counter()
        code = solver.solve(model)
        took = time.perf_counter() - started
        status = solver.status_name(code)
        bound = solver.best_objective_bound / float(self.planning.objective_scale)
        if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return status, took, bound, [], {}
        plan = self.planning.chosen(solver)
        return status, took, bound, plan, self.planning.starts(solver)

    def drawn_weeks(
        self, chosen: Sequence[Pair], count: int, rng: random.Random
    ) -> dict[str, set[int]] | None:
        """``count`` start weeks for each left-out project, drawn (``None``: any, 0)."""
        if count <= 0:
            return None
        planned = {p.project_id for p in chosen}
        weeks: dict[str, set[int]] = {}
        for row, pair in enumerate(self.pairs):
            if pair.project_id not in planned:
                weeks.setdefault(pair.project_id, set()).update(self.start_columns.get(row, {}))
        return {pid: set(rng.sample(sorted(w), min(count, len(w)))) for pid, w in weeks.items()}

    def team_group(self, rng: random.Random) -> set[str]:
        """2-4 teams that share candidate projects (most shared likeliest)."""
        return pick_teams(self.teams, self.neighbours, rng.randint(2, 4), rng)


def exact(problem: Problem, chosen: Sequence[Pair], starts: Mapping[str, int]) -> Fraction | None:
    """The plan's objective past the checker, exactly (``None``: the checker refused it)."""
    checked = checked_objective(problem, chosen, starts)
    return None if checked is None else Fraction(checked.breakdown.total)


def alternate(
    problem: Problem,
    chosen: Sequence[Pair],
    starts: Mapping[str, int],
    *,
    seconds: float,
    round_s: Mapping[str, float],
    c_rounds: int = 4,
    a_starts: int = 2,
    workers: int = 1,
    seed: int = 0,
    kinds: Sequence[str] = KINDS,
    say: Any = None,
) -> Alternated:
    """Rounds ``a``, ``b`` and ``c_rounds`` of ``c`` (those of ``kinds``) from the plan
    ``chosen`` until ``seconds`` have passed (or a whole cycle of them is proven optimal
    without a gain); every plan checked, the best kept. In an ``a`` round a left-out
    project may come in at ``a_starts`` start weeks drawn anew each round (0: any)."""
    began = time.perf_counter()
    pairs = eligible_pairs(problem)
    halves = Halves(problem, pairs)
    value = exact(problem, chosen, starts)
    assert value is not None, "the start plan passes the checker"
    out = Alternated(value, value, list(chosen), dict(starts))
    rng = random.Random(seed)
    order = [k for k in ("a", "b") if k in kinds] + (["c"] * c_rounds if "c" in kinds else [])
    settled = False
    while order and not settled:
        settled = True  # a whole cycle proven optimal that gains nothing: the end
        for kind in order:
            left = seconds - (time.perf_counter() - began)
            if left <= 1.0:
                return out
            free = halves.team_group(rng) if kind == "c" else set()
            drawn = halves.drawn_weeks(out.chosen, a_starts, rng) if kind == "a" else None
            status, took, bound, plan, weeks = halves.solve(
                kind,
                out.chosen,
                out.starts,
                seconds=min(round_s[kind], left),
                workers=workers,
                free=free,
                weeks_out=drawn,
            )
            found = exact(problem, plan, weeks) if plan else None
            if plan and found is None:
                out.refused += 1
            kept = found is not None and found > out.best
            if kept:
                assert found is not None
                out.best, out.chosen, out.starts = found, plan, weeks
            done = Round(
                kind,
                tuple(sorted(free)),
                status,
                took,
                bound,
                None if found is None else float(found),
                float(out.best),
                kept,
            )
            settled = settled and not kept and status == "OPTIMAL"
            out.rounds.append(done)
            if say is not None:
                say(done, time.perf_counter() - began)
    return out


def _start_plan(problem: Problem, limit: float) -> tuple[list[Pair], dict[str, int], float]:
    from planner.solving.solver import solve

    started = time.perf_counter()
    result = solve(problem, time_limit_s=limit)
    took = time.perf_counter() - started
    assert result.plan is not None
    index = {(p.project_id, p.team_id): p for p in eligible_pairs(problem)}
    chosen = [index[(a.project_id, a.team_id)] for a in result.plan.assignments]
    starts = {a.project_id: a.start_week for a in result.plan.assignments if a.start_week}
    return chosen, starts, took


def summary(seed: int, out: Alternated, solve_s: float, minutes: float) -> dict[str, Any]:
    """A seed's line: the start, the gain each kind of round made, the best."""
    gains = dict.fromkeys(KINDS, 0.0)
    before = float(out.start)
    for r in out.rounds:
        if r.kept:
            gains[r.kind] += r.best - before
        before = r.best
    return {
        "seed": seed,
        "start": round(float(out.start), 4),
        "start_solve_s": round(solve_s, 2),
        "gains": {k: round(v, 4) for k, v in gains.items()},
        "rounds": {k: sum(r.kind == k for r in out.rounds) for k in KINDS},
        "kept": {k: sum(r.kept and r.kind == k for r in out.rounds) for k in KINDS},
        "refused": out.refused,
        "best": round(float(out.best), 4),
        "minutes": minutes,
    }


def _row_printer() -> Any:
    """Prints each round as a row of the seed's table, numbered."""
    count = iter(range(1, 10**6))

    def say(r: Round, elapsed: float) -> None:
        its = "-" if r.objective is None else f"{r.objective:,.2f}"
        bound = f"{r.bound:,.2f}" if r.status in ("OPTIMAL", "FEASIBLE") else "-"
        mark = " (kept)" if r.kept else ""
        print(
            f"| {next(count)} | {r.kind} | {' '.join(r.teams) or '-'} | {r.status} | "
            f"{r.seconds:.1f} | {bound} | {its}{mark} | {r.best:,.2f} | {elapsed:.0f} |",
            flush=True,
        )

    return say


def main(argv: Sequence[str] | None = None) -> int:
    from week_quarters import add_seeds, quarters, seed_list
    from weeks import load_average

    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    add_seeds(parser)
    parser.add_argument("--minutes", type=float, default=6.0, help="per seed, after its start")
    parser.add_argument("--limit", type=float, default=10.0, help="the start plan's solve")
    parser.add_argument("--a-seconds", type=float, default=60.0)
    parser.add_argument("--b-seconds", type=float, default=60.0)
    parser.add_argument("--c-seconds", type=float, default=15.0)
    parser.add_argument("--c-rounds", type=int, default=4)
    parser.add_argument("--a-starts", type=int, default=2, help="a left-out project's, 0: any")
    parser.add_argument("--kinds", default="abc", help="which rounds: any of a, b, c")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--out", type=Path, help="write each seed's best plan here (JSON)")
    args = parser.parse_args(argv)
    round_s = {"a": args.a_seconds, "b": args.b_seconds, "c": args.c_seconds}
    plans: dict[str, Any] = {}
    print(f"load before: {load_average()}", flush=True)
    for seed, problem in quarters(seed_list(args.seeds)):
        chosen, starts, took = _start_plan(problem, args.limit)
        print(f"\nseed {seed}: start {float(exact(problem, chosen, starts) or 0):,.2f}", flush=True)
        print("| round | kind | teams | CP-SAT | s | its bound | its plan | best | elapsed s |")
        print("|---|---|---|---|---|---|---|---|---|")
        out = alternate(
            problem,
            chosen,
            starts,
            seconds=args.minutes * 60,
            round_s=round_s,
            c_rounds=args.c_rounds,
            a_starts=args.a_starts,
            workers=args.workers,
            seed=seed,
            kinds=tuple(args.kinds),
            say=_row_printer(),
        )
        line = summary(seed, out, took, args.minutes)
        print(json.dumps(line), flush=True)
        plans[str(seed)] = {
            **line,
            "assignments": [
                [p.project_id, p.team_id, out.starts.get(p.project_id)] for p in out.chosen
            ],
        }
    print(f"load after: {load_average()}", flush=True)
    if args.out is not None:
        args.out.write_text(json.dumps(plans), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
