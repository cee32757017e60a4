"""Chat-template facts shared by the converters and the engines (imports nothing heavy)."""

from __future__ import annotations

from collections.abc import Callable, Collection


def end_of_turn_token(render: Callable[[list[dict]], str], encode: Callable[[str], list[int]],
                      special_ids: Collection[int]) -> int | None:
    """Return the special token a chat template puts right after an assistant reply, or None.

    ``render`` renders a conversation (no generation prompt); ``encode`` tokenizes without
    adding special tokens. GGUF metadata and some generation configs name only the eos, yet a
    chat model must also stop at its end of turn (``<|im_end|>`` for Qwen), or greedy decoding
    runs on to the budget.
    """
    from jinja2 import TemplateError

    marker = "Zq7"
    try:
        text = render([{"role": "user", "content": "hi"}, {"role": "assistant", "content": marker}])
    except (TemplateError, ValueError, TypeError, LookupError):  # a template that rejects
        return None  # this conversation: rely on the eos
    ids = encode(text[text.rfind(marker) + len(marker):])
    return ids[0] if ids and ids[0] in special_ids else None
