"""A check-in file's ``[replan]`` unlock is checked as ``--unlock`` is, and a bad id in it is
named where it was written: the file and its key, not the command line."""

from __future__ import annotations

import json
from pathlib import Path

from builders import checkin_template, without_replan

import planner.interfaces.checkin_cli  # noqa: F401  (registers ``checkin`` and ``checkin-template``)
from planner.interfaces.cli import main

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"


def test_an_unknown_id_in_the_files_replan_unlock_is_named_by_the_file_and_key(tmp_path, capsys):
    baseline, template = checkin_template(tmp_path, capsys)
    template = without_replan(template)
    checkin = tmp_path / "checkin.toml"
    checkin.write_text(template + '\n[replan]\nunlock = ["NOPE"]\n')
    args = ["checkin", str(SAMPLE), "--baseline", str(baseline), "--checkin", str(checkin)]
    assert main(args) == 2
    said = capsys.readouterr().err
    assert "checkin.toml, key replan.unlock: no project has the id 'NOPE'" in said, said
    assert "command line" not in said
    # Given on the command line, the same id is the command line's.
    assert main([*args, "--unlock", "NOPE"]) == 2
    assert "command line, --unlock: no project has the id 'NOPE'" in capsys.readouterr().err


def _checkin_json(args: list[str], capsys) -> dict:
    """`planner checkin ... --json`'s object (the command exits 0)."""
    capsys.readouterr()
    assert main([*args, "--json"]) == 0, capsys.readouterr().err
    return json.loads(capsys.readouterr().out)


def test_a_flag_given_on_the_command_line_beats_the_files_replan_value(tmp_path, capsys):
    """A saved check-in's exported file re-plans as it was saved (at most 0 changes, a
    stability of 50, AW-02 let move); a leader who adds --max-changes 2, --stability 1 or
    --unlock asks for another re-plan, and gets it: each flag wins over the file's value."""
    baseline, template = checkin_template(tmp_path, capsys)
    template = without_replan(template)
    checkin = tmp_path / "checkin.toml"
    saved_with = '\n[replan]\nmax_changes = 0\nstability = 50\nunlock = ["AW-02"]\n'
    checkin.write_text(template + saved_with)
    args = ["checkin", str(SAMPLE), "--baseline", str(baseline), "--checkin", str(checkin)]
    args += ["--out", str(tmp_path / "again.csv")]
    as_saved = _checkin_json(args, capsys)
    assert as_saved["max_changes"] == 0
    assert as_saved["keep_the_plan"].startswith("At 50,"), as_saved["keep_the_plan"]
    (tmp_path / "again.csv").unlink()
    flags = _checkin_json([*args, "--max-changes", "2", "--stability", "1"], capsys)
    assert flags["max_changes"] == 2
    assert flags["keep_the_plan"].startswith("At 1,"), flags["keep_the_plan"]
    # The file's unlock is not read when --unlock is given: an id of the file's that is
    # no project no longer stops the command.
    checkin.write_text(template + '\n[replan]\nunlock = ["NOPE"]\n')
    (tmp_path / "again.csv").unlink()
    assert _checkin_json([*args, "--unlock", "AW-02"], capsys)["max_changes"] is None


def test_project_ids_written_as_one_are_told_to_be_written_apart(tmp_path, capsys):
    """``--unlock "AW-02,LG-01"`` (and ``"AW-02 LG-01"``, quoted as one) read "no project has
    the id 'AW-02,LG-01'. Fix: Unlock a project in progress (AW-02, ...)", where both are
    ids in progress; the check-in file's ``unlock = ["AW-02, LG-01"]`` the same. Each says
    the ids were written as one, and how to write them apart."""
    baseline, template = checkin_template(tmp_path, capsys)
    template = without_replan(template)
    checkin = tmp_path / "checkin.toml"
    checkin.write_text(template)
    args = ["checkin", str(SAMPLE), "--baseline", str(baseline), "--checkin", str(checkin)]
    for joined in ("AW-02,LG-01", "AW-02 LG-01", "AW-02; LG-01"):
        assert main([*args, "--unlock", joined]) == 2
        said = capsys.readouterr().err
        assert "are 2 project ids written as one (AW-02, LG-01)" in said, said
        assert "Fix: Write them apart: --unlock AW-02 LG-01." in said, said
    checkin.write_text(template + '\n[replan]\nunlock = ["AW-02, LG-01"]\n')
    assert main(args) == 2
    said = capsys.readouterr().err
    assert "key replan.unlock: 'AW-02, LG-01' are 2 project ids written as one" in said, said
    assert 'Fix: Write each in its own quotes: unlock = ["AW-02", "LG-01"].' in said, said


def test_a_project_unlocked_by_its_name_is_told_its_id(tmp_path, capsys):
    """``--unlock "Paid social retargeting on LinkedIn"`` (the project as the pages show it)
    read "no project has the id ... Fix: Unlock a project in progress (AW-02, ...)"."""
    baseline, template = checkin_template(tmp_path, capsys)
    template = without_replan(template)
    checkin = tmp_path / "checkin.toml"
    checkin.write_text(template)
    args = ["checkin", str(SAMPLE), "--baseline", str(baseline), "--checkin", str(checkin)]
    assert main([*args, "--unlock", "Paid social retargeting on LinkedIn"]) == 2
    said = capsys.readouterr().err
    assert "'Paid social retargeting on LinkedIn' is the name of project LG-07" in said, said
    assert "Fix: Write --unlock LG-07." in said, said
    checkin.write_text(template + '\n[replan]\nunlock = ["Paid social retargeting on LinkedIn"]\n')
    assert main(args) == 2
    assert 'Fix: Write unlock = ["LG-07"].' in capsys.readouterr().err


