"""The Spark job's plain-Python half: files to documents, documents through the one loop, and
each outcome to the rows of the ``articles``, ``quotes``, ``speakers`` and ``errors`` tables.

Nothing here imports pyspark, so all of it is tested on plain lists. Every row carries ``seq``,
the document's place in the input (file index, then position in the file): the order a local
``newsquotes ingest`` would meet it in, which ``newsquotes load`` follows.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from ..errors import DocumentError, FormatError
from ..loop import ArticleProcessor, Failure, failure_of, process_documents
from ..model import Article
from ..read import read_bytes
from ..read.jsonl import article_from_record
from ..store.corpus import text_hash

FILE_INDEX_BITS = 32
"""``seq = file_index << FILE_INDEX_BITS | position``: up to 4 billion documents per file."""

UNKNOWN_MONTH = "unknown"
"""The ``month`` partition of articles without a usable publication date."""

PARQUET_MAGIC = b"PAR1"
LOCAL_SCHEME = "file:"

_MONTH = re.compile(r"(\d{4})-(\d{2})")

PipelineFactory = Callable[[], ArticleProcessor]

# One pipeline per Python worker process: Spark reuses its workers across tasks, so the model
# loads once per worker, not once per partition.
_worker_pipeline: ArticleProcessor | None = None


def default_pipeline_factory() -> ArticleProcessor:
    """This worker's shared spaCy pipeline, loaded on first use."""
    global _worker_pipeline
    if _worker_pipeline is None:
        from ..pipeline import default_pipeline

        _worker_pipeline = default_pipeline()
    return _worker_pipeline


def make_seq(file_index: int, position: int) -> int:
    return (file_index << FILE_INDEX_BITS) | position


def source_name(path: str) -> str:
    """A local file as a plain path (as ``ingest`` names it); other URLs (hdfs://, s3a://) as
    they are."""
    if path.startswith(LOCAL_SCHEME):
        rest = path[len(LOCAL_SCHEME) :]
        return "/" + rest.lstrip("/") if rest.startswith("/") else rest
    return path


def file_stem(name: str) -> str:
    """The id stem of records without an id: the file name without its extensions."""
    base = name.rstrip("/").rsplit("/", 1)[-1]
    if base.lower().endswith(".gz"):
        base = base[:-3]
    return base.rsplit(".", 1)[0] if "." in base.lstrip(".") else base


def publication_month(published: str | None) -> str:
    """``YYYY-MM`` of an ISO date or date-time, else ``unknown``."""
    match = _MONTH.match(published or "")
    if match is None or not 1 <= int(match.group(2)) <= 12:
        return UNKNOWN_MONTH
    return f"{match.group(1)}-{match.group(2)}"


# -- reading --------------------------------------------------------------------------------


def _parquet_documents(name: str, data: bytes) -> Iterator[Article | DocumentError]:
    """Rows of a Parquet file of articles (the JSONL fields as columns), one at a time."""
    import pyarrow.parquet as pq

    try:
        table = pq.read_table(io.BytesIO(data))
    except Exception as exc:  # pyarrow raises several types for a broken file
        yield FormatError(name, f"not a readable Parquet file ({type(exc).__name__}: {exc})")
        return
    stem = file_stem(name)
    for number, record in enumerate(table.to_pylist(), start=1):
        row_name = f"{name}#{number}"
        try:
            article = article_from_record(record, name=row_name, default_id=f"{stem}-{number}")
        except DocumentError as exc:
            yield exc
            continue
        yield article


def read_file(name: str, data: bytes) -> Iterator[Article | DocumentError]:
    """Documents of one input file: Parquet by its magic number, else sniffed as ``ingest``
    sniffs it (WARC, JSONL, HTML, text; gzip undone)."""
    if data.startswith(PARQUET_MAGIC):
        return _parquet_documents(name, data)
    return read_bytes(name, data, file_stem(name))


def read_partition(
    files: Iterable[tuple[int, str, bytes]],
) -> Iterator[tuple[int, dict[str, Any]]]:
    """``(seq, payload)`` for every document in ``(file_index, path, content)`` triples: an
    article dict, or ``{"failure": ...}`` for a document that could not be read."""
    for file_index, path, content in files:
        name = source_name(path)
        position = 0
        try:
            for position, item in enumerate(read_file(name, bytes(content))):
                seq = make_seq(file_index, position)
                if isinstance(item, DocumentError):
                    yield seq, {"failure": failure_of(item.document, item).to_dict()}
                else:
                    item.source = item.source or name
                    yield seq, item.to_dict()
        except Exception as exc:  # a reader's crash ends this file, never the job
            failure = failure_of(name, exc)
            yield make_seq(file_index, position + 1), {"failure": failure.to_dict()}


# -- processing -----------------------------------------------------------------------------


def _item(payload: dict[str, Any]) -> Article | Failure:
    if "failure" in payload:
        return Failure(**payload["failure"])
    return Article.from_dict(payload)


