"""Check-in files with a slip a leader would not notice: nothing of it may vanish unsaid.

Top-level keys were checked, but inside a project's entry a misspelt key
(``percnt_done = 90``) was dropped, so the project read 0 % done and the
re-plan went on as if no work had been done; and one id written twice
(``"LG-02"`` and ``" LG-02"``) kept whichever came last.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from load_watch import LoadWatch

from planner.core.domain import Plan
from planner.core.errors import InvalidInputError
from planner.core.loading import load_with_warnings
from planner.scenarios.checkin import CheckIn, ProjectProgress, ProjectStatus
from planner.scenarios.checkin_issues import checkin_issues
from planner.scenarios.checkin_toml import parse_checkin
from planner.scenarios.checkin_toml_writing import checkin_to_toml

HEAD = "weeks_elapsed = 4\nquarter_weeks = 13\n"


def _issues(text: str) -> list[tuple[str | None, str, str]]:
    with pytest.raises(InvalidInputError) as info:
        parse_checkin(text, "week4.toml")
    return [(i.column, i.message, i.fix) for i in info.value.errors]


def test_a_misspelt_key_in_a_project_entry_is_named_with_the_keys_it_takes():
    """``percnt_done = 90`` read as 0 % done without a word; it is named on its key."""
    text = HEAD + '[projects]\n"AW-01" = { status = "in_progress", percnt_done = 90 }\n'
    ((column, message, fix),) = _issues(text)
    assert column == "projects.AW-01.percnt_done"
    assert "percnt_done" in message and "status" in fix and "percent_done" in fix


@pytest.mark.parametrize("table", ["projects", "achieved", "hours_used"])
def test_an_id_written_twice_is_named_not_silently_merged(table):
    """The same id twice after trimming (or in another Unicode form) is one problem naming
    it; one of the two values was kept without a word."""
    first, second = ('"done"', '"dropped"') if table == "projects" else ("5", "7")
    text = HEAD + f'[{table}]\n"caf\u00e9" = {first}\n" cafe\u0301" = {second}\n'
    ((column, message, fix),) = _issues(text)
    assert column == f"{table}.caf\u00e9" and "twice" in message and fix


def test_a_well_formed_check_in_still_reads():
    """The checks above leave a clean file alone."""
    text = HEAD + '[projects]\n"AW-01" = { status = "in_progress", percent_done = 40 }\n'
    checkin = parse_checkin(text + '[achieved]\n"mqls" = 400\n[hours_used]\n"sdr" = 55\n')
    assert checkin.projects["AW-01"].status is ProjectStatus.IN_PROGRESS
    assert float(checkin.projects["AW-01"].percent_done) == 40


def test_a_hundred_thousand_unknown_ids_are_one_line_on_the_command_line(tmp_path, capsys):
    """A check-in naming 100,000 projects the data does not have printed 100,000 lines
    (10 MB); the command line tells them as one line naming the first ids and the count."""
    from pathlib import Path

    from planner.interfaces.cli import main

    data = Path(__file__).resolve().parents[2] / "data" / "sample-without-weeks"
    plan = tmp_path / "plan.csv"
    assert main(["solve", str(data), "--out", str(plan), "--time-limit", "2"]) == 0
    ids = "".join(f'"ZZ{i}" = "done"\n' for i in range(100_000))
    checkin = tmp_path / "week4.toml"
    checkin.write_text(HEAD + "[projects]\n" + ids, encoding="utf-8")
    capsys.readouterr()
    args = ["checkin", str(data), "--baseline", str(plan), "--checkin", str(checkin)]
    assert main([*args, "--out", str(tmp_path / "rest.csv")]) == 2
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 2 and len(lines[0]) < 400
    assert "100,000 keys (projects.ZZ0, projects.ZZ1, projects.ZZ2 and 99,997 more)" in lines[0]
    assert lines[1] == "100,000 problems found; nothing was written."


def test_weeks_written_as_text_are_fixed_with_a_whole_week():
    """`weeks_elapsed = "6"` was fixed with 'e.g. 6.5', a week a quarter planned in weeks
    refuses; the weeks' examples are whole weeks."""
    issues = _issues('weeks_elapsed = "6"\nquarter_weeks = "13"\n')
    assert [(c, f) for c, _, f in issues] == [
        ("weeks_elapsed", "Write a plain number, e.g. 6."),
        ("quarter_weeks", "Write a plain number, e.g. 13."),
    ]


