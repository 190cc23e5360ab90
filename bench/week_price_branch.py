"""Price and branch on M in weeks: whole plans from the Dantzig-Wolfe columns (issue 15).

The column generation by team (:mod:`planner.optimizer.week_bound_stable`) makes
many plans of one team's weeks (columns), each meeting that team's own rows; its
master mixes them fractionally. Here the *integer* master over every column it
made is solved with HiGHS (MathOpt): one column a team, the master's rows as they
are (one owner per project, mandatory work, dependencies, a joint project's two
sides in one week, finish to start, the goals' attainment, the peak, the sampled
hits whole), so its answer is a whole plan. It is decoded (each team's pairs and
start weeks), checked by the independent checker and scored in exact arithmetic.
No plan made of those columns scores above the integer master's optimum; whether
a better plan exists elsewhere it cannot say (price and branch, not branch and
price).

The columns come from two runs, as ``bench/week_bound_kept.py pooled`` makes them:
rounds with the rows that tie two teams' weeks left out (they climb further), then
rounds with them kept from that pool. The 10 s plan's own columns are in the pool,
and its columns are HiGHS's hint, so the integer master is never below it.

Two steps, so that the columns are made once and the master solved as often as
wanted::

    nice -n 10 python bench/week_price_branch.py columns --seed 0 --out POOL.json
    nice -n 10 python bench/week_price_branch.py branch --pool POOL.json --minutes 5

``columns`` solves the generated M quarter (as bench/weeks.py makes it) for 10 s,
runs the rounds and writes the plan, the pool and the rounds' figures; ``branch``
prints one JSON line: the master LP over the pool (rows kept), HiGHS's plan and
dual bound on the integer master, the plan's checked objective and what it changes
against the 10 s plan (projects in and out, goals' attainment, teams, start weeks).

``plan --limit L`` writes a longer solve's plan; ``branch --plan FILE`` adds that plan's
columns (or a pool file's plan and columns) to the master, the best plan its hint;
``columns --more POOL.json`` starts from an earlier pool's plan and columns, ``--start
PLAN.json`` from another plan. ``greedy`` counts the team search's columns that break
their team's own rows (none since the search keeps them; the integer master leaves any
such column out and counts it). The runs of 2026-12-07: bench/results.md, "Price and
branch".
"""

from __future__ import annotations

import argparse
import datetime
import json
import math
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
from ortools.math_opt import model_parameters_pb2, parameters_pb2, result_pb2
from ortools.math_opt.core.python import solver as math_opt_solver
from ortools.math_opt.python import callback, init_arguments, mathopt

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from planner.core.domain import Problem  # noqa: E402
from planner.core.pairs import Pair  # noqa: E402
from planner.optimizer.eligibility import eligible_pairs  # noqa: E402
from planner.optimizer.exact_objective import checked_objective  # noqa: E402
from planner.optimizer.formulation import Formulation  # noqa: E402
from planner.optimizer.lp_bound import Lp, LpRelaxation  # noqa: E402
from planner.optimizer.mip import matrix_model  # noqa: E402
from planner.optimizer.week_bound import first_columns, team_blocks  # noqa: E402

#: The rows that tie two teams' weeks: left out of the first rounds, kept in the second.
TWO_TEAMS_WEEKS = frozenset({"window", "sequence"})

#: A team's column: (team index, its LP columns: pairs and start columns).
Column = tuple[int, frozenset[int]]


def breaks_own_rows(rows: Sequence[Any], column: frozenset[int]) -> bool:
    """Whether the column breaks one of its team's own rows (``blocks.local[t]``)."""
    for cols, coeffs, lower, upper in rows:
        v = sum(c for j, c in zip(cols, coeffs, strict=True) if j in column)
        if (lower is not None and v < lower) or (upper is not None and v > upper):
            return True
    return False


