"""Retrain both learned parts of the engine on PolNeAR train, in order, with one command.

    python scripts/train_models.py [--gold ../shared/data/polnear/train] [--parses FILE] [--report]

1. The attribution judge (``src/newsquotes/data/attribution_model.json``,
   ``scripts/train_attribution_model.py``) on every training article.
2. The confidence calibration (``src/newsquotes/data/calibration_model.json``,
   ``scripts/train_calibration.py``) on the engine's finished quotes, each article judged by
   a judge trained on the other parts.

Run it after any change to the rules, spans or speaker resolution: both models learn from
what the engine finds. The articles are parsed once (``--parses`` reuses a spaCy ``DocBin``
of them); deterministic: the same code and data give the same two files.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from newsquotes.evaluate.brat import read_gold
from newsquotes.pipeline import build_nlp
from newsquotes.quotes.calibrate import CALIBRATION_FILE, CalibrationSettings
from newsquotes.quotes.learned import MODEL_FILE

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "newsquotes"


def sibling(name: str) -> ModuleType:
    """Another training script of this folder, as a module."""
    spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name(f"{name}.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", default=str(ROOT.parent / "shared/data/polnear/train"))
    parser.add_argument("--parses", default=None, help="a DocBin of the parsed gold texts")
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--judge-out", default=str(PACKAGE / MODEL_FILE))
    parser.add_argument("--calibration-out", default=str(PACKAGE / CALIBRATION_FILE))
    parser.add_argument("--report", action="store_true", help="also print held-out ROC-AUC")
    args = parser.parse_args()
    judge, calibration = sibling("train_attribution_model"), sibling("train_calibration")
    documents = read_gold(args.gold, limit=args.limit).documents
    nlp = build_nlp(calibration=CalibrationSettings(enabled=False))
    docs = list(calibration.parsed(nlp, documents, args.parses))
    pairs = zip(docs, documents, strict=True)
    examples = [e for doc, gold in pairs for e in judge.examples_of(doc, gold)]
    weights = judge.fit(examples)
    judge.write_weights(weights, len(documents), len(examples), args.judge_out)
    print(f"judge: {len(weights)} weights from {len(examples)} examples -> {args.judge_out}")
    calibration.write_calibration(
        nlp, documents, docs, calibration.FOLDS, args.calibration_out, args.report
    )


if __name__ == "__main__":
    main()
