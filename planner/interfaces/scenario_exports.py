"""A saved scenario and a comparison of two, as files a leader can send on.

- :func:`scenario_zip`: the scenario's data folder (loads back with
  ``planner solve`` or the Data page), its ``plan.csv``, ``plan.xlsx`` and
  ``scenario.json`` (name, note, lineage, headline figures); a re-plan's
  check-in as ``checkin.toml`` (what ``planner checkin --since`` reads).
- :func:`comparison_workbook`: A against B in a workbook: the headline
  figures side by side, each goal, each team's hours and every project that
  changed owner, by name; numbers are numbers, formatted as the app shows them
  in the text columns.

The app's download buttons and ``planner scenarios export`` / ``compare --out``
write these same bytes.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

import pandas as pd

from planner.core.cell_formats import (
    PERCENT_FORMAT,
    POINTS_FORMAT,
    POINTS_WITH_UNIT_FORMAT,
    SIGNED_COUNT_FORMAT,
    chance_format,
    chance_points_format,
    hours_format,
    signed,
)
from planner.core.domain import ZERO, Problem, Result
from planner.core.plan_csv import CHECKIN_COLUMN, COLUMNS, plan_csv_text, rows_csv_text
from planner.core.shared_words import BOTH_DEPARTMENTS_LABEL
from planner.core.shown_figures import (
    NO_FIGURE,
    chance_change,
    chance_points_change,
    percent_value,
    points_value,
)
from planner.core.status_words import status_label
from planner.core.workbook_writing import CellFormat, workbook_bytes
from planner.core.writing import folder_zip, zip_bytes
from planner.interfaces.exports import plan_workbook
from planner.interfaces.odds_changes import replan_odds_frame
from planner.interfaces.replan_exports import quarter_end_sheet, replan_adds
from planner.scenarios.checkin import ProjectStatus, weeks_past
from planner.scenarios.checkin_goals import GoalForecast, kept_count, planned_value
from planner.scenarios.checkin_replan import replan_with
from planner.scenarios.checkin_toml_writing import checkin_to_toml
from planner.scenarios.compare import Comparison
from planner.scenarios.counting_goals import counting_goals
from planner.scenarios.labels import saved_scenario_label
from planner.scenarios.met_goals import unkept_words, with_met_goals
from planner.scenarios.scenario import Metrics, Scenario
from planner.scenarios.why_a_decimal import forecast_decimals_words

#: The comparison's Goals columns of each goal's chance of reaching its target (0 to 1).
CHANCE_A, CHANCE_B = "Chance in A", "Chance in B"
#: ... and of its change from A to B, as ``planner scenarios compare`` heads it.
CHANCE_CHANGE = "Change of chance"


def metrics_json(m: Metrics) -> dict[str, Any]:
    """A scenario's headline figures as JSON-ready values (the optimizer's last)."""
    return {
        "status": m.status.value,
        "attainment_pct": m.attainment_pct,
        "utilisation_pct": m.utilisation_pct,
        "num_assigned": m.num_assigned,
        "num_unassigned": m.num_unassigned,
        "reasons": list(m.reasons),
        "seconds": m.seconds,
        "objective": m.objective,
        "bound": m.bound,
        "gap": m.gap,
    }


def scenario_json(scenario: Scenario, parent_name: str | None = None) -> dict[str, Any]:
    """What ``scenario.json`` holds: identity, note, lineage and figures."""
    return {
        "id": scenario.scenario_id,
        "name": scenario.name,
        "note": scenario.note,
        "created_at": None if scenario.created_at is None else scenario.created_at.isoformat(),
        "parent_id": scenario.parent_id,
        "parent_name": parent_name,
        **metrics_json(scenario.metrics),
    }


def _result(scenario: Scenario) -> Result:
    return scenario.result()


def _saved_quarter(scenario: Scenario) -> Problem | None:
    """A saved check-in's quarter as far as its goals go, None for another scenario.

    The scenario keeps the rest of the quarter, not the quarter: each goal's target is
    what was left plus what was achieved, and a goal met by the check-in is back where the
    quarter has it, with its full target and its projects (``scenario.met``). Its projects
    are those not in progress (their values as in the quarter's data), so that a goal
    counts things (what was achieved reads whole) as the quarter's goal did
    (:func:`~planner.scenarios.counting_goals.counting_goals`).
    """
    checkin, plan = scenario.checkin, scenario.plan
    if checkin is None or plan is None:
        return None
    rest = with_met_goals(scenario.problem, scenario.met)
    met = {m.goal.goal_id for m in scenario.met}
    busy = checkin.ids_with(ProjectStatus.IN_PROGRESS)
    achieved = checkin.achieved
    goals = tuple(
        g if g.goal_id in met else replace(g, target=g.target + achieved.get(g.goal_id, ZERO))
        for g in rest.goals
    )
    waiting = tuple(p for p in rest.projects if p.project_id not in busy)
    return rest.replace(goals=goals, projects=waiting)


def _saved_forecasts(scenario: Scenario) -> list[GoalForecast] | None:
    """A saved check-in's goals at the quarter's end, as the Check-in page wrote them when it
    was made (its "Re-plan adds" among them), on :func:`_saved_quarter`'s goals."""
    quarter = _saved_quarter(scenario)
    if quarter is None or scenario.checkin is None or scenario.plan is None:
        return None
    achieved = scenario.checkin.achieved
    counts = counting_goals(quarter)
    values = planned_value(with_met_goals(scenario.problem, scenario.met), scenario.plan)
    return [
        GoalForecast(
            g.goal_id,
            g.name,
            g.kpi,
            g.target,
            achieved.get(g.goal_id, ZERO),
            values.get(g.goal_id, ZERO),
            kept_count(scenario.checkin, g.goal_id, counts),
            scenario.checkin.recorded.get(g.goal_id),
        )
        for g in quarter.goals
    ]


def _saved_odds(scenario: Scenario) -> pd.DataFrame | None:
    """A saved check-in's odds of each quarter target with its re-plan, as the Check-in
    page's odds table and its workbook give them (the baseline carried on is not kept)."""
    quarter = _saved_quarter(scenario)
    if quarter is None or scenario.checkin is None or scenario.plan is None:
        return None
    plan = scenario.plan
    checkin = scenario.checkin
    return replan_odds_frame(
        quarter, checkin.achieved, scenario.problem, plan, plan, recorded=checkin.recorded
    )


#: A check-in saved before its plan was kept as the Check-in page exported it (schema 15):
#: what its plan.csv and plan.xlsx lack, said in its workbook's Summary and scenario.json.
WEEKS_LEFT_ONLY = (
    "Saved before a check-in kept the plan it checked in on: this plan has the weeks left "
    'only, without the projects done or dropped at the check-in and without the "At the '
    'check-in" column. For them, check in again on the Check-in page and download the '
    "re-plan there."
)


def _weeks_left_only(scenario: Scenario) -> bool:
    """Whether ``scenario`` is a check-in saved before its exported plan was kept."""
    return scenario.checkin is not None and scenario.plan is not None and not scenario.checkin_plan


def _summary_note(scenario: Scenario) -> str | None:
    """What the saved scenario's figures and plan lack, for its workbook's Summary."""
    said = [
        *([unkept_words(scenario.met_unkept)] if scenario.met_unkept else []),
        *([WEEKS_LEFT_ONLY] if _weeks_left_only(scenario) else []),
    ]
    return " ".join(said) or None


def scenario_files(scenario: Scenario, parent_name: str | None = None) -> dict[str, bytes]:
    """File name -> bytes: the data folder, plan.csv and plan.xlsx (with a plan), scenario.json."""
    files: dict[str, bytes] = {}
    with zipfile.ZipFile(io.BytesIO(folder_zip(scenario.problem))) as data:
        for name in data.namelist():
            files[name] = data.read(name)
    if scenario.plan is not None:
        # Each project under its goal, one met at the check-in too, as the page's files.
        named = with_met_goals(scenario.problem, scenario.met)
        # A check-in's plan as the Check-in page exported it when it was saved: a row for
        # each project done or dropped too, and what the check-in did to each.
        exported = list(scenario.checkin_plan) or None
        files["plan.csv"] = (
            plan_csv_text(named, scenario.plan)
            if exported is None
            else rows_csv_text(exported, (*COLUMNS, CHECKIN_COLUMN))
        ).encode("utf-8")
        # A check-in's re-plan heads the quarter's end, as scenario.json and the list do.
        quarter_end = scenario.metrics if scenario.checkin is not None else None
        forecasts = _saved_forecasts(scenario)
        files["plan.xlsx"] = plan_workbook(
            scenario.problem,
            _result(scenario),
            scenario.metrics.kept_close,
            quarter_end,
            ()
            if scenario.checkin is None
            else scenario.checkin.ids_with(ProjectStatus.IN_PROGRESS),
            None if forecasts is None else replan_adds(forecasts),
            # Each goal at the quarter's end and its odds, as the page's table (the baseline
            # carried on is not kept: no "If we carry on").
            None
            if forecasts is None
            else quarter_end_sheet(forecasts, None, _saved_odds(scenario)),
            # Which scenario, as the Export page's plan.xlsx names it: a board sent the file
            # read a what-if's figures as the quarter's plan.
            built_on=None
            if scenario.scenario_id is None
            else saved_scenario_label(scenario.scenario_id, scenario.name),
            named=named,
            # A check-in saved before its met goals were kept, its parent gone: said as
            # `planner scenarios show` and the Scenarios page say it; one saved before its
            # exported plan was kept, that its Plan sheet has the weeks left only.
            note=_summary_note(scenario),
            rows=exported,
            weeks_gone=0
            if scenario.checkin is None
            else weeks_past(scenario.problem, scenario.checkin),
            # Why a whole count's forecast reads a decimal, as the check-in's own plan.xlsx.
            why_a_decimal=None
            if forecasts is None or scenario.checkin is None
            else forecast_decimals_words(
                scenario.problem,
                scenario.plan,
                forecasts,
                scenario.checkin.ids_with(ProjectStatus.IN_PROGRESS),
            ),
        )
    if scenario.checkin is not None:
        # With what its re-plan was made with: `planner checkin` on these files re-plans it.
        replan = replan_with(scenario.problem)
        files["checkin.toml"] = checkin_to_toml(scenario.checkin, replan=replan).encode("utf-8")
    info = scenario_json(scenario, parent_name)
    if _weeks_left_only(scenario):
        info["plan_note"] = WEEKS_LEFT_ONLY
    files["scenario.json"] = (json.dumps(info, ensure_ascii=True, indent=2) + "\n").encode()
    return files


def scenario_zip(scenario: Scenario, parent_name: str | None = None) -> bytes:
    """The scenario as one zip: :func:`scenario_files` at its root."""
    return zip_bytes(scenario_files(scenario, parent_name))


def not_exported_zip(scenario_id: int, name: str, why: Exception) -> bytes:
    """A zip holding only NOT-EXPORTED.txt: why scenario ``scenario_id`` was not exported.

    An export clicked in a tab that still showed a scenario deleted in another tab did
    nothing: the zip is made on the click, and its error reached the server's log only.
    """
    said = (
        f"Scenario #{scenario_id} ({name}) was not exported: it could not be read when the "
        f"button was clicked ({why}). It was probably deleted after the page was shown, in "
        "another tab or by another leader. Reload the Scenarios page to see the scenarios "
        "saved now.\n"
    )
    return zip_bytes({"NOT-EXPORTED.txt": said.encode("utf-8")})


#: The Summary's rows of percentages (their changes are in points).
ATTAINMENT_FIGURE = "Goal attainment (%, weighted)"
UTILISATION_FIGURE = BOTH_DEPARTMENTS_LABEL


def _float(value: object) -> float | None:
    return None if value is None else float(value)  # type: ignore[arg-type]


def _change(a: int | None, b: int | None) -> int | str:
    """A count's change from A to B, as the page's card shows it (blank when unknown)."""
    return "" if a is None or b is None else b - a


def comparison_sheets(
    diff: Comparison, chances: Mapping[str, tuple[float | None, float | None]] | None = None
) -> list[tuple[str, pd.DataFrame]]:
    """The comparison's sheets: Summary, Goals, Teams, Projects (names, not ids).

    ``chances``: each goal's chance (0 to 1) of reaching its target in A and B
    (:func:`planner.interfaces.odds_changes.chances_by_goal`), two more columns of Goals
    and a third of the change between them, as the page and the command line word it.
    """
    return [
        ("Summary", _summary_sheet(diff)),
        ("Goals", _goal_sheet(diff, chances)),
        ("Teams", _team_sheet(diff)),
        ("Projects", _project_sheet(diff)),
    ]


def _summary_sheet(diff: Comparison) -> pd.DataFrame:
    """The headline figures of A and B side by side, and what differs between their inputs."""
    a, b = diff.metrics_a, diff.metrics_b
    return pd.DataFrame(
        [
            ("Scenario", diff.name_a, diff.name_b, ""),
            (
                "Status",
                status_label(a.status.value, a.kept_close),
                status_label(b.status.value, b.kept_close),
                "",
            ),
            (
                ATTAINMENT_FIGURE,
                percent_value(a.attainment_pct),
                percent_value(b.attainment_pct),
                # Against A weighed as B weighs the goals, when they weigh them apart.
                diff.attainment_change_points,
            ),
            *[("Goal weights", "", "", words) for words in [diff.attainment_words()] if words],
            (
                UTILISATION_FIGURE,
                percent_value(a.utilisation_pct),
                percent_value(b.utilisation_pct),
                points_value(a.utilisation_pct, b.utilisation_pct),
            ),
            (
                "Projects in the plan",
                a.num_assigned,
                b.num_assigned,
                _change(a.num_assigned, b.num_assigned),
            ),
            (
                "Projects left out",
                a.num_unassigned,
                b.num_unassigned,
                _change(a.num_unassigned, b.num_unassigned),
            ),
            *[
                ("What differs", "", "", line)
                for line in (*diff.settings_changes, *diff.data_changes)
            ],
            # What the Teams sheet's hours are beside a check-in, as Compare says it.
            *[("Team hours", "", "", words) for words in [diff.team_hours_words()] if words],
        ],
        columns=["Figure", "A", "B", "Change"],
    )


def _goal_sheet(
    diff: Comparison, chances: Mapping[str, tuple[float | None, float | None]] | None
) -> pd.DataFrame:
    """Each goal's attainment in A and B (and its chance in each, when given)."""
    goals = pd.DataFrame(
        [
            (
                g.name,
                percent_value(g.percent_a),
                percent_value(g.percent_b),
                points_value(g.percent_a, g.percent_b),
            )
            for g in diff.goals
        ],
        columns=["Goal", "A (% of target)", "B (% of target)", "Change (pts)"],
    )
    if chances:
        pairs = [chances.get(g.goal_id, (None, None)) for g in diff.goals]
        goals[CHANCE_A] = [a for a, _ in pairs]
        goals[CHANCE_B] = [b for _, b in pairs]
        goals[CHANCE_CHANGE] = [_chance_change_cell(a, b) for a, b in pairs]
    return goals


def _chance_change_cell(before: float | None, after: float | None) -> int | str | None:
    """A goal's change of chance as the page words it: the whole points as a number
    (reading "-3 pts" under :func:`chance_points_format`), the page's words where the
    points are none ("no change", "up from 0 %", "up < 1 pt"); empty when unknown."""
    whole = chance_points_change(before, after)
    if whole:
        return whole
    words = chance_change(before, after)
    return None if words == NO_FIGURE else words


def _team_sheet(diff: Comparison) -> pd.DataFrame:
    """Each team's planned hours in A and B."""
    return pd.DataFrame(
        [
            (
                t.name,
                t.department.capitalize(),
                _float(t.hours_a),
                _float(t.hours_b),
                # B - A of the two columns beside it, exact (TeamDelta.delta_hours).
                float(t.delta_hours),
            )
            for t in diff.teams
        ],
        columns=["Team", "Department", "Planned in A (h)", "Planned in B (h)", "Change (h)"],
    )


def _project_sheet(diff: Comparison) -> pd.DataFrame:
    """Each project that changed owners or weeks, with the note and why."""
    return pd.DataFrame(
        [
            (
                c.kind,
                c.name,
                c.owners_text("before"),
                c.owners_text("after"),
                c.note,
                c.why,
                c.project_id,
            )
            for c in diff.projects
        ],
        columns=["Change", "Project", "Owners in A", "Owners in B", "Note", "Why", "Project ID"],
    )


def comparison_workbook(
    diff: Comparison, chances: Mapping[str, tuple[float | None, float | None]] | None = None
) -> bytes:
    """``comparison.xlsx``: :func:`comparison_sheets` as a workbook."""
    formats: dict[str, CellFormat] = {
        CHANCE_A: chance_format,
        CHANCE_B: chance_format,
        CHANCE_CHANGE: chance_points_format,
        **{h: hours_format for h in ("Planned in A (h)", "Planned in B (h)")},
        # Signed, as the page and the command line write a change (+20 h).
        "Change (h)": lambda hours: signed(hours_format(hours)),
        **{h: _percent for h in ("A (% of target)", "B (% of target)")},
        "Change (pts)": lambda _: POINTS_FORMAT,
    }
    # The Summary's columns hold percentages and counts: each percentage row its own.
    percent_row = {"A": _percent, "B": _percent, "Change": lambda _: POINTS_WITH_UNIT_FORMAT}
    rows = {figure: percent_row for figure in (ATTAINMENT_FIGURE, UTILISATION_FIGURE)}
    # A count's change signed, as the page's card writes it (+4 left out).
    count_row: dict[str, CellFormat] = {"Change": lambda _: SIGNED_COUNT_FORMAT}
    rows |= {figure: count_row for figure in ("Projects in the plan", "Projects left out")}
    return workbook_bytes(comparison_sheets(diff, chances), formats=formats, row_formats=rows)


def _percent(_: object) -> str:
    return PERCENT_FORMAT


__all__ = [
    "comparison_sheets",
    "comparison_workbook",
    "metrics_json",
    "scenario_files",
    "scenario_json",
    "scenario_zip",
]
