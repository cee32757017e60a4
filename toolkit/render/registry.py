"""The built-in output formats, registered in the format table (:mod:`toolkit.core.renderers`)
exactly as a plugin registers its own.

``Renderer``, ``register_renderer``, ``format_names`` and ``format_for_suffix`` are importable
from here too (what plugins import).
"""

from __future__ import annotations

from ..core.renderers import (
    RENDERERS,
    TASKS,
    Renderer,
    format_for_suffix,
    format_names,
    register_renderer,
)

__all__ = ["RENDERERS", "TASKS", "Renderer", "format_for_suffix", "format_names",
           "register_renderer"]

register_renderer(Renderer("text", "toolkit.render.terminal:render_text", (".txt",),
                           help="plain text as the terminal shows it (colour on a terminal)"))
register_renderer(Renderer("md", "toolkit.render.markdown:render_markdown", (".md",),
                           help="Markdown, article text escaped"))
register_renderer(Renderer("json", "toolkit.render.json:render_json", (".json",), batch=True,
                           help="the JSON contract (schema parallax/1)",
                           data="toolkit.render.json:result_to_dict"))
register_renderer(Renderer("html", "toolkit.render.html:render_html", (".html", ".htm"),
                           batch=True, tasks=("compare",),
                           help="a self-contained HTML report (no script, CSP)"))
