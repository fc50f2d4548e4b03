"""Train the confidence calibration (``data/calibration_model.json``) on PolNeAR train.

    python scripts/train_calibration.py [--gold ../shared/data/polnear/train] [--parses FILE]

Runs the whole engine on every training article with the calibration stage off, pairs its
quotes with the gold attributions exactly as ``newsquotes evaluate`` does (one to one, by
the most shared content characters), and fits gradient-boosted decision trees (numpy,
log loss, histogram splits, no sampling) to tell the quotes that found a partner from
those that did not. The same data give the same file on every run.

Parsing the training split is the slow part (several minutes on CPU). ``--parses`` takes a
spaCy ``DocBin`` of the training texts already parsed by ``newsquotes.build_nlp()`` without
its last component (matched by text; any text not in it is parsed).
"""

from __future__ import annotations

import argparse
import json
import math
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc, DocBin

from newsquotes.evaluate.brat import GoldDocument, read_gold
from newsquotes.evaluate.roles import roc_auc
from newsquotes.evaluate.scoring import match_overlap, quote_spans
from newsquotes.pipeline import build_nlp
from newsquotes.quotes.calibrate import (
    CALIBRATION_FILE,
    CalibrationSettings,
    Calibrator,
    Row,
    Tree,
    calibration_rows,
)
from newsquotes.quotes.context import ArticleView

ROOT = Path(__file__).resolve().parents[1]
MIN_LEMMA_COUNT = 30
"""A cue lemma needs this many training quotes to be a feature of its own."""
MAX_BINS = 32
"""Split points tried per feature (quantiles of its training values)."""
ROUNDS = 150
DEPTH = 3
LEARNING_RATE = 0.1
L2 = 1.0
"""Regularisation of each leaf's score (added to the sum of hessians)."""
MIN_LEAF = 30
"""Fewest training quotes a leaf may hold."""
ROUND = 5
"""Decimals kept per threshold and leaf score in the shipped file."""
HIGH_CONFIDENCE = 0.9


@dataclass(slots=True)
class Example:
    row: Row
    right: bool
    article: str


# --------------------------------------------------------------------------- examples


def parsed(nlp: Language, documents: Sequence[GoldDocument], cache: str | None) -> Iterator[Doc]:
    """The parse of each document's text, from ``cache`` where it holds it."""
    known: dict[str, Doc] = {}
    if cache:
        for doc in DocBin().from_disk(cache).get_docs(nlp.vocab):
            known[doc.text] = doc
    missing = [d.text for d in documents if d.text not in known]
    with nlp.select_pipes(disable=["newsquotes"]):
        fresh = iter(nlp.pipe(missing, batch_size=16))
    for document in documents:
        yield known[document.text] if document.text in known else next(fresh)


def examples_of(nlp: Language, doc: Doc, gold: GoldDocument) -> list[Example]:
    """Each finished quote of one article (calibration off), right when it pairs with gold."""
    component = nlp.get_pipe("newsquotes")
    doc = component(doc)
    quotes, speakers = doc._.quotes, doc._.speakers
    view = ArticleView(doc, doc._.regions, component.settings)
    rows = calibration_rows(view, quotes, speakers)
    pairs = match_overlap([a.content for a in gold.attributions], [quote_spans(q) for q in quotes])
    partnered = set(pairs.values())
    return [Example(row, n in partnered, gold.name) for n, row in enumerate(rows)]


def collect(gold_dir: str, cache: str | None, limit: int | None) -> list[Example]:
    documents = read_gold(gold_dir, limit=limit).documents
    nlp = build_nlp(calibration=CalibrationSettings(enabled=False))
    examples: list[Example] = []
    for doc, gold in zip(parsed(nlp, documents, cache), documents, strict=True):
        examples.extend(examples_of(nlp, doc, gold))
    return examples


def known_lemmas(examples: Sequence[Example]) -> frozenset[str]:
    counts = Counter(f for e in examples for f in e.row if f.startswith("lem="))
    return frozenset(f[4:] for f, n in counts.items() if n >= MIN_LEMMA_COUNT and f != "lem=-")


def with_lemmas(row: Row, lemmas: frozenset[str]) -> Row:
    """``row`` as :func:`calibration_rows` gives it when the ensemble knows only ``lemmas``."""
    out = {f: v for f, v in row.items() if not f.startswith("lem=")}
    for f in row:
        if f.startswith("lem="):
            out[f if f[4:] in lemmas else "lem=-"] = 1.0
    return out


# --------------------------------------------------------------------------- boosting


def matrix(rows: Sequence[Row], names: Sequence[str]) -> np.ndarray:
    index = {name: i for i, name in enumerate(names)}
    x = np.zeros((len(rows), len(names)))
    for r, row in enumerate(rows):
        for name, value in row.items():
            if name in index:
                x[r, index[name]] = value
    return x


def split_points(column: np.ndarray) -> np.ndarray:
    """Up to ``MAX_BINS`` thresholds: midpoints between the column's distinct values, or
    between its quantiles where it has more."""
    values = np.unique(column)
    if len(values) > MAX_BINS + 1:
        values = np.unique(np.quantile(column, np.linspace(0, 1, MAX_BINS + 1), method="lower"))
    return np.round((values[:-1] + values[1:]) / 2, ROUND)


@dataclass(slots=True)
class Node:
    feature: int = -1
    threshold: float = 0.0
    left: int = -1
    right: int = -1
    value: float = 0.0


