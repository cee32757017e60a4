"""Article-level consistency: one name or term of the original rendered two ways in one article.

Two views, both flagged ``inconsistent-term``:

- in a *version* (a strategy, a given translation): a name of the original MT is written one way
  in some paragraphs and another way in others ("Actao" -> "Aktau" in s2.p2 but "Aqtau" in s3.p1);
- in the *original* MT itself: one name spelled two ways ("Karabagh" and "Karabakh"), found by
  the spelling keys of :mod:`toolkit.qa.names` with stricter limits, or as one name in
  two romanizations (:mod:`toolkit.comparison.romanization`: Mohammad and Muhammad, Tse-tung and
  Zedong, Zelensky and Zelenskyy, Satō and Satoh), and never two real place names
  (Austria/Australia) or words the article also writes in lowercase.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from ...comparison.romanization import Habit, romanization_pairs, same_name
from ...core.flags import Flag
from ..gazetteer import place_countries
from ..names import (
    NAME_MIN_LENGTH,
    derived,
    name_candidates,
    name_words,
    respelling,
    romanization_note,
    spelling_key,
)
from ..registry import ArticleFlag, ArticleView, CheckContext, check

ORIGINAL_MIN_RATIO = 80.0  # stricter than name-variant's 70: both spellings are the MT's own
ORIGINAL_MIN_LENGTH = 5
_COMMON_PAIRS = frozenset(
    """
