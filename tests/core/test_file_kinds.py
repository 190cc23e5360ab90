"""A file whose name says workbook or zip but whose bytes hold something else is named as
what it holds, with the fix: a renamed CSV read "not a readable .xlsx workbook
(BadZipFile)", a zipped folder renamed .xlsx "(KeyError)", and a workbook renamed .zip
"teams.csv is missing" and "projects.csv is missing"."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from builders import saved_as
from loading_files import zip_refusals

from planner.core.editing import imported
from planner.core.errors import InvalidInputError
from planner.core.loading import data_workbook, load_with_warnings
from planner.core.writing import folder_zip

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample-without-weeks"

#: (the name it is given, what it really is, words the one problem must say, and its fix)
CASES = [
    ("quarter.xlsx", "teams.csv", "this is text (CSV?), not an .xlsx workbook", ".csv name"),
    ("quarter.xlsx", "zip", "a zip of CSV files, not an .xlsx workbook", "Rename it to .zip"),
    ("quarter.xlsx", "xls", "an Excel 97-2003 workbook (.xls)", "Excel workbook (.xlsx)"),
    ("quarter.zip", "workbook", "this is an Excel workbook, not a zip", "Rename it to .xlsx"),
    ("quarter.zip", "teams.csv", "this is text (CSV?), not a zip", ".csv name"),
    ("quarter.zip", "xls", "an Excel 97-2003 workbook (.xls), not a zip", "(.xlsx)"),
    ("quarter.zip", "junk", "it is not a readable zip file", "Zip the data folder again"),
    # A workbook saved with a password was named an Excel 97-2003 workbook, with the fix to
    # save it as .xlsx, which it already was: saved again, it read the same.
    ("quarter.xlsx", "encrypted", "protected with a password", "Remove the password"),
    ("quarter.zip", "encrypted", "protected with a password", "Remove the password"),
    # An Excel Binary Workbook renamed: 'not a readable .xlsx workbook' (the .xlsx), 'it is
    # not a readable zip file' (the .zip), though Excel opens it and unzip lists it.
    ("quarter.xlsx", "xlsb", "an Excel Binary Workbook (.xlsb)", "Excel workbook (.xlsx)"),
    ("quarter.zip", "xlsb", "an Excel Binary Workbook (.xlsb), not a zip", "(.xlsx)"),
    # A zip with a password (zip -e, 7-Zip, Windows): the data zip read each file as "cannot
    # be read (File <ZipInfo ...> is encrypted, password required for extraction)" with the
    # fix "check its permissions"; the workbook as "internal error (RuntimeError ...)".
    ("quarter.zip", "locked zip", "this zip is protected with a password", "without a password"),
    ("quarter.xlsx", "locked workbook", "protected with a password", "Remove the password"),
]


@pytest.fixture(scope="module")
def sample():
    """The sample quarter without weeks, as a problem."""
    return load_with_warnings(SAMPLE).problem


def _bytes_of(kind: str, sample) -> bytes:
    if kind == "teams.csv":
        return (SAMPLE / "teams.csv").read_bytes()
    if kind == "zip":
        return folder_zip(sample)
    if kind == "workbook":
        return data_workbook(sample)
    if kind == "xls":  # the header of every Office 97-2003 file
        return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600)
    if kind == "xlsb":  # the parts Excel writes for a binary workbook
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as archive:
            archive.writestr("[Content_Types].xml", "<Types/>")
            archive.writestr("xl/workbook.bin", b"\x83\x01\x00")
            archive.writestr("xl/worksheets/sheet1.bin", b"\x81\x01\x00")
        return out.getvalue()
    if kind == "encrypted":  # an OLE2 file whose directory names Office's encryption streams
        names = ("\x06DataSpaces", "EncryptionInfo", "EncryptedPackage")
        entries = b"".join(n.encode("utf-16-le").ljust(128, b"\0") for n in names)
        return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + entries + bytes(600)
    if kind == "locked zip":
        return _locked(folder_zip(sample))
    if kind == "locked workbook":
        return _locked(data_workbook(sample))
    return b"PK\x03\x04 a cut download"


def _locked(data: bytes) -> bytes:
    """``data``, a zip, with every entry marked encrypted (bit 0 of its flags), as a zip
    with a password marks them; the bytes stay readable, so only the flag can tell."""
    out = bytearray(data)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist():
            out[info.header_offset + 6] |= 1  # the local header's flags
    central = out.find(b"PK\x01\x02")
    while central != -1:
        out[central + 8] |= 1  # the central directory's copy, which zipfile reads
        central = out.find(b"PK\x01\x02", central + 4)
    return bytes(out)


@pytest.mark.parametrize(("name", "kind", "words", "fix"), CASES)
def test_a_renamed_file_given_as_the_data_is_named_as_what_it_holds(
    name, kind, words, fix, sample, tmp_path
):
    """``planner solve quarter.xlsx`` on a renamed file: one problem, naming the file, what
    it really is and the fix; never an exception's class name."""
    path = tmp_path / name
    path.write_bytes(_bytes_of(kind, sample))
    with pytest.raises(InvalidInputError) as caught:
        load_with_warnings(path)
    (problem,) = caught.value.issues
    assert problem.file == name
    assert words in problem.message and fix in problem.fix
    assert "Error" not in problem.message and "missing" not in problem.message


