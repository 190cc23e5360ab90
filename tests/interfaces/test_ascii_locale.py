"""A command line read under an ASCII locale (``LC_ALL=C`` with ``PYTHONUTF8=0``, as a cron
job or a service may run the planner): Python hands over the 'Café' a UTF-8 terminal typed
as escaped bytes (``Caf\\udcc3\\udca9``). Names and ids typed so are read as the UTF-8 they
are; bytes that are not UTF-8 are still refused in words."""

from __future__ import annotations

from robustness_cases import SAMPLE, assert_in_words, run_cli

from planner.core.identifiers import identifier, utf8_typed

#: 'Café 🚀' as Python reads it from a UTF-8 terminal under an ASCII locale.
CAFE_UNDER_C = "Café 🚀".encode().decode("ascii", "surrogateescape")


def test_a_scenario_name_typed_under_an_ascii_locale_is_saved_and_found_as_typed(tmp_path):
    """It was refused: "\\udcc3 stands for a byte that is not UTF-8 text (a terminal or file
    in another encoding, e.g. Latin-1). Fix: Retype it in a terminal set to UTF-8", of a
    terminal set to UTF-8; a saved 'Café' was not found by ``show``."""
    db = ["--db", str(tmp_path / "s.duckdb")]
    named = ["--name", CAFE_UNDER_C, "--note", CAFE_UNDER_C, "--time-limit", "2"]
    code, out, err = run_cli(["scenarios", "save", str(SAMPLE), *named, *db])
    assert_in_words(code, out, err)
    assert code == 0, err
    assert "saved scenario 1: Café 🚀" in out, out
    code, out, err = run_cli(["scenarios", "show", CAFE_UNDER_C, "--json", *db])
    assert code == 0, err
    assert '"name": "Caf\\u00e9 \\ud83d\\ude80"' in out, out
    # A Latin-1 terminal's byte 0xE9 is no UTF-8: still refused, in words, nothing saved.
    latin = "Café".encode("latin-1").decode("ascii", "surrogateescape")
    code, out, err = run_cli(["scenarios", "save", str(SAMPLE), "--name", latin, *db])
    assert code == 2 and "not UTF-8 text" in err, err


def test_an_id_typed_under_an_ascii_locale_reads_as_the_id_typed():
    """``explain --goal churn-savéd`` and ``--unlock`` read the id through ``identifier``:
    under an ASCII locale it named 'churn-sav\\udcc3\\udca9d', an id no file holds."""
    typed = "churn-savéd".encode().decode("ascii", "surrogateescape")
    assert identifier(typed) == "churn-savéd"
    assert utf8_typed("Caf\udce9") == "Caf\udce9"  # not UTF-8: kept, refused where it is read
    assert utf8_typed("\ud800") == "\ud800"  # no byte at all: kept
