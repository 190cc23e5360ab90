"""What the Scenarios page draws: comparisons and capacity what-ifs as frames and charts.

As in :mod:`planner.interfaces.charts`, frames come first (plain pandas, one row per
mark, so tests read the numbers a leader sees) and each ``*_chart`` only
maps columns onto marks. Department colours are the app's. No Streamlit.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

import altair as alt
import pandas as pd

from planner.core.domain import Plan, Problem
from planner.core.shared_words import CURRENT_PLAN, LEFT_OUT, UP_TO_SHARE
from planner.core.shown_figures import (
    hours,
    percent,
    percent_value,
    points,
    points_value,
    share_percent,
)
from planner.core.status_words import SOLVE_STATUS_WORDS, status_label
from planner.explain.places import Reader, for_reader
from planner.interfaces.charts import (
    LABELS,
    MAX_CHART_ROWS,
    chart_labels,
    department_colour,
    drawn_departments,
    row_step,
)
from planner.scenarios.compare import Comparison
from planner.scenarios.metrics import plan_metrics
from planner.scenarios.relative import change_counts
from planner.scenarios.scenario import ScenarioSummary
from planner.scenarios.whatif import MarginalReport, SweepPoint

#: Better / worse, for deltas that are not a department's.
GAIN, LOSS = "#2E8B57", "#C0392B"
#: What a scenario's utilisation is: both departments' hours together, a figure the
#: Overview's cards (each department's) never show; ``planner scenarios show`` says it too.
#: No figure of the cards' own: "84.7 % planned", the sample's first plan, was quoted after a
#: what-if had the card read 65.5 %.
BOTH_DEPARTMENTS_HELP = (
    "Sales' and Marketing's planned hours together, as a share of their capacity (after "
    f"capacity what-ifs and {UP_TO_SHARE}); "
    'the Overview\'s cards give each department\'s ("Marketing capacity" and its "% planned").'
)


def _none_to_nan(value: object) -> float:
    return float("nan") if value is None else float(value)  # type: ignore[arg-type]


# ---------------------------------------------------------------------------
# Frames
# ---------------------------------------------------------------------------


def scenario_list_frame(summaries: Sequence[ScenarioSummary]) -> pd.DataFrame:
    """One row per saved scenario with its headline metrics (newest first, as given)."""
    rows = [
        {
            "id": s.scenario_id,
            "name": s.name,
            "created": s.created_at.strftime("%Y-%m-%d %H:%M UTC"),
            "status": s.metrics.status.value,
            "attainment_pct": _none_to_nan(s.metrics.attainment_pct),
            "utilisation_pct": _none_to_nan(s.metrics.utilisation_pct),
            "unassigned": s.metrics.num_unassigned,
            "derived_from": (
                "" if s.parent_id is None else (s.parent_name or f"#{s.parent_id} (deleted)")
            ),
            "note": s.note,
        }
        for s in summaries
    ]
    # The optimizer's objective is not a leader's figure: it is not listed (see Advanced).
    columns = ["id", "name", "created", "status", "attainment_pct"]
    columns += ["utilisation_pct", "unassigned", "derived_from", "note"]
    return pd.DataFrame(rows, columns=columns).astype({"unassigned": "Int64"})


def project_changes_frame(diff: Comparison) -> pd.DataFrame:
    """One row per project whose owners or weeks differ: moved first, then added, dropped
    and rescheduled (the same owners in other weeks)."""
    order = {"moved": 0, "added": 1, LEFT_OUT: 2, "dropped": 2, "rescheduled": 3}
    rows = [
        {
            "change": c.kind,
            "project_id": c.project_id,
            "project": c.name,
            "before": c.owners_text("before"),
            "after": c.owners_text("after"),
            "note": c.note,
            "why": c.why,
        }
        for c in sorted(diff.projects, key=lambda c: order[c.kind])
    ]
    return pd.DataFrame(
        rows, columns=["change", "project_id", "project", "before", "after", "note", "why"]
    )


def team_delta_frame(diff: Comparison) -> pd.DataFrame:
    """One row per team: planned hours in A and B and the change (B - A)."""
    labels = chart_labels((t.team_id, t.name) for t in diff.teams)
    rows = [
        {
            "team_id": t.team_id,
            "team": labels[t.team_id],
            "department": t.department,
            "hours_a": _none_to_nan(t.hours_a),
            "hours_b": _none_to_nan(t.hours_b),
            "delta_hours": float(t.delta_hours),
            "utilisation_a": _none_to_nan(t.utilisation_a),
            "utilisation_b": _none_to_nan(t.utilisation_b),
            # The tooltip's figures, as every page writes hours.
            "hours_a_text": hours(t.hours_a),
            "hours_b_text": hours(t.hours_b),
            "delta_text": signed_hours(t.delta_hours),
        }
        for t in diff.teams
    ]
    columns = ["team_id", "team", "department", "hours_a", "hours_b", "delta_hours"]
    columns += ["utilisation_a", "utilisation_b", "hours_a_text", "hours_b_text", "delta_text"]
    return pd.DataFrame(rows, columns=columns)


def signed_hours(delta: float | Decimal) -> str:
    """A change of hours as every page writes hours, signed: ``+40 h``, ``-7.5 h``, ``0 h``."""
    shown = hours(abs(float(delta)))
    return shown if shown == "0 h" else ("+" if delta > 0 else "-") + shown


def goal_delta_frame(diff: Comparison) -> pd.DataFrame:
    """One row per goal: percent of target in A and B and the change in points.

    The percentages as every page writes them and the change as their
    difference (:func:`planner.core.shown_figures.points_value`), so the chart's
    tooltip never says "-0.0" or a change the two figures beside it do not.
    """
    rows = []
    labels = chart_labels((g.goal_id, g.name) for g in diff.goals)
    for g in diff.goals:
        delta = points_value(g.percent_a or 0.0, g.percent_b or 0.0) or 0.0
        rows.append(
            {
                "goal_id": g.goal_id,
                "goal": labels[g.goal_id],
                "percent_a": _none_to_nan(percent_value(g.percent_a)),
                "percent_b": _none_to_nan(percent_value(g.percent_b)),
                "delta_points": delta,
                "direction": "better" if delta > 0 else "worse",
                "percent_a_text": percent(g.percent_a),
                "percent_b_text": percent(g.percent_b),
                "delta_text": points(delta),
            }
        )
    columns = ["goal_id", "goal", "percent_a", "percent_b", "delta_points", "direction"]
    columns += ["percent_a_text", "percent_b_text", "delta_text"]
    return pd.DataFrame(rows, columns=columns)


def sweep_frame(
    points: Sequence[SweepPoint],
    problem: Problem | None = None,
    baseline: Plan | None = None,
    baseline_name: str = CURRENT_PLAN,
    reader: Reader = "cli",
) -> pd.DataFrame:
    """One row per sweep point: capacity (% and hours), objective, attainment, status.

    With the current plan (``baseline``, and the ``problem`` swept): each point's changes
    (projects moved to other teams or dropped) and projects added, as ``planner scenarios
    sweep`` lists them (:func:`~planner.scenarios.relative.change_counts`); empty without
    a plan at the point. ``baseline_name`` names that plan in the row at 100 %.
    ``reader``: who reads the notes; a point without a plan says its fix where that reader
    makes it (:func:`~planner.explain.places.for_reader`: the app's, the Data page's tables,
    as its status banner says them; "(duration_weeks)" and "(calendar.csv)" read so on a
    leader's screen).
    """
    counts = [
        change_counts(baseline, p.plan, problem)
        if baseline is not None and p.plan is not None
        else (None, None)
        for p in points
    ]
    # The current plan's own figure, for the row at 100 % (SweepPoint.note_beside).
    in_force = (
        plan_metrics(problem, baseline).attainment_pct
        if baseline is not None and problem is not None
        else None
    )
    rows = [
        {
            "changes": changes,
            "added": added,
            "capacity_pct": round(100 * p.factor, 1),
            "capacity_hours": float(p.in_force_hours),
            "objective": _none_to_nan(p.metrics.objective),
            "attainment_pct": _none_to_nan(p.metrics.attainment_pct),
            "unassigned": p.metrics.num_unassigned,
            "status": p.metrics.status.value,
            "status_words": p.outcome_words,
            "note": for_reader(p.note_beside(in_force, changes, added, baseline_name), reader),
            "capacity_text": hours(p.in_force_hours),
            "attainment_text": percent(p.metrics.attainment_pct),
        }
        for p, (changes, added) in zip(points, counts, strict=True)
    ]
    columns = ["capacity_pct", "capacity_hours", "objective", "attainment_pct"]
    columns += ["unassigned", "status", "status_words", "note", "capacity_text"]
    columns += ["attainment_text", "changes", "added"]
    counted = {"unassigned": "Int64", "changes": "Int64", "added": "Int64"}
    return pd.DataFrame(rows, columns=columns).astype(counted)


def marginal_frame(report: MarginalReport) -> pd.DataFrame:
    """One row per team, best gain first: extra hours, objective gain, attainment gain."""
    labels = chart_labels((v.team_id, v.name) for v in report.values)
    rows = [
        {
            "rank": rank,
            "team_id": v.team_id,
            "team": labels[v.team_id],
            "department": v.department,
            "extra_hours": float(v.extra_hours),
            "gain": _none_to_nan(v.gain),
            "gain_per_100_hours": _none_to_nan(v.gain_per_100_hours),
            "attainment_points": _none_to_nan(v.attainment_gain),
            "status": v.status.value,
            "extra_text": hours(v.extra_hours),
            "attainment_text": points(v.attainment_gain),
            "department_words": v.department.capitalize(),
            "status_words": status_label(v.status.value),
        }
        for rank, v in enumerate(report.values, start=1)
    ]
    columns = ["rank", "team_id", "team", "department", "extra_hours", "gain"]
    columns += ["gain_per_100_hours", "attainment_points", "status", "extra_text"]
    columns += ["attainment_text", "department_words", "status_words"]
    return pd.DataFrame(rows, columns=columns)


# ---------------------------------------------------------------------------
# Charts
# ---------------------------------------------------------------------------


def team_delta_parts(
    team_deltas: pd.DataFrame,
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, list[str]]:
    """:func:`team_delta_frame`'s teams as Compare's chart shows them: the bars drawn (the
    changes of an hour or more that change most, :func:`largest`), every change of an hour
    or more, the changes under an hour (no bar beside a 110 h one: said under the chart),
    and the teams with the same hours in A and B."""
    changed = team_deltas[team_deltas["delta_hours"] != 0]
    slight = changed[changed["delta_hours"].abs() < 1]
    changed = changed[changed["delta_hours"].abs() >= 1]
    level = list(team_deltas.loc[team_deltas["delta_hours"] == 0, "team"])
    return largest(changed, "delta_hours"), changed, slight, level


def largest(frame: pd.DataFrame, column: str, limit: int = MAX_CHART_ROWS) -> pd.DataFrame:
    """The ``limit`` rows with the largest ``abs(column)``, in ``frame``'s order (all if fewer)."""
    if len(frame) <= limit:
        return frame
    keep = frame[column].abs().fillna(-1).sort_values(ascending=False, kind="stable").index[:limit]
    return frame.loc[sorted(keep)]


def _drawn(frame: pd.DataFrame, column: str) -> tuple[str, ...]:
    """The departments of ``frame``'s bars that are drawn: ``column`` not 0 (nor missing),
    above or below zero, as :func:`~planner.interfaces.charts.drawn_departments` names them."""
    return drawn_departments(frame[frame[column].fillna(0) != 0])


def _zero_rule(field: str) -> alt.Chart:
    return (
        alt.Chart(pd.DataFrame({field: [0.0]}))
        .mark_rule(color="#222222", strokeWidth=1)
        .encode(x=f"{field}:Q")
    )


def team_delta_chart(frame: pd.DataFrame, name_a: str = "A", name_b: str = "B") -> alt.LayerChart:
    """Change in each team's planned hours from A to B, coloured by department.

    ``frame`` is :func:`team_delta_frame`'s.
    """
    bars = (
        alt.Chart(frame)
        .mark_bar(cornerRadiusEnd=3)
        .encode(
            y=alt.Y("team:N", sort=list(frame["team"]), title=None, axis=LABELS),
            # Short, as the goals' chart's axis; the subtitle says what a bar is and which
            # scenarios A and B are ("Change in planned hours (B - A)" named neither).
            x=alt.X("delta_hours:Q", title="Change, h (B - A)"),
            # The legend names the departments of the bars drawn (a change of 0 h draws none):
            # with only sales teams changed, it listed Marketing too.
            color=department_colour(departments=_drawn(frame, "delta_hours")),
            tooltip=[
                alt.Tooltip("team:N", title="Team"),
                alt.Tooltip("hours_a_text:N", title=f"Hours in {name_a}"[:60]),
                alt.Tooltip("hours_b_text:N", title=f"Hours in {name_b}"[:60]),
                alt.Tooltip("delta_text:N", title="Change"),
            ],
        )
    )
    return alt.LayerChart(layer=[bars, _zero_rule("delta_hours")]).properties(
        height=row_step(len(frame), 26),
        title=alt.TitleParams(
            "Team load: change from A to B",
            subtitle=[
                "bar: B's planned hours less A's (h)",
                f"A: {_short(name_a)} · B: {_short(name_b)}",
            ],
        ),
    )


def _short(name: str, limit: int = 60) -> str:
    """A scenario's name in a chart's subtitle, cut to ``limit`` characters (with "…").

    Two names of 60 fit the subtitle's line at 1024 px; at 40 the plan the session started
    from read "The plan you started from (the bundled …".
    """
    return name if len(name) <= limit else name[: limit - 1] + "…"


def goal_delta_chart(frame: pd.DataFrame) -> alt.LayerChart:
    """Change in each goal's attainment (points of % of target) from A to B.

    ``frame`` is :func:`goal_delta_frame`'s.
    """
    bars = (
        alt.Chart(frame)
        .mark_bar(cornerRadiusEnd=3)
        .encode(
            y=alt.Y("goal:N", sort=list(frame["goal"]), title=None, axis=LABELS),
            # Short enough for the plot beside long goal names on a laptop (it read
            # "Change in % of target (pts, B - A").
            x=alt.X("delta_points:Q", title="Change, pts (B - A)"),
            color=alt.Color(
                "direction:N",
                scale=alt.Scale(domain=["better", "worse"], range=[GAIN, LOSS]),
                legend=None,
            ),
            tooltip=[
                alt.Tooltip("goal:N", title="Goal"),
                alt.Tooltip("percent_a_text:N", title="A: % of target"),
                alt.Tooltip("percent_b_text:N", title="B: % of target"),
                alt.Tooltip("delta_text:N", title="Change"),
            ],
        )
    )
    return alt.LayerChart(layer=[bars, _zero_rule("delta_points")]).properties(
        height=row_step(len(frame), 26),
        # What "pts" counts, as the cards beside it read "+2.1 pts" for 83.5 % -> 85.6 %.
        title=alt.TitleParams(
            "Goal attainment: change from A to B",
            subtitle="bar: B's % of target less A's, in percentage points (pts)",
        ),
    )


def sweep_chart(frame: pd.DataFrame, target: str) -> alt.HConcatChart:
    """Goal attainment and projects left out against the target's capacity, side by side.

    ``frame`` is :func:`sweep_frame`'s; the point at 100 % is the current plan's capacity.
    """
    base = alt.Chart(frame).encode(
        x=alt.X(
            "capacity_pct:Q",
            title=f"{target} capacity (% of the current plan's)",
            scale=alt.Scale(zero=False),
        ),
        tooltip=[
            alt.Tooltip("capacity_pct:Q", title="Capacity (%)"),
            alt.Tooltip("capacity_text:N", title="Capacity"),
            alt.Tooltip("attainment_text:N", title="Goal attainment"),
            alt.Tooltip("unassigned:Q", title="Left out"),
            alt.Tooltip("status_words:N", title="Outcome"),
            alt.Tooltip("note:N", title="Note"),
        ],
    )
    # The legend lists the outcomes the sweep had (four entries under three blue dots
    # read as if some plans failed); each outcome keeps its colour whatever the others.
    colours = dict(
        zip(SOLVE_STATUS_WORDS.values(), ["#3A6EA5", "#E0A800", LOSS, "#888888"], strict=True)
    )
    seen = [word for word in colours if word in set(frame["status_words"])]
    status = alt.Color(
        "status_words:N",
        scale=alt.Scale(domain=seen, range=[colours[word] for word in seen]),
        legend=alt.Legend(orient="top", title="Outcome", labelLimit=240),
    )

    def panel(field: str, title: str, *, whole: bool = False) -> alt.LayerChart:
        # A count (projects left out) ticks in whole numbers: between 17 and 19 its axis
        # read 17.5 and 18.5 projects.
        axis = alt.Axis(tickMinStep=1, format="d") if whole else alt.Axis()
        line = base.mark_line(color="#888888").encode(
            y=alt.Y(f"{field}:Q", title=title, scale=alt.Scale(zero=False), axis=axis)
        )
        dots = base.mark_circle(size=90, opacity=1).encode(y=f"{field}:Q", color=status)
        today = (
            alt.Chart(pd.DataFrame({"capacity_pct": [100.0]}))
            .mark_rule(color="#222222", strokeDash=[4, 3])
            .encode(x="capacity_pct:Q")
        )
        # Two panels side by side fit the page at 1024 px (at 320 px each the right-hand
        # one ran 18 px past the window's edge, "130" cut in half).
        return alt.LayerChart(layer=[line, dots, today]).properties(
            width=290, height=240, title=title
        )

    # A leader's figures: goal attainment and the projects left out (the objective is
    # the optimizer's; it stays in the frame for the advanced table).
    return alt.hconcat(
        panel("attainment_pct", "Goal attainment (%)"),
        panel("unassigned", "Projects left out", whole=True),
    ).properties(
        title=alt.TitleParams(
            f"What if {target} had more or less capacity?",
            subtitle="dashed line = the current plan's capacity; each dot is one plan at that "
            "capacity",
        )
    )


def marginal_chart(frame: pd.DataFrame, step: float) -> alt.Chart:
    """Goal attainment gained per team from ``step`` more capacity, best first.

    ``frame`` is :func:`marginal_frame`'s. The bars are in goal attainment
    points (a leader's figure); without goals, in the plan's value. The
    optimizer's own gain stays in the page's "The numbers" detail.
    """
    with_goals = bool(frame["attainment_points"].notna().any())
    field, title = (
        ("attainment_points", f"Goal attainment gained from +{share_percent(step)} capacity (pts)")
        if with_goals
        else ("gain", f"Plan value gained from +{share_percent(step)} capacity")
    )
    return (
        alt.Chart(frame)
        .mark_bar(cornerRadiusEnd=3)
        .encode(
            y=alt.Y("team:N", sort=list(frame["team"]), title=None, axis=LABELS),
            # A few ticks: the gains are small numbers, and Vega-Lite's default on a wide
            # page is a tick every 0.1 point (25 of them on the sample).
            x=alt.X(f"{field}:Q", title=title, axis=alt.Axis(tickCount=5)),
            color=department_colour(departments=_drawn(frame, field)),
            tooltip=[
                alt.Tooltip("rank:Q", title="Rank"),
                alt.Tooltip("team:N", title="Team"),
                alt.Tooltip("extra_text:N", title="Extra hours"),
                alt.Tooltip("attainment_text:N", title="Goal attainment"),
                alt.Tooltip("status:N", title="Status"),
            ],
        )
        .properties(
            height=row_step(len(frame), 26),
            title=alt.TitleParams(
                "Where extra capacity pays most",
                subtitle="what the plan gains when one team gets more hours, the others unchanged",
            ),
        )
    )
