"""Security: hostile names stay plain values, no file outside the user's choice is touched.

A scenario database may be shared by every leader of a company, and CSV
files travel by e-mail into spreadsheets. So a name is never SQL and never a
path, the database cannot reach any other file, uploads are capped, the
browser-facing server keeps its protections, and no exported cell runs as a
formula.
"""

from __future__ import annotations

import csv
import io
import json
import os
import tomllib
import zipfile
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest
from builders import VALUE_ONLY, problem, project, settings, team
from hypothesis import given
from hypothesis import strategies as st

from planner.core.domain import Problem
from planner.core.errors import InvalidInputError
from planner.core.loading import (
    MAX_FILE_BYTES,
    MAX_ZIP_BYTES,
    build_problem,
    folder_zip,
    load_with_warnings,
    read_csv_text,
    read_zip,
    write_folder,
)
from planner.core.plan_csv import COLUMNS, neutralise, read_plan_csv, restore, write_plan_csv
from planner.interfaces.cli import main
from planner.scenarios.scenario import new_scenario
from planner.scenarios.storage import CONNECTION_CONFIG, ScenarioNotFoundError, ScenarioStore
from planner.solving.solver import solve

ROOT = Path(__file__).resolve().parent.parent

HOSTILE_NAMES = [
    "../../etc/passwd",
    "../../../../tmp/escaped",
    "/etc/passwd",
    "..\\..\\windows\\win.ini",
    "'); DROP TABLE scenarios; --",
    "x'; DELETE FROM scenario_plan_rows; SELECT '",
    "Robert\"); COPY scenarios TO '/tmp/stolen.csv'; --",
    "tab\there, new\nline, cr\rend",
    "nul\x00inside",
    "escape \x1b[31mred\x1b[0m bell\x07 del\x7f",
    "bidi \u202eevil\u202c line\u2028sep",
    '=HYPERLINK("http://evil.example","click")',
    "@SUM(1+1)*cmd|' /C calc'!A0",
]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


@pytest.fixture
def small_folder(tmp_path) -> Path:
    """Two marketing teams, four projects: solved in milliseconds."""
    folder = tmp_path / "small"
    write_folder(
        problem(
            [team("m1", capacity=30), team("m2", capacity=20)],
            [project(f"p{i}", effort=5 + 3 * i, value=1 + i) for i in range(4)],
            settings=settings(VALUE_ONLY),
        ),
        folder,
    )
    return folder


def snapshot(root: Path) -> dict[str, tuple[int, int]]:
    """Every file under ``root`` with its size and modification time."""
    return {
        str(path.relative_to(root)): (path.stat().st_size, path.stat().st_mtime_ns)
        for path in root.rglob("*")
        if path.is_file()
    }


