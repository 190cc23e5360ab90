"""Ctrl-C on the command line: SPEC's exit 130 is the second one; the first keeps the best
plan so far. Never a traceback, whenever the key is pressed."""

from __future__ import annotations

import contextlib
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import planner.interfaces.scenario_cli  # noqa: F401  (registers ``scenarios``)
from planner.core.gap_literature import gap_instance, gap_to_problem
from planner.core.generate import generate_folder
from planner.core.writing import write_folder
from planner.interfaces.cli import main
from planner.scenarios.storage import ScenarioStore

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data" / "sample-without-weeks"


@pytest.fixture(autouse=True)
def _ctrl_c_as_in_a_terminal():
    """Ctrl-C handled as in a terminal's foreground command, here and in the programs these
    tests start: a test run started in the background (``make test &``, a CI runner) may
    hand its workers SIGINT ignored, and a planner started so ignores Ctrl-C."""
    before = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, before)


#: Run ``python -m planner`` with a Ctrl-C arriving while a module is being read, as on a
#: loaded machine where starting takes seconds and the user presses it at once.
_CTRL_C_WHILE_READING = """
import builtins, runpy, sys
real_import = builtins.__import__
pressed_at, compiled = sys.argv[2], sys.argv[3] == "compiled"
def ctrl_c_at(name, *args, **kwargs):
    if name == pressed_at and compiled:
        # A compiled library (OR-Tools' cp_model_helper, pybind11) caught in its start-up.
        raise ImportError("initialization failed") from KeyboardInterrupt()
    if name == pressed_at:
        raise KeyboardInterrupt
    return real_import(name, *args, **kwargs)
builtins.__import__ = ctrl_c_at
sys.argv = ["planner", "validate", sys.argv[1]]
runpy.run_module("planner", run_name="__main__")
"""


@pytest.mark.parametrize("how", ["python", "compiled"])
@pytest.mark.parametrize(
    ("module", "said"),
    [
        # The command line's own modules, before main() is there to catch it.
        ("planner.core.domain", "interrupted; nothing was written."),
        # pandas, read only once a command needs it (validate reads the data).
        ("pandas", "interrupted; nothing more was written."),
    ],
)
def test_a_ctrl_c_while_the_planner_starts_ends_in_words_not_a_traceback(module, said, how):
    """Starting took a second or more (pandas, OR-Tools); a Ctrl-C then printed a page of
    traceback from inside pandas, where SPEC promises a short line and exit 130. Whether it
    comes while the command line is read or while a command reads its libraries, it ends
    in one line. A compiled library's start-up turns the Ctrl-C into "ImportError:
    initialization failed": `scenarios save` read "internal error (ImportError ...). This
    is a bug in Goal Planner", exit 1; it is the Ctrl-C it was."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", _CTRL_C_WHILE_READING, str(DATA), module, how],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 130, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stderr.strip() == said


#: ``python -m planner validate DATA`` with a Ctrl-C arriving once the command has answered,
#: while Python tears the process down (an exit handler stands in for that moment). Ctrl-C
#: is handled as in a terminal's foreground command (see ``_CTRL_C_IN_A_CALLBACK``).
_CTRL_C_AT_THE_END = """
import atexit, runpy, signal, sys
signal.signal(signal.SIGINT, signal.default_int_handler)
atexit.register(signal.raise_signal, signal.SIGINT)
sys.argv = ["planner", "validate", sys.argv[1]]
runpy.run_module("planner", run_name="__main__")
"""


def test_a_ctrl_c_after_the_answer_prints_no_traceback_and_keeps_the_exit_status():
    """A Ctrl-C 1.6 s into `planner checkin ... --out o.csv` (1 of 60 tries), after "plan
    written to o.csv", printed "Exception ignored in: <function WeakSet.__init__.<locals>.
    _remove ...> Traceback ... KeyboardInterrupt" under the answer: the work was done and
    written, and Python was freeing memory. Once the command has answered, a Ctrl-C has
    nothing left to stop: the answer stands, with its exit status, and nothing else."""
    done = subprocess.run(
        [sys.executable, "-c", _CTRL_C_AT_THE_END, str(DATA)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == "", done.stderr
    assert "valid" in done.stdout


#: ``python -m planner validate DATA`` with a Ctrl-C landing in a weak reference's callback
#: as pandas is read: Python cannot raise it there, and printed it as "Exception ignored".
#: Ctrl-C is handled as in a terminal's foreground command: a test run started in the
#: background (``make test &``, a CI runner) hands its workers SIGINT ignored, and on such
#: a worker the Ctrl-C signalled again was dropped: "valid", exit 0, no word of it.
_CTRL_C_IN_A_CALLBACK = """
import builtins, runpy, signal, sys, weakref
signal.signal(signal.SIGINT, signal.default_int_handler)
real_import = builtins.__import__
class Freed: pass
def pressed(_):
    raise KeyboardInterrupt
