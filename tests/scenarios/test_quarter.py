"""A check-in's quarter: saved check-ins in their own tables, and a second check-in that
starts from the quarter's inputs so capacity is cut once.
"""

from __future__ import annotations

import io
import json
from dataclasses import replace
from decimal import ROUND_DOWN, Decimal
from fractions import Fraction
from pathlib import Path

import duckdb
import openpyxl
import pytest
from builders import with_status

from planner.checker import check_plan
from planner.core.cell_formats import percent_cell
from planner.core.loading import load_with_warnings
from planner.core.shown_figures import percent_value
from planner.interfaces.replan_exports import rest_of_quarter_rows
from planner.interfaces.scenario_exports import scenario_files
from planner.scenarios.checkin import (
    CheckIn,
    ProjectProgress,
    ProjectStatus,
    remaining_capacity,
    to_places,
)
from planner.scenarios.checkin_note import NOTE_MARKER, describe_checkin
from planner.scenarios.checkin_toml import parse_checkin
from planner.scenarios.checkin_toml_writing import checkin_to_toml
from planner.scenarios.compare import compare
from planner.scenarios.metrics import result_metrics
from planner.scenarios.on_plan import checkin_as_planned
from planner.scenarios.out_of_plan import out_of_plan
from planner.scenarios.quarter import QuarterNotFoundError, quarter_basis
from planner.scenarios.replan import replan
from planner.scenarios.rest_of_quarter import replan_problem
from planner.scenarios.scenario import MAX_NOTE_LENGTH, new_scenario
from planner.scenarios.schema import SCHEMA_VERSION
from planner.scenarios.storage import NameTakenError, ScenarioStore
from planner.scenarios.whatif import with_capacity
from planner.solving.solver import solve

D = Decimal
SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"


@pytest.fixture(scope="module")
def quarter():
    """The sample quarter and its plan."""
    problem = load_with_warnings(SAMPLE).problem
    return problem, solve(problem)


def first_replan(problem, result, weeks="6"):
    """A check-in as planned at ``weeks`` with LG-06 dropped, and its re-plan."""
    checkin = with_status(checkin_as_planned(problem, result.plan, D(weeks)), "LG-06", "dropped")
    outcome = replan(problem, result.plan, checkin, max_changes=3, stability_weight=5)
    return checkin, outcome


def test_a_checkin_is_stored_in_its_own_tables_and_reads_back_equal(tmp_path, quarter):
    """The check-in a re-plan was made after is part of the saved scenario, exactly."""
    problem, result = quarter
    checkin, outcome = first_replan(problem, result)
    with ScenarioStore.open(tmp_path / "s.duckdb") as store:
        parent = store.save(new_scenario(problem, result, "Q plan"))
        child = new_scenario(
            outcome.problem, outcome.result, "check-in", parent_id=parent.scenario_id,
            checkin=checkin,
        )  # fmt: skip
        loaded = store.load(store.save(child).scenario_id)
        assert store.load(parent.scenario_id).checkin is None
    assert loaded.checkin == checkin
    assert loaded.note == ""


def test_a_late_end_week_is_saved_and_a_second_checkin_starts_from_it(tmp_path, quarter):
    """A leader's "it will take until week 12" is part of the saved check-in: it loads
    back, the re-plan saved with it runs the project to week 12, and a second check-in
    against that re-plan (the Check-in page's saved baseline) starts from it: the project
    is pre-filled to end in week 12, and the earlier check-in it follows keeps its end week.
    """
    problem, result = quarter
    running = checkin_as_planned(problem, result.plan, D(6)).ids_with(ProjectStatus.IN_PROGRESS)
    late = next(
        a.project_id
        for a in result.plan.assignments
        if a.project_id in running and a.end_week is not None and a.end_week < 12
    )
    checkin, _ = first_replan(problem, result)
    percent = checkin.progress(late).percent_done
    checkin = with_status(checkin, late, ProjectStatus.IN_PROGRESS, float(percent), end_week=12)
    outcome = replan(problem, result.plan, checkin, max_changes=3, stability_weight=5)
    assert outcome.result.plan is not None
    assert {a.end_week for a in outcome.result.plan.assignments if a.project_id == late} == {12}
    with ScenarioStore.open(tmp_path / "s.duckdb") as store:
        parent = store.save(new_scenario(problem, result, "Q plan"))
        child = new_scenario(
            outcome.problem, outcome.result, "late", parent_id=parent.scenario_id, checkin=checkin
        )
        saved = store.load(store.save(child).scenario_id)
        basis = quarter_basis(saved, store.load)
    assert saved.checkin == checkin and saved.checkin.progress(late).end_week == 12
    assert basis.since is not None and basis.since.progress(late).end_week == 12
    second = checkin_as_planned(basis.problem, basis.plan, D(8), since=basis.since)
    assert second.progress(late).end_week == 12


