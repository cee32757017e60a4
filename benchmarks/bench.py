"""Benchmark Parallax's default generation path against the naive transformers loop.

    python benchmarks/bench.py --model qwen2.5-coder-1.5b --paragraphs 16 --json

Both paths get the same prompts (the ``fluent`` retranslation prompt of ``configs/prompts.toml``
on the sample's first N paragraphs), greedy decoding and the same per-prompt token limits
(``rewrite_budget`` of each paragraph's token count). The baseline is
``transformers.pipeline("text-generation")`` in fp32, called once per paragraph; Parallax's path
is ``load_generator`` with the default settings (the ct2 engine on a CPU). Each path runs in its
own subprocess so that its peak RSS is its own (a one-time CT2 conversion, if it happens in that
run, counts in Parallax's peak). ``wall_s`` is generation time; model load time is printed apart.

With ``--json`` stdout holds one JSON object and everything else goes to stderr.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "caucasus-moscow-baku.txt"
STRATEGY = "fluent"


# ----------------------------------------------------------------------------- the two paths


def _cpu_s() -> float:
    """CPU seconds (user + system) of this process so far: less sensitive to a shared machine."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def run_baseline(spec: dict) -> dict:
    """The naive loop: an fp32 pipeline called once per paragraph, greedy, the same limits."""
    import torch
    import transformers

    torch.set_num_threads(spec["threads"])
    transformers.logging.set_verbosity_error()
    transformers.utils.logging.disable_progress_bar()
    t0 = time.perf_counter()
    pipe = transformers.pipeline("text-generation", model=spec["hf_dir"], dtype=torch.float32, device="cpu")
    load_s = time.perf_counter() - t0
    tok = pipe.tokenizer
    outputs, gen_tokens = [], 0
    t0 = time.perf_counter()
    for p in spec["prompts"]:
        messages = [{"role": "system", "content": p["system"]}, {"role": "user", "content": p["user"]}]
        n_prompt = len(tok.apply_chat_template(messages, add_generation_prompt=True, tokenize=True,
                                               return_dict=True)["input_ids"])
        result = pipe(messages, max_new_tokens=p["max_new_tokens"], do_sample=False, return_tensors=True)
        new = result[0]["generated_token_ids"][n_prompt:]
        text = tok.decode(new, skip_special_tokens=True).strip()
        gen_tokens += len([t for t in new if t not in tok.all_special_ids])
        outputs.append(text)
    wall = time.perf_counter() - t0
    return {"wall_s": wall, "gen_tokens": gen_tokens, "load_s": load_s, "outputs": outputs,
            "engine": f"transformers pipeline fp32, torch {torch.__version__}", "peak_rss_mb": _peak_rss_mb()}


def run_parallax(spec: dict) -> dict:
    """Parallax's default path: the settings' engine (ct2 int8 on a CPU), batched."""
    from toolkit.backends import decoding_from, load_generator
    from toolkit.backends.base import Prompt
    from toolkit.core.config import load_settings

    overrides = {"generator": spec["model"], "threads": spec["threads"], "batch_size": spec["batch_size"]}
    settings, _ = load_settings(spec.get("config"), overrides=overrides)
    t0 = time.perf_counter()
    gen = load_generator(settings)
    load_s = time.perf_counter() - t0
    prompts = [Prompt(p["user"], p["system"], p["max_new_tokens"]) for p in spec["prompts"]]
    t0 = time.perf_counter()
    gens = gen.generate(prompts, decoding_from(settings))
    wall = time.perf_counter() - t0
    info = gen.info
    return {"wall_s": wall, "gen_tokens": sum(g.new_tokens for g in gens), "load_s": load_s,
            "outputs": [g.text for g in gens], "finish": [g.finish_reason for g in gens],
            "engine": f"{info.backend} {info.dtype}, batch {settings.batch_size}, {info.threads} threads",
            "peak_rss_mb": _peak_rss_mb()}


def worker(path: str, spec_file: str) -> None:
    spec = json.loads(Path(spec_file).read_text(encoding="utf-8"))
    task = spec.get("task", "generate")
    if task == "compare":
        result = run_compare(spec, naive=path == "baseline")
    elif task == "summarize":
        result = run_summarize(spec)
    else:
        result = (run_baseline if path == "baseline" else run_parallax)(spec)
    print("RESULT " + json.dumps(result), flush=True)


