"""A goal's row reads at one precision, so that what it shows adds up.

A check-in's re-plan Goals sheet read "Target left" 32 beside "Re-plan adds" 20.3 and
"Short" 11: the target left was 31.5, rounded whole as every amount from 10 on is, while
the amount beside it kept its decimal (it reads its % of the target) and the shortfall
was rounded on its own. 20.3 + 11 is not 32. Each row's target and shortfall now take the
decimals of the figure beside them, and the shortfall is the difference of the two shown.
"""

from __future__ import annotations

import io

from openpyxl import load_workbook

from planner.core.shown_figures import goal_row_values
from planner.interfaces.exports import plan_workbook
from planner.scenarios.metrics import plan_metrics
from planner.solving.solver import solve
from tests.builders import goal, problem, project, team


def _shown(cell) -> str:
    """A number cell as its format shows it: its decimals ("#,##0.0": one)."""
    places = len(cell.number_format.partition(".")[2].split(";")[0].rstrip(' %"'))
    return f"{cell.value:,.{places}f}"


def test_a_row_s_target_and_shortfall_read_at_the_planned_figure_s_precision():
    assert goal_row_values(31.5, 20.3) == (31.5, 11.2)
    assert goal_row_values(40, 26.3) == (40.0, 13.7)  # 40 reads "40" either way
    assert goal_row_values(100_000, 86_425) == (100_000.0, 13_575.0)  # whole stays whole
    assert goal_row_values(31.54, 20.26) == (31.54, 11.28)
    assert goal_row_values(30, 31.2) == (30.0, 0.0)  # over target: short by nothing


def test_the_goals_sheet_adds_up_in_a_re_plan_and_a_plan():
    quarter = problem(
        [team("t", capacity=100)],
        [project("p", effort=10, value="20.3", goal_id="g")],
        goals=[goal("g", "31.5", kpi="new customers")],
    )
    result = solve(quarter)
    assert result.plan is not None
    (figures,) = plan_metrics(quarter, result.plan).goals
    assert float(figures.planned) == 20.3
    for adds in (None, {"g": 20.3}):  # a plan, and a re-plan's "Re-plan adds"
        book = load_workbook(io.BytesIO(plan_workbook(quarter, result, adds=adds)))
        header, row = list(book["Goals"].iter_rows(max_row=2))
        cells = {h.value: c for h, c in zip(header, row, strict=True)}
        shown = [_shown(cells[h]) for h in ("Target", "Planned", "Short by")]
        assert shown == ["31.5", "20.3", "11.2"], shown


def test_a_check_in_s_re_plan_goals_sheet_adds_up_under_its_own_headings():
    """plan.xlsx after a check-in heads the Goals sheet "Target left", "Re-plan adds" and
    "Short of the target left": the same one precision under those headings (31.5, 20.3,
    11.2; "Target left" once read 32 beside 20.3 and 11)."""
    from planner.scenarios.scenario import headline_metrics

    quarter = problem(
        [team("t", capacity=100)],
        [project("p", effort=10, value="20.3", goal_id="g")],
        goals=[goal("g", "31.5", kpi="new customers")],
    )
    result = solve(quarter)
    ends = headline_metrics(quarter, result)
    book = plan_workbook(quarter, result, quarter_end=ends, adds={"g": 20.3})
    header, row = list(load_workbook(io.BytesIO(book))["Goals"].iter_rows(max_row=2))
    cells = {h.value: c for h, c in zip(header, row, strict=True)}
    headings = ("Target left", "Re-plan adds", "Short of the target left")
    assert [_shown(cells[h]) for h in headings] == ["31.5", "20.3", "11.2"]