@pytest.mark.parametrize("name", ["brand\U0001fae8", "ops\U000f0001", "tab\there"])
def test_ids_and_a_note_past_the_basic_plane_read_back_from_the_written_check_in(name):
    # An emoji newer than Python's Unicode table does not print, and "\uXXXX" holds
    # four hex digits only: the template of a team named "brand" plus such an emoji
    # was refused by the check-in that read it back.
    checkin = CheckIn(
        weeks_elapsed=Decimal(4),
        projects={name: ProjectProgress(ProjectStatus.DONE)},
        achieved={name: Decimal(3)},
        hours_used={name: Decimal(12)},
        note=name,
    )
    assert parse_checkin(checkin_to_toml(checkin)) == checkin


@pytest.mark.parametrize(
    "name",
    [
        "Webinar\nweeks_elapsed = 13",  # a line break would end the comment early
        'Quote " and # hash \\ backslash',
        "bell\x07 nul\x00 del\x7f sep\u2028 bidi\u202e end",
        "brand\U0001fae8 " + "x" * 500,  # past the comment's length
    ],
)
def test_names_as_comments_cannot_change_what_the_check_in_reads(name):
    """checkin-template writes each id with its name as a comment ("# Webinar series
    (Demand Gen)"): a name is data a leader typed, so whatever it holds, the file reads
    back to the same check-in, one line an entry."""
    checkin = CheckIn(
        weeks_elapsed=Decimal(4),
        projects={"P1": ProjectProgress(ProjectStatus.IN_PROGRESS, Decimal(40), end_week=9)},
        achieved={"g1": Decimal(3)},
        hours_used={"t1": Decimal(12)},
    )
    names = {"projects": {"P1": name}, "achieved": {"g1": name}, "hours_used": {"t1": name}}
    text = checkin_to_toml(checkin, names)
    assert parse_checkin(text) == checkin
    entries = [line for line in text.splitlines() if line.startswith('"')]
    assert len(entries) == 3 and all("  # " in line for line in entries)
    assert all(len(line) < 300 for line in entries)


def test_unknown_ids_are_told_in_time_however_many_projects_the_data_has():
    """Each unknown id was compared, normalised, with every id of the data, to find the one
    a hidden character might hide: 20,000 unknown ids in a quarter of 2,000 projects took
    minutes (a 19 MB check-in of the sample's size ran past 5 minutes and 1.2 GB). The
    data's ids are normalised once, and only an id with a hidden character is looked up."""

    from planner.core.domain import Plan
    from planner.core.generate import generate_problem
    from planner.scenarios.checkin_issues import checkin_issues

    quarter = generate_problem(10, 2_000)
    ids = "".join(f'"ZZ{i}" = "done"\n' for i in range(20_000))
    checkin = parse_checkin(HEAD + "[projects]\n" + ids + '"AW\u200b-01" = "done"\n')
    with LoadWatch() as step:
        issues = checkin_issues(quarter, Plan(()), checkin)
    assert step.seconds < 5 * step.per_core
    assert len(issues) == 20_001
    assert issues[0].message == "project 'ZZ0' is not in the inputs."
    # None of its ids is the data's: the file is another's, not 20,001 lines to remove.
    assert issues[0].fix.startswith(
        "Give the check-in written for these inputs: none of the 20,001"
    )
    hidden = issues[-1]
    assert "\\u200b" in hidden.message