def checkin_note(problem, checkin) -> str:
    """A re-plan's note as it was saved before check-ins had tables of their own (schema 3):
    the check-in in one sentence, then after ``NOTE_MARKER`` the check-in as TOML."""
    return f"{describe_checkin(problem, checkin)}\n\n{NOTE_MARKER}\n{checkin_to_toml(checkin)}"


def test_a_checkin_too_large_for_a_note_saves_whole(tmp_path):
    """The bug this replaces: the check-in rode in the note as TOML and a quarter of a few
    hundred projects broke the note's 10,000 characters. In its own tables it has no limit.
    """
    problem = load_with_warnings(SAMPLE).problem
    projects = {
        f"project-{i:04d}-{'x' * 20}": ProjectProgress(ProjectStatus.DONE) for i in range(600)
    }
    checkin = CheckIn(D(6), projects=projects, note="n" * 20)
    assert len(checkin_note(problem, checkin)) > MAX_NOTE_LENGTH
    scenario = replace(new_scenario(problem, solve(problem), "big"), checkin=checkin)
    with ScenarioStore.open(tmp_path / "s.duckdb") as store:
        assert store.load(store.save(scenario).scenario_id).checkin == checkin


def test_a_database_whose_checkin_lives_in_the_note_still_opens(tmp_path, quarter):
    """A file written before migration 4 (schema 3, check-in as TOML in the note) is
    migrated on open, and its re-plan still has its check-in.
    """
    problem, result = quarter
    checkin, outcome = first_replan(problem, result)
    path = tmp_path / "old.duckdb"
    with ScenarioStore.open(path) as store:
        old = new_scenario(outcome.problem, outcome.result, "old", checkin_note(problem, checkin))
        saved = store.save(old)
    connection = duckdb.connect(str(path))  # back to what schema 3 wrote
    for table in (
        "scenario_checkins",
        "scenario_checkin_projects",
        "scenario_checkin_goals",
        "scenario_checkin_hours",
    ):
        connection.execute(f"DROP TABLE {table}")
    connection.execute("UPDATE planner_schema SET version = 3")
    connection.close()
    with ScenarioStore.open(path) as store:
        assert store.schema_version() == SCHEMA_VERSION
        assert store.load(saved.scenario_id).checkin == checkin


def test_a_parent_and_child_save_is_all_or_nothing(tmp_path, quarter):
    """The session plan and its check-in's re-plan are saved together: when the child
    cannot be saved (its name is taken), the parent is not left behind alone.
    """
    problem, result = quarter
    checkin, outcome = first_replan(problem, result)
    with ScenarioStore.open(tmp_path / "s.duckdb") as store:
        store.save(new_scenario(problem, result, "taken"))
        parent = new_scenario(problem, result, "baseline")
        child = new_scenario(outcome.problem, outcome.result, "taken", checkin=checkin)
        with pytest.raises(NameTakenError):
            store.save(child, new_parent=parent)
        assert [s.name for s in store.list()] == ["taken"]
        child = replace(child, name="check-in")
        saved = store.save(child, new_parent=parent)
        assert store.summary(saved.parent_id).name == "baseline"


