"""How ``planner scenarios`` writes scenarios and comparisons: plain-text tables and JSON
(``show``'s summary, teams and goals too).

Names and notes are shown with their control characters escaped (``\\x1b``), so a name
cannot drive the terminal; the JSON keeps them exactly.
"""

from __future__ import annotations

import sys
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from planner.core.identifiers import escaped
from planner.core.machine_figures import chance_figure, percent_figure
from planner.core.shared_words import (
    BOTH_DEPARTMENTS_LABEL,
    LEFT_OUT,
    QUARTER_PLANNED_LABEL,
    TEAMS_OWN_HOURS,
    department_words,
    plural,
)
from planner.core.shown_figures import (
    NO_FIGURE,
    Number,
    amount_shown,
    chance,
    chance_change,
    chance_points_change,
    goal_amount,
    goal_amount_value,
    goal_row_values,
    hours,
    percent,
    points_between,
)
from planner.core.status_words import status_label, status_words
from planner.core.weeks import weeks_after
from planner.interfaces.cli_streams import as_written
from planner.scenarios.compare import Comparison, ProjectChange, TeamDelta
from planner.scenarios.labels import department_label
from planner.scenarios.scenario import Metrics, ScenarioSummary, WeighedApart

if TYPE_CHECKING:
    from planner.core.settings import Weights
    from planner.scenarios.metrics import GoalFigures, PlanMetrics

shown = escaped


def department_line(
    department: str,
    capacity: Number,
    base: Number,
    planned: Number,
    utilisation_pct: float | None,
) -> str:
    """A department's hours as the Overview's card writes them (hours as shown):
    ``Marketing capacity: 4,391 h (the teams' own hours in the quarter: 4,400 h); planned
    3,720 h (84.7 %)``."""
    own = f" ({TEAMS_OWN_HOURS}: {hours(base)})" if base != capacity else ""
    util = f" ({percent(utilisation_pct)})" if utilisation_pct is not None else ""
    name = department_label(department)
    return f"{name} capacity: {hours(capacity)}{own}; planned {hours(planned)}{util}"


def count_text(value: int | None) -> str:
    """A count in a table's cell, or the mark of no figure."""
    return NO_FIGURE if value is None else str(value)


#: The headline figures of a scenario's JSON, under Metrics' own names, in this order.
_FIGURES = ("objective", "bound", "gap", "seconds", "attainment_pct", "utilisation_pct")


def metrics_json(m: Metrics) -> dict[str, Any]:
    """A saved scenario's headline row as its ``--json`` gives it."""
    counts = {"num_assigned": m.num_assigned, "num_unassigned": m.num_unassigned}
    figures = {name: getattr(m, name) for name in _FIGURES}
    # Percentages to six decimals, as `planner solve --json` gives the same plan's.
    for name in ("attainment_pct", "utilisation_pct"):
        figures[name] = _six_places(figures[name])
    return {"status": m.status.value, **figures, **counts, "reasons": list(m.reasons)}


def _six_places(pct: float | None) -> float | None:
    return percent_figure(pct)


def summary_json(s: ScenarioSummary) -> dict[str, Any]:
    """A saved scenario's list row as JSON-ready values."""
    return {
        "id": s.scenario_id,
        "name": s.name,
        "note": s.note,
        "created_at": s.created_at.isoformat(),
        "parent_id": s.parent_id,
        "parent_name": s.parent_name,
        **metrics_json(s.metrics),
    }


def list_json(
    summaries: Sequence[ScenarioSummary], apart: Mapping[int, WeighedApart]
) -> list[dict[str, Any]]:
    """``scenarios list --json``: each row, with the goals it weighs otherwise than most
    listed scenarios do, each with its weight and theirs (``weighed_apart``; empty: alike)."""
    goals = {i: a.goals for i, a in apart.items()}
    return [
        {
            **summary_json(s),
            "weighed_apart": [
                {"goal": goal, "weight": own, "others_weight": common}
                for goal, own, common in goals.get(s.scenario_id, ())
            ],
        }
        for s in summaries
    ]


#: Columns of a note in the scenario list; a longer note ends in "..." (`scenarios show`
#: prints it whole).
NOTE_WIDTH = 40


def note_cell(note: str) -> str:
    """A note's first line as the list shows it: escaped, at most :data:`NOTE_WIDTH`
    columns, "..." where it was cut (a second line counts as cut)."""
    lines = note.strip().splitlines()
    first = escaped(lines[0].strip()) if lines else ""
    cut = len(lines) > 1
    while display_width(first) > NOTE_WIDTH:
        first, cut = first[:-1], True
    return first.rstrip() + "..." if cut else first


