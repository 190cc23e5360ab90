"""A scenario database the planner would create under a name nobody meant.

``--db`` and ``PLANNER_DB`` name a file that is created on first use. argparse
takes ``-nan`` and ``-1`` for values (so that a number's flag says its range),
so ``planner scenarios --db -nan save ...`` made a DuckDB file named ``-nan``;
a line break pasted with the name made a file whose name holds it. As with
``--out``, such a name is refused before anything is made; a database that
already has such a name still opens.
"""

from __future__ import annotations

import io
import os
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from planner.interfaces.cli import main
from planner.scenarios.storage import ScenarioStore, StorageUnavailableError

DATA = Path(__file__).resolve().parents[2] / "data" / "sample-without-weeks"


@pytest.mark.parametrize(
    ("name", "said"),
    [
        ("-nan", "starts with '-'"),
        ("-1.duckdb", "starts with '-'"),
        ("q3\n.duckdb", "\\n"),
        ("q3.duckdb ", "a space before or after a name"),
        ("q3\u200b.duckdb", "\\u200b"),
    ],
)
def test_a_new_database_named_like_a_flag_or_with_a_control_character_is_not_made(
    tmp_path, name, said
):
    """`--db -nan` made a DuckDB file named '-nan' (and a pasted line break one whose name
    holds it): refused with the fix, nothing made."""
    with pytest.raises(StorageUnavailableError) as refused:
        ScenarioStore.open(tmp_path / name)
    assert said in str(refused.value) and "Fix:" in str(refused.value)
    assert list(tmp_path.iterdir()) == []


def test_a_database_that_already_has_such_a_name_still_opens(tmp_path):
    """Only making one is refused: a file saved under '-nan' before still lists."""
    with ScenarioStore.open(tmp_path / "q3.duckdb") as store:
        assert store.list() == []
    os.rename(tmp_path / "q3.duckdb", tmp_path / "-nan")
    with ScenarioStore.open(tmp_path / "-nan") as store:
        assert store.list() == []


def test_scenarios_save_to_a_db_named_like_a_number_says_so_before_the_solve(tmp_path, monkeypatch):
    """On the command line: exit 1 (the database cannot be used), the name and the fix said,
    no file made."""
    monkeypatch.chdir(tmp_path)
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(["scenarios", "--db", "-nan", "save", str(DATA), "--name", "Q3"])
    said = err.getvalue()
    assert code == 1 and "starts with '-'" in said and "internal error" not in said
    assert "saved" not in out.getvalue()
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs Linux's /proc")
@pytest.mark.parametrize("path", ["/proc/self/a/b.duckdb", "/proc/self/a/b/c/planner.duckdb"])
def test_a_database_whose_folder_a_system_folder_cannot_hold_says_so_in_words(path):
    """PLANNER_DB under a folder that cannot be made in /proc (or HOME=/proc/self, whose
    default database is /proc/self/.local/share/...): 'cannot be used: [Errno 2] No such
    file or directory: '/proc/self/a'', the raw error, with a fix to check the file. Said
    as the folder that cannot be made, where, and the fix."""
    with pytest.raises(StorageUnavailableError) as refused:
        ScenarioStore.open(Path(path))
    said = str(refused.value)
    assert "[Errno" not in said
    assert "/proc/self/a cannot be made" in said and "/proc/self takes no new folders" in said
    assert "a folder of your own" in said


def test_planner_db_ending_in_a_slash_is_refused_as_the_command_line_s_db(tmp_path, monkeypatch):
    """The app's store with PLANNER_DB=scenarios/ made a database file named scenarios (a
    path's last slash is dropped), and with c.duckdb/ read the file c.duckdb, where the
    command line refuses both: one rule, the same words, nothing made."""
    monkeypatch.setenv("PLANNER_DB", f"{tmp_path / 'scenarios'}/")
    with pytest.raises(StorageUnavailableError, match="ends in a slash, so it names a folder"):
        ScenarioStore.open()
    assert list(tmp_path.iterdir()) == []
    existing = tmp_path / "c.duckdb"
    ScenarioStore.open(existing).close()
    monkeypatch.setenv("PLANNER_DB", f"{existing}/")
    with pytest.raises(StorageUnavailableError, match=r"but c\.duckdb is a file"):
        ScenarioStore.open()


def test_a_new_database_named_too_long_for_its_changes_file_is_not_made(tmp_path):
    """A --db named with 252 to 255 bytes (a file name may have 255) was made, 12 KB, then
    DuckDB failed to make NAME.wal beside it: "IO Error: Cannot open file ... File name
    too long", and the file stayed behind. Refused before anything is made, with the
    longest name there can be."""
    target = tmp_path / ("d" * 248 + ".duckdb")
    with pytest.raises(StorageUnavailableError, match="at most 251 bytes") as raised:
        ScenarioStore.open(target)
    assert "it has 255 bytes" in str(raised.value) and "Nothing was made" in str(raised.value)
    assert list(tmp_path.iterdir()) == []
    with ScenarioStore.open(tmp_path / ("d" * 244 + ".duckdb")) as store:  # 251 bytes
        assert store.list() == []


