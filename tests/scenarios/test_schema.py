"""The scenario database's schema: migrations frozen, the current tables in step with the loader."""

from __future__ import annotations

import ast
from pathlib import Path

import duckdb

from planner.core.loading import load_with_warnings
from planner.core.tables import COLUMNS
from planner.scenarios import schema
from planner.scenarios.scenario import new_scenario
from planner.scenarios.schema import INPUT_TABLES, MIGRATIONS, SCHEMA_VERSION
from planner.scenarios.storage import ScenarioStore
from planner.solving.solver import solve

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"

#: What migration 1 created when it was released, written down here once. A file
#: written by that release must open with every later Goal Planner, so these
#: tables and columns never change.
VERSION_1 = {
    "scenarios": [
        "scenario_id", "name", "note", "created_at", "parent_id", "settings_toml",
        "has_baseline", "baseline_max_changes", "status", "objective", "bound", "gap",
        "solve_seconds", "attainment_pct", "utilisation_pct", "num_assigned",
        "num_unassigned", "reasons",
    ],
    "scenario_teams": [
        "scenario_id", "row_no", "team_id", "name", "department", "capacity_hours", "skills",
        "stages", "max_projects",
    ],
    "scenario_projects": [
        "scenario_id", "row_no", "project_id", "name", "goal_id", "stage", "effort_hours",
        "value", "required_skills", "mandatory", "joint", "sales_share", "depends_on",
    ],
    "scenario_goals": [
        "scenario_id", "row_no", "goal_id", "name", "kpi", "target", "owner", "weight",
    ],
    "scenario_estimates": [
        "scenario_id", "row_no", "project_id", "team_id", "effort_hours", "value",
    ],
    "scenario_rules": ["scenario_id", "row_no", "project_id", "team_id", "rule"],
    "scenario_plan_rows": [
        "scenario_id", "row_no", "project_id", "team_id", "share", "effort_hours", "value",
        "pinned", "reason",
    ],
    "scenario_baseline": ["scenario_id", "row_no", "project_id", "team_id"],
    "planner_schema": ["version"],
}  # fmt: skip


def columns_of(connection: duckdb.DuckDBPyConnection) -> dict[str, list[str]]:
    """Each of the database's own tables and its columns, in order."""
    rows = connection.execute(
        "SELECT c.table_name, c.column_name FROM duckdb_columns() c "
        "JOIN duckdb_tables() t USING (database_name, schema_name, table_name) "
        "WHERE t.database_name = current_database() ORDER BY c.table_name, c.column_index"
    ).fetchall()
    out: dict[str, list[str]] = {}
    for table, column in rows:
        out.setdefault(table, []).append(column)
    return out


def tables_after(versions: range) -> dict[str, list[str]]:
    """Each table's columns in a new database after running these migrations."""
    connection = duckdb.connect(":memory:")
    for version in versions:
        for statement in MIGRATIONS[version]:
            connection.execute(statement)
    try:
        return columns_of(connection)
    finally:
        connection.close()


def test_migration_1_creates_exactly_what_it_created_when_released():
    """An old file is migrated by replaying history: version 1 must mean what it meant."""
    assert tables_after(range(1, 2)) == VERSION_1


def test_the_schema_reads_nothing_from_the_loader():
    """A column added to the loader must not silently change an old migration."""
    tree = ast.parse(Path(schema.__file__).read_text(encoding="utf-8"))
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            imported.add(node.module or "")
        elif isinstance(node, ast.Import):
            imported.update(alias.name for alias in node.names)
    assert {m for m in imported if m.startswith("planner")} == set()


def test_the_current_tables_store_every_column_the_loader_writes():
    """A loader column without a migration would be dropped on save: add both together."""
    tables = tables_after(range(1, SCHEMA_VERSION + 1))
    for file, (table, columns) in INPUT_TABLES.items():
        assert set(columns) == set(COLUMNS[file]), f"{file}: add a migration for the new columns"
        assert tables[table] == ["scenario_id", "row_no", *columns]


def test_every_older_file_migrates_to_the_current_schema(tmp_path):
    """A file from any earlier release opens and ends up with the same tables as a new one."""
    fresh = tables_after(range(1, SCHEMA_VERSION + 1))
    for version in range(1, SCHEMA_VERSION + 1):
        path = tmp_path / f"v{version}.duckdb"
        connection = duckdb.connect(str(path))
        for step in range(1, version + 1):
            for statement in MIGRATIONS[step]:
                connection.execute(statement)
        connection.execute("INSERT INTO planner_schema VALUES (?)", [version])
        connection.close()
        with ScenarioStore.open(path) as store:
            assert store.schema_version() == SCHEMA_VERSION
        connection = duckdb.connect(str(path))
        assert columns_of(connection) == fresh
        connection.close()


