import json

import pytest
from typer.testing import CliRunner

import toolkit
from toolkit.cli import app
from toolkit.core.errors import ConfigError
from toolkit.ingest import load_article
from toolkit.tasks.retranslate import align_source, rewrite_budget

SHORT = "Crash report\n\nA plane “Ambrair ۱۰۰ crashed last December near Actao. Four people died.\n\nBaku blamed Moscow for it."


def test_every_paragraph_gets_alternatives_from_two_strategies(sample_path, fake):
    result = toolkit.retranslate(sample_path, generator=fake)
    assert len(result.paragraphs) == 22
    for pr in result.paragraphs:
        alts = pr.alternatives
        assert [a.strategy for a in alts] == ["post-edit", "fluent"]
        texts = [a.text for a in alts]
        assert all(texts) and len(set(texts)) == 2 and pr.paragraph.text not in texts
    # one engine call for both strategies (they share batches); budgets tied to each paragraph
    assert len(fake.history) == 1 and len(fake.history[0].prompts) == 44
    for call in fake.history:
        for p in call.prompts:
            para = p.user.rsplit("\n\n", 1)[-1]
            assert p.max_new_tokens == rewrite_budget(len(para.split()))


def test_prompts_come_from_config(sample_path, fake):
    from toolkit.prompts import load_prompts

    result = toolkit.retranslate(sample_path, generator=fake, strategies="post-edit,fluent")
    paragraphs = {p.text for p in result.article.paragraphs}
    post_edit = [p for p in fake.prompts if p.system.startswith("You post-edit news")]
    fluent = [p for p in fake.prompts if p.system.startswith("You are a news editor. You rewrite")]
    # both: the instructions in the system turn, the paragraph alone as the user turn, after
    # the few-shot turns of the prompt file (a text that needs nothing comes back unchanged)
    for prompts, table in ((post_edit, "retranslate.post-edit"), (fluent, "retranslate.fluent")):
        assert prompts and all(p.user in paragraphs for p in prompts)
        shots = load_prompts().examples[table]
        assert all(p.examples == shots for p in prompts) and any(a == b for a, b in shots)
        assert all("Persian" in p.system for p in prompts)


@pytest.mark.parametrize("strategy", ["post-edit", "fluent"])
def test_a_rewrite_may_return_a_paragraph_that_reads_well_unchanged(fake, strategy):
    art = load_article(SHORT)
    originals = [p.text for p in art.paragraphs]
    fake.reply = lambda p: next(o for o in originals if o in p.user)  # echo the paragraph back
    result = toolkit.retranslate(art, generator=fake, strategies=strategy)
    for pr in result.paragraphs:
        (alt,) = pr.alternatives
        assert alt.attempts == 1 and alt.text == pr.paragraph.text and alt.flags == ()


@pytest.fixture
def fluent_must_change():
    """The fluent strategy as a strategy whose reply must differ from the paragraph (the
    built-in one, like post-edit, accepts a text that already reads well unchanged)."""
    from dataclasses import replace

    from toolkit.strategies import STRATEGIES

    built_in = STRATEGIES.get("fluent")
    STRATEGIES.register("fluent", replace(built_in, unchanged_ok=False), replace=True)
    yield
    STRATEGIES.register("fluent", built_in, replace=True)


def test_identical_reply_is_retried_then_flagged(fake, fluent_must_change):
    art = load_article(SHORT)
    originals = [p.text for p in art.paragraphs]
    fake.reply = lambda p: next(o for o in originals if o in p.user)  # echo the paragraph back
    result = toolkit.retranslate(art, generator=fake, strategies="fluent")
    for pr in result.paragraphs:
        (alt,) = pr.alternatives
        assert alt.attempts == 2 and alt.text == pr.paragraph.text
        assert [f.kind for f in alt.flags] == ["identical"]
    retry_call = fake.history[1]
    assert retry_call.decoding.temperature > 0  # the retry is sampled, and seeded
    assert all(p.user.startswith("Rewrite the paragraph below in clear, natural English")
               for p in retry_call.prompts)


