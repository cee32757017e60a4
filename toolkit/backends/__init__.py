"""Generation and embedding engines behind one interface; heavy modules load only when chosen.

Loaded engines are kept for the life of the process, so a notebook kernel or a batch run loads
each model once.
"""

from __future__ import annotations

import importlib
import importlib.util
from typing import TYPE_CHECKING

from .base import Decoding, Generation, Generator, ModelInfo, Prompt

if TYPE_CHECKING:
    from ..config import Settings
    from .embedder import Embedder

# name -> "module:class"; imported only when selected (sacrebleu-style registry)
ENGINES: dict[str, str] = {
    "transformers": "toolkit.backends.transformers_backend:TransformersGenerator",
    "ct2": "toolkit.backends.ct2_backend:CT2Generator",  # fast CPU engine, int8
}
_LOADED: dict[tuple, object] = {}


def _engine_class(name: str):
    module, _, cls = ENGINES[name].partition(":")
    return getattr(importlib.import_module(module), cls)


def choose_engine(settings: Settings) -> str:
    """Resolve ``backend = "auto"``: the fast CPU engine when it is installed, else transformers."""
    if settings.backend != "auto":
        return settings.backend
    if settings.device.startswith("cuda"):
        return "transformers"
    if settings.generator.startswith("hf:"):
        return "transformers"
    if "ct2" in ENGINES and importlib.util.find_spec("ctranslate2") is not None:
        if settings.device == "auto":
            import ctranslate2  # asks the driver cheaply; torch (~1.5 s) only if a GPU is there

            if ctranslate2.get_cuda_device_count() > 0:
                import torch

                if torch.cuda.is_available():
                    return "transformers"
        return "ct2"
    return "transformers"


def load_generator(settings: Settings) -> Generator:
    """Return the generator the settings name, loading it once per process."""
    from ..models.registry import resolve_model

    engine = choose_engine(settings)
    if engine == "fake":  # explicit test double: scripted replies, never a silent fallback
        from .fake import FakeGenerator

        return _LOADED.setdefault(("gen", "fake"), FakeGenerator())  # type: ignore[return-value]
    if engine not in ENGINES:
        from ..errors import ConfigError

        raise ConfigError(f"unknown backend {engine!r}; choose one of {sorted(ENGINES)} or auto")
    ref = resolve_model(settings.generator, settings.cache_path())
    key = ("gen", engine, ref.id, ref.sha256, settings.device, settings.threads)
    if key not in _LOADED:
        cls = _engine_class(engine)
        kwargs = {"device": settings.device, "threads": settings.threads}
        if engine == "ct2":
            kwargs["cache"] = settings.cache_path()
        _LOADED[key] = cls(ref, **kwargs)
    return _LOADED[key]  # type: ignore[return-value]


def load_embedder(settings: Settings) -> Embedder:
    from ..models.registry import resolve_model
    from .embedder import Embedder, FakeEmbedder

    if settings.embedder == "fake":  # explicit test double (bag-of-words hashing)
        return _LOADED.setdefault(("emb", "fake"), FakeEmbedder())  # type: ignore[return-value]
    ref = resolve_model(settings.embedder, settings.cache_path())
    key = ("emb", ref.id, ref.sha256, settings.device, settings.threads)
    if key not in _LOADED:
        _LOADED[key] = Embedder(ref, device=settings.device, threads=settings.threads)
    return _LOADED[key]  # type: ignore[return-value]


def decoding_from(settings: Settings) -> Decoding:
    return Decoding(
        max_new_tokens=settings.max_new_tokens,
        temperature=settings.temperature,
        top_p=settings.top_p,
        seed=settings.seed,
        batch_size=settings.batch_size,
    )


__all__ = ["Decoding", "Generation", "Generator", "ModelInfo", "Prompt", "load_generator",
           "load_embedder", "decoding_from", "choose_engine", "ENGINES"]
