"""The Constraints page's Pins and forbids: every project and team label whole at 1280 px."""

from __future__ import annotations

import json

from app_pages import PINS, assert_clean, grid_edit, open_routed, open_tab

from planner.core.editing import CHARACTER_PX, column_specs
from planner.core.tables import RULES


def test_pins_and_forbids_show_each_name_whole_with_the_page_s_width():
    """A CMO at 1280 px read "Annual user conference "Elevate" and "Brand & Comms (br": the
    table sat in the settings' column (423 px) with "medium" name columns. Now each name
    column is as wide as its longest name, as on the Data page, and while the tab is open
    the results stack under the settings so the table has the page's width. Then it read
    "Annual user confere... (AW-02)" and "Brand & Comms (brand)": each name reads whole and
    alone, an id only beside a name two rows share."""
    app = open_tab(open_routed("pages/constraints.py"), PINS)
    assert_clean(app)
    editor = next(e for e in app.data_editor if e.key and e.key.startswith("rules-"))
    config = json.loads(editor.proto.columns)
    problem = app.session_state["problem"]
    # Each name whole, without its id: "Annual user confere... (AW-02)" and "Brand & Comms
    # (brand)" cut a name where the table had room, and put the file's ids before a CMO.
    specs = column_specs(RULES, problem)
    for column, named in (
        ("project_id", {p.project_id: p.name for p in problem.projects}),
        ("team_id", {t.team_id: t.name for t in problem.teams}),
    ):
        labels = specs[column].labels
        assert labels == named, labels  # the sample's names are all told apart
        width = config[column]["width"]
        assert isinstance(width, int), (column, width)
        assert width >= max(len(n) for n in labels.values()) * CHARACTER_PX, (column, width)
    projects = specs["project_id"].labels
    assert projects is not None and projects["AW-02"].startswith("Annual user conference")
    # The settings and the results (side by side, a large gap between) are stacked.
    assert not [c for c in app.columns if c.gap == "large"]
    open_tab(app, "Capacity")
    assert len([c for c in app.columns if c.gap == "large"]) == 2  # side by side again


def test_a_refused_pin_is_said_in_the_table_s_words_not_the_csv_s():
    """A CMO pinned the annual user conference to Demand Gen as well (it is pinned to
    Brand & Comms) and left a row half filled, then pressed Apply: the refusal read
    "rules.csv", row 8, column "team_id", "project 'AW-02' is pinned to more than one team
    (brand on row 2, demand-gen on row 8)" and "Write the project's id." under a table
    headed Rule, Project and Team, of seven rows, that offers names to pick. It names the
    table, its rows as counted on screen, its headings and the names the cells show."""
    app = open_tab(open_routed("pages/constraints.py"), PINS)
    key = next(e.key for e in app.data_editor if e.key and e.key.startswith("rules-"))
    added = [
        {"project_id": "AW-02", "team_id": "demand-gen", "rule": "pin"},
        {"project_id": None, "team_id": None, "rule": "pin"},
    ]
    app.session_state[key] = grid_edit(added=added)
    app.run()
    next(b for b in app.button if b.label == "Apply pins and forbids").click().run()
    assert_clean(app)
    (said,) = [e.value for e in app.error if "not applied" in e.value]
    assert "spreadsheet" not in said and "first row is row 1" in said, said
    (table,) = [d.value for d in app.dataframe if "problem" in d.value.columns]
    shown = " ".join(str(v) for v in table.to_numpy().ravel())
    for csv_word in ("rules.csv", "project_id", "team_id", "AW-02", "demand-gen", "'s id"):
        assert csv_word not in shown, (csv_word, shown)
    assert set(table["file"]) == {"Pins and forbids"}
    assert sorted(set(table["row"])) == ["7", "8"]
    assert set(table["column"]) == {"Project", "Team"}
    assert "(Brand & Comms on row 1, Demand Gen on row 7)" in shown, shown
    assert "Annual user conference" in shown and "Pick the project." in shown, shown


