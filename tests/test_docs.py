"""The engineer's docs, read as a newcomer reads them: every file they name is there, and
docs/where-to-start.md's examples run as written (README's own are in test_public_api.py
and test_readme_commands.py).
"""

from __future__ import annotations

import argparse
import ast
import importlib
import importlib.util
import os
import re
import shutil
from dataclasses import fields
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
from doc_commands import needs_git, needs_the_venv, not_ignored, outputs, run_lines

from planner.core.settings import Settings
from planner.interfaces.cli import build_parser, main

ROOT = Path(__file__).resolve().parents[1]
WHERE_TO_START = ROOT / "docs" / "where-to-start.md"

#: The docs a newcomer reads in their first hour (docs/where-to-start.md's first lines).
READING = ("README.md", "docs/where-to-start.md", "docs/SPEC.md", "docs/model.md")

#: Top folders of the repository: a path the docs give from one of them is a file of ours.
TOP = ("planner", "pages", "tests", "bench", "docs", "data")

#: Where a file the docs name by its bare name (`weeks.py`, `replan_diff.py`) may live.
HOMES = (
    ROOT,
    ROOT / "planner",
    ROOT / "docs",
    ROOT / "pages",
    ROOT / "bench",
    *sorted((ROOT / "planner").glob("*/")),
)

PATH = re.compile(r"`([\w./-]+)`|\]\(([\w./-]+)\)")


def named_paths(doc: str) -> set[str]:
    """The repository files ``doc`` names: a path from a top folder, or a bare ``.py``/``.md``."""
    text = (ROOT / doc).read_text(encoding="utf-8")
    found = set()
    for match in PATH.finditer(text):
        path = (match.group(1) or match.group(2)).rstrip(".")
        if (path.split("/", 1)[0] in TOP and "/" in path) or path.endswith((".py", ".md")):
            found.add(path)
    return found


def exists(path: str) -> bool:
    if "/" in path:
        return any((home / path).exists() for home in (ROOT, ROOT / "planner"))
    return any((home / path).exists() for home in HOMES)


@pytest.mark.parametrize("doc", (*READING, "bench/README.md"))
def test_every_file_a_doc_names_is_there(doc):
    """A module renamed or split leaves its old name in the docs: the map must lead somewhere."""
    paths = named_paths(doc)
    assert paths, f"{doc} names no file: the pattern above no longer reads it"
    assert [p for p in sorted(paths) if not exists(p)] == []


def test_every_page_module_is_named_where_to_start_lists_the_pages():
    """A page split into parts (the Data page's, the Scenarios page's) leaves a newcomer
    looking in the page for a message its new part says: each module in pages/ is named."""
    text = WHERE_TO_START.read_text(encoding="utf-8")
    pages = sorted((ROOT / "pages").glob("*.py"))
    unnamed = [p.name for p in pages if not re.search(rf"[`/]{re.escape(p.name)}`", text)]
    assert unnamed == []


def test_every_bench_script_is_named_in_the_bench_readme():
    """bench/README.md is where a newcomer finds how to measure: a script it does not name
    (two came in one day, bench/week_alternate.py and bench/odds_teams.py) is found only by
    listing the folder."""
    text = (ROOT / "bench" / "README.md").read_text(encoding="utf-8")
    scripts = sorted((ROOT / "bench").glob("*.py"))
    assert [s.name for s in scripts if not re.search(rf"\b{re.escape(s.name)}\b", text)] == []


