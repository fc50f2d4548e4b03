"""Finds every attribution in a parsed article.

Four passes over one spaCy ``Doc``, each cheap and linear:

1. **Direct quotes with a frame**: a quoted span followed (``"...," said X``) or preceded
   (``X said: "..."``) by its attribution, a quote split by its attribution merged into one,
   a quote followed by a bare name (``"...," Temur Umarov, an analyst``) and transcript
   turns (``PENCE: ...``).
2. **Indirect and mixed speech**: a reporting verb with a subject and a clausal complement
   (``X said (that) ...``, ``..., X claims.``, ``X told Y ...``) and ``according to X``.
   A complement that holds a quoted fragment is a *mixed* quote.
3. **Floating quotes**: a quote with no frame that opens a sentence continues the most
   recent speaker of the same or the previous paragraphs; with none, its speaker is null.

Speakers are returned as the mention as written; :mod:`newsquotes.resolve.speakers` turns
mentions into people.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from ..model import Quote, Region
from ..model import Span as TextSpan
from .confidence import calibrated, class_key, cue_class, speaker_class
from .cues import ADDRESSEE_VERBS, BELIEF_VERBS, SPEECH_VERBS, cue_confidence, cue_lemma
from .quote_marks import ALL_MARKS, DOUBLE_MARKS, QuotedSpan, find_quoted_spans

SENTENCE_END = {".", "!", "?"}
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
CONTENT_DEPS = {"ccomp", "xcomp", "parataxis"}
FRAME_WINDOW = 40
"""Tokens after a quote in which its attribution must appear."""
FLOATING_PARAGRAPHS = 2
"""How many paragraphs back a frameless quote may look for its speaker."""
_TRANSCRIPT_RE = re.compile(r"[\"“]?\s*([A-Z][A-Za-z.'-]+(?: [A-Z][A-Za-z.'-]+){0,3}):\s+\S")


@dataclass(slots=True)
class Attribution:
    """A quote being built: token-level, before it becomes a :class:`Quote`."""

    type: str
    spans: list[tuple[int, int]]
    cue: tuple[int, int] | None
    speaker: tuple[int, int] | None  # char offsets of the mention
    confidence: float
    rule: str
    quoted: list[QuotedSpan] = field(default_factory=list)

    @property
    def start(self) -> int:
        return self.spans[0][0]


class _Article:
    """Per-document lookups shared by the passes."""

    def __init__(self, doc: Doc, regions: list[Region]) -> None:
        self.doc = doc
        self.text = doc.text
        # Titles hold quotes too ("Cruz: 'We will win'"); furniture, captions and headings don't.
        self.regions = sorted((r.start, r.end) for r in regions if r.kind != "title")
        self.paragraph_starts = [0] + [m.end() for m in re.finditer(r"\n\s*\n|\n", self.text)]
        self.quoted = [q for q in find_quoted_spans(self.text) if not self.in_region(q.start)]
        self.token_starts = [t.idx for t in doc]
        # For each token, the index of the quoted span holding it (or -1).
        self.quote_of_token = [-1] * len(doc)
        for n, q in enumerate(self.quoted):
            for i in range(self.token_at(q.start), self.token_at(q.end - 1) + 1):
                self.quote_of_token[i] = n

    def in_region(self, char: int) -> bool:
        return any(s <= char < e for s, e in self.regions)

    def token_at(self, char: int) -> int:
        return max(0, bisect_right(self.token_starts, char) - 1)

    def paragraph_of(self, char: int) -> int:
        return bisect_right(self.paragraph_starts, char) - 1

    def cover_quotes(self, start: int, end: int) -> tuple[int, int]:
        """Widen ``[start, end)`` so that no quoted span is cut in two."""
        for q in self.quoted:
            if q.start < end and start < q.end:
                start, end = min(start, q.start), max(end, q.end)
        return start, end

    def span_chars(self, start_token: int, end_token: int) -> tuple[int, int]:
        """Character offsets of tokens ``[start_token, end_token)``, trimmed of space."""
        doc = self.doc
        start = doc[start_token].idx
        last = doc[end_token - 1]
        return start, last.idx + len(last.text)


def _lemma(token: Token) -> str:
    return cue_lemma(token.lemma_, token.text)


def _is_cue(token: Token) -> bool:
    lemma = _lemma(token)
    return token.pos_ in ("VERB", "AUX") and (lemma in SPEECH_VERBS or lemma in BELIEF_VERBS)


def _is_speech_cue(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX") and _lemma(token) in SPEECH_VERBS


def _cue_extent(token: Token) -> tuple[int, int]:
    """The cue's tokens: the verb with its particle or auxiliaries (``has said``, ``point out``)."""
    start, end = token.i, token.i + 1
    for child in token.children:
        if child.dep_ == "prt" and child.i == end:
            end = child.i + 1
    return start, end


