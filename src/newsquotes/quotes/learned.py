"""Where the rules stop: candidate attributions from any verb, and a learned judge.

The rule passes find attributions by their reporting words. Many of PolNeAR's attributions
use verbs no list anticipates (``endorsed``, ``accused``, ``is expected to``), so every verb
with a subject and a complement becomes a *candidate* here. A logistic regression over
features of the attribution (its cue's lemma and syntax, its speaker mention, its content,
the rule that found it) gives each rule attribution and each candidate the probability
that it is an attribution the way PolNeAR annotates them: that probability is the
confidence, drops rule findings the model is sure are wrong and admits candidates it is
sure are right. The weights (``data/attribution_model.json``) are learned on PolNeAR's
training split by ``scripts/train_attribution_model.py``.
"""

from __future__ import annotations

import json
import math
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from importlib import resources

from spacy.tokens import Token

from .confidence import cue_class, speaker_class
from .context import (
    ArticleView,
    Attribution,
    children_of,
    cue_extent,
    cue_head,
    is_cue,
    lemma,
    mention_span,
    speaker_head,
    speaker_of,
    subject_mention,
)
from .cues import BELIEF_VERBS, NOT_SPEECH_WITH_OBJECT, SPEECH_VERBS, SPEECH_WITH_INFINITIVE
from .indirect import MAX_CLAUSE_CHARS, holds_whole_reports, is_passive_without_agent
from .quote_marks import DOUBLE_MARKS, QuotedSpan, looks_like_title
from .spans import (
    cut_relative_clause,
    leading_preposition,
    verb_without_subject_after,
    without_listener,
)

MODEL_FILE = "data/attribution_model.json"
MODEL_RULE = "model"
"""``via`` of an attribution the model admitted."""
RULE_FEATURE = "rule="
"""Prefix of the feature that names the rule an attribution came from."""
CONTENT_DEPS = frozenset({"ccomp", "xcomp", "dobj", "oprd"})
"""Dependents of a verb that hold what it reports."""
CONTENT_PREPOSITIONS = frozenset({"of", "for", "as", "about", "on"})
"""Prepositions whose object is still what is reported (``accused X of``, ``dismissed X as``)."""
NOT_SPEAKERS = frozenset({"it", "there", "this", "that", "which", "what"})


@lru_cache(maxsize=1)
def model_weights() -> dict[str, float]:
    """The shipped weights (feature -> weight; ``bias`` included); empty if none shipped."""
    try:
        raw = resources.files("newsquotes").joinpath(MODEL_FILE).read_text("utf-8")
    except (FileNotFoundError, OSError):
        return {}
    return {key: float(value) for key, value in json.loads(raw)["weights"].items()}


_WEIGHTS_IN_USE: ContextVar[dict[str, float] | None] = ContextVar("judge_weights", default=None)


@contextmanager
def judge_weights(weights: dict[str, float]) -> Iterator[None]:
    """Judge with ``weights`` instead of the shipped ones inside the block: training scores
    each article with a judge that never saw it, as the shipped judge scores new text."""
    token = _WEIGHTS_IN_USE.set(weights)
    try:
        yield
    finally:
        _WEIGHTS_IN_USE.reset(token)


def active_weights() -> dict[str, float]:
    """The judge's weights in use: those of an enclosing :func:`judge_weights`, else the
    shipped ones."""
    chosen = _WEIGHTS_IN_USE.get()
    return model_weights() if chosen is None else chosen


def probability(features: Iterable[str], weights: dict[str, float]) -> float:
    score = weights.get("bias", 0.0) + sum(weights.get(f, 0.0) for f in features)
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))


def _bucket(n: int) -> str:
    return str(min(6, int(math.log2(n + 1))))


