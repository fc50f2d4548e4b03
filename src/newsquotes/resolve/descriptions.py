"""What the article calls a person (roles), and which person a description such as
``the GOP nominee`` or ``the Vermont senator`` points to.

Roles come from appositives (``Temur Umarov, an analyst at the Carnegie ... Center``),
pre-modifiers (``Republican presidential nominee Donald Trump``) and titles (``Sen.``).
:class:`Describer` resolves a definite description, step by step, to the one person (or
organisation) that fits: the one introduced with its head noun (or a synonym) whose role
words hold its modifiers; the passage's one subject, for the roles news stories call their
subject by; the one member of the party it names; the one introduced with the role just
after it; for a headline's bare role, the one the article introduces with it. With two or
more candidates left at a step it resolves to no one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token
from spacy.tokens import Span as DocSpan

from .gender import PRONOUN_SEX, ROLE_SEX
from .names import POSSESSIVE, TITLE_ROLES, name_key, surname_key, word_key

if TYPE_CHECKING:
    from ..quotes.context import ArticleView
    from .cast import Cast, Person

ROLE_TITLES = frozenset(
    {
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
        "president",
        "senator",
        "governor",
        "judge",
        "nominee",
        "candidate",
        "justice",
        "chief",
        "sheriff",
        "treasurer",
        "superintendent",
        "editor",
        "adviser",
        "advisor",
        "strategist",
    }
)
"""Capitalised words before a name that say what a person is, not where they work."""
HEAD_SYNONYMS = {
    "candidate": "nominee",
    "standard-bearer": "nominee",
    "congressman": "representative",
    "congresswoman": "representative",
    "lawmaker": "representative",
    "billionaire": "businessman",
    "mogul": "businessman",
    "tycoon": "businessman",
    "developer": "businessman",
    "attorney": "lawyer",
    "chairwoman": "chairman",
    "chair": "chairman",
    "spokeswoman": "spokesman",
    "spokesperson": "spokesman",
    "justice": "judge",
    "advertisement": "ad",
    "spot": "ad",
    "clip": "ad",
    "piece": "article",
    "story": "article",
    "feature": "article",
    "study": "report",
    "survey": "report",
    "advisor": "adviser",
    "video": "ad",
    "memoir": "book",
}
"""Head nouns that name the same role (``the GOP candidate`` is the nominee)."""
DOCUMENT_NOUNS = frozenset(
    {
        "report",
        "analysis",
        "study",
        "survey",
        "poll",
        "memo",
        "letter",
        "statement",
        "ad",
        "advertisement",
        "article",
        "editorial",
        "column",
        "book",
        "memoir",
        "complaint",
        "lawsuit",
        "suit",
        "filing",
        "ruling",
        "speech",
        "tweet",
        "post",
        "missive",
        "plan",
        "proposal",
        "review",
        "release",
        "video",
        "website",
        "data",
        "account",
        "submission",
        "response",
        "answer",
        "remarks",
        "comments",
        "testimony",
        "argument",
        "message",
        "reply",
        "feature",
        "piece",
        "story",
        "spot",
        "clip",
        "transcript",
        "research",
    }
)
"""Things that speak for their author (``an analysis by X``, ``the IMF report``)."""
PUBLISHING_VERBS = frozenset(
    {"release", "publish", "run", "issue", "air", "produce", "write", "launch", "post", "file"}
)
"""``X released a report``: X is the report's author."""
WORD_SYNONYMS = {"gop": "republican", "democrat": "democratic", "dem": "democratic"}
DEFINITE = frozenset({"the", "this", "that"})
DESCRIPTION_SKIP_WORDS = frozenset({"the", "this", "that", "a", "an", "of", "and", "'s", "’s"})
ORGANISATION_NOUNS = frozenset(
    {
        "campaign",
        "newspaper",
        "paper",
        "network",
        "channel",
        "bank",
        "union",
        "agency",
        "company",
        "firm",
        "organization",
        "organisation",
        "committee",
        "department",
        "court",
        "website",
        "site",
        "outlet",
        "station",
        "magazine",
        "daily",
        "publication",
        "broadcaster",
        "ministry",
        "party",
        "group",
        "institute",
        "foundation",
        "university",
        "council",
        "board",
        "commission",
        "administration",
        "bureau",
        "office",
        "tribunal",
        "state",
        "city",
        "government",
    }
)
"""Nouns that describe an organisation (``the newspaper``, ``the union``)."""
ORGANISATION_TYPES = {
    "newspaper": ("times", "post", "journal", "tribune", "herald", "gazette", "globe", "chronicle"),
    "paper": ("times", "post", "journal", "tribune", "herald", "gazette", "globe", "chronicle"),
    "daily": ("times", "post", "journal", "tribune", "herald", "gazette", "globe", "chronicle"),
    "network": ("network", "television", "tv", "broadcasting"),
    "channel": ("news", "channel", "television", "tv"),
    "union": ("union", "workers", "teamsters", "federation", "association", "brotherhood"),
    "agency": (
        "agency",
        "office",
        "bureau",
        "administration",
        "service",
        "investigations",
        "department",
    ),
    "bank": ("bank", "bancorp"),
    "university": ("university", "college"),
    "court": ("court",),
    "committee": ("committee",),
    "party": ("party", "gop"),
    "campaign": ("campaign",),
}
"""Organisation nouns and the words of the names that can be one (``the union``: the
Association of Flight Attendants)."""
_TYPE_OF_NAME_WORD = {
    word: [noun for noun, words in ORGANISATION_TYPES.items() if word in words]
    for words in ORGANISATION_TYPES.values()
    for word in words
}


