"""The registry of retranslation strategies: every consumer reads its entries from here.

A :class:`Strategy` says which prompt table it uses (``[retranslate.<name>]`` in
``configs/prompts.toml``, or the defaults it carries when that file has none), whether it is one
call or a round trip through a pivot language, its token budget rule, the length its renderings
may have (``length_limits``, read by the ``length-ratio`` check), whether it needs the
original-language text (``--source``), its help text and which setting names its model. The
CLI help, the run signature, the batch cost estimate and the retranslate task all read it.

A plugin adds one with :func:`register_strategy` from a module named by a ``parallax.strategies``
entry point.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .core.registry import Registry

if TYPE_CHECKING:
    from .core.config import Settings
    from .prompts import Prompts

LEGS = ("one-call", "round-trip")


@dataclass(frozen=True)
class Budget:
    """A new-token budget tied to the input length: ``int(scale * tokens) + extra``."""

    scale: float
    extra: int

    def __call__(self, tokens: int) -> int:
        return int(self.scale * tokens) + self.extra

    def __str__(self) -> str:
        return f"{self.scale:g}x+{self.extra}"


REWRITE_BUDGET = Budget(1.4, 24)  # English out is about as long as English in
PIVOT_BUDGET = Budget(3.0, 32)  # non-Latin scripts take more tokens


@dataclass(frozen=True)
class Strategy:
    """One way of writing an alternative English rendering of a paragraph."""

    name: str
    help: str
    legs: str = "one-call"  # "one-call", or "round-trip" (English -> pivot -> English)
    needs_source: bool = False  # reads the original-language paragraph (``--source``)
    # with needs_source: rewrites the MT, the aligned original given as {source} (else it
    # translates the original, sent as {text})
    edits_mt: bool = False
    budget: Budget = REWRITE_BUDGET  # for the English reply
    pivot_budget: Budget = PIVOT_BUDGET  # for the first leg of a round trip
    model_setting: str = "generator"  # the Settings field naming its default model
    prompt_table: str = ""  # default: retranslate.<name>
    templates: tuple[tuple[str, str], ...] = ()  # used when the prompt file lacks the table
    version: str = "1"  # bump when its behaviour changes (part of the run signature)
    unchanged_ok: bool = False  # the original back is a valid reply (a correct text needs no edit)
    # (shortest, longest) word-count ratio of its renderings to the original (``length-ratio``)
    length_limits: tuple[float, float] = (0.5, 2.0)

    def __post_init__(self) -> None:
        if self.legs not in LEGS:
            raise ValueError(f"strategy {self.name!r}: legs must be one of {LEGS}")

    @property
    def table(self) -> str:
        return self.prompt_table or f"retranslate.{self.name}"

    @property
    def prompt_keys(self) -> tuple[str, ...]:
        """The template keys its table must hold."""
        first = ("to_pivot_user",) if self.legs == "round-trip" else ()
        return ("system", *first, "user", "retry_user")

    @property
    def translates_source(self) -> bool:
        """It translates the original-language paragraph (sent as ``{text}``)."""
        return self.needs_source and not self.edits_mt

    @property
    def independent(self) -> bool:
        """It renders without the MT's wording (a round trip, or a translation of the source)."""
        return self.legs == "round-trip" or self.translates_source

    @property
    def calls(self) -> int:
        """Generation calls per paragraph chunk (before retries)."""
        return 2 if self.legs == "round-trip" else 1


STRATEGIES: Registry[Strategy] = Registry("strategy")


def register_strategy(strategy: Strategy) -> Strategy:
    """Add a strategy (built-ins and plugins alike)."""
    return STRATEGIES.register(strategy.name, strategy)


def get_strategy(name: str) -> Strategy:
    """Return the strategy ``name``; an unknown name is a ConfigError listing the known ones."""
    from .core.errors import ConfigError

    if name not in STRATEGIES:
        raise ConfigError(f"unknown strategy {name!r}; choose from {', '.join(STRATEGIES.names())}")
    return STRATEGIES.get(name)


def strategy_model(settings: Settings, name: str) -> str:
    """Return the model spec strategy ``name`` runs on: its ``[retranslate.models]`` entry, or
    the setting its entry names (the generator)."""
    per = dict(settings.strategy_models)
    if name in per:
        return per[name]
    setting = STRATEGIES.get(name).model_setting if name in STRATEGIES else "generator"
    return str(getattr(settings, setting))


def with_defaults(prompts: Prompts, strategies: list[str] | tuple[str, ...]) -> Prompts:
    """Return ``prompts`` plus the default templates of strategies whose table it lacks."""
    from dataclasses import replace

    extra = {}
    for name in strategies:
        s = get_strategy(name)
        if s.table not in prompts.templates and s.templates:
            extra[s.table] = dict(s.templates)
    return replace(prompts, templates={**extra, **prompts.templates}) if extra else prompts


def budget_rule(strategies: list[str] | tuple[str, ...]) -> str:
    """Return the budget rules of ``strategies`` for the signature (``1.4x+24`` when shared)."""
    rules = {str(get_strategy(s).budget): None for s in strategies}
    return ",".join(rules) or str(REWRITE_BUDGET)


def strategy_help(*, batch: bool = False) -> str:
    """Return the ``--strategies`` help text: every registered name."""
    names = [n for n, s in STRATEGIES.items() if not (batch and s.needs_source)]
    return "Comma-separated: " + ", ".join(names) + "."


# ------------------------------------------------------------------ the built-in strategies
register_strategy(Strategy("post-edit", "minimal correction of the machine translation",
                           version="2", unchanged_ok=True, length_limits=(0.6, 1.5)))
register_strategy(Strategy("fluent", "an idiomatic rewrite for a general reader, every fact kept",
                           version="2", unchanged_ok=True, length_limits=(0.5, 1.8)))
register_strategy(Strategy("round-trip", "English -> pivot language -> English, an independent "
                           "rendering", legs="round-trip", length_limits=(0.45, 2.0)))
register_strategy(Strategy("from-source", "a direct translation of the original-language "
                           "paragraph (needs --source)", needs_source=True,
                           length_limits=(0.4, 2.2)))
register_strategy(Strategy("source-edit", "a post-edit of the machine translation against the "
                           "original-language paragraph (needs --source)", needs_source=True,
                           edits_mt=True, unchanged_ok=True, length_limits=(0.6, 1.5)))
