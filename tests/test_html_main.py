"""HTML main content: every entry of a live blog, never the look-alike teasers around an article."""

from __future__ import annotations

from toolkit.ingest import load_article


def _entry(i: int, cls: str) -> str:
    return (
        f'<article class="{cls}"><time>{10 + i}:00</time><h3>Update number {i} on the talks</h3>'
        f"<p>The delegations met again in the capital on day {i} and said that the talks on the "
        "water file and the border crossings would go on next week, officials told reporters.</p>"
        f"<p>On day {i} the minister added that both sides had agreed on the main points of a text "
        "for the water file and that experts would write the details before a signing.</p>"
        '<div class="share"><a href="#">Share</a></div></article>'
    )


def _page(main: str, after: str = "") -> str:
    return (
        "<html><head><title>Live: the talks</title></head><body><nav><a href='/'>Home</a></nav>"
        f"<main>{main}</main>{after}<footer><p>All rights reserved.</p></footer></body></html>"
    )


def test_every_entry_of_a_live_blog_is_main_content():
    # trafilatura (without its slow fallbacks) takes the first <article class="post"> only
    entries = "".join(_entry(i, "live-post") for i in range(1, 8))
    art = load_article(_page(f"<h1>Live: the talks, hour by hour</h1>{entries}"), fmt="html")
    assert art.title == "Live: the talks, hour by hour"
    assert [s.title for s in art.sections] == [f"Update number {i} on the talks" for i in range(1, 8)]
    assert len(art.paragraphs) == 14
    assert not [r for r in art.metadata.removed if r.kind == "not-main-content"]


def test_look_alike_cards_around_an_article_stay_out():
    body = "".join(
        f"<p>Paragraph {i} of the story says that the council met on Monday and approved the new "
        f"budget for the schools of the province after a long debate on item {i}.</p>"
        for i in range(1, 6)
    )
    cards = "".join(
        f'<div class="card"><a href="/n/{i}"><h3>Another story number {i}</h3></a>'
        f"<p>Teaser {i}: the governor of a distant province opened a new road and a bridge over "
        "the river, the first of many works planned this year...</p></div>" for i in range(1, 7)
    )
    page = _page(f'<article class="story"><h1>Council approves the budget</h1>{body}</article>',
                 f'<section class="related">{cards}</section>')
    art = load_article(page, fmt="html")
    assert [p.text[:11] for p in art.paragraphs] == [f"Paragraph {i}" for i in range(1, 6)]
