"""Issue 12 in the data folder: unknown names, invisible ids and files that are not
files (folders, FIFOs, devices, links that lead nowhere or back) are named in words.
"""

from __future__ import annotations

import io
import os
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from robustness_cases import SAMPLE, assert_in_words, run_cli

from planner.core import ranges
from planner.core.errors import InvalidInputError
from planner.core.identifiers import escaped
from planner.core.loading import load_with_warnings

# ---------------------------------------------------------------------------
# 3, 6, 8 in the data folder: unknown names, invisible ids, files that are not files
# ---------------------------------------------------------------------------


@pytest.fixture
def sample_copy(tmp_path: Path) -> Path:
    """A private copy of the sample that a test may break."""
    return Path(shutil.copytree(SAMPLE, tmp_path / "data"))


def test_a_multiplier_for_a_team_that_does_not_exist_is_an_error(sample_copy):
    """A typo in a team id must not silently leave that team at 100 %."""
    settings = sample_copy / "settings.toml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(
        text.replace("[capacity.multipliers]", '[capacity.multipliers]\n"sdr-tem" = 0.5'),
        encoding="utf-8",
    )
    with pytest.raises(InvalidInputError) as info:
        load_with_warnings(sample_copy)
    (problem,) = info.value.errors
    assert problem.file == "settings.toml" and problem.column == "capacity.multipliers.sdr-tem"
    assert "no department or team" in problem.message and problem.fix


def test_the_app_drops_the_multiplier_of_a_team_it_deleted():
    """In the app, deleting a team on the Data page drops its what-if instead of failing."""
    from planner.core.loading import build_problem, problem_to_frames

    problem = load_with_warnings(SAMPLE).problem
    gone = problem.teams[0].team_id
    capacity = replace(problem.settings.capacity, multipliers={gone: 0.5, "sales": 0.9})
    with_what_if = problem.replace(settings=replace(problem.settings, capacity=capacity))
    frames = problem_to_frames(with_what_if)
    frames["teams.csv"] = frames["teams.csv"].iloc[1:]
    calendar = frames["calendar.csv"]  # its weeks go with it (the Data page names them if not)
    frames["calendar.csv"] = calendar[calendar["team_id"] != gone]
    rebuilt = build_problem(
        {k: v for k, v in frames.items() if k != "rules.csv" and k != "estimates.csv"},
        with_what_if.settings,
    ).problem
    assert rebuilt.settings.capacity.multipliers == {"sales": 0.9}


@pytest.mark.parametrize("hidden", ["\u200b", "\u202e", "\u00a0", "\x07", "\ufeff"])
def test_ids_with_characters_nobody_can_see_are_refused_showing_them(sample_copy, hidden):
    """'sdr' and 'sdr\\u200b' look the same; the second is refused, the character shown."""
    teams = sample_copy / "teams.csv"
    lines = teams.read_text(encoding="utf-8").splitlines()
    team_id = lines[1].split(",")[0]
    lines[1] = lines[1].replace(team_id, team_id + hidden + "x", 1)
    teams.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InvalidInputError) as info:
        load_with_warnings(sample_copy)
    located = [
        i for i in info.value.errors if (i.file, i.row, i.column) == ("teams.csv", 2, "team_id")
    ]
    assert located and escaped(hidden) in located[0].message and hidden not in located[0].message


def test_ids_are_nfc_normalised_so_one_id_matches_itself(sample_copy):
    """A project's goal_id typed decomposed still finds the precomposed goal."""
    goals = sample_copy / "goals.csv"
    projects = sample_copy / "projects.csv"
    goal_id = goals.read_text(encoding="utf-8").splitlines()[1].split(",")[0]
    goals.write_text(goals.read_text(encoding="utf-8").replace(goal_id, "caf\u00e9"), "utf-8")
    projects.write_text(
        projects.read_text(encoding="utf-8").replace(goal_id, "cafe\u0301"), "utf-8"
    )
    problem = load_with_warnings(sample_copy).problem
    assert "caf\u00e9" in {p.goal_id for p in problem.projects}


@pytest.mark.parametrize("kind", ["folder", "fifo", "device", "dangling link"])
def test_a_data_file_that_is_not_a_file_is_named_as_such(sample_copy, kind):
    """teams.csv as a folder, FIFO, device or dangling link: said so, never 'missing', no hang."""
    teams = sample_copy / "teams.csv"
    teams.unlink()
    words = {"folder": "is a folder", "fifo": "named pipe", "device": "is a device"}
    if kind == "folder":
        teams.mkdir()
    elif kind == "fifo":
        os.mkfifo(teams)
    elif kind == "device":
        teams.symlink_to("/dev/zero")
    else:
        teams.symlink_to(sample_copy / "gone.csv")
    code, stdout, stderr = run_cli(["validate", str(sample_copy)])
    assert_in_words(code, stdout, stderr)
    assert code == 2 and words.get(kind, "does not exist") in stderr and "missing" not in stderr


