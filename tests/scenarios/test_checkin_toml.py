"""A check-in file read as its writer meant it: a share where a percent goes, a date for a week.

``percent_done = 0.6`` meant as 60 % was read as 0.6 % done without a word, and the
re-plan then planned nearly the whole project again. ``end_week = 2025-09-03`` (a due
date, as a project tracker keeps it) read "is not a week number", though the quarter's
``[calendar] first_monday`` says which week it is.
"""

from __future__ import annotations

import datetime
from dataclasses import replace
from decimal import Decimal

import pytest
from builders import problem, project, team

from planner.core.domain import Assignment, Plan, Problem, Unassigned
from planner.core.errors import InvalidInputError, Severity
from planner.core.settings import CalendarSettings
from planner.scenarios.checkin import CheckIn, ProjectProgress, ProjectStatus
from planner.scenarios.checkin_note import describe_checkin
from planner.scenarios.checkin_toml import parse_checkin, read_checkin
from planner.scenarios.checkin_toml_writing import checkin_to_toml
from planner.scenarios.out_of_plan import (
    OutOfPlan,
    left_out_by_replan,
    out_of_plan,
    out_of_plan_words,
)

HEAD = "weeks_elapsed = 6\nquarter_weeks = 13\n[projects]\n"


def _quarter(first_monday: datetime.date | None = datetime.date(2025, 6, 30)) -> Problem:
    """One team, one project 'a' ("Webinar series") in a 13-week quarter from 30 June 2025."""
    base = problem(teams=[team("t")], projects=[project("a", name="Webinar series")])
    calendar = CalendarSettings(weeks=13, first_monday=first_monday)
    return replace(base, settings=replace(base.settings, calendar=calendar))


def _entry(percent: str, end: str = "") -> str:
    return HEAD + f'"a" = {{ status = "in_progress", percent_done = {percent}{end} }}\n'


def test_a_percent_done_written_as_a_share_of_1_reads_as_written_with_a_warning():
    """0.6 is read as written (0.6 %), with a warning naming the file, the project and both
    fixes: the planner cannot know which was meant, but a leader must see it."""
    read = read_checkin(_entry("0.6"), "week7.toml", _quarter())
    assert read.checkin.progress("a").percent_done == Decimal("0.6")
    (warning,) = read.warnings
    assert warning.severity is Severity.WARNING
    assert (warning.file, warning.column) == ("week7.toml", "projects.a.percent_done")
    assert warning.message == (
        "'Webinar series' (a) is 0.6 % done as written: percent_done is out of 100, "
        "not a share of 1."
    )
    assert warning.fix == "Write 60 for 60 %, or keep 0.6 for 0.6 %."


def test_a_share_with_more_decimals_is_told_the_percent_it_would_be():
    """0.125 is told as 12.5 %, the figure a leader would write."""
    (warning,) = read_checkin(_entry("0.125"), "w.toml", _quarter()).warnings
    assert warning.fix == "Write 12.5 for 12.5 %, or keep 0.125 for 0.125 %."


@pytest.mark.parametrize("percent", ["60", "0", "1", "1.0", "45.5", "0.0"])
def test_a_percent_done_that_reads_as_a_percent_is_read_without_a_word(percent):
    """Whole percents, 0 and 1 (as a whole 1 %), and a part percent above 1 are percents."""
    read = read_checkin(_entry(percent), "w.toml", _quarter())
    assert read.warnings == ()
    assert read.checkin.progress("a").percent_done == Decimal(percent)


def test_the_warning_comes_with_the_file_s_errors_when_it_has_some():
    """A file refused for another key still says the share: the leader fixes both at once."""
    text = _entry("0.6") + '"b" = "finished"\n'
    with pytest.raises(InvalidInputError) as info:
        read_checkin(text, "w.toml", _quarter())
    assert [i.column for i in info.value.warnings] == ["projects.a.percent_done"]
    # 'finished' is no status, and 'b' no project of the quarter: both said at once.
    assert [i.column for i in info.value.errors] == ["projects.b", "projects.b"]


