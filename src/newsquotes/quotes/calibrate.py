"""The last stage of the engine: each finished quote's confidence, learned from the quote as
it will be output.

The attribution judge (:mod:`.learned`) sees one candidate at a time, before overlaps are
settled and speakers resolved. Whether a finished quote is right depends on more: how its
speaker was resolved and what kind of speaker that is, whether its quote marks pair up,
whether it ends a sentence, how it sits among the article's other quotes. A small ensemble
of gradient-boosted decision trees over such features (:func:`calibration_rows`), trained
on PolNeAR's training split by ``scripts/train_models.py``, turns them into the
probability that the quote matches a gold attribution (content overlap, as
``newsquotes evaluate`` pairs them). It changes no quote's words, cue or speaker: only its
``confidence`` (and, where ``drop_below`` is set above zero, which quotes are kept).

Evaluation at run time is pure Python: each tree is a handful of comparisons.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from spacy.tokens import Doc, Token

from ..errors import ModelNotFoundError
from ..model import Quote, Speaker
from .confidence import cue_class, speaker_class
from .context import SENTENCE_END, ArticleView, children_of, cue_head, is_cue, lemma
from .cues import cue_confidence, cue_lemma
from .learned import CONTENT_DEPS, active_weights
from .quote_marks import DOUBLE_MARKS

CALIBRATION_FILE = "data/calibration_model.json"
"""The shipped ensemble, inside the package."""
CALIBRATION_FORMAT = "newsquotes-calibration-2"
"""``format`` of the calibration file this code writes."""
TREES_ONLY_FORMAT = "newsquotes-calibration-1"
"""An older file this code still reads: trees without the linear part."""
OPENING_MARKS = frozenset("“„«")
CLOSING_MARKS = frozenset("”»")
FIRST_PERSON = frozenset({"i", "we", "me", "my", "our", "us", "i'm", "we're", "i've"})
CLOSE_DISTANCE_CHARS = 400
"""Farther than this, a neighbouring quote or mention counts as far (the cap of the feature)."""
CUE_DEPS = frozenset({"ROOT", "conj", "ccomp", "xcomp", "advcl", "relcl", "acl", "parataxis"})
"""Dependency labels of a cue verb told apart; any other is ``-``."""
CONTENT_ROOT_DEPS = frozenset({"ROOT", "ccomp", "xcomp", "dobj", "pobj", "conj", "advcl", "nsubj"})
"""Dependency labels of the content's root told apart; any other is ``-``."""
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
OVERLAP_SCAN = 8
"""Quotes after a quote checked for overlap with it (they are in text order)."""
CONTENT_LINK_DEPS = frozenset({"ccomp", "xcomp", "dobj", "prep", "pobj", "advcl", "oprd", "conj"})
"""Dependencies of the content's first word on the cue verb told apart; any other is ``-``."""
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
PLURAL_TAGS = frozenset({"NNS", "NNPS"})
SENTENCE_VERB_CAP = 8
SENTENCE_CUE_CAP = 5
"""Verbs and cue words in a sentence beyond these all look the same to the model."""
PARAGRAPH_CAP = 30
"""Paragraph indexes beyond this all look the same to the ensemble."""

EVIDENCE_PRIOR_GOLD = 0.5
EVIDENCE_PRIOR_SEEN = 2.0
"""Pseudo-counts added to a word's gold and total counts before their ratio is taken, so
that a word met twice and a cue once is not as sure a cue as ``say``."""
CUE_KEY = "cue:"
CUE_COMPLEMENT_KEY = "cue+comp:"
SOURCE_KEY = "source:"

Row = dict[str, float]
"""One quote's features: name -> value (a category is ``name=value`` -> 1.0)."""


# --------------------------------------------------------------------------- gold evidence


def complement_of(token: Token) -> str:
    """The kind of what a verb governs (``ccomp`` a clause, ``dobj`` a thing, ``-`` none)."""
    return next((c.dep_ for c in token.children if c.dep_ in CONTENT_DEPS), "-")


