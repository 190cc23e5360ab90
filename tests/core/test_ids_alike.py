"""Ids that read alike once full-width letters are read as plain ones (attack round 12).

An East Asian input method left in full-width mode types `ＡＷ-01` for `AW-01`. Ids compare
exactly (SPEC), so it is another id; `aw-01` beside `AW-01` was warned as differing only in
case, `ＡＷ-01` validated without a word, a `depends_on` of it read only "is not in
projects.csv", `explain ＡＷ-01` offered "RE-01, QU-01, NU-01", a check-in's `ＡＷ-02` was to
be removed, a baseline's `ｃｏｎｔｅｎｔ` and a multiplier for `ｓｄｒ` named no team. Each now
names the id meant, as the same id in another case is named.
"""

from __future__ import annotations

import pytest
from builders import SAMPLE, cli_said, edit_csv, sample_copy

from planner.core.identifiers import closest_id, id_key, near_ids
from planner.interfaces.cli import main


def test_the_key_reads_full_width_and_case_alike():
    assert id_key("ＡＷ-01") == id_key("aw-01") == id_key("AW-01")
    assert id_key("AW-01") != id_key("AW-02")


def test_a_full_width_id_beside_its_plain_twin_is_warned(tmp_path, capsys):
    data = sample_copy(tmp_path)

    def add(rows: list[list[str]]) -> None:
        twin = list(rows[1])
        twin[0] = "ＡＷ-01"
        twin[1] += " (second)"  # a name of its own: one name twice is refused
        rows.append(twin)

    edit_csv(data / "projects.csv", add)
    code, err = cli_said(["validate", str(data)], capsys)
    assert code == 0, err
    assert (
        "projects.csv, row 53, column project_id: the project_id 'ＡＷ-01' (row 53) and 'AW-01' "
        "(row 2) differ only in the form of their characters (full-width 'Ａ' is not 'A'): "
        "they are two projects, as ids compare exactly."
    ) in err, err


def test_a_reference_typed_in_full_width_names_the_id_meant(tmp_path, capsys):
    data = sample_copy(tmp_path)

    def depend(rows: list[list[str]]) -> None:
        rows[2][rows[0].index("depends_on")] = "ＡＷ-01"

    edit_csv(data / "projects.csv", depend)
    code, err = cli_said(["validate", str(data)], capsys)
    assert code == 2
    assert (
        "the project 'ＡＷ-01' is not in projects.csv, which has 'AW-01': ids are compared "
        "exactly, full-width characters too. Fix: Write 'AW-01'."
    ) in err, err


def test_explain_offers_the_id_typed_in_full_width(tmp_path, capsys):
    code, err = cli_said(["explain", str(SAMPLE), "ＡＷ-01", "--time-limit", "1"], capsys)
    assert code == 2 and "Fix: Did you mean AW-01?" in err, err


def test_a_check_in_id_in_full_width_is_told_to_be_retyped(tmp_path, capsys):
    base = tmp_path / "base.csv"
    assert main(["solve", str(SAMPLE), "--out", str(base), "--time-limit", "2"]) == 0
    checkin = tmp_path / "week6.toml"
    template = tmp_path / "template.toml"
    with template.open("w", encoding="utf-8") as out:
        import contextlib

        with contextlib.redirect_stdout(out):
            main(["checkin-template", str(SAMPLE), "--baseline", str(base), "--weeks", "6"])
    text = template.read_text(encoding="utf-8")
    assert '"AW-02"' in text
    checkin.write_text(text.replace('"AW-02"', '"ＡＷ-02"'), encoding="utf-8")
    capsys.readouterr()
    argv = ["checkin", str(SAMPLE), "--baseline", str(base), "--checkin", str(checkin)]
    code, err = cli_said([*argv, "--out", str(tmp_path / "re.csv"), "--time-limit", "2"], capsys)
    assert code == 2
    assert "ids are compared exactly, full-width too. Fix: Retype it as 'AW-02'." in err, err
    assert not (tmp_path / "re.csv").exists()


