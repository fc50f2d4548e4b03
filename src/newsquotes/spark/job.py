"""The Spark job: input files → the one document loop per partition → Parquet tables.

Stages: (1) list the input files and read each into documents (articles or read failures),
(2) spread the documents over ``partitions`` and run the pipeline per partition through
:func:`newsquotes.loop.process_documents`, the model loaded once per Python worker, (3) mark
duplicate articles as the corpus would, (4) resolve speaker identity across articles
(:mod:`newsquotes.spark.identity`), (5) write ``articles``, ``quotes``, ``speakers`` and
``errors`` under ``--out``, the first three partitioned by publication month, replacing what a
previous run left there, and ``summary.json``.
"""

from __future__ import annotations

import glob
import json
import os
import sys
import time
import warnings
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import NewsquotesError, install_hint
from ..store.corpus import text_hash
from .identity import resolve_identities_on_spark
from .rows import (
    ARTICLE_DDL,
    ERROR_DDL,
    QUOTE_DDL,
    SPEAKER_DDL,
    PipelineFactory,
    article_row,
    default_pipeline_factory,
    error_row,
    process_partition,
    quote_rows,
    read_partition,
    speaker_rows,
)

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

APP_NAME = "newsquotes"
DEFAULT_MASTER = "local[*]"
PARTITIONS_PER_CORE = 4
"""Processing partitions per core by default: small enough tasks to balance the load."""

TABLES = ("articles", "quotes", "speakers", "errors")
PARTITION_COLUMN = "month"
SUMMARY_FILE = "summary.json"
PANDAS_WARNING = "PySpark does not yet fully support pandas"
SHUFFLE_CONF = "spark.sql.shuffle.partitions"
PYTHON_ENV = "PYSPARK_PYTHON"
PYTHON_CONF = "spark.pyspark.python"

SESSION_DEFAULTS = {
    "spark.ui.showConsoleProgress": "false",
    # Overwrite replaces each table whole: a rerun over the same input leaves the same files.
    "spark.sql.sources.partitionOverwriteMode": "static",
}


@dataclass(slots=True)
class SparkSummary:
    """What one run did; written as ``summary.json`` beside the tables."""

    articles: int = 0
    """Articles processed (duplicates included)."""
    duplicates: int = 0
    quotes: int = 0
    speakers: int = 0
    """Global speakers (identities) across the stored articles."""
    failures: int = 0
    seconds: float = 0.0
    """The whole run: listing, reading, processing, identity, writing."""
    articles_per_second: float = 0.0
    processing_seconds: float = 0.0
    """Reading and processing the documents alone (model loading included)."""
    partitions: int = 0
    master: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def line(self) -> str:
        return (
            f"{self.articles} articles ({self.duplicates} duplicates), {self.quotes} quotes, "
            f"{self.speakers} speakers, {self.failures} failures; {self.seconds:.1f}s "
            f"({self.articles_per_second:.1f} articles/s on {self.master})"
        )


def worker_python(conf: dict[str, str]) -> str | None:
    """The Python the workers should run: the driver's own, unless told otherwise (``--conf
    spark.pyspark.python=...`` or ``$PYSPARK_PYTHON``); None when told."""
    if conf.get(PYTHON_CONF) or os.environ.get(PYTHON_ENV):
        return None
    return sys.executable


def spark_session(master: str | None = None, conf: dict[str, str] | None = None) -> SparkSession:
    """A session for the job; under ``spark-submit`` its settings win, else ``master`` (local
    on every core by default) and ``conf``. Workers run this Python unless told otherwise."""
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:
        raise NewsquotesError(
            "running on Spark needs pyspark", advice=install_hint("spark")
        ) from exc
    # pyspark warns about pandas 3 on every DataFrame it makes; this job hands it no pandas.
    warnings.filterwarnings("ignore", message=PANDAS_WARNING, category=FutureWarning)
    conf = dict(conf or {})
    python = worker_python(conf)
    if python is not None:
        # pyspark starts local workers with $PYSPARK_PYTHON (else "python3", the system one).
        os.environ[PYTHON_ENV] = python
        conf[PYTHON_CONF] = python
    builder = SparkSession.builder.appName(APP_NAME)
    if master is not None:
        builder = builder.master(master)
    elif "PYSPARK_GATEWAY_PORT" not in os.environ:  # not under spark-submit
        builder = builder.master(DEFAULT_MASTER)
    for key, value in {**SESSION_DEFAULTS, **conf}.items():
        builder = builder.config(key, value)
    return builder.getOrCreate()


