"""Pass 1: direct quotes with a frame.

A quoted span followed (``"...," said X``) or preceded (``X said: "..."``) by its
attribution; a quote split by its attribution joined into one; a quote followed by a bare
name or a signature (``"...," Ilse Varga, an economist``); transcript turns (``QUILL: ...``).
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from .context import (
    SENTENCE_END,
    SIGNATURE_RULE,
    SUBJECT_DEPS,
    ArticleView,
    Attribution,
    children_of,
    cue_extent,
    is_cue,
    is_speech_cue,
    lemma,
    mention_span,
    speaker_head,
    speaker_of,
    subject_before_outside_quotes,
)
from .cues import ADDRESSEE_VERBS, NAMING_VERBS, WRITING_NOUNS
from .quote_marks import ALL_MARKS, QuotedSpan, looks_like_title

NOT_SPEAKERS = frozenset(
    {
        "VIDEO",
        "AUDIO",
        "WATCH",
        "UPDATE",
        "UPDATED",
        "PREVIOUSLY",
        "CLARIFICATION",
        "CORRECTION",
        "NOTE",
        "EDITOR'S NOTE",
        "BREAKING",
        "RELATED",
        "READ MORE",
        "PHOTO",
        "PHOTOS",
        "SOURCE",
        "SOURCES",
        "TRANSCRIPT",
        "WARNING",
        "SPOILER",
        "DISCLOSURE",
    }
)
"""Labels that look like a transcript's speaker (``UPDATE: ...``) but name no one."""
_TRANSCRIPT_RE = re.compile(r"[\"“]?\s*([A-Z][A-Za-z.'-]+(?: [A-Z][A-Za-z.'-]+){0,3}):\s+\S")


def _post_window(art: ArticleView, after: int, paragraph: int) -> tuple[int, int]:
    """Tokens after a quote up to the end of its frame: a sentence end or the next quote (a
    nickname inside a name, ``Jorun "Rune" Vik``, is no quote)."""
    doc = art.doc
    i = after
    end = min(len(doc), after + art.settings.frame_window)
    while i < end:
        t = doc[i]
        if "\n" in t.text or art.paragraph_of(t.idx) != paragraph:
            break
        if art.quote_of_token[i] >= 0:
            skip_to = _nickname_end(art, i)
            if skip_to is None and i > after:
                skip_to = _title_end(art, i)
            if skip_to is None:
                break
            if art.text[doc[skip_to - 1].idx - 1] in SENTENCE_END:
                return after, skip_to  # 'he said on ABC's "This Week."'
            i = skip_to
            continue
        if t.text in SENTENCE_END and i > after and not _abbreviation_stop(art, i):
            return after, i + 1
        i += 1
    return after, i


ABBREVIATION = re.compile(r"[A-Z][A-Za-z]{0,3}")
"""A title or place cut short (``Lt``, ``Gen``, ``Mass``): the tokenizer may split off its
full stop."""


def _abbreviation_stop(art: ArticleView, i: int) -> bool:
    """``said retired Lt. Gen. Ilse Vik, who ...``: a full stop glued to a short capitalised
    word and followed by a capitalised word or a comma ends no sentence, so it does not end
    the frame."""
    if not art.settings.abbreviations_in_frames or i < 1 or i + 1 >= len(art.doc):
        return False
    doc = art.doc
    before, after = doc[i - 1], doc[i + 1]
    return (
        doc[i].text == "."
        and not before.whitespace_
        and ABBREVIATION.fullmatch(before.text) is not None
        and (after.text == "," or after.text[:1].isupper())
    )


NICKNAME_MAX_WORDS = 2


def _title_end(art: ArticleView, i: int) -> int | None:
    """The token after a quoted title starting at token ``i`` inside a frame (``he said on
    ABC's "This Week."``, ``Segal, the author of "Hacked World Order,"``), or None when the
    quote is not one (a frame reaching a title goes on past it)."""
    if not art.settings.titles_in_frames:
        return None
    q = art.quoted[art.quote_of_token[i]]
    if art.token_at(q.start) != i or not looks_like_title(art.text[q.inner[0] : q.inner[1]]):
        return None
    if art.doc[i - 1].is_punct:
        return None  # 'she added the words, "Ana Ruiz."': what the frame reports
    return art.token_at(q.end - 1) + 1


def _nickname_end(art: ArticleView, i: int) -> int | None:
    """The token after a quoted nickname starting at token ``i`` (``"Rune"`` between two
    capitalised name words), or None when the quote is not one."""
    q = art.quoted[art.quote_of_token[i]]
    inner = art.text[q.inner[0] : q.inner[1]].split()
    before = art.text[: q.start].rstrip().split()[-1:] or [""]
    after = art.text[q.end :].lstrip()[:1]
    if not (0 < len(inner) <= NICKNAME_MAX_WORDS) or not all(w[:1].isupper() for w in inner):
        return None
    if not (before[0][:1].isupper() and after.isupper()):
        return None
    return art.token_at(q.end - 1) + 1


def first_word(art: ArticleView, lo: int, hi: int) -> int | None:
    for i in range(lo, hi):
        t = art.doc[i]
        if not (t.is_punct or t.is_space or t.text in ALL_MARKS):
            return i
    return None


def name_at(art: ArticleView, i: int) -> Token | None:
    """A proper name starting at token ``i`` (entity or proper noun), returning its head."""
    t = art.doc[i]
    if t.ent_type_ in ("PERSON", "ORG", "NORP") or t.pos_ == "PROPN":
        # walk right over the name to find its syntactic head
        j = i
        while (
            j + 1 < len(art.doc)
            and not art.doc[j + 1].is_space  # the tagger may run an entity over a line break
            and (art.doc[j + 1].pos_ == "PROPN" or art.doc[j + 1].ent_iob_ == "I")
        ):
            j += 1
        return art.doc[j]
    return None


_SPEECH_END = set(",?!.…—–-:;")


def _ends_like_speech(art: ArticleView, q: QuotedSpan) -> bool:
    """``"...,"`` or ``"...?"`` or ``"...",``: a quote shaped to be followed by its frame
    (a nested quote closing with it, ``"... 'a con,'"``, counts as the quote's own end)."""
    last = art.text[q.inner[0] : q.inner[1]].rstrip().rstrip(ALL_MARKS).rstrip()[-1:]
    after = art.text[q.end : q.end + 1]
    return last in _SPEECH_END or after == ","


