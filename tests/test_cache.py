"""The SQLite result cache and the run fingerprint behind its keys."""

from __future__ import annotations

import multiprocessing
import sqlite3
from dataclasses import replace

import pytest

from toolkit.backends.embedder import FakeEmbedder
from toolkit.backends.fake import FakeGenerator
from toolkit.cache import CacheError, ResultCache, cache_file, clear_cache, make_key
from toolkit.core.config import Settings


def test_put_get_replace_clear_and_stats(tmp_path):
    with ResultCache.in_dir(tmp_path) as cache:
        assert cache.get("k") is None
        cache.put("k", {"json": '{"a": "ß ۱۰۰"}\n', "html": "<p>x</p>", "tsv": "a\tb"}, 1.5)
        hit = cache.get("k")
        assert (hit.json, hit.html, hit.seconds) == ('{"a": "ß ۱۰۰"}\n', "<p>x</p>", 1.5)
        assert hit.reports["tsv"] == "a\tb"  # every batch format, not just json and html
        cache.put("k", {"json": "{}", "html": "<p>y</p>"}, 2.0)
        assert cache.get("k").html == "<p>y</p>" and "tsv" not in cache.get("k").reports
        cache.put("other", {"json": "{}"}, 0)
        stats = cache.stats()
        assert stats.entries == 2 and stats.bytes > 0 and stats.path == cache_file(tmp_path)
        assert cache.clear() == 2 and cache.get("k") is None
    with sqlite3.connect(cache_file(tmp_path)) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_cache_of_the_older_layout_is_emptied_not_refused(tmp_path):
    """Its keys pin older code, so none could hit again: the table is made anew."""
    with sqlite3.connect(cache_file(tmp_path)) as db:
        db.execute("CREATE TABLE results (key TEXT PRIMARY KEY, json BLOB NOT NULL, "
                   "html BLOB NOT NULL, seconds REAL NOT NULL, created REAL NOT NULL)")
        db.execute("INSERT INTO results VALUES ('k', x'00', x'00', 1.0, 1.0)")
        db.execute("PRAGMA user_version=1")
    with ResultCache.in_dir(tmp_path) as cache:
        assert cache.stats().entries == 0
        cache.put("k", {"json": "{}"}, 0)
        assert cache.get("k").json == "{}"


def test_make_key_is_canonical():
    assert make_key({"a": 1, "b": [1, 2]}) == make_key({"b": [1, 2], "a": 1})
    assert make_key({"a": 1}) != make_key({"a": 2})
    assert len(make_key({})) == 64


def test_a_corrupt_database_is_reported_and_clear_removes_it(tmp_path):
    cache_file(tmp_path).write_bytes(b"this is not a database" * 100)
    with pytest.raises(CacheError, match="parallax cache clear"):
        ResultCache.in_dir(tmp_path)
    assert clear_cache(tmp_path) == 0
    assert not cache_file(tmp_path).exists()
    with ResultCache.in_dir(tmp_path) as cache:  # usable again
        cache.put("k", {"json": "{}"}, 0)
    assert clear_cache(tmp_path) == 1
    assert clear_cache(tmp_path / "never-used") == 0


def _writer(folder: str, worker: int) -> None:
    with ResultCache.in_dir(folder) as cache:
        for i in range(40):
            cache.put(f"{worker}-{i}", {"json": "{}" * 200, "html": "<p>" * 200}, 0.1)
            assert cache.get(f"{worker}-{i}") is not None


def test_concurrent_writers_from_several_processes(tmp_path):
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_writer, args=(str(tmp_path), w)) for w in range(3)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
    assert [p.exitcode for p in procs] == [0, 0, 0]
    with ResultCache.in_dir(tmp_path) as cache:
        assert cache.stats().entries == 120


def test_fingerprint_records_what_changes_a_report(tmp_path):
    from toolkit.batch.fingerprint import cache_key, run_fingerprint

    s = Settings(cache_dir=str(tmp_path))
    gen, emb = FakeGenerator(), FakeEmbedder()
    base = run_fingerprint(s, gen, emb)
    assert base["generators"]["main"] == {"id": "fake", "sha256": "0" * 64, "backend": "fake"}
    assert base["embedder"]["id"] == "fake-embedder" and base["toolkit"] and len(base["code"]) == 64
    assert base["decoding"]["temperature"] == 0.0 and len(base["prompts_sha256"]) == 64
    assert base["metrics"]["chrf"].startswith("nrefs:1")
    key = cache_key(base, "a" * 64)
    assert key == cache_key(run_fingerprint(s, gen, emb), "a" * 64)
    assert key != cache_key(base, "b" * 64)
    for change in ({"temperature": 0.7}, {"max_new_tokens": 64}, {"strategies": ("fluent",)}, {"seed": 1},
                   {"sentences": 1}, {"summary_method": "extractive"}, {"alternatives": 2}):
        assert cache_key(run_fingerprint(replace(s, **change), gen, emb), "a" * 64) != key, change
    # threads do not change what the model says: more workers must not miss the cache
    assert cache_key(run_fingerprint(replace(s, threads=1), gen, emb), "a" * 64) == key
    other = FakeGenerator(info=replace(gen.info, sha256="1" * 64))
    assert cache_key(run_fingerprint(s, other, emb), "a" * 64) != key
    prompts = tmp_path / "prompts.toml"
    from toolkit.core.config import configs_dir

    prompts.write_text((configs_dir() / "prompts.toml").read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert cache_key(run_fingerprint(replace(s, prompts=str(prompts)), gen, emb), "a" * 64) != key


def test_fingerprint_resolves_models_without_loading_them(tmp_path, monkeypatch):
    """Configured models are identified through the registry (sha256 of the weights file only)."""
    from toolkit.batch.fingerprint import run_fingerprint

    folder = tmp_path / "my-model"
    folder.mkdir()
    (folder / "config.json").write_text("{}", encoding="utf-8")
    (folder / "model.safetensors").write_bytes(b"weights")

    def no_loading(*args, **kwargs):
        raise AssertionError("a model was loaded")

    monkeypatch.setattr("toolkit.backends.load_embedder", no_loading)
    monkeypatch.setattr("toolkit.backends.load_generator", no_loading)
    s = Settings(cache_dir=str(tmp_path / "cache"), generator=str(folder), embedder=str(folder), backend="transformers")
    fp = run_fingerprint(s)
    import hashlib

    assert fp["generators"]["main"]["sha256"] == hashlib.sha256(b"weights").hexdigest()
    assert fp["embedder"]["sha256"] == hashlib.sha256(b"weights").hexdigest()