def process_partition(
    items: Iterable[tuple[int, dict[str, Any]]],
    pipeline_factory: PipelineFactory = default_pipeline_factory,
) -> Iterator[dict[str, Any]]:
    """Each ``(seq, payload)`` through :func:`newsquotes.loop.process_documents`, to an outcome
    ``{"seq", "article"}`` or ``{"seq", "failure"}``. The pipeline is made at the first item,
    so an empty partition loads no model."""
    pipeline: ArticleProcessor | None = None
    for seq, payload in items:
        item = _item(payload)
        if pipeline is None and isinstance(item, Article):
            pipeline = pipeline_factory()
        for outcome in process_documents([item], pipeline):  # type: ignore[arg-type]
            if isinstance(outcome, Failure):
                yield {"seq": seq, "failure": outcome.to_dict()}
            else:
                yield {"seq": seq, "article": outcome.to_dict()}


# -- table rows -----------------------------------------------------------------------------

ARTICLE_COLUMNS = (
    "seq",
    "id",
    "source",
    "url",
    "title",
    "outlet",
    "published",
    "authors",
    "language",
    "text",
    "text_hash",
    "regions",
    "entities",
    "month",
)
QUOTE_COLUMNS = (
    "seq",
    "article_id",
    "article_source",
    "position",
    "id",
    "type",
    "spans",
    "text",
    "cue",
    "speaker",
    "speaker_id",
    "speaker_name",
    "confidence",
    "act",
    "via",
    "resolved_by",
    "speaker_key",
    "month",
)
SPEAKER_COLUMNS = (
    "seq",
    "article_id",
    "article_source",
    "position",
    "id",
    "name",
    "kind",
    "aliases",
    "description",
    "roles",
    "organizations",
    "month",
)
ERROR_COLUMNS = ("seq", "source", "code", "message")


def _ordered(record: dict[str, Any], columns: tuple[str, ...]) -> tuple[Any, ...]:
    return tuple(record.get(column) for column in columns)


def quote_speaker_key(quote: dict[str, Any], speaker_ids: set[str]) -> str | None:
    """The article speaker a quote is credited to, as the corpus links them: its
    ``speaker_id`` when that names one of the article's speakers, else none."""
    speaker_id = quote.get("speaker_id")
    return str(speaker_id) if speaker_id in speaker_ids else None


def article_row(outcome: dict[str, Any]) -> tuple[Any, ...]:
    article = outcome["article"]
    record = {
        **article,
        "seq": outcome["seq"],
        "text_hash": text_hash(article["text"]),
        "month": publication_month(article.get("published")),
    }
    return _ordered(record, ARTICLE_COLUMNS)


def _article_context(outcome: dict[str, Any]) -> dict[str, Any]:
    article = outcome["article"]
    return {
        "seq": outcome["seq"],
        "article_id": article["id"],
        "article_source": article.get("source"),
        "month": publication_month(article.get("published")),
    }


def quote_rows(outcome: dict[str, Any]) -> Iterator[tuple[Any, ...]]:
    if "article" not in outcome:
        return
    context = _article_context(outcome)
    speaker_ids = {str(s["id"]) for s in outcome["article"]["speakers"]}
    for position, quote in enumerate(outcome["article"]["quotes"]):
        key = quote_speaker_key(quote, speaker_ids)
        record = {**quote, **context, "position": position, "speaker_key": key}
        yield _ordered(record, QUOTE_COLUMNS)


def speaker_rows(outcome: dict[str, Any]) -> Iterator[tuple[Any, ...]]:
    if "article" not in outcome:
        return
    context = _article_context(outcome)
    for position, speaker in enumerate(outcome["article"]["speakers"]):
        yield _ordered({**speaker, **context, "position": position}, SPEAKER_COLUMNS)


def error_row(outcome: dict[str, Any]) -> tuple[Any, ...]:
    return _ordered({**outcome["failure"], "seq": outcome["seq"]}, ERROR_COLUMNS)


# Spark SQL types of the tables (DDL, so this module needs no pyspark). Field names are the
# model's to_dict keys; ``end`` is quoted because it is an SQL keyword.
_SPAN = "STRUCT<start: BIGINT, `end`: BIGINT, text: STRING>"
ARTICLE_DDL = (
    "seq BIGINT, id STRING, source STRING, url STRING, title STRING, outlet STRING, "
    "published STRING, authors ARRAY<STRING>, language STRING, text STRING, text_hash STRING, "
    "regions ARRAY<STRUCT<kind: STRING, start: BIGINT, `end`: BIGINT>>, "
    "entities ARRAY<STRUCT<start: BIGINT, `end`: BIGINT, text: STRING, label: STRING>>, "
    "month STRING"
)
QUOTE_DDL = (
    "seq BIGINT, article_id STRING, article_source STRING, position INT, id STRING, "
    f"type STRING, spans ARRAY<ARRAY<BIGINT>>, text STRING, cue {_SPAN}, speaker {_SPAN}, "
    "speaker_id STRING, speaker_name STRING, confidence DOUBLE, act STRING, via STRING, "
    "resolved_by STRING, speaker_key STRING, month STRING"
)
SPEAKER_DDL = (
    "seq BIGINT, article_id STRING, article_source STRING, position INT, id STRING, "
    "name STRING, kind STRING, aliases ARRAY<STRING>, description STRING, "
    "roles ARRAY<STRING>, organizations ARRAY<STRING>, month STRING"
)
ERROR_DDL = "seq BIGINT, source STRING, code STRING, message STRING"
