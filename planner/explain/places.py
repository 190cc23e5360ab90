"""Where a leader makes a fix, in the words of the one who reads it.

The explanations are written once, naming the file and column a fix goes in
("give Brand more hours in those weeks (calendar.csv)"): right for the CLI's
reader, who edits the data folder. The app's reader edits the Data page's
tables and knows no file or column names, so the app says the same sentences
through :func:`for_reader`.
"""

from __future__ import annotations

import re
from typing import Literal

#: Who reads a sentence: the CLI's user (files and columns) or the app's (the Data page).
Reader = Literal["cli", "app"]

#: Each place as the sentences name it for the CLI, and as the app says it.
APP_PLACES = {
    "(calendar.csv)": "(the team's weeks on the Data page's Calendar table)",
    "(duration_weeks)": "(its duration on the Data page's Projects table)",
    "(earliest_week to due_week)": "(its earliest and due weeks on the Data page's Projects table)",
    "(earliest_week, duration_weeks)": "(its earliest week and duration on the Data page's "
    "Projects table)",
    "(due_week)": "(on the Data page's Projects table)",
}
#: "unlock 'X'" or "unlock it": the CLI's ``--unlock``; the app's Check-in ticks the
#: project's "May move" box (its "Unlock" column was renamed, and its reasons kept the word).
_UNLOCK = re.compile(r"\b([Uu])nlock (it\b|'[^']*')")


def _may_move(match: re.Match[str]) -> str:
    tick = "Tick" if match.group(1) == "U" else "tick"
    return f'{tick} "May move" for {match.group(2)}'


def for_reader(sentence: str, reader: Reader) -> str:
    """``sentence`` with the places it names as ``reader`` finds them.

    Examples
    --------
    >>> for_reader("Give Brand more hours in those weeks (calendar.csv).", "app")
    "Give Brand more hours in those weeks (the team's weeks on the Data page's Calendar table)."
    >>> for_reader("Give it more weeks (duration_weeks).", "cli")
    'Give it more weeks (duration_weeks).'
    >>> print(for_reader("Unlock 'Webinars' so that Content may hand it over.", "app"))
    Tick "May move" for 'Webinars' so that Content may hand it over.
    """
    if reader == "cli":
        return sentence
    for files, app in APP_PLACES.items():
        sentence = sentence.replace(files, app)
    return _UNLOCK.sub(_may_move, sentence)