def cue_keys(token: Token) -> tuple[str, str]:
    """The evidence keys of a cue's head word: its lemma, and its lemma with its complement
    (``accept`` with a clause reports; ``accept`` with a request mostly does not)."""
    base = lemma(token)
    return f"{CUE_KEY}{base}", f"{CUE_COMPLEMENT_KEY}{base}|{complement_of(token)}"


def source_key(token: Token) -> str:
    """The evidence key of a source mention's head word (``group``, ``Sanders``)."""
    return f"{SOURCE_KEY}{token.lemma_.lower()}"


def word_keys(token: Token) -> tuple[str, ...]:
    """Every key a word counts towards when the training articles' words are counted."""
    return (*cue_keys(token), source_key(token))


@dataclass(frozen=True, slots=True)
class Evidence:
    """How often a word was the head of a gold cue or source in the training articles,
    against how often it occurs there at all. A learned judge knows a frequent cue lemma by
    name but treats a rare one (``unveil``, ``explore``) as neutral; this tells the
    calibration that the training gold seldom or never reports with it. Only words that
    were a gold cue or source at least once are kept (any other counts as never)."""

    gold: dict[str, int] = field(default_factory=dict)
    seen: dict[str, int] = field(default_factory=dict)

    def rate(self, key: str) -> float:
        """The smoothed share of the word's occurrences that were a gold cue or source."""
        gold = self.gold.get(key, 0)
        if not gold:
            return 0.0
        seen = self.seen.get(key, gold)
        return round((gold + EVIDENCE_PRIOR_GOLD) / (seen + EVIDENCE_PRIOR_SEEN), 4)

    def gold_count(self, key: str) -> float:
        return _log_chars(self.gold.get(key, 0))

    def to_dict(self) -> dict[str, dict[str, int]]:
        return {"gold": dict(sorted(self.gold.items())), "seen": dict(sorted(self.seen.items()))}

    @classmethod
    def from_dict(cls, data: dict[str, dict[str, int]]) -> Evidence:
        return cls(
            {str(k): int(v) for k, v in data.get("gold", {}).items()},
            {str(k): int(v) for k, v in data.get("seen", {}).items()},
        )

    @classmethod
    def from_counts(cls, gold: Counter[str], seen: Counter[str]) -> Evidence:
        """The evidence of counted articles, keeping only the words with gold."""
        return cls(dict(gold), {k: seen[k] for k in gold})


NO_EVIDENCE = Evidence()


def _evidence_features(art: ArticleView, quote: Quote, evidence: Evidence) -> Row:
    """The gold evidence of the quote's cue word and its source mention's head word (none
    where the calibration was trained without evidence)."""
    doc = art.doc
    row: Row = {}
    if not evidence.gold:
        return row
    if quote.cue is not None:
        head = cue_head(doc, _token_range(art, quote.cue.start, quote.cue.end))
        word, with_complement = cue_keys(head)
        row["ev_cue"] = evidence.rate(word)
        row["ev_cue_gold"] = evidence.gold_count(word)
        row["ev_cue_comp"] = evidence.rate(with_complement)
        row["ev_cue_comp_gold"] = evidence.gold_count(with_complement)
    if quote.speaker is not None:
        span = doc.char_span(quote.speaker.start, quote.speaker.end, alignment_mode="expand")
        if span is not None and len(span):
            key = source_key(span.root)
            row["ev_source"] = evidence.rate(key)
            row["ev_source_gold"] = evidence.gold_count(key)
    return row


