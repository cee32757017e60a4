from toolkit.qa.checks.facts import fidelity_flags, find_dates, find_quantities, number_flags

PARA = ("The starting point of this crisis can be in the deadly crash of the passenger plane "
        "“Ambrair ۱۰۰ »Airlines Azal Know; An accident near the city last December Actao Kazakhstan "
        "occurred and led to the death of four people, including four Russian citizens.")


ARTICLE = "Relations between Russia and the Republic of Azerbaijan are tense."


def kinds(flags):
    return sorted(f.kind for f in flags)


def test_invented_date_and_inflated_number_are_flagged():
    alt = ("The crisis began on December 28th with the crash of an Embraer 1000 plane of "
           "Azerbaijan Airlines near Aktau, Kazakhstan, killing four people, including four Russians.")
    flags = fidelity_flags(PARA, alt, context=ARTICLE)
    assert kinds(flags) == ["added-date", "changed-number"]
    changed = next(f for f in flags if f.kind == "changed-number")
    assert changed.text == "1000" and "۱۰۰" in changed.detail and "100" in changed.detail
    assert next(f for f in flags if f.kind == "added-date").text == "December 28th"


def test_faithful_rewrite_with_ascii_digits_has_no_number_flag():
    alt = ("The crisis started with the fatal crash of an Embraer 100 of Azerbaijan Airlines near "
           "Aktau, Kazakhstan, last December, which killed 4 people, four of them Russian citizens.")
    assert fidelity_flags(PARA, alt, context=ARTICLE) == ()
    # without the article as context, "Azerbaijan" is a name this paragraph never used
    assert [(f.kind, f.text) for f in fidelity_flags(PARA, alt)] == [("added-name", "Azerbaijan")]


def test_dropped_number():
    alt = ("The crisis began with the crash of an Embraer plane of Azerbaijan Airlines near Aktau, "
           "Kazakhstan, last December, killing four people, including four Russians.")
    flags = number_flags(PARA, alt)
    assert [(f.kind, f.text) for f in flags] == [("dropped-number", "۱۰۰")]


def test_added_number_and_name():
    flags = fidelity_flags("Baku summoned the ambassador.", "Baku summoned the ambassador of Russia 3 times, said Putin.")
    assert ("added-number", "3") in [(f.kind, f.text) for f in flags]
    assert {f.text for f in flags if f.kind == "added-name"} == {"Russia", "Putin"}


def test_respelled_names_are_not_added_names():
    src = "This plane on the Baku route to Grozen carried passengers near Actao."
    alt = "The plane flying from Baku to Grozny carried passengers near Aktau."
    assert [f for f in fidelity_flags(src, alt) if f.kind == "added-name"] == []


def test_quantity_parsing():
    values = [q.value for q in find_quantities("two hundred and fifty men, 1,200 troops, ۱۰۰ planes, 3.5 million, the nineteenth century")]
    assert values == [250, 1200, 100, 3_500_000, 19]


def test_dates():
    ds = find_dates("On 28 December 2024 and on Dec. 3, but not may or march.")
    assert [(d.month, d.day, d.year) for d in ds] == [(12, 28, 2024), (12, 3, None)]
    assert find_dates("It may be that troops march.") == ()
