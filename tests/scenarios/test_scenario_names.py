"""Scenario names that look the same are one name (SPEC "Scenarios"; names find scenarios).

Names are stored and shown exactly, but two that a reader cannot tell apart
(``café`` typed precomposed and decomposed, ``Q3`` and ``Q3`` with a
zero-width space or a no-break space) were two scenarios: the lists showed
the same name twice, and typing the name found neither or the wrong one.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from planner.core.loading import load_with_warnings
from planner.scenarios.scenario import new_scenario
from planner.scenarios.storage import NameTakenError, ScenarioStore
from planner.solving.solver import solve

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample-without-weeks"


@pytest.fixture(scope="module")
def sample():
    """The sample quarter without weeks, solved once."""
    problem = load_with_warnings(SAMPLE).problem
    return problem, solve(problem, time_limit_s=2)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("caf\u00e9 plan", "cafe\u0301 plan"),
        ("Q3", "Q3\u200b"),
        ("Q3 base", "Q3\u00a0base"),
        ("Q3", "\u202aQ3\u202c"),
        ("Q3", "Q\x003"),
        # Shown in the app's tables as 'Q3 plan' (the right-to-left override; attack round 14).
        ("Q3 plan", "\u202enalp 3Q"),
    ],
)
def test_a_name_that_looks_like_a_saved_one_is_taken(sample, tmp_path, first, second):
    """Saving or renaming to a name that reads the same as a saved one is refused as taken,
    and the name as typed on a keyboard finds the saved scenario."""
    problem, result = sample
    with ScenarioStore.open(tmp_path / "s.duckdb") as store:
        saved = store.save(new_scenario(problem, result, first))
        with pytest.raises(NameTakenError):
            store.save(new_scenario(problem, result, second))
        other = store.save(new_scenario(problem, result, "other"))
        with pytest.raises(NameTakenError):
            store.rename(other.scenario_id, second)
        assert store.find(second).scenario_id == saved.scenario_id
        with pytest.raises(NameTakenError):
            store.refuse_taken_name(second)
        assert sorted(s.name for s in store.list()) == sorted([first, "other"])


@pytest.mark.parametrize("name", ["\u200f", "\u200b\u200f", "\u202e", "\ufeff", "\u2060\u200d"])
def test_a_name_of_characters_nobody_sees_is_refused_as_blank(sample, tmp_path, name):
    """A name of only a right-to-left mark (or a zero-width space ...) was saved: the app
    listed a scenario with no name nobody could pick, and the next such name was refused
    as 'already named \\u200b' though no scenario showed one. Refused like a blank name,
    on save and on rename, and nothing is saved."""
    problem, result = sample
    with ScenarioStore.open(tmp_path / "s.duckdb") as store:
        with pytest.raises(ValueError, match="needs a name") as refused:
            store.save(new_scenario(problem, result, name))
        assert "nobody sees" in str(refused.value)
        assert name not in str(refused.value)  # shown escaped, not as the invisible text
        kept = store.save(new_scenario(problem, result, "Q3"))
        with pytest.raises(ValueError, match="needs a name"):
            store.rename(kept.scenario_id, name)
        assert [s.name for s in store.list()] == ["Q3"]


@pytest.mark.parametrize(("first", "second"), [("Q3", "Q3 "), ("Q3", "Q3\u200b"), ("Q3", "Q3")])
def test_two_sessions_saving_names_that_read_the_same_at_once_save_one(
    sample, tmp_path, monkeypatch, first, second
):
    """Two sessions of one app server saved "Q3" and "Q3 " at the same moment: each
    checked the names saved before the other's save was committed, and both were saved
    (5 of 5 tries), so "Q3" then found neither. The second is refused as taken.

    Each save's name check is held until the other's check has run too (or 1 s), so the
    two checks overlap whenever the saves may run side by side.
    """
    problem, result = sample
    checked, lock, count = threading.Event(), threading.Lock(), [0]
    original = ScenarioStore._name_taken

    def overlapping(self, cur, name, other_than=None):
        taken = original(self, cur, name, other_than)
        with lock:
            count[0] += 1
            if count[0] == 2:
                checked.set()
        checked.wait(timeout=1.0)
        return taken

    monkeypatch.setattr(ScenarioStore, "_name_taken", overlapping)
    start = threading.Barrier(2)
    outcomes: list[str] = []
    with ScenarioStore.open(tmp_path / "s.duckdb") as store:

        def save(name: str) -> None:
            start.wait()
            try:
                store.save(new_scenario(problem, result, name))
                outcomes.append("saved")
            except NameTakenError:
                outcomes.append("taken")

        threads = [threading.Thread(target=save, args=(n,)) for n in (first, second)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert sorted(outcomes) == ["saved", "taken"]
        assert len(store.list()) == 1


@pytest.mark.parametrize("name", ["#2", " # 7 ", "#\u200b2", "#0042"])
def test_a_name_that_reads_as_an_id_is_refused(sample, tmp_path, name):
    """'#2' always means scenario 2; a scenario named "#2" could never be reached by its
    name, and `planner scenarios delete '#2' --yes` deleted scenario 2 instead."""
    problem, result = sample
    with ScenarioStore.open(tmp_path / "s.duckdb") as store:
        with pytest.raises(ValueError, match="always means the scenario with id"):
            store.save(new_scenario(problem, result, name))
        kept = store.save(new_scenario(problem, result, "Q3"))
        with pytest.raises(ValueError, match="always means the scenario with id"):
            store.rename(kept.scenario_id, name)
        assert [s.name for s in store.list()] == ["Q3"]
        store.save(new_scenario(problem, result, "Plan #2"))  # a word beside it is a name


def test_a_name_saved_as_an_id_before_is_ambiguous_not_deleted_in_its_place(sample, tmp_path):
    """A database from before the rule: scenario 3 named "#2" beside scenario 2."""
    import duckdb

    from planner.scenarios.storage import AmbiguousScenarioError

    problem, result = sample
    path = tmp_path / "s.duckdb"
    with ScenarioStore.open(path) as store:
        for name in ("Q3 base", "Q3 cut", "later renamed"):
            store.save(new_scenario(problem, result, name))
    with duckdb.connect(str(path)) as raw:
        raw.execute("UPDATE scenarios SET name = '#2' WHERE scenario_id = 3")
    with ScenarioStore.open(path) as store:
        with pytest.raises(AmbiguousScenarioError, match="Write #3 for the one named so"):
            store.find("#2")
        assert store.find("#3").name == "#2"
        assert store.find("Q3 cut").scenario_id == 2
        assert sorted(s.scenario_id for s in store.list()) == [1, 2, 3]


def test_a_name_or_note_with_a_byte_that_is_not_utf8_is_refused_in_words(sample, tmp_path):
    """A terminal in Latin-1 sends 'Café' with the byte 0xE9, which Python reads from the
    command line as the lone surrogate \\udce9: 'planner scenarios save --name', '--note',
    'rename', 'show', 'delete' and '--parent' all read "The scenario database ... cannot be
    used: ... Python Conversion Failure: cannot encode str as UTF-8", exit 1, blaming a
    sound file (and the save after its solve). Now the name or note is refused naming
    the byte, and a reference holding one finds no scenario."""
    from planner.interfaces.cli import EXIT_INVALID, main
    from planner.scenarios.storage import ScenarioNotFoundError

    problem, result = sample
    db = tmp_path / "s.duckdb"
    with ScenarioStore.open(db) as store:
        kept = store.save(new_scenario(problem, result, "Q3"))
        for name in ("Caf\udce9", "\udce9"):
            with pytest.raises(ValueError, match="not UTF-8") as refused:
                store.save(new_scenario(problem, result, name))
            assert "\\udce9" in str(refused.value)
            with pytest.raises(ValueError, match="not UTF-8"):
                store.rename(kept.scenario_id, name)
            with pytest.raises(ValueError, match="not UTF-8"):
                store.rename(kept.scenario_id, "Q4", note=name)
            with pytest.raises(ScenarioNotFoundError):
                store.find(name)
        assert [(s.name, s.note) for s in store.list()] == [("Q3", "")]
    code = main(["scenarios", "--db", str(db), "save", str(SAMPLE), "--name", "Caf\udce9"])
    assert code == EXIT_INVALID


def test_a_taken_name_says_which_saved_scenario_holds_it(sample, tmp_path):
    """'Another saved scenario already has this name' named none: with 'Q3 ' saved, a save
    or a rename to 'Q3' left the leader to find which one in the list. The message names
    its id and its name as saved (spaces and invisible characters shown)."""
    problem, result = sample
    with ScenarioStore.open(tmp_path / "s.duckdb") as store:
        held = store.save(new_scenario(problem, result, "Q3\u200b "))
        other = store.save(new_scenario(problem, result, "other"))
        for attempt in (
            lambda: store.save(new_scenario(problem, result, "Q3")),
            lambda: store.rename(other.scenario_id, "Q3"),
        ):
            with pytest.raises(NameTakenError) as raised:
                attempt()
            message = str(raised.value)
            assert "already has this name" in message
            assert f"#{held.scenario_id} ('Q3\\u200b ')" in message


@pytest.mark.parametrize(
    ("first", "second", "said"),
    [
        ("SAME", "\uff33\uff21\uff2d\uff25", "in another form of its characters"),
        ("SAME", "same", "in another case"),
        ("Q3 base", "q3 BASE", "in another case"),
        # Case folding turns the ligature into 'fi': its form, not its case, differs.
        (
            "final plan",
            "\ufb01nal plan",
            "in another form of its characters ('\ufb01' is not 'fi')",
        ),
        # Turkish's dotted capital: case folding alone made it 'i' with a dot above, so
        # 'İstanbul' and 'istanbul' were both saved (attack round 34).
        ("\u0130stanbul", "istanbul", "in another form of its characters ('\u0130' is not 'I')"),
        # 'ISTANBUL' is 'ıstanbul' in capitals to a Turkish reader, 'istanbul' to others.
        ("ISTANBUL", "\u0131stanbul", "in another form of its characters ('\u0131' is not 'i')"),
    ],
)
def test_a_name_alike_by_case_or_width_is_taken(sample, tmp_path, first, second, said):
    """'SAME' and 'ＳＡＭＥ' (full-width) were both saved, though every reference takes them
    for one (identifiers.id_key): the second is refused, naming the saved one as it is written."""
    problem, result = sample
    with ScenarioStore.open(tmp_path / "s.duckdb") as store:
        saved = store.save(new_scenario(problem, result, first))
        other = store.save(new_scenario(problem, result, "other"))
        for attempt in (
            lambda: store.save(new_scenario(problem, result, second)),
            lambda: store.rename(other.scenario_id, second),
        ):
            with pytest.raises(NameTakenError) as raised:
                attempt()
            message = str(raised.value)
            assert f"#{saved.scenario_id} ('{first}') already has this name" in message
            assert said in message, message
        with pytest.raises(NameTakenError):
            store.refuse_taken_name(second)
        store.rename(saved.scenario_id, second)  # its own name in another case: its to change
        assert sorted(s.name for s in store.list()) == sorted([second, "other"])


def test_the_cli_refuses_a_name_alike_by_width(tmp_path, capsys):
    """planner scenarios save --name ＳＡＭＥ with 'SAME' saved: refused, naming 'SAME'."""
    from planner.interfaces.cli import main

    db = str(tmp_path / "s.duckdb")
    base = ["scenarios", "--db", db, "save", str(SAMPLE), "--time-limit", "1", "--name"]
    assert main([*base, "SAME"]) == 0
    capsys.readouterr()
    # Another time limit: not the same save run again, which is "already saved", exit 0.
    other = ["scenarios", "--db", db, "save", str(SAMPLE), "--time-limit", "2", "--name"]
    assert main([*other, "\uff33\uff21\uff2d\uff25"]) == 2
    err = capsys.readouterr().err
    assert "Saved scenario #1 ('SAME') already has this name" in err, err
    assert "Fix: Choose another name" in err
