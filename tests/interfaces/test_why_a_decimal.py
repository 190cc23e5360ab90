"""A goal counted in whole units (customers, meetings) read with a decimal says why, in the
same words on the Overview, the Plan page, `planner solve` (text and --json) and plan.xlsx;
and a project's value reads as the data gives it wherever it is shown.

The data may give a project's impact with a decimal (20.3 new customers): its goal's planned
figure keeps it (26.3 of 40 reads 65.8 %, 26 would read 65.0 %), and read with no word a
count of 26.3 customers looks like a mistake. The project's value read whole from 10 on
("20" on the Plan page and the Plan sheet, 20 + 6 beside the goal's 26.3), and 89.9 meetings
of a target of 90 read "90" on the Plan page and in `planner explain` ("brings 90 meetings
... (99.9 % of its target)").
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import openpyxl
import pytest
from builders import cli_printed, goal, problem, project, settings, team

from planner.core.cell_formats import contribution_format
from planner.core.loading import load_with_warnings, write_folder
from planner.core.shown_figures import amount_value, contribution, contribution_value
from planner.core.uncertainty import goal_odds
from planner.interfaces.odds_charts import drivers_frame
from planner.scenarios.why_a_decimal import WHY_A_DECIMAL
from planner.solving.solver import solve

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"
#: The sentence's own figures, as every surface writes them.
FIGURES = "26.3 new customers (New logos) and 89.9 meetings (Meetings)"
EXAMPLES = "(Close plan: 20.3 new customers; Webinars: 89.9 meetings)"


@pytest.fixture
def fractional(tmp_path) -> Path:
    """20.3 and 6 new customers of a target of 40, and 89.9 meetings of a target of 90."""
    folder = tmp_path / "quarter"
    write_folder(
        problem(
            [team("aes", "sales", 100, name="AEs")],
            [
                project("a", "closing", 30, "20.3", goal_id="logos", name="Close plan"),
                project("b", "closing", 30, 6, goal_id="logos", name="Deal desk"),
                project("c", "closing", 30, "89.9", goal_id="mtg", name="Webinars"),
            ],
            goals=[
                goal("logos", 40, name="New logos", kpi="new customers"),
                goal("mtg", 90, name="Meetings", kpi="meetings"),
            ],
            settings=settings(),
        ),
        folder,
    )
    return folder


def _unescaped(markdown: str) -> str:
    return re.sub(r"\\(.)", r"\1", markdown)


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (20.3, 20.3),  # whole from 10 on read 20
        (89.9, 89.9),  # read 90, a target of 90
        (2300, 2300),
        (116.66666666666667, 116.667),  # a cell's three decimals
        (0.000004, 0.000004),  # never 0: two significant digits, as any amount
    ],
)
def test_a_projects_value_reads_as_the_data_gives_it(value, shown):
    assert contribution_value(value) == shown
    assert contribution(89.9, "meetings") == "89.9 meetings"
    assert contribution_format(20.3) == "#,##0.0"


def test_solve_says_why_a_goal_of_whole_units_reads_a_decimal_in_text_json_and_workbook(
    fractional, tmp_path
):
    """One sentence, the same words: under the goals in `planner solve`, --json's
    why_a_decimal, and a Summary row of plan.xlsx; the Plan sheet's values keep their
    decimal (20.3, never "20"; 89.9, never "90")."""
    book = tmp_path / "plan.xlsx"
    text = cli_printed(["solve", str(fractional), "--out", str(book)])
    (line,) = [x for x in text.splitlines() if WHY_A_DECIMAL in x]
    why = line.strip().removeprefix(f"{WHY_A_DECIMAL}: ")
    assert why.startswith(FIGURES) and EXAMPLES in why, why
    out = json.loads(
        cli_printed(["solve", str(fractional), "--json", "--out", str(tmp_path / "p.csv")])
    )
    assert out["why_a_decimal"] == why
    workbook = openpyxl.load_workbook(book)
    summary = {r[0].value: r[1].value for r in workbook["Summary"].iter_rows()}
    assert summary[WHY_A_DECIMAL] == why
    plan = list(workbook["Plan"].iter_rows())
    column = [c.value for c in plan[0]].index("Value (KPI units)")
    cells = {row[0].value: row[column] for row in plan[1:]}
    assert (cells["a"].value, cells["a"].number_format) == (20.3, "#,##0.0")
    assert (cells["c"].value, cells["c"].number_format) == (89.9, "#,##0.0")


def test_explain_reads_a_projects_value_as_its_goals_percent_does(fractional):
    """89.9 meetings is 99.9 % of 90: "value 90 meetings" and "brings 90 meetings ... (99.9 %
    of its target)" read one figure two ways."""
    text = cli_printed(["explain", str(fractional), "c"])
    assert "value 89.9 meetings" in text, text
    assert "brings 89.9 meetings to 'Meetings' (99.9 % of its target)" in text, text


def test_the_sample_whose_counts_are_whole_says_nothing_of_decimals(tmp_path):
    text = cli_printed(["solve", str(SAMPLE), "--out", str(tmp_path / "plan.csv")])
    assert WHY_A_DECIMAL not in text
    out = json.loads(
        cli_printed(["solve", str(SAMPLE), "--json", "--out", str(tmp_path / "p.csv")])
    )
    assert "why_a_decimal" not in out


