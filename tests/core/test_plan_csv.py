"""plan.csv: SPEC's columns, neutralised formulas, numbers as numbers, exact round trip."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from builders import problem, project, team
from hypothesis import given
from hypothesis import strategies as st

from planner.core.domain import Assignment, Plan, Unassigned
from planner.core.errors import InvalidInputError
from planner.core.plan_csv import COLUMNS, neutralise, plan_csv_text, read_plan_csv, restore
from planner.core.tables import MAX_CELLS
from planner.core.weeks import run_weeks
from planner.solving.solver import solve


@pytest.fixture
def joint_plan():
    """One joint project on two teams, one single-team project, one left out."""
    prob = problem(
        [team("m1", name='=HYPERLINK("x")'), team("s1", "sales", name='Sales, "East"')],
        [
            project(
                "j",
                "nurturing",
                effort="10.5",
                value="7.25",
                joint=True,
                sales_share=Decimal("0.3"),
                name="@risk: webinar",
            ),
            project("a", effort=5, value=3, name="Blog ünïcode"),
            project("z", effort=500, value=1, name="+too big"),
        ],
    )
    result = solve(prob)
    return prob, result.plan


def test_plan_csv_has_specs_columns_and_one_row_per_pair(joint_plan):
    """Leaders open plan.csv in a spreadsheet: the columns and rows must be as documented."""
    prob, plan = joint_plan
    rows = list(csv.DictReader(io.StringIO(plan_csv_text(prob, plan))))
    assert tuple(rows[0]) == COLUMNS
    assert [(r["project_id"], r["team_id"], r["status"]) for r in rows] == [
        ("j", "m1", "assigned"),
        ("j", "s1", "assigned"),
        ("a", "m1", "assigned"),
        ("z", "", "unassigned"),
    ]
    assert rows[-1]["reason"]


def test_value_column_sums_to_the_plans_total_value(joint_plan):
    """Each joint row carries value x share, so the column adds up to the plan's value."""
    prob, plan = joint_plan
    rows = list(csv.DictReader(io.StringIO(plan_csv_text(prob, plan))))
    assert sum(Decimal(r["value"]) for r in rows) == Decimal("10.25")
    assert {r["team_id"]: r["effort_hours"] for r in rows[:2]} == {"m1": "7.35", "s1": "3.15"}


def test_formula_like_text_is_neutralised_and_numbers_are_not(joint_plan):
    """A cell starting with = + - @ must never run as a formula; numbers stay numbers."""
    prob, plan = joint_plan
    rows = list(csv.DictReader(io.StringIO(plan_csv_text(prob, plan))))
    names = {r["project_name"] for r in rows} | {r["team_name"] for r in rows}
    assert "'@risk: webinar" in names and "'+too big" in names and '\'=HYPERLINK("x")' in names
    assert all(not r["effort_hours"].startswith("'") for r in rows)


def test_plan_csv_read_back_gives_the_same_plan(joint_plan):
    """Re-planning reads a saved plan.csv as the baseline: it must be the same plan."""
    prob, plan = joint_plan
    assert read_plan_csv(plan_csv_text(prob, plan)) == plan


@pytest.mark.parametrize(("separator", "said"), [(";", "semicolons"), ("\t", "tabs")])
def test_a_plan_saved_with_semicolons_or_tabs_says_so(joint_plan, separator, said):
    """A plan.csv opened in a European Excel and saved (semicolons), or saved as tab
    delimited text, given back as the baseline read "required column is missing" six
    times; the data files' reader says what it is, and so does this one."""
    prob, plan = joint_plan
    rows = csv.reader(io.StringIO(plan_csv_text(prob, plan)))
    out = io.StringIO()
    csv.writer(out, delimiter=separator).writerows(rows)
    with pytest.raises(InvalidInputError) as refused:
        read_plan_csv(out.getvalue(), "semi.csv")
    (problem_,) = refused.value.issues
    assert (problem_.file, problem_.row, problem_.column) == ("semi.csv", 1, None)
    assert f"separated by {said}, not commas" in problem_.message
    assert "Comma delimited" in problem_.fix


