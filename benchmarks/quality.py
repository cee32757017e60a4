"""Measure what Parallax's renderings gain over the machine translation, against human references.

    python benchmarks/quality.py --json benchmarks/results-quality.json
    python benchmarks/quality.py --pairs liv-en --systems weakest --every 2   # a quick subset
    python benchmarks/quality.py --pairs liv-en --systems weakest --every 2 --groups 1 --source without

For every language pair of the data folder (``../shared/data/mt-eval``: WMT22 documents with the
source, one human reference and four MT systems; README there), for the weakest and a middle
system (by corpus chrF in ``stats.json``) taken as "the MT", and with and without the source
where the model can read it, every document is compared the way a user would
(``toolkit.compare(MT, segments="lines", reference=REF[, source=SRC])``); the segments of all
documents are then pooled and every rendering (each strategy and the suggestion) is scored
against the MT with sacreBLEU's paired tests, segment counts (better / worse / same by sentence
chrF, +-1) and the harms nobody was warned of (segments more than 5 chrF worse without a flag).

Summaries are extractive here (they are not what is measured). Each group of documents is
cached under ``--cache`` once computed, so an interrupted run resumes where it stopped (the
key holds the settings, the strategies, the toolkit version and the prompts they use).
The last line of stdout with ``--json`` is the results object; the Markdown table goes to
stderr.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "mt-eval"
READABLE = {"ja": "Japanese", "uk": "Ukrainian"}  # sources the default model can read
GROUP_SEGMENTS = 48  # documents are compared in groups of about this many lines


def systems_of(data: Path, pair: str, which: str) -> list[str]:
    """Return the systems named by ``which``: ``weakest``, ``middle``, ``all`` or a name list."""
    stats = json.loads((data / "stats.json").read_text(encoding="utf-8"))[pair]
    by_chrf = sorted(stats["chrF of each system against the reference"].items(), key=lambda kv: kv[1])
    names = [n for n, _ in by_chrf]
    out: list[str] = []
    for w in which.split(","):
        if w == "weakest":
            out.append(names[0])
        elif w == "middle":
            out.append(names[(len(names) - 1) // 2 + (len(names) > 2)])  # median, upper when even
        elif w == "all":
            out.extend(names)
        elif w in names:
            out.append(w)
        else:
            raise SystemExit(f"{pair}: no system {w!r} (have {', '.join(names)})")
    return list(dict.fromkeys(out))


def documents(data: Path, pair: str, system: str, every: int) -> list[dict]:
    src_lang = pair.split("-")[0]
    docs = sorted(p for p in (data / pair).iterdir() if p.is_dir())[::every]
    out = []
    for d in docs:
        read = lambda name: (d / name).read_text(encoding="utf-8").splitlines()  # noqa: E731
        out.append({"doc": d.name, "src": read(f"src.{src_lang}.txt"), "ref": read("ref.en.txt"),
                    "mt": read(f"hyp.{system}.en.txt")})
    return out


def groups(docs: list[dict], size: int = GROUP_SEGMENTS) -> list[list[dict]]:
    out: list[list[dict]] = [[]]
    for d in docs:
        if out[-1] and sum(len(x["mt"]) for x in out[-1]) + len(d["mt"]) > size:
            out.append([])
        out[-1].append(d)
    return [g for g in out if g]


def _key(*parts: object) -> str:
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()[:20]


def prompts_key(prompts, strategies, with_source: bool) -> str:
    """The prompts a run's output depends on: its strategies' tables and the scoring ones (a
    new table for another strategy leaves the cached groups valid)."""
    from toolkit.api import run_strategies
    from toolkit.core.config import Settings
    from toolkit.strategies import get_strategy

    names = run_strategies(Settings(strategies=tuple(strategies)), "source" if with_source else None)
    tables = sorted({get_strategy(s).table for s in names} | {"score.faithful", "score.source"})
    return _key([(t, prompts.templates.get(t), prompts.examples.get(t)) for t in tables])


def run_group(group: list[dict], settings, language: str | None, cache: Path, tag: str) -> dict:
    """Compare one group of documents (their lines joined); return the per-segment texts and flags."""
    import toolkit
    from toolkit.prompts import load_prompts

    mt = "\n".join(line for d in group for line in d["mt"])
    ref = "\n".join(line for d in group for line in d["ref"])
    src = "\n".join(line for d in group for line in d["src"]) if language else None
    key = _key(tag, mt, ref, src, language, repr(settings), toolkit.__version__,
               prompts_key(load_prompts(settings.prompts), settings.strategies, bool(language)))
    path = cache / f"{key}.json"
    if path.is_file():
        return json.loads(path.read_text(encoding="utf-8"))
    t0 = time.perf_counter()
    result = toolkit.compare(mt, settings, segments="lines", reference=ref, source=src,
                             source_language=language or "another language", trials=0, bootstrap=1)
    vc = result.versions
    names = [n for n in vc.candidates]
    rows = []
    for pv in vc.paragraphs:
        rows.append({n: {"text": pv.cell(n).text, "flags": [[f.kind, f.text] for f in pv.cell(n).flags]}
                     for n in names})
    out = {"names": names, "rows": rows, "seconds": time.perf_counter() - t0,
           "usage": dict(result.usage), "signature": result.signature.short()}
    cache.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".partial")
    tmp.write_text(json.dumps(out), encoding="utf-8")
    os.replace(tmp, path)
    return out


def score_set(name: str, done: list[dict], refs: list[str], bootstrap: int, trials: int) -> dict:
    """Pool the groups of one set and score every rendering against the MT ("article")."""
    from toolkit.comparison.gain import gain, is_harm, segment_changes
    from toolkit.comparison.significance import score_systems
    from toolkit.core.flags import Flag

    names = done[0]["names"]
    rows = [r for d in done for r in d["rows"]]
    segs = {n: [r[n]["text"] for r in rows] for n in names}
    flags = {n: [tuple(Flag(k, t) for k, t in r[n]["flags"]) for r in rows] for n in names}
    scores, tests, per_segment = score_systems([(n, segs[n]) for n in names], refs,
                                               bootstrap=bootstrap, trials=trials)
    corpus = {s.name: dict(s.scores) for s in scores}
    chrf = {n: [dict(x)["chrF"] for x in per_segment[n]] for n in names}
    ids = [f"{name}:{i}" for i in range(len(rows))]
    out: dict = {"segments": len(rows), "seconds": round(sum(d["seconds"] for d in done), 1),
                 "signature": done[0]["signature"], "versions": {}}
    unwarned: set[int] = set()  # segments where some shown rendering is harmed with no warning
    for n in names:
        entry: dict = {m: round(v, 2) for m, v in corpus[n].items()}
        if n != "article":
            changes = segment_changes(ids, segs[n], segs["article"], chrf[n], chrf["article"],
                                      flags[n])
            unwarned |= {i for i, c in enumerate(changes) if is_harm(c) and not c.warned}
            g = gain(n, "article", corpus[n], corpus["article"], changes)
            entry.update(
                delta={m: round(v, 2) for m, v in g.deltas},
                p={t.metric + ":" + t.method: round(t.p_value, 4) for t in tests if t.system == n},
                better=g.better, worse=g.worse, same=g.same,
                harmed=g.harmed, harmed_unflagged=g.harmed_unflagged,
                unchanged=sum(a == b for a, b in zip(segs[n], segs["article"])),
                worst=[{"segment": c.paragraph_id, "delta": round(c.delta, 1), "mt": c.baseline,
                        "text": c.text, "flags": [f.kind for f in c.flags]} for c in g.worst],
            )
        out["versions"][n] = entry
    out["segments_harmed_unflagged"] = len(unwarned)
    return out


def markdown(results: list[dict]) -> str:
    lines = ["| set | segs | MT chrF | rendering | chrF | delta | p (bs) | better / worse / same | >5 worse (unflagged) |",
             "|---|---|---|---|---|---|---|---|---|"]
    for r in results:
        mt = r["versions"]["article"]["chrF"]
        for n, v in r["versions"].items():
            if n == "article":
                continue
            p = v["p"].get("chrF:paired-bootstrap")
            lines.append(f"| {r['set']} | {r['segments']} | {mt:.1f} | {n} | {v['chrF']:.1f} | "
                         f"{v['delta']['chrF']:+.2f} | {p if p is not None else '-'} | "
                         f"{v['better']} / {v['worse']} / {v['same']} | {v['harmed']} ({v['harmed_unflagged']}) |")
        lines.append(f"| {r['set']} | {r['segments']} | | any shown rendering | | | | | "
                     f"unflagged in {r['segments_harmed_unflagged']} segments |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--pairs", default="ja-en,uk-en,liv-en")
    ap.add_argument("--systems", default="weakest,middle")
    ap.add_argument("--source", choices=("both", "with", "without"), default="both",
                    help="with the source where the model can read it (ja, uk), without, or both")
    ap.add_argument("--every", type=int, default=1, help="every K-th document (a quick subset)")
    ap.add_argument("--groups", type=int, default=0,
                    help="only the first N groups of documents of every set (0: all)")
    ap.add_argument("--config", default=None, help="profile (default: the default pack)")
    ap.add_argument("--strategies", default=None, help="override the profile's strategies")
    ap.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                    help="any other setting override (repeatable), e.g. --set batch_size=8")
    ap.add_argument("--cache", type=Path, default=ROOT / "benchmarks" / ".quality-cache")
    ap.add_argument("--bootstrap", type=int, default=1000)
    ap.add_argument("--trials", type=int, default=10000)
    ap.add_argument("--json", type=Path, default=None, help="also write the results here")
    args = ap.parse_args(argv)

    from toolkit.api import settings_for

    overrides = dict(kv.split("=", 1) for kv in args.set)
    overrides["summary_method"] = "extractive"
    if args.strategies:
        overrides["strategies"] = args.strategies
    settings = settings_for(args.config, **overrides)
    results = []
    for pair in args.pairs.split(","):
        lang = pair.split("-")[0]
        modes = [None]
        if lang in READABLE and args.source in ("both", "with"):
            modes = [READABLE[lang]] if args.source == "with" else [None, READABLE[lang]]
        for system in systems_of(args.data, pair, args.systems):
            chosen = groups(documents(args.data, pair, system, args.every))[:args.groups or None]
            docs = [d for g in chosen for d in g]
            for language in modes:
                name = f"{pair} {system}{' +source' if language else ''}"
                done = []
                for k, group in enumerate(chosen):
                    print(f"[{name}] group {k + 1}: {sum(len(d['mt']) for d in group)} segments",
                          file=sys.stderr, flush=True)
                    done.append(run_group(group, settings, language, args.cache, name))
                refs = [line for d in docs for line in d["ref"]]
                scored = score_set(name, done, refs, args.bootstrap, args.trials)
                results.append({"set": name, "pair": pair, "system": system,
                                "source": bool(language), **scored})
                print(markdown(results[-1:]), file=sys.stderr, flush=True)
    out = {"data": str(args.data), "every": args.every, "groups": args.groups,
           "settings": repr(settings), "results": results}
    print(markdown(results), file=sys.stderr)
    if args.json:
        args.json.write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(out, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
