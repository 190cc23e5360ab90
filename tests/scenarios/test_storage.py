"""Saved scenarios in DuckDB: exact round trips, hostile names, concurrency and faults."""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import shutil
import signal
import subprocess
import sys
import textwrap
import threading
import time
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest
from builders import killed_mid_write, only_to_read

from planner.core.domain import Baseline, Problem, Result, Status
from planner.core.loading import load_with_warnings, problem_to_frames
from planner.core.settings import CapacitySettings, Weights
from planner.scenarios.scenario import Scenario, new_scenario
from planner.scenarios.schema import SCHEMA_VERSION
from planner.scenarios.storage import (
    ENV_VAR,
    LOCK_WAIT_S,
    NameTakenError,
    ScenarioNotFoundError,
    ScenarioStore,
    StorageUnavailableError,
    database_path,
    default_path,
)
from planner.scenarios.whatif import with_capacity
from planner.solving.solver import solve

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"
REPO = SAMPLE.parent.parent

HOSTILE_TEXTS = [
    'Q3 "stretch", final',
    "Marketing's plan, v2; sales' too",
    "Überplan – 目标 🚀 ñandú",
    '=HYPERLINK("http://evil","x")',
    "+1-2@3",
    "'; DROP TABLE scenarios; --",
    "Robert'); DELETE FROM scenario_teams WHERE ('1'='1",
    "x' OR '1'='1",
    "$1 ? :name %s {0}",
    "../../../etc/passwd",
    "..\\..\\windows\\system32",
    "line one\nline two\r\ttabbed",
    "bell\x07 escape\x1b[31m red \u202e reversed",
    "  padded  ",
]


#: The ``planner`` command, as its console script runs it.
PLANNER_CLI = [
    sys.executable,
    "-c",
    "import sys; from planner.interfaces.cli import main; sys.exit(main())",
]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def sample() -> tuple[Problem, Result]:
    """The bundled sample quarter and its solved plan (solved once for the module)."""
    problem = load_with_warnings(SAMPLE).problem
    return problem, solve(problem)


@pytest.fixture
def store(tmp_path: Path):
    with ScenarioStore.open(tmp_path / "planner.duckdb") as opened:
        yield opened


def frames_text(problem: Problem) -> dict[str, str]:
    return {k: v.to_csv(index=False) for k, v in problem_to_frames(problem).items()}


def assert_same_scenario(loaded: Scenario, saved: Scenario) -> None:
    assert frames_text(loaded.problem) == frames_text(saved.problem)
    assert loaded.problem == saved.problem
    assert loaded.problem.settings.to_toml() == saved.problem.settings.to_toml()
    assert loaded.plan == saved.plan
    assert loaded.metrics == saved.metrics
    assert (loaded.name, loaded.note, loaded.parent_id) == (
        saved.name,
        saved.note,
        saved.parent_id,
    )


# ---------------------------------------------------------------------------
# Round trip
# ---------------------------------------------------------------------------


def test_save_then_load_gives_back_identical_inputs_settings_and_plan(store, sample):
    """A scenario is only worth saving if loading it restores exactly what was planned."""
    problem, result = sample
    scenario = new_scenario(problem, result, "Q3 base", "first cut")
    saved = store.save(scenario)
    loaded = store.load(saved.scenario_id)
    assert_same_scenario(loaded, scenario)
    assert loaded.scenario_id == saved.scenario_id
    assert loaded.created_at == saved.created_at
    assert loaded.metrics.status is Status.OPTIMAL


def test_round_trip_keeps_what_if_settings_baseline_and_exact_decimals(store, sample):
    """Multipliers, weights, a change budget and 3-decimal hours must survive unchanged."""
    problem, result = sample
    # Every key names a department or a team of the data: unknown names are errors (issue 12).
    capacity = CapacitySettings(0.95, {"sales": 0.9, "ent-ae": 1.25})
    settings = problem.settings.with_changes(
        capacity=capacity, weights=Weights(attainment=2.0, value=0.001, balance=0.0)
    )
    team = problem.teams[0]
    teams = (team.__class__(**{**team.__dict__, "capacity_hours": Decimal("1000.125")}),)
    changed = problem.replace(
        teams=teams + problem.teams[1:],
        settings=settings,
        baseline=Baseline(result.plan.owners(), max_changes=3) if result.plan else None,
    )
    scenario = new_scenario(changed, result, "what-if", parent_id=None)
    loaded = store.load(store.save(scenario).scenario_id)
    assert_same_scenario(loaded, scenario)
    assert loaded.problem.teams[0].capacity_hours == Decimal("1000.125")
    assert loaded.problem.baseline == changed.baseline