def _mention(art: _Article, head: Token, lo: int, hi: int) -> tuple[int, int]:
    """Char span of the noun phrase headed by ``head``, kept inside tokens ``[lo, hi)``."""
    left, right = head.i, head.i
    for t in head.subtree:
        if lo <= t.i < hi and art.quote_of_token[t.i] < 0:
            left = min(left, t.i)
            right = max(right, t.i)
    # A dateline or a paragraph break before the name is not part of it:
    # "Washington (AFP) – Democrat Hillary Clinton".
    for k in range(head.i - 1, left - 1, -1):
        if art.doc[k].text in ("–", "—", ")", ":") or "\n" in art.doc[k].text:
            left = k + 1
            break
    tokens = art.doc[left : right + 1]
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
        tokens = tokens[:-1]
    while tokens and (tokens[0].is_punct or tokens[0].is_space):
        tokens = tokens[1:]
    if not len(tokens):
        return head.idx, head.idx + len(head.text)
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def _subject(cue: Token) -> Token | None:
    """Who speaks through ``cue``: its subject, or the agent of a passive
    (``was asked by host Bill Maher``), whose subject is the listener."""
    for child in cue.children:
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    for child in cue.children:
        if child.dep_ == "nsubjpass" and _lemma(cue) in ADDRESSEE_VERBS:
            return None
        if child.dep_ in SUBJECT_DEPS:
            return child
    # "..., saying ..." / "and added ...": the subject of the verb it hangs from.
    if cue.dep_ in ("advcl", "xcomp", "conj", "relcl") and cue.head.i != cue.i:
        if cue.dep_ == "relcl":
            return cue.head
        for child in cue.head.children:
            if child.dep_ in SUBJECT_DEPS:
                return child
    return None


def _speaker_head(token: Token) -> Token:
    """Relative pronouns stand for the noun they hang from (``Smith, who said``)."""
    if token.lower_ in ("who", "which", "that") and token.head.dep_ == "relcl":
        return token.head.head
    return token


# ---------------------------------------------------------------------------------------
# Pass 1: direct quotes with a frame


def _post_window(art: _Article, after: int, paragraph: int) -> tuple[int, int]:
    """Tokens after a quote up to the end of its frame: a sentence end or the next quote."""
    doc = art.doc
    i = after
    end = min(len(doc), after + FRAME_WINDOW)
    while i < end:
        t = doc[i]
        if "\n" in t.text or art.paragraph_of(t.idx) != paragraph:
            break
        if art.quote_of_token[i] >= 0:
            break
        if t.text in SENTENCE_END and i > after:
            return after, i + 1
        i += 1
    return after, i


def _first_word(art: _Article, lo: int, hi: int) -> int | None:
    for i in range(lo, hi):
        t = art.doc[i]
        if not (t.is_punct or t.is_space or t.text in ALL_MARKS):
            return i
    return None


def _name_at(art: _Article, i: int) -> Token | None:
    """A proper name starting at token ``i`` (entity or proper noun), returning its head."""
    t = art.doc[i]
    if t.ent_type_ in ("PERSON", "ORG", "NORP") or t.pos_ == "PROPN":
        # walk right over the name to find its syntactic head
        j = i
        while j + 1 < len(art.doc) and (
            art.doc[j + 1].pos_ == "PROPN" or art.doc[j + 1].ent_iob_ == "I"
        ):
            j += 1
        return art.doc[j]
    return None


_SPEECH_END = set(",?!.…—–-:;")


def _ends_like_speech(art: _Article, q: QuotedSpan) -> bool:
    """``"...,"`` or ``"...?"`` or ``"...",``: a quote shaped to be followed by its frame."""
    inner_end = q.end - 2 if q.closed else q.end - 1
    last = art.text[inner_end] if inner_end > q.start else ""
    after = art.text[q.end : q.end + 1]
    return last in _SPEECH_END or after == ","


