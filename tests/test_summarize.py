
import toolkit
from toolkit.ingest import load_article
from toolkit.tasks import summarize as summ
from toolkit.tasks.textutil import chunk_by_tokens, clean_output, copy_ratio


def test_sentence_limit_is_enforced_in_code(sample_path, fake):
    # every reply has four sentences; every summary must come back with at most two
    fake.reply = lambda p: "Baku and Moscow quarrel. Trust fell. A plane crashed. Talks go on."
    result = toolkit.summarize(sample_path, generator=fake, sentences=2)
    assert len(result.sections) == 4
    for sr in result.sections:
        assert sr.summary.sentences == ("Baku and Moscow quarrel.", "Trust fell.")
        assert sr.summary.text == "Baku and Moscow quarrel. Trust fell."
        assert any(f.kind == "trimmed" and f.text == "A plane crashed. Talks go on." for f in sr.summary.flags)
    assert len(result.article_summary.sentences) == 2
    # the prompt asks for the same limit
    assert all("at most 2 short sentence" in p.user for p in fake.prompts)


def test_one_sentence_limit(sample_path, fake):
    fake.reply = lambda p: "Relations worsened. Everyone agrees."
    result = toolkit.summarize(sample_path, generator=fake, sentences=1)
    assert all(len(sr.summary.sentences) == 1 for sr in result.sections)


def test_copy_is_retried_with_strict_prompt_then_flagged(sample_path, fake):
    art = load_article(sample_path)
    intro = art.sections[0].paragraphs[0].text
    # first answer copies the source verbatim; the retry (strict prompt) copies again
    fake.enqueue(intro, "Fine summary one.", "Fine summary two.", "Fine summary three.")
    fake.enqueue(intro)  # the retry of s0
    result = toolkit.summarize(art, generator=fake, sentences=2)
    s0 = result.sections[0].summary
    kinds = [f.kind for f in s0.flags]
    assert "copy" in kinds and "retried" in kinds and s0.attempts == 2
    strict = [p for p in fake.prompts if p.user.startswith("Summarize the main point")]
    assert len(strict) == 1 and intro[:60] in strict[0].user
    assert result.sections[1].summary.text == "Fine summary one." and result.sections[1].summary.flags == ()


def test_empty_reply_retried_and_recovers(sample_path, fake):
    fake.enqueue("", "Ok one.", "Ok two.", "Ok three.", "A fresh summary after retry.")
    result = toolkit.summarize(sample_path, generator=fake)
    s0 = result.sections[0].summary
    assert s0.text == "A fresh summary after retry." and s0.attempts == 2
    assert [f.kind for f in s0.flags] == ["retried"]


def test_long_section_is_summarized_in_stages_without_dropping_text(sample_path, fake, monkeypatch):
    monkeypatch.setattr(summ, "MAX_INPUT_TOKENS", 120)  # fake tokens = words
    art = load_article(sample_path)
    result = toolkit.summarize(art, generator=fake)
    # the first round: whole sections with the run's decoding, pieces of long ones without
    # repeated phrases (two calls)
    assert [c.decoding.no_repeat_ngram for c in fake.history[:2]] == [0, summ.NO_REPEAT_NGRAM]
    first_stage = [p for c in fake.history[:2] for p in c.prompts]
    shown = " ".join(p.user for p in first_stage)
    for para in art.paragraphs:  # every sentence of the article reached the model
        for s in para.sentences:
            assert s.text in shown
    s3 = result.sections[3].summary
    assert s3.chunks > 1 and s3.stages >= 2


def test_chunking_splits_run_on_text_without_loss():
    count = lambda xs: [len(x.split()) for x in xs]
    long_para = " ".join(f"w{i}" for i in range(1000))  # one "sentence", no punctuation
    chunks = chunk_by_tokens(["short one.", long_para], count, 100)
    flat = " ".join(" ".join(c) for c in chunks).split()
    assert flat == ["short", "one."] + long_para.split()
    assert all(sum(count(c)) <= 100 for c in chunks)


def test_clean_output_and_copy_ratio():
    assert clean_output("Here is a summary:\n**Baku** and Moscow argue.") == "Baku and Moscow argue."
    assert clean_output('"Quoted reply."') == "Quoted reply."
    assert copy_ratio("the cat sat on the mat today", "yesterday the cat sat on the mat today") == 1.0
    assert copy_ratio("a wholly new wording of events", "the cat sat on the mat today") == 0.0


def test_extractive_picks_source_sentences_in_order(sample_path, fake_embedder):
    result = toolkit.summarize(sample_path, embedder=fake_embedder, summary_method="extractive", sentences=2)
    art = result.article
    for sr in result.sections:
        texts = [s.text for s in sr.section.sentences]
        assert 1 <= len(sr.summary.sentences) <= 2
        idx = [texts.index(s) for s in sr.summary.sentences]
        assert idx == sorted(idx)
    assert result.signature.generator is None and result.signature.embedder.id == "fake-embedder"
    assert len(result.article_summary.sentences) == 2
    assert all(s in " ".join(p.text for p in art.paragraphs) for s in result.article_summary.sentences)


def test_signature_records_model_and_decoding(sample_path, fake):
    result = toolkit.summarize(sample_path, generator=fake, max_new_tokens=99, seed=7)
    sig = result.to_dict()["signature"]
    assert sig["models"]["generator"]["id"] == "fake"
    assert sig["decoding"]["max_new_tokens"] == 99 and sig["decoding"]["seed"] == 7
    assert sig["toolkit"] == toolkit.__version__
    assert "dec:greedy,max=99,seed=7" in sig["text"]
    # every generation call used the summary budget, not the global maximum
    assert all(p.max_new_tokens == summ.summary_budget(2, fake.history[0].decoding) for p in fake.prompts)


def test_json_contract_keys(sample_path, fake):
    d = toolkit.summarize(sample_path, generator=fake).to_dict()
    assert d["schema"] == "parallax/1"
    assert set(d) >= {"schema", "signature", "title", "sections", "article_summary"}
    s = d["sections"][1]
    assert set(s) >= {"id", "title", "summary", "paragraphs"}
    assert set(s["summary"]) >= {"text", "sentences", "flags"}
    assert set(s["paragraphs"][0]) >= {"id", "original"}
    assert set(d["article_summary"]) >= {"text", "sentences"}


def test_a_summary_its_source_does_not_support_is_asked_again_then_flagged(sample_path, fake):
    # the model finds "Mars was invaded." as likely without the section as with it
    def logprobs(prompt, reply):
        if "Mars" in reply:
            return [-1.0] * len(reply.split()) + [-0.05]
        return [-0.1 if "(no text)" not in prompt.user else -3.0] * len(reply.split()) + [-0.05]

    fake.logprobs = logprobs
    fake.reply = lambda p: "Mars was invaded." if "Summarize the main point" not in p.user else "Relations worsened."
    result = toolkit.summarize(sample_path, generator=fake, sentences=1)
    s0 = result.sections[0].summary
    assert s0.text == "Relations worsened." and s0.attempts == 2
    assert "retried" in [f.kind for f in s0.flags] and "model-unsupported" not in [f.kind for f in s0.flags]
    scored = [r for _, r in fake.scored]
    assert scored.count("Mars was invaded.") >= 2  # with and without its source
    # a retry that is still unsupported keeps the flag
    fake.reply = lambda p: "Mars was invaded."
    s0 = toolkit.summarize(sample_path, generator=fake, sentences=1).sections[0].summary
    assert any(f.kind == "model-unsupported" and f.text == "Mars was invaded." for f in s0.flags)