def _input_files(spark: SparkSession, inputs: Sequence[str]) -> DataFrame:
    """``path`` and ``content`` of every file under ``inputs`` (files, folders, globs; any
    Hadoop file system), hidden files (``.x``, ``_x``) left out as Spark does."""
    return (
        spark.read.format("binaryFile")
        .option("recursiveFileLookup", "true")
        .load(list(inputs))
        .select("path", "content")
    )


def check_inputs(inputs: Sequence[str]) -> None:
    """A clear error for a local path that names nothing (Spark's is a long Java trace)."""
    local = [p for p in inputs if "://" not in p and not p.startswith("file:")]
    missing = [p for p in local if not Path(p).exists() and not glob.glob(p, recursive=True)]
    if missing:
        raise NewsquotesError(
            "no such input: " + ", ".join(missing), advice="give files, folders or globs"
        )


def input_documents(spark: SparkSession, inputs: Sequence[str], partitions: int) -> Any:
    """RDD of ``(seq, payload)``: every document of the input, spread over ``partitions``."""
    files = _input_files(spark, inputs)
    names = sorted(row["path"] for row in files.select("path").collect())
    if not names:
        raise NewsquotesError(
            "the input holds no files", advice="check the paths: " + ", ".join(inputs)
        )
    index = spark.sparkContext.broadcast({name: i for i, name in enumerate(names)})
    triples = files.rdd.map(lambda row: (index.value[row["path"]], row["path"], row["content"]))
    return triples.mapPartitions(read_partition).repartition(partitions)


