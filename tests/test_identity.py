"""The cross-article identity rule: who is the same speaker, who stays apart, and why."""

from __future__ import annotations

import random

import pytest

from newsquotes.resolve.identity import (
    Correction,
    Description,
    Identity,
    first_names_agree,
    is_proper_name,
    is_surname_only,
    name_class,
    normalise_name,
    person_name,
    resolve_identities,
    surname,
    two_people,
)


def described(
    n: int,
    name: str,
    kind: str = "person",
    *,
    aliases: tuple[str, ...] = (),
    roles: tuple[str, ...] = (),
    organizations: tuple[str, ...] = (),
    outlet: str | None = None,
    article_people: tuple[str, ...] = (),
) -> Description:
    return Description(
        n,
        f"hash{n}:s1",
        name,
        kind,
        aliases,
        roles,
        organizations,
        outlet,
        article_people,
    )


def groups(identities: list[Identity], items: list[Description]) -> set[frozenset[str]]:
    names = {d.id: f"{d.id}:{d.name}" for d in items}
    return {frozenset(names[m] for m in i.members) for i in identities}


def resolved(items: list[Description], corrections: tuple[Correction, ...] = ()) -> set:
    identities, _ = resolve_identities(items, corrections)
    return groups(identities, items)


def test_normalise_drops_case_accents_punctuation_and_honorifics() -> None:
    assert normalise_name("Dr. Aleksándr VASKOWSKI") == "aleksandr vaskowski"
    assert normalise_name("Sen. Jana Novák's") == "jana novak"
    assert normalise_name("Mr Tomas Berg Jr.") == "tomas berg"
    assert normalise_name("Former President Ilse Varga") == "ilse varga"
    assert normalise_name("The Ministry of Health", "organization") == "ministry of health"


def test_surname_keeps_particles_and_full_names_have_parts() -> None:
    assert surname("Dr. Anna van der Berg") == "van der berg"
    assert is_surname_only("Mr. Ulvik") and not is_surname_only("Terence Ulvik")
    assert is_surname_only("Novak-Horvath") and surname("Jana Novak-Horvath") == "novak-horvath"
    parsed = person_name("Joseph R. Dornet Jr.")
    assert parsed is not None and (parsed.first, parsed.middle, parsed.last) == (
        "joseph",
        ("r",),
        "dornet",
    )
    assert person_name("Ulvik") is None


@pytest.mark.parametrize(
    "name, expected",
    [
        ("Terence Ulvik", True),
        ("President Ilse Varga", True),
        ("The Harbour Gazette", True),
        ("Bank of Lindvik", True),
        ("the president", False),
        ("The President", False),
        ("The governor", False),
        ("a spokeswoman", False),
        ("GOP nominee", False),
        ("Monday", False),
        ("I", False),
        ("which", False),
    ],
)
def test_only_proper_names_are_names(name: str, expected: bool) -> None:
    assert is_proper_name(name) is expected


@pytest.mark.parametrize(
    "name, kind, label, expected",
    [
        ("I", "person", None, "none"),
        ("it", "organization", None, "none"),
        ("they", "group", None, "none"),
        ("what", "unknown", None, "none"),
        ("the president", "person", None, "local"),
        ("a spokeswoman", "unnamed", None, "local"),
        ("Harbour Workers", "group", None, "local"),
        ("Lindvik Port Authority", "unknown", None, "local"),
        ("Lindvik Port Authority", "unknown", "ORG", "organization"),
        ("Ana Ruiz", "person", None, "person"),
    ],
)
def test_name_class(name: str, kind: str, label: str | None, expected: str) -> None:
    assert name_class(name, kind, label) == expected


def test_first_names_agree_only_for_the_same_name_its_initial_or_short_form() -> None:
    assert first_names_agree("joe", "joseph") and first_names_agree("j", "jana")
    assert first_names_agree("chris", "christopher")
    assert not first_names_agree("john", "mary")
    assert two_people(["John Hayes", "Mary Hayes", "Hayes"]) == [("John Hayes", "Mary Hayes")]
    assert two_people(["Joseph R. Dornet Jr.", "Joe Dornet", "J. Dornet"]) == []
    assert two_people(["Ilse Varga", "The Democratic senator"]) == []


