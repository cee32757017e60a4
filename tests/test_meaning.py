"""Meaning checks: the planted set (recall), faithful renderings (false flags), edge cases."""

from __future__ import annotations

from collections import Counter

import pytest
from meaning_cases import PARAGRAPHS, PLANTED

from toolkit.comparison import lexicon, meaning
from toolkit.qa.options import CheckOptions
from toolkit.qa.registry import CHECKS, CheckContext, run_checks
from toolkit.core.flags import FLAG_KINDS

KINDS = ("changed-time", "changed-role", "added-explanation", "lost-quote", "dropped-name",
         "dropped-date")
CHECK_NAMES = ("relative-time", "roles", "explanations", "quotations", "lost-details")


def _flags(original: str, text: str, kind: str = "generated"):
    ctx = CheckContext(article=original, version="fluent", kind=kind)
    return run_checks(original, text, ctx, only=KINDS)


def test_kinds_are_in_the_flag_table_and_checks_registered():
    for kind in KINDS:
        info = FLAG_KINDS.get(kind)
        assert info.severity in ("minor", "major") and info.help
    assert set(CHECK_NAMES) <= set(CHECKS.names())
    registered = {k for name in CHECK_NAMES for k in CHECKS.get(name).kinds}
    assert registered == set(KINDS)


def test_planted_set_has_ten_cases_per_kind_from_many_origins():
    counts = Counter(kind for kind, *_ in PLANTED)
    assert all(counts[k] >= 10 for k in KINDS), counts
    assert len({key.split("_")[0] for key in PARAGRAPHS}) >= 10  # ja, uk, fa, ru, liv, ar...


def test_planted_meaning_changes_are_found():
    """Recall >= 90% for every kind, and the planted change is found under its own kind."""
    found: Counter[str] = Counter()
    total: Counter[str] = Counter()
    missed = []
    for kind, key, text in PLANTED:
        total[kind] += 1
        if any(f.kind == kind for f in _flags(PARAGRAPHS[key][0], text)):
            found[kind] += 1
        else:
            missed.append((kind, key))
    for kind in KINDS:
        assert found[kind] / total[kind] >= 0.9, (kind, missed)


def test_faithful_renderings_raise_at_most_one_flag_in_ten():
    """Reordered clauses, quotes moved to the front, "Monday", "Russia's", PM, respelled names."""
    flags = []
    count = 0
    for key, (original, faithful) in PARAGRAPHS.items():
        for text in faithful:
            count += 1
            flags += [(key, f) for f in _flags(original, text)]
    assert count >= 40
    assert len(flags) <= count / 10, flags


def test_faithful_renderings_pass_every_check_for_each_kind():
    """No single kind takes the whole false-flag budget: at most one flag per kind."""
    per_kind = Counter(
        f.kind for original, faithful in PARAGRAPHS.values() for text in faithful
        for f in _flags(original, text)
    )
    assert all(n <= 1 for n in per_kind.values()), per_kind


def test_summaries_are_not_blamed_for_dropping_or_reporting():
    original, _ = PARAGRAPHS["ru_court"]
    summary = "A Moscow court jailed former deputy defence minister Timur Ivanov for 13 years."
    kinds = {f.kind for f in _flags(original, summary, kind="summary")}
    assert not kinds & {"lost-quote", "dropped-name", "dropped-date", "added-explanation"}
    changed = "A Moscow court jailed defence minister Timur Ivanov for 13 years on Monday."
    kinds = {f.kind for f in _flags(original, changed, kind="summary")}
    assert {"changed-role", "changed-time"} <= kinds


# ------------------------------------------------------------------ edge cases of single checks
@pytest.mark.parametrize(
    ("original", "version"),
    [
        ("Talks began on Monday.", "Monday's talks began."),
        ("The crash happened last December.", "The crash happened in December last year."),
        ("The meeting was held this morning.", "The meeting was held today."),
        ("Prices rose compared to last year.", "Prices rose on the previous year."),
        ("In recent days the army advanced.", "Over the past few days the army advanced."),
    ],
)
def test_times_kept_in_other_words_are_not_changes(original, version):
    assert meaning.time_flags(original, version) == []


@pytest.mark.parametrize(
    ("original", "version", "detail"),
    [
        ("Talks began on Monday.", "Talks began yesterday.", 'the original says "Monday"'),
        ("The meeting was held today.", "The meeting was held this morning.",
         "a time the original does not give"),
        ("He left two days ago.", "He left two days later.", 'the original says "two days ago"'),
        ("The strike ends next week.", "The strike ends this week.", 'the original says "next week"'),
    ],
)
def test_times_changed_or_made_more_precise_are_flagged(original, version, detail):
    assert [f.detail for f in meaning.time_flags(original, version)] == [detail]


def test_a_date_kept_without_its_day_or_month_is_dropped():
    original = "The crash happened on December 25 near Aktau, last December."
    flags = meaning.dropped_date_flags(original, "The crash happened near Aktau in December.")
    assert [f.kind for f in flags] == ["dropped-date"]
    assert meaning.dropped_date_flags(original, "It crashed near Aktau on 25 December.") == []


