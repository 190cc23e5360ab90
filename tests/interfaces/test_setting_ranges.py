"""Issue 12: one range for every setting and flag, read the same by the loader, the
command line and the widgets; what is outside it is refused in words.
"""

from __future__ import annotations

import pytest
from robustness_cases import ROOT, SAMPLE, assert_in_words, run_cli

from planner.core import ranges
from planner.core.errors import InvalidInputError
from planner.core.ranges import Range
from planner.core.settings_reading import parse_settings

# ---------------------------------------------------------------------------
# 2. One range for every setting and flag
# ---------------------------------------------------------------------------

SETTING_RANGES = {
    ranges.TIME_LIMIT: "[solve]\ntime_limit_s = {}\n",
    ranges.WORKERS: "[solve]\nworkers = {}\n",
    ranges.SEED: "[solve]\nseed = {}\n",
    ranges.MAX_UTILIZATION: "[capacity]\nmax_utilization = {}\n",
    ranges.MULTIPLIER: "[capacity.multipliers]\nsales = {}\n",
    ranges.WEIGHT: "[weights]\nfit = {}\n",
}


@pytest.mark.parametrize("accepted", list(SETTING_RANGES), ids=lambda r: r.name)
def test_the_loader_accepts_exactly_each_range(accepted):
    """The edges are in; one step past either edge, inf and nan are out, naming the range."""
    template = SETTING_RANGES[accepted]
    step = 1 if accepted.integer else 1e-9 * max(1.0, accepted.high)
    for edge in (accepted.low, accepted.high):
        value = int(edge) if accepted.integer else float(edge)
        parse_settings(template.format(repr(value)))
    for outside in (accepted.low - step, accepted.high + step, "inf", "nan"):
        text = outside if isinstance(outside, str) else repr(outside)
        with pytest.raises(InvalidInputError) as info:
            parse_settings(template.format(text))
        assert accepted.describe() in str(info.value)


@pytest.mark.parametrize("value", ["inf", "nan", "0", "-1", "3601", "1e400", "fast", ""])
@pytest.mark.parametrize("command", ["solve", "explain"])
def test_time_limits_that_are_not_a_time_are_refused(command, value, tmp_path):
    """--time-limit inf, nan, 0, negative or past the cap: a usage error naming the range."""
    args = [command, str(SAMPLE), "--time-limit", value]
    code, _, stderr = run_cli(args)
    assert code == 2 and ranges.TIME_LIMIT.describe() in stderr


@pytest.mark.parametrize(
    "args",
    [
        ["explain", str(SAMPLE), "--capacity", "--capacity-budget"],
        ["explain", str(SAMPLE), "--time-limit"],
        ["solve", str(SAMPLE), "--time-limit"],
        ["solve", str(SAMPLE), "--baseline", "plan.csv", "--tolerance"],
        ["solve", str(SAMPLE), "--baseline", "plan.csv", "--stability"],
        ["scenarios", "sweep", str(SAMPLE), "--target", "sales", "--from"],
        ["scenarios", "sweep", str(SAMPLE), "--target", "sales", "--to"],
        ["scenarios", "sweep", str(SAMPLE), "--target", "sales", "--budget"],
        ["scenarios", "marginal", str(SAMPLE), "--step"],
        ["checkin-template", str(SAMPLE), "--baseline", "plan.csv", "--weeks"],
    ],
    ids=lambda args: args[-1],
)
def test_a_number_too_large_for_a_float_is_refused_quoting_what_was_typed(args):
    """`--capacity-budget 1e400` was refused as "inf is not finite": a number the leader
    never typed. Every numeric flag quotes the text typed and says it is out of range."""
    code, _, stderr = run_cli([*args, "1e400"])
    assert code == 2
    assert "'1e400' is out of range; use a number from" in stderr, stderr
    assert "inf" not in stderr.splitlines()[-1]


def test_every_range_is_described_with_numbers_one_can_type():
    """ "from 0 to 2.14748e+09" is not a number a leader can copy into settings.toml (nor is
    1e+06 one the loader takes): every range names its bounds as plain digits.
    """
    every = [r for r in vars(ranges).values() if isinstance(r, Range)]
    assert every and all("e+" not in r.describe() for r in every)
    assert "from 0 to 2147483647" in ranges.SEED.describe()
    code, _, stderr = run_cli(
        ["generate", "out", "--teams", "2", "--projects", "1", "--seed", "-1"]
    )
    assert code == 2 and "2147483647" in stderr and "e+" not in stderr


@pytest.mark.parametrize("value", ["-1", "1.5", "100001", "nan"])
def test_a_change_budget_outside_its_range_is_refused(value):
    """--max-changes is a whole number from 0 to the row cap, in solve and checkin alike."""
    for command in (["solve", str(SAMPLE)], ["checkin", str(SAMPLE), "--baseline", "b"]):
        code, _, stderr = run_cli([*command, "--checkin", "c", "--max-changes", value][:])
        assert code == 2 and ranges.MAX_CHANGES.describe() in stderr


@pytest.mark.parametrize(
    ("flags", "words"),
    [
        (["--tolerance", "2"], "a tolerance needs a baseline plan"),
        (["--stability", "3"], "a stability weight needs a baseline plan"),
        (["--baseline", "{plan}", "--tolerance", "2", "--max-changes", "1"], "two ways"),
        (["--baseline", "{plan}", "--tolerance", "2", "--stability", "1"], "two ways"),
    ],
)
def test_re_plan_flags_that_would_be_ignored_are_refused(flags, words, tmp_path, monkeypatch):
    """A flag the solve would drop (a tolerance with no baseline, a tolerance beside a change
    budget) is refused in words before any solve: the leader asked for something the plan
    would not honour.
    """
    from planner.solving import solver

    monkeypatch.setattr(solver, "solve", lambda *a, **k: pytest.fail("solved anyway"))
    plan = tmp_path / "plan.csv"
    plan.write_text("project_id,team_id\n", encoding="utf-8")
    args = [f.format(plan=plan) for f in flags]
    code, stdout, stderr = run_cli(["solve", str(SAMPLE), "--out", str(tmp_path / "o.csv"), *args])
    assert_in_words(code, stdout, stderr)
    assert code == 2 and words in stderr and not (tmp_path / "o.csv").exists()


def test_widgets_take_their_bounds_from_the_ranges():
    """The Constraints page's settings widgets have no bounds of their own: ranges.py gives them.

    The sliders carry them; the number boxes and the per-team column check what is typed
    against the same ranges on the page (a box's own minimum kept "-5" on screen unsent).
    """
    source = "\n".join(  # the page and the tabs it is split into
        path.read_text(encoding="utf-8") for path in sorted((ROOT / "pages").glob("constraint*.py"))
    )
    for bound in (
        "100 * MULTIPLIER.low, 100 * MULTIPLIER.high",
        "_percent(MAX_UTILIZATION.low)",
        "_percent(MAX_UTILIZATION.high)",
        "CAPACITY_PERCENT, st.session_state[key]",
        '_refused("cap-teams", CAPACITY_PERCENT',
        '_refused(f"weight-{name}", weight_range(name)',
        '_refused("time-limit", TIME_LIMIT',
    ):
        assert bound in source, bound
    for literal in ("max_value=200,", "max_value=300,", "max_value=600.0", "min_value=10,"):
        assert literal not in source, literal
