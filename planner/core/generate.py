"""Synthetic problems: realistic sales and marketing quarters of any size.

Classic generalized assignment (GAP) benchmark instances are in
:mod:`planner.core.gap_instances`.

Every generator is deterministic for a seed and draws only from its own
``random.Random(seed)``. Each one also builds a *witness*: one owner set per
forced project (mandatory or pinned) that respects every hard rule. Because
that witness exists, every generated problem is feasible, and tests and
benchmarks can check it without a solver.
"""

from __future__ import annotations

import random
import stat
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path

from planner.core.domain import (
    MARKETING,
    SALES,
    Estimate,
    Goal,
    Problem,
    Project,
    Rule,
    RuleKind,
    Team,
)
from planner.core.errors import InputIssue, InvalidInputError
from planner.core.generate_catalogue import (
    ARCHETYPES,
    GOAL_TEMPLATES,
    PROJECT_TOPICS,
    REGIONS,
    SEGMENTS,
    SKILL_POOLS,
    GoalTemplate,
)
from planner.core.generate_weeks import with_weeks
from planner.core.output import folder_in_the_way, special_kind
from planner.core.settings import Settings, Weights
from planner.core.typed_paths import folder_as_read
from planner.core.write_failures import write_failure

# Mandatory and pinned projects never take more than this share of a team's
# capacity, so the forced part of a plan always fits with room to spare.
_FORCED_CAPACITY_SHARE = 0.6
_MANDATORY_RATE = 0.05
_PINNED_ONLY_RATE = 0.01
_JOINT_RATE_AT_HANDOFF = 0.3  # hand-off stages are 2 of 6, so ~10 % of all projects
_DEPENDENCY_RATE = 0.04
_ESTIMATE_RATE = 0.05
_FORBID_RATE = 0.01
_SALES_SHARES = tuple(Decimal(s) for s in ("0.3", "0.4", "0.5", "0.6", "0.7"))


@dataclass(frozen=True)
class GeneratedProblem:
    """A generated problem and a certificate that it is feasible.

    ``witness`` maps every forced project (mandatory or pinned) to owners
    that respect every hard rule together: stage policy, team stages,
    skills, capacity, ``max_projects``, pins and forbids. It is a valid
    partial plan, and a solver can use it as a warm start.
    """

    problem: Problem
    witness: Mapping[str, tuple[str, ...]]


# --------------------------------------------------------------------------
# Realistic sales and marketing quarters
# --------------------------------------------------------------------------


def generate_problem(
    num_teams: int, num_projects: int, num_goals: int = 8, seed: int = 0
) -> Problem:
    """A realistic synthetic quarter of the given size.

    Parameters
    ----------
    num_teams
        Number of teams, at least 2. Half are sales teams (rounded down) and
        the rest are marketing teams.
    num_projects
        Number of projects, at least 0. They are spread evenly over the six
        default funnel stages.
    num_goals
        Number of goals, at least 0, at most one per project (a goal no
        project serves reads 0 % however the plan goes). The first eight
        are the usual funnel KPIs; more goals repeat them per segment.
        Every goal has a project that serves it.
    seed
        Seed for ``random.Random``. The same arguments always give the same
        problem.

    Returns
    -------
    Problem
        A feasible problem with the default settings (with no goals, value
        counts: ``[weights] value = 1``). About 10 % of the
        projects are joint, about 5 % are mandatory and a few are pinned,
        forbidden or depend on an earlier project. Total effort is 120-140 %
        of total capacity.

    Raises
    ------
    ValueError
        When a size is out of range.
    """
    return generate_instance(num_teams, num_projects, num_goals, seed).problem


def generate_instance(
    num_teams: int, num_projects: int, num_goals: int = 8, seed: int = 0
) -> GeneratedProblem:
    """Like :func:`generate_problem`, and also return the feasibility witness.

    Parameters
    ----------
    num_teams, num_projects, num_goals, seed
        As for :func:`generate_problem`.

    Returns
    -------
    GeneratedProblem
        The problem and owners for its forced projects that fit every rule.
    """
    if num_teams < 2:
        raise ValueError("num_teams must be at least 2 (one sales and one marketing team)")
    if num_projects < 0:
        raise ValueError("num_projects must be >= 0")
    if num_goals < 0:
        raise ValueError("num_goals must be >= 0")
    # A goal no project serves reads "0 of its target" however the plan goes: one a project.
    num_goals = min(num_goals, num_projects)
    return _QuarterBuilder(random.Random(seed), num_teams, num_projects, num_goals).build()