def _duplicate_free(articles: DataFrame) -> DataFrame:
    """``seq`` of the articles the corpus would store: not the same source, URL or text as an
    earlier article in the input."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    frame = articles.select("seq", "source", "url", "text_hash")
    repeated = F.lit(False)
    for column in ("source", "url", "text_hash"):
        first = F.min("seq").over(Window.partitionBy(column))
        repeated = repeated | (F.col(column).isNotNull() & (F.col("seq") > first))
    return frame.withColumn("repeated", repeated).where(~F.col("repeated")).select("seq")


def _with_identity(table: DataFrame, identities: DataFrame, key: str) -> DataFrame:
    return table.join(identities.withColumnRenamed("speaker_key", key), on=["seq", key], how="left")


def _write(frame: DataFrame, path: str, partitioned: bool) -> None:
    writer = frame.write.mode("overwrite")
    if partitioned:
        writer = writer.partitionBy(PARTITION_COLUMN)
    writer.parquet(path)


def run(
    inputs: Sequence[str],
    out: str,
    spark: SparkSession,
    *,
    partitions: int | None = None,
    pipeline_factory: PipelineFactory = default_pipeline_factory,
) -> SparkSummary:
    """Run the whole job over ``inputs`` into the folder ``out``; returns the run summary."""
    from pyspark import StorageLevel
    from pyspark.sql import functions as F

    started = time.monotonic()
    check_inputs(inputs)
    partitions = partitions or spark.sparkContext.defaultParallelism * PARTITIONS_PER_CORE
    if not spark.sparkContext.getConf().contains(SHUFFLE_CONF):
        # Spark's default of 200 shuffle partitions makes hundreds of tiny tasks on a small run.
        spark.conf.set(SHUFFLE_CONF, str(partitions))
    documents = input_documents(spark, inputs, partitions)
    outcomes = documents.mapPartitions(lambda items: process_partition(items, pipeline_factory))
    outcomes.persist(StorageLevel.MEMORY_AND_DISK)
    try:
        processing_started = time.monotonic()
        outcomes.count()  # read and process once; every table below reuses the cached outcomes
        processing_seconds = time.monotonic() - processing_started
        articles = spark.createDataFrame(
            outcomes.filter(lambda o: "article" in o).map(article_row), schema=ARTICLE_DDL
        )
        quotes = spark.createDataFrame(outcomes.flatMap(quote_rows), schema=QUOTE_DDL)
        speakers = spark.createDataFrame(outcomes.flatMap(speaker_rows), schema=SPEAKER_DDL)
        errors = spark.createDataFrame(
            outcomes.filter(lambda o: "failure" in o).map(error_row), schema=ERROR_DDL
        )
        stored = _duplicate_free(articles).cache()
        stored_articles = (
            outcomes.filter(lambda o: "article" in o)
            .map(lambda o: (o["seq"], o["article"]))
            .join(stored.rdd.map(lambda row: (row["seq"], True)), partitions)
            .map(lambda kept: (kept[0], kept[1][0], text_hash(kept[1][0]["text"])))
        )
        identities = resolve_identities_on_spark(spark, stored_articles, partitions).cache()
        articles = articles.join(stored.withColumn("duplicate", F.lit(False)), "seq", "left")
        articles = articles.fillna(True, subset=["duplicate"])
        tables = {
            "articles": articles,
            "quotes": _with_identity(quotes, identities, "speaker_key"),
            "speakers": _with_identity(
                speakers.withColumnRenamed("id", "speaker_key"), identities, "speaker_key"
            ).withColumnRenamed("speaker_key", "id"),
            "errors": errors,
        }
        for name, frame in tables.items():
            _write(frame, f"{out.rstrip('/')}/{name}", partitioned=name != "errors")
        summary = _summary(outcomes, stored, identities)
    finally:
        outcomes.unpersist()
    summary.seconds = time.monotonic() - started
    summary.articles_per_second = summary.articles / summary.seconds if summary.seconds else 0.0
    summary.partitions = partitions
    summary.processing_seconds = processing_seconds
    summary.master = spark.sparkContext.master
    _write_summary(spark, out, summary)
    return summary


def _summary(outcomes: Any, stored: DataFrame, identities: DataFrame) -> SparkSummary:
    from pyspark.sql import functions as F

    def counts(outcome: dict[str, Any]) -> tuple[int, int, int]:
        if "article" in outcome:
            return 1, len(outcome["article"]["quotes"]), 0
        return 0, 0, 1

    articles, quotes, failures = outcomes.map(counts).fold(
        (0, 0, 0), lambda a, b: (a[0] + b[0], a[1] + b[1], a[2] + b[2])
    )
    return SparkSummary(
        articles=articles,
        duplicates=articles - stored.count(),
        quotes=quotes,
        speakers=identities.where(F.col("identity").isNotNull())
        .select("identity")
        .distinct()
        .count(),
        failures=failures,
    )


def _write_summary(spark: SparkSession, out: str, summary: SparkSummary) -> None:
    """``summary.json`` in ``out``: a local file, or through Hadoop for hdfs:// and s3a://."""
    text = json.dumps(summary.to_dict(), indent=2) + "\n"
    if "://" not in out or out.startswith("file://"):
        path = Path(out.removeprefix("file://")) / SUMMARY_FILE
        path.write_text(text, encoding="utf-8")
        return
    jvm = spark.sparkContext._jvm  # type: ignore[attr-defined]
    hadoop_path = jvm.org.apache.hadoop.fs.Path(f"{out.rstrip('/')}/{SUMMARY_FILE}")
    fs = hadoop_path.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration())  # type: ignore[attr-defined]
    stream = fs.create(hadoop_path, True)
    try:
        stream.write(bytearray(text.encode("utf-8")))
    finally:
        stream.close()
