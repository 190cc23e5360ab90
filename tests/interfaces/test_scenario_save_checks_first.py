"""`planner scenarios save` refuses what it can before reading and solving the data: a
database in a folder that is not there, an unknown --parent; a name already taken before
solving, and the same save run again is "already saved"."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import planner.interfaces.scenario_save_cli as scenario_save_cli
from planner.interfaces.cli import main
from planner.scenarios.storage import ScenarioStore, StorageUnavailableError

DATA = Path(__file__).resolve().parents[2] / "data" / "sample-without-weeks"


@pytest.mark.parametrize("how", ["--db", "PLANNER_DB"])
def test_a_database_in_a_folder_that_is_not_there_is_refused_naming_it(
    how, tmp_path, monkeypatch, capsys
):
    """`--db typo/x.duckdb` made the folder typo/ and saved the scenario there: a folder
    mistyped held the scenarios, and the next `list` on the folder meant showed none. It is
    refused by its name, as `--out` in a missing folder is, and nothing is made."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PLANNER_DB", raising=False)
    flag = ["--db", "typo/x.duckdb"] if how == "--db" else []
    if how == "PLANNER_DB":
        monkeypatch.setenv("PLANNER_DB", "typo/x.duckdb")
    code = main(["scenarios", *flag, "save", str(DATA), "--name", "q3", "--json"])
    out, err = capsys.readouterr()
    assert code == 2, err
    named = "--db typo/x.duckdb" if how == "--db" else "PLANNER_DB=typo/x.duckdb"
    assert f"{named}: its folder {tmp_path / 'typo'} does not exist" in err
    assert "Create the folder first" in err
    assert json.loads(out)["problems"][0]["file"] == named
    assert list(tmp_path.iterdir()) == []


