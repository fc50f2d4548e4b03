"""Where a cue ends and its content begins, as PolNeAR draws the line.

The passes find a verb and what it governs; PolNeAR's cue is often longer than the verb:
the preposition that ties a verb to what is reported (``talked about``, ``spoke highly
of``, ``called for``) and an infinitive that does the reporting (``declined to comment
on``, ``is expected to endorse``) belong to the cue, and the content is what follows.
These passes run on every finished attribution with a cue and one content span.
"""

from __future__ import annotations

from spacy.tokens import Token

from .context import ArticleView, Attribution, children_of, is_cue, lemma
from .cues import BELIEF_VERBS, NAMING_VERBS, SPEECH_VERBS
from .quote_marks import ALL_MARKS

CUE_LINK_PREPOSITIONS = frozenset({"about", "of", "on", "for", "to", "as", "against", "with"})
"""Prepositions right after a cue that annotators keep in the cue (``talked about``)."""

REPORTING_INFINITIVES = (
    SPEECH_VERBS
    | BELIEF_VERBS
    | NAMING_VERBS
    | frozenset(
        [
            "endorse",
            "discuss",
            "address",
            "defend",
            "portray",
            "comment",
            "elaborate",
            "talk",
            "speak",
            "support",
            "disavow",
            "distinguish",
            "concede",
            "acknowledge",
            "criticize",
            "judge",
            "blame",
        ]
    )
)
"""Verbs that, as the infinitive after a cue (``declined to comment``), report themselves."""

LINK_ADVERB_TAGS = frozenset({"RB", "RBR"})
"""Adverbs between a cue and its preposition (``spoke briefly about``)."""


def settle_cue_boundary(art: ArticleView, a: Attribution) -> Attribution:
    """Move the words between the verb and what it reports from the content to the cue."""
    if not art.settings.settle_cues or a.cue is None or len(a.spans) != 1:
        return a
    doc = art.doc
    start, end = a.spans[0]
    if art.text[start] in ALL_MARKS:
        return a
    first = art.token_at(start)
    last = art.token_at(end - 1)
    cue_start, cue_end = a.cue
    if cue_start <= first < cue_end:
        first = cue_end  # the content never repeats the cue's own words
    verbs = {i for i in range(cue_start, cue_end) if doc[i].pos_ in ("VERB", "AUX")}
    while first <= last and first >= cue_end:
        step = _cuewords_of_at(doc, first, cue_end, verbs)
        if step is None:
            break
        cue_end = first = step
        verbs.add(step - 1)
    if first > last or first == art.token_at(start):
        return a
    a.cue = (cue_start, cue_end)
    a.spans = [(doc[first].idx, end)]
    return a


def _cuewords_of_at(doc, first: int, cue_end: int, verbs: set[int]) -> int | None:
    """Where the cue ends when the words from ``cue_end`` through ``first`` (and perhaps a
    little further) belong to it: adverbs of the verb, then a linking preposition or a
    reporting infinitive. None when the content begins at ``first``."""
    k = cue_end
    while k < first and doc[k].tag_ in LINK_ADVERB_TAGS and doc[k].head.i in verbs:
        k += 1
    if k != first:
        return None
    token: Token = doc[first]
    if (
        token.lower_ in CUE_LINK_PREPOSITIONS
        and token.dep_ in ("prep", "dative", "agent")
        and token.head.i in verbs
    ):
        return first + 1
    if token.lower_ == "to" and token.dep_ == "aux":
        verb = token.head
        if (
            verb.i == first + 1
            and verb.dep_ == "xcomp"
            and verb.head.i in verbs
            and lemma(verb) in REPORTING_INFINITIVES
        ):
            return verb.i + 1
    return None


INFINITIVE_DEPS = frozenset({"xcomp", "advcl"})
"""How an infinitive cue hangs from the verb before it (``seemed to say``, ``went on to call``)."""


def widen_cue(art: ArticleView, a: Attribution) -> Attribution:
    """The cue as PolNeAR marks it: with the adverbs right before the verb (``politely
    suggested``), the verb an infinitive cue hangs from (``went on to call``) and a colon
    that hands over to the content (``added:``)."""
    if not art.settings.widen_cues or a.cue is None:
        return a
    start, end = a.cue
    verb = cue_verb(art, start, end)
    start = _with_verb_before(art, verb, _with_adverbs_before(art, start))
    a.cue = (start, _with_colon_after(art, a, end))
    return a


def cue_verb(art: ArticleView, start: int, end: int) -> Token:
    return art.doc[start:end].root


def _with_adverbs_before(art: ArticleView, start: int) -> int:
    doc = art.doc
    while start > 0 and doc[start - 1].tag_ in LINK_ADVERB_TAGS and doc[start - 1].dep_ == "advmod":
        if art.quote_of_token[start - 1] >= 0:
            break
        start -= 1
    return start


