"""The openai engine against a real server: llama-cpp-python's OpenAI-compatible server (llama.cpp
inside) started by the tests, serving the tiny pack's GGUF with an API key.

CI installs the server in ``.ci/run`` (``pip install 'llama-cpp-python[server]'``, built from
source once and then reused from pip's wheel cache); ``python -m pytest`` never skips these tests.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from test_backends import PROMPTS  # the prompts the local engines are tested with
from typer.testing import CliRunner

from toolkit.backends.base import Decoding, Generation, Prompt, TokenScores
from toolkit.backends.openai_backend import OpenAIGenerator
from toolkit.cli import app
from toolkit.core.config import Settings
from toolkit.core.errors import ModelUnavailable

pytestmark = pytest.mark.integration

MODEL = "smollm2-135m"
KEY = "sk-parallax-test-5a1b2c3d"
STARTUP_SECONDS = 180

ARTICLE = """Flights resume between Moscow and Baku

The airline said on Monday that 12 flights a week will run between Moscow and Baku from May.

Tickets went on sale yesterday, and the first flight leaves on 3 May with 150 passengers.
"""


def _tiny_gguf() -> Path:
    from toolkit.models.packs import locate
    from toolkit.models.registry import PACKS

    pack = PACKS[MODEL]
    if len(pack.parts) != 1:
        pytest.fail(f"{MODEL}: expected one GGUF part, found {len(pack.parts)}")
    try:
        return locate(*pack.parts[0])
    except ModelUnavailable as exc:
        pytest.fail(f"{exc}: run `parallax models pull {MODEL}`")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> str:
    """Start llama-cpp-python's server on a free port; yield its base URL; stop it."""
    try:
        import llama_cpp.server  # noqa: F401
    except ImportError:
        pytest.fail("the real-server tests need llama-cpp-python's server: "
                    "pip install 'llama-cpp-python[server]==0.3.36' (see .ci/run)")
    port = _free_port()
    log = tmp_path_factory.mktemp("llama-server") / "server.log"
    cmd = [sys.executable, "-m", "llama_cpp.server", "--model", str(_tiny_gguf()),
           "--model_alias", MODEL, "--n_ctx", "4096", "--n_threads", "2", "--seed", "0",
           "--host", "127.0.0.1", "--port", str(port), "--api_key", KEY]
    env = {k: v for k, v in os.environ.items() if k not in ("OPENAI_API_KEY", "PARALLAX_API_KEY")}
    with open(log, "wb") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=env)
    url = f"http://127.0.0.1:{port}/v1"
    deadline = time.monotonic() + STARTUP_SECONDS
    try:
        while True:
            if proc.poll() is not None:
                pytest.fail(f"the server exited ({proc.returncode}): {log.read_text()[-2000:]}")
            try:
                if httpx.get(url + "/models", headers={"Authorization": f"Bearer {KEY}"},
                             timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"the server did not answer in {STARTUP_SECONDS} s: {log.read_text()[-2000:]}")
            time.sleep(0.5)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture
def keyed(monkeypatch):
    """The key in the environment, and short replies: these tests check the plumbing, not text."""
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    monkeypatch.setenv("PARALLAX_MAX_NEW_TOKENS", "48")
    monkeypatch.setenv("PARALLAX_SUGGEST_SAMPLES", "0")


def _engine(url: str, **kwargs) -> OpenAIGenerator:
    from toolkit.core.config import Settings

    return OpenAIGenerator(url, MODEL, api_key=KEY, cache=Settings().cache_path(), **kwargs)


def test_the_server_engine_returns_what_the_local_engines_return(server):
    """The engine test the local engines pass (test_backends), against the same pack on a server:
    same prompt tokens (the server applies the same chat template), budgets, finish reasons."""
    from sacrebleu.metrics import CHRF

    from toolkit.backends.ct2_backend import CT2Generator
    from toolkit.models.registry import resolve_model

    cache = Settings().cache_path()
    decoding = Decoding(max_new_tokens=24, batch_size=2)
    gen = _engine(server)
    remote = gen.generate(PROMPTS, decoding)
    local_gen = CT2Generator(resolve_model(MODEL, cache), device="cpu", threads=2, cache=cache)
    local = local_gen.generate(PROMPTS, decoding)
    assert len(remote) == len(PROMPTS) and all(isinstance(g, Generation) for g in remote)
    assert remote[1].finish_reason == "length" and remote[1].new_tokens == 6
    assert all(g.new_tokens <= (p.max_new_tokens or 24) for g, p in zip(remote, PROMPTS))
    assert all(g.finish_reason in ("stop", "length") and g.text for g in remote)
    assert [g.prompt_tokens for g in remote] == [g.prompt_tokens for g in local]
    assert gen.count_tokens(["Baku airport", "the minister say"]) == local_gen.count_tokens(
        ["Baku airport", "the minister say"])
    chrf = CHRF()
    scores = [chrf.sentence_score(r.text, [g.text]).score for r, g in zip(remote, local)]
    assert sum(scores) / len(scores) >= 50, (scores, remote, local)
    # what a run signature records: the server's model id and host, no weights hash, no key
    assert (gen.info.id, gen.info.backend, gen.info.device) == (MODEL, "openai", server.split("/")[2])
    assert gen.info.context_length == 4096 or gen.info.context_length > 0


