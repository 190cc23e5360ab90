"""Every scenario-database error says what to do as its own fix, in ``--json`` too.

The messages of :mod:`planner.scenarios.storage_messages` carried their fix inside the
prose ("... Move it aside ..."), so ``planner scenarios list --json`` on a damaged,
locked or read-only database answered ``"fix": ""``: a script had nothing to show.
"""

from __future__ import annotations

import errno
import json
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from planner.interfaces.cli import main
from planner.scenarios.storage import ScenarioStore
from planner.scenarios.storage_messages import read_only_message, unavailable_message

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "data" / "sample"

#: One error of each kind the messages tell apart, as DuckDB or the OS raise them.
_ERRORS = {
    "locked": duckdb.IOException('Could not set lock on file "x": Conflicting lock (PID 42)'),
    "damaged": duckdb.IOException("The file is not a valid DuckDB database file!"),
    "full": OSError(errno.ENOSPC, "No space left on device"),
    "read-only disk": OSError(errno.EROFS, "Read-only file system"),
    "loop": OSError(errno.ELOOP, "Too many levels of symbolic links"),
    "permission": PermissionError(errno.EACCES, "Permission denied"),
    "other": OSError(errno.EIO, "Input/output error"),
}


def _split(message: str) -> tuple[str, str]:
    problem, said, fix = message.rpartition(" Fix: ")
    assert said, message
    return problem, fix


@pytest.mark.parametrize("kind", sorted(_ERRORS))
def test_each_unavailable_message_ends_with_its_own_fix(kind, tmp_path):
    """Each kind of failure names the problem first and a fix of its own after "Fix:",
    which starts with a capital as every other fix does."""
    problem, fix = _split(unavailable_message(tmp_path / "s.duckdb", _ERRORS[kind]))
    assert problem and fix and fix[0].isupper(), (problem, fix)
    assert "Fix:" not in problem


@pytest.mark.parametrize("older", [False, True])
def test_the_read_only_messages_end_with_their_own_fix(older, tmp_path):
    """A file that may only be read: what can still be done, then the fix (copy it)."""
    error = PermissionError(errno.EACCES, "Permission denied")
    problem, fix = _split(read_only_message(tmp_path / "s.duckdb", error, older=older))
    assert "Copy it" in fix or "copy it" in fix
    assert "copy it" not in problem.lower()


def _json_problem(capsys, *argv: str) -> dict[str, object]:
    code = main(["scenarios", *argv, "--json"])
    out, err = capsys.readouterr()
    assert code == 1 and "Traceback" not in err, err
    answer = json.loads(out)
    assert answer["status"] == "storage unavailable"
    (problem,) = answer["problems"]
    return problem


def test_json_of_a_file_that_is_no_database_carries_the_fix(tmp_path, capsys):
    """`scenarios list --json` on a text file: the message says it is no DuckDB database,
    the fix says to move it aside, each under its own key."""
    bad = tmp_path / "bad.duckdb"
    bad.write_text("garbage garbage garbage\n", encoding="utf-8")
    problem = _json_problem(capsys, "--db", str(bad), "list")
    assert "not a DuckDB database" in str(problem["message"])
    assert "Move it aside" in str(problem["fix"])
    assert "Fix:" not in str(problem["message"])


def test_json_of_a_folder_given_as_the_database_carries_the_fix(tmp_path, capsys):
    """--db naming a folder: "is a folder, not a file", fix: set --db to a file path."""
    problem = _json_problem(capsys, "--db", str(tmp_path), "list")
    assert "is a folder" in str(problem["message"])
    assert "to a file path" in str(problem["fix"])


def test_json_of_another_programs_database_carries_the_fix(tmp_path, capsys):
    """A DuckDB file with tables of another program's: left as it is, fix: another file."""
    other = tmp_path / "other.duckdb"
    with duckdb.connect(str(other)) as connection:
        connection.execute("CREATE TABLE orders (id INTEGER)")
    problem = _json_problem(capsys, "--db", str(other), "list")
    assert "belongs to another program" in str(problem["message"])
    assert "another file" in str(problem["fix"])


