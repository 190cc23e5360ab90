"""The Check-in page's re-plan as plan.xlsx at company size: what making it on the page costs.

The page makes the re-plan's workbook once per re-plan, after the outcome is drawn, passing
it the odds it already simulated (``pages.checkin_outcome.replan_workbook_button``). This
times, on a check-in at week ``--week`` of each quarter (runs that should be over done, runs
under way 90 % done) and its re-plan: the page's odds (``replan_odds``, paid before as
now), the workbook given those odds (the page's cost now) and the workbook simulating them
itself (what the click paid before), alternating, ``--runs`` times each. Prints one line
per measure with the machine's load (``os.getloadavg``).

Usage::

    python bench/checkin_workbook.py DATA... [--week 6] [--runs 3] [--time-limit 20]

``DATA``: folders such as ``planner generate DATA --teams 150 --projects 1500 --seed 1
--weeks --ranges``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from planner.core.loading import load_with_warnings
from planner.interfaces.odds_changes import replan_odds_frame
from planner.interfaces.replan_exports import replan_workbook
from planner.scenarios.checkin import CheckIn, ProjectProgress, ProjectStatus
from planner.scenarios.replan import replan
from planner.solving.solver import solve


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, nargs="+")
    parser.add_argument("--week", type=int, default=6)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--time-limit", type=float, default=20.0)
    args = parser.parse_args()
    for data in args.data:
        problem = load_with_warnings(data).problem
        plan = solve(problem, time_limit_s=args.time_limit).plan
        assert plan is not None
        projects = {}
        for a in plan.assignments:
            if a.start_week is None or a.end_week is None:
                continue
            if a.end_week <= args.week:
                projects[a.project_id] = ProjectProgress(ProjectStatus.DONE)
            elif a.start_week <= args.week:
                projects[a.project_id] = ProjectProgress(ProjectStatus.IN_PROGRESS, Decimal(90))
        checkin = CheckIn(weeks_elapsed=Decimal(args.week), projects=projects)
        outcome = replan(
            problem,
            plan,
            checkin,
            max_changes=None,
            stability_weight=1,
            # replan asks solve(rest, after_s=...); this measures the workbook, not the
            # clock, so the seconds kept for the work after the solve are not.
            solve=lambda rest, *, after_s: solve(rest, time_limit_s=args.time_limit),
        )
        rest, result, carried = outcome.problem, outcome.result, outcome.carried
        assert result.plan is not None
        took: dict[str, list[float]] = {"odds": [], "given": [], "itself": []}
        for _ in range(args.runs):
            began = time.perf_counter()
            odds = replan_odds_frame(
                problem, checkin.achieved, rest, carried, result.plan, recorded=checkin.recorded
            )
            took["odds"].append(time.perf_counter() - began)
            began = time.perf_counter()
            replan_workbook(problem, checkin, rest, result, carried, plan, outcome.diff, None, odds)
            took["given"].append(time.perf_counter() - began)
            began = time.perf_counter()
            replan_workbook(problem, checkin, rest, result, carried, plan, outcome.diff)
            took["itself"].append(time.perf_counter() - began)
            print(
                f"{data.name}: odds {took['odds'][-1]:.2f} s, workbook given them "
                f"{took['given'][-1]:.2f} s, simulating them {took['itself'][-1]:.2f} s; "
                f"{len(result.plan.assignments):,} assignments; load {os.getloadavg()[0]:.1f}",
                flush=True,
            )
        print(
            f"{data.name} median: odds {statistics.median(took['odds']):.2f} s, workbook given "
            f"them {statistics.median(took['given']):.2f} s, simulating them "
            f"{statistics.median(took['itself']):.2f} s",
            flush=True,
        )


if __name__ == "__main__":
    main()