def test_concurrent_requests_keep_order_and_sampling_is_seeded(server):
    gen = _engine(server, concurrency=3)
    prompts = [Prompt(f"Write one short sentence about the number {i}.") for i in range(5)]
    greedy = Decoding(max_new_tokens=12)
    together = gen.generate(prompts, greedy)
    alone = [gen.generate([p], greedy)[0] for p in prompts]
    assert [g.text for g in together] == [g.text for g in alone]
    sampled = Decoding(max_new_tokens=16, temperature=1.0, top_p=0.95, seed=11)
    first, again = gen.generate(prompts[:2], sampled), gen.generate(prompts[:2], sampled)
    assert [g.text for g in first] == [g.text for g in again]
    others = [gen.generate(prompts[:2], Decoding(max_new_tokens=16, temperature=1.0, seed=s))
              for s in (12, 13, 14)]
    assert any([g.text for g in o] != [g.text for g in first] for o in others)


def test_score_matches_the_models_own_log_likelihood(server):
    """The server's log-probabilities of a reply and its end of turn equal transformers' on the
    same weights (the template comes from the local pack of the same name)."""
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    from toolkit.models.registry import resolve_model

    gen = _engine(server)
    assert gen.can_score
    prompt = PROMPTS[2]
    replies = ["The capital of France is Paris.", "Banana telephone quickly purple."]
    scores = gen.score([prompt] * 2, replies)
    assert all(isinstance(s, TokenScores) for s in scores)
    assert ["".join(s.tokens[:-1]).strip() for s in scores] == replies  # then the end of turn
    assert scores[0].mean > scores[1].mean + 1  # a sensible answer against nonsense
    assert gen.score([], []) == []

    ref = resolve_model(MODEL, Settings().cache_path())
    tok = AutoTokenizer.from_pretrained(ref.path)
    model = AutoModelForCausalLM.from_pretrained(ref.path, dtype=torch.float32).eval()
    for reply, got in zip(replies, scores):
        messages = prompt.messages()
        prefix = tok.apply_chat_template(messages, add_generation_prompt=True, tokenize=False)
        whole = tok.apply_chat_template([*messages, {"role": "assistant", "content": reply}], tokenize=False)
        ids = tok(whole, add_special_tokens=False, return_tensors="pt")["input_ids"]
        start = len(tok(prefix, add_special_tokens=False)["input_ids"])
        with torch.no_grad():
            logits = model(ids).logits[0].log_softmax(-1)
        want = [logits[i - 1, ids[0, i]].item() for i in range(start, start + len(got.logprobs))]
        assert tok.convert_ids_to_tokens(int(ids[0, start + len(got.logprobs) - 1])) == "<|im_end|>"
        # Q4_1 weights in llama.cpp against the same weights dequantized to bf16
        assert abs(sum(want) - got.total) <= 0.1 * len(want) + 0.5, (reply, want, got)


def test_unknown_model_and_wrong_key_on_the_real_server(server):
    with pytest.raises(ModelUnavailable, match=f"does not serve model 'gpt-4o'; it serves: {MODEL}"):
        OpenAIGenerator(server, "gpt-4o", api_key=KEY)
    with pytest.raises(ModelUnavailable, match="HTTP 401, the key in PARALLAX_API_KEY"):
        OpenAIGenerator(server, MODEL, api_key="sk-wrong")
    with pytest.raises(ModelUnavailable, match="HTTP 401, it needs an API key"):
        OpenAIGenerator(server, MODEL)


def test_cli_compare_on_the_server_records_model_and_host_never_the_key(server, keyed, tmp_path,
                                                                        monkeypatch):
    monkeypatch.setenv("PARALLAX_SUGGEST", "false")  # scoring has its own test above
    article = tmp_path / "flights.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "report.json"
    result = CliRunner().invoke(app, [
        "compare", str(article), "--backend", "openai", "--base-url", server, "--model", MODEL,
        "--embedder", "fake", "--strategies", "post-edit", "--sentences", "1", "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert KEY not in text and KEY not in result.output
    report = json.loads(text)
    signature = report["signature"]
    host = server.split("/")[2]
    assert signature["models"]["generator"] == {"id": MODEL, "sha256": None, "backend": "openai",
                                                "dtype": "server"}
    assert f"gen:{MODEL}@unknown/openai-server" in signature["text"]
    assert f"dev:{host}x" in signature["text"]
    alternatives = [a for s in report["sections"] for p in s["paragraphs"] for a in p["alternatives"]]
    assert alternatives and all(a["text"] for a in alternatives)


def test_batch_with_ray_workers_shares_one_server(server, keyed, tmp_path, monkeypatch):
    pytest.importorskip("ray", reason="Ray is an optional extra: pip install 'parallax-toolkit[ray]'")
    monkeypatch.delenv("RAY_ADDRESS", raising=False)
    in_dir = tmp_path / "in"
    in_dir.mkdir()
    for i in range(2):
        (in_dir / f"a{i}.txt").write_text(ARTICLE.replace("12 flights", f"{12 + i} flights"), encoding="utf-8")
    out = tmp_path / "out"
    cache = tmp_path / "cache"
    monkeypatch.setenv("PARALLAX_CACHE_DIR", str(cache))
    args = ["batch", str(in_dir), "-o", str(out), "--engine", "ray", "--workers", "2",
            "--backend", "openai", "--base-url", server, "--model", MODEL, "--embedder", "fake",
            "--strategies", "post-edit", "--sentences", "1", "--format", "json"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "done 2, cached 0, failed 0" in result.stderr
    reports = sorted(out.glob("a*.json"))
    assert [p.name for p in reports] == ["a0.txt.json", "a1.txt.json"]
    for path in reports:
        report = json.loads(path.read_text(encoding="utf-8"))
        assert report["signature"]["models"]["generator"]["backend"] == "openai"
        assert KEY not in path.read_text(encoding="utf-8")
    # the cache is keyed by the model id and host: a second run computes nothing
    again = CliRunner().invoke(app, args)
    assert again.exit_code == 0, again.output
    assert "done 0, cached 2, failed 0" in again.stderr
    stored = b"".join(p.read_bytes() for p in cache.rglob("*") if p.is_file())
    assert KEY.encode() not in stored