def test_ids_and_status_typed_with_spaces_read_as_the_data_reads_them(joint_plan):
    """A plan kept in a spreadsheet, an id typed with a space or a no-break space around it
    and a status with one: refused as a baseline ("1 team is not in teams.csv:   content\xa0",
    no row) although the data files trim ids. Ids compare as in the data: trimmed, NFC."""
    prob, plan = joint_plan
    rows = list(csv.DictReader(io.StringIO(plan_csv_text(prob, plan))))
    for row in rows:
        row["project_id"] = f" {row['project_id']}\u00a0"
        row["team_id"] = f"{row['team_id']} " if row["team_id"] else ""
        row["status"] = f" {row['status']} "
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    assert read_plan_csv(out.getvalue()) == plan


@pytest.mark.parametrize("row", [1, 3], ids=["assigned", "left out"])
def test_a_plan_row_written_twice_is_named_not_counted_twice(joint_plan, row):
    """A plan.csv with a row pasted twice read as a baseline whose project delivered twice:
    'no project changes, Grow website traffic 68.0 % -> 46.0 %' of a plan that moved
    nothing. The second row is named with the first, exit 2 on the command line."""
    prob, plan = joint_plan
    lines = plan_csv_text(prob, plan).splitlines(keepends=True)
    with pytest.raises(InvalidInputError) as caught:
        read_plan_csv("".join([*lines, lines[row]]), "baseline.csv")
    (issue,) = caught.value.errors
    assert (issue.file, issue.row, issue.column) == ("baseline.csv", len(lines) + 1, "project_id")
    assert f"is on row {row + 1} too" in issue.message and issue.fix


def test_hand_built_plan_round_trips_with_pins_and_decimals():
    """Pinned status and three-decimal hours survive the trip."""
    prob = problem([team("m1")], [project("a"), project("b")])
    plan = Plan(
        (Assignment("a", "m1", Decimal(1), Decimal("1.125"), Decimal("0.001"), True, 1, 13),),
        (Unassigned("b", "-starts with a minus"),),
    )
    assert read_plan_csv(plan_csv_text(prob, plan)) == plan


def test_plan_csv_carries_start_and_end_weeks_empty_for_unassigned_rows():
    """SPEC: start_week and end_week on every assigned row, empty on unassigned ones;
    a plan without weeks is written with each project's whole window."""
    prob = problem([team("m1")], [project("a", earliest_week=3, due_week=9), project("b")])
    plan = Plan(
        (Assignment("a", "m1", Decimal(1), Decimal(10), Decimal(1)),),
        (Unassigned("b", "no room"),),
    )
    rows = list(csv.DictReader(io.StringIO(plan_csv_text(prob, plan))))
    assert [(r["start_week"], r["end_week"]) for r in rows] == [("3", "9"), ("", "")]


def test_a_row_with_only_one_of_its_weeks_is_written_as_the_timeline_reads_it():
    """A plan read back with one week cell emptied runs its project's whole window on the
    timeline, the weekly load and the check-in (``run_weeks``); plan.csv writes those weeks,
    not the start week kept and the window's end beside it (3-9 for a 2-week project)."""
    prob = problem(
        [team("m1")], [project("a", duration_weeks=2, earliest_week=3, due_week=9), project("b")]
    )
    halves = [(5, None), (None, 6)]
    for start, end in halves:
        half = Assignment("a", "m1", Decimal(1), Decimal(10), Decimal(1), False, start, end)
        plan = Plan((half,), (Unassigned("b", "no room"),))
        (row, _) = csv.DictReader(io.StringIO(plan_csv_text(prob, plan)))
        run = run_weeks(prob, half)
        assert (row["start_week"], row["end_week"]) == (str(run[0]), str(run[-1])) == ("3", "9")


def test_plan_csv_from_before_weeks_reads_as_whole_window_plan():
    """A plan.csv written before weeks existed (no week columns) still reads back."""
    text = "project_id,team_id,share,effort_hours,value,status,reason\r\na,m1,1,10,1,assigned,\r\n"
    (a,) = read_plan_csv(text).assignments
    assert (a.start_week, a.end_week) == (None, None)


