"""Meaning checks: what a rendering changes in the MT's meaning without touching a number.

Five checks of a version against the original machine translation, each blaming the version
only for what it adds or loses (the MT's own oddities are not the version's fault):

- ``changed-time``: a relative time (yesterday, on Monday, last week, this morning...) changed
  or added;
- ``changed-role``: a person's role or title changed (deputy minister -> minister, former
  dropped, president -> prime minister) or added;
- ``added-explanation``: an apposition or clause explaining who or what something is
  (", a city in southern Russia,"), with words the original never gave;
- ``lost-quote``: a quotation turned into reported speech, or its quotation marks lost;
- ``dropped-name`` / ``dropped-date``: a name, place or date (absolute or relative) of the
  original that the version lost.

Everything is regular expressions over the two texts (no parser, no model), so the checks work
on English of any origin and run on every rendering of every paragraph. Words are compared by
their spelling keys (:func:`word_key`: ASCII, lowercase, possessive and plural off, first five
letters), so reordering, word forms ("Russia's" / "Russian"), possessives and hyphenation are
not changes. Every function here is pure: text in, flags out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..core.flags import Flag
from ..qa.checks.facts import find_dates
from .lexicon import (
    FUNCTION_WORDS,
    MONTHS,
    WEEKDAYS,
    WORD,
    Vocabulary,
    content_words,
    country_of,
    fold,
    phonetic_key,
    seat_of,
    vocabulary,
    vowel_stem,
    word_key,
)

# ------------------------------------------------------------------ relative times (changed-time)

_PARTS = ("morning", "afternoon", "evening", "night")
_NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}
_SEASONS = ("spring", "summer", "autumn", "fall", "winter")
_UNITS = r"hours?|days?|weeks?|months?|years?|decades?"
_OFFSET = {
    "last": -1,
    "past": -1,
    "previous": -1,
    "this": 0,
    "current": 0,
    "next": 1,
    "coming": 1,
    "following": 1,
}
_WD = "|".join(WEEKDAYS)
_MO = "|".join(MONTHS)
_TIME = re.compile(
    rf"""(?ix)
    (?P<db>the\s+day\s+(?:before|after)\s+(?:yesterday|tomorrow))
    | (?P<deictic>yesterday|today|tomorrow|tonight)(?:['’]s)?(?:\s+(?P<dpart>{"|".join(_PARTS)}))?
    | (?:(?:earlier|later|early|late)\s+)?(?P<the>the\s+)?(?P<off>last|past|previous|this|current
        |next|coming|following)\s+(?P<unit>day|week|weekend|month|year|decade|century|quarter
        |{"|".join(_SEASONS)}|{"|".join(_PARTS)}|{_WD}|{_MO})\b(?!-)
    | (?P<num>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve
        |a\s+few|a\s+couple\s+of|several|few)\s+(?P<aunit>{_UNITS})\s+(?P<dir>ago|earlier|later
        |before|after)\b
    | (?P<bare>{_UNITS})\s+ago\b
    | (?:in\s+)?(?:recent|the\s+(?:past|last)\s+(?:few|several|couple\s+of|\w+))\s+(?P<recent>days
        |weeks|months|years|decades)\b
    | (?:in\s+)?the\s+(?:coming|next|following)\s+(?:few\s+|several\s+)?(?P<soon>days|weeks
        |months|years)\b
    | the\s+day\s+(?P<nday>before|after|earlier|later)\b
    | (?P<overnight>overnight)\b
    | (?<![\w-])(?P<wd>{_WD})(?:['’]s)?(?:\s+(?P<wpart>{"|".join(_PARTS)}))?\b
    """
)


@dataclass(frozen=True)
class TimeMention:
    """A time expression: its text, span and keys (``day-1``, ``wd:mon``, ``part:night``...)."""

    text: str
    start: int
    end: int
    keys: frozenset[str]

    @property
    def anchors(self) -> frozenset[str]:
        """Keys other than the part of the day: what the mention must keep to count as kept."""
        return frozenset(k for k in self.keys if not k.startswith("part:"))

    @property
    def relative(self) -> bool:
        """A relative time (not a plain calendar date): what ``changed-time`` is about."""
        return any(not re.fullmatch(r"[mdy]\d+", k) for k in self.keys)


def _n(word: str) -> str:
    word = " ".join(word.lower().split())
    if word.isdigit():
        return word
    return str(_NUMBERS[word]) if word in _NUMBERS else "few"


def _time_keys(m: re.Match) -> set[str]:
    g = m.groupdict()
    if g["db"]:
        before = "before" in g["db"].lower()
        return {"day-2" if before else "day+2"}
    if g["deictic"]:
        d = g["deictic"].lower()
        keys = {{"yesterday": "day-1", "today": "day0", "tomorrow": "day+1", "tonight": "day0"}[d]}
        if d == "tonight":
            keys.add("part:night")
        if g["dpart"]:
            keys.add("part:" + g["dpart"].lower())
        return keys
    if g["off"]:
        off, unit = g["off"].lower(), g["unit"].lower()
        n = _OFFSET[off]
        sign = f"{n:+d}" if n else "0"
        # "the previous day" is the story's day before, not yesterday; "the previous year" is
        # last year in news usage
        narrative = "N" if g["the"] and off in ("previous", "following") and unit == "day" else ""
        if unit in _PARTS:  # last night, this morning: a day and a part of it
            day = "day-1" if n < 0 else "day+1" if n > 0 else "day0"
            return {day, "part:" + unit}
        if unit in WEEKDAYS:
            return {"wd:" + unit[:3]}
        if unit in MONTHS:
            return {f"m{MONTHS.index(unit) + 1}", f"year{sign}"}
        if unit in _SEASONS:
            return {"season:" + ("autumn" if unit == "fall" else unit), f"year{sign}"}
        return {f"{unit}{sign}{narrative}"}
    if g["num"]:
        unit = g["aunit"].lower().rstrip("s")
        d = g["dir"].lower()
        sign = "-" if d in ("ago", "earlier", "before") else "+"
        return {f"{unit}{sign}{_n(g['num'])}{'' if d == 'ago' else 'N'}"}
    if g["bare"]:
        return {"recent:" + g["bare"].lower().rstrip("s")}
    if g["recent"]:
        return {"recent:" + g["recent"].lower().rstrip("s")}
    if g["soon"]:
        return {"soon:" + g["soon"].lower().rstrip("s")}
    if g["nday"]:
        return {"day-1N" if g["nday"].lower() in ("before", "earlier") else "day+1N"}
    if g["overnight"]:
        return {"part:night"}
    keys = {"wd:" + g["wd"].lower()[:3]}
    if g["wpart"]:
        keys.add("part:" + g["wpart"].lower())
    return keys


_TIME_STARTS = frozenset(
    (
        "the yesterday today tomorrow tonight overnight earlier later early late last past "
        "previous "
        "this current next coming following a an several few recent in hour hours day days week "
        "weeks month months year years decade decades " + " ".join(_NUMBERS)
    ).split()
) | frozenset(WEEKDAYS)
_WORD_START = re.compile(r"[A-Za-z0-9]+")


def _matches_at_words(pattern: re.Pattern, starts: frozenset[str], text: str):
    """Yield ``pattern``'s non-overlapping matches, tried only at words in ``starts`` (or
    numbers): trying a pattern of many alternatives at every character of a long article
    costs seconds; the matches are the same."""
    end = 0
    for w in _WORD_START.finditer(text):
        if w.start() < end or not (w.group().isdigit() or w.group().casefold() in starts):
            continue
        m = pattern.match(text, w.start())
        if m:
            end = m.end()
            yield m


@lru_cache(maxsize=512)
def find_times(text: str) -> tuple[TimeMention, ...]:
    """Find relative times and calendar dates: ``on Monday``, ``last week``, ``28 December``.

    Calendar dates (month names, with a day or a year) come from :func:`checks.find_dates`;
    a weekday must be capitalized ("may", "march" are verbs; weekdays are always capitalized).
    """
    out: list[TimeMention] = []
    for m in _matches_at_words(_TIME, _TIME_STARTS, text):
        if m.group("wd") and not m.group("wd")[0].isupper():
            continue
        if (
            m.group("off")
            and m.group("unit").lower() in MONTHS
            and not m.group("unit")[0].isupper()
        ):
            continue
        out.append(TimeMention(m.group(), m.start(), m.end(), frozenset(_time_keys(m))))
    taken = [(t.start, t.end) for t in out]
    for d in find_dates(text):
        if any(a <= d.start < b or d.start <= a < d.end for a, b in taken):
            # "last December": the relative mention has the month already; add the day/year
            out = [
                TimeMention(t.text, t.start, t.end, t.keys | _date_keys(d))
                if t.start <= d.start < t.end or d.start <= t.start < d.end
                else t
                for t in out
            ]
            continue
        out.append(TimeMention(d.text, d.start, d.end, frozenset(_date_keys(d))))
    return tuple(sorted(out, key=lambda t: t.start))


def _date_keys(d) -> set[str]:
    keys = {f"m{d.month}"}
    if d.day:
        keys.add(f"d{d.day}")
    if d.year:
        keys.add(f"y{d.year}")
    return keys


@dataclass(frozen=True)
class TimeChanges:
    """How a version's times differ from the original's."""

    changed: tuple[tuple[TimeMention, TimeMention], ...]  # (version's, original's)
    added: tuple[TimeMention, ...]
    dropped: tuple[TimeMention, ...]  # original mentions the version lost entirely
    lost_parts: tuple[tuple[TimeMention, str], ...]  # a date kept without its day or year


@lru_cache(maxsize=256)
def time_changes(original: str, text: str) -> TimeChanges:
    """Compare the times of ``text`` with the original's.

    A version's relative time is supported when its keys are all among the original's ("Monday"
    for "on Monday", "today" for "this morning"); an unsupported one is *changed* when an
    original time is gone from the version, else *added*. A more precise time is unsupported
    ("this morning" for "today").
    """
    ours, theirs = find_times(text), find_times(original)
    their_keys = frozenset().union(*(t.keys for t in theirs)) if theirs else frozenset()
    our_keys = frozenset().union(*(t.keys for t in ours)) if ours else frozenset()
    unsupported = [t for t in ours if t.relative and not t.keys <= their_keys]
    gone = [t for t in theirs if t.anchors and not t.anchors & our_keys]
    changed = []
    while unsupported and gone:
        changed.append((unsupported.pop(0), gone.pop(0)))
    lost_parts = []
    for t in theirs:
        if t in gone or any(t is b for _, b in changed):
            continue
        for prefix, what in (("d", "day"), ("y", "year"), ("m", "month")):
            missing = [
                k for k in t.keys if k.startswith(prefix) and k[1:].isdigit() and k not in our_keys
            ]
            if missing:
                lost_parts.append((t, what))
                break
    return TimeChanges(tuple(changed), tuple(unsupported), tuple(gone), tuple(lost_parts))


def time_flags(original: str, text: str) -> list[Flag]:
    """Flag relative times the version changed or added (``changed-time``).

    >>> [f.detail for f in time_flags("Talks began on Monday.", "Talks began yesterday.")]
    ['the original says "on Monday"']
    """
    tc = time_changes(original, text)
    flags = [
        Flag("changed-time", ours.text, f'the original says "{theirs.text}"')
        for ours, theirs in tc.changed
    ]
    flags += [Flag("changed-time", t.text, "a time the original does not give") for t in tc.added]
    return flags


def dropped_date_flags(original: str, text: str) -> list[Flag]:
    """Flag dates and relative times of the original the version lost (``dropped-date``).

    A date whose month the version changed is ``added-date``'s (the new one), not dropped.
    """
    tc = time_changes(original, text)
    months = {d.month for d in find_dates(original)}
    changed_month = any(d.month not in months for d in find_dates(text))
    flags = []
    for t in tc.dropped:
        if changed_month and not t.relative:
            continue
        flags.append(Flag("dropped-date", t.text, "a time of the original the version lost"))
    for t, what in tc.lost_parts:
        if not changed_month:
            flags.append(
                Flag("dropped-date", t.text, f"the version keeps the date without its {what}")
            )
    return flags


# ------------------------------------------------------------------ roles and titles (changed-role)

# Role words by class: a paraphrase within a class is no change (aide / assistant / adviser).
_ROLE_CLASSES = {
    "president": "president|presidents",
    "prime-minister": "prime minister|prime ministers|premier|premiers|PM",
    "chancellor": "chancellor",
    "minister": "minister|ministers",
    "foreign-minister": "top diplomat|secretary of state|foreign secretary",
    "secretary-general": "secretary-general|secretary general|general secretary",
    "secretary": "secretary|secretaries",
    "ambassador": "ambassador|ambassadors|envoy|envoys|emissary",
    "consul": "consul|consul-general",
    "spokesperson": "spokesman|spokeswoman|spokesperson|spokesmen|spokeswomen|spokespeople|"
    "press secretary|press officer",
    "aide": "aide|aides|adviser|advisers|advisor|advisors|assistant|assistants|counsellor|"
    "counselor",
    "head": "head|chief|chiefs|director|directors|director-general|chairman|chairwoman|"
    "chairperson|chief executive|CEO|boss|managing director",
    "chief-of-staff": "chief of staff",
    "governor": "governor|governors",
    "mayor": "mayor|mayors",
    "senator": "senator|senators",
    "lawmaker": "lawmaker|lawmakers|legislator|legislators|MP|MPs|parliamentarian|"
    "parliamentarians|congressman|congresswoman|member of parliament|"
    "members of parliament|deputy|deputies",
    "speaker": "speaker",
    "monarch": "king|queen|monarch|emperor|sultan|emir",
    "crown-prince": "crown prince",
    "prince": "prince|princess",
    "religious": "pope|patriarch|ayatollah|imam|archbishop|bishop",
    "supreme-leader": "supreme leader",
    "commander": "commander|commanders|commander-in-chief",
    "general": "general|generals|lieutenant general|major general",
    "colonel": "colonel|colonels|lieutenant colonel",
    "admiral": "admiral|admirals",
    "marshal": "marshal",
    "judge": "judge|judges",
    "prosecutor": "prosecutor|prosecutors|prosecutor general|attorney general|attorney-general",
    "ombudsman": "ombudsman|ombudswoman",
    "founder": "founder|co-founder|founders",
    "editor": "editor|editor-in-chief",
    "coach": "coach",
    "manager": "manager",
    # vague references that stand for any role: never a change
    "*": "leader|leaders|counterpart|counterparts|official|officials|representative|"
    "representatives|head of state|heads of state",
}
_ROLE_OF = {
    " ".join(w.split()).casefold(): cls
    for cls, words in _ROLE_CLASSES.items()
    for w in words.split("|")
}
_CASED = {"pm", "mp", "mps", "ceo"}  # role words that count only in capitals (PM, MP, CEO)

# Modifiers that change who someone is: former / acting / deputy / elect / late / first deputy.
_MODIFIER_GROUP = {
    "former": "former",
    "ex": "former",
    "erstwhile": "former",
    "acting": "acting",
    "interim": "acting",
    "caretaker": "acting",
    "provisional": "acting",
    "deputy": "deputy",
    "vice": "deputy",
    "assistant": "deputy",
    "under": "deputy",
    "first": "first",
    "outgoing": "outgoing",
    "incoming": "elect",
    "elect": "elect",
    "designate": "elect",
    "late": "late",
}
_DOMAINS = {
    "foreign": "foreign",
    "foreign affairs": "foreign",
    "external affairs": "foreign",
    "defence": "defence",
    "defense": "defence",
    "interior": "interior",
    "home": "interior",
    "internal affairs": "interior",
    "finance": "finance",
    "treasury": "finance",
    "economy": "economy",
    "economic": "economy",
    "economic affairs": "economy",
    "energy": "energy",
    "health": "health",
    "education": "education",
    "justice": "justice",
    "trade": "trade",
    "commerce": "trade",
    "agriculture": "agriculture",
    "culture": "culture",
    "transport": "transport",
    "emergency": "emergency",
    "emergencies": "emergency",
    "emergency situations": "emergency",
    "labour": "labour",
    "labor": "labour",
    "environment": "environment",
    "digital": "digital",
    "sport": "sport",
    "sports": "sport",
    "tourism": "tourism",
    "information": "information",
    "science": "science",
}
_ROLE_ALT = "|".join(sorted((re.escape(r) for r in _ROLE_OF), key=len, reverse=True))
_DOMAIN_ALT = "|".join(sorted((re.escape(d) for d in _DOMAINS), key=len, reverse=True))
_MOD_ALT = (
    r"former|ex-|ex|erstwhile|acting|interim|caretaker|provisional|deputy|vice|first|"
    r"assistant|under|outgoing|incoming|late|then-"
)
_ROLE = re.compile(
    rf"""(?ix)
    (?<![\w-])(?P<mods>(?:(?:{_MOD_ALT})[\s-]+){{0,3}})
    (?P<dom1>(?:{_DOMAIN_ALT})\s+)?
    (?P<role>{_ROLE_ALT})
    (?P<suffix>[\s-](?:elect|designate)\b)?
    (?![\w-])
    (?:\s+(?:of|for)\s+(?:the\s+)?(?P<dom2>{_DOMAIN_ALT})\b)?
    (?P<holder>(?-i:,?\s+(?:[A-Z][\w'’-]+\s+){{0,2}}[A-Z][\w'’-]+))?
    """
)
_NOT_ROLE_AFTER = re.compile(
    r"\s*(?:to|towards|back|home|off|out|into|for\s+the\s+exit)\b", re.IGNORECASE
)


@dataclass(frozen=True)
class Role:
    """A title in a text: its class, modifier groups, domain and holder (a surname, if named)."""

    cls: str
    mods: frozenset[str]
    domain: str
    holder: str
    text: str

    def describe(self) -> str:
        return " ".join(self.text.split())


_ROLE_STARTS = frozenset(
    w.split()[0].split("-")[0] for w in (*_ROLE_OF, *_MODIFIER_GROUP, *_DOMAINS, "ex", "then")
)


@lru_cache(maxsize=512)
def find_roles(text: str) -> tuple[Role, ...]:
    """Find titles: "Deputy Foreign Minister Mikhail Galuzin", "the former president", "PM".

    "head" counts only as "head of ..."; "chief" not before a noun ("chief negotiator");
    "General" only before a name; "deputy" alone is a lawmaker (post-Soviet usage).
    """
    out = []
    for m in _matches_at_words(_ROLE, _ROLE_STARTS, text):
        role = " ".join(m.group("role").split())
        low = role.casefold()
        if low in _CASED and not role.isupper():
            continue
        after = text[m.end("role") :]
        if low == "head" and not re.match(r"\s+of\b", after):
            continue
        if low == "chief" and re.match(r"\s+(?!of\b)[a-z]", after):
            continue
        if low == "general" and not (role[0].isupper() and re.match(r"\s+[A-Z]", after)):
            continue
        if re.match(r"['’]s\s+(?:office|administration|press\s+service)\b", after, re.IGNORECASE):
            continue  # an institution, not a person's title
        if low == "speaker" and not (role[0].isupper() or re.match(r"\s+of\b", after)):
            continue
        if low == "secretary" and re.match(r"\s+of\s+state\b", after, re.IGNORECASE):
            continue
        if _NOT_ROLE_AFTER.match(after) and low in ("head", "chief"):
            continue
        mods = frozenset(
            _MODIFIER_GROUP[w]
            for w in re.findall(r"[a-z]+", m.group("mods").casefold())
            if w in _MODIFIER_GROUP
        )
        if m.group("suffix"):
            mods |= {"elect"}
        if "first" in mods and "deputy" not in mods:
            mods -= {"first"}  # "first president": an ordinal, not a rank
        cls = _ROLE_OF.get(low, "*")
        dom = m.group("dom1") or m.group("dom2") or ""
        domain = _DOMAINS.get(" ".join(dom.casefold().split()), "")
        if cls == "foreign-minister":
            cls, domain = "minister", "foreign"
        holder = ""
        if m.group("holder"):
            names = [
                w
                for w in re.findall(r"[A-Z][\w'’-]+", m.group("holder"))
                if w.casefold() not in FUNCTION_WORDS and not country_of(w)
            ]
            holder = fold(names[-1]) if names else ""
        start = m.start("mods") if m.group("mods") else m.start("role")
        out.append(
            Role(
                cls,
                mods,
                domain,
                holder,
                text[start : m.end("suffix") if m.group("suffix") else m.end("role")],
            )
        )
    return tuple(out)


def role_flags(original: str, text: str, context: str = "") -> list[Flag]:
    """Flag titles the version changed (deputy dropped, former added, president -> premier) or
    added.

    Titles are paired by holder first ("Minister Bayramov" / "Deputy Minister Bayramov"), then
    by class; a leftover version title with a leftover original title is a change, a leftover
    version title alone is added (unless ``context``, the rest of the article, gives it).
    Vague references (leader, counterpart, official) are never a change.
    """
    ours = [r for r in find_roles(text) if r.cls != "*"]
    theirs = list(find_roles(original))
    if not ours:
        return []
    flags: list[Flag] = []

    def same(a: Role, b: Role) -> bool:
        return (
            a.cls == b.cls
            and a.mods == b.mods
            and (not a.domain or not b.domain or a.domain == b.domain)
        )

    def change(a: Role, b: Role) -> None:
        flags.append(Flag("changed-role", a.describe(), f'the original says "{b.describe()}"'))

    # 1. by holder
    rest = []
    for r in ours:
        match = next(
            (t for t in theirs if r.holder and t.holder and _same_surname(r.holder, t.holder)), None
        )
        if match is None:
            rest.append(r)
            continue
        theirs.remove(match)
        if match.cls != "*" and not same(r, match):
            change(r, match)
    # 2. the same title somewhere in the original
    left = []
    for r in rest:
        match = next((t for t in theirs if same(r, t)), None)
        if match is None:
            left.append(r)
        else:
            theirs.remove(match)
    # 3. leftovers: a change of modifier within a class, then across classes, then added
    for r in left:
        match = next((t for t in theirs if t.cls == r.cls), None)
        if match is None:
            match = next(
                (t for t in theirs if t.cls != "*" and not any(x.cls == t.cls for x in left)), None
            )
        if match is None:
            if any(t.cls == "*" for t in theirs):  # "his counterpart" -> "the president"
                theirs.remove(next(t for t in theirs if t.cls == "*"))
                continue
            if (
                r.mods
                or not _mentions_class(original, r.cls)
                and not _mentions_class_for(context, r)
            ):
                flags.append(
                    Flag("changed-role", r.describe(), "a title the original does not give")
                )
            continue
        theirs.remove(match)
        change(r, match)
    return flags


_CLASS_WORDS = {
    "president": r"president|presidential|presidency",
    "minister": r"minister|ministerial",
    "prime-minister": r"prime\s+minister|premier|prime-ministerial",
    "head": r"head|chief|director|chair|leader|ceo",
}


def _mentions_class(text: str, cls: str) -> bool:
    """Tell whether ``text`` names the role class in any form (adjectives included)."""
    if any(r.cls == cls for r in find_roles(text)):
        return True
    pattern = _CLASS_WORDS.get(cls)
    return bool(pattern and re.search(rf"\b(?:{pattern})", text, re.IGNORECASE))


def _mentions_class_for(context: str, r: Role) -> bool:
    """Tell whether the article gives this title to this holder (or the title at all, unnamed)."""
    if not context:
        return False
    return any(
        t.cls == r.cls and t.mods == r.mods and (not r.holder or _same_surname(t.holder, r.holder))
        for t in find_roles(context)
    )


def _same_surname(a: str, b: str) -> bool:
    return bool(a and b) and (a == b or phonetic_key(a) == phonetic_key(b))


# ---------------------------------------------------------- explanations (added-explanation)

_EXPLAIN_MARKER = (
    r"located|situated|based|headquartered|lying|known\s+(?:as|for)|also\s+known|called|dubbed|"
    r"nicknamed|home\s+to|the\s+capital|a\s+(?:city|town|village|port|region|province|country|"
    r"state|district|company|firm|group|party|movement|militia|organi[sz]ation|agency|body|"
    r"newspaper|channel|network|website|airline|manufacturer|producer|startup|bank|university|"
    r"member|former|veteran|leading|major|small|large)|one\s+of\s+the"
)
_EXPLAIN = re.compile(
    rf"""(?x)
    (?P<appos>(?<=[\w'’)]),\s+(?:(?:a|an|the|its|his|her|their|one\s+of|home\s+to|{_EXPLAIN_MARKER})\b
        |[A-Z][\w-]*['’]s\s)[^,;:.()"“”«»—–]{{2,100}}?
        (?=\s*(?:,|;|\.|\)|—|–|$)))
    | (?P<rel>,\s+(?:which|who|whose)\s[^,;.()"“”«»]{{2,120}}
        | \s(?:which|who)\s+(?:is|was|are|were|has\s+been|had\s+been|serves\s+as|served\s+as)\b
          [^,;.()"“”«»]{{2,100}})
    | (?P<paren>\((?![^()]*\d{{4}})[^()]{{3,100}}\))
    | (?P<dash>\s[—–]\s[^—–.]{{3,100}}?\s[—–]\s)
    | (?P<marker>(?<=\s)(?:located|situated|based|headquartered)\s+
        (?:in|on|near|at|along|off)\b[^,;.()]{{2,60}})
    | (?P<define>(?:^|(?<=[.!?]\s))[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){{0,3}}\s+(?:is|was|are|were)\s+
        (?:a|an|one\s+of)\b[^.!?]{{3,120}}[.!?])
    """
)
_FINITE = re.compile(
    r"\b(?:is|are|was|were|has|have|had|will|would|can|could|said|says|did|does|do)\b"
    r"|\b\w{3,}ed\s+(?:\w+ing|to|that|its|their|his|her|the|a|an|things)\b",
    re.IGNORECASE,
)
_TIME_WORDS = (
    frozenset(WEEKDAYS)
    | frozenset(MONTHS)
    | frozenset(
        [
            "yesterday",
            "today",
            "tomorrow",
            "tonight",
            "morning",
            "afternoon",
            "evening",
            "night",
            "week",
            "weekend",
            "month",
            "year",
            "earlier",
            "later",
            "last",
            "next",
            "ago",
        ]
    )
)
_STRONG = re.compile(rf"^[\s,(—–]*(?:which\s+is|who\s+is|{_EXPLAIN_MARKER})\b", re.IGNORECASE)


def explanation_flags(original: str, text: str, context: str = "") -> list[Flag]:
    """Flag appositions and clauses of the version that explain something with new words.

    An explanatory span (", a city in southern Russia,", "which is the country's largest oil
    company", a parenthesis or dashes, "X is a ...") counts when two of its content words, and
    at least half of them, are absent from the original (one, for spans that start with an
    explaining phrase such as "a city in", "located in", "known as"; three, for a span that
    rewords one of the original's own). Names the article uses elsewhere (``context``) and role
    words (``changed-role``'s) are not new.
    """
    vocab = vocabulary(original)
    names = _name_vocabulary(context) if context else None
    theirs = [
        frozenset(word_key(w) for w in content_words(m.group()))
        for m in _EXPLAIN.finditer(original)
    ]
    flags = []
    for m in _EXPLAIN.finditer(text):
        span = m.group().strip(" ,()—–")
        words = [
            w
            for w in content_words(span)
            if w.casefold() not in _ROLE_OF and w.casefold() not in _TIME_WORDS
        ]
        if not words or all(w[0].isupper() for w in words):
            continue  # a name or a list of names: the name checks' business
        if (m.group("appos") or m.group("paren") or m.group("dash")) and not _STRONG.match(
            m.group()
        ):
            finite = _FINITE.search(span)
            relative = re.search(r"\b(?:which|who|whom|whose|where|that)\b", span)
            if finite and (relative is None or finite.start() < relative.start()):
                continue  # ", the producers started saying": a clause, not an apposition
        keys = frozenset(word_key(w) for w in words)
        reworded = any(len(keys & t) > 0.3 * len(keys | t) for t in theirs)  # the MT's own
        new = [
            w for w in words if not vocab.has(w) and not (names and w[0].isupper() and names.has(w))
        ]
        strong = bool(_STRONG.match(m.group())) and not reworded
        if (
            len(new) >= (3 if reworded else 2)
            and len(new) * 2 >= len(words)
            or (strong and new and len(new) * 2 > len(words))
        ):
            flags.append(
                Flag(
                    "added-explanation",
                    span[:100],
                    f"explains with words the original does not have: {', '.join(new[:5])}",
                )
            )
    return flags


# ------------------------------------------------------------------ quotations (lost-quote)

_QUOTE_PAIRS = {"“": "”", "„": "“”", "«": "»", "「": "」", "『": "』", '"': '"', "‘": "’"}
_SPEECH_THAT = re.compile(
    r"\b(?:said|says|told\s+\w+|stated|added|noted|stressed|warned|explained|insisted|claimed|"
    r"declared|announced|wrote|argued|emphasi[sz]ed)\s+(?:that|how|it|he|she|they|we)\b"
    r"|\baccording\s+to\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Quotation:
    start: int
    end: int
    inner: str


def _straight_closes(text: str, i: int) -> bool:
    """Tell whether the straight quote at ``i`` closes (after a word or mark, before a space)."""
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not before.isspace() and before not in "([{" and (after.isspace() or not after.isalnum())


@lru_cache(maxsize=512)
def find_quotations(text: str, open_ended: bool = False) -> tuple[Quotation, ...]:
    """Find quoted passages: “…”, "…", «…», „…“, 「…」, ‘…’ (curly singles after a space).

    A quotation left open at the end of a paragraph that starts with it is continued in the
    next paragraph and runs to the end (any quotation left open, with ``open_ended``); a
    closing mark with nothing open ends a quotation continued from the previous paragraph;
    other unpaired marks quote nothing.
    """
    out = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == '"' and _straight_closes(text, i):
            i += 1  # closes a quotation continued from the previous paragraph: skip it
            continue
        if ch in _QUOTE_PAIRS and not (ch == "‘" and i and text[i - 1].isalnum()):
            closers = _QUOTE_PAIRS[ch]
            j = i + 1
            while j < n:
                closes = text[j] in closers and (
                    ch != '"' or _straight_closes(text, j) or j + 1 == n
                )
                if closes and not (ch == "‘" and j + 1 < n and text[j + 1].isalpha()):  # apostrophe
                    break
                j += 1
            if j < n:
                out.append(Quotation(i, j + 1, text[i + 1 : j]))
                i = j + 1
                continue
            if open_ended or not text[:i].strip():
                out.append(Quotation(i, n, text[i + 1 :]))
            i += 1
            continue
        i += 1
    return tuple(out)


def _quote_words(inner: str) -> frozenset[str]:
    return frozenset(word_key(w) for w in content_words(inner))


def quote_flags(original: str, text: str) -> list[Flag]:
    """Flag quotations of the original (three words or more) the version no longer quotes.

    A quotation is kept when some quotation of the version holds at least 40% of its content
    words, in any order and place; reworded quotations still in quotation marks are paired up
    in order. The rest are flagged: as reported speech when the version gives their words
    unquoted after a speech verb ("said that"), else as quotation marks lost or the quotation
    missing.
    """
    theirs = [q for q in find_quotations(original) if len(q.inner.split()) >= 3]
    if not theirs:
        return []
    ours = list(find_quotations(text, open_ended=True))
    our_sets = [_quote_words(q.inner) for q in ours]
    used: set[int] = set()
    lost = []
    for q in theirs:
        words = _quote_words(q.inner)
        best, score = None, 0.0
        for k, s in enumerate(our_sets):
            if k in used or not words:
                continue
            share = len(words & s) / len(words)
            if share > score:
                best, score = k, share
        if best is not None and score >= 0.4:
            used.add(best)
        else:
            lost.append(q)
    spare = [k for k in range(len(ours)) if k not in used and len(ours[k].inner.split()) >= 3]
    lost = lost[len(spare) :] if spare else lost  # reworded but still quoted
    flags = []
    vocab = vocabulary(text)
    for q in lost:
        words = content_words(q.inner)
        kept = sum(vocab.has(w) for w in words) / len(words) if words else 0.0
        shown = " ".join(q.inner.split())
        shown = shown if len(shown) <= 80 else shown[:77] + "..."
        if kept >= 0.5 and _SPEECH_THAT.search(text):
            detail = "quoted in the original; the version turns it into reported speech"
        elif kept >= 0.5:
            detail = "quoted in the original; the version lost the quotation marks"
        else:
            detail = "a quotation of the original the version no longer quotes"
        flags.append(Flag("lost-quote", shown, detail))
    return flags


# ------------------------------------------------------------------ names (dropped-name)

_CONNECTORS = frozenset(
    [
        "of",
        "de",
        "del",
        "da",
        "di",
        "du",
        "la",
        "le",
        "al",
        "el",
        "bin",
        "ibn",
        "von",
        "van",
        "der",
        "den",
        "y",
        "and-",
    ]
)
# Title-case words that make up names of institutions but say little alone
GENERIC_NAME_WORDS = frozenset(
    [
        "republic",
        "kingdom",
        "state",
        "states",
        "united",
        "union",
        "federation",
        "federal",
        "ministry",
        "minister",
        "department",
        "agency",
        "news",
        "group",
        "international",
        "national",
        "foreign",
        "affairs",
        "president",
        "office",
        "council",
        "committee",
        "party",
        "army",
        "forces",
        "force",
        "air",
        "navy",
        "bank",
        "company",
        "corporation",
        "university",
        "institute",
        "court",
        "assembly",
        "parliament",
        "government",
        "city",
        "province",
        "region",
        "district",
        "county",
        "north",
        "south",
        "east",
        "west",
        "northern",
        "southern",
        "eastern",
        "western",
        "central",
        "new",
        "great",
        "general",
        "security",
        "defense",
        "defence",
        "emergency",
        "emergencies",
        "situations",
        "service",
        "services",
        "organization",
        "organisation",
        "association",
        "center",
        "centre",
        "airlines",
        "airline",
        "airport",
        "station",
        "square",
        "street",
        "river",
        "sea",
        "lake",
        "mountain",
        "mountains",
        "island",
        "islands",
        "gulf",
        "bay",
        "war",
        "day",
        "times",
        "post",
        "daily",
        "press",
        "media",
        "public",
        "high",
        "supreme",
        "royal",
        "democratic",
        "islamic",
        "people",
        "peoples",
        "popular",
        "social",
        "socialist",
        "liberal",
        "conservative",
        "front",
        "movement",
        "revolution",
        "revolutionary",
        "guard",
        "guards",
        "police",
        "intelligence",
        "administration",
        "authority",
        "commission",
        "bureau",
        "desk",
        "staff",
        "club",
        "league",
        "cup",
        "world",
        "global",
    ]
)
_NAME_WORD = re.compile(r"[A-Z][\w'’]*(?:-[\w'’]+)*|[A-Z]{2,}")
_SENTENCE_END = '.!?:;"“”«»(\n•–—-《》【】[「」『』|'


@dataclass(frozen=True)
class NamePhrase:
    text: str
    words: tuple[str, ...]
    start: int

    @property
    def distinctive(self) -> tuple[str, ...]:
        return tuple(w for w in self.words if w.casefold() not in GENERIC_NAME_WORDS)


def _is_sentence_start(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i].isspace():
        i -= 1
    return i < 0 or text[i] in _SENTENCE_END


@lru_cache(maxsize=16)
def _inner_capitals(text: str) -> frozenset[str]:
    """Return the folded words ``text`` capitalizes inside sentences (so they are names)."""
    return frozenset(fold(w) for s, _, w in _capitalized(text) if not _is_sentence_start(text, s))


@lru_cache(maxsize=16)
def _name_vocabulary(text: str) -> Vocabulary:
    """Return the vocabulary of the capitalized words of ``text`` (the article's names)."""
    return vocabulary(" ".join(re.findall(r"\b[A-Z][\w'’-]+", text)))


_SKIP_NAME = (
    frozenset(WEEKDAYS)
    | frozenset(MONTHS)
    | frozenset(_NUMBERS)
    | frozenset(w for w in _ROLE_OF if " " not in w)
    | frozenset(_MODIFIER_GROUP)
    | frozenset(
        [
            "mr",
            "mrs",
            "ms",
            "dr",
            "sir",
            "madam",
            "ok",
            "prime",
            "yesterday",
            "today",
            "tomorrow",
            "tonight",
            "overnight",
            "earlier",
            "later",
            "last",
            "next",
            "recently",
        ]
    )
)


@lru_cache(maxsize=512)
def find_names(text: str, context: str = "") -> tuple[NamePhrase, ...]:
    """Find capitalized name phrases: "Ilham Aliyev", "Republic of Azerbaijan", "AZAL".

    A sentence-initial word alone counts only when it is possessive ("Baku's"), an acronym, a
    country or demonym, or written capitalized inside a sentence elsewhere in ``text`` or
    ``context`` (the article): "Release our journalists" and "Overall," are not names.
    Function words, titles, months and weekdays are never names.
    """
    words = _capitalized(text)
    mid_caps = _inner_capitals(text) | (_inner_capitals(context) if context else frozenset())
    phrases: list[list[tuple[int, int, str]]] = []
    for s, e, w in words:
        if phrases:
            _ps, pe, _ = phrases[-1][-1]
            gap = text[pe:s]
            if re.fullmatch(r"[\s-]*|\s+(?:" + "|".join(_CONNECTORS) + r")\s+(?:the\s+)?", gap):
                phrases[-1].append((s, e, w))
                continue
        phrases.append([(s, e, w)])
    out = []
    for p in phrases:
        s0, _e0, w0 = p[0]
        if _is_sentence_start(text, s0) and len(p) == 1:
            bare = re.sub(r"['’]s$", "", w0)
            if not (bare != w0 or fold(bare) in mid_caps or w0.isupper() or country_of(bare)):
                continue
        ws = tuple(re.sub(r"['’]s$", "", w) for _, _, w in p)
        out.append(NamePhrase(text[s0 : p[-1][1]], ws, s0))
    return tuple(out)


@lru_cache(maxsize=64)
def _capitalized(text: str) -> tuple[tuple[int, int, str], ...]:
    """Return (start, end, word) of the capitalized words of ``text`` that may be names."""
    words = []
    for m in _NAME_WORD.finditer(text):
        w = m.group()
        low = re.sub(r"['’]s$", "", w).casefold()
        if (
            low in FUNCTION_WORDS
            or low in _SKIP_NAME
            or len(low) < 2
            or re.split(r"['’]", low)[0] in FUNCTION_WORDS
        ):
            continue  # "I'm", "It's" are not names
        words.append((m.start(), m.end(), w))
    return tuple(words)


@dataclass(frozen=True)
class _NameIndex:
    """The words of a version, indexed for "does it have this name in some form"."""

    folds: frozenset[str]
    skeletons: frozenset[str]
    countries: frozenset[str]
    initials: frozenset[str]
    by_start: dict[str, tuple[str, ...]]  # first three letters -> folds
    by_letter: dict[str, tuple[str, ...]]  # first letter -> folds
    joined: str  # every fold, one a line (a compound holds a name: TurkStream)


@lru_cache(maxsize=256)
def _name_index(text: str) -> _NameIndex:
    words = [re.sub(r"['’]s?$", "", w) for w in WORD.findall(text)]
    words += [part for w in words if re.search(r"[-'’]", w) for part in re.split(r"[-'’]", w)]
    folds = sorted({fold(w) for w in words if w} - {""})
    skel = {k for w in words if len(k := phonetic_key(w)) >= 4}
    countries = {c for w in words if w and (c := country_of(w) or seat_of(w))}
    initials = set()
    for m in re.finditer(
        r"[A-Z][\w'’-]*(?:\s+(?:of\s+|for\s+|and\s+)?(?:the\s+)?[A-Z][\w'’-]*)+", text
    ):
        initials |= {fold(i) for i in _initials(m.group())}
    initials |= {fold(w) for w in words if w.isupper()}
    by_start: dict[str, list[str]] = {}
    by_letter: dict[str, list[str]] = {}
    for f in folds:
        by_start.setdefault(f[:3], []).append(f)
        by_letter.setdefault(f[:1], []).append(f)
    return _NameIndex(
        frozenset(folds),
        frozenset(skel),
        frozenset(countries),
        frozenset(initials),
        {k: tuple(v) for k, v in by_start.items()},
        {k: tuple(v) for k, v in by_letter.items()},
        "\n".join(folds),
    )


def _initials(phrase: str) -> tuple[str, ...]:
    """Return the acronyms of a phrase: "Bank of Japan" -> ("bj", "boj")."""
    words = re.findall(r"[^\W\d_][\w'’-]*", phrase)
    caps = "".join(w[0] for w in words if w[0].isupper()).casefold()
    every = "".join(w[0] for w in words if w.casefold() != "the").casefold()
    return tuple(dict.fromkeys(x for x in (caps, every) if len(x) >= 2))


def name_kept(word: str, index: _NameIndex) -> bool:
    """Tell whether the name ``word`` (or a respelling, form or acronym of it) is in the index."""
    f = fold(word)
    if f in index.folds or f in index.initials:
        return True
    if len(phonetic_key(word)) >= 4 and phonetic_key(word) in index.skeletons:
        return True
    country = country_of(word)  # Russia / Russian / the Kremlin (not Tehran for Iran)
    if country and country in index.countries:
        return True
    if len(f) >= 5 and f in index.joined:
        return True  # part of a compound (Stream / TurkStream)
    if len(f) >= 4:
        stem = vowel_stem(f)
        near = index.by_start.get(f[:3], ())
        if any(o.startswith(stem) and len(o) - len(stem) <= 4 for o in near):
            return True  # Russia / Russian, Ukraine / Ukrainian
        if any(
            f.startswith(vowel_stem(o)) and len(vowel_stem(o)) >= 4 and len(f) - len(o) <= 4
            for o in near
        ):
            return True
    if len(f) >= 5:
        from rapidfuzz import fuzz, process

        # a respelling that keeps its first letter (Ambrair / Embraer: the phonetic key)
        if process.extractOne(
            f, index.by_letter.get(f[:1], ()), scorer=fuzz.ratio, score_cutoff=75
        ):
            return True
    return False


def same_name(a: str, b: str) -> bool:
    """Tell whether two name words are one name: respelled (Marharyta / Margarita, Bucha /
    Buchi), inflected (Bee / Bees, Lemoine / Lemoinen) or a demonym of it (Andes / Andean)."""
    return name_kept(a, _name_index(b))


def dropped_name_flags(original: str, text: str, context: str = "") -> list[Flag]:
    """Flag name phrases of the original of which the version keeps no word (``dropped-name``).

    A phrase is kept when one of its distinctive words (not "Ministry", "Republic", "News"...)
    is in the version in any form: respelled (Actao / Aktau), as a demonym (Russia / Russian),
    a seat of power (the Kremlin for Russia) or an acronym (United Nations / UN). A phrase of
    generic words only ("Foreign Ministry") is kept when half of its words are.
    """
    index = _name_index(text)
    vocab = vocabulary(text)
    flags, seen = [], set()
    for p in find_names(original, context):
        distinctive = p.distinctive
        if distinctive:
            if any(name_kept(w, index) for w in distinctive):
                continue
        elif sum(vocab.has(w) for w in p.words) * 2 >= len(p.words):
            continue
        if len(p.words) > 1 and any(fold(i) in index.folds for i in _initials(p.text)):
            continue  # Bank of Japan / BOJ
        key = fold(p.text)
        if key in seen:
            continue
        seen.add(key)
        flags.append(Flag("dropped-name", p.text, "a name of the original the version lost"))
    return flags
