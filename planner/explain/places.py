"""Where a leader makes a fix, in the words of the one who reads it.

The explanations are written once, naming the file and column a fix goes in
("give Brand more hours in those weeks (calendar.csv)"): right for the CLI's
reader, who edits the data folder. The app's reader edits the Data page's
tables and knows no file or column names, so the app says the same sentences
through :func:`for_reader`.
"""

from __future__ import annotations

import re
import shlex
from typing import Literal

from planner.core.editing import HEADINGS
from planner.core.tables import PROJECTS

#: Who reads a sentence: the CLI's user (files and columns) or the app's (the Data page).
Reader = Literal["cli", "app"]


def _heading(column: str) -> str:
    """A column of the Projects table as the Data page's grid heads it, in quotes."""
    return f'"{HEADINGS[PROJECTS][column][0]}"'


#: Each place as the sentences name it for the CLI, and as the app says it: the Data
#: page's grid headings ("its duration" and "its earliest and due weeks" were words the
#: Projects table never shows).
_IN_PROJECTS = "on the Data page's Projects table"
APP_PLACES = {
    "(calendar.csv)": "(the team's weeks on the Data page's Calendar table)",
    "(duration_weeks)": f"(its {_heading('duration_weeks')} {_IN_PROJECTS})",
    "(earliest_week to due_week)": f"(its {_heading('earliest_week')} and "
    f"{_heading('due_week')} {_IN_PROJECTS})",
    "(earliest_week, duration_weeks)": f"(its {_heading('earliest_week')} and "
    f"{_heading('duration_weeks')} {_IN_PROJECTS})",
    "(due_week)": f"({_IN_PROJECTS})",
}
#: The CLI's ``--unlock ID`` after "let ... move" (:func:`let_move`); the app's Check-in
#: ticks the project's "May move" box in its Projects table. The id is as a shell takes it
#: (:func:`shlex.quote`): a plain run of safe characters, or quoted ("AW(01)" and "X) Y" are
#: valid ids: unquoted, the flag ended at their own bracket and the app read "... table) Y)").
_UNLOCK = re.compile(r""" \(--unlock (?:[\w@%+=:,./-]+|'(?:[^']|'"'"')*')\)""", re.ASCII)
_MAY_MOVE = ' (tick "May move" in the Projects table)'


def let_move(what: str, project_id: str) -> str:
    """The fix that lets work in progress change team, in one wording for both readers:
    "let 'Webinars' move (--unlock W1)", the app's "(tick "May move" in the Projects
    table)" (:func:`for_reader`). The CLI said "unlock 'Webinars'" where the app said
    'Tick "May move" for 'Webinars'': two wordings of one fix. An id a shell would split
    or refuse is quoted ("--unlock 'AW(01)'"), so that it pastes back as that one id."""
    return f"let {what} move (--unlock {shlex.quote(project_id)})"


def for_reader(sentence: str, reader: Reader) -> str:
    """``sentence`` with the places it names as ``reader`` finds them.

    Examples
    --------
    >>> for_reader("Give Brand more hours in those weeks (calendar.csv).", "app")
    "Give Brand more hours in those weeks (the team's weeks on the Data page's Calendar table)."
    >>> for_reader("Give it more weeks (duration_weeks).", "cli")
    'Give it more weeks (duration_weeks).'
    >>> print(for_reader("Let 'Webinars' move (--unlock W1) so that Content takes it.", "app"))
    Let 'Webinars' move (tick "May move" in the Projects table) so that Content takes it.
    """
    if reader == "cli":
        return sentence
    for files, app in APP_PLACES.items():
        sentence = sentence.replace(files, app)
    return _UNLOCK.sub(lambda _match: _MAY_MOVE, sentence)