#: Columns of a team's or a goal's name in a table; a longer name is cut with "...", its id
#: kept after it to find it by (a 300-character name padded every row to 300 columns).
NAME_WIDTH = 40


def name_cell(name: str, key: str) -> str:
    """A name as a table shows it: escaped, and past :data:`NAME_WIDTH` columns cut with
    "..." and its id after it ("Brand and Communications xxxx... (brand)"), as the pages
    cut a long name and keep its id."""
    text = escaped(name)
    if display_width(text) <= NAME_WIDTH:
        return text
    tail = f"... ({escaped(key)})"
    cut = text
    while cut and display_width(cut) + display_width(tail) > NAME_WIDTH:
        cut = cut[:-1]
    return cut.rstrip() + tail


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal, as standard output writes it: accents that
    combine take none, wide (East Asian) characters two, and what the output's encoding
    cannot write is measured as its escape (``\\u6771``, six columns). ``len`` misaligned
    the list after a name like 'été' typed with combining accents, or '目标'."""
    return sum(
        0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1
        for c in as_written(text)
    )


def print_table(header: list[str], rows: list[list[str]]) -> None:
    """``header`` and ``rows`` as aligned columns on stdout, by each cell's width on screen."""
    widths = [max(map(display_width, [h, *(r[i] for r in rows)])) for i, h in enumerate(header)]

    def line(cells: list[str]) -> str:
        padded = (c + " " * (w - display_width(c)) for c, w in zip(cells, widths, strict=True))
        return "  ".join(padded).rstrip()

    print(line(header))
    for row in rows:
        print(line(row))


def _chances_json(in_a: float | None, in_b: float | None) -> dict[str, Any]:
    """A goal's chance in A and B in percentage points, and its change as the Compare tab,
    the text and comparison.xlsx give it: the whole points between the chances shown
    (``chance_change_points``, 0 where they read alike) and the words (``chance_change``:
    "-3 pts", "no change", "up < 1 pt"); each null when either chance is unknown."""
    words = chance_change(in_a, in_b)
    return {
        "chance_a": chance_figure(in_a),
        "chance_b": chance_figure(in_b),
        "chance_change_points": chance_points_change(in_a, in_b),
        "chance_change": None if words == NO_FIGURE else words,
    }


def comparison_json(
    diff: Comparison, chances: Mapping[str, tuple[float | None, float | None]] | None = None
) -> dict[str, Any]:
    """A comparison as JSON-ready values; each goal's chance in A and B in percentage
    points, as every percentage there, when ``chances`` are given."""
    odds = chances or {}
    return {
        "a": {
            "name": diff.name_a,
            **metrics_json(diff.metrics_a),
            # A's goal attainment weighed as B weighs the goals (null: the same weights).
            "attainment_as_b_weighs": _six_places(diff.attainment_a_by_b),
        },
        "b": {"name": diff.name_b, **metrics_json(diff.metrics_b)},
        # B's change in goal attainment in points, as the text, the Compare tab and
        # comparison.xlsx give it: against A weighed as B weighs the goals when they differ
        # (85.6 % -> 83.2 % read "+3.7 pts" there, where b - a is -2.5).
        "attainment_change_points": diff.attainment_change_points,
        "delta_objective": diff.delta_objective,
        # Beside a check-in: what its teams' hours are (the quarter's), as the text says it.
        "team_hours_words": diff.team_hours_words(),
        "projects": [
            {
                "project_id": c.project_id,
                "name": c.name,
                "change": c.kind,
                "before": list(c.before),
                "after": list(c.after),
                "before_names": list(c.before_names),
                "after_names": list(c.after_names),
                "note": c.note,
                "why": c.why,
                # A rescheduled project's first and last weeks in A and in B.
                "weeks_before": None if c.weeks_before is None else list(c.weeks_before),
                "weeks_after": None if c.weeks_after is None else list(c.weeks_after),
            }
            for c in diff.projects
        ],
        "teams": [
            {
                "team_id": t.team_id,
                "hours_a": None if t.hours_a is None else float(t.hours_a),
                "hours_b": None if t.hours_b is None else float(t.hours_b),
                "delta_hours": float(t.delta_hours),
            }
            for t in diff.teams
        ],
        "goals": [
            {
                "goal_id": g.goal_id,
                "percent_a": g.percent_a,
                "percent_b": g.percent_b,
                "delta_points": g.delta_points,
                **(_chances_json(*odds.get(g.goal_id, (None, None))) if odds else {}),
            }
            for g in diff.goals
        ],
        "settings_changes": list(diff.settings_changes),
        "input_changes": {k: list(v) for k, v in diff.input_changes.items()},
    }


