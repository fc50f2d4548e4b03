"""A person's gender, for agreeing pronouns: from the article first, else from the first name.

The first-name table (``data/first_names.tsv``) holds US Social Security Administration
baby-name counts (public domain), reduced by ``scripts/build_first_names.py`` to the names
that mostly one sex was given.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

MALE, FEMALE = "m", "f"
HONORIFIC_SEX = {"mr": MALE, "mrs": FEMALE, "ms": FEMALE, "miss": FEMALE, "sir": MALE}
PRONOUN_SEX = {
    "he": MALE,
    "him": MALE,
    "his": MALE,
    "himself": MALE,
    "she": FEMALE,
    "her": FEMALE,
    "hers": FEMALE,
    "herself": FEMALE,
}
ROLE_SEX = {
    "spokesman": MALE,
    "spokeswoman": FEMALE,
    "congressman": MALE,
    "congresswoman": FEMALE,
    "businessman": MALE,
    "businesswoman": FEMALE,
    "chairman": MALE,
    "chairwoman": FEMALE,
    "husband": MALE,
    "wife": FEMALE,
    "father": MALE,
    "mother": FEMALE,
    "son": MALE,
    "daughter": FEMALE,
    "king": MALE,
    "queen": FEMALE,
    "widow": FEMALE,
    "widower": MALE,
    "actor": MALE,
    "actress": FEMALE,
}
"""Role nouns that say the sex of whoever holds them."""


@lru_cache(maxsize=1)
def _first_names() -> dict[str, str]:
    text = resources.files("newsquotes").joinpath("data/first_names.tsv").read_text("utf-8")
    table = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            name, _tab, sex = line.partition("\t")
            table[name] = sex
    return table


def first_name_sex(word: str) -> str | None:
    """``m``/``f`` for a first name most people who had it were, else None."""
    return _first_names().get(word.lower().strip("."))