def test_an_unlocked_id_one_slip_from_a_project_in_progress_is_asked_about(tmp_path, capsys):
    """``--unlock AW-2`` read "Fix: Unlock a project in progress (AW-02, AW-07, ...)",
    where ``--unlock aw-02`` was asked "Did you mean AW-02?", as the data files' ids are."""
    baseline, template = checkin_template(tmp_path, capsys)
    template = without_replan(template)
    checkin = tmp_path / "checkin.toml"
    checkin.write_text(template)
    args = ["checkin", str(SAMPLE), "--baseline", str(baseline), "--checkin", str(checkin)]
    assert main([*args, "--unlock", "AW-2"]) == 2
    said = capsys.readouterr().err
    assert "no project has the id 'AW-2'. Fix: Did you mean AW-02?" in said, said
    checkin.write_text(template + '\n[replan]\nunlock = ["AW-2"]\n')
    assert main(args) == 2
    assert "Fix: Did you mean AW-02?" in capsys.readouterr().err


def test_only_the_first_unknown_unlocked_ids_are_asked_about(tmp_path, capsys):
    """Each unknown id to unlock was looked up among every project in progress: 10,000 of
    them beside a company's 4,000 projects in progress took 4 minutes before a word. The
    first :data:`~planner.core.id_references.HINTED` are asked about; the others are still named."""
    from planner.core.id_references import HINTED

    baseline, template = checkin_template(tmp_path, capsys)
    template = without_replan(template)
    checkin = tmp_path / "checkin.toml"
    checkin.write_text(template)
    unknown = [f"AW-02{chr(ord('a') + i)}" for i in range(HINTED + 5)]
    args = ["checkin", str(SAMPLE), "--baseline", str(baseline), "--checkin", str(checkin)]
    assert main([*args, *(a for u in unknown for a in ("--unlock", u))]) == 2
    said = capsys.readouterr().err
    assert said.count("Fix: Did you mean AW-02?") == HINTED, said
    for ident in unknown:
        assert f"'{ident}'" in said, said


def test_the_template_re_plans_with_the_limits_the_check_in_page_starts_with(tmp_path, capsys):
    """The Check-in page re-plans with at most 3 changes and a stability of 5 unless told
    otherwise; `planner checkin` on `checkin-template`'s file re-planned with no limit and
    a stability of 1: two re-plans of one check-in. The template now ends with the page's
    starting limits ([replan]), so the command line re-plans as the page does."""
    from planner.scenarios.checkin_replan import STARTING_REPLAN

    baseline, template = checkin_template(tmp_path, capsys)
    assert "\n[replan]\nmax_changes = 3\nstability = 5\nunlock = []\n" in template
    checkin = tmp_path / "checkin.toml"
    checkin.write_text(template)
    args = ["checkin", str(SAMPLE), "--baseline", str(baseline), "--checkin", str(checkin)]
    said = _checkin_json([*args, "--out", str(tmp_path / "rest.csv")], capsys)
    assert said["max_changes"] == STARTING_REPLAN.max_changes == 3
    assert said["keep_the_plan"].startswith("At 5,"), said["keep_the_plan"]
    # Without the table (a file written by hand): no limit, as SPEC says.
    checkin.write_text(without_replan(template))
    (tmp_path / "rest.csv").unlink()
    assert (
        _checkin_json([*args, "--out", str(tmp_path / "rest.csv")], capsys)["max_changes"] is None
    )


def test_which_limit_was_used_and_where_it_came_from_is_said(tmp_path, capsys):
    """``--max-changes 1`` on a check-in file whose ``[replan]`` says ``max_changes = 3``
    re-planned with 1 and said only "(at most 1)": whether the file's 3 was read, or
    overruled, was left to guess. The report and ``--json`` say each limit used, its
    source, and the file's value a flag overruled."""
    baseline, template = checkin_template(tmp_path, capsys)
    checkin = tmp_path / "checkin.toml"
    saved_with = '\n[replan]\nmax_changes = 3\nstability = 5\nunlock = ["AW-02"]\n'
    checkin.write_text(without_replan(template) + saved_with)
    args = ["checkin", str(SAMPLE), "--baseline", str(baseline), "--checkin", str(checkin)]
    args += ["--out", str(tmp_path / "again.csv"), "--max-changes", "1"]
    limits = _checkin_json(args, capsys)["replan_limits"]
    assert limits["max_changes"] == {"used": 1, "from": "command line", "checkin_file": 3}
    assert limits["stability"] == {"used": 5.0, "from": "check-in file", "checkin_file": 5.0}
    assert limits["unlock"] == {
        "used": ["AW-02"],
        "from": "check-in file",
        "checkin_file": ["AW-02"],
    }
    (tmp_path / "again.csv").unlink()
    assert main(args) == 0
    out = capsys.readouterr().out
    said = (
        "re-plan made with: at most 1 change (--max-changes, not the check-in file's "
        "max_changes = 3); the plan kept at 5 (the check-in file's [replan] stability); "
        "projects in progress let move: AW-02 (the check-in file's [replan] unlock)"
    )
    assert said in out, out