def ctrl_c_in_a_callback(name, *args, **kwargs):
    if name == "pandas":
        builtins.__import__ = real_import
        freed = Freed()
        ref = weakref.ref(freed, pressed)
        del freed
    return real_import(name, *args, **kwargs)
builtins.__import__ = ctrl_c_in_a_callback
sys.argv = ["planner", "validate", sys.argv[1]]
runpy.run_module("planner", run_name="__main__")
"""


def test_a_ctrl_c_python_cannot_raise_where_it_lands_still_stops_the_command():
    """A Ctrl-C that lands while Python runs a weak reference's callback (memory being
    freed, a moment at any time) cannot be raised there: it printed "Exception ignored in:
    <function WeakSet.__init__.<locals>._remove ...> Traceback ... KeyboardInterrupt" and
    the command went on as if never pressed. It now stops the command, in words."""
    done = subprocess.run(
        [sys.executable, "-c", _CTRL_C_IN_A_CALLBACK, str(DATA)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=120,
        check=False,
    )
    assert done.returncode == 130, done.stderr
    assert done.stderr.strip() == "interrupted; nothing more was written."


def _ctrl_c_during(monkeypatch: pytest.MonkeyPatch) -> None:
    """The solve receives a real SIGINT halfway, as a leader's Ctrl-C during the search."""
    from planner.solving import solver

    real_solve = solver.solve

    def pressed(problem, **kwargs):
        signal.raise_signal(signal.SIGINT)
        return real_solve(problem, **kwargs)

    monkeypatch.setattr(solver, "solve", pressed)


@pytest.mark.parametrize("json_flag", [[], ["--json"]])
def test_a_first_ctrl_c_during_scenarios_save_saves_the_best_plan_so_far_and_says_so(
    json_flag, tmp_path, monkeypatch
):
    """One Ctrl-C during ``scenarios save`` ended it (exit 130) with nothing saved, where
    ``solve`` keeps the best plan so far: SPEC's exit 130 is for a second Ctrl-C."""
    _ctrl_c_during(monkeypatch)
    db = tmp_path / "s.duckdb"
    out, err = io.StringIO(), io.StringIO()
    args = ["scenarios", "--db", str(db), "save", str(DATA), "--name", "q3", "--time-limit", "2"]
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([*args, *json_flag])
    assert code == 0, err.getvalue()
    assert "Ctrl-C again to quit" in err.getvalue()
    if json_flag:
        assert json.loads(out.getvalue())["stopped_by_user"] is True
    else:
        assert "stopped by the user: best plan so far" in out.getvalue()
    with ScenarioStore(db) as store:
        (saved,) = store.list()
    assert saved.name == "q3" and saved.metrics.status.has_plan


def test_a_first_ctrl_c_during_a_sweep_keeps_the_points_solved_so_far(tmp_path, monkeypatch):
    """One Ctrl-C during ``scenarios sweep`` ended it (exit 130) and the points already
    solved were lost; now the running solves keep their best plans, no other point starts
    (it shows the plan of a smaller capacity, which holds with more), and the table shows
    every point."""
    from planner.scenarios import whatif

    real_solve = whatif.solve
    pressed: list[bool] = []

    def solve_then_ctrl_c(problem, *, cancel=None, **kwargs):
        if not pressed:
            pressed.append(True)
            signal.raise_signal(signal.SIGINT)
            assert cancel is not None and cancel.wait(10)  # the handler runs in the main thread
        return real_solve(problem, cancel=cancel, **kwargs)

    monkeypatch.setattr(whatif, "solve", solve_then_ctrl_c)
    out, err = io.StringIO(), io.StringIO()
    args = ["scenarios", "--db", str(tmp_path / "s.duckdb"), "sweep", str(DATA)]
    args += ["--target", "sales", "--steps", "5", "--time-limit", "2", "--free"]
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(args)
    assert code == 0, err.getvalue()
    assert "Ctrl-C again to quit" in err.getvalue()
    assert "stopped by the user: the plans found so far are shown" in err.getvalue()
    assert len(out.getvalue().splitlines()) == 1 + 5  # the header and every point