@dataclass(frozen=True, slots=True)
class CalibrationSettings:
    """Whether and how the finished quotes' confidence is recomputed."""

    enabled: bool = True
    """False: a quote keeps the attribution judge's probability (or the rule's prior)."""
    model_path: str = ""
    """A calibration file to use instead of the shipped one ("" = the shipped one)."""
    drop_below: float = 0.0
    """Quotes whose calibrated confidence is lower are dropped (0: none is). 0.5 raises
    speech F1 on PolNeAR (dev 0.891 -> 0.894, train 0.894 -> 0.901) but drops clear quotes
    of short articles unlike PolNeAR's, and of ``split_turns`` output: opt-in only."""
    min_rule_examples: int = 3
    """A quote of a rule (``via``) that gave fewer training quotes than this keeps the
    confidence it comes with (its rule's prior, which the judge keeps for a rule it never saw
    either: the judge's training leaves out what it saw fewer than 3 times). A dash signature
    (``"..." ― Jaan Tamm``) is all but absent from PolNeAR's training articles, so the
    ensemble would rank it by what other verbless quotes there are like, not by what it is."""


DEFAULT_CALIBRATION = CalibrationSettings()


# --------------------------------------------------------------------------- features


def _log_chars(n: int) -> float:
    return round(math.log1p(max(0, n)), 4)


def _token_range(art: ArticleView, start: int, end: int) -> tuple[int, int]:
    return art.token_at(start), art.token_at(max(start, end - 1)) + 1


def _mark_features(content: str) -> Row:
    """Quote marks of the content: how many, and whether they pair up."""
    opening = sum(c in OPENING_MARKS for c in content)
    closing = sum(c in CLOSING_MARKS for c in content)
    straight = content.count('"')
    stripped = content.strip()
    return {
        "marks": float(opening + closing + straight),
        "marks_balanced": float(opening == closing and straight % 2 == 0),
        "opens_with_mark": float(bool(stripped) and stripped[0] in DOUBLE_MARKS),
        "closes_with_mark": float(bool(stripped) and stripped[-1] in DOUBLE_MARKS),
        "question": float("?" in content),
    }


def _ends_sentence(art: ArticleView, end: int) -> float:
    """1 where the content ends its sentence or paragraph (what follows is only marks and
    closing punctuation up to a sentence end), else 0."""
    text = art.text
    tail = text[max(0, end - 2) : end + 3]
    if any(c in SENTENCE_END for c in tail):
        return 1.0
    rest = text[end : end + 4]
    return float(not rest.strip() or rest.lstrip(" \"'”’)")[:1] in ("\n", ""))


def _sentence_position(art: ArticleView, start: int, end: int) -> Row:
    """Where the content sits: sentence and paragraph edges, how far into the article."""
    doc = art.doc
    first, last = _token_range(art, start, end)
    sent = doc[first].sent
    paragraph = art.paragraph_of(start)
    paragraph_start = art.paragraph_starts[paragraph]
    return {
        "starts_sentence": float(sent.start_char >= start - 2),
        "ends_sentence": _ends_sentence(art, end),
        "sentences": float(len({doc[i].sent.start for i in (first, last - 1)})),
        "para_index": float(min(PARAGRAPH_CAP, paragraph)),
        "para_share": round(paragraph / max(1, len(art.paragraph_starts)), 4),
        "starts_paragraph": float(text_is_blank(art.text[paragraph_start:start])),
        "article_share": round(start / max(1, len(art.text)), 4),
    }


def text_is_blank(text: str) -> bool:
    """Only space and opening marks: what may stand before a paragraph's first words."""
    return not text.strip(" \t\n\"'“‘")


def _cue_features(doc: Doc, art: ArticleView, quote: Quote, lemmas: frozenset[str] | None) -> Row:
    if quote.cue is None:
        return {"has_cue": 0.0, "cueclass=none": 1.0}
    tokens = _token_range(art, quote.cue.start, quote.cue.end)
    head = cue_head(doc, tokens)
    base = cue_lemma(head.lemma_, head.text)
    inside = any(s <= quote.cue.start < e for s, e in quote.spans)
    sentence = doc[tokens[0]].sent
    children = children_of(head)
    row: Row = {
        "has_cue": 1.0,
        "cue_judge_weight": active_weights().get(f"lem={base}", 0.0),
        "cue_prior": cue_confidence(base),
        "cue_is_sentence_root": float(head.i == sentence.root.i),
        f"cue_tag={head.tag_}": 1.0,
        f"cue_dep={head.dep_ if head.dep_ in CUE_DEPS else '-'}": 1.0,
        "cue_negated": float(any(c.dep_ == "neg" for c in children)),
        "cue_modal": float(any(c.tag_ == "MD" for c in children)),
        "cue_passive": float(any(c.dep_ == "auxpass" for c in children)),
        f"cueclass={cue_class(doc, tokens)}": 1.0,
        f"lem={base if lemmas is None or base in lemmas else '-'}": 1.0,
        "cue_words": float(tokens[1] - tokens[0]),
        "cue_inside": float(inside),
        "cue_after": float(quote.cue.start >= quote.end),
        "cue_distance": _log_chars(_gap(quote, quote.cue.start, quote.cue.end)),
        "cue_same_sentence": float(
            doc[tokens[0]].sent.start == doc[art.token_at(quote.start)].sent.start
        ),
    }
    return row


