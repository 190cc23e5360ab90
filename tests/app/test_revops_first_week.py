"""A RevOps leader's first week on their own quarter: a check-in at week 6 with a goal
already met, and the re-plan's downloads read against the Check-in page.

``st.data_editor`` cannot be typed into from AppTest: the check-in is recorded in the
tables the editors start from (``checkin-tables``), as the Check-in page's own tests do.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
from app_pages import assert_clean, edit_checkin, open_routed
from builders import workbook_of

from planner.core.workbook import XLSX_MIME

ROOT = Path(__file__).resolve().parents[2]
GOAL = "expansion"
GOAL_NAME = "Expansion ARR (net revenue retention)"


def _serving(goal_id: str) -> set[str]:
    with (ROOT / "data" / "sample" / "projects.csv").open(encoding="utf-8") as file:
        return {r["project_id"] for r in csv.DictReader(file) if r["goal_id"] == goal_id}


def test_the_re_plan_s_downloads_keep_the_goal_of_a_goal_met_at_the_check_in(db, downloads):
    """At week 6 the leader recorded expansion ARR at its 900,000 target. The Check-in
    page's "Re-plan adds" still counted the QBR program and the add-on upsell toward it
    (477,700), but the re-plan's plan.csv and plan.xlsx wrote their rows with no goal: a
    pivot by goal read 0 for it, and the workbook's left-out renewal playbook had no goal.
    Each row names its goal, and plan.csv's values for it add up to what the page says the
    re-plan adds."""
    app = edit_checkin(open_routed("pages/checkin.py"), "goals", GOAL, "achieved", 900000.0)
    app = app.button(key="checkin-replan-button").click().run()
    assert_clean(app)
    adds = next(d.value for d in app.dataframe if "still_to_come" in d.value.columns)
    (added,) = adds.loc[adds["goal"] == GOAL_NAME, "still_to_come"]
    rows = list(
        csv.DictReader(
            io.StringIO(downloads["Download the re-plan (rest-of-quarter.csv)"].decode())
        )
    )
    goals = {r["project_id"]: r["goal_id"] for r in rows if r["project_id"] in _serving(GOAL)}
    assert len(goals) >= 2 and set(goals.values()) == {GOAL}, goals
    assert sum(float(r["value"]) for r in rows if r["goal_id"] == GOAL) == added == 477_700
    book = openpyxl.load_workbook(
        io.BytesIO(downloads["Download the re-plan (rest-of-quarter.xlsx)"])
    )
    plan = list(book["Plan"].iter_rows(values_only=True))
    column = plan[0].index("Goal ID")
    assert {r[column] for r in plan[1:] if r[0] in goals} == {GOAL}
    left_out = list(book["Left out"].iter_rows(values_only=True))
    named = {r[0]: r[left_out[0].index("Goal")] for r in left_out[1:] if r[0] in goals}
    assert named and set(named.values()) == {GOAL_NAME}, named


def test_the_data_page_offers_a_workbook_to_fill_in_that_imports_back(db, downloads):
    """A RevOps leader who lives in spreadsheets looked for a workbook to fill in: the
    Data page offered the templates as a zip of six CSV files and a settings.toml, and the
    current data (the sample's 51 projects) as a workbook. The template downloads as one
    workbook too: a sheet per table with its column headers and the default settings, which
    the leader fills in and uploads back."""
    app = open_routed("pages/data.py")
    assert_clean(app)
    book = openpyxl.load_workbook(io.BytesIO(downloads["Download the template (Excel)"]))
    sheets = {ws.title: list(ws.iter_rows(values_only=True)) for ws in book}
    assert list(sheets) == [
        "teams",
        "projects",
        "goals",
        "estimates",
        "rules",
        "calendar",
        "settings",
    ]
    assert all(len(rows) == 1 for name, rows in sheets.items() if name != "settings")
    headers = {name: list(rows[0]) for name, rows in sheets.items()}
    assert headers["teams"][:4] == ["team_id", "name", "department", "capacity_hours"]
    assert ("calendar.weeks", 13) in sheets["settings"]
    filled = {name: [list(r) for r in rows] for name, rows in sheets.items()}
    filled["teams"].append(["growth", "Growth Marketing", "marketing", 300])
    filled["goals"].append(["mql", "Leads from the web", "MQLs", 500])
    filled["projects"].append(["P01", "Google Ads rebuild", "mql", "lead_generation", 200, 300])
    upload = workbook_of(filled)
    app.file_uploader[0].set_value(("my-quarter.xlsx", upload, XLSX_MIME)).run()
    next(b for b in app.button if b.label.startswith("Import")).click().run()
    assert_clean(app)
    (imported,) = [s.value.replace("\\", "") for s in app.success if "Imported" in s.value]
    assert imported.endswith("goal attainment now 60.0 %; 1 of 1 project in the plan"), imported


def test_which_projects_change_lists_the_projects_a_what_if_reschedules(db):
    """Marketing at 95 %: 'Which projects change' on Constraints listed the drops, moves
    and additions, while the Scenarios page's "Since the previous plan" for the same what-if
    also named projects rescheduled with their teams, sales' closing work among them (a
    leader compared two pages and read two lists). The expander lists each rescheduled
    project with its team and weeks before and after, as Compare writes them."""
    app = open_routed("pages/overview.py")  # the current plan, as the leader last read it
    app.switch_page("pages/constraints.py").run()
    (slider,) = [s for s in app.slider if s.label == "Marketing capacity"]
    slider.set_value(95).run()
    assert_clean(app)
    listed = next(m.value for m in app.markdown if m.value.startswith("- **Left out** · "))
    said = [line.replace("\\", "") for line in listed.splitlines()]
    rescheduled = [line for line in said if line.startswith("- **Rescheduled** · ")]
    app.switch_page("pages/scenarios.py").run()
    assert_clean(app)
    (banner,) = [i.value.replace("\\", "") for i in app.info if "Since the previous" in i.value]
    named = banner.split("Rescheduled: ")[1].split(" · ")[0]
    # Five before the what-ifs kept the current plan's weeks when the score ties; one now.
    assert rescheduled, said
    for line in rescheduled:
        project, weeks = line.removeprefix("- **Rescheduled** · ").split(" (", 1)
        assert project in named, (project, named)
        assert ", weeks " in weeks and " → " in weeks, line


def test_a_sweep_s_today_row_says_the_plan_in_force_s_figure_beside_its_own(db):
    """Marketing at 90 % kept close to the plan before it (79.0 %, within 0.5 % of the best
    these settings allow), then a sweep of sales: its row at today's capacity read 79.2 %
    with 1 change and 1 project added, under cards reading 79.0 % for the same inputs. Each
    point is planned afresh, as the sweep's curve must be; the row says so, with the current
    plan's figure, so that the two figures on one page read as two plans."""
    app = open_routed("pages/constraints.py")
    (slider,) = [s for s in app.slider if s.label == "Marketing capacity"]
    slider.set_value(90).run()
    assert_clean(app)
    app.switch_page("pages/scenarios.py").run()
    (card,) = [m.value for m in app.metric if m.label == "Goal attainment"]
    app.selectbox(key="sweep-target").set_value("sales")
    app.slider(key="sweep-range").set_value((90, 110))
    app.number_input(key="sweep-steps").set_value(3)
    app = next(b for b in app.button if b.label == "Plan each step").click().run(timeout=300)
    assert_clean(app)
    table = next(d.value for d in app.dataframe if "changes" in d.value.columns)
    (today,) = table[table["capacity_pct"] == 100].to_dict("records")
    assert today["attainment_text"] != card and today["changes"] + today["added"] > 0, today
    # The plan the cards show, as this page names it ("% of the current plan's"): "the plan
    # in force" is the Constraints page's plan before the what-if.
    assert today["note"] == (f"planned afresh at the same capacity; the current plan reads {card}")
    others = table[table["capacity_pct"] != 100]
    assert not any(others["note"]), others
