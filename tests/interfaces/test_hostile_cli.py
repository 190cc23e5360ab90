"""The command line's file arguments beyond the data folder, given things that are not files.

``--baseline``, ``--checkin`` and ``--since`` name a plan.csv or a check-in
TOML. A named pipe there used to block ``open()`` for good (the command
never answered); a folder or a device must be named for what it is too,
as the data folder's files already are.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import threading
from pathlib import Path

import pytest

import planner.interfaces.checkin_cli  # noqa: F401  (registers ``checkin`` and ``checkin-template``)
from planner.core import pipes
from planner.interfaces.cli import main
from planner.scenarios.checkin import ProjectStatus
from planner.scenarios.checkin_toml import parse_checkin

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data" / "sample-without-weeks"


def run_cli_within(args: list[str], seconds: float = 60.0) -> tuple[int, str, str]:
    """``planner ARGS`` in a thread: a hang is a failure after ``seconds``, not a stuck suite."""
    out, err = io.StringIO(), io.StringIO()
    answer: list[int] = []

    def run() -> None:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                answer.append(main(args))
            except SystemExit as exc:
                answer.append(exc.code if isinstance(exc.code, int) else 2)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        # Release a reader blocked on a FIFO so that the thread ends with the test.
        for arg in args:
            with contextlib.suppress(OSError):
                if Path(arg).is_fifo():
                    os.close(os.open(arg, os.O_WRONLY | os.O_NONBLOCK))
        pytest.fail(f"planner {' '.join(args)} did not answer within {seconds} s")
    return answer[0], out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def plan_csv(tmp_path_factory) -> Path:
    """A plan.csv of the sample without weeks, written by ``planner solve``."""
    out = tmp_path_factory.mktemp("plan") / "plan.csv"
    code, _, err = run_cli_within(["solve", str(DATA), "--out", str(out), "--time-limit", "2"])
    assert code == 0, err
    return out


@pytest.fixture(scope="module")
def checkin_toml(plan_csv, tmp_path_factory) -> Path:
    """The check-in TOML of week 3 of a quarter that went to plan."""
    args = ["checkin-template", str(DATA), "--baseline", str(plan_csv), "--weeks", "3"]
    code, out, err = run_cli_within(args)
    assert code == 0, err
    path = tmp_path_factory.mktemp("checkin") / "checkin.toml"
    path.write_text(out, encoding="utf-8")
    return path


def _not_a_file(kind: str, tmp_path: Path) -> Path:
    if kind == "fifo":
        os.mkfifo(tmp_path / "pipe.csv")
        return tmp_path / "pipe.csv"
    if kind == "folder":
        (tmp_path / "plan.csv").mkdir()
        return tmp_path / "plan.csv"
    return Path("/dev/zero")


_WORDS = {
    "fifo": "named pipe (FIFO) or a shell's <(...), and nothing finished writing",
    "folder": "is a folder",
    "device": "is a device",
}


@pytest.mark.parametrize("kind", ["fifo", "folder", "device"])
@pytest.mark.parametrize("flag", ["solve --baseline", "checkin --checkin", "checkin --since"])
def test_a_plan_or_check_in_path_that_is_not_a_file_is_named_and_never_waited_on(
    flag, kind, plan_csv, checkin_toml, tmp_path, monkeypatch
):
    """A FIFO given as --baseline, --checkin or --since hung the command for good (open()
    waits for a writer); a folder or a device is named for what it is, exit 2, nothing written.
    A pipe is read as the file would be now, for a while: one nobody writes to is said so.
    """
    monkeypatch.setattr(pipes, "PIPE_WAIT_S", 0.2)
    bad = str(_not_a_file(kind, tmp_path))
    out = tmp_path / "out.csv"
    command, option = flag.split()
    if command == "solve":
        args = ["solve", str(DATA), "--baseline", bad, "--time-limit", "2", "--out", str(out)]
    else:
        args = ["checkin", str(DATA), "--baseline", str(plan_csv), "--out", str(out)]
        args += ["--checkin", bad if option == "--checkin" else str(checkin_toml)]
        if option == "--since":
            args += ["--since", bad]
    code, _, stderr = run_cli_within(args)
    assert code == 2, stderr
    assert _WORDS[kind] in stderr and "internal error" not in stderr
    assert not out.exists()


def _written_into(path: Path, data: bytes) -> threading.Thread:
    """A writer of ``data`` into the pipe ``path``, as a shell's ``<(...)`` is."""

    def write() -> None:
        with contextlib.suppress(BrokenPipeError), path.open("wb") as pipe:
            pipe.write(data)  # a reader past its cap closes the pipe early

    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    return writer


