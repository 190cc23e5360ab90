"""Goal Planner processes on one scenario database take turns instead of failing."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

from planner.core.loading import load_with_warnings
from planner.scenarios.scenario import new_scenario
from planner.scenarios.storage import ScenarioStore
from planner.solving.solver import solve

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"
REPO = SAMPLE.parent.parent

#: A process that opens a store, waits for "go", holds the file for a while (as a slow
#: save does on a busy machine), then saves its own scenario.
_WRITER = textwrap.dedent(
    """
    import pickle, sys, time
    from dataclasses import replace
    from planner.scenarios.storage import ScenarioStore
    path, pickled, name, wait, hold = sys.argv[1:6]
    scenario = pickle.load(open(pickled, "rb"))
    store = ScenarioStore.open(path, lock_wait_s=float(wait))
    print("ready", flush=True)
    sys.stdin.readline()
    with store._cursor(write=True):
        time.sleep(float(hold))
    store.save(replace(scenario, name=name))
    store.close()
    """
)


def test_processes_saving_at_once_each_wait_their_turn(tmp_path):
    """Six processes each holding the file 0.4 x the lock wait, all at once: DuckDB's own
    lock, retried, left the last ones out ("in use by another program") though every
    holder was a Goal Planner that would be done in moments; each saves now, whole.

    The wait is 4 s on any machine: the last waits its turn behind five holds of 1.6 s (8 s,
    twice the lock wait, within the six a turn may take), and a save's own time on a busy
    machine fits in the 16 s left."""
    problem = load_with_warnings(SAMPLE).problem
    scenario = new_scenario(problem, solve(problem), "template")
    pickled = tmp_path / "scenario.pickle"
    pickled.write_bytes(pickle.dumps(scenario))
    path = tmp_path / "planner.duckdb"
    ScenarioStore.open(path).close()
    wait = 4.0
    argv = [str(path), str(pickled)]
    names = [f"writer {i}" for i in range(6)]
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", _WRITER, *argv, name, str(wait), str(0.4 * wait)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=REPO,
        )
        for name in names
    ]
    for writer in writers:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "ready"
    for writer in writers:  # go together
        assert writer.stdin is not None
        writer.stdin.write("go\n")
        writer.stdin.flush()
    errors = [writer.communicate(timeout=120)[1] for writer in writers]
    assert [writer.returncode for writer in writers] == [0] * 6, errors
    with ScenarioStore.open(path) as store:
        listed = {s.name: s.scenario_id for s in store.list()}
        assert set(listed) == set(names)
        for scenario_id in listed.values():
            loaded = store.load(scenario_id)
            assert loaded.problem == problem and loaded.plan == scenario.plan


def test_two_stores_of_one_process_on_one_file_share_its_turn(tmp_path):
    """Two stores of one process (one through a link), one operation inside the other's:
    the second does not wait for the first's turn, and both keep the file."""
    problem = load_with_warnings(SAMPLE).problem
    scenario = new_scenario(problem, solve(problem), "one")
    path = tmp_path / "planner.duckdb"
    link = tmp_path / "link.duckdb"
    ScenarioStore.open(path).close()
    os.symlink(path, link)
    first = ScenarioStore.open(path, lock_wait_s=0.5)
    second = ScenarioStore.open(link, lock_wait_s=0.5)
    done = threading.Event()

    def nested() -> None:
        with first._cursor(write=True):
            second.list()
            done.set()

    thread = threading.Thread(target=nested)
    thread.start()
    thread.join(timeout=2)
    assert done.is_set()
    first.save(scenario)
    assert [s.name for s in second.list()] == ["one"]
    first.close()
    second.close()


def test_a_save_that_waited_its_turn_is_listed_after_the_one_it_waited_for(tmp_path, monkeypatch):
    """Ten `scenarios save` at once listed #6 above #7: each took its creation time before
    waiting its turn, so one that waited longer read as made earlier than the save it
    waited for. The time is taken once it is its turn to write: the list, newest first,
    reads as the ids do."""
    from datetime import datetime

    from planner.scenarios import database, storage

    timed = threading.Event()

    class Clock(datetime):
        @classmethod
        def now(cls, tz=None):  # type: ignore[override]
            timed.set()
            return super().now(tz)

    monkeypatch.setattr(storage, "datetime", Clock)
    problem = load_with_warnings(SAMPLE).problem
    result = solve(problem)
    with ScenarioStore.open(tmp_path / "planner.duckdb") as store:
        with database._CHANGING:  # another save's turn, as long as this block lasts
            waiting = threading.Thread(
                target=store.save, args=(new_scenario(problem, result, "waited"),)
            )
            waiting.start()
            timed.wait(timeout=1)  # a save that times itself before its turn does so now
            timed.clear()
            store.save(new_scenario(problem, result, "first in turn"))
        waiting.join(timeout=60)
        listed = store.list()
    assert [(s.scenario_id, s.name) for s in listed] == [(2, "waited"), (1, "first in turn")]
    assert listed[0].created_at >= listed[1].created_at
