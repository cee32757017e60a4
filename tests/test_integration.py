"""Real model packs, end to end. Needs `parallax models pull smollm2-135m minilm-l6` (CI does it)."""

import pytest

import toolkit
from toolkit.core.config import load_settings
from toolkit.models.registry import pack_manifest
from toolkit.tasks.textutil import copy_ratio

pytestmark = pytest.mark.integration


def _require(pack: str) -> None:
    cache = load_settings(None)[0].cache_path()
    if pack_manifest(cache, pack) is None:
        pytest.fail(f"model pack {pack} is not installed: run `parallax models pull {pack}` first")


@pytest.fixture(scope="module")
def tiny_summary():
    _require("smollm2-135m")
    return toolkit.summarize(toolkit.load_article("samples/caucasus-moscow-baku.txt"), "fast")


def test_tiny_pack_summarizes_every_section(tiny_summary):
    result = tiny_summary
    assert len(result.sections) == 4
    for sr in result.sections:
        s = sr.summary
        assert s.text.strip(), sr.section.id
        assert 1 <= len(s.sentences) <= 2
        assert copy_ratio(s.text, sr.section.text) < 1.0  # not a verbatim copy
    sig = result.to_dict()["signature"]
    assert sig["models"]["generator"]["id"] == "smollm2-135m"
    assert sig["models"]["generator"]["sha256"] == (
        "b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53")


def test_minilm_extractive_summary():
    _require("minilm-l6")
    result = toolkit.summarize("samples/caucasus-moscow-baku.txt", "fast", summary_method="extractive")
    art_text = " ".join(p.text for p in result.article.paragraphs)
    for sr in result.sections:
        assert 1 <= len(sr.summary.sentences) <= 2
        assert all(s in art_text for s in sr.summary.sentences)  # nothing invented
    assert result.signature.embedder.sha256.startswith("53aa5117")


def test_tiny_pack_with_a_glossary_flags_every_missed_term(tmp_path):
    """The glossary reaches the real engine's prompts; each reply is flagged iff it misses a term."""
    _require("smollm2-135m")
    glossary = tmp_path / "terms.toml"
    glossary.write_text('[terms]\nAmbrair = "Embraer"\nActao = "Aktau"\n', encoding="utf-8")
    text = ("Crash\n\nThe passenger plane Ambrair of Azal crashed near the city of Actao in Kazakhstan "
            "last December, killing four people.\n")
    result = toolkit.retranslate(text, "fast", glossary=str(glossary))
    assert ("glossary", result.signature.to_dict()["options"]["glossary"]) in result.signature.options
    for alt in result.paragraphs[0].alternatives:
        if not alt.text:
            continue
        missed = {f.text for f in alt.flags if f.kind == "glossary-miss"}
        for term, preferred in (("Ambrair", "Embraer"), ("Actao", "Aktau")):
            used = preferred.lower() in alt.text.lower()
            assert used != bool(missed & {term, preferred}), (alt.strategy, alt.text, missed)
