"""The command line as a typist types it: a command misspelt, words in another order.

argparse answered each with "invalid choice: ... (choose from ...)" and the seven
commands, or with the flag itself as the one meant ("--json (did you mean --json?)").
"""

from __future__ import annotations

import pytest
from builders import cli_refused


@pytest.mark.parametrize(
    ("argv", "meant"),
    [
        (["sovle", "data"], "(did you mean 'solve'? planner solve data)"),
        (["Solve", "data", "--json"], "(did you mean 'solve'? planner solve data --json)"),
        (["check-in", "data"], "(did you mean 'checkin'? planner checkin data)"),
        (["scenario", "list"], "(did you mean 'scenarios'? planner scenarios list)"),
        (["scenarios", "lst"], "(did you mean 'list'? planner scenarios list)"),
        (
            ["scenarios", "--db", "s.duckdb", "compre", "a", "b"],
            "(did you mean 'compare'? planner scenarios --db s.duckdb compare a b)",
        ),
    ],
)
def test_a_misspelt_command_is_told_with_the_command_meant(argv, meant, capsys, tmp_path):
    """`planner sovle data` listed the seven commands and left the reader to spot the typo;
    now the command meant and the line to type."""
    err = cli_refused(argv, capsys)
    assert "invalid choice" in err and meant in err, err


def test_help_typed_as_a_command_says_where_help_is(capsys):
    """`planner help` read "invalid choice: 'help'"; --help is where the commands are told."""
    err = cli_refused(["help"], capsys)
    assert "(planner --help lists the commands; planner COMMAND --help" in err, err


@pytest.mark.parametrize(
    ("argv", "meant"),
    [
        (
            ["--time-limit", "5", "solve", "data"],
            "(--time-limit is an option of the command: it goes after it: "
            "planner solve data --time-limit 5)",
        ),
        (
            ["-v", "--db", "s.duckdb", "scenarios", "list"],
            "(--db is an option of the command: it goes after it: "
            "planner -v scenarios list --db s.duckdb)",
        ),
        (["data", "solve"], "(the command comes first: planner solve data)"),
        (
            ["scenarios", "Q3", "show"],
            "(the command comes first: planner scenarios show Q3)",
        ),
    ],
)
def test_words_before_the_command_say_where_they_go(argv, meant, capsys):
    """`planner --time-limit 5 solve data` read "invalid choice: '5'", naming a value as the
    command; `planner data solve` the same for 'data'. Now what goes where, and the line."""
    err = cli_refused(argv, capsys)
    assert meant in err, err


@pytest.mark.parametrize(
    ("argv", "meant"),
    [
        (["--json", "solve", "data"], "(--json goes after the command: planner solve data --json)"),
        (
            ["scenarios", "--json", "list"],
            "(--json goes after the command: planner scenarios list --json)",
        ),
        (
            ["--out=p.csv", "solve", "data"],
            "(--out=p.csv goes after the command: planner solve data --out=p.csv)",
        ),
        (
            ["--json", "solve", "data", "--json"],
            "(--json goes after the command: planner solve data --json)",
        ),
    ],
)
def test_a_flag_of_the_command_given_before_it_says_it_goes_after(argv, meant, capsys):
    """`planner --json solve data` read "unrecognized arguments: --json (did you mean
    --json?)": the flag offered as its own correction."""
    err = cli_refused(argv, capsys)
    assert "did you mean --" not in err, err
    assert meant in err, err


def test_a_flag_typed_wrong_is_still_told_the_flag_meant(capsys):
    """The correction above takes nothing from a real typo's."""
    err = cli_refused(["solve", "data", "--jsn"], capsys)
    assert "unrecognized arguments: --jsn (did you mean --json?)" in err, err


