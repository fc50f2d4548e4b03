"""The one document loop: read → process → record the error → store.

``extract``, ``ingest``, ``serve`` and the Spark job all run documents through
:func:`process_documents`, so a bad document is mapped to the same :class:`Failure` (source,
code, reason) everywhere and the batch goes on with the rest.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from typing import Any, Protocol

from .errors import DocumentError, NewsquotesError
from .model import Article

DEFAULT_BATCH_SIZE = 16
UNEXPECTED_ERROR_CODE = DocumentError.code


class ArticleProcessor(Protocol):
    """What the loop needs of a pipeline (``newsquotes.pipeline.Pipeline`` is one)."""

    def process(self, article: Article) -> Article: ...


@dataclass(frozen=True, slots=True)
class Failure:
    """One document that could not be processed: where it came from, the code, the reason."""

    source: str
    code: str
    message: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def __str__(self) -> str:
        return f"[{self.code}] {self.source}: {self.message}"


Outcome = Article | Failure


def failure_of(source: str, exc: BaseException) -> Failure:
    """The one mapping from an exception raised for a document to its recorded failure."""
    if isinstance(exc, DocumentError):
        message = exc.reason + (f" ({exc.advice})" if exc.advice else "")
        return Failure(exc.document or source, exc.code, message)
    if isinstance(exc, NewsquotesError):
        return Failure(source, exc.code, exc.message)
    return Failure(source, UNEXPECTED_ERROR_CODE, f"{type(exc).__name__}: {exc}")


def process_one(pipeline: ArticleProcessor, article: Article) -> Outcome:
    """``pipeline.process(article)``, or its failure: never raises for a bad document."""
    source = article.source or article.id
    try:
        return pipeline.process(article)
    except Exception as exc:  # one document's crash must not end the batch
        return failure_of(source, exc)


def process_documents(
    items: Iterable[Article | DocumentError | Failure], pipeline: ArticleProcessor
) -> Iterator[Outcome]:
    """Each item processed in order: articles through the pipeline, read errors passed on
    as failures. Streaming: one item in memory at a time beyond what the reader holds."""
    for item in items:
        if isinstance(item, Failure):
            yield item
        elif isinstance(item, DocumentError):
            yield failure_of(item.document, item)
        else:
            yield process_one(pipeline, item)
