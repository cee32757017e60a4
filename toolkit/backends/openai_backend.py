"""Generate with any OpenAI-compatible chat-completions server: llama.cpp, Ollama, vLLM, LM Studio
or a hosted API.

The server holds the model and applies its chat template; this engine sends one chat request per
prompt, at most ``concurrency`` at a time (a bound shared by every caller of the engine), retries
HTTP 429 and 5xx answers (and connections dropped mid-run) with exponential backoff that honours
``Retry-After``, and turns a refused connection, a rejected key and an unknown model into one-line
toolkit errors.

The API key comes from the environment only (``PARALLAX_API_KEY``, else ``OPENAI_API_KEY``). It
is sent as a bearer token and nowhere else: not in settings, errors (a server echoing it is
redacted), the run signature or the batch cache key, which name the server's model id and host.
"""

from __future__ import annotations

import os
import random
import re
import threading
import time
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from ..core.errors import ConfigError, GenerationError, ModelUnavailable, NotSupported
from .base import Decoding, Generation, ModelInfo, Prompt, TokenScores
from .repetition import loop_period

KEY_VARS = ("PARALLAX_API_KEY", "OPENAI_API_KEY")
DEFAULT_CONCURRENCY = 4  # requests in flight when --batch-size is 0
DEFAULT_CONTEXT = (
    4096  # tokens, when the server does not say (llama.cpp /props, vLLM max_model_len)
)
CONNECT_TIMEOUT = 10.0  # seconds to open a connection; the read timeout is request_timeout
RETRIES = 4  # further attempts after a 429/5xx answer or a dropped connection
BACKOFF = 0.5  # seconds before the first retry; doubled each time, with jitter
MAX_BACKOFF = 30.0
MAX_MESSAGE = 200  # characters of a server's error message kept in ours
_CREDENTIALS = re.compile(r"\b(Bearer|Basic)\s+[^\s\"',;)]+", re.IGNORECASE)


def api_key(env: Mapping[str, str] | None = None) -> str | None:
    """Return the API key from the environment, or None (local servers need none)."""
    env = os.environ if env is None else env
    return next((env[v].strip() for v in KEY_VARS if env.get(v, "").strip()), None)


def normalize_base_url(url: str) -> str:
    """Return the server's API root: ``http://host:8080`` becomes ``http://host:8080/v1``."""
    url = (url or "").strip()
    if not url:
        raise ConfigError(
            "the openai backend needs the server's URL: --base-url URL or "
            "PARALLAX_BASE_URL (e.g. http://127.0.0.1:8080/v1)"
        )
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(
            f"--base-url {server_host(url) or url!r}: expected http://HOST[:PORT][/v1] "
            "or https://..."
        )
    path = parts.path.rstrip("/") or "/v1"
    return urlunsplit((parts.scheme, server_host(url), path, "", ""))  # no user or password


def server_host(url: str) -> str:
    """Return ``host[:port]`` of a URL, without any user or password it may carry."""
    try:
        parts = urlsplit((url or "").strip())
        host, port = parts.hostname or "", parts.port
    except ValueError:
        return ""
    if ":" in host:  # IPv6
        host = f"[{host}]"
    return f"{host}:{port}" if port else host


def _message(response: Any) -> str:
    """Return the one-line error message a server put in its answer (OpenAI, FastAPI, plain)."""
    try:
        body = response.json()
    except ValueError:
        body = response.text
    if isinstance(body, dict):
        err = body.get("error", body.get("detail", body.get("message", body)))
        if isinstance(err, dict):
            err = err.get("message", err)
        body = err
    text = " ".join(str(body).split())
    return text[:MAX_MESSAGE] + ("..." if len(text) > MAX_MESSAGE else "")


class _Absent(Exception):
    """An optional endpoint the server does not have (404, 405, 400 or 501 to a probe)."""


