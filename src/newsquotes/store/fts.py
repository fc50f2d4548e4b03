"""Full-text queries as users type them, made safe and bounded before SQLite's FTS5 sees them.

The accepted syntax is FTS5's own core: words (all must occur), ``"quoted phrases"``,
``word*`` prefixes, ``AND`` / ``OR`` / ``NOT`` and parentheses. Everything else a user types
(apostrophes, colons, stray quote marks) is dropped rather than turned into an FTS5 syntax
error, and a query with too many terms or characters is refused: each term is one more FTS
phrase to intersect, and thousands of them kept a search busy for minutes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import CorpusError

OPERATORS = frozenset({"AND", "OR", "NOT"})
_TOKEN = re.compile(r'"([^"]*)"|(\()|(\))|(\w+\*?)|\S', re.UNICODE)
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class QueryLimits:
    """How large and how slow a full-text search may be before it is refused."""

    max_chars: int = 500
    """Longest query text (characters)."""
    max_terms: int = 24
    """Most words (inside phrases too) in one query."""
    max_seconds: float = 2.0
    """Longest CPU time one search (count and page together) may take in SQLite."""
    check_every: int = 10_000
    """SQLite steps between two looks at the clock (each look costs a Python call)."""


DEFAULT_LIMITS = QueryLimits()


def fts_query(text: str, limits: QueryLimits = DEFAULT_LIMITS) -> str | None:
    """The FTS5 MATCH expression for what a user typed, or None when it holds no words;
    words and phrases that must all occur come in one order, repeats dropped.

    Raises :class:`CorpusError` for a query over the limits or with unbalanced parentheses.
    """
    if len(text) > limits.max_chars:
        raise CorpusError(
            f"the search text has {len(text)} characters; at most {limits.max_chars} are allowed",
            advice="search for fewer, more telling words",
        )
    parts: list[str] = []
    terms = 0
    depth = 0
    for phrase, opening, closing, word in _TOKEN.findall(text):
        if phrase:
            words = _WORD.findall(phrase)
            if words:
                parts.append('"' + " ".join(words) + '"')
                terms += len(words)
        elif opening:
            parts.append("(")
            depth += 1
        elif closing:
            if depth == 0:
                raise CorpusError("a ')' in the search text has no '(' before it")
            parts.append(")")
            depth -= 1
        elif word in OPERATORS:
            parts.append(word)
        elif word.endswith("*"):
            parts.append(f'"{word[:-1]}"*')
            terms += 1
        elif word:
            parts.append(f'"{word}"')
            terms += 1
    if depth:
        raise CorpusError("a '(' in the search text is never closed")
    if terms > limits.max_terms:
        raise CorpusError(
            f"the search has {terms} words; at most {limits.max_terms} are allowed",
            advice="search for fewer, more telling words",
        )
    if terms == 0:
        return None
    if not any(part in OPERATORS or part in "()" for part in parts):
        # Terms that must all occur match alike in any order: one expression (and so one
        # cached answer) for "harbour ferry" and "ferry harbour".
        parts = sorted(set(parts))
    return " ".join(parts)


_TERM = re.compile(r'"[^"]*"\*?')


def and_terms(expression: str) -> list[str] | None:
    """The terms of an expression :func:`fts_query` made of terms that must all occur
    (``"harbour" "ferry"*``), or None when it uses AND, OR, NOT or parentheses."""
    terms = _TERM.findall(expression)
    return terms if " ".join(terms) == expression else None


def like_pattern(text: str) -> str:
    """``%text%`` for ``LIKE ... ESCAPE '\\'``, with the user's own ``%`` and ``_`` literal."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


__all__ = ["DEFAULT_LIMITS", "QueryLimits", "and_terms", "fts_query", "like_pattern"]