def team_columns(
    problem: Problem,
    start: Sequence[Pair],
    starts: Mapping[str, int],
    pairs: tuple[Pair, ...],
    *,
    relaxed_s: float,
    kept_s: float,
    rounds: int = 94,
    pricing_s: float = 0.25,
    max_pricing_s: float = 1.0,
    more: Sequence[Column] = (),
) -> tuple[list[Column], dict[str, Any]]:
    """Every column the two runs of column generation made from the plan ``start``
    (``starts``: its start weeks) and the columns ``more`` (an earlier run's), and the
    runs' figures; ``relaxed_s`` 0 leaves the first run out."""
    from planner.optimizer.week_bound_stable import stable_week_bound

    common: dict[str, Any] = {
        "pairs": pairs,
        "max_rounds": rounds,
        "pricing_s": pricing_s,
        "max_pricing_s": max_pricing_s,
        "final_pricing_s": 0.05,  # their proofs are not the point here
    }
    relaxed = None
    first: list[tuple[int, set[int]]] = [(t, set(c)) for t, c in more]
    if relaxed_s > 0:
        relaxed = stable_week_bound(
            problem,
            start,
            starts,
            time_limit_s=relaxed_s,
            relax=TWO_TEAMS_WEEKS,
            more_columns=first,
            **common,
        )
        assert relaxed.pool is not None
        first = relaxed.pool
    kept = stable_week_bound(
        problem, start, starts, time_limit_s=kept_s, more_columns=first, **common
    )
    assert kept.pool is not None
    pool = sorted(
        {(t, frozenset(c)) for t, c in [*first, *kept.pool]},
        key=lambda tc: (tc[0], sorted(tc[1])),
    )
    figures = {
        "relaxed": relaxed
        and {
            "rounds": relaxed.rounds,
            "columns": relaxed.columns,
            "floor": relaxed.master,
            "seconds": round(relaxed.seconds, 1),
        },
        "kept": {
            "rounds": kept.rounds,
            "columns": kept.columns,
            "floor": kept.master,
            "seconds": round(kept.seconds, 1),
        },
        "pool": len(pool),
    }
    return pool, figures


@dataclass(frozen=True)
class Branched:
    """The integer master's outcome over a pool of columns.

    ``lp``: the master LP over the pool with every row kept (an upper end of
    ``master``); ``master``: HiGHS's best integer master (``None``: no plan);
    ``dual``: its dual bound (no plan of these columns scores higher); ``chosen`` and
    ``starts``: the plan it decodes to; ``objective``: that plan's exact objective
    from the checker's arithmetic (``None`` if the checker refused it).
    """

    lp: float
    master: float | None
    dual: float
    reason: str
    seconds: float
    #: Columns of the pool left out: they break a row of their own team's.
    broken: int
    chosen: tuple[Pair, ...]
    starts: dict[str, int]
    objective: float | None