def _gap(quote: Quote, start: int, end: int) -> int:
    """Characters between ``[start, end)`` and the nearest content span (0 if they touch)."""
    return min(max(0, s - end, start - e) for s, e in quote.spans)


def _speaker_features(
    doc: Doc, quote: Quote, speakers: dict[str, Speaker], said: Counter[str]
) -> Row:
    row: Row = {f"resolved_by={quote.resolved_by or 'none'}": 1.0}
    mention = (quote.speaker.start, quote.speaker.end) if quote.speaker else None
    row[f"spk={speaker_class(doc, mention)}"] = 1.0
    if quote.speaker is not None:
        span = doc.char_span(quote.speaker.start, quote.speaker.end, alignment_mode="expand")
        if span is not None and len(span):
            row[f"spk_ent={span.root.ent_type_ or '-'}"] = 1.0
            row["spk_lower"] = float(span.root.is_lower)
        row["speaker_distance"] = _log_chars(_gap(quote, quote.speaker.start, quote.speaker.end))
        row["speaker_inside"] = float(
            any(s < quote.speaker.end and quote.speaker.start < e for s, e in quote.spans)
        )
        row["speaker_words"] = float(len(quote.speaker.text.split()))
    speaker = speakers.get(quote.speaker_id or "")
    row[f"kind={speaker.kind if speaker else 'none'}"] = 1.0
    row["speaker_quotes"] = float(said[quote.speaker_id]) if quote.speaker_id else 0.0
    row["speaker_named_words"] = float(len((quote.speaker_name or "").split()))
    return row


def _overlaps(a: Quote, b: Quote) -> bool:
    return any(s < be and bs < e for s, e in a.spans for bs, be in b.spans)


class Neighbourhood:
    """The article's quotes in text order, with what :func:`_neighbour_features` counts,
    computed once (each quote's features then cost the same, however many quotes there are)."""

    def __init__(self, art: ArticleView, quotes: Sequence[Quote]) -> None:
        self.order = sorted(range(len(quotes)), key=lambda n: (quotes[n].start, n))
        self.rank = {n: r for r, n in enumerate(self.order)}
        self.paragraph = [art.paragraph_of(q.start) for q in quotes]
        self.sentence = [art.doc[art.token_at(q.start)].sent.start for q in quotes]
        self.per_paragraph = Counter(self.paragraph)
        self.per_sentence = Counter(self.sentence)
        self.overlapping = [0] * len(quotes)
        for r, n in enumerate(self.order):
            later = self.order[r + 1 : r + 1 + OVERLAP_SCAN]
            for m in later:
                if quotes[m].start >= quotes[n].end:
                    break
                if _overlaps(quotes[n], quotes[m]):
                    self.overlapping[n] += 1
                    self.overlapping[m] += 1

    def around(self, n: int) -> tuple[int | None, int | None]:
        """The quotes before and after quote ``n`` in text order."""
        r = self.rank[n]
        before = self.order[r - 1] if r > 0 else None
        after = self.order[r + 1] if r + 1 < len(self.order) else None
        return before, after


def _same_speaker(a: Quote, b: Quote | None) -> float:
    return float(b is not None and b.speaker_id is not None and b.speaker_id == a.speaker_id)


