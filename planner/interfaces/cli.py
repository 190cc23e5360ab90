"""The ``planner`` command line: its parser, :func:`main` and what every command shares.

Each command lives in its own module and registers itself with
:func:`command` (``solve_cli``, ``generate_cli``, ``validate_cli``,
``explain_cli``, ``scenario_cli``, ``checkin_template_cli``, ``checkin_cli``);
this module holds the exit statuses, loading the data with its warnings, Ctrl-C handling,
and turning every error into words; the plan files (``--out`` written, a ``--baseline``
read) are :mod:`planner.interfaces.cli_plans`'s. The file and
folder flags are checked in :mod:`planner.interfaces.cli_paths` before any is
opened; the parser's own errors are worded in :mod:`planner.interfaces.cli_parser`, and
standard output and error made usable in :mod:`planner.interfaces.cli_streams`.

Exit status (SPEC "Command line"): 0 a plan was written; 2 the input is
invalid (every problem on stderr with file, row and column; a wrong command
line too); 3 no plan (infeasible, explained in business terms, or none found
within the time limit); 1 the scenario database cannot be used, or an
unforeseen fault, in one line; 130 stopped by a second Ctrl-C; 143 asked to end by a
SIGTERM (``kill PID``, a service or a CI job stopping), said in one line.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import NoReturn, TypeVar

from planner.core.domain import Problem, Result
from planner.core.errors import InputIssue, InvalidInputError, grouped_text
from planner.core.identifiers import escaped
from planner.core.settings import SolveSettings
from planner.interfaces.cli_parser import Parser
from planner.interfaces.cli_paths import refuse_unusable_paths
from planner.interfaces.cli_streams import (
    output_lost,
    standard_output_failed,
    standard_streams_ready,
)
from planner.interfaces.typed_words import (
    dashed_twice,
    dashes_meant,
    flags_before,
    flags_meant,
    in_full,
    twice_dashed,
)

_T = TypeVar("_T")

EXIT_OK = 0
EXIT_INVALID = 2
EXIT_NO_PLAN = 3
#: Something unforeseen: a bug, reported in one line (never a traceback).
EXIT_BUG = 1
#: Interrupted with a second Ctrl-C, as shells expect (128 + SIGINT).
EXIT_INTERRUPTED = 130
#: Asked to end with a SIGTERM (``kill PID``, a service or a CI job stopping), as shells
#: expect (128 + SIGTERM).
EXIT_TERMINATED = 143


class Terminated(KeyboardInterrupt):
    """A SIGTERM, raised where the program is, as a Ctrl-C is: what is being written is
    rolled back or removed (a scenario's transaction, a plan file's temporary copy) by
    the code that already does so for a Ctrl-C. The default SIGTERM ended the program
    at once with no word on standard error (a `kill` during a solve read as a crash)."""


Command = Callable[[argparse.Namespace], int]
#: Every sub-command registers here (see :func:`command`): name -> (help, add_arguments, run).
_COMMANDS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None], Command]] = {}


#: What a data argument may be, as every command's --help says it.
DATA_HELP = "the data: a folder of CSV files, an .xlsx (or .xlsm) workbook, or a .zip of a folder"
#: A --settings file changes the keys it names; the data's own settings keep the others.
SETTINGS_HELP = (
    "a settings TOML whose keys change the data's settings (e.g. one multiplier; without "
    "it, the data's own)"
)
#: ``--time-limit``, where a command makes one plan: the default said, as the settings give it.
TIME_LIMIT_HELP = (
    "seconds to plan (default: the settings' [solve] time_limit_s, "
    f"{SolveSettings().time_limit_s:g} s unless set)"
)


def command(
    name: str, help: str
) -> Callable[[Callable[[argparse.ArgumentParser], None]], Callable[[Command], Command]]:
    """Register a sub-command from another module (see ``planner.interfaces.scenario_cli``)."""

    def arguments(add: Callable[[argparse.ArgumentParser], None]) -> Callable[[Command], Command]:
        def register(run: Command) -> Command:
            _COMMANDS[name] = (help, add, run)
            return run

        return register

    return arguments


def issues_json(issues: Sequence[InputIssue]) -> list[dict[str, object]]:
    """Input problems as ``--json`` gives them: where, what and the fix."""
    return [
        {
            "severity": i.severity.value,
            "file": i.file,
            "row": i.row,
            "column": i.column,
            "message": i.message,
            "fix": i.fix,
        }
        for i in issues
    ]


def failed(args: argparse.Namespace, message: str, code: int, status: str) -> int:
    """An error in words on stderr; with ``--json`` also one object on stdout, as a script
    expects (``{"status": status, "problems": [...]}``, each problem with the keys of an
    input problem, :func:`issues_json`: no file, row or column); returns ``code``.
    """
    print(f"error: {escaped(message)}", file=sys.stderr)
    if getattr(args, "json", False):
        # The last "Fix:": the problem may quote a name or a path that holds the word.
        text, said, fix = message.rpartition(" Fix: ")
        if not said:
            text, fix = message, ""
        # A script reading problem["file"] of every problem failed on these alone.
        where = {"severity": "error", "file": None, "row": None, "column": None}
        print(json.dumps({"status": status, "problems": [{**where, "message": text, "fix": fix}]}))
    return code


def print_issues(issues: Sequence[InputIssue]) -> None:
    """Each problem on stderr, one line per kind of problem in a file (see ``grouped_text``)."""
    for severity, text in grouped_text(issues):
        print(f"{severity.value}: {escaped(text)}", file=sys.stderr)


def load(data_dir: str, settings: str | None) -> Problem:
    """Load and validate a data folder; warnings go to stderr."""
    from planner.core.loading import load_with_warnings

    loaded = load_with_warnings(data_dir, settings)
    print_issues(loaded.warnings)
    return loaded.problem


def built_on(args: argparse.Namespace) -> str:
    """The data read (and a settings file beside it), named as the app names data it opened:
    the "Built on" row of the plan.xlsx ``solve`` and ``checkin`` write. A settings file
    given through a pipe is named by its whole path, as its messages name it (``/dev/fd/63``:
    its name alone read "with the settings in 63")."""
    from planner.core.pipes import path_label
    from planner.scenarios.kept_work import folder_label

    return folder_label(
        args.data_dir, None if args.settings is None else path_label(Path(args.settings))
    )


def with_time_limit(problem: Problem, time_limit: float | None) -> Problem:
    """``problem`` with ``--time-limit`` (already range-checked) in its settings, if given."""
    if time_limit is None:
        return problem
    solve_settings = replace(problem.settings.solve, time_limit_s=time_limit)
    return problem.replace(settings=replace(problem.settings, solve=solve_settings))


def solve_interruptibly(
    problem: Problem, started: float | None = None, after_s: float = 0.0
) -> tuple[Result, bool]:
    """Solve; a first Ctrl-C stops the search and keeps the best plan so far.

    Returns the result and whether the user stopped it (see :func:`interruptibly`).
    ``started``: when the leader asked, and ``after_s``: the seconds kept for the work after
    the solve (:func:`~planner.solving.solver.solve`'s), default now and none.
    """
    from planner.solving.solver import solve

    return interruptibly(
        lambda cancel: solve(problem, cancel=cancel, started=started, _after_s=after_s)
    )


def interruptibly(run: Callable[[threading.Event], _T]) -> tuple[_T, bool]:
    """``run(cancel)``, with a first Ctrl-C setting ``cancel`` instead of ending the program.

    Returns what ``run`` returned and whether the user stopped it. A second
    Ctrl-C interrupts at once (see :func:`main`). A SIGTERM (:class:`Terminated`)
    stops the searches as a Ctrl-C does, then ends the command once they have stopped,
    nothing written: raised at once, it left HiGHS's worker processes searching to
    their time limit after the planner had ended (a second SIGTERM ends it at once).
    """
    cancel = threading.Event()
    if threading.current_thread() is not threading.main_thread():
        return run(cancel), False
    asked_to_end: list[bool] = []

    def stop(_signum: int, _frame: object) -> None:
        if cancel.is_set():
            raise KeyboardInterrupt
        cancel.set()
        print("stopping: the best plan so far is kept (Ctrl-C again to quit)", file=sys.stderr)

    def end(_signum: int, _frame: object) -> None:
        if asked_to_end:
            raise Terminated
        asked_to_end.append(True)
        cancel.set()

    # Started with Ctrl-C ignored (`nohup planner ... &`, a background job of some shells,
    # a service): the program was told not to stop for one, and this handler took one
    # sent to its process group as a stop, keeping a cut-short plan.
    previous = signal.getsignal(signal.SIGINT)
    if previous is not signal.SIG_IGN:
        signal.signal(signal.SIGINT, stop)
    # Only where main() ends a SIGTERM in words (not SIG_IGN, nor a caller's default).
    previous_end = signal.getsignal(signal.SIGTERM)
    if callable(previous_end):
        signal.signal(signal.SIGTERM, end)
    try:
        value = run(cancel)
    finally:
        if previous is not signal.SIG_IGN:
            signal.signal(signal.SIGINT, previous)
        if callable(previous_end):
            signal.signal(signal.SIGTERM, previous_end)
    if asked_to_end:
        _wind_down(_WIND_DOWN_S)
        raise Terminated
    return value, cancel.is_set()


#: How long a command asked to end waits for its stopped searches to end (HiGHS's worker
#: is killed by the thread that asked it, within its poll; CP-SAT stops at its next step).
_WIND_DOWN_S = 3.0


def _wind_down(seconds: float) -> None:
    """Wait up to ``seconds`` for the threads other than the main one to end: a program
    ended while a stopped search still ran left its HiGHS worker process searching to its
    time limit, a process of no one's (:func:`leave_searches_behind` ends the rest)."""
    import time

    until = time.monotonic() + seconds
    for thread in threading.enumerate():
        if thread is not threading.current_thread():  # a search's daemon thread too
            thread.join(max(0.0, until - time.monotonic()))


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every sub-command."""
    parser = Parser(
        prog="planner", description="Plan a quarter's projects across sales and marketing teams."
    )
    parser.add_argument(
        "-v",
        "--verbose",
        action="count",
        default=0,
        help="log more (-vv: the planning engine's own log)",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    _load_commands()
    # In the order of _COMMAND_MODULES, whichever module a caller happened to import first.
    ranked = sorted(_COMMANDS.items(), key=lambda item: _rank(item[1][2]))
    for name, (help_text, add, run) in ranked:
        command_parser = sub.add_parser(name, help=help_text)
        add(command_parser)
        _name_placeholders(command_parser)
        command_parser.set_defaults(run=run)
    _described(parser)
    return parser


#: Each argument's placeholder in every command's --help, as docs/SPEC.md writes them
#: (``planner solve DATA_DIR [--settings FILE] [--time-limit S]``): one argument read
#: ``data_dir`` in one --help and ``DATA_DIR`` in another, ``--settings SETTINGS`` beside
#: ``--settings FILE``, ``--baseline BASELINE`` beside ``--baseline PLAN_CSV``.
PLACEHOLDERS = {
    "data_dir": "DATA_DIR",
    "out_dir": "OUT_DIR",
    "project_id": "PROJECT_ID",
    "new_name": "NEW_NAME",
    "settings": "FILE",
    "baseline": "PLAN_CSV",
    "baseline_data": "DATA_DIR",
    "checkin": "CHECKIN_TOML",
    "since": "CHECKIN_TOML",
    "time_limit": "S",
    "budget": "S",
    "capacity_budget": "S",
    "max_changes": "N",
    "stability": "W",
    "tolerance": "PCT",
    "weeks": "WEEKS",
    "quarter_weeks": "WEEKS",
    # `planner generate OUT_DIR --teams N --projects M [--goals G] [--seed S]`, as SPEC has
    # it: its --help read --teams TEAMS --projects PROJECTS [--goals GOALS] [--seed SEED].
    "teams": "N",
    "projects": "M",
    "goals": "G",
    "seed": "S",
    # `scenarios --help` read `--db DB`: the file it is, as --settings FILE.
    "db": "FILE",
}


def _name_placeholders(command: argparse.ArgumentParser) -> None:
    """Every argument of ``command`` (and of its own commands) that takes a value named by
    :data:`PLACEHOLDERS`."""
    for action in command._actions:
        if isinstance(action, argparse._SubParsersAction):
            for each in action.choices.values():
                _name_placeholders(each)
        elif action.dest in PLACEHOLDERS and action.nargs != 0:
            action.metavar = PLACEHOLDERS[action.dest]


def _described(parser: argparse.ArgumentParser) -> None:
    """Each (sub-)command's --help opens with what it does, as its parent's list says it:
    `planner scenarios --help` began with its usage, then its arguments."""
    for action in parser._actions:
        if not isinstance(action, argparse._SubParsersAction):
            continue
        said = {choice.dest: choice.help for choice in action._choices_actions}
        for name, child in action.choices.items():
            if child.description is None and (text := said.get(name)):
                text = text.replace("%%", "%")  # a help is %-formatted, a description not
                child.description = f"{text[:1].upper()}{text[1:]}."
            _described(child)


#: The modules whose sub-commands register themselves, in the order ``--help`` lists them.
_COMMAND_MODULES = (
    "planner.interfaces.solve_cli",
    "planner.interfaces.generate_cli",
    "planner.interfaces.validate_cli",
    "planner.interfaces.explain_cli",
    "planner.interfaces.scenario_cli",
    "planner.interfaces.checkin_template_cli",
    "planner.interfaces.checkin_cli",
)


def _rank(run: Command) -> int:
    module = getattr(run, "__module__", "")
    return _COMMAND_MODULES.index(module) if module in _COMMAND_MODULES else len(_COMMAND_MODULES)


def _load_commands() -> None:
    """Import the modules whose sub-commands register themselves with :func:`command`."""
    import importlib

    for module in _COMMAND_MODULES:
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name != module:
                raise


def _command_of(
    parser: argparse.ArgumentParser, args: argparse.Namespace
) -> argparse.ArgumentParser:
    """The (sub-)command parser ``args`` were parsed by: ``planner scenarios save``'s."""
    command = parser
    while True:
        chosen = [
            action.choices[name]
            for action in command._actions
            if isinstance(action, argparse._SubParsersAction)
            and (name := getattr(args, action.dest or "", None)) in action.choices
        ]
        if not chosen:
            return command
        command = chosen[0]


def _late_positionals(
    parser: argparse.ArgumentParser, args: argparse.Namespace, extras: list[str]
) -> list[str]:
    """``extras`` less the words that fill an optional positional left empty, which is set.

    argparse gives every positional the words before the first flag: `planner explain data
    --json AW-01` left AW-01 over ("unrecognized arguments"), the project to explain.
    """
    command = _command_of(parser, args)
    # `--` ends the flags (`explain data --time-limit 3 -- AW-01`): what follows it is
    # positional, even a word that starts with '-'; argparse left `-- AW-01` over.
    ended = bool(extras) and extras[0] == "--"
    extras = extras[1:] if ended else extras
    for action in command._actions:
        if action.option_strings or action.nargs != "?" or not extras:
            continue
        if getattr(args, action.dest, None) is not None:
            continue
        if extras[0].startswith("-") and not ended:
            continue
        try:
            value = command._get_values(action, [extras[0]])
        except argparse.ArgumentError as exc:
            command.error(str(exc))
        setattr(args, action.dest, value)
        extras = extras[1:]
    return extras


def _refuse_unknown(
    parser: argparse.ArgumentParser, args: argparse.Namespace, extras: list[str]
) -> NoReturn:
    """Unknown words, told by the command they were given to (``planner solve``'s usage, not
    the seven commands of ``planner``'s), with the flag meant when one is close."""
    command = _command_of(parser, args)
    meant = flags_meant(extras, command) + flags_before(Parser.words, extras, command)
    meant += dashes_meant(Parser.words, command)
    if command is not parser and not meant:
        # `planner --verb solve data`: the start of planner's own --verbose.
        meant = "".join(in_full(word, ["--verbose"]) for word in extras)
    if command is not parser and {"-v", "-vv", "--verbose"} & set(extras):
        # Most tools take -v anywhere; here it is planner's own, before the command.
        words = command.prog.removeprefix(parser.prog).strip()
        meant += f" (it goes before the command: {parser.prog} -v {words} ...)"
    command.error(f"unrecognized arguments: {' '.join(extras)}{meant}")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status.

    Never a traceback: invalid input and unusable paths are listed (exit 2),
    a second Ctrl-C ends quietly (exit 130), and anything unforeseen is one
    line naming it as a bug (exit 1; ``-vv`` logs the traceback). Standard output
    that cannot be written is an output that cannot be written (exit 2), wherever
    it fails: ``--help``, a report, or the ``--json`` object said after a problem.
    """
    if not standard_streams_ready():
        return EXIT_INVALID
    try:
        with _ended_in_words():
            return _main(argv)
    except Terminated:  # while the command line was read, before a command ran
        words = sys.argv[1:] if argv is None else argv
        return stopped(Terminated(), as_json="--json" in words)
    except OSError as exc:
        if not standard_output_failed(exc):
            raise
        output_lost(exc)
        return EXIT_INVALID


#: Set by the SIGTERM handler of :func:`_ended_in_words`: a SIGTERM that came while DuckDB
#: ran a statement is raised as DuckDB's own error (a ``KeyboardInterrupt`` by then, as for a
#: Ctrl-C), so :func:`stopped` reads which signal it was here ("interrupted", exit 130,
#: answered a `kill` during `planner scenarios list`).
_ASKED_TO_END = threading.Event()


@contextlib.contextmanager
def _ended_in_words() -> Iterator[None]:
    """A SIGTERM raises :class:`Terminated` in the main thread while the command runs
    (said and ended with :data:`EXIT_TERMINATED` by :func:`stopped`); one that is ignored
    (SIG_IGN, as ``nohup`` or a service may start the program) stays ignored, and the
    handler before is back after (a caller of :func:`main` that goes on)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    found = signal.getsignal(signal.SIGTERM)
    if found is signal.SIG_IGN:
        yield
        return

    def terminate(_signum: int, _frame: object) -> None:
        _ASKED_TO_END.set()
        raise Terminated

    _ASKED_TO_END.clear()
    signal.signal(signal.SIGTERM, terminate)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, found)


