"""README's command-line block, run as a newcomer runs it: line by line, from the project.

Each line is run by ``bash`` exactly as README gives it, in a scratch folder that holds
the project's ``.venv`` and ``data`` (so that ``.venv/bin/planner ... data/sample`` reads
as it does from the project folder) and nothing else; each must exit 0.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from doc_commands import IN_GIT, needs_the_venv, not_ignored, outputs, run_lines

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow


def readme_commands() -> list[str]:
    """The lines of README's shell block under "The command line" that run something."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## The command line", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.DOTALL)
    assert block is not None, "README.md has no sh block under 'The command line'"
    return [
        line for line in block.group(1).splitlines() if line.strip() and not line.startswith("#")
    ]


def test_readme_has_its_command_block():
    lines = readme_commands()
    assert len(lines) >= 20
    assert all(line.startswith((".venv/bin/planner ", "printf ")) for line in lines), lines


@needs_the_venv
def test_every_readme_command_runs_as_given(tmp_path):
    run_lines(readme_commands(), tmp_path)
    # Each output README names is where it says: in the folder the commands ran from.
    for name in ("plan.csv", "whatif.csv", "replan.csv", "rest-of-quarter.csv", "rest2.csv"):
        assert (tmp_path / name).is_file(), name
    # ... and, as README says, .gitignore leaves every one of them out of git.
    if IN_GIT:
        assert not_ignored(outputs(tmp_path)) == []