@pytest.mark.parametrize("typed", ["2025-09-03", '"2025-09-03"', "2025-09-03T00:00:00"])
def test_an_end_week_typed_as_a_date_is_told_the_week_it_falls_in(typed):
    """A due date for end_week (TOML's own date, or in quotes) names its week: week 10
    begins on 1 September 2025 when week 1 begins on 30 June."""
    with pytest.raises(InvalidInputError) as info:
        read_checkin(_entry("50", f", end_week = {typed}"), "w.toml", _quarter())
    (issue,) = info.value.errors
    assert issue.column == "projects.a.end_week"
    assert issue.message == (
        f"'{typed.strip(chr(34))}' is a date: it falls in week 10 of the quarter (week 1 "
        "starts on 2025-06-30)."
    )
    assert issue.fix == "Write end_week = 10: the week's number, not a date."


@pytest.mark.parametrize(
    ("percent", "end", "said"),
    [
        ("50", "1e20", "week 1e20 is past the end of the quarter."),
        ("50", "1E+20", "week 1e20 is past the end of the quarter."),
        ("50", "99999999999999999999", "week 99999999999999999999 is past the end"),
        ("50", "1e400", "week 1e400 is past the end of the quarter."),
        ("50", "-1e400", "week -1e400 is before the quarter's first week."),
        ("50", "1e-20", "1e-20 is not a week number."),
        ("50", "9.5e0", "9.5 is not a week number."),
        ("1e20", "9", "1e20 does not fit: percent done"),
    ],
)
def test_a_figure_past_its_range_is_said_as_written_not_in_scientific_form(percent, end, said):
    """``end_week = 1e20`` (or 99999999999999999999) read "week 1.000E+20 is past the end
    of the quarter", and percent_done = 1e20 "1E+20 does not fit": a form nobody typed."""
    with pytest.raises(InvalidInputError) as info:
        read_checkin(_entry(percent, f", end_week = {end}"), "w.toml", _quarter())
    (issue,) = info.value.errors
    assert said in issue.message
    assert "E+" not in issue.message and "E-" not in issue.message


def test_an_end_week_date_without_a_first_monday_or_outside_the_quarter_reads_as_before():
    """Without [calendar] first_monday, or for a date past the quarter, no week is named."""
    for quarter, typed in ((_quarter(None), "2025-09-03"), (_quarter(), "2026-01-05")):
        with pytest.raises(InvalidInputError) as info:
            read_checkin(_entry("50", f", end_week = {typed}"), "w.toml", quarter)
        (issue,) = info.value.errors
        assert issue.message == f"{typed} is not a week number."


@pytest.mark.parametrize(
    ("typed", "week", "gone"), [("2025-08-11", 7, 6), ('"2025-08-13"', 7, 6), ("2025-06-30", 1, 0)]
)
def test_weeks_elapsed_typed_as_a_date_is_told_the_weeks_gone_by_then(typed, week, gone):
    """The check-in's date for weeks_elapsed: the weeks before the week it falls in."""
    text = f"weeks_elapsed = {typed}\nquarter_weeks = 13\n"
    with pytest.raises(InvalidInputError) as info:
        read_checkin(text, "w.toml", _quarter())
    (issue,) = info.value.errors
    assert issue.column == "weeks_elapsed"
    assert issue.message == (
        f"'{typed.strip(chr(34))}' is a date: it falls in week {week} of the quarter (week 1 "
        "starts on 2025-06-30); weeks_elapsed counts the weeks gone."
    )
    assert issue.fix == (
        f"Write weeks_elapsed = {gone} for a check-in in week {week} (the weeks before it), "
        "not a date."
    )


def test_parse_checkin_still_reads_a_file_with_a_warning_as_written():
    """The saved re-plan's note and older callers read the check-in alone, unchanged."""
    checkin = parse_checkin(_entry("0.6"), "note")
    assert checkin.progress("a").status is ProjectStatus.IN_PROGRESS
    assert checkin.progress("a").percent_done == Decimal("0.6")


def test_a_check_in_with_an_old_mac_editor_s_line_ends_reads_as_written():
    """A check-in saved with lone CRs for line ends read "not valid TOML (Expected newline
    or end of document after a statement (at line 1, column 18))": TOML ends a line with
    LF or CRLF only. TOML allows a lone CR nowhere else, so each is read as a line end."""
    from planner.scenarios.checkin_toml import parse_checkin

    lines = ["weeks_elapsed = 6", "quarter_weeks = 13", "[hours_used]", "content = 120", ""]
    assert parse_checkin("\r".join(lines)) == parse_checkin("\n".join(lines))