def cli(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# ---------------------------------------------------------------------------
# Scenario names are plain values
# ---------------------------------------------------------------------------


def test_hostile_names_are_stored_as_plain_values_and_export_stays_in_out_dir(
    tmp_path, monkeypatch, capsys, small_folder
):
    """Traversal, SQL and control characters in names: saved, found, exported only where asked."""
    db = tmp_path / "db" / "planner.duckdb"
    db.parent.mkdir()  # a database is made only in a folder that is there
    monkeypatch.setenv("PLANNER_DB", str(db))
    work = tmp_path / "work" / "deeper"
    work.mkdir(parents=True)
    monkeypatch.chdir(work)
    for i, name in enumerate(HOSTILE_NAMES):
        # Each with a time limit of its own: the same inputs and plan are saved once.
        limit = ["--time-limit", str(10 + i)]
        code, _, err = cli(capsys, "scenarios", "save", str(small_folder), "--name", name, *limit)
        assert code == 0, err

    exports = tmp_path / "exports"
    exports.mkdir()  # an output is made only in a folder that is there
    before = snapshot(tmp_path)
    for i, name in enumerate(HOSTILE_NAMES):
        out_dir = exports / f"out{i}"
        code, out, err = cli(capsys, "scenarios", "export", name, str(out_dir))
        assert code == 0, err
        # The terminal never gets raw control characters from a name.
        assert "\x1b" not in out and "\x00" not in out
        assert sorted(p.name for p in out_dir.iterdir()) == [
            "calendar.csv",
            "estimates.csv",
            "goals.csv",
            "plan.csv",
            "plan.xlsx",
            "projects.csv",
            "rules.csv",
            "scenario.json",
            "settings.toml",
            "teams.csv",
        ]
        assert json.loads((out_dir / "scenario.json").read_text("utf-8"))["name"] == name
    after = snapshot(tmp_path)
    changed = {path for path in after if before.get(path) != after[path]}
    changed |= set(before) - set(after)
    outside = {path for path in changed if not path.startswith("exports/")}
    # Only the database's own files may change (DuckDB rewrites them on close).
    assert {path for path in outside if not path.startswith("db/")} == set()
    assert not Path("/tmp/escaped").exists() and not Path("/tmp/stolen.csv").exists()

    with ScenarioStore.open(db) as store:
        listed = {s.name for s in store.list()}
        assert listed == set(HOSTILE_NAMES)
        for name in HOSTILE_NAMES:
            loaded = store.load(store.find(name).scenario_id)
            assert loaded.name == name and loaded.plan is not None
        # Nothing ran as SQL: every scenario still has its plan rows.
        with store._cursor() as cur:
            counts = cur.execute(
                "SELECT count(DISTINCT scenario_id) FROM scenario_plan_rows"
            ).fetchone()
        assert counts == (len(HOSTILE_NAMES),)


def test_names_are_never_part_of_the_sql_text(tmp_path, monkeypatch):
    """Every statement the store runs holds placeholders only, whatever the name (SPEC: SQL
    is always parameterised)."""
    statements: list[str] = []
    prob = problem([team("m1", capacity=20)], [project("p0", effort=5)])
    result = solve(prob)
    with ScenarioStore.open(tmp_path / "planner.duckdb") as store:
        original = duckdb.DuckDBPyConnection.execute

        def spy(self, query, parameters=None):
            statements.append(query)
            return original(self, query, parameters)

        monkeypatch.setattr(duckdb.DuckDBPyConnection, "execute", spy)
        for name in HOSTILE_NAMES:
            saved = store.save(new_scenario(prob, result, name, note=name))
            store.rename(saved.scenario_id, name + " (2)", note=name)
            store.find(name + " (2)")
            store.refuse_taken_name(name)  # free again: the look-up only
            store.load(saved.scenario_id)
        with pytest.raises(ScenarioNotFoundError):
            store.find("x' OR '1'='1")
    assert statements
    for name in HOSTILE_NAMES:
        fragments = [part for part in (name, name.strip(), name[:12]) if len(part) >= 6]
        for query in statements:
            assert not any(fragment in query for fragment in fragments), query


# ---------------------------------------------------------------------------
# The database reaches no other file
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT * FROM read_csv('/etc/passwd')",
        "SELECT * FROM read_text('/etc/passwd')",
        "SELECT * FROM glob('/etc/*')",
        "SELECT * FROM '/etc/passwd'",
        "ATTACH '/tmp/other.duckdb' AS other",
        "COPY (SELECT 1) TO '/tmp/goal-planner-leak.csv'",
        "EXPORT DATABASE '/tmp/goal-planner-leak'",
        "INSTALL httpfs",
        "LOAD httpfs",
        "SELECT * FROM read_parquet('https://example.com/x.parquet')",
    ],
)
def test_the_store_connection_refuses_external_files(tmp_path, sql):
    """Were SQL ever injected, it still could not read, write or fetch any other file."""
    with (
        ScenarioStore.open(tmp_path / "planner.duckdb") as store,
        store._cursor() as cur,
        pytest.raises(duckdb.Error),
    ):
        cur.execute(sql).fetchall()
    assert not Path("/tmp/other.duckdb").exists()
    assert not Path("/tmp/goal-planner-leak.csv").exists()
    assert not Path("/tmp/goal-planner-leak").exists()


