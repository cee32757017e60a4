"""Real page shapes (tests/data/pages/): title, sections, paragraphs and metadata as expected.

The pages were written for these tests after kinds of problems seen on machine-translated news
sites: wire copy with datelines, live blogs, WordPress comment forms, related-link lists, share
bars, single-newline pages, HTML with navigation, footers and scripts. ``expected.toml`` says
what each must give; ``holdout`` pages were only checked once the classifier was done.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from toolkit.ingest import load_article

PAGES = Path(__file__).parent / "data" / "pages"
EXPECTED = tomllib.loads((PAGES / "expected.toml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(EXPECTED), ids=str)
def test_page_structure(name):
    want = EXPECTED[name]
    art = load_article(PAGES / name)
    assert art.title == want["title"]
    assert [s.title or "" for s in art.sections] == want["sections"]
    assert len(art.paragraphs) == want["paragraphs"], [p.text[:50] for p in art.paragraphs]
    for key, value in want.get("metadata", {}).items():
        got = getattr(art.metadata, key)
        if isinstance(value, list):
            assert list(got) == value, key
        elif value.endswith("*"):
            assert got is not None and got.startswith(value[:-1]), (key, got)
        else:
            assert got == value, key
    text = "\n".join([art.title or "", *(s.title or "" for s in art.sections),
                      *(p.text for p in art.paragraphs)])
    for gone in want.get("absent", []):
        assert gone not in text, gone
    kinds = {r.kind for r in art.metadata.removed}
    assert set(want.get("removed", [])) <= kinds
    glued = [n for p in art.paragraphs for n in p.notes if n.kind == "glued-sentence"]
    assert len(glued) == want.get("glued", 0), glued
    assert all(r.reason for r in art.metadata.removed if r.kind not in
               {"invalid-bytes", "invalid-characters", "control-characters", "bidi-controls"})


def test_pages_corpus_is_large_and_split():
    splits = [v["split"] for v in EXPECTED.values()]
    assert len(EXPECTED) >= 30 and splits.count("holdout") >= 5
    assert {p.name for p in PAGES.iterdir() if p.name != "expected.toml"} == set(EXPECTED)
