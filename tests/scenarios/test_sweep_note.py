"""A sweep row without a plan says why in a sentence that stands alone.

A point's note is the first sentence of why there is no plan. With the sales teams at 0 %
that was "One change fixes the 3 conflicts below: put Sales's capacity back to 100 % ...":
the sweep's table (`planner scenarios sweep`, the Scenarios page's capacity what-ifs and the
chart's tooltip) shows one sentence per row, and nothing is below it.
"""

from __future__ import annotations

import pickle

from builders import problem as toy_problem
from builders import project, team

from planner.scenarios.whatif import sweep, with_capacity
from planner.solving.solver import solve


def test_a_point_without_a_plan_names_its_one_change_without_pointing_below(solved_sample):
    problem, _ = solved_sample
    (none,) = sweep(problem, "sales", [0.0], max_workers=1, time_limit_s=5)
    assert none.plan is None
    assert "below" not in none.note, none.note
    assert none.note.startswith("no plan: One change fixes the 3 conflicts in the way of a plan"), (
        none.note
    )
    assert "put Sales's capacity back to 100 % (this scenario sets it to 0 %)" in none.note


def test_a_point_kept_close_to_the_plan_in_force_names_its_one_change_the_same_way(
    solved_sample,
):
    """With the current plan, a point is solved kept close to it: its reasons pass through
    another stage that rewords the time limit, and the row still reads on its own."""
    problem, plan = solved_sample
    (none,) = sweep(problem, "sales", [0.0], max_workers=1, time_limit_s=5, baseline=plan)
    assert none.plan is None
    assert none.note.startswith("no plan: One change fixes the 3 conflicts in the way of a plan"), (
        none.note
    )


def test_a_project_named_with_the_pointer_s_words_keeps_its_name_in_the_row():
    """The row's sentence is the one its builder wrote for a line of its own, not words
    replaced in the finished sentence: a project a leader named "Clear 2 conflicts below:
    pricing" read "Clear 2 conflicts in the way of a plan: pricing" in its own sweep row."""
    name = "Clear 2 conflicts below: pricing"
    one = toy_problem(
        [team("m1", department="marketing"), team("s1", department="sales")],
        [project("P1", name=name, mandatory=True)],
    )
    (none,) = sweep(one, "marketing", [0.0], max_workers=1, time_limit_s=5)
    assert none.plan is None
    assert none.note.startswith(f"no plan: Mandatory project '{name}' cannot be assigned"), (
        none.note
    )
    assert none.note.count(name) == 2, none.note


def test_the_reasons_are_plain_sentences_and_the_row_s_form_is_carried_beside_them(
    solved_sample,
):
    """The one-line form travels as data of the result, not as an attribute of a string
    subclass that any string operation (``+``, ``replace``, an f-string) silently dropped:
    every reason is a plain ``str``, and the result, pickled back from a worker process,
    still holds the form its builder wrote for a line of its own."""
    problem, _ = solved_sample
    result = pickle.loads(pickle.dumps(solve(with_capacity(problem, "sales", 0.0), time_limit_s=5)))
    assert all(type(r) is str for r in result.reasons), [type(r) for r in result.reasons]
    assert result.reasons[0].startswith("One change fixes the 3 conflicts below: ")
    alone = result.first_reason_alone()
    assert alone.startswith("One change fixes the 3 conflicts in the way of a plan: "), alone
    assert alone.split(": ", 1)[1] == result.reasons[0].split(": ", 1)[1]
