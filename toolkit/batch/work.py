"""The work on one article, the same in every engine: compare it, render it, or say why not.

A worker receives a :class:`WorkItem` (the parsed article, its cache key and its relative path)
and, with the same :class:`WorkSetup` for every item, returns an :class:`Outcome` holding the
finished report in every batch format (JSON, HTML and any format registered with
``batch=True``) or the error. Workers never touch the output folder or the cache: the driving
process writes both, so Ray workers on other machines need no shared file system.
"""

from __future__ import annotations

import ctypes
import signal
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from ..core.config import Settings
from ..core.document import Article
from ..core.errors import ConfigError, GenerationError, InputError, ModelUnavailable, ParallaxError

MODEL_UNAVAILABLE = "model-unavailable"  # an outcome of this kind aborts the whole run


@dataclass(frozen=True)
class WorkItem:
    rel: str
    key: str
    article: Article
    units: int  # estimated work units (prompts + paragraphs compared), for the progress bar
    review: Any = None  # toolkit.qa.review.Review: known false positives of this article
    versions: tuple[tuple[str, Article], ...] = ()  # other versions of the article (--versions)
    reference: Article | None = None


@dataclass(frozen=True)
class WorkSetup:
    """What every worker compares articles with: the settings, engine instances to use instead
    of the configured models (tests pass fakes; pickled to workers), the ``--timeout``."""

    settings: Settings
    generator: Any = None
    embedder: Any = None
    timeout: float | None = None


@dataclass(frozen=True)
class Outcome:
    rel: str
    key: str
    reports: tuple[tuple[str, str], ...] = ()  # (format, text) for every batch format
    error: str | None = None
    kind: str | None = (
        None  # input | config | generation | timeout | internal | model-unavailable | ...
    )
    seconds: float = 0.0
    tokens: int = 0  # generated tokens

    @property
    def ok(self) -> bool:
        return self.error is None

    def report(self, fmt: str) -> str | None:
        """Return the report in format ``fmt`` (None when it was not rendered)."""
        return dict(self.reports).get(fmt)

    @property
    def json(self) -> str | None:
        return self.report("json")


class ArticleTimeout(BaseException):
    """One article took longer than ``--timeout``.

    A BaseException, like KeyboardInterrupt, so that no ``except Exception`` on the way (the guard
    around plugin code, a library's own) swallows it.
    """


def estimate_units(article: Article, settings: Settings) -> int:
    """Return how many progress units comparing ``article`` will report (retries add a few)."""
    paragraphs = len(article.paragraphs)
    from ..strategies import get_strategy

    generating = [s for s in settings.strategies if s != "none"]  # none: given versions only
    calls = sum(get_strategy(s).calls for s in generating)
    per_paragraph = calls * settings.alternatives
    summaries = (
        len(article.sections) + 1 if settings.summary_method == "abstractive" and generating else 0
    )
    return max(1, summaries + paragraphs * per_paragraph + paragraphs)


def process_item(item: WorkItem, setup: WorkSetup,
                 on_units: Callable[[int], None] | None = None) -> Outcome:
    """Compare one article and render it in every batch format; every failure becomes an error
    Outcome."""
    from .. import api
    from ..core.renderers import RENDERERS, format_names

    settings, timeout = setup.settings, setup.timeout

    t0 = time.perf_counter()
    try:
        with deadline(timeout) as check:
            def progress(stage: str, n: int) -> None:
                check()
                if on_units is not None:
                    on_units(n)

            extra = {}
            if item.versions or item.reference is not None:
                extra = dict(versions=dict(item.versions), reference=item.reference)
            result = api.compare(item.article, settings, generator=setup.generator,
                                 embedder=setup.embedder, progress=progress, review=item.review,
                                 **extra)
            reports = tuple((fmt, RENDERERS.get(fmt).render(result))
                            for fmt in format_names("compare", batch=True))
        return Outcome(item.rel, item.key, reports, seconds=time.perf_counter() - t0,
                       tokens=dict(result.usage).get("generated_tokens", 0))
    except ArticleTimeout:
        message, kind = f"took longer than --timeout {timeout:g} s; skipped", "timeout"
    except ModelUnavailable as exc:
        message, kind = str(exc), MODEL_UNAVAILABLE
    except ParallaxError as exc:
        message, kind = str(exc), error_kind(exc)
    except Exception as exc:  # noqa: BLE001  (a bug or resource problem in one article must not stop the run)
        last = traceback.extract_tb(exc.__traceback__)[-1:]
        where = f" (at {last[0].filename.rsplit('/', 1)[-1]}:{last[0].lineno})" if last else ""
        message, kind = f"internal error: {type(exc).__name__}: {exc}{where}", "internal"
    return Outcome(item.rel, item.key, error=message, kind=kind, seconds=time.perf_counter() - t0)


def error_kind(exc: BaseException) -> str:
    if isinstance(exc, InputError):
        return "input"
    if isinstance(exc, ConfigError):
        return "config"
    if isinstance(exc, ModelUnavailable):
        return MODEL_UNAVAILABLE
    if isinstance(exc, GenerationError):
        return "generation"
    if isinstance(exc, ParallaxError):
        return "error"
    return "internal"


@contextmanager
def deadline(seconds: float | None) -> Iterator[Callable[[], None]]:
    """Raise :class:`ArticleTimeout` in this thread once ``seconds`` have passed.

    In a main thread a SIGALRM timer interrupts even a sleeping call; elsewhere (a Ray actor's
    thread) a timer thread raises the exception asynchronously at the next Python instruction.
    The yielded ``check()`` also raises it, for progress callbacks to call between batches.
    """
    if not seconds:
        yield lambda: None
        return
    end = time.monotonic() + seconds

    def check() -> None:
        if time.monotonic() >= end:
            raise ArticleTimeout

    if hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread():
        def on_alarm(signum, frame):
            raise ArticleTimeout

        previous = signal.signal(signal.SIGALRM, on_alarm)
        signal.setitimer(signal.ITIMER_REAL, seconds)
        try:
            yield check
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
        return
    target = threading.get_ident()
    done = threading.Event()

    def fire() -> None:
        if not done.wait(seconds):
            ctypes.pythonapi.PyThreadState_SetAsyncExc(
                ctypes.c_ulong(target), ctypes.py_object(ArticleTimeout)
            )

    timer = threading.Thread(target=fire, daemon=True, name="parallax-timeout")
    timer.start()
    try:
        yield check
    finally:
        done.set()
        timer.join()
