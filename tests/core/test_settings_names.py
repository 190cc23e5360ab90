"""Issue 12: unknown names in settings are errors, and names with characters nobody
can see are refused showing them; stage names are compared in NFC.
"""

from __future__ import annotations

import pytest

from planner.core.errors import InvalidInputError
from planner.core.settings_reading import parse_settings

# ---------------------------------------------------------------------------
# 3. Unknown names are errors
# ---------------------------------------------------------------------------


def test_unknown_settings_keys_and_sections_are_errors_with_file_key_and_fix():
    """SPEC: unknown keys are an error, each named with its fix."""
    with pytest.raises(InvalidInputError) as info:
        parse_settings("[holidays]\nweeks = 13\n[solve]\ntimelimit = 3\n", "my.toml")
    issues = {(i.file, i.column) for i in info.value.issues}
    assert issues == {("my.toml", "holidays"), ("my.toml", "solve.timelimit")}
    assert all(i.fix for i in info.value.issues)


def test_a_multiplier_named_twice_after_trimming_is_an_error():
    """' sales' and 'sales' are one key once trimmed: which one wins would be a guess. It
    read "key capacity.multipliers.sales : is given twice (after trimming)", the key's
    space lost before the colon: the key is quoted as written, with the name it trims to."""
    with pytest.raises(InvalidInputError) as raised:
        parse_settings('[capacity.multipliers]\nsales = 0.5\n"sales " = 2.0\n')
    (issue,) = raised.value.errors
    assert issue.column == 'capacity.multipliers."sales "', issue.column
    assert issue.message == (
        "is 'sales' once the spaces around it are trimmed, and 'sales' already has a multiplier."
    )
    assert issue.fix == "Keep one multiplier for 'sales'."


# ---------------------------------------------------------------------------
# 6. Identifiers people cannot see (settings)
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        '[stages]\norder = ["awareness", "closing\u200b"]\n',
        '[capacity.multipliers]\n"sdr\u200b" = 0.5\n',
        '[capacity.multipliers]\n"sdr\u202e" = 0.5\n',
    ],
)
def test_invisible_characters_in_settings_names_are_refused_and_shown(text):
    """A stage or team name with a zero-width or bidi character is refused, the character shown."""
    with pytest.raises(InvalidInputError) as info:
        parse_settings(text)
    message = str(info.value)
    assert "\\u200b" in message or "\\u202e" in message
    assert "\u200b" not in message and "\u202e" not in message


def test_stage_names_are_nfc_normalised():
    """'cafe\u0301' and 'caf\u00e9' are the same stage: one normal form."""
    s = parse_settings(
        '[stages]\norder = ["cafe\u0301"]\n[stages.owners]\n"caf\u00e9" = ["sales"]\n'
    )
    assert s.stages.order == ("caf\u00e9",) and s.stages.owners["caf\u00e9"] == ("sales",)
