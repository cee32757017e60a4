"""One name in two romanizations: name-variant, inconsistent-term and glossary suggestions."""

from __future__ import annotations

import pytest
from qa_cases import PARAGRAPHS

from toolkit.qa.checks.noise import name_variants
from toolkit.qa.names import name_words
from toolkit.comparison.romanization import romanization_pairs, same_name
from toolkit.qa.checks.terms import original_inconsistencies, version_inconsistencies

SAME = {  # habit: pairs that are one name written the way two systems write it
    "arabic-persian": [("Mohammad", "Muhammad"), ("Mohammed", "Muhammad"), ("Hossein", "Husayn"),
                       ("Hussein", "Husain"), ("Qassem", "Ghasem"), ("Soleimani", "Sulaimani"),
                       ("Gaddafi", "Kadhafi"), ("Osama", "Usama"), ("Mousavi", "Musawi"),
                       ("Rouhani", "Ruhani"), ("Hezbollah", "Hizbollah")],
    "pinyin-wade-giles": [("Tse-tung", "Zedong"), ("Hsiao-p'ing", "Xiaoping"),
                          ("Hsiao-ping", "Xiaoping"), ("Chin-p'ing", "Jinping"),
                          ("K'o-ch'iang", "Keqiang"), ("Tientsin", "Tianjin"),
                          ("Kaohsiung", "Gaoxiong"), ("Tsingtao", "Qingdao")],
    "russian-ukrainian": [("Zelensky", "Zelenskyy"), ("Zelenskiy", "Zelensky"),
                          ("Dmytro", "Dmitry"), ("Serhiy", "Sergei"), ("Yevgeny", "Evgeny"),
                          ("Oleksiy", "Aleksei"), ("Kharkiv", "Kharkov"), ("Kyiv", "Kiev"),
                          ("Luhansk", "Lugansk"), ("Volodymyr", "Vladimir")],
    "japanese-long-vowels": [("Satō", "Satoh"), ("Kōno", "Kohno"), ("Shūichi", "Shuuichi"),
                             ("Ōsaka", "Oosaka"), ("Fujisan", "Huzisan"), ("Shinbun", "Shimbun")],
}
LANGUAGE = {"arabic-persian": "Arabic", "pinyin-wade-giles": "Chinese",
            "russian-ukrainian": "Ukrainian", "japanese-long-vowels": "Japanese"}
DIFFERENT = [("Hassan", "Hussein"), ("Said", "Saad"), ("Karim", "Karam"), ("Hamid", "Hamad"),
             ("Paris", "Peres"), ("Zelensky", "Zelenska"), ("Ivanov", "Ivanova"),
             ("Zhang", "Chang"), ("Sato", "Saito"), ("Louis", "Lois"), ("Allen", "Ellen"),
             ("Iran", "Iraq"), ("Martin", "Morten"), ("Moscow", "Muscat"), ("London", "Linden")]


@pytest.mark.parametrize("habit,a,b", [(h, a, b) for h, pairs in SAME.items() for a, b in pairs])
def test_one_name_in_two_romanizations(habit, a, b):
    found = same_name(a, b, LANGUAGE[habit])
    assert found is not None and found.name == habit, (a, b, found)
    assert same_name(b, a) is not None


@pytest.mark.parametrize("a,b", DIFFERENT)
def test_different_names_stay_apart(a, b):
    assert same_name(a, b) is None


def test_pairs_are_found_by_key_not_by_comparing_all():
    names = ["Muhammad", "Zedong", "Tse-tung", "Mohammed", "Peskov", "Hassan", "Hussein"]
    pairs = romanization_pairs(names)
    assert {frozenset(p) for p in pairs} == {frozenset(("Muhammad", "Mohammed")),
                                             frozenset(("Zedong", "Tse-tung"))}


def test_a_wade_giles_given_name_is_one_word():
    assert name_words("Mao Tse-tung met Teng Hsiao-p'ing in a Baku-based office.") == [
        "Mao", "Tse-tung", "met", "Teng", "Hsiao-p'ing", "in", "a", "Baku", "based", "office"]


