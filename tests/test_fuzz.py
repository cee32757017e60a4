"""Fuzzing (issue 23): machine-made text, Markdown and HTML through ingest, every check and every
renderer. Never a traceback: an article and its reports, or a one-line error.

The inputs: mixed scripts and bidi marks, control characters, lone surrogates in the decoded
text, deep nesting, giant attributes, unclosed tags, entities, and 100,000 one-character lines.
CI runs a short, fixed (derandomized) run; the long run is ``benchmarks/fuzz.py`` (README:
"Reliability"), which sets the two variables read here::

    PARALLAX_FUZZ_EXAMPLES=10000 PARALLAX_FUZZ_SEED=1 python -m pytest tests/test_fuzz.py
"""

from __future__ import annotations

import json
import os
import re

import pytest
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from toolkit import compare, retranslate, summarize
from toolkit.backends.embedder import FakeEmbedder
from toolkit.backends.fake import FakeGenerator
from toolkit.qa.registry import CHECKS, TARGETS, ArticleView, CheckContext
from toolkit.core.document import Article
from toolkit.core.errors import InputError, ParallaxError
from toolkit.core.flags import FLAG_KINDS
from toolkit.qa.glossary import Glossary, Term
from toolkit.ingest import decode, detect_format, parse_text
from toolkit.render.index import (
    ErrorRow,
    render_errors_csv,
    render_index,
    render_results_csv,
    row_from_report,
)
from toolkit.render.registry import RENDERERS

EXAMPLES = int(os.environ.get("PARALLAX_FUZZ_EXAMPLES", "30"))
SEED = os.environ.get("PARALLAX_FUZZ_SEED")


