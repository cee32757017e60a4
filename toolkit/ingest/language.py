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

UNKNOWN_LANGUAGE = "another language"
"""What prompts say when the source language is not known."""

# ---------------------------------------------------------------- vocabulary

# Letters one language of a shared script uses and its neighbours do not.
_LETTERS: dict[str, str] = {
    **dict.fromkeys("پچژگکی۰۱۲۳۴۵۶۷۸۹", "Persian"),
    **dict.fromkeys("ٹڈڑںےھ", "Urdu"),
    **dict.fromkeys("ڕڵۆێڤ", "Kurdish"),
    **dict.fromkeys("ةىيك٠١٢٣٤٥٦٧٨٩", "Arabic"),
    **dict.fromkeys("іїєґІЇЄҐ", "Ukrainian"),
    **dict.fromkeys("ыэъёЫЭЪЁ", "Russian"),
    **dict.fromkeys("ơưđƠƯĐạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ", "Vietnamese"),
    **dict.fromkeys("ğışĞİŞ", "Turkish"),
    **dict.fromkeys("ñ¿¡", "Spanish"),
}
# A script's default language, when no telling letter is there (Unicode name prefix -> language).
_SCRIPTS: dict[str, str] = {
    "ARABIC": "Arabic", "CYRILLIC": "Russian", "CJK": "Chinese", "HIRAGANA": "Japanese",
    "KATAKANA": "Japanese", "HANGUL": "Korean", "HEBREW": "Hebrew", "GREEK": "Greek",
    "DEVANAGARI": "Hindi", "BENGALI": "Bengali", "THAI": "Thai", "ARMENIAN": "Armenian",
    "GEORGIAN": "Georgian", "TAMIL": "Tamil", "GURMUKHI": "Punjabi", "ETHIOPIC": "Amharic",
    "KHMER": "Khmer", "LAO": "Lao", "MYANMAR": "Burmese", "SINHALA": "Sinhala",
}
# News agencies and sites whose English copy is translated from one language.
AGENCIES: dict[str, str] = {
    **dict.fromkeys(["IRNA", "ISNA", "ILNA", "IBNA", "Mehr", "MNA", "Tasnim", "Fars", "Tehran Times",
                     "IFP", "Iran Front Page", "Nour News", "Didgah", "YJC", "Kayhan", "Hamshahri"],
                    "Persian"),
    **dict.fromkeys(["Shafaq News", "Shafaq", "Alsumaria", "Al Sumaria", "INA", "Iraqi News Agency",
                     "Al-Maalouma", "Al Maalouma", "Baghdad Today", "ALsharqiya", "Al Sharqiya",
                     "SANA", "WAFA", "QNA", "KUNA", "SPA", "MENA", "WAM", "Al-masirah", "Al Masirah",
                     "Saba", "Ma'an", "Al-Akhbariya", "Al Mayadeen", "Iraqi News", "Iraq News Now",
                     "Petra", "BNA", "Ahram", "Youm7", "Hespress"], "Arabic"),
    **dict.fromkeys(["Rudaw", "Kurdistan 24", "Kurdistan24", "NRT", "K24"], "Kurdish"),
    **dict.fromkeys(["Xinhua", "Xinhua News Agency", "China News Service", "Chinanews", "CNS",
                     "CCTV", "People's Daily", "Guancha", "The Paper", "Sina", "Sohu", "NetEase",
                     "YCPress", "Fanfei News Agency", "CNA"], "Chinese"),
    **dict.fromkeys(["TASS", "RIA Novosti", "RIA", "Interfax", "Izvestia", "Kommersant", "Vedomosti",
                     "Lenta.ru", "Gazeta.ru", "RBC", "Sputnik", "Pravda.Ru", "Rossiya 24",
                     "Novye Izvestia"], "Russian"),
    **dict.fromkeys(["Ukrinform", "UNIAN", "Ukrainska Pravda", "Suspilne"], "Ukrainian"),
    **dict.fromkeys(["Europa Press", "EFE", "Infobae", "Andina", "Télam", "Telam", "Notimex",
                     "Prensa Latina", "El Universal", "El País", "La Jornada", "Milenio", "Clarín"],
                    "Spanish"),
    **dict.fromkeys(["Yonhap", "News1", "News 1", "Newsis", "Asia Today"], "Korean"),
    **dict.fromkeys(["Kyodo", "Jiji", "NHK", "Asahi", "Mainichi", "Yomiuri"], "Japanese"),
    **dict.fromkeys(["VNA", "VnExpress", "Tuoi Tre", "SGGP", "Thanh Nien", "VietnamPlus"],
                    "Vietnamese"),
    **dict.fromkeys(["Anadolu", "Anadolu Agency", "DHA", "IHA", "TRT", "Hurriyet", "Sabah"], "Turkish"),
    **dict.fromkeys(["SKAI", "ANA-MPA", "Kathimerini", "ERT"], "Greek"),
    **dict.fromkeys(["Walla", "Ynet", "Maariv", "Haaretz", "Israel Hayom", "Kan"], "Hebrew"),
    **dict.fromkeys(["ANSA", "Adnkronos"], "Italian"),
    **dict.fromkeys(["DPA", "Deutsche Welle"], "German"),
    **dict.fromkeys(["Antara", "Kompas", "Tempo"], "Indonesian"),
}
# Dateline cities (and a few capitals' usual spellings) -> the language of their press.
CITIES: dict[str, str] = {
    **dict.fromkeys(["tehran", "mashhad", "isfahan", "tabriz", "shiraz", "qom", "ahvaz", "kermanshah",
                     "khorram abad", "kabul"], "Persian"),
    **dict.fromkeys(["baghdad", "basra", "mosul", "najaf", "karbala", "damascus", "aleppo", "beirut",
                     "cairo", "riyadh", "amman", "doha", "sanaa", "gaza", "ramallah", "tripoli",
                     "algiers", "rabat", "tunis", "kuwait", "manama", "muscat", "abu dhabi",
                     "dubai", "khartoum", "baqubah", "diyala", "kirkuk", "nasiriyah"], "Arabic"),
    **dict.fromkeys(["erbil", "sulaymaniyah", "duhok", "halabja"], "Kurdish"),
    **dict.fromkeys(["beijing", "shanghai", "guangzhou", "shenzhen", "wuhan", "chengdu", "taipei",
                     "hong kong"], "Chinese"),
    **dict.fromkeys(["moscow", "st. petersburg", "saint petersburg", "kazan", "novosibirsk",
                     "vladivostok", "minsk", "sevastopol"], "Russian"),
    **dict.fromkeys(["kyiv", "kiev", "kharkiv", "odesa", "lviv", "dnipro"], "Ukrainian"),
    **dict.fromkeys(["madrid", "barcelona", "mexico city", "buenos aires", "bogota", "bogotá", "lima",
                     "santiago", "caracas", "havana", "quito", "montevideo", "la paz", "tacna"],
                    "Spanish"),
    **dict.fromkeys(["seoul", "sejong", "busan", "pyongyang"], "Korean"),
    **dict.fromkeys(["tokyo", "osaka", "kyoto"], "Japanese"),
    **dict.fromkeys(["hanoi", "ho chi minh city", "da nang"], "Vietnamese"),
    **dict.fromkeys(["ankara", "istanbul", "izmir"], "Turkish"),
    **dict.fromkeys(["athens", "thessaloniki", "nicosia"], "Greek"),
    **dict.fromkeys(["jerusalem", "tel aviv"], "Hebrew"),
}
# Country-code domains whose sites publish in one language.
DOMAINS: dict[str, str] = {
    "ir": "Persian", "af": "Persian", "iq": "Arabic", "sa": "Arabic", "eg": "Arabic", "sy": "Arabic",
    "ae": "Arabic", "qa": "Arabic", "kw": "Arabic", "jo": "Arabic", "lb": "Arabic", "ye": "Arabic",
    "ly": "Arabic", "dz": "Arabic", "ma": "Arabic", "tn": "Arabic", "om": "Arabic", "bh": "Arabic",
    "sd": "Arabic", "ps": "Arabic", "krd": "Kurdish", "cn": "Chinese", "tw": "Chinese",
    "hk": "Chinese", "ru": "Russian", "by": "Russian", "ua": "Ukrainian", "es": "Spanish",
    "mx": "Spanish", "ar": "Spanish", "co": "Spanish", "cl": "Spanish", "pe": "Spanish",
    "ve": "Spanish", "cu": "Spanish", "ec": "Spanish", "bo": "Spanish", "uy": "Spanish",
    "py": "Spanish", "kr": "Korean", "jp": "Japanese", "vn": "Vietnamese", "tr": "Turkish",
    "gr": "Greek", "il": "Hebrew", "de": "German", "at": "German", "fr": "French", "it": "Italian",
    "br": "Portuguese", "pt": "Portuguese", "pl": "Polish", "id": "Indonesian", "th": "Thai",
}
# HTML lang codes -> language names.
LANG_CODES: dict[str, str] = {
    "fa": "Persian", "ar": "Arabic", "ckb": "Kurdish", "ku": "Kurdish", "ur": "Urdu",
    "zh": "Chinese", "ru": "Russian", "uk": "Ukrainian", "es": "Spanish", "ko": "Korean",
    "ja": "Japanese", "vi": "Vietnamese", "tr": "Turkish", "el": "Greek", "he": "Hebrew",
    "iw": "Hebrew", "hi": "Hindi", "de": "German", "fr": "French", "it": "Italian",
    "pt": "Portuguese", "pl": "Polish", "id": "Indonesian", "th": "Thai",
}
# Function words: a line made mostly of them is untranslated text (Spanish "Te puede interesar").
FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "Spanish": frozenset("de la que el en los del se las por un para con una su al lo como más "
                         "pero sus le ya este porque esta entre cuando muy sin sobre también me "
                         "hasta hay donde desde todo nos durante te puede leer".split()),
    "Portuguese": frozenset("de que não uma os no se na por mais as dos como mas ao ele das à seu "
                            "sua ou quando muito nos já também só pelo pela até isso".split()),
    "French": frozenset("le la les des et est une du dans que qui pour pas sur au plus par "
                        "ce avec sont aux ont lire aussi".split()),
    "German": frozenset("der die das und ist nicht ein eine zu den von mit sich des auf für "
                        "dem im auch es an werden aus er hat dass lesen".split()),
    "Turkish": frozenset("ve bir bu da de için ile olarak daha çok gibi kadar".split()),
    "Indonesian": frozenset("yang dan di ini itu dengan untuk dari dalam tidak akan pada juga "
                            "baca".split()),
}

