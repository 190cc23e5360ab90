"""A scenario saved already: the same inputs, plan and check-in under another name.

A leader who saved a check-in's re-plan twice, or checked in against this
session's plan in a new session after saving it on the Scenarios page, got a
second scenario identical to the first ("Plan before Check-in week 6" beside
"Q3 base"): two rows in the list and Compare setting a plan against its own
twin. :func:`saved_copy` finds the scenario saved already, so that the page
says where it is instead of saving it again. :func:`saved_with_inputs` finds the
scenario that holds a leader's unsaved work, whatever its plan.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from planner.core.domain import Plan, Problem
from planner.scenarios.checkin import CheckIn
from planner.scenarios.row_conversion import copy_key
from planner.scenarios.scenario import ScenarioSummary
from planner.scenarios.storage import ScenarioStore, StorageError
from planner.solving.service import fingerprint


def saved_copy(
    store: ScenarioStore,
    problem: Problem,
    plan: Plan,
    checkin: CheckIn | None = None,
    parent_id: int | Literal["any"] | None = "any",
    among: Iterable[ScenarioSummary] | None = None,
) -> ScenarioSummary | None:
    """The saved scenario of ``problem`` (inputs and settings), ``plan``, ``checkin`` (a
    re-plan's) and ``parent_id`` (``"any"``: whichever parent), if there is one; its name
    and note may differ.

    ``among``: the store's list rows, when the caller has them: a scenario not among them
    is not one. The store compares each scenario's copy key in one query
    (:meth:`~planner.scenarios.storage.ScenarioStore.copies`); a scenario saved before keys
    were stored is loaded whole and compared, when its parent and its count of projects in
    the plan match (a check-in's count is the quarter's, so any child of the parent is).
    """
    key = copy_key(problem, plan, checkin)
    keyed, unkeyed = store.copies(key)
    listed = None if among is None else {s.scenario_id for s in among}

    def wanted(summary: ScenarioSummary) -> bool:
        return (listed is None or summary.scenario_id in listed) and parent_id in (
            "any",
            summary.parent_id,
        )

    for summary in keyed:
        if wanted(summary):
            return summary
    planned = len(plan.owners())
    for summary in unkeyed:
        if not (
            wanted(summary)
            and summary.metrics.status.has_plan
            and (checkin is not None or summary.metrics.num_assigned == planned)
        ):
            continue
        saved = store.load(summary.scenario_id)
        if saved.plan is not None and copy_key(saved.problem, saved.plan, saved.checkin) == key:
            return summary
    return None


def saved_with_inputs(
    store: ScenarioStore, problem: Problem, newest: int = 50
) -> ScenarioSummary | None:
    """The newest saved scenario, of the latest ``newest``, whose inputs and settings are
    ``problem``'s, whatever its plan; ``None`` when none is.

    A scenario that no longer reads (its stored inputs edited by hand, or deleted since the
    list was read) is passed over. Raises :class:`StorageError` when the list cannot be read.
    """
    key = fingerprint(problem)
    for summary in sorted(store.list(), key=lambda s: -s.scenario_id)[:newest]:
        try:
            saved = store.load(summary.scenario_id)
        except StorageError:
            continue
        if fingerprint(saved.problem) == key:
            return summary
    return None