def test_a_settings_file_with_lone_crs_reads_as_written():
    from planner.core.settings_reading import parse_settings

    text = "[capacity.multipliers]\rsales = 0.9\r"
    assert parse_settings(text) == parse_settings(text.replace("\r", "\n"))


def _plan(*pairs: tuple[str, str]) -> Plan:
    return Plan(tuple(Assignment(p, t, Decimal(1), Decimal(10), Decimal(1)) for p, t in pairs))


def test_a_saved_check_in_s_sentence_counts_what_the_re_plan_left_out_apart_from_drops():
    """A project 80 % done ticked "May move" was left out by the re-plan, and the save's note
    still read "0 dropped": it counted the projects the leader marked dropped only. It says
    every baseline project the re-plan leaves out, apart from the leader's drops."""
    quarter = problem(
        [team("Brand"), team("Content")],
        [project(p) for p in ("A", "B", "C", "D", "E")],
    )
    baseline = _plan(("A", "Brand"), ("B", "Brand"), ("C", "Content"), ("D", "Content"))
    checkin = CheckIn(
        Decimal(6),
        projects={
            "A": ProjectProgress(ProjectStatus.DONE),
            "B": ProjectProgress(ProjectStatus.IN_PROGRESS, Decimal(80)),
            "C": ProjectProgress(ProjectStatus.DROPPED),
        },
    )
    # B (in progress, let move) and D left out; A done and C dropped are no longer planned.
    left = (Unassigned("B", ""), Unassigned("D", ""))
    replanned = replace(_plan(("E", "Brand")), unassigned=left)
    assert left_out_by_replan(baseline, replanned, checkin) == ("B", "D")
    out = out_of_plan(baseline, replanned, checkin)
    said = describe_checkin(quarter, checkin, out=out)
    assert (
        "1 done, 1 in progress, 2 left out by the re-plan ('B'; 'D'), 1 dropped by you ('C')."
        in said
    )
    assert out_of_plan_words(replace(out, dropped=())) == "2 left out by the re-plan"


def test_a_saved_check_in_s_sentence_names_what_leaves_the_plan_the_first_three_of_each():
    """The summary counted the projects out of the plan ("5 left out by the re-plan, 1
    dropped by you") and a leader could not tell which without the tables: each count names
    its projects, the first three and how many more, as the page's lists of names do; the
    page's save and ``planner checkin`` say it in these words."""
    quarter = problem(
        [team("Brand")],
        [project(p, name=f"Project {p}") for p in ("A", "B", "C", "D", "E", "F", "G", "H")],
    )
    out = OutOfPlan(left_out=("A", "B", "C", "D", "E"), no_longer_fit=("F",), dropped=("G", "H"))
    names = {p.project_id: p.name for p in quarter.projects}
    assert out_of_plan_words(out, names) == (
        "5 left out by the re-plan ('Project A'; 'Project B'; 'Project C' and 2 more), "
        "2 dropped by you ('Project G'; 'Project H'), "
        "1 no longer able to run in the weeks left ('Project F')"
    )
    checkin = CheckIn(
        Decimal(6), projects={p: ProjectProgress(ProjectStatus.DROPPED) for p in "GH"}
    )
    said = describe_checkin(quarter, checkin, out=out)
    assert f"0 in progress, {out_of_plan_words(out, names)}." in said
    # Nothing out: the count alone, no empty brackets.
    assert out_of_plan_words(OutOfPlan((), (), ()), names) == "0 left out by the re-plan"


