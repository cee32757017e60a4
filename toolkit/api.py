"""The Python API: ``load_article``, ``summarize``, ``retranslate``, ``compare``.

Every function takes an :class:`~toolkit.core.document.Article`, a path, or a plain string, plus an
optional profile (``"fast"``, a TOML path, or a :class:`~toolkit.core.config.Settings`), and returns
a :class:`~toolkit.core.results.Result`. Engines can be injected (``generator=``, ``embedder=``) for
tests; otherwise they are loaded once per process.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from ._version import __version__
from .core.config import Settings, load_settings
from .core.document import Article
from .core.results import ParagraphResult, Result, SectionResult, Signature
from .ingest import load_article as _load_article
from .prompts import load_prompts

Progress = Callable[[str, int], None]


def load_article(source: str | Path | Article, *, fmt: str | None = None,
                 keep_boilerplate: bool = False) -> Article:
    """Return an Article from a path, raw text, or an Article (returned as is).

    ``keep_boilerplate`` keeps site furniture as text (flagged ``maybe-boilerplate``).
    """
    if isinstance(source, Article):
        return source
    return _load_article(source, fmt=fmt, keep_boilerplate=keep_boilerplate)


def _progress(progress: Progress | None) -> Progress | None:
    """Default to tqdm bars inside a Jupyter kernel; elsewhere no progress unless asked."""
    if progress is not None:
        return progress
    from .notebook import default_progress

    return default_progress()


def settings_for(config: str | Path | Settings | None = None, **overrides: Any) -> Settings:
    """Return effective settings: a profile (name, path or Settings) plus keyword overrides."""
    if isinstance(config, Settings):
        from .core.config import _coerce

        return replace(config, **{k: _coerce(k, v, k) for k, v in overrides.items() if v is not None})
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
    art = load_article(article, keep_boilerplate=settings.keep_boilerplate)
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
        __version__, None if extractive else generator.info, embedder.info if embedder is not None else None,
        None if extractive else decoding_from(settings), prompts.sha256, "summarize",
        run_options("summarize", settings, ()), (), component_versions("summarize", ()),
    )
    return Result("summarize", art, _sections(art, sums), whole, signature, (("summarize", round(elapsed, 3)),))


def retranslate(
    article: str | Path | Article,
    config: str | Path | Settings | None = None,
    *,
    generator=None,
    source: str | Path | None = None,
    source_language: str = "Persian",
    progress: Progress | None = None,
    review: str | Path | Any = None,
    **overrides: Any,
) -> Result:
    """Give every paragraph alternative English renderings by several strategies, fact-checked.

    ``source`` is the original-language article (a path or text) for the ``from-source``
    strategy; its paragraphs are aligned to the English ones. ``review`` is a review file (or a
    loaded :class:`~toolkit.qa.review.Review`) whose flags are marked reviewed.
    """
    from .backends import decoding_from

    settings = settings_for(config, **overrides)
    progress = _progress(progress)
    art = load_article(article, keep_boilerplate=settings.keep_boilerplate)
    prompts = load_prompts(settings.prompts)
    strategies = _strategies(settings, source)
    generators = _generators(settings, strategies, generator)
    checks = check_options(settings)
    t0 = time.perf_counter()
    sources = _aligned_source(art, source)
    alts = _alternatives(art, settings, prompts, generators, strategies, sources, source_language,
                         progress, checks)
    sections = _checked(_sections(art, None, alts), checks, sources)
    elapsed = time.perf_counter() - t0
    signature = _signature("retranslate", generators, None, decoding_from(settings), prompts, settings, strategies)
    result = Result("retranslate", art, sections, None, signature,
                    (("retranslate", round(elapsed, 3)),))
    return _reviewed(result, review)


def compare(
    article: str | Path | Article,
    config: str | Path | Settings | None = None,
    *,
    generator=None,
    embedder=None,
    source: str | Path | None = None,
    source_language: str = "Persian",
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
    ``strategies="none"`` generates nothing and loads no generator (only the embedder).
    """
    from .backends import decoding_from, load_embedder, load_generator
    from .comparison.article import compare_sections
    from .comparison.versions import GivenVersion, load_version, name_versions

    settings = settings_for(config, **overrides)
    progress = _progress(progress)
    art = load_version(article, segments) if segments == "lines" else load_article(article, keep_boilerplate=settings.keep_boilerplate)
    given = [GivenVersion(name, "given", load_version(src, segments), _path_of(src))
             for name, src in name_versions(versions)]
    if reference is not None:
        given.append(GivenVersion("reference", "reference", load_version(reference, segments),
                                  _path_of(reference)))
    prompts = load_prompts(settings.prompts)
    strategies = _strategies(settings, source)
    generators = _generators(settings, strategies, generator) if strategies else {}
    main = (generator or load_generator(settings)) if strategies else None  # shared by the strategies
    embedder = embedder or load_embedder(settings)
    checks = check_options(settings)
    timings: list[tuple[str, float]] = []
    whole = alts = None
    usage: tuple[tuple[str, int], ...] = ()
    sources = _aligned_source(art, source)
    if main is not None:
        sections, whole, alts, timings, usage = _generate_and_compare(
            art, settings, prompts, main, generators, strategies, embedder, sources, source_language,
            progress, checks, on_paragraph)
    else:
        t0 = time.perf_counter()
        sections = compare_sections(_sections(art), embedder.embed, progress)
        timings.append(("compare", time.perf_counter() - t0))
    t0 = time.perf_counter()
    sections = _checked(sections, checks, sources)
    timings.append(("article checks", time.perf_counter() - t0))
    compared = None
    if given or segments == "lines":
        from .comparison.versions import compare_versions

        t0 = time.perf_counter()
        compared = compare_versions(art, given, embedder.embed, generated=alts, segments=segments,
                                    seed=significance_seed, bootstrap=bootstrap, trials=trials,
                                    progress=progress, checks=checks)
        timings.append(("versions", time.perf_counter() - t0))
    gens = {"main": main, **generators} if main is not None else {}
    signature = _signature("compare", gens, embedder, decoding_from(settings) if main else None, prompts,
                           settings, strategies)
    if compared is not None:
        extra = (("versions", ",".join(v.name for v in compared.versions[1:])), ("segments", segments))
        if compared.scores:
            extra += (("significance", f"bs:{bootstrap},ar:{trials},seed:{significance_seed}"),)
        signature = replace(signature, options=signature.options + extra)
    result = Result("compare", art, sections, whole, signature,
                    tuple((k, round(v, 3)) for k, v in timings), versions=compared, usage=usage)
    return _reviewed(result, review)


