"""Romanization habits: tell when two Latin spellings are one name written the way two systems do.

A name reaches English from Arabic, Persian, Chinese, Russian, Ukrainian or Japanese through one
of several romanizations, and machine translation (or two agencies quoted in one article) mixes
them. Each :class:`Habit` folds what its systems disagree on into keys; two spellings that share
a key are one name:

- ``arabic-persian``: the vowels abjads leave unwritten (a/e, o/u, i/ee/ei/ay; "e" as either a or
  i only for names of four consonants or more), q/gh/g/k, dh/d, kh, j/dj/zh, w/v, a final -h
  (Mohammad, Muhammad, Mohammed; Hossein, Husayn; Qassem, Ghasem; Gaddafi, Kadhafi);
- ``russian-ukrainian``: -y/-iy/-yy/-ij endings, ye-/e-, yu/iu/ju, ya/ia/ja, kh, zh, x/ks,
  Ukrainian h and i for Russian g and o/e (Zelensky, Zelenskyy; Serhiy, Sergei; Kharkiv,
  Kharkov), and the given names the two languages write differently (Volodymyr, Vladimir);
- ``pinyin-wade-giles``: Wade-Giles syllables read as pinyin (Mao Tse-tung, Mao Zedong; Teng
  Hsiao-p'ing, Deng Xiaoping), one of the two spellings marked as Wade-Giles (hyphenated
  syllables, an apostrophe, hs, ts/tz, -ih, -ieh, -ien, -ung);
- ``japanese-long-vowels``: macrons, ou/oo/oh/uu (Itō, Itoh, Itou, Ito; Kōno, Kohno), and
  Kunrei against Hepburn (si/shi, ti/chi, tu/tsu, hu/fu, zi/ji).

Keys compare spellings of one word (a hyphenated Wade-Giles given name counts as one word).
Distinct names that a fold would merge stay apart by the habit's limits (Hassan and Hussein,
Said and Saad, Zhang and Chang, Zelensky and his wife's Zelenska).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import product


@dataclass(frozen=True)
class Habit:
    name: str  # kebab-case
    label: str  # what a reader is told: "Arabic/Persian vowels and consonants"
    languages: tuple[str, ...]  # source languages whose names it is about
    keys: Callable[[str], frozenset[str]]
    pair_ok: Callable[[str, str], bool] = lambda a, b: True


def _ascii(word: str) -> str:
    """Lower-case ASCII letters of ``word`` (Ō -> o, ü -> u, ê -> e), hyphens and apostrophes."""
    word = unicodedata.normalize("NFKD", word.replace("’", "'").replace("‘", "'"))
    word = word.encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z'-]", "", word)


def _collapse(text: str) -> str:
    return re.sub(r"(.)\1+", r"\1", text)


# ---------------------------------------------------------------- Arabic and Persian

_AR_CONSONANTS = [
    ("kh", "x"),
    ("gh", "k"),
    ("sh", "S"),
    ("ch", "C"),
    ("dh", "d"),
    ("th", "t"),
    ("zh", "j"),
    ("dj", "j"),
    ("ph", "f"),
    ("q", "k"),
    ("c", "k"),
    ("g", "k"),
    ("w", "v"),
]
_AR_VOWEL_RUN = re.compile(r"[aeiouy]+")
# the vowel letters romanizations of Arabic and Persian write (not "oui" of Louis, "oi", "eu")
_AR_RUNS = frozenset("a e i o u y aa ee ii oo uu ou ei ey ai ay ie iy ae aee au ia ua".split())  # noqa: SIM905
WILDCARD_MIN_CONSONANTS = 4  # "e" may stand for a or i only in names this long (Paris != Peres)


def _ar_vowel(run: str) -> str:
    if run in ("e",):
        return "E"  # fatha or kasra: either, as the name allows
    if "o" in run or "u" in run:
        return "U" if not run.startswith("a") or len(run) == 1 else "AU"
    if run in ("a", "aa", "ah"):
        return "A"
    if run.startswith("a") and len(run) >= 3:  # "aee" in Saeed: a then a long i
        return "AI"
    return "I"  # i, ee, ei, ey, ay, ai, ie, y


def _arabic_keys(word: str) -> frozenset[str]:
    w = _ascii(word).replace("'", "").replace("-", "")
    if len(w) < 4:
        return frozenset()
    for a, b in _AR_CONSONANTS:
        w = w.replace(a, b)
    w = re.sub(r"(?<=[aeiou])h$", "", w)  # Fatemeh, Fatima; Abdullah keeps its h
    w = re.sub(r"(?<=[aeiou])y(?=[aeiou])", "Y", w)  # a consonant y between vowels (Sayed)
    w = re.sub(r"^y(?=[aeiou])", "Y", w)  # and at the start (Yousef)
    w = _collapse(w)
    parts: list[str] = []
    pos = 0
    for m in _AR_VOWEL_RUN.finditer(w):
        if m.group() not in _AR_RUNS:
            return frozenset()
        parts.extend(w[pos : m.start()])
        parts.append(_ar_vowel(m.group()))
        pos = m.end()
    parts.extend(w[pos:])
    consonants = sum(1 for p in parts if p not in ("A", "E", "I", "U", "AU", "AI"))
    if consonants < 2:
        return frozenset()
    if consonants < WILDCARD_MIN_CONSONANTS or parts.count("E") > 3:
        return frozenset(["".join(parts)])
    options = [("A", "I") if p == "E" else (p,) for p in parts]
    return frozenset("".join(p) for p in product(*options))


# ---------------------------------------------------------------- Russian and Ukrainian

# Given names Ukrainian and Russian write differently (each row: one name).
GIVEN_NAMES = [
    "Volodymyr Vladimir",
    "Oleksandr Aleksandr Alexander Olexander",
    "Oleksiy Oleksii Aleksei",
    "Mykola Nikolai Nikolay",
    "Mykhailo Mykhaylo Mikhail",
    "Dmytro Dmitry Dmitri",
    "Petro Pyotr",
    "Pavlo Pavel",
    "Vasyl Vasily Vasiliy",
    "Hryhoriy Grigory Grigoriy",
    "Yuriy Yuri Yury",
    "Serhiy Serhii Sergei Sergey",
    "Andriy Andrii Andrei Andrey",
    "Yevhen Yevgeny Evgeny",
    "Olha Olga",
    "Tetiana Tetyana Tatiana Tatyana",
    "Kateryna Ekaterina Yekaterina",
    "Iryna Irina",
    "Oleh Oleg",
    "Ihor Igor",
    "Anatoliy Anatoly",
    "Valeriy Valery",
    "Vitaliy Vitaly",
    "Mykyta Nikita",
    "Stepan Stepan",
    "Taras Taras",
]
_SL_RULES = [
    (r"shch|sch", "Q"),
    (r"zh", "Z"),
    (r"kh", "X"),
    (r"t?ch", "C"),
    (r"sh", "S"),
    (r"t[sz]", "c"),
    (r"x", "ks"),
    (r"w", "v"),
    (r"^(?:ye|je|ie)", "e"),
    (r"(?<=[^aeiou])yo", "e"),
    (r"(?:yu|iu|ju)", "u"),
    (r"(?:ya|ia|ja)", "a"),
    (r"(?<=[aeiou])y(?=[aeiou])", ""),
    (r"(?:iy|yy|ii|ij|yj|yi|ei|ey|y)$", "i"),
    (r"[iy]?[ioe]v$", "ov"),
    (r"^ole", "ale"),
    (r"h", "g"),
    (r"y", "i"),
    (r"j", "i"),
]
_SL_RX = [(re.compile(a), b) for a, b in _SL_RULES]


def _slavic_fold(word: str) -> str:
    w = _ascii(word).replace("'", "").replace("-", "")
    for rx, b in _SL_RX:
        w = rx.sub(b, w)
    return _collapse(w)


@lru_cache(maxsize=1)
def _given_names() -> dict[str, str]:
    out: dict[str, str] = {}
    for row in GIVEN_NAMES:
        names = row.split()
        for n in names:
            out[_slavic_fold(n)] = _slavic_fold(names[0])
    return out


def _slavic_keys(word: str) -> frozenset[str]:
    if len(_ascii(word)) < 4:
        return frozenset()
    w = _slavic_fold(word)
    return frozenset([_given_names().get(w, w)])


_GENDERED = re.compile(r"(?:sk|ck|tsk|ov|ev|in|yn)(?:a|aya|aia)$")


def _not_gendered_pair(a: str, b: str) -> bool:
    """Zelensky and Zelenska, Ivanov and Ivanova: a man's and a woman's surname, not a variant."""
    return not (_GENDERED.search(_ascii(a)) or _GENDERED.search(_ascii(b)))


# ---------------------------------------------------------------- pinyin and Wade-Giles

_WG_INITIALS = [
    "ch'",
    "ch",
    "hs",
    "k'",
    "k",
    "p'",
    "p",
    "t'",
    "t",
    "ts'",
    "ts",
    "tz'",
    "tz",
    "ss",
    "sz",
    "sh",
    "j",
    "f",
    "h",
    "l",
    "m",
    "n",
    "s",
    "w",
    "y",
    "",
]
_WG_FINALS = frozenset(
    [
        "a",
        "ai",
        "an",
        "ang",
        "ao",
        "e",
        "ei",
        "en",
        "eng",
        "erh",
        "i",
        "ia",
        "iang",
        "iao",
        "ieh",
        "ien",
        "ih",
        "in",
        "ing",
        "iu",
        "iung",
        "o",
        "ou",
        "u",
        "ua",
        "uai",
        "uan",
        "uang",
        "ui",
        "uei",
        "un",
        "ung",
        "uo",
        "ueh",
        "uan",
    ]
)
_WG_TO_PINYIN_INITIAL = {
    "ch'": "ch",
    "ch": "zh",
    "hs": "x",
    "k'": "k",
    "k": "g",
    "p'": "p",
    "p": "b",
    "t'": "t",
    "t": "d",
    "ts'": "c",
    "ts": "z",
    "tz'": "c",
    "tz": "z",
    "ss": "s",
    "sz": "s",
    "j": "r",
}
_WG_MARK = re.compile(r"-|'|hs|ts|tz|ih\b|ieh|ien|ung\b|ih-|ung-")


def _wg_syllable(syl: str) -> list[str] | None:
    """Return the pinyin readings of one Wade-Giles syllable (ü written u), or None."""
    for ini in _WG_INITIALS:
        if not syl.startswith(ini):
            continue
        fin = syl[len(ini) :]
        if fin not in _WG_FINALS or (ini in ("ss", "sz") and fin != "u"):
            continue
        if ini in ("tz", "tz'", "ts", "ts'", "ss", "sz") and fin == "u":
            fin_py = ["i", "u"]  # tzu = zi, but tsu = zu
        elif fin == "ih":
            fin_py = ["i"]
        elif fin in ("ung", "iung"):
            fin_py = [fin.replace("ung", "ong")]
        elif fin == "ien":
            fin_py = ["ian"]
        elif fin in ("ieh", "ueh"):
            fin_py = [fin[:-1]]
        elif fin == "uei":
            fin_py = ["ui"]
        elif fin == "erh":
            fin_py = ["er"]
        elif fin == "o" and ini in ("k", "k'", "h"):
            fin_py = ["e"]
        elif fin == "o" and ini not in ("p", "p'", "m", "f", "w", "y", ""):
            fin_py = ["uo"]
        else:
            fin_py = [fin]
        if (
            ini in ("ch", "ch'", "k", "k'", "ts", "ts'", "tz", "tz'")
            and fin[:1] in ("i", "u")
            and fin != "ih"
        ):
            py_inis = [
                {
                    "ch": "j",
                    "ch'": "q",
                    "k": "j",
                    "k'": "q",
                    "ts": "j",
                    "ts'": "q",
                    "tz": "j",
                    "tz'": "q",
                }[ini],
                _WG_TO_PINYIN_INITIAL.get(ini, ini),
            ]
        else:
            py_inis = [_WG_TO_PINYIN_INITIAL.get(ini, ini)]
        if ini == "y" and fin in ("u", "un", "uan", "ueh"):
            fin_py = [fin.replace("ueh", "ue"), "o" + fin if fin == "u" else fin]
        return [i + f for i in py_inis for f in fin_py]
    return None


def _wg_split(word: str) -> list[str] | None:
    """Split a Wade-Giles word into syllables: at hyphens, else the one parse (Kaohsiung)."""
    if "-" in word:
        return word.split("-")
    best: list[list[str] | None] = [None] * (len(word) + 1)
    best[0] = []
    for end in range(1, len(word) + 1):
        for start in range(max(0, end - 6), end):
            if best[start] is not None and _wg_syllable(word[start:end]) is not None:
                best[end] = [*best[start], word[start:end]]
                break
    return best[len(word)]


_PY_COARSE = [("ch", "zh"), ("q", "j"), ("c", "z"), ("p", "b"), ("t", "d"), ("k", "g")]


def _coarse(pinyin: str) -> str:
    """Fold what English drops from Wade-Giles (its aspiration apostrophes) out of pinyin."""
    for a, b in _PY_COARSE:
        pinyin = pinyin.replace(a, b)
    return pinyin


def _chinese_keys(word: str) -> frozenset[str]:
    w = _ascii(word)
    if len(w.replace("-", "").replace("'", "")) < 4:
        return frozenset()
    keys = {_coarse(w.replace("-", "").replace("'", ""))}  # read as pinyin
    syllables = _wg_split(w)
    if syllables and len(syllables) >= 2:
        readings = [_wg_syllable(s) for s in syllables]
        if all(readings):
            for combo in list(product(*readings))[:16]:
                keys.add(_coarse("".join(combo)))
    return frozenset(keys)


def _one_wade_giles(a: str, b: str) -> bool:
    """One spelling shows Wade-Giles marks and the other does not."""
    wa, wb = bool(_WG_MARK.search(_ascii(a))), bool(_WG_MARK.search(_ascii(b)))
    return wa != wb and (_wg_split(_ascii(a if wa else b)) or [])[1:] != []


# ---------------------------------------------------------------- Japanese

_JA_RULES = [
    (r"ou|oo|oh(?=[^aeiou]|$)", "o"),
    (r"uu|uh(?=[^aeiou]|$)", "u"),
    (r"aa", "a"),
    (r"ii", "i"),
    (r"ee", "e"),
    (r"shi", "si"),
    (r"chi", "ti"),
    (r"tsu", "tu"),
    (r"fu", "hu"),
    (r"ji", "zi"),
    (r"sh(?=[aou])", "sy"),
    (r"ch(?=[aou])", "ty"),
    (r"j(?=[aou])", "zy"),
    (r"m(?=[bp])", "n"),
]
_JA_RX = [(re.compile(a), b) for a, b in _JA_RULES]


_JA_WORD = re.compile(
    r"(?:(?:[kgsztdnhbpmrwf]|ch|sh|ts|j)?y?[aeiou]+(?:h(?![aeiou]))?"
    r"(?:[nm](?![aeiouy]))?)+"
)


def _japanese_keys(word: str) -> frozenset[str]:
    w = _ascii(word).replace("'", "").replace("-", "")
    if len(w) < 4 or not _JA_WORD.fullmatch(_collapse(w)):
        return frozenset()  # not made of Japanese syllables (Louis, Young, Berlin)
    for rx, b in _JA_RX:
        w = rx.sub(b, w)
    return frozenset([_collapse(w)])


HABITS: tuple[Habit, ...] = (  # when several fit and the language says none, the first is named
    Habit(
        "pinyin-wade-giles", "pinyin and Wade-Giles", ("Chinese",), _chinese_keys, _one_wade_giles
    ),
    Habit(
        "russian-ukrainian",
        "Russian/Ukrainian romanizations",
        ("Russian", "Ukrainian"),
        _slavic_keys,
        _not_gendered_pair,
    ),
    Habit(
        "arabic-persian",
        "Arabic/Persian vowels and consonants",
        ("Arabic", "Persian", "Kurdish", "Urdu"),
        _arabic_keys,
    ),
    Habit(
        "japanese-long-vowels",
        "Japanese long vowels and romanizations",
        ("Japanese",),
        _japanese_keys,
    ),
)


@lru_cache(maxsize=8192)
def _keys(word: str) -> tuple[frozenset[str], ...]:
    return tuple(h.keys(word) for h in HABITS)


def _same_spelling(a: str, b: str) -> bool:
    return _ascii(a).replace("-", "") == _ascii(b).replace("-", "")


def _ranked(language: str | None) -> list[int]:
    """Habit indexes, the source language's habit first."""
    order = list(range(len(HABITS)))
    return sorted(order, key=lambda i: language not in HABITS[i].languages)


