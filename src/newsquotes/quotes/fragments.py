"""Pass 3: quotes the frames did not claim.

A quoted fragment inside a clause whose verb has a speaker is a mixed quote
(``called it "a crucial step"``); a frameless quote that opens a sentence continues the
latest speaker of the same or the two previous paragraphs (a floating quote), or has none.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Token

from .context import (
    SENTENCE_END,
    SIGNATURE_RULE,
    ArticleView,
    Attribution,
    children_of,
    cue_extent,
    is_cue,
    is_thing,
    lemma,
    mention_span,
    speaker_head,
    speaker_of,
    subject_mention,
)
from .cues import NAMING_VERBS, SPEECH_NOUNS, cue_confidence
from .quote_marks import ALL_MARKS, DOUBLE_MARKS, QuotedSpan, looks_like_title


def governed_pass(
    art: ArticleView, attributions: list[Attribution], used: set[int]
) -> list[Attribution]:
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
        owned = _owned_claim(art, top, first, last)
        if owned is not None:
            results.append(owned)
            covered.extend(owned.spans)
            used.add(n)
            continue
        verb = top.head
        steps = 0
        while verb.pos_ not in ("VERB",) and verb.head.i != verb.i and steps < 4:
            verb = verb.head
            steps += 1
        if verb.pos_ != "VERB" or first <= verb.i <= last or verb.i > first:
            continue
        verb = reporting_verb_above(verb)
        if art.settings.naming_through_preposition:
            verb = naming_verb_through_preposition(verb)
        if any(doc[k].text in SENTENCE_END for k in range(verb.i + 1, first)):
            continue  # 'he said. "B."': the verb's sentence ended before the quote
        subj = speaker_of(verb)
        if subj is None or subj.lower_ in ("it", "this", "that", "which", "there"):
            continue
        subj = speaker_head(subj)
        if subj.pos_ not in ("PROPN", "PRON", "NOUN") or subj.i > verb.i:
            continue
        if not is_cue(verb) and is_thing(subj):
            continue  # 'Her poll numbers rose after her plea for "an end"': no one speaks
        child = top
        while child.head.i != verb.i and child.head.i != child.i:
            child = child.head
        lo = _governed_start(art, verb, child)
        hi = max(last + 1, art.subtree_bounds(child)[1], _clause_end(art, verb))
        sent_end = doc[first].sent.end
        hi = min(hi, sent_end)
        while lo < hi and (doc[lo].is_space or doc[lo].text == ","):
            lo += 1
        hi = _without_closing_punctuation(doc, lo, hi)
        if hi - lo < 1 or art.paragraph_of(doc[lo].idx) != art.paragraph_of(q.start):
            continue
        c_start, c_end = art.cover_quotes(*art.span_chars(lo, hi))
        speaker = subject_mention(art, subj, verb)
        if (
            not is_cue(verb)
            and lemma(verb) not in NAMING_VERBS
            and looks_like_title(art.text[q.inner[0] : q.inner[1]])
        ):
            continue  # 'showed the film "Night Harbour"': a title; 'Calls X "A Disgrace"' names
        confidence = cue_confidence(lemma(verb)) if is_cue(verb) else 0.45
        spans, rule = _with_relative_word(art, verb, (c_start, c_end))
        results.append(Attribution("mixed", spans, cue_extent(verb), speaker, confidence, rule))
        covered.append((c_start, c_end))
        used.add(n)
    return results


COMPLEMENT_DEPS = frozenset({"ccomp"})
"""How the part of a clause that holds the reported words hangs from its verb (``told
reporters that "..."``, ``urged them to "..."``, ``called the plan "a disgrace"``)."""
OBJECT_DEPS = frozenset({"dobj", "dative"})
"""Whom or what a verb addresses or names: before a complement, not part of the report."""


def _governed_start(art: ArticleView, verb: Token, child: Token) -> int:
    """Where a governed quote's content begins: after the verb, or, when the verb's object
    or listener stands between it and the complement that holds the quote, at that
    complement (``told reporters that "..."``: ``that "..."``; ``likened the plan to "a
    trap"``: ``to "a trap"``), as PolNeAR annotates it."""
    start = verb.i + 1
    if not art.settings.governed_complement_start or child.i < verb.i:
        return start
    objects = [c for c in children_of(verb) if c.dep_ in OBJECT_DEPS and verb.i < c.i < child.i]
    if not objects:
        return start
    if child.dep_ in COMPLEMENT_DEPS:
        return art.subtree_bounds(child)[0]
    return start


FREE_RELATIVE = "what"
RELATIVE_OBJECTS = frozenset({"which", "what"})
NAMED_RELATIVE_RULE = "governed-what"
"""``via`` of a quote named by a free relative (``what she called "a disgrace"``)."""


def _with_relative_word(
    art: ArticleView, verb: Token, content: tuple[int, int]
) -> tuple[list[tuple[int, int]], str]:
    """A naming verb whose object is a relative word before it: ``condemned what she called
    "a disgrace"`` reports the whole free relative (one span from ``what``, a pronoun
    speaking in it); ``what Ada Finch called "a disgrace"`` and ``the plan, which she called
    "a disgrace"`` report the relative word and the words (two spans), as PolNeAR annotates
    them."""
    if not art.settings.relative_naming or lemma(verb) not in NAMING_VERBS:
        return [content], "governed"
    word = next(
        (c for c in children_of(verb) if c.dep_ == "dobj" and c.i < verb.i),
        None,
    )
    if word is None:
        return [content], "governed"
    subj = speaker_of(verb)
    if word.lower_ == FREE_RELATIVE and subj is not None and subj.pos_ == "PRON":
        return [(word.idx, content[1])], NAMED_RELATIVE_RULE
    if word.lower_ in RELATIVE_OBJECTS:
        return [(word.idx, word.idx + len(word.text)), content], "governed"
    return [content], "governed"


CLAUSE_LINKS = frozenset({"ccomp", "acomp"})
"""How a clause hangs inside the clause a verb reports (``said he is certain X will``)."""
MAX_CLAUSE_CLIMB = 4


def reporting_verb_above(verb: Token) -> Token:
    """The reporting verb before ``verb`` whose clause holds it (``Finch said she is sure
    Holt will keep "..."``: said, not continue); ``verb`` itself when none does."""
    found = verb
    node = verb
    for _ in range(MAX_CLAUSE_CLIMB):
        if node.dep_ not in CLAUSE_LINKS or node.head.i == node.i:
            break
        node = node.head
        if node.i < verb.i and is_cue(node) and speaker_of(node) is not None:
            found = node
    return found


NAMING_PREPOSITIONS = frozenset({"of", "for", "with"})
"""Prepositions after a naming verb's object that open what it charges or credits
(``accused him of``, ``praised her for``, ``credited them with``)."""


def naming_verb_through_preposition(verb: Token) -> Token:
    """``accused him of having a "penchant for sexism"``: a gerund after a naming verb's
    object and a preposition is what the naming verb charges; the naming verb reports it.
    ``verb`` itself otherwise."""
    prep = verb.head
    if verb.dep_ != "pcomp" or prep.dep_ != "prep" or prep.lower_ not in NAMING_PREPOSITIONS:
        return verb
    naming = prep.head
    if (
        naming.pos_ != "VERB"
        or lemma(naming) not in NAMING_VERBS
        or not any(c.dep_ == "dobj" and c.i < prep.i for c in naming.children)
    ):
        return verb
    return naming


CLAUSE_PART_DEPS = frozenset(
    {"dobj", "oprd", "prep", "xcomp", "ccomp", "dative", "npadvmod", "attr", "acomp"}
)
"""Dependents after a verb that belong to the clause it reports (``cited X as examples of
Y``, ``called X "a disgrace" during a stop``); a coordinated verb or a clause after a
comma does not."""


def _clause_end(art: ArticleView, verb: Token) -> int:
    """The token after the last dependent of ``verb`` that is part of its clause."""
    if not art.settings.whole_governed_clause:
        return verb.i + 1
    ends = [
        art.subtree_bounds(c)[1]
        for c in children_of(verb)
        if c.i > verb.i and c.dep_ in CLAUSE_PART_DEPS and art.doc[c.i - 1].text != ","
    ]
    return max(ends, default=verb.i + 1)


OWNED_CLAIM_CONFIDENCE = 0.6
MAX_CLAIM_HOPS = 4
"""How far up from a quoted fragment its owning speech noun is looked for."""


CLAIM_LINKS = frozenset({"acl", "ccomp"})
"""How the clause holding a fragment hangs from the speech noun that owns it (``claim that
...``); a preposition (``remarks about "..."``) names a topic, not the words."""
CLAUSE_VERB_DEPS = frozenset({"acl", "relcl", "ccomp"})


def _owned_claim(art: ArticleView, top: Token, first: int, last: int) -> Attribution | None:
    """``the Ledger checked Edda Brun's claim that the ferry loses "a fortune every winter"``:
    a fragment inside the complement of a speech noun with an owner is the owner's words,
    whoever the sentence's subject is. Not when a speaker comes between (``X's claim that
    Y called it "..."``: Y's words; ``X's claim about Y's remark "..."``)."""
    doc = art.doc
    noun = _owning_noun(top, first)
    if noun is None:
        return None
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is None or owner.pos_ not in ("PROPN", "PRON") or art.quote_of_token[owner.i] >= 0:
        return None
    lo, hi = art.subtree_bounds(noun)
    lo = noun.i + 1
    while lo < hi and (doc[lo].is_space or doc[lo].text in (",", ":")):
        lo += 1
    # the noun's own phrase, not the sentence after it (with the marks closing its quote)
    while hi <= last and (doc[hi].is_punct or doc[hi].is_space):
        hi += 1
    hi = min(hi, doc[first].sent.end)
    hi = _without_closing_punctuation(doc, lo, hi)
    if hi <= last or hi - lo < 1:
        return None
    if art.paragraph_of(doc[lo].idx) != art.paragraph_of(doc[first].idx):
        return None
    o_lo, o_hi = art.subtree_bounds(owner)
    speaker = mention_span(art, owner, o_lo, o_hi)
    content = art.cover_quotes(*art.span_chars(lo, hi))
    return Attribution(
        "mixed", [content], (noun.i, noun.i + 1), speaker, OWNED_CLAIM_CONFIDENCE, "owned-claim"
    )


def owned_statement_pass(art: ArticleView, attributions: list[Attribution]) -> list[Attribution]:
    """``Edda Brun's repeated claim that the ferry loses money``: the ``that`` clause of a
    speech noun with a named owner, or ``his``/``her``/``their``, is the owner's words,
    unquoted as well as quoted."""
    doc = art.doc
    covered = [(s, e) for a in attributions for s, e in a.spans]
    results: list[Attribution] = []
    for noun in doc:
        if noun.pos_ != "NOUN" or lemma(noun) not in SPEECH_NOUNS or art.in_region(noun.idx):
            continue
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        clause = next(
            (c for c in noun.children if c.dep_ in CLAIM_LINKS and _opens_with_that(noun, c)),
            None,
        )
        if owner is None or clause is None or not _owns_statement(art, owner):
            continue
        lo, hi = noun.i + 1, art.subtree_bounds(clause)[1]
        hi = _without_closing_punctuation(doc, lo, hi)
        start, end = art.cover_quotes(*art.span_chars(lo, hi))
        if any(s < end and start < e for s, e in covered) or any(
            s <= noun.idx < e for s, e in covered
        ):
            continue
        o_lo, o_hi = art.subtree_bounds(owner)
        speaker = mention_span(art, owner, o_lo, o_hi)
        results.append(
            Attribution(
                "indirect",
                [(start, end)],
                (noun.i, noun.i + 1),
                speaker,
                OWNED_CLAIM_CONFIDENCE,
                "owned-claim",
            )
        )
        covered.append((start, end))
    return results


CLOSING_PUNCTUATION = frozenset({".", ",", ";", ":"})


def _without_closing_punctuation(doc: Doc, lo: int, hi: int) -> int:
    """The end of tokens ``lo:hi`` without the spaces and stops that close the clause."""
    while hi > lo and (doc[hi - 1].is_space or doc[hi - 1].text in CLOSING_PUNCTUATION):
        hi -= 1
    return hi


def _opens_with_that(noun: Token, clause: Token) -> bool:
    """``claim that ...``: the clause starts right after the noun with ``that``."""
    after = noun.doc[noun.i + 1] if noun.i + 1 < len(noun.doc) else None
    return after is not None and after.lower_ == "that" and after.head.i == clause.i


OWNER_PRONOUNS = frozenset({"his", "her", "their"})
"""Possessive pronouns whose speech noun's ``that`` clause is their owner's words (``his
warning that ...``): the model leaves them, and on PolNeAR train all 9 found are the gold's."""


def _owns_statement(art: ArticleView, owner: Token) -> bool:
    """A named owner (:func:`_names_owner`) or a personal possessive pronoun outside quotes,
    which speaker resolution then follows to its person."""
    if owner.lower_ in OWNER_PRONOUNS:
        return art.quote_of_token[owner.i] < 0
    return _names_owner(art, owner)


def _names_owner(art: ArticleView, owner: Token) -> bool:
    """A proper name (``Brun's``) outside any quotation marks; never a pronoun, whose
    claim is left to the model."""
    return owner.pos_ == "PROPN" and art.quote_of_token[owner.i] < 0


def _owning_noun(top: Token, first: int) -> Token | None:
    """The speech noun before the fragment whose ``that`` clause holds it, climbing from the
    fragment's top token; None when a speech verb with its own subject or a noun with its
    own owner stands between, or the clause hangs from the noun by a preposition."""
    node = top
    for _ in range(MAX_CLAIM_HOPS):
        head = node.head
        if head.i == node.i:
            return None
        if head.pos_ == "NOUN" and lemma(head) in SPEECH_NOUNS and head.i < first:
            return head if node.dep_ in CLAIM_LINKS else None
        if head.pos_ == "VERB" and (
            head.dep_ not in CLAUSE_VERB_DEPS
            or ((is_cue(head) or lemma(head) in NAMING_VERBS) and speaker_of(head) is not None)
        ):
            return None  # 'claim that Ellis Marr called it "..."': Marr's words
        if head.pos_ in ("NOUN", "PROPN") and any(c.dep_ == "poss" for c in head.children):
            return None  # 'claim about Marr's remark "..."': the remark's owner spoke
        node = head
    return None


def _opens_sentence(art: ArticleView, q: QuotedSpan) -> bool:
    i = q.start - 1
    while i >= 0 and art.text[i] in " \t\u00a0":
        i -= 1
    return i < 0 or art.text[i] in "\n.!?:" or art.text[i] in DOUBLE_MARKS


def _ends_a_turn(art: ArticleView, known: list[Attribution], q: QuotedSpan) -> bool:
    """A short quote (``"Good, thanks!"``) right after a quote of a known speaker in the same
    paragraph ends that speaker's turn; elsewhere it is too short to tell."""
    before = [a for a in known if a.spans[-1][1] <= q.start]
    if not before:
        return False
    last = max(before, key=lambda a: a.spans[-1][1])
    return last.type == "direct" and art.paragraph_of(last.spans[-1][1] - 1) == art.paragraph_of(
        q.start
    )


def floating_pass(
    art: ArticleView, attributions: list[Attribution], used: set[int]
) -> list[Attribution]:
    results: list[Attribution] = []
    covered = sorted((s, e) for a in attributions for s, e in a.spans)
    known = sorted((a for a in attributions if a.speaker is not None), key=lambda a: a.start)
    for n, q in enumerate(art.quoted):
        if n in used or any(s <= q.start and q.end <= e for s, e in covered):
            continue
        words = len(art.text[q.start : q.end].split())
        if not _opens_sentence(art, q):
            continue
        if words < 4 and not _ends_a_turn(art, known, q):
            continue
        if looks_like_title(art.text[q.inner[0] : q.inner[1]]):
            continue
        paragraph = art.paragraph_of(q.start)
        previous = [a for a in known if a.start < q.start]
        speaker = _introducing_subject(art, q)
        signature = _signature_after(art, attributions, q.end)
        if speaker is None and signature is not None:
            speaker = signature.speaker
        confidence = 0.7 if speaker is not None else 0.45
        if previous and speaker is None:
            last = previous[-1]
            if paragraph - art.paragraph_of(last.start) <= art.settings.floating_paragraphs:
                speaker = last.speaker
                confidence = 0.7
        results.append(
            Attribution("direct", [(q.start, q.end)], None, speaker, confidence, "floating")
        )
        if speaker is not None:
            known.append(results[-1])
            known.sort(key=lambda a: a.start)
    return results


NOT_SOMEONE_ENTITIES = frozenset(
    {"GPE", "LOC", "FAC", "DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "EVENT"}
)


def _introducing_subject(art: ArticleView, q: QuotedSpan) -> tuple[int, int] | None:
    """``On "Harbour Talk," Ana Ruiz blamed the council. "We were never asked."``: a quote
    with no frame, right after a sentence of the same paragraph whose subject is a named
    person, is that person's."""
    doc = art.doc
    before = art.token_at(q.start) - 1
    while before >= 0 and doc[before].is_space:
        before -= 1
    if before < 0 or doc[before].text not in SENTENCE_END:
        return None
    if art.paragraph_of(doc[before].idx) != art.paragraph_of(q.start):
        return None
    sentence = doc[before].sent
    root = sentence.root
    if art.quote_of_token[root.i] >= 0 or root.pos_ not in ("VERB", "AUX"):
        return None
    subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or not _names_someone(subject) or art.quote_of_token[subject.i] >= 0:
        return None
    return mention_span(art, subject, sentence.start, before)


def _quote_after_frame(art: ArticleView, prev: Attribution, a: Attribution) -> bool:
    """``The ferry may stop, Finch said. "We have no boat."``: a frameless quote opening the
    sentence right after a reported clause and its closing frame continues that report; so
    it does after a report whose cue comes first and whose content ends the sentence
    (``Finch blamed the council for the delay. "We warned them."``), and when the quote opens
    the next paragraph (``report_joins_next_paragraph``)."""
    if not art.settings.join_next_sentence or prev.cue is None:
        return False
    cue_char = art.doc[prev.cue[0]].idx
    end = prev.spans[-1][1]
    if not (end <= cue_char < a.start or cue_char < prev.start):
        return False
    between = art.text[end : a.start]
    last_word = art.text[a.start : a.spans[-1][1]].rstrip(ALL_MARKS + " ")[-1:]
    if (
        art.paragraph_of(a.start) - art.paragraph_of(end - 1) > 1
        or ("\n" in between and not art.settings.report_joins_next_paragraph)
        or last_word not in SENTENCE_END
    ):
        return False  # '... they say that,".': a quote shaped for a frame it lacks
    # full stops as the tokenizer splits them: the one in 'Mr. Holm said.' ends no sentence
    doc = art.doc
    stops = [
        k
        for k in range(art.token_at(end), art.token_at(a.start))
        if doc[k].text in SENTENCE_END and end <= doc[k].idx
    ]
    if len(stops) != 1 or art.text[doc[stops[0]].idx + 1 : a.start].strip():
        return False
    # a report whose cue comes first must run to the end of its sentence
    return end <= cue_char or not any(c.isalpha() for c in art.text[end : doc[stops[0]].idx])


def _signature_after(
    art: ArticleView, attributions: Sequence[Attribution], end: int
) -> Attribution | None:
    """The dash signature (``"B." ― Rosa Ilves``) that follows character ``end`` in its
    paragraph with only blanks between, if any: it signs what comes before it there."""
    return next((a for a in attributions if _signs(art, a, end)), None)


def _signs(art: ArticleView, a: Attribution, end: int) -> bool:
    """Whether ``a`` is a dash signature that follows character ``end`` in its paragraph
    with only blanks between."""
    return (
        art.settings.signatures_sign_paragraphs
        and a.rule == SIGNATURE_RULE
        and a.start >= end
        and not art.text[end : a.start].strip()
        and art.paragraph_of(a.start) == art.paragraph_of(end - 1)
    )


def join_turns_of(art: ArticleView, found: list[Attribution]) -> list[Attribution]:
    """Fold a floating quote into the direct quote of the same speaker right before it, or
    into the report whose closing frame ends the sentence before it; a dash signature takes
    in the floating quote it signs (:func:`_signature_after`)."""
    joined: list[Attribution] = []
    for a in found:
        prev = joined[-1] if joined else None
        if (
            prev is not None
            and prev.rule == "floating"
            and prev.speaker is not None
            and prev.speaker == a.speaker
            and _signs(art, a, prev.spans[-1][1])
        ):
            a.spans[:0] = prev.spans
            joined[-1] = a
            continue
        if (
            prev is not None
            and a.rule == "floating"
            and a.speaker is not None
            and not (prev.type == "direct" and prev.speaker == a.speaker)
        ):
            prev = _direct_turn_before(art, joined, a) or prev
        if (
            prev is not None
            and a.rule == "floating"
            and a.speaker is not None
            and a.speaker == prev.speaker
            and (
                (
                    prev.type == "direct"
                    and art.paragraph_of(a.start) - art.paragraph_of(prev.spans[-1][1] - 1) <= 1
                    and not _narration_between(art, prev, a)
                )
                or _quote_after_frame(art, prev, a)
            )
        ):
            prev.spans.extend(a.spans)
            continue
        joined.append(a)
    return joined


def _narration_between(art: ArticleView, prev: Attribution, a: Attribution) -> bool:
    """``"A," Finch said. He turned to the crowd. "B?"``: a sentence of narration other
    than the quote's own frame between two quotes ends the turn; B is a new one."""
    if not art.settings.turn_ends_at_narration:
        return False
    doc = art.doc
    end = prev.spans[-1][1]
    frame = {*range(*prev.cue)} if prev.cue is not None else set()
    sentences = 0  # sentences between the quotes that hold words
    open_sentence = in_frame = False
    for k in range(art.token_at(end), art.token_at(a.start)):
        token = doc[k]
        if token.idx < end or art.quote_of_token[token.i] >= 0:
            continue
        if token.text in SENTENCE_END:
            open_sentence = False
        elif token.is_alpha:
            in_frame = in_frame or token.i in frame
            sentences += not open_sentence
            open_sentence = True
    if art.paragraph_of(a.start) == art.paragraph_of(end - 1):
        return False
    return sentences > (1 if in_frame else 0)


def _direct_turn_before(
    art: ArticleView, joined: list[Attribution], a: Attribution
) -> Attribution | None:
    """The speaker's direct quote before floating quote ``a`` when only reports inside that
    quote's own paragraph come between (``"A," Finch told the crowd, saying the pier would
    "fall." / "B."``: the participle's report is part of the frame, B continues A)."""
    last = joined[-1]
    paragraph = art.paragraph_of(last.start)
    for n in range(len(joined) - 2, -1, -1):
        back = joined[n]
        end_paragraph = art.paragraph_of(back.spans[-1][1] - 1)
        if (
            back.type == "direct"
            and back.speaker == a.speaker
            and all(art.paragraph_of(b.start) == end_paragraph for b in joined[n + 1 :])
        ):
            return back
        if art.paragraph_of(back.start) != paragraph:
            return None
    return None


def _names_someone(subject: Token) -> bool:
    """A person's name (the tagger may call it anything but a place or a date) or he/she."""
    if subject.lower_ in ("he", "she"):
        return True
    return subject.pos_ == "PROPN" and subject.ent_type_ not in NOT_SOMEONE_ENTITIES
