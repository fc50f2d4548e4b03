"""Helpers shared by the tests that read what the pipeline found in a small article."""

from __future__ import annotations

from newsquotes.model import Article, Quote, Speaker


def quote_at(article: Article, part: str) -> Quote:
    """The one quote whose content overlaps ``part`` of the article's text."""
    start = article.text.index(part)
    end = start + len(part)
    found = [q for q in article.quotes if any(s < end and start < e for s, e in q.spans)]
    assert found, f"no quote covers {part!r}: {[q.text for q in article.quotes]}"
    assert len(found) == 1, [q.text for q in found]
    return found[0]


def speaker_named(article: Article, name: str) -> Speaker:
    """The article's one speaker record called ``name``."""
    found = [s for s in article.speakers if s.name == name]
    assert len(found) == 1, [s.name for s in article.speakers]
    return found[0]


def speaker_of(article: Article, quote: Quote) -> Speaker:
    """The speaker record a quote was resolved to."""
    speaker = article.speaker(quote.speaker_id)
    assert speaker is not None, (quote.text, quote.speaker, quote.resolved_by)
    return speaker


SEED_SPEAKERS = [
    "Analysts",
    "Temur Umarov",
    "Temur Umarov",
    "Aliaksandr Klaskouski",
    "Belarusians",
    "Aliaksandr Klaskouski",
    "Aliaksandr Klaskouski",
    "Temur Umarov",
]
"""The resolved speaker of each seed gold attribution, in the order of the text (and of the
gold's E lines); a group is given by the first word of its name."""