def test_a_baseline_team_and_a_multiplier_in_full_width_name_the_team_meant(tmp_path, capsys):
    base = tmp_path / "base.csv"
    assert main(["solve", str(SAMPLE), "--out", str(base), "--time-limit", "2"]) == 0
    text = base.read_text(encoding="utf-8")
    base.write_text(text.replace(",content,", ",ｃｏｎｔｅｎｔ,"), encoding="utf-8")
    out = tmp_path / "o.csv"
    capsys.readouterr()
    argv = ["solve", str(SAMPLE), "--baseline", str(base), "--out", str(out)]
    code, err = cli_said([*argv, "--time-limit", "2"], capsys)
    assert code == 2 and "Did you mean 'content'?" in err, err
    settings = tmp_path / "s.toml"
    settings.write_text('[capacity.multipliers]\n"ｓｄｒ" = 0.8\n', encoding="utf-8")
    argv = ["solve", str(SAMPLE), "--settings", str(settings), "--out", str(out)]
    code, err = cli_said(argv, capsys)
    assert code == 2 and "Did you mean sdr?" in err, err
    assert not out.exists()


def test_unlock_and_a_sweep_target_in_another_case_or_width_name_the_id_meant(tmp_path, capsys):
    """`checkin --unlock ＡＷ-02` read "no project has the id 'ＡＷ-02'" with the list of
    projects in progress, and `sweep --target ｓａｌｅｓ` "is neither a department nor a
    team": both are the id they read as."""
    base = tmp_path / "base.csv"
    assert main(["solve", str(SAMPLE), "--out", str(base), "--time-limit", "2"]) == 0
    template = tmp_path / "week6.toml"
    import contextlib

    with template.open("w", encoding="utf-8") as out, contextlib.redirect_stdout(out):
        main(["checkin-template", str(SAMPLE), "--baseline", str(base), "--weeks", "6"])
    capsys.readouterr()
    argv = ["checkin", str(SAMPLE), "--baseline", str(base), "--checkin", str(template)]
    code, err = cli_said([*argv, "--unlock", "ＡＷ-02", "--out", str(tmp_path / "re.csv")], capsys)
    assert code == 2 and "no project has the id 'ＡＷ-02'. Fix: Did you mean AW-02?" in err, err
    sweep = ["scenarios", "sweep", str(SAMPLE), "--target", "ｓａｌｅｓ", "--steps", "2"]
    code, err = cli_said(sweep, capsys)
    assert code == 2 and "Fix: Did you mean sales?" in err, err


@pytest.mark.parametrize(
    ("typed", "meant", "said"),
    [
        ("aw-01", "AW-01", "case"),
        ("ＡＷ-01", "AW-01", "the form of their characters (full-width 'Ａ' is not 'A')"),
        # 'ﬁ'.casefold() is 'fi': a ligature is no matter of case.
        ("ﬁ-01", "fi-01", "the form of their characters ('ﬁ' is not 'fi')"),
        # A superscript is not full-width.
        ("x²", "X2", "the form of their characters ('²' is not '2')"),
    ],
)
def test_what_tells_two_ids_alike_apart_is_named(typed, meant, said):
    from planner.core.identifiers import alike_by

    assert id_key(typed) == id_key(meant)
    assert alike_by(typed, meant) == said


def test_a_reference_alike_but_for_a_ligature_is_not_called_a_matter_of_case():
    from planner.core.id_references import Ids

    ids = Ids.written([{"id": "ﬁ-01"}, {"id": "x²"}], "id")
    said, fix = ids.unknown("team", "fi-01", "teams.csv", "Add it.")
    assert said == (
        "the team 'fi-01' is not in teams.csv, which has 'ﬁ-01': ids are compared exactly, "
        "the form of characters too."
    )
    assert fix == "Write 'ﬁ-01'."
    said, _ = ids.unknown("team", "X2", "teams.csv", "Add it.")
    assert "full-width" not in said and "the form of characters too" in said, said


