"""One person, one identity across the corpus; never two people in one.

Each article resolves its own speakers ("Ilse Varga", a later "Varga" and "she" are one
:class:`~newsquotes.model.Speaker` there). This module joins those per-article records
(:class:`Description`) into corpus-wide identities. It is a pure function of the stored
descriptions and the user's corrections (:func:`resolve_identities`): the same inputs give the
same identities whatever order the articles arrived in. Nothing here touches the database.

The rules (also in docs/corpus.md):

* Identity comes only from proper names. A record named by a pronoun or function word ("I",
  "it", "which") is no corpus speaker at all; one named by a role or a description ("the
  president", "a spokeswoman"), and every ``unnamed`` or ``group`` record, is a speaker of its
  own article only. Aliases that are not names ("the governor") never join anything.
* Full person names join when their normalised forms agree (case, accents, punctuation,
  titles and suffixes dropped; ``Pavel R. Dorn Jr.`` is ``pavel r dorn``). A name without
  middle initials joins the one identity with the same first name, middle initials and surname
  when exactly one exists. Different first names never join ("Ida Brenner" is not "Tomas
  Brenner"): an identity never holds two full names that disagree.
* A name the article gives as another name of the same speaker joins too, when the two agree
  (same surname, compatible first names: ``Joe``/``Joseph``, ``J.``/``Jana``).
* A surname alone ("Bianchi") joins a full name only when exactly one known person with that
  surname fits, with evidence: the article names them in full, else they share a role or
  organisation, else they are quoted in the same outlet. Otherwise it stays apart; bare surnames
  join each other on the same evidence when no two full names compete for them.
* Organisations join by normalised name (a leading "the" dropped) or a name-like alias.
* Corrections win: a ``merge`` joins two identities, a ``split`` keeps two groups of
  descriptions apart, whatever the rules above say. Each holds stable anchors (article text
  hash and local speaker id), so it survives re-ingest.

Every join is kept with its reason (:class:`Evidence`).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ..model import Entity, Speaker

_HONORIFIC_WORDS = """
    mr mrs ms miss mx dr prof professor sir dame lord lady rev reverend fr father sen senator
    rep representative gov governor pres president vice prime minister mp mayor gen general col
    colonel maj major capt captain lt lieutenant sgt sergeant adm admiral judge justice
    ambassador amb chancellor secretary sheikh rabbi imam st hon honourable honorable former
    then acting deputy the
"""
HONORIFICS = frozenset(_HONORIFIC_WORDS.split())  # noqa: SIM905 (a word list reads better)
"""Titles dropped from the front of a person's name before comparing."""

SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "phd", "md", "esq"})
"""Name suffixes dropped from the end before taking the surname."""

SURNAME_PARTICLES = frozenset(
    {"van", "von", "de", "der", "den", "da", "di", "del", "la", "le", "bin", "al", "el"}
)
"""Lower-case particles that belong to the surname ("van der Berg")."""

_FUNCTION_WORDS = """
    i me my mine myself we us our ours ourselves you your yours yourself yourselves he him his
    himself she her hers herself it its itself they them their theirs themselves who whom whose
    what which that this these those there here one ones someone somebody something anyone
    anybody anything everyone everybody everything nobody nothing none no some many much more
    most few several all both each either neither other others another such same a an the and
    or but of to in on at by for with from as if so not also
"""
FUNCTION_WORDS = frozenset(_FUNCTION_WORDS.split())  # noqa: SIM905
"""Pronouns and function words: a speaker named only by these is no corpus speaker."""

