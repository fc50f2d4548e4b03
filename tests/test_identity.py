"""The cross-article identity rule: who is the same speaker, who stays apart."""

from __future__ import annotations

from newsquotes.resolve.identity import (
    Identity,
    Mention,
    canonical_name,
    is_surname_only,
    match_identity,
    normalise_name,
    surname,
)

UMAROV = Identity(1, "Temur Umarov", "person", ("Umarov",), ("analyst",), ("Carnegie Center",))
ANNA = Identity(2, "Anna Berg", "person", (), ("economist",), ("Nordbank",))
TOMAS = Identity(3, "Tomas Berg", "person", (), ("mayor",), ("Lindvik council",))


def test_normalise_drops_case_accents_punctuation_and_honorifics() -> None:
    assert normalise_name("Dr. Aliaksándr KLASKOUSKI") == "aliaksandr klaskouski"
    assert normalise_name("Sen. Jana Novák's") == "jana novak"
    assert normalise_name("Mr Tomas Berg Jr.") == "tomas berg"
    assert normalise_name("The Ministry of Health", "organization") == "ministry of health"


def test_surname_keeps_particles() -> None:
    assert surname("Dr. Anna van der Berg") == "van der berg"
    assert surname("Mr. Umarov") == "umarov"
    assert is_surname_only("Mr. Umarov")
    assert not is_surname_only("Temur Umarov")


def test_full_name_matches_after_normalisation() -> None:
    mention = Mention("Dr. TEMUR UMAROV", "person")
    assert match_identity(mention, [ANNA, UMAROV]) == 1


def test_surname_only_joins_the_one_full_name_with_that_surname() -> None:
    mention = Mention("Umarov", "person", organizations=("Carnegie",))
    assert match_identity(mention, [UMAROV, ANNA]) == 1


def test_distinct_people_sharing_a_surname_stay_apart() -> None:
    assert match_identity(Mention("Tomas Berg", "person"), [ANNA]) is None
    assert match_identity(Mention("Anna Berg", "person"), [ANNA, TOMAS]) == 2


def test_ambiguous_surname_only_stays_its_own_record() -> None:
    assert match_identity(Mention("Berg", "person"), [ANNA, TOMAS]) is None


def test_ambiguous_surname_resolved_by_overlapping_organisation() -> None:
    mention = Mention("Berg", "person", roles=("mayor",))
    assert match_identity(mention, [ANNA, TOMAS]) == 3
    mention = Mention("Ms. Berg", "person", organizations=("Nordbank",))
    assert match_identity(mention, [ANNA, TOMAS]) == 2


def test_alias_of_another_person_does_not_pull_in_a_new_full_name() -> None:
    anna_with_alias = Identity(2, "Anna Berg", "person", ("Berg",))
    mention = Mention("Tomas Berg", "person", aliases=("Berg",))
    assert match_identity(mention, [anna_with_alias]) is None


def test_full_name_takes_over_a_lone_surname_record_only_with_shared_affiliation() -> None:
    lone = Identity(7, "Umarov", "person", (), (), ("Carnegie",))
    assert (
        match_identity(Mention("Temur Umarov", "person", organizations=("Carnegie",)), [lone]) == 7
    )
    assert match_identity(Mention("Temur Umarov", "person"), [lone]) is None


def test_organisations_match_by_normalised_name_not_across_kinds() -> None:
    ministry = Identity(4, "The Ministry of Health", "organization")
    assert match_identity(Mention("ministry of health", "organization"), [ministry]) == 4
    assert match_identity(Mention("Ministry of Defence", "organization"), [ministry]) is None
    analysts = Identity(5, "Analysts", "group")
    assert match_identity(Mention("analysts", "group"), [analysts]) == 5
    assert match_identity(Mention("Analysts", "person"), [analysts]) is None


def test_canonical_name_prefers_the_fuller_person_name() -> None:
    assert canonical_name("Umarov", "Temur Umarov", "person") == "Temur Umarov"
    assert canonical_name("Temur Umarov", "Mr. Umarov", "person") == "Temur Umarov"
    assert canonical_name("UN", "United Nations", "organization") == "UN"