def test_a_reference_with_a_character_nobody_sees_is_not_called_a_matter_of_case():
    """A reference 'AW-04' + a zero-width space, beside the id 'AW-04', read "ids are compared
    exactly, upper and lower case too", which the two ids are alike in."""
    from planner.core.id_references import Ids

    ids = Ids.written([{"id": "AW-04"}], "id")
    said, fix = ids.unknown("project", "AW-04\u200b", "projects.csv", "Add it.")
    assert said == (
        "the project 'AW-04\u200b' is not in projects.csv, which has 'AW-04': this reference "
        "holds a character nobody can see (\\u200b)."
    )
    assert fix == "Write 'AW-04'."


def test_a_reference_renamed_to_a_look_alike_names_the_character_that_differs(tmp_path, capsys):
    """A Cyrillic 'А' in estimates.csv's 'АW-04' read "did you rename 'АW-04' to 'AW-04'?",
    the two printed alike; the character that tells them apart is named, by its name."""
    data = sample_copy(tmp_path)
    text = (data / "estimates.csv").read_text(encoding="utf-8")
    (data / "estimates.csv").write_text(text.replace("AW-04,", "\u0410W-04,", 1), encoding="utf-8")
    code, err = cli_said(["validate", str(data)], capsys)
    assert code == 2
    assert (
        "did you rename '\u0410W-04' to 'AW-04'? They read alike, but '\u0410' (CYRILLIC "
        "CAPITAL LETTER A) is not 'A' (LATIN CAPITAL LETTER A). Nothing refers to 'AW-04'."
    ) in err, err


def test_an_id_with_a_letter_of_another_script_beside_its_twin_is_warned(tmp_path, capsys):
    """Attack round 30: 'ѕdr' (a Cyrillic dze for the s) beside 'sdr' validated without a
    word, where 'SDR' beside it is warned: a rule or a calendar row typed with either goes
    to that team, and nobody can see which."""
    data = sample_copy(tmp_path)

    def add(rows: list[list[str]]) -> None:
        twin = list(rows[1])
        twin[0], twin[1] = "\u0455dr", "SDR Team East"
        rows.append(twin)

    edit_csv(data / "teams.csv", add)
    code, err = cli_said(["validate", str(data)], capsys)
    assert code == 0, err
    assert (
        "teams.csv, row 12, column team_id: the team_id '\u0455dr' (row 12) and 'sdr' (row 2) "
        "read alike: '\u0455' (CYRILLIC SMALL LETTER DZE) is not 's' (LATIN SMALL LETTER S). "
        "They are two teams, as ids compare exactly."
    ) in err, err
    assert "give them ids that read apart" in err, err


def test_an_id_with_a_full_stop_after_it_beside_its_twin_is_warned(tmp_path, capsys):
    data = sample_copy(tmp_path)

    def add(rows: list[list[str]]) -> None:
        twin = list(rows[1])
        twin[0], twin[1] = "AW-01.", "SEO pillar pages (second)"
        rows.append(twin)

    edit_csv(data / "projects.csv", add)
    code, err = cli_said(["validate", str(data)], capsys)
    assert code == 0, err
    assert (
        "projects.csv, row 53, column project_id: the project_id 'AW-01.' (row 53) and 'AW-01' "
        "(row 2) differ only in a full stop ('.') at the end of 'AW-01.'. They are two projects, "
        "as ids "
        "compare exactly."
    ) in err, err