_ROLE_WORDS = """
    official officials spokesman spokeswoman spokesperson spokespeople analyst analysts
    expert experts source sources aide aides adviser advisers advisor advisors author authors
    critic critics candidate candidates nominee nominees leader leaders chairman chairwoman
    chair ceo chief executive director head officer manager president governor senator
    secretary minister premier king queen prince princess pope mayor lawmaker lawmakers
    legislator congressman congresswoman commissioner chancellor attorney lawyer lawyers
    doctor doctors professor researcher researchers scientist scientists reporter reporters
    editor editors journalist journalists police officers company firm group agency campaign
    government administration committee panel court report statement study survey newspaper
    paper magazine network team party people person man woman men women member members
    resident residents voter voters witness witnesses protester protesters family friend
    friends neighbor neighbour mother father son daughter wife husband brother sister
    republican republicans democrat democrats nominee founder owner partner colleague
    colleagues staff staffer staffers employee employees worker workers user users fan fans
    monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december today yesterday tomorrow
"""
ROLE_WORDS = frozenset(_ROLE_WORDS.split()) | HONORIFICS  # noqa: SIM905
"""Common nouns of roles, bodies and times: words that describe, never name."""

NAME_CONNECTORS = frozenset({"of", "and", "for", "the", "on", "in", "at", "&"}) | (
    SURNAME_PARTICLES
)
"""Lower-case words allowed inside a proper name ("Bank of England", "van der Berg")."""

NICKNAMES: dict[str, frozenset[str]] = {
    formal: frozenset(short.split())
    for formal, short in {
        "william": "bill billy will willie",
        "robert": "bob bobby rob",
        "richard": "dick rick ricky rich",
        "james": "jim jimmy jamie",
        "joseph": "joe joey",
        "john": "jack johnny",
        "edward": "ed eddie ted ned",
        "thomas": "tom tommy",
        "charles": "chuck charlie",
        "elizabeth": "liz beth betsy betty lisa",
        "margaret": "maggie meg peggy",
        "katherine": "kate kathy katie",
        "catherine": "kate cathy katie",
        "michael": "mike mickey",
        "henry": "hank harry",
        "theodore": "ted teddy",
        "anthony": "tony",
        "lawrence": "larry",
        "patricia": "pat patty trish",
        "rebecca": "becky",
        "susan": "sue susie",
        "deborah": "debbie deb",
        "nancy": "nan",
        "gerald": "jerry",
        "jeffrey": "jeff",
        "stephen": "steve",
        "steven": "steve",
        "andrew": "andy drew",
        "frederick": "fred",
        "alexander": "alex",
        "samuel": "sam",
        "benjamin": "ben",
        "nicholas": "nick",
        "daniel": "dan danny",
        "matthew": "matt",
        "christopher": "chris",
        "timothy": "tim",
        "donald": "don",
        "ronald": "ron",
        "kenneth": "ken",
        "jennifer": "jen jenny",
    }.items()
}
"""Short forms of first names: "Joe" and "Joseph" may be one person when an article says so."""

FIRST_NAME_PREFIX_MIN = 3
"""A first name this long or longer that begins another ("Chris"/"Christopher") agrees with it."""

_PUNCT = re.compile(r"[^\w\s-]+")
_SPACE = re.compile(r"\s+")
_LOOSE_HYPHEN = re.compile(r"(?<!\w)-+|-+(?!\w)")
"""A hyphen that joins no two words ("Novak-Horvath" stays one surname)."""
_WORD = re.compile(r"[^\W\d_][\w'’.-]*|\d[\w.-]*|&")

PERSON, ORGANIZATION, NAMED, LOCAL, NONE = "person", "organization", "named", "local", "none"
"""How identity treats a description (see :func:`name_class`)."""

NAMING_LABELS = {"PERSON": PERSON, "ORG": ORGANIZATION}
"""Entity labels that make a record of unknown kind a name, and the kind they give it."""


def _fold(text: str) -> str:
    """Lower case, accents removed, possessive dropped, punctuation to spaces."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("\u2019", "'").casefold()
    text = re.sub(r"'s\b", "", text)
    text = _LOOSE_HYPHEN.sub(" ", _PUNCT.sub(" ", text))
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
    """True for a one-word person name ("Varga", "Mr. Varga")."""
    words = _person_words(name)
    return len(words) == 1 or (len(words) > 1 and surname(name) == " ".join(words))


@dataclass(frozen=True, slots=True)
class PersonName:
    """A person's name in parts: ``Pavel R. Dorn Jr.`` is (pavel, (r,), dorn)."""

    first: str
    middle: tuple[str, ...]
    last: str

    @property
    def key(self) -> str:
        """First name, middle initials and surname: the join key of a full name."""
        return " ".join([self.first, *self.middle, self.last])

    @property
    def plain_key(self) -> str:
        """First name and surname only."""
        return f"{self.first} {self.last}"