def test_empty_and_prompt_copy_replies_are_flagged_not_dropped(fake):
    art = load_article(SHORT)
    fake.enqueue("", "", "", "")  # both paragraphs, first try and retry
    result = toolkit.retranslate(art, generator=fake, strategies="post-edit")
    assert [[f.kind for f in pr.alternatives[0].flags] for pr in result.paragraphs] == [["empty"], ["empty"]]
    fake.history.clear()
    copy = ("Fix only clear errors: wrong grammar, garbled or misspelled words, a word that makes "
            "no sense in context. Keep everything else as it is.")
    fake.enqueue(copy, "Baku said Moscow was to blame.", copy)
    result = toolkit.retranslate(art, generator=fake, strategies="post-edit")
    first = result.paragraphs[0].alternatives[0]
    assert "prompt-copy" in [f.kind for f in first.flags]


def test_fidelity_flags_on_alternatives(fake):
    art = load_article(SHORT)
    fake.enqueue("An Embraer 1000 crashed on December 28th near Aktau. Four people died.", "Baku blamed Moscow.")
    result = toolkit.retranslate(art, generator=fake, strategies="post-edit")
    flags = {(f.kind, f.text) for f in result.paragraphs[0].alternatives[0].flags}
    assert ("changed-number", "1000") in flags and ("added-date", "December 28th") in flags


def test_round_trip_goes_through_the_pivot(fake):
    art = load_article(SHORT)
    result = toolkit.retranslate(art, generator=fake, strategies="round-trip", pivot="German")
    first, second = fake.history[0].prompts, fake.history[1].prompts
    assert all("into German" in p.user for p in first)
    assert all("Translate this German news paragraph into English" in p.user for p in second)
    assert result.signature.to_dict()["options"]["pivot"] == "German"


@pytest.fixture
def src(tmp_path):
    """The Persian original of SHORT (title, two paragraphs)."""
    path = tmp_path / "fa.txt"
    path.write_text("سقوط\n\nهواپیمای امبرائر ۱۰۰ سقوط کرد.\n\nباکو مسکو را مقصر دانست.", encoding="utf-8")
    return path


def test_from_source_needs_and_aligns_source(fake, src):
    art = load_article(SHORT)
    with pytest.raises(ConfigError, match="--source"):
        toolkit.retranslate(art, generator=fake, strategies="from-source")
    result = toolkit.retranslate(art, generator=fake, strategies="post-edit,from-source", source=src)
    assert [a.strategy for a in result.paragraphs[0].alternatives] == ["post-edit", "from-source"]
    fs = [p for p in fake.prompts if "Persian news paragraph into English" in p.user]
    assert "امبرائر" in fs[0].user and "باکو" in fs[1].user


def test_source_edit_repairs_the_mt_beside_its_original(fake, src):
    art = load_article(SHORT)
    with pytest.raises(ConfigError, match="--source"):
        toolkit.retranslate(art, generator=fake, strategies="source-edit")
    originals = [p.text for p in art.paragraphs]
    fake.reply = lambda p: next(o for o in originals if o in p.user)  # the MT back: correct
    result = toolkit.retranslate(art, generator=fake, strategies="source-edit", source=src)
    edits = [p for p in fake.prompts if p.system.startswith("You post-edit English news")]
    assert len(edits) == len(originals)
    for p, mt, fa in zip(edits, originals, ["امبرائر", "باکو"]):
        # the MT is what is edited (it ends the user turn), its original stands before it
        assert p.user.endswith(mt) and fa in p.user and "Persian original:" in p.user
        assert "Persian" in p.system and p.examples == ()
    for pr in result.paragraphs:  # a correct translation may come back unchanged
        (alt,) = pr.alternatives
        assert alt.strategy == "source-edit" and alt.text == pr.paragraph.text
        assert alt.attempts == 1 and alt.flags == ()