def organisation_types(name: str) -> list[str]:
    """The organisation nouns a name can be called by (``Wells Fargo Bank`` → bank)."""
    return [noun for w in _WORD.findall(name) for noun in _TYPE_OF_NAME_WORD.get(w.lower(), ())]


_WORD = re.compile(r"[A-Za-z][\w-]*")


PARTY_LETTERS = {"d": "democratic", "r": "republican", "i": "independent"}
STATE_ABBREVIATIONS = {
    "ala": "alabama",
    "ariz": "arizona",
    "ark": "arkansas",
    "calif": "california",
    "colo": "colorado",
    "conn": "connecticut",
    "fla": "florida",
    "ga": "georgia",
    "ill": "illinois",
    "ind": "indiana",
    "kan": "kansas",
    "ky": "kentucky",
    "la": "louisiana",
    "md": "maryland",
    "mass": "massachusetts",
    "mich": "michigan",
    "minn": "minnesota",
    "miss": "mississippi",
    "mo": "missouri",
    "mont": "montana",
    "neb": "nebraska",
    "nev": "nevada",
    "n.h": "new hampshire",
    "n.j": "new jersey",
    "n.m": "new mexico",
    "n.y": "new york",
    "n.c": "north carolina",
    "n.d": "north dakota",
    "okla": "oklahoma",
    "ore": "oregon",
    "pa": "pennsylvania",
    "r.i": "rhode island",
    "s.c": "south carolina",
    "s.d": "south dakota",
    "tenn": "tennessee",
    "tex": "texas",
    "vt": "vermont",
    "va": "virginia",
    "wash": "washington",
    "w.va": "west virginia",
    "wis": "wisconsin",
    "wyo": "wyoming",
}
"""The AP abbreviations of US states, as in a lawmaker's ``(D-Calif.)``."""
_PARTY_STATE = re.compile(r"^\s*[(,]\s*([DRI])-([A-Z][A-Za-z.]*(?: ?[A-Z][A-Za-z.]*)?)\s*[),]")


