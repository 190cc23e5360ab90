"""An id typed after an apostrophe, as spreadsheet users keep a cell as text ('AW-02):
read as the id the cell shows (attack round 36). A rule naming 'AW-02 was told "did you
rename ''AW-02' to 'AW-02'?", an id it did not have."""

from __future__ import annotations

from pathlib import Path

from planner.core.identifiers import identifier
from planner.core.loading import load_with_warnings
from tests.bad_input_cases import add, make_folder, row


def test_an_id_after_an_apostrophe_reads_as_the_id_in_every_table(tmp_path: Path) -> None:
    changes = {
        **row("teams.csv", 2, "'T1,Brand,marketing,400,seo:4; content:3,,"),
        **row("projects.csv", 3, "P2,Webinar series,'G1,nurturing,80.5,30,,no,yes,0.4,'P1"),
        **add("estimates.csv", "'P2,'T1,70,"),
        **row("rules.csv", 2, "'P3,' T2,pin"),
    }
    loaded = load_with_warnings(make_folder(tmp_path, changes))
    problem = loaded.problem
    assert [t.team_id for t in problem.teams] == ["T1", "T2"]
    assert problem.project("P2").goal_id == "G1"
    assert problem.project("P2").depends_on == ("P1",)
    assert [(e.project_id, e.team_id) for e in problem.estimates][-1] == ("P2", "T1")
    assert [(r.project_id, r.team_id) for r in problem.rules] == [("P3", "T2")]
    assert not [w for w in loaded.warnings if "'" in w.message], loaded.warnings


def test_the_apostrophe_before_an_id_is_the_cells_not_the_ids() -> None:
    """One before a formula or another apostrophe is kept: plan.csv guards such a cell
    with it, and an id written so reads back as itself."""
    assert identifier(" 'AW-02 ") == "AW-02"
    assert identifier("' AW-02") == "AW-02"
    assert identifier("AW'02") == "AW'02"
    assert identifier("'=already quoted") == "'=already quoted"
    assert identifier("''AW-02") == "''AW-02"
    assert identifier("'") == "'"
