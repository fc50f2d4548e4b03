"""Pass 2: indirect and mixed speech.

A reporting verb with a subject and a clausal complement (``X said (that) ...``,
``..., X claims.``, ``X told Y ...``), ``according to X``, a parenthetical
(``This harbour, he says, is dying``) and a speech verb with an object
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
    cue_head,
    is_cue,
    is_speech_cue,
    is_thing_relative,
    lemma,
    mention_span,
    speaker_head,
    speaker_of,
    speaker_outside_quotes,
    subject_mention,
)
from .cues import (
    ADDRESSEE_VERBS,
    BELIEF_VERBS,
    NOT_SPEECH_WITH_OBJECT,
    SPEECH_VERBS,
    SPEECH_WITH_INFINITIVE,
    cue_confidence,
)
from .quote_marks import DOUBLE_MARKS
from .spans import (
    cut_contrast_clause,
    cut_dash_clause,
    cut_participle_clause,
    cut_relative_clause,
    leading_preposition,
    skip_leading_clause,
    verb_without_subject_after,
    without_listener,
)

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
    while lo < hi and (doc[lo].is_punct and doc[lo].text not in DOUBLE_MARKS or doc[lo].is_space):
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
    hi = cut_contrast_clause(doc, lo, cut_relative_clause(doc, lo, hi, art.commas), art.commas)
    hi = cut_participle_clause(doc, lo, hi, art.commas)
    if art.settings.dash_ends_report:
        hi = cut_dash_clause(doc, lo, hi, art.quote_of_token)
    lo = skip_leading_clause(doc, head, lo, hi)
    return lo, hi


def indirect_pass(art: ArticleView, taken: list[Attribution]) -> list[Attribution]:
    doc = art.doc
    results: list[Attribution] = []
    used_cues = {i for a in taken if a.cue for i in range(*a.cue)}
    covered = [(s, e) for a in taken for s, e in a.spans]
    # quoted_before[n]: quote tokens before token n, so "does a clause hold a quote" is O(1)
    quoted_before = list(accumulate((q >= 0 for q in art.quote_of_token), initial=0))

    def overlaps_direct(s: int, e: int) -> bool:
        return any(s < ce and cs < e for cs, ce in covered)

    def blocked(s: int, e: int, cue: Token) -> bool:
        """The clause overlaps a quote already found, unless it holds whole reports and
        comes after its cue (``Lind said [...]``; in ``[...], he said`` the parser may
        have hung a sentence of its own on the frame)."""
        if not overlaps_direct(s, e):
            return False
        return not (
            art.settings.nested_reports_outer
            and cue.idx < s
            and holds_whole_reports(art, taken, s, e)
        )

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
        if _is_as_frame(token):
            found = _as_frame(art, token)
            if found is not None and not overlaps_direct(*found.spans[0]):
                results.append(found)
            continue
        if not is_cue(token):
            continue
        complement = next((c for c in children_of(token) if c.dep_ == "ccomp"), None)
        subj = speaker_outside_quotes(art, token) or _speaker_through_noun(token)
        if subj is None:
            continue
        thing = is_thing_relative(subj)
        subj = speaker_head(subj)
        if complement is None:
            if thing:
                continue  # 'a new ad that urges voters to ...': a thing does not speak

            found = _other_complement(art, token, subj)
            if found is not None and not any(overlaps_direct(*span) for span in found.spans):
                results.append(found)
            continue
        if verb_without_subject_after(token, complement):
            continue  # "Anything Dorn says is false": the sentence's verb, not a report
        # "Ada Finch, who said that ...": the cue's clause hangs inside the speaker's phrase.
        # (is_ancestor walks up from the cue: the whole text in a chain; a cue outside the
        # subject's span of tokens cannot be inside its phrase, so look only then.)
        subj_lo, subj_hi = art.subtree_bounds(subj)
        inside = subj_lo <= token.i < subj_hi and subj.is_ancestor(token)
        own = {t.i for t in token.subtree} if inside else set()
        speaker_tokens = [t.i for t in subj.subtree if t.i not in own]
        stop = set(speaker_tokens) | {token.i}
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
        if blocked(c_start, c_end, token):
            continue
        speaker_lo = min(speaker_tokens)
        speaker_hi = max(speaker_tokens) + 1
        if inside and min(own) > subj.i:
            speaker_hi = min(speaker_hi, min(own))
        if clause[0] < subj.i < clause[1]:
            continue  # parse went wrong: the subject sits inside the content
        speaker = mention_span(art, subj, speaker_lo, speaker_hi)
        inner_quotes = quoted_before[clause[1]] - quoted_before[clause[0]]
        kind = "mixed" if inner_quotes else "indirect"
        reporter = _parenthetical_reporter(art, token) if inner_quotes else None
        if reporter is not None:
            # 'X, Mr. Obama said, have come to believe "..."': the quoted words are Obama's
            speaker = subject_mention(art, reporter, reporter.head)
        confidence = cue_confidence(lemma(token))
        if subj.pos_ == "PRON" and subj.lower_ in ("it", "this", "that"):
            confidence *= 0.5
        results.append(
            Attribution(
                kind, [(c_start, c_end)], cue_extent(token), speaker, confidence, "indirect-" + kind
            )
        )
    return results


CONTINUING_VERBS = frozenset({"add"})
"""``said that ..., which he added "is deeply regrettable"``: a report that goes on with the
same speaker's words; PolNeAR marks it as a report of its own, not as part of the outer one."""