@pytest.mark.parametrize("folder", ["sample-without-weeks", "sample"])
def test_two_checkins_in_a_row_cut_capacity_once(tmp_path, folder):
    """The second check-in starts from the quarter's inputs: each team's capacity in its
    re-plan is the base capacity minus the hours used by then, once (in weeks: the
    quarter's weeks still to come, scaled down where the hours used leave less). Started
    from the first re-plan's own problem it would be cut twice.
    """
    problem = load_with_warnings(SAMPLE.parent / folder).problem
    result = solve(problem)
    first, outcome = first_replan(problem, result)
    with ScenarioStore.open(tmp_path / "s.duckdb") as store:
        parent = store.save(new_scenario(problem, result, "Q plan"))
        child = new_scenario(
            outcome.problem, outcome.result, "first", parent_id=parent.scenario_id, checkin=first
        )
        saved = store.load(store.save(child).scenario_id)
        basis = quarter_basis(saved, store.load)
    assert basis.problem == problem and basis.since == first
    assert {"LG-06"}.isdisjoint(basis.plan.owners())
    at = D(9) if problem.is_time_phased else D("9.75")  # in weeks, at a whole week
    second = checkin_as_planned(basis.problem, basis.plan, at, since=basis.since)
    rest = replan_problem(basis.problem, basis.plan, second, max_changes=0, stability_weight=5)
    for team in problem.teams:
        spent = second.hours_used[team.team_id]
        assert spent >= first.hours_used[team.team_id]
        left = rest.team(team.team_id).capacity_hours
        if problem.is_time_phased:  # weeks 10-13 as the calendar has them, or what is left
            weeks = [Fraction(h) for h in problem.week_hours[team.team_id][9:]]
            in_force = problem.settings.plannable_share(team.team_id, team.department)
            unused = problem.quarter_hours(team.team_id) - Fraction(spent) / in_force
            if unused < sum(weeks):
                weeks = [h * max(unused, Fraction(0)) / sum(weeks) for h in weeks]
            assert left == sum((to_places(h, ROUND_DOWN) for h in weeks), D(0))
        else:
            assert left == team.capacity_hours - spent
    twice = {t.team_id: remaining_capacity(t, second) for t in saved.problem.teams}
    assert any(twice[t.team_id] < rest.team(t.team_id).capacity_hours for t in problem.teams)
    again = solve(rest)
    assert again.plan is not None and check_plan(rest, again.plan) == []


def test_a_replan_whose_quarter_was_deleted_says_so(tmp_path, quarter):
    """Without its parent the quarter's inputs are gone: refused in words, never guessed."""
    problem, result = quarter
    first, outcome = first_replan(problem, result)
    with ScenarioStore.open(tmp_path / "s.duckdb") as store:
        parent = store.save(new_scenario(problem, result, "Q plan"))
        child = new_scenario(
            outcome.problem, outcome.result, "first", parent_id=parent.scenario_id, checkin=first
        )
        saved = store.load(store.save(child).scenario_id)
        store.delete(parent.scenario_id)
        with pytest.raises(QuarterNotFoundError, match="no longer saved"):
            quarter_basis(saved, store.load)


def test_the_export_of_a_saved_replan_carries_its_checkin(tmp_path, quarter):
    """A re-plan sent on as a zip keeps the check-in it was made after, as the TOML that
    ``planner checkin --since`` reads; a plain plan's zip has none.
    """
    problem, result = quarter
    first, outcome = first_replan(problem, result)
    with ScenarioStore.open(tmp_path / "s.duckdb") as store:
        plain = store.load(store.save(new_scenario(problem, result, "Q plan")).scenario_id)
        child = new_scenario(outcome.problem, outcome.result, "first", checkin=first)
        saved = store.load(store.save(child).scenario_id)
    assert "checkin.toml" not in scenario_files(plain)
    assert parse_checkin(scenario_files(saved)["checkin.toml"].decode("utf-8")) == first


def _summary(workbook: bytes) -> dict[str, object]:
    """plan.xlsx's Summary sheet: figure -> value."""
    sheet = openpyxl.load_workbook(io.BytesIO(workbook), read_only=True)["Summary"]
    return {row[0]: row[1] for row in sheet.iter_rows(min_row=2, values_only=True)}