def test_a_week_that_is_not_a_number_names_its_row_and_column():
    """A hand-edited week cell is reported like every other bad cell."""
    text = (
        "project_id,team_id,share,effort_hours,value,status,reason,start_week,end_week\r\n"
        "a,m1,1,10,1,assigned,,three,5\r\n"
    )
    with pytest.raises(InvalidInputError) as info:
        read_plan_csv(text)
    (issue,) = info.value.issues
    assert (issue.row, issue.column) == (2, "start_week")


@given(st.text(max_size=20))
def test_neutralise_restores_any_text(text):
    """Whatever a name is, neutralising and restoring gives it back exactly."""
    assert restore(neutralise(text)) == text
    assert not neutralise(text).startswith(("=", "+", "-", "@", "\t", "\r", "\n"))


def test_reading_a_broken_plan_names_the_row_and_column():
    """A hand-edited plan.csv with a bad number is reported, not crashed on."""
    text = ",".join(COLUMNS) + "\n" + "a,A,,awareness,m1,M,marketing,1,ten,1,assigned,\n"
    with pytest.raises(InvalidInputError) as info:
        read_plan_csv(text)
    (issue,) = info.value.issues
    assert (issue.row, issue.column) == (2, "effort_hours")


def test_a_plan_whose_run_ends_before_it_starts_is_refused_naming_the_row():
    """A baseline edited by hand to end before it starts re-planned silently and changed
    the new plan: it is refused, with the row and the fix. (A run past the quarter is the
    data's to refuse: tests/core/test_baseline_rows.py.)
    """
    header = "project_id,team_id,share,effort_hours,value,status,start_week,end_week\n"
    with pytest.raises(InvalidInputError) as raised:
        read_plan_csv(header + "p,t,1,10,5,assigned,,\np,t,1,10,5,assigned,9,3\n", "b.csv")
    (issue,) = raised.value.issues
    assert (issue.file, issue.row, issue.column) == ("b.csv", 3, "end_week")
    assert "before it starts" in issue.message


def test_blank_rows_are_skipped_and_counted_as_the_spreadsheet_numbers_them():
    """A blank line (or a row of commas, a spreadsheet's cleared row) read as three "'' is
    not a number" errors, and a bad row under a blank line was named one row too high."""
    header = "project_id,team_id,share,effort_hours,value,status,start_week,end_week\r\n"
    good = "a,m1,1,10,1,assigned,,\r\n"
    plan = read_plan_csv(header + good + ",,,,,,,\r\n\r\n" + "b,,0,0,0,unassigned,,\r\n")
    assert [a.project_id for a in plan.assignments] == ["a"]
    assert [u.project_id for u in plan.unassigned] == ["b"]
    with pytest.raises(InvalidInputError) as raised:
        read_plan_csv("\r\n" + header + good + "\r\n" + "c,m1,1,10,1,assgned,,\r\n")
    (issue,) = raised.value.issues
    assert (issue.row, issue.column) == (5, "status")


def test_a_row_without_a_project_id_is_named_at_its_row():
    """It read as a project "" no longer in the data: "1 baseline project is not in the data
    and is ignored: " with nothing after the colon."""
    text = "project_id,team_id,share,effort_hours,value,status\r\n ,m1,1,10,1,assigned\r\n"
    with pytest.raises(InvalidInputError) as raised:
        read_plan_csv(text, "b.csv")
    (issue,) = raised.value.issues
    assert (issue.file, issue.row, issue.column) == ("b.csv", 2, "project_id")
    assert "empty" in issue.message


def test_a_plan_csv_written_back_by_pandas_reads_as_the_plan_it_was(joint_plan):
    """pandas reads start_week (empty on unassigned rows) as floats and writes '8.0': every
    row was refused, "'8.0' is not a week number", where the data files read 8.0 as 8."""
    import pandas as pd

    prob, plan = joint_plan
    text = plan_csv_text(prob, plan)
    buffer = io.StringIO()
    pd.read_csv(io.StringIO(text), keep_default_na=True).to_csv(buffer, index=False)
    assert ",1.0," in buffer.getvalue()
    assert read_plan_csv(buffer.getvalue()) == read_plan_csv(text)
    header = "project_id,team_id,share,effort_hours,value,status,start_week,end_week\r\n"
    for week, said in (
        ("1.5", "not a week number"),
        ("0.0", "before the quarter's first week"),
        ("1.0e1", "not a week number"),
        ("٣", "not a week number"),
    ):
        with pytest.raises(InvalidInputError, match=said):
            read_plan_csv(f"{header}a,m1,1,10,1,assigned,{week},2\r\n")