def features(art: ArticleView, a: Attribution) -> list[str]:
    """What the model sees of one attribution: names, not numbers (one-hot)."""
    doc = art.doc
    feats = [f"{RULE_FEATURE}{a.rule}", f"type={a.type}", f"spans={min(3, len(a.spans))}"]
    feats.append(f"spk={speaker_class(doc, a.speaker)}")
    feats.append(f"cueclass={cue_class(doc, a.cue)}")
    if a.speaker is not None:
        span = doc.char_span(a.speaker[0], a.speaker[1], alignment_mode="expand")
        if span is not None and len(span):
            root = span.root
            feats.append(f"spk_ent={root.ent_type_ or '-'}")
            feats.append(f"spk_words={_bucket(len(span))}")
            if root.pos_ == "PRON":
                feats.append(f"spk_pron={root.lower_}")
            else:
                feats.append(f"spk_head={root.lemma_.lower()}")
    if a.cue is not None:
        verb = cue_head(doc, a.cue)
        base = lemma(verb)
        lexicon = "speech" if base in SPEECH_VERBS else "belief" if base in BELIEF_VERBS else "-"
        comp = next((c.dep_ for c in verb.children if c.dep_ in CONTENT_DEPS), "-")
        feats += [
            f"lem={base}",
            f"lex={lexicon}",
            f"tag={verb.tag_}",
            f"vdep={verb.dep_}",
            f"comp={comp}",
            f"lem|comp={base}|{comp}",
            f"lem|rule={base}|{a.rule}",
            f"cue_words={a.cue[1] - a.cue[0]}",
        ]
        if verb.dep_ in ("xcomp", "ccomp", "advcl", "conj", "relcl", "acl"):
            feats.append(f"vhead={lemma(verb.head)}|{verb.dep_}")
        for child in verb.children:
            if child.dep_ in ("neg", "auxpass", "nsubjpass", "agent", "dative"):
                feats.append(f"child={child.dep_}")
            elif child.dep_ == "aux":
                feats.append(f"aux={child.lower_}")
        in_quote = art.quote_of_token[verb.i] >= 0
        feats.append(f"cue_in_quote={in_quote}")
    else:
        feats.append("nocue")
    first, last = a.spans[0][0], a.spans[-1][1]
    words = sum(len(art.text[s:e].split()) for s, e in a.spans)
    feats.append(f"words={_bucket(words)}")
    lead = art.text[first : first + 12].lower()
    feats.append(f"opens_mark={art.text[first] in DOUBLE_MARKS}")
    feats.append(f"closes_mark={art.text[last - 1] in DOUBLE_MARKS}")
    feats.append(f"that={lead.startswith(('that ', 'whether ', 'if '))}")
    feats.append(f"to={lead.startswith('to ')}")
    first_token = doc[art.token_at(first)]
    feats.append(f"c_first={first_token.pos_}")
    feats.append(f"c_root={doc[art.token_at(first)].sent.root.pos_}")
    quoted = any(art.quote_of_token[art.token_at(s)] >= 0 for s, _e in a.spans)
    feats.append(f"quoted={quoted}|{a.type}")
    paragraph_start = art.paragraph_starts[art.paragraph_of(first)]
    feats.append(f"para_first={paragraph_start == first}")
    feats.extend(_pairs(feats))
    return feats


PAIRED: tuple[str, ...] = ()
"""Feature families whose pairs the model sees too (``rule=floating`` with ``spk=none``)."""


def _pairs(feats: list[str]) -> list[str]:
    chosen = [f for f in feats if f.startswith(PAIRED)]
    return [f"{a}&{b}" for n, a in enumerate(chosen) for b in chosen[n + 1 :]]


def _outside(ranges: list[tuple[int, int]], stop: tuple[int, int]) -> tuple[int, int] | None:
    """First and last + 1 of the tokens in ``ranges`` that are not in ``stop``."""
    pieces = []
    for lo, hi in ranges:
        pieces += [(lo, min(hi, stop[0])), (max(lo, stop[1]), hi)]
    kept = [(lo, hi) for lo, hi in pieces if lo < hi]
    if not kept:
        return None
    return min(lo for lo, _hi in kept), max(hi for _lo, hi in kept)


def _content_span(art: ArticleView, verb: Token, stop: tuple[int, int]) -> tuple[int, int] | None:
    """Tokens after ``verb`` that hold what it reports: its complement, object and the
    prepositions that still belong to it (``accused him of lying``), leaving out the speaker's
    tokens ``stop``. Subtree extents come from the article view in O(1): walking each verb's
    subtree is quadratic on a chain such as ``Novak said Novak said ...``."""
    doc = art.doc
    parts = [
        c
        for c in children_of(verb)  # verb.rights scans to the subtree's edge: a chain's end
        if c.i > verb.i
        and (c.dep_ in CONTENT_DEPS or (c.dep_ == "prep" and c.lower_ in CONTENT_PREPOSITIONS))
    ]
    parts = [c for c in without_listener(verb, parts) if not _only_time(art, c)]
    if not parts:
        return None
    bounds = _outside([art.subtree_bounds(c) for c in parts], stop)
    if bounds is None:
        return None
    lo, hi = bounds
    if lo <= verb.i:
        lo = verb.i + 1
    while lo < hi and (doc[lo].is_space or (doc[lo].is_punct and doc[lo].text not in DOUBLE_MARKS)):
        lo += 1
    while hi > lo and (doc[hi - 1].is_space or doc[hi - 1].text in {".", ",", ";", ":", "—"}):
        hi -= 1
    hi = min(hi, art.paragraph_end_token(verb.idx))  # binary search, not a walk back
    if hi <= lo:
        return None
    last = doc[hi - 1]
    if last.idx + len(last.text) - doc[lo].idx > MAX_CLAUSE_CHARS:
        return None  # a chain, not one report (see indirect.MAX_CLAUSE_CHARS)
    hi = cut_relative_clause(doc, lo, hi, art.commas)
    if hi <= lo:
        return None
    return lo, hi


