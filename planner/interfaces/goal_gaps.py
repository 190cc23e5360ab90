"""What would close a goal's gap: the left-out projects that feed a goal short of its
target, biggest first, each with what it would add, who could run it and what keeps it out.

One answer for the Overview, the Plan page and ``planner explain --goal``: the figures are
the Left out table's (each project's own value in its goal's KPI and its own hours), the
reason the plan's own (:mod:`planner.explain.unassigned`), the teams those no rule keeps off
it (:func:`planner.explain.exclusions`). Each project is counted alone: taking one in may
push other work out of the plan, and the words say so.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from planner.core.domain import Plan, Problem, Project, Unassigned
from planner.core.shared_words import joined, plural
from planner.core.shown_figures import (
    amount_shown,
    contribution,
    goal_amount_value,
    goal_row_values,
    hours,
)
from planner.explain import exclusions
from planner.explain.sentences import as_cell, join_names
from planner.scenarios.metrics import plan_metrics

#: Left-out projects a goal's answer names before "and N more" (``--json``: every one).
SHOWN = 3
#: Teams named for one project before "or N more".
TEAMS_SHOWN = 3
#: Left-out projects of a goal whose teams are looked up (every one: ``every_team``): the
#: rules weighed for every team of 150 on each of 868 left-out projects took 3 s.
LOOKED_UP = SHOWN + 2
#: The caution every answer ends with: each figure is one project's, on its own.
ALONE = (
    "Each figure is the project on its own: taking one in may push other work out of the "
    "plan, and that work's gains to its goals with it."
)


@dataclass(frozen=True)
class GapProject:
    """A left-out project that feeds the goal: ``adds`` its value in the goal's KPI (the
    Left out table's Value), ``hours`` its own hours, ``teams`` the names of the teams no
    rule keeps off it (None: not looked up) and ``who`` the same in words (a joint project
    needs a team of each side), ``reason`` why the plan leaves it out."""

    project_id: str
    name: str
    adds: Decimal
    hours: Decimal
    teams: tuple[str, ...] | None
    reason: str
    who: str = ""

    def text(self, kpi: str) -> str:
        """ "'Google Ads restructure' (LG-02) would add 380 MQLs in 280 h (Demand Gen could run
        it). Demand Gen has no room for ..." """
        return (
            f"'{self.name}' ({self.project_id}) would add {contribution(self.adds, kpi)} "
            f"in {hours(self.hours)}{f' ({self.who})' if self.who else ''}. {self.reason}"
        )


def either(names: tuple[str, ...]) -> str:
    """ "A", "A or B", "A, B or C", "A, B, C or 4 more": the teams, any one of which may."""
    if len(names) > TEAMS_SHOWN:
        return f"{', '.join(names[:TEAMS_SHOWN])} or {len(names) - TEAMS_SHOWN:,} more"
    return joined(names, last="or")


