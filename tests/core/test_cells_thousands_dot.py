"""A figure written with a dot between thousands: "1.000" in a capacity or a value.

A spreadsheet set to German, French, Spanish or Italian writes a thousand "1.000"; a
Google Sheets CSV export or a copy of the shown cells keeps it so. The planner reads a
dot as the decimal point (SPEC: plain decimals), so "1.000" was a team of 1 hour, or a
project worth 12, without a word: the team then took no project and nobody said why.
"""

from __future__ import annotations

import pytest

from planner.core.errors import InvalidInputError, Severity
from planner.core.loading import load_with_warnings

TEAMS = "team_id,department,capacity_hours\nm1,marketing,{m1}\ns1,sales,{s1}\n"
PROJECTS = "project_id,stage,effort_hours,value\nP1,nurturing,10,{value}\nP2,closing,20,5\n"


def _loaded(tmp_path, m1: str = "480", s1: str = "480", value: str = "5"):
    (tmp_path / "teams.csv").write_text(TEAMS.format(m1=m1, s1=s1), encoding="utf-8")
    (tmp_path / "projects.csv").write_text(PROJECTS.format(value=value), encoding="utf-8")
    return load_with_warnings(tmp_path)


def _dotted(loaded):
    return [w for w in loaded.warnings if "dot between thousands" in w.message]


def test_a_thousand_written_with_a_dot_is_read_as_written_and_said(tmp_path):
    loaded = _loaded(tmp_path, m1='"1.000"', value="12.000")
    assert loaded.problem.team("m1").capacity_hours == 1  # read as SPEC reads it
    warned = {(w.file, w.row, w.column): w for w in _dotted(loaded)}
    assert set(warned) == {("teams.csv", 2, "capacity_hours"), ("projects.csv", 2, "value")}
    team = warned["teams.csv", 2, "capacity_hours"]
    assert team.severity == Severity.WARNING
    assert "'1.000' reads as 1" in team.message, team.message
    assert team.fix == "Write 1000 for 1,000, or 1 to keep 1.", team.fix
    value = warned["projects.csv", 2, "value"]
    assert "'12.000' reads as 12" in value.message
    assert value.fix == "Write 12000 for 12,000, or 12 to keep 12.", value.fix


def test_figures_with_decimals_as_the_planner_writes_them_say_nothing(tmp_path):
    """1.5, 1.250 and 0.500 (a spreadsheet's fixed three decimals) are no thousands: only
    a dot followed by three zeros reads as one."""
    for m1, value in [("1.5", "12.25"), ("1.250", "0.500"), ("1000", "1.0"), ("1000.000", "5")]:
        assert _dotted(_loaded(tmp_path, m1=m1, value=value)) == [], (m1, value)


def test_a_file_of_them_is_named_ten_times_not_once_a_row(tmp_path):
    """A whole export in that form names the pattern at ten rows, not at every row."""
    rows = "".join(f"P{i},nurturing,10,{i % 9 + 1}.000\n" for i in range(40))
    (tmp_path / "teams.csv").write_text(TEAMS.format(m1="480", s1="480"), encoding="utf-8")
    (tmp_path / "projects.csv").write_text(PROJECTS.splitlines()[0] + "\n" + rows, "utf-8")
    assert len(_dotted(load_with_warnings(tmp_path))) == 10


def test_weeks_counts_and_weights_are_never_told_of_thousands(tmp_path):
    """A week, a count of projects, a goal's weight or a week's hours of '3.000' is 3
    written with three decimals, never three thousand: "Write 3000 for 3,000" would be
    nonsense there."""
    (tmp_path / "teams.csv").write_text(
        "team_id,department,capacity_hours,max_projects\nm1,marketing,480,3.000\ns1,sales,480,\n",
        encoding="utf-8",
    )
    (tmp_path / "projects.csv").write_text(
        "project_id,stage,effort_hours,value,goal_id,duration_weeks,due_week\n"
        "P1,nurturing,10,5,g,3.000,6.000\nP2,closing,20,5,g,,\n",
        encoding="utf-8",
    )
    (tmp_path / "goals.csv").write_text(
        "goal_id,name,kpi,target,weight\ng,Goal,things,10,1.000\n", encoding="utf-8"
    )
    (tmp_path / "calendar.csv").write_text(
        "team_id,week,capacity_hours\nm1,1,40.000\n", encoding="utf-8"
    )
    loaded = load_with_warnings(tmp_path)
    assert loaded.problem.project("P1").duration_weeks == 3
    assert _dotted(loaded) == []


def test_a_column_written_with_a_decimal_point_elsewhere_is_not_told_of_thousands(tmp_path):
    """A spreadsheet set to three decimals wrote 12.000 beside 0.500 and 20.5: its dot is the
    decimal point, as the other rows of that column show, and a German one writes neither
    (0,500 and 20,5). "'12.000' reads as 12 ... Write 12000" misread a valid file; the other
    columns of the file keep their own say."""
    (tmp_path / "teams.csv").write_text(TEAMS.format(m1='"1.000"', s1="480"), encoding="utf-8")
    (tmp_path / "projects.csv").write_text(
        "project_id,stage,effort_hours,value\n"
        "P1,nurturing,10,12.000\nP2,closing,20.5,0.500\nP3,closing,3.000,7\n",
        encoding="utf-8",
    )
    loaded = load_with_warnings(tmp_path)
    assert loaded.problem.project("P1").value == 12
    warned = {(w.file, w.row, w.column) for w in _dotted(loaded)}
    assert warned == {("teams.csv", 2, "capacity_hours")}, warned


def test_a_dot_beside_a_currency_sign_is_told_both_figures_it_may_mean(tmp_path):
    """'€22.000' read "(it has a currency sign: write it as 22.000). Fix: Write it as
    22.000.": a figure read as 22, where a spreadsheet in German writes 22,000 so. Both
    figures are the fix; a dot that can only be a decimal point keeps its one figure."""
    for written, fix in (
        ("€22.000", "Write 22000 for 22,000, or 22 for 22."),
        ("22.000 €", "Write 22000 for 22,000, or 22 for 22."),
        ("$1.500", "Write 1500 for 1,500, or 1.5 for 1.5."),
        ("€22.5", "Write it as 22.5."),
        ("€0.500", "Write it as 0.500."),
    ):
        with pytest.raises(InvalidInputError) as raised:
            _loaded(tmp_path, value=f'"{written}"')
        (problem,) = raised.value.errors
        assert (problem.file, problem.row, problem.column) == ("projects.csv", 2, "value")
        assert problem.fix == fix, (written, problem.fix)
        assert "write it as 22.000" not in problem.message
