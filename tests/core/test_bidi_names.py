"""Names whose characters show in another order, and ids holding a character nobody sees
(attack round 14).

A team named U+202E (the right-to-left override) then 'sEA tekraM-diM' validated without a
word, and the Plan page's load chart and heatmap drew two rows 'Mid-Market AEs' in Chromium
(the real one and this one); a goal named U+202E 'draeh ,seton 5 :stniop 12' read '21 points:
5 notes, heard' in every chart's axis and legend. The command line shows such a name escaped;
the pages' tables and charts, and plan.xlsx, show it as the override orders it. A reference to
an id refused for a character nobody sees was told to "Write '\\ufeffmm-ae'": to type the
invisible character into the other files too.
"""

from __future__ import annotations

import pytest
from builders import cli_said, sample_copy, set_cell

from planner.core.identifiers import escaped, name_key
from planner.core.unseen import reordering_controls

RLO = "\u202e"


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code, err = cli_said(argv, capsys)
    assert RLO not in err
    return code, err


def test_a_name_reads_as_the_override_orders_it():
    assert name_key(f"{RLO}sEA tekraM-diM") == "Mid-Market AEs"
    assert name_key(f"Team {RLO}BA\u202c East") == "Team AB East"
    assert reordering_controls("Team \u202aB\u202c") == ["\u202a", "\u202c"]
    assert reordering_controls("צוות שיווק") == []  # right-to-left text needs none


def test_a_team_name_that_shows_as_another_teams_is_warned_and_refused(tmp_path, capsys):
    data = sample_copy(tmp_path)
    set_cell(data / "teams.csv", 2, "name", f"{RLO}sEA tekraM-diM")
    code, err = _run(["validate", str(data)], capsys)
    assert code == 2, err
    assert (
        "teams.csv, row 2, column name: the name '\\u202esEA tekraM-diM' holds U+202E "
        "(RIGHT-TO-LEFT OVERRIDE), which shows the characters after it in reverse order: the "
        "pages, charts and plan.xlsx show it as 'Mid-Market AEs'."
    ) in err, err
    assert "Fix: Retype the name without it (right-to-left text" in err
    assert (
        "error: teams.csv, row 3, column name: the name 'Mid-Market AEs' (row 3) is already "
        "the name of team 'sdr' (row 2)"
    ) in err, err


def test_a_goal_name_that_shows_as_figures_is_warned(tmp_path, capsys):
    data = sample_copy(tmp_path)
    set_cell(data / "goals.csv", 2, "name", f"{RLO}draeh ,seton 5 :stniop 12")
    code, err = _run(["validate", str(data)], capsys)
    assert code == 0, err
    assert "goals.csv, row 2, column name:" in err, err
    assert "show it as '21 points: 5 notes, heard'" in err


def test_a_project_name_with_an_embedding_is_warned_without_a_reading(tmp_path, capsys):
    data = sample_copy(tmp_path)
    set_cell(data / "projects.csv", 3, "name", "Partner \u202bwebinar\u202c series")
    code, err = _run(["validate", str(data)], capsys)
    assert code == 0, err
    assert (
        "projects.csv, row 3, column name: the name 'Partner \\u202bwebinar\\u202c series' "
        "holds U+202B (RIGHT-TO-LEFT EMBEDDING) and U+202C (POP DIRECTIONAL FORMATTING), "
        "which change the order the pages, charts and plan.xlsx show its characters in."
    ) in err, err


def test_right_to_left_names_without_controls_are_not_warned(tmp_path, capsys):
    data = sample_copy(tmp_path)
    set_cell(data / "teams.csv", 2, "name", "צוות מכירות")
    set_cell(data / "goals.csv", 2, "name", "زيارات الموقع")
    code, err = _run(["validate", str(data)], capsys)
    assert code == 0, err
    assert "warning" not in err, err


def test_a_reference_to_an_id_holding_an_invisible_character_is_not_told_to_type_it(
    tmp_path, capsys
):
    data = sample_copy(tmp_path)
    set_cell(data / "teams.csv", 3, "team_id", "\ufeffmm-ae")
    code, err = _run(["validate", str(data)], capsys)
    assert code == 2
    assert "Write '\\ufeffmm-ae'" not in err, err
    assert "upper and lower case" not in err, err
    assert (
        "calendar.csv, rows 3-4 (2 rows), column team_id: the team 'mm-ae' is not in "
        "teams.csv, which has '\\ufeffmm-ae', an id refused for a character nobody can see "
        "(\\ufeff). Fix: Retype that id in teams.csv as 'mm-ae'; this reference is right."
    ) in err, err