def smallest_runs() -> dict[str, list[str]]:
    """bench/README.md's "The smallest run of each script": each script's lines, by name."""
    text = (ROOT / "bench" / "README.md").read_text(encoding="utf-8")
    section = text.split("## The smallest run of each script\n", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sh\n(.*?)```", section, re.DOTALL)
    assert block is not None, "no sh block under 'The smallest run of each script'"
    runs: dict[str, list[str]] = {}
    for line in block.group(1).splitlines():
        if found := re.match(r"(?:nice -n \d+ )?python bench/(\w+\.py)\b(.*)", line):
            runs.setdefault(found.group(1), []).append(found.group(2).split(" # ", 1)[0])
    return runs


def flags_of(script: str) -> set[str]:
    """The ``--flags`` ``script`` and the bench modules it imports declare."""
    text = (ROOT / "bench" / script).read_text(encoding="utf-8")
    imported = re.findall(r"^\s*(?:from|import) (\w+)", text, re.M)
    for name in imported:
        if (ROOT / "bench" / f"{name}.py").is_file():
            text += (ROOT / "bench" / f"{name}.py").read_text(encoding="utf-8")
    return set(re.findall(r"[\"'](--[a-z][\w-]*)[\"']", text))


def test_every_bench_script_has_a_smallest_run_with_flags_it_takes():
    """bench/README.md gave bench/run.py's commands and sent the other scripts' readers to
    their docstrings, whose commands run minutes at company size: a newcomer could not see
    that a script still ran (bench/data_edits.py stopped at the sample's '1,400' hours,
    bench/checkin_workbook.py at the re-plan's new ``after_s``) without a run of minutes.
    Every script run alone has a line at its smallest size, with flags it declares."""
    runs = smallest_runs()
    scripts = sorted(p.name for p in (ROOT / "bench").glob("*.py"))
    alone = [s for s in scripts if "__main__" in (ROOT / "bench" / s).read_text()]
    assert "run.py" in alone and "week_quarters.py" not in alone
    assert [s for s in alone if s not in runs] == []
    unknown = {
        (script, flag)
        for script, lines in runs.items()
        for line in lines
        for flag in re.findall(r"(?<=\s)--[a-z][\w-]*", line)
        if flag not in flags_of(script)
    }
    assert unknown == set()


def test_the_file_check_sees_a_missing_file():
    """The check above is only as good as its reading: a name that is not there fails it."""
    assert exists("planner/optimizer/formulation.py") and exists("replan_diff.py")
    assert not exists("planner/optimizer/old_model.py") and not exists("old_model.py")
    assert "planner/checker.py" in named_paths("docs/where-to-start.md")


#: A test the docs name: `tests/x/test_y.py::test_z`, `R::test_z` (docs/reliability.md's
#: short name for tests/test_robustness.py), or `::test_z` in the last test file named before.
TEST_REF = re.compile(r"`(R|(?:tests/)?[\w/]*test_\w+\.py)?(?:::(\w+))?`")


def named_tests(text: str) -> list[tuple[str, str]]:
    """The (test file, test name) pairs ``text`` names, each ``::name`` read in the file
    named last before it."""
    found, last = [], ""
    for match in TEST_REF.finditer(text):
        file, name = match.groups()
        if file:
            last = "tests/test_robustness.py" if file == "R" else file
        if name:
            found.append((last, name))
    return found


def defines(file: str, name: str) -> bool:
    """Whether the test file ``file`` (a path from the root or from tests/, or a bare name
    unique under tests/) defines ``name``."""
    path = ROOT / file if file.startswith("tests/") else None
    if path is None:
        matches = list((ROOT / "tests").rglob(file.rsplit("/", 1)[-1]))
        path = matches[0] if len(matches) == 1 else None
    return (
        path is not None
        and path.is_file()
        and bool(re.search(rf"^\s*(async )?def {name}\b", path.read_text(encoding="utf-8"), re.M))
    )


@pytest.mark.parametrize("doc", (*READING, "docs/reliability.md"))
def test_every_test_a_doc_names_is_in_the_file_it_names(doc):
    """docs/reliability.md gives each claim the test that holds it; a test moved to another
    file (two were, the doc still naming the old one) leaves the claim with no test."""
    named = named_tests((ROOT / doc).read_text(encoding="utf-8"))
    assert [(file, name) for file, name in named if not defines(file, name)] == []


def test_the_test_check_sees_a_test_in_another_file():
    text = (
        "`tests/core/test_hostile_workbooks.py::test_cells_opened_and_closed_empty_are_formatting"
        "_not_values` and `::test_an_output_name_holding_a_control_character_is_refused_showing_it`"
    )
    (first, second) = named_tests(text)
    assert defines(*first) and not defines(*second)
    assert second[0] == "tests/core/test_hostile_workbooks.py"
    assert defines("tests/interfaces/test_hostile_cli.py", second[1])
    assert named_tests("`R::test_x`") == [("tests/test_robustness.py", "test_x")]


#: Code as the docs name it: `module.name` (`text.hours`) or `planner.a.b.name`.
DOTTED = re.compile(r"`((?:\w+\.)+\w+)(?:\(\))?`")

#: Each planner module by its last part (`text`, `dependency_graph`): one part may name several.
MODULES: dict[str, list[str]] = {}
for _path in sorted((ROOT / "planner").rglob("*.py")):
    _dotted = ".".join(_path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
    MODULES.setdefault(_dotted.rsplit(".", 1)[-1], []).append(_dotted)

PLANNER_SOURCE = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "planner").rglob("*.py"))


def defined_in_planner(name: str) -> bool:
    pattern = rf"^\s*(async )?(def|class) {re.escape(name)}\b|^{re.escape(name)}\s*[:=]"
    return re.search(pattern, PLANNER_SOURCE, re.M) is not None


