"""The public surface: ``from planner import ...`` and the README's example, run as written."""

from __future__ import annotations

import enum
import inspect
import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import planner

ROOT = Path(__file__).resolve().parent.parent


def readme_example() -> str:
    """The Python block under "From Python" in README.md, exactly as a reader copies it."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## From Python", 1)[1]
    match = re.search(r"```python\n(.*?)```", section, re.DOTALL)
    assert match is not None, "README.md has no python block under 'From Python'"
    return match.group(1)


def test_the_readme_example_runs_as_written(capsys, monkeypatch):
    """The first code a Python user copies must work; a README that lies costs trust."""
    code = readme_example()
    assert len(code.splitlines()) <= 20
    monkeypatch.chdir(ROOT)  # the example reads data/sample, as a reader in the repository would
    exec(compile(code, "README.md", "exec"), {"__name__": "readme"})
    out = capsys.readouterr().out
    assert "'status': 'optimal'" in out or "'status': 'feasible'" in out
    assert "('blog', 'content')" in out


def test_the_package_docstring_example_runs_as_written(capsys, monkeypatch):
    """``help(planner)`` is a newcomer's first page: its example, the figures a leader
    reads (each goal's attainment, each team's load) from the public names alone, runs."""
    match = re.search(r"::\n\n((?:    .*\n|\n)+)", planner.__doc__ or "")
    assert match is not None, "planner's docstring has no example block"
    code = "\n".join(line.removeprefix("    ") for line in match.group(1).splitlines())
    monkeypatch.chdir(ROOT)
    exec(compile(code, "planner/__init__.py", "exec"), {"__name__": "docstring"})
    lines = capsys.readouterr().out.splitlines()
    problem = planner.load_problem(ROOT / "data" / "sample")
    assert lines[0].startswith("goal attainment ")
    assert [line.split(" ")[0] for line in lines[1:]] == [
        *(g.name.split(" ")[0] for g in problem.goals),
        *(problem.team(t).name.split(" ")[0] for t in problem.team_order),
    ]


def test_the_public_names_are_importable_from_planner():
    """``from planner import load_problem, solve`` and friends: one import surface."""
    names = [
        "load_problem",
        "solve",
        "Problem",
        "Result",
        "Settings",
        "Status",
        "InvalidInputError",
        "ProblemBuilder",
        "Progress",
        "ProgressCallback",
        "PlanCheckError",
        "check_plan",
        "Violation",
        "plan_metrics",
        "PlanMetrics",
    ]
    namespace: dict[str, object] = {}
    exec(f"from planner import {', '.join(names)}", namespace)
    assert all(callable(namespace[name]) for name in names)
    assert set(names) <= set(planner.__all__)


def test_every_public_name_is_listed_and_found_where_it_lives():
    """``__all__`` and the lazy look-up agree: no name is public that cannot be imported."""
    assert set(planner.__all__) == set(planner._HOMES)
    for name in planner.__all__:
        assert getattr(planner, name).__name__ == name
    assert set(planner.__all__) <= set(dir(planner))


def test_every_class_the_docs_of_the_public_api_name_is_public():
    """``help(planner)`` and README's "From Python" name the types a user meets (the
    ``GoalFigures`` of ``plan_metrics(...).goals``, say): each imports from ``planner``, so
    that a user's annotations need no module below it."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8").split("## From Python", 1)[1]
    readme = readme.split("\n## ", 1)[0]
    text = f"{planner.__doc__}\n{readme}"
    camel = set(re.findall(r"\b[A-Z][a-z]+(?:[A-Z][a-z]*)+\b", text))
    referred = set(re.findall(r":(?:class|func):`~?([\w.]+)`", text))
    named = camel | {name.rsplit(".", 1)[-1] for name in referred}
    assert {"GoalFigures", "ProblemBuilder", "Progress", "InputWarning"} <= named
    assert sorted(named - set(planner.__all__)) == []