@pytest.mark.parametrize("command", ["sweep", "marginal"])
@pytest.mark.parametrize("json_flag", [[], ["--json"]])
def test_a_first_ctrl_c_while_the_current_plan_is_made_ends_as_no_plan_not_130(
    command, json_flag, tmp_path, monkeypatch
):
    """One Ctrl-C while ``scenarios sweep`` made the current plan ("making the current plan
    first...") ended it with 130, SPEC's status for a second Ctrl-C. A first one stops the
    solve and keeps what was planned: no point was yet, so the command says so and ends as
    no plan (3); with --json, one object as a stopped command gives."""
    from planner.solving import solver

    real_solve = solver.solve

    def solve_then_ctrl_c(problem, *, cancel=None, **kwargs):
        signal.raise_signal(signal.SIGINT)
        assert cancel is not None and cancel.wait(10)  # the handler runs in the main thread
        return real_solve(problem, cancel=cancel, **kwargs)

    monkeypatch.setattr(solver, "solve", solve_then_ctrl_c)
    out, err = io.StringIO(), io.StringIO()
    args = ["scenarios", "--db", str(tmp_path / "s.duckdb"), command, str(DATA), *json_flag]
    args += ["--target", "sales", "--steps", "3"] if command == "sweep" else []
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(args)
    assert code == 3, err.getvalue()
    said = err.getvalue()
    assert "Ctrl-C again to quit" in said
    assert "stopped by the user while making the current plan, before any point" in said
    assert "--free" in said and "Traceback" not in said
    if json_flag:
        stopped = json.loads(out.getvalue())
        assert (stopped["status"], stopped["signal"], stopped["exit_code"]) == (
            "stopped",
            "SIGINT",
            3,
        )
        assert stopped["problems"][0]["fix"]
    else:
        assert out.getvalue() == ""


#: ``python -m planner ARGS...`` whose interpreter takes ``seconds`` to tear down once the
#: command has answered (a module-level object slow to delete: a big quarter's teardown on
#: a loaded machine is as slow).
_SLOW_TEARDOWN = """
import runpy, sys, time
seconds = float(sys.argv[1])
class SlowTeardown:
    def __del__(self):
        time.sleep(seconds)
keep = SlowTeardown()
sys.argv = ["planner", *sys.argv[2:]]
runpy.run_module("planner", run_name="__main__")
"""