@pytest.mark.parametrize(("name", "kind", "words", "fix"), CASES)
def test_a_renamed_upload_is_named_as_what_it_holds(name, kind, words, fix, sample):
    """The Data page's upload reads workbooks and zips as the command line does, and says
    the same, under the uploaded file's name (a zip was 'the zip file')."""
    with pytest.raises(InvalidInputError) as caught:
        imported(sample, name, _bytes_of(kind, sample), "teams.csv")
    (problem,) = caught.value.issues
    assert problem.file == name and words in problem.message and fix in problem.fix


def test_a_real_workbook_and_a_real_zip_still_load(sample, tmp_path):
    """Looking at the bytes first changes nothing for files that are what they say."""
    (tmp_path / "q.xlsx").write_bytes(data_workbook(sample))
    (tmp_path / "q.zip").write_bytes(folder_zip(sample))
    assert load_with_warnings(tmp_path / "q.xlsx").problem == sample
    assert load_with_warnings(tmp_path / "q.zip").problem == sample


@pytest.mark.parametrize("state", ["hidden", "veryHidden"])
def test_a_hidden_data_sheet_is_read_with_a_warning_naming_it(state, sample, tmp_path):
    """A rules sheet hidden in the workbook still pinned and forbade, and nothing said so:
    the leader planned with rows they could not see (a 'very hidden' one cannot even be
    unhidden from Excel's menus)."""
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data_workbook(sample)))
    book["rules"].sheet_state = state
    path = tmp_path / "quarter.xlsx"
    book.save(path)
    loaded = load_with_warnings(path)
    assert loaded.problem.rules == sample.rules and sample.rules
    (warning,) = [w for w in loaded.warnings if "hidden" in w.message]
    assert warning.file == "quarter.xlsx, sheet rules" and warning.fix


