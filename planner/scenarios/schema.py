"""The scenario database's schema: its tables, and the migrations that build them.

A migration takes the schema from the version before it to its own. Once
released it never changes: a file written by an older Goal Planner is
brought up to :data:`SCHEMA_VERSION` by running the migrations it has not
had yet, in order (:class:`planner.scenarios.storage.ScenarioStore` runs them).
"""

from __future__ import annotations

from functools import cache

import duckdb

#: The schema version this code writes; older files are migrated on open.
SCHEMA_VERSION = 16

#: The input tables as this version writes and reads them: data file -> (table,
#: the data folder's columns). Spelled out, never taken from the loader: when the
#: loader gains a column, add a migration below (``ALTER TABLE ... ADD COLUMN``,
#: with a default that reads as the column's default) and the column here.
#: ``tests/scenarios/test_schema.py`` fails until both are done.
INPUT_TABLES: dict[str, tuple[str, tuple[str, ...]]] = {
    "teams.csv": (
        "scenario_teams",
        ("team_id", "name", "department", "capacity_hours", "skills", "stages", "max_projects"),
    ),
    "projects.csv": (
        "scenario_projects",
        (
            "project_id",
            "name",
            "goal_id",
            "stage",
            "effort_hours",
            "value",
            "required_skills",
            "mandatory",
            "joint",
            "sales_share",
            "depends_on",
            "value_low",
            "value_high",
            "duration_weeks",
            "earliest_week",
            "due_week",
        ),
    ),
    "goals.csv": ("scenario_goals", ("goal_id", "name", "kpi", "target", "owner", "weight")),
    "estimates.csv": ("scenario_estimates", ("project_id", "team_id", "effort_hours", "value")),
    "rules.csv": ("scenario_rules", ("project_id", "team_id", "rule")),
    "calendar.csv": ("scenario_calendar", ("team_id", "week", "capacity_hours")),
}
PLAN_COLUMNS = (
    "project_id",
    "team_id",
    "share",
    "effort_hours",
    "value",
    "pinned",
    "reason",
    "start_week",
    "end_week",
)
#: A re-plan's baseline: each project's owners, whether the re-plan keeps it with them
#: because it is in progress (its own pin, not a leader's), and whether the leader let it
#: move ("May move", ``--unlock``; NULL in a re-plan saved before schema 13).
BASELINE_COLUMNS = ("project_id", "team_id", "in_progress", "unlocked")
#: A saved re-plan's check-in: one head row, then its projects, goals and teams.
CHECKIN_HEAD_COLUMNS = ("weeks_elapsed", "quarter_weeks", "note")
CHECKIN_TABLES: dict[str, tuple[str, ...]] = {
    "scenario_checkin_projects": ("project_id", "status", "percent_done", "end_week"),
    "scenario_checkin_goals": ("goal_id", "achieved", "recorded"),
    "scenario_checkin_hours": ("team_id", "hours_used"),
}
#: A saved re-plan's goals met by its check-in (the re-plan leaves them out): each as the
#: quarter has it, with its place among the quarter's goals, then the projects serving them.
MET_GOAL_TABLES: dict[str, tuple[str, ...]] = {
    "scenario_met_goals": ("goal_id", "name", "kpi", "target", "owner", "weight", "position"),
    "scenario_met_goal_projects": ("project_id", "goal_id"),
}
#: A saved re-plan's plan as the Check-in page exported it when it was saved
#: (rest-of-quarter.csv's rows): the weeks left, then each project of the plan checked in on
#: that the re-plan no longer holds (done, dropped, no longer fitting), and what the check-in
#: did to each (``at_checkin``). Its plan checked in on is not kept otherwise.
CHECKIN_PLAN_COLUMNS = (
    "project_id",
    "project_name",
    "goal_id",
    "stage",
    "team_id",
    "team_name",
    "department",
    "share",
    "effort_hours",
    "value",
    "status",
    "reason",
    "start_week",
    "end_week",
    "at_checkin",
)
#: A baseline's columns beside its owner's row (the unsaved work's, its current plan's):
#: whether there is one, its most changes, its projects under way and unlocked, and the
#: weeks its first plan tries.
BASELINE_HEAD_COLUMNS = (
    "has_baseline",
    "baseline_max_changes",
    "under_way",
    "unlocked",
    "start_projects",
    "start_weeks",
)
#: The session's inputs kept while they are not saved (one row: the latest applied change of
#: any session); their tables' rows are the scenarios' input tables' under
#: :data:`UNSAVED_WORK_ID`.
UNSAVED_WORK_COLUMNS = (
    "work_id",
    "kept_at",
    "source",
    "fingerprint",
    "tables_fingerprint",
    "settings_toml",
    *BASELINE_HEAD_COLUMNS,
    "basis_label",
    "basis_fingerprint",
    "kept_by",
)
#: The id the unsaved work's rows have in the input tables: no scenario's (they count up
#: from 1), so a scenario's delete or load never reaches them.
UNSAVED_WORK_ID = -1
#: The current plan the unsaved work was planned against: its inputs (unless they are the
#: work's tables), settings, baseline and how it was solved; its rows under
#: :data:`IN_FORCE_ID`.
IN_FORCE_COLUMNS = (
    "work_id",
    "fingerprint",
    "tables_fingerprint",
    "shares_tables",
    "plan_key",
    "settings_toml",
    *BASELINE_HEAD_COLUMNS,
    "status",
    "objective",
    "bound",
    "gap",
    "solve_seconds",
    "reasons",
    "kept_close",
)
IN_FORCE_ID = -2
CHILD_TABLES = (
    *(table for table, _ in INPUT_TABLES.values()),
    "scenario_plan_rows",
    "scenario_baseline",
    "scenario_checkins",
    *CHECKIN_TABLES,
    *MET_GOAL_TABLES,
    "scenario_checkin_plan_rows",
)

