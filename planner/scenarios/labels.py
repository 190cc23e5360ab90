"""A funnel stage, a department and a saved scenario as a leader reads them on every
page, in the CLI and in the exports."""

from __future__ import annotations

from planner.core.shown_figures import capitalised


def stage_label(stage: str) -> str:
    """A funnel stage as a word: ``lead_generation`` -> ``Lead generation``."""
    return capitalised(stage.replace("_", " ").replace("-", " ").strip())


def department_label(department: str) -> str:
    return department.capitalize()


#: After a saved scenario's label, once another tab or leader deleted it: the inputs are
#: unsaved again (the pages' basis line; a reload offers them as unsaved work).
DELETED_SINCE = ", deleted since (in another tab, or by another leader)"
#: What every saved scenario's label starts with.
SAVED_SCENARIO_PREFIX = "the saved scenario #"


def saved_scenario_label(scenario_id: int, name: str) -> str:
    """A saved scenario as what a plan is built on: the pages' basis line and sidebar, and
    the Summary of the plan.xlsx it exports, in the same words ("the saved scenario #2 Q3")."""
    return f"{SAVED_SCENARIO_PREFIX}{scenario_id} {name}"
