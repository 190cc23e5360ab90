"""The leader's words for the planner's settings and for what changed between plans.

Leaders state priorities ("workload balance matters a lot"), not weights
(``balance = 0.5``), and read "Marketing capacity 100 % → 80 %", not
``capacity.multipliers.marketing: 1.0 → 0.8``. This module is the one
place that translates: named priority levels and the weights they stand
for, stages as words, settings differences with team names, and what a
new plan changes against the one before it (projects added and dropped by
name, each goal's attainment up or down).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from planner.core.domain import DEPARTMENTS, Plan, Problem, Result, RuleKind
from planner.core.settings import Settings
from planner.core.text import (
    capitalised,
    names_text,
    percent,
    plural,
    points_between,
    points_value,
)
from planner.core.text import hours as hours_text
from planner.core.weeks import weeks_words
from planner.explain.common import TERM_NAMES
from planner.scenarios.metrics import PlanMetrics, plan_metrics, result_metrics

# ---------------------------------------------------------------------------
# Priorities as named choices
# ---------------------------------------------------------------------------

#: The named choices for a soft priority, weakest first.
LEVELS: tuple[str, ...] = ("off", "some", "strong")

#: The weight each named choice stands for. "some" is the default of SPEC's settings.
PRIORITY_WEIGHTS: Mapping[str, Mapping[str, float]] = {
    "balance": {"off": 0.0, "some": 0.1, "strong": 0.5},
    "fit": {"off": 0.0, "some": 0.05, "strong": 0.25},
    # On the sample, "some" raises Sales-qualified leads' chance from 4 % to 36 % for 0.4 pts
    # of goal attainment; "strong" puts Marketing-qualified leads at 80 % (from 3 %) for 2.
    "confidence": {"off": 0.0, "some": 0.25, "strong": 1.0},
}

#: What each priority means to a leader: the name the ranking score's terms read too.
PRIORITY_NAMES: Mapping[str, str] = {name: TERM_NAMES[name] for name in PRIORITY_WEIGHTS}
PRIORITY_HELP: Mapping[str, str] = {
    "balance": "Spread the work so that no team is much fuller than the others, even if "
    "that costs a little goal attainment.",
    "fit": "Prefer the teams whose skills are strongest for a project and that work at its stage.",
    "confidence": "Prefer plans that make a goal's target likely over ones that get closer to "
    "every target on paper: the plan may put its hours on fewer goals, to hit those, and give "
    "up some goal attainment for it (each goal's chance is on the Overview).",
}


def priority_level(name: str, weight: float) -> str | None:
    """The named choice a weight stands for (``None``: a custom weight, set under advanced)."""
    for level, value in PRIORITY_WEIGHTS[name].items():
        if abs(value - weight) < 1e-12:
            return level
    return None


# ---------------------------------------------------------------------------
# Words for settings
# ---------------------------------------------------------------------------

_WEIGHT_NAMES = {
    "attainment": "Goal attainment priority",
    "value": "Total value priority",
    # The priorities as the Constraints page's controls read them.
    "balance": PRIORITY_NAMES["balance"],
    "fit": PRIORITY_NAMES["fit"],
    "stability": "Stability (keep owners)",
    "confidence": PRIORITY_NAMES["confidence"],
}
#: A leader reads these under "What differs in the inputs": "Solver cores 0 → 1" named a
#: tool they never see, and 0 for what means every core.
_SOLVE_NAMES = {
    "time_limit_s": ("Time limit", " s"),
    "workers": ("Computer cores the planning uses", ""),
    "seed": ("Random seed (which of equally good plans comes back)", ""),
}


def stage_label(stage: str) -> str:
    """A funnel stage as a word: ``lead_generation`` -> ``Lead generation``."""
    return capitalised(stage.replace("_", " ").replace("-", " ").strip())


def department_label(department: str) -> str:
    return department.capitalize()


def saved_scenario_label(scenario_id: int, name: str) -> str:
    """A saved scenario as what a plan is built on: the pages' basis line and sidebar, and
    the Summary of the plan.xlsx it exports, in the same words ("the saved scenario #2 Q3")."""
    return f"the saved scenario #{scenario_id} {name}"


def _percent(x: float) -> str:
    return f"{100 * x:g} %"


def _owners(owners: tuple[str, ...]) -> str:
    return " and ".join(department_label(d) for d in owners) if owners else "nobody"


def _target_name(target: str, problems: tuple[Problem, ...]) -> str:
    if target in DEPARTMENTS:
        return department_label(target)
    for problem in problems:
        team = problem.team_index.get(target)
        if team is not None:
            return team.name
    return target


def _weight_text(name: str, value: float) -> str:
    level = priority_level(name, value) if name in PRIORITY_WEIGHTS else None
    return level if level is not None else f"{value:g}"


def settings_changes(a: Problem, b: Problem) -> tuple[str, ...]:
    """What differs between two problems' settings, in words, with names not ids.

    ``Marketing capacity 100 % → 80 %``, ``Content capacity 100 % → 90 %``,
    ``Max utilisation 100 % → 90 %``, ``Workload balance some → strong``,
    ``Closing stage: owned by Sales → Sales and Marketing``. Settings this
    module has no words for are listed as ``key: A → B``.
    """
    sa, sb = a.settings, b.settings
    both = (b, a)
    out: list[str] = []
    ma, mb = sa.capacity.multipliers, sb.capacity.multipliers
    for target in dict.fromkeys([*ma, *mb]):
        va, vb = ma.get(target, 1.0), mb.get(target, 1.0)
        if va != vb:
            out.append(f"{_target_name(target, both)} capacity {_percent(va)} → {_percent(vb)}")
    ua, ub = sa.capacity.max_utilization, sb.capacity.max_utilization
    if ua != ub:
        out.append(f"Max utilisation {_percent(ua)} → {_percent(ub)}")
    if sa.stages.order != sb.stages.order:
        out.append(
            "Funnel stages "
            + ", ".join(stage_label(s) for s in sa.stages.order)
            + " → "
            + ", ".join(stage_label(s) for s in sb.stages.order)
        )
    for stage in dict.fromkeys([*sa.stages.order, *sb.stages.order]):
        oa = tuple(sa.stages.owners.get(stage, ()))
        ob = tuple(sb.stages.owners.get(stage, ()))
        if set(oa) != set(ob):
            out.append(f"{stage_label(stage)} stage: owned by {_owners(oa)} → {_owners(ob)}")
    for name, label in _WEIGHT_NAMES.items():
        wa, wb = getattr(sa.weights, name, None), getattr(sb.weights, name, None)
        if wa is not None and wb is not None and wa != wb:
            out.append(f"{label} {_weight_text(name, wa)} → {_weight_text(name, wb)}")
    for name, (label, unit) in _SOLVE_NAMES.items():
        va, vb = getattr(sa.solve, name), getattr(sb.solve, name)
        if va != vb:
            ta, tb = (
                ("all" if v == 0 else f"{v:g}") if name == "workers" else f"{v:g}{unit}"
                for v in (va, vb)
            )
            out.append(f"{label} {ta} → {tb}")
    ca, cb = sa.calendar, sb.calendar
    if ca.weeks != cb.weeks:
        out.append(f"Weeks in the quarter {ca.weeks} → {cb.weeks}")
    if ca.first_monday != cb.first_monday:
        out.append(f"Quarter starts {_monday(ca.first_monday)} → {_monday(cb.first_monday)}")
    out += _other_changes(sa, sb)
    return tuple(out)


def _monday(day: datetime.date | None) -> str:
    """The Monday of week 1 as a leader writes a date: ``Mon 30 Jun 2025``, or ``not set``."""
    return "not set" if day is None else day.strftime("%a %d %b %Y").replace(" 0", " ")


#: The sections said in words above; any other setting reads ``key: A → B``.
_WORDED_SECTIONS = frozenset(
    {"solve", "capacity", "capacity.multipliers", "stages", "stages.owners", "calendar"}
)


def _other_changes(a: Settings, b: Settings) -> list[str]:
    """Settings sections added after this module was written, as ``key: A → B``."""
    lines_a, lines_b = _settings_lines(a), _settings_lines(b)
    out = []
    for key in dict.fromkeys([*lines_a, *lines_b]):
        section, _, name = key.rpartition(".")
        if section in _WORDED_SECTIONS or (section == "weights" and name in _WEIGHT_NAMES):
            continue
        va, vb = lines_a.get(key, "(not set)"), lines_b.get(key, "(not set)")
        if va != vb:
            out.append(f"{key}: {va} → {vb}")
    return out


def _settings_lines(settings: Settings) -> dict[str, str]:
    out, section = {}, ""
    for line in settings.to_toml().splitlines():
        if line.startswith("["):
            section = line.strip("[]")
        elif "=" in line:
            key, value = line.split("=", 1)
            out[f"{section}.{key.strip()}"] = value.strip()
    return out


def renamed_projects(a: Problem, b: Problem) -> dict[str, str]:
    """Projects whose id alone changed from ``a`` to ``b``: A's id -> B's id.

    A project only A has and one only B has, of one name, each the only one of that name
    on its side: the Data page's rename of an id ("changing a project's id renames it
    everywhere"), which Compare listed as one project dropped and another added. The
    same rule as the headline's "Since the previous plan" (:func:`plan_change`).
    """
    return _renamed(
        ((p.project_id, p.name) for p in a.projects), ((p.project_id, p.name) for p in b.projects)
    )


def renamed_teams(a: Problem, b: Problem) -> dict[str, str]:
    """Teams whose id alone changed from ``a`` to ``b`` (A's id -> B's id), by the rule of
    :func:`renamed_projects`: the Data page's "changing a team's id renames it everywhere"."""
    return _renamed(((t.team_id, t.name) for t in a.teams), ((t.team_id, t.name) for t in b.teams))