def stale_code_name(ref: str) -> bool:
    """Whether ``ref`` names code that is not where it says: a module renamed (``graph`` now
    ``dependency_graph``) or a name moved to another module (``text.id_key`` to ``identifiers``).
    A settings key (``solve.seed``), a class's member (``Settings.to_toml``) or a name planner
    does not define (``plan.csv``, ``st.stop``) is not code of ours by this reading."""
    parts = ref.split(".")
    if parts[0] == "planner":
        for i in range(len(parts), 0, -1):
            module = ".".join(parts[:i])
            if module == "planner" or module in MODULES.get(parts[i - 1], []):
                owner: object = importlib.import_module(module)
                for name in parts[i:]:
                    if not hasattr(owner, name):
                        return True
                    owner = getattr(owner, name)
                return False
        return True
    owner_name, name = parts[-2], parts[-1]
    if not owner_name.islower() or owner_name in {f.name for f in fields(Settings)}:
        return False
    if owner_name in MODULES:
        modules = [importlib.import_module(m) for m in MODULES[owner_name]]
        return not any(hasattr(m, name) for m in modules) and defined_in_planner(name)
    return defined_in_planner(name)


@pytest.mark.parametrize("doc", (*READING, "docs/reliability.md", "bench/README.md"))
def test_every_module_name_a_doc_gives_code_by_is_there(doc):
    """A module renamed (``near`` to ``near_current_plan``) or a function moved to another
    (``text.id_key`` to ``identifiers``) leaves the docs pointing a reader at nothing."""
    text = (ROOT / doc).read_text(encoding="utf-8")
    named = {match.group(1) for match in DOTTED.finditer(text)}
    assert sorted(ref for ref in named if stale_code_name(ref)) == []


def test_the_module_name_check_sees_a_renamed_module():
    assert not stale_code_name("dependency_graph.cycle_text")
    assert not stale_code_name("planner.core.unseen.right_to_left_isolated")
    assert stale_code_name("graph.cycle_text")  # the module before its rename
    assert stale_code_name("text.id_key")  # moved to identifiers
    assert stale_code_name("planner.core.shown_figures.right_to_left_isolated")
    assert not stale_code_name("solve.seed") and not stale_code_name("Settings.to_toml")


def help_description(script: Path) -> str | None:
    """What ``script``'s ``--help`` says under its usage line when that is made of its
    docstring (``description=__doc__...``), read without running it."""
    tree = ast.parse(script.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.keyword) and node.arg == "description":
            source = ast.unparse(node.value)
            if "__doc__" in source:
                return str(eval(source, {"__doc__": ast.get_docstring(tree, clean=False)}))
    return None


def cut_short(script: Path) -> bool:
    """Whether ``script``'s ``--help`` gives less than its docstring's first paragraph."""
    said = help_description(script)
    if said is None:
        return False
    docstring = ast.get_docstring(ast.parse(script.read_text(encoding="utf-8")), clean=False)
    first = " ".join((docstring or "").strip().split("\n\n")[0].split())
    return first not in " ".join(said.split())


def test_every_bench_script_s_help_gives_its_first_paragraph_whole():
    """bench/README.md sends a reader to each script's own docstring and ``--help``; three
    scripts gave the docstring's first line alone, which ended mid-sentence ("M in weeks
    from alternating fixed halves: owners with the starts fixed, starts with the")."""
    scripts = sorted((ROOT / "bench").glob("*.py"))
    assert [s.name for s in scripts if cut_short(s)] == []


def test_the_help_check_sees_a_first_line_cut_short(tmp_path):
    script = tmp_path / "script.py"
    script.write_text(
        '"""A first sentence that runs\non to a second line.\n\nMore."""\n'
        "import argparse\n"
        "parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])\n",
        encoding="utf-8",
    )
    assert help_description(script) == "A first sentence that runs" and cut_short(script)
    script.write_text(script.read_text().replace("splitlines()[0]", 'split("\\n\\n")[0]'))
    assert not cut_short(script)


def test_reliability_counts_the_named_bad_input_cases_the_tests_hold(monkeypatch):
    """reliability.md's first row counts the named bad-input cases: it read 67 rejected and
    7 odd-but-valid while the tests held 93 and 9."""
    monkeypatch.syspath_prepend(str(ROOT / "tests" / "core"))
    import test_bad_cells
    import test_bad_input

    glance = " ".join((ROOT / "docs" / "reliability.md").read_text(encoding="utf-8").split())
    said = re.search(r"\| bad input, named cases \| (\d+) rejected \+ (\d+) odd-but-valid", glance)
    assert said is not None, "reliability.md no longer counts the named cases"
    counted = (len(test_bad_input.CASES), len(test_bad_cells.TOLERATED))
    assert (int(said.group(1)), int(said.group(2))) == counted


def section(heading: str) -> str:
    text = WHERE_TO_START.read_text(encoding="utf-8")
    return text.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]


def test_working_on_it_names_every_optimizer_name_the_layers_above_may_take():
    """The section "Working on it" tells what ``scenarios`` and ``interfaces`` may take from the
    optimizer; it named two of the three names tests/test_architecture.py allows
    (``checked_objective``, which the what-ifs read, was left out)."""
    from test_architecture import OPTIMIZER_NAMES_ABOVE

    text = section("Working on it")
    assert sorted(name for _, name in OPTIMIZER_NAMES_ABOVE if f"`{name}`" not in text) == []