def test_a_file_from_the_first_release_saves_and_loads_value_ranges(tmp_path):
    """The bug frozen migrations prevent: a column added later must reach old files too.

    A version-1 file (no value ranges) is migrated on open; a scenario with
    ranges then saves into it and loads back equal.
    """
    path = tmp_path / "v1.duckdb"
    connection = duckdb.connect(str(path))
    for statement in MIGRATIONS[1]:
        connection.execute(statement)
    connection.execute("INSERT INTO planner_schema VALUES (1)")
    connection.close()
    problem = load_with_warnings(SAMPLE).problem
    assert any(p.value_low is not None for p in problem.projects)
    result = solve(problem)
    with ScenarioStore.open(path) as store:
        saved = store.save(new_scenario(problem, result, "with ranges"))
        assert store.load(saved.scenario_id).problem == problem


def test_a_scenario_saved_before_kept_what_ifs_were_recorded_reads_as_before(tmp_path):
    """Schema 6 records the tolerance of a what-if kept close to the current plan. A
    file of schema 5 opens, and its scenarios load with none: their words claim no
    cause for a plan short of the best, as they did."""
    path = tmp_path / "v5.duckdb"
    problem = load_with_warnings(SAMPLE).problem
    result = solve(problem)
    with ScenarioStore.open(path) as store:
        saved = store.save(new_scenario(problem, result, "before", kept_close=0.005))
    connection = duckdb.connect(str(path))
    connection.execute("ALTER TABLE scenarios DROP COLUMN kept_close")
    connection.execute("UPDATE planner_schema SET version = 5")
    connection.close()
    with ScenarioStore.open(path) as store:
        assert store.schema_version() == SCHEMA_VERSION
        loaded = store.load(saved.scenario_id)
        assert loaded.metrics.kept_close is None and loaded.plan == result.plan


def test_a_checkin_saved_before_end_weeks_reads_as_planned(tmp_path):
    """Schema 7 keeps the week a project in progress ends in (a check-in's end_week). A
    file of schema 6 opens, and its check-ins read as they were: every project in
    progress ends as its baseline has it (no end week)."""
    from decimal import Decimal

    from planner.scenarios.checkin import CheckIn, ProjectProgress, ProjectStatus

    path = tmp_path / "v6.duckdb"
    problem = load_with_warnings(SAMPLE).problem
    result = solve(problem)
    checkin = CheckIn(
        Decimal(6), projects={"QU-07": ProjectProgress(ProjectStatus.IN_PROGRESS, Decimal(50))}
    )
    with ScenarioStore.open(path) as store:
        saved = store.save(new_scenario(problem, result, "before", checkin=checkin))
    connection = duckdb.connect(str(path))
    connection.execute("ALTER TABLE scenario_checkin_projects DROP COLUMN end_week")
    connection.execute("UPDATE planner_schema SET version = 6")
    connection.close()
    with ScenarioStore.open(path) as store:
        assert store.schema_version() == SCHEMA_VERSION
        assert store.load(saved.scenario_id).checkin == checkin
        late = CheckIn(
            Decimal(6),
            projects={"QU-07": ProjectProgress(ProjectStatus.IN_PROGRESS, Decimal(50), 9)},
        )
        again = store.save(new_scenario(problem, result, "after", checkin=late))
        assert store.load(again.scenario_id).checkin == late