def person_name(name: str) -> PersonName | None:
    """The parts of a full person name; None for a surname alone or no name."""
    words = _person_words(name)
    family = surname(name)
    if not family or len(words) < 2 or is_surname_only(name):
        return None
    taken = len(family.split())
    middle = tuple(word[0] for word in words[1 : len(words) - taken])
    return PersonName(words[0], middle, family)


def first_names_agree(one: str, other: str) -> bool:
    """Same first name, an initial of it, a short form of it ("Joe"/"Joseph") or its start."""
    if one == other:
        return True
    short, long_ = sorted((one, other), key=len)
    if len(short) == 1:
        return long_.startswith(short)
    if short in NICKNAMES.get(long_, ()) or long_ in NICKNAMES.get(short, ()):
        return True
    if any(short in forms and long_ in forms for forms in NICKNAMES.values()):
        return True
    return len(short) >= FIRST_NAME_PREFIX_MIN and long_.startswith(short)


def names_agree(one: PersonName, other: PersonName) -> bool:
    """Whether two full names can be one person: same surname, agreeing first names and
    middle initials (a name without middle initials agrees with any)."""
    if one.last != other.last or not first_names_agree(one.first, other.first):
        return False
    return not one.middle or not other.middle or one.middle == other.middle


def two_people(names: Iterable[str]) -> list[tuple[str, str]]:
    """Pairs of full person names among ``names`` that cannot be one person."""
    parsed = sorted(
        {(n, p) for n in names if is_proper_name(n) and (p := person_name(n)) is not None},
        key=lambda pair: pair[0],
    )
    return [
        (a, b)
        for i, (a, pa) in enumerate(parsed)
        for b, pb in parsed[i + 1 :]
        if not names_agree(pa, pb)
    ]


def _words(name: str) -> list[str]:
    return _WORD.findall(name.replace("\u2019", "'"))


def is_function_words(name: str) -> bool:
    """True when ``name`` is empty or only pronouns and function words ("I", "it", "which")."""
    words = _fold(name).split()
    return all(word in FUNCTION_WORDS for word in words)


def _capitalised(word: str) -> bool:
    first = next((ch for ch in word if ch.isalnum()), "")
    return bool(first) and (first.isupper() or first.isdigit() or not first.islower())


def is_proper_name(name: str) -> bool:
    """True when ``name`` names someone: capitalised words that are not all roles, titles or
    function words ("Mayor Ruiz", "The Ledger"; not "the president", "a spokeswoman")."""
    words = _words(name)
    if not words or is_function_words(name):
        return False
    naming = []
    for word in words:
        folded = _fold(word)
        if folded in NAME_CONNECTORS and not _capitalised(word):
            continue
        if not _capitalised(word):
            return False
        if folded and folded not in ROLE_WORDS and folded not in FUNCTION_WORDS:
            naming.append(word)
    return bool(naming)


def name_class(name: str, kind: str, entity_label: str | None = None) -> str:
    """How identity treats a speaker record: ``person``, ``organization``, ``named`` (a name of
    unknown kind), ``local`` (this article's speaker only) or ``none`` (no corpus speaker)."""
    if is_function_words(name):
        return NONE
    if kind in ("unnamed", "group") or not is_proper_name(name):
        return LOCAL
    if kind == "unknown":
        return NAMING_LABELS.get(entity_label or "", LOCAL)
    return PERSON if kind == "person" else ORGANIZATION if kind == "organization" else NAMED


def _terms(values: Iterable[str]) -> set[str]:
    return {key for key in (normalise_name(v, "organization") for v in values) if key}


