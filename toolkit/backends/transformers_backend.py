"""The plain transformers engine: batched, left-padded, length-sorted; for GPUs and reference."""

from __future__ import annotations

from collections.abc import Sequence

from ..core.errors import GenerationError, ModelUnavailable
from ..models.registry import ModelRef
from .base import Decoding, Generation, ModelInfo, Prompt, TokenScores, finish, length_buckets


def pick_device(device: str) -> str:
    import torch

    if device == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    if device.startswith("cuda") and not torch.cuda.is_available():
        raise ModelUnavailable(f"device {device!r} requested but CUDA is not available")
    return device


def set_threads(threads: int) -> int:
    import os

    import torch

    n = threads or len(os.sched_getaffinity(0))
    torch.set_num_threads(n)
    return n


def load_hf(ref: ModelRef, device: str):
    """Load tokenizer and causal LM from a local folder (stored dtype) or a hub id."""
    from transformers import AutoModelForCausalLM, AutoTokenizer

    source = str(ref.path) if ref.path is not None else ref.hub_id
    local_only = ref.path is not None
    try:
        tokenizer = AutoTokenizer.from_pretrained(source, local_files_only=local_only)
        model = AutoModelForCausalLM.from_pretrained(
            source, dtype="auto", local_files_only=local_only
        )
    except OSError as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ModelUnavailable(f"cannot load {ref.id}: {first}") from None
    model.to(device).eval()
    tokenizer.padding_side = "left"
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token
    return tokenizer, model


def chat_text(tokenizer, prompt: Prompt) -> str:
    return tokenizer.apply_chat_template(
        prompt.messages(), tokenize=False, add_generation_prompt=True
    )


class TransformersGenerator:
    def __init__(self, ref: ModelRef, device: str = "auto", threads: int = 0) -> None:
        import torch

        self.device = pick_device(device)
        self.threads = set_threads(threads)
        self.tokenizer, self.model = load_hf(ref, self.device)
        dtype = str(next(self.model.parameters()).dtype).replace("torch.", "")
        ctx = int(getattr(self.model.config, "max_position_embeddings", 2048) or 2048)
        self.info = ModelInfo(
            ref.id, ref.sha256, "transformers", self.device, dtype, self.threads, ctx
        )
        self._eos = set(_eos_ids(self.model, self.tokenizer))
        self._torch = torch

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        return [len(self.tokenizer(t, add_special_tokens=False)["input_ids"]) for t in texts]

    def generate(self, prompts: Sequence[Prompt], decoding: Decoding) -> list[Generation]:
        torch = self._torch
        texts = [chat_text(self.tokenizer, p) for p in prompts]
        lengths = self.count_tokens(texts)
        out: list[Generation | None] = [None] * len(prompts)
        for batch in length_buckets(lengths, decoding.batch_size or 8):  # 0 = auto: 8 here
            budgets = [prompts[i].max_new_tokens or decoding.max_new_tokens for i in batch]
            enc = self.tokenizer([texts[i] for i in batch], return_tensors="pt", padding=True,
                                 add_special_tokens=False).to(self.device)
            kwargs = dict(max_new_tokens=max(budgets), pad_token_id=self.tokenizer.pad_token_id)
            if decoding.no_repeat_ngram:
                kwargs["no_repeat_ngram_size"] = decoding.no_repeat_ngram
            if decoding.temperature > 0:
                torch.manual_seed(decoding.seed)
                kwargs.update(
                    do_sample=True, temperature=decoding.temperature, top_p=decoding.top_p
                )
            else:
                kwargs.update(do_sample=False, temperature=None, top_p=None, top_k=None)
            try:
                with torch.inference_mode():
                    gen = self.model.generate(**enc, **kwargs)
            except torch.OutOfMemoryError:
                raise GenerationError(
                    f"out of memory generating a batch of {len(batch)}; lower --batch-size"
                ) from None
            new = gen[:, enc["input_ids"].shape[1] :]
            for row, i, budget in zip(new.tolist(), batch, budgets):
                ids = []
                for t in row:
                    if t in self._eos:
                        break
                    ids.append(t)
                ids, reason = finish(ids, budget)
                text = self.tokenizer.decode(ids, skip_special_tokens=True).strip()
                out[i] = Generation(text, lengths[i], len(ids), reason)
        return [g for g in out if g is not None]


    def score(self, prompts: Sequence[Prompt], replies: Sequence[str]) -> list[TokenScores]:
        """Return each reply's token log-probabilities as the answer to its prompt (teacher
        forcing), the end-of-turn token included; right-padded, length-sorted batches."""
        torch = self._torch
        end = (
            self.tokenizer.convert_tokens_to_ids(self.tokenizer.eos_token)
            if self.tokenizer.eos_token
            else None
        )
        seqs, starts = [], []
        for p, r in zip(prompts, replies):
            head = self.tokenizer(chat_text(self.tokenizer, p), add_special_tokens=False)[
                "input_ids"
            ]
            tail = self.tokenizer(r, add_special_tokens=False)["input_ids"]
            seqs.append(head + tail + ([end] if end is not None else []))
            starts.append(len(head))
        out: list[TokenScores | None] = [None] * len(seqs)
        pad = self.tokenizer.pad_token_id or 0
        for batch in length_buckets([len(x) for x in seqs], 8):
            width = max(len(seqs[i]) for i in batch)
            ids = torch.tensor(
                [seqs[i] + [pad] * (width - len(seqs[i])) for i in batch], device=self.device
            )
            mask = torch.tensor([[1] * len(seqs[i]) + [0] * (width - len(seqs[i])) for i in batch],
                                device=self.device)
            with torch.inference_mode():
                logits = self.model(input_ids=ids, attention_mask=mask).logits.float()
            logp = torch.log_softmax(logits[:, :-1], dim=-1).gather(-1, ids[:, 1:, None])[..., 0]
            for row, i in enumerate(batch):
                values = logp[row, starts[i] - 1 : len(seqs[i]) - 1].tolist()
                tokens = tuple(self.tokenizer.decode([t]) for t in seqs[i][starts[i]:])
                out[i] = TokenScores(tokens, tuple(values))
        return [x for x in out if x is not None]


def _eos_ids(model, tokenizer) -> list[int]:
    eos = model.generation_config.eos_token_id
    ids = eos if isinstance(eos, list) else [eos]
    if tokenizer.eos_token_id is not None:
        ids.append(tokenizer.eos_token_id)
    if tokenizer.pad_token_id is not None:
        ids.append(tokenizer.pad_token_id)
    return [i for i in ids if i is not None]
