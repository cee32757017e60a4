"""Batch runs over folders of versions: the convention, the cache key, systems.csv and the index."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from pathlib import Path

from toolkit.backends.embedder import FakeEmbedder
from toolkit.batch import run_batch
from toolkit.batch.versions import group_versions
from toolkit.batch.walk import find_articles
from toolkit.core.config import Settings

ARTICLE = """Border talks

The two governments met in Vienna on Monday to discuss the border. Both delegations said the talks were useful.

The first round ended without an agreement on the disputed river crossing. A second round is planned for March.

Observers expect a long process. Neither side has changed its public position since the ceasefire of 2020.
"""
REFERENCE = ARTICLE.replace("to discuss", "to talk about").replace("without an", "with no")
EDITED = REFERENCE.replace("Observers expect", "Observers foresee")
WORSE = """Border talks

Monday the met governments two.

Round first ended the.

Expect observers.
"""


def _folder(root: Path) -> Path:
    files = {"a.txt": ARTICLE, "a.ref.txt": REFERENCE, "a.edited.txt": EDITED, "a.worse.txt": WORSE,
             "sub/b.txt": ARTICLE.replace("Vienna", "Geneva"), "sub/b.ref.txt": REFERENCE.replace("Vienna", "Geneva"),
             "sub/b.edited.txt": EDITED.replace("Vienna", "Geneva"), "sub/b.worse.txt": WORSE,
             "lone.v2.txt": ARTICLE}  # no lone.txt beside it: an article of its own
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


def test_group_versions_follows_the_folder_convention(tmp_path):
    in_dir = _folder(tmp_path / "in")
    articles, versions, refs = group_versions(find_articles(in_dir)[0])
    assert [s.rel for s in articles] == ["a.txt", "lone.v2.txt", "sub/b.txt"]
    assert {k: [n for n, _ in v] for k, v in versions.items()} == {"a.txt": ["edited", "worse"],
                                                                  "sub/b.txt": ["edited", "worse"]}
    assert {k: v.rel for k, v in refs.items()} == {"a.txt": "a.ref.txt", "sub/b.txt": "sub/b.ref.txt"}
    _, _, refs = group_versions(find_articles(in_dir)[0], reference_tag="edited")
    assert refs["a.txt"].rel == "a.edited.txt"


def test_batch_with_versions_writes_systems_csv_and_the_corpus_table(tmp_path):
    in_dir, out = _folder(tmp_path / "in"), tmp_path / "out"
    settings = replace(Settings(), strategies=("none",), cache_dir=str(tmp_path / "cache"))
    report = run_batch(in_dir, out, settings, embedder=FakeEmbedder(), versions=True)
    assert report.failed == 0 and report.done == 3
    a = json.loads((out / "a.txt.json").read_text())
    assert [v["name"] for v in a["versions"]] == ["article", "edited", "worse", "reference"]
    assert "versions" not in json.loads((out / "lone.v2.txt.json").read_text())
    rows = list(csv.DictReader(io.StringIO((out / "systems.csv").read_text())))
    assert [r["system"] for r in rows] == ["article", "edited", "worse"]
    assert all(r["articles"] == "2" and r["segments"] == "6" for r in rows)
    worse = rows[2]
    assert float(worse["chrF"]) < float(rows[0]["chrF"]) < float(rows[1]["chrF"])
    assert float(worse["chrF_ci_low"]) <= float(worse["chrF"]) <= float(worse["chrF_ci_high"])
    index = (out / "index.html").read_text()
    assert 'id="systems"' in index and "Systems over 2 articles with a reference (6 segments)" in index
    # a changed version invalidates its article's cached report (and only that one)
    (in_dir / "a.edited.txt").write_text(EDITED.replace("foresee", "predict"), encoding="utf-8")
    again = run_batch(in_dir, out, settings, embedder=FakeEmbedder(), versions=True)
    assert (again.done, again.cached) == (1, 2)
