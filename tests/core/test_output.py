"""Writing several files at once (a data folder, a scenario export): all or nothing."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from planner.core.errors import InvalidInputError
from planner.core.generate import generate_folder
from planner.core.output import write_atomic, write_files_atomic
from planner.core.typed_paths import odd_name


def full_after(monkeypatch: pytest.MonkeyPatch, files: int) -> None:
    """The disk fills up once ``files`` files are on it (the next fsync fails: ENOSPC)."""
    synced = [0]
    real = os.fsync

    def fsync(fd: int) -> None:
        if synced[0] >= files:
            raise OSError(errno.ENOSPC, "No space left on device")
        synced[0] += 1
        real(fd)

    monkeypatch.setattr(os, "fsync", fsync)


def test_a_data_folder_on_a_disk_that_fills_up_leaves_no_folder_behind(tmp_path, monkeypatch):
    """`planner generate quarter` on a nearly full disk said 'the disk is full; nothing was
    written' and left quarter/teams.csv behind; the second try, with space freed, was
    refused as 'already holds teams.csv'. Now nothing is left, and the second try works."""
    folder = tmp_path / "new" / "quarter"
    full_after(monkeypatch, 2)
    with pytest.raises(InvalidInputError, match="the disk is full"):
        generate_folder(folder, 4, 30)
    assert list(tmp_path.iterdir()) == []
    monkeypatch.undo()
    assert sorted(p.name for p in generate_folder(folder, 4, 30).iterdir()) == [
        "calendar.csv",
        "estimates.csv",
        "goals.csv",
        "projects.csv",
        "rules.csv",
        "settings.toml",
        "teams.csv",
    ]


def test_replacing_files_on_a_full_disk_keeps_every_old_file(tmp_path, monkeypatch):
    """With --force, the files are replaced only when every new one is on disk: a disk
    that fills up after two of three leaves the three old files as they were and no
    temporary file."""
    old = {"a.csv": b"old a\n", "b.csv": b"old b\n", "c.csv": b"old c\n"}
    for name, data in old.items():
        (tmp_path / name).write_bytes(data)
    full_after(monkeypatch, 2)
    with pytest.raises(InvalidInputError, match=r"c\.csv: the disk is full"):
        write_files_atomic(tmp_path, {n: b"new\n" for n in old}, "OUT_DIR")
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == old
    monkeypatch.undo()
    write_files_atomic(tmp_path, {n: b"new\n" for n in old}, "OUT_DIR")
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == dict.fromkeys(old, b"new\n")


def test_a_folder_that_holds_other_files_stays_when_the_write_fails(tmp_path, monkeypatch):
    """Only the folders made for the files are removed again, never one that was there."""
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    full_after(monkeypatch, 0)
    with pytest.raises(InvalidInputError):
        write_files_atomic(tmp_path / "out", {"a.csv": b"a"}, "OUT_DIR")
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]
    assert Path(tmp_path).is_dir()


def test_an_out_path_that_is_a_loop_of_links_is_refused_and_the_links_kept(tmp_path):
    """`planner solve data --out loop1`, loop1 -> loop2 -> loop1: "plan written to loop1",
    exit 0, and loop1 was a plain file after it (the link replaced): a loop of links has no
    file at its end to write through to, as a data folder, --settings and --baseline on one
    say. It is now refused naming the loop, and both links stay as they were."""
    from planner.core.output import check_output

    (tmp_path / "loop1").symlink_to("loop2")
    (tmp_path / "loop2").symlink_to("loop1")
    for given in ("loop1", "loop2"):
        with pytest.raises(InvalidInputError) as info:
            check_output(tmp_path / given)
        (problem,) = info.value.issues
        assert "leads back to itself" in problem.message, problem.message
    assert os.readlink(tmp_path / "loop1") == "loop2" and os.readlink(tmp_path / "loop2") == "loop1"
    # A link to a file not there yet is still written through (the file is made).
    (tmp_path / "ahead").symlink_to("plan.csv")
    assert check_output(tmp_path / "ahead") == tmp_path / "plan.csv"


def test_a_folder_in_the_way_of_one_of_the_files_is_named_as_such(tmp_path):
    """`planner generate quarter --force` with a folder quarter/projects.csv said
    "OUT_DIR quarter/projects.csv: is a folder, not a file. Fix: Name a file inside it,
    e.g. quarter/projects.csv/plan.csv": OUT_DIR was quarter, and no file name given could
    help. It names the folder in the way and what to do with it; nothing is written."""
    (tmp_path / "projects.csv").mkdir()
    with pytest.raises(InvalidInputError) as caught:
        write_files_atomic(tmp_path, {"teams.csv": b"t\n", "projects.csv": b"p\n"}, "OUT_DIR")
    [problem] = caught.value.errors
    said = f"{problem.file}: {problem.message} Fix: {problem.fix}"
    assert "projects.csv/plan.csv" not in said
    assert "a folder named projects.csv" in said and "rename" in said, said
    assert sorted(p.name for p in tmp_path.iterdir()) == ["projects.csv"]


@pytest.mark.parametrize("force", [False, True])
def test_generate_names_a_folder_in_the_way_with_or_without_force(tmp_path, force):
    """Without --force, `planner generate quarter` with a folder quarter/projects.csv said
    it "already holds projects.csv; generating would overwrite them. Fix: ... add --force":
    --force cannot overwrite a folder, and then said so. Both say it the second way."""
    (tmp_path / "projects.csv").mkdir()
    with pytest.raises(InvalidInputError) as caught:
        generate_folder(tmp_path, 4, 10, force=force)
    [problem] = caught.value.errors
    said = f"{problem.file}: {problem.message} Fix: {problem.fix}"
    assert "a folder named projects.csv" in said and "rename" in said, said
    assert "overwrite" not in said and "--force" not in said, said
    assert sorted(p.name for p in tmp_path.iterdir()) == ["projects.csv"]


@pytest.mark.parametrize("target", ["loop", "nowhere/quarter"])
def test_an_out_dir_that_is_a_link_to_no_folder_is_named_as_such(tmp_path, target):
    """`planner generate q3` (or `scenarios export NAME q3`) where q3 is a link in a loop,
    or to a folder that is not there, said "cannot be written (File exists)": it names the
    link and where it leads."""
    (tmp_path / "q3").symlink_to(tmp_path / target)
    if target == "loop":
        (tmp_path / "loop").symlink_to(tmp_path / "q3")
    for write in (
        lambda: generate_folder(tmp_path / "q3", 4, 10),
        lambda: write_files_atomic(tmp_path / "q3", {"plan.csv": b"p\n"}, "OUT_DIR"),
    ):
        with pytest.raises(InvalidInputError) as caught:
            write()
        [problem] = caught.value.errors
        assert "is a link to" in problem.message and "File exists" not in problem.message
        assert ("loop of links" in problem.message) == (target == "loop"), problem.message
        assert "Point the link at a folder" in problem.fix


@pytest.mark.parametrize(
    ("name", "kind", "said"),
    [
        ("-nan", "dash", "starts with '-'"),
        ("q3\n.csv", "control", "control character"),
        ("plan\u200b.csv", "invisible", "\\u200b (ZERO WIDTH SPACE)"),
        ("plan\u00a0.csv", "invisible", "\\xa0 (NO-BREAK SPACE)"),
        ("reports /q.xlsx ", "space", "a space before or after a name"),
    ],
)
def test_odd_name_says_why_a_name_nobody_meant_is_not_made(name, kind, said):
    """The one rule --out, OUT_DIR and a new scenario database share: each odd name is
    told apart by its kind (the command line picks its fix by it) and said in words."""
    odd = odd_name(name)
    assert odd is not None and odd.kind == kind and said in odd.reason


def test_odd_name_gives_the_name_meant_without_the_spaces_around_its_parts():
    """'reports /q.xlsx ' is offered back as 'reports/q.xlsx', the name the user meant."""
    odd = odd_name("reports /q.xlsx ")
    assert odd is not None and odd.meant == "reports/q.xlsx"


@pytest.mark.parametrize("name", ["plan.csv", "./-nan", "q3 plan.xlsx", os.fsdecode(b"Caf\xe9")])
def test_odd_name_passes_plain_names_and_a_byte_of_another_encoding(name):
    """A space inside a name, './-nan' (the way out offered) and a Latin-1 terminal's
    'Café' (a lone surrogate, as Python reads it) are names a user typed on purpose."""
    assert odd_name(name) is None


@pytest.mark.parametrize(
    ("name", "said", "fix"),
    [
        ("plan.xlsx.", "ends in a dot", "Name it plan.xlsx"),
        ("plan.", "ends in a dot", "plan.csv for a CSV file, or plan.xlsx for a workbook"),
        (".csv", "a hidden file named .csv", "Name it plan.csv"),
        (".XLSX", "a hidden file named .XLSX", "Name it plan.XLSX"),
    ],
)
def test_an_out_name_whose_kind_cannot_be_read_from_it_is_refused(tmp_path, name, said, fix):
    """--out plan.xlsx. wrote CSV text under that name (its kind is read from the part after
    the last dot, and there is none), and --out .csv a hidden file named '.csv'."""
    from planner.core.output import check_output

    with pytest.raises(InvalidInputError) as caught:
        check_output(tmp_path / name)
    [problem] = caught.value.errors
    assert said in problem.message and fix in problem.fix, (problem.message, problem.fix)
    assert not (tmp_path / name).exists()


@pytest.mark.parametrize("name", ["plan.csv", "plan.xlsx", "q3.plan.csv", ".plans/plan.csv"])
def test_an_out_name_with_a_kind_after_its_last_dot_passes(tmp_path, name):
    from planner.core.output import check_output

    (tmp_path / ".plans").mkdir()
    assert check_output(tmp_path / name).name == Path(name).name


@pytest.mark.skipif(not os.path.isfile("/proc/version"), reason="needs Linux's /proc")
@pytest.mark.parametrize("seen_first", [True, False])
def test_an_out_path_in_proc_says_it_is_not_a_place_a_file_can_be_written(monkeypatch, seen_first):
    """--out /proc/version said 'cannot be written (No such file or directory)': said
    before any work is spent, and by the write itself where the check could not tell."""
    import planner.core.output as output

    if not seen_first:
        monkeypatch.setattr(output, "_holds_no_files", lambda folder: False)
    for attempt in (output.check_output, lambda p: output.write_text_atomic(p, "x")):
        if not seen_first and attempt is output.check_output:
            continue
        with pytest.raises(InvalidInputError) as caught:
            attempt("/proc/version")
        [problem] = caught.value.errors
        assert "not a place a file can be written" in problem.message, problem.message
        assert "No such file" not in problem.message
        assert "folder on a disk" in problem.fix


def test_a_folder_of_no_blocks_elsewhere_is_tried_not_refused(monkeypatch, tmp_path):
    """A network or FUSE file system may report no blocks and no files yet hold files:
    only /proc and /sys are refused before the write."""
    import planner.core.output as output

    class NoBlocks:
        f_blocks = 0
        f_files = 0

    monkeypatch.setattr(output.os, "statvfs", lambda path: NoBlocks())
    assert not output._holds_no_files(tmp_path)
    assert output.check_output(tmp_path / "plan.csv").name == "plan.csv"


@pytest.mark.parametrize(
    ("folder", "example"),
    [
        ("isdir.xlsx", "isdir.xlsx/plan.xlsx"),
        ("plan.xlsx", "plan.xlsx/new-plan.xlsx"),
        ("q3.zip", "q3.zip/quarter.zip"),
        ("reports", "reports/plan.csv"),
        ("plan.csv", "plan.csv/new-plan.csv"),
    ],
)
def test_an_out_path_that_is_a_folder_suggests_a_file_inside_it_of_another_name(
    tmp_path, monkeypatch, folder, example
):
    """`planner solve --out isdir.xlsx`, isdir.xlsx a folder, said "Name a file inside it,
    e.g. isdir.xlsx/isdir.xlsx": the folder's name again, which reads as a slip. The example
    is a plain name of the kind asked for, never the folder's own."""
    from planner.core.output import check_output

    monkeypatch.chdir(tmp_path)
    (tmp_path / folder).mkdir()
    with pytest.raises(InvalidInputError) as caught:
        check_output(folder)
    [problem] = caught.value.errors
    assert problem.message == "is a folder, not a file.", problem.message
    assert problem.fix == f"Name a file inside it, e.g. {example}.", problem.fix


