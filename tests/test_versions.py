"""Versions made elsewhere: alignment across segmentations, agreement, scores and significance."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import toolkit
from toolkit.backends.embedder import FakeEmbedder
from toolkit.backends.fake import FakeGenerator
from toolkit.cli import app
from toolkit.comparison.consensus import agreement_matrix, consensus
from toolkit.comparison.versions import align_version, load_version

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "caucasus-moscow-baku.txt"

VERSIONS = ROOT / "samples" / "versions"
EDITED = VERSIONS / "caucasus-moscow-baku.edited.txt"
ENGINE_B = VERSIONS / "caucasus-moscow-baku.engine-b.txt"
TRUNCATED = VERSIONS / "caucasus-moscow-baku.truncated.txt"
REFERENCE = VERSIONS / "caucasus-moscow-baku.ref.txt"

BASE = """Border talks

The two governments met in Vienna on Monday to discuss the border. Both delegations said the talks were useful.

The first round ended without an agreement on the disputed river crossing. A second round is planned for March.

Observers expect a long process. Neither side has changed its public position since the ceasefire of 2020.

Local traders complained that the closed crossing costs them money every day. Some have moved their business to the north.

The foreign ministers will meet again after the elections. Their deputies will prepare a draft text.
"""

# merges paragraphs 1+2, splits 3, drops 4, adds a boilerplate line and an unaligned remark
VERSION = """Border talks

The two governments met in Vienna on Monday to talk about the border. Both delegations called the talks useful. The first round ended with no agreement on the disputed river crossing. A second round is planned for March.

Observers expect a long process.

Neither side has changed its public stance since the 2020 ceasefire.

Share this article

The foreign ministers will meet again after the elections. Their deputies are to prepare a draft text.

