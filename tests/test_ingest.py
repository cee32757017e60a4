import codecs
from pathlib import Path

import pytest

from toolkit.core.document import normalize_digits
from toolkit.core.errors import InputError
from toolkit.ingest import load_article, parse_text

SAMPLE_SECTIONS = [
    None,
    "Historical and structural contexts of Russian -Baku disputes",
    "New season of tensions; From air disaster to geopolitical battle",
    "From strategic competition to crisis management; A vague landscape of Moscow-Baku relations",
]


def test_sample_structure(sample_path):
    art = load_article(sample_path)
    assert art.title == "Caucasus on the line of crisis; How far will Moscow and Baku?"
    assert [s.title for s in art.sections] == SAMPLE_SECTIONS
    assert [s.id for s in art.sections] == ["s0", "s1", "s2", "s3"]
    assert [len(s.paragraphs) for s in art.sections] == [2, 5, 7, 8]
    assert art.sections[0].paragraphs[0].text.startswith("Mehr News Agency, International Group:")


def test_sample_boilerplate_becomes_metadata(sample_path):
    art = load_article(sample_path)
    m = art.metadata
    assert m.source == "mehrnews"
    assert m.category == "news"
    assert "Elham Aliyev" in m.tags and "Tension in Relationships" in m.tags
    kinds = {r.kind for r in m.removed}
    assert {"tags", "source", "comment-form", "navigation", "category"} <= kinds
    body = " ".join(p.text for p in art.paragraphs)
    for gone in ("Back to top button", "Leave a Reply", "tagstotranslate", "Source:mehrnews"):
        assert gone not in body


def test_sample_keeps_persian_digits_and_guillemets(sample_path):
    art = load_article(sample_path)
    para = next(p for p in art.paragraphs if p.text.startswith("The starting point of this crisis"))
    assert "“Ambrair ۱۰۰ »Airlines Azal Know;" in para.text
    assert '"Ambrair 100 "Airlines' in para.normalized
    assert normalize_digits("۱۰۰ and ٣") == "100 and 3"


def test_sentences_partition_paragraph(sample_path):
    art = load_article(sample_path)
    for p in art.paragraphs:
        pos = 0
        for s in p.sentences:
            assert p.text[s.start : s.end] == s.text
            assert p.text[pos : s.start].strip() == ""
            pos = s.end
        assert p.text[pos:].strip() == ""
    first = art.sections[1].paragraphs[0]
    assert len(first.sentences) == 4


