"""Paragraphs anchor the alignment of versions: each planted problem is flagged on its paragraph.

A version with the article's paragraph structure (or nearly: a line of site furniture added)
in which one paragraph was left in Persian, one is an assistant's refusal, one is cut short,
one changes a number and one misspells a place name: every problem gets its own flag kind on
its own paragraph, and the paragraphs around them stay clean.
"""

from __future__ import annotations

import pytest

import toolkit
from toolkit.backends.embedder import FakeEmbedder
from toolkit.comparison.align import lexical_vectors
from toolkit.comparison.versions import (
    GivenVersion,
    align_version,
    compare_versions,
    pair_paragraphs,
)
from toolkit.ingest import load_article

ARTICLE = [
    "Azerbaijan and Russia have entered a new stage of tension after the crash of a passenger "
    "plane near Aktau in Kazakhstan last December.",
    "The plane, operated by Azerbaijan Airlines, was flying from Baku to Grozny with 67 people on "
    "board when it came down on the shore of the Caspian Sea.",
    "President Ilham Aliyev said the aircraft had been damaged by fire from the ground and "
    "demanded that Moscow admit its guilt and pay compensation to the families.",
    "The Kremlin expressed regret over the incident but did not accept responsibility, saying "
    "that its air defence systems were repelling Ukrainian drone attacks at the time.",
    "Baku responded by closing the Russian cultural centre in the capital. Several employees of "
    "the Sputnik news agency were detained by the police on the same day. Moscow then summoned "
    "the Azerbaijani ambassador to protest against the arrests of its citizens.",
    "According to the Interior Ministry, 35 people were detained in raids on businesses owned by "
    "ethnic Azerbaijanis in the city of Yekaterinburg last week.",
    "Analysts in Kazakhstan say the dispute could affect the transit routes that cross the "
    "Caspian Sea between Central Asia and Europe.",
    "Officials in Kazakhstan have opened their own investigation into the crash near Aktau and "
    "say the flight recorders have been sent abroad.",
    "Both governments say they want to avoid a complete break in relations, but neither has "
    "offered a concession so far.",
]

PERSIAN = ("هواپیما که توسط خطوط هوایی آذربایجان اداره می‌شد، با ۶۷ سرنشین از باکو به گروزنی "
           "پرواز می‌کرد که در ساحل دریای خزر سقوط کرد.")
REFUSAL = ("I'm sorry, but I cannot translate this text because it contains sensitive political "
           "content.")

PLANTED = {  # paragraph index -> (version text, the kind that must be flagged there)
    1: (PERSIAN, "untranslated"),
    3: (REFUSAL, "refusal"),
    4: ("Baku responded by closing the Russian cultural centre in the capital.", "length-ratio"),
    5: (ARTICLE[5].replace("35 people", "53 people"), "changed-number"),
    7: (ARTICLE[7].replace("Kazakhstan", "Kazakstan"), "name-variant"),
}
KINDS = {kind for _, kind in PLANTED.values()}
ALIGNMENT_KINDS = {"missing-text", "extra-text"}


def _article(paragraphs: list[str]):
    return load_article("Crisis in the Caucasus\n\n" + "\n\n".join(paragraphs) + "\n")


def _version(extra_first_line: bool = False) -> list[str]:
    paragraphs = [PLANTED[i][0] if i in PLANTED else p for i, p in enumerate(ARTICLE)]
    if extra_first_line:  # one paragraph more than the article: the counts differ
        paragraphs.insert(0, "Follow our channel on Telegram for the latest news from the region.")
    return paragraphs


def _flags_by_paragraph(result, name: str) -> dict[int, set[str]]:
    vc = result.versions
    return {k: {f.kind for f in vc.paragraph(pr.paragraph.id).cell(name).flags}
            for k, pr in enumerate(result.paragraphs)}


