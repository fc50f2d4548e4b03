"""Resolves speaker mentions to one record per person (or group) in the article.

``Umarov``, ``he`` and ``the analyst`` all become Temur Umarov when the article introduced
him first. The rules, in order, for each quote's speaker mention:

1. A mention holding a PERSON name joins the person with that name; a bare surname joins
   the earlier full name that ends with it (``Umarov`` → ``Temur Umarov``).
2. ``he``/``she``/``him``/``her`` (and relative ``who``) resolve to the most recent person
   who spoke, within a few paragraphs, else to the most recent person named before.
3. ``the analyst`` (a definite role noun) resolves to the person whose description holds
   that role; otherwise it is a speaker of its own.
4. Organisations (ORG) and groups (plural nouns: ``Analysts``, ``Belarusians who ...``)
   are speakers named by what the article calls them.

Descriptions come from appositives (``Temur Umarov, an analyst at the Carnegie Russia
Eurasia Center in Berlin``) and pre-modifiers (``Carnegie analyst Umarov``), anywhere in
the article: role nouns become ``roles``, ORG names become ``organizations``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token
from spacy.tokens import Span as DocSpan

from ..model import Quote, Speaker

PERSONAL_PRONOUNS = {"he", "she", "him", "her", "his"}
GROUP_PRONOUNS = {"they", "we", "them"}
HONORIFICS = {
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "prof",
    "sen",
    "rep",
    "gov",
    "gen",
    "col",
    "lt",
    "sgt",
    "president",
    "senator",
    "governor",
    "sir",
    "dame",
    "rev",
    "judge",
}
TITLES = HONORIFICS | {
    "minister",
    "secretary",
    "chairman",
    "chairwoman",
    "chair",
    "ceo",
    "mayor",
    "general",
    "chancellor",
    "speaker",
    "leader",
    "spokesman",
    "spokeswoman",
    "ambassador",
    "commissioner",
    "director",
    "representative",
    "congressman",
    "congresswoman",
    "attorney",
    "king",
    "queen",
    "prince",
    "pope",
    "premier",
    "vice",
}
"""Words before a name that say what a person is, not where they work."""
PRONOUN_WINDOW_PARAGRAPHS = 3
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")


@dataclass(slots=True)
class _Person:
    """What the article tells us of one speaker while we read it."""

    name: str
    kind: str
    first_seen: int
    aliases: list[str] = field(default_factory=list)
    description: str | None = None
    roles: list[str] = field(default_factory=list)
    organizations: list[str] = field(default_factory=list)
    speaker_id: str | None = None

    @property
    def surname(self) -> str:
        return _name_key(self.name).split()[-1] if self.name.split() else ""

    def add_alias(self, alias: str) -> None:
        alias = alias.strip()
        if alias and alias != self.name and alias not in self.aliases:
            self.aliases.append(alias)

    def describe(self, description: str | None, roles: list[str], orgs: list[str]) -> None:
        if description and not self.description:
            self.description = description
        for role in roles:
            if role not in self.roles:
                self.roles.append(role)
        for org in orgs:
            if not any(org in known or known in org for known in self.organizations):
                self.organizations.append(org)
            elif any(known in org and known != org for known in self.organizations):
                # keep the longest form of the same organisation
                self.organizations = [
                    org if known in org else known for known in self.organizations
                ]


def _name_key(name: str) -> str:
    words = [w.strip(".,").lower() for w in _POSSESSIVE.sub("", name).split()]
    while words and words[0] in HONORIFICS:
        words = words[1:]
    return " ".join(words)


def _clean_name(span: DocSpan) -> str:
    text = _POSSESSIVE.sub("", span.text.strip())
    words = text.split()
    while len(words) > 1 and words[0].strip(".").lower() in HONORIFICS:
        words = words[1:]
    return " ".join(words)


def _strip_det(text: str) -> str:
    words = text.split()
    if len(words) > 1 and words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    return " ".join(words)


def _org_names(ents: list[DocSpan]) -> list[str]:
    orgs = []
    for ent in ents:
        name = _POSSESSIVE.sub("", _strip_det(ent.text)).strip()
        if ent.label_ == "ORG" and any(c.isalpha() for c in name):
            orgs.append(name)
    return orgs


def _role_phrases(head: Token) -> list[str]:
    """``a political observer and journalist`` → [political observer, journalist]."""
    roles = []
    for noun in [head, *[c for c in head.conjuncts if c.pos_ == "NOUN"]]:
        # a role is a singular common noun: not "events", "’s" or a capitalised name part
        if noun.pos_ != "NOUN" or noun.tag_ != "NN" or not noun.is_alpha:
            continue
        if noun.text[0].isupper() and noun.lower_ not in TITLES and noun.i != noun.sent.start:
            continue
        mods = [
            c
            for c in noun.lefts
            if c.dep_ in ("amod", "compound")
            and c.pos_ != "PROPN"
            and c.ent_type_ == ""
            and c.is_alpha
        ]
        words = [m.text.lower() for m in mods if m.i >= noun.left_edge.i] + [noun.text.lower()]
        roles.append(" ".join(words))
    return roles


class _Cast:
    """Everyone the article names, and the speakers found so far."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.people: list[_Person] = []
        self.by_key: dict[str, _Person] = {}
        self.paragraph_starts = [0] + [m.end() for m in re.finditer(r"\n", doc.text)]
        self.mentions: list[tuple[int, _Person]] = []  # (char offset, person) of PERSON ents
        self.subjects: list[tuple[int, _Person]] = []  # the same, where the name is a subject
        # ``span.ents`` rebuilds every entity of the document on each call, quadratic over
        # an article's quotes; ents_in() finds a span's entities by binary search instead.
        self.ents = list(doc.ents)
        self.ent_starts = [ent.start for ent in self.ents]
        for ent in self.ents:
            if ent.label_ != "PERSON":
                continue
            person = self.person_for_name(_clean_name(ent), ent.start_char)
            if person is not None:
                self.mentions.append((ent.start_char, person))
                if ent.root.dep_ in ("nsubj", "nsubjpass"):
                    self.subjects.append((ent.start_char, person))
                self._describe_from_context(person, ent)

    def ents_in(self, span: DocSpan) -> list[DocSpan]:
        """The entities inside ``span``, as ``span.ents`` gives them."""
        found = []
        for n in range(bisect_left(self.ent_starts, span.start), len(self.ents)):
            if self.ents[n].end > span.end:
                break
            found.append(self.ents[n])
        return found

    def person_for_name(self, name: str, at: int, kind: str = "person") -> _Person | None:
        if kind == "person" and name.isupper() and len(name) > 3:
            name = name.title()  # transcripts shout names: "WALLACE:" is Wallace
        key = _name_key(name)
        if not key:
            return None
        if key in self.by_key:
            return self.by_key[key]
        words = key.split()
        # A bare surname joins the full name that ends with it; a full name absorbs an
        # earlier bare surname.
        candidates = [p for p in self.people if p.kind == kind and p.surname == words[-1]]
        if len(words) == 1 and len(candidates) >= 1:
            best = max(candidates, key=lambda p: len(p.name.split()))
            self.by_key[key] = best
            best.add_alias(name)
            return best
        if len(words) > 1:
            for p in candidates:
                if len(p.name.split()) == 1:
                    p.add_alias(p.name)
                    p.name = name
                    self.by_key[key] = p
                    return p
        person = _Person(name=name, kind=kind, first_seen=at)
        self.people.append(person)
        self.by_key[key] = person
        return person

    def _describe_from_context(self, person: _Person, ent: DocSpan) -> None:
        head = ent.root
        # Appositive: "Temur Umarov, an analyst at the Carnegie ... Center in Berlin"
        for child in head.children:
            if child.dep_ == "appos" and child.i > head.i:
                tokens = list(child.subtree)
                span = self.doc[tokens[0].i : tokens[-1].i + 1]
                text = span.text.strip(" ,")
                if 1 <= len(span) <= 25 and '"' not in text and "“" not in text:
                    person.describe(text, _role_phrases(child), _org_names(self.ents_in(span)))
        # Pre-modifiers: "Carnegie analyst Umarov", "Russian President Vladimir Putin"
        lefts = [
            t
            for t in self.doc[head.left_edge.i : ent.start]
            if t.dep_ in ("compound", "amod", "nmod") and not t.is_punct
        ]
        if lefts:
            roles = [r for r in map(_role_word, lefts) if r]
            # "Carnegie analyst Umarov": a proper noun before a role word is where they work
            orgs = [
                t.text
                for t in lefts
                if t.text[:1].isupper()
                and t.pos_ in ("PROPN", "NOUN")
                and t.lower_.rstrip(".") not in TITLES
                and (t.ent_type_ == "ORG" or _role_word(self.doc[t.i + 1]) is not None)
            ]
            if roles or orgs:
                person.describe(None, roles, orgs)
        person.add_alias(_clean_name(ent))

    def by_role(self, role: str, before: int) -> _Person | None:
        for person in sorted(self.people, key=lambda p: -p.first_seen):
            if person.first_seen < before and any(role in r.split() for r in person.roles):
                return person
        return None

    def last_named_before(self, at: int) -> _Person | None:
        best = None
        for offset, person in self.mentions:
            if offset >= at:
                break
            if person.kind == "person":
                best = person
        return best

    def paragraph_of(self, char: int) -> int:
        from bisect import bisect_right

        return bisect_right(self.paragraph_starts, char) - 1