def party_and_state(text_after: str) -> set[str]:
    """``(D-Calif.)`` or ``, R-S.C.,`` right after a name → {democratic, california}."""
    match = _PARTY_STATE.match(text_after)
    if match is None:
        return set()
    words = {PARTY_LETTERS[match.group(1).lower()]}
    state = match.group(2).lower().rstrip(".").replace(" ", "")
    full = STATE_ABBREVIATIONS.get(state, state if len(state) > 2 else "")
    return words | set(full.split())


def normal_word(word: str) -> str:
    word = word_key(word)
    return WORD_SYNONYMS.get(word, word)


def role_head(word: str) -> str:
    word = word.lower()
    return HEAD_SYNONYMS.get(word, word)


def words_of(text: str) -> set[str]:
    return {normal_word(w) for w in _WORD.findall(text)} - DESCRIPTION_SKIP_WORDS


def role_phrases(head: Token) -> list[str]:
    """``a political observer and journalist`` → [political observer, journalist]."""
    roles = []
    for noun in [head, *[c for c in head.conjuncts if c.pos_ == "NOUN"]]:
        # a role is a singular common noun: not "events", "’s" or a capitalised name part
        if noun.pos_ != "NOUN" or noun.tag_ != "NN" or not noun.is_alpha:
            continue
        if noun.text[0].isupper() and noun.lower_ not in ROLE_TITLES and noun.i != noun.sent.start:
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


def role_word(token: Token) -> str | None:
    """A word before a name that says what the person is (``analyst``, ``Sen.``), if it is one."""
    word = token.text.lower().rstrip(".")
    if not word.isalpha() or word in ("mr", "mrs", "ms", "miss", "mx", "sir", "dame", "madam"):
        return None
    if word in TITLE_ROLES:
        return TITLE_ROLES[word]
    if word in ROLE_TITLES:
        return word
    if token.pos_ == "NOUN" and token.tag_ == "NN" and token.text[0].islower():
        return word
    return None


def org_names(span: DocSpan, ent_label: list[str]) -> list[str]:
    """ORG names inside ``span`` (``ent_label`` holds each token's entity label)."""
    orgs = []
    current: list[Token] = []
    for t in span:
        if ent_label[t.i] == "ORG" and (t.ent_iob_ == "I" and current or t.ent_iob_ == "B"):
            if t.ent_iob_ == "B" and current:
                orgs.append(current)
                current = []
            current.append(t)
        elif current:
            orgs.append(current)
            current = []
    if current:
        orgs.append(current)
    names = []
    for tokens in orgs:
        text = span.doc[tokens[0].i : tokens[-1].i + 1].text
        words = text.split()
        if len(words) > 1 and words[0].lower() in ("the", "a", "an"):
            words = words[1:]
        name = POSSESSIVE.sub("", " ".join(words)).strip()
        if any(c.isalpha() for c in name):
            names.append(name)
    return names


def pre_modifiers(doc: Doc, head: Token, start: int) -> list[Token]:
    """``Carnegie analyst`` in ``Carnegie analyst Umarov``: the words before a name in its NP."""
    return [
        t
        for t in doc[head.left_edge.i : start]
        if t.dep_ in ("compound", "amod", "nmod") and not t.is_punct
    ]


def description_words(mention: DocSpan, root: Token) -> tuple[str, set[str]]:
    """The head role of a description and its other words (``the Vermont senator``)."""
    words = {normal_word(t.text) for t in mention if t.i != root.i and t.is_alpha}
    return role_head(root.lemma_ if root.tag_ == "NNS" else root.text), words - (
        DESCRIPTION_SKIP_WORDS
    )


def is_definite(root: Token) -> bool:
    """``the senator``, ``Connecticut's tax commissioner``: a description of someone known."""
    for child in root.lefts:
        if child.dep_ == "det" and child.lower_ in DEFINITE:
            return True
        if child.dep_ == "poss" and child.pos_ == "PROPN":
            return True
    return False


