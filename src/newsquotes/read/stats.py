"""Counts a read collects, so a batch can say what it read, what it skipped and why."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass(slots=True)
class ReadStats:
    """What :func:`newsquotes.read.read_documents` saw: nothing is skipped without a count."""

    documents: int = 0
    """Articles read successfully."""
    errors: int = 0
    """Documents (or container records) that became a :class:`DocumentError`."""
    sources: int = 0
    """Files (or stdin) opened."""
    formats: Counter[str] = field(default_factory=Counter)
    """Sources by detected format: warc, jsonl, html, text."""
    skipped: Counter[str] = field(default_factory=Counter)
    """WARC records and folder files passed over on purpose, by reason (``request``,
    ``non-html response``, ``not an article (.ann)`` ...)."""

    def to_dict(self) -> dict[str, object]:
        return {
            "documents": self.documents,
            "errors": self.errors,
            "sources": self.sources,
            "formats": dict(self.formats),
            "skipped": dict(self.skipped),
        }
