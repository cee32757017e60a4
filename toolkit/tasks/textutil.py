"""Small text helpers shared by the tasks: cleaning model output, copy detection, chunking."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache

from ..core.document import normalize_text
from ..core.text import words as tokenize

_PREAMBLE = re.compile(
    r"^\s*(?:(?:here is|here's|sure[,!.]?|certainly[,!.]?|okay[,!.]?)[^\n:]*:\s*|"
    r"(?:summary|rewrite|rewritten( paragraph)?|translation|answer|output|corrected( text)?"
    r"|english)\s*:\s*)",
    re.I,
)
_MARKDOWN = re.compile(r"(\*\*|__|`+|^#+\s*|^\s*[-*•]\s+|^\s*\d+[.)]\s+)", re.M)


_ECHO_LABEL = re.compile(r"^\s*(?:section\s+)?title\s*:.*?(?:summary|text)\s*:\s*", re.I | re.S)
_META = re.compile(
    r"\b(machine[- ]translat\w*|in plain english|this (?:text|passage) is"
    r"|the (?:text|passage) is (?:a|an|in)|"
    r"summary of (?:the|this|a) (?:text|passage|section)|"
    r"(?:the|this) (?:article|text) is (?:a|an) (?:summary|continuation)|"
    r"(?:the|this) (?:article|text) is (?:written )?in english|"
    r"(?:the )?(?:previous|next|following) (?:section|part|paragraph)s?)\b",
    re.I,
)


def is_meta(sentence: str) -> bool:
    """True for a sentence about the text itself ("The text is a summary of ...")."""
    return bool(_META.search(sentence))


def clean_output(text: str, original: str = "") -> str:
    """Strip preambles, echoed labels, markdown and wrapping quotes from a reply.

    Quotes around the whole reply are kept when ``original`` (the text it renders) is itself
    a quotation: they are the text's, not the model's wrapping.
    """
    text = text.strip()
    text = (
        _ECHO_LABEL.sub("", text, count=1) if _ECHO_LABEL.match(text) and len(text) < 4000 else text
    )
    for _ in range(2):
        text = _PREAMBLE.sub("", text, count=1).strip()
    text = _MARKDOWN.sub("", text)
    text = re.sub(r"\s+", " ", text).strip()
    quoted = original.strip()[:1] in ("\"", "“", "'", "«", "„")
    if not quoted and len(text) > 1 and text[0] in "\"“'" and text[-1] in "\"”'" and not any(
            q in text[1:-1] for q in "\"“”"):  # '"No," he said, "never."' is not wrapped
        text = text[1:-1].strip()
    return _keep_marker(text, original)


# A line's leading marker: bullets, dashes, arrows, emoji, a list number ("2."), before a word;
# not a quote or a bracket (those belong to the sentence), not a sign ("-5 degrees").
_MARKER = re.compile(r"^\s*((?:[^\w\s\"'“‘„«(\[]|\d{1,2}[.)](?=\s))+)(\s*)(?=[^\W\d_])")


# A line's trailing marks beyond its end punctuation: "......", "---", "☝☝☝", an emoji.
_TAIL = re.compile(r"(\s*)([^\w\s]+)\s*$")
_END_MARKS = set(".,;:!?\"'”’»)]…")


def _keep_marker(text: str, original: str) -> str:
    """Put back the original's leading marker ("• ", "👉", "2. ") and trailing marks ("......",
    "☝☝☝") when the reply lost them: the list markers a model adds are stripped above, and a
    model often drops the ones it was given."""
    if not text or not original:
        return text
    m = _MARKER.match(original)
    if m and not text.startswith(m.group(1)):
        text = f"{m.group(1)}{m.group(2)}{text}"
    t = _TAIL.search(original)
    if t and (len(t.group(2)) >= 3 or not set(t.group(2)) <= _END_MARKS):
        space, tail = t.group(1), t.group(2)
        text = text.rstrip()
        if not text.endswith(tail):  # "car.---": the reply's "car." becomes "car.---"
            body = text if space else text.rstrip("".join(_END_MARKS - set("\"'”’»)]")))
            text = f"{body}{space}{tail}"
    return text


def repeats_a_phrase(text: str, source: str = "", n: int = 5, coverage: float = 0.35) -> bool:
    """True when a phrase of ``n``+ words comes back and its copies fill much of a short text.

    "The article is a continuation of the previous section, and the article is a continuation
    of the previous section" is a loop the budget cut before it could repeat many times. A
    phrase that ``source`` itself repeats does not count.
    """
    w = words(text)
    if len(w) < 2 * n:
        return False
    in_source: dict[tuple[str, ...], int] = {}
    if source:
        sw = words(source)
        for i in range(len(sw) - n + 1):
            gram = tuple(sw[i : i + n])
            in_source[gram] = in_source.get(gram, 0) + 1
    seen: dict[tuple[str, ...], int] = {}
    covered: set[int] = set()
    for i in range(len(w) - n + 1):
        gram = tuple(w[i : i + n])
        if gram in seen and in_source.get(gram, 0) < 2:
            covered.update(range(seen[gram], seen[gram] + n))
            covered.update(range(i, i + n))
        else:
            seen[gram] = i
    return len(covered) >= coverage * len(w)


def words(text: str) -> list[str]:
    """Return the lowercased words of ``text`` in comparison form (the one tokenizer's words)."""
    return tokenize(normalize_text(text).lower())


@lru_cache(maxsize=64)
def _grams(text: str, n: int) -> tuple[frozenset[tuple[str, ...]], str]:
    w = words(text)
    return frozenset(tuple(w[i : i + n]) for i in range(len(w) - n + 1)), " ".join(w)


def copy_ratio(candidate: str, source: str, n: int = 5) -> float:
    """Return the share of ``candidate``'s word n-grams that occur verbatim in ``source``."""
    cw = words(candidate)
    if not cw:
        return 0.0
    grams, joined = _grams(source, n)
    if len(cw) < n:
        return 1.0 if " ".join(cw) in joined else 0.0
    cand = [tuple(cw[i : i + n]) for i in range(len(cw) - n + 1)]
    return sum(g in grams for g in cand) / len(cand)


def chunk_by_tokens(
    pieces: Sequence[str], count: Callable[[Sequence[str]], list[int]], budget: int
) -> list[list[str]]:
    """Group consecutive pieces into chunks of at most ``budget`` tokens; never drop text.

    A piece longer than the budget is split at sentence boundaries, then at word boundaries.
    """
    from ..ingest import split_sentences

    units: list[str] = []
    sizes = count(pieces)
    for piece, size in zip(pieces, sizes):
        if size <= budget:
            units.append(piece)
            continue
        sentences = [s.text for s in split_sentences(piece, "x")]
        for sentence, ssize in zip(sentences, count(sentences)):
            if ssize <= budget:
                units.append(sentence)
            else:  # a run-on "sentence": cut at words, about budget/ssize of it at a time
                ws = sentence.split()
                step = max(1, int(len(ws) * budget / ssize * 0.9))
                units.extend(" ".join(ws[i : i + step]) for i in range(0, len(ws), step))
    chunks: list[list[str]] = []
    used = 0
    for unit, size in zip(units, count(units)):
        if chunks and used + size <= budget:
            chunks[-1].append(unit)
            used += size
        else:
            chunks.append([unit])
            used = size
    return chunks


def balanced_chunks(
    pieces: Sequence[str], count: Callable[[Sequence[str]], list[int]], budget: int
) -> list[list[str]]:
    """Chunk like :func:`chunk_by_tokens`, but with chunks of about equal size.

    The greedy chunking leaves a short last chunk (4 x 1,500 tokens + 1 x 200); batched with the
    others its prompt is the shortest, and an engine that feeds the rest of every longer prompt
    one token per step then pays for the difference. Equal chunks (5 x 1,240) avoid that, with
    the same number of chunks: each unit goes to the chunk its token midpoint falls in.
    """
    greedy = chunk_by_tokens(pieces, count, budget)
    n = len(greedy)
    if n < 2:
        return greedy
    units = [u for chunk in greedy for u in chunk]
    sizes = count(units)
    share = sum(sizes) / n
    chunks: list[list[str]] = [[] for _ in range(n)]
    used = [0] * n
    acc = 0
    for unit, size in zip(units, sizes):
        k = min(n - 1, int((acc + size / 2) // share))
        chunks[k].append(unit)
        used[k] += size
        acc += size
    if any(not c for c in chunks) or max(used) > budget:
        return greedy
    return chunks