# ----------------------------------------------------------------------------- whole-job tasks


class NaiveGenerator:
    """The naive engine for the end-to-end benchmark: an fp32 pipeline, one call per prompt.

    It implements the toolkit's generator interface, so the naive run goes through exactly the
    same task code (prompts, budgets, retries, checks, metrics) as Parallax's; only generation
    differs.
    """

    def __init__(self, hf_dir: str, threads: int) -> None:
        import torch
        import transformers

        from toolkit.backends.base import ModelInfo

        torch.set_num_threads(threads)
        transformers.logging.set_verbosity_error()
        transformers.utils.logging.disable_progress_bar()
        self.pipe = transformers.pipeline("text-generation", model=hf_dir, dtype=torch.float32,
                                          device="cpu")
        self.tok = self.pipe.tokenizer
        ctx = int(getattr(self.pipe.model.config, "max_position_embeddings", 2048) or 2048)
        self.info = ModelInfo(Path(hf_dir).parent.name, None, "transformers-pipeline", "cpu", "float32",
                              threads, ctx)
        self._torch = torch

    def count_tokens(self, texts):
        return [len(self.tok(t, add_special_tokens=False)["input_ids"]) for t in texts]

    def generate(self, prompts, decoding):
        from toolkit.backends.base import Generation

        out = []
        for p in prompts:
            messages = p.messages()
            n_prompt = len(self.tok.apply_chat_template(messages, add_generation_prompt=True, tokenize=True,
                                                        return_dict=True)["input_ids"])
            budget = p.max_new_tokens or decoding.max_new_tokens
            kwargs: dict = {"max_new_tokens": budget, "return_tensors": True}
            if decoding.no_repeat_ngram:
                kwargs["no_repeat_ngram_size"] = decoding.no_repeat_ngram
            if decoding.temperature > 0:
                self._torch.manual_seed(decoding.seed)
                kwargs.update(do_sample=True, temperature=decoding.temperature, top_p=decoding.top_p)
            else:
                kwargs.update(do_sample=False)
            result = self.pipe(messages, **kwargs)
            new = [t for t in result[0]["generated_token_ids"][n_prompt:] if t not in self.tok.all_special_ids]
            reason = "length" if len(new) >= budget else "stop"
            out.append(Generation(self.tok.decode(new, skip_special_tokens=True).strip(), n_prompt,
                                  len(new), reason))
        return out


class StageClock:
    """Attribute wall time to stages from the toolkit's progress events.

    Each ``progress(stage, n)`` event closes an interval that is charged to ``stage``; time spent
    inside ``embed`` calls is charged to ``embeddings`` instead.
    """

    def __init__(self) -> None:
        self.stages: dict[str, float] = {}
        self.last = time.perf_counter()
        self.embed_s = 0.0
        self.embed_total = 0.0

    def charge(self, stage: str, seconds: float) -> None:
        self.stages[stage] = self.stages.get(stage, 0.0) + seconds

    def __call__(self, stage: str, n: int) -> None:
        now = time.perf_counter()
        self.charge(stage, now - self.last - self.embed_s)
        self.charge("embeddings", self.embed_s)
        self.last, self.embed_s = now, 0.0

    def timed_embed(self, embed):
        def wrapper(texts, *args, **kwargs):
            t0 = time.perf_counter()
            try:
                return embed(texts, *args, **kwargs)
            finally:
                self.embed_s += time.perf_counter() - t0
                self.embed_total += time.perf_counter() - t0
        return wrapper


class CountingGenerator:
    """Count generated tokens of every call (the toolkit's result does not keep them)."""

    def __init__(self, gen) -> None:
        self.gen, self.info, self.tokens = gen, gen.info, 0
        self.count_tokens = gen.count_tokens

    def generate(self, prompts, decoding):
        out = self.gen.generate(prompts, decoding)
        self.tokens += sum(g.new_tokens for g in out)
        return out


def first_paragraphs(article, n: int):
    """Return ``article`` cut to its first ``n`` paragraphs (sections kept, empty ones dropped)."""
    from dataclasses import replace

    sections, left = [], n
    for section in article.sections:
        kept = section.paragraphs[:left]
        if kept:
            sections.append(replace(section, paragraphs=kept))
            left -= len(kept)
    return replace(article, sections=tuple(sections))


