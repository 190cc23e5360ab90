"""How busy the machine was while a step of a test ran: the bound a wall clock is held to.

A test whose point is a wall clock (a refusal "in moments", a time limit kept end to end)
measures the step inside :class:`LoadWatch` and multiplies its bound in seconds by the
load it saw: the bound itself on a machine with a core to spare, and a slow, shared
machine does not fail it. The load average alone trails a rush by a minute.
"""

from __future__ import annotations

import os
import threading
import time


def _runnable_tasks() -> int | None:
    """The tasks running or waiting for a core now (Linux's /proc/stat), or None."""
    try:
        with open("/proc/stat", encoding="ascii") as stat:
            for line in stat:
                if line.startswith("procs_running "):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def _runnable_elsewhere() -> int | None:
    """The processes running or waiting for a core now outside this one and the processes it
    started (its servers, its browsers), or None where /proc does not say."""
    parents: dict[int, int] = {}
    running: list[int] = []
    try:
        pids = [int(name) for name in os.listdir("/proc") if name.isdigit()]
    except OSError:
        return None
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # gone meanwhile
        parents[pid] = int(fields[1])
        if fields[0] == "R":
            running.append(pid)
    ours = os.getpid()

    def mine(pid: int) -> bool:
        for _ in range(64):
            if pid == ours:
                return True
            if pid not in parents or pid <= 1:
                return False
            pid = parents[pid]
        return False

    return sum(not mine(pid) for pid in running)


class LoadWatch:
    """How busy the machine was while a block ran, per core (1: a core to spare or more):
    the runnable tasks sampled through the block, and the load average before and after it,
    whichever is highest.

    A bound in seconds multiplied by it holds on a busy machine. The load average alone
    trails a sudden rush by a minute: from load 4, ten seconds of load 20 (another suite's
    browsers starting) leave it at 6.5.

    ``elsewhere``: count only what runs outside this process and the ones it started, and
    leave the load average out: how busy the machine was besides the test's own servers
    and browsers (eight Chromium pages are a load of their own).

    ``seconds``: the wall clock the block took, to hold to a bound times ``per_core``.
    """

    def __init__(self, elsewhere: bool = False) -> None:
        self.per_core = 1.0
        self.seconds = 0.0
        self._started = 0.0
        self._elsewhere = elsewhere
        self._samples: list[int] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while True:
            if self._elsewhere:
                running = _runnable_elsewhere()
            else:
                running = _runnable_tasks()
                running = None if running is None else max(0, running - 1)  # less the sampler
            if running is not None:
                self._samples.append(running)
            if self._stop.wait(0.2 if self._elsewhere else 0.05):
                return

    def __enter__(self) -> LoadWatch:
        self.per_core = 1.0 if self._elsewhere else _load_average_per_core()
        self._thread.start()
        self._started = time.perf_counter()
        return self

    def __exit__(self, *exc: object) -> None:
        self.seconds = time.perf_counter() - self._started
        self._stop.set()
        self._thread.join()
        cores = os.cpu_count() or 1
        sampled = sum(self._samples) / len(self._samples) / cores if self._samples else 0.0
        after = 1.0 if self._elsewhere else _load_average_per_core()
        self.per_core = max(self.per_core, after, sampled, 1.0)


def _load_average_per_core() -> float:
    return max(1.0, os.getloadavg()[0] / (os.cpu_count() or 1))