def test_a_saved_re_plan_keeps_which_projects_are_in_progress(store, sample):
    """A re-plan keeps its projects in progress with their teams by pins of its own: loaded
    again, they are still in progress (explained as such, unlocked rather than unpinned),
    not read back as a leader's pins."""
    from planner.explain.in_progress import pinned_to
    from planner.scenarios.checkin import CheckIn, ProjectProgress, ProjectStatus
    from planner.scenarios.rest_of_quarter import replan_problem

    problem, result = sample
    leaders_pins = {project_id for project_id, _ in problem.pins}
    running = [p for p in sorted(result.plan.owners()) if p not in leaders_pins][:2]
    checkin = CheckIn(
        weeks_elapsed=Decimal(6),
        projects={p: ProjectProgress(ProjectStatus.IN_PROGRESS, Decimal(40)) for p in running},
    )
    rest = replan_problem(problem, result.plan, checkin, max_changes=5, stability_weight=1.0)
    assert rest.baseline is not None and rest.baseline.in_progress == frozenset(running)
    scenario = new_scenario(rest, solve(rest), "re-plan at week 6", checkin=checkin)
    loaded = store.load(store.save(scenario).scenario_id)
    assert loaded.problem == rest
    assert loaded.problem.baseline is not None
    assert loaded.problem.baseline.in_progress == frozenset(running)
    assert "is in progress with Content" in pinned_to(loaded.problem, running[0], "Content")


def test_scenario_without_a_plan_round_trips_with_its_reasons(store, sample):
    """An infeasible what-if is still worth keeping: status and reasons come back."""
    problem, _ = sample
    result = Result(Status.INFEASIBLE, None, None, None, None, 0.1, reasons=("too little",))
    scenario = new_scenario(problem, result, "impossible")
    loaded = store.load(store.save(scenario).scenario_id)
    assert loaded.plan is None
    assert loaded.metrics.status is Status.INFEASIBLE
    assert loaded.metrics.reasons == ("too little",)
    assert_same_scenario(loaded, scenario)


# ---------------------------------------------------------------------------
# Names and notes
# ---------------------------------------------------------------------------


def test_hostile_names_and_notes_are_stored_and_shown_exactly(store, sample):
    """Quotes, SQL, formulas, paths and control characters are plain values, kept exactly."""
    problem, result = sample
    ids = {}
    for text in HOSTILE_TEXTS:
        saved = store.save(new_scenario(problem, result, text, note=text + " (note)"))
        assert saved.name == text
        ids[text] = saved.scenario_id
    listed = {s.name: s.note for s in store.list()}
    assert listed == {text: text + " (note)" for text in HOSTILE_TEXTS}
    for text, scenario_id in ids.items():
        assert store.find(text).scenario_id == scenario_id
        loaded = store.load(scenario_id)
        assert (loaded.name, loaded.note) == (text, text + " (note)")
    # Nothing ran as SQL: every table still holds every scenario's rows.
    assert store.count() == len(HOSTILE_TEXTS)
    assert store.load(ids[HOSTILE_TEXTS[5]]).problem == problem


def test_a_scenario_saved_with_a_control_character_in_a_name_still_loads(store, sample):
    """Names holding a vertical tab or U+2028 are refused in new data (attack round 23);
    a scenario saved before that with one must still show, export and compare: it read
    "stored with inputs that no longer validate (was the database edited by hand?)"."""
    problem, result = sample
    team = problem.teams[0]
    renamed = problem.replace(
        teams=(
            team.__class__(**{**team.__dict__, "name": "SDR\x0bTeam\u2028East"}),
            *problem.teams[1:],
        )
    )
    saved = store.save(new_scenario(renamed, result, "before the check"))
    assert store.load(saved.scenario_id).problem == renamed


class _FullDisk:
    """A DuckDB connection (or cursor) whose commits fail as DuckDB's do on a full disk."""

    def __init__(self, real: duckdb.DuckDBPyConnection) -> None:
        self._real = real

    def cursor(self) -> _FullDisk:
        return _FullDisk(self._real.cursor())

    def execute(self, sql: str, *args: object) -> duckdb.DuckDBPyConnection:
        if sql.strip().upper() == "COMMIT":
            raise duckdb.TransactionException(
                'TransactionContext Error: Failed to commit: Could not write file "s.duckdb'
                '.wal": No space left on device'
            )
        return self._real.execute(sql, *args)

    def __getattr__(self, name: str) -> object:
        return getattr(self._real, name)


def test_a_save_on_a_full_disk_says_the_disk_is_full_and_keeps_earlier_scenarios(
    store, sample, monkeypatch
):
    """A commit DuckDB cannot write (a 64 KB disk, full) read "Someone else changed the same
    scenario at the same moment ... Try again": the leader tried again, and again. It says
    the disk is full and how to go on, the save leaves nothing, earlier scenarios stay."""
    problem, result = sample
    store.save(new_scenario(problem, result, "before"))
    connect = duckdb.connect
    monkeypatch.setattr(duckdb, "connect", lambda *a, **k: _FullDisk(connect(*a, **k)))
    with pytest.raises(StorageUnavailableError, match="the disk is full") as caught:
        store.save(new_scenario(problem, result, "after"))
    assert "Someone else" not in str(caught.value)
    monkeypatch.setattr(duckdb, "connect", connect)
    assert [s.name for s in store.list()] == ["before"]


