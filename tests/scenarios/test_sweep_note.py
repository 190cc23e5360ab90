"""A sweep row without a plan says why in a sentence that stands alone.

A point's note is the first sentence of why there is no plan. With the sales teams at 0 %
that was "One change fixes the 3 conflicts below: put Sales's capacity back to 100 % ...":
the sweep's table (`planner scenarios sweep`, the Scenarios page's capacity what-ifs and the
chart's tooltip) shows one sentence per row, and nothing is below it.
"""

from __future__ import annotations

from planner.scenarios.whatif import sweep


def test_a_point_without_a_plan_names_its_one_change_without_pointing_below(solved_sample):
    problem, _ = solved_sample
    (none,) = sweep(problem, "sales", [0.0], max_workers=1, time_limit_s=5)
    assert none.plan is None
    assert "below" not in none.note, none.note
    assert none.note.startswith("no plan: One change fixes the 3 conflicts in the way of a plan"), (
        none.note
    )
    assert "put Sales's capacity back to 100 % (this scenario sets it to 0 %)" in none.note
