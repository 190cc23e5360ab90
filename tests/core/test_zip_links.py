"""A data file stored in a zip as a link is named as a link, with the fix.

macOS's Compress (and `zip -y`) store a link as a link: the zip holds the path it
points to, not the data. A data folder whose teams.csv linked to a shared file
gave "the required column 'team_id' is missing" three times, "there are no
teams" and a warning naming a column '/srv/shared/teams.csv': nothing said
the file was a link.
"""

from __future__ import annotations

import io
import stat
import zipfile
from pathlib import Path

import pytest
from loading_files import zip_refusals

from planner.core.errors import InvalidInputError
from planner.core.loading import load_with_warnings

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"


def _zip_with_links(links: dict[str, str], folder: str = "") -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for path in sorted(SAMPLE.iterdir()):
            if path.name not in links:
                archive.writestr(folder + path.name, path.read_bytes())
        for name, target in links.items():
            info = zipfile.ZipInfo(folder + name)
            info.create_system = 3  # Unix, as macOS and zip write it
            info.external_attr = (stat.S_IFLNK | 0o755) << 16
            archive.writestr(info, target)
    return out.getvalue()


@pytest.mark.parametrize("folder", ["", "q3/"], ids=["at-the-root", "in-a-folder"])
def test_a_data_file_stored_as_a_link_is_named_as_one_with_the_fix(tmp_path, folder):
    """One error on the file, with where the link points and how to zip the file itself."""
    data = _zip_with_links({"teams.csv": "/srv/shared/teams.csv"}, folder)
    for refused in zip_refusals(tmp_path, load_with_warnings(SAMPLE).problem, data):
        (problem,) = refused.issues
        assert problem.file == "teams.csv"
        assert "is a link" in problem.message and "/srv/shared/teams.csv" in problem.message
        assert "not links" in problem.fix


def test_every_linked_data_file_is_named_and_settings_too(tmp_path):
    """A settings.toml link is a link as well; each is said, none read as its target."""
    path = tmp_path / "q3.zip"
    path.write_bytes(
        _zip_with_links({"projects.csv": "../shared/p.csv", "settings.toml": "../s.toml"})
    )
    with pytest.raises(InvalidInputError) as caught:
        load_with_warnings(path)
    said = {(i.file, "is a link" in i.message) for i in caught.value.errors}
    assert said == {("projects.csv", True), ("settings.toml", True)}


def test_a_link_to_a_file_the_planner_does_not_read_is_ignored(tmp_path):
    """A link beside the data (notes.txt) stands in the way of nothing."""
    path = tmp_path / "q3.zip"
    path.write_bytes(_zip_with_links({"notes.txt": "/home/cmo/notes.txt"}))
    assert len(load_with_warnings(path).problem.teams) == 10
