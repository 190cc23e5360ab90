"""settings.toml: SPEC's defaults, every problem reported, and a faithful round trip."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from planner.core.errors import InvalidInputError
from planner.core.loading import load_with_warnings
from planner.core.settings import Settings, StageSettings
from planner.core.settings_reading import parse_settings
from planner.core.workbook_writing import data_workbook

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"


def test_empty_settings_take_specs_defaults():
    """Every key is optional: an empty file is the documented default scenario."""
    s = parse_settings("")
    assert s == Settings()
    assert s.solve.time_limit_s == 10.0 and s.weights.balance == 0.1
    assert s.stages.owners["qualification"] == ("sales", "marketing")


def test_unknown_keys_are_errors_naming_each_key():
    """A typo in a weight name must not silently fall back to a default."""
    with pytest.raises(InvalidInputError) as info:
        parse_settings("[weights]\nattainmnet = 2\n[solv]\nx = 1\n")
    columns = {i.column for i in info.value.issues}
    assert columns == {"weights.attainmnet", "solv"}


def test_bad_values_are_all_reported_with_the_fix():
    """Negative weights, a zero time limit and text numbers are each reported once."""
    text = '[solve]\ntime_limit_s = 0\nworkers = "two"\n[weights]\nfit = -1\n'
    with pytest.raises(InvalidInputError) as info:
        parse_settings(text)
    assert {i.column for i in info.value.issues} == {
        "solve.time_limit_s",
        "solve.workers",
        "weights.fit",
    }
    assert all(i.fix for i in info.value.issues)


@pytest.mark.parametrize(
    ("line", "shown"),
    [
        ("value = 1979-05-27", "1979-05-27 is not"),
        ("value = 08:00:00", "08:00:00 is not"),
        ("value = { x = 1 }", "a table (x) is not"),
        ("value = [1, 2]", "[1, 2] is not"),
    ],
)
def test_a_value_of_another_type_is_shown_as_toml_writes_it(line, shown):
    """A date or a table where a weight goes read "datetime.date(1979, 5, 27) is not a
    number" or "{'x': 1} is not a number": Python's words, not the file's."""
    with pytest.raises(InvalidInputError) as info:
        parse_settings(f"[weights]\n{line}\n")
    (issue,) = info.value.issues
    assert issue.message.startswith(shown), issue.message
    assert "datetime" not in issue.message and "{" not in issue.message


def test_invalid_toml_is_one_clear_problem():
    """A broken file is reported, not raised as a parser traceback."""
    with pytest.raises(InvalidInputError) as info:
        parse_settings("[solve\n")
    assert "TOML" in info.value.issues[0].message


def test_settings_round_trip_through_toml():
    """Scenarios store settings as TOML: writing and reading gives the same object."""
    text = """
[capacity]
max_utilization = 0.85
[capacity.multipliers]
sales = 0.9
"team \\"A\\"" = 1.2
[stages]
order = ["awareness", "closing", "expansion"]
[stages.owners]
closing = ["sales", "marketing"]
[weights]
value = 0.5
"""
    s = parse_settings(text)
    assert s.capacity.multipliers == {"sales": 0.9, 'team "A"': 1.2}
    assert parse_settings(s.to_toml()) == s


def test_characters_past_the_basic_plane_round_trip_through_toml():
    """A team id or stage with an emoji newer than Python's Unicode table (U+1FAE8, shaking
    face: unassigned to Python 3.11, so not 'printable') or a private-use character of the
    planes past U+FFFF is written as an escape TOML reads back as that character: written
    as ``\\u1fae8`` it read as U+1FAE and an '8', and a saved scenario lost the multiplier."""
    team, stage = "brand\U0001fae8", "launch\U000f0000"
    s = parse_settings(
        f'[capacity.multipliers]\n"{team}" = 1.5\n'
        f'[stages]\norder = ["awareness", "{stage}"]\n[stages.owners]\n"{stage}" = ["sales"]\n'
    )
    assert s.capacity.multipliers == {team: 1.5}
    assert parse_settings(s.to_toml()) == s