def test_the_one_solve_import_runs_as_written():
    """The import a newcomer copies first, opening "One solve, module by module"."""
    block = re.search(r"```python\n(.*?)```", section("One solve, module by module"), re.DOTALL)
    assert block is not None
    namespace: dict[str, object] = {}
    exec(compile(block.group(1), "where-to-start.md", "exec"), namespace)
    assert {"check_plan", "load_problem", "plan_metrics", "solve"} <= set(namespace)


def why_commands() -> list[str]:
    """The shell block of "Why a plan changed", then the explain command its text gives."""
    text = section("Why a plan changed")
    block = re.search(r"```sh\n(.*?)```", text, re.DOTALL)
    assert block is not None
    lines = [line for line in block.group(1).splitlines() if line.strip()]
    explain = re.search(r"`(planner explain [^`]+)`", text)
    assert explain is not None
    return [*lines, ".venv/bin/" + " ".join(explain.group(1).split())]


@pytest.mark.slow
@needs_the_venv
@needs_git
def test_why_a_plan_changed_runs_as_written(tmp_path):
    """Each line exits 0; the second solve prints the sentence the text quotes from it; what
    the commands write in the project folder stays out of git, as README promises."""
    lines = why_commands()
    # With --plan in place of --baseline the explain reads cut.csv as it is, as the text says.
    as_it_is = lines[-1].replace("--baseline plan.csv", "--plan cut.csv")
    assert as_it_is != lines[-1]
    runs = run_lines([*lines, as_it_is], tmp_path)
    prose = " ".join(section("Why a plan changed").split())
    quoted = re.search(r"prints the Constraints page's sentence \(\"([^\"]+?) \.\.\.\"\)", prose)
    assert quoted is not None
    assert quoted.group(1) in runs[2].stdout  # printf, solve, then the what-if's solve
    card = re.search(
        r"prints the card's figure \(\"([^\"]+)\" on the sample\)",
        " ".join(section("One solve, module by module").split()),
    )
    assert card is not None
    assert card.group(1) in runs[1].stdout  # the first solve: the Overview's card figure
    # The explain line opens as the text quotes it.
    opening = re.search(r"made again as that `solve` made it \(\"([^\"]+)\"\)", prose)
    assert opening is not None
    assert runs[-2].stdout.startswith(opening.group(1))
    assert runs[-1].stdout.startswith("Explaining the plan in cut.csv as it is")
    assert not_ignored(outputs(tmp_path)) == []


@pytest.mark.slow
@needs_the_venv
@needs_git
def test_a_generated_quarter_to_compare_stays_out_of_git(tmp_path):
    """The quarter "Working on it" generates in the project folder to compare plans on."""
    text = section("Working on it")
    generate = re.search(r"`(\.venv/bin/planner generate [^`]+)`", text)
    assert generate is not None and "--teams 40 --projects 500" in generate.group(1)
    smaller = generate.group(1).replace("--teams 40 --projects 500", "--teams 4 --projects 20")
    run_lines([smaller], tmp_path)
    assert outputs(tmp_path) == ["q/"]
    assert not_ignored(outputs(tmp_path)) == []


#: The docs' quotes of the sentence a 5 % marketing cut prints on the sample (the names
#: of the projects it lists written "(…)" or "(names)", the rest elided by "...").
WHAT_IF_QUOTE = re.compile(r'"(5 % less marketing: goal attainment [^"]+?)"')
LISTED = re.compile(r"(left out|rescheduled) \([^()]*\)")


def what_if_quotes() -> dict[str, list[str]]:
    found = {}
    for doc in READING:
        text = " ".join((ROOT / doc).read_text(encoding="utf-8").split())
        found[doc] = [
            quote.replace("(names)", "(…)").removesuffix(" ...").removesuffix(" …")
            for quote in WHAT_IF_QUOTE.findall(text)
        ]
    return found


def test_every_quote_of_the_five_percent_what_if_is_the_sample_s(tmp_path, capsys):
    """README, SPEC and where-to-start quote the sentence a 5 % marketing cut prints on the
    sample, as the Constraints page shows it: each quote is how that sentence begins, word
    for word but the project names (README's and SPEC's left out "1 rescheduled (…)", which
    the sentence gives between the projects added and the goals)."""
    quotes = what_if_quotes()
    assert all(quotes[doc] for doc in ("README.md", "docs/SPEC.md", "docs/where-to-start.md"))
    cut = tmp_path / "marketing-95.toml"
    cut.write_text("[capacity.multipliers]\nmarketing = 0.95\n", encoding="utf-8")
    plan = tmp_path / "plan.csv"
    assert main(["solve", str(ROOT / "data" / "sample"), "--out", str(plan)]) == 0
    capsys.readouterr()
    args = ["--settings", str(cut), "--baseline", str(plan), "--out", str(tmp_path / "cut.csv")]
    assert main(["solve", str(ROOT / "data" / "sample"), *args]) == 0
    printed = capsys.readouterr().out
    (sentence,) = [line for line in printed.splitlines() if line.startswith("5 % less")]
    sentence = LISTED.sub(r"\1 (…)", sentence)
    wrong = [(doc, q) for doc, qs in quotes.items() for q in qs if not sentence.startswith(q)]
    assert wrong == [], sentence