def test_a_row_without_its_rule_is_refused_as_the_table_picks_it():
    """A row with its project and team but no rule read "Rule is empty." and "Write pin or
    forbid." under a Rule column whose cells offer pin and forbid to pick, as "Write the
    team's id." did under Team. It says "Pick pin or forbid.", nothing is applied."""
    app = open_tab(open_routed("pages/constraints.py"), PINS)
    before = app.session_state["problem"]
    key = next(e.key for e in app.data_editor if e.key and e.key.startswith("rules-"))
    app.session_state[key] = grid_edit(added=[{"project_id": "QU-06", "team_id": "mm-ae"}])
    app.run()
    next(b for b in app.button if b.label == "Apply pins and forbids").click().run()
    assert_clean(app)
    assert app.session_state["problem"] == before
    (table,) = [d.value for d in app.dataframe if "problem" in d.value.columns]
    (row,) = table.to_dict("records")
    assert (row["file"], row["row"], row["column"]) == ("Pins and forbids", "7", "Rule"), row
    added = 'The row you added (it reads "Pipeline generation blitz: Mid-Market Q3", '
    assert row["problem"] == f'{added}"Mid-Market AEs"): Rule is empty.', row
    assert row["fix"] == "Pick pin or forbid.", row


def test_a_row_repeating_a_rule_applies_once_and_the_table_shows_the_rules_in_force():
    """A CMO added a forbid that was already there (Pipeline generation blitz, SDR Team)
    and pressed Apply: the rules came out as they were, and the table still showed the
    repeated row with Apply on, which then did nothing, without a word. The table shows
    the rules in force, Apply off, and a line says the repeated row counts once."""
    app = open_tab(open_routed("pages/constraints.py"), PINS)
    before = app.session_state["problem"].rules
    key = next(e.key for e in app.data_editor if e.key and e.key.startswith("rules-"))
    added = [{"project_id": "QU-06", "team_id": "sdr", "rule": "forbid"}]
    app.session_state[key] = grid_edit(added=added)
    app.run()
    next(b for b in app.button if b.label == "Apply pins and forbids").click().run()
    assert_clean(app)
    assert app.session_state["problem"].rules == before
    (table,) = [e for e in app.data_editor if e.key and e.key.startswith("rules-")]
    assert len(table.value) == len(before)
    (apply,) = [b for b in app.button if b.label == "Apply pins and forbids"]
    assert apply.disabled
    (said,) = [i.value.replace("\\", "") for i in app.info if "Applied" in i.value]
    assert said == (
        "Applied. Row 7: the same rule is already on row 4. It counts once, as the table now shows."
    ), said


def test_a_refused_pin_is_named_by_the_row_number_the_table_shows():
    """ "Pins and forbids, row 7" under a table that showed no row numbers: the CMO counted
    rows by hand, and with a row deleted above, the count was one off. The table numbers
    its rows from 1, as the refusal does, and a row deleted above keeps the others' numbers."""
    app = open_tab(open_routed("pages/constraints.py"), PINS)
    before = app.session_state["problem"]
    editor = next(e for e in app.data_editor if e.key and e.key.startswith("rules-"))
    assert list(editor.value.index) == list(range(1, len(before.rules) + 1))
    assert json.loads(editor.proto.columns)["_index"]["label"] == "Row"
    # The first row deleted; a row with its project and team but no rule added at the end.
    added = [{"project_id": "QU-06", "team_id": "mm-ae"}]
    app.session_state[editor.key] = grid_edit(added=added, deleted=[0])
    app.run()
    next(b for b in app.button if b.label == "Apply pins and forbids").click().run()
    assert_clean(app)
    assert app.session_state["problem"] == before
    (table,) = [d.value for d in app.dataframe if "problem" in d.value.columns]
    (row,) = table.to_dict("records")
    assert (row["row"], row["column"]) == (str(len(before.rules) + 1), "Rule"), row


def _refused_rules(**edits: object) -> dict[tuple[str, str], str]:
    """The Pins and forbids table's refusals of ``edits`` (:func:`grid_edit`'s), by (row,
    column) as the page says them."""
    app = open_tab(open_routed("pages/constraints.py"), PINS)
    key = next(e.key for e in app.data_editor if e.key and e.key.startswith("rules-"))
    app.session_state[key] = grid_edit(**edits)  # type: ignore[arg-type]
    app.run()
    next(b for b in app.button if b.label == "Apply pins and forbids").click().run()
    assert_clean(app)
    (table,) = [d.value for d in app.dataframe if "problem" in d.value.columns]
    return {(r["row"], r["column"]): r["problem"] for r in table.to_dict("records")}


