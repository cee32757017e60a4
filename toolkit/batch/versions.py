"""Versions in folders: which files are versions of which article, and the corpus-level scores.

Convention (``parallax batch --versions``), per folder: ``NAME.txt`` is an article,
``NAME.SYSTEM.txt`` another version of it (named ``SYSTEM``), ``NAME.ref.txt`` its human reference
(the tag is ``--reference-tag``). A dotted file without an article of the same name and
extension beside it is an article itself. Reports of articles with a reference are pooled into
one table: every system's segments over all those articles, scored with intervals and paired
tests against the articles (``systems.csv`` and the top of ``index.html``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from typing import Any

from ..core.version_results import CorpusScores
from .walk import Source

REFERENCE_TAG = "ref"


def group_versions(sources: Sequence[Source], reference_tag: str = REFERENCE_TAG
                   ) -> tuple[list[Source], dict[str, list[tuple[str, Source]]], dict[str, Source]]:
    """Split walked files into articles, their versions and their references (by article rel)."""
    by_rel = {s.rel: s for s in sources}
    versions: dict[str, list[tuple[str, Source]]] = {}
    references: dict[str, Source] = {}
    taken: set[str] = set()
    for s in sources:
        folder, _, name = s.rel.rpartition("/")
        parts = name.split(".")
        if len(parts) < 3 or not parts[-2]:
            continue
        base = ".".join([*parts[:-2], parts[-1]])
        article = f"{folder}/{base}" if folder else base
        if article not in by_rel or article == s.rel:
            continue
        taken.add(s.rel)
        if parts[-2] == reference_tag:
            references[article] = s
        else:
            versions.setdefault(article, []).append((parts[-2], s))
    return [s for s in sources if s.rel not in taken], versions, references


def combined_digest(article_digest: str, others: Sequence[tuple[str, bytes]]) -> str:
    """Return the cache digest of an article together with its versions' names and bytes."""
    if not others:
        return article_digest
    h = hashlib.sha256(article_digest.encode())
    for name, data in others:
        h.update(
            b"\0" + name.encode("utf-8", "surrogateescape") + b"\0" + hashlib.sha256(data).digest()
        )
    return h.hexdigest()


def corpus_scores(
    reports: Sequence[Mapping[str, Any]],
    *,
    bootstrap: int = 1000,
    trials: int = 10000,
    seed: int = 12345,
) -> CorpusScores | None:
    """Pool the aligned segments of every report that has a reference; score the systems."""
    from ..comparison.significance import score_systems

    scored = [r for r in reports if isinstance(r.get("scores"), dict) and r.get("versions")]
    if not scored:
        return None
    kinds: dict[str, str] = {}
    for r in scored:
        for v in r["versions"]:
            kinds.setdefault(v["name"], v["kind"])
    every = [n for n in scored[0]["scores"] if all(n in r["scores"] for r in scored)]
    excluded = sorted({n for r in scored for n in r["scores"]} - set(every))
    segs: dict[str, list[str]] = {n: [] for n in every}
    refs: list[str] = []
    for r in scored:
        ref = next(v["name"] for v in r["versions"] if v["kind"] == "reference")
        for section in r["sections"]:
            for p in section["paragraphs"]:
                refs.append(p["versions"][ref]["text"])
                for n in every:
                    segs[n].append(p["versions"][n]["text"])
    names = sorted(every, key=lambda n: kinds.get(n) != "article")  # the article first
    scores, tests, _ = score_systems([(n, segs[n]) for n in names], refs, bootstrap=bootstrap,
                                     trials=trials, seed=seed)
    return CorpusScores(
        tuple(names),
        tuple(kinds.get(n, "given") for n in names),
        len(scored),
        len(refs),
        scores,
        tests,
        tuple(excluded),
    )
