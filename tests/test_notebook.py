"""The notebook experience with fake engines: rich HTML, DataFrames, charts, progress, reuse."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
import types
from pathlib import Path

import pytest

import toolkit
import toolkit.backends
from toolkit.backends import load_generator
from toolkit.backends.embedder import FakeEmbedder
from toolkit.backends.fake import FakeGenerator
from toolkit.notebook import (
    PARAGRAPH_COLUMNS,
    SUMMARY_COLUMNS,
    TqdmProgress,
    default_progress,
    in_notebook,
    tqdm_progress,
)
from toolkit.render.html import render_html

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "notebooks" / "compare_translations.ipynb"
PAYLOAD = (
    "Talks <script>alert(1)</script> in Baku\n\n"
    "The minister said <script>alert(1)</script> that 12 points were agreed. See "
    '<img src=x onerror=alert(1)> and <a href="javascript:alert(1)">this link</a> '
    "or [that](javascript:alert(2)).\n\n"
    "A second paragraph on the talks in Moscow, javascript:alert(3) included."
)
TEMPLATE_TAGS = {"a", "article", "b", "del", "details", "div", "h1", "h2", "h4", "header", "ins",
                 "li", "mark", "ol", "p", "section", "span", "style", "summary", "table", "td", "th",
                 "tr", "ul"}  # "b": the metadata box's labels ("Source language:" is always there)


@pytest.fixture
def compared(sample_path):
    return toolkit.compare(sample_path, generator=FakeGenerator(), embedder=FakeEmbedder())


# --- to_pandas -----------------------------------------------------------------------------


def test_compare_frame_has_a_row_per_paragraph_and_alternative(compared):
    df = compared.to_pandas()
    assert list(df.columns) == list(PARAGRAPH_COLUMNS)
    assert len(compared.paragraphs) == 22
    assert len(df) == 44  # 22 paragraphs x the default strategies post-edit and fluent
    assert df.groupby("paragraph").size().eq(2).all()
    assert df.strategy.value_counts().to_dict() == {"post-edit": 22, "fluent": 22}
    assert list(df.section.unique()) == ["s0", "s1", "s2", "s3"]
    assert set(df.model) == {"fake"}
    for col in ("chrf", "ter", "similarity", "agreement", "uncertainty"):
        assert df[col].dtype == "float64" and df[col].notna().all(), col
    assert df.chrf.between(0, 100).all() and df.uncertainty.between(0, 1).all()


def test_compare_frame_matches_the_result(compared):
    df = compared.to_pandas().set_index(["paragraph", "strategy"])
    for pr in compared.paragraphs:
        for alt, ac in zip(pr.alternatives, pr.comparison.alternatives):
            row = df.loc[(pr.paragraph.id, alt.strategy)]
            assert row.original == pr.paragraph.text and row.alternative == alt.text
            assert row.chrf == pytest.approx(ac.metrics.chrf)
            assert row.ter == pytest.approx(ac.metrics.ter)
            assert row.similarity == pytest.approx(ac.metrics.similarity)
            assert row.agreement == pytest.approx(pr.comparison.metrics.agreement)
            assert row.uncertainty == pytest.approx(pr.uncertainty)
            assert row["flags"] == [f.kind for f in alt.flags + pr.noise]


def test_flag_columns_and_filtering_to_flagged_rows(compared):
    df = compared.to_pandas()
    assert (df.n_flags == df["flags"].map(len)).all()
    flagged = df[df.n_flags > 0]
    assert 0 < len(flagged) < len(df)
    # the noise in the original (Persian digits left in s2.p2) shows on both of its rows
    noisy = flagged[flagged.paragraph == "s2.p2"]
    assert len(noisy) == 2 and all("leftover-script" in kinds for kinds in noisy["flags"])
    assert "leftover-script: ۱۰۰" in noisy.flag_text.iloc[0]
    for kinds, text in zip(flagged["flags"], flagged.flag_text):
        assert text.split("; ")[0].split(":")[0] == kinds[0]
    assert (df[df.n_flags == 0].flag_text == "").all()


def test_summarize_frame_has_a_row_per_section(sample_path, fake):
    result = toolkit.summarize(sample_path, generator=fake)
    df = result.to_pandas()
    assert list(df.columns) == list(SUMMARY_COLUMNS)
    assert list(df.section) == ["s0", "s1", "s2", "s3"]
    assert list(df.summary) == [sr.summary.text for sr in result.sections]
    assert (df.n_sentences >= 1).all()


def test_retranslate_frame_has_no_scores(sample_path, fake):
    df = toolkit.retranslate(sample_path, generator=fake).to_pandas()
    assert len(df) == 44 and list(df.columns) == list(PARAGRAPH_COLUMNS)
    assert df.chrf.isna().all() and df.uncertainty.isna().all()


# --- _repr_html_ ---------------------------------------------------------------------------


def test_repr_html_is_the_scoped_report_fragment(compared):
    html = compared._repr_html_()
    assert html == render_html(compared, fragment=True)
    assert html.lstrip().startswith('<div class="parallax-report">')
    assert "<html" not in html and "<body" not in html and "<!DOCTYPE" not in html
    css = re.search(r"<style>(.*?)</style>", html, re.DOTALL).group(1)
    css = re.sub(r"@media[^{]*\{", "", css)  # the rules inside @media are checked like the rest
    selectors = [rule.split("{")[0] for rule in css.split("}") if "{" in rule]
    assert selectors
    for group in selectors:
        for sel in group.split(","):
            assert sel.strip().startswith(".parallax-report"), sel


def test_repr_html_escapes_article_text():
    article = toolkit.load_article(PAYLOAD)
    assert "<script>" in article.title and "<img src=x" in article.paragraphs[0].text  # untouched
    result = toolkit.compare(article, generator=FakeGenerator(), embedder=FakeEmbedder())
    html = result._repr_html_()
    tags = set(re.findall(r"<\s*/?\s*([a-zA-Z][\w-]*)", html))
    assert tags <= TEMPLATE_TAGS, tags - TEMPLATE_TAGS
    assert "<script" not in html.lower() and "<img" not in html.lower()
    links = re.findall(r'href="([^"]*)"', html)
    assert links and all(h.startswith("#") for h in links)
    # the payload is visible as text
    assert "Talks &lt;script&gt;alert(1)&lt;/script&gt; in Baku" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "&lt;a href=&#34;javascript:alert(1)&#34;&gt;this link&lt;/a&gt;" in html


# --- plot ----------------------------------------------------------------------------------


def test_plot_returns_a_figure_with_two_axes(compared):
    import matplotlib.pyplot as plt
    from matplotlib.figure import Figure

    open_before = plt.get_fignums()
    fig = compared.plot()
    assert isinstance(fig, Figure)
    assert len(fig.axes) == 2
    scores, flags = fig.axes
    assert len(scores.patches) == 2 * len(compared.sections)  # agreement + similarity per section
    counts = compared.flag_counts()
    assert sorted(t.get_text() for t in flags.get_yticklabels()) == sorted(counts)
    assert sorted(p.get_width() for p in flags.patches) == sorted(counts.values())
    assert plt.get_fignums() == open_before  # nothing left open in pyplot (shown once in Jupyter)
    fig.savefig(io.BytesIO(), format="png")


def test_plot_of_a_summary_has_no_scores(sample_path, fake):
    fig = toolkit.summarize(sample_path, generator=fake).plot()
    assert len(fig.axes) == 2
    assert not fig.axes[0].patches
    assert "no comparison scores" in fig.axes[0].texts[0].get_text()


# --- engines and progress ------------------------------------------------------------------


def test_a_loaded_generator_serves_every_call(monkeypatch, sample_path):
    monkeypatch.setattr(toolkit.backends, "_LOADED", {})  # a fresh "kernel"
    settings = toolkit.settings_for(None, backend="fake")
    first = toolkit.summarize(sample_path, settings)
    gen = load_generator(settings)
    calls = len(gen.history)
    assert calls > 0  # the first summarize ran on this very object
    second = toolkit.summarize(sample_path, settings)
    assert load_generator(settings) is gen and len(gen.history) == 2 * calls
    assert first.to_pandas().equals(second.to_pandas())


def test_tqdm_progress_shows_a_bar_per_stage(sample_path, fake, fake_embedder):
    out = io.StringIO()
    with tqdm_progress(file=out, mininterval=0) as progress:
        toolkit.compare(sample_path, generator=fake, embedder=fake_embedder, progress=progress)
    text = out.getvalue()
    for stage in ("summaries", "post-edit", "fluent"):
        assert re.search(rf"{stage}: \d+item", text), stage
    assert re.search(r"comparing: 22item", text)


def test_tqdm_progress_keeps_one_bar_per_stage_when_stages_interleave():
    out = io.StringIO()
    progress = tqdm_progress(file=out, mininterval=0)
    progress("a", 2)
    first = progress._bar
    progress("b", 1)
    progress("a", 3)  # the stages of compare run side by side: their events interleave
    assert first.n == 5 and not first.disable
    assert progress._bar is not first and progress._bar.desc == "b"
    progress.close()
    assert first.disable  # tqdm disables a bar when it closes it
    progress.close()  # twice is fine
    assert "a: 5item" in out.getvalue() and "b: 1item" in out.getvalue()


def test_default_progress_only_in_a_jupyter_kernel(monkeypatch):
    assert not in_notebook() and default_progress() is None
    shell = type("ZMQInteractiveShell", (), {})()
    monkeypatch.setitem(sys.modules, "IPython", types.SimpleNamespace(get_ipython=lambda: shell))
    assert in_notebook() and isinstance(default_progress(), TqdmProgress)
    terminal = type("TerminalInteractiveShell", (), {})()
    monkeypatch.setitem(sys.modules, "IPython", types.SimpleNamespace(get_ipython=lambda: terminal))
    assert not in_notebook()


def test_notebook_helpers_import_nothing_heavy():
    code = ("import sys, toolkit, toolkit.core.results, toolkit.notebook; "
            "print([m for m in ('pandas', 'matplotlib', 'tqdm', 'IPython') if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# --- the notebook file ---------------------------------------------------------------------


def test_notebook_is_committed_clean_and_holds_no_logic():
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    code = ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]
    assert code and all(c["cell_type"] in ("code", "markdown") for c in nb["cells"])
    for cell in (c for c in nb["cells"] if c["cell_type"] == "code"):
        assert cell["outputs"] == [] and cell["execution_count"] is None
    source = "\n".join(code)
    assert not re.search(r"^\s*(def|class|for|while|if|with)\b", source, re.MULTILINE)
    imports = re.findall(r"^\s*(?:import|from)\s+([\w.]+)", source, re.MULTILINE)
    assert {i.split(".")[0] for i in imports} <= {"toolkit", "pandas"}, imports
    assert 'toolkit.compare(article, "fast"' in source
    assert '"../samples/caucasus-moscow-baku.txt"' in source
