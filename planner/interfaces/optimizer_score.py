"""The optimizer's score, for the leader who opens "Advanced": what its points are made of.

The pages head every plan with goal attainment, hours and projects. The
optimizer ranks plans by one number, the weighted sum of SPEC's ``[weights]``
terms, in points. A leader who opens Advanced reads that number once, labelled
as the optimizer's, and each term tied to the figures the pages show: the
attainment term is the headline's goal attainment times the goals' weights
added up, the balance term the busiest team's load. A term whose weight is 0
adds nothing and is not listed.

The command line says the score and the best possible in one line of its own, marked for
analysts and after everything a leader reads (:func:`analysts_line`), the same in ``solve``,
``checkin`` and ``scenarios``; whether the plan is the best possible is the status line's.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from planner.core.capacity import what_if_capacity
from planner.core.domain import Problem, Result, Status
from planner.core.identifiers import markdown_literal
from planner.core.settings import Weights
from planner.core.shared_words import joined
from planner.core.shown_figures import NO_FIGURE, Number, gap_percent, percent
from planner.explain.score_terms import TERM_NAMES
from planner.scenarios.metrics import PlanMetrics

#: A term is tied to a page's figure only when the figure gives it back to this many points.
_MATCH = 0.01


#: The score's decimals in the app, on the command line and in plan.xlsx alike (SPEC "One
#: way to write each figure"): the CLI printed 1,407.0108 points beside the app's 1,407.01.
SCORE_DECIMALS = 2
#: A score's spreadsheet cell, as :func:`score` writes it.
SCORE_FORMAT = "#,##0." + "0" * SCORE_DECIMALS


def score_value(objective: Number | None) -> float | None:
    """The score (or its bound) as :func:`score` shows it; ``None`` when unknown."""
    if objective is None or not math.isfinite(float(objective)):
        return None
    return round(float(objective), SCORE_DECIMALS) + 0.0


def score(objective: Number | None) -> str:
    """The optimizer's score in points: ``1,407.01`` (``–`` when unknown)."""
    shown = score_value(objective)
    return NO_FIGURE if shown is None else f"{shown:,.{SCORE_DECIMALS}f}"


@dataclass(frozen=True)
class ScoreText:
    """The score in words (Markdown, a team's name escaped): a headline, then each term."""

    headline: str
    terms: tuple[str, ...]


#: The score's name on the command line, with what it is made of in a leader's words: "the
#: optimizer's score, for specialists" told a CMO the line was not for her, and not what
#: the points are. Built from the weights in force (:func:`score_name`); this is the default
#: settings' name.
SCORE_NAME = (
    "the plan's score (goal attainment × how much each goal matters, "
    "plus small adjustments for even workloads and skill fit)"
)
#: What each weighted term adds, as the score's name says it.
_MAIN_TERMS = (
    ("attainment", "goal attainment × how much each goal matters"),
    ("value", "the projects' value in their KPI units"),
    ("confidence", "each goal's odds of reaching its target"),
)
#: What each weighted term adds in a quarter without goals: only the value term does.
_GOAL_LESS_TERMS = (("value", "the projects' values as projects.csv gives them"),)
#: What a quarter without goals adds to the score in their stead.
_NO_GOALS = "no goals to reach"
_ADJUSTMENTS = (
    ("balance", "even workloads"),
    ("fit", "skill fit"),
    ("stability", "keeping projects where the plan had them"),
)


def score_name(weights: Weights | None = None, goals: bool = True) -> str:
    """The score's name with what the ``weights`` in force make it of (the defaults'
    :data:`SCORE_NAME` without them): "plus small adjustments for even workloads and
    skill fit" read wrong under a value weight, a stability weight or raised balance.

    Without ``goals`` (a quarter with no goals.csv) no goal's attainment or odds adds to
    it, and a value is no KPI's: "goal attainment × how much each goal matters" named a
    figure the quarter does not have."""
    w = Weights() if weights is None else weights
    terms = _MAIN_TERMS if goals else _GOAL_LESS_TERMS
    main = [words for name, words in terms if getattr(w, name)]
    tweaks = [words for name, words in _ADJUSTMENTS if getattr(w, name)]
    default = Weights()
    small = w.balance <= default.balance and w.fit <= default.fit and not w.stability
    parts = joined(main)
    if tweaks:
        said = f"{'small ' if small else ''}adjustments for {joined(tweaks)}"
        if parts:
            parts = f"{parts}, plus {said}"
        else:
            parts = said if goals else f"{_NO_GOALS}, so only {said}"
    elif not goals and not parts:
        parts = _NO_GOALS
    return f"the plan's score ({parts})" if parts else "the plan's score"


