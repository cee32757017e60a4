"""far-from-mt: an independent translation that shares little with the MT is flagged; rewrites
of the MT and translations close to it are not."""

import pytest

from toolkit.qa.options import CheckOptions

MT = ("The minister of economy said on Monday that inflation in the last month reached 12 percent "
      "and that the central bank will raise the rate.")
CLOSE = ("The economy minister said on Monday that inflation last month reached 12 percent and "
         "that the central bank would raise its rate.")
FAR = ("Farmers in the northern provinces complained about the drought that destroyed most of the "
       "wheat harvest this summer.")


def kinds(text, version):
    return [f.kind for f in CheckOptions().check_version(MT, text, version=version)]


@pytest.mark.parametrize("version", ["from-source", "round-trip"])
def test_an_independent_translation_far_from_the_mt_is_flagged(version):
    assert "far-from-mt" in kinds(FAR, version)
    assert "far-from-mt" not in kinds(CLOSE, version)


@pytest.mark.parametrize("version", ["post-edit", "fluent", "source-edit", "unknown-plugin"])
def test_rewrites_of_the_mt_are_not_checked_for_it(version):
    assert "far-from-mt" not in kinds(FAR, version)


def test_the_flag_says_how_much_they_share_and_is_a_warning():
    (flag,) = [f for f in CheckOptions().check_version(MT, FAR, version="from-source")
               if f.kind == "far-from-mt"]
    assert flag.text.startswith("chrF ") and flag.severity == "minor"
    assert "one of them is badly wrong" in flag.detail
