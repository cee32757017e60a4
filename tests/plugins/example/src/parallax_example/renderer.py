"""An output format: tab-separated values, one row per paragraph and alternative."""

from toolkit.render.registry import Renderer, register_renderer


def render_tsv(result) -> str:
    """Render a retranslate or compare result as TSV (tabs and newlines in text become spaces)."""
    def clean(text: str) -> str:
        return " ".join(text.split())

    rows = ["paragraph\tstrategy\tflags\talternative"]
    for p in result.paragraphs:
        for a in p.alternatives:
            kinds = ",".join(f.kind for f in a.flags)
            rows.append(f"{p.paragraph.id}\t{a.strategy}\t{kinds}\t{clean(a.text)}")
    return "\n".join(rows) + "\n"


register_renderer(Renderer("tsv", render_tsv, (".tsv",), tasks=("retranslate", "compare"),
                           help="tab-separated: paragraph, strategy, flags, alternative"))
