"""The built-in checks, one family per module; each registers its checks with ``@check``.

Importing this package imports every module in it, so a new family is one new file here (a
plugin's is one module named by a ``parallax.checks`` entry point). :data:`ORDER` lists the
built-in families first, in the order their flags are listed on a text; any other module follows
in name order.
"""

from __future__ import annotations

import importlib
import pkgutil

ORDER = ("facts", "noise", "links", "marks", "doubled", "spacing", "punctuation", "length",
         "independent", "untranslated", "refusal", "speakers", "glossary_miss", "meaning",
         "contradiction", "terms")


def _families() -> list[str]:
    found = sorted(m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_"))
    return [n for n in ORDER if n in found] + [n for n in found if n not in ORDER]


for _family in _families():
    importlib.import_module(f"{__name__}.{_family}")
