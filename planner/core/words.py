"""Plain words inside a sentence: a count with its noun (:func:`plural`), a list
(:func:`joined`), funnel stages and departments, and a solve's status as a leader reads
it (:func:`status_label`, :func:`status_sentence`). The figures in them are written by
:mod:`planner.core.shown_figures`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol

from planner.core.shown_figures import gap_percent, percent


class Weighing(Protocol):
    """What :func:`measured_on` reads of the settings' weights: a
    :class:`planner.core.settings.Weights`, not imported here (the settings' errors are
    worded by this module, and imports flow one way)."""

    @property
    def attainment(self) -> float: ...
    @property
    def value(self) -> float: ...
    @property
    def confidence(self) -> float: ...


def week_entry_words(num_weeks: int) -> str:
    """How a calendar row's week is written, said where a leader types one (the Data page's
    Calendar grid, the Constraints page's "a team's weeks"): a VP who gave the SDR Team an
    off-site "from week 6" typed 6, and nothing said it changes week 6 alone."""
    if num_weeks < 2:
        return "Week 1: the quarter has one week."
    pair = "7-8" if num_weeks >= 8 else "1-2"
    first = min(6, num_weeks - 1)
    return (
        f"A week 1-{num_weeks}, or a range such as {pair}. One week changes that week only: "
        f"from week {first} to the quarter's end is {first}-{num_weeks}."
    )


def plural(n: int, noun: str) -> str:
    """``1 project``, ``2 projects``, ``1,200 weeks``."""
    return f"{n} {noun}" if n == 1 else f"{n:,} {noun}s"


def counted(*counts: tuple[int, str]) -> str:
    """``6 teams, 1 estimate, 8 calendar rows``: each count with its noun (:func:`plural`)."""
    return ", ".join(plural(n, noun) for n, noun in counts)


def are(n: int) -> str:
    """The verb after :func:`plural`: ``1 project is``, ``2 projects are``."""
    return "is" if n == 1 else "are"


def stage_words(stage: str) -> str:
    """A funnel stage inside a sentence: ``lead_generation`` -> ``lead generation``."""
    return stage.replace("_", " ").replace("-", " ").strip()


def joined(items: Sequence[str], separator: str = ", ") -> str:
    """A list inside a sentence: ``A``, ``A and B``, ``A, B and C``."""
    if len(items) <= 1:
        return "".join(items)
    return separator.join(items[:-1]) + " and " + items[-1]


def stages_words(stages: Iterable[str]) -> str:
    """Stages inside a sentence: ``awareness, lead generation and nurturing``."""
    return joined([stage_words(s) for s in stages])


def department_words(departments: Iterable[str]) -> str:
    """Departments as labels: ``Marketing``, ``Sales and Marketing`` (``no department``)."""
    return " and ".join(d.capitalize() for d in departments) or "no department"


#: A solve's outcome as a leader reads it. A plan short of proven best was stopped by the
#: clock, by the leader, or kept close to the current plan on purpose; a saved scenario
#: records only the last (``Metrics.kept_close``, which the status line of a loaded one
#: reads), so these words claim no cause ("time ran out" was said of a what-if that had
#: moved as little as it could in 0.3 s), nor a quality the bound does not show ("Good"
#: was said of a plan cut short at 0.01 s, 15 % of the goals' targets, no bound known).
#: "Optimal: best possible (proven in 0.57 s)" spoke the solver's words ("optimal",
#: "proven") on every page and the sidebar: a leader reads the best plan possible, or the
#: best found and how far short of the best possible it may be.
SOLVE_STATUS_WORDS = {
    "optimal": "The best plan possible",
    "feasible": "The best plan found",
    "infeasible": "No plan meets every rule",
    "no plan found": "No plan found in time",
}


#: Both departments' planned hours as a share of their capacity in force (a scenario's
#: utilisation), named as the Overview's cards name each department's ("Marketing
#: capacity", "84.7 % planned"): "Utilisation, both departments" read as another kind of
#: figure than theirs. The Scenarios page, ``planner scenarios`` and comparison.xlsx.
BOTH_DEPARTMENTS_LABEL = "Sales and Marketing, % planned"
#: The same share over the whole quarter of a saved check-in: the weeks gone's hours used
#: and the re-plan's, as ``planner scenarios show`` and its plan.xlsx's Summary head it
#: ("utilisation of the quarter (hours used + re-planned), both departments" named it
#: otherwise than the pages).
QUARTER_PLANNED_LABEL = "Sales and Marketing, % of the quarter planned (hours used + re-planned)"


def planned_label(department: str) -> str:
    """One department's share of its capacity planned, as plan.xlsx's Summary names it beside
    :data:`BOTH_DEPARTMENTS_LABEL`: "Marketing, % planned", the Overview card's "Marketing
    capacity · 84.7 % planned" (it read "Marketing utilisation (%)")."""
    return f"{department.capitalize()}, % planned"


