"""The table of output formats: the CLI's ``--format`` choices, the ``-o`` suffix mapping,
batch ``--format``, and ``Result.render()``/``to_json()``/``to_markdown()`` all read it.

A renderer's function is named as ``"module:function"`` and imported only when that format is
rendered, so listing the formats stays cheap. The built-in formats register in
:mod:`toolkit.render.registry` (imported on the first lookup, as plugins are); a plugin adds one
with :func:`register_renderer` from a module named by a ``parallax.renderers`` entry point.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .registry import Registry, lazy

TASKS = ("summarize", "retranslate", "compare")


@dataclass(frozen=True)
class Renderer:
    """An output format: ``render(result, **options) -> str``, a pure function of a Result."""

    name: str
    function: str | Callable[..., str]  # "module:function", imported at first use
    suffixes: tuple[str, ...] = ()  # "-o report.SUFFIX" picks this format
    batch: bool = False  # written per article by ``parallax batch --format``
    tasks: tuple[str, ...] = TASKS  # the results it can render
    help: str = ""
    data: str | Callable[..., Any] | None = None  # plain data before serializing (json: the dict)

    def render(self, result: Any, **options: Any) -> str:
        """Render ``result`` (the function is imported now, not when the format was registered).

        A plugin's renderer that raises is a :class:`~toolkit.core.errors.PluginError` (one
        line); a built-in one's exception is a bug and surfaces as one.
        """
        origin = RENDERERS.origin(self.name) if self.name in RENDERERS else "builtin"
        if origin == "builtin":
            return _call(self.function, result, **options)  # type: ignore[return-value]
        try:
            return _call(self.function, result, **options)  # type: ignore[return-value]
        except Exception as exc:  # noqa: BLE001  (a plugin's bug: one line, never a traceback)
            from .errors import PluginError

            raise PluginError(
                f"format {self.name!r} ({origin}) failed: {type(exc).__name__}: {exc}"
            ) from None

    def to_data(self, result: Any) -> Any:
        """Return the plain data the format serializes (only formats that declare ``data``)."""
        if self.data is None:
            raise ValueError(f"format {self.name!r} has no plain-data form")
        return _call(self.data, result)

    @property
    def suffix(self) -> str:
        """The suffix of files in this format (``.html``; ``.NAME`` when it declares none)."""
        return self.suffixes[0] if self.suffixes else f".{self.name}"


def _call(fn: str | Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    return (lazy(fn) if isinstance(fn, str) else fn)(*args, **kwargs)


RENDERERS: Registry[Renderer] = Registry("renderer", builtins=("toolkit.render.registry",))


def register_renderer(renderer: Renderer) -> Renderer:
    """Add an output format (built-ins and plugins alike)."""
    return RENDERERS.register(renderer.name, renderer)


def format_names(task: str | None = None, *, batch: bool = False) -> tuple[str, ...]:
    """Return the formats that can render ``task`` results (and fit batch output, if asked)."""
    return tuple(name for name, r in RENDERERS.items()
                 if (task is None or task in r.tasks) and (r.batch or not batch))


def format_for_suffix(suffix: str, default: str = "text") -> str:
    """Return the format whose suffixes include ``suffix`` (``.HTML`` counts as ``.html``)."""
    suffix = suffix.lower()
    return next((name for name, r in RENDERERS.items() if suffix in r.suffixes), default)
