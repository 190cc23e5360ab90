"""bench/fuzz_inputs.py on a fixed seed: thirty cases of every class, none a failure.

The fuzzer breaks the sample and a generated quarter in weeks (a cell from a hostile pool,
rows, columns, headers, ids, whole files, encodings, the workbook, settings.toml, a
check-in) and runs `validate`, `solve` and `checkin` in this process. A traceback, an exit
status SPEC does not list, a refusal that names no file or fix, `validate` and `solve`
disagreeing, or a plan the checker refuses is a failure. Its long runs are in
bench/results.md; this run keeps the classes it found fixed.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_thirty_broken_inputs_of_every_class_are_planned_or_refused_in_words(
    tmp_path, monkeypatch, capsys
):
    """Each of 30 cases (seed 7) ends in a checked plan or a refusal naming file and fix."""
    monkeypatch.setattr(sys, "path", list(sys.path))  # the script puts the project on it
    path = ROOT / "bench" / "fuzz_inputs.py"
    spec = importlib.util.spec_from_file_location("bench_fuzz_inputs", path)
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "bench_fuzz_inputs", bench)  # for its dataclasses
    spec.loader.exec_module(bench)

    table = bench.fuzz(7, 30, tmp_path / "failures", bench.CLASSES)

    out = capsys.readouterr().out
    assert sum(row["cases"] for row in table.values()) == 30
    assert sum(row["failure"] for row in table.values()) == 0, out
    assert not (tmp_path / "failures").exists(), out
    assert sum(row["clear-refusal"] for row in table.values()) > 0, out  # it broke things
