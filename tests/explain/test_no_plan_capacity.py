"""Why no plan, when hours run short: the exact hours, multipliers and utilisation
put back before hours are added, the capacity core, and the hours a fix adds to
every week.

Each case is tiny and built to run short; the explanation names the teams
and projects, and its first suggested fix, applied to the problem, must give a plan.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from fractions import Fraction

from builders import (
    SAMPLE,
    estimate,
    pin,
    problem,
    project,
    settings,
    team,
)
from no_plan_checks import assert_repair_gives_a_plan, first_fix, infeasible

from planner.core.domain import Baseline, Problem, Status
from planner.core.loading import load_with_warnings
from planner.explain import (
    AddCapacity,
    DropPin,
    RaiseChangeBudget,
    RestoreMultiplier,
    RestoreUtilization,
)
from planner.explain.relaxation import Kind, RelaxableGroup
from planner.solving.solver import solve


def test_team_overloaded_by_pinned_and_sole_team_mandatory_work_gets_the_exact_hours():
    """Pinned plus mandatory hours over capacity: the fix adds exactly the shortfall."""
    p = problem(
        [team("Demand Gen", capacity=100, skills={"events": 3}), team("Brand")],
        [
            project("Webinar", effort=60, required_skills={"events": 3}, mandatory=True),
            project("Ads", effort=70),
        ],
        rules=[pin("Ads", "Demand Gen")],
    )
    why = infeasible(p)
    text = why.text()
    assert "Demand Gen can plan 100 h but must carry 130 h" in text
    assert "'Webinar' (60 h)" in text and "'Ads' (70 h, pinned)" in text
    assert "add 30 h to Demand Gen" in text
    fixes = [f.changes for f in why.conflicts[0].fixes]
    assert fixes[0] == (DropPin("Ads", "Demand Gen"),)  # the leader's own pin goes first
    assert (AddCapacity("Demand Gen", Decimal(30)),) in fixes
    assert_repair_gives_a_plan(p, why)
    short = AddCapacity("Demand Gen", Decimal(29)).apply(p)
    assert solve(short).status is Status.INFEASIBLE  # 30 h is the least that works


def test_a_team_s_forced_hours_read_as_the_sum_of_the_hours_listed():
    """A check-in at week 6 read 'Customer Success can plan 646 h but must carry 734 h of
    work in progress ...: 'QBR' (320 h, pinned); 'Save desk' (187 h ...) and 'Upsell'
    (228 h ...) ... add 89 h': 320 + 187 + 228 is 735, and so is 646 + 89. Each part is
    rounded as listed; the total is the sum a leader makes of them."""
    p = problem(
        [team("CS", "sales", capacity="646"), team("AEs", "sales")],
        [
            project("QBR", "retention", effort=320),
            project("Save desk", "retention", effort="186.7"),
            project("Upsell", "retention", effort="227.5"),
        ],
        rules=[pin("QBR", "CS"), pin("Save desk", "CS"), pin("Upsell", "CS")],
    )
    text = infeasible(p).text()
    assert "'QBR' (320 h, pinned)" in text and "'Save desk' (187 h, pinned)" in text
    assert "'Upsell' (228 h, pinned)" in text
    assert "CS can plan 646 h but must carry 735 h" in text


def test_capacity_fix_accounts_for_multiplier_and_utilisation():
    """Leaders edit capacity_hours: the fix converts the shortfall back through both factors."""
    base = settings()
    s = base.with_changes(
        capacity=type(base.capacity)(max_utilization=0.8, multipliers={"marketing": 0.5})
    )
    p = problem(
        [team("Brand", capacity=100)], [project("Launch", effort=60, mandatory=True)], settings=s
    )
    why = infeasible(p)
    # 100 h x 0.5 x 0.8 = 40 h plannable; 20 h short -> 50 capacity hours.
    assert first_fix(why) == (AddCapacity("Brand", Decimal(50)),)
    assert_repair_gives_a_plan(p, why)


def test_a_low_max_utilisation_is_put_back_before_any_hours_are_added():
    """At a max utilisation of 20 % a 100 h team can plan 20 h of a mandatory 60 h project:
    the fix read "add 200 h to Brand", ten times what the leader's own cap hid. It puts
    the max utilisation back to 100 % first, naming the 20 % the scenario sets."""
    base = settings()
    s = base.with_changes(capacity=type(base.capacity)(max_utilization=0.2))
    p = problem(
        [team("Brand", capacity=100)], [project("Launch", effort=60, mandatory=True)], settings=s
    )
    why = infeasible(p)
    assert first_fix(why) == (RestoreUtilization(),)
    assert "each team is planned up to 20 % of its hours" in why.conflicts[0].summary
    text = why.text()
    assert (
        "Plan each team up to 100 % of its hours (this scenario has each team planned up to 20 %)"
        in (text)
    )
    assert "Add 200 h" not in text and "add 200 h" not in text
    assert_repair_gives_a_plan(p, why)


def test_a_team_too_small_even_at_full_utilisation_gets_the_cap_back_then_the_hours():
    """At 10 % a 100 h team can plan 10 h of a mandatory 150 h project: 100 % gives it 90 of
    the 140 h it lacks, so the cap goes back first and then the 50 h still missing."""
    base = settings()
    s = base.with_changes(capacity=type(base.capacity)(max_utilization=0.1))
    p = problem(
        [team("Brand", capacity=100)], [project("Launch", effort=150, mandatory=True)], settings=s
    )
    why = infeasible(p)
    assert first_fix(why) == (RestoreUtilization(), AddCapacity("Brand", Decimal(50)))
    assert why.conflicts[0].fix_texts[0].startswith("plan each team up to 100 % of its hours")
    assert "add 50 h to Brand" in why.conflicts[0].fix_texts[0]
    assert_repair_gives_a_plan(p, why)


def _zeroed(multipliers: dict[str, float]) -> Problem:
    """Marketing Ops alone has marketing_automation; the SDR team sits beside it."""
    base = settings()
    s = base.with_changes(capacity=type(base.capacity)(multipliers=multipliers))
    return problem(
        [
            team("Marketing Ops", capacity=100, skills={"marketing_automation": 3}),
            team("SDR", "sales", capacity=500, skills={"prospecting": 4}),
        ],
        [
            project(
                "Lead scoring",
                "nurturing",
                effort=80,
                required_skills={"marketing_automation": 3},
                mandatory=True,
            )
        ],
        settings=s,
    )


def test_department_scaled_to_zero_is_fixed_by_its_multiplier_not_by_training_sales():
    """A what-if that sets marketing to 0 h leaves marketing work undone.

    The fix a leader can act on is that multiplier; more hours do nothing at
    x 0, and teaching the SDR team marketing automation is not advice.
    """
    p = _zeroed({"marketing": 0.0})
    why = infeasible(p)
    assert first_fix(why) == (RestoreMultiplier("marketing"),)
    text = why.text()
    # In the Constraints slider's terms (Marketing capacity, a percentage): a leader
    # read "capacity multiplier back to 1", a settings file's word.
    assert "Put Marketing's capacity back to 100 % (this scenario sets it to 0 %)" in text
    assert "its capacity is set to 0 %" in text and "multiplier" not in text
    assert "give SDR" not in text
    assert_repair_gives_a_plan(p, why)


def test_team_scaled_to_zero_and_short_anyway_gets_its_multiplier_and_the_hours():
    """Back at x 1 the team still lacks 30 h: the fix says both, and together they work."""
    p = _zeroed({"Marketing Ops": 0.0})
    p = p.replace(
        projects=(replace(p.projects[0], effort_hours=Decimal(130)),),
    )
    why = infeasible(p)
    assert first_fix(why) == (
        RestoreMultiplier("Marketing Ops"),
        AddCapacity("Marketing Ops", Decimal(30)),
    )
    assert "Marketing Ops's capacity back to 100 %" in why.text()
    assert "multiplier" not in why.text()
    assert_repair_gives_a_plan(p, why)


def test_a_max_utilisation_of_0_is_fixed_by_the_utilisation_not_by_pins_alone():
    """At 0 % no team may plan an hour and more capacity buys nothing: the fix a leader can
    act on is the utilisation itself (it offered only to drop the mandatory project)."""
    base = settings()
    p = problem(
        [team("Brand", capacity=100)],
        [project("Launch", effort=60, mandatory=True)],
        settings=base.with_changes(capacity=type(base.capacity)(max_utilization=0.0)),
    )
    why = infeasible(p)
    assert first_fix(why) == (RestoreUtilization(),)
    assert "Plan each team up to 100 % of its hours" in why.text()
    assert_repair_gives_a_plan(p, why)


def test_a_fix_shared_by_several_conflicts_is_said_once():
    """At 0 % every pin and mandatory project conflicts, and each conflict repeated "put the
    max utilisation back to 100 %": six times on the sample. Said once, ahead of the
    conflicts it fixes, the message reads as one decision; the repair is unchanged."""
    base = settings()
    p = problem(
        [team("Brand", capacity=100), team("Content", capacity=100)],
        [
            project("Launch", effort=60, mandatory=True),
            project("Webinar", effort=40),
        ],
        rules=[pin("Webinar", "Content")],
        settings=base.with_changes(capacity=type(base.capacity)(max_utilization=0.0)),
    )
    why = infeasible(p)
    assert len(why.conflicts) >= 2
    text = why.text()
    assert text.lower().count("plan each team up to 100 % of its hours") == 1
    lead = why.sentences()[0]
    assert lead.startswith(f"One change fixes the {len(why.conflicts)} conflicts below:")
    assert all("the change above" in s.lower() for s in why.sentences()[1:-1])
    assert_repair_gives_a_plan(p, why)


def test_a_pin_on_the_other_department_is_not_fixed_by_training_it_in_that_craft():
    """SEO work pinned to the SDR team: the fix offered taught the SDRs seo and content
    (skills only marketing holds). Unpinning is the advice; the policy and training are not."""
    p = problem(
        [
            team("Content", capacity=500, skills={"seo": 3}),
            team("SDR", "sales", capacity=500, skills={"prospecting": 4}),
        ],
        [project("SEO pages", effort=50, required_skills={"seo": 3})],
        rules=[pin("SEO pages", "SDR")],
    )
    why = infeasible(p)
    assert [f.changes for f in why.conflicts[0].fixes] == [(DropPin("SEO pages", "SDR"),)]
    assert "give SDR" not in why.text()
    assert_repair_gives_a_plan(p, why)


def test_a_shortfall_under_an_hour_says_the_decimals_instead_of_two_equal_numbers():
    """199.6 h of room for 200 h of work read "it needs 200 h, more than the 200 h Brand
    can plan"; the room never rounds up to the need. Both as a "free for" line writes them:
    "199.6 h free for its 200 h"."""
    p = problem([team("Brand", capacity="199.6")], [project("Launch", effort=200, mandatory=True)])
    assert "it needs 200 h, more than the 199.6 h Brand can plan" in infeasible(p).text()


def test_hours_to_add_rounded_up_read_as_the_need_beside_them_shows():
    """A team away at a check-in read "it needs 128 h, more than the 0 h SDR Team can plan
    ... add 129 h": 128.26 h of work, written to the whole hour, beside the whole hours
    that are enough. The need is written to the decimal that shows why 29 h, not 28."""
    p = problem(
        [team("Brand", capacity=100)],
        [project("Launch", effort="128.26", mandatory=True)],
        rules=[pin("Launch", "Brand")],
    )
    text = infeasible(p).text()
    assert "it needs 128.3 h, more than the 100 h Brand can plan" in text, text
    assert "Add 29 h to Brand" in text, text
    # Where whole hours show the shortfall, they stay.
    p = problem(
        [team("Brand", capacity=100)],
        [project("Launch", effort="128.6", mandatory=True)],
        rules=[pin("Launch", "Brand")],
    )
    text = infeasible(p).text()
    assert "it needs 129 h, more than the 100 h Brand can plan" in text, text
    assert "Add 29 h to Brand" in text, text


def test_department_overload_gets_concrete_hours_per_team():
    """Mandatory marketing work above what marketing may plan: add hours where they help."""
    p = problem(
        [team("Brand", capacity=100), team("Content", capacity=100), team("AEs", "sales", 900)],
        [project(f"m{i}", effort=60, mandatory=True) for i in range(4)],
    )
    why = infeasible(p)
    text = why.text()
    assert "Mandatory marketing work needs at least 240 h" in text
    assert "the marketing teams that may take it (Brand and Content) can plan only 200 h" in text
    changes = first_fix(why)
    assert all(isinstance(c, AddCapacity) for c in changes)
    assert sum(c.hours for c in changes) == 40  # exactly the shortfall, split as it fits
    assert_repair_gives_a_plan(p, why)
    assert "make 'm0' optional" in text.lower() or "optional" in text


def test_capacity_core_names_teams_projects_and_the_rule_that_keeps_help_out():
    """Enough hours in total, in the wrong places: only the solver sees it.

    Brand and Content share three mandatory 40 h awareness projects with
    50 h each; Demand Gen has room but works on lead generation only.
    """
    p = problem(
        [
            team("Brand", capacity=50),
            team("Content", capacity=50),
            team("Demand Gen", capacity=50, stages=("lead_generation",)),
        ],
        [project(x, effort=40, mandatory=True) for x in ("a", "b", "c")]
        + [project("d", "lead_generation", effort=10, mandatory=True)],
    )
    why = infeasible(p)
    text = why.text()
    assert text.startswith("Mandatory projects 'a' (40 h), 'b' (40 h) and 'c' (40 h) need more")
    assert "Brand (50 h) and Content (50 h) can plan" in text
    assert "given that Demand Gen only works on lead generation" in text
    fixes = [f.changes for f in why.conflicts[0].fixes]
    assert fixes[0] in (
        (AddCapacity("Brand", Decimal(30)),),
        (AddCapacity("Content", Decimal(30)),),
    )
    assert "let Demand Gen work on awareness" in text
    assert_repair_gives_a_plan(p, why)
    fewer = AddCapacity(fixes[0][0].team_id, Decimal(29)).apply(p)
    assert solve(fewer).status is Status.INFEASIBLE  # 30 h is the least that works


def test_capacity_core_shows_each_projects_hours_on_the_teams_not_the_plain_estimate():
    """The hours in the sentence must be the ones the limits count.

    'a' is 10 h in the data but re-estimated at 40 h on both teams; a
    leader reading "(10 h)" could not see why 50 h teams cannot hold it.
    """
    p = problem(
        [team("Brand", capacity=70), team("Content", capacity=70)],
        [project(x, effort=40 if x != "a" else 10, mandatory=True) for x in ("a", "b", "c")],
        estimates=[estimate("a", t, effort=40) for t in ("Brand", "Content")],
    )
    text = infeasible(p).text()
    assert "'a' (40 h)" in text
    assert "(10 h)" not in text


def test_rule_group_of_a_joint_project_shows_each_sides_hours():
    """A joint project's hours are split between the departments; say each side's part."""
    p = problem(
        [team("AEs", "sales"), team("Brand")],
        [project("Launch", "nurturing", effort=100, joint=True, sales_share=Decimal("0.6"))],
    )
    text = RelaxableGroup(Kind.MANDATORY, "Launch").describe(p)
    assert text == "'Launch' (60 h on AEs and 40 h on Brand) is mandatory"


def test_change_budget_too_small_for_the_new_capacity_says_how_many_changes():
    """Re-planning after a capacity cut with no change budget: allow the one move needed."""
    p = problem(
        [team("Brand", capacity=10), team("Content", capacity=10)],
        [project("a", mandatory=True), project("b", mandatory=True)],
        baseline=Baseline({"a": frozenset({"Brand"}), "b": frozenset({"Brand"})}, 0),
    )
    why = infeasible(p)
    assert "at most 0 projects may change owner from the baseline" in why.text()
    assert (RaiseChangeBudget(1),) in [f.changes for f in why.conflicts[0].fixes]
    assert_repair_gives_a_plan(p, why)


def test_more_hours_reach_every_week_calendar_csv_gives():
    """On the sample, Content's every week is in calendar.csv: 95 h more for it grow each of
    its weeks by the same share (the week-1 workshop week too), and its quarter by the hours
    said (rounded up to the thousandth a week); teams.csv's capacity_hours alone grew none
    of its weeks, and "+90 h for Content changes nothing". A team without calendar rows
    gets exactly the hours on capacity_hours; a team with no hours, hours / weeks a week."""
    sample = load_with_warnings(SAMPLE).problem
    before = sample.week_hours["content"]
    grown = AddCapacity("content", Decimal(95)).apply(sample)
    after = grown.week_hours["content"]
    assert sample.quarter_hours("content") == 944
    assert 95 <= grown.quarter_hours("content") - 944 <= 95 + Fraction(13, 1000)
    shares = {round(float(a / b), 3) for a, b in zip(after, before, strict=True)}
    assert shares == {round(1 + 95 / 944, 3)}
    plain = problem([team("Brand", capacity=10)], [project("a", value=5)])
    assert AddCapacity("Brand", Decimal(7)).apply(plain).team("Brand").capacity_hours == 17
    idle = problem([team("Brand", capacity=0)], [project("a", value=5)])
    assert AddCapacity("Brand", Decimal(13)).apply(idle).week_hours["Brand"] == (1,) * 13