def _inside(a: Attribution, art: ArticleView, start: int, end: int) -> bool:
    """Whether ``a``'s words, cue and speaker all lie within characters ``[start, end)``,
    its cue a verb with a subject of its own (``and added, "..."`` without one is the same
    speaker's second report: :func:`split_conjoined_reports` parts it) that does not
    continue the outer speaker's words."""
    if a.cue is None or a.speaker is None:
        return False
    doc = art.doc
    verb = cue_head(doc, a.cue)
    if not is_cue(verb) or lemma(verb) in CONTINUING_VERBS:
        return False
    if not has_own_subject(verb):
        return False
    cue_start, cue_end = doc[a.cue[0]].idx, doc[a.cue[1] - 1].idx + len(doc[a.cue[1] - 1])
    parts = [*a.spans, (cue_start, cue_end), a.speaker]
    return all(start <= s and e <= end for s, e in parts)


def holds_whole_reports(art: ArticleView, taken: list[Attribution], start: int, end: int) -> bool:
    """``Lind said Okafor was "right" when he said that "the harbour ..."``: every quote
    the reported clause overlaps is a report inside it, with its own cue and speaker. The
    clause is one report of the outer speaker, as PolNeAR marks it (the inner report is part
    of what was said)."""
    overlapping = [a for a in taken if any(s < end and start < e for s, e in a.spans)]
    return bool(overlapping) and all(_inside(a, art, start, end) for a in overlapping)


def without_nested_reports(
    art: ArticleView, reports: list[Attribution], outer: list[Attribution]
) -> list[Attribution]:
    """``reports`` less those that lie whole (words, cue and speaker) inside the words of an
    ``outer`` report: PolNeAR marks the outer report only."""
    if not art.settings.nested_reports_outer:
        return reports
    return [
        a
        for a in reports
        if not any(o is not a and len(o.spans) == 1 and _inside(a, art, *o.spans[0]) for o in outer)
    ]


CLAUSE_CHAIN_DEPS = frozenset({"xcomp", "advcl", "conj"})
"""Links from a cue up to the verb of its sentence (``have come to believe``)."""


def _parenthetical_reporter(art: ArticleView, cue: Token) -> Token | None:
    """The subject of a speech verb set into the cue's sentence as an aside (``A majority,
    Mr. Obama said, have come to believe "..."``): for a belief, the quoted words are the
    reporter's, not the words of those said to hold it."""
    if lemma(cue) not in BELIEF_VERBS:
        return None
    verb = cue
    while verb.dep_ in CLAUSE_CHAIN_DEPS and verb.head.i != verb.i:
        verb = verb.head
    for child in children_of(verb):
        if child.dep_ == "parataxis" and is_speech_cue(child) and art.quote_of_token[child.i] < 0:
            subject = speaker_of(child)
            if subject is not None and art.quote_of_token[subject.i] < 0:
                return subject
    return None


