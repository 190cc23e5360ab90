"""A baseline plan.csv edited in a spreadsheet: rows that cannot be one plan are refused at
their row and column; weeks the data would not give are kept with a warning at their row."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path

import pytest
from builders import problem, project, team

from planner.core.baseline_rows import read_baseline_plan
from planner.core.errors import InvalidInputError, Severity
from planner.core.plan_csv import COLUMNS
from planner.core.settings import CalendarSettings, Settings

SAMPLE = str(Path(__file__).resolve().parents[2] / "data" / "sample")
HEADER = "project_id,team_id,share,effort_hours,value,status,start_week,end_week\n"


def _quarter():
    """A joint project (j), a 6-week project (a) and a project without a duration (b)."""
    return problem(
        [team("m1"), team("m2"), team("s1", "sales")],
        [
            project("j", "nurturing", effort=20, joint=True, duration_weeks=4),
            project("a", effort=12, duration_weeks=6),
            project("b", effort=13, earliest_week=2, due_week=9),
            project("z", effort=5),
        ],
        settings=Settings(calendar=CalendarSettings(weeks=13)),
    )


PLAN = (
    "j,s1,0.5,10,0.5,assigned,3,6\n"
    "j,m1,0.5,10,0.5,assigned,3,6\n"
    "a,m2,1,12,1,assigned,8,13\n"
    "b,m1,1,13,1,assigned,2,9\n"
    "z,,0,0,0,unassigned,,\n"
)


def _errors(text: str) -> list[tuple[int | None, str | None, str]]:
    with pytest.raises(InvalidInputError) as raised:
        read_baseline_plan(_quarter(), HEADER + text, "base.csv")
    return [(i.row, i.column, i.message) for i in raised.value.errors]


def test_the_plan_the_planner_writes_reads_without_a_word():
    plan, warnings = read_baseline_plan(_quarter(), HEADER + PLAN, "base.csv")
    assert warnings == [] and len(plan.assignments) == 4


def test_a_joint_project_with_one_owner_row_is_refused_at_its_row():
    """Its marketing row deleted, the baseline read as the sales team owning the project
    alone: a what-if then said '1 moved' and the baseline's attainment was half of it."""
    ((row, column, message),) = _errors(PLAN.replace("j,m1,0.5,10,0.5,assigned,3,6\n", ""))
    assert (row, column) == (2, "team_id")
    assert "joint project 'j' has one owner (s1, sales)" in message


def test_a_joint_project_with_two_teams_of_one_department_is_refused():
    ((row, column, message),) = _errors(PLAN.replace("j,m1,", "j,m2,").replace("j,s1,", "j,m1,"))
    assert (row, column) == (3, "team_id") and "two marketing teams" in message


def test_a_joint_projects_rows_in_different_weeks_are_refused_naming_both_rows():
    ((row, column, message),) = _errors(
        PLAN.replace("j,m1,0.5,10,0.5,assigned,3,6", "j,m1,0.5,10,0.5,assigned,4,7")
    )
    assert (row, column) == (3, "start_week")
    assert "weeks 4-7 here and in weeks 3-6 on row 2" in message


def test_a_project_both_in_the_plan_and_left_out_is_refused():
    ((row, column, message),) = _errors(PLAN + "a,,0,0,0,unassigned,,\n")
    assert (row, column) == (
        7,
        "status",
    ) and "'a' is left out here, and in the plan on row 4" in message


@pytest.mark.parametrize(("weeks", "empty"), [("8,", "end_week"), (",13", "start_week")])
def test_a_row_with_one_of_its_weeks_emptied_is_refused_at_the_empty_cell(weeks, empty):
    """Read as running its whole window, a 6-week project planned in weeks 8-13 counted
    as 69 % done at week 9, not 33 %."""
    ((row, column, message),) = _errors(
        PLAN.replace("a,m2,1,12,1,assigned,8,13", f"a,m2,1,12,1,assigned,{weeks}")
    )
    assert (row, column) == (4, empty) and "the weeks it runs are unclear" in message