@pytest.mark.parametrize("name", ["a" * 251 + ".csv", "é" * 125 + ".csv", "q" * 251 + ".zip"])
def test_an_output_named_with_the_longest_name_a_file_may_have_is_written(tmp_path, name):
    """A name of 255 bytes (the most a file system takes) said "cannot be written (File
    name too long)": the temporary file beside it is named after it, with more added. It
    is written, and no temporary file is left."""
    assert len(os.fsencode(name)) in (254, 255)
    written = write_atomic(tmp_path / name, b"plan\n")
    assert written.read_bytes() == b"plan\n"
    assert [p.name for p in tmp_path.iterdir()] == [name]


@pytest.mark.parametrize("typed", ["reports/", "reports//", "./reports/"])
def test_an_out_folder_typed_with_a_slash_after_it_is_named_as_typed(tmp_path, monkeypatch, typed):
    """`--out data/` (a folder) read "--out data: is a folder": the slash typed was gone
    from the path named, so the message named a path the leader had not given."""
    from planner.core.output import check_output

    monkeypatch.chdir(tmp_path)
    (tmp_path / "reports").mkdir()
    with pytest.raises(InvalidInputError) as caught:
        check_output(typed)
    [problem] = caught.value.errors
    assert problem.file == f"--out {typed}"
    assert problem.message == "is a folder, not a file."


