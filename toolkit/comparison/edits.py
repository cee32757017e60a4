"""Word-level edits between a text and a rewrite of it: found, voted on, applied.

A rewrite of the machine translation (a post-edit) is read as a list of edits to it: spans of
the original's words replaced, deleted or inserted. Edits that several independent rewrites
make the same way are more trustworthy than any one rewrite, and an edit can be applied alone,
so a suggestion can be "the original with only its trusted edits".

Tokens are whitespace-delimited words with their punctuation and trailing space, so applying
no edit gives the original back exactly, and applying every edit of a rewrite gives the rewrite
(modulo whitespace).
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

_TOKEN = re.compile(r"\S+\s*")


@dataclass(frozen=True, order=True)
class Edit:
    """Replace the original's tokens ``[start, end)`` with ``replacement`` (empty: delete;
    ``start == end``: insert before token ``start``)."""

    start: int
    end: int
    replacement: tuple[str, ...]

    def old(self, tokens: Sequence[str]) -> str:
        return "".join(tokens[self.start : self.end]).strip()

    @property
    def new(self) -> str:
        return "".join(self.replacement).strip()

    def overlaps(self, other: Edit) -> bool:
        """Whether the two edits touch the same tokens (two inserts at one point overlap too)."""
        if self.start == self.end or other.start == other.end:
            return self.start <= other.end and other.start <= self.end
        return self.start < other.end and other.start < self.end


def tokenize(text: str) -> list[str]:
    """Split ``text`` into words with their trailing whitespace (leading space dropped)."""
    return _TOKEN.findall(text.strip())


def _key(token: str) -> str:
    return token.strip()


def find_edits(original: Sequence[str], rewrite: Sequence[str]) -> list[Edit]:
    """Return the edits that turn ``original`` into ``rewrite`` (token lists), in order."""
    a = [_key(t) for t in original]
    b = [_key(t) for t in rewrite]
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op != "equal":
            out.append(Edit(i1, i2, tuple(_spaced(rewrite[j1:j2]))))
    return out


def _spaced(tokens: Sequence[str]) -> list[str]:
    """Tokens as they will sit inside the original: each followed by one space at least."""
    return [t if t[-1:].isspace() else t + " " for t in tokens]


def apply_edits(original: Sequence[str], edits: Sequence[Edit]) -> str:
    """Return the original with ``edits`` (non-overlapping) applied."""
    out: list[str] = []
    i = 0
    for e in sorted(edits):
        out.extend(_spaced(original[i : e.start]))
        out.extend(e.replacement)
        i = max(i, e.end)
    out.extend(original[i:])
    return re.sub(r"\s+", " ", "".join(out)).strip()


def vote(edit_lists: Sequence[Sequence[Edit]], min_votes: int) -> list[tuple[Edit, int]]:
    """Return the edits made identically by at least ``min_votes`` rewrites, with their votes.

    Overlapping winners are resolved in favour of more votes, then of the earlier edit.
    """
    counts = Counter(e for edits in edit_lists for e in set(edits))
    ranked = sorted(
        ((e, n) for e, n in counts.items() if n >= min_votes), key=lambda x: (-x[1], x[0])
    )
    kept: list[tuple[Edit, int]] = []
    for e, n in ranked:
        if not any(e.overlaps(k) for k, _ in kept):
            kept.append((e, n))
    return sorted(kept)
