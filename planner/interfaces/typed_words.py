"""The command line's words as typed: a flag mistyped, a ``--`` given twice.

argparse reads both without a word of what was meant: these say it, with the command to
type, for :mod:`planner.interfaces.cli`'s parser.
"""

from __future__ import annotations

import argparse
import difflib
from collections.abc import Sequence

from planner.core.text import escaped


def flags_meant(words: Sequence[str], command: argparse.ArgumentParser) -> str:
    """ " (did you mean --out?)" for each word that is a flag of ``command`` mistyped."""
    flags = [flag for action in command._actions for flag in action.option_strings]
    return "".join(
        f" (did you mean {close[0]}?)"
        for word in words
        if word.startswith("--")
        and word != "--"  # the end of the flags, no flag mistyped ("did you mean --db?")
        and (close := difflib.get_close_matches(word.split("=")[0], flags, n=1))
    )


#: How the error for a second ``--`` starts.
TWICE = "'--' is given twice"


def dashed_twice(words: Sequence[str]) -> bool:
    """Whether ``--`` comes again after the first ``--``, which argparse reads as nothing."""
    return "--" in words and "--" in words[words.index("--") + 1 :]


def twice_dashed(command: argparse.ArgumentParser, args: argparse.Namespace | None) -> str:
    """A second ``--``, what was read and what to type: `planner explain data -- --` explained
    the whole plan, the second `--` read as no project id at all."""
    positionals = [
        action.dest
        for action in command._actions
        if not action.option_strings and not isinstance(action, argparse._SubParsersAction)
    ]
    if not positionals:  # `planner -- --`: "invalid choice: '--'" already says it
        return ""
    values = [getattr(args, dest, None) if args is not None else None for dest in positionals]
    said = TWICE
    if args is not None:
        read = [
            f"{dest.upper()} '{value}'" if value else f"no {dest.upper()}"
            for dest, value in zip(positionals, values, strict=True)
        ]
        said += f": this read {' and '.join(read)}"
    # The example keeps what was read before the last positional, which goes after '--'.
    before = [
        str(value) if value and value != "--" else dest.upper()
        for dest, value in zip(positionals[:-1], values[:-1], strict=True)
    ]
    example = " ".join([command.prog, *before, "--", *(d.upper() for d in positionals[-1:])])
    return escaped(f"{said}. Fix: Give '--' once: {example}")