def _neighbour_features(quotes: Sequence[Quote], n: int, near: Neighbourhood) -> Row:
    """How the quote sits among the others: overlaps, distances, the same speaker around."""
    quote = quotes[n]
    before, after = near.around(n)
    previous = quotes[before] if before is not None else None
    following = quotes[after] if after is not None else None
    paragraph = near.paragraph[n]
    return {
        "quotes_in_sentence": float(near.per_sentence[near.sentence[n]] - 1),
        "overlapping": float(near.overlapping[n]),
        "quotes_in_paragraph": float(near.per_paragraph[paragraph] - 1),
        "quotes_in_article": float(len(quotes)),
        "gap_before": _log_chars(
            max(0, quote.start - previous.end) if previous else CLOSE_DISTANCE_CHARS
        ),
        "gap_after": _log_chars(
            max(0, following.start - quote.end) if following else CLOSE_DISTANCE_CHARS
        ),
        "same_paragraph_before": float(before is not None and near.paragraph[before] == paragraph),
        "same_paragraph_after": float(after is not None and near.paragraph[after] == paragraph),
        "same_speaker_before": _same_speaker(quote, previous),
        "same_speaker_after": _same_speaker(quote, following),
        "before_has_cue": float(previous is not None and previous.cue is not None),
        "after_has_cue": float(following is not None and following.cue is not None),
    }


def _article_features(art: ArticleView, quotes: Sequence[Quote]) -> Row:
    """What the whole article is like: how long, how dense with quotes, how sure the judge
    is of them on average (annotation is more thorough in some kinds of article)."""
    paragraphs = len(art.paragraph_starts)
    return {
        "article_chars": _log_chars(len(art.text)),
        "quote_density": round(len(quotes) / max(1, paragraphs), 4),
        "article_judge_mean": round(sum(q.confidence for q in quotes) / max(1, len(quotes)), 4),
        "article_direct_share": round(
            sum(q.type == "direct" for q in quotes) / max(1, len(quotes)), 4
        ),
    }


def _content_syntax(art: ArticleView, quote: Quote) -> Row:
    """Is the content a clause (a finite verb), a phrase or a fragment, and how much of it
    is inside quote marks."""
    doc = art.doc
    tokens = [i for s, e in quote.spans for i in range(*_token_range(art, s, e))]
    if not tokens:
        return {}
    inside = set(tokens)
    roots = [doc[i] for i in tokens if doc[i].head.i not in inside or doc[i].head.i == i]
    root = max(roots, key=lambda t: len(children_of(t)), default=doc[tokens[0]])
    quoted = sum(art.quote_of_token[i] >= 0 for i in tokens)
    cue_tokens = (
        set(range(*_token_range(art, quote.cue.start, quote.cue.end))) if quote.cue else set()
    )
    return {
        "c_cues": float(min(3, sum(is_cue(doc[i]) for i in tokens if i not in cue_tokens))),
        f"c_root_pos={root.pos_}": 1.0,
        f"c_root_dep={root.dep_ if root.dep_ in CONTENT_ROOT_DEPS else '-'}": 1.0,
        "c_roots": float(min(5, len(roots))),
        "c_finite": float(any(doc[i].tag_ in FINITE_TAGS for i in tokens)),
        "c_quoted_share": round(quoted / len(tokens), 4),
        "c_ends_comma": float(art.text[quote.end - 1 : quote.end + 1].strip()[:1] == ","),
    }


def _sentence_context(art: ArticleView, quote: Quote, counted: dict[int, Row]) -> Row:
    """How crowded the content's sentence is: its length, the share the content takes, and
    how many verbs and cue words compete in it (counted once per sentence in ``counted``)."""
    doc = art.doc
    sent = doc[art.token_at(quote.start)].sent
    if sent.start not in counted:
        counted[sent.start] = {
            "sent_tokens": _log_chars(len(sent)),
            "sent_verbs": float(min(SENTENCE_VERB_CAP, sum(t.pos_ == "VERB" for t in sent))),
            "sent_cues": float(min(SENTENCE_CUE_CAP, sum(is_cue(t) for t in sent))),
        }
    chars = max(1, sent.end_char - sent.start_char)
    inside = sum(min(e, sent.end_char) - max(s, sent.start_char) for s, e in quote.spans)
    return {**counted[sent.start], "sent_share": round(max(0, inside) / chars, 4)}


