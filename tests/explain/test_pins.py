"""A pin another rule keeps off its team is said where it is made, with the teams that could
take the project: the Constraints page refuses it (tests/app/test_constraints_pins.py) and
``planner validate`` warns of it, where it read "valid" and the plan "No plan meets every
rule"."""

from __future__ import annotations

from builders import SAMPLE

from planner.core.domain import Rule, RuleKind
from planner.core.errors import Severity
from planner.core.loading import load_with_warnings
from planner.explain.pins import pin_issues
from planner.interfaces.cli import main


def _sample_pinning(project_id: str, team_id: str):
    problem = load_with_warnings(SAMPLE).problem
    return problem.replace(rules=(*problem.rules, Rule(project_id, team_id, RuleKind.PIN)))


def test_a_pin_to_a_team_the_stage_policy_keeps_off_is_said_in_its_row_with_who_may_own_it():
    """The SEO hub (awareness, needs content and SEO at level 3) pinned to the SDR Team:
    its row, the stage policy, the team's stages and skills, and Content, the one team that
    may own it, in the fix."""
    problem = _sample_pinning("AW-01", "sdr")
    (issue,) = pin_issues(problem)
    assert (issue.file, issue.row, issue.column) == ("rules.csv", len(problem.rules) + 1, "team_id")
    assert issue.message.startswith("'SEO pillar pages: compliance automation hub' is pinned to")
    assert "the stage policy gives awareness work to Marketing only" in issue.message
    assert issue.fix == "Pin it to a team that may own it (Content), or delete the row."
    assert issue.severity is Severity.ERROR


def test_a_pin_that_holds_or_was_there_before_is_not_said():
    """The sample's own pins hold; a pin not among those ``made`` is left to the solve."""
    assert pin_issues(load_with_warnings(SAMPLE).problem) == ()
    problem = _sample_pinning("AW-01", "sdr")
    assert pin_issues(problem, made={("AW-02", "brand")}) == ()


def test_validate_warns_of_a_pin_that_cannot_hold_and_says_no_plan_can_be_made(tmp_path, capsys):
    """`planner validate` read "valid" for the SEO hub pinned to the SDR Team, and `solve`
    then "No plan meets every rule". It warns in the pin's row, with the fix, and its last
    line says no plan can be made until the pin is fixed; a settings file whose stage policy
    keeps the sample's own pin off its team is warned of alike."""
    import shutil

    folder = tmp_path / "pinned"
    shutil.copytree(SAMPLE, folder)
    with (folder / "rules.csv").open("a", encoding="utf-8") as rules:
        rules.write("AW-01,sdr,pin\n")
    assert main(["validate", str(folder)]) == 0
    out, err = capsys.readouterr()
    assert "warning: rules.csv, row 8, column team_id: 'SEO pillar pages" in err, err
    assert "Fix: Pin it to a team that may own it (Content), or delete the row." in err
    assert "valid, but no plan can be made until the pin warned about above is fixed" in out
    settings = tmp_path / "sales-awareness.toml"
    problem = load_with_warnings(SAMPLE).problem
    order = problem.settings.stages.order
    owners = {s: ["sales"] if s == "awareness" else ["marketing", "sales"] for s in order}
    settings.write_text(
        "[stages.owners]\n" + "".join(f"{s} = {owners[s]!r}\n" for s in order).replace("'", '"'),
        encoding="utf-8",
    )
    assert main(["validate", str(SAMPLE), "--settings", str(settings)]) == 0
    out, err = capsys.readouterr()
    assert "is pinned to Brand & Comms, but the stage policy gives awareness work" in err, err
    assert "no plan can be made until the pin warned about above is fixed" in out, out


def test_a_pin_s_fix_names_five_teams_and_counts_the_others():
    """At 150 teams a pin the stage policy keeps off its team was told "Pin it to a team that
    may own it (...)" with 117 names, a warning of 3,000 characters (attack round 33): the
    first five are named, the others counted."""
    from builders import pin, problem, project, team

    many = [team(f"m{n}", name=f"Marketing {n}") for n in range(12)]
    quarter = problem(
        [team("s", department="sales"), *many], [project("p1")], rules=[pin("p1", "s")]
    )
    (issue,) = pin_issues(quarter)
    assert issue.fix == (
        "Pin it to a team that may own it (Marketing 0, Marketing 1, Marketing 2, Marketing 3, "
        "Marketing 4 and 7 more teams), or delete the row."
    ), issue.fix