@dataclass(frozen=True, slots=True)
class Description:
    """One article's speaker record, as identity sees it."""

    id: int
    anchor: str
    """Independent of arrival order: the article's text hash and the local speaker id."""
    name: str
    kind: str = "unknown"
    aliases: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    organizations: tuple[str, ...] = ()
    outlet: str | None = None
    article_people: tuple[str, ...] = ()
    """Full person names the article's entities hold (evidence for a bare surname)."""
    entity_label: str | None = None
    """The label of an entity of the article whose text is this record's name."""


ENTITY_PERSON = "PERSON"


def needs_article_names(name: str, kind: str) -> bool:
    """Whether a speaker record's identity needs its article's entities as evidence: it is of
    unknown kind, or a person named by surname alone."""
    return kind == "unknown" or (kind == "person" and is_surname_only(name))


def article_names(entities: Iterable[Entity]) -> tuple[tuple[str, ...], dict[str, str]]:
    """An article's full PERSON names, and the label of each entity text (first one wins)."""
    entities = list(entities)
    people = tuple(
        sorted({e.text for e in entities if e.label == ENTITY_PERSON and person_name(e.text)})
    )
    labels: dict[str, str] = {}
    for entity in entities:
        labels.setdefault(normalise_name(entity.text, "organization"), entity.label)
    return people, labels


def describe(
    id: int,
    anchor: str,
    speaker: Speaker,
    outlet: str | None,
    people: tuple[str, ...] = (),
    labels: dict[str, str] | None = None,
) -> Description:
    """The :class:`Description` identity sees of one article's speaker record: the one way the
    corpus and the Spark job build it."""
    return Description(
        id=id,
        anchor=anchor,
        name=speaker.name,
        kind=speaker.kind,
        aliases=tuple(speaker.aliases),
        roles=tuple(speaker.roles),
        organizations=tuple(speaker.organizations),
        outlet=outlet,
        article_people=people,
        entity_label=(labels or {}).get(normalise_name(speaker.name, "organization")),
    )


@dataclass(frozen=True, slots=True)
class Correction:
    """A user's correction: ``merge`` joins two groups of anchors, ``split`` keeps them apart."""

    action: str
    left: tuple[str, ...]
    right: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Evidence:
    """Why a description joined its identity."""

    description: int
    rule: str
    detail: str


@dataclass(slots=True)
class Identity:
    """One corpus speaker: the descriptions that are it, its display name and kind."""

    members: list[int]
    name: str
    kind: str
    aliases: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)


@dataclass(slots=True)
class _Facts:
    """What identity knows of one description once classified."""

    item: Description
    cls: str
    names: list[str]
    """Proper names this record goes by: its name first, then agreeing aliases."""
    full: list[PersonName]
    family: str | None = None
    """The surname of a record known only by its surname."""


def _facts(item: Description) -> _Facts:
    cls = name_class(item.name, item.kind, item.entity_label)
    if cls in (LOCAL, NONE):
        return _Facts(item, cls, [], [])
    if cls != PERSON:
        aliases = [a for a in item.aliases if is_proper_name(a)]
        return _Facts(item, cls, [item.name, *aliases], [])
    own = person_name(item.name)
    family = surname(item.name)
    names, full = [item.name], [own] if own else []
    for alias in item.aliases:
        if not is_proper_name(alias) or surname(alias) != family:
            continue
        parsed = person_name(alias)
        if parsed is None:
            names.append(alias)
        elif own is None or names_agree(own, parsed):
            names.append(alias)
            full.append(parsed)
    if own is None and full:  # known by surname, the article also gives the full name
        own = full[0]
    return _Facts(item, cls, names, full, None if own else family)


