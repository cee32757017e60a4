"""Section and article summaries: abstractive (a generator) or extractive (embeddings).

Length is enforced in code: a reply is cut to ``sentences`` sentences, and the cut is flagged.
Long sections are summarized in stages at paragraph boundaries; nothing is cut silently.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np

from ..backends.base import Decoding, Generator, Prompt, can_score
from ..comparison.contradiction import unsupported_by_score
from ..core.document import Article
from ..core.flags import Flag
from ..core.results import Summary
from ..ingest import split_sentences
from ..prompts import Prompts
from ..qa.registry import CheckContext, run_checks
from .retranslate import is_repetitive
from .schedule import Job, ask, drive, gather, score
from .textutil import (
    balanced_chunks,
    chunk_by_tokens,
    clean_output,
    copy_ratio,
    is_meta,
    repeats_a_phrase,
)

# Tokens per summary prompt; longer sections are summarized in stages (map, then reduce).
# Prompt cost per token grows with the prompt on a CPU (ct2, SmolLM2-135M, one prompt: 0.95 ms
# per token at 200 tokens, 0.9 at 400, 1.25 at 800, 2.2 at 1,600; each decoding step 17, 24,
# 25 and 53 ms), so short pieces keep long inputs linear. A 5,000-word article: 46 s at 384
# or 768 tokens per piece, 52 s at 1,536 (4 pieces, then a 1,600-token retry alone took 9 s).
MAX_INPUT_TOKENS = (
    768  # the sample's longest section is 614 tokens: sections of news articles fit whole
)
# Pieces of long inputs, and every summary asked again, never repeat a 4-token phrase of their
# own: small models otherwise loop on long inputs ("The article is: The article is: ..."); with
# it, SmolLM2-135M on a 5,000-word article gave no loop in 23 summaries, against 10 loops (each
# asked again) in 24 without.
NO_REPEAT_NGRAM = 4
COPY_THRESHOLD = 0.6  # share of 5-grams copied verbatim from the source that counts as a copy
Progress = Callable[[str, int], None]  # (stage, units done since last call)


@dataclass(frozen=True)
class _Job:
    key: str  # section id or "article"
    title: str
    text: str  # what the prompt shows
    task: str  # prompt table: "summarize" | "article_summary"
    original: str = ""  # what a copy is measured against (default: text)
    partial: bool = False  # a piece of a long input: its summary feeds the next stage, never shown

    @property
    def source(self) -> str:
        return self.original or self.text


def summary_budget(sentences: int, decoding: Decoding, partial: bool = False) -> int:
    """New tokens for a summary; a partial one (of one piece of a long input) gets fewer.

    Each decoding step costs more the longer the prompt (ct2, SmolLM2-135M, 8 prompts of 800
    tokens: 20 ms per sequence and step, against 7 ms at 200 tokens), so on long inputs the
    partial summaries' tokens are most of the time.
    """
    return min(decoding.max_new_tokens, (24 if partial else 40) * sentences + 24)


def finish_summary(
    raw: str, source: str, sentences: int, cut_off: bool = False, looped: bool = False
) -> tuple[str, tuple[str, ...], list[Flag]]:
    """Clean a reply, enforce the sentence limit, and flag problems (empty, copy, trimmed).

    ``cut_off`` says the reply hit its token budget: an unfinished last sentence is dropped.
    ``looped`` says the engine stopped it in a loop; a loop (or any repetitive reply) gives an
    empty summary flagged ``repetitive``.
    Sentences about the text itself ("The text is a summary of ...") are dropped and flagged.
    """
    text = clean_output(raw)
    flags: list[Flag] = []
    loop = Flag("repetitive", text[:120], "the reply repeats a phrase in a loop")
    if looped or is_repetitive(text):  # a loop is never a summary: flagged, retried, not shown
        return "", (), [loop]
    sents = [s.text for s in split_sentences(text, "x")] if text else []
    meta = [s for s in sents if is_meta(s)]
    if meta and len(meta) < len(sents):
        flags.append(Flag("dropped-meta", " ".join(meta), "sentences about the text itself"))
        sents = [s for s in sents if not is_meta(s)]
    if cut_off and len(sents) > 1 and not sents[-1].endswith(tuple(".!?\"”»)")):
        flags.append(Flag("trimmed", sents[-1], "unfinished sentence at the token limit"))
        sents = sents[:-1]
    if len(sents) > sentences:
        flags.append(
            Flag("trimmed", " ".join(sents[sentences:]), f"cut to {sentences} sentence(s)")
        )
        sents = sents[:sentences]
    text = " ".join(sents)
    if repeats_a_phrase(text, source):  # what would be shown says the same phrase twice or more
        return "", (), [loop]
    if not text:
        flags.append(Flag("empty", "", "the model returned no summary"))
    elif (ratio := copy_ratio(text, source)) >= COPY_THRESHOLD:
        flags.append(Flag("copy", text, f"{ratio:.0%} copied verbatim from the source"))
    if text:  # the registered checks: numbers, dates and names the summary adds to its source
        ctx = CheckContext(version="summary", kind="summary")
        flags.extend(run_checks(source, text, ctx))
    return text, tuple(sents), flags


def _bad(flags: list[Flag], partial: bool = False) -> bool:
    """A reply worth asking again: empty, a loop, or (shown summaries only) a copy.

    A partial summary that copies its piece still shortens it for the next stage, which
    rewrites it; asking again would cost a second pass over the long input.
    """
    kinds = (
        ("empty", "repetitive") if partial
        else ("empty", "copy", "repetitive", "model-unsupported")
    )
    return any(f.kind in kinds for f in flags)


def _first(summarize, jobs: Sequence[_Job], decoding: Decoding):
    """Ask for the first summary of every job: pieces of long inputs without repeated phrases,
    the others with the run's decoding (so a compare's section summaries share the engine's
    batches with the retranslations); a shown summary that loops is asked again without them."""
    pieces = [j for j in jobs if j.partial]
    whole = [j for j in jobs if not j.partial]
    asks = []
    if whole:
        asks.append(summarize("user", whole, decoding))
    if pieces:
        asks.append(summarize("user", pieces, replace(decoding, no_repeat_ngram=NO_REPEAT_NGRAM)))
    replies = dict(zip([j.key for j in whole + pieces],
                       [r for rs in (yield from gather(asks)) for r in rs]))
    return [replies[j.key] for j in jobs]


def _run(
    jobs: Sequence[_Job], gen: Generator, prompts: Prompts, decoding: Decoding, sentences: int,
    progress: Progress | None,
) -> Job[dict[str, tuple[str, tuple[str, ...], list[Flag], int]]]:
    """Summarize each job once, retry the bad ones with the strict prompt, return by key."""

    def summarize(part: str, batch: Sequence[_Job], dec: Decoding):
        ps = [
            Prompt(
                prompts.format(j.task, part, sentences=sentences, title=j.title, text=j.text),
                prompts.get(j.task, "system"),
                summary_budget(sentences, decoding, j.partial),
            )
            for j in batch
        ]
        gens = yield from ask(ps, dec, gen, "summaries" if part == "user" else "retries")
        out = [(g.text, g.finish_reason == "length", g.finish_reason == "repetition") for g in gens]
        if progress:
            progress("summaries" if part == "user" else "summaries (retry)", len(batch))
        return out

    results = {}
    for job, (raw, cut, looped) in zip(jobs, (yield from _first(summarize, jobs, decoding))):
        results[job.key] = (*finish_summary(raw, job.source, sentences, cut, looped), 1)
    yield from _support(jobs, results, gen, prompts, sentences)
    retry = [j for j in jobs if _bad(results[j.key][2], j.partial)]
    if retry:
        for job, (raw, cut, looped) in zip(
            retry,
            (
                yield from summarize(
                    "strict_user", retry, replace(decoding, no_repeat_ngram=NO_REPEAT_NGRAM)
                )
            ),
        ):
            text, sents, flags = finish_summary(raw, job.source, sentences, cut, looped)
            if not text and results[job.key][0]:  # an empty retry: keep the flagged first reply
                text, sents, flags = results[job.key][:3]
            flags.append(
                Flag(
                    "retried",
                    "",
                    "the first reply was empty, a copy, a loop or "
                    "unsupported; asked again with a stricter prompt",
                )
            )
            results[job.key] = (text, sents, flags, 2)
        yield from _support(retry, results, gen, prompts, sentences, retried=True)
    return results


# A summary sentence its source does not make clearly more likely (the margin and floor of
# ``comparison.contradiction.unsupported_by_score``) is one the model would say anyway.
NO_SOURCE = "(no text)"


def _support(jobs: Sequence[_Job], results: dict, gen: Generator, prompts: Prompts,
             sentences: int, retried: bool = False) -> Job[None]:
    """Score every sentence of the shown summaries with and without their source; flag (and, on
    the first try, make worth asking again) a sentence the source does not make more likely."""
    if not can_score(gen):
        return
    shown = [j for j in jobs if not j.partial and results[j.key][1]]
    pairs = [(j, s) for j in shown for s in results[j.key][1]]
    if not pairs:
        return
    asks_p, asks_r = [], []
    for j, sent in pairs:
        for text in (j.text, NO_SOURCE):
            asks_p.append(Prompt(prompts.format(j.task, "user", sentences=sentences, title=j.title,
                                                text=text), prompts.get(j.task, "system")))
            asks_r.append(sent)
    got = yield from score(asks_p, asks_r, gen, "summaries")
    for k, (j, sent) in enumerate(pairs):
        found = unsupported_by_score(sent, got[2 * k], got[2 * k + 1])
        if found is not None:
            text, sents, flags, attempts = results[j.key]
            results[j.key] = (text, sents, [*flags, Flag("model-unsupported", sent, found.detail)],
                              attempts)


def summarize_sections(
    article: Article, gen: Generator, prompts: Prompts, decoding: Decoding, sentences: int,
    progress: Progress | None = None,
) -> tuple[dict[str, Summary], Summary]:
    """Return abstractive summaries by section id, and the whole-article summary."""
    return drive(summarize_job(article, gen, prompts, decoding, sentences, progress))


def summarize_job(
    article: Article, gen: Generator, prompts: Prompts, decoding: Decoding, sentences: int,
    progress: Progress | None = None,
) -> Job[tuple[dict[str, Summary], Summary]]:
    """Summaries by section id and of the whole article, as a scheduled job."""
    overhead = max(gen.count_tokens([prompts.get("summarize", "user")])[0] + 64, 128)
    budget = max(
        256,
        min(
            MAX_INPUT_TOKENS,
            gen.info.context_length - overhead - summary_budget(sentences, decoding),
        ),
    )
    # Stage 1: every chunk of every section, in one batch.
    plan: dict[str, list[list[str]]] = {
        s.id: balanced_chunks([p.text for p in s.paragraphs], gen.count_tokens, budget)
        for s in article.sections
    }
    stages = {s.id: 1 for s in article.sections}
    titles = {s.id: s.title or "(introduction)" for s in article.sections}
    pending = {sid: ["\n\n".join(c) for c in chunks] for sid, chunks in plan.items()}
    final: dict[str, tuple] = {}
    while pending:
        jobs = [
            _Job(f"{sid}#{i}", titles[sid], text, "summarize", partial=len(texts) > 1)
            for sid, texts in pending.items()
            for i, text in enumerate(texts)
        ]
        done = yield from _run(jobs, gen, prompts, decoding, sentences, progress)
        nxt: dict[str, list[str]] = {}
        for sid, texts in pending.items():
            if len(texts) == 1:
                final[sid] = done[f"{sid}#0"]
                continue
            # several chunks: summarize their summaries (again in chunks if still too long)
            stages[sid] += 1
            partial = [done[f"{sid}#{i}"][0] for i in range(len(texts)) if done[f"{sid}#{i}"][0]]
            if not partial:  # every chunk failed (empty or a loop): keep the first, flagged
                final[sid] = done[f"{sid}#0"]
                continue
            nxt[sid] = ["\n".join(c) for c in balanced_chunks(partial, gen.count_tokens, budget)]
        pending = nxt
    summaries = {
        sid: Summary(
            text, sents, tuple(flags), "abstractive", len(plan[sid]), stages[sid], attempts
        )
        for sid, (text, sents, flags, attempts) in final.items()
    }
    # The article summary is made from the section summaries (in stages if needed).
    parts = [
        f"{titles[s.id]}: {summaries[s.id].text}" for s in article.sections if summaries[s.id].text
    ]
    joined = chunk_by_tokens(parts, gen.count_tokens, budget)
    stage_count = 1
    while len(joined) > 1:
        stage_count += 1
        done = yield from _run(
            [
                _Job(f"a#{i}", article.title or "", "\n".join(c), "article_summary", partial=True)
                for i, c in enumerate(joined)
            ],
            gen,
            prompts,
            decoding,
            sentences,
            progress,
        )
        joined = chunk_by_tokens(
            [done[f"a#{i}"][0] for i in range(len(joined))], gen.count_tokens, budget
        )
    source = "\n".join(joined[0]) if joined else ""
    whole = "\n\n".join(s.text for s in article.sections)  # a copy is measured against the article
    done = yield from _run(
        [_Job("article", article.title or "(untitled)", source, "article_summary", whole)],
        gen,
        prompts,
        decoding,
        sentences,
        progress,
    )
    text, sents, flags, attempts = done["article"]
    return summaries, Summary(
        text, sents, tuple(flags), "abstractive", len(parts), stage_count, attempts
    )


def _central(sentences: Sequence[str], vectors: np.ndarray, n: int) -> tuple[str, ...]:
    if len(sentences) <= n:
        return tuple(sentences)
    centroid = vectors.mean(axis=0)
    scores = vectors @ centroid
    best = sorted(np.argsort(-scores, kind="stable")[:n])
    return tuple(sentences[i] for i in best)


def extract_sections(
    article: Article, embedder, sentences: int
) -> tuple[dict[str, Summary], Summary]:
    """Pick the ``sentences`` most central sentences of each section and of the article."""
    all_sents = [s.text for s in (x for sec in article.sections for x in sec.sentences)]
    vectors = embedder.embed(all_sents)
    out: dict[str, Summary] = {}
    i = 0
    for section in article.sections:
        n = len(section.sentences)
        chosen = _central(all_sents[i : i + n], vectors[i : i + n], sentences)
        out[section.id] = Summary(" ".join(chosen), chosen, (), "extractive")
        i += n
    chosen = _central(all_sents, vectors, sentences)
    return out, Summary(" ".join(chosen), chosen, (), "extractive")
