"""What the article calls a person (roles), and which person a description such as
``the GOP nominee`` or ``the Vermont senator`` points to.

Roles come from appositives (``Ilse Varga, an economist at the Norland ... Institute``),
pre-modifiers (``Liberal mayoral candidate Tomas Brenner``) and titles (``Sen.``).
:class:`Describer` resolves a definite description, step by step, to the one person (or
organisation) that fits: the one introduced with its head noun (or a synonym) whose role
words hold its modifiers; the passage's one subject, for the roles news stories call their
subject by; the one member of the party it names; the one introduced with the role just
after it, when that introduction confirms it; the person named for the first time at the
head of the next paragraph; for a headline's bare role, whom the lede's opening describes,
else the one the article (else its lede) introduces with it; for an indefinite role opening
the lede (``A New York judge has ruled``), the one the next paragraphs name. Nobody who
holds another post, or the post in another tenure, is credited. With two or more candidates
left at a step it resolves to no one.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token
from spacy.tokens import Span as DocSpan

from .gender import FEMALE, MALE, PRONOUN_SEX, ROLE_SEX, first_name_sex
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
    "panel": "committee",
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
INDEFINITE = frozenset({"a", "an", "one", "another"})
LEDE_ARTICLES = frozenset({"a", "an"})
"""How a lede introduces the person it names later (``A New York judge has ruled``)."""
"""How an unnamed source is introduced (``a spokeswoman``): a headline's bare capitalised
words (``Popular Website Shows Bias``) introduce no one a later description can be."""
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
NEWSPAPER_NAME_WORDS = (
    "times",
    "post",
    "journal",
    "tribune",
    "herald",
    "gazette",
    "globe",
    "chronicle",
    "sentinel",
    "inquirer",
    "enquirer",
    "courier",
    "register",
    "observer",
    "examiner",
    "dispatch",
    "ledger",
    "telegraph",
    "guardian",
)
"""Words that end newspapers' names (``The Orlando Sentinel``)."""
ORGANISATION_TYPES = {
    "newspaper": NEWSPAPER_NAME_WORDS,
    "paper": NEWSPAPER_NAME_WORDS,
    "daily": NEWSPAPER_NAME_WORDS,
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
NAME_ENDING_TYPES = frozenset({"newspaper", "paper", "daily"})
"""Organisation nouns whose type word must end the name (:data:`NEWSPAPER_NAME_WORDS`)."""
SHARED_UNION_WORDS = frozenset({"association", "federation", "brotherhood"})
"""Words that end unions' names and employers' or others' alike (``Velmora Hotel
Association``, ``Muslim Brotherhood``)."""
WORKER_WORDS = frozenset(
    {
        "workers",
        "employees",
        "labor",
        "labour",
        "teachers",
        "educators",
        "education",
        "nurses",
        "pilots",
        "attendants",
        "dockers",
        "longshoremen",
        "miners",
        "machinists",
        "engineers",
        "electricians",
        "carpenters",
        "drivers",
        "firefighters",
        "officers",
        "patrolmen",
        "troopers",
        "deputies",
        "fishermen",
        "staff",
    }
)
"""Whose work a union's name says it stands for (``Harbour Pilots Association``)."""
PLACE_PAPER_WORDS = frozenset({"times", "post", "herald", "tribune", "journal"})
"""Newspaper words a name may follow with the place (``The Times of London``)."""
_TYPE_OF_NAME_WORD = {
    word: [noun for noun, words in ORGANISATION_TYPES.items() if word in words]
    for words in ORGANISATION_TYPES.values()
    for word in words
}


def organisation_types(name: str) -> list[str]:
    """The organisation nouns a name can be called by (``Velmora Savings Bank`` → bank); a
    newspaper's word only ends its name (``The Orlando Sentinel``, never ``the Medical
    Examiner's Office`` or ``the Post Office``), or comes before the place it is of
    (``The Times of London``); an association is a union only when its name says whose
    work it stands for (``Air Line Pilots Association``, not ``Velmora Hotel Association``).
    """
    words = [w.lower() for w in _WORD.findall(name)]
    return [
        noun
        for n, w in enumerate(words)
        for noun in _TYPE_OF_NAME_WORD.get(w, ())
        if noun not in NAME_ENDING_TYPES or _ends_paper_name(words, n)
        if noun != "union" or w not in SHARED_UNION_WORDS or WORKER_WORDS.intersection(words)
    ]


def _ends_paper_name(words: list[str], n: int) -> bool:
    """Whether word ``n`` ends a newspaper's name, or its part before ``of`` a place
    (``The Times of London``)."""
    return n == len(words) - 1 or (words[n] in PLACE_PAPER_WORDS and words[n + 1] == "of")


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
_PARTY_STATE = re.compile(
    r"^\s*[(,]\s*([DRI])-([A-Z][A-Za-z.]*(?: ?[A-Z][A-Za-z.]*)?)\s*(?:[),;]|\.(?:\s|$)|$)"
)


def party_and_state(text_after: str) -> set[str]:
    """``(D-Calif.)``, ``, R-S.C.,`` or a sentence's closing ``, R-Iowa.`` right after a name
    → {democratic, california}."""
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
    """``a harbour pilot and writer`` → [harbour pilot, writer]."""
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
    """``Norland analyst`` in ``Norland analyst Varga``: the words before a name in its NP."""
    return [
        t
        for t in doc[head.left_edge.i : start]
        if t.dep_ in ("compound", "amod", "nmod") and not t.is_punct
    ]


def description_words(mention: DocSpan, root: Token) -> tuple[str, set[str]]:
    """The head role of a description and its other words (``the Vermont senator``); a
    subordinate word right before the head makes another post (``the vice president``)."""
    words = {normal_word(t.text) for t in mention if t.i != root.i and t.is_alpha}
    head = role_head(root.lemma_ if root.tag_ == "NNS" else root.text)
    before = root.nbor(-1).lower_ if root.i > mention.start else ""
    if before in SUBORDINATE_WORDS:
        return f"{before} {head}", words - DESCRIPTION_SKIP_WORDS - {before}
    return head, words - DESCRIPTION_SKIP_WORDS


def is_definite(root: Token) -> bool:
    """``the senator``, ``Connecticut's tax commissioner``: a description of someone known."""
    for child in root.lefts:
        if child.dep_ == "det" and child.lower_ in DEFINITE:
            return True
        if child.dep_ == "poss" and child.pos_ == "PROPN":
            return True
    return False


def has_person_appositive(root: Token) -> bool:
    """``Varga, a Norland analyst``: an appositive headed by a singular common noun (a
    role), so a one-word "organisation" before it is a person the tagger got wrong."""
    return any(c.dep_ == "appos" and c.pos_ == "NOUN" and c.tag_ == "NN" for c in root.children)


REPORTED_NOUNS = frozenset({"article", "report", "column", "editorial", "analysis", "review"})
"""What the press writes about someone: a person's name before one (``the Trump tax story``)
says whom it is about, not who wrote it."""
AUTHOR_PREPOSITIONS = frozenset({"by", "from"})
"""``a report by X``, ``an ad from X``: the object is the document's author."""


def documents_of(name_root: Token, person: bool = False) -> list[str]:
    """What a name is the author of, by the phrase around it: ``X's report``, ``a Reuters
    survey``, ``a report by X``, ``X released an ad`` → [report] / [ad]."""
    head = name_root.head
    found = []
    about = person and name_root.dep_ == "compound"
    if about and role_head(head.lemma_.lower()) in REPORTED_NOUNS:
        pass  # "the Trump tax story" is about Trump
    elif name_root.dep_ in ("poss", "compound") and head.lemma_.lower() in DOCUMENT_NOUNS:
        found.append(head)  # "X's report", "a Bloomberg poll"
    if name_root.dep_ == "poss" and head.dep_ == "pobj":
        # "an ad from Tomas Brenner's campaign": the owner of the author is the author
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
    thing = HEAD_SYNONYMS.get(word) in ORGANISATION_NOUNS | DOCUMENT_NOUNS  # "Panel", "Piece"
    return (
        word in ROLE_TITLES
        or word in TITLE_ROLES
        or (word in HEAD_SYNONYMS and not thing)
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
"""Roles a news article calls its subject by instead of the name (``Tomas Brenner says ...
The Liberal nominee noted``), and party members. Roles that are usually someone else's
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
POSITION_HEADS = TITLE_HEADS | {
    "member",
    "councillor",
    "alderman",
    "delegate",
    "lawyer",
    "aide",
    "analyst",
    "economist",
    "official",
    "officer",
}
"""Role heads that are a post someone holds: ``council member Ana Ruiz`` is not ``the
mayor``. A campaign's roles (nominee, candidate) and what a person is (businessman) sit
beside any post, so they are not among them."""
OWN_PEOPLE_NOUNS = frozenset(
    {"campaign", "team", "camp", "aide", "staff", "adviser", "advisor", "spokesman", "spokeswoman"}
)
"""A person's own people: when they are the passage's subject, the passage is about the
person (``The Ruiz campaign now hopes ... The Liberal nominee``)."""
CONTRASTIVE_WORDS = frozenset(
    {
        "rival",
        "opponent",
        "challenger",
        "counterpart",
        "adversary",
        "foe",
        "competitor",
        "other",
        "another",
    }
)
"""Words that set a person against the one just described (``his rival``, ``the other``):
the look-ahead stops at them."""
COURT_RANKS = (
    {
        "federal": frozenset(
            {"federal", "u.s.", "district", "circuit", "bankruptcy", "magistrate"}
        ),
        "state": frozenset({"state", "county", "superior", "municipal", "city"}),
    },
    {
        "trial": frozenset({"district", "county", "superior", "municipal", "trial", "lower"}),
        "appeal": frozenset({"appeals", "appellate", "circuit", "supreme", "high"}),
    },
)
"""The words that place a court in a system and at a rank (``a state appeals court``)."""
TENURE_WORDS = frozenset({"former", "ex", "outgoing", "incoming", "acting", "late"})
"""Words that say a post is not the one held now (``the former governor``); a retired
general is still ``the general``."""
SUBORDINATE_WORDS = frozenset({"vice", "deputy", "assistant", "lieutenant"})
"""First words that make a title another post (a vice president is not the president)."""
LOOKAHEAD_HEADS = STAND_IN_ROLES | TITLE_HEADS | ORGANISATION_NOUNS
"""Roles whose holder a description may name just before the article introduces them
(positions and organisations, not ``the time frame``)."""


SOURCE_HEADS = frozenset({"spokesman", "adviser", "strategist", "lawyer", "aide", "official"})
"""Roles of someone who speaks for another: ``A spokeswoman said`` stays an unnamed source
even in a lede."""
LEDE_HEADS = LOOKAHEAD_HEADS - SOURCE_HEADS
"""Roles a lede may describe its subject by before naming them (``A New York judge``)."""


KIN_NOUNS = {
    "father": MALE,
    "dad": MALE,
    "mother": FEMALE,
    "mom": FEMALE,
    "husband": MALE,
    "wife": FEMALE,
    "son": MALE,
    "daughter": FEMALE,
    "brother": MALE,
    "sister": FEMALE,
    "grandfather": MALE,
    "grandmother": FEMALE,
}
"""Family roles, and the sex each says."""
KIN_GROUPS = {
    "parents": frozenset({"father", "dad", "mother", "mom"}),
    "children": frozenset({"son", "daughter"}),
    "kids": frozenset({"son", "daughter"}),
    "siblings": frozenset({"brother", "sister"}),
    "grandparents": frozenset({"grandfather", "grandmother"}),
}
"""Family nouns for several (``my parents, James and Olive Meehan``) and the one each
member is by sex."""
FIRST_PERSON_POSSESSIVES = frozenset({"my", "our"})
"""Whose family is the author's, wherever in the article it is named."""
THIRD_PERSON_POSSESSIVES = frozenset({"his", "her", "their"})


@dataclass(frozen=True, slots=True)
class DescriptionSettings:
    """Windows of description resolution (from ``ResolutionSettings``)."""

    window_sentences: int = 2
    """How many sentences of narration (a quotation's own sentences not counted) back a
    description looks for the one person or organisation the passage is about."""
    lookahead_paragraphs: int = 1
    """How many paragraphs after a description its role holder may be introduced (and how
    far past the headline its lede reaches)."""
    limit: int = 30
    """Most names looked at for one description (keeps resolution linear)."""
    lede_paragraphs: int = 2
    """How many paragraphs after a lede that opens with an indefinite role (``A New York
    judge has ruled ...``) the article may name the one it describes."""
    headline_max_words: int = 20
    """Most words of a paragraph before the lede (a headline or its second line)."""


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
    """``Mr. Ostrander's new company``: said of someone's, so only a role can resolve it."""
    bare: bool = False
    """``Judge rejects ...``: a role with no determiner, as headlines write it."""
    aged: bool = False
    """``the 34-year-old mother of three``: an age, as a story calls its subject."""

    @property
    def stands_in(self) -> bool:
        """Whether a story may call the person it is about by this description."""
        return self.head in STAND_IN_ROLES or (self.aged and self.kinds == ("person",))

    @property
    def kinds(self) -> tuple[str, ...]:
        if self.head in DOCUMENT_NOUNS:  # "the report": whoever was said to publish one
            return ("person", "organization")
        return ("organization",) if self.head in ORGANISATION_NOUNS else ("person",)


def is_headline_role(root: Token) -> bool:
    """``Judge rejects request``, ``Senator from Texas says``: a capitalised singular role
    with no determiner as a subject, as headlines write one (body text never does)."""
    return root.text[:1].isupper() and is_bare_role(root)


def is_bare_role(root: Token) -> bool:
    """``Former DNC chairman calls for``: a singular role with no determiner as a subject."""
    return (
        root.tag_ in ("NN", "NNP")
        and root.dep_ in ("nsubj", "nsubjpass")
        and is_role_word(root.text)
        and not any(c.dep_ in ("det", "poss", "nummod") for c in root.children)
    )


def _bare_description(mention: DocSpan, root: Token) -> Description:
    """What a headline's bare role says: its head and words, nothing proper required."""
    head, words = description_words(core_phrase(mention, root, DESCRIPTION_STOPS), root)
    return Description(head, frozenset(words), frozenset(), ROLE_SEX.get(root.lower_), bare=True)


def read_description(mention: DocSpan, root: Token) -> Description | None:
    """The description ``mention`` (headed by ``root``) makes, if it is a definite one."""
    core = core_phrase(mention, root, DESCRIPTION_STOPS)
    party = party_member(root)
    if party is not None:  # "the Republican": a person whose role words hold the party
        words = {normal_word(t.text) for t in core if t.i != root.i and t.is_alpha}
        words = (words - DESCRIPTION_SKIP_WORDS) | {party}
        return Description(PARTY_HEAD, frozenset(words), frozenset(words), None)
    if is_headline_role(root):  # "Judge rejects ...": all capitals, nothing proper by them
        return _bare_description(mention, root)
    if root.pos_ != "NOUN" or root.tag_ != "NN" or not is_definite(root):
        return None
    return _role_description(mention, root, core)


def read_indefinite_description(mention: DocSpan, root: Token) -> Description | None:
    """``A New York judge``: the description an indefinite singular role (``a``/``an``)
    makes, read like a definite one's."""
    if root.pos_ != "NOUN" or root.tag_ != "NN":
        return None
    if not any(c.dep_ == "det" and c.lower_ in LEDE_ARTICLES for c in root.lefts):
        return None
    return _role_description(mention, root, core_phrase(mention, root, DESCRIPTION_STOPS))


def _role_description(mention: DocSpan, root: Token, core: DocSpan) -> Description:
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
    # "Mr. Ostrander's new company" is someone's; "Connecticut's tax commissioner" a place's post
    owned = any(c.dep_ == "poss" and c.ent_type_ not in PLACE_ENTITIES for c in root.children)
    aged = AGE.search(core.text) is not None
    sex = _sex_of(mention, root)
    return Description(head, frozenset(words), frozenset(proper), sex, owned, aged=aged)


OTHER_PARTY_HEADS = frozenset(
    {"witness", "victim", "bystander", "passerby", "neighbor", "neighbour", "suspect"}
)
"""Whom a story about someone else's deed meets: ``the 29-year-old witness`` is never the
one the passage is about."""
PLAIN_PERSON_HEADS = frozenset(
    {
        "man",
        "woman",
        "boy",
        "girl",
        "mother",
        "father",
        "resident",
        "native",
        "grandmother",
        "grandfather",
        "veteran",
        "retiree",
    }
)
"""What an aged description may call anyone; any other head (``the 52-year-old bartender``)
must be a role the article gives the person."""
AGE = re.compile(r"\b\d{1,3}-year-old\b")
"""``the 34-year-old``: an age written before a description's head."""


TITLE_CASE_LOWER = frozenset(
    {"a", "an", "the", "and", "or", "but", "of", "in", "on", "at", "to", "for", "by", "with"}
)
"""Words a title-cased headline may leave in lower case."""
PLACE_ENTITIES = frozenset({"GPE", "LOC", "NORP"})
"""Entity labels of a place or people whose possessive gives a post, not an owner."""


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
       that nobody here fits, the one person who is the subject of a main clause (or owns
       it: ``The Ruiz campaign``) in the last ``window_sentences`` sentences of
       narration and agrees with it (sex, party, state, tenure; no other post held); for an
       organisation noun (``the bank``), the one organisation named there of that type,
       else of no other type.
    3. **Party**: when the description names a party (``the GOP nominee``), the one person
       named before whom the article calls a member of it.
    4. **Later**: the one introduced with the role within ``lookahead_paragraphs`` after it
       (``The state attorney general ...`` then ``Attorney General Ada Finch``),
       when the introduction confirms it and does not set its holder against the described
       (``His rival, Sen. X``).
    5. **Named next**: the person named for the first time, with no role, as the subject
       opening the next paragraph, for a description that opens its own.
    6. **Lede**: an indefinite role opening the lede (:meth:`by_lede`).
    7. **Family**: ``my father`` is the one introduced as such (:meth:`by_kin`).

    Each step resolves only when exactly one candidate fits.
    """

    def __init__(self, cast: Cast, view: ArticleView, settings: DescriptionSettings) -> None:
        self.cast = cast
        self.view = view
        self.settings = settings
        self._salient: list[Person] | None = None
        self._party_members: dict[str, list[Person]] | None = None
        self._headline: bool | None = None
        self._lede: int | None = None
        self._kin: dict[str, list[tuple[str, int, Person]]] | None = None

    def by_role(self, mention: DocSpan, root: Token) -> Person | None:
        """The one person or organisation introduced with the role before the description
        ends."""
        description = read_description(mention, root)
        if description is None:  # roles given before it, or inside it ("The author, X,")
            return None
        found = self._narrowed(description, self._holders(description, mention.end_char))
        return None if found is None or self._introduced_anew(found, root) else found

    def by_context(self, mention: DocSpan, root: Token, at: int) -> Person | None:
        """For a role no one introduced before fits: the passage's one fitting person or
        organisation, the one party member, or the one introduced with it just after."""
        description = read_description(mention, root)
        if description is None and root.i < self._lede_start() and is_bare_role(root):
            # "Former DNC chairman calls for ...": a headline in sentence case
            return self._headline_holder(_bare_description(mention, root))
        if description is None and root.lower_ in KIN_NOUNS:  # "my father"
            return self.by_kin(root)
        if description is None:  # "A New York judge has rejected ...", opening the lede
            return self.by_lede(mention, root, at)
        if description.owned:
            return None
        if description.bare:  # a headline's role: whom the article introduces with it
            return self._headline_holder(description)
        later = self._later_holders(description, mention, at)
        if description.head == PARTY_HEAD:  # "the Florida Republican": whom the passage is about
            found = self._recent_subject(description, root, at)
        elif description.stands_in and not any(agrees(description, p) for p in later):
            found = self._recent_subject(description, root, at)
            if found is not None and description.head not in STAND_IN_ROLES:
                found = found if self._introduced_just_before(found, root, description) else None
            found = found or self._party_member(description, at)
        elif description.kinds == ("organization",) and description.head in STAND_IN_NOUNS:
            found = self._recent_organisation(description, root, at)
        else:
            found = None
        if found is None and description.head in LOOKAHEAD_HEADS:
            found = self._narrowed(description, later)
        if found is None and description.head in LOOKAHEAD_HEADS and not later:
            found = self._named_next(description, root, at)
        return None if found is None or self._introduced_anew(found, root) else found

    def _introduced_anew(self, person: Person, root: Token) -> bool:
        """``A federal agency opened an inquiry. The agency said``: an indefinite of the
        description's head (``a``, ``an``, ``another``) in the sentences just before it, with
        ``person`` not named since (nor in its sentence: ``Lena Vasko, an analyst``),
        introduces another one, whom the description means."""
        cast = self.cast
        first = max(0, cast.sentence_of_token[root.i] - self.settings.window_sentences)
        head = role_head(root.lemma_)
        if head in DOCUMENT_NOUNS:  # "a Bloomberg poll ... the poll": Bloomberg's
            return False
        anew = [
            t
            for t in cast.doc[cast.sentences[first].start : root.i]
            if t.pos_ == "NOUN"
            and role_head(t.lemma_) == head
            and any(c.dep_ == "det" and c.lower_ in INDEFINITE for c in t.children)
            and not cast.quoted(t.i)
        ]
        if not anew:
            return False
        paragraph = self.view.paragraph_of(cast.sentences[first].start_char)
        named = cast.orgs_before if person.kind == "organization" else cast.mentions_before
        since = [m for m in named(root.idx, paragraph, self.settings.limit) if m.person is person]
        # "said Lena Vasko, an analyst": named in the indefinite's own sentence, it is theirs
        return not since or since[0].sentence < cast.sentence_of_token[anew[-1].i]

    def by_kin(self, root: Token) -> Person | None:
        """``my father`` where the article writes ``my parents, James and Olive Meehan``:
        the one person introduced as that relative of the same possessive (``my father,
        James``, ``James, my father``), or, of a family noun for several, the one of the
        relative's sex. The author's family (``my``, ``our``) is theirs anywhere in the
        article; someone else's (``his wife``) only just after it was introduced
        (:meth:`_same_owner`)."""
        owner = _kin_owner(root)
        if owner is None or self.cast.quoted(root.i):
            return None
        noun = root.lower_
        found = []
        for relative, at, person in self._relatives().get(owner, []):
            if owner not in FIRST_PERSON_POSSESSIVES and not self._same_owner(owner, at, root):
                continue
            group = KIN_GROUPS.get(relative, frozenset())
            fits = relative == noun or (noun in group and person.sex == KIN_NOUNS[noun])
            if fits and person not in found:
                found.append(person)
        return found[0] if len(found) == 1 else None

    def _same_owner(self, owner: str, introduced: int, root: Token) -> bool:
        """Whether ``his wife`` at ``root`` is still the wife of whom ``His wife, Mara`` at
        offset ``introduced`` was: introduced before it, in its paragraph or the sentence
        just before, with no one of the possessive's sex named in between but those the
        introduction's sentence names (``His wife, Mara Stenberg ... Tomas Brenner drowned.
        His wife said`` is Brenner's)."""
        cast, view = self.cast, self.view
        if introduced > root.idx:
            return False
        first = cast.sentence_of_token[view.token_at(introduced)]
        sentence = cast.sentence_of_token[root.i]
        paragraph = view.paragraph_of(introduced)
        if view.paragraph_of(root.idx) != paragraph and sentence != first + 1:
            return False
        mentions = cast.mentions_before(root.idx, paragraph, self.settings.limit)
        named = {id(m.person) for m in mentions if m.sentence == first}
        sex = PRONOUN_SEX.get(owner)
        return not any(
            first < m.sentence
            and id(m.person) not in named
            and m.person.kind == "person"
            and (sex is None or m.person.sex in (sex, None))
            for m in mentions
        )

    def _relatives(self) -> dict[str, list[tuple[str, int, Person]]]:
        """Possessive → (family noun, offset, person) for each person the article
        introduces, outside quotation marks, in apposition to a family noun with that
        possessive; read once per article."""
        if self._kin is None:
            self._kin = {}
            for token in self.cast.doc:
                noun = token.lower_
                if noun not in KIN_NOUNS and noun not in KIN_GROUPS:
                    continue
                owner = _kin_owner(token)
                if owner is None or self.cast.quoted(token.i):
                    continue
                for name in _kin_names(token):
                    person = self._person_named(name)
                    if person is not None and person.kind == "person":
                        self._kin.setdefault(owner, []).append((noun, token.idx, person))
        return self._kin

    def _person_named(self, token: Token) -> Person | None:
        """The person a proper noun in apposition to a family noun names: its entity's, else
        the name its compound words and it make, when a first name opens it (``Olive
        Meehan`` in ``James and Olive Meehan``, untagged or tagged an organisation)."""
        ent = self.cast.entity_at(token)
        person = self.cast.person_of_entity(ent) if ent is not None else None
        if person is not None and person.kind == "person":
            return person
        words = [t for t in token.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"]
        if not words or any(not t.is_title for t in [*words, token]):
            return None
        if first_name_sex(words[0].text) is None:
            return None
        name = " ".join(t.text for t in [*words, token])
        return self.cast.person_for_name(name, words[0].idx)

    def by_lede(self, mention: DocSpan, root: Token, at: int) -> Person | None:
        """``A New York judge has rejected ...`` as the subject opening the lede, then
        ``Justice Frank Nervo`` or ``said Don Fowler``: a story that opens by describing its
        subject names them soon after. The one holder of the role the next
        ``lede_paragraphs`` introduce, when it confirms the description, else the person
        named first, with no role, opening the next paragraph. Anywhere else an indefinite
        description is an unnamed source."""
        description = read_indefinite_description(mention, root)
        if description is None or description.head not in LEDE_HEADS:
            return None
        if not is_main_subject(root) or not self._opens_lede(root):
            return None
        head = description.head
        end = self._paragraphs_end(at, self.settings.lede_paragraphs)
        holders = [
            p
            for p in self._holders(description, end)
            if p.role_at.get(head, p.first_seen) >= mention.end_char
        ]
        if not holders:
            return self._quoted_next(description, mention, root, at)
        person = holders[0]
        introduced = self.cast.doc[self.view.token_at(person.role_at.get(head, 0))]
        if len(holders) > 1 or set_against(introduced) or not confirms(description, person):
            return None
        return person

    def _quoted_next(
        self, description: Description, mention: DocSpan, root: Token, at: int
    ) -> Person | None:
        """``A former DNC chairman says ...`` then ``"Now is the time ...," said Don Fowler,
        who helmed the DNC``: the person named next (:meth:`_named_next`) stands for the
        lede's description only when the next paragraph opens with their quotation, and
        whatever clause describes them shares a word of what the post is, or its initials
        (``Dana Whitcombe, who represents the company, said the ruling would be appealed``
        and ``said Paul Drummond, who chairs the Harlow County mining board`` are no judge
        of ``A Harlow County judge has ruled``)."""
        person = self._named_next(description, root, at)
        if person is None:
            return None
        start = self.view.paragraph_starts[self.view.paragraph_of(at) + 1]
        opening = self.cast.doc[bisect_left(self.view.token_starts, start)].sent
        if not opening[0].is_quote:
            return None
        # what the post is, not where or when: "who chairs the Harlow County mining board"
        # is no "Harlow County judge"
        what = description.words - description.proper - TENURE_WORDS
        known = what | {description.head, initials_of(mention, root)}
        for m in self.cast.mentions_before(opening.end_char, 0, self.settings.limit):
            if m.person is not person or not opening.start <= m.token < opening.end:
                continue
            ent = self.cast.entity_at(self.cast.doc[m.token])
            said = clause_words(ent.root if ent is not None else self.cast.doc[m.token])
            if said and not said & known:
                return None
        return person

    def _opens_lede(self, root: Token) -> bool:
        """Whether ``root`` is in the first sentence of the lede: the first paragraph
        after the headline (and any second headline line) longer than a headline."""
        return root.sent.start == self._lede_start()

    def _lede_start(self) -> int:
        """Token index where the lede's first sentence starts (-1: no headline before)."""
        if self._lede is None:
            self._lede = -1
            starts = [*self.view.paragraph_starts, len(self.view.text)]
            for n in range(len(starts) - 1):
                words = len(self.view.text[starts[n] : starts[n + 1]].split())
                if words <= self.settings.headline_max_words:
                    continue  # a headline, its second line, or an empty paragraph
                first = bisect_left(self.view.token_starts, starts[n])
                if n > 0 and first < len(self.cast.doc):
                    self._lede = self.cast.doc[first].sent.start
                break
        return self._lede

    def _named_next(self, description: Description, root: Token, at: int) -> Person | None:
        """``Connecticut's tax commissioner says ...`` then, opening the next paragraph,
        ``Ivo Stenberg says he ...``: a description that opens its paragraph as its
        subject is the one person who opens the next as its subject, named there for the
        first time and given no role at all."""
        if description.kinds != ("person",) or not is_main_subject(root):
            return None
        cast, view = self.cast, self.view
        sentence = cast.sentence_of_token[root.i]
        paragraph = view.paragraph_of(at)
        if sentence > 0 and view.paragraph_of(cast.sentences[sentence - 1].start_char) == paragraph:
            return None  # not its paragraph's first sentence
        if paragraph + 1 >= len(view.paragraph_starts):
            return None
        start = view.paragraph_starts[paragraph + 1]
        first = bisect_left(view.token_starts, start)
        if first >= len(cast.doc):
            return None
        opening = cast.sentence_of_token[first]
        end = cast.sentences[opening].end_char
        named = [
            m.person
            for m in cast.mentions_before(end, paragraph + 1, self.settings.limit)
            if m.sentence == opening
            and m.person.kind == "person"
            and (ent := cast.entity_at(cast.doc[m.token])) is not None
            and is_main_subject(ent.root)
        ]
        if not named or any(p is not named[0] for p in named):
            return None
        person = named[0]
        if person.first_seen < start or person.role_heads or person.role_words:
            return None  # named before, or given a role (the look-ahead judges those)
        contrast = self._contrast_at(root.i + 1, end)
        return person if contrast is None and agrees(description, person) else None

    def _later_holders(self, description: Description, mention: DocSpan, at: int) -> list[Person]:
        """The holders of the role up to the lookahead's end, those introduced after the
        description only when their introduction confirms it; the look-ahead stops at an
        introduction that sets its holder against the described (``The senator said ...
        His rival, Sen. X``)."""
        head = description.head
        holders = self._holders(description, self._lookahead_end(at))
        kept = [p for p in holders if p.role_at.get(head, p.first_seen) < mention.start_char]
        later = sorted(
            (p for p in holders if p not in kept), key=lambda p: p.role_at.get(head, p.first_seen)
        )
        for person in later:
            introduced = self.cast.doc[self.view.token_at(person.role_at.get(head, 0))]
            if set_against(introduced):
                break
            if confirms(description, person):
                kept.append(person)
        return kept

    def _contrast_at(self, start: int, end: int) -> int | None:
        """Offset of the first contrastive word (``rival``, ``the other``) from token
        ``start`` up to offset ``end``, if any."""
        doc = self.cast.doc
        for token in doc[start:]:
            if token.idx >= end:
                break
            if token.lemma_.lower() in CONTRASTIVE_WORDS:
                return token.idx
        return None

    def _headline_holder(self, description: Description) -> Person | None:
        """``Lawmaker urges ...``: whom the lede's opening subject describes with the role
        (``A Vermont lawmaker ...``), else the one the article introduces with the role, else
        the one its lede (the paragraph after the headline and the look-ahead's paragraphs
        after that) introduces with it, whom the headline is about."""
        opening = self._lede_subject(description)
        if opening is not None:  # whom the lede describes, named or not
            return self.by_lede(opening, opening.root, opening.start_char)
        everyone = self._holders(description, len(self.view.text))
        found = self._narrowed(description, everyone)
        starts = self.view.paragraph_starts
        if found is None and len(everyone) > 1 and len(starts) > 1:
            lede = self._holders(description, self._lookahead_end(starts[1]))
            found = self._narrowed(description, lede) if len(lede) < len(everyone) else None
        return found

    def _lede_subject(self, description: Description) -> DocSpan | None:
        """The lede's opening subject when it is an indefinite description of the
        headline's role (``Former DNC chairman calls for ...`` over ``A former DNC chairman
        says ...``): the one the headline is about."""
        start = self._lede_start()
        if start < 0:
            return None
        verb = self.cast.doc[start].sent.root
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if len(subjects) != 1:
            return None
        subject = subjects[0]
        mention = self.cast.doc[subject.left_edge.i : subject.right_edge.i + 1]
        lede = read_indefinite_description(mention, subject)
        return mention if lede is not None and lede.head == description.head else None

    def _lookahead_end(self, at: int) -> int:
        """Offset where the paragraphs a description may look ahead into end."""
        return self._paragraphs_end(at, self.settings.lookahead_paragraphs)

    def _paragraphs_end(self, at: int, paragraphs: int) -> int:
        """Offset where the ``paragraphs`` paragraphs after the one of ``at`` end."""
        starts = self.view.paragraph_starts
        following = self.view.paragraph_of(at) + paragraphs + 1
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
            and not self._headline_noun(p, head)
            and same_tenure(description, p)
        ]

    def _headline_noun(self, org: Person, head: str) -> bool:
        """``Local Newspaper Says ...``: an "organisation" named only in a title-cased
        headline, by words ending in the description's noun, is the headline's words."""
        last = max(org.last_seen, org.first_seen)
        return (
            org.kind == "organization"
            and role_head(org.name.split()[-1]) == head
            and self.view.paragraph_of(last) == 0
            and self._title_cased_headline()
        )

    def _title_cased_headline(self) -> bool:
        """Whether the first paragraph is a headline in title case: every word but the
        short function words capitalised (``The Union Met on Monday`` is one, ``The union
        met on Monday.`` is not)."""
        if self._headline is None:
            starts = self.view.paragraph_starts
            first = self.view.text[: starts[1]] if len(starts) > 1 else ""
            words = [w for w in _WORD.findall(first) if w.lower() not in TITLE_CASE_LOWER]
            self._headline = bool(words) and all(w[0].isupper() for w in words)
        return self._headline

    @staticmethod
    def _narrowed(description: Description, candidates: list[Person]) -> Person | None:
        # a party member's state must be given ("the Florida Republican" is no Republican
        # of unknown state); a position's may be unknown ("the California congressman"),
        # unless the article gives other holders theirs (senators of Vermont and Iowa: "the
        # Florida senator" is someone not introduced as one)
        lenient = description.head != PARTY_HEAD
        for word in sorted(description.words):
            narrowed = [p for p in candidates if word in p.role_words]
            if narrowed or word in description.proper:
                silent = [p for p in candidates if lenient and _silent_on(p, word)]
                if not narrowed and len(silent) < len(candidates):
                    silent = []
                candidates = narrowed or silent
        candidates = without_short_forms(candidates)
        return candidates[0] if len(candidates) == 1 else None

    def _window(self, root: Token, at: int) -> tuple[int, int]:
        """The first sentence and paragraph of the passage before a description: the last
        ``window_sentences`` sentences of narration, a quotation's own sentences not counted
        (they are the speaker's words, not what the passage is about)."""
        first = self.cast.sentence_of_token[root.i]
        told = 0
        while told < self.settings.window_sentences and first > 0:
            first -= 1
            if not self._quoted_sentence(first):  # "“...,” he said." is narration
                told += 1
            if self.cast.sentence_of_token[root.i] - first >= self.settings.limit:
                break
        start = self.cast.sentences[first].start_char
        paragraph = self.view.paragraph_of(at) - self.settings.window_sentences
        return first, min(paragraph, self.view.paragraph_of(start))

    def _quoted_sentence(self, n: int) -> bool:
        """Whether sentence ``n`` has words and every one is inside quotation marks."""
        words = [t for t in self.cast.sentences[n] if not (t.is_punct or t.is_space)]
        return bool(words) and all(self.cast.quoted(t.i) for t in words)

    def _introduced_just_before(
        self, person: Person, root: Token, description: Description
    ) -> bool:
        """``Lori Bernstein held up a sign. The 57-year-old scientist says ...``: an aged
        description stands in for the acting subject of the sentence just before it, in
        its paragraph, and never for the other party of an event (``Tomas Brenner was
        charged. The 29-year-old witness said`` is no Brenner), and with a head that is
        no plain person word only when the article gives them that role."""
        if description.head in OTHER_PARTY_HEADS:
            return False
        if description.head not in PLAIN_PERSON_HEADS and description.head not in person.role_heads:
            return False  # 'Brenner punched a man. The 52-year-old bartender said': not his job
        cast = self.cast
        sentence = cast.sentence_of_token[root.i]
        before = cast.sentences[sentence - 1] if sentence > 0 else None
        if before is None or self.view.paragraph_of(before.start_char) != self.view.paragraph_of(
            root.idx
        ):
            return False
        for m in cast.mentions_before(before.end_char, 0, self.settings.limit):
            if m.person is not person or not before.start <= m.token < before.end:
                continue
            ent = cast.entity_at(cast.doc[m.token])
            name = ent.root if ent is not None else cast.doc[m.token]
            if name.dep_ == "nsubj" and name.head.dep_ == "ROOT":
                return True
        return False

    def _recent_subject(self, description: Description, root: Token, at: int) -> Person | None:
        """The one person who is a main-clause subject in the window and agrees with the
        description; None when there are two (``Tomas Brenner and Ana Ruiz met``: the
        passage is about both). Reached past a quotation's sentences, a subject counts only
        when the narration between names no one else (``... said Ola Dahl. Some saw a
        culprit in Vera Holm. The harbour master ...`` is not Dahl). With no main-clause
        subject that agrees, the one subject of any other clause that does (``The
        controversy centers on comments Clinton made Tuesday. The former secretary of
        state mocked ...``), when the article places them where the description does (``the
        Vermont senator`` is no one of unknown state)."""
        people = self._subjects(description, root, at, main=True)
        if people == []:
            people = self._subjects(description, root, at, main=False)
        return people[0] if people is not None and len(people) == 1 else None

    def _subjects(
        self, description: Description, root: Token, at: int, main: bool
    ) -> list[Person] | None:
        """The people agreeing with the description who are subjects (of a main clause, or
        of any clause) in the window; None when coordinated subjects make it two."""
        first, paragraph = self._window(root, at)
        sentence = self.cast.sentence_of_token[root.i]
        plain_first = sentence - self.settings.window_sentences
        own = self._named_after(root, at)
        people: list[Person] = []
        subject_of = is_main_subject if main else is_clause_subject
        for m in self.cast.mentions_before(at, paragraph, self.settings.limit):
            if m.sentence < first:
                break
            ent = self.cast.entity_at(self.cast.doc[m.token])
            name = ent.root if ent is not None else self.cast.doc[m.token]  # or an untagged one
            owned = name.head
            owns = name.dep_ in ("compound", "poss") and owned.lemma_.lower() in OWN_PEOPLE_NOUNS
            if not (subject_of(name) or owns and subject_of(owned)) or m.person.kind != "person":
                continue
            if name.conjuncts:
                return None
            if m.sentence < plain_first and self._names_another(m.person, m.sentence, sentence):
                continue
            if not agrees(description, m.person) or m.person in own + people:
                continue
            if main or placed(description, m.person):
                people.append(m.person)
        return people

    def _names_another(self, person: Person, after: int, before: int) -> bool:
        """Whether the narration strictly between two sentences holds a proper name (tagged a
        person or not tagged at all) that is not ``person``'s."""
        own = set(person.name.lower().split())
        for n in range(after + 1, before):
            for t in self.cast.sentences[n]:
                if (
                    t.pos_ == "PROPN"
                    and t.ent_type_ in ("", "PERSON", "ORG")  # the tagger calls some people ORG
                    and not self.cast.quoted(t.i)
                    and t.lower_ not in own
                ):
                    return True
        return False

    def _named_after(self, root: Token, at: int) -> list[Person]:
        """People named later in the description's own sentence: ``The attorney general is
        suing Brenner`` is not Brenner."""
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
        """``In the Velmora Savings Bank scandal ... The bank said``: the one organisation named in
        the passage that is of the description's type, else the one of no known type."""
        first, paragraph = self._window(root, at)
        orgs: list[Person] = []
        for m in self.cast.orgs_before(at, paragraph, self.settings.limit):
            if m.sentence < first:
                break
            if m.person.kind == "organization" and m.person not in orgs:
                orgs.append(m.person)
        typed = [
            o
            for o in orgs
            if description.head in o.role_heads and not self._headline_noun(o, description.head)
        ]
        if not typed:  # of no known type: only the organisation the article is most about
            salient = self._most_named_organisation()
            typed = [o for o in orgs if not o.role_heads & ORGANISATION_NOUNS and o is salient]
        if not orgs:  # none named in the passage: the article's one of that type
            typed = self._organisations_of_type(description)
        return typed[0] if len(typed) == 1 else None

    def _organisations_of_type(self, description: Description) -> list[Person]:
        """The organisations the article names, anywhere, whose name's words say they are of
        the description's type (:data:`ORGANISATION_TYPES`: ``the union`` is the United
        Mine Workers of America) and hold its other words (``the new paper`` is no
        newspaper's)."""
        head = description.head
        return [
            p
            for p in self.cast.by_role.get(head, [])
            if p.kind == "organization"
            and head in organisation_types(p.name)
            and description.words <= words_of(p.name)
            and not self._headline_noun(p, head)
        ]

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
        and next(iter((p.description or "").lower().split()), "") in INDEFINITE
        and modifiers <= words_of(p.description or "")
    ]
    return found[0] if len(found) == 1 else None


DESCRIBING_CLAUSES = frozenset({"relcl", "appos", "acl"})
"""Clauses that say who a name is (``Don Fowler, who helmed the DNC``)."""


def clause_words(name: Token) -> set[str]:
    """The words of the clauses that say who ``name`` is, lower-cased."""
    return {
        t.lower_
        for c in name.children
        if c.dep_ in DESCRIBING_CLAUSES
        for t in c.subtree
        if t.is_alpha
    }


def initials_of(mention: DocSpan, root: Token) -> str:
    """``dnc`` for ``A former Democratic National Committee chairman``: the initials of
    the capitalised words before the head, as a short form may name them."""
    return "".join(t.text[0] for t in mention[1:] if t.i < root.i and t.is_title).lower()


def _kin_owner(noun: Token) -> str | None:
    """``my`` in ``my parents``, ``his`` in ``his wife``: a family noun's possessive pronoun."""
    if noun.tag_ not in ("NN", "NNS"):
        return None
    owners = [c.lower_ for c in noun.children if c.dep_ == "poss"]
    possessives = FIRST_PERSON_POSSESSIVES | THIRD_PERSON_POSSESSIVES
    return owners[0] if len(owners) == 1 and owners[0] in possessives else None


def _kin_names(noun: Token) -> list[Token]:
    """The names in apposition to a family noun: ``my parents, James and Olive Meehan``
    (both), ``James, my father`` (James)."""
    if noun.dep_ == "appos" and noun.head.pos_ == "PROPN":
        return [noun.head]
    names = [c for c in noun.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
    return [n for name in names for n in (name, *name.conjuncts) if n.pos_ == "PROPN"]


SHORT_FORM_MIN_DROPPED = 2
"""Words a short form leaves off a full name: a place of two or more (``New York Times``,
``Wall Street Journal``: the Times, the Journal); one word left off is often another paper's
own word (``The Financial Times`` and ``The Times`` are two newspapers)."""


def without_short_forms(candidates: list[Person]) -> list[Person]:
    """``the article`` where ``The New York Times`` and, later, ``a Times article`` were
    both read as organisations: a name that ends one other candidate organisation's name
    is its short form, one candidate."""
    return [
        p
        for p in candidates
        if sum(is_short_form(p, other) for other in candidates if other is not p) != 1
    ]


def is_short_form(short: Person, full: Person) -> bool:
    """Whether organisation ``short``'s name is the last words of ``full``'s, leaving off at
    least :data:`SHORT_FORM_MIN_DROPPED` (``Times``, ``New York Times``; not ``Financial
    Times``)."""
    if short.kind != "organization" or full.kind != "organization":
        return False
    words, whole = name_key(short.name).split(), name_key(full.name).split()
    dropped = len(whole) - len(words)
    return len(words) > 0 and dropped >= SHORT_FORM_MIN_DROPPED and whole[-len(words) :] == words


def is_main_subject(token: Token) -> bool:
    """Whether a name is the subject of its sentence's main verb, alone or coordinated
    (``Tomas Brenner and Ana Ruiz met``: both), or in apposition to it."""
    while token.dep_ in ("conj", "appos") and token.head.i != token.i:
        token = token.head
    return token.dep_ in ("nsubj", "nsubjpass") and token.head.dep_ == "ROOT"


SEQUENCE_MARKERS = frozenset(
    {"after", "since", "before", "until", "till", "once", "although", "though", "unless"}
)
"""Words opening a clause set before, after or against the passage's deed."""


def is_clause_subject(token: Token) -> bool:
    """Whether a name is the subject of any clause (``comments Clinton made``), alone,
    coordinated or in apposition to it, but one that sets the time of another's deed or a
    concession (``After Pavel Dorn resigned, the board appointed a new chairman``)."""
    while token.dep_ in ("conj", "appos") and token.head.i != token.i:
        token = token.head
    return token.dep_ in ("nsubj", "nsubjpass") and not _sets_time_or_concession(token.head)


def _sets_time_or_concession(verb: Token) -> bool:
    """``after Pavel Dorn resigned``, ``although Dorn warned``: a clause before or after
    which a post may have changed hands, or that sets someone against the deed (``when
    Trump shot back`` is the same scene)."""
    if verb.dep_ == "advcl":
        return any(c.dep_ == "mark" and c.lower_ in SEQUENCE_MARKERS for c in verb.children)
    return verb.dep_ == "pcomp" and verb.head.lower_ in SEQUENCE_MARKERS


def placed(description: Description, person: Person) -> bool:
    """Whether the article gives ``person`` every state word of the description (``the
    Vermont senator``: Vermont)."""
    return description.words & STATE_WORDS <= person.role_words


def _silent_on(person: Person, word: str) -> bool:
    """Whether a state or party word of a description may hold of ``person``: the article
    gives them none of that kind (``the California congressman`` for ``Rep. John Miller``)."""
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
    if not same_tenure(description, person):
        return False
    return description.head == PARTY_HEAD or not contradicts_posts(description, person)


def same_tenure(description: Description, person: Person) -> bool:
    """Whether a description and a person known with its role say alike whether the post is
    a former one (``Former Mayor Pavel Dorn`` is not ``the mayor``, nor ``Mayor Pavel
    Dorn`` ``the former mayor``). A headline's role is not held to it: ``Former White House
    Doctor Says`` is about ``Dr. Connie Mariano``, whose title the body gives as it is."""
    if description.bare or description.head not in person.role_heads & POSITION_HEADS:
        return True  # "Former Ana Ruiz pollster Ola Dahl" is still "the pollster"
    held = tenure_of(person, description.head)
    return held is None or description.words & TENURE_WORDS == held


def tenure_of(person: Person, head: str) -> set[str] | None:
    """The tenure words the article gives ``person``'s post ``head``: from the role phrase
    that names it (``a former mayor``), else from all their role words when it is their one
    role (``Former Mayor Pavel Dorn``); None when that cannot be told (``Gen. Wesley Clark,
    a retired general and former commander``: which post is former?)."""
    phrased = [r.split() for r in person.roles if role_head(r.split()[-1]) == head]
    said = {w for words in phrased for w in words} & TENURE_WORDS
    if said or (phrased and any(len(words) > 1 for words in phrased)):
        return said
    return set(person.role_words & TENURE_WORDS) if len(person.role_heads) == 1 else None


def set_against(name: Token) -> bool:
    """Whether the noun phrase that introduces a name sets it against someone (``His
    rival, Sen. X``; ``the other senator, X``; ``Another judge, X``)."""
    head = name
    while head.dep_ in ("compound", "flat", "appos") and head.head.i != head.i:
        head = head.head
    phrase = name.doc[head.left_edge.i : max(name.i, head.i) + 1]
    return any(t.lemma_.lower() in CONTRASTIVE_WORDS for t in phrase)


def confirms(description: Description, person: Person) -> bool:
    """Whether a holder of the role introduced after a description is surely the one it
    means: it agrees, holds every proper word or is given none of its kind (``the New York
    state attorney general`` then ``Attorney General Ada Finch``), nothing sets it
    against another, both say alike whether the post is a former one, and name no other
    court (:func:`other_court`). An organisation's name says what it is (``A House
    panel``: the House Oversight Committee)."""
    known = person.role_words | (words_of(person.name) if person.kind == "organization" else set())
    return (
        agrees(description, person)
        and all(w in known or _silent_on(person, w) for w in description.proper)
        and not known & CONTRASTIVE_WORDS
        and description.words & TENURE_WORDS == known & TENURE_WORDS
        and not other_court(description.words, known)
    )


def other_court(said: set[str] | frozenset[str], known: set[str]) -> bool:
    """Whether a description and a judge's introduction name courts of another rank or
    system (``A state appeals court judge`` is no ``Harlow County Judge Oren Talbot``, whose
    decision it reverses); silence on either side contradicts nothing."""
    for ranks in COURT_RANKS:
        told = {rank for rank, words in ranks.items() if said & words}
        held = {rank for rank, words in ranks.items() if known & words}
        if told and held and not told & held:
            return True
    return False


def posts_held(person: Person) -> set[str]:
    """The posts the article gives ``person`` (``member``, ``vice president``, ``senator``)."""
    return {
        head
        for head in person.role_heads
        if head in POSITION_HEADS or head.split()[0] in SUBORDINATE_WORDS
    }


def contradicts_posts(description: Description, person: Person) -> bool:
    """Whether ``person`` holds posts and none is the description's: a council member is not
    ``the mayor``, a governor not ``the senator``, a vice president ``the vice president``
    but not ``the president`` (a nominee or businessman may hold any post, a post-holder is
    no other role by recency alone)."""
    held = posts_held(person)
    return bool(held) and description.head not in held
