"""A data file that is a link to a file outside the data folder (attack round 24).

teams.csv linked to another file of the machine read "the required column 'team_id' is
missing" and "the column 'vm' is not one Goal Planner knows" (the other file's first
line), naming neither the link nor the file it leads to. A link out of the folder is now
named with the file it is read from, as a warning (a teams.csv shared by several quarters'
folders is a link on purpose); a link within the folder says nothing.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from planner.core.errors import InvalidInputError
from planner.core.loading import load_with_warnings

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"


def _folder(tmp_path: Path) -> Path:
    return Path(shutil.copytree(SAMPLE, tmp_path / "data"))


def _links_said(issues) -> list:
    return [i for i in issues if "is a link to" in i.message]


def test_a_link_to_a_file_outside_the_folder_is_named_with_it(tmp_path):
    data = _folder(tmp_path)
    shared = tmp_path / "shared"
    shared.mkdir()
    (data / "teams.csv").rename(shared / "teams.csv")
    (data / "teams.csv").symlink_to(shared / "teams.csv")
    (warning,) = _links_said(load_with_warnings(data).warnings)
    assert (warning.file, warning.row) == ("teams.csv", None)
    assert warning.message == (
        f"it is a link to {shared.resolve() / 'teams.csv'}, outside the data folder, and is "
        "read from there."
    )


def test_a_link_to_another_kind_of_file_is_named_beside_its_problems(tmp_path):
    data = _folder(tmp_path)
    other = tmp_path / "notes.txt"
    other.write_text("vm\n", encoding="utf-8")
    (data / "teams.csv").unlink()
    (data / "teams.csv").symlink_to(other)
    try:
        load_with_warnings(data)
    except InvalidInputError as exc:
        assert _links_said(exc.issues), exc.issues
        assert any("'team_id' is missing" in i.message for i in exc.errors)
    else:
        raise AssertionError("a teams.csv without teams loaded")


def test_a_link_within_the_folder_says_nothing(tmp_path):
    data = _folder(tmp_path)
    (data / "teams.csv").rename(data / "teams-q3.csv")
    (data / "teams.csv").symlink_to("teams-q3.csv")
    assert _links_said(load_with_warnings(data).warnings) == []
