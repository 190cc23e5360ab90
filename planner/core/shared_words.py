"""Words every page, command and workbook says alike: a count with its noun (:func:`plural`),
a list (:func:`joined`), funnel stages and departments, and the labels of the figures they
share (a department's share planned, a team's own hours, the two plans of a check-in). The
figures in them are written by :mod:`planner.core.shown_figures`; a solve's status by
:mod:`planner.core.status_words`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence


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


def joined(items: Sequence[str], separator: str = ", ", last: str = "and") -> str:
    """A list inside a sentence: ``A``, ``A and B``, ``A, B and C`` (``last="or"``:
    ``A, B or C``)."""
    if len(items) <= 1:
        return "".join(items)
    return separator.join(items[:-1]) + f" {last} " + items[-1]


def stages_words(stages: Iterable[str]) -> str:
    """Stages inside a sentence: ``awareness, lead generation and nurturing``."""
    return joined([stage_words(s) for s in stages])


def department_words(departments: Iterable[str]) -> str:
    """Departments as labels: ``Marketing``, ``Sales and Marketing`` (``no department``)."""
    return " and ".join(d.capitalize() for d in departments) or "no department"


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

#: What the stability weight (the Check-in page's "How strongly to keep the plan",
#: ``--stability``) means, in the page's words and the commands' help alike: in goal
#: attainment ("adds more than this many points to the goals" read as the score's points).
STABILITY_WORDS = (
    "a project moves to another team only when the percentage points of goal attainment the "
    "move adds to each goal, times how much that goal matters, add up to more than this"
)


__all__ = [
    "BOTH_DEPARTMENTS_LABEL",
    "OWN_HOURS_LABEL",
    "PLANNED_UP_TO",
    "QUARTER_PLANNED_LABEL",
    "STABILITY_WORDS",
    "TEAMS_OWN_HOURS",
    "UP_TO_SHARE",
    "are",
    "counted",
    "department_words",
    "joined",
    "planned_label",
    "planned_up_to",
    "plural",
    "stage_words",
    "stages_words",
]


#: The two plans a check-in's tables set side by side, as every page, workbook and
#: ``planner checkin`` names them: the baseline carried on, and the re-plan. Here, not
#: beside the tables (planner.interfaces.checkin_tables reads pandas), so that the
#: command line's report names them without the heavy libraries (tests/interfaces/
#: test_cli_startup.py).
CARRIED_ON = "If we carry on"
WITH_REPLAN = "With the re-plan"
