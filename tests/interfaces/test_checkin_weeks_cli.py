"""``checkin-template`` and ``checkin`` on the quarter in weeks (data/sample): a template's
end weeks sent late, a conflict its fixes leave, a check-in mid-week, the forecast's sums.
"""

from __future__ import annotations

import csv
import re
from decimal import Decimal
from pathlib import Path

import planner.interfaces.checkin_cli  # noqa: F401  (registers ``checkin`` and ``checkin-template``)
from planner.core.loading import load_with_warnings
from planner.core.plan_csv import read_plan_csv
from planner.interfaces.cli import main
from planner.scenarios.checkin_toml import parse_checkin

IN_WEEKS = Path(__file__).resolve().parents[2] / "data" / "sample"


def planned_in_weeks(tmp_path: Path, capsys) -> tuple[Path, list[str]]:
    """The bundled quarter in weeks solved to plan.csv, and the week-3 template's arguments."""
    baseline = tmp_path / "plan.csv"
    assert main(["solve", str(IN_WEEKS), "--out", str(baseline)]) == 0
    capsys.readouterr()
    template = ["checkin-template", str(IN_WEEKS), "--baseline", str(baseline), "--weeks", "3"]
    return baseline, template


def without_end_weeks(text: str) -> str:
    """A check-in's TOML with no project's end week: each ends as its baseline has it."""
    return re.sub(r", end_week = \d+", "", text)


def test_a_template_sent_at_the_quarters_end_says_its_end_weeks_once(capsys, tmp_path):
    """A week-3 template sent as the check-in of week 13 carries the plan's end weeks of
    its projects in progress, none of them after week 13. One line says so, with the fix
    the re-plan gives work still in progress at the quarter's end; not one per project."""
    baseline, args = planned_in_weeks(tmp_path, capsys)
    assert main(args) == 0
    text = capsys.readouterr().out
    assert ", end_week = " in text
    checkin = tmp_path / "late.toml"
    checkin.write_text(text.replace("weeks_elapsed = 3\n", "weeks_elapsed = 13\n"), "utf-8")
    ck = ["checkin", str(IN_WEEKS), "--baseline", str(baseline), "--checkin", str(checkin)]
    assert main([*ck, "--out", str(tmp_path / "rest.csv")]) == 2
    (line, total) = capsys.readouterr().err.splitlines()
    assert line.startswith(
        "error: late.toml, key projects: the check-in is at the end of the quarter "
        "(week 13 of 13), with no week left for the end week of "
    )
    assert line.endswith(
        'Fix: Mark each "done", or "dropped" if it will not finish this quarter, or give the '
        "week you are in."
    )
    assert total == "1 problem found; nothing was written."
    assert not (tmp_path / "rest.csv").exists()


def test_a_checkin_whose_fixes_do_not_remove_a_conflict_names_it_once(capsys, tmp_path):
    """A week-3 check-in sent at week 13 of the quarter in weeks has no plan, and the same
    five pins came back after every round of fixes: 5 times each, 30 lines "Even then: ..."
    of one conflict. A conflict a round finds again is not told again."""
    baseline, args = planned_in_weeks(tmp_path, capsys)
    assert main(args) == 0
    checkin = tmp_path / "checkin.toml"
    text = capsys.readouterr().out.replace("weeks_elapsed = 3\n", "weeks_elapsed = 13\n")
    # The template's end weeks are the plan's, before week 13: refused as input, said once
    # (test_a_template_sent_at_the_quarters_end_says_its_end_weeks_once). Without them the
    # projects in progress run on as their baseline has them, and the re-plan finds none.
    text = without_end_weeks(text)
    checkin.write_text(text, encoding="utf-8")

    args = ["checkin", str(IN_WEEKS), "--baseline", str(baseline), "--checkin", str(checkin)]
    assert main([*args, "--out", str(tmp_path / "rest.csv")]) == 3
    lines = [line.removeprefix("Even then: ") for line in capsys.readouterr().err.splitlines()]
    assert lines and len(lines) == len(set(lines))
    # What the leader can act on, alone: the quarter is over with work still in progress
    # (about ten "add N h" fixes that cannot help came before it).
    (line,) = lines
    assert line.startswith("The check-in is at the end of the quarter (week 13 of 13)")
    assert not (tmp_path / "rest.csv").exists()
    # The reasons the page shows beside it: each conflict once, however many rounds.
    from planner.scenarios.replan import replan

    problem = load_with_warnings(IN_WEEKS).problem
    plan = read_plan_csv(baseline.read_text(encoding="utf-8"))
    parsed = parse_checkin(text, "checkin.toml", Decimal(problem.num_weeks))
    outcome = replan(problem, plan, parsed, max_changes=None, stability_weight=1.0)
    reasons = [r.removeprefix("Even then: ") for r in outcome.result.reasons]
    assert outcome.result.plan is None and reasons and len(reasons) == len(set(reasons))


