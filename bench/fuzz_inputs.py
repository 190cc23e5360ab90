"""Random bad input by class: mutate the data, the workbook, settings and a check-in, run the CLI.

Usage (from the repository root; minutes per thousand cases)::

    nice -n 10 python bench/fuzz_inputs.py --seed 1 --count 1000 --out fuzz-failures
    python bench/fuzz_inputs.py --replay fuzz-failures/cell-0042

Two quarters are broken: ``data/sample`` and a generated quarter in weeks with ranges
(``planner generate --teams 6 --projects 30 --weeks --ranges``), each as its data folder
and as the workbook ``validate --workbook`` writes (the Data page's); a fifth of the
folders are given as a ``.zip``. Each case applies
one mutation of a class (``several``: two to four of any) to one of them: a cell replaced
by a value from a hostile pool, a row duplicated or deleted, a column dropped, renamed,
duplicated or reordered, a header re-cased, an id renamed in one file but not the others,
a file emptied or truncated mid-line, its encoding changed, and the same to settings.toml
and to a check-in TOML (there also as a leader edits one: weeks elapsed, the quarter's
weeks and a project's end week at and past their ends, a project's status, % done and end
week, a project or goal not in the data, the re-plan's limits and unlocks). A workbook's
sheets are also deleted, renamed, copied, moved, hidden, given a title row or a merge, or a
cell typed as a date, a boolean, a formula or a number stored as text. A check-in is run
on the folder, the ``.zip`` or the workbook (broken or not), against plan.csv or, one time
in three, the Export page's plan.xlsx. It then runs ``validate``, ``solve --time-limit 2
--json`` and, for a check-in, ``checkin``, in this process through the CLI's ``main``, and
counts as a failure:

- ``traceback``: an exception out of ``main``, or "Traceback" in what it printed;
- ``exit code``: an exit status SPEC does not list (1 is an internal error);
- ``no file or fix``: a refusal (exit 2) whose problem names no file, or has no fix;
- ``disagree``: ``validate`` and ``solve`` (or ``checkin``) not agreeing whether the input
  is bad (exit 2);
- ``checker``: a plan written that :func:`planner.check_plan` refuses;
- ``overrun``: a solve past its time limit by more than a second.

It prints a table per class (cases, ok-plan, clear-refusal, failures) and writes each
failing case to a folder under ``--out``: the broken data, ``case.json`` (the mutations,
the commands, their exit codes and output) to replay with ``--replay``.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import json
import random
import shutil
import sys
import tempfile
import time
import warnings
import zipfile
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from planner import check_plan, load_problem  # noqa: E402
from planner.core.plan_csv import read_plan_csv  # noqa: E402
from planner.interfaces.cli import main as planner_main  # noqa: E402

LIMIT_S = 2.0
#: The exit statuses of a command asked to end (SIGINT, SIGTERM): the fuzzer's run was.
STOPPED = (130, 143)
HOSTILE = [
    "",
    "   ",
    "nan",
    "NaN",
    "None",
    "-",
    "1e309",
    "-1e309",
    "-0",
    "0x10",
    "½",
    "١٢",
    "１２",
    "x" * 5000,
    "1" * 400,
    '"',
    "'quoted'",
    '"a, b"',
    ",",
    "a,b",
    "line\nbreak",
    '"in\nquotes"',
    "=1+1",
    "+1",
    "@SUM(A1)",
    "12\ufeff",
    "\ufeffT1",
    "a\x00b",
    "\x00",
    "true",
    "1;2",
    "1:2",
    "-5",
    "0",
    "1.5",
    "99999999999999999999",
    "inf",
    "\t7",
    "ÿ",
    "東京",
]
CLASSES = [
    "cell",
    "row duplicated",
    "row deleted",
    "row ragged",
    "column dropped",
    "column renamed",
    "column duplicated",
    "columns reordered",
    "header case",
    "id renamed in one file",
    "file emptied",
    "file truncated",
    "encoding",
    "xlsx cell",
    "xlsx rows and columns",
    "xlsx truncated",
    "xlsx sheets",
    "settings",
    "checkin",
    "several",
]
#: The classes that break a CSV grid (the first ten), also applied to the workbook's sheets.
GRID_MUTATIONS = CLASSES[: CLASSES.index("id renamed in one file") + 1]
ID_COLUMNS = {"teams": "team_id", "projects": "project_id", "goals": "goal_id"}


@dataclass
class Quarter:
    """One quarter to break: its folder, its workbook, its plan and a check-in of it."""

    name: str
    folder: Path
    workbook: Path
    plan: Path
    checkin: Path
    plan_xlsx: Path

    def plan_workbook(self) -> Path:
        """The plan as the Export page's plan.xlsx, a check-in's other baseline, made when
        first asked for: the same plan on these small quarters (the solve is deterministic
        and optimal in well under its limit)."""
        if not self.plan_xlsx.exists():
            args = ["solve", str(self.folder), "--time-limit", "5", "--out", str(self.plan_xlsx)]
            if run_cli(args)["code"] != 0:
                raise SystemExit(f"planner solve --out plan.xlsx of {self.name} failed")
        return self.plan_xlsx


@dataclass
class Case:
    number: int
    kind: str
    quarter: str
    form: str  # "csv", "xlsx" or "zip"
    mutations: list[str] = field(default_factory=list)
    checkin: bool = False  # run ``checkin`` too
    baseline: str = "plan.csv"  # or "plan.xlsx"
    runs: list[dict[str, Any]] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    outcome: str = ""


# --- running the command line in this process ---------------------------------------------


def run_cli(args: list[str]) -> dict[str, Any]:
    """``planner ARGS`` through ``main``: its exit code, output and seconds."""
    out, err = io.StringIO(), io.StringIO()
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = out, err
    escaped = ""
    began = time.perf_counter()
    try:
        code: int | None = planner_main(args)
    except SystemExit as exc:  # argparse's own exit
        code = exc.code if isinstance(exc.code, int) else 2
    except BaseException as exc:  # what escapes main is what we look for
        import traceback

        code = None
        escaped = "".join(traceback.format_exception(exc))
    finally:
        seconds = time.perf_counter() - began
        sys.stdout, sys.stderr = saved
    return {
        "args": args,
        "code": code,
        "stdout": out.getvalue(),
        "stderr": err.getvalue(),
        "escaped": escaped,
        "seconds": round(seconds, 3),
    }


# --- tables as grids ---------------------------------------------------------------------


def read_grid(data: bytes) -> list[list[str]]:
    text = data.decode("utf-8-sig", errors="surrogateescape")
    return [list(row) for row in csv.reader(io.StringIO(text, newline=""))]


def write_grid(grid: list[list[str]]) -> bytes:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\n").writerows(grid)
    return buffer.getvalue().encode("utf-8", errors="surrogateescape")


def mutate_grid(rng: random.Random, grids: dict[str, list[list[str]]], kind: str, form: str) -> str:
    """Apply one mutation of ``kind`` to one table of ``grids``; what was done, in words."""
    name = rng.choice(sorted(grids))
    grid = grids[name]
    if not grid or not grid[0]:
        return f"{name}: empty, left"
    header, body = grid[0], grid[1:]
    width = len(header)
    if kind == "cell":
        if not body:
            return f"{name}: no rows, left"
        r = rng.randrange(len(body))
        c = rng.randrange(width)
        value = rng.choice(HOSTILE)
        if form == "xlsx":
            value = "".join(ch for ch in value if ch >= " " or ch in "\t\n")
        row = body[r] + [""] * (width - len(body[r]))
        old = row[c]
        row[c] = value
        body[r] = row
        grids[name] = [header, *body]
        return f"{name} row {r + 2} {header[c]!r}: {old[:30]!r} -> {value[:30]!r}"
    if kind == "row duplicated" and body:
        r = rng.randrange(len(body))
        body.insert(r + 1, list(body[r]))
        grids[name] = [header, *body]
        return f"{name} row {r + 2} duplicated"
    if kind == "row deleted" and body:
        r = rng.randrange(len(body))
        del body[r]
        grids[name] = [header, *body]
        return f"{name} row {r + 2} deleted"
    if kind == "row ragged":
        r = rng.randrange(len(body) + 1)
        style = rng.choice(["longer", "shorter", "blank", "header again", "totals"])
        if style in ("longer", "shorter") and body:
            r = min(r, len(body) - 1)
            body[r] = body[r] + ["extra"] if style == "longer" else body[r][: rng.randrange(width)]
        elif style == "blank":
            body.insert(r, [""] * width)
        elif style == "header again":
            body.insert(r, list(header))
        else:
            body.append(["Total", *[str(rng.choice([0, 100, 1e3])) for _ in header[1:]]])
        grids[name] = [header, *body]
        return f"{name} row {r + 2} {style}"
    c = rng.randrange(width) if width else 0
    if kind == "column dropped" and width:
        grids[name] = [row[:c] + row[c + 1 :] for row in grid]
        return f"{name} column {header[c]!r} dropped"
    if kind == "column renamed" and width:
        old = header[c]
        new = rng.choice(
            [old.replace("_", " "), old.replace("_", ""), old + "s", old[:-1], "notes", "x"]
        )
        header[c] = new
        return f"{name} column {old!r} renamed {new!r}"
    if kind == "column duplicated" and width:
        grids[name] = [row[: c + 1] + row[c : c + 1] + row[c + 1 :] for row in grid]
        return f"{name} column {header[c]!r} duplicated"
    if kind == "columns reordered" and width:
        order = list(range(width))
        rng.shuffle(order)
        grids[name] = [[row[i] if i < len(row) else "" for i in order] for row in grid]
        return f"{name} columns reordered {order}"
    if kind == "header case" and width:
        style = rng.choice(["upper", "title", "spaces", "swap"])
        change: Callable[[str], str] = {
            "upper": str.upper,
            "title": str.title,
            "spaces": lambda s: f"  {s} ",
            "swap": str.swapcase,
        }[style]
        grid[0] = [change(h) for h in header]
        return f"{name} header {style}"
    if kind == "id renamed in one file":
        return rename_id(rng, grids)
    return f"{name}: {kind} not applicable, left"


def rename_id(rng: random.Random, grids: dict[str, list[list[str]]]) -> str:
    """An id renamed in the file that defines it, or in one file that refers to it."""
    owners = [name for name in grids if name in ID_COLUMNS and len(grids[name]) > 1]
    if not owners:
        return "no id to rename"
    name = rng.choice(owners)
    column = ID_COLUMNS[name]
    header = [h.strip().lower() for h in grids[name][0]]
    if column not in header:
        return f"{name}: no {column}"
    c = header.index(column)
    row = rng.choice(grids[name][1:])
    if c >= len(row) or not row[c]:
        return f"{name}: empty id"
    old = row[c]
    new = rng.choice([old + "-x", old.lower() if old != old.lower() else old.upper(), old + " "])
    places = [
        (other, i, j)
        for other, grid in grids.items()
        for i, line in enumerate(grid[1:], 1)
        for j, cell in enumerate(line)
        if cell == old
    ]
    if rng.random() < 0.5 or not places:
        row[c] = new
        return f"{name} id {old!r} -> {new!r} there only"
    other, i, j = rng.choice(places)
    grids[other][i][j] = new
    return f"{other} row {i + 1}: {old!r} -> {new!r} there only"


# --- whole files ------------------------------------------------------------------------


def truncated(rng: random.Random, data: bytes) -> bytes:
    if len(data) < 2:
        return b""
    return data[: rng.randrange(1, len(data))]


def re_encoded(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    text = data.decode("utf-8-sig", errors="replace")
    encoding = rng.choice(["utf-16", "utf-16-le", "utf-32", "cp1252", "latin-1", "utf-8-sig"])
    return text.encode(encoding, errors="replace"), encoding


def mutate_toml(rng: random.Random, text: str) -> tuple[str, str]:
    """A TOML file broken one way: a value, a line, the whole file."""
    lines = text.splitlines()
    valued = [
        i for i, line in enumerate(lines) if "=" in line and not line.lstrip().startswith("#")
    ]
    kind = rng.choice(["value", "bare value", "line deleted", "line duplicated", "key case"])
    if not valued:
        return text, "no value to change"
    i = rng.choice(valued)
    key, _, value = lines[i].partition("=")
    if kind == "value":
        hostile = rng.choice(HOSTILE)
        lines[i] = f"{key}= {json.dumps(hostile)}"
    elif kind == "bare value":
        lines[i] = (
            f"{key}= {(rng.choice(HOSTILE).splitlines() or [''])[0] if rng.random() < 0.9 else ''}"
        )
    elif kind == "line deleted":
        del lines[i]
    elif kind == "line duplicated":
        lines.insert(i, lines[i])
    else:
        lines[i] = f"{key.upper()}={value}"
    said = lines[i] if kind != "line deleted" else f"deleted {key.strip()!r}"
    return "\n".join(lines) + "\n", f"{kind}: {said[:80]!r}"


#: What a leader types for a week in a check-in (weeks elapsed, the quarter, an end week).
ODD_WEEKS = ("0", "1", "-1", "6.5", "12", "13", "14", "99", "1e9", '"7"', "nan", "inf", "true")
#: What a leader types for a project's record: its status, % done and end week.
ODD_RECORDS = (
    '"done"',
    '"dropped"',
    '"not_started"',
    '"Done"',
    '"finished"',
    "40",
    '{ status = "in_progress" }',
    '{ status = "in_progress", percent_done = 0 }',
    '{ status = "in_progress", percent_done = 100 }',
    '{ status = "in_progress", percent_done = 150 }',
    '{ status = "in_progress", percent_done = "40" }',
    '{ status = "done", percent_done = 40 }',
    '{ status = "in_progress", percent_done = 40, end_week = 6 }',
    '{ status = "in_progress", percent_done = 40, end_week = 7 }',
    '{ status = "in_progress", percent_done = 40, end_week = 13 }',
    '{ status = "in_progress", percent_done = 40, end_week = 14 }',
    '{ status = "in_progress", percent_done = 40, end_week = 8.5 }',
    '{ status = "in_progress", percent_done = 40, end_week = "9" }',
    '{ status = "in_progress", percent_done = 99.9, end_week = 7 }',
    '{ status = "in_progress", percent_done = 1, end_week = 7 }',
)


def mutate_checkin(rng: random.Random, text: str, ids: dict[str, list[str]]) -> tuple[str, str]:
    """A check-in broken the ways a leader edits one: a week, a project's record (its
    status, % done, end week), a project or goal not in the data or one more, the re-plan's
    limits; ``ids``: the data's ``projects``, ``goals`` and ``teams``."""
    lines = text.splitlines()
    kind = rng.choice(["week", "record", "record", "field", "added", "replan", "section"])
    where = {
        line.split("=")[0].strip(): i
        for i, line in enumerate(lines)
        if "=" in line and not line.lstrip().startswith("#")
    }
    records = [i for i, line in enumerate(lines) if "status =" in line or line.endswith('"done"')]
    if kind == "week":
        key = rng.choice(["weeks_elapsed", "quarter_weeks", "end_week"])
        value = rng.choice(ODD_WEEKS)
        if key == "end_week" and records:
            i = rng.choice(records)
            line = lines[i]
            if "end_week" in line:
                head, _, rest = line.partition("end_week = ")
                lines[i] = f"{head}end_week = {value}{rest[rest.find(' }') :]}"
            said = lines[i]
        elif key in where:
            lines[where[key]] = f"{key} = {value}"
            said = lines[where[key]]
        else:
            lines.insert(0, f"{key} = {value}")
            said = lines[0]
    elif kind in ("record", "added") and ids["projects"]:
        project = rng.choice(
            ids["projects"]
            + (["P-not-in-data", ids["projects"][0].lower()] if kind == "added" else [])
        )
        line = f'"{project}" = {rng.choice(ODD_RECORDS)}'
        section = lines.index("[projects]") if "[projects]" in lines else None
        if kind == "record" and records:
            i = rng.choice(records)
            lines[i] = f"{lines[i].split('=')[0].strip()} = {rng.choice(ODD_RECORDS)}"
            said = lines[i]
        elif section is not None:
            lines.insert(section + 1, line)
            said = line
        else:
            lines += ["[projects]", line]
            said = line
    elif kind == "field" and records:
        i = rng.choice(records)
        field_name = rng.choice(["percent_done", "end_week", "status"])
        value = rng.choice([*ODD_WEEKS, '"in_progress"', '"late"', "-5", "1e400", '""'])
        line = lines[i].split("  #")[0]
        if field_name in line:
            head, _, rest = line.partition(f"{field_name} = ")
            cut = min((rest.find(c) for c in ",}" if c in rest), default=len(rest))
            lines[i] = f"{head}{field_name} = {value}{rest[cut:]}"
        elif line.rstrip().endswith("}"):
            lines[i] = line.rstrip()[:-1].rstrip() + f", {field_name} = {value} }}"
        said = lines[i]
    elif kind == "replan":
        first = (ids["projects"] or ["x"])[0]
        key, value = rng.choice(
            [
                ("max_changes", rng.choice(["0", "-1", "2.5", "1e9", '"3"', "nan"])),
                ("stability", rng.choice(["0", "-5", "1e309", "nan", '"5"', "inf"])),
                ("unlock", rng.choice(['["P-not-in-data"]', '"P0003"', "[1]", "[]"])),
                ("unlock", f'["{rng.choice(ids["projects"] or ["x"])}"]'),
                (
                    "unlock",
                    f'["{first}", "{first}"]',
                ),
            ]
        )
        if key in where:
            lines[where[key]] = f"{key} = {value}"
        else:
            lines += ["[replan]", f"{key} = {value}"]
        said = f"{key} = {value}"
    else:  # a section's line for something not in the data, or in another table
        table = rng.choice(["achieved", "hours_used"])
        name = rng.choice(
            [
                "ghost",
                *(ids["goals"] if table == "achieved" else ids["teams"])[:2],
                *(ids["teams"] if table == "achieved" else ids["goals"])[:1],
            ]
        )
        value = rng.choice(["0", "-5", "1e15", "nan", '"40"', "5000"])
        line = f'"{name}" = {value}'
        header = f"[{table}]"
        if header in lines:
            lines.insert(lines.index(header) + 1, line)
        else:
            lines += [header, line]
        said = f"{header} {line}"
    return "\n".join(lines) + "\n", f"{kind}: {said[:100]!r}"