minister ministry ministers president presidency presidents national nations union unions council
councils counsel general generals state states united unity republic republics federal federation
western eastern northern southern western west east north south central centre center
""".split()
)


def version_inconsistencies(
    ids: Sequence[str], originals: Sequence[str], versions: Mapping[str, Sequence[str | None]]
) -> dict[tuple[int, str], list[Flag]]:
    """Flag paragraphs where a version renders a name of the original unlike its other paragraphs.

    Returns flags by (paragraph index, version name). Where the version keeps the original's
    spelling somewhere, the paragraphs that change it are flagged ("Russian" kept in two
    paragraphs, made "Persian" in four); otherwise the paragraphs that differ from the version's
    commonest rendering (on a tie, the later ones).
    """
    words = [name_words(t) for t in originals]
    lowered = {w for ws in words for w in ws if w.islower()}
    out: dict[tuple[int, str], list[Flag]] = {}
    for name_v, texts in versions.items():
        vwords = [name_words(t) if t else [] for t in texts]
        lowered_v = lowered | {w for ws in vwords for w in ws if w.islower()}
        renderings: dict[str, list[tuple[int, str]]] = {}
        for i, ws in enumerate(words):
            if not vwords[i]:
                continue
            own = {w.lower() for w in ws}
            theirs = {w.lower() for w in vwords[i]}
            for name in name_candidates(ws, lowered):
                if name.lower() in theirs:
                    rendering = name
                else:
                    rendering = respelling(name, vwords[i], own, lowered_v)
                if rendering is not None:
                    renderings.setdefault(name, []).append((i, rendering))
        for name, found in renderings.items():
            counts = Counter(r.casefold() for _, r in found)
            if len(counts) < 2:
                continue
            first_seen = {}
            for i, r in found:
                first_seen.setdefault(r.casefold(), (i, r))
            if name.casefold() in counts:  # kept as the original writes it somewhere: the reference
                reference = name.casefold()
            else:
                reference = max(counts, key=lambda k: (counts[k], -first_seen[k][0]))
            shown = first_seen[reference][1] if reference != name.casefold() else ""
            where = ", ".join(ids[i] for i, r in found if r.casefold() == reference)
            how = f"keeps {name}" if reference == name.casefold() else f"writes {name} as "
            for i, r in found:
                if r.casefold() == reference:
                    continue
                out.setdefault((i, name_v), []).append(
                    Flag(
                        "inconsistent-term",
                        f"{name} -> {r}",
                        f"{name_v} {how}{shown} in {where}, but writes {r} here"
                        + romanization_note(shown or name, r),
                    )
                )
    return out


@dataclass(frozen=True)
class Respelling:
    """A name the original writes two ways: the rarer spelling and the commoner one."""

    rare: str
    common: str
    rare_count: int
    common_count: int
    rare_where: tuple[int, ...]  # paragraph indexes
    common_where: tuple[int, ...]
    habit: Habit | None = None  # the romanization habit that links them, if that is the link


def original_respellings(originals: Sequence[str], language: str | None = None) -> list[Respelling]:
    """Return the names the original MT spells two ways (the rarer spelling of each pair first).

    Two capitalized names are one name when their spelling keys are close (at least
    :data:`ORIGINAL_MIN_LENGTH` letters, a rapidfuzz ratio of :data:`ORIGINAL_MIN_RATIO`) or when
    they are one name in two romanizations (four letters are enough); never two real places of
    different countries. ``language`` (the source language) names the romanization habit first.
    """
    words = [name_words(t) for t in originals]
    lowered = {w.lower() for ws in words for w in ws if w.islower()}
    counts: Counter[str] = Counter()
    where: dict[str, list[int]] = {}
    first: dict[str, int] = {}
    for i, ws in enumerate(words):
        for name in name_candidates(ws, lowered):
            if len(name) < NAME_MIN_LENGTH or name.lower() in _COMMON_PAIRS:
                continue
            counts[name] += sum(1 for w in ws if w == name)
            where.setdefault(name, []).append(i)
            first.setdefault(name, len(first))
    names = sorted(counts, key=lambda n: (-counts[n], first[n]))  # commoner, then earlier, first
    habits = romanization_pairs(names, language)
    places = None
    out: list[Respelling] = []
    done: set[str] = set()
    for a_idx, a in enumerate(names):
        for b in names[a_idx + 1 :]:
            if b in done or a in done:
                continue
            habit = habits.get((a, b))
            if habit is None:
                if min(len(a), len(b)) < ORIGINAL_MIN_LENGTH:
                    continue
                ka, kb = spelling_key(a), spelling_key(b)
                if ka == kb and a.lower() == b.lower():
                    continue
                bar = ORIGINAL_MIN_RATIO if ka[:1] == kb[:1] else ORIGINAL_MIN_RATIO + 5
                if abs(len(ka) - len(kb)) > 2 or derived(ka, kb) or fuzz.ratio(ka, kb) < bar:
                    continue
            if places is None:
                places = place_countries()
            ca, cb = places.get(a.lower()), places.get(b.lower())
            if ca and cb and not ca & cb:
                continue  # two real places in different countries (Austria, Australia)
            if _different_people(a, b, originals, language):
                continue
            done.add(b)
            out.append(Respelling(b, a, counts[b], counts[a], tuple(dict.fromkeys(where[b])),
                                  tuple(dict.fromkeys(where[a])), habit))
    return out


def _followers(name: str, originals: Sequence[str]) -> set[str | None]:
    """Return the capitalized words that follow ``name`` (None where none does)."""
    rx = re.compile(rf"(?<![\w'’]){re.escape(name)}(?![\w'’-])(?:\s+([A-Z][\w'’-]*))?")
    return {m.group(1) for t in originals for m in rx.finditer(t)}


def _different_people(a: str, b: str, originals: Sequence[str], language: str | None) -> bool:
    """Tell two given names of different people (Vladimir Putin, Volodymyr Zelensky).

    Both spellings are always followed by a surname, and no surname follows both (or two
    romanizations of one surname).
    """
    fa, fb = _followers(a, originals), _followers(b, originals)
    if not fa or not fb or None in fa or None in fb:
        return False
    return not any(x == y or same_name(x, y, language) for x in fa for y in fb)


def original_inconsistencies(
    ids: Sequence[str], originals: Sequence[str], language: str | None = None
) -> dict[int, list[Flag]]:
    """Flag names the original MT spells two ways (in one paragraph or across paragraphs).

    Each rarer spelling is flagged where it occurs, naming the commoner one and where it is.
    """
    out: dict[int, list[Flag]] = {}
    for r in original_respellings(originals, language):
        seen = ", ".join(ids[i] for i in r.common_where)
        how = f": one name in two romanizations ({r.habit.label})" if r.habit else ""
        for i in r.rare_where:
            out.setdefault(i, []).append(
                Flag(
                    "inconsistent-term",
                    f"{r.rare} / {r.common}",
                    f"the original writes {r.common} ({r.common_count}x, in {seen})"
                    f" and {r.rare} ({r.rare_count}x){how}",
                )
            )
    return out


@check("inconsistent-term", kinds=("inconsistent-term",), target="article",
       help="one name of the original rendered two ways in one article (by a version, or the MT)")
def inconsistent_term(view: ArticleView, ctx: CheckContext) -> list[ArticleFlag]:
    found = [ArticleFlag(i, name, f) for (i, name), flags in
             version_inconsistencies(view.ids, view.originals, dict(view.versions)).items()
             for f in flags]
    found += [ArticleFlag(i, "original", f)
              for i, flags in original_inconsistencies(view.ids, view.originals).items()
              for f in flags]
    return found
