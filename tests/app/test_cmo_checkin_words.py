"""The words a CMO who had never seen the app stumbled on, walking Check-in (AppTest).

"Capacity in force (h)" spoke the planner's language where the Plan page, the cards and
plan.xlsx say "Capacity"; "Unlock" and "Baseline plan" named a mechanism, not what the
column and the picker do; the Data page's "Estimates" tab was the Plan page's "Teams' own
estimates". Each idea has one name, said in a leader's words.
"""

from __future__ import annotations

import json

from app_pages import assert_clean, open_routed


def _columns(app, prefix: str) -> dict:
    editor = next(e for e in app.data_editor if e.key and e.key.startswith(prefix))
    return json.loads(editor.proto.columns)


def _said(app) -> list[str]:
    """Every caption, warning, info and column heading or help the page shows."""
    texts = [e.value for kind in (app.caption, app.warning, app.info) for e in kind]
    for editor in app.data_editor:
        for column in json.loads(editor.proto.columns).values():
            texts += [column.get("label", ""), column.get("help", "")]
    return texts


def test_check_in_says_what_the_team_s_capacity_is_without_in_force():
    app = open_routed("pages/checkin.py")
    assert_clean(app)
    capacity = _columns(app, "checkin-hours-")["capacity_hours"]
    # As the Plan page's team load, plan.xlsx's Team load and the department cards name it.
    assert capacity["label"] == "Capacity (h)", capacity
    assert "this quarter" in capacity["help"], capacity
    # As the Overview's capacity card says it: "(the calendar's where it has rows)" read as
    # a riddle.
    assert "Calendar tab's hours where it has a row for the week" in capacity["help"], capacity
    assert "what-if" in capacity["help"], capacity
    assert not [t for t in _said(app) if "in force" in t.lower()], _said(app)


def test_check_in_s_unlock_column_and_baseline_picker_say_what_they_do():
    app = open_routed("pages/checkin.py")
    assert_clean(app)
    unlock = _columns(app, "checkin-projects-")["unlock"]
    assert unlock["label"] == "May move", unlock
    assert "already started" in unlock["help"] and "another team" in unlock["help"], unlock
    # Its help ended "(to unlock it)": the old name of the column, once more.
    assert "unlock" not in unlock["help"].lower(), unlock
    picker = app.selectbox(key="checkin-baseline")
    assert picker.label == "The plan you are checking in on", picker.label


def test_the_constraints_team_table_and_the_cards_name_capacity_as_check_in_does():
    app = open_routed("pages/constraints.py")
    assert_clean(app)
    teams = _columns(app, "cap-teams-")
    assert teams["in_force_hours"]["label"] == "Capacity", teams["in_force_hours"]
    cards = [m for m in app.metric if m.label.endswith("capacity")]
    assert cards and all(m.help.startswith("Capacity: the ") for m in cards), cards


def test_the_data_page_names_the_teams_own_estimates_as_the_plan_page_does():
    app = open_routed("pages/data.py")
    assert_clean(app)
    labels = [t.label for t in app.tabs]
    assert any(label.startswith("Teams' own estimates (") for label in labels), labels
    assert not any(label.startswith("Estimates") for label in labels), labels


def test_a_re_plan_without_a_plan_says_may_move_not_unlock():
    """Demand Gen's hours used typed as 1,000 at week 6: no re-plan keeps its work in
    progress, and the reasons said "Unlock 'Account-based plays …' so that Demand Gen may
    hand it over" beside the advice's 'Tick "May move"': the column's old name and its
    new one on one page. The reasons say the column's name too."""
    from app_pages import type_in_checkin

    app = open_routed("pages/checkin.py")
    app = type_in_checkin(app, "hours", "demand-gen", "hours_used", "1,000")
    assert_clean(app)
    app = next(b for b in app.button if b.label == "Re-plan").click().run()
    said = [e.value.replace("\\", "") for e in (*app.error, *app.warning)]  # md's escapes
    assert any("No plan meets every rule" in s for s in said), said
    reasons = next(s for s in said if "No plan meets every rule" in s).splitlines()[2:]
    # One wording with the CLI's ("let 'X' move (--unlock ID)"), the page's box named.
    assert any(
        "Let 'Account-based plays" in s and 'move (tick "May move" in the Projects table)' in s
        for s in reasons
    ), reasons
    assert not [s for s in said if "unlock" in s.lower()], said