def _named_title(art: ArticleView, q: QuotedSpan) -> bool:
    """A title in the middle of a sentence, after a word or a comma (``the anthem "A Change
    Is Gonna Come,"``, ``In her guide, "Running a Harbour," Ms. Finch recommended``): a name,
    not speech that the frame after it reports. ``"Crooked Harbour," Dahl said`` opens its
    sentence and is speech."""
    if not art.settings.titles_in_frames:
        return False
    before = _word_before(art, q)
    return (
        before is not None
        and before.text not in SENTENCE_END
        and art.paragraph_of(before.idx) == art.paragraph_of(q.start)
        and looks_like_title(art.text[q.inner[0] : q.inner[1]])
    )


def _ends_sentence(art: ArticleView, q: QuotedSpan) -> bool:
    inner_end = q.inner[1] - 1
    return inner_end > q.start and art.text[inner_end] == "."


def _own_clause(art: ArticleView, verb: Token) -> bool:
    """The verb governs a clause after it outside quotes (``, claiming that ...``); a clause
    inside the next quote (``," Finch said, "and I ...``) is the rest of the turn, and one
    after a comma (``she said of the vote, in which ... would win``) is not the verb's own."""
    doc = art.doc
    for c in children_of(verb):
        if c.dep_ != "ccomp" or c.i <= verb.i or art.quote_of_token[c.i] >= 0:
            continue
        first = art.subtree_bounds(c)[0]
        if first == verb.i + 1 and _swallowed_speaker(art, verb, c):
            continue
        if not any(doc[k].text == "," for k in range(verb.i + 1, first)):
            return True
    return False


def _swallowed_speaker(art: ArticleView, verb: Token, clause: Token) -> bool:
    """``," said Ada Finch, half joking``: a verb that opens the frame right after the quote
    has its speaker after it; a "clause" that starts with that name, set off by a comma
    from the rest, is the parser's reading of the speaker and an aside, not a report."""
    if not art.settings.inverted_frame_speaker:
        return False
    doc = art.doc
    before = verb.i - 1
    while before >= 0 and doc[before].is_space:
        before -= 1
    if before < 0 or art.quote_of_token[before] < 0 or speaker_of(verb) is not None:
        return False
    name = doc[verb.i + 1]
    if name.pos_ != "PROPN" and name.tag_ != "NNP":
        return False
    lo, hi = art.subtree_bounds(clause)
    return any(doc[k].text == "," for k in range(verb.i + 2, hi))


SIGNATURE_CONFIDENCE = 0.9
"""Prior of a quote signed after a dash (``"..." ― Jaan Tamm``): the name is given as plainly
as by ``said Jaan Tamm`` (0.95 with a speaker), with no verb to confirm it is speech."""
NAME_AFTER_QUOTE_CONFIDENCE = 0.8
"""Prior of a quote followed by a name and no speech verb (``"...," Tamm, 52, ...``)."""
SIGNATURE_DASHES = "―—–-"
"""Dashes that put a name after a quote as its signature (``"..." ― Jaan Tamm``)."""
PARTICIPLE_TAGS = frozenset({"VBG", "VBN"})
"""Verb forms that open no clause of their own after a signature's name."""


def _signed(
    art: ArticleView, q: QuotedSpan, head: Token, lo: int, hi: int, dash: int | None
) -> Attribution:
    """A quote credited to the name after it: after a dash a signature whose cue is the
    dash, as PolNeAR marks it (``"..." ― Jaan Tamm``, rule ``signature``), else a bare name
    with no cue (``direct-name``)."""
    return Attribution(
        "direct",
        [(q.start, q.end)],
        None if dash is None else (dash, dash + 1),
        mention_span(art, head, lo, hi),
        NAME_AFTER_QUOTE_CONFIDENCE if dash is None else SIGNATURE_CONFIDENCE,
        "direct-name" if dash is None else SIGNATURE_RULE,
    )


NOT_SIGNERS = frozenset({"NORP", "GPE", "LOC", "DATE", "TIME", "CARDINAL", "ORDINAL"})
"""Entity types of a word after a dash that names no one (``— Norwegian proverb``,
``— March 3``)."""


def _signer(art: ArticleView, q: QuotedSpan, first: int, hi: int) -> Token | None:
    """The name that signs quote ``q`` after a dash, its first word at ``first``: a quote
    standing on its own (not ``The crowd chanted "No tolls!" — police said ...``), a name
    that is no one's owner (``— Jaan Tamm's lawyer``), no subject of a verb of its own and
    no speech verb after it (``— Jaan Tamm said.``: an ordinary frame), a person before an
    organisation (``— Velmora Dockworkers Union spokeswoman Rita Okoye``)."""
    doc = art.doc
    head = name_at(art, first)
    if (
        head is None
        or not _stands_alone(art, q)
        or any(is_speech_cue(doc[k]) for k in range(first, hi))
    ):
        return None
    if head.ent_type_ != "PERSON":
        person = next((k for k in range(head.i + 1, hi) if doc[k].ent_type_ == "PERSON"), None)
        if person is not None and not any(doc[k].text == "," for k in range(head.i, person)):
            head = name_at(art, person) or head
    if head.ent_type_ in NOT_SIGNERS or _possessive(head) or _subject_of_own_verb(art, head, hi):
        return None
    return head


SIGNED_QUOTE_FOLLOWS = ".!?:>" + ALL_MARKS
"""What may end the text before a quote that a dash signs: a sentence, a colon, another
quote or markup a scraper left (``<tweet>“...” ― Jaan Tamm``)."""


def _stands_alone(art: ArticleView, q: QuotedSpan) -> bool:
    """Whether quote ``q`` opens its paragraph or follows :data:`SIGNED_QUOTE_FOLLOWS`: not
    ``The crowd chanted "No tolls!" — Jaan Tamm, the organiser``."""
    before = art.text[art.paragraph_starts[art.paragraph_of(q.start)] : q.start].strip()
    return not before or before[-1] in SIGNED_QUOTE_FOLLOWS


def _signature_dash(art: ArticleView, q: QuotedSpan, first: int) -> int | None:
    """The token of the dash between quote ``q`` and the word ``first`` after it, if any (a
    dash glued to the closing mark is part of the mark's token: that token)."""
    start = art.token_at(q.end - 1)
    return next(
        (
            k
            for k in range(start, first)
            if any(c in SIGNATURE_DASHES for c in art.doc[k].text)
            and art.doc[k].idx + len(art.doc[k].text) > q.end - 1
        ),
        None,
    )


