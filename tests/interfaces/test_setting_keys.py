"""A setting's or a check-in's key is called a key, whatever its file is named (round 21).

`--settings <(printf 'seed = "x"')`, a settings.txt and a check-in saved as week6.txt read
"column solve.seed" (the word went by the file's name: a .toml had keys, anything else
columns), and a workbook's settings sheet "row 4, column solve.seed", where its columns
are key and value. Keys are keys; the sheet's own cells stay columns.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

import planner.interfaces.checkin_cli  # noqa: F401  (registers ``checkin`` and ``checkin-template``)
from planner.interfaces.cli import main

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"


def _errors(argv: list[str], capsys: pytest.CaptureFixture[str]) -> list[str]:
    assert main(argv) == 2
    return [line for line in capsys.readouterr().err.splitlines() if line.startswith("error:")]


@pytest.mark.parametrize("name", ["settings.txt", "what-if", "settings.TOML"])
def test_a_settings_file_of_any_name_names_its_keys(name, tmp_path, capsys):
    settings = tmp_path / name
    settings.write_text('[solve]\nseed = "x"\n')
    errors = _errors(["validate", str(SAMPLE), "--settings", str(settings)], capsys)
    assert errors == [
        f"error: {name}, key solve.seed: 'x' is not a whole number from 0 to 2147483647. "
        "Fix: Write a whole number from 0 to 2147483647, e.g. 0."
    ]
    # A multiplier is checked against the data's teams, after the file is read.
    settings.write_text("[capacity.multipliers]\nnobody = 2\n")
    errors = _errors(["validate", str(SAMPLE), "--settings", str(settings)], capsys)
    assert errors and errors[0].startswith(
        f"error: {name}, key capacity.multipliers.nobody: no department or team"
    ), errors


def test_a_settings_sheet_names_the_setting_as_a_key_on_its_row(tmp_path, capsys):
    book = tmp_path / "q.xlsx"
    assert main(["generate", str(book), "--teams", "3", "--projects", "5"]) == 0
    workbook = openpyxl.load_workbook(book)
    sheet = workbook["settings"]
    row = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == "solve.seed")
    sheet.cell(row, 2).value = "x"
    workbook.save(book)
    capsys.readouterr()
    errors = _errors(["validate", str(book)], capsys)
    said = f"error: q.xlsx, sheet settings, row {row}, key solve.seed: 'x' is not a whole"
    assert any(e.startswith(said) for e in errors), errors
    # A value without its key is a cell's problem: the sheet's column key.
    sheet.cell(row, 2).value = 0
    sheet.cell(sheet.max_row + 1, 2).value = "lost"
    workbook.save(book)
    errors = _errors(["validate", str(book)], capsys)
    assert any(", column key: the value 'lost' has no key" in e for e in errors), errors


def test_a_checkin_saved_under_another_name_names_its_keys(tmp_path, capsys):
    baseline = tmp_path / "plan.csv"
    assert main(["solve", str(SAMPLE), "--out", str(baseline)]) == 0
    capsys.readouterr()
    assert main(["checkin-template", str(SAMPLE), "--baseline", str(baseline), "--weeks", "6"]) == 0
    checkin = tmp_path / "week6.txt"
    text = capsys.readouterr().out.replace("weeks_elapsed = 6\n", "weeks_elapsed = 60.0\n")
    checkin.write_text(text, encoding="utf-8")
    argv = ["checkin", str(SAMPLE), "--baseline", str(baseline), "--checkin", str(checkin)]
    errors = _errors([*argv, "--out", str(tmp_path / "rest.csv")], capsys)
    assert errors and all("week6.txt, key " in e for e in errors), errors


@pytest.mark.parametrize(("line", "section"), [("seed = 3", "solve"), ("fit = 0.1", "weights")])
def test_a_setting_before_any_section_is_told_its_section(line, section, tmp_path, capsys):
    """`seed = 3` on a settings file's first line read "unknown section [seed]", of a key
    with no brackets, naming no section to put it under."""
    settings = tmp_path / "what-if.txt"
    settings.write_text(line + "\n")
    errors = _errors(["validate", str(SAMPLE), "--settings", str(settings)], capsys)
    key = line.split(" ")[0]
    assert errors == [
        f"error: what-if.txt, key {key}: {key} is written before any [section], so it is no "
        f"setting. Fix: Move it under [{section}], or write [{section}] on a line above it."
    ]


def test_an_unknown_key_before_any_section_is_not_called_a_section(tmp_path, capsys):
    """`x = 1` on a settings file's first line read "unknown section [x]" (attack round 30):
    a key with no brackets, and no setting of any section is called so."""
    settings = tmp_path / "what-if.txt"
    settings.write_text("x = 1\n")
    errors = _errors(["validate", str(SAMPLE), "--settings", str(settings)], capsys)
    assert errors == [
        "error: what-if.txt, key x: x is written before any [section], and no setting is "
        "called x. Fix: Delete it, or write the setting meant under its section: [solve], "
        "[capacity], [stages], [weights] or [calendar]."
    ]
