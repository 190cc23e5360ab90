"""projects.csv checked row by row and built into projects, with the checks of its
columns that span rows: a project's range of impact, the stage policy it meets and its
dependencies (ids that exist, no cycles).

A mixin of the loader's builder (:mod:`planner.core.table_builder`), as the week columns'
(:mod:`planner.core.week_inputs`, whose checks it reads for duration_weeks,
earliest_week and due_week) and the decisions' (:mod:`planner.core.decision_inputs`)
are: each method appends its problems to the row they belong to (file, row, column, fix).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from decimal import Decimal
from functools import partial
from typing import TypeVar

from planner.core.cells import EFFORT, SHARE, VALUE, Row, Table, clipped
from planner.core.dependency_graph import cycle_text, dependency_cycles, held_by_cycles
from planner.core.domain import MARKETING, SALES, Project
from planner.core.errors import InputIssue
from planner.core.id_references import Ids, MissingIds
from planner.core.identifiers import ids_run_together
from planner.core.row_inputs import Names
from planner.core.shared_words import plural
from planner.core.tables import GOALS, PROJECTS
from planner.core.typed_numbers import figure_range
from planner.core.week_inputs import NO_PLAN_IF_MANDATORY, WeekInputs
from planner.core.writing import plain

_T = TypeVar("_T")

#: value_high beyond this many times the value is warned about as a likely typo.
_TYPO_RANGE = 100


class ProjectInputs(WeekInputs):
    """Rules for projects.csv: one row a project, and its dependencies across rows."""

    stages_known: bool
    skill_names: dict[str, str]
    goals_present: bool
    project_stage: dict[str, str]
    project_joint: dict[str, bool]
    #: Projects of value 0 with a range of impact: a team's value has no ratio to scale it.
    project_zero_range: dict[str, Decimal]
    project_row: dict[str, Row]
    missing_ids: dict[str, MissingIds]
    issues: list[InputIssue]
    renamed_projects: Mapping[str, str]

    def _no_goals(self, goal_ids: Ids | None) -> bool:
        """Whether goals.csv is there with its header only (8 goals on 51 rows told once,
        as with no goals.csv)."""
        return (
            self.goals_present
            and goal_ids is not None
            and not goal_ids
            and not isinstance(goal_ids, MissingIds)
        )

    def _goal_unknown(
        self, row: Row, goal_id: str, goal_ids: Ids, no_goals: bool, unread: list[str], told: int
    ) -> int:
        """Say on ``row`` that ``goal_id`` is no goal of goals.csv, or, with no goals.csv or
        none in it (``no_goals``), only the first such row, noting the rest in ``unread``;
        the index of the problem said about the first."""
        fix = f"Add goal '{goal_id}' to goals.csv, or leave goal_id empty."
        file = GOALS if self.goals_present else f"{GOALS} ({GOALS} is missing)"
        file = f"{GOALS} (it has no goals, only its header)" if no_goals else file
        one_problem = no_goals or not self.goals_present
        if not one_problem or not unread:
            told = len(self.issues)
            goal_ids.refer(row, "goal_id", "goal", goal_id, file, fix)
        if one_problem:
            unread.append(goal_id)
        return told

    def _projects(self, table: Table | None, goal_ids: Ids | None) -> list[Project]:
        seen: dict[str, int] = {}
        pending: list[tuple[Row, str | None, tuple[str, ...], Project | None]] = []
        names = Names()
        # Goals named with no goals.csv: one problem (a goals sheet renamed read as one per
        # project, 51 rows on the sample), on the first row, counting the rest.
        unread: list[str] = []
        told = 0
        no_goals = self._no_goals(goal_ids)
        for row in self._rows(table):
            project_id = self._project_id(row, seen)
            name = self._name(row, "project", project_id)
            if project_id is not None:
                self._one_name(row, project_id, name, names, "project")
            goal_id = row.text("goal_id") or None
            if goal_id is not None and goal_ids is not None and goal_id not in goal_ids:
                told = self._goal_unknown(row, goal_id, goal_ids, no_goals, unread, told)
            stage_text = row.required("stage", "Write the project's funnel stage.")
            stage = self._stage(row, "stage", stage_text) if stage_text else None
            if project_id is not None and stage is not None:
                self.project_stage.setdefault(project_id, stage)
            effort = row.decimal("effort_hours", EFFORT, None, required=True)
            value = self._impact(row, "value", Decimal(0))
            low, high = self._value_range(row, value)
            if project_id is not None and value == 0 and high is not None and high > 0:
                self.project_zero_range.setdefault(project_id, high)
            skills = row.skills("required_skills", self.skill_names)
            mandatory = row.boolean("mandatory", False)
            joint = row.boolean("joint", False)
            if project_id is not None and joint is not None:
                self.project_joint.setdefault(project_id, joint)
            share = self._sales_share(row, joint)
            if stage is not None and joint is not None:
                self._check_stage_policy(row, stage, joint, bool(mandatory))
            depends_on = row.items("depends_on")
            duration, earliest, due = self._weeks(row)
            project = None
            if row.ok:
                assert project_id is not None and stage is not None and effort is not None
                assert value is not None and skills is not None and share is not None
                assert mandatory is not None and joint is not None
                project = self._make(
                    row,
                    partial(
                        Project,
                        project_id=project_id,
                        name=name or project_id,
                        goal_id=goal_id,
                        stage=stage,
                        effort_hours=effort,
                        value=value,
                        value_low=low,
                        value_high=high,
                        required_skills=skills,
                        mandatory=mandatory,
                        joint=joint,
                        sales_share=share,
                        depends_on=depends_on,
                        duration_weeks=duration,
                        earliest_week=earliest,
                        due_week=due,
                    ),
                )
            pending.append((row, project_id, depends_on, project))
            if project is not None:
                self.project_row[project.project_id] = row
        if len(unread) > 1:
            self.issues[told] = _goals_unread(self.issues[told], unread, no_goals)
        cycled = self._check_dependencies([(row, pid, deps) for row, pid, deps, _ in pending])
        projects = [p for row, _, _, p in pending if row.ok and p is not None]
        self._check_sequences(projects, {pid: row for row, pid, _, _ in pending if pid}, cycled)
        return projects

    def _project_id(self, row: Row, seen: dict[str, int]) -> str | None:
        """The row's project_id: present, not another row's, and free of ';' (which
        separates the ids in depends_on)."""
        project_id = self._identifier(row, "project_id", seen, "project")
        if project_id is not None and ";" in project_id:
            row.error(
                "project_id",
                f"the project_id '{project_id}' contains ';', which separates the ids "
                "in depends_on lists.",
                "Remove the ';' from the id.",
            )
        return project_id

    @staticmethod
    def _sales_share(row: Row, joint: bool | None) -> Decimal | None:
        """The share of a joint project's effort its sales team carries (default 0.5),
        warned of when the project is not joint."""
        share = row.decimal("sales_share", SHARE, Decimal("0.5"))
        if joint is False and share is not None and share != Decimal("0.5"):
            # A share typed for a project not marked joint was planned on one team
            # carrying all of its hours, without a word.
            row.warn(
                "sales_share",
                f"sales_share is {plain(share)}, but the project is not joint: one team "
                "owns it and carries all of its effort, so the share is not used.",
                "Set joint to true if a sales and a marketing team share it, or clear sales_share.",
            )
        return share

    @staticmethod
    def _impact(row: Row, column: str, default: Decimal | None) -> Decimal | None:
        """The figure of value, value_low or value_high, or, where the cell writes a range
        ("10k-40k", read only as "is not a number"), the problem naming the cells its two
        ends go in."""
        ends = figure_range(row.text(column))
        if ends is None:
            return row.decimal(column, VALUE, default)
        low, high = sorted(ends, key=Decimal)
        likely = ", and the most likely figure in value." if column == "value" else "."
        if Decimal(low) < 0:
            # '-10k--5k' was told to write -10000 in value_low, which is then refused.
            where = (
                f"{low} is less than any {column} may be (at least 0): check the units, then "
                f"write the range's low end in value_low and its high end in value_high{likely}"
            )
        else:
            added = " (add those columns to the projects)" if "value_low" not in row.cells else ""
            where = f"Write {low} in value_low and {high} in value_high"
            where += (added if column == "value" else "") + likely
        row.error(
            column,
            f"'{clipped(row.text(column))}' is a range of figures in one cell; {column} holds "
            + (
                "one figure, the most likely, and value_low and value_high the range's ends."
                if column == "value"
                else f"the range's {'low' if column == 'value_low' else 'high'} end alone."
            ),
            where,
        )
        return None

    def _value_range(
        self, row: Row, value: Decimal | None
    ) -> tuple[Decimal | None, Decimal | None]:
        """value_low <= value <= value_high (SPEC "Uncertain impact"); empty = the value."""
        low = None if _percent_of(row, "value_low", value) else self._impact(row, "value_low", None)
        high = (
            None if _percent_of(row, "value_high", value) else self._impact(row, "value_high", None)
        )
        if value is None:
            return low, high
        if low is not None and high is not None and high < low and high <= value <= low:
            # Two errors ('above the value', 'below the value') for one swap.
            row.error(
                "value_low",
                f"value_low {plain(low)} and value_high {plain(high)} are the wrong way round: "
                f"value_low is the worst case, at most the most likely value {plain(value)}, "
                "and value_high the best case, at least it.",
                f"Write {plain(high)} in value_low and {plain(low)} in value_high.",
            )
            return low, high
        given = [name for name, v in (("value_low", low), ("value_high", high)) if v]
        if not row.text("value").strip() and given:
            # An empty value is 0; "value_low 100 is above the project's value 0" sent
            # leaders to empty value_low when the missing number is the value itself.
            between = (
                f" between {plain(low)} and {plain(high)}"
                if low is not None and high is not None
                else ""
            )
            row.error(
                "value",
                f"value is empty, but {' and '.join(given)} "
                f"give{'s' * (len(given) == 1)} a range of impact.",
                f"Write the most likely value{between}, or empty {' and '.join(given)} too.",
            )
            return low, high
        if low is not None and low > value:
            row.error(
                "value_low",
                f"value_low {plain(low)} is above the project's value {plain(value)}.",
                f"Make value_low at most {plain(value)} (the most likely value), or leave it "
                "empty.",
            )
        if high is not None and high < value:
            row.error(
                "value_high",
                f"value_high {plain(high)} is below the project's value {plain(value)}.",
                f"Make value_high at least {plain(value)} (the most likely value), or leave it "
                "empty.",
            )
        elif high is not None and value > 0 and high > _TYPO_RANGE * value:
            # Extra digits in the best case make the goal look certain on every chart.
            row.warn(
                "value_high",
                f"value_high {plain(high)} is {high / value:,.0f} times the project's most "
                f"likely value {plain(value)}: the odds count that outcome as possible.",
                "Check it for extra digits; a best case is rarely over 10 times the most "
                "likely value.",
            )
        return low, high

    def _check_stage_policy(self, row: Row, stage: str, joint: bool, mandatory: bool) -> None:
        if not self.stages_known:
            return
        owners = {d for d in (SALES, MARKETING) if self.settings.stages.allows(stage, d)}
        whole = NO_PLAN_IF_MANDATORY if mandatory else ""
        if not owners:
            row.warn(
                "stage",
                f"the stage policy lets no department own '{stage}' work, so this project "
                f"cannot be assigned{whole}.",
                "Give the stage an owner in [stages.owners] of the settings, or change the stage.",
            )
        elif joint and len(owners) < 2:
            (only,) = owners
            row.warn(
                "joint",
                f"the project is joint (it needs a sales and a marketing team) but the stage "
                f"policy lets only {only} own '{stage}' work, so it cannot be assigned{whole}.",
                "Make it not joint, move it to a stage both departments may own, or change "
                "[stages.owners] in the settings.",
            )

    def _check_dependencies(
        self, pending: list[tuple[Row, str | None, tuple[str, ...]]]
    ) -> set[str]:
        """depends_on ids exist, no project depends on itself, no cycles; the projects a
        cycle holds (:func:`~planner.core.dependency_graph.held_by_cycles`)."""
        rows: dict[str, Row] = {}
        for row, project_id, _ in pending:
            if project_id is not None:
                rows.setdefault(project_id, row)
        graph: dict[str, list[str]] = {}
        missing = self.missing_ids.get(PROJECTS)
        # A prerequisite written by its name is named with its id, as in the other columns.
        known = (
            Ids.written((row.cells for row in rows.values()), "project_id")
            if missing is None
            else missing
        )
        if missing is None:  # a prerequisite still written by a renamed project's old id
            known.renamed = self.renamed_projects
        for row, project_id, depends_on in pending:
            for dep in depends_on:
                if dep == project_id:
                    row.error(
                        "depends_on",
                        f"the project depends on itself ('{dep}').",
                        "Remove its own id from depends_on.",
                    )
                elif dep not in rows:
                    # 'AW-01, AW-02', 'AW-01 AW-02', 'AW-01；AW-02' (a full-width semicolon)
                    parts = ids_run_together(dep, rows)
                    fix = (
                        f"Separate project ids with ';': {'; '.join(parts)}."
                        if parts is not None
                        else f"Add project '{clipped(dep, 60)}' to projects.csv, or remove it "
                        "from depends_on."
                    )
                    known.refer(row, "depends_on", "project", dep, PROJECTS, fix)
                elif project_id is not None and rows[project_id] is row:
                    graph.setdefault(project_id, []).append(dep)
        for cycle in dependency_cycles(graph, order=list(rows)):
            rows[cycle[0]].error(
                "depends_on",
                f"projects depend on each other in a cycle: {cycle_text(cycle)}.",
                "Remove one of these dependencies.",
            )
        return held_by_cycles(graph, list(rows))


def _goals_unread(first: InputIssue, unread: list[str], no_goals: bool = False) -> InputIssue:
    """The first project's problem of a goal named with no goals.csv (``no_goals``: one of
    its header only), telling the rest."""
    goals = [clipped(g) for g in dict.fromkeys(unread)]
    shown = ", ".join(goals[:5]) + (", ..." if len(goals) > 5 else "")
    more = len(unread) - 1
    return replace(
        first,
        message=f"{first.message} {more:,} more {'row names' if more == 1 else 'rows name'} "
        f"a goal too ({plural(len(goals), 'goal')}: {shown}).",
        fix=(
            f"Add a row to goals.csv for each goal the projects name ({shown}), or leave "
            "goal_id empty."
            if no_goals
            else f"Add goals.csv with the goals the projects name ({shown}), or leave goal_id "
            "empty."
        ),
    )


_PERCENT = re.compile(r"\s*([0-9]+(?:\.[0-9]+)?)\s*%\s*")


def _percent_of(row: Row, column: str, value: Decimal | None) -> bool:
    """Say on ``row`` that ``column`` (value_low or value_high) is written as a percent
    ('50%'), as of the most likely value, where it holds a figure in the value's unit:
    "percent signs are not allowed" gave no figure to write. Whether it was said."""
    found = _PERCENT.fullmatch(row.text(column))
    if found is None or not value:
        return False
    percent = Decimal(found.group(1))
    figure = plain((value * percent / 100).quantize(Decimal("0.01")).normalize())
    row.error(
        column,
        f"'{clipped(row.text(column))}' is a percent; {column} holds a figure in the value's "
        f"unit (the {'worst' if column == 'value_low' else 'best'} case), not a share of it.",
        f"Write {figure} ({plain(percent)} % of the value {plain(value)}), or the figure meant.",
    )
    return True
