"""Docstrings that name code (``:func:`x```, ``:meth:`C.m```, ``:attr:`...```) name code that
is there: a function renamed or moved leaves its old name in the docstrings that pointed a
reader to it, and that reader then looks for what no longer exists.
"""

from __future__ import annotations

import importlib
import importlib.util
import re
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
ROLE = re.compile(r":(?:func|mod|class|data|attr|meth|exc|obj):`~?(\.?[\w.]+)`")


def _modules() -> dict[str, Path]:
    paths = sorted((ROOT / "planner").rglob("*.py"))
    return {
        ".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__"): p
        for p in paths
    }


MODULES = _modules()
SOURCE = "\n".join(p.read_text(encoding="utf-8") for p in MODULES.values())


def _member(owner: object, name: str) -> object:
    """``owner.name``, a dataclass field or annotated attribute of a class included."""
    if hasattr(owner, name):
        return getattr(owner, name)
    for cls in getattr(owner, "__mro__", ()):
        if name in getattr(cls, "__annotations__", {}) or name in getattr(cls, "__slots__", ()):
            return name
    raise AttributeError(name)


def _walk(owner: object, names: list[str]) -> bool:
    try:
        for name in names:
            owner = _member(owner, name)
    except AttributeError:
        return False
    return True


def _imported(name: str) -> ModuleType | None:
    try:
        return importlib.import_module(name)
    except ImportError:
        return None


def _bases(module: str, parts: list[str]) -> Iterator[tuple[object, list[str]]]:
    """Where ``parts`` may start: a module (absolute or beside ``module``), then ``module``
    itself and its classes (a class's docstring names its own attributes bare)."""
    package = module.rsplit(".", 1)[0]
    for i in range(len(parts), 0, -1):
        for name in (".".join(parts[:i]), f"{package}.{'.'.join(parts[:i])}"):
            if name in MODULES:
                yield importlib.import_module(name), parts[i:]
        if parts[0] != "planner":  # the standard library's (``decimal.Decimal``)
            outside = importlib.util.find_spec(parts[0]) and _imported(".".join(parts[:i]))
            if outside:
                yield outside, parts[i:]
    home: ModuleType = importlib.import_module(module)
    yield home, parts
    for value in list(vars(home).values()):
        if isinstance(value, type) and value.__module__ == module:
            yield value, parts


def is_there(module: str, target: str) -> bool:
    parts = [p for p in target.split(".") if p]
    for base, rest in _bases(module, parts):
        if _walk(base, rest):
            return True
    if len(parts) > 1 and any(_walk(b, r[:-1]) for b, r in _bases(module, parts) if r):
        return False  # the class or module is there, the name in it is not
    # Bare or loosely qualified: a name defined somewhere in planner (an instance attribute
    # set in __init__, a function of a module this one does not import).
    name = re.escape(parts[-1])
    return re.search(rf"(def|class) {name}\b|^\s*(self\.)?{name}\s*[:=]", SOURCE, re.M) is not None


def stale_references() -> list[str]:
    found = []
    for module, path in MODULES.items():
        text = path.read_text(encoding="utf-8")
        for match in ROLE.finditer(text):
            if not is_there(module, match.group(1)):
                line = text[: match.start()].count("\n") + 1
                found.append(f"{path.relative_to(ROOT)}:{line}: {match.group(0)}")
    return found


def test_every_name_a_docstring_points_to_is_there():
    assert stale_references() == []


#: The app's scripts: a page runs when imported, so its references are read, not imported.
APP = [*sorted((ROOT / "pages").glob("*.py")), ROOT / "app.py", ROOT / "serve.py"]


def page_name_is_there(target: str) -> bool:
    """Whether ``pages.module.name`` (or ``pages.module``) names a module of pages/ and a
    name it defines at its top level; names outside pages/ are not read here."""
    parts = target.split(".")
    if parts[0] != "pages":
        return True
    path = ROOT / "pages" / f"{parts[1]}.py" if len(parts) > 1 else ROOT / "pages"
    if not path.exists():
        return False
    if len(parts) < 3:
        return True
    name = re.escape(parts[2])
    pattern = rf"^(async )?(def|class) {name}\b|^{name}\s*[:=]|^\w[\w, ]*\b{name}\s*[:=]"
    return re.search(pattern, path.read_text(encoding="utf-8"), re.M) is not None


def stale_page_references() -> list[str]:
    found = []
    for path in APP:
        text = path.read_text(encoding="utf-8")
        for match in ROLE.finditer(text):
            if not page_name_is_there(match.group(1).lstrip(".")):
                line = text[: match.start()].count("\n") + 1
                found.append(f"{path.relative_to(ROOT)}:{line}: {match.group(0)}")
    return found


def test_every_page_name_an_app_docstring_points_to_is_there():
    """pages/ui.py sent a reader to ``pages.common.remembered`` after it moved to
    pages/memo.py."""
    assert stale_page_references() == []


def test_the_page_check_tells_a_name_that_is_gone():
    assert page_name_is_there("pages.memo.remembered") and page_name_is_there("pages.ui")
    assert page_name_is_there("pages.issue_tables._LEAST_FIX_PX")  # one of two assigned at once
    assert not page_name_is_there("pages.common.remembered")
    assert not page_name_is_there("pages.no_such_page")


def test_the_check_tells_a_name_that_is_gone():
    """The check above is only as good as its look-up: real names pass, gone ones fail."""
    assert is_there("planner.scenarios.metrics", "planner.checker.check_plan")
    assert is_there("planner.interfaces.charts", "plan_frames.team_load_frame")
    assert is_there("planner.optimizer.formulation", "Formulation.hour_scale")
    assert not is_there("planner.scenarios.metrics", "planner.checker.check_plans")
    assert not is_there("planner.scenarios.on_plan", "planner.scenarios.checkin.CheckIn.count")
    assert not is_there("planner.core.workbook", "_no_such_helper")