@pytest.mark.parametrize(
    ("run", "column", "said"),
    [
        ("8,10", "end_week", "weeks 8-10 (3 weeks), but projects.csv has it run 6 weeks"),
        ("1,8", "start_week", "weeks 1-8 (8 weeks), but projects.csv has it run its whole window"),
    ],
)
def test_a_run_the_data_would_not_give_is_kept_with_a_warning_at_its_row(run, column, said):
    """A 6-week project typed as ending in week 10 read 66.7 % done at week 9 in the
    check-in's pre-fill, without a word; a project run outside its window too."""
    text = PLAN.replace("a,m2,1,12,1,assigned,8,13", f"a,m2,1,12,1,assigned,{run}")
    if run == "1,8":
        text = PLAN.replace("b,m1,1,13,1,assigned,2,9", "b,m1,1,13,1,assigned,1,8")
    plan, warnings = read_baseline_plan(_quarter(), HEADER + text, "base.csv")
    (warning,) = warnings
    assert warning.severity is Severity.WARNING
    assert (warning.file, warning.column) == ("base.csv", column) and said in warning.message
    starts = {a.project_id: a.start_week for a in plan.assignments}
    assert starts["a" if run == "8,10" else "b"] == int(run.split(",")[0])
    carried = text.replace("1,assigned,1,8", "1,pinned,1,8").replace(
        "1,assigned,8,10", "1,pinned,8,10"
    )
    assert read_baseline_plan(_quarter(), HEADER + carried, "base.csv")[1] == []


def test_the_command_line_refuses_a_joint_project_with_one_owner_and_writes_nothing(tmp_path):
    from planner.interfaces.cli import main

    base, out = tmp_path / "base.csv", tmp_path / "new.csv"
    assert main(["solve", SAMPLE, "--out", str(base), "--time-limit", "10"]) == 0
    rows = list(csv.DictReader(io.StringIO(base.read_text(encoding="utf-8"))))
    (marketing,) = [
        r for r in rows if r["project_id"] == "QU-05" and r["department"] == "marketing"
    ]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(r for r in rows if r is not marketing)
    base.write_text(buffer.getvalue(), encoding="utf-8")
    assert main(["solve", SAMPLE, "--baseline", str(base), "--out", str(out)]) == 2
    assert not out.exists()
    assert Decimal(marketing["share"]) < 1


def test_a_figure_typed_over_is_kept_with_a_warning_at_its_row_and_column():
    """A value typed as 999999999 for 22000 made a what-if read 'website traffic
    1,000,024.0 % -> 15.0 %' without a word."""
    text = PLAN.replace("a,m2,1,12,1,assigned", "a,m2,1,12,999999999,assigned")
    plan, (warning,) = read_baseline_plan(_quarter(), HEADER + text, "base.csv")
    assert (warning.row, warning.column, warning.severity) == (4, "value", Severity.WARNING)
    assert "value 999999999 for 'a' on team 'm2', where the data gives 1" in warning.message
    assert Decimal(999999999) in {a.value for a in plan.assignments}
    joint = PLAN.replace("j,m1,0.5,10,0.5", "j,m1,0.5,11,0.5")
    ((row, column),) = [
        (w.row, w.column) for w in read_baseline_plan(_quarter(), HEADER + joint)[1]
    ]
    assert (row, column) == (3, "effort_hours")


def test_a_team_not_in_the_data_is_named_at_its_row_with_the_team_it_may_be():
    """A team's name typed for its id ('Sales East' for s1) read 'a team is not in
    teams.csv' with no row and no hint."""
    data = problem(
        [team("m1"), team("m2"), team("s1", "sales", name="Sales East")],
        _quarter().projects,
        settings=_quarter().settings,
    )
    text = PLAN.replace("j,s1,", "j,Sales East,").replace("b,m1,", "b,M1,")
    with pytest.raises(InvalidInputError) as raised:
        read_baseline_plan(data, HEADER + text, "base.csv")
    assert [(i.row, i.column, i.fix.split("?")[0].split(":")[0]) for i in raised.value.errors] == [
        (2, "team_id", "Write 's1'"),  # the name: "is the name of the team s1, not its id"
        (5, "team_id", "Did you mean 'm1'"),
    ]
    assert "'Sales East' is the name of the team s1, not its id" in raised.value.errors[0].message


