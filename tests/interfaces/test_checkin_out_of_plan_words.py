"""What a check-in takes out of the plan, counted in the same words in the text and on the page.

The sample at week 6, its review campaign dropped by the leader and its demo environment
refresh marked not started: 4 weeks from week 7 end after its due week 8, so it can no
longer run. `planner checkin` read "dropped at the check-in: 2" over both, as if the
leader had dropped the second; the Check-in page said "The re-plan keeps every project of
the plan where it is." above it.
"""

from __future__ import annotations

import re
from pathlib import Path

from builders import cli_printed

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"


def test_a_project_that_no_longer_fits_is_not_counted_as_dropped_by_the_leader(tmp_path):
    """The text counts the two apart, as the page's heading does."""
    plan = tmp_path / "plan.csv"
    cli_printed(["solve", str(SAMPLE), "--out", str(plan)])
    template = cli_printed(
        ["checkin-template", str(SAMPLE), "--baseline", str(plan), "--weeks", "6"]
    )
    text = re.sub(r'(?m)^"AW-07" = .*$', '"AW-07" = "dropped"', template)
    text = re.sub(r'(?m)^"QU-05" = .*$', '"QU-05" = "not_started"', text)
    checkin = tmp_path / "checkin.toml"
    checkin.write_text(text, encoding="utf-8")
    args = ["checkin", str(SAMPLE), "--baseline", str(plan), "--checkin", str(checkin)]
    said = cli_printed([*args, "--out", str(tmp_path / "rest.csv")])
    assert (
        "out of the plan at the check-in: 2 (1 dropped by you, 1 no longer able to run in "
        "the weeks left)"
    ) in said, said
    assert "dropped at the check-in: 2" not in said
