"""Scoring predicted quotes against gold attributions: precision, recall and F1 for the quote
content, its speaker and its cue, on the ``direct``, ``speech`` and ``all`` subsets.

Matching is one-to-one and done once per article over all gold and all predictions:
``exact`` pairs a prediction with a gold attribution whose content fragments are the same
after trimming quote marks, punctuation and whitespace from both ends of each fragment;
``overlap`` pairs them greedily by the largest number of shared characters. Subset scores
then count, for recall, the gold attributions of the subset that found a partner and, for
precision, the predictions of the subset's prediction side (``direct``: predictions whose
content holds a quote mark; ``speech`` and ``all``: every prediction) that found one.
Speaker and cue are judged on the ``overlap`` pairs.
"""

from __future__ import annotations

import re
import string
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import DocumentError
from ..model import Article, Quote
from .brat import GoldAttribution, GoldDocument, SpanList, read_gold
from .referents import REFERENTS_FILE, Referent, ReferentScores, read_referents
from .roles import ConfidenceQuality, RoleScores
from .subsets import DOUBLE_QUOTE_MARKS, SINGLE_QUOTE_MARKS, has_quote_mark, is_speech_cue

if TYPE_CHECKING:
    from ..pipeline import Pipeline

SUBSETS: tuple[str, ...] = ("direct", "speech", "all")
TRIM_CHARS = (
    string.whitespace
    + string.punctuation
    + "".join(DOUBLE_QUOTE_MARKS)
    + SINGLE_QUOTE_MARKS
    + "—–…"
)

Progress = Callable[[Sequence[GoldDocument]], Iterable[GoldDocument]]


