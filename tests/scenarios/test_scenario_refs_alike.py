"""A scenario reference typed in full-width (attack round 12): `scenarios show ＳＡＭＥ` and
`show '#１'` read "No saved scenario is named or numbered ..." with the three closest names by
spelling and no word of the one meant; it was named, as an id in the data is, and a
reference read as names are kept unique (case, width, Turkish i) finds the one scenario
it reads as now (attack round 36)."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.interfaces.cli import main

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"


def _said(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    try:
        code = main(argv)
    except SystemExit as stopped:
        code = int(stopped.code or 0)
    return code, capsys.readouterr().err


def test_a_reference_in_full_width_names_the_scenario_meant(tmp_path, capsys):
    db = str(tmp_path / "s.duckdb")
    for name in ("SAME", "Other one", "Q3 plan"):
        save = ["scenarios", "--db", db, "save", str(SAMPLE), "--name", name, "--time-limit", "1"]
        assert _said(save, capsys)[0] == 0
    code, err = _said(["scenarios", "--db", db, "show", "ＳＡＭＥ"], capsys)
    assert code == 0 and "Did you mean" not in err, err  # the one scenario it reads as
    code, err = _said(["scenarios", "--db", db, "show", "ＳＡＭＥ ", "--json"], capsys)
    assert code == 0
    code, err = _said(["scenarios", "--db", db, "show", "#１"], capsys)
    assert code == 2 and "(it is written in full-width digits: write it as #1)" in err, err


def test_a_name_refused_in_another_case_does_not_promise_it_finds_the_scenario(tmp_path, capsys):
    """`save --name same` with 'SAME' saved was refused "as a scenario is found by its name",
    but `show same` finds no scenario (it asks "Did you mean 'SAME'?"): the refusal says why
    the names are one, not that a reference in another case finds the scenario."""
    db = str(tmp_path / "s.duckdb")
    save = ["scenarios", "--db", db, "save", str(SAMPLE), "--time-limit", "1", "--name"]
    assert _said([*save, "SAME"], capsys)[0] == 0
    other = [*save[:5], "--time-limit", "2", "--name"]  # not the same save run again
    code, refused = _said([*other, "same"], capsys)
    assert code == 2 and "already has this name, in another case" in refused, refused
    code, shown = _said(["scenarios", "--db", db, "show", "same"], capsys)
    assert code == 0, shown  # the one scenario the name is taken by
    assert "found by its name" not in refused
    assert "so that no two saved names read as one" in refused, refused


def test_a_scenario_saved_by_another_process_during_a_lookup_is_not_offered_as_a_typo(
    tmp_path, monkeypatch
):
    """`scenarios delete n1` while another process was saving n1 said "No saved scenario is
    named or numbered 'n1'. Did you mean 'n1'?": the lookup missed it and the names offered,
    read once the file was let go, held it. What is said is what the lookup read."""
    from contextlib import contextmanager

    from planner.core.loading import load_with_warnings
    from planner.scenarios.scenario import new_scenario
    from planner.scenarios.storage import ScenarioNotFoundError, ScenarioStore
    from planner.solving.solver import solve

    problem = load_with_warnings(SAMPLE).problem
    result = solve(problem, time_limit_s=2)
    db = tmp_path / "s.duckdb"
    with ScenarioStore(db) as store:
        opened = store._cursor

        @contextmanager
        def then_saved_elsewhere(**kwargs):
            """Each operation on the file, and n1 saved by another once it lets go."""
            with opened(**kwargs) as cursor:
                yield cursor
            with ScenarioStore(db) as other:
                if not other.list():
                    other.save(new_scenario(problem, result, "n1"))

        monkeypatch.setattr(store, "_cursor", then_saved_elsewhere)
        with pytest.raises(ScenarioNotFoundError) as raised:
            store.find("n1")
    assert "Did you mean" not in str(raised.value), raised.value
    assert str(raised.value).endswith("No scenario is saved yet.")


@pytest.fixture(scope="module")
def solved():
    """The sample quarter, solved once."""
    from planner.core.loading import load_with_warnings
    from planner.solving.solver import solve

    problem = load_with_warnings(SAMPLE).problem
    return problem, solve(problem, time_limit_s=1)


@pytest.mark.parametrize(
    ("saved", "typed"),
    [
        ("Caf\u00e9", "caf\u00e9"),
        ("Caf\u00e9", "CAFE\u0301"),  # another case, the accent typed as a second character
        ("\u0130stanbul", "istanbul"),
        ("\u0130stanbul", "ISTANBUL"),
        ("\u0131stanbul", "Istanbul"),
        ("Q3 plan", "\uff51\uff13 PLAN"),
    ],
)
def test_a_reference_in_another_case_or_form_finds_the_one_scenario_it_reads_as(
    solved, tmp_path, saved, typed
):
    """`scenarios show café` with 'Café' saved read "No saved scenario is named ... Did you
    mean 'Café'?", though no other scenario may hold that name (names are kept unique in
    any case, form or Turkish i): the one scenario it reads as is found."""
    from planner.scenarios.scenario import new_scenario
    from planner.scenarios.storage import ScenarioStore

    problem, result = solved
    with ScenarioStore.open(tmp_path / "s.duckdb") as store:
        store.save(new_scenario(problem, result, "other"))
        held = store.save(new_scenario(problem, result, saved))
        assert store.find(typed).scenario_id == held.scenario_id


def test_a_reference_two_older_names_read_as_lists_both_to_choose_from(solved, tmp_path):
    """A database written before names were kept unique in any case may hold 'Q3' and 'q3':
    `show Q3` finds the one so written, `show q3 ` (another form) both, and is refused
    listing the two by id, not matched to either."""
    import duckdb

    from planner.scenarios.scenario import new_scenario
    from planner.scenarios.storage import AmbiguousScenarioError, ScenarioStore

    problem, result = solved
    path = tmp_path / "s.duckdb"
    with ScenarioStore.open(path) as store:
        first = store.save(new_scenario(problem, result, "Q3"))
        second = store.save(new_scenario(problem, result, "second"))
    with duckdb.connect(str(path)) as con:  # as an older version let it be saved
        con.execute("UPDATE scenarios SET name = 'q3' WHERE scenario_id = ?", [second.scenario_id])
    with ScenarioStore.open(path) as store:
        assert store.find("Q3").scenario_id == first.scenario_id
        assert store.find("q3").scenario_id == second.scenario_id
        with pytest.raises(AmbiguousScenarioError) as raised:
            store.find("\uff31\uff13")
    said = str(raised.value)
    assert f"#{first.scenario_id} ('Q3')" in said and f"#{second.scenario_id} ('q3')" in said
    assert f"Write #{first.scenario_id} or #{second.scenario_id} to say which." in said, said