def test_generate_names_a_full_out_dir_as_typed(tmp_path, monkeypatch):
    """`generate ro/` over a data folder read "OUT_DIR ro: already holds teams.csv ...",
    the slash typed dropped from the folder it named."""
    monkeypatch.chdir(tmp_path)
    generate_folder("quarter", num_teams=2, num_projects=2)
    with pytest.raises(InvalidInputError) as caught:
        generate_folder("quarter/", num_teams=2, num_projects=2)
    [problem] = caught.value.errors
    assert problem.file == "OUT_DIR quarter/"
    assert problem.message.startswith("already holds teams.csv")


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("./data/../data/./teams.csv", "is an input of this command"),
        ("./missing/plan.csv", "does not exist"),
        ("./data/", "is a folder, not a file."),
    ],
)
def test_an_out_path_refused_is_named_as_typed(tmp_path, monkeypatch, typed, said):
    """`--out ./data/../data/./teams.csv` was named "--out data/../data/teams.csv": Path()
    drops each ./ and a last slash, and the path named was not the one the leader typed."""
    from planner.core.output import check_output

    monkeypatch.chdir(tmp_path)
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "teams.csv").write_text("team_id\n", encoding="utf-8")
    with pytest.raises(InvalidInputError) as caught:
        check_output(typed, inputs=[tmp_path / "data" / "teams.csv"])
    [problem] = caught.value.errors
    assert problem.file == f"--out {typed}"
    assert said in problem.message, problem.message