@pytest.mark.parametrize("flag", ["--settings", "--baseline", "--checkin"])
def test_a_file_given_through_a_pipe_is_read_as_the_file_would_be(
    flag, plan_csv, checkin_toml, tmp_path
):
    """`--settings <(printf ...)` (a shell's process substitution, a pipe) was refused as
    "a named pipe (FIFO), not a settings file": a file of bounded size read once is read
    from a pipe too, at most the file's cap, and what it holds is checked as the file's."""
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    given = {
        "--settings": b"[solve]\nseed = 1e3\n",
        "--baseline": plan_csv.read_bytes(),
        "--checkin": checkin_toml.read_bytes(),
    }[flag]
    writer = _written_into(pipe, given)
    if flag == "--settings":
        args = ["validate", str(DATA), "--settings", str(pipe)]
    else:
        baseline, checkin = (pipe, checkin_toml) if flag == "--baseline" else (plan_csv, pipe)
        args = ["checkin", str(DATA), "--baseline", str(baseline), "--checkin", str(checkin)]
        args += ["--time-limit", "2"]
    code, out, stderr = run_cli_within(args)
    writer.join(5)
    assert "named pipe" not in stderr and "internal error" not in stderr, stderr
    if flag == "--settings":  # read, and its figure said as the pipe wrote it
        assert code == 2 and "1e3 is written with an exponent" in stderr, stderr
        assert f"{pipe}, " in stderr  # named by its path, not "pipe" alone
    else:
        assert code == 0, stderr
        assert "goal progress" in out


def test_a_pipe_past_the_settings_cap_is_refused_as_too_large(tmp_path):
    """A pipe that never ends (`<(yes)`) is read to the settings cap, then refused."""
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    writer = _written_into(pipe, b"#" * (2 * 2**20))
    code, _, stderr = run_cli_within(["validate", str(DATA), "--settings", str(pipe)])
    assert code == 2 and "at most 1,048,576 bytes" in stderr, stderr
    writer.join(5)


def _edited_plan(plan_csv: Path, tmp_path: Path, column: str, value: str, row: int = 0) -> Path:
    """``plan_csv`` with one cell of its ``row``-th assigned row set to ``value``."""
    import csv

    rows = list(csv.DictReader(plan_csv.read_text(encoding="utf-8").splitlines()))
    assigned = [r for r in rows if r["team_id"]]
    assigned[row][column] = value
    out = tmp_path / "edited.csv"
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return out


STEPS = ["--steps", "2", "--time-limit", "1"]


def test_a_baseline_project_no_longer_in_the_data_is_left_out_as_the_warning_says(
    plan_csv, checkin_toml, tmp_path
):
    """A baseline from before a project was deleted: solve --baseline warned 'ignored', then
    ended in 'internal error (KeyError)'; now every command that takes a baseline plans
    without it and says so."""
    baseline = str(_edited_plan(plan_csv, tmp_path, "project_id", "GONE-1"))
    out = tmp_path / "out.csv"
    commands = [
        ["solve", str(DATA), "--baseline", baseline, "--time-limit", "2", "--out", str(out)],
        ["checkin-template", str(DATA), "--baseline", baseline, "--weeks", "3"],
        ["scenarios", "sweep", str(DATA), "--target", "sales", "--baseline", baseline, *STEPS],
    ]
    for args in commands:
        code, _, stderr = run_cli_within(args)
        assert code == 0, (args[0], stderr)
        assert "GONE-1" in stderr and "not in the data" in stderr


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("value", "nan"),
        ("effort_hours", "1e308"),
        ("share", "inf"),
        ("share", "7"),
        ("value", "-5"),
    ],
)
def test_a_baseline_number_no_plan_can_hold_is_named_by_row_and_column(
    plan_csv, tmp_path, column, value
):
    """'nan', 1e308, a share of 7 or a negative value in a baseline's cell: refused naming
    the cell (checkin-template ended in 'internal error (InvalidOperation)')."""
    baseline = str(_edited_plan(plan_csv, tmp_path, column, value))
    out = str(tmp_path / "out.csv")
    for args in (
        ["checkin-template", str(DATA), "--baseline", baseline, "--weeks", "3"],
        ["solve", str(DATA), "--baseline", baseline, "--time-limit", "2", "--out", out],
    ):
        code, _, stderr = run_cli_within(args)
        assert code == 2, stderr
        assert f"edited.csv, row 2, column {column}" in stderr and "Fix:" in stderr