def test_a_status_typed_with_a_capital_reads_as_the_status():
    """'Assigned' was refused as "not a plan row", where plan.xlsx's statuses and a
    check-in's read in any case."""
    text = (
        "project_id,team_id,share,effort_hours,value,status\r\n"
        "a,m1,1,10,1,Assigned\r\nb,m1,1,10,1,PINNED\r\nc,,0,0,0,Unassigned\r\n"
    )
    plan = read_plan_csv(text)
    assert [(a.project_id, a.pinned) for a in plan.assignments] == [("a", False), ("b", True)]
    assert [u.project_id for u in plan.unassigned] == ["c"]


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (
            "# settings for the quarter (every key is optional; see SPEC.md)\n[solve]\n",
            "not a plan",
        ),
        ('weeks_elapsed = 6\nnote = "a; b"\n', "not a plan"),
        ("", "the file is empty"),
        ("project_id;team_id;share;effort_hours;value;status\n", "separated by semicolons"),
    ],
)
def test_another_file_given_as_the_plan_says_so(text, said):
    """settings.toml given as --baseline read "the columns are separated by semicolons"
    (its first comment holds one), an empty file six "required column is missing"."""
    with pytest.raises(InvalidInputError) as raised:
        read_plan_csv(text, "given.csv")
    (issue,) = raised.value.issues
    assert issue.file == "given.csv" and said in issue.message


def test_a_column_of_the_plans_named_twice_is_refused_naming_both():
    """A leader's own 'Team_ID ' column of notes beside the plan's took its place: the
    later column was read, and a joint project's rows read as one team twice."""
    text = (
        "project_id,team_id,share,effort_hours,value,status,Team_ID \r\n"
        "a,m1,1,10,1,assigned,new team\r\n"
    )
    with pytest.raises(InvalidInputError) as raised:
        read_plan_csv(text, "b.csv")
    (issue,) = raised.value.issues
    assert (issue.row, issue.column) == (1, "team_id")
    assert "appears 2 times (columns B and G)" in issue.message


def test_a_plan_saved_with_lone_carriage_returns_reads_as_the_plan_it_was(joint_plan):
    """Excel's "CSV (Macintosh)" ends rows with a lone CR: the baseline ended in "internal
    error (Error: new-line character seen in unquoted field ...). This is a bug"."""
    prob, plan = joint_plan
    text = plan_csv_text(prob, plan)
    assert read_plan_csv(text.replace("\r\n", "\r")) == read_plan_csv(text)


def test_a_cell_past_the_csv_readers_limit_is_named_not_an_internal_error():
    """A 200,000-character reason ended in "internal error (Error: field larger than field
    limit (131072))"."""
    text = "project_id,team_id,share,effort_hours,value,status,reason\r\n"
    text += 'a,,0,0,0,unassigned,"' + "x" * 200_000 + '"\r\n'
    with pytest.raises(InvalidInputError) as raised:
        read_plan_csv(text, "b.csv")
    (issue,) = raised.value.issues
    assert issue.file == "b.csv" and "cannot be read as CSV" in issue.message