@needs_git
def test_the_ignore_check_sees_a_file_git_would_keep():
    assert not_ignored(["plan.csv", "a-new-quarter/"]) == ["a-new-quarter/"]


@pytest.mark.slow
@needs_the_venv
def test_spec_s_counted_kpi_is_the_sample_s_at_week_6(tmp_path):
    """SPEC's example of a count kept as written (867 MQLs standing for the plan's figure by
    then) is the sample's own at week 6, as ``checkin-template`` writes it there."""
    spec = " ".join((ROOT / "docs" / "SPEC.md").read_text(encoding="utf-8").split())
    said = re.search(r"the plan's ([\d.]+) MQLs by week 6 of the sample that a kept (\d+)", spec)
    assert said is not None, "SPEC no longer gives the sample's week-6 MQLs"
    lines = [
        ".venv/bin/planner solve data/sample --out plan.csv",
        ".venv/bin/planner checkin-template data/sample --baseline plan.csv --weeks 6",
    ]
    template = run_lines(lines, tmp_path)[1].stdout
    assert f'"mqls" = {said.group(2)}  #' in template
    assert f'"mqls" = {said.group(1)}\n' in template  # under [achieved_as_planned]


def in_millions(sample: Path, folder: Path) -> Path:
    """The sample with its pipeline counted in $M (a target of 11), Discovery call framework
    worth 1.25: a KPI that does not count things, SPEC's example of one."""
    data = Path(shutil.copytree(sample, folder))
    goals = pd.read_csv(data / "goals.csv", dtype=str, keep_default_na=False)
    goals.loc[goals.goal_id == "pipeline", ["kpi", "target"]] = ["pipeline $M", "11"]
    projects = pd.read_csv(data / "projects.csv", dtype=str, keep_default_na=False)
    pipeline = projects.goal_id == "pipeline"
    for column in ("value", "value_low", "value_high"):
        projects.loc[pipeline, column] = [f"{float(v) / 1e6:g}" for v in projects[column][pipeline]]
    projects.loc[projects.project_id == "QU-01", "value"] = "1.25"
    estimates = pd.read_csv(data / "estimates.csv", dtype=str, keep_default_na=False)
    millions = estimates.project_id.isin(projects.project_id[pipeline]) & (estimates.value != "")
    estimates.loc[millions, "value"] = [f"{float(v) / 1e6:g}" for v in estimates.value[millions]]
    for name, table in (("goals", goals), ("projects", projects), ("estimates", estimates)):
        table.to_csv(data / f"{name}.csv", index=False)
    return data


def test_spec_s_kpi_that_counts_nothing_is_written_as_it_says(tmp_path, capsys):
    """SPEC's example of a KPI that does not count things, kept as written, read "597 SQLs for
    596.815": the sample's SQLs count things, and are written whole (153 for 153.06). Its
    example is a KPI in $M, as ``checkin-template`` writes it."""
    spec = " ".join((ROOT / "docs" / "SPEC.md").read_text(encoding="utf-8").split())
    said = re.search(
        r"\(([\d.]+) pipeline \$M at week (\d+) of the sample so counted, for the plan's ([\d.]+),",
        spec,
    )
    assert said is not None, "SPEC no longer gives a KPI in $M kept as written"
    data = in_millions(ROOT / "data" / "sample", tmp_path / "millions")
    plan = tmp_path / "plan.csv"
    assert main(["solve", str(data), "--out", str(plan)]) == 0
    capsys.readouterr()
    args = ["checkin-template", str(data), "--baseline", str(plan), "--weeks", said.group(2)]
    assert main(args) == 0
    template = capsys.readouterr().out
    assert f'"pipeline" = {said.group(1)}  #' in template
    assert f'"pipeline" = {said.group(3)}\n' in template  # under [achieved_as_planned]
    assert said.group(1) != said.group(3)