def test_same_full_name_joins_after_normalisation() -> None:
    items = [described(1, "Dr. TERENCE ULVIK"), described(2, "Terence Ulvik")]
    assert resolved(items) == {frozenset({"1:Dr. TERENCE ULVIK", "2:Terence Ulvik"})}


def test_role_aliases_never_join_people() -> None:
    items = [
        described(1, "Ilse Varga", aliases=("the president", "The President")),
        described(2, "Marek Olsen", aliases=("the president",)),
        described(3, "Ruth Amsel", aliases=("President",)),
    ]
    assert len(resolved(items)) == 3


def test_different_first_names_never_merge_even_through_an_alias() -> None:
    items = [
        described(1, "John Hayes"),
        described(2, "Mary Hayes", aliases=("John Hayes",)),
    ]
    identities, _ = resolve_identities(items)
    assert len(identities) == 2
    assert all(not two_people([i.name, *i.aliases]) for i in identities)


def test_agreeing_names_that_chain_to_two_people_stop_before_the_second() -> None:
    # "Chris" agrees with both "Christopher" and "Christine"; those two never share a speaker.
    items = [
        described(1, "Christopher Smith"),
        described(2, "Chris Smith", aliases=("Christine Smith",)),
        described(3, "Christine Smith"),
        described(4, "Christopher Smith", aliases=("Chris Smith",)),
    ]
    identities, _ = resolve_identities(items)
    assert [i for i in identities if two_people([i.name, *i.aliases])] == []
    assert len(identities) == 2
    shuffler = random.Random(3)
    for _ in range(10):
        shuffler.shuffle(items)
        assert groups(resolve_identities(items)[0], items) == groups(identities, items)


def test_surname_joins_the_one_full_name_with_evidence() -> None:
    ulvik = described(1, "Terence Ulvik", roles=("analyst",), outlet="Harbour Gazette")
    same_outlet = described(2, "Ulvik", outlet="Harbour Gazette")
    shared_role = described(3, "Mr. Ulvik", roles=("analyst",), outlet="Valley Courier")
    no_evidence = described(4, "Ulvik", outlet="Fjord Weekly")
    identities, _ = resolve_identities([ulvik, same_outlet, shared_role, no_evidence])
    assert groups(identities, [ulvik, same_outlet, shared_role, no_evidence]) == {
        frozenset({"1:Terence Ulvik", "2:Ulvik", "3:Mr. Ulvik"}),
        frozenset({"4:Ulvik"}),
    }
    [joined] = [i for i in identities if len(i.members) == 3]
    rules = {(e.description, e.rule) for e in joined.evidence}
    assert {(2, "surname"), (3, "surname")} <= rules
    details = " ".join(e.detail for e in joined.evidence)
    assert "Harbour Gazette" in details and "analyst" in details


def test_surname_with_two_fitting_people_stays_apart() -> None:
    items = [
        described(1, "Anna Berg", outlet="Harbour Gazette"),
        described(2, "Tomas Berg", outlet="Harbour Gazette"),
        described(3, "Berg", outlet="Harbour Gazette"),
    ]
    assert frozenset({"3:Berg"}) in resolved(items)
    with_role = [*items[:2], described(3, "Berg", roles=("mayor",), outlet="Harbour Gazette")]
    with_role[1] = described(2, "Tomas Berg", roles=("mayor",), outlet="Harbour Gazette")
    assert frozenset({"2:Tomas Berg", "3:Berg"}) in resolved(with_role)


def test_the_article_naming_the_person_in_full_is_the_strongest_evidence() -> None:
    items = [
        described(1, "Anna Berg", outlet="Harbour Gazette"),
        described(2, "Tomas Berg", outlet="Harbour Gazette"),
        described(3, "Berg", outlet="Harbour Gazette", article_people=("Tomas Berg",)),
    ]
    assert frozenset({"2:Tomas Berg", "3:Berg"}) in resolved(items)


