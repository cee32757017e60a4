"""The shape of the package: layers, no import cycles, no private names across modules, and
every flag kind in the one flag table.

Three kinds of import are read (with ``ast``, every module of ``toolkit/``): at module level,
inside functions (a lazy import defers a cost; it does not make a dependency go away), and under
``if TYPE_CHECKING:`` (never run, but still a dependency of the code's meaning).

- Layers: ``toolkit.core`` (Article, Result, Settings, flags, registries, the flag walk) imports
  nothing outside ``toolkit.core``, by any kind of import; renderers import no command module
  (the CLI, the API, batch runs, ``export``, ``--fail-on``, review files).
- Cycles: none in the graph of runtime imports (module level and inside functions).
- Names: no module imports a private name (``_x``) of another, or reads one as ``module._x``.
- Lines: none longer than ruff's configured length.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PKG = ROOT / "toolkit"
KINDS = ("module", "function", "type-checking")


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


def import_nodes(tree: ast.Module) -> list[tuple[str, ast.Import | ast.ImportFrom]]:
    """Return every import statement of a module with its kind (see :data:`KINDS`)."""
    out: list[tuple[str, ast.Import | ast.ImportFrom]] = []

    def visit(node: ast.AST, kind: str) -> None:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            out.append((kind, node))
            return
        if isinstance(node, ast.If) and _is_type_checking(node):
            for child in node.body:
                visit(child, "type-checking")
            for child in node.orelse:
                visit(child, kind)
            return
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            kind = "type-checking" if kind == "type-checking" else "function"
        for child in ast.iter_child_nodes(node):
            visit(child, kind)

    visit(tree, "module")
    return out


def imports_of(module: str, kinds: tuple[str, ...] = KINDS) -> set[str]:
    """Return the toolkit modules whose body runs (or must have run) for ``module``'s imports
    of the given kinds.

    Importing ``a.b.c`` runs the bodies of ``a`` and ``a.b`` too, so those are edges, except
    the packages ``module`` itself lives in: they are already importing when it runs, and it
    depends on their body only when it imports a name they define (``from . import NAME``).
    """
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    own = {".".join(module.split(".")[:i]) for i in range(1, module.count(".") + 1)}
    if _is_package(module):
        own.add(module)
    found: set[str] = set()
    for kind, node in import_nodes(tree):
        if kind not in kinds:
            continue
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


def test_the_walk_sees_every_kind_of_import():
    assert "toolkit.core.results" in imports_of("toolkit.comparison.align", ("module",))
    assert "toolkit.backends" in imports_of("toolkit.api", ("function",))  # lazy imports
    assert "toolkit.backends" not in imports_of("toolkit.api", ("module",))
    assert "toolkit.core.results" in imports_of("toolkit.core.flag_walk", ("type-checking",))
    assert "toolkit.core.results" not in imports_of("toolkit.core.flag_walk",
                                                    ("module", "function"))


@pytest.mark.parametrize("kinds", [("module",), ("module", "function")],
                         ids=["module-level", "runtime"])
def test_import_graph_has_no_cycle(kinds):
    graph = {m: imports_of(m, kinds) for m in MODULES}
    cycle = find_cycle(graph)
    assert cycle is None, "import cycle: " + " -> ".join(cycle)


def test_cycle_finder_finds_a_cycle():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_core_imports_nothing_outside_core():
    """Article, Result, Settings, the flags and registries: no upward import of any kind."""
    assert {"toolkit.core.document", "toolkit.core.results", "toolkit.core.config"} <= set(MODULES)
    bad = {}
    for m in MODULES:
        if m.startswith("toolkit.core"):
            out = {d for d in imports_of(m) if not d.startswith("toolkit.core")}
            if out:
                bad[m] = sorted(out)
    assert not bad, f"core modules import outside toolkit.core: {bad}"


COMMANDS = ("toolkit.cli", "toolkit.api", "toolkit.batch", "toolkit.export", "toolkit.qa.gate",
            "toolkit.qa.review", "toolkit.qa.suggest")


def test_renderers_import_no_command():
    bad = {}
    for m in MODULES:
        if m.startswith("toolkit.render"):
            out = {d for d in imports_of(m) if d.startswith(COMMANDS)}
            if out:
                bad[m] = sorted(out)
    assert not bad, f"renderers import command modules: {bad}"


def private_names_crossing() -> list[str]:
    """Return ``module:line name`` for every private name one toolkit module takes from another."""
    out = []
    for m, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        aliases: set[str] = set()  # local names bound to toolkit modules
        for _, node in import_nodes(tree):
            if isinstance(node, ast.ImportFrom):
                base = _resolve(m, node.level, node.module)
                if not base.startswith("toolkit"):
                    continue
                for a in node.names:
                    if f"{base}.{a.name}" in MODULES:
                        aliases.add(a.asname or a.name)
                    elif a.name.startswith("_") and not a.name.startswith("__"):
                        out.append(f"{m}:{node.lineno} {base}.{a.name}")
            else:
                aliases.update(a.asname or a.name.split(".")[0] for a in node.names
                               if a.name.startswith("toolkit"))
        for node in ast.walk(tree):
            if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                    and node.value.id in aliases and node.attr.startswith("_")
                    and not node.attr.startswith("__")):
                out.append(f"{m}:{node.lineno} {node.value.id}.{node.attr}")
    return out


def test_no_private_name_crosses_modules():
    assert not private_names_crossing()


def test_the_private_name_walk_sees_what_it_polices(tmp_path, monkeypatch):
    bad = tmp_path / "toolkit_probe.py"
    bad.write_text("from toolkit.core.config import _coerce\nfrom toolkit.qa import names\n"
                   "x = names._COMMON\n")
    monkeypatch.setitem(MODULES, "toolkit.probe", bad)
    found = private_names_crossing()
    assert any("_coerce" in f for f in found) and any("names._COMMON" in f for f in found)


# ------------------------------------------------------------------ line length
def _width(line: str) -> int:
    """The width ruff measures a line by: East Asian wide and full-width characters count two."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)


def _overlong(line: str, limit: int) -> bool:
    """Tell whether ruff's E501 reports ``line``: wider than ``limit``, unless it is one word
    (no whitespace to break at), ends with a URL starting within the limit, or with a pragma
    comment (``# noqa``, ``# type:`` ...)."""
    if _width(line) <= limit:
        return False
    chunks = line.split()
    if len(chunks) < 2:
        return False
    if "://" in chunks[-1] and _width(line.rstrip()) - _width(chunks[-1]) <= limit:
        return False
    return not re.search(r"#\s*(?:noqa|type:|pyright:|pylint:|nosec|isort:)[^#]*$", line)


def test_lines_fit_the_configured_length():
    """Ruff's configured line length (``[tool.ruff] line-length``) holds over ``toolkit/``."""
    import tomllib

    limit = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["ruff"]["line-length"]
    long = [f"{path.relative_to(ROOT)}:{n}" for path in sorted(PKG.rglob("*.py"))
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
            if _overlong(line, limit)]
    assert not long, f"{len(long)} lines over {limit}: {long[:10]}"
    assert _overlong("x = " + "a " * 60, 100) and not _overlong("x" * 120, 100)


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
