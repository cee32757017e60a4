"""``parallax glossary suggest``: propose glossary entries for a user to confirm, with evidence.

Four sources, none of which runs a model:

- place names the machine translation garbled: capitalized words close in spelling to a city,
  region or country of the offline gazetteer (:mod:`toolkit.qa.gazetteer`) whose country the
  article names (``Actao`` -> ``Aktau``: a city in Kazakhstan, and the article says Kazakhstan);
- names an article spells two ways, by close spelling or as one name in two romanizations
  (``Tse-tung`` -> ``Zedong``, ``Zelenskyy`` -> ``Zelensky``, ``Muhammad`` -> ``Mohammad``): the
  rarer spelling is proposed as the commoner, or as the pinyin or the gazetteer's spelling;
- name variants in JSON reports of ``parallax compare`` (``Ambrair`` -> ``Embraer``, as the
  alternatives spell it);
- leftover source script (``۱۰۰`` -> ``100``; other spans are listed for the user to fill in).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..comparison.romanization import same_name
from ..core.document import normalize_digits
from ..core.errors import InputError
from .checks.noise import leftover_script
from .names import derived, name_candidates, name_words

MIN_PLACE_SCORE = 0.85  # Jaro-Winkler of the spelling keys
MIN_CITY_POPULATION = 50_000  # smaller towns are more often a chance likeness than the place meant
REPORT_SUFFIX = ".json"


@dataclass
class Suggestion:
    term: str
    preferred: str  # "" = for the user to fill in
    evidence: list[str] = field(default_factory=list)
    where: list[str] = field(default_factory=list)  # "file: s2.p2"
    alternatives: list[str] = field(default_factory=list)
    score: float = 0.0


@dataclass(frozen=True)
class _Text:
    """One article's paragraphs, from an article file or a JSON report."""

    name: str
    paragraphs: tuple[tuple[str, str], ...]  # (id, original text)
    variants: tuple[tuple[str, str, str, str], ...] = ()  # (paragraph id, name, variant, where)


def _from_report(path: Path, data: dict) -> _Text:
    paragraphs, variants = [], []
    for sec in data.get("sections", []):
        for p in sec.get("paragraphs", []):
            paragraphs.append((p.get("id", ""), p.get("original", "")))
            for f in p.get("noise", []):
                if f.get("kind") == "name-variant" and " -> " in f.get("text", ""):
                    name, variant = f["text"].split(" -> ", 1)
                    variants.append((p.get("id", ""), name, variant, f.get("detail", "")))
    return _Text(path.name, tuple(paragraphs), tuple(variants))


def _read(path: Path) -> _Text | None:
    if path.suffix.lower() == REPORT_SUFFIX:
        from ..core.datafiles import read_json_file

        data = read_json_file(path, "JSON report")  # bounded in size and depth; one-line errors
        if isinstance(data, dict) and str(data.get("schema", "")).startswith("parallax/"):
            try:
                return _from_report(path, data)
            except (AttributeError, TypeError, KeyError, ValueError):
                raise InputError(
                    f"{path}: not a Parallax JSON report (unexpected types inside)"
                ) from None
        return None
    from ..ingest import load_article

    article = load_article(path)
    return _Text(path.name, tuple((p.id, p.text) for p in article.paragraphs))


def _inputs(target: Path) -> list[_Text]:
    if not target.exists():
        raise InputError(f"{target}: no such file or folder")
    if target.is_file():
        found = _read(target)
        if found is None:
            raise InputError(f"{target}: a JSON file that is not a Parallax report")
        return [found]
    from ..batch.walk import find_articles

    sources, _ = find_articles(target, "**/*.{txt,md,html,htm,json}")
    texts = []
    for src in sources:
        try:
            found = _read(src.path)
        except InputError:
            continue  # a folder may hold files that are not articles; skip them quietly
        if found is not None:
            texts.append(found)
    if not texts:
        raise InputError(f"{target}: no articles or Parallax JSON reports in this folder")
    return texts


def suggest(target: str | Path) -> list[Suggestion]:
    """Return suggested glossary entries for an article, a JSON report or a folder of them."""
    texts = _inputs(Path(target))
    out: dict[str, Suggestion] = {}
    _variants(texts, out)
    _respellings(texts, out)
    _places(texts, out)
    _leftovers(texts, out)
    return sorted(out.values(), key=lambda s: (s.preferred == "", -s.score, s.term.casefold()))


def _variants(texts: Sequence[_Text], out: dict[str, Suggestion]) -> None:
    seen: dict[str, Counter[str]] = {}
    for t in texts:
        for pid, name, variant, where in t.variants:
            seen.setdefault(name, Counter())[variant] += 1
            s = out.setdefault(name, Suggestion(name, ""))
            s.where.append(f"{t.name}: {pid}")
            s.evidence.append(f"{pid}: the alternatives write {variant} ({where})")
    for name, counts in seen.items():
        best, n = counts.most_common(1)[0]
        s = out[name]
        s.preferred = best
        s.alternatives = [v for v in counts if v != best]
        s.score = 1.0 + n


