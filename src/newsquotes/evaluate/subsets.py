"""Which gold attributions are direct quotes, and which are speech, for the subset scores.

``direct``: the content holds a double quote mark (" “ ” « » „), or a pair of single marks
(' ‘ ’) that open and close a quotation rather than an apostrophe (``Brenner’s``).
``speech``: the cue is a speech verb in any inflection, the colon cue ``:`` or
``according to``.
"""

from __future__ import annotations

import re

DOUBLE_QUOTE_MARKS = frozenset('"“”«»„‟')
SINGLE_QUOTE_MARKS = "'‘’‚‛"

_OPENING_SINGLE = re.compile(rf"(?:^|(?<=[\s(\[—–-]))[{SINGLE_QUOTE_MARKS}](?=\S)")
_CLOSING_SINGLE = re.compile(rf"(?<=\S)[{SINGLE_QUOTE_MARKS}](?=$|[\s.,;:!?)\]—–-])")

SPEECH_VERBS: dict[str, tuple[str, ...]] = {
    # lemma: irregular forms beyond the regular -s/-ed/-ing
    "say": ("said",),
    "tell": ("told",),
    "add": (),
    "explain": (),
    "claim": (),
    "argue": (),
    "warn": (),
    "insist": (),
    "deny": (),
    "tweet": (),
    "write": ("wrote", "written"),
    "ask": (),
    "state": (),
    "announce": (),
    "note": (),
    "report": (),
    "declare": (),
    "describe": (),
    "call": (),
    "suggest": (),
    "acknowledge": (),
    "admit": ("admitted", "admitting"),
    "reply": (),
    "respond": (),
    "comment": (),
    "remark": (),
    "observe": (),
    "mention": (),
    "testify": (),
    "confirm": (),
    "concede": (),
    "assert": (),
    "contend": (),
    "maintain": (),
    "stress": (),
    "emphasize": (),
    "emphasise": (),
    "predict": (),
    "promise": (),
    "vow": (),
    "pledge": (),
    "urge": (),
    "recall": (),
    "speak": ("spoke", "spoken"),
    "shout": (),
    "yell": (),
    "scream": (),
    "whisper": (),
    "joke": (),
    "quip": ("quipped", "quipping"),
    "boast": (),
    "complain": (),
    "protest": (),
    "charge": (),
    "allege": (),
    "accuse": (),
    "criticize": (),
    "criticise": (),
    "praise": (),
    "retort": (),
    "counter": (),
    "interject": (),
    "conclude": (),
    "recount": (),
    "reveal": (),
    "disclose": (),
    "inform": (),
    "assure": (),
    "point": (),
    "post": (),
    "reiterate": (),
    "repeat": (),
    "proclaim": (),
    "exclaim": (),
    "query": (),
    "demand": (),
    "caution": (),
}

SPEECH_PHRASES: tuple[str, ...] = ("according to",)
COLON_CUES = frozenset({":"})


def _inflections(lemma: str) -> set[str]:
    """Regular English verb forms: say -> says, sayed; deny -> denies, denied; note -> noted."""
    forms = {lemma}
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"}
    elif lemma.endswith("e"):
        forms |= {lemma + "s", lemma + "d", lemma[:-1] + "ing"}
    else:
        plural = lemma + ("es" if lemma.endswith(("s", "sh", "ch", "x", "z")) else "s")
        forms |= {plural, lemma + "ed", lemma + "ing"}
    return forms


SPEECH_WORDS: frozenset[str] = frozenset(
    form
    for lemma, irregular in SPEECH_VERBS.items()
    for form in _inflections(lemma) | set(irregular)
)


def is_speech_cue(cue_text: str | None) -> bool:
    """Whether a cue (``said``, ``has told``, ``:``, ``according to``) reports speech."""
    if not cue_text:
        return False
    lowered = " ".join(cue_text.lower().split())
    if lowered in COLON_CUES:
        return True
    if any(phrase in lowered for phrase in SPEECH_PHRASES):
        return True
    return any(word in SPEECH_WORDS for word in re.findall(r"[a-z]+", lowered))


def has_quote_mark(text: str) -> bool:
    """Whether ``text`` quotes someone: a double mark, or single marks used as quotes."""
    if any(ch in DOUBLE_QUOTE_MARKS for ch in text):
        return True
    opening = _OPENING_SINGLE.search(text)
    if opening is None:
        return False
    return _CLOSING_SINGLE.search(text, opening.end()) is not None
