"""Per-role span scores and confidence quality.

Role scores judge each role on its own, the way the field scores PolNeAR: every source,
cue and content fragment of the gold is one span, every speaker mention, cue and content
fragment of the predictions is one span (duplicates counted once per article), and a
predicted span is right when a gold span of the same role has the same ends (``exact``)
or the same start (``begin``), both after trimming whitespace, punctuation and quote
marks. Confidence quality asks whether confidence ranks right predictions above wrong
ones (ROC-AUC) and how precise the predictions above a high threshold are.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

ROLES: tuple[str, ...] = ("source", "cue", "content")
MATCHES: tuple[str, ...] = ("exact", "begin")
HIGH_CONFIDENCE = 0.9
"""The threshold whose precision the report shows (``precision at 0.9``)."""

Spans = Iterable[tuple[int, int]]
Trim = Callable[[Spans], tuple[tuple[int, int], ...]]


@dataclass(slots=True)
class RoleScore:
    """True positives, false positives and false negatives of one role and one match kind."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        return 2 * self.tp / (2 * self.tp + self.fp + self.fn) if self.tp else 0.0

    def add(self, gold: set[Any], predicted: set[Any]) -> None:
        shared = len(gold & predicted)
        self.tp += shared
        self.fp += len(predicted) - shared
        self.fn += len(gold) - shared

    def to_dict(self) -> dict[str, Any]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


@dataclass(slots=True)
class RoleScores:
    """``scores[role][match]`` for source, cue and content, exact and begin match."""

    scores: dict[str, dict[str, RoleScore]] = field(
        default_factory=lambda: {role: {m: RoleScore() for m in MATCHES} for role in ROLES}
    )

    def add(
        self,
        gold: dict[str, list[tuple[int, int]]],
        predicted: dict[str, list[tuple[int, int]]],
        trim: Trim,
    ) -> None:
        """Add one article: ``gold`` and ``predicted`` map each role to its spans."""
        for role in ROLES:
            gold_spans = set(trim(gold.get(role, [])))
            pred_spans = set(trim(predicted.get(role, [])))
            self.scores[role]["exact"].add(gold_spans, pred_spans)
            self.scores[role]["begin"].add({s for s, _e in gold_spans}, {s for s, _e in pred_spans})

    def to_dict(self) -> dict[str, Any]:
        return {
            role: {m: score.to_dict() for m, score in by_match.items()}
            for role, by_match in self.scores.items()
        }

    def format(self) -> list[str]:
        lines = ["", "[roles] each source, cue and content span on its own (all attributions)"]
        lines.append(f"  {'':<16}{'P':>7}{'R':>7}{'F1':>7}        tp     fp     fn")
        for match in MATCHES:
            for role in ROLES:
                s = self.scores[role][match]
                lines.append(
                    f"  {f'{role}-{match}':<16}{s.precision:>7.3f}{s.recall:>7.3f}{s.f1:>7.3f}"
                    f"   {s.tp:>7}{s.fp:>7}{s.fn:>7}"
                )
        return lines


def roc_auc(scored: Sequence[tuple[float, bool]]) -> float:
    """Probability that a right prediction has a higher confidence than a wrong one (ties
    count half); 0.5 when either kind is missing."""
    positives = sum(1 for _c, ok in scored if ok)
    negatives = len(scored) - positives
    if not positives or not negatives:
        return 0.5
    ranked = sorted(scored, key=lambda item: item[0])
    rank_sum = 0.0
    i = 0
    while i < len(ranked):
        j = i
        while j < len(ranked) and ranked[j][0] == ranked[i][0]:
            j += 1
        mean_rank = (i + 1 + j) / 2
        rank_sum += mean_rank * sum(1 for _c, ok in ranked[i:j] if ok)
        i = j
    return (rank_sum - positives * (positives + 1) / 2) / (positives * negatives)


@dataclass(slots=True)
class ConfidenceQuality:
    """Each prediction's confidence and whether it matched a gold attribution."""

    scored: list[tuple[float, bool]] = field(default_factory=list)

    @property
    def auc(self) -> float:
        return roc_auc(self.scored)

    def precision_at(self, threshold: float) -> tuple[float, int]:
        """Precision of the predictions with confidence ≥ ``threshold``, and how many."""
        kept = [ok for conf, ok in self.scored if conf >= threshold]
        return (sum(kept) / len(kept) if kept else 0.0), len(kept)

    def to_dict(self) -> dict[str, Any]:
        precision, kept = self.precision_at(HIGH_CONFIDENCE)
        return {
            "roc_auc": round(self.auc, 4),
            "threshold": HIGH_CONFIDENCE,
            "precision_at_threshold": round(precision, 4),
            "kept_at_threshold": kept,
            "predictions": len(self.scored),
        }

    def format(self) -> list[str]:
        precision, kept = self.precision_at(HIGH_CONFIDENCE)
        return [
            "",
            "[confidence] does it rank predictions that match gold (content overlap) first?",
            f"  ROC-AUC {self.auc:.3f}; precision at confidence >= {HIGH_CONFIDENCE:.1f} "
            f"{precision:.3f} ({kept}/{len(self.scored)} predictions kept)",
        ]
