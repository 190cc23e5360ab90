"""Issue 12: never a traceback; whatever validation accepts solves; every path fails in words.

Two property tests drive the whole surface: the ``planner`` command line in
process with generated argument lists, data folders and settings files, and
the accepted settings space (edges included) through the solver, the
scenario store and every page of the app. Below them, one or more tests per
class of the issue, each named for the rule it pins.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import tempfile
import threading
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from planner.checker import check_plan
from planner.core import ranges
from planner.core.domain import Result, Status
from planner.core.errors import InvalidInputError
from planner.core.generate import generate_problem
from planner.core.loading import load_problem, write_folder
from planner.core.output import write_text_atomic
from planner.core.plan_csv import read_plan_csv
from planner.core.ranges import Range
from planner.core.settings_reading import parse_settings
from planner.core.text import escaped
from planner.interfaces.cli import main

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sample"

# ---------------------------------------------------------------------------
# Running the CLI in process
# ---------------------------------------------------------------------------


def run_cli(args: list[str]) -> tuple[int, str, str]:
    """``planner ARGS`` in this process: exit code, stdout, stderr (argparse exits too)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(args)
        except SystemExit as exc:  # argparse: usage errors exit 2, --help exits 0
            code = exc.code if isinstance(exc.code, int) else 2
    return code, out.getvalue(), err.getvalue()


def assert_in_words(code: int, out: str, err: str) -> None:
    """No traceback, an exit code SPEC knows, and no raw control character on the terminal."""
    assert "Traceback" not in out + err, err
    assert "internal error" not in err, err
    assert code in (0, 2, 3), (code, err)
    for text in (out, err):
        assert not any(c in text for c in "\x1b\x00\x07\x9b\u202e"), repr(text)


# ---------------------------------------------------------------------------
# Generated values: inside every range (edges first), and outside it
# ---------------------------------------------------------------------------


def inside(accepted: Range, high: float | None = None) -> st.SearchStrategy:
    """Values ``accepted`` takes, its edges included (``high`` caps slow ones)."""
    top = accepted.high if high is None else high
    if accepted.integer:
        return st.sampled_from([int(accepted.low), int(top)]) | st.integers(
            int(accepted.low), int(top)
        )
    return st.sampled_from([accepted.low, top]) | st.floats(
        accepted.low, top, allow_nan=False, allow_infinity=False
    )


HOSTILE_NUMBERS = [
    "nan",
    "inf",
    "-inf",
    "0",
    "-1",
    "1e309",
    "1e9",
    "2147483648",
    "",
    " ",
    "0x10",
    "1_000",
    "\x1b[31m",
    "五",
]


@st.composite
def accepted_settings(draw, team_ids: tuple[str, ...] = (), fast: bool = True) -> str:
    """A settings.toml the loader accepts, drawn from the edges and insides of every range."""
    weights = {
        name: draw(inside(ranges.WEIGHT))
        for name in ("attainment", "value", "balance", "fit", "stability", "confidence")
        if draw(st.booleans())
    }
    solve = {
        # A tiny problem is solved to optimality long before any limit; the cap keeps the
        # odd long proof of a weight-heavy model from slowing the suite.
        "time_limit_s": draw(inside(ranges.TIME_LIMIT, 2.0 if fast else None)),
        "workers": draw(inside(ranges.WORKERS, 8 if fast else None)),
        "seed": draw(inside(ranges.SEED)),
    }
    targets = ("sales", "marketing", *team_ids)
    multipliers = draw(st.dictionaries(st.sampled_from(targets), inside(ranges.MULTIPLIER)))
    lines = ["[solve]"] + [f"{k} = {v!r}" for k, v in solve.items()]
    lines += ["[capacity]", f"max_utilization = {draw(inside(ranges.MAX_UTILIZATION))!r}"]
    lines += ["[capacity.multipliers]"] + [f'"{k}" = {v!r}' for k, v in multipliers.items()]
    lines += ["[weights]"] + [f"{k} = {v!r}" for k, v in weights.items()]
    return "\n".join(lines) + "\n"


@st.composite
def any_settings(draw, team_ids: tuple[str, ...]) -> str:
    """Mostly accepted settings; sometimes one key broken, unknown, or out of range."""
    text = draw(accepted_settings(team_ids))
    if draw(st.integers(0, 3)):
        return text
    broken = draw(
        st.sampled_from(
            [
                "[solve]\ntime_limit_s = nan\n",
                "[solve]\ntime_limit_s = inf\n",
                "[solve]\nseed = 9999999999\n",
                "[solve]\nworkers = 100000\n",
                "[capacity]\nmax_utilization = 1.5\n",
                '[capacity.multipliers]\nnobody = 0.5\n"sdr\u200b" = 1.0\n',
                "[weights]\nvalue = 1e300\n",
                "[weights]\nbogus = 1\n",
                '[stages]\norder = ["awareness\u200b"]\n',
                "[holidays]\nweeks = 13\n",
                "not toml [[[",
            ]
        )
    )
    # Replace the whole file: a duplicate table would be refused for a reason of its own.
    return broken


@st.composite
def data_folders(draw) -> dict[str, bytes]:
    """A generated quarter's files, sometimes with one cell or file broken."""
    problem = generate_problem(
        draw(st.integers(2, 5)),
        draw(st.integers(0, 12)),
        draw(st.integers(0, 3)),
        draw(st.integers(0, 99)),
    )
    with tempfile.TemporaryDirectory() as folder:
        write_folder(problem, folder)
        files = {p.name: p.read_bytes() for p in Path(folder).iterdir()}
    files.pop("settings.toml", None)
    team_ids = tuple(t.team_id for t in problem.teams)
    files["settings.toml"] = draw(any_settings(team_ids)).encode("utf-8")
    mutation = draw(st.sampled_from(["none", "none", "none", "cell", "drop", "junk", "bom"]))
    name = draw(st.sampled_from(sorted(f for f in files if f.endswith(".csv"))))
    if mutation == "cell":
        lines = files[name].decode("utf-8").split("\r\n")
        if len(lines) > 2:
            row = draw(st.integers(1, len(lines) - 2))
            cells = lines[row].split(",")
            cells[draw(st.integers(0, len(cells) - 1))] = draw(
                st.sampled_from(["", "nan", "-1", "1e400", "sdr\u200b", "\x1b[2J", "x" * 300])
            )
            lines[row] = ",".join(cells)
        files[name] = "\r\n".join(lines).encode("utf-8")
    elif mutation == "drop":
        del files[name]
    elif mutation == "junk":
        files[name] = draw(st.binary(max_size=200))
    elif mutation == "bom":
        files[name] = b"\xef\xbb\xbf" + files[name]
    return files


