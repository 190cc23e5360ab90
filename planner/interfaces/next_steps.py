"""What to do next: the few steps a leader could take after a solve, in words.

The Overview lists them under the plan's headline. Each step reads the plan as
the pages show it (:mod:`planner.interfaces.charts`' frames), so a figure named
here is the one a chart beside it draws.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Mapping
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from planner.core import shown_figures
from planner.core.domain import Plan, Problem, Result, Status
from planner.core.pairs import pair_hours
from planner.core.shared_words import PLANNED_UP_TO, planned_up_to, plural
from planner.core.shown_figures import (
    amount_shown,
    gap_percent,
    goal_amount_value,
    goal_row_values,
    names_text,
    percent,
    points_between,
    share_percent,
)
from planner.core.status_words import measured_on
from planner.core.weeks import week_limits, weeks_words
from planner.explain.changes import utilisation_words
from planner.explain.rules import eligible_teams, has_pair
from planner.explain.sentences import join_names
from planner.explain.week_words import a_week
from planner.interfaces.plan_frames import FULL, goal_frame, goal_label, team_load_frame
from planner.optimizer.eligibility import exclusion
from planner.scenarios.labels import department_label
from planner.scenarios.metrics import plan_metrics
from planner.scenarios.whatif import MarginalReport, MarginalValue

if TYPE_CHECKING:
    import pandas as pd

#: Waiting projects a full team's step names before "and N more".
TAKERS_NAMED = 3
#: A plan within this share of its bound reads "close to the best possible"; further, "may
#: be up to" its distance short of it.
GOOD_WITHIN = 0.05


def _takers(problem: Problem, plan: Plan, team_ids: list[str]) -> str:
    """Which of the waiting projects the full teams could take at all (stage, skills, rules):
    "18 projects wait" alone read as 18 projects waiting for that team's hours."""
    teams = [problem.team(t) for t in team_ids]
    names = [
        problem.project(u.project_id).name
        for u in plan.unassigned
        if any(exclusion(problem, problem.project(u.project_id), t) is None for t in teams)
    ]
    one = len(teams) == 1
    # Why the others are not: "work it may do, given the hours" left a CMO asking what
    # else kept the other 14 of the sample's 18 away from Demand Gen; "4 of them are work
    # it has the skills, stages and rules for, if it had the hours" read as a riddle.
    owner = "its" if one else "these teams'"
    fit = f"{owner} skills, stages and rules"
    if not names:
        return f"none of them matches {fit}"
    # "It could take 4 of them", after "at capacity", read as room for 4 more.
    match = "matches" if len(names) == 1 else "match"
    return (
        f"{len(names):,} of them {match} {fit}, but {'it lacks' if one else 'they lack'} the "
        f"hours for {'it' if len(names) == 1 else 'them'} ({names_text(names, TAKERS_NAMED)})"
    )


def best_capacity(ranking: MarginalReport | None) -> MarginalValue | None:
    """The team where the Scenarios page's ranking finds extra hours pay most, if any pay."""
    best = ranking.values[0] if ranking is not None and ranking.values else None
    return best if best is not None and best.gain else None


def pays_most(best: MarginalValue) -> str:
    """What the ranking's best team gains, as the Scenarios page and the Overview both say it:
    ``goal attainment +1.0 pts for 59 h more``."""
    gain = (
        f"goal attainment {points_between(0, best.attainment_gain)}"
        if best.attainment_gain is not None
        else "a better plan"
    )
    return f"{gain} for {shown_figures.hours(best.extra_hours)} more"


def measured_from_words(ranking: MarginalReport) -> str | None:
    """What the ranking's gains are measured from, when not from the plan it ranks: a plan
    kept close to the current plan, whose teams' points are each planned afresh (the
    Scenarios page and ``planner scenarios marginal`` say it alike)."""
    measured = ranking.measured_from
    if measured is None:
        return None
    return (
        "each team's gain is measured from this plan made afresh, as each team's is planned "
        f"(goal attainment {percent(measured.metrics.attainment_pct)}), not from the plan kept "
        "close"
    )