def test_custom_stage_without_owners_is_open_to_both_departments():
    """A leader's own stage, not in the owners table, may be owned by either side."""
    s = parse_settings('[stages]\norder = ["awareness", "expansion"]\n')
    assert s.stages.owners == {"awareness": ("marketing",), "expansion": ("sales", "marketing")}
    assert StageSettings(order=("work",)).allows("work", "sales")


def test_multiplier_of_a_team_beats_its_departments():
    """SPEC: a team's own entry beats its department's."""
    s = parse_settings("[capacity.multipliers]\nsales = 0.5\nsdr = 0.8\n")
    assert s.multiplier("sdr", "sales") == 0.8
    assert s.multiplier("ae", "sales") == 0.5
    assert s.multiplier("content", "marketing") == 1.0


def test_multiplier_for_a_team_id_with_a_dot_is_read_as_written():
    """A team id like "emea.sales" must not be mistaken for the department "sales"."""
    s = parse_settings('[capacity.multipliers]\nsales = 0.9\n"emea.sales" = 0.5\n')
    assert s.multiplier("emea.sales", "sales") == 0.5


def test_a_settings_file_that_is_not_toml_or_not_utf8_gets_a_fix_for_a_toml_file(tmp_path):
    """A key written twice is not a quoting slip, and a settings file saved as UTF-16 is
    not a CSV export from Excel: each fix says what to do with this file.
    """
    with pytest.raises(InvalidInputError) as twice:
        parse_settings("[solve]\nseed = 1\nseed = 2\n")
    (issue,) = twice.value.issues
    assert "line 3" in issue.message and "written once" in issue.fix
    assert "quoting" not in issue.fix
    toml = tmp_path / "odd.toml"
    toml.write_bytes("[solve]\nseed = 1\n".encode("utf-16"))
    with pytest.raises(InvalidInputError) as utf16:
        load_with_warnings(SAMPLE, toml)
    (issue,) = utf16.value.issues
    assert "UTF-8" in issue.fix and "CSV" not in issue.fix and "Excel" not in issue.fix


@pytest.mark.parametrize("monday", ["9999-12-27", "0001-01-01", "2199-12-30"])
def test_a_first_monday_whose_quarter_leaves_the_calendar_is_a_problem_of_that_setting(monday):
    """A Monday in year 9999 passed and then the workbook export crashed (date out of range);
    year 1 or 2199 is a slip of the keyboard whose dates no chart axis can show."""
    with pytest.raises(InvalidInputError) as info:
        parse_settings(f'[calendar]\nweeks = 13\nfirst_monday = "{monday}"\n')
    (issue,) = info.value.issues
    assert issue.column == "calendar.first_monday"
    assert "outside the years 1900-2199" in issue.message


def test_a_first_monday_of_a_real_quarter_is_kept():
    """The check is on the years only: a quarter of 2027 keeps its Monday."""
    s = parse_settings('[calendar]\nweeks = 13\nfirst_monday = "2027-01-04"\n')
    assert s.calendar.first_monday is not None and s.calendar.first_monday.year == 2027


def test_a_stage_owner_that_is_not_a_department_is_named():
    """`awareness = ["finance"]` said only "must list departments": the leader had to
    guess which word was wrong. The message names it and the two departments."""
    with pytest.raises(InvalidInputError) as info:
        parse_settings('[stages.owners]\nawareness = ["marketing", "finance"]\n')
    (problem,) = info.value.issues
    assert problem.column == "stages.owners.awareness"
    assert "'finance' is not a department" in problem.message


