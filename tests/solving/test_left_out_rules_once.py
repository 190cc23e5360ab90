"""A large quarter in weeks builds the rules without weeks once: the warm start's LP reads
them, and the left-out reasons check a better option against the same rows
(planner/explain/held.py), not against a copy built again while the solve finishes.

At 150 teams x 3,000 projects in weeks (30 s) building them again took 0.4-1.1 s of the
solve's last seconds, within the left-out reasons' own two seconds (bench/results.md,
"Weeks").
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from planner import load_problem
from planner.core.generate import generate_folder
from planner.explain import held
from planner.optimizer.formulation import Formulation
from planner.optimizer.warm_start import model_size, warm_start
from planner.solving.plans import warm_result


def test_the_left_out_reasons_reuse_the_warm_starts_rules_without_weeks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Seed 4: ten left-out projects with a better option to check. Seed 3's were joint
    # projects whose teams able to take them had no week with room (said so at once since
    # the weeks' reasons weigh only teams with a partner holding the skills they lack).
    folder = generate_folder(tmp_path / "q", 10, 200, seed=4, weeks=True)
    quarter = load_problem(folder)
    warm = warm_start(quarter, time_limit_s=2.0)
    # The LP left rules 10-12 out (a quarter above the size that keeps them) and ran.
    assert model_size(quarter, warm.pairs) > 10_000 and warm.bound is not None
    assert warm.objective is not None

    built: list[bool] = []
    real_over = Formulation.over.__func__  # type: ignore[attr-defined]

    def counted_over(cls, problem, pairs, projects=None, **kwargs):  # type: ignore[no-untyped-def]
        built.append(kwargs.get("weeks", True))
        return real_over(cls, problem, pairs, projects, **kwargs)

    checked: list[int] = []
    real_broken = held.HeldBy.broken

    def counted_broken(self, added, removed):  # type: ignore[no-untyped-def]
        checked.append(1)
        return real_broken(self, added, removed)

    monkeypatch.setattr(Formulation, "over", classmethod(counted_over))
    monkeypatch.setattr(held.HeldBy, "broken", counted_broken)
    result = warm_result(quarter, warm, time.perf_counter(), reasons_until=None)
    assert result.plan is not None and result.plan.unassigned
    assert checked, "no left-out project had a better option to check: the test proves nothing"
    assert built == [], "the rules without weeks were built again for the left-out reasons"
