"""What the loader's builder does for a row of any file: the rows of a table, a row's id
(each once, and ids alike said), its name (shown by its id when blank, two alike said), a
funnel stage as written, and the domain object it builds.

:class:`RowInputs` is the base of the builder's one mixin per file
(:mod:`planner.core.team_inputs`, :mod:`planner.core.project_inputs`,
:mod:`planner.core.week_inputs`, :mod:`planner.core.calendar_inputs`,
:mod:`planner.core.decision_inputs`) and of :class:`~planner.core.table_builder.TableBuilder`,
whose ``__init__`` sets the attributes it reads.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TypeVar

from planner.core.cells import MessageWords, Row, Table, clipped
from planner.core.errors import InputIssue
from planner.core.identifiers import (
    alike_by,
    escaped,
    id_key,
    ids_run_together,
    name_key,
    read_alike_by,
    read_alike_key,
    reordering_problem,
)
from planner.core.settings import Settings

_T = TypeVar("_T")


@dataclass
class Names:
    """The names of one file's rows so far (:meth:`RowInputs._one_name`): by how a reader
    sees them (``name_key``: its id and row), and by ``id_key`` (its id, name and row)."""

    exact: dict[str, tuple[str, int]] = field(default_factory=dict)
    alike: dict[str, tuple[str, str, int]] = field(default_factory=dict)


class RowInputs:
    """A row's id, name, stage and domain object, for every file's rows."""

    settings: Settings
    #: How messages name files and columns (:class:`~planner.core.cells.MessageWords`).
    words: MessageWords
    #: A saved scenario's tables: a repeated name, refused since, is warned (it loads).
    stored: bool
    stages_known: bool
    stage_names: dict[str, str]
    issues: list[InputIssue]
    ids_by_case: dict[tuple[str, str], dict[str, tuple[str, int]]]
    ids_read_alike: dict[tuple[str, str], dict[str, tuple[str, int]]]

    def _rows(self, table: Table | None) -> Iterator[Row]:
        if table is None:
            return
        decimal_point = table.decimal_point_columns()
        for number, cells in table.rows:
            yield Row(table.file, number, cells, self.issues, decimal_point, self.words)

    def _identifier(self, row: Row, column: str, seen: dict[str, int], what: str) -> str | None:
        value = row.required(column, f"Give every {what} an id.")
        if value is None:
            return None
        if value in seen:
            row.error(
                column,
                # The first row, not this one, in the words: the rows of one id repeated
                # 99,000 times are one problem, not 99,000 lines ("rows 2 and 10", ...).
                f"the {column} '{value}' is already the id of row {seen[value]}.",
                f"Give each {what} its own id.",
            )
            return value
        # Ids compare exactly (SPEC): 'sdr' and 'SDR' are two teams. Likely a typo, so said.
        folded = self.ids_by_case.setdefault((row.file, column), {})
        first = folded.setdefault(id_key(value), (value, row.number))
        if first[0] != value:
            other, number = first
            by = alike_by(value, other)
            row.warn(
                column,
                f"the {column} '{clipped(value)}' (row {row.number}) and "
                f"'{clipped(other)}' (row {number}) differ only in {by}: they are two "
                f"{what}s, as ids compare exactly.",
                f"If they are one {what}, write its id the same way in both rows and "
                f"wherever it is used; if two, give them ids that differ by more than "
                f"{'case' if by == 'case' else 'that'}.",
            )
        else:
            # 'ѕdr' (a Cyrillic dze) or 'sdr.' beside 'sdr': two ids nobody tells apart.
            alike = self.ids_read_alike.setdefault((row.file, column), {})
            other, number = alike.setdefault(read_alike_key(value), (value, row.number))
            if other != value and id_key(other) != id_key(value):
                row.warn(
                    column,
                    f"the {column} '{clipped(value)}' (row {row.number}) and "
                    f"'{clipped(other)}' (row {number}) {read_alike_by(value, other)}. They "
                    f"are two {what}s, as ids compare exactly.",
                    f"If they are one {what}, write its id the same way in both rows and "
                    f"wherever it is used; if two, give them ids that read apart.",
                )
        seen[value] = row.number
        return value

    def _stage(self, row: Row, column: str, text: str) -> str | None:
        if not self.stages_known:
            return text
        stage = self.stage_names.get(text) or self.stage_names.get(text.lower())
        if stage is None:
            # A team's stages written with another separator ('nurturing, qualification'):
            # the list, not a stage, is what is wrong.
            parts = (
                ids_run_together(text.lower(), {name.lower() for name in self.stage_names})
                if column == "stages"
                else None
            )
            # 'lead generation', 'Lead-Generation': the stage with other marks between its words.
            joined = re.sub(r"[\s\-]+", "_", text.strip().lower())
            meant = self.stage_names.get(joined) if not parts else None
            row.error(
                column,
                f"'{clipped(text)}' is not a funnel stage"
                + (f": it is {len(parts)} stages written as one." if parts else "."),
                f"Separate stages with ';': {'; '.join(parts)}."
                if parts
                else f"Write {meant}: a stage's words are joined by '_'."
                if meant
                else f"Use one of the stages in settings: {', '.join(self.settings.stages.order)}.",
            )
        return stage

    @staticmethod
    def _make(row: Row, make: Callable[[], _T]) -> _T | None:
        # A safety net: the row checks should have caught what the domain rejects.
        try:
            return make()
        except (ValueError, TypeError) as exc:
            row.error(None, f"the row is not valid ({exc}).", "Check the row's values.")
            return None

    @staticmethod
    def _name(row: Row, what: str, row_id: str | None) -> str:
        """The name a row gives (empty: it is shown by its id), its problems said.

        One of only characters nobody sees (a zero-width space) is shown by its id, as one of
        only spaces is: it showed blank on every page, chart and in plan.csv, without a
        word. One holding a control that reorders its characters (U+202E, the right-to-left
        override) is warned: the pages, charts and plan.xlsx show it in that order, so a team
        named U+202E 'sEA tekraM-diM' drew a second 'Mid-Market AEs' row. Warnings: SPEC
        lets a name hold any text.
        """
        given = row.text("name")
        if given and not name_key(given):
            if row_id is not None:
                row.warn(
                    "name",
                    f"the name '{escaped(given)}' holds only characters nobody can see, so it "
                    f"would show blank: the {what} is shown by its id '{row_id}'.",
                    "Type a name, or leave the cell empty.",
                )
            return ""
        if (problem := reordering_problem(given)) is not None:
            row.warn("name", *problem)
        return given

    def _one_name(self, row: Row, row_id: str, given: str, names: Names, what: str) -> None:
        """Two teams (or projects, goals) shown by one name as a reader sees it (case, width
        and surrounding spaces ignored; one without a name is shown by its id) read as one
        on every page, chart and export: renaming team 'mm-ae' to another team's name on the
        Data page was applied without a word. Refused as a repeated id is, naming both rows;
        a saved scenario's tables (``stored``) are warned, so that it still loads."""
        shown = given or row_id
        column = "name" if given else f"{what}_id"
        example = {
            "team": "'SDR Team East' and 'SDR Team West'",
            "goal": "'MQLs EMEA' and 'MQLs Americas'",
        }.get(what, "'Webinar EMEA' and 'Webinar Americas'")
        first = names.exact.setdefault(name_key(shown), (row_id, row.number))
        if first[0] == row_id:
            other, was, number = names.alike.setdefault(id_key(shown), (row_id, shown, row.number))
            if other == row_id or (shown == row_id and was == other):
                return  # two shown by their ids: the ids alike are said (_identifier)
            by = alike_by(shown, was)
            message = (
                f"the name '{clipped(shown)}' (row {row.number}) and '{clipped(was)}' "
                f"({what} '{clipped(other)}', row {number}) differ only in {by}: every "
                f"page, chart and export names {what}s by name, so the two read as one."
            )
        else:
            other, number = first
            message = (
                f"the name '{clipped(shown)}' (row {row.number}) is already the name of "
                f"{what} '{clipped(other)}' (row {number}): every page, chart and export "
                f"names {what}s by name, so the two read as one {what}."
            )
        fix = f"Rename one of them, e.g. {example}."
        if self.stored:
            row.warn(column, message, fix)
        else:
            row.error(column, message, fix)