@pytest.mark.parametrize(
    "args",
    [
        ["solve", str(DATA), "--out", "a\x00b.csv"],
        ["solve", str(DATA), "--settings", "a\x00b"],
        ["solve", str(DATA), "--baseline", "a\x00b"],
        ["generate", "a\x00b", "--teams", "2", "--projects", "2"],
        ["validate", f"{DATA}\x00"],
    ],
)
def test_an_argument_holding_a_nul_character_is_refused_in_words(args, tmp_path, monkeypatch):
    """A NUL inside a path (possible when main() is called with a list) ended in 'internal
    error (ValueError: embedded null byte)', exit 1; it is named, exit 2, nothing written."""
    monkeypatch.chdir(tmp_path)
    code, _, stderr = run_cli_within(args)
    assert code == 2 and "internal error" not in stderr
    assert "\\x00" in stderr and "Fix:" in stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("args", "flag"),
    [
        (["scenarios", "--db", "", "list"], "--db"),
        (["solve", str(DATA), "--settings", " "], "--settings"),
        (["solve", str(DATA), "--baseline", ""], "--baseline"),
        (["solve", str(DATA), "--out", ""], "--out"),
        (["generate", "", "--teams", "2", "--projects", "2", "--force"], "OUT_DIR"),
        (["scenarios", "--db", "s.duckdb", "export", "a", " ", "--force"], "OUT_DIR"),
    ],
)
def test_an_empty_file_flag_is_named_not_read_as_the_current_folder(
    args, flag, tmp_path, monkeypatch
):
    """`--db ''` read as the current folder ("The scenario database /home/... is a folder",
    exit 1), `--baseline ''` as "the baseline plan . is a folder" under an empty file name,
    `--out ''` as "--out .", and `generate '' --force` wrote a data folder into the current
    folder: the flag is named as empty, exit 2, and nothing is created."""
    monkeypatch.chdir(tmp_path)
    code, _, stderr = run_cli_within(args)
    assert code == 2 and f"{flag} is empty" in stderr and "Fix:" in stderr
    assert list(tmp_path.iterdir()) == []


def test_an_out_path_ending_in_a_slash_is_named_as_a_folder(tmp_path, monkeypatch):
    """--out reports/ wrote a file named 'reports'; the slash names a folder: refused, with
    the file to give inside it, before the solve."""
    monkeypatch.chdir(tmp_path)
    code, _, stderr = run_cli_within(["solve", str(DATA), "--out", "reports/"])
    assert code == 2 and "reports/plan.csv" in stderr
    assert list(tmp_path.iterdir()) == []


def test_a_generated_folder_is_readable_as_any_new_file_is(tmp_path):
    """generate wrote its CSV files readable by their owner alone (0600, from the temporary
    files), where plan.csv and scenario exports get the usual 0644 under umask 022."""
    umask = os.umask(0o022)
    try:
        code, _, stderr = run_cli_within(
            ["generate", str(tmp_path / "q"), "--teams", "2", "--projects", "3"]
        )
    finally:
        os.umask(umask)
    assert code == 0, stderr
    modes = {p.name: p.stat().st_mode & 0o777 for p in (tmp_path / "q").iterdir()}
    assert set(modes.values()) == {0o644}, modes


def test_a_checkin_re_plan_to_an_xlsx_name_is_a_workbook_as_solve_writes(
    plan_csv, checkin_toml, tmp_path
):
    """checkin --out rest.xlsx wrote CSV text under a workbook's name (Excel refuses it);
    it writes the plan workbook, as solve --out plan.xlsx does."""
    from openpyxl import load_workbook

    out = tmp_path / "rest.xlsx"
    args = ["checkin", str(DATA), "--baseline", str(plan_csv), "--checkin", str(checkin_toml)]
    code, _, stderr = run_cli_within([*args, "--out", str(out)])
    assert code == 0, stderr
    book = load_workbook(out, read_only=True)
    assert "Plan" in book.sheetnames
    header = next(book["Plan"].iter_rows(max_row=1, values_only=True))
    assert header[0] == "Project ID"


def test_a_comparison_out_path_ending_in_a_slash_is_refused(tmp_path):
    """scenarios compare --out c.xlsx/ wrote a file named c.xlsx: the slash names a folder."""
    db = str(tmp_path / "s.duckdb")
    for name, limit in (("a", "1"), ("b", "2")):  # other inputs: the same are saved once
        save = ["scenarios", "--db", db, "save", str(DATA), "--name", name, "--time-limit", limit]
        assert run_cli_within(save)[0] == 0
    out = tmp_path / "c.xlsx"
    compare = ["scenarios", "--db", db, "compare", "a", "b", "--out", f"{out}/"]
    code, _, stderr = run_cli_within(compare)
    assert code == 2 and "ends in a slash" in stderr and not out.exists()


