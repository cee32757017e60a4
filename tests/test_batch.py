"""Batch runs over folders (fake engines): reports, errors, cache, index, path safety, CLI."""

from __future__ import annotations

import csv
import io
import json
import time
from pathlib import Path

import pytest
from batch_corpus import PNG, article_text, make_corpus
from typer.testing import CliRunner

from toolkit.backends.embedder import FakeEmbedder
from toolkit.backends.fake import FakeGenerator, default_reply
from toolkit.batch import run_batch
from toolkit.batch.walk import compile_glob, find_articles, output_path
from toolkit.cli import app
from toolkit.core.config import Settings
from toolkit.core.errors import EXIT_SOME_FAILED, ConfigError, ModelUnavailable


def read_csv(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def without_timings(path: Path) -> dict:
    data = json.loads(path.read_text(encoding="utf-8"))
    data.pop("timings")
    return data


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings(cache_dir=str(tmp_path / "cache"))


@pytest.fixture
def corpus(tmp_path) -> tuple[Path, list[str]]:
    root = tmp_path / "in"
    return root, make_corpus(root, 20)


def test_folder_of_20_articles_and_2_bad_files_then_all_cached_then_one_edit(tmp_path, corpus, settings):
    in_dir, rels = corpus
    out = tmp_path / "out"
    gen, emb = FakeGenerator(), FakeEmbedder()
    report = run_batch(in_dir, out, settings, generator=gen, embedder=emb)

    assert (report.done, report.cached, report.failed) == (20, 0, 2)
    assert report.exit_code == EXIT_SOME_FAILED
    assert gen.history
    for rel in rels:  # mirrored under the output folder
        data = json.loads((out / f"{rel}.json").read_text(encoding="utf-8"))
        assert data["schema"] == "parallax/1" and data["metadata"]["path"] == rel
        assert (out / f"{rel}.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    errors = read_csv(out / "errors.csv")
    assert [(e["path"], e["kind"]) for e in errors] == [("broken/chart.html", "input"), ("broken/empty.txt", "input")]
    assert "PNG" in errors[0]["error"] and "empty" in errors[1]["error"]
    rows = read_csv(out / "results.csv")
    assert [r["path"] for r in rows] == rels
    assert all(int(r["paragraphs"]) >= 2 and r["report"] == f"{r['path']}.html" for r in rows)
    index = (out / "index.html").read_text(encoding="utf-8")
    assert index.count('<div class="path">') == 20 and "broken/empty.txt" in index

    # a second run does no model work at all
    gen2 = FakeGenerator()
    again = run_batch(in_dir, out, settings, generator=gen2, embedder=FakeEmbedder())
    assert (again.done, again.cached, again.failed) == (0, 20, 2)
    assert gen2.history == []

    # editing one article recomputes that one only
    edited = in_dir / "world" / "article-06.txt"
    edited.write_text(edited.read_text(encoding="utf-8").replace("Report 6.", "Report 6, revised."), encoding="utf-8")
    gen3 = FakeGenerator()
    third = run_batch(in_dir, out, settings, generator=gen3, embedder=FakeEmbedder())
    assert (third.done, third.cached, third.failed) == (1, 19, 2)
    asked = " ".join(p.user for p in gen3.prompts)
    assert "revised" in asked and "Report 3." not in asked and "Report 7." not in asked
    assert "revised" in (out / "world" / "article-06.txt.json").read_text(encoding="utf-8")


def test_second_run_rewrites_nothing_and_no_cache_recomputes(tmp_path, settings):
    in_dir = tmp_path / "in"
    rels = make_corpus(in_dir, 3, bad=False)
    out = tmp_path / "out"
    first = run_batch(in_dir, out, settings, generator=FakeGenerator(), embedder=FakeEmbedder())
    assert first.exit_code == 0 and not (out / "errors.csv").exists()
    stamps = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}
    time.sleep(0.02)
    run_batch(in_dir, out, settings, generator=FakeGenerator(), embedder=FakeEmbedder())
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()} == stamps

    gen = FakeGenerator()
    fresh = run_batch(in_dir, out, settings, generator=gen, embedder=FakeEmbedder(), use_cache=False)
    assert (fresh.done, fresh.cached) == (3, 0) and gen.history
    assert all((out / f"{rel}.json").is_file() for rel in rels)