@pytest.mark.parametrize(
    ("original", "version"),
    [
        ("Deputy Foreign Minister Sergei Ryabkov said so.", "Russia's deputy foreign minister, Sergei Ryabkov, said so."),
        ("Prime Minister Kishida spoke.", "PM Kishida spoke."),
        ("Hikmet Hajiyev, assistant to the President, spoke.", "Presidential aide Hikmet Hajiyev spoke."),
        ("Putin met his Azerbaijani counterpart Ilham Aliyev.", "Putin met Azerbaijan's President Ilham Aliyev."),
        ("The head of the agency resigned.", "The agency chief resigned."),
        ("Vice-Premier Ivanov arrived.", "Deputy Prime Minister Ivanov arrived."),
    ],
)
def test_titles_in_other_words_are_not_changes(original, version):
    assert meaning.role_flags(original, version) == []


@pytest.mark.parametrize(
    ("original", "version"),
    [
        ("Deputy Minister Ivanov arrived.", "Minister Ivanov arrived."),
        ("Former president Trump spoke.", "President Trump spoke."),
        ("Acting governor Smith resigned.", "Governor Smith resigned."),
        ("President Aliyev spoke.", "Prime Minister Aliyev spoke."),
        ("The ministry spokesman said no.", "The minister said no."),
        ("Aliyev said no.", "President Aliyev said no."),
    ],
)
def test_titles_changed_or_added_are_flagged(original, version):
    assert [f.kind for f in meaning.role_flags(original, version)] == ["changed-role"]


def test_a_title_the_article_gives_elsewhere_is_not_added():
    article = "President Ilham Aliyev met the envoy. Aliyev said no."
    assert meaning.role_flags("Aliyev said no.", "President Aliyev said no.", article) == []


def test_explanations_of_the_originals_own_words_are_not_added():
    original = "The plane, which was flying from Baku to Grozny, crashed near Aktau, Kazakhstan."
    assert meaning.explanation_flags(original, "The plane was flying from Baku to Grozny when it crashed near Aktau, in Kazakhstan.") == []
    assert meaning.explanation_flags(original, "The plane, flying from Baku to Grozny, crashed near the Kazakh city of Aktau.") == []
    flags = meaning.explanation_flags(original, "The plane crashed near Aktau, a port city on the Caspian Sea.")
    assert [f.kind for f in flags] == ["added-explanation"]


def test_quotations_moved_or_restyled_are_kept():
    original = 'Peskov said: "We regret what happened, but the inquiry must finish first."'
    assert meaning.quote_flags(original, '"We regret what happened, but the inquiry must finish first," Peskov said.') == []
    assert meaning.quote_flags(original, "Peskov said: «We regret what happened, but the inquiry must finish first.»") == []
    reported = meaning.quote_flags(original, "Peskov said that they regretted what happened but the inquiry must finish first.")
    assert reported and "reported speech" in reported[0].detail


def test_straight_quotes_pair_by_position():
    text = 'history." If "the evil demons return," he said, then "we must answer."'
    assert [q.inner for q in meaning.find_quotations(text)] == ["the evil demons return,", "we must answer."]
    assert meaning.find_quotations('"We will respond, and we will not wait.')[0].inner.startswith("We will")


@pytest.mark.parametrize(
    ("original", "version"),
    [
        ("The Ambrair plane crashed near Actao.", "The Embraer plane crashed near Aktau."),
        ("Fighting resumed in Gharabagh.", "Fighting resumed in Karabakh."),
        ("The Ministry of Foreign Affairs of Russia said no.", "The Russian Foreign Ministry said no."),
        ("The United Nations envoy arrived.", "The UN envoy arrived."),
        ("Bank of Japan Governor Ueda spoke.", "BOJ Governor Ueda spoke."),
        ("Davutoğlu said no.", "Davutoglu said no."),
        ("Supplies through the Turkish Stream fell.", "Supplies through TurkStream fell."),
        ('Protesters demanded: "Release our journalists!"', 'Protesters demanded: "Free our journalists!"'),
    ],
)
def test_names_in_other_forms_are_kept(original, version):
    assert meaning.dropped_name_flags(original, version) == []


def test_a_lost_place_is_dropped_but_not_one_the_version_never_needed():
    original = "An accident near the city of Actao in Kazakhstan killed 38 people."
    flags = meaning.dropped_name_flags(original, "An accident killed 38 people.")
    assert {f.text for f in flags} == {"Actao", "Kazakhstan"}
    assert meaning.dropped_name_flags("Overall, Baku and Moscow disagree.", "Baku and Moscow disagree.") == []


def test_country_words_and_demonyms():
    country_of = lexicon.country_of
    assert country_of("Russian") == country_of("Russia's") == "russia"
    assert country_of("Austrian") == "austria" and country_of("Australian") == "australia"
    assert country_of("Azeri") == country_of("Azerbaijani") == "azerbaijan"
    assert country_of("Kazakh") == "kazakhstan" and country_of("Lebanese") == "lebanon"
    assert country_of("Indiana") is None and country_of("Francesca") is None
    assert country_of("Baku") is None and lexicon.seat_of("Kremlin") == "russia"
    assert lexicon.word_key("Russia's") == lexicon.word_key("Russian")


def test_meaning_checks_run_through_check_options():
    """The CLI/API path: CheckOptions runs them, --only/--ignore filter them by kind or name."""
    original, _ = PARAGRAPHS["ru_court"]
    changed = 'On Thursday the Moscow City Court sentenced former deputy defence minister Timur Ivanov to 13 years in prison. In his final statement Ivanov said: "I do not admit guilt and will appeal the verdict."'
    assert "changed-time" in {f.kind for f in CheckOptions().check_version(original, changed)}
    ignored = CheckOptions(ignore=("changed-time",)).check_version(original, changed)
    assert "changed-time" not in {f.kind for f in ignored}