def _mention_span(doc: Doc, quote: Quote) -> DocSpan | None:
    if quote.speaker is None:
        return None
    return doc.char_span(quote.speaker.start, quote.speaker.end, alignment_mode="expand")


def resolve_speakers(doc: Doc, quotes: list[Quote]) -> list[Speaker]:
    """Give each quote a ``speaker_id`` and ``speaker_name``; return the article's speakers."""
    cast = _Cast(doc)
    speakers: list[_Person] = []
    last_speaker: tuple[int, _Person] | None = None  # (char offset, person)

    for quote in quotes:
        mention = _mention_span(doc, quote)
        if mention is None or not len(mention):
            continue
        person = _resolve(cast, mention, quote, last_speaker)
        if person is None:
            quote.speaker_name = mention.text
            continue
        if person.speaker_id is None:
            speakers.append(person)
            person.speaker_id = f"s{len(speakers)}"
        quote.speaker_id = person.speaker_id
        quote.speaker_name = person.name
        if person.kind == "person":
            last_speaker = (quote.start, person)

    return [
        Speaker(
            id=p.speaker_id or "",
            name=p.name,
            kind=p.kind,
            aliases=list(p.aliases),
            description=p.description,
            roles=list(p.roles),
            organizations=list(p.organizations),
        )
        for p in speakers
    ]