def test_a_database_on_a_read_only_disk_says_so_and_what_to_do(tmp_path, monkeypatch):
    """A database on a read-only mount read "cannot be used: 'IO Error: Cannot open file
    ...: Read-only file system'", DuckDB's words with no way on. It says the disk is
    read-only, and to copy the file (or, when there is none yet, to name a writable one)."""
    existing = tmp_path / "s.duckdb"
    ScenarioStore.open(existing).close()

    def read_only(path: str, *args: object, **kwargs: object) -> None:
        raise duckdb.IOException(f'IO Error: Cannot open file "{path}": Read-only file system')

    monkeypatch.setattr(duckdb, "connect", read_only)
    with pytest.raises(StorageUnavailableError, match="is on a read-only disk") as caught:
        ScenarioStore.open(existing)
    assert "Copy it to a folder you may write to" in str(caught.value)
    assert "IO Error" not in str(caught.value)
    with pytest.raises(StorageUnavailableError, match="cannot be made: the disk is read-only"):
        ScenarioStore.open(tmp_path / "new.duckdb")


def test_a_what_if_kept_close_to_the_plan_in_force_is_one_when_loaded_back(store, sample):
    """A what-if saved with "keep close to the current plan" read "good, not proven the
    best" once loaded: the store kept its status, not why it is short of the best. Its
    tolerance is saved, listed and loaded back; any other plan has none."""
    problem, result = sample
    kept = store.save(new_scenario(problem, result, "kept close", kept_close=0.005))
    fresh = store.save(new_scenario(problem, result, "from scratch"))
    assert store.load(kept.scenario_id).metrics.kept_close == 0.005
    assert store.load(fresh.scenario_id).metrics.kept_close is None
    listed = {s.name: s.metrics.kept_close for s in store.list()}
    assert listed == {"kept close": 0.005, "from scratch": None}


@pytest.mark.parametrize(
    "why", ["Read-only file system", "Permission denied", "Operation not permitted"]
)
def test_a_database_that_may_only_be_read_lists_and_loads_and_refuses_to_change(
    tmp_path, sample, monkeypatch, why
):
    """A colleague's scenarios on a read-only share could not even be listed: the store
    opened the file to write. Reading needs no write access, so list, find and load work;
    save, rename and delete say the file is read-only and to copy it, and change nothing."""
    problem, result = sample
    path = tmp_path / "shared.duckdb"
    with ScenarioStore.open(path) as store:
        saved = store.save(new_scenario(problem, result, "Q3 base"))
    before = path.read_bytes()
    only_to_read(monkeypatch, why)
    with ScenarioStore.open(path) as store:
        assert [s.name for s in store.list()] == ["Q3 base"]
        assert store.find("Q3 base").scenario_id == saved.scenario_id
        assert store.load(saved.scenario_id).plan == result.plan
        for change in (
            lambda: store.save(new_scenario(problem, result, "another")),
            lambda: store.rename(saved.scenario_id, "renamed"),
            lambda: store.delete(saved.scenario_id),
        ):
            with pytest.raises(StorageUnavailableError, match="can be read but not changed"):
                change()
        assert [s.name for s in store.list()] == ["Q3 base"]
    assert path.read_bytes() == before


def test_an_immutable_database_file_is_read_and_not_changed(tmp_path, sample):
    """A file the system will not let anyone write (``chattr +i``, which even root may
    not write) read "cannot be used: ... Operation not permitted" on every command,
    listing too: DuckDB's words for EPERM were not taken for a read-only file. The
    real file, not a stand-in: it lists and loads, and a save says what to do."""
    if shutil.which("chattr") is None:
        pytest.skip("no chattr on this machine")
    problem, result = sample
    path = tmp_path / "frozen.duckdb"
    with ScenarioStore.open(path) as store:
        store.save(new_scenario(problem, result, "Q3 base"))
    marked = subprocess.run(["chattr", "+i", str(path)], capture_output=True, check=False)
    if marked.returncode != 0:
        pytest.skip(f"this file system or user cannot mark a file immutable: {marked.stderr!r}")
    try:
        before = path.read_bytes()
        with ScenarioStore.open(path) as store:
            assert [s.name for s in store.list()] == ["Q3 base"]
            with pytest.raises(StorageUnavailableError, match="can be read but not changed"):
                store.save(new_scenario(problem, result, "another"))
        assert path.read_bytes() == before
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)


def test_blank_name_is_refused_and_nothing_is_saved(store, sample):
    """A scenario nobody can pick from a list is a lost scenario."""
    problem, result = sample
    with pytest.raises(ValueError, match="needs a name"):
        store.save(
            Scenario(" \t", problem, result.plan, new_scenario(problem, result, "x").metrics)
        )
    assert store.count() == 0


def test_duplicate_name_is_refused_and_the_first_is_kept(store, sample):
    """Names find scenarios from the CLI, so two scenarios may not share one."""
    problem, result = sample
    first = store.save(new_scenario(problem, result, "Plan A", "original"))
    with pytest.raises(NameTakenError, match="already has this name"):
        store.save(new_scenario(problem, result, "Plan A", "impostor"))
    assert [(s.scenario_id, s.note) for s in store.list()] == [(first.scenario_id, "original")]