def test_importing_a_lower_layer_does_not_load_the_solver():
    """A worker that needs only the domain must not pay for OR-Tools and pandas."""
    code = (
        "import sys, planner.core.domain; "
        "print('ortools' in sys.modules, 'planner.solving.solver' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    ).stdout
    assert out.split() == ["False", "False"]


def test_the_package_tells_type_checkers_it_is_typed():
    """PEP 561: without py.typed an installed planner gives mypy users no types at all."""
    import importlib.resources
    import tomllib

    assert importlib.resources.files("planner").joinpath("py.typed").is_file()
    with open(ROOT / "pyproject.toml", "rb") as file:
        package_data = tomllib.load(file)["tool"]["setuptools"]["package-data"]
    assert "py.typed" in package_data["planner"]  # so the wheel carries it too


def written_doc(thing: object) -> str:
    """The docstring its author wrote: not one a dataclass makes up (``Plan(assignments=...)``)
    nor one inherited or given by ``Enum``."""
    doc = vars(thing).get("__doc__") if isinstance(thing, type) else thing.__doc__
    name = getattr(thing, "__name__", "")
    if not doc or doc.startswith(f"{name}(") or doc == "An enumeration.":
        return ""
    return doc


def unannotated(function: Callable[..., object]) -> list[str]:
    """The parameters of ``function`` (and ``return``) that carry no annotation."""
    signature = inspect.signature(function)
    missing = [n for n, p in signature.parameters.items() if p.annotation is p.empty]
    return [*missing, "return"] if signature.return_annotation is signature.empty else missing


def test_every_public_name_says_what_it_is_and_every_public_function_is_typed():
    """``help(planner.X)`` answers a user for each public name: a docstring of its own, and
    every parameter and return of a public function annotated, so that a user's mypy checks
    their calls."""
    assert [name for name in planner.__all__ if not written_doc(getattr(planner, name))] == []
    functions = {n: f for n in planner.__all__ if inspect.isfunction(f := getattr(planner, n))}
    assert {"solve", "load_problem", "check_plan", "plan_metrics"} <= set(functions)
    assert {name: unannotated(f) for name, f in functions.items() if unannotated(f)} == {}


def test_the_public_name_checks_see_what_is_missing():
    """The checks above are only as good as their reading: a dataclass or an enum with no
    docstring of its own, and a function with an unannotated parameter or return, are found."""

    @dataclass
    class Bare:
        x: int

    class Colour(enum.Enum):
        RED = 1

    def loose(a, b: int):
        return a

    assert written_doc(Bare) == "" and written_doc(Colour) == ""
    assert written_doc(planner.Plan) != ""
    assert unannotated(loose) == ["a", "return"]


def test_the_public_functions_send_users_only_to_public_names():
    """``help(planner.load_problem)`` sent users to planner.core.loading.load_with_warnings,
    which ``planner`` does not export, and plan_metrics' named the private _FIGURES_KEPT:
    each function or class a public function's docstring names can be imported from
    ``planner``, and no private name is in its signature or its words."""
    functions = {n: f for n in planner.__all__ if inspect.isfunction(f := getattr(planner, n))}
    named = {
        name: re.findall(r":(?:class|func|data|meth|attr):`~?([\w.]+)`", f.__doc__ or "")
        for name, f in functions.items()
    }
    private = {
        name: [r for r in refs if r.rsplit(".", 1)[-1] not in planner.__all__]
        for name, refs in named.items()
    }
    assert {name: refs for name, refs in private.items() if refs} == {}
    assert [n for n, f in functions.items() if re.search(r"\b_[A-Za-z]", f.__doc__ or "")] == []
    public_parameters = {
        n: [p for p in inspect.signature(f).parameters if not p.startswith("_")]
        for n, f in functions.items()
    }
    assert public_parameters["solve"] == [
        "problem",
        "time_limit_s",
        "progress",
        "cancel",
        "started",
    ]
    # What a user's code must handle: no plan, and where the reason is.
    said = " ".join((planner.solve.__doc__ or "").split())
    assert "``plan`` is None" in said and "``reasons``" in said


def test_load_problem_s_recipe_for_its_warnings_gets_them_as_data(tmp_path, monkeypatch):
    """The recipe load_problem's docstring gives, run as written on a folder with an
    unknown column: its warning comes back as words naming the file and the column."""
    match = re.search(r"::\n\n((?:            .*\n|\n)+)", planner.load_problem.__doc__ or "")
    assert match is not None, "load_problem's docstring has no recipe for its warnings"
    code = "\n".join(line.removeprefix("            ") for line in match.group(1).splitlines())
    data = tmp_path / "data" / "sample"
    data.mkdir(parents=True)
    for path in (ROOT / "data" / "sample").iterdir():
        (data / path.name).write_bytes(path.read_bytes())
    teams = data / "teams.csv"
    lines = teams.read_text(encoding="utf-8").splitlines()
    extra = [f"{lines[0]},mood", *(f"{line},calm" for line in lines[1:])]
    teams.write_text("\n".join(extra) + "\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {}
    exec("import warnings\nfrom planner import InputWarning, load_problem", namespace)
    exec(compile(code, "load_problem", "exec"), namespace)
    notes = namespace["notes"]
    assert isinstance(notes, list) and len(notes) == 1, notes
    assert "teams.csv" in notes[0] and "mood" in notes[0], notes
