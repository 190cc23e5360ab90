"""What the ``planner scenarios`` tests share: a command run and what it printed, and a data
folder with no plan.
"""

from __future__ import annotations

from pathlib import Path

from builders import VALUE_ONLY, problem, project, settings, team

from planner.core.loading import write_folder
from planner.interfaces.cli import main


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["scenarios", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def impossible_folder(tmp_path: Path) -> Path:
    """A data folder with no plan: a mandatory project larger than the only team."""
    folder = tmp_path / "impossible"
    write_folder(
        problem(
            [team("m1", capacity=10)],
            [project("big", effort=50, mandatory=True)],
            settings=settings(VALUE_ONLY),
        ),
        folder,
    )
    return folder
