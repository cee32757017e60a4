"""The suggested reading of every paragraph: extra rewrites that vote on edits, model scores,
and the choice (:mod:`toolkit.comparison.suggest`), as scheduled jobs.

``samples_job`` asks for ``n`` more post-edits of every paragraph (sampled, seeded), which vote
on edits but are never shown; ``suggest_job`` scores every candidate with the engine (the
log-likelihood of the candidate as a careful correction of the MT, and, when the source is
given, as a translation of it; both relative to the MT's own) and each trusted edit on its own,
then chooses.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ..backends.base import Decoding, Generator, Prompt
from ..comparison.edits import apply_edits, tokenize
from ..comparison.suggest import EDITED, ORIGINAL, Candidate, Policy, choose, trusted_edits
from ..core.document import Paragraph
from ..core.results import Alternative, Suggestion
from ..prompts import Prompts
from ..strategies import get_strategy
from .schedule import Job, ask, score
from .textutil import clean_output

SAMPLE_TEMPERATURE = 0.7


def samples_job(paragraphs: Sequence[Paragraph], engine: Generator, prompts: Prompts, n: int,
                decoding: Decoding, values: dict[str, str], strategy: str = "post-edit",
                notes: Sequence[str] | None = None) -> Job[list[list[str]]]:
    """Return ``n`` sampled replies of ``strategy``'s first prompt for every paragraph."""
    if n <= 0 or not paragraphs:
        return [[] for _ in paragraphs]
    spec = get_strategy(strategy)
    table = spec.table
    system = prompts.format(table, "system", **values)
    shots = prompts.shots(table, **values)
    texts = [p.text for p in paragraphs]
    tokens = engine.count_tokens(texts)
    notes = notes or [""] * len(texts)
    prompts_ = [
        Prompt(
            prompts.format(table, "user", text=f"{note}\n\n{t}" if note else t, **values),
            system,
            spec.budget(k),
            shots,
        )
        for t, k, note in zip(texts, tokens, notes)
    ]
    out: list[list[str]] = [[] for _ in paragraphs]
    for k in range(n):
        dec = replace(decoding, temperature=SAMPLE_TEMPERATURE, seed=decoding.seed + 500 + k)
        for i, g in enumerate((yield from ask(prompts_, dec, engine, "votes"))):
            out[i].append(clean_output(g.text, texts[i]))
    return out


DEFAULT_SCORING = {  # used when a prompt file has no [score.*] tables
    "score.faithful": {
        "system": "You are a meticulous copy editor of machine-translated English news.",
        "user": "Correct the errors in this machine-translated English text, changing nothing "
                "that is right. Reply with the corrected text only.\n\n{text}"},
    "score.source": {
        "system": "You are a professional translator of news into English.",
        "user": "Translate this {language} text into English. Reply with the translation only."
                "\n\n{text}"},
}


def _score_prompts(prompts: Prompts, original: str, source: str | None,
                   values: dict[str, str]) -> list[Prompt]:
    """The prompts a candidate is scored under: as a correction of the MT; of the source too."""
    missing = {k: v for k, v in DEFAULT_SCORING.items() if k not in prompts.templates}
    if missing:
        prompts = replace(prompts, templates={**missing, **prompts.templates})
    out = [Prompt(prompts.format("score.faithful", "user", text=original, **values),
                  prompts.format("score.faithful", "system", **values))]
    if source and source.strip():
        out.append(Prompt(prompts.format("score.source", "user", text=source, **values),
                          prompts.format("score.source", "system", **values)))
    return out


def suggest_job(paragraphs: Sequence[Paragraph], alternatives: Sequence[Sequence[Alternative]],
                samples: Sequence[Sequence[str]], engine: Generator | None, prompts: Prompts,
                policy: Policy, sources: Sequence[str] | None = None,
                values: dict[str, str] | None = None) -> Job[list[Suggestion]]:
    """Return the suggestion for every paragraph (one scoring round for all of them)."""
    values = values or {}
    plans = []
    asks_p: list[Prompt] = []
    asks_r: list[str] = []
    for i, para in enumerate(paragraphs):
        alts = [a for a in alternatives[i] if a.text.strip()]
        rewrites = [a.text for a in alts if a.strategy in policy.rewrites] + list(
            samples[i] if samples else ()
        )
        edits = trusted_edits(para.text, rewrites, policy)
        tokens = tokenize(para.text)
        cands = [Candidate(ORIGINAL, para.text)]
        cands += [
            Candidate(
                a.strategy
                if all(b.strategy != a.strategy for b in alts[:k])
                else f"{a.strategy}#{k}",
                a.text,
                a.flags,
            )
            for k, a in enumerate(alts)
        ]
        if edits:
            cands.append(Candidate(EDITED, apply_edits(tokens, [e for e, _ in edits])))
        singles = [apply_edits(tokens, [e]) for e, _ in edits]
        texts = list(dict.fromkeys([c.text for c in cands] + singles))
        contexts = _score_prompts(prompts, para.text, sources[i] if sources else None, values)
        start = len(asks_r)
        for ctx in contexts:
            asks_p.extend([ctx] * len(texts))
            asks_r.extend(texts)
        plans.append((cands, edits, singles, texts, len(contexts), start))
    scored = (
        list((yield from score(asks_p, asks_r, engine, "suggestion"))) if engine and asks_r else []
    )
    out = []
    for para, (cands, edits, singles, texts, n_ctx, start) in zip(paragraphs, plans):
        gains: dict[str, float] | None = None
        edit_gains: list[float | None] = [None] * len(edits)
        if scored:
            per_text = {}
            n_tok = max(1, len(tokenize(para.text)))
            for j, t in enumerate(texts):
                per_text[t] = (
                    sum(scored[start + c * len(texts) + j].total for c in range(n_ctx)) / n_ctx
                )
            base = per_text[para.text]
            gains = {c.name: (per_text[c.text] - base) / n_tok for c in cands if c.name != ORIGINAL}
            edit_gains = [per_text[s] - base for s in singles]
            kept = [
                (e, n)
                for (e, n), g in zip(edits, edit_gains)
                if g is not None and g > policy.edit_gain
            ]
            if len(kept) != len(
                edits
            ):  # rebuild the edited candidate from the edits the model backs
                text = apply_edits(tokenize(para.text), [e for e, _ in kept])
                cands = [c for c in cands if c.name != EDITED]
                if kept and text.strip() != para.text.strip():
                    cands.append(Candidate(EDITED, text))
                    gains[EDITED] = (
                        (per_text.get(text, base) - base) / n_tok
                        if text in per_text
                        else sum(g for g in edit_gains if g is not None and g > policy.edit_gain)
                        / n_tok
                    )
                edits = kept
                edit_gains = [g for g in edit_gains if g is not None and g > policy.edit_gain]
        out.append(choose(para.text, cands, gains,
                          [(e, n, g) for (e, n), g in zip(edits, edit_gains)], policy))
    return out