def _resolve(
    cast: _Cast, mention: DocSpan, quote: Quote, last_speaker: tuple[int, _Person] | None
) -> _Person | None:
    root = mention.root
    lower = root.lower_
    at = mention.start_char
    # 1. a PERSON name inside the mention, before any appositive comma
    for ent in cast.ents_in(mention):
        if ent.label_ == "PERSON" and ent.start <= root.i < ent.end:
            person = cast.person_for_name(_clean_name(ent), ent.start_char)
            if person is not None:
                person.add_alias(_clean_name(ent))
                cast._describe_from_context(person, ent)
            return person
    # 2. pronouns
    if lower in PERSONAL_PRONOUNS and root.pos_ == "PRON":
        # The most recent person who spoke or was the subject of a sentence, nearby.
        paragraph = cast.paragraph_of(at)
        candidates = [
            (offset, person)
            for offset, person in cast.subjects
            if offset < at
            and paragraph - cast.paragraph_of(offset) <= 1
            and person.kind == "person"
        ]
        if last_speaker and paragraph - cast.paragraph_of(last_speaker[0]) <= (
            PRONOUN_WINDOW_PARAGRAPHS
        ):
            candidates.append(last_speaker)
        if candidates:
            return max(candidates, key=lambda c: c[0])[1]
        return cast.last_named_before(at)
    if lower in ("i", "you", "it", "this", "that", "one", "which", "who") and root.pos_ == "PRON":
        return None
    # proper nouns the NER missed: treat a capitalised PROPN head as a name
    if root.pos_ == "PROPN" and root.ent_type_ not in ("ORG", "GPE", "NORP"):
        names = [t for t in mention if t.pos_ == "PROPN" and t.i <= root.i and t.i >= root.i - 3]
        name = " ".join(t.text for t in names) or root.text
        person = cast.person_for_name(_POSSESSIVE.sub("", name), at)
        if person is not None:
            _describe_mention(person, mention, root)
        return person
    # 3. organisations; a one-word "organisation" that is a known surname, or that an
    # appositive calls an analyst or a spokesman, is a person the tagger got wrong.
    for ent in cast.ents_in(mention):
        if ent.label_ in ("ORG", "GPE") and root.i in range(ent.start, ent.end):
            if len(ent) == 1 and (_known_surname(cast, ent.text) or _has_person_appos(root)):
                person = cast.person_for_name(ent.text, at)
                if person is not None:
                    cast._describe_from_context(person, ent)
                return person
            return cast.person_for_name(_strip_det(ent.text), at, kind="organization")
        if ent.label_ == "NORP" and root.i in range(ent.start, ent.end):
            return cast.person_for_name(mention.text, at, kind="group")
    # 4. "The harbour master, Ilse Varga,": a role whose appositive names the person
    if root.pos_ == "NOUN":
        for ent in cast.ents_in(mention):
            if ent.label_ == "PERSON" and ent.root.dep_ == "appos" and ent.root.head.i == root.i:
                person = cast.person_for_name(_clean_name(ent), ent.start_char)
                if person is not None:
                    person.describe(None, _role_phrases(root), [])
                    person.add_alias(_clean_name(ent))
                return person
    # 5. "the analyst": a role noun introduced earlier
    if root.pos_ == "NOUN" and root.tag_ in ("NN",):
        det = [t for t in root.lefts if t.dep_ == "det"]
        if det and det[0].lower_ in ("the", "this", "that"):
            found = cast.by_role(root.lower_, at)
            if found is not None:
                found.add_alias(mention.text)
                return found
    if lower in GROUP_PRONOUNS:
        return None  # "they" names no one on its own; never a speaker record
    kind = "group" if root.tag_ in ("NNS", "NNPS") else "unknown"
    if kind == "unknown":
        # "the German automaker, which has focused on ..." is "German automaker"
        head_end = next(
            (
                t.i
                for t in mention
                if t.i > root.i and (t.is_punct or t.dep_ in ("relcl", "appos", "prep", "acl"))
            ),
            mention.end,
        )
        name = _strip_det(mention.doc[mention.start : head_end].text)
    else:
        name = mention.text
    return cast.person_for_name(name, at, kind=kind)


