"""Sentence embeddings (mean pooling + L2 norm), and a deterministic fake for tests."""

from __future__ import annotations

import hashlib
import re
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from .base import ModelInfo


class Embedder:
    """An encoder such as all-MiniLM-L6-v2, loaded from a local folder or a hub id."""

    def __init__(self, ref, device: str = "auto", threads: int = 0) -> None:
        import torch
        from transformers import AutoModel, AutoTokenizer

        from ..core.errors import ModelUnavailable
        from .transformers_backend import pick_device, set_threads

        self.device = pick_device(device)
        n = set_threads(threads)
        source = str(ref.path) if ref.path is not None else ref.hub_id
        try:
            self.tokenizer = AutoTokenizer.from_pretrained(
                source, local_files_only=ref.path is not None
            )
            self.model = AutoModel.from_pretrained(source, local_files_only=ref.path is not None)
        except OSError as exc:
            raise ModelUnavailable(
                f"cannot load embedder {ref.id}: {str(exc).splitlines()[0]}"
            ) from None
        self.model.to(self.device).eval()
        self._torch = torch
        self.info = ModelInfo(ref.id, ref.sha256, "transformers", self.device, "float32", n, 256)
        self._memo: dict[str, np.ndarray] = {}

    def embed(self, texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
        """Return an (n, d) array of unit vectors."""
        torch = self._torch
        # by length, so each batch pads to similar lengths (the memo restores the order)
        todo = sorted((t for t in dict.fromkeys(texts) if t not in self._memo), key=len)
        for i in range(0, len(todo), batch_size):
            chunk = todo[i : i + batch_size]
            enc = self.tokenizer(
                chunk, padding=True, truncation=True, max_length=256, return_tensors="pt"
            ).to(self.device)
            with torch.inference_mode():
                hidden = self.model(**enc).last_hidden_state
            mask = enc["attention_mask"].unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            pooled = torch.nn.functional.normalize(pooled, dim=-1).float().cpu().numpy()
            self._memo.update(zip(chunk, pooled))
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        return np.stack([self._memo[t] for t in texts])


@dataclass
class FakeEmbedder:
    """Bag-of-words hashing vectors: similar wording -> similar vectors. Records calls."""

    dim: int = 256
    info: ModelInfo = field(
        default_factory=lambda: ModelInfo("fake-embedder", "0" * 64, "fake", "cpu", "none", 1, 512)
    )
    history: list[tuple[str, ...]] | deque[tuple[str, ...]] = field(default_factory=list)

    def embed(self, texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
        self.history.append(tuple(texts))
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in re.findall(r"\w+", text.lower()):
                h = int.from_bytes(hashlib.blake2b(word.encode(), digest_size=4).digest(), "little")
                out[row, h % self.dim] += 1.0
            norm = np.linalg.norm(out[row])
            if norm:
                out[row] /= norm
        return out
