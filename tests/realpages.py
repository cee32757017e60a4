"""Score ingest on the real-page corpus (tests/data/realpages/): title, sections, removed lines.

``python tests/realpages.py [--split holdout|tune|all] [-v]`` prints the scores; the tests use
:func:`score`. A page line counts as removed when no part of the article (title, section titles,
paragraphs) contains it; lines equal to the title are neither removed nor expected removed.
"""

from __future__ import annotations

import re
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

PAGES = Path(__file__).parent / "data" / "realpages"
EXPECTED = tomllib.loads((PAGES / "expected.toml").read_text(encoding="utf-8"))


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@dataclass
class PageScore:
    name: str
    title_ok: bool
    sections_ok: bool
    language_ok: bool
    removed: set[str]  # lines ingest removed
    expected: set[str]  # lines that should go
    got_title: str = ""
    got_sections: list[str] = field(default_factory=list)
    got_language: str | None = None


def score_page(name: str) -> PageScore:
    from toolkit.ingest import load_article

    want = EXPECTED[name]
    art = load_article(PAGES / name)
    title = _norm(art.title or "")
    kept = [_norm(s.title or "") for s in art.sections] + [_norm(p.text) for p in art.paragraphs]
    body = "\n".join(kept)
    lines = {_norm(x) for x in (PAGES / name).read_text(encoding="utf-8").split("\n")}
    lines = {x for x in lines if x and x != title and x != _norm(want["title"])}
    removed = {x for x in lines if x not in body}
    expected = {_norm(x) for x in want["removed"]} & lines
    sections = [s.title or "" for s in art.sections]
    language = getattr(art.metadata, "source_language", None)
    return PageScore(name, title == _norm(want["title"]), sections == want["sections"],
                     language == want["language"], removed, expected, title, sections, language)


def score(split: str = "all") -> dict:
    names = [n for n, w in EXPECTED.items() if split == "all" or w["split"] == split]
    pages = [score_page(n) for n in names]
    tp = sum(len(p.removed & p.expected) for p in pages)
    n_removed = sum(len(p.removed) for p in pages)
    n_expected = sum(len(p.expected) for p in pages)
    return {
        "pages": len(pages),
        "title": sum(p.title_ok for p in pages),
        "sections": sum(p.sections_ok for p in pages),
        "language": sum(p.language_ok for p in pages),
        "all_right": sum(p.title_ok and p.sections_ok and p.removed == p.expected for p in pages),
        "removed_precision": tp / n_removed if n_removed else 1.0,
        "removed_recall": tp / n_expected if n_expected else 1.0,
        "detail": pages,
    }


def main(argv: list[str]) -> None:
    split = argv[argv.index("--split") + 1] if "--split" in argv else "all"
    s = score(split)
    if "-v" in argv:
        for p in s["detail"]:
            if p.title_ok and p.sections_ok and p.removed == p.expected and p.language_ok:
                continue
            print(f"== {p.name}")
            if not p.title_ok:
                print(f"   title: {p.got_title!r} want {EXPECTED[p.name]['title']!r}")
            if not p.sections_ok:
                print(f"   sections: {p.got_sections} want {EXPECTED[p.name]['sections']}")
            if not p.language_ok:
                print(f"   language: {p.got_language} want {EXPECTED[p.name]['language']}")
            for x in sorted(p.removed - p.expected):
                print(f"   removed, should stay: {x[:90]}")
            for x in sorted(p.expected - p.removed):
                print(f"   kept, should go: {x[:90]}")
    print(f"split={split} pages={s['pages']} title={s['title']} sections={s['sections']} "
          f"language={s['language']} all-right={s['all_right']} "
          f"removed P={s['removed_precision']:.3f} R={s['removed_recall']:.3f}")


if __name__ == "__main__":
    main(sys.argv[1:])
