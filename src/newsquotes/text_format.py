"""Small helpers for what people read: counts with their nouns, cells cut with an ellipsis."""

from __future__ import annotations

ELLIPSIS = "…"


def plural(count: int, word: str, many: str | None = None) -> str:
    """``1 quote``, ``2 quotes``, ``1,200 speakers``: a count with its noun in the right number.

    >>> plural(1, "document"), plural(3, "entry", "entries")
    ('1 document', '3 entries')
    """
    return f"{count:,} {word if count == 1 else (many or word + 's')}"


def clip(text: str, width: int) -> str:
    """``text`` fitted into ``width`` characters; a cut shows as a trailing ellipsis.

    >>> clip("Jana Novak", 20), clip("Jana Novak-Horvathova", 10)
    ('Jana Novak', 'Jana Nova…')
    """
    if len(text) <= width:
        return text
    return text[: max(0, width - 1)] + ELLIPSIS if width > 0 else ""
