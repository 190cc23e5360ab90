"""planner.scenarios.input_changes: what an import changed, in the words and figures of the app.

Tested on a toy quarter: one marketing team, two projects for one goal of
100 leads; the import adds a third project. Plans are written by hand.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from builders import goal, problem, project, team

from planner.core.domain import Assignment, Plan, Problem, Result, Status, Unassigned
from planner.core.shown_figures import names_text
from planner.scenarios.input_changes import NAMED_ROWS, data_changes
from planner.scenarios.plan_change import import_summary, plan_change


@pytest.fixture
def quarter() -> Problem:
    """Content (marketing, 100 h); SEO (40 h, 50 leads) and Ads (40 h, 20 leads) for 100 leads."""
    return problem(
        [team("content", "marketing", 100, name="Content")],
        [
            project("seo", "awareness", 40, 50, goal_id="leads"),
            project("ads", "awareness", 40, 20, goal_id="leads"),
        ],
        goals=[goal("leads", 100, kpi="MQLs")],
    )


def planned(*project_ids: str, left_out: tuple[str, ...] = ()) -> Result:
    """A plan with every named project on Content, at its effort and value (40 h each)."""
    values = {"seo": 50, "ads": 20, "webinar": 25}
    plan = Plan(
        tuple(
            Assignment(p, "content", Decimal(1), Decimal(40), Decimal(values[p]))
            for p in project_ids
        ),
        tuple(Unassigned(p, "capacity went to work that scores higher") for p in left_out),
    )
    return Result(Status.OPTIMAL, plan, 0.0, 0.0, 0.0, 0.0)


def test_import_summary_counts_the_new_rows_and_moves_the_headline(quarter):
    """A leader imports a projects.csv with one project more: the page said only "Imported
    projects.csv" in a toast; the lasting line counts the projects and says how goal
    attainment and the projects in the plan moved, in the figures every page prints."""
    webinar = project("webinar", "awareness", 20, 25, goal_id="leads")
    after = replace(quarter, projects=(*quarter.projects, webinar))
    text = import_summary(
        "projects.csv",
        quarter,
        planned("seo", "ads"),
        after,
        planned("seo", "webinar", left_out=("ads",)),
    )
    assert text == (
        "Imported projects.csv: 2 → 3 projects; goal attainment 70.0 % → 75.0 % (+5.0 pts); "
        "2 → 2 of 3 projects in the plan"
    )


def test_import_summary_names_edits_that_keep_the_counts(quarter):
    """A teams.csv with one capacity changed has as many teams: the line names the edit as
    the "unsaved changes" line does, rather than an empty list of counts."""
    (content,) = quarter.teams
    after = replace(quarter, teams=(replace(content, capacity_hours=content.capacity_hours * 2),))
    text = import_summary("teams.csv", quarter, planned("seo", "ads"), after, None)
    assert text == "Imported teams.csv: Content capacity 100 h → 200 h"


def test_import_summary_without_a_plan_before_says_the_figure_now(quarter):
    """The plan before the import was never solved (the session opened on the Data page):
    the line gives attainment now, not a made-up figure before; with no plan after, it
    says there is none."""
    assert import_summary("q.zip", quarter, None, quarter, planned("seo")) == (
        "Imported q.zip: the same data as before; goal attainment now 50.0 %; "
        "1 of 2 projects in the plan"
    )
    infeasible = Result.without_plan(Status.INFEASIBLE, 0.0, ("no team can take SEO",))
    assert import_summary("q.zip", quarter, planned("seo"), quarter, infeasible).endswith(
        "; no plan with the imported data (the Plan page says why)"
    )


@pytest.fixture
def other_quarter() -> Problem:
    """Another company's quarter: its own team, project and goal, none of ``quarter``'s ids."""
    return problem(
        [team("content", "marketing", 100, name="Content")],
        [project("webinar", "awareness", 20, 25, goal_id="pipeline")],
        goals=[goal("pipeline", 50, kpi="SQLs")],
    )


def test_a_quarter_with_nothing_in_common_is_not_compared_with_the_plan_before(
    quarter, other_quarter
):
    """A leader imports their own workbook over the sample: the Overview read "Since the
    previous plan: Goal attainment 85.6 % → 63.1 %", every sample project "Dropped", every
    new one "Added" and each goal of either quarter going to or from a dash. Two quarters
    with no project and no goal in common are not a change of one plan: nothing to say,
    and the import line gives the figures now."""
    change = plan_change(
        quarter, planned("seo", "ads").plan, other_quarter, planned("webinar").plan
    )
    assert change.empty and change.lines() == []
    text = import_summary(
        "mine.xlsx", quarter, planned("seo", "ads"), other_quarter, planned("webinar")
    )
    assert text == (
        "Imported mine.xlsx: 2 → 1 project; goal attainment now 50.0 %; 1 of 1 project in the plan"
    )


def test_a_quarter_that_keeps_one_project_is_still_compared(quarter):
    """An import that keeps a project of the plan before is an edit of that quarter: the
    change is said, as before."""
    webinar = project("webinar", "awareness", 20, 25, goal_id="leads")
    after = replace(quarter, projects=(quarter.projects[0], webinar))
    change = plan_change(quarter, planned("seo", "ads").plan, after, planned("seo", "webinar").plan)
    assert not change.empty
    assert "Left out: ads" in change.lines()


def test_goal_attainment_since_a_reweighting_weighs_both_plans_alike():
    """A CMO makes MQLs matter 9 times as much as visits (it was 1 to 1) to see what it takes.

    "Since the previous plan" read "Goal attainment 65.0 % → 63.0 % (-2.0 pts)": the plan
    before weighed by the old weights, the new one by the new weights, so the change
    was the reweighting as much as the plan (on the sample, MQLs at 20 read +6.6 pts while
    SQLs fell 28 points). Both plans are now weighed as the goals matter now, and the
    figure the plan before read is said beside it.
    """
    before = problem(
        [team("content", "marketing", 100, name="Content")],
        [
            project("seo", "awareness", 40, 50, goal_id="leads"),
            project("ads", "awareness", 40, 20, goal_id="leads"),
            project("blog", "awareness", 40, 80, goal_id="visits"),
        ],
        goals=[goal("leads", 100, kpi="MQLs"), goal("visits", 100, kpi="visitors")],
    )
    after = replace(before, goals=(replace(before.goals[0], weight=Decimal(9)), before.goals[1]))

    def plan(*ids: str) -> Plan:
        values = {"seo": 50, "ads": 20, "blog": 80}
        return Plan(
            tuple(
                Assignment(p, "content", Decimal(1), Decimal(40), Decimal(values[p])) for p in ids
            )
        )

    change = plan_change(before, plan("seo", "blog"), after, plan("seo", "ads"))
    # Leads 50 % and visits 80 % before, 70 % and 0 % after: (9 x 50 + 80) / 10 = 53 %
    # before and (9 x 70 + 0) / 10 = 63 % after, both as the goals matter now.
    assert change.lines()[0] == (
        "Goal attainment 53.0 % → 63.0 % (+10.0 pts), both weighed by how much each goal "
        "matters now (the plan before read 65.0 % by the weights it had)"
    )
    # Without a reweighting the line is as it was.
    same = plan_change(after, plan("seo", "blog"), after, plan("seo", "ads"))
    assert same.lines()[0] == "Goal attainment 53.0 % → 63.0 % (+10.0 pts)"


def test_names_that_hold_a_comma_are_listed_apart(quarter):
    """A VP Sales cut Enterprise AEs to 60 % and read "Since the previous plan: ... Dropped:
    Enterprise account mapping, top 100, Mutual action plans for late-stage Enterprise
    deals": three projects, or two? Seven of the sample's names hold a comma. Names in a
    line are set apart with semicolons, in the banner, the what-if's line and the
    Overview's next steps alike.
    """
    named = replace(
        quarter,
        projects=(
            replace(quarter.projects[0], name="Enterprise account mapping, top 100"),
            replace(quarter.projects[1], name="Win/loss interviews, Q2 cohort"),
        ),
    )
    change = plan_change(named, planned("seo", "ads").plan, named, planned().plan)
    dropped = "Left out: Enterprise account mapping, top 100; Win/loss interviews, Q2 cohort"
    assert dropped in change.lines()
    assert names_text(["a, b", "c"]) == "a, b; c"
    assert names_text(["a", "b", "c"], shown=2) == "a; b and 1 more"


def test_the_change_since_the_previous_plan_names_the_projects_that_changed_team():
    """Saved "Demand Gen +30%" after "Marketing -20%": the Scenarios page's "Since the
    previous plan" listed 8 projects added and 1 dropped, where Compare of the same two
    plans read "1 moved, 8 added, 1 dropped": Competitive battlecards v2 had gone to
    Enterprise AEs unsaid. A plan that only moves a project is a change too."""
    two = problem(
        [
            team("content", "marketing", 100, name="Content"),
            team("brand", "marketing", 100, name="Brand"),
        ],
        [
            project("seo", "awareness", 40, 50, goal_id="leads"),
            project("ads", "awareness", 40, 20, goal_id="leads"),
        ],
        goals=[goal("leads", 100, kpi="MQLs")],
    )

    def on(owners: dict[str, str]) -> Plan:
        values = {"seo": 50, "ads": 20}
        return Plan(
            tuple(
                Assignment(p, t, Decimal(1), Decimal(40), Decimal(values[p]))
                for p, t in owners.items()
            )
        )

    change = plan_change(
        two, on({"seo": "content", "ads": "content"}), two, on({"seo": "brand", "ads": "content"})
    )
    assert not change.empty
    # The same attainment reads so, not "70.0 % → 70.0 % (0.0 pts)".
    assert change.lines() == [
        "Goal attainment 70.0 %: no change in the goals' progress",
        "Moved: seo",
    ]


def test_a_project_whose_id_was_renamed_is_neither_added_nor_dropped(quarter):
    """A leader renames a project's id on the Data page (AW-02 to AW-02-renamed; its pin
    follows): 'Since the previous plan' read 'Added: Annual user conference · Dropped:
    Annual user conference'. The project by its name, gone under one id and new under
    another, is the same project: nothing added or dropped; moved if its team changed."""
    seo = quarter.projects[0]
    after = replace(quarter, projects=(replace(seo, project_id="seo-2"), quarter.projects[1]))
    before_plan = planned("seo", "ads").plan
    kept = Plan(
        tuple(
            replace(a, project_id="seo-2") if a.project_id == "seo" else a
            for a in before_plan.assignments
        ),
        (),
    )
    change = plan_change(quarter, before_plan, after, kept)
    assert (change.added, change.dropped, change.moved) == ((), (), ())
    moved = Plan(
        tuple(
            replace(a, project_id="seo-2", team_id="brand") if a.project_id == "seo" else a
            for a in before_plan.assignments
        ),
        (),
    )
    change = plan_change(quarter, before_plan, after, moved)
    assert (change.added, change.dropped, change.moved) == ((), (), ("seo",))


def test_a_goal_whose_id_was_renamed_is_one_goal(quarter):
    """A goal's id renamed on the Data page (its projects following) read 'Since the previous
    plan: ... Leads – → 70.0 % (–) · Leads 70.0 % → – (–)', one goal as two; renamed and
    weighted anew at once, it must not fail on the old id."""
    leads = quarter.goals[0]
    after = replace(
        quarter,
        goals=(replace(leads, goal_id="leads-2", weight=Decimal(3)),),
        projects=tuple(replace(p, goal_id="leads-2") for p in quarter.projects),
    )
    before_plan = planned("seo", "ads").plan
    change = plan_change(quarter, before_plan, after, before_plan)
    (move,) = change.goals
    assert move.goal_id == "leads-2" and move.before == move.after == 70.0


def test_settings_of_the_search_are_said_without_solver_words(quarter):
    """Two scenarios whose settings.toml differ in [solve] workers and seed: the Compare
    tab's "What differs in the inputs" read "Solver cores 0 → 1 · Solver seed 0 → 3", a
    word a leader does not use, and 0 cores for what means every core."""
    from planner.scenarios.input_changes import settings_changes

    assert quarter.settings.solve.workers == 1 and quarter.settings.solve.seed == 0
    search = replace(quarter.settings.solve, workers=0, seed=3)  # 0: every core
    other = replace(quarter, settings=quarter.settings.with_changes(solve=search))
    said = settings_changes(quarter, other)
    assert said == (
        "Computer cores the planning uses 1 → all",
        "Random seed (which of equally good plans comes back) 0 → 3",
    )
    assert not any("solver" in line.lower() for line in said)


def test_the_same_owners_in_other_weeks_is_a_change_of_the_plan(quarter):
    """A calendar edit moved SEO from weeks 1-4 to weeks 5-8 on the same team: the Overview
    read "Since the previous plan: no change to the plan: the same 2 projects with the same
    teams", while Compare of the same two plans listed SEO as rescheduled. The change names
    the project and its weeks, as Compare does; the same weeks again is no change."""
    before_plan = Plan(
        tuple(replace(a, start_week=1, end_week=4) for a in planned("seo", "ads").plan),
        (),
    )
    later = Plan(
        tuple(
            replace(a, start_week=5, end_week=8) if a.project_id == "seo" else a
            for a in before_plan.assignments
        ),
        (),
    )
    change = plan_change(quarter, before_plan, quarter, later)
    assert not change.empty
    assert change.rescheduled == ("seo (weeks 1-4 → weeks 5-8)",)
    assert "Rescheduled: seo (weeks 1-4 → weeks 5-8)" in change.lines()
    assert plan_change(quarter, before_plan, quarter, before_plan).empty


def test_many_projects_in_other_weeks_are_named_five_and_counted(quarter):
    """A quarter of hundreds of projects rescheduled by one calendar edit would list every
    one in the line under the page's title: five are named, the rest counted."""
    ids = [f"p{i}" for i in range(8)]
    many = replace(quarter, projects=tuple(project(p, effort=1, goal_id="leads") for p in ids))

    def plan(start: int) -> Plan:
        return Plan(
            tuple(
                Assignment(p, "content", Decimal(1), Decimal(1), Decimal(1), False, start, start)
                for p in ids
            )
        )

    (line,) = [x for x in plan_change(many, plan(1), many, plan(2)).lines() if "Rescheduled" in x]
    assert line.endswith("p4 (week 1 → week 2) and 3 more"), line


