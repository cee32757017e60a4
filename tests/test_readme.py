import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _commands() -> list[str]:
    readme = (ROOT / "README.md").read_text()
    return re.findall(r"```bash\n(.+?)\n```", readme)


def test_ci_runs_the_readme_test_command():
    setup, tests = _commands()[:2]
    assert "parallax models pull" in setup and "samples/" in setup
    assert tests.endswith("python -m pytest")
    assert tests in (ROOT / ".ci" / "run").read_text()
