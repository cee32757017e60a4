"""Time HTML ingest of large news pages: the code before issue 24 against today's, in one run.

    python benchmarks/html_ingest.py [--repeat 5] [--page FILE.html] [--json] [--write-pages DIR]

Two pages of about 183-204 KB are built here, deterministically (``--page`` times a real one):

- ``news-article``: a big news site's article page. A head with dozens of meta/link tags, inline
  CSS, configuration and analytics scripts and a JSON-LD ``NewsArticle`` that repeats the body;
  an SVG icon sprite, a mega-menu of ~200 links, a breaking-news ticker, the article (the
  sample's machine-translated text, with title, byline, time, figure, sub-headings, nested
  wrappers), share bars, tags, three related-news blocks of teasers, 40 reader comments, a
  most-read sidebar, a footer of link columns, the page state as JSON and the page's scripts.
- ``live-blog``: a minute-by-minute page, 260 look-alike entries (time, heading, one or two
  paragraphs, share bar) in the same chrome: mostly text blocks.

"before" is the ingest path as it was before issue 24: trafilatura's metadata pass over the
whole page, and trafilatura's extraction with its fallback extractors (readability, jusText);
"after" is ``load_article`` as it is (metadata from the head, JSON-LD and marked elements;
trafilatura without fallbacks; the entries of a series kept when it took one of them). Both run
in this process, alternately, on the same page, so the load of the shared machine falls on
both alike; the result is the ratio of their medians. Main content must not suffer: the script
compares the paragraphs each path keeps and exits 1 if they differ.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import random
import statistics
import sys
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "caucasus-moscow-baku.txt"
SECTIONS = ["World", "Middle East", "Asia", "Europe", "Africa", "Americas", "Politics", "Economy",
            "Energy", "Sport", "Culture", "Science", "Opinion", "Video"]
HEADLINES = [
    "Parliament approves the budget after a long session", "Talks on the water file resume",
    "Premier chairs the executive meeting on employment", "Governor resigns in the northern region",
    "Rains flood the old city and cut two roads", "Minister meets envoys of neighbouring countries",
    "Central bank keeps the interest rate unchanged", "Oil exports rise for the third month",
    "Court postpones the hearing of the former mayor", "New metro line opens in the capital",
    "Football federation names a new coach", "Museum returns ancient tablets to their owners",
    "Wheat harvest expected to exceed last year's", "Fire destroys a market in the old quarter",
    "Delegation arrives for talks on border crossings", "Prices of building materials climb again",
]
WORDS = ["the", "of", "and", "to", "in", "a", "said", "that", "on", "for", "with", "was", "as", "by", "his", "at", "from", "it", "an", "be", "have", "has", "government", "minister", "country", "region", "people", "year", "week", "city", "council", "talks", "security", "agreement", "economic", "new", "first", "two", "three", "official", "report", "sources", "press", "meeting"]


def _sentence(rng: random.Random, n: int) -> str:
    ws = [rng.choice(WORDS) for _ in range(n)]
    return ws[0].capitalize() + " " + " ".join(ws[1:]) + "."


def build_page(seed: int = 24) -> str:
    """Return a large news page (about 183 KB) around the sample article, the same every time."""
    rng = random.Random(seed)
    blocks = [b.strip() for b in SAMPLE.read_text(encoding="utf-8").split("\n\n") if b.strip()]
    title, body = blocks[0], blocks[1:]
    esc = html.escape
    out: list[str] = ['<!DOCTYPE html>\n<html lang="en" dir="ltr">\n<head>\n<meta charset="utf-8">']
    out.append(f"<title>{esc(title)} - Caspian Daily News</title>")
    for i in range(30):
        out.append(f'<meta name="x-meta-{i}" content="{esc(rng.choice(HEADLINES))}">')
    out.append(f'<meta property="og:title" content="{esc(title)}">')
    out.append('<meta property="og:site_name" content="Caspian Daily News">')
    out.append('<meta property="article:published_time" content="2025-09-14T10:30:00+03:30">')
    for size in (16, 32, 57, 60, 72, 76, 114, 120, 144, 152, 180, 192):
        out.append(f'<link rel="icon" sizes="{size}x{size}" href="/static/icons/icon-{size}.png">')
    css = "".join(f".c{i}{{margin:{i % 7}px;padding:{i % 5}px;color:#{i * 9973 % 0xFFFFFF:06x}}}"
                  for i in range(600))
    out.append(f"<style>{css}</style>")
    config = {"site": "caspian", "sections": SECTIONS, "ads": [
        {"slot": f"slot-{i}", "sizes": [[300, 250], [728, 90]], "targeting": {"k": HEADLINES[i % 16]}}
        for i in range(60)]}
    out.append(f"<script>window.__CONFIG__ = {json.dumps(config)};</script>")
    article_body = " ".join(body)
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": title,
          "datePublished": "2025-09-14T10:30:00+03:30", "author": {"@type": "Person",
          "name": "Reza Karimi"}, "publisher": {"@type": "Organization",
          "name": "Caspian Daily News"}, "articleBody": article_body}
    out.append(f'<script type="application/ld+json">{json.dumps(ld)}</script>')
    out.append("</head>\n<body class=\"article-page\">")
    icons = "".join(f'<symbol id="i{i}" viewBox="0 0 24 24"><path d="' + " ".join(
        f"M{rng.randrange(24)} {rng.randrange(24)}L{rng.randrange(24)} {rng.randrange(24)}"
        for _ in range(12)) + '"/></symbol>' for i in range(40))
    out.append(f'<svg style="display:none" xmlns="http://www.w3.org/2000/svg">{icons}</svg>')
    # mega-menu: every section with its sub-sections and latest headlines
    out.append('<header class="site-header"><div class="logo"><a href="/">Caspian Daily News</a>'
               '</div><nav class="mega-menu"><ul>')
    for s in SECTIONS:
        items = "".join(f'<li><a href="/{s.lower()}/{j}">{esc(rng.choice(HEADLINES))}</a></li>'
                        for j in range(14))
        out.append(f'<li class="menu-item"><a href="/{s.lower()}">{s}</a><ul class="sub">{items}'
                   "</ul></li>")
    out.append("</ul></nav></header>")
    ticker = "".join(f'<li><a href="/breaking/{i}">{esc(rng.choice(HEADLINES))}</a></li>'
                     for i in range(12))
    out.append(f'<div class="ticker"><span>Breaking</span><ul>{ticker}</ul></div>')
    # the article
    out.append('<main><div class="breadcrumb"><a href="/">Home</a> &gt; <a href="/world">World'
               "</a> &gt; <span>Asia</span></div><article class=\"story\">")
    out.append(f'<h1 class="story-title">{esc(title)}</h1>')
    out.append('<div class="byline">By <a rel="author" href="/author/reza">Reza Karimi</a> '
               '<time datetime="2025-09-14T10:30:00+03:30">September 14, 2025</time></div>')
    out.append('<figure><img src="/img/lead.jpg" alt="Delegations at the talks"><figcaption>'
               "Delegations at the talks (file photo)</figcaption></figure>")
    out.append('<div class="story-body">')
    for k, b in enumerate(body):
        if len(b.split()) <= 15 and not b.endswith("."):
            out.append(f"<h2>{esc(b)}</h2>")
        else:
            out.append(f'<div class="row"><div class="col-12"><div class="text-block">'
                       f'<p class="c{k}">{esc(b)}</p></div></div></div>')
        if k == 4:
            out.append('<div class="inline-related"><strong>Read also:</strong> <a href="/x/1">'
                       f"{esc(rng.choice(HEADLINES))}</a></div>")
            out.append('<div class="ad" id="ad-inline"><script>loadAd("inline")</script></div>')
    out.append("</div>")
    out.append('<div class="share"><a href="#">Facebook</a> <a href="#">Twitter</a> '
               '<a href="#">WhatsApp</a> <a href="#">Telegram</a> <a href="#">Print</a></div>')
    tags = "".join(f'<a rel="tag" href="/tag/{t}">{t}</a> ' for t in
                   ("Azerbaijan", "Russia", "Caucasus", "Baku", "Moscow"))
    out.append(f'<div class="tags">Tags: {tags}</div></article>')
    # related news: three blocks of teasers with images
    for block in ("Related news", "More from World", "Editor's picks"):
        out.append(f'<section class="related"><h2>{block}</h2><ul>')
        for i in range(10):
            h = rng.choice(HEADLINES)
            out.append(f'<li class="teaser"><a href="/news/{rng.randrange(10**6)}">'
                       f'<img src="/img/t{i}.jpg" alt="{esc(h)}"><h3>{esc(h)}</h3></a>'
                       f"<p>{esc(_sentence(rng, 22))[:-1]}...</p><span class=\"date\">"
                       f"{rng.randrange(1, 28)} September 2025</span></li>")
        out.append("</ul></section>")
    # reader comments
    out.append('<section id="comments"><h2>Comments (40)</h2><ol class="comment-list">')
    for i in range(40):
        text = " ".join(_sentence(rng, rng.randrange(8, 30)) for _ in range(rng.randrange(1, 4)))
        out.append(f'<li class="comment"><div class="comment-author">Reader {i}</div>'
                   f'<div class="comment-date">{rng.randrange(1, 28)} September 2025</div>'
                   f'<div class="comment-text"><p>{esc(text)}</p></div><a class="reply" '
                   'href="#reply">Reply</a></li>')
    out.append('</ol><form><textarea name="c"></textarea><button>Send</button></form></section>')
    out.append("</main>")
    # sidebar: most read
    out.append('<aside class="sidebar"><h2>Most read</h2><ol>')
    for i in range(15):
        out.append(f'<li><a href="/m/{i}">{esc(rng.choice(HEADLINES))}</a></li>')
    out.append("</ol></aside>")
    # footer: columns of links
    out.append('<footer class="site-footer">')
    for s in SECTIONS:
        links = "".join(f'<li><a href="/{s.lower()}/f{j}">{s} {j}</a></li>' for j in range(12))
        out.append(f'<div class="col"><h4>{s}</h4><ul>{links}</ul></div>')
    out.append("<p>© 2025 Caspian Daily News. All rights reserved.</p></footer>")
    state = {"props": {"article": {"title": title, "body": body}, "related": [
        {"id": rng.randrange(10**6), "title": rng.choice(HEADLINES), "summary": _sentence(rng, 30),
         "image": {"src": f"/img/{i}.jpg", "alt": rng.choice(HEADLINES)}} for i in range(60)]}}
    out.append('<script id="__NEXT_DATA__" type="application/json">'
               f"{html.escape(json.dumps(state), quote=False)}</script>")
    js = "".join(f"function f{i}(a,b){{return a*{i}+b-{i % 13};}}\n" for i in range(900))
    out.append(f"<script>{js}</script>\n</body>\n</html>\n")
    return "\n".join(out)


def build_live_page(seed: int = 24, entries: int = 260) -> str:
    """Return a long live blog (about 183 KB): the news page's chrome around many short entries.

    Each entry has a time, a heading, one or two paragraphs (sentences of the sample) and a share
    bar: the page is mostly text blocks, the other shape of a large news page.
    """
    rng = random.Random(seed)
    sentences = [s.strip() + "." for b in SAMPLE.read_text(encoding="utf-8").split("\n\n")
                 for s in b.split(". ") if len(s.split()) > 6]
    esc = html.escape
    title = "Live: talks between Moscow and Baku, minute by minute"
    menu = "".join(f'<li><a href="/{s.lower()}">{s}</a></li>' for s in SECTIONS)
    out = ['<!DOCTYPE html>\n<html lang="en">\n<head><meta charset="utf-8">',
           f"<title>{title} - Caspian Daily News</title>",
           '<meta property="og:site_name" content="Caspian Daily News">',
           f'</head><body><nav class="menu"><ul>{menu}</ul></nav>',
           f'<main><article class="live"><h1>{title}</h1>']
    for i in range(entries):
        hour, minute = divmod(9 * 60 + 1439 - i * 5, 60)
        paras = "".join(f"<p>{esc(' '.join(rng.sample(sentences, 2)))}</p>"
                        for _ in range(rng.randrange(1, 3)))
        out.append(f'<div class="entry" id="e{i}"><time>{hour % 24:02d}:{minute:02d}</time>'
                   f"<h3>{esc(rng.choice(HEADLINES))}</h3>{paras}"
                   '<div class="share"><a href="#">Share</a> <a href="#">Copy link</a></div></div>')
    out.append("</article></main><footer><p>© 2025 Caspian Daily News</p></footer></body></html>")
    return "\n".join(out)


@contextmanager
def before_issue_24():
    """Run ingest as before issue 24: metadata from the whole page, extraction with fallbacks."""
    from toolkit.ingest import html as mod

    saved = mod._metadata_page, mod._series, mod._EXTRACT_OPTIONS
    mod._metadata_page = lambda tree: tree.html or ""
    mod._series = lambda nodes, root: set()
    mod._EXTRACT_OPTIONS = {**mod._EXTRACT_OPTIONS, "fast": False}
    try:
        yield
    finally:
        mod._metadata_page, mod._series, mod._EXTRACT_OPTIONS = saved


def _once(page: str) -> tuple[float, float, list[str]]:
    from toolkit.ingest import load_article

    start, cpu = time.perf_counter(), time.process_time()
    art = load_article(page, fmt="html")
    return (time.perf_counter() - start, time.process_time() - cpu,
            [p.text for p in art.paragraphs])


def _measure(page: str, repeat: int) -> dict:
    times: dict[str, list[float]] = {"before": [], "after": []}
    cpu: dict[str, list[float]] = {"before": [], "after": []}
    kept: dict[str, list[str]] = {}
    for _ in range(repeat):  # alternate, so that load on the machine falls on both
        for side in ("before", "after"):
            if side == "before":
                with before_issue_24():
                    t, c, kept[side] = _once(page)
            else:
                t, c, kept[side] = _once(page)
            times[side].append(t)
            cpu[side].append(c)
    med = {k: statistics.median(v) for k, v in times.items()}
    med_cpu = {k: statistics.median(v) for k, v in cpu.items()}
    return {
        "page_bytes": len(page.encode("utf-8")),
        "before_s": round(med["before"], 3),
        "after_s": round(med["after"], 3),
        "speedup": round(med["before"] / med["after"], 2),
        "before_cpu_s": round(med_cpu["before"], 3),  # CPU time: less touched by other processes
        "after_cpu_s": round(med_cpu["after"], 3),
        "paragraphs_before": len(kept["before"]),
        "paragraphs_after": len(kept["after"]),
        "same_paragraphs": kept["before"] == kept["after"],
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--page", type=Path, help="a real HTML page instead of the two built ones")
    ap.add_argument("--write-pages", type=Path, help="write the built pages into this folder")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    args = ap.parse_args(argv)
    if args.page:
        pages = {args.page.name: args.page.read_text(encoding="utf-8", errors="replace")}
    else:
        pages = {"news-article": build_page(), "live-blog": build_live_page()}
    if args.write_pages:
        args.write_pages.mkdir(parents=True, exist_ok=True)
        for name, page in pages.items():
            (args.write_pages / f"{name}.html").write_text(page, encoding="utf-8")
        return 0
    _once("<html><body><p>Warm up: imports and models.</p><p>Two.</p></body></html>")
    print(f"load average before the run: {os.getloadavg()[0]:.1f} ({os.cpu_count()} CPUs)",
          file=sys.stderr)
    results = {name: _measure(page, args.repeat) for name, page in pages.items()}
    if args.json:
        print(json.dumps({"repeat": args.repeat, "pages": results}))
    for name, r in results.items():
        if args.json:
            break
        print(f"{name}: {r['page_bytes'] / 1000:.0f} KB, median of {args.repeat}: before "
              f"{r['before_s']:.3f} s, after {r['after_s']:.3f} s, {r['speedup']:.2f}x faster "
              f"(CPU {r['before_cpu_s']:.3f} s -> {r['after_cpu_s']:.3f} s); "
              f"paragraphs kept {r['paragraphs_before']} / {r['paragraphs_after']} "
              f"({'the same' if r['same_paragraphs'] else 'DIFFERENT'})")
    return 0 if all(r["same_paragraphs"] for r in results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