FLAG_VALUES = st.sampled_from(["0.05", "0.5", "1", *HOSTILE_NUMBERS])


@st.composite
def cli_calls(draw) -> tuple[dict[str, bytes], list[str]]:
    """A data folder and a command line to run on it ({data}, {out}, {db} filled in later)."""
    files = draw(data_folders())
    command = draw(
        st.sampled_from(
            ["solve", "solve", "solve", "validate", "explain", "generate", "scenarios", "checkin"]
        )
    )
    args: list[str]
    if command == "solve":
        args = ["solve", "{data}", "--out", draw(st.sampled_from(["{out}", "{out}", "{tmp}"]))]
        args += draw(
            st.lists(
                st.sampled_from(["--json", "--time-limit", "--stability", "--max-changes"]),
                max_size=3,
                unique=True,
            ).map(lambda flags: [x for f in flags for x in ([f] if f == "--json" else [f, ""])])
        )
        args = [draw(FLAG_VALUES) if a == "" else a for a in args]
    elif command == "validate":
        args = ["validate", "{data}"]
    elif command == "explain":
        args = ["explain", "{data}", "--time-limit", draw(FLAG_VALUES)]
        args += draw(st.sampled_from([[], ["p0001"], ["nope\x1b"], ["--json"]]))
    elif command == "generate":
        args = ["generate", draw(st.sampled_from(["{data}", "{tmp}/new", "{out}"]))]
        args += ["--teams", draw(st.sampled_from(["2", "3", "1", "0", "1e9", "nan", "501"]))]
        args += ["--projects", draw(st.sampled_from(["0", "5", "-1", "10001"]))]
        args += draw(st.sampled_from([[], ["--force"], ["--seed", "-3"], ["--goals", "x"]]))
    elif command == "scenarios":
        args = ["scenarios", "--db", "{db}"]
        args += draw(
            st.sampled_from(
                [
                    ["list"],
                    ["list", "--json"],
                    ["save", "{data}", "--name", "q3", "--time-limit", "0.5"],
                    ["save", "{data}", "--name", " ", "--time-limit", "0.5"],
                    ["show", "1"],
                    ["show", "#1"],
                    ["compare", "1", "2"],
                    ["delete", "1"],
                ]
            )
        )
    else:
        args = ["checkin", "{data}", "--baseline", "{out}", "--checkin", "{tmp}/none.toml"]
        args += ["--max-changes", draw(FLAG_VALUES)]
    return files, args


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(cli_calls())
def test_the_command_line_never_shows_a_traceback_and_every_plan_it_writes_is_valid(call):
    """Leaders feed the CLI their own folders, settings and shell habits.

    Whatever they type, the answer is words and an exit code SPEC knows
    (0 plan, 2 invalid, 3 no plan), and any plan written with exit 0
    passes the independent checker under the same inputs and settings.
    """
    files, template = call
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        data.mkdir()
        for name, content in files.items():
            (data / name).write_bytes(content)
        out = Path(tmp) / "plan.csv"
        fill = {"{data}": str(data), "{out}": str(out), "{tmp}": tmp, "{db}": f"{tmp}/s.duckdb"}
        args = [fill.get(a, a.replace("{tmp}", tmp)) for a in template]
        code, stdout, stderr = run_cli(args)
        event(f"{' '.join(args[:4:3]) if args[0] == 'scenarios' else args[0]}: exit {code}")
        assert_in_words(code, stdout, stderr)
        if code == 0 and args[0] == "solve":
            problem = load_problem(data).problem
            plan = read_plan_csv(Path(args[3]).read_text(encoding="utf-8"))
            assert check_plan(problem, plan) == []
        if code != 0 and args[0] == "solve":
            assert not out.exists(), "a failed solve wrote a plan"


# ---------------------------------------------------------------------------
# The accepted settings space: solve, save and every page
# ---------------------------------------------------------------------------

PAGES = (
    "pages/overview.py",
    "pages/data.py",
    "pages/constraints.py",
    "pages/plan.py",
    "pages/scenarios.py",
    "pages/checkin.py",
    "pages/export.py",
)
TINY = generate_problem(3, 8, 2, seed=5)
TINY_TEAMS = tuple(t.team_id for t in TINY.teams)


def _edge_settings(edge: str) -> str:
    """Every range at its low (or high) edge at once."""
    pick = (lambda r: r.low) if edge == "low" else (lambda r: r.high)

    def value(r: Range) -> int | float:
        return int(pick(r)) if r.integer else float(pick(r))

    weights = "\n".join(
        f"{w} = {value(ranges.WEIGHT)!r}"
        for w in ("attainment", "value", "balance", "fit", "stability", "confidence")
    )
    return (
        f"[solve]\ntime_limit_s = {value(ranges.TIME_LIMIT)!r}\n"
        f"workers = {value(ranges.WORKERS)}\nseed = {value(ranges.SEED)}\n"
        f"[capacity]\nmax_utilization = {value(ranges.MAX_UTILIZATION)!r}\n"
        f'[capacity.multipliers]\nsales = {value(ranges.MULTIPLIER)!r}\n"{TINY_TEAMS[0]}" = '
        f"{value(ranges.MULTIPLIER)!r}\n[weights]\n{weights}\n"
    )


def _solve_save_and_open_every_page(text: str, db: Path) -> None:
    from streamlit.testing.v1 import AppTest

    from planner.scenarios.scenario import new_scenario
    from planner.scenarios.storage import ScenarioStore
    from planner.solving.solver import solve

    problem = TINY.replace(settings=parse_settings(text))
    # The solve may not use an hour: the edges are about acceptance, not patience.
    solve_settings = replace(
        problem.settings.solve, time_limit_s=min(problem.settings.solve.time_limit_s, 2.0)
    )
    quick = problem.replace(settings=replace(problem.settings, solve=solve_settings))
    result = solve(quick)
    if result.plan is not None:
        assert check_plan(quick, result.plan) == []
    with ScenarioStore.open(db) as store:
        saved = store.save(new_scenario(quick, result, f"edge {store.count()}"))
        assert store.load(saved.scenario_id).problem.settings == quick.settings
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.session_state["problem"] = quick
    app.run()
    for page in PAGES:
        app.switch_page(page).run()
        assert not app.exception, (page, [e.value for e in app.exception])


@pytest.mark.parametrize("edge", ["low", "high"])
def test_settings_at_every_edge_solve_save_and_open_every_page(edge, tmp_path, monkeypatch):
    """The loader's edges are the widgets' edges: nothing it accepts breaks a page."""
    monkeypatch.setenv("PLANNER_DB", str(tmp_path / "s.duckdb"))
    _solve_save_and_open_every_page(_edge_settings(edge), tmp_path / "s.duckdb")


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(accepted_settings(TINY_TEAMS))
def test_any_accepted_settings_solve_save_and_open_every_page(text):
    """Inside the ranges, too: any settings the loader takes solve, save and render."""
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "s.duckdb"
        previous = os.environ.get("PLANNER_DB")
        os.environ["PLANNER_DB"] = str(db)
        try:
            _solve_save_and_open_every_page(text, db)
        finally:
            if previous is None:
                os.environ.pop("PLANNER_DB", None)
            else:
                os.environ["PLANNER_DB"] = previous


