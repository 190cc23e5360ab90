"""Tiny builders for test problems: only the fields a test cares about."""

from __future__ import annotations

import os
import time
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from planner.core.domain import Estimate, Goal, Problem, Project, Rule, RuleKind, Team
from planner.core.settings import Settings, SolveSettings, Weights
from planner.scenarios.checkin import CheckIn, ProjectProgress, ProjectStatus

D = Decimal


def team(
    team_id: str, department: str = "marketing", capacity: float | str = 100, **kw: Any
) -> Team:
    return Team(team_id, kw.pop("name", team_id), department, D(str(capacity)), **kw)


def project(
    project_id: str,
    stage: str = "awareness",
    effort: float | str = 10,
    value: float | str = 1,
    **kw: Any,
) -> Project:
    return Project(
        project_id, kw.pop("name", project_id), stage, D(str(effort)), D(str(value)), **kw
    )


def goal(goal_id: str, target: float | str, **kw: Any) -> Goal:
    return Goal(goal_id, kw.pop("name", goal_id), D(str(target)), **kw)


def pin(project_id: str, team_id: str) -> Rule:
    return Rule(project_id, team_id, RuleKind.PIN)


def forbid(project_id: str, team_id: str) -> Rule:
    return Rule(project_id, team_id, RuleKind.FORBID)


def estimate(
    project_id: str,
    team_id: str,
    effort: float | str | None = None,
    value: float | str | None = None,
) -> Estimate:
    return Estimate(
        project_id,
        team_id,
        None if effort is None else D(str(effort)),
        None if value is None else D(str(value)),
    )


VALUE_ONLY = Weights(attainment=0, value=1, balance=0, fit=0, stability=0)


def settings(
    weights: Weights = VALUE_ONLY, time_limit_s: float = 10.0, **sections: Any
) -> Settings:
    """Settings for tests: one worker (deterministic) and value-only weights by default."""
    return Settings(
        solve=SolveSettings(time_limit_s=time_limit_s, workers=1), weights=weights, **sections
    )


def problem(teams: list[Team], projects: list[Project], **kw: Any) -> Problem:
    kw.setdefault("settings", settings())
    return Problem(
        tuple(teams),
        tuple(projects),
        **{k: tuple(v) if isinstance(v, list) else v for k, v in kw.items()},
    )


def without_weeks(prob: Problem) -> Problem:
    """The problem as round 1 had it: no durations, windows or calendar.

    For tests whose expectations were set on the sample quarter before it had weeks.
    """
    from dataclasses import replace

    projects = tuple(
        replace(p, duration_weeks=None, earliest_week=None, due_week=None) for p in prob.projects
    )
    return prob.replace(projects=projects, calendar=())


def sample_without_weeks(folder: Any) -> Any:
    """Write the bundled sample without its weeks into ``folder`` (a Path); return it."""
    from pathlib import Path

    from planner.core.loading import load_with_warnings, write_folder

    sample = Path(__file__).resolve().parent.parent / "data" / "sample"
    write_folder(without_weeks(load_with_warnings(sample).problem), folder)
    return folder


def only_to_read(monkeypatch: Any, why: str) -> None:
    """DuckDB as it answers for a file that may be read but not written (``why``: the
    operating system's words, e.g. "Read-only file system" or "Permission denied")."""
    import duckdb

    connect = duckdb.connect

    def refusing(path: str, *args: object, **kwargs: object) -> duckdb.DuckDBPyConnection:
        if not kwargs.get("read_only"):
            raise duckdb.IOException(f'IO Error: Cannot open file "{path}": {why}')
        return connect(path, *args, **kwargs)

    monkeypatch.setattr(duckdb, "connect", refusing)


class SkippingClock:
    """A module's clock moved on by hand (:meth:`skip`): set as its ``time``, so that a
    test of its deadlines skips the seconds instead of waiting them."""

    def __init__(self) -> None:
        self.skipped = 0.0

    def perf_counter(self) -> float:
        return time.perf_counter() + self.skipped

    def skip(self, seconds: float) -> None:
        self.skipped += seconds