class _Unions:
    """Union-find over descriptions (ints) and name keys (strings) that keeps two rules: no
    identity holds two full names that disagree, and no split is undone."""

    def __init__(self, facts: dict[int, _Facts], corrections: Sequence[Correction]) -> None:
        self.parent: dict[object, object] = {}
        self.names: dict[object, set[PersonName]] = {}
        self.tags: dict[object, set[tuple[int, int]]] = {}
        self.described: dict[object, int] = {}
        """Descriptions under each root: a join is evidence only when both sides have some."""
        self.evidence: list[Evidence] = []
        by_anchor = {f.item.anchor: i for i, f in facts.items()}
        for i, f in facts.items():
            self.parent[i] = i
            self.names[i] = set(f.full[:1])
            self.tags[i] = set()
            self.described[i] = 1
        for n, correction in enumerate(corrections):
            if correction.action != "split":
                continue
            for side, anchors in enumerate((correction.left, correction.right)):
                for anchor in anchors:
                    if anchor in by_anchor:
                        self.tags[by_anchor[anchor]].add((n, side))

    def find(self, node: object) -> object:
        if node not in self.parent:
            self.parent[node] = node
            self.names[node] = set()
            self.tags[node] = set()
            self.described[node] = 0
            return node
        root = node
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[node] != root:
            self.parent[node], node = root, self.parent[node]
        return root

    def allowed(
        self, a: object, b: object, *, check_names: bool = True, also: PersonName | None = None
    ) -> bool:
        """Whether ``a`` and ``b`` may join (with ``also``, a name the joined identity gets)."""
        ra, rb = self.find(a), self.find(b)
        if any((n, 1 - side) in self.tags[rb] for n, side in self.tags[ra]):
            return False
        if not check_names:
            return ra != rb
        names = self.names[ra] | ({also} if also else set())
        others = self.names[rb] | ({also} if also else set())
        return all(names_agree(x, y) for x in names for y in others)

    def join(
        self,
        a: object,
        b: object,
        why: tuple[int, str, str] | None = None,
        *,
        check_names: bool = True,
        also: PersonName | None = None,
    ) -> bool:
        if not self.allowed(a, b, check_names=check_names, also=also):
            return False
        ra, rb = self.find(a), self.find(b)
        if also is not None:
            self.names[ra].add(also)
        if ra == rb:
            return True
        if isinstance(ra, str) and not isinstance(rb, str):
            ra, rb = rb, ra  # a description stays the root, for readable snapshots
        self.parent[rb] = ra
        self.names[ra] |= self.names.pop(rb)
        self.tags[ra] |= self.tags.pop(rb)
        both = self.described[ra] and self.described[rb]
        self.described[ra] += self.described.pop(rb)
        if why is not None and both:
            self.evidence.append(Evidence(*why))
        return True


def _primary(f: _Facts) -> str:
    """The fullest name a record goes by: its own, or the full name its article gives."""
    return next((n for n in f.names if person_name(n)), f.item.name)


def _is_short_form(f: _Facts, alias: str) -> bool:
    """An organisation's alias made of some of its own words ("Times" for "The New York
    Times") may be any of several; it never joins on its own."""
    if f.cls == PERSON:
        return False
    mine, theirs = set(_fold(f.item.name).split()), set(_fold(alias).split())
    return theirs < mine


def _key(cls: str, name: str) -> str:
    if cls == PERSON:
        parsed = person_name(name)
        return f"person:{parsed.key}" if parsed else ""
    return f"name:{normalise_name(name, 'organization')}"


@dataclass(slots=True)
class _Group:
    """A snapshot of one identity while rules that need the whole picture run."""

    members: list[int] = field(default_factory=list)
    full: set[PersonName] = field(default_factory=set)
    outlets: set[str] = field(default_factory=set)
    terms: set[str] = field(default_factory=set)
    display: str = ""


def _snapshot(unions: _Unions, facts: dict[int, _Facts]) -> dict[object, _Group]:
    groups: dict[object, _Group] = defaultdict(_Group)
    for i in sorted(facts, key=lambda i: facts[i].item.anchor):
        f = facts[i]
        group = groups[unions.find(i)]
        group.members.append(i)
        group.full |= set(f.full)
        if f.item.outlet:
            group.outlets.add(f.item.outlet)
        group.terms |= _terms(f.item.roles) | _terms(f.item.organizations)
        if not group.display and f.full:
            group.display = _primary(f)
    return groups


def _shared_terms(mine: set[str], theirs: set[str]) -> list[str]:
    """Roles and organisations in common; "Norland" is within "Norland Institute"."""
    shared = sorted(mine & theirs)
    if shared:
        return shared
    return sorted(
        a
        for a in mine
        for b in theirs
        if len(a.split()) and (set(a.split()) <= set(b.split()) or set(b.split()) <= set(a.split()))
    )