def next_steps(
    problem: Problem,
    result: Result,
    limit: int = 6,
    *,
    kept_close: bool = False,
    from_scratch_pct: float | None = None,
    ranking: MarginalReport | None = None,
) -> list[str]:
    """The few things a leader could do next, most useful first, in words.

    Looks at the result's status, the goals furthest below target, the
    teams that are full while work waits and the teams with hours to spare.
    ``kept_close``: the plan is a what-if kept close to the current plan, so
    its distance from the best plan is by choice, not for want of time.
    ``from_scratch_pct``: the goal attainment of that what-if re-planned from
    scratch, while the page still offers it (not once the leader kept the plan).
    ``ranking``: the Scenarios page's ranking of capacity what-ifs for these inputs, once
    the leader ran it; the step on full teams then names where it finds hours pay most.
    """
    if not result.status.has_plan or result.plan is None:
        return [_without_plan(problem, result)]
    steps = _status_steps(problem, result, kept_close, from_scratch_pct)
    steps += _goal_steps(problem, result.plan)
    steps += _team_steps(problem, result.plan, ranking)
    if len(steps) < limit:
        steps.append(
            "When the plan looks right, download it on the Export page: plan.csv, or an Excel "
            "workbook with the goals, each team's load and the projects left out."
        )
    return steps[:limit]


def _without_plan(problem: Problem, result: Result) -> str:
    """The one step when there is no plan: more time, or which rule to relax."""
    if result.status == Status.NO_PLAN:
        # The clock or a stop ended the solve: nothing says the rules conflict.
        return (
            "No plan was found before the solve ended, which does not mean the rules "
            "conflict: raise the time limit on the Constraints page and solve again."
        )
    # The explanation names the cap where it is behind a conflict ("(each team is planned
    # up to 10 % of its hours)", "plan each team up to 100 % of its hours (this scenario has
    # each team planned up to 10 %)"): then it goes first here.
    capped = problem.settings.capacity.max_utilization < 1
    if capped and any(PLANNED_UP_TO in reason for reason in result.reasons):
        # The leader's own setting first: at 10 % it, not the teams, is short of hours.
        return (
            f"No plan satisfies every rule, and {planned_up_to(utilisation_words(problem))}"
            ": raise that share on the Constraints page first; or "
            "relax a pin, a mandatory project or a capacity cut there, then solve again."
        )
    # A conflict of weeks (a due week its prerequisites leave no time for) is fixed in the
    # data, not on the Constraints page: pointing there alone sent the leader to the wrong page.
    return (
        "No plan satisfies every rule; the status above says which and what to change. "
        "Relax a pin, a mandatory project or a capacity cut on the Constraints page, or "
        "change the weeks, hours or skills it names on the Data page, then solve again."
    )


def _status_steps(
    problem: Problem, result: Result, kept_close: bool, from_scratch_pct: float | None
) -> list[str]:
    """A plan short of proven best: kept close to the current plan, or stopped by the clock."""
    if result.status == Status.FEASIBLE and kept_close:
        # In goal attainment, as the Constraints page compares the two: the score's "within
        # 0.4 % of the best possible" sat under a banner's "within 0.5 %" (the tolerance).
        if from_scratch_pct is not None:
            this = plan_metrics(problem, result.plan).attainment_pct
            return [
                "This plan stays close to the previous plan, moving as few projects as it can, "
                f"for {percent(this)} goal attainment; re-planned from scratch it would reach "
                f"{percent(from_scratch_pct)} and move more projects ('Re-plan from scratch "
                "instead' on the Constraints page)."
            ]
    elif result.status == Status.FEASIBLE and result.gap != 0:  # a gap of None: unknown
        return [_not_proven(problem, result.gap)]
    return []


def _short(goal: Mapping[Hashable, Any]) -> str:
    """How far a goal (a :func:`goal_frame` row) is short of its target, as its row in the
    Goals table and plan.xlsx's "Short by" give it beside the planned figure as shown
    (:func:`goal_row_values`): 26.3 of 40 new customers planned read "14 new customers
    short" here, 13.7 there."""
    planned = goal_amount_value(goal["planned_value"], goal["target"])
    return amount_shown(goal_row_values(goal["target"], planned)[1], goal["kpi"] or "")