def test_a_what_if_saved_by_the_first_release_lists_the_utilisation_its_teams_add_up_to(
    tmp_path,
):
    """The first release (schema 1) stored a scenario's utilisation as its planned hours
    over the teams' own hours; since schema 2 it is over the capacity in force (SPEC: one
    truth for every number). A what-if at 80 % saved by it listed, showed and compared at
    74.1 % while its own team table read each team at 95-99 % of its hours. Opened now,
    the file's stored figures are the ones every page computes from its plan."""
    from dataclasses import replace

    from planner.scenarios.metrics import plan_metrics

    path = tmp_path / "v1.duckdb"
    sample = load_with_warnings(SAMPLE).problem
    settings = sample.settings
    problem = sample.replace(
        settings=settings.with_changes(
            capacity=replace(settings.capacity, max_utilization=0.8),
            solve=replace(settings.solve, time_limit_s=3.0),
        )
    )
    result = solve(problem)
    assert result.plan is not None
    own_hours = sum(team.capacity_hours for team in problem.teams)
    planned = sum(result.plan.team_load().values())
    first_release = float(100 * planned / own_hours)
    with ScenarioStore.open(path) as store:
        saved = store.save(new_scenario(problem, result, "Q3 at 80 %"))
    connection = duckdb.connect(str(path))  # as the first release left it
    connection.execute("UPDATE scenarios SET utilisation_pct = ?", [first_release])
    connection.execute("UPDATE planner_schema SET version = 1")
    connection.close()

    with ScenarioStore.open(path) as store:
        listed = store.summary(saved.scenario_id).metrics
        loaded = store.load(saved.scenario_id)
    figures = plan_metrics(loaded.problem, loaded.plan)
    assert abs(listed.utilisation_pct - first_release) > 10  # 74.1 % was not the figure
    assert listed.utilisation_pct == figures.utilisation_pct
    assert listed.attainment_pct == figures.attainment_pct
    assert (listed.num_assigned, listed.num_unassigned) == (
        figures.num_planned,
        figures.num_left_out,
    )
    with ScenarioStore.open(path) as store:  # opened again: nothing more to do
        assert store.summary(saved.scenario_id).metrics == listed


def test_a_first_release_file_whose_upgrade_failed_is_refigured_when_opened_again(
    tmp_path, monkeypatch
):
    """An old file's upgrade is all or nothing: migrations 2-10 and the schema-1 figures
    computed again are one transaction. When the last step failed (a full disk, a kill),
    steps 2-10 had been committed one by one, so the file read schema 10 when opened again
    and its first-release utilisation was never computed again: the what-if at 80 % kept
    listing the first release's figure, for good."""
    import pytest

    from planner.scenarios.database import StorageUnavailableError
    from planner.scenarios.metrics import plan_metrics

    path = tmp_path / "v1.duckdb"
    problem = load_with_warnings(SAMPLE).problem
    result = solve(problem)
    with ScenarioStore.open(path) as store:
        saved = store.save(new_scenario(problem, result, "Q3"))
    right = plan_metrics(problem, result.plan).utilisation_pct
    connection = duckdb.connect(str(path))  # as the first release left it
    connection.execute("UPDATE scenarios SET utilisation_pct = ?", [right - 20])
    connection.execute("UPDATE planner_schema SET version = 1")
    connection.close()

    def disk_full(self, cur, version):
        raise duckdb.IOException("No space left on device")

    with monkeypatch.context() as patched:
        patched.setattr(ScenarioStore, "_refigure", disk_full)
        with pytest.raises(StorageUnavailableError):
            ScenarioStore.open(path)
    connection = duckdb.connect(str(path))
    assert connection.execute("SELECT max(version) FROM planner_schema").fetchone() == (1,)
    connection.close()

    with ScenarioStore.open(path) as store:
        store_figure = store.summary(saved.scenario_id).metrics.utilisation_pct
    assert store_figure == right


def test_a_first_release_file_with_a_plan_row_its_inputs_lack_opens(tmp_path):
    """A first-release scenario whose plan names a project its inputs lack (a file edited by
    hand) is left as stored, as one whose inputs no longer validate is: the file opens and
    its other scenarios are computed again, where a KeyError came out of the upgrade."""
    from planner.scenarios.metrics import plan_metrics

    path = tmp_path / "v1.duckdb"
    problem = load_with_warnings(SAMPLE).problem
    result = solve(problem)
    with ScenarioStore.open(path) as store:
        broken = store.save(new_scenario(problem, result, "edited by hand"))
        kept = store.save(new_scenario(problem, result, "Q3"))
    right = plan_metrics(problem, result.plan).utilisation_pct
    connection = duckdb.connect(str(path))  # as the first release left it
    connection.execute("UPDATE scenarios SET utilisation_pct = ?", [right - 20])
    connection.execute(
        "UPDATE scenario_plan_rows SET project_id = 'NOPE' WHERE scenario_id = ? AND row_no = 0",
        [broken.scenario_id],
    )
    connection.execute("UPDATE planner_schema SET version = 1")
    connection.close()

    with ScenarioStore.open(path) as store:
        assert store.summary(kept.scenario_id).metrics.utilisation_pct == right
        assert store.summary(broken.scenario_id).metrics.utilisation_pct == right - 20
