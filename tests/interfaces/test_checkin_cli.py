"""``planner checkin-template`` and ``planner checkin``: the flags as a leader types them."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import openpyxl
import pytest
from builders import checkin_template

import planner.interfaces.checkin_cli  # noqa: F401  (registers ``checkin`` and ``checkin-template``)
from planner.core.cell_formats import percent_cell
from planner.core.shown_figures import percent_value
from planner.interfaces.cli import main

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"


def test_weeks_typed_as_minus_zero_are_written_as_week_0(tmp_path, capsys):
    """`checkin-template ... --weeks -0` wrote `weeks_elapsed = -0.0` into the file the
    leader edits (a figure never reads "-0" anywhere else); it is week 0."""
    _, text = checkin_template(tmp_path, capsys, "-0")
    assert "weeks_elapsed = 0\n" in text and "-0" not in text


@pytest.mark.parametrize(("weeks", "written"), [("6", "6"), ("6.0", "6")])
def test_whole_weeks_are_written_as_whole_numbers_and_read_back_the_same(
    tmp_path, capsys, weeks, written
):
    """`checkin-template --weeks 6` wrote `weeks_elapsed = 6.0` and `quarter_weeks = 13.0`,
    where a leader counts 6 weeks of 13."""
    from planner.scenarios.checkin_toml import parse_checkin

    _, text = checkin_template(tmp_path, capsys, weeks)
    assert f"weeks_elapsed = {written}\nquarter_weeks = 13\n" in text, text[:600]
    read = parse_checkin(text)
    assert read.weeks_elapsed == float(weeks) and read.quarter_weeks == 13


@pytest.mark.parametrize("weeks", ["1e-100000", "5.0001"])
def test_weeks_with_more_than_three_decimals_are_refused(capsys, weeks):
    """`--weeks 1e-100000` wrote weeks_elapsed as a line of 100,000 digits (and "week
    0.000...01" in the heading); weeks take at most 3 decimals, as hours and values do."""
    args = ["checkin-template", str(SAMPLE), "--baseline", "plan.csv", "--weeks", weeks]
    with pytest.raises(SystemExit) as stopped:
        main(args)
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert "has more than 3 decimals" in err and len(err) < 2000


def test_a_replan_written_as_xlsx_heads_the_quarter_end_the_report_prints(tmp_path, capsys):
    """``planner checkin --out rest.xlsx`` heads its Summary with the quarter-end attainment
    the report and ``--json`` give (83.8 % on the sample at week 6 with a late project and
    an MQL reading; here the MQL reading alone), not the re-plan's own attainment of what
    was left of each target (74.6 % there), which it printed as "Goal attainment" beside
    nothing to say so.
    """
    baseline, template = checkin_template(tmp_path, capsys, "6")
    checkin = tmp_path / "checkin.toml"
    checkin.write_text(template.replace('"mqls" = 867', '"mqls" = 700'), encoding="utf-8")
    out = tmp_path / "rest.xlsx"
    args = ["checkin", str(SAMPLE), "--baseline", str(baseline), "--checkin", str(checkin)]
    assert main([*args, "--out", str(out), "--json"]) == 0
    forecast = json.loads(capsys.readouterr().out)["quarter_attainment"]
    sheet = openpyxl.load_workbook(out, read_only=True)["Summary"]
    summary = {row[0]: row[1] for row in sheet.iter_rows(min_row=2, values_only=True)}
    headline = "Goal attainment at quarter end (%, achieved so far + the re-plan, weighted)"
    assert list(summary)[2] == headline  # after the status and what it is built on
    assert summary[headline] == percent_cell(percent_value(forecast["forecast"]))
    rest = "Weeks left: goal attainment of what was left of each target (%)"
    assert summary[rest] == percent_cell(percent_value(forecast["replan_of_what_was_left"]))


def test_the_template_says_how_to_fill_itself_in_and_reads_back(tmp_path, capsys):
    """README's `checkin-template ... > checkin.toml` is the file a leader edits by hand, and it
    began `weeks_elapsed = 6.0` with no word on what a status may be ("in_progress" with a
    percent_done, but what else?), nor in which unit [achieved] is. It opens with comments
    that say so, and `checkin` reads it as written."""
    baseline, template = checkin_template(tmp_path, capsys, "6")
    head = [line for line in template.splitlines() if line.startswith("#")]
    assert head and template.startswith(head[0])
    told = "\n".join(head)
    assert "week 6 of 13" in told
    for word in ('"done"', '"dropped"', '"not_started"', '"in_progress"', "percent_done"):
        assert word in told, told
    assert "achieved: its KPI so far" in told and "hours_used: its hours" in told
    assert "[projects]" not in told  # the table's name, found where the table is
    checkin = tmp_path / "checkin.toml"
    checkin.write_text(template, encoding="utf-8")
    args = ["checkin", str(SAMPLE), "--baseline", str(baseline), "--checkin", str(checkin)]
    assert main([*args, "--out", str(tmp_path / "rest.csv")]) == 0


def test_stability_reads_the_same_in_its_help_the_report_and_the_page(tmp_path, capsys):
    """`checkin --help` said --stability 5 moves a project only for "about this many
    percentage points" (5) of goal attainment; the Check-in page says about 0.3 pts. Then
    it said "in the planner's ranking score points", the machine's measure. The help says
    it as the page's "How strongly to keep the plan" does, and the report says what it is
    worth on the data, in the page's own words."""
    from planner import load_problem
    from planner.scenarios.checkin_words import keep_the_plan_words

    baseline, text = checkin_template(tmp_path, capsys, "6")
    (tmp_path / "checkin.toml").write_text(text, encoding="utf-8")
    args = ["checkin", str(SAMPLE), "--baseline", str(baseline)]
    args += ["--checkin", str(tmp_path / "checkin.toml"), "--out", str(tmp_path / "r.csv")]
    assert main(args) == 0
    out = capsys.readouterr().out
    words = keep_the_plan_words(load_problem(SAMPLE), 5.0)
    assert "about 0.3 pts" in words
    assert f"how strongly the plan is kept: a{words[1:]}" in out
    with pytest.raises(SystemExit):
        main(["checkin", "--help"])
    said = " ".join(capsys.readouterr().out.split())
    assert "about 0.3 pts" in said
    # The weight in a leader's words; "the optimizer's points" named the machine, not the
    # figure, and "adds more than this many points to the goals" the score's points.
    assert (
        "how strongly to keep the plan: a project moves to another team only when the "
        "percentage points of goal attainment the move adds to each goal, times how much "
        "that goal matters, add up to more than this" in said
    )
    assert "many points" not in said and "points to the goals" not in said
    assert "optimizer" not in said and "ranking score" not in said
    assert "about this many percentage points" not in said


def test_the_template_names_each_id_and_says_what_a_whole_count_stands_for(tmp_path, capsys):
    """The template listed ids alone ("LG-01" = ...): a newcomer needed projects.csv open
    to edit it. And it wrote 8 new customers where the plan had 7.7 by now, then read the
    8 back as 7.7, printing 19.3 % for 8 of 40, with nothing in the file to say so."""
    _, text = checkin_template(tmp_path, capsys, "6")
    lines = text.splitlines()
    assert any(
        line.startswith('"LG-01" = ')
        and line.endswith("# Q3 webinar series on compliance automation (Demand Gen)")
        for line in lines
    ), text
    assert '"mm-ae" = 455.0  # Mid-Market AEs' in lines
    # The first under [achieved]; the second, under [achieved_as_planned], is the 7.7.
    logos, plans = [line for line in lines if line.startswith('"new-logos" = ')]
    assert plans == '"new-logos" = 7.7'
    assert logos == (
        '"new-logos" = 8  # New logos won, in new customers; the plan\'s projects would have '
        "7.7 by now: kept at 8, it reads as that"
    )


def test_the_template_says_nothing_of_a_count_whose_plan_figure_reads_the_same(tmp_path, capsys):
    """At week 6 the plan's projects had 153.005 SQLs by now, shown 153: the template
    said "the plan's projects would have 153 by now: kept at 153, it reads as that", a
    rounding no leader can see. At week 3 they have 77.965, shown 78: nothing is said.
    Only a count that reads otherwise (374 for 374.4) says so."""
    _, text = checkin_template(tmp_path, capsys, "3")
    lines = text.splitlines()
    assert '"sqls" = 78  # Sales-qualified leads, in SQLs' in lines
    assert '"sqls" = 77.965' in lines  # the plan's figure it stands for, under as planned
    assert any(
        line.startswith('"mqls" = 374  #') and "would have 374.4 by now: kept at 374" in line
        for line in lines
    ), text


def test_a_check_in_at_the_quarter_s_end_says_how_it_ended_and_nothing_is_left(tmp_path, capsys):
    """At week 13 of 13 the report read "the re-plan's own attainment, of what was left of
    each target: 0.0 %", as if the re-plan had failed; then, with that gone, a re-plan's
    status, "changes: 0", "added: 0" and each goal as "achieved + 0 = achieved": nothing a
    leader could use. It leads with how the quarter ended: goals met, the quarter's goal
    attainment, each goal's KPI against its target, and that nothing is left to re-plan."""
    baseline, template = checkin_template(tmp_path, capsys, "13")
    checkin = tmp_path / "checkin.toml"
    checkin.write_text(template, encoding="utf-8")
    args = ["checkin", str(SAMPLE), "--baseline", str(baseline), "--checkin", str(checkin)]
    assert main([*args, "--out", str(tmp_path / "rest.csv")]) == 0
    lines = capsys.readouterr().out.splitlines()
    text = "\n".join(lines)
    # The plan's own figures, as `planner solve` and the Overview have them (85.6 %, 1 of 8).
    assert lines[0] == (
        "The quarter is over (week 13 of 13): 1 of 8 goals met, goal attainment 85.6 % "
        "(weighted as on the Overview)."
    )
    assert lines[1] == "what was achieved against each target:"
    assert (
        "  Churn saved: 320,000 of 380,000 ARR saved $ (84.2 %; the plan had 84.2 %): "
        "missed, 60,000 ARR saved $ short"
    ) in lines
    assert any(x.startswith("  Closed-won new ARR: ") and x.endswith(": met") for x in lines)
    assert "Nothing is left to re-plan: no weeks are left in the quarter." in text
    assert "of what was left of each target: 0.0 %" not in text
    # Nor the score of nothing ("0.00 points on the weeks and targets left"), how strongly a
    # plan with no weeks left is kept, why odds narrow "mid-quarter", a re-plan's status and
    # changes, or a forecast of "+ 0".
    assert "points" not in text and "--stability" not in text and "Mid-quarter" not in text
    assert "status:" not in text and "changes (" not in text and " + 0 = " not in text
    assert lines[-1].startswith("plan written to ")
    assert main([*args, "--out", str(tmp_path / "rest.csv"), "--json"]) == 0
    said = json.loads(capsys.readouterr().out)
    headline = said["quarter_attainment"]
    assert headline["quarter_over"] is True and headline["replan_of_what_was_left"] is None
    assert said["quarter_end"]["goals_met"] == 1
    assert said["quarter_end"]["attainment"] == headline["achieved"] == headline["forecast"]
    # mid-quarter the figure is there, and said
    baseline, template = checkin_template(tmp_path, capsys, "6")
    checkin.write_text(template, encoding="utf-8")
    assert main([*args, "--out", str(tmp_path / "rest.csv"), "--json"]) == 0
    said = json.loads(capsys.readouterr().out)
    headline = said["quarter_attainment"]
    assert headline["quarter_over"] is False and headline["replan_of_what_was_left"] > 0
    assert "quarter_end" not in said


def test_work_not_started_at_the_quarter_s_end_is_dropped_for_that_reason(tmp_path, capsys):
    """At week 13 of 13 a project still not started read "not started by week 12: its 6
    weeks from week 13 would end in week 18": week 12 and week 13 where the leader checked
    in at the quarter's end, with no week left to start in."""
    baseline, template = checkin_template(tmp_path, capsys, "13")
    checkin = tmp_path / "checkin.toml"
    checkin.write_text(template.replace('"AW-01" = "done"', '"AW-01" = "not_started"'), "utf-8")
    args = ["checkin", str(SAMPLE), "--baseline", str(baseline), "--checkin", str(checkin)]
    assert main([*args, "--out", str(tmp_path / "rest.csv")]) == 0
    text = capsys.readouterr().out
    (line,) = [x for x in text.splitlines() if "AW-01" in x]
    assert line.endswith(": not started, with no week of the quarter left at the check-in")
    assert "week 12" not in text


def test_checkin_s_help_says_the_re_plan_may_be_written_as_a_workbook(capsys):
    """`planner checkin --help` read "--out OUT  where to write the re-plan": a RevOps lead
    who wanted the re-plan for the board as a workbook (what the Check-in page downloads)
    could not tell that a name ending .xlsx writes one, as `planner solve --help` says."""
    with pytest.raises(SystemExit):
        main(["checkin", "--help"])
    said = " ".join(capsys.readouterr().out.split())
    assert "--out PLAN_CSV|PLAN_XLSX the re-plan: plan.csv or a .xlsx" in said
    # The usage line above it said [--out PLAN_CSV] still: a workbook read as refused there.
    assert "[--out PLAN_CSV|PLAN_XLSX]" in said and "[--out PLAN_CSV]" not in said


def test_checkin_s_max_changes_help_names_the_plan_checked_in_on(capsys):
    """`planner checkin --help` read "--max-changes N  at most N baseline projects change
    owner": "baseline projects" is the planner's word. It names the plan checked in on
    and what counts as a change (moved to another team or left out, as the report
    counts them)."""
    with pytest.raises(SystemExit):
        main(["checkin", "--help"])
    said = " ".join(capsys.readouterr().out.split())
    assert "baseline projects" not in said
    assert (
        "--max-changes N at most N projects of the plan you checked in on (--baseline) "
        "move to another team or are left out" in said
    ), said


def test_checkin_s_help_names_each_argument_as_its_usage_line_does(capsys):
    """The usage line is written by hand (DATA_DIR first, for --unlock); the list under it
    named the same arguments argparse's way ("--checkin CHECKIN", "--baseline BASELINE",
    "--out OUT", "data_dir"), so one flag read under two names in one screen."""
    with pytest.raises(SystemExit):
        main(["checkin", "--help"])
    text = capsys.readouterr().out
    usage, listed = text.split("\npositional arguments:", 1)
    usage = " ".join(usage.split())
    named = re.findall(r"^  (--[a-z-]+) ([A-Z_|]+(?: \.\.\.)?)", listed, re.MULTILINE)
    assert len(named) >= 8, named
    assert [f"{flag} {name}" for flag, name in named if f"{flag} {name}" not in usage] == []
    assert re.search(r"^  DATA_DIR ", listed, re.MULTILINE), listed


def test_a_percent_done_written_as_a_share_is_warned_of_in_the_report_and_with_json(
    tmp_path, capsys
):
    """`percent_done = 0.6` meant as 60 % was re-planned as 0.6 % done without a word; the
    command now warns on stderr, where the data's warnings go (with --json too), naming the
    file, the project and the fix, and re-plans the file as written."""
    baseline, template = checkin_template(tmp_path, capsys, "6")
    checkin = tmp_path / "week7.toml"
    typed = template.replace(
        '"AW-02" = { status = "in_progress", percent_done = 45.5',
        ('"AW-02" = { status = "in_progress", percent_done = 0.6'),
    )
    assert typed != template
    checkin.write_text(typed, encoding="utf-8")
    args = ["checkin", str(SAMPLE), "--baseline", str(baseline), "--checkin", str(checkin)]
    args += ["--out", str(tmp_path / "rest.csv")]
    warning = (
        "warning: week7.toml, key projects.AW-02.percent_done: 'Annual user conference "
        '"Elevate", keynote & expo booth\' (AW-02) is 0.6 % done as written: percent_done is '
        "out of 100, not a share of 1. Fix: Write 60 for 60 %, or keep 0.6 for 0.6 %."
    )
    for json_flag in ([], ["--json"]):
        # Read as written: 99.4 % of the conference left in its 6 weeks fits no plan.
        assert main([*args, *json_flag]) == 3
        out, err = capsys.readouterr()
        assert err.splitlines().count(warning) == 1
        if json_flag:
            assert json.loads(out)["status"] == "infeasible"
    checkin.write_text(template, encoding="utf-8")  # 45.5, as the template wrote it
    assert main(args) == 0
    assert "percent_done" not in capsys.readouterr().err


def test_a_goal_met_at_the_check_in_keeps_its_projects_in_the_re_plan_s_files(tmp_path, capsys):
    """Expansion ARR recorded at its 900,000 target by week 6: the re-plan still runs the
    QBR program and the add-on upsell for it (the report's "Re-plan adds" counts their
    477,700 toward it), but ``--out rest.csv`` and ``--out rest.xlsx`` wrote those rows with
    no goal, so that a leader's totals by goal read 0 for it. Each row names its goal, as
    the quarter's plan.csv did, and the workbook's left-out rows name it too."""
    baseline, template = checkin_template(tmp_path, capsys, "6")
    checkin = tmp_path / "checkin.toml"
    met = template.replace('"expansion" = 222300', '"expansion" = 900000')
    assert met != template
    checkin.write_text(met, encoding="utf-8")
    args = ["checkin", str(SAMPLE), "--baseline", str(baseline), "--checkin", str(checkin)]
    assert main([*args, "--out", str(tmp_path / "rest.csv"), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    (adds,) = [
        g["forecast"]["still_to_come"] for g in report["goals"] if g["goal_id"] == "expansion"
    ]
    with (tmp_path / "rest.csv").open(encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    with (SAMPLE / "projects.csv").open(encoding="utf-8") as file:
        serving = {r["project_id"] for r in csv.DictReader(file) if r["goal_id"] == "expansion"}
    goals = {r["project_id"]: r["goal_id"] for r in rows if r["project_id"] in serving}
    assert len(goals) >= 2 and set(goals.values()) == {"expansion"}, goals
    total = sum(float(r["value"]) for r in rows if r["goal_id"] == "expansion")
    assert total == adds == 477_700
    assert main([*args, "--out", str(tmp_path / "rest.xlsx")]) == 0
    capsys.readouterr()
    book = openpyxl.load_workbook(tmp_path / "rest.xlsx")
    plan = list(book["Plan"].iter_rows(values_only=True))
    column = plan[0].index("Goal ID")
    assert {r[column] for r in plan[1:] if r[0] in serving} == {"expansion"}
    left_out = list(book["Left out"].iter_rows(values_only=True))
    named = {r[0]: r[left_out[0].index("Goal")] for r in left_out[1:]}
    assert named.get("RE-06") == "Expansion ARR (net revenue retention)", named


def test_a_replan_written_as_xlsx_says_what_it_is_built_on_as_solve_s_does(tmp_path, capsys):
    """``planner solve --out plan.xlsx`` has a "Built on" row under the status; ``planner
    checkin --out rest.xlsx`` had none, so a re-plan's workbook did not say which data it
    was made from. It names the data (and a settings file) as solve's does."""
    baseline, template = checkin_template(tmp_path, capsys, "6")
    checkin = tmp_path / "checkin.toml"
    checkin.write_text(template, encoding="utf-8")
    settings = tmp_path / "whatif.toml"
    settings.write_text("[capacity.multipliers]\nsales = 1.1\n", encoding="utf-8")
    out = tmp_path / "rest.xlsx"
    args = ["checkin", str(SAMPLE), "--baseline", str(baseline), "--checkin", str(checkin)]
    for extra, words in [
        ([], "the bundled sample quarter"),
        (
            ["--settings", str(settings)],
            "the bundled sample quarter with the settings in whatif.toml",
        ),
    ]:
        assert main([*args, *extra, "--out", str(out)]) == 0
        capsys.readouterr()
        rows = list(
            openpyxl.load_workbook(out, read_only=True)["Summary"].iter_rows(values_only=True)
        )
        assert rows[1][0] == "Status" and rows[2] == ("Built on", words), rows[:4]
        out.unlink()
