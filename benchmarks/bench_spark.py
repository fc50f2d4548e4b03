"""Spark throughput next to ingest: articles/s for ``local[1]``, ``local[2]``, ``ingest -j 1``
and ``ingest -j 2`` on the same generated input, and the articles per core-hour they imply.

Run: ``.venv/bin/python benchmarks/bench_spark.py [--articles 600]`` (needs Java and pyspark).
Each Spark master runs twice on one session: *cold* includes starting the Python workers and
loading the model in each, *warm* is the second run; *processing* is the warm run's read and
pipeline stage alone, without the fixed cost of identity and writing the tables, which a long
job spreads over millions of articles. For ingest, cold is the whole run and warm and
processing the steady rate after the model has loaded. The articles are the invented
ones of the Spark tests, in one JSONL file; characters/s is printed too, to scale to real
articles, which are longer (see docs/spark.md, Sizing a cluster).
"""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from spark_corpus import records, write_jsonl  # noqa: E402

from newsquotes.spark.job import run, spark_session  # noqa: E402
from newsquotes.store.corpus import Corpus  # noqa: E402
from newsquotes.store.ingest import ingest  # noqa: E402

SECONDS_PER_HOUR = 3600


def spark_rates(inbox: Path, out: Path, cores: int) -> tuple[float, float, float]:
    """(cold, warm, warm processing stage alone) articles/s on ``local[cores]``."""
    session = spark_session(f"local[{cores}]", {"spark.ui.enabled": "false"})
    session.sparkContext.setLogLevel("ERROR")
    try:
        cold = run([str(inbox)], str(out), session)
        warm = run([str(inbox)], str(out), session)
    finally:
        session.stop()
    processing = warm.articles / warm.processing_seconds
    return cold.articles_per_second, warm.articles_per_second, processing


def ingest_rates(inbox: Path, db: Path, jobs: int) -> tuple[float, float, float]:
    """(whole run, steady, steady) articles/s of ``ingest -j jobs``."""
    with Corpus(db) as corpus:
        started = time.monotonic()
        summary = ingest([str(inbox)], corpus, jobs=jobs, progress=False)
        seconds = time.monotonic() - started
    steady = (summary.processed - jobs) / summary.processing_seconds
    return summary.processed / seconds, steady, steady


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=600)
    args = parser.parse_args()
    logging.getLogger("py4j").setLevel(logging.ERROR)
    rows = records(args.articles)
    chars = sum(len(r["text"]) for r in rows) / len(rows)
    with tempfile.TemporaryDirectory() as tmp:
        inbox = Path(tmp) / "inbox"
        inbox.mkdir()
        write_jsonl(inbox / "stories.jsonl", rows)
        results = {
            f"local[{cores}]": spark_rates(inbox, Path(tmp) / f"out{cores}", cores)
            for cores in (1, 2)
        }
        for jobs in (1, 2):
            results[f"ingest -j {jobs}"] = ingest_rates(inbox, Path(tmp) / f"j{jobs}.db", jobs)
    print(f"{args.articles} articles of {chars:.0f} characters on average")
    print("rates in articles/s: whole run (cold), whole run (warm), processing alone (warm)")
    for name, (cold, warm, processing) in results.items():
        cores = 2 if name.rstrip("]").endswith("2") else 1
        per_core = processing / cores
        print(
            f"{name:<12} {cold:6.1f} {warm:6.1f} {processing:6.1f}; per core: "
            f"{per_core * SECONDS_PER_HOUR:,.0f} articles/hour, {per_core * chars:,.0f} chars/s"
        )


if __name__ == "__main__":
    main()