@pytest.mark.parametrize(
    ("file", "row", "what", "typed", "row_id"),
    [
        ("teams.csv", 2, "team", "\u200b", "sdr"),
        ("goals.csv", 2, "goal", "\u2060\u200d", "visitors"),
        ("projects.csv", 2, "project", "\u200b \u200b", "AW-01"),
    ],
)
def test_a_name_of_only_characters_nobody_sees_is_shown_by_its_id_and_warned(
    tmp_path, capsys, file, row, what, typed, row_id
):
    """A name of only spaces is shown by its id; one of only zero-width characters validated
    without a word and was blank on every page, chart and in plan.csv (attack round 14)."""
    from planner.core.loading import load_with_warnings

    data = sample_copy(tmp_path)
    set_cell(data / file, row, "name", typed)
    code, err = _run(["validate", str(data)], capsys)
    assert code == 0, err
    assert f"{file}, row {row}, column name: the name '" in err, err
    assert (
        f"holds only characters nobody can see, so it would show blank: the {what} is "
        f"shown by its id '{row_id}'. Fix: Type a name, or leave the cell empty."
    ) in err, err
    problem = load_with_warnings(data).problem
    shown = {
        "team": {t.team_id: t.name for t in problem.teams},
        "goal": {g.goal_id: g.name for g in problem.goals},
        "project": {p.project_id: p.name for p in problem.projects},
    }[what]
    assert shown[row_id] == row_id


def test_two_teams_of_invisible_names_are_not_said_to_share_one(tmp_path, capsys):
    data = sample_copy(tmp_path)
    set_cell(data / "teams.csv", 2, "name", "\u200b")
    set_cell(data / "teams.csv", 3, "name", "\u2060")
    code, err = _run(["validate", str(data)], capsys)
    assert code == 0, err
    assert "is shown by this name too" not in err, err


def test_an_id_with_a_variation_selector_after_a_letter_is_refused_showing_it(tmp_path, capsys):
    """U+FE0F (a variation selector) is a mark, not a format character: 'sdr\\ufe0f' looked
    exactly like 'sdr' and was a second team, validated without a word (attack round 14)."""
    data = sample_copy(tmp_path)
    with (data / "teams.csv").open("a", encoding="utf-8") as f:
        f.write("sdr\ufe0f,Other SDRs,sales,100,,,\n")
    code, err = _run(["validate", str(data)], capsys)
    assert code == 2, err
    assert "\ufe0f" not in err
    assert (
        "teams.csv, row 12, column team_id: the team id 'sdr\\ufe0f' holds characters nobody "
        "can see: \\ufe0f (VARIATION SELECTOR-16)."
    ) in err, err


@pytest.mark.parametrize("hidden", ["\ufe0f", "\u034f", "\U000e0100", "\u3164"])
def test_a_name_with_a_mark_nobody_sees_is_refused_as_the_name_without_it(tmp_path, capsys, hidden):
    data = sample_copy(tmp_path)
    set_cell(data / "teams.csv", 3, "name", f"SDR{hidden} Team")
    code, err = _run(["validate", str(data)], capsys)
    assert code == 2, err
    assert (
        f"error: teams.csv, row 3, column name: the name '{escaped(f'SDR{hidden} Team')}' "
        "(row 3) is already the name of team 'sdr' (row 2)"
    ) in err, err


def test_an_emoji_keeps_its_presentation_selector_on_the_terminal():
    from planner.core.identifiers import escaped, invisible_characters

    for emoji in ("\u2764\ufe0f Team", "\u2600\ufe0e", "1\ufe0f\u20e3 Squad"):
        assert escaped(emoji) == emoji
        assert invisible_characters(emoji) == []
    assert escaped("sdr\ufe0f") == "sdr\\ufe0f"
    assert name_key("\u2764\ufe0f Team") == name_key("\u2764 Team")


@pytest.mark.parametrize(
    "name",
    [
        "\u2068Ana García\u2069",  # first-strong isolate, as apps wrap a name they show
        "\u2066Sales Development\u2069",  # left-to-right isolate
        "Team \u202aEMEA\u202c",  # left-to-right embedding
        "SDR Team\u2069",  # a pop with nothing to pop
    ],
)
def test_a_left_to_right_name_in_an_isolate_or_embedding_is_not_warned(tmp_path, capsys, name):
    """A name copied from an app that wraps names in a first-strong isolate (U+2068 ...
    U+2069) shows as typed: with no right-to-left letter in it, a left-to-right or
    first-strong isolate or embedding, or a pop, changes nothing a reader sees, and a
    leader was warned that the pages show it in another order."""
    data = sample_copy(tmp_path)
    set_cell(data / "teams.csv", 2, "name", name)
    code, err = _run(["validate", str(data)], capsys)
    assert code == 0, err
    assert "warning" not in err, err


@pytest.mark.parametrize("name", ["\u2067Sales 2\u2069", "\u2068צוות 2\u2069 East"])
def test_a_right_to_left_isolate_or_one_around_right_to_left_text_is_still_warned(
    tmp_path, capsys, name
):
    data = sample_copy(tmp_path)
    set_cell(data / "teams.csv", 2, "name", name)
    code, err = _run(["validate", str(data)], capsys)
    assert code == 0, err
    assert "teams.csv, row 2, column name: the name '" in err, err
    assert "which change the order the pages, charts and plan.xlsx show" in err, err