def test_a_baseline_of_columns_nobody_plans_with_is_refused_at_the_cell_cap():
    """A baseline plan.csv of 1,000 columns (19 MB, under the size cap) was read whole:
    9,358 rows took 8 s and 360 MB before its problems were said. It is refused at the
    data files' cell cap, before its rows are read."""
    header = "project_id,team_id,share,effort_hours,value,status," + ",".join(
        f"note{i}" for i in range(994)
    )
    row = "a,m1,1,10,1,assigned" + ",1" * 994
    text = header + "\r\n" + "\r\n".join([row] * (MAX_CELLS // 1_000 + 1)) + "\r\n"
    with pytest.raises(InvalidInputError) as raised:
        read_plan_csv(text, "b.csv")
    (issue,) = raised.value.issues
    assert (issue.file, issue.row, issue.column) == ("b.csv", None, None)
    assert f"more than {MAX_CELLS:,} cells" in issue.message and "1,000 columns" in issue.message


@pytest.mark.parametrize(
    ("name", "header"),
    [
        ("teams.csv", "team_id,name,department,capacity_hours,skills,stages,max_projects"),
        ("projects.csv", "project_id,name,goal_id,stage,effort_hours,value,mandatory"),
        ("rules.csv", "project_id,team_id,rule"),
        ("estimates.csv", "project_id,team_id,effort_hours,value"),
    ],
)
def test_a_data_file_given_as_the_plan_is_named_as_that_data_file(name, header):
    """A data file picked in place of plan.csv (a tab completion one letter off) read as
    three to five "required column is missing. Fix: Use a plan.csv written by the
    planner.": one problem now says which data file it is."""
    with pytest.raises(InvalidInputError) as caught:
        read_plan_csv(header + "\nx,y,z\n", name)
    (problem,) = caught.value.issues
    assert problem.row == 1 and problem.column is None
    assert f"is the data's {name.removesuffix('.csv')} table" in problem.message
    assert "not a plan" in problem.message and "planner solve --out" in problem.fix


@pytest.mark.parametrize(
    ("header", "has", "lacks"),
    [
        ("project_id,team_id", "project_id, team_id", "share, effort_hours, value and status"),
        (
            "Project_ID,team_id,share",
            "project_id, team_id, share",
            "effort_hours, value and status",
        ),
    ],
)
def test_a_plan_made_by_hand_short_of_columns_is_told_what_a_plan_needs(header, has, lacks):
    """A hand-made baseline of project_id,team_id read "this is the data's estimates table
    (estimates.csv), not a plan": the file the user gave is a plan short of columns, told
    which and what a plan file has."""
    with pytest.raises(InvalidInputError) as caught:
        read_plan_csv(header + "\nAW-01,content,1\n", "mine.csv")
    (problem,) = caught.value.issues
    assert (problem.file, problem.row, problem.column) == ("mine.csv", 1, None)
    assert "estimates" not in problem.message
    assert f"has the columns {has} but not {lacks}" in problem.message
    assert "needs project_id, team_id, share, effort_hours, value and status" in problem.message
    assert f"add the columns {lacks}" in problem.fix


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("99999999999999999999", "week '99999999999999999999' is past the end of any quarter"),
        ("0", "week '0' is before the quarter's first week (week 1)."),
        ("1e20", "'1e20' is not a week number."),
        ("00000", "week '00000' is before the quarter's first week (week 1)."),
        ("9" * 5000, "week '99999"),  # past Python's digits for an int: no ValueError
    ],
)
def test_a_plan_week_past_any_quarter_is_said_so_not_called_no_week_number(typed, said):
    """A baseline's end_week of 99999999999999999999 read "is not a week number", which it
    is, written whole: it is past any quarter (and 0 before the first week)."""
    header = "project_id,team_id,share,effort_hours,value,status,start_week,end_week"
    with pytest.raises(InvalidInputError) as caught:
        read_plan_csv(f"{header}\na,m1,1,5,3,assigned,1,{typed}\n", "b.csv")
    (problem,) = caught.value.issues
    assert (problem.row, problem.column) == (2, "end_week")
    assert problem.message.startswith(said), problem.message


@pytest.mark.parametrize(("typed", "week"), [("wk 8", "8"), ("W10", "10"), ("3 weeks", "3")])
def test_a_plan_week_written_with_its_word_is_told_the_number(typed, week):
    """A baseline's start_week typed 'wk 8' read "Write a whole week number such as 3",
    where the data files say the number to write: the same words here."""
    header = "project_id,team_id,share,effort_hours,value,status,start_week,end_week"
    with pytest.raises(InvalidInputError) as caught:
        read_plan_csv(f"{header}\na,m1,1,5,3,assigned,{typed},12\n", "b.csv")
    (problem,) = caught.value.issues
    assert (problem.row, problem.column) == (2, "start_week")
    assert "it writes the word week, or its letter, with the number" in problem.message
    assert problem.fix == f"Write it as {week}: start_week holds the number alone."


