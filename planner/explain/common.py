"""Words and numbers shared by every explanation: how objective changes, names and
lists are written (hours and KPI amounts as planner.core.shown_figures writes them on every
page), and a project's hours and value on one team.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache
from typing import TypeVar

from planner.core.capacity import team_limit_shown
from planner.core.domain import Problem, Project, Result, Status, Team
from planner.core.pairs import pair_hours, pair_of
from planner.core.shared_words import joined, plural
from planner.core.shown_figures import contribution, hours_value
from planner.core.shown_figures import hours as hours_text
from planner.optimizer.eligibility import exclusion

_T = TypeVar("_T")


#: Each term of the optimizer's score, as the "Advanced: the planner's ranking score" panel
#: names it; the Constraints page's priorities (``scenarios.language.PRIORITY_NAMES``) take
#: their names from here.
TERM_NAMES = {
    "attainment": "Goal attainment",
    "value": "Total value",
    "balance": "Workload balance",
    "fit": "Skill fit",
    "stability": "Stability",
    "confidence": "Odds of hitting each target",
}


@dataclass(frozen=True)
class Ahead:
    """A sentence said ahead of the lines it speaks of, in both the forms its builder wrote:
    ``text`` among the lines ("One change fixes the 3 conflicts below: X."), and ``alone``
    on a line of its own, where nothing follows it ("... in the way of a plan: X."; a
    sweep's row shows one sentence).

    A value, not a string: a page, the CLI and the store read ``text``
    (:func:`among_lines`), a sweep's row reads ``alone`` (:func:`on_its_own`), and
    neither is made from the other.
    """

    text: str
    alone: str


#: A sentence of an explanation: plain words, or a fix said ahead of the lines after it.
Sentence = str | Ahead


def one_change_fixes(conflicts: str, change: str, *, label: str = "") -> Ahead:
    """A fix said once ahead of the conflicts it fixes: "One change fixes the 3 conflicts
    below: X.", and on a line of its own, where no conflict follows it, "One change fixes
    the 3 conflicts in the way of a plan: X." (``conflicts``: "the 3 conflicts", "2 of the
    week conflicts"; :mod:`planner.explain.weeks` says it of week conflicts too).
    ``label`` heads both forms ("Change 1: ") where several such fixes are said."""
    return Ahead(
        f"{label}One change fixes {conflicts} below: {change}.",
        f"{label}One change fixes {conflicts} in the way of a plan: {change}.",
    )


def among_lines(sentences: Iterable[Sentence]) -> list[str]:
    """The sentences as they read one after another (a page's list, the CLI, the store)."""
    return [s.text if isinstance(s, Ahead) else s for s in sentences]


def on_its_own(sentence: Sentence) -> str:
    """``sentence`` as it reads on a line of its own: the form its builder wrote for that
    when it points at lines after it (:class:`Ahead`), else the sentence itself."""
    return sentence.alone if isinstance(sentence, Ahead) else sentence


def without_plan(
    status: Status, runtime_s: float, sentences: Sequence[Sentence], num_variables: int = 0
) -> Result:
    """A result without a plan, its reasons ``sentences`` as they read one after another,
    and its first as it reads on a line of its own (``Result.first_alone``) where its
    builder wrote another form for that."""
    reasons = tuple(among_lines(sentences))
    result = Result.without_plan(status, runtime_s, reasons, num_variables)
    first = on_its_own(sentences[0]) if sentences else ""
    return replace(result, first_alone=first) if reasons and first != reasons[0] else result


def signed(amount: Fraction | float) -> str:
    """A change of the optimizer's score, as the Advanced panel signs it: ``+12.35``, ``−0.40``."""
    x = float(amount)
    return f"−{-x:,.2f}" if f"{x:.2f}" not in ("0.00", "-0.00") and x < 0 else f"+{abs(x):,.2f}"


def project_name(problem: Problem, project_id: str) -> str:
    """The project's name in quotes: ``'Spring webinar'``."""
    return f"'{problem.project(project_id).name}'"


def in_progress(problem: Problem, project_id: str) -> bool:
    """Whether a re-plan keeps the project with its team because it is in progress.

    Such a pin is the check-in's, not a leader's rule: it reads "in progress with",
    and its fix is to unlock the project, not to unpin it.
    """
    running = in_progress_with(problem, project_id)
    # A leader's pin to another team makes it a pinned project: its fix is to unpin it.
    return bool(running) and _pinned_to(problem.pins).get(project_id, frozenset()) <= running


@lru_cache(maxsize=4)
def _pinned_to(pins: frozenset[tuple[str, str]]) -> Mapping[str, frozenset[str]]:
    """Project id -> the teams ``pins`` fix it to. Read once per set of pins (a frozenset
    keeps its hash): scanning every pin for each project asked about took 8.7 s of a
    check-in's 3 s re-plan at 5,000 projects, 4,600 of them in progress."""
    found: dict[str, set[str]] = {}
    for project_id, team_id in pins:
        found.setdefault(project_id, set()).add(team_id)
    return {project_id: frozenset(teams) for project_id, teams in found.items()}


def in_progress_with(problem: Problem, project_id: str) -> frozenset[str]:
    """The teams a re-plan keeps the project with because it is in progress (none if not).

    A leader's own pin of the same project to another team stays a pin: the
    two read "pinned to Demand Gen, but it is in progress with Marketing Ops".
    """
    if problem.baseline is None or project_id not in problem.baseline.in_progress:
        return frozenset()
    return frozenset(problem.baseline.owners.get(project_id, frozenset()))


def locked(problem: Problem, project_id: str) -> bool:
    """Whether a check-in's re-plan keeps this work in progress with its team(s) by a lock.

    Work under way that the leader did not unlock: a leader's pin lifted from it
    does not free it, as the re-plan keeps it where it runs, so the fix unlocks it too
    ("unpin it and unlock it"). A loaded scenario has no lock apart from its pins.
    """
    baseline = problem.baseline
    return (
        baseline is not None
        and project_id in baseline.under_way
        and project_id not in baseline.unlocked
    )


def pinned_to(problem: Problem, project_id: str, teams: str) -> str:
    """``'X' is pinned to Content``, or ``'X' is in progress with Content`` at a check-in."""
    how = "is in progress with" if in_progress(problem, project_id) else "is pinned to"
    return f"{project_name(problem, project_id)} {how} {teams}"


def join_names(items: Sequence[str]) -> str:
    """``A``, ``A and B``, ``A, B and C`` (``A; B and C`` when a name has a comma)."""
    return joined(items, "; " if any("," in item for item in items) else ", ")


#: Sentences that start with one of these words get a capital; others start with a name.
_OWN_WORDS = frozenset(
    [
        "a",
        "add",
        "adding",
        "allow",
        "capacity",
        "change",
        "even",
        "give",
        "it",
        "its",
        "let",
        "lift",
        "make",
        "mandatory",
        "no",
        "plan",
        "put",
        "the",
        "there",
        "these",
        "unlock",
        "unpin",
        "why",
    ]
)


def as_sentence(text: str) -> str:
    """The text as a sentence: a full stop, a capital when its first word is in ``_OWN_WORDS``."""
    text = text.strip()
    if not text:
        return text
    if text.split(" ", 1)[0] in _OWN_WORDS:
        text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


def as_cell(problem: Problem, text: str) -> str:
    """A reason as a table cell shows it: a sentence, with a capital and a full stop.

    The reason itself stays as written ("it depends on 'Expo', which is not in the
    plan"), since sentences embed it after a colon or "because"; a table's cell reads
    "It depends on 'Expo', which is not in the plan." A reason that starts with a name
    keeps the name as written (a team called "sdr" stays "sdr").
    """
    return as_cells(problem, [text])[0]


def as_cells(problem: Problem, texts: Iterable[str]) -> list[str]:
    """:func:`as_cell` of each of ``texts``, the names a reason may start with read once (a
    plan.xlsx at 150 teams x 1,500 projects has 1,500 reasons, 316 names and ids each)."""
    names = [n for t in problem.teams for n in (t.name, t.team_id)]
    names += [n for g in problem.goals for n in (g.name, g.goal_id)]
    named = tuple(n for n in names if n)
    cells = []
    for text in texts:
        text = text.strip()
        if text:
            if text[0].islower() and not text.startswith(named):
                text = text[0].upper() + text[1:]
            if not text.endswith((".", "!", "?")):
                text += "."
        cells.append(text)
    return cells


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


#: The most decimals hours deciding a fit are written to (:func:`fit_decimals`).
FIT_DECIMALS_MAX = 4


def fit_decimals(free: Fraction, need: Fraction) -> int | None:
    """The decimals a team's ``free`` hours and the ``need`` set beside them are written
    to, so that the shortfall a leader reads off them is the one there is: one rule for
    every "free for" line, hours that decide a fit written to the precision that shows
    the difference.

    The two take the decimals the shortfall itself is written with (whole from 10 h,
    a tenth below, :func:`~planner.core.shown_figures.hours_value`), and more where those still
    read alike. 198.5 h free for 200 h read "199 h free for its 200 h", 1 h short where
    the team is 1.5 h short; 199.6 h read "200 h free for its 200 h", a shortfall told
    as a fit. ``None`` when the team has room, or whole hours already show the
    shortfall (7.5 h free for 268 h: then the free hours are its row's, :func:`free_shown`).
    """
    free = max(free, Fraction(0))
    if free >= need:
        return None
    short = _shown_decimals(need - free)
    if short == 0 and hours_value(free) < hours_value(need):
        return None
    decimals = max(short, _shown_decimals(free), _shown_decimals(need))
    for places in range(max(decimals, 1), FIT_DECIMALS_MAX + 1):
        if round(float(free), places) < round(float(need), places):
            return places
    return FIT_DECIMALS_MAX


def _shown_decimals(value: Fraction) -> int:
    """The decimals hours are written with as every page writes them: 0 for 1,240 h, 1
    for 7.5 h, 3 for 0.013 h."""
    exponent = Decimal(repr(hours_value(value))).normalize().as_tuple().exponent
    return max(0, -int(exponent))


def free_for(free: Fraction, decimals: int | None) -> str:
    """A team's free hours as a "free for" line writes them (:func:`fit_decimals`)."""
    free = max(free, Fraction(0))
    return hours_to(free, decimals)


def row_free(problem: Problem, team: Team, load: Fraction) -> float:
    """A team's free hours as its row on the Plan page and plan.xlsx's Team load read
    them: its capacity as shown less its planned hours as shown (Demand Gen's 1,378 h less
    1,340 h is 38 h, where its exact 38.5 h read 39 h in one line and 38 h in the next)."""
    return max(team_limit_shown(problem, team) - hours_value(load), 0.0)


def free_shown(
    problem: Problem, team: Team, free: Fraction, load: Fraction, decimals: int | None
) -> str:
    """A team's ``free`` hours beside the hours it lacks room for: as its row reads them
    (:func:`row_free`), or to ``decimals`` where whole hours would hide the shortfall
    (:func:`fit_decimals`). "SDR Team has 843 of 850 h planned, 7 h free" stood above "SDR
    Team has 7.5 h free for its 268 h": one team's free hours, two figures."""
    if decimals is not None:
        return free_for(free, decimals)
    return hours_text(row_free(problem, team, load))


def hours_to(value: Fraction, decimals: int | None) -> str:
    """Hours as every page writes them, or to ``decimals`` places without trailing zeros:
    "199.6 h" free for "its 200 h" (:func:`fit_decimals`)."""
    if decimals is None:
        return hours_text(value)
    return f"{float(value):,.{decimals}f}".rstrip("0").rstrip(".") + " h"


def team_need(
    project: Project,
    team: Team,
    hours: Fraction,
    a_week: str | None = None,
    decimals: int | None = None,
) -> str:
    """The hours ``team`` needs for ``project``, as the left-out reasons say them.

    ``hours`` are the team's own (:func:`~planner.core.pairs.pair_hours`). A
    joint project's hours are the team's share of it; a team's own estimate is said beside
    the project's hours, as the table beside the reason shows them: ``its 220 h``, ``its
    140 h share of this joint project``, ``this project's 220 h (190 h for Demand Gen)``.
    ``a_week``: the team's hours a week as shown, said first, with the project's hours and
    the team's own beside them when they differ: ``its 19 h a week (this project's 220 h,
    190 h for Demand Gen)``. ``decimals``: the hours to that many places, beside free hours
    written so (:func:`fit_decimals`).
    """

    def shown(value: Fraction) -> str:
        return hours_to(value, decimals)

    default = Fraction(project.hours_for(team.department))
    own = hours != default
    share = " share of this joint project" if project.joint else ""
    whole = "share" if project.joint else "project's"
    if a_week is None:
        # The project's hours lead, the team's own beside them.
        whose = f"this {whole}" if own and not project.joint else "its"
        lead, beside = f"{whose} {shown(default)}{share}", ""
    else:
        # The team's hours a week lead, the project's and the team's own beside them.
        lead, beside = f"its {a_week} a week{share}", f"this {whole} {shown(default)}, "
    return lead + (f" ({beside}{shown(hours)} for {team.name})" if own else "")


def prerequisites_left_out(project: Project, owned: Collection[str]) -> list[str]:
    """Rule 8 on a plan: the projects ``project`` depends on that are not among ``owned``
    (the plan's assigned project ids), in ``depends_on``'s order."""
    return [d for d in project.depends_on if d not in owned]


def at_project_limit_words(who: str, team: Team) -> str:
    """``Brand is at its limit of 2 projects`` (rule 6 on a plan), ``who`` the team's name
    or "it"."""
    return f"{who} is at its limit of {plural(team.max_projects or 0, 'project')}"


def project_limit_words(team: Team) -> str:
    """``Brand takes at most 2 projects``: rule 6 on a team, said when there is no plan."""
    return f"{team.name} takes at most {plural(team.max_projects or 0, 'project')}"


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


def at_most(items: Sequence[str], n: int) -> list[str]:
    """The first ``n`` items, then "k more" for the rest (ready for :func:`join_names`)."""
    shown = list(items[:n])
    if len(items) > n:
        shown.append(f"{len(items) - n} more")
    return shown


def covering(
    ordered: Iterable[_T], need: Fraction, hours: Callable[[_T], Fraction], *, at_least: int = 0
) -> list[_T] | None:
    """The first items of ``ordered`` whose hours together reach ``need``.

    Items are taken in the given order until their hours reach ``need`` and
    there are ``at_least`` of them; ``None`` when all of them do not.
    """
    chosen: list[_T] = []
    freed = Fraction(0)
    for item in ordered:
        if freed >= need and len(chosen) >= at_least:
            break
        chosen.append(item)
        freed += hours(item)
    return chosen if freed >= need and len(chosen) >= at_least else None
