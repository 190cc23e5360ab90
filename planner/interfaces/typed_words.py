"""The command line's words as typed: a flag or a command mistyped, words in another
order (a command's flag or its data before it), help asked for another way, a ``--``
given twice.

argparse reads each without a word of what was meant: these say it, with the command to
type, for :mod:`planner.interfaces.cli`'s parser.
"""

from __future__ import annotations

import argparse
import ast
import difflib
import re
import shlex
from collections.abc import Sequence

from planner.core.identifiers import escaped

#: Settings typed as flags, with their line of settings.toml (its defaults, SPEC).
_SETTINGS_AS_FLAGS = {
    "--seed": "seed = 0 under [solve]",
    "--workers": "workers = 0 under [solve]",
    "--max-utilization": "max_utilization = 1.0 under [capacity]",
    "--max-utilisation": "max_utilization = 1.0 under [capacity]",
}


def flags_meant(words: Sequence[str], command: argparse.ArgumentParser) -> str:
    """ " (did you mean --out?)" for each word that is a flag of ``command`` mistyped."""
    flags = [flag for action in command._actions for flag in action.option_strings]
    typed = [word.split("=")[0] for word in words]
    if "--version" in typed:
        # difflib offers --verbose, which logs more and says no version.
        return " (there is no --version: pip show goal-planner says the version installed)"
    setting = next((w for w in typed if w in _SETTINGS_AS_FLAGS and w not in flags), None)
    if setting is not None and "--settings" in flags:
        # difflib offered `solve --seed` "--baseline", a plan to compare with.
        return (
            f" (there is no {setting}: it is a setting; write {_SETTINGS_AS_FLAGS[setting]} "
            "in the data's settings.toml, or give --settings a file that has it)"
        )
    return "".join(
        in_full(word, flags) or f" (did you mean {close[0]}?)"
        for word in words
        if word.startswith("--")
        and word != "--"  # the end of the flags, no flag mistyped ("did you mean --db?")
        and word.split("=")[0] not in flags  # a flag of its command given before the command
        and (in_full(word, flags) or (close := close_flags(word.split("=")[0], flags)))
    )


#: Characters that look like a hyphen: word processors and chat apps turn a typed `--` into
#: an en or em dash, so a pasted `—time-limit` read "unrecognized arguments" alone.
_DASHES = {
    "\u2010": "hyphen",
    "\u2011": "non-breaking hyphen",
    "\u2012": "figure dash",
    "\u2013": "en dash",
    "\u2014": "em dash",
    "\u2015": "horizontal bar",
    "\u2212": "minus sign",
    "\ufe63": "small hyphen-minus",
    "\uff0d": "full-width hyphen-minus",
}


def dashes_meant(words: Sequence[str], command: argparse.ArgumentParser) -> str:
    """ " (—time-limit begins with an em dash (U+2014) ...: type --time-limit)" for each word
    of ``words`` that is a flag of ``command`` begun with a dash that only looks like one."""
    flags = {flag for action in command._actions for flag in action.option_strings}
    said = ""
    for word in words:
        typed = word.split("=")[0]
        lead = len(typed) - len(typed.lstrip("-" + "".join(_DASHES)))
        odd = [c for c in typed[:lead] if c in _DASHES]
        if not odd:
            continue
        rest = typed[lead:]
        meant = next((f for f in (f"--{rest}", f"-{rest}") if f in flags), None)
        if meant is None:
            continue
        code = f"U+{ord(odd[0]):04X}"
        said += (
            f" ({escaped(typed)} begins with {'an' if _DASHES[odd[0]][0] in 'aeiou' else 'a'} "
            f"{_DASHES[odd[0]]} ({code}), not the hyphens of a flag (a text editor may have "
            f"made it of --): type {meant})"
        )
    return said


#: How alike a mistyped flag and a flag are, their dashes left out, to offer it (difflib's
#: ratio): --ot, --jsn, --hlep, --projecs, --output (0.67) are offered their flag.
_CLOSE = 0.65


def close_flags(typed: str, flags: Sequence[str]) -> list[str]:
    """The flag of ``flags`` closest to ``typed``, if one is close, compared without the
    dashes every flag starts with: with them, `--bogus` read "(did you mean --out?)" (the
    shared '--' made them 67 % alike), as did --foo (--force) and --quiet (--out)."""
    bare = {flag.lstrip("-"): flag for flag in flags if flag.startswith("--")}
    close = difflib.get_close_matches(typed.lstrip("-"), list(bare), n=1, cutoff=_CLOSE)
    return [bare[name] for name in close]


