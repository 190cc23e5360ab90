"""What a CMO or VP Sales who never saw the app reads, page by page, on the sample.

Each test is a figure or a sentence a newcomer found wrong or unclear: a
capacity that read differently on two pages, an arrow for no change, a
sentence that said the opposite of the data.
"""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from app_pages import assert_clean, open_routed
from app_server import ROOT
from streamlit.proto.Metric_pb2 import Metric
from streamlit.testing.v1 import AppTest

from planner.core.domain import Problem, Project
from planner.core.loading import load_with_warnings
from planner.core.shown_figures import hours
from planner.scenarios.metrics import plan_metrics
from planner.solving.solver import solve


@pytest.fixture(scope="module")
def sample() -> Problem:
    """The bundled sample quarter, as the app loads it (planned in weeks, with a calendar)."""
    return load_with_warnings(ROOT / "data" / "sample").problem


def opened_with(problem: Problem, page: str) -> AppTest:
    """The app on ``page`` with ``problem`` as the session's inputs."""
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    app.session_state["problem"] = problem
    app.run().switch_page(page).run()
    return app


def test_a_team_s_capacity_on_constraints_is_the_one_plan_and_export_show(sample):
    """Constraints' per-team "Capacity (h)" is the quarter's hours the plan may use at 100 %.

    It read teams.csv's figure (Content 900 h) while the Export workbook's team
    load and the load chart's tick read the calendar's (944 h, a writer hired
    mid-quarter): the same label, two numbers. And the rows add up to the cards beside
    them: they read 5,320 h for sales while the Sales card said 5,319 h (the exact sum);
    the card is the exact sum rounded once, and the rows add up to it (SDR 984 h).
    """
    app = open_routed("pages/constraints.py")
    assert_clean(app)
    table = next(e for e in app.data_editor if e.key and e.key.startswith("cap-teams-")).value
    shown = dict(zip(table["team"], table["capacity_hours"], strict=True))
    figures = plan_metrics(sample, solve(sample).plan)
    for team in figures.teams:
        assert shown[team.name] == float(team.shown_in_force), team.name
        assert abs(shown[team.name] - float(team.in_force_hours)) < 1, team.name
    content = next(t for t in sample.teams if t.team_id == "content")
    assert shown["Content"] == 944 != float(content.capacity_hours) == 900
    # The department cards beside the table add up its rows, as a leader checks them.
    rows = table
    for department in ("Marketing", "Sales"):
        mine = rows[rows["department"] == department]
        card = next(m for m in app.metric if m.label == f"{department} capacity")
        assert card.value == hours(mine["capacity_hours"].sum()), department
        assert card.value == hours(mine["in_force_hours"].sum()), department
    assert next(m for m in app.metric if m.label == "Sales capacity").value == "5,319 h"
    assert shown["Demand Gen"] == 1378  # as the Plan page and the export read it


def test_no_plan_is_not_explained_as_projects_without_a_range(sample):
    """Infeasible inputs: the Overview says there are no odds because there is no plan.

    It said "Every project's impact is a single number" while the sample's
    projects all have a range: a leader would go and add ranges that exist.
    """
    impossible = Project("X-1", "Impossible launch", "awareness", Decimal(10_000), mandatory=True)
    app = opened_with(sample.replace(projects=(*sample.projects, impossible)), "pages/overview.py")
    assert_clean(app)
    captions = [c.value for c in app.caption]
    assert not any("single number" in c for c in captions)
    assert any("No plan, so no odds" in c for c in captions)


def test_one_problem_in_an_upload_is_one_to_fix():
    """One problem: "fix it and try again" (it read "1 problem ...: fix them")."""
    app = open_routed("pages/data.py")
    sample_teams = (ROOT / "data" / "sample" / "teams.csv").read_bytes()
    teams = sample_teams.replace(b",sales,1000,", b",sales,1e12,", 1)
    assert teams != sample_teams
    app.file_uploader[0].set_value(("teams.csv", teams, "text/csv")).run()
    next(b for b in app.button if b.label.startswith("Import")).click().run()
    assert_clean(app)
    (error,) = app.error
    assert "1 problem in the data: fix it and try again" in error.value


def _many_issues() -> None:
    """A script for AppTest: 1,200 problems and 1,500 warnings in a data folder."""
    from pages.issue_tables import show_issues
    from planner.core.errors import InputIssue

    rows = [InputIssue("projects.csv", r, "value", "not a number") for r in range(2, 1202)]
    warned = [InputIssue("teams.csv", r, "notes", "unknown column") for r in range(2, 1502)]
    show_issues(rows, warned)