@dataclass
class _Draft:
    """A project before its effort is scaled to the teams' capacity."""

    stage: str
    joint: bool
    sources: tuple[Team, ...]  # the team(s) the project is built around: always eligible
    skills: dict[str, int]
    goal: int | None  # index into the goal list
    raw_effort: float


class _QuarterBuilder:
    def __init__(self, rng: random.Random, num_teams: int, num_projects: int, num_goals: int):
        self.rng = rng
        self.num_teams = num_teams
        self.num_projects = num_projects
        self.num_goals = num_goals
        # Without goals a project scores only through [weights] value (0 by default):
        # a goal-less quarter plans by its values, or nothing is planned.
        self.settings = Settings() if num_goals else Settings(weights=Weights(value=1.0))
        self.stages = self.settings.stages.order

    def build(self) -> GeneratedProblem:
        teams = self._teams()
        goal_templates = [GOAL_TEMPLATES[i % len(GOAL_TEMPLATES)] for i in range(self.num_goals)]
        drafts = self._drafts(teams, goal_templates)
        _serve_every_goal(drafts, goal_templates)
        projects, estimates, rules, witness = self._projects(teams, drafts, goal_templates)
        goals = self._goals(goal_templates, projects)
        problem = Problem(
            teams=tuple(teams),
            projects=tuple(projects),
            goals=tuple(goals),
            estimates=tuple(estimates),
            rules=tuple(rules),
            settings=self.settings,
        )
        return GeneratedProblem(problem, witness)

    # -- teams -------------------------------------------------------------

    def _teams(self) -> list[Team]:
        rng = self.rng
        num_sales = self.num_teams // 2
        width = max(3, len(str(self.num_teams)))
        avg_projects = self.num_projects / self.num_teams
        specs: list[tuple[str, str, str, Decimal, dict[str, int], list[str], int | None]] = []
        for department, count, prefix in (
            (SALES, num_sales, "S"),
            (MARKETING, self.num_teams - num_sales, "M"),
        ):
            archetypes = ARCHETYPES[department]
            pool = SKILL_POOLS[department]
            for k in range(count):
                arch = archetypes[k % len(archetypes)]
                round_no = k // len(archetypes)
                region = REGIONS[round_no % len(REGIONS)]
                pod = round_no // len(REGIONS)
                name = f"{arch.name}, {region}" + (f" pod {pod + 1}" if pod else "")
                skills = {s: rng.randint(3, 5) for s in arch.core_skills}
                extras = [s for s in pool if s not in skills]
                for s in rng.sample(extras, rng.randint(1, 2)):
                    skills[s] = rng.randint(1, 3)
                stages = list(arch.stages) if rng.random() < 0.6 else []
                max_projects = None
                if rng.random() < 0.2:
                    max_projects = max(2, round(avg_projects * rng.uniform(0.6, 1.2)))
                capacity = Decimal(rng.randrange(400, 1601, 50))
                team_id = f"{prefix}{len(specs) + 1:0{width}d}"
                specs.append((team_id, name, department, capacity, skills, stages, max_projects))
        self._cover_every_stage(specs)
        return [
            Team(
                team_id=team_id,
                name=name,
                department=department,
                capacity_hours=capacity,
                skills=skills,
                stages=tuple(s for s in self.stages if s in stages),
                max_projects=max_projects,
            )
            for team_id, name, department, capacity, skills, stages, max_projects in specs
        ]

    def _cover_every_stage(
        self, specs: list[tuple[str, str, str, Decimal, dict[str, int], list[str], int | None]]
    ) -> None:
        """Widen a team's stages where no team works at a stage its department may own."""
        owners = self.settings.stages.owners
        for stage in self.stages:
            covered = any(
                spec[2] in owners.get(stage, ()) and (not spec[5] or stage in spec[5])
                for spec in specs
            )
            if covered:
                continue
            for spec in specs:
                if spec[2] in owners.get(stage, ()):
                    spec[5].append(stage)
                    break

    # -- projects ------------------------------------------------------------

    def _stage_teams(self, teams: Sequence[Team]) -> dict[str, dict[str, list[Team]]]:
        owners = self.settings.stages.owners
        result: dict[str, dict[str, list[Team]]] = {}
        for stage in self.stages:
            by_dept: dict[str, list[Team]] = {}
            for dept in owners.get(stage, ()):
                at_stage = [
                    t for t in teams if t.department == dept and (not t.stages or stage in t.stages)
                ]
                if at_stage:
                    by_dept[dept] = at_stage
            if by_dept:
                result[stage] = by_dept
        return result

    def _drafts(
        self, teams: Sequence[Team], goal_templates: Sequence[GoalTemplate]
    ) -> list[_Draft]:
        rng = self.rng
        stage_teams = self._stage_teams(teams)
        workable = [s for s in self.stages if s in stage_teams]
        goals_for_stage = {
            stage: [i for i, g in enumerate(goal_templates) if stage in g.stages]
            for stage in workable
        }
        drafts = []
        for _ in range(self.num_projects):
            stage = rng.choice(workable)
            by_dept = stage_teams[stage]
            joint = len(by_dept) == 2 and rng.random() < _JOINT_RATE_AT_HANDOFF
            if joint:
                sources: tuple[Team, ...] = (
                    rng.choice(by_dept[SALES]),
                    rng.choice(by_dept[MARKETING]),
                )
            else:
                dept = rng.choice(sorted(by_dept))
                sources = (rng.choice(by_dept[dept]),)
            skills: dict[str, int] = {}
            for team in sources:
                owned = list(team.skills)
                for skill in rng.sample(owned, min(len(owned), rng.choice((1, 1, 2, 2, 3)))):
                    skills.setdefault(skill, rng.randint(1, team.level(skill)))
            candidates = goals_for_stage[stage]
            goal: int | None = None
            if candidates:
                goal = rng.choice(candidates)
            elif goal_templates:
                goal = rng.randrange(len(goal_templates))
            drafts.append(_Draft(stage, joint, sources, skills, goal, rng.uniform(0.4, 1.6)))
        return drafts

    def _projects(
        self,
        teams: Sequence[Team],
        drafts: Sequence[_Draft],
        goal_templates: Sequence[GoalTemplate],
    ) -> tuple[list[Project], list[Estimate], list[Rule], dict[str, tuple[str, ...]]]:
        rng = self.rng
        capacity = sum(t.capacity_hours for t in teams)
        raw_total = sum(d.raw_effort for d in drafts) or 1.0
        scale = float(capacity) * rng.uniform(1.2, 1.4) / raw_total
        stage_teams = self._stage_teams(teams)
        width = max(4, len(str(self.num_projects)))

        share = Decimal(repr(_FORCED_CAPACITY_SHARE))
        forced_room = {t.team_id: t.capacity_hours * share for t in teams}
        forced_load = {t.team_id: Decimal(0) for t in teams}
        forced_count = {t.team_id: 0 for t in teams}
        earlier_by_stage: dict[str, list[str]] = {s: [] for s in self.stages}
        projects: list[Project] = []
        estimates: list[Estimate] = []
        rules: list[Rule] = []
        witness: dict[str, tuple[str, ...]] = {}

        for index, draft in enumerate(drafts):
            project_id = f"P{index + 1:0{width}d}"
            effort = Decimal(max(1, round(draft.raw_effort * scale)))
            template = goal_templates[draft.goal] if draft.goal is not None else None
            value = self._value(template, effort)
            sales_share = rng.choice(_SALES_SHARES) if draft.joint else Decimal("0.5")
            project = Project(
                project_id=project_id,
                name=self._project_name(draft.stage, index),
                stage=draft.stage,
                effort_hours=effort,
                value=value,
                goal_id=_goal_id(draft.goal, goal_templates),
                required_skills=draft.skills,
                joint=draft.joint,
                sales_share=sales_share,
            )

            source_effort = {t.team_id: effort * project.share(t.department) for t in draft.sources}
            estimate = self._estimate(draft, project, template, stage_teams)
            if estimate is not None:
                estimates.append(estimate)
                if estimate.team_id in source_effort and estimate.effort_hours is not None:
                    source_effort[estimate.team_id] = estimate.effort_hours  # a source's own

            draw = rng.random()
            mandatory = draw < _MANDATORY_RATE
            pinned = (mandatory and rng.random() < 0.3) or draw > 1 - _PINNED_ONLY_RATE
            forced = (mandatory or pinned) and all(
                forced_load[t.team_id] + source_effort[t.team_id] <= forced_room[t.team_id]
                and (t.max_projects is None or forced_count[t.team_id] < t.max_projects)
                for t in draft.sources
            )
            if forced:
                for tid, hours in source_effort.items():
                    forced_load[tid] += hours
                    forced_count[tid] += 1
                witness[project_id] = tuple(source_effort)
                if mandatory:
                    project = _with(project, mandatory=True)
                if pinned:
                    pin_to = rng.choice(draft.sources)
                    rules.append(Rule(project_id, pin_to.team_id, RuleKind.PIN))
            else:
                # Only unforced projects depend on others or have forbids, so the
                # forced set needs nothing outside itself and keeps its owners.
                if index and rng.random() < _DEPENDENCY_RATE:
                    project = self._depending(project, earlier_by_stage)
                if rng.random() < _FORBID_RATE:
                    rules.extend(self._forbidden(draft, project_id, stage_teams))
            earlier_by_stage[draft.stage].append(project_id)
            projects.append(project)
        return projects, estimates, rules, witness

    def _estimate(
        self,
        draft: _Draft,
        project: Project,
        template: GoalTemplate | None,
        stage_teams: Mapping[str, Mapping[str, list[Team]]],
    ) -> Estimate | None:
        """Now and then a team's own estimate for ``project``: a team that knows the work
        does it faster, sometimes to more effect. Joint projects get no estimates: how an
        estimate splits by share is a question best left out of benchmark data."""
        rng = self.rng
        if draft.joint or rng.random() >= _ESTIMATE_RATE:
            return None
        effort = project.effort_hours
        peers = stage_teams[draft.stage][draft.sources[0].department]
        team = draft.sources[0] if rng.random() < 0.5 else rng.choice(peers)
        est_effort = Decimal(max(1, round(float(effort) * rng.uniform(0.7, 0.95))))
        est_value = None
        if rng.random() < 0.5:
            est_value = self._value(template, effort, rng.uniform(1.0, 1.3))
        return Estimate(project.project_id, team.team_id, est_effort, est_value)

    def _depending(self, project: Project, earlier_by_stage: Mapping[str, list[str]]) -> Project:
        """``project`` depending on a project drawn from its own or an earlier stage's (as
        it is, when none came before)."""
        rng = self.rng
        stages = self.stages[: self.stages.index(project.stage) + 1]
        earlier = [s for s in stages if earlier_by_stage[s]]
        if not earlier:
            return project
        dep = rng.choice(earlier_by_stage[rng.choice(earlier)])
        return _with(project, depends_on=(dep,))

    def _forbidden(
        self,
        draft: _Draft,
        project_id: str,
        stage_teams: Mapping[str, Mapping[str, list[Team]]],
    ) -> list[Rule]:
        """A rule forbidding the project to one team of its department that could do its
        stage but is not among its sources (none when there is no such team)."""
        dept = draft.sources[0].department
        source_ids = {t.team_id for t in draft.sources}
        others = [t for t in stage_teams[draft.stage][dept] if t.team_id not in source_ids]
        if not others:
            return []
        forbidden = self.rng.choice(others)
        return [Rule(project_id, forbidden.team_id, RuleKind.FORBID)]

    def _value(
        self, template: GoalTemplate | None, effort: Decimal, factor: float = 1.0
    ) -> Decimal:
        if template is None:
            return Decimal(self.rng.randint(1, 10))  # a plain value, read as priority
        raw = template.rate * float(effort) * factor * self.rng.uniform(0.6, 1.4)
        return _rounded(raw, template.decimals)

    def _project_name(self, stage: str, index: int) -> str:
        topic = self.rng.choice(PROJECT_TOPICS.get(stage, ("Initiative",)))
        segment = self.rng.choice(SEGMENTS)
        return f"{topic} for {segment} #{index + 1}"

    def _goals(
        self, goal_templates: Sequence[GoalTemplate], projects: Sequence[Project]
    ) -> list[Goal]:
        totals: dict[str, Decimal] = {}
        for p in projects:
            if p.goal_id is not None:
                totals[p.goal_id] = totals.get(p.goal_id, Decimal(0)) + p.value
        goals = []
        for i, template in enumerate(goal_templates):
            goal_id = _goal_id(i, goal_templates)
            assert goal_id is not None
            # A stretch goal: reachable only when most of its projects are done.
            total = float(totals.get(goal_id, 0))
            target = _rounded(total * self.rng.uniform(0.72, 0.85), template.decimals)
            if target <= 0:
                target = _rounded(template.rate * 500, template.decimals) or Decimal(1)
            round_no = i // len(GOAL_TEMPLATES)
            # Past the segments, numbered: 1,000 goals named 'New pipeline created (FinServ)'
            # 20 times, and the pages show goals by name.
            lap = "" if round_no <= len(SEGMENTS) else f" {(round_no - 1) // len(SEGMENTS) + 1}"
            segment = SEGMENTS[(round_no - 1) % len(SEGMENTS)]
            suffix = f" ({segment}{lap})" if round_no else ""
            goals.append(
                Goal(
                    goal_id=goal_id,
                    name=template.name + suffix,
                    target=target,
                    kpi=template.kpi,
                    owner=template.owner,
                    weight=template.weight,
                )
            )
        return goals