#: (project renames, team renames) between two versions of the inputs: old id -> new id.
Renamed = tuple[Mapping[str, str], Mapping[str, str]]


def renamed_ids(before: Problem, after: Problem) -> tuple[dict[str, str], dict[str, str]]:
    """The projects and teams whose id alone an edit changed
    (:func:`~planner.scenarios.relative.is_edit_of`): the Data page renames an id
    everywhere, and the plan in force still holds the old one."""
    return renamed_projects(before, after), renamed_teams(before, after)


def in_new_ids(plan: Plan, renamed: Renamed | None) -> Plan:
    """``plan`` with the renamed projects' and teams' ids (``renamed``) in their new ids."""
    if renamed is None or not (renamed[0] or renamed[1]):
        return plan
    projects, teams = renamed
    return replace(
        plan,
        assignments=tuple(
            replace(
                a,
                project_id=projects.get(a.project_id, a.project_id),
                team_id=teams.get(a.team_id, a.team_id),
            )
            for a in plan.assignments
        ),
        unassigned=tuple(
            replace(u, project_id=projects.get(u.project_id, u.project_id)) for u in plan.unassigned
        ),
    )


def in_team_ids(problem: Problem, renamed: Mapping[str, str]) -> Problem:
    """``problem`` with the teams ``renamed`` (old id -> new id) under their new ids, in
    every table and setting that names a team, as the Data page's rename leaves them."""
    if not renamed:
        return problem

    def new(team_id: str) -> str:
        return renamed.get(team_id, team_id)

    capacity = problem.settings.capacity
    multipliers = {new(k): v for k, v in capacity.multipliers.items()}
    return problem.replace(
        teams=tuple(replace(t, team_id=new(t.team_id)) for t in problem.teams),
        estimates=tuple(replace(e, team_id=new(e.team_id)) for e in problem.estimates),
        rules=tuple(replace(r, team_id=new(r.team_id)) for r in problem.rules),
        calendar=tuple(replace(c, team_id=new(c.team_id)) for c in problem.calendar),
        settings=problem.settings.with_changes(capacity=replace(capacity, multipliers=multipliers)),
    )


