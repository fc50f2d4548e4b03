"""Finds every attribution in a parsed article (stub)."""

from __future__ import annotations

from spacy.tokens import Doc

from ..model import Quote, Region


def attribute(doc: Doc, regions: list[Region]) -> list[Quote]:
    return []