def test_a_settings_path_that_is_not_a_file_is_named_as_such(tmp_path):
    """--settings naming a folder or a device says what it is."""
    for path, words in ((tmp_path, "is a folder"), (Path("/dev/zero"), "is a device")):
        code, _, stderr = run_cli(["validate", str(SAMPLE), "--settings", str(path)])
        assert code == 2 and words in stderr


def test_a_dangling_data_folder_link_is_named_as_such(tmp_path):
    """DATA_DIR a link to nowhere: the link and its target are named."""
    link = tmp_path / "data"
    link.symlink_to(tmp_path / "nowhere")
    code, _, stderr = run_cli(["validate", str(link)])
    assert code == 2 and "is a link to" in stderr


@pytest.mark.parametrize(
    ("given", "words"),
    [
        ("", "no data folder was given"),
        ("book.xls", "is a .xls file; Goal Planner reads .xlsx workbooks"),
        ("book.ods", "is a .ods file"),
        ("data/teams.csv", "Give the folder that holds it:"),
    ],
)
def test_a_data_dir_that_is_a_file_of_another_kind_says_what_to_give(given, words, tmp_path):
    """A newcomer gives the old .xls, a LibreOffice sheet or teams.csv itself: each is named
    for what it is and the fix says what the planner reads (it said "is a file, not a
    folder"); an empty DATA_DIR is not the current folder.
    """
    data = Path(shutil.copytree(SAMPLE, tmp_path / "data"))
    for name in ("book.xls", "book.ods"):
        (tmp_path / name).write_bytes(b"PK\x03\x04 not read")
    path = str(tmp_path / given) if given else ""
    code, stdout, stderr = run_cli(["validate", path])
    assert_in_words(code, stdout, stderr)
    assert code == 2 and words in stderr
    if given.endswith("teams.csv"):
        assert str(data) in stderr


def test_a_data_file_in_the_current_folder_names_this_folder_not_a_full_stop(tmp_path, monkeypatch):
    """`planner validate teams.csv` inside the data folder read "Give the folder that holds
    it: ..": the folder was its path, "." here. It is "this folder" by its name, given as a
    dot; another folder keeps its path."""
    data = Path(shutil.copytree(SAMPLE, tmp_path / "q3 data"))
    monkeypatch.chdir(data)
    for given in ("teams.csv", "./teams.csv"):
        code, stdout, stderr = run_cli(["validate", given])
        assert_in_words(code, stdout, stderr)
        assert code == 2 and "it: this folder ('q3 data'), given as a dot (.)." in stderr
        assert ": .." not in stderr
    monkeypatch.chdir(tmp_path)
    code, _, stderr = run_cli(["solve", "q3 data/teams.csv"])
    assert code == 2 and "Give the folder that holds it: q3 data." in stderr


def test_a_link_that_leads_back_to_itself_is_named_as_a_loop(tmp_path):
    """A data folder (or teams.csv) that is a loop of links was named "a link to x, which
    does not exist" (x exists) or "Too many levels of symbolic links": it is named a loop.
    """
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    code, stdout, stderr = run_cli(["validate", str(tmp_path / "a")])
    assert_in_words(code, stdout, stderr)
    assert code == 2 and "leads back to itself" in stderr and "does not exist" not in stderr
    data = Path(shutil.copytree(SAMPLE, tmp_path / "data"))
    (data / "teams.csv").unlink()
    (data / "teams.csv").symlink_to("teams.csv")
    code, stdout, stderr = run_cli(["validate", str(data)])
    assert code == 2 and "leads back to itself" in stderr and "Too many levels" not in stderr


def test_an_uploaded_folder_whose_settings_do_not_fit_is_refused_at_import_with_the_reason():
    """The Data page's zip import reads settings through the same ranges: refused, in words."""
    import zipfile

    from planner.core.loading import build_problem, read_zip

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for file in SAMPLE.iterdir():
            if file.name != "settings.toml":
                archive.write(file, file.name)
        archive.writestr("settings.toml", "[capacity]\nmax_utilization = 1.5\n")
    with pytest.raises(InvalidInputError) as info:
        build_problem(read_zip(buffer.getvalue()))
    (issue,) = info.value.errors
    assert issue.column == "capacity.max_utilization"
    assert ranges.MAX_UTILIZATION.describe() in issue.message + issue.fix


