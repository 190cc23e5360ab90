"""How an explanation's sentences are written: a fix said ahead of the lines it speaks of
(:class:`Ahead`) and a result without a plan made of them, a reason as a sentence or a
table's cell, a project's name, and lists of names."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from planner.core.domain import Problem, Result, Status
from planner.core.shared_words import joined


@dataclass(frozen=True)
class Ahead:
    """A sentence said ahead of the lines it speaks of, in both the forms its builder wrote:
    ``text`` among the lines ("One change fixes the 3 conflicts below: X."), and ``alone``
    on a line of its own, where nothing follows it ("... in the way of a plan: X."; a
    sweep's row shows one sentence).

    A value, not a string: a page, the CLI and the store read ``text``
    (:func:`among_lines`), a sweep's row reads ``alone`` (:func:`on_its_own`), and
    neither is made from the other.
    """

    text: str
    alone: str


#: A sentence of an explanation: plain words, or a fix said ahead of the lines after it.
Sentence = str | Ahead


def one_change_fixes(conflicts: str, change: str, *, label: str = "") -> Ahead:
    """A fix said once ahead of the conflicts it fixes: "One change fixes the 3 conflicts
    below: X.", and on a line of its own, where no conflict follows it, "One change fixes
    the 3 conflicts in the way of a plan: X." (``conflicts``: "the 3 conflicts", "2 of the
    week conflicts"; :mod:`planner.explain.weeks` says it of week conflicts too).
    ``label`` heads both forms ("Change 1: ") where several such fixes are said."""
    return Ahead(
        f"{label}One change fixes {conflicts} below: {change}.",
        f"{label}One change fixes {conflicts} in the way of a plan: {change}.",
    )


def among_lines(sentences: Iterable[Sentence]) -> list[str]:
    """The sentences as they read one after another (a page's list, the CLI, the store)."""
    return [s.text if isinstance(s, Ahead) else s for s in sentences]


def on_its_own(sentence: Sentence) -> str:
    """``sentence`` as it reads on a line of its own: the form its builder wrote for that
    when it points at lines after it (:class:`Ahead`), else the sentence itself."""
    return sentence.alone if isinstance(sentence, Ahead) else sentence


def without_plan(
    status: Status, runtime_s: float, sentences: Sequence[Sentence], num_variables: int = 0
) -> Result:
    """A result without a plan, its reasons ``sentences`` as they read one after another,
    and its first as it reads on a line of its own (``Result.first_alone``) where its
    builder wrote another form for that."""
    reasons = tuple(among_lines(sentences))
    result = Result.without_plan(status, runtime_s, reasons, num_variables)
    first = on_its_own(sentences[0]) if sentences else ""
    return replace(result, first_alone=first) if reasons and first != reasons[0] else result


def project_name(problem: Problem, project_id: str) -> str:
    """The project's name in quotes: ``'Spring webinar'``."""
    return f"'{problem.project(project_id).name}'"


def join_names(items: Sequence[str]) -> str:
    """``A``, ``A and B``, ``A, B and C`` (``A; B and C`` when a name has a comma)."""
    return joined(items, "; " if any("," in item for item in items) else ", ")


#: Sentences that start with one of these words get a capital; others start with a name.
_OWN_WORDS = frozenset(
    [
        "a",
        "add",
        "adding",
        "allow",
        "capacity",
        "change",
        "even",
        "give",
        "it",
        "its",
        "let",
        "lift",
        "make",
        "mandatory",
        "no",
        "plan",
        "put",
        "the",
        "there",
        "these",
        "unlock",
        "unpin",
        "why",
    ]
)


def as_sentence(text: str) -> str:
    """The text as a sentence: a full stop, a capital when its first word is in ``_OWN_WORDS``."""
    text = text.strip()
    if not text:
        return text
    if text.split(" ", 1)[0] in _OWN_WORDS:
        text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


def as_cell(problem: Problem, text: str) -> str:
    """A reason as a table cell shows it: a sentence, with a capital and a full stop.

    The reason itself stays as written ("it depends on 'Expo', which is not in the
    plan"), since sentences embed it after a colon or "because"; a table's cell reads
    "It depends on 'Expo', which is not in the plan." A reason that starts with a name
    keeps the name as written (a team called "sdr" stays "sdr").
    """
    return as_cells(problem, [text])[0]


def as_cells(problem: Problem, texts: Iterable[str]) -> list[str]:
    """:func:`as_cell` of each of ``texts``, the names a reason may start with read once (a
    plan.xlsx at 150 teams x 1,500 projects has 1,500 reasons, 316 names and ids each)."""
    names = [n for t in problem.teams for n in (t.name, t.team_id)]
    names += [n for g in problem.goals for n in (g.name, g.goal_id)]
    named = tuple(n for n in names if n)
    cells = []
    for text in texts:
        text = text.strip()
        if text:
            if text[0].islower() and not text.startswith(named):
                text = text[0].upper() + text[1:]
            if not text.endswith((".", "!", "?")):
                text += "."
        cells.append(text)
    return cells


def at_most(items: Sequence[str], n: int) -> list[str]:
    """The first ``n`` items, then "k more" for the rest (ready for :func:`join_names`)."""
    shown = list(items[:n])
    if len(items) > n:
        shown.append(f"{len(items) - n} more")
    return shown