def has_person_appositive(root: Token) -> bool:
    """``Umarov, a Carnegie analyst``: an appositive headed by a singular common noun (a
    role), so a one-word "organisation" before it is a person the tagger got wrong."""
    return any(c.dep_ == "appos" and c.pos_ == "NOUN" and c.tag_ == "NN" for c in root.children)


AUTHOR_PREPOSITIONS = frozenset({"by", "from"})
"""``a report by X``, ``an ad from X``: the object is the document's author."""


def documents_of(name_root: Token) -> list[str]:
    """What a name is the author of, by the phrase around it: ``X's report``, ``a Reuters
    survey``, ``a report by X``, ``X released an ad`` → [report] / [ad]."""
    head = name_root.head
    found = []
    if name_root.dep_ in ("poss", "compound") and head.lemma_.lower() in DOCUMENT_NOUNS:
        found.append(head)  # "X's report", "a Bloomberg poll"
    if name_root.dep_ == "poss" and head.dep_ == "pobj":
        # "an ad from Donald Trump's campaign": the owner of the author is the author
        name_root, head = head, head.head
    if name_root.dep_ == "pobj" and head.lower_ in AUTHOR_PREPOSITIONS:
        # "a report by X"; "a report released by X"; "a new ad from X"
        owner = head.head.head if head.dep_ == "agent" and head.head.dep_ == "acl" else head.head
        if owner.lemma_.lower() in DOCUMENT_NOUNS:
            found.append(owner)
    if name_root.dep_ == "nsubj" and head.lemma_ in PUBLISHING_VERBS:
        found += [
            c for c in head.children if c.dep_ == "dobj" and c.lemma_.lower() in DOCUMENT_NOUNS
        ]
    return [role_head(t.lemma_.lower()) for t in found]


def is_role_word(word: str) -> bool:
    """``Senator``, ``General``, ``Lawmaker`` capitalised in a headline: a role, not a name."""
    word = word.lower().rstrip(".")
    return (
        word in ROLE_TITLES
        or word in TITLE_ROLES
        or word in HEAD_SYNONYMS
        or word
        in (
            "doctor",
            "general",
            "official",
            "officer",
        )
    )


PARTY_MEMBERS = {"republican": "republican", "democrat": "democratic", "libertarian": "libertarian"}
"""``the Republican``: one member of a party, described by it (the party's role word)."""
PARTY_WORDS = frozenset({*PARTY_MEMBERS.values(), "independent"})
PARTY_HEAD = "*party"
"""The head of a party member's description (``the Republican``, ``the Wisconsin
Republican``)."""
STATE_PREFIXES = frozenset({"new", "north", "south", "west"})
"""First words of two-word states (``New York``): a state word only beside one."""
STATE_WORDS = (
    frozenset(
        word
        for state in [*STATE_ABBREVIATIONS.values(), "alaska", "hawaii", "idaho", "iowa"]
        for word in state.split()
    )
    - STATE_PREFIXES
)
"""Words of US states that place a person (``the Vermont senator``, ``(D-Calif.)``)."""
STAND_IN_ROLES = frozenset(
    {
        "nominee",
        "candidate",
        "senator",
        "governor",
        "president",
        "secretary",
        "representative",
        "congressman",
        "congresswoman",
        "lawmaker",
        "businessman",
        "businesswoman",
        "billionaire",
        "mogul",
        "tycoon",
        "developer",
        "mayor",
        "minister",
        "premier",
        "chancellor",
        "leader",
        "politician",
        "chairman",
        "chairwoman",
        "ambassador",
        PARTY_HEAD,
    }
)
"""Roles a news article calls its subject by instead of the name (``Donald Trump says ...
The Republican nominee noted``), and party members. Roles that are usually someone else's
(spokesman, adviser, lawyer) are not among them."""
STAND_IN_NOUNS = ORGANISATION_NOUNS - {
    "state",
    "city",
    "government",
    "group",
    "party",
    "office",
    "campaign",
}
"""Organisation nouns that stand for an organisation the passage names (``the bank``)."""
TITLE_HEADS = frozenset(role_head(r) for r in ROLE_TITLES | set(TITLE_ROLES.values())) - {
    "nominee",
    "leader",
}
"""Role heads that are a position held: someone known as one is no other position's holder
by recency alone (a governor is not ``the senator``)."""
LOOKAHEAD_HEADS = STAND_IN_ROLES | TITLE_HEADS | ORGANISATION_NOUNS
"""Roles whose holder a description may name just before the article introduces them
(positions and organisations, not ``the time frame``)."""


