"""Issue 12: output paths. A plan is written whole where it can be, never over its
inputs or a special file; a path it cannot be written to is refused before the solve.
"""

from __future__ import annotations

import json
import os
import shutil
import threading
from pathlib import Path

import pytest
from robustness_cases import SAMPLE, assert_in_words, run_cli

from planner.core.errors import InvalidInputError
from planner.core.loading import load_with_warnings
from planner.core.output import write_text_atomic
from planner.core.plan_csv import read_plan_csv

# ---------------------------------------------------------------------------
# 4. Output paths
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("where", "words"),
    [
        ("missing/plan.csv", "does not exist"),
        (".", "is a folder"),
        ("", "--out is empty"),
        ("-", "names standard output"),  # it was written as a file named "-"
    ],
)
def test_an_out_path_that_cannot_be_a_file_is_refused_before_the_solve(
    where, words, tmp_path, monkeypatch
):
    """A missing folder, a folder, no name or standard output's ``-``: exit 2 in words, no
    solve spent and no file written."""
    from planner.solving import solver

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(solver, "solve", lambda *a, **k: pytest.fail("solved anyway"))
    code, stdout, stderr = run_cli(["solve", str(SAMPLE), "--out", where])
    assert_in_words(code, stdout, stderr)
    assert code == 2 and words in stderr and "--out" in stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "command",
    [
        ["generate", "-", "--teams", "3", "--projects", "10"],
        ["scenarios", "export", "Q3 base", "-"],
    ],
)
def test_standard_output_as_an_output_folder_is_refused_as_for_a_file(
    command, tmp_path, monkeypatch
):
    """``planner generate -`` and ``scenarios export NAME -`` made a folder named "-", where
    ``solve --out -`` is refused: "-" names standard output, and a folder of files cannot
    go there. Exit 2 in words, nothing made."""
    monkeypatch.chdir(tmp_path)
    db = tmp_path / "db.duckdb"
    if command[0] == "scenarios":
        code, _, stderr = run_cli(
            ["scenarios", "save", str(SAMPLE), "--name", "Q3 base", "--db", str(db)]
        )
        assert code == 0, stderr
        command = [*command, "--db", str(db)]
    code, stdout, stderr = run_cli(command)
    assert_in_words(code, stdout, stderr)
    assert code == 2 and "names standard output" in stderr, stderr
    assert not (tmp_path / "-").exists()


@pytest.mark.parametrize(
    "target", ["projects.csv", "settings.toml", "Goals.CSV", "link.csv", "book.xlsx", "other.toml"]
)
def test_an_out_path_that_is_an_input_is_refused_and_the_input_kept(target, tmp_path, monkeypatch):
    """``--out data/projects.csv`` (or the settings file, the workbook read, a link to a
    data file) would replace the leader's input with a plan: refused in words, before any
    solve, naming the input, and the input left byte for byte as it was.
    """
    from planner.core.workbook_writing import data_workbook
    from planner.solving import solver

    monkeypatch.setattr(solver, "solve", lambda *a, **k: pytest.fail("solved anyway"))
    data = Path(shutil.copytree(SAMPLE, tmp_path / "data"))
    (data / "goals.csv").rename(data / "Goals.CSV")  # the loader reads names in any case
    (tmp_path / "link.csv").symlink_to(data / "teams.csv")
    (tmp_path / "other.toml").write_text("[solve]\nseed = 1\n", encoding="utf-8")
    (tmp_path / "book.xlsx").write_bytes(data_workbook(load_with_warnings(data).problem))
    source = tmp_path / "book.xlsx" if target == "book.xlsx" else data
    out = data / target if (data / target).exists() else tmp_path / target
    before = {p: p.read_bytes() for p in [*data.iterdir(), *tmp_path.glob("*.*")]}
    args = ["solve", str(source), "--settings", str(tmp_path / "other.toml"), "--out", str(out)]
    code, stdout, stderr = run_cli(args)
    assert_in_words(code, stdout, stderr)
    assert code == 2 and "is an input of this command" in stderr and str(out) in stderr
    assert {p: p.read_bytes() for p in before} == before


