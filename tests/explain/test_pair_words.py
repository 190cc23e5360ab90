"""The words a leader reads for each rule that keeps a team off a project, as recorded.

Six rules keep a team off a project on their own: the stage policy, joint work
at a stage only one department may own, the team's own stages, a leader's
forbid, skills and hours. The optimizer leaves such pairs out of the model and
the explanations say why; these tests hold both: which pairs are left out (on
the bundled sample, the sample without weeks and a generated quarter) and the
words for each rule (on the sample and on small problems built for one rule).

``pair_words.json`` holds the sample's words and the generated quarter's
pairs; ``python tests/explain/test_pair_words.py`` writes it again after a
deliberate change of words (read its diff before committing it).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from builders import forbid, pin, problem, project, settings, team

from planner.core.domain import Assignment, Plan, Problem
from planner.core.generate import generate_problem
from planner.core.loading import load_with_warnings
from planner.core.settings import CapacitySettings, StageSettings
from planner.explain import exclusions, infeasibility_reasons
from planner.explain.changes import (
    AddCapacity,
    AddTeamStage,
    AllowStage,
    DropForbid,
    RaiseSkill,
    RestoreMultiplier,
    RestoreUtilization,
)
from planner.explain.rules import pair_blockers, why_not
from planner.optimizer.eligibility import eligible_pairs
from planner.scenarios.replan_diff import replan_diff

ROOT = Path(__file__).resolve().parent.parent.parent
RECORDED = Path(__file__).with_name("pair_words.json")


def generated() -> Problem:
    return generate_problem(12, 80, seed=3)


def all_words(prob: Problem) -> dict[str, dict[str, str]]:
    """Project id -> team id -> every reason that team may not take it (as explanations say)."""
    return {p.project_id: w for p in prob.projects if (w := exclusions(prob, p.project_id))}


def first_words(prob: Problem) -> dict[str, dict[str, str]]:
    """Project id -> team id -> the first reason, as a re-plan's moves say it."""
    out: dict[str, dict[str, str]] = {}
    for p in prob.projects:
        for t in prob.teams:
            why = why_not(prob, p, t)
            if why is not None:
                out.setdefault(p.project_id, {})[t.team_id] = why
    return out


def left_out(prob: Problem) -> dict[str, list[str]]:
    """Project id -> the teams the optimizer leaves out of the model for it."""
    kept = {(p.project_id, p.team_id) for p in eligible_pairs(prob)}
    out = {
        p.project_id: [t.team_id for t in prob.teams if (p.project_id, t.team_id) not in kept]
        for p in prob.projects
    }
    return {k: v for k, v in out.items() if v}


def record() -> dict[str, object]:
    sample = load_with_warnings(ROOT / "data" / "sample").problem
    return {
        "sample: every reason": all_words(sample),
        "sample: first reason": first_words(sample),
        "generated 12 teams, 80 projects, seed 3: left out": left_out(generated()),
    }


def recorded() -> dict[str, dict[str, object]]:
    return json.loads(RECORDED.read_text(encoding="utf-8"))


def test_the_sample_s_reasons_read_as_recorded():
    """Every excluded pair of the sample, with and without weeks: the same words as recorded."""
    expected = recorded()
    for folder in ("sample", "sample-without-weeks"):
        prob = load_with_warnings(ROOT / "data" / folder).problem
        assert all_words(prob) == expected["sample: every reason"], folder
        assert first_words(prob) == expected["sample: first reason"], folder


def test_the_optimizer_leaves_out_the_recorded_pairs():
    """The pairs with a reason are the pairs left out of the model, and no others."""
    record = recorded()
    words = record["sample: every reason"]
    expected = {pid: sorted(teams) for pid, teams in words.items()}
    for folder in ("sample", "sample-without-weeks"):
        prob = load_with_warnings(ROOT / "data" / folder).problem
        got = {pid: sorted(teams) for pid, teams in left_out(prob).items()}
        assert got == expected, folder
    assert left_out(generated()) == record["generated 12 teams, 80 projects, seed 3: left out"]


