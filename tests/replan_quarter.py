"""The sample quarter without weeks that the command line's re-plan tests start from.

Solved with one worker, it is the baseline of ``solve --baseline`` and ``checkin`` alike
(the ``quarter`` fixture in tests/interfaces/conftest.py; test_replan_cli.py and
test_checkin_replan_cli.py there).
"""

from __future__ import annotations

from pathlib import Path

from planner.core.loading import load_with_warnings

#: The sample quarter without weeks: these tests hold its round-1 figures (data/README.md).
SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample-without-weeks"
SAMPLE_PROBLEM = load_with_warnings(SAMPLE).problem
