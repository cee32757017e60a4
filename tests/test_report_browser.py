"""The interactive report and batch index in a real Chromium, driven by Playwright.

Only the DOM contract of the README is used to find things: ``data-paragraph``, ``data-flags``,
``input[name=flag]``, ``[data-rendering]``, ``.flag[data-kind]``. Pages are served from a
localhost http.server so localStorage persists across a reload in the same browser context.
"""

from __future__ import annotations

import functools
import http.server
import json
import threading
import tomllib
from pathlib import Path

import pytest

import toolkit
from toolkit.backends.embedder import FakeEmbedder
from toolkit.backends.fake import FakeGenerator
from toolkit.core.flag_walk import by_paragraph
from toolkit.export import export_article
from toolkit.render.html import render_html
from toolkit.render.index import IndexRow, render_index

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(),
                                reason="needs Debian's chromium at /usr/bin/chromium (apt-get install chromium)")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """Serve a folder with the sample's report (fake engines) over http://127.0.0.1."""
    result = toolkit.compare("samples/caucasus-moscow-baku.txt", generator=FakeGenerator(),
                             embedder=FakeEmbedder())
    root = tmp_path_factory.mktemp("site")
    (root / "report.html").write_text(render_html(result), encoding="utf-8")
    rows = [IndexRow(path=f"{name}.txt", title=title, sections=s, paragraphs=p, flags=flags,
                     least_id="s1.p1", least_uncertainty=u, report=f"{name}.html", site=site, date=date)
            for name, title, s, p, flags, u, site, date in [
                ("a", "Alpha <b>", 2, 5, {"added-date": 2}, 0.30, "Mehr", "2024-01-02"),
                ("b", "Bravo", 3, 9, {}, 0.10, "IRNA", "2023-05-06"),
                ("c", "Charlie", 1, 2, {"added-date": 1, "leftover-script": 4}, 0.55, "Mehr", None)]]
    (root / "index.html").write_text(render_index(rows), encoding="utf-8")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                             functools.partial(_Quiet, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield result, f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        yield b
        b.close()


@pytest.fixture
def page(browser):
    """A fresh context; collects console errors/warnings, page errors and every request."""
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    page.problems, page.requests = [], []
    page.on("console", lambda m: m.type in ("error", "warning") and page.problems.append(m.text))
    page.on("pageerror", lambda e: page.problems.append(str(e)))
    context.on("request", lambda r: page.requests.append(r.url))
    yield page
    context.close()


def _visible(page) -> list[str]:
    return page.eval_on_selector_all(
        "[data-paragraph]",
        "els => els.filter(e => e.offsetParent !== null).map(e => e.dataset.paragraph)")


def _download(page, action: str) -> str:
    with page.expect_download() as d:
        page.click(f"button[data-action={action}]")
    return Path(d.value.path()).read_text(encoding="utf-8")


def test_filter_triage_choose_and_export(site, page):
    result, base = site
    url = f"{base}/report.html"
    page.goto(url)
    every = [pr.paragraph.id for pr in result.paragraphs]
    assert _visible(page) == every

    # filter by one kind, then two: only paragraphs carrying a checked kind show
    placed = by_paragraph(result.flags())
    kinds = {pid: {f.kind for f in placed.get(pid, ())} for pid in every}
    noisy = [p for p in every if "leftover-script" in kinds[p]]
    assert 0 < len(noisy) < len(every)
    page.check("input[type=checkbox][name=flag][value=leftover-script]")
    assert _visible(page) == noisy
    assert page.eval_on_selector_all("[data-paragraph]:not([hidden])", "e => e.length") == len(noisy)
    assert f"Showing {len(noisy)} of {len(every)}" in page.text_content(".px-status")
    page.check("input[name=flag][value=dropped-number]")
    assert _visible(page) == [p for p in every if kinds[p] & {"leftover-script", "dropped-number"}]
    page.uncheck("input[name=flag][value=dropped-number]")

    # keyboard: j goes to the next flagged paragraph
    page.locator("body").click(position={"x": 1, "y": 1})
    page.keyboard.press("j")
    assert page.evaluate("document.activeElement.dataset.paragraph") == noisy[0]

    # mark a flag reviewed; it is still reviewed after a reload
    pid = noisy[0]
    chip = page.locator(f"[data-paragraph='{pid}'] .flag[data-kind=leftover-script]").first
    quoted = chip.get_attribute("data-text")
    button = page.locator(f"[data-paragraph='{pid}'] .flag[data-kind=leftover-script] + .px-rev").first
    button.click()
    page.locator(f"[data-paragraph='{pid}'] .px-note").first.fill("a stray digit; fine")
    page.reload()
    button = page.locator(f"[data-paragraph='{pid}'] .flag[data-kind=leftover-script] + .px-rev").first
    assert button.get_attribute("aria-pressed") == "true"
    assert "reviewed" in page.locator(f"[data-paragraph='{pid}'] .flag[data-kind=leftover-script]").first.get_attribute("class")
    assert _visible(page) == every  # filters are not kept, marks are
    review = tomllib.loads(_download(page, "export-review"))
    assert {"paragraph": pid, "kind": "leftover-script", "text": quoted,
            "note": "a stray digit; fine"} in review["reviewed"]

    # pick alternatives for two paragraphs (and edit a third), download the article
    picks = {every[0]: 1, every[5]: 0}
    for p, k in picks.items():
        page.check(f"[data-paragraph='{p}'] input[type=radio][value='alternative:{k}']")
    page.check(f"[data-paragraph='{every[7]}'] input[type=radio][value=edit]")
    page.fill(f"[data-paragraph='{every[7]}'] textarea", "An edited paragraph, in my words.")
    text = _download(page, "export-txt")
    by_id = {pr.paragraph.id: pr for pr in result.paragraphs}
    for p, k in picks.items():
        assert by_id[p].alternatives[k].text in text
        assert by_id[p].paragraph.text not in text
    assert "An edited paragraph, in my words." in text
    # a paragraph nobody picked for keeps its preselected suggestion (the original when none)
    assert by_id[every[1]].suggestion.text in text
    suggested = next(p for p in every[8:] if by_id[p].suggestion.source != "original")
    page.check(f"[data-paragraph='{suggested}'] input[type=radio][value=original]")
    text = _download(page, "export-txt")
    assert by_id[suggested].paragraph.text in text
    titles = [sr.section.title for sr in result.sections if sr.section.title]
    positions = [text.index(t) for t in [result.article.title, *titles]]
    assert positions == sorted(positions)

    # the CLI makes the same article from the JSON report and the downloaded choices
    choices = json.loads(_download(page, "export-choices"))
    preset = [p for p in every if by_id[p].suggestion.source != "original"
              and p not in (every[0], every[5], every[7])]
    assert [c["paragraph"] for c in choices["choices"]] == sorted(
        [every[0], every[5], every[7], *preset], key=every.index)
    assert next(c for c in choices["choices"] if c["paragraph"] == suggested)["rendering"] == "original"
    report = json.loads(result.to_json())
    assert export_article(report, choices, "txt") == text
    assert export_article(report, choices, "md") == _download(page, "export-md")

    assert page.problems == []
    assert set(page.requests) == {url}  # the page itself, twice (load and reload), nothing else


def test_sort_section_search_and_hide_done(site, page):
    result, base = site
    page.goto(f"{base}/report.html")
    every = [pr.paragraph.id for pr in result.paragraphs]
    page.select_option("select[name=sort]", "uncertainty")
    order = page.eval_on_selector_all("[data-paragraph]", "els => els.map(e => e.dataset.paragraph)")
    by_uncertainty = sorted(result.paragraphs, key=lambda p: -p.uncertainty)
    assert order[:3] == [p.paragraph.id for p in by_uncertainty[:3]]
    page.select_option("select[name=sort]", "")
    assert page.eval_on_selector_all("[data-paragraph]", "els => els.map(e => e.dataset.paragraph)") == every
    page.select_option("select[name=section]", "s2")
    assert _visible(page) == [p for p in every if p.startswith("s2.")]
    page.fill("input[name=q]", "AZAL")
    shown = _visible(page)
    assert shown and all("azal" in page.locator(f"[data-paragraph='{p}']").text_content().lower()
                         for p in shown)
    page.click("button[data-action=reset]")
    page.check(f"[data-paragraph='{every[2]}'] .px-done input")
    page.check("input[name=hide-done]")
    assert every[2] not in _visible(page) and len(_visible(page)) == len(every) - 1
    page.emulate_media(media="print")
    assert page.locator("#px-tools").is_hidden()
    assert page.problems == []


def test_index_sorts_and_filters(site, page):
    _, base = site
    page.goto(f"{base}/index.html")

    def titles():
        return page.eval_on_selector_all("tbody tr:not([hidden]) td:first-child a",
                                         "els => els.map(e => e.textContent)")

    assert titles() == ["Alpha <b>", "Bravo", "Charlie"]
    page.click("th:has-text('Flags') button")  # most flags first
    assert titles() == ["Charlie", "Alpha <b>", "Bravo"]
    page.click("th:has-text('Least certain') button")
    assert titles() == ["Charlie", "Alpha <b>", "Bravo"]
    page.click("th:has-text('Date') button")
    assert titles() == ["Alpha <b>", "Bravo", "Charlie"]  # newest first; no date last
    page.check("input[name=flag][value=leftover-script]")
    assert titles() == ["Charlie"]
    page.uncheck("input[name=flag][value=leftover-script]")
    page.select_option("select[name=site]", "IRNA")
    assert titles() == ["Bravo"]
    assert "Showing 1 of 3 articles" in page.text_content(".px-status")
    assert page.problems == []
