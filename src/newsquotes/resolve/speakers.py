"""Resolves speaker mentions to one record per person in the article (stub)."""

from __future__ import annotations

from spacy.tokens import Doc

from ..model import Quote, Speaker


def resolve_speakers(doc: Doc, quotes: list[Quote]) -> list[Speaker]:
    return []
