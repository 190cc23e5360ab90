"""The leaders' decisions in the data: estimates.csv (a team's own hours and
value for a project) and rules.csv (pins and forbids), checked like every input.

A mixin of the loader's builder (:mod:`planner.core.table_builder`): each method
appends its problems to the row they belong to (file, row, column, fix).
"""

from __future__ import annotations

from decimal import Decimal

from planner.core.cells import (
    EFFORT,
    VALUE,
    Row,
    Table,
)
from planner.core.domain import (
    Estimate,
    Rule,
    RuleKind,
)
from planner.core.id_references import Ids
from planner.core.row_inputs import RowInputs
from planner.core.settings import Settings
from planner.core.shared_words import department_words, stage_words
from planner.core.shown_figures import first_few
from planner.core.swapped_cells import Fit, said_swapped
from planner.core.tables import PROJECTS, TEAMS
from planner.core.writing import plain


class DecisionInputs(RowInputs):
    """Rules for estimates.csv and rules.csv."""

    settings: Settings
    team_department: dict[str, str]
    project_joint: dict[str, bool]
    project_stage: dict[str, str]
    project_zero_range: dict[str, Decimal]
    #: Each estimate's row, by (project, team), for the warnings said once the data is read.
    estimate_row: dict[tuple[str, str], Row]

    def _estimates(
        self, table: Table | None, project_ids: Ids | None, team_ids: Ids | None
    ) -> list[Estimate]:
        estimates: list[Estimate] = []
        seen: dict[tuple[str, str], int] = {}
        for row in self._rows(table):
            project_id, team_id = self._pair(row, project_ids, team_ids)
            effort = row.decimal("effort_hours", EFFORT, None)
            value = row.decimal("value", VALUE, None)
            if project_id is not None and team_id is not None:
                pair = (project_id, team_id)
                if pair in seen:
                    row.error(
                        "team_id",
                        f"project '{project_id}' and team '{team_id}' already have an "
                        f"estimate on row {seen[pair]}.",
                        "Keep one estimate per project and team.",
                    )
                seen.setdefault(pair, row.number)
            if row.ok and effort is None and value is None:
                row.warn(
                    None,
                    "the estimate gives neither effort_hours nor value, so it changes nothing.",
                    "Fill in effort_hours or value, or delete the row.",
                )
            high = self.project_zero_range.get(project_id or "")
            if row.ok and value is not None and value > 0 and high is not None:
                # The range scales by the team's value over the project's: no ratio to 0
                # (planner.core.uncertainty.pair_factor), so the odds read it as certain.
                row.warn(
                    "value",
                    f"'{project_id}' has a range of impact (0 to {plain(high)}) around a value "
                    f"of 0, which this team's value {plain(value)} cannot scale: the odds "
                    "count it as certain for this team.",
                    f"Give '{project_id}' its most likely value in projects.csv (a team's "
                    "value then scales its range), or clear its value_low and value_high.",
                )
            if row.ok:
                assert project_id is not None and team_id is not None
                self._check_owner(row, project_id, team_id)
                estimates.append(Estimate(project_id, team_id, effort, value))
                self.estimate_row[(project_id, team_id)] = row
        return estimates

    def _check_owner(self, row: Row, project_id: str, team_id: str) -> None:
        """An estimate for a team whose department may never own the project is never used."""
        stage, department = self.project_stage.get(project_id), self.team_department.get(team_id)
        if stage is None or department is None or self.settings.stages.allows(stage, department):
            return
        owners = self.settings.stages.owners.get(stage, ())
        # No owner at all reads "lets no department own", never "to no department only".
        policy = (
            f"gives {stage_words(stage)} work to {department_words(owners)} only"
            if owners
            else f"lets no department own {stage_words(stage)} work"
        )
        row.warn(
            "team_id",
            f"team '{team_id}' is in {department}, and the stage policy {policy}, so it never "
            f"owns '{project_id}' and this estimate is never used.",
            f"Give the estimate to a team that may own '{project_id}', or delete the row.",
        )

    def _pair(
        self, row: Row, project_ids: Ids | None, team_ids: Ids | None
    ) -> tuple[str | None, str | None]:
        if _swapped(row, project_ids, team_ids, rule=False):
            return None, None
        project_id = row.required("project_id", "Write the project's id.")
        team_id = row.required("team_id", "Write the team's id.")
        if project_id is not None and project_ids is not None and project_id not in project_ids:
            project_ids.refer(row, "project_id", "project", project_id, PROJECTS)
        if team_id is not None and team_ids is not None and team_id not in team_ids:
            team_ids.refer(row, "team_id", "team", team_id, TEAMS)
        return project_id, team_id

    def _rules(
        self, table: Table | None, project_ids: Ids | None, team_ids: Ids | None
    ) -> list[Rule]:
        rules: list[Rule] = []
        seen: dict[tuple[str, str], tuple[str, int]] = {}
        pins: dict[str, list[tuple[str, Row]]] = {}
        for row in self._rows(table):
            if _swapped(row, project_ids, team_ids, rule=True):
                continue
            project_id, team_id = self._pair(row, project_ids, team_ids)
            kind = row.choice("rule", tuple(k.value for k in RuleKind), None, "a rule")
            if project_id is None or team_id is None or kind is None:
                continue
            pair = (project_id, team_id)
            if pair in seen:
                earlier, earlier_row = seen[pair]
                if earlier == kind:
                    row.warn(
                        "rule",
                        f"the same rule is already on row {earlier_row}.",
                        "Delete one of the two rows.",
                    )
                else:
                    row.error(
                        "rule",
                        f"project '{project_id}' and team '{team_id}' are both pinned and "
                        f"forbidden (rows {earlier_row} and {row.number}).",
                        "Keep either the pin or the forbid rule.",
                    )
                continue
            seen[pair] = (kind, row.number)
            if kind == RuleKind.PIN:
                pins.setdefault(project_id, []).append((team_id, row))
            if row.ok:
                rules.append(Rule(project_id, team_id, RuleKind(kind)))
        for project_id, pinned in pins.items():
            self._check_pins(project_id, pinned)
        return rules

    def _check_pins(self, project_id: str, pinned: list[tuple[str, Row]]) -> None:
        """A project is pinned to at most one team (joint: one sales and one marketing)."""
        joint = self.project_joint.get(project_id)
        if joint is None or len(pinned) < 2:
            return
        shown = first_few([f"{t} on row {r.number}" for t, r in pinned])
        last_row = pinned[-1][1]
        if not joint:
            last_row.error(
                "team_id",
                f"project '{project_id}' is pinned to more than one team ({shown}), but only "
                "one team can own it.",
                "Keep one pin, or make the project joint if it needs a sales and a marketing team.",
            )
            return
        departments = [self.team_department.get(t) for t, _ in pinned]
        if len(pinned) > 2 or (None not in departments and len(set(departments)) < 2):
            last_row.error(
                "team_id",
                f"joint project '{project_id}' is pinned to {shown}, but it is owned by "
                "exactly one sales team and one marketing team.",
                "Pin at most one sales team and one marketing team.",
            )


def _swapped(row: Row, project_ids: Ids | None, team_ids: Ids | None, *, rule: bool) -> bool:
    """Say in one error that ``row``'s project, team (and ``rule``) cells are in each
    other's columns, when they are (:func:`~planner.core.swapped_cells.said_swapped`)."""
    if project_ids is None or team_ids is None:
        return False
    kinds = {k.value for k in RuleKind}
    fits: dict[str, Fit] = {
        "project_id": Fit(lambda cell: cell in project_ids, "a project"),
        "team_id": Fit(lambda cell: cell in team_ids, "a team"),
    }
    if rule:
        fits["rule"] = Fit(lambda cell: cell.lower() in kinds, "a rule")
    return said_swapped(row, fits)
