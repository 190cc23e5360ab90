"""A scenario: a named snapshot of inputs, settings and the plan they produced.

A :class:`Scenario` carries its headline row (:class:`Metrics`, as the scenario
list shows and compares it: :func:`headline_metrics`, read from
:func:`~planner.scenarios.metrics.plan_metrics`), its name and note (checked
here: :func:`check_name`, :func:`check_note`), its parent, and for a check-in's
re-plan the check-in and the goals it found met. :func:`new_scenario` makes one
to save; a re-plan's row reads the whole quarter (:func:`quarter_end_metrics`).

Pure domain logic: :mod:`planner.scenarios.storage` saves and loads scenarios;
nothing here touches the database or imports Streamlit.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from fractions import Fraction

from planner.core.capacity import team_limit
from planner.core.domain import Plan, Problem, Result, Status
from planner.core.identifiers import escaped, name_key, undecodable, utf8_typed
from planner.scenarios.checkin import CheckIn, ProjectStatus
from planner.scenarios.checkin_goals import quarter_attainment, quarter_forecast
from planner.scenarios.met_goals import MetGoal, met_goals
from planner.scenarios.metrics import result_metrics, utilisation_pct

#: Longest name a scenario may have (it is shown in lists and charts).
MAX_NAME_LENGTH = 200
#: Longest note a scenario may have.
MAX_NOTE_LENGTH = 10_000


# ---------------------------------------------------------------------------
# Value objects
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Metrics:
    """A scenario's headline figures, as listed and compared.

    ``attainment_pct`` is the goals' weighted mean attainment, each goal
    capped at 100 % as the objective counts it; ``utilisation_pct`` is all
    planned hours over all capacity in force. Both are ``None`` without a
    plan or without goals/capacity; so are the counts without a plan.
    ``kept_close`` is the tolerance of a what-if kept close to the current plan
    (its distance from the best plan is a choice, not the clock's),
    ``None`` for any other solve.
    """

    status: Status
    objective: float | None = None
    bound: float | None = None
    gap: float | None = None
    seconds: float = 0.0
    attainment_pct: float | None = None
    utilisation_pct: float | None = None
    num_assigned: int | None = None
    num_unassigned: int | None = None
    reasons: tuple[str, ...] = ()
    kept_close: float | None = None


@dataclass(frozen=True)
class ScenarioSummary:
    """One saved scenario as the list shows it: identity, lineage and metrics."""

    scenario_id: int
    name: str
    note: str
    created_at: datetime
    parent_id: int | None
    metrics: Metrics
    parent_name: str | None = None
    #: Each goal's (id, name, weight), by id: read by the list only (``None`` elsewhere).
    goal_weights: tuple[tuple[str, str, float], ...] | None = None


@dataclass(frozen=True)
class WeighedApart:
    """A listed scenario that weighs some goal otherwise than most listed scenarios do:
    its goal attainment is by its own weights, not beside theirs. ``goals`` holds each
    such goal's (name, its weight, the others' weight)."""

    scenario_id: int
    name: str
    goals: tuple[tuple[str, float, float], ...]


def weighed_apart(summaries: Sequence[ScenarioSummary]) -> tuple[WeighedApart, ...]:
    """The listed scenarios whose goal weights differ from the weights most of them share
    (on a tie, the oldest scenario's), in the list's order; none when all weigh alike.

    A what-if that made MQLs weigh 10 where Base weighs 2 read 89.0 % beside Base's
    85.6 % in the list, as if better on the same yardstick. Only goals both have are
    compared; a check-in's re-plan is left out (its weights are for the target left).
    """
    read = [s for s in summaries if s.goal_weights]
    signatures = {s.scenario_id: _signature(s) for s in read}
    if len(set(signatures.values())) < 2:
        return ()
    oldest = sorted(read, key=lambda s: (s.created_at, s.scenario_id))
    shared = max(
        oldest, key=lambda s: sum(signatures[s.scenario_id] == v for v in signatures.values())
    )
    common = {goal_id: weight for goal_id, _, weight in shared.goal_weights or ()}
    apart = []
    for s in summaries:
        goals = tuple(
            (name, weight, common[goal_id])
            for goal_id, name, weight in s.goal_weights or ()
            if goal_id in common and common[goal_id] != weight
        )
        if goals and s.metrics.attainment_pct is not None:
            apart.append(WeighedApart(s.scenario_id, s.name, goals))
    return tuple(apart)


#: Beside the goal attainment of a scenario weighed apart, in the list (page and CLI).
OWN_WEIGHTS = "(own weights)"


def weighed_apart_words(
    apart: Sequence[WeighedApart], shown: Callable[[str], str] = str
) -> str | None:
    """What the list says under it of the scenarios weighed apart, or ``None``; ``shown``
    writes a name as the page or the terminal shows it."""
    if not apart:
        return None
    said = "; ".join(
        f"#{a.scenario_id:d} · {shown(a.name)} weighs "
        + ", ".join(
            f"{shown(goal)} at {own:g} (the others at {common:g})" for goal, own, common in a.goals
        )
        for a in apart
    )
    return (
        f"Goal attainment {OWN_WEIGHTS} is by weights the other scenarios do not give the "
        f"goals, so it does not read beside theirs: {said}. Compare sets two scenarios "
        "side by side on the same weights."
    )


def _signature(summary: ScenarioSummary) -> tuple[tuple[str, float], ...]:
    return tuple((goal_id, weight) for goal_id, _, weight in summary.goal_weights or ())


@dataclass(frozen=True)
class Scenario:
    """A named snapshot: inputs and settings (``problem``), the plan and its metrics.

    ``scenario_id`` and ``created_at`` are ``None`` until it is saved.
    ``plan`` is ``None`` when the solve found no plan (the metrics say why).
    ``checkin`` is the check-in a re-plan was made after (``None`` for any
    other scenario); ``problem`` is then the rest of the quarter, without ``met``
    (read from its parent's goals for a check-in saved before they were kept, or named
    in ``met_unkept`` when that parent is gone).
    """

    name: str
    problem: Problem
    plan: Plan | None
    metrics: Metrics
    note: str = ""
    parent_id: int | None = None
    scenario_id: int | None = None
    created_at: datetime | None = None
    checkin: CheckIn | None = None
    met: tuple[MetGoal, ...] = ()
    #: A check-in saved before its met goals were kept (schema 10) whose quarter's plan is
    #: deleted: the ids of the goals it found met, which no saved scenario has any more.
    met_unkept: tuple[str, ...] = ()
    #: A check-in's plan as the Check-in page exported it when it was saved
    #: (rest-of-quarter.csv's rows: the weeks left, then the projects done, dropped or no
    #: longer fitting, and what the check-in did to each); empty for a check-in saved before
    #: they were kept (schema 15), and for any other scenario.
    checkin_plan: tuple[dict[str, str], ...] = ()

    def result(self) -> Result:
        """The saved solve's outcome: its plan and status, objective, bound, gap and time.

        Loading a scenario keeps this plan (e.g. a what-if kept close to the current plan),
        never a fresh solve of its inputs, which may put projects elsewhere.
        """
        m = self.metrics
        return Result(
            m.status, self.plan, m.objective, m.bound, m.gap, m.seconds, reasons=m.reasons
        )

    def summary(self) -> ScenarioSummary:
        """The list row of a saved scenario."""
        if self.scenario_id is None or self.created_at is None:
            raise ValueError(f"scenario {self.name!r} is not saved yet")
        return ScenarioSummary(
            self.scenario_id, self.name, self.note, self.created_at, self.parent_id, self.metrics
        )


def check_name(name: str) -> str:
    """The name, exactly as given (as the UTF-8 it is when a command line under an ASCII
    locale escaped its bytes: :func:`~planner.core.identifiers.utf8_typed`), if a scenario
    may be called that.

    Any text is kept exactly (quotes, commas, unicode, formula characters,
    SQL, control characters), but a name must show something.

    Raises
    ------
    ValueError
        When the name is blank or longer than :data:`MAX_NAME_LENGTH`.
    """
    if not isinstance(name, str) or not name.strip():
        raise ValueError("A scenario needs a name. Fix: Type one that is not blank.")
    name = utf8_typed(name)  # 'Café' of a UTF-8 terminal under an ASCII locale
    _check_utf8(name, "A scenario name")
    if not name_key(name):
        # A right-to-left mark or a zero-width space alone: a list row nobody can pick.
        raise ValueError(
            f"A scenario needs a name: {escaped(name)} holds only characters nobody sees. "
            "Fix: Type a name with letters or digits."
        )
    if (number := id_reference(name_key(name))) is not None:
        # "delete '#2'" deleted scenario 2, not the scenario the list showed named "#2".
        raise ValueError(
            f"A scenario may not be named {escaped(name.strip())}: #{number} always means the "
            f"scenario with id {number}, so this name could never be told apart from it. Fix: "
            f"Add a word, e.g. 'Plan {escaped(name.strip())}'."
        )
    if len(name) > MAX_NAME_LENGTH:
        raise ValueError(
            f"A scenario name has at most {MAX_NAME_LENGTH} characters (this one has "
            f"{len(name)}). Fix: Shorten it."
        )
    return name


def id_reference(text: str) -> int | None:
    """The scenario id ``text`` names as ``#12`` (spaces around it and after ``#`` allowed),
    or None. ASCII digits only (``str.isdigit`` also takes '¹', which int() refuses)."""
    text = text.strip()
    digits = text[1:].strip()
    if text.startswith("#") and digits.isascii() and digits.isdigit() and len(digits) < 19:
        return int(digits)
    return None


def derived_name(prefix: str, name: str) -> str:
    """``prefix`` + ``name`` as a scenario name, ``name`` cut (with "…") to fit its length.

    A name the leader typed at the full length made the name derived from it
    (a check-in's "Plan before ...") too long to save, with a count that was
    not the one in the box.
    """
    whole = f"{prefix}{name}"
    if len(whole) <= MAX_NAME_LENGTH:
        return whole
    return f"{prefix}{name[: MAX_NAME_LENGTH - len(prefix) - 1].rstrip()}…"


def _check_utf8(text: str, what: str) -> None:
    """Refuse text holding bytes that are not UTF-8 (the database cannot store it)."""
    if bad := undecodable(text):
        raise ValueError(
            f"{what} cannot hold {escaped(text)}: {escaped(bad[0])} stands for a byte that is "
            "not UTF-8 text (a terminal or file in another encoding, e.g. Latin-1). Fix: "
            "Retype it in a terminal set to UTF-8."
        )


def check_note(note: str) -> str:
    """The note, exactly as given, if it is at most :data:`MAX_NOTE_LENGTH` long."""
    if not isinstance(note, str):
        raise ValueError("A note is text. Fix: Write the note as text.")
    note = utf8_typed(note)
    _check_utf8(note, "A note")
    if len(note) > MAX_NOTE_LENGTH:
        raise ValueError(f"A note has at most {MAX_NOTE_LENGTH} characters. Fix: Shorten it.")
    return note


def headline_metrics(problem: Problem, result: Result) -> Metrics:
    """The figures a scenario list shows, as :func:`result_metrics` computes them."""
    plan = result.plan
    if plan is None:
        return Metrics(
            status=result.status,
            seconds=result.runtime_s,
            reasons=tuple(result.reasons),
        )
    figures = result_metrics(problem, result)
    return Metrics(
        status=result.status,
        objective=result.objective,
        bound=result.bound,
        gap=result.gap,
        seconds=result.runtime_s,
        attainment_pct=figures.attainment_pct,
        utilisation_pct=figures.utilisation_pct,
        num_assigned=figures.num_planned,
        num_unassigned=figures.num_left_out,
        reasons=tuple(result.reasons),
    )


def new_scenario(
    problem: Problem,
    result: Result,
    name: str,
    note: str = "",
    parent_id: int | None = None,
    checkin: CheckIn | None = None,
    quarter: Problem | None = None,
    kept_close: float | None = None,
    checkin_plan: Sequence[Mapping[str, str]] = (),
) -> Scenario:
    """A scenario to save: ``problem`` and the ``result`` of solving it.

    ``kept_close``: the tolerance when ``result`` is a what-if kept close to the
    current plan (:func:`~planner.scenarios.relative.solve_relative`), so that it
    reads as one when loaded back.

    ``checkin`` when ``problem`` is the re-plan of a check-in (stored with it);
    ``quarter`` then is the quarter's own problem (its full targets), and the
    headline attainment is the quarter-end forecast (achieved so far plus what
    the re-plan adds), as the Check-in page heads it and as its parent's reads,
    not the re-plan's score on what was left of each target. ``checkin_plan``: the
    re-plan as the Check-in page exports it (rest-of-quarter.csv's rows,
    :func:`~planner.interfaces.replan_exports.rest_of_quarter_rows`), which the saved
    scenario's plan.csv and plan.xlsx then hold.

    Raises
    ------
    ValueError
        When the name is blank or too long, or the note too long.
    """
    metrics = replace(headline_metrics(problem, result), kept_close=kept_close)
    if checkin is not None and quarter is not None and result.plan is not None:
        metrics = quarter_end_metrics(quarter, checkin, result.plan, metrics)
    return Scenario(
        name=check_name(name),
        note=check_note(note),
        problem=problem,
        plan=result.plan,
        metrics=metrics,
        parent_id=parent_id,
        checkin=checkin,
        met=() if checkin is None or quarter is None else met_goals(quarter, problem),
        checkin_plan=() if checkin is None else tuple(dict(row) for row in checkin_plan),
    )


def replan_quarter_end(
    quarter: Problem, checkin: CheckIn, rest: Problem, result: Result
) -> Metrics:
    """A check-in's re-plan of ``rest`` read at the end of the ``quarter``: the figures that
    head its plan.xlsx Summary (``planner checkin --out .xlsx``, the Check-in page's download)
    as its saved scenario's and the page's "At quarter end" card do."""
    if result.plan is None:
        raise ValueError("a re-plan without a plan has no quarter end")
    return quarter_end_metrics(quarter, checkin, result.plan, headline_metrics(rest, result))


def quarter_end_metrics(
    quarter: Problem, checkin: CheckIn, plan: Plan, metrics: Metrics
) -> Metrics:
    """A check-in's re-plan ``metrics`` read at the end of the quarter, as its parent's are.

    The re-plan covers the rest of the quarter only (done work gone, capacity cut
    by the hours used). Its row beside its parent reads the whole quarter in
    every column: attainment is the quarter-end forecast; the projects in the
    plan are the done ones and the re-plan's (a dropped project is left out);
    utilisation is the hours used so far (the share of the quarter gone where a
    team's hours are not given, as the re-plan counts them) plus the re-plan's
    hours, over the quarter's capacity in force.
    """
    end = quarter_attainment(quarter, quarter_forecast(quarter, checkin, plan))
    in_plan = (checkin.ids_with(ProjectStatus.DONE) | set(plan.owners())) & set(
        quarter.project_index
    )
    planned = plan.team_load()
    capacity = used = Fraction(0)
    for team in quarter.teams:
        limit = team_limit(quarter, team)
        spent = checkin.hours_used.get(team.team_id)
        capacity += limit
        used += (limit * checkin.elapsed_share if spent is None else Fraction(spent)) + Fraction(
            planned.get(team.team_id, 0)
        )
    return replace(
        metrics,
        attainment_pct=metrics.attainment_pct if end is None else end.forecast,
        utilisation_pct=utilisation_pct(used, capacity),
        num_assigned=len(in_plan),
        num_unassigned=len(quarter.projects) - len(in_plan),
    )
