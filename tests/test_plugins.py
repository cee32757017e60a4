"""Plugins through entry points: the example package in tests/plugins/example adds a strategy,
a check with a new flag kind, a metric and a format, with no change in toolkit/.

The package is made visible the way an install would: a ``*.dist-info`` folder holding its
``entry_points.txt`` (written from its pyproject.toml) on ``PYTHONPATH`` of a subprocess, next
to its source. Nothing is installed into the environment, so other tests never see the plugin.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "tests" / "plugins" / "example"

ARTICLE = """Flights resume between Moscow and Baku

The airline said on Monday that 12 flights a week will run between Moscow and Baku from May.

Tickets went on sale yesterday, and the first flight leaves on 3 May with 150 passengers.
"""


def _dist_info(site: Path, name: str, version: str, groups: dict[str, dict[str, str]]) -> None:
    """Write the metadata an installed distribution has: METADATA and entry_points.txt."""
    folder = site / f"{name.replace('-', '_')}-{version}.dist-info"
    folder.mkdir(parents=True)
    (folder / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n", encoding="utf-8")
    lines = []
    for group, entries in groups.items():
        lines.append(f"[{group}]")
        lines += [f"{key} = {value}" for key, value in entries.items()]
        lines.append("")
    (folder / "entry_points.txt").write_text("\n".join(lines), encoding="utf-8")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """A folder with the example plugin's dist-info, as pip would leave it."""
    site = tmp_path_factory.mktemp("site")
    project = tomllib.loads((EXAMPLE / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    _dist_info(site, project["name"], project["version"], project["entry-points"])
    return site


@pytest.fixture(scope="module")
def article(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("article") / "flights.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def run(site: Path, *args: str, extra: tuple[Path, ...] = ()) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PARALLAX_")}
    if "PARALLAX_CACHE_DIR" in os.environ:
        env["PARALLAX_CACHE_DIR"] = os.environ["PARALLAX_CACHE_DIR"]
    paths = [ROOT, EXAMPLE / "src", site, *extra]
    env["PYTHONPATH"] = os.pathsep.join(map(str, paths))
    env["HF_HUB_OFFLINE"] = "1"
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, env=env, check=False,
                          cwd=ROOT, timeout=120)


def test_parallax_plugins_lists_what_the_package_added(site):
    r = run(site, "-m", "toolkit", "plugins")
    assert r.returncode == 0, r.stderr
    assert r.stderr == ""
    for entry in ("strategy:plain-english", "check:much-shorter", "flag kind:much-shorter",
                  "metric:length_ratio", "renderer:tsv"):
        assert entry in r.stdout
    assert "from parallax-example-plugin" in r.stdout
    assert "plain-english        plugin parallax-example-plugin" in r.stdout
    assert "post-edit            builtin" in r.stdout


def test_plugin_strategy_and_format_from_the_cli(site, article):
    r = run(site, "-m", "toolkit", "retranslate", str(article), "--backend", "fake",
            "--strategies", "plain-english,post-edit", "--format", "tsv", "-q")
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0] == "paragraph\tstrategy\tflags\talternative"
    strategies = [line.split("\t")[1] for line in lines[1:]]
    assert strategies == ["plain-english", "post-edit"] * 2
    # the fake generator drops every 4th word: the plugin's check sees it
    assert all("much-shorter" in line.split("\t")[2] for line in lines[1:])
    # -o with the plugin format's suffix picks it too; --help lists both
    help_text = run(site, "-m", "toolkit", "retranslate", "--help").stdout
    assert "plain-english" in help_text and "tsv" in help_text


def test_plugin_prompts_are_the_ones_sent(site, article):
    code = f"""
import toolkit
from toolkit.backends.fake import FakeGenerator
gen = FakeGenerator()
r = toolkit.retranslate({str(article)!r}, generator=gen, strategies="plain-english")
print(gen.prompts[0].system)
print(r.signature.short())
"""
    r = run(site, "-c", code)
    assert r.returncode == 0, r.stderr
    system, signature = r.stdout.splitlines()
    assert system == "You rewrite news in plain English for people learning the language."
    assert "strategies:plain-english" in signature


def test_plugin_flag_in_html_legend_and_metric_in_dataframe(site, article):
    code = f"""
import json, toolkit
from toolkit.backends.embedder import FakeEmbedder
from toolkit.backends.fake import FakeGenerator
r = toolkit.compare({str(article)!r}, generator=FakeGenerator(), embedder=FakeEmbedder())
df = r.to_pandas()
html = r.render("html")
legend = html[html.index('<section class="box legend">'):]
legend = legend[:legend.index("</section>")]
d = r.to_dict()
print(json.dumps({{"columns": list(df.columns), "ratio": df["length_ratio"].tolist(),
                   "legend": legend, "md": r.to_markdown(),
                   "alt_metrics": d["sections"][0]["paragraphs"][0]["alternatives"][0]["metrics"],
                   "metrics": d["signature"]["metrics"]}}))
"""
    r = run(site, "-c", code)
    assert r.returncode == 0, r.stderr
    import json

    out = json.loads(r.stdout)
    cols = out["columns"]
    assert cols.index("similarity") < cols.index("length_ratio") < cols.index("agreement")
    assert all(0.5 < x < 0.9 for x in out["ratio"])  # fake replies drop every 4th word
    assert "much-shorter" in out["legend"]
    assert "under 80% of the original" in out["legend"]  # its help from the flag table
    assert "len 0." in out["md"]  # Markdown lists the registry's metrics
    assert set(out["alt_metrics"]) == {"chrf", "ter", "similarity", "length_ratio"}
    assert out["metrics"]["length_ratio"] == "length_ratio:words|v1"


