"""Whole-job speed: batch planning, loop stopping, balanced chunks, the scheduler, streaming."""



import toolkit
from toolkit.backends.base import Decoding, Prompt
from toolkit.backends.batching import batch_steps, plan_batches
from toolkit.backends.embedder import FakeEmbedder
from toolkit.backends.fake import FakeGenerator
from toolkit.backends.memory import batch_size_for
from toolkit.backends.repetition import LoopDetector, loop_period
from toolkit.tasks import summarize as summ
from toolkit.tasks.textutil import balanced_chunks, chunk_by_tokens


def _cost(batches, lengths, budgets):
    return sum(batch_steps([lengths[i] for i in b], [budgets[i] for i in b]) for b in batches)


def test_plan_keeps_a_long_prompt_away_from_short_ones():
    lengths, budgets = [1339, 165, 170, 160], [64, 64, 64, 64]
    batches = plan_batches(lengths, budgets, max_batch=8)
    assert sorted(map(sorted, batches)) == [[0], [1, 2, 3]]
    assert sorted(i for b in batches for i in b) == [0, 1, 2, 3]


def test_plan_is_optimal_against_brute_force_on_small_cases():
    import itertools
    import random

    rng = random.Random(1)
    for _ in range(30):
        n = rng.randint(1, 6)
        lengths = [rng.randint(10, 400) for _ in range(n)]
        budgets = [rng.randint(20, 120) for _ in range(n)]
        plan = plan_batches(lengths, budgets, max_batch=3)
        assert all(len(b) <= 3 for b in plan)
        order = sorted(range(n), key=lambda i: (lengths[i], i))
        best = min(  # every cut of the sorted list into runs of at most 3
            _cost([order[a:b] for a, b in zip((0, *cuts), (*cuts, n))], lengths, budgets)
            for k in range(n)
            for cuts in itertools.combinations(range(1, n), k)
            if all(b - a <= 3 for a, b in zip((0, *cuts), (*cuts, n)))
        )
        assert _cost(plan, lengths, budgets) == best


def test_loop_detector_stops_a_phrase_loop_but_not_prose():
    loop = [5, 6, 7, 8] * 20
    det = LoopDetector()
    stopped_at = next(i for i, t in enumerate(loop) if det.push(t))
    assert stopped_at < 40 and det.period == 4
    prose = list(range(200))  # no repeats
    det = LoopDetector()
    assert not any(det.push(t) for t in prose)
    assert loop_period([1, 2, 3, 1, 2, 3]) == 0  # too short to call a loop


def test_balanced_chunks_are_even_and_keep_every_piece():
    pieces = [f"w{i} " * 10 for i in range(41)]  # 41 pieces of 10 "tokens"
    def count(texts):
        return [len(t.split()) for t in texts]

    greedy = chunk_by_tokens(pieces, count, 100)
    even = balanced_chunks(pieces, count, 100)
    assert len(even) == len(greedy) == 5
    sizes = [sum(count(c)) for c in even]
    assert max(sizes) - min(sizes) <= 10 and max(sizes) <= 100
    assert [p for c in even for p in c] == pieces


def test_a_looping_summary_is_flagged_retried_and_never_shown(sample_path):
    fake = FakeGenerator()
    loop = "The article is: " * 12
    fake.reply = lambda p: loop  # the first reply and the strict retry both loop
    result = toolkit.summarize(sample_path, generator=fake)
    for sr in result.sections:
        kinds = {f.kind for f in sr.summary.flags}
        assert sr.summary.text == "" and sr.summary.sentences == ()
        assert {"repetitive", "retried"} <= kinds and sr.summary.attempts == 2
    strict = [p for p in fake.prompts if p.user.startswith("Summarize the main point")]
    assert len(strict) >= 4  # every section was asked again


def test_a_loop_then_a_good_retry_recovers(sample_path):
    fake = FakeGenerator()
    fake.enqueue("The article is: " * 12, "Ok one.", "Ok two.", "Ok three.", "A real summary.")
    result = toolkit.summarize(sample_path, generator=fake)
    s0 = result.sections[0].summary
    assert s0.text == "A real summary." and s0.attempts == 2


def test_finish_summary_honours_the_engine_loop_signal():
    text, sents, flags = summ.finish_summary("Baku and Moscow quarrel.", "source", 2, looped=True)
    assert text == "" and sents == () and [f.kind for f in flags] == ["repetitive"]