def _path_of(source) -> str | None:
    """Return the path of a version given as a path (None for text or an Article)."""
    if isinstance(source, Path) or (isinstance(source, str) and "\n" not in source):
        return str(source)
    return None


def _generate_and_compare(art: Article, settings: Settings, prompts, main, generators: dict,
                          strategies: list[str], embedder, sources: list[str] | None,
                          source_language: str, progress: Progress | None, checks, on_paragraph):
    """Generate summaries and alternatives as one scheduled job; compare paragraphs per wave.

    ``sources`` are the original-language paragraphs aligned to the article's (or None).

    Return (sections, article summary, alternatives by paragraph id, timings, usage): timings
    are engine seconds by stage (a shared call split by tokens), comparison, evidence, and the
    rest ("other"); usage counts engine calls and tokens.
    """
    from .backends import decoding_from
    from .comparison.article import compare_paragraph, link_summaries
    from .tasks.pipeline import compare_job, retranslate_in_waves, wave_size
    from .tasks.retranslate import retranslate_job
    from .tasks.schedule import Clock, drive
    from .tasks.summarize import extract_sections, summarize_job

    decoding = decoding_from(settings)
    context = "\n".join(p.text for p in art.paragraphs)
    src_by_id = dict(zip((p.id for p in art.paragraphs), sources)) if sources is not None else None
    if on_paragraph is None:
        from .notebook import default_on_paragraph

        on_paragraph = default_on_paragraph()

    def retranslate(part: Article):
        part_src = [src_by_id[p.id] for p in part.paragraphs] if src_by_id is not None else None
        return retranslate_job(part, generators, prompts, decoding, strategies, settings.alternatives,
                               settings.pivot, part_src, source_language, progress, checks,
                               context=context)

    compared: dict[str, ParagraphResult] = {}
    spent = {"compare": 0.0}

    def on_wave(wave: dict) -> None:
        t0 = time.perf_counter()
        for para in (p for p in art.paragraphs if p.id in wave):
            done = compare_paragraph(ParagraphResult(para, wave[para.id]), embedder.embed)
            compared[para.id] = done
            if progress:
                progress("comparing", 1)
            if on_paragraph is not None:
                on_paragraph(done)
        spent["compare"] += time.perf_counter() - t0

    extractive = settings.summary_method == "extractive"
    summaries = None if extractive else summarize_job(art, main, prompts, decoding, settings.sentences,
                                                      progress)
    clock = Clock()
    t0 = time.perf_counter()
    # Waves only when someone watches: each wave has its own small retry call, so one wave is
    # faster for the whole job (22 paragraphs, 0.5B: 94.9 s in one wave, 116.7 s in waves of 8).
    size = wave_size(decoding, len(strategies)) if on_paragraph is not None else len(art.paragraphs)
    sums_whole, alts = drive(compare_job(summaries, retranslate_in_waves(art, size, retranslate, on_wave)),
                             clock)
    sums, whole = sums_whole if sums_whole is not None else extract_sections(art, embedder, settings.sentences)
    wall = time.perf_counter() - t0
    t1 = time.perf_counter()
    sections = tuple(
        SectionResult(s, sums[s.id], tuple(compared[p.id] for p in s.paragraphs)) for s in art.sections)
    sections = link_summaries(sections, embedder.embed)
    timings = [*((f"generate {k}", v) for k, v in clock.seconds.items()), ("compare", spent["compare"]),
               ("evidence", time.perf_counter() - t1),
               ("other", max(0.0, wall - sum(clock.seconds.values()) - spent["compare"]))]
    return sections, whole, alts, timings, clock.usage()


