"""`planner checkin --unlock ID ...` beside the data folder.

`--unlock` takes every word after it as a project id, so `planner checkin --baseline
plan.csv --checkin c.toml --unlock AW-02 data/sample` read the data folder as a second id
and stopped at "the following arguments are required: data_dir", though it was given.
"""

from __future__ import annotations

import contextlib
import io
import json
import tomllib
from pathlib import Path

import pytest

from planner.interfaces.cli import main

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"


@pytest.fixture(scope="module")
def week6(tmp_path_factory) -> tuple[Path, Path, str]:
    """The sample's plan, its check-in at week 6 as planned, and one project in progress."""
    folder = tmp_path_factory.mktemp("unlock")
    plan, checkin = folder / "plan.csv", folder / "week6.toml"
    assert main(["solve", str(SAMPLE), "--out", str(plan), "--time-limit", "3"]) == 0
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(["checkin-template", str(SAMPLE), "--baseline", str(plan), "--weeks", "6"])
    assert code == 0
    checkin.write_text(out.getvalue(), encoding="utf-8")
    projects = tomllib.loads(out.getvalue())["projects"]
    started = next(p for p, s in projects.items() if isinstance(s, dict))
    return plan, checkin, started


def test_the_data_folder_after_unlock_ids_is_the_data(week6, tmp_path, capsys):
    """`--unlock ID DATA_DIR` (the data last, as most commands take it): the last word is
    an existing folder and the command has no data otherwise, so it is the data; the
    re-plan runs with ID unlocked."""
    plan, checkin, started = week6
    out = tmp_path / "rest.csv"
    args = ["checkin", "--baseline", str(plan), "--checkin", str(checkin), "--out", str(out)]
    assert main([*args, "--unlock", started, str(SAMPLE)]) == 0
    assert out.exists()
    assert "required" not in capsys.readouterr().err


def test_a_missing_data_folder_after_unlock_says_where_the_words_went(week6, tmp_path, capsys):
    """No data folder at all (or a typo for one) after --unlock: the message says that
    --unlock took those words as ids and how to give the data, exit 2, nothing written."""
    plan, checkin, started = week6
    out = tmp_path / "rest.csv"
    args = ["checkin", "--baseline", str(plan), "--checkin", str(checkin), "--out", str(out)]
    assert main([*args, "--unlock", started, str(tmp_path / "no-such-folder")]) == 2
    err = capsys.readouterr().err
    assert "--unlock" in err and "no-such-folder" in err and "DATA_DIR" in err
    assert "Traceback" not in err and not out.exists()


def test_no_data_folder_and_no_unlock_says_to_give_it(week6, tmp_path, capsys):
    """Without --unlock a missing data folder is a wrong command line (exit 2), said in
    words with the command's shape."""
    plan, checkin, _ = week6
    args = ["checkin", "--baseline", str(plan), "--checkin", str(checkin)]
    assert main([*args, "--out", str(tmp_path / "rest.csv")]) == 2
    err = capsys.readouterr().err
    assert "no data folder was given." in err and "planner checkin DATA_DIR" in err
    assert "--unlock ID" not in err


@pytest.mark.parametrize("data_last", [False, True])
def test_unlock_with_no_id_says_what_it_expects(week6, tmp_path, capsys, data_last):
    """`--unlock` with no id after it (or only the data folder) unlocked nothing and the
    re-plan ran as if it had not been typed. It is refused (exit 2, nothing written), the
    fix naming the projects in progress one may unlock."""
    plan, checkin, started = week6
    out = tmp_path / "rest.csv"
    args = ["checkin", "--baseline", str(plan), "--checkin", str(checkin), "--out", str(out)]
    words = [*args, "--unlock", str(SAMPLE)] if data_last else [*args, str(SAMPLE), "--unlock"]
    assert main([*words, "--json"] if not data_last else words) == 2
    captured = capsys.readouterr()
    assert "--unlock was given no project id" in captured.err and started in captured.err
    assert "Traceback" not in captured.err and not out.exists()
    if not data_last:
        (problem,) = json.loads(captured.out)["problems"]
        assert problem["column"] == "--unlock" and started in problem["fix"]


def test_an_empty_unlock_id_is_said_to_be_empty(week6, tmp_path, capsys):
    """`--unlock "$ID"` with ID unset read "no project has the id ''", as if an id had been
    typed (an empty PROJECT_ID and `--target ''` are said to be empty). It is said to be
    empty, the fix naming the projects in progress; nothing written."""
    plan, checkin, started = week6
    out = tmp_path / "rest.csv"
    args = ["checkin", str(SAMPLE), "--baseline", str(plan), "--checkin", str(checkin)]
    assert main([*args, "--out", str(out), "--unlock", "", "--json"]) == 2
    (problem,) = json.loads(capsys.readouterr().out)["problems"]
    assert problem["message"] == "--unlock was given an empty id ('')."
    assert problem["column"] == "--unlock" and started in problem["fix"]
    assert not out.exists()


def test_the_unlock_help_says_a_project_let_move_may_be_left_out(capsys):
    """`--unlock` read "in-progress projects that may change team": a project let move may
    also be left out of the re-plan, which the Check-in page says before its re-plan."""
    with pytest.raises(SystemExit):
        main(["checkin", "--help"])
    said = " ".join(capsys.readouterr().out.split())
    assert "may change team, or be left out of the re-plan" in said, said
