"""A zip holding a folder named like a data file says so, never "missing".

A leader who zipped a folder in which teams.csv had become a folder (a sync
tool's conflict copy, an unzip gone wrong) read "teams.csv is missing", and
went looking for a file the zip plainly lists. A data folder on disk already
names such a folder as a folder; a zip now does too.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from loading_files import zip_refusals

from planner.core.editing import imported
from planner.core.errors import InvalidInputError
from planner.core.loading import load_with_warnings

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"


def _zip_with_folder(name: str, folder: str = "", inside: str | None = None) -> bytes:
    """The sample zipped with ``name`` a folder (holding ``inside`` when given)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for path in sorted(SAMPLE.iterdir()):
            if path.name != name:
                archive.writestr(folder + path.name, path.read_bytes())
        if inside is None:
            archive.writestr(folder + name + "/", b"")
        else:
            archive.writestr(f"{folder}{name}/{inside}", b"notes")
    return out.getvalue()


@pytest.mark.parametrize(
    ("folder", "inside"),
    [("", None), ("q3/", None), ("", "old.txt")],
    ids=["an-empty-folder-at-the-root", "in-the-data-folder", "a-folder-with-a-file-in-it"],
)
def test_a_folder_named_like_a_data_file_is_named_as_a_folder(tmp_path, folder, inside):
    """One error on teams.csv: the zip has a folder of that name, not the file; never missing."""
    data = _zip_with_folder("teams.csv", folder, inside)
    for refused in zip_refusals(tmp_path, load_with_warnings(SAMPLE).problem, data):
        (problem,) = refused.errors
        assert problem.file == "teams.csv"
        assert "is a folder in the zip, not a file" in problem.message
        assert "missing" not in problem.message
        assert "teams.csv file itself" in problem.fix


def test_a_folder_named_like_settings_is_named_too(tmp_path):
    """settings.toml is optional, so a folder of that name would be silently passed over."""
    path = tmp_path / "q3.zip"
    path.write_bytes(_zip_with_folder("settings.toml"))
    with pytest.raises(InvalidInputError) as caught:
        load_with_warnings(path)
    assert [(i.file, "is a folder in the zip" in i.message) for i in caught.value.errors] == [
        ("settings.toml", True)
    ]


def test_a_folder_named_like_a_data_file_beside_the_file_itself_is_no_problem(tmp_path):
    """The file is there; an empty folder of the same name beside it stands in no one's way."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for item in sorted(SAMPLE.iterdir()):
            archive.writestr(item.name, item.read_bytes())
        archive.writestr("old/teams.csv/", b"")
    path = tmp_path / "q3.zip"
    path.write_bytes(out.getvalue())
    assert len(load_with_warnings(path).problem.teams) == 10


@pytest.mark.parametrize(
    ("folder", "entry"),
    [("", "old/teams.csv/"), ("", "old/teams.csv/notes.txt"), ("q3/", "q3/sync/teams.csv/")],
    ids=["a-folder-below-the-root", "holding-a-file", "below-the-data-folder"],
)
def test_a_folder_named_like_a_data_file_in_a_subfolder_is_named_never_missing(
    tmp_path, folder, entry
):
    """The data at the zip's root and teams.csv a folder in a subfolder (old/teams.csv/) read
    "teams.csv is missing", where the zip lists old/teams.csv: the leader went looking for a
    file the zip shows. It is named as the folder it is, with where the file must go."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for path in sorted(SAMPLE.iterdir()):
            if path.name != "teams.csv":
                archive.writestr(folder + path.name, path.read_bytes())
        archive.writestr(entry, b"" if entry.endswith("/") else b"notes")
    path = tmp_path / "q3.zip"
    path.write_bytes(out.getvalue())
    sample = load_with_warnings(SAMPLE).problem
    shown = entry.removesuffix("/").removesuffix("/notes.txt")
    for load in (
        lambda: load_with_warnings(path),
        lambda: imported(sample, path.name, out.getvalue(), ""),
    ):
        with pytest.raises(InvalidInputError) as caught:
            load()
        (problem,) = caught.value.errors
        assert problem.file == "teams.csv"
        assert f"{shown} is a folder in the zip, not a file" in problem.message
        assert "missing" not in problem.message
        assert "beside projects.csv" in problem.fix