def teams_renamed_words(a: Problem, b: Problem) -> tuple[tuple[str, ...], Problem]:
    """The teams whose id alone changed from ``a`` to ``b``, in words ("Team 'Brand &
    Comms' renamed: id brand → brand-comms"), and ``a`` under their new ids, to compare
    the rest with ``b`` (the pins, estimates and weeks that followed the new id are no
    change)."""
    renamed = renamed_teams(a, b)
    words = tuple(
        f"Team '{b.team_index[new].name}' renamed: id {old} → {new}" for old, new in renamed.items()
    )
    return words, in_team_ids(a, renamed)


def data_changes(a: Problem, b: Problem) -> tuple[str, ...]:
    """What differs in the data tables, per table in words: ``Projects: 2 added, 1 edited``."""
    # A team's or project's id changed, and nothing else: said by name, not as one removed
    # and one added (its rows elsewhere follow the new id).
    said, a = teams_renamed_words(a, b)
    out = list(said)
    renamed = renamed_projects(a, b)
    for old, new in renamed.items():
        out.append(f"Project '{b.project_index[new].name}' renamed: id {old} → {new}")
    tables = (
        ("Teams", a.team_index, b.team_index),
        ("Projects", a.project_index, b.project_index),
        ("Goals", a.goal_index, b.goal_index),
    )
    # A goal whose weight alone changed (the Constraints page's "how much each goal
    # matters") is named with it; other edits are counted per table.
    weighed = [
        g
        for g in b.goals
        if (was := a.goal_index.get(g.goal_id)) is not None
        and was != g
        and replace(was, weight=g.weight) == g
    ]
    for goal in weighed:
        before = a.goal_index[goal.goal_id].weight
        out.append(f"How much '{goal.name}' matters {float(before):g} → {float(goal.weight):g}")
    reweighed = {g.goal_id for g in weighed}
    for label, ia, ib in tables:
        same = renamed if label == "Projects" else {}
        added = sum(1 for k in ib if k not in ia and k not in same.values())
        removed = sum(1 for k in ia if k not in ib and k not in same)
        edited = sum(
            1
            for k in ia
            if k in ib and ia[k] != ib[k] and not (label == "Goals" and k in reweighed)
        )
        counts = ((added, "added"), (removed, "removed"), (edited, "edited"))
        shown = [f"{n} {word}" for n, word in counts if n]
        if shown:
            out.append(f"{label}: {', '.join(shown)}")
    if set(a.estimates) != set(b.estimates):
        out.append("Team-specific estimates changed")
    out += rule_changes(a, b)
    calendar = calendar_changes(a, b)
    if calendar:
        out.append(f"Calendar: {calendar}")
    return tuple(out)


