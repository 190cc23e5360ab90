"""The Export page at company size, under AppTest: its script runs timed.

Opens the app (``app.py``) with ``DATA`` as the session's inputs (``PLANNER_DATA``) and a
database of its own, then times three script runs: the first visit to Export (where
plan.xlsx is made for the plan shown), a rerun of the page (its "Show every column" toggle)
and a visit to Plan and back to Export. Give the code tree to time as ``--code`` (a
worktree of an older commit beside this one times both in one run). Prints one line per
run with the machine's load (``os.getloadavg``).

Usage::

    python bench/export_page.py DATA [--code TREE] [--runs 2]

``DATA``: a folder such as ``planner generate DATA --teams 150 --projects 1500 --seed 1
--weeks --ranges``.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent


#: The CPU seconds of each timed run (``time.process_time``: the script runs in this process),
#: which the machine's load moves less than the wall's.
CPU: list[float] = []


def timed(run: object) -> float:
    began, cpu = time.perf_counter(), time.process_time()
    run.run()  # type: ignore[attr-defined]
    CPU.append(time.process_time() - cpu)
    return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("--code", type=Path, default=ROOT)
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args()
    code = args.code.resolve()
    sys.path.insert(0, str(code))
    os.chdir(code)
    os.environ["PLANNER_DATA"] = str(args.data.resolve())
    for run in range(1, args.runs + 1):
        os.environ["PLANNER_DB"] = str(Path(tempfile.mkdtemp()) / "planner.duckdb")
        app = AppTest.from_file(str(code / "app.py"), default_timeout=900).run()
        first = timed(app.switch_page("pages/export.py"))
        assert not app.exception, app.exception
        again = timed(app.toggle(key="export-every-column").set_value(True))
        app.switch_page("pages/plan.py").run()
        back = timed(app.switch_page("pages/export.py"))
        buttons = [b.proto.label for b in app.get("download_button")]
        print(
            f"{code.name} run {run}: Export first {first:.2f} s, rerun {again:.2f} s, "
            f"back from Plan {back:.2f} s (CPU "
            + ", ".join(f"{c:.2f}" for c in CPU[-3:])
            + f" s); {len(buttons)} buttons; "
            f"load {os.getloadavg()[0]:.1f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