@pytest.mark.parametrize(
    ("content", "words"),
    [("utf-16", "saved as UTF-16 text"), ("folder", "is a folder"), (None, "does not exist")],
)
def test_a_baseline_that_cannot_be_read_says_why_and_what_to_give(content, words, tmp_path):
    """--baseline of a UTF-16 file, a folder or a missing path: the reason in words and a
    fix (it used to show Python's codec error and no fix).
    """
    baseline = tmp_path / "plan.csv"
    if content == "utf-16":
        baseline.write_bytes("project_id,team_id\n".encode("utf-16"))
    elif content == "folder":
        baseline.mkdir()
    args = ["solve", str(SAMPLE), "--baseline", str(baseline), "--out", str(tmp_path / "o.csv")]
    code, stdout, stderr = run_cli(args)
    assert_in_words(code, stdout, stderr)
    assert code == 2 and words in stderr and "Fix:" in stderr and "codec" not in stderr


@pytest.mark.parametrize(
    ("line", "words"),
    [
        ("weeks_elapsed = nan", "weeks_elapsed"),
        ('achieved = { "mqls" = inf }', "achieved.mqls"),
        ('achieved = { "mqls" = 1e308 }', "larger than the planner reads"),
        ('hours_used = { "sdr" = -inf }', "hours_used.sdr"),
        ('projects = { "AW-01" = { status = "in_progress", percent_done = nan } }', "AW-01"),
    ],
)
def test_a_check_in_with_numbers_that_are_not_figures_is_refused_in_words(line, words):
    """nan weeks and an infinite KPI ended in "internal error" (exit 1), and 1e308 MQLs was
    taken as a figure; each is refused with the key named and a fix.
    """
    from planner.scenarios.checkin_toml import parse_checkin

    text = line if line.startswith("weeks") else f"weeks_elapsed = 6\n{line}"
    with pytest.raises(InvalidInputError) as raised:
        parse_checkin(text, "checkin.toml")
    shown = " ".join(str(i) for i in raised.value.issues)
    assert words in shown and "Fix:" in shown and "InvalidOperation" not in shown


def test_a_plan_may_replace_its_own_baseline(tmp_path):
    """Re-planning plan.csv into plan.csv updates the current plan: the baseline is read
    in full before the new plan replaces it in one step, so this is allowed.

    The solves end on their proof (a fifth of a second on an idle machine); the limit is
    only a bound, generous so that a machine at load 20 still proves rather than stops
    with no plan that keeps the baseline (the file handling is what is tested here).
    """
    plan = tmp_path / "plan.csv"
    assert run_cli(["solve", str(SAMPLE), "--out", str(plan), "--time-limit", "60"])[0] == 0
    args = ["solve", str(SAMPLE), "--baseline", str(plan), "--max-changes", "0"]
    code, stdout, stderr = run_cli([*args, "--out", str(plan), "--time-limit", "60"])
    assert_in_words(code, stdout, stderr)
    assert code == 0 and read_plan_csv(plan.read_text(encoding="utf-8")).assignments