def grow(
    bins: np.ndarray, points: list[np.ndarray], g: np.ndarray, h: np.ndarray, rows: np.ndarray
) -> tuple[list[Node], np.ndarray]:
    """One regression tree on gradients ``g`` and hessians ``h`` of the rows ``rows``, and
    the score it gives each row."""
    width = MAX_BINS + 1
    scores = np.zeros(len(g))
    features = bins.shape[1]
    offsets = np.arange(features) * width
    nodes: list[Node] = []

    def build(members: np.ndarray, depth: int) -> int:
        me = len(nodes)
        nodes.append(Node())
        g_sum, h_sum = g[members].sum(), h[members].sum()
        nodes[me].value = float(-LEARNING_RATE * g_sum / (h_sum + L2))
        scores[members] = round(nodes[me].value, ROUND)
        if depth == DEPTH or len(members) < 2 * MIN_LEAF:
            return me
        flat = (bins[members] + offsets).ravel()
        repeat = np.repeat(members, features)
        size = features * width
        hist_g = np.bincount(flat, weights=g[repeat], minlength=size).reshape(features, width)
        hist_h = np.bincount(flat, weights=h[repeat], minlength=size).reshape(features, width)
        hist_n = np.bincount(flat, minlength=size).reshape(features, width)
        left_g, left_h, left_n = hist_g.cumsum(1), hist_h.cumsum(1), hist_n.cumsum(1)
        right_g, right_h, right_n = g_sum - left_g, h_sum - left_h, len(members) - left_n
        gain = left_g**2 / (left_h + L2) + right_g**2 / (right_h + L2) - g_sum**2 / (h_sum + L2)
        valid = (left_n >= MIN_LEAF) & (right_n >= MIN_LEAF)
        for f, pts in enumerate(points):
            valid[f, len(pts) :] = False
        gain = np.where(valid, gain, -np.inf)
        best = int(np.argmax(gain))
        if not np.isfinite(gain.flat[best]) or gain.flat[best] <= 1e-9:
            return me
        f, b = divmod(best, width)
        go_left = bins[members, f] <= b
        nodes[me].feature, nodes[me].threshold = f, float(points[f][b])
        nodes[me].left = build(members[go_left], depth + 1)
        nodes[me].right = build(members[~go_left], depth + 1)
        return me

    build(rows, 0)
    return nodes, scores


def fit(rows: Sequence[Row], labels: Sequence[bool], lemmas: frozenset[str]) -> Calibrator:
    """Boosted trees for log loss, every round on every row: deterministic."""
    names = sorted({f for row in rows for f in row})
    x = matrix(rows, names)
    y = np.array(labels, dtype=float)
    points = [split_points(x[:, f]) for f in range(x.shape[1])]
    bins = np.stack(
        [np.searchsorted(pts, x[:, f], side="left") for f, pts in enumerate(points)], axis=1
    )
    rate = min(max(y.mean(), 1e-6), 1 - 1e-6)
    base = math.log(rate / (1 - rate))
    score = np.full(len(y), base)
    trees: list[Tree] = []
    everyone = np.arange(len(y))
    for _round in range(ROUNDS):
        p = 1 / (1 + np.exp(-score))
        nodes, update = grow(bins, points, p - y, p * (1 - p), everyone)
        tree = Tree(
            tuple(names[n.feature] if n.feature >= 0 else "" for n in nodes),
            tuple(round(n.threshold, ROUND) for n in nodes),
            tuple(n.left for n in nodes),
            tuple(n.right for n in nodes),
            tuple(round(n.value, ROUND) for n in nodes),
        )
        trees.append(tree)
        score += update
    return Calibrator(round(base, ROUND), tuple(trees), lemmas)


# --------------------------------------------------------------------------- report


def quality(calibrator: Calibrator, examples: Sequence[Example]) -> str:
    """ROC-AUC and precision at confidence >= 0.9, as ``newsquotes evaluate`` reports them."""
    scored = [(round(calibrator.probability(e.row), 3), e.right) for e in examples]
    kept = [right for conf, right in scored if conf >= HIGH_CONFIDENCE]
    precision = sum(kept) / len(kept) if kept else 0.0
    return (
        f"ROC-AUC {roc_auc(scored):.3f}; precision at >= {HIGH_CONFIDENCE} {precision:.3f} "
        f"({len(kept)}/{len(scored)})"
    )


def train(examples: Sequence[Example]) -> Calibrator:
    lemmas = known_lemmas(examples)
    rows = [with_lemmas(e.row, lemmas) for e in examples]
    return fit(rows, [e.right for e in examples], lemmas)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", default=str(ROOT.parent / "shared/data/polnear/train"))
    parser.add_argument("--parses", default=None, help="a DocBin of the parsed gold texts")
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--out", default=str(ROOT / "src/newsquotes" / CALIBRATION_FILE))
    args = parser.parse_args()
    examples = collect(args.gold, args.parses, args.limit)
    calibrator = train(examples)
    about = {
        "trained_on": Path(args.gold).name,
        "articles": len({e.article for e in examples}),
        "quotes": len(examples),
        "right": sum(e.right for e in examples),
        "rounds": ROUNDS,
        "depth": DEPTH,
        "learning_rate": LEARNING_RATE,
    }
    payload = calibrator.to_dict(about)
    Path(args.out).write_text(json.dumps(payload, separators=(",", ":")) + "\n", "utf-8")
    known = [with_lemmas(e.row, calibrator.lemmas) for e in examples]
    relabelled = [Example(row, e.right, e.article) for row, e in zip(known, examples, strict=True)]
    print(f"{len(calibrator.trees)} trees from {len(examples)} quotes -> {args.out}")
    print(f"on the training quotes: {quality(calibrator, relabelled)}")


if __name__ == "__main__":
    main()