def test_a_source_adds_source_edit_unless_a_chosen_strategy_reads_it(fake, src):
    art = load_article(SHORT)
    for asked, got in (("post-edit", ["post-edit", "source-edit"]),
                       ("fluent,from-source", ["fluent", "from-source"]),
                       ("source-edit", ["source-edit"])):
        result = toolkit.retranslate(art, generator=fake, strategies=asked, source=src)
        assert [a.strategy for a in result.paragraphs[0].alternatives] == got, asked


def test_align_source_by_length():
    art = load_article("T i t l e x\n\n" + "a " * 50 + ".\n\n" + "b " * 10 + ".\n\n" + "c " * 40 + ".")
    assert align_source(art.paragraphs, ["A1", "B1", "C1"]) == ["A1", "B1", "C1"]
    merged = align_source(art.paragraphs, ["x" * 25, "y" * 25, "z" * 10, "w" * 40])
    assert merged == ["x" * 25 + "\n" + "y" * 25, "z" * 10, "w" * 40]


def test_more_alternatives_per_strategy_are_sampled(fake):
    art = load_article(SHORT)
    result = toolkit.retranslate(art, generator=fake, strategies="fluent", alternatives=2)
    assert len(result.paragraphs[0].alternatives) == 2
    assert [c.decoding.temperature for c in fake.history] == [0.0, 0.8]
    assert fake.history[1].decoding.seed == fake.history[0].decoding.seed + 1


def test_cli_retranslate_json_contract(sample_path):
    r = CliRunner().invoke(app, ["retranslate", str(sample_path), "--backend", "fake", "-q", "-f", "json",
                                 "--strategies", "post-edit,fluent"])
    assert r.exit_code == 0, r.output
    d = json.loads(r.stdout)
    p = d["sections"][2]["paragraphs"][1]
    assert p["original"].startswith("The starting point of this crisis")
    assert {"strategy", "model", "text", "flags"} <= set(p["alternatives"][0])
    r = CliRunner().invoke(app, ["retranslate", str(sample_path), "--backend", "fake", "-q", "--strategies", "nope"])
    assert r.exit_code == 2 and "unknown strategy" in r.stderr


def test_degenerate_replies_are_flagged():
    from toolkit.tasks.retranslate import _problem, is_repetitive

    assert is_repetitive("Mash-tam-tam-tam-tam-tam-tam-tam-tam-tam-tam-tam-tam-tam-tam")
    assert not is_repetitive("The Republic of Azerbaijan considers that Russian air defense systems were "
                             "involved in the downing of the aircraft, which Moscow has not yet accepted.")
    assert _problem("باشین درخصاری ۱۰۰ درخصاری ۱۰۰ درخصاری", "orig", "prompt") == "wrong-script"


@pytest.mark.parametrize("original, reply, kept", [
    ("• Expired before 1.1.2022 - is invalid,", "Expired before 1.1.2022 is invalid.",
     "• Expired before 1.1.2022 is invalid."),
    ("👉The licence has expired, what to do?", "The licence has expired. What should I do?",
     "👉The licence has expired. What should I do?"),
    ("• it is possible to replace it", "- It is possible to replace it", "• It is possible to replace it"),
    ("2. The second point", "The second point", "2. The second point"),
    ("-5 degrees tonight", "Minus five degrees tonight", "Minus five degrees tonight"),
    ('"We will go," he said.', '"We will go," he said.', '"We will go," he said.'),
    ("(AP) Moscow said", "Moscow said", "Moscow said"),
    # trailing marks beyond the end punctuation
    ("It is raw, like the Beatles. ......", "It is raw, like the Beatles.",
     "It is raw, like the Beatles. ......"),
    ("You may not drive a car.---", "You may not drive a car.", "You may not drive a car.---"),
    ("Ask us about the exam😎", "Ask us about the exam.", "Ask us about the exam😎"),
    ("Wait...", "Wait.", "Wait..."),
    ("Really?!", "Really?", "Really?"),  # end punctuation is the reply's own
    ('He said "no."', 'He said "no".', 'He said "no".'),
])
def test_a_reply_keeps_the_markers_of_its_line(original, reply, kept):
    from toolkit.tasks.textutil import clean_output

    assert clean_output(reply, original) == kept
