"""``planner validate DATA_DIR --workbook OUT.xlsx``: the checked data as the Data page's
workbook, written only when the data is valid, all at once, under a path every output
flag would take."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from planner.core.builder import load_problem
from planner.core.workbook_writing import data_workbook
from planner.interfaces.cli import main

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"


@pytest.fixture
def sample_copy(tmp_path) -> Path:
    return Path(shutil.copytree(SAMPLE, tmp_path / "data"))


def test_the_sample_written_as_a_workbook_loads_back_as_the_same_data(tmp_path, capsys):
    out = tmp_path / "quarter.xlsx"
    assert main(["validate", str(SAMPLE), "--workbook", str(out)]) == 0
    said = capsys.readouterr().out
    assert f"data written as a workbook to {out}" in said
    assert load_problem(out) == load_problem(SAMPLE)
    # The Data page's download, not a workbook of its own: the same sheets, the same cells.
    written, page = (
        load_workbook(out),
        load_workbook(io.BytesIO(data_workbook(load_problem(SAMPLE)))),
    )
    assert written.sheetnames == page.sheetnames
    for name in page.sheetnames:
        assert list(written[name].values) == list(page[name].values), name
    assert [p.name for p in tmp_path.iterdir()] == ["quarter.xlsx"]  # no temporary file left


def test_the_workbook_holds_the_settings_given(tmp_path, capsys):
    """--settings changes the data checked, and so the data written."""
    settings = tmp_path / "more.toml"
    settings.write_text("[capacity.multipliers]\nmarketing = 0.8\n", encoding="utf-8")
    out = tmp_path / "q.xlsx"
    assert main(["validate", str(SAMPLE), "--settings", str(settings), "--workbook", str(out)]) == 0
    assert load_problem(out) == load_problem(SAMPLE, settings)
    assert load_problem(out) != load_problem(SAMPLE)


def test_json_names_the_workbook_written(tmp_path, capsys):
    out = tmp_path / "q.xlsx"
    assert main(["validate", str(SAMPLE), "--json", "--workbook", str(out)]) == 0
    said = json.loads(capsys.readouterr().out)
    assert said["status"] == "valid" and said["workbook"] == str(out)
    assert out.is_file()


def test_data_with_a_problem_writes_nothing_and_says_why(sample_copy, tmp_path, capsys):
    teams = sample_copy / "teams.csv"
    teams.write_text(teams.read_text(encoding="utf-8").replace(",sales,", ",finance,", 1))
    out = tmp_path / "q.xlsx"
    assert main(["validate", str(sample_copy), "--workbook", str(out)]) == 2
    err = capsys.readouterr().err
    assert "teams.csv, row 2, column department" in err
    assert "nothing was written" in err
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]


def test_a_workbook_there_is_kept_when_the_data_has_a_problem(sample_copy, tmp_path, capsys):
    out = tmp_path / "q.xlsx"
    assert main(["validate", str(SAMPLE), "--workbook", str(out)]) == 0
    before = out.read_bytes()
    teams = sample_copy / "teams.csv"
    teams.write_text(teams.read_text(encoding="utf-8").replace(",sales,", ",finance,", 1))
    assert main(["validate", str(sample_copy), "--workbook", str(out), "--force"]) == 2
    assert "teams.csv, row 2, column department" in capsys.readouterr().err
    assert out.read_bytes() == before


def test_a_workbook_there_is_never_replaced_without_force(tmp_path, capsys):
    """README's example run twice (`validate data/sample --workbook our-quarter.xlsx`)
    replaced the workbook a leader had edited in between, exit 0: the edits were lost."""
    out = tmp_path / "our-quarter.xlsx"
    assert main(["validate", str(SAMPLE), "--workbook", str(out)]) == 0
    book = load_workbook(out)
    book.worksheets[0]["A2"] = "edited by a leader"
    book.save(out)
    edited = out.read_bytes()
    assert main(["validate", str(SAMPLE), "--workbook", str(out)]) == 2
    err = capsys.readouterr().err
    assert f"--workbook {out}: the file exists" in err
    assert "add --force to replace it" in err and "nothing was written" in err
    assert out.read_bytes() == edited
    assert main(["validate", str(SAMPLE), "--workbook", str(out), "--force"]) == 0
    assert f"data written as a workbook to {out}" in capsys.readouterr().out
    assert out.read_bytes() != edited
    assert load_workbook(out).worksheets[0]["A2"].value != "edited by a leader"


@pytest.mark.parametrize(
    ("workbook", "said"),
    [
        (
            "{tmp}",
            "is a folder, not a file. Fix: Name a workbook inside it, e.g. {tmp}/quarter.xlsx",
        ),
        ("{tmp}/new.xlsx/", "ends in a slash, so it names a folder, not a file"),
        (
            "{tmp}/q.csv",
            "the data is written as an Excel workbook, a file ending in .xlsx. Fix: Name it q.xlsx",
        ),
        ("{tmp}/q.ods", "not .ods files"),
        ("{tmp}/missing/q.xlsx", "does not exist"),
    ],
)
def test_a_path_no_output_takes_is_refused(tmp_path, capsys, workbook, said):
    given = workbook.format(tmp=tmp_path)
    assert main(["validate", str(SAMPLE), "--workbook", given]) == 2
    err = capsys.readouterr().err
    assert f"--workbook {given}" in err and said.format(tmp=tmp_path) in err
    assert list(tmp_path.iterdir()) == []


def test_the_input_itself_is_refused(sample_copy, tmp_path, capsys):
    book = tmp_path / "q.xlsx"
    assert main(["validate", str(sample_copy), "--workbook", str(book)]) == 0
    before = book.read_bytes()
    assert main(["validate", str(book), "--workbook", str(book)]) == 2
    assert "is an input of this command" in capsys.readouterr().err
    assert book.read_bytes() == before
    teams = sample_copy / "teams.csv"
    text = teams.read_bytes()
    assert main(["validate", str(sample_copy), "--workbook", str(teams)]) == 2
    err = capsys.readouterr().err
    # The fix offers a workbook, which the flag takes, not a plan.csv it refuses.
    assert "is an input of this command" in err and "e.g. plan.xlsx" in err
    assert "plan.csv" not in err
    assert teams.read_bytes() == text


def test_standard_output_is_refused_with_a_workbook_to_name_instead(tmp_path, capsys):
    assert main(["validate", str(SAMPLE), "--workbook", "-"]) == 2
    err = capsys.readouterr().err
    assert "names standard output" in err and "e.g. plan.xlsx" in err
    assert "plan.csv" not in err


def test_odd_names_are_refused_by_the_flag(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["validate", str(SAMPLE), "--workbook", "-q.xlsx"])
    assert exit_.value.code == 2
    assert "--workbook ./-q.xlsx" in capsys.readouterr().err
    assert main(["validate", str(SAMPLE), "--workbook", f"{tmp_path}/q.xlsx "]) == 2
    assert f"Give --workbook '{tmp_path}/q.xlsx'" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("out", ["our-quarter.xlsx", "data/teams.csv"])
def test_a_plan_is_never_written_over_data_a_leader_may_have_edited(
    sample_copy, tmp_path, capsys, monkeypatch, out
):
    """`solve --out our-quarter.xlsx` replaced the workbook this command wrote for the
    leader to edit (a plan replaces a plan without --force; data is never replaced)."""
    monkeypatch.chdir(tmp_path)
    assert main(["validate", str(SAMPLE), "--workbook", "our-quarter.xlsx"]) == 0
    before = (tmp_path / out).read_bytes()
    assert main(["solve", str(SAMPLE), "--out", out, "--time-limit", "5"]) == 2
    err = capsys.readouterr().err
    assert f"--out {out}: the file there holds data" in err and "Name another file" in err
    assert (tmp_path / out).read_bytes() == before
    assert main(["solve", str(SAMPLE), "--out", "plan.csv", "--time-limit", "5"]) == 0
    assert main(["solve", str(SAMPLE), "--out", "plan.csv", "--time-limit", "5"]) == 0
    assert "(replaced the plan.csv that was there)" in capsys.readouterr().out