def test_an_owners_stage_reads_in_any_case_as_projects_csv_reads_it():
    """`order = ["Awareness", ...]` beside `[stages.owners] awareness = ...` was refused as
    "'awareness' is not in stages.order. Add it to order", where projects.csv's stage
    column reads `awareness` as the order's `Awareness`. The owners' table reads it the
    same way; the same stage twice and a stage not in the order are still refused."""
    order = '[stages]\norder = ["Awareness", "lead_generation", "closing"]\n'
    s = parse_settings(order + '[stages.owners]\nawareness = ["sales"]\n')
    assert s.stages.owners["Awareness"] == ("sales",)
    with pytest.raises(InvalidInputError) as info:
        parse_settings(
            order + '[stages.owners]\nAwareness = ["sales"]\nawareness = ["marketing"]\n'
            'renewal = ["sales"]\n'
        )
    messages = {i.column: i.message for i in info.value.issues}
    assert messages == {
        "stages.owners.awareness": "gives the owners of 'Awareness' twice.",
        "stages.owners.renewal": "'renewal' is not in stages.order.",
    }


def test_settings_nested_too_deeply_are_invalid_toml_not_an_internal_error():
    """`x = [[[[...]]]]` 5,000 deep overflowed the TOML reader's stack: the CLI called it
    'internal error (RecursionError) ... a bug'. It is a bad settings file, said as such."""
    with pytest.raises(InvalidInputError) as info:
        parse_settings("x = " + "[" * 5000 + "]" * 5000 + "\n")
    (problem,) = info.value.issues
    assert problem.message == "not valid TOML (nested too deeply)."


def test_a_true_or_false_where_a_number_belongs_reads_as_written():
    """`weeks = true` (or TRUE in a workbook's settings sheet) read "True is not a whole
    number": Python's spelling, which the leader never wrote."""
    with pytest.raises(InvalidInputError) as caught:
        parse_settings("[calendar]\nweeks = true\n[solve]\ntime_limit_s = false\n")
    messages = sorted(i.message for i in caught.value.errors)
    assert messages == [
        "false is not a number from 0.01 to 3600 s.",
        "true is not a whole number from 1 to 53 weeks.",
    ]


def _sample_copy(tmp_path: Path, settings_text: str) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    for file in SAMPLE.iterdir():
        (folder / file.name).write_bytes(file.read_bytes())
    (folder / "settings.toml").write_text(settings_text, encoding="utf-8")
    return folder


BASE_SETTINGS = (
    "[weights]\nbalance = 0.2\nfit = 0.05\n\n"
    '[calendar]\nweeks = 13\nfirst_monday = "2025-06-30"\n\n'
    "[stages.owners]\nnurturing = ['marketing']\n"
)


def test_a_settings_file_changes_the_keys_it_names_and_keeps_the_folders_others(tmp_path):
    """--settings over a folder's settings.toml: a key it gives replaces the folder's (balance),
    a table merges key by key (weights, stages.owners), the rest stays (fit, the quarter)."""
    folder = _sample_copy(tmp_path, BASE_SETTINGS)
    over = tmp_path / "what-if.toml"
    over.write_text(
        "[weights]\nbalance = 0.3\n[capacity.multipliers]\nsales = 0.9\n"
        "[stages.owners]\nclosing = ['sales', 'marketing']\n",
        encoding="utf-8",
    )
    got = load_with_warnings(folder, over).problem.settings
    own = load_with_warnings(folder).problem.settings
    assert (got.weights.balance, got.weights.fit) == (0.3, own.weights.fit) == (0.3, 0.05)
    assert got.capacity.multipliers == {"sales": 0.9}
    assert got.calendar == own.calendar and str(got.calendar.first_monday) == "2025-06-30"
    assert got.stages.owners["nurturing"] == own.stages.owners["nurturing"] == ("marketing",)
    assert got.stages.owners["closing"] == ("sales", "marketing")


def test_problems_in_the_folders_settings_and_the_file_are_each_named_in_their_own(tmp_path):
    folder = _sample_copy(tmp_path, "[solve]\nworkers = -1\n")
    over = tmp_path / "what-if.toml"
    over.write_text("[weights]\nfit = 'high'\n", encoding="utf-8")
    with pytest.raises(InvalidInputError) as caught:
        load_with_warnings(folder, over)
    named = {(i.file, i.column) for i in caught.value.issues}
    assert ("settings.toml", "solve.workers") in named
    assert ("what-if.toml", "weights.fit") in named