def _frame_after(art: ArticleView, q: QuotedSpan) -> tuple[Attribution | None, int]:
    """An attribution in the frame that follows quote ``q``; also where the frame ends."""
    doc = art.doc
    after = art.token_at(q.end - 1) + 1
    paragraph = art.paragraph_of(q.end - 1)
    lo, hi = _post_window(art, after, paragraph)
    first = first_word(art, lo, hi)
    if first is None or not _ends_like_speech(art, q) or _after_preposition(art, q):
        return None, hi
    if doc[first].lower_ in CLAUSE_SUBORDINATORS:
        return None, hi  # '"That is good business," when Ruiz accused him': a clause of its own
    if _named_title(art, q) and not _inverted_frame(doc[first]):
        return None, hi  # unless the frame opens with its verb: '("Mayor Quits," declared X)'
    if any(doc[k].text in "([" for k in range(lo, first)):
        return None, hi  # "..." [Harbour Gazette.] -- a source note, not a speaker
    # the text between, not tokens: '..."― Rosa Ilves' has the dash glued to the mark
    dashed = any(c in SIGNATURE_DASHES for c in art.text[q.end : doc[first].idx])
    if dashed:
        # '"..." ― Jaan Tamm': a signature after a dash
        head = _signer(art, q, first, hi)
        if head is not None:
            return _signed(art, q, head, lo, hi, _signature_dash(art, q, first)), hi
    if _ends_sentence(art, q) and doc[first].text[:1].isupper():
        # '..." Sen. Finch called it ...': after a full stop a capital opens a new sentence,
        # unless a speech verb follows at once ('..." Smith said.').
        # A name with an appositive counts too ('..." Marta Sole, a fisher, said on Monday.'):
        # the quote has its own source, not the previous speaker's turn.
        nxt = next((k for k in range(first + 1, min(hi, first + 4)) if is_speech_cue(doc[k])), None)
        if nxt is None:
            verb = _appositive_subject_frame(art, first, hi)
            nxt = None if verb is None else verb.i
        if nxt is None or any(c.dep_ == "ccomp" and c.i > nxt for c in doc[nxt].children):
            return None, hi
    cue: Token | None = None
    for i in range(first, hi):
        if is_speech_cue(doc[i]):
            if _own_clause(art, doc[i]):
                break  # '..., claiming that ...': the verb brings its own content
            cue = doc[i]
            break
        if doc[i].text == "," and i > first + 12:
            break
    if cue is None:
        # '," Kessel's cousin, state Sen. Jorun Vik (D-Velmora), shouted': a long subject;
        # the verb its first word hangs from is the cue.
        cue = _verb_of_subject(art, first, hi)
    if cue is None:
        # '," he points out' / '," Marr answers' / '," the letter reads': any verb right
        # after a name, a pronoun or a document, or right before a name, is the cue.
        for i in range(first, min(hi, first + 4)):
            if (
                doc[i].pos_ == "VERB"
                and doc[i].is_alpha
                and doc[i].lemma_ not in ("be", "have", "do")
                and (
                    i == first
                    or doc[i - 1].pos_ in ("PROPN", "PRON")
                    or doc[i - 1].lemma_.lower() in WRITING_NOUNS
                )
                and not _own_clause(art, doc[i])
            ):
                subj = speaker_of(doc[i])
                if (subj is not None and lo <= subj.i < hi) or (
                    i == first and i + 1 < hi and doc[i + 1].pos_ in ("PROPN", "PRON")
                ):
                    cue = doc[i]
                break
    speaker: tuple[int, int] | None = None
    if cue is not None:
        subj = speaker_of(cue)
        if subj is None or not (lo <= subj.i < hi) or art.quote_of_token[subj.i] >= 0:
            # '"A. B. C," Ilona Varga said': the parser took a word of the quote (or of
            # a title in the frame) for the subject; the name right before the cue speaks.
            subj = _phrase_before(art, first, cue.i)
        if subj is None or not (lo <= subj.i < hi):
            # "said X": the first noun phrase after the cue
            subj = None
            for j in range(cue.i + 1, hi if lemma(cue) not in ADDRESSEE_VERBS else cue.i + 1):
                if doc[j].pos_ == "ADP" or doc[j].text in (",", ";", "("):
                    break  # 'said in a phone interview': an adjunct, not the speaker
                if doc[j].pos_ in ("PROPN", "NOUN", "PRON"):
                    head = doc[j]
                    while (
                        head.head.i != head.i
                        and lo <= head.head.i < hi
                        and (head.dep_ in ("compound", "amod", "det", "poss", "nmod", "flat"))
                    ):
                        head = head.head
                    subj = head
                    break
        if (subj is None or not (lo <= subj.i < hi)) and art.settings.name_before_aside:
            subj = _name_before_aside(art, first, cue)
        if subj is not None and lo <= subj.i < hi:
            subj = _name_after_title(art, speaker_head(subj), hi)
            speaker = mention_span(art, subj, lo, hi)
        if cue.i - first > 10 and subj is None:
            return None, hi
        return (
            Attribution(
                "direct",
                [(q.start, q.end)],
                cue_extent(cue),
                speaker,
                0.95 if speaker else 0.75,
                "direct-post",
            ),
            hi,
        )
    head = None if dashed else name_at(art, first)  # a dash refused above signs nothing
    if (
        head is not None
        and (head.ent_type_ == "PERSON" or (head.pos_ == "PROPN" and doc[first].text[:1].isupper()))
        and not _possessive(head)  # '"Tides," Peter Holm's guide': no signature
        and not _subject_of_own_verb(art, head, hi)
        and not _inside_phrase(art, q)
    ):
        return _signed(art, q, head, lo, hi, dash=None), hi
    return None, hi


def _name_after_title(art: ArticleView, subj: Token, hi: int) -> Token:
    """``said Sgt. Ilse Vik``: the parser may take the abbreviated title for the subject and
    the name after its full stop for a sentence of its own; the name speaks."""
    doc = art.doc
    i = subj.i + 1
    while i + 1 < hi and _abbreviation_stop(art, i) and _name_word(doc[i + 1]):
        j = i + 1
        while j + 1 < hi and _name_word(doc[j + 1]):
            j += 1
        if j + 1 < hi and _abbreviation_stop(art, j + 1):
            i = j + 1  # 'Sgt. Maj. Ilse Vik': another abbreviated title
            continue
        return doc[j]
    return subj


def _name_word(token: Token) -> bool:
    """A capitalised word of a name (the parser may tag a surname ``NOUN``)."""
    return token.pos_ in ("PROPN", "NOUN") and token.is_alpha and token.text[:1].isupper()


