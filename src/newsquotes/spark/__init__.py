"""The corpus pipeline on Apache Spark, for collections too big for one machine.

``newsquotes spark INPUT... --out DIR`` (or ``python -m newsquotes.spark``, or the same module
file under ``spark-submit``) reads WARC, JSONL and Parquet inputs from any Hadoop file system,
runs every document through the one document loop (:mod:`newsquotes.loop`) with the model
loaded once per worker, resolves speakers across articles by the corpus's own rules, and
writes Parquet tables ``articles``, ``quotes``, ``speakers`` and ``errors``.
``newsquotes load DIR --db FILE`` puts such an output into the SQLite corpus.

pyspark is optional (``pip install 'newsquotes[spark]'``): only :mod:`.job` (``run``,
``spark_session``) needs it; the plain-Python halves (:mod:`.rows`, :mod:`.identity`,
:mod:`.load`) do not.
"""

from __future__ import annotations

from .load import LoadSummary, load
from .rows import process_partition, read_partition

__all__ = ["LoadSummary", "load", "main", "process_partition", "read_partition"]


def main(argv: list[str] | None = None) -> int:
    """``python -m newsquotes.spark INPUT... --out DIR``: the ``newsquotes spark`` command."""
    from ..cli.spark import spark_command

    try:
        spark_command.main(args=argv, prog_name="python -m newsquotes.spark")
    except SystemExit as exc:
        return int(exc.code or 0)
    return 0