@pytest.mark.parametrize("method", [zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED])
def test_a_damaged_file_in_a_zip_is_named_as_damaged_with_the_fix(method, sample, tmp_path):
    """A zip whose projects.csv was damaged in transit (one byte changed; a size that lies)
    read "the file cannot be read (Bad CRC-32 for file 'projects.csv')" with the fix to
    check its permissions, which a file in a zip does not have."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(folder_zip(sample))) as source,
        zipfile.ZipFile(out, "w", method) as copy,
    ):
        for info in source.infolist():
            copy.writestr(info.filename, source.read(info))
    data = bytearray(out.getvalue())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        info = next(i for i in archive.infolist() if i.filename.endswith("projects.csv"))
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[start + info.compress_size // 2] ^= 0x55
    for refused in zip_refusals(tmp_path, sample, bytes(data)):
        (problem,) = refused.issues
        assert problem.file == "projects.csv"
        assert "is damaged in the zip" in problem.message
        assert problem.fix == "Zip the data folder again (or download the zip again)."


#: (the TOML text saved as a table, words the one problem must say, words of its fix)
TOML_AS_TABLE = [
    # The sample's settings.toml: its first comment holds a semicolon.
    (None, "reads as a settings file (TOML", "settings.toml in the data folder"),
    ("[solve]\ntime_limit_s = 5\n", "reads as a settings file (TOML", "--settings FILE"),
    ("[solve]\ntime_limit_s = = 5\n", "reads as a settings file (TOML", "--settings FILE"),
    ('weeks_elapsed = 5\n[projects]\nP1 = "done"\n', "reads as a check-in", "--checkin FILE"),
]


@pytest.mark.parametrize(("toml", "words", "fix"), TOML_AS_TABLE)
def test_a_toml_file_given_as_a_table_is_named_as_toml_with_where_it_belongs(
    toml, words, fix, sample, tmp_path
):
    """A settings file saved as teams.csv read "the columns are separated by semicolons,
    not commas" (its first comment holds a semicolon), or as every required column missing:
    both sent the leader to Excel's list separator or the header. It is named as what it
    is, with where it belongs and the table that goes there, in a folder and as an upload."""
    text = toml or (SAMPLE / "settings.toml").read_text(encoding="utf-8")
    folder = tmp_path / "quarter"
    folder.mkdir()
    for source in SAMPLE.iterdir():
        (folder / source.name).write_bytes(source.read_bytes())
    (folder / "teams.csv").write_text(text, encoding="utf-8")
    uploaded = lambda: imported(sample, "teams (final).csv", text.encode(), "teams.csv")  # noqa: E731
    for load in (lambda: load_with_warnings(folder), uploaded):
        with pytest.raises(InvalidInputError) as caught:
            load()
        (problem,) = caught.value.issues
        assert words in problem.message and fix in problem.fix
        assert "semicolons" not in problem.message and "missing" not in problem.message
    assert "team_id," in problem.fix or "a CSV table" in problem.fix


def test_a_zip_packed_with_a_method_python_cannot_unpack_says_so_not_damaged(sample, tmp_path):
    """A zip whose files are packed with Deflate64 (Windows' own zipping of large folders,
    7-Zip's choice) read "the file is damaged in the zip ... (That compression method is
    not supported)" for every file, with the fix to download it again: nothing is damaged,
    and a new download is the same. Said as the packing, with the fix to zip it again."""
    data = bytearray(folder_zip(sample))
    for signature, offset in ((b"PK\x03\x04", 8), (b"PK\x01\x02", 10)):
        at = data.find(signature)
        while at >= 0:
            data[at + offset : at + offset + 2] = (9).to_bytes(2, "little")  # Deflate64
            at = data.find(signature, at + 4)
    for refused in zip_refusals(tmp_path, sample, bytes(data)):
        teams = next(i for i in refused.errors if i.file == "teams.csv")
        assert "damaged" not in teams.message and "not supported" not in teams.message
        assert "compression method" in teams.message and "Deflate64" in teams.message
        assert teams.fix is not None and "Deflate" in teams.fix


def _plan_csv(sample) -> bytes:
    from planner.core.plan_csv import plan_csv_text
    from planner.solving.solver import solve

    return plan_csv_text(sample, solve(sample, time_limit_s=5).plan).encode("utf-8")


@pytest.mark.parametrize("table", ["projects.csv", "estimates.csv"])
def test_a_plan_uploaded_as_a_table_is_named_as_a_plan(table, sample):
    """plan.csv uploaded on the Data page was recognised as projects.csv by its header (it
    has project_id, stage, effort_hours, value): 30 problems, nine of them 'the column
    'team_name' is not one Goal Planner knows', none saying it was a plan. One now."""
    with pytest.raises(InvalidInputError) as caught:
        imported(sample, "rest-of-quarter.csv", _plan_csv(sample), table)
    (problem,) = caught.value.issues
    assert problem.file == "rest-of-quarter.csv"
    assert "a plan the planner wrote" in problem.message and "not one of" in problem.message
    assert "Upload" in problem.fix


def test_a_plan_given_as_the_data_is_named_as_a_plan(sample, tmp_path):
    """``planner validate plan.csv`` read "is a .csv file; Goal Planner reads .xlsx
    workbooks ...", with the fix to save it as an Excel workbook: it is a plan."""
    path = tmp_path / "plan.csv"
    path.write_bytes(_plan_csv(sample))
    with pytest.raises(InvalidInputError) as caught:
        load_with_warnings(path)
    (problem,) = caught.value.issues
    assert "a plan the planner wrote" in problem.message and "--baseline" in problem.fix
    assert "Excel" not in problem.fix
    other = tmp_path / "notes.csv"
    other.write_text("a,b\n1,2\n", encoding="utf-8")  # any other CSV keeps its words
    with pytest.raises(InvalidInputError) as caught:
        load_with_warnings(other)
    assert "Excel Workbook" in caught.value.issues[0].fix