def _goal_steps(problem: Problem, plan: Plan) -> list[str]:
    """The three goals furthest below target (their projects left out, or none left to add),
    then every other goal below target with its attainment and shortfall."""
    steps = []
    waiting: dict[str, int] = defaultdict(int)
    for u in plan.unassigned:
        waiting[goal_label(problem, problem.project(u.project_id).goal_id)] += 1
    short = sorted(
        (g for g in goal_frame(problem, plan).to_dict("records") if g["attainment"] < 1),
        key=lambda g: float(g["attainment"]),
    )
    for goal in short[:3]:
        num_left = waiting[goal["goal"]]
        head = f"'{goal['goal']}' is planned at {percent(100 * goal['attainment'])} of target"
        if num_left:
            are = "is" if num_left == 1 else "are"
            steps.append(
                f"{head} ({_short(goal)} short); {num_left} of its projects {are} left out "
                "(see why on the Plan page)."
            )
        else:
            steps.append(
                f"{head} even with every project it has: add projects for it on the Data "
                "page or lower the target."
            )
    # "1 of 8 goals at target" sat above three goals: a VP Sales read the other goals below
    # target (Churn saved at 84.2 %) as fine. Every one is named, in one step.
    rest = [
        f"'{goal['goal']}' at {percent(100 * goal['attainment'])} ({_short(goal)} short)"
        for goal in short[3:]
    ]
    if rest:
        steps.append(
            f"Also below target: {join_names(rest)}. The Goals table below counts their projects "
            "in the plan."
        )
    return steps


def _team_steps(problem: Problem, plan: Plan, ranking: MarginalReport | None) -> list[str]:
    """While work waits: no team full (the weeks), the full teams, the teams with hours spare.

    A full team is not always where an extra hour buys most (its waiting work may need
    other skills, stages or weeks): "Demand Gen is at capacity" sat beside the Scenarios
    page's "Extra capacity pays most in Marketing Ops". The step on full teams takes the
    ranking's answer when the leader ran it, and says where to find it when not; when the
    other department's teams have waiting work they may take too, a line for it (its team
    that gains most, or why none gains): the answer named Marketing's team alone.
    """
    if not plan.unassigned:
        return []
    load = team_load_frame(problem, plan)
    full = load[load["utilisation"] >= FULL]
    if len(full):
        steps = [_full_teams_step(problem, plan, full, ranking)]
    elif problem.is_time_phased:
        steps = [_no_team_full_step(problem, plan, load)]
    else:
        steps = []
    idle = load[(load["utilisation"] < 0.5) & (load["available_hours"] > 0)]
    if len(idle):
        names = join_names(list(idle["team"].head(3)))
        steps.append(
            f"{names} {'has' if len(idle) == 1 else 'have'} hours to spare: check their "
            "skills and stages, or the stage policy, on the Data and Constraints pages."
        )
    return steps


def _no_team_full_step(problem: Problem, plan: Plan, load: pd.DataFrame) -> str:
    """In weeks, no team full over the quarter while work waits: the weeks are why, or
    (for work no team may take) the Left out table is."""
    num_waiting = len(plan.unassigned)
    # Free hours while work waits read as a broken plan unless the weeks are named.
    # The teams' free hours as their rows write them (capacity as shown less planned as
    # shown), added up: the exact sum read 2,297 h beside rows adding up to 2,298 h.
    free = float((load["limit_shown"] - load["planned_shown"]).clip(lower=0).sum())
    head = (
        f"No team is full over the whole quarter ({shown_figures.hours(free)} free in all), yet "
        f"{plural(num_waiting, 'project')} {'waits' if num_waiting == 1 else 'wait'}"
    )
    # Work no team may take (skills, stages, rules) waits for a team, not for weeks: the
    # step blamed the weeks for a free tool whose skills no team had.
    untaken = _untaken(problem, plan)
    weeks = (
        "the Plan page's Weeks section shows each team's full weeks. "
        # In the app's words: "windows" and "calendar.csv" were the files' (a CMO on the
        # Overview edits the Data page's tabs, not files).
        "Later due weeks or other durations (the Data page's Projects tab) or more hours "
        "in those weeks (its Calendar tab) let more work in."
    )
    # A week a team has no hours in (an off-site) keeps out the work whose every run would
    # cross it: "No team is full ... yet 21 projects wait" sent a CMO looking for full
    # weeks where Demand Gen's off-site in week 8 was the reason each left-out row gave.
    shut = _shut_weeks_words(problem, plan)
    if shut and not untaken:
        return f"{head}: {shut}. A project needs its hours in every week it runs, and {weeks}"
    if not untaken:
        return f"{head}: a project needs its hours in the weeks it runs, and {weeks}"
    if untaken == num_waiting:
        them = "it" if untaken == 1 else "them"
        return f"{head}: no team may take {them} ({_LEFT_OUT_SAYS_WHY})."
    rest = num_waiting - untaken
    others = "the other needs its" if rest == 1 else f"the other {rest:,} need their"
    if shut:
        others += f" hours in weeks without room ({shut})"
    else:
        others += " hours in weeks without room"
    return f"{head}. No team may take {untaken:,} of them ({_LEFT_OUT_SAYS_WHY}); {others}: {weeks}"