def test_a_thousand_problems_are_counted_as_every_other_count_is():
    """The count of problems spelled its own plural and wrote "1200 problems in the data",
    where every other count on the pages reads 1,200 (and "1500 warnings")."""
    app = AppTest.from_function(_many_issues).run()
    assert_clean(app)
    assert "1,200 problems in the data: fix them and try again" in app.error[0].value
    assert app.expander[0].label.startswith("1,500 warnings: the data was read")


GRAY, NO_ARROW = Metric.MetricColor.GRAY, Metric.MetricDirection.NONE


def save_current(app: AppTest, name: str) -> AppTest:
    app.text_input[0].input(name)
    return next(b for b in app.button if b.label == "Save scenario").click().run()


def test_comparing_a_plan_with_itself_shows_no_change_without_arrows_or_empty_charts(db):
    """A and B the same plan: the cards say so without a red "+0" arrow and no chart of zeros.

    The status reads in words as the scenario list says it ("The best plan possible"), and
    the two delta charts, whose axis read "0.000000", become one line each.
    """
    # Saved twice: with one scenario, the current plan itself, Compare says what to do.
    from planner.scenarios.scenario import new_scenario
    from planner.scenarios.storage import ScenarioStore

    sample = load_with_warnings(ROOT / "data" / "sample").problem
    with ScenarioStore.open(db) as store:
        for name in ("Q3 base", "Q3 base, again"):
            store.save(new_scenario(sample, solve(sample), name))
    app = open_routed("pages/scenarios.py")
    app.selectbox(key="compare-a").set_value(1)
    app.selectbox(key="compare-b").set_value(2).run()
    assert_clean(app)
    cards = {m.label: m for m in app.metric}
    # In a line of its own: a card a fifth of the page wide cut it to "Optimal: …".
    assert "Status (B)" not in cards
    assert any(
        c.value == "Outcome of A: The best plan possible · of B: The best plan possible"
        for c in app.caption
    )
    for label in ("Projects in the plan (B)", "Goal attainment (B)", "Left out (B)"):
        card = cards[label]
        assert card.delta in ("+0", "0.0 pts"), label
        # No green or red, and no arrow, for no change.
        assert (card.proto.color, card.proto.direction) == (GRAY, NO_ARROW), label
    said = [m.value for m in app.markdown]
    assert any("every team has the same planned hours" in m for m in said)
    assert any("every goal is planned at the same % of target" in m for m in said)


def test_scenario_charts_name_departments_as_every_other_chart(sample):
    """The comparison's legend reads "Marketing" and "Sales", as the Plan page's charts."""
    from planner.interfaces.scenario_charts import team_delta_chart, team_delta_frame
    from planner.scenarios.compare import compare
    from planner.scenarios.scenario import new_scenario

    result = solve(sample)
    base = new_scenario(sample, result, "A")
    frame = team_delta_frame(compare(base, base))
    spec = team_delta_chart(frame).to_dict()
    legend = spec["layer"][0]["encoding"]["color"]["legend"]
    assert "upper(" in legend["labelExpr"]


def test_a_left_out_project_s_value_is_written_in_its_goal_s_unit():
    """The Plan page's left-out list mixes goals: 8,000 is website visitors, 380 is MQLs.

    Its "Value" column read bare numbers side by side, with no goal beside them.
    """
    app = open_routed("pages/plan.py")
    assert_clean(app)
    (left_out,) = [t.value for t in app.table if "Why it is left out" in t.value.columns]
    # st.table cells are Markdown, so the page escapes them: read them unescaped.
    unescaped = left_out.map(lambda v: v.replace("\\", "") if isinstance(v, str) else v)
    value = dict(zip(unescaped["ID"], unescaped["Value"], strict=True))
    assert value["AW-03"] == "8,000 website visitors"
    assert value["LG-04"] == "380 MQLs"


def test_a_wrapped_table_shows_its_text_literally_whatever_the_column_type():
    """A near-certain goal's odds read "> 99 %": in the check-in's odds table the cell
    became a Markdown quote, drawn as "99 %" behind a grey bar, and "pipeline $ ...
    pipeline $" could become formula text. pandas 3 keeps text in ``str`` columns, not
    ``object`` ones, so the escaping that went by column type escaped nothing.
    """

    def script() -> None:
        import pandas as pd

        from pages.ui import wrapped_table

        wrapped_table(pd.DataFrame({"Chance": ["> 99 %"], "Words": ["*a* $1 and $2"]}))

    app = AppTest.from_function(script).run()
    assert_clean(app)
    (table,) = app.table
    assert list(table.value.iloc[0]) == ["\\> 99 \\%", "\\*a\\* \\$1 and \\$2"]


