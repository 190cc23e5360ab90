"""Names and KPIs holding a control or line-separator character (attack round 23).

A team named 'SDR' vertical-tab 'Team' (a Mac export), a project whose name holds U+2028
(pasted from a web page) or a KPI with U+2029 validated without a word, and the name then
broke the line it stood on in tables and sentences later. Such a name is refused on its file,
row and column, with the name to retype on one line. A tab or a line break typed in a cell
(Alt+Enter) is refused the same way (attack round 24).
"""

from __future__ import annotations

import pytest
from builders import cli_said, sample_copy, set_cell


@pytest.mark.parametrize(
    ("file", "row", "column", "typed", "said", "retyped"),
    [
        ("teams.csv", 2, "name", "SDR\x0bTeam", "'SDR\\x0bTeam' holds a vertical tab", "SDR Team"),
        (
            "projects.csv",
            3,
            "name",
            "Launch\u2028webinar",
            "'Launch\\u2028webinar' holds a line separator (U+2028)",
            "Launch webinar",
        ),
        (
            "goals.csv",
            2,
            "kpi",
            "web\u2029visitors",
            "'web\\u2029visitors' holds a paragraph separator (U+2029)",
            "web visitors",
        ),
        (
            "goals.csv",
            3,
            "name",
            "MQL\x85count\x07",
            "'MQL\\x85count\\x07' holds a next-line character (U+0085) and the control "
            "character U+0007, which break",
            "MQL count",
        ),
    ],
)
def test_a_name_with_a_line_control_is_refused_on_its_cell(
    tmp_path, capsys, file, row, column, typed, said, retyped
):
    """Each is refused with the file, row and column, what the name holds and the name to
    retype; nothing else in the folder is said wrong."""
    data = sample_copy(tmp_path)
    set_cell(data / file, row, column, typed)
    code, err = cli_said(["validate", str(data)], capsys)
    assert code == 2, err
    assert f"{file}, row {row}, column {column}: {said}" in err, err
    assert "Fix: Retype it on one line without" in err and f"e.g. '{retyped}'" in err, err
    assert "1 problem found; nothing was written." in err, err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("file", "row", "column", "typed", "said"),
    [
        ("teams.csv", 2, "name", "SDR\nTeam", "'SDR\\nTeam' holds a line break (U+000A)"),
        ("projects.csv", 3, "name", "Launch\twebinar", "'Launch\\twebinar' holds a tab (U+0009)"),
        (
            "goals.csv",
            2,
            "name",
            "Grow\r\nvisitors",
            "'Grow\\r\\nvisitors' holds a carriage return (U+000D) and a line break (U+000A)",
        ),
    ],
)
def test_a_tab_or_line_break_typed_in_a_name_is_refused(
    tmp_path, capsys, file, row, column, typed, said
):
    """Alt+Enter in a spreadsheet cell writes a line break (a CSV cell holds it quoted), a
    paste from a web page a tab: they were accepted while a vertical tab was refused, and
    split the name's row in `planner validate`, the plan's table and a chart's label."""
    data = sample_copy(tmp_path)
    set_cell(data / file, row, column, typed)
    code, err = cli_said(["validate", str(data)], capsys)
    assert code == 2, err
    assert f"{file}, row {row}, column {column}: {said}" in err, err
    assert "Fix: Retype it on one line without" in err, err


def test_a_reference_to_an_id_with_a_control_is_not_told_to_write_it(tmp_path, capsys):
    """teams.csv's 'sdr' retyped with a vertical tab inside ('sd\\x0br') is refused on its row;
    each reference to 'sdr' read "did you rename 'sdr' to 'sd\\x0br'? ... Fix: Write
    'sd\\x0br'": told to type the refused character into the other files too."""
    data = sample_copy(tmp_path)
    set_cell(data / "teams.csv", 2, "team_id", "sd\x0br")
    code, err = cli_said(["validate", str(data)], capsys)
    assert code == 2, err
    assert "Write 'sd\\x0br'" not in err, err
    assert (
        "rules.csv, row 5, column team_id: the team 'sdr' is not in teams.csv, which has "
        "'sd\\x0br', an id refused for a character nobody can see (\\x0b). Fix: Retype that "
        "id in teams.csv as 'sdr'; this reference is right."
    ) in err, err
