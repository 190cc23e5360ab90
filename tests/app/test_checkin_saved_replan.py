"""A check-in saved from the Check-in page is reproducible: what its re-plan was made with
(the projects in progress ticked "May move", the limit on changes, how strongly the plan is
kept) is stored with it, written in its exported checkin.toml and shown again when the saved
check-in is opened on the Check-in page.
"""

from __future__ import annotations

from pathlib import Path

from app_pages import assert_clean, open_routed
from checkin_page import replan

from pages.ui import md
from planner.core.plan_csv import read_plan_csv
from planner.interfaces.cli import main
from planner.scenarios.storage import ScenarioStore

#: Two projects in progress at week 6 of data/sample, ticked "May move".
LET_MOVE = ("AW-02", "AW-07")


def _tick(app, project_ids):
    """Tick "May move" for ``project_ids`` in the Projects table, as an edit does."""
    tables = app.session_state["checkin-tables"]
    frame = tables["projects"]
    frame.loc[frame["project_id"].isin(project_ids), "unlock"] = True
    app.session_state["checkin-tables"] = tables
    return app.run()


def _owners_and_weeks(path: Path) -> dict[str, tuple]:
    plan = read_plan_csv(path.read_text(encoding="utf-8"))
    return {a.project_id: (a.team_id, a.start_week, a.end_week) for a in plan.assignments}


def test_a_saved_check_in_re_plans_from_its_exported_files_to_the_plan_saved(db, tmp_path, capsys):
    """Saved with two projects ticked "May move", the check-in's exported checkin.toml had
    no word of them: `planner checkin` on the exported files, at the same limit of 3
    changes, found no plan (exit 3), and only --unlock QU-07 RE-05 gave the saved plan. The
    file carries what the re-plan was made with, and the command re-plans to the saved plan.
    """
    app = open_routed("pages/checkin.py")
    assert_clean(app)
    projects = app.session_state["checkin-tables"]["projects"]
    going = set(projects.loc[projects["status"] == "in progress", "project_id"])
    assert set(LET_MOVE) <= going, sorted(going)
    app = replan(_tick(app, LET_MOVE))
    assert_clean(app)
    assert app.session_state["checkin-replan"]["params"][1] == frozenset(LET_MOVE)
    app.text_input[0].set_value("Week 6, two let move")
    app = app.button[-1].click().run()
    assert_clean(app)
    with ScenarioStore.open(db) as store:
        child = next(s for s in store.list() if s.name == "Week 6, two let move")
        loaded = store.load(child.scenario_id)
    assert loaded.problem.baseline is not None
    assert loaded.problem.baseline.unlocked == frozenset(LET_MOVE)
    parent_dir, child_dir = tmp_path / "baseline", tmp_path / "check-in"
    for scenario, folder in ((child.parent_id, parent_dir), (child.scenario_id, child_dir)):
        assert main(["scenarios", "export", str(scenario), str(folder), "--db", str(db)]) == 0
    text = (child_dir / "checkin.toml").read_text(encoding="utf-8")
    assert "[replan]" in text and '"AW-07"' in text and "max_changes = 3" in text
    capsys.readouterr()
    out = tmp_path / "again.csv"
    args = ["checkin", str(parent_dir), "--baseline", str(parent_dir / "plan.csv")]
    args += ["--checkin", str(child_dir / "checkin.toml"), "--out", str(out)]
    assert main(args) == 0, capsys.readouterr().err
    assert _owners_and_weeks(out) == _owners_and_weeks(child_dir / "plan.csv")


def test_a_saved_check_in_opened_again_shows_its_may_move_ticks(db):
    """Picked again as the baseline on the Check-in page, a saved check-in's projects in
    progress read with no "May move" ticked: the next re-plan held them where the saved one
    had let them move. Each still in progress is ticked again."""
    app = open_routed("pages/checkin.py")
    app = replan(_tick(app, LET_MOVE))
    app.text_input[0].set_value("Week 6, two let move")
    app = app.button[-1].click().run()
    assert_clean(app)
    with ScenarioStore.open(db) as store:
        child = next(s for s in store.list() if s.name == "Week 6, two let move")
    app = app.run()  # the list of baselines now has the saved check-in
    app.selectbox(key="checkin-baseline").select(child.scenario_id).run()
    assert_clean(app)
    projects = app.session_state["checkin-tables"]["projects"]
    ticked = set(projects.loc[projects["unlock"].astype(bool), "project_id"])
    going = set(projects.loc[projects["status"] == "in progress", "project_id"])
    assert ticked == set(LET_MOVE) & going and ticked, (ticked, sorted(going))


def test_a_saved_check_in_opened_again_shows_its_limit_and_how_strongly_it_kept_the_plan(db):
    """Picked again as the baseline, a saved check-in re-planned with at most 1 change and
    a stability of 8 read the page's defaults (3 changes, 5): a second re-plan with them
    was not the one saved. The boxes show what the saved re-plan was made with, and a
    saved check-in with no limit shows the limit switched off."""
    app = open_routed("pages/checkin.py")
    app.number_input(key="checkin-max-changes").set_value(1)
    app.number_input(key="checkin-stability").set_value(8.0)
    app = replan(app.run())
    app.text_input[0].set_value("Week 6, one change")
    app = app.button[-1].click().run()
    assert_clean(app)
    app.toggle(key="checkin-hard").set_value(False)
    app = replan(app.run())
    app.text_input[0].set_value("Week 6, no limit")
    app = app.button[-1].click().run()
    assert_clean(app)
    with ScenarioStore.open(db) as store:
        saved = {s.name: s.scenario_id for s in store.list()}
    app = app.run()  # the list of baselines now has the saved check-ins
    app.selectbox(key="checkin-baseline").select(saved["Week 6, one change"]).run()
    assert_clean(app)
    assert app.toggle(key="checkin-hard").value is True
    assert app.number_input(key="checkin-max-changes").value == 1
    assert app.number_input(key="checkin-stability").value == 8.0
    # Said, as `planner checkin` says its check-in file's [replan] was used.
    started = (
        "what the saved check-in's re-plan was made with (at most 1 change, the plan kept at 8)"
    )
    assert any(md(started) in c.value for c in app.caption), [c.value for c in app.caption]
    app.selectbox(key="checkin-baseline").select(saved["Week 6, no limit"]).run()
    assert_clean(app)
    assert app.toggle(key="checkin-hard").value is False
    assert app.number_input(key="checkin-stability").value == 8.0
    # Back on the current plan: the page's own defaults, not the last saved check-in's.
    app.selectbox(key="checkin-baseline").select("session").run()
    assert app.toggle(key="checkin-hard").value is True
    assert app.number_input(key="checkin-max-changes").value == 3
    assert app.number_input(key="checkin-stability").value == 5.0
    assert not any(md("saved check-in's re-plan") in c.value for c in app.caption)