def test_a_teams_own_hours_edited_are_named_with_the_team_and_its_hours(quarter):
    """Compare, the line of unsaved changes and the exports said "Teams: 1 edited" where the
    kept-close line beside them read "Content capacity 100 h → 200 h": a CMO comparing a
    scenario with the sample could not tell which team's hours had moved. Another edit to
    the same team is counted as before."""
    (content,) = quarter.teams
    more = replace(content, capacity_hours=content.capacity_hours * 2)
    assert data_changes(quarter, replace(quarter, teams=(more,))) == (
        "Content capacity 100 h → 200 h",
    )
    capped = replace(more, max_projects=2)
    assert data_changes(quarter, replace(quarter, teams=(capped,))) == (
        "Teams: 1 edited ('Content')",
    )


def test_projects_added_removed_or_edited_are_named_when_few(quarter):
    """Compare's "What differs in the inputs" read "Projects: 1 added, 1 removed, 1 edited"
    beside a plan with fewer projects: a CMO could not tell which project was new, which was
    gone and which had its weeks changed. A few are named, in quotes (a name may hold a
    comma); a file of new rows is still counted."""
    seo, ads = quarter.projects
    webinar = replace(ads, project_id="webinar", name="Webinar, part 2", effort_hours=Decimal(20))
    edited = replace(quarter, projects=(replace(seo, effort_hours=Decimal(30)), webinar))
    assert data_changes(quarter, edited) == (
        "Projects: 1 added ('Webinar, part 2'), 1 removed ('ads'), 1 edited ('seo')",
    )
    many = tuple(
        replace(ads, project_id=f"new-{i}", name=f"New {i}") for i in range(NAMED_ROWS + 1)
    )
    assert data_changes(quarter, replace(quarter, projects=(*quarter.projects, *many))) == (
        f"Projects: {NAMED_ROWS + 1} added",
    )


