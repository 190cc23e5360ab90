"""A settings file saved twice with a byte-order mark each reads as its one mark does.

A data file or a check-in starting with two marks read as with one; a settings file
(the data's settings.toml, or one given with --settings) was refused: "not valid TOML
(Invalid statement (at line 1, column 1)): this line holds a character nobody can see
there, \\ufeff (column 1)".
"""

from __future__ import annotations

import shutil

import pytest
from builders import SAMPLE

from planner.core.loading import load_with_warnings

_TWO_MARKS = b"\xef\xbb\xbf\xef\xbb\xbf"


@pytest.mark.parametrize("given", [False, True])
@pytest.mark.parametrize("end", [b"", b"\x1a"])
def test_a_settings_file_starting_with_two_byte_order_marks_is_read(tmp_path, given, end):
    """With an end-of-file mark (Ctrl-Z, as DOS programs write) too: it was refused for a
    character nobody can see on its last line."""
    folder = tmp_path / "q3"
    shutil.copytree(SAMPLE, folder)
    text = b"[solve]\nseed = 7\n" + end
    if given:
        (tmp_path / "whatif.toml").write_bytes(_TWO_MARKS + text)
        loaded = load_with_warnings(folder, tmp_path / "whatif.toml")
    else:
        settings = folder / "settings.toml"
        assert b"seed = 0\n" in settings.read_bytes()
        changed = settings.read_bytes().replace(b"seed = 0", b"seed = 7")
        settings.write_bytes(_TWO_MARKS + changed + end)
        loaded = load_with_warnings(folder)
    assert loaded.problem.settings.solve.seed == 7