TIME_ENTITIES = frozenset({"DATE", "TIME"})
"""Entity types that say when something was said, never what."""
MAX_TIME_TOKENS = 8
"""Longest complement looked at as a date or time (``on the morning of March 3, 2016``)."""
TIME_FILLER_POS = frozenset({"ADP", "DET", "PUNCT", "SPACE", "CCONJ"})
"""Words around a date that carry no content of their own (``on``, ``the``, ``and``)."""


def _only_time(art: ArticleView, part: Token) -> bool:
    """``spoke on Monday``, ``said last week``: a complement that is nothing but a date or
    a time tells when, not what."""
    lo, hi = art.subtree_bounds(part)
    if hi - lo > MAX_TIME_TOKENS:
        return False  # a date is a few words; looking no further keeps a chain linear
    doc = art.doc
    words = [doc[k] for k in range(lo, hi) if doc[k].pos_ not in TIME_FILLER_POS]
    return bool(words) and all(t.ent_type_ in TIME_ENTITIES for t in words)


def _merged_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def candidate_pass(art: ArticleView, taken: list[Attribution]) -> list[Attribution]:
    """Every verb with a subject and a complement that no attribution uses or holds."""
    doc = art.doc
    used = {i for a in taken if a.cue for i in range(*a.cue)}
    # Spans already taken, merged and sorted: "is this verb inside one" by binary search,
    # not by a scan of every quote for every verb (quadratic in a quote-dense article).
    covered = _merged_spans([(s, e) for a in taken for s, e in a.spans])
    covered_starts = [s for s, _ in covered]
    results: list[Attribution] = []
    for token in doc:
        if token.pos_ != "VERB" or token.i in used or art.quote_of_token[token.i] >= 0:
            continue
        holder = bisect_right(covered_starts, token.idx) - 1
        if art.in_region(token.idx) or (holder >= 0 and token.idx < covered[holder][1]):
            continue
        subj = speaker_of(token)
        if (
            subj is None
            or subj.lower_ in NOT_SPEAKERS
            or subj.pos_ not in ("PROPN", "PRON", "NOUN")
        ):
            continue
        clause = next((c for c in token.children if c.dep_ == "ccomp"), None)
        if clause is not None and verb_without_subject_after(token, clause):
            continue  # "Anything Dorn says is false": the sentence's verb, not a report
        subj = speaker_head(subj)
        span = _content_span(art, token, art.subtree_bounds(subj))
        if span is None:
            continue
        if lemma(token) in NOT_SPEECH_WITH_OBJECT and doc[span[0]].head.dep_ != "ccomp":
            continue  # "posted the timetable", "charged him with": not speech
        if lemma(token) in SPEECH_WITH_INFINITIVE and not any(
            c.dep_ in ("xcomp", "ccomp") for c in token.children
        ):
            continue  # "ordered an inquiry"
        cue = cue_extent(token)
        if leading_preposition(doc, cue[1], span[0]):
            cue, span = (cue[0], span[0] + 1), (span[0] + 1, span[1])
            if span[1] <= span[0]:
                continue
        start, end = art.cover_quotes(*art.span_chars(*span))
        if any(s < end and start < e for s, e in covered) and not (
            art.settings.nested_reports_outer
            and token.idx < start
            and holds_whole_reports(art, taken, start, end)
        ):
            continue
        quoted = {art.quote_of_token[i] for i in range(*span)} - {-1}
        if not is_cue(token) and any(_is_title(art, art.quoted[n]) for n in quoted):
            continue  # 'showed the film "Night Harbour"': a title, not speech
        # "Holt is expected to win": the passive subject is what is reported on, not who
        # reports it.
        speaker = _purpose_owner(art, token, subj)
        if speaker is None and not is_passive_without_agent(token, subj):
            speaker = subject_mention(art, subj, token)
        kind = "mixed" if quoted else "indirect"
        results.append(Attribution(kind, [(start, end)], cue, speaker, 0.0, MODEL_RULE))
    return _without_nested_deeds(art, results)


