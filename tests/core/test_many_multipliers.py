"""A settings file naming tens of thousands of teams nobody has, refused in time.

Each unknown ``[capacity.multipliers]`` key was searched for its closest team
ids: 50,000 keys (a 740 KB settings.toml, under the 1 MiB a settings file may
have) took 14 s to refuse, 9 s of it in those searches, though the message
names ten keys and counts the rest.
"""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

import pytest

from planner.core import identifiers
from planner.core.errors import InvalidInputError
from planner.core.loading import load_with_warnings

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample-without-weeks"


def test_thousands_of_unknown_multipliers_search_close_ids_for_the_first_hundred_only(
    tmp_path, monkeypatch
):
    """Every unknown key is still an error; the closest ids are offered for the first
    hundred (the ones a reader gets to), not searched 5,000 times."""
    folder = Path(shutil.copytree(SAMPLE, tmp_path / "data"))
    keys = "\n".join(f'"zz{i}" = 1.0' for i in range(5_000))
    (folder / "settings.toml").write_text(
        f'[capacity.multipliers]\n"sdr-tem" = 0.5\n{keys}\n', encoding="utf-8"
    )
    searched: list[str] = []
    search = difflib.get_close_matches

    def close_matches(word: str, *args: object, **kwargs: object) -> list[str]:
        searched.append(word)
        return search(word, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(identifiers.difflib, "get_close_matches", close_matches)
    with pytest.raises(InvalidInputError) as refused:
        load_with_warnings(folder)
    errors = refused.value.errors
    assert len(errors) == 5_001
    assert errors[0].column == "capacity.multipliers.sdr-tem" and "sdr" in errors[0].fix
    assert all("Use sales, marketing or a team_id" in e.fix for e in errors)
    assert len(searched) <= 100