def workbook_of(sheets: dict[str, list[list[object]]]) -> bytes:
    """An ``.xlsx`` workbook's bytes with one sheet per entry, its rows as given: a
    workbook written by hand, as a leader's spreadsheet would be."""
    import io

    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def macro_enabled(book: bytes) -> bytes:
    """An ``.xlsx`` workbook's bytes as Excel saves it with macros (``.xlsm``).

    The workbook part gets the macro-enabled content type and a ``vbaProject.bin``
    part sits beside it, as in every ``.xlsm``: a reader must take the sheets and leave
    the macros alone.
    """
    return saved_as(book, "application/vnd.ms-excel.sheet.macroEnabled.main+xml", vba=True)


def saved_as(book: bytes, kind: str, *, vba: bool = False) -> bytes:
    """An ``.xlsx`` workbook's bytes with its workbook part of content type ``kind`` (a
    template's, a macro-enabled one's), with a ``vbaProject.bin`` beside it if ``vba``."""
    import io
    import zipfile

    plain = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
    project = '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>'
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(book)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "[Content_Types].xml":
                types = data.decode()
                assert plain in types
                types = types.replace(plain, kind)
                if vba:
                    types = types.replace("</Types>", f"{project}</Types>")
                data = types.encode()
            target.writestr(info, data)
        if vba:
            target.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(56))
    return out.getvalue()


#: Two projects, one a marketing stage and one a sales stage, for :func:`teams_folder`.
TWO_PROJECTS = "project_id,stage,effort_hours,value\na,awareness,90,10\nb,closing,90,10\n"


def teams_folder(tmp_path: Path, teams: list[str]) -> Path:
    """A data folder with ``teams`` as teams.csv's rows (id, name, department, hours) and
    :data:`TWO_PROJECTS`: the smallest quarter that loads, for checks of teams.csv."""
    folder = tmp_path / "quarter"
    folder.mkdir()
    header = "team_id,name,department,capacity_hours\n"
    (folder / "teams.csv").write_text(header + "\n".join(teams) + "\n", encoding="utf-8")
    (folder / "projects.csv").write_text(TWO_PROJECTS, encoding="utf-8")
    return folder


def one_project_short(problem: Problem, result: Any) -> Any:
    """``result`` as a search that ended on the clock one project short would return it: its
    first assigned project that nothing needs (no dependent, not mandatory, not pinned, not
    under way at a check-in) left out, status feasible, the objective the checker's."""
    from planner.checker import check_plan, objective_of
    from planner.core.domain import Plan, Status, Unassigned
    from planner.solving.plans import plan_result

    assert result.plan is not None
    needed = {d for p in problem.projects for d in p.depends_on}
    if problem.baseline is not None:
        needed |= problem.baseline.under_way
    drop = next(
        a.project_id
        for a in result.plan.assignments
        if a.project_id not in needed
        and not problem.project(a.project_id).mandatory
        and not a.pinned
    )
    short = Plan(
        tuple(a for a in result.plan.assignments if a.project_id != drop),
        (*result.plan.unassigned, Unassigned(drop, "stopped")),
    )
    assert check_plan(problem, short) == []
    return plan_result(
        Status.FEASIBLE,
        short,
        objective_of(problem, short),
        result.runtime_s,
        bound=result.bound,
        num_variables=result.num_variables,
    )


def killed_mid_write(script: str, args: list[str], delay_s: float, cwd: Path) -> list[int]:
    """Run ``script`` in another Python, kill it (SIGKILL) ``delay_s`` after it begins its
    fifth write, and return the writes it said it finished.

    ``script`` loops: it prints ``begin N`` before write N and another word with N after
    it (``saved N``, ``kept N``). A write takes some 80 ms: the delays land the kill at
    its start, its inserts or its commit, as a power cut or an OOM kill would.
    """
    import signal
    import subprocess
    import sys
    import threading

    writer = subprocess.Popen(
        [sys.executable, "-c", script, *args], stdout=subprocess.PIPE, text=True, cwd=cwd
    )
    finished: list[int] = []
    assert writer.stdout is not None
    for line in writer.stdout:
        word, number = line.split()
        if word != "begin":
            finished.append(int(number))
        elif int(number) == 4:
            threading.Event().wait(delay_s)
            os.kill(writer.pid, signal.SIGKILL)
            break
    writer.wait(timeout=20)
    assert writer.returncode == -signal.SIGKILL
    return finished


#: The bundled sample quarter.
SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample"