def test_json_of_a_save_to_the_in_memory_database_carries_the_fix(capsys):
    """`--db :memory:` for a save would lose it when the command ends: fix, set a file."""
    problem = _json_problem(capsys, "--db", ":memory:", "save", str(SAMPLE), "--name", "x")
    assert ":memory:" in str(problem["message"]) and "to a file" in str(problem["fix"])


def test_json_of_a_locked_database_carries_the_fix(tmp_path, capsys, monkeypatch):
    """Another process holding the file: who holds it in the message, what to do in the fix."""
    held = tmp_path / "held.duckdb"
    duckdb.connect(str(held)).close()
    code = (
        "import sys, duckdb; c = duckdb.connect(sys.argv[1]); print('ready', flush=True); "
        "sys.stdin.readline(); c.close()"
    )
    holder = subprocess.Popen(
        [sys.executable, "-c", code, str(held)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        open_store = ScenarioStore.open.__func__  # type: ignore[attr-defined]
        monkeypatch.setattr(open_store, "__kwdefaults__", {"lock_wait_s": 0.2})
        problem = _json_problem(capsys, "--db", str(held), "list")
    finally:
        holder.communicate("\n", timeout=20)
    assert "in use by another program" in str(problem["message"])
    assert "Close that program" in str(problem["fix"])


def test_a_name_holding_fix_does_not_split_the_json_message(db, capsys):
    """The fix is what follows the message's last "Fix:": a scenario reference typed as
    "a Fix: b" stays whole in the message, and the fix is the command's own."""
    ScenarioStore.open(db).close()
    code = main(["scenarios", "show", "a Fix: b", "--json"])
    out, _ = capsys.readouterr()
    (problem,) = json.loads(out)["problems"]
    assert code == 2 and "a Fix: b" in str(problem["message"])
    assert str(problem["fix"]).startswith("Use a name or id"), problem


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs Linux's /proc")
def test_a_database_in_a_folder_that_takes_no_files_says_so(capsys):
    """``--db /proc/x.duckdb``: the folder is there but no file can be made in it. It
    read DuckDB's 'IO Error: Cannot open file ...: No such file or directory'."""
    assert main(["scenarios", "save", str(SAMPLE), "--name", "Q3", "--db", "/proc/x.duckdb"]) == 1
    said = capsys.readouterr().err
    assert "IO Error" not in said and "No such file" not in said, said
    assert "its folder /proc takes no new files" in said
    assert "Fix: Set PLANNER_DB (or a command's --db) to a file in a folder of your own." in said


@pytest.mark.parametrize("json_flag", [[], ["--json"]])
def test_a_command_does_not_say_the_apps_keep_working(tmp_path, capsys, json_flag):
    """`planner scenarios list` on a damaged database said "you can keep working, but
    scenarios are not saved", the app's words for a page that goes on without them; a
    command has ended, and says what it did: nothing was changed."""
    db = tmp_path / "s.duckdb"
    db.write_bytes(b"this is a spreadsheet, not a database\n" * 200)
    code = main(["scenarios", "--db", str(db), "list", *json_flag])
    out, err = capsys.readouterr()
    said = json.loads(out)["problems"][0]["message"] if json_flag else err
    assert code == 1
    assert "damaged or is not a DuckDB database" in said, said
    assert "Nothing was changed." in said and "keep working" not in said, said


@pytest.mark.parametrize("command", ["list", "show", "save", "compare", "sweep", "marginal"])
def test_json_help_names_the_status_a_database_error_gives(command, capsys):
    """``--json``'s help said errors come as ``{"status": "invalid", ...}``; a database that
    cannot be used answers ``"storage unavailable"`` (exit 1), which a script must expect too."""
    with pytest.raises(SystemExit):
        main(["scenarios", command, "--help"])
    shown = " ".join(capsys.readouterr().out.split())
    assert '"invalid"' in shown and '"storage unavailable"' in shown, shown
