"""One spelling of each argument in every command's --help (attack round 21).

The same argument read `data_dir` in `planner solve --help` and `DATA_DIR` in `planner
checkin --help`, `--settings SETTINGS` beside `--settings FILE`, `--baseline BASELINE`
beside `--baseline PLAN_CSV`, `--time-limit TIME_LIMIT` beside `--time-limit S`. Each is
spelled now as docs/SPEC.md writes the commands.
"""

from __future__ import annotations

import argparse
import re
from collections import defaultdict

import pytest

from planner.interfaces.cli import build_parser, main


def _commands() -> list[list[str]]:
    """Every command's words, nested ones too (``scenarios sweep``)."""
    found: list[list[str]] = []

    def walk(parser: argparse.ArgumentParser, words: list[str]) -> None:
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, each in action.choices.items():
                    found.append([*words, name])
                    walk(each, [*words, name])

    walk(build_parser(), [])
    return found


def _usage(words: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    with pytest.raises(SystemExit):
        main([*words, "--help"])
    text = capsys.readouterr().out
    return " ".join(text.split("\n\n", 1)[0].split())


def test_every_argument_reads_the_same_in_every_help(capsys):
    spelled: dict[str, set[str]] = defaultdict(set)
    positionals: dict[str, list[str]] = {}
    for words in _commands():
        usage = _usage(words, capsys)
        assert usage.startswith(f"usage: planner {' '.join(words)}"), usage
        for flag, placeholder in re.findall(r"(--[a-z-]+) ([A-Za-z_|.]+)", usage):
            if flag != "--out":  # a plan's and a comparison's are different files
                spelled[flag].add(placeholder)
        rest = re.sub(
            r"\[[^\]]*\]|--[a-z-]+ [A-Z_|]+|--[a-z-]+",
            " ",
            usage.removeprefix(f"usage: planner {' '.join(words)}"),
        )
        positionals[" ".join(words)] = [w for w in rest.split() if w not in {"...", "|"}]
    twice = {flag: names for flag, names in spelled.items() if len(names) > 1}
    assert twice == {}, twice
    assert spelled["--settings"] == {"FILE"} and spelled["--baseline"] == {"PLAN_CSV"}
    assert spelled["--time-limit"] == {"S"}
    assert spelled["--db"] == {"FILE"}  # it read --db DB, a word a leader does not read
    # docs/SPEC.md: planner generate OUT_DIR --teams N --projects M [--goals G] [--seed S]
    generate = {flag: spelled[flag] for flag in ("--teams", "--projects", "--goals", "--seed")}
    assert generate == {"--teams": {"N"}, "--projects": {"M"}, "--goals": {"G"}, "--seed": {"S"}}
    lower = {c: p for c, p in positionals.items() if any(w != w.upper() for w in p)}
    assert lower == {}, lower
    for command in ("solve", "validate", "explain", "checkin-template", "scenarios save"):
        assert positionals[command][:1] == ["DATA_DIR"], (command, positionals[command])


def test_a_missing_data_folder_is_named_as_the_help_names_it(capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["validate"])
    assert stopped.value.code == 2
    assert "the following arguments are required: DATA_DIR" in capsys.readouterr().err


def test_a_narrow_terminal_indents_each_help_past_the_names(monkeypatch, capsys):
    """At 20 columns `planner --help` wrote each command's name and its help at one indent
    ("solve", "plan the", "quarter from a", ..., "generate", "write a"): the names were lost
    among the words. Each help is indented past the names it describes."""
    monkeypatch.setenv("COLUMNS", "20")
    for words in (["--help"], ["scenarios", "--help"], ["solve", "--help"]):
        with pytest.raises(SystemExit):
            main(words)
        lines = capsys.readouterr().out.splitlines()
        names = [i for i, line in enumerate(lines) if re.fullmatch(r"    [a-z-]+", line)]
        names += [i for i, line in enumerate(lines) if re.fullmatch(r"  -[-\w]+.*", line)]
        assert names, lines
        for i in names:
            after = lines[i + 1]
            assert after.startswith(" " * 8) and after.strip(), (lines[i], after)


def test_a_command_that_reads_a_workbook_does_not_say_a_data_folder_alone(capsys):
    """`planner --help` said solve plans "from a data folder", validate checks "a data folder"
    and generate writes "a synthetic data folder", though each reads (or writes) a workbook or
    a zip as well, as their DATA_DIR (OUT_DIR) says a few lines below."""
    wrong = []
    for words in _commands():
        with pytest.raises(SystemExit):
            main([*words, "--help"])
        text = " ".join(capsys.readouterr().out.split())
        description = text.split(" positional arguments:", 1)[0]
        arguments = text[len(description) :]
        if ".xlsx" in arguments and "data folder" in description and "workbook" not in description:
            wrong.append(" ".join(words))
    assert wrong == []


#: The words with which a help says what an option left out means.
_LEFT_OUT = ("default", "without it", "when not given", "unless", "optional", "also ")


def _options_without_a_default() -> list[str]:
    """Each option of every command that takes a value, is not required and whose help
    does not say what leaving it out does."""
    found: list[str] = []

    def walk(parser: argparse.ArgumentParser, words: list[str]) -> None:
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, each in action.choices.items():
                    walk(each, [*words, name])
            elif (
                action.option_strings
                and action.nargs != 0
                and not action.required
                and not any(word in (action.help or "") for word in _LEFT_OUT)
            ):
                found.append(f"{' '.join(words)} {action.option_strings[-1]}")

    walk(build_parser(), [])
    return found


def test_every_option_s_help_says_what_leaving_it_out_does():
    """`planner solve --help` read "--max-changes N  at most N projects change owner", with
    no word of the default (no limit) nor that it needs --baseline; `checkin --out` did not
    say it writes plan.csv when left out (the name the examples give the --baseline), nor
    `--unlock` that the check-in file's list is taken, else none. An analyst reads the
    default in the help, not in the code."""
    assert _options_without_a_default() == []


def test_delete_s_help_says_what_leaving_yes_out_does(capsys):
    """`scenarios delete --help` read "--yes  confirm the deletion", with no word of what
    the command does without it: it deletes nothing and says to add --yes."""
    with pytest.raises(SystemExit):
        main(["scenarios", "delete", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "--yes confirm the deletion (without it, nothing is deleted" in text


def test_generate_s_ranges_help_says_what_the_ranges_give_in_a_sentence(capsys):
    """`generate --help` read "--ranges  give each project a range of impact (value_low,
    value_high): each goal's odds", a list where a reader wants what the ranges are for."""
    with pytest.raises(SystemExit):
        main(["generate", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "from which each goal's chance of reaching its target is worked out" in text
    assert "(without it, every value is certain)" in text