def same_name(a: str, b: str, language: str | None = None) -> Habit | None:
    """Return the habit under which ``a`` and ``b`` are one name in two romanizations, or None.

    Spellings equal but for case, accents and hyphens are not two romanizations (None). When
    several habits fit, the one of the source ``language`` is returned, else the first of
    :data:`HABITS`.
    """
    if _same_spelling(a, b):
        return None
    ka, kb = _keys(a), _keys(b)
    for i in _ranked(language):
        if ka[i] and kb[i] and not ka[i].isdisjoint(kb[i]) and HABITS[i].pair_ok(a, b):
            return HABITS[i]
    return None


def romanization_pairs(
    names: Iterable[str], language: str | None = None
) -> dict[tuple[str, str], Habit]:
    """Return every pair of ``names`` that is one name in two romanizations, with its habit.

    Pairs are found through shared keys (no comparison of every name with every other); both
    orders of a pair are in the result. The habit is chosen as by :func:`same_name`.
    """
    names = list(dict.fromkeys(names))
    out: dict[tuple[str, str], Habit] = {}
    for i in _ranked(language):
        habit = HABITS[i]
        by_key: dict[str, list[str]] = {}
        for name in names:
            for key in _keys(name)[i]:
                by_key.setdefault(key, []).append(name)
        for group in by_key.values():
            for j, a in enumerate(group):
                for b in group[j + 1 :]:
                    if (a, b) not in out and not _same_spelling(a, b) and habit.pair_ok(a, b):
                        out[(a, b)] = out[(b, a)] = habit
    return out


_WG_COMPOUND = re.compile(r"\b[A-Z][a-z]{0,4}['’]?[a-z]{0,4}(?:-[a-z]{1,4}['’]?[a-z]{0,4})+\b")


def wade_giles_compounds(text: str) -> list[tuple[int, int]]:
    """Return the spans of hyphenated Wade-Giles given names ("Tse-tung", "Hsiao-p'ing")."""
    out = []
    for m in _WG_COMPOUND.finditer(text):
        parts = _ascii(m.group()).split("-")
        if all(_wg_syllable(p.replace("'", "")) or _wg_syllable(p) for p in parts):
            out.append(m.span())
    return out