@pytest.mark.parametrize(
    ("argv", "typed"),
    [
        (["solve", "data", "--bogus"], "--bogus"),
        (["solve", "data", "--foo"], "--foo"),
        (["solve", "data", "--quiet"], "--quiet"),
        (["scenarios", "list", "--x"], "--x"),
    ],
)
def test_a_flag_like_none_of_the_command_s_is_offered_none(argv, typed, capsys):
    """`planner solve data --bogus` read "(did you mean --out?)", --foo "--force" and --quiet
    "--out": the '--' every flag starts with made any short word look alike. A word like no
    flag is named alone (and --help lists the flags)."""
    err = cli_refused(argv, capsys)
    assert f"unrecognized arguments: {typed}\n" in err, err


@pytest.mark.parametrize(
    ("argv", "meant"),
    [
        (["solve", "data", "--output", "p.csv"], "--output p.csv (did you mean --out?)"),
        (["solve", "data", "--limit", "5"], "--limit 5 (did you mean --time-limit?)"),
        (["generate", "q", "--teams", "2", "--projecs", "5"], "(did you mean --projects?)"),
    ],
)
def test_a_flag_close_to_one_of_the_command_s_is_still_offered_it(argv, meant, capsys):
    """What the dashes took from --bogus they take from no real typo."""
    err = cli_refused(argv, capsys)
    assert meant in err, err


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["solve", "--hlep"], "unrecognized arguments: --hlep (did you mean --help?); "),
        (["--hlep"], "unrecognized arguments: --hlep (did you mean --help?); "),
        (["scenarios", "--db", "s.duckdb", "show", "--jsn"], "--jsn (did you mean --json?); "),
    ],
)
def test_a_mistyped_flag_is_named_when_a_positional_is_missing_too(argv, said, capsys):
    """`planner solve --hlep` read only "the following arguments are required: data_dir":
    the typo unnamed, as a required flag's was before it."""
    err = cli_refused(argv, capsys)
    assert said in err and "the following arguments are required" in err, err


def test_version_asked_for_is_not_offered_verbose(capsys):
    """`planner --version` would have read "did you mean --verbose?", which logs more."""
    err = cli_refused(["--version"], capsys)
    assert "did you mean --verbose" not in err, err
    assert "there is no --version: pip show goal-planner says the version installed" in err


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["help", "solve"], "(planner solve --help lists its arguments)"),
        (["solve", "-help"], "(help is --help, with two dashes: planner solve --help)"),
        (["-help"], "(help is --help, with two dashes: planner --help)"),
    ],
)
def test_help_asked_for_another_way_says_how(argv, said, capsys):
    """`planner help solve` read "(the command comes first: planner solve help)", a folder
    named help; `planner solve -help` argparse's "ignored explicit argument 'elp'"."""
    err = cli_refused(argv, capsys)
    assert said in err, err
    assert "the command comes first" not in err, err


@pytest.mark.parametrize(
    ("flag", "meant"),
    [
        ("--seed", "seed = 0 under [solve]"),
        ("--workers", "workers = 0 under [solve]"),
        ("--max-utilization", "max_utilization = 1.0 under [capacity]"),
    ],
)
def test_a_setting_typed_as_a_flag_is_told_the_line_of_settings_toml(flag, meant, capsys):
    """`planner solve data --seed -1` read "unrecognized arguments: --seed -1 (did you mean
    --baseline?)" (attack round 14): the seed is a setting, never a flag of solve, and
    --baseline is a plan to compare with."""
    err = cli_refused(["solve", "data", "--out", "p.csv", flag, "-1"], capsys)
    assert "did you mean" not in err, err
    assert (
        f"(there is no {flag}: it is a setting; write {meant} in the data's settings.toml, "
        "or give --settings a file that has it)"
    ) in err, err