def data_ids(folder: Path) -> dict[str, list[str]]:
    """The ids of a data folder's projects, goals and teams (for a check-in to name)."""
    found: dict[str, list[str]] = {}
    for name, column in ID_COLUMNS.items():
        grid = read_grid((folder / f"{name}.csv").read_bytes())
        at = [h.strip().lower() for h in grid[0]].index(column)
        found[name] = [row[at] for row in grid[1:] if len(row) > at]
    return found


# --- the quarters ------------------------------------------------------------------------


def prepare(work: Path) -> list[Quarter]:
    """The sample and a generated quarter in weeks with ranges, each solved and checked in."""
    generated = work / "generated"
    args = ["generate", str(generated), "--teams", "6", "--projects", "30", "--weeks", "--ranges"]
    if run_cli(args)["code"] != 0:
        raise SystemExit("planner generate failed")
    quarters = []
    for name, folder in (("sample", ROOT / "data" / "sample"), ("generated", generated)):
        base = work / name
        shutil.copytree(folder, base / "data")
        workbook, plan, checkin = base / "data.xlsx", base / "plan.csv", base / "checkin.toml"
        plan_xlsx = base / "plan.xlsx"
        for args in (
            ["validate", str(base / "data"), "--workbook", str(workbook)],
            ["solve", str(base / "data"), "--time-limit", "5", "--out", str(plan)],
        ):
            if run_cli(args)["code"] != 0:
                raise SystemExit(f"planner {args[0]} of {name} failed")
        done = run_cli(
            ["checkin-template", str(base / "data"), "--baseline", str(plan), "--weeks", "6"]
        )
        checkin.write_text(done["stdout"], encoding="utf-8")
        quarters.append(Quarter(name, base / "data", workbook, plan, checkin, plan_xlsx))
    return quarters


