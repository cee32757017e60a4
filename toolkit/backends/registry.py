"""The registries of engines: generation engines (``--backend``) and embedding engines.

An :class:`Engine` says how to build itself from the settings (``from_settings(settings, ref)``,
named as ``"module:function"`` so nothing heavy is imported until it is chosen), how to tell
whether it is installed (``probe``), and whether it is a test double that needs no model.
``backends.load_generator`` and ``load_embedder``, ``choose_engine`` and the ``backend``
setting's choices read these tables. A plugin adds one with :func:`register_engine` from a
module named by a ``parallax.engines`` entry point.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..core.registry import Registry, lazy

if TYPE_CHECKING:
    from ..core.config import Settings
    from ..models.registry import ModelRef

ROLES = ("generation", "embedding")


def _always() -> bool:
    return True


@dataclass(frozen=True)
class Engine:
    """A way to run a model: ``from_settings(settings, ref) -> engine``."""

    name: str
    role: str  # "generation" | "embedding"
    from_settings: str | Callable[..., Any]  # (settings, ref or None) -> the loaded engine
    probe: Callable[[], bool] = _always  # installed? (cheap; imports nothing heavy)
    test_double: bool = False  # needs no model (``ref`` is None); one instance per process
    # a server holds the model: ``settings.generator`` names it there, ``ref`` is None
    remote: bool = False
    help: str = ""

    def __post_init__(self) -> None:
        if self.role not in ROLES:
            raise ValueError(f"engine {self.name!r}: role must be one of {ROLES}")

    def load(self, settings: Settings, ref: ModelRef | None) -> Any:
        fn = lazy(self.from_settings) if isinstance(self.from_settings, str) else self.from_settings
        return fn(settings, ref)

    def available(self) -> bool:
        return bool(self.probe())


GENERATION_ENGINES: Registry[Engine] = Registry("generation engine")
EMBEDDING_ENGINES: Registry[Engine] = Registry("embedding engine")
ENGINES = GENERATION_ENGINES  # the ``--backend`` choices


def register_engine(engine: Engine) -> Engine:
    """Add an engine to the table of its role (built-ins and plugins alike)."""
    table = GENERATION_ENGINES if engine.role == "generation" else EMBEDDING_ENGINES
    return table.register(engine.name, engine)


def backend_choices() -> tuple[str, ...]:
    """Return the values the ``backend`` setting accepts."""
    return ("auto", *GENERATION_ENGINES.names())


# ------------------------------------------------------------------ built-in loaders
def transformers_generator(settings: Settings, ref: ModelRef) -> Any:
    from .transformers_backend import TransformersGenerator

    return TransformersGenerator(ref, device=settings.device, threads=settings.threads)


def ct2_generator(settings: Settings, ref: ModelRef) -> Any:
    from .ct2_backend import CT2Generator

    return CT2Generator(ref, device=settings.device, threads=settings.threads,
                        cache=settings.cache_path())


def openai_generator(settings: Settings, ref: None) -> Any:
    from .openai_backend import OpenAIGenerator

    return OpenAIGenerator.from_settings(settings)


# The fakes loaded here live as long as the process (a batch of thousands of articles): they
# remember only their last calls, so their history never grows without bound.
_FAKE_HISTORY = 1000


def fake_generator(settings: Settings, ref: None) -> Any:
    from collections import deque

    from .fake import FakeGenerator

    return FakeGenerator(history=deque(maxlen=_FAKE_HISTORY), scored=deque(maxlen=_FAKE_HISTORY))


def transformers_embedder(settings: Settings, ref: ModelRef) -> Any:
    from .embedder import Embedder

    return Embedder(ref, device=settings.device, threads=settings.threads)


def fake_embedder(settings: Settings, ref: None) -> Any:
    from collections import deque

    from .embedder import FakeEmbedder

    return FakeEmbedder(history=deque(maxlen=_FAKE_HISTORY))


def _has_ctranslate2() -> bool:
    return importlib.util.find_spec("ctranslate2") is not None


def _has_httpx() -> bool:
    return importlib.util.find_spec("httpx") is not None


_HERE = "toolkit.backends.registry"
register_engine(Engine("transformers", "generation", f"{_HERE}:transformers_generator",
                       help="Hugging Face transformers (any device)"))
register_engine(Engine("ct2", "generation", f"{_HERE}:ct2_generator", _has_ctranslate2,
                       help="CTranslate2 int8, the fast CPU engine (the [fast] extra)"))
register_engine(Engine("openai", "generation", f"{_HERE}:openai_generator", _has_httpx, remote=True,
                       help="any OpenAI-compatible server (llama.cpp, Ollama, vLLM): "
                            "--base-url URL"))
register_engine(Engine("fake", "generation", f"{_HERE}:fake_generator", test_double=True,
                       help="scripted replies for tests (never chosen by auto)"))
register_engine(Engine("transformers", "embedding", f"{_HERE}:transformers_embedder",
                       help="mean-pooled sentence embeddings with transformers"))
register_engine(Engine("fake", "embedding", f"{_HERE}:fake_embedder", test_double=True,
                       help="bag-of-words hashing for tests (--embedder fake)"))
