"""A SIGTERM (`kill PID`, a service or a CI job stopping) ends a command in words, with
SPEC's exit 143 and nothing half-written; a program started with Ctrl-C ignored (`nohup
planner ... &`) keeps ignoring it."""

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
from planner.core.generate import generate_folder
from planner.interfaces.cli import EXIT_TERMINATED, main
from planner.scenarios.storage import ScenarioStore

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data" / "sample-without-weeks"
SAID = "stopped: the planner was asked to end (SIGTERM); nothing more was written"


def _planner(args: list[str]) -> subprocess.Popen[str]:
    """``python -m planner ARGS`` started as a child process, its standard error read."""
    return subprocess.Popen(
        [sys.executable, "-m", "planner", *args],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def _signal_during_the_solve(monkeypatch: pytest.MonkeyPatch, signum: int) -> None:
    """The solve receives ``signum`` as it starts, as from `kill` during the search."""
    from planner.solving import solver

    real_solve = solver.solve

    def sent(problem, **kwargs):
        signal.raise_signal(signum)
        return real_solve(problem, **kwargs)

    monkeypatch.setattr(solver, "solve", sent)


def test_a_sigterm_during_the_search_ends_in_words_with_143_and_no_plan_file(tmp_path):
    """`kill PID` during `planner solve` ended the program at once with nothing on standard
    error: a script's log read as a crash. It now says it was stopped, exit 143 (128 +
    SIGTERM, as shells count), and neither the plan nor its temporary copy is left."""
    data = tmp_path / "data"
    generate_folder(data, num_teams=20, num_projects=200, weeks=True)
    out = tmp_path / "plan.csv"
    args = ["-v", "solve", str(data), "--out", str(out), "--time-limit", "60"]
    child = _planner(args)
    assert child.stderr is not None
    seen = []
    for line in child.stderr:  # the search under way
        seen.append(line)
        if "model built" in line:
            break
    child.send_signal(signal.SIGTERM)
    try:
        _, rest = child.communicate(timeout=60)
    finally:
        child.kill()
    err = "".join(seen) + rest
    assert child.returncode == EXIT_TERMINATED == 143, err
    assert SAID in err and "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]


@pytest.mark.parametrize("json_flag", [[], ["--json"]])
def test_a_sigterm_during_scenarios_save_saves_nothing(json_flag, tmp_path, monkeypatch):
    """A save asked to end during its solve says so, exit 143, and saves nothing: no row in
    the database (whole or nothing), and the command's own SIGTERM handler is gone after."""
    _signal_during_the_solve(monkeypatch, signal.SIGTERM)
    db = tmp_path / "s.duckdb"
    out, err = io.StringIO(), io.StringIO()
    args = ["scenarios", "--db", str(db), "save", str(DATA), "--name", "q3", "--time-limit", "2"]
    before = signal.getsignal(signal.SIGTERM)
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([*args, *json_flag])
    assert code == 143, err.getvalue()
    assert SAID in err.getvalue()
    # --json: one object saying so (it printed nothing), no plan in it: none was saved.
    if json_flag:
        said = json.loads(out.getvalue())
        assert {k: said[k] for k in _STOPPED_BY_SIGTERM} == _STOPPED_BY_SIGTERM
    else:
        assert out.getvalue() == ""
    assert signal.getsignal(signal.SIGTERM) is before
    with ScenarioStore(db) as store:
        assert store.list() == []


_STOPPED_BY_SIGTERM = {"status": "stopped", "signal": "SIGTERM", "exit_code": 143}


@pytest.mark.parametrize(
    ("signals", "code", "stopped"),
    [
        ([signal.SIGTERM], 143, _STOPPED_BY_SIGTERM),
        (
            [signal.SIGINT, signal.SIGINT],
            130,
            {"status": "stopped", "signal": "SIGINT", "exit_code": 130},
        ),
    ],
)
def test_solve_json_ended_by_a_signal_prints_one_object_and_no_plan(
    signals, code, stopped, tmp_path, monkeypatch
):
    """`solve --json` ended by a SIGTERM or a second Ctrl-C printed nothing on standard
    output: a script reading the one object SPEC promises read a crash. It prints one, its
    status "stopped", the signal and the exit status, with no plan in it: none was written
    (exit 143 and 130 leave nothing half-written)."""
    from planner.solving import solver

    real_solve = solver.solve

    def sent(problem, **kwargs):
        for signum in signals:
            signal.raise_signal(signum)
        return real_solve(problem, **kwargs)

    monkeypatch.setattr(solver, "solve", sent)
    out, err = io.StringIO(), io.StringIO()
    plan = tmp_path / "p.csv"
    args = ["solve", str(DATA), "--out", str(plan), "--time-limit", "5", "--json"]
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        assert main(args) == code, err.getvalue()
    said = json.loads(out.getvalue())
    assert {k: said[k] for k in stopped} == stopped
    assert "objective" not in said and "assignments" not in said
    assert said["problems"][0]["message"] and said["problems"][0]["fix"]
    assert not plan.exists() and list(tmp_path.iterdir()) == []


def test_solve_json_after_a_first_ctrl_c_reports_the_plan_it_kept(tmp_path, monkeypatch):
    """A first Ctrl-C keeps the best plan so far (SPEC): `--json` reports that plan, as
    written, with `stopped_by_user` true, exit 0; only an end with nothing written (143,
    130) reports no plan."""
    _signal_during_the_solve(monkeypatch, signal.SIGINT)
    out, err = io.StringIO(), io.StringIO()
    plan = tmp_path / "p.csv"
    args = ["solve", str(DATA), "--out", str(plan), "--time-limit", "5", "--json"]
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(args)
    said = json.loads(out.getvalue())
    assert said["stopped_by_user"] is True
    assert (code, said["status"] in ("optimal", "feasible"), plan.exists()) == (0, True, True)


@pytest.fixture
def ctrl_c_ignored():
    """Ctrl-C ignored, as `nohup planner ... &` (and the background jobs of some shells)
    start the program."""
    before = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, before)


