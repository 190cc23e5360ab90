"""A check-in's records kept for a reload, laid back over the pre-fill: how long it takes.

The Check-in page, opened again on a plan with records kept for it
(:mod:`planner.interfaces.checkin_draft`), lays them over that week's pre-fill row by id
(:func:`~planner.interfaces.checkin_draft.tables_with_draft`) before it draws the grids.
Here: ``DATA`` (a folder such as ``planner generate DATA --teams 150 --projects 1500
--weeks --seed 0``) is planned (a 20 s solve: the tables need owners, not the best plan),
its week-``--weeks`` pre-fill laid out as the page does (``tables_for``, ``as_typed``),
and every row typed as a leader would (each project done, in progress at 37.5 % or slipped
to a later week, "May move" ticked on every third in progress, each KPI and each team's
hours typed). ``--copies N`` repeats the projects N times under new ids (a draft of N
times as many rows). The draft is written as the page keeps it (``draft_text``), read back
(``read_draft``) and laid over the pre-fill, and the tables laid written as text again (as
the page does on each run), ``--runs`` times, by this code and by the module of ``--ref``
(``git show REF:planner/...``), in turns; mean and worst seconds of each, and whether both
lay the same tables.

Usage::

    python bench/checkin_draft_reload.py DATA [--runs 7] [--ref main] [--copies 1]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
import types
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from planner.core.loading import load_with_warnings  # noqa: E402
from planner.interfaces import checkin_draft  # noqa: E402
from planner.interfaces.checkin_tables import as_typed, tables_for  # noqa: E402
from planner.scenarios.on_plan import on_plan  # noqa: E402
from planner.solving.solver import solve  # noqa: E402


def _module_at(ref: str) -> types.ModuleType:
    """``planner/interfaces/checkin_draft.py`` as it is at ``ref``, as a module."""
    text = subprocess.run(
        ["git", "show", f"{ref}:planner/interfaces/checkin_draft.py"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    module = types.ModuleType(f"checkin_draft_{ref}")
    sys.modules[module.__name__] = module  # its dataclass looks itself up there
    exec(compile(text, f"{ref}:checkin_draft.py", "exec"), module.__dict__)
    return module


def _typed(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Every row of the pre-fill typed over, as a leader at a check-in would."""
    typed = {name: frame.copy() for name, frame in tables.items()}
    projects = typed["projects"]
    for n, index in enumerate(projects.index):
        kind = n % 3
        projects.loc[index, "status"] = ("done", "in progress", "in progress")[kind]
        projects.loc[index, "percent_done"] = (None, "37.5", "60")[kind]
        projects.loc[index, "end_week"] = (None, None, "11")[kind]
        projects.loc[index, "unlock"] = kind == 1 and n % 9 == 1
    typed["goals"]["achieved"] = [f"{1000 + n:,}" for n in range(len(typed["goals"]))]
    typed["hours"]["hours_used"] = [f"{400 + n}" for n in range(len(typed["hours"]))]
    return typed


def _copies(tables: dict[str, pd.DataFrame], copies: int) -> dict[str, pd.DataFrame]:
    """The projects table repeated ``copies`` times, each copy's ids its own."""
    if copies == 1:
        return tables
    projects = tables["projects"]
    repeated = [
        projects.assign(project_id=projects["project_id"] + (f"-{n}" if n else ""))
        for n in range(copies)
    ]
    return {**tables, "projects": pd.concat(repeated, ignore_index=True)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--ref", default="main")
    parser.add_argument("--weeks", type=float, default=6.0)
    parser.add_argument("--copies", type=int, default=1)
    args = parser.parse_args()
    problem = load_with_warnings(args.data).problem
    settings = problem.settings
    solve_settings = replace(settings.solve, time_limit_s=20.0)
    plan = solve(problem.replace(settings=settings.with_changes(solve=solve_settings))).plan
    assert plan is not None
    checkin = on_plan(problem, plan, Decimal(str(args.weeks))).typed(problem)
    prefill = _copies(as_typed(tables_for(problem, plan, checkin)), args.copies)
    text = checkin_draft.draft_text(args.weeks, _typed(prefill))
    rows = sum(len(frame) for frame in prefill.values())
    ways = {"before": _module_at(args.ref), "now": checkin_draft}
    seconds: dict[str, list[float]] = {way: [] for way in ways}
    laid: dict[str, dict[str, pd.DataFrame]] = {}
    written: dict[str, list[float]] = {way: [] for way in ways}
    texts: dict[str, str] = {}
    for run in range(args.runs):
        for way in sorted(ways, reverse=run % 2 == 1):  # the order swapped each run
            module = ways[way]
            started = time.perf_counter()
            draft = module.read_draft(text)
            laid[way] = module.tables_with_draft(prefill, draft)
            seconds[way].append(time.perf_counter() - started)
            # The page writes the records as text on every run while they differ from the
            # pre-fill (to keep them only when they changed).
            started = time.perf_counter()
            texts[way] = module.draft_text(args.weeks, laid[way])
            written[way].append(time.perf_counter() - started)
    same = all(laid["before"][name].equals(laid["now"][name]) for name in prefill)
    same = same and texts["before"] == texts["now"] == text
    print(f"{args.data.name}: {rows:,} rows ({len(prefill['projects']):,} projects), draft")
    print(f"{len(text):,} characters, load {'/'.join(f'{x:.2f}' for x in os.getloadavg())}")
    for what, timed in (("laid back (reload)", seconds), ("written (each run)", written)):
        for way, taken in timed.items():
            print(
                f"{what}, {way} ({args.ref if way == 'before' else 'this tree'}): mean "
                f"{statistics.mean(taken):.3f} s, worst {max(taken):.3f} s over {args.runs} runs"
            )
    print(f"the same tables laid and the same text written: {'yes' if same else 'NO'}")


if __name__ == "__main__":
    main()
