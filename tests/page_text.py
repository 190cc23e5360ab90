"""What a page writes as Markdown, read statically: text that may hold user text not passed
through ``md()`` (tests/test_architecture.py's rule; docs/where-to-start.md "Adding things").

A *text call* is a call of one of :data:`TEXT_CALLS` on anything (``st``, a column, a
container), as app.py and every module of pages/ write it; its first argument (or its
``body=`` or ``label=``) is the text. A widget's label is text too, as Streamlit renders
it as Markdown: the first argument (or ``label=``) of one of :data:`WIDGET_CALLS` (a
button, a select box, the list of ``st.tabs``' labels...) and of a data editor's column
(``st.column_config.NumberColumn("Planned")``, any ``*Column``); and so is every
``help=`` tooltip, of any call. That text must be *safe*, built only of:

- constants: string literals, and module constants (``UPPER_CASE`` names and attributes);
- ``md(...)`` or ``md_lines(...)``: user text, escaped;
- numbers: an f-string field with a number format (``{n:d}``, ``{x:,}``, ``{p:.1f}``, which
  raise on text), ``len(...)``, ``int(...)``, ``round(...)``, ``abs(...)``;
- f-strings, ``+``, ``a if c else b``, ``a or b``, ``"sep".join(...)``, ``.upper()`` and its
  kin, slices and ``.sub``/``.replace`` of safe text, lists and comprehensions of it;
- a local name or parameter every binding of which is safe (a parameter: every call of its
  function in the app passes safe text, or leaves its safe default);
- ``st.session_state[KEY]`` (or ``.pop``/``.get``) when every store of KEY in the app is safe;
- a call of a page's own function whose every ``return`` is safe;
- planner's words that hold no user text or escape it themselves (:data:`PLANNER_WORDS`),
  with the arguments it names safe: a function imported from a ``planner`` module (or
  called on one, ``text.percent(...)``), not any function of that name; a method of
  :data:`PLANNER_METHODS` called on what a planner function returned.

Anything else is data-derived text as far as this reading knows (a name from the problem,
a sentence from planner not listed) and must go through ``md()``.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

TEXT_CALLS = frozenset(
    {
        "markdown",
        "write",
        "caption",
        "info",
        "warning",
        "error",
        "success",
        "title",
        "header",
        "subheader",
        "toast",
        "expander",
        "metric",
        "status",
    }
)
#: Widgets whose label (the first argument, or ``label=``) Streamlit renders as Markdown.
WIDGET_CALLS = frozenset(
    {
        "button",
        "download_button",
        "form_submit_button",
        "link_button",
        "page_link",
        "popover",
        "selectbox",
        "multiselect",
        "radio",
        "checkbox",
        "toggle",
        "slider",
        "select_slider",
        "number_input",
        "text_input",
        "text_area",
        "date_input",
        "time_input",
        "file_uploader",
        "color_picker",
        "pills",
        "segmented_control",
        "tabs",
    }
)
ESCAPES = frozenset({"md", "md_lines"})
NUMBER_CALLS = frozenset({"len", "int", "round", "abs"})
#: Calls that give back their argument's text in another collection.
COLLECTION_CALLS = frozenset({"list", "tuple", "sorted", "reversed"})
#: The last character of a format spec that only a number takes.
NUMBER_FORMATS = frozenset("bcdeEfFgGnoxX%")
TEXT_METHODS = frozenset({"upper", "lower", "capitalize", "title", "strip"})
#: planner's words a page may write as they are -> the positions of their text arguments
#: (which must be safe in turn). Each holds no user text, or escapes it itself.
PLANNER_WORDS: dict[str, tuple[int, ...]] = {
    # numbers, and a noun the caller gives (planner.core.shared_words, planner.core.shown_figures)
    "plural": (1,),
    "counted": (),  # (number, noun) pairs: each noun is checked where it is called
    "percent": (),
    "percent_text": (),
    "hours": (),
    "amount": (),
    "gap_percent": (),
    "points_between": (),
    "points": (),
    "weeks_label": (),
    "score_words": (),
    # a plan's status in planner.core.status_words' words
    "status_sentence": (),
    "status_label": (),
    # sentences of figures only, no name in them
    "dropped_heading": (),
    "pays_most": (),
    "free_replan_words": (),
    "mid_quarter_odds": (),
    "attainment_words": (),
    "aimless_weights": (),
    "projects_text": (),
    # the data files' column schema (planner.core.editing): headings and help, no data
    "column_specs": (),
    # Markdown whose names planner escapes itself (planner.core.identifiers.markdown_literal):
    # planner.explain.project's, planner.interfaces.optimizer_score's, planner.scenarios.kept_work's
    "markdown": (),
    "details_markdown": (),
    "score_text": (),
    "gone_text": (),
}
#: Methods of what planner's functions return that write Markdown escaping names
#: themselves (planner.explain.project's ``ProjectExplanation``): safe when called on a
#: name bound to a planner function's result.
PLANNER_METHODS = frozenset({"markdown", "details_markdown"})
#: planner's words that write names with the escaper they are given: safe given ``md``.
ESCAPED_WITH = frozenset({"team_load_words"})

Scope = ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda | ast.Module


@dataclass
class Module:
    path: Path
    tree: ast.Module
    functions: dict[str, ast.FunctionDef] = field(default_factory=dict)
    imports: dict[str, tuple[str, str]] = field(default_factory=dict)  # local -> (module, name)
    #: Names imported from planner, anywhere in the module: local -> the name in planner.
    planner_names: dict[str, str] = field(default_factory=dict)
    #: planner's modules imported (``from planner.core import shown_figures``), by local name.
    planner_modules: set[str] = field(default_factory=set)
    parents: dict[ast.AST, ast.AST] = field(default_factory=dict)

    @classmethod
    def read(cls, path: Path) -> Module:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        module = cls(path, tree)
        module.functions = {n.name: n for n in tree.body if isinstance(n, ast.FunctionDef)}
        for node in tree.body:
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("pages."):
                for alias in node.names:
                    local = alias.asname or alias.name
                    module.imports[local] = ((node.module or "").split(".", 1)[1], alias.name)
        for node in ast.walk(tree):
            for child in ast.iter_child_nodes(node):
                module.parents[child] = node
            if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "planner":
                for alias in node.names:
                    local = alias.asname or alias.name
                    home = f"{node.module}.{alias.name}"
                    if _is_module(home):
                        module.planner_modules.add(local)
                    else:
                        module.planner_names[local] = alias.name
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name.split(".")[0] == "planner":
                        module.planner_modules.add(alias.asname or alias.name.split(".")[0])
        return module

    def scope_of(self, node: ast.AST) -> Scope:
        while node in self.parents:
            node = self.parents[node]
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
                return node
        return self.tree


def _is_module(dotted: str) -> bool:
    """Whether ``planner.x.y`` names a module or package of this repository."""
    path = Path(__file__).resolve().parents[1].joinpath(*dotted.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def _text_arguments(node: ast.Call) -> list[ast.expr]:
    """What ``node`` writes as Markdown: a text call's or a widget's text or label, a data
    editor column's label, and any call's ``help=`` tooltip."""
    f = node.func
    name = f.attr if isinstance(f, ast.Attribute) else ""
    texts: list[ast.expr] = [k.value for k in node.keywords if k.arg == "help"]
    if name in TEXT_CALLS or name in WIDGET_CALLS or name.endswith("Column"):
        # A page link's first argument is the page it opens, its label a keyword.
        texts += [] if name == "page_link" else node.args[:1]
        texts += [k.value for k in node.keywords if k.arg in ("body", "label")]
    return texts


def _state_key(node: ast.AST) -> str | None:
    """KEY of ``st.session_state[KEY]``, a store or a read."""
    if isinstance(node, ast.Subscript) and _is_state(node.value):
        return _key(node.slice)
    return None


def _is_state(node: ast.AST) -> bool:
    return isinstance(node, ast.Attribute) and node.attr == "session_state"


def _key(node: ast.AST) -> str | None:
    if isinstance(node, ast.Constant):
        return repr(node.value)
    return node.id if isinstance(node, ast.Name) else None


def _number_format(spec: ast.JoinedStr | None) -> bool:
    if spec is None:
        return False
    text = "".join(v.value for v in spec.values if isinstance(v, ast.Constant))
    return bool(text) and (text[-1] in NUMBER_FORMATS or "," in text or "_" in text)


def _bindings(scope: Scope, name: str) -> list[ast.expr | tuple[Scope, str] | None]:
    """Every value bound to ``name`` in ``scope``: an expression, ``(function, name)`` for a
    parameter, ``None`` for a binding not read (a loop over data, an unpacking)."""
    out: list[ast.expr | tuple[Scope, str] | None] = []
    args = getattr(scope, "args", None)
    if args and name in [a.arg for a in [*args.posonlyargs, *args.args, *args.kwonlyargs]]:
        out.append((scope, name))
    body = scope.body if isinstance(scope, ast.Module | ast.FunctionDef) else [scope.body]
    nodes = [n for statement in body for n in _walk_scope(statement) if not _defines(statement)]
    for node in nodes:
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name) and target.id == name:
                    out.append(node.value)
                elif isinstance(target, ast.Tuple | ast.List) and _names(target, name):
                    out.append(_unpacked(target, node.value, name))
        elif isinstance(node, ast.AnnAssign | ast.AugAssign) and _names(node.target, name):
            adds = isinstance(node, ast.AugAssign) and isinstance(node.op, ast.Add)
            out.append(node.value if isinstance(node, ast.AnnAssign) or adds else None)
        elif isinstance(node, ast.NamedExpr) and node.target.id == name:
            out.append(node.value)
        elif (
            isinstance(node, ast.For)
            and isinstance(node.target, ast.Name)
            and node.target.id == name
            and isinstance(node.iter, ast.Tuple | ast.List)
        ):
            out.extend(node.iter.elts)  # a loop over constants
        elif isinstance(node, ast.For | ast.comprehension) and _names(node.target, name):
            out.append(_looped(node.target, node.iter, name))
        elif isinstance(node, ast.withitem) and node.optional_vars is not None:
            out.extend([None] if _names(node.optional_vars, name) else [])
    return out


def _walk_scope(node: ast.AST) -> list[ast.AST]:
    """``node`` and what it holds, but not the bodies of the functions defined in it: a
    name bound inside another function is that function's (the Data page's module-level
    ``label`` of its import button is not ``basis()``'s ``label`` in a function above)."""
    found = [node]
    for child in ast.iter_child_nodes(node):
        if not _defines(child):
            found += _walk_scope(child)
    return found


