"""The fast CPU engine: CTranslate2 int8, converted once from the cached pack and reused.

Speed comes from three things: int8 weights (a quarter of fp32's memory traffic per decoded
token), batches of prompts of similar length (CTranslate2 feeds the part of a prompt beyond the
batch's shortest one token per step), and the prompts' shared prefix (system prompt and
instructions) computed once and reused by every batch instead of once per prompt.
"""

from __future__ import annotations

import atexit
import json
import os
import weakref
from collections.abc import Sequence
from pathlib import Path

from ..core.errors import GenerationError, ModelUnavailable
from ..models.chat import end_of_turn_token
from ..models.layout import CacheLayout
from ..models.registry import ModelRef
from .base import Decoding, Generation, ModelInfo, Prompt, TokenScores, finish
from .batching import plan_batches
from .memory import available_memory, batch_size_for, kv_bytes_per_token
from .repetition import LoopDetector

MIN_SHARED_PREFIX = 8  # tokens: a shorter common prefix is not worth a cached state
MAX_CACHED_PREFIXES = 32  # CTranslate2 never evicts cached prefix states; bound them
SCORE_BATCH = 8  # sequences per scoring call (prefill only: compute-bound, memory grows with it)


def ct2_folder(ref: ModelRef, cache: Path) -> Path:
    """Return where the int8 build of ``ref`` lives: inside the pack, or keyed by its sha256."""
    layout = CacheLayout(cache)
    return layout.pack_ct2(ref.id) if ref.kind == "pack" else layout.ct2(ref.sha256)


def is_ct2_folder(path: Path) -> bool:
    return (path / "model.bin").is_file() and any(path.glob("vocabulary.*"))


def shared_prefix(seqs: Sequence[Sequence[int]]) -> int:
    """Return the length of the longest common prefix, leaving every sequence one token or more."""
    if len(seqs) < 2:
        return 0
    n = min(len(s) for s in seqs) - 1
    first = seqs[0]
    for s in seqs[1:]:
        i = 0
        while i < n and s[i] == first[i]:
            i += 1
        n = i
    return max(n, 0)


class ChatTokenizer:
    """The model's tokenizer and chat template without importing torch.

    ``tokenizers`` for the text and transformers' own Jinja renderer for the template, so the
    prompt tokens equal ``AutoTokenizer.apply_chat_template``'s (a test checks this).
    """

    def __init__(self, folder: Path) -> None:
        from tokenizers import Tokenizer

        self.folder = folder
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        config = _read_json(folder / "tokenizer_config.json")
        template_file = folder / "chat_template.jinja"
        self.template = (template_file.read_text(encoding="utf-8") if template_file.is_file()
                         else config.get("chat_template"))
        if not isinstance(self.template, str) or not self.template:
            raise ModelUnavailable(f"{folder}: the tokenizer has no chat template")

        def token(key: str) -> str | None:
            value = config.get(key)
            return value.get("content") if isinstance(value, dict) else value

        self.special = {k: v for k in ("bos_token", "eos_token", "unk_token", "pad_token")
                        if (v := token(k)) is not None}

    def render(self, messages: list[dict], add_generation_prompt: bool = True) -> str:
        from transformers.utils.chat_template_utils import render_jinja_template

        rendered, _ = render_jinja_template(
            conversations=[messages], chat_template=self.template,
            add_generation_prompt=add_generation_prompt, **self.special,
        )
        return rendered[0]

    def encode(self, text: str) -> list[int]:
        return self.tokenizer.encode(text, add_special_tokens=False).ids

    def decode(self, ids: Sequence[int]) -> str:
        return self.tokenizer.decode(list(ids), skip_special_tokens=True)

    def token_id(self, token: str | None) -> int | None:
        return None if token is None else self.tokenizer.token_to_id(token)

    def end_ids(self, generation_config: dict) -> list[int]:
        """Return the ids that end a reply: the generation config's, the eos, the end of turn."""
        eos = generation_config.get("eos_token_id")
        ids = list(eos) if isinstance(eos, list) else [eos]
        specials = {i for i, t in self.tokenizer.get_added_tokens_decoder().items() if t.special}
        end_of_turn = end_of_turn_token(
            lambda messages: self.render(messages, add_generation_prompt=False),
            self.encode,
            specials,
        )
        ids += [self.token_id(self.special.get("eos_token")), end_of_turn]
        out: list[int] = []
        for i in ids:
            if isinstance(i, int) and i not in out:
                out.append(i)
        return out


_LIVE: weakref.WeakSet[CT2Generator] = weakref.WeakSet()


@atexit.register
def _release_models() -> None:
    """Free CTranslate2 models before interpreter shutdown.

    A ``ctranslate2.Generator`` still alive when Python finalizes its modules can abort the
    process ("terminate called without an active exception", exit 134) after the work is done.
    """
    for gen in list(_LIVE):
        gen.close()


