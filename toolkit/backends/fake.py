"""A fake generator for tests: scripted replies, and a ``history`` of every call."""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from .base import Decoding, Generation, ModelInfo, Prompt


def default_reply(prompt: Prompt) -> str:
    """Reply deterministically with a crude rewrite of the passage at the end of the prompt.

    Which words are dropped depends on the system prompt, so different tasks reply differently.
    """
    passage = prompt.user.rsplit("\n\n", 1)[-1]
    words = re.findall(r"\S+", passage)
    skip = 3 - sum(map(ord, prompt.system)) % 3  # 1..3
    kept = [w for i, w in enumerate(words[:60]) if i % 4 != skip]  # drop every 4th word
    return " ".join(kept).rstrip(".,;") + "."


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
    history: list[Call] | deque[Call] = field(default_factory=list)  # a deque(maxlen=N) keeps the last N
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

    @property
    def prompts(self) -> list[Prompt]:
        """Every prompt ever asked, in order."""
        return [p for call in self.history for p in call.prompts]
