"""The per-article pipeline on Apache Spark, for collections too big for one machine.

Each partition runs the very code ``newsquotes extract`` runs: a JSON record becomes an
article through the JSONL reader, then :class:`~newsquotes.pipeline.Pipeline` finds its quotes.
The spaCy model loads once per Python worker (the first partition with a row loads it, later
partitions on that worker reuse it), never once per row. A bad row becomes
``{"id": ..., "error": ..., "code": ...}`` in the output, so one broken article never fails a
job that runs for hours.

pyspark is optional (``pip install 'newsquotes[spark]'``); :func:`extract_partition` needs no
Spark at all and is what the tests run.

    python -m newsquotes.spark articles.jsonl out/
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, Protocol

# Absolute imports: spark-submit may run this file as a script, outside its package.
from newsquotes.errors import DocumentError, FormatError, NewsquotesError
from newsquotes.model import Article
from newsquotes.read.jsonl import article_from_record

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

ERROR_CODE = DocumentError.code
"""Code of a failure that is not one of ours (a crash inside the pipeline)."""


class ArticleProcessor(Protocol):
    def process(self, article: Article) -> Article: ...


def _default_pipeline() -> ArticleProcessor:
    from newsquotes.pipeline import default_pipeline

    return default_pipeline()


def _as_record(row: Any) -> Any:
    """A plain dict from a dict, a pyspark ``Row`` or a line of JSON text."""
    if hasattr(row, "asDict"):
        return row.asDict(recursive=True)
    if isinstance(row, bytes | bytearray):
        row = bytes(row).decode("utf-8-sig")
    if isinstance(row, str):
        try:
            return json.loads(row)
        except ValueError as exc:
            raise FormatError("line", f"not valid JSON ({exc})") from None
    return row


def _row_id(record: dict[str, Any]) -> str | None:
    if isinstance(record.get("id"), str | int | float) and not isinstance(record["id"], bool):
        return str(record["id"])
    return None


def _error(row_id: str | None, exc: BaseException) -> dict[str, Any]:
    if isinstance(exc, DocumentError):
        code, message = exc.code, exc.reason
    elif isinstance(exc, NewsquotesError):
        code, message = exc.code, exc.message
    else:
        code, message = ERROR_CODE, f"{type(exc).__name__}: {exc}"
    return {"id": row_id, "error": message, "code": code}


def extract_one(row: Any, pipeline: ArticleProcessor) -> dict[str, Any]:
    """One input row (``{id, text|html, title?, url?, published?, outlet?}``) to the article
    dict, or to ``{"id", "error", "code"}`` when it cannot be processed."""
    row_id: str | None = None
    try:
        record = _as_record(row)
        if not isinstance(record, dict):
            raise FormatError("row", f"expected a JSON object, got {type(record).__name__}")
        row_id = _row_id(record)
        if row_id is None or not row_id.strip():
            raise FormatError("row", "the record has no 'id' (a string or number)")
        article = article_from_record(record, name=row_id, default_id=row_id)
        source = record.get("source")
        article.source = str(source) if isinstance(source, str | int) else None
        return pipeline.process(article).to_dict()
    except Exception as exc:  # any failure of one row must not stop the job
        return _error(row_id, exc)


def extract_partition(
    rows: Iterable[Any],
    pipeline_factory: Callable[[], ArticleProcessor] | None = None,
) -> Iterator[dict[str, Any]]:
    """Article dicts for the rows of one partition (dicts, ``Row`` objects or JSON lines).

    Use as ``rdd.mapPartitions(extract_partition)``. The pipeline is made on the first row
    only, so empty partitions cost nothing; the default factory keeps one pipeline per worker
    process, which Spark reuses across partitions. Blank lines are skipped.
    """
    pipeline: ArticleProcessor | None = None
    for row in rows:
        if isinstance(row, str | bytes | bytearray) and not row.strip():
            continue
        if pipeline is None:
            pipeline = (pipeline_factory or _default_pipeline)()
        yield extract_one(row, pipeline)


def _session() -> SparkSession:
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:
        raise NewsquotesError(
            "running on Spark needs pyspark", advice="pip install 'newsquotes[spark]'"
        ) from exc
    # Without spark-submit this runs locally on every core; spark-submit's settings win.
    return SparkSession.builder.appName("newsquotes").getOrCreate()


def run(
    input_path: str,
    output_path: str,
    spark: SparkSession | None = None,
    *,
    partitions: int | None = None,
) -> None:
    """Read JSON Lines articles at ``input_path`` (file, folder or glob; .gz is fine) and write
    one JSON line per article, or per failed row, as text part files in ``output_path``.

    Lines are read as text, not with ``spark.read.json``, so a malformed line becomes an error
    row rather than a ``_corrupt_record`` and every article keeps its fields exactly.
    ``partitions`` repartitions the input first (more parallelism for a few large files).
    """
    session = spark or _session()
    lines = session.sparkContext.textFile(input_path)
    if partitions:
        lines = lines.repartition(partitions)
    results = lines.mapPartitions(extract_partition)
    results.map(lambda record: json.dumps(record, ensure_ascii=False)).saveAsTextFile(output_path)


def main(argv: list[str] | None = None) -> int:
    """``python -m newsquotes.spark IN OUT``: the job, for spark-submit or a local run."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2 or args[0] in ("-h", "--help"):
        print(
            "usage: python -m newsquotes.spark INPUT OUTPUT\n"
            "  INPUT   JSON Lines articles ({id, text|html, ...}); file, folder or glob\n"
            "  OUTPUT  folder to create with JSON Lines part files of articles",
            file=sys.stderr,
        )
        return 0 if args and args[0] in ("-h", "--help") else 2
    try:
        session = _session()
    except NewsquotesError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    try:
        run(args[0], args[1], session)
    finally:
        session.stop()
    return 0


if __name__ == "__main__":
    # Run the imported module's main, not this ``__main__`` copy: Spark ships functions to the
    # workers by module name, and ``__main__`` there is not this file.
    from newsquotes.spark import main as _main

    sys.exit(_main())


__all__ = ["extract_one", "extract_partition", "main", "run"]