# -- one problem a rule ---------------------------------------------------------------


def three_projects() -> Problem:
    """A sales team kept to closing, a marketing team kept to awareness with a little SEO."""
    return problem(
        [
            team("AEs", department="sales", stages=("closing",)),
            team("Brand", stages=("awareness",), skills={"seo": 1}, capacity=200),
        ],
        [
            project("aw", "awareness", effort=250, required_skills={"seo": 3, "events": 2}),
            project("lg", "lead_generation"),
            project("nu", "nurturing"),
        ],
        rules=[forbid("nu", "Brand")],
    )


def blockers(prob: Problem, project_id: str, team_id: str) -> list[tuple[str, object]]:
    return [
        (b.reason, b.change)
        for b in pair_blockers(prob, prob.project(project_id), prob.team(team_id))
    ]


def test_stage_policy_team_stages_skills_and_hours_in_words():
    p = three_projects()
    assert exclusions(p, "aw") == {
        "AEs": "the stage policy gives awareness work to Marketing only; AEs only works on "
        "closing; it lacks events at level 2 (has none), seo at level 3 (has none) and it "
        "needs 250 h, more than the 100 h AEs can plan",
        "Brand": "it lacks events at level 2 (has none), seo at level 3 (has level 1) and it "
        "needs 250 h, more than the 200 h Brand can plan",
    }
    assert blockers(p, "aw", "AEs") == [
        (
            "the stage policy gives awareness work to Marketing only",
            AllowStage("awareness", "sales"),
        ),
        ("AEs only works on closing", AddTeamStage("AEs", "awareness")),
        ("it lacks events at level 2 (has none)", RaiseSkill("AEs", "events", 2)),
        ("it lacks seo at level 3 (has none)", RaiseSkill("AEs", "seo", 3)),
        ("it needs 250 h, more than the 100 h AEs can plan", AddCapacity("AEs", 150)),
    ]
    aw = p.project("aw")
    assert (
        why_not(p, aw, p.team("AEs")) == "the stage policy gives awareness work to Marketing only"
    )
    assert why_not(p, aw, p.team("Brand")) == (
        "it lacks events at level 2 (has none), seo at level 3 (has level 1)"
    )


def test_a_stage_no_department_may_own_reads_so():
    """With every box of a stage cleared on the Constraints page, the reason read "the
    stage policy gives awareness work to no department only"."""
    p = three_projects()
    owners = {**p.settings.stages.owners, "awareness": ()}
    stages = StageSettings(order=p.settings.stages.order, owners=owners)
    p = p.replace(settings=p.settings.with_changes(stages=stages))
    said = why_not(p, p.project("aw"), p.team("Brand"))
    assert said is not None
    assert said.startswith("the stage policy lets no department own awareness work"), said


def test_team_stages_and_a_forbid_in_words():
    p = three_projects()
    assert exclusions(p, "lg") == {
        "AEs": "the stage policy gives lead generation work to Marketing only and AEs only "
        "works on closing",
        "Brand": "Brand only works on awareness",
    }
    assert exclusions(p, "nu") == {
        "AEs": "AEs only works on closing",
        "Brand": "Brand only works on awareness and a leader's rule forbids it",
    }
    assert blockers(p, "nu", "Brand") == [
        ("Brand only works on awareness", AddTeamStage("Brand", "nurturing")),
        ("a leader's rule forbids it", DropForbid("nu", "Brand")),
    ]
    assert why_not(p, p.project("nu"), p.team("Brand")) == "Brand only works on awareness"


def test_hours_that_round_alike_are_shown_with_their_decimals():
    """199.6 h against 199.55 h: "200 h, more than the 200 h" would contradict itself. The
    limit reads as it is, to the decimals of every "free for" line (it read "199.5 h",
    rounded down to a figure no page shows)."""
    p = problem([team("Brand", capacity="199.55")], [project("a", effort="199.6")])
    assert exclusions(p, "a") == {
        "Brand": "it needs 199.6 h, more than the 199.55 h Brand can plan"
    }