def _shut_weeks_words(problem: Problem, plan: Plan) -> str:
    """The weeks a team has no hours in that waiting projects cannot run around, in words
    ("Demand Gen has no hours in week 8, which every run of 5 waiting projects on Demand
    Gen would cross (names)"); "" when no waiting project is kept out so.

    A project counts for a team that may take it when each start its window allows runs
    through one of the team's weeks without hours.
    """
    # Most quarters have no such week: nothing to weigh then (150 teams x 3,000 projects).
    shut_weeks: dict[str, set[int]] = {}
    for t in problem.teams:
        limits = week_limits(problem, t.team_id)
        if any(hours <= 0 for hours in limits):
            shut_weeks[t.team_id] = {w for w, hours in enumerate(limits, 1) if hours <= 0}
    if not shut_weeks:
        return ""
    waiting = [u.project_id for u in plan.unassigned]
    eligible = eligible_teams(problem, waiting)
    crossed: dict[str, tuple[set[int], list[str]]] = {}
    for project_id in waiting:
        project = problem.project(project_id)
        starts = problem.starts(project)
        for team in eligible.get(project_id, ()):
            shut = shut_weeks.get(team.team_id)
            if not shut or not starts:
                continue
            hit = [shut.intersection(problem.run(project, s)) for s in starts]
            if all(hit):
                weeks, names = crossed.setdefault(team.name, (set(), []))
                weeks.update(*hit)
                if project.name not in names:
                    names.append(project.name)
    if not crossed:
        return ""
    said = []
    for team_name, (weeks, names) in crossed.items():
        said.append(
            f"{team_name} has no hours in {weeks_words(weeks)}, which every run of "
            f"{plural(len(names), 'waiting project')} on {team_name} would cross "
            f"({names_text(names, 3)})"
        )
    return "; ".join(said)


def _full_teams_step(
    problem: Problem, plan: Plan, full: pd.DataFrame, ranking: MarginalReport | None
) -> str:
    """The teams at capacity while work waits (``full``: their rows of the team load), who
    else may take the waiting work, and where more hours pay most."""
    num_waiting = len(plan.unassigned)
    names = join_names(list(full["team"].head(3)))
    wait = "waits" if num_waiting == 1 else "wait"  # "1 projects wait" on a small quarter
    head = f"{names} {'is' if len(full) == 1 else 'are'} at capacity while "
    head += f"{plural(num_waiting, 'project')} {wait}; "
    head += _takers(problem, plan, list(full["team_id"]))
    if problem.settings.capacity.max_utilization < 1:
        # Their capacity is the leader's cap: raising it comes before asking for hours.
        return (
            f"{head}, and {planned_up_to(utilisation_words(problem))}: raising that "
            "share on the Constraints page lets every "
            "team plan more of its hours before you ask for more."
        )
    # The other department's teams are said whether the ranking ran or not, in the
    # same step: the line appeared only once "Rank the teams" had run, so the
    # Overview changed shape after a click on another page. Without the ranking it
    # says what the plan already knows (the waiting work they may do).
    best = best_capacity(ranking)
    if best is not None and ranking is not None:
        step = f"{head}. {_ranked(best, list(full['team_id']))}"
        other_lines = _other_departments(problem, plan, ranking, best.department)
    elif problem.is_time_phased:
        # In weeks, hours only help in the weeks the waiting work would run: no promise.
        step = (
            f"{head}. Being at capacity is not the same as where an extra hour buys "
            "most: more hours there help only in the weeks the waiting work would run, "
            "and the Scenarios page's capacity what-ifs ('Rank the teams') show where "
            "extra hours pay most before you ask for them."
        )
        other_lines = _other_takers(problem, plan, set(full["department"]))
    else:
        step = (
            f"{head}: more capacity there (a team's own capacity % on "
            "the Constraints page) would let more work in; the Scenarios page's "
            "capacity what-ifs ('Rank the teams') show where extra hours pay most."
        )
        other_lines = _other_takers(problem, plan, set(full["department"]))
    return " ".join([step, *other_lines])