@pytest.mark.parametrize(
    ("table", "entry", "meant"),
    [
        ("projects", '"AW\u200b-01" = "done"', "AW-01"),
        ("achieved", '"mq\u200bls" = 5', "mqls"),
        ("hours_used", '"sd\u200br" = 7', "sdr"),
    ],
)
def test_an_id_with_a_hidden_character_is_told_the_id_to_retype_it_as(table, entry, meant):
    """``AW-01`` pasted with a zero-width space is the leader's record of AW-01: the fix names
    the id to retype, not "Remove it" (which would throw the record away). The data's ids are
    keyed once by their normal form: a project's, a goal's and a team's id are all found."""
    from app_server import ROOT

    from planner.core.domain import Plan
    from planner.core.loading import load_with_warnings
    from planner.scenarios.checkin_issues import checkin_issues

    problem = load_with_warnings(ROOT / "data" / "sample").problem
    checkin = parse_checkin(HEAD + f"[{table}]\n{entry}\n")
    (issue,) = checkin_issues(problem, Plan(()), checkin)
    assert issue.column == f"{table}.{meant[:2]}\\u200b{meant[2:]}"
    assert "\\u200b" in issue.message
    assert issue.fix == f"Retype it as '{meant}'."


@pytest.mark.parametrize(
    ("table", "entry", "meant"),
    [
        ("projects", '"aw-01" = "done"', "AW-01"),
        ("achieved", "MQLs = 5", "mqls"),
        ("hours_used", "SDR = 7", "sdr"),
    ],
)
def test_an_id_typed_in_other_capitals_is_told_the_id_to_retype_it_as(table, entry, meant):
    """`"nu-01" = "done"` (typed from a slide that shows NU-01 in lower case) read "project
    'nu-01' is not in the inputs. Fix: Remove it.": the fix threw away the leader's record
    of a project done. Ids are compared exactly; the fix now names the id meant."""
    from app_server import ROOT

    from planner.core.domain import Plan
    from planner.core.loading import load_with_warnings
    from planner.scenarios.checkin_issues import checkin_issues

    problem = load_with_warnings(ROOT / "data" / "sample").problem
    checkin = parse_checkin(HEAD + f"[{table}]\n{entry}\n")
    (issue,) = checkin_issues(problem, Plan(()), checkin)
    given = entry.split(" = ")[0].strip('"')
    assert issue.column == f"{table}.{given}"
    assert issue.message.endswith(
        f"'{given}' is not in the inputs: ids are compared exactly, capitals too."
    )
    assert issue.fix == f"Retype it as '{meant}'."


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (
            '[projects]\n"AW-02" = "done"\n"AW-02" = "dropped"\n',
            'line 3 gives "AW-02" again, line 2 gives it already.',
        ),
        (
            "[achieved]  # so far\nmqls = 867\n[achieved]\nsqls = 153\n",
            "line 3 gives [achieved] again, line 1 gives it already.",
        ),
        (
            "[achieved]\nmqls = 867\n[hours_used]\nmqls = 1\n[achieved]\n",
            "line 5 gives [achieved] again, line 1 gives it already.",
        ),
    ],
)
def test_the_same_project_twice_in_a_check_in_is_named_not_only_its_line(text, words):
    """A project written twice read 'not valid TOML (Cannot overwrite a value (at line 3,
    column 20))': the leader had to count lines to find which. The key is named, and the
    line that gave it first (it read "after a line above")."""
    with pytest.raises(InvalidInputError) as info:
        parse_checkin(text)
    (issue,) = info.value.errors
    assert words in issue.message, issue.message
    assert "Cannot overwrite" not in issue.message and "written once" in issue.fix