# Each migration takes the schema from the version before it to its own. Once
# released it never changes, so every statement is written out in full: nothing
# here is computed from other code, whose later changes would silently change
# what an old migration creates.
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
        """CREATE TABLE scenario_teams (
            scenario_id BIGINT NOT NULL,
            row_no INTEGER NOT NULL,
            "team_id" VARCHAR NOT NULL,
            "name" VARCHAR NOT NULL,
            "department" VARCHAR NOT NULL,
            "capacity_hours" VARCHAR NOT NULL,
            "skills" VARCHAR NOT NULL,
            "stages" VARCHAR NOT NULL,
            "max_projects" VARCHAR NOT NULL
        )""",
        """CREATE TABLE scenario_projects (
            scenario_id BIGINT NOT NULL,
            row_no INTEGER NOT NULL,
            "project_id" VARCHAR NOT NULL,
            "name" VARCHAR NOT NULL,
            "goal_id" VARCHAR NOT NULL,
            "stage" VARCHAR NOT NULL,
            "effort_hours" VARCHAR NOT NULL,
            "value" VARCHAR NOT NULL,
            "required_skills" VARCHAR NOT NULL,
            "mandatory" VARCHAR NOT NULL,
            "joint" VARCHAR NOT NULL,
            "sales_share" VARCHAR NOT NULL,
            "depends_on" VARCHAR NOT NULL
        )""",
        """CREATE TABLE scenario_goals (
            scenario_id BIGINT NOT NULL,
            row_no INTEGER NOT NULL,
            "goal_id" VARCHAR NOT NULL,
            "name" VARCHAR NOT NULL,
            "kpi" VARCHAR NOT NULL,
            "target" VARCHAR NOT NULL,
            "owner" VARCHAR NOT NULL,
            "weight" VARCHAR NOT NULL
        )""",
        """CREATE TABLE scenario_estimates (
            scenario_id BIGINT NOT NULL,
            row_no INTEGER NOT NULL,
            "project_id" VARCHAR NOT NULL,
            "team_id" VARCHAR NOT NULL,
            "effort_hours" VARCHAR NOT NULL,
            "value" VARCHAR NOT NULL
        )""",
        """CREATE TABLE scenario_rules (
            scenario_id BIGINT NOT NULL,
            row_no INTEGER NOT NULL,
            "project_id" VARCHAR NOT NULL,
            "team_id" VARCHAR NOT NULL,
            "rule" VARCHAR NOT NULL
        )""",
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
    # Each step below may find its tables and columns already there (a file written by
    # a build between releases): IF NOT EXISTS lets the step finish instead of refusing
    # the whole file.
    # projects.csv's value ranges (SPEC "Uncertain impact"). Rows saved before have
    # none: an empty cell, which reads as "certain". No NOT NULL: DuckDB 1.1 cannot
    # add a column with a constraint; the store always writes text here.
    2: (
        """ALTER TABLE scenario_projects ADD COLUMN IF NOT EXISTS "value_low" """
        """VARCHAR DEFAULT ''""",
        """ALTER TABLE scenario_projects ADD COLUMN IF NOT EXISTS "value_high" """
        """VARCHAR DEFAULT ''""",
    ),
    # The quarter's weeks: the projects' durations and windows, calendar.csv, and
    # when each planned project runs (NULL: a plan from before weeks, its whole window).
    3: (
        """ALTER TABLE scenario_projects ADD COLUMN IF NOT EXISTS "duration_weeks" """
        """VARCHAR DEFAULT ''""",
        """ALTER TABLE scenario_projects ADD COLUMN IF NOT EXISTS "earliest_week" """
        """VARCHAR DEFAULT ''""",
        """ALTER TABLE scenario_projects ADD COLUMN IF NOT EXISTS "due_week" """
        """VARCHAR DEFAULT ''""",
        """CREATE TABLE IF NOT EXISTS scenario_calendar (
            scenario_id BIGINT NOT NULL,
            row_no INTEGER NOT NULL,
            "team_id" VARCHAR NOT NULL,
            "week" VARCHAR NOT NULL,
            "capacity_hours" VARCHAR NOT NULL
        )""",
        "ALTER TABLE scenario_plan_rows ADD COLUMN IF NOT EXISTS start_week INTEGER",
        "ALTER TABLE scenario_plan_rows ADD COLUMN IF NOT EXISTS end_week INTEGER",
    ),
    # A check-in in tables of its own (it lived in the scenario's note as TOML, which a
    # note's 10,000 characters cannot hold for a large quarter). Notes written before
    # keep their TOML; the store still reads a check-in from such a note. Numbers are
    # exact decimal text, as everywhere.
    4: (
        """CREATE TABLE IF NOT EXISTS scenario_checkins (
            scenario_id BIGINT NOT NULL,
            weeks_elapsed VARCHAR NOT NULL,
            quarter_weeks VARCHAR NOT NULL,
            note VARCHAR NOT NULL
        )""",
        """CREATE TABLE IF NOT EXISTS scenario_checkin_projects (
            scenario_id BIGINT NOT NULL,
            row_no INTEGER NOT NULL,
            "project_id" VARCHAR NOT NULL,
            "status" VARCHAR NOT NULL,
            "percent_done" VARCHAR NOT NULL
        )""",
        """CREATE TABLE IF NOT EXISTS scenario_checkin_goals (
            scenario_id BIGINT NOT NULL,
            row_no INTEGER NOT NULL,
            "goal_id" VARCHAR NOT NULL,
            "achieved" VARCHAR NOT NULL
        )""",
        """CREATE TABLE IF NOT EXISTS scenario_checkin_hours (
            scenario_id BIGINT NOT NULL,
            row_no INTEGER NOT NULL,
            "team_id" VARCHAR NOT NULL,
            "hours_used" VARCHAR NOT NULL
        )""",
    ),
    # A re-plan keeps its projects in progress with their teams by pins of its own;
    # explanations call them in progress (the fix is to unlock them, not to unpin them).
    # Re-plans saved before read as before: every baseline project not in progress.
    5: (
        """ALTER TABLE scenario_baseline ADD COLUMN IF NOT EXISTS "in_progress" """
        "BOOLEAN DEFAULT false",
    ),
    # A what-if kept close to the current plan keeps the tolerance it was kept within,
    # so that loaded back it reads as kept close, not as stopped short of the best.
    # Scenarios saved before read as before: no tolerance (NULL).
    6: ("ALTER TABLE scenarios ADD COLUMN IF NOT EXISTS kept_close DOUBLE",),
    # A project in progress may end in another week than planned (a check-in's end_week).
    # Check-ins saved before read as before: each ends as its baseline has it (NULL).
    7: (
        """ALTER TABLE scenario_checkin_projects ADD COLUMN IF NOT EXISTS "end_week" """
        "INTEGER",
    ),
    # A count kept as pre-filled is stored as the plan's figure it stands for (7.7 new
    # customers), and beside it as written (8), which the check-in's file writes.
    # Check-ins saved before read as before: the figure alone (NULL).
    8: (
        """ALTER TABLE scenario_checkin_goals ADD COLUMN IF NOT EXISTS "recorded" """
        "VARCHAR",
    ),
    # The session's inputs while they are not saved, so that a reload of the tab or a
    # restart of the server offers them back. Their tables' rows go in the scenarios' input
    # tables and scenario_baseline under a work_id no scenario has (negative); this row
    # holds the rest: when, where the inputs came from, their fingerprints (a change of the
    # settings alone rewrites this row only), their settings and the re-plan's projects
    # under way, unlocked and the weeks its first plan tries.
    9: (
        """CREATE TABLE IF NOT EXISTS unsaved_work (
            work_id BIGINT PRIMARY KEY,
            kept_at TIMESTAMP NOT NULL,
            source VARCHAR NOT NULL,
            fingerprint VARCHAR NOT NULL,
            tables_fingerprint VARCHAR NOT NULL,
            settings_toml VARCHAR NOT NULL,
            has_baseline BOOLEAN NOT NULL,
            baseline_max_changes INTEGER,
            under_way VARCHAR[] NOT NULL,
            unlocked VARCHAR[] NOT NULL,
            start_projects VARCHAR[] NOT NULL,
            start_weeks INTEGER[] NOT NULL
        )""",
    ),
    # A goal met by a check-in leaves its re-plan, and the saved re-plan (the rest of the
    # quarter) lost it: its files read one goal fewer at the quarter's end than its own
    # figures counted. Each met goal as the quarter has it (its place among the quarter's
    # goals from 0) and the re-plan's projects that serve it. A check-in saved before reads
    # them from its parent, the plan it re-planned (met_goals.met_goals_kept), or, with that
    # parent deleted, names them as goals no saved scenario has any more.
    10: (
        """CREATE TABLE IF NOT EXISTS scenario_met_goals (
            scenario_id BIGINT NOT NULL,
            row_no INTEGER NOT NULL,
            "goal_id" VARCHAR NOT NULL,
            "name" VARCHAR NOT NULL,
            "kpi" VARCHAR NOT NULL,
            "target" VARCHAR NOT NULL,
            "owner" VARCHAR NOT NULL,
            "weight" VARCHAR NOT NULL,
            "position" INTEGER NOT NULL
        )""",
        """CREATE TABLE IF NOT EXISTS scenario_met_goal_projects (
            scenario_id BIGINT NOT NULL,
            row_no INTEGER NOT NULL,
            "project_id" VARCHAR NOT NULL,
            "goal_id" VARCHAR NOT NULL
        )""",
    ),
    # The current plan the unsaved work was re-planned against (a what-if or an edit kept
    # close to it, a plan the leader kept, a loaded scenario's own plan): without it a
    # restart's Restore planned the work from scratch, with other owners. Its tables' rows
    # go under work_id -2 (none when they are the work's own), with its plan's rows. And what
    # the work is built on (the basis line's "Built on the saved scenario #3 Q3"), by name
    # and fingerprint: restored, it read every difference from the data opened instead.
    11: (
        "ALTER TABLE unsaved_work ADD COLUMN IF NOT EXISTS basis_label VARCHAR",
        "ALTER TABLE unsaved_work ADD COLUMN IF NOT EXISTS basis_fingerprint VARCHAR",
        """CREATE TABLE IF NOT EXISTS unsaved_in_force (
            work_id BIGINT PRIMARY KEY,
            fingerprint VARCHAR NOT NULL,
            tables_fingerprint VARCHAR NOT NULL,
            shares_tables BOOLEAN NOT NULL,
            plan_key VARCHAR NOT NULL,
            settings_toml VARCHAR NOT NULL,
            has_baseline BOOLEAN NOT NULL,
            baseline_max_changes INTEGER,
            under_way VARCHAR[] NOT NULL,
            unlocked VARCHAR[] NOT NULL,
            start_projects VARCHAR[] NOT NULL,
            start_weeks INTEGER[] NOT NULL,
            status VARCHAR NOT NULL,
            objective DOUBLE,
            bound DOUBLE,
            gap DOUBLE,
            solve_seconds DOUBLE NOT NULL,
            reasons VARCHAR[] NOT NULL,
            kept_close DOUBLE
        )""",
    ),
    # Each scenario's copy key (planner.scenarios.row_conversion.copy_key: its inputs and
    # settings, plan and check-in, digested), so that "is this plan saved already?" is one
    # query: every saved scenario with as many projects planned was read back whole to
    # compare (1.4 s each at 150 teams). Scenarios saved before have none (NULL) and are
    # compared whole.
    12: ("ALTER TABLE scenarios ADD COLUMN IF NOT EXISTS copy_key VARCHAR",),
    # Each baseline project a check-in's re-plan let move ("May move", --unlock): it was read
    # back as every project in progress the re-plan did not pin, so a project the leader had
    # pinned read as let move, and the exported checkin.toml could not say which were.
    # Rows saved before read as before (NULL: worked out from the pins).
    13: ("""ALTER TABLE scenario_baseline ADD COLUMN IF NOT EXISTS "unlocked" BOOLEAN""",),
    # The browser the unsaved work was kept from (a random mark the app gives each browser,
    # kept in a cookie): any browser on the server is offered the work, and one that did not
    # make it read "Your unsaved work" of someone else's. Work kept before has none (NULL)
    # and reads as before.
    14: ("ALTER TABLE unsaved_work ADD COLUMN IF NOT EXISTS kept_by VARCHAR",),
    # A saved check-in's plan as the Check-in page exported it (rest-of-quarter.csv's rows):
    # its plan.csv and plan.xlsx had the weeks left only, no project done or dropped at the
    # check-in and no "At the check-in" column, the plan checked in on not being kept. Each
    # cell is the CSV's text. Check-ins saved before have none, and their files say so.
    15: (
        """CREATE TABLE IF NOT EXISTS scenario_checkin_plan_rows (
            scenario_id BIGINT NOT NULL,
            row_no INTEGER NOT NULL,
            "project_id" VARCHAR NOT NULL,
            "project_name" VARCHAR NOT NULL,
            "goal_id" VARCHAR NOT NULL,
            "stage" VARCHAR NOT NULL,
            "team_id" VARCHAR NOT NULL,
            "team_name" VARCHAR NOT NULL,
            "department" VARCHAR NOT NULL,
            "share" VARCHAR NOT NULL,
            "effort_hours" VARCHAR NOT NULL,
            "value" VARCHAR NOT NULL,
            "status" VARCHAR NOT NULL,
            "reason" VARCHAR NOT NULL,
            "start_week" VARCHAR NOT NULL,
            "end_week" VARCHAR NOT NULL,
            "at_checkin" VARCHAR NOT NULL
        )""",
    ),
    # A check-in's records not saved yet, one per plan checked in on (its baseline's choice
    # and inputs): a VP who typed ten rows and reloaded the tab found the plan's pre-fill
    # again. ``draft`` is the records as JSON text (planner.interfaces.checkin_draft).
    16: (
        """CREATE TABLE IF NOT EXISTS checkin_drafts (
            draft_key VARCHAR NOT NULL,
            kept_at TIMESTAMP NOT NULL,
            kept_by VARCHAR,
            draft VARCHAR NOT NULL
        )""",
    ),
}


@cache
def columns_at(version: int) -> frozenset[tuple[str, str]]:
    """Every (table, column) a file of schema ``version`` has: the migrations up to it, run
    on an empty database in memory (once per version and process)."""
    connection = duckdb.connect(":memory:")
    try:
        for step in range(1, version + 1):
            for statement in MIGRATIONS[step]:
                connection.execute(statement)
        rows = connection.execute(
            "SELECT table_name, column_name FROM duckdb_columns() "
            "WHERE database_name = current_database()"
        ).fetchall()
    finally:
        connection.close()
    return frozenset((str(table), str(column)) for table, column in rows)


def not_ours(found: set[tuple[str, str]], version: int) -> str | None:
    """What a file claiming schema ``version`` lacks of it (its ``found`` tables and
    columns), in words; None when it has every table and column of that version."""
    missing = sorted(columns_at(version) - found)
    if not missing:
        return None
    table, column = missing[0]
    if all(t != table for t, _ in found):
        return f"it has no table {table}"
    return f"its table {table} has no column {column}"
