"""The generation interface of every engine: a batch of prompts in, a list of results out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from ..core.results import Decoding, ModelInfo

__all__ = ["Decoding", "Generation", "Generator", "ModelInfo", "Prompt", "finish",
           "length_buckets"]


@dataclass(frozen=True)
class Prompt:
    """A chat prompt; the engine applies the model's chat template."""

    user: str
    system: str = ""
    max_new_tokens: int | None = (
        None  # per-prompt budget (tied to the input); None = decoding.max_new_tokens
    )
    examples: tuple[tuple[str, str], ...] = ()  # few-shot (user, assistant) turns before ``user``

    def messages(self) -> list[dict[str, str]]:
        """The chat messages for the model's chat template (no system turn when it is empty)."""
        system = [{"role": "system", "content": self.system}] if self.system else []
        shots = [{"role": role, "content": text} for pair in self.examples
                 for role, text in zip(("user", "assistant"), pair)]
        return [*system, *shots, {"role": "user", "content": self.user}]


@dataclass(frozen=True)
class Generation:
    text: str
    prompt_tokens: int
    new_tokens: int
    finish_reason: str  # "stop" | "length" | "repetition" (stopped early in a loop)


@dataclass(frozen=True)
class TokenScores:
    """The log-probability of each token of a given reply, as the model's answer to a prompt.

    The last token is the end of the turn: a reply the model would not end there scores lower.
    """

    tokens: tuple[str, ...]
    logprobs: tuple[float, ...]

    @property
    def total(self) -> float:
        return float(sum(self.logprobs))

    @property
    def mean(self) -> float:
        return self.total / len(self.logprobs) if self.logprobs else 0.0


@runtime_checkable
class Generator(Protocol):
    info: ModelInfo

    def generate(self, prompts: Sequence[Prompt], decoding: Decoding) -> list[Generation]:
        """Return one :class:`Generation` per prompt, in the order given."""
        ...

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        """Return the token count of each text (for chunking and budgets)."""
        ...


@runtime_checkable
class Scorer(Protocol):
    """An engine that can score given replies (teacher forcing), besides generating them."""

    def score(self, prompts: Sequence[Prompt], replies: Sequence[str]) -> list[TokenScores]:
        """Return the log-probability of each token of ``replies[i]`` as the answer to
        ``prompts[i]`` (the end-of-turn token included), in the order given."""
        ...


def can_score(engine: object) -> bool:
    """Whether ``engine`` can score texts here: it has ``score`` and, where that depends on what
    it runs on (a server), its ``can_score`` says yes."""
    return hasattr(engine, "score") and bool(getattr(engine, "can_score", True))


def length_buckets(lengths: Sequence[int], batch_size: int) -> list[list[int]]:
    """Group prompt indices into batches of similar length (shortest first)."""
    order = sorted(range(len(lengths)), key=lambda i: (lengths[i], i))
    return [order[i : i + batch_size] for i in range(0, len(order), batch_size)]


def finish(ids: list[int], budget: int) -> tuple[list[int], str]:
    """Cut generated ids to ``budget``; "length" when the budget was reached, else "stop"."""
    if len(ids) >= budget:
        return ids[:budget], "length"
    return ids, "stop"
