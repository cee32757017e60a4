"""The shape of the package: no import cycles, every flag kind in the one flag table.

Import rule: no cycle in the graph of toolkit modules, counting every import a module makes,
at module level *and* inside functions (a lazy import defers a cost; it does not make a
dependency go away), but not those under ``if TYPE_CHECKING:`` (never run). ``results.py`` is
stricter: it imports no renderer, notebook helper or comparison module at any level (it looks
renderers up in the registry when called).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PKG = ROOT / "toolkit"


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PKG.rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


MODULES = _modules()


def _is_package(name: str) -> bool:
    return MODULES[name].name == "__init__.py"


def _resolve(module: str, level: int, target: str | None) -> str:
    if level == 0:
        return target or ""
    base = module.split(".")
    if not _is_package(module):
        base = base[:-1]
    base = base[: len(base) - (level - 1)]
    return ".".join(base + ([target] if target else []))


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _import_nodes(body: list[ast.stmt], *, top: bool) -> list[ast.stmt]:
    """Import statements of a module body (``top``) or anywhere (``top=False``)."""
    if not top:  # every import statement, except those under ``if TYPE_CHECKING:``
        out_all: list[ast.stmt] = []
        todo = list(body)
        while todo:
            node = todo.pop()
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                out_all.append(node)
            elif not (isinstance(node, ast.If) and _is_type_checking(node)):
                todo.extend(ast.iter_child_nodes(node))
        return out_all
    out: list[ast.stmt] = []
    for stmt in body:
        if isinstance(stmt, (ast.Import, ast.ImportFrom)):
            out.append(stmt)
        elif isinstance(stmt, ast.If) and not _is_type_checking(stmt):
            out += _import_nodes(stmt.body + stmt.orelse, top=True)
        elif isinstance(stmt, ast.Try):
            out += _import_nodes(stmt.body + stmt.orelse + stmt.finalbody, top=True)
    return out


def imports_of(module: str, *, top: bool = True) -> set[str]:
    """Return the toolkit modules whose body runs (or must have run) for ``module``'s imports.

    Importing ``a.b.c`` runs the bodies of ``a`` and ``a.b`` too, so those are edges, except
    the packages ``module`` itself lives in: they are already importing when it runs, and it
    depends on their body only when it imports a name they define (``from . import NAME``).
    """
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    own = {".".join(module.split(".")[:i]) for i in range(1, module.count(".") + 1)}
    if _is_package(module):
        own.add(module)
    found: set[str] = set()
    for node in _import_nodes(tree.body, top=top):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        else:
            base = _resolve(module, node.level, node.module)
            subs = [f"{base}.{a.name}" for a in node.names if f"{base}.{a.name}" in MODULES]
            if base in own and len(subs) < len(node.names):
                found.add(base)  # a name defined in an enclosing package's body
            targets = [base, *subs]
        for name in targets:
            parts = name.split(".")
            found.update(p for i in range(1, len(parts) + 1)
                         if (p := ".".join(parts[:i])) in MODULES and p not in own)
    found.discard(module)
    return found


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


@pytest.mark.parametrize("top", [True, False], ids=["module-level", "all-imports"])
def test_import_graph_has_no_cycle(top):
    graph = {m: imports_of(m, top=top) for m in MODULES}
    assert "toolkit.core.results" in graph["toolkit.comparison.align"]  # the walk sees imports
    assert ("toolkit.render.registry" in graph["toolkit.core.results"]) is not top  # and lazy ones
    cycle = find_cycle(graph)
    assert cycle is None, "import cycle: " + " -> ".join(cycle)


def test_cycle_finder_finds_a_cycle():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_results_imports_no_renderer_notebook_or_comparison():
    deps = imports_of("toolkit.core.results", top=False)
    bad = {d for d in deps if d.startswith(("toolkit.comparison", "toolkit.notebook"))
           or (d.startswith("toolkit.render") and d not in ("toolkit.render",
                                                              "toolkit.render.registry"))}
    assert not bad, f"results.py imports {sorted(bad)}"


# ------------------------------------------------------------------ the flag table
def produced_flag_kinds() -> dict[str, str]:
    """Every flag kind written as a literal in toolkit/: ``Flag("kind", ...)`` calls and the
    strings returned by ``*problem*`` functions (kinds decided by a function, then flagged)."""
    kinds: dict[str, str] = {}
    for name, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id == "Flag" and node.args
                    and isinstance(node.args[0], ast.Constant)
                    and isinstance(node.args[0].value, str)):
                kinds.setdefault(node.args[0].value, f"{name}:{node.lineno}")
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and "problem" in node.name:
                for ret in ast.walk(node):
                    if (isinstance(ret, ast.Return) and isinstance(ret.value, ast.Constant)
                            and isinstance(ret.value.value, str)):
                        kinds.setdefault(ret.value.value, f"{name}:{ret.lineno}")
    return kinds


def test_every_produced_flag_kind_is_in_the_flag_table():
    from toolkit.core.flags import FLAG_KINDS

    produced = produced_flag_kinds()
    # the walk must see the producers it is meant to police
    assert {"added-number", "leftover-script", "empty", "wrong-script", "trimmed"} <= set(produced)
    missing = {k: where for k, where in produced.items() if k not in FLAG_KINDS}
    assert not missing, f"flag kinds without an entry in toolkit/core/flags.py: {missing}"


def test_every_check_declares_kinds_that_are_in_the_table():
    from toolkit.core.flags import FLAG_KINDS
    from toolkit.qa.registry import CHECKS

    assert len(CHECKS) >= 4
    for name, check in CHECKS.items():
        assert check.kinds, f"check {name} declares no flag kinds"
        missing = [k for k in check.kinds if k not in FLAG_KINDS]
        assert not missing, f"check {name} produces kinds missing from the flag table: {missing}"


@pytest.mark.parametrize("table", ["strategies", "checks", "flag kinds", "renderers", "metrics",
                                   "generation engines", "embedding engines"])
def test_built_ins_are_registered_as_builtin(table):
    from toolkit.plugins import registries

    reg = registries()[table]
    assert len(reg) > 0
    assert all(reg.origin(n) == "builtin" or reg.origin(n).startswith("plugin ") for n in reg)
    assert any(reg.origin(n) == "builtin" for n in reg)