# ---------------------------------------------------------------------------
# 1. Every way a solve can end prints
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample_result() -> Result:
    """The sample, solved once: the optimal result the other endings are made from."""
    from planner.solving.solver import solve

    return solve(load_problem(SAMPLE).problem)


def _endings(optimal: Result) -> dict[str, Result]:
    return {
        "optimal": optimal,
        "feasible with a bound": replace(
            optimal, status=Status.FEASIBLE, bound=optimal.objective * 1.05, gap=0.05
        ),
        "feasible, no bound": replace(optimal, status=Status.FEASIBLE, bound=None, gap=None),
        "no plan": Result.without_plan(Status.NO_PLAN, 1.0, ("no plan was found in 1 s",)),
        "infeasible": Result.without_plan(Status.INFEASIBLE, 0.1, ("\x1b[31mmandatory x",)),
    }


@pytest.mark.parametrize("json_flag", [[], ["--json"]])
@pytest.mark.parametrize(
    "ending", ["optimal", "feasible with a bound", "feasible, no bound", "no plan", "infeasible"]
)
def test_every_way_a_solve_ends_is_reported_in_words(
    ending, json_flag, sample_result, tmp_path, monkeypatch
):
    """Each ending prints its status; an unknown gap says unknown, never 0 %; no plan, no file."""
    from planner.core.words import status_label
    from planner.solving import solver

    result = _endings(sample_result)[ending]
    monkeypatch.setattr(solver, "solve", lambda problem, **kw: result)
    out = tmp_path / "plan.csv"
    code, stdout, stderr = run_cli(["solve", str(SAMPLE), "--out", str(out), *json_flag])
    assert_in_words(code, stdout, stderr)
    assert code == (0 if result.status.has_plan else 3)
    assert out.exists() == result.status.has_plan
    if json_flag:
        summary = json.loads(stdout)
        assert summary["status"] == result.status.value and summary["gap"] == result.gap
    else:
        assert f"status: {status_label(result.status.value)}" in stdout
        if ending == "feasible, no bound":
            assert "below the best possible score: unknown" in stdout and "0.00 %" not in stdout
    if not result.status.has_plan:
        assert result.reasons[0].replace("\x1b", "\\x1b") in stderr


@pytest.mark.parametrize("broken", ["data", "flag"])
def test_json_output_on_invalid_input_is_one_object_naming_every_problem(broken, tmp_path):
    """A script that asked for --json reads one JSON object on stdout whatever happens: on
    bad input (a bad cell, or a bad flag) the problems with file, row, column and fix,
    beside the same words on stderr and exit 2; stdout used to be empty.
    """
    data = Path(shutil.copytree(SAMPLE, tmp_path / "data"))
    teams = data / "teams.csv"
    teams.write_text(teams.read_text(encoding="utf-8").replace(",sales,", ",salez,", 1), "utf-8")
    if broken == "flag":
        data = SAMPLE
    args = ["solve", str(data), "--json", "--out", str(tmp_path / "p.csv")]
    args += ["--time-limit", "nan" if broken == "flag" else "1"]
    code, stdout, stderr = run_cli(args)
    assert_in_words(code, stdout, stderr)
    assert code == 2 and stderr
    summary = json.loads(stdout)
    assert summary["status"] == "invalid"
    if broken == "data":
        where = [(p["file"], p["row"], p["column"]) for p in summary["problems"]]
        assert where == [("teams.csv", 2, "department")]
        assert summary["problems"][0]["fix"] == "Write sales or marketing."
    else:
        (problem,) = summary["problems"]
        assert "--time-limit" in problem["message"] and problem["fix"]


def test_a_stopped_solve_keeps_its_best_plan_and_says_so(sample_result, tmp_path, monkeypatch):
    """Ctrl-C during a long solve stops the search and keeps the best plan, with the reason."""
    from planner.solving import solver

    def stopped(problem, *, cancel, **kw):
        cancel.set()  # as the SIGINT handler does
        return replace(sample_result, status=Status.FEASIBLE, bound=None, gap=None)

    monkeypatch.setattr(solver, "solve", stopped)
    code, stdout, _ = run_cli(["solve", str(SAMPLE), "--out", str(tmp_path / "p.csv")])
    assert (
        code == 0
        and "stopped by the user" in stdout
        and "below the best possible score: unknown" in stdout
    )


def test_scenarios_show_says_an_unknown_gap_is_unknown(sample_result, tmp_path):
    """A saved feasible scenario without a proven bound says the distance to the best
    possible score is unknown, not 0 %."""
    from planner.scenarios.scenario import new_scenario
    from planner.scenarios.storage import ScenarioStore

    problem = load_problem(SAMPLE).problem
    unproven = replace(sample_result, status=Status.FEASIBLE, bound=None, gap=None)
    db = tmp_path / "s.duckdb"
    with ScenarioStore.open(db) as store:
        store.save(new_scenario(problem, unproven, "unproven"))
    code, stdout, _ = run_cli(["scenarios", "--db", str(db), "show", "unproven"])
    assert (
        code == 0 and "below the best possible score: unknown" in stdout and "0.00 %" not in stdout
    )


@pytest.mark.parametrize("command", ["explain", "checkin"])
def test_explain_and_checkin_report_no_plan_in_words(command, tmp_path, monkeypatch):
    """No plan ends with exit 3 and the reasons on stderr, from every command that solves."""
    from planner.solving import solver

    none = Result.without_plan(Status.NO_PLAN, 1.0, ("no plan was found in 1 s",))
    assert run_cli(["solve", str(SAMPLE), "--out", str(tmp_path / "base.csv")])[0] == 0
    monkeypatch.setattr(solver, "solve", lambda problem, **kw: none)
    if command == "explain":
        args = ["explain", str(SAMPLE)]
    else:
        checkin = tmp_path / "checkin.toml"
        template = ["checkin-template", str(SAMPLE), "--baseline", str(tmp_path / "base.csv")]
        code, text, _ = run_cli([*template, "--weeks", "6"])
        assert code == 0
        checkin.write_text(text, encoding="utf-8")
        args = ["checkin", str(SAMPLE), "--baseline", str(tmp_path / "base.csv")]
        args += ["--checkin", str(checkin), "--out", str(tmp_path / "re.csv")]
    code, stdout, stderr = run_cli(args)
    assert_in_words(code, stdout, stderr)
    assert code == 3 and "no plan was found" in stderr
    assert not (tmp_path / "re.csv").exists()


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
        '_refused(f"weight-{name}", WEIGHT',
        '_refused("time-limit", TIME_LIMIT',
    ):
        assert bound in source, bound
    for literal in ("max_value=200,", "max_value=300,", "max_value=600.0", "min_value=10,"):
        assert literal not in source, literal