OBJECT_PREPOSITIONS = frozenset({"of", "about", "for", "against", "over", "to", "on"})
"""Prepositions whose object is still what a speech verb reports (``warned of``)."""


STATEMENT_VERBS = frozenset({"release", "issue", "send", "post", "publish", "give", "make"})
"""``released a statement saying ...``: the subject of these speaks through the noun."""


def _speaker_through_noun(cue: Token) -> Token | None:
    """The subject of ``released`` in ``released a statement saying ...``."""
    noun = cue.head
    if cue.dep_ != "acl" or noun.pos_ != "NOUN" or noun.i == cue.i:
        return None
    verb = noun.head
    if lemma(verb) not in STATEMENT_VERBS and verb.lemma_ not in STATEMENT_VERBS:
        return None
    return next((c for c in verb.children if c.dep_ == "nsubj"), None)


def _is_as_frame(token: Token) -> bool:
    """``As the Ledger reported, ...`` or ``as Sand put it, ...``: a frame opened by ``as``."""
    if token.dep_ != "advcl" or token.head.i == token.i:
        return False
    if not any(c.dep_ == "mark" and c.lower_ == "as" for c in token.children):
        return False
    if token.lemma_ == "put":
        return any(c.dep_ == "dobj" and c.lower_ == "it" for c in token.children)
    return (
        token.pos_ == "VERB"
        and lemma(token) in SPEECH_VERBS
        and not any(c.dep_ in ("ccomp", "dobj") for c in token.children)
    )


def _as_frame(art: ArticleView, cue: Token) -> Attribution | None:
    """Content of an ``as`` frame: the rest of its sentence (the clause the frame hangs on)."""
    doc = art.doc
    subj = next((c for c in cue.children if c.dep_ == "nsubj"), None)
    if subj is None:
        return None
    frame = {t.i for t in cue.subtree}
    sent = cue.sent
    rest = [t.i for t in sent if t.i not in frame]
    if not rest:
        return None
    lo, hi = min(rest), max(rest) + 1
    while lo < hi and (doc[lo].is_punct or doc[lo].is_space) and doc[lo].text not in DOUBLE_MARKS:
        lo += 1
    while hi > lo and (doc[hi - 1].is_punct or doc[hi - 1].is_space):
        hi -= 1
    if hi - lo < 3 or any(lo <= i < hi for i in frame):
        return None
    kind = "mixed" if any(art.quote_of_token[i] >= 0 for i in range(lo, hi)) else "indirect"
    speaker = mention_span(
        art, subj, min(t.i for t in subj.subtree), max(t.i for t in subj.subtree) + 1
    )
    cue_span = (cue.i, cue.i + 2) if cue.lemma_ == "put" else cue_extent(cue)
    return Attribution(kind, [art.span_chars(lo, hi)], cue_span, speaker, 0.8, "as-frame")


def is_passive_without_agent(verb: Token, subj: Token) -> bool:
    """``The mayor is said to favour ...``: the passive subject is not who spoke. The passive
    subject of another verb is (``Ruiz can be heard yelling that ...``)."""
    return (
        subj.dep_ == "nsubjpass"
        and subj.head.i == verb.i
        and not any(c.dep_ == "agent" for c in verb.children)
    )


def _frame_name_after_comma(art: ArticleView, subj: Token, cue: Token) -> Token:
    """``To understand the real Dred Ames, Judge Vik said, ...``: the parser hung the name
    that opens an inserted frame on the reported clause's last noun as its appositive; the
    name between the comma and the cue is the subject. Only inside a sentence (a sentence
    opening ``The firm, Velmora Lines, said`` names its subject twice)."""
    doc = art.doc
    if art.subtree_bounds(subj)[0] <= cue.sent.start:
        return subj
    for child in children_of(subj):
        if child.dep_ != "appos" or child.pos_ != "PROPN" or child.i > cue.i:
            continue
        lo, hi = art.subtree_bounds(child)
        between = [t for t in doc[hi : cue.i] if not t.is_space]
        if doc[lo - 1].text == "," and all(t.text == "," for t in between):
            return child
    return subj


