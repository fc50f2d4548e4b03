"""Everyone an article names, read once in text order: people, organisations, their
mentions (outside quotation marks), roles and gender.

Built in one pass over the entities; every later question (who is ``Brenner`` here, who was the
last woman named before this offset) is a dictionary look-up or a short bounded walk back
from a bisected position, so resolution stays linear in the article's length.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token
from spacy.tokens import Span as DocSpan

from ..quotes.context import ArticleView
from .descriptions import (
    documents_of,
    has_person_appositive,
    org_names,
    organisation_types,
    party_and_state,
    pre_modifiers,
    role_head,
    role_phrases,
    role_word,
    words_of,
)
from .gender import FEMALE, HONORIFIC_SEX, MALE, PRONOUN_SEX, ROLE_SEX, first_name_sex
from .names import (
    TITLE_ROLES,
    clean_name,
    first_key,
    honorific_before,
    is_honorific,
    is_initial,
    name_key,
    organisation_name,
    same_given_name,
    surname_key,
    word_key,
)

NAME_LABELS = frozenset({"PERSON"})
ORGANISATION_LABELS = frozenset({"ORG"})
PLACE_LABELS = frozenset({"GPE"})
"""Places a role is held in (``the mayor of Velmora``)."""
PARTY_SPAN = 24
"""Characters after a name where a lawmaker's ``(D-Calif.)`` is looked for."""
SUBORDINATE_TITLES = frozenset({"vice", "deputy", "assistant", "lieutenant"})
"""Words that make a title another one: a vice president is not the president."""
TITLE_QUALIFIERS = SUBORDINATE_TITLES | frozenset(
    {"prime", "chief", "acting", "interim", "attorney", "majority", "minority", "first"}
)
"""Words that open a compound title (``Prime Minister``, ``Chief Executive``): part of the
role, never an organisation."""
NICKNAMED = re.compile(
    r"\b([A-Z][a-z]+(?: [A-Z]\.)*) [\"“‘']([A-Z][a-z]+)[\"”’'] ([A-Z][\w'’-]*[a-z])\b"
)
"""``Jorun A. "Rune" Vik``: given name(s), a nickname in quotes, the surname."""


@dataclass(slots=True)
class Person:
    """What the article tells of one person, organisation or group."""

    name: str
    kind: str
    first_seen: int
    aliases: list[str] = field(default_factory=list)
    description: str | None = None
    roles: list[str] = field(default_factory=list)
    organizations: list[str] = field(default_factory=list)
    speaker_id: str | None = None
    role_heads: set[str] = field(default_factory=set)
    role_at: dict[str, int] = field(default_factory=dict)
    """Role head → offset of the mention the article first gave it with (``the ad`` before
    ``Ruiz's new ad`` is not hers)."""
    role_words: set[str] = field(default_factory=set)
    honorific_sex: str | None = None
    role_sex: str | None = None
    """From a role that says it (``spokeswoman``, ``widow``)."""
    sex_votes: dict[str, int] = field(default_factory=lambda: {MALE: 0, FEMALE: 0})
    given_name_only: bool = False
    """Called by one word that is a first name and no one's surname here (``Melanie``)."""
    mention_count: int = 0
    last_seen: int = -1
    """Offset of the latest mention outside quotation marks read so far (-1: none yet)."""

    def add_alias(self, alias: str) -> None:
        alias = alias.strip()
        if alias and alias != self.name and alias not in self.aliases:
            self.aliases.append(alias)

    def rename(self, name: str) -> None:
        """Keep the fullest form of the name as the name, the others as aliases."""
        if len(name.split()) > len(self.name.split()):
            self.add_alias(self.name)
            self.name = name
        else:
            self.add_alias(name)

    @property
    def sex(self) -> str | None:
        """From the article (Mr./Ms., a role such as spokeswoman, his/her bound to the name),
        else from the first-name table."""
        if self.kind not in ("person", "unnamed"):
            return None
        if self.honorific_sex:
            return self.honorific_sex
        if self.role_sex:
            return self.role_sex
        male, female = self.sex_votes[MALE], self.sex_votes[FEMALE]
        given = first_key(self.name) or (self.name.lower() if self.given_name_only else "")
        from_table = first_name_sex(given) if given and not is_initial(given) else None
        if from_table:
            return from_table
        if male != female:
            return MALE if male > female else FEMALE
        return None

    def describe(self, description: str | None, roles: list[str], orgs: list[str]) -> None:
        if description and not self.description:
            self.description = description
        for role in roles:
            if role not in self.roles:
                self.roles.append(role)
            subordinate = role.split()[0] in SUBORDINATE_TITLES and len(role.split()) > 1
            self.role_heads.add(role if subordinate else role_head(role.split()[-1]))
            self.role_words |= words_of(role)
            sex = ROLE_SEX.get(role.split()[-1])
            if sex and not self.role_sex:
                self.role_sex = sex
        for org in orgs:
            self.role_words |= words_of(org)
            if not any(org in known or known in org for known in self.organizations):
                self.organizations.append(org)
            elif any(known in org and known != org for known in self.organizations):
                self.organizations = [
                    org if known in org else known for known in self.organizations
                ]


