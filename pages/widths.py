"""Column widths the pages share: a table's Team column as wide as the names it holds.

Not a page: app.py routes only the pages in ``pages.common.PAGES``.
"""

from __future__ import annotations

from collections.abc import Iterable

#: The Team column's width in px for the sample's longest team name ("Product Marketing",
#: 17 characters), within the 766 px of a 1024 px window beside the open sidebar.
TEAM_PX = 116
#: A longer name takes this many px a character more, up to TEAM_MAX_PX, from the column
#: that gives room (the project's name): at 40 teams "Product Marketing, NA West" read
#: "Product Marketing, NA" on every row of the Plan page's Assignments and the Export's
#: preview.
TEAM_PX_PER_CHARACTER = 7
TEAM_MAX_PX = 190
_SAMPLE_LONGEST = len("Product Marketing")


def team_width(names: Iterable[str]) -> int:
    """The Team column's width in px for these team names."""
    longest = max((len(name) for name in names), default=0)
    return min(TEAM_MAX_PX, TEAM_PX + max(0, longest - _SAMPLE_LONGEST) * TEAM_PX_PER_CHARACTER)