def _respellings(texts: Sequence[_Text], out: dict[str, Suggestion]) -> None:
    from . import gazetteer
    from .checks.terms import original_respellings

    places = None
    for t in texts:
        ids = [pid for pid, _ in t.paragraphs]
        for r in original_respellings([text for _, text in t.paragraphs]):
            if places is None:
                places = {gazetteer.fold(p.name) for p in gazetteer.places()}
            # a garbled place: the gazetteer's spelling; two romanizations: pinyin over
            # Wade-Giles, else the commoner (on a tie, the first the article uses)
            garbled_place = r.habit is None and gazetteer.fold(r.rare) in places and (
                gazetteer.fold(r.common) not in places
            )
            wade_giles = r.habit is not None and r.habit.name == "pinyin-wade-giles"
            if garbled_place or (wade_giles and "-" in r.common):
                term, preferred = r.common, r.rare
            else:
                term, preferred = r.rare, r.common
            how = f"one name in two romanizations ({r.habit.label})" if r.habit else (
                "close spellings of one name")
            where = [f"{t.name}: {ids[i]}" for i in (*r.rare_where, *r.common_where)]
            s = out.setdefault(term, Suggestion(term, preferred, score=1.0 + r.common_count))
            if s.preferred != preferred:
                s.alternatives.append(preferred)
                continue
            s.evidence.append(
                f"the article writes {r.common} ({r.common_count}x) and {r.rare} "
                f"({r.rare_count}x): {how}"
            )
            s.where += where


def _places(texts: Sequence[_Text], out: dict[str, Suggestion]) -> None:
    from . import gazetteer

    exact = {gazetteer.fold(p.name) for p in gazetteer.places()}
    for t in texts:
        words = [w for _, text in t.paragraphs for w in name_words(text)]
        lowered = {w for w in words if w.islower()}
        article = " ".join(text for _, text in t.paragraphs)
        for name in name_candidates([w.rstrip("'’") for w in words], lowered):
            key = gazetteer.fold(name)
            if name in out or key in exact or any(derived(key, e) for e in _stems(key, exact)):
                continue  # a real place, or a word made from one (Russian, Azerbaijani)
            for cand in gazetteer.candidates(name, min_score=MIN_PLACE_SCORE):
                place = cand.place
                if gazetteer.skeleton(cand.spelling) != gazetteer.skeleton(name) and (
                    same_name(name, cand.spelling) is None
                ):
                    continue  # the consonants differ: another name, not a respelling
                named = place.country_name if place.kind != "country" else ""
                if place.kind != "country" and not (
                    named and re.search(rf"\b{re.escape(named)}", article)
                ):
                    continue  # no evidence that the article is about that country
                if place.kind == "city" and place.population < MIN_CITY_POPULATION:
                    continue
                where = [
                    pid for pid, text in t.paragraphs if re.search(rf"\b{re.escape(name)}\b", text)
                ]
                what = {"city": "a city", "region": "a region", "country": "a country"}[place.kind]
                pop = f", population {place.population:,}" if place.population else ""
                evidence = [
                    f"{what}{' in ' + named if named else ''}{pop}: {place.name}",
                    f"spelling similarity {cand.score:.2f} (as {cand.spelling!r}, "
                    "letters folded: c/k/q, y/i, w/v)",
                ]
                if named:
                    evidence.append(f"the article names {named}")
                s = out.setdefault(name, Suggestion(name, place.name, score=cand.score))
                if s.preferred != place.name:
                    s.alternatives.append(place.name)
                    continue
                s.evidence += evidence
                s.where += [f"{t.name}: {pid}" for pid in where]
                break


def _stems(key: str, exact: set[str]) -> list[str]:
    """Return the exact place keys that share ``key``'s first four letters (cheap pre-filter)."""
    return [e for e in exact if e[:4] == key[:4]]


def _leftovers(texts: Sequence[_Text], out: dict[str, Suggestion]) -> None:
    for t in texts:
        for pid, text in t.paragraphs:
            for f in leftover_script(text):
                if not any(c.isalnum() for c in f.text):
                    continue  # a stray mark, not a term
                value = normalize_digits(f.text)
                preferred = value if value != f.text and value.strip().isdigit() else ""
                s = out.setdefault(f.text, Suggestion(f.text, preferred, score=0.5))
                s.where.append(f"{t.name}: {pid}")
                if not s.evidence:
                    s.evidence.append(f"leftover {f.detail}")


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a TOML basic string


def render_suggestions(suggestions: Iterable[Suggestion], target: str) -> str:
    """Return the suggestions as a glossary TOML file, each entry with its evidence as comments."""
    lines = [
        f"# Glossary suggestions for {target} (parallax glossary suggest).",
        "# Check each entry against its evidence, edit or delete it, then use the file with",
        "# --glossary. Entries without a preferred rendering are commented out: fill them in.",
        "",
        "[terms]",
    ]
    n = 0
    for s in suggestions:
        n += 1
        lines.append("")
        for e in dict.fromkeys(s.evidence):
            lines.append(f"# {s.term}: {e}")
        if s.where:
            shown = list(dict.fromkeys(s.where))
            more = f" and {len(shown) - 5} more" if len(shown) > 5 else ""
            lines.append(f"# found in {', '.join(shown[:5])}{more}")
        if s.alternatives:
            lines.append(f"# other candidates: {', '.join(dict.fromkeys(s.alternatives))}")
        entry = f"{_q(s.term)} = {_q(s.preferred)}"
        lines.append(entry if s.preferred else f"# {entry}")
    if not n:
        lines.append(
            "# (nothing to suggest: no name variants, garbled place names or leftover script)"
        )
    return "\n".join(lines) + "\n"