def _other_departments(
    problem: Problem, plan: Plan, ranking: MarginalReport, department: str
) -> list[str]:
    """The ranking's line for each department but ``department`` whose teams may take some
    of the waiting work (:func:`department_line`)."""
    waiting = [problem.project(u.project_id) for u in plan.unassigned]
    lines = []
    for other in dict.fromkeys(v.department for v in ranking.values):
        teams = [t for t in problem.teams if t.department == other]
        if other == department or not any(
            exclusion(problem, p, t) is None for p in waiting for t in teams
        ):
            continue
        line = department_line(problem, plan, ranking, other)
        if line is not None:
            lines.append(f"{line[:-1]} (the Scenarios page's ranking).")
    return lines


def _other_takers(problem: Problem, plan: Plan, full_departments: set[str]) -> list[str]:
    """Before the ranking has run: for each department with no full team whose teams may do
    some of the waiting work, how much of it ("Sales teams may do 5 of the waiting projects
    too (...)"), from the plan alone."""
    lines = []
    for other in dict.fromkeys(t.department for t in problem.teams):
        if other in full_departments:
            continue
        teams = [t for t in problem.teams if t.department == other]
        names = [
            problem.project(u.project_id).name
            for u in plan.unassigned
            if any(exclusion(problem, problem.project(u.project_id), t) is None for t in teams)
        ]
        if names:
            lines.append(
                f"{department_label(other)} teams may do {len(names):,} of the waiting "
                f"projects too ({names_text(names, TAKERS_NAMED)}): the ranking says whether "
                "more hours there pay."
            )
    return lines


def _untaken(problem: Problem, plan: Plan) -> int:
    """How many of the plan's left-out projects no team (or pair) may take at all: the
    explainers' :func:`~planner.explain.rules.eligible_teams` (vectorised: asking each
    project took 15 s at 150 teams x 3,000 projects) and
    :func:`~planner.explain.rules.has_pair`."""
    eligible = eligible_teams(problem, (u.project_id for u in plan.unassigned))
    return sum(not has_pair(problem.project(p), teams) for p, teams in eligible.items())


#: Where a leader reads why no team may take a project.
_LEFT_OUT_SAYS_WHY = "the Plan page's Left out table says why"


def _ranked(best: MarginalValue, full_ids: list[str]) -> str:
    """Where the Scenarios page's ranking finds extra hours pay most, beside the full teams."""
    where = f"{best.name} ({pays_most(best)}, the Scenarios page's ranking)"
    if best.team_id in full_ids:
        return f"Extra hours pay most in {where}: ask for them there first."
    return (
        f"Yet extra hours pay most in {where}: being at capacity is not the same as where "
        "an extra hour buys most, as more hours let in only the waiting work a team has the "
        "skills and stages for, in the weeks it runs. Ask for hours there first."
    )


