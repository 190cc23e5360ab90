"""Where a session's inputs came from, kept in its parts, and the words the pages give it.

The folder, workbook or scenario opened, each table uploaded since (its latest file), and
whether an edit was applied: "bundled sample (data/sample), teams.csv from uploaded teams
(fixed).csv, edited". Kept as parts: read back from its own words, a file named "teams,
edited.csv" cut the line at its ", edited" when teams.csv was uploaded again, and its
"edited" read as an edit applied, so the next edit went unsaid.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

#: What an applied edit adds to the words of where the inputs came from.
EDITED = ", edited"


@dataclass(frozen=True)
class InputSource:
    """Where the inputs came from: ``opened``, the tables ``uploads`` since (table, file
    name), and whether an edit was applied (``edited``)."""

    opened: str
    uploads: tuple[tuple[str, str], ...] = ()
    edited: bool = False

    @classmethod
    def from_text(cls, text: str) -> InputSource:
        """A source known only by its words (a folder, a scenario, the sample, work kept
        over a reload): those words opened, an edit said at their end."""
        opened = text.removesuffix(EDITED)
        return cls(opened, edited=opened != text)

    def upload(self, table: str, name: str) -> InputSource:
        """With ``table`` uploaded as ``name``: a table uploaded again is named once, as
        its latest file ("teams.csv from uploaded teams (fixed).csv")."""
        kept = tuple((t, n) for t, n in self.uploads if t != table)
        return replace(self, uploads=(*kept, (table, name)))

    def text(self) -> str:
        """The words: what was opened, each upload, and ", edited" after an edit."""
        uploads = "".join(f", {table} from uploaded {name}" for table, name in self.uploads)
        return f"{self.opened}{uploads}{EDITED if self.edited else ''}"
