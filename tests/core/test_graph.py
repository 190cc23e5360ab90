"""The depends_on graph's walk: every project after the ones it needs, once, at any depth."""

from __future__ import annotations

from planner.core.graph import prerequisites_first


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