@dataclass(frozen=True, slots=True)
class DescriptionSettings:
    """Windows of description resolution (from ``ResolutionSettings``)."""

    window_sentences: int = 2
    """How many sentences back a description looks for the one person or organisation the
    passage is about."""
    lookahead_paragraphs: int = 1
    """How many paragraphs after a description its role holder may be introduced."""
    limit: int = 30
    """Most names looked at for one description (keeps resolution linear)."""


CORE_STOPS = frozenset({"relcl", "appos", "acl"})
"""Dependents of a noun phrase's head that end its core."""
DESCRIPTION_STOPS = CORE_STOPS | {"cc"}
"""A description's core also ends at a coordination: ``the nominee`` in ``the nominee and
his aides`` (an unnamed group keeps all of ``regulators and advisers``)."""


def core_phrase(mention: DocSpan, root: Token, stop: frozenset[str] = CORE_STOPS) -> DocSpan:
    """The noun phrase up to its head's first clause or appositive (``stop``): ``the German
    automaker`` in ``the German automaker, which has focused on ...``."""
    end = mention.end
    for t in mention:
        if t.i > root.i and (t.is_punct or t.dep_ in stop):
            end = t.i
            break
    return mention.doc[mention.start : max(end, root.i + 1)]


def party_member(root: Token) -> str | None:
    """``The Republican``, ``the Democrat``: the party of one member described by it."""
    if root.tag_ in ("NNS", "NNPS") or root.text.endswith("s"):
        return None
    party = PARTY_MEMBERS.get(root.lower_)
    return party if party is not None and is_definite(root) else None


@dataclass(frozen=True, slots=True)
class Description:
    """What a definite description says of its referent: its role head, other words, the
    proper words among them (which must fit), and the sex its role says."""

    head: str
    words: frozenset[str]
    proper: frozenset[str]
    sex: str | None
    owned: bool = False
    """``Mr. Clarke's new company``: said of someone's, so only a role can resolve it."""
    bare: bool = False
    """``Judge rejects ...``: a role with no determiner, as headlines write it."""

    @property
    def kinds(self) -> tuple[str, ...]:
        if self.head in DOCUMENT_NOUNS:  # "the report": whoever was said to publish one
            return ("person", "organization")
        return ("organization",) if self.head in ORGANISATION_NOUNS else ("person",)


def is_headline_role(root: Token) -> bool:
    """``Judge rejects request``, ``Senator from Texas says``: a capitalised singular role
    with no determiner as a subject, as headlines write one (body text never does)."""
    return (
        root.tag_ in ("NN", "NNP")
        and root.text[:1].isupper()
        and root.dep_ in ("nsubj", "nsubjpass")
        and is_role_word(root.text)
        and not any(c.dep_ in ("det", "poss", "nummod") for c in root.children)
    )


