"""Summary sentences against their evidence: who did what to whom, where, and how many.

A summary sentence is linked to its evidence sentences of the source (character 4-grams, as
:func:`evidence.link_evidence` does without embeddings). Without a parser, the roles come from
word order around the *predicate* the two sentences share (a verb such as "attacked",
"accused", "blocked"): the named actors before it are its agent, those after it its patient,
except in the passive ("were attacked by") and after "by". Named actors are countries and
their demonyms, capitals and seats of power (pycountry plus a small table: "Russian",
"Moscow", "the Kremlin" are one actor) and other capitalized names. Numbers are compared with
the words around them ("38 people killed"), and "from A to B" by direction.

- ``swapped-role``: an actor, place or number that the evidence gives another role ("Ukrainian
  forces attacked Russian positions" for "Russian forces attacked Ukrainian positions"; "from
  Grozny to Baku"; 29 killed and 38 injured for 38 killed and 29 injured);
- ``contradicts-evidence``: an actor, place or number in the role where the evidence has
  another one, which the evidence does not have at all ("near Kherson" for "near Bakhmut").

Added actors alone are not contradictions (``added-name`` and the numbers check see those).
Symmetric predicates (met, signed, agreed, talked) have no agent and patient; only their places
are compared. :func:`unsupported_by_score` is the model-scored side: a summary sentence the
model finds no likelier after reading its evidence.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..core.flags import Flag
from ..qa.checks.facts import find_quantities
from .lexicon import (
    FUNCTION_WORDS,
    MONTHS,
    WEEKDAYS,
    content_words,
    country_of,
    fold,
    seat_of,
    word_key,
)
from .meaning import GENERIC_NAME_WORDS, same_name

_TOKEN = re.compile(
    r"\d+(?:[.,]\d+)*(?:-\d+)?|[^\W\d_]+(?:['’][^\W\d_]+)*(?:-[^\W\d_]+)*|[,;:()\"“”«»–—]|(?<!\w)-(?!\w)"
)
_BOUNDARY = frozenset(
    [
        "and",
        "but",
        "while",
        "whereas",
        "although",
        "though",
        "because",
        "after",
        "before",
        "when",
        "as",
        "that",
        "which",
        "who",
        "whom",
        "where",
        "whose",
        "said",
        "says",
        "told",
        "according",
        "if",
        "unless",
        "since",
        "until",
        ",",
        ";",
        ":",
        "(",
        ")",
        '"',
        "“",
        "”",
        "«",
        "»",
    ]
)
_OPENERS = frozenset('"“”«»(:;-–—')  # a capital after these starts a sentence or a quotation
_AUX = frozenset(
    ["was", "were", "is", "are", "been", "being", "be", "get", "gets", "got", "has", "have", "had"]
)
_LOCATION = frozenset(["in", "near", "at", "outside", "inside"])
_SYMMETRIC = frozenset(
    [
        "met",
        "meet",
        "meets",
        "meeting",
        "signed",
        "sign",
        "signs",
        "agreed",
        "agree",
        "agrees",
        "discussed",
        "discuss",
        "talked",
        "talk",
        "talks",
        "negotiated",
        "negotiate",
        "clashed",
        "clash",
        "exchanged",
        "exchange",
        "held",
        "hold",
        "holds",
        "spoke",
        "speak",
        "called",
        "call",
        "cooperated",
        "cooperate",
        "competed",
        "compete",
        "played",
        "play",
        "drew",
        "draw",
        "tied",
        "tie",
        "joined",
        "join",
    ]
)
# past forms that do not end in -ed, and the noun forms of events ("attack on", "strike by")
_IRREGULAR = {
    "struck": "strike",
    "hit": "hit",
    "beat": "beat",
    "beaten": "beat",
    "shot": "shoot",
    "won": "win",
    "lost": "lose",
    "fought": "fight",
    "took": "take",
    "taken": "take",
    "overtook": "overtake",
    "overtaken": "overtake",
    "led": "lead",
    "sent": "send",
    "brought": "bring",
    "caught": "catch",
    "drove": "drive",
    "driven": "drive",
    "threw": "throw",
    "seized": "seize",
    "shelled": "shell",
    "downed": "down",
    "told": "tell",
    "said": "say",
    "says": "say",
    "fired": "fire",
    "blew": "blow",
    "blown": "blow",
    "sold": "sell",
}
_EVENT_NOUNS = frozenset(
    [
        "attack",
        "attacks",
        "strike",
        "strikes",
        "invasion",
        "offensive",
        "assault",
        "raid",
        "raids",
        "shelling",
        "bombing",
        "victory",
        "defeat",
        "win",
        "accusation",
        "accusations",
        "sanctions",
        "fine",
    ]
)
_NOT_ACTOR = FUNCTION_WORDS | frozenset(WEEKDAYS) | frozenset(MONTHS) | frozenset(
    [
        "president",
        "minister",
        "prime",
        "governor",
        "spokesman",
        "chief",
        "general",
    ]
)


@dataclass(frozen=True)
class _Token:
    text: str
    key: str  # word key (pivots) or "" for punctuation
    actor: str  # "c:russia" / "n:erdogan" or ""
    seat: str = ""  # a capital as a place ("n:moscow"); as an actor it is its country


def _lemma(word: str) -> str:
    low = word.casefold()
    if low in _IRREGULAR:
        return _IRREGULAR[low]
    return word_key(re.sub(r"(?:ied|ed|ing|es|s)$", "", low) if len(low) > 5 else low)


@lru_cache(maxsize=1024)
def _tokens(sentence: str, known: frozenset[str]) -> tuple[_Token, ...]:
    """Tokenize and mark actors; ``known``: folds of words capitalized inside sentences."""
    raw = _TOKEN.findall(sentence)
    out = []
    for i, w in enumerate(raw):
        actor = seat = ""
        bare = re.sub(r"['’]s$", "", w)
        if w[:1].isupper() and bare.casefold() not in _NOT_ACTOR and len(w) > 1:
            country = country_of(bare) or seat_of(bare)
            if country:
                actor = "c:" + country
                seat = "" if country_of(bare) else "n:" + fold(bare)
            elif (
                (i > 0 and raw[i - 1] not in _OPENERS)
                or fold(bare) in known
                or (i + 1 < len(raw) and raw[i + 1][:1].isupper())
            ):
                actor = "n:" + fold(bare)
        out.append(_Token(w, _lemma(w) if w[:1].isalpha() else "", actor, seat))
    return tuple(_merge_phrases(out))


def _merge_phrases(tokens: list[_Token]) -> list[_Token]:
    """Give every word of a capitalized phrase one actor: its country, else its last word."""
    i = 0
    while i < len(tokens):
        if not tokens[i].actor:
            i += 1
            continue
        j = i
        while (
            j + 1 < len(tokens)
            and tokens[j + 1].actor
            and not tokens[j].text.endswith(("'s", "’s"))
        ):
            j += 1
        group = tokens[i : j + 1]
        country = next((t.actor for t in group if t.actor.startswith("c:")), None)
        named = [
            t.actor
            for t in group
            if re.sub(r"['’]s$", "", t.text).casefold() not in GENERIC_NAME_WORDS
        ]
        actor = country or (named[-1] if named else "")
        for k in range(i, j + 1):
            tokens[k] = _Token(tokens[k].text, tokens[k].key, actor, tokens[k].seat)
        i = j + 1
    return tokens


def _is_verb(tok: _Token, nxt: _Token | None) -> bool:
    low = tok.text.casefold()
    if low in _IRREGULAR or (low.endswith("ed") and len(low) > 4):
        return True
    return (
        low in _EVENT_NOUNS
        and nxt is not None
        and nxt.text.casefold() in ("on", "against", "by", "of")
    )


@dataclass(frozen=True)
class _Slots:
    """Actors by (predicate, role): agent, patient or place, for one sentence."""

    roles: dict[tuple[str, str], frozenset[str]]
    actors: frozenset[str]


def _clause(tokens: Sequence[_Token], i: int, step: int) -> list[int]:
    out = []
    j = i + step
    while 0 <= j < len(tokens) and tokens[j].text.casefold() not in _BOUNDARY:
        out.append(j)
        j += step
    return out


def _slots(tokens: Sequence[_Token], pivots: dict[str, int]) -> _Slots:
    roles: dict[tuple[str, str], frozenset[str]] = {}
    for key, i in pivots.items():
        before = _clause(tokens, i, -1)
        after = _clause(tokens, i, 1)
        if (
            not any(tokens[j].actor for j in before)
            and i > 0
            and tokens[i - 1 - len(before)].text.casefold() in ("and", "but", ",")
        ):
            # "Baku denied the claim and accused Yerevan": the subject is the sentence's first actor
            first = next((j for j in range(i) if tokens[j].actor), None)
            before = [first] if first is not None else []
        passive = any(tokens[j].text.casefold() in _AUX for j in before[:2])
        agent: set[str] = set()
        patient: set[str] = set()
        place: set[str] = set()
        for j, side in _sides(tokens, sorted(before) + after, set(after)):
            if side == "place":
                place.add(tokens[j].seat or tokens[j].actor)
            elif side == "by":
                agent.add(tokens[j].actor)
            elif side == "after":
                patient.add(tokens[j].actor)
            else:
                (patient if passive else agent).add(tokens[j].actor)
        symmetric = tokens[i].text.casefold() in _SYMMETRIC
        if not symmetric:
            roles[(key, "agent")] = frozenset(agent)
            roles[(key, "patient")] = frozenset(patient)
        roles[(key, "place")] = frozenset(place)
    return _Slots(roles, frozenset(t.actor for t in tokens if t.actor))


def _sides(tokens: Sequence[_Token], window: Sequence[int], after: set[int]):
    """Yield (index, side) for the actors of a clause: place (after "in", "near", "from"...),
    by (after "by"), after or before the predicate."""
    since_location = 99
    by = False
    for n, j in enumerate(window):
        if n and j in after and window[n - 1] not in after:
            since_location = 99  # the predicate lies between
        t = tokens[j]
        low = t.text.casefold()
        if t.actor:
            if since_location <= 2:
                yield j, "place"
            elif by and j in after:
                yield j, "by"
            else:
                yield j, "after" if j in after else "before"
            if not (j + 1 < len(tokens) and tokens[j + 1].actor):
                since_location = 99
            continue
        if low == "by" and j in after:
            by = True
        since_location = 0 if low in _LOCATION else since_location + 1


def _aliases(tokens: Sequence[_Token]) -> dict[str, str]:
    """Map a named person to the nationality written before the name ("Greek Prime Minister
    Kyriakos Mitsotakis": mitsotakis -> greece), so "the Greek prime minister" is him."""
    out: dict[str, str] = {}
    for i, t in enumerate(tokens):
        if not t.actor.startswith("n:") or (i and tokens[i - 1].actor == t.actor):
            continue
        for j in range(i - 1, max(-1, i - 5), -1):
            if tokens[j].text.casefold() in _BOUNDARY:
                break
            if tokens[j].actor.startswith("c:"):
                out.setdefault(t.actor, tokens[j].actor)
                break
    return out


def _two_sided(slots: _Slots, pivot: str) -> frozenset[str]:
    agent = slots.roles.get((pivot, "agent"), frozenset())
    patient = slots.roles.get((pivot, "patient"), frozenset())
    return agent & patient


def _same_actors(
    ours: Sequence[_Token], theirs: Sequence[_Token]
) -> tuple[tuple[_Token, ...], tuple[_Token, ...]]:
    """Rename the summary's named actors to the evidence's where they are one name in other
    spellings or forms (Marharyta / Margarita, Robin / Robin Mask, Bee / Bees)."""
    their_words: dict[str, list[str]] = {}
    for t in theirs:
        if t.actor.startswith("n:"):
            their_words.setdefault(t.actor, []).append(t.text)
    rename: dict[str, str] = {}
    for t in ours:
        if not t.actor.startswith("n:") or t.actor in their_words or t.actor in rename:
            continue
        for actor, words in their_words.items():
            if any(
                same_name(re.sub(r"['’]s$", "", t.text), re.sub(r"['’]s$", "", w)) for w in words
            ):
                rename[t.actor] = actor
                break
    if not rename:
        return tuple(ours), tuple(theirs)
    return tuple(_Token(t.text, t.key, rename.get(t.actor, t.actor), t.seat) for t in ours), tuple(
        theirs
    )


def _places(tokens: Sequence[_Token]) -> frozenset[str]:
    """Return the actors of a sentence that follow "in", "near", "at"... (its places)."""
    return frozenset(
        tokens[j].seat or tokens[j].actor
        for j, side in _sides(tokens, range(len(tokens)), set())
        if side == "place"
    )


def _pivots(
    summary: Sequence[_Token], evidence: Sequence[_Token]
) -> tuple[dict[str, int], dict[str, int]]:
    theirs: dict[str, int] = {}
    for j, t in enumerate(evidence):
        if (
            t.key
            and not t.actor
            and _is_verb(t, evidence[j + 1] if j + 1 < len(evidence) else None)
        ):
            theirs.setdefault(t.key, j)
    ours: dict[str, int] = {}
    for i, t in enumerate(summary):
        if (
            t.key in theirs
            and not t.actor
            and _is_verb(t, summary[i + 1] if i + 1 < len(summary) else None)
        ):
            ours.setdefault(t.key, i)
    return ours, {k: theirs[k] for k in ours}


def _name(actor: str) -> str:
    return actor.split(":", 1)[1]


def _directions(tokens: Sequence[_Token]) -> set[tuple[str, str]]:
    out = set()
    for i, t in enumerate(tokens):
        if t.text.casefold() == "from" and i + 1 < len(tokens) and tokens[i + 1].actor:
            j = i + 1
            while j < len(tokens) and tokens[j].actor == tokens[i + 1].actor:
                j += 1
            if j + 1 < len(tokens) and tokens[j].text.casefold() == "to" and tokens[j + 1].actor:
                out.add((tokens[i + 1].actor, tokens[j + 1].actor))
    return out


_COUNTED = re.compile(r"[^\W\d_]+")


def _counted(sentence: str) -> dict[str, float]:
    """Map the noun counted by each number to the number ("38 people", "29 others").

    The noun is the first content word within three words after the number (no other number
    between); a noun counted twice, clock times, percentages and years are left out.
    """
    seen: dict[str, list[float]] = {}
    for q in find_quantities(sentence):
        end = q.start + len(q.text)
        if (
            (1900 <= q.value <= 2100 and float(q.value).is_integer())
            or sentence[end : end + 1] in ":%"
            or sentence[max(0, q.start - 1) : q.start] == ":"
        ):
            continue
        right = re.split(r"\d|[,;:.()]", sentence[end:])[0]
        for w in _COUNTED.findall(right)[:3]:
            low = w.casefold()
            if low in FUNCTION_WORDS or low in ("were", "was", "per", "percent"):
                continue
            seen.setdefault(_lemma(w), []).append(q.value)
            break
    return {k: v[0] for k, v in seen.items() if len(set(v)) == 1}


def compare_with_evidence(summary: str, evidence: Sequence[str], source: str = "") -> list[Flag]:
    """Flag what ``summary`` (one sentence) swaps or changes against its ``evidence`` sentences
    (``source``: the whole text they come from, where a misplaced number may come from)."""
    joined = " ".join(evidence)
    known = frozenset(
        fold(re.sub(r"['’]s$", "", w)) for w in re.findall(r"(?<=[a-z,] )[A-Z][\w'’-]+", joined)
    )
    ours = _tokens(summary, known)
    flags: list[Flag] = []
    seen: set[str] = set()

    def flag(kind: str, detail: str) -> None:
        if detail not in seen:
            seen.add(detail)
            flags.append(Flag(kind, summary, detail))

    aliases = _aliases(_tokens(joined, known))
    evidence_tokens = [_same_actors(ours, _tokens(e, known)) for e in evidence]

    def expand(actors: frozenset[str]) -> frozenset[str]:
        return actors | {aliases[a] for a in actors if a in aliases}

    for e, (mine_tokens, theirs) in zip(evidence, evidence_tokens):
        mine, their_pivots = _pivots(mine_tokens, theirs)
        if mine:
            a, b = _slots(mine_tokens, mine), _slots(theirs, their_pivots)
            for slot, ours_set in a.roles.items():
                # an actor on both sides of one predicate in either sentence tells nothing
                pivot = slot[0]
                both = _two_sided(a, pivot) | _two_sided(b, pivot)
                ours_set = expand(ours_set - both)
                their_set = expand(b.roles.get(slot, frozenset()) - both)
                only_ours, only_theirs = ours_set - their_set, their_set - ours_set
                if not only_ours or not their_set:
                    continue
                role = slot[1]
                word = mine_tokens[mine[pivot]].text
                other_roles = expand(
                    frozenset().union(
                        *(v for k, v in b.roles.items() if k[0] == pivot and k != slot)
                    )
                )
                if only_ours & other_roles:
                    x = min(only_ours & other_roles)
                    flag(
                        "swapped-role",
                        f'the evidence gives {_name(x)} another role around "{word}": {e}',
                    )
                elif only_theirs and not only_ours & expand(b.actors):
                    flag(
                        "contradicts-evidence",
                        f"{', '.join(_name(x) for x in sorted(only_ours))} where the evidence has "
                        f'{", ".join(_name(x) for x in sorted(only_theirs))} '
                        f'({role} of "{word}"): {e}',
                    )
        for src, dst in _directions(ours):
            if (dst, src) in _directions(theirs) and (src, dst) not in _directions(theirs):
                flag(
                    "swapped-role",
                    f"from {_name(src)} to {_name(dst)}, the evidence the other way: {e}",
                )
    # places: one the best evidence sentence does not have, where it has another
    if evidence:  # the evidence sentence that shares most predicates (else the closest)
        shared = [len(_pivots(m, t)[0]) for m, t in evidence_tokens]
        k = shared.index(max(shared))
        chosen = evidence[k]
        ours, best = evidence_tokens[k]
        ours_places = _places(ours)
        new_places = ours_places - frozenset(t.seat or t.actor for t in best if t.actor)
        their_places = _places(best) - frozenset(t.seat or t.actor for t in ours if t.actor)
        if new_places and their_places:
            flag(
                "contradicts-evidence",
                f"in {', '.join(_name(x) for x in sorted(new_places))} where the evidence has "
                f"{', '.join(_name(x) for x in sorted(their_places))}: {chosen}",
            )
    # numbers with their words
    if evidence:
        mine_n, theirs_n = _counted(summary), {}
        for e in evidence:
            for k, v in _counted(e).items():
                theirs_n.setdefault(k, v)
        their_values = set(theirs_n.values())
        known_values = {q.value for q in find_quantities(source or joined)}
        for k, v in mine_n.items():
            if k in theirs_n and theirs_n[k] != v and v in known_values:
                # a number the source never gives is the numbers check's (changed-number)
                kind = "swapped-role" if v in their_values else "contradicts-evidence"
                w = _fmt(v)
                flag(kind, f'{w} with "{k}" where the evidence has {_fmt(theirs_n[k])}')
    return flags


def _fmt(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else f"{v:g}"


def contradiction_flags(source: str, summary: str, top: int = 3) -> list[Flag]:
    """Check every sentence of ``summary`` against its best evidence sentences in ``source``."""
    from ..ingest import split_sentences
    from .evidence import link_evidence

    sentences = [s.text for s in split_sentences(summary, "s")]
    source_sentences, postings = _source_index(source)
    if not sentences or not source_sentences:
        return []
    if postings:  # a long source: score each sentence against the sentences sharing its words
        links = []
        for sentence in sentences:
            ids = _candidates(sentence, postings)
            links += link_evidence([sentence], [(str(i), source_sentences[i]) for i in ids])
    else:
        links = link_evidence(sentences, [(str(i), t) for i, t in enumerate(source_sentences)])
    flags: list[Flag] = []
    for sentence, link in zip(sentences, links):
        if not link.supported:
            continue  # "unsupported" already says it; no evidence to contradict
        best = link.support[0][1]
        evidence = [
            source_sentences[int(i)] for i, score in link.support[:top] if score >= 0.5 * best
        ]
        flags += compare_with_evidence(sentence, evidence, source)
    return flags


CANDIDATES = 64
"""Source sentences scored as evidence of one summary sentence: those sharing most of its
content words (a long article has thousands of sentences; character n-grams of all of them
for every summary sentence cost seconds)."""


@lru_cache(maxsize=8)
def _source_index(source: str) -> tuple[tuple[str, ...], dict[str, tuple[int, ...]]]:
    """Return the source's sentences and, for each content word key, the sentences that hold it."""
    from ..ingest import split_sentences

    sentences = tuple(s.text for s in split_sentences(source, "e"))
    postings: dict[str, list[int]] = {}
    if len(sentences) <= CANDIDATES:
        return sentences, {}  # every sentence is a candidate
    for i, text in enumerate(sentences):
        for key in {word_key(w) for w in content_words(text)}:
            postings.setdefault(key, []).append(i)
    return sentences, {k: tuple(v) for k, v in postings.items()}


def _candidates(sentence: str, postings: dict[str, tuple[int, ...]]) -> list[int]:
    shared: dict[int, int] = {}
    for key in {word_key(w) for w in content_words(sentence)}:
        for i in postings.get(key, ()):
            shared[i] = shared.get(i, 0) + 1
    best = sorted(shared, key=lambda i: (-shared[i], i))[:CANDIDATES]
    return sorted(best) or [0]


# ------------------------------------------------------------------ scored by the model

SUPPORT_MARGIN = 0.5
"""Nats per token the evidence must add to a summary sentence's mean log-probability (a
pointwise mutual information): at or below it, the evidence does not explain the sentence.
Measured with Qwen2.5-Coder-1.5B (ct2 int8) on the 22 faithful summary sentences of
``tests/meaning_cases.py``, scored after their evidence passage and after an unrelated one:
gains 2.0-4.7 (median 2.9). Swapped sentences gain as much (1.5-4.8, median 3.0): the score
does not see swaps, which is why :func:`compare_with_evidence` reads the word order."""

SUPPORT_FLOOR = -4.0
"""Mean log-probability per token below which a sentence is unsupported whatever the margin
(the faithful sentences above: -2.0 to -0.5 given their evidence)."""


def unsupported_by_score(
    sentence: str,
    with_evidence: Sequence[float] | Any,
    without_evidence: Sequence[float] | Any | None = None,
    *,
    margin: float = SUPPORT_MARGIN,
    floor: float = SUPPORT_FLOOR,
) -> Flag | None:
    """Return an ``unsupported`` flag when the model's scores say the evidence does not back it.

    ``with_evidence`` are the token log-probabilities of ``sentence`` as the reply to a prompt
    holding its evidence sentences, ``without_evidence`` the same sentence scored after a prompt
    without them: the engine's ``score(prompts, replies)`` gives both as
    :class:`~toolkit.backends.base.TokenScores` (or pass their ``logprobs``). The evidence must
    raise the mean
    log-probability by more than ``margin`` nats per token, and the mean must stay above
    ``floor``.
    """
    with_evidence = getattr(with_evidence, "logprobs", with_evidence)
    without_evidence = getattr(without_evidence, "logprobs", without_evidence)
    if not with_evidence:
        return None
    mean = math.fsum(with_evidence) / len(with_evidence)
    if mean < floor:
        return Flag(
            "unsupported",
            sentence,
            f"the model finds it unlikely given its evidence ({mean:.2f} nats/token)",
        )
    if without_evidence:
        gain = mean - math.fsum(without_evidence) / len(without_evidence)
        if gain <= margin:
            return Flag(
                "unsupported",
                sentence,
                f"its evidence hardly makes it likelier to the model ({gain:+.2f} nats/token)",
            )
    return None