def _defines(node: ast.AST) -> bool:
    return isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda)


def _unpacked(target: ast.Tuple | ast.List, value: ast.expr, name: str) -> ast.expr | None:
    """What ``name`` of ``a, b = value`` is bound to: the matching element of a tuple, or
    the whole ``value`` when it is a constant (``zip_help, book_help = DATA_HELPS``), whose
    parts are as safe as it is; ``None`` (not read) for anything else."""
    names = [e.id if isinstance(e, ast.Name) else None for e in target.elts]
    if name not in names:
        return None
    if isinstance(value, ast.Tuple | ast.List) and len(value.elts) == len(names):
        return value.elts[names.index(name)]
    if isinstance(value, ast.Name | ast.Attribute) and _constant(value):
        return value
    if isinstance(value, ast.Subscript) and _constant(value.value):  # NEXT_PAGES[page]
        return value.value
    if isinstance(value, ast.IfExp):
        body, orelse = _unpacked(target, value.body, name), _unpacked(target, value.orelse, name)
        if body is not None and orelse is not None:
            return ast.IfExp(test=value.test, body=body, orelse=orelse)
    return None


def _constant(e: ast.expr) -> bool:
    return (isinstance(e, ast.Name) and e.id.isupper()) or (
        isinstance(e, ast.Attribute) and e.attr.isupper()
    )