def _ends_sentence(art: _Article, q: QuotedSpan) -> bool:
    inner_end = q.end - 2 if q.closed else q.end - 1
    return inner_end > q.start and art.text[inner_end] == "."


def _frame_after(art: _Article, q: QuotedSpan) -> tuple[Attribution | None, int]:
    """An attribution in the frame that follows quote ``q``; also where the frame ends."""
    doc = art.doc
    after = art.token_at(q.end - 1) + 1
    paragraph = art.paragraph_of(q.end - 1)
    lo, hi = _post_window(art, after, paragraph)
    first = _first_word(art, lo, hi)
    if first is None or not _ends_like_speech(art, q):
        return None, hi
    if any(doc[k].text in "([" for k in range(lo, first)):
        return None, hi  # "..." [HuffPost.] -- a source note, not a speaker
    dashed = any(doc[k].text in ("―", "—", "–", "-") for k in range(lo, first))
    if dashed:
        # '"..." ― Oscar Quintero': a signature after a dash
        head = _name_at(art, first)
        if head is not None:
            return (
                Attribution("direct", [(q.start, q.end)], None, _mention(art, head, lo, hi),
                            0.8, "direct-name"),
                hi,
            )
    if _ends_sentence(art, q) and doc[first].text[:1].isupper():
        # '..." Sen. Rubio called it ...': after a full stop a capital opens a new sentence,
        # unless a speech verb follows at once ('..." Smith said.').
        nxt = next((k for k in range(first + 1, min(hi, first + 4))
                    if _is_speech_cue(doc[k])), None)
        if nxt is None or any(c.dep_ == "ccomp" and c.i > nxt for c in doc[nxt].children):
            return None, hi
    cue: Token | None = None
    for i in range(first, hi):
        if _is_speech_cue(doc[i]):
            if any(c.dep_ == "ccomp" and c.i > i for c in doc[i].children):
                break  # '..., claiming that ...': the verb brings its own content
            cue = doc[i]
            break
        if doc[i].text == "," and i > first + 12:
            break
    if cue is None:
        # '," he points out' / '," Bozell answers': any verb right after a name or pronoun,
        # or right before one, is the cue.
        for i in range(first, min(hi, first + 4)):
            if (
                doc[i].pos_ == "VERB"
                and doc[i].is_alpha
                and doc[i].lemma_ not in ("be", "have", "do")
                and (i == first or doc[i - 1].pos_ in ("PROPN", "PRON"))
                and not any(c.dep_ == "ccomp" and c.i > i for c in doc[i].children)
            ):
                subj = _subject(doc[i])
                if (subj is not None and lo <= subj.i < hi) or (
                    i == first and i + 1 < hi and doc[i + 1].pos_ in ("PROPN", "PRON")
                ):
                    cue = doc[i]
                break
    speaker: tuple[int, int] | None = None
    if cue is not None:
        subj = _subject(cue)
        if subj is None or not (lo <= subj.i < hi):
            # "said X": the first noun phrase after the cue
            subj = None
            for j in range(cue.i + 1, hi):
                if doc[j].pos_ in ("PROPN", "NOUN", "PRON"):
                    head = doc[j]
                    while head.head.i != head.i and lo <= head.head.i < hi and (
                        head.dep_ in ("compound", "amod", "det", "poss", "nmod", "flat")
                    ):
                        head = head.head
                    subj = head
                    break
        if subj is not None and lo <= subj.i < hi:
            subj = _speaker_head(subj)
            speaker = _mention(art, subj, lo, hi)
        if cue.i - first > 10 and subj is None:
            return None, hi
        return (
            Attribution("direct", [(q.start, q.end)], _cue_extent(cue), speaker,
                        0.95 if speaker else 0.75, "direct-post"),
            hi,
        )
    head = _name_at(art, first)
    if head is not None and (
        head.ent_type_ == "PERSON" or (head.pos_ == "PROPN" and doc[first].text[:1].isupper())
    ):
        return (
            Attribution("direct", [(q.start, q.end)], None, _mention(art, head, lo, hi),
                        0.8, "direct-name"),
            hi,
        )
    return None, hi


def _name_before(art: _Article, colon: int, lo: int) -> Token | None:
    """The proper name that ends right before token ``colon`` (``- Carl Bialik:``)."""
    doc = art.doc
    j = colon - 1
    if j < lo or doc[j].pos_ != "PROPN" and doc[j].ent_type_ not in ("PERSON", "ORG"):
        return None
    return doc[j]


