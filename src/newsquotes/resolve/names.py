"""Person names inside one article: cleaning a mention into a name, and the forms that join.

``Sen. Ada Finch's`` is the name ``Ada Finch`` with the role ``senator``; ``Finch``
joins it; ``Rip Tomas Brenner`` (a headline word glued on by the tagger) is ``Tomas Brenner``.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from .gender import first_name_sex

POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
HONORIFICS = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "miss",
        "mx",
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
        "pres",
        "amb",
        "del",
        "mayor",
        "councillor",
        "councilor",
        "councilman",
        "councilwoman",
        "alderman",
        "minister",
        "chancellor",
        "commissioner",
        "secretary",
        "justice",
        "ambassador",
        "professor",
        "sheriff",
    }
)
"""Words written before a name that are not part of it."""
SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
TITLE_ROLES = {
    "sen": "senator",
    "senator": "senator",
    "gov": "governor",
    "governor": "governor",
    "rep": "representative",
    "gen": "general",
    "pres": "president",
    "president": "president",
    "prof": "professor",
    "lt": "lieutenant",
    "col": "colonel",
    "sgt": "sergeant",
    "amb": "ambassador",
    "dr": "doctor",
    "judge": "judge",
    "del": "delegate",
    "mayor": "mayor",
    "councillor": "councillor",
    "councilor": "councillor",
    "councilman": "councillor",
    "councilwoman": "councillor",
    "alderman": "alderman",
    "minister": "minister",
    "chancellor": "chancellor",
    "commissioner": "commissioner",
    "secretary": "secretary",
    "justice": "justice",
    "ambassador": "ambassador",
    "professor": "professor",
    "sheriff": "sheriff",
}
"""Honorifics that also say what the person is (``Sen.`` is a senator)."""
NOT_NAME_WORDS = frozenset({"breaking", "exclusive", "watch", "video", "update", "opinion"})
"""Headline labels the tagger glues onto names; never a name's first word."""


HEADLINE_VERB_STEMS = frozenset(
    [
        "say",
        "seek",
        "urge",
        "warn",
        "vow",
        "slam",
        "blast",
        "hit",
        "rip",
        "want",
        "tell",
        "ask",
        "claim",
        "deny",
        "defend",
        "back",
        "call",
        "admit",
        "accuse",
        "praise",
        "push",
        "plan",
        "hint",
        "insist",
        "argue",
        "predict",
        "reject",
        "blame",
        "question",
        "respond",
        "vote",
        "show",
        "reveal",
        "announce",
        "demand",
        "pledge",
        "promise",
        "threaten",
        "unveil",
        "approve",
        "condemn",
        "endorse",
        "sue",
    ]
)
"""Verbs a headline puts right after a name (their third-person form)."""

VOWELS = frozenset("AEIOUY")


def word_key(word: str) -> str:
    """A name word compared: no possessive, no stops, curly apostrophes straight."""
    return POSSESSIVE.sub("", word).strip(".,").lower().replace("\u2019", "'")


def is_honorific(word: str) -> bool:
    return word_key(word) in HONORIFICS


QUOTE_CHARACTERS = "\"'“”‘’`"
"""Quote marks the tagger leaves on a name's edge (``Tomas Brenner ''doesn't``)."""


def name_words(text: str) -> list[str]:
    """The words of a name without possessive, leading honorifics or trailing suffixes."""
    words = POSSESSIVE.sub("", without_markup(text.strip()).rstrip(QUOTE_CHARACTERS)).split()
    words = [w for w in words if w not in ("(", ")") and w.strip(QUOTE_CHARACTERS)]
    words = without_wordless_edges(words)
    while len(words) > 1 and is_honorific(words[0]):
        words = words[1:]
    while len(words) > 1 and word_key(words[-1]) in SUFFIXES:
        words = words[:-1]
    return [w.strip(",") for w in words if w.strip(",")]


GLUED_LEADING_MARKS = '"“”<>=/'
"""Marks glued to the front of a name's first word: a closing double quote mark or what is
left of markup (``">Okafor``); not apostrophes (``’t Hooft``)."""
_TRAILING_TAG_RE = re.compile(r"(?<=\w)<.*$")
_LEADING_MARKUP_RE = re.compile(r"^.*>(?=\S)")


def without_markup(text: str) -> str:
    """A name without the markup a scraper left around it, which the tagger took in
    (``tweet-date="May 3">Okafor`` → ``Okafor``, ``Jaan Tamm</tweet>`` → ``Jaan Tamm``)."""
    if "<" not in text and ">" not in text:
        return text
    return _LEADING_MARKUP_RE.sub("", _TRAILING_TAG_RE.sub("", text))