def test_rename_delete_and_lineage(store, sample):
    """Renaming keeps the contents; deleting removes every row but keeps children."""
    problem, result = sample
    parent = store.save(new_scenario(problem, result, "parent"))
    child = store.save(new_scenario(problem, result, "child", parent_id=parent.scenario_id))
    assert store.summary(child.scenario_id).parent_name == "parent"
    store.rename(parent.scenario_id, 'parent "renamed"', note="n2")
    assert store.summary(child.scenario_id).parent_name == 'parent "renamed"'
    assert store.load(parent.scenario_id).note == "n2"
    store.delete(parent.scenario_id)
    with pytest.raises(ScenarioNotFoundError):
        store.load(parent.scenario_id)
    survivor = store.summary(child.scenario_id)
    assert (survivor.parent_id, survivor.parent_name) == (parent.scenario_id, None)
    with store._cursor() as cur:
        leftovers = cur.execute(
            "SELECT count(*) FROM scenario_projects WHERE scenario_id = ?", [parent.scenario_id]
        ).fetchone()
    assert leftovers == (0,)


def test_find_by_name_then_by_id_and_suggests_close_names(store, sample):
    """The CLI takes a name or an id; a typo gets suggestions, not a traceback."""
    problem, result = sample
    a = store.save(new_scenario(problem, result, "Marketing -20%"))
    assert store.find("Marketing -20%").scenario_id == a.scenario_id
    assert store.find(str(a.scenario_id)).name == "Marketing -20%"
    with pytest.raises(ScenarioNotFoundError, match="Marketing -20%"):
        store.find("Marketing -20")


# ---------------------------------------------------------------------------
# Location, schema and safety settings
# ---------------------------------------------------------------------------


def test_database_is_created_on_first_use_in_a_missing_folder(tmp_path):
    """A first-time user has no folder yet; saving must still just work."""
    path = tmp_path / "deep" / "er" / "planner.duckdb"
    with ScenarioStore.open(path) as store:
        assert store.schema_version() == SCHEMA_VERSION
        assert store.list() == []
    assert path.is_file()


def test_a_database_path_with_a_byte_that_is_not_utf8_is_refused_in_words(tmp_path):
    """PLANNER_DB (or --db) under a folder named in Latin-1 ('d\\xe9' on disk, read by
    Python as the lone surrogate \\udce9): 'planner scenarios save' ended in 'internal
    error (RuntimeError: std::bad_cast)', exit 1, after its solve; DuckDB takes only
    UTF-8 paths. Refused naming the byte, with the fix, nothing made."""
    folder = Path(os.fsdecode(bytes(tmp_path) + b"/d\xe9"))
    with pytest.raises(StorageUnavailableError, match="not UTF-8") as refused:
        ScenarioStore.open(folder / "planner.duckdb")
    assert "\\udce9" in str(refused.value) and "PLANNER_DB" in str(refused.value)
    assert not folder.exists()


def test_planner_db_overrides_the_documented_default(tmp_path, monkeypatch):
    """PLANNER_DB lets each user, test or server keep scenarios where they choose."""
    monkeypatch.delenv(ENV_VAR, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert database_path() == default_path() == tmp_path / "xdg/goal-planner/planner.duckdb"
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "mine.duckdb"))
    with ScenarioStore.open() as store:
        assert store.path == tmp_path / "mine.duckdb"
    assert (tmp_path / "mine.duckdb").is_file()
    assert not (tmp_path / "xdg").exists()


def test_connection_cannot_touch_other_files(store, tmp_path):
    """SQL that reads or writes files must fail even if SQL ever got in (defence in depth)."""
    secret = tmp_path / "secret.csv"
    secret.write_text("a\n1\n")
    assert store.setting("enable_external_access") == "false"
    with store._cursor() as cur:
        with pytest.raises(duckdb.Error, match="disabled"):
            cur.execute(f"SELECT * FROM read_csv('{secret}')").fetchall()
        with pytest.raises(duckdb.Error, match="disabled"):
            cur.execute(f"COPY (SELECT 1) TO '{tmp_path / 'out.csv'}'")
        with pytest.raises(duckdb.Error, match="locked"):
            cur.execute("SET enable_external_access = true")
    assert not (tmp_path / "out.csv").exists()


def test_a_file_whose_later_columns_already_exist_migrates_and_saves(tmp_path, sample):
    """A file at schema 1 that already has the value ranges, weeks and check-in tables (a
    build between releases wrote them) opens at the current schema and saves, instead of
    "Saved scenarios are unavailable: Column with name value_low already exists".
    """
    path = tmp_path / "planner.duckdb"
    with ScenarioStore.open(path) as store, store._cursor() as cur:
        cur.execute("UPDATE planner_schema SET version = 1")
    problem, result = sample
    with ScenarioStore.open(path) as store:
        assert store.schema_version() == SCHEMA_VERSION
        saved = store.save(new_scenario(problem, result, "after the repair"))
        assert [s.name for s in store.list()] == ["after the repair"]
        assert store.load(saved.scenario_id).problem == problem


def test_newer_schema_is_refused_and_left_untouched(tmp_path):
    """Opening a newer file with old code must not 'migrate' it backwards."""
    path = tmp_path / "planner.duckdb"
    with ScenarioStore.open(path) as store, store._cursor() as cur:
        cur.execute("UPDATE planner_schema SET version = ?", [SCHEMA_VERSION + 1])
    before = sha256(path)
    with pytest.raises(StorageUnavailableError, match="newer version of Goal Planner"):
        ScenarioStore.open(path)
    assert sha256(path) == before