def _ctrl_c_mid_search(
    data: Path, tmp_path: Path, *, limit: float = 60, teardown: float = 0, after: str = ""
) -> tuple[int, str, Path, float]:
    """``planner -v solve data`` with a real SIGINT once CP-SAT searches (the model is
    built, and the ``after`` line is logged too when given): the return code, stderr, the
    --out path and the seconds from the SIGINT to the end of the process."""
    out = tmp_path / "plan.csv"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    args = ["-v", "solve", str(data), "--out", str(out), "--time-limit", str(limit)]
    child = subprocess.Popen(
        [sys.executable, "-c", _SLOW_TEARDOWN, str(teardown), *args],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    assert child.stderr is not None
    seen = []
    built = False
    for line in child.stderr:
        seen.append(line)
        built = built or "model built" in line
        if built and after in line:
            break
    time.sleep(0.5)  # CP-SAT's search (and HiGHS's beside it) under way
    child.send_signal(signal.SIGINT)
    pressed = time.perf_counter()
    try:
        _, rest = child.communicate(timeout=60)
    finally:
        child.kill()
    return child.returncode, "".join(seen) + rest, out, time.perf_counter() - pressed


@pytest.mark.parametrize("kind", ["assignment", "quarter in weeks"])
def test_a_first_ctrl_c_during_the_search_keeps_the_best_plan_and_never_aborts(kind, tmp_path):
    """A Ctrl-C while CP-SAT searched killed the planner with ``terminate called after
    throwing an instance of 'std::bad_function_call'`` (exit 134, nothing written): CP-SAT
    put its own SIGINT handler in Python's place, one that only works on the thread that
    searches, and the signal lands on the main thread."""
    data = tmp_path / "data"
    if kind == "assignment":  # two HiGHS search instead of CP-SAT (planner.solving.portfolio)
        write_folder(gap_to_problem(gap_instance("D", 20, 200, seed=0)), data)
    else:
        generate_folder(data, num_teams=20, num_projects=200, weeks=True)
    code, err, out, _ = _ctrl_c_mid_search(data, tmp_path)
    assert code == 0, err
    assert "terminate called" not in err and "Traceback" not in err
    assert "stopping: the best plan so far is kept" in err
    assert out.is_file()


def test_a_stopped_highs_search_neither_aborts_nor_holds_the_planner_at_its_end(tmp_path):
    """HiGHS, searching a pure assignment (planner.solving.portfolio), ignores a stop and
    runs to its time limit. When it ended while the interpreter was being torn down after
    a Ctrl-C, the planner aborted after writing the plan (``terminate called without an
    active exception``, exit 134); now it ends at once with the plan's exit status."""
    data = tmp_path / "data"
    write_folder(gap_to_problem(gap_instance("D", 20, 200, seed=0)), data)
    # HiGHS's limit ends during a 20 s teardown
    code, err, out, _ = _ctrl_c_mid_search(data, tmp_path, limit=8, teardown=20)
    assert code == 0, err
    assert "terminate called" not in err and "Traceback" not in err
    assert out.is_file()
    # Held: pressed once HiGHS searches (its limit 60 s), the process ends at once, not
    # when HiGHS's limit is over. Without the slow teardown: HiGHS in its worker process
    # is stopped with the search, and with nothing left running the interpreter is torn
    # down as usual (the 20 s teardown then counted 20.2 s though nothing waited).
    out.unlink()
    code, err, out, seconds = _ctrl_c_mid_search(data, tmp_path, limit=60, after="HiGHS searches")
    assert code == 0, err
    assert "terminate called" not in err and "Traceback" not in err
    assert out.is_file()
    assert seconds < 15, f"ended {seconds:.1f} s after the Ctrl-C: it waited for HiGHS"


def test_every_cp_sat_solver_the_planner_makes_leaves_ctrl_c_to_python():
    """Each search's solver comes from ``cp_solver`` (CP-SAT's own SIGINT handler off): a
    ``cp_model.CpSolver()`` made elsewhere would bring the abort above back."""
    from planner.optimizer.cpsat import cp_solver

    assert cp_solver().parameters.catch_sigint_signal is False
    made_elsewhere = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in sorted((ROOT / "planner").rglob("*.py"))
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if "CpSolver()" in line and path.name != "cpsat.py"
    ]
    assert made_elsewhere == []


@pytest.mark.parametrize(
    ("argv", "out", "at"),
    [
        (["solve", str(DATA), "--out", "{dir}/plan.csv", "--time-limit", "2"], "plan.csv", 1),
        (["solve", str(DATA), "--out", "{dir}/plan.xlsx", "--time-limit", "2"], "plan.xlsx", 1),
        (["generate", "{dir}/q3", "--teams", "4", "--projects", "12"], "q3", 2),
    ],
)
def test_a_ctrl_c_as_the_output_is_written_leaves_no_temporary_file(
    argv, out, at, tmp_path, monkeypatch, capsys
):
    """A Ctrl-C while the output was being written (its sync to disk takes a moment) ended
    the command, "interrupted; nothing more was written.", exit 130, and left the file's
    hidden temporary copy beside it (`.plan.csv.nyjfk024.tmp`; `generate` left its new
    folder holding one). The output is whole or absent, and no temporary file stays."""
    real_fsync = os.fsync
    synced: list[int] = []

    def ctrl_c_at_a_sync(fd: int) -> None:
        synced.append(fd)
        if len(synced) == at:  # a plan's one file; generate's second
            raise KeyboardInterrupt
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", ctrl_c_at_a_sync)
    code = main([word.replace("{dir}", str(tmp_path)) for word in argv])
    assert code == 130
    assert "interrupted; nothing more was written." in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == [], sorted(p.name for p in tmp_path.rglob("*"))
    assert not (tmp_path / out).exists()