def test_an_unknown_team_multiplier_is_named_under_the_file_that_holds_it(tmp_path):
    """A misspelt team in the data's own settings.toml read as the --settings file's
    problem: the leader looked for 'sdrr' in what-if.toml, which only names marketing.
    Each unknown multiplier is named under its own file; one the what-if file gives
    (over the data's, or its own) is that file's."""
    folder = _sample_copy(tmp_path, "[capacity.multipliers]\nsdrr = 0.9\nbrnd = 1.1\n")
    over = tmp_path / "what-if.toml"
    over.write_text("[capacity.multipliers]\nmarketting = 0.8\nbrnd = 1.2\n", encoding="utf-8")
    with pytest.raises(InvalidInputError) as caught:
        load_with_warnings(folder, over)
    named = {(i.file, i.column) for i in caught.value.issues}
    assert named == {
        ("settings.toml", "capacity.multipliers.sdrr"),
        ("what-if.toml", "capacity.multipliers.marketting"),
        ("what-if.toml", "capacity.multipliers.brnd"),
    }


@pytest.mark.parametrize("form", ["zip", "xlsx"])
def test_a_settings_file_changes_a_zip_or_a_workbook_as_it_does_a_folder(tmp_path, form):
    folder = _sample_copy(tmp_path, BASE_SETTINGS)
    problem = load_with_warnings(folder).problem
    if form == "zip":
        path = tmp_path / "quarter.zip"
        with zipfile.ZipFile(path, "w") as archive:
            for file in folder.iterdir():
                archive.write(file, file.name)
    else:
        path = tmp_path / "quarter.xlsx"
        path.write_bytes(data_workbook(problem))
    over = tmp_path / "what-if.toml"
    over.write_text("[capacity.multipliers]\nmarketing = 0.8\n", encoding="utf-8")
    got = load_with_warnings(path, over).problem.settings
    assert got.capacity.multipliers == {"marketing": 0.8}
    assert got.with_changes(capacity=problem.settings.capacity) == problem.settings


def test_files_that_hold_alone_but_not_together_are_named_together(tmp_path):
    """A what-if order of one stage over the data's owners of six: each file holds, the two
    together do not, and the problem names both (the owners are not in the what-if file);
    the data's own problems are listed beside it."""
    folder = _sample_copy(tmp_path, BASE_SETTINGS)
    (folder / "teams.csv").write_text(
        (folder / "teams.csv").read_text(encoding="utf-8").replace(",1000,", ",lots,", 1),
        encoding="utf-8",
    )
    over = tmp_path / "what-if.toml"
    over.write_text('[stages]\norder = ["awareness"]\n', encoding="utf-8")
    with pytest.raises(InvalidInputError) as caught:
        load_with_warnings(folder, over)
    files = {i.file for i in caught.value.issues}
    assert "what-if.toml over settings.toml" in files and "teams.csv" in files


def test_a_time_limit_cut_from_a_budget_is_in_hundredths_rounded_down():
    """The what-if sweep, a sweep point's deadline and the capacity gains share one rounding."""
    from planner.core.ranges import seconds_down

    assert seconds_down(2 / 3) == 0.66  # not a "time limit of 0.666667 s"
    assert seconds_down(5.0) == 5.0
    assert seconds_down(0.009) == 0.0
    assert all(seconds_down(x) <= x for x in (0.1, 0.29, 1 / 3, 7.777, 3600.0))


def test_the_share_a_team_may_plan_is_its_multiplier_times_the_max_utilisation_exactly():
    """One rule for every limit: the quarter's, each week's, and the capacity a fix adds."""
    from fractions import Fraction

    from planner.core.settings import CapacitySettings

    s = Settings(
        capacity=CapacitySettings(max_utilization=0.9, multipliers={"sales": 0.5, "ae": 1.1})
    )
    assert s.plannable_share("ae", "sales") == Fraction(99, 100)  # its own beats its department's
    assert s.plannable_share("sdr", "sales") == Fraction(9, 20)
    assert s.plannable_share("brand", "marketing") == Fraction(9, 10)