def test_a_scenario_export_to_a_device_or_pipe_names_what_it_is(tmp_path):
    """scenarios export NAME /dev/null said '/dev/null is a file, not a folder'."""
    db = str(tmp_path / "s.duckdb")
    save = ["scenarios", "--db", db, "save", str(DATA), "--name", "a", "--time-limit", "1"]
    assert run_cli_within(save)[0] == 0
    os.mkfifo(tmp_path / "pipe")
    for target, words in (("/dev/null", "is a device"), (str(tmp_path / "pipe"), "named pipe")):
        code, _, stderr = run_cli_within(["scenarios", "--db", db, "export", "a", target])
        assert code == 2 and words in stderr and "not a folder" in stderr


def test_generate_into_a_device_or_pipe_names_what_it_is(tmp_path):
    """`generate PIPE` said 'is a file, not a folder' of a named pipe (attack round 12), where
    `scenarios export` names it."""
    os.mkfifo(tmp_path / "pipe")
    for target, words in (("/dev/null", "is a device"), (str(tmp_path / "pipe"), "named pipe")):
        code, _, stderr = run_cli_within(["generate", target, "--teams", "2", "--projects", "2"])
        assert code == 2 and words in stderr and "not a folder" in stderr, stderr


def test_no_output_replaces_the_scenario_database(tmp_path):
    """`solve --out` given the scenario database replaced it with a plan.csv, and `scenarios
    compare --out DB --force` (a database named .xlsx) with a workbook: every saved scenario
    was gone. Both are refused, naming the database; the scenarios stay."""
    db = tmp_path / "scenarios.xlsx"
    save = ["scenarios", "--db", str(db), "save", str(DATA), "--name", "a", "--time-limit", "1"]
    assert run_cli_within(save)[0] == 0
    before = db.read_bytes()
    compare = ["scenarios", "--db", str(db), "compare", "a", "a", "--out", str(db), "--force"]
    solve = ["solve", str(DATA), "--out", str(db), "--time-limit", "1"]
    for args in (compare, solve):
        code, _, stderr = run_cli_within(args)
        assert code == 2 and "is a DuckDB database" in stderr, stderr
        assert db.read_bytes() == before
    code, stdout, _ = run_cli_within(["scenarios", "--db", str(db), "list"])
    assert code == 0 and " a " in stdout


def test_ids_on_the_command_line_are_compared_as_in_the_data(plan_csv, tmp_path):
    """SPEC compares ids trimmed and NFC-normalised. `explain` trimmed its id but did not
    normalise it; `checkin --unlock ' AW-02'` and `sweep --target ' sdr'` did neither and
    were refused ("no project has the id ' AW-02'"). Each now finds its id."""
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    for name in ("projects.csv", "rules.csv", "estimates.csv"):
        path = data / name
        path.write_text(path.read_text(encoding="utf-8").replace("AW-03", "AW-caf\u00e9"))
    code, stdout, stderr = run_cli_within(["explain", str(data), "AW-cafe\u0301", "--json"])
    assert code == 0 and json.loads(stdout)["project_id"] == "AW-caf\u00e9", stderr
    checkin = tmp_path / "checkin.toml"
    template = ["checkin-template", str(DATA), "--baseline", str(plan_csv), "--weeks", "6"]
    code, stdout, stderr = run_cli_within(template)
    assert code == 0, stderr
    checkin.write_text(stdout, encoding="utf-8")
    progress = parse_checkin(stdout).projects.items()
    started = next(p for p, s in progress if s.status is ProjectStatus.IN_PROGRESS)
    replan = ["checkin", str(DATA), "--baseline", str(plan_csv), "--checkin", str(checkin)]
    out = ["--out", str(tmp_path / "rest.csv"), "--unlock", f" {started} "]
    code, _, stderr = run_cli_within([*replan, *out])
    assert code == 0, stderr
    sweep = ["scenarios", "--db", str(tmp_path / "s.duckdb"), "sweep", str(DATA), "--steps", "1"]
    code, stdout, stderr = run_cli_within([*sweep, "--target", " sdr ", "--from", "1", "--to", "1"])
    assert code == 0 and "100 %" in stdout, stderr


def test_a_workbook_given_as_settings_is_named_as_a_workbook(tmp_path):
    """`validate DATA --settings quarter.xlsx` said 'not UTF-8 text' and told the leader to
    re-save it in Notepad; it is a workbook, whose settings sheet is read with the workbook."""
    book = tmp_path / "quarter.xlsx"
    assert run_cli_within(["generate", str(book), "--teams", "2", "--projects", "3"])[0] == 0
    code, _, stderr = run_cli_within(["validate", str(DATA), "--settings", str(book)])
    assert code == 2
    assert "quarter.xlsx: the file is a workbook, not settings TOML" in stderr
    assert "Notepad" not in stderr


