"""Train the confidence calibration (``data/calibration_model.json``) on PolNeAR train.

    python scripts/train_calibration.py [--gold ../shared/data/polnear/train] [--parses FILE]
        [--report] [--evidence]

Runs the whole engine on every training article with the calibration stage off, pairs its
quotes with the gold attributions exactly as ``newsquotes evaluate`` does (one to one, by
the most shared content characters), and fits gradient-boosted decision trees (numpy,
log loss, histogram splits, no sampling) and a logistic regression (numpy, Newton steps)
to tell the quotes that found a partner from those that did not; the file blends the two.
The same data give the same file on every run.

The judge's probability is one of the features. Scored by the shipped judge, trained on
these very articles, the training quotes would look surer than new text's: so the articles
are split in ``--folds`` parts by name, and each part is run with a judge trained on the
others (``scripts/train_attribution_model.py``'s features and fit), as new text meets a
judge that never saw it. The same holds for the opt-in gold evidence features
(``--evidence``: how often a word headed a gold cue or source): each part's quotes get the
counts of the other parts' gold, and the written file holds the counts of all.
``--folds 1`` uses the shipped judge. ``--report`` also prints the ROC-AUC on held-out
articles (the same parts: trained on the others, scored on each).

Parsing the training split is the slow part (several minutes on CPU). ``--parses`` takes a
spaCy ``DocBin`` of the training texts already parsed by ``newsquotes.build_nlp()`` without
its last component (matched by text; any text not in it is parsed).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import math
import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from types import ModuleType

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc, DocBin, Token

from newsquotes.evaluate.brat import GoldDocument, read_gold
from newsquotes.evaluate.roles import roc_auc
from newsquotes.evaluate.scoring import match_overlap, quote_spans
from newsquotes.pipeline import build_nlp
from newsquotes.quotes.calibrate import (
    CALIBRATION_FILE,
    RULE_FEATURE,
    CalibrationSettings,
    Calibrator,
    Evidence,
    Row,
    Tree,
    calibration_rows,
    cue_keys,
    source_key,
    word_keys,
)
from newsquotes.quotes.context import ArticleView
from newsquotes.quotes.learned import judge_weights

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
FOLDS = 5
"""Parts the training articles are split in for the judge's (and the report's) held-out runs."""
LINEAR_L2 = 30.0
"""Penalty on the linear part's squared weights (features standardised), against the summed
log loss of all training quotes."""
NEWTON_STEPS = 25
TREE_SHARE = 0.7
"""Weight of the trees in the blend (the linear part gets the rest), chosen by held-out
ROC-AUC on train."""


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


def examples_of(
    nlp: Language, doc: Doc, gold: GoldDocument, evidence: Evidence | None = None
) -> list[Example]:
    """Each finished quote of one article (calibration off), right when it pairs with gold."""
    component = nlp.get_pipe("newsquotes")
    doc = component(doc)
    quotes, speakers = doc._.quotes, doc._.speakers
    view = ArticleView(doc, doc._.regions, component.settings)
    rows = calibration_rows(view, quotes, speakers, evidence=evidence or Evidence())
    pairs = match_overlap([a.content for a in gold.attributions], [quote_spans(q) for q in quotes])
    partnered = set(pairs.values())
    return [Example(row, n in partnered, gold.name) for n, row in enumerate(rows)]


Counts = tuple[Counter[str], Counter[str]]
"""Gold and total counts of the evidence keys of one or more articles."""


def head_of(doc: Doc, spans: Sequence[tuple[int, int]]) -> Token | None:
    """The syntactic head of an annotated span's first piece."""
    if not spans:
        return None
    span = doc.char_span(spans[0][0], spans[0][1], alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def evidence_counts(doc: Doc, gold: GoldDocument) -> Counts:
    """How often each word of one article heads a gold cue or source, and occurs at all."""
    found: Counter[str] = Counter()
    for attribution in gold.attributions:
        cue, source = head_of(doc, attribution.cue), head_of(doc, attribution.source)
        if cue is not None:
            found.update(cue_keys(cue))
        if source is not None:
            found[source_key(source)] += 1
    seen = Counter(key for token in doc for key in word_keys(token))
    return found, seen


def pooled(counts: Sequence[Counts]) -> Evidence:
    """The evidence of several articles' counts together."""
    found: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    for article_found, article_seen in counts:
        found.update(article_found)
        seen.update(article_seen)
    return Evidence.from_counts(found, seen)


def judge_trainer() -> ModuleType:
    """``scripts/train_attribution_model.py``, whose features and fit make each part's judge."""
    path = Path(__file__).resolve().with_name("train_attribution_model.py")
    spec = importlib.util.spec_from_file_location("train_attribution_model", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def article_folds(names: Sequence[str], folds: int) -> list[int]:
    """The part of each article: by sorted name, in turn (the same split on every machine)."""
    rank = {name: r for r, name in enumerate(sorted(names))}
    return [rank[name] % folds for name in names]


def collect(
    nlp: Language,
    documents: Sequence[GoldDocument],
    docs: Sequence[Doc],
    folds: int,
    with_evidence: bool = False,
) -> list[Example]:
    """The finished quotes of every article, each article judged by a judge trained on the
    other parts, with the gold evidence of the other parts (``folds`` > 1), or by the
    shipped judge with the evidence of all; no evidence unless ``with_evidence``."""
    counts: list[Counts] = [
        evidence_counts(doc, gold) if with_evidence else (Counter(), Counter())
        for doc, gold in zip(docs, documents, strict=True)
    ]
    if folds <= 1:
        evidence = pooled(counts)
        return [
            e
            for doc, gold in zip(docs, documents, strict=True)
            for e in examples_of(nlp, doc, gold, evidence)
        ]
    trainer = judge_trainer()
    judged = [trainer.examples_of(doc, gold) for doc, gold in zip(docs, documents, strict=True)]
    part = article_folds([d.name for d in documents], folds)
    found: list[list[Example]] = [[] for _ in documents]
    for k in range(folds):
        weights = trainer.fit([e for n, ex in enumerate(judged) if part[n] != k for e in ex])
        evidence = pooled([c for n, c in enumerate(counts) if part[n] != k])
        with judge_weights(weights):
            for n, (doc, gold) in enumerate(zip(docs, documents, strict=True)):
                if part[n] == k:
                    found[n] = examples_of(nlp, doc.copy(), gold, evidence)
    return [e for article in found for e in article]


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


def fit_linear(rows: Sequence[Row], labels: Sequence[bool]) -> tuple[dict[str, float], float]:
    """L2-regularised logistic regression on standardised features, by a fixed number of
    Newton steps; returned as weights of the raw features and a bias."""
    names = sorted({f for row in rows for f in row})
    x = matrix(rows, names)
    y = np.array(labels, dtype=float)
    mean, spread = x.mean(axis=0), x.std(axis=0)
    spread[spread == 0] = 1.0
    z = np.hstack([(x - mean) / spread, np.ones((len(y), 1))])
    penalty = np.full(z.shape[1], LINEAR_L2)
    penalty[-1] = 0.0  # the bias is free
    w = np.zeros(z.shape[1])
    for _step in range(NEWTON_STEPS):
        p = 1 / (1 + np.exp(-np.clip(z @ w, -30, 30)))
        gradient = z.T @ (p - y) + penalty * w
        hessian = (z * (p * (1 - p))[:, None]).T @ z + np.diag(penalty + 1e-9)
        w -= np.linalg.solve(hessian, gradient)
    raw = w[:-1] / spread
    bias = float(w[-1] - raw @ mean)
    weights = {f: round(float(v), ROUND) for f, v in zip(names, raw, strict=True)}
    return {f: v for f, v in weights.items() if v != 0.0}, round(bias, ROUND)


def blended(trees: Calibrator, linear: dict[str, float], bias: float) -> Calibrator:
    return Calibrator(trees.base, trees.trees, trees.lemmas, linear, bias, TREE_SHARE)


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


def train(examples: Sequence[Example], lemmas: frozenset[str] | None = None) -> Calibrator:
    """The blend of trees and linear part, fitted on ``examples`` (knowing ``lemmas`` by
    name: by default those frequent in ``examples``)."""
    lemmas = known_lemmas(examples) if lemmas is None else lemmas
    rows = [with_lemmas(e.row, lemmas) for e in examples]
    labels = [e.right for e in examples]
    linear, bias = fit_linear(rows, labels)
    return blended(fit(rows, labels, lemmas), linear, bias)


def bagged(examples: Sequence[Example], folds: int) -> Calibrator:
    """The blend fitted on all ``examples`` with a bag of blends, each fitted without one
    of ``folds`` parts of the articles (the same parts as the judge's), all knowing the same
    lemmas."""
    calibrator = train(examples)
    if folds < 2:
        return calibrator
    articles = sorted({e.article for e in examples})
    part = dict(zip(articles, article_folds(articles, folds), strict=True))
    bag = tuple(
        train([e for e in examples if part[e.article] != k], calibrator.lemmas)
        for k in range(folds)
    )
    return replace(calibrator, bag=bag)


def rule_counts(examples: Sequence[Example]) -> dict[str, int]:
    """How many training quotes each rule (``via``) gave."""
    named = (f for e in examples for f in e.row if f.startswith(RULE_FEATURE))
    return dict(Counter(f.removeprefix(RULE_FEATURE) for f in named))


def held_out_auc(examples: Sequence[Example], folds: int) -> float:
    """ROC-AUC of the quotes of each part scored by a calibrator trained on the others."""
    articles = sorted({e.article for e in examples})
    part = dict(zip(articles, article_folds(articles, folds), strict=True))
    scored: list[tuple[float, bool]] = []
    for k in range(folds):
        calibrator = train([e for e in examples if part[e.article] != k])
        scored += [
            (round(calibrator.probability(with_lemmas(e.row, calibrator.lemmas)), 3), e.right)
            for e in examples
            if part[e.article] == k
        ]
    return roc_auc(scored)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", default=str(ROOT.parent / "shared/data/polnear/train"))
    parser.add_argument("--parses", default=None, help="a DocBin of the parsed gold texts")
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--out", default=str(ROOT / "src/newsquotes" / CALIBRATION_FILE))
    parser.add_argument("--folds", type=int, default=FOLDS, help="parts for held-out judging")
    parser.add_argument("--report", action="store_true", help="also print held-out ROC-AUC")
    parser.add_argument(
        "--evidence", action="store_true", help="add the gold evidence features (opt-in)"
    )
    args = parser.parse_args()
    documents = read_gold(args.gold, limit=args.limit).documents
    nlp = build_nlp(calibration=CalibrationSettings(enabled=False))
    docs = list(parsed(nlp, documents, args.parses))
    write_calibration(nlp, documents, docs, args.folds, args.out, args.report, args.evidence)


def write_calibration(
    nlp: Language,
    documents: Sequence[GoldDocument],
    docs: Sequence[Doc],
    folds: int,
    out: str,
    report: bool = False,
    with_evidence: bool = False,
) -> Calibrator:
    """Collect the training quotes, fit the calibrator, write it to ``out`` (with the gold
    evidence features where ``with_evidence``)."""
    examples = collect(nlp, documents, docs, folds, with_evidence)
    calibrator = replace(bagged(examples, folds), rule_examples=rule_counts(examples))
    if with_evidence:
        counts = [evidence_counts(doc, gold) for doc, gold in zip(docs, documents, strict=True)]
        calibrator = replace(calibrator, evidence=pooled(counts))
    about = {
        "articles": len({e.article for e in examples}),
        "quotes": len(examples),
        "right": sum(e.right for e in examples),
        "judge_folds": folds,
        "rounds": ROUNDS,
        "depth": DEPTH,
        "learning_rate": LEARNING_RATE,
        "tree_share": TREE_SHARE,
    }
    payload = calibrator.to_dict(about)
    Path(out).write_text(json.dumps(payload, separators=(",", ":")) + "\n", "utf-8")
    known = [with_lemmas(e.row, calibrator.lemmas) for e in examples]
    relabelled = [Example(row, e.right, e.article) for row, e in zip(known, examples, strict=True)]
    print(f"{len(calibrator.trees)} trees from {len(examples)} quotes -> {out}")
    print(f"on the training quotes: {quality(calibrator, relabelled)}")
    if report:
        print(
            f"held-out ROC-AUC ({max(2, folds)} parts): {held_out_auc(examples, max(2, folds)):.4f}"
        )
    return calibrator


if __name__ == "__main__":
    main()