# ---------------------------------------------------------------------------
# 3. Unknown names are errors
# ---------------------------------------------------------------------------


def test_unknown_settings_keys_and_sections_are_errors_with_file_key_and_fix():
    """SPEC: unknown keys are an error, each named with its fix."""
    with pytest.raises(InvalidInputError) as info:
        parse_settings("[holidays]\nweeks = 13\n[solve]\ntimelimit = 3\n", "my.toml")
    issues = {(i.file, i.column) for i in info.value.issues}
    assert issues == {("my.toml", "holidays"), ("my.toml", "solve.timelimit")}
    assert all(i.fix for i in info.value.issues)


def test_a_multiplier_named_twice_after_trimming_is_an_error():
    """' sales' and 'sales' are one key once trimmed: which one wins would be a guess."""
    with pytest.raises(InvalidInputError, match="twice"):
        parse_settings('[capacity.multipliers]\nsales = 0.5\n" sales" = 2.0\n')


# ---------------------------------------------------------------------------
# 4. Output paths
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("where", "words"),
    [
        ("missing/plan.csv", "does not exist"),
        (".", "is a folder"),
        ("", "--out is empty"),
        ("-", "names standard output"),  # it was written as a file named "-"
    ],
)
def test_an_out_path_that_cannot_be_a_file_is_refused_before_the_solve(
    where, words, tmp_path, monkeypatch
):
    """A missing folder, a folder, no name or standard output's ``-``: exit 2 in words, no
    solve spent and no file written."""
    from planner.solving import solver

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(solver, "solve", lambda *a, **k: pytest.fail("solved anyway"))
    code, stdout, stderr = run_cli(["solve", str(SAMPLE), "--out", where])
    assert_in_words(code, stdout, stderr)
    assert code == 2 and words in stderr and "--out" in stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "command",
    [
        ["generate", "-", "--teams", "3", "--projects", "10"],
        ["scenarios", "export", "Q3 base", "-"],
    ],
)
def test_standard_output_as_an_output_folder_is_refused_as_for_a_file(
    command, tmp_path, monkeypatch
):
    """``planner generate -`` and ``scenarios export NAME -`` made a folder named "-", where
    ``solve --out -`` is refused: "-" names standard output, and a folder of files cannot
    go there. Exit 2 in words, nothing made."""
    monkeypatch.chdir(tmp_path)
    db = tmp_path / "db.duckdb"
    if command[0] == "scenarios":
        code, _, stderr = run_cli(
            ["scenarios", "save", str(SAMPLE), "--name", "Q3 base", "--db", str(db)]
        )
        assert code == 0, stderr
        command = [*command, "--db", str(db)]
    code, stdout, stderr = run_cli(command)
    assert_in_words(code, stdout, stderr)
    assert code == 2 and "names standard output" in stderr, stderr
    assert not (tmp_path / "-").exists()


@pytest.mark.parametrize(
    "target", ["projects.csv", "settings.toml", "Goals.CSV", "link.csv", "book.xlsx", "other.toml"]
)
def test_an_out_path_that_is_an_input_is_refused_and_the_input_kept(target, tmp_path, monkeypatch):
    """``--out data/projects.csv`` (or the settings file, the workbook read, a link to a
    data file) would replace the leader's input with a plan: refused in words, before any
    solve, naming the input, and the input left byte for byte as it was.
    """
    from planner.core.workbook_writing import data_workbook
    from planner.solving import solver

    monkeypatch.setattr(solver, "solve", lambda *a, **k: pytest.fail("solved anyway"))
    data = Path(shutil.copytree(SAMPLE, tmp_path / "data"))
    (data / "goals.csv").rename(data / "Goals.CSV")  # the loader reads names in any case
    (tmp_path / "link.csv").symlink_to(data / "teams.csv")
    (tmp_path / "other.toml").write_text("[solve]\nseed = 1\n", encoding="utf-8")
    (tmp_path / "book.xlsx").write_bytes(data_workbook(load_problem(data).problem))
    source = tmp_path / "book.xlsx" if target == "book.xlsx" else data
    out = data / target if (data / target).exists() else tmp_path / target
    before = {p: p.read_bytes() for p in [*data.iterdir(), *tmp_path.glob("*.*")]}
    args = ["solve", str(source), "--settings", str(tmp_path / "other.toml"), "--out", str(out)]
    code, stdout, stderr = run_cli(args)
    assert_in_words(code, stdout, stderr)
    assert code == 2 and "is an input of this command" in stderr and str(out) in stderr
    assert {p: p.read_bytes() for p in before} == before


@pytest.mark.parametrize(
    ("content", "words"),
    [("utf-16", "saved as UTF-16 text"), ("folder", "is a folder"), (None, "does not exist")],
)
def test_a_baseline_that_cannot_be_read_says_why_and_what_to_give(content, words, tmp_path):
    """--baseline of a UTF-16 file, a folder or a missing path: the reason in words and a
    fix (it used to show Python's codec error and no fix).
    """
    baseline = tmp_path / "plan.csv"
    if content == "utf-16":
        baseline.write_bytes("project_id,team_id\n".encode("utf-16"))
    elif content == "folder":
        baseline.mkdir()
    args = ["solve", str(SAMPLE), "--baseline", str(baseline), "--out", str(tmp_path / "o.csv")]
    code, stdout, stderr = run_cli(args)
    assert_in_words(code, stdout, stderr)
    assert code == 2 and words in stderr and "Fix:" in stderr and "codec" not in stderr


@pytest.mark.parametrize(
    ("line", "words"),
    [
        ("weeks_elapsed = nan", "weeks_elapsed"),
        ('achieved = { "mqls" = inf }', "achieved.mqls"),
        ('achieved = { "mqls" = 1e308 }', "larger than the planner reads"),
        ('hours_used = { "sdr" = -inf }', "hours_used.sdr"),
        ('projects = { "AW-01" = { status = "in_progress", percent_done = nan } }', "AW-01"),
    ],
)
def test_a_check_in_with_numbers_that_are_not_figures_is_refused_in_words(line, words):
    """nan weeks and an infinite KPI ended in "internal error" (exit 1), and 1e308 MQLs was
    taken as a figure; each is refused with the key named and a fix.
    """
    from planner.scenarios.checkin_toml import parse_checkin

    text = line if line.startswith("weeks") else f"weeks_elapsed = 6\n{line}"
    with pytest.raises(InvalidInputError) as raised:
        parse_checkin(text, "checkin.toml")
    shown = " ".join(str(i) for i in raised.value.issues)
    assert words in shown and "Fix:" in shown and "InvalidOperation" not in shown