def test_a_plan_or_comparison_workbook_given_as_the_data_is_named_as_a_report(tmp_path):
    """`solve plan.xlsx` read the plan's Goals sheet as goals.csv: a dozen warnings about
    'typical outcome' columns and errors for missing teams and projects sheets; a
    comparison.xlsx, whose Teams sheet has no team_id, read the same. Each is one problem:
    the file is a report, not the quarter's data."""
    book, comparison, db = tmp_path / "plan.xlsx", tmp_path / "c.xlsx", str(tmp_path / "s.db")
    solve = ["solve", str(DATA), "--out", str(book), "--time-limit", "2"]
    assert run_cli_within(solve)[0] == 0
    save = ["scenarios", "--db", db, "save", str(DATA), "--name", "a", "--time-limit", "2"]
    assert run_cli_within(save)[0] == 0
    compare = ["scenarios", "--db", db, "compare", "a", "a", "--out", str(comparison)]
    assert run_cli_within(compare)[0] == 0
    for report in (book, comparison):
        code, _, stderr = run_cli_within(["validate", str(report)])
        assert code == 2
        assert f"{report.name}: it is a report the planner wrote (its Summary sheet)" in stderr
        assert "1 problem found" in stderr and "warning" not in stderr


@pytest.mark.parametrize(
    "command",
    [["list"], ["show", "q3"], ["export", "q3", "out"], ["compare", "1", "2"], ["delete", "1"]],
)
def test_a_mistyped_database_path_is_named_and_never_created(command, tmp_path, monkeypatch):
    """``scenarios list --db plans/q3.duckbd`` made an empty database there (and its
    folders) and said no scenario was saved yet, as if that were the leader's file: only
    ``save`` makes the database; every other command names the path that has none."""
    import planner.interfaces.scenario_cli  # noqa: F401  (registers ``scenarios``)

    monkeypatch.chdir(tmp_path)
    typo = tmp_path / "plans" / "q3.duckbd"
    code, out, err = run_cli_within(["scenarios", "--db", str(typo), *command])
    assert not typo.parent.exists()
    assert f"no scenario database at {typo}" in out + err
    assert code == (0 if command == ["list"] else 2)


def test_a_folder_named_like_a_workbook_or_zip_gets_a_fix_of_that_kind(tmp_path, monkeypatch):
    """A folder named q3.zip or q3.xlsx in the way: generate was told to name
    'q3.zip/plan.csv' (it refuses .csv), and a scenario export to it to add --force, which
    then failed on the folder. The example file is of the kind asked for, and --force is
    not offered where it cannot help."""
    import planner.interfaces.scenario_cli  # noqa: F401  (registers ``scenarios``)

    monkeypatch.chdir(tmp_path)
    (tmp_path / "q3.zip").mkdir()
    code, _, err = run_cli_within(["generate", "q3.zip", "--teams", "2", "--projects", "2"])
    assert code == 2 and "e.g. q3.zip/quarter.zip" in err and "plan.csv" not in err
    db = str(tmp_path / "s.duckdb")
    save = ["scenarios", "--db", db, "save", str(DATA), "--name", "q3", "--time-limit", "2"]
    assert run_cli_within(save)[0] == 0
    code, _, err = run_cli_within(["scenarios", "--db", db, "export", "q3", "q3.zip"])
    assert code == 2 and "is a folder" in err and "--force" not in err


LONG = "a" * 300


