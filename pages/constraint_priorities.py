"""The Constraints page's Priorities and time limit tab: how much each goal matters, the
priorities, the plan's score's raw weights and the time limit.

Not a page: :mod:`pages.constraints` draws it when its tab is open.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from pages.common import current_problem, remembered, revision, update_problem
from pages.constraint_refusals import (
    drawn_now,
    say_refused,
    set_settings,
    show_refused,
    sync,
    value_refused,
)
from planner import InvalidInputError, Problem
from planner.core.editing import rebuilt
from planner.core.loading import GOALS, problem_to_frames
from planner.core.ranges import TIME_LIMIT, WEIGHT, weight_range
from planner.core.score_checks import aimless_weights
from planner.core.table_rows import cell_text
from planner.interfaces.exports import GOAL_WEIGHT, GOAL_WEIGHT_HELP
from planner.scenarios.priorities import (
    LEVELS,
    PRIORITY_HELP,
    PRIORITY_NAMES,
    PRIORITY_WEIGHTS,
    priority_level,
)

WEIGHT_HELP = {
    "attainment": "Each goal's % of target reached (capped at 100 %), times its weight.",
    "value": "Plain sum of the assigned projects' value (KPI units, so mind the scale).",
    "balance": "Penalty on the busiest team's planned hours as a % of its capacity at the "
    "capacity % set above (before the share of its hours each team is planned up to): "
    "spreads the work.",
    "fit": "Bonus for skill levels above the minimum and for a team's own stages.",
    "stability": "Penalty per project that moves away from the baseline plan (check-in).",
    "confidence": "Reward for each goal's chance of reaching its target (in %), times the "
    "goal's weight: trades expected attainment for the odds of hitting the number (needs projects "
    "with a Lowest and a Highest likely value, the Data page's Projects table).",
}


#: The choice shown when a weight matches no level (set under "advanced").
CUSTOM = "custom"


def _priority_key(name: str, rev: int) -> str:
    """The choice in force is part of the key (a new widget when the weight changes)."""
    weight = float(getattr(current_problem().settings.weights, name))
    return f"priority-{name}-{rev}-{priority_level(name, weight) or CUSTOM}"


def _weight_key(name: str, rev: int) -> str:
    """The weight in force is part of the key, as for the choices."""
    weight = WEIGHT.clamp(float(getattr(current_problem().settings.weights, name)))
    return f"weight-{name}-{rev}-{weight:g}-{sync(f'weight-{name}')}"


def _time_limit_key(rev: int) -> str:
    return f"time-limit-{rev}-{sync('time-limit')}"


def _on_weight(name: str, key: str) -> None:
    if not drawn_now(key, _weight_key(name, revision())):
        return
    settings = current_problem().settings
    value = float(st.session_state[key])
    kept = f"{float(getattr(settings.weights, name)):g}"
    if value_refused(f"weight-{name}", weight_range(name), value, name.capitalize(), kept):
        return
    weights = replace(settings.weights, **{name: value})
    set_settings(settings.with_changes(weights=weights))


def _on_priority(name: str, key: str) -> None:
    if not drawn_now(key, _priority_key(name, revision())):
        return
    level = st.session_state[key]
    if level not in PRIORITY_WEIGHTS[name]:
        return
    value = PRIORITY_WEIGHTS[name][level]
    settings = current_problem().settings
    set_settings(settings.with_changes(weights=replace(settings.weights, **{name: value})))


def _apply_goal_weights(edited: pd.DataFrame) -> None:
    """Goal weights as the "Weight" column shows them."""
    problem = current_problem()
    goals = remembered(problem_to_frames, problem)[GOALS].copy()
    # As the Data page reads a grid's cell: "{:g}" wrote 1,000,000 as "1e+06", refused as
    # exponent notation the leader never typed, and kept six digits of any weight.
    weights = [cell_text(w) for w in edited["weight"]]
    if list(goals["weight"]) == weights:
        return
    if emptied := [g.name for g, w in zip(problem.goals, weights, strict=True) if not w.strip()]:
        # goals.csv reads an empty weight as 1: emptied here, the cell came back as 1
        # without a word, where the leader may have meant 0 or a weight not yet decided.
        said = [
            f"Weight of {name}: it is empty. Type how much the goal matters (1 is the usual "
            "weight, 2 counts twice as much)."
            for name in emptied
        ]
        say_refused("goal-weights", " ".join(said) + " Not applied; the weights stay.")
        st.rerun()
    goals["weight"] = weights
    try:
        new_problem, _ = rebuilt(problem, {GOALS: goals})
    except InvalidInputError as exc:
        # Said under this table (it was said under the pins and forbids, as their own
        # refusal), by the goal's name; the table is drawn again with the weights in force.
        names = [g.name for g in problem.goals]
        said = [
            f"Weight of {names[i.row - 2] if i.row and 2 <= i.row < len(names) + 2 else 'a goal'}"
            f": {i.message} {i.fix}"
            for i in exc.errors
        ]
        say_refused("goal-weights", " ".join(said) + " Not applied; the weights stay.")
        st.rerun()
    update_problem(new_problem)


def _on_time_limit(key: str) -> None:
    if not drawn_now(key, _time_limit_key(revision())):
        return
    settings = current_problem().settings
    value = float(st.session_state[key])
    kept = f"{float(settings.solve.time_limit_s):g} s"
    if value_refused("time-limit", TIME_LIMIT, value, "Time limit (seconds)", kept):
        return
    solve = replace(settings.solve, time_limit_s=value)
    set_settings(settings.with_changes(solve=solve))


def priorities_settings(rev: int) -> None:
    """The Priorities and time limit tab: goal weights, priorities, raw weights, time limit."""
    problem = current_problem()
    settings = problem.settings
    _goal_weights(problem, rev)
    _priority_levels(problem, rev)
    aimless = aimless_weights(settings)
    if aimless is not None:
        st.warning(
            f"{aimless[0].upper()}{aimless[1:]} Set Attainment back to 1 under Advanced.",
            icon=":material/warning:",
        )
    _raw_weights(problem, rev)
    key = _time_limit_key(rev)
    st.number_input(
        "Time limit (seconds)",
        value=TIME_LIMIT.clamp(float(settings.solve.time_limit_s)),
        step=1.0,
        format="%g",
        key=key,
        help="The longest one plan may take to find; the best plan found by then is used.",
        on_change=_on_time_limit,
        args=(key,),
    )
    show_refused(st, "time-limit")


def _goal_weights(problem: Problem, rev: int) -> None:
    """The table of how much each goal matters, its weights edited as goals.csv writes them."""
    st.markdown("**How much each goal matters** (2 counts twice as much as 1)")
    # The weights as goals.csv writes them ("1", "2"), edited as text: a number editor kept
    # only what a number may hold, so "1e12" typed reached the page as 112. As typed, the
    # loader reads it (_apply_goal_weights) and its words say what is in the way.
    goal_frame = pd.DataFrame(
        {
            "goal": [g.name for g in problem.goals],
            "weight": list(remembered(problem_to_frames, problem)[GOALS]["weight"]),
        }
    )
    edited_goals = st.data_editor(
        goal_frame,
        key=f"goal-weights-{rev}-{sync('goal-weights')}",
        hide_index=True,
        disabled=["goal"],
        column_config={
            "goal": st.column_config.TextColumn("Goal", width="medium"),
            # Text, right-aligned as a figure: no number editor's minimum ("-1" read 1) nor
            # its filter of keys (see _apply_goal_weights).
            "weight": st.column_config.TextColumn(
                GOAL_WEIGHT, help=GOAL_WEIGHT_HELP, alignment="right"
            ),
        },
        width="stretch",
    )
    _apply_goal_weights(edited_goals)
    show_refused(st, "goal-weights")


def _priority_levels(problem: Problem, rev: int) -> None:
    """A choice of level (off to high) for each priority, two to a row."""
    weights = problem.settings.weights
    cols = st.columns(2)
    for index, name in enumerate(PRIORITY_WEIGHTS):
        col = cols[index % 2]
        level = priority_level(name, float(getattr(weights, name))) or CUSTOM
        options = [*LEVELS, *([CUSTOM] if level == CUSTOM else [])]
        # The choice shown is the weight in force, as the widget's default and in its key
        # (a new widget when the weight changes under "advanced"): through session state, a
        # browser whose rerun was cut short fell back to the first option and sent "off".
        key = _priority_key(name, rev)
        col.radio(
            PRIORITY_NAMES[name],
            options,
            index=options.index(level),
            key=key,
            horizontal=True,
            format_func=str.capitalize,
            help=PRIORITY_HELP[name],
            on_change=_on_priority,
            args=(name, key),
        )


def _raw_weights(problem: Problem, rev: int) -> None:
    """Under Advanced, the plan's score's raw weights as numbers, three to a row."""
    weights = problem.settings.weights
    advanced = st.expander("Advanced: the plan's score, its raw weights (0 turns one off)")
    weight_cols = advanced.columns(3)
    for index, name in enumerate(WEIGHT_HELP):
        value = WEIGHT.clamp(float(getattr(weights, name)))
        key = _weight_key(name, rev)
        weight_cols[index % 3].number_input(
            name.capitalize(),
            value=value,
            step=0.05,
            format="%g",
            key=key,
            help=WEIGHT_HELP[name],
            on_change=_on_weight,
            args=(name, key),
        )
        show_refused(weight_cols[index % 3], f"weight-{name}")
