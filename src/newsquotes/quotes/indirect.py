"""Pass 2: indirect and mixed speech.

A reporting verb with a subject and a clausal complement (``X said (that) ...``,
``..., X claims.``, ``X told Y ...``), ``according to X``, a parenthetical
(``This campaign, he says, is different``) and a speech verb with an object
(``urged him to resign``). A complement holding a quoted fragment is a *mixed* quote.
"""

from __future__ import annotations

from itertools import accumulate

from spacy.tokens import Token

from .context import (
    ArticleView,
    Attribution,
    children_of,
    cue_extent,
    is_cue,
    lemma,
    mention_span,
    speaker_head,
    speaker_of,
)
from .cues import ADDRESSEE_VERBS, SPEECH_VERBS, cue_confidence
from .quote_marks import DOUBLE_MARKS

MAX_CLAUSE_CHARS = 3000
"""Longest reported clause taken as one quote: twice the longest single content span in
PolNeAR. Longer ones are chains (``Novak said Novak said ...``) whose every clause holds the
rest of the text: their quotes would add up to the square of the article's length."""


def _clause_span(art: ArticleView, head: Token, stop: set[int]) -> tuple[int, int] | None:
    """Tokens of the complement clause headed by ``head``, without ``that`` and end marks.

    Bounds come from :meth:`ArticleView.subtree_bounds`, and the clause is cut at the
    paragraph's end by binary search: walking the subtree would cost the whole rest of the
    document for each cue of a chain (``Novak said Novak said ...``), quadratic in all.
    """
    lo, hi = art.subtree_bounds(head)
    if lo in stop or hi - 1 in stop:  # rare: the speaker sits at the clause's edge
        tokens = [t.i for t in head.subtree if t.i not in stop]
        if not tokens:
            return None
        lo, hi = min(tokens), max(tokens) + 1
    doc = art.doc
    while lo < hi and (
        doc[lo].dep_ == "mark"
        and doc[lo].lower_ in ("that", "whether", "if")
        or doc[lo].is_punct
        and doc[lo].text not in DOUBLE_MARKS
        or doc[lo].is_space
    ):
        lo += 1
    while hi > lo and (doc[hi - 1].is_space or doc[hi - 1].text in {".", ",", ";", ":", "—"}):
        hi -= 1
    if hi - lo < 2:
        return None
    # A clause never crosses a paragraph.
    hi = min(hi, art.paragraph_end_token(doc[lo].idx))
    last = doc[hi - 1]
    if last.idx + len(last.text) - doc[lo].idx > MAX_CLAUSE_CHARS:
        return None
    return lo, hi


def indirect_pass(art: ArticleView, taken: list[Attribution]) -> list[Attribution]:
    doc = art.doc
    results: list[Attribution] = []
    used_cues = {a.cue[0] for a in taken if a.cue}
    covered = [(s, e) for a in taken for s, e in a.spans]
    # quoted_before[n]: quote tokens before token n, so "does a clause hold a quote" is O(1)
    quoted_before = list(accumulate((q >= 0 for q in art.quote_of_token), initial=0))

    def overlaps_direct(s: int, e: int) -> bool:
        return any(s < ce and cs < e for cs, ce in covered)

    for token in doc:
        if token.i in used_cues or art.quote_of_token[token.i] >= 0:
            continue
        if art.in_region(token.idx):
            continue
        if token.lower_ == "according" and doc[min(token.i + 1, len(doc) - 1)].lower_ == "to":
            found = _according_to(art, token)
            if found is not None and not overlaps_direct(*found.spans[0]):
                results.append(found)
            continue
        if not is_cue(token):
            continue
        complement = next((c for c in children_of(token) if c.dep_ == "ccomp"), None)
        subj = speaker_of(token)
        if subj is None:
            continue
        subj = speaker_head(subj)
        if complement is None:
            found = _other_complement(art, token, subj)
            if found is not None and not overlaps_direct(*found.spans[0]):
                results.append(found)
            continue
        subj_lo, subj_hi = art.subtree_bounds(subj)
        stop = {t.i for t in subj.subtree} | {token.i}
        clause = _clause_span(art, complement, stop)
        if clause is not None and lemma(token) not in ADDRESSEE_VERBS:
            # "said many of those ... were sent": the parser may hang the clause's subject
            # on the cue as its object; it belongs to the content.
            obj = next(
                (c for c in children_of(token) if c.dep_ == "dobj" and token.i < c.i < clause[0]),
                None,
            )
            if obj is not None:
                clause = (art.subtree_bounds(obj)[0], clause[1])
        if clause is None:
            continue
        c_start, c_end = art.cover_quotes(*art.span_chars(*clause))
        if overlaps_direct(c_start, c_end):
            continue
        speaker_lo, speaker_hi = subj_lo, subj_hi
        if clause[0] < subj.i < clause[1]:
            continue  # parse went wrong: the subject sits inside the content
        speaker = mention_span(art, subj, speaker_lo, speaker_hi)
        inner_quotes = quoted_before[clause[1]] - quoted_before[clause[0]]
        kind = "mixed" if inner_quotes else "indirect"
        confidence = cue_confidence(lemma(token))
        if subj.pos_ == "PRON" and subj.lower_ in ("it", "this", "that"):
            confidence *= 0.5
        results.append(
            Attribution(
                kind, [(c_start, c_end)], cue_extent(token), speaker, confidence, "indirect-" + kind
            )
        )
    return results