@pytest.mark.parametrize(
    ("args", "flag"),
    [
        (["solve", str(DATA), "--out", f"{LONG}.csv"], "--out"),
        (["solve", str(DATA), "--settings", f"{LONG}.toml"], "--settings"),
        (["solve", str(DATA), "--baseline", f"x/{LONG}/plan.csv"], "--baseline"),
        (["generate", LONG, "--teams", "2", "--projects", "2"], "OUT_DIR"),
        (["validate", LONG], "DATA_DIR"),
        (["scenarios", "--db", f"{LONG}.duckdb", "list"], "--db"),
        # --baseline-data was not among the paths checked: 'File name too long.' under the
        # whole 300-character name as if it were a file's, no flag.
        (["solve", str(DATA), "--baseline", "p.csv", "--baseline-data", LONG], "--baseline-data"),
        (["explain", str(DATA), "--baseline", "p.csv", "--baseline-data", LONG], "--baseline-data"),
    ],
)
def test_a_name_longer_than_a_file_name_can_be_is_refused_with_the_fix(
    args, flag, tmp_path, monkeypatch
):
    """A 300-character `--out` name answered 'error: aaaa…a.csv: File name too long.' with
    no fix, no flag and not the count of problems every other refusal ends with; each path
    is named by its flag with the longest name a file may have, exit 2, nothing written."""
    monkeypatch.chdir(tmp_path)
    code, _, stderr = run_cli_within(args)
    assert code == 2 and "internal error" not in stderr
    assert f"{flag}: " in stderr and "Fix:" in stderr and "255" in stderr
    assert "1 problem found; nothing was written." in stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("args", "flag", "name"),
    [
        (["solve", str(DATA), "--out", "-nan"], "--out", "-nan"),
        (["solve", str(DATA), "--out", "-1"], "--out", "-1"),
        (["solve", str(DATA), "--out=--json"], "--out", "--json"),
        (["solve", str(DATA), "--out=-x.xlsx"], "--out", "-x.xlsx"),
        (["generate", "-nan", "--teams", "2", "--projects", "2"], "OUT_DIR", "-nan"),
        (["generate", "--teams", "2", "--projects", "2", "--", "-q3"], "OUT_DIR", "-q3"),
    ],
)
def test_an_output_named_like_a_flag_or_a_number_is_refused_before_anything_is_written(
    args, flag, name, tmp_path, monkeypatch
):
    """`--out -nan` (argparse takes '-nan', '-1' and '-inf' for values, so that a number's
    flag says its range) wrote the plan to a file named '-nan', exit 0: a file a later
    `rm -nan` or `ls -1` cannot name, made from a typo or a missing value. An output whose
    name starts with '-' is refused by its flag, exit 2, with './-nan' for a file meant so."""
    monkeypatch.chdir(tmp_path)
    code, _, stderr = run_cli_within(args)
    assert code == 2 and "internal error" not in stderr
    assert f"{flag} '{name}' starts with '-'" in stderr and f"./{name}" in stderr
    assert list(tmp_path.iterdir()) == []


def test_an_output_named_with_dot_slash_before_a_dash_is_written(tmp_path, monkeypatch):
    """The way out the refusal offers works: './-nan.csv' is a file named '-nan.csv' (it
    offered ./-nan, which a plan's --out refuses: a plan is a .csv or an .xlsx)."""
    monkeypatch.chdir(tmp_path)
    code, _, stderr = run_cli_within(["solve", str(DATA), "--out", "-nan"])
    assert code == 2 and "or write ./-nan.csv for a file named so" in stderr, stderr
    code, out, stderr = run_cli_within(["solve", str(DATA), "--out", "./-nan.csv"])
    assert code == 0, stderr
    assert (tmp_path / "-nan.csv").is_file() and "plan written to" in out


@pytest.mark.parametrize(
    ("args", "flag", "shown"),
    [
        (["solve", str(DATA), "--out", "plan\n.csv"], "--out", "plan\\n.csv"),
        (["solve", str(DATA), "--out", "q3\tplan.xlsx"], "--out", "q3\\tplan.xlsx"),
        (["generate", "q3\x1b[31m", "--teams", "2", "--projects", "2"], "OUT_DIR", "q3\\x1b"),
    ],
)
def test_an_output_name_holding_a_control_character_is_refused_showing_it(
    args, flag, shown, tmp_path, monkeypatch
):
    """`--out $'plan\\n.csv'` (a line break pasted with the name) wrote a file whose name
    holds the line break, exit 0: every listing then shows two lines for one file and a
    script reading names line by line finds two that do not exist. A name the planner makes
    is refused when it holds a control character, shown escaped, exit 2, nothing written."""
    monkeypatch.chdir(tmp_path)
    code, _, stderr = run_cli_within(args)
    assert code == 2 and "internal error" not in stderr
    assert f"{flag} '{shown}" in stderr and "control character" in stderr and "Fix:" in stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("args", "flag", "said"),
    [
        (["solve", str(DATA), "--out", "q.xlsx "], "--out", "'q.xlsx'"),
        (["solve", str(DATA), "--out", " plan.csv"], "--out", "'plan.csv'"),
        (["generate", "g.zip ", "--teams", "2", "--projects", "2"], "OUT_DIR", "'g.zip'"),
        (["solve", str(DATA), "--out", "plan\u200b.csv"], "--out", "\\u200b (ZERO WIDTH SPACE)"),
        (["solve", str(DATA), "--out", "plan\u00a0.csv"], "--out", "\\xa0 (NO-BREAK SPACE)"),
    ],
)
def test_an_output_name_with_spaces_around_it_or_a_character_nobody_sees_is_refused(
    args, flag, said, tmp_path, monkeypatch
):
    """`--out 'q.xlsx '` (a space pasted after the name) wrote CSV text to a file listed as
    q.xlsx, which Excel refuses and `open q.xlsx` does not find; `generate 'g.zip '` made a
    folder of that name; a zero-width or no-break space made a name that reads as another.
    Refused by the flag, exit 2, with the name to give or the character shown."""
    monkeypatch.chdir(tmp_path)
    code, _, stderr = run_cli_within(args)
    assert code == 2 and "internal error" not in stderr
    assert f"{flag} '" in stderr and said in stderr and "Fix:" in stderr
    assert list(tmp_path.iterdir()) == []


