"""The quarter a check-in is made in: its inputs, the plan the teams work to, the check-in before.

A first check-in is made against a plan of the whole quarter. A second one
is made against the re-plan of the first, a saved scenario whose problem is
only *the rest of the quarter*: capacities already cut by the hours used,
targets by the KPI achieved, done projects gone. Checking in against that
problem again would cut capacity twice. So a check-in always starts from the
quarter's own inputs (the first plan's, up the chain of parents), with the
plan the teams work to (the re-plan, plus the done work it no longer lists)
and the check-in it follows (:func:`quarter_basis`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from planner.core.domain import Plan, Problem
from planner.scenarios.checkin import CheckIn, ProjectStatus
from planner.scenarios.scenario import Scenario, ScenarioSummary
from planner.scenarios.storage import ScenarioNotFoundError, StorageError

#: Longest chain of check-ins followed up to the quarter's plan.
MAX_CHECKINS = 100


class QuarterNotFoundError(StorageError):
    """A re-plan's quarter (the plan it was derived from) is no longer saved."""


@dataclass(frozen=True)
class QuarterBasis:
    """What a check-in against a saved plan starts from.

    ``problem`` is the quarter's inputs (full capacities and targets);
    ``plan`` the plan the teams work to, over the quarter's projects;
    ``since`` the check-in that ``plan`` re-planned (``None`` for a plan of
    the whole quarter).
    """

    problem: Problem
    plan: Plan
    since: CheckIn | None = None


def quarter_basis(scenario: Scenario, load: Callable[[int], Scenario]) -> QuarterBasis:
    """What a check-in against ``scenario``'s plan starts from.

    Parameters
    ----------
    scenario
        A saved scenario with a plan: a plan of the quarter, or the re-plan
        of a check-in (``scenario.checkin`` set).
    load
        Loads a saved scenario by id (the store's ``load``).

    Raises
    ------
    QuarterNotFoundError
        When a re-plan's parent, whose inputs are the quarter's, was deleted.
    ValueError
        When ``scenario`` has no plan.
    """
    if scenario.plan is None:
        raise ValueError(f"scenario {scenario.name!r} has no plan")
    if scenario.checkin is None:
        return QuarterBasis(scenario.problem, scenario.plan)
    chain = [scenario]
    while chain[-1].checkin is not None:
        parent_id = chain[-1].parent_id
        if parent_id is None or len(chain) > MAX_CHECKINS:
            raise QuarterNotFoundError(_missing(chain[-1]))
        try:
            chain.append(load(parent_id))
        except ScenarioNotFoundError:
            raise QuarterNotFoundError(_missing(chain[-1])) from None
    quarter = chain[-1]
    if quarter.plan is None:
        raise QuarterNotFoundError(_missing(chain[-2]))
    # From the quarter's plan down: each re-plan keeps the work done before it.
    plan = quarter.plan
    for replan in reversed(chain[:-1]):
        assert replan.plan is not None and replan.checkin is not None
        done = replan.checkin.ids_with(ProjectStatus.DONE) - set(replan.plan.owners())
        kept = tuple(a for a in plan.assignments if a.project_id in done)
        plan = Plan(kept + replan.plan.assignments, replan.plan.unassigned)
    return QuarterBasis(quarter.problem, plan, scenario.checkin)


def _missing(scenario: Scenario) -> str:
    return (
        f"'{scenario.name}' is the re-plan of a check-in, and the plan it was made from "
        "(whose inputs are the quarter's full capacities and targets) is no longer saved. "
        "Fix: Check in against a plan of the whole quarter instead."
    )


def checkins_on(
    scenario_id: int, summaries: Sequence[ScenarioSummary], load: Callable[[int], Scenario]
) -> list[ScenarioSummary]:
    """The saved check-ins whose quarter :func:`quarter_basis` reads through scenario
    ``scenario_id``: its check-ins, theirs, and so on (a what-if built on it is not one).
    Deleted, it leaves them without the quarter they were checked in on."""
    children: dict[int, list[ScenarioSummary]] = {}
    for summary in summaries:
        if summary.parent_id is not None:
            children.setdefault(summary.parent_id, []).append(summary)
    found: list[ScenarioSummary] = []
    todo = [scenario_id]
    while todo:
        for child in children.get(todo.pop(), []):
            try:
                is_checkin = load(child.scenario_id).checkin is not None
            except ScenarioNotFoundError:
                continue
            if is_checkin and child not in found:
                found.append(child)
                todo.append(child.scenario_id)
    return sorted(found, key=lambda s: s.scenario_id)


def checkins_lost_words(
    deleted: ScenarioSummary,
    found: Sequence[ScenarioSummary],
    shown: Callable[[str], str],
    *,
    done: bool = False,
) -> str:
    """What deleting ``deleted`` costs (``done``: cost) the check-ins ``found``
    (:func:`checkins_on`), as a sentence, each name through ``shown``; "" when none."""
    if not found:
        return ""
    names = [f"#{s.scenario_id} {shown(s.name)}" for s in found]
    listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
    they = "it" if len(found) == 1 else "they"
    cost = f"{they} can" if done else f"without it, {they} could"
    return (
        f"{listed} {'is a check-in' if they == 'it' else 'are check-ins'} made on it: {cost} "
        "no longer be checked in on again (the quarter's full capacities and targets "
        f"{'were' if done else 'are'} in #{deleted.scenario_id})."
    )