@pytest.mark.parametrize("embedder", [FakeEmbedder(), None], ids=["embedded", "lexical"])
@pytest.mark.parametrize("extra", [False, True], ids=["same-structure", "extra-paragraph"])
def test_each_planted_problem_is_flagged_on_its_own_paragraph(embedder, extra):
    art = _article(ARTICLE)
    given = [GivenVersion("v", "given", _article(_version(extra)))]
    vc = compare_versions(art, given, embedder.embed if embedder else None)
    ids = [p.id for p in art.paragraphs]
    found = {k: {f.kind for f in vc.paragraph(pid).cell("v").flags} for k, pid in enumerate(ids)}
    for k, (text, kind) in PLANTED.items():
        assert kind in found[k], (k, kind, found[k])
        cell = vc.paragraph(ids[k]).cell("v")
        assert cell.text.split()[:3] == text.split()[:3]  # the version's paragraph, in place
    if extra:  # the added line is text of the version next to the first paragraph
        first = vc.paragraph(ids[0]).cell("v")
        assert [f.text for f in first.flags if f.kind == "extra-text"] == [
            "Follow our channel on Telegram for the latest news from the region."]
        found[0] -= {"extra-text", "added-name"}  # (Telegram is a name the article lacks)
    for k, kinds in found.items():  # no planted kind, and no alignment debris, anywhere else
        wrong = kinds & (KINDS - {PLANTED[k][1]} if k in PLANTED else KINDS)
        assert not wrong, (k, wrong)
        if k not in PLANTED or PLANTED[k][1] in ("untranslated", "refusal", "changed-number",
                                                 "name-variant"):
            assert not kinds & ALIGNMENT_KINDS, (k, kinds)
    # not a rendering: its length, end mark and sentence alignment say nothing more
    assert found[1] == {"untranslated"} and found[3] == {"refusal"}


def test_the_whole_api_flags_them_and_fail_on_counts_them(tmp_path):
    art = tmp_path / "a.txt"
    art.write_text("Crisis in the Caucasus\n\n" + "\n\n".join(ARTICLE) + "\n", encoding="utf-8")
    version = tmp_path / "v.txt"
    version.write_text("Crisis in the Caucasus\n\n" + "\n\n".join(_version()) + "\n",
                       encoding="utf-8")
    result = toolkit.compare(art, embedder=FakeEmbedder(), versions={"v": version},
                             strategies="none")
    found = _flags_by_paragraph(result, "v")
    for k, (_, kind) in PLANTED.items():
        assert kind in found[k]
    placed = {(f.place.paragraph, f.kind) for f in result.flags() if f.place.version == "v"}
    ids = [pr.paragraph.id for pr in result.paragraphs]
    assert {(ids[k], kind) for k, (_, kind) in PLANTED.items()} <= placed
    assert result.to_dict()["sections"][0]["paragraphs"][5]["versions"]["v"]["flags"][0][
        "severity"] == "major"  # changed-number, with its severity in the JSON


def test_paragraphs_left_in_equal_numbers_between_confident_pairs_pair_in_order():
    base = ["Baku closed the Russian cultural centre.", "Moscow summoned the ambassador.",
            "Talks went on in Geneva on Monday."]
    persian = [base[0], "مسکو سفیر را احضار کرد.", base[2]]
    assert pair_paragraphs(base, persian, lexical_vectors) == [(0, 0), (1, 1), (2, 2)]
    shifted = ["Follow us on Telegram.", base[0], "مسکو سفیر را احضار کرد.", base[2]]
    assert pair_paragraphs(base, shifted, lexical_vectors) == [(0, 1), (1, 2), (2, 3)]
    dropped = [base[0], base[2]]  # nothing pairs with the paragraph the version lost
    assert pair_paragraphs(base, dropped, lexical_vectors) == [(0, 0), (2, 1)]


def test_a_paragraph_split_in_two_lands_on_its_paragraph():
    art = _article(ARTICLE[:3])
    split = [ARTICLE[0], "The plane, operated by Azerbaijan Airlines, was flying from Baku to "
             "Grozny with 67 people on board.", "It came down on the shore of the Caspian Sea.",
             ARTICLE[2]]
    placed = align_version(art, _article(split), FakeEmbedder().embed)
    ids = [p.id for p in art.paragraphs]
    assert "Caspian" in placed[ids[1]].text and "Caspian" not in placed[ids[0]].text
    assert not placed[ids[1]].missing and not placed[ids[2]].unaligned