def test_batch_size_follows_free_memory():
    gib = 1 << 30
    small = batch_size_for(free_bytes=gib // 4, kv_bytes_per_token=24_576, tokens=1024)
    large = batch_size_for(free_bytes=16 * gib, kv_bytes_per_token=24_576, tokens=1024)
    assert 1 <= small < large <= 32
    assert batch_size_for(free_bytes=0, kv_bytes_per_token=24_576, tokens=1024) == 1


def test_plan_bounds_the_prompt_tokens_of_a_batch():
    batches = plan_batches([1500] * 12, [100] * 12, max_batch=16, max_tokens=8192)
    assert [len(b) for b in batches] and all(len(b) <= 5 for b in batches)
    assert plan_batches([9000, 9000], [10, 10], max_batch=16, max_tokens=8192) == [[0], [1]]


# ------------------------------------------------------------------ the scheduler
def _job(gen, name: str, rounds: int):
    from toolkit.tasks.schedule import ask

    out = []
    for r in range(rounds):
        dec = Decoding() if r == 0 else Decoding(temperature=0.7, seed=1)
        gens = yield from ask([Prompt(f"{name} round {r}")], dec, gen, name)
        out.append(gens[0].text)
    return out


def test_gather_merges_each_round_into_one_call_per_decoding():
    from toolkit.tasks.schedule import Clock, drive, gather

    gen = FakeGenerator(reply=lambda p: p.user.upper())
    clock = Clock()
    a, b, c = drive(gather([_job(gen, "a", 2), _job(gen, "b", 1), _job(gen, "c", 3)]), clock)
    assert a == ["A ROUND 0", "A ROUND 1"] and b == ["B ROUND 0"] and c[-1] == "C ROUND 2"
    calls = [[p.user for p in call.prompts] for call in gen.history]
    # round 1: every job's greedy prompt in one call; then the sampled rounds, one call each
    assert calls == [["a round 0", "b round 0", "c round 0"], ["a round 1", "c round 1"], ["c round 2"]]
    assert clock.calls == 3 and set(clock.seconds) == {"a", "b", "c"}


def test_different_engines_are_never_merged():
    from toolkit.tasks.schedule import drive, gather

    one, two = FakeGenerator(), FakeGenerator()
    drive(gather([_job(one, "a", 1), _job(two, "b", 1)]))
    assert [len(c.prompts) for c in one.history] == [1] and [len(c.prompts) for c in two.history] == [1]


def test_compare_shares_batches_between_summaries_and_strategies(sample_path):
    fake = FakeGenerator()
    toolkit.compare(sample_path, generator=fake, embedder=FakeEmbedder())
    first = fake.history[0]
    systems = {p.system for p in first.prompts}
    # the first engine call holds section summaries, post-edits and fluent rewrites together
    assert len(systems) >= 3 and len(first.prompts) > 16
    assert all(c.decoding.temperature == 0 for c in fake.history if len({p.system for p in c.prompts}) > 1)


def test_compare_is_deterministic_and_streams_every_paragraph_once(sample_path):
    def run():
        seen = []
        fake = FakeGenerator()
        result = toolkit.compare(sample_path, generator=fake, embedder=FakeEmbedder(), on_paragraph=seen.append)
        return result, seen, [[p.user for p in c.prompts] for c in fake.history]

    r1, seen1, calls1 = run()
    r2, seen2, calls2 = run()
    assert calls1 == calls2
    assert [pr.paragraph.id for pr in seen1] == [p.id for p in r1.article.paragraphs]
    assert all(pr.comparison is not None for pr in seen1)
    import json

    from toolkit.render.json import render_json

    def report(r):
        data = json.loads(render_json(r))
        data.pop("timings")
        return data

    assert report(r1) == report(r2)


def test_summaries_ask_for_no_repeated_phrases_and_catch_a_short_loop():
    from toolkit.tasks.textutil import repeats_a_phrase

    loop = ("The article is a continuation of the previous section, and the article is a "
            "continuation of the previous section.")
    fake = FakeGenerator().enqueue(loop)  # the section summary loops; its retry may not
    toolkit.summarize("A title\n\nThe talks in Baku ended without a deal on Monday.", generator=fake)
    assert [c.decoding.no_repeat_ngram for c in fake.history] == [0, summ.NO_REPEAT_NGRAM, 0]
    assert repeats_a_phrase(loop)
    fine = "Baku blamed Moscow for the crash near Aktau. Moscow denied any role in the crash."
    assert not repeats_a_phrase(fine)
    # a phrase the source itself repeats is not a loop of the model's
    assert not repeats_a_phrase(loop, source=loop + " " + loop)
    text, _, flags = summ.finish_summary(loop, "Some source text about Baku and Moscow.", 2)
    assert text == "" and [f.kind for f in flags] == ["repetitive"]


def test_partial_summaries_are_shorter_and_not_retried_for_copying(monkeypatch):
    monkeypatch.setattr(summ, "MAX_INPUT_TOKENS", 40)
    para = "The talks in Baku ended without a deal on Monday after many hours of debate. " * 4
    text = "A title\n\n" + "\n\n".join(f"{para} Round {i} of the talks was held." for i in range(8))
    fake = FakeGenerator(reply=lambda p: p.user.rsplit("\n\n", 1)[-1][:200])  # copies its input
    result = toolkit.summarize(text, generator=fake)
    first = fake.history[0]
    assert len(first.prompts) > 1 and all(p.max_new_tokens == summ.summary_budget(2, first.decoding, True)
                                          for p in first.prompts)
    assert summ.summary_budget(2, first.decoding, True) < summ.summary_budget(2, first.decoding)
    retried = [p for c in fake.history for p in c.prompts if "Rephrase completely" in p.user]
    # the pieces' copies are not asked again; only the summaries that are shown are
    assert len(retried) <= 2 and result.sections[0].summary.stages >= 2