#: A what-if kept close to the current plan, short of proven best on purpose. "The current
#: plan" named another plan once it was saved: the Scenarios list, Compare's "Outcome of A"
#: and ``planner scenarios list`` read it beside whichever plan was current then.
KEPT_CLOSE_WORDS = "Kept close to the previous plan"
#: The plan the pages show, which a what-if starts from and the sweep's changes count
#: against: the Scenarios page's sweep and ``planner scenarios sweep`` of a data folder
#: name it so ("the plan in force" was the planner's word for it).
CURRENT_PLAN = "the current plan"

#: A project a plan gives no team, against the plan before (Compare's and a what-if's
#: change): "left out", never "dropped", which is a project the leader dropped at a
#: check-in (SPEC "The quarter's weeks").
LEFT_OUT = "left out"
#: The share of its hours the plan may fill of each team (settings.toml's ``max_utilization``),
#: named as the Constraints page's slider names it ("Plan each team up to this share of its
#: hours"): the cards' help, plan.xlsx's Summary, the basis line, Compare and the
#: explanations said "max utilisation", a name the page nowhere shows.
UP_TO_SHARE = "the share of its hours each team is planned up to"
#: How a sentence says that share at a figure: "each team is planned up to 10 % of its hours".
PLANNED_UP_TO = "planned up to"


def planned_up_to(share: str) -> str:
    """The share of its hours each team is planned up to, said at ``share`` ("10 %")."""
    return f"each team is {PLANNED_UP_TO} {share} of its hours"


#: A team's hours as the Data page's Teams table holds them (teams.csv's capacity_hours),
#: before the calendar, the capacity % and the max utilisation: one name on the Data grid,
#: Check-in, the cards, the charts, plan.xlsx and the CLI (it was "Own hours (h, Teams
#: table)" in one place, "the teams' own hours" in another).
OWN_HOURS_LABEL = "Own hours in the quarter"
#: A team's hours in the quarter with the Calendar's weeks (holidays, hires) in place of a
#: week's share of its own hours, before the capacity % and the max utilisation: the
#: Constraints page's per-team column. It was headed "Hours", and read 1,379 for Demand Gen
#: beside the Data page's "Own hours in the quarter" 1,400; its help says which hours they
#: are. Short: "Hours after the calendar" pushed the table 99 px past a 1280 px laptop's
#: window (tests/app/test_browser_laptop.py), "Calendar hours" 48 px.
CALENDAR_HOURS_LABEL = "Hours"
#: The same hours of several teams, in a sentence: "the teams' own hours in the quarter".
TEAMS_OWN_HOURS = "the teams' own hours in the quarter"
#: What a kept-close plan's tolerance ("within 0.5 %") is measured on, in a leader's words:
#: the goals' attainment, each weighed by how much it matters (the planner's ranking score,
#: whose name stays in the Overview's "Advanced" expander). Bare, "within 0.5 %" beside
#: "85.6 %" read as attainment points; "on the planner's ranking score" was jargon.
WEIGHED_GOALS = "goals weighed by how much each matters"
#: What the plans are measured on beside the goals (or instead of them), by the weight that
#: counts it, in the words the score's name uses for it.
_MEASURES = (
    ("value", "the projects' value in their KPI units"),
    ("confidence", "each goal's odds of reaching its target"),
)


def measured_on(weights: Weighing | None = None) -> str:
    """What "within 0.5 % of the best possible plan" is measured on, under ``weights``
    (``None``: the defaults', :data:`WEIGHED_GOALS`): "goals weighed by how much each
    matters" was said under weights that count the projects' value alone, where the goals'
    weights count for nothing."""
    if weights is None:
        return WEIGHED_GOALS
    others = [words for name, words in _MEASURES if getattr(weights, name)]
    if weights.attainment:
        return joined([WEIGHED_GOALS, *others])
    if others:
        return f"measured on {joined(others)}"
    return "measured on the plan's score"


#: What the stability weight (the Check-in page's "How strongly to keep the plan",
#: ``--stability``) means, in the page's words and the commands' help alike: in goal
#: attainment ("adds more than this many points to the goals" read as the score's points).
STABILITY_WORDS = (
    "a project moves to another team only when the percentage points of goal attainment the "
    "move adds to each goal, times how much that goal matters, add up to more than this"
)