def test_an_emptied_number_cell_of_a_plan_row_says_it_is_empty():
    """An hours cell cleared in a spreadsheet read "'' is not a number": now it is empty."""
    problem = _effort_hours_refused("")
    assert problem.message == "the cell is empty." and "120.5" in problem.fix


def _effort_hours_refused(typed: str):
    """The one problem a one-project plan.csv raises with ``typed`` in its effort_hours."""
    prob = problem([team("m1", capacity=100)], [project("a", effort=5, value=3)])
    plan = Plan((Assignment("a", "m1", Decimal(1), Decimal(5), Decimal(3)),), ())
    header, row = plan_csv_text(prob, plan).splitlines()[:2]
    cells = next(csv.reader([row]))
    cells[next(csv.reader([header])).index("effort_hours")] = typed
    out = io.StringIO()
    csv.writer(out).writerow(cells)
    with pytest.raises(InvalidInputError) as caught:
        read_plan_csv(header + "\n" + out.getvalue())
    (found,) = caught.value.issues
    assert (found.row, found.column) == (2, "effort_hours")
    return found


@pytest.mark.parametrize("typed", ["٣٤٠", "３４０", "3_40"])
def test_a_plan_number_the_data_files_would_refuse_is_refused_too(typed):
    """Arabic-Indic and full-width digits and a digit separator read as 340 in a baseline,
    where teams.csv and projects.csv refuse them ("'١٢' is not a number"): one rule now."""
    message = _effort_hours_refused(typed).message
    assert message.startswith(f"'{typed}' is not a number (") and "write it as 340)." in message


@pytest.mark.parametrize(
    ("cells", "column", "said"),
    [
        (
            "１,10,1,,",
            "share",
            "'１' is not a number (it is written in full-width digits: write it as 1).",
        ),
        (
            "1,3_40,1,,",
            "effort_hours",
            "'3_40' is not a number (it has '_' between its digits: write it as 340).",
        ),
        (
            "1,10,−1,,",
            "value",
            "'−1' is not a number (its minus is the typographic minus sign '−', not the '-' "
            "key: write it as -1).",
        ),
        (
            "1,10,1,８,13",
            "start_week",
            "'８' is not a week number (it is written in full-width digits: write it as 8).",
        ),
    ],
)
def test_a_baseline_cell_typed_otherwise_is_told_the_figure_as_a_data_cell_is(cells, column, said):
    """A baseline plan's '１' read only "is not a number", where the same cell of teams.csv
    says the full-width digits and the figure to write (attack round 12)."""
    share, effort, value, start, end = cells.split(",")
    text = (
        "project_id,team_id,share,effort_hours,value,status,reason,start_week,end_week\r\n"
        f"a,m1,{share},{effort},{value},assigned,,{start},{end}\r\n"
    )
    with pytest.raises(InvalidInputError) as info:
        read_plan_csv(text)
    (issue,) = info.value.issues
    assert (issue.row, issue.column, issue.message) == (2, column, said)


def test_a_plan_week_with_zeros_in_front_is_that_week():
    """'00003' is week 3, as '0003' was: it read "past the end of any quarter"."""
    header = "project_id,team_id,share,effort_hours,value,status,start_week,end_week"
    plan = read_plan_csv(f"{header}\na,m1,1,5,3,assigned,0002,00003\n", "b.csv")
    (a,) = plan.assignments
    assert (a.start_week, a.end_week) == (2, 3)


def test_plan_xlsx_s_status_words_in_a_plan_csv_read_as_plan_csv_s(joint_plan):
    """A plan.csv whose statuses were typed as plan.xlsx shows them ("Planned", "Left out")
    was refused "Use assigned, pinned (with a team) or unassigned", nothing saying that
    "Planned" is plan.xlsx's word for assigned: it is read as assigned."""
    prob, plan = joint_plan
    text = plan_csv_text(prob, plan)
    worded = text.replace(",assigned,", ",Planned,").replace(",unassigned,", ",Left out,")
    assert worded != text and ",Planned," in worded and ",Left out," in worded
    assert read_plan_csv(worded) == plan