def _looped(target: ast.expr, iterable: ast.expr, name: str) -> ast.expr | None:
    """What ``name`` of ``for target in iterable`` is bound to, as an expression whose safety
    is the name's: the iterable itself for ``for x in SAFE`` (an element of safe text is
    safe), the matching argument of ``zip(...)``, the second of ``enumerate(...)``'s pair;
    ``None`` (not read) for anything else."""
    if isinstance(target, ast.Name):
        return iterable if target.id == name else None
    if not isinstance(target, ast.Tuple) or not _names(target, name):
        return None
    if not isinstance(iterable, ast.Call) or not isinstance(iterable.func, ast.Name):
        return iterable  # for a, b in SAFE.items(): each part of a safe element is safe
    f = iterable.func
    if isinstance(f, ast.Name) and f.id == "zip" and len(iterable.args) == len(target.elts):
        for element, argument in zip(target.elts, iterable.args, strict=True):
            found = _looped(element, argument, name)
            if found is not None:
                return found
    if isinstance(f, ast.Name) and f.id == "enumerate" and len(target.elts) == 2:
        return _looped(target.elts[1], iterable.args[0], name)
    return None


def _names(target: ast.AST, name: str) -> bool:
    return any(isinstance(n, ast.Name) and n.id == name for n in ast.walk(target))


