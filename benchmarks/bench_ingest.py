"""Ingest throughput: articles/second with one worker and with two, on the same generated set.

Run: ``.venv/bin/python benchmarks/bench_ingest.py [--articles 300]``. Prints the rates for
``-j 1`` and ``-j 2`` (whole run, and steady state after the model has loaded) and their ratio.
The articles are invented here: three short paragraphs with one quote each.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from newsquotes.store.corpus import Corpus
from newsquotes.store.ingest import IngestSummary, ingest

TOWNS = ["Lindvik", "Orrhaven", "Tessamor", "Kallbro", "Fennick", "Ostrava Nova", "Brenmouth"]


def write_articles(folder: Path, count: int) -> None:
    for i in range(count):
        town = TOWNS[i % len(TOWNS)]
        (folder / f"story-{i:04d}.txt").write_text(
            f"{town} council weighs harbour plan {i}\n\n"
            f"The council of {town} met on Tuesday to discuss plan {i} for the old harbour, "
            f"which has been closed to shipping since the storms of last winter.\n\n"
            f'"We cannot wait another year for plan {i}," said Mara Quill{i % 9}, a spokeswoman '
            f"for the {town} Port Authority. Residents said the delay had hurt local trade.\n\n"
            f"A vote is expected next month, after a public consultation on the costs.\n",
            encoding="utf-8",
        )


def run(folder: Path, db: Path, jobs: int) -> IngestSummary:
    with Corpus(db) as corpus:
        summary = ingest([str(folder)], corpus, jobs=jobs, progress=False)
    assert summary.ingested > 0 and summary.failed == 0, summary.line()
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "inbox"
        folder.mkdir()
        write_articles(folder, args.articles)
        results = {jobs: run(folder, Path(tmp) / f"j{jobs}.db", jobs) for jobs in (1, 2)}
    for jobs, s in results.items():
        steady = (s.processed - jobs) / s.processing_seconds if s.processing_seconds else 0.0
        print(
            f"-j {jobs}: {s.processed} articles, {s.quotes} quotes in {s.seconds:.2f}s = "
            f"{s.processed / s.seconds:.1f} articles/s overall, {steady:.1f} articles/s steady"
        )
    one, two = results[1], results[2]
    overall = (two.processed / two.seconds) / (one.processed / one.seconds)
    steady = ((two.processed - 2) / two.processing_seconds) / (
        (one.processed - 1) / one.processing_seconds
    )
    print(f"speed-up -j 2 / -j 1: {overall:.2f}x overall, {steady:.2f}x steady (bar: 1.8x)")


if __name__ == "__main__":
    main()
