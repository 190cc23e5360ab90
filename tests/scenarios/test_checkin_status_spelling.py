"""A project's status in a check-in as a leader types it.

`"AW-02" = "Done"` and `{ status = "in progress", percent_done = 40 }` were refused
("'Done' is not a project status"), though the data files take booleans in any case.
"""

from __future__ import annotations

import pytest

from planner.core.errors import InvalidInputError
from planner.scenarios.checkin import ProjectStatus
from planner.scenarios.checkin_toml import parse_checkin

HEAD = "weeks_elapsed = 6\n[projects]\n"


@pytest.mark.parametrize(
    ("typed", "status"),
    [
        ('"Done"', ProjectStatus.DONE),
        ('" DROPPED "', ProjectStatus.DROPPED),
        ('"not started"', ProjectStatus.NOT_STARTED),
        ('"Not-Started"', ProjectStatus.NOT_STARTED),
        ('{ status = "In Progress", percent_done = 40 }', ProjectStatus.IN_PROGRESS),
    ],
)
def test_a_status_in_any_case_or_with_a_space_reads(typed, status):
    checkin = parse_checkin(HEAD + f'"AW-02" = {typed}\n')
    assert checkin.projects["AW-02"].status is status


@pytest.mark.parametrize("typed", ['"finished"', '"in_progres"', "5"])
def test_a_status_that_is_none_of_them_is_still_refused(typed):
    with pytest.raises(InvalidInputError) as info:
        parse_checkin(HEAD + f'"AW-02" = {typed}\n')
    assert "not a project status" in info.value.errors[0].message
