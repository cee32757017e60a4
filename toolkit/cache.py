"""The result cache of batch runs: one SQLite file under the cache dir, keyed by content hashes.

A key is the sha256 of everything that changes an article's report (see
:func:`toolkit.batch.fingerprint.run_fingerprint`); the value is the finished report in every
batch format (JSON, HTML and any registered with ``batch=True``), as text (zlib-compressed JSON
of format -> text). Storing rendered text rather than pickled result objects keeps entries valid
across Python versions and safe to load; the key already pins the toolkit version and code, so a
renderer change is a cache miss, never a stale page.

The database runs in WAL mode and every write is one short transaction, so several batch runs
(or a run and ``parallax cache info``) can use it at once.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Self

from .core.errors import ParallaxError
from .models.layout import RESULTS_FILE, CacheLayout

FILENAME = RESULTS_FILE
_SCHEMA_VERSION = 2  # 2: every batch format in one column (1: json and html columns)
_BUSY_TIMEOUT_S = 30.0


class CacheError(ParallaxError):
    """The cache database cannot be opened or used (corrupt, read-only, locked too long)."""


@dataclass(frozen=True)
class CachedReport:
    reports: dict[str, str]  # format -> text
    seconds: float  # how long the model work took when the entry was made
    created: float  # Unix time

    @property
    def json(self) -> str | None:
        return self.reports.get("json")

    @property
    def html(self) -> str | None:
        return self.reports.get("html")


@dataclass(frozen=True)
class CacheStats:
    path: Path
    entries: int
    bytes: int  # on disk, database + write-ahead log


def make_key(parts: Mapping[str, Any]) -> str:
    """Return the sha256 of ``parts`` as canonical JSON (sorted keys, no whitespace)."""
    blob = json.dumps(parts, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def cache_file(cache_dir: Path) -> Path:
    return CacheLayout(Path(cache_dir)).results


class ResultCache:
    """Finished reports by key. Open it in the process that writes the outputs, and close it."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, timeout=_BUSY_TIMEOUT_S, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            version = self._db.execute("PRAGMA user_version").fetchone()[0]
            if 0 < version < _SCHEMA_VERSION:  # an older layout: its keys pin older code, so
                self._db.execute("DROP TABLE IF EXISTS results")  # none could hit again
                version = 0
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, reports BLOB NOT NULL, "
                "seconds REAL NOT NULL, created REAL NOT NULL)"
            )
            if version == 0:
                self._db.execute(f"PRAGMA user_version={_SCHEMA_VERSION}")
            elif version != _SCHEMA_VERSION:
                raise CacheError(
                    f"{self.path}: written by another Parallax version (cache format {version}); "
                    "run: parallax cache clear"
                )
        except (sqlite3.Error, OSError) as exc:
            raise CacheError(f"{self.path}: cannot use the result cache ({exc}); "
                             "run: parallax cache clear") from None

    @classmethod
    def in_dir(cls, cache_dir: Path) -> ResultCache:
        return cls(cache_file(cache_dir))

    def get(self, key: str) -> CachedReport | None:
        try:
            row = self._db.execute("SELECT reports, seconds, created FROM results WHERE key = ?",
                                   (key,)).fetchone()
        except sqlite3.Error as exc:
            raise CacheError(f"{self.path}: cannot read the result cache ({exc})") from None
        if row is None:
            return None
        try:
            reports = json.loads(_unpack(row[0]))
        except (zlib.error, UnicodeDecodeError, ValueError):
            return None  # a damaged entry is a miss; the next put replaces it
        if not isinstance(reports, dict) or not all(isinstance(v, str) for v in reports.values()):
            return None
        return CachedReport(reports, float(row[1]), float(row[2]))

    def put(self, key: str, reports: Mapping[str, str], seconds: float) -> None:
        """Store the finished report of ``key`` in every format it was rendered in."""
        blob = _pack(json.dumps(dict(reports), ensure_ascii=False))
        try:
            with self._db:  # BEGIN ... COMMIT, one short transaction
                self._db.execute("BEGIN IMMEDIATE")
                self._db.execute(
                    "INSERT OR REPLACE INTO results (key, reports, seconds, created) "
                    "VALUES (?, ?, ?, ?)",
                    (key, blob, float(seconds), time.time()),
                )
        except sqlite3.Error as exc:
            raise CacheError(f"{self.path}: cannot write the result cache ({exc})") from None

    def clear(self) -> int:
        """Delete every entry; return how many there were."""
        try:
            with self._db:
                self._db.execute("BEGIN IMMEDIATE")
                n = self._db.execute("SELECT COUNT(*) FROM results").fetchone()[0]
                self._db.execute("DELETE FROM results")
            self._db.execute("VACUUM")
        except sqlite3.Error as exc:
            raise CacheError(f"{self.path}: cannot clear the result cache ({exc})") from None
        return int(n)

    def stats(self) -> CacheStats:
        try:
            n = self._db.execute("SELECT COUNT(*) FROM results").fetchone()[0]
        except sqlite3.Error as exc:
            raise CacheError(f"{self.path}: cannot read the result cache ({exc})") from None
        size = sum(p.stat().st_size for p in _files(self.path) if p.exists())
        return CacheStats(self.path, int(n), size)

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def clear_cache(cache_dir: Path) -> int:
    """Empty the cache in ``cache_dir``; a database too damaged to open is deleted instead."""
    path = cache_file(cache_dir)
    if not path.exists():
        return 0
    try:
        with ResultCache(path) as cache:
            return cache.clear()
    except CacheError:
        for p in _files(path):
            p.unlink(missing_ok=True)
        return 0


def _files(path: Path) -> list[Path]:
    return [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")]


def _pack(text: str) -> bytes:
    return zlib.compress(text.encode("utf-8", "surrogatepass"), 6)


def _unpack(blob: bytes) -> str:
    return zlib.decompress(blob).decode("utf-8", "surrogatepass")
