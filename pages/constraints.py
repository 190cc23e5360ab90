"""Constraints: what-if capacity, stage policy, pins and forbids, objective, time limit.

Each control changes the session's settings at once (a new, frozen
Settings), and the plan on the right is solved again for them; the same
settings are never solved twice. Pins and forbids are data rows, so they
are validated like any data edit before they apply.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from pages.common import (
    current_problem,
    current_warnings,
    remembered,
    require_router,
    revision,
    set_problem,
    update_problem,
)
from pages.constraint_capacity import capacity_settings
from pages.constraint_priorities import priorities_settings
from pages.constraint_refusals import (
    CAPACITY_TAB,
    PRIORITIES_TAB,
    bump,
    rule_issues_on_screen,
    rules_as_shown,
    set_settings,
    show_refused_elsewhere,
    sync,
)
from pages.headline import show_advanced, show_basis, show_headline
from pages.issue_tables import rows_as_labelled, show_issues
from pages.solving import (
    RELATIVE,
    cached_result,
    kept_close,
    solve_now,
    solved,
    stopped_by_leader,
)
from pages.ui import WHAT_IF_BESIDE_SETTINGS, column_config, md, show_chart, show_status
from pages.what_if import show_no_what_if, show_what_changed
from planner import InvalidInputError, Problem, Settings
from planner.core.editing import rebuilt
from planner.core.loading import RULES, problem_to_frames
from planner.core.shared_words import stages_words
from planner.core.status_words import WEIGHED_GOALS
from planner.explain.pins import pin_issues
from planner.interfaces import charts, plan_frames
from planner.scenarios.labels import stage_label
from planner.scenarios.relative import DEFAULT_TOLERANCE

_AUTO = "constraints_auto_solve"
_RULE_ISSUES = "constraints_rule_issues"
#: The rules applied with the loader's notes on them (a row repeating another's rule).
_RULE_NOTES = "constraints_rule_notes"
#: Session keys of the settings' tabs (the open tab's label), of the tab whose settings the
#: last run drew, and of pins and forbids edited, not applied, when their tab was left.
_TAB = "constraints_tab"
_DRAWN = "constraints_drawn_tab"
_RULES_TAB = "Pins and forbids"
_RULES_DRAFT, _RULES_LAST = "constraints_rules_draft", "constraints_rules_last"


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
    set_settings(settings.with_changes(stages=settings.stages.with_owners(ticked)))


def _apply_rules(frame: pd.DataFrame) -> None:
    problem = current_problem()
    tables = {RULES: rules_as_shown(frame, problem)}
    originals = {RULES: remembered(problem_to_frames, problem)[RULES]}
    try:
        new_problem, warnings = rebuilt(problem, {RULES: frame})
    except InvalidInputError as exc:
        # Each row by its label, as the table numbers it (rows deleted above it left out); a
        # row added in it by what it reads there, as the Data page's grids say theirs.
        st.session_state[_RULE_ISSUES] = (
            rows_as_labelled(exc.errors, tables, originals),
            rows_as_labelled(exc.warnings, tables, originals),
        )
        return
    # A pin made here that another rule keeps off its team (the stage policy, the team's
    # stages or skills, a forbid) was applied, and the plan read "No plan meets every rule":
    # refused in its row, with why and the teams that may own the project.
    rows = list(frame[["project_id", "team_id", "rule"]].itertuples(index=False, name=None))
    if cannot := pin_issues(new_problem, rows, made=new_problem.pins - problem.pins):
        st.session_state[_RULE_ISSUES] = (rows_as_labelled(cannot, tables, originals), ())
        return
    st.session_state.pop(_RULE_ISSUES, None)
    st.session_state.pop(_RULE_NOTES, None)
    st.session_state.pop(_RULES_DRAFT, None)
    # The table is drawn again from the rules in force. A row repeating another's rule counts
    # once: the rules came out as they were, and the table as edited read as a draft left
    # on another page, shown again with Apply on, which then did nothing.
    st.session_state.pop(_RULES_LAST, None)
    if notes := [i for i in warnings if i.file == RULES]:
        st.session_state[_RULE_NOTES] = (new_problem.rules, tuple(notes))
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
            f"No department may own {md(stages_words(nobody))}: projects at {those} stay "
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
    # Numbered from 1, as the refusals below count its rows: it showed no numbers, and
    # "Pins and forbids, row 7" was counted out by hand.
    numbered = shown.copy(deep=False)
    numbered.index = shown.index + 1
    edited_rules = _rules_table(problem, numbered, key).copy(deep=False)
    edited_rules.index = edited_rules.index - 1
    st.session_state[_RULES_LAST] = (rules, edited_rules)
    if st.session_state[_TAB] != _RULES_TAB:
        if not edited_rules.equals(shown):
            st.session_state[_RULES_DRAFT] = (rules, edited_rules)
            bump("rules-draft")  # a new table, drawn from the draft
        return
    unapplied = not edited_rules.equals(rules)
    if unapplied:
        # Only applied rules are kept for a reload (pages/kept.py): said before they are
        # lost, as the Data page says it of its tables.
        st.markdown(
            f"**Unapplied edits** in {_RULES_TAB}: a reload of the tab loses them until they "
            "are applied."
        )
    st.button(
        "Apply pins and forbids",
        type="primary",
        disabled=not unapplied,
        on_click=_apply_rules,
        args=(edited_rules,),
    )
    _rules_applied_or_not(problem)


def _rules_table(problem: Problem, numbered: pd.DataFrame, key: str) -> pd.DataFrame:
    """The pins and forbids as an editable table, its rows ``numbered`` from 1; as edited."""
    return st.data_editor(
        numbered,
        key=key,
        num_rows="dynamic",
        hide_index=False,
        # The rule first: at 1280 px Project and Team filled the table and "pin" or
        # "forbid" sat past its edge, so two rows of one project could not be told apart.
        column_order=["rule", "project_id", "team_id"],
        column_config=column_config(
            RULES,
            problem,
            {"project_id": "Project", "team_id": "Team", "rule": "Rule"},
            # As the Data page's Rules table shows them (the schema's widths, fitted to the
            # longest label: a long project name cut with "…", its id whole): the page
            # stacks while this tab is open, so the table has the page's width (at 1280 px
            # "medium" cut both names mid-word, ids and all).
            widths={"rule": "small"},
        )
        | {"_index": {"label": "Row", "width": 50, "disabled": True}},
        width="stretch",
        # A row being added read "None" in its Row and in the Team not yet picked.
        placeholder="",
    )


def _rules_applied_or_not(problem: Problem) -> None:
    """What the last Apply said: the notes on rules applied, or why they were not."""
    notes = st.session_state.get(_RULE_NOTES)
    if notes is not None and notes[0] == problem.rules:
        # Rows as the table counted them when applied: the repeated row is gone from it now.
        said = [
            f"Row {i.row}: {i.message}"
            + (" It counts once, as the table now shows." if "same rule" in i.message else "")
            for i in rule_issues_on_screen(notes[1], problem)
        ]
        st.info(md("Applied. " + " ".join(said)), icon=":material/info:")
    rule_issues = st.session_state.get(_RULE_ISSUES)
    if rule_issues:
        errors, warnings = (rule_issues_on_screen(tuple(i), problem) for i in rule_issues)
        show_issues(errors, warnings, "The pins and forbids were not applied.", on_screen=True)


#: The settings' tabs, each drawn by its function when open.
_SETTINGS_TABS = {
    CAPACITY_TAB: capacity_settings,
    "Stage policy": _stage_settings,
    _RULES_TAB: _rules_settings,
    PRIORITIES_TAB: priorities_settings,
}


require_router()
rev = revision()

st.title("Constraints")
# With "Re-plan on every change" off, "Every change is planned again at once" was untrue.
st.caption(
    "Change what the plan may use and what it aims for. "
    + (
        "Every change is planned again at once."
        if st.session_state.get(_AUTO, True)
        else "Press Re-plan to plan again with your changes."
    )
)

# The pins and forbids name projects and teams whole only with the page's width (at 1280 px
# beside the results the table had 423 px for 783 px of names): while that tab is open the
# results stack under the settings, as in a narrow window.
stacked = st.session_state.get(_TAB) == _RULES_TAB
if stacked:
    controls, results = st.container(), st.container()
else:
    controls, results = st.columns([5, 4], gap="large")

with controls:
    # A narrow window stacks the results under the settings, some 1,050 px below the
    # sliders at 1024 x 768: the what-if's line shows here too, above the tabs, in view.
    # Stacked at every width (the pins table open), it always shows: under its key alone
    # it was hidden there, and a change's effect sat below the fold, past the table.
    what_if_beside_settings = st.container(
        key=f"{WHAT_IF_BESIDE_SETTINGS}-stacked" if stacked else WHAT_IF_BESIDE_SETTINGS
    )
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
    auto = st.toggle("Re-plan on every change", value=True, key=_AUTO)
    st.toggle(
        "Keep changes small",
        value=True,
        key=RELATIVE,
        help="Start from the current plan and move only what the change forces: it is allowed "
        f"to fall up to {100 * DEFAULT_TOLERANCE:g} % short of a fresh re-plan, {WEIGHED_GOALS}, "
        "and moves or "
        "leaves out as few projects as it can. Off: every change is planned from scratch.",
    )
    solve_clicked = st.button("Re-plan", type="primary", icon=":material/play_arrow:")
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
        st.info("The settings changed: press Re-plan to make the plan with them.")
        show_no_what_if(what_if_beside_settings, waiting=True)
    else:
        # What changed against the current plan is the summary below, so only the basis here.
        show_basis(problem, shown=result)
        show_status(
            result,
            kept_close(problem),
            weights=problem.settings.weights,
            stopped=stopped_by_leader(problem),
        )
        # In a block of its own, empty until a what-if: the figures and chart below keep their
        # place, so the browser updates them (the chart re-embedded on a slider's first move).
        with st.container():
            if not show_what_changed(problem, result, what_if_beside_settings, stacked=stacked):
                show_no_what_if(what_if_beside_settings)
        load = remembered(plan_frames.team_load_frame, problem, result.plan)
        show_headline(problem, result, columns=2)
        show_advanced(problem, result, kept_close(problem))
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
        if note := plan_frames.capacity_note(problem, result.plan, list(load["team_id"])):
            st.caption(md(note))
        st.page_link("pages/plan.py", label="See the whole plan", icon=":material/assignment:")