def test_a_named_weight_beside_a_figure_says_the_figure_it_stands_for(quarter):
    """Workload balance 0.1 (the app's "some") set to 0.2 read "Workload balance some → 0.2":
    a word beside a figure. A level set to a figure says the level's figure too; two
    levels, or two figures, read as before."""
    from planner.scenarios.input_changes import settings_changes

    def weighed(balance: float) -> Problem:
        weights = replace(quarter.settings.weights, balance=balance)
        return replace(quarter, settings=quarter.settings.with_changes(weights=weights))

    assert settings_changes(weighed(0.1), weighed(0.2)) == ("Workload balance some (0.1) → 0.2",)
    assert settings_changes(weighed(0.2), weighed(0.5)) == ("Workload balance 0.2 → strong (0.5)",)
    assert settings_changes(weighed(0.1), weighed(0.5)) == ("Workload balance some → strong",)
    assert settings_changes(weighed(0.2), weighed(0.3)) == ("Workload balance 0.2 → 0.3",)


def test_a_new_quarter_s_calendar_names_three_teams_and_counts_the_rest():
    """A VP uploaded a quarter of 150 teams over another: the line of changes above every
    page named the changed weeks of each team, a screen of "week 8 of SDR Team, NA East
    (107.7 h → 64.7 h, that week only), weeks 6 and 8 of ..." before the page began. Three
    teams are named, as a table's rows are (NAMED_ROWS), the others counted."""
    from planner import load_problem
    from planner.core.domain import CalendarRow

    sample = load_problem(Path(__file__).resolve().parents[2] / "data" / "sample")
    teams = [t.team_id for t in sample.teams]
    away = sample.replace(
        calendar=(*sample.calendar, *(CalendarRow(t, 13, 13, Decimal(0)) for t in teams))
    )
    (said,) = data_changes(sample, away)
    names = [t.name for t in sample.teams]
    assert said.startswith(f"Calendar: week 13 of {names[0]} (")
    assert [n for n in names if f"of {n} (" in said] == names[:NAMED_ROWS]
    assert said.endswith(f" and weeks of {len(teams) - NAMED_ROWS} more teams"), said
    # Three teams or fewer: each named, none counted.
    few = sample.replace(
        calendar=(*sample.calendar, *(CalendarRow(t, 13, 13, Decimal(0)) for t in teams[:3]))
    )
    (said,) = data_changes(sample, few)
    assert "more teams" not in said and all(f"of {n} (" in said for n in names[:3]), said


def test_a_line_of_changes_names_ten_projects_and_counts_the_rest():
    """A VP uploaded a quarter of 3,000 projects over another: "Since the previous plan"
    named each project the new plan added, a screen of names above the page. Ten are named
    (NAMED_CHANGES), the others counted, as the rescheduled ones are."""
    from planner.scenarios.plan_change import NAMED_CHANGES

    many = problem(
        [team("content", "marketing", 1000, name="Content")],
        [project(f"p{i:02d}", "awareness", 40, 10, goal_id="leads") for i in range(15)],
        goals=[goal("leads", 100, kpi="MQLs")],
    )
    owned = Plan(
        tuple(
            Assignment(p.project_id, "content", Decimal(1), Decimal(40), Decimal(10))
            for p in many.projects
        ),
        (),
    )
    none = Plan((), tuple(Unassigned(p.project_id, "capacity") for p in many.projects))
    (added,) = [line for line in plan_change(many, none, many, owned).lines() if "Added" in line]
    names = [p.name for p in many.projects]
    assert added == "Added: " + "; ".join(names[:NAMED_CHANGES]) + " and 5 more", added