def test_a_planner_started_with_ctrl_c_ignored_does_not_stop_for_one(
    ctrl_c_ignored, tmp_path, monkeypatch
):
    """Started with SIGINT ignored, `planner solve` still put its own Ctrl-C handler in: one
    sent to its process group stopped the search and wrote the cut-short plan ("stopped by
    the user"). It is ignored, as the program was told: the solve runs to its end."""
    _signal_during_the_solve(monkeypatch, signal.SIGINT)
    out, err = io.StringIO(), io.StringIO()
    args = ["solve", str(DATA), "--out", str(tmp_path / "p.csv"), "--time-limit", "5", "--json"]
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(args)
    assert code == 0, err.getvalue()
    assert "Ctrl-C again" not in err.getvalue()
    assert json.loads(out.getvalue())["stopped_by_user"] is False
    assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN


def test_a_save_started_with_ctrl_c_ignored_is_not_rolled_back_by_one(
    ctrl_c_ignored, tmp_path, monkeypatch
):
    """The save's transaction held a Ctrl-C to its end, and held one even where Ctrl-C was
    ignored: a SIGINT during the write rolled the save back (exit 130, nothing saved)."""
    from planner.scenarios.storage import ScenarioStore as Store

    real = Store._name_taken

    def ctrl_c_in_the_write(self, cur, name, **kwargs):
        signal.raise_signal(signal.SIGINT)
        return real(self, cur, name, **kwargs)

    monkeypatch.setattr(Store, "_name_taken", ctrl_c_in_the_write)
    db = tmp_path / "s.duckdb"
    err = io.StringIO()
    args = ["scenarios", "--db", str(db), "save", str(DATA), "--name", "q3", "--time-limit", "2"]
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
        code = main(args)
    assert code == 0, err.getvalue()
    with Store(db) as store:
        assert [s.name for s in store.list()] == ["q3"]


