"""The package's shape: layers one way down, no import cycle, no module or function too long.

SPEC-independent rules of how ``planner`` is built (README.md's Layout,
docs/where-to-start.md's "Working on it"): ``core`` <- ``checker`` <- ``optimizer`` <-
``explain`` <- ``solving`` <- ``scenarios`` <- ``interfaces``, with
``planner/__init__.py`` (the public API) on top. A module may import its own layer
and the layers below it, never above. The checker, the independent spec in code,
imports only ``core``, and not the weeks' helpers that the optimizer reads.
Nothing in ``planner`` imports Streamlit. Imports inside functions count:
a lazy import is still a dependency.

And of the app over it: ``app.py`` and ``pages/`` import neither OR-Tools,
DuckDB nor ``planner.optimizer``, take ``planner``'s public names from ``planner``, and
stay under 800 lines a module; no module, page or bench script takes another module's
``_private`` name. SQL lives only in the store (``planner.scenarios.storage``,
``kept_store``, ``store_rows``, ``schema`` and ``database``); below its command line
``planner`` never prints.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path
from textwrap import dedent

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "planner"

#: Bottom to top. The public API (the root package) sits above them all.
LAYERS = ("core", "checker", "optimizer", "explain", "solving", "scenarios", "interfaces")
MAX_LINES = 800
#: Modules over the limit while their owners split them, each with a ceiling so
#: that they do not grow meanwhile. Empty this as they are split.
TOO_LONG_FOR_NOW: dict[str, int] = {}
MAX_FUNCTION_LINES = 80
#: Functions over the limit not yet split into named steps, each with its ceiling so that
#: it does not grow meanwhile. Remove an entry once its function is split.
LONG_FUNCTIONS_FOR_NOW: dict[str, int] = {}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imported(path: Path) -> Iterator[str]:
    """Every module ``path`` imports, wherever the import statement is."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            yield base
            # ``from planner.explain import relaxation`` imports a module too.
            yield from (f"{base}.{a.name}" for a in node.names if f"{base}.{a.name}" in MODULES)


def planner_imports(name: str) -> set[str]:
    """The modules of ``planner`` that module ``name`` imports (itself excluded)."""
    return {m for m in imported(MODULES[name]) if m in MODULES and m != name}


def layer(name: str) -> int:
    """The module's layer: its index in LAYERS; the root package and ``__main__`` are on top."""
    parts = name.split(".")
    if len(parts) == 1 or parts[1] == "__main__":
        return len(LAYERS)
    assert parts[1] in LAYERS, f"{name} is in no layer: put it in one of {LAYERS}"
    return LAYERS.index(parts[1])


def test_every_module_imports_only_its_own_layer_and_those_below():
    """One way down: a lower layer that imports a higher one drags the app into the core."""
    wrong = [
        f"{name} ({LAYERS[layer(name)] if layer(name) < len(LAYERS) else 'api'}) imports {dep}"
        for name in MODULES
        for dep in sorted(planner_imports(name))
        if layer(dep) > layer(name)
    ]
    assert wrong == []


def test_the_checker_imports_only_core():
    """The checker is the spec in code: it must not share a line with the optimizer it checks."""
    deps = {d for name in MODULES if layer(name) == 1 for d in planner_imports(name)}
    assert {d for d in deps if layer(d) != 0} == set()


def test_the_checker_uses_no_solver():
    """Exact arithmetic from SPEC alone: a solver library in the checker could share the
    optimizer's tolerances and let a plan through because the optimizer believed it."""
    checker = [name for name in MODULES if layer(name) == 1]
    assert checker == ["planner.checker"]
    solvers = ("ortools", "highspy", "pyscipopt")
    used = {m for m in imported(MODULES["planner.checker"]) if m.split(".")[0] in solvers}
    assert used == set()


def test_nothing_in_planner_imports_streamlit():
    """planner runs in the CLI, tests and worker processes, where there is no Streamlit."""
    users = [
        name
        for name, path in MODULES.items()
        if any(m == "streamlit" or m.startswith("streamlit.") for m in imported(path))
    ]
    assert users == []