def test_cache_key_follows_settings_and_a_copy_is_a_hit_with_its_own_path(tmp_path, settings):
    in_dir = tmp_path / "in"
    make_corpus(in_dir, 2, bad=False)
    out = tmp_path / "out"
    run_batch(in_dir, out, settings, generator=FakeGenerator(), embedder=FakeEmbedder())

    (in_dir / "copies").mkdir()
    (in_dir / "copies" / "same.txt").write_text(article_text(0), encoding="utf-8")
    gen = FakeGenerator()
    report = run_batch(in_dir, out, settings, generator=gen, embedder=FakeEmbedder())
    assert (report.done, report.cached) == (0, 3) and gen.history == []
    copy = json.loads((out / "copies" / "same.txt.json").read_text(encoding="utf-8"))
    assert copy["metadata"]["path"] == "copies/same.txt"
    original = json.loads((out / "article-00.txt.json").read_text(encoding="utf-8"))
    assert original["metadata"]["path"] == "article-00.txt"
    assert (out / "copies" / "same.txt.html").read_bytes() == (out / "article-00.txt.html").read_bytes()

    # anything that changes the output changes the key: here the summary length
    gen = FakeGenerator()
    other = run_batch(in_dir, out, Settings(cache_dir=settings.cache_dir, sentences=3), generator=gen,
                      embedder=FakeEmbedder())
    # the copy has the original's bytes: computed once, the second file served from the cache
    assert (other.done, other.cached) == (2, 1) and gen.history


def test_json_only_and_html_only_formats(tmp_path, settings):
    in_dir = tmp_path / "in"
    rels = make_corpus(in_dir, 2, bad=False)
    run_batch(in_dir, tmp_path / "j", settings, formats=["json"], generator=FakeGenerator(), embedder=FakeEmbedder())
    assert sorted(p.name for p in (tmp_path / "j").rglob("*.html")) == ["index.html"]
    rows = read_csv(tmp_path / "j" / "results.csv")
    assert [r["json"] for r in rows] == [f"{r}.json" for r in rels] and all(not r["report"] for r in rows)

    run_batch(in_dir, tmp_path / "h", settings, formats=["html"], generator=FakeGenerator(), embedder=FakeEmbedder())
    assert not list((tmp_path / "h").rglob("*.json"))
    assert len(read_csv(tmp_path / "h" / "results.csv")) == 2  # rows from this run, without JSON files


def test_timeout_is_a_per_article_failure(tmp_path, settings):
    in_dir = tmp_path / "in"
    make_corpus(in_dir, 2, bad=False)

    class Slow(FakeGenerator):
        def generate(self, prompts, decoding):
            time.sleep(0.3)
            return super().generate(prompts, decoding)

    t0 = time.perf_counter()
    report = run_batch(in_dir, tmp_path / "out", settings, timeout=0.1, generator=Slow(), embedder=FakeEmbedder())
    assert time.perf_counter() - t0 < 3
    assert report.failed == 2 and {f.kind for f in report.failures} == {"timeout"}
    assert report.exit_code == EXIT_SOME_FAILED


def test_deadline_interrupts_python_code_in_any_thread():
    import threading

    from toolkit.batch.work import ArticleTimeout, deadline

    def spin() -> str:
        try:
            with deadline(0.05):
                while True:
                    sum(range(100))
        except ArticleTimeout:
            return "timed out"
        return "finished"

    assert spin() == "timed out"  # main thread: SIGALRM
    result = []
    t = threading.Thread(target=lambda: result.append(spin()))  # elsewhere (a Ray actor): an async exception
    t.start()
    t.join(5)
    assert result == ["timed out"]
    with deadline(None) as check:
        check()


def test_an_unexpected_exception_in_one_article_does_not_stop_the_run(tmp_path, settings):
    in_dir = tmp_path / "in"
    make_corpus(in_dir, 3, bad=False)

    def reply(prompt):
        if "Report 1." in prompt.user:
            raise RuntimeError("boom")
        from toolkit.backends.fake import default_reply

        return default_reply(prompt)

    report = run_batch(in_dir, tmp_path / "out", settings, generator=FakeGenerator(reply=reply), embedder=FakeEmbedder())
    assert report.done == 2 and [(f.path, f.kind) for f in report.failures] == [("world/article-01.txt", "internal")]
    assert "RuntimeError: boom" in report.failures[0].error