def _content_link(art: ArticleView, quote: Quote) -> Row:
    """How the content hangs from its cue (the dependency of its first word attached to the
    cue verb: ``ccomp`` a reported clause, ``dobj`` a thing), whether it has a subject of its
    own, and whether the speaker is plural (``analysts``, ``Republicans``)."""
    doc = art.doc
    if quote.cue is None:
        return {"link=none": 1.0}
    head = cue_head(doc, _token_range(art, quote.cue.start, quote.cue.end))
    first, last = _token_range(art, quote.spans[0][0], quote.spans[0][1])
    attached = (doc[i] for i in range(first, last) if doc[i].head.i == head.i != i)
    link = next((t.dep_ for t in attached), "-")
    subject = any(
        doc[i].dep_ in SUBJECT_DEPS and first <= doc[i].head.i < last for i in range(first, last)
    )
    speaker = doc[art.token_at(quote.speaker.start)] if quote.speaker else None
    return {
        f"link={link if link in CONTENT_LINK_DEPS else '-'}": 1.0,
        "c_has_subject": float(subject),
        "spk_plural": float(speaker is not None and speaker.tag_ in PLURAL_TAGS),
    }


def _content_features(art: ArticleView, quote: Quote) -> Row:
    content = " ".join(art.text[s:e] for s, e in quote.spans)
    words = content.split()
    lowered = {w.strip(".,;:!?\"'“”‘’").lower() for w in words}
    row: Row = {
        "chars": _log_chars(len(content)),
        "words": _log_chars(len(words)),
        "spans": float(len(quote.spans)),
        "first_person": float(bool(lowered & FIRST_PERSON)),
        "starts_that": float(content[:8].lower().startswith(("that ", "whether ", "if "))),
        "starts_to": float(content[:4].lower().startswith("to ")),
        "capital_start": float(content.lstrip(" \"'“‘")[:1].isupper()),
    }
    row.update(_mark_features(content))
    return row


RULE_FEATURE = "via="
"""Prefix of the feature that names the rule a quote came from (counted by training)."""


def rule_of(quote: Quote) -> str:
    """The rule that made ``quote`` as the features and the training counts name it."""
    return quote.via or "-"


def calibration_rows(
    art: ArticleView,
    quotes: Sequence[Quote],
    speakers: Sequence[Speaker],
    lemmas: frozenset[str] | None = None,
    evidence: Evidence = NO_EVIDENCE,
) -> list[Row]:
    """The features of each finished quote (speakers resolved), in the order of ``quotes``.

    ``lemmas`` are the cue lemmas the ensemble knows by name, any other is ``lem=-``
    (``None``: every lemma by name, as training counts them); ``evidence`` the training
    gold's counts of cue and source words."""
    doc = art.doc
    by_id = {s.id: s for s in speakers}
    said = Counter(q.speaker_id for q in quotes if q.speaker_id)
    near = Neighbourhood(art, quotes)
    article = _article_features(art, quotes)
    counted: dict[int, Row] = {}
    rows = []
    for n, quote in enumerate(quotes):
        row: Row = {
            f"type={quote.type}": 1.0,
            f"{RULE_FEATURE}{rule_of(quote)}": 1.0,
            f"act={quote.act}": 1.0,
            "judge": round(float(quote.confidence), 4),
        }
        row.update(_cue_features(doc, art, quote, lemmas))
        row.update(_speaker_features(doc, quote, by_id, said))
        row.update(_content_features(art, quote))
        row.update(_content_syntax(art, quote))
        row.update(_sentence_position(art, quote.start, quote.end))
        row.update(_sentence_context(art, quote, counted))
        row.update(_content_link(art, quote))
        row.update(_evidence_features(art, quote, evidence))
        row.update(_neighbour_features(quotes, n, near))
        row["in_region"] = float(art.in_region(quote.start))
        row.update(article)
        rows.append(row)
    return rows