#: Believable ranges of impact by stage (SPEC "Uncertain impact"), as (down, up) shares
#: of the value: brand and demand work is a wide, right-skewed bet; renewals are near sure.
VALUE_RANGES: dict[str, tuple[float, float]] = {
    "awareness": (0.5, 0.8),
    "lead_generation": (0.35, 0.5),
    "nurturing": (0.3, 0.4),
    "qualification": (0.3, 0.35),
    "closing": (0.25, 0.25),
    "retention": (0.1, 0.1),
}


def with_value_ranges(problem: Problem, seed: int = 0) -> Problem:
    """The problem with a ``value_low`` / ``value_high`` on every valued project.

    Each range is the stage's share of :data:`VALUE_RANGES`, varied by up to
    a third per project (from its own ``random.Random(seed)``, so the rest of
    the generated problem is unchanged), rounded to whole KPI units where the
    value is large.
    """
    rng = random.Random(seed)
    projects = []
    for project in problem.projects:
        down, up = VALUE_RANGES.get(project.stage, (0.3, 0.3))
        down *= rng.uniform(0.67, 1.33)
        up *= rng.uniform(0.67, 1.33)
        value = float(project.value)
        if value <= 0:
            projects.append(project)
            continue
        decimals = 0 if value >= 100 else 2
        low = min(project.value, _rounded(value * (1 - min(down, 0.95)), decimals))
        high = max(project.value, _rounded(value * (1 + up), decimals))
        projects.append(_with(project, value_low=low, value_high=high))
    return problem.replace(projects=tuple(projects))


