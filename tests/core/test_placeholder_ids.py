"""'N/A', 'TBD', '-' in an id column that may be empty (a project's goal_id, an item of
depends_on) read as empty, with a warning saying so; in a required id column the cell is
refused once, not also as empty (tests/core/test_bad_ids.py holds those cases)."""

from __future__ import annotations

from pathlib import Path

import pytest
from bad_input_cases import make_folder, row

from planner.core.errors import InvalidInputError
from planner.core.loading import load_with_warnings

PROJECTS_ROW_3 = "P2,Webinar series,{goal},nurturing,80.5,30,,no,yes,0.4,{depends}"


def test_a_goal_id_of_n_a_reads_as_no_goal_and_says_so(tmp_path: Path) -> None:
    changes = row("projects.csv", 3, PROJECTS_ROW_3.format(goal="N/A", depends="P1"))
    loaded = load_with_warnings(make_folder(tmp_path, changes))
    problem, warnings = loaded.problem, loaded.warnings

    assert problem.project_index["P2"].goal_id in ("", None)
    said = [w for w in warnings if (w.file, w.row, w.column) == ("projects.csv", 3, "goal_id")]
    assert said and "'N/A' in goal_id is no goal id" in said[0].message, warnings


def test_a_tbd_in_depends_on_is_left_out_of_the_list_and_said(tmp_path: Path) -> None:
    changes = row("projects.csv", 3, PROJECTS_ROW_3.format(goal="G1", depends="P1; TBD"))
    loaded = load_with_warnings(make_folder(tmp_path, changes))
    problem, warnings = loaded.problem, loaded.warnings

    assert problem.project_index["P2"].depends_on == ("P1",)
    said = [w for w in warnings if (w.file, w.row, w.column) == ("projects.csv", 3, "depends_on")]
    assert said and "left out of the list" in said[0].message, warnings


@pytest.mark.parametrize("placeholder", ["TBD", "n/a", "-", "?", "None"])
def test_a_placeholder_team_id_is_one_error_at_its_cell(tmp_path: Path, placeholder: str) -> None:
    changes = row("teams.csv", 2, f"{placeholder},Brand,marketing,400,seo:4; content:3,,")
    with pytest.raises(InvalidInputError) as caught:
        load_with_warnings(make_folder(tmp_path, changes))

    at_cell = [
        i for i in caught.value.errors if (i.file, i.row, i.column) == ("teams.csv", 2, "team_id")
    ]
    assert len(at_cell) == 1, [str(i) for i in at_cell]
    assert f"'{placeholder}' is no team_id" in at_cell[0].message
