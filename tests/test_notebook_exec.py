"""Execute notebooks/compare_translations.ipynb headless on the tiny packs (several minutes on CPU).

Needs `pip install -e '.[notebook]'` (ipykernel, nbclient) and
`parallax models pull smollm2-135m minilm-l6`. The executed copy goes to a temporary folder;
the notebook in the repository stays without outputs.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.core.config import load_settings
from toolkit.models.registry import pack_manifest

pytestmark = pytest.mark.integration

NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "compare_translations.ipynb"
CELL_TIMEOUT = 1800  # seconds; the first compare on 2 CPU cores takes several minutes


def _outputs(nb) -> list[dict]:
    return [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]


def test_notebook_runs_headless_and_shows_report_frame_and_chart(tmp_path):
    import nbformat
    from nbclient import NotebookClient

    cache = load_settings(None)[0].cache_path()
    for pack in ("smollm2-135m", "minilm-l6"):
        if pack_manifest(cache, pack) is None:
            pytest.fail(f"model pack {pack} is not installed: run `parallax models pull {pack}` first")

    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = NotebookClient(
        nb,
        timeout=CELL_TIMEOUT,
        kernel_name="python3",  # jupyter_client starts it with this interpreter (sys.executable)
        resources={"metadata": {"path": str(NOTEBOOK.parent)}},  # cwd = the notebook's folder
    )
    client.execute()  # raises CellExecutionError on the first failing cell
    executed = tmp_path / NOTEBOOK.name
    nbformat.write(nb, executed)

    outputs = _outputs(nb)
    assert not [o for o in outputs if o.output_type == "error"]
    html = [o.data["text/html"] for o in outputs if "text/html" in o.get("data", {})]
    reports = [h for h in html if 'class="parallax-report"' in h]
    assert len(reports) == 2  # the sample and the typed-in text
    assert "Least certain paragraphs" in reports[0] and "<script" not in reports[0]
    assert any('class="dataframe"' in h for h in html)
    assert any("image/png" in o.get("data", {}) for o in outputs)
    assert "Figure" in "".join(o.data.get("text/plain", "") for o in outputs if "image/png" in o.get("data", {}))
