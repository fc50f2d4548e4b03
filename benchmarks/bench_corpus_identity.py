"""Speaker identities across a real corpus: one person, one speaker, never two in one.

Run: ``.venv/bin/python benchmarks/bench_corpus_identity.py [--db corpus.db] [--jobs 1]``.
Ingests the seed article, the 181 article-extraction pages and the PolNeAR dev texts (from
``../shared/data``) into a temporary corpus (or ``--db``, which a rerun reuses) and prints:
how many speakers, how many hold full names of two different people (different first names
or surnames under one record, listed), how many are pronouns or function words (the bar is
0), the share of quotes with no corpus speaker, and ``newsquotes speakers --top 20``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from click.testing import CliRunner

from newsquotes.cli import main as cli
from newsquotes.resolve.identity import is_function_words, two_people
from newsquotes.store.corpus import Corpus
from newsquotes.store.ingest import ingest

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"
INPUTS = (
    DATA / "seed" / "text",
    DATA / "article-extraction" / "html",
    DATA / "polnear" / "dev" / "text",
)
TOP = 20
LISTED = 15


def report(db: Path) -> None:
    with Corpus(db) as corpus:
        started = time.perf_counter()
        corpus.reconcile(force=True)
        seconds = time.perf_counter() - started
        everyone = corpus.speakers(kinds=None)
        named = corpus.speakers()
        stats = corpus.stats()
        no_speaker = corpus._one("SELECT COUNT(*) FROM quotes WHERE speaker IS NULL")
    doubled = [(s, pairs) for s in everyone if (pairs := two_people([s.name, *s.aliases]))]
    pronouns = [s for s in everyone if is_function_words(s.name)]
    pronoun_quotes = sum(s.quotes for s in pronouns)
    print(f"articles: {stats['articles']}, quotes: {stats['quotes']}")
    print(f"reconcile (all identities recomputed): {seconds:.2f}s")
    print(
        f"speakers: {len(everyone)} ({len(named)} people, organisations and names of unknown "
        f"kind; {len(everyone) - len(named)} unnamed or group sources, one per article)"
    )
    print(f"speakers whose names hold two different people: {len(doubled)}")
    for summary, pairs in doubled[:LISTED]:
        print(f"  {summary.id} {summary.name}: " + "; ".join(f"{a} / {b}" for a, b in pairs))
    print(
        f"pronoun or function-word speakers: {len(pronouns)} ({pronoun_quotes} quotes)"
        + ("" if not pronouns else ": " + ", ".join(s.name for s in pronouns[:LISTED]))
    )
    share = no_speaker / stats["quotes"] if stats["quotes"] else 0.0
    print(f"quotes with no corpus speaker (mention kept): {no_speaker} ({share:.1%})")
    print(f"\n$ newsquotes speakers --top {TOP}")
    result = CliRunner().invoke(cli, ["speakers", "--top", str(TOP), "--db", str(db)])
    print(result.output, end="")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, help="corpus to fill or reuse (default: temporary)")
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args()
    missing = [str(p) for p in INPUTS if not p.exists()]
    if missing:
        sys.exit("data not found: " + ", ".join(missing))
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "identity.db"
        with Corpus(db) as corpus:
            summary = ingest([str(p) for p in INPUTS], corpus, jobs=args.jobs, progress=False)
        print(f"ingest: {summary.line()}")
        report(db)


if __name__ == "__main__":
    main()
