"""Turns at a scenario database's file between Goal Planner processes: one process at a
time has it open, the others wait their turn on an ``flock`` of the file
(:func:`take_turn`, :func:`end_turn`), which :mod:`planner.scenarios.database` takes
before DuckDB opens the file.
"""

from __future__ import annotations

import fcntl
import os
import random
import threading
import time

#: The turns this process holds: a file's path, its descriptor holding ``flock`` and how
#: many connections of the process use it.
_TURNS: dict[str, list[int]] = {}
_TURNS_LOCK = threading.Lock()


def take_turn(path: str, deadline: float) -> bool:
    """Wait until no other Goal Planner process has the database ``path`` open, up to
    ``deadline``; whether this process now has its turn (end it with :func:`end_turn`).

    DuckDB's own lock refuses a second process at once, and retrying it left the processes
    that slept longest behind: 2 of 8 ``planner scenarios save`` at once ran out of
    :data:`~planner.scenarios.database.LOCK_WAIT_S` (``docs/reliability.md``). An ``flock``
    on the file itself, tried every few milliseconds, is cheap and free the moment its
    holder is done, so the saves follow each other closely. It is independent of DuckDB's
    ``fcntl`` lock, which still guards the file against other programs. The descriptor is
    only closed when no connection of this process uses the file (closing any descriptor of
    a file drops the process's ``fcntl`` locks on it). A file that does not exist yet (the
    first save makes it) or cannot be opened has no turn: DuckDB's lock alone decides.
    """
    while True:
        with _TURNS_LOCK:
            held = _TURNS.get(path)
            if held is not None:
                held[1] += 1
                return True
            try:
                fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC | os.O_NONBLOCK)
            except OSError:
                return False
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                os.close(fd)
            else:
                _TURNS[path] = [fd, 1]
                return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(random.uniform(0.002, 0.008))


def end_turn(path: str) -> None:
    """One connection of this process is done with ``path`` (see :func:`take_turn`)."""
    with _TURNS_LOCK:
        held = _TURNS.get(path)
        if held is None:
            return
        held[1] -= 1
        if held[1] == 0:
            del _TURNS[path]
            os.close(held[0])
