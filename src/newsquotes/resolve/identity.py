"""One speaker, one identity across articles: decide which stored speaker a new mention is.

Each article resolves its own speakers ("Temur Umarov" and a later "Umarov" are one Speaker
there). This module joins those per-article speakers into global identities. It works on plain
data (names, kinds, role and organisation lists) so the corpus can fetch a few candidates from
SQLite and ask here; nothing in this module touches the database.

The rule (also in docs/corpus.md):

* Names are compared after :func:`normalise_name`: case, accents, punctuation, possessive 's
  and honorifics (Mr., Dr., Sen., President ...) are dropped.
* A full person name (two words or more) joins a stored speaker with the same normalised name
  or alias. Failing that it takes over a stored *surname-only* record of the same surname when
  that record is the only one and shares a role or organisation with it.
* A surname-only person name joins the stored full-name speaker with that surname when there is
  exactly one, or, among several, the one whose roles/organisations overlap. Otherwise it joins
  a stored surname-only record with overlapping roles/organisations, or becomes its own record.
* Organisations and groups join by normalised name (a leading "the" dropped) or alias.
* A speaker of unknown kind joins any stored speaker with the same normalised name.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

_HONORIFIC_WORDS = """
    mr mrs ms miss mx dr prof professor sir dame lord lady rev reverend fr father sen senator
    rep representative gov governor pres president vice prime minister mp mayor gen general col
    colonel maj major capt captain lt lieutenant sgt sergeant adm admiral judge justice
    ambassador amb chancellor secretary sheikh rabbi imam st hon honourable honorable
"""
HONORIFICS = frozenset(_HONORIFIC_WORDS.split())  # noqa: SIM905 (a word list reads better)
"""Titles dropped from the front of a person's name before comparing."""

SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "phd", "md", "esq"})
"""Name suffixes dropped from the end before taking the surname."""

SURNAME_PARTICLES = frozenset(
    {"van", "von", "de", "der", "den", "da", "di", "del", "la", "le", "bin", "al", "el"}
)
"""Lower-case particles that belong to the surname ("van der Berg")."""

_PUNCT = re.compile(r"[^\w\s-]+")
_SPACE = re.compile(r"[\s-]+")


def _fold(text: str) -> str:
    """Lower case, accents removed, possessive dropped, punctuation to spaces."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("\u2019", "'").casefold()
    text = re.sub(r"'s\b", "", text)
    text = _PUNCT.sub(" ", text)
    return _SPACE.sub(" ", text).strip()


def _person_words(name: str) -> list[str]:
    words = _fold(name).split()
    while len(words) > 1 and words[0] in HONORIFICS:
        words = words[1:]
    while len(words) > 1 and words[-1] in SUFFIXES:
        words = words[:-1]
    return words


def normalise_name(name: str, kind: str = "person") -> str:
    """The key two names must share to be the same speaker (see the module rule)."""
    if kind == "person":
        return " ".join(_person_words(name))
    words = _fold(name).split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def surname(name: str) -> str | None:
    """The normalised surname of a person's name ("Dr. Anna van der Berg" → "van der berg")."""
    words = _person_words(name)
    if not words:
        return None
    start = len(words) - 1
    while start > 1 and words[start - 1] in SURNAME_PARTICLES:
        start -= 1
    return " ".join(words[start:])


def is_surname_only(name: str) -> bool:
    """True for a one-word person name ("Umarov", "Mr. Umarov")."""
    words = _person_words(name)
    return len(words) == 1 or (len(words) > 1 and surname(name) == " ".join(words))


def _terms(values: Iterable[str]) -> set[str]:
    return {key for key in (normalise_name(v, "organization") for v in values) if key}


@dataclass(frozen=True, slots=True)
class Mention:
    """A speaker as one article knows them: the name, kind and what the article says."""

    name: str
    kind: str = "unknown"
    aliases: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    organizations: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Identity:
    """A stored global speaker, with every alias, role and organisation seen for them."""

    id: int
    name: str
    kind: str = "unknown"
    aliases: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    organizations: tuple[str, ...] = ()
    keys: frozenset[str] = field(default=frozenset())

    def all_keys(self) -> set[str]:
        kind = self.kind if self.kind != "unknown" else "person"
        found = {normalise_name(n, kind) for n in (self.name, *self.aliases)}
        return (found | set(self.keys)) - {""}

    def full_surnames(self) -> set[str]:
        """Surnames of this identity's full (two-word or more) person names."""
        if self.kind not in ("person", "unknown"):
            return set()
        return {
            s for n in (self.name, *self.aliases) if not is_surname_only(n) and (s := surname(n))
        }


def _overlaps(mention: Mention, identity: Identity) -> bool:
    mine = _terms(mention.roles) | _terms(mention.organizations)
    theirs = _terms(identity.roles) | _terms(identity.organizations)
    if mine & theirs:
        return True
    # "Carnegie" vs "Carnegie Russia Eurasia Center": one name's words within the other's.
    return any(
        set(a.split()) <= set(b.split()) or set(b.split()) <= set(a.split())
        for a in _terms(mention.organizations)
        for b in _terms(identity.organizations)
    )


def _one(candidates: Sequence[Identity]) -> Identity | None:
    return candidates[0] if len(candidates) == 1 else None


def match_identity(mention: Mention, candidates: Sequence[Identity]) -> int | None:
    """The id of the stored identity ``mention`` is, or None when it is someone new."""
    kind = mention.kind
    personal = kind in ("person", "unknown")
    names = [n for n in (mention.name, *mention.aliases) if n and n.strip()]
    full_names = [n for n in names if not is_surname_only(n)] if personal else names
    compare_kind = "person" if personal else kind
    keys = {normalise_name(n, compare_kind) for n in (full_names or names)} - {""}
    if not keys:
        return None
    same_kind = [c for c in candidates if kind == "unknown" or c.kind in (kind, "unknown")]

    exact = [c for c in same_kind if c.all_keys() & keys]
    if exact and (full_names or not personal):
        return min(exact, key=lambda c: c.id).id
    if not personal:
        return None

    if full_names:
        family = {s for n in full_names if (s := surname(n))}
        if any(c.full_surnames() & family for c in same_kind):
            return None  # a different full name with this surname: a different person
        lone = [c for c in same_kind if not c.full_surnames() and c.all_keys() & family]
        found = _one(lone)
        return found.id if found is not None and _overlaps(mention, found) else None

    family = {s for n in names if (s := surname(n))}
    with_full = [c for c in same_kind if c.full_surnames() & family]
    if len(with_full) == 1:
        return with_full[0].id
    if len(with_full) > 1:
        found = _one([c for c in with_full if _overlaps(mention, c)])
        if found is not None:
            return found.id
    lone = [c for c in same_kind if not c.full_surnames() and c.all_keys() & family]
    found = _one([c for c in lone if _overlaps(mention, c)])
    return found.id if found is not None else None


def canonical_name(current: str, new: str, kind: str) -> str:
    """The better display name of two for one identity: the fuller person name wins."""
    if kind not in ("person", "unknown"):
        return current
    if len(_person_words(new)) > len(_person_words(current)):
        return new
    return current