ARTICLES = {  # origin: (paragraphs, the rarer spelling flagged, the commoner one)
    "Chinese": (["Mao Tse-tung received the premier in the capital on Monday.",
                 "Mao Zedong told him that the canal would be finished next year.",
                 "Later Mao Zedong visited the provinces of the north."], "Tse-tung", "Zedong"),
    "Arabic": (["Prime Minister Mohammed Shia al-Sudani met the envoy in the capital.",
                "Muhammad Shia al-Sudani said the budget would be sent to parliament.",
                "Mohammed Shia al-Sudani added that salaries would be paid on time."],
               "Muhammad", "Mohammed"),
    "Persian": (["Hossein Amir-Abdollahian arrived in the capital on Sunday.",
                 "The foreign minister, Hossein Amir-Abdollahian, met his counterpart.",
                 "Husayn Amir-Abdollahian said the talks were useful."], "Husayn", "Hossein"),
    "Ukrainian": (["President Volodymyr Zelensky spoke to the parliament in the capital.",
                   "Zelenskyy said the front line was holding near the eastern city.",
                   "Volodymyr Zelensky thanked the allies for their help."],
                  "Zelenskyy", "Zelensky"),
    "Japanese": (["Chief Cabinet Secretary Katsunobu Katō spoke to reporters on Monday.",
                  "Katō said the government would send relief goods to the region.",
                  "Asked about the visit, Katoh declined to comment."], "Katoh", "Katō"),
}


@pytest.mark.parametrize("origin", sorted(ARTICLES))
def test_the_same_person_spelled_two_ways_is_inconsistent_term(origin):
    paragraphs, rare, common = ARTICLES[origin]
    ids = [f"s0.p{i}" for i in range(1, len(paragraphs) + 1)]
    flags = [f for fs in original_inconsistencies(ids, paragraphs).values() for f in fs]
    assert [f.text for f in flags if f.kind == "inconsistent-term"] == [f"{rare} / {common}"]
    assert "two romanizations" in flags[0].detail, flags[0].detail


@pytest.mark.parametrize("origin", sorted(ARTICLES))
def test_a_version_that_writes_the_other_romanization_is_a_name_variant(origin):
    paragraphs, rare, common = ARTICLES[origin]
    original = next(p for p in paragraphs if rare in p)
    version = original.replace(rare, common)
    flags = name_variants(original, [version], labels=["fluent"])
    assert [f.text for f in flags] == [f"{rare} -> {common}"], flags


def test_a_version_inconsistent_across_paragraphs():
    originals = ["Mao Zedong spoke on Monday.", "Mao Zedong spoke again on Tuesday."]
    version = ["Mao Zedong spoke on Monday.", "Mao Tse-tung spoke again on Tuesday."]
    flags = version_inconsistencies(["p1", "p2"], originals, {"fluent": version})
    (flag,) = flags[(1, "fluent")]
    assert flag.text == "Zedong -> Tse-tung" and "pinyin and Wade-Giles" in flag.detail


def test_given_names_of_different_people_are_not_one_name():
    paragraphs = ["Vladimir Putin spoke to Volodymyr Zelensky on the phone on Monday.",
                  "Later Vladimir Putin said that the talks would go on."]
    assert original_inconsistencies(["p1", "p2"], paragraphs) == {}


def test_articles_from_every_origin_raise_no_romanization_flag():
    keys = [k for k in PARAGRAPHS if not k.startswith("garbled")]
    originals = [PARAGRAPHS[k][0] for k in keys]
    assert original_inconsistencies([f"p{i}" for i in range(len(keys))], originals) == {}


def test_glossary_suggest_proposes_one_romanization(tmp_path):
    from toolkit.qa.suggest import render_suggestions, suggest

    path = tmp_path / "article.txt"
    paragraphs = ARTICLES["Chinese"][0] + ARTICLES["Ukrainian"][0]
    path.write_text("Talks in the capital\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    found = {s.term: s for s in suggest(path)}
    assert found["Tse-tung"].preferred == "Zedong"
    assert found["Zelenskyy"].preferred == "Zelensky"
    assert any("pinyin and Wade-Giles" in e for e in found["Tse-tung"].evidence)
    toml = render_suggestions(found.values(), str(path))
    assert '"Tse-tung" = "Zedong"' in toml and '"Zelenskyy" = "Zelensky"' in toml


def test_a_name_inside_a_compound_is_still_one_name():
    paragraphs = ["The Nagorno-Karabakh war ended in the autumn.",
                  "Talks on Karabakh resumed, and Karabagh was calm on Monday."]
    flags = original_inconsistencies(["p1", "p2"], paragraphs)
    assert [f.text for f in flags[1]] == ["Karabagh / Karabakh"]