def test_a_plan_may_replace_its_own_baseline(tmp_path):
    """Re-planning plan.csv into plan.csv updates the current plan: the baseline is read
    in full before the new plan replaces it in one step, so this is allowed.

    The solves end on their proof (a fifth of a second on an idle machine); the limit is
    only a bound, generous so that a machine at load 20 still proves rather than stops
    with no plan that keeps the baseline (the file handling is what is tested here).
    """
    plan = tmp_path / "plan.csv"
    assert run_cli(["solve", str(SAMPLE), "--out", str(plan), "--time-limit", "60"])[0] == 0
    args = ["solve", str(SAMPLE), "--baseline", str(plan), "--max-changes", "0"]
    code, stdout, stderr = run_cli([*args, "--out", str(plan), "--time-limit", "60"])
    assert_in_words(code, stdout, stderr)
    assert code == 0 and read_plan_csv(plan.read_text(encoding="utf-8")).assignments


def test_a_special_file_is_not_replaced_by_a_plan(tmp_path):
    """--out /dev/null (or a FIFO) is named as such; the device is never replaced."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    for target, kind in ((fifo, "named pipe"), (Path("/dev/null"), "device")):
        code, _, stderr = run_cli(["solve", str(SAMPLE), "--out", str(target)])
        assert code == 2 and kind in stderr
    assert Path("/dev/null").is_char_device()


@pytest.mark.parametrize(
    "args",
    [
        ["solve", str(SAMPLE), "--baseline", "/dev/zero"],
        ["scenarios", "sweep", str(SAMPLE), "--target", "marketing", "--baseline", "/dev/zero"],
        ["checkin-template", str(SAMPLE), "--baseline", "/dev/zero", "--weeks", "6"],
    ],
)
def test_an_endless_input_file_ends_in_a_message(args):
    """--baseline /dev/zero is refused as a device without being opened, not read forever."""
    code, stdout, stderr = run_cli(args)
    assert_in_words(code, stdout, stderr)
    assert code == 2 and "is a device" in stderr and "zero" in stderr


def test_a_symlinked_plan_is_written_through_the_link(tmp_path):
    """A plan.csv that links into a shared folder stays a link; its target gets the plan."""
    shared = tmp_path / "shared"
    shared.mkdir()
    link = tmp_path / "plan.csv"
    link.symlink_to(shared / "q3.csv")
    assert run_cli(["solve", str(SAMPLE), "--out", str(link)])[0] == 0
    assert link.is_symlink() and (shared / "q3.csv").read_text(encoding="utf-8").startswith(
        "project_id"
    )
    assert sorted(p.name for p in shared.iterdir()) == ["q3.csv"]


def test_concurrent_writers_leave_one_whole_file_and_no_temporary_files(tmp_path):
    """Several processes writing one --out: each write is whole, the last one wins."""
    target = tmp_path / "plan.csv"
    texts = [f"writer {i}\n" * 20_000 for i in range(8)]
    threads = [threading.Thread(target=write_text_atomic, args=(target, t)) for t in texts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert target.read_text(encoding="utf-8") in texts
    assert [p.name for p in tmp_path.iterdir()] == ["plan.csv"]


def test_a_full_disk_is_reported_and_the_old_plan_kept(tmp_path, monkeypatch):
    """ENOSPC mid-write: 'the disk is full', the previous plan intact, no temporary file left."""
    import errno

    target = tmp_path / "plan.csv"
    target.write_text("old plan\n", encoding="utf-8")

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(InvalidInputError, match="disk is full"):
        write_text_atomic(target, "new plan\n")
    assert target.read_text(encoding="utf-8") == "old plan\n"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.csv"]


def test_a_folder_that_refuses_new_files_is_named_by_the_flag_not_a_temporary_name(
    tmp_path, monkeypatch
):
    """`--out /proc/plan.csv` passes every check (root may write there) but no file can be
    made: the message named '/proc/.plan.csv.of4pxz0r.tmp' with no fix. It names --out and
    the path given, with the fix, and leaves nothing behind."""
    import errno
    import tempfile

    target = tmp_path / "plan.csv"

    def refused(*args, **kwargs):
        raise OSError(errno.ENOENT, "No such file or directory", str(tmp_path / ".plan.csv.x.tmp"))

    monkeypatch.setattr(tempfile, "mkstemp", refused)
    with pytest.raises(InvalidInputError) as caught:
        write_text_atomic(target, "new plan\n")
    (problem,) = caught.value.issues
    assert problem.file == f"--out {target}"
    assert ".tmp" not in str(problem) and problem.fix
    assert list(tmp_path.iterdir()) == []


def test_generate_refuses_a_folder_with_data_files_unless_forced(tmp_path):
    """A leader's real data folder is never overwritten by a synthetic one unasked."""
    folder = Path(shutil.copytree(SAMPLE, tmp_path / "mine"))
    before = (folder / "teams.csv").read_bytes()
    code, stdout, stderr = run_cli(["generate", str(folder), "--teams", "3", "--projects", "4"])
    assert_in_words(code, stdout, stderr)
    assert code == 2 and "--force" in stderr and (folder / "teams.csv").read_bytes() == before
    code, _, _ = run_cli(["generate", str(folder), "--teams", "3", "--projects", "4", "--force"])
    assert code == 0 and (folder / "teams.csv").read_bytes() != before


@pytest.mark.parametrize("sizes", [["--teams", "501"], ["--projects", "10001"], ["--goals", "-1"]])
def test_generate_sizes_are_capped(sizes, tmp_path):
    """Sizes past the caps are refused at once, naming the range, before any memory is used."""
    args = ["generate", str(tmp_path / "g"), "--teams", "3", "--projects", "4", *sizes]
    code, _, stderr = run_cli(args)
    assert code == 2 and "out of range" in stderr and not (tmp_path / "g").exists()


# ---------------------------------------------------------------------------
# 5. User text stays text (the command line)
# ---------------------------------------------------------------------------


def test_the_command_line_never_writes_a_control_character_from_the_data(tmp_path):
    """A project or team named with terminal escapes is shown escaped by every command."""
    folder = Path(shutil.copytree(SAMPLE, tmp_path / "data"))
    projects = folder / "projects.csv"
    text = projects.read_text(encoding="utf-8")
    first_id = text.splitlines()[1].split(",")[0]
    projects.write_text(text.replace(first_id, "\x1b]0;pwned\x07" + first_id, 1), "utf-8")
    for args in (
        ["validate", str(folder)],
        ["explain", str(folder)],
        ["explain", str(folder), "\x1b[2J"],
        ["solve", str(folder), "--out", str(tmp_path / "p.csv")],
        ["solve", str(folder), "--bogus\x1b[2J"],
    ):
        code, stdout, stderr = run_cli(args)
        assert_in_words(code, stdout, stderr)


