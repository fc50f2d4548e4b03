"""Quote attribution quality: newsquotes against textacy's direct-quotation rules, same scorer.

Scores both on PolNeAR dev and the seed article (``../shared/data``) with
``newsquotes.evaluate``; prints each subset's precision, recall and F1 side by side, whether
newsquotes beats textacy on each number, and the product bar (speech recall >= 0.80 at
precision >= 0.85 over all predictions, content-overlap matching).

    python benchmarks/bench_quality.py [--limit N] [--threshold T] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from spacy.language import Language

from newsquotes.evaluate.brat import GoldDocument, read_gold
from newsquotes.evaluate.scoring import Report, SubsetScores, evaluate
from newsquotes.model import Article, Quote, Span
from newsquotes.nlp import load_spacy
from newsquotes.pipeline import Pipeline

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"
GOLD_DIRS = {"polnear-dev": DATA / "polnear" / "dev", "seed": DATA / "seed"}
BAR_RECALL, BAR_PRECISION = 0.80, 0.85


def textacy_article(nlp: Language, document: GoldDocument) -> Article:
    """textacy's direct quotations of one gold text as our records (raises what textacy does)."""
    from textacy.extract.triples import direct_quotations

    doc = nlp(document.text)
    quotes: list[Quote] = []
    for number, triple in enumerate(direct_quotations(doc), start=1):
        content = triple.content
        speaker = Span.of(
            document.text, triple.speaker[0].idx, triple.speaker[-1].idx + len(triple.speaker[-1])
        )
        cue = Span.of(document.text, triple.cue[0].idx, triple.cue[-1].idx + len(triple.cue[-1]))
        quotes.append(
            Quote(
                id=f"q{number}",
                type="direct",
                spans=[(content.start_char, content.end_char)],
                text=content.text,
                cue=cue,
                speaker=speaker,
                speaker_name=speaker.text,
                confidence=1.0,
            )
        )
    return Article(id=document.name, text=document.text, quotes=quotes)


def run_textacy(gold_dir: Path, nlp: Language, limit: int | None) -> tuple[Report, list[str]]:
    """Score textacy; a document it refuses (odd quote marks) has no predictions and is listed."""
    articles: list[Article] = []
    failures: list[str] = []
    for document in read_gold(gold_dir, limit=limit).documents:
        try:
            articles.append(textacy_article(nlp, document))
        except (ValueError, IndexError) as exc:
            reason = str(exc).split(";")[0]
            failures.append(f"{document.name}: {type(exc).__name__}: {reason}")
            articles.append(Article(id=document.name, text=document.text))
    report = evaluate(gold_dir, predictions=articles, limit=limit)
    return report, failures


def _rows(subset: SubsetScores) -> list[tuple[str, float]]:
    rows: list[tuple[str, float]] = []
    for label, score in (
        ("content-exact", subset.content_exact),
        ("content-overlap", subset.content_overlap),
        ("speaker", subset.speaker),
        ("cue", subset.cue),
    ):
        rows += [
            (f"{label} P", score.precision),
            (f"{label} R", score.recall),
            (f"{label} F1", score.f1),
        ]
    rows.append(("speaker acc (matched)", subset.speaker_accuracy))
    rows.append(("cue acc (matched)", subset.cue_accuracy))
    return rows


def side_by_side(ours: Report, theirs: Report) -> str:
    lines = [f"{'':<24}{'newsquotes':>11}{'textacy':>9}  beats?"]
    for name in ours.subsets:
        a, b = ours.subsets[name], theirs.subsets[name]
        lines.append(
            f"[{name}] gold {a.gold}; predicted: newsquotes {a.predicted}, textacy {b.predicted}"
        )
        for (label, mine), (_, other) in zip(_rows(a), _rows(b), strict=True):
            verdict = "yes" if mine > other else ("tie" if mine == other else "NO")
            lines.append(f"  {label:<22}{mine:>11.3f}{other:>9.3f}  {verdict}")
    return "\n".join(lines)


def product_bar(report: Report) -> str:
    overlap = report.subsets["speech"].content_overlap
    met = overlap.recall >= BAR_RECALL and overlap.precision >= BAR_PRECISION
    return (
        f"bar: speech recall {overlap.recall:.3f} (>= {BAR_RECALL}) at precision "
        f"{overlap.precision:.3f} (>= {BAR_PRECISION}) over all predictions: "
        f"{'MET' if met else 'not met'}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="first N articles per set")
    parser.add_argument(
        "--threshold",
        type=float,
        default=0.0,
        help="drop newsquotes predictions below this confidence",
    )
    parser.add_argument(
        "--split-turns",
        action="store_true",
        help="newsquotes reports one quote per quoted segment, not per turn",
    )
    parser.add_argument("--json", type=Path, default=None, help="also write both reports here")
    args = parser.parse_args(argv)

    present = {name: path for name, path in GOLD_DIRS.items() if path.is_dir()}
    if not present:
        print(f"no gold data under {DATA}: nothing to score", file=sys.stderr)
        return 2
    pipeline = Pipeline(split_turns=args.split_turns)
    nlp = load_spacy()
    dumped: dict[str, dict[str, object]] = {}
    for name, gold_dir in present.items():
        started = time.perf_counter()
        ours = evaluate(gold_dir, pipeline=pipeline, threshold=args.threshold, limit=args.limit)
        ours_s = time.perf_counter() - started
        started = time.perf_counter()
        theirs, failures = run_textacy(gold_dir, nlp, args.limit)
        theirs_s = time.perf_counter() - started
        print(
            f"== {name}: {ours.documents} articles, {ours.subsets['all'].gold} gold "
            f"attributions (newsquotes {ours_s:.1f}s, textacy {theirs_s:.1f}s)"
        )
        print(side_by_side(ours, theirs))
        print(product_bar(ours))
        print(
            f"textacy refused {len(failures)} of {theirs.documents} articles "
            "(scored with no predictions):"
        )
        for failure in failures:
            print(f"  {failure}")
        for label, report in (("newsquotes", ours), ("textacy", theirs)):
            for error in report.errors:
                print(f"  {label} error: {error}")
        print()
        dumped[name] = {
            "newsquotes": ours.to_dict(),
            "textacy": theirs.to_dict(),
            "textacy_failures": failures,
        }
    if args.json:
        args.json.write_text(json.dumps(dumped, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
