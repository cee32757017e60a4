"""The HTML report: content, escaping of untrusted text, and a real browser (headless Chromium)."""

import base64
import hashlib
import html as htmllib
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

import toolkit
from toolkit.backends.embedder import FakeEmbedder
from toolkit.backends.fake import FakeGenerator
from toolkit.render.html import render_html, script

PAYLOAD = (
    "Breaking news\n\n"
    "Officials said <script>document.title='PWNED'</script> that the plane "
    "<img src=x onerror=\"document.body.setAttribute('data-pwned','1')\"> crashed.\n\n"
    "Read more at <a href=\"javascript:document.body.setAttribute('data-pwned','2')\">this link</a> "
    "or [here](javascript:alert(1)) and <iframe src=\"javascript:alert(2)\"></iframe> today.\n"
)


def _compare(source):
    return toolkit.compare(source, generator=FakeGenerator(), embedder=FakeEmbedder())


@pytest.fixture(scope="module")
def sample_html():
    return render_html(_compare("samples/caucasus-moscow-baku.txt"))


def test_report_shows_sections_paragraphs_alternatives_and_flags(sample_html):
    html = sample_html
    assert len(re.findall(r"<section id=\"s\d\"[^>]*>", html)) == 4
    for title in ("Introduction", "Historical and structural contexts of Russian -Baku disputes",
                  "New season of tensions; From air disaster to geopolitical battle"):
        assert f"<h2>{title}</h2>" in html
    paragraphs = re.findall(r'<article class="para" id="(s\d\.p\d+)"[^>]*>(.*?)</article>', html, re.S)
    assert len(paragraphs) == 22
    for _, body in paragraphs:
        assert body.count('<div class="col" ') >= 2  # at least two alternatives beside the original
        assert "Sentence alignment" in body and "chrF" in body and "TER" in body
    assert "<ins>" in html or "<del>" in html
    assert re.search(r'<span class="flag noise"[^>]*>leftover-script: ۱۰۰</span>', html)
    assert re.search(r'<mark class="noise" title="[^"]*">۱۰۰</mark>', html)
    assert "Least certain paragraphs" in html and "Summary" in html


def _csp(html: str) -> dict[str, str]:
    content = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', html).group(1)
    return dict(d.strip().split(" ", 1) for d in htmllib.unescape(content).split(";"))


def _without_own_script(html: str) -> str:
    """Check the page's one script is the report's own, allowed by its hash; return the rest."""
    scripts = re.findall(r"<script>(.*?)</script>", html, re.DOTALL)
    assert scripts == [script("table-sort.js", "report.js")]
    digest = base64.b64encode(hashlib.sha256(scripts[0].encode()).digest()).decode()
    assert _csp(html)["script-src"] == f"'sha256-{digest}'"
    return html.replace(f"<script>{scripts[0]}</script>", "")


def test_report_is_self_contained(sample_html):
    csp = _csp(sample_html)
    assert csp["default-src"] == "'none'" and "unsafe" not in csp["script-src"]
    assert "<script" not in _without_own_script(sample_html)
    assert not re.search(r'(src|href)="(https?:)?//', sample_html)
    assert len(sample_html.encode()) < 400_000  # one file, small enough to mail


def test_fragment_for_jupyter_has_no_script():
    fragment = render_html(_compare("Title\n\nOne paragraph. Another sentence."), fragment=True)
    assert "<script" not in fragment and "Content-Security-Policy" not in fragment
    assert 'data-paragraph="s0.p1"' in fragment  # the static page, with its data attributes


def test_untrusted_text_is_escaped():
    html = render_html(_compare(PAYLOAD))
    body = _without_own_script(html).split("<body>", 1)[1]
    for raw in ("<script", "<img", "<iframe", "<a href=\"javascript", "onerror=\""):
        assert raw not in body
    assert "&lt;script&gt;document.title=&#39;PWNED&#39;&lt;/script&gt;" in body
    fragment = render_html(_compare(PAYLOAD), fragment=True)
    assert "<script" not in fragment and "&lt;img src=x onerror=" in fragment


def _chromium() -> str | None:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is required in CI (.ci/run installs it)")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    return path


def _open_in_chromium(html: str) -> tuple[str, list[str]]:
    """Load a page headless; return its DOM after scripts (if any) ran, and console messages."""
    exe = _chromium()
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "report.html"
        page.write_text(html, encoding="utf-8")
        proc = subprocess.run(
            [exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={tmp}/profile", "--enable-logging=stderr", "--v=0",
             "--virtual-time-budget=2000", "--dump-dom", page.as_uri()],
            capture_output=True, text=True, timeout=120,
        )
    console = [line for line in proc.stderr.splitlines() if ":CONSOLE" in line]
    return proc.stdout, console


def test_sample_report_opens_in_chromium_without_console_errors(sample_html):
    dom, console = _open_in_chromium(sample_html)
    assert console == []
    assert len(re.findall(r'<article class="para"', dom)) == 22
    assert "leftover-script: ۱۰۰" in dom


def test_payload_does_not_execute_in_chromium():
    dom, console = _open_in_chromium(render_html(_compare(PAYLOAD)))
    assert console == []  # nothing even tried to run (the CSP would have logged a violation)
    assert "data-pwned" not in dom.split("<body>", 1)[1].split(">", 1)[0]
    assert "<title>PWNED" not in dom
    assert "&lt;script&gt;document.title='PWNED'&lt;/script&gt;" in dom  # shown as text
