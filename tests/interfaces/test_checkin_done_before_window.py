"""A project marked done before its window began: accepted, and said.

The sample's analyst relations briefings may start in week 7 at the earliest. A VP marked
them done at week 6: the check-in took it without a word. What happened outranks the plan,
so it stays done, and the Check-in page and ``planner checkin`` both say so in a note
naming the project, the week and its window.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from builders import cli_printed

from planner.core.loading import load_with_warnings
from planner.scenarios import checkin_words
from planner.scenarios.checkin import CheckIn, ProjectProgress, ProjectStatus
from planner.scenarios.checkin_words import done_before_window_lines
from planner.scenarios.late_work import done_before_window

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"
#: The note on AW-03 (window weeks 7-13) done at week 6, as both the page and the CLI say it.
AW_03_AT_6 = (
    "'Analyst relations briefings (Gartner, Forrester)' is marked done at week 6, before its "
    "window (weeks 7-13) began: it counts as done, as recorded, since what happened comes "
    "before the plan. If it has not run, set its status back."
)


def _done(weeks: str, *ids: str) -> CheckIn:
    return CheckIn(Decimal(weeks), projects={p: ProjectProgress(ProjectStatus.DONE) for p in ids})


def test_done_before_the_first_week_of_its_window_is_named_with_the_week_and_the_window(
    monkeypatch,
):
    """At week 6 no week of AW-03's window (7-13) has begun: said. At 6.5 week 7 has begun,
    and at 7 it is over: not said. A project done inside its window (AW-01) is not said."""
    problem = load_with_warnings(SAMPLE).problem
    assert done_before_window(problem, _done("6", "AW-03", "AW-01")) == {"AW-03": range(7, 14)}
    assert done_before_window_lines(problem, _done("6", "AW-03", "AW-01")) == [AW_03_AT_6]
    assert done_before_window(problem, _done("6.5", "AW-03")) == {}
    assert done_before_window(problem, _done("7", "AW-03")) == {}
    # Many: the first named one by one, the rest counted.
    monkeypatch.setattr(checkin_words, "_EARLY_NAMED", 1)
    lines = done_before_window_lines(problem, _done("6", "AW-03", "NU-06", "CL-03"))
    assert lines[1:] == ["And 2 more projects marked done before their windows began."]
    assert lines[0].startswith("'Analyst relations briefings")


def test_planner_checkin_says_it_in_the_page_s_words_and_re_plans_it_as_done(tmp_path: Path):
    """``planner checkin`` re-plans with AW-03 done (exit 0) and prints the note; --json
    holds it under ``done_before_window``."""
    plan = tmp_path / "plan.csv"
    cli_printed(["solve", str(SAMPLE), "--out", str(plan)])
    template = cli_printed(
        ["checkin-template", str(SAMPLE), "--baseline", str(plan), "--weeks", "6"]
    )
    assert '"AW-03"' not in template  # not started as planned: not listed
    text = template.replace("[projects]\n", '[projects]\n"AW-03" = "done"\n', 1)
    checkin = tmp_path / "checkin.toml"
    checkin.write_text(text, encoding="utf-8")
    args = ["checkin", str(SAMPLE), "--baseline", str(plan), "--checkin", str(checkin)]
    said = cli_printed([*args, "--out", str(tmp_path / "rest.csv")])
    assert f"  {AW_03_AT_6}\n" in said, said
    summary = json.loads(cli_printed([*args, "--out", str(tmp_path / "rest.csv"), "--json"]))
    assert summary["done_before_window"] == [AW_03_AT_6]