def _frame_before(art: _Article, q: QuotedSpan) -> Attribution | None:
    """``X said: "..."`` or ``X said, "..."``: a cue right before the quote.

    The frame may close the previous paragraph (``... responded:`` then the quote).
    """
    doc = art.doc
    q_first = art.token_at(q.start)
    i = q_first - 1
    while i >= 0 and doc[i].is_space:
        i -= 1
    if i >= 0 and _is_speech_cue(doc[i]) and art.paragraph_of(doc[i].idx) == art.paragraph_of(
        q.start
    ):
        # 'a man yelled "Stay there!"', 'saying "Too many."'
        subj = _subject(doc[i])
        speaker = _mention(art, _speaker_head(subj), 0, i) if subj is not None else None
        return Attribution("direct", [(q.start, q.end)], _cue_extent(doc[i]), speaker,
                           0.85 if speaker else 0.6, "direct-pre")
    if i < 0 or doc[i].text not in (":", ",", "—", "-"):
        return None
    if art.paragraph_of(doc[i].idx) != art.paragraph_of(q.start) and doc[i].text != ":":
        return None
    paragraph = art.paragraph_of(doc[i].idx)
    lo = i
    steps = 0
    while lo > 0 and steps < 30:
        prev = doc[lo - 1]
        if art.paragraph_of(prev.idx) != paragraph or art.quote_of_token[lo - 1] >= 0:
            break
        if prev.text in SENTENCE_END:
            break
        lo -= 1
        steps += 1
    cue = None
    for j in range(i - 1, lo - 1, -1):
        if _is_speech_cue(doc[j]):
            cue = doc[j]
            break
    if doc[i].text == ":":
        head = _name_before(art, i, lo)
        # "Pollsters agree - Carl Bialik:" names the speaker; "telling Breitbart London:"
        # names the listener.
        if head is not None and (
            cue is None
            or (cue.i < head.i and _name_at(art, cue.i + 1) is not None
                and _name_at(art, cue.i + 1).i == head.i)  # "Said Ellis:"
            or (cue.i < head.i and _lemma(cue) not in ADDRESSEE_VERBS
                and any(doc[k].is_punct for k in range(cue.i + 1, head.i)))
        ):
            return Attribution("direct", [(q.start, q.end)], (i, i + 1),
                               _mention(art, head, max(lo, head.i - 4), i), 0.8, "direct-colon")
    if cue is not None:
        subj = _subject(cue)
        speaker = None
        if subj is not None and lo <= subj.i < i:
            speaker = _mention(art, _speaker_head(subj), lo, cue.i)
        return Attribution("direct", [(q.start, q.end)], _cue_extent(cue), speaker,
                           0.9 if speaker else 0.7, "direct-pre")
    return None


def _transcript_turns(art: _Article) -> list[Attribution]:
    """``PENCE: Well, look, ...`` or ``Chris Matthews: ...``: a name, a colon, their words."""
    found = []
    text = art.text
    for start in art.paragraph_starts:
        match = _TRANSCRIPT_RE.match(text, start)
        if not match or art.in_region(start):
            continue
        name = match.group(1)
        end = text.find("\n", match.end())
        end = len(text) if end < 0 else end
        if sum(w[:1].isalpha() for w in text[match.end(1) + 1 : end].split()) < 3:
            continue  # "Clinton: 1,769." is a tally, not a turn
        if not name.isupper():
            span = art.doc.char_span(match.start(1), match.end(1), alignment_mode="expand")
            if span is None or not (
                any(t.ent_type_ == "PERSON" for t in span)
                or (len(span) <= 3 and all(t.pos_ == "PROPN" for t in span))
            ):
                continue
        end = text.find("\n", match.end())
        end = len(text) if end < 0 else end
        content_start = match.end() - 1
        colon = match.end(1)
        found.append(
            Attribution("direct", [(content_start, end)],
                        (art.token_at(colon), art.token_at(colon) + 1),
                        (match.start(1), match.end(1)), 0.85, "transcript")
        )
    return found