def test_an_output_name_with_a_byte_of_another_encoding_is_still_written(tmp_path, monkeypatch):
    """A Latin-1 terminal's 'Café' (the byte 0xE9, read by Python as \\udce9) is a name the
    leader typed: written as given, as before names nobody can see were refused."""
    monkeypatch.chdir(tmp_path)
    name = os.fsdecode(b"Caf\xe9.csv")
    code, _, stderr = run_cli_within(["solve", str(DATA), "--out", name, "--time-limit", "2"])
    assert code == 0, stderr
    assert (tmp_path / name).is_file()


@pytest.mark.parametrize("command", [["list"], ["show", "q3"]])
def test_a_database_name_with_a_space_before_it_says_so_and_names_the_one_meant(
    command, tmp_path, monkeypatch
):
    """``scenarios list --db ' x.duckdb'`` (a space pasted before the name) read "there
    is no scenario database at  x.duckdb": the space cannot be seen in the sentence, so
    the leader, whose x.duckdb is right there, could not tell what was wrong. The odd
    name is said, with the name without the space."""
    import planner.interfaces.scenario_cli  # noqa: F401  (registers ``scenarios``)

    monkeypatch.chdir(tmp_path)
    (tmp_path / "x.duckdb").write_bytes(b"")
    code, out, err = run_cli_within(["scenarios", "--db", " x.duckdb", *command])
    said = out + err
    assert "the name has a space before or after it." in said
    assert "would be listed" not in said  # said of a file the planner makes, not one looked for
    assert "--db x.duckdb" in said
    assert not (tmp_path / " x.duckdb").exists()
    assert code == (0 if command == ["list"] else 2)


def test_a_database_named_with_a_dash_is_looked_for_as_named(tmp_path, monkeypatch):
    """``scenarios list --db=-q3.duckdb``: the name was read as given, yet the line said it
    "reads as a flag or a number, not a name" (said of a file the planner would make)."""
    import planner.interfaces.scenario_cli  # noqa: F401  (registers ``scenarios``)

    monkeypatch.chdir(tmp_path)
    code, out, err = run_cli_within(["scenarios", "--db=-q3.duckdb", "list"])
    assert code == 0, err
    assert "there is no scenario database at -q3.duckdb." in out
    assert "reads as a flag" not in out + err


def test_a_scenario_name_starting_with_a_dash_is_told_to_go_after_a_double_dash(
    tmp_path, monkeypatch
):
    """`scenarios save --name=-Q3` saves a name starting with '-'; `scenarios show -Q3` then
    read only "the following arguments are required: NAME_OR_ID", as if none were given.
    It now says '-Q3' reads as a flag and how to give it (`show -- -Q3`, which works)."""
    import planner.interfaces.scenario_cli  # noqa: F401  (registers ``scenarios``)

    monkeypatch.chdir(tmp_path)
    code, _, err = run_cli_within(["scenarios", "--db", "s.duckdb", "show", "-Q3"])
    assert code == 2
    assert "'-Q3' reads as a flag" in err
    assert "planner scenarios --db s.duckdb show -- -Q3" in err


def test_the_double_dash_hint_keeps_the_flags_given(tmp_path, monkeypatch):
    """`scenarios show --db s.duckdb -Q3 --json`: the hint read `planner scenarios show --
    -Q3`, which drops --db and --json, so the command it gave looked in the default
    database. It repeats the command as typed, '--' put before the name."""
    import planner.interfaces.scenario_cli  # noqa: F401  (registers ``scenarios``)

    monkeypatch.chdir(tmp_path)
    code, _, err = run_cli_within(["scenarios", "show", "--db", "my q3.duckdb", "-Q3", "--json"])
    assert code == 2
    assert "planner scenarios show --db 'my q3.duckdb' --json -- -Q3" in err


def test_a_missing_flag_is_not_told_to_go_after_a_double_dash(tmp_path, monkeypatch):
    """`generate out --projecs 5 --teams 3` lacks --projects: the typo is a flag, not a
    value, so the hint about '--' would mislead; the missing flag is said alone."""
    monkeypatch.chdir(tmp_path)
    code, _, err = run_cli_within(["generate", "out", "--projecs", "5", "--teams", "3"])
    assert code == 2
    assert "required: --projects" in err
    assert "reads as a flag" not in err


