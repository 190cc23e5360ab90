"""A calendar row's capacity_hours typed as its range's total, or in the wrong unit.

capacity_hours in calendar.csv is the hours of each week of the row's weeks (SPEC). A
leader who wrote Content's quarter as "content,1-13,900" (900 h, the figure in
teams.csv, over the quarter) gave Content 900 h in every week: 11,700 h, 13 times its
quarter, planned without a word ("Marketing capacity: 15,147 h"), as was a week of
999,999,999 h. A team whose weeks add up to more than twice its teams.csv quarter is
warned at the row that gives the most hours a week; it stays a warning, as SPEC lets the
weeks set a team's quarter (a hire from week 6).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from planner.core.cells import MessageWords
from planner.core.editing import rebuilt
from planner.core.errors import InvalidInputError, Severity
from planner.core.generate import generate_folder
from planner.core.loading import load_with_warnings
from planner.core.tables import CALENDAR, TEAMS
from planner.core.writing import problem_to_frames

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"


def _calendar_warnings(tmp_path: Path, rows: list[str], drop: str | None = None) -> list:
    data = Path(shutil.copytree(SAMPLE, tmp_path / "data"))
    lines = (data / "calendar.csv").read_text(encoding="utf-8").splitlines()
    kept = [line for line in lines if drop is None or not line.startswith(f"{drop},")]
    (data / "calendar.csv").write_text("\n".join(kept + rows) + "\n", encoding="utf-8")
    return [w for w in load_with_warnings(data).warnings if w.file == "calendar.csv"]


def test_a_range_given_the_quarters_hours_is_warned_with_the_weekly_figure(tmp_path):
    (warning,) = _calendar_warnings(tmp_path, ["content,1-13,900"], drop="content")
    assert warning.severity is Severity.WARNING
    assert (warning.row, warning.column) == (13, "capacity_hours")
    assert warning.message == (
        "team 'content' gets 11,700 h in the quarter from its weeks (900 h a week in weeks "
        "1-13 here), 13 times its 900 h in teams.csv: capacity_hours is the hours of each "
        "week of the row's weeks, not of the weeks together."
    ), warning.message
    assert warning.fix == (
        "If 900 h is the hours of weeks 1-13 together, write 69.2 (900 h over 13 weeks). If "
        "the team really has these hours, write 11700 as its capacity_hours in teams.csv."
    ), warning.fix


def test_the_figures_the_fix_gives_are_taken_as_typed(tmp_path):
    """Content's 8,500 h over weeks 7-13 was told to "write 1,214.3" a week, or "59,915"
    in teams.csv: each refused when typed ("it has a thousands separator"). The fix gives
    plain decimals, as typed where it says: the team's quarter loads so."""
    (warning,) = _calendar_warnings(tmp_path / "a", ["content,7-13,8500"], drop="content")
    assert "write 1214.3 (8,500 h over 7 weeks)" in warning.fix, warning.fix
    assert "write 59915 as its capacity_hours" in warning.fix, warning.fix
    data = tmp_path / "a" / "data"
    teams = pd.read_csv(data / "teams.csv", dtype=str, keep_default_na=False)
    teams.loc[teams.team_id == "content", "capacity_hours"] = "59915"
    teams.to_csv(data / "teams.csv", index=False)
    assert load_with_warnings(data).problem.team("content").capacity_hours == 59915


def test_a_week_typed_in_another_unit_is_warned(tmp_path):
    (warning,) = _calendar_warnings(tmp_path, ["sdr,3,999999999"])
    assert (warning.row, warning.column) == (17, "capacity_hours")
    assert warning.message.startswith(
        "team 'sdr' gets 1,000,000,907 h in the quarter from its weeks (999,999,999 h in week "
        "3 here), 1,000,001 times its 1,000 h in teams.csv"
    ), warning.message
    assert warning.fix.startswith("Check the units: write the hours of week 3 alone."), warning.fix


@pytest.mark.parametrize(
    "rows",
    [
        [],  # the sample's own calendar: weeks near its teams' quarters
        ["sdr,6-13,140"],  # a team that doubles from week 6: 2 x its quarter at most
        ["sdr,1-13,0"],  # a team away the whole quarter
    ],
)
def test_weeks_near_the_teams_quarter_or_below_are_not_warned(tmp_path, rows):
    assert _calendar_warnings(tmp_path, rows, drop="sdr" if rows else None) == []