def test_escaped_shows_every_invisible_character():
    """The one escaping rule: controls, zero-width, bidi and odd spaces become escapes."""
    assert escaped("sdr\u200b") == "sdr\\u200b"
    assert escaped("a\x1b[31mb\tc\u202ed\u00a0e") == "a\\x1b[31mb\\tc\\u202ed\\xa0e"
    assert escaped("Marketing · Q3 🚀 目标") == "Marketing · Q3 🚀 目标"


# ---------------------------------------------------------------------------
# 6. Identifiers people cannot see (settings)
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        '[stages]\norder = ["awareness", "closing\u200b"]\n',
        '[capacity.multipliers]\n"sdr\u200b" = 0.5\n',
        '[capacity.multipliers]\n"sdr\u202e" = 0.5\n',
    ],
)
def test_invisible_characters_in_settings_names_are_refused_and_shown(text):
    """A stage or team name with a zero-width or bidi character is refused, the character shown."""
    with pytest.raises(InvalidInputError) as info:
        parse_settings(text)
    message = str(info.value)
    assert "\\u200b" in message or "\\u202e" in message
    assert "\u200b" not in message and "\u202e" not in message


def test_stage_names_are_nfc_normalised():
    """'cafe\u0301' and 'caf\u00e9' are the same stage: one normal form."""
    s = parse_settings(
        '[stages]\norder = ["cafe\u0301"]\n[stages.owners]\n"caf\u00e9" = ["sales"]\n'
    )
    assert s.stages.order == ("caf\u00e9",) and s.stages.owners["caf\u00e9"] == ("sales",)


# ---------------------------------------------------------------------------
# 7. References
# ---------------------------------------------------------------------------


def test_a_scenario_reference_that_is_a_name_and_another_id_is_refused(sample_result, tmp_path):
    """'2' naming scenario #1 and numbering scenario #2: refused; '#2' and '#1' are explicit."""
    from planner.scenarios.scenario import new_scenario
    from planner.scenarios.storage import ScenarioStore

    problem = load_problem(SAMPLE).problem
    db = tmp_path / "s.duckdb"
    with ScenarioStore.open(db) as store:
        store.save(new_scenario(problem, sample_result, "2"))
        store.save(new_scenario(problem, sample_result, "base"))
    base = ["scenarios", "--db", str(db), "show"]
    code, _, stderr = run_cli([*base, "2"])
    assert code == 2 and "#1" in stderr and "#2" in stderr
    assert "scenario 2: base" in run_cli([*base, "#2"])[1]
    assert "scenario 1: 2" in run_cli([*base, "#1"])[1]


def test_scenario_names_are_unique_after_trimming(sample_result, tmp_path):
    """' Q3 ' and 'Q3' would look the same in every list: the second is refused."""
    from planner.scenarios.scenario import new_scenario
    from planner.scenarios.storage import NameTakenError, ScenarioStore

    problem = load_problem(SAMPLE).problem
    with ScenarioStore.open(tmp_path / "s.duckdb") as store:
        store.save(new_scenario(problem, sample_result, "Q3"))
        with pytest.raises(NameTakenError):
            store.save(new_scenario(problem, sample_result, " Q3 "))
        other = store.save(new_scenario(problem, sample_result, "Q4"))
        with pytest.raises(NameTakenError):
            store.rename(other.scenario_id, "Q3\t")
        assert store.find(" Q3 ").name == "Q3"


