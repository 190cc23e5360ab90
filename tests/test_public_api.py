"""The public surface: ``from planner import ...`` and the README's example, run as written."""

from __future__ import annotations

import re
from pathlib import Path

import planner

ROOT = Path(__file__).resolve().parent.parent


def readme_example() -> str:
    """The Python block under "From Python" in README.md, exactly as a reader copies it."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## From Python", 1)[1]
    match = re.search(r"```python\n(.*?)```", section, re.DOTALL)
    assert match is not None, "README.md has no python block under 'From Python'"
    return match.group(1)


def test_the_readme_example_runs_as_written(capsys, monkeypatch):
    """The first code a Python user copies must work; a README that lies costs trust."""
    code = readme_example()
    assert len(code.splitlines()) <= 20
    monkeypatch.chdir(ROOT)  # the example reads data/sample, as a reader in the repository would
    exec(compile(code, "README.md", "exec"), {"__name__": "readme"})
    out = capsys.readouterr().out
    assert "'status': 'optimal'" in out or "'status': 'feasible'" in out
    assert "('blog', 'content')" in out


def test_the_public_names_are_importable_from_planner():
    """``from planner import load_problem, solve`` and friends: one import surface."""
    for name in (
        "load_problem",
        "solve",
        "Problem",
        "Result",
        "Settings",
        "Status",
        "InvalidInputError",
        "ProblemBuilder",
    ):
        assert name in planner.__all__
        assert getattr(planner, name) is not None
