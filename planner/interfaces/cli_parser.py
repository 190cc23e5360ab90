"""The ``planner`` command line's argument parser: argparse, with its errors in the user's words.

:class:`Parser` escapes what the user typed in its error messages, names the flag or
command meant for a mistyped one, reads ``-1e3`` and ``-inf`` as numbers, and refuses a
flag that takes one value when given twice (:class:`Once`). :mod:`planner.interfaces.cli`
builds the command line with it.
"""

from __future__ import annotations

import argparse
import re
import shlex
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NoReturn

from planner.core.identifiers import escaped
from planner.interfaces.typed_words import (
    TWICE,
    command_meant,
    dashed_twice,
    flags_meant,
    twice_dashed,
)

if TYPE_CHECKING:
    from _typeshed import SupportsWrite


class Once(argparse._StoreAction):
    """A flag that takes one value, refused when given twice: ``--db a.duckdb --db b.duckdb``
    saved to b.duckdb without a word, ``--time-limit 1 --time-limit 2`` ran 2 s."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: str | Sequence[Any] | None,
        option_string: str | None = None,
    ) -> None:
        given: dict[str, object] = namespace.__dict__.setdefault("_flags_given", {})
        if option_string is not None and self.dest in given:
            flag = "/".join(self.option_strings)
            parser.error(_twice(flag, given[self.dest], values))
        given[self.dest] = values
        super().__call__(parser, namespace, values, option_string)


def _twice(flag: str, first: object, then: object) -> str:
    said = f"argument {flag}: given twice ({first}, then {then})"
    return f"{said}; give it once, with the value you mean"


class _GivenOnce(argparse.Namespace):
    """The arguments a (sub-)command's parser reads into, where the flags given before its
    own command meet those after: `planner scenarios --db a.duckdb list --db b.duckdb`
    listed b.duckdb without a word (argparse reads a command's flags into a namespace of
    its own and copies them over the one before). A flag in both is given twice."""

    def __setattr__(self, name: str, value: object) -> None:
        before = self.__dict__.get("_flags_given")
        if name == "_flags_given" and isinstance(before, dict) and isinstance(value, dict):
            for dest, then in value.items():
                if dest in before:
                    flag = "--" + dest.replace("_", "-")
                    raise argparse.ArgumentError(None, _twice(flag, before[dest], then))
            value = {**before, **value}
        super().__setattr__(name, value)


#: argparse's words for a value given to a flag that takes none (`--json=1`).
_NO_VALUE = re.compile(r"^argument (\S+): ignored explicit argument (.*)$", re.DOTALL)

#: argparse's words for a flag given without its value.
_EXPECTED_ONE = re.compile(r"^argument (\S+): expected one argument$")

#: The flags that name a file or a folder.
_PATH_DESTS = frozenset(
    {"out", "workbook", "settings", "baseline", "baseline_data", "checkin", "since", "db"}
)

#: A negative number as Python's ``float`` reads it.
_NEGATIVE_NUMBER = re.compile(r"^-((\d+\.?\d*|\.\d+)(e[-+]?\d+)?|inf(inity)?|nan)$", re.IGNORECASE)


class _Formatter(argparse.HelpFormatter):
    """argparse's, with each help indented past the names it describes on a narrow
    terminal: at 20 columns `planner --help` wrote "solve", then "plan the quarter ..." at
    the same indent, each command's name lost among the words."""

    def __init__(self, prog: str, *args: Any, **kwargs: Any) -> None:
        super().__init__(prog, *args, **kwargs)
        self._max_help_position = max(self._max_help_position, _HELP_INDENT)


#: The least indent of a help, past a command's name (indented 4).
_HELP_INDENT = 8


