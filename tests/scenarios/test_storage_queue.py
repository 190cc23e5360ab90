"""Goal Planner processes on one scenario database take turns instead of failing."""

from __future__ import annotations

import multiprocessing
import os
import queue
import threading
from dataclasses import replace
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from planner.core.loading import load_with_warnings
from planner.scenarios.scenario import Scenario, new_scenario
from planner.scenarios.storage import ScenarioStore
from planner.solving.solver import solve

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"


def _writer(
    index: int, path: str, scenario: Scenario, wait: float, said: Any, orders: Connection
) -> None:
    """A Goal Planner process: it opens a store and waits for "go"; then takes its turn on
    the file, says so ("holding"), holds it until told to let go (as a slow save does on a
    busy machine) and saves its own scenario in that turn. While it waits for its turn it
    says when DuckDB's own lock wait has run out ("past the lock wait"): retrying DuckDB's
    lock, it would have given up there. What it says goes on ``said`` with its index."""
    from planner.scenarios import database

    store = ScenarioStore.open(path, lock_wait_s=wait)
    take_turn = database._take_turn

    def taken(turn: str, deadline: float) -> bool:
        past = threading.Timer(wait, said.put, ((index, "past the lock wait"),))
        past.start()
        try:
            return take_turn(turn, deadline)
        finally:
            past.cancel()

    database._take_turn = taken  # type: ignore[assignment]
    # Each waits its turn as long as the five turns before it take: six lock waits (12 s)
    # ran out for the last one on a busy machine whose saves took over 2 s each, and it
    # left without a word, the test waiting on it. The order, not the speed, is tested.
    database._QUEUE_WAIT_FACTOR = 60
    said.put((index, "ready"))
    orders.recv()  # go
    with store._cursor(write=True):
        said.put((index, "holding"))
        orders.recv()  # let go
        store.save(replace(scenario, name=f"writer {index}"))
    store.close()


def test_processes_saving_at_once_each_wait_their_turn(tmp_path):
    """Six processes saving at once, the first holding the file until the five others are
    past the lock wait: DuckDB's own lock, retried, left the last ones out ("in use by
    another program") though every holder was a Goal Planner that would be done in
    moments; each waits its turn and saves, whole.

    No hold is timed: the first holder lets go once each of the others has said its
    lock wait (2 s) ran out, each later one as soon as it holds; the last waits its turn
    behind the first hold and five saves (the wait for a turn stretched past the six lock
    waits it may take, so that a slow machine's saves do not end it). The
    processes are forked from one that has imported the planner once (a forkserver): six
    imports of their own took most of the test's time on a busy machine."""
    problem = load_with_warnings(SAMPLE).problem
    scenario = new_scenario(problem, solve(problem), "template")
    path = tmp_path / "planner.duckdb"
    ScenarioStore.open(path).close()
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["planner.scenarios.storage"])
    said = context.Queue()
    pipes = [context.Pipe() for _ in range(6)]
    writers = [
        context.Process(target=_writer, args=(i, str(path), scenario, 2.0, said, pipe[1]))
        for i, pipe in enumerate(pipes)
    ]
    for writer in writers:
        writer.start()

    def next_said() -> tuple[int, str]:
        try:
            return said.get(timeout=120)
        except queue.Empty:
            for writer in writers:
                writer.kill()
            raise AssertionError("the writers stopped saying anything") from None

    heard: dict[str, set[int]] = {"ready": set(), "holding": set(), "past the lock wait": set()}
    while len(heard["ready"]) < len(writers):
        index, line = next_said()
        heard[line].add(index)
    for orders, _ in pipes:  # go together
        orders.send("go")
    first, let_go = None, set()
    while len(heard["holding"]) < len(writers):
        index, line = next_said()
        heard[line].add(index)
        first = index if first is None and line == "holding" else first
        # The first holder keeps the file until the five others are past their lock wait.
        if first is not None and heard["past the lock wait"] >= set(range(6)) - {first}:
            for holder in heard["holding"] - let_go:
                pipes[holder][0].send("let go")
                let_go.add(holder)
    for writer in writers:
        writer.join(timeout=120)
    assert [writer.exitcode for writer in writers] == [0] * 6
    assert heard["past the lock wait"] == set(range(6)) - {first}
    names = [f"writer {i}" for i in range(6)]
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