@pytest.mark.parametrize(
    ("name", "hours", "renamed"),
    [
        ("Discovery call framework and talk tracks", "250", True),  # its name kept
        ("Discovery framework", "200", True),  # id and name together, nothing else
        ("Discovery framework", "250", False),  # another project in its place
    ],
)
def test_spec_states_one_rename_rule_for_the_data_page_and_the_re_plan(name, hours, renamed):
    """SPEC told the rename rule for re-planning a Data page edit and, in other words, for
    `--baseline-data`, and the Data page's own (what follows a renamed id) not at all, though
    one rule (`core/renames.py`) reads all of them. It is said once, naming both, and both
    read each of its cases alike: QU-01 typed over as QU-1."""
    from dataclasses import replace

    from planner.core.builder import load_problem
    from planner.core.edit_followups import follow_project_edits
    from planner.core.editing import editable_frames
    from planner.core.tables import ESTIMATES, PROJECTS
    from planner.scenarios.id_renames import renamed_ids

    spec = " ".join((ROOT / "docs" / "SPEC.md").read_text(encoding="utf-8").split())
    rule = "or its id and name changed together and nothing else of its row did"
    assert spec.count(rule) == 1, "SPEC states the rename rule once"
    paragraph = spec.split(rule)[0].rsplit("One rule tells an id renamed", 1)[1]
    assert "the Data page's Apply" in paragraph and "`solve --baseline-data`" in paragraph
    assert "whose id alone changed" not in spec
    before = load_problem(ROOT / "data" / "sample")
    frames = editable_frames(before)
    projects = frames[PROJECTS].copy()
    row = projects.index[projects.project_id == "QU-01"][0]
    projects.loc[row, ["project_id", "name", "effort_hours"]] = ["QU-1", name, hours]
    followed, _ = follow_project_edits(before, {**frames, PROJECTS: projects})
    estimates = set(followed.get(ESTIMATES, frames[ESTIMATES]).project_id)
    assert ("QU-1" in estimates, "QU-01" in estimates) == (renamed, False)
    after = replace(
        before,
        projects=tuple(
            replace(p, project_id="QU-1", name=name, effort_hours=Decimal(hours))
            if p.project_id == "QU-01"
            else p
            for p in before.projects
        ),
    )
    assert renamed_ids(before, after)[0] == ({"QU-01": "QU-1"} if renamed else {})


def test_the_screenshots_open_the_sample_not_the_user_s_saved_work(tmp_path, monkeypatch):
    """docs/screenshot.py (README's pictures) served the app with the caller's environment:
    the user's own database (its unsaved work offered back over the sample) or PLANNER_DATA
    (another quarter) would be in the pictures README says are of the sample."""
    spec = importlib.util.spec_from_file_location("screenshot", ROOT / "docs" / "screenshot.py")
    assert spec is not None and spec.loader is not None
    screenshot = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(screenshot)
    monkeypatch.setenv("PLANNER_DB", str(tmp_path / "mine.duckdb"))
    monkeypatch.setenv("PLANNER_DATA", str(tmp_path / "my-quarter"))
    env = screenshot.server_env(tmp_path / "shots")
    assert "PLANNER_DATA" not in env
    assert Path(env["PLANNER_DB"]).parent == tmp_path / "shots"
    assert env["PATH"] == os.environ["PATH"]


def test_the_screenshots_of_every_page_are_of_every_page():
    """`docs/screenshot.py --all OUT` says it saves every page; it saved five of the seven
    (no Scenarios, no Check-in). Each page of the app's navigation has its picture."""
    spec = importlib.util.spec_from_file_location("screenshot", ROOT / "docs" / "screenshot.py")
    assert spec is not None and spec.loader is not None
    screenshot = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(screenshot)
    from pages.common import PAGES

    pages = {Path(file).stem for file, _, _ in PAGES}
    assert len(pages) == 7
    assert {name for name, _ in screenshot.PAGES.values()} == pages


#: Words README's page table quotes from the app: a button, a toggle or a tab.
README_LABELS = (
    "Undo the last Apply",
    "Keep this plan",
    "Re-plan from scratch instead",
    "Stop and keep the best plan so far",
    "Re-plan on every change",
    "Keep changes small",
    "Stage policy",
    "Pins and forbids",
    "Priorities and time limit",
)


def labels_missing(readme: str, pages: str) -> list[str]:
    """The labels README quotes ("Keep this plan") that no page's code has, word for word."""
    quoted = [label for label in README_LABELS if f'"{label}' in readme]
    return [label for label in quoted if f'"{label}"' not in pages]


def test_every_label_readme_quotes_is_on_a_page():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    pages = "\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "pages").glob("*.py")))
    assert [label for label in README_LABELS if f'"{label}' not in readme] == []
    assert labels_missing(readme, pages) == []


def test_the_label_check_sees_a_renamed_button():
    readme = 'with "Keep this plan" one click away'
    assert labels_missing(readme, 'st.button("Keep the plan")') == ["Keep this plan"]
    assert labels_missing(readme, 'st.button("Keep this plan")') == []


#: A name the docs place in a file: "`name` (`file.py`)", "`a`, `b` (`file.py`)",
#: "`file.py` (`name`)", "`file.py`'s `name`" or "`file.py`: `a`, `b`".
_NAME = r"`(\w+(?:\.\w+)?)(?:\(\))?`"
_NAMES = rf"{_NAME}(?:(?:,| and| or) {_NAME})*"
_FILE = r"`([\w/]+\.py)`"
PLACED = (
    re.compile(rf"(?P<names>{_NAMES}) \({_FILE}\)"),
    re.compile(rf"{_FILE} \((?P<names>{_NAMES})[);]"),
    re.compile(rf"{_FILE}(?:'s|:) (?P<names>{_NAMES})"),
)