def integer_master(
    problem: Problem,
    pairs: tuple[Pair, ...],
    pool: Sequence[Column],
    hint: Sequence[Column],
    seconds: float,
) -> Branched:
    """HiGHS on the master over ``pool`` with one column a team, whole (``hint``: a plan's
    columns, one a team, in the pool), its plan decoded and checked."""
    formulation = Formulation.of(problem, pairs, weeks=True)
    assert formulation.starts is not None
    relaxation = LpRelaxation(problem, pairs, formulation)
    lp = relaxation.build()
    blocks = team_blocks(problem, pairs, formulation, lp, frozenset())
    master = Lp()
    integer: list[bool] = []
    rows_cols: list[list[int]] = [[] for _ in blocks.linking]
    rows_coeffs: list[list[float]] = [[] for _ in blocks.linking]
    whole = set(relaxation.binary)
    for j in blocks.aux:
        var = master.var(lp.lower[j], lp.upper[j], float(blocks.cost[j]))
        integer.append(j < formulation.num_columns or j in whole)
        for k, a in blocks.entries.get(j, ()):
            rows_cols[k].append(var)
            rows_coeffs[k].append(a)
    by_team: dict[int, list[int]] = defaultdict(list)
    columns = [c for c in dict.fromkeys(pool) if not breaks_own_rows(blocks.local[c[0]], c[1])]
    broken = len(dict.fromkeys(pool)) - len(columns)
    first_var = len(master.lower)
    for t, chosen in columns:
        var = master.var(0.0, 1.0, float(sum(blocks.cost[j] for j in chosen)))
        integer.append(True)
        by_team[t].append(var)
        coeffs: dict[int, float] = defaultdict(float)
        for j in chosen:
            for k, a in blocks.entries.get(j, ()):
                coeffs[k] += a
        for k, a in coeffs.items():
            if a:
                rows_cols[k].append(var)
                rows_coeffs[k].append(a)
    for k, r in enumerate(blocks.linking):
        master.constrain(rows_cols[k], rows_coeffs[k], lp.row_lower[r], lp.row_upper[r])
    for t in blocks.columns:
        assert by_team[t], f"team {t} has no column"
        master.constrain(by_team[t], [1.0] * len(by_team[t]), 1.0, 1.0)
    matrix = master.freeze()
    started = time.perf_counter()
    lp_value = _solve(matrix_model(matrix, np.zeros(len(integer), dtype=bool)), 600.0, None)
    model = matrix_model(matrix, np.asarray(integer, dtype=bool))
    hinted = set(hint)
    values = [1.0 if column in hinted else 0.0 for column in columns]
    answer = _solve(model, seconds, (list(range(first_var, first_var + len(columns))), values))
    took = time.perf_counter() - started
    bounds = answer.termination.objective_bounds
    reason = result_pb2.TerminationReasonProto.Name(answer.termination.reason)
    if not answer.solutions:
        lp_found = _value(lp_value)
        return Branched(lp_found, None, bounds.dual_bound, reason, took, broken, (), {}, None)
    solution = answer.solutions[0].primal_solution
    value = dict(zip(solution.variable_values.ids, solution.variable_values.values, strict=True))
    taken = [columns[i] for i in range(len(columns)) if value.get(first_var + i, 0.0) > 0.5]
    chosen, starts = decoded(pairs, formulation.starts.starts, taken)
    checked = checked_objective(problem, chosen, starts)
    return Branched(
        _value(lp_value),
        solution.objective_value,
        bounds.dual_bound,
        reason,
        took,
        broken,
        tuple(chosen),
        starts,
        None if checked is None else float(checked.breakdown.total),
    )


def _value(answer: Any) -> float:
    return float(answer.solutions[0].primal_solution.objective_value)


def _solve(model: Any, seconds: float, hint: tuple[list[int], list[float]] | None) -> Any:
    """HiGHS on ``model`` for ``seconds`` on one thread, hinted."""
    model_params = model_parameters_pb2.ModelSolveParametersProto()
    if hint is not None:
        values = model_params.solution_hints.add().variable_values
        values.ids.extend(hint[0])
        values.values.extend(hint[1])
    params = parameters_pb2.SolveParametersProto()
    params.time_limit.FromTimedelta(datetime.timedelta(seconds=seconds))
    params.highs.int_options["threads"] = 1
    params.relative_gap_tolerance = 0.0
    return math_opt_solver.solve(
        model,
        mathopt.SolverType.HIGHS.value,
        init_arguments.StreamableSolverInitArguments().to_proto(),
        params,
        model_params,
        None,
        callback.CallbackRegistration().to_proto(),
        None,
        None,
    )


def decoded(
    pairs: Sequence[Pair], start_columns: Mapping[int, Mapping[int, int]], taken: Sequence[Column]
) -> tuple[list[Pair], dict[str, int]]:
    """The plan the columns ``taken`` make: their pairs and each project's start week."""
    week_of = {col: week for row in start_columns for week, col in start_columns[row].items()}
    chosen: list[Pair] = []
    starts: dict[str, int] = {}
    for _, column in taken:
        for j in sorted(column):
            if j < len(pairs):
                chosen.append(pairs[j])
            if j in week_of:
                row = next(r for r in start_columns if start_columns[r].get(week_of[j]) == j)
                starts[pairs[row].project_id] = week_of[j]
    return chosen, starts


