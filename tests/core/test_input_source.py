"""planner.core.input_source: where the inputs came from, kept in its parts."""

from __future__ import annotations

from planner.core.input_source import InputSource


def test_a_table_uploaded_again_is_named_once_as_its_latest_file():
    source = InputSource("bundled sample (data/sample)").upload("teams.csv", "teams.csv")
    source = source.upload("goals.csv", "q3 goals.csv").upload("teams.csv", "teams (fixed).csv")
    assert source.text() == (
        "bundled sample (data/sample), goals.csv from uploaded q3 goals.csv, "
        "teams.csv from uploaded teams (fixed).csv"
    )


def test_a_file_named_edited_is_no_edit_applied():
    """Kept in parts, "teams, edited.csv" keeps its name whole and reads as no edit."""
    source = InputSource("uploaded q3.zip").upload("teams.csv", "teams, edited.csv")
    assert not source.edited
    again = source.upload("teams.csv", "teams, edited.csv")
    assert again.text() == "uploaded q3.zip, teams.csv from uploaded teams, edited.csv"


def test_words_alone_read_back_with_the_edit_at_their_end():
    assert InputSource.from_text("#3 · More marketing, edited") == InputSource(
        "#3 · More marketing", edited=True
    )
    assert InputSource.from_text("uploaded q3.zip") == InputSource("uploaded q3.zip")