def test_a_newer_database_says_what_to_do_and_keeps_its_number_as_a_detail(tmp_path):
    """A file of a newer schema read "written by a newer Goal Planner (schema 16; this one
    knows up to 15)": a number that told a leader nothing. It says what to do, in words;
    the numbers are only a detail in brackets."""
    path = tmp_path / "planner.duckdb"
    with ScenarioStore.open(path) as store, store._cursor() as cur:
        cur.execute("UPDATE planner_schema SET version = ?", [SCHEMA_VERSION + 1])
    with pytest.raises(StorageUnavailableError) as raised:
        ScenarioStore.open(path)
    problem, fix = str(raised.value).rsplit(" Fix: ", 1)
    assert "schema" not in str(raised.value)
    assert problem.startswith(f"The scenario database {path} was saved by a newer version of")
    assert problem.endswith(
        f"(its file format is {SCHEMA_VERSION + 1}; this version reads up to {SCHEMA_VERSION})."
    )
    assert fix.startswith("Update Goal Planner to the version that saved it")
    assert "another file" in fix


def test_another_programs_database_is_refused_and_left_untouched(tmp_path):
    """PLANNER_DB pointed at someone else's DuckDB file must not grow our tables."""
    path = tmp_path / "theirs.duckdb"
    connection = duckdb.connect(str(path))
    connection.execute("CREATE TABLE invoices (id INTEGER)")
    connection.close()
    before = sha256(path)
    with pytest.raises(StorageUnavailableError, match="belongs to another program"):
        ScenarioStore.open(path)
    assert sha256(path) == before


@pytest.mark.parametrize("name", ["teams.csv", "plan.parquet", "notes.json"])
def test_a_data_file_named_as_the_database_is_refused_not_opened_as_a_view(name, tmp_path):
    """DuckDB opens an existing CSV (or Parquet, JSON) file as a view in an in-memory
    database: PLANNER_DB=teams.csv would "save" scenarios that vanish when the command
    ends ("No saved scenario has id 1" straight after saving). It is refused in words,
    and the file is left byte for byte as it was.
    """
    path = tmp_path / name
    path.write_text("team_id,name\nsdr,SDR Team\n", encoding="utf-8")
    before = sha256(path)
    with pytest.raises(StorageUnavailableError, match="not a DuckDB database"):
        ScenarioStore.open(path)
    assert sha256(path) == before and sorted(p.name for p in tmp_path.iterdir()) == [name]


# ---------------------------------------------------------------------------
# Faults
# ---------------------------------------------------------------------------


@pytest.fixture
def saved_file(tmp_path, sample) -> Path:
    """A closed database file holding three saved scenarios."""
    path = tmp_path / "planner.duckdb"
    problem, result = sample
    with ScenarioStore.open(path) as store:
        for i in range(3):
            store.save(new_scenario(problem, result, f"s{i}"))
    return path