def test_checkin_template_refuses_another_quarter_length_for_a_quarter_in_weeks(capsys, tmp_path):
    """`--quarter-weeks 10` on the 13-week sample wrote a template whose 'planned by now'
    was read against 10 weeks; the check-in it made was then refused. Refused at once."""
    _, args = planned_in_weeks(tmp_path, capsys)
    assert main([*args, "--quarter-weeks", "10"]) == 2
    err = capsys.readouterr().err
    assert "--quarter-weeks" in err and "13-week quarter" in err


def test_a_one_week_quarter_length_is_said_as_one_week(capsys, tmp_path):
    """`--quarter-weeks 1` on the 13-week sample read "1 weeks is not the 13-week quarter"."""
    _, args = planned_in_weeks(tmp_path, capsys)
    assert main([*args, "--quarter-weeks", "1"]) == 2
    assert "1 week is not the 13-week quarter" in capsys.readouterr().err


def test_the_quarter_end_forecast_of_each_goal_adds_up_as_written(capsys, tmp_path):
    """'new-logos: 2.5 + 26 = 28 of 40 new customers': each part rounded on its own, so
    the check-in's sum did not add up to a leader reading it. Every line adds up now."""
    baseline, args = planned_in_weeks(tmp_path, capsys)
    assert main(args) == 0
    checkin = tmp_path / "checkin.toml"
    checkin.write_text(capsys.readouterr().out, encoding="utf-8")
    args = ["checkin", str(IN_WEEKS), "--baseline", str(baseline), "--checkin", str(checkin)]
    assert main([*args, "--out", str(tmp_path / "rest.csv")]) == 0
    out = capsys.readouterr().out
    sums = re.findall(r"^  [^:\n]+: ([\d,.]+) \+ ([\d,.]+) = ([\d,.]+) of", out, re.MULTILINE)
    assert len(sums) == 8
    for so_far, added, total in sums:
        a, b, c = (Decimal(x.replace(",", "")) for x in (so_far, added, total))
        assert a + b == c, (so_far, added, total)


def test_a_checkin_mid_week_on_a_quarter_in_weeks_is_refused_naming_the_week(capsys, tmp_path):
    """`weeks_elapsed = 6.5` on the quarter in weeks was floored to week 6 and re-planned
    all of week 7 on hours half gone (the Check-in page steps by whole weeks). The check-in,
    the template's --weeks and an earlier check-in (--since) are refused, exit 2, naming the
    file, the column and the whole weeks to give; nothing is written."""
    baseline, args = planned_in_weeks(tmp_path, capsys)
    assert main(args) == 0
    text = capsys.readouterr().out.replace("weeks_elapsed = 3\n", "weeks_elapsed = 6.5\n")
    text = without_end_weeks(text)  # week 3's end weeks are said apart (test above)
    checkin = tmp_path / "mid-week.toml"
    checkin.write_text(text, encoding="utf-8")
    rest = tmp_path / "rest.csv"
    ck = ["checkin", str(IN_WEEKS), "--baseline", str(baseline), "--out", str(rest)]
    assert main([*ck, "--checkin", str(checkin)]) == 2
    err = capsys.readouterr().err
    assert "mid-week.toml, key weeks_elapsed: week 6.5 is part-way through a week" in err
    assert "Give week 6 (the last week over) or week 7." in err
    assert main([*args[:-1], "6.5"]) == 2
    # The flag by its name: "command line, --weeks", not "command line, column --weeks".
    assert "error: command line, --weeks: week 6.5" in capsys.readouterr().err
    later = tmp_path / "week7.toml"
    later.write_text(text.replace("weeks_elapsed = 6.5", "weeks_elapsed = 7"), encoding="utf-8")
    assert main([*ck, "--checkin", str(later), "--since", str(checkin)]) == 2
    assert "mid-week.toml, key weeks_elapsed: week 6.5" in capsys.readouterr().err
    assert not rest.exists()


def test_a_mid_week_checkin_names_every_problem_of_the_file_at_once(capsys, tmp_path):
    """A check-in mid-week that also names an unknown project lists both, each under the
    file the leader gave (the week came alone, under 'check-in', before the fix)."""
    baseline, args = planned_in_weeks(tmp_path, capsys)
    assert main(args) == 0
    text = capsys.readouterr().out.replace("weeks_elapsed = 3\n", "weeks_elapsed = 2.5\n")
    text = text.replace("[projects]\n", '[projects]\n"ZZ-99" = "done"\n')
    checkin = tmp_path / "two.toml"
    checkin.write_text(text, encoding="utf-8")
    ck = ["checkin", str(IN_WEEKS), "--baseline", str(baseline), "--checkin", str(checkin)]
    assert main([*ck, "--out", str(tmp_path / "rest.csv")]) == 2
    err = capsys.readouterr().err
    assert "two.toml, key weeks_elapsed: week 2.5" in err
    assert "two.toml, key projects.ZZ-99: project 'ZZ-99' is not in the inputs" in err
    assert "2 problems found" in err