def test_a_check_ins_re_plan_given_back_reads_without_a_warning(tmp_path, capsys):
    """The re-plan runs work in progress on for the weeks and hours it had left (the
    sample's pinned AW-02 too): given back for the next check-in it is not a typing slip."""
    from planner.interfaces.cli import main

    plan, checkin, replan = tmp_path / "plan.csv", tmp_path / "w9.toml", tmp_path / "re.csv"
    assert main(["solve", SAMPLE, "--out", str(plan)]) == 0
    capsys.readouterr()
    assert main(["checkin-template", SAMPLE, "--baseline", str(plan), "--weeks", "9"]) == 0
    checkin.write_text(capsys.readouterr().out, encoding="utf-8")
    args = ["--baseline", str(plan), "--checkin", str(checkin), "--out", str(replan)]
    assert main(["checkin", SAMPLE, *args]) == 0
    assert "AW-02" in replan.read_text(encoding="utf-8")
    capsys.readouterr()
    since = ["--since", str(checkin), "--weeks", "11"]
    assert main(["checkin-template", SAMPLE, "--baseline", str(replan), *since]) == 0
    assert "warning" not in capsys.readouterr().err
    # Against the whole quarter's data, the one warning is the work the re-plan left out
    # as done by then: read as left out, so a plan giving it a team counts it as added.
    next_plan = ["--baseline", str(replan), "--out", str(tmp_path / "next.csv")]
    assert main(["solve", SAMPLE, *next_plan]) == 0
    (warning,) = [line for line in capsys.readouterr().err.splitlines() if "warning" in line]
    assert "of the data have no row here" in warning and "--since" in warning


def test_a_plan_of_a_longer_quarter_is_refused_at_each_row_past_it():
    """A plan of a 14-week quarter read 'column end_week: 2 projects run past the quarter's
    13 weeks: a, b' with no row."""
    text = PLAN.replace("a,m2,1,12,1,assigned,8,13", "a,m2,1,12,1,assigned,9,14").replace(
        "b,m1,1,13,1,assigned,2,9", "b,m1,1,13,1,assigned,7,14"
    )
    errors = _errors(text)
    assert [(row, column) for row, column, _ in errors] == [(4, "end_week"), (5, "end_week")]
    assert "'a' runs to week 14, past the quarter's 13 weeks" in errors[0][2]
    with pytest.raises(InvalidInputError) as raised:
        read_baseline_plan(_quarter(), HEADER + text, "base.csv")
    assert not raised.value.warnings  # not also "runs outside its window" beside the error


def test_a_project_with_too_many_owners_is_named_at_the_row_too_many():
    """It read 'the single-team project 'a' has 2 owners (m1, m2)' with no row."""
    ((row, column, message),) = _errors(PLAN + "a,m1,1,12,1,assigned,8,13\n")
    assert (row, column) == (7, "team_id")
    assert "'a' has 2 owners (m2 on row 4, m1 on row 7)" in message
    ((row, _, message),) = _errors(PLAN + "j,m2,0.5,10,0.5,assigned,3,6\n")
    assert row == 7 and "joint project 'j' has 3 owners" in message


def test_a_plan_of_other_data_warns_about_the_first_ten_rows_and_counts_the_rest():
    """Every project of a 3,000-project plan a week longer than the data gave 3,000
    warning lines; the first ten are named, the rest one line."""
    projects = [project(f"p{i}", effort=10, duration_weeks=4) for i in range(30)]
    data = problem([team("m1", capacity=10_000)], projects)
    rows = "".join(f"p{i},m1,1,10,1,assigned,1,5\n" for i in range(30))
    _, warnings = read_baseline_plan(data, HEADER + rows, "base.csv")
    assert len(warnings) == 11
    assert (warnings[-1].row, warnings[-1].message[:40]) == (
        12,
        "this row and 19 more rows below it have ",
    )