def test_bare_surnames_in_unrelated_articles_stay_apart() -> None:
    items = [
        described(1, "Johnson", outlet="Harbour Gazette"),
        described(2, "Johnson", outlet="Valley Courier"),
        described(3, "Johnson", outlet="Valley Courier"),
    ]
    assert resolved(items) == {
        frozenset({"1:Johnson"}),
        frozenset({"2:Johnson", "3:Johnson"}),
    }


def test_a_name_without_middle_initial_joins_the_only_fuller_form() -> None:
    items = [described(1, "Joseph R. Dornet Jr."), described(2, "Joseph Dornet")]
    identities, _ = resolve_identities(items)
    assert [(i.name, len(i.members)) for i in identities] == [("Joseph R. Dornet Jr.", 2)]
    two_middles = [
        described(1, "George W. Hale"),
        described(2, "George H. W. Hale"),
        described(3, "George Hale"),
    ]
    assert len(resolved(two_middles)) == 3


def test_organisations_join_by_name_not_by_a_short_form() -> None:
    items = [
        described(1, "The Harbour Gazette", "organization"),
        described(2, "Harbour Gazette", "organization"),
        described(3, "Valley Times", "organization", aliases=("Times",)),
        described(4, "Fjord Times", "organization", aliases=("Times",)),
        described(5, "Harbour Gazette", "person"),
    ]
    assert resolved(items) == {
        frozenset({"1:The Harbour Gazette", "2:Harbour Gazette"}),
        frozenset({"3:Valley Times"}),
        frozenset({"4:Fjord Times"}),
        frozenset({"5:Harbour Gazette"}),
    }


def test_unnamed_and_group_speakers_stay_per_article_and_pronouns_are_nobody() -> None:
    items = [
        described(1, "a spokeswoman", "unnamed"),
        described(2, "a spokeswoman", "unnamed"),
        described(3, "Analysts", "group"),
        described(4, "Analysts", "group"),
        described(5, "they", "group"),
        described(6, "I", "person"),
    ]
    identities, nobody = resolve_identities(items)
    assert nobody == {5, 6}
    assert sorted(len(i.members) for i in identities) == [1, 1, 1, 1]
    assert {i.kind for i in identities} == {"unnamed", "group"}


def test_the_result_does_not_depend_on_input_order() -> None:
    items = [
        described(1, "Jana Bianchi", roles=("economist",), outlet="Harbour Gazette"),
        described(2, "Bianchi", outlet="Harbour Gazette"),
        described(3, "Marco Bianchi", outlet="Valley Courier"),
        described(4, "Bianchi", outlet="Valley Courier"),
        described(5, "Bianchi", roles=("economist",)),
        described(6, "Joseph Dornet", aliases=("Joe Dornet",)),
        described(7, "Joe Dornet"),
        described(8, "Joseph R. Dornet Jr."),
        described(9, "Mary Hayes", aliases=("John Hayes", "Hayes")),
        described(10, "John Hayes"),
    ]
    expected = resolved(items)
    shuffler = random.Random(7)
    for _ in range(20):
        shuffled = items[:]
        shuffler.shuffle(shuffled)
        assert resolved(shuffled) == expected


def test_merge_and_split_corrections_win_and_keep_their_evidence() -> None:
    items = [described(1, "Terence Ulvik"), described(2, "T. Ulvik"), described(3, "Ulvik")]
    assert len(resolved(items)) == 3
    merge = Correction("merge", ("hash1:s1",), ("hash2:s1", "hash3:s1"))
    identities, _ = resolve_identities(items, (merge,))
    [one] = identities
    assert one.name == "Terence Ulvik" and {e.rule for e in one.evidence} == {"merge"}

    joined = [described(1, "Anna Berg", outlet="Gazette"), described(2, "Berg", outlet="Gazette")]
    assert len(resolved(joined)) == 1
    split = Correction("split", ("hash2:s1",), ("hash1:s1",))
    assert len(resolved(joined, (split,))) == 2