def _damage(path: Path, how: str) -> None:
    data = bytearray(path.read_bytes())
    if how == "garbage":
        data = bytearray(b"this is a spreadsheet, not a database\n" * 200)
    elif how == "empty":
        data = bytearray()
    elif how == "truncated":
        data = data[: len(data) // 2]
    elif how == "main header":
        data[100:164] = bytes(64)
    elif how == "metadata block":
        # A stretch of the first block after the headers, the catalog's: 64 bytes at 5000
        # fell in its unused space once the schema gained a table.
        data[12288 + 4000 : 12288 + 5064] = b"\xff" * 1064
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("how", ["garbage", "empty", "truncated", "main header", "metadata block"])
def test_corrupted_file_gives_a_clear_message_and_is_never_touched(saved_file, how):
    """A damaged file may hold the only copy of a quarter's scenarios: never overwrite it."""
    _damage(saved_file, how)
    before = sha256(saved_file)
    with pytest.raises(StorageUnavailableError) as raised, ScenarioStore.open(saved_file) as store:
        for summary in store.list():
            store.load(summary.scenario_id)
    message = str(raised.value)
    said = {
        "empty": "is an empty file (0 bytes): it holds no scenarios",
        "truncated": "is damaged: it is cut short",
    }.get(how, "damaged or is not a DuckDB database")
    assert said in message
    assert str(saved_file) in message
    assert "keep working" in message
    assert sha256(saved_file) == before
    assert not Path(str(saved_file) + ".wal").exists()


def test_a_file_cut_short_is_damaged_for_listing_too(saved_file, capsys):
    """A database cut to half (a copy stopped part way) still listed its scenarios, the
    list's blocks coming first, while showing one said it was damaged: it is damaged for
    every use, said with its size and the size it was saved with."""
    size = saved_file.stat().st_size
    with saved_file.open("r+b") as handle:
        handle.truncate(size - 4096)
    with pytest.raises(StorageUnavailableError) as raised, ScenarioStore.open(saved_file) as store:
        store.list()
    message = str(raised.value)
    assert f"cut short, {size - 4096:,} bytes where its scenarios take at least" in message
    assert "Put the whole file back" in message
    from planner.interfaces.cli import main

    for command in (["list"], ["show", "s0"]):  # the list said exit 0, show exit 1
        assert main(["scenarios", *command, "--db", str(saved_file)]) == 1
        assert "cut short" in capsys.readouterr().err
    assert saved_file.stat().st_size == size - 4096


def test_an_empty_file_is_said_to_be_empty_with_what_to_do(tmp_path):
    """A 0-byte --db file was called "damaged or not a DuckDB database", to be moved aside
    for recovery: it holds nothing, and deleting it lets a save make the database there."""
    path = tmp_path / "planner.duckdb"
    path.touch()
    with pytest.raises(StorageUnavailableError) as raised:
        ScenarioStore.open(path)
    message = str(raised.value)
    assert "is an empty file (0 bytes)" in message and "damaged" not in message
    assert "Fix: Delete the empty file and save again" in message
    assert path.stat().st_size == 0


_HOLD_RAW = (
    "import sys, time, duckdb; c = duckdb.connect(sys.argv[1]); print('ready', flush=True); "
    "sys.stdin.readline() if sys.argv[2] == 'stdin' else time.sleep(float(sys.argv[2])); "
    "c.close()"
)
_HOLD_STORE = (
    "import sys; from planner.scenarios.storage import ScenarioStore; "
    "s = ScenarioStore.open(sys.argv[1]); "
    "s.list(); print('ready', flush=True); sys.stdin.readline(); s.list(); s.close()"
)


def _holder(code: str, *argv: str) -> subprocess.Popen[str]:
    """Another process holding the file (raw DuckDB) or a store on it; waits for ``ready``."""
    process = subprocess.Popen(
        [sys.executable, "-c", code, *argv],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )
    assert process.stdout is not None and process.stdout.readline().strip() == "ready"
    return process


def test_locked_file_gives_a_clear_message_and_is_never_touched(saved_file):
    """Another program holding the file for good must not make the app hang, crash or clobber it."""
    holder = _holder(_HOLD_RAW, str(saved_file), "stdin")
    try:
        before = sha256(saved_file)
        started = time.monotonic()
        with pytest.raises(StorageUnavailableError) as raised:
            ScenarioStore.open(saved_file, lock_wait_s=0.5)
        waited = time.monotonic() - started
        assert "in use by another program" in str(raised.value)
        assert f"PID {holder.pid}" in str(raised.value)
        # The wait said: a command was silent for it, then said only "in use".
        assert "), still after 0.5 s of waiting." in str(raised.value)
        assert sha256(saved_file) == before
        # It waited for the file, boundedly.
        assert 0.5 <= waited < 3.0
    finally:
        holder.communicate("\n", timeout=20)
    # Once the other program is gone, the file works and nothing was lost.
    with ScenarioStore.open(saved_file) as store:
        assert [s.name for s in store.list()] == ["s2", "s1", "s0"]


def test_a_file_held_through_a_whole_wait_is_tried_once_until_it_opens(saved_file, monkeypatch):
    """Another program holding the file for a minute, every rerun of the app's Check-in
    and Scenarios pages (a week typed, a tab opened) waited the whole 5 s for it again,
    0.6 s become 5.6 s each, with the page already saying the file is in use. Once a wait
    ran out, the file is tried once per operation, not waited for, until it opens."""
    store = ScenarioStore.open(saved_file, lock_wait_s=0.5)
    holder = _holder(_HOLD_RAW, str(saved_file), "stdin")
    tries: list[str] = []
    connect = duckdb.connect

    def counted(*args: object, **kwargs: object) -> duckdb.DuckDBPyConnection:
        tries.append(str(args[0]))
        return connect(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(duckdb, "connect", counted)
    try:
        with pytest.raises(StorageUnavailableError) as waited:
            store.list()
        assert "), still after 0.5 s of waiting." in str(waited.value)
        assert len(tries) > 1  # it waited, trying again
        for _ in range(3):
            tries.clear()
            with pytest.raises(StorageUnavailableError) as again:
                store.list()
            # tried once, not waited for: to write, then to read beside a program that
            # only reads (this one writes)
            assert tries == [str(saved_file)] * 2
            assert f"in use by another program (PID {holder.pid})." in str(again.value)
    finally:
        holder.communicate("\n", timeout=20)
    # Let go of, the file opens at the next operation, and is waited for again after.
    assert [s.name for s in store.list()] == ["s2", "s1", "s0"]
    holder = _holder(_HOLD_RAW, str(saved_file), "stdin")
    try:
        tries.clear()
        with pytest.raises(StorageUnavailableError):
            store.list()
        assert len(tries) > 1
    finally:
        holder.communicate("\n", timeout=20)
    store.close()


def test_a_file_held_for_a_moment_is_waited_for(saved_file, sample):
    """A save that meets another process mid-operation waits its turn instead of failing."""
    problem, result = sample
    store = ScenarioStore.open(saved_file)
    holder = _holder(_HOLD_RAW, str(saved_file), "0.8")
    started = time.monotonic()
    saved = store.save(new_scenario(problem, result, "after the wait"))
    waited = time.monotonic() - started
    holder.wait(timeout=20)
    assert holder.returncode == 0
    assert 0.3 <= waited < store.lock_wait_s
    assert store.load(saved.scenario_id).plan == result.plan
    assert store.count() == 4
    store.close()


def test_cli_lists_while_another_process_holds_the_store_open(saved_file, tmp_path):
    """The app keeps its store open for hours; `planner scenarios list` must work meanwhile."""
    holder = _holder(_HOLD_STORE, str(saved_file))
    try:
        listed = subprocess.run(
            [*PLANNER_CLI, "scenarios", "list", "--json"],
            env={**os.environ, ENV_VAR: str(saved_file)},
            capture_output=True,
            text=True,
            cwd=REPO,
            timeout=60,
        )
        assert listed.returncode == 0, listed.stderr
        assert [s["name"] for s in json.loads(listed.stdout)] == ["s2", "s1", "s0"]
        # And this process can write while the other one still holds its store.
        with ScenarioStore.open(saved_file) as store:
            store.rename(store.find("s0").scenario_id, "s0 renamed")
    finally:
        holder.communicate("\n", timeout=20)
    assert holder.returncode == 0


_ALTERNATE = textwrap.dedent(
    """
    import pickle, sys
    from dataclasses import replace
    from planner.scenarios.storage import ScenarioStore
    scenario = pickle.load(open(sys.argv[2], "rb"))
    store = ScenarioStore.open(sys.argv[1], lock_wait_s=float(sys.argv[5]))
    print("ready", flush=True)
    sys.stdin.readline()
    for i in range(int(sys.argv[4])):
        store.save(replace(scenario, name=f"{sys.argv[3]} {i}"))
        store.list()
    store.close()
    """
)


def test_two_processes_saving_alternately_to_the_same_file_both_succeed(tmp_path, sample):
    """Two app servers (or the app and the CLI) on one file: every save of both lands, whole.

    Each waits for the other's save as a store does, here up to a minute (twelve times
    :data:`LOCK_WAIT_S`): a wait that ends as soon as the other is done costs nothing, and
    no load makes one save take it all, so the test asserts the same on any machine."""
    problem, result = sample
    wait = str(LOCK_WAIT_S * 12)
    scenario = new_scenario(problem, result, "template")
    pickled = tmp_path / "scenario.pickle"
    pickled.write_bytes(pickle.dumps(scenario))
    path = tmp_path / "planner.duckdb"
    ScenarioStore.open(path).close()
    saves = 8
    writers = [
        _holder(_ALTERNATE, str(path), str(pickled), name, str(saves), wait) for name in ("A", "B")
    ]
    for writer in writers:  # go together
        assert writer.stdin is not None
        writer.stdin.write("go\n")
        writer.stdin.flush()
    for writer in writers:
        writer.communicate(timeout=120)
        assert writer.returncode == 0
    with ScenarioStore.open(path) as store:
        names = {s.name: s.scenario_id for s in store.list()}
        assert set(names) == {f"{w} {i}" for w in "AB" for i in range(saves)}
        for scenario_id in names.values():
            loaded = store.load(scenario_id)
            assert loaded.problem == problem and loaded.plan == result.plan


def test_eight_threads_saving_at_once_each_scenario_present_and_whole(tmp_path, sample):
    """Eight leaders saving in the same app process must each get their own whole scenario."""
    problem, result = sample
    expected = {
        f"thread {t} save {k}": with_capacity(
            problem, problem.teams[t].team_id, 1 + t / 10 + k / 100
        )
        for t in range(8)
        for k in range(2)
    }
    errors: list[BaseException] = []
    start = threading.Barrier(8)
    with ScenarioStore.open(tmp_path / "planner.duckdb") as store:

        def save_three(t: int) -> None:
            try:
                start.wait()
                for k in range(2):
                    name = f"thread {t} save {k}"
                    store.save(new_scenario(expected[name], result, name))
            except BaseException as exc:  # reported below, with the thread's traceback
                errors.append(exc)

        threads = [threading.Thread(target=save_three, args=(t,)) for t in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []
        listed = {s.name: s for s in store.list()}
        assert set(listed) == set(expected)
        assert len({s.scenario_id for s in listed.values()}) == 16
        for name, summary in listed.items():
            loaded = store.load(summary.scenario_id)
            assert loaded.problem == expected[name]
            assert loaded.plan == result.plan


_WRITER = textwrap.dedent(
    """
    import pickle, sys
    from planner.scenarios.storage import ScenarioStore
    from dataclasses import replace
    scenario = pickle.load(open(sys.argv[2], "rb"))
    store = ScenarioStore.open(sys.argv[1])
    i = 0
    while True:
        print("begin", i, flush=True)
        store.save(replace(scenario, name=f"{sys.argv[3]} {i}"))
        print("saved", i, flush=True)
        i += 1
    """
)


@pytest.mark.parametrize("delay_s", [0.0, 0.03, 0.06, 0.09])
def test_writer_killed_mid_save_leaves_every_earlier_scenario_intact(tmp_path, sample, delay_s):
    """A crash (power cut, OOM kill) during a save must never cost earlier scenarios."""
    problem, result = sample
    scenario = new_scenario(problem, result, "template")
    pickled = tmp_path / "scenario.pickle"
    pickled.write_bytes(pickle.dumps(scenario))
    path = tmp_path / "planner.duckdb"
    with ScenarioStore.open(path) as store:
        store.save(new_scenario(problem, result, "saved before"))
    saved = killed_mid_write(_WRITER, [str(path), str(pickled), "run"], delay_s, REPO)
    assert saved == [0, 1, 2, 3]

    with ScenarioStore.open(path) as store:
        names = {s.name: s.scenario_id for s in store.list()}
        assert "saved before" in names
        for i in saved:
            loaded = store.load(names[f"run {i}"])
            assert_same_scenario(
                loaded, scenario.__class__(**{**scenario.__dict__, "name": f"run {i}"})
            )
        # The save that was cut off is all there or not there at all.
        if "run 4" in names:
            loaded = store.load(names["run 4"])
            assert loaded.problem == problem and loaded.plan == result.plan
        # And the file still takes new saves.
        store.save(new_scenario(problem, result, "after the crash"))


def test_created_at_is_kept_in_utc(store, sample):
    """Creation times sort the list and must not shift with the server's time zone."""
    problem, result = sample
    moment = datetime(2025, 3, 31, 23, 59, 58, 123456, tzinfo=UTC)
    saved = store.save(new_scenario(problem, result, "dated"), created_at=moment)
    assert saved.created_at == moment


def test_a_ctrl_c_while_a_save_writes_rolls_it_back_and_stops(store, sample, monkeypatch):
    """A Ctrl-C that came while one of the save's statements ran was DuckDB's to read: the
    statement ended as RuntimeError('Query interrupted') ('internal error ... a bug in
    Goal Planner', exit 1), or, when it finished first, was dropped, and `planner
    scenarios save` saved and ended 0. It is held to the transaction's end: nothing is
    saved and the save stops as a Ctrl-C does (KeyboardInterrupt: exit 130)."""
    problem, result = sample
    first = store.save(new_scenario(problem, result, "Plan A"))
    name_taken = ScenarioStore._name_taken

    def slow_statement_under_ctrl_c(self, cur, name):
        taken = name_taken(self, cur, name)
        timer = threading.Timer(0.1, os.kill, (os.getpid(), signal.SIGINT))
        timer.start()
        try:  # a statement of the save that runs long enough to be pressed during
            cur.execute("SELECT count(*) FROM range(150000000) t(x) WHERE x % 7 = 3").fetchall()
        finally:
            timer.join()
        return taken

    monkeypatch.setattr(ScenarioStore, "_name_taken", slow_statement_under_ctrl_c)
    # Ctrl-C handled as in a terminal's foreground command: a test run started in the
    # background may hand its workers SIGINT ignored, and an ignored one is not held.
    before = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        with pytest.raises(KeyboardInterrupt):
            store.save(new_scenario(problem, result, "Plan B"))
        # The handler in place before the save is back: a Ctrl-C now interrupts at once.
        assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    finally:
        signal.signal(signal.SIGINT, before)
    assert [s.scenario_id for s in store.list()] == [first.scenario_id]


def test_the_list_reads_each_scenarios_goal_weights_and_names_one_weighed_apart(store, sample):
    """A what-if saved with MQLs weighing 10 (2 in Base) read 89.0 % beside Base's 85.6 % in
    the list with no word: a CMO read it as better on the same yardstick. The list's one
    query reads each scenario's goal weights, and the one weighed apart is named with the
    goal, its weight and the others'."""
    from dataclasses import replace as replaced

    from planner.scenarios.scenario import weighed_apart

    problem, result = sample
    store.save(new_scenario(problem, result, "Base"))
    store.save(new_scenario(problem, result, "Base again"))
    goals = tuple(
        replaced(g, weight=Decimal(10)) if g.goal_id == "mqls" else g for g in problem.goals
    )
    store.save(new_scenario(problem.replace(goals=goals), result, "MQLs must hit"))
    listed = store.list()
    weights = {s.name: dict((i, w) for i, _, w in s.goal_weights or ()) for s in listed}
    assert weights["Base"]["mqls"] == 2 and weights["MQLs must hit"]["mqls"] == 10
    apart = weighed_apart(listed)
    assert [(a.name, a.goals) for a in apart] == [
        ("MQLs must hit", (("Marketing-qualified leads", 10.0, 2.0),))
    ]
    assert weighed_apart([s for s in listed if s.name != "MQLs must hit"]) == ()


_HOLD_TO_READ = (
    "import sys, duckdb; c = duckdb.connect(sys.argv[1], read_only=True); "
    "print('ready', flush=True); sys.stdin.readline(); c.close()"
)


def test_a_file_another_program_only_reads_is_listed_and_shown_but_not_changed(saved_file):
    """Another program reading the file (the DuckDB command line opened with -readonly, a
    notebook or a reporting tool querying the saved plans) kept every command out: `planner
    scenarios list` waited 5 s, then read "in use by another program". A reader shares the
    file: lists, shows and loads read it beside it at once; a change still waits, then is
    refused as in use, the file untouched."""
    holder = _holder(_HOLD_TO_READ, str(saved_file))
    try:
        before = sha256(saved_file)
        with ScenarioStore.open(saved_file, lock_wait_s=0.5) as store:
            listed = store.list()
            assert [s.name for s in listed] == ["s2", "s1", "s0"]
            assert store.load(listed[0].scenario_id).name == "s2"
            with pytest.raises(StorageUnavailableError) as refused:
                store.rename(listed[0].scenario_id, "renamed")
        assert f"in use by another program (PID {holder.pid})" in str(refused.value)
        assert sha256(saved_file) == before
    finally:
        holder.communicate("\n", timeout=20)