def run_compare(spec: dict, naive: bool) -> dict:
    """One whole compare of the article: naive generation or Parallax's default path."""
    import toolkit
    from toolkit.backends import load_embedder, load_generator
    from toolkit.core.config import load_settings
    from toolkit.render.html import render_html

    overrides = {"generator": spec["model"], "threads": spec["threads"]}
    if spec.get("batch_size"):
        overrides["batch_size"] = spec["batch_size"]
    settings, _ = load_settings(spec.get("config"), overrides=overrides)
    article = first_paragraphs(toolkit.load_article(spec["article"]), spec["paragraphs"])
    clock = StageClock()
    t0 = time.perf_counter()
    gen = NaiveGenerator(spec["hf_dir"], spec["threads"]) if naive else load_generator(settings)
    embedder = load_embedder(settings)
    load_s = time.perf_counter() - t0
    counting = CountingGenerator(gen)
    embedder.embed = clock.timed_embed(embedder.embed)
    t0 = clock.last = time.perf_counter()
    cpu0 = _cpu_s()
    result = toolkit.compare(article, settings, generator=counting, embedder=embedder, progress=clock)
    clock("metrics and alignment", 0)  # whatever ran after the last progress event
    t1 = time.perf_counter()
    html = render_html(result)
    render_s = time.perf_counter() - t1
    wall = t1 - t0
    # engine seconds per stage come from the scheduler (a merged call is shared out by tokens);
    # "generation" is the elapsed time of all stages together (comparison overlapped with it)
    stages = {"load": round(load_s, 2), **{k: round(v, 2) for k, v in result.timings},
              "embeddings (overlapped)": round(clock.embed_total, 2), "render": round(render_s, 3)}
    alts, flags, noise = {}, {}, {}
    for section in result.sections:
        for pr in section.paragraphs:
            for a in pr.alternatives:
                alts[f"{pr.paragraph.id}:{a.strategy}"] = a.text
            flags[pr.paragraph.id] = sorted({f.kind for a in pr.alternatives for f in a.flags})
            if pr.comparison is not None:  # the original's own problems (the planted ones)
                noise[pr.paragraph.id] = sorted({f"{f.kind}:{f.text}" for f in pr.noise})
    summaries = {s.section.id: s.summary.text for s in result.sections if s.summary is not None}
    info = gen.info
    return {"wall_s": wall, "gen_tokens": counting.tokens, "load_s": load_s, "stages": stages,
            "alternatives": alts, "summaries": summaries, "flags": flags, "noise": noise,
            "html_chars": len(html), "usage": dict(result.usage),
            "engine": f"{info.backend} {info.dtype}, {info.threads} threads", "compute_type": info.dtype,
            "cpu_s": _cpu_s() - cpu0, "peak_rss_mb": _peak_rss_mb()}


def run_summarize(spec: dict) -> dict:
    """Summarize a synthetic article of ``spec['words']`` words with Parallax's path."""
    import toolkit
    from toolkit.backends import load_generator
    from toolkit.core.config import load_settings

    overrides = {"threads": spec["threads"]}
    if spec.get("model"):
        overrides["generator"] = spec["model"]
    settings, _ = load_settings(spec.get("config"), overrides=overrides)
    article = toolkit.load_article(synthetic_text(spec["words"], spec.get("one_line", False)))
    t0 = time.perf_counter()
    gen = CountingGenerator(load_generator(settings))
    load_s = time.perf_counter() - t0
    t0, cpu0 = time.perf_counter(), _cpu_s()
    result = toolkit.summarize(article, settings, generator=gen, progress=None)
    wall = time.perf_counter() - t0
    words = sum(p.word_count for p in article.paragraphs)
    sums = [(s.section.id, s.summary) for s in result.sections] + [("article", result.article_summary)]
    return {"words": words, "paragraphs": len(article.paragraphs), "wall_s": wall, "load_s": load_s,
            "s_per_1k_words": wall / words * 1000, "gen_tokens": gen.tokens,
            "summaries": {k: {"text": v.text, "flags": sorted({f.kind for f in v.flags}),
                              "stages": v.stages, "chunks": v.chunks} for k, v in sums},
            "engine": f"{gen.info.backend} {gen.info.dtype}", "compute_type": gen.info.dtype,
            "cpu_s": _cpu_s() - cpu0, "peak_rss_mb": _peak_rss_mb()}


