"""bench/weeks.py, the Weeks table of bench/results.md: its peers in the same run.

The team compares every measured figure with a peer solved in the same run. The
Weeks table said its rows ``... without weeks`` were that peer while the table
had none: the peers were behind an opt-in flag that the run which wrote it did
not pass. These tests run the script's own code on the bundled sample (seconds,
in this process) and read the table it wrote; they time nothing.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results.md"


@pytest.fixture
def weeks_bench(monkeypatch) -> ModuleType:
    """bench/weeks.py as a module, its children run in this process (no new interpreter)."""
    monkeypatch.setattr(sys, "path", list(sys.path))  # the script puts bench/ on it
    spec = importlib.util.spec_from_file_location("bench_weeks", ROOT / "bench" / "weeks.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setattr(module, "run_child", module.run_once)
    return module


def table_rows(text: str) -> dict[str, list[str]]:
    """The Weeks table's rows by size: each row's cells, header and rule left out."""
    rows = {}
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("| ") and cells[0] != "size" and len(cells) > 1:
            rows[cells[0]] = cells
    return rows


def number(cell: str) -> float:
    return float(cell.split(" ")[0].replace(",", ""))


def test_the_weeks_table_carries_its_peers_and_their_ratios_by_default(weeks_bench, capsys):
    assert weeks_bench.main(["--sizes", "sample", "--seeds", "0", "--no-write"]) == 0
    text = capsys.readouterr().out
    table = text[text.index("| size |") :]
    header = [c.strip() for c in table.splitlines()[0].strip().strip("|").split("|")]
    rows = table_rows(table)

    assert set(rows) == {"sample", "sample without weeks"}
    weeks, stripped = (dict(zip(header, rows[k], strict=True)) for k in rows)
    assert weeks["checked"] == stripped["checked"] == "all"
    # The peer is the same quarter without its weeks: the same pairs, no start columns.
    assert weeks["pairs"] == stripped["pairs"]
    assert number(weeks["columns"]) > number(stripped["columns"])
    ours, theirs = number(weeks["objective (mean)"]), number(stripped["objective (mean)"])
    # Weeks only take options away: the planner plans less in weeks than without them.
    assert ours < theirs
    objective_ratio, time_ratio = weeks["planner / without weeks (objective, solve s)"].split(", ")
    assert float(objective_ratio) == pytest.approx(ours / theirs, abs=1e-3)
    assert float(time_ratio) > 0
    # The plain CP-SAT model of the quarter in weeks, its plan checked with its start weeks.
    cpsat = weeks["plain CP-SAT objective (mean)"]
    assert "1 of 1 with a plan" in cpsat, cpsat
    assert number(cpsat) <= ours + 1e-6  # the planner's plan of the sample is proven best
    ratio = weeks["planner / plain CP-SAT (objective, solve s)"].split(", ")[0]
    assert float(ratio) == pytest.approx(ours / number(cpsat), abs=1e-3)
    assert "rows `... without weeks` are the same quarters" in text


def test_without_peers_the_table_says_it_has_none(weeks_bench, capsys):
    weeks_bench.main(["--sizes", "sample", "--seeds", "0", "--no-write", "--no-peers"])
    text = capsys.readouterr().out
    assert set(table_rows(text[text.index("| size |") :])) == {"sample"}
    assert "No peers in this run (`--no-peers`)" in text
    assert "without weeks` are" not in text


def test_the_recorded_weeks_table_has_a_peer_row_for_every_size():
    """bench/results.md's Weeks table as written: each size beside its peer of the run."""
    text = RESULTS.read_text(encoding="utf-8")
    section = text[text.index("<!-- weeks:start -->") : text.index("<!-- weeks:end -->")]
    made = re.search(r"Made by `(python bench/weeks\.py[^`]*)`", section)
    assert made is not None and "--no-peers" not in made.group(1), made
    rows = table_rows(section[section.index("| size |") :])
    sizes = [size for size in rows if not size.endswith(" without weeks")]
    assert sizes, rows
    for size in sizes:
        assert f"{size} without weeks" in rows, f"{size} has no peer row in the Weeks table"
        ratio = rows[size][-1]
        assert re.fullmatch(r"\d+\.\d{3}, \d+\.\d{3}", ratio), (size, ratio)
