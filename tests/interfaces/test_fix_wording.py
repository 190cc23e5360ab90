"""Every fix reads the same way: "Fix:" and a sentence that starts with a capital.

`planner scenarios export` onto a file said "Fix: give a folder to write into." and an
export into a full folder "Fix: choose an empty or new folder", where every other message
says "Fix: Give ...": a script matching the fixes, and a reader, saw two styles.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

from planner.interfaces.cli import main

ROOT = Path(__file__).resolve().parents[2]
#: "Fix:" then a lower-case letter (a placeholder such as {fix} is checked where it is filled).
_LOWER_FIX = re.compile(r"Fix: [a-z]")


def test_no_message_in_the_package_has_a_lower_case_fix():
    """Scan every string in planner/ (docstrings aside) for "Fix: " and a lower-case letter."""
    found = []
    for path in sorted((ROOT / "planner").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
            and node.body
            and isinstance(node.body[0], ast.Expr)
        }
        found += [
            f"{path.relative_to(ROOT)}:{node.lineno}: {node.value!r}"
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docstrings
            and _LOWER_FIX.search(node.value)
        ]
    assert not found, "\n".join(found)


def _problem(capsys, *argv: str) -> dict[str, object]:
    assert main(["scenarios", *argv, "--json"]) == 2
    (problem,) = json.loads(capsys.readouterr().out)["problems"]
    return problem


def test_the_export_and_compare_refusals_start_their_fix_with_a_capital(
    db, capsys, small_folder, tmp_path
):
    """Export onto a file, into a folder that holds the files, and a comparison named
    other than .xlsx: each fix starts with a capital letter, as every other does."""
    assert main(["scenarios", "save", str(small_folder), "--name", "a"]) == 0
    assert main(["scenarios", "export", "a", str(tmp_path / "out")]) == 0
    capsys.readouterr()
    a_file = tmp_path / "plain"
    a_file.write_text("x", encoding="utf-8")
    fixes = [
        _problem(capsys, "export", "a", str(a_file))["fix"],
        _problem(capsys, "export", "a", str(tmp_path / "out"))["fix"],
        _problem(capsys, "compare", "a", "a", "--out", str(tmp_path / "c.csv"))["fix"],
    ]
    assert all(isinstance(f, str) and f[:1].isupper() for f in fixes), fixes


@pytest.mark.parametrize(
    "argv",
    [
        ["save", "{data}", "--name", " "],
        ["save", "{data}", "--name", "\u200b"],
        ["save", "{data}", "--name", "#1"],
        ["save", "{data}", "--name", "x" * 201],
        ["save", "{data}", "--name", "n", "--note", "x" * 10_001],
        ["rename", "a", " "],
        ["delete", "a"],
    ],
    ids=["blank", "invisible", "an-id", "long", "long-note", "rename-blank", "delete-no-yes"],
)
def test_a_refused_name_note_or_delete_gives_its_fix_in_json(db, capsys, small_folder, argv):
    """`scenarios save --name " " --json` answered "fix": "": the name's messages said what
    to do in the prose, and delete without --yes ended "add --yes to confirm" in lower case."""
    assert main(["scenarios", "save", str(small_folder), "--name", "a"]) == 0
    capsys.readouterr()
    fix = _problem(capsys, *[w.replace("{data}", str(small_folder)) for w in argv])["fix"]
    assert isinstance(fix, str) and fix[:1].isupper() and fix.endswith("."), fix
