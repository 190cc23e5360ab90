"""The M quarters in weeks that the benches of the warm start in weeks (issue 15) solve.

Shared by ``bench/week_lp_arrival.py``, ``bench/week_lp_beside.py``,
``bench/week_lp_shortlist.py`` and ``bench/week_swap.py``: their ``--seeds``, each seed's
quarter (40 teams x 500 projects, ``planner generate --weeks``, the M quarters of
bench/weeks.py) written in a temporary folder removed after the run, and the warm start's
debug lines kept. ``planner`` is imported inside the functions: a bench that runs another
checkout's code in a child process sets that child's ``PYTHONPATH`` first.
"""

from __future__ import annotations

import argparse
import logging
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

#: Teams and projects of an M quarter.
TEAMS, PROJECTS = 40, 500


def add_seeds(parser: argparse.ArgumentParser) -> None:
    """The ``--seeds`` argument (read by :func:`seed_list`)."""
    parser.add_argument("--seeds", default="0-4", help="e.g. 0-4 or 0,3")


def seed_list(text: str) -> list[int]:
    """The seeds ``text`` names: a range ``0-4`` or a list ``0,3``."""
    if "-" in text:
        low, high = (int(x) for x in text.split("-"))
        return list(range(low, high + 1))
    return [int(x) for x in text.split(",")]


def _written(folder: Path, seed: int) -> Path:
    """Seed ``seed``'s M quarter in weeks, written in ``folder``: its own folder there."""
    from planner.core.generate import generate_folder

    return generate_folder(folder / f"M-{seed}", TEAMS, PROJECTS, seed=seed, weeks=True)


@contextmanager
def quarter_folders(seeds: list[int]) -> Iterator[dict[int, Path]]:
    """Each seed's M quarter in weeks, written in a temporary folder removed after."""
    with tempfile.TemporaryDirectory() as tmp:
        yield {seed: _written(Path(tmp), seed) for seed in seeds}


def quarters(seeds: list[int]) -> Iterator[tuple[int, Any]]:
    """Each seed and its M quarter in weeks as loaded (a ``Problem``), one at a time, each
    written in a temporary folder removed after the run."""
    from planner.core.loading import load_with_warnings

    with tempfile.TemporaryDirectory() as tmp:
        for seed in seeds:
            yield seed, load_with_warnings(_written(Path(tmp), seed)).problem


class WarmStartLines(logging.Handler):
    """The warm start's debug lines (on the LP with weeks beside it), kept from when it is
    made: each with its seconds since :meth:`restart`."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[tuple[float, str]] = []
        self.started = time.perf_counter()
        logger = logging.getLogger("planner.optimizer.warm_start")
        logger.setLevel(logging.DEBUG)
        logger.addHandler(self)

    def restart(self) -> None:
        """No lines kept, and the clock at 0 s."""
        self.lines.clear()
        self.started = time.perf_counter()

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append((round(time.perf_counter() - self.started, 2), record.getMessage()))

    @property
    def messages(self) -> list[str]:
        """The lines kept, without their seconds."""
        return [message for _, message in self.lines]
