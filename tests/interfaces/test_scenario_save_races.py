"""Saves of the same scenario at once (three `planner scenarios save` started together): each
says what happened to it. The one that saved says so; the others say "already saved", exit
0, as SPEC says of inputs saved already; only the one that made the database calls it new.

Another save is run inside this one, at the moment two processes overlap: while this one
reads the data, or solves, or opens a database the other has just made."""

from __future__ import annotations

import contextlib
import io
from collections.abc import Callable
from pathlib import Path

import pytest

import planner.interfaces.scenario_save_cli as scenario_save_cli
from planner.interfaces.cli import main
from planner.scenarios.storage import ScenarioStore

DATA = Path(__file__).resolve().parents[2] / "data" / "sample-without-weeks"


def _save(db: Path, name: str = "q3", seconds: str = "20") -> list[str]:
    """A save's words; another ``seconds`` is another setting, so other inputs. The limits
    are long enough that a loaded machine still plans the sample to its optimum, so two saves
    of the same inputs make the same plan."""
    return [
        "scenarios",
        "--db",
        str(db),
        "save",
        str(DATA),
        "--name",
        name,
        "--time-limit",
        seconds,
    ]


def _other_save_during(
    monkeypatch, what: str, db: Path, name: str = "q3", seconds: str = "20"
) -> list[str]:
    """Run another save of ``name`` (in ``seconds``) once, when this save calls ``what`` of
    scenario_save_cli; its lines, once run."""
    real: Callable[..., object] = getattr(scenario_save_cli, what)
    said: list[str] = []

    def with_another_save(*args, **kwargs):
        if not said:
            said.append("")
            out = io.StringIO()
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
                assert main(_save(db, name, seconds)) == 0
            said[:] = out.getvalue().splitlines()
        return real(*args, **kwargs)

    monkeypatch.setattr(scenario_save_cli, what, with_another_save)
    return said


def _names(db: Path) -> list[str]:
    with ScenarioStore(db) as store:
        return [s.name for s in store.list()]


def test_a_save_of_the_same_scenario_while_this_one_read_the_data_is_already_saved(
    tmp_path, monkeypatch, capsys
):
    """The second of two identical saves found the name free before it read the data and
    taken after: "already has this name", exit 2, for the save it was. It is "already
    saved", exit 0, and nothing is solved or saved twice."""
    db = tmp_path / "s.duckdb"
    other = _other_save_during(monkeypatch, "load", db)
    code = main(_save(db))
    out, err = capsys.readouterr()
    assert code == 0, err
    assert other[0] == "saved scenario 1: q3"
    assert out.startswith("already saved as scenario 1: q3, the same data and settings")
    assert _names(db) == ["q3"]


def test_a_save_of_the_same_scenario_while_this_one_solved_is_already_saved(
    tmp_path, monkeypatch, capsys
):
    """Saved by another while this one solved: "already saved", and of the database this
    one made, that the scenario in it is another save's (the third of three identical saves
    said "in a new scenario database" as if it had saved there)."""
    db = tmp_path / "s.duckdb"
    other = _other_save_during(monkeypatch, "solve_interruptibly", db)
    code = main(_save(db))
    out, err = capsys.readouterr()
    assert code == 0, err
    assert other[0] == "saved scenario 1: q3"
    assert out.splitlines()[:2] == [
        "already saved as scenario 1: q3, the same inputs and plan. Nothing new was saved; "
        "to give it another name: planner scenarios rename 1 NEW_NAME",
        f"in the scenario database {db}, new: this save made it, and another save put the "
        "scenario there while this one ran",
    ]
    assert _names(db) == ["q3"]


def test_the_same_name_saved_with_another_plan_while_this_one_solved_is_already_saved(
    tmp_path, monkeypatch, capsys
):
    """The same data and settings saved under the name while this one solved, its plan
    another (a search cut short elsewhere): the name was refused after the solve. The
    scenario saved stands, "already saved", exit 0."""
    import planner.scenarios.copies as copies

    monkeypatch.setattr(copies, "saved_copy", lambda *_args, **_kwargs: None)
    db = tmp_path / "s.duckdb"
    _other_save_during(monkeypatch, "solve_interruptibly", db)
    code = main(_save(db))
    out, err = capsys.readouterr()
    assert code == 0, err
    assert out.startswith("already saved as scenario 1: q3, the same data and settings")
    assert _names(db) == ["q3"]


def test_another_name_saved_in_a_database_made_meanwhile_is_not_called_new(
    tmp_path, monkeypatch, capsys
):
    """A save that found no database, into which another save made one first, said "in a
    new scenario database" as the one that made it did: it says the other made it."""
    db = tmp_path / "s.duckdb"
    _other_save_during(monkeypatch, "open_store", db, "other", "30")
    code = main(_save(db))
    out, err = capsys.readouterr()
    assert code == 0, err
    assert out.splitlines()[:2] == [
        "saved scenario 2: q3",
        f"in the scenario database {db}, which another save made while this one ran",
    ]
    assert sorted(_names(db)) == ["other", "q3"]


@pytest.mark.parametrize("what", ["load", "solve_interruptibly"])
def test_other_data_saved_under_the_name_meanwhile_is_still_refused(
    what, tmp_path, monkeypatch, capsys
):
    """Only the same save is "already saved": other data (its time limit another) under a
    name taken meanwhile is refused, exit 2, and nothing more is saved."""
    db = tmp_path / "s.duckdb"
    _other_save_during(monkeypatch, what, db)
    code = main(_save(db, seconds="30"))
    assert code == 2
    assert "already has this name" in capsys.readouterr().err
    assert _names(db) == ["q3"]


def test_a_store_held_keeps_other_processes_out_until_it_lets_go(tmp_path):
    """The check that nothing like a scenario is saved and its save run with the file held
    (``held``): two saves of the same inputs under two names at once, each checking before
    the other saved, saved both. Another process waits its turn meanwhile."""
    import subprocess
    import sys

    db = tmp_path / "s.duckdb"
    ScenarioStore.open(db).close()
    other = (
        "import sys; from planner.scenarios.database import ScenarioFile;"
        "ScenarioFile.open(sys.argv[1], lock_wait_s=0.3).close()"
    )
    root = str(Path(__file__).resolve().parents[2])
    env = {"PYTHONPATH": root, "PATH": "/usr/bin:/bin"}
    with ScenarioStore.open(db) as store, store.held():
        assert store.count() == 0  # an operation inside: the file stays open
        inside = subprocess.run([sys.executable, "-c", other, str(db)], env=env, check=False)
    after = subprocess.run([sys.executable, "-c", other, str(db)], env=env, check=False)
    assert (inside.returncode, after.returncode) == (1, 0)
