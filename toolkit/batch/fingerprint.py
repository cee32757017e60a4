"""What a batch result depends on, computed without loading any model.

The run fingerprint holds everything that changes an article's report except the article itself:
model ids and weight hashes, engine and device, decoding settings, prompt templates, task options,
metric signatures, the toolkit version and a digest of the toolkit's own code. The cache key of an
article is the hash of the fingerprint and the sha256 of the article file's bytes.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict
from functools import cache
from pathlib import Path
from typing import Any

from .._version import __version__
from ..cache import make_key
from ..core.config import Settings
from ..core.results import SCHEMA

CACHE_FORMAT = "parallax-batch/1"  # bump when what is stored per key changes
# Modules that never change a cached report (the JSON and HTML of one article): the command line,
# notebook helpers, other renderers, pack installation, and the batch machinery with its index.
_NOT_OUTPUT = ("cli.py", "__main__.py", "notebook.py", "cache.py", "batch/", "models/packs.py",
               "render/index.py", "render/markdown.py", "render/terminal.py",
               "render/templates/index.html.j2")


def run_fingerprint(settings: Settings, generator=None, embedder=None) -> dict[str, Any]:
    """Return the fingerprint of a ``compare`` run; raise ModelUnavailable if a model is missing.

    Injected engines are identified by their ``info``; otherwise each model is resolved through the
    registry (the pack's recorded sha256, or the hash of a local folder or GGUF file), which reads
    no weights into memory and converts nothing (``resolve_model`` is pure).
    """
    from ..backends import choose_engine, decoding_from
    from ..prompts import load_prompts
    from ..signature import component_versions, metric_versions, run_options

    strategies = [s for s in settings.strategies if s != "none"]  # none: no generator at all
    if not strategies:
        main, gens = None, {}
    elif generator is not None:
        main = _from_info(generator.info)
        gens = {s: main for s in strategies}
    else:
        from ..strategies import strategy_model

        engine = choose_engine(settings)
        gens = {s: _resolve(strategy_model(settings, s), engine, settings) for s in strategies}
        main = _resolve(settings.generator, engine, settings)
    if embedder is not None:
        emb = _from_info(embedder.info)
    elif (
        settings.embedder == "fake"
    ):  # the test double, selected explicitly; it costs nothing to "load"
        from ..backends import load_embedder

        emb = _from_info(load_embedder(settings).info)
    else:
        emb = _resolve(settings.embedder, "transformers", settings)
    return {
        "format": CACHE_FORMAT,
        "schema": SCHEMA,
        "toolkit": __version__,
        "code": code_digest(),
        "task": "compare",
        "generators": {"main": main, **gens},
        "embedder": emb,
        "device": settings.device,
        "decoding": asdict(decoding_from(settings)),
        "prompts_sha256": load_prompts(settings.prompts).sha256,
        # the run signature's options and versions (toolkit/signature.py), so both agree
        "options": dict(run_options("compare", settings, strategies)),
        "versions": dict(component_versions("compare", strategies)),
        "metrics": dict(metric_versions("compare")),
    }


def cache_key(fingerprint: dict[str, Any], content_sha256: str) -> str:
    return make_key({"run": fingerprint, "content_sha256": content_sha256})


def _from_info(info) -> dict[str, Any]:
    return {"id": info.id, "sha256": info.sha256, "backend": info.backend}


def _resolve(spec: str, engine: str, settings: Settings) -> dict[str, Any]:
    if engine == "fake":
        from ..backends import load_generator  # the fake costs nothing to "load"

        return _from_info(load_generator(settings).info)
    from ..backends.registry import GENERATION_ENGINES

    if engine in GENERATION_ENGINES and GENERATION_ENGINES.get(engine).remote:
        from ..backends.openai_backend import server_host  # the host, never a key or password

        return {"id": spec, "sha256": None, "backend": engine,
                "host": server_host(settings.base_url)}
    from ..models.registry import resolve_model

    ref = resolve_model(spec, settings.cache_path())
    return {"id": ref.id, "sha256": ref.sha256, "backend": engine}


@cache
def code_digest() -> str:
    """Return the sha256 of the toolkit's source files that shape a report (once per process)."""
    root = Path(__file__).resolve().parent.parent
    h = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.suffix in (".py", ".j2") and p.is_file()):
        rel = path.relative_to(root).as_posix()
        if rel.startswith(_NOT_OUTPUT):
            continue
        h.update(rel.encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()