def _template(book: bytes, macros: bool) -> bytes:
    """``book`` as Excel saves it as a template (.xltx), or with macros (.xltm)."""
    kind = (
        "application/vnd.ms-excel.template.macroEnabled.main+xml"
        if macros
        else "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml"
    )
    return saved_as(book, kind)


@pytest.mark.parametrize("name", ["Q3 plan.xltx", "Q3 plan.XLTM"])
def test_an_excel_template_is_read_as_the_workbook_it_is(name, sample, tmp_path):
    """A quarter kept as an Excel template (the team's 'Q3 plan.xltx', filled in each
    quarter) read "is a file, not a folder. Fix: Give the folder that holds teams.csv", where
    an .xls or .ods is named as what it is. Its sheets are a workbook's: read as one, on the
    command line and through the Data page's upload."""
    data = _template(data_workbook(sample), macros=name.lower().endswith("m"))
    (tmp_path / name).write_bytes(data)
    assert load_with_warnings(tmp_path / name).problem == sample
    assert imported(sample, name, data, "teams.csv")[0] == sample


@pytest.mark.parametrize(
    ("name", "kind", "rename"),
    [
        ("quarter", "workbook", "quarter.xlsx"),
        ("Q3 data.download", "workbook", "Q3 data.xlsx"),
        ("quarter", "zip", "quarter.zip"),
        # A name ending in a dot (the extension cut off after it): not "quarter..xlsx".
        ("quarter.", "workbook", "quarter.xlsx"),
    ],
)
def test_a_workbook_or_zip_without_its_extension_is_named_as_what_it_holds(
    name, kind, rename, sample, tmp_path, capsys
):
    """A browser's download saved without its extension ('quarter', 'Q3 data.download')
    read "is a file, not a folder. Fix: Give the folder that holds teams.csv": the file
    itself was the data, under a name that did not say so."""
    from planner.interfaces.cli import main

    (tmp_path / name).write_bytes(_bytes_of(kind, sample))
    with pytest.raises(InvalidInputError) as caught:
        load_with_warnings(tmp_path / name)
    (problem,) = caught.value.issues
    what = "an Excel workbook" if kind == "workbook" else "a zip of a data folder"
    assert f"it holds {what}, but its name does not say so" in problem.message, problem
    assert problem.fix == f"Rename it to {rename}, and give that.", problem.fix
    assert main(["validate", str(tmp_path / name)]) == 2
    assert f"Rename it to {rename}" in capsys.readouterr().err


def test_a_file_that_is_neither_is_still_not_a_folder(tmp_path):
    (tmp_path / "notes").write_bytes(b"\x00\x01 not a table")
    with pytest.raises(InvalidInputError) as caught:
        load_with_warnings(tmp_path / "notes")
    assert "is a file, not a folder" in caught.value.issues[0].message


def _zip_of(*folders: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for folder in folders:
            archive.writestr(folder, "")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "words"),
    [(_zip_of(), "the zip holds no files."), (_zip_of("q3/"), "(only empty folders)")],
    ids=["empty", "an empty folder"],
)
def test_a_zip_holding_no_files_says_so_not_unreadable(data, words, sample, tmp_path):
    """An empty zip (any tool opens it) read "it is not a readable zip file" with the fix to
    zip the folder again, which made the same; a zip of an empty folder read "teams.csv is
    missing" and "projects.csv is missing". Both say the zip holds no files, on the command
    line and in the Data page's upload alike."""
    path = tmp_path / "quarter.zip"
    path.write_bytes(data)
    with pytest.raises(InvalidInputError) as caught:
        load_with_warnings(path)
    with pytest.raises(InvalidInputError) as uploaded:
        imported(sample, "quarter.zip", data, "teams.csv")
    for problems in (caught.value.issues, uploaded.value.issues):
        (problem,) = problems
        assert problem.file == "quarter.zip" and words in problem.message
        assert "teams.csv, projects.csv" in problem.fix