def test_external_access_cannot_be_switched_back_on(tmp_path):
    """The setting is locked: injected SQL cannot undo the protection first."""
    assert CONNECTION_CONFIG["enable_external_access"] is False
    assert CONNECTION_CONFIG["lock_configuration"] is True
    with ScenarioStore.open(tmp_path / "planner.duckdb") as store:
        assert store.setting("enable_external_access") == "false"
        with store._cursor() as cur, pytest.raises(duckdb.Error, match="locked"):
            cur.execute("SET enable_external_access = true")
        with store._cursor() as cur, pytest.raises(duckdb.Error, match="locked"):
            cur.execute("RESET enable_external_access")
        assert store.setting("enable_external_access") == "false"


# ---------------------------------------------------------------------------
# Uploads are capped
# ---------------------------------------------------------------------------


def test_a_csv_upload_over_the_cap_is_refused_with_a_clear_message():
    """A 20 MB+ file is refused before it is parsed, saying how big it is and what to do."""
    data = b"team_id,name,department,capacity_hours\n" + b"x" * MAX_FILE_BYTES
    with pytest.raises(InvalidInputError) as raised:
        read_csv_text(data, "teams.csv")
    [issue] = raised.value.errors
    assert issue.file == "teams.csv"
    assert f"{len(data):,} bytes" in issue.message and "at most" in issue.message
    assert issue.fix


def test_a_zip_upload_over_the_cap_is_refused_with_a_clear_message():
    """A zip bigger than a whole data folder can be is refused before it is unpacked."""
    with pytest.raises(InvalidInputError) as raised:
        read_zip(b"PK\x03\x04" + b"\0" * MAX_ZIP_BYTES)
    assert any("at most" in issue.message for issue in raised.value.errors)


def test_a_zip_bomb_is_refused_without_unpacking_it():
    """A small zip that unpacks to gigabytes must not take the server's memory."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("teams.csv", b"team_id\n" + b"a" * (MAX_FILE_BYTES + 1024))
    assert len(buffer.getvalue()) < MAX_FILE_BYTES // 100
    with pytest.raises(InvalidInputError) as raised:
        read_zip(buffer.getvalue())
    assert any(issue.file.endswith("teams.csv") for issue in raised.value.errors)


def test_the_servers_upload_cap_is_within_the_loaders():
    """Streamlit refuses bigger uploads in the browser; what it accepts, the loader can read."""
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text("utf-8"))
    max_upload_mb = config["server"]["maxUploadSize"]
    assert 1 <= max_upload_mb * 1024 * 1024 <= MAX_FILE_BYTES


# ---------------------------------------------------------------------------
# The server's protections stay on
# ---------------------------------------------------------------------------


def test_streamlit_keeps_xsrf_and_cors_protection_and_hides_tracebacks(monkeypatch):
    """Read the settings the way `streamlit run` does, from the app's folder."""
    from streamlit import config

    monkeypatch.chdir(ROOT)
    config.get_config_options(force_reparse=True)
    try:
        assert config.get_option("server.enableXsrfProtection") is True
        assert config.get_option("server.enableCORS") is True
        assert config.get_option("client.showErrorDetails") == "none"
        assert config.get_option("server.maxUploadSize") <= MAX_FILE_BYTES / 1024 / 1024
        assert config.get_option("browser.gatherUsageStats") is False
        # No sign-in: `make run` answers this machine only, not every network it is on.
        assert config.get_option("server.address") == "localhost"
        # And the values come from the app's own file, not from defaults that may change.
        written = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text("utf-8"))
        assert written["server"]["enableXsrfProtection"] is True
        assert written["server"]["enableCORS"] is True
        assert written["client"]["showErrorDetails"] == "none"
        assert written["server"]["address"] == "localhost"
    finally:
        config.get_config_options(force_reparse=True)


def test_make_run_serves_the_app_without_asking_for_an_email_first(monkeypatch):
    """`make run` is not headless: Streamlit's first-run email prompt would wait in the terminal."""
    from streamlit import config

    monkeypatch.chdir(ROOT)
    config.get_config_options(force_reparse=True)
    try:
        assert config.get_option("server.showEmailPrompt") is False
    finally:
        config.get_config_options(force_reparse=True)


# ---------------------------------------------------------------------------
# Exported cells never run as formulas
# ---------------------------------------------------------------------------