def synthetic_text(words: int, one_line: bool = False) -> str:
    """Return about ``words`` words: the sample's paragraphs repeated in a shuffled order."""
    import random

    import toolkit

    paragraphs = [p.text for p in toolkit.load_article(SAMPLE).paragraphs]
    rng = random.Random(0)
    out, count = [], 0
    while count < words:
        batch = paragraphs[:]
        rng.shuffle(batch)
        for text in batch:
            w = text.split()
            if count + len(w) > words:
                w = w[: words - count]
                if not w:
                    break
                text = " ".join(w) + "."
            out.append(text)
            count += len(w)
            if count >= words:
                break
    return ("Synthetic long article\n\n" + (" ".join(out) if one_line else "\n\n".join(out)) + "\n")


# ----------------------------------------------------------------------------- orchestration


def build_spec(args) -> dict:
    """Prompts and limits exactly as the fluent retranslation builds them."""
    from tokenizers import Tokenizer

    import toolkit
    from toolkit.core.config import load_settings
    from toolkit.models.registry import resolve_model
    from toolkit.prompts import load_prompts
    from toolkit.tasks.retranslate import rewrite_budget

    settings, _ = load_settings(args.config, overrides={"generator": args.model})
    ref = resolve_model(args.model, settings.cache_path())
    if ref.path is None:
        raise SystemExit("bench.py needs a local model (a pack or a folder)")
    article = toolkit.load_article(SAMPLE)
    paragraphs = [p.text for p in article.paragraphs[: args.paragraphs]]
    prompts = load_prompts(settings.prompts)
    table = f"retranslate.{STRATEGY}"
    system = prompts.format(table, "system")
    tokenizer = Tokenizer.from_file(str(ref.path / "tokenizer.json"))
    specs = []
    for text in paragraphs:
        tokens = len(tokenizer.encode(text, add_special_tokens=False).ids)
        specs.append({"system": system, "user": prompts.format(table, "user", text=text),
                      "max_new_tokens": rewrite_budget(tokens)})
    threads = args.threads or settings.threads or len(os.sched_getaffinity(0))
    return {"model": args.model, "hf_dir": str(ref.path), "prompts": specs, "threads": threads,
            "batch_size": args.batch_size or settings.batch_size, "config": args.config,
            "cache": str(settings.cache_path())}


def run_path(path: str, spec_file: str, log) -> dict:
    log(f"running the {path} path in a subprocess ...")
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"}
    proc = subprocess.run([sys.executable, __file__, "--worker", path, spec_file],
                          capture_output=True, text=True, env=env, check=False)
    lines = [line for line in proc.stdout.splitlines() if line.startswith("RESULT ")]
    if proc.returncode != 0 or not lines:
        sys.stderr.write(proc.stderr[-3000:])
        raise SystemExit(f"the {path} path failed (exit {proc.returncode})")
    for line in proc.stderr.splitlines():
        if line.startswith("parallax:"):
            log(line)
    return json.loads(lines[-1][len("RESULT "):])


def copy_bandwidth_gbs(mib: int = 512, repeats: int = 5) -> float:
    """Return memory copy bandwidth in GB/s, counting bytes read plus bytes written (STREAM copy)."""
    import numpy as np

    src = np.ones(mib << 18, dtype=np.float32)  # mib MiB
    dst = np.empty_like(src)
    best = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        np.copyto(dst, src)
        best = min(best, time.perf_counter() - t0)
    return 2 * src.nbytes / best / 1e9


def weight_bytes(spec: dict) -> tuple[int, int]:
    """Return the bytes of weights read per decode step: (fp32 baseline, CT2 int8 model.bin)."""
    hf = Path(spec["hf_dir"])
    bf16 = sum(p.stat().st_size for p in hf.glob("*.safetensors"))
    fp32 = 2 * bf16  # the packs store bf16; the baseline loads fp32
    from toolkit.backends.ct2_backend import ct2_folder
    from toolkit.models.registry import resolve_model

    ct2 = ct2_folder(resolve_model(spec["model"], Path(spec["cache"])), Path(spec["cache"])) / "model.bin"
    return fp32, (ct2.stat().st_size if ct2.is_file() else 0)