def score_words(objective: float | None, weights: Weights | None = None, goals: bool = True) -> str:
    """The score as the command line says it: ``the plan's score (...): 1,407.01``
    (:func:`score_name` of the ``weights`` in force; :func:`score`, as the app writes it).
    Bare, the figure read as one of the plan's beside its goal attainment; "the planner's
    ranking score ...: 1,407.01 points" named it and its unit in the solver's words."""
    return f"{score_name(weights, goals)}: {score(objective)}"


#: How the command line marks the score's line, as the app keeps the score under "Advanced":
#: "the planner's ranking score ...: 1,407.01 points" and "proven the best: no plan can score
#: more" between a plan's capacity and its projects were read by a CMO as figures of the plan,
#: and said in points what the status line had said in her words.
ANALYSTS_MARK = "Advanced, for analysts"


def analysts_line(
    objective: float | None,
    bound: float | None,
    weights: Weights | None = None,
    of: str = "",
    gap: float | None = None,
    goals: bool = True,
) -> str | None:
    """The score and the best score possible, as the command line ends a report with them:
    ``Advanced, for analysts: the plan's score (...): 1,407.01 (best possible:
    1,407.01)``; ``None`` without a plan.

    ``of`` follows the score's figure (a re-plan's `` on the weeks and targets left``). How
    far short of the best possible a plan may be, and whether it is the best, is said by the
    status line in a leader's words, so not again here; a ``gap`` given is one the status
    line does not say (a what-if kept close gives its tolerance there, as a limit): ``(best
    possible: 1,408.20; this plan measured at most 0.1 % below it)``, unless it is 0 (the
    plan is the best).
    """
    if score_value(objective) is None:
        return None
    best = score_value(bound)
    most = "unknown" if best is None else score(best)
    # A plan proven the best (gap 0) is not "at most 0.0 % below it": the status says so.
    if best is not None and gap is not None and gap > 0:
        most += f"; this plan measured at most {gap_percent(gap)} below it"
    score_said = score_words(objective, weights, goals)
    return f"{ANALYSTS_MARK}: {score_said}{of} (best possible: {most})"


def analysts_details(
    details: Sequence[str], weights: Weights | None = None, goals: bool = True
) -> list[str]:
    """A project's share of the score as ``planner explain --details`` ends with it, marked
    and named as :func:`analysts_line` says the score: "details:" then "Its share of the
    score: +22.15 points" named neither whose score nor that the lines are for analysts.
    Said when no part of the score is behind the answer, or the flag seems to do nothing."""
    name = score_name(weights, goals)
    if not details:
        return [f"{ANALYSTS_MARK}: {name}: no part of it is behind this answer"]
    return [f"{ANALYSTS_MARK}: {name}, part by part:", *(f"  {line}" for line in details)]


def score_text(
    problem: Problem, result: Result, metrics: PlanMetrics, kept_close: float | None = None
) -> ScoreText | None:
    """The optimizer's score of ``result`` in words, ``None`` when there is no plan.

    ``kept_close``: the tolerance of a what-if kept close to the previous plan, which the
    status line says as the limit it is; the distance measured here is said to be another.

    ``metrics`` are the plan's figures as the pages show them
    (:func:`planner.scenarios.metrics.result_metrics`).
    """
    if result.objective is None:
        return None
    return ScoreText(_headline(result, kept_close), _terms(problem, result, metrics))


def _signed(x: float) -> str:
    return f"+{x:,.2f}" if x >= 0 else f"−{-x:,.2f}"