def _name_before_aside(art: ArticleView, first: int, cue: Token) -> Token | None:
    """``," Mr. Ode, now 81 and retired in Tallinn, said``: a frame that opens with a name
    set off by a comma, with the cue right after the comma that closes the aside, is the
    name's, however the parser read the aside."""
    doc = art.doc
    head = name_at(art, first)
    if head is None or head.i + 1 >= cue.i or doc[head.i + 1].text != ",":
        return None
    before = cue.i - 1
    while before > head.i and doc[before].pos_ in ("ADV", "AUX", "PART"):
        before -= 1
    if before <= head.i + 1 or doc[before].text != ",":
        return None
    if any(art.quote_of_token[k] >= 0 or is_speech_cue(doc[k]) for k in range(first, cue.i)):
        return None
    return head


def _inverted_frame(verb: Token) -> bool:
    """A speech verb followed by its subject (``declared the Courier``)."""
    subject = speaker_of(verb) if is_speech_cue(verb) else None
    return subject is not None and subject.i > verb.i


def _subject_of_own_verb(art: ArticleView, name: Token, hi: int) -> bool:
    """``on "Night Harbour," Tomas Brenner mocked his guests``: a name that opens a clause of
    its own, as the subject of a verb in the frame, signs nothing. A participle is no clause
    of its own (``"...," Ilse Brandvold, a diplomat then working for the ministry, wrote``:
    the parser may hang the name from ``working``), so the name still signs."""
    return (
        name.dep_ in SUBJECT_DEPS
        and name.head.pos_ in ("VERB", "AUX")
        and not _bare_participle(name.head)
        and name.i < name.head.i < hi
        and art.quote_of_token[name.head.i] < 0
    )


def _bare_participle(verb: Token) -> bool:
    """``working``, not ``is working``: a participle with no auxiliary of its own."""
    return verb.tag_ in PARTICIPLE_TAGS and not any(
        c.dep_ in ("aux", "auxpass") for c in verb.children
    )


def _inside_phrase(art: ArticleView, q: QuotedSpan) -> bool:
    """``a host on "Night Harbour,"``: a quote right after a preposition or a determiner is a
    title inside the sentence, not a saying to sign."""
    before = _word_before(art, q)
    return before is not None and before.pos_ in ("ADP", "DET")


def _after_preposition(art: ArticleView, q: QuotedSpan) -> bool:
    """``on "Night Harbour," Tomas Brenner mocked``: a quote that is a preposition's object is
    a name inside the sentence; the frame after it does not report it."""
    before = _word_before(art, q)
    return before is not None and before.pos_ == "ADP" and before.lower_ not in QUOTE_PREPOSITIONS


def _word_before(art: ArticleView, q: QuotedSpan) -> Token | None:
    before = art.token_at(q.start) - 1
    while before >= 0 and art.doc[before].is_space:
        before -= 1
    return art.doc[before] if before >= 0 else None


def _possessive(name: Token) -> bool:
    """``Peter Holm's``: the name (or the ``'s`` the tagger ends it with) owns a noun."""
    return name.dep_ in ("poss", "case") or any(c.dep_ == "case" for c in name.children)


FRAME_TAIL_DEPS = frozenset({"prep", "npadvmod", "advmod", "punct", "dative"})
"""What may follow the verb of a frame that closes a quote (``said on Monday``); an object
or a clause of its own (``wrote a letter``, ``was first reported``) makes it a new
sentence."""


def _appositive_subject_frame(art: ArticleView, first: int, hi: int) -> Token | None:
    """``Marta Sole, a fisher, said on Monday.`` after a quote's full stop: a speech verb whose
    subject is a name with an appositive and that takes nothing but adjuncts (a listener for
    ``told``), so the sentence only says who spoke."""
    verb = _verb_of_subject(art, first, hi)
    if verb is None or not any(art.doc[k].text == "," for k in range(first, verb.i)):
        return None
    if name_at(art, first) is None or art.doc[first].pos_ == "PRON":
        return None  # 'His assumption, confidently stated ...': no name speaks
    listener = "dobj" if lemma(verb) in ADDRESSEE_VERBS else "dative"
    for child in children_of(verb):
        if child.i > verb.i and child.dep_ not in FRAME_TAIL_DEPS and child.dep_ != listener:
            return None
        if child.dep_ in ("auxpass", "nsubjpass"):
            return None
    return verb


def _verb_of_subject(art: ArticleView, first: int, hi: int) -> Token | None:
    """The speech verb that the phrase opening the frame is the subject of, when it lies in
    the frame."""
    doc = art.doc
    token = doc[first]
    for _ in range(art.settings.subject_walk):
        if token.dep_ in SUBJECT_DEPS:
            verb = token.head
            if (
                first < verb.i < hi
                and is_speech_cue(verb)
                and art.quote_of_token[verb.i] < 0
                and not _own_clause(art, verb)  # 'Rask said the ...': its own content
            ):
                return verb
            return None
        if token.head.i == token.i or not (first <= token.head.i < hi):
            return None
        token = token.head
    return None


NAME_PART_DEPS = frozenset({"compound", "flat", "amod", "nmod", "poss", "case"})
"""Dependencies inside a name's noun phrase (``Valley TV's Marta Quill``)."""

SPEAKER_POS = frozenset({"PROPN", "PRON"})
"""What may stand right before a cue as its speaker when the parse gives none."""

DESCRIPTION_PART_DEPS = NAME_PART_DEPS | {"det"}
"""Dependencies of the words before a described speaker's noun (``Lind's former ...``)."""


def _phrase_before(art: ArticleView, first: int, cue: int) -> Token | None:
    """The name or pronoun that ends right before the cue (``Ilona Varga (D-Ore.) also
    said``), skipping adverbs, auxiliaries and a parenthesis; its phrase's head."""
    doc = art.doc
    j = cue - 1
    while j >= first and doc[j].pos_ in ("ADV", "AUX", "PART"):
        j -= 1
    if j >= first and doc[j].text == ")":
        while j >= first and doc[j].text != "(":
            j -= 1
        j -= 1
    if j < first or art.quote_of_token[j] >= 0:
        return None
    if doc[j].pos_ not in SPEAKER_POS and not _fills_frame(doc, first, j):
        return None
    head = doc[j]
    while first <= head.head.i < cue and head.dep_ in NAME_PART_DEPS:
        head = head.head
    return head


def _fills_frame(doc: Doc, first: int, last: int) -> bool:
    """A common noun right before the cue whose phrase is the whole frame up to it
    (``," Lind's former campaign strategist said``): a description of the speaker."""
    head = doc[last]
    return head.pos_ == "NOUN" and all(
        head.is_ancestor(doc[k]) and doc[k].dep_ in DESCRIPTION_PART_DEPS
        for k in range(first, last)
        if not doc[k].is_punct
    )