VECTOR_FLAGS = ("avx", "avx2", "fma", "f16c", "avx512f", "avx512bw", "avx512vl", "avx512_vnni",
                "avx_vnni", "avx512_bf16", "amx_int8", "amx_bf16")


def cpu_flags() -> list[str]:
    """Return the CPU's vector extensions that matter to int8/fp32 kernels (from /proc/cpuinfo)."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("flags"):
                have = set(line.split(":", 1)[1].split())
                return [f for f in VECTOR_FLAGS if f in have]
    except OSError:
        pass
    return []


def machine(threads: int) -> dict:
    """What a benchmark JSON records about the machine it ran on."""
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    return {"cpu": _cpu_name(), "cores": os.cpu_count(), "threads": threads, "vector": cpu_flags(),
            "vnni": any("vnni" in f for f in cpu_flags()), "load_avg_1m": load,
            "python": platform.python_version()}


def _cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--task", choices=("generate", "compare", "summarize"), default="generate",
                    help="generate: generation only (default); compare: the whole compare, naive "
                         "vs Parallax; summarize: seconds per 1,000 words of a long article")
    ap.add_argument("--model", default=None, help="pack name or local model folder "
                    "(default: qwen2.5-coder-1.5b; for --task summarize the profile's)")
    ap.add_argument("--paragraphs", type=int, default=None,
                    help="the sample's first N paragraphs (default 16; 8 for --task compare)")
    ap.add_argument("--article", type=Path, default=SAMPLE, help="article for --task compare")
    ap.add_argument("--words", default="5000", help="--task summarize: words, or a comma list")
    ap.add_argument("--one-line", action="store_true", help="--task summarize: one paragraph")
    ap.add_argument("--json", action="store_true", help="print one JSON object on stdout")
    ap.add_argument("--skip-baseline", action="store_true", help="quick run: Parallax's path only")
    ap.add_argument("--threads", type=int, default=0, help="threads for both paths (0 = settings)")
    ap.add_argument("--batch-size", type=int, default=0, help="Parallax's batch size (0 = settings)")
    ap.add_argument("--config", default=None, help="settings profile for Parallax's path")
    ap.add_argument("--outputs", type=Path, help="also write both paths' texts to this JSON file")
    ap.add_argument("--worker", nargs=2, metavar=("PATH", "SPEC"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        worker(*args.worker)
        return

    def log(message: str) -> None:
        print(message, file=sys.stderr if args.json else sys.stdout, flush=True)

    if args.task == "summarize":
        _summarize_task(args, log)
        return
    args.model = args.model or "qwen2.5-coder-1.5b"
    if args.task == "compare":
        _compare_task(args, log)
        return
    args.paragraphs = args.paragraphs or 16
    spec = build_spec(args)
    with tempfile.TemporaryDirectory() as tmp:
        spec_file = Path(tmp) / "spec.json"
        spec_file.write_text(json.dumps(spec), encoding="utf-8")
        baseline = None if args.skip_baseline else run_path("baseline", spec_file, log)
        parallax = run_path("parallax", spec_file, log)

    def summary(r: dict | None) -> dict | None:
        if r is None:
            return None
        return {"wall_s": round(r["wall_s"], 2), "gen_tokens": r["gen_tokens"],
                "tok_s": round(r["gen_tokens"] / r["wall_s"], 2), "peak_rss_mb": round(r["peak_rss_mb"])}

    agreement = None
    if baseline is not None:
        from toolkit.comparison.metrics import chrf  # sacreBLEU's sentence chrF, as in reports

        scores = [chrf(p, b) for p, b in zip(parallax["outputs"], baseline["outputs"])]
        agreement = round(sum(scores) / len(scores), 1)
    out = {
        "model": args.model,
        "machine": machine(spec["threads"]),
        "paragraphs": len(spec["prompts"]),
        "baseline": summary(baseline),
        "parallax": summary(parallax),
        "speedup": round(baseline["wall_s"] / parallax["wall_s"], 2) if baseline else None,
        "agreement": agreement,
    }

    # ---- the report (stderr with --json)
    log(f"machine: {_cpu_name()}, {os.cpu_count()} cores, {spec['threads']} threads used, "
        f"python {platform.python_version()}")
    log(f"{'path':<10} {'engine':<44} {'load s':>7} {'wall s':>8} {'tokens':>7} {'tok/s':>7} {'peak RSS MB':>12}")
    for name, r in (("baseline", baseline), ("parallax", parallax)):
        if r is not None:
            s = summary(r)
            log(f"{name:<10} {r['engine']:<44} {r['load_s']:>7.1f} {s['wall_s']:>8.1f} {s['gen_tokens']:>7} "
                f"{s['tok_s']:>7.1f} {s['peak_rss_mb']:>12}")
    if baseline:
        log(f"speedup {out['speedup']}x, agreement (mean sentence chrF vs baseline) {agreement}")
    reasons = parallax.get("finish", [])
    log(f"parallax finish reasons: {reasons.count('stop')} stop, {reasons.count('length')} length (budget)")

    bw = copy_bandwidth_gbs()
    fp32_bytes, int8_bytes = weight_bytes(spec)
    log(f"roofline: copy bandwidth {bw:.1f} GB/s (numpy copy, read + write bytes, one thread)")
    log("  a decode step reads every weight once and yields one token per sequence in the batch; so "
        "a single stream is capped at bandwidth / weight bytes, and a batch of B at B times that "
        "(until compute-bound). Rates below are over the whole generation (prefill included).")
    rows = [("baseline", baseline, fp32_bytes, 1, "fp32"), ("parallax", parallax, int8_bytes, spec["batch_size"], "int8")]
    for name, r, nbytes, batch, kind in rows:
        if r is None or not nbytes:
            continue
        roof = bw * 1e9 / nbytes
        rate = r["gen_tokens"] / r["wall_s"]
        log(f"  {name}: {nbytes / 1e9:.2f} GB {kind} weights/step -> roofline {roof:.1f} tok/s single stream"
            + (f", {batch * roof:.1f} tok/s at batch {batch}" if batch > 1 else "")
            + f"; achieved {rate:.1f} tok/s = {rate / roof:.0%} of single-stream roofline"
            + (f", {rate / (batch * roof):.0%} of the batch-{batch} ceiling" if batch > 1 else ""))
    if args.outputs:
        texts = [{"paragraph": i, "baseline": baseline["outputs"][i] if baseline else None,
                  "parallax": text} for i, text in enumerate(parallax["outputs"])]
        args.outputs.write_text(json.dumps({**out, "texts": texts}, indent=2), encoding="utf-8")
    if args.json:
        print(json.dumps(out))
    else:
        log(json.dumps(out, indent=2))


def _spawn(path: str, spec: dict, log) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        spec_file = Path(tmp) / "spec.json"
        spec_file.write_text(json.dumps(spec), encoding="utf-8")
        return run_path(path, str(spec_file), log)


def _emit(out: dict, args, log) -> None:
    if args.outputs:
        args.outputs.write_text(json.dumps(out, indent=2), encoding="utf-8")
    if args.json:
        print(json.dumps(out))
    else:
        log(json.dumps(out, indent=2))


def _compare_task(args, log) -> None:
    """The whole compare, naive and Parallax, each in its own process; stages and agreement."""
    from toolkit.comparison.metrics import chrf
    from toolkit.core.config import load_settings
    from toolkit.models.registry import resolve_model

    settings, _ = load_settings(args.config, overrides={"generator": args.model})
    ref = resolve_model(args.model, settings.cache_path())
    if ref.path is None:
        raise SystemExit("bench.py needs a local model (a pack or a folder)")
    threads = args.threads or settings.threads or len(os.sched_getaffinity(0))
    spec = {"task": "compare", "model": args.model, "hf_dir": str(ref.path), "threads": threads,
            "article": str(args.article), "paragraphs": args.paragraphs or 8, "config": args.config,
            "batch_size": args.batch_size}
    baseline = None if args.skip_baseline else _spawn("baseline", spec, log)
    parallax = _spawn("parallax", spec, log)

    def side(r: dict | None, stages: bool = False) -> dict | None:
        if r is None:
            return None
        out = {"wall_s": round(r["wall_s"], 2), "gen_tokens": r["gen_tokens"],
               "tok_s": round(r["gen_tokens"] / r["wall_s"], 2), "peak_rss_mb": round(r["peak_rss_mb"]),
               "load_s": round(r["load_s"], 2), "cpu_s": round(r.get("cpu_s", 0.0), 1),
               "engine_calls": r.get("usage", {}).get("engine_calls"),
               "engine": r["engine"], "compute_type": r["compute_type"]}
        if stages:
            out["stages"] = r["stages"]
        return out

    out = {"task": "compare", "model": args.model, "machine": machine(threads),
           "paragraphs": spec["paragraphs"], "article": Path(spec["article"]).name,
           "baseline": side(baseline, True), "parallax": side(parallax, True),
           "stages": parallax["stages"], "speedup": None, "agreement": None}
    if baseline is not None:
        keys = sorted(set(baseline["alternatives"]) & set(parallax["alternatives"]))
        scores = [chrf(parallax["alternatives"][k], baseline["alternatives"][k]) for k in keys]
        sums = [chrf(parallax["summaries"][k], baseline["summaries"][k])
                for k in parallax["summaries"] if k in baseline["summaries"]]
        pairs = {(pid, kind) for pid, kinds in baseline["flags"].items() for kind in kinds}
        ours = {(pid, kind) for pid, kinds in parallax["flags"].items() for kind in kinds}
        out["speedup"] = round(baseline["wall_s"] / parallax["wall_s"], 2)
        out["agreement"] = round(sum(scores) / len(scores), 1) if scores else None
        out["agreement_summaries"] = round(sum(sums) / len(sums), 1) if sums else None
        out["flags"] = {"same": pairs == ours, "baseline_only": sorted(map(list, pairs - ours)),
                        "parallax_only": sorted(map(list, ours - pairs)),
                        # flags on the original (the sample's planted problems), by paragraph
                        "original_same": baseline["noise"] == parallax["noise"],
                        "original_flags": sum(len(v) for v in parallax["noise"].values())}
    log(f"machine: {out['machine']}")
    for name, r in (("baseline", baseline), ("parallax", parallax)):
        if r is not None:
            log(f"{name:<9} {r['engine']:<40} load {r['load_s']:6.1f} s  wall {r['wall_s']:7.1f} s  "
                f"{r['gen_tokens']:6} tokens  peak RSS {r['peak_rss_mb']:6.0f} MB")
            log("          stages: " + ", ".join(f"{k} {v}" for k, v in r["stages"].items()))
    if baseline is not None:
        log(f"speedup {out['speedup']}x, agreement (mean chrF of alternatives vs naive) {out['agreement']}"
            f", summaries {out['agreement_summaries']}, same flags on alternatives: "
            f"{out['flags']['same']}, same flags on the original: {out['flags']['original_same']} "
            f"({out['flags']['original_flags']})")
    if args.outputs:
        keys = ("alternatives", "summaries", "flags", "noise")
        out["texts"] = {"baseline": baseline and {k: baseline[k] for k in keys},
                        "parallax": {k: parallax[k] for k in keys}}
    _emit(out, args, log)


def _summarize_task(args, log) -> None:
    """Summarize synthetic articles of the given word counts; seconds per 1,000 words."""
    config = args.config
    threads = args.threads or len(os.sched_getaffinity(0))
    runs = []
    for words in [int(w) for w in str(args.words).split(",") if w.strip()]:
        spec = {"task": "summarize", "model": args.model, "config": config, "threads": threads,
                "words": words, "one_line": args.one_line}
        r = _spawn("parallax", spec, log)
        log(f"{r['words']:>7} words ({r['paragraphs']} paragraphs): {r['wall_s']:.1f} s, "
            f"{r['s_per_1k_words']:.2f} s per 1,000 words, {r['gen_tokens']} tokens, "
            f"peak RSS {r['peak_rss_mb']:.0f} MB")
        for key, summ in r["summaries"].items():
            log(f"   {key}: [{', '.join(summ['flags'])}] {summ['text'][:160]!r}")
        runs.append({k: (round(v, 3) if isinstance(v, float) else v) for k, v in r.items()})
    out = {"task": "summarize", "model": args.model, "config": config, "machine": machine(threads),
           "runs": runs}
    if len(runs) > 1:
        out["ratio_last_to_first"] = round(runs[-1]["s_per_1k_words"] / runs[0]["s_per_1k_words"], 2)
    _emit(out, args, log)


if __name__ == "__main__":
    main()