def stopped(exc: BaseException, *, as_json: bool = False) -> int:
    """A Ctrl-C or a SIGTERM (:class:`Terminated`) said in one line; its exit status.

    With ``--json`` (``as_json``) standard output holds one object too, as for every other
    way a command ends: ``{"status": "stopped", "signal": "SIGTERM", ...}``. It reports no
    plan, as none was written (SPEC: exit 143 and 130 leave nothing half-written; a first
    Ctrl-C that keeps the best plan so far ends 0 with the plan's own object). Standard
    output was empty, and a script read "no JSON" as a crash.
    """
    if (
        isinstance(exc, Terminated)
        or isinstance(_interrupt_of(exc), Terminated)
        or _ASKED_TO_END.is_set()
    ):
        said = (
            "the planner was asked to end (SIGTERM); nothing more was written, and "
            "nothing half-written was left."
        )
        print(f"stopped: {said}", file=sys.stderr)
        code, name = EXIT_TERMINATED, "SIGTERM"
    else:
        said = "interrupted (Ctrl-C); nothing more was written."
        print("interrupted; nothing more was written.", file=sys.stderr)
        code, name = EXIT_INTERRUPTED, "SIGINT"
    if as_json:
        problem = {"severity": "error", "file": None, "row": None, "column": None}
        fix = "Run the command again; a single Ctrl-C during a search keeps its best plan."
        stopped_object = {
            "status": "stopped",
            "signal": name,
            "exit_code": code,
            "problems": [{**problem, "message": said, "fix": fix}],
        }
        with contextlib.suppress(OSError, ValueError):  # a reader gone, a closed stream
            print(json.dumps(stopped_object), flush=True)
    return code


