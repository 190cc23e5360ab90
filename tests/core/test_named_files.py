"""Files named on the command line besides the data, given as the wrong kind of file."""

from __future__ import annotations

import pytest

from planner.core.errors import InvalidInputError
from planner.core.named_files import read_named_text


def test_a_workbook_given_as_the_check_in_is_named_as_one(tmp_path):
    """plan.xlsx given as --checkin read "the check-in is not UTF-8 text. Fix: ... save
    it as UTF-8", which no save of a workbook fixes."""
    book = tmp_path / "plan.xlsx"
    book.write_bytes(b"PK\x03\x04" + bytes(range(256)) * 4)
    with pytest.raises(InvalidInputError) as raised:
        read_named_text(str(book), "check-in")
    (issue,) = raised.value.issues
    assert issue.file == "plan.xlsx"
    assert issue.message == "the check-in is a workbook or a zip, not a text file."
    assert "checkin-template" in issue.fix


@pytest.mark.parametrize("what", ["check-in", "baseline plan"])
def test_a_latin_1_file_names_the_line_and_the_byte_as_a_data_file_does(tmp_path, what):
    """A check-in or plan.csv saved as Latin-1 read only "is not UTF-8 text", where a data
    file names the row and the byte (attack round 12): a leader looked through 60 lines."""
    named = tmp_path / "week6.toml"
    named.write_bytes(b"weeks_elapsed = 6\n\n# \xc9quipe SDR\n")
    with pytest.raises(InvalidInputError) as raised:
        read_named_text(str(named), what)
    (issue,) = raised.value.issues
    assert issue.file == "week6.toml" and issue.row == 3
    assert issue.message == (
        f"the {what} is not UTF-8 text: this line holds the byte 0xC9 (the file looks saved "
        "as Windows-1252 or Latin-1)."
    )
    assert issue.fix == (
        "Use the file the planner wrote, or save it as UTF-8 (in Notepad: File > Save As, "
        "Encoding UTF-8)."
    )


def test_a_check_in_saved_in_an_east_asian_encoding_is_said_to_look_so(tmp_path):
    """A comment in Chinese saved as GBK read "(the file looks saved as Windows-1252 or
    Latin-1)", as a data file's cell did (attack round 30)."""
    named = tmp_path / "week6.toml"
    named.write_bytes("weeks_elapsed = 6\n# 销售团队\n".encode("gbk"))
    with pytest.raises(InvalidInputError) as raised:
        read_named_text(str(named), "check-in")
    (issue,) = raised.value.issues
    assert issue.row == 2 and issue.message.endswith(
        "(the file looks saved in an East Asian encoding such as GBK, Big5 or Shift-JIS)."
    ), issue.message


@pytest.mark.parametrize(
    ("what", "fix"),
    [
        ("check-in", "Use a check-in written by planner checkin-template."),
        ("baseline plan", "Use the plan.csv or plan.xlsx the planner wrote."),
    ],
)
def test_a_file_past_the_cap_says_its_size_and_the_cap(tmp_path, what, fix):
    """A 100 MB baseline read "the baseline plan is larger than 20,971,520 bytes. Fix: Use a
    plan.csv or check-in file written by the planner", a check-in for a plan; the settings
    file says its size and the cap."""
    from planner.core.tables import MAX_FILE_BYTES

    named = tmp_path / "big.csv"
    named.write_bytes(b"x" * (MAX_FILE_BYTES + 10))
    with pytest.raises(InvalidInputError) as raised:
        read_named_text(str(named), what)
    (issue,) = raised.value.issues
    assert issue.message == (
        f"the {what} has more than {MAX_FILE_BYTES:,} bytes (20 MB); at most that many are read."
    )
    assert issue.fix == fix


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("what", ["check-in", "baseline plan"])
def test_utf_16_without_its_byte_order_mark_is_named_utf_16(tmp_path, what, encoding):
    """A check-in saved as UTF-16 without a BOM decodes as UTF-8 (text and zero bytes) and
    read "not valid TOML (Found invalid character '\\x00' (at line 1, column 2))", where one
    with its BOM, and a data file either way, read "saved as UTF-16 text" (attack round 14)."""
    named = tmp_path / "week6.toml"
    named.write_bytes('weeks_elapsed = 6\n[projects]\n"AW-01" = "done"\n'.encode(encoding))
    with pytest.raises(InvalidInputError) as raised:
        read_named_text(str(named), what)
    (issue,) = raised.value.issues
    assert issue.file == "week6.toml"
    assert issue.message == f"the {what} is saved as UTF-16 text."


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_settings_in_utf_16_without_its_byte_order_mark_are_named_utf_16(tmp_path, encoding):
    from planner.core.reading import read_settings_file

    named = tmp_path / "settings.toml"
    named.write_bytes("[solve]\ntime_limit_s = 5\n".encode(encoding))
    issues: list = []
    assert read_settings_file(named, "settings.toml", issues) is None
    (issue,) = issues
    assert issue.message == "the file is saved as UTF-16 text.", issue.message
    assert "UTF-8" in issue.fix


@pytest.mark.parametrize("what", ["check-in", "baseline plan"])
def test_a_missing_file_typed_with_a_slash_after_it_is_named_as_typed(tmp_path, what):
    """`--baseline nope.csv/` read "nope.csv: the baseline plan nope.csv does not exist":
    the slash the leader typed was gone from the message, so it named another path."""
    typed = str(tmp_path / "nope.csv") + "/"
    with pytest.raises(InvalidInputError) as raised:
        read_named_text(typed, what)
    (issue,) = raised.value.issues
    assert issue.file == typed
    assert issue.message == f"the {what} {typed} does not exist."


@pytest.mark.parametrize("slash", ["", "/"])
def test_a_folder_given_as_the_check_in_is_named_by_its_whole_path_as_typed(tmp_path, slash):
    """A folder given to --checkin was labelled by its last part only ("dir: the check-in
    ... is a folder"), which could be any folder of that name; it is named whole, as typed
    (a `..` in it kept)."""
    (tmp_path / "week6" / "dir").mkdir(parents=True)
    typed = f"{tmp_path}/week6/../week6/dir{slash}"
    with pytest.raises(InvalidInputError) as raised:
        read_named_text(typed, "check-in")
    (issue,) = raised.value.issues
    assert issue.file == typed
    assert issue.message == f"the check-in {typed} is a folder."
