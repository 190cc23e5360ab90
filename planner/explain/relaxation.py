"""The hard rules as a CP-SAT model with one assumption literal per rule group.

:class:`Relaxation` finds cores (rules that cannot all hold), the least
relaxation of chosen rule groups that makes the others hold, and turns that
relaxation into edits of the inputs (:meth:`Relaxation.changes_for`).
:class:`Budget` keeps every model build and query within an explanation's
wall-clock budget; :func:`fixes_for_core` turns a core into fixes.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from fractions import Fraction

from ortools.sat.python import cp_model

from planner.core.capacity import team_limit, team_limit_shown
from planner.core.domain import Problem, Project
from planner.core.pairs import Pair, pair_of
from planner.core.shared_words import department_words, plural, stage_words
from planner.core.shown_figures import hours as hours_text
from planner.explain.changes import (
    MAX_FIXES,
    AddCapacity,
    AddTeamStage,
    AllowStage,
    Change,
    DropDependency,
    DropForbid,
    DropPin,
    Fix,
    MakeOptional,
    RaiseChangeBudget,
    RaiseMaxProjects,
    RestoreUtilization,
    capacity_increase,
    utilisation_behind,
)
from planner.explain.in_progress import pinned_to
from planner.explain.project_figures import hours_on
from planner.explain.rule_words import project_limit_words
from planner.explain.rules import forced_projects, only_works_on
from planner.explain.sentences import project_name
from planner.optimizer.cpsat import add_row, cp_solver, new_columns
from planner.optimizer.eligibility import missing_skills
from planner.optimizer.formulation import AMOUNT_KINDS, Formulation, Group, Kind
from planner.optimizer.greedy import with_prerequisites

__all__ = [
    "Budget",
    "Kind",
    "RelaxableGroup",
    "Relaxation",
    "feasible",
    "fixes_for_core",
    "minimal_core",
    "plan_possible",
]

#: Seconds for one CP-SAT query while explaining (a core, a deletion test, a relaxation).
QUERY_S = 1.0


#: Kinds relaxed by dropping the rule: the change that drops one, from the group's ``a`` and ``b``.
_DROPS: dict[Kind, Callable[[str, str], Change]] = {
    Kind.PIN: DropPin,
    Kind.FORBID: DropForbid,
    Kind.STAGE_POLICY: AllowStage,
    Kind.TEAM_STAGE: AddTeamStage,
    Kind.DEPENDENCY: DropDependency,
}

#: Deletion filtering tries to drop these first, so that cores keep the rules leaders edit most.
DELETION_ORDER = (
    Kind.TEAM_STAGE,
    Kind.STAGE_POLICY,
    Kind.FORBID,
    Kind.DEPENDENCY,
    Kind.CHANGE_BUDGET,
    Kind.MAX_PROJECTS,
    Kind.PIN,
    Kind.CAPACITY,
    Kind.MANDATORY,
)


@dataclass(frozen=True, order=True)
class RelaxableGroup(Group):
    """One rule group of the formulation that a leader can change, with its words.

    ``a`` and ``b`` name what it is about (see :class:`~planner.optimizer.formulation.Group`).
    """

    def describe(self, problem: Problem) -> str:
        k = self.kind
        if k is Kind.MANDATORY:
            hours = hours_on(problem, problem.project(self.a))
            return f"{project_name(problem, self.a)} ({hours}) is mandatory"
        if k is Kind.CAPACITY:
            team = problem.team(self.a)
            return f"{team.name} can plan {hours_text(team_limit_shown(problem, team))}"
        if k is Kind.MAX_PROJECTS:
            team = problem.team(self.a)
            return project_limit_words(team)
        if k is Kind.PIN:
            return pinned_to(problem, self.a, problem.team(self.b).name)
        if k is Kind.FORBID:
            team = problem.team(self.b)
            return f"a leader's rule keeps {team.name} off {project_name(problem, self.a)}"
        if k is Kind.STAGE_POLICY:
            return (
                f"the stage policy keeps {department_words([self.b])} out of "
                f"{stage_words(self.a)} work"
            )
        if k is Kind.TEAM_STAGE:
            return only_works_on(problem.team(self.a))
        if k is Kind.DEPENDENCY:
            return f"{project_name(problem, self.a)} depends on {project_name(problem, self.b)}"
        if k is Kind.CHANGE_BUDGET:
            budget = problem.baseline.max_changes if problem.baseline else 0
            return f"at most {plural(budget or 0, 'project')} may change owner from the baseline"
        # A rule without words of its own yet: name it plainly rather than wrongly.
        about = " and ".join(x for x in (self.a, self.b) if x)
        return f"the {k.value.replace('_', ' ')} rule" + (f" on {about}" if about else "")


def _solver(seconds: float) -> cp_model.CpSolver:
    solver = cp_solver()
    solver.parameters.max_time_in_seconds = max(0.01, seconds)
    solver.parameters.num_workers = 1  # assumption cores need a single worker
    solver.parameters.log_search_progress = False
    return solver


def _relevant(problem: Problem) -> tuple[Project, ...]:
    """The projects that can make a problem infeasible.

    Any other project can always be left out: it is neither mandatory nor
    pinned, nothing that must be assigned depends on it, and it is not in the
    baseline plan (leaving one of those out counts as a change).
    """
    keep = set(forced_projects(problem))
    # Leaving a baseline project out is a change; keeping it keeps its prerequisites.
    owned = problem.baseline.owners if problem.baseline else {}
    held = [problem.project(p) for p in owned if p in problem.project_index]
    keep.update(p.project_id for p in with_prerequisites(problem, held))
    return tuple(p for p in problem.projects if p.project_id in keep)


class Relaxation:
    """The hard rules as a CP-SAT model, each rule group behind an assumption literal.

    The rules are the formulation's rows (:mod:`planner.optimizer.formulation`).
    Only the projects that can make the problem infeasible take part (see
    :func:`_relevant`); the rest are left out of every plan it considers.

    Pairs that a team lacks the skills for are left out (skills are not
    relaxed here); pairs ruled out by the stage policy, a team's stages or a
    forbid are variables that the group's literal forces to 0. Amount groups
    (capacity, project caps, change budget) also carry a slack variable that
    :meth:`relax` minimises.
    """

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        model = self.model = cp_model.CpModel()
        self.lits: dict[RelaxableGroup, cp_model.IntVar] = {}
        self.slacks: dict[RelaxableGroup, cp_model.IntVar] = {}
        self.projects = _relevant(problem)
        formulation = Formulation.over(
            problem, _candidates(problem, self.projects), self.projects, excluded_pairs=True
        )
        self.hour_scale = formulation.hour_scale
        columns = new_columns(model, formulation)
        for row in formulation.rows:
            rule = row.group
            if not rule.kind.relaxable:
                add_row(model, row, columns)
                continue
            if not _known(problem, rule):
                continue
            group = RelaxableGroup(rule.kind, rule.a, rule.b)
            add_row(model, row, columns, self._lit(group))
            if rule.kind.amount and row.upper is not None:
                total = sum(c for c in row.coeffs if c > 0)
                slack = model.new_int_var(0, total, f"slack[{group.kind},{group.a}]")
                expr = cp_model.LinearExpr.weighted_sum([columns[c] for c in row.cols], row.coeffs)
                model.add(expr <= row.upper + slack)
                self.slacks[group] = slack
        self.by_index = {lit.index: g for g, lit in self.lits.items()}

    def _lit(self, group: RelaxableGroup) -> cp_model.IntVar:
        if group not in self.lits:
            self.lits[group] = self.model.new_bool_var(f"{group.kind}[{group.a},{group.b}]")
        return self.lits[group]

    # -- queries ----------------------------------------------------------

    def check(
        self, groups: Iterable[RelaxableGroup], seconds: float
    ) -> tuple[cp_model.CpSolverStatus, list[RelaxableGroup]]:
        """Solve with ``groups`` switched on: the status and, if infeasible, a core."""
        groups = list(groups)
        self.model.clear_assumptions()
        self.model.add_assumptions([self.lits[g] for g in groups])
        solver = _solver(seconds)
        status = solver.solve(self.model)
        self.model.clear_assumptions()
        if status != cp_model.INFEASIBLE:
            return status, []
        core = [
            self.by_index[i]
            for i in solver.sufficient_assumptions_for_infeasibility()
            if i in self.by_index
        ]
        return status, core or groups

    def relax(
        self, hard: Iterable[RelaxableGroup], relaxed: Sequence[RelaxableGroup], seconds: float
    ) -> dict[RelaxableGroup, int] | None:
        """The least relaxation of ``relaxed`` that makes ``hard`` hold.

        For amount groups, the slack each needs (in model units); for the
        others, 1 for each group that must go. ``None`` when even dropping all
        of ``relaxed`` is not enough (or no answer came in time).
        """
        return self.least_relaxation(hard, relaxed, seconds)[1]

    def least_relaxation(
        self, hard: Iterable[RelaxableGroup], relaxed: Sequence[RelaxableGroup], seconds: float
    ) -> tuple[cp_model.CpSolverStatus, dict[RelaxableGroup, int] | None]:
        """:meth:`relax` with the solver's status, which tells a proof that even dropping
        all of ``relaxed`` is not enough (``INFEASIBLE``) from no answer in time."""
        model = self.model.clone()
        model.clear_assumptions()
        for group in hard:
            model.add_bool_and([model.get_bool_var_from_proto_index(self.lits[group].index)])
        slacks: dict[RelaxableGroup, cp_model.IntVar] = {}
        kept: dict[RelaxableGroup, cp_model.IntVar] = {}
        terms: list[cp_model.LinearExprT] = []
        weights: list[int] = []
        for g in relaxed:
            if g.kind.amount:  # relaxed by granting hours, projects or changes
                slacks[g] = model.get_int_var_from_proto_index(self.slacks[g].index)
                terms.append(slacks[g])
                # An extra project (or change) weighs like 100 extra hours.
                weights.append(1 if g.kind is Kind.CAPACITY else 100 * self.hour_scale)
            else:
                kept[g] = model.get_bool_var_from_proto_index(self.lits[g].index)
                terms.append(1 - kept[g])
                weights.append(1)
        model.minimize(cp_model.LinearExpr.weighted_sum(terms, weights))
        solver = _solver(seconds)
        status = solver.solve(model)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return status, None
        answer = {g: v for g, var in slacks.items() if (v := int(solver.value(var))) > 0}
        answer.update({g: 1 for g, var in kept.items() if not solver.boolean_value(var)})
        return status, answer

    def changes_for(self, relaxation: Mapping[RelaxableGroup, int]) -> list[Change] | None:
        """Turn a relaxation of the model (see :meth:`relax`) into edits of the inputs.

        Hours a team lacks under a max utilisation the leader set below 100 % are
        first the max utilisation back, as the cheap checks say it (at 10 %, "add
        700 h to Brand" for a team that could carry the work): see :meth:`_hours_for`.
        """
        problem = self.problem
        changes: list[Change] = []
        lacking = {
            group.a: Fraction(amount, self.hour_scale)
            for group, amount in relaxation.items()
            if group.kind is Kind.CAPACITY
        }
        hours = self._hours_for(lacking)
        if hours is None:
            return None
        changes += hours
        for group, amount in sorted(relaxation.items()):
            k = group.kind
            if k is Kind.CAPACITY:
                continue  # said above
            elif k is Kind.MAX_PROJECTS:
                team = problem.team(group.a)
                changes.append(RaiseMaxProjects(group.a, (team.max_projects or 0) + amount))
            elif k is Kind.CHANGE_BUDGET:
                budget = problem.baseline.max_changes if problem.baseline else 0
                changes.append(RaiseChangeBudget((budget or 0) + amount))
            elif k is Kind.MANDATORY:
                changes.append(MakeOptional(group.a))
            elif k in _DROPS:
                changes.append(_DROPS[k](group.a, group.b))
            else:
                return None  # a rule with no edit of the inputs that relaxes it
        return changes

    def _hours_for(self, lacking: Mapping[str, Fraction]) -> list[Change] | None:
        """The edits that give each team the plannable hours it lacks (``None``: none do).

        When the leader's max utilisation is behind a team's shortfall (putting it back
        to 100 % gives more than half the hours it lacks, as
        :func:`~planner.explain.changes.utilisation_behind` decides for the cheap
        checks; or it is 0 %), the max utilisation goes back first, and only the hours
        still missing at 100 % are added.
        """
        problem = self.problem
        if not lacking:
            return []
        teams = [problem.team(t) for t in sorted(lacking)]
        limits = {t.team_id: team_limit(problem, t) for t in teams}
        behind = problem.settings.capacity.max_utilization == 0 or any(
            utilisation_behind(problem, t, limits[t.team_id] + lacking[t.team_id]) for t in teams
        )
        changes: list[Change] = []
        base = problem
        if behind:
            changes.append(RestoreUtilization())
            base = RestoreUtilization().apply(problem)
        for team in teams:
            still = limits[team.team_id] + lacking[team.team_id] - team_limit(base, team)
            if still <= 0:
                continue
            increase = capacity_increase(base, team, still)
            if increase is None:
                return None
            changes.append(AddCapacity(team.team_id, increase))
        return changes


def _candidates(problem: Problem, projects: Sequence[Project]) -> tuple[Pair, ...]:
    """Every pair of ``projects``, but those a single-team project lacks the skills for.

    Pairs that a relaxable rule (stage policy, team stages, forbid) keeps out
    stay: the formulation holds them at 0 behind that rule's literal.
    """
    pairs = []
    for project in projects:
        for team in problem.teams:
            if missing_skills(problem, project, team) is None:
                pairs.append(pair_of(problem, project, team))
    return tuple(pairs)


def _known(problem: Problem, group: Group) -> bool:
    """Whether the group names only known teams and projects (so that it can be described)."""
    if group.kind is Kind.PIN:
        return group.a in problem.project_index and group.b in problem.team_index
    if group.kind is Kind.DEPENDENCY:
        return group.b in problem.project_index
    return True


class Budget:
    """The wall-clock budget of one explanation; every model build and CP-SAT query keeps to it.

    A relaxation model is only built when the time left covers twice the
    slowest build so far (estimated from its size before the first one).
    """

    #: Seconds per (project, team) candidate pair, to guess the first build's time.
    PAIR_S = 20e-6

    def __init__(self, seconds: float) -> None:
        self.deadline = time.perf_counter() + max(0.05, seconds)
        self.build_s = 0.0

    def left(self) -> float:
        return self.deadline - time.perf_counter()

    def query(self, cap: float = QUERY_S) -> float:
        """Seconds for the next CP-SAT query (<= 0: none left)."""
        return min(cap, self.left())

    def relaxation(self, problem: Problem) -> Relaxation | None:
        """The relaxation model of ``problem``, or ``None`` when there is no time to build it."""
        guess = self.PAIR_S * len(_relevant(problem)) * len(problem.teams)
        if self.left() < 2 * max(self.build_s, guess) + 0.05:
            return None
        started = time.perf_counter()
        rx = Relaxation(problem)
        self.build_s = max(self.build_s, time.perf_counter() - started)
        return rx


def feasible(problem: Problem, budget: Budget) -> bool:
    """Whether every rule can hold at once (a quick CP-SAT check; ``False`` when unknown)."""
    return plan_possible(problem, budget) is True


def plan_possible(problem: Problem, budget: Budget) -> bool | None:
    """Whether every rule can hold at once, as the solver proved it; ``None`` without an answer.

    No answer (no time to build the model, or the query's time ran out first) is not a
    "no": on a loaded machine the same query ends without one where an idle machine
    proves it either way, so nothing that must read the same at any speed may take it
    for one.
    """
    rx = budget.relaxation(problem)
    if rx is None or budget.query() <= 0:
        return None
    status, _ = rx.check(rx.lits, budget.query())
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return True
    return False if status == cp_model.INFEASIBLE else None


def minimal_core(
    rx: Relaxation, core: list[RelaxableGroup], budget: Budget
) -> list[RelaxableGroup]:
    """Deletion filtering: drop each group whose absence keeps the core infeasible."""
    rank = {k: i for i, k in enumerate(DELETION_ORDER)}
    core = sorted(set(core), key=lambda g: (rank.get(g.kind, len(rank)), g))
    i = 0
    while i < len(core) and len(core) > 1:
        if budget.query() <= 0:
            break
        trial = core[:i] + core[i + 1 :]
        status, smaller = rx.check(trial, budget.query())
        if status == cp_model.INFEASIBLE:
            keep = set(smaller)
            core = [g for g in trial if g in keep]
        else:
            i += 1
    return core


#: Changes that grant an amount (hours, projects, changes): the edits of ``AMOUNT_KINDS``.
_AMOUNT_CHANGES = (AddCapacity, RaiseMaxProjects, RaiseChangeBudget)


def fixes_for_core(
    rx: Relaxation,
    core: Sequence[RelaxableGroup],
    budget: Budget,
    *,
    alternatives: bool = True,
    ordered: bool = True,
) -> list[Fix]:
    """For each kind of rule in the core, the least relaxation of that kind that helps.

    First with every other rule of the problem kept (a fix that makes a plan
    possible on its own); failing that, with only the core's other rules
    kept (a fix for this conflict; others remain).

    A conflict says its confirmed fixes first. When the first search of a kind ends
    without an answer (no proof either way: a loaded machine slower than the query's
    limit), its fix is not confirmed, and with ``ordered`` a confirmed fix that costs
    more loses its place ahead of it: otherwise "take 2 projects" (a tier 2 change) was
    pushed off the list by three "make it optional" when its first search was slow. A
    caller that keeps only the confirmed fixes passes ``ordered=False``.
    """
    everything = set(rx.lits)
    # Kind by kind; then, if no single kind of amount (hours, project caps,
    # changes) helps on its own, every amount in the core together.
    by_kind: dict[str, list[RelaxableGroup]] = defaultdict(list)
    for group in core:
        by_kind[group.kind].append(group)
    amounts = [g for g in core if g.kind.amount]
    if len({g.kind for g in amounts}) > 1:
        by_kind["amount"] = amounts
    fixes: list[Fix] = []
    #: The costs of the fixes whose first search had no answer.
    unanswered: list[tuple[int, float]] = []
    for kind, groups in by_kind.items():
        if kind == "amount" and any(
            f.solves_all and all(type(c) in _AMOUNT_CHANGES for c in f.changes) for f in fixes
        ):
            continue
        if budget.query() <= 0:
            break
        relaxed = sorted(groups)
        whole = True
        status, answer = rx.least_relaxation(everything - set(relaxed), relaxed, budget.query())
        answered = status in (cp_model.INFEASIBLE, cp_model.OPTIMAL, cp_model.FEASIBLE)
        if answer is None and budget.query() > 0:
            whole = False
            rest = set(core) - set(relaxed)
            answer = rx.relax(rest, relaxed, budget.query())
        if not answer:
            continue
        changes = rx.changes_for(answer)
        if changes:
            fixes.append(Fix(tuple(changes), solves_all=whole))
            if not answered:
                unanswered.append(fixes[-1].cost)
        if not alternatives or kind == "amount" or kind in AMOUNT_KINDS or len(answer) != 1:
            continue
        # Other single rules of the same kind that would do as well.
        hard = everything if whole else set(core)
        for group in relaxed:
            if group in answer or budget.query() <= 0 or len(fixes) > 2 * MAX_FIXES:
                continue
            status, _ = rx.check(hard - {group}, budget.query())
            if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
                other = rx.changes_for({group: 1})
                if other:
                    fixes.append(Fix(tuple(other), solves_all=whole))
    if ordered and unanswered:
        cheapest = min(unanswered)
        fixes = [f if f.cost <= cheapest else replace(f, solves_all=False) for f in fixes]
    return fixes