#: Pins and forbids named one by one before "N more pins and forbids".
RULES_NAMED = 3


def rule_changes(a: Problem, b: Problem) -> list[str]:
    """Pins and forbids added or lifted, by name: ``'Press launch' pinned to Brand & Comms``."""
    rules_a, rules_b = set(a.rules), set(b.rules)
    if rules_a == rules_b:
        return []
    projects = {p.project_id: p.name for p in (*a.projects, *b.projects)}
    teams = {t.team_id: t.name for t in (*a.teams, *b.teams)}
    lines = []
    for rule, lifted in [
        *((r, False) for r in b.rules if r not in rules_a),
        *((r, True) for r in a.rules if r not in rules_b),
    ]:
        project = f"'{projects.get(rule.project_id, rule.project_id)}'"
        team = teams.get(rule.team_id, rule.team_id)
        no_longer = "no longer " if lifted else ""
        if rule.rule is RuleKind.PIN:
            lines.append(f"{project} {no_longer}pinned to {team}")
        else:
            lines.append(f"{team} {no_longer}forbidden from {project}")
    more = len(lines) - RULES_NAMED
    if more > 0:
        lines = [
            *lines[:RULES_NAMED],
            f"{more} more {'pin or forbid' if more == 1 else 'pins and forbids'}",
        ]
    return lines


