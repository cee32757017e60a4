"""Translator QA through the API and the CLI: glossary in prompts, retries, review file, filters."""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

import toolkit
from toolkit.backends import _LOADED
from toolkit.backends.embedder import FakeEmbedder
from toolkit.backends.fake import FakeGenerator
from toolkit.batch import run_batch
from toolkit.cli import app
from toolkit.core.config import Settings
from toolkit.core.errors import ConfigError, InputError
from toolkit.ingest import load_article
from toolkit.qa.glossary import load_glossary
from toolkit.qa.review import load_review
from toolkit.render.html import render_html

runner = CliRunner()

CRASH = (
    "Crash report\n\nThe Ambrair 190 of AZAL crashed near Actao on Wednesday, the ministry said.\n\n"
    "Baku blamed Moscow for the crash and recalled its ambassador."
)
GLOSSARY = 'keep = ["AZAL"]\n\n[terms]\nAmbrair = "Embraer"\nActao = "Aktau"\n'
VACCINE = (
    "A new study published on Monday found that the vaccine reduced hospital admissions by more "
    "than half among older adults, researchers said, adding that trials will continue."
)


def passage(prompt) -> str:
    return prompt.user.rsplit("\n\n", 1)[-1]


def light_edit(text: str) -> str:
    """A faithful post-edit: a word or two changed, nothing added."""
    return (
        text.replace("blamed", "held").replace("crashed", "went down").replace("said", "reported")
    )


@pytest.fixture
def glossary_file(tmp_path):
    path = tmp_path / "terms.toml"
    path.write_text(GLOSSARY, encoding="utf-8")
    return path


# ------------------------------------------------------------------ glossary
def test_glossary_goes_into_the_prompts_and_misses_are_flagged(glossary_file):
    def reply(prompt):
        text = light_edit(passage(prompt))
        if (
            "You post-edit news" in prompt.system
            and 'replace every "Ambrair" with "Embraer"' in prompt.user
        ):
            text = text.replace("Ambrair", "Embraer").replace("Actao", "Aktau")
        return text

    fake = FakeGenerator(reply=reply)
    result = toolkit.retranslate(load_article(CRASH), generator=fake, glossary=str(glossary_file))
    crash_prompts = [p.user for p in fake.prompts if "Ambrair" in passage(p)]
    assert crash_prompts and all(
        'In your reply, replace every "Ambrair" with "Embraer", every "Actao" with "Aktau".' in u
        and 'Keep these exactly as written: "AZAL".' in u
        for u in crash_prompts
    )
    other = [p.user for p in fake.prompts if "Baku blamed" in passage(p)]
    assert other and not any("In your reply, replace" in u for u in other)
    post, fluent = result.paragraphs[0].alternatives
    assert "Embraer" in post.text and not [f for f in post.flags if f.kind == "glossary-miss"]
    misses = {f.text for f in fluent.flags if f.kind == "glossary-miss"}
    assert misses == {"Ambrair", "Actao"}
    assert ("glossary", load_glossary(glossary_file).sha256[:12]) in result.signature.options


