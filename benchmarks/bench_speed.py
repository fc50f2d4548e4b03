"""Articles per second on one core: bare spaCy parse, the newsquotes pipeline, and textacy.

Runs single-process with one BLAS/OpenMP thread, on the PolNeAR dev texts
(``../shared/data/polnear/dev/text``). Each contender is warmed up on a few articles, then
all are timed in turn over every article for ``--runs`` rounds; each one's best pass counts.
The bar: the whole newsquotes pipeline, learned model included, costs at most 1.3x the
bare parse.

    python benchmarks/bench_speed.py [--limit N] [--runs 3]
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable, Sequence  # noqa: E402
from pathlib import Path  # noqa: E402

from newsquotes.model import Article  # noqa: E402
from newsquotes.nlp import load_spacy  # noqa: E402
from newsquotes.pipeline import Pipeline  # noqa: E402

TEXTS = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "polnear" / "dev" / "text"
BAR = 1.3
WARMUP_ARTICLES = 3


def best_seconds(
    contenders: dict[str, Callable[[str], object]], texts: Sequence[str], runs: int
) -> dict[str, float]:
    """Warm every contender up, then time them in turn, ``runs`` rounds; keep each one's best.

    Taking turns within each round spreads any load from other processes over all of them.
    """
    for run_one in contenders.values():
        for text in texts[:WARMUP_ARTICLES]:
            run_one(text)
    best = {name: float("inf") for name in contenders}
    for _ in range(runs):
        for name, run_one in contenders.items():
            started = time.perf_counter()
            for text in texts:
                run_one(text)
            best[name] = min(best[name], time.perf_counter() - started)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="first N articles")
    parser.add_argument("--runs", type=int, default=3, help="timed passes; the best counts")
    parser.add_argument("--no-textacy", action="store_true", help="skip the textacy contender")
    args = parser.parse_args(argv)

    if not TEXTS.is_dir():
        print(f"no texts under {TEXTS}", file=sys.stderr)
        return 2
    paths = sorted(TEXTS.glob("*.txt"))[: args.limit]
    texts = [p.read_text(encoding="utf-8") for p in paths]
    chars = sum(len(t) for t in texts)

    bare = load_spacy()
    pipeline = Pipeline()

    def newsquotes_one(text: str) -> object:
        return pipeline.process(Article(id="bench", text=text))

    contenders: dict[str, Callable[[str], object]] = {
        "bare spaCy parse": bare,
        "newsquotes pipeline": newsquotes_one,
    }
    textacy_refused: set[str] = set()
    if not args.no_textacy:
        from textacy.extract.triples import direct_quotations

        textacy_nlp = load_spacy()

        def textacy_one(text: str) -> object:
            doc = textacy_nlp(text)
            try:
                return list(direct_quotations(doc))
            except ValueError:
                textacy_refused.add(text)
                return []

        contenders["textacy (parse + quotes)"] = textacy_one

    print(
        f"{len(texts)} articles, {chars:,} characters; single process, 1 thread, "
        f"best of {args.runs} after {WARMUP_ARTICLES} warm-up articles"
    )
    seconds = best_seconds(contenders, texts, args.runs)
    for name, best in seconds.items():
        print(
            f"  {name:<26}{len(texts) / best:>8.2f} articles/s{chars / best:>12,.0f} chars/s"
            f"{best:>8.2f} s"
        )
    ratio = seconds["newsquotes pipeline"] / seconds["bare spaCy parse"]
    print(
        f"newsquotes / bare parse cost: {ratio:.3f}x (bar <= {BAR}x: "
        f"{'MET' if ratio <= BAR else 'not met'})"
    )
    if not args.no_textacy:
        print(
            f"textacy refused {len(textacy_refused)} of {len(texts)} articles "
            "(odd quote marks; their parse time still counts)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