def calendar_changes(a: Problem, b: Problem) -> str:
    """The weeks whose hours the calendar changes, by team: ``week 9 of Demand Gen``.

    Only the hours a plan reads count: rows split or merged with the same hours do not.
    A team in one problem only, or a quarter of another length, is said elsewhere.
    """
    if set(a.calendar) == set(b.calendar) or a.num_weeks != b.num_weeks:
        return ""
    # The weeks each team's differing rows cover (a new quarter's hours for a team move
    # its other weeks too; "Teams: 1 edited" says that).
    touched: dict[str, set[int]] = {}
    for row in set(a.calendar) ^ set(b.calendar):
        touched.setdefault(row.team_id, set()).update(row.weeks)
    parts = []
    for team in b.teams:
        if team.team_id not in touched or team.team_id not in a.team_index:
            continue
        hours_a, hours_b = a.week_hours[team.team_id], b.week_hours[team.team_id]
        weeks = [w for w in sorted(touched[team.team_id]) if hours_a[w - 1] != hours_b[w - 1]]
        if not weeks:
            continue
        # The hours too, where one figure says them: "weeks 9-10 of Content" left a CMO to
        # remember what they had typed (85 h -> 45 h a week).
        was, now = {hours_a[w - 1] for w in weeks}, {hours_b[w - 1] for w in weeks}
        each = (
            f" ({hours_text(was.pop())} → {hours_text(now.pop())} a week)"
            if len(was) == len(now) == 1
            else ""
        )
        parts.append(f"{weeks_words(weeks)} of {team.name}{each}")
    return ", ".join(parts)


def input_changes(a: Problem, b: Problem) -> tuple[str, ...]:
    """Every difference in the inputs from ``a`` to ``b``, in words (settings first)."""
    # A team's multiplier follows its renamed id (said in data_changes) as its rows do.
    return settings_changes(teams_renamed_words(a, b)[1], b) + data_changes(a, b)


# ---------------------------------------------------------------------------
# What a new plan changes against the one before it
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class GoalMove:
    """One goal's attainment before and after (percent of target, uncapped)."""

    goal_id: str
    name: str
    before: float | None
    after: float | None

    @property
    def points(self) -> float:
        """The change in points between the two percentages as shown (0 when one is missing)."""
        return points_value(self.before or 0.0, self.after or 0.0) or 0.0

    def text(self) -> str:
        before, after = percent(self.before), percent(self.after)
        return f"{self.name} {before} → {after} ({points_between(self.before, self.after)})"