def read_description(mention: DocSpan, root: Token) -> Description | None:
    """The description ``mention`` (headed by ``root``) makes, if it is a definite one."""
    core = core_phrase(mention, root, DESCRIPTION_STOPS)
    party = party_member(root)
    if party is not None:  # "the Republican": a person whose role words hold the party
        words = {normal_word(t.text) for t in core if t.i != root.i and t.is_alpha}
        words = (words - DESCRIPTION_SKIP_WORDS) | {party}
        return Description(PARTY_HEAD, frozenset(words), frozenset(words), None)
    if is_headline_role(root):  # "Judge rejects ...": all capitals, nothing proper by them
        head, words = description_words(core, root)
        return Description(
            head, frozenset(words), frozenset(), ROLE_SEX.get(root.lower_), bare=True
        )
    if root.pos_ != "NOUN" or root.tag_ != "NN" or not is_definite(root):
        return None
    head, words = description_words(core, root)
    # "the Vermont senator", "the GOP nominee": a proper modifier must fit
    proper = {
        normal_word(t.text)
        for t in core
        if t.i != root.i
        and t.pos_ in ("PROPN", "ADJ")
        and t.text[:1].isupper()
        and t.i != core.start
    } | {normal_word(t.text) for t in core if t.i != root.i and t.pos_ == "PROPN"}
    owned = any(c.dep_ == "poss" for c in root.children)
    return Description(head, frozenset(words), frozenset(proper), _sex_of(mention, root), owned)


def _sex_of(mention: DocSpan, root: Token) -> str | None:
    """The sex a description's role says (``the congresswoman``), or a his/her after its
    head in the same phrase (``the candidate and her staff``)."""
    sex = ROLE_SEX.get(root.lower_)
    if sex is None:
        owners = {
            PRONOUN_SEX[t.lower_]
            for t in mention
            if t.i > root.i and t.dep_ == "poss" and t.lower_ in PRONOUN_SEX
        }
        sex = next(iter(owners)) if len(owners) == 1 else None
    return sex