def test_glossary_files_toml_and_csv(tmp_path):
    csv_file = tmp_path / "g.csv"
    csv_file.write_text("term,preferred\nAmbrair,Embraer\nAZAL,\n", encoding="utf-8")
    g = load_glossary(csv_file)
    assert [(t.term, t.preferred, t.keep) for t in g.terms] == [
        ("Ambrair", "Embraer", False),
        ("AZAL", "AZAL", True),
    ]
    bad = tmp_path / "g.toml"
    bad.write_text("[terms]\nAmbrair = 3\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="maps each term"):
        load_glossary(bad)
    with pytest.raises(InputError, match="no such glossary"):
        load_glossary(tmp_path / "missing.toml")
    tbx = tmp_path / "g.tbx"
    tbx.write_text("<martif/>", encoding="utf-8")
    with pytest.raises(ConfigError, match="TBX"):
        load_glossary(tbx)


# ------------------------------------------------------------------ replies that are not renderings
def test_refusal_is_retried_once_then_flagged():
    art = load_article("Baku blamed Moscow for the crash and recalled its ambassador on Monday.")
    fake = FakeGenerator()
    fake.enqueue(
        "I'm sorry, but I cannot assist with that request.",
        "Baku held Moscow responsible for the crash and recalled its ambassador on Monday.",
    )
    (alt,) = (
        toolkit.retranslate(art, generator=fake, strategies="fluent").paragraphs[0].alternatives
    )
    assert alt.attempts == 2 and not alt.flags
    fake.enqueue(
        "I'm sorry, but I cannot assist with that request.",
        "As an AI language model, I cannot rewrite news.",
    )
    (alt,) = (
        toolkit.retranslate(art, generator=fake, strategies="fluent").paragraphs[0].alternatives
    )
    assert alt.attempts == 2 and "refusal" in [f.kind for f in alt.flags]


def test_text_invented_around_a_short_line_is_retried_then_flagged():
    art = load_article("Original Article\n")  # a one-line page: the line is the paragraph
    assert [p.text for p in art.paragraphs] == ["Original Article"]
    fake = FakeGenerator(reply=lambda p: light_edit(passage(p)))
    fake.enqueue(VACCINE, VACCINE)
    (alt,) = (
        toolkit.retranslate(art, generator=fake, strategies="post-edit").paragraphs[0].alternatives
    )
    assert alt.attempts == 2 and "length-ratio" in [f.kind for f in alt.flags]
    assert (
        "invented around a short line"
        in next(f for f in alt.flags if f.kind == "length-ratio").detail
    )
    fake.enqueue(VACCINE, "Original article.")
    (alt,) = (
        toolkit.retranslate(art, generator=fake, strategies="post-edit").paragraphs[0].alternatives
    )
    assert alt.attempts == 2 and alt.text == "Original article." and not alt.flags


# ------------------------------------------------------------------ review file
REVIEW = """
[[reviewed]]
paragraph = "s0.p1"
version = "original"
kind = "leftover-script"
text = "۱۰۰"
note = "the model number, harmless"
"""


def test_review_marks_flags_in_every_renderer(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Crash\n\nThe plane “Ambrair ۱۰۰ crashed near Baku.\n", encoding="utf-8")
    review = tmp_path / "parallax.review.toml"
    review.write_text(REVIEW, encoding="utf-8")
    fake = FakeGenerator(reply=lambda p: light_edit(passage(p)))
    plain = toolkit.compare(article, generator=fake, embedder=FakeEmbedder())
    assert plain.flag_counts()["leftover-script"] == 1
    result = toolkit.compare(article, generator=fake, embedder=FakeEmbedder(), review=review)
    noise = result.paragraphs[0].noise
    assert [f.reviewed for f in noise if f.kind == "leftover-script"] == [True]
    assert [f.kind for f in noise if not f.reviewed] == ["unpaired-quote"]  # still counted
    assert "leftover-script" not in result.flag_counts()
    html = render_html(result)
    assert re.search(r'class="flag noise reviewed"[^>]*>leftover-script: ۱۰۰ · reviewed<', html)
    assert "reviewed × 1" in html
    assert "~~`leftover-script` «۱۰۰»~~ (reviewed)" in result.to_markdown()
    data = json.loads(result.to_json())
    noise = data["sections"][0]["paragraphs"][0]["noise"]
    assert [f["reviewed"] for f in noise if f["kind"] == "leftover-script"] == [True]
    assert "leftover-script" not in data["flag_counts"]


def test_review_file_errors_are_one_line(tmp_path):
    bad = tmp_path / "r.toml"
    bad.write_text('[[reviewed]]\nparagraph = "s1.p1"\nkind = "spacing"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="entry 1 needs text"):
        load_review(bad)


# ------------------------------------------------------------------ CLI
@pytest.fixture
def fake_engines(monkeypatch, tmp_path):
    """The CLI's fake backend with a faithful light edit; the fake embedder."""
    monkeypatch.setenv("PARALLAX_CACHE_DIR", str(tmp_path / "cache"))
    fake = FakeGenerator(reply=lambda p: light_edit(passage(p)))
    monkeypatch.setitem(_LOADED, ("gen", "fake"), fake)
    return fake


def compare_cli(*args: str):
    return runner.invoke(app, ["compare", *args, "--backend", "fake", "--embedder", "fake", "-q"])


def test_fail_on_major_exits_1_on_a_changed_number_and_0_on_a_clean_file(tmp_path, fake_engines):
    article = tmp_path / "a.txt"
    article.write_text(
        "News\n\nBaku recalled its ambassador after 38 people died in the crash.\n",
        encoding="utf-8",
    )
    ok = compare_cli(str(article), "--fail-on", "major", "-o", str(tmp_path / "ok.json"))
    assert ok.exit_code == 0, ok.output
    fake_engines.reply = lambda p: light_edit(passage(p)).replace("38", "83")
    bad = compare_cli(str(article), "--fail-on", "major", "-o", str(tmp_path / "bad.json"))
    assert bad.exit_code == 1
    assert "severity major or worse (changed-number)" in bad.output
    assert (tmp_path / "bad.json").is_file()  # the report is still written
    assert compare_cli(str(article), "--fail-on", "fatal").exit_code == 2


def test_reviewed_flag_stays_silenced_across_reruns(tmp_path, fake_engines):
    article = tmp_path / "a.txt"
    article.write_text("Crash\n\nThe plane “Ambrair ۱۰۰ crashed near Baku.\n", encoding="utf-8")
    (tmp_path / "parallax.review.toml").write_text(
        REVIEW
        + """
[[reviewed]]
paragraph = "s0.p1"
kind = "unpaired-quote"
text = "The plane “Ambrair ۱۰۰ crashed"
""",
        encoding="utf-8",
    )
    for run in range(2):
        r = compare_cli(str(article), "--fail-on", "minor", "-o", str(tmp_path / f"r{run}.html"))
        assert r.exit_code == 0, r.output
        html = (tmp_path / f"r{run}.html").read_text(encoding="utf-8")
        assert html.count(" · reviewed</span>") == 2 and "reviewed × 2" in html
    other = tmp_path / "elsewhere.toml"
    other.write_text("", encoding="utf-8")
    r = compare_cli(
        str(article), "--fail-on", "minor", "--review", str(other), "-o", str(tmp_path / "x.json")
    )
    assert r.exit_code == 1  # an empty review file given explicitly: nothing is silenced


def test_only_and_ignore_on_the_command_line(tmp_path, fake_engines):
    article = tmp_path / "a.txt"
    article.write_text(
        "News\n\nThe plane “Ambrair ۱۰۰ crashed near Baku ( on Monday.\n", encoding="utf-8"
    )
    r = compare_cli(str(article), "--format", "json", "--ignore", "unpaired-quote,marks")
    kinds = {f["kind"] for f in json.loads(r.stdout)["sections"][0]["paragraphs"][0]["noise"]}
    assert (
        "unpaired-quote" not in kinds
        and "unpaired-bracket" not in kinds
        and "leftover-script" in kinds
    )
    r = compare_cli(str(article), "--format", "json", "--only", "unpaired-bracket")
    d = json.loads(r.stdout)
    kinds = {f["kind"] for f in d["sections"][0]["paragraphs"][0]["noise"]}
    assert kinds == {"unpaired-bracket"}
    assert "only:unpaired-bracket" in d["signature"]["text"]
    r = compare_cli(str(article), "--only", "bracket")
    assert r.exit_code == 2 and "--only bracket: not a flag kind or check" in r.output


def test_glossary_suggest_from_an_article_and_a_report(tmp_path, sample_path):
    r = runner.invoke(app, ["glossary", "suggest", str(sample_path)])
    assert r.exit_code == 0, r.output
    assert '"Actao" = "Aktau"' in r.stdout and '"Grozen" = "Grozny"' in r.stdout
    assert "# Actao: the article names Kazakhstan" in r.stdout
    assert '"۱۰۰" = "100"' in r.stdout
    report = {
        "schema": "parallax/1",
        "sections": [
            {
                "paragraphs": [
                    {
                        "id": "s2.p2",
                        "original": "The Ambrair plane crashed.",
                        "noise": [
                            {
                                "kind": "name-variant",
                                "text": "Ambrair -> Embraer",
                                "detail": "in post-edit, fluent",
                            }
                        ],
                    }
                ]
            }
        ],
    }
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "a.json").write_text(json.dumps(report), encoding="utf-8")
    out = tmp_path / "suggested.toml"
    r = runner.invoke(app, ["glossary", "suggest", str(folder), "-o", str(out)])
    assert r.exit_code == 0, r.output
    g = load_glossary(out)  # the suggestions load as a glossary as they are
    assert [(t.term, t.preferred) for t in g.terms] == [("Ambrair", "Embraer")]
    r = runner.invoke(app, ["glossary", "suggest", str(tmp_path / "nope")])
    assert r.exit_code == 2 and "no such file or folder" in r.output


def test_batch_uses_the_review_file_beside_each_article_and_fail_on(tmp_path):
    in_dir = tmp_path / "in"
    (in_dir / "a").mkdir(parents=True)
    (in_dir / "a" / "one.txt").write_text(
        "One\n\nThe plane “Ambrair crashed near Baku.\n", encoding="utf-8"
    )
    (in_dir / "two.txt").write_text(
        "Two\n\nThe plane “Ambrair crashed near Baku.\n", encoding="utf-8"
    )
    (in_dir / "a" / "parallax.review.toml").write_text(
        """
[[reviewed]]
article = "one.txt"
paragraph = "*"
kind = "unpaired-quote"
text = "The plane “Ambrair crashed near"
""",
        encoding="utf-8",
    )
    settings = Settings(cache_dir=str(tmp_path / "cache"))
    fake = FakeGenerator(reply=lambda p: light_edit(passage(p)))
    out = tmp_path / "out"
    run_batch(in_dir, out, settings, generator=fake, embedder=FakeEmbedder())

    def quote_flags(rel):
        data = json.loads((out / f"{rel}.json").read_text(encoding="utf-8"))
        return [
            f["reviewed"]
            for s in data["sections"]
            for p in s["paragraphs"]
            for f in p["noise"]
            if f["kind"] == "unpaired-quote"
        ]

    assert quote_flags("a/one.txt") == [True] and quote_flags("two.txt") == [False]
    calls = len(fake.history)
    report = run_batch(in_dir, out, settings, generator=fake, embedder=FakeEmbedder())
    assert report.cached == 2 and len(fake.history) == calls  # a rerun: cached, still reviewed
    assert quote_flags("a/one.txt") == [True]
    from toolkit.qa.gate import failing_reports

    assert failing_reports(out, "minor") == {"two.txt.json": 1}
