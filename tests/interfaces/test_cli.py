"""The ``planner`` command line: exit codes 0/2/3, messages, --json, plan.csv."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from planner.checker import check_plan
from planner.core.loading import load_with_warnings
from planner.core.plan_csv import read_plan_csv
from planner.interfaces.cli import main

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"


@pytest.fixture
def sample_copy(tmp_path: Path) -> Path:
    """A private copy of the bundled sample that a test may break."""
    return Path(shutil.copytree(SAMPLE, tmp_path / "data"))


def test_solve_sample_writes_a_plan_that_passes_the_checker(tmp_path, capsys):
    """The first thing a new user runs: exit 0, optimal, and a valid plan.csv."""
    out = tmp_path / "plan.csv"
    assert main(["solve", str(SAMPLE), "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "status: The best plan possible for these inputs" in printed
    problem = load_with_warnings(SAMPLE).problem
    plan = read_plan_csv(out.read_text(encoding="utf-8"))
    assert check_plan(problem, plan) == []
    # The app's words for the count (the code words "assigned"/"unassigned" are plan.csv's).
    assert f"in the plan: {len(plan.owners())} projects; left out: {len(plan.unassigned)}" in (
        printed
    )
    # The departments as the app's cards show them: Marketing first, by their names.
    capacities = [line for line in printed.splitlines() if " capacity: " in line]
    assert [line.split(" capacity: ")[0] for line in capacities] == ["Marketing", "Sales"]


def test_solve_s_department_hours_are_the_sum_of_the_team_rows_in_plan_xlsx(tmp_path, capsys):
    """planner solve's "Sales capacity" is the sum of plan.xlsx's Team load rows as shown.

    Each team's hours read whole (SDR 984 h, Mid-Market AEs 1,325 h...): a leader adds
    the five sales rows to what the command line and the Summary sheet write, 5,319 h,
    the exact sum (5,319.1 h) rounded once. Each row rounded on its own (SDR's 984.6 h to
    985 h) made the card 5,320 h, an hour more than the teams have.
    """
    from openpyxl import load_workbook

    out = tmp_path / "plan.xlsx"
    assert main(["solve", str(SAMPLE), "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    book = load_workbook(out)
    rows = list(book["Team load"].iter_rows(min_row=2, values_only=True))
    assert all(float(r[2]) == round(float(r[2])) for r in rows)  # whole hours, as shown
    summary = {r[0]: r[1] for r in book["Summary"].iter_rows(min_row=2, values_only=True)}
    for department in ("Marketing", "Sales"):
        capacity = sum(r[2] for r in rows if r[1] == department)
        planned = sum(r[4] for r in rows if r[1] == department)
        assert f"{department} capacity: {capacity:,} h" in printed, department
        assert f"planned {planned:,} h" in printed, department
    assert "Sales capacity: 5,319 h" in printed
    assert "Marketing capacity: 4,390 h" in printed
    assert (
        summary[
            "Capacity (h, after what-ifs and the share of its hours each team is planned up to)"
        ]
        == 9709
    )  # 9,709.28 h exact
    assert summary[
        "Capacity (h, after what-ifs and the share of its hours each team is planned up to)"
    ] == sum(r[2] for r in rows)
    assert summary["Planned (h)"] == sum(r[4] for r in rows)
    assert all(r[5] == r[2] - r[4] for r in rows)  # free = capacity - planned, as shown


def test_plan_xlsx_summary_gives_each_department_as_its_card_and_solve_do(tmp_path, capsys):
    """The Overview's cards and planner solve read "Marketing capacity 4,390 h, 84.7 %
    planned"; plan.xlsx's Summary had only the quarter's total (9,709 h, 82.8 %), so a
    leader checking the file against the app found no department figure to check. The
    Summary has each department's capacity, planned hours and utilisation, as the cards
    write them (a percentage with one decimal, hours whole)."""
    from openpyxl import load_workbook

    from planner.core.cell_formats import PERCENT_FORMAT

    out = tmp_path / "plan.xlsx"
    assert main(["solve", str(SAMPLE), "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    rows = {r[0].value: r[1] for r in load_workbook(out)["Summary"].iter_rows(min_row=2)}
    for department in ("Marketing", "Sales"):
        capacity = rows[f"{department} capacity (h)"]
        planned = rows[f"{department} planned (h)"]
        used = rows[f"{department}, % planned"]
        assert capacity.number_format == planned.number_format == "#,##0"
        assert used.number_format == PERCENT_FORMAT
        assert f"{department} capacity: {int(capacity.value):,} h" in printed
        assert f"planned {int(planned.value):,} h ({100 * used.value:.1f} %)" in printed
    # Named as the Overview's cards and the Scenarios page name them ("Marketing capacity",
    # "84.7 % planned"; "Sales and Marketing, % planned"): it read "Utilisation (%)".
    assert rows["Sales and Marketing, % planned"].number_format == PERCENT_FORMAT
    assert not any("tilisation (%)" in str(figure) for figure in rows)


def test_solve_names_the_teams_own_hours_beside_the_capacity_in_force(tmp_path, capsys):
    """planner solve read "Marketing capacity: 4,390 h (base 4,400 h)": a leader did not
    know what "base" was. It is the teams' own hours, as the app's card says, before the
    calendar's weeks."""
    assert main(["solve", str(SAMPLE), "--out", str(tmp_path / "plan.csv")]) == 0
    printed = capsys.readouterr().out
    own = "(the teams' own hours in the quarter: 4,400 h)"  # as the Data page heads them
    assert f"Marketing capacity: 4,390 h {own}; planned" in printed
    assert "(base " not in printed


