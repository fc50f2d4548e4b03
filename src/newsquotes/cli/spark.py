"""Spark commands: ``spark`` runs the corpus pipeline on Apache Spark, ``load`` stores its
output in the SQLite corpus; thin over :mod:`newsquotes.spark`."""

from __future__ import annotations

import json
import sys

import click

from ..errors import NewsquotesError
from ..store.corpus import Corpus, default_db_path
from .options import db_option


def _conf(values: tuple[str, ...]) -> dict[str, str]:
    conf: dict[str, str] = {}
    for value in values:
        key, sep, setting = value.partition("=")
        if not sep or not key.strip():
            raise click.BadParameter(f"{value!r} is not KEY=VALUE", param_hint="--conf")
        conf[key.strip()] = setting
    return conf


@click.command("spark")
@click.argument("inputs", nargs=-1, required=True)
@click.option(
    "--out",
    required=True,
    help="Output folder (local, hdfs://, s3a://); its tables are replaced by this run.",
)
@click.option(
    "--master",
    default=None,
    help="Spark master URL (local[2], yarn, spark://host:7077); default local[*], "
    "or spark-submit's.",
)
@click.option(
    "--partitions",
    type=click.IntRange(min=1),
    default=None,
    help="Processing partitions (default: 4 per core).",
)
@click.option("--conf", "conf", multiple=True, metavar="KEY=VALUE", help="Spark setting; repeat.")
def spark_command(
    inputs: tuple[str, ...],
    out: str,
    master: str | None,
    partitions: int | None,
    conf: tuple[str, ...],
) -> None:
    """Find the quotes in INPUTS (WARC, JSONL or Parquet files, folders or globs) on Spark and
    write Parquet tables articles, quotes, speakers and errors to --out.

    The workers run this Python unless --conf spark.pyspark.python or $PYSPARK_PYTHON say
    otherwise. A run summary is printed and written to OUT/summary.json; the exit status is 1
    when some documents failed (they are in OUT/errors).

    \b
    Example:
      newsquotes spark crawl/*.warc.gz --out quotes-out --master 'local[2]'
      newsquotes load quotes-out --db news.db
    """
    from ..spark.job import check_inputs, run, spark_session

    try:
        check_inputs(inputs)
        session = spark_session(master, _conf(conf))
    except NewsquotesError as exc:
        raise click.ClickException(str(exc)) from exc
    try:
        summary = run(list(inputs), out, session, partitions=partitions)
    except NewsquotesError as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        session.stop()
    click.echo(json.dumps(summary.to_dict()))
    click.echo(summary.line(), err=True)
    if summary.failures:
        click.echo(f"{summary.failures} documents failed; see {out}/errors", err=True)
        sys.exit(1)


@click.command("load")
@click.argument("folder")
@db_option
def load_command(folder: str, db: str | None) -> None:
    """Store the output FOLDER of `newsquotes spark` in the corpus; a rerun adds nothing.

    \b
    Example:
      newsquotes load quotes-out --db news.db && newsquotes serve --db news.db
    """
    from ..spark.load import load

    try:
        with Corpus(db if db is not None else default_db_path()) as corpus:
            summary = load(folder, corpus)
    except NewsquotesError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(summary.line(), err=True)


COMMANDS: list[click.Command] = [spark_command, load_command]