SOURCE_PREPOSITIONS = frozenset({"from", "by"})
"""``a lesson from X``, ``remarks by X``: the object of these is who spoke."""

OBJECT_DEPS = frozenset({"pobj", "dobj", "dative", "iobj"})
QUOTE_PREPOSITIONS = frozenset({"that", "like", "as"})
CLAUSE_SUBORDINATORS = frozenset(
    {"when", "after", "before", "while", "because", "since", "if", "until", "although", "unless"}
)
"""Words that open a clause of its own after a quote: no frame of the quote starts so."""
"""Words tagged prepositions that may introduce a quotation (``said that "..."``)."""
"""A phrase in these roles is what a verb or preposition governs, never who speaks."""


def _name_before(art: ArticleView, colon: int, lo: int) -> Token | None:
    """The proper name that ends right before token ``colon`` (``- Ida Brandt:``)."""
    doc = art.doc
    j = colon - 1
    if j < lo or doc[j].pos_ != "PROPN" and doc[j].ent_type_ not in ("PERSON", "ORG"):
        return None
    return doc[j]


def _earlier_in_sentence(art: ArticleView, subj: Token, cue: Token) -> bool:
    """``Marlow, who ran the ferry line, praised ... and said ...:``: a subject
    further back than the frame window, in the cue's own sentence and outside quotes."""
    return (
        subj.i < cue.i
        and subj.sent.start == cue.sent.start
        and art.quote_of_token[subj.i] < 0
        and art.paragraph_of(subj.idx) == art.paragraph_of(cue.idx)
    )


def _cue_speaker(art: ArticleView, cue: Token) -> Token | None:
    """The cue's speaker; when the parser hung a participle cue outside any quote from a verb
    inside one (``Bo Lind said, suggesting questions, including, "would you ride ..."``), the
    subject of the nearest verb before it in its sentence, outside quotes."""
    subj = speaker_of(cue)
    if cue.tag_ != "VBG" or art.quote_of_token[cue.i] >= 0 or art.quote_of_token[cue.head.i] < 0:
        return subj
    if subj is not None and art.quote_of_token[subj.i] < 0:
        return subj
    return subject_before_outside_quotes(art, cue)


def is_governed_name(token: Token) -> bool:
    """The name's phrase is an object (``in an interview with Valley Radio:``): a venue or a
    listener, never who speaks."""
    phrase = token
    while phrase.dep_ in NAME_PART_DEPS and phrase.head.i != phrase.i:
        phrase = phrase.head
    if phrase.dep_ == "pobj" and phrase.head.lower_ in SOURCE_PREPOSITIONS:
        return False  # 'A lesson from Ada Finch:' names the source
    return phrase.dep_ in OBJECT_DEPS


def _frame_before(art: ArticleView, q: QuotedSpan) -> Attribution | None:
    """``X said: "..."`` or ``X said, "..."``: a cue right before the quote.

    The frame may close the previous paragraph (``... responded:`` then the quote).
    """
    doc = art.doc
    q_first = art.token_at(q.start)
    i = q_first - 1
    while i >= 0 and doc[i].is_space:
        i -= 1
    if (
        i >= 0
        and is_speech_cue(doc[i])
        and art.paragraph_of(doc[i].idx) == art.paragraph_of(q.start)
    ):
        # 'a man yelled "Stay there!"', 'saying "Too many."'
        subj = _cue_speaker(art, doc[i])
        speaker = mention_span(art, speaker_head(subj), 0, i) if subj is not None else None
        end = _clause_after(art, q)
        return Attribution(
            "direct" if end is None else "mixed",
            [(q.start, q.end if end is None else end)],
            cue_extent(doc[i]),
            speaker,
            0.85 if speaker else 0.6,
            "direct-pre",
        )
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
        if is_speech_cue(doc[j]):
            cue = doc[j]
            break
    if doc[i].text == ":":
        head = _name_before(art, i, lo)
        # "Pollsters agree - Ida Brandt:" names the speaker; "telling the Harbour Gazette:"
        # names the listener.
        if head is not None and cue is None and is_governed_name(head):
            return Attribution("direct", [(q.start, q.end)], (i, i + 1), None, 0.6, "direct-colon")
        if head is not None and (
            cue is None
            or (
                cue.i < head.i
                and name_at(art, cue.i + 1) is not None
                and name_at(art, cue.i + 1).i == head.i
            )  # "Said Ellis:"
            or (
                cue.i < head.i
                and lemma(cue) not in ADDRESSEE_VERBS
                and any(doc[k].is_punct for k in range(cue.i + 1, head.i))
            )
        ):
            return Attribution(
                "direct",
                [(q.start, q.end)],
                (i, i + 1),
                mention_span(art, head, max(lo, head.i - 4), i),
                0.8,
                "direct-colon",
            )
    if cue is not None:
        subj = _cue_speaker(art, cue)
        speaker = None
        if subj is not None and (lo <= subj.i < i or _earlier_in_sentence(art, subj, cue)):
            speaker = mention_span(art, speaker_head(subj), min(lo, subj.i), cue.i)
        start = _reported_words_before(art, cue, q_first)
        end = _clause_after(art, q)
        return Attribution(
            "direct" if start is None and end is None else "mixed",
            [(q.start if start is None else start, q.end if end is None else end)],
            cue_extent(cue),
            speaker,
            0.9 if speaker else 0.7,
            "direct-pre",
        )
    return None


FRAGMENT_ENDS = frozenset(".?!,;:…")
"""How a quote that is a whole utterance ends; a fragment ends without these."""


def _clause_after(art: ArticleView, q: QuotedSpan) -> int | None:
    """``says "the tide is turning our way" despite the loss``: where the clause a quoted
    fragment begins goes on to end, after a cue before it; None when the quote ends its
    utterance or its sentence."""
    if not art.settings.clause_after_fragment:
        return None
    inner = art.text[q.inner[0] : q.inner[1]].rstrip().rstrip(ALL_MARKS).rstrip()
    if not inner or inner[-1] in FRAGMENT_ENDS:
        return None
    doc = art.doc
    after = art.token_at(q.end - 1) + 1
    if after >= len(doc) or not doc[after].is_alpha or art.quote_of_token[after] >= 0:
        return None
    if art.paragraph_of(doc[after].idx) != art.paragraph_of(q.start):
        return None
    end = doc[art.token_at(q.start)].sent.end
    end = min(end, art.paragraph_end_token(q.start))
    k = after
    while k < end and doc[k].text not in CLAUSE_BREAKS:
        k += 1
    while k > after and (doc[k - 1].is_space or doc[k - 1].is_punct):
        k -= 1
    if k <= after:
        return None
    last = doc[k - 1]
    return last.idx + len(last.text)