def _read_json(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


class CT2Generator:
    """Generate with CTranslate2 int8; one batch method, results in the order of the prompts."""

    def __init__(
        self, ref: ModelRef, device: str = "auto", threads: int = 0, cache: Path | None = None
    ) -> None:
        try:
            import ctranslate2
        except ImportError:
            raise ModelUnavailable(
                "the ct2 backend needs ctranslate2: pip install -e '.[fast]'"
            ) from None
        if ref.path is None:
            raise ModelUnavailable(
                f"{ref.id}: the ct2 backend needs a local model (a pack, folder or .gguf); "
                "use --backend transformers for hub ids"
            )
        if is_ct2_folder(ref.path):
            folder = ref.path  # already converted by the user
        else:
            from ..models.convert import ensure_ct2, say

            if cache is None:
                cache = CacheLayout.default().root
            folder = ct2_folder(ref, cache)
            ensure_ct2(ref.path, folder, ref.sha256,
                       log=lambda m: say(f"{ref.id}: {m}"))
        self.folder = folder
        self.device = self._pick_device(ctranslate2, device)
        self.threads = threads or len(os.sched_getaffinity(0))
        compute_type = "int8" if self.device == "cpu" else "int8_float16"
        try:
            self.model = ctranslate2.Generator(
                str(folder), device=self.device, compute_type=compute_type,
                intra_threads=self.threads, inter_threads=1,
            )
        except (RuntimeError, ValueError) as exc:
            raise ModelUnavailable(f"cannot load {folder}: {exc}") from None
        self.tokenizer = self._load_tokenizer(folder, ref.path)
        generation_config = _read_json(folder / "generation_config.json")
        self.end_ids = self.tokenizer.end_ids(generation_config)
        hf_config = _read_json(ref.path / "config.json")
        ctx = int(hf_config.get("max_position_embeddings") or 2048)
        self.kv_bytes_per_token = kv_bytes_per_token(hf_config)  # float32 caches on a CPU
        self.info = ModelInfo(ref.id, ref.sha256, "ct2", self.device, "int8", self.threads, ctx)
        self._ct2 = ctranslate2
        self._cached_prefixes: set[tuple[int, ...]] = set()
        _LIVE.add(self)

    def close(self) -> None:
        """Release the model (and its cached prefix states); the generator is unusable after."""
        self.__dict__.pop("model", None)

    @staticmethod
    def _pick_device(ctranslate2, device: str) -> str:
        if device == "auto":
            return "cuda" if ctranslate2.get_cuda_device_count() > 0 else "cpu"
        if device.startswith("cuda") and ctranslate2.get_cuda_device_count() == 0:
            raise ModelUnavailable(
                f"device {device!r} requested but CTranslate2 sees no CUDA device"
            )
        return device.split(":")[0]

    @staticmethod
    def _load_tokenizer(folder: Path, hf_folder: Path) -> ChatTokenizer:
        for candidate in (folder, hf_folder):
            if (candidate / "tokenizer.json").is_file():
                return ChatTokenizer(candidate)
        raise ModelUnavailable(
            f"{hf_folder}: no tokenizer.json (the ct2 backend needs a fast tokenizer)"
        )

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        return [len(self.tokenizer.encode(t)) for t in texts]

    def prompt_ids(self, prompt: Prompt) -> list[int]:
        return self.tokenizer.encode(self.tokenizer.render(prompt.messages()))

    def generate(self, prompts: Sequence[Prompt], decoding: Decoding) -> list[Generation]:
        ids = [self.prompt_ids(p) for p in prompts]
        too_long = [len(x) for x in ids if len(x) >= self.info.context_length]
        if too_long:
            raise GenerationError(
                f"a prompt of {too_long[0]} tokens does not fit the model's context of "
                f"{self.info.context_length}; chunk the input"
            )
        budgets = [p.max_new_tokens or decoding.max_new_tokens for p in prompts]
        out: list[Generation | None] = [None] * len(prompts)
        batch_size = decoding.batch_size or batch_size_for(  # 0 = from free memory
            available_memory(), getattr(self, "kv_bytes_per_token", 24_576),
            max(len(x) + b for x, b in zip(ids, budgets)))
        # A call may hold several tasks' prompts (the scheduler merges them): batch the prompts of
        # each system prompt apart, so each group computes its long shared prefix once (default
        # pack, compare of the sample: 229 s of generation with tasks mixed, 198 s apart).
        groups: dict[str, list[int]] = {}
        for i, p in enumerate(prompts):
            groups.setdefault(p.system, []).append(i)
        for members in groups.values():
            static = self._static_prefix([ids[i] for i in members])
            lengths = [len(ids[i]) - len(static) for i in members]
            for planned in plan_batches(lengths, [budgets[i] for i in members], batch_size):
                batch = [members[j] for j in planned]
                loops = [LoopDetector() for _ in batch]
                results = self._run(batch, ids, budgets, static, decoding, loops)
                for i, result, loop in zip(batch, results, loops):
                    new, reason = finish(list(result.sequences_ids[0]), budgets[i])
                    if loop.period and reason == "stop":
                        reason = "repetition"  # stopped early: the reply had become a loop
                    out[i] = Generation(
                        self.tokenizer.decode(new).strip(), len(ids[i]), len(new), reason
                    )
        return [g for g in out if g is not None]

    def score(self, prompts: Sequence[Prompt], replies: Sequence[str]) -> list[TokenScores]:
        """Return each reply's token log-probabilities as the answer to its prompt (teacher
        forcing).

        The reply is followed by the end-of-turn token, so a reply the model would not end
        there scores lower. Sequences are scored in length-sorted batches.
        """
        end = self.end_ids[-1] if self.end_ids else None
        seqs, starts = [], []
        for p, r in zip(prompts, replies):
            head = self.prompt_ids(p)
            tail = self.tokenizer.encode(r) + ([end] if end is not None else [])
            seqs.append(head + tail)
            starts.append(len(head))
        too_long = [len(x) for x in seqs if len(x) > self.info.context_length]
        if too_long:
            raise GenerationError(f"a prompt and reply of {too_long[0]} tokens do not fit the "
                                  f"model's context of {self.info.context_length}")
        to_tokens = self.tokenizer.tokenizer.id_to_token
        out: list[TokenScores | None] = [None] * len(seqs)
        order = sorted(range(len(seqs)), key=lambda i: len(seqs[i]))
        for k in range(0, len(order), SCORE_BATCH):
            batch = order[k : k + SCORE_BATCH]
            try:
                results = self.model.score_batch(
                    [[to_tokens(t) for t in seqs[i]] for i in batch],
                    max_input_length=self.info.context_length)
            except (RuntimeError, MemoryError) as exc:
                raise GenerationError(f"CTranslate2 failed to score a batch of {len(batch)} "
                                      f"({exc})") from None
            for i, res in zip(batch, results):
                # log_probs[j] is the log-probability of token j + 1 given the tokens before it
                logprobs = tuple(float(x) for x in res.log_probs[starts[i] - 1:])
                tokens = tuple(self.tokenizer.decode([t]) for t in seqs[i][starts[i]:])
                out[i] = TokenScores(tokens, logprobs)
        return [x for x in out if x is not None]

    def _static_prefix(self, ids: list[list[int]]) -> list[int]:
        """Return the prompts' shared prefix to compute once (empty when too short to matter)."""
        n = shared_prefix(ids)
        return ids[0][:n] if n >= MIN_SHARED_PREFIX else []

    def _run(self, batch: list[int], ids: list[list[int]], budgets: list[int], static: list[int],
             decoding: Decoding, loops: list[LoopDetector]):
        vocab = self.tokenizer.tokenizer
        to_tokens = vocab.id_to_token
        start = [[to_tokens(t) for t in ids[i][len(static):]] for i in batch]
        limit = [budgets[i] for i in batch]
        made = [0] * len(batch)

        def at_budget(step) -> bool:  # stop each prompt at its own budget, not the batch's largest,
            b = step.batch_id  # or as soon as its reply has become a loop
            made[b] += 1  # (step.step also counts the prompt tail fed token by token)
            return loops[b].push(step.token_id) or made[b] >= limit[b]

        options: dict = {
            "max_length": max(limit), "beam_size": 1, "include_prompt_in_result": False,
            "end_token": self.end_ids, "return_end_token": False, "callback": at_budget,
        }
        if static:
            key = tuple(static)
            cache = key in self._cached_prefixes or len(self._cached_prefixes) < MAX_CACHED_PREFIXES
            if cache:
                self._cached_prefixes.add(key)
            options.update(static_prompt=[to_tokens(t) for t in static], cache_static_prompt=cache)
        if decoding.no_repeat_ngram:
            options["no_repeat_ngram_size"] = decoding.no_repeat_ngram
        if decoding.temperature > 0:
            self._ct2.set_random_seed(decoding.seed)
            options.update(sampling_topk=0, sampling_topp=decoding.top_p,
                           sampling_temperature=decoding.temperature)
        else:
            options.update(sampling_topk=1)
        try:
            return self.model.generate_batch(start, **options)
        except (RuntimeError, MemoryError) as exc:
            raise GenerationError(
                f"CTranslate2 failed on a batch of {len(batch)} ({exc}); lower --batch-size"
            ) from None
