"""What the plugins added: one report over every registry, for ``parallax plugins``."""

from __future__ import annotations

from typing import Any

from .core.registry import Registry, load_plugins


def registries() -> dict[str, Registry]:
    """Return every registry by name (importing them registers the built-ins)."""
    from .backends.registry import EMBEDDING_ENGINES, GENERATION_ENGINES
    from .comparison.metric_registry import METRICS
    from .core.flags import FLAG_KINDS
    from .qa.registry import CHECKS
    from .render.registry import RENDERERS
    from .strategies import STRATEGIES

    return {"strategies": STRATEGIES, "checks": CHECKS, "flag kinds": FLAG_KINDS,
            "renderers": RENDERERS, "metrics": METRICS, "generation engines": GENERATION_ENGINES,
            "embedding engines": EMBEDDING_ENGINES}


def plugin_report() -> dict[str, Any]:
    """Return the loaded entry points (with errors) and every registry entry with its origin."""
    tables = registries()
    loaded = load_plugins()
    return {
        "plugins": [{"group": p.group, "name": p.name, "value": p.value,
                     "distribution": p.distribution, "error": p.error, "added": list(p.added)}
                    for p in loaded],
        "registries": {name: [{"name": entry, "origin": reg.origin(entry)} for entry in reg.names()]
                       for name, reg in tables.items()},
    }
