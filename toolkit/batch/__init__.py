"""Batch runs over folders of articles: walk, cache, resume, progress, per-file errors, Ray.

``run_batch(in_dir, out_dir, settings, BatchOptions(...))`` compares every article of a folder and
writes a report per article in every ``--format`` (HTML and JSON by default), mirroring the
folder, plus ``index.html``, ``results.csv`` and, when
something failed, ``errors.csv``. Finished reports are cached by content (see
:mod:`toolkit.cache`), so a rerun only computes new or edited articles.
"""

from __future__ import annotations

from .progress import BatchProgress, NullProgress, RichProgress
from .run import FORMATS, BatchOptions, BatchReport, Failure, run_batch
from .walk import DEFAULT_GLOB

__all__ = [
           "DEFAULT_GLOB",
           "FORMATS",
           "BatchOptions",
           "BatchProgress",
           "BatchReport",
           "Failure",
           "NullProgress",
           "RichProgress",
           "run_batch",
]