_KIND_ORDER = ("moved", "added", LEFT_OUT, "dropped", "rescheduled")
#: Project changes ``compare`` lists before "and N more" (every one: --json, --out).
MAX_PROJECT_LINES = 30
#: Teams ``compare`` and ``show`` list before "and N more" (every one: --json): 20, as the
#: Plan and Constraints pages chart the 20 teams with the least room left.
MAX_TEAM_ROWS = 20


def project_counts_words(changes: Sequence[ProjectChange]) -> str:
    """The projects that change owner or weeks counted by kind, as ``compare`` and the
    Scenarios page's Compare heading both say them: "1 moved, 3 dropped, 2 rescheduled",
    moved before added before dropped, a kind with none left out, counts grouped by
    thousands ("" when none changes).

    The page read "Projects: 1 moved, 0 added, 3 dropped, 2 rescheduled" above the command
    line's "projects: 1 moved, 3 dropped, 2 rescheduled", and 1234 beside 1,234.
    """
    counts = [f"{sum(c.kind == k for c in changes):,} {k}" for k in _KIND_ORDER]
    return ", ".join(n for n in counts if not n.startswith("0 "))


def project_change_lines(
    changes: Sequence[ProjectChange], limit: int = MAX_PROJECT_LINES
) -> list[str]:
    """The projects that change owner or weeks: their count by kind, then up to ``limit``.

    "projects: 378 moved, 58 added, 139 dropped" first, moved before added before dropped;
    past ``limit`` one line says how many more and where every one is.
    """
    if not changes:
        return ["No project changes owners or weeks."]
    ordered = sorted(changes, key=lambda c: _KIND_ORDER.index(c.kind))
    lines = [f"projects: {project_counts_words(ordered)}"]
    for c in ordered[:limit]:
        before, after = c.owners_text("before"), c.owners_text("after")
        note = f" ({shown(c.note)})" if c.note else ""
        if c.why:
            note += f" ({shown(c.why)})"
        lines.append(f"{c.kind:8} {shown(c.name)}: {shown(before)} -> {shown(after)}{note}")
    if len(ordered) > limit:
        lines.append(
            f"... and {len(ordered) - limit:,} more project changes (every one: --json, or "
            "--out comparison.xlsx)"
        )
    return lines


def team_delta_rows(
    teams: Sequence[TeamDelta], limit: int = MAX_TEAM_ROWS
) -> tuple[list[TeamDelta], str]:
    """The teams whose planned hours change most (by size), up to ``limit``, and a line on the
    rest ("" when every team is listed): how many changed as much or less, how many not at all."""
    if len(teams) <= limit:
        return sorted(teams, key=lambda t: -abs(t.delta_hours)), ""
    ranked = sorted(teams, key=lambda t: -abs(t.delta_hours))
    shown_teams, rest = ranked[:limit], ranked[limit:]
    unchanged = sum(1 for t in rest if not t.delta_hours)
    smaller = len(rest) - unchanged
    parts = (
        [f"{plural(smaller, 'team')} more whose hours changed by as much or less"]
        if smaller
        else []
    )
    if unchanged:
        parts.append(f"{plural(unchanged, 'team')} whose hours did not change")
    return shown_teams, f"... and {', and '.join(parts)} (every team: --json)"


def team_load_words(diff: Comparison, shown: Callable[[str], str] = str) -> str | None:
    """Team load from A to B in words, where a chart would have no bar worth reading, as
    Compare and ``planner scenarios compare`` both say it (``None``: some team's hours
    change by an hour or more). ``shown``: how a team's name is written (escaped).

    A check-in left as pre-filled, compared with its baseline, changes each team by under
    an hour (its hours used are whole hours): Compare said so in words while the command
    line listed SDR Team at "740 h" and "739 h", a change of "-0.7 h".
    """
    changed = [t for t in diff.teams if t.delta_hours]
    if not changed:
        return "every team has the same planned hours in A and B."
    most = max(changed, key=lambda t: abs(t.delta_hours))
    if abs(most.delta_hours) >= 1:
        return None
    return (
        "no team's planned hours change by an hour or more from A to B "
        f"(the most: {shown(most.name)}, {signed_hours(float(most.delta_hours))})."
    )


