"""Bad files, headers and rows: each broken one ends as one InvalidInputError that says
where, and a file past a cap is refused before it is read whole.

Each case starts from a tiny valid folder (tests/bad_input_cases.py), breaks one thing,
and checks that the problem is reported at the file, row (header = row 1) and column a
leader would look at, with words that say what is wrong.
"""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest
from bad_input_cases import (
    BASE,
    TEAM_HEADER,
    Case,
    add,
    assert_reported_at_its_cell,
    located,
    make_folder,
    row,
    text,
    whole,
)

from planner.core.errors import InvalidInputError
from planner.core.loading import (
    MAX_CELLS,
    MAX_FILE_BYTES,
    MAX_ROWS,
    load_with_warnings,
)

CASES = [
    # -- files ---------------------------------------------------------------
    Case("empty teams file", whole("teams.csv", ""), "teams.csv", None, None, "empty"),
    Case("empty optional file", whole("goals.csv", b""), "goals.csv", None, None, "empty"),
    Case(
        "a file of one column whose rows have commas (a linked /etc/passwd)",
        whole(
            "rules.csv", "root:x:0:0:root:/root:/bin/bash\nuser:x:1000:1000:A, B:/home:/bin/sh\n"
        ),
        "rules.csv",
        1,
        None,
        "row 1 is not the header of rules.csv: it names none of its columns "
        "('root:x:0:0:root:/root:/bin/bash'), and the rows under it have 2 cells where it "
        "has 1 name.",
    ),
    # "[solve]  # the solver" given twice read "Keep one [solve]  # again": the comment
    # quoted as part of the section's name.
    Case(
        "a settings section given twice, each with a comment",
        whole("settings.toml", "[solve]  # the solver\nseed = 1\n[solve]  # again\nworkers = 1\n"),
        "settings.toml",
        None,
        None,
        "line 3 gives [solve] again, line 1 gives it already. Keep one [solve]: each key",
    ),
    # A header typed over (or the rows pasted from row 1 on) read "the row has 7 cells but
    # the header has 3 columns. Fix: Put quotes around cells that contain commas" on
    # every row, never a word of the header.
    Case(
        "a header naming none of the columns over rows of another length",
        row("teams.csv", 1, "id,title,hours"),
        "teams.csv",
        1,
        None,
        "row 1 is not the header of teams.csv: it names none of its columns ('id', 'title', "
        "'hours'), and the rows under it have 7 cells where it has 3 names. Put the column "
        "names on row 1: team_id,name,department,capacity_hours,skills,stages,max_projects "
        "(insert a row for them if row 1 holds data).",
    ),
    Case(
        "teams header only",
        whole("teams.csv", TEAM_HEADER + "\n"),
        "teams.csv",
        None,
        None,
        "no teams",
    ),
    Case(
        "projects header only",
        whole("projects.csv", BASE["projects.csv"][0] + "\n"),
        "projects.csv",
        None,
        None,
        "no projects",
    ),
    Case("projects missing", whole("projects.csv", None), "projects.csv", None, None, "missing"),
    Case(
        "UTF-16",
        whole("teams.csv", text(BASE["teams.csv"]).encode("utf-16")),
        "teams.csv",
        None,
        None,
        "UTF-16",
    ),
    # UTF-32 starts with UTF-16's byte-order mark: it read "saved as UTF-16 text".
    Case(
        "UTF-32",
        whole("teams.csv", text(BASE["teams.csv"]).encode("utf-32")),
        "teams.csv",
        None,
        None,
        "the file is saved as UTF-32 text.",
    ),
    # Read "the file holds binary data ... do not rename other kinds of file to .csv".
    # Read "the row has 4 cells but the header has 3 columns. Fix: Put quotes around cells".
    Case(
        "an estimates table pasted under the rules",
        add("rules.csv", "", "project_id,team_id,effort_hours,value", "P2,T1,10,"),
        "rules.csv",
        4,
        None,
        "row 4 is the header of estimates.csv (project_id, team_id, effort_hours, value): two "
        "tables are pasted into one file. Move rows 4-5 into estimates.csv",
    ),
    Case(
        "UTF-32 without BOM, big-endian",
        whole("teams.csv", text(BASE["teams.csv"]).encode("utf-32-be")),
        "teams.csv",
        None,
        None,
        "the file is saved as UTF-32 text.",
    ),
    Case(
        "UTF-16 without BOM",
        whole("teams.csv", text(BASE["teams.csv"]).encode("utf-16-le")),
        "teams.csv",
        None,
        None,
        "UTF-16",
    ),
    Case(
        "cp1252",
        {"teams.csv": text([*BASE["teams.csv"][:2], "T2,Müller,sales,300,,,"]).encode("cp1252")},
        "teams.csv",
        3,
        "name",
        "not UTF-8",
    ),
    # A name in Chinese saved as GBK read "(the file looks saved as Windows-1252 or
    # Latin-1)", showing 'ÏúÊÛÍÅ¶Ó': no European encoding writes four such bytes in a row.
    Case(
        "GBK",
        {"teams.csv": text([*BASE["teams.csv"][:2], "T2,销售团队,sales,300,,,"]).encode("gbk")},
        "teams.csv",
        3,
        "name",
        "(the file looks saved in an East Asian encoding such as GBK, Big5 or Shift-JIS)",
    ),
    # 1,400 typed without quotes read only "the row has 8 cells but the header has 7
    # columns. Put quotes around cells that contain commas, e.g. "Smith, Jones"".
    Case(
        "a figure with a thousands comma, unquoted",
        row("teams.csv", 2, "T1,Brand,marketing,1,400,seo:4; content:3,,"),
        "teams.csv",
        2,
        "capacity_hours",
        "'1,400' is a figure written with a comma between thousands, which splits it into 2 "
        "cells. Write it as 1400",
    ),
    Case(
        "semicolon delimiter",
        whole("teams.csv", text([line.replace(",", ";") for line in BASE["teams.csv"]])),
        "teams.csv",
        1,
        None,
        "semicolons",
    ),
    Case(
        "binary file renamed .csv",
        whole("teams.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00"),
        "teams.csv",
        None,
        None,
        "binary",
    ),
    # A program's bytes hold many zeros: /bin/ls renamed teams.csv read "saved as UTF-16 text",
    # with the fix to save it as UTF-8.
    Case(
        "program renamed .csv",
        whole("teams.csv", b"\x7fELF\x02\x01\x01" + bytes([0x90, 0, 0xE8, 0, 0xFF, 0]) * 400),
        "teams.csv",
        None,
        None,
        "binary data",
    ),
    # A text file with a stray NUL (a cell pasted from another program, a block lost on a
    # disk) read "the file holds binary data ... do not rename other kinds of file to .csv",
    # naming no row; each cell holding one is named, as plan.csv's rows are.
    Case(
        "a NUL byte in a name",
        row("teams.csv", 2, "T1,Br\x00and,marketing,400,seo:4; content:3,,"),
        "teams.csv",
        2,
        "name",
        "the cell holds a NUL byte (\\x00), which no text file holds",
    ),
    Case(
        "a NUL byte in a column name",
        row("teams.csv", 1, TEAM_HEADER.replace("capacity_hours", "capacity\x00_hours")),
        "teams.csv",
        1,
        "D",
        "Retype the cell",
    ),
    Case(
        "Excel workbook renamed .csv",
        whole("projects.csv", b"PK\x03\x04\x14\x00\x06\x00[Content_Types].xml"),
        "projects.csv",
        None,
        None,
        "Excel",
    ),
    # -- headers -------------------------------------------------------------
    Case(
        "duplicate header",
        row("teams.csv", 1, TEAM_HEADER.replace("max_projects", " Name ")),
        "teams.csv",
        1,
        "name",
        "appears 2 times",
    ),
    Case(
        "missing required column",
        whole(
            "teams.csv",
            "team_id,name,department,skills\nT1,Brand,marketing,\nT2,Closers,sales,\n",
        ),
        "teams.csv",
        1,
        "capacity_hours",
        "required column",
    ),
    Case(
        "values under a missing header",
        whole(
            "rules.csv",
            "project_id,team_id,rule,\nP3,T2,pin,because\n",
        ),
        "rules.csv",
        1,
        "D",
        "no name",
    ),
    Case(
        "header row empty",
        whole("rules.csv", ",,\nP3,T2,pin\n"),
        "rules.csv",
        1,
        None,
        "header row is empty",
    ),
    # -- rows ----------------------------------------------------------------
    Case(
        "ragged row with an unquoted comma",
        row("teams.csv", 2, "T1,Brand, Inc,marketing,400,seo:4,,"),
        "teams.csv",
        2,
        None,
        "8 cells but the header has 7",
    ),
    *(
        Case(
            f"rows ended by {said} alone",
            whole("teams.csv", end.join(BASE["teams.csv"]) + end),
            "teams.csv",
            1,
            None,
            f"the file's rows are separated by {said}, which a CSV file does not take",
        )
        for end, said in (
            ("\u2028", "U+2028 (LINE SEPARATOR)"),
            ("\u0085", "U+0085 (NEXT LINE)"),
            ("\x0c", "form feeds (U+000C)"),
        )
    ),
    Case(
        "a header of thousands of columns over short rows",
        whole("rules.csv", "project_id,team_id,rule" + ",x" * 1_200 + "\nP3,T2,pin\n"),
        "rules.csv",
        1,
        "D",
        "the header has 1,203 columns, but no row has more than 3 cells: 1,200 column names "
        "from column D on ('x', 'x', 'x' and 1,197 more) head no cells.",
    ),
    Case(
        "a header of 20,007 columns over rows of 7 cells is told to lose them, not the rows",
        whole(
            "teams.csv",
            "team_id,name,department,capacity_hours,skills,stages,max_projects"
            + "".join(f",x{i}" for i in range(20_000))
            + "\nT1,Brand,marketing,400,seo:4,,\nT2,Closers,sales,300,,,\n",
        ),
        "teams.csv",
        1,
        "H",
        "Delete the header's names from column H on, or give each row its cells",
    ),
    Case(
        "every row short of a column of the file's own is told to add the cells",
        whole("rules.csv", "project_id,team_id,rule\nP3,T2\n"),
        "rules.csv",
        2,
        None,
        "Add the missing cells",
    ),
    Case(
        "ragged short row",
        row("teams.csv", 3, "T2,Closers,sales"),
        "teams.csv",
        3,
        None,
        "3 cells",
    ),
    Case(
        "quote never closed",
        row("teams.csv", 3, 'T2,"Closers,sales,300,,,2'),
        "teams.csv",
        3,
        None,
        "never closed",
    ),
    Case(
        "text after a closing quote",
        row("teams.csv", 2, 'T1,"Brand" Inc,marketing,400,,,'),
        "teams.csv",
        2,
        None,
        "after its closing quote",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_bad_input_is_reported_at_its_file_row_and_column(tmp_path: Path, case: Case) -> None:
    """A leader fixes a file by going to a cell; the error must name that cell and the fix."""
    assert_reported_at_its_cell(tmp_path, case)


def test_a_message_quotes_a_long_cell_in_part(tmp_path: Path) -> None:
    """A 100,000-character cell in the wrong column is quoted by its start, end and length:
    the message stays a line a leader can read, not the cell again (the app shows it too).
    """
    folder = make_folder(tmp_path, row("teams.csv", 2, "T1,Brand," + "x" * 100_000 + ",400,,,"))
    with pytest.raises(InvalidInputError) as caught:
        load_with_warnings(folder)
    errors = caught.value.errors
    assert {i.column for i in errors} == {"department"}
    assert any("not a department" in i.message for i in errors)
    assert all("100,000 characters" in i.message and len(str(i)) < 300 for i in errors)


def refused_with_peak(folder: Path) -> tuple[InvalidInputError, int]:
    """Loading ``folder``'s refusal, and the most memory (bytes) Python held while it read."""
    tracemalloc.start()
    try:
        with pytest.raises(InvalidInputError) as caught:
            load_with_warnings(folder)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return caught.value, peak


def test_a_file_over_the_row_cap_is_rejected_without_parsing_it_all(tmp_path: Path) -> None:
    """A runaway export must be refused quickly and in bounded memory, not freeze the app."""
    num_rows = 5 * MAX_ROWS
    folder = make_folder(tmp_path, {})
    with (folder / "teams.csv").open("w") as out:
        out.write("team_id,department,capacity_hours\n")
        out.writelines(f"T{i},sales,1\n" for i in range(num_rows))

    refused, peak = refused_with_peak(folder)

    assert located(refused.errors) == [("teams.csv", None, None)]
    assert f"more than {MAX_ROWS:,} data rows" in refused.errors[0].message
    # Parsing all 500,000 rows would take well over 100 MB of Python objects.
    assert peak < 64 * 2**20


def test_a_file_of_columns_nobody_plans_with_is_refused_at_the_cell_cap(tmp_path: Path) -> None:
    """Rows x columns is what reading costs, not the bytes alone: a 6 MB teams.csv of
    1,000 columns x 3,000 rows of '1' is 3 million cells. Six such files zipped to 800 KB
    took the app 76 s and 2.1 GB to refuse; the file is now refused once its cells pass
    the cap, before the rest is read."""
    folder = make_folder(tmp_path, {})
    extra = 1_000 - len(TEAM_HEADER.split(","))
    with (folder / "teams.csv").open("w") as out:
        out.write(TEAM_HEADER + "," + ",".join(f"note{i}" for i in range(extra)) + "\n")
        ones = ",1" * extra
        out.writelines(f"T{i},Team {i},sales,1,,,{ones}\n" for i in range(3_000))

    refused, peak = refused_with_peak(folder)

    assert located(refused.errors) == [("teams.csv", None, None)]
    (problem,) = refused.errors
    assert f"more than {MAX_CELLS:,} cells" in problem.message
    assert "1,000 columns" in problem.message
    assert "team_id, name, department" in problem.fix
    # The 3 million cells read whole take well over 200 MB of Python objects.
    assert peak < 64 * 2**20


def test_data_files_past_the_cell_cap_together_are_refused(tmp_path: Path) -> None:
    """The cap holds for the data files together: six files of 990,000 cells each, just
    under it one by one, zipped to 100 KB, took the Data page 9 s and 320 MB to refuse.
    The file in which the cells together pass it is named, and reading stops there."""
    folder = make_folder(tmp_path, {})
    extra = 600 - len(TEAM_HEADER.split(","))
    with (folder / "teams.csv").open("w") as out:
        out.write(TEAM_HEADER + "," + ",".join(f"note{i}" for i in range(extra)) + "\n")
        out.writelines(f"T{i},Team {i},sales,1,,,{',1' * extra}\n" for i in range(999))
    rules = (folder / "rules.csv").read_text().splitlines()
    extra = 600 - len(rules[0].split(","))
    with (folder / "rules.csv").open("w") as out:
        out.write(rules[0] + "," + ",".join(f"note{i}" for i in range(extra)) + "\n")
        out.writelines(f"{rules[1]}{',1' * extra}\n" for _ in range(999))

    with pytest.raises(InvalidInputError) as caught:
        load_with_warnings(folder)

    past = [i for i in caught.value.errors if "cells" in i.message]
    assert located(tuple(past)) == [("teams.csv", None, None)]
    assert f"the data files hold more than {MAX_CELLS:,} cells together" in past[0].message


def test_a_file_over_the_size_cap_is_rejected_before_it_is_read(tmp_path: Path) -> None:
    """A multi-gigabyte file must be refused from its size alone."""
    folder = make_folder(tmp_path, {})
    with (folder / "projects.csv").open("wb") as out:
        out.truncate(MAX_FILE_BYTES + 1)  # sparse: costs no disk

    refused, peak = refused_with_peak(folder)

    assert located(refused.errors) == [("projects.csv", None, None)]
    assert f"at most {MAX_FILE_BYTES:,} bytes" in refused.errors[0].message
    assert peak < MAX_FILE_BYTES // 8


def test_an_error_after_a_quoted_newline_names_the_spreadsheet_row(tmp_path: Path) -> None:
    """A name over two lines is still one spreadsheet row (refused there, as a name on one
    line is asked for); later rows must not shift."""
    folder = make_folder(
        tmp_path,
        {
            "teams.csv": text(
                [TEAM_HEADER, 'T1,"Brand\nand Content",marketing,400,,,', "T2,Closers,sales,x,,,"]
            )
        },
    )

    with pytest.raises(InvalidInputError) as caught:
        load_with_warnings(folder)

    assert located(caught.value.errors) == [
        ("teams.csv", 2, "name"),
        ("teams.csv", 3, "capacity_hours"),
    ]


def test_a_header_with_a_character_nobody_can_see_is_shown_and_named(tmp_path: Path) -> None:
    """'name' followed by a zero-width space read "the column 'name' is not one Goal Planner
    knows ... Did you mean 'name'?" on the Data page: the two names looked the same. The
    character is shown as an escape and the fix says to retype it."""
    header, *rows = BASE["teams.csv"]
    folder = make_folder(
        tmp_path, {"teams.csv": text([header.replace(",name,", ",name\u200b,"), *rows])}
    )
    warnings = load_with_warnings(folder).warnings
    (warning,) = [w for w in warnings if w.column == "name\\u200b"]
    assert "'name\\u200b' is not one Goal Planner knows" in warning.message
    assert warning.fix.startswith("Retype it as 'name': it holds a character nobody can see.")


def test_a_header_in_full_width_letters_is_offered_its_column(tmp_path: Path) -> None:
    """'ｎａｍｅ' typed with an input method's full-width letters was offered no column:
    nothing in its characters is alike to 'name' for a spelling match. Its fix names the
    column and why, as a full-width id's does."""
    header, *rows = BASE["teams.csv"]
    folder = make_folder(
        tmp_path, {"teams.csv": text([header.replace(",name,", ",ｎａｍｅ,"), *rows])}
    )
    warnings = load_with_warnings(folder).warnings
    (warning,) = [w for w in warnings if w.column == "ｎａｍｅ"]
    assert "No column is named name, so name is empty on every row." in warning.message
    assert warning.fix.startswith("Retype it as 'name': it is written in full-width characters.")


def test_a_teams_file_of_its_header_only_is_one_problem_holding_back_its_references(
    tmp_path: Path,
) -> None:
    """teams.csv with its header only read "there are no teams", then each estimate, rule
    and calendar row naming a team "not in teams.csv" (37 problems on the sample for one):
    the references are held back and counted on the one problem."""
    folder = make_folder(tmp_path, whole("teams.csv", TEAM_HEADER + "\n"))

    with pytest.raises(InvalidInputError) as caught:
        load_with_warnings(folder)

    (only,) = caught.value.errors
    assert only.file == "teams.csv" and "there are no teams" in only.message, only
    assert "2 references to teams elsewhere in the data are held back" in only.message, only
