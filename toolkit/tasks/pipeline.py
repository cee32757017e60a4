"""The generation of a whole compare as one scheduled job, with paragraphs done in waves.

The summaries and the retranslations run side by side (:func:`~toolkit.tasks.schedule.gather`),
so their prompts share the engine's batches. Paragraphs are retranslated in waves of about two
batches' worth of prompts; when a wave's alternatives are in, ``on_wave`` gets them (the caller
compares them and shows them) before the next wave is asked for.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from ..backends.base import Decoding
from ..core.document import Article, Section
from ..core.results import Alternative
from .schedule import Job, gather

Alternatives = dict[str, tuple[Alternative, ...]]  # by paragraph id


def waves(article: Article, size: int) -> list[Article]:
    """Split ``article`` into articles of at most ``size`` paragraphs each (sections kept)."""
    out: list[Article] = []
    current: list[Section] = []
    count = 0
    for section in article.sections:
        paragraphs = list(section.paragraphs)
        while paragraphs:
            take = paragraphs[: size - count]
            paragraphs = paragraphs[len(take):]
            current.append(replace(section, paragraphs=tuple(take)))
            count += len(take)
            if count == size:
                out.append(replace(article, sections=tuple(current)))
                current, count = [], 0
    if current:
        out.append(replace(article, sections=tuple(current)))
    return out


def wave_size(decoding: Decoding, strategies: int) -> int:
    """Paragraphs per wave: about two batches of prompts, at least 4 paragraphs."""
    return max(4, 2 * (decoding.batch_size or 8) // max(1, strategies))


def retranslate_in_waves(
    article: Article,
    size: int,
    retranslate: Callable[[Article], Job[list[tuple[Alternative, ...]]]],
    on_wave: Callable[[Alternatives], None] | None = None,
) -> Job[Alternatives]:
    """Retranslate ``article`` wave by wave; hand each wave's alternatives to ``on_wave``."""
    alts: Alternatives = {}
    for part in waves(article, max(1, size)):
        done = yield from retranslate(part)
        wave = {p.id: a for p, a in zip(part.paragraphs, done)}
        if on_wave is not None:
            on_wave(wave)
        alts.update(wave)
    return alts


def compare_job(
    summaries: Job[Any] | None, alternatives: Job[Alternatives]
) -> Job[tuple[Any, Alternatives]]:
    """Summaries and alternatives side by side; return (summaries' result or None, alternatives)."""
    if summaries is None:
        return None, (yield from alternatives)
    sums, alts = yield from gather([summaries, alternatives])
    return sums, alts
