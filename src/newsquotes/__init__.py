"""newsquotes: who said what, in the news.

>>> import newsquotes
>>> article = newsquotes.extract('"We will win," said Jana Novak, the party leader.')
>>> [(q.speaker_name, q.text) for q in article.quotes]
[('Jana Novak', '"We will win,"')]
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import DocumentError, NewsquotesError
from .model import Article, Quote, Region, Span, Speaker

__version__ = "0.1.0"

if TYPE_CHECKING:
    from .pipeline import Pipeline
    from .store.corpus import Corpus


def extract(text: str, **kwargs: Any) -> Article:
    """Find every quote in ``text`` and who said it (see :func:`newsquotes.pipeline.extract`)."""
    from .pipeline import extract as _extract

    return _extract(text, **kwargs)


def __getattr__(name: str) -> Any:
    # Heavy modules (spaCy, SQLite corpus) load only when asked for.
    if name == "Pipeline":
        from .pipeline import Pipeline

        return Pipeline
    if name == "Corpus":
        from .store.corpus import Corpus

        return Corpus
    raise AttributeError(name)


__all__ = [
    "Article",
    "Corpus",
    "DocumentError",
    "NewsquotesError",
    "Pipeline",
    "Quote",
    "Region",
    "Span",
    "Speaker",
    "extract",
]