CLAUSE_BREAKS = frozenset({".", "!", "?", ";", ":", "—", "--"})
"""Where the clause after a quoted fragment stops at the latest."""


CLAUSE_OPENERS = frozenset({"that", "whether", "if", "how", "why", "what"})
"""Words that open a reported clause."""

FRAME_ADJUNCT_DEPS = frozenset({"prep", "npadvmod", "advmod", "nsubj", "agent", "dative"})
"""Dependents of a cue between it and what it reports (``said in an interview Friday``,
``said Ada Finch``, ``told reporters``): part of the frame, not of the content."""


def _reported_words_before(art: ArticleView, cue: Token, quote_first: int) -> int | None:
    """Where the words the cue reports begin when they begin before its quote (``said that,
    "..."``, ``says things such as, "..."``): after the cue and its adjuncts. None when only
    the frame and punctuation stand between the cue and the quote."""
    doc = art.doc
    children = {c.i: c for c in children_of(cue)}
    listener = "dobj" if lemma(cue) in ADDRESSEE_VERBS else "dative"
    k = cue_extent(cue)[1]
    while k < quote_first:
        child = children.get(k)
        if child is not None and (child.dep_ in FRAME_ADJUNCT_DEPS or child.dep_ == listener):
            k = art.subtree_bounds(child)[1]
        elif doc[k].is_punct or doc[k].is_space:
            k += 1
        else:
            opens = _opens_clause(art, k, quote_first) or (
                listener != "dobj" and _names_the_words(art, cue, k, quote_first)
            )
            return doc[k].idx if opens else None
    return None


OBJECT_HANDOVER = frozenset({":", ","})
"""What ends an object that names the quote right after it."""


def _names_the_words(art: ArticleView, cue: Token, first: int, quote_first: int) -> bool:
    """``revealed a few telling facts: "..."``, ``said the words, "..."``: a noun object of
    the cue right before its quote names what the quote says and is part of the content."""
    if not art.settings.object_names_quote:
        return False
    token = art.doc[first]
    while token.head.i != cue.i and token.head.i != token.i:
        token = token.head
    if token.head.i != cue.i or token.dep_ != "dobj" or token.pos_ != "NOUN":
        return False
    before = quote_first - 1
    while before > first and art.doc[before].is_space:
        before -= 1
    determined = token.tag_ == "NNS" or any(c.dep_ in ("det", "poss") for c in token.children)
    return determined and art.doc[before].text in OBJECT_HANDOVER


def _opens_clause(art: ArticleView, first: int, quote_first: int) -> bool:
    """Tokens ``[first, quote_first)`` open a reported clause (``that ...``, ``she has the
    quality: ...``), not a noun phrase (``put it this way:``, ``told a rally,``)."""
    doc = art.doc
    if doc[first].lower_ in CLAUSE_OPENERS:
        return True
    return art.settings.clause_before_quote and any(
        doc[k].pos_ in ("VERB", "AUX") for k in range(first, quote_first)
    )


_HEADLINE_RE = re.compile(r"([A-Z][^:\n]*?):[ \t]+(\S[^\n]*)")
HEADLINE_ARTICLES = frozenset({"The", "A", "An"})
"""A headline prefix opening with these is a label (``The Latest:``), not a source."""
HEADLINE_CONFIDENCE = 0.7
HEADLINE_MIN_WORDS = 3
HEADLINE_END = " \t.;"
"""What a headline's claim ends with that is not part of it."""


def headline_claim(art: ArticleView) -> list[Attribution]:
    """``Harbour Trust: Pier Will Close by Winter``: a headline's name and colon credit the
    claim after them to the name (as PolNeAR annotates headlines); labels (``The Latest:``,
    ``UPDATE:``) and long prefixes are no one's."""
    settings = art.settings
    if not settings.headline_claims or not art.text or art.in_region(0):
        return []
    line_end = art.text.find("\n")
    line_end = len(art.text) if line_end < 0 else line_end
    match = _HEADLINE_RE.match(art.text, 0, line_end)
    if match is None:
        return []
    name = match.group(1).strip()
    words = name.split()
    if (
        len(words) > settings.headline_source_words
        or words[0] in HEADLINE_ARTICLES
        or name.isupper()
        or name.upper() in NOT_SPEAKERS
    ):
        return []
    if "," in name or not _named_in_body(art, words[-1], line_end):
        return []  # 'Ah, friends once more:', 'Stealth Over Health:': no one named
    start = match.start(2)
    end = start + len(match.group(2).rstrip(HEADLINE_END))
    claim = art.text[start:end]
    if len(claim.split()) < HEADLINE_MIN_WORDS:
        return []
    colon = art.token_at(match.end(1))
    if any(is_cue(t) for t in art.doc[colon + 1 : art.token_at(end - 1) + 1]):
        return []  # 'Finch endorses Brenner, who says ...': the claim has cues of its own
    marks = [c for c in claim if c in ALL_MARKS]
    kind = "indirect" if not marks else "direct" if claim[0] in ALL_MARKS else "mixed"
    return [
        Attribution(
            kind,
            [(start, end)],
            (colon, colon + 1),
            (match.start(1), match.start(1) + len(name)),
            HEADLINE_CONFIDENCE,
            "headline",
        )
    ]


def _named_in_body(art: ArticleView, word: str, after: int) -> bool:
    """The headline's name comes back, capitalised, in the article (``Finch:`` and later
    ``Finch said``): a person or body the article is about, not a label."""
    pattern = rf"(?<![\w-]){re.escape(word)}(?![\w-])"
    return word[:1].isupper() and re.search(pattern, art.text[after:]) is not None


def transcript_turns(art: ArticleView) -> list[Attribution]:
    """``QUILL: Well, look, ...`` or ``Marta Quill: ...``: a name, a colon, their words."""
    found = []
    text = art.text
    for start in art.paragraph_starts:
        match = _TRANSCRIPT_RE.match(text, start)
        if not match or art.in_region(start):
            continue
        name = match.group(1)
        if name.upper() in NOT_SPEAKERS:
            continue
        end = text.find("\n", match.end())
        end = len(text) if end < 0 else end
        if sum(w[:1].isalpha() for w in text[match.end(1) + 1 : end].split()) < 3:
            continue  # "Finch: 1,769." is a tally, not a turn
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
            Attribution(
                "direct",
                [(content_start, end)],
                (art.token_at(colon), art.token_at(colon) + 1),
                (match.start(1), match.end(1)),
                0.85,
                "transcript",
            )
        )
    return found


