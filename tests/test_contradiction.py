"""Summaries against their evidence: swapped roles and contradictions (planted set), scores."""

from __future__ import annotations

import pytest
from meaning_cases import SUMMARIES

from toolkit.backends.base import TokenScores
from toolkit.comparison import contradiction
from toolkit.qa.registry import CHECKS, CheckContext, run_checks
from toolkit.core.flags import FLAG_KINDS
from toolkit.tasks.summarize import finish_summary

KINDS = ("swapped-role", "contradicts-evidence")


def _flags(source: str, summary: str):
    ctx = CheckContext(version="summary", kind="summary")
    return [f for f in run_checks(source, summary, ctx) if f.kind in KINDS]


def test_kinds_are_registered_for_summaries():
    assert all(FLAG_KINDS.get(k).severity == "major" for k in KINDS)
    check = CHECKS.get("summary-roles")
    assert check.target == "version" and check.applies_to == ("summary",)
    assert set(check.kinds) == set(KINDS)


def test_planted_contradictions_are_found():
    """Recall >= 90% (a swap may be reported as a contradiction and back: both are flags)."""
    planted = [(src, kind, s) for src, _, cases in SUMMARIES for kind, s in cases]
    assert len(planted) >= 20
    missed = [(kind, s) for src, kind, s in planted if not _flags(src, s)]
    assert len(missed) <= len(planted) / 10, missed
    own_kind = sum(any(f.kind == kind for f in _flags(src, s)) for src, kind, s in planted)
    assert own_kind >= 0.8 * len(planted)


def test_faithful_summaries_raise_at_most_one_flag_in_ten():
    """Passives, reordering, capitals for countries, titles for names, numbers kept."""
    faithful = [(src, s) for src, sentences, _ in SUMMARIES for s in sentences]
    assert len(faithful) >= 20
    flags = [(s, f.detail) for src, s in faithful for f in _flags(src, s)]
    assert len(flags) <= len(faithful) / 10, flags


@pytest.mark.parametrize(
    ("evidence", "summary", "kind"),
    [
        ("Russian forces attacked Ukrainian positions near Bakhmut.",
         "Ukrainian forces attacked Russian positions near Bakhmut.", "swapped-role"),
        ("The plane was flying from Baku to Grozny when it crashed.",
         "The plane was flying from Grozny to Baku when it crashed.", "swapped-role"),
        ("The crash killed 38 people and injured 29 others.",
         "The crash killed 29 people and injured 38 others.", "swapped-role"),
        ("Moscow accused Kyiv of shelling the plant.", "Kyiv accused Moscow of shelling the plant.",
         "swapped-role"),
    ],
)
def test_swaps_of_actors_directions_and_numbers(evidence, summary, kind):
    assert kind in {f.kind for f in contradiction.compare_with_evidence(summary, [evidence])}


@pytest.mark.parametrize(
    ("evidence", "summary"),
    [
        ("Russian forces attacked Ukrainian positions near Bakhmut.",
         "Ukrainian positions near Bakhmut were attacked by Russia."),
        ("Russian forces attacked Ukrainian positions near Bakhmut.",
         "Moscow's forces attacked Ukrainian positions."),
        ("Russia and Ukraine met in Istanbul for talks.", "Ukraine and Russia met in Istanbul."),
        ("Azerbaijan accused Russia of shooting down the plane.",
         "Baku accused Moscow of downing the plane."),
        ("The crash killed 38 people and injured 29 others.", "38 people died and 29 were hurt."),
    ],
)
def test_faithful_rewordings_are_not_contradictions(evidence, summary):
    assert contradiction.compare_with_evidence(summary, [evidence]) == []


def test_finish_summary_runs_the_check_against_its_source():
    source = ("Israeli aircraft struck targets in southern Lebanon on Tuesday. Hezbollah fired "
              "rockets at northern Israel in response.")
    _, _, flags = finish_summary("Lebanese aircraft struck targets in northern Israel.", source, 3)
    assert "swapped-role" in {f.kind for f in flags}


def test_unsupported_by_score():
    sentence = "Russia attacked Ukraine."
    assert contradiction.unsupported_by_score(sentence, []) is None
    assert contradiction.unsupported_by_score(sentence, [-0.5, -0.7], [-2.0, -2.5]) is None
    flag = contradiction.unsupported_by_score(sentence, [-2.0, -2.2], [-1.9, -2.1])
    assert flag is not None and flag.kind == "unsupported" and "hardly" in flag.detail
    assert contradiction.unsupported_by_score(sentence, [-6.0, -5.0]) is not None
    scored = TokenScores(("Russia", " attacked"), (-2.0, -2.2))
    baseline = TokenScores(("Russia", " attacked"), (-1.9, -2.1))
    assert contradiction.unsupported_by_score(sentence, scored, baseline) is not None
    assert contradiction.unsupported_by_score(sentence, [-1.0, -1.0], margin=-0.5,
                                              without_evidence=[-0.8, -0.8]) is None