def test_a_goal_under_achieved_as_planned_that_the_data_lacks_is_named():
    """[achieved_as_planned] (the plan's figures the template's counts stand for) with a
    goal id the data lacks was ignored in silence: a typo there is said, as under
    [achieved]."""
    problem = load_with_warnings(Path(__file__).parents[2] / "data" / "sample").problem
    checkin = parse_checkin(
        'weeks_elapsed = 6\n[achieved]\n"new-logos" = 8\n'
        '[achieved_as_planned]\n"new-logo" = 7.7\n"new-logos" = 7.7\n'
    )
    issues = checkin_issues(problem, Plan(()), checkin)
    assert [(i.column, i.message) for i in issues] == [
        ("achieved_as_planned.new-logo", "goal 'new-logo' is not in the inputs.")
    ]


def test_goals_under_achieved_as_planned_that_the_data_lacks_are_named_in_the_files_order():
    """Several unknown goals under [achieved_as_planned] were named in a different order
    at each run ('new-logoz' first, then 'aaa' first), never the order the file gives
    them: a leader fixing them top to bottom could not follow the message."""
    problem = load_with_warnings(Path(__file__).parents[2] / "data" / "sample").problem
    typos = ["new-logoz", "zzz", "aaa", "mql", "sql", "churn", "arr", "pipe"]
    checkin = parse_checkin(
        "weeks_elapsed = 6\n[achieved_as_planned]\n" + "".join(f'"{g}" = 1\n' for g in typos)
    )
    issues = checkin_issues(problem, Plan(()), checkin)
    assert [i.column for i in issues] == [f"achieved_as_planned.{g}" for g in typos]


def test_the_note_above_achieved_as_planned_gives_this_check_in_s_own_count_as_its_example():
    """The note above [achieved_as_planned] read "(8 new customers for the plan's 7.7)" in
    every check-in file, on data with no such goal and at any week. It gives the file's
    own first count and the plan's figure it stands for, and reads back the same."""
    checkin = CheckIn(
        Decimal(6),
        Decimal(13),
        achieved={"mqls": Decimal(867), "sqls": Decimal(153)},
        as_planned={"mqls": Decimal("866.51"), "sqls": Decimal("153.005")},
    )
    text = checkin_to_toml(checkin)
    assert "# (867 under mqls for the plan's 866.51): a later check-in --since" in text
    assert "new customers" not in text
    again = parse_checkin(text)
    assert again.achieved == checkin.achieved and again.as_planned == checkin.as_planned


def test_a_check_in_of_other_data_is_told_to_be_swapped_not_emptied():
    """A check-in written for another quarter (every project and team id another data's)
    read "project 'P0001' is not in the inputs (also ... and 17 more). Fix: Remove it." for
    its projects and teams: to delete the leader's whole record, line by line, where the
    file is the wrong one. An unknown id among known ones is still to be removed."""
    problem = load_with_warnings(Path(__file__).resolve().parents[2] / "data" / "sample").problem
    text = (
        HEAD
        + '[projects]\n"P0001" = "done"\n"P0002" = "dropped"\n"P0003" = "done"\n'
        + '[achieved]\n"mqls" = 400\n[hours_used]\n"S001" = 55\n"M004" = 20\n'
    )
    issues = checkin_issues(problem, Plan(()), parse_checkin(text, "week4.toml"))
    fixes = {i.column: i.fix for i in issues}
    assert set(fixes) == {
        "projects.P0001",
        "projects.P0002",
        "projects.P0003",
        "hours_used.S001",
        "hours_used.M004",
    }, fixes
    assert fixes["projects.P0001"] == (
        "Give the check-in written for these inputs: none of the 3 projects it lists is in "
        "them, so it reads as written for other data."
    ), fixes
    assert fixes["hours_used.M004"] == (
        "Give the check-in written for these inputs: none of the 2 teams it lists is in "
        "them, so it reads as written for other data."
    ), fixes
    mixed = HEAD + '[projects]\n"P0001" = "done"\n"AW-01" = "done"\n'
    (issue,) = checkin_issues(problem, Plan(()), parse_checkin(mixed, "week4.toml"))
    assert (issue.column, issue.fix) == ("projects.P0001", "Remove it.")


