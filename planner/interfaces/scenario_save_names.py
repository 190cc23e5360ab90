"""The name ``planner scenarios save`` may take: what it refuses before the data is read
and solved, and, once solved, a saved scenario holding the name that is this same save's
(nothing is saved again)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from planner.interfaces.scenario_args import Invalid
from planner.interfaces.scenario_database import open_store, refuse_missing_folder

if TYPE_CHECKING:
    from planner.core.domain import Problem
    from planner.scenarios.scenario import ScenarioSummary
    from planner.scenarios.storage import NameTakenError, ScenarioStore


def taken_before_solving(args: argparse.Namespace) -> NameTakenError | None:
    """What ``scenarios save`` refuses before the data is read and solved: a blank or long
    name, a long note (a 20,000-character note was refused after the solve), ``--free``
    without ``--parent``, a database that cannot be made or an unknown parent. The database
    is not made here: data found invalid makes nothing.

    A taken name is returned, not raised: the same save run again (the same data, settings
    and parent) is "already saved" once the data is read, with no solve; other data under
    that name is refused before its solve (:mod:`~planner.interfaces.scenario_save_cli`)."""
    from planner.scenarios.scenario import check_name, check_note
    from planner.scenarios.storage import NameTakenError

    args.name, args.note = check_name(args.name), check_note(args.note)
    if args.free and args.parent is None:
        raise Invalid(
            "--free needs --parent: it plans from scratch instead of keeping close to "
            "the plan of the scenario it is built on. "
            "Fix: Add --parent NAME_OR_ID, or leave out --free."
        )
    refuse_missing_folder(args)
    with open_store(args) as store:
        if args.parent is not None:
            store.find(args.parent)
        try:
            store.refuse_taken_name(args.name)
        except NameTakenError as taken:
            return taken
    return None


def taken_now(store: ScenarioStore, name: str) -> NameTakenError | None:
    """The store's refusal of ``name``, when a saved scenario holds it now."""
    from planner.scenarios.storage import NameTakenError

    try:
        store.refuse_taken_name(name)
    except NameTakenError as taken:
        return taken
    return None


def saved_under_the_name(
    store: ScenarioStore, taken: NameTakenError, problem: Problem, args: argparse.Namespace
) -> ScenarioSummary | None:
    """The scenario holding the name given, when it is this save's: the same inputs and
    settings (:func:`~planner.solving.service.fingerprint`), no check-in, the same parent
    and not planned ``--free`` from it. Its plan stands: nothing is solved or saved."""
    from planner.scenarios.storage import ScenarioNotFoundError
    from planner.solving.service import fingerprint

    if taken.holder is None or args.free:
        return None
    try:
        summary = store.find(f"#{taken.holder[0]}")
        held = store.load(summary.scenario_id)
        parent = None if args.parent is None else store.find(args.parent).scenario_id
    except ScenarioNotFoundError:  # deleted meanwhile: the save goes on and says so
        return None
    same = held.checkin is None and summary.parent_id == parent and held.plan is not None
    return summary if same and fingerprint(held.problem) == fingerprint(problem) else None
