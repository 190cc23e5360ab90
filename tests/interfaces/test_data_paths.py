"""The data given as something that is no folder, workbook or zip (attack round 21).

`planner validate <(cat q3.zip)` and `cat q3.zip | planner validate /dev/stdin` read "is a
named pipe (FIFO), not a folder. Fix: Give the folder...", and `planner validate -` (the
Unix habit for standard input) "there is no such folder": neither said that the data cannot
come through a pipe, nor how to give it. A device, a link that leads back to itself and a
file that is no data keep their words; each is refused with exit 2 (SPEC: input invalid),
and nothing is opened that could block.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import planner.interfaces.checkin_cli  # noqa: F401  (registers ``checkin`` and ``checkin-template``)
from planner.interfaces.cli import main

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"

COMMANDS = [
    ["validate", "{data}"],
    ["solve", "{data}", "--out", "{tmp}/plan.csv"],
    ["explain", "{data}"],
    ["checkin", "{data}", "--baseline", "{tmp}/b.csv", "--checkin", "{tmp}/c.toml"],
    ["scenarios", "--db", "{tmp}/s.duckdb", "save", "{data}", "--name", "q3"],
]


def _run(words: list[str], data: str, tmp_path: Path, capsys) -> str:
    argv = [w.replace("{data}", data).replace("{tmp}", str(tmp_path)) for w in words]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and "internal error" not in err, err
    return err


@pytest.mark.parametrize("words", COMMANDS, ids=lambda w: w[0] if w[0] != "scenarios" else "save")
def test_data_given_through_a_pipe_says_to_save_it_to_a_file_first(words, tmp_path, capsys):
    pipe = tmp_path / "63"
    os.mkfifo(pipe)  # nobody writes into it: it must not be opened
    err = _run(words, str(pipe), tmp_path, capsys)
    assert f"error: {pipe}: is a pipe, not a folder, and the data cannot be read from one" in err
    assert "Fix: Save the data to a file first (e.g. > q3.zip or > q3.xlsx)" in err, err
    assert not (tmp_path / "plan.csv").exists() and not (tmp_path / "s.duckdb").exists()


def test_a_dash_for_the_data_names_standard_input(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    err = _run(["validate", "--", "-"], "-", tmp_path, capsys)
    assert "error: DATA_DIR -: names standard input, but the data cannot be read from a pipe" in (
        err
    )
    assert "there is no such folder" not in err


@pytest.mark.parametrize(
    ("words", "flags"),
    [
        (["solve", "{data}", "--settings", "-", "--baseline", "-"], ["--settings", "--baseline"]),
        (["checkin", "{data}", "--baseline", "plan.csv", "--checkin", "-"], ["--checkin"]),
    ],
)
def test_a_dash_for_a_file_flag_names_standard_input_too(
    words, flags, tmp_path, capsys, monkeypatch
):
    """`--settings -` read "there is no settings file at -" and `--baseline -` "the
    baseline plan - does not exist", where DATA_DIR '-' is told it names standard input."""
    monkeypatch.chdir(tmp_path)
    err = _run(words, str(SAMPLE), tmp_path, capsys)
    for flag in flags:
        assert f"{flag} - names standard input" in err, err
        assert f"Save it to a file first and give {flag} that file's path." in err, err
    assert "does not exist" not in err and "no settings file" not in err, err


def test_a_file_named_dash_is_still_read(tmp_path, capsys, monkeypatch):
    """Where a file is named '-', '-' is that file, as for DATA_DIR."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "-").write_text("[solve]\ntime_limit_s = 5\n", encoding="utf-8")
    assert main(["validate", str(SAMPLE), "--settings", "-"]) == 0, capsys.readouterr().err


@pytest.mark.parametrize(
    ("make", "said"),
    [
        (lambda tmp: Path("/dev/null"), "is a device, not a folder"),
        (lambda tmp: _loop(tmp), "that leads back to itself"),
        (lambda tmp: tmp / "none", "there is no such folder"),
        # A workbook or zip named that is not there was "no such folder" (attack round 36).
        (lambda tmp: tmp / "q3.xlsx", "there is no such workbook (no file of that name)"),
        (lambda tmp: tmp / "q3.ZIP", "there is no such zip (no file of that name)"),
    ],
)
def test_a_device_a_loop_or_nothing_keeps_its_words_and_exit_2(make, said, tmp_path, capsys):
    err = _run(["validate", "{data}"], str(make(tmp_path)), tmp_path, capsys)
    assert said in err, err


def _loop(tmp: Path) -> Path:
    (tmp / "a").symlink_to(tmp / "b")
    (tmp / "b").symlink_to(tmp / "a")
    return tmp / "a"


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["explain", str(SAMPLE), ""], "command line, PROJECT_ID: PROJECT_ID is empty. Fix: Give"),
        (["explain", str(SAMPLE), "  "], "PROJECT_ID is empty. Fix: Give a project's id, or leave"),
        (
            ["scenarios", "sweep", str(SAMPLE), "--target", ""],
            "command line, --target: --target is empty. Fix: Give sales, marketing or a team's id.",
        ),
    ],
)
def test_an_id_given_empty_is_said_to_be_empty(argv, said, capsys):
    """`planner explain data "$ID"` with ID unset read "no project has the id ''", and
    `--target ''` "'' is neither a department nor a team here", as if an id were typed."""
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert said in err and "no project has the id" not in err, err


def test_a_plan_through_dev_stdin_is_named_alike_from_a_file_or_a_pipe(small_folder, tmp_path):
    """`checkin-template --baseline /dev/stdin < plan.csv` warned of "stdin, column ...",
    where `cat plan.csv | ... --baseline /dev/stdin` warned of "/dev/stdin": one file, one
    name, the path as typed (the file's own name is not known from a descriptor)."""
    plan = tmp_path / "plan.csv"
    assert main(["solve", str(small_folder), "--out", str(plan)]) == 0
    rows = plan.read_text(encoding="utf-8").splitlines(keepends=True)
    short = tmp_path / "short.csv"
    short.write_text("".join([rows[0], *rows[2:]]), encoding="utf-8")  # a project's row gone
    words = [sys.executable, "-m", "planner", "checkin-template", str(small_folder)]
    words += ["--weeks", "1", "--baseline", "/dev/stdin"]
    env = {**os.environ, "PYTHONPATH": str(SAMPLE.parents[1])}
    said = []
    for given in ("file", "pipe"):
        with short.open("rb") as file:
            done = subprocess.run(
                words,
                stdin=file if given == "file" else None,
                input=None if given == "file" else short.read_bytes(),
                capture_output=True,
                env=env,
                timeout=120,
                check=False,
            )
        assert done.returncode == 0, done.stderr
        said.append(done.stderr.decode())
    assert all("warning: /dev/stdin, column project_id: 1 project" in err for err in said), said