def test_a_check_in_keyed_by_names_is_told_the_ids_not_to_remove_them():
    """A check-in keyed as the pages show teams, goals and projects, by name ("SDR Team" =
    291) read "team 'SDR Team' is not in the inputs. Fix: Remove it.", the leader's record
    thrown away; every team keyed so was "written for other data". Each is told the id its
    name is; two ids in one key are told to take a line each."""
    problem = load_with_warnings(Path(__file__).resolve().parents[2] / "data" / "sample").problem
    text = (
        HEAD
        + '[projects]\n"Lead scoring model v3 with intent signals" = "done"\n'
        + '"NU-01, QU-01" = "done"\n'
        + '[achieved]\n"Marketing-qualified leads" = 400\n'
        + '[hours_used]\n"SDR Team" = 55\n"mid-market aes" = 20\n'
    )
    issues = {i.column: i for i in checkin_issues(problem, Plan(()), parse_checkin(text))}
    team = issues["hours_used.SDR Team"]
    assert team.message == "'SDR Team' is the name of team sdr, not its id.", team
    assert team.fix == "Retype it as 'sdr'.", team
    assert issues["hours_used.mid-market aes"].fix == "Retype it as 'mm-ae'."
    assert issues["achieved.Marketing-qualified leads"].fix == "Retype it as 'mqls'."
    project = issues["projects.Lead scoring model v3 with intent signals"]
    assert project.fix == "Retype it as 'NU-01'.", project
    both = issues["projects.NU-01, QU-01"]
    assert both.message == "'NU-01, QU-01' are 2 project ids written as one key (NU-01, QU-01).", (
        both
    )
    assert both.fix == 'Give each its own line: "NU-01" = ... and "QU-01" = ....', both


def test_an_id_one_slip_from_the_datas_is_asked_about_not_only_removed():
    """A goal, project or team id of the check-in one slip from one of the data's read
    "Remove it", which threw the KPI, status or hours typed away; the data files' ids
    ask "did you mean" alike. One the same table lists already is not offered."""
    problem = load_with_warnings(Path(__file__).parents[2] / "data" / "sample").problem
    checkin = parse_checkin(
        'weeks_elapsed = 6\n[projects]\n"NU-1" = "done"\n[achieved]\n"mql" = 800\n'
        '"new-logo" = 7\n"new-logos" = 8\n[hours_used]\n"sdrr" = 200\n'
    )
    said = {i.column: (i.message, i.fix) for i in checkin_issues(problem, Plan(()), checkin)}
    assert said["projects.NU-1"] == (
        "project 'NU-1' is not in the inputs: did you mean 'NU-01'?",
        "Retype it as 'NU-01' if that is the one meant; otherwise remove it.",
    )
    assert said["achieved.mql"][0].endswith("did you mean 'mqls'?")
    assert said["hours_used.sdrr"][0].endswith("did you mean 'sdr'?")
    assert said["achieved.new-logo"] == ("goal 'new-logo' is not in the inputs.", "Remove it.")


def test_a_checkin_key_below_a_projects_own_table_is_told_to_move_above_it():
    """A project written as its own ``[projects."AW-01"]`` table above ``note = ""`` took
    the note as one of the project's keys: "unknown key 'note' in the entry of AW-01" left
    the leader to guess why a key of every check-in was unknown."""
    text = 'weeks_elapsed = 4\n[projects."AW-01"]\nstatus = "done"\nnote = ""\n'
    ((column, message, fix),) = _issues(text)
    assert column == "projects.AW-01.note"
    assert message == (
        "'note' is a key of the check-in itself, but it stands below the table of AW-01 "
        "([projects.AW-01]), so it reads as one of that project's keys."
    )
    assert fix == "Move the line note = ... above the file's first [table] line."
