"""The openai engine against scripted servers: retries, errors, concurrency, the key kept secret.

A scripted server (httpx's ``MockTransport``) plays the faults a real one shows rarely: 429 and
5xx answers, a rejected key, an unknown model, an answer that never comes. The engine against a
real llama.cpp server is in ``test_openai_server.py``.
"""

from __future__ import annotations

import json
import re
import socket
import threading
import time
from dataclasses import replace

import httpx
import pytest
from typer.testing import CliRunner

from toolkit.backends.base import Decoding, Generation, Prompt, TokenScores
from toolkit.backends.openai_backend import (
    OpenAIGenerator,
    api_key,
    normalize_base_url,
    server_host,
)
from toolkit.cli import app
from toolkit.core.config import Settings, load_settings
from toolkit.core.errors import ConfigError, GenerationError, ModelUnavailable, NotSupported

KEY = "sk-test-0123456789abcdef"
URL = "http://user:pw@127.0.0.1:9/v1"


class Server:
    """A scripted OpenAI-compatible server: answers from ``script`` (path -> list of answers),
    then from ``default``; records every request in ``requests``."""

    def __init__(self, models=("tiny",), key: str | None = None, delay: float = 0.0,
                 tokenize: bool = False) -> None:
        self.models, self.key, self.delay, self.tokenize = models, key, delay, tokenize
        self.requests: list[tuple[str, dict, dict]] = []
        self.script: dict[str, list] = {}
        self.lock = threading.Lock()
        self.active = self.peak = 0

    def queue(self, path: str, *answers) -> Server:
        self.script.setdefault(path, []).extend(answers)
        return self

    def __call__(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path
        body = json.loads(request.content) if request.content else {}
        with self.lock:
            self.requests.append((path, body, dict(request.headers)))
            self.active += 1
            self.peak = max(self.peak, self.active)
            scripted = self.script.get(path, [])
            answer = scripted.pop(0) if scripted else None
        try:
            if self.delay:
                time.sleep(self.delay)
            if isinstance(answer, Exception):
                raise answer
            if isinstance(answer, httpx.Response):
                return answer
            if self.key and request.headers.get("authorization") != f"Bearer {self.key}":
                return httpx.Response(401, json={"error": {"message": "Incorrect API key provided: "
                                                           + request.headers.get("authorization", "")}})
            if path == "/v1/models":
                return httpx.Response(200, json={"data": [{"id": m} for m in self.models]})
            if path == "/v1/chat/completions":
                return httpx.Response(200, json=self.chat(body))
            if path == "/tokenize" and self.tokenize and "content" in body:  # llama.cpp's form
                return httpx.Response(200, json={"tokens": list(range(len(body["content"].split())))})
            return httpx.Response(404, json={"detail": "Not Found"})
        finally:
            with self.lock:
                self.active -= 1

    @staticmethod
    def chat(body: dict) -> dict:
        user = body["messages"][-1]["content"]
        words = user.split()
        budget = body["max_tokens"]
        reply = words[:budget]
        return {"model": body["model"],
                "choices": [{"message": {"role": "assistant", "content": " " + " ".join(reply) + " "},
                             "finish_reason": "length" if len(words) > budget else "stop"}],
                "usage": {"prompt_tokens": len(words) + 3, "completion_tokens": len(reply)}}

    def chats(self) -> list[dict]:
        return [body for path, body, _ in self.requests if path == "/v1/chat/completions"]


def engine(server: Server, **kwargs) -> OpenAIGenerator:
    kwargs.setdefault("backoff", 0.001)
    return OpenAIGenerator(kwargs.pop("url", URL), kwargs.pop("model", "tiny"),
                           transport=httpx.MockTransport(server), **kwargs)


PROMPTS = [Prompt("one two three four five six", "sys", 3), Prompt("alpha beta", "sys"),
           Prompt("x " * 30, "", 5)]


def test_generate_returns_replies_in_order_with_budgets_and_finish_reasons():
    server = Server()
    gen = engine(server, concurrency=3)
    out = gen.generate(PROMPTS, Decoding(max_new_tokens=10, temperature=0.0, seed=7))
    assert all(isinstance(g, Generation) for g in out)
    assert [g.text for g in out] == ["one two three", "alpha beta", "x x x x x"]  # stripped
    assert [g.finish_reason for g in out] == ["length", "stop", "length"]
    assert [(g.prompt_tokens, g.new_tokens) for g in out] == [(9, 3), (5, 2), (33, 5)]
    bodies = sorted(server.chats(), key=lambda b: b["messages"][-1]["content"])
    by_user = {b["messages"][-1]["content"]: b for b in bodies}
    first = by_user[PROMPTS[0].user]
    assert first["max_tokens"] == 3 and by_user["alpha beta"]["max_tokens"] == 10
    assert first["messages"] == [{"role": "system", "content": "sys"},
                                 {"role": "user", "content": PROMPTS[0].user}]
    assert first["temperature"] == 0.0 and first["seed"] == 7 and "top_p" not in first
    assert by_user[PROMPTS[2].user]["messages"] == [{"role": "user", "content": PROMPTS[2].user}]


def test_sampling_sends_temperature_top_p_and_seed():
    server = Server()
    engine(server).generate([Prompt("a b")], Decoding(temperature=0.7, top_p=0.9, seed=3))
    body = server.chats()[0]
    assert (body["temperature"], body["top_p"], body["seed"]) == (0.7, 0.9, 3)


def test_requests_in_flight_never_exceed_the_bound():
    server = Server(delay=0.05)
    gen = engine(server, concurrency=2)
    prompts = [Prompt(f"p{i} a b") for i in range(8)]
    out = gen.generate(prompts, Decoding())
    assert [g.text for g in out] == [f"p{i} a b" for i in range(8)]
    assert server.peak == 2
    # the bound holds across callers of one engine, not only within one call
    server.peak = 0
    threads = [threading.Thread(target=gen.generate, args=(prompts[:4], Decoding())) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert server.peak == 2


def test_429_and_5xx_are_retried_then_succeed():
    server = Server()
    server.queue("/v1/chat/completions",
                 httpx.Response(429, headers={"retry-after": "0"}, json={"error": "slow down"}),
                 httpx.Response(503, text="overloaded"),
                 httpx.Response(500, json={"error": {"message": "boom"}}))
    out = engine(server).generate([Prompt("a b c")], Decoding())
    assert out[0].text == "a b c"
    assert len(server.chats()) == 4


def test_a_dropped_connection_mid_run_is_retried():
    server = Server()
    server.queue("/v1/chat/completions", httpx.RemoteProtocolError("server disconnected"))
    assert engine(server).generate([Prompt("a b")], Decoding())[0].text == "a b"


def test_persistent_5xx_gives_up_with_one_line():
    server = Server()
    server.queue("/v1/chat/completions", *[httpx.Response(502, text="bad\ngateway")] * 10)
    with pytest.raises(GenerationError) as err:
        engine(server, retries=2).generate([Prompt("a")], Decoding())
    assert "HTTP 502 after 3 attempts" in str(err.value) and "\n" not in str(err.value)
    assert len(server.chats()) == 3


def test_a_timeout_is_one_line_and_not_retried():
    server = Server()
    server.queue("/v1/chat/completions", httpx.ReadTimeout("timed out"))
    with pytest.raises(GenerationError, match=r"no answer within 5 s.*request_timeout"):
        engine(server, timeout=5).generate([Prompt("a")], Decoding())
    assert len(server.chats()) == 1


def test_unknown_model_names_what_the_server_serves():
    with pytest.raises(ModelUnavailable, match=r"does not serve model 'nope'; it serves: a, b"):
        engine(Server(models=("a", "b")), model="nope")
    # Ollama lists name:latest
    assert engine(Server(models=("llama3:latest",)), model="llama3").info.id == "llama3:latest"


def test_a_server_without_a_model_list_reports_404_on_first_use():
    server = Server()
    server.queue("/v1/models", httpx.Response(404, json={"detail": "Not Found"}))
    server.queue("/v1/chat/completions", httpx.Response(404, json={"error": {"message": "model 'x' not found"}}))
    gen = engine(server, model="x")
    with pytest.raises(ModelUnavailable, match=r"HTTP 404 for /v1/chat/completions with model 'x'.*--base-url"):
        gen.generate([Prompt("a")], Decoding())


def test_a_refused_key_is_one_line_and_never_shows_the_key():
    server = Server(key="the-right-key")
    with pytest.raises(ModelUnavailable) as err:
        engine(server, api_key=KEY, url="http://127.0.0.1:9/v1")
    message = str(err.value)
    assert "HTTP 401" in message and "PARALLAX_API_KEY" in message
    assert KEY not in message and "***" in message  # the server echoed it; redacted
    with pytest.raises(ModelUnavailable, match="needs an API key"):
        engine(server, url="http://127.0.0.1:9/v1")
    # user:password in the URL is basic auth, never shown (nor its base64 a server echoes)
    with pytest.raises(ModelUnavailable) as err:
        engine(server)
    assert "pw" not in str(err.value) and "dXNlcjpwdw" not in str(err.value)
    assert server.requests[-1][2]["authorization"].startswith("Basic ")


def test_the_key_is_sent_but_never_recorded():
    server = Server(key=KEY)
    gen = engine(server, api_key=KEY)
    gen.generate([Prompt("a b")], Decoding())
    assert {h["authorization"] for _, _, h in server.requests} == {f"Bearer {KEY}"}
    assert KEY not in repr(gen) and KEY not in repr(gen.info)
    assert gen.info.id == "tiny" and gen.info.backend == "openai"
    assert gen.info.device == "127.0.0.1:9"  # the host, without the URL's user and password
    assert "pw" not in repr(gen.info)


def test_connection_refused_is_one_line():
    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(ModelUnavailable, match=rf"cannot reach the server at http://127.0.0.1:{port}/v1"):
        OpenAIGenerator(f"http://127.0.0.1:{port}", "tiny")


def test_base_url_forms():
    assert normalize_base_url("http://h:8080") == "http://h:8080/v1"
    assert normalize_base_url("http://h:8080/") == "http://h:8080/v1"
    assert normalize_base_url("https://api.example.com/openai/v1/") == "https://api.example.com/openai/v1"
    assert server_host("http://u:secret@h:8080/v1") == "h:8080"
    for bad in ("", "ftp://h", "localhost:8080", "http://"):
        with pytest.raises(ConfigError):
            normalize_base_url(bad)


def test_key_from_the_environment():
    assert api_key({"OPENAI_API_KEY": "a"}) == "a"
    assert api_key({"OPENAI_API_KEY": "a", "PARALLAX_API_KEY": "b"}) == "b"
    assert api_key({"OPENAI_API_KEY": "  "}) is None


def test_a_looping_reply_at_its_budget_is_reported_as_repetition():
    server = Server()
    loop = {"choices": [{"message": {"content": "the end is " + "near and far " * 20},
                         "finish_reason": "length"}], "usage": {"prompt_tokens": 3, "completion_tokens": 64}}
    server.queue("/v1/chat/completions", httpx.Response(200, json=loop))
    assert engine(server).generate([Prompt("a")], Decoding())[0].finish_reason == "repetition"


def test_count_tokens_uses_the_server_tokenizer_or_says_it_estimates():
    server = Server(tokenize=True)
    gen = engine(server)
    assert gen.count_tokens(["three tokens here", "one", "a b c d e"]) == [3, 1, 5]
    asked = [b for p, b, _ in server.requests if p == "/tokenize"]
    assert len(asked) == 4 and asked[1:] and all(b["add_special"] is False for b in asked)
    plain = engine(Server())  # no tokenize endpoint anywhere: 1 token per 3 characters, rounded up
    assert plain.count_tokens(["abcdefg", ""]) == [3, 0]


def _pieces(text: str) -> list[str]:
    return re.findall(r"<[^>]+>|\s*[^\s<]+|\s+", text)


def _logprob(token: str) -> float:
    return -round(0.25 * len(token.strip()), 2)


class EchoServer(Server):
    """Answers ``/v1/completions`` with echo the way servers do: ``aligned`` (vLLM), ``shifted``
    (each token paired with the distribution after it) or ``generated`` (llama-server: the
    generated token only)."""

    def __init__(self, mode: str) -> None:
        super().__init__()
        self.mode = mode

    def __call__(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path
        body = json.loads(request.content) if request.content else {}
        if path != "/v1/completions":
            return super().__call__(request)
        self.requests.append((path, body, dict(request.headers)))
        tokens = _pieces(body["prompt"]) + [" X"]
        values = [None] + [_logprob(t) for t in tokens[1:]]
        if self.mode == "aligned":
            tops = [None] + [{t: v} for t, v in zip(tokens[1:], values[1:])]
        else:  # each entry holds the distribution that predicts the *next* token
            tops = [None] + [{t: v, nxt: -0.01} for t, v, nxt in zip(tokens[1:], values[1:], tokens[2:] + ["?"])]
        if self.mode == "generated":
            tokens, values, tops = tokens[-1:], values[-1:], tops[-1:]
        return httpx.Response(200, json={
            "choices": [{"text": body["prompt"] + " X", "logprobs": {
                "tokens": tokens, "token_logprobs": values, "top_logprobs": tops}}],
            "usage": {"prompt_tokens": len(tokens) - 1, "completion_tokens": 1}})


class Turns:
    """A chat template: ``<role>content</role>`` turns; the reply ends with ``</a>`` and a newline."""

    def turn(self, prompt: Prompt, reply: str) -> tuple[str, int]:
        text = "".join(f"<{m['role']}>{m['content']}</{m['role']}>" for m in prompt.messages())
        return f"{text}<a>{reply}</a>\n", 2


def test_score_returns_the_reply_tokens_and_the_end_of_turn():
    server = EchoServer("aligned")
    gen = engine(server, chat=Turns())
    assert gen.can_score
    scores = gen.score([Prompt("hi there", "sys"), Prompt("hi"), Prompt("q")], ["Hello, world!", "Yes", ""])
    assert scores[0] == TokenScores(("Hello,", " world!", "</a>"), (-1.5, -1.5, -1.0))
    assert scores[1] == TokenScores(("Yes", "</a>"), (-0.75, -1.0))
    assert scores[2] == TokenScores(("</a>",), (-1.0,))  # an empty reply: only the end of the turn
    assert scores[0].total == -4.0 and scores[0].mean == pytest.approx(-4 / 3)
    prompts = [b["prompt"] for p, b, _ in server.requests if p == "/v1/completions"]
    assert "<system>sys</system><user>hi there</user><a>Hello, world!</a>\n" in prompts
    assert all(b["echo"] is True and b["logprobs"] >= 1 and b["max_tokens"] == 1
               for p, b, _ in server.requests if p == "/v1/completions")
    assert TokenScores((), ()).mean == 0.0 and TokenScores((), ()).total == 0


def test_score_refuses_what_it_cannot_do_right():
    for mode, why in (("shifted", "wrong log-probabilities"), ("generated", "no log-probabilities of the prompt")):
        gen = engine(EchoServer(mode), chat=Turns())
        assert not gen.can_score
        with pytest.raises(NotSupported, match=why):
            gen.score([Prompt("q")], ["reply"])
    gen = engine(Server(), model="tiny")  # no local pack of that name: no chat template
    assert not gen.can_score
    with pytest.raises(NotSupported, match="chat template"):
        gen.score([Prompt("q")], ["reply"])


def test_settings_keys_and_environment(monkeypatch, tmp_path):
    cfg = tmp_path / "server.toml"
    cfg.write_text('[model]\ngenerator = "qwen2.5:0.5b"\n[runtime]\nbackend = "openai"\n'
                   'base_url = "http://10.0.0.5:11434/v1"\nrequest_timeout = 30\n')
    s, origins = load_settings(cfg, env={})
    assert (s.backend, s.base_url, s.request_timeout) == ("openai", "http://10.0.0.5:11434/v1", 30.0)
    s, origins = load_settings(cfg, env={"PARALLAX_BASE_URL": "http://h:1"})
    assert s.base_url == "http://h:1" and origins["base_url"] == "$PARALLAX_BASE_URL"
    with pytest.raises(ConfigError, match="request_timeout"):
        load_settings(None, env={"PARALLAX_REQUEST_TIMEOUT": "0"})


def test_batch_fingerprint_names_model_and_host_never_the_key(monkeypatch):
    from toolkit.batch.fingerprint import run_fingerprint

    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    settings = replace(Settings(), backend="openai", generator="tiny", embedder="fake",
                       base_url="http://user:pw@127.0.0.1:8080/v1")
    fp = run_fingerprint(settings)
    assert fp["generators"]["main"] == {"id": "tiny", "sha256": None, "backend": "openai",
                                        "host": "127.0.0.1:8080"}
    text = json.dumps(fp)
    assert KEY not in text and "pw" not in text
    other = run_fingerprint(replace(settings, base_url="http://127.0.0.1:8081/v1"))
    assert other["generators"] != fp["generators"]


def test_cli_refused_connection_and_missing_url_are_one_line(tmp_path, sample_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    runner = CliRunner()
    out = tmp_path / "r.json"
    result = runner.invoke(app, ["compare", str(sample_path), "--backend", "openai", "--model", "m",
                                 "--base-url", f"http://127.0.0.1:{port}", "--embedder", "fake",
                                 "-o", str(out), "-q"])
    assert result.exit_code == 3, result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert lines == [f"parallax: error: cannot reach the server at http://127.0.0.1:{port}/v1 "
                     "(connection refused); is it running? (--base-url / PARALLAX_BASE_URL)"]
    assert not out.exists()
    result = runner.invoke(app, ["summarize", str(sample_path), "--backend", "openai", "-q"])
    assert result.exit_code == 2 and "--base-url URL or PARALLAX_BASE_URL" in result.output


def test_plugins_lists_the_openai_engine():
    result = CliRunner().invoke(app, ["plugins", "--json"])
    assert result.exit_code == 0, result.output
    engines = {e["name"]: e["origin"] for e in json.loads(result.output)["registries"]["generation engines"]}
    assert engines["openai"] == "builtin" and {"ct2", "transformers"} <= set(engines)


def test_reply_entries_when_usage_counts_a_generated_token_the_echo_leaves_out():
    from toolkit.backends.openai_backend import _reply_entries

    # llama-cpp-python: completion_tokens 1 (an end-of-text token), not listed in the echo
    data = {"choices": [{"logprobs": {"tokens": ["<a>", "Ban", "ana", ".", "", "\n"],
                                      "token_logprobs": [None, -1.0, -2.0, -3.0, -0.5, -0.1]}}],
            "usage": {"completion_tokens": 1}}
    entries, end = _reply_entries(data, "Banana.", after=2)
    assert [t for t, _, _ in entries] == ["Ban", "ana", "."] and end[:2] == ("", -0.5)