def without_wordless_edges(words: list[str]) -> list[str]:
    """Without dashes or other marks before the first word or after the last that the
    tagger took into the name (``― Rosa Ilves``), nor marks glued to the first word."""
    while words and not any(ch.isalnum() for ch in words[0]):
        words = words[1:]
    while words and not any(ch.isalnum() for ch in words[-1]):
        words = words[:-1]
    if words:
        words = [words[0].lstrip(GLUED_LEADING_MARKS), *words[1:]]
    return words


def name_key(name: str) -> str:
    return " ".join(word_key(w) for w in name_words(name))


def surname_key(name: str) -> str:
    words = name_key(name).split()
    return words[-1] if words else ""


def first_key(name: str) -> str:
    words = name_key(name).split()
    return words[0] if len(words) > 1 else ""


def is_initial(word: str) -> bool:
    return len(word.strip(".")) == 1


def same_given_name(a: str, b: str) -> bool:
    """``Tomas`` and ``Tomas J.``, ``T.`` and ``Tomas`` agree; ``Ida`` and ``Tomas`` don't."""
    if not a or not b:
        return True
    if is_initial(a) or is_initial(b):
        return a[0] == b[0]
    return a == b


def shout_to_title(name: str) -> str:
    """Transcripts shout names: ``MR. O'NEIL`` is ``Mr. O'Neil``."""
    if not name.isupper() or len(name.replace(".", "").replace(" ", "")) <= 2:
        return name
    if " " not in name and not any(c in VOWELS for c in name):
        return name  # "MSNBC", "NPR": an acronym, not a shouted name
    return " ".join(
        "-".join("'".join(p.capitalize() for p in part.split("'")) for part in w.split("-"))
        for w in name.split()
    )


def is_headline_verb(word: str) -> bool:
    """``Says``, ``Seeks``, ``Urges``: a headline's verb, capitalised, that the tagger glues
    onto the name before it (``Halvorsen Says ...``)."""
    lower = word_key(word)
    if not lower.endswith("s") or len(lower) < 4:
        return False
    return any(stem in HEADLINE_VERB_STEMS for stem in (lower[:-1], lower[:-2]))


def without_headline_verbs(words: list[str]) -> list[str]:
    """``Harbour Council Votes`` → ``Harbour Council``: a capitalised headline verb the
    tagger glued onto the end of a name."""
    while len(words) > 1 and is_headline_verb(words[-1]):
        words = words[:-1]
    return words


def strip_glued_words(words: list[str]) -> list[str]:
    """Drop a headline word glued before a name: ``Rip Tomas Brenner`` → ``Tomas Brenner``,
    or a headline verb after it: ``Halvorsen Says`` → ``Halvorsen``.

    The first word goes when it is a known headline word, or when it is no first name while
    the next word is one (a name does not start with a common word and then a given name).
    """
    words = without_headline_verbs(words)
    while len(words) > 1:
        first, second = word_key(words[0]), word_key(words[1])
        if first in NOT_NAME_WORDS or (
            len(words) > 2
            and not is_initial(first)
            and first_name_sex(first) is None
            and first_name_sex(second) is not None
        ):
            words = words[1:]
            continue
        break
    return words


def honorific_before(tokens: list[Token]) -> list[str]:
    """The honorifics written at the start of a name mention (``Sen.``, ``Mr.``)."""
    found = []
    for t in tokens:
        if not is_honorific(t.text):
            break
        found.append(word_key(t.text))
    return found


def clean_name(text: str) -> str:
    """The name as written, without honorifics, possessive, suffix noise or glued words."""
    words = strip_glued_words(name_words(shout_to_title(text)))
    return " ".join(words)


ENTITY_TRAILING_MARKS = ",;:"
"""Marks the tagger may glue to the end of an organisation entity."""


def organisation_name(text: str) -> str:
    """An organisation entity's text as its name: without the article, a possessive,
    lower-case words the tagger took in before it or a headline verb glued on after it
    (``the federal Harbour Safety Commission's`` → ``Harbour Safety Commission``, ``The
    Harbour Council Votes`` → ``Harbour Council``)."""
    # 'said Okafor, Lind's deputy': the tagger may take the comma into the entity
    words = strip_article(POSSESSIVE.sub("", text.strip().rstrip(ENTITY_TRAILING_MARKS))).split()
    words = without_wordless_edges(words)
    while len(words) > 1 and words[0].islower() and words[1][:1].isupper():
        words = words[1:]
    return " ".join(without_headline_verbs(words))


def strip_article(text: str) -> str:
    """``the German automaker`` → ``German automaker``."""
    words = text.split()
    if len(words) > 1 and words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    return " ".join(words)