def test_ticking_a_stage_s_owners_again_keeps_their_order_and_changes_the_others():
    """The Constraints grid ticks marketing before sales: a stage settings.toml gave to
    sales then marketing, ticked the same, keeps that order (a settings diff would read
    it as changed), while a stage ticked differently takes the grid's departments."""
    policy = StageSettings(
        order=("nurturing", "closing"),
        owners={"nurturing": ("sales", "marketing"), "closing": ("sales",)},
    )
    edited = policy.with_owners({"nurturing": ["marketing", "sales"], "closing": []})
    assert edited.owners == {"nurturing": ("sales", "marketing"), "closing": ()}
    assert edited.unowned() == ["closing"]
    assert policy.unowned() == []


def test_a_plan_csv_given_as_the_settings_says_it_is_a_table():
    """plan.csv given as --settings read "not valid TOML (Expected '=' after a key in a
    key/value pair (at line 1, column 11))" with "Correct that line" as the fix."""
    header = "project_id,project_name,goal_id,stage,team_id,team_name\r\nAW-01,x,v,a,c,C\r\n"
    with pytest.raises(InvalidInputError) as info:
        parse_settings(header, "plan.csv")
    (problem,) = info.value.issues
    assert "it reads as a table of comma-separated columns ('project_id,project_name" in (
        problem.message
    )
    assert "not a CSV table" in problem.fix
    with pytest.raises(InvalidInputError) as info:
        parse_settings("[solve\nseed = 1, 2, 3\n")
    assert "reads as a table" not in info.value.issues[0].message


@pytest.mark.parametrize("code", ["200b", "202e", "00a0", "0007"])
def test_an_owners_stage_or_department_with_an_invisible_character_is_said_to_hold_one(code):
    """`[stages.owners] "aware\\u200bness" = [...]` read "'aware\\u200bness' is not in
    stages.order. Fix: Add it to order or drop it": the stage is in the order, and the
    character that keeps it out cannot be seen; as ids and stages.order do, the message
    says so and asks to retype it. A department with one the same way."""
    for text in (
        f'[stages.owners]\n"aware\\u{code}ness" = ["marketing"]\n',
        f'[stages.owners]\nawareness = ["mar\\u{code}keting"]\n',
    ):
        with pytest.raises(InvalidInputError) as info:
            parse_settings(text)
        (problem,) = info.value.issues
        assert "holds characters nobody can see" in problem.message, problem.message
        assert "not in stages.order" not in problem.message
        assert "Retype" in problem.fix
        assert chr(int(code, 16)) not in str(info.value)


def _team_renamed(tmp_path: Path, old: str, new: str, settings_text: str) -> Path:
    folder = _sample_copy(tmp_path, settings_text)
    for file in folder.glob("*.csv"):
        lines = file.read_text(encoding="utf-8").splitlines(keepends=True)
        lines = [new + line[len(old) :] if line.startswith(old + ",") else line for line in lines]
        file.write_text("".join(lines).replace(f",{old},", f",{new},"), encoding="utf-8")
    return folder


def test_a_team_id_past_the_basic_plane_keeps_its_multiplier_in_every_settings_path(tmp_path):
    """A team 'brand' + U+1FAE8 (an emoji Python 3.11 does not know) with a multiplier:
    a --settings file over the data's settings and the data workbook's settings sheet
    each pass the settings through TOML text; they read 'no department or team is called
    brand\u1fae' + '8' (nothing solved) and the workbook's multiplier was lost."""
    team = "brand\U0001fae8"
    multiplier = f'[capacity.multipliers]\n"{team}" = 1.5\n'
    folder = _team_renamed(tmp_path, "brand", team, multiplier)
    problem = load_with_warnings(folder).problem
    assert problem.settings.capacity.multipliers == {team: 1.5}
    over = tmp_path / "what-if.toml"
    over.write_text(multiplier, encoding="utf-8")
    assert load_with_warnings(folder, over).problem.settings.capacity.multipliers == {team: 1.5}
    book = tmp_path / "quarter.xlsx"
    book.write_bytes(data_workbook(problem))
    assert load_with_warnings(book).problem.settings == problem.settings


