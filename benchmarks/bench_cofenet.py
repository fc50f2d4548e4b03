"""The field's per-role metric on PolNeAR dev (CofeNet, COLING 2022), and confidence quality.

Runs ``newsquotes extract`` over the PolNeAR dev texts (``--format jsonl``), scores that output
with ``../shared/eval/cofenet_score.py`` (source, cue and content spans, exact and begin match,
on CofeNet's own sentence split), and prints the bars. Then prints ROC-AUC and precision at
confidence >= 0.9 of the same predictions against the dev gold (``newsquotes.evaluate``).
Skips with a message when ``../shared`` is absent.

    python benchmarks/bench_cofenet.py                 # about a minute
    python benchmarks/bench_cofenet.py --predictions pred.jsonl   # score an existing output
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from newsquotes.evaluate.roles import HIGH_CONFIDENCE
from newsquotes.evaluate.scoring import evaluate
from newsquotes.model import Article

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"
DEV = SHARED / "data" / "polnear" / "dev"
SCORER = SHARED / "eval" / "cofenet_score.py"
SENTENCES = DEV / "cofenet-sentences.jsonl"
BARS_EXACT_F1 = {"source": 0.75, "cue": 0.68, "content": 0.62}
BAR_AUC, BAR_PRECISION_AT_HIGH = 0.85, 0.93
ROLES = ("source", "cue", "content")


def extract_dev(out: Path, split_turns: bool) -> None:
    """``newsquotes extract DEV/text --format jsonl`` into ``out``."""
    command = [
        sys.executable,
        "-c",
        "from newsquotes.cli import main; main()",
        "extract",
        str(DEV / "text"),
        "--format",
        "jsonl",
        "--output",
        str(out),
    ]
    if split_turns:
        command.append("--split-turns")
    subprocess.run(command, check=True)


def cofenet_scores(predictions: Path) -> dict:
    """The scorer's JSON report of ``predictions``."""
    result = subprocess.run(
        [
            sys.executable,
            str(SCORER),
            str(SENTENCES),
            str(DEV / "text"),
            str(predictions),
            "--json",
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(result.stdout)


def print_cofenet(scores: dict) -> None:
    for match in ("exact_match", "begin"):
        print(f"\n{match:<12}{'P':>7}{'R':>7}{'F1':>7}")
        for role in ROLES:
            r = scores[match][role]
            print(f"{role:<12}{r['pre']:>7.3f}{r['rec']:>7.3f}{r['f1']:>7.3f}")
    print("\nbars (exact F1):")
    for role, bar in BARS_EXACT_F1.items():
        f1 = scores["exact_match"][role]["f1"]
        print(f"  {role:<8} {f1:.3f} >= {bar:.2f}: {'yes' if f1 >= bar else 'NO'}")


def print_confidence(predictions: Path) -> None:
    articles = []
    with predictions.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                articles.append(Article.from_dict(json.loads(line)))
    report = evaluate(DEV, predictions={Path(a.id).stem: a for a in articles})
    quality = report.confidence
    precision, kept = quality.precision_at(HIGH_CONFIDENCE)
    print(
        f"\nconfidence: ROC-AUC {quality.auc:.3f} (bar {BAR_AUC:.2f}), precision at >= "
        f"{HIGH_CONFIDENCE:.1f} {precision:.3f} over {kept} predictions "
        f"(bar {BAR_PRECISION_AT_HIGH:.2f})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--predictions", type=Path, help="score this jsonl instead of extracting")
    parser.add_argument("--split-turns", action="store_true", help="extract one quote per segment")
    args = parser.parse_args()
    if not (SCORER.is_file() and SENTENCES.is_file()):
        print(f"skipped: {SCORER.name} or {SENTENCES.name} not found beside the repository")
        return
    with tempfile.TemporaryDirectory() as tmp:
        predictions = args.predictions or Path(tmp) / "dev.jsonl"
        if args.predictions is None:
            extract_dev(predictions, args.split_turns)
        print_cofenet(cofenet_scores(predictions))
        print_confidence(predictions)


if __name__ == "__main__":
    main()