def test_the_plan_xlsx_of_a_saved_checkin_heads_the_quarter_end_as_its_scenario_json(quarter):
    """A check-in's zip reads one headline: plan.xlsx's Summary as scenario.json and the list.

    Its plan.xlsx headed "Goal attainment" with the re-plan's own score of what was left of
    each target (74.6 % on the sample at week 6), beside scenario.json's 83.8 % at quarter
    end in the same zip, as the Check-in page and the Scenarios list read it; and its
    projects in the plan, left out and utilisation were the rest of the quarter's (24, 5,
    80.6 %) against the list's 32, 19 and 80.4 %. The Summary now heads the quarter end
    and names the re-plan's figures for the weeks left.
    """
    problem, result = quarter
    checkin, outcome = first_replan(problem, result)
    # Saved as the Check-in page saves it, with the plan its downloads had.
    exported = rest_of_quarter_rows(
        *(problem, outcome.problem, outcome.result.plan, result.plan, checkin, outcome.diff)
    )
    child = new_scenario(
        *(outcome.problem, outcome.result, "check-in"),
        checkin=checkin,
        quarter=problem,
        checkin_plan=exported,
    )
    files = scenario_files(child)
    info, summary = json.loads(files["scenario.json"]), _summary(files["plan.xlsx"])
    figures = list(summary)
    headline = "Goal attainment at quarter end (%, achieved so far + the re-plan, weighted)"
    assert figures[1] == headline
    assert summary[headline] == percent_cell(percent_value(info["attainment_pct"]))
    assert summary["Projects in the quarter's plan (done + re-planned)"] == info["num_assigned"]
    assert summary["Projects left out of the quarter's plan"] == info["num_unassigned"]
    assert summary[
        "Sales and Marketing, % of the quarter planned (hours used + re-planned)"
    ] == percent_cell(percent_value(info["utilisation_pct"]))
    # The re-plan's own figures stay, each named for the weeks left.
    rest = result_metrics(outcome.problem, outcome.result)
    assert summary["Weeks left: goal attainment of what was left of each target (%)"] == (
        percent_cell(percent_value(rest.attainment_pct))
    )
    assert summary["Weeks left: projects in the plan"] == rest.num_planned
    assert "Goal attainment (%, weighted, each goal capped at 100 %)" not in summary
    # A plain plan's Summary is as it was.
    plain = _summary(scenario_files(new_scenario(problem, result, "Q plan"))["plan.xlsx"])
    assert list(plain)[1] == "Goal attainment (%, weighted, each goal capped at 100 %)"


def test_the_goals_sheet_of_a_saved_checkin_names_its_figures_for_the_weeks_left(quarter):
    """A check-in's plan.xlsx listed each goal's "Target" as what was left of it (86,425
    website visitors where the Check-in page and goals.csv say 100,000) and its "Weight"
    scaled to match (0.864 for a goal of weight 1). The headings say what the figures are:
    the target left, what the re-plan adds (the Check-in page's "Re-plan adds") and its
    share of the target left; a plain plan's Goals sheet reads as before.
    """
    problem, result = quarter
    checkin, outcome = first_replan(problem, result)
    child = new_scenario(
        outcome.problem, outcome.result, "check-in", checkin=checkin, quarter=problem
    )
    book = openpyxl.load_workbook(io.BytesIO(scenario_files(child)["plan.xlsx"]), read_only=True)
    header = next(book["Goals"].iter_rows(max_row=1, values_only=True))
    assert "Target" not in header and "Weight" not in header
    assert header[3:8] == (
        "Weight × share of target still to reach",
        "Target left",
        "Re-plan adds",
        "% of the target left",
        "Short of the target left",
    )
    plain = scenario_files(new_scenario(problem, result, "Q plan"))["plan.xlsx"]
    header = next(
        openpyxl.load_workbook(io.BytesIO(plain), read_only=True)["Goals"].iter_rows(
            max_row=1, values_only=True
        )
    )
    assert header[3:8] == ("Weight", "Target", "Planned", "Attainment (%)", "Short by")


