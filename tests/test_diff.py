from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.comparison.diff import DiffOp, diff_stats, word_diff


def _side(ops, kind):
    return "".join(op.text for op in ops if op.op in ("equal", kind))


def test_pinned_example():
    ops = word_diff(
        "A plane crashed near Actao, killing four.",
        "A plane crashed near Aktau, killing  four people.",
    )
    assert ops == (
        DiffOp("equal", "A plane crashed near "),
        DiffOp("delete", "Actao,"),
        DiffOp("insert", "Aktau,"),
        DiffOp("equal", " killing"),
        DiffOp("delete", " four."),
        DiffOp("insert", "  four people."),
    )
    assert diff_stats(ops) == {"equal_words": 5, "inserted_words": 3, "deleted_words": 2}


def test_shared_space_after_a_replacement_stays_equal():
    assert word_diff("a b c", "a x c") == (
        DiffOp("equal", "a "), DiffOp("delete", "b"), DiffOp("insert", "x"), DiffOp("equal", " c"),
    )


def test_changed_whitespace_between_equal_words():
    assert word_diff("a\n\nb", "a b") == (
        DiffOp("equal", "a"), DiffOp("delete", "\n\n"), DiffOp("insert", " "), DiffOp("equal", "b"),
    )


def test_edge_cases():
    assert word_diff("", "") == ()
    assert word_diff("same text", "same text") == (DiffOp("equal", "same text"),)
    assert word_diff("", "new words") == (DiffOp("insert", "new words"),)
    assert word_diff("old words", "") == (DiffOp("delete", "old words"),)


def _well_formed(ops):
    assert all(op.text and op.op in ("equal", "insert", "delete") for op in ops)
    for a, b in zip(ops, ops[1:]):
        assert a.op != b.op  # neighbours are merged
        assert (a.op, b.op) != ("insert", "delete")  # a replacement is delete then insert


_pieces = st.sampled_from(["a", "b", "Aktau", "۱۰۰", " ", "  ", "\n", ".", "é"])
_texts = st.lists(_pieces, max_size=30).map("".join)


@settings(max_examples=100, derandomize=True)
@given(_texts, _texts)
def test_both_sides_are_rebuilt_exactly(original, alternative):
    ops = word_diff(original, alternative)
    assert _side(ops, "delete") == original
    assert _side(ops, "insert") == alternative
    _well_formed(ops)
    stats = diff_stats(ops)
    assert stats["equal_words"] + stats["deleted_words"] == len(original.split())
    assert stats["equal_words"] + stats["inserted_words"] == len(alternative.split())