# --------------------------------------------------------------------------- the ensemble


@dataclass(frozen=True, slots=True)
class Tree:
    """A binary decision tree: node ``i`` sends a row left when ``row[feature] <= threshold``.

    ``feature[i] == ""`` marks a leaf whose score is ``value[i]``."""

    feature: tuple[str, ...]
    threshold: tuple[float, ...]
    left: tuple[int, ...]
    right: tuple[int, ...]
    value: tuple[float, ...]

    def score(self, row: Row) -> float:
        node = 0
        while self.feature[node]:
            if row.get(self.feature[node], 0.0) <= self.threshold[node]:
                node = self.left[node]
            else:
                node = self.right[node]
        return self.value[node]

    def to_dict(self) -> dict[str, list[Any]]:
        return {
            "feature": list(self.feature),
            "threshold": list(self.threshold),
            "left": list(self.left),
            "right": list(self.right),
            "value": list(self.value),
        }

    @classmethod
    def from_dict(cls, data: dict[str, list[Any]]) -> Tree:
        return cls(
            tuple(str(f) for f in data["feature"]),
            tuple(float(t) for t in data["threshold"]),
            tuple(int(i) for i in data["left"]),
            tuple(int(i) for i in data["right"]),
            tuple(float(v) for v in data["value"]),
        )


@dataclass(frozen=True, slots=True)
class Calibrator:
    """Boosted trees blended with a logistic regression over the same features:
    probability = logistic(share * (base + sum of the trees' scores)
    + (1 - share) * (bias + sum of weight * value)). The two err differently (the trees on
    rare combinations, the linear model on interactions), so their mean ranks better than
    either on held-out articles."""

    base: float
    trees: tuple[Tree, ...]
    lemmas: frozenset[str]
    """Cue lemmas seen often enough in training to be a feature of their own."""
    linear: dict[str, float] = field(default_factory=dict)
    """Weight of each feature in the linear part (absent: 0)."""
    bias: float = 0.0
    tree_share: float = 1.0
    """Weight of the trees' score in the blend; the linear part gets the rest."""
    evidence: Evidence = NO_EVIDENCE
    """The training gold's counts of cue and source words (the ``ev_*`` features)."""
    rule_examples: dict[str, int] = field(default_factory=dict)
    """How many training quotes each rule (``via``) gave; empty in files from before it
    was recorded, which then judge every rule."""
    bag: tuple[Calibrator, ...] = ()
    """Blends like this one, each trained without one part of the training articles. The
    score is the mean of all their log-odds: models that saw different articles disagree
    most on rare kinds of quote, and their mean ranks held-out articles a little better."""

    def judges(self, via: str, minimum: int) -> bool:
        """Whether the ensemble saw enough quotes of rule ``via`` in training to judge one."""
        return not self.rule_examples or self.rule_examples.get(via, 0) >= minimum

    def score(self, row: Row) -> float:
        """The log-odds that the quote matches gold: the mean of this blend's and its bag's."""
        if not self.bag:
            return self.blend_score(row)
        total = self.blend_score(row) + sum(member.blend_score(row) for member in self.bag)
        return total / (1 + len(self.bag))

    def blend_score(self, row: Row) -> float:
        """This blend's own log-odds, trees and linear part."""
        trees = self.base + sum(tree.score(row) for tree in self.trees)
        if self.tree_share >= 1.0:
            return trees
        linear = self.bias + sum(self.linear.get(f, 0.0) * v for f, v in row.items())
        return self.tree_share * trees + (1.0 - self.tree_share) * linear

    def probability(self, row: Row) -> float:
        score = self.score(row)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))

    def to_dict(self, about: dict[str, Any] | None = None) -> dict[str, Any]:
        return {
            "format": CALIBRATION_FORMAT,
            "about": about or {},
            "base": self.base,
            "lemmas": sorted(self.lemmas),
            "trees": [tree.to_dict() for tree in self.trees],
            "tree_share": self.tree_share,
            "bias": self.bias,
            "linear": dict(sorted(self.linear.items())),
            "evidence": self.evidence.to_dict(),
            "rule_examples": dict(sorted(self.rule_examples.items())),
            "bag": [member.blend_dict() for member in self.bag],
        }

    def blend_dict(self) -> dict[str, Any]:
        """What a member of a bag keeps of itself: trees and linear part."""
        return {
            "base": self.base,
            "trees": [tree.to_dict() for tree in self.trees],
            "tree_share": self.tree_share,
            "bias": self.bias,
            "linear": dict(sorted(self.linear.items())),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any], where: str = "calibration file") -> Calibrator:
        kind = data.get("format")
        if kind not in (CALIBRATION_FORMAT, TREES_ONLY_FORMAT):
            raise ModelNotFoundError(
                f"{where} is not a newsquotes calibration file (format {kind!r})",
                advice="retrain it: python scripts/train_models.py",
            )
        lemmas = frozenset(str(lemma) for lemma in data["lemmas"])
        return replace(
            cls.blend_from_dict(data, lemmas),
            evidence=Evidence.from_dict(data.get("evidence", {})),
            rule_examples={str(via): int(n) for via, n in data.get("rule_examples", {}).items()},
            bag=tuple(cls.blend_from_dict(member, lemmas) for member in data.get("bag", [])),
        )

    @classmethod
    def blend_from_dict(cls, data: dict[str, Any], lemmas: frozenset[str]) -> Calibrator:
        """One blend (trees and linear part) of a file or of its bag."""
        return cls(
            float(data["base"]),
            tuple(Tree.from_dict(t) for t in data["trees"]),
            lemmas,
            {str(f): float(w) for f, w in data.get("linear", {}).items()},
            float(data.get("bias", 0.0)),
            float(data.get("tree_share", 1.0)),
        )