def print_comparison(
    diff: Comparison, chances: Mapping[str, tuple[float | None, float | None]] | None = None
) -> None:
    """The comparison as tables; ``chances``: each goal's chance (0 to 1) of reaching its
    target in A and B (:func:`planner.interfaces.odds_changes.chances_by_goal`), as
    Compare shows them."""
    _print_headline(diff)
    print()
    for line in project_change_lines(diff.projects):
        print(line)
    print()
    _print_team_load(diff)
    if diff.goals:
        _print_goals(diff, chances or {})


def _print_headline(diff: Comparison) -> None:
    """A and B by name, their outcome, attainment, utilisation and projects side by side,
    the attainment's change in words and what differs between them."""
    a, b = diff.metrics_a, diff.metrics_b
    print(f"A: {shown(diff.name_a)}")
    print(f"B: {shown(diff.name_b)}")
    print_table(
        ["", "A", "B", "change"],
        [
            [
                "outcome",
                status_label(a.status.value, a.kept_close),
                status_label(b.status.value, b.kept_close),
                "",
            ],
            [
                "goal attainment",
                percent(a.attainment_pct),
                percent(b.attainment_pct),
                diff.attainment_change or "",
            ],
            [
                # As `list`, `show` and the app's Compare head it: "utilisation" alone read
                # as one department's, or a team's.
                BOTH_DEPARTMENTS_LABEL,
                percent(a.utilisation_pct),
                percent(b.utilisation_pct),
                points_between(a.utilisation_pct, b.utilisation_pct),
            ],
            *(
                [label, count_text(x), count_text(y), _change(x, y)]
                for label, x, y in (
                    ("projects in the plan", a.num_assigned, b.num_assigned),
                    ("left out", a.num_unassigned, b.num_unassigned),
                )
            ),
        ],
    )
    if words := diff.attainment_words():
        print(shown(words))
    # What the page and the workbook say differs (settings, then the data tables edited).
    for line in (*diff.settings_changes, *diff.data_changes):
        print(f"what differs: {shown(line)}")


def _print_team_load(diff: Comparison) -> None:
    """Each team's planned hours in A and B (in words when they barely move), and the
    teams' own hours when they differ."""
    if (words := team_load_words(diff, shown)) is not None:
        # As Compare says it: sub-hour changes read "740 h", "739 h" and "-0.7 h".
        print(f"team load: {words}")
    else:
        teams, more = team_delta_rows(diff.teams)
        print_table(
            ["team", "planned in A", "planned in B", "change"],
            [
                [
                    name_cell(t.name, t.team_id),
                    NO_FIGURE if t.hours_a is None else hours(t.hours_a),
                    NO_FIGURE if t.hours_b is None else hours(t.hours_b),
                    signed_hours(float(t.delta_hours)),
                ]
                for t in teams
            ],
        )
        if more:
            print(more)
    if (hours_words := diff.team_hours_words()) is not None:
        print(f"team hours: {shown(hours_words)}")  # as the Compare tab and the workbook say


def _print_goals(diff: Comparison, odds: Mapping[str, tuple[float | None, float | None]]) -> None:
    """Each goal's attainment in A and B, with each one's chance of its target when
    ``odds`` gives them."""
    print()
    header = ["goal", "A", "B", "change"]
    if odds:
        header += ["chance in A", "chance in B", "change of chance"]
    rows = []
    for g in diff.goals:
        row = [
            name_cell(g.name, g.goal_id),
            percent(g.percent_a),
            percent(g.percent_b),
            points_between(g.percent_a, g.percent_b),
        ]
        if odds:
            in_a, in_b = odds.get(g.goal_id, (None, None))
            row += [chance(in_a), chance(in_b), chance_change(in_a, in_b)]
        rows.append(row)
    print_table(header, rows)


def _change(before: int | None, after: int | None) -> str:
    return "" if before is None or after is None else f"{after - before:+,}"


def signed_hours(delta: float) -> str:
    """A change of hours with its sign (``+12 h``, ``-3.5 h``), or ``0 h``."""
    text = hours(abs(delta))
    return text if text == "0 h" else ("+" if delta > 0 else "-") + text


