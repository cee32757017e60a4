import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from toolkit.cli import app
from toolkit.core.errors import EXIT_BAD_INPUT, EXIT_MODEL_UNAVAILABLE

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args))


def test_summarize_json_with_fake_backend(sample_path):
    r = run("summarize", str(sample_path), "--backend", "fake", "--format", "json", "-q")
    assert r.exit_code == 0, r.output
    d = json.loads(r.stdout)
    assert [s["title"] for s in d["sections"]][1:] == [
        "Historical and structural contexts of Russian -Baku disputes",
        "New season of tensions; From air disaster to geopolitical battle",
        "From strategic competition to crisis management; A vague landscape of Moscow-Baku relations",
    ]
    assert all(1 <= len(s["summary"]["sentences"]) <= 2 for s in d["sections"])


def test_output_file_and_markdown(sample_path, tmp_path):
    out = tmp_path / "s.md"
    r = run("summarize", str(sample_path), "--backend", "fake", "-o", str(out), "-q")
    assert r.exit_code == 0, r.output
    text = out.read_text()
    assert text.startswith("# Caucasus on the line of crisis; How far will Moscow and Baku?")
    assert "## Historical and structural contexts" in text


@pytest.mark.parametrize("content", [None, b"", b"\x89PNG\r\n\x1a\n" + bytes(200)])
def test_bad_inputs_one_line_error(tmp_path, content):
    f = tmp_path / "article.txt"
    if content is not None:
        f.write_bytes(content)
    r = run("summarize", str(f), "--backend", "fake", "-q")
    assert r.exit_code == EXIT_BAD_INPUT
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("parallax: error: ")
    assert "Traceback" not in r.output


def test_missing_model_names_pull_command(sample_path, tmp_path, monkeypatch):
    monkeypatch.setenv("PARALLAX_CACHE_DIR", str(tmp_path / "empty-cache"))
    r = run("summarize", str(sample_path), "--model", "qwen2.5-coder-0.5b", "--backend", "transformers", "-q")
    assert r.exit_code == EXIT_MODEL_UNAVAILABLE
    assert r.stderr.strip() == (
        "parallax: error: model pack 'qwen2.5-coder-0.5b' is not installed; "
        "run: parallax models pull qwen2.5-coder-0.5b"
    )


def test_bad_flag_value_is_usage_error(sample_path):
    r = run("summarize", str(sample_path), "--backend", "fake", "--sentences", "0")
    assert r.exit_code == EXIT_BAD_INPUT
    assert "sentences must be at least 1" in r.stderr


def test_config_show_reports_origins(tmp_path, monkeypatch):
    monkeypatch.setenv("PARALLAX_THREADS", "1")
    r = run("config", "show", "--config", "fast", "--batch-size", "3")
    assert r.exit_code == 0, r.output
    assert 'generator = "smollm2-135m"' in r.stdout
    assert "threads = 1  # from $PARALLAX_THREADS" in r.stdout
    assert "batch_size = 3  # from command line" in r.stdout


def test_models_list_shows_every_pack(tmp_path, monkeypatch):
    monkeypatch.setenv("PARALLAX_CACHE_DIR", str(tmp_path))
    r = runner.invoke(app, ["models", "list"], env={"COLUMNS": "250"})
    assert r.exit_code == 0, r.output
    for name in ("smollm2-135m", "qwen2.5-coder-0.5b", "qwen2.5-coder-1.5b", "minilm-l6"):
        assert name in r.stdout
    assert "parallax models pull" in r.stdout


def test_help_does_not_import_torch():
    code = ("import sys; from toolkit.cli import app; from typer.testing import CliRunner; "
            "r = CliRunner().invoke(app, ['--help']); assert r.exit_code == 0; "
            "heavy = [m for m in ('torch', 'transformers', 'numpy') if m in sys.modules]; print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_compare_streams_each_paragraph_and_estimates_long_work(sample_path, tmp_path):
    r = run("compare", str(sample_path), "--backend", "fake")  # the terminal view streams
    assert r.exit_code == 0, r.output
    done = [line for line in r.stderr.splitlines() if line.startswith("done ")]
    assert len(done) == 22 and done[0].startswith("done s0.p1: post-edit chrF")
    r = run("compare", str(sample_path), "--backend", "fake", "-o", str(tmp_path / "r.json"))
    assert r.exit_code == 0 and not [x for x in r.stderr.splitlines() if x.startswith("done ")]
    long_file = tmp_path / "long.txt"
    text = sample_path.read_text(encoding="utf-8")
    long_file.write_text(text + "\n\n" + "\n\n".join(text.split("\n\n")[1:]), encoding="utf-8")
    from toolkit.tasks.estimate import estimate_note

    assert "should take about" in estimate_note("compare", "qwen2.5-coder-1.5b", 3000)
    assert estimate_note("compare", "qwen2.5-coder-1.5b", 1500) is None
    r = run("summarize", str(long_file), "--backend", "fake", "--format", "json", "-o", str(tmp_path / "s.json"))
    assert r.exit_code == 0 and "words:" in r.stderr and "may take a while" in r.stderr
