"""A team id that is a department's name: a capacity what-if scales both, and is said so.

``[capacity.multipliers]`` (and the Constraints page, which writes it, and
``planner scenarios sweep --target``) name a department and a team with one
word. A marketing team with the id ``sales`` got the sales department's
``sales = 0.5`` as its own entry: its hours halved without a word, and the
Constraints page's slider for that team moved the whole sales department. Such a
team is valid by SPEC (and a scenario saved with one must load), so it is a warning.
"""

from __future__ import annotations

import pytest
from builders import teams_folder

from planner.core.errors import Severity
from planner.core.loading import load_with_warnings


@pytest.mark.parametrize(
    ("teams", "row", "said"),
    [
        (["sales,Sales desk,marketing,100", "ae,AEs,sales,100"], 2, "this team is in marketing"),
        (["ae,AEs,sales,100", " Marketing ,Field,sales,100"], 3, "this team is in sales"),
        (
            ["brand,Brand,marketing,100", "marketing,Field,marketing,100", "ae,AEs,sales,50"],
            3,
            "marketing has other teams too (brand)",
        ),
    ],
)
def test_a_team_id_that_names_a_department_and_other_teams_is_warned(tmp_path, teams, row, said):
    folder = teams_folder(tmp_path, teams)
    warnings = [w for w in load_with_warnings(folder).warnings if w.file == "teams.csv"]
    (problem,) = warnings
    assert problem.severity is Severity.WARNING
    assert (problem.file, problem.row, problem.column) == ("teams.csv", row, "team_id")
    assert said in problem.message
    assert "another id" in problem.fix


def test_a_department_s_only_team_may_carry_its_name(tmp_path):
    """One team per department named after it means the same hours either way."""
    folder = teams_folder(tmp_path, ["sales,Sales,sales,100", "marketing,Marketing,marketing,100"])
    (folder / "settings.toml").write_text("[capacity.multipliers]\nsales = 0.5\n")
    loaded = load_with_warnings(folder)
    assert [t.team_id for t in loaded.problem.teams] == ["sales", "marketing"]
    assert not [w for w in loaded.warnings if w.file == "teams.csv"]