class OpenAIGenerator:
    """Chat completions on a server; one batch method, results in the order of the prompts."""

    def __init__(
        self,
        base_url: str,
        model: str,
        *,
        api_key: str | None = None,
        concurrency: int = DEFAULT_CONCURRENCY,
        timeout: float = 600.0,
        retries: int = RETRIES,
        backoff: float = BACKOFF,
        cache=None,
        transport: Any = None,
        chat: Any = None,
    ) -> None:
        try:
            import httpx
        except ImportError:
            raise ModelUnavailable("the openai backend needs httpx: pip install httpx") from None
        self._httpx = httpx
        parts = urlsplit((base_url or "").strip())
        try:  # user:password in the URL: HTTP basic auth (a proxy's), kept out of every message
            user, password = parts.username, parts.password
        except ValueError:
            user = password = None
        self._secrets = [x for x in (api_key, password) if x]
        self.base_url = normalize_base_url(base_url)
        self.host = server_host(self.base_url)
        self.root = self.base_url[: -len("/v1")] if self.base_url.endswith("/v1") else self.base_url
        self.model = model.strip()
        if not self.model:
            raise ConfigError("the openai backend needs the server's model name: --model NAME")
        self.concurrency = max(1, concurrency or DEFAULT_CONCURRENCY)
        self.timeout, self.retries, self.backoff = timeout, retries, backoff
        self._cache = cache
        self._key = api_key
        self._slots = threading.BoundedSemaphore(self.concurrency)
        self._lock = threading.Lock()
        self._connected = False
        self._tokenize: tuple[str, str] | None | bool = False  # False = not probed yet
        self._chat_turns: Any = chat if chat is not None else False  # False = not looked up yet
        self._scoring: str | None | bool = False  # why scoring is impossible; None = it works
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        auth = httpx.BasicAuth(user, password or "") if user and not api_key else None
        self._client = httpx.Client(
            headers=headers,
            auth=auth,
            transport=transport,
            follow_redirects=True,
            timeout=httpx.Timeout(timeout, connect=min(CONNECT_TIMEOUT, timeout)),
            limits=httpx.Limits(max_connections=self.concurrency + 2),
        )
        served, context = self._models()
        self._connected = True
        self.model_id = self._match(served) if served is not None else self.model
        context = context or self._props_context() or DEFAULT_CONTEXT
        self.info = ModelInfo(
            self.model_id, None, "openai", self.host, "server", self.concurrency, context
        )

    @classmethod
    def from_settings(cls, settings: Any) -> OpenAIGenerator:
        return cls(
            settings.base_url,
            settings.generator,
            api_key=api_key(),
            concurrency=settings.batch_size,
            timeout=settings.request_timeout,
            cache=settings.cache_path(),
        )

    def __repr__(self) -> str:  # never the key
        return f"OpenAIGenerator({self.base_url!r}, {self.model!r})"

    def close(self) -> None:
        self._client.close()

    # ------------------------------------------------------------------ the protocol
    def generate(self, prompts: Sequence[Prompt], decoding: Decoding) -> list[Generation]:
        """Send every prompt as its own chat request, ``concurrency`` in flight."""
        return self._map(lambda p: self._chat(p, decoding), prompts)

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        """Count with the server's tokenizer (llama.cpp, llama-cpp-python and vLLM have one);
        other servers get an estimate of one token per 3 characters (an overcount for English,
        so chunks stay inside the context)."""
        if self._tokenizer() is None:
            return [-(-len(t) // 3) for t in texts]
        return self._map(self._count, texts)

    def score(self, prompts: Sequence[Prompt], replies: Sequence[str]) -> list[TokenScores]:
        """Return the log-probability of each token of ``replies[i]`` as the answer to
        ``prompts[i]``, the end-of-turn token included, in the order given.

        Needs ``/v1/completions`` with ``echo`` and ``logprobs`` over the prompt, correctly
        aligned (checked once, see :meth:`_check_alignment`), and the model's chat template from a
        local pack of the same name as ``--model``; raise :class:`NotSupported` otherwise
        (:attr:`can_score` says which, without raising).
        """
        if len(prompts) != len(replies):
            raise ValueError(f"{len(prompts)} prompts but {len(replies)} replies")
        if not prompts:
            return []
        if not self.can_score:
            raise NotSupported(str(self._scoring))
        return self._map(lambda pr: self._score(*pr), list(zip(prompts, replies)))

    @property
    def can_score(self) -> bool:
        """Whether :meth:`score` works on this server (asked once: one short request)."""
        with self._lock:
            if self._scoring is False:
                if self._chat_turns is False:
                    self._chat_turns = self._pack_turns()
                self._scoring = (
                    self._check_alignment()
                    if self._chat_turns is not None
                    else (
                        f"scoring on {self.host} needs the model's chat template, from a local "
                        f"pack named like the model ({self.model!r} is not an installed pack)"
                    )
                )
        return self._scoring is None

    # ------------------------------------------------------------------ requests
    def _map(self, fn, items: Sequence) -> list:
        if len(items) <= 1:
            return [fn(x) for x in items]
        with ThreadPoolExecutor(min(len(items), self.concurrency)) as pool:
            futures = [pool.submit(fn, x) for x in items]
            try:
                return [f.result() for f in futures]
            except BaseException:
                for f in futures:
                    f.cancel()
                raise

    def _chat(self, prompt: Prompt, decoding: Decoding) -> Generation:
        budget = prompt.max_new_tokens or decoding.max_new_tokens
        payload: dict[str, Any] = {
            "model": self.model,
            "messages": prompt.messages(),
            "max_tokens": budget,
            "temperature": decoding.temperature,
            "seed": decoding.seed,
            "stream": False,
        }
        if decoding.temperature > 0:
            payload["top_p"] = decoding.top_p
        data = self._post("/chat/completions", payload)
        try:
            choice = data["choices"][0]
            text = (choice.get("message") or {}).get("content") or ""
            reason = choice.get("finish_reason")
        except (KeyError, IndexError, TypeError, AttributeError):
            raise GenerationError(
                f"{self.host}: unexpected chat answer (no choices[0].message)"
            ) from None
        usage = data.get("usage") or {}
        prompt_tokens = usage.get("prompt_tokens")
        new_tokens = usage.get("completion_tokens")
        if not isinstance(new_tokens, int):
            new_tokens = self.count_tokens([text])[0]
        if not isinstance(prompt_tokens, int):
            prompt_tokens = self.count_tokens([prompt.system + "\n" + prompt.user])[0]
        finish = "length" if reason == "length" else "stop"
        if finish == "length" and _ends_in_loop(text):
            finish = "repetition"  # the reply had become a loop (as the local engines report it)
        return Generation(text.strip(), prompt_tokens, new_tokens, finish)

    def _post(self, path: str, payload: dict) -> dict:
        with self._slots:
            response = self._send("POST", self.base_url + path, payload)
        if response.status_code == 404:
            raise ModelUnavailable(
                f"{self.host}: HTTP 404 for {urlsplit(self.base_url).path}{path} with model "
                f"{self.model!r} ({self._redact(_message(response))}); check --base-url (it "
                "usually ends in /v1) and --model"
            )
        self._check(response)
        return self._json(response)

    def _send(self, method: str, url: str, payload: dict | None = None, *, probe: bool = False):
        """Send a request; retry 429/5xx and dropped connections; map a refused connection."""
        httpx = self._httpx
        attempts = self.retries + 1
        for attempt in range(attempts):
            last = attempt == attempts - 1
            try:
                response = self._client.request(method, url, json=payload)
            except httpx.ConnectError as exc:
                if not self._connected or last:
                    raise ModelUnavailable(
                        f"cannot reach the server at {self.base_url} ({_reason(exc)}); "
                        "is it running? (--base-url / PARALLAX_BASE_URL)"
                    ) from None
                self._sleep(attempt, None)
                continue
            except httpx.TimeoutException:
                raise GenerationError(
                    f"{self.host}: no answer within {self.timeout:g} s; raise "
                    "runtime.request_timeout (PARALLAX_REQUEST_TIMEOUT) or lower --batch-size"
                ) from None
            except httpx.TransportError as exc:  # dropped mid-answer: the server restarted or died
                if last:
                    raise GenerationError(
                        f"{self.host}: the connection failed ({_reason(exc)}) "
                        f"after {attempts} attempts"
                    ) from None
                self._sleep(attempt, None)
                continue
            # a probe's 5xx may only mean "no such endpoint" on some servers: not worth retrying
            retryable = response.status_code == 429 or (response.status_code >= 500 and not probe)
            if not retryable:
                return response
            if last:
                raise GenerationError(
                    f"{self.host}: HTTP {response.status_code} after {attempts} attempts "
                    f"({self._redact(_message(response))})"
                )
            self._sleep(attempt, response.headers.get("retry-after"))
        raise AssertionError("unreachable")

    def _sleep(self, attempt: int, retry_after: str | None) -> None:
        delay = min(MAX_BACKOFF, self.backoff * 2**attempt) * (0.5 + random.random() / 2)
        if retry_after:
            try:
                delay = min(MAX_BACKOFF * 2, max(delay, float(retry_after)))
            except ValueError:
                pass  # an HTTP date: keep our own delay
        time.sleep(delay)

    def _check(self, response) -> None:
        code = response.status_code
        if code in (401, 403):
            how = (
                "the key in PARALLAX_API_KEY / OPENAI_API_KEY was refused"
                if self._key
                else "it needs an API key: set PARALLAX_API_KEY or OPENAI_API_KEY"
            )
            raise ModelUnavailable(
                f"{self.host}: HTTP {code}, {how} ({self._redact(_message(response))})"
            )
        if code >= 400:
            raise GenerationError(
                f"{self.host} rejected a request (HTTP {code}): {self._redact(_message(response))}"
            )

    def _json(self, response) -> dict:
        try:
            data = response.json()
        except ValueError:
            data = None
        if not isinstance(data, dict):
            raise GenerationError(f"{self.host}: HTTP {response.status_code} without a JSON object")
        return data

    def _redact(self, text: str) -> str:
        """Remove the key, the URL's password and any credentials a server echoes."""
        for secret in self._secrets:
            text = text.replace(secret, "***")
        return _CREDENTIALS.sub(r"\1 ***", text)

    def _probe(
        self, method: str, url: str, payload: dict | None = None, *, required: bool = False
    ) -> dict:
        """Ask an endpoint that a server may lack; raise :class:`_Absent` when it does.

        Outside the OpenAI API (``required=False``) a refused key also means "absent": a hosted
        API may guard paths it does not have.
        """
        response = self._send(method, url, payload, probe=True)
        code = response.status_code
        if (
            code in (400, 404, 405, 422, 501)
            or code >= 500
            or (code in (401, 403) and not required)
        ):
            raise _Absent(url)
        self._check(response)
        return self._json(response)

    # ------------------------------------------------------------------ what the server serves
    def _models(self) -> tuple[list[str] | None, int | None]:
        """Return the ids ``/v1/models`` lists (None when the server has no such list) and the
        context length vLLM reports there."""
        try:
            data = self._probe("GET", self.base_url + "/models", required=True)
        except _Absent:
            return None, None
        entries = [e for e in data.get("data") or [] if isinstance(e, dict) and e.get("id")]
        context = next(
            (
                e.get("max_model_len")
                for e in entries
                if e.get("id") == self.model and isinstance(e.get("max_model_len"), int)
            ),
            None,
        )
        return [str(e["id"]) for e in entries], context

    def _match(self, served: list[str]) -> str:
        """Return the served id the requested model names (Ollama's ``name`` is ``name:latest``)."""
        for candidate in (self.model, f"{self.model}:latest"):
            if candidate in served:
                return candidate
        listed = ", ".join(served[:12]) + (", ..." if len(served) > 12 else "")
        raise ModelUnavailable(
            f"{self.host} does not serve model {self.model!r}; it serves: "
            f"{listed or 'nothing'} (choose with --model)"
        )

    def _props_context(self) -> int | None:
        """Return the context size llama.cpp's server runs with (``/props``), or None."""
        try:
            data = self._probe("GET", self.root + "/props")
        except _Absent:
            return None
        settings = data.get("default_generation_settings") or {}
        n = settings.get("n_ctx") or data.get("n_ctx")
        return n if isinstance(n, int) and n > 0 else None

    # ------------------------------------------------------------------ tokens
    def _tokenizer(self) -> tuple[str, str] | None:
        """Find the server's tokenize endpoint once: (url, request field), or None."""
        with self._lock:
            if self._tokenize is False:
                self._tokenize = None
                for url, field in (
                    (self.root + "/tokenize", "content"),  # llama.cpp
                    (self.root + "/tokenize", "prompt"),  # vLLM
                    (self.root + "/extras/tokenize", "input"),
                ):  # llama-cpp-python
                    try:
                        self._tokens(url, field, "probe")
                    except _Absent:
                        continue
                    self._tokenize = (url, field)
                    break
            return self._tokenize  # type: ignore[return-value]

    def _tokens(self, url: str, field: str, text: str) -> list:
        payload = {field: text, "model": self.model}
        if field == "content":
            payload = {"content": text, "add_special": False}
        data = self._probe("POST", url, payload)
        tokens = data.get("tokens")
        if not isinstance(tokens, list):
            raise _Absent(url)
        return tokens

    def _count(self, text: str) -> int:
        url, field = self._tokenize  # type: ignore[misc]
        with self._slots:
            try:
                return len(self._tokens(url, field, text))
            except _Absent:
                raise GenerationError(
                    f"{self.host}: its tokenize endpoint stopped answering"
                ) from None

    # ------------------------------------------------------------------ scoring
    def _pack_turns(self) -> _ChatTurns | None:
        from ..models.registry import PACKS, pack_manifest

        if self._cache is None or self.model not in PACKS:
            return None
        manifest = pack_manifest(self._cache, self.model)
        if manifest is None:
            return None
        from pathlib import Path

        from .ct2_backend import ChatTokenizer

        return _ChatTurns(ChatTokenizer(Path(manifest["hf_dir"])))

    def _check_alignment(self) -> str | None:
        """Return why the server's prompt log-probabilities cannot be trusted, or None.

        The probe reply repeats eight letters three times: in the third round any language model
        expects each letter, so a letter is the top-1 of its own entry. A server that pairs each
        token with the distribution *after* it (llama-cpp-python when the prompt does not start
        with the BOS token: its issue #1983) puts the next letter there instead.
        """
        letters = "A B C D E F G H"
        reply = f"{letters} {letters} {letters}"
        text, after = self._chat_turns.turn(Prompt("Repeat the letters A to H three times."), reply)
        found = _reply_entries(self._echo(text), reply, after)
        if found is None:
            return (
                f"{self.host} returns no log-probabilities of the prompt (echo with logprobs "
                "on /v1/completions); scoring needs a server that does (vLLM, llama-cpp-python)"
            )
        last = found[0][-8:]
        own = sum(
            1
            for token, _, top in last
            if isinstance(top, dict)
            and top
            and max(top, key=lambda k: top[k] if isinstance(top[k], (int, float)) else -1e9)
            == token
        )
        if own * 2 < len(last):
            return (
                f"{self.host} pairs prompt tokens with the wrong log-probabilities (each with "
                "the distribution after it: llama-cpp-python does this when the prompt does not "
                "start with the BOS token); scores would be wrong"
            )
        return None

    def _echo(self, text: str) -> dict:
        return self._post(
            "/completions",
            {
                "model": self.model,
                "prompt": text,
                "max_tokens": 1,
                "echo": True,
                "logprobs": 1,
                "temperature": 0.0,
            },
        )

    def _score(self, prompt: Prompt, reply: str) -> TokenScores:
        text, after = self._chat_turns.turn(prompt, reply)
        found = _reply_entries(self._echo(text), reply, after)
        if found is None:
            raise NotSupported(f"{self.host}: the echoed prompt does not end with the reply")
        entries = found[0] + ([found[1]] if found[1] is not None else [])
        if any(not isinstance(v, (int, float)) for _, v, _ in entries):
            raise NotSupported(f"{self.host}: a reply token came back without a log-probability")
        return TokenScores(tuple(t for t, _, _ in entries), tuple(float(v) for _, v, _ in entries))


class _ChatTurns:
    """The text of a whole assistant turn with the model's own chat template (a local pack's)."""

    def __init__(self, tokenizer: Any) -> None:
        self.tokenizer = tokenizer

    def turn(self, prompt: Prompt, reply: str) -> tuple[str, int]:
        """Return the prompt, reply and end of turn as one text, and the end's token count."""
        messages = prompt.messages()
        head = self.tokenizer.render(messages, add_generation_prompt=True)
        whole = self.tokenizer.render(
            [*messages, {"role": "assistant", "content": reply}], add_generation_prompt=False
        )
        if not whole.startswith(head + reply):
            raise NotSupported(
                "the model's chat template changes the reply it is given; "
                "it cannot be scored as written"
            )
        end = whole[len(head) + len(reply) :]
        return head + reply + end, len(self.tokenizer.encode(end))


def _reply_entries(data: dict, reply: str, after: int = 0):
    """Return the (token, logprob, top logprobs) entries of an echoed prompt that spell ``reply``,
    and the entry right after them (the end of the turn; None when ``after`` is 0).

    The echo holds the prompt's tokens (``after`` of them past the reply), then the generated
    ones (``usage.completion_tokens``). Walking back from the reply's end until the tokens spell
    it needs no character offsets, which servers count differently (with or without special
    tokens). None when the echo does not hold the prompt (llama.cpp's llama-server ignores echo).
    """
    try:
        lp = data["choices"][0].get("logprobs") or {}
        tokens, values = list(lp["tokens"]), list(lp["token_logprobs"])
        tops = list(lp.get("top_logprobs") or [None] * len(tokens))
    except (KeyError, IndexError, TypeError, AttributeError):
        return None
    generated = (data.get("usage") or {}).get("completion_tokens")
    generated = generated if generated in (0, 1) else 1
    # servers disagree on whether a generated end-of-text token is listed (llama-cpp-python
    # counts it in usage and leaves it out): the count that lets the tokens spell the reply wins
    for g in (generated, 1 - generated):
        n = len(tokens) - g - after
        if n <= 0:
            continue
        spelled, i = "", n
        while i > 0 and len(spelled) < len(reply):
            i -= 1
            spelled = str(tokens[i]) + spelled
        if reply and not (spelled.endswith(reply) or spelled.strip() == reply.strip()):
            continue
        entries = [(str(t), v, top) for t, v, top in zip(tokens[i:n], values[i:n], tops[i:n])]
        end = (str(tokens[n]), values[n], tops[n]) if after > 0 else None
        return entries, end
    return None


def _reason(exc: Exception) -> str:
    text = str(exc) or type(exc).__name__
    if "refused" in text.lower():
        return "connection refused"
    return " ".join(text.split())[:120]


def _ends_in_loop(text: str) -> bool:
    """Return whether a reply ends in the same few words over and over (a degenerate loop)."""
    ids: dict[str, int] = {}
    words = [ids.setdefault(w, len(ids)) for w in text.split()]
    return loop_period(words) > 0