@pytest.mark.parametrize("seed", range(6))
def test_generated_quarters_in_weeks_are_not_warned(tmp_path, seed):
    folder = tmp_path / f"q{seed}"
    generate_folder(folder, 12, 60, seed=seed, weeks=True)
    assert [w for w in load_with_warnings(folder).warnings if w.file == "calendar.csv"] == []


def test_every_row_over_a_week_already_given_is_told_at_once(tmp_path):
    """'sdr,1-13,50' over the sample's 'sdr,1,61.5', then 'sdr,5,10' inside the new range:
    the first overlap stopped the range's weeks being noted, so row 18 was told only once
    row 17 was fixed, a second round of validation for a problem there from the start."""
    from planner.core.errors import InvalidInputError

    data = Path(shutil.copytree(SAMPLE, tmp_path / "data"))
    with (data / "calendar.csv").open("a", encoding="utf-8") as calendar:
        calendar.write("sdr,1-13,50\nsdr,5,10\n")
    with pytest.raises(InvalidInputError) as raised:
        load_with_warnings(data)
    told = [(e.row, e.column, e.message) for e in raised.value.errors]
    assert told == [
        (17, "week", "team 'sdr' already has week 1 on row 2 (week 1)."),
        (18, "week", "team 'sdr' already has week 5 on row 17 (weeks 1-13)."),
    ], told


@pytest.fixture(scope="module")
def sample():
    """The bundled sample quarter."""
    return load_with_warnings(SAMPLE).problem


#: As the Constraints page's "a team's weeks" control names them: it writes calendar.csv's
#: capacity_hours as "Hours a week" and shows no file.
CONTROL = MessageWords(
    columns={
        (CALENDAR, "capacity_hours"): '"Hours a week"',
        (TEAMS, "capacity_hours"): '"Own hours in the quarter"',
    },
    files={TEAMS: "the Data page's Teams table"},
)


def test_the_loader_says_a_calendar_row_in_the_words_it_is_given(sample):
    """A page that writes the Calendar row itself gets the loader's words in its own, not
    rewritten by string replacement: "has capacity_hours 0 in teams.csv" read 'has "Hours
    a week" 0 in teams.csv' there, a week's column named for the team's quarter."""
    teams = problem_to_frames(sample)[TEAMS]
    teams.loc[teams["team_id"] == "content", "capacity_hours"] = "0"
    calendar = problem_to_frames(sample)[CALENDAR]
    rows = calendar[calendar["team_id"] != "content"]
    rows = pd.concat(
        [rows, pd.DataFrame([{"team_id": "content", "week": "9-13", "capacity_hours": "40"}])]
    )
    _, warnings = rebuilt(sample, {TEAMS: teams, CALENDAR: rows}, words=CONTROL)
    (idle,) = [w for w in warnings if w.file == CALENDAR and "content" in w.message]
    assert idle.column == "capacity_hours"  # where it is, in the file's own name
    assert idle.message == (
        "team 'content' has \"Own hours in the quarter\" 0 in the Data page's Teams table, "
        "but this row gives it 40 h a week in weeks 9-13, and those hours are planned (a "
        "team's quarter is the sum of its weeks)."
    ), idle.message
    assert idle.fix == (
        'To take the team out of the quarter, set this row\'s "Hours a week" to 0 or '
        "delete the row; otherwise give the team its quarter's hours in the Data page's "
        "Teams table."
    ), idle.fix


def test_a_cell_check_names_the_column_in_the_words_it_is_given(sample):
    calendar = problem_to_frames(sample)[CALENDAR]
    calendar.loc[0, "capacity_hours"] = "10000000000000"
    with pytest.raises(InvalidInputError) as raised:
        rebuilt(sample, {CALENDAR: calendar}, words=CONTROL)
    (error,) = raised.value.errors
    assert (
        error.message
        == "'10,000,000,000,000' is too large for \"Hours a week\" (at most 1,000,000,000)."
    )
    with pytest.raises(InvalidInputError) as raised:
        rebuilt(sample, {CALENDAR: calendar})
    (error,) = raised.value.errors
    assert (
        error.message
        == "'10,000,000,000,000' is too large for capacity_hours (at most 1,000,000,000)."
    )