def test_a_special_file_is_not_replaced_by_a_plan(tmp_path):
    """--out /dev/null (or a FIFO) is named as such; the device is never replaced."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    for target, kind in ((fifo, "named pipe"), (Path("/dev/null"), "device")):
        code, _, stderr = run_cli(["solve", str(SAMPLE), "--out", str(target)])
        assert code == 2 and kind in stderr
    assert Path("/dev/null").is_char_device()


@pytest.mark.parametrize(
    "args",
    [
        ["solve", str(SAMPLE), "--baseline", "/dev/zero"],
        ["scenarios", "sweep", str(SAMPLE), "--target", "marketing", "--baseline", "/dev/zero"],
        ["checkin-template", str(SAMPLE), "--baseline", "/dev/zero", "--weeks", "6"],
    ],
)
def test_an_endless_input_file_ends_in_a_message(args):
    """--baseline /dev/zero is refused as a device without being opened, not read forever."""
    code, stdout, stderr = run_cli(args)
    assert_in_words(code, stdout, stderr)
    assert code == 2 and "is a device" in stderr and "zero" in stderr


def test_a_symlinked_plan_is_written_through_the_link(tmp_path):
    """A plan.csv that links into a shared folder stays a link; its target gets the plan."""
    shared = tmp_path / "shared"
    shared.mkdir()
    link = tmp_path / "plan.csv"
    link.symlink_to(shared / "q3.csv")
    assert run_cli(["solve", str(SAMPLE), "--out", str(link)])[0] == 0
    assert link.is_symlink() and (shared / "q3.csv").read_text(encoding="utf-8").startswith(
        "project_id"
    )
    assert sorted(p.name for p in shared.iterdir()) == ["q3.csv"]


def test_concurrent_writers_leave_one_whole_file_and_no_temporary_files(tmp_path):
    """Several processes writing one --out: each write is whole, the last one wins."""
    target = tmp_path / "plan.csv"
    texts = [f"writer {i}\n" * 20_000 for i in range(8)]
    threads = [threading.Thread(target=write_text_atomic, args=(target, t)) for t in texts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert target.read_text(encoding="utf-8") in texts
    assert [p.name for p in tmp_path.iterdir()] == ["plan.csv"]


def test_a_full_disk_is_reported_and_the_old_plan_kept(tmp_path, monkeypatch):
    """ENOSPC mid-write: 'the disk is full', the previous plan intact, no temporary file left."""
    import errno

    target = tmp_path / "plan.csv"
    target.write_text("old plan\n", encoding="utf-8")

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(InvalidInputError, match="disk is full"):
        write_text_atomic(target, "new plan\n")
    assert target.read_text(encoding="utf-8") == "old plan\n"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.csv"]


def test_a_folder_that_refuses_new_files_is_named_by_the_flag_not_a_temporary_name(
    tmp_path, monkeypatch
):
    """`--out /proc/plan.csv` passes every check (root may write there) but no file can be
    made: the message named '/proc/.plan.csv.of4pxz0r.tmp' with no fix. It names --out and
    the path given, with the fix, and leaves nothing behind."""
    import errno
    import tempfile

    target = tmp_path / "plan.csv"

    def refused(*args, **kwargs):
        raise OSError(errno.ENOENT, "No such file or directory", str(tmp_path / ".plan.csv.x.tmp"))

    monkeypatch.setattr(tempfile, "mkstemp", refused)
    with pytest.raises(InvalidInputError) as caught:
        write_text_atomic(target, "new plan\n")
    (problem,) = caught.value.issues
    assert problem.file == f"--out {target}"
    assert ".tmp" not in str(problem) and problem.fix
    assert list(tmp_path.iterdir()) == []


def test_generate_refuses_a_folder_with_data_files_unless_forced(tmp_path):
    """A leader's real data folder is never overwritten by a synthetic one unasked."""
    folder = Path(shutil.copytree(SAMPLE, tmp_path / "mine"))
    before = (folder / "teams.csv").read_bytes()
    code, stdout, stderr = run_cli(["generate", str(folder), "--teams", "3", "--projects", "4"])
    assert_in_words(code, stdout, stderr)
    assert code == 2 and "--force" in stderr and (folder / "teams.csv").read_bytes() == before
    code, _, _ = run_cli(["generate", str(folder), "--teams", "3", "--projects", "4", "--force"])
    assert code == 0 and (folder / "teams.csv").read_bytes() != before


@pytest.mark.parametrize("sizes", [["--teams", "501"], ["--projects", "10001"], ["--goals", "-1"]])
def test_generate_sizes_are_capped(sizes, tmp_path):
    """Sizes past the caps are refused at once, naming the range, before any memory is used."""
    args = ["generate", str(tmp_path / "g"), "--teams", "3", "--projects", "4", *sizes]
    code, _, stderr = run_cli(args)
    assert code == 2 and "out of range" in stderr and not (tmp_path / "g").exists()