def _serve_every_goal(drafts: list[_Draft], goal_templates: Sequence[GoalTemplate]) -> None:
    """Give each goal no draft serves one from a goal with drafts to spare, in place.

    A goal without a project read "0 of 10 deals" on every page, however the plan went
    (2 teams x 5 projects: 40 seeds of 40). No random draw is taken, so a quarter whose
    goals all had projects is the quarter it was, and one that had not keeps every other
    figure: only the moved projects' goals and values and the two goals' targets change.
    The latest spare draft at a stage the goal is about goes first, else the latest of all.
    """
    spare_by_stage: dict[str, list[int]] = {}
    first_of_goal: set[int | None] = set()
    for index, draft in enumerate(drafts):
        if draft.goal in first_of_goal:
            spare_by_stage.setdefault(draft.stage, []).append(index)
        first_of_goal.add(draft.goal)
    for goal, template in enumerate(goal_templates):
        if goal in first_of_goal:
            continue
        spare = [stage for stage, indexes in spare_by_stage.items() if indexes]
        fitting = [stage for stage in spare if stage in template.stages]
        pool = max(fitting or spare, key=lambda s: spare_by_stage[s][-1], default=None)
        if pool is None:
            return  # more goals than drafts (the caller caps goals at projects)
        drafts[spare_by_stage[pool].pop()].goal = goal
        first_of_goal.add(goal)


