"""One walk over every flag: counts, --fail-on (one file and a batch), review files, renderers.

Every flag sits at one place (a summary, the original, an alternative, a given version); the
generated columns of a comparison across versions show the alternatives themselves and are
never counted twice.
"""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

import toolkit
from toolkit.backends import _LOADED
from toolkit.backends.embedder import FakeEmbedder
from toolkit.backends.fake import FakeGenerator
from toolkit.cli import app
from toolkit.core.flag_walk import walk_flags
from toolkit.qa.gate import failing_flags, failing_reports
from toolkit.qa.review import Review, ReviewEntry

runner = CliRunner()
ARTICLE = ("Crash report\n\nBaku recalled its ambassador after 38 people died in the crash near "
           "Aktau, the ministry said on Wednesday.\n\nMoscow said the talks would go on as "
           "planned in the coming weeks.\n")
VERSION = ARTICLE.replace("38 people", "83 people")  # a given version that changes one number


def passage(prompt) -> str:
    return prompt.user.rsplit("\n\n", 1)[-1]


def changes_a_number(prompt) -> str:
    """Alternatives that keep the text but change the number (a major flag each)."""
    return passage(prompt).replace("38", "39")


@pytest.fixture
def files(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "a.v.txt").write_text(VERSION, encoding="utf-8")
    return folder


@pytest.fixture
def fake_engines(monkeypatch, tmp_path):
    monkeypatch.setenv("PARALLAX_CACHE_DIR", str(tmp_path / "cache"))
    fake = FakeGenerator(reply=changes_a_number)
    monkeypatch.setitem(_LOADED, ("gen", "fake"), fake)
    return fake


def _compare(folder, **kw):
    return toolkit.compare(folder / "a.txt", generator=FakeGenerator(reply=changes_a_number),
                           embedder=FakeEmbedder(), versions={"v": folder / "a.v.txt"}, **kw)


def test_every_flag_is_walked_once_with_its_place(files):
    result = _compare(files)
    placed = result.flags()
    assert placed == walk_flags(result)
    where = {(f.place.where, f.place.version) for f in placed}
    assert ("alternative", "post-edit") in where and ("version", "v") in where
    assert not any(f.place.version == "article" for f in placed)
    # the generated columns are the alternatives: shown there, counted once
    vc = result.versions
    pid = result.paragraphs[0].paragraph.id
    assert vc.paragraph(pid).cell("post-edit").flags == result.paragraphs[0].alternatives[0].flags
    own = [f for pr in result.paragraphs for a in pr.alternatives for f in a.flags]
    own += [f for pr in result.paragraphs for f in pr.noise]
    own += [f for pv in vc.paragraphs for c in pv.cells if c.name == "v" for f in c.flags]
    own += [f for sr in result.sections if sr.summary for f in sr.summary.flags]
    own += list(result.article_summary.flags) if result.article_summary else []
    assert sorted(f.flag.kind for f in placed) == sorted(f.kind for f in own)
    counts = result.flag_counts()
    assert counts["changed-number"] == 3  # post-edit, fluent and the given version, once each
    assert {f.severity for f in placed if f.kind == "changed-number"} == {"major"}


def test_one_file_and_a_batch_of_it_fail_on_the_same_flags(files, fake_engines, tmp_path):
    one = runner.invoke(app, ["compare", str(files / "a.txt"), "--with", f"v={files / 'a.v.txt'}",
                              "--backend", "fake", "--embedder", "fake", "-q", "--fail-on", "major",
                              "-o", str(tmp_path / "one.json")])
    assert one.exit_code == 1, one.output
    single = json.loads((tmp_path / "one.json").read_text(encoding="utf-8"))
    out = tmp_path / "out"
    batch = runner.invoke(app, ["batch", str(files), "-o", str(out), "--versions", "--backend",
                                "fake", "--embedder", "fake", "-q", "--fail-on", "major"])
    assert batch.exit_code == 1, batch.output
    result = _compare(files)
    n = len(failing_flags(result, "major"))
    assert n == 3
    assert failing_reports(out, "major") == {"a.txt.json": n}  # not the alternatives twice
    assert single["flag_counts"] == json.loads(
        (out / "a.txt.json").read_text(encoding="utf-8"))["flag_counts"]


