"""A hard rule's test is written once outside the checker (docs/model.md, "Where each rule is
written"): rule 4's "a team holds a skill at the required level or above" is
:meth:`planner.core.domain.Team.holds`, and the optimizer, the explanations, the heuristics
and the input checks ask it (or :func:`planner.core.pairs.uncovered_skills`, built on it)
rather than compare a team's level themselves. The independent checker writes every rule
again, on purpose, and is left out. Eligibility's and the fit term's numpy forms compare
arrays of levels, not a team's, and are held to the rule by their own tests.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHECKER = ROOT / "planner" / "checker.py"


def level_comparisons(source: str) -> list[int]:
    """The lines that compare a ``.level(...)`` call with something (``t.level(s) >= 2``)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Compare):
            sides = [node.left, *node.comparators]
            if any(
                isinstance(side, ast.Call)
                and isinstance(side.func, ast.Attribute)
                and side.func.attr == "level"
                for side in sides
            ):
                found.append(node.lineno)
    return sorted(found)


def test_only_team_holds_compares_a_team_s_level():
    found = {
        str(path.relative_to(ROOT)): lines
        for path in sorted((ROOT / "planner").rglob("*.py"))
        if path != CHECKER and (lines := level_comparisons(path.read_text(encoding="utf-8")))
    }
    assert list(found) == ["planner/core/domain.py"], found
    lines = found["planner/core/domain.py"]
    domain = ast.parse((ROOT / "planner" / "core" / "domain.py").read_text(encoding="utf-8"))
    holds = next(
        n for n in ast.walk(domain) if isinstance(n, ast.FunctionDef) and n.name == "holds"
    )
    assert all(holds.lineno <= line <= (holds.end_lineno or 0) for line in lines)


def test_the_level_check_sees_every_way_of_comparing_a_level():
    source = "\n".join(
        [
            "a = t.level(s) >= 2",
            "b = 2 <= problem.team(k).level(s)",
            "c = not any(p.level(k) >= v for p in ps)",
            "d = t.level(s) > 0",
            "e = t.holds(s, 2)",  # the rule's own function: not a comparison of a level
            "f = t.level(s) - 1",  # the fit term's arithmetic, no test
        ]
    )
    assert level_comparisons(source) == [1, 2, 3, 4]
