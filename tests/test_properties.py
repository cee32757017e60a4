"""Property-based tests of ingest (issue 7): fixed seed, bounded examples, offline."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.core.document import Article, normalize_digits
from toolkit.core.errors import InputError
from toolkit.ingest import decode, parse_text, split_sentences

BOUNDED = settings(max_examples=200, derandomize=True, deadline=None)

# Any code point, lone surrogates and control characters included.
ANY_CHAR = st.characters(exclude_categories=())
# Text that looks like articles: words, punctuation, blank lines, Persian and mixed scripts.
PIECES = st.sampled_from([
    " ", "  ", "\n", "\n\n", "\t", "\u00a0", "\u200c", "\u200f", ".", ". ", "?", "!", "...", ":", ";",
    "Mr.", "U.S.", "No. 5", "3.5", "«", "»", "“", "”", "# ", "## ", "<p>", "</p>", "<h2>", "</h2>",
    "The minister said", "talks with Baku", "would continue", "روابط مسکو و باکو", "بین‌الملل",
    "۱۴۰۳", "٣٨", "😀", "Source: mehrnews", "Back to top", "\x00", "\r\n", "\u2028", "\u202e", "\x85", "\udc80",
])
ARTICLE_LIKE = st.lists(st.one_of(PIECES, st.text(ANY_CHAR, max_size=8)), max_size=60).map("".join)
TEXT = st.one_of(st.text(ANY_CHAR, max_size=300), ARTICLE_LIKE)
FORMATS = st.sampled_from(["txt", "md", "html"])


def _assert_partition(text: str, sentences) -> None:
    """Sentences are exact slices of ``text``; the gaps between them are whitespace only."""
    pos = 0
    rebuilt = ""
    for s in sentences:
        assert text[s.start : s.end] == s.text
        assert s.text and s.text == s.text.strip()
        gap = text[pos : s.start]
        assert gap.strip() == "" and pos <= s.start
        rebuilt += gap + s.text
        pos = s.end
    assert text[pos:].strip() == ""
    assert rebuilt + text[pos:] == text


@BOUNDED
@given(TEXT, FORMATS)
def test_parse_never_crashes_and_sentences_partition_paragraphs(text, fmt):
    try:
        art = parse_text(text, fmt)
    except InputError as exc:
        assert "\n" not in str(exc)
        return
    assert isinstance(art, Article) and art.paragraphs
    for p in art.paragraphs:
        assert p.text and p.text == p.text.strip()
        _assert_partition(p.text, p.sentences)
        # no non-space character is lost or added
        assert "".join("".join(s.text.split()) for s in p.sentences) == "".join(p.text.split())


@BOUNDED
@given(TEXT)
def test_split_sentences_partitions_any_text(text):
    sentences = split_sentences(text, "x")
    _assert_partition(text, sentences)
    assert [s.id for s in sentences] == [f"x.t{i}" for i in range(1, len(sentences) + 1)]


@BOUNDED
@given(st.binary(max_size=2000))
def test_decode_any_bytes_gives_text_or_one_line_error(data):
    try:
        text, encoding = decode(data)
    except InputError as exc:
        assert "\n" not in str(exc)
        return
    assert isinstance(text, str) and encoding


@BOUNDED
@given(st.one_of(st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=300),
                 st.text(st.characters(exclude_categories=("Cs",)), max_size=20).map("\ufeff".__add__)))
def test_utf8_decodes_to_itself(text):
    data = text.encode("utf-8")
    if not data.strip():
        return
    if text.startswith("\ufeff"):  # a UTF-8 byte-order mark is taken as one
        assert decode(data) == (text[1:], "utf-8-bom")
    else:
        assert decode(data) == (text, "utf-8")


PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"  # U+06F0..U+06F9
ARABIC_INDIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"  # U+0660..U+0669
TO_ASCII = str.maketrans({**{d: str(i) for i, d in enumerate(PERSIAN_DIGITS)},
                          **{d: str(i) for i, d in enumerate(ARABIC_INDIC_DIGITS)}})


@BOUNDED
@given(st.lists(st.one_of(st.sampled_from(PERSIAN_DIGITS + ARABIC_INDIC_DIGITS),
                          st.text(st.characters(exclude_categories=("Nd",)), max_size=5)),
                max_size=40).map("".join))
def test_normalize_digits_maps_persian_and_arabic_indic_digits(text):
    out = normalize_digits(text)
    assert out == text.translate(TO_ASCII)
    assert not any(ch in PERSIAN_DIGITS + ARABIC_INDIC_DIGITS for ch in out)


def test_normalize_digits_every_digit():
    for i in range(10):
        assert normalize_digits(PERSIAN_DIGITS[i]) == str(i)
        assert normalize_digits(ARABIC_INDIC_DIGITS[i]) == str(i)
    assert normalize_digits("سال ۱۴۰۳ و ٢٠٢٤") == "سال 1403 و 2024"
