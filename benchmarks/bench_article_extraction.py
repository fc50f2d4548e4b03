"""How much of each page's article body the HTML reader keeps, against a gold standard.

Scores the body text we keep (``Article.text`` without caption, credit and boilerplate regions)
with the usual word-shingle measure: tokens are ``\\w+`` runs, shingles are 4 consecutive tokens,
counts are matched as multisets. Prints the benchmark's own averaging (per-page precision and
recall, each page weighted equally, F1 of the two means), the mean of per-page F1, and micro
figures over all shingles, plus pages per second.

    python benchmarks/bench_article_extraction.py [--limit N] [--compare]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import trafilatura

from newsquotes.errors import DocumentError
from newsquotes.model import Article
from newsquotes.read.html import DEFAULT_OPTIONS, HtmlOptions, article_from_html

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "article-extraction"
DROPPED_KINDS = ("caption", "credit", "boilerplate")
_TOKEN = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Counts:
    tp: int
    fp: int
    fn: int


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text)
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens)


def match(gold: str, predicted: str) -> Counts:
    gold_sh, pred_sh = shingles(gold), shingles(predicted)
    tp = sum((gold_sh & pred_sh).values())
    return Counts(tp, sum(pred_sh.values()) - tp, sum(gold_sh.values()) - tp)


def kept_body(article: Article) -> str:
    """The article text minus the regions that are not body (headings and title are kept)."""
    pieces, cursor = [], 0
    for region in sorted(article.regions, key=lambda r: r.start):
        if region.kind in DROPPED_KINDS and region.start >= cursor:
            pieces.append(article.text[cursor : region.start])
            cursor = region.end
    pieces.append(article.text[cursor:])
    return "\n".join(pieces)


def _precision(c: Counts) -> float | None:
    if c.fp == c.fn == 0:
        return 1.0
    return c.tp / (c.tp + c.fp) if c.tp + c.fp else None


def _recall(c: Counts) -> float | None:
    if c.fp == c.fn == 0:
        return 1.0
    return c.tp / (c.tp + c.fn) if c.tp + c.fn else None


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def baseline_body(html: str) -> str:
    """Plain ``trafilatura.extract`` as the published benchmark runs it, for comparison."""
    return trafilatura.extract(html, include_comments=False) or ""


def run(
    pages: list[Path], gold: dict[str, dict[str, str]], options: HtmlOptions | None
) -> dict[str, float]:
    """Score every page; ``options=None`` scores the plain trafilatura baseline instead."""
    counts: list[Counts] = []
    failed = 0
    started = time.perf_counter()
    for path in pages:
        page_id = path.name.split(".")[0]
        html = gzip.decompress(path.read_bytes()).decode("utf-8", "replace")
        try:
            if options is None:
                predicted = baseline_body(html)
            else:
                article = article_from_html(
                    html,
                    id=page_id,
                    source=str(path),
                    url=gold[page_id].get("url"),
                    options=options,
                )
                predicted = kept_body(article)
        except DocumentError:
            failed += 1
            predicted = ""
        counts.append(match(gold[page_id].get("articleBody", ""), predicted))
    elapsed = time.perf_counter() - started
    precisions = [p for c in counts if (p := _precision(c)) is not None]
    recalls = [r for c in counts if (r := _recall(c)) is not None]
    p_mean, r_mean = statistics.mean(precisions), statistics.mean(recalls)
    per_page_f1 = [_f1(_precision(c) or 0.0, _recall(c) or 0.0) for c in counts]
    tp, fp, fn = (sum(getattr(c, k) for c in counts) for k in ("tp", "fp", "fn"))
    return {
        "pages": len(pages),
        "failed": failed,
        "precision": p_mean,
        "recall": r_mean,
        "f1": _f1(p_mean, r_mean),
        "mean_page_f1": statistics.mean(per_page_f1),
        "micro_precision": tp / (tp + fp),
        "micro_recall": tp / (tp + fn),
        "micro_f1": _f1(tp / (tp + fp), tp / (tp + fn)),
        "pages_per_second": len(pages) / elapsed,
    }


def report(name: str, result: dict[str, float]) -> None:
    print(
        f"{name}: {result['pages']:.0f} pages ({result['failed']:.0f} without an article), "
        f"{result['pages_per_second']:.1f} pages/s"
    )
    print(
        f"  averaged: P={result['precision']:.3f} R={result['recall']:.3f} "
        f"F1={result['f1']:.3f} (mean per-page F1 {result['mean_page_f1']:.3f})"
    )
    print(
        f"  micro:    P={result['micro_precision']:.3f} R={result['micro_recall']:.3f} "
        f"F1={result['micro_f1']:.3f}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="score only the first N pages")
    parser.add_argument(
        "--compare", action="store_true", help="also score alternative trafilatura settings"
    )
    args = parser.parse_args()
    if not (DATA / "ground-truth.json").exists():
        print(f"benchmark data not found at {DATA}", file=sys.stderr)
        return 1
    gold = json.loads((DATA / "ground-truth.json").read_text(encoding="utf-8"))
    pages = sorted((DATA / "html").glob("*.html.gz"))[: args.limit]
    report("reader (default settings)", run(pages, gold, DEFAULT_OPTIONS))
    if args.compare:
        variants: dict[str, HtmlOptions | None] = {
            "plain trafilatura.extract (baseline)": None,
            "balanced (no favor_precision)": HtmlOptions(favor_precision=False),
            "favor_recall": HtmlOptions(favor_precision=False, favor_recall=True),
            "precision, no tables": HtmlOptions(include_tables=False),
            "precision, no furniture rules": HtmlOptions(mark_furniture=False),
        }
        for name, options in variants.items():
            report(name, run(pages, gold, options))
    return 0


if __name__ == "__main__":
    sys.exit(main())