def _other_complement(art: ArticleView, cue: Token, subj: Token) -> Attribution | None:
    """A speech verb without a clause: a parenthetical (``This harbour, he says, is
    dying``) or an object or infinitive (``urged him to resign``, ``called for ...``)."""
    doc = art.doc
    if lemma(cue) not in SPEECH_VERBS or subj.lower_ in ("this", "which"):
        return None
    if subj.lower_ == "it" and cue.dep_ != "parataxis":
        return None  # "it urged ...": but "Still, it said, ..." is the organisation speaking
    if subj.pos_ not in ("PROPN", "PRON", "NOUN") or subj.i > cue.i:
        return None
    sent = cue.sent
    if cue.dep_ == "parataxis":
        subj = _frame_name_after_comma(art, subj, cue)
    speaker = subject_mention(art, subj, cue)
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
        quoted = any(art.quote_of_token[i] >= 0 for i in range(lo, hi))
        if not spans or (quoted and not _mixed_parenthetical(art, lo, hi, frame)):
            return None
        kind = "mixed" if quoted else "indirect"
        if quoted:
            spans = _mixed_parenthetical_spans(art, cue, frame, spans)
        return Attribution(kind, spans, cue_extent(cue), speaker, 0.75, "parenthetical")
    if lemma(cue) in NOT_SPEECH_WITH_OBJECT:
        return None  # "continued to protest", "posted the timetable", "charged him with"
    if lemma(cue) in SPEECH_WITH_INFINITIVE and not any(c.dep_ == "xcomp" for c in cue.rights):
        return None  # "ordered an inquiry": no one was told anything
    objects = [
        c
        for c in cue.rights
        if c.dep_ in ("dobj", "xcomp", "dative")
        or (c.dep_ == "prep" and c.lower_ in OBJECT_PREPOSITIONS)
    ]
    objects = without_listener(cue, objects)
    if not objects:
        return None
    cue_span = cue_extent(cue)
    lo = max(cue_span[1], min(t.i for c in objects for t in c.subtree))
    hi = max(t.i for c in objects for t in c.subtree) + 1
    hi = min(hi, sent.end)
    while hi > lo and (doc[hi - 1].is_punct or doc[hi - 1].is_space):
        hi -= 1
    hi = cut_relative_clause(doc, lo, hi, art.commas)
    if leading_preposition(doc, cue_span[1], lo):
        cue_span, lo = (cue_span[0], lo + 1), lo + 1
    if hi - lo < 3 or art.paragraph_of(doc[lo].idx) != art.paragraph_of(cue.idx):
        return None
    kind = "mixed" if any(art.quote_of_token[i] >= 0 for i in range(lo, hi)) else "indirect"
    return Attribution(
        kind,
        [art.span_chars(lo, hi)],
        cue_span,
        None if is_passive_without_agent(cue, subj) else speaker,
        cue_confidence(lemma(cue)) * 0.6,
        "speech-object",
    )


def _mixed_parenthetical(art: ArticleView, lo: int, hi: int, frame: list[int]) -> bool:
    """``The harbour, she said, is "dying by the week."``: a frame set inside a sentence
    whose quoted fragment lies after the frame and whose quotation marks open and close
    inside the sentence reports the whole sentence (a mixed quote). A sentence that opens
    with a quotation mark is a direct quote's business."""
    if not art.settings.mixed_parentheticals:
        return False
    doc = art.doc
    first = next((i for i in range(lo, hi) if not doc[i].is_space), lo)
    if art.quote_of_token[first] >= 0:
        return False
    sent = doc[lo].sent
    quotes = [art.quoted[n] for n in {art.quote_of_token[i] for i in range(lo, hi)} if n >= 0]
    inside = all(sent.start_char <= q.start and q.end <= sent.end_char for q in quotes)
    return inside and all(art.quote_of_token[i] < 0 for i in range(lo, frame[0]))


