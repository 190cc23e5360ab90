"""A mandatory project no team's weeks can hold, said at load time (attack round 32).

AW-03 (row 4; PR:3, so Brand & Comms alone, 200 h over 5 weeks from week 7) made
mandatory while calendar.csv gives Brand & Comms 0 h in weeks 7-13 read "valid" in
`planner validate`, exit 0, and `planner solve` then found no plan: "Brand & Comms has no
room for its 40.0 h a week in weeks 7-13". So did a mandatory project of more hours than
any team that may take it has in the quarter. Both are now warned of on the project's row
as stopping every plan, and `validate` says so beside "valid".
"""

from __future__ import annotations

from builders import SAMPLE, cli_said, sample_copy, set_cell

from planner.core.loading import load_with_warnings
from planner.core.week_inputs import NO_PLAN
from planner.interfaces.cli import main

AW_03 = 4  # projects.csv row
AW_02 = 3  # mandatory, pinned to Brand & Comms for weeks 2-12: set free here


def brand_away(tmp_path, weeks: str, hours: str = "0"):
    """The sample with AW-03 mandatory, AW-02 optional and unpinned, and Brand & Comms at
    ``hours`` a week in ``weeks``."""
    data = sample_copy(tmp_path)
    set_cell(data / "projects.csv", AW_03, "mandatory", "true")
    set_cell(data / "projects.csv", AW_02, "mandatory", "")
    rules = data / "rules.csv"
    rules.write_text(
        rules.read_text(encoding="utf-8").replace("AW-02,brand,pin\n", ""), encoding="utf-8"
    )
    with (data / "calendar.csv").open("a", encoding="utf-8") as calendar:
        calendar.write(f"brand,{weeks},{hours}\n")
    return data


def weeks_warnings(data):
    return [w for w in load_with_warnings(data).warnings if w.column == "mandatory"]


def test_a_mandatory_project_in_its_only_teams_weeks_away_stops_every_plan(tmp_path, capsys):
    data = brand_away(tmp_path, "7-13")
    (warning,) = weeks_warnings(data)
    assert (warning.file, warning.row) == ("projects.csv", AW_03)
    assert warning.message == (
        "it needs 40.0 h a week for 5 weeks within weeks 7-13, and Brand & Comms, the one "
        "team its stage, skills and rules allow, has 0 h a week at most there; it is "
        f"mandatory, so {NO_PLAN}."
    ), warning.message
    assert "calendar.csv" in warning.fix and "make it optional" in warning.fix
    assert main(["validate", str(data)]) == 0
    out = capsys.readouterr().out
    assert "valid, but no plan can be made until the mandatory project" in out, out
    # The warning is right: the search finds no plan either.
    code, _ = cli_said(["solve", str(data), "--out", str(tmp_path / "plan.csv")], capsys)
    assert code == 3 and not (tmp_path / "plan.csv").exists()


def test_weeks_that_hold_it_but_never_enough_in_a_row_are_said_so(tmp_path):
    """Away in weeks 9 and 12: each 5-week run from week 7 on has one of them."""
    data = brand_away(tmp_path, "9", "0")
    with (data / "calendar.csv").open("a", encoding="utf-8") as calendar:
        calendar.write("brand,12,0\n")
    (warning,) = weeks_warnings(data)
    assert (
        "Brand & Comms, the one team its stage, skills and rules allow, has 0 h a week at most "
        "in weeks 9 and 12, so no 5 weeks running there hold it;"
    ) in warning.message, warning.message


def test_a_run_of_weeks_that_holds_it_is_no_warning(tmp_path, capsys):
    """Away in weeks 12-13: weeks 7-11 hold its 40 h a week (53 h each)."""
    data = brand_away(tmp_path, "12-13")
    assert weeks_warnings(data) == []
    code, _ = cli_said(["solve", str(data), "--out", str(tmp_path / "plan.csv")], capsys)
    assert code == 0


def test_a_mandatory_project_past_every_teams_quarter_stops_every_plan_too(tmp_path):
    """NU-01 (row 20) is mandatory: 5,000 h is more than the 1,379 h of Demand Gen."""
    data = sample_copy(tmp_path)
    set_cell(data / "projects.csv", 20, "effort_hours", "5000")
    (warning,) = [w for w in load_with_warnings(data).warnings if w.column == "effort_hours"]
    assert f"so no team can take it; it is mandatory, so {NO_PLAN}." in warning.message
    assert weeks_warnings(data) == []  # said once, on effort_hours


def test_the_sample_has_no_such_project():
    assert weeks_warnings(SAMPLE) == []


def test_a_pin_whose_team_has_no_run_of_weeks_for_it_is_said_by_validate(tmp_path, capsys):
    """AW-02 (optional here) pinned to Brand & Comms, 34.5 h a week in each of weeks 2-12,
    with Brand & Comms at 30 h in weeks 5-6: `validate` read "valid", and `solve` found no
    plan ("is pinned to Brand & Comms, but Brand & Comms has no room ...")."""
    data = sample_copy(tmp_path)
    set_cell(data / "projects.csv", AW_02, "mandatory", "")
    with (data / "calendar.csv").open("a", encoding="utf-8") as calendar:
        calendar.write("brand,5-6,30\n")
    assert weeks_warnings(data) == []  # not mandatory: the loader says nothing
    assert main(["validate", str(data)]) == 0
    printed = capsys.readouterr()
    said = printed.out + printed.err
    assert "valid, but no plan can be made until the pin warned about above is fixed" in said
    assert (
        'warning: rules.csv, row 2, column team_id: \'Annual user conference "Elevate", '
        "keynote & expo booth' is pinned to Brand & Comms, but Brand & Comms has no room for "
        "its 34.5 h a week in weeks 5-6"
    ) in said, said
    assert "give the team more hours in those weeks (calendar.csv), or delete the row." in said
