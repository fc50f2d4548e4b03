"""Coarse classes of an attribution's cue and speaker mention.

The learned judge (:mod:`.learned`) uses them among its features; its probability is the
confidence of every attribution, learned on PolNeAR's training split.
"""

from __future__ import annotations

from spacy.tokens import Doc

from .context import cue_head
from .cues import BELIEF_VERBS, SPEECH_VERBS, cue_lemma

PERSONAL = {"he", "she", "they", "i", "we", "who", "him", "her", "them"}


def cue_class(doc: Doc, cue: tuple[int, int] | None) -> str:
    if cue is None:
        return "none"
    token = cue_head(doc, cue)
    lemma = cue_lemma(token.lemma_, token.text)
    if lemma == "say":
        return "say"
    if lemma in SPEECH_VERBS or token.lower_ == "according" or token.text == ":":
        return "speech"
    if lemma in BELIEF_VERBS:
        return "belief"
    return "other"


def speaker_class(doc: Doc, speaker: tuple[int, int] | None) -> str:
    if speaker is None:
        return "none"
    span = doc.char_span(speaker[0], speaker[1], alignment_mode="expand")
    if span is None or not len(span):
        return "none"
    root = span.root
    if root.pos_ == "PRON":
        return "pronoun" if root.lower_ in PERSONAL else "other-pronoun"
    if root.ent_type_ == "PERSON" or root.pos_ == "PROPN":
        return "name"
    return "noun"