def _direct_pass(art: _Article) -> tuple[list[Attribution], set[int]]:
    results: list[Attribution] = []
    used: set[int] = set()
    n = 0
    while n < len(art.quoted):
        q = art.quoted[n]
        attribution, frame_end = _frame_after(art, q)
        if attribution is not None:
            used.add(n)
            # "A," explained Umarov, "B." -- the frame ends with a comma and a quote follows.
            if n + 1 < len(art.quoted):
                nxt = art.quoted[n + 1]
                between = art.text[q.end : nxt.start]
                last = art.doc[frame_end - 1].text if frame_end > 0 else ""
                same_paragraph = art.paragraph_of(nxt.start) == art.paragraph_of(q.start)
                if (
                    same_paragraph
                    and art.token_at(nxt.start) <= frame_end + 1
                    and last not in SENTENCE_END
                    and len(between) < 200
                ):
                    attribution.spans.append((nxt.start, nxt.end))
                    used.add(n + 1)
                    n += 1
            results.append(attribution)
            n += 1
            continue
        attribution = _frame_before(art, q)
        if attribution is not None:
            used.add(n)
            results.append(attribution)
        n += 1
    return results, used


# ---------------------------------------------------------------------------------------
# Pass 2: indirect and mixed speech


def _clause_span(art: _Article, head: Token, stop: set[int]) -> tuple[int, int] | None:
    """Tokens of the complement clause headed by ``head``, without ``that`` and end marks."""
    tokens = [t for t in head.subtree if t.i not in stop]
    if not tokens:
        return None
    lo, hi = min(t.i for t in tokens), max(t.i for t in tokens) + 1
    doc = art.doc
    while lo < hi and (doc[lo].dep_ == "mark" and doc[lo].lower_ in ("that", "whether", "if")
                       or doc[lo].is_punct and doc[lo].text not in DOUBLE_MARKS
                       or doc[lo].is_space):
        lo += 1
    while hi > lo and (doc[hi - 1].is_space or doc[hi - 1].text in {".", ",", ";", ":", "—"}):
        hi -= 1
    if hi - lo < 2:
        return None
    # A clause never crosses a paragraph.
    paragraph = art.paragraph_of(doc[lo].idx)
    while hi > lo and art.paragraph_of(doc[hi - 1].idx) != paragraph:
        hi -= 1
    return lo, hi


def _indirect_pass(art: _Article, taken: list[Attribution]) -> list[Attribution]:
    doc = art.doc
    results: list[Attribution] = []
    used_cues = {a.cue[0] for a in taken if a.cue}
    covered = [(s, e) for a in taken for s, e in a.spans]

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
        if not _is_cue(token):
            continue
        complement = next((c for c in token.children if c.dep_ == "ccomp"), None)
        subj = _subject(token)
        if subj is None:
            continue
        subj = _speaker_head(subj)
        if complement is None:
            found = _other_complement(art, token, subj)
            if found is not None and not overlaps_direct(*found.spans[0]):
                results.append(found)
            continue
        stop = {t.i for t in subj.subtree} | {token.i}
        clause = _clause_span(art, complement, stop)
        if clause is not None and _lemma(token) not in ADDRESSEE_VERBS:
            # "said many of those ... were sent": the parser may hang the clause's subject
            # on the cue as its object; it belongs to the content.
            obj = next((c for c in token.children
                        if c.dep_ == "dobj" and token.i < c.i < clause[0]), None)
            if obj is not None:
                clause = (min(t.i for t in obj.subtree), clause[1])
        if clause is None:
            continue
        c_start, c_end = art.cover_quotes(*art.span_chars(*clause))
        if overlaps_direct(c_start, c_end):
            continue
        speaker_lo = min(t.i for t in subj.subtree)
        speaker_hi = max(t.i for t in subj.subtree) + 1
        if clause[0] < subj.i < clause[1]:
            continue  # parse went wrong: the subject sits inside the content
        speaker = _mention(art, subj, speaker_lo, speaker_hi)
        inner_quotes = [n for n in range(clause[0], clause[1]) if art.quote_of_token[n] >= 0]
        kind = "mixed" if inner_quotes else "indirect"
        confidence = cue_confidence(_lemma(token))
        if subj.pos_ == "PRON" and subj.lower_ in ("it", "this", "that"):
            confidence *= 0.5
        results.append(
            Attribution(kind, [(c_start, c_end)], _cue_extent(token), speaker, confidence,
                        "indirect-" + kind)
        )
    return results