# --- one case ------------------------------------------------------------------------------


def make_case(rng: random.Random, number: int, kind: str, quarter: Quarter, place: Path) -> Case:
    """Write the broken input of one case to ``place``; the case, not yet run."""
    xlsx = kind.startswith("xlsx") or (kind == "several" and rng.random() < 0.3)
    case = Case(number, kind, quarter.name, "xlsx" if xlsx else "csv")
    shutil.copytree(quarter.folder, place / "data")
    shutil.copy(quarter.checkin, place / "checkin.toml")
    shutil.copy(quarter.plan, place / "plan.csv")
    if xlsx:
        mutate_workbook(rng, case, quarter.workbook, place / "data.xlsx")
        case.checkin = rng.random() < 0.25  # a check-in on the broken workbook
    elif kind == "checkin" and rng.random() < 0.4:  # a broken check-in on the workbook
        case.form = "xlsx"
        shutil.copy(quarter.workbook, place / "data.xlsx")
        case.mutations.append(mutate_folder(rng, kind, place))
        case.checkin = True
    else:
        mutate_csv_case(rng, case, quarter, place)
    if case.checkin and rng.random() < 0.3:  # the baseline as the Export page's plan.xlsx
        case.baseline = "plan.xlsx"
        shutil.copy(quarter.plan_workbook(), place / "plan.xlsx")
    return case


