"""Goal Planner processes on one scenario database take turns instead of failing."""

from __future__ import annotations

import os
import pickle
import queue
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

#: A process that opens a store and waits for "go"; then takes its turn on the file, says
#: so ("holding"), holds it until told to let go (as a slow save does on a busy machine) and
#: saves its own scenario in that turn. While it waits for its turn it says when DuckDB's
#: own lock wait has run out ("past the lock wait"): retrying DuckDB's lock, it would have
#: given up there.
_WRITER = textwrap.dedent(
    """
    import pickle, sys, threading
    from dataclasses import replace
    from planner.scenarios import database
    from planner.scenarios.storage import ScenarioStore
    path, pickled, name, wait = sys.argv[1:5]
    scenario = pickle.load(open(pickled, "rb"))
    store = ScenarioStore.open(path, lock_wait_s=float(wait))
    take_turn = database._take_turn

    def taken(path, deadline):
        past = threading.Timer(float(wait), print, ("past the lock wait",), {"flush": True})
        past.start()
        try:
            return take_turn(path, deadline)
        finally:
            past.cancel()

    database._take_turn = taken
    print("ready", flush=True)
    sys.stdin.readline()
    with store._cursor(write=True):
        print("holding", flush=True)
        sys.stdin.readline()
        store.save(replace(scenario, name=name))
    store.close()
    """
)


def _said(writer: subprocess.Popen[str], lines: queue.Queue[tuple[int, str]], index: int) -> None:
    """Each line ``writer`` prints, as (its index, the line), until it ends."""
    assert writer.stdout is not None
    for line in writer.stdout:
        lines.put((index, line.strip()))


def _tell(writer: subprocess.Popen[str], word: str) -> None:
    assert writer.stdin is not None
    writer.stdin.write(word + "\n")
    writer.stdin.flush()


def test_processes_saving_at_once_each_wait_their_turn(tmp_path):
    """Six processes saving at once, the first holding the file until the five others are
    past the lock wait: DuckDB's own lock, retried, left the last ones out ("in use by
    another program") though every holder was a Goal Planner that would be done in
    moments; each waits its turn and saves, whole.

    No hold is timed: the first holder lets go once each of the others has said its
    lock wait (2 s) ran out, each later one as soon as it holds; the last waits its turn
    behind the first hold and five saves, within the six lock waits a turn may take."""
    problem = load_with_warnings(SAMPLE).problem
    scenario = new_scenario(problem, solve(problem), "template")
    pickled = tmp_path / "scenario.pickle"
    pickled.write_bytes(pickle.dumps(scenario))
    path = tmp_path / "planner.duckdb"
    ScenarioStore.open(path).close()
    argv = [str(path), str(pickled)]
    names = [f"writer {i}" for i in range(6)]
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", _WRITER, *argv, name, "2.0"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=REPO,
        )
        for name in names
    ]
    lines: queue.Queue[tuple[int, str]] = queue.Queue()
    for index, writer in enumerate(writers):
        threading.Thread(target=_said, args=(writer, lines, index), daemon=True).start()

    def next_said() -> tuple[int, str]:
        try:
            return lines.get(timeout=120)
        except queue.Empty:
            for writer in writers:
                writer.kill()
            errors = [writer.communicate()[1] for writer in writers]
            raise AssertionError(f"the writers stopped saying anything: {errors}") from None

    said: dict[str, set[int]] = {"ready": set(), "holding": set(), "past the lock wait": set()}
    while len(said["ready"]) < len(writers):
        index, line = next_said()
        said[line].add(index)
    for writer in writers:  # go together
        _tell(writer, "go")
    first, let_go = None, set()
    while len(said["holding"]) < len(writers):
        index, line = next_said()
        said[line].add(index)
        first = index if first is None and line == "holding" else first
        # The first holder keeps the file until the five others are past their lock wait.
        if first is not None and said["past the lock wait"] >= set(range(6)) - {first}:
            for holder in said["holding"] - let_go:
                _tell(writers[holder], "let go")
                let_go.add(holder)
    errors = [writer.communicate(timeout=120)[1] for writer in writers]
    assert [writer.returncode for writer in writers] == [0] * 6, errors
    assert said["past the lock wait"] == set(range(6)) - {first}
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
