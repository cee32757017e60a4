"""Split a paragraph into sentences (blingfire's public API), also at glued full stops.

Machine-translated pages often glue sentences with no space after the full stop
("management.County leaders"); blingfire keeps those as one sentence. They are cut there too, the
paragraph's text stays verbatim, and :func:`glued_sentences` reports them for a
``glued-sentence`` flag.
"""

from __future__ import annotations

import itertools
import re

from ..core.document import Sentence

# blingfire sees a copy of the text in which line breaks, other whitespace controls and NUL are
# spaces and lone surrogates are U+FFFD: one character for one, so its offsets stay valid.
_BF_SPACES = str.maketrans({c: " " for c in "\x00\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\u2028\u2029"})
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_WINDOW = 1 << 15  # characters per blingfire call: its wrapper allocates per call

# a full stop (or ?/!), maybe a closing quote, then a letter with no space between:
# "management.County"; the word before it is checked in code (a regex over every word is slow)
_GLUED = re.compile(r"[.!?]+[\"'”’»)\]]?(?=[^\W\d_])")
_WORD_BEFORE = re.compile(r"[^\W\d_]{2,}$")
_WORD_AFTER = re.compile(r"[^\W\d_]+")
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "jr",
        "sr",
        "prof",
        "gen",
        "col",
        "lt",
        "sgt",
        "capt",
        "gov",
        "sen",
        "rep",
        "vs",
        "etc",
        "no",
        "fig",
        "vol",
        "ed",
        "eds",
        "inc",
        "ltd",
        "co",
        "corp",
        "dept",
        "univ",
        "approx",
        "est",
    ]
)


def glued_sentences(text: str) -> list[tuple[int, str]]:
    """Return ``(offset, quote)`` for each place where a sentence starts with no space before it.

    ``offset`` is where the second sentence starts; ``quote`` is the glued words
    ("management.County").
    """
    out: list[tuple[int, str]] = []
    for m in _GLUED.finditer(text):
        cut = m.end()
        before = _WORD_BEFORE.search(text, max(0, m.start() - 40), m.start())
        after = _WORD_AFTER.match(text, cut)
        if before is None or after is None or len(after.group(0)) < 2:
            continue
        word, nxt = before.group(0), after.group(0)
        if word.lower() in _ABBREVIATIONS or word.isupper() or not nxt[0].isupper():
            continue
        if not nxt[1].islower():  # "U.S.A", "e.ON": not a sentence
            continue
        prev = text[before.start() - 1] if before.start() else " "
        if prev in "./@:_-" or prev.isdigit():  # a domain, a path, an e-mail address
            continue
        out.append((cut, f"{word}{m.group(0)}{nxt}"))
    return out


def _blingfire_starts(text: str) -> list[int]:
    """Return the character offsets (> 0) where blingfire starts a sentence of ``text``.

    ``text`` has no line breaks. blingfire's ``text_to_sentences`` returns the sentences one a
    line, spacing inside them unchanged; each is found again in ``text``. Its offsets variant
    (a Python loop over every byte: seconds on a 5 MB article) serves only if that fails.
    """
    import blingfire

    starts: list[int] = []
    pos = 0
    for sentence in blingfire.text_to_sentences(text).split("\n"):
        at = text.find(sentence, pos) if sentence else pos
        if at < 0:
            return _offset_starts(text)
        starts.append(at)
        pos = at + len(sentence)
    return sorted({s for s in starts if 0 < s < len(text)})


def _offset_starts(text: str) -> list[int]:
    import blingfire

    try:
        _, offsets = blingfire.text_to_sentences_and_offsets(text)
    except AssertionError:  # the wrapper's offset mapping disagreed: no cuts, one sentence
        return []
    return sorted({start for start, _ in offsets if 0 < start < len(text)})


def _sentence_starts(text: str, glued: list[tuple[int, str]] | None = None) -> list[int]:
    """Return the character offsets (> 0) at which sentences of ``text`` start."""
    clean = _SURROGATE.sub("\ufffd", text.translate(_BF_SPACES))
    cuts: list[int] = []
    pos = 0
    while pos < len(clean):
        end = min(len(clean), pos + _WINDOW)
        window = clean[pos:end]
        found = [pos + s for s in _blingfire_starts(window)] if window.strip() else []
        cuts.extend(found)
        if end == len(clean):
            break
        # The window's last sentence may go on past it: the next window starts at that sentence
        # (at the window's end if that sentence is longer than half a window: always progress).
        pos = found[-1] if found and found[-1] - pos > _WINDOW // 2 else end
    glued = glued_sentences(text) if glued is None else glued
    return sorted(set(cuts) | {cut for cut, _ in glued})


def split_sentences(
    text: str, id_prefix: str, glued: list[tuple[int, str]] | None = None
) -> tuple[Sentence, ...]:
    """Split a paragraph into sentences whose spans partition its non-space characters.

    ``glued`` is :func:`glued_sentences` of ``text`` when the caller already has it.
    """
    bounds = [0, *_sentence_starts(text, glued), len(text)]
    sentences: list[Sentence] = []
    for a, b in itertools.pairwise(bounds):
        piece = text[a:b]
        lead = len(piece) - len(piece.lstrip())
        body = piece.strip()
        if body:
            start = a + lead
            sentences.append(
                Sentence(f"{id_prefix}.t{len(sentences) + 1}", body, start, start + len(body))
            )
    return tuple(sentences)
