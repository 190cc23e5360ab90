"""Every page of the app on a company's quarter, under AppTest: each step a leader takes, timed.

For each quarter folder given (``planner generate DATA --teams 150 --projects 3000 --seed N``,
with or without ``--weeks --ranges``) and each run, the app (``app.py``) opens on it as the
session's inputs (``PLANNER_DATA``, a database of its own) and these script runs are timed,
wall seconds from the run's start to its end, and the CPU seconds of this process
(``time.process_time``: AppTest runs the script here; a shared machine's load moves them
less than the wall's, but a solve's threads count in them too):

* ``open``: the first run, on the Overview, the solve included (runs again until the session
  holds a plan);
* ``<page>`` and ``<page> again``: each page's first visit once the plan exists, then a rerun
  of it (what any widget change costs before the widget's own work);
* ``download: <label>``: each download button of the Export page clicked;
* ``save scenario``: the current plan saved on the Scenarios page;
* ``data edit``: a team's capacity edited on the Data page and applied (the re-plan
  included, its own seconds in ``solve in it``);
* ``Overview after it``: the Overview then, with the edited data's plan;
* ``compare``: the scenario saved before and the plan after the edit, compared;
* ``pin``: the first pin of rules.csv taken off on Constraints and applied (the what-if's
  re-plan included);
* ``check-in re-plan``: the Check-in page's Re-plan, as pre-filled.

Prints each step's seconds per run, then a table (markdown): mean and worst over each
quarter's runs, and over every quarter and run ("all"). Runs differ only by the database
and the session: give several quarters (seeds) for several instances. ``--steps`` picks
some of pages, exports, edits (the rest).

Usage::

    python bench/pages_at_size.py DATA [DATA ...] [--runs 1] [--code TREE] [--steps pages]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
PAGES = (
    ("Overview", "pages/overview.py"),
    ("Data", "pages/data.py"),
    ("Constraints", "pages/constraints.py"),
    ("Plan", "pages/plan.py"),
    ("Scenarios", "pages/scenarios.py"),
    ("Check-in", "pages/checkin.py"),
    ("Export", "pages/export.py"),
)
STEPS = ("pages", "exports", "edits")


def timed(times: dict[str, float], name: str, act: Callable[[], object], app: AppTest) -> None:
    """Run ``act`` (a script run of ``app``), keep its wall seconds under ``name`` and its CPU
    seconds under ``name`` + `` (CPU)``."""
    began, cpu = time.perf_counter(), time.process_time()
    act()
    times[name] = time.perf_counter() - began
    times[f"{name} (CPU)"] = time.process_time() - cpu
    if app.exception:
        raise AssertionError(f"{name}: {[e.value for e in app.exception]}")


def planned(app: AppTest) -> AppTest:
    """``app`` run again until the session holds a plan (a first run may end before it)."""
    for _ in range(20):
        if app.session_state.get("plan_in_force", None) is not None:
            return app
        time.sleep(0.5)
        app.run()
    raise AssertionError("no plan after 20 runs")


def solve_seconds(app: AppTest) -> float:
    """The current plan's own solve seconds (its status's); NaN without one."""
    held = app.session_state.get("plan_in_force", None)
    return float(held.result.runtime_s) if held is not None else float("nan")


def one_run(code: Path, steps: set[str], times: dict[str, float]) -> None:
    """One session's steps, each timed into ``times``."""
    app = AppTest.from_file(str(code / "app.py"), default_timeout=900)
    timed(times, "open", lambda: planned(app.run()), app)
    if "pages" in steps:
        for title, page in PAGES:
            timed(times, title, lambda page=page: app.switch_page(page).run(), app)
            timed(times, f"{title} again", app.run, app)
    if "exports" in steps:
        app.switch_page("pages/export.py").run()
        for label in [b.proto.label for b in app.download_button]:
            (button,) = [b for b in app.download_button if b.proto.label == label]
            timed(times, f"download: {label}", lambda b=button: b.click().run(), app)
    if "edits" in steps:
        app.switch_page("pages/scenarios.py").run()
        app.text_input[0].input("Before the edit")

        def save() -> None:
            next(b for b in app.button if b.label == "Save scenario").click().run()

        timed(times, "save scenario", save, app)
        app.switch_page("pages/data.py").run()
        capacity = app.session_state["problem"].teams[0].capacity_hours
        edit = {"edited_rows": {0: {"capacity_hours": round(float(capacity) * 0.8)}}}
        app.session_state["edit-teams.csv-0"] = {**edit, "added_rows": [], "deleted_rows": []}
        app.run()
        apply = next(b for b in app.button if b.label == "Apply edits")
        timed(times, "data edit", lambda: apply.click().run(), app)
        # The plan of the edited data, on the page a leader looks at next (its solve, if the
        # edit's run did not make it).
        timed(times, "Overview after it", lambda: planned(app.switch_page(PAGES[0][1]).run()), app)
        times["solve in it"] = solve_seconds(app)
        app.switch_page("pages/scenarios.py").run()
        app.text_input[0].input("After the edit")
        save()
        app.query_params.update({"scenarios-view": "compare"})
        app.run()
        a, b = app.selectbox(key="compare-a"), app.selectbox(key="compare-b")
        a.set_value(a.options[0] and 1)
        timed(times, "compare", lambda: b.set_value(2).run(), app)
        app.switch_page("pages/constraints.py").run()
        for _ in range(2):  # the tab's choice is made again once every widget's id has moved
            app.session_state["constraints_tab"] = "Pins and forbids"
            app.run()
        key = next(e.key for e in app.data_editor if e.key and e.key.startswith("rules-"))
        rules = next(e for e in app.data_editor if e.key == key).value
        row = int((rules["rule"] == "pin").to_numpy().argmax())
        app.session_state[key] = {"edited_rows": {}, "added_rows": [], "deleted_rows": [row]}
        app.run()
        apply = next(b for b in app.button if b.label == "Apply pins and forbids")
        timed(times, "pin", lambda: apply.click().run(), app)
        app.switch_page("pages/checkin.py").run()
        replan = [b for b in app.button if b.key == "checkin-replan-button"]
        if replan:
            timed(times, "check-in re-plan", replan[0].click().run, app)
        else:  # the page says why (no plan to check in on)
            print("no Re-plan on Check-in:", [i.value[:200] for i in app.info], flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, nargs="+")
    parser.add_argument("--code", type=Path, default=ROOT)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--steps", default=",".join(STEPS))
    args = parser.parse_args()
    steps = set(args.steps.split(","))
    code = args.code.resolve()
    folders = [data.resolve() for data in args.data]
    sys.path.insert(0, str(code))
    os.chdir(code)
    table: dict[str, dict[str, list[float]]] = {}
    for data in folders:
        os.environ["PLANNER_DATA"] = str(data)
        seen: dict[str, list[float]] = defaultdict(list)
        for run in range(1, args.runs + 1):
            load = os.getloadavg()[0]
            with tempfile.TemporaryDirectory() as home:  # the run's database, removed after
                os.environ["PLANNER_DB"] = str(Path(home) / "planner.duckdb")
                times: dict[str, float] = {}
                try:
                    one_run(code, steps, times)
                except Exception as error:  # the steps before it are kept
                    print(f"{data.name} run {run} stopped: {error!r}", flush=True)
            for name, seconds in times.items():
                seen[name].append(seconds)
            print(
                f"{data.name} run {run} (load {load:.1f} -> {os.getloadavg()[0]:.1f}): "
                + ", ".join(f"{name} {seconds:.2f}" for name, seconds in times.items()),
                flush=True,
            )
        table[data.name] = seen
    names = list(dict.fromkeys(name for seen in table.values() for name in seen))
    print(f"\n{code.name}: seconds, mean / worst over the runs\n")
    print("| step | " + " | ".join(table) + " | all |")
    print("|---|" + "---|" * (len(table) + 1))
    for name in names:
        each = [seen[name] for seen in table.values()]
        every = [seconds for times in each for seconds in times if seconds == seconds]  # no NaN
        cells = [f"{statistics.mean(t):.2f} / {max(t):.2f}" if t else "-" for t in [*each, every]]
        print(f"| {name} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
