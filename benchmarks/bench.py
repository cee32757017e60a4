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
    from toolkit.config import load_settings

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
    result = (run_baseline if path == "baseline" else run_parallax)(spec)
    print("RESULT " + json.dumps(result), flush=True)


# ----------------------------------------------------------------------------- orchestration


def build_spec(args) -> dict:
    """Prompts and limits exactly as the fluent retranslation builds them."""
    from tokenizers import Tokenizer

    import toolkit
    from toolkit.config import load_settings
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
    ap.add_argument("--model", default="qwen2.5-coder-1.5b", help="pack name or local model folder")
    ap.add_argument("--paragraphs", type=int, default=16)
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


if __name__ == "__main__":
    main()