def test_a_baseline_with_unknown_teams_or_two_owners_is_reported(tmp_path):
    """A baseline from other data is refused in words, not re-planned against."""
    import csv

    base = tmp_path / "base.csv"
    assert run_cli(["solve", str(SAMPLE), "--out", str(base)])[0] == 0
    rows = list(csv.DictReader(io.StringIO(base.read_text(encoding="utf-8"))))
    single = next(r for r in rows if r["team_id"] and r["share"] == "1")
    other = next(r["team_id"] for r in rows if r["team_id"] not in ("", single["team_id"]))
    for team_id, words in (("ghost_team", "not in teams.csv"), (other, "owners")):
        broken = tmp_path / "broken.csv"
        with broken.open("w", encoding="utf-8", newline="") as out:
            writer = csv.DictWriter(out, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows([*rows, {**single, "team_id": team_id}])
        code, stdout, stderr = run_cli(
            ["solve", str(SAMPLE), "--baseline", str(broken), "--out", str(tmp_path / "p.csv")]
        )
        assert_in_words(code, stdout, stderr)
        assert code == 2 and words in stderr


# ---------------------------------------------------------------------------
# 8. Files that are not files (storage)
# ---------------------------------------------------------------------------


def test_a_scenario_database_that_is_a_fifo_is_named_as_such(tmp_path):
    """PLANNER_DB naming a FIFO says so, instead of hanging or a DuckDB error."""
    from planner.scenarios.storage import ScenarioStore, StorageUnavailableError

    fifo = tmp_path / "db"
    os.mkfifo(fifo)
    with pytest.raises(StorageUnavailableError, match="named pipe"):
        ScenarioStore.open(fifo)
    code, _, stderr = run_cli(["scenarios", "--db", str(fifo), "list"])
    assert code == 1 and "named pipe" in stderr


def test_a_scenario_database_that_is_a_folder_names_both_ways_to_choose_a_file(tmp_path):
    """``--db FOLDER`` says it is a folder and names --db beside PLANNER_DB as the fix.

    It once said only "Set PLANNER_DB to a file path" to someone who had typed --db.
    """
    code, _, stderr = run_cli(["scenarios", "--db", str(tmp_path), "list"])
    assert code == 1
    assert "is a folder, not a file" in stderr
    assert "PLANNER_DB (or a command's --db) to a file path" in stderr
    assert list(tmp_path.iterdir()) == []


def test_a_scenario_database_under_a_file_or_a_loop_of_links_says_which(tmp_path):
    """PLANNER_DB=notes.txt/q3.duckdb read "cannot be used: [Errno 17] File exists";
    a link that leads back to itself, DuckDB's "Too many levels of symbolic links"."""
    from planner.scenarios.storage import ScenarioStore, StorageUnavailableError

    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(StorageUnavailableError) as refused:
        ScenarioStore.open(tmp_path / "notes.txt" / "q3.duckdb")
    assert f"{tmp_path / 'notes.txt'} is a file, not a folder" in str(refused.value)
    assert "Errno" not in str(refused.value)
    assert (tmp_path / "notes.txt").read_text() == "mine"
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    with pytest.raises(StorageUnavailableError, match="a loop of links"):
        ScenarioStore.open(tmp_path / "a")


# ---------------------------------------------------------------------------
# 9. Time limits hold end to end
# ---------------------------------------------------------------------------


def test_the_smallest_time_limit_still_answers_within_a_second(tmp_path):
    """At the range's low edge the CLI answers (a quick plan or none) well within limit + 1 s."""
    import time

    started = time.perf_counter()
    code, stdout, stderr = run_cli(
        [
            "solve",
            str(SAMPLE),
            "--time-limit",
            str(ranges.TIME_LIMIT.low),
            "--out",
            str(tmp_path / "p.csv"),
        ]
    )
    assert_in_words(code, stdout, stderr)
    assert time.perf_counter() - started < ranges.TIME_LIMIT.low + 1.0 + 0.5  # + loading


# ---------------------------------------------------------------------------
# 5. User text stays text (the app)
# ---------------------------------------------------------------------------

HOSTILE_TEXT = "**b** $x^2$ <b>h</b> :red[r] [l](http://e.x) `c` :material/home: &lt;i&gt;\n# H"
#: Pieces of HOSTILE_TEXT that would render as markup if they reached Markdown unescaped.
MARKUP = ("**b**", "$x^2$", "<b>", ":red[", "](http", "`c`", ":material/home:", "&lt;", "\n#")


def test_no_page_renders_user_text_as_markup(tmp_path, monkeypatch):
    """Names, goals, ids and the data source are shown literally on every page.

    A leader's project called ``$x^2$`` or ``<b>h</b>`` must read exactly so,
    not as LaTeX or HTML; one helper (``pages.ui.md``) escapes them all.
    """
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("PLANNER_DB", str(tmp_path / "s.duckdb"))
    problem = load_problem(SAMPLE).problem
    hostile = problem.replace(
        projects=tuple(replace(p, name=HOSTILE_TEXT) for p in problem.projects),
        teams=tuple(replace(t, name=HOSTILE_TEXT) for t in problem.teams),
        goals=tuple(replace(g, name=HOSTILE_TEXT, kpi=HOSTILE_TEXT) for g in problem.goals),
    )
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.session_state["problem"] = hostile
    app.session_state["source"] = HOSTILE_TEXT
    app.run()
    for page in PAGES:
        app.switch_page(page).run()
        assert not app.exception, page
        for kind in ("markdown", "caption", "error", "warning", "info", "success", "title"):
            for element in app.get(kind):
                text = str(getattr(element, "value", "") or getattr(element, "body", ""))
                assert not any(m in text for m in MARKUP), (page, kind, text)
        # Pills' options are Markdown in a browser: the Plan's "A team's weeks" showed a
        # team named "**b** $x^2$" in bold with a formula.
        for element in app.get("button_group"):
            for option in element.options:
                assert not any(m in str(option) for m in MARKUP), (page, element.label, option)


# ---------------------------------------------------------------------------
# 3, 6, 8 in the data folder: unknown names, invisible ids, files that are not files
# ---------------------------------------------------------------------------


@pytest.fixture
def sample_copy(tmp_path: Path) -> Path:
    """A private copy of the sample that a test may break."""
    return Path(shutil.copytree(SAMPLE, tmp_path / "data"))


def test_a_multiplier_for_a_team_that_does_not_exist_is_an_error(sample_copy):
    """A typo in a team id must not silently leave that team at 100 %."""
    settings = sample_copy / "settings.toml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(
        text.replace("[capacity.multipliers]", '[capacity.multipliers]\n"sdr-tem" = 0.5'),
        encoding="utf-8",
    )
    with pytest.raises(InvalidInputError) as info:
        load_problem(sample_copy)
    (problem,) = info.value.errors
    assert problem.file == "settings.toml" and problem.column == "capacity.multipliers.sdr-tem"
    assert "no department or team" in problem.message and problem.fix


def test_the_app_drops_the_multiplier_of_a_team_it_deleted():
    """In the app, deleting a team on the Data page drops its what-if instead of failing."""
    from planner.core.loading import build_problem, problem_to_frames

    problem = load_problem(SAMPLE).problem
    gone = problem.teams[0].team_id
    capacity = replace(problem.settings.capacity, multipliers={gone: 0.5, "sales": 0.9})
    with_what_if = problem.replace(settings=replace(problem.settings, capacity=capacity))
    frames = problem_to_frames(with_what_if)
    frames["teams.csv"] = frames["teams.csv"].iloc[1:]
    calendar = frames["calendar.csv"]  # its weeks go with it (the Data page names them if not)
    frames["calendar.csv"] = calendar[calendar["team_id"] != gone]
    rebuilt = build_problem(
        {k: v for k, v in frames.items() if k != "rules.csv" and k != "estimates.csv"},
        with_what_if.settings,
    ).problem
    assert rebuilt.settings.capacity.multipliers == {"sales": 0.9}


@pytest.mark.parametrize("hidden", ["\u200b", "\u202e", "\u00a0", "\x07", "\ufeff"])
def test_ids_with_characters_nobody_can_see_are_refused_showing_them(sample_copy, hidden):
    """'sdr' and 'sdr\\u200b' look the same; the second is refused, the character shown."""
    teams = sample_copy / "teams.csv"
    lines = teams.read_text(encoding="utf-8").splitlines()
    team_id = lines[1].split(",")[0]
    lines[1] = lines[1].replace(team_id, team_id + hidden + "x", 1)
    teams.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InvalidInputError) as info:
        load_problem(sample_copy)
    located = [
        i for i in info.value.errors if (i.file, i.row, i.column) == ("teams.csv", 2, "team_id")
    ]
    assert located and escaped(hidden) in located[0].message and hidden not in located[0].message


def test_ids_are_nfc_normalised_so_one_id_matches_itself(sample_copy):
    """A project's goal_id typed decomposed still finds the precomposed goal."""
    goals = sample_copy / "goals.csv"
    projects = sample_copy / "projects.csv"
    goal_id = goals.read_text(encoding="utf-8").splitlines()[1].split(",")[0]
    goals.write_text(goals.read_text(encoding="utf-8").replace(goal_id, "caf\u00e9"), "utf-8")
    projects.write_text(
        projects.read_text(encoding="utf-8").replace(goal_id, "cafe\u0301"), "utf-8"
    )
    problem = load_problem(sample_copy).problem
    assert "caf\u00e9" in {p.goal_id for p in problem.projects}


