"""The Python API: ``load_article``, ``summarize``, ``retranslate``, ``compare``.

Every function takes an :class:`~toolkit.core.document.Article`, a path, or a plain string, plus an
optional profile (``"fast"``, a TOML path, or a :class:`~toolkit.core.config.Settings`), and returns
a :class:`~toolkit.core.results.Result`. Engines can be injected (``generator=``, ``embedder=``) for
tests; otherwise they are loaded once per process.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._version import __version__
from .core.config import Settings, load_settings, with_overrides
from .core.document import Article
from .core.results import ParagraphResult, Result, SectionResult, Signature
from .ingest import load_article as _load_article
from .prompts import load_prompts

if TYPE_CHECKING:
    from .qa.options import CheckOptions
    from .tasks.retranslate import RetranslateOptions

Progress = Callable[[str, int], None]


def load_article(source: str | Path | Article, *, fmt: str | None = None,
                 keep_boilerplate: bool = False, source_language: str | None = None) -> Article:
    """Return an Article from a path, raw text, or an Article (returned as is).

    ``keep_boilerplate`` keeps site furniture as text (flagged ``maybe-boilerplate``);
    ``source_language`` replaces the detected source language (the evidence says "given").
    """
    art = source if isinstance(source, Article) else _load_article(
        source, fmt=fmt, keep_boilerplate=keep_boilerplate)
    if source_language:
        meta = replace(art.metadata, source_language=source_language,
                       language_evidence=("given: --source-language or [ingest] source_language",))
        art = replace(art, metadata=meta)
    return art


FALLBACK_PIVOT = "French"
"""The round-trip pivot when neither the setting nor the article names a language."""


def with_language(settings: Settings, art: Article) -> Settings:
    """Return ``settings`` with the article's source language and the pivot resolved.

    The language is the one given (``source_language``) or detected; the pivot defaults to it
    (``FALLBACK_PIVOT`` when unknown). Both then go into prompts, the signature and the cache.
    """
    language = settings.source_language or art.metadata.source_language or ""
    pivot = settings.pivot or language or FALLBACK_PIVOT
    return replace(settings, source_language=language or "unknown", pivot=pivot)


def language_name(settings: Settings) -> str:
    """Return the source language as prompts say it ("another language" when unknown)."""
    from .ingest.language import UNKNOWN_LANGUAGE

    lang = settings.source_language
    return UNKNOWN_LANGUAGE if not lang or lang == "unknown" else lang


def _progress(progress: Progress | None) -> Progress | None:
    """Default to tqdm bars inside a Jupyter kernel; elsewhere no progress unless asked."""
    if progress is not None:
        return progress
    from .notebook import default_progress

    return default_progress()


def settings_for(config: str | Path | Settings | None = None, **overrides: Any) -> Settings:
    """Return effective settings: a profile (name, path or Settings) plus keyword overrides."""
    if isinstance(config, Settings):
        return with_overrides(config, overrides)
    return load_settings(config, overrides=overrides)[0]


def summarize(
    article: str | Path | Article,
    config: str | Path | Settings | None = None,
    *,
    generator=None,
    embedder=None,
    progress: Progress | None = None,
    **overrides: Any,
) -> Result:
    """Summarize every section (at most ``sentences`` sentences each) and the whole article."""
    from .backends import decoding_from, load_embedder, load_generator
    from .signature import component_versions, run_options

    settings = settings_for(config, **overrides)
    progress = _progress(progress)
    art = load_article(article, keep_boilerplate=settings.keep_boilerplate,
                       source_language=settings.source_language)
    settings = with_language(settings, art)
    prompts = load_prompts(settings.prompts)
    extractive = settings.summary_method == "extractive"
    if extractive:
        embedder = embedder or load_embedder(settings)
    else:
        generator = generator or load_generator(settings)
    t0 = time.perf_counter()
    sums, whole = _summaries(art, settings, prompts, generator, embedder, progress)
    elapsed = time.perf_counter() - t0
    signature = Signature(
        toolkit=__version__,
        generator=None if extractive else generator.info,
        embedder=embedder.info if embedder is not None else None,
        decoding=None if extractive else decoding_from(settings),
        prompts_sha256=prompts.sha256,
        task="summarize",
        options=run_options("summarize", settings, ()),
        versions=component_versions("summarize", ()),
    )
    return Result("summarize", art, _sections(art, sums), whole, signature,
                  (("summarize", round(elapsed, 3)),))


def retranslate(
    article: str | Path | Article,
    config: str | Path | Settings | None = None,
    *,
    generator=None,
    source: str | Path | None = None,
    source_language: str | None = None,
    progress: Progress | None = None,
    review: str | Path | Any = None,
    **overrides: Any,
) -> Result:
    """Give every paragraph alternative English renderings by several strategies, fact-checked.

    ``source`` is the original-language article (a path or text) for the ``source-edit``
    strategy; its paragraphs are aligned to the English ones. ``review`` is a review file (or a
    loaded :class:`~toolkit.qa.review.Review`) whose flags are marked reviewed.
    """
    from .backends import decoding_from
    from .qa.article import check_article

    settings = settings_for(config, source_language=source_language, **overrides)
    art = load_article(article, keep_boilerplate=settings.keep_boilerplate,
                       source_language=settings.source_language)
    settings = with_language(settings, art)
    strategies = run_strategies(settings, source)
    generators = _generators(settings, strategies, generator)
    t0 = time.perf_counter()
    job = _job(art, settings, strategies, source, progress)
    alts = _alternatives(job, generators)
    result = Result("retranslate", art, _sections(art, None, alts), None,
                    _signature("retranslate", generators, None, decoding_from(settings), job))
    result = check_article(result, job.checks, job.sources, original=False)
    result = replace(result, timings=(("retranslate", round(time.perf_counter() - t0, 3)),))
    return _reviewed(result, review)


def compare(
    article: str | Path | Article,
    config: str | Path | Settings | None = None,
    *,
    generator=None,
    embedder=None,
    source: str | Path | None = None,
    source_language: str | None = None,
    versions: Mapping[str, str | Path | Article] | Sequence[str | Path] | None = None,
    reference: str | Path | Article | None = None,
    segments: str = "paragraphs",
    bootstrap: int = 1000,
    trials: int = 10000,
    significance_seed: int = 12345,
    progress: Progress | None = None,
    review: str | Path | Any = None,
    on_paragraph: Callable[[ParagraphResult], None] | None = None,
    **overrides: Any,
) -> Result:
    """Summarize, retranslate and compare in one go, with one loaded model for both.

    The summaries and every strategy are one scheduled job (their prompts share the engine's
    batches); paragraphs are done in waves, and ``on_paragraph`` gets each compared paragraph as
    soon as its wave is in (in a notebook, a table grows by default).

    Every paragraph gets its alternatives aligned sentence by sentence with the original,
    word-diffed, scored (chrF, TER, embedding similarity, agreement, uncertainty) and checked
    for machine-translation noise; every summary sentence is linked to its evidence.

    ``versions`` (``{"deepl": path}``, or a list of paths named by stem) are other English
    versions of the article and ``reference`` a human reference: they are aligned to the
    article's paragraphs (``segments="lines"``: line by line), compared, and with a reference
    scored by sacreBLEU with bootstrap intervals and paired tests against the article
    (``bootstrap`` resamples, ``trials`` approximate-randomization trials, ``significance_seed``).
    ``strategies="none"`` generates nothing and loads no generator (only the embedder, and not
    even that without versions: then only the original's checks run, a QA pass in seconds).
    """
    from .backends import decoding_from, load_embedder, load_generator
    from .comparison.article import compare_sections
    from .comparison.versions import GivenVersion, load_version, name_versions
    from .qa.article import check_article

    settings = settings_for(config, source_language=source_language, **overrides)
    art = load_version(article, segments) if segments == "lines" else load_article(
        article, keep_boilerplate=settings.keep_boilerplate)
    art = load_article(art, source_language=settings.source_language)
    settings = with_language(settings, art)
    given = [GivenVersion(name, "given", load_version(src, segments), _path_of(src))
             for name, src in name_versions(versions)]
    if reference is not None:
        given.append(GivenVersion("reference", "reference", load_version(reference, segments),
                                  _path_of(reference)))
    strategies = run_strategies(settings, source)
    generators = _generators(settings, strategies, generator) if strategies else {}
    main = (generator or load_generator(settings)) if strategies else None  # shared by strategies
    comparing = bool(given) or segments == "lines"
    if main is not None or comparing:  # alternatives, summaries or versions are embedded
        embedder = embedder or load_embedder(settings)
    else:  # only the original's checks run: nothing to embed, no model to load
        embedder = None
    job = _job(art, settings, strategies, source, progress, segments)
    timings: list[tuple[str, float]] = []
    whole = alts = None
    usage: tuple[tuple[str, int], ...] = ()
    samples: dict = {}
    if main is not None:
        sections, whole, alts, timings, usage, samples = _generate_and_compare(
            job, main, generators, embedder, on_paragraph)
    else:
        t0 = time.perf_counter()
        embed = embedder.embed if embedder is not None else None
        sections = compare_sections(_sections(art), embed, job.progress, job.checks, job.sources)
        timings.append(("compare", time.perf_counter() - t0))
    gens = {"main": main, **generators} if main is not None else {}
    signature = _signature("compare", gens, embedder, decoding_from(settings) if main else None,
                           job)
    result = Result("compare", art, sections, whole, signature, usage=usage)
    # The article checks see versions as they come in: the original and the alternatives now
    # (the suggestion reads their flags), given versions once they are aligned.
    t0 = time.perf_counter()
    result = check_article(result, job.checks, job.sources, versions=strategies)
    timings.append(("article checks", time.perf_counter() - t0))
    if main is not None and settings.suggest:
        t0 = time.perf_counter()
        rule = _suggest_rule(job, main)
        result = replace(result, sections=_suggested(result.sections, main, job, samples),
                         signature=_with_options(result.signature, ("suggest", rule)))
        timings.append(("suggestion", time.perf_counter() - t0))
        alts = {pr.paragraph.id: (*pr.alternatives, _as_alternative(pr.suggestion, main))
                for pr in result.paragraphs}
    if comparing:
        from .comparison.versions import VersionOptions, compare_versions

        t0 = time.perf_counter()
        options = VersionOptions(segments, bootstrap, trials, significance_seed, checks=job.checks)
        compared = compare_versions(art, given, embedder.embed, generated=alts, options=options,
                                    sources=job.sources, progress=job.progress)
        extra = (("versions", ",".join(v.name for v in compared.versions[1:])),
                 ("segments", segments))
        if compared.scores:
            extra += (("significance", f"bs:{bootstrap},ar:{trials},seed:{significance_seed}"),)
        result = replace(result, versions=compared,
                         signature=_with_options(result.signature, *extra))
        result = check_article(result, job.checks, job.sources, original=False,
                               versions=[g.name for g in given])
        timings.append(("versions", time.perf_counter() - t0))
    result = replace(result, timings=tuple((k, round(v, 3)) for k, v in timings))
    return _reviewed(result, review)


@dataclass(frozen=True)
class _Job:
    """What every step of one API call shares, built once by :func:`_job`."""

    article: Article
    settings: Settings
    strategies: tuple[str, ...]
    retranslate: RetranslateOptions  # prompts, decoding, strategies, n, pivot, checks
    sources: list[str] | None  # the source-language paragraphs aligned to the article's
    progress: Progress | None

    @property
    def checks(self) -> CheckOptions:
        return self.retranslate.checks


def _job(art: Article, settings: Settings, strategies: list[str], source: str | Path | None,
         progress: Progress | None, segments: str = "paragraphs") -> _Job:
    """Load the prompts, the checks' options and the aligned source once for a call.

    ``settings`` have the article's source language and pivot resolved (:func:`with_language`);
    prompts say the language as :func:`language_name` does."""
    from .backends import decoding_from
    from .qa.options import options_from_settings
    from .tasks.retranslate import RetranslateOptions

    options = RetranslateOptions(load_prompts(settings.prompts), decoding_from(settings),
                                 tuple(strategies), settings.alternatives, settings.pivot,
                                 language_name(settings), options_from_settings(settings))
    return _Job(art, settings, tuple(strategies), options,
                _aligned_source(art, source, segments), _progress(progress))


def _path_of(source) -> str | None:
    """Return the path of a version given as a path (None for text or an Article)."""
    if isinstance(source, Path) or (isinstance(source, str) and "\n" not in source):
        return str(source)
    return None


def _generate_and_compare(job: _Job, main, generators: dict, embedder, on_paragraph):
    """Generate summaries and alternatives as one scheduled job; compare paragraphs per wave.

    Return (sections, article summary, alternatives by paragraph id, timings, usage, vote
    samples by paragraph id): timings are engine seconds by stage (a shared call split by
    tokens), comparison, evidence, and the rest ("other"); usage counts engine calls and tokens;
    the samples are the extra post-edits that vote on the suggestion's edits.
    """
    from .comparison.article import compare_paragraph, link_summaries
    from .tasks.pipeline import compare_job, retranslate_in_waves, wave_size
    from .tasks.retranslate import retranslate_job
    from .tasks.schedule import Clock, drive
    from .tasks.summarize import extract_sections, summarize_job

    art, settings, progress = job.article, job.settings, job.progress
    decoding = job.retranslate.decoding
    context = "\n".join(p.text for p in art.paragraphs)
    ids = [p.id for p in art.paragraphs]
    src_by_id = dict(zip(ids, job.sources)) if job.sources is not None else {}
    if on_paragraph is None:
        from .notebook import default_on_paragraph

        on_paragraph = default_on_paragraph()

    def retranslate(part: Article):
        part_src = [src_by_id[p.id] for p in part.paragraphs] if job.sources is not None else None
        return retranslate_job(part, generators, job.retranslate, part_src, progress,
                               context=context)

    compared: dict[str, ParagraphResult] = {}
    spent = {"compare": 0.0}

    def on_wave(wave: dict) -> None:
        t0 = time.perf_counter()
        for para in (p for p in art.paragraphs if p.id in wave):
            done = compare_paragraph(ParagraphResult(para, wave[para.id]), embedder.embed,
                                     job.checks, src_by_id.get(para.id))
            compared[para.id] = done
            if progress:
                progress("comparing", 1)
            if on_paragraph is not None:
                on_paragraph(done)
        spent["compare"] += time.perf_counter() - t0

    extractive = settings.summary_method == "extractive"
    summaries = None if extractive else summarize_job(art, main, job.retranslate.prompts, decoding,
                                                      settings.sentences, progress)
    clock = Clock()
    t0 = time.perf_counter()
    # Waves only when someone watches: each wave has its own small retry call, so one wave is
    # faster for the whole job (22 paragraphs, 0.5B: 94.9 s in one wave, 116.7 s in waves of 8).
    size = (
        wave_size(decoding, len(job.strategies))
        if on_paragraph is not None
        else len(art.paragraphs)
    )
    votes = None
    if settings.suggest and settings.suggest_samples and "post-edit" in job.strategies:
        from .tasks.suggest import samples_job

        votes = samples_job(art.paragraphs, generators["post-edit"], job.retranslate.prompts,
                            settings.suggest_samples, decoding, _values(job))
    (sums_whole, alts), samples = drive(
        _with_samples(
            compare_job(summaries, retranslate_in_waves(art, size, retranslate, on_wave)), votes
        ),
        clock,
    )
    sums, whole = (
        sums_whole
        if sums_whole is not None
        else extract_sections(art, embedder, settings.sentences)
    )
    wall = time.perf_counter() - t0
    t1 = time.perf_counter()
    sections = tuple(
        SectionResult(s, sums[s.id], tuple(compared[p.id] for p in s.paragraphs))
        for s in art.sections
    )
    sections = link_summaries(sections, embedder.embed)
    timings = [
        *((f"generate {k}", v) for k, v in clock.seconds.items()),
        ("compare", spent["compare"]),
        ("evidence", time.perf_counter() - t1),
        ("other", max(0.0, wall - sum(clock.seconds.values()) - spent["compare"])),
    ]
    samples_by_id = dict(zip((p.id for p in art.paragraphs), samples)) if samples else {}
    return sections, whole, alts, timings, clock.usage(), samples_by_id


def _with_samples(job, votes):
    """Run ``job`` and the vote samples side by side (their prompts share batches)."""
    from .tasks.schedule import gather

    if votes is None:
        return (yield from job), None
    done, samples = yield from gather([job, votes])
    return done, samples


def _values(job: _Job) -> dict[str, str]:
    """The values prompt templates fill in besides the text (pivot and source language)."""
    return {"pivot": job.retranslate.pivot, "language": job.retranslate.source_language}


def _suggested(sections, engine, job: _Job, samples: dict):
    """Give every paragraph its suggested reading (scored by ``engine`` when it can score)."""
    from .comparison.suggest import Policy
    from .tasks.schedule import drive
    from .tasks.suggest import suggest_job

    paragraphs = [pr for s in sections for pr in s.paragraphs]
    sources = job.sources
    by_id = dict(zip((p.paragraph.id for p in paragraphs), sources)) if sources else None
    from .backends.base import can_score

    scorer = engine if can_score(engine) else None
    found = drive(suggest_job(
        [p.paragraph for p in paragraphs], [p.alternatives for p in paragraphs],
        [samples.get(p.paragraph.id, ()) for p in paragraphs], scorer, job.retranslate.prompts,
        Policy(), [by_id[p.paragraph.id] for p in paragraphs] if by_id else None, _values(job)))
    chosen = dict(zip((p.paragraph.id for p in paragraphs), found))
    return tuple(replace(s, paragraphs=tuple(replace(pr, suggestion=chosen[pr.paragraph.id])
                                             for pr in s.paragraphs)) for s in sections)


def _suggest_rule(job: _Job, engine) -> str:
    """How the suggestion was chosen, for the signature: ``samples:2`` (extra post-edits that
    voted), ``,unscored`` when the engine could not score candidates."""
    from .backends.base import can_score

    n = job.settings.suggest_samples if "post-edit" in job.strategies else 0
    return f"samples:{n}" + ("" if can_score(engine) else ",unscored")


def _with_options(signature: Signature, *pairs: tuple[str, Any]) -> Signature:
    """``signature`` with the (key, value) ``pairs`` added to its options."""
    return replace(signature, options=(*signature.options, *pairs))


def _as_alternative(suggestion, engine):
    """The suggestion as a generated version named ``suggested`` (for versions and scores)."""
    from .core.results import Alternative

    return Alternative("suggested", engine.info.id, suggestion.text, suggestion.flags)


# ------------------------------------------------------------------ steps shared by the tasks
def _summaries(
    art: Article, settings: Settings, prompts, generator, embedder, progress: Progress | None
):
    """Return (summary by section id, article summary) by the configured method."""
    from .backends import decoding_from
    from .tasks.summarize import extract_sections, summarize_sections

    if settings.summary_method == "extractive":
        return extract_sections(art, embedder, settings.sentences)
    return summarize_sections(
        art, generator, prompts, decoding_from(settings), settings.sentences, progress
    )


SOURCE_STRATEGY = "source-edit"
"""Added when a source text is given and no configured strategy reads it. A post-edit of the MT
beside its original, not a translation from scratch: on WMT22 with the default pack, from-source
lost 12.7 (ja-en) and 7.4 (uk-en) chrF to the weakest MT, source-edit -1.6 and +0.4
(``benchmarks/quality.py``, README)."""


def run_strategies(settings: Settings, source: str | Path | None) -> list[str]:
    """The configured strategies, plus :data:`SOURCE_STRATEGY` when a source text is given and
    none of them reads it (``--strategies none``: nothing is generated)."""
    from .strategies import get_strategy

    strategies = [s for s in settings.strategies if s != "none"]  # "none": generate nothing
    reads = any(get_strategy(s).needs_source for s in strategies)
    if source is not None and not reads and "none" not in settings.strategies:
        strategies.append(SOURCE_STRATEGY)
    return strategies


def _alternatives(job: _Job, generators: dict) -> dict:
    """Return the alternatives of every paragraph, by paragraph id."""
    from .tasks.retranslate import retranslate_paragraphs

    alts = retranslate_paragraphs(job.article, generators, job.retranslate, source=job.sources,
                                  progress=job.progress)
    return {p.id: a for p, a in zip(job.article.paragraphs, alts)}


def _aligned_source(art: Article, source: str | Path | None,
                    segments: str = "paragraphs") -> list[str] | None:
    """Read the original-language article once; return its text aligned to ``art``'s paragraphs
    (``segments="lines"``: line *i* of the source goes with line *i* of the article)."""
    if source is None:
        return None
    from .tasks.retranslate import align_source

    if segments == "lines":
        from .comparison.versions import line_placements, lines_article

        placed = line_placements(art, lines_article(source), "the source")
        return [placed[p.id].text for p in art.paragraphs]
    return align_source(art.paragraphs, [p.text for p in _load_article(source).paragraphs])


def _reviewed(result: Result, review) -> Result:
    """Mark the flags a review file lists as reviewed."""
    if review is None:
        return result
    from .qa.review import Review, apply_review, load_review

    return apply_review(result, review if isinstance(review, Review) else load_review(review))


def _sections(
    art: Article, sums: dict | None = None, alts: dict | None = None
) -> tuple[SectionResult, ...]:
    """Assemble the per-section results from summaries and alternatives (either may be absent)."""
    return tuple(
        SectionResult(s, sums[s.id] if sums else None,
                      tuple(ParagraphResult(p, alts[p.id] if alts else ()) for p in s.paragraphs))
        for s in art.sections
    )


def _generators(settings: Settings, strategies: list[str], injected=None) -> dict:
    """Return the generator for each strategy (one load per distinct model)."""
    from .backends import load_generator
    from .strategies import get_strategy, strategy_model

    for s in strategies:
        get_strategy(s)  # an unknown name is a ConfigError before any model loads
    if injected is not None:
        return {s: injected for s in strategies}
    return {s: load_generator(replace(settings, generator=strategy_model(settings, s)))
            for s in strategies}


def _signature(task: str, generators: dict, embedder, decoding, job: _Job) -> Signature:
    from .signature import component_versions, metric_versions, run_options

    gens = list({id(g): g for g in generators.values()}.values())
    also = [g.info.id for g in gens[1:]]
    return Signature(
        toolkit=__version__,
        generator=gens[0].info if gens else None,
        embedder=embedder.info if embedder else None,
        decoding=decoding,
        prompts_sha256=job.retranslate.prompts.sha256,
        task=task,
        options=run_options(task, job.settings, job.strategies, also),
        metrics=metric_versions(task),
        versions=component_versions(task, job.strategies),
    )
