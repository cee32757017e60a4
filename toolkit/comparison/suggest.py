"""Choose the reading of a paragraph Parallax trusts most, from reference-free signals only.

The candidates are the machine translation itself, every alternative, and the MT with only the
edits that several rewrites made the same way (``edited``). The signals:

* **flags** — a candidate with a warning flag of its own (severity minor or major) never beats
  the MT;
* **the model's own scores** — the log-likelihood of the candidate as a careful correction of
  the MT (and, with the source, as a translation of it), relative to the MT's own: a candidate
  the model does not prefer to the MT is not suggested;
* **agreement** — a candidate far from every other (an outlier rewrite) is not trusted.

When nothing is trusted, the suggestion is the MT. This module is pure: the scores come in.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..core.flags import Flag
from ..core.results import SuggestedEdit, Suggestion
from .edits import Edit, apply_edits, find_edits, tokenize, vote
from .metrics import symmetric_chrf

ORIGINAL = "original"
EDITED = "edited"


@dataclass(frozen=True)
class Policy:
    """How much evidence a change needs before it is suggested."""

    min_votes: int = 2  # an edit is trusted when this many rewrites make it the same way
    edit_gain: float = 0.0  # ... and it raises the MT's score by more than this (nats), if scored
    min_gain: float = (
        0.0  # a whole candidate must beat the MT's score by more than this (nats/token)
    )
    min_agreement: float = 0.0  # ... and agree with the others at least this much (mean chrF)
    rewrites: tuple[str, ...] = ("post-edit",)  # strategies whose replies vote on edits


@dataclass(frozen=True)
class Candidate:
    name: str
    text: str
    flags: tuple[Flag, ...] = ()

    @property
    def warned(self) -> bool:
        return any(not f.reviewed and f.severity != "info" for f in self.flags)


def trusted_edits(original: str, rewrites: Sequence[str], policy: Policy) -> list[tuple[Edit, int]]:
    """Return the edits at least ``policy.min_votes`` of ``rewrites`` make identically, leaving
    out any edit that loses or adds a fact-bearing word (see :func:`keeps_facts`)."""
    tokens = tokenize(original)
    lists = [find_edits(tokens, tokenize(r)) for r in rewrites if r.strip()]
    return [(e, n) for e, n in vote(lists, max(1, policy.min_votes)) if keeps_facts(e, tokens)]


_END = (".", "!", "?", ":", '"', "\u201d")


def _bare(token: str) -> str:
    return re.sub(r"^\W+|\W+$", "", token.strip()).casefold()


def _factual(word: str, before: str) -> bool:
    """A word that carries a fact a repair must keep: a number, or a capitalized word that does
    not start a sentence (a name, a place, an acronym); ``before`` is the word preceding it."""
    word = word.strip()
    if any(ch.isdigit() for ch in word):
        return True
    letters = word.lstrip("\"'(\u201c[")
    return letters[:1].isupper() and bool(before.strip()) and not before.strip().endswith(_END)


def keeps_facts(edit: Edit, tokens: Sequence[str]) -> bool:
    """Whether ``edit`` keeps the facts of the words it replaces: no number changed or added, no
    name dropped (a name may be respelled: replaced by another name) and none added.

    An edit that drops "ERR" from "Arikas told ERR", or half of the pair that turns "20 July"
    into "July 20", is not a repair a reader can trust unseen.
    """
    before = tokens[edit.start - 1] if edit.start > 0 else ""
    old = [tokens[i] for i in range(edit.start, edit.end)
           if _factual(tokens[i], tokens[i - 1] if i > 0 else "")]
    new, prev = [], before
    for t in edit.replacement:
        if _factual(t, prev):
            new.append(t)
        prev = t
    old_bare, new_bare = {_bare(t) for t in old}, {_bare(t) for t in new}
    if len(new_bare - old_bare) > len(old_bare - new_bare):  # a name or number more
        return False
    if any(_bare(t) not in new_bare for t in old) and not new:  # a name or number gone
        return False
    digits = lambda ts: {_bare(t) for t in ts if any(c.isdigit() for c in t)}  # noqa: E731
    return digits(edit.replacement) <= digits(tokens[edit.start:edit.end])


def agreement(texts: Mapping[str, str]) -> dict[str, float]:
    """Return each text's mean symmetric chrF to the others (100 for a lone text)."""
    names = list(texts)
    out = {}
    for a in names:
        others = [b for b in names if b != a]
        if not others:
            out[a] = 100.0
            continue
        out[a] = sum(symmetric_chrf(texts[a], texts[b]) for b in others) / len(others)
    return out


def choose(original: str, candidates: Sequence[Candidate], scores: Mapping[str, float] | None,
           edits: Sequence[tuple[Edit, int, float | None]], policy: Policy) -> Suggestion:
    """Return the suggestion among ``candidates`` (the MT first, named ``original``).

    ``scores`` map candidate names to the model's per-token log-likelihood gain over the MT
    (None: no scoring engine); ``edits`` are the trusted edits of ``edited`` with their votes
    and score gains.
    """
    tokens = tokenize(original)
    shown = tuple(SuggestedEdit(e.old(tokens), e.new, n, g) for e, n, g in edits)
    texts = {c.name: c.text for c in candidates if c.text.strip()}
    agree = agreement(texts)
    best, why = ORIGINAL, "no candidate was trusted more than the machine translation"
    best_key = None
    for c in candidates:
        if c.name == ORIGINAL or not c.text.strip() or c.text.strip() == original.strip():
            continue
        if c.warned:
            continue
        gain = scores.get(c.name) if scores is not None else None
        if gain is not None and gain <= policy.min_gain:
            continue
        if agree.get(c.name, 0.0) < policy.min_agreement:
            continue
        key = (gain if gain is not None else 0.0, agree.get(c.name, 0.0))
        if best_key is None or key > best_key:
            best, best_key = c.name, key
            why = (
                f"{c.name}: no warning flag"
                + (
                    f", model prefers it to the MT by {gain:.3f} nats/token"
                    if gain is not None
                    else ""
                )
                + f", agreement {agree.get(c.name, 0.0):.1f}"
            )
    chosen = next(c for c in candidates if c.name == best)
    return Suggestion(chosen.text, best, why, shown if best == EDITED else (),
                      chosen.flags if best != ORIGINAL else (),
                      tuple(sorted((k, round(v, 4)) for k, v in (scores or {}).items())))


def edited_text(original: str, edits: Sequence[Edit]) -> str:
    return apply_edits(tokenize(original), edits)