This translation was reviewed by our editors.
"""


def _texts(article):
    return [s.text for p in article.paragraphs for s in p.sentences]


@pytest.mark.parametrize("embed", [FakeEmbedder().embed, None], ids=["fake-embedder", "lexical"])
def test_merge_split_drop_and_boilerplate_align_and_nothing_is_lost(embed):
    base, other = load_version(BASE), load_version(VERSION)
    assert [r.text for r in other.metadata.removed] == ["Share this article"]  # a share button
    placed = align_version(base, other, embed)
    p1, p2, p3, p4, p5 = (placed[p.id] for p in base.paragraphs)
    assert p1.text == ("The two governments met in Vienna on Monday to talk about the border. "
                       "Both delegations called the talks useful.")
    assert p2.text == ("The first round ended with no agreement on the disputed river crossing. "
                       "A second round is planned for March.")
    assert p1.aligned_from == p2.aligned_from == (other.paragraphs[0].id,)  # the merged paragraph
    assert p3.text == ("Observers expect a long process. Neither side has changed its public "
                       "stance since the 2020 ceasefire.")
    assert p3.aligned_from == (other.paragraphs[1].id, other.paragraphs[2].id)  # the split one
    assert p4.text == "" and len(p4.missing) == 2  # dropped
    assert p5.unaligned == ("This translation was reviewed by our editors.",)
    assert p5.text.endswith("This translation was reviewed by our editors.")
    # every sentence of the version lands in exactly one paragraph, in order
    assert " ".join(p.text for p in placed.values() if p.text) == " ".join(_texts(other))


def test_result_flags_missing_and_extra_text_and_keeps_removed_boilerplate():
    r = toolkit.compare(BASE, embedder=FakeEmbedder(), strategies="none", versions={"desk": VERSION})
    vc = r.versions
    assert [v.name for v in vc.versions] == ["article", "desk"]
    desk = vc.versions[1]
    assert [x.text for x in desk.removed] == ["Share this article"]
    cells = [vc.paragraph(p.id).cell("desk") for p in r.article.paragraphs]
    assert [f.kind for f in cells[3].flags] == ["missing-text"]
    assert "extra-text" in [f.kind for f in cells[4].flags]
    d = r.to_dict()
    assert d["versions"][1] == {"name": "desk", "kind": "given", "path": None,
                                "removed": [{"kind": "share", "text": "Share this article",
                                             "reason": "a common interface phrase"}]}
    para = d["sections"][0]["paragraphs"][2]
    assert para["versions"]["desk"]["aligned_from"] == ["s0.p2", "s0.p3"]
    assert para["versions"]["article"]["text"] == r.article.paragraphs[2].text
    assert "scores" not in d and "significance" not in d  # no reference


def test_versions_flag_facts_one_version_has_and_the_article_does_not():
    changed = BASE.replace("March", "April 2026").replace("Vienna", "Geneva")
    r = toolkit.compare(BASE, embedder=FakeEmbedder(), strategies="none", versions={"x": changed})
    kinds = {f.kind for pv in r.versions.paragraphs for f in pv.cell("x").flags}
    assert {"added-number", "added-name"} <= kinds


def test_agreement_matrix_and_consensus_pick_the_version_closest_to_the_others():
    texts = ["the talks in Vienna ended", "the talks in Vienna have ended", "talks ended in Vienna",
             "a completely different sentence about fishing"]
    m = agreement_matrix(texts)
    assert m[0][0] == 100.0 and m[0][1] == m[1][0]
    assert consensus(["a", "b", "c", "d"], m) in ("a", "b")
    assert consensus(["a"], agreement_matrix(texts[:1])) is None


@pytest.fixture(scope="module")
def ranked():
    return toolkit.compare(SAMPLE, embedder=FakeEmbedder(), strategies="none", trials=2000,
                           versions={"edited": EDITED, "engine-b": ENGINE_B, "truncated": TRUNCATED,
                                     "copy": SAMPLE},
                           reference=REFERENCE)


def test_a_clearly_worse_version_is_ranked_last_and_significantly_worse(ranked):
    vc = ranked.versions
    order = [s.name for s in vc.ranking()]
    assert order[-1] == "truncated"
    assert order[0] == "edited"
    for metric in ("BLEU", "chrF", "TER"):
        assert vc.p_value("truncated", metric) < 0.05
        assert vc.p_value("truncated", metric, "approximate-randomization") < 0.05
        assert vc.significant("truncated", metric)
        lo, hi = next(s for s in vc.scores if s.name == "truncated").interval(metric)
        assert lo <= next(s for s in vc.scores if s.name == "truncated").score(metric) <= hi + 0.5


def test_identical_versions_are_not_significantly_different(ranked):
    vc = ranked.versions
    article = next(s for s in vc.scores if s.name == "article")
    copy = next(s for s in vc.scores if s.name == "copy")
    assert copy.scores == article.scores and copy.ci95 == article.ci95
    for metric in ("BLEU", "chrF", "TER"):
        assert vc.p_value("copy", metric) == 1.0
        assert not vc.significant("copy", metric)


def test_json_contract_of_scores_and_significance(ranked):
    d = ranked.to_dict()
    assert [(v["name"], v["kind"]) for v in d["versions"]] == [
        ("article", "article"), ("edited", "given"), ("engine-b", "given"), ("truncated", "given"),
        ("copy", "given"), ("reference", "reference")]
    s = d["scores"]["edited"]
    assert set(s) == {"BLEU", "chrF", "TER", "ci95", "signature", "gain"}
    assert s["ci95"]["chrF"][0] <= s["chrF"] <= s["ci95"]["chrF"][1]
    assert "gain" not in d["scores"]["article"]
    assert "nrefs:1|bs:1000|seed:12345" in s["signature"]["BLEU"]
    assert "reference" not in d["scores"]
    t = d["significance"][0]
    assert set(t) >= {"baseline", "system", "metric", "p_value", "method"} and t["baseline"] == "article"
    assert {x["method"] for x in d["significance"]} == {"paired-bootstrap", "approximate-randomization"}
    para = d["sections"][1]["paragraphs"][0]
    assert set(para["versions"]) == {"article", "edited", "engine-b", "truncated", "copy", "reference"}
    assert set(para["versions"]["edited"]["scores"]) == {"BLEU", "chrF", "TER"}
    assert para["versions"]["reference"]["scores"] == {}


def test_gain_over_the_article_counts_segments_and_lists_the_worst(ranked):
    d = ranked.to_dict()["scores"]
    n = len(ranked.article.paragraphs)
    for name in ("edited", "engine-b", "truncated", "copy"):
        g = d[name]["gain"]
        assert g["baseline"] == "article"
        assert sum(g["segments"][k] for k in ("better", "worse", "same")) == n
        assert abs(g["delta"]["chrF"] - (d[name]["chrF"] - d["article"]["chrF"])) < 1e-3
        assert [w["delta"] for w in g["worst"]] == sorted(w["delta"] for w in g["worst"])
        assert all(w["delta"] < -1 for w in g["worst"])
    truncated = d["truncated"]["gain"]
    assert truncated["segments"]["worse"] == n and truncated["harmed"]["segments"] == n
    assert truncated["worst"][0]["baseline"] and truncated["worst"][0]["chrF"] < truncated["worst"][0]["baseline_chrF"]
    copy = d["copy"]["gain"]
    assert copy["segments"]["same"] == n and copy["worst"] == [] and copy["delta"]["chrF"] == 0
    edited = d["edited"]["gain"]
    assert edited["delta"]["chrF"] > 0 and edited["segments"]["better"] > edited["segments"]["worse"]


def test_to_pandas_has_one_row_per_paragraph_and_version_and_plot_draws_intervals(ranked):
    df = ranked.to_pandas()
    assert len(df) == len(ranked.article.paragraphs) * 6
    assert set(df.version) == {"article", "edited", "engine-b", "truncated", "copy", "reference"}
    assert df[df.version == "truncated"].ref_chrf.mean() < df[df.version == "edited"].ref_chrf.mean()
    assert df[df.version == "reference"].bleu.isna().all()
    fig = ranked.plot()
    assert len(fig.axes) == 3 and fig.axes[0].get_title().startswith("BLEU")
    assert len(fig.axes[0].patches) == 5  # one bar per scored version


def test_markdown_and_terminal_show_the_ranking(ranked):
    md = ranked.to_markdown()
    assert "## Versions" in md and "| 5 | truncated | given |" in md
    from rich.console import Console

    from toolkit.render.terminal import print_result

    console = Console(record=True, width=160)
    print_result(ranked, console)
    text = console.export_text()
    assert "Versions against the reference" in text and "truncated" in text


def test_generated_alternatives_appear_as_versions():
    r = toolkit.compare(BASE, generator=FakeGenerator(), embedder=FakeEmbedder(), strategies="post-edit",
                        versions={"desk": VERSION}, reference=BASE)
    vc = r.versions
    assert [(v.name, v.kind) for v in vc.versions] == [
        ("article", "article"), ("desk", "given"), ("post-edit", "generated"),
        ("suggested", "generated"), ("reference", "reference")]  # the suggestion is a version too
    pe = [vc.paragraph(p.id).cell("post-edit").text for p in r.article.paragraphs]
    assert pe == [p.alternatives[0].text for p in r.paragraphs]
    assert [vc.paragraph(p.paragraph.id).cell("suggested").text for p in r.paragraphs] == [
        p.suggestion.text for p in r.paragraphs]
    assert {s.name for s in vc.scores} == {"article", "desk", "post-edit", "suggested"}
    assert {g.name for g in vc.gains} == {"desk", "post-edit", "suggested"}


def test_strategies_none_loads_no_generator(monkeypatch):
    from toolkit import backends

    def refuse(*a, **k):
        raise AssertionError("a generator was loaded")

    monkeypatch.setattr(backends, "load_generator", refuse)
    r = toolkit.compare(BASE, embedder=FakeEmbedder(), strategies="none", versions={"desk": VERSION})
    assert r.signature.generator is None and r.article_summary is None
    assert all(not p.alternatives for p in r.paragraphs)


# ------------------------------------------------------------------ CLI
runner = CliRunner()


def test_cli_with_names_and_errors(tmp_path):
    v = tmp_path / "deepl.txt"
    v.write_text(VERSION, encoding="utf-8")
    a = tmp_path / "a.txt"
    a.write_text(BASE, encoding="utf-8")
    out = tmp_path / "r.json"
    res = runner.invoke(app, ["compare", str(a), "--strategies", "none", "--embedder", "fake",
                              "--with", str(v), "--with", f"desk={v}", "-o", str(out), "-q"])
    assert res.exit_code == 0, res.output
    assert [x["name"] for x in json.loads(out.read_text())["versions"]] == ["article", "deepl", "desk"]
    for args, message in (
        (["--with", f"x={tmp_path / 'missing.txt'}"], "no such file"),
        (["--with", f"x={v}", "--with", f"x={v}"], "two versions are named 'x'"),
        (["--with", "=nothing"], "expected NAME=FILE"),
        (["--with", f"x={v}", "--segments", "lines"], "lines, but the article has"),
    ):
        res = runner.invoke(app, ["compare", str(a), "--strategies", "none", "--embedder", "fake", *args])
        assert res.exit_code == 2, (args, res.output)
        assert message in res.output and "Traceback" not in res.output
        assert len(res.output.strip().splitlines()) == 1
