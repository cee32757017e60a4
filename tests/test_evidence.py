import pytest

from toolkit.comparison.evidence import (
    EMBED_THRESHOLD,
    LEXICAL_THRESHOLD,
    Evidence,
    link_evidence,
    unsupported_flags,
)
from toolkit.core.results import Flag
from toolkit.ingest import load_article

SOURCE = [
    ("s1.p1.t1", "A passenger plane crashed near Aktau in Kazakhstan last December."),
    ("s1.p1.t2", "Baku summoned the Russian ambassador and closed the Sputnik offices."),
    ("s1.p2.t1", "Azerbaijan is moving closer to Turkey and Ukraine."),
    ("s1.p2.t2", "Moscow still has influence in the South Caucasus."),
]
SUMMARY = [
    "Baku summoned the Russian ambassador and closed Sputnik.",
    "A plane crashed near Aktau last December.",
    "The European Central Bank raised interest rates.",
]


@pytest.fixture(params=["lexical", "fake-embedder"])
def embed(request, fake_embedder):
    return None if request.param == "lexical" else fake_embedder.embed


def test_links_each_sentence_to_its_source(embed):
    evidence = link_evidence(SUMMARY, SOURCE, embed)
    assert [e.sentence for e in evidence] == SUMMARY
    assert [e.support[0][0] for e in evidence[:2]] == ["s1.p1.t2", "s1.p1.t1"]
    assert [e.supported for e in evidence] == [True, True, False]
    for e in evidence:
        assert len(e.support) == 3
        scores = [score for _, score in e.support]
        assert scores == sorted(scores, reverse=True)


def test_fake_embedder_is_called_once(fake_embedder):
    link_evidence(SUMMARY, SOURCE, fake_embedder.embed)
    assert fake_embedder.history == [tuple(SUMMARY) + tuple(text for _, text in SOURCE)]


def test_scores_are_cosines_with_embed(fake_embedder):
    (e,) = link_evidence([SOURCE[3][1]], SOURCE, fake_embedder.embed)
    assert e.support[0] == ("s1.p2.t2", pytest.approx(1.0))


def test_threshold_decides_support(embed):
    assert all(e.supported for e in link_evidence(SUMMARY, SOURCE, embed, threshold=0.0))
    assert not any(e.supported for e in link_evidence(SUMMARY, SOURCE, embed, threshold=1.01))


def test_lexical_threshold_on_the_sample_article(sample_path):
    source = [(s.id, s.text) for p in load_article(sample_path).paragraphs for s in p.sentences]
    faithful = [
        "Relations between Azerbaijan and Russia, once strategic partners, have become tense.",
        "A passenger plane crashed near Aktau in Kazakhstan last December.",
        "Baku summoned the Russian ambassador and closed Sputnik's offices.",
    ]
    invented = [
        "The European Central Bank raised interest rates.",
        "Armenia and Georgia held joint naval exercises in the Black Sea.",
    ]
    evidence = link_evidence(faithful + invented, source)
    assert [e.supported for e in evidence] == [True] * 3 + [False] * 2
    assert "Actao Kazakhstan" in dict(source)[evidence[1].support[0][0]]
    assert all(e.support[0][1] < LEXICAL_THRESHOLD - 0.1 for e in evidence[3:])


def test_edge_cases(embed):
    assert link_evidence([], SOURCE, embed) == ()
    assert link_evidence(["Anything."], [], embed) == (Evidence("Anything.", (), False),)
    (short,) = link_evidence(["Aktau."], SOURCE[:1], embed)
    assert len(short.support) == 1


def test_unsupported_flags():
    evidence = link_evidence(SUMMARY, SOURCE)
    flags = unsupported_flags(evidence)
    assert len(flags) == 1
    assert flags[0].kind == "unsupported"
    assert flags[0].text == SUMMARY[2]
    assert flags[0].detail.startswith("closest source sentence s1.")
    assert unsupported_flags([Evidence("Alone.", (), False)]) == (
        Flag("unsupported", "Alone.", "no source sentences"),
    )


@pytest.mark.integration
def test_embed_threshold_with_minilm(sample_path):
    from toolkit.backends.embedder import Embedder
    from toolkit.core.config import load_settings
    from toolkit.models.registry import pack_manifest, resolve_model

    cache = load_settings(None)[0].cache_path()
    if pack_manifest(cache, "minilm-l6") is None:
        pytest.fail("model pack minilm-l6 is not installed: run `parallax models pull minilm-l6`")
    embedder = Embedder(resolve_model("minilm-l6", cache), device="cpu")
    source = [(s.id, s.text) for p in load_article(sample_path).paragraphs for s in p.sentences]
    evidence = link_evidence(
        [
            "A passenger plane crashed near Aktau in Kazakhstan last December.",
            "Baku summoned the Russian ambassador and closed Sputnik's offices.",
            "The European Central Bank raised interest rates.",
        ],
        source,
        embedder.embed,
    )
    assert [e.supported for e in evidence] == [True, True, False]
    assert evidence[2].support[0][1] < EMBED_THRESHOLD - 0.15
