"""An independent translation that shares little with the machine translation (``far-from-mt``).

A translation made without the MT's wording (``from-source`` translates the original-language
paragraph; ``round-trip`` goes through a pivot language) and the MT are two renderings of the same
text: where they share little, at least one of them is badly wrong, and the reader, who cannot
read the original, cannot tell which. On WMT22 ja-en (36 segments, the weakest system as the MT)
with the default pack, the ``from-source`` renderings more than 5 chrF worse than the MT against
the human reference shared a median 32 symmetric chrF with the MT, the others a median 53; below
:data:`FAR`, 21 of those 25 harms and 3 of the 11 others (``benchmarks/quality.py``).
Rewrites of the MT (post-edit, fluent, source-edit) share much with it by design and are not
checked: their departures are what the other checks read.
"""

from __future__ import annotations

from ...core.flags import Flag
from ...strategies import STRATEGIES
from ..registry import CheckContext, check

FAR = 45.0  # symmetric chrF (0-100) with the MT below which an independent translation is flagged


@check("far-from-mt", kinds=("far-from-mt",), applies_to=("generated",),
       help="an independent translation (from the source, a round trip) that shares little "
            "with the MT")
def far_from_mt(original: str, text: str, ctx: CheckContext) -> Flag | None:
    from ...comparison.metrics import symmetric_chrf

    independent = ctx.version in STRATEGIES and STRATEGIES.get(ctx.version).independent
    if not independent or not text.strip() or not original.strip():
        return None
    shared = symmetric_chrf(original, text)
    if shared >= FAR:
        return None
    return Flag("far-from-mt", f"chrF {shared:.0f} with the MT",
                "this independent translation and the MT share little: one of them is badly "
                "wrong here; compare both with the original")