_TITLE_WORDS = {
    "sen": "senator",
    "gov": "governor",
    "rep": "representative",
    "gen": "general",
    "pres": "president",
    "prof": "professor",
    "lt": "lieutenant",
    "col": "colonel",
    "sgt": "sergeant",
    "amb": "ambassador",
    "dr": "doctor",
}
_NOT_ROLES = {"mr", "mrs", "ms", "miss", "mx", "sir", "dame", "madam"}


def _role_word(token: Token) -> str | None:
    """A word before a name that says what the person is (``analyst``, ``Sen.``), if it is one.

    Singular common nouns and known titles count; honorifics, plurals and punctuation don't.
    """
    word = token.text.lower().rstrip(".")
    if not word.isalpha() or word in _NOT_ROLES:
        return None
    if word in _TITLE_WORDS:
        return _TITLE_WORDS[word]
    if word in TITLES:
        return word
    if token.pos_ == "NOUN" and token.tag_ == "NN" and token.text[0].islower():
        return word
    return None


def _known_surname(cast: _Cast, word: str) -> bool:
    key = _name_key(word)
    return any(p.kind == "person" and p.surname == key for p in cast.people)


def _has_person_appos(root: Token) -> bool:
    """``Umarov, a Carnegie analyst``: an appositive headed by a common noun."""
    return any(c.dep_ == "appos" and c.pos_ == "NOUN" and c.tag_ == "NN" for c in root.children)


def _describe_mention(person: _Person, mention: DocSpan, root: Token) -> None:
    roles = [r for t in root.lefts if t.dep_ in ("compound", "amod") and (r := _role_word(t))]
    if roles:
        person.describe(None, roles, [])
