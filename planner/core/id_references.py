"""A reference to an id that its file lacks, in words: the ids one data file writes
(:class:`Ids`), and what a reference to another is likely to mean (another case, a
name, a rename, a formula with no saved result, a character nobody sees).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cached_property

from planner.core.cells import NAME_SHOWN, Row
from planner.core.errors import clipped
from planner.core.identifiers import (
    closest_id,
    escaped,
    form_alike,
    id_key,
    invisible_characters,
    look_alike,
    same_numbers,
)

#: Unknown references to one file's ids offered the closest id (the rest only the fix):
#: one search of 10,000 project ids takes about 20 ms, so 20 of them take 0.4 s.
HINTED = 20


class Ids(frozenset[str]):
    """The ids written in one data file; :meth:`unknown` words a reference to one it lacks.

    ``names`` (set by whoever reads the file) maps each display name, case-folded, to
    its id: a reference written as the name ('Account Management' for ``am``) is named.
    """

    names: Mapping[str, str] = {}
    #: The one id the other files still write for the one id of this file nothing refers
    #: to ('mid-market' -> 'mm-ae'): set by :meth:`referred_to`.
    renamed: Mapping[str, str] = {}
    #: How many unknown ids :meth:`unknown` has looked for a close id for.
    asked = 0

    @classmethod
    def written(cls, rows: Iterable[Mapping[str, str]], column: str) -> Ids:
        """The ids in ``column`` of ``rows`` (each row's cells), with their ``names``.

        A name two rows share names no one id, so it is left out.
        """
        rows = list(rows)
        ids = cls(cells[column] for cells in rows if cells.get(column))
        named: dict[str, set[str]] = {}
        for cells in rows:
            if cells.get("name") and cells.get(column):
                named.setdefault(cells["name"].casefold(), set()).add(cells[column])
        ids.names = {name: min(found) for name, found in named.items() if len(found) == 1}
        return ids

    def referred_to(self, references: Iterable[str], *, closest: bool = False) -> None:
        """Note every id the other files write for one of these (``references``): when
        exactly one of these ids is written nowhere and exactly one written id is not
        among them (nor one of them in another case, nor a name), the id was renamed in
        this file only, and :meth:`unknown` asks so. Anything less sure asks nothing.

        ``closest``: for ids most of which nothing refers to (projects: few have an
        estimate, a rule or a dependant), of the ids written nowhere the one spelled
        closest to the unknown id ('AW-2' for 'AW-02'), when it is close and closer than
        any other ('AW-12' is as close as 'AW-01' and 'AW-03': no question), even when it
        is the only one written nowhere ('P3' for 'P9': no question)."""
        written = {r for r in references if r}
        unused, stray = self - written, written - self
        if len(stray) != 1 or not unused:
            return
        (old,) = stray
        if id_key(old) in self._by_folded or old.casefold() in self.names:
            return
        if (same := same_numbers(old, self)) is not None:
            # 'AW-2' for 'AW-02' (another's near twin when AW-02 is written elsewhere too)
            if same in unused:
                self.renamed = {old: same}
            return
        if closest:
            # Nothing referring to a project is common: being the one unused is no sign.
            if (near := closest_id(old, unused)) is None:
                return
            new = near
        elif len(unused) == 1:
            (new,) = unused
        else:
            return
        self.renamed = {old: new}

    @cached_property
    def _by_folded(self) -> dict[str, str]:
        folded: dict[str, str] = {}
        for ident in sorted(self):
            folded.setdefault(id_key(ident), ident)
        return folded

    @cached_property
    def _formulas(self) -> list[str]:
        """The ids that are a formula's text (``="sd"&"r"``): a formula with no saved result."""
        return sorted(i for i in self if i.startswith("="))

    def unknown(self, what: str, ident: str, file: str, fix: str) -> tuple[str, str]:
        """The message and the fix for ``ident``, a reference to a ``what`` that ``file``
        lacks. Ids are compared exactly: one written in another case ('aw-02', 'Visitors')
        names the id the file has, where "add it to the file" would make a second one."""
        # An id of 10,000 characters is named by its ends, not quoted whole on one line.
        shown = clipped(ident, NAME_SHOWN)
        message = f"the {what} '{shown}' is not in {file}"
        same = self._by_folded.get(id_key(ident))
        named = self.names.get(ident.casefold())
        if same is None and named is not None:
            return (
                f"{message}: '{shown}' is the name of the {what} '{named}', and a reference "
                "names it by its id.",
                f"Write '{named}'.",
            )
        formulas = self._formulas
        if same is None and named is None and formulas:
            # A formula with no saved result stands as an id: "did you rename 'sdr' to
            # '="sd"&"r"'? Fix: Write '="sd"&"r"'" asked for the formula's text.
            renamed = self.renamed.get(ident, "")
            formula = renamed if renamed.startswith("=") else formulas[0]
            return (
                f"{message}, where the id that may be '{shown}' is the formula "
                f"{clipped(formula, NAME_SHOWN)}, whose result was not saved.",
                f"Open the file in Excel or LibreOffice and save it, so that the result "
                f"is stored, or type '{shown}' in {file} in place of the formula.",
            )
        if same is None and ident in self.renamed:
            new = self.renamed[ident]
            if invisible_characters(new) and not invisible_characters(ident):
                # 'sd\x0br' for 'sdr': "Write 'sd\x0br'" asked for the id refused on its row.
                return self._hidden(message, new, ident, file)
            alike = f" They read alike, but {unlike}." if (unlike := look_alike(ident, new)) else ""
            return (
                f"{message}: did you rename '{shown}' to '{new}'?{alike} Nothing refers to "
                f"'{new}'.",
                f"Write '{new}', or rename it back to '{shown}' in {file}.",
            )
        if same is None and (near := self._near(ident)) is not None:
            # 'visitor' for 'visitors', 'demand-gn' for 'demand-gen': the id meant, as
            # the check-in, a baseline plan and the settings' multipliers ask it.
            otherwise = fix[:1].lower() + fix[1:]
            return (
                f"{message}: did you mean '{escaped(near)}'?",
                f"Write '{escaped(near)}' if that is the one meant; otherwise {otherwise}",
            )
        if same is None:
            return f"{message}.", fix
        if invisible_characters(same) and not invisible_characters(ident):
            return self._hidden(message, same, ident, file)
        if (hidden := invisible_characters(ident)) and not invisible_characters(same):
            # 'AW-04\u200b' for 'AW-04' read "ids are compared exactly, upper and lower case too".
            chars = ", ".join(dict.fromkeys(escaped(c) for c in hidden))
            said = f"this reference holds a character nobody can see ({chars})"
            return f"{message}, which has '{same}': {said}.", f"Write '{same}'."
        too = form_alike(ident, same) or "upper and lower case"
        return (
            f"{message}, which has '{same}': ids are compared exactly, {too} too.",
            f"Write '{same}'.",
        )

    def _near(self, ident: str) -> str | None:
        """The id spelled closest to ``ident`` (:func:`closest_id`), for the first
        :data:`HINTED` unknown ids asked about."""
        self.asked += 1
        return closest_id(ident, self) if self.asked <= HINTED else None

    @staticmethod
    def _hidden(message: str, same: str, ident: str, file: str) -> tuple[str, str]:
        """``file`` has ``same``, ``ident`` with a character nobody can see: that id is
        refused at its own row, and the reference is the one to keep."""
        chars = ", ".join(dict.fromkeys(escaped(c) for c in invisible_characters(same)))
        return (
            f"{message}, which has '{escaped(same)}', an id refused for a character "
            f"nobody can see ({chars}).",
            f"Retype that id in {file} as '{clipped(ident, NAME_SHOWN)}'; this reference is right.",
        )

    def refer(self, row: Row, column: str, what: str, ident: str, file: str, fix: str = "") -> None:
        """Say on ``row`` that ``ident``, a reference to a ``what``, is not among these ids.

        ``fix`` by default: use an id from ``file``, or delete the row (an estimate, rule or
        calendar row of a team or project removed from ``file``, which read only "Use a
        team_id from teams.csv").
        """
        fix = fix or (
            f"Use a {column} from {file} (ids are compared exactly), or delete the row if that "
            f"{what} is gone."
        )
        row.error(column, *self.unknown(what, ident, file, fix))


class MissingIds(Ids):
    """The ids of a file whose id column is missing: every reference into it would fail.

    Those would be follow-on problems of the one missing column (every rule naming an
    "unknown" team when teams.csv has no team_id), so they are counted in ``held``,
    not told: the missing column is said first, with how many were held back.
    """

    held = 0

    def refer(self, row: Row, column: str, what: str, ident: str, file: str, fix: str = "") -> None:
        self.held += 1
