"""What changes an output: one place for the run signature and the batch cache key.

:func:`run_options` gives the task options in the order the run signature prints them
(strategies, alternatives, token budget, pivot, extra models, summary length and method);
:func:`component_versions` the versions of everything registered that shapes a report (each
strategy, each check, each metric's signature). ``api`` puts both into every
:class:`~toolkit.core.results.Signature`; ``batch.fingerprint`` hashes the same two (plus model
hashes, decoding and prompts, which both also share) into the cache key.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .core.config import Settings

Options = tuple[tuple[str, Any], ...]


def run_options(task: str, settings: Settings, strategies: Sequence[str],
                also: Sequence[str] = ()) -> Options:
    """Return the options that change the output of ``task``, in signature order.

    ``also`` lists the ids of generators beyond the first (per-strategy models).
    """
    from .strategies import STRATEGIES, budget_rule

    options: list[tuple[str, Any]] = []
    if task in ("retranslate", "compare"):
        options += [("strategies", ",".join(strategies)), ("n", settings.alternatives),
                    ("budget", budget_rule(strategies)),
                    ("language", settings.source_language or "detect")]
        if any(STRATEGIES.get(s).legs == "round-trip" for s in strategies):
            options.append(("pivot", settings.pivot))
        if also:
            options.append(("also", ",".join(also)))
    if task in ("summarize", "compare"):
        options += [("sentences", settings.sentences), ("method", settings.summary_method)]
    if task in ("retranslate", "compare"):
        options += checks_signature(settings)
    if settings.keep_boilerplate:  # ingest kept site furniture (absent by default: same signature)
        options.append(("keep-boilerplate", True))
    return tuple(options)


def checks_signature(settings: Settings) -> Options:
    """Return what the checks are told: the glossary (its content: it changes prompts and flags),
    ``--only`` and ``--ignore``; nothing when none is set."""
    out: list[tuple[str, Any]] = []
    if settings.glossary:
        from .qa.glossary import load_glossary

        out.append(("glossary", load_glossary(settings.glossary).sha256[:12]))
    if settings.check_only:
        out.append(("only", ",".join(settings.check_only)))
    if settings.check_ignore:
        out.append(("ignore", ",".join(settings.check_ignore)))
    return tuple(out)


def component_versions(task: str, strategies: Sequence[str]) -> Options:
    """Return ``(component, version)`` of the strategies, checks and metrics a task runs."""
    from .qa.registry import CHECKS
    from .strategies import STRATEGIES

    out: list[tuple[str, Any]] = []
    if task in ("retranslate", "compare"):
        out += [(f"strategy:{s}", STRATEGIES.get(s).version) for s in strategies]
    out += [(f"check:{name}", check.version) for name, check in CHECKS.items()]
    return tuple(out)


def metric_versions(task: str) -> Options:
    """Return the metric signatures a task's report depends on (compare only)."""
    if task != "compare":
        return ()
    from .comparison.metric_registry import metric_signatures

    return tuple(metric_signatures().items())
