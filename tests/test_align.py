import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.comparison.align import AlignedRow, align_sentences, lexical_vectors

CRASH = ["A plane crashed near Aktau.", "Four people died."]
CRASH_JOINED = ["A plane crashed near Aktau, and four people died."]


def _shape(rows):
    return [(r.left, r.right) for r in rows]


@pytest.fixture(params=["lexical", "fake-embedder"])
def embed(request, fake_embedder):
    return None if request.param == "lexical" else fake_embedder.embed


def test_two_sentences_joined_into_one_is_a_2_1_row(embed):
    rows = align_sentences(CRASH, CRASH_JOINED, embed)
    assert _shape(rows) == [((0, 1), (0,))]
    assert rows[0].score > 0.5


def test_one_sentence_split_in_two_is_a_1_2_row(embed):
    assert _shape(align_sentences(CRASH_JOINED, CRASH, embed)) == [((0,), (0, 1))]


def test_paraphrases_align_one_to_one(embed):
    left = [
        "The plane crashed near Aktau.",
        "Four people died in the crash.",
        "Baku blamed Moscow.",
    ]
    right = [
        "A plane went down near Aktau.",
        "Four people were killed in the crash.",
        "Azerbaijan blamed Moscow for it.",
    ]
    rows = align_sentences(left, right, embed)
    assert _shape(rows) == [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]
    assert all(0 < r.score <= 1 for r in rows)


def test_mixed_paragraph(embed):
    original = [
        "Relations between Russia and Azerbaijan entered a stage of tension.",
        "A plane crashed near Aktau.",
        "Four people died.",
        "Baku summoned the Russian ambassador.",
    ]
    alternative = [
        "Relations between Russia and Azerbaijan have entered a tense stage.",
        "A plane crashed near Aktau, and four people died.",
        "Baku summoned the Russian ambassador.",
    ]
    rows = align_sentences(original, alternative, embed)
    assert _shape(rows) == [((0,), (0,)), ((1, 2), (1,)), ((3,), (2,))]


def test_a_sentence_without_counterpart_gets_its_own_row_with_score_zero(embed):
    left = ["Baku summoned the Russian ambassador.", "Sputnik offices were closed in Baku."]
    right = ["Baku summoned the Russian ambassador."]
    rows = align_sentences(left, right, embed)
    assert rows == (AlignedRow((0,), (0,), rows[0].score), AlignedRow((1,), (), 0.0))
    assert rows[0].score > 0.9


def test_empty_sides():
    assert align_sentences([], []) == ()
    assert _shape(align_sentences(["One."], [])) == [((0,), ())]
    assert _shape(align_sentences([], ["One.", "Two."])) == [((), (0,)), ((), (1,))]


def test_embed_is_called_once_with_each_candidate_text(fake_embedder):
    align_sentences(CRASH, CRASH_JOINED + CRASH_JOINED, fake_embedder.embed)
    assert len(fake_embedder.history) == 1
    (texts,) = fake_embedder.history
    assert len(texts) == len(set(texts))
    joined = CRASH_JOINED[0]
    assert set(texts) == {*CRASH, " ".join(CRASH), joined, f"{joined} {joined}"}


def test_lexical_vectors_are_unit_rows():
    vecs = lexical_vectors(["A plane crashed.", "a  PLANE\ncrashed.", "", "Baku"])
    assert vecs[0] @ vecs[1] == pytest.approx(1.0)  # case and spacing do not count
    assert vecs[2].sum() == 0
    assert vecs[3] @ vecs[3] == pytest.approx(1.0)


def test_long_paragraphs_stay_monotonic_and_complete():
    left = [f"Sentence number {k} talks about topic {k * 7 % 13}." for k in range(200)]
    right = [s for k, s in enumerate(left) if k % 9]
    rows = align_sentences(left, right)
    _check_cover(rows, len(left), len(right))
    assert sum(1 for r in rows if r.left and not r.right) >= 20


def _check_cover(rows, n, m):
    assert [i for r in rows for i in r.left] == list(range(n))
    assert [j for r in rows for j in r.right] == list(range(m))
    for r in rows:
        assert (len(r.left), len(r.right)) in {(1, 1), (1, 2), (2, 1), (1, 0), (0, 1)}
        assert 0.0 <= r.score <= 1.0
        if not (r.left and r.right):
            assert r.score == 0.0


_sentences = st.lists(
    st.text(alphabet=st.sampled_from("abc xyz.,ÄБ۱"), max_size=25), max_size=8
)


@settings(max_examples=100, derandomize=True)
@given(_sentences, _sentences)
def test_every_sentence_appears_once_in_order(left, right):
    _check_cover(align_sentences(left, right), len(left), len(right))


@settings(max_examples=100, derandomize=True, deadline=None)
@given(_sentences, _sentences)
def test_every_sentence_appears_once_in_order_with_embeddings(left, right):
    from toolkit.backends.embedder import FakeEmbedder

    _check_cover(align_sentences(left, right, FakeEmbedder().embed), len(left), len(right))
