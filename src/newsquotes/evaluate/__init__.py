"""Scoring quote attribution against brat standoff gold (PolNeAR layout)."""

from __future__ import annotations

from .brat import GoldAttribution, GoldDocument, GoldSet, parse_ann, read_gold
from .scoring import Report, Score, SubsetScores, evaluate, score_document

__all__ = [
    "GoldAttribution",
    "GoldDocument",
    "GoldSet",
    "Report",
    "Score",
    "SubsetScores",
    "evaluate",
    "parse_ann",
    "read_gold",
    "score_document",
]