def test_the_odds_drivers_range_reads_whole_from_ten_and_the_estimate_as_the_plan(tmp_path):
    """The sample's MQLs: LG-06's range scaled to its owner's own estimate read
    "116.666666666667" MQLs low in the Overview's table of uncertain projects."""
    sample = load_with_warnings(SAMPLE).problem
    result = solve(sample)
    assert result.plan is not None
    drivers = drivers_frame(sample, goal_odds(sample, result.plan)["mqls"])
    raw = {d.project_id: d for d in goal_odds(sample, result.plan)["mqls"].drivers}
    assert raw["LG-06"].low != int(raw["LG-06"].low), "the case this test is about"
    for row in drivers.to_dict("records"):
        d = raw[row["project_id"]]
        assert (row["low"], row["high"]) == (amount_value(d.low), amount_value(d.high))
        assert row["value"] == contribution_value(d.mode)
    lg06 = drivers.set_index("project_id").loc["LG-06"]
    assert lg06["low"] == 117


def test_the_overview_and_plan_page_say_why_and_the_plan_keeps_the_decimal(
    fractional, tmp_path, monkeypatch
):
    from app_pages import assert_clean, open_routed

    monkeypatch.setenv("PLANNER_DATA", str(fractional))
    monkeypatch.setenv("PLANNER_DB", str(tmp_path / "planner.duckdb"))
    for page in ("pages/overview.py", "pages/plan.py"):
        app = open_routed(page)
        assert_clean(app)
        (why,) = [_unescaped(c.value) for c in app.caption if WHY_A_DECIMAL in c.value]
        assert why.startswith(f"{WHY_A_DECIMAL}: {FIGURES}") and EXAMPLES in why, why
        if page == "pages/plan.py":
            (assigned,) = [d.value for d in app.dataframe if "project_id" in d.value.columns]
            values = dict(zip(assigned["project_id"], assigned["value"], strict=True))
            assert values == {"a": 20.3, "b": 6, "c": 89.9}


def test_the_export_pages_preview_reads_a_projects_value_as_the_file_does(
    fractional, tmp_path, monkeypatch
):
    """The preview under the downloads read "20 new customers" and "90 meetings" where the
    file it previews holds 20.3 and 89.9."""
    from app_pages import assert_clean, open_routed

    monkeypatch.setenv("PLANNER_DATA", str(fractional))
    monkeypatch.setenv("PLANNER_DB", str(tmp_path / "planner.duckdb"))
    app = open_routed("pages/export.py")
    assert_clean(app)
    (preview,) = [d.value for d in app.dataframe if "Value (KPI units)" in d.value.columns]
    values = sorted(preview["Value (KPI units)"])
    assert values == ["20.3 new customers", "6 new customers", "89.9 meetings"], values


def test_what_to_do_next_says_a_goals_shortfall_as_its_goals_row_does(tmp_path):
    """20.3 + 6 of 40 new customers planned, a third project left out for want of hours:
    "What to do next" read "(14 new customers short)" where the Goals table and plan.xlsx's
    "Short by" read 26.3 planned and 13.7 short."""
    from planner.interfaces.exports import goals_sheet
    from planner.interfaces.next_steps import next_steps
    from planner.scenarios.metrics import result_metrics

    quarter = problem(
        [team("aes", "sales", 100, name="AEs")],
        [
            project("a", "closing", 30, "20.3", goal_id="logos", name="Close plan"),
            project("b", "closing", 30, 6, goal_id="logos", name="Deal desk"),
            project("c", "closing", 30, "89.9", goal_id="mtg", name="Webinars"),
            project("d", "closing", 30, 1, goal_id="logos", name="Referral push"),
        ],
        goals=[
            goal("logos", 40, name="New logos", kpi="new customers"),
            goal("mtg", 90, name="Meetings", kpi="meetings"),
        ],
        settings=settings(),
    )
    result = solve(quarter)
    assert result.plan is not None
    assert [u.project_id for u in result.plan.unassigned] == ["d"], "the case this is about"
    (row,) = [
        r
        for r in goals_sheet(result_metrics(quarter, result)).to_dict("records")
        if r["Goal"] == "New logos"
    ]
    assert (row["Planned"], row["Short by"]) == (26.3, 13.7)
    steps = next_steps(quarter, result)
    assert any("(13.7 new customers short); 1 of its projects is left out" in s for s in steps), (
        steps
    )


def test_the_plan_pages_empty_left_out_names_a_filter_only_when_one_is_set(
    fractional, tmp_path, monkeypatch
):
    """Every project of the quarter planned, no filter set: the Plan page read "Every project
    (in this filter) is in the plan."; the filter is named only once one is picked."""
    from app_pages import assert_clean, open_routed

    monkeypatch.setenv("PLANNER_DATA", str(fractional))
    monkeypatch.setenv("PLANNER_DB", str(tmp_path / "planner.duckdb"))
    app = open_routed("pages/plan.py")
    assert_clean(app)
    assert [s.value for s in app.success if "Every" in s.value] == ["Every project is in the plan."]
    next(m for m in app.multiselect if m.label == "Goal").select("New logos").run()
    assert_clean(app)
    said = [s.value for s in app.success if "Every" in s.value]
    assert said == ["Every project in this filter is in the plan."]