def start_columns_of(
    problem: Problem, pairs: tuple[Pair, ...], start: Sequence[Pair], starts: Mapping[str, int]
) -> list[Column]:
    """The plan's own columns: each team's pairs and start columns."""
    formulation = Formulation.of(problem, pairs, weeks=True)
    assert formulation.starts is not None
    lp = LpRelaxation(problem, pairs, formulation).build()
    blocks = team_blocks(problem, pairs, formulation, lp, frozenset())
    first = first_columns(blocks, formulation.starts.starts, pairs, start, starts)
    return [(t, frozenset(first.get(t, set()))) for t in blocks.columns]


def differences(
    problem: Problem,
    before: tuple[Sequence[Pair], Mapping[str, int]],
    after: tuple[Sequence[Pair], Mapping[str, int]],
) -> dict[str, Any]:
    """What the plan ``after`` does differently from ``before``: projects in and out (and
    their value), each goal's attainment, the teams that changed, start weeks moved."""
    projects = {p.project_id: p for p in problem.projects}

    def owners(chosen: Sequence[Pair]) -> dict[str, frozenset[str]]:
        held: dict[str, set[str]] = defaultdict(set)
        for p in chosen:
            held[p.project_id].add(p.team_id)
        return {k: frozenset(v) for k, v in held.items()}

    def reached(chosen: Sequence[Pair]) -> dict[str, float]:
        total: dict[str, float] = defaultdict(float)
        for p in chosen:
            goal = projects[p.project_id].goal_id
            if goal is not None:
                total[goal] += float(p.value)
        return {
            g.goal_id: round(min(100.0, 100 * total[g.goal_id] / float(g.target)), 2)
            for g in problem.goals
        }

    was, now = owners(before[0]), owners(after[0])
    added = sorted(set(now) - set(was))
    dropped = sorted(set(was) - set(now))
    moved = sorted(p for p in set(now) & set(was) if now[p] != was[p])
    shifted = sorted(
        p
        for p in set(now) & set(was)
        if before[1].get(p) is not None and before[1].get(p) != after[1].get(p)
    )
    teams_changed: Counter[str] = Counter()
    for p in [*added, *dropped, *moved]:
        for t in now.get(p, frozenset()) | was.get(p, frozenset()):
            teams_changed[t] += 1
    value = {p.project_id: float(p.value) for p in after[0]}
    value_before = {p.project_id: float(p.value) for p in before[0]}
    return {
        "projects": [len(was), len(now)],
        "added": len(added),
        "dropped": len(dropped),
        "value_added": round(sum(value[p] for p in added), 2),
        "value_dropped": round(sum(value_before[p] for p in dropped), 2),
        "owner_changed": len(moved),
        "start_moved": len(shifted),
        "teams_changed": len(teams_changed),
        "goals_before": reached(before[0]),
        "goals_after": reached(after[0]),
    }


# -- the command line ---------------------------------------------------------------


def _quarter(seed: int, tmp: Path) -> tuple[Problem, str]:
    from weeks import fingerprint, folder_for

    from planner.core.loading import load_with_warnings

    folder = folder_for("M", seed, tmp)
    return load_with_warnings(folder).problem, fingerprint(folder)


class _PoolFile(NamedTuple):
    """A pool's file read back: its JSON, its quarter made again (checked to be the same)
    and the quarter's pairs, with the pool's plan as pairs and start weeks."""

    stored: dict[str, Any]
    problem: Problem
    digest: str
    pairs: tuple[Pair, ...]
    index: dict[tuple[str, str], Pair]
    start: list[Pair]
    starts: dict[str, int]


