"""Constraints: what-if capacity, stage policy, pins and forbids, objective, time limit.

Each control changes the session's settings at once (a new, frozen
Settings), and the plan on the right is solved again for them; the same
settings are never solved twice. Pins and forbids are data rows, so they
are validated like any data edit before they apply.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from pages.away_weeks import show_away_weeks
from pages.common import (
    current_problem,
    current_warnings,
    remembered,
    require_router,
    revision,
    set_problem,
    update_problem,
)
from pages.constraint_refusals import (
    CAPACITY_TAB,
    PRIORITIES_TAB,
    bump,
    rule_issues_on_screen,
    say_refused,
    show_refused,
    show_refused_elsewhere,
    sync,
    typed_refused,
    value_refused,
)
from pages.headline import show_advanced, show_basis, show_headline
from pages.solving import (
    RELATIVE,
    cached_result,
    kept_close,
    solve_now,
    solved,
)
from pages.ui import (
    WHAT_IF_BESIDE_SETTINGS,
    column_config,
    show_chart,
    show_issues,
    show_status,
)
from pages.what_if import show_what_changed
from planner.core.domain import Problem, Team
from planner.core.editing import rebuilt
from planner.core.errors import InvalidInputError
from planner.core.loading import GOALS, RULES, problem_to_frames
from planner.core.ranges import (
    MAX_UTILIZATION,
    MULTIPLIER,
    MULTIPLIER_SLIDER,
    TIME_LIMIT,
    WEIGHT,
    Range,
)
from planner.core.score_checks import aimless_weights
from planner.core.settings import Settings
from planner.core.table_rows import cell_text
from planner.core.words import stages_words
from planner.interfaces import charts, plan_frames
from planner.interfaces.exports import GOAL_WEIGHT, GOAL_WEIGHT_HELP
from planner.scenarios.language import (
    LEVELS,
    PRIORITY_HELP,
    PRIORITY_NAMES,
    PRIORITY_WEIGHTS,
    priority_level,
    stage_label,
)
from planner.scenarios.metrics import team_loads
from planner.scenarios.relative import (
    DEFAULT_TOLERANCE,
)

_AUTO = "constraints_auto_solve"
_RULE_ISSUES = "constraints_rule_issues"
#: Session keys of the settings' tabs (the open tab's label), of the tab whose settings the
#: last run drew, and of pins and forbids edited, not applied, when their tab was left.
_TAB = "constraints_tab"
_DRAWN = "constraints_drawn_tab"
_RULES_TAB = "Pins and forbids"
_RULES_DRAFT, _RULES_LAST = "constraints_rules_draft", "constraints_rules_last"
WEIGHT_HELP = {
    "attainment": "Goal percentage points reached (each goal capped at 100 %), times its weight.",
    "value": "Plain sum of the assigned projects' value (KPI units, so mind the scale).",
    "balance": "Penalty on the busiest team's planned hours as a % of its capacity at the "
    "capacity % set above (before the max utilisation cap): spreads the work.",
    "fit": "Bonus for skill levels above the minimum and for a team's own stages.",
    "stability": "Penalty per project that moves away from the baseline plan (check-in).",
    "confidence": "Reward for each goal's chance of reaching its target, in points x the goal's "
    "weight: trades expected attainment for the odds of hitting the number (needs projects "
    "with a Lowest and a Highest likely value, the Data page's Projects table).",
}


#: The choice shown when a weight matches no level (set under "advanced").
CUSTOM = "custom"


def _percent(share: float) -> int:
    """A share (0.85) as the whole percent a slider shows (85)."""
    return round(share * 100)


def _exact_percent(share: float) -> float:
    """A share as the percent the exact input shows: 1.15 reads 115, not 114.99999999999999."""
    return round(share * 100, 6)


def _set_settings(settings: Settings) -> None:
    problem = current_problem()
    if settings != problem.settings:
        update_problem(problem.replace(settings=settings))


def _multipliers_with(name: str, value: float | None) -> dict[str, float]:
    multipliers = dict(current_problem().settings.capacity.multipliers)
    if value is None:
        multipliers.pop(name, None)
    else:
        multipliers[name] = value
    return multipliers


def _slider_key(department: str, rev: int) -> str:
    return f"cap-{department}-{rev}-{sync(f'{department}-exact')}"


def _exact_key(department: str, rev: int) -> str:
    return f"cap-exact-{department}-{rev}-{sync(f'{department}-slider')}"


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


#: The exact capacity box's range, in the percent it is typed in.
CAPACITY_PERCENT = Range("capacity %", 100 * MULTIPLIER.low, 100 * MULTIPLIER.high, unit="%")


def _drawn_now(key: str, current: str) -> bool:
    """Whether a callback's widget is the one the page draws now.

    The browser may send a widget the page no longer draws (its message
    crossed the run that replaced it: keys pressed quickly, a loaded server),
    and Streamlit calls that widget's callback as if its old value were a
    change. Only the widget drawn now may change the settings.
    """
    return key == current


def _on_department(department: str, key: str) -> None:
    settings = current_problem().settings
    value = st.session_state[key] / 100
    multipliers = _multipliers_with(department, None if value == 1 else value)
    _set_settings(
        settings.with_changes(capacity=replace(settings.capacity, multipliers=multipliers))
    )


def _on_department_slider(department: str, key: str) -> None:
    """The slider: sets the multiplier; the exact input is drawn anew with it."""
    if _drawn_now(key, _slider_key(department, revision())):
        _on_department(department, key)
        bump(f"{department}-slider")


def _on_department_exact(department: str, key: str) -> None:
    """The exact-value input: sets the multiplier; the slider is drawn anew with it (clamped).

    Neither widget writes the other's state: a callback's write becomes the
    server's copy at the next rerun, and when a rerun is cut short (keys
    pressed quickly, a loaded server) before the other widget is drawn, the
    browser still holds the old value and sends it back as a change, which
    undid the move (three presses to 85 % came back as 95 %). Instead each
    widget's key carries a counter the other one bumps, so the page draws a
    new widget starting from the value in force (see :func:`_drawn_now`).
    """
    if not _drawn_now(key, _exact_key(department, revision())):
        return
    label = f"{department.capitalize()} capacity (%)"
    kept = _exact_percent(current_problem().settings.capacity.multipliers.get(department, 1.0))
    if value_refused(
        f"{department}-slider", CAPACITY_PERCENT, st.session_state[key], label, f"{kept:,g} %"
    ):
        return
    _on_department(department, key)
    bump(f"{department}-exact")


def _on_max_utilisation(key: str) -> None:
    if not _drawn_now(key, f"max-util-{revision()}"):
        return
    settings = current_problem().settings
    value = st.session_state[key] / 100
    _set_settings(settings.with_changes(capacity=replace(settings.capacity, max_utilization=value)))


def _ordered_teams(problem: Problem) -> list[Team]:
    """The teams in the one order of every chart (marketing first), as the load chart beside
    the table and the sliders above it (teams.csv's order put the sales teams first)."""
    return [problem.team(team_id) for team_id in problem.team_order]


def _team_frame(problem: Problem) -> pd.DataFrame:
    own = problem.settings.capacity.multipliers
    # Each team's hours as metrics shows them everywhere: the rows add up to the cards.
    figures = team_loads(problem, None)
    teams = _ordered_teams(problem)
    return pd.DataFrame(
        {
            "team": [t.name for t in teams],
            "department": [t.department.capitalize() for t in teams],
            # The quarter's hours (the sum of the team's weeks, calendar.csv included) that
            # 100 % stands for: the figure the Plan and Export pages read as its capacity.
            "capacity_hours": [float(figures[t.team_id].shown_quarter) for t in teams],
            # Text (empty: the department's), so what is typed reaches the page as typed.
            "multiplier": pd.array(
                [
                    cell_text(_exact_percent(own[t.team_id])) if t.team_id in own else None
                    for t in teams
                ],
                dtype="string",
            ),
            # After the capacity % and max utilisation: what the department cards add up.
            "in_force_hours": [float(figures[t.team_id].shown_in_force) for t in teams],
        }
    )


def _apply_team_multipliers(edited: pd.DataFrame) -> None:
    """Team multipliers as the per-team table shows them (empty = the department's).

    The "Own %" column takes any number: with the grid's own bounds, "-5" typed in it
    read 5 % (the minus sign dropped) and cut Demand Gen to 5 % at once. A value out of
    range is refused in words under the table, which is drawn again with the values in
    force (its key carries a counter bumped by :func:`_refused`).
    """
    problem = current_problem()
    settings = problem.settings
    multipliers = dict(settings.capacity.multipliers)
    refused = False
    for team, cell in zip(_ordered_teams(problem), edited["multiplier"], strict=True):
        if not (raw := cell_text(cell).strip()):
            multipliers.pop(team.team_id, None)
            continue
        own = multipliers.get(team.team_id)
        if own is not None and raw == cell_text(_exact_percent(own)):
            # The row as the table shows it: the multiplier as read, not its six places
            # (settings.toml's 0.123456789 was rewritten 0.12345679 at the page's first run).
            continue
        kept = "the department's" if own is None else f"{_exact_percent(own):,g} %"
        label = f"{team.name}'s own capacity %"
        value = typed_refused("cap-teams", CAPACITY_PERCENT, raw, label, kept, more=refused)
        if value is None:
            refused = True
        else:
            multipliers[team.team_id] = value / 100
    changed = settings.with_changes(capacity=replace(settings.capacity, multipliers=multipliers))
    if changed != settings:
        _set_settings(changed)
    if changed != settings or refused:
        # The table above was drawn before this edit (its "In force" read the old hours
        # beside cards that read the new ones, or a refused value): draw it again.
        st.rerun()


def _stage_frame(problem: Problem) -> pd.DataFrame:
    policy = problem.settings.stages
    return pd.DataFrame(
        {
            # In words, as every page writes a stage (the rows keep the funnel's order).
            "stage": [stage_label(s) for s in policy.order],
            "marketing": [policy.allows(s, "marketing") for s in policy.order],
            "sales": [policy.allows(s, "sales") for s in policy.order],
        }
    )


def _apply_stage_policy(edited: pd.DataFrame) -> None:
    """The stage policy as the grid shows it: one row per stage, in the funnel's order."""
    settings = current_problem().settings
    ticked = {
        stage: [d for d, on in (("marketing", marketing), ("sales", sales)) if on]
        for stage, marketing, sales in zip(
            settings.stages.order, edited["marketing"], edited["sales"], strict=True
        )
    }
    _set_settings(settings.with_changes(stages=settings.stages.with_owners(ticked)))


def _on_weight(name: str, key: str) -> None:
    if not _drawn_now(key, _weight_key(name, revision())):
        return
    settings = current_problem().settings
    value = float(st.session_state[key])
    kept = f"{float(getattr(settings.weights, name)):g}"
    if value_refused(f"weight-{name}", WEIGHT, value, name.capitalize(), kept):
        return
    weights = replace(settings.weights, **{name: value})
    _set_settings(settings.with_changes(weights=weights))


def _on_priority(name: str, key: str) -> None:
    if not _drawn_now(key, _priority_key(name, revision())):
        return
    level = st.session_state[key]
    if level not in PRIORITY_WEIGHTS[name]:
        return
    value = PRIORITY_WEIGHTS[name][level]
    settings = current_problem().settings
    _set_settings(settings.with_changes(weights=replace(settings.weights, **{name: value})))


def _apply_goal_weights(edited: pd.DataFrame) -> None:
    """Goal weights as the "Weight" column shows them."""
    problem = current_problem()
    goals = remembered(problem_to_frames, problem)[GOALS].copy()
    # As the Data page reads a grid's cell: "{:g}" wrote 1,000,000 as "1e+06", refused as
    # exponent notation the leader never typed, and kept six digits of any weight.
    weights = [cell_text(w) for w in edited["weight"]]
    if list(goals["weight"]) == weights:
        return
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
    if not _drawn_now(key, _time_limit_key(revision())):
        return
    settings = current_problem().settings
    value = float(st.session_state[key])
    kept = f"{float(settings.solve.time_limit_s):g} s"
    if value_refused("time-limit", TIME_LIMIT, value, "Time limit (seconds)", kept):
        return
    solve = replace(settings.solve, time_limit_s=value)
    _set_settings(settings.with_changes(solve=solve))


def _apply_rules(frame: pd.DataFrame) -> None:
    problem = current_problem()
    try:
        new_problem, _ = rebuilt(problem, {RULES: frame})
    except InvalidInputError as exc:
        st.session_state[_RULE_ISSUES] = (exc.errors, exc.warnings)
        return
    st.session_state.pop(_RULE_ISSUES, None)
    st.session_state.pop(_RULES_DRAFT, None)
    update_problem(new_problem)
    st.session_state["constraints_rules_version"] = _rules_version() + 1


def _rules_version() -> int:
    return int(st.session_state.get("constraints_rules_version", 0))


def _reset() -> None:
    """Back to SPEC's capacity, weights and solver settings; the stage policy stays."""
    problem = current_problem()
    defaults = Settings()
    settings = problem.settings.with_changes(
        capacity=defaults.capacity, weights=defaults.weights, solve=defaults.solve
    )
    set_problem(problem.replace(settings=settings), current_warnings())


def _capacity_settings(rev: int) -> None:
    """The Capacity tab: the departments' sliders and exact boxes, max utilisation, each team."""
    problem = current_problem()
    settings = problem.settings
    for col, department in zip(st.columns(2), charts.DEPARTMENT_ORDER, strict=True):
        key = _slider_key(department, rev)
        in_force = settings.capacity.multipliers.get(department, 1.0)
        col.slider(
            f"{department.capitalize()} capacity",
            min_value=_percent(MULTIPLIER_SLIDER.low),
            max_value=_percent(MULTIPLIER_SLIDER.high),
            value=_percent(MULTIPLIER_SLIDER.clamp(in_force)),
            step=5,
            format="%d %%",
            key=key,
            help=f"What-if: scale every {department} team's hours (100 % = as in the Teams table). "
            f"Beyond {_percent(MULTIPLIER_SLIDER.high)} %: the exact value below.",
            on_change=_on_department_slider,
            args=(department, key),
        )
        if _percent(MULTIPLIER_SLIDER.clamp(in_force)) != _exact_percent(in_force):
            # Past the slider's end or between its 5 % steps: the slider cannot show it.
            col.caption(f"In force: {_exact_percent(in_force):,g} % (the exact value below).")
    with st.expander("Exact capacity, up to 1,000 %"):
        for col, department in zip(st.columns(2), charts.DEPARTMENT_ORDER, strict=True):
            in_force = settings.capacity.multipliers.get(department, 1.0)
            exact_key = _exact_key(department, rev)
            # No min_value or max_value: the page refuses a value out of range in
            # words and redraws the box (see _refused).
            col.number_input(
                f"{department.capitalize()} capacity (%)",
                value=_exact_percent(MULTIPLIER.clamp(in_force)),
                step=5.0,
                format="%g",
                key=exact_key,
                on_change=_on_department_exact,
                args=(department, exact_key),
            )
            show_refused(col, f"{department}-slider")
    key = f"max-util-{rev}"
    st.slider(
        "Plan each team up to this share of its hours",
        min_value=_percent(MAX_UTILIZATION.low),
        max_value=_percent(MAX_UTILIZATION.high),
        value=_percent(MAX_UTILIZATION.clamp(settings.capacity.max_utilization)),
        step=5,
        format="%d %%",
        key=key,
        help="The plan fills at most this share of each team's capacity (after the "
        "capacity % above), leaving room for run-the-business work. In settings.toml, "
        "`max_utilization` under `[capacity]`.",
        on_change=_on_max_utilisation,
        args=(key,),
    )
    st.markdown("**Per team** (a team's own capacity % beats its department's)")
    edited_teams = st.data_editor(
        _team_frame(problem),
        key=f"cap-teams-{rev}-{sync('cap-teams')}",
        hide_index=True,
        disabled=["team", "department", "capacity_hours", "in_force_hours"],
        column_config={
            "team": st.column_config.TextColumn("Team"),
            "department": st.column_config.TextColumn("Department"),
            # Short headings, the words in their help: all five columns, "In force" last,
            # fit beside the cards on a 1280 px laptop (tests/app/test_browser_laptop.py).
            "capacity_hours": st.column_config.NumberColumn(
                "Hours",
                format="localized",
                help="The team's capacity in hours this quarter at 100 %: the Teams table's, "
                "with the Calendar's weeks (holidays, hires) where given.",
            ),
            # Text, right-aligned as a figure: a number editor's minimum read "-5" as 5 %,
            # its filter of keys "1e12" as 112 % (see _apply_team_multipliers).
            "multiplier": st.column_config.TextColumn(
                "Own %",
                help="The team's own capacity %. Empty = follow the department's slider.",
                alignment="right",
            ),
            "in_force_hours": st.column_config.NumberColumn(
                "In force",
                format="localized",
                help="The hours the plan may use: the hours x the capacity % x max "
                "utilisation. The department cards add these up.",
            ),
        },
        width="stretch",
        placeholder="department's",
    )
    _apply_team_multipliers(edited_teams)
    show_refused(st, "cap-teams")
    # A VP Sales planning an AE off-site in weeks 4-6, or a hire from week 6, came here
    # for capacity what-ifs and found only percentages of the whole quarter.
    st.divider()
    show_away_weeks(current_problem())


def _stage_settings(rev: int) -> None:
    """The Stage policy tab: which department may own projects at each funnel stage."""
    problem = current_problem()
    st.markdown(
        "Which department may own projects at each funnel stage. A joint project "
        "needs a stage both may own."
    )
    edited_stages = st.data_editor(
        _stage_frame(problem),
        key=f"stages-{rev}",
        hide_index=True,
        disabled=["stage"],
        column_config={
            "stage": st.column_config.TextColumn("Funnel stage"),
            "marketing": st.column_config.CheckboxColumn("Marketing"),
            "sales": st.column_config.CheckboxColumn("Sales"),
        },
        width="stretch",
    )
    _apply_stage_policy(edited_stages)
    settings = current_problem().settings
    nobody = settings.stages.unowned()
    if nobody:
        those = "that stage" if len(nobody) == 1 else "those stages"
        st.warning(
            f"No department may own {stages_words(nobody)}: projects at {those} stay "
            f"unassigned. To plan them again, tick Marketing or Sales for {those} above."
        )


def _rules_settings(rev: int) -> None:
    """The Pins and forbids tab: a table applied by its button.

    Rows edited but not applied when the tab is left are kept (this run, the last to draw
    the table while hidden, reads them) and shown again, still to apply, when it opens.
    """
    problem = current_problem()
    st.markdown(
        "**Pin** a project to a team (it must own it) or **forbid** a team from it. "
        "Add or delete rows, then apply."
    )
    rules = remembered(problem_to_frames, problem)[RULES]
    draft = st.session_state.get(_RULES_DRAFT)
    # A draft of other rules (changed on the Data page, a new upload) is set aside, and said.
    stale = draft is not None and not draft[0].equals(rules)
    if stale and st.session_state[_TAB] == _RULES_TAB:
        st.session_state.pop(_RULES_DRAFT)
        st.warning(
            "The pins and forbids you had not applied were set aside: the rules changed on the "
            "Data page since (an edit or a new upload). The table shows the rules as they are now.",
            icon=":material/warning:",
        )
    shown = draft[1] if draft is not None and not stale else rules
    last = st.session_state.pop(_RULES_LAST, None)  # the table as the last run left it
    key = f"rules-{rev}-{_rules_version()}-{sync('rules-draft')}"
    if last and last[0].equals(rules) and not last[1].equals(shown) and key not in st.session_state:
        st.session_state[_RULES_DRAFT], shown = last, last[1]
        bump("rules-draft")  # back from another page, which forgot the grid's edits
        key = f"rules-{rev}-{_rules_version()}-{sync('rules-draft')}"
    edited_rules = st.data_editor(
        shown,
        key=key,
        num_rows="dynamic",
        hide_index=True,
        # The rule first: at 1280 px Project and Team filled the table and "pin" or
        # "forbid" sat past its edge, so two rows of one project could not be told apart.
        column_order=["rule", "project_id", "team_id"],
        column_config=column_config(
            RULES,
            problem,
            {"project_id": "Project", "team_id": "Team", "rule": "Rule"},
            # Each name whole, as the Data page's Rules table shows them (the schema's widths,
            # fitted to the longest name): the page stacks while this tab is open, so the
            # table has the page's width (at 1280 px "medium" cut both names mid-word).
            widths={"rule": "small"},
        ),
        width="stretch",
    )
    st.session_state[_RULES_LAST] = (rules, edited_rules)
    if st.session_state[_TAB] != _RULES_TAB:
        if not edited_rules.equals(shown):
            st.session_state[_RULES_DRAFT] = (rules, edited_rules)
            bump("rules-draft")  # a new table, drawn from the draft
        return
    st.button(
        "Apply pins and forbids",
        type="primary",
        disabled=edited_rules.equals(rules),
        on_click=_apply_rules,
        args=(edited_rules,),
    )
    rule_issues = st.session_state.get(_RULE_ISSUES)
    if rule_issues:
        errors, warnings = (rule_issues_on_screen(tuple(i), problem) for i in rule_issues)
        show_issues(errors, warnings, "The pins and forbids were not applied.", on_screen=True)


def _objective_settings(rev: int) -> None:
    """The Priorities and time limit tab: goal weights, priorities, raw weights, time limit."""
    problem = current_problem()
    settings = problem.settings
    weights = settings.weights
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
    aimless = aimless_weights(settings)
    if aimless is not None:
        st.warning(
            f"{aimless[0].upper()}{aimless[1:]} Set Attainment back to 1 under Advanced.",
            icon=":material/warning:",
        )
    advanced = st.expander("Advanced: the ranking score's raw weights (0 turns one off)")
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


#: The settings' tabs, each drawn by its function when open.
_SETTINGS_TABS = {
    CAPACITY_TAB: _capacity_settings,
    "Stage policy": _stage_settings,
    _RULES_TAB: _rules_settings,
    PRIORITIES_TAB: _objective_settings,
}


require_router()
rev = revision()

st.title("Constraints")
st.caption(
    "Change what the plan may use and what it aims for. Every change is solved at once "
    "(the same settings are never solved twice)."
)

# The pins and forbids name projects and teams whole only with the page's width (at 1280 px
# beside the results the table had 423 px for 783 px of names): while that tab is open the
# results stack under the settings, as in a narrow window.
if st.session_state.get(_TAB) == _RULES_TAB:
    controls, results = st.container(), st.container()
else:
    controls, results = st.columns([5, 4], gap="large")

with controls:
    # A narrow window stacks the results under the settings, some 1,050 px below the
    # sliders at 1024 x 768: the what-if's line shows here too, above the tabs, in view.
    what_if_beside_settings = st.container(key=WHAT_IF_BESIDE_SETTINGS)
    # Only the open tab's settings are drawn and sent (all four tabs' went to the browser
    # on every slider move). A tab switch runs the page again; the tab just left is drawn
    # once more, hidden, so an edit sent with the switch applies. Back from another page
    # (the tabs' state gone with it), the tab the last visit drew is drawn too, as if left.
    left = st.session_state.get(_DRAWN) if _TAB in st.session_state else None
    # A value refused in a tab not open (typed, then another tab clicked) is said here.
    show_refused_elsewhere(st.session_state.get(_TAB, CAPACITY_TAB))
    tabs = st.tabs(list(_SETTINGS_TABS), key=_TAB, on_change="rerun")
    for tab, (label, draw) in zip(tabs, _SETTINGS_TABS.items(), strict=True):
        if tab.open or label == left:
            with tab:
                draw(rev)
    st.session_state[_DRAWN] = st.session_state[_TAB]
    settings = current_problem().settings
    defaults = Settings()
    if (settings.capacity, settings.weights, settings.solve) != (
        defaults.capacity,
        defaults.weights,
        defaults.solve,
    ):
        st.button(
            "Reset capacity, weights and time limit to the defaults",
            icon=":material/restart_alt:",
            on_click=_reset,
        )

with results:
    problem = current_problem()  # with this run's edits
    auto = st.toggle("Solve on every change", value=True, key=_AUTO)
    st.toggle(
        "Keep changes small",
        value=True,
        key=RELATIVE,
        help=f"Start from the current plan and move only what the change forces: it stays within "
        f"{100 * DEFAULT_TOLERANCE:g} % of a fresh re-plan on the planner's ranking score (the "
        "Overview's Advanced) and moves or drops "
        "as few projects as it can. Off: every change is planned from scratch.",
    )
    solve_clicked = st.button("Solve", type="primary", icon=":material/play_arrow:")
    # The progress box's place, drawn on every run: a box that shows (a solve longer than
    # 0.3 s) and goes moved everything below it one place, and the browser drew it anew.
    progress = st.empty()
    result = None
    if solve_clicked:
        result = solve_now(problem, progress)
    elif auto:
        result = solved(problem, slot=progress)
    else:
        result = cached_result(problem)
    if result is None:
        st.info("The settings changed: press Solve to plan with them.")
    else:
        # What changed against the plan in force is the summary below, so only the basis here.
        show_basis(problem)
        show_status(result, kept_close(problem))
        # In a block of its own, empty until a what-if: the figures and chart below keep their
        # place, so the browser updates them (the chart re-embedded on a slider's first move).
        with st.container():
            show_what_changed(problem, result, what_if_beside_settings)
        load = remembered(plan_frames.team_load_frame, problem, result.plan)
        show_headline(problem, result, columns=2)
        show_advanced(problem, result)
        if len(load) > charts.MAX_CHART_ROWS:
            show_chart(
                charts.department_load_chart(load), width="stretch", alt="Load by department"
            )
            st.caption(
                f"The {charts.MAX_CHART_ROWS} teams (of {len(load)}) with the least room left; "
                "the Plan page shows any team."
            )
            load = charts.binding_teams(load)
        show_chart(
            charts.team_load_spec(load),
            width="stretch",
            alt="Team load against capacity",
        )
        st.page_link("pages/plan.py", label="See the whole plan", icon=":material/assignment:")