# ------------------------------------------------------------------ steps shared by the tasks
def _summaries(art: Article, settings: Settings, prompts, generator, embedder, progress: Progress | None):
    """Return (summary by section id, article summary) by the configured method."""
    from .backends import decoding_from
    from .tasks.summarize import extract_sections, summarize_sections

    if settings.summary_method == "extractive":
        return extract_sections(art, embedder, settings.sentences)
    return summarize_sections(art, generator, prompts, decoding_from(settings), settings.sentences, progress)


def _strategies(settings: Settings, source: str | Path | None) -> list[str]:
    """The configured strategies, plus ``from-source`` when a source text is given."""
    strategies = [s for s in settings.strategies if s != "none"]  # "none": generate nothing
    if source is not None and "from-source" not in strategies:
        strategies.append("from-source")
    return strategies


def _alternatives(art: Article, settings: Settings, prompts, generators: dict, strategies: list[str],
                  sources: list[str] | None, source_language: str, progress: Progress | None,
                  checks=None) -> dict:
    """Return the alternatives of every paragraph, by paragraph id (``sources``: aligned)."""
    from .backends import decoding_from
    from .tasks.retranslate import retranslate_paragraphs

    alts = retranslate_paragraphs(art, generators, prompts, decoding_from(settings), strategies,
                                  settings.alternatives, settings.pivot, sources, source_language,
                                  progress, checks)
    return {p.id: a for p, a in zip(art.paragraphs, alts)}


def check_options(settings: Settings):
    """Return the checks' options of ``settings``: the glossary, ``--only``/``--ignore`` kinds."""
    from .qa.glossary import load_glossary
    from .qa.options import CheckOptions, resolve_kinds

    glossary = load_glossary(settings.glossary) if settings.glossary else None
    return CheckOptions(glossary, resolve_kinds(settings.check_only, "--only"),
                        resolve_kinds(settings.check_ignore, "--ignore"))


def _aligned_source(art: Article, source: str | Path | None) -> list[str] | None:
    """Read the original-language article once; return its text aligned to ``art``'s paragraphs."""
    if source is None:
        return None
    from .tasks.retranslate import align_source

    return align_source(art.paragraphs, [p.text for p in _load_article(source).paragraphs])


def _checked(sections: tuple[SectionResult, ...], checks, sources: list[str] | None):
    """Run the article-level QA pass (the original's own checks, inconsistent terms, filters)."""
    from .qa.options import check_article

    return check_article(sections, checks, sources)


def _reviewed(result: Result, review) -> Result:
    """Mark the flags a review file lists as reviewed."""
    if review is None:
        return result
    from .qa.review import Review, apply_review, load_review

    return apply_review(result, review if isinstance(review, Review) else load_review(review))


def _sections(art: Article, sums: dict | None = None, alts: dict | None = None) -> tuple[SectionResult, ...]:
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


def _signature(task: str, generators: dict, embedder, decoding, prompts, settings: Settings,
               strategies: list[str]) -> Signature:
    from .signature import component_versions, metric_versions, run_options

    gens = list({id(g): g for g in generators.values()}.values())
    also = [g.info.id for g in gens[1:]]
    return Signature(__version__, gens[0].info if gens else None, embedder.info if embedder else None,
                     decoding, prompts.sha256, task, run_options(task, settings, strategies, also),
                     metric_versions(task), component_versions(task, strategies))