def _other_complement(art: ArticleView, cue: Token, subj: Token) -> Attribution | None:
    """A speech verb without a clause: a parenthetical (``This campaign, he says, is
    different``) or an object or infinitive (``urged him to resign``, ``called for ...``)."""
    doc = art.doc
    if lemma(cue) not in SPEECH_VERBS or subj.lower_ in ("it", "this", "which"):
        return None
    if subj.pos_ not in ("PROPN", "PRON", "NOUN") or subj.i > cue.i:
        return None
    sent = cue.sent
    speaker = mention_span(
        art, subj, min(t.i for t in subj.subtree), max(t.i for t in subj.subtree) + 1
    )
    if cue.dep_ == "parataxis" and cue.head.i != cue.i:
        # ", he says," inside the reported sentence: the rest of the sentence is the content
        frame = sorted({t.i for t in subj.subtree} | {cue.i})
        lo, hi = sent.start, sent.end
        while hi > lo and (doc[hi - 1].is_punct or doc[hi - 1].is_space):
            hi -= 1
        left = (lo, frame[0])
        right = (frame[-1] + 1, hi)
        spans = []
        for a, b in (left, right):
            while a < b and (doc[a].is_punct or doc[a].is_space):
                a += 1
            while b > a and (doc[b - 1].is_punct or doc[b - 1].is_space):
                b -= 1
            if b - a >= 2:
                spans.append(art.span_chars(a, b))
        if not spans or any(art.quote_of_token[i] >= 0 for i in range(lo, hi)):
            return None
        return Attribution("indirect", spans, cue_extent(cue), speaker, 0.75, "parenthetical")
    objects = [
        c
        for c in cue.rights
        if c.dep_ in ("dobj", "xcomp", "prep", "dative")
        and not (
            c.dep_ == "prep"
            and c.lower_ in ("in", "on", "at", "during", "after", "before", "since", "while")
        )
    ]
    if not objects:
        return None
    lo = cue.i + 1
    hi = max(t.i for c in objects for t in c.subtree) + 1
    hi = min(hi, sent.end)
    while hi > lo and (doc[hi - 1].is_punct or doc[hi - 1].is_space):
        hi -= 1
    if hi - lo < 3 or art.paragraph_of(doc[lo].idx) != art.paragraph_of(cue.idx):
        return None
    kind = "mixed" if any(art.quote_of_token[i] >= 0 for i in range(lo, hi)) else "indirect"
    return Attribution(
        kind,
        [art.span_chars(lo, hi)],
        cue_extent(cue),
        speaker,
        cue_confidence(lemma(cue)) * 0.6,
        "speech-object",
    )


def _according_to(art: ArticleView, according: Token) -> Attribution | None:
    doc = art.doc
    to = doc[according.i + 1]
    source = next((c for c in to.children if c.dep_ == "pobj"), None)
    if source is None:
        return None
    src_lo = min(t.i for t in source.subtree)
    src_hi = max(t.i for t in source.subtree) + 1
    sent = according.sent
    if according.i <= sent.start + 1:
        lo = src_hi
        while lo < sent.end and (doc[lo].is_punct or doc[lo].is_space):
            lo += 1
        hi = sent.end
    else:
        lo, hi = sent.start, according.i
    while hi > lo and (doc[hi - 1].is_punct or doc[hi - 1].is_space):
        hi -= 1
    while lo < hi and (doc[lo].is_space or (doc[lo].is_punct and doc[lo].text not in DOUBLE_MARKS)):
        lo += 1
    if hi - lo < 3:
        return None
    c_start, c_end = art.span_chars(lo, hi)
    kind = "mixed" if any(art.quote_of_token[i] >= 0 for i in range(lo, hi)) else "indirect"
    return Attribution(
        kind,
        [(c_start, c_end)],
        (according.i, according.i + 2),
        mention_span(art, source, src_lo, src_hi),
        0.85,
        "according-to",
    )