# ---------------------------------------------------------------- detection

WEIGHTS = {"script": 3.0, "html-lang": 3.0, "agency": 2.0, "domain": 2.0, "dateline": 1.0,
           "words": 1.0}
"""How much each kind of evidence counts; a guess needs at least 2 (one weak clue is not enough)."""


@dataclass(frozen=True)
class Evidence:
    """One clue to the source language."""

    kind: str  # "script", "agency", "dateline", "domain", "html-lang", "words", "given"
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
            out.append(Evidence("script", lang, f"{n} {script.title()} characters, with "
                                f"{seen[lang]} ({lang} only)"))
        else:
            out.append(Evidence("script", base, f"{n} {script.title()} characters"))
    for lang in ("Vietnamese", "Turkish", "Spanish"):  # Latin letters of one language
        if letters[lang] >= (2 if lang != "Spanish" else 1):
            out.append(Evidence("script", lang, f"{letters[lang]} letters such as {seen[lang]}"))
    return out


def _script_of(lang: str) -> str:
    return {"Persian": "ARABIC", "Urdu": "ARABIC", "Kurdish": "ARABIC", "Arabic": "ARABIC",
            "Ukrainian": "CYRILLIC", "Russian": "CYRILLIC"}.get(lang, "LATIN")


_AGENCY_RX: list[re.Pattern[str]] = []


