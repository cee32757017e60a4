"""The suggested reading: edits found, voted and applied; the choice among candidates; the job."""

from __future__ import annotations

import toolkit
from toolkit.backends.base import Prompt
from toolkit.backends.embedder import FakeEmbedder
from toolkit.backends.fake import FakeGenerator
from toolkit.comparison.edits import Edit, apply_edits, find_edits, tokenize, vote
from toolkit.comparison.gain import gain, segment_changes
from toolkit.comparison.suggest import Candidate, Policy, choose, trusted_edits
from toolkit.core.flags import Flag
from toolkit.tasks.schedule import drive, score

MT = "Residents of Vaikla village say the water of wells has become salt since the spring."


def test_edits_round_trip_and_apply_alone():
    o = tokenize(MT)
    rewrite = "Residents of Vaikla village say the water of the wells has become salty since spring."
    edits = find_edits(o, tokenize(rewrite))
    assert apply_edits(o, edits) == rewrite
    assert apply_edits(o, []) == MT
    insert = next(e for e in edits if e.start == e.end)
    assert apply_edits(o, [insert]) == MT.replace("of wells", "of the wells")
    assert {(e.old(o), e.new) for e in edits} == {("", "the"), ("salt", "salty"), ("the", "")}


def test_vote_keeps_edits_made_the_same_way_and_resolves_overlaps():
    o = tokenize(MT)
    a = find_edits(o, tokenize(MT.replace("salt", "salty")))
    b = find_edits(o, tokenize(MT.replace("salt", "salty").replace("since the spring", "since spring")))
    c = find_edits(o, tokenize(MT.replace("salt", "salted")))
    kept = vote([a, b, c], 2)
    assert [(e.old(o), e.new, n) for e, n in kept] == [("salt", "salty", 2)]
    assert vote([a, b, c], 4) == []
    # two different replacements of one word overlap: the one with more votes wins
    assert Edit(3, 4, ("x ",)).overlaps(Edit(3, 4, ("y ",)))
    assert not Edit(3, 4, ()).overlaps(Edit(5, 6, ()))


def test_trusted_edits_keep_every_name_and_number():
    mt = '"The hull is torn," Arikas told ERR on 20 July, near the ship \'s 40 mētõr stern.'
    rewrite = '"The hull is torn," Arikas said on July 21, near the ship\'s 40 meters stern.'
    kept = {(e.old(tokenize(mt)), e.new) for e, _ in trusted_edits(mt, [rewrite, rewrite], Policy())}
    # respellings and repairs stay; the dropped agency, the moved month and the new date go
    assert kept == {("ship 's", "ship's"), ("mētõr", "meters")}
    respelled = mt.replace("Arikas", "Arrikas")
    assert {e.new for e, _ in trusted_edits(respelled, [mt, mt], Policy())} == {"Arikas"}


def test_a_flagged_candidate_never_beats_an_unflagged_mt():
    fixed = MT.replace("salt", "salty")
    cands = [Candidate("original", MT), Candidate("post-edit", fixed, (Flag("dropped-number", "3"),)),
             Candidate("fluent", fixed.replace("Residents", "People"))]
    s = choose(MT, cands, {"post-edit": 0.5, "fluent": -0.1}, [], Policy())
    assert s.source == "original" and s.text == MT  # post-edit is flagged, fluent not preferred
    s = choose(MT, cands, {"post-edit": 0.5, "fluent": 0.2}, [], Policy())
    assert s.source == "fluent"


def test_nothing_trusted_means_the_mt():
    s = choose(MT, [Candidate("original", MT), Candidate("post-edit", MT)], {"post-edit": 0.0}, [], Policy())
    assert (s.source, s.text, s.edits) == ("original", MT, ())


def test_gain_counts_and_lists_unflagged_harm_first_by_size():
    changes = segment_changes(["a", "b", "c", "d"], ["x", "y", "z", "w"], ["X", "Y", "Z", "W"],
                              [50.0, 40.0, 30.0, 70.0], [50.5, 48.0, 40.0, 60.0],
                              [(), (Flag("added-name", "Kim"),), (), ()])
    g = gain("post-edit", "article", {"chrF": 47.5}, {"chrF": 49.6}, changes)
    assert (g.better, g.worse, g.same) == (1, 2, 1)
    assert (g.harmed, g.harmed_unflagged) == (2, 1)
    assert [c.paragraph_id for c in g.worst] == ["c", "b"] and g.delta("chrF") == -2.1


def test_score_asks_are_merged_into_one_call_and_recorded():
    gen = FakeGenerator()

    def job():
        a = yield from score([Prompt("fix: a b")], ["a b"], gen)
        return a

    out = drive(job())
    assert out[0].total < 0 and out[0].tokens[-1] == "<end>"
    assert gen.scored == [(Prompt("fix: a b"), "a b")] and gen.history == []


def test_compare_suggests_a_reading_for_every_paragraph_in_every_output(sample_path):
    gen = FakeGenerator()
    r = toolkit.compare(sample_path, generator=gen, embedder=FakeEmbedder())
    assert all(p.suggestion is not None for p in r.paragraphs)
    d = r.to_dict()
    para = d["sections"][0]["paragraphs"][0]
    assert set(para["suggested"]) >= {"text", "from", "reason", "edits", "flags"}
    # the suggestion is never a candidate carrying a warning flag
    for p in r.paragraphs:
        s = p.suggestion
        if s.source not in ("original", "edited"):
            alt = next(a for a in p.alternatives if a.strategy == s.source)
            assert s.text == alt.text
    # vote samples are asked once, sampled, in the same engine calls as the strategies
    votes = [c for c in gen.history if c.decoding.temperature > 0 and 500 <= c.decoding.seed < 600]
    assert votes and all(len(c.prompts) >= len(r.paragraphs) for c in votes)
    assert gen.scored  # candidates were scored


def test_the_signature_says_how_the_suggestion_was_chosen_with_versions_too(sample_path):
    """``suggest:`` stays in the signature when given versions or a reference add theirs."""
    alone = toolkit.compare(sample_path, generator=FakeGenerator(), embedder=FakeEmbedder())
    assert ("suggest", "samples:2") in alone.signature.options
    with_ref = toolkit.compare(sample_path, generator=FakeGenerator(), embedder=FakeEmbedder(),
                               reference=sample_path)
    options = dict(with_ref.signature.options)
    assert options["suggest"] == "samples:2" and "versions" in options and "segments" in options
