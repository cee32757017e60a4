"""Compare versions of one article made elsewhere: other engines, human edits, a reference.

Every version goes through the same ingest as the article (boilerplate removed and kept in its
``removed`` list), then its sentences are aligned to the article's in order (1-1, 1-2, 2-1, 1-0,
0-1 beads scored by embeddings and length: :func:`toolkit.comparison.align.align_sentences`) and
projected onto the article's paragraphs. So a version may merge, split, drop or add paragraphs.
Sentences with no counterpart stay in the cell of their neighbours, listed as ``unaligned``;
article sentences a version lacks are flagged ``missing-text``. Nothing is dropped.

With ``segments="lines"`` every file is one segment per line, as sacreBLEU and compare-mt take
them, and line *i* of every version is paired with line *i* of the article (no ingest, no
alignment), so the scores equal the ``sacrebleu`` command's.
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..core.document import Article, Metadata, Paragraph, Section
from ..core.errors import InputError
from ..core.flags import Flag
from ..core.version_results import (
    METRICS,
    ParagraphVersions,
    VersionCell,
    VersionInfo,
    VersionsComparison,
)
from ..qa.options import CheckOptions, not_a_rendering
from .align import Embed, align_sentences, lexical_vectors
from .consensus import agreement_matrix, consensus, corpus_agreement
from .diff import word_diff
from .metrics import chrf

SEGMENTS = ("paragraphs", "lines")
Source = str | Path | Article
Progress = Callable[[str, int], None]

BASELINE = "article"  # the name of the article itself among the versions
RESERVED = (BASELINE, "original", "summary")  # names of places a flag can sit (core.flag_walk)


@dataclass(frozen=True)
class GivenVersion:
    """A loaded version: its name, kind (``given`` or ``reference``), path and article."""

    name: str
    kind: str
    article: Article
    path: str | None = None


@dataclass(frozen=True)
class Placement:
    """What one version has for one article paragraph (see :func:`align_version`)."""

    text: str
    aligned_from: tuple[str, ...]
    unaligned: tuple[str, ...]
    missing: tuple[str, ...]  # article sentences of this paragraph with no counterpart
    sentences: tuple[str, ...] = ()  # the version's sentences placed here, in order


# ------------------------------------------------------------------ loading
def name_versions(
    versions: Mapping[str, Source] | Sequence[Source] | None,
) -> list[tuple[str, Source]]:
    """Return ``(name, source)`` pairs; a list of paths is named by file stem."""
    if not versions:
        return []
    if isinstance(versions, Mapping):
        pairs = [(str(k), v) for k, v in versions.items()]
    else:
        pairs = []
        for v in versions:
            if isinstance(v, Article) or (isinstance(v, str) and "\n" in v):
                raise InputError("a version given as text or an Article needs a name: pass a dict")
            pairs.append((Path(v).stem, v))
    seen: set[str] = set()
    for name, _ in pairs:
        if not name.strip() or any(c in name for c in "=\n\r\t"):
            raise InputError(f"invalid version name {name!r}")
        if name in seen:
            raise InputError(f"two versions are named {name!r}; name them apart (--with NAME=FILE)")
        seen.add(name)
    return pairs


def parse_with(spec: str) -> tuple[str, str]:
    """Parse ``NAME=FILE`` (or just ``FILE``, named by its stem) from ``--with``."""
    if "=" in spec:
        name, _, path = spec.partition("=")
        name, path = name.strip(), path.strip()
        if not name or not path:
            raise InputError(f"--with {spec!r}: expected NAME=FILE")
        return name, path
    return Path(spec).stem, spec


def lines_article(source: Source) -> Article:
    """Read a file (or text) as one paragraph per line, as sacreBLEU reads its inputs.

    Lines are split on ``\\n``, ``\\r\\n`` and ``\\r`` and stripped of trailing whitespace; the
    empty string after a final newline is not a line. Empty lines are (empty) segments.
    """
    from ..ingest import decode, read_bytes, split_sentences

    if isinstance(source, Article):
        return source
    path = Path(source) if isinstance(source, Path) or "\n" not in source else None
    if path is not None:
        data = read_bytes(path)
        text, encoding = decode(data, str(path))
        digest = hashlib.sha256(data).hexdigest()
    else:
        text, encoding = str(source), None
        digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if not lines or not any(x.strip() for x in lines):
        raise InputError(f"{path or '<text>'}: no lines of text")
    paragraphs = tuple(
        Paragraph(f"s0.p{i}", line.rstrip(), split_sentences(line.rstrip(), f"s0.p{i}"))
        for i, line in enumerate(lines, start=1)
    )
    meta = Metadata(path=str(path) if path else None, encoding=encoding, format="lines",
                    content_sha256=digest)
    return Article(None, (Section("s0", None, paragraphs),), meta)


def load_version(source: Source, segments: str = "paragraphs") -> Article:
    """Load a version through the same ingest as the article (or as lines)."""
    from ..ingest import load_article

    if segments not in SEGMENTS:
        raise InputError(f"--segments must be one of {', '.join(SEGMENTS)}, not {segments!r}")
    if segments == "lines":
        return lines_article(source)
    return source if isinstance(source, Article) else load_article(source)


# ------------------------------------------------------------------ alignment
PAIR_MIN_SCORE = 0.3
"""A 1-1 paragraph bead scoring at least this (``similarity * log2(1 + shorter / longer)``, as
:func:`~toolkit.comparison.align.align_sentences` scores beads) is a confident pair: an anchor
that sentence alignment never crosses (as hunalign and Bleualign treat hard delimiters)."""


def pair_paragraphs(
    base: Sequence[str], other: Sequence[str], vectors: Embed
) -> list[tuple[int, int]]:
    """Return the pairs ``(i, j)`` of ``base`` and ``other`` paragraphs, in order.

    Paragraphs are aligned like sentences (1-1, 1-2, 2-1, 1-0, 0-1 beads by order, similarity
    and length); the 1-1 beads scoring at least :data:`PAIR_MIN_SCORE` are confident pairs.
    Between two confident pairs (and before the first, after the last), paragraphs left over in
    equal numbers on both sides pair in order, however different they are: an untranslated or
    refused paragraph stays where it is. So two versions with the same paragraph structure pair
    one to one.
    """
    rows = align_sentences(list(base), list(other), vectors)
    anchors = [(r.left[0], r.right[0]) for r in rows
               if len(r.left) == 1 and len(r.right) == 1 and r.score >= PAIR_MIN_SCORE]
    pairs: list[tuple[int, int]] = []
    prev_i = prev_j = -1
    for i, j in [*anchors, (len(base), len(other))]:
        left, right = range(prev_i + 1, i), range(prev_j + 1, j)
        if len(left) == len(right):
            pairs.extend(zip(left, right))
        if i < len(base):
            pairs.append((i, j))
        prev_i, prev_j = i, j
    return pairs


def align_version(base: Article, other: Article, embed: Embed | None) -> dict[str, Placement]:
    """Project ``other``'s sentences onto ``base``'s paragraphs; every sentence lands somewhere.

    Paragraphs anchor the alignment: confidently paired paragraphs (:func:`pair_paragraphs`)
    take each other's sentences whole, and their sentences are aligned within the pair only
    (to tell which have no counterpart). Between two pairs, the sentences of the unpaired
    paragraphs are aligned freely: a sentence aligned to article sentences goes to the
    paragraph of the first of them; an unaligned one (0-1) goes where the aligned sentences of
    its own paragraph went, else after the previous aligned sentence of the stretch, else before
    the next, else to the stretch's first article paragraph (else next to it).
    """
    left = [(k, s.text) for k, p in enumerate(base.paragraphs) for s in p.sentences]
    right = [(k, s.text) for k, p in enumerate(other.paragraphs) for s in p.sentences]
    lt, rt = [t for _, t in left], [t for _, t in right]
    vectors = _pairs_from_singles(embed, lt, rt) if embed else lexical_vectors
    base_texts = [" ".join(s.text for s in p.sentences) for p in base.paragraphs]
    other_texts = [" ".join(s.text for s in p.sentences) for p in other.paragraphs]
    para_vectors = _paragraph_vectors(embed, lt, rt, left, right, base_texts, other_texts)
    pairs = pair_paragraphs(base_texts, other_texts, para_vectors) if lt and rt else []
    target: list[int | None] = [None] * len(right)
    unaligned: set[int] = set()
    missing: dict[int, list[str]] = {k: [] for k in range(len(base.paragraphs))}
    for bases, others, paired in _stretches(pairs, len(base.paragraphs), len(other.paragraphs)):
        li = [i for i, (k, _) in enumerate(left) if k in bases]
        ri = [j for j, (k, _) in enumerate(right) if k in others]
        rows = align_sentences([lt[i] for i in li], [rt[j] for j in ri], vectors)
        aligned_to: dict[int, int] = {}
        for row in rows:
            row_l, row_r = [li[i] for i in row.left], [ri[j] for j in row.right]
            if row_l and row_r:
                for j in row_r:
                    aligned_to[j] = left[row_l[0]][0]
                stray_r, stray_l = _strays(row_l, row_r, lt, rt, vectors)
                unaligned.update(stray_r)
                for i in stray_l:
                    missing[left[i][0]].append(left[i][1])
            elif row_l:
                for i in row_l:
                    missing[left[i][0]].append(left[i][1])
            else:
                unaligned.update(row_r)
        if paired:  # the pair's sentences are the paragraph's, aligned or not
            for j in ri:
                target[j] = bases[0]
            continue
        for j, k in aligned_to.items():
            target[j] = k
        _place_unaligned(ri, right, target, bases)
    _place_leftovers(target, len(base.paragraphs))
    placed: dict[int, list[int]] = {k: [] for k in range(len(base.paragraphs))}
    for j, k in enumerate(target):
        placed[k].append(j)  # type: ignore[index]
    ids = [p.id for p in base.paragraphs]
    oids = [p.id for p in other.paragraphs]
    return {
        ids[k]: Placement(
            " ".join(right[j][1] for j in js),
            tuple(dict.fromkeys(oids[right[j][0]] for j in js)),
            tuple(right[j][1] for j in js if j in unaligned),
            tuple(missing[k]),
            tuple(right[j][1] for j in js),
        )
        for k, js in placed.items()
    }


def _stretches(pairs: list[tuple[int, int]], n: int, m: int):
    """Yield (base paragraphs, other paragraphs, paired) in order: each pair, and the unpaired
    paragraphs between two pairs (either side may be empty)."""
    prev_i, prev_j = -1, -1
    for i, j in [*pairs, (n, m)]:
        gap = (list(range(prev_i + 1, i)), list(range(prev_j + 1, j)))
        if gap[0] or gap[1]:
            yield gap[0], gap[1], False
        if i < n:
            yield [i], [j], True
        prev_i, prev_j = i, j


def _place_unaligned(ri: list[int], right, target: list[int | None], bases: list[int]) -> None:
    """Give the unaligned sentences ``ri`` of a stretch an article paragraph of the stretch."""
    by_para: dict[int, int] = {}
    for j in ri:
        if target[j] is not None:
            by_para.setdefault(right[j][0], target[j])  # type: ignore[arg-type]
    for pos, j in enumerate(ri):
        if target[j] is not None:
            continue
        before = next((target[k] for k in reversed(ri[:pos]) if target[k] is not None), None)
        after = next((target[k] for k in ri[pos + 1:] if target[k] is not None), None)
        found = by_para.get(right[j][0])
        found = found if found is not None else before if before is not None else after
        if found is None and bases:
            found = bases[0]
        target[j] = found


def _place_leftovers(target: list[int | None], n: int) -> None:
    """Place sentences of stretches with no article paragraph next to their neighbours."""
    for j, k in enumerate(target):
        if k is not None:
            continue
        before = next((target[x] for x in range(j - 1, -1, -1) if target[x] is not None), None)
        after = next((target[x] for x in range(j + 1, len(target)) if target[x] is not None), None)
        target[j] = before if before is not None else after if after is not None else 0


def _paragraph_vectors(embed: Embed | None, lt, rt, left, right, base_texts, other_texts) -> Embed:
    """Return an Embed for paragraph texts (and adjacent pairs of them) from sentence vectors:
    the length-weighted mean, normalized (no model call beyond the sentences'); lexical
    vectors without ``embed``."""
    if embed is None:
        return lexical_vectors
    sentences = list(dict.fromkeys([*lt, *rt]))
    vecs = dict(zip(sentences, embed(sentences))) if sentences else {}
    parts: dict[str, list[str]] = {}
    for side, texts in ((left, base_texts), (right, other_texts)):
        for k, text in enumerate(texts):
            parts.setdefault(text, [t for kk, t in side if kk == k])
        for a, b in itertools.pairwise(texts):
            parts.setdefault(f"{a} {b}", parts[a] + parts[b])

    def wrapped(texts: Sequence[str]) -> np.ndarray:
        rows = []
        for t in texts:
            sents = parts.get(t) or [t]
            missing = [x for x in sents if x not in vecs]
            if missing:
                vecs.update(zip(missing, embed(missing)))
            v = sum(len(x) * vecs[x] for x in sents)
            rows.append(v / (np.linalg.norm(v) or 1.0))
        return np.stack(rows) if rows else np.zeros((0, 1), dtype=np.float32)

    return wrapped


STRAY_SIMILARITY = 0.3
"""In a 1-2 or 2-1 bead, a sentence whose own cosine to the other side is below this rode along
with its neighbour (a boilerplate line after the last sentence, say): it is reported as
unaligned (or missing), though it stays in the bead's paragraph."""


def _strays(row_l: list[int], row_r: list[int], lt: Sequence[str], rt: Sequence[str],
            vectors: Embed) -> tuple[list[int], list[int]]:
    """Return the right and left sentences of a merged bead that do not match the other side."""
    if len(row_l) + len(row_r) < 3:
        return [], []
    one, many, many_texts = ((row_l, row_r, rt) if len(row_r) == 2 else (row_r, row_l, lt))
    other = (lt if len(row_r) == 2 else rt)[one[0]]
    vecs = vectors([other, *(many_texts[k] for k in many)])
    stray = [k for k, v in zip(many, vecs[1:]) if float(v @ vecs[0]) < STRAY_SIMILARITY]
    return (stray, []) if len(row_r) == 2 else ([], stray)


def _pairs_from_singles(embed: Embed, *sides: Sequence[str]) -> Embed:
    """Wrap ``embed`` so adjacent-sentence pairs cost no model call.

    A pair's vector is the length-weighted mean of its two sentences' vectors (what mean
    pooling over the joined text approximates), normalized; whole-article alignment asks for
    every adjacent pair, which would double the encoder's work.
    """
    pairs = {f"{a} {b}": (a, b) for side in sides for a, b in itertools.pairwise(side)}
    singles = {t for side in sides for t in side}

    def wrapped(texts: Sequence[str]) -> np.ndarray:
        needed = list(dict.fromkeys(
            x for t in texts for x in ((t,) if t in singles or t not in pairs else pairs[t])))
        vecs = dict(zip(needed, embed(needed))) if needed else {}
        rows = []
        for t in texts:
            if t in vecs:
                rows.append(vecs[t])
                continue
            a, b = pairs[t]
            v = len(a) * vecs[a] + len(b) * vecs[b]
            rows.append(v / (np.linalg.norm(v) or 1.0))
        return np.stack(rows) if rows else np.zeros((0, 1), dtype=np.float32)

    return wrapped


def line_placements(base: Article, other: Article, name: str) -> dict[str, Placement]:
    """Pair line *i* of ``other`` with line *i* of ``base`` (``--segments lines``)."""
    if len(other.paragraphs) != len(base.paragraphs):
        raise InputError(f"{name}: {len(other.paragraphs)} lines, but the article has "
                         f"{len(base.paragraphs)} (--segments lines pairs them line by line)")
    return {p.id: Placement(q.text, (q.id,), (), (), tuple(s.text for s in q.sentences))
            for p, q in zip(base.paragraphs, other.paragraphs)}


# ------------------------------------------------------------------ comparison
def _alignment_flags(place: Placement) -> tuple[Flag, ...]:
    flags = []
    if place.missing:
        flags.append(Flag("missing-text", _short(" ".join(place.missing)),
                          f"{len(place.missing)} sentence(s) of the article have no counterpart"))
    if place.unaligned:
        flags.append(Flag("extra-text", _short(" ".join(place.unaligned)),
                          f"{len(place.unaligned)} sentence(s) with no counterpart in the article"))
    return tuple(flags)


def _short(text: str, n: int = 80) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


@dataclass(frozen=True)
class VersionOptions:
    """How versions are compared: segments, the significance tests, ranking, and the checks.

    ``bootstrap`` resamples and ``trials`` approximate-randomization trials (``seed``) for the
    paired tests against the article; ``checks`` passes the glossary and ``--only``/``--ignore``
    to the checks run on every given version.
    """

    segments: str = "paragraphs"
    bootstrap: int = 1000
    trials: int = 10000
    seed: int = 12345
    rank_by: str = "chrF"
    checks: CheckOptions = field(default_factory=CheckOptions)


def compare_versions(
    article: Article,
    given: Sequence[GivenVersion],
    embed: Embed | None = None,
    *,
    generated: Mapping[str, Sequence] | None = None,
    options: VersionOptions = VersionOptions(),
    sources: Sequence[str | None] | None = None,
    progress: Progress | None = None,
) -> VersionsComparison:
    """Align every version to ``article``, compare them, and score them if one is a reference.

    ``given`` holds the other versions (kind ``given``) and at most one ``reference``;
    ``generated`` maps paragraph ids to their generated alternatives (``Alternative``), which
    become versions named by strategy. The article is the baseline of the paired tests.
    ``sources`` are the source-language paragraphs aligned to the article's (``--source``):
    the checks of given versions see them too.
    """
    from .significance import score_systems

    segments, rank_by, checks = options.segments, options.rank_by, options.checks
    if rank_by not in METRICS:
        raise InputError(f"rank by one of {', '.join(METRICS)}, not {rank_by!r}")
    refs = [g for g in given if g.kind == "reference"]
    if len(refs) > 1:
        raise InputError("give at most one reference")
    others = [g for g in given if g.kind == "given"] + refs
    names = [BASELINE]
    infos = [VersionInfo(names[0], "article", article.metadata.path)]
    placements: list[dict[str, Placement]] = []
    for g in others:
        if g.name in names:
            raise InputError(
                f"two versions are named {g.name!r}; name them apart (--with NAME=FILE)"
            )
        if g.name in RESERVED:
            raise InputError(f"a version cannot be named {g.name!r}; choose another name")
        names.append(g.name)
        infos.append(VersionInfo(g.name, g.kind, g.path, g.article.metadata.removed))
        place = (line_placements(article, g.article, g.name) if segments == "lines"
                 else align_version(article, g.article, embed))
        placements.append(place)
        if progress:
            progress("aligning versions", 1)
    gen_names: list[str] = []
    for alts in (generated or {}).values():
        for a in alts:
            key = a.strategy if a.strategy not in gen_names else None
            if key is None:
                continue
            gen_names.append(key)
    for n in gen_names:
        if n in names:
            raise InputError(f"a given version is named like the strategy {n!r}; rename it")
    ref_name = refs[0].name if refs else None
    article_text = "\n\n".join(p.text for p in article.paragraphs)

    rows: list[list[VersionCell]] = []
    for k, p in enumerate(article.paragraphs):
        cells = [VersionCell(names[0], p.text, (p.id,))]
        source = sources[k] if sources is not None else None
        for g, place in zip(others, placements):
            pl = place[p.id]
            flags = checks.check_version(p.text, pl.text, source=source, article=article_text,
                                         version=g.name, kind="given") if pl.text else ()
            if not not_a_rendering(flags):  # else its alignment says nothing more
                flags += tuple(f for f in _alignment_flags(pl) if checks.keep(f))
            cells.append(VersionCell(g.name, pl.text, pl.aligned_from, pl.unaligned, flags))
        alts = {a.strategy: a for a in reversed((generated or {}).get(p.id, ()))}
        for n in gen_names:
            a = alts.get(n)
            cells.append(VersionCell(n, a.text if a else "", (p.id,) if a else (), (),
                                     a.flags if a else ()))
        rows.append(cells)

    # order: article, given, generated, reference (the reference is not a candidate)
    order = [names[0], *[g.name for g in others if g.kind == "given"], *gen_names]
    if ref_name:
        order.append(ref_name)
    infos_by = {i.name: i for i in infos}
    infos = [infos_by.get(n) or VersionInfo(n, "generated") for n in order]
    rows = [[next(c for c in cells if c.name == n) for n in order] for cells in rows]

    # similarity of every cell to its paragraph, from sentence embeddings (the alignment's,
    # remembered by the embedder): cosine of the normalized mean sentence vectors
    sims: dict[tuple[int, str], float] = {}
    if embed is not None:
        sims = _similarities(article, rows, placements, others, embed)

    candidates = [n for n in order if n != ref_name]
    segs = {n: [cells[i].text for cells in rows] for i, n in enumerate(order)}
    scores = tests = ()
    per_segment: dict[str, list] = {}
    if ref_name:
        if progress:
            progress("significance", 1)
        scores, tests, per_segment = score_systems(
            [(n, segs[n]) for n in candidates],
            segs[ref_name],
            bootstrap=options.bootstrap,
            trials=options.trials,
            seed=options.seed,
        )
    paragraphs = []
    for k, p in enumerate(article.paragraphs):
        texts = [c.text for c in rows[k] if c.name in candidates]
        matrix = agreement_matrix(texts)
        cells = []
        for i, c in enumerate(rows[k]):
            extra: dict = {}
            if c.name != names[0]:
                extra["diff"] = word_diff(p.text, c.text)
                extra["chrf"] = matrix[0][i] if c.name in candidates else chrf(c.text, p.text)
            if c.text.strip():
                extra["similarity"] = sims.get((k, c.name))
            if c.name in per_segment:
                extra["scores"] = per_segment[c.name][k]
            cells.append(_with(c, **extra))
        paragraphs.append(ParagraphVersions(p.id, tuple(cells), matrix,
                                            consensus(candidates, matrix)))

    doc_matrix = corpus_agreement([segs[n] for n in candidates])
    gains = _gains(article, rows, order, candidates, scores, per_segment) if ref_name else ()
    return VersionsComparison(
        tuple(infos),
        segments,
        tuple(paragraphs),
        tuple(candidates),
        doc_matrix,
        consensus(candidates, doc_matrix),
        scores,
        tests,
        rank_by,
        gains=gains,
    )


def _gains(
    article: Article, rows, order: list[str], candidates: list[str], scores, per_segment
) -> tuple:
    """Return every candidate's gain over the article (segment chrF against the reference)."""
    from .gain import gain, segment_changes

    corpus = {s.name: dict(s.scores) for s in scores}
    base = order[0]
    ids = [p.id for p in article.paragraphs]
    base_chrf = [dict(x)["chrF"] for x in per_segment[base]]
    base_text = [cells[0].text for cells in rows]
    out = []
    for i, name in enumerate(order):
        if name == base or name not in candidates:
            continue
        changes = segment_changes(ids, [cells[i].text for cells in rows], base_text,
                                  [dict(x)["chrF"] for x in per_segment[name]], base_chrf,
                                  [cells[i].flags for cells in rows])
        out.append(gain(name, base, corpus[name], corpus[base], changes))
    return tuple(out)


def _similarities(article: Article, rows, placements, others, embed: Embed) -> dict:
    from ..ingest import split_sentences

    given = {g.name: place for g, place in zip(others, placements)}
    per_cell: list[tuple[int, str, list[str]]] = []
    for k, p in enumerate(article.paragraphs):
        per_cell.append((k, "", [s.text for s in p.sentences]))
        for c in rows[k]:
            if not c.text.strip():
                continue
            if c.name in given:
                sents = list(given[c.name][p.id].sentences)
            elif c.name == rows[k][0].name:
                continue
            else:
                sents = [s.text for s in split_sentences(c.text, "x")]
            per_cell.append((k, c.name, sents))
    texts = list(dict.fromkeys(t for _, _, sents in per_cell for t in sents))
    if not texts:
        return {}
    vecs = dict(zip(texts, embed(texts)))
    out: dict[tuple[int, str], float] = {}
    base: dict[int, np.ndarray] = {}
    for k, name, sents in per_cell:
        if not sents:
            continue
        v = np.mean([vecs[t] for t in sents], axis=0)
        v = v / (np.linalg.norm(v) or 1.0)
        if name == "":
            base[k] = v
            out[k, rows[k][0].name] = 1.0
        elif k in base:
            out[k, name] = float(np.clip(v @ base[k], -1.0, 1.0))
    return out


def _with(cell: VersionCell, **changes) -> VersionCell:
    from dataclasses import replace

    return replace(cell, **changes) if changes else cell
