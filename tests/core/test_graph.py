"""The depends_on graph's walk: every project after the ones it needs, once, at any depth."""

from __future__ import annotations

import pytest

from planner.core.errors import InvalidInputError
from planner.core.graph import prerequisites_first
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
