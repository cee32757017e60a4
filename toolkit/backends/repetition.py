"""Stop a degenerate reply while it is generated: the same few tokens over and over.

Small models sometimes fall into a loop ("The article is: The article is: ...") and would
otherwise run to their token budget. :class:`LoopDetector` watches the generated token ids and
reports a loop once the last tokens are one short pattern repeated enough times; the engine then
stops that sequence (its text still holds the loop, so the task's checks flag and retry it).
"""

from __future__ import annotations

MAX_PERIOD = 24  # longest repeated pattern, in tokens
MIN_SPAN = 36  # a loop must cover at least this many tokens ...
MIN_REPEATS = 3  # ... and repeat its pattern at least this many times


def loop_period(ids: list[int], max_period: int = MAX_PERIOD, min_span: int = MIN_SPAN,
                min_repeats: int = MIN_REPEATS) -> int:
    """Return the period of a loop the sequence ends with, or 0 when it does not end in one."""
    n = len(ids)
    for p in range(1, max_period + 1):
        need = max(min_span, min_repeats * p)
        if need > n:
            break
        tail = ids[n - need:]
        if all(tail[k] == tail[k - p] for k in range(p, need)):
            return p
    return 0


class LoopDetector:
    """Feed generated ids one at a time; :meth:`push` returns True once they end in a loop."""

    def __init__(self, max_period: int = MAX_PERIOD, min_span: int = MIN_SPAN) -> None:
        self.ids: list[int] = []
        self.max_period = max_period
        self.min_span = min_span
        self.period = 0

    def push(self, token_id: int) -> bool:
        self.ids.append(token_id)
        if len(self.ids) < self.min_span:
            return False
        # cheap precheck: a loop of period p has ids[-1] == ids[-1 - p] for some p
        last = self.ids[-1]
        window = self.ids[-1 - self.max_period:-1]
        if last not in window:
            return False
        self.period = loop_period(self.ids, self.max_period, self.min_span)
        return self.period > 0
