"""Hashing and atomic file helpers for model files."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from pathlib import Path

from .layout import CacheLayout

_WEIGHT_SUFFIXES = (".safetensors", ".bin", ".gguf", ".pt", ".pth")


def sha256_files(paths: Iterable[Path], chunk: int = 1 << 22) -> str:
    """Return the sha256 of the concatenation of ``paths``, streamed."""
    h = hashlib.sha256()
    for p in paths:
        with open(p, "rb") as f:
            while block := f.read(chunk):
                h.update(block)
    return h.hexdigest()


def folder_sha256(folder: Path, cache: Path) -> str:
    """Return the sha256 of a model folder's weight files, memoized by size and mtime."""
    weights = sorted(p for p in folder.iterdir() if p.suffix in _WEIGHT_SUFFIXES and p.is_file())
    key = json.dumps([[str(p.resolve()), p.stat().st_size, p.stat().st_mtime_ns] for p in weights])
    memo_path = CacheLayout(cache).hashes
    try:
        memo = json.loads(memo_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        memo = {}
    if key in memo:
        return memo[key]
    digest = sha256_files(weights)
    memo[key] = digest
    try:
        atomic_write_text(memo_path, json.dumps(memo))
    except OSError:
        pass  # a read-only cache only costs a re-hash next time
    return digest


def atomic_write_text(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file and a rename (never half-written)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