class Describer:
    """Which person or organisation a definite description stands for, in one article.

    1. **Role**: the one introduced before it with that role (or a synonym) whose role words
       hold the description's modifiers.
    2. **Passage**: for a role a news article calls its subject by (:data:`STAND_IN_ROLES`)
       that nobody here fits, the one person who is the subject of a main clause in the last
       ``window_sentences`` sentences and agrees with it (sex, party, state; no other
       position held); for an organisation noun (``the bank``), the one organisation named
       there of that type, else of no other type.
    3. **Party**: when the description names a party (``the GOP nominee``), the one person
       named before whom the article calls a member of it.
    4. **Later**: the one introduced with the role within ``lookahead_paragraphs`` after it
       (``The state attorney general ...`` then ``Attorney General Eric Schneiderman``).

    Each step resolves only when exactly one candidate fits.
    """

    def __init__(self, cast: Cast, view: ArticleView, settings: DescriptionSettings) -> None:
        self.cast = cast
        self.view = view
        self.settings = settings
        self._salient: list[Person] | None = None
        self._party_members: dict[str, list[Person]] | None = None

    def by_role(self, mention: DocSpan, root: Token) -> Person | None:
        """The one person or organisation introduced with the role before the description
        ends."""
        description = read_description(mention, root)
        if description is None:  # roles given before it, or inside it ("The author, X,")
            return None
        return self._narrowed(description, self._holders(description, mention.end_char))

    def by_context(self, mention: DocSpan, root: Token, at: int) -> Person | None:
        """For a role no one introduced before fits: the passage's one fitting person or
        organisation, the one party member, or the one introduced with it just after."""
        description = read_description(mention, root)
        if description is None or description.owned:
            return None
        if description.bare:  # a headline's role: whom the article introduces with it
            return self._narrowed(description, self._holders(description, len(self.view.text)))
        later = self._holders(description, self._lookahead_end(at))
        if description.head == PARTY_HEAD:  # "the Florida Republican": whom the passage is about
            found = self._recent_subject(description, root, at)
        elif description.head in STAND_IN_ROLES and not any(agrees(description, p) for p in later):
            found = self._recent_subject(description, root, at)
            found = found or self._party_member(description, at)
        elif description.kinds == ("organization",) and description.head in STAND_IN_NOUNS:
            found = self._recent_organisation(description, root, at)
        else:
            found = None
        if found is None and description.head in LOOKAHEAD_HEADS:
            found = self._narrowed(description, later)
        return found

    def _lookahead_end(self, at: int) -> int:
        """Offset where the paragraphs a description may look ahead into end."""
        starts = self.view.paragraph_starts
        following = self.view.paragraph_of(at) + self.settings.lookahead_paragraphs + 1
        return starts[following] if following < len(starts) else len(self.view.text)

    def _holders(self, description: Description, before: int) -> list[Person]:
        """Who was introduced before offset ``before`` with the description's role."""
        head = description.head
        if head == PARTY_HEAD:
            people = [p for w in description.words & PARTY_WORDS for p in self._members(w)]
        else:
            people = self.cast.by_role.get(head, [])
        return [
            p
            for p in people
            if p.kind in description.kinds
            and p.role_at.get(head, p.first_seen) < before
            and name_key(p.name) != head  # an "organisation" called "Bank" is the noun
        ]

    @staticmethod
    def _narrowed(description: Description, candidates: list[Person]) -> Person | None:
        # a party member's state must be given ("the Florida Republican" is no Republican
        # of unknown state); a position's may be unknown ("the California congressman")
        lenient = description.head != PARTY_HEAD
        for word in sorted(description.words):
            narrowed = [p for p in candidates if word in p.role_words]
            if narrowed or word in description.proper:
                silent = [p for p in candidates if lenient and _silent_on(p, word)]
                candidates = narrowed or silent
        return candidates[0] if len(candidates) == 1 else None

    def _window(self, root: Token, at: int) -> tuple[int, int]:
        """The first sentence and paragraph of the passage before a description."""
        first = self.cast.sentence_of_token[root.i] - self.settings.window_sentences
        return first, self.view.paragraph_of(at) - self.settings.window_sentences

    def _recent_subject(self, description: Description, root: Token, at: int) -> Person | None:
        """The one person who is a main-clause subject in the window and agrees with the
        description; None when there are two (``Tomas Brenner and Ana Ruiz met``: the
        passage is about both)."""
        first, paragraph = self._window(root, at)
        own = self._named_after(root, at)
        people: list[Person] = []
        for m in self.cast.mentions_before(at, paragraph, self.settings.limit):
            if m.sentence < first:
                break
            ent = self.cast.entity_at(self.cast.doc[m.token])
            name = ent.root if ent is not None else self.cast.doc[m.token]  # or an untagged one
            if not is_main_subject(name) or m.person.kind != "person":
                continue
            if name.conjuncts:
                return None
            if agrees(description, m.person) and m.person not in own + people:
                people.append(m.person)
        return people[0] if len(people) == 1 else None

    def _named_after(self, root: Token, at: int) -> list[Person]:
        """People named later in the description's own sentence: ``The attorney general is
        suing Trump`` is not Trump."""
        sentence = self.cast.sentence_of_token[root.i]
        sent = self.cast.sentences[sentence]
        named = [
            m.person
            for m in self.cast.mentions_before(sent.end_char, -1, self.settings.limit)
            if m.sentence == sentence and m.at > at
        ]
        for token in sent:  # a surname the tagger left untagged ("The senator told Dorn")
            if token.i > root.i and token.pos_ == "PROPN":
                named += self.cast.by_surname.get(surname_key(token.text), [])
        return named

    def _recent_organisation(self, description: Description, root: Token, at: int) -> Person | None:
        """``In the Wells Fargo scandal ... The bank said``: the one organisation named in
        the passage that is of the description's type, else the one of no known type."""
        first, paragraph = self._window(root, at)
        orgs: list[Person] = []
        for m in self.cast.orgs_before(at, paragraph, self.settings.limit):
            if m.sentence < first:
                break
            if m.person.kind == "organization" and m.person not in orgs:
                orgs.append(m.person)
        typed = [o for o in orgs if description.head in o.role_heads]
        if not typed:  # of no known type: only the organisation the article is most about
            salient = self._most_named_organisation()
            typed = [o for o in orgs if not o.role_heads & ORGANISATION_NOUNS and o is salient]
        return typed[0] if len(typed) == 1 else None

    def _most_named_organisation(self) -> Person | None:
        """The organisation named most often in the article, if one is named most."""
        if self._salient is None:
            counts: dict[int, int] = {}
            orgs: dict[int, Person] = {}
            for m in self.cast.org_mentions:
                if m.person.kind == "organization":
                    counts[id(m.person)] = counts.get(id(m.person), 0) + 1
                    orgs[id(m.person)] = m.person
            ranked = sorted(counts.values(), reverse=True)
            top = [orgs[k] for k, n in counts.items() if n == ranked[0]] if ranked else []
            self._salient = [top[0]] if len(top) == 1 else []
        return self._salient[0] if self._salient else None

    def _party_member(self, description: Description, at: int) -> Person | None:
        """``the GOP nominee`` where one person named before is called a Republican: that
        one."""
        parties = description.words & PARTY_WORDS
        if not parties:
            return None
        members = [
            p
            for p in self._members(next(iter(parties)))
            if p.first_seen < at and parties <= p.role_words and agrees(description, p)
        ]
        return members[0] if len(members) == 1 else None

    def _members(self, party: str) -> list[Person]:
        """The people the article calls members of ``party``, read once per article."""
        if self._party_members is None:
            self._party_members = {}
            for p in self.cast.people:
                for word in p.role_words & PARTY_WORDS if p.kind == "person" else ():
                    self._party_members.setdefault(word, []).append(p)
        return self._party_members.get(party, [])