@lru_cache(maxsize=4)
def load_calibrator(path: str = "") -> Calibrator:
    """The ensemble in ``path``, or the shipped one for ``""``; a clear error if it is missing."""
    where = path or f"newsquotes/{CALIBRATION_FILE}"
    try:
        if path:
            raw = Path(path).read_text("utf-8")
        else:
            raw = resources.files("newsquotes").joinpath(CALIBRATION_FILE).read_text("utf-8")
    except (FileNotFoundError, OSError) as exc:
        raise ModelNotFoundError(
            f"the confidence calibration model {where} cannot be read ({exc.__class__.__name__})",
            advice="retrain it with python scripts/train_models.py, or switch the stage "
            'off with config={"calibrate": False}',
        ) from exc
    return Calibrator.from_dict(json.loads(raw), where)


def calibrate(
    art: ArticleView,
    quotes: list[Quote],
    speakers: Sequence[Speaker],
    settings: CalibrationSettings = DEFAULT_CALIBRATION,
) -> list[Quote]:
    """``quotes`` with their calibrated confidence (those below ``settings.drop_below`` left
    out); unchanged when the stage is off. A quote of a rule the ensemble saw too little of
    in training keeps the rule's confidence (``settings.min_rule_examples``)."""
    if not settings.enabled or not quotes:
        return quotes
    calibrator = load_calibrator(settings.model_path)
    rows = calibration_rows(art, quotes, speakers, calibrator.lemmas, calibrator.evidence)
    for quote, row in zip(quotes, rows, strict=True):
        if calibrator.judges(rule_of(quote), settings.min_rule_examples):
            quote.confidence = round(calibrator.probability(row), 3)
    return [q for q in quotes if q.confidence >= settings.drop_below]


def quoted_speakers(quotes: Sequence[Quote], speakers: list[Speaker]) -> list[Speaker]:
    """The speakers some kept quote still refers to."""
    referred = {q.speaker_id for q in quotes if q.speaker_id}
    return [s for s in speakers if s.id in referred]
