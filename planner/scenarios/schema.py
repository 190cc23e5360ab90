"""The scenario database's schema: its tables, and the migrations that build them.

A migration takes the schema from the version before it to its own. Once
released it never changes: a file written by an older Goal Planner is
brought up to :data:`SCHEMA_VERSION` by running the migrations it has not
had yet, in order (:class:`planner.scenarios.storage.ScenarioStore` runs them).
"""

from __future__ import annotations

from collections.abc import Sequence

from planner.core.loading import COLUMNS, ESTIMATES, GOALS, PROJECTS, RULES, TEAMS

#: The schema version this code writes; older files are migrated on open.
SCHEMA_VERSION = 1

# Input tables: data file -> (table, the data folder's columns). The columns
# come from the loader's contract; adding one there needs a schema migration here.
INPUT_TABLES: dict[str, tuple[str, tuple[str, ...]]] = {
    file: (f"scenario_{file.removesuffix('.csv')}", COLUMNS[file])
    for file in (TEAMS, PROJECTS, GOALS, ESTIMATES, RULES)
}
PLAN_COLUMNS = ("project_id", "team_id", "share", "effort_hours", "value", "pinned", "reason")
BASELINE_COLUMNS = ("project_id", "team_id")
CHILD_TABLES = (
    *(table for table, _ in INPUT_TABLES.values()),
    "scenario_plan_rows",
    "scenario_baseline",
)


def _input_table_sql(table: str, columns: Sequence[str]) -> str:
    cells = ",\n".join(f'    "{c}" VARCHAR NOT NULL' for c in columns)
    return (
        f"CREATE TABLE {table} (\n    scenario_id BIGINT NOT NULL,\n"
        f"    row_no INTEGER NOT NULL,\n{cells}\n)"
    )


# Each migration takes the schema from the version before it to its own;
# a migration, once released, never changes (the column lists are spelled
# out here, not taken from ``planner.core.loading``).
MIGRATIONS: dict[int, tuple[str, ...]] = {
    1: (
        "CREATE TABLE planner_schema (version INTEGER NOT NULL)",
        "CREATE SEQUENCE scenario_ids START 1",
        """CREATE TABLE scenarios (
            scenario_id BIGINT PRIMARY KEY,
            name VARCHAR NOT NULL UNIQUE,
            note VARCHAR NOT NULL,
            created_at TIMESTAMP NOT NULL,
            parent_id BIGINT,
            settings_toml VARCHAR NOT NULL,
            has_baseline BOOLEAN NOT NULL,
            baseline_max_changes INTEGER,
            status VARCHAR NOT NULL,
            objective DOUBLE,
            bound DOUBLE,
            gap DOUBLE,
            solve_seconds DOUBLE NOT NULL,
            attainment_pct DOUBLE,
            utilisation_pct DOUBLE,
            num_assigned INTEGER,
            num_unassigned INTEGER,
            reasons VARCHAR[] NOT NULL
        )""",
        *(_input_table_sql(table, columns) for table, columns in INPUT_TABLES.values()),
        """CREATE TABLE scenario_plan_rows (
            scenario_id BIGINT NOT NULL,
            row_no INTEGER NOT NULL,
            project_id VARCHAR NOT NULL,
            team_id VARCHAR,
            share VARCHAR NOT NULL,
            effort_hours VARCHAR NOT NULL,
            value VARCHAR NOT NULL,
            pinned BOOLEAN NOT NULL,
            reason VARCHAR
        )""",
        """CREATE TABLE scenario_baseline (
            scenario_id BIGINT NOT NULL,
            row_no INTEGER NOT NULL,
            project_id VARCHAR NOT NULL,
            team_id VARCHAR NOT NULL
        )""",
    ),
}