def sample_copy(tmp_path: Path) -> Path:
    """A copy of the sample quarter's folder to edit, as ``tmp_path/data``."""
    import shutil

    data = tmp_path / "data"
    shutil.copytree(SAMPLE, data)
    return data


def edit_csv(path: Path, edit: Any) -> None:
    """``edit(rows)`` on the CSV file's rows (its header first), written back."""
    import csv

    with path.open(newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    edit(rows)
    with path.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)


def set_cell(path: Path, row: int, column: str, value: str) -> None:
    """The CSV file's ``column`` on line ``row`` (the header is line 1) set to ``value``."""

    def edit(rows: list[list[str]]) -> None:
        rows[row - 1][rows[0].index(column)] = value

    edit_csv(path, edit)


def checkin_template(tmp_path: Path, capsys: Any, weeks: str = "6") -> tuple[Path, str]:
    """The sample solved into ``plan.csv``, and ``checkin-template`` at ``weeks`` against
    it, as README's commands run them: the baseline's path and the template's text."""
    import planner.interfaces.checkin_cli  # noqa: F401  (registers ``checkin-template``)
    from planner.interfaces.cli import main

    baseline = tmp_path / "plan.csv"
    assert main(["solve", str(SAMPLE), "--out", str(baseline)]) == 0
    capsys.readouterr()
    args = ["checkin-template", str(SAMPLE), "--baseline", str(baseline), "--weeks", weeks]
    assert main(args) == 0
    return baseline, capsys.readouterr().out


def without_replan(template: str) -> str:
    """``checkin-template``'s text without the ``[replan]`` table it ends with (the Check-in
    page's starting limits), for a test that writes its own."""
    from planner.scenarios.checkin_replan import STARTING_REPLAN_HEAD

    head, found, _ = template.partition("\n" + STARTING_REPLAN_HEAD)
    assert found, "the template ends with its [replan] table"
    return head + "\n"


def cli_said(argv: list[str], capsys: Any) -> tuple[int, str]:
    """``planner argv``'s exit code and what it wrote on stderr, never a traceback."""
    from planner.interfaces.cli import main

    try:
        code = main(argv)
    except SystemExit as stopped:
        code = int(stopped.code or 0)
    err: str = capsys.readouterr().err
    assert "Traceback" not in err
    return code, err


def cli_refused(argv: list[str], capsys: Any) -> str:
    """What ``planner argv`` wrote on stderr when the command line itself is refused (exit
    2 as argparse exits, by SystemExit), never a traceback."""
    import pytest

    from planner.interfaces.cli import main

    with pytest.raises(SystemExit) as stopped:
        main(argv)
    assert stopped.value.code == 2
    err: str = capsys.readouterr().err
    assert "Traceback" not in err
    return err


def cli_printed(args: list[str]) -> str:
    """What ``planner args`` prints on standard output (it exits 0)."""
    import contextlib
    import io

    from planner.interfaces.cli import main

    text = io.StringIO()
    with contextlib.redirect_stdout(text):
        assert main(args) == 0, args
    return text.getvalue()


def with_status(
    checkin: CheckIn,
    project_id: str,
    status: ProjectStatus | str,
    percent: float = 0,
    end_week: int | None = None,
) -> CheckIn:
    """A copy of ``checkin`` with one project's progress recorded."""
    updated = dict(checkin.projects)
    updated[project_id] = ProjectProgress(ProjectStatus(status), Decimal(str(percent)), end_week)
    return replace(checkin, projects=updated)


def bench_script(monkeypatch: Any, name: str) -> Any:
    """bench/``name``.py as a module (its ``sys.path`` changes undone after the test)."""
    import importlib.util
    import sys

    monkeypatch.setattr(sys, "path", list(sys.path))  # a bench script puts bench/ on it
    path = Path(__file__).resolve().parents[1] / "bench" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"bench_{name}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, module)  # its dataclasses look it up
    spec.loader.exec_module(module)
    return module


def small_quarter_in_weeks(seed: int) -> Problem:
    """A generated 5 x 30 quarter in weeks (goals, balance and fit on)."""
    from planner.core.generate import generate_instance
    from planner.core.generate_weeks import with_weeks

    generated = generate_instance(5, 30, seed=seed)
    weights = Weights(attainment=1, value=0, balance=0.1, fit=0.05, stability=0)
    return with_weeks(generated, seed=seed).replace(settings=settings(weights))