def test_a_project_no_longer_in_the_data_is_named_at_its_row_with_the_id_it_may_have():
    """A project renamed in projects.csv ('a' now 'a1') read "1 baseline project is not in
    the data and is ignored: a" with no row; the row is named, with the id it may be now."""
    renamed = _quarter()
    renamed = renamed.replace(
        projects=tuple(
            project("a1", effort=12, duration_weeks=6) if p.project_id == "a" else p
            for p in renamed.projects
        )
    )
    _, (warning,) = read_baseline_plan(renamed, HEADER + PLAN, "base.csv")
    assert (warning.row, warning.column, warning.severity) == (4, "project_id", Severity.WARNING)
    assert (
        "project 'a' is not in the data (projects.csv), so this row is ignored" in warning.message
    )
    assert warning.fix.startswith("If it is 'a1' now, write that id")


def test_projects_past_the_first_ten_no_longer_in_the_data_are_said_to_be_ignored():
    """A plan of other data given as the baseline: the line counting the eleventh project
    on read 'this row and 19 more rows below it have a project no longer in the data the
    data would not give; the plan's are kept' where those rows are ignored."""
    data = problem([team("m1", capacity=10_000)], [project("q", effort=10)])
    rows = "q,m1,1,10,1,assigned,,\n" + "".join(f"p{i},m1,1,10,1,assigned,,\n" for i in range(30))
    _, warnings = read_baseline_plan(data, HEADER + rows, "base.csv")
    assert len(warnings) == 11
    rest = warnings[-1]
    assert (rest.row, rest.column) == (13, "project_id")
    assert rest.message == (
        "this row and 19 more rows below it name projects not in the data (projects.csv), "
        "so they are ignored."
    )
    assert "kept" not in rest.message
    assert rest.fix == (
        "Use the plan.csv written for this data; if they were deleted, nothing to do."
    )


def test_a_project_with_no_row_at_all_is_warned_of_as_read_left_out():
    """Rows deleted (a filter pasted back, every sales row cut): the projects without a row
    were read as left out without a word, and a what-if against it counted them as added
    work ("+60.1 pts, 16 added"). One warning names them and the two ways out."""
    cut = PLAN.replace("b,m1,1,13,1,assigned,2,9\n", "").replace("z,,0,0,0,unassigned,,\n", "")
    (warning,) = read_baseline_plan(_quarter(), HEADER + cut, "base.csv")[1]
    assert warning.severity is Severity.WARNING and warning.column == "project_id"
    assert "2 projects of the data have no row here" in warning.message
    assert "(b)" in warning.message and "(z)" in warning.message
    assert "--since" in warning.fix
    # A check-in's re-plan leaves out the work done by then: no warning for it.
    assert read_baseline_plan(_quarter(), HEADER + cut, "base.csv", whole=False)[1] == []


def test_a_plan_of_other_data_is_not_searched_for_renamed_projects(monkeypatch):
    """A plan.csv of another quarter (no project of the data in it) gets no "no row"
    warning: it is refused as another quarter's. The data's projects were each matched
    against every id of that plan first, for nothing: 36 s at 3,000 projects."""
    import planner.core.identifiers as identifiers

    quarter = _quarter()
    asked: list[str] = []
    real = identifiers.difflib.get_close_matches

    def recorded(word: str, possibilities: list[str], n: int = 3) -> list[str]:
        if word in quarter.project_index:  # a data project looked for among the plan's ids
            asked.append(word)
        return real(word, possibilities, n=n)

    monkeypatch.setattr(identifiers.difflib, "get_close_matches", recorded)
    other = PLAN.replace("j,", "q1,").replace("a,", "q2,").replace("b,", "q3,")
    other = other.replace("z,", "q4,")
    with pytest.raises(InvalidInputError) as raised:
        read_baseline_plan(quarter, HEADER + other, "base.csv")
    (refusal,) = raised.value.issues
    assert "it is the plan of another quarter" in refusal.message
    assert asked == []


