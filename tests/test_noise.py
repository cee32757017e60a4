import pytest

from toolkit.core.results import Flag
from toolkit.ingest import load_article
from toolkit.qa.checks.noise import leftover_script, name_variants


@pytest.fixture
def crash_paragraph(sample_path):
    return next(p.text for p in load_article(sample_path).paragraphs if "Ambrair" in p.text)


ALTERNATIVES = [
    "The crisis began with the deadly crash of an Azerbaijan Airlines (AZAL) Embraer 190 near the "
    "city of Aktau in Kazakhstan last December, which killed four people, including four Russian "
    "citizens. The plane, flying from Baku to Grozny, carried four passengers, most of them "
    "Azerbaijani citizens.",
    "This crisis started with the crash of the Embraer passenger plane of Azal near Aktau, "
    "Kazakhstan. The aircraft was on the Baku-Grozny route.",
]


def test_sample_paragraph_leftovers(crash_paragraph):
    assert "“Ambrair ۱۰۰ »Airlines" in crash_paragraph
    flags = leftover_script(crash_paragraph)
    assert flags == (
        Flag("leftover-script", "۱۰۰", "Persian digits = 100"),
        Flag(
            "leftover-script", "»", "closing guillemet without an opening one: ۱۰۰ »Airlines"
        ),
    )


def test_whole_sample_article_has_no_other_leftovers(sample_path):
    texts = [p.text for p in load_article(sample_path).paragraphs]
    flagged = [f.text for t in texts for f in leftover_script(t)]
    assert flagged == ["۱۰۰", "»"]


@pytest.mark.parametrize(
    "text, run, detail",
    [
        ("in the year ۱۴۰۰ it", "۱۴۰۰", "Persian digits = 1400"),
        ("page ١٢ of", "١٢", "Arabic-Indic digits = 12"),
        ("the word سلام آقای here", "سلام آقای", "Arabic script"),
        ("Putin said Москва today", "Москва", "Cyrillic script"),
        ("made in 中国.", "中国", "CJK script"),
        ("سال ۱۴۰۰ began", "سال ۱۴۰۰", "Arabic script, Persian digits = سال 1400"),
    ],
)
def test_non_latin_runs(text, run, detail):
    assert leftover_script(text) == (Flag("leftover-script", run, detail),)


def test_latin_text_and_english_quotes_are_clean():
    text = "Türkiye’s “strategic partner” — Nagorno-Karabakh, café, naïve, ﬁnal, №5, 1ª, ＡＢＣ."
    assert leftover_script(text) == ()


def test_guillemets():
    assert leftover_script("He called it «a crisis» twice.") == ()
    flags = leftover_script("the so-called »Airlines Azal« plane « again")
    assert [(f.text, f.detail.split(":")[0]) for f in flags] == [
        ("»", "closing guillemet without an opening one"),
        ("«", "opening guillemet that is never closed"),
        ("«", "opening guillemet that is never closed"),
    ]


def test_name_variants_in_sample_paragraph(crash_paragraph):
    flags = name_variants(crash_paragraph, ALTERNATIVES)
    assert flags == (
        Flag("name-variant", "Ambrair -> Embraer", "in alternative 1, alternative 2"),
        Flag("name-variant", "Actao -> Aktau", "in alternative 1, alternative 2"),
        Flag("name-variant", "Grozen -> Grozny", "in alternative 1, alternative 2"),
    )


def test_name_variants_labels_and_partial_agreement(crash_paragraph):
    versions = [ALTERNATIVES[0], crash_paragraph]
    flags = name_variants(crash_paragraph, versions, labels=["literal", "echo"])
    assert {f.text: f.detail for f in flags} == {
        "Ambrair -> Embraer": "in literal",
        "Actao -> Aktau": "in literal",
        "Grozen -> Grozny": "in literal",
    }
    with pytest.raises(ValueError):
        name_variants(crash_paragraph, ALTERNATIVES, labels=["one"])


def test_name_variants_leave_alone_identical_common_and_derived_words():
    original = "This is Baku. The talks In Moscow. However Russia, Ukraine and Iran agreed. Az."
    other = "This is Baku. The talks in Moscow. However Russian, Ukrainian and Yerevan agreed. Ax."
    assert name_variants(original, [other]) == ()
    assert name_variants(original, [original]) == ()
    assert name_variants(original, []) == ()


def test_name_variants_catch_more_transliterations():
    original = "Golestan and Turkmanchai and Gharabagh"
    other = "Gulistan and Turkmenchay and Karabakh"
    assert [f.text for f in name_variants(original, [other])] == [
        "Golestan -> Gulistan", "Turkmanchai -> Turkmenchay", "Gharabagh -> Karabakh",
    ]