def test_the_default_place_s_folders_are_still_made(tmp_path, monkeypatch, capsys):
    """A first save on a new machine makes the default database's folders in the home
    folder, and says where the new database is."""
    monkeypatch.delenv("PLANNER_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    (tmp_path / "share").mkdir()
    code = main(["scenarios", "save", str(DATA), "--name", "q3", "--time-limit", "2"])
    out, err = capsys.readouterr()
    assert code == 0, err
    made = tmp_path / "share" / "goal-planner" / "planner.duckdb"
    assert made.is_file()
    assert out.splitlines()[:2] == ["saved scenario 1: q3", f"in a new scenario database: {made}"]
    code = main(["scenarios", "save", str(DATA), "--name", "q3 again", "--time-limit", "2"])
    assert code == 0 and "new scenario database" not in capsys.readouterr().out


@pytest.mark.parametrize("variable", ["XDG_DATA_HOME", "HOME"])
def test_a_home_folder_that_is_not_there_is_refused_not_made(
    variable, tmp_path, monkeypatch, capsys, data_never_read
):
    """`HOME=/nonexistent` (a service's account) or a mistyped XDG_DATA_HOME had the default
    database's folders made under it without a word, where no one looks for scenarios: they
    are made only in a home folder that exists, and the save says which is missing."""
    monkeypatch.delenv("PLANNER_DB", raising=False)
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    home = tmp_path / "gone"
    monkeypatch.setenv(variable, str(home))
    code = main(["scenarios", "save", str(DATA), "--name", "q3", "--json"])
    out, err = capsys.readouterr()
    assert code == 2, err
    problem = json.loads(out)["problems"][0]
    assert problem["file"] == f"{variable}={home}"
    assert problem["message"].startswith("the folder does not exist, so the scenario database")
    assert problem["fix"].startswith(f"Create {home} (or set {variable} to a folder that exists)")
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(StorageUnavailableError, match=f"{variable}={home}: the folder does not"):
        ScenarioStore.open()  # the app's way in
    assert list(tmp_path.iterdir()) == []


def test_a_home_that_is_a_file_is_said_to_be_one(tmp_path, monkeypatch, capsys, data_never_read):
    """`HOME=/etc/passwd` (a file) read "the folder does not exist ... Fix: Create
    /etc/passwd" of a file that is there: it is said to be a file, not a folder."""
    monkeypatch.delenv("PLANNER_DB", raising=False)
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    home = tmp_path / "passwd"
    home.write_text("root:x:0:0\n")
    monkeypatch.setenv("HOME", str(home))
    assert main(["scenarios", "save", str(DATA), "--name", "q3", "--json"]) == 2
    problem = json.loads(capsys.readouterr().out)["problems"][0]
    assert problem["file"] == f"HOME={home}"
    assert problem["message"].startswith("is a file, not a folder, so the scenario database")
    assert problem["fix"].startswith("Set HOME to a folder (your home folder)")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["passwd"]


@pytest.fixture
def saved_db(tmp_path, capsys) -> Path:
    db = tmp_path / "s.duckdb"
    code = main(["scenarios", "--db", str(db), "save", str(DATA), "--name", "Q3 base"])
    assert code == 0, capsys.readouterr().err
    capsys.readouterr()
    return db


@pytest.fixture
def data_never_read(monkeypatch) -> None:
    """The data is not to be read: reading it fails the test."""

    def read(*_args, **_kwargs):
        raise AssertionError("the data was read")

    monkeypatch.setattr(scenario_save_cli, "load", read)


def test_an_unknown_parent_is_refused_before_the_data_is_read(saved_db, data_never_read, capsys):
    """A --parent that no scenario is was found only once the data was read (a
    10,000-project quarter, seconds to read): it is refused first."""
    words = ["--name", "Q3 next", "--parent", "Q4 base"]
    code = main(["scenarios", "--db", str(saved_db), "save", str(DATA), *words])
    err = capsys.readouterr().err
    assert code == 2, err
    assert "No saved scenario is named" in err
    with ScenarioStore(saved_db) as store:
        assert [s.name for s in store.list()] == ["Q3 base"]


@pytest.fixture
def solve_never(monkeypatch) -> None:
    """The data is not to be solved: solving it fails the test."""

    def solve(*_args, **_kwargs):
        raise AssertionError("the data was solved")

    monkeypatch.setattr(scenario_save_cli, "solve_interruptibly", solve)


def test_a_taken_name_with_other_data_is_refused_before_the_solve(saved_db, solve_never, capsys):
    """Other data under a name taken is refused once read, before its solve (a big
    quarter's solve, then "already has this name"); nothing is saved."""
    other = DATA.parent / "sample"
    code = main(["scenarios", "--db", str(saved_db), "save", str(other), "--name", " q3 BASE "])
    err = capsys.readouterr().err
    assert code == 2, err
    assert "already has this name" in err
    with ScenarioStore(saved_db) as store:
        assert [s.name for s in store.list()] == ["Q3 base"]


@pytest.mark.parametrize("json_out", [False, True])
def test_the_same_save_run_again_is_already_saved_with_no_solve(
    json_out, saved_db, solve_never, capsys
):
    """SPEC: inputs and a plan saved already, under any name, save nothing and say where they
    are, exit 0. The same save run again (its name as it reads, the same data and settings)
    was refused, exit 2, "already has this name"; it is found before a solve is spent."""
    flags = ["--json"] if json_out else []
    words = ["save", str(DATA), "--name", " q3 BASE ", *flags]
    code = main(["scenarios", "--db", str(saved_db), *words])
    out, err = capsys.readouterr()
    assert code == 0, err
    if json_out:
        said = json.loads(out)
        assert (said["already_saved"], said["id"], said["name"]) == (True, 1, "Q3 base")
    else:
        assert out.startswith("already saved as scenario 1: Q3 base, the same data and settings")
    with ScenarioStore(saved_db) as store:
        assert [s.name for s in store.list()] == ["Q3 base"]


def test_the_same_data_with_other_settings_under_the_name_is_refused(saved_db, solve_never, capsys):
    """A time limit of its own is another setting: not the save run again, so the name
    taken is refused, before the solve."""
    words = ["save", str(DATA), "--name", "Q3 base", "--time-limit", "7"]
    code = main(["scenarios", "--db", str(saved_db), *words])
    assert code == 2
    assert "already has this name" in capsys.readouterr().err


@pytest.mark.parametrize("variable", ["--db", "PLANNER_DB"])
def test_a_database_named_with_a_slash_after_it_is_refused_not_made_as_a_file(
    variable, tmp_path, monkeypatch, capsys, data_never_read
):
    """`--db scenarios/` (a folder meant, as `--out plan.csv/` is refused for) made a
    database file named `scenarios` and said "saved scenario 1", where the leader looks for
    a folder. It is refused before the data is read, naming the file to give; nothing is
    made."""
    given = f"{tmp_path / 'scenarios'}/"
    if variable == "--db":
        words = ["scenarios", "--db", given]
    else:
        monkeypatch.setenv("PLANNER_DB", given)
        words = ["scenarios"]
    code = main([*words, "save", str(DATA), "--name", "q3", "--json"])
    out, err = capsys.readouterr()
    assert code == 2, err
    problem = json.loads(out)["problems"][0]
    assert problem["file"] == (f"--db {given}" if variable == "--db" else f"PLANNER_DB={given}")
    assert problem["message"].startswith("ends in a slash, so it names a folder, not a file")
    assert problem["fix"] == (
        f"Name the database file inside it, e.g. {given}planner.duckdb (create the folder first)."
    )
    assert list(tmp_path.iterdir()) == []


def test_a_slash_after_an_existing_database_file_is_refused_as_out_is(
    tmp_path, capsys, data_never_read
):
    """`--db c.duckdb/` with c.duckdb there was read as the file, where `--out p.csv/` is
    refused: a path ending in a slash names a folder, whether or not a file has its name."""
    saved = tmp_path / "c.duckdb"
    ScenarioStore.open(saved).close()
    code = main(["scenarios", "--db", f"{saved}/", "save", str(DATA), "--name", "q3"])
    err = capsys.readouterr().err
    assert code == 2, err
    assert "ends in a slash, so it names a folder, but c.duckdb is a file" in err
    with ScenarioStore(saved) as store:
        assert store.list() == []


def test_an_empty_home_is_refused_not_read_as_the_root_folder(
    tmp_path, monkeypatch, capsys, data_never_read
):
    """`HOME=` (empty) put the default database at /.local/share/goal-planner/planner.duckdb,
    under the root folder, where no one looks for scenarios. Docs/SPEC.md gives a documented
    default place, not the current folder: the save is refused, naming PLANNER_DB and --db as
    the fix, and so is the app's store; nothing is made."""
    monkeypatch.delenv("PLANNER_DB", raising=False)
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    monkeypatch.setenv("HOME", "")
    code = main(["scenarios", "save", str(DATA), "--name", "q3", "--json"])
    out, err = capsys.readouterr()
    assert code == 2, err
    problem = json.loads(out)["problems"][0]
    assert problem["file"] == "HOME=''"
    assert problem["message"].startswith("is empty, so there is no home folder")
    assert "PLANNER_DB (or a command's --db)" in problem["fix"]
    with pytest.raises(StorageUnavailableError, match="HOME='': is empty"):
        ScenarioStore.open()  # the app's way in
    assert not Path("/.local/share/goal-planner/planner.duckdb").exists()


@pytest.mark.parametrize(
    "command",
    [
        ["list"],
        ["list", "--json"],
        ["show", "1"],
        ["compare", "1", "2"],
        ["export", "1", "out"],
        ["rename", "1", "b"],
        ["delete", "1", "--yes"],
    ],
)
@pytest.mark.parametrize("home", ["", "missing"])
def test_every_scenarios_command_refuses_a_home_that_is_not_there_as_save_does(
    tmp_path, monkeypatch, capsys, command, home
):
    """`HOME= planner scenarios list` said "No scenario is saved yet: there is no scenario
    database at /.local/share/goal-planner/planner.duckdb" (exit 0), and `show 1` that no
    scenario is numbered 1 there, where `scenarios save` refuses that place: one answer
    now, the save's, by every command (exit 2), naming the variable and PLANNER_DB."""
    monkeypatch.delenv("PLANNER_DB", raising=False)
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    monkeypatch.setenv("HOME", "" if home == "" else str(tmp_path / "gone"))
    monkeypatch.chdir(tmp_path)
    code = main(["scenarios", *command])
    out, err = capsys.readouterr()
    assert code == 2, out + err
    said = "HOME='': is empty" if home == "" else f"HOME={tmp_path / 'gone'}: the folder does not"
    assert err.startswith(f"error: {said}"), err
    assert "PLANNER_DB" in err and "No scenario is saved yet" not in out + err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", [["list"], ["show", "1"], ["delete", "1", "--yes"]])
def test_a_database_with_a_slash_after_it_is_refused_by_every_command_as_save_does(
    tmp_path, capsys, command
):
    """`scenarios --db c.duckdb/ list` said so as a database it could not use (exit 1),
    `--db scenarios/ list` "No scenario is saved yet" (exit 0), where `save` refuses the
    argument (exit 2): every command now answers as save does."""
    saved = tmp_path / "c.duckdb"
    ScenarioStore.open(saved).close()
    code = main(["scenarios", "--db", f"{saved}/", *command])
    err = capsys.readouterr().err
    assert code == 2, err
    assert err.startswith(f"error: --db {saved}/: ends in a slash, so it names a folder"), err
    code = main(["scenarios", "--db", f"{tmp_path / 'scenarios'}/", *command])
    out, err = capsys.readouterr()
    assert code == 2 and "No scenario is saved yet" not in out, out + err
    assert "e.g. " + f"{tmp_path / 'scenarios'}/planner.duckdb" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.duckdb"]
