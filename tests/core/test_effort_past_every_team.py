"""A project's hours past every team's quarter (attack round 24).

effort_hours 45658 (1 January 2025 as a spreadsheet stores it, in a column formatted as
dates) validated as hours; the project was only left out of the plan, "no team has the
hours". The rule: the hours one team would carry (the whole effort, a joint project's
larger share) past the most any team has in the quarter, times its multiplier, is a
warning on its effort_hours; a date's number is said to be one.
"""

from __future__ import annotations

import pytest
from builders import SAMPLE, sample_copy, set_cell

from planner.core.loading import load_with_warnings

# The sample's largest quarter is Demand Gen's 1,378.51 h (its calendar weeks); row 2 is
# AW-01 (Content, 340 h).
MOST = "1,379 h"


def effort_warnings(tmp_path, effort: str, settings: str = ""):
    data = sample_copy(tmp_path)
    set_cell(data / "projects.csv", 2, "effort_hours", effort)
    if settings:
        toml = (data / "settings.toml").read_text(encoding="utf-8")
        head = "[capacity.multipliers]"
        lines = [settings if line.startswith(head) else line for line in toml.splitlines()]
        (data / "settings.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    loaded = load_with_warnings(data)
    return [w for w in loaded.warnings if w.column == "effort_hours"]


def test_a_date_stored_as_a_number_for_hours_is_warned_as_both(tmp_path):
    (warning,) = effort_warnings(tmp_path, "45658")
    assert (warning.file, warning.row) == ("projects.csv", 2)
    assert (
        f"45658 hours is more than any team has in the quarter (the most: Demand Gen, {MOST})"
    ) in warning.message, warning.message
    assert "stores the date 1 January 2025" in warning.message, warning.message
    assert "format the column as numbers" in warning.fix


@pytest.mark.parametrize(("effort", "warned"), [("1378.5", False), ("1378.6", True)])
def test_hours_past_the_largest_team_are_warned_at_the_edge(tmp_path, effort, warned):
    said = effort_warnings(tmp_path, effort)
    assert bool(said) is warned, said
    assert all("stores the date" not in w.message for w in said)


def test_a_multiplier_that_gives_a_team_the_hours_is_counted(tmp_path):
    """Demand Gen x 2 has 2,758 h: 2,000 h fit it."""
    extra = '[capacity.multipliers]\n"demand-gen" = 2.0'
    assert effort_warnings(tmp_path, "2000", extra) == []


def test_the_sample_has_no_such_project():
    assert [w for w in load_with_warnings(SAMPLE).warnings if w.column == "effort_hours"] == []