def test_a_failed_checkin_says_each_weeks_hours_as_its_other_line_does(capsys, tmp_path):
    """A week-6 check-in with 87.5 % of the webinar series left for weeks 7-8 finds no plan.
    Its two reasons read "no room for its 114 h a week (it has 108 h a week at most)" above
    "Demand Gen has 107.7 h in week 7 ... 'Q3 webinar series ...' 113.8 h": one week's hours,
    two ways. Both now read to a tenth, as the Plan page's weekly load does."""
    baseline, args = planned_in_weeks(tmp_path, capsys)
    args[args.index("--weeks") + 1] = "6"
    assert main(args) == 0
    text = capsys.readouterr().out
    late = '"LG-01" = { status = "in_progress", percent_done = 12.5, end_week = 13 }'
    assert late in text
    checkin = tmp_path / "squeezed.toml"
    checkin.write_text(text.replace(late, late.replace("end_week = 13", "end_week = 8")), "utf-8")
    ck = ["checkin", str(IN_WEEKS), "--baseline", str(baseline), "--checkin", str(checkin)]
    assert main(ck) != 0
    said = capsys.readouterr()
    out = said.out + said.err
    assert "Demand Gen has no room for its 113.8 h a week" in out
    assert "(it has 107.7 h a week at most)" in out
    assert "Demand Gen has 107.7 h in week 7" in out
    assert "'Q3 webinar series on compliance automation' 113.8 h" in out
    assert not re.search(r"\b(114|108) h\b", out)


def test_a_checkin_counts_what_left_the_plan_once_in_the_words_of_its_own_lines(capsys, tmp_path):
    """A week-6 check-in with one project marked dropped and one not started whose weeks
    no longer fit read "changes: 0", "out of the plan at the check-in: 2 (1 dropped by you,
    1 no longer able to run in the weeks left)", then "out of the plan: 1 left out by the
    re-plan, 1 marked dropped", the saved note's words: a change the report had not made.
    The last line now counts them as the lines above it do."""
    baseline, args = planned_in_weeks(tmp_path, capsys)
    args[args.index("--weeks") + 1] = "6"
    assert main(args) == 0
    text = capsys.readouterr().out
    assert '"LG-07" = { status = "in_progress"' in text and '"QU-06" = "done"' in text
    text = re.sub(r'"LG-07" = \{[^}]*\}', '"LG-07" = "dropped"', text)
    checkin = tmp_path / "week6.toml"
    checkin.write_text(text.replace('"QU-06" = "done"', '"QU-06" = "not_started"'), "utf-8")
    ck = ["checkin", str(IN_WEEKS), "--baseline", str(baseline), "--checkin", str(checkin)]
    assert main([*ck, "--out", str(tmp_path / "rest.csv")]) == 0
    out = capsys.readouterr().out
    # The template carries the Check-in page's starting limits ([replan]: at most 3).
    assert "changes (owners moved or taken out of the plan): 0 (at most 3)\n" in out
    assert (
        "out of the plan at the check-in: 2 (1 dropped by you, 1 no longer able to run in the "
        "weeks left)\n" in out
    )
    # Each count names its projects, as the page's save says them.
    assert re.search(
        r"out of the plan: 0 left out by the re-plan, 1 dropped by you \('[^']+'\), 1 no longer "
        r"able to run in the weeks left \('[^']+'\)\n",
        out,
    ), out
    # Each listed in those words: "dropped" is the leader's drop alone (QU-06 read
    # "dropped QU-06 ...: its window ended" where the leader had marked it not started).
    assert "\n  dropped LG-07 " in out and "\n  no longer fits QU-06 " in out, out
    assert "dropped QU-06" not in out
    with (tmp_path / "rest.csv").open(encoding="utf-8", newline="") as f:
        said = {r["project_id"]: r["at_checkin"] for r in csv.DictReader(f)}
    assert (said["LG-07"], said["QU-06"]) == ("dropped", "no longer fits")


def test_a_team_that_left_mid_quarter_is_said_away_by_its_calendar_not_its_hours_used(
    capsys, tmp_path
):
    """The SDR Team left after week 6 (0 h in weeks 7-13 in calendar.csv) with the account
    plays in progress: the re-plan said "SDR Team has no hours left after the hours used
    ... or check the hours used", where its hours used left it 155 h of its quarter. It
    says the calendar has it away, and the fixes that help: let the work move, or give the
    team hours in those weeks."""
    import shutil

    baseline, args = planned_in_weeks(tmp_path, capsys)
    args[args.index("--weeks") + 1] = "6"
    assert main(args) == 0
    checkin = tmp_path / "week6.toml"
    checkin.write_text(capsys.readouterr().out, "utf-8")
    left = tmp_path / "left"
    shutil.copytree(IN_WEEKS, left)
    with (left / "calendar.csv").open("a", encoding="utf-8") as calendar:
        calendar.write("sdr,7-13,0\n")
    ck = ["checkin", str(left), "--baseline", str(baseline), "--checkin", str(checkin)]
    assert main(ck) != 0
    said = capsys.readouterr()
    (line,) = [x for x in (said.out + said.err).splitlines() if "No plan keeps every" in x]
    assert "SDR Team has 0 h in weeks 7-13 (its calendar)" in line
    assert "hours used" not in line and "end later" not in line
    assert line.endswith("or give the team hours in those weeks (its calendar).")
