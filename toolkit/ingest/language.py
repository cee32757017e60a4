"""Guess the language an English machine translation came from, with the evidence for it.

Evidence, weighed and listed (never a guess without a reason):

- leftover words in their own script: Arabic script split by the letters only one language uses
  (Persian پ چ ژ گ ک ی and ۰-۹, Urdu ٹ ڈ ڑ ں ے, Kurdish ڕ ڵ ۆ ێ, Arabic ة ى and ٠-٩), Cyrillic
  (Ukrainian і ї є ґ), Han, kana (Japanese), Hangul, Hebrew, Greek, Devanagari, Thai...; Latin
  letters only one language uses (Vietnamese ơ ư đ, Turkish ğ ı ş);
- the news agency or site named in the dateline, a credit line or the title suffix (IRNA,
  Shafaq News, Xinhua, TASS, Europa Press...);
- the dateline's city (BAGHDAD, TEHRAN, Beijing...);
- the URL's country domain (``.ir``, ``.iq``, ``.cn``) and the HTML ``lang`` attribute when it is
  not English;
- leftover lines made of another language's function words ("Te puede interesar").

The vocabulary (agencies, cities, domains) is data in this module, apart from the weighing.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from .origins import (
    AGENCIES,
    CITIES,
    DOMAINS,
    FUNCTION_WORDS,
    LANG_CODES,
    NAMES,
    PLACES,
    TERMS,
)
from .origins import LETTERS as _LETTERS
from .origins import SCRIPTS as _SCRIPTS

UNKNOWN_LANGUAGE = "another language"
"""What prompts say when the source language is not known."""

# ---------------------------------------------------------------- detection

WEIGHTS = {
    "script": 3.0,
    "html-lang": 3.0,
    "agency": 2.0,
    "domain": 2.0,
    "dateline": 1.0,
    "words": 1.0,
    "places": 1.0,
    "names": 1.0,
    "terms": 1.0,
    "site": 1.0,
}
"""How much each kind of evidence counts; a guess needs at least 2 (one weak clue is not enough)."""


@dataclass(frozen=True)
class Evidence:
    """One clue to the source language."""

    kind: str  # "script", "agency", "dateline", "domain", "html-lang", "words", "places",
    # "names", "terms", "site", "given"
    language: str
    detail: str  # what was seen ("۱۰۰ (Persian digits)", "Shafaq News", "tehran")


@dataclass(frozen=True)
class LanguageGuess:
    language: str | None  # None when the evidence is too thin
    evidence: tuple[Evidence, ...] = ()


def _script_evidence(text: str) -> list[Evidence]:
    letters: Counter[str] = Counter()
    seen: dict[str, str] = {}
    scripts: Counter[str] = Counter()
    for ch in text:
        if ch.isascii():
            continue
        if ch in _LETTERS:
            letters[_LETTERS[ch]] += 1
            seen.setdefault(_LETTERS[ch], ch)
        name = unicodedata.name(ch, "")
        first = "ARABIC" if "ARABIC-INDIC DIGIT" in name else name.split(" ")[0]
        if first in _SCRIPTS and (ch.isalpha() or unicodedata.category(ch) == "Nd"):
            scripts[first] += 1
    out: list[Evidence] = []
    for script, n in scripts.most_common():
        base = _SCRIPTS[script]
        telling = [lang for lang in letters if _script_of(lang) == script]
        if script == "CJK" and (scripts["HIRAGANA"] or scripts["KATAKANA"]):
            continue  # kanji among kana: Japanese, counted with the kana
        if telling:
            lang = max(telling, key=lambda lang: letters[lang])
            out.append(
                Evidence(
                    "script",
                    lang,
                    f"{n} {script.title()} characters, with {seen[lang]} ({lang} only)",
                )
            )
        else:
            out.append(Evidence("script", base, f"{n} {script.title()} characters"))
    for lang in ("Vietnamese", "Turkish", "Spanish"):  # Latin letters of one language
        if letters[lang] >= (2 if lang != "Spanish" else 1):
            out.append(Evidence("script", lang, f"{letters[lang]} letters such as {seen[lang]}"))
    return out


def _script_of(lang: str) -> str:
    return {
        "Persian": "ARABIC",
        "Urdu": "ARABIC",
        "Kurdish": "ARABIC",
        "Arabic": "ARABIC",
        "Ukrainian": "CYRILLIC",
        "Russian": "CYRILLIC",
    }.get(lang, "LATIN")


_AGENCY_RX: list[re.Pattern[str]] = []


def _agency_rx() -> list[re.Pattern[str]]:
    """Long names in any case ("ALSHARQIYA"), short acronyms as written ("INA", not "ina")."""
    if not _AGENCY_RX:
        names = sorted(AGENCIES, key=len, reverse=True)
        for group, flags in (
            ([n for n in names if len(n) > 4], re.IGNORECASE),
            ([n for n in names if len(n) <= 4], 0),
        ):
            _AGENCY_RX.append(
                re.compile(r"(?<!\w)(" + "|".join(re.escape(n) for n in group) + r")(?!\w)", flags)
            )
    return _AGENCY_RX


_AGENCY_KEYS = {k.lower(): k for k in AGENCIES}


def _agency_evidence(text: str, head: str) -> list[Evidence]:
    """Agencies named as a source: anywhere in the first lines and credits, once each."""
    found: dict[str, Evidence] = {}
    for rx in _agency_rx():
        for m in rx.finditer(head + "\n" + text):
            name = _AGENCY_KEYS[m.group(1).lower()]
            found.setdefault(name, Evidence("agency", AGENCIES[name], m.group(1)))
    return list(found.values())


_DATELINE_PLACE = re.compile(r"^\W*([A-Z][A-Za-z'’. ]{2,30}?)\s*(?:\(|,|-|–|—|/|:)", re.MULTILINE)


def _dateline_evidence(text: str, dateline: str | None) -> list[Evidence]:
    """Cities that open a line as a dateline does ("TEHRAN, Nov. 21 (DID) –", "Baghdad-")."""
    out: dict[str, Evidence] = {}
    for source in filter(None, [dateline, text]):
        for m in _DATELINE_PLACE.finditer(source):
            place = m.group(1).strip(" .").lower()
            if place in CITIES:
                out.setdefault(place, Evidence("dateline", CITIES[place], m.group(1).strip()))
    return list(out.values())


_HOST = re.compile(r"(?:https?://|www\.)([\w.-]+\.([a-z]{2,3}))\b", re.IGNORECASE)


def _domain_evidence(url: str | None, text: str) -> list[Evidence]:
    out: dict[str, Evidence] = {}
    for source in filter(None, [url, text]):
        for m in _HOST.finditer(source):
            tld = m.group(2).lower()
            if tld in DOMAINS:
                out.setdefault(m.group(1).lower(), Evidence("domain", DOMAINS[tld], m.group(1)))
    return list(out.values())


_WORD = re.compile(r"[^\W\d_]+")


def _word_evidence(lines: list[str]) -> list[Evidence]:
    out: dict[str, Evidence] = {}
    for line in lines:
        ws = [w.lower() for w in _WORD.findall(line)]
        if not 2 <= len(ws) <= 40:
            continue
        for lang, vocab in FUNCTION_WORDS.items():
            hits = sum(w in vocab for w in ws)
            if hits >= 2 and hits * 2 >= len(ws):
                out.setdefault(lang, Evidence("words", lang, line[:60]))
    return list(out.values())


_PLACE_RX: list[tuple[re.Pattern[str], dict[str, str]]] = []


def _place_rx() -> tuple[re.Pattern[str], dict[str, str]]:
    if not _PLACE_RX:
        where = {p: lang for lang, places in PLACES.items() for p in places}
        names = sorted(where, key=len, reverse=True)
        rx = re.compile(r"(?<![\w-])(" + "|".join(re.escape(n) for n in names) + r")(?![\w-])")
        _PLACE_RX.append((rx, where))
    return _PLACE_RX[0]


FOCUS_SAMPLE = 15_000  # characters of the text that places, names and terms are read from
FOCUS_MIN = 3  # mentions of one country's places for the article to be about it
FOCUS_RATIO = 2.0  # ... and this many times those of the next country


def _focus_evidence(text: str) -> list[Evidence]:
    """The country an article keeps naming (its places, people and adjectives), when one leads."""
    rx, where = _place_rx()
    found: dict[str, Counter[str]] = {}
    for m in rx.finditer(text):
        found.setdefault(where[m.group(1)], Counter())[m.group(1)] += 1
    ranked = sorted(found.items(), key=lambda kv: -sum(kv[1].values()))
    if not ranked:
        return []
    lang, counts = ranked[0]
    n = sum(counts.values())
    runner = sum(ranked[1][1].values()) if len(ranked) > 1 else 0
    if n < FOCUS_MIN or n < FOCUS_RATIO * runner:
        return []
    shown = ", ".join(f"{w} {c}x" for w, c in counts.most_common(3))
    return [Evidence("places", lang, f"{shown} ({n} mentions, {runner} of the next country)")]


_COMBINED: dict[str, tuple[re.Pattern[str], list[str]]] = {}


def _combined(kind: str, table: dict[str, re.Pattern[str]]) -> tuple[re.Pattern[str], list[str]]:
    """One pattern for a table of patterns by language (one pass over the text, not one each)."""
    if kind not in _COMBINED:
        langs = list(table)
        rx = re.compile(
            "|".join(f"(?P<g{i}>{table[lang].pattern})" for i, lang in enumerate(langs))
        )
        _COMBINED[kind] = (rx, langs)
    return _COMBINED[kind]


def _matches(kind: str, table: dict[str, re.Pattern[str]], text: str) -> dict[str, list[str]]:
    rx, langs = _combined(kind, table)
    found: dict[str, list[str]] = {}
    for m in rx.finditer(text):
        found.setdefault(langs[int(m.lastgroup[1:])], []).append(m.group(0))
    return {lang: list(dict.fromkeys(ms)) for lang, ms in found.items()}


def _name_evidence(text: str) -> list[Evidence]:
    """Names romanized the way one language's names are (Ebrahim, Volodymyr, Nguyen Duc Chung)."""
    return [
        Evidence("names", lang, ", ".join(names[:3]))
        for lang, names in _matches("names", NAMES, text).items()
        if len(names) >= 2
    ]


