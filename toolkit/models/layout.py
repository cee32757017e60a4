"""Every path inside the Parallax cache folder, in one place.

```
CACHE/
  models/NAME/               a pulled pack (manifest.json, hf/, ct2-int8/)
  models/gguf-SHA16/         a GGUF file converted to a Hugging Face folder
  models/ct2-SHA16/ct2-int8/ the CTranslate2 int8 build of a local folder or GGUF
  hashes.json                weight hashes of local folders (by path, size and mtime)
  results.sqlite             finished batch reports by key
```
Building a layout touches nothing on disk.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..core.config import default_cache_root

__all__ = ["RESULTS_FILE", "CacheLayout", "default_cache_root"]

RESULTS_FILE = "results.sqlite"


@dataclass(frozen=True)
class CacheLayout:
    """The paths of one cache folder ``root``."""

    root: Path

    @classmethod
    def default(cls) -> CacheLayout:
        return cls(default_cache_root())

    @property
    def models(self) -> Path:
        return Path(self.root) / "models"

    def pack(self, name: str) -> Path:
        """Where the pack ``name`` is installed."""
        return self.models / name

    def pack_manifest(self, name: str) -> Path:
        return self.pack(name) / "manifest.json"

    def pack_ct2(self, name: str) -> Path:
        """The CTranslate2 int8 build of a pack."""
        return self.pack(name) / "ct2-int8"

    def gguf(self, digest: str) -> Path:
        """The Hugging Face folder converted from the GGUF file of sha256 ``digest``."""
        return self.models / f"gguf-{digest[:16]}"

    def ct2(self, sha256: str | None) -> Path:
        """The CTranslate2 int8 build of a local folder or GGUF file (by weight hash)."""
        return self.models / f"ct2-{(sha256 or 'unknown')[:16]}" / "ct2-int8"

    @property
    def hashes(self) -> Path:
        return Path(self.root) / "hashes.json"

    @property
    def results(self) -> Path:
        return Path(self.root) / RESULTS_FILE