@pytest.mark.parametrize("kind", ["folder", "fifo", "device", "dangling link"])
def test_a_data_file_that_is_not_a_file_is_named_as_such(sample_copy, kind):
    """teams.csv as a folder, FIFO, device or dangling link: said so, never 'missing', no hang."""
    teams = sample_copy / "teams.csv"
    teams.unlink()
    words = {"folder": "is a folder", "fifo": "named pipe", "device": "is a device"}
    if kind == "folder":
        teams.mkdir()
    elif kind == "fifo":
        os.mkfifo(teams)
    elif kind == "device":
        teams.symlink_to("/dev/zero")
    else:
        teams.symlink_to(sample_copy / "gone.csv")
    code, stdout, stderr = run_cli(["validate", str(sample_copy)])
    assert_in_words(code, stdout, stderr)
    assert code == 2 and words.get(kind, "does not exist") in stderr and "missing" not in stderr


def test_a_settings_path_that_is_not_a_file_is_named_as_such(tmp_path):
    """--settings naming a folder or a device says what it is."""
    for path, words in ((tmp_path, "is a folder"), (Path("/dev/zero"), "is a device")):
        code, _, stderr = run_cli(["validate", str(SAMPLE), "--settings", str(path)])
        assert code == 2 and words in stderr


def test_a_dangling_data_folder_link_is_named_as_such(tmp_path):
    """DATA_DIR a link to nowhere: the link and its target are named."""
    link = tmp_path / "data"
    link.symlink_to(tmp_path / "nowhere")
    code, _, stderr = run_cli(["validate", str(link)])
    assert code == 2 and "is a link to" in stderr


@pytest.mark.parametrize(
    ("given", "words"),
    [
        ("", "no data folder was given"),
        ("book.xls", "is a .xls file; Goal Planner reads .xlsx workbooks"),
        ("book.ods", "is a .ods file"),
        ("data/teams.csv", "Give the folder that holds it:"),
    ],
)
def test_a_data_dir_that_is_a_file_of_another_kind_says_what_to_give(given, words, tmp_path):
    """A newcomer gives the old .xls, a LibreOffice sheet or teams.csv itself: each is named
    for what it is and the fix says what the planner reads (it said "is a file, not a
    folder"); an empty DATA_DIR is not the current folder.
    """
    data = Path(shutil.copytree(SAMPLE, tmp_path / "data"))
    for name in ("book.xls", "book.ods"):
        (tmp_path / name).write_bytes(b"PK\x03\x04 not read")
    path = str(tmp_path / given) if given else ""
    code, stdout, stderr = run_cli(["validate", path])
    assert_in_words(code, stdout, stderr)
    assert code == 2 and words in stderr
    if given.endswith("teams.csv"):
        assert str(data) in stderr


def test_a_link_that_leads_back_to_itself_is_named_as_a_loop(tmp_path):
    """A data folder (or teams.csv) that is a loop of links was named "a link to x, which
    does not exist" (x exists) or "Too many levels of symbolic links": it is named a loop.
    """
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    code, stdout, stderr = run_cli(["validate", str(tmp_path / "a")])
    assert_in_words(code, stdout, stderr)
    assert code == 2 and "leads back to itself" in stderr and "does not exist" not in stderr
    data = Path(shutil.copytree(SAMPLE, tmp_path / "data"))
    (data / "teams.csv").unlink()
    (data / "teams.csv").symlink_to("teams.csv")
    code, stdout, stderr = run_cli(["validate", str(data)])
    assert code == 2 and "leads back to itself" in stderr and "Too many levels" not in stderr


def test_a_limit_too_short_for_the_size_ends_at_once_in_words():
    """150 teams x 3,000 projects at 0.01 s: 'no plan', with the limit to ask for, in no time.

    Preparing and checking a plan grows with teams x projects whatever the
    search; a limit that cannot cover it would otherwise be overrun by seconds.
    """
    import time

    from planner.solving.solver import solve

    big = generate_problem(150, 3000)
    started = time.perf_counter()
    result = solve(big, time_limit_s=ranges.TIME_LIMIT.low)
    assert time.perf_counter() - started < 0.5
    assert (
        result.status is Status.NO_PLAN and "Raise the time limit to at least" in result.reasons[0]
    )


def test_an_uploaded_folder_whose_settings_do_not_fit_is_refused_at_import_with_the_reason():
    """The Data page's zip import reads settings through the same ranges: refused, in words."""
    import zipfile

    from planner.core.loading import build_problem, read_zip

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for file in SAMPLE.iterdir():
            if file.name != "settings.toml":
                archive.write(file, file.name)
        archive.writestr("settings.toml", "[capacity]\nmax_utilization = 1.5\n")
    with pytest.raises(InvalidInputError) as info:
        build_problem(read_zip(buffer.getvalue()))
    (issue,) = info.value.errors
    assert issue.column == "capacity.max_utilization"
    assert ranges.MAX_UTILIZATION.describe() in issue.message + issue.fix


def test_a_full_disk_under_the_scenario_database_is_named(tmp_path, monkeypatch):
    """DuckDB failing with ENOSPC: 'the disk is full', not DuckDB's words."""
    import errno

    import duckdb

    from planner.scenarios.storage import ScenarioStore, StorageUnavailableError

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(duckdb, "connect", full)
    with pytest.raises(StorageUnavailableError, match="the disk is full"):
        ScenarioStore.open(tmp_path / "s.duckdb")


def test_digits_from_other_scripts_are_words_not_numbers(sample_result, tmp_path):
    """'¹' passes str.isdigit() but int() refuses it: a week, a plan's week and a
    scenario id written with it are refused in words (exit 2), never a traceback."""
    from planner.scenarios.scenario import new_scenario
    from planner.scenarios.storage import ScenarioStore

    problem = load_problem(SAMPLE).problem
    db = tmp_path / "s.duckdb"
    with ScenarioStore.open(db) as store:
        store.save(new_scenario(problem, sample_result, "base"))
    code, _, stderr = run_cli(["scenarios", "--db", str(db), "show", "#\u00b9"])
    assert code == 2 and "Traceback" not in stderr

    folder = tmp_path / "data"
    write_folder(problem, folder)
    (folder / "calendar.csv").write_text(
        f"team_id,week,capacity_hours\n{problem.teams[0].team_id},\u00b9,10\n"
    )
    code, _, stderr = run_cli(["validate", str(folder)])
    assert code == 2 and "calendar.csv" in stderr and "week" in stderr

    plan = tmp_path / "plan.csv"
    assert run_cli(["solve", str(SAMPLE), "--out", str(plan)])[0] == 0
    lines = plan.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    cells = lines[1].split(",")
    cells[header.index("start_week")] = "\u00b9"
    plan.write_text("\n".join([lines[0], ",".join(cells), *lines[2:]]) + "\n", encoding="utf-8")
    with pytest.raises(InvalidInputError):
        read_plan_csv(plan.read_text(encoding="utf-8"))