@pytest.mark.parametrize(
    ("argv", "meant"),
    [
        (
            ["scenarios", "--db", "s.duckdb", "sweep", "1", "--target", "sales", "--step", "3"],
            "unrecognized arguments: --step 3 (did you mean --steps? a flag is written in full)",
        ),
        (
            ["solve", "data", "--time", "5"],
            "(did you mean --time-limit? a flag is written in full)",
        ),
        (["solve", "data", "--js"], "(did you mean --json? a flag is written in full)"),
        (
            ["scenarios", "save", "data", "--n", "Q3"],
            "(did you mean --name or --note? a flag is written in full)",
        ),
        (
            ["scenarios", "--d", "s.duckdb", "list"],
            "(did you mean --db? a flag is written in full)",
        ),
        (["--verb", "validate", "data"], "(did you mean --verbose? a flag is written in full)"),
    ],
)
def test_the_start_of_a_flag_is_refused_naming_the_flag_in_full(
    argv, meant, capsys, tmp_path, monkeypatch
):
    """argparse took the start of a flag for the flag, without a word: `scenarios sweep
    --step 3` (marginal's --step, a size) planned 3 points, as --steps, and `solve data --time
    5` ran, a script's line that breaks the day a second flag starts so. Each is refused,
    naming the flags it starts, before anything is read or written."""
    monkeypatch.chdir(tmp_path)
    err = cli_refused(argv, capsys)
    assert meant in err, err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("argv", "meant"),
    [
        (
            ["scenarios", "save", "data", "--name", "Q3", "--note", "-draft"],
            "('-draft' reads as a flag; a value that starts with '-' is written with '=': "
            "--note=-draft)",
        ),
        (
            ["scenarios", "save", "data", "--name", "-Q3"],
            "written with '=': --name=-Q3)",
        ),
        (
            ["solve", "data", "--out", "-x.csv"],
            "('-x.csv' reads as a flag; a file whose name starts with '-' is written with ./ "
            "before it: --out ./-x.csv)",
        ),
        (["solve", "data", "--settings", "-s.toml"], "--settings ./-s.toml)"),
    ],
)
def test_a_flag_value_that_starts_with_a_dash_is_told_how_to_write_it(
    argv, meant, capsys, tmp_path, monkeypatch
):
    """`scenarios save data --note -draft` read only "argument --note: expected one
    argument", as if no note had been typed: the value is named, with how to write it."""
    monkeypatch.chdir(tmp_path)
    err = cli_refused(argv, capsys)
    assert "expected one argument" in err and meant in err, err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("argv", [["solve", "data", "--out", "--json"], ["solve", "data", "--out"]])
def test_a_flag_whose_value_was_left_out_is_not_told_to_write_one(argv, capsys):
    """A value left out before the next flag (`--out --json`) is what "expected one argument"
    says: no value is offered to write with '='."""
    err = cli_refused(argv, capsys)
    assert err.rstrip().endswith("argument --out: expected one argument"), err


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (
            ["validate", "data", "--json=1"],
            "argument --json: takes no value ('1' given after '='); write --json alone, or "
            "leave it out",
        ),
        (
            ["scenarios", "delete", "Q3", "--yes=no"],
            "argument --yes: takes no value ('no' given after '='); write --yes alone, or "
            "leave it out",
        ),
    ],
)
def test_a_value_given_to_a_flag_that_takes_none_is_said_in_words(argv, said, capsys):
    """`validate data --json=1` read argparse's "ignored explicit argument '1'"; `--yes=no`
    is told to leave --yes out as well as to write it alone, so no is not read as yes."""
    err = cli_refused(argv, capsys)
    assert said in err and "ignored explicit argument" not in err, err


@pytest.mark.parametrize(
    ("argv", "dash", "flag"),
    [
        (["solve", "data", "\u2014time-limit", "5"], "em dash (U+2014)", "--time-limit"),
        (["solve", "data", "\u2013-json"], "en dash (U+2013)", "--json"),
        (["solve", "data", "\u2212\u2212out=p.csv"], "minus sign (U+2212)", "--out"),
        (["scenarios", "list", "\u2014json"], "em dash (U+2014)", "--json"),
    ],
)
def test_a_flag_begun_with_a_dash_that_looks_like_a_hyphen_is_told_the_flag_to_type(
    argv, dash, flag, capsys
):
    """`solve data —time-limit 5`, a flag pasted from a document that made its -- an em
    dash, read "unrecognized arguments: —time-limit 5" alone, the dash looking right. It
    names the dash and the flag to type."""
    err = cli_refused(argv, capsys)
    assert f" {dash}, not the hyphens of a flag" in err and f"type {flag})" in err, err