def _not_proven(problem: Problem, gap: float | None) -> str:
    """A plan the clock stopped: how far it may be from the best, and what more time would do.

    In weeks the distance is mostly the bound's: it counts hours per quarter and
    cannot see how runs of whole weeks pack, so more time rarely closes it
    (bench/results.md, "Weeks"). Saying "raise the time limit" there would send a
    leader waiting for a proof that does not come.
    """
    # In the status line's words ("within 1.0 % of the best possible plan, goals weighed by
    # how much each matters"): "good but not proven best" was the solver's.
    if gap is None:  # stopped before any bound: 0.01 s on the sample planned 6 of 51 projects
        return (
            "The search stopped before it could tell how far this plan is from the best "
            "possible: raise the time limit on the Constraints page."
        )
    if gap <= GOOD_WITHIN:
        head = (
            f"The plan is close to the best possible (within {gap_percent(gap)} of it, "
            f"{measured_on(problem.settings.weights)})"
        )
    else:
        head = (
            f"The plan may be up to {gap_percent(gap)} below the best possible plan "
            f"({measured_on(problem.settings.weights)})"
        )
    head += ", as the search stopped before it could rule out a better one"
    if problem.is_time_phased:
        return (
            f"{head}. In a quarter planned in weeks most of that distance is the limit of what "
            "the planner can rule out, as it cannot see ahead how whole weeks fit together, "
            "so a longer time limit usually changes the plan little."
        )
    return f"{head}: raise the time limit on the Constraints page to let the search finish."


def nothing_planned(ranking: MarginalReport) -> bool:
    """Whether neither the current inputs nor any team's extra hours got a plan (a time
    limit too short for the quarter's size): the ranking has no gain to show."""
    return bool(ranking.values) and not (
        ranking.base.metrics.status.has_plan or any(v.status.has_plan for v in ranking.values)
    )


def ranking_lines(
    problem: Problem, plan: Plan | None, ranking: MarginalReport, *, besides_best: bool = False
) -> list[str]:
    """What the Scenarios page's ranking says, a line a department: the team that gains most
    from more hours (and most per hour, when another), or why none of its teams gains.

    The figures are the ranking's own (the chart's bars and ``planner scenarios marginal``'s
    rows); the waiting projects' hours are the Plan page's left-out reasons' (``pair_hours``).
    ``besides_best``: the lines beside :func:`pays_most`'s sentence on the best team, so the
    best team's department's line only when it adds the team that gains most per hour.
    """
    if nothing_planned(ranking):
        # Nothing planned (a limit too short for the quarter's size): "No sales team gains"
        # said of teams none of whose extra hours had been planned.
        why = ranking.base.reason.rstrip(".") or "no plan was found in time"
        return [
            "No team could be ranked: neither the current inputs nor any team's extra hours "
            f"got a plan ({why})."
        ]
    best = best_capacity(ranking)
    lines = []
    for department in dict.fromkeys(v.department for v in ranking.values):
        line = department_line(problem, plan, ranking, department)
        if line is None:
            continue
        beside = besides_best and best is not None and best.department == department
        if not beside or _gainers(ranking, department)[1] is not None:
            lines.append(line)
    return lines


def department_line(
    problem: Problem, plan: Plan | None, ranking: MarginalReport, department: str
) -> str | None:
    """One department's line of :func:`ranking_lines` (``None`` when it has no team ranked)."""
    ranked = [v for v in ranking.values if v.department == department]
    if not ranked:
        return None
    best, per_hour = _gainers(ranking, department)
    if best is not None:
        line = f"In {department_label(department)}, extra hours pay most in {best.name}: "
        line += pays_most(best)
        if per_hour is not None:
            line += f"; per hour, {per_hour.name} gains most ({pays_most(per_hour)})"
        return line + "."
    head = f"No {department} team gains from {share_percent(ranking.step)} more"
    if plan is None:
        return head + "."
    return f"{head}: {_why_no_gain(problem, plan, ranked, ranking.step)}."


def _gainers(
    ranking: MarginalReport, department: str
) -> tuple[MarginalValue | None, MarginalValue | None]:
    """The department's team that gains most from more hours (the ranking's order: goal
    attainment gained, then score) and, when another, the one that gains most per hour."""
    # Gaining as :func:`best_capacity` reads it: the ranking's score gains.
    gaining = [v for v in ranking.values if v.department == department and (v.gain or 0) > 0]
    if not gaining:
        return None, None
    best, per_hour = gaining[0], max(gaining, key=_per_hour)
    return best, (per_hour if _per_hour(per_hour) > _per_hour(best) else None)