def _read_pool(path: Path) -> _PoolFile:
    stored = json.loads(path.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        problem, digest = _quarter(stored["seed"], Path(tmp))
    assert digest == stored["fingerprint"], "not the pool's quarter"
    pairs = eligible_pairs(problem)
    index = {(p.project_id, p.team_id): p for p in pairs}
    start = [index[(p, t)] for p, t, _ in stored["assignments"]]
    starts = {p: s for p, _, s in stored["assignments"] if s}
    return _PoolFile(stored, problem, digest, pairs, index, start, starts)


def columns_command(args: argparse.Namespace) -> dict[str, Any]:
    from weeks import load_average

    from planner.solving.solver import solve

    before = load_average()
    earlier = json.loads(args.more.read_text(encoding="utf-8")) if args.more else None
    seed = earlier["seed"] if earlier else args.seed
    with tempfile.TemporaryDirectory() as tmp:
        problem, digest = _quarter(seed, Path(tmp))
    pairs = eligible_pairs(problem)
    index = {(p.project_id, p.team_id): p for p in pairs}
    if earlier:  # its plan and columns: the same start, more columns
        assert earlier["fingerprint"] == digest, "not the pool's quarter"
        objective, assignments = earlier["objective"], earlier["assignments"]
        more = [(t, frozenset(c)) for t, c in earlier["pool"]]
    elif args.start:
        more = []
    else:
        result = solve(problem, time_limit_s=10.0)
        assert result.plan is not None
        objective = result.objective
        assignments = [[a.project_id, a.team_id, a.start_week] for a in result.plan.assignments]
        more = []
    if args.start:  # another plan of the same quarter (``plan``) as the start
        other = json.loads(args.start.read_text(encoding="utf-8"))
        assert other["fingerprint"] == digest, "not the pool's quarter"
        objective, assignments = other["objective"], other["assignments"]
    start = [index[(p, t)] for p, t, _ in assignments]
    starts = {p: s for p, _, s in assignments if s}
    began = time.process_time()
    pool, figures = team_columns(
        problem,
        start,
        starts,
        pairs,
        relaxed_s=args.relaxed_seconds,
        kept_s=args.kept_seconds,
        rounds=args.rounds,
        more=more,
    )
    out = {
        "seed": seed,
        "fingerprint": digest,
        "objective": objective,
        "assignments": assignments,
        "figures": figures,
        "cpu_s": round(time.process_time() - began, 1),
        "load": f"{before} -> {load_average()}",
        "made": time.strftime("%Y-%m-%d %H:%M %Z"),
        "pool": [[t, sorted(c)] for t, c in pool],
    }
    args.out.write_text(json.dumps(out), encoding="utf-8")
    return {k: v for k, v in out.items() if k not in ("pool", "assignments")}


def branch_command(args: argparse.Namespace) -> dict[str, Any]:
    from weeks import load_average

    stored, problem, digest, pairs, index, start, starts = _read_pool(args.pool)
    pool = [(t, frozenset(c)) for t, c in stored["pool"]]
    hint = start_columns_of(problem, pairs, start, starts)
    # Other plans of the same quarter (``plan``): their columns too, the best one the hint.
    plans = [(stored["objective"], start, starts, hint)]
    for path in args.plan or ():
        other = json.loads(path.read_text(encoding="utf-8"))
        assert other["fingerprint"] == digest, f"{path} is not the pool's quarter"
        chosen = [index[(p, t)] for p, t, _ in other["assignments"]]
        weeks = {p: s for p, _, s in other["assignments"] if s}
        columns = start_columns_of(problem, pairs, chosen, weeks)
        plans.append((other["objective"], chosen, weeks, columns))
        pool += [(t, frozenset(c)) for t, c in other.get("pool", ())]  # a pool's file
    best = max(plans, key=lambda plan: plan[0])
    before = load_average()
    extra = [c for plan in plans for c in plan[3]]
    found = integer_master(problem, pairs, [*pool, *extra], best[3], args.minutes * 60)
    return {
        "seed": stored["seed"],
        "start_plan": stored["objective"],
        "other_plans": [round(plan[0], 4) for plan in plans[1:]],
        "pool": len(pool),
        "broken_columns": found.broken,
        "master_lp": round(found.lp, 4),
        "integer_master": None if found.master is None else round(found.master, 4),
        "dual": round(found.dual, 4) if math.isfinite(found.dual) else None,
        "reason": found.reason,
        "seconds": round(found.seconds, 1),
        "checked_objective": found.objective,
        "changes": differences(problem, (best[1], best[2]), (found.chosen, found.starts)),
        "load": f"{before} -> {load_average()}",
    }


def plan_command(args: argparse.Namespace) -> dict[str, Any]:
    """The generated M quarter solved for ``--limit`` s: its plan, for ``branch --plan``."""
    from weeks import load_average

    from planner.solving.solver import solve

    before = load_average()
    with tempfile.TemporaryDirectory() as tmp:
        problem, digest = _quarter(args.seed, Path(tmp))
    result = solve(problem, time_limit_s=args.limit)
    assert result.plan is not None
    out = {
        "seed": args.seed,
        "fingerprint": digest,
        "limit": args.limit,
        "objective": result.objective,
        "assignments": [[a.project_id, a.team_id, a.start_week] for a in result.plan.assignments],
        "load": f"{before} -> {load_average()}",
    }
    args.out.write_text(json.dumps(out), encoding="utf-8")
    return {k: v for k, v in out.items() if k != "assignments"}


def greedy_command(args: argparse.Namespace) -> dict[str, Any]:
    """How often the team search's columns break their team's own rows (none expected):
    each team priced ``--draws`` times from the pool's plan, at prices drawn round the
    LP's reduced costs (the rounds' first prices)."""
    import random

    from planner.optimizer.week_bound import decomposed, lp_duals
    from planner.optimizer.week_bound_stable import DualPoint, TeamGreedy

    stored, problem, _, pairs, _, start, starts = _read_pool(args.pool)
    split = decomposed(problem, pairs)
    blocks = split.blocks
    first = first_columns(blocks, split.start_columns, pairs, start, starts)
    lagrangian_rows = [blocks.lp.row_upper[r] for r in blocks.linking]
    upper = np.asarray(lagrangian_rows, dtype=np.float64)
    lower = np.asarray([blocks.lp.row_lower[r] for r in blocks.linking], dtype=np.float64)
    point = DualPoint(blocks, upper, lower, lp_duals(blocks.lp, blocks.linking))
    greedy = {t: TeamGreedy(split.pricing[t], blocks.local[t]) for t in blocks.columns}
    rng = random.Random(0)
    broken = columns = 0
    for t, cols in blocks.columns.items():
        for _ in range(args.draws):
            reduced = {j: float(point.reduced[j]) * rng.uniform(0.5, 1.5) for j in cols}
            column = frozenset(greedy[t].best(reduced, set(first.get(t, set()))))
            columns += 1
            broken += breaks_own_rows(blocks.local[t], column)
    return {"seed": stored["seed"], "broken_of_columns": [broken, columns]}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    columns = commands.add_parser("columns")
    columns.add_argument("--seed", type=int, default=0)
    columns.add_argument("--out", type=Path, required=True)
    columns.add_argument("--relaxed-seconds", type=float, default=600.0)
    columns.add_argument("--kept-seconds", type=float, default=480.0)
    columns.add_argument("--rounds", type=int, default=94)
    columns.add_argument("--more", type=Path, help="an earlier pool: its plan and its columns")
    columns.add_argument("--start", type=Path, help="this plan (``plan``'s) as the start")
    branch = commands.add_parser("branch")
    branch.add_argument("--pool", type=Path, required=True)
    branch.add_argument("--minutes", type=float, default=5.0)
    branch.add_argument("--plan", type=Path, action="append", help="another plan's file")
    plan = commands.add_parser("plan")
    plan.add_argument("--seed", type=int, default=0)
    plan.add_argument("--limit", type=float, default=10.0)
    plan.add_argument("--out", type=Path, required=True)
    greedy = commands.add_parser("greedy")
    greedy.add_argument("--pool", type=Path, required=True)
    greedy.add_argument("--draws", type=int, default=20)
    args = parser.parse_args(argv)
    run = {
        "columns": columns_command,
        "branch": branch_command,
        "greedy": greedy_command,
        "plan": plan_command,
    }[args.command]
    print(json.dumps(run(args)), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