def _fitting(f: _Facts, candidates: list[tuple[object, _Group]]) -> tuple[object, str] | None:
    """The one candidate a bare surname is, with the evidence; None when none or several fit."""
    item = f.item
    in_article = {p.plain_key for n in item.article_people if (p := person_name(n))}
    terms = _terms(item.roles) | _terms(item.organizations)
    tiers = [
        [
            (root, f"the article names {g.display} in full")
            for root, g in candidates
            if any(p.plain_key in in_article for p in g.full)
        ],
        [
            (root, "shared role or organisation: " + ", ".join(shared))
            for root, g in candidates
            if (shared := _shared_terms(terms, g.terms))
        ],
        [
            (root, f"the only {g.display} quoted in {item.outlet}")
            for root, g in candidates
            if item.outlet and item.outlet in g.outlets
        ],
    ]
    for tier in tiers:
        if len(tier) == 1:
            return tier[0]
        if len(tier) > 1:
            return None
    return None


def resolve_identities(
    descriptions: Iterable[Description], corrections: Sequence[Correction] = ()
) -> tuple[list[Identity], set[int]]:
    """Corpus identities of ``descriptions`` under the module rules, and the ids of those that
    are no corpus speaker. Identities come sorted by their first anchor; the result does not
    depend on the order of ``descriptions``."""
    facts = {d.id: _facts(d) for d in descriptions}
    nobody = {i for i, f in facts.items() if f.cls == NONE}
    for i in nobody:
        del facts[i]
    ordered = sorted(facts, key=lambda i: facts[i].item.anchor)
    by_anchor = {facts[i].item.anchor: i for i in ordered}
    unions = _Unions(facts, corrections)
    _apply_corrections(unions, corrections, by_anchor)
    named = [i for i in ordered if facts[i].cls not in (LOCAL, NONE)]
    for i in named:  # the record's own name (a bare surname has no key of its own)
        f = facts[i]
        key = f"person:{f.full[0].key}" if f.cls == PERSON and f.full else _key(f.cls, f.item.name)
        if key:
            unions.join(i, key, (i, "same name", f"named {_primary(f)}"), check_names=False)
    for i in named:  # other names the article gives the same speaker
        _join_aliases(unions, facts[i], i)
    _join_fuller_names(unions, facts, named)
    _join_surnames(unions, facts, named)
    return _identities(unions, facts), nobody


def _join_aliases(unions: _Unions, f: _Facts, i: int) -> None:
    """Join the other names a record goes by; a full name that would put two people in one
    identity is dropped from the record (it is the article's mistake, not a name of theirs)."""
    for alias in f.names[1:]:
        if _is_short_form(f, alias) or not (key := _key(f.cls, alias)):
            continue
        parsed = person_name(alias) if f.cls == PERSON else None
        why = (i, "alias", f"the article also calls {f.item.name} {alias}")
        if parsed is None or parsed == f.full[0]:
            unions.join(i, key, why)
        elif not unions.join(i, key, why, also=parsed):
            f.names.remove(alias)
            f.full.remove(parsed)


def _apply_corrections(
    unions: _Unions, corrections: Sequence[Correction], by_anchor: dict[str, int]
) -> None:
    for correction in corrections:
        sides = (correction.left, correction.right)
        if correction.action == "merge":
            sides = (correction.left + correction.right,)
        for anchors in sides:
            present = [by_anchor[a] for a in anchors if a in by_anchor]
            for other in present[1:]:
                why = (other, correction.action, "corrected by hand")
                unions.join(present[0], other, why, check_names=False)