def _other_complement(art: _Article, cue: Token, subj: Token) -> Attribution | None:
    """A speech verb without a clause: a parenthetical (``This campaign, he says, is
    different``) or an object or infinitive (``urged him to resign``, ``called for ...``)."""
    doc = art.doc
    if _lemma(cue) not in SPEECH_VERBS or subj.lower_ in ("it", "this", "which"):
        return None
    if subj.pos_ not in ("PROPN", "PRON", "NOUN") or subj.i > cue.i:
        return None
    sent = cue.sent
    speaker = _mention(art, subj, min(t.i for t in subj.subtree),
                       max(t.i for t in subj.subtree) + 1)
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
        return Attribution("indirect", spans, _cue_extent(cue), speaker,
                           0.75, "parenthetical")
    objects = [c for c in cue.rights if c.dep_ in ("dobj", "xcomp", "prep", "dative")
               and not (c.dep_ == "prep" and c.lower_ in ("in", "on", "at", "during", "after",
                                                             "before", "since", "while"))]
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
    return Attribution(kind, [art.span_chars(lo, hi)], _cue_extent(cue), speaker,
                       cue_confidence(_lemma(cue)) * 0.6, "speech-object")


def _according_to(art: _Article, according: Token) -> Attribution | None:
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
    return Attribution(kind, [(c_start, c_end)], (according.i, according.i + 2),
                       _mention(art, source, src_lo, src_hi), 0.85, "according-to")


# ---------------------------------------------------------------------------------------
# Pass 3: quotes with no frame


def _governed_pass(art: _Article, attributions: list[Attribution], used: set[int]) -> list[
    Attribution
]:
    """A quoted fragment inside a clause whose verb has a speaker: ``called it "a disgrace"``."""
    doc = art.doc
    results: list[Attribution] = []
    covered = [(s, e) for a in attributions for s, e in a.spans]
    for n, q in enumerate(art.quoted):
        if n in used or any(s < q.end and q.start < e for s, e in covered):
            continue
        first = art.token_at(q.start)
        last = art.token_at(q.end - 1)
        inner = [t for t in doc[first : last + 1] if t.text not in ALL_MARKS]
        if not inner:
            continue
        # the token of the quote whose head lies outside it
        top = next((t for t in inner if not (first <= t.head.i <= last)), inner[0])
        verb = top.head
        steps = 0
        while verb.pos_ not in ("VERB",) and verb.head.i != verb.i and steps < 4:
            verb = verb.head
            steps += 1
        if verb.pos_ != "VERB" or first <= verb.i <= last or verb.i > first:
            continue
        subj = _subject(verb)
        if subj is None or subj.lower_ in ("it", "this", "that", "which", "there"):
            continue
        subj = _speaker_head(subj)
        if subj.pos_ not in ("PROPN", "PRON", "NOUN") or subj.i > verb.i:
            continue
        child = top
        while child.head.i != verb.i and child.head.i != child.i:
            child = child.head
        lo = verb.i + 1
        hi = max(last + 1, max(t.i for t in child.subtree) + 1)
        sent_end = doc[first].sent.end
        hi = min(hi, sent_end)
        while lo < hi and (doc[lo].is_space or doc[lo].lower_ == "that" or doc[lo].text == ","):
            lo += 1
        while hi > lo and (doc[hi - 1].is_space or doc[hi - 1].text in {".", ",", ";", ":"}):
            hi -= 1
        if hi - lo < 1 or art.paragraph_of(doc[lo].idx) != art.paragraph_of(q.start):
            continue
        c_start, c_end = art.cover_quotes(*art.span_chars(lo, hi))
        speaker = _mention(art, subj, min(t.i for t in subj.subtree),
                           max(t.i for t in subj.subtree) + 1)
        if not _is_cue(verb) and _looks_like_title(art.text[q.start + 1 : q.end - 1]):
            continue  # 'showed the film "Night Harbour"': a title, not speech
        confidence = cue_confidence(_lemma(verb)) if _is_cue(verb) else 0.45
        results.append(Attribution("mixed", [(c_start, c_end)], _cue_extent(verb), speaker,
                                   confidence, "governed"))
        covered.append((c_start, c_end))
        used.add(n)
    return results


def _looks_like_title(inner: str) -> bool:
    """Every word capitalised (``"Night Harbour"``): the name of a work, not speech."""
    words = [w for w in inner.strip(" ,.!?;:").split() if w[:1].isalpha()]
    small = {"a", "an", "the", "of", "and", "in", "on", "for", "to", "at", "by", "or"}
    return len(words) >= 2 and all(w[0].isupper() or w.lower() in small for w in words)