@dataclass(frozen=True)
class PlanChange:
    """What a plan changes against the plan before it, by name."""

    added: tuple[str, ...]
    dropped: tuple[str, ...]
    goals: tuple[GoalMove, ...]
    attainment_before: float | None
    attainment_after: float | None
    #: Projects in each plan; None where there was no plan.
    planned_before: int | None = None
    planned_after: int | None = None
    #: When the goals' weights changed between the plans: the plan before's attainment by
    #: the weights it had (``attainment_before`` then weighs it as the goals matter now).
    attainment_before_as_was: float | None = None
    #: Projects in both plans whose owning teams changed (Compare's "moved").
    moved: tuple[str, ...] = ()
    #: Projects with the same owners in other weeks, with their weeks before and after
    #: (Compare's "rescheduled"): "SEO (weeks 1-4 → weeks 5-8)".
    rescheduled: tuple[str, ...] = ()

    @property
    def moved_goals(self) -> tuple[GoalMove, ...]:
        """The goals whose attainment, as shown, moved."""
        return tuple(g for g in self.goals if g.points != 0)

    @property
    def empty(self) -> bool:
        if (self.planned_before is None) != (self.planned_after is None):
            return False  # a plan lost or found is news, whatever its projects
        return not (
            self.added or self.dropped or self.moved or self.rescheduled or self.moved_goals
        )

    def _figures(self, planned: int, attainment: float | None) -> str:
        return plural(planned, "project") + (
            "" if attainment is None else f", goal attainment {percent(attainment)}"
        )

    def lines(self) -> list[str]:
        # No plan on one side: every project "dropped" (or "added") and every goal going
        # to or from a dash would bury the one thing that happened.
        if self.planned_before is not None and self.planned_after is None:
            return [
                "no plan with these inputs (the status says why); the plan before had "
                + self._figures(self.planned_before, self.attainment_before)
            ]
        if self.planned_before is None and self.planned_after is not None:
            return [
                "a plan again, after inputs that had none: "
                + self._figures(self.planned_after, self.attainment_after)
            ]
        out = []
        if self.attainment_before is not None and self.attainment_after is not None:
            before, after = self.attainment_before, self.attainment_after
            line = (
                f"Goal attainment {percent(before)} → {percent(after)} "
                f"({points_between(before, after)})"
            )
            if self.attainment_before_as_was is not None:
                line += (
                    ", both weighed by how much each goal matters now (the plan before read "
                    f"{percent(self.attainment_before_as_was)} by the weights it had)"
                )
            out.append(line)
        if self.added:
            out.append("Added: " + names_text(self.added))
        if self.dropped:
            out.append("Dropped: " + names_text(self.dropped))
        if self.moved:
            out.append("Moved: " + names_text(self.moved))
        if self.rescheduled:
            # Five named: one calendar edit can move hundreds of projects a week.
            out.append("Rescheduled: " + names_text(self.rescheduled, 5))
        out += [g.text() for g in self.moved_goals]
        return out


