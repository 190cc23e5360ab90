"""Why no plan exists: conflicts in business terms, each with the fixes that remove it.

:func:`explain_infeasibility` works in rounds: cheap checks first (see
:mod:`planner.explain.conflicts`), then CP-SAT with one assumption literal
per rule group and ``sufficient_assumptions_for_infeasibility``, shrunk by
deletion filtering (see :mod:`planner.explain.relaxation`). Each conflict
comes with the smallest relaxations that remove it, cheapest first,
computed by solving relaxations, so that applying one really helps.
:func:`infeasibility_reasons` is its cheap front door, which
:func:`~planner.solving.solver.solve` calls before every solve.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from fractions import Fraction

from ortools.sat.python import cp_model

from planner.core.capacity import team_limit, team_limit_shown
from planner.core.domain import Plan, Problem, Project
from planner.core.shared_words import plural
from planner.core.shown_figures import hours as hours_text
from planner.explain.changes import (
    AddCapacity,
    Change,
    Fix,
    MakeOptional,
    RaiseMaxProjects,
    RestoreUtilization,
)
from planner.explain.conflicts import Conflict, Facts, cheap_conflicts, make_conflict
from planner.explain.forced_loads import (
    DepartmentLoad,
    department_overloads,
    forced_work_over_weeks,
    shortfall_fixes,
    team_load_conflicts,
)
from planner.explain.in_progress import pinned_to
from planner.explain.project_figures import hours_on
from planner.explain.relaxation import (
    DELETION_ORDER,
    QUERY_S,
    Budget,
    Kind,
    RelaxableGroup,
    feasible,
    fixes_for_core,
    minimal_core,
    plan_possible,
)
from planner.explain.rules import hours_over
from planner.explain.sentences import (
    Sentence,
    among_lines,
    at_most,
    join_names,
    one_change_fixes,
    project_name,
)
from planner.explain.weeks import WeekReasons
from planner.optimizer.eligibility import exclusion

#: Rounds of "find conflicts, apply their first fixes" at most.
MAX_ROUNDS = 6
#: Conflicts told one by one; the rest are counted after them ("And 17 more ...").
CONFLICTS_SHOWN = 3


@dataclass(frozen=True)
class InfeasibilityExplanation:
    """Why no plan exists: conflicts in the order found, each with its fixes.

    Each conflict after the first was found once the first fix of every
    earlier conflict was applied. ``complete`` is true when the solver
    confirmed that applying the first fix of every conflict makes a plan
    possible (see :meth:`repair`).
    """

    conflicts: tuple[Conflict, ...]
    complete: bool

    def without_projects(self, said: Iterable[str]) -> InfeasibilityExplanation:
        """Without the conflicts of one project ``said`` already, on one team at most.

        A check-in's late project that no week can hold is said first, with its hours
        a week and its fixes (:func:`~planner.explain.forced_weeks.forced_work_said`); the core
        of its lock alone read after it as "These rules cannot all hold: 'X' is in
        progress with Marketing Ops. Unlock 'X' ...". A conflict of several projects or
        teams says more, and stays. Without a conflict the first fixes are no longer all
        told, so the explanation is no longer complete.
        """
        said = frozenset(said)

        def told(c: Conflict) -> bool:
            return len(c.project_ids) == 1 and c.project_ids <= said and len(c.team_ids) <= 1

        kept = tuple(c for c in self.conflicts if not told(c))
        if len(kept) == len(self.conflicts):
            return self
        return InfeasibilityExplanation(kept, complete=False)

    def repair(self, problem: Problem) -> Problem:
        """The problem with the first fix of every conflict applied."""
        for conflict in self.conflicts:
            if conflict.fixes:
                problem = conflict.fixes[0].apply(problem)
        return problem

    def sentences(self) -> list[str]:
        """The sentences of :meth:`said`, as they read one after another."""
        return among_lines(self.said())

    def said(self) -> list[Sentence]:
        """The first few conflicts (with their fixes), then how many more, or a closing note.

        The conflicts found first are told, at most :data:`CONFLICTS_SHOWN`: they
        block a plan now. The rest are counted: more of the same kind, and those
        found only once the first fixes were made (at a max utilisation of 10 %,
        rounds of "Even then: add 1 h" as each round's hours fell a little short).
        A one-change fix offered for several of the conflicts told (a max
        utilisation of 0 is behind every pin and mandatory project) is said once,
        ahead of them.
        """
        shown, hidden_now, hidden_later = self._shown()
        said = self._shared_fixes(shown)
        out: list[Sentence] = []
        for i, (text, count) in enumerate(said.values(), start=1):
            number = f"the {count}" if count == len(shown) else f"{count} of the"
            label = f"Change {i}: " if len(said) > 1 else ""
            out.append(one_change_fixes(f"{number} conflicts", text, label=label))
        pointers = {
            changes: "the change above" if len(said) == 1 else f"change {i} above"
            for i, changes in enumerate(said, start=1)
        }
        out += [c.sentence(pointers) for c in shown]
        if not out and self.complete:
            return []
        if not out:
            return [
                "The rules conflict: no plan satisfies every mandatory project, pin, "
                "dependency, capacity and change budget at once."
            ]
        if hidden_now or hidden_later:
            out.append(_more_conflicts(hidden_now, hidden_later))
        elif self.complete and len(out) > 1:
            out.append("Doing the first suggestion of each makes a plan possible.")
        elif not self.complete:
            out.append("Other rules may still conflict once these are fixed.")
        return out

    def _shown(self) -> tuple[list[Conflict], int, int]:
        """The conflicts told, and how many more conflict now and only after the first fixes.

        A round after the first starts with a conflict marked ``later``; its
        conflicts are told only when the first round leaves room.
        """
        first_round = []
        for conflict in self.conflicts:
            if conflict.later:
                break
            first_round.append(conflict)
        later = list(self.conflicts[len(first_round) :])
        shown = first_round[:CONFLICTS_SHOWN]
        shown += later[: CONFLICTS_SHOWN - len(shown)]
        hidden_now = len(first_round) - min(len(first_round), CONFLICTS_SHOWN)
        return shown, hidden_now, len(self.conflicts) - len(shown) - hidden_now

    @staticmethod
    def _shared_fixes(conflicts: Sequence[Conflict]) -> dict[tuple[Change, ...], tuple[str, int]]:
        """Single-change fixes offered for more than one conflict: their words and count."""
        found: dict[tuple[Change, ...], tuple[str, int]] = {}
        for conflict in conflicts:
            for fix, text in zip(conflict.fixes, conflict.fix_texts, strict=True):
                if len(fix.changes) == 1:
                    words, count = found.get(fix.changes, (text, 0))
                    found[fix.changes] = (words, count + 1)
        return {changes: seen for changes, seen in found.items() if seen[1] > 1}

    def text(self) -> str:
        return "\n".join(self.sentences())

    def markdown(self) -> str:
        return "\n".join(f"- {s}" for s in self.sentences())


def _more_conflicts(now: int, later: int) -> str:
    """The conflicts not told, counted: "And 3 more conflicts like these, and 15 more ..."."""
    after = "found once the first fixes are made"
    if now and later:
        counted = f"{plural(now, 'more conflict')} like these, and {later:,} more {after}"
    elif now:
        counted = f"{plural(now, 'more conflict')} like these"
    else:
        counted = f"{plural(later, 'more conflict')} {after}"
    return f"And {counted}: make the fixes above, then solve again to see what is left."


def infeasibility_reasons(problem: Problem, time_limit_s: float = 5.0) -> list[str]:
    """Sentences that prove no plan exists, found by cheap checks (empty when none).

    When a cheap check finds a conflict, the full explanation (with fixes
    computed by the solver, within ``time_limit_s``) is returned; otherwise
    this costs a few passes over the data and returns ``[]``.
    """
    return among_lines(infeasibility_said(problem, time_limit_s))


def infeasibility_said(problem: Problem, time_limit_s: float = 5.0) -> list[Sentence]:
    """:func:`infeasibility_reasons`, a fix said ahead of its conflicts in both its forms
    (:class:`~planner.explain.sentences.Ahead`)."""
    facts = Facts(problem)
    over_weeks: list[Sentence] = list(forced_work_over_weeks(facts))
    if not (cheap_conflicts(facts) or department_overloads(facts) or team_load_conflicts(facts)):
        # Forced work over a team's weeks is a proof in words of its own, with its fixes.
        # The solver's conflict around it names every rule that keeps the other teams off
        # that work (about fifty, 10,004 characters, for three projects at 150 teams): not asked.
        return over_weeks
    why = explain_infeasibility(problem, time_limit_s=time_limit_s)
    return why.said() if why.conflicts or not over_weeks else over_weeks


def explain_infeasibility(
    problem: Problem, *, time_limit_s: float = 5.0
) -> InfeasibilityExplanation:
    """Why no plan exists, as conflicts in business terms, each with its fixes.

    Rounds: find conflicts (cheap checks, then CP-SAT assumption cores),
    apply the first fix of each, look again, until a plan is possible, the
    time is up or after :data:`MAX_ROUNDS` rounds.

    Parameters
    ----------
    problem
        A problem with no plan.
    time_limit_s
        Wall-clock budget for all CP-SAT queries together.
    """
    budget = Budget(time_limit_s)
    conflicts: list[Conflict] = []
    current = problem
    complete = False
    for _ in range(MAX_ROUNDS):
        if budget.left() <= 0:
            break  # no time to build a model, so none to confirm the fixes so far
        facts = Facts(current)
        found = cheap_conflicts(facts)
        if not found:
            found = _department_conflicts(facts, budget)
        if not found:
            found = team_load_conflicts(facts)
        if not found:
            status, found = _core_conflicts(current, budget)
            if status in (cp_model.FEASIBLE, cp_model.OPTIMAL):
                complete = feasible(current, budget)
                break
            if status != cp_model.INFEASIBLE:
                break
        else:
            found = _checked(current, _sharpen(current, found, budget), budget)
        # A conflict found again: its first fix did not remove it (a check-in with no
        # weeks left, where hours added to the quarter land in weeks gone). Telling it
        # again would repeat it every round; the explanation stops there, incomplete.
        told = {c.summary for c in conflicts}
        if any(c.summary in told for c in found):
            break
        if conflicts and found:
            found = [replace(found[0], later=True), *found[1:]]
        conflicts += found
        if not found or not all(c.fixes for c in found):
            break
        for conflict in found:
            current = conflict.fixes[0].apply(current)
    else:
        # Out of rounds: say whether the fixes so far are enough.
        complete = bool(conflicts) and feasible(current, budget)
    return InfeasibilityExplanation(tuple(conflicts), complete)


def _sharpen(problem: Problem, conflicts: list[Conflict], budget: Budget) -> list[Conflict]:
    """Replace arithmetic shortfalls by the hours (and project caps) that make a plan possible.

    The cheap checks know each team's own shortfall; one relaxation with a
    slack on every named team's capacity (and project cap), all other rules
    kept, gives amounts that together leave no conflict, when there are such.
    """
    named = {
        (Kind.CAPACITY if isinstance(c, AddCapacity) else Kind.MAX_PROJECTS, c.team_id)
        for conflict in conflicts
        for fix in conflict.fixes
        for c in fix.changes
        if isinstance(c, AddCapacity | RaiseMaxProjects)
    }
    rx = budget.relaxation(problem) if named else None
    if rx is None:
        return conflicts
    relaxed = sorted(g for kind, team in named if (g := RelaxableGroup(kind, team)) in rx.lits)
    answer = rx.relax(set(rx.lits) - set(relaxed), relaxed, budget.query())
    if answer is None:
        return conflicts
    amounts = rx.changes_for(answer) or []
    # The max utilisation back, when the relaxation's hours are behind it, goes with them.
    restores = tuple(c for c in amounts if isinstance(c, RestoreUtilization))
    out = []
    for conflict in conflicts:
        fixes = []
        for fix in conflict.fixes:
            teams = {
                c.team_id for c in fix.changes if isinstance(c, AddCapacity | RaiseMaxProjects)
            }
            if teams and len(teams) == len(fix.changes):
                mine = tuple(
                    c
                    for c in amounts
                    if isinstance(c, AddCapacity | RaiseMaxProjects)
                    and c.team_id in teams
                    and type(c) in {type(x) for x in fix.changes}
                )
                fix = Fix((*restores, *mine), solves_all=True) if mine or restores else fix
            fixes.append(fix)
        out.append(_refixed(problem, conflict, fixes))
    return out


def _refixed(problem: Problem, conflict: Conflict, fixes: Iterable[Fix]) -> Conflict:
    """The conflict with other fixes (deduplicated and ordered again)."""
    return make_conflict(problem, conflict.summary, fixes, conflict.project_ids, conflict.team_ids)


def _checked(problem: Problem, conflicts: list[Conflict], budget: Budget) -> list[Conflict]:
    """Keep the other fixes of each conflict only when the solver confirms them.

    Each alternative is tried with the first fix of every other conflict
    applied (see :func:`_checked_fixes`).
    """
    out = []
    for i, conflict in enumerate(conflicts):
        base = problem
        for k, other in enumerate(conflicts):
            if k != i and other.fixes:
                base = other.fixes[0].apply(base)
        out.append(_refixed(problem, conflict, _checked_fixes(conflict, base, budget)))
    return out


def _checked_fixes(conflict: Conflict, base: Problem, budget: Budget) -> list[Fix]:
    """The conflict's fixes, each the solver confirms marked so, those it proves short dropped.

    A set of projects to make optional that is not enough is replaced by the
    fewest of the conflict's projects that is; the first fix stays even when it is
    not enough alone (the next round finds what is left).

    A confirmed fix is said ahead of a cheaper one only when the solver proved
    the cheaper one short. A check that ends without an answer (no time left,
    or a loaded machine slower than the query's limit) is no such proof: from
    there the checks stop, that fix and the rest stay, and a confirmed fix
    costlier than it loses its place ahead. Read as "not enough", a slow first
    check put "give Brand pr at level 3" ahead of "unpin 'Launch' from Brand".
    """
    fixes: list[Fix] = []
    for position, fix in enumerate(conflict.fixes):
        if fix.solves_all:
            fixes.append(fix)
            continue
        answer = plan_possible(fix.apply(base), budget)
        if answer:
            fixes.append(replace(fix, solves_all=True))
            continue
        if answer is False and all(isinstance(c, MakeOptional) for c in fix.changes):
            answer, fewest = _fewest_optional(base, conflict, budget)
            if fewest is not None:
                fixes.append(fewest)
                continue
        if answer is None:
            rest = [*fixes, *conflict.fixes[position:]]
            return [f if f.cost <= fix.cost else replace(f, solves_all=False) for f in rest]
        if position == 0:
            fixes.append(fix)  # not enough alone: the next round finds what is left
    if not any(f.solves_all for f in fixes):
        fixes = list(conflict.fixes)  # another conflict blocks every check: keep them all
    return fixes


def _fewest_optional(
    base: Problem, conflict: Conflict, budget: Budget
) -> tuple[bool | None, Fix | None]:
    """The fewest of the conflict's mandatory projects to make optional for a plan.

    With whether the solver answered: ``(False, None)`` when it proved no such set
    is enough, ``(None, None)`` when it gave no answer.
    """
    rx = budget.relaxation(base)
    if rx is None or budget.query() <= 0:
        return None, None
    groups = sorted(
        g for p in conflict.project_ids if (g := RelaxableGroup(Kind.MANDATORY, p)) in rx.lits
    )
    status, answer = rx.least_relaxation(set(rx.lits) - set(groups), groups, budget.query())
    changes = rx.changes_for(answer) if answer else None
    if changes:
        return True, Fix(tuple(changes), solves_all=True)
    answered = status in (cp_model.INFEASIBLE, cp_model.OPTIMAL, cp_model.FEASIBLE)
    return (False if answered else None), None


def _core_conflicts(
    problem: Problem, budget: Budget
) -> tuple[cp_model.CpSolverStatus, list[Conflict]]:
    """One conflict from a CP-SAT assumption core, shrunk and with its fixes."""
    rx = budget.relaxation(problem)
    if rx is None or budget.query() <= 0:
        return cp_model.UNKNOWN, []
    status, core = rx.check(rx.lits, budget.query(2 * QUERY_S))
    if status != cp_model.INFEASIBLE:
        return status, []
    core = minimal_core(rx, core, budget)
    fixes = fixes_for_core(rx, core, budget)
    if not fixes:
        # No time left for relaxations: dropping the whole core's rules always works.
        changes = rx.changes_for(dict.fromkeys(core, 1)) or []
        amounts = [c for c in changes if not isinstance(c, AddCapacity | RaiseMaxProjects)]
        fixes = [Fix(tuple(amounts))] if amounts else []
    projects, teams = _ids(core)
    return status, [make_conflict(problem, _core_summary(problem, core), fixes, projects, teams)]


def _core_summary(problem: Problem, core: Sequence[RelaxableGroup]) -> str:
    """The rules of a core in one sentence, most telling first.

    The common case, mandatory (or pinned) work against capacity, reads as
    "Mandatory projects ... need more hours than ... can plan", followed by
    the rules that keep other teams from helping.
    """
    order = {k: i for i, k in enumerate(reversed(DELETION_ORDER))}
    core = sorted(core, key=lambda g: (order.get(g.kind, -1), g))
    mandatory = [g for g in core if g.kind is Kind.MANDATORY]
    capacity = [g for g in core if g.kind is Kind.CAPACITY]
    if mandatory and capacity:
        full = [problem.team(g.a) for g in capacity]

        def hours(project: Project) -> str:
            # The hours on the full teams that may take it, as the limits count them.
            return hours_on(
                problem, project, [t for t in full if exclusion(problem, project, t) is None]
            )

        work = join_names(
            at_most(
                [
                    f"{project_name(problem, g.a)} ({hours(problem.project(g.a))})"
                    for g in mandatory
                ],
                6,
            )
        )
        noun = "projects" if len(mandatory) > 1 else "project"
        verb = "need" if len(mandatory) > 1 else "needs"
        named = [problem.team(g.a) for g in capacity]
        teams = join_names(
            [f"{t.name} ({hours_text(team_limit_shown(problem, t))})" for t in named]
        )
        rest = [g.describe(problem) for g in core if g not in mandatory and g not in capacity]
        text = f"Mandatory {noun} {work} {verb} more hours than {teams} can plan"
        return text + (f", given that {'; '.join(rest)}" if rest else "")
    parts = [g.describe(problem) for g in core]
    if len(parts) == 1 and (weeks := _no_room_in_weeks(problem, core[0])) is not None:
        return weeks
    if len(parts) == 1:  # one rule alone: "these rules cannot all hold" named one
        return "This rule cannot hold: " + parts[0]
    return "These rules cannot all hold: " + "; ".join(parts)


def _no_room_in_weeks(problem: Problem, group: RelaxableGroup) -> str | None:
    """A mandatory project, or a pin, that no team's weeks can hold, and why, in the words
    :func:`~planner.explain.forced_weeks.forced_work_said` uses; ``None`` otherwise.

    A rule alone in a core holds against the rules no leader changes, mostly weeks: at
    marketing 50 % the sample's user conference, after the first fix added 71 h to Brand &
    Comms, read "This rule cannot hold: '...' (380 h) is mandatory", a rule that seemed
    fixed. The hours added spread over 13 weeks; the conference runs in 11 of them.
    """
    if not problem.is_time_phased or group.kind not in (Kind.MANDATORY, Kind.PIN):
        return None
    project = problem.project(group.a)
    eligible = [t for t in problem.teams if exclusion(problem, project, t) is None]
    if group.kind is Kind.PIN:
        pinned = problem.team(group.b)
        partners = [t for t in eligible if project.joint and t.department != pinned.department]
        teams, rule = [pinned, *partners], pinned_to(problem, group.a, pinned.name)
    else:
        teams, rule = eligible, f"{project_name(problem, group.a)} is mandatory"
    blocked = WeekReasons(problem, Plan(())).blocked(project, teams) if teams else None
    return None if blocked is None else f"{rule}, but {blocked}"


def _ids(core: Iterable[RelaxableGroup]) -> tuple[set[str], set[str]]:
    projects: set[str] = set()
    teams: set[str] = set()
    for g in core:
        if g.kind in (Kind.MANDATORY, Kind.PIN, Kind.FORBID, Kind.DEPENDENCY):
            projects.add(g.a)
            if g.kind is Kind.DEPENDENCY:
                projects.add(g.b)
            elif g.b:
                teams.add(g.b)
        elif g.kind in (Kind.CAPACITY, Kind.MAX_PROJECTS, Kind.TEAM_STAGE):
            teams.add(g.a)
    return projects, teams


def _restoring_utilisation(problem: Problem, overload: DepartmentLoad) -> Fix | None:
    """Max utilisation back to 100 %, when the leader's cap below it is behind the shortfall.

    It is when the department's teams could carry the work at 100 %: at 10 % the
    hours to add read ten times what is missing, for teams that have them.
    """
    if problem.settings.capacity.max_utilization >= 1:
        return None
    restored = RestoreUtilization().apply(problem)
    limit = sum((team_limit(restored, restored.team(t)) for t in overload.teams), Fraction(0))
    return Fix((RestoreUtilization(),)) if limit >= overload.need else None


def _department_conflicts(facts: Facts, budget: Budget) -> list[Conflict]:
    """A department's forced hours above what its teams may plan, with solver-computed fixes.

    The fixes make a plan possible on their own (the solver says so). When
    they cannot (other rules conflict too) the conflict is left to the
    general search; when there is no time to ask the solver, the fix is the
    fewest mandatory projects whose hours cover the shortfall.
    """
    conflicts = []
    problem = facts.problem
    for overload in department_overloads(facts):
        rx = budget.relaxation(problem)
        if rx is not None:
            groups = [
                g
                for t in overload.teams
                for k in (Kind.CAPACITY, Kind.MAX_PROJECTS)
                if (g := RelaxableGroup(k, t)) in rx.lits
            ]
            groups += [
                g for p in overload.projects if (g := RelaxableGroup(Kind.MANDATORY, p)) in rx.lits
            ]
            fixes = [
                f
                for f in fixes_for_core(rx, groups, budget, alternatives=False, ordered=False)
                if f.solves_all
            ]
            if not fixes:
                continue  # other rules conflict too: the general search explains them
        else:
            fixes = shortfall_fixes(facts, overload)
        restore = _restoring_utilisation(problem, overload)
        if restore is not None:
            fixes = [restore, *fixes]  # the leader's own cap first: it hides the hours
        listed = sorted(overload.projects.items(), key=lambda kv: -kv[1])
        shown = join_names(
            at_most([f"{project_name(problem, p)} {hours_text(h)}" for p, h in listed], 4)
        )
        team_names = join_names(at_most([problem.team(t).name for t in overload.teams], 6))
        need, room = hours_over(overload.need, overload.limit, overload.limit_shown)
        conflicts.append(
            make_conflict(
                problem,
                f"Mandatory {overload.department} work needs at least {need} "
                f"({shown}), but the {overload.department} teams that may take it "
                f"({team_names}) can plan only {room}",
                fixes,
                overload.projects,
                overload.teams,
            )
        )
    return conflicts