def _per_hour(value: MarginalValue) -> float:
    gain = value.attainment_gain if value.attainment_gain is not None else value.gain
    return (gain or 0.0) / float(value.extra_hours) if value.extra_hours > 0 else 0.0


#: Left-out kinds (``UnassignedKind``'s words) whose project waits on something other than
#: a team's hours over the quarter: its prerequisites, a goal it would not move, or weeks
#: no plan has for it (another team's hours in every week it could run).
_NOT_FOR_HOURS = frozenset(
    {
        "a prerequisite is out",
        "its prerequisites end too late",
        "it would not move the goals",
        "no plan has the weeks for it",
    }
)


def _why_no_gain(problem: Problem, plan: Plan, ranked: list[MarginalValue], step: float) -> str:
    """Why teams that gain nothing from ``step`` more hours gain nothing, grouped: no waiting
    project they may take; their waiting work waits on prerequisites or moves no goal; each
    waiting project needs more than their free hours and the step's together; in weeks, the
    step does not make room in the weeks it would run; or, without weeks, some would fit,
    yet the plan gains nothing from them. The hours are the Plan page's left-out reasons'."""
    load = team_load_frame(problem, plan)
    spare = (load["limit_shown"] - load["planned_shown"]).clip(lower=0)
    free = dict(zip(load["team_id"], spare, strict=True))
    waiting = [(problem.project(u.project_id), u.kind) for u in plan.unassigned]
    groups: dict[str, list[str]] = defaultdict(list)
    figures: dict[str, list[str]] = defaultdict(list)
    more = share_percent(step)
    for value in ranked:
        team = problem.team(value.team_id)
        takes = [p for p, kind in waiting if exclusion(problem, p, team) is None]
        for_hours = [p for p, kind in waiting if p in takes and kind not in _NOT_FOR_HOURS]
        if not takes or not for_hours:
            groups["none" if not takes else "other"].append(team.name)
            continue
        smallest = min(for_hours, key=lambda p: (pair_hours(problem, p, team), p.project_id))
        need = pair_hours(problem, smallest, team)
        room = Fraction(free.get(team.team_id, 0.0)) + Fraction(value.extra_hours)
        if need > room:
            groups["big"].append(team.name)
            figures["big"].append(
                f"{smallest.name} needs {shown_figures.hours(need)}, {team.name} would have "
                f"{shown_figures.hours(room)}"
            )
        elif problem.is_time_phased and smallest.duration_weeks:
            groups["weeks"].append(team.name)
            # The hours a week beside the need a week: "104 h more over the quarter" beside
            # "37.5 h a week" read as room enough; it is 8.5 h in its fullest week.
            limits = week_limits(problem, team.team_id)
            total = sum(limits, Fraction(0))
            most = Fraction(value.extra_hours) * max(limits) / total if total > 0 else Fraction(0)
            figures["weeks"].append(
                f"{smallest.name} needs {a_week(need / smallest.duration_weeks)} a week "
                f"for {plural(smallest.duration_weeks, 'week')}; {team.name} would get "
                f"{shown_figures.hours(value.extra_hours)} more over the quarter, at most "
                f"{a_week(most)} in a week"
            )
        else:
            groups["fit"].append(team.name)
    parts = []
    if names := groups["none"]:
        parts.append(f"none of the projects left out is work {join_names(names)} may do")
    if names := groups["other"]:
        parts.append(
            f"the waiting work {join_names(names)} may do waits on its prerequisites or "
            "would not move the goals, not on hours"
        )
    if names := groups["big"]:
        whose = "its" if len(names) == 1 else "their"
        parts.append(
            f"the projects waiting for {join_names(names)} each need more than {more} adds "
            f"to {whose} free hours ({figures['big'][0]})"
        )
    if names := groups["weeks"]:
        parts.append(
            f"{more} more does not make room for the work waiting for {join_names(names)} "
            f"in the weeks it would run ({figures['weeks'][0]})"
        )
    if names := groups["fit"]:
        parts.append(
            f"{join_names(names)} could fit waiting work in those hours, yet the plan gains "
            f"nothing from it ({_LEFT_OUT_SAYS_WHY})"
        )
    return "; ".join(parts)