def test_solve_json_prints_one_object_with_the_headline_figures(tmp_path, capsys):
    """Scripts read --json: status, objective, bound, gap, seconds and counts."""
    assert main(["solve", str(SAMPLE), "--out", str(tmp_path / "p.csv"), "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["status"] == "optimal"
    assert summary["objective"] == summary["bound"] and summary["gap"] == 0
    assert summary["num_assigned"] + summary["num_unassigned"] == 51
    assert {"seconds", "num_variables", "plan_csv"} <= set(summary)
    # SPEC "Uncertain impact": each goal's chance of reaching its target and percentiles.
    goals = {g["goal_id"]: g for g in summary["goals"]}
    assert len(goals) == 8
    for goal in goals.values():
        assert 0 <= goal["probability"] <= 100
        assert goal["p10"] <= goal["p50"] <= goal["p90"]
        assert goal["attainment_p10"] == pytest.approx(100 * goal["p10"] / goal["target"], abs=0.01)
    assert goals["mqls"]["words"].endswith("MQLs")
    # The left-out projects with their own hours and value (plan.csv's left-out rows carry 0).
    left_out = {p["project_id"]: p for p in summary["left_out"]}
    assert len(left_out) == summary["num_unassigned"]
    aw06 = left_out["AW-06"]
    assert (aw06["effort_hours"], aw06["value"], aw06["kpi"]) == (320, 20000, "website visitors")
    assert aw06["reason"]


def test_solve_json_reports_each_teams_weekly_load(tmp_path, capsys):
    """--json carries every team's hours per week against that week's hours, within them."""
    assert main(["solve", str(SAMPLE), "--out", str(tmp_path / "p.csv"), "--json"]) == 0
    weeks = json.loads(capsys.readouterr().out)["weeks"]
    assert weeks["num_weeks"] == 13 and weeks["first_monday"] == "2025-06-30"
    assert len(weeks["teams"]) == 10
    for team in weeks["teams"]:
        assert len(team["load_hours"]) == len(team["limit_hours"]) == 13
        assert all(
            h <= c + 0.01 for h, c in zip(team["load_hours"], team["limit_hours"], strict=True)
        )
    rows = (tmp_path / "p.csv").read_text(encoding="utf-8").splitlines()
    assert rows[0].endswith(",start_week,end_week")


def test_validate_sample_is_clean(capsys):
    """The bundled sample is valid."""
    assert main(["validate", str(SAMPLE)]) == 0
    assert "valid" in capsys.readouterr().out


def test_broken_folder_lists_every_problem_and_exits_2(sample_copy, tmp_path, capsys):
    """Every problem at once, with file, row and column; nothing is written."""
    teams = sample_copy / "teams.csv"
    lines = teams.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace("sales", "finance", 1)  # an unknown department on row 2
    teams.write_text("\n".join(lines) + "\n", encoding="utf-8")
    projects = sample_copy / "projects.csv"
    text = projects.read_text(encoding="utf-8").replace(",340,", ",-340,", 1)  # negative hours
    projects.write_text(text, encoding="utf-8")
    out = tmp_path / "plan.csv"
    assert main(["solve", str(sample_copy), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "teams.csv, row 2, column department" in err
    assert "projects.csv, row 2, column effort_hours" in err
    assert not out.exists()
    assert main(["validate", str(sample_copy)]) == 2


def test_validate_json_is_one_object_valid_or_not(sample_copy, capsys):
    """`validate --json` was refused as an unknown argument (exit 2, 'invalid'), so a script
    could not check a data folder. Now: counts and warnings when valid, every problem when
    not, one JSON object on stdout either way."""
    assert main(["validate", str(sample_copy), "--json"]) == 0
    valid = json.loads(capsys.readouterr().out)
    assert valid["status"] == "valid" and valid["teams"] == 10 and valid["projects"] == 51
    assert valid["problems"] == []
    teams = sample_copy / "teams.csv"
    teams.write_text(teams.read_text(encoding="utf-8").replace(",sales,", ",finance,", 1))
    assert main(["validate", str(sample_copy), "--json"]) == 2
    invalid = json.loads(capsys.readouterr().out)
    assert invalid["status"] == "invalid"
    assert (invalid["problems"][0]["file"], invalid["problems"][0]["row"]) == ("teams.csv", 2)


def test_generate_json_says_what_it_wrote(tmp_path, capsys):
    """`generate --json` was refused as an unknown argument; now one JSON object."""
    folder = tmp_path / "q"
    assert main(["generate", str(folder), "--teams", "2", "--projects", "3", "--json"]) == 0
    written = json.loads(capsys.readouterr().out)
    assert written == {"status": "written", "path": str(folder), "teams": 2, "projects": 3,
                       "goals": 3}  # fmt: skip
    assert (folder / "teams.csv").is_file()


def test_generate_says_it_wrote_one_goal_per_project_at_most(tmp_path, capsys):
    """`generate q --teams 2 --projects 3` said "wrote ... 8 goals" and wrote 8 goals for 3
    projects: five read "0 of their target" on every page, whatever the plan. It writes a
    goal per project at most and says so, the goals written counted as they are."""
    folder = tmp_path / "q"
    assert main(["generate", str(folder), "--teams", "2", "--projects", "3"]) == 0
    said = capsys.readouterr().out
    assert said.startswith("wrote 2 teams, 3 projects, 3 goals (8 asked; ")
    assert "each goal needs a project to serve it" in said
    assert len(load_with_warnings(folder).problem.goals) == 3
    assert main(["generate", str(tmp_path / "r"), "--teams", "2", "--projects", "9"]) == 0
    assert capsys.readouterr().out == f"wrote 2 teams, 9 projects, 8 goals to {tmp_path / 'r'}\n"


def test_generate_into_the_current_folder_names_it_as_this_folder(tmp_path, capsys, monkeypatch):
    """`generate .` said "wrote ... to ." and, a second time, "OUT_DIR .: already holds
    teams.csv, ...": the folder read as a full stop. Both name it as this folder, by its
    name; another folder keeps its path."""
    here = tmp_path / "q3 data"
    here.mkdir()
    monkeypatch.chdir(here)
    assert main(["generate", ".", "--teams", "2", "--projects", "9"]) == 0
    assert (
        capsys.readouterr().out == "wrote 2 teams, 9 projects, 8 goals to this folder ('q3 data')\n"
    )
    assert main(["generate", "./", "--teams", "2", "--projects", "9"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: OUT_DIR this folder ('q3 data'): already holds teams.csv, "), err
    assert main(["generate", "../q3 data", "--teams", "2", "--projects", "9"]) == 2
    assert capsys.readouterr().err.startswith("error: OUT_DIR ../q3 data: already holds ")


def test_missing_folder_is_invalid_input_not_a_crash(tmp_path, capsys):
    """A wrong path is a message, not a traceback."""
    assert main(["validate", str(tmp_path / "nope")]) == 2
    assert "teams.csv" in capsys.readouterr().err


def test_infeasible_folder_exits_3_with_a_reason(sample_copy, tmp_path, capsys):
    """A mandatory project needing a skill nobody has: no plan, and why, in words."""
    projects = sample_copy / "projects.csv"
    lines = projects.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    cells = dict.fromkeys(header, "")
    cells.update(
        project_id="ZZ-01",
        name="Quantum outreach",
        stage="awareness",
        effort_hours="10",
        value="1",
        required_skills="quantum_marketing:5",
        mandatory="true",
    )
    lines.append(",".join(cells.values()))
    projects.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "plan.csv"
    assert main(["solve", str(sample_copy), "--out", str(out)]) == 3
    err = capsys.readouterr().err
    assert "Quantum outreach" in err and "quantum marketing at level 5" in err
    assert not out.exists()


def test_generate_writes_a_folder_that_validates_and_solves(tmp_path, capsys):
    """planner generate makes realistic folders for trials and benchmarks."""
    folder = tmp_path / "gen"
    assert main(["generate", str(folder), "--teams", "6", "--projects", "30", "--seed", "3"]) == 0
    assert main(["validate", str(folder)]) == 0
    assert main(["solve", str(folder), "--out", str(tmp_path / "p.csv"), "--time-limit", "5"]) == 0


def test_generate_with_ranges_writes_each_projects_range_of_impact_and_solve_gives_odds(
    tmp_path, capsys
):
    """A generated quarter had no project with a range of impact, so every goal read
    "certain to fall short (none of the projects planned for it has a range of impact)":
    no odds to walk through on a quarter other than the sample. --ranges writes them."""
    plain, ranged = tmp_path / "plain", tmp_path / "ranged"
    args = ["--teams", "4", "--projects", "24", "--weeks", "--seed", "2"]
    assert main(["generate", str(plain), *args]) == 0
    assert main(["generate", str(ranged), *args, "--ranges"]) == 0
    capsys.readouterr()
    before, after = load_with_warnings(plain).problem, load_with_warnings(ranged).problem
    assert all(p.value_low is None and p.value_high is None for p in before.projects)
    # The same quarter, each valued project with a range around its value.
    assert [replace(p, value_low=None, value_high=None) for p in after.projects] == list(
        before.projects
    )
    for project in after.projects:
        if project.value > 0:
            assert project.value_low is not None and project.value_high is not None
            assert project.value_low <= project.value <= project.value_high
            assert project.value_low < project.value_high
    out = tmp_path / "plan.csv"
    assert main(["solve", str(ranged), "--out", str(out), "--time-limit", "5", "--json"]) == 0
    goals = json.loads(capsys.readouterr().out)["goals"]
    assert any(g["uncertain"] for g in goals)
    assert not any("has a range of impact" in g["words"] for g in goals if g["uncertain"])


def test_generate_refuses_zero_projects_which_no_solve_takes(tmp_path, capsys):
    """`generate --projects 0` (the help said "from 0 to 10000") wrote a folder that
    validate and solve then refused ("there are no projects"). The range is what the loader
    takes: from 1, refused at once, nothing written; one project validates."""
    folder = tmp_path / "gen"
    with pytest.raises(SystemExit) as stopped:
        main(["generate", str(folder), "--teams", "2", "--projects", "0"])
    assert stopped.value.code == 2
    assert "--projects: '0' is out of range; use a whole number from 1" in capsys.readouterr().err
    assert not folder.exists()
    assert main(["generate", str(folder), "--teams", "2", "--projects", "1"]) == 0
    assert main(["validate", str(folder)]) == 0


def test_generate_says_one_project_in_the_singular(tmp_path, capsys):
    """`generate --projects 1` said 'wrote 2 teams, 1 projects'."""
    folder = tmp_path / "gen"
    assert main(["generate", str(folder), "--teams", "2", "--projects", "1"]) == 0
    assert capsys.readouterr().out.startswith("wrote 2 teams, 1 project, ")


def test_a_quarter_of_one_goal_and_one_project_is_counted_in_the_singular(tmp_path, capsys):
    """`solve` on a generated quarter with one goal said "0 of 1 goals at target"."""
    folder = tmp_path / "gen"
    assert main(["generate", str(folder), "--teams", "2", "--projects", "1", "--goals", "1"]) == 0
    capsys.readouterr()
    assert main(["solve", str(folder), "--out", str(tmp_path / "plan.csv")]) == 0
    out = capsys.readouterr().out
    assert " of 1 goal at target)" in out, out
    assert "1 goals" not in out and "1 projects" not in out, out


def test_console_script_exits_2_without_a_traceback(tmp_path):
    """Run as a user does: the installed entry point, a broken file, no traceback."""
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "teams.csv").write_text("team_id,department,capacity_hours\nt1,sales,lots\n")
    (folder / "projects.csv").write_text("project_id,stage,effort_hours\np1,closing,5\n")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "planner",
            "solve",
            str(folder),
            "--out",
            str(tmp_path / "p"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "teams.csv, row 2, column capacity_hours" in done.stderr
    assert "1 problem found; nothing was written" in done.stderr  # not "1 problem(s)"


def test_a_settings_file_s_problem_is_placed_by_its_key_not_a_column(tmp_path, capsys):
    """A what-if file with ``sales = 0.9`` under [capacity] was placed at "less.toml, column
    capacity.sales": a TOML file has keys, not columns; a table keeps its columns."""
    less = tmp_path / "less.toml"
    less.write_text("[capacity]\nsales = 0.9\n", encoding="utf-8")
    out = tmp_path / "plan.csv"
    assert main(["solve", str(SAMPLE), "--settings", str(less), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "less.toml, key capacity.sales: unknown setting 'sales' in [capacity]" in err
    assert "column" not in err and not out.exists()


def test_a_flag_that_takes_one_value_is_refused_when_given_twice(tmp_path, capsys):
    """``--db a.duckdb --db b.duckdb`` saved to b.duckdb without a word, and ``--time-limit 1
    --time-limit 2`` ran 2 s: a repeated flag is a typo or a paste, so it is refused, naming
    both values, and nothing runs or is written."""
    first, second = tmp_path / "a.duckdb", tmp_path / "b.duckdb"
    args = ["scenarios", "save", str(SAMPLE), "--name", "Q3", "--db", str(first)]
    with pytest.raises(SystemExit) as stopped:
        main([*args, "--db", str(second)])
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert f"argument --db: given twice ({first}, then {second})" in err
    assert not first.exists() and not second.exists()
    out = tmp_path / "plan.csv"
    flags = ["--time-limit", "1", "--time-limit", "2", "--out", str(out), "--json"]
    with pytest.raises(SystemExit) as stopped:
        main(["solve", str(SAMPLE), *flags])
    assert stopped.value.code == 2
    (problem,) = json.loads(capsys.readouterr().out)["problems"]
    assert problem["message"].startswith("argument --time-limit: given twice (1.0, then 2.0)")
    assert not out.exists()
    assert main(["-v", "-v", "solve", str(SAMPLE), "--out", str(out)]) == 0  # a count, not a value


@pytest.mark.parametrize("command", [["list"], ["save", str(SAMPLE), "--name", "Q3"]])
def test_a_db_given_before_and_after_the_scenarios_command_is_given_twice(
    command, tmp_path, capsys
):
    """`planner scenarios --db a.duckdb list --db b.duckdb` listed b.duckdb without a word
    (and `save` saved there): argparse reads a command's own flags apart and copies them
    over those before it. Given on both sides, --db is given twice; on one side it is one."""
    first, second = tmp_path / "a.duckdb", tmp_path / "b.duckdb"
    with pytest.raises(SystemExit) as stopped:
        main(["scenarios", "--db", str(first), *command, "--db", str(second)])
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert f"argument --db: given twice ({first}, then {second})" in err, err
    assert not first.exists() and not second.exists()
    assert main(["scenarios", "--db", str(first), "list"]) == 0
    assert main(["scenarios", "list", "--db", str(second)]) == 0


@pytest.mark.parametrize("value", ["-inf", "-1e3", "-nan", "-Infinity"])
def test_a_negative_number_argparse_takes_for_a_flag_gets_the_flag_s_range(value, tmp_path, capsys):
    """``--time-limit -inf`` and ``--time-limit -1e3`` said only "expected one argument"
    (argparse reads them as flags, where ``-5`` is a value): each gets the range message."""
    out = tmp_path / "plan.csv"
    with pytest.raises(SystemExit) as stopped:
        main(["solve", str(SAMPLE), "--time-limit", value, "--out", str(out)])
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert f"argument --time-limit: '{value}'" in err and "use a number from 0.01 to 3600 s" in err
    assert "expected one argument" not in err and not out.exists()


def test_the_readme_documents_every_exit_status_the_commands_return():
    """A script around the planner branches on its exit status: each one the code returns
    is in the README's list (1, a scenario database that cannot be used, was not)."""
    import re

    from planner.interfaces import cli, scenario_cli

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    listed = readme[readme.index("Exit status:") :].split("\n\n")[0]
    documented = {int(code) for code in re.findall(r"`(\d+)`", listed)}
    codes = {cli.EXIT_OK, cli.EXIT_INVALID, cli.EXIT_NO_PLAN, cli.EXIT_INTERRUPTED}
    codes |= {cli.EXIT_TERMINATED}
    assert codes | {scenario_cli.EXIT_STORAGE} <= documented


@pytest.mark.parametrize("name", ["plan.xls", "plan.ODS", "plan.xlsm"])
def test_a_plan_named_for_another_spreadsheet_format_is_refused_before_solving(
    tmp_path, capsys, name
):
    """``--out plan.xls`` wrote CSV text under Excel's old name (Excel warns the format and
    extension differ; Numbers refuses it). Refused, naming the two formats it writes."""
    assert main(["solve", str(SAMPLE), "--out", str(tmp_path / name)]) == 2
    err = capsys.readouterr().err
    assert "writes .csv files and .xlsx workbooks" in err and "plan.xlsx" in err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", ["plan.zip", "plan.JSON", "plan.tsv"])
def test_a_plan_named_for_another_format_is_refused_before_solving(tmp_path, capsys, name):
    """``--out plan.zip`` (as generate and scenarios export write zips) or ``--json --out
    plan.json`` wrote plan.csv's comma-separated text under that name, exit 0: an archive
    tool calls plan.zip damaged. Refused before the solve, naming the two formats."""
    out = tmp_path / name
    assert main(["solve", str(SAMPLE), "--json", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "writes a plan as a .csv file or an .xlsx workbook" in err
    said = f"Name it {tmp_path}/plan.csv or {tmp_path}/plan.xlsx (--json prints its object on"
    assert said in err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", ["quarter.xlsx", "quarter.zip"])
def test_generate_to_a_workbook_or_zip_name_writes_that_file_which_solves(tmp_path, capsys, name):
    """``planner generate quarter.xlsx`` made a folder named quarter.xlsx holding CSV files;
    it writes the workbook (or zip) that solve and the app's Data page read."""
    out = tmp_path / name
    assert main(["generate", str(out), "--teams", "4", "--projects", "12", "--weeks"]) == 0
    assert out.is_file()
    assert main(["solve", str(out), "--out", str(tmp_path / "plan.csv")]) == 0
    problem = load_with_warnings(out).problem
    plan = read_plan_csv((tmp_path / "plan.csv").read_text(encoding="utf-8"))
    assert check_plan(problem, plan) == []
    assert main(["generate", str(out), "--teams", "4", "--projects", "12"]) == 2
    assert "add --force" in capsys.readouterr().err


def test_follow_on_problems_of_a_short_teams_csv_are_told_once_per_kind(sample_copy, capsys):
    """A teams.csv cut to two teams left 27 lines saying "the team 'x' is not in teams.csv",
    one per row of three other files: the app groups them, the CLI buried the cause. Each
    kind is now one line that still names every row; --json keeps every problem apart."""
    teams = sample_copy / "teams.csv"
    teams.write_text("\n".join(teams.read_text(encoding="utf-8").splitlines()[:3]) + "\n")

    out = sample_copy.parent / "plan.csv"
    assert main(["solve", str(sample_copy), "--json", "--out", str(out)]) == 2
    captured = capsys.readouterr()
    problems = json.loads(captured.out)["problems"]
    calendar_rows = sorted(p["row"] for p in problems if p["file"] == "calendar.csv")
    lines = captured.err.splitlines()
    calendar = [line for line in lines if line.startswith("error: calendar.csv")]
    assert len(calendar) == 1
    assert calendar[0].startswith("error: calendar.csv, rows 5-16 (12 rows), column team_id:")
    assert calendar_rows == list(range(5, 17))
    assert "'ent-ae' is not in teams.csv" in calendar[0] and "'mops'" in calendar[0]
    estimates = [line for line in lines if line.startswith("error: estimates.csv")]
    assert len(estimates) == 1 and "rows 2-6, 8, 10, 13-16 (11 rows)" in estimates[0]
    assert lines[-1] == f"{len(problems)} problems found; nothing was written."
    assert not out.exists()


@pytest.mark.parametrize("name", ["quarter.xls", "quarter.ods", "quarter.csv"])
def test_generate_refuses_a_file_name_it_would_make_a_folder_of(name, tmp_path, capsys):
    """`generate quarter.xls` wrote a folder named quarter.xls that Excel cannot open and
    the Data page does not take. The name is refused, naming the forms that work."""
    out = tmp_path / name
    assert main(["generate", str(out), "--teams", "4", "--projects", "10"]) == 2
    err = capsys.readouterr().err
    assert f"OUT_DIR {out}" in err and "quarter.xlsx" in err
    assert not out.exists()


def test_validate_counts_the_calendar_rows_as_the_data_page_does(capsys):
    """`validate` on the sample listed teams to rules and left out its 15 calendar rows,
    which the Data page counts: a leader checking an upload saw the week plan missing."""
    assert main(["validate", str(SAMPLE)]) == 0
    out = capsys.readouterr().out
    assert out.rstrip().endswith("6 rules, 15 calendar rows")


def test_validate_says_no_plan_can_be_made_beside_a_mandatory_project_that_cannot_be(
    sample_copy, capsys
):
    """A mandatory joint project at a stage only marketing may own: the warning said "no
    plan can be made until this is fixed", and the last line read "valid: 10 teams, ...",
    which a leader took for ready to plan; solve then found no plan."""
    projects = sample_copy / "projects.csv"
    lines = projects.read_text(encoding="utf-8").splitlines()
    cells = lines[1].split(",")  # AW-01, at the awareness stage
    cells[9:11] = ["true", "true"]  # mandatory, joint
    lines[1] = ",".join(cells)
    projects.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["validate", str(sample_copy)]) == 0
    last = capsys.readouterr().out.rstrip().splitlines()[-1]
    said = ": valid, but no plan can be made until the mandatory project warned about above "
    assert said + "is fixed: 10 teams" in last


def test_a_row_with_one_kind_of_problem_twice_is_counted_once(sample_copy, capsys):
    """Teams listing two stages the settings do not know said 'rows 2-4, 6-7, 9 (13 rows)':
    six rows, thirteen problems. The count says both."""
    (sample_copy / "settings.toml").write_text('[stages]\norder = ["s1", "s2"]\n')
    assert main(["validate", str(sample_copy)]) == 2
    lines = capsys.readouterr().err.splitlines()
    (teams,) = [line for line in lines if line.startswith("error: teams.csv")]
    assert "rows 2-4, 6-7, 9 (6 rows, 13 problems), column stages" in teams


def test_one_row_with_one_kind_of_problem_twice_is_one_row(sample_copy, capsys):
    """A team listing two stages the settings do not know read 'rows 2 (1 rows, 2
    problems)' (attack round 30)."""
    teams = sample_copy / "teams.csv"
    text = teams.read_text(encoding="utf-8")
    teams.write_text(text.replace("nurturing; qualification,6", "nurture; qualify,6", 1))
    assert main(["validate", str(sample_copy)]) == 2
    lines = capsys.readouterr().err.splitlines()
    (said,) = [line for line in lines if line.startswith("error: teams.csv")]
    assert said.startswith("error: teams.csv, row 2 (2 problems), column stages: "), said


def test_help_lists_the_commands_in_one_order_whatever_was_imported_first():
    """Each command registers itself from its own module; --help lists them solve first,
    as a user reads them, even when a test or a script imported a later module first."""
    code = (
        "import planner.interfaces.checkin_cli, planner.interfaces.scenario_cli\n"
        "from planner.interfaces.cli import build_parser\n"
        "sub = build_parser()._subparsers._group_actions[0]\n"
        "print(' '.join(sub.choices))\n"
    )
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=root, check=True
    )
    assert done.stdout.split() == [
        "solve",
        "generate",
        "validate",
        "explain",
        "scenarios",
        "checkin-template",
        "checkin",
    ]


def test_scenarios_help_lists_its_commands_in_the_order_it_names_them(capsys):
    """`planner scenarios --help` said "Save, list, show, export, compare, ..." and listed
    list, show, export, then save: the order a reader is told is the order listed."""
    with pytest.raises(SystemExit):
        main(["scenarios", "--help"])
    text = capsys.readouterr().out
    said = " ".join(text.split("COMMAND ...", 1)[1].split("positional arguments:")[0].split())
    named = re.findall(r"\w+", said.split(" what-", 1)[0].lower())
    listed = re.findall(r"^    (\w+) ", text, re.MULTILINE)
    assert [word for word in named if word != "and"] == listed


def test_solve_of_a_quarter_without_ranges_gives_each_goal_once_without_odds(tmp_path, capsys):
    """A quarter with no range of impact printed each goal's figures twice: "New pipeline
    created: 66,158,356 of 65,029,596 pipeline $ (101.7 %); plans 66,158,356 of 65,029,596
    pipeline $: certain to reach it (none of the projects planned for it has a range of
    impact)". With nothing uncertain the odds add nothing, and the plan.xlsx leaves them
    out; so does the line now. A quarter with ranges keeps them (the sample)."""
    folder = tmp_path / "q"
    assert main(["generate", str(folder), "--teams", "6", "--projects", "30", "--seed", "3"]) == 0
    capsys.readouterr()
    assert main(["solve", str(folder), "--out", str(tmp_path / "plan.csv")]) == 0
    printed = capsys.readouterr().out
    goal_lines = [line for line in printed.splitlines() if line.startswith("  ")]
    assert goal_lines and all("%)" in line for line in goal_lines), printed
    assert not any("certain to" in line or "plans " in line for line in goal_lines), printed
    assert main(["solve", str(SAMPLE), "--out", str(tmp_path / "sample.csv")]) == 0
    assert "chance to reach" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("argv", "usage", "hint"),
    [
        (
            ["solve", str(SAMPLE), "--ot", "plan.csv"],
            "usage: planner solve ",
            "(did you mean --out?)",
        ),
        (
            ["scenarios", "list", "--jsn"],
            "usage: planner scenarios list ",
            "(did you mean --json?)",
        ),
    ],
)
def test_a_mistyped_flag_is_told_with_its_command_s_usage(
    tmp_path, capsys, monkeypatch, argv, usage, hint
):
    """`planner solve data/sample --ot plan.csv` printed the usage of `planner` (its seven
    commands, none of solve's flags) under 'planner: error: unrecognized arguments': a
    newcomer had to guess which command the flag was wrong for. The error is now the command's
    own, with its usage and the flag meant."""
    monkeypatch.chdir(tmp_path)  # where solve's default plan.csv would go
    with pytest.raises(SystemExit) as stopped:
        main(argv)
    err = capsys.readouterr().err
    assert stopped.value.code == 2
    assert err.startswith(usage), err
    assert "unrecognized arguments: " in err and hint in err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", ["big-quarter", "quarter.xlsx", "quarter.zip"])
def test_generate_names_what_it_wrote_as_it_was_given(tmp_path, capsys, monkeypatch, name):
    """README's two generate lines answered 'to big-quarter' but 'to /home/.../quarter.xlsx':
    the workbook's whole path, not the name typed. Each answer names it as it was given."""
    monkeypatch.chdir(tmp_path)
    assert main(["generate", name, "--teams", "4", "--projects", "12"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"wrote 4 teams, 12 projects, 8 goals to {name}"
    ]


def test_verbose_after_the_command_says_where_it_goes(capsys):
    """`planner solve data/sample -v` (where most tools take it) was 'unrecognized
    arguments: -v' under solve's usage, which has no -v: -v belongs before the command."""
    with pytest.raises(SystemExit) as stopped:
        main(["solve", str(SAMPLE), "-v"])
    err = capsys.readouterr().err
    assert stopped.value.code == 2
    assert "unrecognized arguments: -v (it goes before the command: planner -v solve" in err


def test_solve_ends_with_the_score_marked_for_analysts_as_the_app_keeps_it(tmp_path, capsys):
    """`planner solve` printed "objective: 1407.0108" and "bound: 1407.0108" under the
    goal attainment, then "the planner's ranking score (...): 1,407.01 points" and "proven
    the best: no plan can score more" between the capacity and the projects: a CMO took the
    points for a figure of the plan, and read again in points what the status line had said.
    SPEC keeps the score and its bound for analysts, as the app's Advanced panel: one line,
    marked so, after everything a leader reads, with what the points are made of."""
    assert main(["solve", str(SAMPLE), "--out", str(tmp_path / "plan.csv")]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert not any(line.startswith(("objective:", "bound:")) for line in printed)
    assert printed[-1] == (
        "Advanced, for analysts: the plan's score (goal attainment × how much each "
        "goal matters, plus small adjustments for even workloads and skill fit): 1,407.01 "
        "(best possible: 1,407.01)"
    )
    leader = printed[:-1]  # the last but one names the folder, which holds this test's name
    assert not any(" points" in line or "plan's score" in line for line in leader), leader
    assert not any("proven" in line or "optimizer" in line for line in printed), printed
    assert not any(line.startswith("gap") for line in printed)  # solver talk, read as a shortfall


def test_solve_says_a_proven_plan_and_its_seconds_as_the_app_does(tmp_path, capsys):
    """`planner solve` on the sample printed "below the best possible score: at most 0.00 %"
    and "seconds: 0.13" where the app's status line reads "Optimal: best possible (proven in
    0.13 s)" and its Advanced detail "no plan can score more: proven the best". A leader
    reading both took "at most 0.00 %" for a shortfall; the shell says the app's words (now
    "The best plan possible for these inputs (planned in 0.13 s)")."""
    import re

    assert main(["solve", str(SAMPLE), "--out", str(tmp_path / "plan.csv")]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert re.fullmatch(
        r"status: The best plan possible for these inputs \(planned in \d+\.\d\d s\)", printed[0]
    )
    assert not any("0.00 %" in line for line in printed), printed
    assert not any(line.startswith("seconds") for line in printed), printed


def test_solve_help_says_tolerance_and_stability_in_a_leader_s_words(capsys):
    """`solve --help` said --tolerance is a "percent of the best objective" and --stability
    is "in the optimizer's points": solver talk, and then "in percent of the planner's
    ranking score". They read as the pages say them: the Constraints page's "Keep changes
    small" (within 0.5 % of a fresh re-plan, goals weighed by how much each matters) and the
    Check-in page's "How strongly to keep the plan"."""
    with pytest.raises(SystemExit):
        main(["solve", "--help"])
    said = " ".join(capsys.readouterr().out.split())
    assert "objective" not in said and "optimizer" not in said and "ranking score" not in said
    assert (
        "stay within this percent of a fresh re-plan, goals weighed by how much each "
        "matters, and move or leave out as few projects as that allows" in said
    )
    assert (
        "the percentage points of goal attainment the move adds to each goal, times how much "
        "that goal matters, add up to more than this" in said
    )


@pytest.mark.parametrize(
    ("argv", "hint"),
    [
        (["generate", "q", "--teams", "2", "--projecs", "5"], "(did you mean --projects?)"),
        (["generate", "q", "--projecs=5", "--team", "2"], "(did you mean --projects?)"),
        (["checkin-template", str(SAMPLE), "--baseline", "p.csv", "--wekes", "6"], "--weeks?"),
    ],
)
def test_a_mistyped_required_flag_is_told_with_the_flag_meant(
    tmp_path, capsys, monkeypatch, argv, hint
):
    """`planner generate q --teams 2 --projecs 5` read only "the following arguments are
    required: --projects": the typo that left --projects out went unnamed, where `solve --ot`
    gets "did you mean --out?". A required flag typed wrong now names the word and the flag
    meant, and nothing is written."""
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as stopped:
        main(argv)
    err = capsys.readouterr().err
    assert stopped.value.code == 2
    assert err.startswith(f"usage: planner {argv[0]} "), err
    assert "unrecognized arguments: --" in err and hint in err, err
    assert "the following arguments are required" in err, err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["--", "--"], "invalid choice: '--'"),
        (["scenarios", "--", "--"], "invalid choice: '--'"),
        (["scenarios", "list", "--", "--"], "unrecognized arguments: --"),
    ],
)
def test_a_second_double_dash_where_no_name_goes_is_told_plainly(argv, said, capsys):
    """`planner -- --` added "Fix: Give '--' once: planner --" (a command with nothing to
    give after '--'), and `scenarios list -- --` read "(did you mean --db?)" for the '--'
    itself. The error stands alone, with no fix that leads nowhere."""
    with pytest.raises(SystemExit) as stopped:
        main(argv)
    err = capsys.readouterr().err
    assert stopped.value.code == 2
    assert said in err, err
    assert "Give '--' once" not in err and "did you mean" not in err, err


def test_solve_s_plan_xlsx_says_what_it_is_built_on_as_the_app_s_does(tmp_path, capsys):
    """The app's plan.xlsx has "Built on" under the status ("the uploaded q3.xlsx");
    ``planner solve --out plan.xlsx`` had none, so a board could not tell which data a
    file from the command line was made from. Its Summary names the data it read and a
    settings file given beside it, as the app names data it opened."""
    from openpyxl import load_workbook

    workbook = tmp_path / "q3.xlsx"
    assert main(["generate", str(workbook), "--teams", "4", "--projects", "10"]) == 0
    settings = tmp_path / "whatif.toml"
    settings.write_text("[capacity.multipliers]\nsales = 0.9\n", encoding="utf-8")
    for args, words in [
        ([str(SAMPLE)], "the bundled sample quarter"),
        (
            [str(workbook), "--settings", str(settings)],
            "the data in q3.xlsx with the settings in whatif.toml",
        ),
    ]:
        out = tmp_path / "plan.xlsx"
        assert main(["solve", *args, "--out", str(out)]) == 0, args
        capsys.readouterr()
        rows = list(load_workbook(out, read_only=True)["Summary"].iter_rows(values_only=True))
        assert rows[1][0] == "Status" and rows[2] == ("Built on", words)
        out.unlink()


@pytest.mark.parametrize(
    ("argv", "listed"), [([], "checkin-template"), (["scenarios"], "marginal")]
)
def test_a_command_line_without_its_command_lists_the_commands(argv, listed, capsys):
    """`planner` alone read only "the following arguments are required: command": the
    commands are listed (the help), and it exits 2 as a wrong command line does."""
    with pytest.raises(SystemExit) as raised:
        main(argv)
    err = capsys.readouterr().err
    assert raised.value.code == 2
    assert listed in err and "positional arguments" in err, err
    assert "no command given; choose one of the above" in err.splitlines()[-1]
    assert "required" not in err


def test_a_wrong_command_line_exits_2_when_standard_error_is_a_closed_pipe(tmp_path):
    """`planner solve data/sample --time-limit 1_0 2>&1 | head -1` exited 1 at times: head
    had gone when the error's second line was written, and the broken pipe ended the run as
    a fault. With standard error's reader gone from the start, it is 2 every time."""
    root = Path(__file__).resolve().parents[2]
    read, write = os.pipe()
    os.close(read)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "planner", "solve", str(SAMPLE), "--time-limit", "1_0"],
            stdout=subprocess.DEVNULL,
            stderr=write,
            cwd=tmp_path,
            env={**os.environ, "PYTHONPATH": str(root)},
            check=False,
        )
    finally:
        os.close(write)
    assert done.returncode == 2


def _every_command_help() -> dict[str, str]:
    """Each (sub-)command's --help text, by its name (``scenarios sweep``)."""
    import argparse

    from planner.interfaces.cli import build_parser

    found: dict[str, str] = {}

    def walk(parser: argparse.ArgumentParser, name: str) -> None:
        found[name] = parser.format_help()
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for word, child in action.choices.items():
                    walk(child, f"{name} {word}".strip())

    walk(build_parser(), "")
    return found


def test_every_commands_help_says_what_it_does_and_its_defaults_in_a_leaders_words():
    """`planner scenarios --help` opened on its usage with no line on what it does; the helps
    said "solve", "re-solve" and "capacity scaled" where the app says plan, re-plan and
    capacity changed, `generate --goals` "priority points", `--time-limit` gave no default,
    and the sweep's defaults read bare ("(0.7)", "(7)")."""
    helps = _every_command_help()
    assert {"solve", "scenarios", "scenarios sweep", "checkin"} <= set(helps)
    for name, text in helps.items():
        if not name:
            continue
        after_usage = text.split("\n\n")[1]
        assert not after_usage.startswith(("positional arguments", "options")), (name, text)
        assert "%%" not in text, name
        # The words after the usage, less the command's own name ("planner solve --baseline").
        words = " ".join(text.split("\n\n", 1)[1].replace("planner solve", "").split())
        for solver_word in (" solve ", "re-solve", "solves", "scaled", "priority points", "(7)"):
            assert solver_word not in words, (name, solver_word)
        if "--time-limit" in text:
            assert "10 s unless set" in words, name
    assert "0.7 = 70 % (default)" in " ".join(helps["scenarios sweep"].split())
    assert "0.1 = +10 % (default)" in " ".join(helps["scenarios marginal"].split())
    assert "as that allows (default 0.5 %)" in " ".join(helps["solve"].split())  # not "0.5"


def test_solve_to_plan_xlsx_simulates_the_goals_odds_once(tmp_path, capsys, monkeypatch):
    """``planner solve --out plan.xlsx`` simulated every goal's odds twice, once for its
    report and again for the workbook's Goals sheet: 1.8-1.9 s of CPU each at 100 teams x
    5,000 projects. The report's odds are the workbook's, simulated once, the same figures."""
    from openpyxl import load_workbook

    import planner.core.uncertainty as uncertainty
    import planner.interfaces.exports as exports

    simulated: list[int] = []
    real = uncertainty.goal_odds

    def counted(*args, **kwargs):
        simulated.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(uncertainty, "goal_odds", counted)
    monkeypatch.setattr(exports, "goal_odds", counted)
    out = tmp_path / "plan.xlsx"
    assert main(["solve", str(SAMPLE), "--out", str(out), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert len(simulated) == 1
    sheet = load_workbook(out, read_only=True)["Goals"]
    header, *rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == len(report["goals"]) > 0
    assert any(cell and "chance" in str(cell).lower() for cell in header), header


def test_solve_json_gives_a_goal_without_ranges_the_certain_answer_beside_goals_with_odds(
    tmp_path, capsys
):
    """SPEC: without a range a project's value is certain. A goal none of whose planned
    projects has a range gets the plan's certain answer in solve --json, 100.0 or 0.0, with
    `exact` and not `uncertain`, and words that say which ("certain to fall short"), beside a
    goal with odds: its 0.0 is the plan's answer, not a chance left unsaid (a bare 0.0 was
    read as "no chance", as if nothing were known)."""
    from decimal import Decimal as D

    from builders import goal, problem, project, team

    from planner.core.loading import write_folder

    folder = tmp_path / "q"
    write_folder(
        problem(
            [team("m1", capacity=100)],
            [
                project("sure", value=30, goal_id="reached"),
                project("short", value=5, goal_id="short_of_it"),
                project("bet", value=10, goal_id="bet", value_low=D(2), value_high=D(20)),
            ],
            goals=[goal("reached", 20), goal("short_of_it", 10), goal("bet", 12)],
        ),
        folder,
    )
    assert main(["solve", str(folder), "--out", str(tmp_path / "plan.csv"), "--json"]) == 0
    goals = {g["goal_id"]: g for g in json.loads(capsys.readouterr().out)["goals"]}
    for goal_id, certain, words in [
        ("reached", 100.0, "certain to reach it"),
        ("short_of_it", 0.0, "certain to fall short"),
    ]:
        g = goals[goal_id]
        assert (g["probability"], g["exact"], g["uncertain"]) == (certain, True, False), g
        assert words in g["words"] and "has a range of impact" in g["words"], g
    assert goals["bet"]["uncertain"] and 0 < goals["bet"]["probability"] < 100