def test_fail_on_sees_a_given_version_without_any_strategy(files, fake_engines, tmp_path):
    """The issue's case: versions made elsewhere, --strategies none, one changed number."""
    args = ["compare", str(files / "a.txt"), "--with", f"v={files / 'a.v.txt'}", "--strategies",
            "none", "--embedder", "fake", "-q", "-o", str(tmp_path / "r.json")]
    r = runner.invoke(app, [*args, "--fail-on", "major"])
    assert r.exit_code == 1 and "changed-number" in r.output
    data = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    flags = [f for s in data["sections"] for p in s["paragraphs"]
             for f in p["versions"]["v"]["flags"]]
    assert [(f["kind"], f["severity"]) for f in flags] == [("changed-number", "major")]
    clean = files / "a.clean.txt"
    clean.write_text(ARTICLE, encoding="utf-8")
    ok = runner.invoke(app, [*args[:2], "--with", f"v={clean}", *args[4:], "--fail-on", "major"])
    assert ok.exit_code == 0, ok.output


def test_a_review_file_marks_version_flags_and_the_generated_columns(files, tmp_path):
    pid = "s0.p1"
    review = Review((ReviewEntry(pid, "changed-number", "83", version="v"),
                     ReviewEntry(pid, "changed-number", "39", version="post-edit")))
    result = _compare(files, review=review)
    vc = result.versions
    assert [f.reviewed for f in vc.paragraph(pid).cell("v").flags] == [True]
    alt = next(a for pr in result.paragraphs if pr.paragraph.id == pid
               for a in pr.alternatives if a.strategy == "post-edit")
    assert [f.reviewed for f in alt.flags if f.kind == "changed-number"] == [True]
    assert vc.paragraph(pid).cell("post-edit").flags == alt.flags  # the column follows
    assert [f.reviewed for f in vc.paragraph(pid).cell("fluent").flags
            if f.kind == "changed-number"] == [False]
    assert result.flag_counts()["changed-number"] == 1
    data = result.to_dict()
    cells = data["sections"][0]["paragraphs"][0]["versions"]
    assert cells["v"]["flags"][0]["reviewed"] and cells["post-edit"]["flags"][0]["reviewed"]


def test_renderers_and_the_data_frame_show_every_place(files):
    result = _compare(files)
    html = result.render("html")
    first = re.search(r'<article class="para" id="s0.p1"[^>]*data-flags="([^"]*)"', html)
    assert "changed-number" in first.group(1).split()  # the paragraph carries its versions' flags
    md = result.to_markdown()
    assert md.count("`changed-number` «83»") == 1
    df = result.to_pandas()  # one row per paragraph and version
    row = df[(df["paragraph"] == "s0.p1") & (df["version"] == "v")].iloc[0]
    assert row["flags"] == ["changed-number"] and row["n_flags"] == 1


def test_strategies_none_runs_every_check_on_the_original_alone(sample_path, monkeypatch):
    """A quick QA pass over a machine translation: no generator, no embedding, every check."""
    def no_generator(*a, **kw):
        raise AssertionError("no generator is loaded with --strategies none")

    monkeypatch.setattr("toolkit.backends.load_generator", no_generator)
    embedder = FakeEmbedder()
    result = toolkit.compare(sample_path, strategies="none", embedder=embedder)
    assert embedder.history == []  # nothing to embed: no alternative, no summary, no version
    kinds = {f.kind for f in result.flags()}
    assert {"leftover-script", "inconsistent-term"} <= kinds  # noise, consistency
    assert {f.place.where for f in result.flags()} == {"original"}
    leftover = [f for f in result.flags() if f.kind == "leftover-script"]
    assert "۱۰۰" in {f.text for f in leftover}
    data = result.to_dict()
    assert data["flag_counts"] == result.flag_counts()
    assert all("noise" in p for s in data["sections"] for p in s["paragraphs"])
