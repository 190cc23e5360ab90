"""Every numeric flag reads its number alike and says what is wrong with it in one wording
(attack round 21).

`scenarios sweep --steps .5` read "out of range" where `generate --goals .5` read "not a
whole number"; `checkin-template --weeks nan` read "is not finite", without the range,
where every other flag read "'nan' is not a number; use ...". And a number above 0 too
small to count (`--stability 1e-320`, `--tolerance 1e-320`, `[weights] fit = 1e-320`) was
taken as 0 while the plan said otherwise: each is refused with the smallest that counts.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from builders import cli_refused

from planner.core import ranges
from planner.core.errors import InvalidInputError
from planner.core.settings_reading import parse_settings

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"


#: Every numeric flag: the command line before it, and the range it says.
FLAGS = [
    (["solve", "{sample}"], "--time-limit", ranges.TIME_LIMIT),
    (["solve", "{sample}"], "--max-changes", ranges.MAX_CHANGES),
    (["solve", "{sample}"], "--tolerance", ranges.TOLERANCE),
    (["solve", "{sample}"], "--stability", ranges.STABILITY),
    (["generate", "{tmp}/new", "--teams", "3", "--projects", "4"], "--goals", None),
    (["generate", "{tmp}/new", "--projects", "4"], "--teams", ranges.GENERATE_TEAMS),
    (["generate", "{tmp}/new", "--teams", "3"], "--projects", ranges.GENERATE_PROJECTS),
    (["generate", "{tmp}/new", "--teams", "3", "--projects", "4"], "--seed", ranges.SEED),
    (["checkin-template", "{sample}", "--baseline", "{tmp}/b.csv"], "--weeks", ranges.WEEKS),
    (
        ["checkin-template", "{sample}", "--baseline", "{tmp}/b.csv", "--weeks", "3"],
        "--quarter-weeks",
        ranges.QUARTER_WEEKS,
    ),
    (["scenarios", "sweep", "{sample}", "--target", "sales"], "--steps", ranges.SWEEP_STEPS),
    (["scenarios", "sweep", "{sample}", "--target", "sales"], "--budget", ranges.SWEEP_BUDGET),
    (["explain", "{sample}", "--capacity"], "--capacity-budget", ranges.CAPACITY_BUDGET),
]


def _argv(before: list[str], flag: str, value: str, tmp_path: Path) -> list[str]:
    words = [w.replace("{sample}", str(SAMPLE)).replace("{tmp}", str(tmp_path)) for w in before]
    return [*words, flag, value]


def _range(flag: str, accepted: ranges.Range | None) -> ranges.Range:
    return ranges.GENERATE_GOALS if accepted is None else accepted


@pytest.mark.parametrize(("before", "flag", "accepted"), FLAGS, ids=[f[1] for f in FLAGS])
def test_nan_and_inf_read_alike_on_every_flag_with_its_range(
    before, flag, accepted, tmp_path, capsys
):
    described = _range(flag, accepted).describe()
    err = cli_refused(_argv(before, flag, "nan", tmp_path), capsys)
    assert f"argument {flag}: 'nan' is not a number; use {described}" in err, err
    err = cli_refused(_argv(before, flag, "inf", tmp_path), capsys)
    assert f"argument {flag}: 'inf' is not finite; use {described}" in err, err
    err = cli_refused(_argv(before, flag, "many", tmp_path), capsys)
    assert f"argument {flag}: 'many' is not {described}" in err, err
    assert not (tmp_path / "new").exists()


WHOLE = [f for f in FLAGS if _range(f[1], f[2]).integer]


@pytest.mark.parametrize(("before", "flag", "accepted"), WHOLE, ids=[f[1] for f in WHOLE])
@pytest.mark.parametrize("typed", [".5", "1e-320", "2.5"])
def test_a_fraction_on_a_whole_number_flag_is_not_a_whole_number_inside_its_range_or_out(
    before, flag, accepted, typed, tmp_path, capsys
):
    """`--steps .5` (below 1) read "out of range", `--goals .5` (0 to 1000) "not a whole
    number": the same mistake, said the same."""
    described = _range(flag, accepted).describe()
    err = cli_refused(_argv(before, flag, typed, tmp_path), capsys)
    assert f"argument {flag}: '{typed}' is not a whole number; use {described}" in err, err


