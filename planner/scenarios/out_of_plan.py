"""What leaves the plan at a check-in, counted as the Check-in page counts it: the
baseline's projects the re-plan leaves out, those dropped by the leader, and those whose
weeks no longer fit; one wording for the saved note, ``planner checkin`` and Compare.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from planner.core.domain import Plan
from planner.core.shown_figures import names_text
from planner.scenarios.checkin import CheckIn, ProjectStatus


def left_out_by_replan(baseline: Plan, replanned: Plan, checkin: CheckIn) -> tuple[str, ...]:
    """The baseline's projects the re-plan gives no team, sorted: neither done nor marked
    dropped at the check-in (a project in progress let move and left out, one whose weeks
    no longer fit, one the re-plan makes room without)."""
    gone = checkin.ids_with(ProjectStatus.DONE) | checkin.ids_with(ProjectStatus.DROPPED)
    return tuple(sorted(set(baseline.owners()) - set(replanned.owners()) - gone))


#: A project whose weeks no longer fit at a check-in, as the Check-in page counts it.
NO_LONGER_FITS = "no longer able to run in the weeks left"
#: A project the leader marked dropped, as the Check-in page counts it.
DROPPED_BY_YOU = "dropped by you"


@dataclass(frozen=True)
class OutOfPlan:
    """The baseline's projects a check-in's re-plan no longer plans, counted as the
    Check-in page counts them (:func:`out_of_plan`).

    ``left_out``: in the re-plan's quarter, given no team (a change, listed under
    "Changes" with "left out"); ``no_longer_fit``: out of it, their weeks no longer
    fitting; ``dropped``: marked dropped by the leader.
    """

    left_out: tuple[str, ...]
    no_longer_fit: tuple[str, ...]
    dropped: tuple[str, ...]


def out_of_plan(baseline: Plan, replanned: Plan, checkin: CheckIn) -> OutOfPlan:
    """The baseline's projects ``replanned`` no longer plans, as the Check-in page counts
    them: left out by the re-plan (its own plan lists them as left out), no longer able to
    run in the weeks left (not in the re-plan's quarter at all), and dropped by you."""
    out = left_out_by_replan(baseline, replanned, checkin)
    listed = {u.project_id for u in replanned.unassigned}
    mine = set(baseline.owners()) & checkin.ids_with(ProjectStatus.DROPPED)
    return OutOfPlan(
        tuple(p for p in out if p in listed),
        tuple(p for p in out if p not in listed),
        tuple(sorted(mine)),
    )


#: The most projects named in each count of what leaves the plan; the rest counted ("and 4
#: more"), as a check-in's other lists of names are capped.
NAMED_OUT = 3


def out_of_plan_words(out: OutOfPlan, names: Mapping[str, str] | None = None) -> str:
    """What leaves the plan at a check-in, in the Check-in page's words: "1 left out by the
    re-plan, 1 dropped by you, 1 no longer able to run in the weeks left" (the save's note,
    ``planner checkin``'s report, Compare's "What differs").

    The note read "2 left out by the re-plan, 1 marked dropped" where the page listed no
    change and "1 dropped by you, 1 no longer able to run in the weeks left": a project whose
    weeks no longer fit is not the re-plan's doing. The re-plan's count is said even at 0
    ("0 dropped" read as if the plan had lost nothing where it had left out a project let
    move); the others when there are some.

    With ``names`` (project id -> name), each count names its projects, the first
    :data:`NAMED_OUT` of them and how many more: "2 left out by the re-plan ('Webinars';
    'Podcast'), 1 dropped by you ('Field event')" (a leader read the count and could not
    tell which).
    """
    parts = [_counted(out.left_out, "left out by the re-plan", names)]
    if out.dropped:
        parts.append(_counted(out.dropped, DROPPED_BY_YOU, names))
    if out.no_longer_fit:
        parts.append(_counted(out.no_longer_fit, NO_LONGER_FITS, names))
    return ", ".join(parts)


def _counted(ids: Sequence[str], words: str, names: Mapping[str, str] | None) -> str:
    """``ids`` counted in ``words``, named from ``names`` (if given) after the count."""
    count = f"{len(ids)} {words}"
    if names is None or not ids:
        return count
    named = [f"'{names.get(project_id, project_id)}'" for project_id in ids]
    return f"{count} ({names_text(named, NAMED_OUT)})"


def checkin_counts_words(
    checkin: CheckIn, out: OutOfPlan | None = None, names: Mapping[str, str] | None = None
) -> str:
    """A check-in's projects counted, as its saved note and Compare's "What differs" both
    say them: "4 done, 3 in progress, 1 left out by the re-plan, 1 dropped by you".

    With ``out`` (:func:`out_of_plan`), the baseline's projects the re-plan no longer plans
    are counted as the Check-in page counts them, and named with ``names``
    (:func:`out_of_plan_words`); without it (no baseline to read them from), the projects
    marked dropped only: "1 dropped by you".
    """
    done, going, dropped = (
        len(checkin.ids_with(s))
        for s in (ProjectStatus.DONE, ProjectStatus.IN_PROGRESS, ProjectStatus.DROPPED)
    )
    said = f"{dropped} {DROPPED_BY_YOU}" if out is None else out_of_plan_words(out, names)
    return f"{done} done, {going} in progress, {said}"