def mutate_csv_case(rng: random.Random, case: Case, quarter: Quarter, place: Path) -> None:
    """The case's mutations in its data folder (and check-in), then, one time in five, the
    folder as a ``.zip``."""
    kind = case.kind
    kinds = [kind]
    if kind == "several":
        kinds = [
            rng.choice([*CLASSES[:13], "settings", "checkin"]) for _ in range(rng.randint(2, 4))
        ]
    for each in kinds:
        case.mutations.append(mutate_folder(rng, each, place))
    case.checkin = "checkin" in kinds
    if rng.random() < 0.2:  # the same folder, uploaded as a .zip
        case.form = "zip"
        inside = rng.choice(["", "quarter/"])
        with zipfile.ZipFile(place / "data.zip", "w") as archive:
            for path in sorted((place / "data").iterdir()):
                archive.write(path, inside + path.name)
        case.mutations.append(f"zipped{' in a folder' if inside else ''}")


def mutate_folder(rng: random.Random, kind: str, place: Path) -> str:
    folder = place / "data"
    if kind == "settings":
        path = folder / "settings.toml"
        if rng.random() < 0.15:
            data, encoding = re_encoded(rng, path.read_bytes())
            path.write_bytes(data)
            return f"settings.toml in {encoding}"
        if rng.random() < 0.1:
            path.write_bytes(truncated(rng, path.read_bytes()))
            return "settings.toml truncated"
        text, said = mutate_toml(rng, path.read_bytes().decode("utf-8", "surrogateescape"))
        path.write_bytes(text.encode("utf-8", "surrogateescape"))
        return f"settings.toml {said}"
    if kind == "checkin":
        path = place / "checkin.toml"
        if rng.random() < 0.1:
            path.write_bytes(truncated(rng, path.read_bytes()))
            return "checkin.toml truncated"
        text = path.read_bytes().decode("utf-8", "surrogateescape")
        if rng.random() < 0.7:
            text, said = mutate_checkin(rng, text, data_ids(folder))
        else:
            text, said = mutate_toml(rng, text)
        path.write_bytes(text.encode("utf-8", "surrogateescape"))
        return f"checkin.toml {said}"
    files = sorted(p for p in folder.glob("*.csv"))
    if kind in ("file emptied", "file truncated", "encoding"):
        path = rng.choice(files)
        data = path.read_bytes()
        if kind == "file emptied":
            path.write_bytes(
                b"" if rng.random() < 0.7 else b"".join(data.splitlines(keepends=True)[:1])
            )
            return f"{path.name} emptied"
        if kind == "file truncated":
            path.write_bytes(truncated(rng, data))
            return f"{path.name} truncated to {path.stat().st_size} bytes"
        new, encoding = re_encoded(rng, data)
        path.write_bytes(new)
        return f"{path.name} in {encoding}"
    grids = {p.stem: read_grid(p.read_bytes()) for p in files}
    said = mutate_grid(rng, grids, kind, "csv")
    for stem, grid in grids.items():
        (folder / f"{stem}.csv").write_bytes(write_grid(grid))
    return said


