"""A data file's columns Goal Planner does not know: each warned of, with the known
column it is likely a typo of.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Sequence

from planner.core.cells import NAME_SHOWN
from planner.core.errors import InputIssue, Severity, clipped
from planner.core.identifiers import escaped, form_alike, invisible_characters
from planner.core.shown_figures import first_few
from planner.core.tables import issue

#: Unknown columns named one by one (each with a likely typo's fix); the rest as one warning.
_UNKNOWN_NAMED = 10


#: How alike a column must be to a known one (or to a word of it: 'efort' to effort_hours'
#: 'effort') to be offered as its typo. At 0.5 against the whole name, 'notes' was offered
#: 'stages' (0.55) and 'efort' 'effort_hours' (0.59): the first no one meant.
_TYPO_CUTOFF = 0.75


def _typo_of(column: str, known: Sequence[str]) -> list[str]:
    """The known column ``column`` is most likely a typo of, alone in a list; none if no
    known name, nor any word of one of four letters or more, is that alike."""
    folded = column.strip().lower()
    best, score = "", _TYPO_CUTOFF
    for name in known:
        words = [name, *(w for w in name.split("_") if len(w) >= 4 and w != name)]
        alike = max(difflib.SequenceMatcher(None, folded, w).ratio() for w in words)
        if alike >= score and (alike > score or not best):
            best, score = name, alike
    return [best] if best else []


def unknown_columns(file: str, columns: Sequence[str], known: Sequence[str]) -> list[InputIssue]:
    """A warning per column of ``file`` that is not in ``known``; past the first ten, one.

    Unknown columns are kept but not used. A header of 50,000 of them gave
    50,000 warnings (9 MB on the terminal): the first ten are named, each with
    the known column it may be a typo of, and the others together.
    """
    unknown = [c for c in columns if c not in known]
    listed = ", ".join(known)
    issues = []
    for column in unknown[:_UNKNOWN_NAMED]:
        close = _typo_of(column, known)
        hint = (
            f"Did you mean '{close[0]}'? "
            if close
            else "Nothing to do if it holds your own notes; to have it read, rename it to "
            "one of the known columns. "
        )
        hidden = invisible_characters(column)
        if hidden:
            # 'team_id' is not a column Goal Planner knows; did you mean 'team_id'?
            bare = "".join(c for c in column if c not in hidden)
            hint = f"Retype it as '{bare}': " if bare in known else "Retype it: "
            hint += "it holds a character nobody can see. "
        elif (meant := unicodedata.normalize("NFKC", column).lower()) in known:
            # 'ｔｅａｍ_ｉｄ', typed with an input method's full-width letters, was offered
            # no known column: difflib finds nothing alike in other characters.
            close = [meant]
            form = form_alike(column, meant) or "another form of the characters"
            hint = f"Retype it as '{meant}': it is written in {form}. "
        shown = clipped(escaped(column), NAME_SHOWN)
        # 'due week' for due_week: the plan ran every project to the quarter's end.
        empty = (
            f" No column is named {close[0]}, so {close[0]} is empty on every row."
            if (close and close[0] not in columns)
            else ""
        )
        issues.append(
            issue(
                file,
                1,
                shown,
                f"the column '{shown}' is not one Goal Planner knows; it is kept but not used."
                + empty,
                f"{hint}Known columns: {listed}.",
                Severity.WARNING,
            )
        )
    rest = unknown[_UNKNOWN_NAMED:]
    if rest:
        issues.append(
            issue(
                file,
                1,
                clipped(rest[0], NAME_SHOWN),
                f"{len(rest):,} more columns "
                f"({first_few([repr(clipped(c, NAME_SHOWN)) for c in rest])}) are not "
                "ones Goal Planner knows; they are kept but not used.",
                f"Delete the columns you do not need. Known columns: {listed}.",
                Severity.WARNING,
            )
        )
    return issues
