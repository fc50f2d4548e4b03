"""Rebuild ``src/newsquotes/data/confidence.json`` from PolNeAR's training split.

    python scripts/calibrate_confidence.py [--gold ../shared/data/polnear/train] [--limit N]

For every attribution class (rule | cue kind | speaker kind) it counts how many
predictions on the training articles match a gold attribution (content overlap; the
engine runs with one quote per speaker turn, PolNeAR's unit) and stores the smoothed share.
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path

from tqdm import tqdm

from newsquotes.clean.page_furniture import find_regions
from newsquotes.evaluate.brat import read_gold
from newsquotes.evaluate.scoring import match_overlap, quote_spans
from newsquotes.model import Quote
from newsquotes.pipeline import build_nlp
from newsquotes.quotes.attribute import find_attributions
from newsquotes.quotes.confidence import class_key, cue_class, speaker_class

ROOT = Path(__file__).resolve().parents[1]
PRIOR_WEIGHT = 5.0
"""Pseudo-counts pulling a rare class towards its rule's prior."""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", default=str(ROOT.parent / "shared/data/polnear/train"))
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--out", default=str(ROOT / "src/newsquotes/data/confidence.json"))
    args = parser.parse_args()

    gold = read_gold(args.gold, limit=args.limit)
    nlp = build_nlp()
    counts: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])  # n, right, prior
    texts = (d.text for d in gold.documents)
    with nlp.select_pipes(disable=["newsquotes"]):
        docs = nlp.pipe(texts, batch_size=16)
        for document, doc in tqdm(
            zip(gold.documents, docs, strict=True), total=len(gold.documents), unit="article"
        ):
            found = find_attributions(doc, find_regions(doc.text)[0])
            quotes, keys = [], []
            for n, a in enumerate(found):
                quotes.append(
                    Quote(
                        id=f"q{n}",
                        type=a.type,
                        spans=list(a.spans),
                        text="",
                        speaker_name=doc.text[a.speaker[0] : a.speaker[1]] if a.speaker else None,
                    )
                )
                keys.append(
                    (
                        class_key(a.rule, cue_class(doc, a.cue), speaker_class(doc, a.speaker)),
                        a.confidence,
                    )
                )
            pairs = match_overlap(
                [g.content for g in document.attributions], [quote_spans(q) for q in quotes]
            )
            right = set(pairs.values())
            for n, (key, prior) in enumerate(keys):
                entry = counts[key]
                entry[0] += 1
                entry[1] += n in right
                entry[2] = prior
    classes = {
        key: round((right + PRIOR_WEIGHT * prior) / (n + PRIOR_WEIGHT), 3)
        for key, (n, right, prior) in sorted(counts.items())
    }
    payload = {
        "about": "Share of predictions per class that match PolNeAR train gold (smoothed).",
        "articles": len(gold.documents),
        "classes": classes,
        "support": {key: int(n) for key, (n, _r, _p) in sorted(counts.items())},
    }
    Path(args.out).write_text(json.dumps(payload, indent=1, sort_keys=True) + "\n", "utf-8")
    print(f"{len(classes)} classes from {len(gold.documents)} articles -> {args.out}")


if __name__ == "__main__":
    main()