def fuzz(cost: int = 1):
    """Hypothesis settings: ``EXAMPLES`` examples (``// cost`` in the short run), derandomized unless
    a seed is given (the long run)."""
    def wrap(test):
        n = EXAMPLES if SEED is not None else max(5, EXAMPLES // cost)
        test = settings(max_examples=n, derandomize=SEED is None, deadline=None,
                        database=None, suppress_health_check=list(HealthCheck))(test)
        return seed(int(SEED))(test) if SEED is not None else test
    return wrap


# ------------------------------------------------------------------ what the inputs are made of
SCRIPTS = [
    "The minister said on Monday that talks with Baku would continue.", "Mr. Aliyev", "U.S.", "No. 5",
    "روابط مسکو و باکو", "بین‌الملل", "۱۴۰۳", "٣٨", "中国外交部发言人", "Москва", "שלום", "नमस्ते",
    "«", "»", "“", "”", "😀", "e\u0301", "ﷺ", "ﻻ", "Ambrair ۱۰۰ »Airlines",
]
ODD = [
    "\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069",
    "\u200b", "\u200c", "\u200d", "\ufeff", "\u00a0", "\u2028", "\u2029", "\x85", "\x00", "\x07", "\x1b[31m",
    "\x7f", "\x9b", "\r", "\r\n", "\t", "\ud800", "\udfff", "\udc80", "\ufffd", "\uffff", "\U0010ffff",
]
ANY_CHAR = st.characters(exclude_categories=())  # lone surrogates and control characters included
WORD = st.one_of(st.sampled_from(SCRIPTS), st.sampled_from(ODD), st.text(ANY_CHAR, min_size=1, max_size=6),
                 st.from_regex(r"[A-Za-z]{2,9}", fullmatch=True), st.integers(0, 10**6).map(str))
SENTENCE = st.lists(WORD, min_size=1, max_size=14).map(" ".join).map(lambda s: s + ".")
PARAGRAPH = st.lists(SENTENCE, min_size=1, max_size=4).map(" ".join)


@st.composite
def text_docs(draw) -> str:
    blocks = draw(st.lists(st.one_of(PARAGRAPH, WORD), min_size=1, max_size=8))
    sep = draw(st.sampled_from(["\n\n", "\n", "\r\n\r\n", "\n\n\n", "\u2029"]))
    return sep.join(blocks)


def _markdown_block(draw, kind: str) -> str:
    if kind == "h":
        return "#" * draw(st.integers(1, 7)) + " " + draw(WORD)
    if kind == "list":
        marks = st.sampled_from(["-", "*", "+", "1.", "2)"])
        return "\n".join(f"{draw(marks)} {draw(SENTENCE)}" for _ in range(draw(st.integers(1, 4))))
    if kind == "table":
        return f"| {draw(WORD)} | {draw(WORD)} |\n|---|---|\n| {draw(WORD)} | {draw(WORD)} |"
    if kind == "setext":
        return draw(WORD) + "\n" + "=" * draw(st.integers(1, 5))
    if kind == "rule":
        return "---"
    text = draw(PARAGRAPH)
    if kind == "quote":
        return "> " + text.replace("\n", "\n> ")
    if kind == "code":
        return "```\n" + text + "\n```"
    if kind == "link":
        return f"[{draw(WORD)}]({draw(WORD)}) ![{draw(WORD)}](javascript:alert(1)) {text}"
    if kind == "html":
        return f'<div onclick="x">{text}</div><script>alert(1)</script>'
    return text


@st.composite
def markdown_docs(draw) -> str:
    kinds = st.sampled_from(["h", "p", "list", "quote", "code", "table", "link", "setext", "rule", "html"])
    return "\n\n".join(_markdown_block(draw, draw(kinds)) for _ in range(draw(st.integers(1, 8))))


TAGS = ["div", "p", "span", "b", "i", "a", "h1", "h2", "h3", "ul", "ol", "li", "table", "tr", "td", "blockquote",
        "pre", "article", "main", "section", "header", "footer", "nav", "aside", "script", "style", "svg", "math",
        "template", "iframe", "noscript", "textarea", "title", "select", "figure", "figcaption", "br", "img", "x-y"]
ENTITIES = ["&amp;", "&lt;", "&#0;", "&#xD800;", "&#x202E;", "&nbsp;", "&#1114112;", "&bogus;", "&", "&#x;"]


@st.composite
def _element(draw, children) -> str:
    kids = draw(st.lists(children, min_size=1, max_size=4))
    tag = draw(st.sampled_from(TAGS))
    value = st.one_of(WORD, WORD, WORD, WORD, st.just("x" * 100_000), st.just("rtl"))  # a giant one at times
    attrs = "".join(
        f' {draw(st.sampled_from(["class", "id", "href", "onerror", "style", "data-x", "lang", "dir"]))}='
        f'"{draw(value)}"' for _ in range(draw(st.integers(0, 2))))
    close = draw(st.sampled_from([f"</{tag}>", f"</{tag}>", f"</{tag}>", "", "</div>"]))  # unclosed at times
    return f"<{tag}{attrs}>" + "".join(kids) + close


@st.composite
def html_docs(draw) -> str:
    leaf = st.one_of(PARAGRAPH, WORD, st.sampled_from(ENTITIES), st.just("<!-- a comment -->"),
                     st.just("<![CDATA[x]]>"))
    tree = draw(st.recursive(leaf, _element, max_leaves=20))
    depth = draw(st.sampled_from([0, 0, 0, 50, 700, 3000]))  # deep nesting, now and then
    nested = "<div>" * depth + tree + "</div>" * draw(st.sampled_from([depth, 0]))
    head = draw(st.sampled_from(["", "<!DOCTYPE html>", "<!doctype html><html><head><title>"
                                 + draw(WORD) + "</title></head><body>"]))
    return head + nested + draw(PARAGRAPH)


DOCS = st.one_of(text_docs().map(lambda t: (t, "txt")), markdown_docs().map(lambda t: (t, "md")),
                 html_docs().map(lambda t: (t, "html")))


def _one_line(exc: BaseException) -> None:
    assert isinstance(exc, ParallaxError), repr(exc)
    assert str(exc) and "\n" not in str(exc) and len(str(exc)) < 500, str(exc)


def _parse(text: str, fmt: str) -> Article | None:
    try:
        article = parse_text(text, fmt)
    except InputError as exc:
        _one_line(exc)
        return None
    assert article.paragraphs
    for p in article.paragraphs:
        assert p.text == p.text.strip() and p.text
        assert not re.search(r"[\ud800-\udfff]", p.text)  # lone surrogates never reach an article
    return article


# ------------------------------------------------------------------ ingest
@fuzz()
@given(DOCS, st.sampled_from(["utf-8", "utf-16", "cp1256", "latin-1", "utf-8-sig"]))
def test_ingest_any_document_from_text_or_bytes(doc, encoding):
    text, fmt = doc
    _parse(text, fmt)
    data = text.encode(encoding, "surrogatepass" if encoding.startswith("utf-8") else "replace")
    try:
        decoded, _ = decode(data)
    except InputError as exc:
        _one_line(exc)
        return
    _parse(decoded, detect_format(decoded, f".{fmt}"))


@pytest.mark.parametrize("fmt", ["txt", "md", "html"])
def test_100k_one_character_lines(fmt, tmp_path):
    from typer.testing import CliRunner

    from toolkit.cli import app

    lines = "\n".join("abcdefghij"[i % 10] for i in range(100_000))
    path = tmp_path / f"lines.{fmt}"
    path.write_text(lines if fmt != "html" else "<p>" + lines.replace("\n", "</p>\n<p>") + "</p>",
                    encoding="utf-8")
    r = CliRunner().invoke(app, ["compare", str(path), "--backend", "fake", "--embedder", "fake", "-f", "json"])
    assert r.exit_code == 2 and r.stdout == ""
    (line,) = r.stderr.splitlines()
    assert line == f"parallax: error: {path}: 100000 paragraphs; the limit is 20000 (is it one article? split it)"


# ------------------------------------------------------------------ every check
@fuzz()
@given(PARAGRAPH, st.one_of(PARAGRAPH, st.sampled_from(["", " ", "\x00"])), st.one_of(st.none(), PARAGRAPH),
       st.sampled_from(["generated", "given", "summary", "original"]), st.booleans())
def test_every_check_on_any_texts(original, version, source, kind, with_glossary):
    glossary = Glossary((Term("Ambrair", "Embraer"), Term("Grozen", "Grozny"), Term("AZAL", "AZAL")), "g", "0") \
        if with_glossary else None
    ctx = CheckContext(source=source, article=original + "\n\n" + version, version="post-edit", kind=kind,
                       glossary=glossary)
    for check in CHECKS.values():
        assert check.target in TARGETS
        if check.target == "article":  # the whole article at once: here one paragraph
            view = ArticleView(("p1",), (original,), (("post-edit", (version,)),), (source,))
            found = check.run(view, ctx)
            assert isinstance(found, tuple | list)
            flags = [a.flag for a in found]
        else:
            flags = check.run(original, version if check.target != "original" else original, ctx)
        assert isinstance(flags, tuple | list)
        for flag in flags:
            assert flag.kind in FLAG_KINDS and flag.kind in check.kinds, (check.name, flag)
            assert isinstance(flag.text, str) and isinstance(flag.detail, str)


# ------------------------------------------------------------------ every renderer
def _replies(draw_texts: list[str]) -> FakeGenerator:
    """A fake model that answers, in turn, with fuzzed text and with its usual crude rewrite."""
    gen = FakeGenerator()
    gen.enqueue(*draw_texts)
    return gen


def _scripts(html: str) -> int:
    return html.lower().count("<script")


@pytest.fixture(scope="module")
def own_scripts() -> dict[str, int]:
    """How many <script> elements the report and the index carry themselves (their sortable tables)."""
    text = "Talks\n\nThe minister said on Monday that talks with Baku would continue."
    result = compare(text, generator=FakeGenerator(), embedder=FakeEmbedder())
    row = row_from_report("a.txt", json.loads(result.render("json")))
    return {"report": _scripts(result.render("html")), "index": _scripts(render_index([row], []))}


def _render_all(result, task: str, own_scripts: dict[str, int]) -> None:
    for name, renderer in RENDERERS.items():
        if task not in renderer.tasks:
            continue
        out = result.render(name)
        assert isinstance(out, str) and out
        if name == "json":
            json.loads(out)
        if name == "html":  # article and model text is escaped: no script but the report's own
            assert _scripts(out) == own_scripts["report"] and "alert(1)</script>" not in out


@fuzz(cost=3)
@given(DOCS, st.lists(st.one_of(PARAGRAPH, WORD, st.sampled_from(["", "\x00", "<script>alert(1)</script>"])),
                      max_size=6))
def test_compare_summarize_retranslate_and_every_renderer(own_scripts, doc, replies):
    text, fmt = doc
    article = _parse(text, fmt)
    if article is None:
        return
    try:
        result = compare(article, generator=_replies(replies), embedder=FakeEmbedder())
    except ParallaxError as exc:
        _one_line(exc)
        return
    _render_all(result, "compare", own_scripts)
    report = json.loads(result.render("json"))
    row = row_from_report("a/b.txt", report, report_href="a/b.txt.html", data_href="a/b.txt.json")
    index = render_index([row], [ErrorRow(text[:80], text[:200], "input")], title=text[:40])
    assert _scripts(index) == own_scripts["index"]
    render_results_csv([row])
    render_errors_csv([ErrorRow(text[:80], text[:200], "input")])
    for task, run in (("summarize", summarize), ("retranslate", retranslate)):
        try:
            other = run(article, generator=_replies(replies), embedder=FakeEmbedder()) if task == "summarize" \
                else run(article, generator=_replies(replies))
        except ParallaxError as exc:
            _one_line(exc)
            continue
        _render_all(other, task, own_scripts)