def _term_evidence(text: str) -> list[Evidence]:
    """Institutions, currencies and calendars of one country (Majlis, rials, Farvardin)."""
    return [
        Evidence("terms", lang, ", ".join(terms[:3]))
        for lang, terms in _matches("terms", TERMS, text).items()
    ]


def _site_evidence(url: str | None, text: str) -> list[Evidence]:
    """A site named after a place ("tehrantimes.com", "iraqinews.com", "hanoitimes.vn")."""
    _, where = _place_rx()
    keys = {re.sub(r"\W", "", p.lower()): lang for p, lang in where.items() if len(p) >= 4}
    keys.update({re.sub(r"\W", "", c): lang for c, lang in CITIES.items() if len(c) >= 4})
    out: dict[str, Evidence] = {}
    for source in filter(None, [url, text]):
        for m in _HOST.finditer(source):
            for label in m.group(1).lower().split(".")[:-1]:
                for key, lang in keys.items():
                    if label != key and (label.startswith(key) or label.endswith(key)):
                        out.setdefault(lang, Evidence("site", lang, m.group(1)))
    return list(out.values())


def detect_language(
    text: str,
    *,
    head: str = "",
    dateline: str | None = None,
    url: str | None = None,
    html_lang: str | None = None,
) -> LanguageGuess:
    """Guess the source language of machine-translated English ``text``, with its evidence.

    ``head`` is the page's first lines and title (credits, datelines, a title's site suffix),
    ``dateline`` the dateline ingest found, ``url`` the page's address, ``html_lang`` the page's
    ``<html lang>``. Returns ``LanguageGuess(None, evidence)`` when no language has weight 2.
    """
    evidence: list[Evidence] = []
    evidence += _script_evidence(text + "\n" + head)
    if html_lang:
        code = html_lang.lower().replace("_", "-").split("-")[0]
        if code in LANG_CODES:
            evidence.append(Evidence("html-lang", LANG_CODES[code], html_lang))
    # credits open or close the text: its first 10,000 and last 5,000 characters hold them
    evidence += _agency_evidence(text[:10_000] + "\n" + text[-5_000:], head)
    evidence += _dateline_evidence(head + "\n" + text, dateline)
    evidence += _domain_evidence(url, text)
    evidence += _word_evidence((head + "\n" + text).split("\n"))
    start = head + "\n" + text[:FOCUS_SAMPLE]  # what the article is about: its start says it
    evidence += _focus_evidence(start)
    evidence += _name_evidence(start)
    evidence += _term_evidence(start)
    evidence += _site_evidence(url, head + "\n" + text)
    totals: Counter[str] = Counter()
    geography: dict[str, float] = {}  # a dateline city is one of the places the article names:
    for e in evidence:  # of the two clues, only the stronger counts
        if e.kind in ("dateline", "places"):
            geography[e.language] = max(geography.get(e.language, 0.0), WEIGHTS[e.kind])
        else:
            totals[e.language] += WEIGHTS[e.kind]
    for lang, weight in geography.items():
        totals[lang] += weight
    if not totals:
        return LanguageGuess(None, ())
    (best, score), *rest = totals.most_common() + [("", 0.0)]
    runner_up = rest[0][1] if rest else 0.0
    ranked = tuple(sorted(evidence, key=lambda e: (e.language != best, -WEIGHTS[e.kind])))
    if score < 2 or score == runner_up:
        return LanguageGuess(None, ranked)
    return LanguageGuess(best, ranked)
