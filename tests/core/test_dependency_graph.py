"""The depends_on graph's walk: every project after the ones it needs, once, at any depth."""

from __future__ import annotations

import pytest

from planner.core.dependency_graph import held_by_cycles, prerequisites_first
from planner.core.errors import InvalidInputError
from planner.core.loading import load_with_warnings


def test_each_id_comes_once_after_the_ids_it_needs():
    """The loader's due-week check and the explanations' earliest ends read a project's
    prerequisites' weeks first: a project met before them would start too early."""
    needs = {"C": ["A", "B"], "B": ["A"], "D": []}
    order = list(prerequisites_first(["C", "D", "B"], lambda p: needs.get(p, [])))
    assert order == ["A", "B", "C", "D"]


def test_a_cycle_is_walked_once_and_holds_nothing_back():
    """A cycle is reported by the loader apart; here it must not loop for ever."""
    needs = {"A": ["B"], "B": ["A"]}
    assert list(prerequisites_first(["A"], lambda p: needs[p])) == ["B", "A"]


def test_a_chain_of_20_000_does_not_overflow_the_stack():
    """A chain that deep went past Python's recursion limit ("internal error")."""
    num = 20_000
    order = list(
        prerequisites_first([str(num - 1)], lambda p: [str(int(p) - 1)] if p != "0" else [])
    )
    assert order == [str(i) for i in range(num)]


def test_a_long_cycle_is_named_by_its_ends_and_a_short_one_whole(tmp_path):
    """A cycle of 20,000 projects was named project by project: one line of 189,021
    characters. It names its first and last projects and how many between; a short one
    every project, back to the first."""
    (tmp_path / "teams.csv").write_text(
        "team_id,department,capacity_hours\nbrand,marketing,100\n", encoding="utf-8"
    )
    n = 2000
    rows = [f"P{i},awareness,1,{f'P{i - 1}' if i else f'P{n - 1}'}" for i in range(n)]
    rows += ["A,awareness,1,B", "B,awareness,1,A"]
    (tmp_path / "projects.csv").write_text(
        "project_id,stage,effort_hours,depends_on\n" + "\n".join(rows) + "\n", encoding="utf-8"
    )
    with pytest.raises(InvalidInputError) as raised:
        load_with_warnings(tmp_path)
    long, short = (str(i) for i in raised.value.errors)
    assert long.startswith(
        "projects.csv, row 2, column depends_on: projects depend on each other in a cycle: "
        "P0 -> P1999 -> P1998 -> P1997 -> P1996 -> P1995 -> ... (1,992 more projects) -> "
        "P2 -> P1 -> P0."
    ), long
    assert "A -> B -> A." in short


def test_the_projects_a_cycle_holds_are_its_own_and_those_after_them():
    """A group of projects that need each other, and every project that needs one of them
    however far down; not a project they need, nor one beside them."""
    needs = {"A": ["B"], "B": ["C"], "C": ["A", "X"], "D": ["C"], "E": ["D"], "F": ["X"]}
    assert held_by_cycles(needs, list("ABCDEFX")) == {"A", "B", "C", "D", "E"}
    assert held_by_cycles({"A": ["B"], "B": []}, ["A", "B"]) == set()


def test_a_cycle_of_four_is_the_one_thing_said_of_its_weeks(tmp_path):
    """AW-01 -> AW-02 -> AW-03 -> AW-04 -> AW-01, each of some weeks: beside the cycle the
    loader warned "after its prerequisite 'AW-03' (which ends in week 17 at the earliest) it
    can end in week 28 at the earliest ... Move due_week later": weeks no cycle has, and a
    fix that fixes nothing. A project after the cycle the same; the cycle is the problem."""
    rows = [
        "AW-01,awareness,10,AW-02,5,,",
        "AW-02,awareness,10,AW-03,6,,12",
        "AW-03,awareness,10,AW-04,5,,",
        "AW-04,awareness,10,AW-01,6,,",
        "AW-05,awareness,10,AW-03,4,,",
        "AW-06,awareness,10,AW-07,10,,",  # a chain of its own, too late: still warned
        "AW-07,awareness,10,,6,,",
    ]
    (tmp_path / "teams.csv").write_text(
        "team_id,department,capacity_hours\nbrand,marketing,100\n", encoding="utf-8"
    )
    (tmp_path / "projects.csv").write_text(
        "project_id,stage,effort_hours,depends_on,duration_weeks,earliest_week,due_week\n"
        + "\n".join(rows)
        + "\n",
        encoding="utf-8",
    )
    with pytest.raises(InvalidInputError) as raised:
        load_with_warnings(tmp_path)
    (cycle,) = raised.value.errors
    assert "AW-01 -> AW-02 -> AW-03 -> AW-04 -> AW-01" in str(cycle)
    warned = [w for w in raised.value.warnings if w.file == "projects.csv"]
    assert [w.row for w in warned] == [7], [str(w) for w in warned]
