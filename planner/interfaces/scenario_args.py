"""A ``planner scenarios`` command's arguments, as every such command takes them: a
mistake in them, reported as invalid input (:class:`Invalid`), a name shown as typed
(``shown``) and the ``--json`` flag's help."""

from __future__ import annotations

from planner.core.identifiers import escaped


class Invalid(Exception):
    """A mistake in the command's arguments, reported as invalid input (exit 2)."""


#: Text for a terminal: exact, except control and invisible characters escaped.
shown = escaped


JSON_HELP = (
    'print one JSON object (errors too: {"status": "invalid", ...}, or "storage unavailable"'
    " when the scenario database cannot be used)"
)
