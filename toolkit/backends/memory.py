"""Choose the batch size from the memory that is free, not from a constant.

A batch costs its key/value cache on top of the weights: layers x 2 (K and V) x kv heads x head
size x bytes per value, per token of prompt plus reply, per sequence. ``batch_size = 0`` in the
settings (the default) asks the engine to size every call's batches so that their caches take
at most half of the available memory, capped at :data:`MAX_AUTO_BATCH`.
"""

from __future__ import annotations

from pathlib import Path

MAX_AUTO_BATCH = 16  # past this, a 2-4 core CPU is compute-bound: bigger batches gain nothing
MEMORY_SHARE = 0.5  # of the available memory, for the caches of one batch


def available_memory() -> int:
    """Return the bytes available to this process: MemAvailable, or the cgroup's room if less."""
    free = 0
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemAvailable:"):
                free = int(line.split()[1]) * 1024
                break
    except (OSError, ValueError, IndexError):
        return 0
    try:  # a container's limit (cgroup v2)
        limit = Path("/sys/fs/cgroup/memory.max").read_text().strip()
        used = int(Path("/sys/fs/cgroup/memory.current").read_text().strip())
        if limit != "max":
            free = min(free, max(0, int(limit) - used))
    except (OSError, ValueError):
        pass
    return free


def kv_bytes_per_token(config: dict, bytes_per_value: int = 4) -> int:
    """Return the key/value cache bytes one token costs, from a Hugging Face ``config.json``."""
    layers = int(config.get("num_hidden_layers") or 24)
    heads = int(config.get("num_attention_heads") or 16)
    kv_heads = int(config.get("num_key_value_heads") or heads)
    head_dim = int(config.get("head_dim") or (int(config.get("hidden_size") or 2048) // heads))
    return layers * 2 * kv_heads * head_dim * bytes_per_value


def batch_size_for(free_bytes: int, kv_bytes_per_token: int, tokens: int,
                   cap: int = MAX_AUTO_BATCH, share: float = MEMORY_SHARE) -> int:
    """Return how many sequences of ``tokens`` tokens fit in ``share`` of ``free_bytes``."""
    per_sequence = max(1, kv_bytes_per_token * max(1, tokens))
    return max(1, min(cap, int(free_bytes * share // per_sequence)))