def print_stopped(stopped: bool) -> None:
    """After a first Ctrl-C in a sweep or a marginal ranking: what the table holds (stderr)."""
    if stopped:
        print("stopped by the user: the plans found so far are shown", file=sys.stderr)


# -- planner scenarios show ------------------------------------------------------------


def print_summary(
    summary: ScenarioSummary, *, checked_in: bool = False, weights: Weights | None = None
) -> None:
    """The scenario's name, note, origin and headline figures, a line each; a check-in's
    named as the quarter's, as its plan.xlsx Summary names them (its teams below are the
    weeks left)."""
    m = summary.metrics
    print(f"scenario {summary.scenario_id}: {shown(summary.name)}")
    if summary.note:
        print(f"note: {shown(summary.note)}")
    # As the list writes it: "2026-12-01 12:34 UTC", not "2026-12-01T12:34:40.357490+00:00".
    print(f"created: {summary.created_at.strftime('%Y-%m-%d %H:%M')} UTC")
    if summary.parent_id is not None:
        parent = summary.parent_name or "(deleted)"
        print(f"built on: #{summary.parent_id} {shown(parent)}")
    print(f"status: {status_words(m.status.value, m.gap, m.kept_close, weights)}")
    attainment, utilisation, projects = (
        (
            "goal attainment at quarter end (achieved so far + the re-plan)",
            QUARTER_PLANNED_LABEL,
            "projects in the quarter's plan (done + re-planned)",
        )
        if checked_in
        else ("goal attainment", BOTH_DEPARTMENTS_LABEL, "projects in the plan")
    )
    print(f"{attainment}: {percent(m.attainment_pct)}")
    # Both departments' hours together: the Overview's cards give each department's.
    print(f"{utilisation}: {percent(m.utilisation_pct)}")
    planned, left_out = count_text(m.num_assigned), count_text(m.num_unassigned)
    print(f"{projects}: {planned}   left out: {left_out}")
    for reason in m.reasons:
        print(f"reason: {shown(reason)}")


def weeks_left(elapsed: float, quarter: float) -> str:
    """The heading of a saved check-in's teams: "the weeks left, 7-13, as the check-in ..."."""
    after = weeks_after(elapsed, quarter)
    if after is not None:
        rest = f"the weeks left, {after}, as the check-in re-planned them"
    else:
        rest = f"the rest of the quarter after week {elapsed:g} of {quarter:g}, as re-planned"
    return f"{rest} (each team's hours left):"


def print_teams(figures: PlanMetrics) -> None:
    """The teams' load, fullest first, then a line per department."""
    # The fullest teams first, as the Plan page charts them; at company scale the first
    # MAX_TEAM_ROWS (150 rows in the teams file's order read as a wall).
    fullest = sorted(figures.teams, key=lambda t: -(t.utilisation_pct or 0.0))
    print_table(
        # "% planned" as the cards and the department lines below say it ("84.7 % planned").
        ["team", "department", "planned", "capacity", "% planned"],
        [
            [
                name_cell(t.name, t.team_id),
                department_words([t.department]),
                hours(t.shown_planned),
                hours(t.shown_in_force),
                percent(t.utilisation_pct),
            ]
            for t in fullest[:MAX_TEAM_ROWS]
        ],
    )
    if len(fullest) > MAX_TEAM_ROWS:
        print(
            f"... and {len(fullest) - MAX_TEAM_ROWS:,} more teams, less loaded (every team: --json)"
        )
    for d in figures.departments():
        print(
            department_line(
                d.department,
                d.shown_in_force_hours,
                d.shown_base_hours,
                d.shown_planned_hours,
                d.utilisation_pct,
            )
        )


def print_goals(goals: Mapping[str, GoalFigures], chances: Mapping[str, float | None]) -> None:
    """The goals at the quarter's end, with their chances where the scenario has them."""
    print_table(
        ["goal", "planned", "target", "attainment", *(["chance"] if chances else [])],
        [
            [
                name_cell(g.name, g.goal_id),
                shown(goal_amount(g.planned, g.kpi, g.target)),
                # At the planned figure's precision, as the Overview's row: 274.5 of 311.1
                # SQLs read "311 SQLs" here.
                shown(
                    amount_shown(
                        goal_row_values(g.target, goal_amount_value(g.planned, g.target))[0],
                        g.kpi,
                    )
                ),
                percent(g.percent),
                *([chance(chances.get(g.goal_id))] if chances else []),
            ]
            for g in goals.values()
        ],
    )