def test_a_refused_row_added_in_the_pins_is_named_by_what_it_reads_as_in_the_data_grids():
    """The Data page's grids name a refused row typed in them by what it reads ("The row
    you added (it reads ...)"), the Pins and forbids table did not: one rule for both, in
    the table's order and words (the rule, then the names it shows). A row the rules had
    is not called added."""
    added = [{"project_id": "AW-02", "team_id": "demand-gen", "rule": "pin"}, {"rule": "forbid"}]
    said = _refused_rules(added=added)
    assert said[("8", "Project")] == 'The row you added (it reads "forbid"): Project is empty.'
    assert said[("7", "Team")].startswith(
        'The row you added (it reads "pin", "Annual user conference "Elevate", keynote & '
        'expo booth", "Demand Gen"): \'Annual user conference'
    ), said
    assert _refused_rules(edited={0: {"team_id": None}}) == {("1", "Team"): "Team is empty."}


def test_a_project_forbidden_from_every_team_says_its_what_if_once():
    """Ten forbids of the SEO hub, applied with the pins and forbids open (the results then
    stack under the settings at every width): the what-if line showed above the tabs and
    again under the table, the same long sentence twice, each naming three forbids and "7
    more". It shows once, above the tabs, whole, and names the change once."""
    app = open_tab(open_routed("pages/constraints.py"), PINS)
    key = next(e.key for e in app.data_editor if e.key and e.key.startswith("rules-"))
    teams = [t.team_id for t in app.session_state["problem"].teams]
    added = [{"project_id": "AW-01", "team_id": t, "rule": "forbid"} for t in teams]
    app.session_state[key] = grid_edit(added=added)
    app.run()
    next(b for b in app.button if b.label == "Apply pins and forbids").click().run()
    assert_clean(app)
    lines = [i.value for i in app.info if "goal attainment" in i.value]
    assert len(lines) == 1, lines
    (line,) = lines
    assert line.startswith(f"All {len(teams)} teams forbidden from"), line
    assert "more pins and forbids" not in line
    assert "1 project left out \\(SEO pillar pages" in line, line  # the whole line, names too


def test_a_pin_to_a_team_that_may_not_own_the_project_is_refused_where_it_is_made():
    """A VP Sales pinned the SEO hub (awareness work, content and SEO at level 3) to the SDR
    Team and pressed Apply: it was applied as a what-if, and the plan read "No plan meets
    every rule". It is refused in its row, with why and the team that may own it; nothing
    is applied."""
    app = open_tab(open_routed("pages/constraints.py"), PINS)
    before = app.session_state["problem"]
    key = next(e.key for e in app.data_editor if e.key and e.key.startswith("rules-"))
    added = [{"project_id": "AW-01", "team_id": "sdr", "rule": "pin"}]
    app.session_state[key] = grid_edit(added=added)
    app.run()
    next(b for b in app.button if b.label == "Apply pins and forbids").click().run()
    assert_clean(app)
    assert app.session_state["problem"] == before
    assert any("not applied" in e.value for e in app.error)
    (table,) = [d.value for d in app.dataframe if "problem" in d.value.columns]
    (row,) = table.to_dict("records")
    assert (row["row"], row["column"]) == (str(len(before.rules) + 1), "Team"), row
    assert "the stage policy gives awareness work to Marketing only" in row["problem"], row
    assert row["fix"] == "Pin it to a team that may own it (Content), or delete the row."
    assert not [s for s in app.success if "No plan" in s.value]


def test_a_row_being_added_reads_empty_not_none():
    """A CMO adding a pin read "None" in the new row's Row and in its Team before picking
    one: the grid draws a missing value as "None" unless told otherwise, which a leader
    reads as a value (a team named None). The table shows an empty cell as empty, as the
    Data page's tables do."""
    app = open_tab(open_routed("pages/constraints.py"), PINS)
    assert_clean(app)
    editor = next(e for e in app.data_editor if e.key and e.key.startswith("rules-"))
    assert editor.proto.HasField("placeholder") and editor.proto.placeholder == ""
