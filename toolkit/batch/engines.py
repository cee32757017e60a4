"""Where the per-article work runs: this process, worker processes, or Ray Data.

Every engine takes the same :class:`~toolkit.batch.work.WorkItem` list and yields
:class:`~toolkit.batch.work.Outcome` objects as articles finish (in any order); the caller writes
outputs and cache entries as they arrive, so an interrupted run keeps everything finished.

- ``local`` with one worker (the default): articles one after another, the model loaded once.
  On a small CPU machine one model process already uses every core, so this is the fastest.
- ``local`` with ``--workers N``: N spawned processes, each loading its own model and using
  cores/N threads. Only worth it with spare cores and memory for N copies of the model.
- ``ray``: Ray Data ``map_batches`` over an actor pool (one model per actor); starts a local Ray
  when ``RAY_ADDRESS`` is unset, else joins that cluster. Every node needs Parallax and the model
  packs installed; the articles travel to the workers and the reports travel back, so no shared
  file system is needed.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import pickle
import queue
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import replace

from ..core.config import Settings
from ..core.errors import ConfigError
from .work import Outcome, WorkItem, WorkSetup, process_item

Started = Callable[[str, int], None]  # (rel, estimated units)
Advanced = Callable[[str, int], None]  # (rel, units done)

RAY_HINT = "pip install 'parallax-toolkit[ray]'"


def usable_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def threads_per_worker(settings: Settings, workers: int) -> Settings:
    """Split the cores between workers when threads are automatic (0), so N models don't fight."""
    if settings.threads or workers <= 1:
        return settings
    return replace(settings, threads=max(1, usable_cpus() // workers))


# ------------------------------------------------------------------ this process
def run_inline(items: Sequence[WorkItem], setup: WorkSetup, started: Started,
               advanced: Advanced) -> Iterator[Outcome]:
    for item in items:
        started(item.rel, item.units)
        yield process_item(item, setup, lambda n, r=item.rel: advanced(r, n))


# ------------------------------------------------------------------ worker processes
_child: dict = {}


def _child_init(setup: WorkSetup, events) -> None:
    _child.update(setup=setup, events=events)


def _child_run(item: WorkItem) -> Outcome:
    events = _child["events"]
    events.put(("start", item.rel, item.units))
    return process_item(item, _child["setup"], lambda n: events.put(("units", item.rel, n)))


def run_processes(items: Sequence[WorkItem], setup: WorkSetup, started: Started,
                  advanced: Advanced, workers: int) -> Iterator[Outcome]:
    """Run items in ``workers`` spawned processes (spawn: safe with threaded numeric libraries)."""
    ctx = multiprocessing.get_context("spawn")
    events = ctx.Queue()
    stop = threading.Event()

    def relay() -> None:  # progress events from the children, onto the display
        while not stop.is_set():
            try:
                kind, rel, n = events.get(timeout=0.1)
            except queue.Empty:
                continue
            except (EOFError, OSError, ValueError):
                return
            (started if kind == "start" else advanced)(rel, n)

    thread = threading.Thread(target=relay, daemon=True, name="parallax-progress")
    thread.start()
    child_setup = replace(setup, settings=threads_per_worker(setup.settings, workers))
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_child_init,
                               initargs=(child_setup, events))
    try:
        pending = {pool.submit(_child_run, item): item for item in items}
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                item = pending.pop(future)
                try:
                    outcome = future.result()
                except Exception as exc:  # noqa: BLE001  (the worker process died: killed, out of memory)
                    message = f"worker process failed: {type(exc).__name__}: {exc}"
                    outcome = Outcome(item.rel, item.key, error=message, kind="internal")
                yield outcome
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
        stop.set()
        thread.join()
        events.close()


# ------------------------------------------------------------------ Ray Data
def require_ray():
    try:
        import ray
        import ray.data
    except ImportError:
        raise ConfigError(f"--engine ray needs Ray, which is not installed: {RAY_HINT}") from None
    return ray


class ArticleWorker:
    """A Ray Data callable class: loads the models once per actor, compares an article per row."""

    def __init__(self, setup: WorkSetup, events=None) -> None:
        self.setup = setup
        settings, generator, embedder = setup.settings, setup.generator, setup.embedder
        self.events = events
        self.error = None
        # load now, once per actor; a model that cannot load is reported per row, and aborts the run
        try:
            from ..backends import load_embedder, load_generator

            if generator is None:
                from ..strategies import strategy_model

                specs = {settings.generator,
                         *(strategy_model(settings, s) for s in settings.strategies)}
                for spec in sorted(specs):
                    load_generator(replace(settings, generator=spec))
            if embedder is None:
                load_embedder(settings)
        except Exception as exc:  # noqa: BLE001  (reported through the outcomes)
            self.error = exc

    def __call__(self, batch: dict) -> dict:
        import numpy as np

        from .work import MODEL_UNAVAILABLE, error_kind

        out = []
        for payload in batch["item"]:
            item: WorkItem = pickle.loads(payload)
            if self.error is not None:
                kind = error_kind(self.error)
                outcome = Outcome(
                    item.rel,
                    item.key,
                    error=str(self.error),
                    kind=MODEL_UNAVAILABLE if kind in (MODEL_UNAVAILABLE, "internal") else kind,
                )
            else:
                self._event("start", item.rel, item.units)
                outcome = process_item(item, self.setup,
                                       lambda n, r=item.rel: self._event("units", r, n))
            out.append(pickle.dumps(outcome))
        return {"outcome": np.array(out, dtype=object)}

    def _event(self, kind: str, rel: str, n: int) -> None:
        if self.events is None:
            return
        try:
            self.events.put_nowait((kind, rel, n))
        except Exception:  # noqa: BLE001, S110  (progress is best effort)
            pass


def run_ray(items: Sequence[WorkItem], setup: WorkSetup, started: Started, advanced: Advanced,
            workers: int | None, num_cpus: int | None = None,
            log: Callable[[str], None] | None = None) -> Iterator[Outcome]:
    """Run items as a Ray Data ``map_batches`` over an actor pool of ``workers`` model copies."""
    ray = require_ray()
    for name in ("ray", "ray.data", "ray.util"):  # our own bars and errors say what matters
        logging.getLogger(name).setLevel(logging.ERROR)
    own = not ray.is_initialized()
    if own:
        address = os.environ.get("RAY_ADDRESS")
        kwargs = {
            "include_dashboard": False,
            "log_to_driver": False,
            "logging_level": logging.ERROR,
        }
        if address:
            ray.init(address=address, **kwargs)
        else:
            ray.init(num_cpus=num_cpus or usable_cpus(), **kwargs)
    try:
        from ray.data import ActorPoolStrategy, DataContext
        from ray.util.queue import Queue

        ctx = DataContext.get_current()
        ctx.enable_progress_bars = False
        if hasattr(ctx, "print_on_execution_start"):
            ctx.print_on_execution_start = False
        if workers is None:
            workers = max(1, sum(1 for n in ray.nodes() if n.get("Alive")))
        local = not os.environ.get("RAY_ADDRESS")
        worker_setup = (replace(setup, settings=threads_per_worker(setup.settings, workers))
                        if local else setup)
        events = Queue()
        stop = threading.Event()

        def relay() -> None:
            while not stop.is_set():
                try:
                    batch = events.get_nowait_batch(events.qsize())
                except Exception:  # noqa: BLE001
                    batch = []
                for kind, rel, n in batch:
                    (started if kind == "start" else advanced)(rel, n)
                stop.wait(0.2)

        thread = threading.Thread(target=relay, daemon=True, name="parallax-ray-progress")
        thread.start()
        try:
            ds = ray.data.from_items([{"item": pickle.dumps(item)} for item in items])
            ds = ds.map_batches(
                ArticleWorker,
                fn_constructor_kwargs={"setup": worker_setup, "events": events},
                batch_size=1,
                compute=ActorPoolStrategy(size=workers),
                batch_format="numpy",
            )
            for row in ds.iter_rows():
                yield pickle.loads(row["outcome"])
        finally:
            stop.set()
            thread.join()
            relay_rest(events, started, advanced)
    finally:
        if own:
            ray.shutdown()


def relay_rest(events, started: Started, advanced: Advanced) -> None:
    try:
        for kind, rel, n in events.get_nowait_batch(events.qsize()):
            (started if kind == "start" else advanced)(rel, n)
    except Exception:  # noqa: BLE001, S110  (progress is best effort)
        pass
