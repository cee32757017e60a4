"""The words the meaning checks compare: word keys, function words, countries and demonyms.

A word's key (:func:`word_key`) is its folded spelling without possessive or plural, cut to
five letters, so "Russia's" and "Russian", "city" and "cities" are one word; countries are
known from pycountry's names, their demonyms derived by ending ("Leban-ese", "Iraq-i") plus a
table of irregular ones, and capitals or seats of power stand for their country in news
("Moscow said"). Everything is cached: these run on every word of every rendering.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..qa import gazetteer

# ------------------------------------------------------------------ words and their keys

WORD = re.compile(r"[^\W\d_]+(?:[-'’.][^\W\d_]+)*")
"""A word: letters, with inner hyphens, apostrophes and dots (U.S., Russia's, Nagorno-Karabakh)."""

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december")
"""Day and month names, lower case (months in calendar order)."""

FUNCTION_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "from",
        "by",
        "with",
        "as",
        "and",
        "or",
        "but",
        "nor",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "am",
        "has",
        "have",
        "had",
        "do",
        "does",
        "did",
        "having",
        "that",
        "this",
        "these",
        "those",
        "which",
        "who",
        "whom",
        "whose",
        "what",
        "when",
        "where",
        "why",
        "how",
        "it",
        "its",
        "they",
        "them",
        "their",
        "theirs",
        "he",
        "him",
        "his",
        "she",
        "her",
        "hers",
        "we",
        "us",
        "our",
        "ours",
        "you",
        "your",
        "yours",
        "i",
        "me",
        "my",
        "mine",
        "not",
        "no",
        "than",
        "then",
        "there",
        "here",
        "also",
        "into",
        "onto",
        "over",
        "under",
        "after",
        "before",
        "about",
        "above",
        "below",
        "between",
        "among",
        "within",
        "without",
        "through",
        "during",
        "since",
        "until",
        "while",
        "although",
        "though",
        "because",
        "if",
        "unless",
        "whether",
        "so",
        "such",
        "very",
        "too",
        "just",
        "only",
        "even",
        "still",
        "yet",
        "already",
        "again",
        "ever",
        "never",
        "once",
        "both",
        "either",
        "neither",
        "each",
        "every",
        "all",
        "any",
        "some",
        "many",
        "much",
        "more",
        "most",
        "other",
        "another",
        "same",
        "own",
        "few",
        "several",
        "can",
        "could",
        "may",
        "might",
        "must",
        "shall",
        "should",
        "will",
        "would",
        "said",
        "says",
        "say",
        "told",
        "tells",
        "according",
        "however",
        "moreover",
        "meanwhile",
        "therefore",
        "thus",
        "hence",
        "instead",
        "rather",
        "quite",
        "almost",
        "well",
        "up",
        "down",
        "out",
        "off",
        "per",
        "via",
        "against",
        "towards",
        "toward",
        "upon",
        "across",
        "along",
        "around",
        "behind",
        "beyond",
        "near",
        "like",
        "one",
        "ones",
        "s",
        "t",
        "overall",
        "meanwhile",
        "besides",
        "furthermore",
        "nevertheless",
        "nonetheless",
        "otherwise",
        "indeed",
        "therefore",
        "accordingly",
        "consequently",
        "finally",
        "firstly",
        "secondly",
        "lastly",
        "generally",
        "currently",
        "recently",
        "now",
        "then",
        "soon",
        "thereby",
    ]
)


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """Return :func:`gazetteer.fold` of ``word`` (cached: every word of every rendering)."""
    return gazetteer.fold(word)


@lru_cache(maxsize=65536)
def phonetic_key(word: str) -> str:
    """Return a name's consonant key: vowels, h, w, y out, g as k, a leading vowel as "a".

    Transliterations disagree on vowels and on g/k/q, gh/kh (Gharabagh / Karabakh, Ambrair /
    Embraer, Grozen / Grozny). Keys shorter than four letters say too little to compare.
    """
    key = fold(word).replace("g", "k")
    lead = "a" if key[:1] in "aeiou" else key[:1]
    return lead + re.sub(r"[aeiouhy]", "", key[1:])


@lru_cache(maxsize=65536)
def word_key(word: str) -> str:
    """Return the comparison key of ``word``: folded spelling, possessive and plural off,
    <= 5 letters.

    >>> word_key("Russia's"), word_key("Russian"), word_key("cities"), word_key("city")
    ('rusia', 'rusia', 'kiti', 'kiti')
    """
    w = re.sub(r"['’]s?$", "", word)
    w = fold(w)
    if len(w) > 4 and w.endswith("ies"):
        w = w[:-3] + "i"
    elif len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    return w[:5]


def _known(key: str, keys: frozenset[str], prefixes: frozenset[str]) -> bool:
    """Tell whether ``key`` is in ``keys``, up to a prefix of four letters (Iran / Iranian)."""
    return key in keys or key[:4] in keys or (len(key) == 4 and key in prefixes)


@dataclass(frozen=True)
class Vocabulary:
    """The word keys of a text, for "does the other text have this word" questions."""

    keys: frozenset[str]
    prefixes: frozenset[str]

    def has(self, word: str) -> bool:
        return _known(word_key(word), self.keys, self.prefixes)


@lru_cache(maxsize=256)
def vocabulary(text: str) -> Vocabulary:
    """Return the keys of every word of ``text`` (country words also under their country)."""
    keys = set()
    for m in WORD.finditer(text):
        key = word_key(m.group())
        keys.add(key)
        country = country_of(m.group())
        if country:
            keys.add(country)
    return Vocabulary(frozenset(keys), frozenset(k[:4] for k in keys if len(k) >= 4))


