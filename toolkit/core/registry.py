"""Registries: one per shared vocabulary (strategies, checks, flag kinds, renderers, engines,
metrics).

Built-ins register themselves exactly as a plugin would. Third-party packages add entries through
Python entry points, one group per registry (``parallax.strategies``, ``parallax.checks``,
``parallax.renderers``, ``parallax.engines``, ``parallax.metrics``, ``parallax.flags``): each entry
point names a module (or a callable) that registers its entries when loaded. Plugins load lazily,
on the first lookup of any registry; a plugin that fails to load is a one-line warning naming it,
never a crash.

Imports nothing from the package, so every module may import it.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")

GROUPS = ("parallax.flags", "parallax.strategies", "parallax.checks", "parallax.renderers",
          "parallax.engines", "parallax.metrics")
# Modules that register the built-in entries; imported before any plugin loads, so a plugin that
# imports one of them first does not get the built-ins credited to it.
BUILTIN_MODULES = ("toolkit.core.flags", "toolkit.strategies", "toolkit.qa.checks",
                   "toolkit.render.registry", "toolkit.comparison.builtin_metrics",
                   "toolkit.backends.registry")


@dataclass(frozen=True)
class PluginInfo:
    """One entry point that was loaded (or failed to): where it came from and what it added."""

    group: str
    name: str
    value: str  # "module:attr" as the entry point names it
    distribution: str  # the installed package that declares it
    error: str = ""  # one line when loading failed
    added: tuple[str, ...] = ()  # "registry:name" entries it registered


class Registry(Generic[T]):
    """A named table of entries with the origin of each (``builtin`` or a plugin's name)."""

    def __init__(self, name: str, *, builtins: tuple[str, ...] = ()) -> None:
        self.name = name
        _TABLES[name] = self
        self._builtins = builtins  # modules that register the built-in entries when imported
        self._entries: dict[str, T] = {}
        self._origin: dict[str, str] = {}

    def register(self, name: str, entry: T, *, replace: bool = False) -> T:
        """Add ``entry`` under ``name``; a second entry of a name is an error unless ``replace``."""
        if name in self._entries and not replace:
            raise ValueError(
                f"{self.name} {name!r} is already registered (by {self._origin[name]})"
            )
        self._entries[name] = entry
        self._origin[name] = _current_origin()
        _note_added(f"{self.name}:{name}")
        return entry

    def _ready(self) -> None:
        if self._builtins:
            import importlib

            for module in self._builtins:
                importlib.import_module(module)
        load_plugins()

    def get(self, name: str) -> T:
        """Return the entry ``name``; ``KeyError`` names the known entries."""
        self._ready()
        try:
            return self._entries[name]
        except KeyError:
            raise KeyError(
                f"unknown {self.name} {name!r}; known: {', '.join(self.names())}"
            ) from None

    def __contains__(self, name: object) -> bool:
        self._ready()
        return name in self._entries

    def names(self) -> tuple[str, ...]:
        self._ready()
        return tuple(self._entries)

    def items(self) -> tuple[tuple[str, T], ...]:
        self._ready()
        return tuple(self._entries.items())

    def values(self) -> tuple[T, ...]:
        self._ready()
        return tuple(self._entries.values())

    def origin(self, name: str) -> str:
        self._ready()
        return self._origin[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self.names())

    def __len__(self) -> int:
        return len(self.names())


_TABLES: dict[str, Registry] = {}  # every registry by name, as it is created


def table(name: str) -> Registry:
    """Return the registry named ``name`` ("generation engine", "renderer" ...) with its built-ins
    and plugins loaded, without importing the module that defines it (lower layers ask this way)."""
    load_plugins()
    return _TABLES[name]


# ------------------------------------------------------------------ entry-point plugins
_loaded: list[PluginInfo] | None = None
_loading: list[list[str]] = []  # stack of "added" lists of the plugin being loaded
_origin_stack: list[str] = []


def _current_origin() -> str:
    return _origin_stack[-1] if _origin_stack else "builtin"


def _note_added(what: str) -> None:
    if _loading:
        _loading[-1].append(what)


def _warn(message: str) -> None:
    print(f"parallax: warning: {' '.join(message.split())}", file=sys.stderr)


def load_plugins(*, force: bool = False) -> tuple[PluginInfo, ...]:
    """Load every entry point of the ``parallax.*`` groups once; return what was loaded."""
    global _loaded
    if _loaded is not None and not force:
        return tuple(_loaded)
    _loaded = []
    import importlib
    from importlib.metadata import entry_points

    for module in BUILTIN_MODULES:
        importlib.import_module(module)

    installed = entry_points()  # one scan of the installed distributions for every group
    for group in GROUPS:
        for ep in installed.select(group=group):
            dist = getattr(getattr(ep, "dist", None), "name", "") or "?"
            added: list[str] = []
            _loading.append(added)
            _origin_stack.append(f"plugin {dist}")
            error = ""
            try:
                obj = ep.load()
                if callable(obj) and not isinstance(obj, type):
                    obj()  # a register() function; a module registers on import
            except Exception as exc:  # a broken plugin must never break the CLI
                error = f"{type(exc).__name__}: {exc}"
                _warn(f"plugin {ep.name!r} ({ep.value}, from {dist}) failed to load: {error}")
            finally:
                _origin_stack.pop()
                _loading.pop()
            _loaded.append(PluginInfo(group, ep.name, ep.value, dist, error, tuple(added)))
    return tuple(_loaded)


# ------------------------------------------------------------------ plugin code at call time
# (registry, entry) -> the error of a plugin entry that raised
_failed: dict[tuple[str, str], str] = {}


def guarded(registry: Registry, name: str, call: Callable[[], R], fallback: R) -> R:
    """Return ``call()``, the use of entry ``name``; a plugin's entry that raises is dropped.

    The first failure of a plugin's entry is one warning line, and the entry is left out
    (``fallback`` instead) for the rest of the process, so one broken check or metric never stops
    a run. A built-in entry is not guarded: its exception is a bug and surfaces as one.
    """
    origin = registry._origin.get(name, "builtin")
    if origin == "builtin":
        return call()
    key = (registry.name, name)
    if key in _failed:
        return fallback
    try:
        return call()
    except Exception as exc:  # noqa: BLE001  (a broken plugin must never break a run)
        _failed[key] = error = f"{type(exc).__name__}: {exc}"
        _warn(f"{origin}: {registry.name} {name!r} failed: {error[:300]}; "
              "left out for the rest of this run")
        return fallback


def failed_plugins() -> dict[tuple[str, str], str]:
    """Return the plugin entries that raised in this process (registry, name) -> error."""
    return dict(_failed)


def plugin_origin(registry: Registry, name: str) -> str:
    """Return ``builtin`` or ``plugin DIST`` for an entry."""
    return registry.origin(name)


def lazy(spec: str) -> Callable[..., object]:
    """Return a callable that imports ``module:attr`` when first called (heavy entries wait)."""
    module, _, attr = spec.partition(":")

    def call(*args: object, **kwargs: object) -> object:
        import importlib

        return getattr(importlib.import_module(module), attr)(*args, **kwargs)

    call.__qualname__ = call.__name__ = f"lazy({spec})"
    return call