def source_of(path: str) -> str | None:
    """The text of ``path`` as the docs give it: from the root, planner/ or a planner layer."""
    for home in (ROOT, ROOT / "planner", ROOT / "pages", *HOMES):
        if (home / path).is_file():
            return (home / path).read_text(encoding="utf-8")
    return None


def misplaced(text: str) -> list[str]:
    """Each "name (file)" of ``text`` whose file does not define the name (a class's member,
    ``Class.member``, by its member)."""
    found = []
    for pattern in PLACED:
        for match in pattern.finditer(" ".join(text.split())):
            file = next(g for g in match.groups() if g and g.endswith(".py"))
            source = source_of(file)
            names = re.findall(_NAME, match.group("names"))
            for name in (n for n in names if not n.endswith("py")):
                last = re.escape(name.rsplit(".", 1)[-1])
                pattern_def = rf"^\s*(async )?(def|class) {last}\b|^\s*(self\.)?{last}\s*[:=]"
                if source is None or not re.search(pattern_def, source, re.M):
                    found.append(f"{name} ({file})")
    return found


@pytest.mark.parametrize("doc", READING)
def test_every_name_a_doc_places_in_a_file_is_defined_there(doc):
    """docs/model.md's "Where each rule is written" put `Problem.runs_after` in core/weeks.py,
    where the other two names of its row are; it is `Problem`'s, in core/domain.py."""
    assert misplaced((ROOT / doc).read_text(encoding="utf-8")) == []


def test_the_place_check_sees_a_name_in_the_wrong_file():
    assert misplaced("`Problem.runs_after`, `start_after` (`core/weeks.py`)") == [
        "Problem.runs_after (core/weeks.py)"
    ]
    assert (
        misplaced("`Problem.runs_after` (`core/domain.py`), `start_after` (`core/weeks.py`)") == []
    )
    assert misplaced("`optimizer/weeks.py` (`week_capacity_rows`)") == []
    assert misplaced("`optimizer/weeks.py`'s `finish_to_start`") == [
        "finish_to_start (optimizer/weeks.py)"
    ]


