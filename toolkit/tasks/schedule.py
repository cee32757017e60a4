"""One scheduler for all the prompts of a run, deterministic by construction.

A task that generates is written as a Python generator (a *job*): it ``yield``\\ s a list of
:class:`Ask` (prompts, decoding, engine) and receives one list of generations per ask. Jobs
compose: :func:`gather` runs several jobs in lockstep as one job, and :func:`drive` runs a job
against the engines. Each round, every pending ask with the same engine and decoding goes to the
engine as **one** call, where the engine sorts the prompts by length and batches them; so the
summaries, the post-edits and the fluent rewrites of a compare share batches, and all retries
of a round share a call.

Which prompts meet in a call depends only on the jobs' code and inputs, never on timing (no
threads), so a run gives the same batches, and the same output, every time.

    def double(gen, text):
        first = (yield [Ask((Prompt(text),), DECODING, gen)])[0]
        ...
        return first[0].text

    drive(gather([double(gen, "a"), double(gen, "b")]))  # both prompts in one engine call
"""

from __future__ import annotations

import time
from collections.abc import Generator as PyGenerator
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from ..backends.base import Decoding, Generation, Generator, Prompt, TokenScores

T = TypeVar("T")


@dataclass(frozen=True)
class Ask:
    """Prompts for one engine with one decoding; ``stage`` names where engine time goes.

    With ``replies`` the ask is to *score* them (one per prompt: the log-probability of each
    reply token as the answer to its prompt, :class:`~toolkit.backends.base.TokenScores`), not
    to generate; scoring asks of a round share one ``score`` call per engine.
    """

    prompts: Sequence[Prompt]
    decoding: Decoding
    engine: Generator
    stage: str = "generate"
    replies: Sequence[str] | None = None


Job = PyGenerator[list[Ask], list[list[Generation]], T]


def ask(
    prompts: Sequence[Prompt], decoding: Decoding, engine: Generator, stage: str = "generate"
) -> PyGenerator[list[Ask], list[list[Generation]], list[Generation]]:
    """Ask one engine for one list of prompts (``yield from ask(...)`` inside a job)."""
    replies = yield [Ask(tuple(prompts), decoding, engine, stage)]
    return replies[0]


def score(prompts: Sequence[Prompt], replies: Sequence[str], engine: Generator,
          stage: str = "score") -> PyGenerator[list[Ask], list[list[Any]], list[TokenScores]]:
    """Ask one engine to score ``replies`` as answers to ``prompts`` (``yield from score(...)``)."""
    out = yield [Ask(tuple(prompts), SCORING, engine, stage, tuple(replies))]
    return out[0]


SCORING = Decoding(max_new_tokens=0)  # the decoding key of scoring asks (nothing is generated)


def gather(jobs: Sequence[Job[Any]]) -> Job[list[Any]]:
    """Run ``jobs`` in lockstep as one job; return their results in order.

    Every round, the asks of all jobs still running are yielded together (in job order).
    """
    results: list[Any] = [None] * len(jobs)
    pending: dict[int, list[Ask]] = {}
    for i, job in enumerate(jobs):
        _advance(job, i, None, pending, results)
    while pending:
        order = sorted(pending)
        asks = [a for i in order for a in pending[i]]
        replies = yield asks
        k = 0
        for i in order:
            n = len(pending[i])
            mine, k = replies[k : k + n], k + n
            _advance(jobs[i], i, mine, pending, results)
    return results


def _advance(
    job: Job[Any], i: int, value, pending: dict[int, list[Ask]], results: list[Any]
) -> None:
    """Send ``value`` to job ``i``; record its next asks, or its result when it returns."""
    try:
        asks = job.send(value)
        while not asks:  # a round with nothing to ask: carry on at once
            asks = job.send([])
        pending[i] = asks
    except StopIteration as stop:
        pending.pop(i, None)
        results[i] = stop.value


@dataclass
class Clock:
    """Engine time and calls of a driven job: seconds by stage (a shared call split by tokens)."""

    seconds: dict[str, float] = field(default_factory=dict)
    calls: int = 0
    prompt_tokens: int = 0
    generated_tokens: int = 0

    scored_tokens: int = 0

    def charge(self, asks: Sequence[Ask], replies: Sequence[Sequence[Any]], seconds: float) -> None:
        weights = [sum(_weight(g) for g in r) for r in replies]
        total = sum(weights) or 1
        for a, w in zip(asks, weights):
            self.seconds[a.stage] = self.seconds.get(a.stage, 0.0) + seconds * w / total
        gens = [g for r in replies for g in r if isinstance(g, Generation)]
        self.prompt_tokens += sum(g.prompt_tokens for g in gens)
        self.generated_tokens += sum(g.new_tokens for g in gens)
        self.scored_tokens += sum(len(g.logprobs) for r in replies for g in r
                                  if isinstance(g, TokenScores))

    def usage(self) -> tuple[tuple[str, int], ...]:
        """What the run asked of its engines: calls, prompt tokens, generated tokens."""
        usage = (("engine_calls", self.calls), ("prompt_tokens", self.prompt_tokens),
                 ("generated_tokens", self.generated_tokens))
        return usage + ((("scored_tokens", self.scored_tokens),) if self.scored_tokens else ())


def _weight(g: Any) -> int:
    """A reply's share of a call's time: its generated tokens (scored tokens cost less each)."""
    return g.new_tokens + 1 if isinstance(g, Generation) else len(g.logprobs) // 8 + 1


def drive(job: Job[T], clock: Clock | None = None) -> T:
    """Run ``job`` to its end, each round one engine call per (engine, decoding); return its result.
    """
    replies = None
    while True:
        try:  # only the job's own end counts as its end (an engine raising StopIteration must
            asks = job.send(replies)  # not pass for a job that returned None)
        except StopIteration as stop:
            return stop.value
        replies = _answer(asks, clock)


def _answer(asks: Sequence[Ask], clock: Clock | None) -> list[list[Any]]:
    """Answer a round of asks, merging those with the same engine and decoding into one call
    (scoring asks into one ``score`` call per engine)."""
    groups: dict[tuple[int, Decoding, bool], list[int]] = {}
    for i, a in enumerate(asks):
        groups.setdefault((id(a.engine), a.decoding, a.replies is not None), []).append(i)
    replies: list[list[Any]] = [[] for _ in asks]
    for (_, decoding, scoring), members in groups.items():
        prompts = [p for i in members for p in asks[i].prompts]
        if not prompts:
            continue
        t0 = time.perf_counter()
        engine = asks[members[0]].engine
        if scoring:
            if not hasattr(engine, "score"):
                from ..core.errors import GenerationError

                raise GenerationError(f"the {engine.info.backend} engine cannot score texts")
            out = engine.score(prompts, [r for i in members for r in asks[i].replies or ()])
        else:
            out = engine.generate(prompts, decoding)
        k = 0
        for i in members:
            n = len(asks[i].prompts)
            replies[i], k = list(out[k : k + n]), k + n
        if clock is not None:
            clock.calls += 1
            clock.charge([asks[i] for i in members], [replies[i] for i in members],
                         time.perf_counter() - t0)
    return replies