def _without_nested_deeds(art: ArticleView, candidates: list[Attribution]) -> list[Attribution]:
    """``A web video by the Norland Party cites three cases in which Vik defended ...``: a
    relative clause opened by a preposition (``in which``, ``under which``) whose verb reports
    no speech, inside another candidate's reported words, describes what that candidate
    reports; it is not a saying of its own."""
    outer = [(s, e) for c in candidates for s, e in c.spans]
    return [c for c in candidates if c.cue is None or not _nested_deed(art, c, outer)]


PREPOSITIONAL_RELATIVES = frozenset({"which", "whom"})
"""Relative pronouns that follow a preposition (``cases in which``, ``aides to whom``)."""


def _opened_by_preposition(verb: Token) -> bool:
    """``in which Vik defended``: a preposition with a relative pronoun opens the clause."""
    return any(
        prep.dep_ == "prep"
        and prep.i < verb.i
        and any(c.lower_ in PREPOSITIONAL_RELATIVES for c in prep.children)
        for prep in verb.children
    )


def _nested_deed(art: ArticleView, c: Attribution, outer: list[tuple[int, int]]) -> bool:
    """Whether ``c``'s verb is a non-reporting ``in which`` clause inside other content."""
    verb = cue_head(art.doc, c.cue)
    return (
        verb.dep_ == "relcl"
        and _opened_by_preposition(verb)
        and not is_cue(verb)
        and any(s <= verb.idx < e for s, e in outer)
    )


PURPOSE_PASSIVES = frozenset({"intend", "design", "mean"})
"""Passives that state an owner's purpose (``Holm's plan is intended to ...``)."""


def _purpose_owner(art: ArticleView, verb: Token, subj: Token) -> tuple[int, int] | None:
    """``Mayor Holm's plan is intended to cut fares``: the purpose is the named owner's, so
    the owner speaks, though the passive has no agent."""
    if lemma(verb) not in PURPOSE_PASSIVES or subj.dep_ != "nsubjpass":
        return None
    owner = next((c for c in subj.children if c.dep_ == "poss" and c.pos_ == "PROPN"), None)
    if owner is None:
        return None
    return mention_span(art, owner, *art.subtree_bounds(owner))


def _is_title(art: ArticleView, q: QuotedSpan) -> bool:
    return looks_like_title(art.text[q.inner[0] : q.inner[1]])


def _without_overlaps(found: list[Attribution]) -> list[Attribution]:
    """Where two attributions claim overlapping content, the more probable one keeps it."""
    kept: list[Attribution] = []
    for a in sorted(found, key=lambda a: -a.confidence):
        if not any(s < ke and ks < e for s, e in a.spans for k in kept for ks, ke in k.spans):
            kept.append(a)
    return kept


def knows_rule(weights: dict[str, float], rule: str) -> bool:
    """Whether the training examples had enough attributions of ``rule`` to weigh it."""
    return f"{RULE_FEATURE}{rule}" in weights


def judge(
    art: ArticleView,
    found: list[Attribution],
    candidates: list[Attribution],
    weights: dict[str, float] | None = None,
) -> list[Attribution]:
    """Rule attributions the model does not reject and candidates it accepts, each with the
    model's probability as its confidence; without weights, the rules as they are. A rule
    the model never saw in training (``"..." ― Jaan Tamm``: no weight of its own) keeps its
    prior: the model would judge it only by what it shares with other rules."""
    weights = active_weights() if weights is None else weights
    if not weights:
        return found
    for a in found:
        if knows_rule(weights, a.rule):
            a.confidence = probability(features(art, a), weights)
    kept = _without_overlaps([a for a in found if a.confidence >= art.settings.model_drop_below])
    scored = [(probability(features(art, c), weights), c) for c in candidates]
    scored.sort(key=lambda pc: -pc[0])
    covered = [(s, e) for a in kept for s, e in a.spans]
    for p, c in scored:
        if p < art.settings.model_accept_at:
            break
        cue_char = art.doc[c.cue[0]].idx if c.cue else c.start
        if any(s < ce and cs < e for s, e in c.spans for cs, ce in covered) or any(
            cs <= cue_char < ce for cs, ce in covered
        ):
            continue
        c.confidence = p
        kept.append(c)
        covered.extend(c.spans)
    kept.sort(key=lambda a: a.start)
    return kept