def test_readme_runs_every_command_and_the_scenarios_line_names_each_one():
    """README's command block is where a newcomer meets the command line, and `planner
    --help`'s one line for `scenarios` is where they learn its sub-commands: a command added
    to the parser and not to them is one nobody finds."""
    from planner.interfaces.cli import build_parser

    readme = (ROOT / "README.md").read_text(encoding="utf-8").split("## The command line", 1)[1]
    parser = build_parser()
    (commands,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    for name in commands.choices:
        assert re.search(rf"\.venv/bin/planner {name}(?![\w-])", readme), name
    scenarios = commands.choices["scenarios"]
    (subcommands,) = [a for a in scenarios._actions if isinstance(a, argparse._SubParsersAction)]
    (line,) = [c.help for c in commands._choices_actions if c.dest == "scenarios"]
    for name in subcommands.choices:
        assert re.search(rf"\.venv/bin/planner scenarios {name}(?![\w-])", readme), name
        assert re.search(rf"\b{name}\b", line or ""), (name, line)


def test_where_a_hard_rule_lives_names_every_explain_module_about_rules():
    """explain/common.py's split left rules 6 and 8's words in `rule_words.py`, which "Where a
    hard rule lives" did not name: a newcomer adding rule 13 was sent to unassigned.py for
    words it no longer holds. Every explain module whose docstring opens on rules is named."""
    named = section("Where a hard rule lives")
    about_rules = [
        path.name
        for path in sorted((ROOT / "planner" / "explain").glob("[a-z]*.py"))
        if re.search(
            r"\brules?\b",
            (ast.get_docstring(ast.parse(path.read_text())) or "").split("\n\n")[0],
            re.I,
        )
    ]
    assert "rule_words.py" in about_rules
    assert [name for name in about_rules if name not in named] == []


def rule_numbers() -> dict[str, list[int]]:
    """The hard rules' numbers as SPEC lists them, as the checker's ``RULES`` notes them and
    as docs/model.md's "Where each rule is written" gives each a row."""
    spec = (ROOT / "docs" / "SPEC.md").read_text(encoding="utf-8")
    listed = spec.split("## Hard rules\n", 1)[1].split("\n## ", 1)[0]
    added = spec.split("Hard rules, added:\n", 1)[1].split("\n`", 1)[0]
    checker = (ROOT / "planner" / "checker.py").read_text(encoding="utf-8")
    rules = checker.split("\nRULES", 1)[1].split("\n)", 1)[0]
    model = (ROOT / "docs" / "model.md").read_text(encoding="utf-8")
    table = model.split("## Where each rule is written\n", 1)[1].split("\n## ", 1)[0]
    return {
        "SPEC.md": sorted(int(n) for n in re.findall(r"^(\d+)\. ", listed + added, re.M)),
        "checker.py": sorted({int(n) for n in re.findall(r"# (\d+)\b", rules)}),
        "model.md": sorted(int(n) for n in re.findall(r"^\| (\d+) ", table, re.M)),
    }


def test_where_each_rule_is_written_has_a_row_for_every_rule():
    """A rule 13 added to SPEC and the checker, as "Adding a rule" says, and not to model.md's
    table of where each rule is written leaves the next engineer no row to find it by."""
    numbers = rule_numbers()
    assert len(numbers["SPEC.md"]) >= 12, numbers  # the reading above still finds them
    assert numbers["SPEC.md"] == list(range(1, len(numbers["SPEC.md"]) + 1)), numbers
    assert numbers["checker.py"] == numbers["SPEC.md"] == numbers["model.md"], numbers
    # ... and where-to-start's first lines count them in words.
    count = {12: "twelve", 13: "thirteen", 14: "fourteen", 15: "fifteen"}[len(numbers["SPEC.md"])]
    assert f"the {count} hard rules" in WHERE_TO_START.read_text(encoding="utf-8")


def modules_naming(word: str) -> list[str]:
    """The planner modules whose code or docstrings name ``word``, from ``planner/``."""
    found = []
    for path in sorted((ROOT / "planner").rglob("*.py")):
        if re.search(rf"\b{word}\b", path.read_text(encoding="utf-8")):
            found.append(path.relative_to(ROOT / "planner").as_posix())
    return found


def test_adding_a_rule_names_every_module_a_rule_s_input_passes_through():
    """model.md's "Adding a rule" sent a rule's new input to `core/domain.py` and the
    loader's checks alone; rule 6's `max_projects` also lives in the columns' list, the CSV
    and workbook writers, the template, the Data page's grid, the generator, the scenario
    database, the rest of the quarter and the no-plan explanations. A rule 13 with a column
    of its own (a team's "at most 3 projects at once") left out of one of them loses it
    there: a saved scenario without it, a workbook that does not load it back."""
    model = (ROOT / "docs" / "model.md").read_text(encoding="utf-8")
    adding = model.split("## Adding a rule\n", 1)[1].split("\n## ", 1)[0]
    named = {m.group(1) for m in re.finditer(r"`(?:planner/)?([\w/]+\.py)`", adding)}
    modules = modules_naming("max_projects")
    assert {"core/tables.py", "scenarios/schema.py", "checker.py"} <= set(modules)
    assert [m for m in modules if m not in named] == []


def test_readme_s_portfolio_row_gives_each_size_the_code_keeps():
    """README's PLANNER_PORTFOLIO row said "only on pure assignments" with no size, where
    HiGHS runs beside CP-SAT by default from SMALL_PAIRS pairs (a smaller quarter gets its
    proof instead): every threshold the default and `1` keep is stated, as the code has it."""
    from planner.solving.portfolio import HIGHS_ONLY_MIN_PAIRS, MIP_BESIDE_MAX_PAIRS
    from planner.solving.proof import SMALL_PAIRS

    (row,) = [
        line
        for line in (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
        if line.startswith("| `PLANNER_PORTFOLIO` |")
    ]
    default = row[row.index("(default") :]
    assert f"pure assignments of {SMALL_PAIRS:,} to {MIP_BESIDE_MAX_PAIRS:,} pairs" in default
    assert f"from {HIGHS_ONLY_MIN_PAIRS:,} pairs two HiGHS" in default
    assert f"up to {MIP_BESIDE_MAX_PAIRS:,} pairs" in row[: row.index("(default")]


def planner_flags() -> set[str]:
    """Every flag of every ``planner`` command and sub-command."""
    found: set[str] = set()

    def walk(parser: argparse.ArgumentParser) -> None:
        for action in parser._actions:
            found.update(action.option_strings)
            if isinstance(action, argparse._SubParsersAction):
                for each in action.choices.values():
                    walk(each)

    walk(build_parser())
    return found


@pytest.mark.parametrize("doc", (*READING, "data/README.md"))
def test_every_flag_a_newcomer_s_doc_gives_is_a_command_s(doc):
    """A flag renamed in the CLI (`--time` refused for `--time-limit`, `--db DB` for `--db
    FILE`) and not in the docs sends a newcomer to an error. Every `--flag` the first hour's
    docs give is one of `planner`'s or a bench script's (SPEC quotes `--time` as refused)."""
    bench = {f for path in (ROOT / "bench").glob("*.py") for f in flags_of(path.name)}
    text = (ROOT / doc).read_text(encoding="utf-8")
    given = set(re.findall(r"(?<![\w-])(--[a-z][a-z0-9-]*)", text))
    assert "--time-limit" in planner_flags()
    assert sorted(given - planner_flags() - bench - {"--time"}) == []