def content_words(text: str) -> list[str]:
    """Return the words of ``text`` that carry content (no function words, numbers, "12th")."""
    return [
        m.group()
        for m in WORD.finditer(text)
        if m.group().casefold() not in FUNCTION_WORDS
        and len(m.group()) > 1
        and not text[m.start() - 1 : m.start()].isdigit()
    ]


# ------------------------------------------------------------------ countries and demonyms

# Demonyms that do not start with their country's name (the rest are derived: Russian ->
# Russia, Kazakh -> Kazakhstan, Ukrainian -> Ukraine).
_IRREGULAR = {
    "china": "chinese",
    "france": "french",
    "netherlands": "dutch holland",
    "switzerland": "swiss",
    "spain": "spanish",
    "poland": "polish pole",
    "turkey": "turkish turk türkiye turkiye",
    "norway": "norwegian",
    "denmark": "danish dane",
    "sweden": "swedish swede",
    "finland": "finnish finn",
    "ireland": "irish",
    "philippines": "filipino philippine",
    "cyprus": "cypriot",
    "malta": "maltese",
    "azerbaijan": "azeri azerbaijani",
    "united arab emirates": "emirati uae emirates",
    "united kingdom": "british britain uk england english scotland scottish wales welsh",
    "united states": "american america us usa u.s.",
    "russia": "soviet ussr kremlin",
    "myanmar": "burmese burma",
    "iran": "persian",
    "czechia": "czech",
    "slovakia": "slovak",
    "slovenia": "slovene",
    "bangladesh": "bengali",
    "israel": "israeli",
    "laos": "lao",
    "kyrgyzstan": "kirghiz",
    "vatican": "holy see",
    "côte d'ivoire": "ivorian",
    "south korea": "korean korea",
    "north korea": "dprk pyongyang",
    "saudi arabia": "saudi",
    "congo": "congolese",
    "peru": "peruvian",
}
# Capitals and seats of power stand for their country in news ("Moscow said", "Kyiv denied").
_SEATS = {
    "russia": "moscow kremlin",
    "ukraine": "kyiv kiev",
    "united states": "washington pentagon",
    "china": "beijing",
    "iran": "tehran",
    "azerbaijan": "baku",
    "armenia": "yerevan",
    "georgia": "tbilisi",
    "turkey": "ankara",
    "israel": "jerusalem",
    "united kingdom": "london",
    "france": "paris",
    "germany": "berlin",
    "japan": "tokyo",
    "kazakhstan": "astana",
}


def vowel_stem(name: str) -> str:
    """Return a folded name without its final vowels (Russia -> russ, Ukraine -> ukrain)."""
    return re.sub(r"[aeio]+$", "", name)


@lru_cache(maxsize=1)
def _country_table() -> tuple[dict[str, str], dict[str, list[str]]]:
    """Return (exact spelling key -> country, first three letters -> one-word country keys)."""
    import pycountry

    exact: dict[str, str] = {}
    by_start: dict[str, list[str]] = {}
    names = set()
    for c in pycountry.countries:
        for attr in ("common_name", "name"):
            value = getattr(c, attr, None)
            if value and "," not in value and "(" not in value:
                names.add(value.casefold())
    names |= set(_IRREGULAR)
    for name in names:
        key = fold(name)
        exact[key] = name
        if " " not in name:
            by_start.setdefault(key[:3], []).append(key)
    for canon, words in _IRREGULAR.items():
        for w in words.split():
            exact[fold(w)] = canon
    return exact, by_start


_DEMONYM_END = re.compile(r"(?:[aeiou]?ns?|ians?|ese|is?|ish|ic|eans?|ers?)?")


@lru_cache(maxsize=4096)
def country_of(word: str) -> str | None:
    """Return the country a country name or demonym stands for (lowercase name), or None.

    Demonyms are derived from pycountry's names by their endings (Russ-ian, Leban-ese,
    Iraq-i, Kazakh-stan) plus a table of irregular ones (French, Dutch, Azeri); the country
    sharing the longest start wins (Austrian, Australian).

    >>> country_of("Russian"), country_of("Ukraine's"), country_of("Kazakh"), country_of("Austrian")
    ('russia', 'ukraine', 'kazakhstan', 'austria')
    """
    if not word[:1].isupper() and not word.isupper():
        return None
    w = fold(re.sub(r"['’]s?$", "", word))
    if len(w) < 3:
        return None
    exact, by_start = _country_table()
    if w in exact:
        return exact[w]
    best, best_len = None, 0
    for key in by_start.get(w[:3], ()):
        if len(w) >= 4 and key.startswith(w) and len(key) - len(w) <= 4:  # Kazakh, Uzbek, Tajik
            n = len(w)
        else:
            n = 0
            while n < min(len(w), len(key)) and w[n] == key[n]:
                n += 1
            if n < min(5, len(key) - 1) or not _DEMONYM_END.fullmatch(w[n:]):
                continue
        if n > best_len:
            best, best_len = exact[key], n
    return best


_SEAT_OF = {fold(seat): canon for canon, seats in _SEATS.items() for seat in seats.split()}


def seat_of(word: str) -> str | None:
    """Return the country a capital or seat of power stands for (Moscow, the Kremlin), or None."""
    return _SEAT_OF.get(fold(word))
