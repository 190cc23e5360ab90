"""A project's hours and value as the explanations say them, the teams' own estimates
beside them where they differ (hours and KPI amounts as planner.core.shown_figures
writes them on every page)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from fractions import Fraction

from planner.core.domain import Problem, Project, Team
from planner.core.pairs import pair_hours, pair_of
from planner.core.shown_figures import contribution
from planner.core.shown_figures import hours as hours_text
from planner.explain.sentences import at_most, join_names
from planner.optimizer.eligibility import exclusion


def hours_on(problem: Problem, project: Project, teams: Sequence[Team] = ()) -> str:
    """The project's hours on these teams: ``40 h``, or ``60 h on AEs and 40 h on Brand``.

    Limits count each team's own hours (its estimate, its department's share),
    so those are the hours to show. With no teams given, the teams that may
    take the project; with none of those, the plain estimate.
    """
    if not teams:
        teams = [t for t in problem.teams if exclusion(problem, project, t) is None]
    if not teams:
        return f"{hours_text(project.effort_hours)}"
    hours = {t.name: pair_hours(problem, project, t) for t in teams}
    if len(set(hours.values())) == 1:
        return hours_text(next(iter(hours.values())))
    return join_names(at_most([f"{hours_text(h)} on {name}" for name, h in hours.items()], 3))


def team_value(problem: Problem, project: Project, team: Team) -> Fraction:
    """The team's part of the project's value (estimate and share applied)."""
    return Fraction(pair_of(problem, project, team).value)


def _own_estimates(
    problem: Problem, project: Project, figure: Callable[[Decimal, Decimal], Decimal]
) -> dict[Decimal, list[str]]:
    """A team's own figure -> the teams (that may take it) whose estimate differs from it."""
    out: dict[Decimal, list[str]] = {}
    if not problem.estimates:  # most quarters: no team's own estimate, nothing to look up
        return out
    default = figure(project.effort_hours, project.value)
    for team in problem.teams:
        if (project.project_id, team.team_id) not in problem.estimate_index:
            continue
        if exclusion(problem, project, team) is not None:
            continue
        own = figure(*problem.pair_amounts(project, team.team_id))
        if own != default:
            out.setdefault(own, []).append(team.name)
    return out


def _value_unit(problem: Problem, project: Project) -> str:
    """The unit a project's value is in: its goal's KPI, else none (SPEC: a plain value,
    read as the project's priority, said "value 5" where it is named)."""
    goal = problem.goal_index.get(project.goal_id or "")
    return "" if goal is None else goal.kpi or ""


def own_hours(problem: Problem, project: Project) -> list[str]:
    """The teams' own hours where they differ from the project's: ``190 h for Demand Gen``."""
    own = _own_estimates(problem, project, lambda effort, _: effort)
    return at_most([f"{hours_text(h)} for {join_names(names)}" for h, names in own.items()], 3)


def own_values(problem: Problem, project: Project, unit: str = "") -> list[str]:
    """The teams' own values where they differ: ``280 if Brand & Comms does it``."""
    own = _own_estimates(problem, project, lambda _, value: value)
    # A joint project's estimate is that team's view of the whole project's value.
    does = "by the estimate of" if project.joint else "if"
    tail = "" if project.joint else " does it"
    return at_most(
        [f"{contribution(v, unit)} {does} {join_names(names)}{tail}" for v, names in own.items()],
        3,
    )


def project_hours(problem: Problem, project: Project) -> str:
    """The project's hours, the teams' own beside them: ``220 h (190 h for Demand Gen)``."""
    own = own_hours(problem, project)
    return f"{hours_text(project.effort_hours)}" + (f" ({'; '.join(own)})" if own else "")


def project_value(problem: Problem, project: Project) -> str:
    """The project's value in its KPI's unit, the teams' own beside it.

    ``240 MQLs (280 if Brand & Comms does it)``.
    """
    own = own_values(problem, project)
    # As the data gives it, as the Plan page: 89.9 meetings of a target of 90 read "90".
    shown = contribution(project.value, _value_unit(problem, project))
    return shown + (f" ({'; '.join(own)})" if own else "")


def own_estimates(problem: Problem, project: Project) -> str:
    """The teams' own hours and values where they differ from the project's, for a table cell.

    ``190 h for Demand Gen; 280 MQLs if Brand & Comms does it``; empty when none differs.
    """
    values = own_values(problem, project, _value_unit(problem, project))
    if project.goal_id not in problem.goal_index:
        # A plain number beside hours is named: "value 280 if Brand does it".
        values = [f"value {v}" for v in values]
    return "; ".join(own_hours(problem, project) + values)
