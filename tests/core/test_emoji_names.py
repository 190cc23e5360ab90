"""Names written with emoji sequences: a family, a rainbow flag, a Scottish flag.

A zero-width joiner between two emoji, and the tag characters after a black flag, change
the picture drawn: U+1F468 U+200D U+1F4BB is one technologist, not a man and a laptop, and
the flags of Scotland and England differ only in their tags. Counted as characters nobody
sees, two teams named with the flags of Scotland and of England were warned as shown by one
name, and the command line printed a family as 'Team 👨\\u200d👩\\u200d👧'. Between letters,
or alone, they still show nothing, and are still shown escaped and refused in ids.
"""

from __future__ import annotations

import pytest
from builders import cli_said, sample_copy, set_cell

from planner.core.identifiers import escaped, identifier_problem, invisible_characters, name_key

ZWJ = "\u200d"
FAMILY = f"Team \U0001f468{ZWJ}\U0001f469{ZWJ}\U0001f467{ZWJ}\U0001f466"
RAINBOW = f"\U0001f3f3\ufe0f{ZWJ}\U0001f308 Pride"
TECHNOLOGIST = f"\U0001f468\U0001f3fd{ZWJ}\U0001f4bb Dev"
SCOTLAND = "\U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f Sales"
ENGLAND = "\U0001f3f4\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f Sales"


@pytest.mark.parametrize(
    "name",
    [FAMILY, RAINBOW, TECHNOLOGIST, SCOTLAND, "\u203c\ufe0f Launch", "Swap \u2194\ufe0f"],
)
def test_an_emoji_sequence_shows_whole_on_the_terminal(name):
    assert invisible_characters(name) == []
    assert escaped(name) == name
    assert identifier_problem(name) is None


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        (f"sdr{ZWJ}", "sdr\\u200d"),
        (f"a{ZWJ}\U0001f600", "a\\u200d\U0001f600"),
        (f"\U0001f600{ZWJ}", "\U0001f600\\u200d"),
        ("sdr\U000e0067", "sdr\\U000e0067"),
        ("sdr.\ufe0f", "sdr.\\ufe0f"),
    ],
)
def test_a_joiner_or_tag_outside_an_emoji_is_still_shown_escaped(typed, shown):
    assert escaped(typed) == shown
    assert invisible_characters(typed)
    assert identifier_problem(typed) is not None


def test_names_that_draw_other_emoji_are_told_apart():
    assert name_key(SCOTLAND) != name_key(ENGLAND)
    assert name_key(FAMILY) != name_key(FAMILY.replace(ZWJ, ""))
    assert name_key(f"Team{ZWJ} A") == name_key("Team A")
    assert name_key("\u2764\ufe0f Team") == name_key("\u2764 Team")


def test_teams_named_by_the_flags_of_scotland_and_england_are_not_warned(tmp_path, capsys):
    data = sample_copy(tmp_path)
    for row, name in ((2, SCOTLAND), (3, ENGLAND), (4, FAMILY)):
        set_cell(data / "teams.csv", row, "name", name)
    code, err = cli_said(["validate", str(data)], capsys)
    assert code == 0, err
    assert "warning" not in err, err


ZWNJ = "\u200c"
PLANNING = f"برنامه{ZWNJ}ریزی فروش"  # Persian 'sales planning', as every Persian keyboard types it


@pytest.mark.parametrize("name", [PLANNING, f"क्{ZWJ}ष टीम", f"क्{ZWNJ}ष"])
def test_a_joiner_that_shapes_the_letters_beside_it_shows_on_the_terminal(name):
    """Persian writes a zero-width non-joiner inside words ('برنامه‌ریزی', planning): it
    keeps the letter before it from joining the next, so the word looks otherwise without
    it. After a virama (Devanagari '्') a joiner chooses the conjunct drawn. Counted as
    nobody-sees, `planner solve` printed such a goal as 'برنامه\\u200cریزی فروش'."""
    assert invisible_characters(name) == []
    assert escaped(name) == name
    assert name_key(name) != name_key(name.replace(ZWNJ, "").replace(ZWJ, ""))


@pytest.mark.parametrize(
    "typed",
    [
        f"sd{ZWNJ}r",
        f"a{ZWNJ}\u0628",
        f"\u062f{ZWNJ}\u0627",
        f"\u0628{ZWNJ}",
        f"क{ZWNJ}ष",
        f"\u0628{ZWJ}\u0631",
    ],
)
def test_a_joiner_that_changes_nothing_drawn_is_still_hidden(typed):
    """Between Latin letters, after an Arabic letter that never joins the next (dal), at
    the end, between Devanagari letters with no virama, or a joiner between two Arabic
    letters (they join without it), it changes nothing drawn."""
    assert len(invisible_characters(typed)) == 1
    assert identifier_problem(typed) is not None
