"""Run ``compare`` over a folder: plan (walk, hash, cache), compute the rest, write, index.

Outputs mirror the input folder: ``a/b.txt`` gives ``OUT/a/b.txt.html`` and ``OUT/a/b.txt.json``
(one file per ``--format``: every registered format with ``batch=True``, by its suffix).
Every file is written atomically and only when its content changed, so an interrupted run leaves
whole files only, and a rerun rewrites nothing that is already right. ``index.html`` and
``results.csv`` are rebuilt at the end of every run from all the reports present.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import time
from collections.abc import Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..core.config import Settings
from ..core.errors import (
    EXIT_OK,
    EXIT_SOME_FAILED,
    ConfigError,
    InputError,
    ModelUnavailable,
    ParallaxError,
)
from ..core.results import SCHEMA
from ..ingest import read_bytes
from ..render.index import (
    ErrorRow,
    IndexRow,
    href,
    render_errors_csv,
    render_index,
    render_results_csv,
    row_from_report,
)
from .progress import BatchProgress, Guarded, NullProgress
from .walk import DEFAULT_GLOB, UnsafePath, display, find_articles, output_path
from .work import MODEL_UNAVAILABLE, Outcome, WorkItem, WorkSetup, error_kind, estimate_units

FORMATS = ("html", "json")  # the default --format
ENGINES = ("local", "ray")
_TMP = re.compile(r"^\..+\.(\d+)\.tmp$")  # toolkit.models.files.atomic_write_text's temporary names


@dataclass(frozen=True)
class Failure:
    path: str
    error: str
    kind: str


@dataclass
class BatchReport:
    """What a batch run did. ``exit_code`` is 1 when any file failed, else 0."""

    out_dir: Path
    done: int = 0  # computed in this run
    cached: int = 0  # taken from the cache
    failures: list[Failure] = field(default_factory=list)
    seconds: float = 0.0
    index: Path | None = None
    words: int = 0  # words of the articles computed in this run
    tokens: int = 0  # tokens generated for them

    @property
    def failed(self) -> int:
        return len(self.failures)

    @property
    def exit_code(self) -> int:
        return EXIT_SOME_FAILED if self.failures else EXIT_OK

    def summary(self) -> str:
        return (
            f"done {self.done}, cached {self.cached}, failed {self.failed}, in {self.seconds:.1f} s"
            + (f"; {self.throughput()}" if self.done else "")
        )

    def throughput(self) -> str:
        """Articles per hour, words and generated tokens per second of the articles computed."""
        seconds = max(self.seconds, 1e-9)
        return (
            f"{self.done * 3600 / seconds:.1f} articles/hour, {self.words / seconds:.1f} words/s, "
            f"{self.tokens / seconds:.1f} generated tokens/s"
        )


@dataclass(frozen=True)
class BatchOptions:
    """How a folder is run (every setting of ``parallax batch`` that is not a model setting).

    ``pattern`` picks the files; ``workers`` and ``engine`` (``local`` or ``ray``, with
    ``ray_num_cpus``) where they run; ``use_cache=False`` recomputes every article (results are
    still stored); ``timeout`` seconds per article; ``formats`` the reports written per article;
    ``review`` one review file for every article (default: ``parallax.review.toml`` in each
    article's folder); ``versions`` treats ``NAME.SYSTEM.txt`` files as versions of ``NAME.txt``
    and ``NAME.<reference_tag>.txt`` as its reference; an article of more than ``max_words``
    words is skipped and recorded (kind ``too-long``).
    """

    pattern: str = DEFAULT_GLOB
    workers: int | None = None
    engine: str = "local"
    use_cache: bool = True
    timeout: float | None = None
    formats: Sequence[str] = FORMATS
    ray_num_cpus: int | None = None
    review: str | Path | None = None
    versions: bool = False
    reference_tag: str = "ref"
    max_words: int | None = None


def run_batch(
    in_dir: str | Path,
    out_dir: str | Path,
    settings: Settings | None = None,
    options: BatchOptions | None = None,
    *,
    generator=None,
    embedder=None,
    progress: BatchProgress | None = None,
    **option_values,
) -> BatchReport:
    """Compare every article under ``in_dir`` matching ``options.pattern``; write reports under
    ``out_dir``.

    ``options`` (:class:`BatchOptions`; its fields may also be given as keywords) says how.
    ``generator``/``embedder`` are engine instances to use instead of the configured models
    (tests pass fakes); they are pickled to worker processes or Ray actors when there are any.
    A file that fails is recorded and the run goes on; a model that cannot be loaded raises
    :class:`~toolkit.core.errors.ModelUnavailable` and stops the run. Editing a review file
    recomputes only the articles whose entries changed. With ``versions``, ``systems.csv`` pools
    the scores of the versions (:mod:`toolkit.batch.versions`).
    """
    options = replace(options or BatchOptions(), **option_values)
    t_start = time.perf_counter()
    settings = settings or Settings()
    in_dir, out_dir = Path(in_dir), Path(out_dir)
    formats = _validate(in_dir, out_dir, settings, options)
    sink = Guarded(progress or NullProgress())
    if options.engine == "ray":
        from .engines import require_ray

        require_ray()

    from .fingerprint import cache_key, run_fingerprint

    fingerprint = run_fingerprint(
        settings, generator, embedder
    )  # ModelUnavailable: nothing to do without it
    out_dir.mkdir(parents=True, exist_ok=True)
    _remove_stale_temp_files(out_dir)
    sources, skipped = find_articles(in_dir, options.pattern, exclude=out_dir)
    versions_of: dict = {}
    references: dict = {}
    reference_tag = options.reference_tag
    if options.versions:
        from .versions import group_versions

        sources, versions_of, references = group_versions(sources, reference_tag)
    report = BatchReport(out_dir)
    cache = _open_cache(settings, sink)
    rows: dict[str, IndexRow] = {}  # rel -> index row of every report this run wrote or confirmed
    reviews = _Reviews(options.review)

    def fail(rel: str, message: str, kind: str) -> None:
        report.failures.append(Failure(rel, message, kind))
        sink.finished(rel, "failed", message)

    for s in skipped:
        fail(s.rel, s.message, s.kind)
    if not sources and not skipped:
        sink.note(f"no file under {in_dir} matches --glob {options.pattern!r}")

    try:
        # ---- site furniture: lines recurring across a folder's files (not with --keep-boilerplate)
        furniture = {} if settings.keep_boilerplate else _learn_furniture(sources)
        # ---- plan: hash every file; serve what the cache has; parse the rest
        items: list[WorkItem] = []
        word_counts: dict[str, int] = {}
        for src in sources:
            try:
                reasons = _furniture_for(furniture, src.rel)
                digest = _content_key(hashlib.sha256(read_bytes(src.path)).hexdigest(), reasons)
                extra = list(versions_of.get(src.rel, ()))
                if src.rel in references:
                    extra.append((reference_tag, references[src.rel]))
                if extra:
                    from .versions import combined_digest

                    digest = combined_digest(digest, [(n, read_bytes(v.path)) for n, v in extra])
                reviewed = reviews.get(src.path, src.rel)
                salt = f"+review:{reviewed.digest}" if reviewed is not None else ""
                key = cache_key(fingerprint, digest + salt)
                hit = _cache_get(cache, key, sink) if options.use_cache else None
                reports = _served(hit, display(src.rel), formats) if hit is not None else None
                if reports is not None:
                    _write_outputs(out_dir, src.rel, formats, reports)
                    rows[src.rel] = _row(src.rel, reports["json"], formats)
                    report.cached += 1
                    continue
                article = _load(src.path, src.rel, settings, reasons)
                words = sum(p.word_count for p in article.paragraphs)
                if options.max_words is not None and words > options.max_words:
                    fail(src.rel, f"{words} words, more than --max-words {options.max_words}; "
                         "skipped", "too-long")
                    continue
                word_counts[src.rel] = words
                units = estimate_units(article, settings)
                given = tuple((n, _load(v.path, v.rel)) for n, v in versions_of.get(src.rel, ()))
                ref = (
                    _load(references[src.rel].path, references[src.rel].rel)
                    if src.rel in references
                    else None
                )
                items.append(WorkItem(src.rel, key, article, units, reviewed, given, ref))
            except ModelUnavailable:
                raise
            except Exception as exc:  # noqa: BLE001  (one file never stops the run)
                fail(src.rel, *_describe(exc, src))

        # ---- compute what the cache did not have
        sink.begin(len(items), report.cached, report.failed)
        setup = WorkSetup(settings, generator, embedder, options.timeout)
        leases = _open_leases(cache, sink) if options.use_cache else None

        def compute(todo):
            return _engine_outcomes(todo, setup, options, sink)

        def serve(item: WorkItem) -> bool:  # another run computed it meanwhile
            hit = _cache_get(cache, item.key, sink)
            reports = _served(hit, display(item.rel), formats) if hit is not None else None
            if reports is None:
                return False
            _write_outputs(out_dir, item.rel, formats, reports)
            rows[item.rel] = _row(item.rel, reports["json"], formats)
            report.cached += 1
            sink.finished(item.rel, "cached")
            return True

        def wait(waiting) -> None:
            sink.note(f"{len(waiting)} article(s) are being computed by another run on this "
                      "cache; waiting for their reports")

        from .leases import share

        outcomes = share(items, leases, compute, serve, wait)
        try:
            with closing(outcomes):  # on an error or Ctrl-C, stop the workers now
                for outcome in outcomes:
                    if outcome.kind == MODEL_UNAVAILABLE:
                        raise ModelUnavailable(outcome.error or "a model cannot be loaded")
                    if outcome.ok:
                        try:
                            _write_outputs(out_dir, outcome.rel, formats, dict(outcome.reports))
                            rows[outcome.rel] = _row(outcome.rel, outcome.json or "", formats)
                        except (ParallaxError, OSError) as exc:
                            message, kind = _describe(exc)
                            outcome = replace(outcome, reports=(), error=message, kind=kind)
                    if not outcome.ok:
                        fail(outcome.rel, outcome.error or "failed", outcome.kind or "error")
                    else:
                        _cache_put(cache, outcome, sink)
                        report.done += 1
                        report.words += word_counts.get(outcome.rel, 0)
                        report.tokens += outcome.tokens
                        sink.finished(outcome.rel, "done")
                    if leases is not None:
                        leases.release(outcome.key)
        finally:
            if leases is not None:
                leases.close()

        # ---- a run killed meanwhile (two runs on one output folder) may have left a temporary
        # file behind after our start-up sweep: sweep again before the index
        _remove_stale_temp_files(out_dir)
        # ---- index of every report present
        report.index = _write_index(
            out_dir, in_dir, rows, report.failures, tuple(furniture.values())
        )
    finally:
        sink.end()
        if cache is not None:
            cache.close()
    report.seconds = time.perf_counter() - t_start
    return report


class _Reviews:
    """The review entries of each article: one given file, or the file in the article's folder."""

    def __init__(self, given: str | Path | None) -> None:
        from ..qa.review import load_review

        self.given = load_review(given) if given is not None else None
        self.by_folder: dict[Path, object] = {}

    def get(self, path: Path, rel: str):
        from ..qa.review import load_review, review_beside

        review = self.given
        if review is None:
            folder = path.parent
            if folder not in self.by_folder:
                beside = review_beside(path)
                self.by_folder[folder] = load_review(beside) if beside is not None else None
            review = self.by_folder[folder]
        if review is None:
            return None
        mine = review.for_article(rel)
        return mine if mine.entries else None


def _describe(exc: BaseException, src=None) -> tuple[str, str]:
    """Return (message, kind) for a failure of one file."""
    if isinstance(exc, UnsafePath):
        return str(exc), "unsafe-path"
    if isinstance(exc, ParallaxError):
        message = str(exc)
        if (
            src is not None
        ):  # the path has its own column: "a/b.txt: file is empty" -> "file is empty"
            message = _strip_path(message, src.path, src.rel).removeprefix(f"{display(src.rel)}: ")
        return message, error_kind(exc)
    if isinstance(exc, OSError):
        return f"cannot write outputs ({exc.strerror or exc})", "output"
    return f"internal error: {type(exc).__name__}: {exc}", "internal"


def _validate(in_dir: Path, out_dir: Path, settings: Settings,
              options: BatchOptions) -> tuple[str, ...]:
    """Check the folders and options before any article is read; return the formats to write."""
    from ..core.renderers import format_names
    from ..strategies import get_strategy

    formats, engine, workers = options.formats, options.engine, options.workers
    timeout, max_words = options.timeout, options.max_words
    if not in_dir.is_dir():
        raise InputError(
            f"{in_dir}: no such folder" if not in_dir.exists() else f"{in_dir}: not a folder"
        )
    if out_dir.exists() and not out_dir.is_dir():
        raise ConfigError(f"{out_dir}: exists and is not a folder")
    if out_dir.resolve() == in_dir.resolve():
        raise ConfigError(
            "the output folder must differ from the input folder (a subfolder is fine)"
        )
    chosen = tuple(dict.fromkeys(f.strip().lower() for f in formats if f.strip()))
    allowed = format_names("compare", batch=True)
    if not chosen or any(f not in allowed for f in chosen):
        raise ConfigError(f"--format {','.join(formats)}: choose {', '.join(allowed)} "
                          "(comma-separated)")
    if engine not in ENGINES:
        raise ConfigError(f"--engine {engine}: choose local or ray")
    if workers is not None and workers < 1:
        raise ConfigError("--workers must be at least 1")
    if timeout is not None and timeout <= 0:
        raise ConfigError("--timeout must be a positive number of seconds")
    if max_words is not None and max_words <= 0:
        raise ConfigError("--max-words must be a positive number of words")
    for s in settings.strategies:
        if s == "none":  # compare given versions only (--versions)
            continue
        if get_strategy(s).needs_source:
            raise ConfigError(f"strategy {s} needs a source article per file; batch runs do not "
                              "support it")
    return chosen


def _engine_outcomes(items, setup: WorkSetup, options: BatchOptions, sink) -> Iterator[Outcome]:
    from . import engines

    if not items:
        return
    if options.engine == "ray":
        yield from engines.run_ray(items, setup, sink.started, sink.advanced, options.workers,
                                   options.ray_num_cpus)
        return
    n = min(options.workers or 1, len(items))
    if n > 1:
        sink.note(f"{n} worker processes each load their own copy of the models (memory x{n}); "
                  f"each gets {max(1, engines.usable_cpus() // n)} CPU thread(s) unless --threads "
                  "is set")
        yield from engines.run_processes(items, setup, sink.started, sink.advanced, n)
        return
    yield from engines.run_inline(items, setup, sink.started, sink.advanced)


def _learn_furniture(sources) -> dict:
    """Return the site furniture of every folder of ``sources`` (unreadable files are left out)."""
    from ..ingest.furniture import learn

    def pages():
        for src in sources:
            try:
                yield src.rel, read_bytes(src.path)
            except ParallaxError:  # reported when the file itself is processed
                continue

    return learn(pages())


def _furniture_for(furniture: dict, rel: str) -> dict[str, str]:
    from ..ingest.furniture import folder_of

    found = furniture.get(folder_of(rel))
    return found.reasons() if found is not None else {}


def _content_key(digest: str, reasons: dict[str, str]) -> str:
    """Return what identifies a file's input: its bytes, and the furniture removed from it."""
    if not reasons:
        return digest
    return hashlib.sha256(json.dumps([digest, sorted(reasons.items())]).encode()).hexdigest()


def _load(path: Path, rel: str, settings: Settings | None = None, furniture: dict | None = None):
    from ..ingest import load_article

    keep = settings.keep_boilerplate if settings is not None else False
    article = load_article(path, keep_boilerplate=keep, furniture=furniture or None)
    return replace(article, metadata=replace(article.metadata, path=display(rel)))


def _strip_path(message: str, path: Path, rel: str) -> str:
    """Say ``a/b.txt: ...`` rather than the absolute path the reader was given."""
    return message.replace(str(path), display(rel), 1)


def _served(hit, rel: str, formats: Sequence[str]) -> dict[str, str] | None:
    """Return a cache hit's reports to write for ``rel``, or None to recompute the article.

    A hit serves when it holds every format asked for (a format registered since is a miss),
    and its JSON can be given the article's path (see :func:`_with_path`).
    """
    if any(f not in hit.reports for f in (*formats, "json")):
        return None
    json_text = _with_path(hit.reports["json"], rel)
    return None if json_text is None else {**hit.reports, "json": json_text}


def _with_path(json_text: str, rel: str) -> str | None:
    """Return the cached JSON with ``metadata.path`` set to ``rel`` (as a fresh render).

    The cache is keyed by content, so the same article under another name (or moved) is a hit;
    only its recorded path changes. Returns None when the stored text is not in the renderer's
    exact layout (then the article is recomputed rather than served re-serialized differently).
    """
    try:
        data = json.loads(json_text)
        if data["metadata"]["path"] == rel:
            return json_text
        if _dumps(data) != json_text:
            return None
        data["metadata"]["path"] = rel
    except (ValueError, KeyError, TypeError):
        return None
    return _dumps(data)


def _dumps(data) -> str:
    return (
        json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    )  # toolkit.render.json.render_json's layout


def _write_outputs(
    out_dir: Path, rel: str, formats: Sequence[str], reports: dict[str, str]
) -> None:
    from ..core.renderers import RENDERERS

    for fmt in formats:
        _write_if_changed(output_path(out_dir, rel, RENDERERS.get(fmt).suffix), reports[fmt])


def _write_if_changed(path: Path, text: str) -> None:
    from ..models.files import atomic_write_text

    try:
        if path.is_file() and path.read_text(encoding="utf-8", errors="surrogateescape") == text:
            return
    except OSError:
        pass
    atomic_write_text(path, text)


def _open_cache(settings: Settings, sink):
    from ..cache import CacheError, ResultCache

    try:
        return ResultCache.in_dir(settings.cache_path())
    except CacheError as exc:
        sink.note(f"{exc}; running without the cache")
        return None


def _open_leases(cache, sink):
    """Return this run's leases in the cache database, or None (no cache: no sharing)."""
    from ..cache import CacheError
    from .leases import Leases

    if cache is None:
        return None
    try:
        return Leases(cache.path)
    except CacheError as exc:
        sink.note(f"{exc}; a run started beside this one may compute the same articles")
        return None


def _cache_get(cache, key: str, sink):
    from ..cache import CacheError

    if cache is None:
        return None
    try:
        return cache.get(key)
    except CacheError as exc:
        sink.note(str(exc))
        return None


def _cache_put(cache, outcome: Outcome, sink) -> None:
    from ..cache import CacheError

    if cache is None:
        return
    try:
        cache.put(outcome.key, dict(outcome.reports), outcome.seconds)
    except CacheError as exc:
        sink.note(str(exc))


def _remove_stale_temp_files(out_dir: Path) -> None:
    """Delete temporary files left by a killed run (their writer process is gone)."""
    for folder, dirs, files in os.walk(out_dir):
        for name in files:
            m = _TMP.match(name)
            if m and not _alive(int(m.group(1))):
                try:
                    os.unlink(os.path.join(folder, name))
                except OSError:
                    pass


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return False  # ours are never left behind while we run
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _row(rel: str, json_text: str, formats: Sequence[str]) -> IndexRow:
    data = json.loads(json_text)
    return row_from_report(
        display(rel),
        data,
        report_href=href(f"{rel}.html") if "html" in formats else None,
        data_href=href(f"{rel}.json") if "json" in formats else None,
    )


def _write_systems(out_dir: Path, rels: list[str]):
    """Write ``systems.csv`` from the reports that have a reference; return the table (or None)."""
    from ..render.systems import render_systems_csv
    from .versions import corpus_scores

    reports = []
    for rel in sorted(rels):
        try:
            data = json.loads((out_dir / f"{rel}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue  # no JSON report (--format html): not in the corpus table
        # only these are pooled: keep no other in memory
        if isinstance(data, dict) and data.get("versions"):
            reports.append(data)
    systems = corpus_scores(reports)
    path = out_dir / "systems.csv"
    if systems is None:
        path.unlink(missing_ok=True)
    else:
        _write_if_changed(path, render_systems_csv(systems))
    return systems


def _write_index(out_dir: Path, in_dir: Path, rows: dict[str, IndexRow], failures: list[Failure],
                 furniture: tuple = ()) -> Path:
    """Write index.html, results.csv and (if anything failed) errors.csv from every report present.

    A file that failed in this run is listed as an error only: a report left from an earlier run
    (of what the file held then, e.g. a file that is being rewritten) stays on disk, unlisted.
    """
    failed = {f.path for f in failures}
    rows = {rel: row for rel, row in rows.items() if rel not in failed}
    for folder, dirs, files in os.walk(out_dir):  # never follows symlinks
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith(".") or not name.endswith(".json"):
                continue
            path = Path(folder, name)
            rel = path.relative_to(out_dir).as_posix()[: -len(".json")]
            if rel in rows or rel in failed:
                continue
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue  # not ours, or unreadable: not a report
            if not (isinstance(data, dict) and data.get("schema") == SCHEMA
                    and isinstance(data.get("sections"), list)):
                continue
            has_html = (out_dir / f"{rel}.html").is_file()
            rows[rel] = row_from_report(display(rel), data, data_href=href(f"{rel}.json"),
                                        report_href=href(f"{rel}.html") if has_html else None)
    errors = [ErrorRow(display(f.path), f.error, f.kind) for f in failures]
    title = f"Parallax · {in_dir.resolve().name or in_dir}"
    systems = _write_systems(out_dir, list(rows))
    _write_if_changed(out_dir / "index.html", render_index(list(rows.values()), errors, title=title,
                                                           systems=systems, furniture=furniture))
    _write_if_changed(out_dir / "results.csv", render_results_csv(list(rows.values())))
    errors_csv = out_dir / "errors.csv"
    if errors:
        _write_if_changed(errors_csv, render_errors_csv(errors))
    else:
        errors_csv.unlink(missing_ok=True)  # a clean run leaves no stale list behind
    return out_dir / "index.html"