def test_a_saved_check_in_s_sentence_counts_work_whose_weeks_no_longer_fit_as_the_page_does():
    """D, not started at week 6, no longer fits the weeks left: the re-plan's quarter has no
    place for it, and the Check-in page lists it as "1 no longer able to run in the weeks
    left", no change. The saved note read "1 left out by the re-plan, 1 marked dropped", as
    if the re-plan had made a change the page did not list. One wording, the page's."""
    baseline = _plan(("A", "Brand"), ("C", "Content"), ("D", "Content"))
    checkin = CheckIn(
        Decimal(6),
        projects={
            "A": ProjectProgress(ProjectStatus.DONE),
            "C": ProjectProgress(ProjectStatus.DROPPED),
        },
    )
    replanned = _plan(("E", "Brand"))  # D is not in the re-plan's quarter, so not listed
    out = out_of_plan(baseline, replanned, checkin)
    assert out == OutOfPlan(left_out=(), no_longer_fit=("D",), dropped=("C",))
    assert out_of_plan_words(out) == (
        "0 left out by the re-plan, 1 dropped by you, 1 no longer able to run in the weeks left"
    )


def test_a_check_in_file_s_replan_table_reads_back_and_bad_values_are_named():
    """A saved check-in's [replan] (what its re-plan was made with) reads back as written;
    a value of the wrong kind is named by its key, never read as another."""
    from planner.scenarios.checkin_replan import ReplanWith

    quarter = problem([team("Brand")], [project("A"), project("B")])
    checkin = CheckIn(
        Decimal(6), projects={"A": ProjectProgress(ProjectStatus.IN_PROGRESS, Decimal(80))}
    )
    given = ReplanWith(("A",), 3, 5.0)
    text = checkin_to_toml(checkin, replan=given)
    read = read_checkin(text, "checkin.toml", quarter)
    assert read.checkin == checkin and read.replan == given
    assert read_checkin(checkin_to_toml(checkin), "checkin.toml", quarter).replan is None
    bad = text.replace("max_changes = 3", "max_changes = -1").replace(
        "stability = 5", 'stability = "x"'
    )
    with pytest.raises(InvalidInputError) as caught:
        read_checkin(bad, "checkin.toml", quarter)
    columns = {issue.column for issue in caught.value.issues}
    assert {"replan.max_changes", "replan.stability"} <= columns, columns


@pytest.mark.parametrize(
    ("line", "said"),
    [
        # Decimal('NaN') compared with 0 raised InvalidOperation: "internal error".
        ("stability = nan", "nan is not a number; use a number from 0 to 1000000"),
        # Read as float('inf'), it ended the re-plan in "OverflowError", exit 1.
        ("stability = inf", "inf is not finite; use a number from 0 to 1000000"),
        # Past the range --stability holds, the file's was taken as it was.
        ("stability = 1e300", "is out of range; use a number from 0 to 1000000"),
        ("max_changes = 99999999999999999999", "is out of range; use a whole number from 0"),
        ("max_changes = 3.0", "3.0 has a decimal point: write it as 3"),
        ('stability = "5"', "'5' is in quotes, so it reads as text"),
        ('max_changes = "3"', "write it without the quotes (max_changes = 3)"),
    ],
)
def test_a_replan_figure_edited_by_hand_is_held_to_the_range_its_flag_has(line, said):
    """[replan]'s max_changes and stability are what --max-changes and --stability give: the
    file's are checked as the flags are (their range, a figure in quotes), never a crash."""
    from planner.scenarios.checkin_replan import ReplanWith

    quarter = problem([team("Brand")], [project("A"), project("B")])
    checkin = CheckIn(
        Decimal(6), projects={"A": ProjectProgress(ProjectStatus.IN_PROGRESS, Decimal(80))}
    )
    text = checkin_to_toml(checkin, replan=ReplanWith(("A",), 3, 5.0))
    key = line.split(" = ")[0]
    edited = "\n".join(line if row.startswith(f"{key} = ") else row for row in text.splitlines())
    assert line in edited
    with pytest.raises(InvalidInputError) as caught:
        read_checkin(edited, "checkin.toml", quarter)
    (issue,) = [i for i in caught.value.issues if i.column == f"replan.{key}"]
    assert said in issue.message, issue.message