def test_a_plan_of_another_quarter_looks_for_renamed_ids_only_where_it_names_them(
    monkeypatch,
):
    """A plan of another quarter's 3,000 projects given as the baseline took 36 s: each id not
    in the data was compared with every project of the data, for a fix shown at ten rows.
    The ids are looked for where the warning names them, and the data's projects without a
    row are not looked for among 3,000 ids of other data."""
    import difflib

    from planner.core import identifiers

    looks: list[str] = []
    close = difflib.get_close_matches

    def counted(word: str, *args: object, **kwargs: object) -> list[str]:
        looks.append(word)
        return close(word, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(identifiers.difflib, "get_close_matches", counted)
    data = problem([team("m1", capacity=10_000)], [project(f"p{i}", effort=10) for i in range(300)])
    rows = "".join(f"old-{i},m1,1,10,1,assigned,,\n" for i in range(300))
    rows += "".join(f"p{i},m1,1,10,1,assigned,,\n" for i in range(100))
    _, warnings = read_baseline_plan(data, HEADER + rows, "base.csv")
    assert len(looks) == 11  # the ten rows named and the one counting the rest
    assert len(warnings) == 11 and "no row here" not in " ".join(w.message for w in warnings)


@pytest.mark.parametrize(
    ("plan", "said"),
    [
        (
            "P1,T1,1,10,1,assigned,1,4\nP2,T2,1,10,1,assigned,2,5\nP3,,0,0,0,unassigned,,\n",
            "none of the plan's 3 projects is in the data (projects.csv), nor any of its "
            "2 teams: it is the plan of another quarter or data folder.",
        ),
        (
            "P1,m1,1,10,1,assigned,1,4\nP2,T2,1,10,1,assigned,2,5\n",
            "none of the plan's 2 projects is in the data (projects.csv) (of its 2 teams, 1 "
            "are): it is the plan of another quarter or data folder.",
        ),
    ],
)
def test_a_plan_of_another_quarter_is_refused_as_one(plan, said):
    """A plan.csv of another quarter given as --baseline read as a refusal per team ("team
    'M006' is not in teams.csv", four of them) and a warning per project: none said the plan
    is not this data's. It is one problem, saying so."""
    with pytest.raises(InvalidInputError) as raised:
        read_baseline_plan(_quarter(), HEADER + plan, "plan.csv")
    (issue,) = raised.value.issues
    assert (issue.file, issue.row, issue.column) == ("plan.csv", None, "project_id")
    assert issue.message == said
    assert issue.fix.startswith("Give the plan.csv written for this data")


@pytest.mark.parametrize("rows", ["", "\n\n", ",,,,,,,\n"])
def test_a_plan_of_its_header_alone_is_refused_not_read_as_every_project_left_out(rows):
    """A baseline of the header alone (a filter that matched nothing, saved) read as a plan
    leaving every project out, and a what-if against it said "goal attainment 0.0 % ->
    85.6 %" without a word (attack round 25: files)."""
    ((row, column, message),) = _errors(rows)
    assert (row, column) == (None, None)
    assert message.startswith("the plan has its header but no rows."), message


def test_the_command_line_refuses_a_plan_of_its_header_alone_and_writes_nothing(tmp_path, capsys):
    from planner.interfaces.cli import main

    base, out = tmp_path / "base.csv", tmp_path / "new.csv"
    base.write_text(",".join(COLUMNS) + "\r\n", encoding="utf-8")
    assert main(["solve", SAMPLE, "--baseline", str(base), "--out", str(out)]) == 2
    assert not out.exists()
    assert "base.csv: the plan has its header but no rows" in capsys.readouterr().err