def test_ids_read_alike_by_the_marks_at_their_end_are_told_what_differs_plainly():
    """'AW-01.,' beside 'AW-01' read "differ only in the '.,' at the end of 'AW-01.,'";
    'AW-01.' beside 'AW-01,' read "differ only in the ',' at the end of 'AW-01,'" (the full
    stop unsaid), and beside 'aw-01' "differ only in the '.'", where case differs too. Each
    mark is named, on the id that has it, and case when it differs as well."""
    from planner.core.identifiers import read_alike_by

    assert read_alike_by("AW-01.,", "AW-01") == (
        "differ only in a full stop and a comma ('.,') at the end of 'AW-01.,'"
    )
    assert read_alike_by("AW-01", "AW-01.,") == read_alike_by("AW-01.,", "AW-01")
    assert read_alike_by("AW-01.", "AW-01,") == (
        "differ only in the marks at their ends: a full stop ('.') in 'AW-01.', a comma (',') "
        "in 'AW-01,'"
    )
    assert read_alike_by("AW-01.", "aw-01") == (
        "differ in a full stop ('.') at the end of 'AW-01.' and in case"
    )
    assert read_alike_by("AW-01::", "AW-01") == (
        "differ only in two colons ('::') at the end of 'AW-01::'"
    )
    assert read_alike_by("\u0455dr.", "sdr") == (
        "read alike: '\u0455' (CYRILLIC SMALL LETTER DZE) is not 's' (LATIN SMALL LETTER S), "
        "and differ in a full stop ('.') at the end of '\u0455dr.'"
    )


def test_ids_that_read_apart_are_not_said_to_read_alike():
    from planner.core.identifiers import read_alike_key

    assert read_alike_key("\u0455dr") == read_alike_key("sdr") == read_alike_key("SDR.")
    assert read_alike_key("\u0410W-04") == read_alike_key("AW-04")
    assert read_alike_key("AW-01") != read_alike_key("AW-02")
    assert read_alike_key("sdr") != read_alike_key("sdr-2")
    assert read_alike_key("\u0441\u0434\u0440") != read_alike_key("sdr")  # Cyrillic 'сдр'


@pytest.mark.parametrize(
    ("typed", "ids", "meant"),
    [
        ("1", ["001", "002", "010"], ["001"]),
        ("AW-2", ["AW-02", "AW-20", "AW-12"], ["AW-02"]),
        ("aw-002", ["AW-02", "AW-20"], ["AW-02"]),
    ],
)
def test_an_id_with_other_leading_zeros_is_the_one_offered(
    typed: str, ids: list[str], meant: list[str]
) -> None:
    """'1' for '001' (0.5 alike by spelling) and 'AW-2' beside AW-02 and AW-20 (as close to
    both) were offered nothing: every id reference asks through these two."""
    assert near_ids(typed, ids) == meant
    assert closest_id(typed, ids) == meant[0]


def test_two_ids_with_the_same_number_offer_neither_by_it() -> None:
    assert closest_id("1", ["01", "001"]) is None


def test_an_id_of_thousands_of_digits_is_compared_without_reading_it_as_a_number() -> None:
    """int() reads at most 4,300 digits: an id of 9,997 of them ended in a ValueError."""
    assert closest_id("AW-" + "9" * 9_997, ["AW-01", "AW-02"]) is None
    assert near_ids("0" * 5_000 + "7", ["007", "AW-01"]) == ["007"]


def test_an_id_misspelt_in_another_case_is_offered() -> None:
    """'lg-02x' offered nothing for LG-02 (difflib reads 'l' and 'L' as two letters)."""
    assert near_ids("lg-02x", ["LG-02", "AW-01"]) == ["LG-02"]
    assert closest_id("Demandgen", ["demand-gen", "content"]) == "demand-gen"


def test_a_goal_misspelt_on_the_command_line_is_asked_about(capsys) -> None:
    """'--goal mql' read "Use a goal_id from goals.csv (mqls, ...)": it asks for mqls."""
    assert main(["explain", str(SAMPLE), "--goal", "mql"]) == 2
    assert "Fix: Did you mean mqls?" in capsys.readouterr().err