def test_broken_plugin_is_one_warning_and_the_cli_still_works(site, article, tmp_path):
    broken = tmp_path / "broken"
    (broken / "parallax_broken").mkdir(parents=True)
    (broken / "parallax_broken" / "__init__.py").write_text(
        "raise RuntimeError('this plugin is broken on purpose')\n", encoding="utf-8")
    _dist_info(broken, "parallax-broken", "1.0", {"parallax.checks": {"bad": "parallax_broken"}})
    r = run(site, "-m", "toolkit", "retranslate", str(article), "--backend", "fake",
            "--strategies", "plain-english", "-f", "json", "-q", extra=(broken,))
    assert r.returncode == 0, r.stderr
    warnings = r.stderr.splitlines()
    assert len(warnings) == 1, r.stderr
    assert warnings[0].startswith("parallax: warning: plugin 'bad' (parallax_broken, from "
                                  "parallax-broken) failed to load: RuntimeError: this plugin")
    assert '"strategy": "plain-english"' in r.stdout
    listing = run(site, "-m", "toolkit", "plugins", extra=(broken,))
    assert listing.returncode == 0
    assert "FAILED: RuntimeError: this plugin is broken on purpose" in listing.stdout


BROKEN_AT_CALL = '''
from toolkit.comparison.metric_registry import Metric, register_metric
from toolkit.qa.registry import Check, register_check
from toolkit.render.registry import Renderer, register_renderer

def explode(*args):
    raise ZeroDivisionError("broken on purpose at call time")

register_check(Check("explodes", ("much-shorter",), explode, help="always raises"))
register_check(Check("explodes-original", ("much-shorter",), explode, target="original"))
register_metric(Metric("explodes", "explodes", True, compute=explode))
register_renderer(Renderer("boom", explode, (".boom",), tasks=("compare",)))
'''


@pytest.fixture(scope="module")
def broken(tmp_path_factory) -> Path:
    """Two broken plugins: one raises at import, one registers a check, a metric and a format that raise."""
    root = tmp_path_factory.mktemp("broken")
    (root / "parallax_import_fails").mkdir()
    (root / "parallax_import_fails" / "__init__.py").write_text("raise ImportError('no such thing')\n",
                                                                encoding="utf-8")
    (root / "parallax_call_fails").mkdir()
    (root / "parallax_call_fails" / "__init__.py").write_text(BROKEN_AT_CALL, encoding="utf-8")
    _dist_info(root, "parallax-import-fails", "1.0", {"parallax.checks": {"gone": "parallax_import_fails"}})
    _dist_info(root, "parallax-call-fails", "1.0", {"parallax.checks": {"explodes": "parallax_call_fails"}})
    return root


def test_plugins_raising_at_import_and_at_call_time_cost_one_warning_each(site, article, broken):
    r = run(site, "-m", "toolkit", "compare", str(article), "--backend", "fake", "--embedder", "fake",
            "-f", "json", "-q", extra=(broken,))
    assert r.returncode == 0, r.stderr
    warnings = r.stderr.splitlines()
    assert len(warnings) == 4, r.stderr  # the import, and the first call of each broken entry
    assert all(w.startswith("parallax: warning: ") for w in warnings)
    assert any("'gone'" in w and "ImportError: no such thing" in w for w in warnings)
    for entry in ("check 'explodes'", "check 'explodes-original'", "metric 'explodes'"):
        (line,) = [w for w in warnings if entry in w]
        assert "plugin parallax-call-fails" in line and "ZeroDivisionError" in line
        assert line.endswith("left out for the rest of this run")
    report = json.loads(r.stdout)  # the run went on: every paragraph compared, the good plugin's work kept
    alternatives = [a for s in report["sections"] for p in s["paragraphs"] for a in p["alternatives"]]
    assert alternatives and all(a["metrics"]["length_ratio"] > 0 and a["metrics"]["explodes"] is None
                                for a in alternatives)  # the broken metric: missing, the others there
    assert all(f["kind"] != "explodes" for a in alternatives for f in a["flags"])

    r = run(site, "-m", "toolkit", "compare", str(article), "--backend", "fake", "--embedder", "fake",
            "-f", "boom", "-q", extra=(broken,))  # a format that raises: nothing can take its place
    assert r.returncode == 4 and r.stdout == ""
    assert r.stderr.splitlines()[-1] == ("parallax: error: format 'boom' (plugin parallax-call-fails) failed: "
                                         "ZeroDivisionError: broken on purpose at call time")
    assert "Traceback" not in r.stderr


def test_a_batch_goes_on_past_a_plugin_that_raises(site, broken, tmp_path):
    in_dir = tmp_path / "in"
    in_dir.mkdir()
    for i in range(3):
        (in_dir / f"a{i}.txt").write_text(ARTICLE.replace("12 flights", f"{12 + i} flights"), encoding="utf-8")
    env_cache = tmp_path / "cache"
    code = f"""
import os, sys
os.environ["PARALLAX_CACHE_DIR"] = {str(env_cache)!r}
from toolkit.cli import main
sys.argv = ["parallax", "batch", {str(in_dir)!r}, "-o", {str(tmp_path / "out")!r}, "--backend", "fake",
            "--embedder", "fake", "-q"]
main()
"""
    r = run(site, "-c", code, extra=(broken,))
    assert r.returncode == 0, r.stderr
    assert sorted(p.name for p in (tmp_path / "out").glob("*.json")) == ["a0.txt.json", "a1.txt.json", "a2.txt.json"]
    assert len(r.stderr.splitlines()) == 4, r.stderr  # once per broken entry, not once per article