@pytest.mark.parametrize(
    "toml",
    [
        '[capacity.multipliers]\n"{key}" = 1\n',
        '[solve]\n"{key}" = 1\n',
        '["{key}"]\nx = 1\n',
    ],
    ids=["multiplier", "setting", "section"],
)
def test_a_key_a_hundred_thousand_characters_long_is_quoted_short(toml, tmp_path):
    """A settings key of 100,000 characters was quoted whole, twice: one problem of
    200,000 characters. It is cut in the middle with its length, as a long cell is."""
    settings = tmp_path / "what-if.toml"
    settings.write_text(toml.format(key="x" * 100_000), encoding="utf-8")
    with pytest.raises(InvalidInputError) as info:
        load_with_warnings(SAMPLE, settings)
    (issue,) = info.value.errors
    assert len(str(issue)) < 500 and "100,000 characters" in str(issue), str(issue)[:300]


def test_an_empty_stage_order_says_what_to_write_in_a_sentence():
    """`[stages] order = []` gave the fix 'e.g. ["awareness"]': every other fix is a
    sentence that says what to do."""
    with pytest.raises(InvalidInputError) as info:
        parse_settings("[stages]\norder = []\n")
    (issue,) = info.value.errors
    assert issue.fix.startswith("Write the stages") and issue.fix.endswith("."), issue.fix


@pytest.mark.parametrize(
    ("given", "name"),
    [("folder", ""), ("--settings", "what-if.toml"), ("--settings", "what-if.cfg")],
)
def test_a_settings_file_past_its_cap_is_told_to_hold_settings_not_to_lose_rows(
    tmp_path, given, name
):
    """A 4 MB settings.toml (a log pasted into it as comments) read "Remove rows you do not
    plan with, or split the data into smaller scenarios": the fix of a data table, which
    has no rows here to remove. It now says what a settings file holds, whatever its name
    ends with (--settings what-if.cfg still read the data table's fix)."""
    big = "[solve]\n" + "# pasted log line\n" * 250_000 + "seed = 1\n"
    folder = _sample_copy(tmp_path, big if given == "folder" else "")
    settings = tmp_path / (name or "what-if.toml")
    settings.write_text(big, encoding="utf-8")
    with pytest.raises(InvalidInputError) as caught:
        load_with_warnings(folder, settings if given == "--settings" else None)
    (problem,) = caught.value.errors
    assert "at most 1,048,576 bytes" in problem.message
    assert "rows" not in problem.fix and "scenarios" not in problem.fix
    assert "a few dozen lines" in problem.fix


def test_a_stage_listed_twice_in_the_order_is_named(tmp_path):
    """ "lists a stage twice" left the leader to find which of six."""
    with pytest.raises(InvalidInputError) as caught:
        parse_settings('[stages]\norder = ["awareness", "closing", " awareness ", "closing"]\n')
    (problem,) = caught.value.errors
    assert "'awareness' and 'closing'" in problem.message


@pytest.mark.parametrize(
    "typed",
    [
        "30.06.2025",
        "30/06/2025",
        "06/30/2025",
        "2025-6-30",
        "2025-06-30T00:00",
        "June 30, 2025",
        "30 Jun 2025",
        "2025/06/30",
    ],
)
def test_a_first_monday_in_another_date_form_is_told_it_as_yyyy_mm_dd(typed):
    """`first_monday = "30.06.2025"` (as a German or French leader writes it) read "is not
    a date. Fix: Write the Monday of week 1 as "YYYY-MM-DD", e.g. "2027-01-04"": a date of
    another year. The Monday meant is written out when one reading of it is a Monday."""
    with pytest.raises(InvalidInputError) as raised:
        parse_settings(f'[calendar]\nfirst_monday = "{typed}"')
    (problem,) = raised.value.issues
    assert problem.message == f"'{typed}' is not written as YYYY-MM-DD.", problem.message
    assert problem.fix == 'Write "2025-06-30" (Monday 30 June 2025).', problem.fix