@pytest.mark.parametrize(
    ("argv", "smallest"),
    [
        (["solve", str(SAMPLE), "--stability", "1e-320"], "below 0.001, the smallest weight"),
        (["solve", str(SAMPLE), "--stability", "0.0009"], "below 0.001, the smallest weight"),
        (["solve", str(SAMPLE), "--tolerance", "1e-320"], "below 0.1 %, the smallest tolerance"),
        (["solve", str(SAMPLE), "--tolerance", "0.01"], "below 0.1 %, the smallest tolerance"),
    ],
)
def test_a_flag_too_small_to_count_is_refused_with_the_smallest_that_counts(argv, smallest, capsys):
    """`--tolerance 1e-320` was planned as 0 and said "within 0.1 %"; `--stability 1e-320`
    kept nothing, as 0 does. Both were taken without a word."""
    err = cli_refused([*argv, "--baseline", str(SAMPLE / "projects.csv")], capsys)
    flag, typed = argv[-2:]
    assert f"argument {flag}: '{typed}' is above 0 but {smallest}" in err, err
    assert "use 0, or a number from " in err


@pytest.mark.parametrize("key", ["attainment", "balance", "fit", "stability", "confidence"])
def test_a_weight_too_small_to_count_is_refused_and_0_and_the_smallest_are_taken(key):
    """`[weights] attainment = 1e-6` built the attainment term with every coefficient 0
    (the plan ignored the goals) while the settings showed it on."""
    with pytest.raises(InvalidInputError) as raised:
        parse_settings(f"[weights]\n{key} = 1e-320\n")
    (issue,) = raised.value.issues
    assert issue.column == f"weights.{key}"
    assert issue.message.startswith("1e-320 is above 0 but below 0.001, the smallest weight")
    assert issue.fix.startswith("Write 0, or 0.001 or more")
    for taken in ("0", "0.001"):
        weights = parse_settings(f"[weights]\n{key} = {taken}\n").weights
        assert getattr(weights, key) == float(taken)


@pytest.mark.parametrize("key", ["attainment", "balance"])
def test_the_smallest_weight_still_weighs_in_the_model(key):
    """What the loader takes counts: at 0.001 the term's coefficients are not all 0, as
    they were at 1e-6 (SMALLEST_WEIGHT is where the planner still tells a weight from 0)."""
    from dataclasses import replace

    from planner.core.loading import load_with_warnings
    from planner.optimizer.cpsat import PlanningModel

    problem = load_with_warnings(str(SAMPLE), None).problem
    off = dict.fromkeys(("attainment", "value", "balance", "fit", "stability", "confidence"), 0.0)
    for weight, counts in ((ranges.SMALLEST_WEIGHT, True), (1e-6, False)):
        weights = replace(problem.settings.weights, **{**off, key: weight})
        model = PlanningModel(
            problem.replace(settings=problem.settings.with_changes(weights=weights))
        )
        assert any(model.model.proto.objective.coeffs) is counts, weight


@pytest.mark.parametrize("typed", ["1e-320", "0.00005", "0.001%"])
def test_a_marginal_step_too_small_to_show_is_refused(typed, capsys):
    """`marginal --step 1e-320` read "what +1e-318 % capacity would do" over a table of
    "0 h" and "0.0 pts", as if more capacity did nothing; +0.01 % is still taken."""
    err = cli_refused(["scenarios", "marginal", str(SAMPLE), "--step", typed], capsys)
    assert f"a capacity step of '{typed}' is below 0.0001 (+0.01 %), the smallest step" in err
    assert "use a step from 0.0001 to 10" in err, err


def test_a_small_value_weight_is_taken_and_counts_in_the_model():
    """The value term is in the projects' KPI units (a goal of 2,000,000 pipeline $): a
    value weight of 0.0005 minds that scale, as the Constraints page's help asks, and had
    planned 34 pairs of the sample where 0 plans 7. Refused below 0.001 with "below it the
    weight counts as 0", which it did not; it is taken down to 1e-9, and counts there."""
    from dataclasses import replace

    from planner.core.loading import load_with_warnings
    from planner.optimizer.cpsat import PlanningModel

    for taken in ("0.0005", "1e-9"):
        assert parse_settings(f"[weights]\nvalue = {taken}\n").weights.value == float(taken)
    with pytest.raises(InvalidInputError) as raised:
        parse_settings("[weights]\nvalue = 1e-320\n")
    assert "below 1e-09, the smallest value weight the planner takes" in str(raised.value)
    problem = load_with_warnings(str(SAMPLE), None).problem
    off = dict.fromkeys(("attainment", "value", "balance", "fit", "stability", "confidence"), 0.0)
    weights = replace(problem.settings.weights, **{**off, "value": 1e-9})
    model = PlanningModel(problem.replace(settings=problem.settings.with_changes(weights=weights)))
    assert any(model.model.proto.objective.coeffs)
