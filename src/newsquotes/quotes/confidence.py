"""Confidence that an attribution is right, calibrated on annotated news.

Each attribution falls into a class: the rule that found it, the kind of cue and the kind
of speaker mention. ``data/confidence.json`` holds, per class, the share of such
predictions that matched a gold attribution on the PolNeAR training split (smoothed
towards the rule's prior); ``scripts/calibrate_confidence.py`` rebuilds it. A threshold on
confidence therefore trades precision for recall in a predictable way.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

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


def class_key(rule: str, cue: str, speaker: str) -> str:
    return f"{rule}|{cue}|{speaker}"


@lru_cache(maxsize=1)
def _table() -> dict[str, float]:
    try:
        raw = resources.files("newsquotes").joinpath("data/confidence.json").read_text("utf-8")
    except (FileNotFoundError, OSError):
        return {}
    return {key: float(value) for key, value in json.loads(raw)["classes"].items()}


def calibrated(key: str, prior: float) -> float:
    """The calibrated confidence of class ``key``, or ``prior`` for an unseen class."""
    return _table().get(key, prior)