@pytest.mark.parametrize("out", ["/dev/stdout", "/proc/self/fd/1", "report.txt", "/dev/stderr"])
def test_an_out_path_that_is_where_the_report_goes_is_refused_as_standard_output(out, tmp_path):
    """``solve --out /dev/stdout > report.txt`` replaced report.txt with the plan, and the
    summary, printed to the file it replaced, was lost without a word (exit 0); piped, it
    read "its folder /proc/NNN/fd is the system's view of the running machine". A path
    that is the file standard output or error goes to is refused as ``-`` is, before the
    solve, and the report file is left to the report."""
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]
    report = tmp_path / "report.txt"
    with report.open("w") as stdout:
        done = subprocess.run(
            [sys.executable, "-m", "planner", "solve", str(SAMPLE), "--out", out],
            cwd=tmp_path,
            stdout=stdout,
            stderr=stdout if out == "/dev/stderr" else subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONPATH": str(root)},
            check=False,
        )
    said = report.read_text() + (done.stderr or "")
    assert done.returncode == 2, said
    assert "Traceback" not in said and "project_id," not in said, said
    assert f"--out {out}: " in said and "standard " in said, said
    assert "Give a file name, e.g. plan.csv" in said or "e.g. plan.csv" in said, said


@pytest.mark.parametrize("command", ["export", "generate"])
def test_a_zip_named_over_a_scenario_database_is_refused_with_a_name_that_works(command, tmp_path):
    """`scenarios export 1 q3.zip --force` (and `generate q3.zip --force`) where q3.zip is
    the scenario database was refused, rightly, with "Fix: Give another file name, e.g.
    plan.csv": a name export refuses in turn ("export writes a folder or one .zip, not a
    .csv file"). The example is a zip, and it is written."""
    db = tmp_path / "q3.zip"
    code, _, err = run_cli(
        ["scenarios", "--db", str(db), "save", str(SAMPLE), "--name", "q3", "--time-limit", "2"]
    )
    assert code == 0, err
    before = db.read_bytes()
    if command == "export":
        args = ["scenarios", "--db", str(db), "export", "1"]
    else:
        args = ["generate", "--teams", "2", "--projects", "3"]
    code, out, err = run_cli([*args, str(db), "--force"])
    assert_in_words(code, out, err)
    assert code == 2 and "is a DuckDB database" in err, err
    assert "e.g. plan.zip." in err and "plan.csv" not in err, err
    assert db.read_bytes() == before
    code, out, err = run_cli([*args, str(tmp_path / "plan.zip")])
    assert code == 0, err
    assert (tmp_path / "plan.zip").is_file()


def test_an_export_zip_that_is_where_the_report_goes_is_named_as_standard_output(tmp_path):
    """`scenarios export 1 q3.zip > q3.zip`: the shell makes q3.zip first, and export said
    ". already holds q3.zip ... add --force to replace it" (the current folder named as
    '.'); with --force it then refused the zip as standard output. It says so at once."""
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]
    db = tmp_path / "s.duckdb"
    code, _, err = run_cli(
        ["scenarios", "--db", str(db), "save", str(SAMPLE), "--name", "q3", "--time-limit", "2"]
    )
    assert code == 0, err
    report = tmp_path / "q3.zip"
    with report.open("w") as stdout:
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "planner",
                "scenarios",
                "--db",
                str(db),
                "export",
                "1",
                "q3.zip",
            ],
            cwd=tmp_path,
            stdout=stdout,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONPATH": str(root)},
            check=False,
        )
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert "OUT_DIR q3.zip: is the file this command's standard output is sent to" in done.stderr
    assert "already holds" not in done.stderr and "--force" not in done.stderr
    assert report.read_bytes() == b""