def test_a_settings_pipe_is_named_by_its_path_in_built_on(tmp_path):
    """The plan.xlsx's "Built on" names a settings file given through a pipe as the messages
    do, by its whole path: ``--settings <(...)`` read "with the settings in 63"."""
    from argparse import Namespace

    from planner.interfaces.cli import built_on

    pipe = tmp_path / "63"
    os.mkfifo(pipe)
    said = built_on(Namespace(data_dir=str(DATA), settings=str(pipe)))
    assert said.endswith(f"with the settings in {pipe}"), said
    plain = tmp_path / "w6.toml"
    plain.write_text("[solve]\nseed = 1\n", encoding="utf-8")
    said = built_on(Namespace(data_dir=str(DATA), settings=str(plain)))
    assert said.endswith("with the settings in w6.toml"), said


def test_a_settings_file_named_with_a_slash_after_it_is_refused_as_out_is(tmp_path):
    """`--settings set.toml/` (a slash after an existing file) was read as set.toml, where
    `--out p.csv/` and `--db c.duckdb/` are refused: a path ending in a slash names a
    folder. Refused naming the path as typed, with the file to give; nothing written."""
    settings = tmp_path / "set.toml"
    settings.write_text("[solve]\ntime_limit_s = 5\n", encoding="utf-8")
    out = tmp_path / "plan.csv"
    solve = ["solve", str(DATA), "--settings", f"{settings}/", "--out", str(out)]
    code, _, stderr = run_cli_within(solve)
    assert code == 2, stderr
    assert "ends in a slash, so it names a folder, but set.toml is a file" in stderr
    assert f"--settings {settings}." in stderr
    assert not out.exists()
    assert run_cli_within(["validate", str(DATA), "--settings", str(settings)])[0] == 0


@pytest.mark.parametrize(
    ("command", "flag"),
    [
        (["solve"], "--baseline"),
        (["checkin", "--baseline", "plan.csv"], "--checkin"),
        (["checkin", "--checkin", "checkin.toml"], "--baseline"),
        (["checkin-template", "--baseline", "plan.csv", "--weeks", "4"], "--since"),
    ],
)
def test_a_file_read_named_with_a_slash_after_it_is_refused_as_out_and_settings_are(
    tmp_path, monkeypatch, command, flag
):
    """`--baseline p.csv/` and `--checkin c.toml/` (a slash after an existing file) were
    read as the file, where `--out`, `--db` and `--settings` refuse a path ending in a
    slash: it names a folder. Refused by the same words before anything is read."""
    monkeypatch.chdir(tmp_path)
    for name in ("plan.csv", "checkin.toml"):
        (tmp_path / name).write_text("not read\n", encoding="utf-8")
    given = "plan.csv/" if flag == "--baseline" else "checkin.toml/"
    words = [command[0], str(DATA), *command[1:], flag, given]
    code, out, stderr = run_cli_within(words)
    assert code == 2, stderr
    assert stderr.startswith(
        f"error: {flag} {given}: ends in a slash, so it names a folder, but {given[:-1]} is a "
        f"file. Fix: Drop the slash to use the file: {flag} {given[:-1]}.\n"
    ), stderr
    assert "1 problem found; nothing was written." in stderr and out == ""


def test_an_out_path_with_a_slash_after_an_existing_file_is_told_to_drop_it(tmp_path):
    """`--out plan.csv/` with plan.csv a file was told "Name a file inside it, e.g.
    plan.csv/new-plan.csv (create the folder first)": no folder can be made where a file
    is. It is told as `--db c.duckdb/` is, and the file is left as it was."""
    plan = tmp_path / "plan.csv"
    plan.write_text("mine\n", encoding="utf-8")
    code, _, stderr = run_cli_within(["solve", str(DATA), "--out", f"{plan}/"])
    assert code == 2, stderr
    assert "ends in a slash, so it names a folder, but plan.csv is a file" in stderr
    assert f"Fix: Drop the slash to use the file: --out {plan}." in stderr
    assert plan.read_text(encoding="utf-8") == "mine\n"


def test_the_slash_rule_is_written_once():
    """The words for a path with a slash after it were written three times (`--out`,
    `--settings`, the database's), each its own test of a slash: one rule now says them."""
    said = sorted(
        str(path.relative_to(ROOT))
        for path in (ROOT / "planner").rglob("*.py")
        if "ends in a slash, so it names a folder" in path.read_text(encoding="utf-8")
    )
    assert said == ["planner/core/slashes.py"]
