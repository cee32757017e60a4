"""False flags of the meaning checks on real text (no model needed).

    python benchmarks/meaning_flags.py [--data ../shared/data/mt-eval] [--json out.json] [-v]

Two estimates of how often the meaning checks (``changed-time``, ``changed-role``,
``added-explanation``, ``lost-quote``, ``dropped-name``, ``dropped-date``) flag a rendering that
keeps the meaning:

1. **Perturbed real text.** Every human reference and one MT system of ``mt-eval`` (ja-en,
   uk-en, liv-en), cut into three-line paragraphs, checked against a copy rewritten by
   meaning-preserving edits a fluent rewrite makes: a leading adverbial moved to the end, a
   quotation moved to the front, quote style changed, "on Monday" -> "Monday", "Russia's X" ->
   "the Russian X", "Tanaka's car" -> "the car of Tanaka", "5 March" -> "March 5", "United
   States" -> "US" (and back), hyphens dropped, "do not" -> "don't", "said" -> "stated". Every
   flag is a false flag. Only paragraphs the edits changed count.
2. **The sample's rewrites.** The sample article's paragraphs against the ``edited`` and ``ref``
   versions in ``samples/versions/`` (aligned as ``compare --with`` aligns them). These are
   human rewrites, some of which really change meaning, so every flag is listed to be judged.
3. **Two MT systems of one source** (an upper bound): a good system's paragraphs checked
   against another's (uk-en Lan-Bridge / Online-B, ja-en Online-W / NT5). They are not
   renderings of each other: flags are real disagreements between the systems or false flags.
   The same for the summary check (``swapped-role``, ``contradicts-evidence``): each system
   sentence as a "summary" of the reference sentence of its segment.

It also times the checks (all six, every paragraph pair) to show they are cheap.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from toolkit.comparison import meaning

KINDS = ("changed-time", "changed-role", "added-explanation", "lost-quote", "dropped-name",
         "dropped-date")
SYSTEMS = {"ja-en": "NT5", "uk-en": "Online-B", "liv-en": "TartuNLP"}


def meaning_flags(original: str, text: str, article: str = "") -> list:
    """Every meaning check of ``text`` against ``original`` (what a rendering gets)."""
    return (meaning.time_flags(original, text) + meaning.role_flags(original, text, article)
            + meaning.explanation_flags(original, text, article) + meaning.quote_flags(original, text)
            + meaning.dropped_name_flags(original, text, article) + meaning.dropped_date_flags(original, text))


# ------------------------------------------------------------------ meaning-preserving edits
_SWAPS = [
    (r"\bUnited States\b", "US"), (r"\bthe US\b", "the United States"),
    (r"\bPrime Minister\b", "PM"), (r"\bUnited Nations\b", "UN"), (r"\bEuropean Union\b", "EU"),
    (r"\bdo not\b", "don't"), (r"\bdoes not\b", "doesn't"), (r"\bis not\b", "isn't"),
    (r"\bsaid\b", "stated"), (r"\bannounced\b", "said"),
    (r"\bon (Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b", r"\1"),
]


def perturb(text: str) -> str:
    """Rewrite ``text`` the way a faithful fluent rendering might, keeping its meaning."""
    out = []
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        s = sentence
        # a leading adverbial phrase moves to the end: "On Tuesday, X did Y." -> "X did Y on Tuesday."
        m = re.match(r"^((?:On|In|At|Last|This|Earlier|Later|Yesterday|Today)\b[^,\"“]{2,40}),\s+(.+?)([.!?])$", s)
        if m and m.group(2)[:1].isalpha():
            s = f"{m.group(2)[0].upper()}{m.group(2)[1:]} {m.group(1)[0].lower()}{m.group(1)[1:]}{m.group(3)}"
        # X said: "Q." -> "Q," X said.
        m = re.match(r'^(.{3,80}?) (said|says|told \w+|added|stated):? ["“](.+?)[.!?]?["”]$', s)
        if m:
            s = f'"{m.group(3)}," {m.group(1)[0].lower() if m.group(1).split()[0] in ("The", "A") else m.group(1)[0]}{m.group(1)[1:]} {m.group(2)}.'
        for pattern, repl in _SWAPS:
            s = re.sub(pattern, repl, s, count=1)
        s = s.replace("“", '"').replace("”", '"')
        s = re.sub(r"\b([A-Z][a-z]+)['’]s\s+(?=[a-z])", lambda mm: _demonym(mm.group(1)), s)
        # "the Japanese economy" stays; "Tanaka's car" -> "the car of Tanaka"
        s = re.sub(r"\b([A-Z][a-z]+)['’]s ([a-z]{3,})\b", r"the \2 of \1", s, count=1)
        # "5 March" <-> "March 5"
        s = re.sub(r"\b(\d{1,2}) (January|February|March|April|June|July|August|September|October|"
                   r"November|December)\b", r"\2 \1", s)
        s = re.sub(r"\b([a-z]+)-([a-z]+)\b", r"\1 \2", s, count=1)
        out.append(s)
    return " ".join(out)


_DEMONYMS = {"Russia": "Russian", "Ukraine": "Ukrainian", "Japan": "Japanese", "China": "Chinese",
             "Iran": "Iranian", "Azerbaijan": "Azerbaijani", "Latvia": "Latvian", "India": "Indian",
             "Germany": "German", "Poland": "Polish", "Turkey": "Turkish", "Israel": "Israeli"}


def _demonym(country: str) -> str:
    return f"the {_DEMONYMS[country]} " if country in _DEMONYMS else f"{country}'s "


def _paragraphs(lines: list[str], size: int = 3) -> list[str]:
    return [" ".join(lines[i : i + size]) for i in range(0, len(lines), size)]


def perturbed_estimate(data: Path, verbose: bool) -> dict:
    """Check every reference and one system's paragraphs against their perturbed copies."""
    result: dict = {}
    for pair, system in SYSTEMS.items():
        for name in ("ref", system):
            n = changed = 0
            flags: Counter[str] = Counter()
            examples = []
            for doc in sorted((data / pair).iterdir()):
                path = doc / ("ref.en.txt" if name == "ref" else f"hyp.{name}.en.txt")
                if not path.exists():
                    continue
                lines = [x.strip() for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
                for para in _paragraphs(lines):
                    n += 1
                    other = perturb(para)
                    if other == para:
                        continue
                    changed += 1
                    for f in meaning_flags(para, other, para):
                        flags[f.kind] += 1
                        if len(examples) < 30:
                            examples.append({"kind": f.kind, "text": f.text, "detail": f.detail,
                                             "original": para[:300], "version": other[:300]})
            result[f"{pair}/{name}"] = {"paragraphs": n, "changed": changed, "flags": dict(flags),
                                       "per_10": round(10 * sum(flags.values()) / max(changed, 1), 2),
                                       "examples": examples}
            if verbose:
                for e in examples:
                    print(f"  [{pair}/{name}] {e['kind']}: {e['text']!r} ({e['detail']})\n"
                          f"      O: {e['original'][:200]}\n      V: {e['version'][:200]}", file=sys.stderr)
    return result


def sample_estimate() -> dict:
    """Check the sample's paragraphs against the ``edited`` and ``ref`` versions."""
    from toolkit.api import load_article
    from toolkit.comparison.versions import align_version, load_version

    article = load_article(ROOT / "samples" / "caucasus-moscow-baku.txt")
    whole = "\n".join(p.text for p in article.paragraphs)
    out = {}
    for name in ("edited", "ref"):
        version = load_version(ROOT / "samples" / "versions" / f"caucasus-moscow-baku.{name}.txt")
        placed = align_version(article, version, None)
        pairs = [(p.text, placed[p.id].text) for p in article.paragraphs if placed[p.id].text]
        flags = []
        for original, text in pairs:
            for f in meaning_flags(original, text, whole):
                flags.append({"kind": f.kind, "text": f.text, "detail": f.detail})
        out[name] = {"paragraphs": len(pairs), "flags": flags}
    return out


CROSS = {"uk-en": ("Lan-Bridge", "Online-B"), "ja-en": ("Online-W", "NT5")}


def cross_system_estimate(data: Path) -> dict:
    """Meaning checks of one system's paragraphs against another's; summary checks per segment."""
    from toolkit.comparison.contradiction import compare_with_evidence

    out: dict = {}
    for pair, (a, b) in CROSS.items():
        n = 0
        flags: Counter[str] = Counter()
        for doc in sorted((data / pair).iterdir()):
            left = _paragraphs((doc / f"hyp.{a}.en.txt").read_text(encoding="utf-8").splitlines())
            right = _paragraphs((doc / f"hyp.{b}.en.txt").read_text(encoding="utf-8").splitlines())
            for x, y in zip(left, right):
                n += 1
                flags.update(f.kind for f in meaning_flags(x, y, x))
        out[f"meaning {pair} {a}->{b}"] = {"paragraphs": n, "flags": dict(flags),
                                           "per_10": round(10 * sum(flags.values()) / max(n, 1), 2)}
    for pair, system in SYSTEMS.items():
        n = 0
        flags = Counter()
        for doc in sorted((data / pair).iterdir()):
            ref = (doc / "ref.en.txt").read_text(encoding="utf-8").splitlines()
            hyp = (doc / f"hyp.{system}.en.txt").read_text(encoding="utf-8").splitlines()
            for r, h in zip(ref, hyp):
                if r.strip() and h.strip():
                    n += 1
                    flags.update(f.kind for f in compare_with_evidence(h, [r]))
        out[f"summary-roles {pair} {system}->ref"] = {
            "sentences": n, "flags": dict(flags), "per_10": round(10 * sum(flags.values()) / max(n, 1), 2)}
    return out


def timing(data: Path) -> dict:
    """Time the six checks over many paragraph pairs (the second run: caches cleared first)."""
    pairs = []
    for pair, system in SYSTEMS.items():
        for doc in sorted((data / pair).iterdir()):
            ref = doc / "ref.en.txt"
            hyp = doc / f"hyp.{system}.en.txt"
            if ref.exists() and hyp.exists():
                a = _paragraphs(ref.read_text(encoding="utf-8").splitlines())
                b = _paragraphs(hyp.read_text(encoding="utf-8").splitlines())
                pairs += list(zip(a, b))
    meaning_flags("Warm-up on Monday.", "Warm-up.")  # loads the country and place tables
    for fn in (meaning.find_times, meaning.find_roles, meaning.find_quotations, meaning.find_names,
               meaning.vocabulary, meaning.time_changes):
        fn.cache_clear()
    t0 = time.perf_counter()
    for a, b in pairs:
        meaning_flags(a, b, a)
    spent = time.perf_counter() - t0
    return {"pairs": len(pairs), "seconds": round(spent, 3),
            "ms_per_pair": round(1000 * spent / max(len(pairs), 1), 3)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "mt-eval")
    parser.add_argument("--json", type=Path)
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    result = {"sample": sample_estimate()}
    if args.data.exists():
        result["perturbed"] = perturbed_estimate(args.data, args.verbose)
        result["cross"] = cross_system_estimate(args.data)
        result["timing"] = timing(args.data)
    for name, r in result["sample"].items():
        print(f"sample vs {name}: {r['paragraphs']} paragraphs, {len(r['flags'])} flags")
        for f in r["flags"]:
            print(f"    {f['kind']}: {f['text']!r} ({f['detail']})")
    for name, r in result.get("perturbed", {}).items():
        print(f"perturbed {name}: {r['changed']} of {r['paragraphs']} paragraphs changed, "
              f"flags {r['flags']} ({r['per_10']} per 10)")
    for name, r in result.get("cross", {}).items():
        print(f"{name}: {r.get('paragraphs', r.get('sentences'))} checked, flags {r['flags']} "
              f"({r['per_10']} per 10)")
    if "timing" in result:
        t = result["timing"]
        print(f"timing: {t['pairs']} pairs in {t['seconds']} s ({t['ms_per_pair']} ms a pair)")
    if args.json:
        args.json.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