@pytest.mark.parametrize("bom,enc", [(codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                                     (codecs.BOM_UTF16_BE, "utf-16-be")])
def test_encodings_with_bom(tmp_path, sample_path, bom, enc):
    text = sample_path.read_text(encoding="utf-8")
    f = tmp_path / "a.txt"
    f.write_bytes(bom + text.encode(enc))
    art = load_article(f)
    assert art.title == "Caucasus on the line of crisis; How far will Moscow and Baku?"
    assert art.metadata.encoding == f"{enc}-bom"
    assert len(art.paragraphs) == 22


def test_markdown_and_html(tmp_path):
    md = tmp_path / "a.md"
    md.write_text("# Big title\n\nIntro text here.\n\n## Part one\n\nFirst para.\n\nSecond para.\n", encoding="utf-8")
    art = load_article(md)
    assert art.title == "Big title"
    assert [s.title for s in art.sections] == [None, "Part one"]
    html = tmp_path / "a.html"
    html.write_text("<html><head><title>T</title><script>alert(1)</script></head><body><nav>menu</nav>"
                    "<h1>Headline</h1><p>Lead &amp; more.</p><h2>Sub</h2><p>Body one.</p>"
                    "<form>Leave a Reply</form></body></html>", encoding="utf-8")
    art = load_article(html)
    assert art.title == "Headline"
    assert [s.title for s in art.sections] == [None, "Sub"]
    assert art.sections[0].paragraphs[0].text == "Lead & more."
    assert "alert" not in " ".join(p.text for p in art.paragraphs)
    assert any(r.kind == "markup" for r in art.metadata.removed)


def test_hard_wrapped_lines_are_one_paragraph():
    text = ("Title of it\n\n" + "This line is a hard-wrapped line of prose that goes on\n"
            "and continues on the next line until the paragraph ends\nhere.\n")
    art = parse_text(text)
    assert len(art.paragraphs) == 1


@pytest.mark.parametrize("content,message", [
    (b"", "empty"),
    (b"   \n\t\n", "only whitespace"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "PNG"),
    (bytes(range(256)) * 4, "binary"),
])
def test_bad_bytes_are_clear_errors(tmp_path, content, message):
    f = tmp_path / "bad.txt"
    f.write_bytes(content)
    with pytest.raises(InputError, match=message):
        load_article(f)


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        load_article(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="directory"):
        load_article(tmp_path)


def test_plain_string_is_article_text():
    art = load_article("A headline\n\nThe body of a very short article about nothing much.")
    assert art.title == "A headline"
    assert art.paragraphs[0].text.startswith("The body")


def test_sentence_offsets_match_blingfire(sample_path):
    """split_sentences uses blingfire's public API in windows; the cuts are blingfire's cuts."""
    import blingfire

    from toolkit.ingest import split_sentences

    texts = [p.text for p in load_article(sample_path).paragraphs]
    texts.append(" ".join(["Dr. Smith went to Washington on Monday. روابط مسکو و باکو؟ 😀 Yes!"] * 3000))
    for text in texts:  # the last is 200 KB: split in windows, same cuts
        _, offsets = blingfire.text_to_sentences_and_offsets(text)
        expected = sorted({start for start, _ in offsets if 0 < start < len(text)})
        assert [s.start for s in split_sentences(text, "x")[1:]] == expected
    assert split_sentences("", "x") == ()  # the wrapper raises AssertionError here


def test_markdown_heading_closing_hashes_and_long_lines():
    art = parse_text("# Title ##\n\n## C#\n\nBody text.\n\n#NoSpace is text.\n", "md")
    assert art.title == "Title"
    assert [s.title for s in art.sections] == ["C"]
    assert [p.text for p in art.paragraphs] == ["Body text.", "#NoSpace is text."]
    art = parse_text("# A" + " " * 100_000 + "B #" + "#" * 100_000 + "\n\nBody.", "md")  # was cubic
    assert art.title == "A B"


def test_html_title_and_raw_text_elements_never_yield_markup():
    art = load_article("<html><head><title>News <script>alert(1)</script></title></head><body>"
                       "<p>One <noembed><script>alert(2)</script></noembed>two.</p>"
                       "<p>Three <svg><![CDATA[<script>alert(3)</script>]]></svg>four.</p></body></html>")
    assert art.title == "News"  # a <title> is raw text: parsed again, its <script> dropped
    assert [p.text for p in art.paragraphs] == ["One two.", "Three four."]


def test_odd_strings_and_paths():
    with pytest.raises(InputError, match="not a valid file name"):
        load_article(Path("bad\x00name.txt"))
    art = load_article("one\x00 two three four")  # a NUL makes a str text, never a path
    assert art.paragraphs[0].text == "one two three four"
    art = load_article("a \udc80 b c d")
    assert art.paragraphs[0].text == "a \ufffd b c d"
    assert any(r.kind == "invalid-characters" for r in art.metadata.removed)


def test_a_breadcrumb_trail_is_navigation_not_a_section_title():
    text = ("Baku and Moscow: a new rift\n\nHome > World > Asia\n\nThe relations between Azerbaijan and "
            "Russia have entered a stage of tension, officials said on Monday.\n\nBaku blamed Moscow "
            "for the crash of the passenger plane near Aktau last December.")
    art = load_article(text)
    assert [s.title for s in art.sections] == [None] and len(art.paragraphs) == 2
    assert [(r.kind, r.text) for r in art.metadata.removed] == [("navigation", "Home > World > Asia")]
    # a garbled sentence with a stray guillemet stays text
    kept = load_article("A title\n\nThe plane “Ambrair ۱۰۰ »Airlines Azal Know crashed near Aktau.")
    assert "Ambrair" in kept.paragraphs[0].text
