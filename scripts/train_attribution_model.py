"""Train the attribution judge (``src/newsquotes/data/attribution_model.json``) on PolNeAR train.

    python scripts/train_attribution_model.py [--gold ../shared/data/polnear/train] [--limit N]

Parses every training article (spaCy, CPU, a few minutes), collects the rule attributions
and the model's candidates of each (``newsquotes.quotes.learned``), labels each one by the
gold (right when its content overlaps a gold content and, where both have one, its cue
overlaps the gold cue), and fits a logistic regression with numpy: L2-regularised, full
batch, a fixed number of Newton-free gradient steps with Adagrad, so the same data give
the same weights on every machine. Features seen fewer than ``MIN_COUNT`` times are left out.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

import numpy as np
from spacy.tokens import Doc

from newsquotes.clean.page_furniture import find_regions
from newsquotes.evaluate.brat import GoldDocument, read_gold
from newsquotes.evaluate.scoring import overlap
from newsquotes.quotes.attribute import rule_attributions
from newsquotes.quotes.context import ArticleView, Attribution
from newsquotes.quotes.learned import MODEL_FILE, RULE_FEATURE, candidate_pass, features

ROOT = Path(__file__).resolve().parents[1]
LABEL_CONTENT_ONLY = False
MIN_COUNT = 3
"""A feature must occur this often in training to get a weight."""
L2 = 1e-4
"""Regularisation strength per example (keeps rare features small)."""
STEPS = 300
LEARNING_RATE = 0.5
ROUND = 4
"""Decimals kept per weight in the shipped file."""

Example = tuple[list[str], bool]


def is_right(a: Attribution, cue: tuple[int, int] | None, gold: GoldDocument) -> bool:
    """Content overlaps a gold content and, where both have a cue, the cues overlap."""
    for g in gold.attributions:
        if overlap(a.spans, g.content) <= 0:
            continue
        if LABEL_CONTENT_ONLY or cue is None or not g.cue or overlap([cue], g.cue) > 0:
            return True
    return False


def examples_of(doc: Doc, gold: GoldDocument) -> list[Example]:
    """Every rule attribution and candidate of one parsed article, with its label."""
    regions, _title = find_regions(doc.text)
    art = ArticleView(doc, regions)
    found = rule_attributions(art)
    out: list[Example] = []
    for a in found + candidate_pass(art, found):
        cue = None
        if a.cue is not None:
            cue = (doc[a.cue[0]].idx, doc[a.cue[1] - 1].idx + len(doc[a.cue[1] - 1]))
        out.append((features(art, a), is_right(a, cue, gold)))
    return out


def fit(examples: list[Example]) -> dict[str, float]:
    """Logistic regression weights (feature -> weight, plus ``bias``)."""
    counts = Counter(f for feats, _y in examples for f in set(feats))
    vocab = sorted(f for f, n in counts.items() if n >= MIN_COUNT)
    index = {f: i for i, f in enumerate(vocab)}
    rows, cols = [], []
    for r, (feats, _y) in enumerate(examples):
        for f in set(feats):
            if f in index:
                rows.append(r)
                cols.append(index[f])
    rows_a, cols_a = np.array(rows), np.array(cols)
    y = np.array([float(label) for _f, label in examples])
    n = len(examples)
    w = np.zeros(len(vocab))
    b = 0.0
    g2 = np.zeros(len(vocab)) + 1e-8
    gb2 = 1e-8
    for _step in range(STEPS):
        scores = np.zeros(n) + b
        np.add.at(scores, rows_a, w[cols_a])
        p = 1.0 / (1.0 + np.exp(-np.clip(scores, -30, 30)))
        err = p - y
        grad = np.zeros(len(vocab))
        np.add.at(grad, cols_a, err[rows_a])
        grad = grad / n + L2 * w
        gb = float(err.mean())
        g2 += grad**2
        gb2 += gb**2
        w -= LEARNING_RATE * grad / np.sqrt(g2)
        b -= LEARNING_RATE * gb / np.sqrt(gb2)
    weights = {f: round(float(v), ROUND) for f, v in zip(vocab, w, strict=True)}
    # a rule's weight stays even at 0: without one the judge leaves the rule's prior alone
    weights = {f: v for f, v in weights.items() if v != 0.0 or f.startswith(RULE_FEATURE)}
    weights["bias"] = round(b, ROUND)
    return weights


def parsed(documents: list[GoldDocument]) -> Iterator[Doc]:
    from newsquotes.pipeline import build_nlp

    nlp = build_nlp()
    with nlp.select_pipes(disable=["newsquotes"]):
        yield from nlp.pipe((d.text for d in documents), batch_size=16)


def train(pairs: Iterable[tuple[Doc, GoldDocument]]) -> tuple[dict[str, float], int, int]:
    examples: list[Example] = []
    articles = 0
    for doc, gold in pairs:
        examples.extend(examples_of(doc, gold))
        articles += 1
    return fit(examples), articles, len(examples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", default=str(ROOT.parent / "shared/data/polnear/train"))
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--out", default=str(ROOT / "src/newsquotes" / MODEL_FILE))
    args = parser.parse_args()
    documents = read_gold(args.gold, limit=args.limit).documents
    weights, articles, examples = train(zip(parsed(documents), documents, strict=True))
    write_weights(weights, articles, examples, args.out)
    print(f"{len(weights)} weights from {examples} examples in {articles} articles -> {args.out}")


def write_weights(weights: dict[str, float], articles: int, examples: int, out: str) -> None:
    """The judge's file, as the engine reads it."""
    payload = {
        "about": "Logistic regression: is this an attribution as PolNeAR annotates it?",
        "articles": articles,
        "examples": examples,
        "weights": dict(sorted(weights.items())),
    }
    Path(out).write_text(json.dumps(payload, indent=0, sort_keys=True) + "\n", "utf-8")


if __name__ == "__main__":
    main()
