"""The registry of output formats: the CLI's ``--format`` choices, the ``-o`` suffix mapping,
batch ``--format`` and ``Result.to_json()``/``to_markdown()`` all read it.

A renderer's function is named as ``"module:function"`` and imported only when that format is
rendered, so listing the formats stays cheap. A plugin adds one with :func:`register_renderer`
from a module named by a ``parallax.renderers`` entry point.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..core.registry import Registry, lazy

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

    def render(self, result: Any, **options: Any) -> str:
        """Render ``result`` (the function is imported now, not when the format was registered)."""
        fn = lazy(self.function) if isinstance(self.function, str) else self.function
        return fn(result, **options)  # type: ignore[return-value]


RENDERERS: Registry[Renderer] = Registry("renderer")


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


# ------------------------------------------------------------------ the built-in formats
register_renderer(Renderer("text", "toolkit.render.terminal:render_text", (".txt",),
                           help="plain text as the terminal shows it (colour on a terminal)"))
register_renderer(Renderer("md", "toolkit.render.markdown:render_markdown", (".md",),
                           help="Markdown, article text escaped"))
register_renderer(Renderer("json", "toolkit.render.json:render_json", (".json",), batch=True,
                           help="the JSON contract (schema parallax/1)"))
register_renderer(Renderer("html", "toolkit.render.html:render_html", (".html", ".htm"),
                           batch=True, tasks=("compare",),
                           help="a self-contained HTML report (no script, CSP)"))
