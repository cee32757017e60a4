"""A fake generator for tests: scripted replies, and a ``history`` of every call."""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from .base import Decoding, Generation, ModelInfo, Prompt, TokenScores


def default_reply(prompt: Prompt) -> str:
    """Reply deterministically with a crude rewrite of the passage at the end of the prompt.

    Which words are dropped depends on the system prompt, so different tasks reply differently.
    """
    passage = prompt.user.rsplit("\n\n", 1)[-1]
    words = re.findall(r"\S+", passage)
    skip = 3 - sum(map(ord, prompt.system)) % 3  # 1..3
    kept = [w for i, w in enumerate(words[:60]) if i % 4 != skip]  # drop every 4th word
    return " ".join(kept).rstrip(".,;") + "."


def default_logprobs(prompt: Prompt, reply: str) -> list[float]:
    """Score each word of ``reply`` (and the end of turn): a word the prompt's passage holds is
    likely (-0.1), any other less so (-1.0), and every word is unlikely (-3.0) after a prompt
    with no passage (``(no text)``); so a faithful copy scores higher than an invention, and
    any passage makes its summary likelier than none."""
    passage = prompt.user.rsplit("\n\n", 1)[-1]
    if passage.strip() in ("", "(no text)"):
        return [-3.0] * len(reply.split()) + [-0.05]
    seen = set(re.findall(r"\w+", prompt.user.casefold()))
    return [-0.1 if w.casefold().strip(".,;:!?\"'()") in seen else -1.0
            for w in reply.split()] + [-0.05]


@dataclass(frozen=True)
class Call:
    prompts: tuple[Prompt, ...]
    decoding: Decoding


@dataclass
class FakeGenerator:
    """Answer from a queue (``enqueue``), then from ``reply``; record each call in ``history``."""

    reply: Callable[[Prompt], str] = default_reply
    info: ModelInfo = field(
        default_factory=lambda: ModelInfo("fake", "0" * 64, "fake", "cpu", "none", 1, 4096)
    )
    # a deque(maxlen=N) keeps the last N
    history: list[Call] | deque[Call] = field(default_factory=list)
    logprobs: Callable[[Prompt, str], list[float]] = default_logprobs
    # every score() pair, in order (a deque(maxlen=N) keeps the last N)
    scored: list[tuple[Prompt, str]] | deque[tuple[Prompt, str]] = field(default_factory=list)
    _queue: deque[str] = field(default_factory=deque)

    def enqueue(self, *replies: str) -> FakeGenerator:
        self._queue.extend(replies)
        return self

    def generate(self, prompts: Sequence[Prompt], decoding: Decoding) -> list[Generation]:
        self.history.append(Call(tuple(prompts), decoding))
        out = []
        for p in prompts:
            text = self._queue.popleft() if self._queue else self.reply(p)
            n = len(text.split())
            out.append(Generation(text, len(p.user.split()), n, "stop"))
        return out

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        return [len(t.split()) for t in texts]

    def score(self, prompts: Sequence[Prompt], replies: Sequence[str]) -> list[TokenScores]:
        """Score each reply word by word with ``logprobs`` (the last value: the end of turn)."""
        out = []
        for p, r in zip(prompts, replies):
            self.scored.append((p, r))
            values = self.logprobs(p, r)
            out.append(TokenScores((*r.split(), "<end>")[: len(values)], tuple(values)))
        return out

    @property
    def prompts(self) -> list[Prompt]:
        """Every prompt ever asked, in order."""
        return [p for call in self.history for p in call.prompts]