NOUN_PHRASE_OPENERS = frozenset({"DET", "NOUN", "PROPN", "PRON", "ADJ", "NUM"})
"""Words that open a noun phrase: after a linking ``But`` they begin the reported words."""


def _mixed_parenthetical_spans(
    art: ArticleView, cue: Token, frame: list[int], spans: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """The content of a mixed parenthetical: the words before the frame begin after a
    linking ``But`` or ``And`` that opens the sentence before a noun phrase (``But the
    port, she said, is "..."``); a quoted fragment keeps its closing mark."""
    doc = art.doc
    start = doc[art.token_at(spans[0][0])]
    if (
        start.dep_ == "cc"
        and start.i + 1 < frame[0]
        and doc[start.i + 1].pos_ in NOUN_PHRASE_OPENERS
    ):
        start = doc[start.i + 1]
    if spans[0][1] <= doc[frame[0]].idx:
        spans = [(max(spans[0][0], start.idx), spans[0][1]), *spans[1:]]
    spans = [*spans[:-1], _before_other_speaker(art, frame, spans[-1])]
    return [art.cover_quotes(*span) for span in spans]


def _before_other_speaker(
    art: ArticleView, frame: list[int], span: tuple[int, int]
) -> tuple[int, int]:
    """``The harbour, she said, is "dying," but Lind disagreed``: a clause conjoined after the
    last quoted fragment with a name for its subject (or a speech verb) is narration, not
    the report (``and it never will be`` may be the speaker's)."""
    doc = art.doc
    lo, hi = art.token_at(span[0]), art.token_at(span[1] - 1) + 1
    if lo <= frame[-1]:
        return span
    closes = [q.end for q in art.quoted if span[0] <= q.start and q.end <= span[1]]
    if not closes:
        return span
    after = art.token_at(closes[-1] - 1) + 1
    for t in doc[after:hi]:
        subjects = [c for c in t.children if c.dep_ in OWN_SUBJECT_DEPS]
        if t.dep_ == "conj" and any(c.pos_ == "PROPN" or is_speech_cue(t) for c in subjects):
            return span[0], closes[-1]
    return span


SETTING_OFF_MARKS = frozenset({",", "\u2014", "\u2013", "--"})
"""Marks that close a phrase set inside a sentence (``, according to X,``)."""


def _interrupts_reported_clause(according: Token, source_end: int) -> bool:
    """``Ruiz said the budget, according to figures from the treasurer, would be balanced``:
    a phrase set inside what a speaker before it reports, closed by a comma with the report
    going on after it, is relayed by that speaker; the phrase's source did not say ``Ruiz
    said the budget``."""
    sent = according.sent
    rest = sent.doc[source_end : sent.end]
    comma = next((t.i for t in rest if t.text in SETTING_OFF_MARKS), None)
    goes_on = comma is not None and any(
        not t.is_punct and not t.is_space for t in sent.doc[comma + 1 : sent.end]
    )
    return goes_on and any(
        is_speech_cue(t) and any(c.dep_ in ("nsubj", "nsubjpass") for c in children_of(t))
        for t in sent.doc[sent.start : according.i]
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
        if _interrupts_reported_clause(according, src_hi):
            return None
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


CONJOINED_LINKS = frozenset(
    {",", "and", "but", "before", "after", "then", ";", "\u2014", "\u2013", "-", "--"}
)
"""Words between a first report and a second verb of the same speaker (``said A, claiming
B``, ``said A and insisted B``, ``said A before claiming B``)."""
CONJOINED_DEPS = frozenset({"conj", "advcl", "pcomp"})
"""How the parser hangs a second reporting verb of the same speaker inside the first
report when it takes the second verb for part of what was said."""
OWN_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "expl", "csubj"})


def has_own_subject(verb: Token) -> bool:
    """Whether the parser gave ``verb`` a subject of its own."""
    return any(c.dep_ in OWN_SUBJECT_DEPS for c in children_of(verb))


