"""teams.csv checked row by row and built into teams, with the checks of its columns that
span rows: a team id that is also a department's name, a name written where the department
belongs.

A mixin of the loader's builder (:mod:`planner.core.table_builder`), as the projects'
(:mod:`planner.core.project_inputs`) and the decisions' (:mod:`planner.core.decision_inputs`)
are: each method appends its problems to the row they belong to (file, row, column, fix).
"""

from __future__ import annotations

from decimal import Decimal
from functools import partial
from typing import TypeVar

from planner.core.cells import CAPACITY, PROJECT_CAP, Row, Table
from planner.core.domain import DEPARTMENTS, Team
from planner.core.errors import InputIssue, Severity
from planner.core.row_inputs import Names, RowInputs
from planner.core.settings import Settings
from planner.core.shown_figures import first_few
from planner.core.swapped_cells import Fit, said_swapped
from planner.core.tables import TEAMS, issue

_T = TypeVar("_T")


class TeamInputs(RowInputs):
    """Rules for teams.csv: one row a team, and its ids against the departments' names."""

    settings: Settings
    stages_known: bool
    skill_names: dict[str, str]
    team_department: dict[str, str]
    team_row: dict[str, int]
    team_capacity: dict[str, Decimal]
    issues: list[InputIssue]

    def _teams(self, table: Table | None) -> list[Team]:
        teams: list[Team] = []
        seen: dict[str, int] = {}
        names = Names()
        for row in self._rows(table):
            team_id = self._identifier(row, "team_id", seen, "team")
            department = (
                None
                if _name_and_department_swapped(row)
                else row.choice("department", DEPARTMENTS, None, "a department")
            )
            if team_id is not None and department is not None:
                self.team_department.setdefault(team_id, department)
                self.team_row.setdefault(team_id, row.number)
            name = self._name(row, "team", team_id)
            if team_id is not None:
                self._one_name(row, team_id, name, names, "team")
            capacity = row.decimal("capacity_hours", CAPACITY, None, required=True)
            if team_id is not None and capacity is not None:
                self.team_capacity.setdefault(team_id, capacity)
            skills = row.skills("skills", self.skill_names)
            stages = self._team_stages(row, department)
            max_projects = row.whole("max_projects", PROJECT_CAP)
            if not row.ok:
                continue
            assert team_id is not None and department is not None
            assert capacity is not None and skills is not None
            team = self._make(
                row,
                partial(
                    Team,
                    team_id=team_id,
                    name=name or team_id,
                    department=department,
                    capacity_hours=capacity,
                    skills=skills,
                    stages=stages,
                    max_projects=max_projects,
                ),
            )
            if team is not None:
                teams.append(team)
        self._ids_naming_departments()
        return teams

    def _ids_naming_departments(self) -> None:
        """A team id that is a department's name, unless the team is that department's only
        one: ``[capacity.multipliers]``, the Constraints page and ``--target`` name both with
        one word, so a what-if for one silently scaled the other too. A warning: such a team
        is valid by SPEC, and a scenario saved with one must still load."""
        for team_id, department in self.team_department.items():
            named = team_id.casefold()
            if named not in DEPARTMENTS:
                continue
            others = sorted(
                t for t, d in self.team_department.items() if d == named and t != team_id
            )
            if department == named and not others:
                continue  # the department's only team: the same hours either way
            why = (
                f"this team is in {department}"
                if department != named
                else f"{named} has other teams too ({first_few(others, 3)})"
            )
            self.issues.append(
                issue(
                    TEAMS,
                    self.team_row[team_id],
                    "team_id",
                    f"the team id '{team_id}' is also the name of the {named} department, "
                    f"and {why}: a capacity what-if for '{team_id}' ([capacity.multipliers], "
                    "the Constraints page, planner scenarios sweep --target) scales both.",
                    f"Give the team another id, e.g. '{named}-team' (its name may stay as it "
                    "is), and use the new id in the other files.",
                    Severity.WARNING,
                )
            )

    def _team_stages(self, row: Row, department: str | None) -> tuple[str, ...]:
        stages: list[str] = []
        for item in row.items("stages"):
            stage = self._stage(row, "stages", item)
            if stage is None or stage in stages:
                continue
            stages.append(stage)
            owners = self.settings.stages.owners.get(stage, ())
            if self.stages_known and department is not None and department not in owners:
                row.warn(
                    "stages",
                    f"the stage policy does not let {department} teams own '{stage}' work, "
                    "so this team takes none there.",
                    "Remove the stage from the team's list, or change [stages.owners] in settings.",
                )
        return tuple(stages)


def _name_and_department_swapped(row: Row) -> bool:
    """Whether ``sdr,sales,SDR Team`` (a department under name, a name under department)
    was said in one error (:func:`~planner.core.swapped_cells.said_swapped`), not as
    "'SDR Team' is not a department"."""
    if "name" not in row.cells:
        return False
    fits = {
        "name": Fit(bool, "a name"),
        "department": Fit(lambda cell: cell.lower() in DEPARTMENTS, "a department"),
    }
    return said_swapped(row, fits)
