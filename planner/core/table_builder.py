"""Step 4 of loading: raw tables checked cell by cell and built into domain objects.

:class:`TableBuilder` holds one method per file (goals here; teams in
:mod:`planner.core.team_inputs`, projects in :mod:`planner.core.project_inputs`,
estimates and rules in :mod:`planner.core.decision_inputs`, the week columns in
:mod:`planner.core.week_inputs` and calendar.csv in :mod:`planner.core.calendar_inputs`)
and one per cross-file rule.
Each appends its problems, located by file, row and column with the fix, and
none stops at the first. :mod:`planner.core.loading` reads the files and the
settings and runs it; :class:`~planner.core.builder.ProblemBuilder` is the
code API on top of both.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import replace
from decimal import Decimal
from fractions import Fraction
from functools import partial
from typing import TypeVar

from planner.core.calendar_inputs import CalendarInputs
from planner.core.cells import (
    FILE_WORDS,
    TARGET,
    WEIGHT,
    MessageWords,
    Row,
    Table,
    clipped,
)
from planner.core.column_names import unknown_columns
from planner.core.decision_inputs import DecisionInputs
from planner.core.domain import (
    GOAL_OWNERS,
    Estimate,
    Goal,
    Problem,
    Project,
    Team,
)
from planner.core.effort_checks import (
    PAST_EVERY_TEAM_BY_ROW,
    mandatory_without_weeks,
    multiplier_entry,
    no_weeks_words,
    past_every_team_beyond_rows,
    past_every_team_words,
    pinned_teams,
    projects_past_every_team,
    stored_as_date,
    team_quarter_hours,
)
from planner.core.errors import InputIssue, Severity
from planner.core.id_references import Ids, MissingIds
from planner.core.pairs import may_take
from planner.core.placeholder_ids import without_placeholder_ids
from planner.core.project_inputs import ProjectInputs
from planner.core.row_inputs import Names
from planner.core.score_checks import (
    UNSERVED_BY_ROW,
    goals_no_project_moves,
    goals_no_project_serves,
    targets_out_of_scale,
    unmoved_goal_words,
    unserved_goal_words,
    unserved_goals_beyond_rows,
)
from planner.core.settings import Settings
from planner.core.shared_words import plural
from planner.core.shown_figures import hours as hours_text
from planner.core.tables import (
    CALENDAR,
    COLUMNS,
    ESTIMATES,
    GOALS,
    PROJECTS,
    REQUIRED_COLUMNS,
    REQUIRED_FILES,
    RULES,
    TEAMS,
    issue,
    title_above_header,
)
from planner.core.team_inputs import TeamInputs
from planner.core.week_inputs import NO_PLAN, NO_PLAN_IF_MANDATORY
from planner.core.writing import plain

_T = TypeVar("_T")

#: The id column of each file that other files refer into.
_ID_COLUMNS = {TEAMS: "team_id", PROJECTS: "project_id", GOALS: "goal_id"}


class TableBuilder(TeamInputs, ProjectInputs, CalendarInputs, DecisionInputs):
    """Checks every table against the contract and builds the domain objects.

    One method per file, then one per cross-file rule; each appends to
    ``issues`` and none stops at the first problem.
    """

    def __init__(
        self,
        settings: Settings,
        stages_known: bool,
        unreadable: Iterable[str],
        words: MessageWords = FILE_WORDS,
        *,
        stored: bool = False,
    ) -> None:
        self.settings = settings
        #: A saved scenario's tables: a repeated name, refused since, is warned (it loads).
        self.stored = stored
        #: How messages name files and columns (:class:`~planner.core.cells.MessageWords`).
        self.words = words
        self.stages_known = stages_known
        self.unreadable = frozenset(unreadable)
        self.issues: list[InputIssue] = []
        #: A project id renamed in projects.csv only: the old id -> the new (Ids.renamed).
        self.renamed_projects: Mapping[str, str] = {}
        order = settings.stages.order
        self.stage_names = {s.lower(): s for s in reversed(order)} | {s: s for s in order}
        # What later checks need to know of rows, even of rows with other errors.
        self.team_department: dict[str, str] = {}
        self.team_row: dict[str, int] = {}
        self.team_capacity: dict[str, Decimal] = {}
        self.project_joint: dict[str, bool] = {}
        self.project_stage: dict[str, str] = {}
        #: Projects of value 0 with a range of impact: a team's value has no ratio to scale it.
        self.project_zero_range: dict[str, Decimal] = {}
        self.goals_present = False
        self.goal_row: dict[str, Row] = {}
        self.project_row: dict[str, Row] = {}
        self.estimate_row: dict[tuple[str, str], Row] = {}
        #: Files whose id column is missing: references into them are held back, counted.
        self.missing_ids: dict[str, MissingIds] = {}
        #: Each team id teams.csv writes and its name (the id where none), for the settings'
        #: multipliers to be checked when the data has other problems; None when unknown.
        self.teams_written: list[tuple[str, str]] | None = None
        #: (file, id column) -> casefolded id -> the first id written so and its row.
        self.ids_by_case: dict[tuple[str, str], dict[str, tuple[str, int]]] = {}
        #: The same for ids read alike (:func:`read_alike_key`): 'ѕdr' and 'sdr.' for 'sdr'.
        self.ids_read_alike: dict[tuple[str, str], dict[str, tuple[str, int]]] = {}
        #: Each skill's first spelling in the data, teams.csv's first (Problem.skill_names).
        self.skill_names: dict[str, str] = {}

    def build(self, tables: Mapping[str, Table]) -> Problem | None:
        self._say_missing_files(tables)
        for table in tables.values():
            self._check_columns(table)
        # 'TBD' in an id cell: no id yet, not read as one (a scenario saved before, as it was).
        placeholders: set[tuple[str, int, str]] = set()
        if not self.stored:
            tables, placeholders = without_placeholder_ids(tables, self.issues)
        self.goals_present = GOALS in tables
        team_ids = self._ids(tables, TEAMS, "team_id")
        if team_ids is not None and not isinstance(team_ids, MissingIds):
            table = tables[TEAMS]
            self.teams_written = [
                (cells["team_id"], cells.get("name") or cells["team_id"])
                for _, cells in table.rows
                if cells.get("team_id")
            ]
        project_ids = self._ids(tables, PROJECTS, "project_id")
        goal_ids = self._ids(tables, GOALS, "goal_id")
        # An id renamed in its own file only is asked about where it is still written.
        self._referred(tables, team_ids, (ESTIMATES, RULES, CALENDAR), "team_id")
        self._referred(tables, goal_ids, (PROJECTS,), "goal_id")
        self._referred_projects(tables, project_ids)

        teams = self._teams(tables.get(TEAMS))
        goals = self._goals(tables.get(GOALS))
        projects = self._projects(tables.get(PROJECTS), goal_ids)
        estimates = self._estimates(tables.get(ESTIMATES), project_ids, team_ids)
        rules = self._rules(tables.get(RULES), project_ids, team_ids)
        calendar = self._calendar(tables.get(CALENDAR), team_ids)
        for scaled in targets_out_of_scale(goals, projects, estimates):
            rows = self.project_row if scaled.column == "value" else self.goal_row
            rows[scaled.row_id].warn(scaled.column, scaled.message, scaled.fix)
        self._say_unserved_goals(goals, projects, estimates)
        self._say_skills_no_team_has(teams, projects)
        self._say_held_back()
        self._drop_placeholders_empty(placeholders)
        if any(i.severity is Severity.ERROR for i in self.issues):
            return None
        problem = Problem(
            teams=tuple(teams),
            projects=tuple(projects),
            goals=tuple(goals),
            estimates=tuple(estimates),
            rules=tuple(rules),
            settings=self.settings,
            calendar=tuple(calendar),
            skill_names={k: v for k, v in self.skill_names.items() if v != k},
        )
        self._say_efforts_past_every_team(problem)
        return problem

    def _say_missing_files(self, tables: Mapping[str, Table]) -> None:
        """Each required file that is not there (and was not said unreadable), with its
        columns."""
        for file in REQUIRED_FILES:
            if file not in tables and file not in self.unreadable:
                self.issues.append(
                    issue(
                        file,
                        None,
                        None,
                        f"{file} is missing.",
                        f"Add {file} with the columns {', '.join(COLUMNS[file])}.",
                    )
                )

    def _drop_placeholders_empty(self, placeholders: set[tuple[str, int, str]]) -> None:
        """Drop the "is empty" problem of each id cell that held a placeholder ('TBD'),
        which is said as the placeholder it is."""
        # In place: every Row holds this list, and the warnings said after the build (an
        # effort past every team's hours) go to it; a new list lost them all.
        self.issues[:] = [
            i
            for i in self.issues
            if not ((i.file, i.row, i.column) in placeholders and i.message.endswith(" is empty."))
        ]

    def _say_efforts_past_every_team(self, problem: Problem) -> None:
        """A project whose hours are more than any team that may take it has in the
        quarter, warned of on its effort_hours: no team can take it (the rule is
        :func:`~planner.core.effort_checks.projects_past_every_team`'s). An estimate past
        its own team is said on its row first."""
        if not problem.teams:
            return
        hours, pinned = team_quarter_hours(problem), pinned_teams(problem)
        past = projects_past_every_team(problem, hours, pinned)
        self._say_estimates_past_their_team(problem, hours, pinned)
        for one in past[:PAST_EVERY_TEAM_BY_ROW]:
            self.project_row[one.project.project_id].warn(
                "effort_hours", *past_every_team_words(one)
            )
        # Said once: past every team's quarter, or its prerequisites ending too late.
        no_plan = {i.row for i in self.issues if i.file == PROJECTS and NO_PLAN in i.message}
        said = {p.project.project_id for p in past} | {
            project_id for project_id, row in self.project_row.items() if row.number in no_plan
        }
        short = mandatory_without_weeks(problem, said)
        for one_short in short[:PAST_EVERY_TEAM_BY_ROW]:
            self.project_row[one_short.project.project_id].warn(
                "mandatory", *no_weeks_words(problem, one_short)
            )
        if len(past) > PAST_EVERY_TEAM_BY_ROW:
            beyond = len(past) - PAST_EVERY_TEAM_BY_ROW
            scaled = any(m < 1 for m in problem.settings.capacity.multipliers.values())
            self.issues.append(past_every_team_beyond_rows(beyond, scaled))

    def _say_estimates_past_their_team(
        self, problem: Problem, hours: Mapping[str, Fraction], pinned: Mapping[str, list[str]]
    ) -> None:
        """An estimate whose hours are more than its team has in the quarter, warned of on its
        effort_hours: the team can never take the project. 45658 hours (1 January 2025 as a
        spreadsheet stores it) validated, as the project it estimates is left to its
        estimates by :meth:`_say_efforts_past_every_team`. Only a team that may otherwise
        take the project (its stage, skills and rules) is said."""
        said = 0
        for estimate in problem.estimates:
            if estimate.effort_hours is None or said == PAST_EVERY_TEAM_BY_ROW:
                continue
            # An estimate of a project or team not read (a projects.csv refused whole) is
            # refused on its own row: a KeyError here was a traceback.
            if (
                estimate.project_id not in problem.project_index
                or estimate.team_id not in problem.team_index
            ):
                continue
            project, team = problem.project(estimate.project_id), problem.team(estimate.team_id)
            need = estimate.effort_hours * project.share(team.department)
            rules = pinned.get(project.project_id, ())
            if need <= hours[team.team_id] or not may_take(problem, project, team, rules):
                continue
            said += 1
            joint = f" ({plain(need)} h its share as a joint project)" if project.joint else ""
            entry = multiplier_entry(problem, team)
            scaled = f" under {entry} in [capacity.multipliers]" if entry else ""
            self.estimate_row[(project.project_id, team.team_id)].warn(
                "effort_hours",
                f"{plain(estimate.effort_hours)} hours{joint} is more than "
                f"{clipped(team.name)} has in the quarter ({hours_text(hours[team.team_id])}"
                f"{scaled}), so this estimate keeps it off the project."
                f"{stored_as_date(estimate.effort_hours)}",
                "Write the hours the team's estimate takes (format the column as numbers), "
                "or delete the row to use the project's effort_hours.",
            )

    def _say_unserved_goals(
        self, goals: list[Goal], projects: list[Project], estimates: list[Estimate]
    ) -> None:
        """A goal no project serves, or none moves (each worth 0 to it), warned of on its
        row (a projects.csv with errors may have lost the rows that serve it: said once
        those are fixed)."""
        if PROJECTS in self.unreadable or any(i.severity is Severity.ERROR for i in self.issues):
            return
        unserved = goals_no_project_serves(goals, projects)
        for goal in unserved[:UNSERVED_BY_ROW]:
            self.goal_row[goal.goal_id].warn("goal_id", *unserved_goal_words(goal))
        if unserved[UNSERVED_BY_ROW:]:
            self.issues.append(unserved_goals_beyond_rows(unserved[UNSERVED_BY_ROW:]))
        unmoved = goals_no_project_moves(goals, projects, estimates)
        for goal, project_ids in unmoved[:UNSERVED_BY_ROW]:
            self.goal_row[goal.goal_id].warn("goal_id", *unmoved_goal_words(goal, project_ids))

    def _say_skills_no_team_has(self, teams: list[Team], projects: list[Project]) -> None:
        """A project needing a skill (or a level of it) no team has, warned of on its row:
        no team may ever take it, and a skill name typed otherwise ('SEOO') read as valid.
        Said once teams.csv and projects.csv are read whole (a teams file that could not be
        read has no skills to compare with)."""
        unread = {TEAMS, PROJECTS} & set(self.unreadable)
        if not teams or unread or any(i.severity is Severity.ERROR for i in self.issues):
            return
        best: dict[str, int] = {}
        for team in teams:
            for skill, level in team.skills.items():
                best[skill] = max(best.get(skill, 0), level)
        known = sorted(self.skill_names.get(skill, skill) for skill in best)
        for project in projects:
            short = [(s, n) for s, n in project.required_skills.items() if best.get(s, 0) < n]
            if not short:
                continue
            skill, level = short[0]
            name = self.skill_names.get(skill, skill)
            whole = NO_PLAN_IF_MANDATORY if project.mandatory else ""
            others = f" (and {len(short) - 1} more of its skills)" if len(short) > 1 else ""
            has = (
                f"no team has the skill '{clipped(name)}'"
                if skill not in best
                else f"no team has '{clipped(name)}' at level {level} (the most is {best[skill]})"
            )
            near = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
            self.project_row[project.project_id].warn(
                "required_skills",
                f"{has}{others}, so this project cannot be assigned{whole}.",
                (f"Did you mean '{near[0]}'? " if near and skill not in best else "")
                + "Give the skill to a team in teams.csv, or lower what the project asks.",
            )

    # -- structure --------------------------------------------------------

    def _check_columns(self, table: Table) -> None:
        known = COLUMNS[table.file]
        missing = [c for c in REQUIRED_COLUMNS[table.file] if c not in table.columns]
        below = {v.strip().lower() for v in table.rows[0][1].values()} if table.rows else set()
        if len(missing) == len(REQUIRED_COLUMNS[table.file]) and below & set(missing):
            at = table.rows[0][0]  # empty rows between are not rows of the table
            self.issues.append(issue(table.file, 1, None, *title_above_header(at)))
            return
        for column in missing:
            self.issues.append(
                issue(
                    table.file,
                    1,
                    column,
                    f"the required column '{column}' is missing.",
                    f"Add a {column} column to the header row (columns: {', '.join(known)}).",
                )
            )
        self.issues += unknown_columns(table.file, table.columns, known)
        # A saved check-in at the quarter's end keeps no project to re-plan (every one done,
        # or no week left to run in): its scenario read back "there are no projects", and
        # neither the Scenarios page nor `planner scenarios show` could open it.
        quarter_ended = self.stored and table.file != TEAMS
        if not table.rows and table.file in REQUIRED_FILES and not quarter_ended:
            what = "teams" if table.file == TEAMS else "projects"
            self.issues.append(
                issue(
                    table.file,
                    None,
                    None,
                    f"there are no {what}: the file has no data rows.",
                    f"Add one row per {what[:-1]} below the header.",
                )
            )

    def _say_held_back(self) -> None:
        """The missing id column says how many references into its file were held back."""
        for file, ids in self.missing_ids.items():
            if not ids.held:
                continue
            column = _ID_COLUMNS[file]
            # The missing column's problem, or the header's own when a title sits above it
            # (a workbook's sheet: no column is named missing then).
            header = [k for k, i in enumerate(self.issues) if i.file == file and i.row == 1]
            named = [k for k in header if self.issues[k].column == column]
            untold = [k for k in header if self.issues[k].column is None]
            # The file's own "there are no teams" (no row: it is about the whole file).
            untold += [
                k
                for k, i in enumerate(self.issues)
                if i.file == file and i.row is None and i.column is None
            ]
            if not named + untold:
                continue
            at = (named + untold)[0]
            said = self.issues[at]
            what = file.removesuffix(".csv")
            once = "it is there" if said.row is not None else f"it has {what}"
            held = (
                f" {plural(ids.held, 'reference')} to {what} elsewhere in the data "
                f"{'is' if ids.held == 1 else 'are'} held back: checked once {once}."
            )
            self.issues[at] = replace(said, message=said.message + held)

    def _ids(self, tables: Mapping[str, Table], file: str, column: str) -> Ids | None:
        """Every id written in a file, or None when references into it can't be checked."""
        if file in self.unreadable or (file in REQUIRED_FILES and file not in tables):
            return None
        table = tables.get(file)
        if table is None:
            return Ids()
        if column not in table.columns:
            return self.missing_ids.setdefault(file, MissingIds())
        if not table.rows and file in REQUIRED_FILES and not self.stored:
            # teams.csv of its header only: "there are no teams", then every estimate, rule
            # and calendar row naming a team not in teams.csv (37 problems for one).
            return self.missing_ids.setdefault(file, MissingIds())
        # A leader writes a team or a project by its name where its id belongs: said so.
        return Ids.written((cells for _, cells in table.rows), column)

    @staticmethod
    def _referred(
        tables: Mapping[str, Table], ids: Ids | None, files: tuple[str, ...], column: str
    ) -> None:
        """Tell ``ids`` every id the ``column`` of ``files`` writes (:meth:`Ids.referred_to`)."""
        if ids is None or isinstance(ids, MissingIds):
            return
        ids.referred_to(
            cells.get(column, "")
            for file in files
            if (table := tables.get(file)) is not None
            for _, cells in table.rows
        )

    def _referred_projects(self, tables: Mapping[str, Table], ids: Ids | None) -> None:
        """Tell the project ``ids`` every project id estimates.csv, rules.csv and the
        depends_on lists write, asking about the closest spelled (:meth:`Ids.referred_to`):
        depends_on's check asks the same (``renamed_projects``)."""
        if ids is None or isinstance(ids, MissingIds):
            return
        references = [
            cells.get("project_id", "")
            for file in (ESTIMATES, RULES)
            if (table := tables.get(file)) is not None
            for _, cells in table.rows
        ]
        if (projects := tables.get(PROJECTS)) is not None:
            references += [
                item.strip()
                for _, cells in projects.rows
                for item in cells.get("depends_on", "").split(";")
            ]
        ids.referred_to(references, closest=True)
        self.renamed_projects = ids.renamed

    # -- one method per file -------------------------------------------------

    def _goals(self, table: Table | None) -> list[Goal]:
        goals: list[Goal] = []
        seen: dict[str, int] = {}
        names = Names()
        for row in self._rows(table):
            goal_id = self._identifier(row, "goal_id", seen, "goal")
            name = self._name(row, "goal", goal_id)
            if goal_id is not None:
                self._one_name(row, goal_id, name, names, "goal")
            target = row.decimal("target", TARGET, None, required=True)
            owner = row.choice("owner", GOAL_OWNERS, "shared", "a goal owner")
            weight = row.decimal("weight", WEIGHT, Decimal(1))
            if not row.ok:
                continue
            assert goal_id is not None and target is not None
            assert owner is not None and weight is not None
            goal = self._make(
                row,
                partial(
                    Goal,
                    goal_id=goal_id,
                    name=name or goal_id,
                    target=target,
                    kpi=row.text("kpi"),
                    owner=owner,
                    weight=weight,
                ),
            )
            if goal is not None:
                goals.append(goal)
                self.goal_row[goal.goal_id] = row
        return goals