@pytest.mark.parametrize(
    ("capacity", "effort", "words"),
    [
        ("200", "200.04", "it needs 200.04 h, more than the 200 h Brand can plan"),
        ("12.34", "12.35", "it needs 12.35 h, more than the 12.34 h Brand can plan"),
        ("5", "5.04", "it needs 5.04 h, more than the 5 h Brand can plan"),
        ("1000", "1000.4", "it needs 1,000.4 h, more than the 1,000 h Brand can plan"),
        ("1000", "1000.5", "it needs 1,001 h, more than the 1,000 h Brand can plan"),
    ],
)
def test_hours_alike_at_one_decimal_get_as_many_as_tell_them_apart(capacity, effort, words):
    """200.04 h against 200 h read "needs 200.0 h, more than the 200.0 h". Written as every
    "free for" line writes them (no trailing zeros: "200 h", as the team's row reads)."""
    p = problem([team("Brand", capacity=capacity)], [project("a", effort=effort)])
    assert exclusions(p, "a") == {"Brand": words}


@pytest.mark.parametrize(
    ("effort", "utilisation", "more", "added"),
    [("228.4", 1, "129 h", 129), ("227.6", 1, "128 h", 128), ("228.4", 0.5, "179 h", 357)],
)
def test_hours_short_at_full_capacity_read_the_figure_that_is_enough(
    effort, utilisation, more, added
):
    """128.4 h short read "needs 128 h more" beside "add 129 h": the shortfall is rounded
    up as the hours added are, so that the two read one figure."""
    zeroed = settings(
        capacity=CapacitySettings(multipliers={"Brand": 0}, max_utilization=utilisation)
    )
    p = problem([team("Brand")], [project("a", effort=effort)], settings=zeroed)
    (_, (still, change)) = blockers(p, "a", "Brand")
    assert still == f"even at full capacity it needs {more} more"
    assert change == AddCapacity("Brand", added)


def test_hours_of_a_team_scaled_to_nothing_name_the_what_if():
    zeroed = settings(capacity=CapacitySettings(multipliers={"Brand": 0}))
    p = problem([team("Brand")], [project("a", effort=150)], settings=zeroed)
    assert exclusions(p, "a") == {
        "Brand": "it needs 150 h, more than the 0 h Brand can plan (its capacity is set to "
        "0 %) and even at full capacity it needs 50 h more"
    }
    assert blockers(p, "a", "Brand") == [
        (
            "it needs 150 h, more than the 0 h Brand can plan (its capacity is set to 0 %)",
            RestoreMultiplier("Brand"),
        ),
        ("even at full capacity it needs 50 h more", AddCapacity("Brand", 50)),
    ]
    capped = settings(capacity=CapacitySettings(max_utilization=0))
    p = problem([team("Brand")], [project("a")], settings=capped)
    assert blockers(p, "a", "Brand") == [
        (
            "it needs 10 h, more than the 0 h Brand can plan (each team is planned up to 0 % "
            "of its hours)",
            RestoreUtilization(),
        )
    ]


def joint_at_a_marketing_stage(*rules: object) -> Problem:
    return problem(
        [team("AEs", department="sales"), team("Brand"), team("DG")],
        [project("j", "lead_generation", joint=True)],
        rules=list(rules),
    )


def test_joint_work_at_a_stage_one_department_owns_in_words():
    p = joint_at_a_marketing_stage()
    assert exclusions(p, "j") == {
        "AEs": "the stage policy gives lead generation work to Marketing only",
        "Brand": "it is joint and the stage policy lets only one department own lead "
        "generation work",
        "DG": "it is joint and the stage policy lets only one department own lead generation work",
    }
    assert why_not(p, p.project("j"), p.team("Brand")) == (
        "it is joint and the stage policy lets only one department own lead generation work"
    )