def test_a_planned_project_s_value_is_read_with_its_goal_s_unit():
    """The Plan page's Assignments read "Value 22,000" for the SEO hub and "460" for the
    webinars, bare numbers of two units, under a "Left out" table that reads "8,000 website
    visitors" and "380 MQLs". Each value reads in its goal's KPI in the cell (the test of
    what the cells read is in test_leader_session.py), the number still a number, and the
    Value header's help says what it counts.
    """
    app = open_routed("pages/plan.py")
    assert_clean(app)
    table = next(d for d in app.dataframe if "hours" in d.value.columns)
    assigned = table.value
    # In sight on a laptop: who owns it, its hours and its value come first.
    shown = list(table.proto.column_order)
    assert shown[:5] == ["project", "project_id", "team", "hours", "value"], shown
    assert "KPI" in json.loads(table.proto.columns)["value"]["help"]
    rows = assigned.set_index("project_id")
    assert (rows.loc["AW-01", "value"], rows.loc["AW-01", "kpi"]) == (22_000, "website visitors")
    assert (rows.loc["LG-01", "value"], rows.loc["LG-01", "kpi"]) == (460, "MQLs")


def test_the_data_page_says_the_calendar_changes_a_team_s_quarter():
    """Data, Teams: SDR Team reads 1000 under "capacity in hours this quarter", while the
    Constraints page, the Overview's cards, the check-in and planner solve count 985 h (the
    calendar's week 1). The Teams tab says its figure is before the calendar's weeks.
    """
    app = open_routed("pages/data.py")
    assert_clean(app)
    (teams,) = [c.value for c in app.caption if c.value.startswith("Sales and marketing teams")]
    assert "Calendar tab" in teams and "Constraints page" in teams


def test_the_plan_s_tables_name_each_project_before_its_id():
    """The Plan page's Assignments and Left out tables opened on the project's id ("AW-03"),
    a code a CMO does not know, its name second. Each reads the name first, the id after it
    to look a project up by, as the Overview's table of projects' ranges does."""
    import json

    app = open_routed("pages/plan.py")
    assert_clean(app)
    assigned = next(d for d in app.dataframe if "hours" in d.value.columns)
    order = list(assigned.proto.column_order)
    assert order[:2] == ["project", "project_id"], order
    assert json.loads(assigned.proto.columns)["project_id"]["label"] == "ID"
    (left_out,) = [t.value for t in app.table if "Why it is left out" in t.value.columns]
    assert list(left_out.columns)[:2] == ["Project", "ID"], list(left_out.columns)
    overview = open_routed("pages/overview.py")
    assert_clean(overview)
    ranges = next(d for d in overview.dataframe if "low" in d.value.columns)
    assert list(ranges.proto.column_order)[:2] == ["project", "project_id"]


@pytest.mark.parametrize("page", ["pages/plan.py", "pages/constraints.py"])
def test_the_load_chart_says_why_content_has_944_h_where_its_own_hours_read_900(page, sample):
    """The Team load chart's tick read 944 h for Content, whose own hours on the Data page
    read 900 h, with nothing on the page saying why: the caption under the chart says its
    Calendar rows give it more, week by week (planner.interfaces.plan_frames.capacity_note)."""
    from pages.ui import md
    from planner.interfaces.plan_frames import capacity_note

    app = open_routed(page)
    assert_clean(app)
    note = capacity_note(sample, solve(sample).plan)
    assert note is not None and "Content has 944 h, more than its own 900 h" in note
    assert md(note) in [c.value for c in app.caption]


def test_the_check_in_s_hours_table_says_why_content_has_944_h_where_its_own_read_900(sample):
    """The Check-in's hours table reads Content's capacity 944 h beside its own 900 h: the
    caption under it says why, in the table's word ("Capacity"), as the load chart does."""
    from pages.ui import md
    from planner.interfaces.plan_frames import capacity_note

    app = open_routed("pages/checkin.py")
    assert_clean(app)
    note = capacity_note(sample, solve(sample).plan, label="Capacity")
    assert note is not None and "Content has 944 h, more than its own 900 h" in note
    assert md(note) in [c.value for c in app.caption]
