"""Parallax: read machine-translated news side by side with alternative retranslations.

Public API (nothing heavy is imported until a function runs)::

    import toolkit
    article = toolkit.load_article("samples/caucasus-moscow-baku.txt")
    result = toolkit.summarize(article, "fast")
"""

from ._version import __version__

__all__ = ["__version__", "load_article", "summarize", "retranslate", "compare", "settings_for"]


def __getattr__(name: str):
    if name in __all__:
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module 'toolkit' has no attribute {name!r}")