def _goal_id(index: int | None, templates: Sequence[GoalTemplate]) -> str | None:
    if index is None:
        return None
    base = templates[index].goal_id
    round_no = index // len(GOAL_TEMPLATES)
    return base if round_no == 0 else f"{base}-{round_no + 1}"


def _rounded(raw: float, decimals: int) -> Decimal:
    return round(Decimal(repr(round(raw, decimals))), decimals)


def _with(project: Project, **changes: object) -> Project:
    return replace(project, **changes)  # type: ignore[arg-type]


# --------------------------------------------------------------------------
# Data folders
# --------------------------------------------------------------------------


#: Files of a data folder (and a plan) that ``generate_folder`` will not overwrite unasked.
DATA_FILES = (
    "teams.csv",
    "projects.csv",
    "goals.csv",
    "estimates.csv",
    "rules.csv",
    "calendar.csv",
    "settings.toml",
    "plan.csv",
)


def generate_folder(
    out_dir: str | Path,
    num_teams: int,
    num_projects: int,
    num_goals: int = 8,
    seed: int = 0,
    *,
    force: bool = False,
    weeks: bool = False,
    ranges: bool = False,
) -> Path:
    """Write a synthetic data folder (the CSV files and ``settings.toml``).

    Parameters
    ----------
    out_dir
        The folder to write; it is created if missing.
    num_teams, num_projects, num_goals, seed
        As for :func:`generate_problem`.
    force
        Overwrite data files already in the folder. Without it, a folder
        that holds any of :data:`DATA_FILES` is refused.
    weeks
        Add durations, windows and a calendar (:func:`with_weeks`).
    ranges
        Give each valued project a range of impact (:func:`with_value_ranges`), so the
        plan has odds of each target.

    Returns
    -------
    Path
        The folder written.

    Raises
    ------
    InvalidInputError
        When ``out_dir`` is a file, cannot be created, or (without
        ``force``) already holds data files: nothing is written.
    """
    # Imported here: the CSV format belongs to planner.core.loading, and keeping
    # the import lazy lets the generator work without loading pandas and friends.
    from planner.core.loading import write_folder

    folder = Path(out_dir)
    shown = folder_as_read(out_dir)  # as typed: Path() drops a last slash
    if folder.exists() and not folder.is_dir():
        mode = folder.stat().st_mode
        kind = "a file" if stat.S_ISREG(mode) else f"a {special_kind(mode)}"
        raise _folder_issue(shown, f"is {kind}, not a folder.", "Name a new or empty folder.")
    present = [name for name in DATA_FILES if (folder / name).exists()] if folder.is_dir() else []
    for name in present:
        if (folder / name).is_dir():  # "would overwrite them" without --force: never a folder
            raise folder_in_the_way(folder, name, "OUT_DIR")
    if present and not force:
        raise _folder_issue(
            shown,
            f"already holds {', '.join(present)}; generating would overwrite them.",
            "Name a new or empty folder, or add --force to overwrite.",
        )
    generated = generate_instance(num_teams, num_projects, num_goals, seed)
    problem = with_weeks(generated, seed) if weeks else generated.problem
    if ranges:
        problem = with_value_ranges(problem, seed)
    try:
        # All or nothing, the folder made with the files; without --force, never over a
        # file another run wrote while this one generated.
        write_folder(problem, folder, replace=force)
    except OSError as exc:
        # From exc: a caller writing into a temporary folder says that folder, not OUT_DIR.
        raise _folder_issue(shown, *write_failure(exc)) from exc
    return folder


def _folder_issue(folder: str, message: str, fix: str) -> InvalidInputError:
    return InvalidInputError([InputIssue(f"OUT_DIR {folder}", None, None, message, fix)])


__all__ = [
    "DATA_FILES",
    "SKILL_POOLS",
    "GeneratedProblem",
    "generate_folder",
    "generate_instance",
    "generate_problem",
    "with_weeks",
]