@dataclass(frozen=True, slots=True)
class Mention:
    """A name outside quotation marks: where, who, and whether it is a clause's subject."""

    at: int
    token: int
    person: Person
    subject: bool
    paragraph: int
    sentence: int
    verb: int
    """Token index of the word the name hangs from (its verb when it is a subject)."""


ACRONYM_MIN_LETTERS = 2
ACRONYM_MAX_LETTERS = 8
"""Initials in brackets after an organisation's name (``(CCH)``) name it when this long."""


@dataclass(frozen=True, slots=True)
class CastSettings:
    """Limits of reading the cast (from ``ResolutionSettings``, set in the component's
    config)."""

    min_misspelt_surname: int = 5
    """Shortest bare surname that may join a full name one letter off (``Holowell``)."""
    max_misspelt_uses: int = 1
    """Most times an article may spell a bare surname one letter off a full name and still
    have it taken for a slip (``Jonas`` said twice beside ``Mark Jones`` is someone else)."""
    misspelt_rarity: int = 4
    """How many times more often the right spelling must be used for a slip spelt more than
    ``max_misspelt_uses`` times still to be taken for one (``Sharption`` twice, ``Sharpton``
    eleven times)."""
    headline_max_words: int = 20
    """Most words of a first paragraph that is a headline."""
    headline_capitalised: float = 0.6
    """Least share of a headline's words that are capitalised (``Idle Halvorsen and
    Varga Let Harbour Rot``)."""
    appositive_max_tokens: int = 25
    """Longest appositive after a name read for roles (``Ana Ruiz, the mayor of ...,``)."""
    honorifics_before_name: int = 2
    """Most honorifics read right before a name (``Norland Gov. Ivo Stenberg``)."""
    person_org_max_words: int = 3
    """Longest "organisation" the tagger gives that is a person when a first name opens it
    and a role appositive follows (``Ilse Varga, an economist``)."""
    appositive_depth: int = 3
    """Appositives nested this deep still reach the phrase they describe (``His guest, the
    singer and campaigner Mira Solberg, was ...``: a subject)."""


HEADLINE_SMALL_WORDS = frozenset(
    {"a", "an", "the", "and", "or", "but", "nor", "of", "to", "in", "on", "at", "for", "by"}
    | {"as", "with", "from", "into", "over", "vs", "vs."}
)
"""Words a title-cased headline leaves in lower case."""