def test_a_model_that_cannot_load_aborts(tmp_path, settings):
    in_dir = tmp_path / "in"
    make_corpus(in_dir, 1, bad=False)
    with pytest.raises(ModelUnavailable, match="not installed|unknown model"):
        run_batch(in_dir, tmp_path / "out", Settings(cache_dir=settings.cache_dir, generator="no-such-model"),
                  embedder=FakeEmbedder())


def test_workers_processes_give_the_same_reports(tmp_path, settings):
    in_dir = tmp_path / "in"
    rels = make_corpus(in_dir, 4, bad=True)
    one = run_batch(in_dir, tmp_path / "one", settings, generator=FakeGenerator(), embedder=FakeEmbedder(),
                    use_cache=False)
    two = run_batch(in_dir, tmp_path / "two", settings, workers=2, generator=FakeGenerator(),
                    embedder=FakeEmbedder(), use_cache=False)
    assert (two.done, two.failed) == (one.done, one.failed) == (4, 2)
    for rel in rels:
        assert without_timings(tmp_path / "one" / f"{rel}.json") == without_timings(tmp_path / "two" / f"{rel}.json")
        assert (tmp_path / "one" / f"{rel}.html").read_bytes() == (tmp_path / "two" / f"{rel}.html").read_bytes()
    assert (tmp_path / "one" / "index.html").read_bytes() == (tmp_path / "two" / "index.html").read_bytes()


# ------------------------------------------------------------------ walking and names
def test_glob_patterns():
    m = compile_glob("**/*.{txt,md,html,htm}")
    assert m("a.txt") and m("x/y/z.MD") and m("a b/c.htm") and not m("a.txt.bak") and not m("a.json")
    top = compile_glob("*.txt")
    assert top("a.txt") and not top("x/a.txt")
    assert compile_glob("news/**")("news/a/b.txt") and compile_glob("[ab]?.txt")("a1.txt")
    assert not compile_glob("[!ab]?.txt")("a1.txt")
    for bad in ("/etc/*.txt", "../*.txt", ""):
        with pytest.raises(ConfigError):
            compile_glob(bad)


def test_walk_stays_inside_the_input_folder(tmp_path):
    root = tmp_path / "in"
    (root / "sub").mkdir(parents=True)
    (root / "sub" / "a.txt").write_text("A title\n\nSome text here.", encoding="utf-8")
    outside = tmp_path / "secret"
    outside.mkdir()
    (outside / "passwd.txt").write_text("x", encoding="utf-8")
    (root / "leak.txt").symlink_to(outside / "passwd.txt")
    (root / "leakdir").symlink_to(outside, target_is_directory=True)
    (root / "sub" / "loop").symlink_to(root, target_is_directory=True)  # a loop
    (root / "alias.txt").symlink_to(root / "sub" / "a.txt")  # inside: fine
    (root / "dangling.txt").symlink_to(root / "nowhere.txt")
    (root / ".hidden.txt").write_text("x", encoding="utf-8")
    (root / "out").mkdir()
    (root / "out" / "old.txt").write_text("x", encoding="utf-8")

    found, skipped = find_articles(root, exclude=root / "out")
    assert [s.rel for s in found] == ["alias.txt", "sub/a.txt"]
    assert {(s.rel, s.kind) for s in skipped} == {("leak.txt", "unsafe-path"), ("leakdir", "unsafe-path"),
                                                 ("dangling.txt", "input")}