def test_a_saved_checkin_lists_the_quarter_s_projects_and_utilisation_beside_its_attainment(
    quarter,
):
    """A saved check-in's row reads the quarter end in every column, as its headline does.

    Its attainment was the quarter-end forecast while its utilisation and left-out count
    were the re-plan's (the rest of the quarter: done work gone, capacity cut): a check-in
    that went to plan listed 66.3 % like its parent but 4 projects left out against the
    parent's 24, and 67.3 % utilisation against 68.6 %, a change where there was none.
    """
    problem, result = quarter
    checkin = checkin_as_planned(problem, result.plan, D(6))
    outcome = replan(problem, result.plan, checkin, max_changes=3, stability_weight=5)
    parent = new_scenario(problem, result, "Q plan").metrics
    child = new_scenario(
        outcome.problem, outcome.result, "check-in", checkin=checkin, quarter=problem
    ).metrics
    assert outcome.num_changes == 0
    assert child.attainment_pct == pytest.approx(parent.attainment_pct)
    assert child.num_assigned == parent.num_assigned
    assert child.num_unassigned == parent.num_unassigned
    assert child.utilisation_pct == pytest.approx(parent.utilisation_pct)
    # Dropping a project at the check-in leaves it out of the quarter's plan.
    dropped = with_status(checkin, "LG-06", "dropped")
    outcome = replan(problem, result.plan, dropped, max_changes=3, stability_weight=5)
    child = new_scenario(
        outcome.problem, outcome.result, "dropped", checkin=dropped, quarter=problem
    ).metrics
    in_plan = (set(outcome.result.plan.owners()) | dropped.ids_with(ProjectStatus.DONE)) & set(
        problem.project_index
    )
    assert child.num_assigned == len(in_plan)
    assert child.num_unassigned == len(problem.projects) - len(in_plan)


def test_a_checkin_compared_with_its_parent_keeps_done_work_and_the_quarter_s_team_hours(
    quarter,
):
    """Comparing a plan with its check-in lists what changed, not what got done.

    Done projects are not in the re-plan's inputs (their hours are spent), so the
    comparison called the 8 done projects "dropped" ("not in the check-in's inputs") and
    showed every team's load falling by hundreds of hours, in a check-in that went to
    plan. Done work stays with the teams that did it; a team's hours are the hours used
    so far plus the re-plan's; a project dropped at the check-in says so.
    """
    problem, result = quarter
    checkin = with_status(checkin_as_planned(problem, result.plan, D(6)), "CL-03", "dropped")
    outcome = replan(problem, result.plan, checkin, max_changes=0, stability_weight=5)
    parent = new_scenario(problem, result, "Q plan")
    child = new_scenario(
        outcome.problem, outcome.result, "check-in", checkin=checkin, quarter=problem
    )
    both = compare(parent, child)
    done = checkin.ids_with(ProjectStatus.DONE)
    assert done and not done & {c.project_id for c in both.projects}
    assert ("CL-03", "dropped", "dropped at the check-in") in [
        (c.project_id, c.kind, c.note) for c in both.projects
    ]
    touched = {t for c in both.projects for t in (*c.before, *c.after)}
    assert touched  # the dropped project's team, and any team taking added work
    for team in both.teams:
        if team.team_id not in touched:
            assert team.hours_b == pytest.approx(team.hours_a, abs=D("0.01")), team.name


def test_a_checkin_compared_with_its_parent_says_what_it_is_not_which_inputs_changed(quarter):
    """Beside its parent, a check-in's inputs are the rest of the quarter: every team's
    hours, every target and most projects differ by construction. The comparison listed
    "Stability (keep owners) 0 -> 5" and the page "Teams: 10 edited; Projects: 28
    removed"; a leader reads that the plan was rebuilt. It says it is a check-in instead.
    """
    problem, result = quarter
    checkin = with_status(checkin_as_planned(problem, result.plan, D(6)), "CL-03", "dropped")
    outcome = replan(problem, result.plan, checkin, max_changes=0, stability_weight=5)
    parent = new_scenario(problem, result, "Q plan")
    child = new_scenario(
        outcome.problem, outcome.result, "Week 6", checkin=checkin, quarter=problem
    )
    done = len(checkin.ids_with(ProjectStatus.DONE))
    going = len(checkin.ids_with(ProjectStatus.IN_PROGRESS))
    both = compare(parent, child)
    assert both.settings_changes == (
        f"Week 6 re-plans the rest of the quarter after a check-in at week 6 of 13 "
        f"({done} done, {going} in progress, 1 dropped by you)",
    )
    # Nor the tables' rows (the CLI printed "projects.csv: 51 row(s) only in A, 22 only in B").
    assert both.data_changes == () and both.input_changes == {}