def _clause_before(art: ArticleView, q: QuotedSpan) -> int | None:
    """Start of the clause a quoted fragment completes (``Holt plans to bring "jobs
    and a future for the young," the paper said``): a lowercase fragment after words of its own
    sentence, with no comma or colon between, is the tail of a mixed quote."""
    doc = art.doc
    inner = art.text[q.inner[0] : q.inner[1]].lstrip()
    if not inner[:1].islower() and (
        not art.settings.clause_before_capital or looks_like_title(inner)
    ):
        return None
    first = art.token_at(q.start)
    lo = _written_sentence_start(art, first)
    while lo < first and (doc[lo].is_space or doc[lo].is_punct):
        lo += 1
    before = doc[lo:first]
    if not len(before) or (before[-1].is_punct and before[-1].text != ","):
        return None
    if art.paragraph_of(doc[lo].idx) != art.paragraph_of(q.start):
        return None
    if any(art.quote_of_token[k] >= 0 or is_speech_cue(doc[k]) for k in range(lo, first)):
        return None
    return doc[lo].idx


def _written_sentence_start(art: ArticleView, first: int) -> int:
    """The first token of the sentence holding token ``first`` as the writer punctuated it:
    the parser may open a new sentence at a capitalised quote (``Those who think "America
    is ..."``), so the start is found by walking back to a full stop or the paragraph."""
    doc = art.doc
    lo = doc[first].sent.start
    if lo < first:
        # the parser may also run two written sentences into one (`... distance. "This
        # was ..."`): the last full stop outside quotes ends the one before
        for k in range(first - 1, lo - 1, -1):
            if doc[k].text in SENTENCE_END and art.quote_of_token[k] < 0:
                return k + 1
        return lo
    floor = art.paragraph_start_token(doc[first].idx)
    k = first
    while k > floor and doc[k - 1].text not in SENTENCE_END and art.quote_of_token[k - 1] < 0:
        k -= 1
    return k


CONTINUATION_MARKS = (",", ":", "—", "–")
"""How a frame hands back to the rest of the quote (``"A," she said, "B."``); a quote after
other words (``said, calling it "a disgrace"``) is a fragment of a new clause."""


def _continues_turn(
    art: ArticleView, q: QuotedSpan, nxt: QuotedSpan, frame_end: int, split_turns: bool
) -> int | None:
    """Where the rest of the turn begins when quote ``nxt`` is the rest of the turn that quote
    ``q`` and its frame (ending before token ``frame_end``) began, in the same paragraph:
    ``"A," explained Dorn, "B."`` (the frame ends with a comma), ``"A," he said, but "b."``
    (the conjunction is part of the rest) or ``"A," she said. "B."`` (the frame ends the
    sentence and the next one is a quote with no frame of its own). None when it is not."""
    if art.paragraph_of(nxt.start) != art.paragraph_of(q.start) or frame_end <= 0:
        return None
    between = art.text[q.end : nxt.start]
    last = art.doc[frame_end - 1]
    if art.text[: last.idx + len(last.text)].rstrip(ALL_MARKS)[-1:] in SENTENCE_END:
        joins = (
            art.settings.join_next_sentence
            and not split_turns
            and not art.text[last.idx + len(last.text) : nxt.start].strip()
            and _frame_after(art, nxt)[0] is None
            and not _cue_later_in_sentence(art, nxt)
        )
        return nxt.start if joins else None
    if art.token_at(nxt.start) > frame_end + 1 or len(between) >= art.settings.continuation_chars:
        return None
    frame = art.doc[art.token_at(q.end - 1) + 1 : art.token_at(nxt.start)]
    speech = [t for t in frame if is_speech_cue(t)]
    if len(speech) > 1:
        return None  # '"A," Finch said, adding later, "B."': B has a cue of its own
    if speech and speech[0].tag_ == PARTICIPLE_TAG and speech[0].dep_ != "ROOT":
        return None  # '"A," Solberg sings to them before asking, "B."': the participle's
    if between.rstrip()[-1:] in CONTINUATION_MARKS:
        return nxt.start
    conjunction = CONJUNCTION_BEFORE_REST.search(between)
    return q.end + conjunction.start(1) if conjunction else None


def _cue_later_in_sentence(art: ArticleView, q: QuotedSpan) -> bool:
    """A speech verb outside quotes after quote ``q`` in its own written sentence (``"You
    squeezed them" to lift the stock, she said.``): the sentence has a frame of its own, so
    the quote starts a new report rather than continuing the turn before it."""
    doc = art.doc
    k = art.token_at(q.end - 1) + 1
    stop = min(len(doc), k + art.settings.frame_window)
    while k < stop and doc[k].text not in SENTENCE_END and "\n" not in doc[k].text:
        if art.quote_of_token[k] < 0 and is_speech_cue(doc[k]):
            return True
        k += 1
    return False


PARTICIPLE_TAG = "VBG"
"""``asking``, ``adding``: a speech participle in a frame whose own verb is no speech cue."""

CONJUNCTION_BEFORE_REST = re.compile(r",\s+(and|but|or)\s+$")
"""``"A," he said, but "b."``: a frame handing back to the turn with a conjunction."""


def _reported_by_cue_before(art: ArticleView, q: QuotedSpan) -> bool:
    """A quote in mid-sentence after a cue of its own sentence (``Protesters said they want
    "justice," but pledged ...``, ``Bemoaning the "rigged quota," Brenner accused ...``): the
    cue before reports it; what follows is the sentence going on, not its frame."""
    if not art.settings.cue_before_fragment:
        return False
    first = art.token_at(q.start)
    lo = _written_sentence_start(art, first)
    doc = art.doc
    return any(is_cue(doc[k]) and art.quote_of_token[k] < 0 for k in range(lo, first))


SENTENCE_GOES_ON_DEPS = frozenset({"conj", "advcl", "xcomp"})
"""How a verb after a quote hangs when it carries the sentence on (``..." and threatened``,
``...", accusing``) rather than framing the quote."""