def trimmed_fragments(text: str, spans: Iterable[tuple[int, int]]) -> SpanList:
    """Each span shrunk past quote marks, punctuation and whitespace at both ends."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        while start < end and text[start] in TRIM_CHARS:
            start += 1
        while end > start and text[end - 1] in TRIM_CHARS:
            end -= 1
        if start < end:
            out.append((start, end))
    return tuple(out)


def word_stretches(text: str, spans: Iterable[tuple[int, int]]) -> SpanList:
    """The trimmed fragments, with fragments that only spaces, punctuation and quote marks
    part joined: two fragments and one span over the same words are the same content."""
    out: list[tuple[int, int]] = []
    for start, end in trimmed_fragments(text, spans):
        if out and not text[out[-1][1] : start].strip(TRIM_CHARS):
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return tuple(out)


def overlap(left: Iterable[tuple[int, int]], right: Iterable[tuple[int, int]]) -> int:
    """Characters two span lists share."""
    right = list(right)
    return sum(max(0, min(le, re_) - max(ls, rs)) for ls, le in left for rs, re_ in right)


def match_exact(gold: Sequence[SpanList], predicted: Sequence[SpanList]) -> dict[int, int]:
    """``gold index -> predicted index`` for identical (already trimmed) fragment lists."""
    free: dict[SpanList, list[int]] = {}
    for p_index, key in enumerate(predicted):
        if key:
            free.setdefault(key, []).append(p_index)
    pairs: dict[int, int] = {}
    for g_index, key in enumerate(gold):
        if key and free.get(key):
            pairs[g_index] = free[key].pop(0)
    return pairs


def match_overlap(gold: Sequence[SpanList], predicted: Sequence[SpanList]) -> dict[int, int]:
    """``gold index -> predicted index``, one-to-one, largest shared character count first."""
    candidates = [
        (shared, g_index, p_index)
        for g_index, g_spans in enumerate(gold)
        for p_index, p_spans in enumerate(predicted)
        if (shared := overlap(g_spans, p_spans)) > 0
    ]
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    pairs: dict[int, int] = {}
    used: set[int] = set()
    for _shared, g_index, p_index in candidates:
        if g_index not in pairs and p_index not in used:
            pairs[g_index] = p_index
            used.add(p_index)
    return pairs


def speaker_is_right(quote: Quote, gold: GoldAttribution, text: str) -> bool:
    """The speaker mention overlaps the gold source, or the resolved name's last word is in it.

    Where gold has no source, a prediction is right only if it names no speaker either.
    """
    if not gold.source:
        return quote.speaker is None and not quote.speaker_name
    if (
        quote.speaker is not None
        and overlap([(quote.speaker.start, quote.speaker.end)], gold.source) > 0
    ):
        return True
    if quote.speaker_name:
        words = quote.speaker_name.strip(TRIM_CHARS).split()
        if words:
            last = words[-1].strip(TRIM_CHARS)
            source_text = " ".join(text[s:e] for s, e in gold.source)
            pattern = rf"(?<!\w){re.escape(last)}(?!\w)"
            if last and re.search(pattern, source_text, re.IGNORECASE):
                return True
    return False


def cue_is_right(quote: Quote, gold: GoldAttribution) -> bool:
    """The predicted cue span overlaps the gold cue span."""
    if quote.cue is None or not gold.cue:
        return False
    return overlap([(quote.cue.start, quote.cue.end)], gold.cue) > 0


@dataclass(slots=True)
class Score:
    """Recall is ``found / gold``; precision is ``correct / predicted``."""

    found: int = 0
    gold: int = 0
    correct: int = 0
    predicted: int = 0

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "found": self.found,
            "gold": self.gold,
            "correct": self.correct,
            "predicted": self.predicted,
        }


@dataclass(slots=True)
class SubsetScores:
    """All the numbers of one subset (``direct``, ``speech`` or ``all``)."""

    name: str
    gold: int = 0
    predicted: int = 0
    content_exact: Score = field(default_factory=Score)
    content_overlap: Score = field(default_factory=Score)
    speaker: Score = field(default_factory=Score)
    cue: Score = field(default_factory=Score)
    matched: int = 0
    speaker_right: int = 0
    matched_with_cue: int = 0
    cue_right: int = 0

    @property
    def speaker_accuracy(self) -> float:
        """Share of content-matched (overlap) gold attributions whose speaker is right."""
        return self.speaker_right / self.matched if self.matched else 0.0

    @property
    def cue_accuracy(self) -> float:
        """Share of content-matched gold attributions with a gold cue whose cue is right."""
        return self.cue_right / self.matched_with_cue if self.matched_with_cue else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "gold": self.gold,
            "predicted": self.predicted,
            "content_exact": self.content_exact.to_dict(),
            "content_overlap": self.content_overlap.to_dict(),
            "speaker": self.speaker.to_dict(),
            "cue": self.cue.to_dict(),
            "speaker_accuracy": round(self.speaker_accuracy, 4),
            "speaker_right": self.speaker_right,
            "matched": self.matched,
            "cue_accuracy": round(self.cue_accuracy, 4),
            "cue_right": self.cue_right,
            "matched_with_cue": self.matched_with_cue,
        }


@dataclass(slots=True)
class Report:
    """The outcome of scoring one gold folder."""

    gold_dir: str
    threshold: float = 0.0
    documents: int = 0
    subsets: dict[str, SubsetScores] = field(
        default_factory=lambda: {name: SubsetScores(name) for name in SUBSETS}
    )
    predicted_by_type: Counter[str] = field(default_factory=Counter)
    correct_by_type: Counter[str] = field(default_factory=Counter)
    dropped_below_threshold: int = 0
    split_turns: bool = False
    """Whether the engine reported one quote per quoted segment (``Pipeline(split_turns=True)``)."""
    errors: list[str] = field(default_factory=list)
    """One line per document that could not be read or predicted (its gold still counts)."""
    notes: list[str] = field(default_factory=list)
    referents: dict[tuple[str, int, SpanList], Referent] | None = None
    """Who each gold source really is, where the gold folder has a ``referents.jsonl``."""
    who: ReferentScores | None = None
    roles: RoleScores = field(default_factory=RoleScores)
    """Source, cue and content spans scored each on its own (exact and begin match)."""
    confidence: ConfidenceQuality = field(default_factory=ConfidenceQuality)
    """Each kept prediction's confidence and whether it found a gold partner."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "gold_dir": self.gold_dir,
            "threshold": self.threshold,
            "documents": self.documents,
            "subsets": {name: s.to_dict() for name, s in self.subsets.items()},
            "predicted_by_type": dict(sorted(self.predicted_by_type.items())),
            "correct_by_type": dict(sorted(self.correct_by_type.items())),
            "dropped_below_threshold": self.dropped_below_threshold,
            "split_turns": self.split_turns,
            "roles": self.roles.to_dict(),
            "confidence": self.confidence.to_dict(),
            "who": self.who.to_dict() if self.who else None,
            "errors": list(self.errors),
            "notes": list(self.notes),
        }

    def format(self) -> str:
        """A compact table per subset, then counts by quote type and any errors."""
        everything = self.subsets["all"]
        lines = [
            f"{self.gold_dir}: {self.documents} documents, {everything.gold} gold attributions, "
            f"{everything.predicted} predictions (threshold {self.threshold:.2f}, "
            f"{self.dropped_below_threshold} dropped below it)"
        ]
        if self.split_turns:
            lines.append("one quote per quoted segment (split_turns)")
        for subset in self.subsets.values():
            lines.append("")
            lines.append(f"[{subset.name}] gold {subset.gold}, predicted {subset.predicted}")
            lines.append(f"  {'':<16}{'P':>7}{'R':>7}{'F1':>7}   found/gold  correct/pred")
            for label, score in (
                ("content-exact", subset.content_exact),
                ("content-overlap", subset.content_overlap),
                ("speaker", subset.speaker),
                ("cue", subset.cue),
            ):
                lines.append(
                    f"  {label:<16}{score.precision:>7.3f}{score.recall:>7.3f}{score.f1:>7.3f}"
                    f"   {f'{score.found}/{score.gold}':>10}  "
                    f"{f'{score.correct}/{score.predicted}':>12}"
                )
            lines.append(
                f"  speaker accuracy on matched {subset.speaker_accuracy:.3f} "
                f"({subset.speaker_right}/{subset.matched}), cue accuracy on matched "
                f"{subset.cue_accuracy:.3f} ({subset.cue_right}/{subset.matched_with_cue})"
            )
        lines.append("")
        types = sorted(set(self.predicted_by_type) | set(self.correct_by_type))
        by_type = ", ".join(
            f"{t} {self.correct_by_type[t]}/{self.predicted_by_type[t]}" for t in types
        )
        lines.append(f"predictions by type (content-overlap correct/predicted): {by_type or '-'}")
        lines.extend(self.roles.format())
        lines.extend(self.confidence.format())
        if self.who is not None:
            lines.extend(self.who.format())
        if self.notes:
            lines.append(f"notes ({len(self.notes)}):")
            lines.extend(f"  {note}" for note in self.notes)
        if self.errors:
            lines.append(f"errors ({len(self.errors)}; their gold is counted as not found):")
            lines.extend(f"  {error}" for error in self.errors)
        return "\n".join(lines)


