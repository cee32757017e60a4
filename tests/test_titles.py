"""Titles and the lines around them on scraped pages: general rules, each removal with its reason."""

from __future__ import annotations

import pytest

from toolkit.ingest import load_article

BODY = [
    ("The governors of the three provinces met the president on Sunday and asked for more money "
    "for the roads and the schools of their villages, which were damaged by the floods."),
    ("The president said that the government would send a team of engineers to the provinces "
    "next week to study the requests of the people and to report on the cost of the repairs."),
    ("He added that the budget of next year would give more weight to the regions that were hit "
    "by the floods in the spring, and that the ministry of roads would publish a list of works."),
    ("The governor of the northern province said that more than two hundred villages had been "
    "cut off for weeks and that farmers had lost most of their harvest in the floods."),
    ("Members of parliament from the three provinces welcomed the promise of the president but "
    "said that similar promises had been made last year and that little had been done since."),
    ("The ministry of roads said in a statement that the first works would start before the "
    "winter and that the bridges on the main roads of the provinces would be repaired first."),
]
TITLE = "Governors ask the president for money to repair roads after the floods"


def _page(*head: str, body: list[str] | None = None, tail: tuple[str, ...] = ()) -> str:
    return "\n\n".join([*head, *(BODY if body is None else body), *tail]) + "\n"


def _removed(art, kind: str) -> list[str]:
    return [r.text for r in art.metadata.removed if r.kind == kind]


def _reasons(art) -> dict[str, str]:
    return {r.text: r.reason for r in art.metadata.removed}


# ------------------------------------------------------------------ the four kinds of issue 24


def test_a_lower_case_one_word_site_after_a_dash_is_the_site():
    art = load_article(_page(f"{TITLE} - hawarnews"))
    assert art.title == TITLE and art.metadata.site == "hawarnews"
    assert _removed(art, "site-name") == ["hawarnews"]
    assert load_article(_page(f"{TITLE} – alkhaleej24")).metadata.site == "alkhaleej24"


@pytest.mark.parametrize("suffix", ["analysis", "again", "floods"])  # a word, not a site
def test_a_lower_case_word_the_article_uses_or_a_title_word_stays(suffix):
    art = load_article(_page(f"{TITLE} - {suffix}"))
    assert art.title == f"{TITLE} - {suffix}" and art.metadata.site is None


@pytest.mark.parametrize("joint", ["; ", " / "])
def test_a_long_title_of_several_headlines_is_the_title(joint):
    title = joint.join([
        "Governors ask the president for money to repair roads after the floods",
        "Engineers to visit the provinces next week to study the requests of the people",
        "Budget of next year to favour the regions hit by the floods in the spring",
    ])
    art = load_article(_page(title))
    assert art.title == title
    assert art.paragraphs[0].text == BODY[0] and len(art.paragraphs) == len(BODY)


@pytest.mark.parametrize("line", [
    f'&lt;img src="gov.jpg" alt="{TITLE}"&gt;',  # markup that was escaped
    f"![{TITLE}](https://cdn.example.com/2024/05/gov.jpg)",  # a Markdown image in plain text
    f'<img src="gov.jpg" alt="{TITLE}"> Photo: IRNA',  # an image and its credit
    ('<img class="size-full wp-image-2231"\n'  # a tag a scraper broke over three lines
    '  src="https://cdn.example.com/2024/05/a/long/path/to/the/governors-meeting-photo.jpg"\n'
    f'  alt="{TITLE}" />'),
    f'<figure class="wp-block-image"><img src="gov.jpg" alt="{TITLE}"/></figure>',
])
def test_a_title_that_is_only_an_image_alt_text(line):
    art = load_article(_page("Sunday 5 June 2023 | 11:20 am", line))
    assert art.title == TITLE
    assert art.paragraphs[0].text == BODY[0]
    assert not any("<" in p.text or "alt=" in p.text for p in art.paragraphs)


def test_teasers_cut_mid_sentence_after_the_article_are_removed():
    tail = ("Iraq's oil exports rise for the third month as the prices of crude oil climb",
            "The new metro line of the capital opens to the public after six years of works")
    art = load_article(_page(TITLE, tail=tail))
    assert _removed(art, "teasers") == list(tail)
    assert "teaser" in _reasons(art)[tail[0]]


# ------------------------------------------------------------------ furniture before the title


@pytest.mark.parametrize("furniture", [
    ["0 Persons"],  # a counter of the page
    ["14TH NATIONAL CONGRESS OF THE COMMUNIST PARTY", "Hanoi"],  # a banner and a label
    [f"Home LifestyleHealth {TITLE}"],  # a breadcrumb glued to the title
    ["Gathering and spreading news from various newspapers of the world",  # a tagline
     "The Daily on Google+ The Daily on LinkedIn RSS Feed"],  # and a social bar
])
def test_site_furniture_before_the_title(furniture):
    art = load_article(_page(*furniture, "Tuesday, February 20, 2018", TITLE))
    assert art.title == TITLE
    assert _removed(art, "site-furniture") == furniture
    assert all("before the title" in _reasons(art)[f] or "title with site furniture"
               in _reasons(art)[f] for f in furniture)
    assert art.paragraphs[0].text == BODY[0]


def test_a_short_title_with_little_text_stays_the_title():
    # a live page: the title shares few words with two short entries, and stays the title
    art = load_article("Minute by minute: general strike in the capital\n\nUpdated at 13:45\n\n"
                       "Metro service reduced to a minimum\n\nThe metro operates at thirty percent "
                       "of its normal service, and long queues formed at the stations.\n")
    assert art.title == "Minute by minute: general strike in the capital"
    assert [s.title for s in art.sections] == ["Metro service reduced to a minimum"]


@pytest.mark.parametrize("copy", [TITLE, TITLE.replace("money", "more money")])
def test_a_title_repeated_on_its_own_line(copy):
    art = load_article(_page(TITLE, "by Reza Karimi", copy))
    assert art.title in (TITLE, copy)
    assert _removed(art, "title-repeat") == [TITLE if art.title == copy else copy]
    assert [s.title for s in art.sections] == [None]


@pytest.mark.parametrize("label,kind", [("RIA Novosti", "source"), ("mesopotamia news", "site-name")])
def test_a_label_under_the_title_is_not_a_section(label, kind):
    art = load_article(_page(TITLE, label))
    assert _removed(art, kind) == [label] and [s.title for s in art.sections] == [None]
    if kind == "source":
        assert art.metadata.source == label


def test_a_long_line_under_the_title_is_its_standfirst():
    standfirst = ("Information about the visit of the governors was spread by several channels "
                  "before the office of the president confirmed it")
    art = load_article(_page(TITLE, standfirst))
    assert [s.title for s in art.sections] == [None]
    assert art.paragraphs[0].text == standfirst


# ------------------------------------------------------------------ lines of the page, any place


@pytest.mark.parametrize("line,kind", [
    ("(With information from Europa Press)", "source"),
    ("Please enter your comment!", "comment-form"),
    ("[Provisional Translation]", "labels"),
    ("The governors at the meeting in the capital on Sunday. (Photo: IRNA)", "caption"),
    ("Переведено сервисом «Яндекс Переводчик»", "trailer"),
])
def test_page_lines_after_the_article(line, kind):
    art = load_article(_page(TITLE, tail=(line,)))
    assert _removed(art, kind) == [line]
    assert len(art.paragraphs) == len(BODY)