@given(st.text(max_size=30))
def test_neutralised_text_never_starts_like_a_formula(text):
    """Whatever the text, the cell a spreadsheet sees is inert, and reading it back restores it."""
    cell = neutralise(text)
    assert not cell.startswith(FORMULA_STARTS)
    assert restore(cell) == text


def hostile_problem(carriage_return: bool = False) -> Problem:
    """Names and ids a spreadsheet would run: every formula start in a text column."""
    cr_name = "Brand\rTeam" if carriage_return else "\tcarriage"
    teams = [
        team("=cmd|' /C calc'!A0", department="marketing", capacity=50, name="+SUM(1)"),
        team("@team", department="marketing", capacity=40, name="-1+2"),
        team("sales-1", department="sales", capacity=40, name=cr_name),
    ]
    projects = [
        project('=HYPERLINK("http://evil")', name="@name", effort=10, value=3),
        project("-minus", name="=1+1", effort=12, value="4.125"),
        project("+plus", name="\nnew line", effort=8, value=2, stage="closing"),
        project("'=already quoted", name="'+quoted", effort=9, value=1),
        project("plain", name="plain name", effort=500, value=9),
    ]
    return problem(teams, projects, settings=settings(VALUE_ONLY))


def assert_plan_csv_is_inert_and_exact(prob: Problem, path: Path) -> None:
    result = solve(prob)
    assert result.plan is not None and result.plan.assignments and result.plan.unassigned
    write_plan_csv(prob, result.plan, path)
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == list(COLUMNS)
    assert len(rows) == len(result.plan.assignments) + len(result.plan.unassigned)
    for row in rows:
        for column, cell in row.items():
            if column in ("share", "effort_hours", "value"):
                Decimal(cell)  # numbers stay numbers
            else:
                assert not cell.startswith(FORMULA_STARTS), (column, cell)
    assert read_plan_csv(path.read_bytes().decode("utf-8")) == result.plan


def test_plan_csv_neutralises_every_text_cell_and_reads_back_exactly(tmp_path):
    """Ids and names starting with =, +, -, @, tab or LF: inert in plan.csv, exact on reading."""
    assert_plan_csv_is_inert_and_exact(hostile_problem(), tmp_path / "plan.csv")


def test_plan_csv_keeps_a_name_with_a_carriage_return(tmp_path):
    """A CR inside a name (the loader keeps it, quoted) must not break plan.csv."""
    assert_plan_csv_is_inert_and_exact(hostile_problem(carriage_return=True), tmp_path / "p.csv")


def test_inputs_zip_round_trips_formula_like_names_exactly():
    """The data folder zip is the input contract, read back cell for cell (docs/reliability.md
    says why it is not neutralised like plan.csv)."""
    # No tab, CR or LF: the loader refuses them in a name (they split its line).
    prob = problem(
        [
            team("=cmd|' /C calc'!A0", capacity=50, name="+SUM(1)"),
            team("@team", capacity=40, name='-1+2 with quotes " and, commas'),
        ],
        [
            project('=HYPERLINK("http://evil")', name="@name", effort=10, value=3),
            project("-minus", name="=1+1", effort=12, value="4.125"),
            project("'=already quoted", name="'+quoted", effort=9, value=1),
        ],
        settings=settings(VALUE_ONLY),
    )
    data = folder_zip(prob)
    back = build_problem(read_zip(data)).problem
    assert back == prob
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        teams_csv = archive.read("teams.csv").decode("utf-8")
    # Written exactly as the leader typed it: this file is data for Goal Planner, not a report.
    assert "=cmd|' /C calc'!A0" in teams_csv


def test_an_exported_scenario_folder_loads_back_equal(tmp_path, monkeypatch, capsys, small_folder):
    """`planner scenarios export` writes a folder that loads back to the saved inputs."""
    monkeypatch.setenv("PLANNER_DB", str(tmp_path / "planner.duckdb"))
    name = HOSTILE_NAMES[0]
    assert cli(capsys, "scenarios", "save", str(small_folder), "--name", name)[0] == 0
    out_dir = tmp_path / "out"
    assert cli(capsys, "scenarios", "export", name, str(out_dir))[0] == 0
    assert load_with_warnings(out_dir).problem == load_with_warnings(small_folder).problem
    assert os.listdir(tmp_path / "out")