class Parser(argparse.ArgumentParser):
    """argparse, with the user's own words escaped in its error messages, and a flag that
    takes one value refused when given twice (:class:`Once`)."""

    #: The last usage error, for ``--json`` (sub-command parsers are instances too).
    last_error: str | None = None
    #: The command line's words, for a usage error that names one of them.
    words: tuple[str, ...] = ()
    #: A command whose arguments are missing names them all, and how they are given:
    #: `planner checkin` alone read "required: --baseline, --checkin" (its DATA_DIR is
    #: optional to argparse, see checkin_cli), as if nothing else were needed.
    needs: str = ""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # A flag is written in full: argparse took a prefix of one for it without a word, so
        # `scenarios sweep --step 3` (marginal's --step, a size) planned 3 points (--steps),
        # and a script's `--time 5` would break the day a second flag starts so.
        kwargs.setdefault("allow_abbrev", False)
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)
        # argparse takes '-5' and '-.5' for a value but '-1e3' and '-inf' for a flag, and said
        # only "expected one argument": every number reaches the flag's own range message.
        self._negative_number_matcher = _NEGATIVE_NUMBER
        self.register("action", None, Once)
        self.register("action", "store", Once)

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        """argparse's, read into a :class:`_GivenOnce` (a flag given before and after a
        command is given twice)."""
        namespace = _GivenOnce() if namespace is None else namespace
        self._reading = namespace
        return super().parse_known_args(args, namespace)

    def error(self, message: str) -> NoReturn:
        if (
            self._no_command(message)
            and not self._mistyped_flags()
            and not command_meant(self, Parser.words, message)
        ):
            # `planner` alone read only "required: command", where the commands are the
            # answer: they are listed, with how to read one's arguments (exit 2, a usage error).
            said = (
                f"no command given; choose one of the above ({self.prog} COMMAND --help "
                "lists its arguments)"
            )
            Parser.last_error = escaped(said)
            self.print_help(sys.stderr)
            self.exit(2, f"{self.prog}: error: {said}\n")
        no_value = _NO_VALUE.match(message)
        if no_value is not None and "-h" not in no_value.group(1).split("/"):
            # `--json=1` read "ignored explicit argument '1'": argparse's words, not a reader's.
            flag = no_value.group(1).split("/")[-1]
            message = (
                f"argument {flag}: takes no value ({no_value.group(2)} given after '='); "
                f"write {flag} alone, or leave it out"
            )
        twice = dashed_twice(Parser.words) and not message.startswith(TWICE)
        if twice and (said := twice_dashed(self, None)):
            message = f"{message}; {said}"
        missing = message.removeprefix("the following arguments are required: ")
        if missing != message and not any(m.startswith("-") for m in missing.split(", ")):
            message = self._mistyped_flags() + message + self._dashed_value()
        elif missing != message:
            message = self._mistyped_flags() + self._all_missing(message) + self.needs
        message += command_meant(self, Parser.words, message) + self._dashed_flag_value(message)
        Parser.last_error = escaped(message)
        super().error(escaped(message))

    def _all_missing(self, message: str) -> str:
        """argparse's "required: --baseline, --checkin" with the positionals it reads as
        optional (``nargs="?"``) that the command still needs and was not given."""
        if not self.needs:
            return message
        reading = getattr(self, "_reading", None)
        left = [
            str(action.metavar or action.dest).upper()
            for action in self._actions
            if not action.option_strings
            and action.nargs == "?"
            and getattr(reading, action.dest, None) is None
        ]
        prefix = "the following arguments are required: "
        return prefix + ", ".join([*left, message.removeprefix(prefix)])

    def _no_command(self, message: str) -> bool:
        """Whether ``message`` is argparse's for a command (or ``scenarios``' sub-command) not
        given, with nothing else missing."""
        missing = message.removeprefix("the following arguments are required: ")
        return missing != message and any(
            isinstance(action, argparse._SubParsersAction)
            and missing == (action.metavar or action.dest)
            for action in self._actions
        )

    def _mistyped_flags(self) -> str:
        """The words typed for a required flag: `generate q --teams 2 --projecs 5` read only
        "required: --projects", where `solve --ot` gets "did you mean --out?"."""
        words = Parser.words
        words = words[: words.index("--")] if "--" in words else words
        unknown = [
            word
            for word in words
            if word.startswith("--")
            and word.split("=")[0] not in {*self._option_string_actions, "--verbose"}
        ]
        if not unknown:
            return ""
        return f"unrecognized arguments: {' '.join(unknown)}{flags_meant(unknown, self)}; "

    def _dashed_value(self) -> str:
        """A word taken for an unknown flag where a value was missing: `scenarios show -Q3`
        (a name saved with --name=-Q3) read only "required: NAME_OR_ID"."""
        known = {*self._option_string_actions, "-v", "-vv", "--verbose", "--"}
        dashed = [
            word
            for word in Parser.words
            if word.startswith("-")
            and not word.startswith("--")
            and word.split("=")[0] not in known
            and not self._negative_number_matcher.match(word)
        ]
        if not dashed:
            return ""
        # The command as typed, '--' before the name: `planner scenarios show -- -Q3` for
        # `scenarios show --db s.duckdb -Q3` dropped --db and looked in another database.
        words = list(Parser.words)
        words.remove(dashed[0])
        command = shlex.join([self.prog.split()[0], *words, "--", dashed[0]])
        return (
            f" ('{dashed[0]}' reads as a flag; a name or id that starts with '-' goes after "
            f"--: {command})"
        )

    def _dashed_flag_value(self, message: str) -> str:
        """The value of a flag that starts with '-': `scenarios save data --note -draft` (or
        `--name -Q3`, `--out -x.csv`) read only "argument --note: expected one argument"."""
        found = _EXPECTED_ONE.match(message)
        if found is None:
            return ""
        flags = found.group(1).split("/")
        words = list(Parser.words)
        at = next((i for i, word in enumerate(words) if word in flags), None)
        if at is None or at + 1 >= len(words):
            return ""
        value = words[at + 1]
        if (
            not value.startswith("-")
            or value == "--"
            or value.split("=")[0]
            in {
                *self._option_string_actions,
                "-v",
                "-vv",
                "--verbose",
            }
        ):
            return ""  # a value left out before the next flag: "expected one argument" says it
        if self._option_string_actions[words[at]].dest in _PATH_DESTS:
            # A file named so is written ./-x.csv: '=' would name an output refused for its dash.
            return (
                f" ('{value}' reads as a flag; a file whose name starts with '-' is written "
                f"with ./ before it: {words[at]} {shlex.quote('./' + value)})"
            )
        return (
            f" ('{value}' reads as a flag; a value that starts with '-' is written with '=': "
            f"{words[at]}={shlex.quote(value)})"
        )

    def _print_message(self, message: str, file: SupportsWrite[str] | None = None) -> None:
        # argparse drops an OSError here: `planner --help > /dev/full` said nothing, exit 0.
        if message:
            stream = file or sys.stderr
            stream.write(message)
            flush = getattr(stream, "flush", None)
            if flush is not None:
                flush()