def status_label(status: str, kept_close: float | None = None) -> str:
    """A solve's status in words: ``infeasible`` -> ``No plan meets every rule``.

    ``kept_close``, the tolerance of a what-if kept close to the current plan (a
    saved scenario's ``Metrics.kept_close``), names the cause as the status line does.
    """
    if status == "feasible" and kept_close is not None:
        return KEPT_CLOSE_WORDS
    return SOLVE_STATUS_WORDS.get(status, status.capitalize())


def short_of_best(gap: float | None, weights: Weighing | None = None) -> str:
    """How close to the best possible a plan found is (``gap`` a fraction, ``None`` when no
    bound is known): ``within 0.2 % of the best possible plan, goals weighed by how much
    each matters``.

    Said with what it is measured on (:data:`WEIGHED_GOALS`), as the kept-close line says
    its tolerance: "at most 5.1 % short of the best possible plan" beside "85.6 %" goal
    attainment read as attainment points, and the planner's score it is measured on was
    not said.
    """
    if gap is None:
        return "how close it is to the best possible plan is not known"
    return f"within {gap_percent(gap)} of the best possible plan, {measured_on(weights)}"


def status_words(
    status: str,
    gap: float | None = None,
    kept_close: float | None = None,
    weights: Weighing | None = None,
) -> str:
    """:func:`status_label`, and for a plan found short of proven best how far short it may
    be, as :func:`status_sentence` says it without the seconds: ``planner checkin`` and
    ``scenarios`` said "The best plan found" alone, the distance only in the optimizer's
    points."""
    label = status_label(status, kept_close)
    found = status == "feasible" and kept_close is None
    return f"{label}; {short_of_best(gap, weights)}" if found else label


def status_sentence(
    status: str,
    runtime_s: float,
    gap: float | None = None,
    kept_close: float | None = None,
    weights: Weighing | None = None,
) -> str:
    """A solve's outcome in one line, led by :func:`status_label`'s words.

    ``status`` is the status' value (``optimal``...); ``gap`` the distance to the best
    bound, as a fraction; ``kept_close`` the tolerance of a what-if kept close to the
    current plan (its distance from the best plan is a choice, not the clock's);
    ``weights`` the weights in force, which say what that distance is measured on
    (:func:`measured_on`).
    """
    seconds = f"{runtime_s:.2f} s"
    label = status_label(status)
    if status == "optimal":
        # "checked in 0.20 s" read, beside a page named Check-in, as a check-in: the seconds
        # are the planning's, as the kept-close line and the Scenarios detail say them.
        return f"{label} for these inputs (planned in {seconds})"
    if status == "feasible" and kept_close is not None:
        # Of the best plan only when the bound proves it (the fresh re-plan proven best, as
        # on the sample); else of the re-plan from scratch, which the clock stopped.
        proven = gap is not None and gap <= kept_close + 1e-9
        of = "the best plan these settings allow" if proven else "a re-plan from scratch"
        return (
            f"{KEPT_CLOSE_WORDS}: as few changes as possible, within "
            f"{percent(100 * kept_close)} of {of}, {measured_on(weights)} (planned in {seconds})"
        )
    if status == "feasible":
        # No cause claimed: the clock, the leader's Stop, or a kept what-if loaded back.
        return f"{label} in {seconds}; {short_of_best(gap, weights)}"
    if status == "infeasible":
        return label
    return f"{label} ({seconds})"


__all__ = [
    "BOTH_DEPARTMENTS_LABEL",
    "KEPT_CLOSE_WORDS",
    "OWN_HOURS_LABEL",
    "PLANNED_UP_TO",
    "QUARTER_PLANNED_LABEL",
    "SOLVE_STATUS_WORDS",
    "STABILITY_WORDS",
    "TEAMS_OWN_HOURS",
    "UP_TO_SHARE",
    "WEIGHED_GOALS",
    "are",
    "counted",
    "department_words",
    "joined",
    "measured_on",
    "planned_label",
    "planned_up_to",
    "plural",
    "short_of_best",
    "stage_words",
    "stages_words",
    "status_label",
    "status_sentence",
    "status_words",
]


#: The two plans a check-in's tables set side by side, as every page, workbook and
#: ``planner checkin`` names them: the baseline carried on, and the re-plan. Here, not
#: beside the tables (planner.interfaces.checkin_tables reads pandas), so that the
#: command line's report names them without the heavy libraries (tests/interfaces/
#: test_cli_startup.py).
CARRIED_ON = "If we carry on"
WITH_REPLAN = "With the re-plan"