@pytest.mark.skipif(os.sep != "/", reason="a backslash separates folders on Windows")
@pytest.mark.parametrize("existing", [False, True])
def test_a_database_path_with_a_backslash_is_refused_not_opened_elsewhere(tmp_path, existing):
    """DuckDB reads a backslash as a folder separator: PLANNER_DB='a\\b.duckdb' (a Windows
    path, or a name typed with one) made a/b.duckdb, then said the file 'is no longer there:
    it was deleted or moved while it was open', and every list after it 'No scenario is
    saved yet'; with no folder a, 'its folder takes no new files (a system folder, such
    as /proc)'. Refused before anything is made, with the path DuckDB would open."""
    (tmp_path / "a").mkdir()
    named = tmp_path / "a\\b.duckdb"
    if existing:
        named.write_bytes(b"")  # a file of that name already there: not opened elsewhere either
    with pytest.raises(StorageUnavailableError) as refused:
        ScenarioStore.open(named)
    said = str(refused.value)
    assert "backslash" in said and "a/b.duckdb" in said and "Fix:" in said, said
    assert list((tmp_path / "a").iterdir()) == []
    with pytest.raises(StorageUnavailableError):
        ScenarioStore.open(tmp_path / "%APPDATA%\\p.duckdb")
    for command in (["list"], ["show", "1"], ["save", str(DATA), "--name", "Q3"]):
        err = io.StringIO()
        with redirect_stdout(io.StringIO()), redirect_stderr(err):
            code = main(["scenarios", "--db", str(named), *command])
        assert code == 1 and "backslash" in err.getvalue(), (command, err.getvalue())
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["a", *(["a\\b.duckdb"] if existing else [])]
    )
    assert list((tmp_path / "a").iterdir()) == []


@pytest.mark.parametrize("given", ["$HOME/q3.duckdb", "${HOME}/q3.duckdb", "%APPDATA%/q3.duckdb"])
def test_a_database_path_holding_a_variable_nothing_replaced_is_not_made(
    tmp_path, monkeypatch, given
):
    """PLANNER_DB=$HOME/q3.duckdb set where variables are not expanded (a service's or a
    container's settings): the app made a folder named '$HOME' in its current folder and
    saved there, and `scenarios save` told the leader to create that folder. Refused,
    naming the variable, by the app's store and every command; nothing made."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("APPDATA", str(tmp_path / "home"))
    variable = given.split("/")[0]
    with pytest.raises(StorageUnavailableError) as refused:
        ScenarioStore.open(given)
    said = str(refused.value)
    assert f"holds the variable {variable}" in said and "Fix:" in said, said
    monkeypatch.setenv("PLANNER_DB", given)
    for command in (["list"], ["save", str(DATA), "--name", "Q3"]):
        err = io.StringIO()
        with redirect_stdout(io.StringIO()), redirect_stderr(err):
            code = main(["scenarios", *command])
        assert code == 2 and f"holds the variable {variable}" in err.getvalue(), (
            command,
            err.getvalue(),
        )
        assert "Create the folder" not in err.getvalue()
    assert list(tmp_path.iterdir()) == []


def test_a_database_path_longer_than_a_path_can_be_is_refused_by_its_name(tmp_path, monkeypatch):
    """PLANNER_DB of 4,100 bytes: `save` read "<the path>: File name too long. Fix: Check
    the path, that it is yours to read or write, and the disk." and `list` "No scenario is
    saved yet: there is no scenario database at <the path>", where `--db` so long is told
    the most a path holds. Every command and the app's store say so now."""
    given = str(tmp_path) + ("/" + "d" * 200) * 21 + "/q3.duckdb"
    monkeypatch.setenv("PLANNER_DB", given)
    for command in (["list"], ["save", str(DATA), "--name", "Q3"]):
        err = io.StringIO()
        with redirect_stdout(io.StringIO()), redirect_stderr(err):
            code = main(["scenarios", *command])
        said = err.getvalue()
        assert code == 2 and "a path holds at most 4,095" in said, (command, said)
        assert "PLANNER_DB" in said and "Fix: Set PLANNER_DB" in said
    with pytest.raises(StorageUnavailableError) as refused:
        ScenarioStore.open(given)
    assert "a path holds at most 4,095" in str(refused.value)
    assert list(tmp_path.iterdir()) == []
