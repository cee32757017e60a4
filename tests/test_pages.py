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
from toolkit.render.html import render_html

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
    text = "\n".join(
        [art.title or "", *(s.title or "" for s in art.sections), *(p.text for p in art.paragraphs)]
    )
    for gone in want.get("absent", []):
        assert gone not in text, gone
    if "first" in want:
        assert art.paragraphs[0].text.startswith(want["first"])
    kinds = {r.kind for r in art.metadata.removed}
    assert set(want.get("removed", [])) <= kinds
    glued = [n for p in art.paragraphs for n in p.notes if n.kind == "glued-sentence"]
    assert len(glued) == want.get("glued", 0), glued
    assert all(
        r.reason
        for r in art.metadata.removed
        if r.kind
        not in {"invalid-bytes", "invalid-characters", "control-characters", "bidi-controls"}
    )


def test_pages_corpus_is_large_and_split():
    splits = [v["split"] for v in EXPECTED.values()]
    assert len(EXPECTED) >= 30 and splits.count("holdout") >= 5
    assert {p.name for p in PAGES.iterdir() if p.name != "expected.toml"} == set(EXPECTED)


def test_keep_boilerplate_keeps_and_flags_what_would_go():
    path = PAGES / "t02-live-blog.txt"
    art = load_article(path, keep_boilerplate=True)
    text = [p.text for p in art.paragraphs]
    assert "Share on Twitter" in text and "Update narration" in text
    assert art.metadata.removed == ()
    flagged = {p.text for p in art.paragraphs for n in p.notes if n.kind == "maybe-boilerplate"}
    assert {"Share on Twitter", "Update narration", "Latest news"} <= flagged


def test_low_confidence_boilerplate_is_kept_and_flagged():
    art = load_article(
        "A title for the story here\n\n"
        "The minister said on Monday that the new law would be sent to parliament.\n\n"
        "Officials in the provinces welcomed the decision, according to reports, "
        "and said that they would …\n\n"
        "Talks will continue next week in the capital with all the parties.\n\n"
        "Thanks for reading."
    )
    doubtful = {
        p.text: n.detail for p in art.paragraphs for n in p.notes if n.kind == "maybe-boilerplate"
    }
    assert set(doubtful) == {
        "Officials in the provinces welcomed the decision, according to "
        "reports, and said that they would …",
        "Thanks for reading.",
    }


def test_glued_sentences_are_split_flagged_and_kept_verbatim():
    import toolkit
    from toolkit.backends.embedder import FakeEmbedder
    from toolkit.backends.fake import FakeGenerator

    art = load_article(PAGES / "t08-glued.txt")
    para = art.paragraphs[0]
    assert "crisis management.County leaders" in para.text  # the text is not repaired
    assert [s.text for s in para.sentences][-1].startswith("County leaders said")
    result = toolkit.compare(art, generator=FakeGenerator(), embedder=FakeEmbedder())
    noise = result.sections[0].paragraphs[0].noise
    assert [(f.kind, f.text) for f in noise if f.kind == "glued-sentence"] == [
        ("glued-sentence", "management.County")
    ]
    d = result.to_dict()
    assert d["metadata"]["removed"] == [] and d["sections"][0]["paragraphs"][0]["notes"]
    html = render_html(result)
    assert "glued-sentence" in html


def test_reports_show_page_metadata_and_removed_box():
    import toolkit
    from toolkit.backends.embedder import FakeEmbedder
    from toolkit.backends.fake import FakeGenerator

    result = toolkit.compare(
        PAGES / "t10-html-nav-footer.html", generator=FakeGenerator(), embedder=FakeEmbedder()
    )
    meta = result.to_dict()["metadata"]
    assert (meta["site"], meta["published"], meta["author"]) == (
        "Tehran Daily",
        "2024-01-17",
        "Reza Karimi",
    )
    assert all(r["reason"] for r in meta["removed"])
    md = result.to_markdown()
    assert "Site: Tehran Daily · Published: 2024-01-17 · Author: Reza Karimi" in md
    assert "**Removed from the input (" in md
    html = render_html(result)
    assert "<b>Site:</b> Tehran Daily" in html and "Removed from the input (" in html
    assert "--keep-boilerplate" in html


def test_hostile_metadata_is_escaped_in_html():
    import toolkit
    from toolkit.backends.embedder import FakeEmbedder
    from toolkit.backends.fake import FakeGenerator

    page = (
        "<html><head><title>Good title &lt;script&gt;x()&lt;/script&gt; | Evil Site</title>"
        '<meta property="og:site_name" content="&lt;img src=x onerror=alert(1)&gt;">'
        "</head><body><h1>Good title</h1><p>The council met on Monday to discuss the budget "
        "for the next year and approved it.</p></body></html>"
    )
    result = toolkit.compare(page, generator=FakeGenerator(), embedder=FakeEmbedder())
    html = render_html(result)
    assert "<img src=x" not in html and "onerror=alert(1)" not in html.replace("&lt;", "")
