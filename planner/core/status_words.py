"""A solve's status as a leader reads it (:func:`status_label`, :func:`status_sentence`):
the best plan possible, the best found and how far short of the best possible it may be,
and what that distance is measured on (:func:`measured_on`). The figures in them are
written by :mod:`planner.core.shown_figures`, the lists by :mod:`planner.core.shared_words`.
"""

from __future__ import annotations

from typing import Protocol

from planner.core.shared_words import joined
from planner.core.shown_figures import gap_percent, percent


class Weighing(Protocol):
    """What :func:`measured_on` reads of the settings' weights: a
    :class:`planner.core.settings.Weights`, not imported here (the settings' errors are
    worded by :mod:`planner.core.shared_words`, and imports flow one way)."""

    @property
    def attainment(self) -> float: ...
    @property
    def value(self) -> float: ...
    @property
    def confidence(self) -> float: ...


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


#: A what-if kept close to the current plan, short of proven best on purpose. "The current
#: plan" named another plan once it was saved: the Scenarios list, Compare's "Outcome of A"
#: and ``planner scenarios list`` read it beside whichever plan was current then.
KEPT_CLOSE_WORDS = "Kept close to the previous plan"

#: A plan the leader stopped ("Stop and keep the best plan so far"), short of proven best.
#: Not "when you asked": the app's solves are shared by every browser on the same inputs,
#: so one leader's stopped plan is what another opening those inputs is shown.
STOPPED_WORDS = "Stopped on request, the best plan so far kept"

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


def allowed_short(tolerance: float) -> str:
    """A kept-close plan's tolerance as the limit it is, not a distance measured: "allowed
    to fall up to 0.5 % short of". "Within 0.5 % of the best plan" in the status line, beside
    the Advanced panel's measured "at most 0.4 % below the best", read as one figure."""
    return f"allowed to fall up to {percent(100 * tolerance)} short of"


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
    time_limit_s: float | None = None,
    stopped: bool = False,
) -> str:
    """A solve's outcome in one line, led by :func:`status_label`'s words.

    ``status`` is the status' value (``optimal``...); ``gap`` the distance to the best
    bound, as a fraction; ``kept_close`` the tolerance of a what-if kept close to the
    current plan (its distance from the best plan is a choice, not the clock's);
    ``weights`` the weights in force, which say what that distance is measured on
    (:func:`measured_on`); ``time_limit_s`` the seconds the solve was given, said beside a
    plan short of proven best and beside no plan (:func:`of_the_limit`); ``stopped`` that the
    leader stopped the solve (:data:`STOPPED_WORDS` lead a plan short of proven best).
    """
    seconds = f"{runtime_s:.2f} s"
    label = status_label(status)
    if status == "feasible" and stopped:
        # Said whatever the tolerance: a what-if stopped 1 s in read "Kept close to the
        # previous plan: as few changes as possible ... (planned in 4.23 s)", no word of
        # the Stop, and the fewest changes were not looked for to the end.
        return (
            f"{STOPPED_WORDS}: the best plan found in {seconds}{of_the_limit(time_limit_s)}; "
            f"{short_of_best(gap, weights)}"
        )
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
            f"{KEPT_CLOSE_WORDS}: as few changes as possible, {allowed_short(kept_close)} "
            f"{of}, {measured_on(weights)} (planned in {seconds})"
        )
    if status == "feasible":
        # No cause claimed: the clock, the leader's Stop, or a kept what-if loaded back.
        return f"{label} in {seconds}{of_the_limit(time_limit_s)}; {short_of_best(gap, weights)}"
    if status == "infeasible":
        return label
    return f"{label} ({seconds}{of_the_limit(time_limit_s, ';')})"


def of_the_limit(time_limit_s: float | None, joint: str = "") -> str:
    """The time limit a solve was given, after its seconds: `` (time limit 10 s)``, or
    ``; time limit 10 s`` inside brackets (``joint``); empty when it is not known.

    A plan the clock may have stopped depends on it: an app solve at 10 s and a CLI solve
    at 20 s of one quarter read 91.0 % and 95.0 %, each "The best plan found", and
    nothing on either said which limit it had."""
    if time_limit_s is None:
        return ""
    limit = f"time limit {time_limit_s:g} s"
    return f"{joint} {limit}" if joint else f" ({limit})"


__all__ = [
    "KEPT_CLOSE_WORDS",
    "SOLVE_STATUS_WORDS",
    "STOPPED_WORDS",
    "WEIGHED_GOALS",
    "allowed_short",
    "measured_on",
    "of_the_limit",
    "short_of_best",
    "status_label",
    "status_sentence",
    "status_words",
]
