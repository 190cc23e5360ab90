"""A what-if against the current plan, in a leader's words.

What the change is (:func:`change_label`), what it moved, dropped and added, and
how goal attainment and the hours moved (:func:`summary`, :func:`hours_fall_words`,
:func:`goal_shift_words`): the lines the Constraints and What-if pages and
``planner solve --baseline`` show under a what-if of
:mod:`planner.scenarios.relative`. What the re-plan from scratch would have done instead
is :mod:`planner.scenarios.free_replan_words`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from decimal import Decimal

from planner.core.capacity import team_limit
from planner.core.domain import DEPARTMENTS, Plan, Problem, Project, RuleKind
from planner.core.pairs import may_take, pair_of
from planner.core.shared_words import LEFT_OUT, joined, plural
from planner.core.shown_figures import (
    amount_shown,
    goal_amount,
    goal_amount_value,
    names_text,
    points_between,
    share_percent,
)
from planner.core.shown_figures import hours as hours_text
from planner.core.shown_figures import percent as percent_text
from planner.core.weeks import week_limits, weeks_words
from planner.explain.unused import unused_words
from planner.explain.weeks import holds_alone
from planner.scenarios.input_changes import input_changes, teams_renamed_words
from planner.scenarios.labels import department_label
from planner.scenarios.metrics import goal_attainment, plan_metrics
from planner.scenarios.plan_change import plan_change, rescheduled_runs
from planner.scenarios.relative import ProjectMove, RelativeResult

#: Names listed in a one-line summary before "and N more".
NAMES_IN_SUMMARY = 5
#: Goals whose attainment change a one-line summary names before "and N more goals".
GOALS_IN_SUMMARY = 4


def change_label(before: Problem, after: Problem) -> str:
    """What changed between two versions of the inputs, as a leader says it.

    Capacity multipliers read "5 % less marketing" or "10 % more team
    M03"; a team's own hours edited on the Data page "Brand & Comms capacity 700 h →
    875 h"; any other change as Compare names it ("Max utilisation 100 % →
    90 %", "'Press launch' pinned to Brand & Comms"); no change at all reads
    "the change".
    """
    # A team whose id alone changed: said once, and the rest read under its new id.
    renamed, before = teams_renamed_words(before, after)
    old = before.settings.capacity.multipliers
    new = after.settings.capacity.multipliers
    parts = list(renamed)
    for name in dict.fromkeys([*old, *new]):
        a, b = old.get(name, 1.0), new.get(name, 1.0)
        if a == b or a <= 0:
            continue
        if a != 1.0:
            # From a what-if's level: 80 % back to 100 % read "25 % more marketing", as if
            # marketing were at 125 %. Both levels, as Compare says them.
            who = department_label(name) if name in DEPARTMENTS else _team_name(after, name)
            parts.append(f"{who} capacity {share_percent(a)} → {share_percent(b)}")
            continue
        ratio = b / a
        who = name if name in DEPARTMENTS else _team_name(after, name)
        amount = round(abs(ratio - 1) * 100, 1)
        parts.append(f"{amount:g} % {'less' if ratio < 1 else 'more'} {who}")
    # Every other change, as Compare says it (the multipliers are said above): a team whose
    # own hours alone the Data page changed by name and hours ("Brand & Comms capacity 700 h
    # → 875 h"), and its Calendar weeks from the hours they had, as the pages' line of
    # unsaved changes reads them (an off-site in week 8 read "123.1 h → 0 h" here, its new
    # hours put in first, and "107.7 h → 0 h" above it).
    same_capacity = after.settings.with_changes(
        capacity=replace(after.settings.capacity, multipliers=dict(old))
    )
    parts += input_changes(before, after.replace(settings=same_capacity))
    return "; ".join(parts) if parts else "the change"


def _team_name(problem: Problem, team_id: str) -> str:
    return problem.team(team_id).name if team_id in problem.team_index else team_id


def summary(
    before: Problem,
    after: Problem,
    relative: RelativeResult,
    *,
    label: str | None = None,
    brief: bool = False,
) -> str:
    """One line: "5 % less marketing: goal attainment 85.6 % → 80.9 % (-4.7 pts), 6 projects
    dropped (names), 2 moved, 3 added, 1 rescheduled (names), Marketing-qualified leads
    88.5 % → 65.0 %" (the sample).

    Every goal whose attainment changes is named, the biggest change first
    (up to :data:`GOALS_IN_SUMMARY`), in the one percent format. ``brief``: the change, goal
    attainment and how many projects change, without their names nor the goals ("5 % less
    marketing: goal attainment 85.6 % → 80.9 % (-4.7 pts), 6 projects dropped, 2 moved, 3 added,
    1 rescheduled"), for a place of a few lines.
    """
    label = change_label(before, after) if label is None else label
    plan = relative.result.plan
    if plan is None:
        return f"{label}: no plan ({'; '.join(relative.result.reasons) or 'see the status'})"
    # The plan's goal attainment first, as the Overview's "Since the previous plan" opens,
    # and weighed as it weighs them: a CMO who made website traffic matter 4 times read
    # "85.6 % → 83.2 % (-2.4 pts)" here and "79.5 % → 83.2 % (+3.7 pts)" on every other
    # page, the first comparing the plan before by the weights it had.
    change = plan_change(before, relative.baseline, after, plan)
    was, now = change.attainment_before, change.attainment_after
    parts = []
    if percent_text(was) != percent_text(now) or change.attainment_before_as_was is not None:
        line = (
            f"goal attainment {percent_text(was)} → {percent_text(now)} "
            f"({points_between(was, now)})"
        )
        if change.attainment_before_as_was is not None:
            line += (
                " as the goals matter now (the plan before read "
                f"{percent_text(change.attainment_before_as_was)} by the weights it had)"
            )
        parts.append(line)
    if relative.dropped:
        parts.append(_count_with_names(relative.dropped, LEFT_OUT, names=not brief))
    if relative.moved:
        parts.append(f"{len(relative.moved)} moved")
    if relative.added:
        parts.append(f"{len(relative.added)} added")
    # Same teams, other weeks: "Which projects change" lists them under this line, which
    # read "no project changes" above two of them.
    weeks = rescheduled_runs(relative.in_force, plan, after)
    if weeks:
        listed = names_text([after.project(p).name for p in weeks], NAMES_IN_SUMMARY)
        parts.append(f"{len(weeks)} rescheduled" + ("" if brief else f" ({listed})"))
    if not (relative.dropped or relative.moved or relative.added or weeks):
        why = "" if brief else _unused_words(before, after, relative)
        why = why or _pinned_words(before, after, relative)
        if not (why or brief):
            why = _target_words(before, after, plan)
        parts.append("no project changes" + why)
    if brief:
        return f"{label}: " + ", ".join(parts)
    goal = _changed_goals(before, relative.baseline, after, plan)
    if goal:
        parts.append(goal)
    return f"{label}: " + ", ".join(parts)


def _unused_words(before: Problem, after: Problem, relative: RelativeResult) -> str:
    """Why more capacity changes nothing: its hours stay unplanned, the best plan with them
    is this one. "10 % more SDR Team: no project changes" left a VP Sales asking why."""
    plan, free = relative.result.plan, relative.free.plan
    if plan is None or free is None:
        return ""
    was, now = plan_metrics(before, relative.baseline), plan_metrics(after, plan)
    if relative.free_gives_this_plan:
        best = "with them the best plan is still this one"
    elif percent_text(plan_metrics(after, free).attainment_pct) == percent_text(now.attainment_pct):
        # "10 % more sales: no project changes" sat above a fresh re-plan moving a project
        # for the same 85.6 %: a VP Sales could not tell that the hours buy nothing.
        best = (
            "re-planned from scratch with them, goal attainment is the same, "
            f"{percent_text(now.attainment_pct)}"
        )
    else:
        return ""  # kept close to the plan: a re-plan from scratch uses them for more
    more = sum(d.shown_in_force_hours for d in now.departments()) - sum(
        d.shown_in_force_hours for d in was.departments()
    )
    if more <= 0:
        return ""
    why = unused_words(before, after, plan)
    return (
        f" (the {hours_text(more)} it adds stay unplanned: {best}"
        + (f"; {why}" if why else "")
        + ")"
    )


def _pinned_words(before: Problem, after: Problem, relative: RelativeResult) -> str:
    """Why a new pin changes nothing: the plan before already had the project with that
    team. "pinned to Demand Gen: no project changes" left a CMO asking whether the pin took."""
    pins = {(r.project_id, r.team_id) for r in after.rules if r.rule is RuleKind.PIN}
    new = pins - {(r.project_id, r.team_id) for r in before.rules if r.rule is RuleKind.PIN}
    owners = relative.baseline.owners()
    if not new or any(team not in owners.get(project, ()) for project, team in new):
        return ""
    if len(new) == 1:
        ((_, team),) = new
        return f" ({after.team(team).name} already owned it: the pin keeps it there)"
    return " (each project pinned was already with that team: the pins keep them there)"


def _target_words(before: Problem, after: Problem, plan: Plan) -> str:
    """Why a higher target changes nothing, for each goal whose target rose. "'New logos
    won' target 40 → 60 new customers: no project changes" left a CMO asking whether the
    planner had tried: all its projects together reach 46 new customers, short of 60; or
    every one of them is already in; or the ones left out still cost more than they add."""
    owners = plan.owners()
    lines = []
    for goal in after.goals:
        was = before.goal_index.get(goal.goal_id)
        if was is None or goal.target <= was.target:
            continue
        projects = [p for p in after.projects if p.goal_id == goal.goal_id]
        out = [p for p in projects if p.project_id not in owners]
        reach = goal_reach(after, projects)
        name, target = f"'{goal.name}'", goal_amount(goal.target, goal.kpi, goal.target)
        most = goal_amount(reach, goal.kpi, goal.target)
        left = f"its {plural(len(out), 'project')} left out"
        if reach < goal.target:
            line = (
                (
                    f"even with every one of its projects in the plan ({left} too), {name} would "
                    f"reach at most {most}"
                    if out
                    else f"every project for {name} is already in the plan, and together they "
                    f"reach at most {most}"
                )
                + (
                    f", short of the {target} target: no plan meets it, and only new projects for "
                    "the goal would close the gap"
                )
                + (
                    "; the ones left out stay out for the reasons the Plan page gives"
                    if out
                    else ""
                )
            )
        elif not out:
            line = (
                f"every project for {name} is already in the plan: only new projects for the "
                "goal would raise it"
            )
        else:
            line = (
                f"a higher target makes each project for {name} a smaller share of it, so {left} "
                f"still {'adds' if len(out) == 1 else 'add'} less to goal attainment than the "
                f"work {'it' if len(out) == 1 else 'they'} would push out (the Plan page says why "
                "each is left out)"
            )
        lines.append(line)
    return f" ({'; '.join(lines)})" if lines else ""


def goal_reach(problem: Problem, projects: Iterable[Project]) -> Decimal:
    """The most a goal's ``projects`` add up to with every one of them planned, each with
    the teams that may take it whose own estimates add most (a joint project: the best of
    each side); a project no team may take adds nothing."""
    total = Decimal(0)
    for project in projects:
        sides: dict[str, Decimal] = {}
        for team in problem.teams:
            if may_take(problem, project, team):
                value = pair_of(problem, project, team).value
                side = team.department if project.joint else ""
                sides[side] = max(sides.get(side, value), value)
        if project.joint and len(sides) < 2:
            continue
        total += sum(sides.values(), Decimal(0))
    return total


def hours_fall_words(before: Problem, after: Problem, relative: RelativeResult) -> list[str]:
    """Why a department's planned hours fall by more than its capacity did, one line each.

    On the sample, 10 % less marketing takes 439 h and the plan drops 1,026 h: a
    project is planned whole, its hours in every week it runs, so the cut drops
    whole projects and what they free is rarely where a waiting project fits.
    Hours as the cards write them (the teams' hours as shown, added up).
    """
    plan = relative.result.plan
    if plan is None:
        return []
    was, now = plan_metrics(before, relative.baseline), plan_metrics(after, plan)
    lines = []
    for department in (d.department for d in now.departments()):
        a, b = was.department(department), now.department(department)
        taken = a.shown_in_force_hours - b.shown_in_force_hours
        fall = a.shown_planned_hours - b.shown_planned_hours
        if taken <= 0 or fall <= taken:
            continue
        whole = (
            "each project needs its hours in every week it runs, so one whose weeks no "
            "longer have room is left out whole, and the hours it frees come in weeks too short "
            "for the projects waiting"
            if after.is_time_phased
            else "a project is planned whole or not at all, so the cut leaves out whole projects, "
            "and the hours they free are too few for the projects waiting"
        )
        free = b.shown_in_force_hours - b.shown_planned_hours
        lines.append(
            f"{department.capitalize()} plans {hours_text(fall)} less "
            f"({hours_text(a.shown_planned_hours)} → {hours_text(b.shown_planned_hours)}) "
            f"with {hours_text(taken)} less capacity: {whole} ({hours_text(free)} of "
            f"its {hours_text(b.shown_in_force_hours)} now unplanned)."
        )
    return lines


def hours_gain_words(before: Problem, after: Problem, relative: RelativeResult) -> list[str]:
    """Where added capacity went, and why a project is left out when there is more room.

    Marketing Ops at 80 h a week from week 6 on the sample read "1 project left out
    (Nurture email tracks by persona), 1 moved, 2 added" with no reason, where a cut
    says why its hours fall (:func:`hours_fall_words`). One line: the department's added
    hours as the cards write them, the projects the teams with more hours take on, and
    for each project left out, the work its teams take on instead: it made way for work
    that adds more to goal attainment. Said only when no team has fewer hours.

    With no team's hours changed (a pin, a forbid, a target), each project left out whose
    teams may still own it and take on other work instead is said to make way for that
    work: forbidding Demand Gen from one MQL project left out a second with only "Demand
    Gen has no room for its 40.0 h a week", the hours having gone to a project added.
    """
    plan = relative.result.plan
    if plan is None or not (relative.dropped or relative.moved or relative.added):
        return []
    grown = [
        t.team_id
        for t in after.teams
        if t.team_id in before.team_index and _more_hours(before, after, t.team_id)
    ]
    fewer = [
        t.team_id
        for t in after.teams
        if t.team_id in before.team_index and _more_hours(after, before, t.team_id)
    ]
    if not grown and not fewer:
        made_way = _made_way_by_rule(after, relative, _taken_on(relative))
        return [made_way.strip()] if made_way else []
    if not grown or fewer:
        return []
    was, now = plan_metrics(before, relative.baseline), plan_metrics(after, plan)
    gains = [
        (d.department, a.shown_in_force_hours, d.shown_in_force_hours)
        for d in now.departments()
        if d.shown_in_force_hours > (a := was.department(d.department)).shown_in_force_hours
    ]
    if not gains:
        return []
    said = "; ".join(
        f"{department.capitalize()} has {hours_text(b - a)} more capacity "
        f"({hours_text(a)} → {hours_text(b)})"
        for department, a, b in gains
    )
    taken = _taken_on(relative)
    sentence = said + "." + _hours_go_to(before, after, relative, grown, taken)
    sentence += _made_way_for(after, relative, taken)
    return [sentence]


def _hours_go_to(
    before: Problem,
    after: Problem,
    relative: RelativeResult,
    grown: list[str],
    taken: Mapping[str, list[str]],
) -> str:
    """The teams with more hours (``grown``) that took on work (``taken``), named once,
    and the projects each takes on and where each came from: :func:`hours_gain_words`'
    middle.

    At 120 % marketing on the sample it read "The hours go to Demand Gen, which takes on
    ... The hours go to Brand & Comms, which takes on ... The hours go to Marketing Ops,
    ...": one phrase a team. Several teams are named in one sentence, each project with the
    team that takes it on.
    """
    moves = {m.project_id: m for m in (*relative.moved, *relative.added)}

    def came_from(project_id: str) -> str:
        before_ids = moves[project_id].before
        if not before_ids:
            return "new to the plan"
        return f"from {names_text([_team_name(before, t) for t in before_ids])}"

    takers = [t for t in grown if taken.get(t)]
    if not takers:
        return ""
    if len(takers) == 1:
        (team_id,) = takers
        projects = [f"{moves[p].name} ({came_from(p)})" for p in taken[team_id]]
        return (
            f" The hours go to {_team_name(after, team_id)}, which takes on {names_text(projects)}."
        )
    projects = [
        f"{moves[p].name} (to {_team_name(after, t)}, {came_from(p)})"
        for t in takers
        for p in taken[t]
    ]
    return (
        f" The hours go to {joined([_team_name(after, t) for t in takers])}, which take on "
        f"{names_text(projects)}."
    )


def _taken_on(relative: RelativeResult) -> dict[str, list[str]]:
    """Team id -> the projects it takes on that the plan before did not give it."""
    taken: dict[str, list[str]] = {}
    for move in (*relative.moved, *relative.added):
        for team_id in move.after:
            if team_id not in move.before:
                taken.setdefault(team_id, []).append(move.project_id)
    return taken


def _made_way_by_rule(
    after: Problem, relative: RelativeResult, taken: Mapping[str, list[str]]
) -> str:
    """For each project left out that its teams may still own (a forbid's own project is
    out by the rule, said in its row), what happened to each of its teams instead: the work
    it takes on (a pin's project, which the rule puts there; one a forbid moves there from
    another team; or work that adds more to goal attainment) and the work it runs in other
    weeks.

    Every team was said to "take on" work that adds more to goal attainment: Marketing Ops
    "takes on" a project the forbid on Demand Gen had moved there, and a project left out
    on Product Marketing was not said at all where its team's joint work moved a week.
    """
    said = ""
    changes = _TeamChanges(after, relative, taken)
    for move in relative.dropped:
        project = after.project_index.get(move.project_id)
        if project is None or not all(
            t in after.team_index and may_take(after, project, after.team(t)) for t in move.before
        ):
            continue
        if not holds_alone(after, project, [after.team(t) for t in move.before]):
            # Out whatever else its teams take: not making way for the work they take on.
            owners = joined([_team_name(after, t) for t in move.before])
            has = "has" if len(move.before) == 1 else "have"
            said += f" {move.name} is left out: {owners} no longer {has} the hours for it."
            continue
        teams = [t for t in move.before if changes.of(t)]
        if not teams:
            continue
        pinned = [p for t in teams for p in changes.taken.get(t, ()) if changes.pinned(p, t)]
        if all(changes.of(t) == changes.taken.get(t) for t in teams) and all(
            changes.pinned(p, t) for t in teams for p in changes.taken[t]
        ):
            # A pin forces its project in: "work that adds more to goal attainment" read
            # beside goal attainment 85.6 % → 84.4 %.
            names = list(dict.fromkeys(after.project(p).name for p in pinned))
            said += (
                f" {move.name} is left out to make room on "
                f"{joined([_team_name(after, t) for t in teams])} for {names_text(names, 3)}, "
                "which a pin puts there."
            )
            continue
        clauses = "; ".join(changes.words(t) for t in teams)
        if changes.chosen(teams):
            said += (
                f" {move.name} is left out to make way for work that adds more to goal "
                f"attainment: {clauses}."
            )
        else:
            said += f" {move.name} is left out: {clauses}."
    return said


class _TeamChanges:
    """What a what-if did to each team beside the projects it left out: the projects it
    takes on (``taken``, team id -> project ids) and those it keeps but runs in other
    weeks, each with why where a rule decided it (:func:`_made_way_by_rule`)."""

    def __init__(
        self, after: Problem, relative: RelativeResult, taken: Mapping[str, list[str]]
    ) -> None:
        self.after = after
        self.taken = {t: [p for p in ids if p in after.project_index] for t, ids in taken.items()}
        self.moves = {m.project_id: m for m in (*relative.moved, *relative.added)}
        self.added = {m.project_id for m in relative.added}
        plan = relative.result.plan
        owners = plan.owners() if plan is not None else {}
        self.runs: dict[str, list[tuple[str, tuple[int, int], tuple[int, int]]]] = {}
        for p, (was, now) in rescheduled_runs(relative.baseline, plan, after).items():
            for t in owners.get(p, ()):
                self.runs.setdefault(t, []).append((p, was, now))

    def of(self, team_id: str) -> list[str]:
        """The projects ``team_id`` takes on or runs in other weeks ([] if none)."""
        return [*self.taken.get(team_id, ()), *(p for p, _, _ in self.runs.get(team_id, ()))]

    def pinned(self, project_id: str, team_id: str | None = None) -> bool:
        """Whether a pin puts ``project_id`` on ``team_id`` (any team when None), or in the
        plan, added with its joint partner pinned. A pin it had before is no reason: the
        forbid on Enterprise AEs moved the battlecards, pinned to Product Marketing, to Sales
        Engineering, which read "which a pin puts there"."""
        pins = self.after.pins
        if team_id is not None and (project_id, team_id) in pins:
            return True
        return project_id in self.added and any(p == project_id for p, _ in pins)

    def forbidden_from(self, project_id: str) -> list[str]:
        """The teams a forbid keeps ``project_id`` from that had it before."""
        move = self.moves.get(project_id)
        before = move.before if move is not None else ()
        return [t for t in before if (project_id, t) in self.after.forbids]

    def chosen(self, teams: Iterable[str]) -> bool:
        """Whether ``teams`` take on work and the plan chose all of it (no pin or forbid put
        it there): work that adds more to goal attainment. Work only moved in weeks is not
        said to: it is no more work than before."""
        taken = [(p, t) for t in teams for p in self.taken.get(t, ())]
        return bool(taken) and not any(
            self.pinned(p, t) or self.forbidden_from(p) for p, t in taken
        )

    def words(self, team_id: str) -> str:
        """ "Marketing Ops takes on Lead scoring model v3, which a forbid moves there from
        Demand Gen", "Product Marketing runs Competitive battlecards v2 in weeks 2-4 (weeks 1-3
        before)", or both."""
        name = _team_name(self.after, team_id)
        parts = []
        if taken := self.taken.get(team_id):
            listed = names_text([self._why(p, team_id) for p in taken], 3)
            parts.append(f"takes on {listed} instead")
        runs = [
            f"{self.after.project(p).name} in {weeks_words(range(now[0], now[1] + 1))} "
            f"({weeks_words(range(was[0], was[1] + 1))} before)"
            for p, was, now in self.runs.get(team_id, ())
        ]
        if runs:
            parts.append(f"runs {names_text(runs, 3)}")
        return f"{name} {' and '.join(parts)}"

    def _why(self, project_id: str, team_id: str) -> str:
        """A project ``team_id`` takes on, with the rule that put it there where one did."""
        project = self.after.project(project_id).name
        if self.pinned(project_id, team_id):
            where = "there" if (project_id, team_id) in self.after.pins else "in the plan"
            return f"{project} (a pin puts it {where})"
        move = self.moves.get(project_id)
        before = [_team_name(self.after, t) for t in (move.before if move else ())]
        if away := self.forbidden_from(project_id):
            teams = joined([_team_name(self.after, t) for t in away])
            return f"{project} (a forbid moves it there from {teams})"
        # Where it came from: Marketing Ops taking on Lead scoring read as new work, where
        # Demand Gen had handed it over to make room for a pin.
        return f"{project} (from {joined(before)})" if before else project


def _made_way_for(after: Problem, relative: RelativeResult, taken: Mapping[str, list[str]]) -> str:
    """For each project left out, what each of its teams does instead (``taken``: the work
    it takes on, and work it runs in other weeks), or that its teams' hours go where they
    add more: :func:`hours_gain_words`' end. A joint project's two teams were said to "take
    on" the work one of them took on."""
    said = ""
    changes = _TeamChanges(after, relative, taken)
    for move in relative.dropped:
        teams = [t for t in move.before if t in after.team_index and changes.of(t)]
        if any(changes.taken.get(t) for t in teams):
            clauses = "; ".join(changes.words(t) for t in teams)
            said += (
                f" {move.name} is left out to make way for work that adds more to goal "
                f"attainment: {clauses}."
            )
        else:
            names = names_text([_team_name(after, t) for t in move.before], 3)
            said += (
                f" {move.name} is left out: the plan puts {names}'s hours where they add more "
                "to goal attainment."
            )
    return said


def _more_hours(before: Problem, after: Problem, team_id: str) -> bool:
    """Whether ``team_id`` may plan more hours in ``after`` than in ``before``, over the
    quarter or in some week (weeks compared only when both have the same number)."""
    if team_limit(after, after.team(team_id)) > team_limit(before, before.team(team_id)):
        return True
    if before.num_weeks != after.num_weeks:
        return False
    return any(
        now > was
        for was, now in zip(week_limits(before, team_id), week_limits(after, team_id), strict=True)
    )


def goal_shift_words(before: Problem, after: Problem, relative: RelativeResult) -> list[str]:
    """Which goals the what-if raises and lowers, in each goal's own unit, and why both.

    On the sample, 10 % more marketing raised goal attainment (85.6 % → 86.6 %) and
    planned 70 fewer MQLs, said only as "Marketing-qualified leads 88.5 % → 85.8 %": a
    leader who added capacity read fewer leads with nothing saying where the hours went.
    Amounts as every page writes them; the change is the difference of the two as shown.
    """
    plan = relative.result.plan
    if plan is None:
        return []
    was_goals = goal_attainment(before, relative.baseline)
    changes: dict[bool, list[tuple[float, str]]] = {True: [], False: []}
    #: Goals whose target rose and that the plan now gives less work (their names).
    raised_down: list[str] = []
    for goal_id, now in goal_attainment(after, plan).items():
        was = was_goals.get(goal_id)
        if was is None:
            continue
        # The difference of the two as shown, to their decimals (6 -> 26.3 reads +20.3).
        change = round(
            goal_amount_value(now.planned, now.target) - goal_amount_value(was.planned, was.target),
            2,
        )
        if change == 0:
            continue
        sign = "+" if change > 0 else "-"
        if change < 0 and now.target > was.target:
            target = goal_amount(now.target, now.kpi, now.target)
            raised_down.append(f"the target of {now.name} is now {target}")
        changes[change > 0].append(
            (
                -abs(now.percent - was.percent),  # the biggest change first, as the summary
                f"{now.name} {sign}{amount_shown(abs(change), now.kpi)} "
                f"({goal_amount(was.planned, '', was.target)} → "
                f"{goal_amount(now.planned, '', now.target)})",
            )
        )
    up, down = ([text for _, text in sorted(changes[side])] for side in (True, False))
    parts = [f"{word}: {'; '.join(texts)}" for word, texts in (("Up", up), ("Down", down)) if texts]
    if not parts:
        return []
    line = ". ".join(parts) + "."
    if up and down:
        was_hours, now_hours = plan_metrics(before, relative.baseline), plan_metrics(after, plan)
        pairs = [
            (
                was_hours.department(d.department).shown_in_force_hours,
                now_hours.department(d.department).shown_in_force_hours,
            )
            for d in now_hours.departments()
        ]
        # More: none less and some more. A priority changed with the same hours read "even
        # with more capacity".
        grows = all(now >= was for was, now in pairs) and any(now > was for was, now in pairs)
        line += (
            " The plan puts hours where they add most to goal attainment (each goal's % of its "
            "target, capped at 100 %, times its weight: how much the goal matters), so one goal "
            "can lose work that another gains more from"
            + (", even with more capacity." if grows else ".")
        )
    if raised_down and up:
        # A VP raised the MQL target to 10,000 and read fewer MQLs planned: a higher
        # target makes each MQL a smaller share of it, so its work adds less goal
        # attainment an hour than before, and the plan moved hours to goals where they add more.
        said = "; ".join(raised_down)
        line += (
            f" {said[0].upper()}{said[1:]}: each unit of it is a smaller share of the target, so "
            f"{'its' if len(raised_down) == 1 else 'their'} work adds less to goal attainment an "
            "hour than before, and the plan moved hours to goals where they add more."
        )
    return [line]


def _count_with_names(moves: Iterable[ProjectMove], verb: str, *, names: bool = True) -> str:
    moves = list(moves)
    noun = "project" if len(moves) == 1 else "projects"
    if not names:
        return f"{len(moves)} {noun} {verb}"
    listed = names_text([m.name for m in moves], NAMES_IN_SUMMARY)
    return f"{len(moves)} {noun} {verb} ({listed})"


def _changed_goals(before: Problem, before_plan: Plan, after: Problem, plan: Plan) -> str:
    """Every goal whose shown attainment changes, the biggest change first."""
    a = goal_attainment(before, before_plan)
    b = goal_attainment(after, plan)
    changed = []
    for goal_id in a:
        if goal_id not in b:
            continue
        was, now = percent_text(a[goal_id].percent), percent_text(b[goal_id].percent)
        if was != now:
            size = abs(b[goal_id].percent - a[goal_id].percent)
            # The goal by its name, as the Overview's "since the previous plan" names it.
            changed.append((-size, f"{b[goal_id].name} {was} → {now}"))
    shown = [text for _, text in sorted(changed)[:GOALS_IN_SUMMARY]]
    more = len(changed) - len(shown)
    noun = "goal" if more == 1 else "goals"
    return ", ".join(shown) + (f" and {more} more {noun}" if more else "")
