import math

import pytest
import sacrebleu

from toolkit.comparison import metrics
from toolkit.comparison.metrics import (
    AlternativeMetrics,
    agreement,
    agreement_embed,
    chrf,
    metric_signatures,
    score_alternative,
    score_paragraph,
    similarity,
    ter,
)

ORIGINAL = (
    "An accident near the city last December Actao Kazakhstan occurred and led to the death of "
    "four people."
)
CLOSE = "The accident happened last December near the city of Aktau in Kazakhstan and killed four."
CLOSER = "The accident happened last December near the city of Aktau, Kazakhstan, and killed four."
FAR = "Baku summoned the Russian ambassador and closed the offices of Sputnik."


@pytest.mark.parametrize(
    "hyp, ref", [(CLOSE, ORIGINAL), (FAR, ORIGINAL), (ORIGINAL, ORIGINAL), ("", "x")]
)
def test_chrf_and_ter_are_sacrebleu_sentence_scores(hyp, ref):
    assert chrf(hyp, ref) == sacrebleu.sentence_chrf(hyp, [ref]).score
    assert ter(hyp, ref) == sacrebleu.sentence_ter(hyp, [ref]).score


def test_metric_objects_are_reused():
    chrf(CLOSE, ORIGINAL)
    first = metrics._metrics()
    ter(FAR, ORIGINAL)
    assert metrics._metrics() is first


def test_signatures_name_the_settings():
    sigs = metric_signatures()
    assert sigs["chrf"].startswith("nrefs:1|case:mixed|eff:yes|nc:6|nw:0|space:no|version:")
    assert sigs["ter"].startswith("nrefs:1|case:lc|tok:tercom|norm:no|punct:yes|asian:no|version:")


def test_agreement():
    assert agreement([CLOSE, CLOSE, CLOSE]) == 100.0
    assert agreement(["", ""]) == 100.0
    assert agreement([CLOSE]) == 100.0
    assert agreement([]) == 100.0
    assert agreement([CLOSE, CLOSER]) > agreement([CLOSE, FAR])
    sym = (chrf(CLOSE, FAR) + chrf(FAR, CLOSE)) / 2
    assert agreement([CLOSE, FAR]) == pytest.approx(sym)
    three = agreement([CLOSE, CLOSER, FAR])
    pairs = [agreement([CLOSE, CLOSER]), sym, agreement([CLOSER, FAR])]
    assert three == pytest.approx(sum(pairs) / 3)


def test_similarity_and_semantic_agreement(fake_embedder):
    embed = fake_embedder.embed
    assert similarity(CLOSE, CLOSE, embed) == pytest.approx(1.0)
    assert similarity(CLOSE, CLOSER, embed) > similarity(CLOSE, FAR, embed)
    assert agreement_embed([CLOSE], embed) == 1.0
    assert agreement_embed([CLOSE, CLOSER], embed) > agreement_embed([CLOSE, FAR], embed)


def test_score_alternative(fake_embedder):
    plain = score_alternative(ORIGINAL, CLOSE)
    assert plain == AlternativeMetrics(chrf(CLOSE, ORIGINAL), ter(CLOSE, ORIGINAL), None)
    embedded = score_alternative(ORIGINAL, CLOSE, fake_embedder.embed)
    assert embedded.similarity == pytest.approx(similarity(CLOSE, ORIGINAL, fake_embedder.embed))


def test_score_paragraph_without_embeddings():
    pm = score_paragraph(ORIGINAL, [CLOSE, CLOSER])
    assert pm.agreement == agreement([CLOSE, CLOSER])
    assert pm.agreement_semantic is None and pm.mean_similarity is None
    assert pm.mean_chrf == pytest.approx((chrf(CLOSE, ORIGINAL) + chrf(CLOSER, ORIGINAL)) / 2)
    assert pm.uncertainty == pytest.approx(1 - (pm.mean_chrf / 100 + pm.agreement / 100) / 2)
    assert [a.chrf for a in pm.alternatives] == [chrf(CLOSE, ORIGINAL), chrf(CLOSER, ORIGINAL)]


def test_score_paragraph_with_embeddings_embeds_once(fake_embedder):
    pm = score_paragraph(ORIGINAL, [CLOSE, FAR], fake_embedder.embed)
    assert fake_embedder.history == [(ORIGINAL, CLOSE, FAR)]
    assert pm.agreement_semantic == pytest.approx(similarity(CLOSE, FAR, fake_embedder.embed))
    sims = [a.similarity for a in pm.alternatives]
    assert pm.mean_similarity == pytest.approx(sum(sims) / 2)
    assert pm.uncertainty == pytest.approx(1 - (pm.mean_similarity + pm.agreement_semantic) / 2)


def test_uncertainty_orders_paragraphs(fake_embedder):
    for embed in (None, fake_embedder.embed):
        settled = score_paragraph(ORIGINAL, [CLOSE, CLOSER], embed).uncertainty
        unsettled = score_paragraph(ORIGINAL, [CLOSE, FAR], embed).uncertainty
        assert 0.0 <= settled < unsettled <= 1.0
    # one alternative: only its closeness to the original counts
    assert score_paragraph(ORIGINAL, [ORIGINAL]).uncertainty == 0.0
    assert score_paragraph(CLOSE, [FAR]).uncertainty == pytest.approx(1 - chrf(FAR, CLOSE) / 100)


def test_no_nan_on_empty_texts(fake_embedder):
    for embed in (None, fake_embedder.embed):
        pm = score_paragraph("", ["", ""], embed)
        values = [pm.agreement, pm.mean_chrf, pm.uncertainty, pm.agreement_semantic or 0.0]
        assert not any(math.isnan(v) for v in values)


def test_score_paragraph_needs_an_alternative():
    with pytest.raises(ValueError):
        score_paragraph(ORIGINAL, [])