@dataclass(frozen=True)
class GoalGap:
    """A goal short of its target and the left-out projects that feed it, biggest first.

    ``short`` is exact (target - planned); ``short_shown`` as the goal's row shows it.
    ``closing``: how many of ``projects`` (from the first) it takes to reach the target,
    every one of them when even all together fall short (``closes`` then False).
    """

    goal_id: str
    name: str
    kpi: str
    short: Decimal
    short_shown: float
    projects: tuple[GapProject, ...]

    @property
    def short_words(self) -> str:
        """ "300 MQLs short", as the goal's heading reads beside its name."""
        return f"{amount_shown(self.short_shown, self.kpi)} short"

    @property
    def closing(self) -> int:
        total = Decimal(0)
        for i, p in enumerate(self.projects, 1):
            total += p.adds
            if total >= self.short:
                return i
        return len(self.projects)

    @property
    def closes(self) -> bool:
        return sum((p.adds for p in self.projects), Decimal(0)) >= self.short

    def lines(self, shown: int = SHOWN) -> list[str]:
        """The answer in a leader's words: one line per project named, then the total."""
        missing = f"the {amount_shown(self.short_shown)} missing"
        if not self.projects:
            return [
                f"No left-out project feeds this goal: closing its gap of "
                f"{amount_shown(self.short_shown, self.kpi)} takes new projects for it (the "
                "Data page's Projects table) or more value from those in the plan."
            ]
        named = max(shown, min(self.closing, shown + 2))
        lines = [p.text(self.kpi) for p in self.projects[:named]]
        rest = self.projects[named:]
        if rest:
            more = sum((p.adds for p in rest), Decimal(0))
            lines.append(
                f"And {plural(len(rest), 'more left-out project')} feeding it, "
                f"{contribution(more, self.kpi)} in all (the Plan page's Left out table)."
            )
        taken = self.projects[: self.closing]
        adds = sum((p.adds for p in taken), Decimal(0))
        need = sum((p.hours for p in taken), Decimal(0))
        # The teams when each project has one; "of Demand Gen" read wrong of a project
        # any of seven teams may run.
        ones = [p.teams[0] for p in taken if p.teams is not None and len(p.teams) == 1]
        work = f"needing about {hours(need)}" + (
            f" of {join_names(list(dict.fromkeys(ones)))}" if len(ones) == len(taken) else ""
        )
        if not self.closes:
            which = "It" if len(taken) == 1 else "All of them together"
            end = f": not enough on {'its' if len(taken) == 1 else 'their'} own, {work}"
        else:
            end = f", {work}"
            if len(taken) == len(self.projects):
                which = "It" if len(taken) == 1 else f"These {len(taken):,} together"
            else:
                which = "The first alone" if len(taken) == 1 else f"The first {len(taken):,}"
        lines.append(f"{which} would add {contribution(adds, self.kpi)} of {missing}{end}.")
        lines.append(ALONE)
        return lines

    def as_json(self) -> dict[str, object]:
        """For ``--json``: every project, the exact figures as numbers."""
        return {
            "goal_id": self.goal_id,
            "goal": self.name,
            "kpi": self.kpi,
            "short": float(self.short),
            "short_shown": self.short_shown,
            "closing": self.closing,
            "closes": self.closes,
            "projects": [
                {
                    "project_id": p.project_id,
                    "project_name": p.name,
                    "adds": float(p.adds),
                    "effort_hours": float(p.hours),
                    "teams": None if p.teams is None else list(p.teams),
                    "reason": p.reason,
                }
                for p in self.projects
            ],
            "lines": self.lines(),
        }


def goal_gaps(problem: Problem, plan: Plan | None, every_team: bool = False) -> dict[str, GoalGap]:
    """Goal id -> what would close its gap, for every goal the plan leaves short of its
    target (met goals are absent; so is every goal without a plan).

    The teams are looked up for the first :data:`LOOKED_UP` projects of each goal, the
    ones its words name (``every_team``: for every one, as ``--json`` lists them)."""
    if plan is None:
        return {}
    out = {}
    for g in plan_metrics(problem, plan).goals:
        if g.met:
            continue
        feeding = []
        for u in plan.unassigned:
            project = problem.project(u.project_id)
            if project.goal_id != g.goal_id or project.value <= 0:
                continue
            feeding.append((u, project))
        # Stable: equal values keep the plan's order.
        feeding.sort(key=lambda found: -found[1].value)
        projects = tuple(
            _gap_project(problem, u, project, every_team or i < LOOKED_UP)
            for i, (u, project) in enumerate(feeding)
        )
        shown = goal_row_values(g.target, goal_amount_value(g.planned, g.target))[1]
        out[g.goal_id] = GoalGap(g.goal_id, g.name, g.kpi, g.target - g.planned, shown, projects)
    return out


def _gap_project(problem: Problem, left: Unassigned, project: Project, look: bool) -> GapProject:
    """One left-out project of a goal, its teams looked up when ``look``."""
    reason = as_cell(problem, left.reason)
    args = (project.project_id, project.name, project.value, project.effort_hours)
    if not look:
        return GapProject(*args, None, reason)
    excluded = exclusions(problem, project.project_id)
    may = [t for t in problem.teams if t.team_id not in excluded]
    if not may:
        who = "no team may run it"
    elif project.joint:  # a team of each side, together
        sides = [[t.name for t in may if t.department == d] for d in ("sales", "marketing")]
        who = (
            f"{either(tuple(sides[0]))}, with {either(tuple(sides[1]))}, could run it together"
            if all(sides)
            else "no sales and marketing teams may run it together"
        )
    else:
        who = f"{either(tuple(t.name for t in may))} could run it"
    return GapProject(*args, tuple(t.name for t in may), reason, who)