def test_joint_work_at_a_one_department_stage_with_a_forbid_in_words():
    """Both rules: lifting the forbid alone would not let DG take the joint project."""
    p = joint_at_a_marketing_stage(forbid("j", "DG"))
    assert exclusions(p, "j")["DG"] == (
        "it is joint and the stage policy lets only one department own lead generation work "
        "and a leader's rule forbids it"
    )
    assert blockers(p, "j", "DG") == [
        (
            "it is joint and the stage policy lets only one department own lead generation work",
            AllowStage("lead_generation", "sales"),
        ),
        ("a leader's rule forbids it", DropForbid("j", "DG")),
    ]


def test_a_pin_to_a_team_a_rule_keeps_off_in_words():
    p = joint_at_a_marketing_stage(forbid("j", "DG"), pin("j", "DG"))
    assert infeasibility_reasons(p) == [
        "'j' is pinned to DG, but it is joint and the stage policy lets only one department "
        "own lead generation work and a leader's rule forbids it. Unpin 'j' from DG, or let "
        "Sales own lead generation work in the stage policy and lift the rule that keeps DG "
        "off 'j'."
    ]
    p = joint_at_a_marketing_stage(pin("j", "Brand"))
    assert infeasibility_reasons(p) == [
        "'j' is pinned to Brand, but it is joint and the stage policy lets only one "
        "department own lead generation work. Unpin 'j' from Brand, or let Sales own lead "
        "generation work in the stage policy."
    ]


def test_a_re_plan_s_move_says_why_the_old_team_can_no_longer_take_it():
    def moved(capacity: str, effort: str) -> str:
        p = problem([team("m1", capacity=capacity), team("m2")], [project("a", effort=effort)])

        def plan(team_id: str) -> Plan:
            effort_hours, value = p.pair_amounts(p.project("a"), team_id)
            return Plan(
                (Assignment("a", team_id, p.project("a").share("marketing"), effort_hours, value),)
            )

        (change,) = replan_diff(p, plan("m1"), plan("m2")).changes
        return change.reason

    assert moved("50", "60") == (
        "from m1 to m2: m1 can no longer take it (it needs 60 h, more than the 50 h m1 can plan)"
    )
    assert moved("199.55", "199.6") == (
        "from m1 to m2: m1 can no longer take it (it needs 199.6 h, more than the 199.55 h m1 "
        "can plan)"
    )


if __name__ == "__main__":
    text = json.dumps(record(), indent=1, sort_keys=True)
    # A project's teams on one line: team ids hold no comma.
    text = re.sub(
        r"\[\s+([^][]*?)\s+\]", lambda m: f"[{', '.join(x.strip() for x in m[1].split(','))}]", text
    )
    RECORDED.write_text(text + "\n", encoding="utf-8")


def test_every_pair_left_out_has_words_and_no_other_pair_does():
    """On a quarter with what-ifs where every rule bites, joint work at a one-department stage
    and hours included: the explanations word exactly the pairs the optimizer leaves out."""
    prob = generated()
    owners = dict(prob.settings.stages.owners)
    owners["nurturing"] = ("sales",)
    owners["qualification"] = ("marketing",)
    capacity = CapacitySettings(max_utilization=0.6, multipliers={"sales": 0.4, "M008": 0})
    prob = prob.replace(
        settings=prob.settings.with_changes(
            stages=StageSettings(order=prob.settings.stages.order, owners=owners),
            capacity=capacity,
        )
    )
    words = all_words(prob)
    assert {pid: sorted(teams) for pid, teams in words.items()} == {
        pid: sorted(teams) for pid, teams in left_out(prob).items()
    }
    said = " ".join(w for teams in words.values() for w in teams.values())
    rules = (
        "stage policy gives",
        "it is joint",
        "only works on",
        "forbids it",
        "it lacks",
        "it needs",
    )
    for rule in rules:
        assert rule in said, rule