def test_planner_has_no_import_cycle():
    """A cycle makes import order matter and the layers meaningless; there is none."""
    graph = {name: planner_imports(name) for name in MODULES}
    # The root package imports its public names from below; nothing imports it back.
    assert [n for n, deps in graph.items() if "planner" in deps] == []
    done: set[str] = set()
    path: list[str] = []

    def visit(name: str) -> list[str] | None:
        if name in path:
            return [*path[path.index(name) :], name]
        if name in done:
            return None
        path.append(name)
        for dep in sorted(graph[name]):
            cycle = visit(dep)
            if cycle:
                return cycle
        path.pop()
        done.add(name)
        return None

    cycles = [c for c in (visit(n) for n in sorted(graph)) if c]
    assert cycles == [], " -> ".join(cycles[0]) if cycles else ""


def test_no_module_is_over_800_lines():
    """A module a reader can hold in their head; past 800 lines it is two modules."""
    long = {
        name: n
        for name, path in MODULES.items()
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    over = {name: n for name, n in long.items() if n > TOO_LONG_FOR_NOW.get(name, MAX_LINES)}
    assert over == {}


def function_lengths(module: str, source: str) -> dict[str, int]:
    """Lines from ``def`` to the last line of every function in ``source`` (nested ones too),
    by ``module.Class.function`` name."""
    lengths: dict[str, int] = {}

    def visit(node: ast.AST, prefix: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                name = f"{prefix}.{child.name}"
                if not isinstance(child, ast.ClassDef):
                    lengths[name] = (child.end_lineno or child.lineno) - child.lineno + 1
                visit(child, name)
            else:
                visit(child, prefix)

    visit(ast.parse(source), module)
    return lengths


def test_no_function_is_over_80_lines():
    """A function a reader can follow in one screen; past 80 lines it is a few named steps.
    The ones not yet split keep their ceiling, and leave the list once they are short."""
    lengths: dict[str, int] = {}
    for name, path in MODULES.items():
        lengths.update(function_lengths(name, path.read_text(encoding="utf-8")))
    over = {
        name: n
        for name, n in lengths.items()
        if n > LONG_FUNCTIONS_FOR_NOW.get(name, MAX_FUNCTION_LINES)
    }
    assert over == {}
    split = {
        name: lengths.get(name)
        for name in LONG_FUNCTIONS_FOR_NOW
        if lengths.get(name, 0) <= MAX_FUNCTION_LINES
    }
    assert split == {}, "split (or gone): take them off LONG_FUNCTIONS_FOR_NOW"


def test_the_function_length_check_counts_nested_functions_and_methods():
    """The check above is only as good as its count: a method and a function inside a
    function are counted by their own names, from ``def`` to their last line."""
    source = dedent(
        """\
        class Plan:
            def cost(self):
                a = 1
                return a
        def outer():
            def inner():
                return 1
            return inner
        """
    )
    assert function_lengths("m", source) == {"m.Plan.cost": 3, "m.outer": 4, "m.outer.inner": 2}


#: The layers whose package docstring is their map: every module named in it, once.
MAPPED = ("core", "optimizer", "explain", "solving", "scenarios", "interfaces")


def test_the_layers_maps_name_every_module():
    """``help(planner.optimizer)`` lists the layer's modules, bottom up: a module added and
    left off the map (the HiGHS worker, the LP with weeks, the week swaps were) is one a
    reader of the map never finds, and a rule change there is missed."""
    unnamed: dict[str, list[str]] = {}
    for folder in MAPPED:
        doc = ast.get_docstring(ast.parse((PACKAGE / folder / "__init__.py").read_text())) or ""
        named = {a or b for a, b in re.findall(r"``(\w+)``|:mod:`~?planner\.\w+\.(\w+)`", doc)}
        modules = {p.stem for p in (PACKAGE / folder).glob("*.py") if p.stem != "__init__"}
        unnamed[folder] = sorted(modules - named)
    assert unnamed == {folder: [] for folder in MAPPED}


def test_the_graph_sees_real_imports():
    """The tests above are only as good as the graph: it must find known edges."""
    assert "planner.core.domain" in planner_imports("planner.solving.solver")
    assert "planner.solving.solver" in planner_imports("planner")
    assert "planner.core.loading" in planner_imports("planner.core.builder")
    assert "planner.core.domain" in planner_imports("planner.core.tables")


def test_the_graph_sees_every_module_the_public_api_loads_lazily():
    """``planner`` loads its names by module path (``_HOMES``) on first use; each such
    module must also be imported for type checking, or the layer tests miss the edge."""
    import planner

    assert set(planner._HOMES.values()) <= planner_imports("planner")


def test_pages_render_and_call_planner_only():
    """No CP-SAT object or SQL in a page: pages and app.py never import OR-Tools or DuckDB."""
    scripts = [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py"))]
    wrong = [
        f"{path.name} imports {m}"
        for path in scripts
        for m in imported(path)
        if m.split(".")[0] in ("ortools", "duckdb")
    ]
    assert wrong == []
    common = (ROOT / "pages" / "common.py").read_text(encoding="utf-8")
    assert len(common.splitlines()) < 250


def test_tests_mirror_the_layers_of_planner():
    """A layer's tests live in the folder of its name; tests/app holds the app's own.

    Finding a module's tests should take no search: tests/optimizer for
    planner/optimizer, tests/checker for planner/checker.py, and so on.
    """
    layers = {p.name for p in (ROOT / "planner").iterdir() if (p / "__init__.py").is_file()}
    layers.add("checker")
    folders = {p.name for p in (ROOT / "tests").iterdir() if p.is_dir() and p.name[0].isalpha()}
    assert folders - {"app"} <= layers, folders - layers
    assert {"core", "optimizer", "solving", "scenarios", "interfaces"} <= folders
    for folder in folders:
        assert any((ROOT / "tests" / folder).glob("test_*.py")), folder


#: The only modules that hold SQL (planner/scenarios/__init__.py): the store's statements,
#: its migrations, and opening the file with its transactions.
STORAGE = {
    "planner.scenarios.storage",
    "planner.scenarios.kept_store",
    "planner.scenarios.store_rows",
    "planner.scenarios.schema",
    "planner.scenarios.database",
}
#: The start of an SQL statement in a string literal (the store writes its SQL in capitals).
SQL = re.compile(
    r"^\s*(SELECT\s|INSERT\s+INTO\s|UPDATE\s+\w+\s+SET\s|DELETE\s+FROM\s|"
    r"(CREATE|ALTER|DROP)\s+(TABLE|SEQUENCE|INDEX|VIEW)\s)"
)


def app_scripts() -> list[Path]:
    """app.py and every module in pages/ (the routed pages and their helpers)."""
    return [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py"))]


def sql_literals(path: Path) -> list[str]:
    """The string literals in ``path`` (f-strings' text included) that start an SQL statement."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        text = None
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            text = node.value
        elif isinstance(node, ast.JoinedStr) and node.values:
            first = node.values[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                text = first.value
        if text is not None and SQL.match(text):
            found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {text.strip()[:40]}")
    return sorted(set(found))  # an f-string's first part is also a literal of its own


def test_storage_is_the_only_sql():
    """Storage is the one adapter to DuckDB: SQL anywhere else would escape its
    parameters, its transactions and its messages for a database that cannot be used."""
    outside = {name: path for name, path in MODULES.items() if name not in STORAGE}
    scripts = [*outside.values(), *app_scripts()]
    importers = [
        str(path.relative_to(ROOT))
        for path in scripts
        if any(m.split(".")[0] == "duckdb" for m in imported(path))
    ]
    assert importers == []
    assert [line for path in scripts for line in sql_literals(path)] == []


def test_the_sql_check_sees_the_store_s_statements():
    """The check above is only as good as its pattern: it must find the store's own SQL."""
    assert sql_literals(MODULES["planner.scenarios.schema"])
    assert sql_literals(MODULES["planner.scenarios.storage"])
    assert "duckdb" in imported(MODULES["planner.scenarios.database"])


def test_no_page_reaches_the_optimizer():
    """No CP-SAT object ever reaches a page (docs/where-to-start.md): pages call ``solve``
    and read the domain's Result and Plan, never the optimizer's models, rows or variables."""
    wrong = [
        f"{path.name} imports {m}"
        for path in app_scripts()
        for m in imported(path)
        if m == "planner.optimizer" or m.startswith("planner.optimizer.")
    ]
    assert wrong == []


def _private(name: str) -> bool:
    """``_name``, a module's own (``__name__`` and the like are Python's, not private)."""
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def private_reads(path: Path) -> list[tuple[str, int, str]]:
    """Each ``_private`` name of ``planner``, or of a script beside ``path`` (a bench script
    takes helpers from another: ``from run import parse_seeds``), that ``path`` takes from
    another module, as (file, line, ``module.name``): imported (``from planner.x import _y``,
    or anything of a ``_private`` module), or read off a module it imported (``x._y`` after
    ``from planner.optimizer import x``, or ``import run``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))

    def ours(module: str) -> bool:
        return module.startswith("planner") or (path.parent / f"{module}.py").is_file()

    modules: set[str] = set()  # the local names bound to a module of planner or a neighbour
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and ours(node.module or ""):
            module = node.module or ""
            for alias in node.names:
                if any(_private(part) for part in [*module.split("."), alias.name]):
                    found.append((path.name, node.lineno, f"{module}.{alias.name}"))
                if f"{module}.{alias.name}" in MODULES:
                    modules.add(alias.asname or alias.name)
        elif isinstance(node, ast.Import):
            modules |= {
                a.asname or a.name
                for a in node.names
                if (a.name.startswith("planner") and a.asname)
                or (ours(a.name) and "." not in a.name)
            }
    found += [
        (path.name, node.lineno, f"{node.value.id}.{node.attr}")
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id in modules
        and _private(node.attr)
    ]
    return found


def bench_scripts() -> list[Path]:
    """The benchmark scripts in bench/ (they may measure the optimizer's parts, by name)."""
    return sorted((ROOT / "bench").glob("*.py"))


#: The benchmarks that swap a module's helper out for the run, to time it or leave it out
#: (what they measure is that helper's cost): (script, what it swaps).
SWAPPED_BY_BENCH = {
    ("week_lp_shortlist.py", "warm_start_module._preferences"),
    ("workbook_lxml.py", "workbook_writing._saved"),
}


def test_no_module_takes_another_s_private_names():
    """A ``_name`` is its module's own: a reader changes it thinking nothing else reads it.
    Pages call what ``planner`` offers them, the benchmarks measure what the solve calls, and
    a module of ``planner`` shares a helper by giving it a public name: a page or a script
    that imports ``_something`` breaks when its module changes, where no test of that
    module looks (the tests alone may reach in, to pin a helper down)."""
    wrong = [
        f"{where}:{line} takes {what}"
        for path in [*MODULES.values(), *app_scripts(), ROOT / "serve.py", *bench_scripts()]
        for where, line, what in private_reads(path)
        if (where, what) not in SWAPPED_BY_BENCH or path.parent.name != "bench"
    ]
    assert wrong == []


def test_the_private_name_check_sees_imports_and_reads(tmp_path):
    """The check above is only as good as its reading: it finds an imported private name, a
    private module, and one read off an imported module; a public name or a dunder is fine."""
    script = tmp_path / "script.py"
    script.write_text(
        "import planner.scenarios.relative as relative\n"
        "from planner.optimizer import week_bound\n"
        "from planner.optimizer.warm_start import _repack, plan_objective\n"  # 3
        "from planner._hidden import thing\n"  # 4
        "week_bound._blocks(None)\n"  # 5
        "relative._tolerance\n"  # 6
        "week_bound.week_bound(None)\n"
        "week_bound.__doc__\n",
        encoding="utf-8",
    )
    assert sorted(line for _, line, _ in private_reads(script)) == [3, 4, 5, 6]
    # A script beside it, as bench/whatif_near.py took bench/whatif.py's ``_limited``.
    (tmp_path / "neighbour.py").write_text("def _helper(): ...\n", encoding="utf-8")
    script.write_text(
        "import neighbour\n"
        "from neighbour import _helper, public\n"  # 2
        "from elsewhere import _theirs\n"  # not a script of ours: its own business
        "neighbour._helper()\n",  # 4
        encoding="utf-8",
    )
    assert sorted(line for _, line, _ in private_reads(script)) == [2, 4]


def test_pages_take_planner_s_public_names_from_planner():
    """A name ``planner`` offers (``Problem``, ``Result``, ``InvalidInputError``, ``Progress``,
    ``PlanMetrics``...) a page imports from ``planner`` itself, not from the module it lives
    in today: the public API is the surface the pages are written against, and a name moved
    between modules (``Progress`` lives in ``solving.search``, pages took it from
    ``solving.solver``'s re-export) breaks no page."""
    import planner

    public = set(planner.__all__)
    wrong = [
        f"{path.name}:{node.lineno} takes {alias.name} from {node.module}"
        for path in [*app_scripts(), ROOT / "serve.py"]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("planner.")
        for alias in node.names
        if alias.name in public
    ]
    assert wrong == []


def test_the_solver_libraries_stay_in_the_layers_that_solve():
    """OR-Tools and HiGHS are the optimizer's: ``core`` (the domain, loading, the figures
    every page reads), ``scenarios``, ``interfaces`` and the public API reach a solver only
    through ``solving``, so a plan and its words never depend on a solver's objects."""
    solvers = ("ortools", "highspy", "pyscipopt")
    allowed = {"optimizer", "explain", "solving"}
    wrong = sorted(
        f"{name} imports {m}"
        for name, path in MODULES.items()
        if (LAYERS[layer(name)] if layer(name) < len(LAYERS) else "api") not in allowed
        for m in imported(path)
        if m.split(".")[0] in solvers
    )
    assert wrong == []


def test_planner_prints_only_in_its_command_line():
    """Logs are data (docs/where-to-start.md): below the interfaces, ``planner`` speaks through
    ``logging`` and its return values; a print would land in the app's server log
    and in the middle of ``planner solve --json``'s output."""
    printers = [
        f"{name}:{node.lineno}"
        for name, path in MODULES.items()
        if layer(name) < LAYERS.index("interfaces")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "print"
    ]
    assert printers == []


def test_no_page_is_over_800_lines():
    """Pages stay thin: a page past 800 lines holds logic that belongs in ``planner``."""
    long = {
        path.name: n
        for path in app_scripts()
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


#: What the solver side reads about the quarter's weeks (docs/model.md "The quarter's
#: weeks": written once, outside the checker): Problem's methods, and planner.core.weeks.
WEEK_HELPERS = frozenset({"window", "starts", "run", "runs_after", "week_hours", "quarter_hours"})
#: The same, as functions of planner.core.domain.
WEEK_FUNCTIONS = frozenset({"week_window"})


def test_the_checker_reads_the_weeks_from_spec_not_from_the_solver_s_helpers():
    """Rules 10-12 are checked from SPEC alone: were the checker to ask the problem for a
    project's window or a team's weeks as the optimizer does, a mistake there would pass
    both, and the checker would prove nothing about them."""
    path = MODULES["planner.checker"]
    assert "planner.core.weeks" not in planner_imports("planner.checker")
    asked = [
        f"line {node.lineno}: problem.{node.attr}"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Attribute)
        and node.attr in WEEK_HELPERS
        and (
            (isinstance(node.value, ast.Name) and node.value.id == "problem")
            or (isinstance(node.value, ast.Attribute) and node.value.attr == "problem")
        )
    ]
    assert asked == []
    borrowed = [
        alias.name
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.ImportFrom) and node.module == "planner.core.domain"
        for alias in node.names
        if alias.name in WEEK_FUNCTIONS
    ]
    assert borrowed == []


#: What the optimizer and the figures read about a pair and a team's hours (docs/model.md
#: "Hard rules": written once, in ``core``, outside the checker): the settings' and the
#: problem's helpers, and the modules of the domain's quantities.
SHARED_HELPERS = frozenset({"multiplier", "plannable_share", "allows", "pair_amounts"})
SHARED_QUANTITIES = frozenset({"planner.core.capacity", "planner.core.pairs"})


def test_the_checker_reads_capacity_and_pairs_from_spec_not_from_the_shared_helpers():
    """Rules 3 and 5 and a pair's hours are checked from SPEC alone: were the checker to ask
    ``Settings.multiplier`` for a team's multiplier or ``core.capacity`` for its limit, as the
    optimizer and every figure do, a mistake there would pass both."""
    path = MODULES["planner.checker"]
    assert planner_imports("planner.checker") & SHARED_QUANTITIES == set()
    asked = [
        f"line {node.lineno}: .{node.attr}"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Attribute) and node.attr in SHARED_HELPERS
    ]
    assert asked == []


def test_every_cp_sat_search_gets_its_solver_from_cp_solver():
    """``planner.optimizer.cpsat.cp_solver`` leaves Ctrl-C to Python: a CpSolver made
    anywhere else puts CP-SAT's own SIGINT handler back, and a Ctrl-C during its search
    aborted the whole process (exit 134) instead of keeping the best plan so far."""
    made = [
        f"{name}:{node.lineno}"
        for name, path in MODULES.items()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call)
        and (
            (isinstance(node.func, ast.Attribute) and node.func.attr == "CpSolver")
            or (isinstance(node.func, ast.Name) and node.func.id == "CpSolver")
        )
    ]
    assert [where.partition(":")[0] for where in made] == ["planner.optimizer.cpsat"], made


#: Solving modules that find facts for an explanation: the sentence a leader reads is written
#: in ``planner.explain`` (docs/where-to-start.md: explanations are ``planner/explain/``).
FACTS_ONLY = {"planner.solving.short_of_forced": "planner.explain.forced_left_out"}


def test_the_solving_layer_s_no_plan_facts_are_said_in_explain():
    """The quick first plan's forced work left out is found in ``solving`` and said in
    ``explain``: a sentence written beside the search (an f-string there) would split a
    no-plan answer's words between two layers."""
    for name, words in FACTS_ONLY.items():
        assert words in planner_imports(name), (name, words)
        tree = ast.parse(MODULES[name].read_text(encoding="utf-8"))
        sentences = [f"line {n.lineno}" for n in ast.walk(tree) if isinstance(n, ast.JoinedStr)]
        assert sentences == [], name


#: What ``scenarios`` and ``interfaces`` may take from the optimizer: a rule's verdict on a
#: pair, and the exact score that decides whether a plan carried on beats a search. The
#: figures a leader reads (a team's capacity, a pair's hours and value) are the domain's,
#: in ``planner.core.capacity`` and ``planner.core.pairs``, never the optimizer's.
OPTIMIZER_NAMES_ABOVE = {
    ("planner.optimizer.eligibility", "exclusion"),  # next steps, idle teams: may it own it?
    ("planner.optimizer.exact_objective", "plan_objective"),  # the carried plan against a search
    ("planner.optimizer.exact_objective", "checked_objective"),  # the same, with its checked plan
    ("planner.optimizer.exact_objective", "Checked"),  # that checked plan, kept to score it once
}
#: The domain's quantities, each with its one home (no re-export anywhere).
DOMAIN_QUANTITIES = {
    "Pair": "planner.core.pairs",
    "pair_of": "planner.core.pairs",
    "pair_hours": "planner.core.pairs",
    "team_limit": "planner.core.capacity",
    "what_if_capacity": "planner.core.capacity",
    # Rule 4's cover (tests/test_rules_written_once.py keeps its level test in one place).
    "uncovered_skills": "planner.core.pairs",
}


def optimizer_names(path: Path) -> set[tuple[str, str]]:
    """Each (module, name) of ``planner.optimizer`` that ``path`` imports; a plain
    ``import planner.optimizer...`` counts as its whole module (name ``*``)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {(a.name, "*") for a in node.names if a.name.startswith("planner.optimizer")}
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
            "planner.optimizer"
        ):
            found |= {(node.module or "", a.name) for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module == "planner":
            found |= {("planner", a.name) for a in node.names if a.name == "optimizer"}
    return found


def test_scenarios_and_interfaces_read_no_figure_from_the_optimizer():
    """The figures every page, the CLI and the exports show come from ``core`` and
    ``scenarios.metrics``: a capacity or a pair's hours taken from the optimizer would make
    a page's number depend on how the solver is built, and the next optimizer change
    would move it. Above ``solving`` only a rule's verdict and a plan's exact score cross."""
    above = [name for name in MODULES if layer(name) >= LAYERS.index("scenarios")]
    wrong = sorted(
        f"{name} imports {module}.{what}"
        for name in above
        for module, what in optimizer_names(MODULES[name])
        if (module, what) not in OPTIMIZER_NAMES_ABOVE
    )
    assert wrong == []


def test_the_domain_s_quantities_have_one_home():
    """``Pair``, a pair's hours and a team's capacity are defined once, in ``core``, and
    every module imports them from there: two homes (a re-export, a copy) would let the
    figures and the optimizer drift apart."""
    defined = sorted(
        (name, node.name)
        for name, path in MODULES.items()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.FunctionDef | ast.ClassDef) and node.name in DOMAIN_QUANTITIES
    )
    assert defined == sorted((home, q) for q, home in DOMAIN_QUANTITIES.items())
    elsewhere = sorted(
        f"{name} imports {node.module}.{alias.name}"
        for name, path in MODULES.items()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
        if alias.name in DOMAIN_QUANTITIES and node.module != DOMAIN_QUANTITIES[alias.name]
    )
    assert elsewhere == []


def test_the_optimizer_import_check_sees_imports():
    """The checks above are only as good as their reading: they find known imports."""
    assert ("planner.optimizer.eligibility", "exclusion") in optimizer_names(
        MODULES["planner.interfaces.next_steps"]
    )
    assert ("planner.optimizer.exact_objective", "plan_objective") in optimizer_names(
        MODULES["planner.scenarios.replan"]  # imported inside a function
    )


def test_pages_write_user_text_only_through_md():
    """User text (a team, a project, a goal, a stage, a file's name) reaches a page's
    Markdown only through ``md()`` (pages/ui.py): a name like ``*bold* [x](javascript:x)
    $x$`` must read as typed, never in bold, as a link or a formula. What counts as safe
    text is tests/page_text.py's; tests/app/test_hostile_names_on_pages.py opens the
    pages on such names."""
    from page_text import PageText

    assert PageText(app_scripts()).unsafe() == []


def test_the_page_text_check_finds_user_text_written_raw(tmp_path):
    """The check above is only as good as its reading: a name written raw, directly, through
    a local, a helper or the session state, is found; the same through ``md()`` is not."""
    from page_text import PageText

    page = tmp_path / "page.py"
    page.write_text(
        "import streamlit as st\n"
        "from pages.ui import md\n"
        "LABEL = 'Teams'\n"
        "def said(team):\n"
        "    return f'{team.name} is full'\n"
        "def show(problem, n):\n"
        "    st.caption(problem.teams[0].name)\n"  # 7
        "    name = problem.teams[0].name\n"
        "    st.info(f'**{name}**: {n:d} projects')\n"  # 9
        "    st.warning(said(problem.teams[0]))\n"  # 10
        "    st.session_state['note'] = f'Saved {name}'\n"
        "    st.success(st.session_state.pop('note'))\n"  # 12
        "    st.caption(f'{LABEL}: {md(name)}, {n:,} h, {len(problem.teams)} teams')\n"
        "    st.markdown(md(name) + ' ' + plural(n, 'team'))\n",
        encoding="utf-8",
    )
    lines = [where.split(":")[1] for where in PageText([page]).unsafe()]
    assert lines == ["10", "12", "14", "7", "9"]  # 14: this plural is not planner's


def test_the_page_text_check_reads_labels_tooltips_and_columns(tmp_path):
    """Streamlit writes a widget's label and every help= tooltip as Markdown too: a team's
    name raw in a button, a select box, a tab, a tooltip or a data editor's column was
    not read by the check above, which read only text calls. And a planner word was known
    by its name alone: a page's own ``plural`` or ``x.markdown()`` of the data passed as
    planner's. Each is found now; the same text through ``md()``, a constant, a number or
    planner's own words is not."""
    from page_text import PageText

    page = tmp_path / "page.py"
    page.write_text(
        "import streamlit as st\n"
        "from pages.ui import md\n"
        "from planner.core.shared_words import plural\n"
        "from planner import explain\n"
        "HELPS = ('Zip help', 'Book help')\n"
        "def percent(x):\n"
        "    return str(x)\n"
        "def show(problem, n, row):\n"
        "    name = problem.teams[0].name\n"
        "    st.button(f'Give {name} more hours')\n"  # 10
        "    st.selectbox('Team', [], help=f'{name} first')\n"  # 11
        "    st.tabs([name, 'Goals'])\n"  # 12
        "    st.column_config.NumberColumn(name)\n"  # 13
        "    st.metric('Load', n, help=percent(name))\n"  # 14
        "    st.markdown(row.markdown())\n"  # 15
        "    zip_help, book_help = HELPS\n"
        "    st.button(md(name), help=zip_help)\n"
        "    st.tabs(['Teams', plural(n, 'goal')])\n"
        "    st.column_config.NumberColumn(f'{n:,} h', help=book_help)\n"
        "    why = explain.explain_project(problem, None, 'p')\n"
        "    st.markdown(why.markdown())\n"
        "    st.page_link('pages/plan.py', label='See the plan')\n",
        encoding="utf-8",
    )
    lines = [where.split(":")[1] for where in PageText([page]).unsafe()]
    assert lines == ["10", "11", "12", "13", "14", "15"]
