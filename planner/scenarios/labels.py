"""A funnel stage, a department and a saved scenario as a leader reads them on every
page, in the CLI and in the exports."""

from __future__ import annotations

from planner.core.shown_figures import capitalised


def stage_label(stage: str) -> str:
    """A funnel stage as a word: ``lead_generation`` -> ``Lead generation``."""
    return capitalised(stage.replace("_", " ").replace("-", " ").strip())


def department_label(department: str) -> str:
    return department.capitalize()


def saved_scenario_label(scenario_id: int, name: str) -> str:
    """A saved scenario as what a plan is built on: the pages' basis line and sidebar, and
    the Summary of the plan.xlsx it exports, in the same words ("the saved scenario #2 Q3")."""
    return f"the saved scenario #{scenario_id} {name}"
