"""A rough time estimate shown before long work, from measured seconds per 1,000 words.

The rates are this project's own measurements (``benchmarks/bench.py --task summarize`` and
``--task compare``, 2 shared cores with AVX-512 VNNI); other machines differ (AVX2-only CPUs
ran about 2.5x slower), so the estimate is a range, not a promise.
"""

from __future__ import annotations

LONG_WORDS = 2000  # estimate shown for inputs longer than this

# seconds per 1,000 words on the ct2 engine, by task and pack, measured with bench.py on 2 cores
# with AVX-512 VNNI (see the README's performance section); unmeasured pairs give no figure
SECONDS_PER_1K_WORDS: dict[str, dict[str, float]] = {
    "summarize": {"smollm2-135m": 8.3},
    "compare": {"qwen2.5-coder-0.5b": 110.0, "qwen2.5-coder-1.5b": 160.0},
}
SECONDS_PER_1K_WORDS["retranslate"] = SECONDS_PER_1K_WORDS["compare"]


def estimate_seconds(task: str, model: str, words: int) -> float | None:
    """Return the estimated seconds for ``task`` on ``words`` words, or None if unknown."""
    rate = SECONDS_PER_1K_WORDS.get(task, {}).get(model)
    return None if rate is None else rate * words / 1000


def estimate_note(task: str, model: str, words: int) -> str | None:
    """Return a one-line estimate for a long input, or None (short input, or no measurement)."""
    if words <= LONG_WORDS:
        return None
    seconds = estimate_seconds(task, model, words)
    if seconds is None:
        return f"{words:,} words: a long input; {task} may take a while"
    low, high = seconds / 2, seconds * 2
    return (f"{words:,} words: {task} should take about {_span(seconds)} "
            f"(between {_span(low)} and {_span(high)} depending on the machine)")


def _span(seconds: float) -> str:
    return f"{seconds / 60:.0f} min" if seconds >= 120 else f"{seconds:.0f} s"