def in_full(word: str, flags: Sequence[str]) -> str:
    """ " (did you mean --name or --note? a flag is written in full)" for ``word`` the start
    of flags of ``flags``: argparse took a flag's start for it, so `sweep --step 3` planned 3
    points; difflib offered `save --n` only --note."""
    typed = word.split("=")[0]
    if len(typed) < 3:
        return ""
    whole = sorted({flag for flag in flags if flag.startswith(typed) and flag != typed})
    if not whole:
        return ""
    return f" (did you mean {' or '.join(whole)}? a flag is written in full)"


def flags_before(
    words: Sequence[str], extras: Sequence[str], command: argparse.ArgumentParser
) -> str:
    """ " (--json goes after the command: planner solve data --json)" for the words of
    ``extras`` that are ``command``'s own flags typed before its name: `planner --json solve
    data` read "unrecognized arguments: --json (did you mean --json?)"."""
    flags = {flag for action in command._actions for flag in action.option_strings}
    name = command.prog.split()[-1]
    if name not in words:
        return ""
    at = list(words).index(name)
    early = [w for w in extras if w.split("=")[0] in flags and w in words[:at]]
    if not early:
        return ""
    rest = list(words)
    for word in early:
        rest.remove(word)
    # Given after the command too (`planner --json solve data --json`): said once.
    line = shlex.join([command.prog.split()[0], *rest, *(w for w in early if w not in rest)])
    return f" ({' '.join(early)} goes after the command: {line})"


#: Words typed for the help where a command goes: `planner help solve`.
_HELP = frozenset({"help", "-help", "h", "?"})
#: argparse's words for a command that is not one: "invalid choice: 'sovle' (choose from".
_INVALID_CHOICE = re.compile(r"invalid choice: (.*) \(choose from ", re.DOTALL)


def command_meant(parser: argparse.ArgumentParser, words: Sequence[str], message: str) -> str:
    """What was meant when a word was read as ``parser``'s command and is none: a command
    misspelt (`planner sovle data`), one of its flags typed before it (`planner --time-limit 5
    solve data` read "invalid choice: '5'") or the command after its data (`planner data
    solve`); with the line to type."""
    if message.startswith("argument -h/--help: ignored explicit argument"):
        return f" (help is --help, with two dashes: {parser.prog} --help)"  # `-help`
    found = _INVALID_CHOICE.search(message)
    commands = [
        list(action.choices)
        for action in parser._actions
        if isinstance(action, argparse._SubParsersAction)
    ]
    if found is None or not commands:
        return ""
    try:
        bad = str(ast.literal_eval(found.group(1)))
    except (ValueError, SyntaxError):
        return ""
    words = list(words)
    prog = parser.prog.split()
    start = words.index(prog[-1]) + 1 if len(prog) > 1 and prog[-1] in words else 0
    if bad not in words[start:]:
        return ""
    at = words.index(bad, start)
    later = next((i for i in range(at + 1, len(words)) if words[i] in commands[0]), None)
    known = {*parser._option_string_actions, "-v", "-vv"}
    flags = [i for i in range(start, at) if words[i].startswith("-") and words[i] not in known]
    if bad.strip().lower() in _HELP and later is not None:
        return f" ({shlex.join([prog[0], *words[:at], words[later]])} --help lists its arguments)"
    started = [(i, whole) for i in flags if (whole := in_full(words[i], [*known, "--verbose"]))]
    if started:
        # `planner scenarios --d s.duckdb list` read "--d is an option of the command": it is
        # the start of scenarios' own --db, which argparse no longer takes for it.
        return started[0][1]
    if later is not None and flags:
        moved = words[flags[0] : later]
        line = [prog[0], *words[: flags[0]], words[later], *words[later + 1 :], *moved]
        named = " and ".join(words[i].split("=")[0] for i in flags)
        one = "an option" if len(flags) == 1 else "options"
        return f" ({named} is {one} of the command: it goes after it: {shlex.join(line)})"
    if later is not None:
        line = [prog[0], *words[:at], words[later], *words[at:later], *words[later + 1 :]]
        return f" (the command comes first: {shlex.join(line)})"
    if bad.strip().lower() in _HELP:
        said = f"{parser.prog} --help lists the commands; {parser.prog} COMMAND --help"
        return f" ({said} a command's arguments)"
    close = difflib.get_close_matches(bad.strip().lower(), commands[0], n=1, cutoff=0.6)
    if not close:
        return ""
    line = [prog[0], *words[:at], close[0], *words[at + 1 :]]
    return f" (did you mean '{close[0]}'? {shlex.join(line)})"


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