def _renamed(before: Iterable[tuple[str, str]], after: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Ids that changed (before's -> after's), of (id, name) pairs: one gone under an id and
    one new under another, with one name (said as "Added: X · Dropped: X" otherwise)."""
    before, after = list(before), list(after)
    kept = {i for i, _ in before} & {i for i, _ in after}

    def by_name(pairs: list[tuple[str, str]]) -> dict[str, str]:
        ids: dict[str, list[str]] = {}
        for identifier, name in pairs:
            if identifier not in kept:
                ids.setdefault(name, []).append(identifier)
        return {name: found[0] for name, found in ids.items() if len(found) == 1}

    gone, new = by_name(before), by_name(after)
    return {gone[name]: new[name] for name in gone.keys() & new.keys()}


def plan_change(
    before_problem: Problem,
    before_plan: Plan | None,
    after_problem: Problem,
    after_plan: Plan | None,
) -> PlanChange:
    """Projects added and dropped (by name) and each goal's attainment, before -> after.

    Inputs with no project and no goal in common (another quarter imported over this
    one) are not a change of one plan: the change is empty.
    """
    if _unrelated(before_problem, after_problem):
        return PlanChange((), (), (), None, None)
    # A project or team whose id was renamed is one project or team: the plan before reads
    # under their new ids (the Data page renames an id everywhere).
    renamed = renamed_projects(before_problem, after_problem)
    in_force = (
        in_new_ids(before_plan, (renamed, renamed_teams(before_problem, after_problem)))
        if before_plan is not None
        else None
    )
    owned_a = in_force.owners() if in_force is not None else {}
    owned_b = after_plan.owners() if after_plan is not None else {}
    names = {p.project_id: p.name for p in (*before_problem.projects, *after_problem.projects)}
    added = tuple(
        names[p] for p in after_problem.project_index if p in owned_b and p not in owned_a
    )
    dropped = tuple(
        names[p]
        for p in before_problem.project_index
        if renamed.get(p, p) in owned_a and renamed.get(p, p) not in owned_b
    )
    # Another team (or pair of teams) owns it now: Compare's "moved", said here too.
    moved = tuple(
        names[p]
        for p in after_problem.project_index
        if p in owned_a and p in owned_b and owned_a[p] != owned_b[p]
    )
    rescheduled = tuple(
        f"{names[p]} ({weeks_words(range(was[0], was[1] + 1))} → "
        f"{weeks_words(range(runs[0], runs[1] + 1))})"
        for p, (was, runs) in rescheduled_runs(in_force, after_plan, after_problem).items()
    )
    fa = plan_metrics(before_problem, before_plan)
    fb = plan_metrics(after_problem, after_plan)
    # A goal whose id was renamed is one goal too.
    goal_renamed = _renamed(
        ((g.goal_id, g.name) for g in before_problem.goals),
        ((g.goal_id, g.name) for g in after_problem.goals),
    )
    goals_a = {goal_renamed.get(g.goal_id, g.goal_id): g for g in fa.goals}
    goals_b = {g.goal_id: g for g in fb.goals}
    moves = []
    for goal_id in dict.fromkeys([*goals_b, *goals_a]):
        ga, gb = goals_a.get(goal_id), goals_b.get(goal_id)
        ref = gb or ga
        assert ref is not None
        moves.append(
            GoalMove(
                goal_id,
                ref.name,
                ga.percent if ga is not None and fa.has_plan else None,
                gb.percent if gb is not None and fb.has_plan else None,
            )
        )
    as_was = None
    weights = {g.goal_id: g.weight for g in fb.goals}
    now = {g.goal_id: goal_renamed.get(g.goal_id, g.goal_id) for g in fa.goals}
    if weights.keys() == goals_a.keys() and any(
        g.weight != weights[now[g.goal_id]] for g in fa.goals
    ):
        # A goal's weight changed: the two figures would weigh the goals differently, and
        # the change would read as the reweighting. Weigh the plan before as the goals matter
        # now, and say what it read.
        as_was = fa.attainment_pct
        fa = replace(fa, goals=tuple(replace(g, weight=weights[now[g.goal_id]]) for g in fa.goals))
    return PlanChange(
        added,
        dropped,
        tuple(moves),
        fa.attainment_pct,
        fb.attainment_pct,
        fa.num_planned if fa.has_plan else None,
        fb.num_planned if fb.has_plan else None,
        as_was if fa.attainment_pct is not None else None,
        moved,
        rescheduled,
    )


def rescheduled_runs(
    before: Plan | None, after: Plan | None, problem: Problem
) -> dict[str, tuple[tuple[int, int], tuple[int, int]]]:
    """Projects on the same teams in both plans (of the same ids) that run in other weeks:
    each one's first and last week before and after, in ``problem``'s order (Compare's
    "rescheduled": the headline's "Since the previous plan", a what-if's "Which projects
    change")."""
    owners_before = before.owners() if before is not None else {}
    owners_after = after.owners() if after is not None else {}
    weeks_before, weeks_after = planned_weeks(before), planned_weeks(after)
    return {
        p: (weeks_before[p], weeks_after[p])
        for p in problem.project_index
        if p in weeks_before
        and p in weeks_after
        and weeks_before[p] != weeks_after[p]
        and owners_before.get(p) == owners_after.get(p)
    }


def planned_weeks(plan: Plan | None) -> dict[str, tuple[int, int]]:
    """Each assigned project's first and last week in ``plan`` (a plan with weeks)."""
    if plan is None:
        return {}
    return {
        a.project_id: (a.start_week, a.end_week)
        for a in plan.assignments
        if a.start_week is not None and a.end_week is not None
    }


def _unrelated(before: Problem, after: Problem) -> bool:
    """Whether two inputs share no project and no goal: another quarter, not an edit."""
    shared_projects = before.project_index.keys() & after.project_index.keys()
    return not shared_projects and not before.goal_index.keys() & after.goal_index.keys()


# ---------------------------------------------------------------------------
# What an import did
# ---------------------------------------------------------------------------


def _counts(problem: Problem) -> tuple[tuple[int, str, str], ...]:
    """Each table's number of rows, with its noun in the singular and the plural."""
    return (
        (len(problem.teams), "team", "teams"),
        (len(problem.projects), "project", "projects"),
        (len(problem.goals), "goal", "goals"),
        (len(problem.estimates), "estimate", "estimates"),
        (len(problem.rules), "pin or forbid", "pins and forbids"),
        (len(problem.calendar), "calendar row", "calendar rows"),
    )


def _headline_move(before: PlanMetrics | None, after: PlanMetrics) -> str:
    """Goal attainment and the projects in the plan, before → after (or now, if unknown)."""
    if not after.has_plan:
        return "no plan with the imported data (the Plan page says why)"
    planned = f"{after.num_planned:,} of {plural(after.num_projects, 'project')} in the plan"
    if before is not None and before.has_plan:
        planned = f"{before.num_planned:,} → {planned}"
    if after.attainment_pct is None:
        return planned
    if before is None or before.attainment_pct is None:
        return f"goal attainment now {percent(after.attainment_pct)}; {planned}"
    was, now = before.attainment_pct, after.attainment_pct
    return (
        f"goal attainment {percent(was)} → {percent(now)} ({points_between(was, now)}); {planned}"
    )


def import_summary(
    name: str,
    before: Problem,
    before_result: Result | None,
    after: Problem,
    after_result: Result | None,
) -> str:
    """What importing the file ``name`` changed, in one line for the leader who imported it.

    ``Imported projects.csv: 51 → 53 projects; goal attainment 85.6 % → 87.3 %
    (+1.7 pts); 40 → 42 of 53 projects in the plan``. Tables whose row count
    moved are counted; otherwise the changes are named as the "unsaved
    changes" line names them. A result that is ``None`` was not solved: the
    figures it would give are left out (before) or the line stops at the data
    (after).
    """
    moved = [
        f"{a:,} → {b:,} {single if b == 1 else plural}"
        for (a, _, _), (b, single, plural) in zip(_counts(before), _counts(after), strict=True)
        if a != b
    ]
    changes = (
        ", ".join(moved) or "; ".join(input_changes(before, after)) or "the same data as before"
    )
    text = f"Imported {name}: {changes}"
    if after_result is None:
        return text
    # Another quarter's figures are not where this one's moved from.
    was = (
        result_metrics(before, before_result)
        if before_result is not None and not _unrelated(before, after)
        else None
    )
    return f"{text}; {_headline_move(was, result_metrics(after, after_result))}"


def replan_apart(session: PlanMetrics | None, weeks_elapsed: float, quarter_weeks: float) -> str:
    """Where a check-in's re-plan is, beside the session's plan the other pages show.

    A re-plan never replaces the session's plan: the Overview, Plan and Export pages
    kept showing the quarter's plan while the Check-in page forecast another, and
    nothing said so.
    """
    whole = float(weeks_elapsed).is_integer() and weeks_elapsed < quarter_weeks
    rest = (
        f"weeks {int(weeks_elapsed) + 1}-{int(quarter_weeks)}"
        if whole and weeks_elapsed + 1 < quarter_weeks
        else "the rest of the quarter"
    )
    if session is None or not session.has_plan:
        shown = "this session's inputs, which have no plan"
    else:
        attainment = (
            ""
            if session.attainment_pct is None
            else f"{percent(session.attainment_pct)} goal attainment, "
        )
        shown = f"this session's plan as it was made ({attainment}{session.num_planned:,} projects)"
    return (
        f"This re-plan of {rest} lives on this page: the Overview, Plan and Export pages "
        f"still show {shown}. Download the re-plan below, or save it as a child of the "
        "baseline and compare the two on the Scenarios page."
    )
