import json

from typer.testing import CliRunner

import toolkit
from toolkit.backends.embedder import FakeEmbedder
from toolkit.backends.fake import FakeGenerator
from toolkit.cli import app


def test_compare_reuses_one_generator_for_summaries_and_rewrites(sample_path):
    gen, emb = FakeGenerator(), FakeEmbedder()
    result = toolkit.compare(sample_path, generator=gen, embedder=emb)
    users = [p.user for p in gen.prompts]
    assert any("Write a summary" in u for u in users) and any("You post-edit news" in p.system for p in gen.prompts)
    assert result.task == "compare" and len(result.paragraphs) == 22
    assert all(pr.comparison is not None and len(pr.comparison.alternatives) == 2 for pr in result.paragraphs)


def test_compare_json_contract(sample_path):
    d = toolkit.compare(sample_path, generator=FakeGenerator(), embedder=FakeEmbedder()).to_dict()
    assert d["schema"] == "parallax/1" and d["task"] == "compare"
    p = d["sections"][2]["paragraphs"][1]
    assert set(p["metrics"]) == {"agreement", "agreement_semantic", "mean_chrf", "mean_similarity", "uncertainty"}
    assert ("leftover-script", "۱۰۰") in {(f["kind"], f["text"]) for f in p["noise"]}
    alt = p["alternatives"][0]
    assert set(alt) >= {"strategy", "model", "text", "flags", "metrics", "alignment", "diff", "sentences"}
    covered = sorted(i for row in alt["alignment"] for i in row["original"])
    assert covered == list(range(len(p["sentences"])))
    ev = d["sections"][1]["summary"]["evidence"]
    assert ev and {"sentence", "supported", "support"} <= set(ev[0])
    assert len(d["least_certain"]) == 5 and d["flag_counts"]["leftover-script"] >= 2
    assert d["signature"]["models"]["embedder"]["id"] == "fake-embedder"
    assert set(d["signature"]["metrics"]) == {"chrf", "ter"}


def test_cli_compare_html_and_formats(sample_path, tmp_path):
    out = tmp_path / "report.html"
    args = ["compare", str(sample_path), "--backend", "fake", "--embedder", "fake", "-q"]
    r = CliRunner().invoke(app, [*args, "-o", str(out)])
    assert r.exit_code == 0, r.output
    html = out.read_text()
    assert html.startswith("<!DOCTYPE html>") and html.rstrip().endswith("</html>")
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]  # no temp files left behind
    r = CliRunner().invoke(app, [*args, "-f", "json"])
    assert json.loads(r.stdout)["task"] == "compare"
    r = CliRunner().invoke(app, [*args, "-f", "md"])
    assert "**Least certain paragraphs:**" in r.stdout and "~~" in r.stdout
    r = CliRunner().invoke(app, [*args], env={"COLUMNS": "160"})
    assert r.exit_code == 0 and "Least certain paragraphs" in r.stdout


def test_failed_run_leaves_no_output_file(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    out = tmp_path / "report.html"
    r = CliRunner().invoke(app, ["compare", str(empty), "--backend", "fake", "--embedder", "fake", "-q", "-o", str(out)])
    assert r.exit_code == 2 and not out.exists()