def _join_fuller_names(unions: _Unions, facts: dict[int, _Facts], named: list[int]) -> None:
    """ "Pavel Dorn" joins "Pavel R. Dorn" when that is the only Pavel ... Dorn."""
    groups = _snapshot(unions, facts)
    with_middle: dict[str, set[object]] = defaultdict(set)
    for root, group in groups.items():
        for parsed in group.full:
            if parsed.middle:
                with_middle[parsed.plain_key].add(root)
    moves = []
    for i in named:
        f = facts[i]
        own = person_name(f.item.name)
        if own is None or own.middle:
            continue
        targets = with_middle.get(own.plain_key, set()) - {unions.find(i)}
        if len(targets) == 1:
            [target] = targets
            moves.append((i, target, groups[target].display))
    for i, target, display in moves:
        why = (i, "fuller name", f"the only {display} with that first name and surname")
        unions.join(i, target, why)


def _join_surnames(unions: _Unions, facts: dict[int, _Facts], named: list[int]) -> None:
    """A bare surname joins the one full name that fits; bare surnames join each other on the
    same evidence when no two full names compete for them."""
    groups = _snapshot(unions, facts)
    by_surname: dict[str, list[tuple[object, _Group]]] = defaultdict(list)
    for root, group in groups.items():
        for family in sorted({p.last for p in group.full}):
            by_surname[family].append((root, group))
    moves: list[tuple[int, object, str]] = []
    leftovers: dict[str, list[int]] = defaultdict(list)
    for i in named:
        f = facts[i]
        if f.family is None or groups[unions.find(i)].full:
            continue
        candidates = by_surname.get(f.family, [])
        found = _fitting(f, candidates)
        if found is not None:
            moves.append((i, found[0], found[1]))
        elif len(candidates) <= 1:
            leftovers[f.family].append(i)
    for i, target, reason in moves:
        unions.join(i, target, (i, "surname", f"{facts[i].item.name}: {reason}"))
    for members in leftovers.values():
        for n, i in enumerate(members):
            for j in members[:n]:
                reason = _surname_pair_evidence(facts[i].item, facts[j].item)
                if reason:
                    unions.join(j, i, (i, "surname", f"{facts[i].item.name}: {reason}"))


def _surname_pair_evidence(one: Description, other: Description) -> str | None:
    shared = _shared_terms(
        _terms(one.roles) | _terms(one.organizations),
        _terms(other.roles) | _terms(other.organizations),
    )
    if shared:
        return "shared role or organisation: " + ", ".join(shared)
    if one.outlet and one.outlet == other.outlet:
        return f"quoted in the same outlet, {one.outlet}"
    return None


def _identities(unions: _Unions, facts: dict[int, _Facts]) -> list[Identity]:
    members: dict[object, list[int]] = defaultdict(list)
    for i in sorted(facts, key=lambda i: facts[i].item.anchor):
        members[unions.find(i)].append(i)
    evidence: dict[object, list[Evidence]] = defaultdict(list)
    for found in unions.evidence:
        evidence[unions.find(found.description)].append(found)
    result = []
    for root, ids in members.items():
        chosen = [facts[i] for i in ids]
        name, kind = _display(chosen)
        aliases = sorted({n for f in chosen for n in f.names} - {name})
        result.append(Identity(ids, name, kind, aliases, evidence.get(root, [])))
    return result


def _by_initial(name: str) -> bool:
    """True for a name whose first name is an initial ("T. Ulvik"): shown only when no
    other full name is known."""
    parsed = person_name(name)
    return parsed is not None and len(parsed.first) == 1


def _display(chosen: list[_Facts]) -> tuple[str, str]:
    """The identity's name (the most used full name, initials last; the fuller on a tie)
    and kind."""
    classes = {f.cls for f in chosen}
    if classes == {LOCAL}:
        only = chosen[0].item
        return only.name, only.kind if only.kind in ("unnamed", "group") else "unnamed"
    if PERSON in classes:
        kind = PERSON
    elif ORGANIZATION in classes:
        kind = ORGANIZATION
    else:
        kind = "unknown"
    full = Counter(_primary(f) for f in chosen if f.full)
    counted = full or Counter(f.item.name for f in chosen if f.cls != LOCAL)
    name = min(
        counted, key=lambda n: (_by_initial(n), -counted[n], -len(_person_words(n)), -len(n), n)
    )
    return name, kind