def _named_before_sentence_goes_on(art: ArticleView, q: QuotedSpan, a: Attribution) -> bool:
    """``Holt called the plan "a disgrace," and threatened ...``: a naming verb before a quote
    of its own sentence names it; a verb after it that only carries the sentence on (a
    conjoined verb or a participle) is no frame for it."""
    if not art.settings.naming_cue_before_fragment or a.cue is None:
        return False
    doc = art.doc
    cue = doc[a.cue[0] : a.cue[1]].root
    if cue.dep_ not in SENTENCE_GOES_ON_DEPS:
        return False
    first = art.token_at(q.start)
    lo = _written_sentence_start(art, first)
    return any(
        doc[k].pos_ == "VERB" and lemma(doc[k]) in NAMING_VERBS and art.quote_of_token[k] < 0
        for k in range(lo, first)
    )


def _past_titles_in_frame(art: ArticleView, n: int, frame_end: int) -> int:
    """The index of the last quoted span that quote ``n``'s frame (ending before token
    ``frame_end``) holds: titles the frame named (``said on "This Week."``)."""
    if frame_end <= 0:
        return n
    end = art.doc[frame_end - 1].idx + len(art.doc[frame_end - 1].text)
    while n + 1 < len(art.quoted) and art.quoted[n + 1].end <= end:
        n += 1
    return n


def direct_pass(
    art: ArticleView, *, split_turns: bool = False
) -> tuple[list[Attribution], set[int]]:
    """Quotes with a frame, in text order, and the indices of the quoted spans they use; the
    next sentence's quote joins the turn unless ``split_turns``."""
    results: list[Attribution] = []
    used: set[int] = set()
    n = 0
    while n < len(art.quoted):
        q = art.quoted[n]
        attribution, frame_end = _frame_after(art, q)
        if attribution is not None and (
            _reported_by_cue_before(art, q) or _named_before_sentence_goes_on(art, q, attribution)
        ):
            attribution = None  # 'They said they want "justice," but pledged ...'
        if attribution is not None:
            used.add(n)
            clause_start = _clause_before(art, q)
            if clause_start is not None:
                attribution.spans[0] = (clause_start, attribution.spans[0][1])
                attribution.type = "mixed"
            titles_end = _past_titles_in_frame(art, n, frame_end)
            used.update(range(n + 1, titles_end + 1))
            n = titles_end
            nxt = art.quoted[n + 1] if n + 1 < len(art.quoted) else None
            rest = None if nxt is None else _continues_turn(art, q, nxt, frame_end, split_turns)
            if nxt is not None and rest is not None:
                attribution.spans.append((rest, nxt.end))
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


BLOCK_CONFIDENCE = 0.8
"""The rule's prior for a block quotation (the calibration recomputes it)."""

BLOCK_OPENERS = frozenset("<[(")
"""First characters of a paragraph that is markup or an aside, never a block quotation."""


def block_quotes(art: ArticleView) -> list[Attribution]:
    """``Hewitt writes:`` ending a paragraph, then a paragraph with no quotation marks:
    that paragraph is the quotation, set off as a block (``colon_blocks``). Only when the
    colon's sentence has a speech cue and its subject, and the paragraph after it opens
    with neither a quotation mark nor markup."""
    if not art.settings.colon_blocks:
        return []
    doc, text, starts = art.doc, art.text, art.paragraph_starts
    blocks: list[Attribution] = []
    for p in range(len(starts) - 1):
        colon = _closing_colon(art, starts[p], starts[p + 1])
        if colon is None:
            continue
        block = _next_paragraph(text, starts, p + 1)
        if block is None or text[block[0]] in ALL_MARKS or text[block[0]] in BLOCK_OPENERS:
            continue
        if art.in_region(block[0]) or art.in_region(doc[colon].idx):
            continue  # a heading, byline or credit line is no block's frame or words
        if _opens_with_named_report(art, block[0]):
            continue  # 'She added:' ¶ 'Okafor, who ..., said the figures ...': narration
        cue = next(
            (
                doc[j]
                for j in range(colon - 1, doc[colon].sent.start - 1, -1)
                if is_speech_cue(doc[j]) and art.quote_of_token[j] < 0
            ),
            None,
        )
        if cue is None or not all(_block_filler(t) for t in doc[cue.i + 1 : colon]):
            continue  # "noted the sparse attendance:": the colon hands over no words
        subj = _cue_speaker(art, cue)
        if subj is None or not doc[colon].sent.start <= subj.i < colon:
            continue
        speaker = mention_span(art, speaker_head(subj), doc[colon].sent.start, cue.i)
        blocks.append(
            Attribution("direct", [block], cue_extent(cue), speaker, BLOCK_CONFIDENCE, "block")
        )
    return blocks


BLOCK_VOICE_WORDS = frozenset({"i", "me", "my", "we", "us", "our", "you", "your"})
"""Words of a speaker's own voice: a block that has them may report others itself."""


def _opens_with_named_report(art: ArticleView, start: int) -> bool:
    """A paragraph whose first sentence is a report by a named speaker (its root a speech
    verb with a name for its subject), with no first or second person in it, is the
    writer's narration, not the words a colon hands over."""
    sent = art.doc[art.token_at(start)].sent
    root = sent.root
    if not is_speech_cue(root) or any(t.lower_ in BLOCK_VOICE_WORDS for t in sent):
        return False
    return any(c.dep_ == "nsubj" and c.pos_ == "PROPN" for c in root.children)


BLOCK_LOOKAHEAD_PARAGRAPHS = 2
"""Line-delimited pieces after a colon looked at for the block (a blank one may come first)."""

BLOCK_FILLER_TAGS = frozenset({"RB", "RP"})
"""Words that may stand between a block quotation's cue and its colon (``wrote back``)."""


def _block_filler(token: Token) -> bool:
    """A word between the cue and the colon that leaves the cue without its content."""
    return token.tag_ in BLOCK_FILLER_TAGS or token.lower_ == "that" or token.is_space


def _closing_colon(art: ArticleView, start: int, end: int) -> int | None:
    """The token of a colon that ends the paragraph ``[start, end)``, if one does."""
    last = art.text[start:end].rstrip()
    if not last.endswith(":"):
        return None
    return art.token_at(start + len(last) - 1)


def _next_paragraph(text: str, starts: list[int], p: int) -> tuple[int, int] | None:
    """The first paragraph from ``p`` on with words, as its trimmed character span."""
    for q in range(p, min(p + BLOCK_LOOKAHEAD_PARAGRAPHS, len(starts))):
        end = starts[q + 1] if q + 1 < len(starts) else len(text)
        piece = text[starts[q] : end]
        if piece.strip():
            first = starts[q] + len(piece) - len(piece.lstrip())
            return first, first + len(piece.strip())
    return None
