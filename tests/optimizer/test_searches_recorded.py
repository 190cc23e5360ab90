"""The greedy's searches decide as recorded: a faster search must reach the same plan.

The week search (:mod:`planner.optimizer.week_search`), the neighbourhood
search in weeks (:mod:`planner.optimizer.week_lns`) and the quarter's local
search (:mod:`planner.optimizer.local_search`) end on their work (kicks and
CP-SAT's deterministic units), not on the clock, so the same inputs give the
same plan on any machine. Their speed is measured in bench/weeks.py; these
tests hold what they decide on generated quarters (``planner generate``, with
and without ``--weeks``) to the byte: who runs what from which week, after
each search, so that a change made for speed shows here if it changes a plan.

``searches_recorded.json`` holds them; ``python tests/optimizer/test_searches_recorded.py``
writes it again after a deliberate change (read its diff before committing it).
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

import pytest

from planner.core.domain import Problem
from planner.core.generate import generate_folder
from planner.core.loading import load_with_warnings
from planner.optimizer.eligibility import eligible_pairs
from planner.optimizer.greedy import greedy_plan
from planner.optimizer.week_search import WeekSearch

RECORDED = Path(__file__).with_name("searches_recorded.json")
#: name: (teams, projects, goals, seed, weeks, search budget s, neighbourhood work). The
#: quarters in weeks take 20 kicks of the week search and 0.3 units of neighbourhoods; the
#: quarter without weeks has 1,000 pairs or more, so its local search kicks too.
QUARTERS = {
    "weeks 20 x 120 seed 1": (20, 120, 8, 1, True, 10.0, 0.3),
    "weeks 20 x 150 seed 2": (20, 150, 8, 2, True, 10.0, 0.3),
    "quarter 30 x 400 seed 0": (30, 400, 8, 0, False, 2.0, 0.0),
}


def generated(name: str) -> Problem:
    """The generated quarter, read back from its folder as the CLI writes it."""
    teams, projects, goals, seed, weeks, _, _ = QUARTERS[name]
    with tempfile.TemporaryDirectory() as folder:
        generate_folder(Path(folder) / "q", teams, projects, goals, seed, weeks=weeks)
        return load_with_warnings(Path(folder) / "q").problem


def searched(name: str) -> dict[str, object]:
    """The greedy's plan, then its searches' to the end of their work: who, what, when."""
    problem = generated(name)
    *_, weeks, budget, work = QUARTERS[name]
    pairs = eligible_pairs(problem)
    steps: list[int] = []
    greedy, greedy_starts = greedy_plan(problem, pairs)
    plan, starts = greedy_plan(
        problem,
        pairs,
        improve_s=600,
        budget_s=budget,
        search=WeekSearch if weeks else None,
        neighbourhoods=work,
        on_repacked=steps.append,
    )

    def lines(chosen: list, at: dict[str, int]) -> list[str]:
        return sorted(f"{p.project_id} {p.team_id} {at.get(p.project_id)}" for p in chosen)

    return {"greedy": lines(greedy, greedy_starts), "searched": lines(plan, starts), "steps": steps}


@pytest.fixture(scope="module")
def recorded() -> dict[str, object]:
    return json.loads(RECORDED.read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(QUARTERS))
def test_the_searches_end_on_the_recorded_plan(name, recorded):
    """Run to the end of their work, the searches reach the recorded plan, start weeks too."""
    assert searched(name) == recorded[name]


def test_the_record_holds_searches_that_change_the_plan(recorded):
    """Each recorded search moved something past the greedy, and the neighbourhoods stepped."""
    for name, (*_, weeks, _, _) in QUARTERS.items():
        assert recorded[name]["searched"] != recorded[name]["greedy"], name
        if weeks:
            assert recorded[name]["steps"] and recorded[name]["steps"][0] > 0, name


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    record = {name: searched(name) for name in QUARTERS}
    RECORDED.write_text(json.dumps(record, indent=1) + "\n", "utf-8")