@pytest.mark.parametrize("typed", ["31.06.2025", "next Monday", "01/07/2025"])
def test_a_first_monday_that_reads_as_no_monday_keeps_the_general_fix(typed):
    """No date, or no Monday in any reading (1 July 2025 and 7 January 2025 are a Tuesday):
    nothing is guessed."""
    with pytest.raises(InvalidInputError) as raised:
        parse_settings(f'[calendar]\nfirst_monday = "{typed}"')
    assert raised.value.issues[0].fix.startswith('Write the Monday of week 1 as "YYYY-MM-DD"')


@pytest.mark.parametrize("typed", ["01.07.2025", "01/07/2025", "July 1, 2025"])
def test_a_first_monday_written_as_a_date_of_another_day_is_not_said_to_be_no_date(typed):
    """`first_monday = "01.07.2025"` (a Tuesday, in a German leader's form) read "'01.07.2025'
    is not a date": it plainly is one. It is said to be written otherwise and no Monday;
    the fix asks for the Monday, as before."""
    with pytest.raises(InvalidInputError) as raised:
        parse_settings(f'[calendar]\nfirst_monday = "{typed}"')
    (problem,) = raised.value.issues
    assert problem.message == (
        f"'{typed}' is not written as YYYY-MM-DD, and is not a Monday however it is read."
    ), problem.message
    assert problem.fix.startswith('Write the Monday of week 1 as "YYYY-MM-DD"'), problem.fix
    with pytest.raises(InvalidInputError) as raised:
        parse_settings('[calendar]\nfirst_monday = "next Monday"')
    assert raised.value.issues[0].message == "'next Monday' is not a date."


@pytest.mark.parametrize(
    ("written", "said", "fix"),
    [
        ("45838", "Monday 30 June 2025", 'Write "2025-06-30" (a spreadsheet'),
        ("45838.0", "Monday 30 June 2025", 'Write "2025-06-30" (a spreadsheet'),
        ('"45838"', "Monday 30 June 2025", 'Write "2025-06-30" (a spreadsheet'),
        ("45839", "Tuesday 1 July 2025", 'Write the Monday of week 1 as "YYYY-MM-DD"'),
        # A date-time cell (attack round 33: "'45838.5' is not a date").
        ("45838.5", "Monday 30 June 2025, 12:00,", 'Write "2025-06-30" (a spreadsheet'),
    ],
)
def test_a_first_monday_a_spreadsheet_stored_as_its_number_is_said_as_the_date(written, said, fix):
    """A settings sheet's first_monday cell formatted as a number holds 45838, and read only
    "'45838' is not a date" (attack round 32): it is said as the date it stores, and a
    Monday is written out."""
    with pytest.raises(InvalidInputError) as raised:
        parse_settings(f"[calendar]\nfirst_monday = {written}")
    (problem,) = raised.value.issues
    assert problem.message.endswith(
        f"is not a date: it is the number a spreadsheet stores {said} as."
    )
    assert problem.fix.startswith(fix), problem.fix


@pytest.mark.parametrize("written", ["123", "99999", "true"])
def test_a_number_that_is_no_stored_date_of_this_century_is_no_date(written):
    with pytest.raises(InvalidInputError) as raised:
        parse_settings(f"[calendar]\nfirst_monday = {written}")
    (problem,) = raised.value.issues
    assert problem.message.endswith("is not a date."), problem.message
    # As the file writes it: 'True' read as Python's word (attack round 33).
    assert problem.message.startswith(f"'{written}'"), problem.message