def quote_spans(quote: Quote) -> SpanList:
    return tuple(sorted((int(s), int(e)) for s, e in quote.spans))


def score_speakers(
    report: Report,
    gold: GoldDocument,
    quotes: Sequence[Quote],
    pairs: Mapping[int, int],
    speaker_kinds: Mapping[str, str],
) -> None:
    """For each found gold attribution with a referent: does the resolved speaker name it?"""
    if report.referents is None or report.who is None:
        return
    for g_index, p_index in pairs.items():
        attribution = gold.attributions[g_index]
        if not attribution.source:
            continue
        start = min(s for s, _e in attribution.content)
        key = (gold.name, start, tuple(sorted(attribution.source)))
        referent = report.referents.get(key)
        if referent is None:
            report.who.not_annotated += 1
            continue
        quote = quotes[p_index]
        kind = speaker_kinds.get(quote.speaker_id) if quote.speaker_id else None
        where = {
            "doc": gold.name,
            "source": gold.span_text(attribution.source),
            "content": gold.span_text(attribution.content)[:80],
        }
        report.who.add(referent, quote.speaker_name, kind, where)


def role_spans_of_gold(gold: GoldDocument) -> dict[str, list[tuple[int, int]]]:
    """Every source, cue and content fragment of the gold, by role."""
    spans: dict[str, list[tuple[int, int]]] = {"source": [], "cue": [], "content": []}
    for attribution in gold.attributions:
        spans["source"].extend(attribution.source)
        spans["cue"].extend(attribution.cue)
        spans["content"].extend(attribution.content)
    return spans


def role_spans_of_quotes(quotes: Sequence[Quote]) -> dict[str, list[tuple[int, int]]]:
    """Every speaker mention, cue and content fragment of the predictions, by role."""
    spans: dict[str, list[tuple[int, int]]] = {"source": [], "cue": [], "content": []}
    for quote in quotes:
        if quote.speaker is not None:
            spans["source"].append((quote.speaker.start, quote.speaker.end))
        if quote.cue is not None:
            spans["cue"].append((quote.cue.start, quote.cue.end))
        spans["content"].extend(quote_spans(quote))
    return spans