@pytest.mark.parametrize(
    "command",
    [
        ["scenarios", "export", "Q3 base", "new/sub/"],
        ["scenarios", "export", "Q3 base", "new/q3.zip"],
        ["generate", "new/sub/", "--teams", "2", "--projects", "3"],
        ["generate", "new/sub.xlsx", "--teams", "2", "--projects", "3"],
        ["solve", str(SAMPLE), "--out", "new/sub/plan.csv"],
        ["validate", str(SAMPLE), "--workbook", "new/sub/data.xlsx"],
        ["scenarios", "compare", "Q3 base", "Q3 base", "--out", "new/sub/c.xlsx"],
    ],
)
def test_every_output_is_made_only_in_a_folder_that_exists(command, tmp_path, monkeypatch):
    """One rule for every output, as each --help says: `scenarios export NAME new/sub/` (and
    `generate new/sub/`) made new/ and new/sub/, where `--out new/sub/plan.csv` refused the
    missing folder (a mistyped folder would hold the files). Each is refused, exit 2, its
    missing folder named, nothing made; the output folder itself is still made when new."""
    monkeypatch.chdir(tmp_path)
    db = tmp_path / "db.duckdb"
    save = ["scenarios", "--db", str(db), "save", str(SAMPLE), "--name", "Q3 base"]
    code, _, stderr = run_cli([*save, "--time-limit", "2"])
    assert code == 0, stderr
    if command[0] == "scenarios":
        command = [*command, "--db", str(db)]
    code, stdout, stderr = run_cli(command)
    assert_in_words(code, stdout, stderr)
    assert code == 2, stderr
    assert "does not exist" in stderr and "Create the folder first" in stderr, stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["db.duckdb"]
    if "generate" in command or "export" in command:  # an output folder: made in new/
        (tmp_path / "new").mkdir()
        code, _, stderr = run_cli(command)
        assert code == 0, stderr
        assert (tmp_path / next(w for w in command if w.startswith("new/"))).exists()


@pytest.mark.parametrize(
    "command",
    [
        ["scenarios", "export", "Q3 base", "/dev/null", "--json"],
        ["generate", "/dev/null", "--teams", "2", "--projects", "3", "--json"],
    ],
)
def test_a_device_as_an_output_folder_is_named_by_its_argument(command, tmp_path):
    """`scenarios export 1 /dev/full` said "/dev/full is a device, not a folder" with neither
    OUT_DIR nor "nothing was written", and its --json problem named no file, where
    `generate /dev/full` names OUT_DIR: both say it alike."""
    db = tmp_path / "db.duckdb"
    if command[0] == "scenarios":
        save = ["scenarios", "--db", str(db), "save", str(SAMPLE), "--name", "Q3 base"]
        code, _, stderr = run_cli([*save, "--time-limit", "2"])
        assert code == 0, stderr
        command = [*command, "--db", str(db)]
    code, stdout, stderr = run_cli(command)
    assert_in_words(code, stdout, stderr)
    assert code == 2 and "nothing was written" in stderr, stderr
    problem = json.loads(stdout)["problems"][0]
    assert problem["file"] == "OUT_DIR /dev/null"
    assert problem["message"].startswith("is a device, not a folder"), problem


def test_each_report_names_the_output_as_typed(tmp_path, monkeypatch):
    """A second ``solve --out sub/f.csv`` said "(replaced the f.csv that was there)": an
    f.csv of which folder, where the user typed the path? And ``scenarios export`` named
    ``./q3/`` as "q3". Every report of an output written or replaced names it as typed."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sub").mkdir()
    solve = ["solve", str(SAMPLE), "--out", "./sub//f.csv", "--time-limit", "5"]
    assert run_cli(solve)[0] == 0
    code, stdout, stderr = run_cli(solve)
    assert code == 0, stderr
    assert "plan written to ./sub//f.csv (replaced the ./sub//f.csv that was there)" in stdout
    db = tmp_path / "db.duckdb"
    save = ["scenarios", "save", str(SAMPLE), "--name", "Q3 base", "--db", str(db)]
    assert run_cli(save)[0] == 0
    for out, said in (
        ("./q3/", "scenario.json of Q3 base to ./q3/"),
        ("./q3.zip", "wrote Q3 base as one zip to ./q3.zip"),
    ):
        code, stdout, stderr = run_cli(["scenarios", "export", "Q3 base", out, "--db", str(db)])
        assert code == 0, stderr
        assert stdout.rstrip().endswith(said), stdout