def _headline(result: Result, kept_close: float | None = None) -> str:
    assert result.objective is not None
    head = (
        "The planner ranks plans by this score (for analysts; the pages read "
        f"goal attainment, hours and projects). This plan scores **{score(result.objective)}**"
    )
    seconds = f"{result.runtime_s:.2f} s"
    if result.status == Status.OPTIMAL:
        return f"{head}, and no plan can score more: proven the best in {seconds}."
    if result.bound is None or result.gap is None:
        return f"{head}; the most any plan could score is not known ({seconds})."
    # Beside the status line's "allowed to fall up to 0.5 % short" a CMO read the measured
    # distance ("at most 0.4 % below the best") and the kept-close limit as one figure; "so,
    # measured, it is at most 0.4 %" and "is another figure: how far short ..." were read
    # twice before they said which figure is which.
    limit = (
        ""
        if kept_close is None
        else f" The status line's {percent(100 * kept_close)} is not this distance but a limit: "
        "the most a plan kept close to the previous one may fall short of the best, so that "
        "it moves fewer projects."
    )
    return (
        f"{head}; no plan can score more than {score(result.bound)}, so this plan measures at "
        f"most {gap_percent(result.gap)} below the best ({seconds}).{limit}"
    )


def _terms(problem: Problem, result: Result, metrics: PlanMetrics) -> tuple[str, ...]:
    if result.breakdown is None:
        return ()
    weights = problem.settings.weights
    signed = result.breakdown.signed()
    lines = []
    for name, term in signed.items():
        weight = float(getattr(weights, name))
        if weight == 0 and term == 0:
            continue
        if name == "attainment" and not problem.goals and term == 0:
            continue  # "Goal attainment +0.00: each goal's ..." in a quarter with no goals
        head = f"**{TERM_NAMES.get(name, name)}** {_signed(float(term))}"
        why = _why(name, float(term), weight, problem, metrics)
        lines.append(f"{head}: {why}")
    return tuple(lines)


def _why(name: str, term: float, weight: float, problem: Problem, metrics: PlanMetrics) -> str:
    times = "" if weight == 1 else f", × {weight:g} (its priority)"
    if name == "attainment":
        total = float(sum((Fraction(g.weight) for g in metrics.goals), Fraction(0)))
        pct = metrics.attainment_pct
        if pct is not None and abs(weight * pct * total - term) <= _MATCH:
            return (
                f"the plan's {_attainment_tying(pct, weight * total, term)} goal attainment × "
                f"{total:,g}, the goals' weights (how much each matters) added up{times}"
            )
        return f"each goal's attainment in % of target, at most 100, × its weight{times}"
    if name == "balance":
        busiest = _busiest(problem, metrics)
        if busiest is not None and abs(weight * busiest[1] - (-term)) <= _MATCH:
            return (
                f"taken away for the busiest team, {markdown_literal(busiest[0])} at "
                f"{percent(busiest[1])} of "
                f"its hours{times}, so that the work spreads"
            )
        return f"taken away for the busiest team's load{times}, so that the work spreads"
    return {
        "value": f"the value of the projects in the plan added up{times}",
        "fit": "a small bonus for skills above a project's minimum and for a team's own "
        f"stages{times}",
        "stability": f"taken away for each project moved off the current plan{times}",
        "confidence": f"each goal's chance of reaching its target × its weight{times}",
    }.get(name, f"× {weight:g}")


def _attainment_tying(pct: float, factor: float, term: float) -> str:
    """The goal attainment to as many decimals as it takes for ``pct`` × ``factor`` to read the
    term as shown: the cards' "85.6 %" × 16.5 gives 1,412.40 beside the term's +1,412.73, so
    the line reads "85.62 % (85.6 % on the cards)"."""
    for decimals in range(1, 7):
        if round(round(pct, decimals) * factor, SCORE_DECIMALS) == round(term, SCORE_DECIMALS):
            break
    if decimals == 1:
        return percent(pct)
    return f"{pct:,.{decimals}f} % ({percent(pct)} on the cards)"


def _busiest(problem: Problem, metrics: PlanMetrics) -> tuple[str, float] | None:
    """The busiest team and its load as the balance term measures it, in % of its hours.

    The term's own base (:func:`~planner.core.capacity.what_if_capacity`: hours x
    what-if multiplier, SPEC ``[weights] balance``), not the share max utilisation leaves
    a team. Among the teams that may plan some hours (a capacity in force above 0).
    """
    loads = []
    for t in metrics.teams:
        if t.in_force_hours > 0:
            capacity = what_if_capacity(problem, problem.team(t.team_id))
            loads.append((t.name, float(100 * Fraction(t.planned_hours) / capacity)))
    return max(loads, key=lambda x: x[1]) if loads else None