def score_document(
    report: Report,
    gold: GoldDocument,
    quotes: Sequence[Quote],
    speaker_kinds: Mapping[str, str] | None = None,
) -> None:
    """Add one article's gold attributions and (already filtered) predictions to ``report``.

    ``speaker_kinds`` maps the article's speaker ids to their kinds (to tell a source left
    unnamed from one given a name)."""
    text = gold.text
    report.documents += 1
    gold_spans = [a.content for a in gold.attributions]
    pred_spans = [quote_spans(q) for q in quotes]
    exact = match_exact(
        [word_stretches(text, s) for s in gold_spans],
        [word_stretches(text, s) for s in pred_spans],
    )
    pairs = match_overlap(gold_spans, pred_spans)
    partner = {p: g for g, p in pairs.items()}
    exact_preds = set(exact.values())
    speaker_ok = {
        g: speaker_is_right(quotes[p], gold.attributions[g], text) for g, p in pairs.items()
    }
    cue_ok = {g: cue_is_right(quotes[p], gold.attributions[g]) for g, p in pairs.items()}

    gold_in = {
        "direct": [has_quote_mark(gold.span_text(a.content)) for a in gold.attributions],
        "speech": [
            is_speech_cue(gold.span_text(a.cue)) if a.cue else False for a in gold.attributions
        ],
        "all": [True] * len(gold.attributions),
    }
    pred_direct = [has_quote_mark(" ".join(text[s:e] for s, e in sp)) for sp in pred_spans]
    pred_in = {"direct": pred_direct, "speech": [True] * len(quotes), "all": [True] * len(quotes)}

    for name, subset in report.subsets.items():
        for g_index, attribution in enumerate(gold.attributions):
            if not gold_in[name][g_index]:
                continue
            has_cue = bool(attribution.cue)
            subset.gold += 1
            for score in (subset.content_exact, subset.content_overlap, subset.speaker):
                score.gold += 1
            subset.cue.gold += has_cue
            subset.content_exact.found += g_index in exact
            if g_index in pairs:
                subset.content_overlap.found += 1
                subset.matched += 1
                subset.speaker_right += speaker_ok[g_index]
                subset.speaker.found += speaker_ok[g_index]
                if has_cue:
                    subset.matched_with_cue += 1
                    subset.cue_right += cue_ok[g_index]
                    subset.cue.found += cue_ok[g_index]
        for p_index, quote in enumerate(quotes):
            if not pred_in[name][p_index]:
                continue
            subset.predicted += 1
            for score in (subset.content_exact, subset.content_overlap, subset.speaker):
                score.predicted += 1
            subset.cue.predicted += quote.cue is not None
            subset.content_exact.correct += p_index in exact_preds
            if p_index in partner:
                g_index = partner[p_index]
                subset.content_overlap.correct += 1
                subset.speaker.correct += speaker_ok[g_index]
                subset.cue.correct += cue_ok[g_index]
    for p_index, quote in enumerate(quotes):
        report.predicted_by_type[quote.type] += 1
        report.correct_by_type[quote.type] += p_index in partner
        report.confidence.scored.append((quote.confidence, p_index in partner))
    report.roles.add(
        role_spans_of_gold(gold),
        role_spans_of_quotes(quotes),
        lambda spans: trimmed_fragments(text, spans),
    )
    score_speakers(report, gold, quotes, pairs, speaker_kinds or {})


def _by_name(predictions: Mapping[str, Article] | Iterable[Article]) -> dict[str, Article]:
    if isinstance(predictions, Mapping):
        return dict(predictions)
    return {article.id: article for article in predictions}


def evaluate(
    gold_dir: str | Path,
    pipeline: Pipeline | None = None,
    predictions: Mapping[str, Article] | Iterable[Article] | None = None,
    *,
    threshold: float = 0.0,
    limit: int | None = None,
    progress: Progress | None = None,
) -> Report:
    """Score ``predictions`` (articles keyed or identified by gold document name), or what
    ``pipeline`` (default: the shared one) finds in the gold texts, against ``gold_dir``.

    Predictions with ``confidence < threshold`` are dropped first. A document that cannot be
    read, has no prediction or fails in the pipeline is listed in ``Report.errors``; the
    other documents are scored, and a failed document's gold counts as not found.
    """
    gold_set = read_gold(gold_dir, limit=limit)
    report = Report(gold_dir=str(gold_dir), threshold=threshold)
    referents_path = Path(gold_dir) / REFERENTS_FILE
    if referents_path.is_file():
        report.referents = read_referents(referents_path)
        report.who = ReferentScores()
    report.errors.extend(str(error) for error in gold_set.errors)
    for document in gold_set.documents:
        report.notes.extend(document.notes)
    given = _by_name(predictions) if predictions is not None else None
    if given is None and pipeline is None:
        from ..pipeline import default_pipeline

        pipeline = default_pipeline()
    report.split_turns = bool(getattr(pipeline, "split_turns", False)) and given is None
    documents: Iterable[GoldDocument] = (
        progress(gold_set.documents) if progress else gold_set.documents
    )
    if given is None:
        assert pipeline is not None
        articles = (Article(id=d.name, text=d.text, source=d.name) for d in gold_set.documents)
        processed = pipeline.pipe(articles)
    for document in documents:
        quotes: list[Quote] = []
        kinds: dict[str, str] = {}
        if given is not None:
            article = given.get(document.name)
            if article is None:
                report.errors.append(f"{document.name}: no prediction for this document")
            else:
                quotes = list(article.quotes)
                kinds = {sp.id: sp.kind for sp in article.speakers}
        else:
            result = next(processed)
            if isinstance(result, DocumentError):
                report.errors.append(str(result))
            else:
                quotes = list(result.quotes)
                kinds = {sp.id: sp.kind for sp in result.speakers}
        kept = [q for q in quotes if q.confidence >= threshold]
        report.dropped_below_threshold += len(quotes) - len(kept)
        score_document(report, document, kept, kinds)
    return report