def same_unnamed(root: Token, unnamed: list[Person]) -> Person | None:
    """``A spokeswoman said ... the spokeswoman added``: the one unnamed source introduced
    with an indefinite description of the same noun, whose words hold the modifiers (``the
    Republican nominee`` is no ``a Libertarian candidate``); never for a named one (``the
    Reuters poll``)."""
    if not is_definite(root) or root.tag_ != "NN" or any(t.pos_ == "PROPN" for t in root.lefts):
        return None
    head = role_head(root.lower_)
    modifiers = {normal_word(t.text) for t in root.lefts if t.dep_ in ("amod", "compound")}
    found = [
        p
        for p in unnamed
        if p.kind == "unnamed"
        and head in p.role_heads
        and next(iter((p.description or "").lower().split()), "") not in DEFINITE
        and modifiers <= words_of(p.description or "")
    ]
    return found[0] if len(found) == 1 else None


def is_main_subject(token: Token) -> bool:
    """Whether a name is the subject of its sentence's main verb, alone or coordinated
    (``Tomas Brenner and Ana Ruiz met``: both), or in apposition to it."""
    while token.dep_ in ("conj", "appos") and token.head.i != token.i:
        token = token.head
    return token.dep_ in ("nsubj", "nsubjpass") and token.head.dep_ == "ROOT"


def _silent_on(person: Person, word: str) -> bool:
    """Whether a state or party word of a description may hold of ``person``: the article
    gives them none of that kind (``the California congressman`` for ``Rep. Adam Schiff``)."""
    for kind in (PARTY_WORDS, STATE_WORDS | STATE_PREFIXES):
        if word in kind:
            return not person.role_words & kind
    return False


def agrees(description: Description, person: Person) -> bool:
    """Whether nothing the article says of ``person`` contradicts the description: its sex,
    party and state, and no other position held (a governor is not ``the senator``)."""
    if description.sex and person.sex not in (None, description.sex):
        return False
    known = person.role_words
    for kind in (PARTY_WORDS, STATE_WORDS):
        said = description.words & kind
        if said and known & kind and not said & known:
            return False
    held = person.role_heads & TITLE_HEADS
    return description.head == PARTY_HEAD or not held or description.head in held
