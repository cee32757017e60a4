"""The versions view of the HTML report, checked in headless Chromium."""

from __future__ import annotations

import html as html_lib
import re
from pathlib import Path

import pytest
from test_html import _open_in_chromium

import toolkit
from toolkit.backends.embedder import FakeEmbedder
from toolkit.render.html import render_html

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "caucasus-moscow-baku.txt"
V = ROOT / "samples" / "versions" / "caucasus-moscow-baku"


@pytest.fixture(scope="module")
def four():
    return toolkit.compare(SAMPLE, embedder=FakeEmbedder(), strategies="none", trials=500,
                           versions={"edited": f"{V}.edited.txt", "engine-b": f"{V}.engine-b.txt",
                                     "truncated": f"{V}.truncated.txt", "<b>x</b>": SAMPLE},
                           reference=f"{V}.ref.txt")


def test_four_versions_open_in_chromium_with_every_text_and_the_ranking(four):
    html = render_html(four)
    assert "&lt;b&gt;x&lt;/b&gt;" in html and "<b>x</b>" not in html  # a hostile version name
    assert html.count("<script") == 1  # the report's own (CSP-hashed) script, nothing else
    dom, console = _open_in_chromium(html)
    assert console == []
    body = dom.split("<body>", 1)[1]
    assert '<table class="pv-rank">' in body
    ranking = body.split('<table class="pv-rank">', 1)[1].split("</table>", 1)[0]
    assert len(re.findall(r"<tr>", ranking)) == 1 + 5  # header + article and four versions
    assert ranking.index("edited") < ranking.index("truncated")
    cells = re.findall(r'<td class="pv-v(\d) [^"]*" data-version="([^"]*)"[^>]*>', body)
    assert len(cells) == 22 * 6
    assert {name for _, name in cells} == {"article", "edited", "engine-b", "truncated",
                                           "&lt;b&gt;x&lt;/b&gt;", "reference"}
    # every version's text is on the page: each cell without its deletions is that version's text
    tds = re.findall(r'<td class="pv-v\d [^"]*" data-version="[^"]*"[^>]*>(.*?)</td>', body, re.DOTALL)
    expected = [c.text for p in four.versions.paragraphs for c in p.cells]
    assert len(tds) == len(expected)
    for td, want in zip(tds, expected):
        if not want:
            assert "nothing aligned here" in td
            continue
        shown = html_lib.unescape(re.sub(r"<[^>]+>", "", re.sub(r"<del>.*?</del>", "", td, flags=re.DOTALL)))
        assert " ".join(want.split()) in " ".join(shown.split())
    text = html_lib.unescape(re.sub(r"<[^>]+>", "", body))
    assert "Share this article" in text  # the boilerplate removed from "edited" is listed


def test_versions_can_be_hidden_without_script(four):
    html = render_html(four)
    for k in range(6):
        assert f'<input type="checkbox" id="pv-hide-{k}">' in html
        assert f".parallax-report:has(#pv-hide-{k}:checked) .pv-v{k}{{display:none}}" in html
    assert ".parallax-report .pv-scroll{overflow-x:auto" in html  # wide tables scroll
