"""Word-level diff that keeps whitespace, so either side can be rebuilt exactly from the ops."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from difflib import SequenceMatcher

from ..core.results import DiffOp

_TOKEN = re.compile(r"(\S*)(\s*)")


def _tokens(text: str) -> list[tuple[str, str]]:
    """Split into (word, following whitespace); only the first word may be empty."""
    return [m.groups() for m in _TOKEN.finditer(text) if m.group(0)]


def _merged(ops: Iterable[DiffOp]) -> tuple[DiffOp, ...]:
    """Join neighbouring runs: equal runs, and the deletes and inserts between two equal runs."""
    out: list[DiffOp] = []
    changed = {"delete": "", "insert": ""}

    def flush() -> None:
        out.extend(DiffOp(kind, text) for kind, text in changed.items() if text)
        changed.update(delete="", insert="")

    for op in ops:
        if op.op != "equal":
            changed[op.op] += op.text
        elif op.text:
            flush()
            if out and out[-1].op == "equal":
                out[-1] = DiffOp("equal", out[-1].text + op.text)
            else:
                out.append(op)
    flush()
    return tuple(out)


def _shared_space(a: str, b: str) -> int:
    """Return the length of the trailing whitespace that ``a`` and ``b`` share."""
    limit = min(len(a) - len(a.rstrip()), len(b) - len(b.rstrip()))
    n = 0
    while n < limit and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


def word_diff(original: str, alternative: str) -> tuple[DiffOp, ...]:
    """Diff two texts word by word; a replacement is a delete followed by an insert.

    Words are compared without their whitespace. Whitespace that differs after two equal words
    becomes its own delete/insert; whitespace both sides keep after a replacement stays equal:
    ``"a b c"`` -> ``"a x c"`` gives equal ``"a "``, delete ``"b"``, insert ``"x"``, equal
    ``" c"``. Joining the equal and delete texts gives ``original``; equal and insert,
    ``alternative``.
    """
    a, b = _tokens(original), _tokens(alternative)
    matcher = SequenceMatcher(None, [w for w, _ in a], [w for w, _ in b], autojunk=False)
    ops: list[DiffOp] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for (word, space_a), (_, space_b) in zip(a[i1:i2], b[j1:j2]):
                ops.append(DiffOp("equal", word))
                if space_a == space_b:
                    ops.append(DiffOp("equal", space_a))
                else:
                    ops += [DiffOp("delete", space_a), DiffOp("insert", space_b)]
            continue
        old = "".join(w + s for w, s in a[i1:i2])
        new = "".join(w + s for w, s in b[j1:j2])
        shared = _shared_space(old, new)
        ops += [
            DiffOp("delete", old[: len(old) - shared]),
            DiffOp("insert", new[: len(new) - shared]),
            DiffOp("equal", old[len(old) - shared :]),
        ]
    return _merged(ops)


def _word_count(ops: Sequence[DiffOp], kind: str) -> int:
    return sum(len(op.text.split()) for op in ops if op.op == kind)


def diff_stats(ops: Sequence[DiffOp]) -> dict[str, int]:
    """Count the words in equal, inserted and deleted runs."""
    return {
        "equal_words": _word_count(ops, "equal"),
        "inserted_words": _word_count(ops, "insert"),
        "deleted_words": _word_count(ops, "delete"),
    }