class Cast:
    """Everyone the article names, with their mentions in text order."""

    def __init__(self, view: ArticleView, settings: CastSettings | None = None) -> None:
        self.view = view
        self.doc: Doc = view.doc
        self.settings = settings or CastSettings()
        self._capitalised_spellings: Counter[str] | None = None
        self._body_lower: str | None = None
        self._title_cased: bool | None = None
        doc = self.doc
        self.people: list[Person] = []
        self.by_key: dict[tuple[str, str], Person] = {}
        self.by_surname: dict[str, list[Person]] = defaultdict(list)
        self.surname_variants: dict[str, set[str]] = defaultdict(set)
        """A surname and each form with one letter dropped → the surnames: finds a surname
        one letter off in time linear in its length."""
        self.ents: list[DocSpan] = list(doc.ents)
        self.ent_of_token = [-1] * len(doc)
        self.ent_label = [""] * len(doc)
        for n, ent in enumerate(self.ents):
            for i in range(ent.start, ent.end):
                self.ent_of_token[i] = n
                self.ent_label[i] = ent.label_
        self.sentences: list[DocSpan] = list(doc.sents)
        self.sentence_of_token = [0] * len(doc)
        for n, sent in enumerate(self.sentences):
            for i in range(sent.start, sent.end):
                self.sentence_of_token[i] = n
        self.pronouns = [
            (t.i, sex)
            for t in doc
            if (sex := PRONOUN_SEX.get(t.lower_)) is not None and not self.quoted(t.i)
        ]
        """he/she/his/her outside quotation marks: (token index, sex), read once."""
        self.sentence_sex = self._pronoun_sex_by_sentence()
        self.person_of_ent: dict[int, Person] = {}
        self.mentions: list[Mention] = []  # people, in text order
        self.org_mentions: list[Mention] = []  # organisations and named groups
        self.nicknamed: list[tuple[int, int, Person]] = []
        self._read_nicknames()
        for n, ent in enumerate(self.ents):
            self._read_entity(n, ent)
            person = self.person_of_ent.get(n)
            if person is not None:
                for head in person.role_heads:
                    person.role_at.setdefault(head, ent.start_char)
        self._read_untagged_surnames()
        for person in self.people:
            words = person.name.split()
            person.given_name_only = (
                person.kind == "person"
                and len(words) == 1
                and len(self.by_surname.get(surname_key(person.name), ())) == 1
                and first_name_sex(words[0]) is not None
            )
        self.group_of_ent: dict[int, Person] = {}
        self._read_coordinations()
        self.by_role: dict[str, list[Person]] = defaultdict(list)
        """Role head (``senator``) → the people and organisations introduced with it."""
        for person in self.people:
            for head in person.role_heads:
                self.by_role[head].append(person)
        self.mention_offsets = [m.at for m in self.mentions]
        self.org_offsets = [m.at for m in self.org_mentions]
        self._count_pronoun_votes()

    # -- building -------------------------------------------------------------------------

    def quoted(self, token: int) -> bool:
        return self.view.quote_of_token[token] >= 0

    def _pronoun_sex_by_sentence(self) -> dict[int, str]:
        """Sentences whose he/she pronouns (outside quotes) are all of one sex."""
        seen: dict[int, set[str]] = defaultdict(set)
        for i, sex in self.pronouns:
            seen[self.sentence_of_token[i]].add(sex)
        return {n: next(iter(sexes)) for n, sexes in seen.items() if len(sexes) == 1}

    def _read_coordinations(self) -> None:
        """``Senators Ana Ruiz and Tomas Brenner``: the pair is a group that ``they`` can be."""
        added = False
        for m in self.mentions:
            n = self.ent_of_token[m.token]
            ent = self.ents[n]
            members = [m.person]
            for conj in ent.root.conjuncts:
                k = self.ent_of_token[conj.i]
                other = self.person_of_ent.get(k) if k >= 0 else None
                if conj.i > ent.root.i and other is not None and other.kind == "person":
                    members.append(other)
            if len(members) < 2 or len({id(p) for p in members}) < len(members):
                continue
            group = self.group_of(members, m.at)
            self.group_of_ent[n] = group
            self._add_mention(self.org_mentions, group, ent)
            added = True
        if added:
            self.org_mentions.sort(key=lambda mention: mention.at)

    def group_of(self, members: list[Person], at: int) -> Person:
        """The group of these people or organisations, named by them (``A and B``)."""
        name = " and ".join(p.name for p in members)
        group = self.by_key.get(("group", name.lower()))
        if group is None:
            group = Person(name=name, kind="group", first_seen=at)
            self.people.append(group)
            self.by_key[("group", name.lower())] = group
        return group

    def _read_nicknames(self) -> None:
        """``Rep. Tomas "Tom" Brenner``: one person, ``Tomas Brenner``, also called
        ``Tom Brenner``."""
        for match in NICKNAMED.finditer(self.view.text):
            if self.view.in_region(match.start()):
                continue
            given, nickname, surname = match.group(1), match.group(2), match.group(3)
            person = self.person_for_name(f"{given} {surname}", match.start())
            if person is None:
                continue
            short = f"{nickname} {surname}"
            self.by_key[("person", name_key(short))] = person
            person.add_alias(short)
            self.nicknamed.append((match.start(), match.end(), person))

    def _nicknamed_at(self, ent: DocSpan) -> Person | None:
        return self.nicknamed_at(ent.start_char)

    def nicknamed_at(self, char: int) -> Person | None:
        """The person whose ``Given "Nick" Surname`` covers offset ``char``, if any."""
        k = bisect_left(self.nicknamed, (char + 1,)) - 1
        if k >= 0:
            start, end, person = self.nicknamed[k]
            if start <= char < end:
                return person
        return None

    def _read_entity(self, n: int, ent: DocSpan) -> None:
        if self.view.in_region(ent.start_char):
            return
        quoted = self.quoted(ent.start)
        nicknamed = self._nicknamed_at(ent) if self.nicknamed else None
        if nicknamed is not None and ent.label_ not in NAME_LABELS:
            self.person_of_ent[n] = nicknamed
            self._add_mention(self.mentions, nicknamed, ent)
            return
        if ent.label_ in NAME_LABELS:
            honorifics = self._honorifics_at(ent)
            name = clean_name(ent.text)
            if not name or not any(c.isalpha() for c in name):
                return
            name = self._without_headline_word(name, ent)
            name = self._with_untagged_given_name(name, ent)
            name = self._with_shared_surname(name, ent)
            sex = next((HONORIFIC_SEX[h] for h in honorifics if h in HONORIFIC_SEX), None)
            person = nicknamed or self.person_for_name(
                name,
                ent.start_char,
                sex=sex,
                context_sex=self.sentence_sex.get(self.sentence_of_token[ent.start]),
                introduced=introduced_on_its_own(ent.root),
            )
            if person is None:
                return
            self.person_of_ent[n] = person
            if sex and not person.honorific_sex:
                person.honorific_sex = sex
            titles = [title_role(h) for h in honorifics if title_role(h)]
            if titles:
                person.describe(None, titles, [])
            self.describe_from_context(person, ent)
            if not quoted:
                self._add_mention(self.mentions, person, ent)
        elif (ent.label_ in ORGANISATION_LABELS and self._person_tagged_as_org(ent)) or (
            ent.label_ == "NORP" and len(ent) == 1 and self.known_surname(ent)
        ):
            # a one-word "organisation" that is a surname already named is that person
            person = self.person_for_name(clean_name(ent.text), ent.start_char)
            if person is not None:
                self.person_of_ent[n] = person
                self.describe_from_context(person, ent)
                if not quoted:
                    self._add_mention(self.mentions, person, ent)
        elif ent.label_ in ORGANISATION_LABELS:
            name = organisation_name(ent.text)
            if not any(c.isalpha() for c in name):
                return
            if self.in_title_cased_headline(ent.start_char) and not self._named_in_body(name):
                return  # "Popular Website Shows Bias": the headline's words, no one the body names
            org = self.person_for_name(name, ent.start_char, kind="organization")
            if org is None:
                return
            self.person_of_ent[n] = org
            self._read_acronym(org, ent)
            self._describe_organisation(org, ent)
            if not quoted:
                self._add_mention(self.org_mentions, org, ent)
        elif ent.label_ == "NORP" and ent.root.tag_ in ("NNPS", "NNS") and not quoted:
            # "Liberals had asked for the vote because they ...": a named group
            group = self.person_for_name(ent.text.strip(), ent.start_char, kind="group")
            if group is not None:
                self.person_of_ent[n] = group
                self._add_mention(self.org_mentions, group, ent)

    def _read_acronym(self, org: Person, ent: DocSpan) -> None:
        """``the Coalition for Cleaner Harbours (CCH)``: the initials in brackets right after
        an organisation's name are that organisation when they spell its name."""
        doc = self.doc
        if ent.end + 2 >= len(doc) or doc[ent.end].text != "(" or doc[ent.end + 2].text != ")":
            return
        acronym = doc[ent.end + 1].text
        if not (ACRONYM_MIN_LETTERS <= len(acronym) <= ACRONYM_MAX_LETTERS and acronym.isupper()):
            return
        words = [w for w in re.split(r"[\s-]+", org.name) if w[:1].isalpha()]
        capitalised = "".join(w[0] for w in words if w[0].isupper())
        every = "".join(w[0] for w in words).upper()
        if acronym.isalpha() and acronym in (capitalised, every):
            self.by_key.setdefault(("organization", name_key(acronym)), org)
            org.add_alias(acronym)

    def _read_untagged_surnames(self) -> None:
        """``Brenner answered with ...`` where the tagger found no entity: a capitalised proper
        noun that is the surname of exactly one person named in full is a mention of them."""
        doc = self.doc
        added = False
        for t in doc:
            if (
                t.pos_ != "PROPN"
                or self.ent_of_token[t.i] >= 0
                or not t.is_title
                or t.dep_ in ("compound", "flat")
                or (t.i > 0 and doc[t.i - 1].pos_ == "PROPN")
                or self.quoted(t.i)
                or self.view.in_region(t.idx)
            ):
                continue
            person = self.only_person_surnamed(t.text) or self._only_person_called(t.text)
            if person is not None:
                self._add_mention(self.mentions, person, doc[t.i : t.i + 1])
                added = True
        if added:
            self.mentions.sort(key=lambda mention: mention.at)

    def _without_headline_word(self, name: str, ent: DocSpan) -> str:
        """``Idle Halvorsen and Varga``: in a title-cased headline a capitalised word that is
        no first name, right before a surname, is the headline's, not the name's."""
        words = name.split()
        if (
            len(words) != 2
            or is_initial(words[0])
            or first_name_sex(words[0]) is not None
            or not self.in_headline(ent.start_char)
        ):
            return name
        return words[1]

    def _with_untagged_given_name(self, name: str, ent: DocSpan) -> str:
        """``Vera Holm`` tagged as just ``Holm``: a first name right before a one-word name,
        left out by the tagger but joined to it by the parser, belongs to the name."""
        if len(ent) != 1 or ent.start == 0:
            return name
        given = self.doc[ent.start - 1]
        if (
            given.pos_ == "PROPN"
            and given.is_title
            and not given.ent_type_
            and given.dep_ == "compound"
            and given.head.i == ent.start
            and first_name_sex(given.text) is not None
        ):
            return f"{given.text} {name}"
        return name

    def _with_shared_surname(self, name: str, ent: DocSpan) -> str:
        """``James and Olive Brenner``: a lone first name joined by ``and`` to a full name
        shares its surname."""
        doc = self.doc
        if len(ent) != 1 or ent.end + 2 >= len(doc) or doc[ent.end].lower_ != "and":
            return name
        n = self.ent_of_token[ent.end + 1]
        if n < 0 or self.ents[n].start != ent.end + 1 or self.ents[n].label_ != "PERSON":
            return name
        partner = clean_name(self.ents[n].text).split()
        if len(partner) != 2 or first_name_sex(name) is None or first_name_sex(partner[0]) is None:
            return name
        return f"{name} {partner[1]}"

    def in_headline(self, char: int) -> bool:
        """Whether ``char`` is in the article's first paragraph, written as a headline: short,
        most words capitalised, other paragraphs after it."""
        view = self.view
        if view.paragraph_of(char) != 0 or len(view.paragraph_starts) < 2:
            return False
        first = view.text[: view.paragraph_starts[1]]
        words = [w for w in first.split() if w[:1].isalpha()]
        capitalised = sum(w[0].isupper() for w in words)
        settings = self.settings
        return 0 < len(
            words
        ) <= settings.headline_max_words and capitalised >= settings.headline_capitalised * len(
            words
        )

    def in_title_cased_headline(self, char: int) -> bool:
        """Whether ``char`` is in a headline that capitalises every word but the small ones
        (``Harbour Council Votes To Close Pier``), where the tagger cannot tell a name's
        words from the headline's."""
        if not self.in_headline(char):
            return False
        if self._title_cased is None:
            first = self.view.text[: self.view.paragraph_starts[1]]
            words = [w for w in first.split() if w[:1].isalpha()]
            self._title_cased = all(
                w[0].isupper() or w.lower() in HEADLINE_SMALL_WORDS for w in words
            )
        return self._title_cased

    def _named_in_body(self, name: str) -> bool:
        """Whether ``name`` is written (in any case) after the article's first paragraph."""
        starts = self.view.paragraph_starts
        if self._body_lower is None:
            self._body_lower = self.view.text[starts[1] :].lower() if len(starts) > 1 else ""
        pattern = r"(?<!\w)" + re.escape(name.lower()) + r"(?!\w)"
        return re.search(pattern, self._body_lower) is not None

    def _person_tagged_as_org(self, ent: DocSpan) -> bool:
        """``Varga, a Norland analyst``; ``Ilse Varga, an economist``: the tagger's
        "organisation" is a person when it is a known surname, or a (first) name followed by
        a role appositive."""
        if len(ent) == 1:
            return self.known_surname(ent) or has_person_appositive(ent.root)
        return (
            len(ent) <= self.settings.person_org_max_words
            and first_name_sex(ent[0].text) is not None
            and has_person_appositive(ent.root)
        )

    def _index_surname(self, key: str) -> None:
        if key not in self.by_surname:
            for variant in _variants(key):
                self.surname_variants[variant].add(key)

    def is_surname(self, key: str) -> bool:
        """Whether someone here has this surname, or one letter off it (see
        ``_misspelt_surname``)."""
        return key in self.by_surname or bool(self._misspelt_surname(key))

    def known_surname(self, ent: DocSpan) -> bool:
        return bool(self._named_in_full(ent.text))

    def only_person_surnamed(self, word: str) -> Person | None:
        """The one person named in full here whose surname ``word`` is, if only one."""
        people = self._named_in_full(word)
        return people[0] if len(people) == 1 else None

    def only_person_misspelt(self, word: str) -> Person | None:
        """The one person named in full here whose surname ``word`` is one letter off."""
        people = self._misspelt_surname(surname_key(word))
        return people[0] if len(people) == 1 else None

    def _only_person_called(self, word: str) -> Person | None:
        """``Oz is hardly ...`` after ``Oz's show`` (tagged a person) with no full name
        tagged: the one person known here by that single word alone. Not a word that looks
        plural (``Latinos``, ``Whigs``): the tagger takes groups for people."""
        if word.endswith("s"):
            return None
        people = [
            p
            for p in self.by_surname.get(surname_key(word), [])
            if p.kind == "person" and name_key(p.name) == surname_key(word)
        ]
        return people[0] if len(people) == 1 else None

    def _named_in_full(self, surname: str) -> list[Person]:
        return [
            p
            for p in self.by_surname.get(surname_key(surname), [])
            if p.kind == "person" and len(p.name.split()) > 1
        ]

    def _honorifics_at(self, ent: DocSpan) -> list[str]:
        """``Norland Gov. Ivo Stenberg``: the honorifics right before (or opening) the name."""
        found = honorific_before(list(ent))
        i = ent.start - 1
        most = self.settings.honorifics_before_name
        while i >= 0 and i >= ent.start - most and is_honorific(self.doc[i].text):
            found.append(word_key(self.doc[i].text))
            i -= 1
        if found and i >= 0 and word_key(self.doc[i].text) in TITLE_QUALIFIERS:
            # "Vice President Robert Hayes" is no president
            found = [f"{word_key(self.doc[i].text)} {h}" for h in found]
        return found

    def _add_mention(self, into: list[Mention], person: Person, ent: DocSpan) -> None:
        root = ent.root
        person.role_heads.update(documents_of(root, person.kind == "person"))
        phrase = _apposed_to(root, self.settings.appositive_depth)
        stranded = _stranded_before_verb(root)
        subject = (
            phrase.dep_ in ("nsubj", "nsubjpass")
            or _opens_verbless_parse(ent)
            or _relative_subject(root)
            or stranded is not None
        )
        if person.kind == "person":
            person.last_seen = ent.start_char
            person.mention_count += 1
        into.append(
            Mention(
                ent.start_char,
                ent.start,
                person,
                subject,
                self.view.paragraph_of(ent.start_char),
                self.sentence_of_token[ent.start],
                stranded.i if stranded is not None else phrase.head.i,
            )
        )

    def person_for_name(
        self,
        name: str,
        at: int,
        kind: str = "person",
        sex: str | None = None,
        context_sex: str | None = None,
        introduced: bool = False,
    ) -> Person | None:
        """The person (or organisation) this name is, joining forms of the same name. A name
        ``introduced`` with a role or relative clause of its own (``Maria, a nurse``, ``Jonas,
        who chairs the caucus``) is no earlier person's bare first name nor a slip for an
        earlier surname."""
        key = name_key(name)
        if not key:
            return None
        if kind != "person":
            return self._organisation(name, key, at, kind)
        words = key.split()
        if (kind, key) in self.by_key and len(words) > 1:
            person = self.by_key[(kind, key)]
            person.rename(name)
            return person
        candidates = self.by_surname.get(words[-1], [])
        given = words[0] if len(words) > 1 else ""
        if not candidates and not given:
            candidates = [] if introduced else self._misspelt_surname(words[-1])
            candidates = candidates or ([] if introduced else self._by_first_name(words[0]))
        sex = sex or (first_name_sex(given) if given and not is_initial(given) else None)
        fitting = [
            c
            for c in candidates
            if same_given_name(first_key(c.name), given) and (sex is None or c.sex in (None, sex))
        ]
        if context_sex and len({c.sex for c in fitting}) > 1:
            # "Hayes allowed her staff ...": Mary, not John
            fitting = [c for c in fitting if c.sex in (None, context_sex)] or fitting
        if fitting:
            # Several people share the surname: the one named most often, then latest.
            person = max(fitting, key=lambda c: (c.mention_count, c.last_seen, c.first_seen))
            if given:
                person.rename(name)
                self.by_key[(kind, key)] = person
            else:
                person.add_alias(name)
            return person
        person = Person(name=name, kind=kind, first_seen=at)
        self.people.append(person)
        self._index_surname(words[-1])
        self.by_surname[words[-1]].append(person)
        if len(words) > 1:
            self.by_key[(kind, key)] = person
        return person

    def _by_first_name(self, word: str) -> list[Person]:
        """``Peter said`` after ``Anna and Peter Brenner``: a bare first name is the one
        person named in full with it."""
        if first_name_sex(word) is None:
            return []
        found = [
            p
            for p in self.people
            if p.kind == "person" and len(p.name.split()) > 1 and first_key(p.name) == word
        ]
        return found if len(found) == 1 else []

    def _misspelt_surname(self, surname: str) -> list[Person]:
        """``Holowell`` for ``Tyra Hollowell``: a bare surname one letter off the surname
        of exactly one person named in full here."""
        if len(surname) < self.settings.min_misspelt_surname:
            return []
        keys = set().union(*(self.surname_variants.get(v, ()) for v in _variants(surname)))
        near = [
            person
            for key in sorted(keys)
            if one_edit_apart(key, surname)
            and _may_be_misspelt(surname, key)
            and not self._spelt_often(surname, key)
            for person in self.by_surname.get(key, ())
            if person.kind == "person" and len(person.name.split()) > 1
        ]
        return near if len(near) == 1 else []

    def _spelt_often(self, word: str, surname: str) -> bool:
        """Whether the article spells a capitalised word this way more than once, and not
        far less often than the surname it is near: a name written the same way twice
        (``Jonas`` beside ``Mark Jones``) is someone's own, a slip repeated twice in an
        article that spells the name right eleven times (``Sharption``) is still a slip."""
        if self._capitalised_spellings is None:
            self._capitalised_spellings = Counter(
                surname_key(t.text) for t in self.doc if t.is_title and not self.quoted(t.i)
            )
        uses = self._capitalised_spellings[word]
        right = self._capitalised_spellings[surname]
        return uses > self.settings.max_misspelt_uses and (
            uses * self.settings.misspelt_rarity > right
        )

    def _organisation(self, name: str, key: str, at: int, kind: str) -> Person:
        found = self.by_key.get((kind, key))
        if found is None:
            found = Person(name=name, kind=kind, first_seen=at)
            self.people.append(found)
            self.by_key[(kind, key)] = found
        return found

    def describe_from_context(self, person: Person, ent: DocSpan) -> None:
        """Roles and organisations from the name's appositive and pre-modifiers; a name inside
        a quotation is described by the speaker's words, not the article's (``to repair our
        broken ferry timetable and close gaps Rick Santo used``)."""
        doc = self.doc
        if self.quoted(ent.start):
            return
        head = ent.root
        person.role_words |= party_and_state(
            self.view.text[ent.end_char : ent.end_char + PARTY_SPAN]
        )
        for child in head.children:
            if child.dep_ == "appos" and child.i > head.i and child.i >= ent.end:
                tokens = list(child.subtree)
                span = doc[tokens[0].i : tokens[-1].i + 1]
                text = span.text.strip(" ,")
                if (
                    1 <= len(span) <= self.settings.appositive_max_tokens
                    and any(t.is_alpha for t in span)  # "David Chen, 54,": an age says no role
                    and not any(self.quoted(t.i) for t in span)
                ):
                    orgs = org_names(span, self.ent_label) + self._places_of(child)
                    person.describe(text, role_phrases(child), orgs)
                    person.role_words |= words_of(text)
        role = head.head
        while role.dep_ == "pobj" and role.head.dep_ == "prep" and role.head.head.i < role.i:
            role = role.head.head  # "The President of Norland, Pavel Dorn": up to President
        if (
            head.dep_ == "appos"
            and role.pos_ in ("NOUN", "PROPN")
            and role.i < ent.start
            and not any(doc[k].text == ":" for k in range(role.i, ent.start))
        ):  # "Missing ferry captain - Tomas Brenner": no role
            # "The President of Norland, Pavel Dorn,": the name is the role's appositive
            span = doc[role.left_edge.i : role.i + 1]
            roles = role_phrases(role) or ([rw] if (rw := role_word(role)) else [])
            person.describe(None, roles, org_names(span, self.ent_label))
            person.role_words |= words_of(" ".join(t.text for t in role.subtree if t.i < head.i))
        lefts = _adjacent(doc, pre_modifiers(doc, head, ent.start), ent.start)
        if lefts:
            roles = _pre_modifier_roles(lefts)
            orgs = _runs(
                [
                    t
                    for t in lefts
                    if t.text[:1].isupper()
                    and t.pos_ in ("PROPN", "NOUN")
                    and role_word(t) is None
                    and word_key(t.text) not in TITLE_QUALIFIERS  # "Prime Minister Ana Vell"
                    and (self.ent_label[t.i] == "ORG" or role_word(doc[t.i + 1]) is not None)
                ]
            )
            if roles or orgs:
                person.describe(None, roles, orgs)
            person.role_words |= words_of(" ".join(t.text for t in lefts))

    def _places_of(self, role: Token) -> list[str]:
        """``the mayor of Velmora``, ``the governor of Indiana``: the place a role is held
        in is where the person belongs, as an organisation is."""
        places = []
        for prep in role.children:
            if prep.dep_ != "prep" or prep.lower_ != "of":
                continue
            for obj in prep.children:
                n = self.ent_of_token[obj.i] if obj.dep_ == "pobj" else -1
                if n >= 0 and self.ents[n].label_ in PLACE_LABELS:
                    places.append(self.ents[n].text)
        return places

    def _describe_organisation(self, org: Person, ent: DocSpan) -> None:
        """``the union, United Mine Workers``: the noun that names what the organisation is."""
        head = ent.root
        nouns = []
        if head.dep_ == "appos" and head.head.pos_ == "NOUN":
            nouns.append(head.head)
        nouns += [c for c in head.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
        for noun in nouns:
            org.role_heads.add(role_head(noun.lemma_))
        # "the commission": the Velmora Harbour Commission (the name's head word)
        org.role_heads.add(role_head(word_key(head.text)))
        org.role_heads.update(organisation_types(ent.text))

    def _count_pronoun_votes(self) -> None:
        """``Ana Ruiz ... her plan``: a he/she in a sentence that names one person only."""
        named: dict[int, set[int]] = defaultdict(set)
        first_at: dict[int, int] = {}
        for m in self.mentions:
            named[m.sentence].add(id(m.person))
            first_at.setdefault(m.sentence, m.token)
        by_id = {id(m.person): m.person for m in self.mentions}
        for i, sex in self.pronouns:
            sentence = self.sentence_of_token[i]
            people = named.get(sentence)
            if people and len(people) == 1 and first_at[sentence] < i:
                by_id[next(iter(people))].sex_votes[sex] += 1

    # -- questions --------------------------------------------------------------------------

    def entity_at(self, token: Token) -> DocSpan | None:
        n = self.ent_of_token[token.i]
        return self.ents[n] if n >= 0 else None

    def person_of_entity(self, ent: DocSpan) -> Person | None:
        n = self.ent_of_token[ent.start]
        return self.person_of_ent.get(n)

    def mentions_before(self, at: int, min_paragraph: int, limit: int) -> list[Mention]:
        """People named before offset ``at``, latest first, back to ``min_paragraph``."""
        return _walk_back(self.mentions, self.mention_offsets, at, min_paragraph, limit)

    def orgs_before(self, at: int, min_paragraph: int, limit: int) -> list[Mention]:
        return _walk_back(self.org_mentions, self.org_offsets, at, min_paragraph, limit)


def _pre_modifier_roles(lefts: list[Token]) -> list[str]:
    """``Vice President``, ``Norland analyst``: the roles written before a name; a
    qualifying word joins the title it qualifies (``Attorney General`` is one role, not an
    attorney and an attorney general)."""
    roles: list[str] = []
    role_at: dict[int, int] = {}  # token position in lefts -> its role's index in roles
    for k, t in enumerate(lefts):
        role = role_word(t)
        if role is None:
            continue
        if k > 0 and word_key(lefts[k - 1].text) in TITLE_QUALIFIERS:
            role = f"{word_key(lefts[k - 1].text)} {role}"
            if role_at.get(k - 1) == len(roles) - 1:
                roles.pop()  # the qualifier was read as a role of its own
        role_at[k] = len(roles)
        roles.append(role)
    return roles


def title_role(honorific: str) -> str | None:
    """``sen`` → senator; ``vice pres`` → vice president."""
    *lead, last = honorific.split()
    role = TITLE_ROLES.get(last)
    return " ".join([*lead, role]) if role else None


def _walk_back(
    mentions: list[Mention], offsets: list[int], at: int, min_paragraph: int, limit: int
) -> list[Mention]:
    found = []
    k = bisect_left(offsets, at) - 1
    while k >= 0 and len(found) < limit and mentions[k].paragraph >= min_paragraph:
        found.append(mentions[k])
        k -= 1
    return found


def _may_be_misspelt(word: str, surname: str) -> bool:
    """Whether ``word`` may be a slip for ``surname`` rather than another name: a slip
    keeps the first letter (``Wines`` for ``Wimes``, not ``Perry`` for ``Kerry``) and is
    not the surname with a plural ending (``the Clintons``, ``Farmers say``)."""
    return word[:1] == surname[:1] and word != surname + "s" and word != surname + "es"


def one_edit_apart(a: str, b: str) -> bool:
    """Whether one letter inserted, dropped or changed turns ``a`` into ``b``."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1 :] == b[i + 1 :]
    return a[i:] == b[i + 1 :]


def _variants(word: str) -> list[str]:
    """The word and each form of it with one letter dropped."""
    return [word] + [word[:i] + word[i + 1 :] for i in range(len(word))]


def _opens_verbless_parse(ent: DocSpan) -> bool:
    """``Kessel sniffs at the notion``, with ``Kessel`` parsed as a compound of the root:
    a name opening its sentence and hanging from the root that way is the sentence's
    subject all the same."""
    root = ent.root
    if ent.start != ent.sent.start or root.dep_ != "compound":
        return False
    head = root.head
    return head.dep_ == "ROOT" and head.pos_ in ("NOUN", "VERB")


def _apposed_to(root: Token, depth: int) -> Token:
    """The noun phrase a name stands in apposition to, through nested or coordinated
    appositives (``His guest, the singer and campaigner Mira Solberg, was ...`` is the subject
    ``guest``, up to ``depth`` appositives up); the name itself when it is no appositive."""
    phrase = root
    for _ in range(depth):
        apposed = phrase.dep_ == "appos" or (phrase.dep_ == "conj" and phrase.head.dep_ == "appos")
        if not apposed or phrase.head.i == phrase.i:
            break
        phrase = phrase.head
    return phrase


def _has_role_appositive(root: Token) -> bool:
    """``Maria, a 34-year-old nurse``: a name given a common-noun role in apposition."""
    return any(c.dep_ == "appos" and c.pos_ == "NOUN" for c in root.children)


def introduced_on_its_own(root: Token) -> bool:
    """``Maria, a nurse``, ``Jonas, who chairs the caucus,``: a name given a role or a
    relative clause of its own."""
    return _has_role_appositive(root) or any(c.dep_ == "relcl" for c in root.children)


def _stranded_before_verb(root: Token) -> Token | None:
    """``..., Halvorsen and Castell call them "stray boats"``, parsed with the names hanging from
    the clause before: the sentence's verb right after the names, with no subject of its
    own, is theirs."""
    last = max([root.i, *(c.i for c in root.conjuncts)])
    doc = root.doc
    if last + 1 >= len(doc) or root.dep_ in ("nsubj", "nsubjpass"):
        return None
    verb = doc[last + 1]
    if verb.pos_ != "VERB" or verb.dep_ != "ROOT":
        return None
    if any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in verb.children):
        return None
    return verb


def _relative_subject(root: Token) -> bool:
    """``with Ana Ruiz, who has called for a recount, leading the protest``: a name whose own
    relative clause opens with ``who`` is the subject of that clause. Not a name coordinated
    with another (``rivals Ana Ruiz and Eli Kahn, who are ...``: the clause is about both), nor
    one whose ``who`` has no comma or dash before it (``a director under Governor Eli Kahn who has
    known her for years``: a person's name takes no restrictive clause, so the clause belongs
    to the person the phrase describes; a group's may: ``Hispanics who saw it``)."""
    if root.dep_ == "conj" or any(c.dep_ == "conj" for c in root.children):
        return False
    return any(
        c.dep_ == "relcl"
        and any(
            g.dep_ == "nsubj"
            and g.lower_ == "who"
            and (root.ent_type_ not in NAME_LABELS or g.doc[g.i - 1].is_punct)
            for g in c.children
        )
        for c in root.children
    )


def _adjacent(doc: Doc, lefts: list[Token], start: int) -> list[Token]:
    """The pre-modifiers with no punctuation between them and the name (``Missing ferry
    captain - Tomas Brenner`` has none)."""
    stop = (
        max((i for i in range(lefts[0].i, start) if doc[i].is_punct), default=-1) if lefts else -1
    )
    return [t for t in lefts if t.i > stop]


def _runs(tokens: list[Token]) -> list[str]:
    """Adjacent tokens joined: ``U.S. Air Force`` is one organisation, not three."""
    runs: list[list[Token]] = []
    for t in tokens:
        if runs and runs[-1][-1].i == t.i - 1:
            runs[-1].append(t)
        else:
            runs.append([t])
    return [" ".join(t.text for t in run) for run in runs]