class PageText:
    """The text calls of app.py and pages/*.py, and which of them write unsafe text."""

    def __init__(self, scripts: list[Path]) -> None:
        self.modules = {path.stem: Module.read(path) for path in scripts}
        self._returns: dict[tuple[Path, str], bool] = {}
        self._visiting: set[tuple[int, str]] = set()
        self._stores: dict[str, list[tuple[ast.expr, Module, Scope]]] = {}
        for module in self.modules.values():
            for node in ast.walk(module.tree):
                if isinstance(node, ast.Assign):
                    for target in node.targets:
                        key = _state_key(target)
                        if key is not None:
                            where = (node.value, module, module.scope_of(node))
                            self._stores.setdefault(key, []).append(where)

    def unsafe(self) -> list[str]:
        """``file:line: call(text)`` of each text call whose text is not safe."""
        found = []
        for module in self.modules.values():
            for node in ast.walk(module.tree):
                if not isinstance(node, ast.Call):
                    continue
                for text in _text_arguments(node):
                    if not self.safe(text, module, module.scope_of(node)):
                        found.append(
                            f"{module.path.parent.name}/{module.path.name}:{node.lineno}: "
                            f"{ast.unparse(node.func)}({ast.unparse(text)[:80]})"
                        )
        return sorted(found)

    def safe(
        self,
        e: ast.AST,
        module: Module,
        scope: Scope,
        depth: int = 0,
        bound: dict[str, bool] | None = None,
    ) -> bool:
        bound = bound or {}
        if depth > 40:
            return False

        def ok(x: ast.AST) -> bool:
            return self.safe(x, module, scope, depth + 1, bound)

        if isinstance(e, ast.Constant):
            return True
        if isinstance(e, ast.JoinedStr):
            return all(ok(v) for v in e.values)
        if isinstance(e, ast.FormattedValue):
            return _number_format(e.format_spec) or ok(e.value)
        if isinstance(e, ast.BinOp) and isinstance(e.op, ast.Add | ast.BitOr):
            return ok(e.left) and ok(e.right)
        if isinstance(e, ast.BinOp) and isinstance(e.op, ast.Sub):  # a set less some of it
            return ok(e.left)
        if isinstance(e, ast.IfExp):
            return ok(e.body) and ok(e.orelse)
        if isinstance(e, ast.BoolOp):
            return all(ok(v) for v in e.values)
        if isinstance(e, ast.List | ast.Tuple | ast.Set):
            return all(ok(x) for x in e.elts)
        if isinstance(e, ast.Dict):  # its values are what a page shows of it
            return all(ok(v) for v in e.values)
        if isinstance(e, ast.Starred):
            return ok(e.value)
        if isinstance(e, ast.GeneratorExp | ast.ListComp):
            over = {
                n.id: ok(g.iter) and isinstance(g.target, ast.Name)
                for g in e.generators
                for n in ast.walk(g.target)
                if isinstance(n, ast.Name)
            }
            return self.safe(e.elt, module, scope, depth + 1, bound | over)
        if isinstance(e, ast.Name):
            return self._name(e.id, module, scope, depth, bound)
        if isinstance(e, ast.Subscript):
            key = _state_key(e)
            return self._stored(key, depth) if key is not None else ok(e.value)
        if isinstance(e, ast.Attribute):
            if e.attr.isupper():
                return True
            return isinstance(e.value, ast.Name) and ok(e.value)
        if isinstance(e, ast.Call):
            return self._call(e, module, scope, depth, ok)
        return False

    def _name(
        self, name: str, module: Module, scope: Scope, depth: int, bound: dict[str, bool]
    ) -> bool:
        if name in bound:
            return bound[name]
        if name.isupper():
            return True
        where: Scope = scope
        while True:
            values = _bindings(where, name)
            if values:
                if (id(where), name) in self._visiting:
                    return True  # a name built on itself: its other bindings decide
                self._visiting.add((id(where), name))
                try:
                    return all(self._bound(v, module, where, depth) for v in values)
                finally:
                    self._visiting.discard((id(where), name))
            if where is module.tree:
                return False
            where = module.scope_of(where)

    def _bound(
        self, value: ast.expr | tuple[Scope, str] | None, module: Module, scope: Scope, depth: int
    ) -> bool:
        if value is None:
            return False
        if isinstance(value, tuple):
            return self._parameter(module, value[0], value[1], depth)
        return self.safe(value, module, scope, depth + 1)

    def _stored(self, key: str | None, depth: int) -> bool:
        stored = self._stores.get(key or "")
        return bool(stored) and all(self.safe(v, m, s, depth + 1) for v, m, s in stored)

    def _call(
        self, e: ast.Call, module: Module, scope: Scope, depth: int, ok: Callable[[ast.AST], bool]
    ) -> bool:
        f = e.func
        if isinstance(f, ast.Attribute) and f.attr in ("pop", "get") and _is_state(f.value):
            return bool(e.args) and self._stored(_key(e.args[0]), depth)
        if isinstance(f, ast.Name):
            if f.id in ESCAPES or f.id in NUMBER_CALLS:
                return True
            if f.id in COLLECTION_CALLS:  # list(SAFE): the same text, in a list
                return all(ok(a) for a in e.args)
            if f.id in module.functions:
                return self._returns_safe(module, module.functions[f.id])
            if f.id in module.imports:
                home, name = module.imports[f.id]
                other = self.modules.get(home)
                if other is not None and name in other.functions:
                    return self._returns_safe(other, other.functions[name])
        name = self._planner_word(f, module, scope)
        if name == "counted":
            return all(ok(a.elts[1]) if isinstance(a, ast.Tuple) else ok(a) for a in e.args)
        if name in PLANNER_WORDS:
            return all(ok(a) for i, a in enumerate(e.args) if i in PLANNER_WORDS[name])
        if name in PLANNER_METHODS:
            return True
        name = f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""
        if name in ESCAPED_WITH:
            given = [*e.args, *(k.value for k in e.keywords)]
            return any(isinstance(a, ast.Name) and a.id in ESCAPES for a in given)
        if isinstance(f, ast.Attribute):
            if f.attr == "join" and isinstance(f.value, ast.Constant):
                return all(ok(a) for a in e.args)
            if f.attr in TEXT_METHODS or f.attr in ("items", "values", "keys"):
                return ok(f.value)
            if f.attr == "get":  # a safe mapping's value, or a safe default
                return ok(f.value) and all(ok(a) for a in e.args[1:])
            if f.attr == "replace" or f.attr == "sub":  # str.replace, a regex's sub
                receiver = f.attr == "sub" or ok(f.value)
                return receiver and all(ok(a) for a in e.args)
        return False

    def _planner_word(self, f: ast.expr, module: Module, scope: Scope) -> str:
        """The name of planner's word ``f`` calls, "" when it is not one of planner's: a
        page's own ``percent`` or ``x.markdown()`` on a name from the data is no word of
        planner's, whatever its name."""
        if isinstance(f, ast.Name):
            return module.planner_names.get(f.id, "")
        if not isinstance(f, ast.Attribute) or not isinstance(f.value, ast.Name):
            return ""
        if f.value.id in module.planner_modules:
            return f.attr
        methods = f.attr in PLANNER_METHODS or f.attr in PLANNER_WORDS
        if methods and self._from_planner(f.value.id, module, scope):
            return f.attr
        return ""

    def _from_planner(self, name: str, module: Module, scope: Scope) -> bool:
        """Whether every binding of ``name`` seen from ``scope`` is a call of planner's."""
        where: Scope = scope
        while True:
            values = _bindings(where, name)
            if values:
                return all(
                    isinstance(v, ast.Call) and self._planner_call(v, module) for v in values
                )
            if where is module.tree:
                return False
            where = module.scope_of(where)

    def _planner_call(self, call: ast.Call, module: Module, depth: int = 0) -> bool:
        """A call of planner's; ``remembered(planner_function, ...)`` (pages.common's cache of
        one); or a page's own function each of whose returns is one."""
        f = call.func
        if isinstance(f, ast.Attribute):
            return isinstance(f.value, ast.Name) and f.value.id in module.planner_modules
        if not isinstance(f, ast.Name) or depth > 5:
            return False
        if f.id in module.planner_names:
            return True
        if f.id == "remembered" and call.args:
            first = call.args[0]
            return isinstance(first, ast.Name) and first.id in module.planner_names
        home, function = module, module.functions.get(f.id)
        if function is None and f.id in module.imports:
            where, name = module.imports[f.id]
            home = self.modules.get(where, module)
            function = home.functions.get(name) if where in self.modules else None
        if function is None:
            return False
        returned = [n.value for n in ast.walk(function) if isinstance(n, ast.Return) and n.value]
        return bool(returned) and all(
            isinstance(v, ast.Call) and self._planner_call(v, home, depth + 1) for v in returned
        )

    def _returns_safe(self, module: Module, function: ast.FunctionDef) -> bool:
        key = (module.path, function.name)
        if key not in self._returns:
            self._returns[key] = True  # a function calling itself: its other returns decide
            returned = [
                n.value for n in ast.walk(function) if isinstance(n, ast.Return) and n.value
            ]
            self._returns[key] = all(self.safe(v, module, function) for v in returned)
        return self._returns[key]

    def _parameter(self, module: Module, function: Scope, name: str, depth: int) -> bool:
        """A parameter is safe when every call of its function in the app passes it safe
        text, or leaves it at a safe default."""
        if not isinstance(function, ast.FunctionDef):
            return False
        a = function.args
        positional = [x.arg for x in [*a.posonlyargs, *a.args]]
        if positional[:1] == ["self"]:
            return False
        defaults: dict[str, ast.expr] = dict(
            zip(positional[len(positional) - len(a.defaults) :], a.defaults, strict=True)
        )
        defaults |= {x.arg: d for x, d in zip(a.kwonlyargs, a.kw_defaults, strict=True) if d}
        calls = []
        for other in self.modules.values():
            local = function.name if other is module else None
            for alias, (home, imported) in other.imports.items():
                if imported == function.name and self.modules.get(home) is module:
                    local = alias
            if local is None:
                continue
            calls += [
                (other, n)
                for n in ast.walk(other.tree)
                if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == local
            ]
        if not calls:
            return False
        for other, call in calls:
            given = next((k.value for k in call.keywords if k.arg == name), None)
            at = positional.index(name) if name in positional else len(call.args)
            before = call.args[: at + 1]
            if given is None and at < len(call.args):
                given = call.args[at]
            # A list or mapping spread into the call may hold the parameter: unknown, unless
            # it is given by name, or in a position before any spread list.
            if any(isinstance(x, ast.Starred) for x in before) or (
                given is None and any(k.arg is None for k in call.keywords)
            ):
                return False
            if given is not None:
                if not self.safe(given, other, other.scope_of(call), depth + 1):
                    return False
            elif name not in defaults or not self.safe(defaults[name], module, function, depth):
                return False
        return True
