"""The Scenarios page's saves at company size, under AppTest: each script run timed.

Opens the app (``app.py``) on the Scenarios page with ``DATA`` as the session's inputs
(``PLANNER_DATA``) and a database of its own, then, ``--runs`` times in a fresh database:
saves a what-if (Sales at 90 %, planned first) and then the current plan as "Base", as a
leader clicks Save scenario, and reruns the page once more without a change (a click
elsewhere on it). Prints, per step, the seconds from the click to the end of the page's
script runs (the save's run and the run its ``st.rerun`` starts), how many saved
scenarios the runs read back from the database, and the machine's load (``uptime``).

``--similar N`` saves N scenarios first, straight into the database: Base's plan on its
inputs with one team renamed (another scenario, with as many projects planned), as a
leader's list holds several of one size; the page asks whether its plan is saved already
(:func:`planner.scenarios.copies.saved_copy`) beside them. ``--code TREE`` times the app of
another tree (a worktree of an older commit) with this script.

Usage::

    python bench/scenario_save.py DATA [--runs 3] [--similar 4] [--code TREE]

``DATA``: a folder such as ``planner generate DATA --teams 150 --projects 1500 --seed 0 --weeks``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
if "--code" in sys.argv:  # the tree whose app and planner are timed
    ROOT = Path(sys.argv[sys.argv.index("--code") + 1]).resolve()
sys.path.insert(0, str(ROOT))

from planner.scenarios.scenario import new_scenario  # noqa: E402
from planner.scenarios.storage import ScenarioStore  # noqa: E402
from planner.scenarios.whatif import with_capacity  # noqa: E402

READ: list[int] = []


def _counted(load: Callable[[ScenarioStore, int], Any]) -> Callable[[ScenarioStore, int], Any]:
    def counted(store: ScenarioStore, scenario_id: int) -> Any:
        READ.append(scenario_id)
        return load(store, scenario_id)

    return counted


def load() -> str:
    return "/".join(f"{x:.2f}" for x in os.getloadavg())


def _timed(step: str, act: Callable[[], AppTest]) -> dict[str, object]:
    READ.clear()
    started = time.perf_counter()
    app = act()
    seconds = round(time.perf_counter() - started, 2)
    assert not app.exception, [e.value for e in app.exception]
    row = {"step": step, "seconds": seconds, "read_back": len(READ), "load": load()}
    print(json.dumps(row), flush=True)
    return row


def similar_scenarios(database: Path, problem: Any, count: int) -> None:
    """``count`` scenarios of Base's size saved in ``database``: the app's plan of
    ``problem`` on its inputs with one team renamed each (not a copy of Base: other inputs,
    as many projects planned)."""
    from dataclasses import replace

    from pages.solving import solve_service
    from planner.solving.service import fingerprint

    result = solve_service().cached(fingerprint(problem))
    assert result is not None and result.plan is not None
    with ScenarioStore.open(str(database)) as store:
        for number in range(1, count + 1):
            team = replace(problem.teams[0], name=f"{problem.teams[0].name} ({number})")
            other = problem.replace(teams=(team, *problem.teams[1:]))
            store.save(new_scenario(other, result, f"Similar {number}"))


def one_run(data: Path, similar: int = 0) -> list[dict[str, object]]:
    os.environ["PLANNER_DATA"] = str(data)
    database = Path(tempfile.mkdtemp()) / "planner.duckdb"
    os.environ["PLANNER_DB"] = str(database)
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=900)
    app.switch_page("pages/scenarios.py")
    app = app.run().run()  # the second run asks for the page's own file (see open_routed)
    base = app.session_state["problem"]
    if similar:
        similar_scenarios(database, base, similar)

    def plan(problem: object) -> None:
        app.session_state["problem"] = problem
        app.run()  # its solve, not timed here

    def save(name: str) -> AppTest:
        app.text_input[0].input(name)
        [button] = [b for b in app.button if b.label == "Save scenario"]
        done = button.click().run()
        assert any(f": {name}." in s.value for s in done.success), [e.value for e in done.error]
        return done

    rows = []
    plan(with_capacity(base, "sales", 0.9))
    rows.append(_timed("save the what-if", lambda: save("Sales 90")))
    plan(base)
    rows.append(_timed("save Base", lambda: save("Base")))
    rows.append(_timed("rerun, nothing changed", app.run))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--similar", type=int, default=0)
    parser.add_argument("--code", type=Path, default=ROOT)
    args = parser.parse_args()
    ScenarioStore.load = _counted(ScenarioStore.load)  # type: ignore[method-assign]
    for _ in range(args.runs):
        one_run(args.data.resolve(), args.similar)


if __name__ == "__main__":
    main()
