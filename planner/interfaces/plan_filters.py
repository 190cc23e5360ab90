"""The Plan page's filters as its address holds them (``/plan?department=Sales&team=SDR``).

:func:`filter_offers` is what each filter offers, as the page lists it;
:func:`unknown_filter_values` sorts the values an address asks for into those and the rest
(a team removed or renamed since the address was copied, a name cut at its '&' by hand),
and :func:`unknown_filter_words` says the rest to the leader, with the value a filter offers
for one written otherwise (:func:`filter_values_meant`: an id, other capitals). Streamlit
drops a value no filter offers from the address without a word: a VP sent
/plan?team=Field%20Events read every team's plan as if it were that team's.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from planner.core.domain import DEPARTMENT_ORDER, Problem
from planner.core.errors import clipped
from planner.core.shared_words import joined, plural
from planner.interfaces.charts import goal_labels, team_labels
from planner.interfaces.plan_frames import NO_GOAL
from planner.scenarios.labels import stage_label

#: The filters' keys in the page's address, in the order the warning names them.
FILTER_KEYS = ("department", "team", "stage", "goal")
#: How many unknown values the warning names before counting the others.
NAMED = 3


def goal_filter_options(problem: Problem) -> list[str]:
    """The Goal filter's choices: each goal's chart label, then "(no goal)" when a project
    has none."""
    no_goal = [NO_GOAL] if any(p.goal_id is None for p in problem.projects) else []
    return list(goal_labels(problem).values()) + no_goal


def filter_offers(problem: Problem) -> dict[str, set[str]]:
    """Each filter's key -> the values it offers, as the address writes them: departments
    capitalised ("Sales"), teams and goals by their chart labels, stages by their labels."""
    return {
        "department": {d.capitalize() for d in DEPARTMENT_ORDER},
        "team": set(team_labels(problem).values()),
        "stage": {stage_label(s) for s in problem.settings.stages.order},
        "goal": set(goal_filter_options(problem)),
    }


def unknown_filter_values(
    problem: Problem, asked: Mapping[str, Sequence[str]]
) -> list[tuple[str, str]]:
    """The (key, value) pairs of ``asked`` (a filter's key -> the values the address gives
    it) that no filter offers, in :data:`FILTER_KEYS` order, each once; an empty value
    (``?team=``) asks for nothing and is left out, as is a key that is no filter's."""
    offers = filter_offers(problem)
    return [
        (key, value)
        for key in FILTER_KEYS
        for value in dict.fromkeys(asked.get(key, ()))
        if value and value not in offers[key]
    ]


def filter_values_meant(
    problem: Problem, unknown: Sequence[tuple[str, str]]
) -> dict[tuple[str, str], str]:
    """The value a filter offers that each of ``unknown`` (:func:`unknown_filter_values`)
    names otherwise: an id as the data files write it (``?department=sales``,
    ``?team=sdr``, ``?stage=lead_generation``) or a label in other capitals (``?team=sdr
    team``); those with none are left out. Such an address read "which these data do not
    have" of the department, team or stage the page had."""
    names: dict[str, dict[str, str]] = {
        "department": {d: d.capitalize() for d in DEPARTMENT_ORDER},
        "team": team_labels(problem),
        "stage": {s: stage_label(s) for s in problem.settings.stages.order},
        "goal": goal_labels(problem),
    }
    meant: dict[tuple[str, str], str] = {}
    for key, value in unknown:
        if key not in names:
            continue
        by_id = names[key]
        folded = {label.casefold(): label for label in filter_offers(problem)[key]}
        folded_ids = {i.casefold(): label for i, label in by_id.items()}
        label = by_id.get(value) or folded.get(value.casefold()) or folded_ids.get(value.casefold())
        if label is not None:
            meant[(key, value)] = label
    return meant


def unknown_filter_words(
    unknown: Sequence[tuple[str, str]], meant: Mapping[tuple[str, str], str] | None = None
) -> str | None:
    """What the page says of ``unknown`` (:func:`unknown_filter_values`): the first
    :data:`NAMED` by key and value, the others counted; ``None`` when there are none.
    ``meant`` (:func:`filter_values_meant`): the value a filter offers for one written
    otherwise, said beside it, as the data have it under that name."""
    if not unknown:
        return None
    meant = meant or {}

    def named(key: str, value: str) -> str:
        said = f"{key} '{clipped(value)}'"
        label = meant.get((key, value))
        return said if label is None else f"{said} (the filter's '{clipped(label)}')"

    listed = [named(key, value) for key, value in unknown[:NAMED]]
    others = [plural(len(unknown) - NAMED, "other")] if len(unknown) > NAMED else []
    why = (
        "as written"
        if any(pair in meant for pair in unknown)
        else "(renamed or removed since the address was copied?)"
    )
    return (
        f"This page's address asks for {joined(listed + others)}, which these data do not "
        f"have {why}: the plan below is not filtered on "
        f"{'it' if len(unknown) == 1 else 'them'}. Pick from the filters instead."
    )


__all__ = [
    "FILTER_KEYS",
    "filter_offers",
    "filter_values_meant",
    "goal_filter_options",
    "unknown_filter_values",
    "unknown_filter_words",
]