def _children(pid: int) -> list[int]:
    """The processes ``pid`` started (Linux: its threads' children in /proc)."""
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        with contextlib.suppress(OSError):
            found += [int(p) for p in (task / "children").read_text().split()]
    return found


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads /proc (Linux)")
def test_a_sigterm_during_a_highs_search_leaves_no_worker_process_searching(tmp_path):
    """HiGHS searches a pure assignment in worker processes (planner.optimizer.highs_process).
    Ended at once by a SIGTERM, the planner left them searching to their time limit, 60 s
    here, processes of no one's. The searches are stopped as a Ctrl-C stops them, their
    workers killed, and only then does the command end, exit 143."""
    from planner.core.gap_literature import gap_instance, gap_to_problem
    from planner.core.writing import write_folder

    data = tmp_path / "data"
    write_folder(gap_to_problem(gap_instance("D", 20, 200, seed=0)), data)
    args = ["-v", "solve", str(data), "--out", str(tmp_path / "plan.csv"), "--time-limit", "60"]
    child = _planner(args)
    assert child.stderr is not None
    seen = []
    for line in child.stderr:
        seen.append(line)
        if "HiGHS searches" in line:
            break
    workers: list[int] = []
    for _ in range(100):  # the workers under way
        workers = _children(child.pid)
        if workers:
            break
        time.sleep(0.1)
    assert workers, "".join(seen)
    time.sleep(3)  # started (OR-Tools read, up to 2 s on a loaded machine) and searching
    child.send_signal(signal.SIGTERM)
    try:
        _, rest = child.communicate(timeout=60)
    finally:
        child.kill()
    assert child.returncode == 143, "".join(seen) + rest
    for _ in range(50):  # a worker killed is gone at once; one left searches on for a minute
        if not any(_running(pid) for pid in workers):
            break
        time.sleep(0.1)
    left = [_command(pid) for pid in workers if _running(pid)]
    assert left == []


def _command(pid: int) -> str:
    with contextlib.suppress(OSError):
        return Path(f"/proc/{pid}/cmdline").read_text().replace("\0", " ")
    return str(pid)


def _signal_while_duckdb_runs(monkeypatch: pytest.MonkeyPatch, signum: int, starts: str) -> None:
    """The first DuckDB statement that begins ``starts`` runs long, and ``signum`` comes
    while DuckDB runs it, as a `kill` or a Ctrl-C does on a large database: DuckDB takes
    the signal's exception (Python's handler runs inside it) and raises its own
    ``RuntimeError('Query interrupted')`` in its place."""
    import threading

    import duckdb

    real = duckdb.DuckDBPyConnection.execute
    sent: list[bool] = []

    def execute(self, query, *args, **kwargs):
        if sent or not str(query).lstrip().startswith(starts):
            return real(self, query, *args, **kwargs)
        sent.append(True)
        threading.Timer(0.2, os.kill, (os.getpid(), signum)).start()
        return real(self, "SELECT count(*) FROM range(1000000000000) a WHERE a.range % 7 = 3")

    monkeypatch.setattr(duckdb.DuckDBPyConnection, "execute", execute)


@pytest.mark.parametrize(
    ("starts", "before"),
    [
        # the file's schema, read as it is opened: "internal error (RuntimeError: Query
        # interrupted). This is a bug in Goal Planner", exit 1
        ("SELECT max(version) FROM planner_schema", "opened"),
        # the saved scenarios, read: "interrupted; nothing more was written.", exit 130, as
        # if a Ctrl-C had been pressed
        ("SELECT s.scenario_id", "read"),
    ],
)
def test_a_sigterm_while_the_database_is_read_ends_as_a_sigterm(
    starts, before, tmp_path, monkeypatch
):
    """`kill PID` while `planner scenarios` read the database (a large one, or a slow disk)
    came inside DuckDB, which raised its own error for it: a SIGTERM read as a bug or as a
    Ctrl-C. It ends as a SIGTERM anywhere: said so, exit 143."""
    db = tmp_path / "s.duckdb"
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        assert main(["scenarios", "--db", str(db), "save", str(DATA), "--name", "q3"]) == 0
    _signal_while_duckdb_runs(monkeypatch, signal.SIGTERM, starts)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["scenarios", "--db", str(db), "list", "--json"])
    assert (code, err.getvalue().splitlines()[0]) == (
        143,
        SAID + ", and nothing half-written was left.",
    ), before
    said = json.loads(out.getvalue())
    assert {k: said[k] for k in _STOPPED_BY_SIGTERM} == _STOPPED_BY_SIGTERM


def test_a_ctrl_c_while_the_database_is_opened_ends_as_a_ctrl_c(tmp_path, monkeypatch):
    """A Ctrl-C while the file's schema was read as it was opened read "internal error
    (RuntimeError: Query interrupted) ... a bug in Goal Planner", exit 1; it ends as a
    Ctrl-C, exit 130."""
    db = tmp_path / "s.duckdb"
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        assert main(["scenarios", "--db", str(db), "save", str(DATA), "--name", "q3"]) == 0
    _signal_while_duckdb_runs(monkeypatch, signal.SIGINT, "SELECT max(version) FROM")
    err = io.StringIO()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
        code = main(["scenarios", "--db", str(db), "list"])
    assert (code, err.getvalue()) == (130, "interrupted; nothing more was written.\n")