def test_a_saved_checkin_beside_the_plan_it_was_saved_on_counts_its_projects_as_its_note(
    quarter,
):
    """Compare's "What differs" said "1 dropped" where the saved check-in's note said "0 left
    out by the re-plan, 1 marked dropped": one function words both, so a VP reads one count,
    in the Check-in page's words. Beside another plan than its own, nothing tells what the
    re-plan left out: "1 dropped by you"."""
    problem, result = quarter
    checkin = with_status(checkin_as_planned(problem, result.plan, D(6)), "CL-03", "dropped")
    outcome = replan(problem, result.plan, checkin, max_changes=0, stability_weight=5)
    parent = replace(new_scenario(problem, result, "Plan before week 6"), scenario_id=7)
    child = new_scenario(
        outcome.problem, outcome.result, "Week 6", parent_id=7, checkin=checkin, quarter=problem
    )
    out = out_of_plan(result.plan, outcome.result.plan, checkin)
    note = describe_checkin(problem, checkin, out=out)
    (line,) = compare(parent, child).settings_changes
    counted = line.split(" of 13 (", 1)[1].removesuffix(")")
    dropped = problem.project("CL-03").name
    assert counted.endswith(f", 1 dropped by you ('{dropped}')")
    assert f"{len(out.left_out)} left out by the re-plan" in counted
    assert f": {counted}." in note  # named as the saved note names them
    # Another plan, not the one it was saved on: the projects marked dropped only.
    (line,) = compare(replace(parent, scenario_id=8), child).settings_changes
    assert line.endswith(" 1 dropped by you)")


def test_a_check_in_as_planned_reads_the_same_team_load_words_in_compare_and_the_cli(
    quarter, capsys
):
    """A week-6 check-in left as pre-filled, compared with its baseline: Compare said no
    team's hours change by an hour or more (the pre-fill's hours used are whole hours),
    while ``planner scenarios compare`` listed SDR Team at "740 h" then "739 h", "-0.7 h".
    The command line says it in Compare's words."""
    from planner.interfaces.scenario_text import print_comparison, team_load_words

    problem, result = quarter
    checkin = checkin_as_planned(problem, result.plan, D(6), D(13), typed=True)
    outcome = replan(problem, result.plan, checkin, max_changes=3, stability_weight=5)
    child = new_scenario(
        outcome.problem, outcome.result, "Week 6", checkin=checkin, quarter=problem
    )
    diff = compare(new_scenario(problem, result, "Q plan"), child)
    words = team_load_words(diff)
    assert words is not None and words.startswith("no team's planned hours change by an hour")
    print_comparison(diff)
    printed = capsys.readouterr().out
    assert f"team load: {words}" in printed
    assert "planned in A" not in printed