def mutate_workbook(rng: random.Random, case: Case, source: Path, target: Path) -> None:
    import openpyxl

    if case.kind == "xlsx truncated":
        target.write_bytes(truncated(rng, source.read_bytes()))
        case.mutations.append("data.xlsx truncated")
        return
    book = openpyxl.load_workbook(source)
    grids = {
        sheet.title: [
            ["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)
        ]
        for sheet in book.worksheets
    }
    if case.kind == "xlsx sheets":
        mutate_sheets(rng, case, book)
        book.save(target)
        return
    count = rng.randint(2, 4) if case.kind == "several" else 1
    for _ in range(count):
        kind = "cell" if case.kind == "xlsx cell" else rng.choice(GRID_MUTATIONS)
        case.mutations.append("xlsx " + mutate_grid(rng, grids, kind, "xlsx"))
    out = openpyxl.Workbook()
    out.remove(out.active)
    for title, grid in grids.items():
        sheet = out.create_sheet(title)
        for row in grid:
            sheet.append([typed_back(v) for v in row])
    out.save(target)


def mutate_sheets(rng: random.Random, case: Case, book: Any) -> None:
    """One thing a leader does to a workbook's sheets in Excel: a sheet deleted, renamed,
    copied, moved or hidden; a title row above the headers; a merge; a cell typed as a date,
    a boolean, a formula or a number stored as text."""
    import datetime

    sheet = rng.choice(book.worksheets)
    style = rng.choice(
        ["deleted", "renamed", "copied", "moved", "hidden", "title row", "merged", "typed"]
    )
    if style == "deleted" and len(book.worksheets) > 1:
        book.remove(sheet)
        said = f"sheet {sheet.title!r} deleted"
    elif style == "renamed":
        old = sheet.title
        sheet.title = rng.choice(
            [old.upper(), f"{old} ", f"{old} (2)", f"{old}s", "Sheet1", old[:-1] or "x"]
        )
        said = f"sheet {old!r} renamed {sheet.title!r}"
    elif style == "copied":
        copy = book.copy_worksheet(sheet)
        said = f"sheet {sheet.title!r} copied as {copy.title!r}"
    elif style == "moved":
        book.move_sheet(sheet, offset=-book.index(sheet))
        said = f"sheet {sheet.title!r} moved first"
    elif style == "hidden":
        sheet.sheet_state = rng.choice(["hidden", "veryHidden"])
        said = f"sheet {sheet.title!r} {sheet.sheet_state}"
    elif style == "title row":
        sheet.insert_rows(1, amount=rng.choice([1, 2]))
        sheet["A1"] = rng.choice(["Q3 plan data", "", "teams"])
        said = f"sheet {sheet.title!r} a title row above the headers"
    elif style == "merged" and sheet.max_row >= 3 and sheet.max_column >= 2:
        row = rng.randrange(1, sheet.max_row)
        column = rng.randrange(1, sheet.max_column + 1)
        down = rng.random() < 0.5
        end_row, end_column = (
            (row + 1, column) if down else (row, min(column + 1, sheet.max_column))
        )
        sheet.merge_cells(
            start_row=row, start_column=column, end_row=end_row, end_column=end_column
        )
        how = "down" if down else "across"
        said = f"sheet {sheet.title!r} merged from row {row} column {column} {how}"
    elif sheet.max_row >= 2:
        row = rng.randrange(2, sheet.max_row + 1)
        column = rng.randrange(1, sheet.max_column + 1)
        cell = sheet.cell(row=row, column=column)
        old = cell.value
        cell.value = rng.choice(
            [
                datetime.datetime(2026, 7, 3),
                datetime.date(2026, 7, 3),
                datetime.time(9, 30),
                True,
                False,
                "=1+1",
                "=A1",
                "=1/0",
                "#N/A",
                f"'{old}" if old is not None else "'7",
                str(old) if isinstance(old, int | float) else 7,
                1.0000000000000002,
                12345678901234567890,
                -0.0,
            ]
        )
        said = f"sheet {sheet.title!r} row {row} column {column}: {old!r} -> {cell.value!r}"
    else:
        said = f"sheet {sheet.title!r}: {style} not applicable, left"
    case.mutations.append("xlsx " + said)


def typed_back(value: str) -> object:
    """A cell as the workbook held it: a number stays a number."""
    try:
        number = float(value)
    except ValueError:
        return value or None
    if value.strip() != value or not value or "x" in value.lower() or "_" in value:
        return value
    if number != number or number in (float("inf"), float("-inf")):
        return value
    return (
        int(number)
        if number.is_integer() and "." not in value and "e" not in value.lower()
        else number
    )


def run_case(case: Case, place: Path) -> None:
    data = place / {"xlsx": "data.xlsx", "zip": "data.zip"}.get(case.form, "data")
    plan_out = place / "out-plan.csv"
    validate = run_cli(["validate", str(data), "--json"])
    solve = run_cli(
        ["solve", str(data), "--time-limit", str(LIMIT_S), "--json", "--out", str(plan_out)]
    )
    case.runs = [validate, solve]
    if case.checkin:
        replan = place / "out-replan.csv"
        args = ["checkin", str(data), "--baseline", str(place / case.baseline)]
        args += ["--checkin", str(place / "checkin.toml"), "--time-limit", str(LIMIT_S)]
        case.runs.append(run_cli([*args, "--json", "--out", str(replan)]))
    judge(case, data, plan_out)


def judge(case: Case, data: Path, plan_out: Path) -> None:
    for run in case.runs:
        command = run["args"][0]
        said = run["stdout"] + run["stderr"]
        if run["escaped"] or "Traceback" in said:
            case.failures.append(f"traceback ({command})")
        if run["code"] not in (0, 2, 3):
            case.failures.append(f"exit code {run['code']} ({command})")
        if run["code"] == 2:
            unclear = unclear_problems(run["stdout"])
            if unclear:
                case.failures.append(f"no file or fix ({command}): {unclear[0][:200]}")
        if command in ("solve", "checkin") and run["code"] in (0, 3):
            seconds = reported_seconds(run["stdout"])
            if seconds is not None and seconds > LIMIT_S + 1:
                case.failures.append(f"overrun ({command}: {seconds:.2f} s reported)")
    validate, solve = case.runs[0], case.runs[1]
    bad_v, bad_s = validate["code"] == 2, solve["code"] == 2
    if bad_v != bad_s:
        case.failures.append(f"disagree (validate {validate['code']}, solve {solve['code']})")
    if solve["code"] == 0 and plan_out.exists():
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                problem = load_problem(data)
            plan = read_plan_csv(plan_out.read_text(encoding="utf-8"))
            violations = check_plan(problem, plan)
        except Exception as exc:  # a plan that cannot be checked is a failure
            case.failures.append(f"checker (could not check: {type(exc).__name__}: {exc})"[:300])
        else:
            if violations:
                case.failures.append(f"checker ({violations[0]})"[:300])
    if case.failures:
        case.outcome = "failure"
    elif solve["code"] == 0 and all(run["code"] == 0 for run in case.runs[2:]):
        case.outcome = "ok-plan"
    else:
        case.outcome = "clear-refusal"


def unclear_problems(stdout: str) -> list[str]:
    """The refusals of a --json object that name no file or give no fix."""
    try:
        found = json.loads(stdout.strip().splitlines()[-1]) if stdout.strip() else None
    except (json.JSONDecodeError, IndexError):
        return ["no JSON object on standard output"]
    if not isinstance(found, dict):
        return ["no JSON object on standard output"]
    problems = found.get("problems") or []
    errors = [p for p in problems if p.get("severity", "error") == "error"]
    if not errors:
        return [f"exit 2 with no problem listed: {stdout[:150]!r}"]
    return [
        f"{p.get('file')!r}: {p.get('message')!r} fix {p.get('fix')!r}"
        for p in errors
        if not p.get("file") or not str(p.get("fix") or "").strip()
    ]


def reported_seconds(stdout: str) -> float | None:
    try:
        found = json.loads(stdout.strip().splitlines()[-1])
    except (json.JSONDecodeError, IndexError):
        return None
    seconds = found.get("seconds") if isinstance(found, dict) else None
    return float(seconds) if isinstance(seconds, int | float) else None


# --- the run -------------------------------------------------------------------------------


def fuzz(seed: int, count: int, out: Path | None, classes: list[str]) -> dict[str, Counter[str]]:
    rng = random.Random(seed)
    table: dict[str, Counter[str]] = defaultdict(Counter)
    failures: Counter[str] = Counter()
    with tempfile.TemporaryDirectory(prefix="fuzz-inputs-") as tmp:
        work = Path(tmp)
        quarters = prepare(work)
        for number in range(count):
            kind = classes[number % len(classes)]
            quarter = rng.choice(quarters)
            place = work / "cases" / f"{number:05d}"
            place.mkdir(parents=True)
            case = make_case(rng, number, kind, quarter, place)
            run_case(case, place)
            if any(run["code"] in STOPPED for run in case.runs):
                # The fuzzer asked to end (a time box's SIGTERM reaches the CLI it runs, which
                # ends in its own words): not the input's failure; the table so far is the run.
                print(f"stopped by a signal at case {number}", file=sys.stderr)
                break
            table[kind]["cases"] += 1
            table[kind][case.outcome] += 1
            for failure in case.failures:
                failures[failure.split(" (")[0].split(":")[0]] += 1
            if case.failures and out is not None:
                keep(case, place, out)
            shutil.rmtree(place)
            if (number + 1) % 100 == 0:
                print(f"{number + 1} cases, {sum(failures.values())} failures", file=sys.stderr)
    print_table(table, failures)
    return table


def keep(case: Case, place: Path, out: Path) -> None:
    target = out / f"{case.kind.replace(' ', '-')}-{case.number:05d}"
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(place, target)
    for run in case.runs:  # replayable: the paths point into the kept folder
        run["args"] = [str(a).replace(str(place), str(target)) for a in run["args"]]
    record = {
        "kind": case.kind,
        "quarter": case.quarter,
        "form": case.form,
        "mutations": case.mutations,
        "failures": case.failures,
        "runs": case.runs,
    }
    (target / "case.json").write_text(
        json.dumps(record, indent=1, ensure_ascii=False), encoding="utf-8"
    )


def print_table(table: dict[str, Counter[str]], failures: Counter[str]) -> None:
    print(f"{'class':<24} {'cases':>6} {'ok-plan':>8} {'clear-refusal':>14} {'failures':>9}")
    total: Counter[str] = Counter()
    for kind in CLASSES:
        if kind not in table:
            continue
        row = table[kind]
        total.update(row)
        print(
            f"{kind:<24} {row['cases']:>6} {row['ok-plan']:>8} {row['clear-refusal']:>14} "
            f"{row['failure']:>9}"
        )
    print(
        f"{'all':<24} {total['cases']:>6} {total['ok-plan']:>8} {total['clear-refusal']:>14} "
        f"{total['failure']:>9}"
    )
    for kind, number in failures.most_common():
        print(f"  failure '{kind}': {number}")


def replay(folder: Path) -> int:
    record = json.loads((folder / "case.json").read_text(encoding="utf-8"))
    print("mutations:", *record["mutations"], sep="\n  ")
    print("failures before:", *record["failures"], sep="\n  ")
    for run in record["runs"]:
        again = run_cli(run["args"])
        print(f"planner {' '.join(run['args'][:1])} ... -> exit {again['code']}")
        print(again["stderr"][-2000:])
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--out", type=Path, help="a folder for each failing case")
    parser.add_argument("--classes", help="comma-separated classes (default: all)")
    parser.add_argument("--replay", type=Path, help="a kept case's folder to run again")
    args = parser.parse_args()
    if args.replay:
        return replay(args.replay)
    classes = args.classes.split(",") if args.classes else CLASSES
    unknown = [c for c in classes if c not in CLASSES]
    if unknown:
        parser.error(f"unknown classes {unknown}; the classes are {CLASSES}")
    began = time.perf_counter()
    table = fuzz(args.seed, args.count, args.out, classes)
    failed = sum(row["failure"] for row in table.values())
    print(f"seed {args.seed}, {args.count} cases in {time.perf_counter() - began:.0f} s")
    return 1 if failed else 0


if __name__ == "__main__":
    with contextlib.suppress(KeyboardInterrupt):
        sys.exit(main())