@pytest.mark.parametrize(
    ("line", "said", "fix"),
    [
        ("max_changes = 1e3", "1e3 is written with an exponent: write it as 1000", "= 1000 "),
        ("max_changes = 1E3", "1e3 is written with an exponent: write it as 1000", "= 1000 "),
        ("max_changes = 1000.0", "1000.0 has a decimal point: write it as 1000", "= 1000 "),
        ("max_changes = 1e20", "1e20 is out of range", "= 3 "),
        ("stability = 1e300", "1e300 is out of range", "= 5 "),
    ],
)
def test_a_replan_figure_with_an_exponent_is_said_as_written(line, said, fix):
    """``max_changes = 1e3`` read "1000.0 has a decimal point" (it has none) with the fix
    "Write max_changes = 3": the figure is said as written, and the fix is the number."""
    quarter = problem([team("Brand")], [project("A")])
    text = "weeks_elapsed = 6\n[replan]\n" + line + "\n"
    with pytest.raises(InvalidInputError) as caught:
        read_checkin(text, "r.toml", quarter)
    (issue,) = caught.value.issues
    assert said in issue.message, issue.message
    assert "1000.0" not in issue.message or "1000.0" in line
    assert fix in issue.fix, issue.fix


def test_a_replan_that_is_no_table_is_named_by_its_own_key():
    """``[[replan]]`` (a list of tables) read "key replan.: [replan] must be a table", the
    key cut after its dot."""
    quarter = problem([team("Brand")], [project("A")])
    text = checkin_to_toml(CheckIn(Decimal(6))) + "\n[[replan]]\nunlock = []\n"
    with pytest.raises(InvalidInputError) as caught:
        read_checkin(text, "checkin.toml", quarter)
    (issue,) = caught.value.issues
    assert issue.column == "replan", issue
    assert issue.message == "[replan] must be a table.", issue


@pytest.mark.parametrize(
    ("text", "column"),
    [
        ("weeks_elapsed = 1{zeros}.5\n", "weeks_elapsed"),
        (
            'weeks_elapsed = 6\n\n[projects.P1]\nstatus = "in_progress"\n'
            "percent_done = 1{zeros}.5\n",
            "projects.P1.percent_done",
        ),
    ],
)
def test_a_figure_written_thousands_of_digits_long_is_quoted_clipped(text, column):
    """A figure 5,000 digits long is past its range, said as the file writes it but cut
    short: the message quoted all 5,000 digits."""
    with pytest.raises(InvalidInputError) as caught:
        parse_checkin(text.format(zeros="0" * 5000))

    [issue] = [i for i in caught.value.issues if i.column == column]
    assert len(issue.message) < 300 and "5,00" in issue.message, issue.message


@pytest.mark.parametrize(("hours", "warned"), [("1.000", True), ("1.0", False), ("1.500", False)])
def test_hours_used_written_with_a_dot_between_thousands_is_warned_as_a_cell_is(hours, warned):
    """A CSV cell 1.000 was warned of as a possible thousand, a check-in's
    ``hours_used = 1.000`` (TOML reads 1.0) went without a word: one rule, from the text."""
    text = f"weeks_elapsed = 6\n[hours_used]\nt = {hours}\n"
    read = read_checkin(text, "w.toml", _quarter())
    said = [w for w in read.warnings if w.column == "hours_used.t"]
    assert bool(said) is warned, said
    if warned:
        assert said[0].message.startswith("1.000 reads as 1: the dot is the decimal point.")
        assert said[0].fix == "Write t = 1000 for 1,000, or t = 1 to keep 1."


def test_hours_used_beside_a_figure_with_decimals_is_not_warned():
    """As in a CSV column: 12.25 beside it shows the dot is a decimal point."""
    text = "weeks_elapsed = 6\n[hours_used]\nt = 1.000\nu = 12.25\n"
    assert read_checkin(text, "w.toml", _quarter()).warnings == ()


def test_a_number_written_with_an_underscore_or_in_hex_is_fixed_by_its_own_line():
    """Under "write it as one (weeks_elapsed = 6)", the fix read "Write a plain number,
    e.g. 6"."""
    text = "weeks_elapsed = 0x6\n[hours_used]\nt = 1_000\n"
    with pytest.raises(InvalidInputError) as caught:
        read_checkin(text, "w.toml", _quarter())
    fixes = {i.column: i.fix for i in caught.value.errors}
    assert fixes["weeks_elapsed"] == "Write weeks_elapsed = 6."
    assert fixes["hours_used.t"] == "Write t = 1000."