def test_a_project_dropped_after_its_work_was_done_is_said_beside_the_team_hours(quarter, capsys):
    """A project the plan had done by week 6, marked dropped at the check-in, left the plan
    while Compare said "no team's planned hours change by an hour or more": its hours were
    spent, and a check-in's team hours are the quarter's (used so far + re-planned). The
    Compare tab, the command line and comparison.xlsx say what the hours are and that the
    project out of the plan keeps the hours it used."""
    from planner.interfaces.scenario_exports import comparison_sheets
    from planner.interfaces.scenario_text import comparison_json, print_comparison

    problem, result = quarter
    checkin = checkin_as_planned(problem, result.plan, D(6), D(13), typed=True)
    done = sorted(checkin.ids_with(ProjectStatus.DONE))[0]
    checkin = with_status(checkin, done, "dropped")
    outcome = replan(problem, result.plan, checkin, max_changes=3, stability_weight=5)
    child = new_scenario(
        outcome.problem, outcome.result, "Week 6", checkin=checkin, quarter=problem
    )
    diff = compare(new_scenario(problem, result, "Q plan"), child)
    # The leader's drop, said so: not "left out", a plan's word.
    assert [c.project_id for c in diff.changes("dropped")] == [done]
    assert diff.changes("left out") == ()
    assert all(abs(t.delta_hours) < 1 for t in diff.teams)  # the hours were spent
    words = diff.team_hours_words()
    assert words is not None and "hours used so far (spent) plus its re-planned hours" in words
    assert "The 1 project out of the plan keeps the hours it used before the check-in" in words
    print_comparison(diff)
    assert f"team hours: {words}" in capsys.readouterr().out
    assert comparison_json(diff)["team_hours_words"] == words
    summary = dict(comparison_sheets(diff))["Summary"]
    assert words in list(summary["Change"]), summary
    # Two plans without a check-in: their hours are the plans' own, nothing to say.
    assert (
        compare(
            new_scenario(problem, result, "A"), new_scenario(problem, result, "B")
        ).team_hours_words()
        is None
    )


def test_a_replans_teams_at_the_quarters_end_read_their_quarter_end_hours(quarter):
    """Compare reads a check-in's teams at the quarter's end: hours used so far plus the
    re-plan's, over what was left plus those. Their hours as shown were the re-plan's own,
    rounded before the hours used were added (a team's capacity shown as what was left of
    it): the figures a page writes must be the quarter-end ones, adding up by department."""
    from planner.scenarios.compare import _quarter_loads
    from planner.scenarios.metrics import shown_hours

    problem, result = quarter
    checkin, outcome = first_replan(problem, result)
    child = new_scenario(outcome.problem, outcome.result, "check-in", checkin=checkin)
    loads = _quarter_loads(child)
    assert loads, "the re-plan has teams"
    for team in loads.values():
        assert team.shown_in_force == shown_hours(team.in_force_hours), team
        assert abs(team.shown_planned - team.planned_hours) <= 1, team
    for department in {t.department for t in loads.values()}:
        teams = [t for t in loads.values() if t.department == department]
        exact = sum(t.planned_hours for t in teams)
        assert sum(t.shown_planned for t in teams) == shown_hours(exact), department


def test_deleting_the_plan_a_check_in_was_made_on_says_the_check_in_needs_it(
    quarter, tmp_path, capsys
):
    """`scenarios delete` of the plan a saved check-in was made on asked only for --yes
    (the app: "scenarios built on it stay"): the check-in stayed, but could no longer be
    checked in on again, its quarter's full capacities and targets gone with the plan.
    The confirmation names the check-ins that need it, and what deleting it costs them; a
    plain what-if built on it is not named."""
    from planner.interfaces.cli import main

    problem, result = quarter
    checkin, outcome = first_replan(problem, result)
    db = tmp_path / "s.duckdb"
    with ScenarioStore.open(db) as store:
        parent = store.save(new_scenario(problem, result, "Q plan"))
        store.save(
            new_scenario(
                outcome.problem,
                outcome.result,
                "Week 6",
                parent_id=parent.scenario_id,
                checkin=checkin,
            )
        )
        other = with_capacity(problem, "sales", 0.9)
        store.save(new_scenario(other, solve(other), "Sales 90", parent_id=parent.scenario_id))
    code = main(["scenarios", "--db", str(db), "delete", "Q plan"])
    err = capsys.readouterr().err
    assert code == 2
    assert "#2 Week 6 is a check-in made on it" in err, err
    assert "without it, it could no longer be checked in on again" in err
    assert "Sales 90" not in err
    assert main(["scenarios", "--db", str(db), "delete", "Q plan", "--yes"]) == 0
    out = capsys.readouterr().out
    assert "deleted scenario 1: Q plan" in out and "#2 Week 6" in out