def _with_verb_before(art: ArticleView, verb: Token, start: int) -> int:
    """``went on to call``, ``seemed to indicate``: the infinitive's own verb leads the cue."""
    doc = art.doc
    to = start - 1
    if (
        to < 1
        or doc[to].lower_ != "to"
        or verb.dep_ not in INFINITIVE_DEPS
        or doc[to].head.i != verb.i
    ):
        return start
    head = verb.head
    gap = [t for t in doc[head.i + 1 : to] if not (t.dep_ == "prt" and t.head.i == head.i)]
    if gap or head.pos_ not in ("VERB", "AUX"):
        return start
    return _with_adverbs_before(art, _aux_start(art, head))


def _aux_start(art: ArticleView, verb: Token) -> int:
    doc = art.doc
    start = verb.i
    while (
        start > 0
        and doc[start - 1].dep_ in ("aux", "auxpass", "neg")
        and doc[start - 1].head.i == verb.i
    ):
        start -= 1
    return start


def _with_colon_after(art: ArticleView, a: Attribution, end: int) -> int:
    doc = art.doc
    if end < len(doc) and doc[end].text == ":" and doc[end].idx < a.spans[0][0]:
        return end + 1
    return end


def with_fronted_words(
    art: ArticleView, a: Attribution, taken: list[tuple[int, int]]
) -> Attribution:
    """``As for the pier, Finch said, "it will not last"``: the words opening the sentence
    before a frame that commas set off (speaker, cue, comma) are the first part of the
    report, as PolNeAR annotates it. Not when those words are a quote or another report
    (``taken``: every attribution's content), or hold a cue of their own."""
    if not art.settings.fronted_words or a.cue is None or a.speaker is None:
        return a
    doc = art.doc
    speaker_first = art.token_at(a.speaker[0])
    content_first = art.token_at(a.spans[0][0])
    cue_start, cue_end = a.cue
    comma = speaker_first - 1
    if not (speaker_first < cue_start and cue_end < content_first) or comma < 1:
        return a
    if doc[comma].text != "," or not _frame_closed(art, cue_end, content_first):
        return a
    lo = _sentence_start(art, comma)
    if lo is None or not (0 < comma - lo <= art.settings.max_fronted_tokens):
        return a
    start, end = art.span_chars(lo, comma)
    verb = cue_verb(art, cue_start, cue_end)
    if not _says_itself(art, verb, a.speaker) or _frames_the_cue(art, verb, lo, comma):
        return a
    if (
        all(doc[k].pos_ in CONNECTIVE_POS for k in range(lo, comma))
        and art.text[a.spans[0][0]] not in ALL_MARKS
    ):
        # 'Still, it said, ...': the writer's link to the sentence before; before a quote
        # ('Instead, Axelrod said, "..."') PolNeAR counts it as the speaker's opening
        return a
    if any(s < end and start < e for s, e in taken) or any(
        art.quote_of_token[k] >= 0 or doc[k].text in ALL_MARKS or is_cue(doc[k])
        for k in range(lo, comma)
    ):
        return a
    a.spans.insert(0, (start, end))
    return a


CONNECTIVE_POS = frozenset({"ADV", "CCONJ", "SCONJ", "PUNCT"})
"""Words that only link a sentence to the one before (``Still``, ``But``, ``And yet``)."""

FRAME_SETTING_DEPS = frozenset({"advcl", "prep", "advmod", "npadvmod", "cc", "mark", "nsubj"})
"""How words before a frame hang from its cue when they set the scene of the report
(``As a phone rang, an announcer said``, ``During the speech, she said``)."""


def _frames_the_cue(art: ArticleView, verb: Token, lo: int, hi: int) -> bool:
    """Some of the words ``[lo, hi)`` hang from the cue as a scene-setting adjunct."""
    doc = art.doc
    for k in range(lo, hi):
        token = doc[k]
        while lo <= token.head.i < hi and token.head.i != token.i:
            token = token.head
        if token.head.i == verb.i and token.dep_ in FRAME_SETTING_DEPS:
            return True
    return False


def _says_itself(art: ArticleView, verb: Token, speaker: tuple[int, int]) -> bool:
    """The cue is a main verb whose own subject is the speaker mention (``Finch said``), not
    a participle or a relative clause (``attacked X, saying``, ``Y, who joked``)."""
    if verb.dep_ in ("relcl", "acl", "advcl", "xcomp"):
        return False
    return any(
        c.dep_ in ("nsubj", "nsubjpass") and speaker[0] <= c.idx < speaker[1]
        for c in children_of(verb)
    )


def _frame_closed(art: ArticleView, cue_end: int, content_first: int) -> bool:
    """A comma or colon ends the frame before the content (``he said, "..."``)."""
    return any(art.doc[k].text in (",", ":") for k in range(cue_end, content_first))


def _sentence_start(art: ArticleView, before: int) -> int | None:
    """The first word of the sentence holding token ``before``, within its paragraph."""
    doc = art.doc
    lo = max(doc[before].sent.start, art.paragraph_start_token(doc[before].idx))
    while lo < before and (doc[lo].is_space or doc[lo].is_punct):
        lo += 1
    return lo if lo < before else None