def _opens_sentence(art: _Article, q: QuotedSpan) -> bool:
    i = q.start - 1
    while i >= 0 and art.text[i] in " \t\u00a0":
        i -= 1
    return i < 0 or art.text[i] in "\n.!?:" or art.text[i] in DOUBLE_MARKS


def _floating_pass(
    art: _Article, attributions: list[Attribution], used: set[int]
) -> list[Attribution]:
    results: list[Attribution] = []
    covered = sorted((s, e) for a in attributions for s, e in a.spans)
    known = sorted(
        (a for a in attributions if a.speaker is not None), key=lambda a: a.start
    )
    for n, q in enumerate(art.quoted):
        if n in used or any(s <= q.start and q.end <= e for s, e in covered):
            continue
        words = len(art.text[q.start : q.end].split())
        if not _opens_sentence(art, q) or words < 4:
            continue
        paragraph = art.paragraph_of(q.start)
        previous = [a for a in known if a.start < q.start]
        speaker = None
        confidence = 0.45
        if previous:
            last = previous[-1]
            if paragraph - art.paragraph_of(last.start) <= FLOATING_PARAGRAPHS:
                speaker = last.speaker
                confidence = 0.7
        results.append(
            Attribution("direct", [(q.start, q.end)], None, speaker, confidence, "floating")
        )
        if speaker is not None:
            known.append(results[-1])
            known.sort(key=lambda a: a.start)
    return results


# ---------------------------------------------------------------------------------------


def _join_turns(art: _Article, found: list[Attribution]) -> list[Attribution]:
    """Fold a floating quote into the direct quote of the same speaker right before it."""
    joined: list[Attribution] = []
    for a in found:
        prev = joined[-1] if joined else None
        if (
            prev is not None
            and a.rule == "floating"
            and a.speaker is not None
            and a.speaker == prev.speaker
            and prev.type == "direct"
            and art.paragraph_of(a.start) - art.paragraph_of(prev.spans[-1][1] - 1) <= 1
        ):
            prev.spans.extend(a.spans)
            continue
        joined.append(a)
    return joined


def find_attributions(
    doc: Doc, regions: list[Region], *, join_turns: bool = False
) -> list[Attribution]:
    """All attributions in ``doc`` outside ``regions``, in text order.

    ``join_turns`` folds each frameless quote that continues the previous direct quote's
    speaker into it: one attribution per speaker turn."""
    art = _Article(doc, regions)
    transcript = _transcript_turns(art)
    direct, used = _direct_pass(art)
    turns = [(art.paragraph_starts[art.paragraph_of(t.start)], t.spans[0][1]) for t in transcript]
    direct = [a for a in direct
              if not any(start <= a.start < end for start, end in turns)]
    indirect = _indirect_pass(art, direct + transcript)
    found = direct + transcript + indirect
    found += _governed_pass(art, found, used)
    found += _floating_pass(art, found, used)
    found = [a for a in found if not art.in_region(a.start)]
    found.sort(key=lambda a: a.start)
    return _join_turns(art, found) if join_turns else found


def _cue_span(doc: Doc, cue: tuple[int, int] | None) -> TextSpan | None:
    if cue is None:
        return None
    span: Span = doc[cue[0] : cue[1]]
    return TextSpan(span.start_char, span.end_char, span.text)


def attribute(doc: Doc, regions: list[Region], *, join_turns: bool = False) -> list[Quote]:
    """The quotes of ``doc`` as records, speakers as written (resolution comes later)."""
    text = doc.text
    quotes = []
    for n, a in enumerate(find_attributions(doc, regions, join_turns=join_turns), start=1):
        speaker = TextSpan.of(text, *a.speaker) if a.speaker else None
        key = class_key(a.rule, cue_class(doc, a.cue), speaker_class(doc, a.speaker))
        quotes.append(
            Quote(
                id=f"q{n}",
                type=a.type,
                spans=[(s, e) for s, e in a.spans],
                text=" ".join(text[s:e] for s, e in a.spans),
                cue=_cue_span(doc, a.cue),
                speaker=speaker,
                speaker_name=speaker.text if speaker else None,
                confidence=round(min(1.0, max(0.0, calibrated(key, a.confidence))), 3),
            )
        )
    return quotes
