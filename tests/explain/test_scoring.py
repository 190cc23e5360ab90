"""planner.explain.scoring: the objective's change for a small edit equals the checker's.

The explanations quote :class:`Scorer`'s figures ("adding it would change the
objective by +3.2 (attainment +4.1, confidence -0.8, ...)") and choose a
project's best alternative owner by them. They must be the checker's change
of objective, term by term, under every weight, not a sketch of it.
"""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import _plan_of, ranged_problems_with_a_baseline

from planner.checker import objective_of
from planner.core.domain import ObjectiveBreakdown, Plan, Problem
from planner.explain.scoring import Contribution, Scorer


@st.composite
def edits(draw):
    """A problem with ranges and a baseline, a plan of it, and a random source for the edit."""
    prob = draw(ranged_problems_with_a_baseline(max_projects=5))

    def owners_of(p) -> tuple[str, ...]:
        if p.joint:
            sales = [t.team_id for t in prob.teams if t.department == "sales"]
            marketing = [t.team_id for t in prob.teams if t.department == "marketing"]
            if not (sales and marketing):
                return ()
            return (draw(st.sampled_from(sales)), draw(st.sampled_from(marketing)))
        teams = [t.team_id for t in prob.teams]
        return (draw(st.sampled_from(teams)),) if draw(st.booleans()) else ()

    combo = tuple(owners_of(p) for p in prob.projects)
    return prob, _plan_of(prob, combo), draw(st.randoms(use_true_random=False))


#: The objective's terms, by name (ObjectiveBreakdown's and Contribution's alike).
NAMES = ("attainment", "value", "balance", "fit", "stability", "confidence")


def _change(prob: Problem, before: Plan, after: Plan) -> dict[str, Fraction]:
    """The checker's change of each term from ``before`` to ``after`` (penalties negative)."""
    return _by_term(Contribution.between(objective_of(prob, before), objective_of(prob, after)))


def _by_term(contribution: Contribution) -> dict[str, Fraction]:
    return {n: getattr(contribution, n) for n in NAMES}


@settings(max_examples=150, deadline=None)
@given(edits())
def test_a_small_edit_changes_the_objective_by_what_the_checker_computes(case):
    """Adding a pair and removing a project's assignments: ``Scorer.delta`` is the checker's
    change of objective exactly, with attainment, value, balance, fit, stability and
    confidence all weighted (confidence was missing: with it on, an explanation said -14.15
    where the plan lost 90.15)."""
    prob, plan, rnd = case
    scorer = Scorer(prob, plan)
    out = [p for p in prob.projects if p.project_id not in plan.owners() and not p.joint]
    add = []
    if out and prob.teams:
        project, team = rnd.choice(out), rnd.choice(prob.teams)
        add = [scorer.add(project, team)]
    assigned = sorted(plan.owners())
    gone = rnd.choice(assigned) if assigned and rnd.random() < 0.7 else None
    remove = [a for a in plan.assignments if a.project_id == gone]
    after = Plan(
        tuple(a for a in plan.assignments if a.project_id != gone)
        + tuple(_plan_of(prob, _one(prob, add)).assignments),
        (),
    )
    change = scorer.delta(add, remove)
    assert _by_term(change) == _change(prob, plan, after)
    if remove:
        without = Plan(tuple(a for a in plan.assignments if a.project_id != gone), ())
        assert _by_term(scorer.removal(gone)) == _change(prob, without, plan)


def _one(prob: Problem, add) -> tuple[tuple[str, ...], ...]:
    """``_plan_of``'s owners for the added pair alone (every other project unassigned)."""
    wanted = {item.project_id: item.team_id for item in add}
    return tuple((wanted[p.project_id],) if p.project_id in wanted else () for p in prob.projects)


def test_a_change_between_two_scores_counts_a_bigger_penalty_negative():
    """A plan's score holds its penalties as sizes (the busiest team at 30 %, 2 changes);
    the change to it from a plan at 10 % and none costs 20 and 2 points, not adds them,
    as the explanations quote a change ("Workload balance −20.00")."""
    before = ObjectiveBreakdown(attainment=Fraction(5), balance=Fraction(10))
    after = ObjectiveBreakdown(attainment=Fraction(8), balance=Fraction(30), stability=Fraction(2))
    change = Contribution.between(before, after)
    assert change == Contribution(
        attainment=Fraction(3), balance=Fraction(-20), stability=Fraction(-2)
    )
    assert change.total == after.total - before.total == -19


def test_a_change_names_each_priority_as_the_constraints_page_reads_it():
    """A CMO who set 'Odds of hitting each target' on the Constraints page read the
    ranking score's change as "Odds of hitting targets +0.50": another name for the same
    control. Each priority's term reads as the control it is set with."""
    change = Contribution(balance=Fraction(-1, 10), fit=Fraction(1, 20), confidence=Fraction(1, 2))
    assert change.describe() == (
        "+0.45 (Skill fit +0.05, Workload balance −0.10, Odds of hitting each target +0.50)"
    )