def _main(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    words = list(sys.argv[1:] if argv is None else argv)
    Parser.last_error, Parser.words = None, tuple(words)
    try:
        args, extras = parser.parse_known_args(words)
        extras = _late_positionals(parser, args, extras)
        if extras:
            _refuse_unknown(parser, args, extras)
        command = _command_of(parser, args)
        if dashed_twice(words) and (said := twice_dashed(command, args)):
            command.error(said)
    except SystemExit as exc:
        if exc.code == EXIT_INVALID and "--json" in words and Parser.last_error is not None:
            usage = InputIssue(
                "command line",
                None,
                None,
                Parser.last_error + ".",
                "planner COMMAND --help lists the arguments and their ranges.",
            )
            print(json.dumps({"status": "invalid", "problems": issues_json([usage])}))
        raise
    level = {0: logging.WARNING, 1: logging.INFO}.get(args.verbose, logging.DEBUG)
    logging.basicConfig(
        level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr
    )
    try:
        refuse_unusable_paths(args)
        code = int(args.run(args))
        # A report buffered for a file fails here, not in Python's flush at exit (which
        # printed "Exception ignored" and exited 120 after the command had answered 0).
        sys.stdout.flush()
        return code
    except InvalidInputError as exc:
        print_issues(exc.issues)
        errors = len(exc.errors)
        found = "1 problem" if errors == 1 else f"{errors:,} problems"
        # "Solved" was not always true (a full disk on --out comes after the solve), nor a
        # word for generate or validate: written is what a leader needs to know.
        print(f"{found} found; nothing was written.", file=sys.stderr)
        if getattr(args, "json", False):
            # A script reading --json gets one object on stdout here too, not nothing.
            print(json.dumps({"status": "invalid", "problems": issues_json(exc.issues)}))
        return EXIT_INVALID
    except BrokenPipeError:
        # The reader stopped early (``planner scenarios list | head``): not an error.
        # Point stdout at devnull so that Python's exit flush does not fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except KeyboardInterrupt as exc:  # a SIGTERM too (Terminated)
        return stopped(exc, as_json=getattr(args, "json", False))
    except OSError as exc:
        if standard_output_failed(exc):
            output_lost(exc)
            return EXIT_INVALID
        where = f" {escaped(str(exc.filename))}:" if exc.filename else ""
        said = f"{where} {escaped(exc.strerror or str(exc))}.".strip()
        fix = "Check the path, that it is yours to read or write, and the disk."
        print(f"error: {said} Fix: {fix}", file=sys.stderr)
        # A script reading --json gets one object here too, not an empty standard output.
        _json_problem(args, "invalid", said, fix)
        return EXIT_INVALID
    except Exception as exc:
        if interrupted(exc):
            return stopped(exc, as_json=getattr(args, "json", False))
        logging.getLogger(__name__).debug("unexpected error", exc_info=True)
        said = f"internal error ({type(exc).__name__}: {escaped(str(exc))})."
        fix = "This is a bug in Goal Planner: please report it with the command you ran."
        print(f"{said} {fix[:-1]} (-vv shows details).", file=sys.stderr)
        _json_problem(args, "internal error", said, fix)
        return EXIT_BUG


def interrupted(exc: BaseException) -> bool:
    """Whether a Ctrl-C is behind ``exc``: a compiled library's start-up (OR-Tools'
    cp_model_helper) turns one into "ImportError: initialization failed", which read
    "internal error ... This is a bug in Goal Planner", exit 1."""
    return _interrupt_of(exc) is not None


def _interrupt_of(exc: BaseException) -> KeyboardInterrupt | None:
    """The Ctrl-C (or SIGTERM) in ``exc``'s chain of causes, if any."""
    cause: BaseException | None = exc
    for _ in range(20):  # a chain that leads back to itself ends too
        if cause is None or isinstance(cause, KeyboardInterrupt):
            return cause
        cause = cause.__cause__ or cause.__context__
    return None


def _json_problem(args: argparse.Namespace, status: str, message: str, fix: str) -> None:
    """With ``--json``, the one object a script reads: ``status`` and the problem."""
    if getattr(args, "json", False):
        problem = {"severity": "error", "file": None, "row": None, "column": None}
        print(
            json.dumps(
                {"status": status, "problems": [{**problem, "message": message, "fix": fix}]}
            )
        )


def leave_searches_behind(code: int) -> int:
    """``code``, or the process ended at once with it when a stopped search still runs.

    For the program's end only (``planner``, ``python -m planner``), never from
    a caller of :func:`main` that goes on. After a Ctrl-C the command answers
    with the best plan so far while the searches wind down on their threads,
    and HiGHS (on a pure assignment, beside or instead of CP-SAT, or proving a small quarter)
    ignores the stop: it runs to its own time limit. Python then either waited
    for it or, when HiGHS ended while the interpreter was being torn down,
    aborted (``terminate called without an active exception``, exit 134) after
    the plan was written. Every output is written and closed by now (plan files
    atomically, scenarios committed), so the output streams are flushed and the
    process ends without tearing down.
    """
    others = [t for t in threading.enumerate() if t is not threading.main_thread()]
    if not any(t.is_alive() for t in others):
        return code
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a reader gone, a closed stream
            stream.flush()
    os._exit(code)


if __name__ == "__main__":
    # Run as ``python -m planner.interfaces.cli``: use the imported module, where the
    # sub-commands of other modules register themselves, not this copy.
    from planner.interfaces.cli import leave_searches_behind as leave
    from planner.interfaces.cli import main as planner_main

    sys.exit(leave(planner_main()))
