"""`parallax export`: a clean article from a JSON report and the choices made in the HTML report."""

import json

import pytest
from typer.testing import CliRunner

import toolkit
from toolkit.backends.embedder import FakeEmbedder
from toolkit.backends.fake import FakeGenerator
from toolkit.cli import app
from toolkit.core.errors import EXIT_BAD_INPUT, InputError
from toolkit.export import CHOICES_SCHEMA, export_article, md_text, report_key

ARTICLE = (
    "# A *bold* <script>alert(1)</script> title\n\n"
    "First paragraph of the intro. It has 3 numbers: 1, 2 and 3.\n\n"
    "## Second [section]\n\n"
    "1. Not a list: the first paragraph of the section, with_underscores and #hash.\n\n"
    "- Not a bullet either; the second paragraph of the section ends here.\n"
)


@pytest.fixture(scope="module")
def report() -> dict:
    result = toolkit.compare(ARTICLE, generator=FakeGenerator(), embedder=FakeEmbedder())
    return json.loads(result.to_json())


def _paragraphs(report):
    return [p for s in report["sections"] for p in s["paragraphs"]]


def _choices(report, *items, **extra):
    return {"schema": CHOICES_SCHEMA, "article": report_key(report), **extra,
            "choices": [dict(zip(("paragraph", "rendering", "text"), i)) for i in items]}


def test_without_choices_the_article_is_the_original(report):
    ps = _paragraphs(report)
    text = export_article(report, None, "txt")
    titles = [s["title"] for s in report["sections"] if s["title"]]
    assert text == "\n\n".join([report["title"], *_ordered(report)]) + "\n"
    assert titles and all(t in text for t in titles)
    assert text.index(ps[0]["original"]) < text.index(titles[0]) < text.index(ps[-1]["original"])


def _ordered(report):
    out = []
    for s in report["sections"]:
        if s["title"]:
            out.append(s["title"])
        out += [p["original"] for p in s["paragraphs"]]
    return out


def test_choices_replace_their_paragraphs_and_keep_order_and_headings(report):
    ps = _paragraphs(report)
    first, last = ps[0], ps[-1]
    alt = first["alternatives"][1]["text"]
    choices = _choices(report, (first["id"], "alternative:1", alt), (last["id"], "edit", "My own words."))
    text = export_article(report, choices, "txt")
    assert alt in text and "My own words." in text
    assert first["original"] not in text and last["original"] not in text
    assert ps[1]["original"] in text
    assert text.index(alt) < text.index(report["sections"][-1]["title"]) < text.index("My own words.")
    # no text given: taken from the report
    assert export_article(report, _choices(report, (first["id"], "alternative:1", None))) == \
        export_article(report, choices).replace("My own words.", last["original"])


def test_markdown_escapes_what_would_become_markup(report):
    md = export_article(report, None, "md")
    # (read as plain text, the title and heading keep their '#': shown verbatim)
    assert md.startswith("# \\# A \\*bold\\* \\<script\\>alert(1)\\</script\\> title\n\n")
    assert "\n\n## \\#\\# Second \\[section\\]\n\n" in md
    assert "\n\n1\\. Not a list" in md and "with\\_underscores and \\#hash" in md
    assert "\n\n\\- Not a bullet" in md
    assert md_text("a\n 2) b\n+ c") == "a\n 2\\) b\n\\+ c"
    assert md_text("۱۰۰. Persian digits start no list") == "۱۰۰. Persian digits start no list"


@pytest.mark.parametrize("mutate, message", [
    (lambda r, c: c.update(schema="x"), "not a Parallax choices file"),
    (lambda r, c: c.update(article="0" * 64), "another article"),
    (lambda r, c: c["choices"].append({"paragraph": "s9.p9", "rendering": "original"}), "s9.p9 is not in this report"),
    (lambda r, c: c["choices"].append({"paragraph": _paragraphs(r)[1]["id"], "rendering": "alternative:7"}), "no alternative:7"),
    (lambda r, c: c["choices"].append({"paragraph": _paragraphs(r)[1]["id"], "rendering": "edit"}), "has no text"),
    (lambda r, c: c["choices"].append({"paragraph": _paragraphs(r)[1]["id"], "rendering": "original", "text": "other"}),
     "differs from this report's"),
    (lambda r, c: c["choices"].append(dict(c["choices"][0])), "chosen twice"),
    (lambda r, c: c.update(choices={}), "must be a list"),
])
def test_bad_choices_are_refused_in_one_line(report, mutate, message):
    choices = _choices(report, (_paragraphs(report)[0]["id"], "alternative:0", None))
    mutate(report, choices)
    with pytest.raises(InputError, match=message) as err:
        export_article(report, choices)
    assert "\n" not in str(err.value)


def test_not_a_report_is_refused():
    with pytest.raises(InputError, match="not a Parallax JSON report"):
        export_article({"schema": "other"}, None)
    with pytest.raises(InputError, match="every paragraph needs"):
        export_article({"schema": "parallax/1", "sections": [{"paragraphs": [{"id": "x"}]}]}, None)


def test_cli_writes_the_article_and_refuses_bad_input(report, tmp_path):
    rep = tmp_path / "report.json"
    rep.write_text(json.dumps(report), encoding="utf-8")
    first = _paragraphs(report)[0]
    ch = tmp_path / "choices.json"
    ch.write_text(json.dumps(_choices(report, (first["id"], "alternative:0", None))), encoding="utf-8")
    out = tmp_path / "clean.md"
    r = CliRunner().invoke(app, ["export", str(rep), "--choices", str(ch), "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert out.read_text(encoding="utf-8") == export_article(report, json.loads(ch.read_text()), "md")
    r = CliRunner().invoke(app, ["export", str(rep)])
    assert r.exit_code == 0 and r.stdout == export_article(report, None, "txt")

    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    for args in (["export", str(rep), "--choices", str(bad), "-o", str(tmp_path / "x.md")],
                 ["export", str(tmp_path / "missing.json"), "-o", str(tmp_path / "x.md")],
                 ["export", str(ch), "-o", str(tmp_path / "x.md")],
                 ["export", str(rep), "--format", "pdf"]):
        r = CliRunner().invoke(app, args)
        assert r.exit_code == EXIT_BAD_INPUT, (args, r.output)
        lines = r.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("parallax: error: "), r.stderr
        assert not (tmp_path / "x.md").exists()
