"""Alternative English renderings of every paragraph, by named strategies, fidelity-checked.

Strategies are registered in :mod:`toolkit.strategies` (prompt templates in
``configs/prompts.toml``, ``[retranslate.<name>]``): ``post-edit``, ``fluent``, ``round-trip``
and ``from-source`` are built in; plugins add more. Every alternative is checked by the
registered checks of :mod:`toolkit.qa.registry`.

A reply that is empty, identical to the original or a copy of the prompt is asked once more
(stricter prompt, sampled); if still bad it is kept with a flag. Nothing is dropped silently.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from ..backends.base import Decoding, Generator, Prompt
from ..core.document import Article, Paragraph, normalize_text
from ..core.errors import ConfigError
from ..core.flags import Flag
from ..core.results import Alternative
from ..core.text import words
from ..prompts import Prompts
from ..qa.checks.length import GROSS_LIMITS, length_flag
from ..qa.checks.refusal import refusal_flag
from ..qa.options import CheckOptions
from ..strategies import PIVOT_BUDGET, REWRITE_BUDGET, STRATEGIES, get_strategy, with_defaults
from .schedule import Job, ask, drive, gather
from .textutil import chunk_by_tokens, clean_output, copy_ratio

__all__ = ["STRATEGIES", "retranslate_paragraphs", "rewrite_budget", "pivot_budget"]
MAX_INPUT_TOKENS = 768  # longer paragraphs are rewritten in sentence-bounded chunks
RETRY_TEMPERATURE = 0.7
SAMPLE_TEMPERATURE = 0.8  # for alternatives beyond the first of a strategy (-n > 1)
Progress = Callable[[str, int], None]


def rewrite_budget(tokens: int) -> int:
    """Return the new-token budget for rewriting a text of ``tokens`` tokens (tied to input)."""
    return REWRITE_BUDGET(tokens)


def pivot_budget(tokens: int) -> int:
    """Budget for a translation into the pivot language (non-Latin scripts take more tokens)."""
    return PIVOT_BUDGET(tokens)


@dataclass(frozen=True)
class _Unit:
    """One generation: a chunk of one paragraph, for one strategy and alternative index."""

    para: int  # index into the paragraph list
    chunk: int
    strategy: str
    k: int  # alternative index within the strategy
    text: str  # what is sent (the MT chunk, or the source-language chunk)
    source: str = ""  # the aligned original, for a strategy that edits the MT beside it


def _problem(text: str, original: str, prompt_text: str, unchanged_ok: bool = False) -> str | None:
    """Return why a reply is unusable, or None.

    ``empty``; ``identical`` (the original back); ``prompt-copy`` (the instructions back);
    ``repetitive`` (a degenerate loop such as "tam-tam-tam..."); ``wrong-script`` (mostly
    non-Latin letters where English was asked for, e.g. a round trip stuck in Persian);
    ``refusal`` (a refusal or a remark to the user instead of a rendering); ``length-ratio``
    (a paragraph invented around a short line, or a reply three times as long as its input or
    a quarter of it).
    """
    if not text.strip():
        return "empty"
    if normalize_text(text).casefold().split() == normalize_text(original).casefold().split():
        return None if unchanged_ok else "identical"
    instructions = prompt_text.replace(original, " ")
    if copy_ratio(text, instructions, n=6) >= 0.5:
        return "prompt-copy"
    if is_repetitive(text):
        return "repetitive"
    letters = [c for c in text if c.isalpha()]
    if letters and sum(c.isascii() for c in letters) / len(letters) < 0.5:
        return "wrong-script"
    if refusal_flag(original, text) is not None:
        return "refusal"
    if length_flag(original, text, limits=GROSS_LIMITS) is not None:
        return "length-ratio"
    return None


_CHECKED = ("refusal", "length-ratio")


def is_repetitive(text: str) -> bool:
    """True when one short word n-gram (or a hyphenated chunk) fills much of the text."""
    tokens = words(text.casefold())
    if len(tokens) < 12:
        return False
    for n in (1, 2, 3):
        grams = Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))
        count = grams.most_common(1)[0][1]
        if count >= 6 and count * n >= 0.4 * len(tokens):
            return True
    return False


def _split(paragraph: str, gen: Generator) -> list[str]:
    chunks = chunk_by_tokens([paragraph], gen.count_tokens, MAX_INPUT_TOKENS)
    return [" ".join(c) for c in chunks]


def align_source(english: Sequence[Paragraph], source: Sequence[str]) -> list[str]:
    """Map source-language paragraphs onto the English ones, by order and relative length.

    Equal counts pair one to one; otherwise each source paragraph goes to the English paragraph
    whose share of the text contains its midpoint (several may merge; an English paragraph can
    get none, and then gets an empty source).
    """
    if len(english) == len(source):
        return list(source)
    def spans(lengths: list[int]) -> list[tuple[float, float]]:
        total, acc, out = float(sum(lengths)) or 1.0, 0, []
        for n in lengths:
            out.append((acc / total, (acc + n) / total))
            acc += n
        return out
    e_spans = spans([len(p.text) for p in english])
    s_spans = spans([len(s) for s in source])
    out: list[list[str]] = [[] for _ in english]
    for text, (a, b) in zip(source, s_spans):
        mid = (a + b) / 2
        idx = next((i for i, (x, y) in enumerate(e_spans) if x <= mid <= y), len(english) - 1)
        out[idx].append(text)
    return ["\n".join(x) for x in out]


@dataclass(frozen=True)
class RetranslateOptions:
    """How every paragraph is retranslated: prompts, decoding, strategies and what is checked.

    ``n`` alternatives per strategy (beyond the first are sampled); ``pivot`` for round trips;
    ``source_language`` names the language of the ``source`` paragraphs; ``checks`` carries the
    glossary (its renderings go into the prompts) and ``--only`` / ``--ignore``.
    """

    prompts: Prompts
    decoding: Decoding
    strategies: tuple[str, ...]
    n: int = 1
    pivot: str = "Persian"
    source_language: str = "Persian"
    checks: CheckOptions = field(default_factory=CheckOptions)


def retranslate_paragraphs(article: Article, generators: dict[str, Generator],
                           options: RetranslateOptions, **kwargs: Any
                           ) -> list[tuple[Alternative, ...]]:
    """Return, for every paragraph of ``article`` in order, its alternatives
    (see :func:`retranslate_job`)."""
    return drive(retranslate_job(article, generators, options, **kwargs))


def retranslate_job(
    article: Article,
    generators: dict[str, Generator],
    options: RetranslateOptions,
    source: Sequence[str] | None = None,
    progress: Progress | None = None,
    context: str | None = None,
) -> Job[list[tuple[Alternative, ...]]]:
    """Return, for every paragraph of ``article`` in order, its alternatives (a scheduled job).

    Every alternative gets every registered version check. ``source`` holds the
    original-language paragraphs (for strategies that translate them); ``context`` is the whole
    article's text when ``article`` is a part of it (what the checks look names up in).
    """
    prompts, decoding, strategies = options.prompts, options.decoding, options.strategies
    n, pivot, source_language = options.n, options.pivot, options.source_language
    checks = options.checks
    for s in strategies:
        if get_strategy(s).needs_source and source is None:
            raise ConfigError(f"strategy {s} needs the original-language text (--source FILE)")
    prompts = with_defaults(prompts, strategies)
    paragraphs = article.paragraphs
    context = context if context is not None else "\n".join(p.text for p in paragraphs)
    src_for = align_source(paragraphs, source) if source is not None else None
    values = {"pivot": pivot, "language": source_language}

    units: list[_Unit] = []
    for pi, para in enumerate(paragraphs):
        for strategy in strategies:
            spec = STRATEGIES.get(strategy)
            beside = src_for[pi] if spec.needs_source and spec.edits_mt else ""
            text = src_for[pi] if spec.translates_source else para.text
            if not text.strip() or (spec.edits_mt and not beside.strip()):
                continue
            chunks = _split(text, generators[strategy])
            for k in range(n):
                units.extend(_Unit(pi, ci, strategy, k, c, beside) for ci, c in enumerate(chunks))

    jobs = []
    for strategy in strategies:
        for k in range(n):
            batch = [u for u in units if u.strategy == strategy and u.k == k]
            if batch:
                dec = decoding if k == 0 else replace(decoding, temperature=SAMPLE_TEMPERATURE,
                                                      seed=decoding.seed + k)
                jobs.append(_generate(batch, strategy, generators[strategy], prompts, dec, values,
                                      progress, checks.glossary))
    replies: dict[_Unit, tuple[str, list[Flag], int]] = {}
    for done in (yield from gather(jobs)):  # every strategy's prompts share the engine's batches
        replies.update(done)

    out: list[tuple[Alternative, ...]] = []
    for pi, para in enumerate(paragraphs):
        alts: list[Alternative] = []
        for strategy in strategies:
            for k in range(n):
                parts = sorted(
                    (u.chunk, replies[u])
                    for u in units
                    if u.para == pi and u.strategy == strategy and u.k == k
                )
                if not parts:
                    alts.append(
                        Alternative(
                            strategy,
                            generators[strategy].info.id,
                            "",
                            (Flag("no-source", "", "no source-language paragraph aligned here"),),
                        )
                    )
                    continue
                text = " ".join(r[0] for _, r in parts).strip()
                flags = [f for _, r in parts for f in r[1]]
                if text:
                    found = checks.check_version(para.text, text, article=context, version=strategy,
                                                 source=src_for[pi] if src_for else None)
                    kinds = {f.kind for f in flags}
                    if "wrong-script" in kinds:  # the same finding, said once
                        found = tuple(f for f in found if f.kind != "untranslated")
                    if "cut-off" in kinds:  # a reply cut at its budget has no end mark
                        found = tuple(
                            f
                            for f in found
                            if not (
                                f.kind == "end-punctuation"
                                and f.detail.startswith("ends with no end")
                            )
                        )
                    flags += found
                attempts = max(r[2] for _, r in parts)
                alts.append(
                    Alternative(
                        strategy, generators[strategy].info.id, text, tuple(flags), attempts
                    )
                )
        out.append(tuple(_mark_duplicates(alts)))
    return out


def _beside(unit: _Unit) -> dict[str, str]:
    """The original-language paragraph as ``{source}``, for a strategy that edits the MT."""
    return {"source": unit.source} if unit.source else {}


def _instructions(prompt: Prompt) -> str:
    """Everything a reply must not copy back: the system turn, the few-shot turns, the user turn."""
    shots = [f"{a}\n{b}" for a, b in prompt.examples]
    return "\n".join([prompt.system, *shots, prompt.user])


def _mark_duplicates(alts: list[Alternative]) -> list[Alternative]:
    seen: dict[str, str] = {}
    out = []
    for a in alts:
        key = " ".join(normalize_text(a.text).casefold().split())
        if key and key in seen:
            a = replace(
                a,
                flags=(
                    *a.flags,
                    Flag("duplicate", "", f"same text as the {seen[key]} alternative"),
                ),
            )
        else:
            seen.setdefault(key, a.strategy)
        out.append(a)
    return out


def _generate(
    batch: list[_Unit], strategy: str, gen: Generator, prompts: Prompts, decoding: Decoding,
    values: dict[str, str], progress: Progress | None, glossary=None,
) -> Job[dict[_Unit, tuple[str, list[Flag], int]]]:
    spec = get_strategy(strategy)
    table = spec.table
    system = prompts.format(table, "system", **values)
    tokens = gen.count_tokens([u.text for u in batch])  # the English output is about this long
    inputs = [u.text for u in batch]
    if spec.legs == "round-trip":  # first leg: into the pivot language
        legs = [Prompt(prompts.format(table, "to_pivot_user", text=t, **values), system,
                       spec.pivot_budget(n))
                for t, n in zip(inputs, tokens)]
        inputs = [clean_output(g.text) for g in (yield from ask(legs, decoding, gen, strategy))]
        if progress:
            progress(f"{strategy} (to {values['pivot']})", len(batch))

    notes = [glossary.instruction(u.text, prompts) if glossary is not None else "" for u in batch]

    def rewrite(part: str, idx: list[int], dec: Decoding):
        texts = [f"{notes[i]}\n\n{inputs[i]}" if notes[i] else inputs[i] for i in idx]
        shots = prompts.shots(table, **values) if part == "user" else ()
        ps = [
            Prompt(
                prompts.format(table, part, text=t, **values, **_beside(batch[i])), system,
                spec.budget(tokens[i]), shots,
            )
            for i, t in zip(idx, texts)
        ]
        gens = yield from ask(ps, dec, gen, strategy if part == "user" else "retries")
        if progress:
            progress(strategy, len(idx))
        return [(clean_output(g.text, inputs[i]), _instructions(p), g.finish_reason == "length")
                for g, p, i in zip(gens, ps, idx)]

    results: dict[int, tuple[str, list[Flag], int]] = {}
    first_prompt: dict[int, str] = {}
    retry: list[int] = []
    for i, (text, prompt_text, cut) in zip(
        range(len(batch)), (yield from rewrite("user", list(range(len(batch))), decoding))
    ):
        first_prompt[i] = prompt_text
        problem = _problem(text, batch[i].text, prompt_text, spec.unchanged_ok)
        flags = [Flag("cut-off", text[-60:], "reached its token budget")] if cut else []
        results[i] = (text, flags, 1)
        if problem:
            retry.append(i)
    if retry:
        dec = replace(decoding, temperature=RETRY_TEMPERATURE, seed=decoding.seed + 1000)
        for i, (text, prompt_text, cut) in zip(
            retry, (yield from rewrite("retry_user", retry, dec))
        ):
            both = f"{first_prompt[i]}\n{prompt_text}"  # a copy of either prompt is a copy
            problem = _problem(text, batch[i].text, both, spec.unchanged_ok)
            if problem == "empty" and results[i][0]:
                text = results[i][0]
                problem = _problem(text, batch[i].text, both, spec.unchanged_ok) or "empty"
            flags = [Flag("cut-off", text[-60:], "reached its token budget")] if cut else []
            if problem and problem not in _CHECKED:  # the registered checks flag these themselves
                flags.append(
                    Flag(problem, "", "still " + problem.replace("-", " ") + " after one retry")
                )
            results[i] = (text, flags, 2)
    return {u: results[i] for i, u in enumerate(batch)}
