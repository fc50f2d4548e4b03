"""Full-text queries as users type them, made safe and bounded before SQLite's FTS5 sees them.

The accepted syntax is FTS5's own core: words (all must occur), ``"quoted phrases"``,
``word*`` prefixes, ``AND`` / ``OR`` / ``NOT`` between terms and parentheses. Other
punctuation a user types (apostrophes, hyphens, curly quotes) only separates words. What
FTS5 could not read, or would read as something else, is refused with a
:class:`SearchQueryError` saying what is wrong, never answered with no hits: a phrase whose
``"`` is never closed, an operator without a term on each side, unmatched parentheses, a
column filter (``col:``). A query with too many terms or characters is refused too: each term
is one more FTS phrase to intersect, and thousands of them kept a search busy for minutes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import CorpusError, SearchQueryError

OPERATORS = frozenset({"AND", "OR", "NOT"})
_TOKEN = re.compile(r'"([^"]*)"|(\()|(\))|(\w+\*?)|(\S)', re.UNICODE)
_WORD = re.compile(r"\w+", re.UNICODE)
COLUMN_MARK = ":"
"""``col:term`` is FTS5's column filter: a colon right after a word (not a number: ``12:30``)."""


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

    Raises :class:`SearchQueryError` for a malformed query and :class:`CorpusError` for one
    over the limits.
    """
    if len(text) > limits.max_chars:
        raise CorpusError(
            f"the search text has {len(text)} characters; at most {limits.max_chars} are allowed",
            advice="search for fewer, more telling words",
        )
    parts: list[str] = []
    terms = 0
    depth = 0
    for match in _TOKEN.finditer(text):
        phrase, opening, closing, word, other = match.groups()
        if other == '"':
            raise SearchQueryError(
                "a '\"' in the search text is never closed",
                advice='close the phrase: "rebuild the pier"',
            )
        if word and not word.isdigit() and text.startswith(COLUMN_MARK, match.end()):
            raise SearchQueryError(
                f"'{word}{COLUMN_MARK}' asks for a column, which search does not take",
                advice="search for the words without the colon",
            )
        if phrase is not None and _WORD.search(phrase):
            words = _WORD.findall(phrase)
            _and_beside_parenthesis(parts, '"' + " ".join(words) + '"')
            terms += len(words)
        elif opening:
            _and_beside_parenthesis(parts, "(")
            depth += 1
        elif closing:
            if depth == 0:
                raise SearchQueryError("a ')' in the search text has no '(' before it")
            _check_end(parts, "')'")
            parts.append(")")
            depth -= 1
        elif word in OPERATORS:
            if not parts or parts[-1] in OPERATORS or parts[-1] == "(":
                raise SearchQueryError(
                    f"'{word}' needs a search term before it",
                    advice=f"put it between two terms: harbour {word} ferry",
                )
            parts.append(word)
        elif word:
            _and_beside_parenthesis(parts, f'"{word[:-1]}"*' if word.endswith("*") else f'"{word}"')
            terms += 1
    _check_end(parts, "the end of the search")
    if depth:
        raise SearchQueryError("a '(' in the search text is never closed")
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


def _and_beside_parenthesis(parts: list[str], piece: str) -> None:
    """Append ``piece``; FTS5 ANDs terms side by side but not a term and a parenthesis
    (``harbour (pier OR ferry)``), so the AND is written there."""
    beside = bool(parts) and parts[-1] not in OPERATORS and parts[-1] != "("
    if beside and (piece == "(" or parts[-1] == ")"):
        parts.append("AND")
    parts.append(piece)


def _check_end(parts: list[str], where: str) -> None:
    """An operator or a ``(`` right before ``where`` (a ``)``, the end) has no term after it."""
    if parts and parts[-1] in OPERATORS:
        raise SearchQueryError(
            f"'{parts[-1]}' needs a search term after it, before {where}",
            advice=f"put it between two terms: harbour {parts[-1]} ferry",
        )
    if parts and parts[-1] == "(":
        raise SearchQueryError("a '(' in the search text has no search term after it")


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