@pytest.mark.parametrize(
    ("name", "fix"),
    [
        # Notepad's "Save as" adds .txt, and Windows hides it: no word was said of the file.
        ("teams.csv.txt", "Rename it teams.csv."),
        # A browser's second download of the file, a copy kept under another name.
        ("teams (1).csv", "Rename it teams.csv: it holds the teams table (its columns)"),
        ("Teams - Q3 final.csv", "Rename it teams.csv: it holds the teams table (its columns)"),
    ],
)
def test_a_data_file_under_another_name_is_told_to_take_its_name(sample_copy, name, fix):
    """teams.csv saved as 'teams (1).csv' read "this file is not one of Goal Planner's data
    files, so it is ignored. Fix: The data files are teams.csv, ..." beside "teams.csv is
    missing. Fix: Add teams.csv with the columns ...": the table was there. As a workbook's
    sheet named 'Teams (2)' is, the file is told to take the name of the table it holds."""
    (sample_copy / "teams.csv").rename(sample_copy / name)
    with pytest.raises(InvalidInputError) as info:
        load_with_warnings(sample_copy)
    (note,) = [i for i in info.value.issues if i.file == name]
    assert fix in note.fix, note
    missing = [i for i in info.value.errors if i.file == "teams.csv"]
    assert missing and "teams.csv is missing" in missing[0].message


@pytest.mark.parametrize(
    ("table", "name"),
    [
        ("calendar.csv", "weeks.csv"),
        ("calendar.csv", "calendar (1).csv"),
        ("goals.csv", "Q3 targets.csv"),
        ("rules.csv", "pins.csv"),
        ("estimates.csv", "team estimates.csv"),
    ],
)
def test_an_optional_table_under_another_name_is_told_to_take_its_name(sample_copy, table, name):
    """The calendar saved as 'weeks.csv' was planned without, every team's weeks even,
    under "this file is not one of Goal Planner's data files ... The data files are
    teams.csv, ...": only teams.csv and projects.csv were looked for under other names
    (attack round 32)."""
    (sample_copy / table).rename(sample_copy / name)
    try:
        issues = load_with_warnings(sample_copy).warnings
    except InvalidInputError as refused:  # the projects name goals the folder lacks
        issues = refused.issues
    (note,) = [w for w in issues if w.file == name]
    stem = Path(table).stem
    assert note.fix == (
        f"Rename it {table}: it holds the {stem} table (its columns), and the folder has no "
        f"{table}."
    ), note.fix


@pytest.mark.parametrize(
    ("table", "names"),
    [
        ("calendar.csv", ("capacity.csv", "weeks.csv")),
        ("teams.csv", ("teams (1).csv", "teams (2).csv")),
    ],
)
def test_two_files_holding_one_missing_table_are_told_to_keep_one(sample_copy, table, names):
    """A calendar saved twice, as 'weeks.csv' and 'capacity.csv', had each file told "Rename
    it calendar.csv": doing so for the one made the other's fix a second calendar.csv
    (attack round 33). Each is told to keep one of them under the table's name."""
    for name in names:
        (sample_copy / name).write_bytes((sample_copy / table).read_bytes())
    (sample_copy / table).unlink()
    try:
        issues = load_with_warnings(sample_copy).warnings
    except InvalidInputError as refused:
        issues = refused.issues
    fixes = {w.file: w.fix for w in issues if w.file in names}
    stem = Path(table).stem
    expected = (
        f"Keep one of them as {table} (rename it), and delete or rename the others: "
        f"{names[0]} and {names[1]} each hold the {stem} table (its columns), and the folder "
        f"has no {table}."
    )
    assert fixes == dict.fromkeys(names, expected), fixes


def test_a_table_the_folder_has_under_its_own_name_is_not_offered_again(sample_copy):
    """A copy of rules.csv beside it keeps the plain list of names."""
    (sample_copy / "rules (old).csv").write_bytes((sample_copy / "rules.csv").read_bytes())
    (note,) = [w for w in load_with_warnings(sample_copy).warnings if w.file == "rules (old).csv"]
    assert note.fix.startswith("The data files are teams.csv"), note.fix


@pytest.mark.parametrize(
    ("key", "said", "fix"),
    [
        (
            '"SDR Team"',
            "'SDR Team' is the name of the team sdr; a multiplier names a team by its id.",
            'Write "sdr" = 0.8.',
        ),
        (
            '"sdr, mm-ae"',
            "'sdr, mm-ae' are 2 teams or departments written as one key.",
            'Give each its own line: "sdr" = 0.8 and "mm-ae" = 0.8.',
        ),
    ],
)
def test_a_multiplier_keyed_by_a_team_name_or_two_ids_says_so(sample_copy, key, said, fix):
    """`"SDR Team" = 0.8` read "no department or team is called 'SDR Team'" of the team
    every page calls so; `"sdr, mm-ae" = 0.8` the same, with "Did you mean mm-ae?"."""
    settings = sample_copy / "settings.toml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(
        text.replace("[capacity.multipliers]", f"[capacity.multipliers]\n{key} = 0.8"),
        encoding="utf-8",
    )
    with pytest.raises(InvalidInputError) as info:
        load_with_warnings(sample_copy)
    (issue,) = info.value.errors
    assert (issue.message, issue.fix) == (said, fix), issue
