"""Generation and embedding engines behind one interface; heavy modules load only when chosen.

Loaded engines are kept for the life of the process, so a notebook kernel or a batch run loads
each model once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .base import Decoding, Generation, Generator, ModelInfo, Prompt
from .registry import EMBEDDING_ENGINES, ENGINES, GENERATION_ENGINES

if TYPE_CHECKING:
    from ..core.config import Settings
    from .embedder import Embedder

_LOADED: dict[tuple, object] = {}


def choose_engine(settings: Settings) -> str:
    """Resolve ``backend = "auto"``: the fast CPU engine when it is installed, else transformers."""
    if settings.backend != "auto":
        return settings.backend
    if settings.device.startswith("cuda"):
        return "transformers"
    if settings.generator.startswith("hf:"):
        return "transformers"
    if "ct2" in ENGINES and ENGINES.get("ct2").available():
        if settings.device == "auto":
            import ctranslate2  # asks the driver cheaply; torch (~1.5 s) only if a GPU is there

            if ctranslate2.get_cuda_device_count() > 0:
                import torch

                if torch.cuda.is_available():
                    return "transformers"
        return "ct2"
    return "transformers"


def _load(table, name: str, spec: str, role: str, settings: Settings):
    """Load engine ``name`` of ``table`` for model ``spec`` once per process."""
    from ..models.registry import prepare_model, resolve_model

    engine = table.get(name)
    if engine.test_double:
        key: tuple = (role, name)
        ref = None
    elif engine.remote:  # the model lives on a server: nothing local to resolve
        key = (role, name, spec, settings.base_url, settings.batch_size, settings.request_timeout)
        ref = None
    else:
        ref = prepare_model(resolve_model(spec, settings.cache_path()), settings.cache_path())
        key = (role, name, ref.id, ref.sha256, settings.device, settings.threads)
    if key not in _LOADED:
        _LOADED[key] = engine.load(settings, ref)
    return _LOADED[key]


def load_generator(settings: Settings) -> Generator:
    """Return the generator the settings name, loading it once per process."""
    engine = choose_engine(settings)
    if engine not in GENERATION_ENGINES:
        from ..core.errors import ConfigError

        raise ConfigError(f"unknown backend {engine!r}; choose one of "
                          f"{sorted(GENERATION_ENGINES.names())} or auto")
    return _load(GENERATION_ENGINES, engine, settings.generator, "gen", settings)


def load_embedder(settings: Settings) -> Embedder:
    """Return the embedder the settings name (an embedding engine's name, e.g. ``fake``, picks
    that engine; any other spec is a model for the transformers engine)."""
    spec = settings.embedder
    engine = spec if spec in EMBEDDING_ENGINES else "transformers"
    return _load(EMBEDDING_ENGINES, engine, spec, "emb", settings)


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