def split_conjoined_reports(art: ArticleView, found: list[Attribution]) -> list[Attribution]:
    """``Finch said the pier is "unsafe" and insisted that the ferry must run``: a second
    reporting verb without a subject of its own, linked to the first report by a comma,
    ``and``, ``but`` or ``before``, is the same speaker's second report; the first one's
    content ends before the link (the parser often hangs the second verb inside it)."""
    if not art.settings.conjoined_reports_apart:
        return found
    doc = art.doc
    for b in found:
        if b.cue is None:
            continue
        verb = cue_head(doc, b.cue)
        if (
            verb.dep_ not in CONJOINED_DEPS
            or art.quote_of_token[verb.i] >= 0
            or has_own_subject(verb)
        ):
            continue
        cue_char = doc[b.cue[0]].idx
        outer = next(
            (
                a
                for a in found
                if a is not b
                and a.cue is not None
                and len(a.spans) == 1
                and a.type in ("indirect", "mixed")
                and a.spans[0][0] < cue_char < a.spans[0][1]
                and a.spans[0][0] <= b.spans[0][0]
                and b.spans[-1][1] <= a.spans[0][1]
            ),
            None,
        )
        if outer is None:
            _same_speaker_after(art, b, verb, found)
            continue
        cut = _link_start(art, b.cue[0])
        if cut is None:
            continue
        lo = art.token_at(outer.spans[0][0])
        hi = cut
        while hi > lo and (doc[hi - 1].is_space or doc[hi - 1].text in CONJOINED_LINKS):
            hi -= 1
        if hi - lo < 2:
            continue
        outer.spans = [art.cover_quotes(*art.span_chars(lo, hi))]
        b.speaker = outer.speaker
    return found


def _same_speaker_after(
    art: ArticleView, b: Attribution, verb: Token, found: list[Attribution]
) -> None:
    """``Lind said the ferry would run on time, claiming the crew was ready``: when the first
    report already ends at the link, the second verb, hung inside it by the parser, still
    speaks for the first report's speaker, not for the subject of the verb it hangs from."""
    doc = art.doc
    cut = _link_start(art, b.cue[0])
    if cut is None or (b.speaker is not None and b.speaker[0] > doc[b.cue[0]].idx):
        return  # '..., threatening "a lawsuit," according to a copy of the letter'
    for a in found:
        if a is b or a.cue is None or a.type not in ("indirect", "mixed") or len(a.spans) != 1:
            continue
        head = cue_head(doc, a.cue)
        end = art.token_at(a.spans[0][1] - 1) + 1
        between = doc[end:cut]
        if (
            end <= cut
            and head.dep_ != "relcl"  # 'an architect who said ..., saying': the main clause's
            and all(t.is_space or t.text in CONJOINED_LINKS or t.is_punct for t in between)
            and head.is_ancestor(verb)
            and not _speech_cue_between(head, verb)
        ):
            b.speaker = a.speaker
            return


def _speech_cue_between(head: Token, verb: Token) -> bool:
    """``Comey cannot say that "...," Lewandowski added, saying``: a speech verb with a
    subject of its own between the first cue and the second verb is the second's speaker."""
    t = verb.head
    while t.i != head.i and t.head.i != t.i:
        if is_speech_cue(t) and has_own_subject(t):
            return True
        t = t.head
    return False


def _link_start(art: ArticleView, cue_start: int) -> int | None:
    """The first token of the link words before a cue (``, and``, ``but``, ``before``), or
    None when none stand there; a comma inside a closing quote (``"...," claiming``) links
    too."""
    doc = art.doc
    k = cue_start
    while k > 0 and (doc[k - 1].tag_ in ("RB", "MD") or doc[k - 1].dep_ in ("aux", "neg")):
        k -= 1
    first = k
    while first > 0 and (doc[first - 1].lower_ in CONJOINED_LINKS or doc[first - 1].is_space):
        first -= 1
    if first < k:
        return first
    if k >= 2 and doc[k - 1].text in DOUBLE_MARKS and doc[k - 2].text == ",":
        return k
    return None