def _agency_rx() -> list[re.Pattern[str]]:
    """Long names in any case ("ALSHARQIYA"), short acronyms as written ("INA", not "ina")."""
    if not _AGENCY_RX:
        names = sorted(AGENCIES, key=len, reverse=True)
        for group, flags in (([n for n in names if len(n) > 4], re.IGNORECASE),
                             ([n for n in names if len(n) <= 4], 0)):
            _AGENCY_RX.append(re.compile(
                r"(?<!\w)(" + "|".join(re.escape(n) for n in group) + r")(?!\w)", flags))
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


_DATELINE_PLACE = re.compile(
    r"^\W*([A-Z][A-Za-z'’. ]{2,30}?)\s*(?:\(|,|-|–|—|/|:)", re.MULTILINE)


def _dateline_evidence(text: str, dateline: str | None) -> list[Evidence]:
    """Cities that open a line as a dateline does ("TEHRAN, Nov. 21 (DID) –", "Baghdad-")."""
    out: dict[str, Evidence] = {}
    for text in filter(None, [dateline, text]):
        for m in _DATELINE_PLACE.finditer(text):
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


def detect_language(text: str, *, head: str = "", dateline: str | None = None,
                    url: str | None = None, html_lang: str | None = None) -> LanguageGuess:
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
    evidence += _agency_evidence(text, head)
    evidence += _dateline_evidence(head + "\n" + text, dateline)
    evidence += _domain_evidence(url, text)
    evidence += _word_evidence((head + "\n" + text).split("\n"))
    totals: Counter[str] = Counter()
    for e in evidence:
        totals[e.language] += WEIGHTS[e.kind]
    if not totals:
        return LanguageGuess(None, ())
    (best, score), *rest = totals.most_common() + [("", 0.0)]
    runner_up = rest[0][1] if rest else 0.0
    ranked = tuple(sorted(evidence, key=lambda e: (e.language != best, -WEIGHTS[e.kind])))
    if score < 2 or score == runner_up:
        return LanguageGuess(None, ranked)
    return LanguageGuess(best, ranked)