def test_output_names_cannot_escape(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    assert output_path(out, "a/b.txt", ".html") == out / "a" / "b.txt.html"
    for rel in ("../x.txt", "/etc/x.txt", "a//b.txt", "a/./b.txt", ""):
        with pytest.raises(ConfigError):
            output_path(out, rel, ".html")
    (out / "evil").symlink_to(tmp_path, target_is_directory=True)
    with pytest.raises(ConfigError):
        output_path(out, "evil/x.txt", ".html")


def test_batch_refuses_symlinked_output_folders_and_escapes_html(tmp_path, settings):
    in_dir = tmp_path / "in"
    (in_dir / "evil").mkdir(parents=True)
    (in_dir / "evil" / "a.txt").write_text(article_text(1), encoding="utf-8")
    hostile = "=cmd|' /C calc'!A0 <script>alert(1)</script>\n\nSome paragraph of news text. It goes on."
    (in_dir / "hostile.txt").write_text(hostile, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "evil").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    (tmp_path / "elsewhere").mkdir()
    report = run_batch(in_dir, out, settings, generator=FakeGenerator(), embedder=FakeEmbedder())
    assert [(f.path, f.kind) for f in report.failures] == [("evil/a.txt", "unsafe-path")]
    assert not list((tmp_path / "elsewhere").iterdir())
    index = (out / "index.html").read_text(encoding="utf-8")
    from toolkit.render.html import script

    own = f"<script>{script('table-sort.js', 'index.js')}</script>"  # the index's own, CSP-hashed
    assert index.count(own) == 1
    index = index.replace(own, "")
    assert "<script" not in index and "&lt;script&gt;" in index and "Content-Security-Policy" in index
    title = read_csv(out / "results.csv")[0]["title"]
    assert title.startswith("'=cmd")  # not a formula when opened in a spreadsheet


def test_a_file_that_fails_now_is_listed_as_an_error_only(tmp_path, settings):
    """A report left from an earlier run (the file then had text; now it is empty) stays on disk but
    is not listed beside the file's error: one line per file in results.csv/errors.csv."""
    in_dir, out = tmp_path / "in", tmp_path / "out"
    in_dir.mkdir()
    (in_dir / "a.txt").write_text(article_text(1), encoding="utf-8")
    (in_dir / "live.txt").write_text(article_text(2), encoding="utf-8")
    run_batch(in_dir, out, settings, generator=FakeGenerator(), embedder=FakeEmbedder())
    assert {r["path"] for r in read_csv(out / "results.csv")} == {"a.txt", "live.txt"}
    (in_dir / "live.txt").write_bytes(b"")
    report = run_batch(in_dir, out, settings, generator=FakeGenerator(), embedder=FakeEmbedder())
    assert report.failed == 1
    assert [r["path"] for r in read_csv(out / "results.csv")] == ["a.txt"]
    assert [e["path"] for e in read_csv(out / "errors.csv")] == ["live.txt"]
    assert (out / "live.txt.json").is_file()  # kept, unlisted
    assert "live.txt.html" not in (out / "index.html").read_text(encoding="utf-8")


def test_stale_temp_files_of_a_killed_run_are_removed(tmp_path, settings):
    in_dir = tmp_path / "in"
    make_corpus(in_dir, 1, bad=False)
    out = tmp_path / "out"
    out.mkdir()
    dead = 2**22 + 12345  # above the default pid_max: no such process
    (out / f".article-00.txt.json.{dead}.tmp").write_text('{"half', encoding="utf-8")
    run_batch(in_dir, out, settings, generator=FakeGenerator(), embedder=FakeEmbedder())
    assert sorted(p.name for p in out.iterdir()) == ["article-00.txt.html", "article-00.txt.json", "index.html",
                                                    "results.csv"]


def test_a_temp_file_left_mid_run_by_another_killed_run_is_removed_too(tmp_path, settings):
    """Two runs on one folder: the other one dies mid-write while this one runs (after its
    start-up sweep); this run's end leaves no temporary file behind either."""
    in_dir = tmp_path / "in"
    make_corpus(in_dir, 2, bad=False)
    out = tmp_path / "out"
    dead = 2**22 + 12346  # above the default pid_max: no such process
    stale = out / f".article-01.txt.json.{dead}.tmp"

    def killed_meanwhile(prompt):
        if not stale.exists():
            stale.write_text('{"half', encoding="utf-8")
        return default_reply(prompt)

    run_batch(in_dir, out, settings, generator=FakeGenerator(reply=killed_meanwhile),
              embedder=FakeEmbedder())
    assert not stale.exists()
    assert not [p.name for p in out.rglob(".*")]


def test_bad_options(tmp_path, settings):
    in_dir = tmp_path / "in"
    make_corpus(in_dir, 1, bad=False)
    kw = {"generator": FakeGenerator(), "embedder": FakeEmbedder()}
    with pytest.raises(ConfigError):
        run_batch(in_dir, in_dir, settings, **kw)
    with pytest.raises(ConfigError):
        run_batch(in_dir, tmp_path / "o", settings, formats=["pdf"], **kw)
    with pytest.raises(ConfigError):
        run_batch(in_dir, tmp_path / "o", Settings(strategies=("from-source",)), **kw)
    with pytest.raises(Exception, match="no such folder"):
        run_batch(tmp_path / "missing", tmp_path / "o", settings, **kw)


# ------------------------------------------------------------------ the command line
@pytest.fixture
def cli_env(tmp_path, monkeypatch):
    """A cache dir with a stand-in embedder folder; load_embedder answers with the fake one."""
    cache = tmp_path / "cache"
    emb = tmp_path / "emb-model"
    emb.mkdir()
    (emb / "config.json").write_text("{}", encoding="utf-8")
    (emb / "model.safetensors").write_bytes(b"not really weights")
    monkeypatch.setenv("PARALLAX_CACHE_DIR", str(cache))
    monkeypatch.setenv("PARALLAX_BACKEND", "fake")
    monkeypatch.setenv("PARALLAX_EMBEDDER", str(emb))
    loads = []

    def fake_load_embedder(settings):
        loads.append(settings.embedder)
        return FakeEmbedder()

    monkeypatch.setattr("toolkit.backends.load_embedder", fake_load_embedder)
    return loads


def test_cli_batch_exit_codes_summary_and_cache_commands(tmp_path, cli_env):
    in_dir = tmp_path / "in"
    make_corpus(in_dir, 3)
    out = tmp_path / "out"
    runner = CliRunner()
    result = runner.invoke(app, ["batch", str(in_dir), "-o", str(out)])
    assert result.exit_code == EXIT_SOME_FAILED, result.output
    assert "done 3, cached 0, failed 2, in" in result.stderr and "errors.csv" in result.stderr
    assert len(read_csv(out / "errors.csv")) == 2 and cli_env

    cli_env.clear()  # everything cached: the models are not even loaded
    result = runner.invoke(app, ["batch", str(in_dir), "-o", str(out), "-q"])
    assert result.exit_code == EXIT_SOME_FAILED
    assert result.stderr.strip() == f"parallax: error: 2 file(s) failed; see {out / 'errors.csv'}"
    assert cli_env == []

    result = runner.invoke(app, ["batch", str(in_dir), "-o", str(out), "--glob", "*.txt", "-q"])
    assert result.exit_code == 0 and result.stderr == ""
    assert not (out / "errors.csv").exists()

    result = runner.invoke(app, ["cache", "info"])
    assert result.exit_code == 0 and "3 cached report(s)" in result.stdout
    result = runner.invoke(app, ["cache", "clear"])
    assert result.exit_code == 0 and "removed 3" in result.stdout
    result = runner.invoke(app, ["batch", str(in_dir), "-o", str(out), "--glob", "*.txt", "-q"])
    assert result.exit_code == 0 and cli_env  # recomputed


def test_cli_batch_model_unavailable_and_bad_usage(tmp_path, cli_env, monkeypatch):
    in_dir = tmp_path / "in"
    make_corpus(in_dir, 1, bad=False)
    runner = CliRunner()
    result = runner.invoke(app, ["batch", str(in_dir), "-o", str(tmp_path / "out"), "--embedder", "minilm-l6"])
    assert result.exit_code == 3 and "parallax models pull minilm-l6" in result.stderr
    result = runner.invoke(app, ["batch", str(in_dir), "-o", str(tmp_path / "out"), "--format", "pdf"])
    assert result.exit_code == 2 and result.stderr.count("\n") == 1
    result = runner.invoke(app, ["batch", str(tmp_path / "nope"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2 and "no such folder" in result.stderr

    monkeypatch.setitem(__import__("sys").modules, "ray", None)  # as if Ray were not installed
    result = runner.invoke(app, ["batch", str(in_dir), "-o", str(tmp_path / "out"), "--engine", "ray"])
    assert result.exit_code == 2
    assert result.stderr.strip() == ("parallax: error: --engine ray needs Ray, which is not installed: "
                                     "pip install 'parallax-toolkit[ray]'")


def test_cli_batch_with_the_fake_engines_selected_by_settings(tmp_path, monkeypatch):
    monkeypatch.setenv("PARALLAX_CACHE_DIR", str(tmp_path / "cache"))
    in_dir = tmp_path / "in"
    rels = make_corpus(in_dir, 2, bad=False)
    out = tmp_path / "out"
    args = ["batch", str(in_dir), "-o", str(out), "--backend", "fake", "--embedder", "fake", "--format", "json"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "done 2, cached 0, failed 0" in result.stderr
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.json")) == [f"{r}.json" for r in rels]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0 and "done 0, cached 2, failed 0" in result.stderr


def test_progress_reports_articles_and_units(tmp_path, settings):
    in_dir = tmp_path / "in"
    make_corpus(in_dir, 2)
    events = []

    class Recorder:
        def begin(self, total, cached, failed):
            events.append(("begin", total, cached, failed))

        def started(self, rel, units):
            events.append(("started", rel, units))

        def advanced(self, rel, n):
            events.append(("advanced", rel, n))

        def finished(self, rel, status, message=None):
            events.append(("finished", rel, status))

        def note(self, text):
            events.append(("note", text))

        def end(self):
            events.append(("end",))

    run_batch(in_dir, tmp_path / "out", settings, generator=FakeGenerator(), embedder=FakeEmbedder(),
              progress=Recorder())
    assert events[-1] == ("end",)
    assert ("begin", 2, 0, 2) in events
    started = {e[1]: e[2] for e in events if e[0] == "started"}
    assert set(started) == {"article-00.txt", "world/article-01.txt"}
    for rel, units in started.items():
        done = sum(e[2] for e in events if e[0] == "advanced" and e[1] == rel)
        assert done >= units * 0.8  # the estimate is close
    assert sorted(e[1:] for e in events if e[0] == "finished") == [
        ("article-00.txt", "done"), ("broken/chart.html", "failed"), ("broken/empty.txt", "failed"),
        ("world/article-01.txt", "done")]


def test_rich_progress_renders(tmp_path, settings):
    from rich.console import Console

    from toolkit.batch import RichProgress

    in_dir = tmp_path / "in"
    make_corpus(in_dir, 2)
    console = Console(file=io.StringIO(), force_terminal=True, width=120)
    run_batch(in_dir, tmp_path / "out", settings, generator=FakeGenerator(), embedder=FakeEmbedder(),
              progress=RichProgress(console))
    text = console.file.getvalue()
    assert "failed" in text and "broken/empty.txt" in text


def test_png_file_message(tmp_path, settings):
    in_dir = tmp_path / "in"
    in_dir.mkdir()
    (in_dir / "x.md").write_bytes(PNG)
    report = run_batch(in_dir, tmp_path / "out", settings, generator=FakeGenerator(), embedder=FakeEmbedder())
    assert report.failures[0].error == "this is a PNG image, not a text article"


def test_max_words_skips_long_articles_and_throughput_is_reported(tmp_path, settings):
    in_dir = tmp_path / "in"
    in_dir.mkdir()
    (in_dir / "short.txt").write_text("Short news\n\nA plane landed in Baku on time today.", encoding="utf-8")
    long_text = "Long news\n\n" + "\n\n".join("The talks in Baku went on for many hours without a deal." for _ in range(30))
    (in_dir / "long.txt").write_text(long_text, encoding="utf-8")
    report = run_batch(in_dir, tmp_path / "out", settings, generator=FakeGenerator(),
                       embedder=FakeEmbedder(), max_words=100)
    assert (report.done, report.failed) == (1, 1)
    errors = read_csv(tmp_path / "out" / "errors.csv")
    assert [(e["path"], e["kind"]) for e in errors] == [("long.txt", "too-long")]
    assert "--max-words 100" in errors[0]["error"]
    assert report.words == 8 and report.tokens > 0
    assert "articles/hour" in report.summary() and "generated tokens/s" in report.summary()
    data = json.loads((tmp_path / "out" / "short.txt.json").read_text(encoding="utf-8"))
    assert data["usage"]["generated_tokens"] == report.tokens
    with pytest.raises(ConfigError):
        run_batch(in_dir, tmp_path / "out2", settings, generator=FakeGenerator(),
                  embedder=FakeEmbedder(), max_words=0)
