"""What every attribution pass shares: the article's lookups, the record being built, and
small questions about tokens (is this a cue, who is its subject, what is this phrase)."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from spacy.attrs import IDX
from spacy.tokens import Doc, Token
from spacy.tokens import Span as DocSpan

from ..model import Region
from .cues import (
    ADDRESSEE_VERBS,
    BELIEF_VERBS,
    CUE_ADVERBS,
    CUE_PREPOSITION_VERBS,
    CUE_PREPOSITIONS,
    PUBLISHED_IN_VERBS,
    REQUEST_VERBS,
    SPEECH_VERBS,
    cue_lemma,
    word_set,
)
from .quote_marks import QuotedSpan, find_quoted_spans
from .settings import DEFAULT_SETTINGS, EngineSettings

SENTENCE_END = {".", "!", "?"}
SUBJECT_DEPS = {"nsubj", "nsubjpass"}


SIGNATURE_RULE = "signature"
"""``via`` of a quote signed after a dash (``"..." ― Jaan Tamm``)."""


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


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, overlapping character spans as disjoint ones."""
    out: list[tuple[int, int]] = []
    for start, end in spans:
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


class ArticleView:
    """Per-document lookups shared by the passes."""

    def __init__(
        self, doc: Doc, regions: list[Region], settings: EngineSettings = DEFAULT_SETTINGS
    ) -> None:
        self.doc = doc
        self.settings = settings
        doc.user_data[SETTINGS_KEY] = settings
        self.text = doc.text
        # Titles hold quotes too ("Finch: 'We will win'"); furniture, captions and headings don't.
        self.regions = _merged(sorted((r.start, r.end) for r in regions if r.kind != "title"))
        self.paragraph_starts = [0] + [m.end() for m in re.finditer(r"\n\s*\n|\n", self.text)]
        # A quoted number or tweet id ("672139201337532417") is no one's words.
        self.quoted = [
            q
            for q in find_quoted_spans(self.text, settings.max_quote_paragraphs)
            if not self.in_region(q.start) and any(c.isalpha() for c in self.text[q.start : q.end])
        ]
        self.token_starts = doc.to_array(IDX).tolist() if len(doc) else []
        # Token indices of the commas, in order: where reported clauses may be cut.
        self.commas = [t.i for t in doc if t.text == ","]
        self._subtree_lo: list[int] | None = None
        self._subtree_hi: list[int] | None = None
        # For each token, the index of the quoted span holding it (or -1).
        self.quote_of_token = [-1] * len(doc)
        for n, q in enumerate(self.quoted):
            for i in range(self.token_at(q.start), self.token_at(q.end - 1) + 1):
                self.quote_of_token[i] = n

    def in_region(self, char: int) -> bool:
        n = bisect_right(self.regions, (char, float("inf"))) - 1
        return n >= 0 and self.regions[n][0] <= char < self.regions[n][1]

    def token_at(self, char: int) -> int:
        return max(0, bisect_right(self.token_starts, char) - 1)

    def paragraph_of(self, char: int) -> int:
        return bisect_right(self.paragraph_starts, char) - 1

    def paragraph_start_token(self, char: int) -> int:
        """The first token of the paragraph holding ``char``."""
        return bisect_left(self.token_starts, self.paragraph_starts[self.paragraph_of(char)])

    def paragraph_end_token(self, char: int) -> int:
        """The first token of the paragraph after the one holding ``char`` (or the end)."""
        following = self.paragraph_of(char) + 1
        if following >= len(self.paragraph_starts):
            return len(self.doc)
        return bisect_left(self.token_starts, self.paragraph_starts[following])

    def subtree_bounds(self, token: Token) -> tuple[int, int]:
        """``[first, last + 1)`` of the tokens of ``token.subtree``, in O(1) after one O(n)
        pass over the heads. (Walking ``subtree`` for every cue of a chain such as ``Novak
        said Novak said ...`` is quadratic; ``left_edge``/``right_edge`` are not exact for
        the non-projective trees the parser sometimes gives.)"""
        if self._subtree_lo is None or self._subtree_hi is None:
            self._subtree_lo, self._subtree_hi = _subtree_extents(self.doc)
        return self._subtree_lo[token.i], self._subtree_hi[token.i] + 1

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


CHILDREN_KEY = "newsquotes.children"
"""Where :func:`children_of` keeps a document's children table while the component runs."""


def children_of(token: Token) -> list[Token]:
    """``token.children`` at the cost of the children: spaCy scans from the token to both
    edges of its subtree, the whole text for each cue of a chain such as ``Novak said Novak
    said ...``. The table is built once per document (the component drops it when done)."""
    doc = token.doc
    table = doc.user_data.get(CHILDREN_KEY)
    if table is None or len(table) != len(doc):
        table = [[] for _ in range(len(doc))]
        for t in doc:
            if t.head.i != t.i:
                table[t.head.i].append(t.i)
        doc.user_data[CHILDREN_KEY] = table
    return [doc[i] for i in table[token.i]]


def _subtree_extents(doc: Doc) -> tuple[list[int], list[int]]:
    """Smallest and largest token index in each token's subtree, children before parents."""
    heads = [t.head.i for t in doc]
    children: list[list[int]] = [[] for _ in heads]
    roots = []
    for i, head in enumerate(heads):
        if head == i:
            roots.append(i)
        else:
            children[head].append(i)
    lo, hi = list(range(len(heads))), list(range(len(heads)))
    order: list[int] = []
    stack = list(roots)
    while stack:
        node = stack.pop()
        order.append(node)
        stack.extend(children[node])
    for node in reversed(order):  # every child comes after its parent in ``order``
        head = heads[node]
        if head != node:
            lo[head] = min(lo[head], lo[node])
            hi[head] = max(hi[head], hi[node])
    return lo, hi


def lemma(token: Token) -> str:
    return cue_lemma(token.lemma_, token.text)


def is_cue(token: Token) -> bool:
    base = lemma(token)
    return token.pos_ in ("VERB", "AUX") and (base in SPEECH_VERBS or base in BELIEF_VERBS)


def is_speech_cue(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX") and lemma(token) in SPEECH_VERBS


CUE_LEFT_DEPS = {"aux", "auxpass", "neg"}
"""Words before the verb that belong to the cue (``has said``, ``did not respond``)."""


def cue_extent(token: Token) -> tuple[int, int]:
    """The cue's tokens: the verb with its auxiliaries, negation, a few adverbs, particle and
    some prepositions (``has also said``, ``did not respond to``, ``point out``, ``warned of``),
    contiguous with the verb, as PolNeAR annotates cues."""
    start, end = token.i, token.i + 1
    children = children_of(token)
    left = sorted((c for c in children if c.i < token.i), key=lambda c: -c.i)
    for child in left:
        if child.i != start - 1:
            break
        if (child.dep_ in CUE_LEFT_DEPS and child.lower_ != "to") or (
            child.dep_ == "advmod" and child.lower_ in CUE_ADVERBS
        ):
            start = child.i
        else:
            break
    for child in (c for c in children if c.i > token.i):
        if child.i != end:
            continue
        if child.dep_ == "prt" or (
            child.dep_ == "prep"
            and child.lower_ in CUE_PREPOSITIONS
            and lemma(token) in CUE_PREPOSITION_VERBS
        ):
            end = child.i + 1
    return start, end


def cue_head(doc: Doc, cue: tuple[int, int]) -> Token:
    """The verb of a cue span (``said`` of ``has also said``)."""
    return doc[cue[0] : cue[1]].root


def mention_span(art: ArticleView, head: Token, lo: int, hi: int) -> tuple[int, int]:
    """Char span of the noun phrase headed by ``head``, kept inside tokens ``[lo, hi)``; for
    a deed or saying owned by someone (``Mr. Dahl's decision``, ``his remarks``), the owner,
    as PolNeAR marks the source."""
    owner = next((c for c in children_of(head) if c.dep_ == "poss" and lo <= c.i < hi), None)
    if owner is not None and head.pos_ == "NOUN" and head.lemma_.lower() in OWNED_ACT_NOUNS:
        head = owner
    left, right = head.i, head.i
    for t in head.subtree:
        if lo <= t.i < hi and art.quote_of_token[t.i] < 0:
            left = min(left, t.i)
            right = max(right, t.i)
    # A dateline or a paragraph break before the name is not part of it:
    # "VELMORA (Harbour Wire) – Councillor Ada Finch".
    for k in range(head.i - 1, left - 1, -1):
        if art.doc[k].text in ("–", "—", "--", ")", ":") or "\n" in art.doc[k].text:
            left = k + 1
            break
    for child in children_of(head):
        # 'Mr. Ostrander, who stressed ...', 'Finch, speaking to the crews': the clause is not
        # the name's (a document's is: 'a speech Mrs. Hayes delivered'); 'Ada Finch, who
        # ran the port,' describes her and is (PolNeAR's way)
        if (
            child.i > head.i
            and child.dep_ in NAME_CLAUSE_DEPS
            and left <= child.i <= right
            and (head.pos_ == "PROPN" or head.ent_type_ == "PERSON")
            and not describes_speaker(art, child)
        ):
            right = min(right, art.subtree_bounds(child)[0] - 1)
    right = _before_which_clause(art, head, left, right)
    while left < head.i and art.doc[left].lower_ in FOCUS_ADVERBS:
        left += 1  # 'Even Ruiz said': the source is Ruiz, as PolNeAR marks it
    tokens = art.doc[left : right + 1]
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
        tokens = tokens[:-1]
    while tokens and (tokens[0].is_punct or tokens[0].is_space):
        tokens = tokens[1:]
    if not len(tokens):
        return head.idx, head.idx + len(head.text)
    return tokens[0].idx, _closing_punctuation(art, tokens, hi)


OWNED_ACT_NOUNS = word_set(
    """
    statement remark comment response decision explanation treatment attack rhetoric post tweet
    policy disclosure appointment inability diagnosis report letter speech message criticism
    reply answer testimony view position proposal plan reaction
    """
)
"""A deed or a saying whose owner PolNeAR marks as the source (``his remarks`` → ``his``)."""

FOCUS_ADVERBS = frozenset({"even", "only", "just"})
"""Words before a speaker that are no part of the mention (``Even Ruiz``)."""

NAME_CLAUSE_DEPS = frozenset({"relcl", "acl"})
DESCRIBING_WORDS = frozenset({"who", "whose"})
"""How a clause set off by a comma after a name opens when it describes the person."""


def _before_which_clause(art: ArticleView, head: Token, left: int, right: int) -> int:
    """``Ada Finch, head of the Harbour Trust, which owns the pier``: a ``which`` clause set
    off by a comma inside the mention describes a thing in it, not the speaker."""
    if not art.settings.describing_clauses:
        return right
    doc = art.doc
    for k in range(max(left, head.i) + 1, right):
        if doc[k].text == "," and doc[k + 1].lower_ == "which" and doc[k + 1].head.dep_ == "relcl":
            return k - 1
    return right


def describes_speaker(art: ArticleView, clause: Token) -> bool:
    """``Ada Finch, who ran the port for a decade,``: a relative clause after a comma that
    says who the speaker is, with no cue or quote of its own (``, who said ...`` is another
    report), belongs to the mention, as PolNeAR annotates sources."""
    if not art.settings.describing_clauses or clause.dep_ != "relcl":
        return False
    lo, hi = art.subtree_bounds(clause)
    doc = art.doc
    if lo < 1 or doc[lo - 1].text != "," or doc[lo].lower_ not in DESCRIBING_WORDS:
        return False
    return not any(is_cue(doc[k]) or art.quote_of_token[k] >= 0 for k in range(lo, hi))


"""Clauses hanging from a speaker's name that are no part of the mention."""


def _closing_punctuation(art: ArticleView, tokens: DocSpan, hi: int) -> int:
    """Where the mention ends, PolNeAR's way: with the ``)`` of a party tag it opens
    (``Sen. Ada Finch (D-Mo.)``) and with the comma that closes an appositive
    (``Ines Moreau, the harbour's press officer,``)."""
    doc = art.doc
    last = tokens[-1]
    end = last.i + 1
    text = tokens.text
    if text.count("(") > text.count(")") and end < min(hi, len(doc)) and doc[end].text == ")":
        last, end = doc[end], end + 1
    if (
        "," in text
        and end < min(hi, len(doc))
        and doc[end].text == ","
        and not art.quote_of_token[end] >= 0
    ):
        last = doc[end]
    return last.idx + len(last.text)


def subject_mention(art: ArticleView, subj: Token, cue: Token) -> tuple[int, int]:
    """The speaker's noun phrase without the clause that holds the cue or follows it:
    ``Brother Anselm, who preaches thrift`` is ``Brother Anselm``."""
    lo, hi = art.subtree_bounds(subj)
    if subj.is_ancestor(cue):
        branch = cue
        while branch.head.i != subj.i and branch.head.i != branch.i:
            branch = branch.head
        hi = min(hi, art.subtree_bounds(branch)[0])
    elif subj.i < cue.i:
        hi = min(hi, cue.i)
    for child in children_of(subj):
        if (
            child.dep_ == "relcl"
            and child.i > subj.i
            and not describes_speaker(art, child)
            and not _names_publication(child)
        ):
            hi = min(hi, art.subtree_bounds(child)[0])
    return mention_span(art, subj, lo, max(hi, subj.i + 1))


def _names_publication(clause: Token) -> bool:
    """``A study that appeared in the Norland Medical Journal``: the clause names where the
    document ran, who speaks for it, so it stays in the mention."""
    return clause.lemma_ in PUBLISHED_IN_VERBS and any(
        prep.dep_ == "prep"
        and prep.lower_ == "in"
        and any(
            obj.dep_ == "pobj" and obj.ent_type_ in ("ORG", "WORK_OF_ART") for obj in prep.children
        )
        for prep in children_of(clause)
    )


RELATIVE_THINGS = frozenset({"which", "that"})
"""Relative pronouns whose antecedent may be a thing (``the ad that urges``)."""


def is_thing_relative(subj: Token) -> bool:
    """``which``/``that`` standing for a common noun that names no one (``health care, which
    recounts``, ``a new ad that urges``): a thing does not speak."""
    if subj.lower_ not in RELATIVE_THINGS or subj.head.dep_ != "relcl":
        return False
    noun = subj.head.head
    return noun.pos_ == "NOUN" and not noun.ent_type_


def is_thing(head: Token) -> bool:
    """A common noun that names no person, group or organisation the parser knows of
    (``his standing``, ``campaign donations``): it may be reported on, it does not report."""
    return head.pos_ == "NOUN" and not head.ent_type_


SUBJECT_SHARING_DEPS = frozenset({"advcl", "xcomp", "conj", "prep"})
"""A verb hanging from another by these shares its subject (``..., saying``, ``and added``)."""

SUBORDINATORS = frozenset({"since", "after", "before", "until", "because", "when", "once"})
"""Words that open a clause the parser may mistake for a preposition and its object."""

SETTINGS_KEY = "newsquotes.settings"
"""Where the article's :class:`EngineSettings` are kept while the component runs, for the
helpers that see only a token."""


def settings_of(doc: Doc) -> EngineSettings:
    """The engine settings the article is read with (the defaults outside the component)."""
    settings = doc.user_data.get(SETTINGS_KEY)
    return settings if isinstance(settings, EngineSettings) else DEFAULT_SETTINGS


def speaker_of(cue: Token) -> Token | None:
    """Who speaks through ``cue``: its subject, or the agent of a passive
    (``was asked by host Marta Quill``), whose subject is the listener."""
    # "made public ― Trump boasted": a dash the parser took for a second subject says nothing
    children = [c for c in children_of(cue) if c.dep_ not in SUBJECT_DEPS or not _is_dash(c)]
    reporter = _according_to_source(cue, children)
    if reporter is not None:
        return reporter
    # '," Lind said by telephone': a verb with an active subject has no agent; 'by' is a means
    active = any(c.dep_ == "nsubj" for c in children)
    for child in children:
        if child.dep_ == "agent" and not active:
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    subjects = [c for c in children if c.dep_ in SUBJECT_DEPS]
    if len(subjects) == 2 and _named_apposition(*subjects):
        # "Kessel's cousin, state Sen. Jorun Vik, shouted": the parser split the appositive
        return subjects[1]
    for child in children:
        if child.dep_ == "nsubjpass" and lemma(cue) in ADDRESSEE_VERBS:
            return None
        if child.dep_ in SUBJECT_DEPS:
            return _poll_of_respondents(cue, child) or child
    # "..., saying ..." / "and added ...": the subject of the verb it hangs from.
    if cue.dep_ == "relcl" and cue.head.i != cue.i:
        # 'Ms. Moreau, speaking ...' yes; 'the comments made ...': a thing does not speak
        return None if is_thing(cue.head) else cue.head
    verb = cue
    for _ in range(settings_of(cue.doc).subject_hops):
        if verb.dep_ == "pcomp" and verb.head.dep_ == "prep":
            verb = verb.head  # 'called to them before asking': through the preposition
        if verb.dep_ not in SUBJECT_SHARING_DEPS or verb.head.i == verb.i:
            break
        if verb.dep_ == "xcomp":
            # 'forced Solberg to admit that ...': the object of the verb is who admits
            controller = next((c for c in children_of(verb.head) if c.dep_ == "dobj"), None)
            if lemma(verb.head) in REQUEST_VERBS:
                controller = None  # 'dared him to say that ...': asked to, he has not said it
            if controller is not None and controller.i < verb.i:
                # 'uses footage of Maria Castell asking, "..."': the one shown speaks
                if not is_thing(controller):
                    return controller
                # 'uses footage of Maria Castell asking': the one shown; 'used the occasion
                # to say': a thing controls nothing, the subject speaks
                shown = _person_of(controller)
                if shown is not None:
                    return shown
        if verb.dep_ == "conj":
            stranded = _subject_after_subordinator(verb)
            if stranded is not None:
                return stranded
        if verb.dep_ in ("advcl", "conj"):
            stranded = _stranded_clause_subject(verb)
            if stranded is not None:
                return stranded
        absolute = _absolute_subject(verb)
        if absolute is not None:
            return absolute
        if verb.head.dep_ == "relcl" and _set_off(verb):
            # 'pressed about a boatbuilder who said he was never paid, saying': set off by a comma,
            # the participle is the main clause's, not the relative clause's
            return _main_subject_of(verb.head.head)
        verb = verb.head
        for child in children_of(verb):
            if child.dep_ in SUBJECT_DEPS:
                shown = _shown_speaker(cue) if is_thing(child) else None
                return shown or child
    return None


def _according_to_source(cue: Token, children: list[Token]) -> Token | None:
    """``According to the Harbor Gazette, Mayor Lind said ...``, ``"...," Lind said,
    according to a transcript``: the report the reporting verb relays through is the
    source, as PolNeAR marks it."""
    clauses = [c for c in children if c.dep_ == "ccomp"]
    for child in children:
        if child.dep_ == "prep" and child.lower_ == "according":
            if any(c.left_edge.i < child.i < c.right_edge.i for c in clauses):
                continue  # 'said that, according to the police, the driver fled': relayed
            for to in children_of(child):
                if to.dep_ == "prep" and to.lower_ == "to":
                    return next((g for g in children_of(to) if g.dep_ == "pobj"), None)
    return None


POLL_NOUNS = frozenset({"poll", "survey"})
"""Documents that report what a share of the people they asked said."""

SHARE_WORDS = frozenset({"percent", "%", "majority", "minority", "half", "third", "quarter"})
"""Heads of a share of people (``74 percent of likely voters``, ``a majority of them``)."""


def _poll_of_respondents(cue: Token, subject: Token) -> Token | None:
    """``In a Harbor Institute poll, 74 percent of voters said ...``, ``the poll found that
    six in 10 residents say ...``: a share of those asked answers the poll, and the poll
    is the source, as PolNeAR marks it. A poll named only where the share holds a view
    (``87 percent viewing him favorably in a poll``) is not: the share is."""
    if not _is_share(subject):
        return None
    if is_speech_cue(cue):  # 'In a Harbor Institute poll, 74 percent said'
        for prep in children_of(cue):
            if prep.dep_ == "prep" and prep.lower_ in ("in", "from"):
                poll = next((g for g in children_of(prep) if g.dep_ == "pobj"), None)
                if poll is not None and poll.lemma_.lower() in POLL_NOUNS:
                    return poll
    verb = cue
    for _ in range(settings_of(cue.doc).subject_hops):
        for child in children_of(verb):
            if child.dep_ in SUBJECT_DEPS and child.lemma_.lower() in POLL_NOUNS:
                return child
        if verb.head.i == verb.i or verb.dep_ not in POLL_CLAUSE_DEPS:
            return None
        verb = verb.head
    return None


POLL_CLAUSE_DEPS = frozenset({"ccomp", "advcl", "conj", "parataxis"})
"""Links from a respondents' verb up to the poll's (``the poll finds that, while ...``)."""


def _is_share(subject: Token) -> bool:
    """``74 percent of likely voters``, ``31% of Republicans``, ``six in 10 residents``."""
    if subject.lower_ in SHARE_WORDS:
        return True
    return subject.like_num or any(
        c.dep_ == "nummod" and c.like_num or c.lower_ == "in" for c in children_of(subject)
    )


DASH_CHARACTERS = "-\u2010\u2011\u2012\u2013\u2014\u2015"
"""Hyphens and dashes, down to the horizontal bar some outlets set between clauses."""


def _is_dash(token: Token) -> bool:
    """Whether the token is a dash alone: it sets clauses apart, it never speaks."""
    return not token.text.strip(DASH_CHARACTERS)


SUBJECT_RELATIVES = frozenset({"who", "which", "that", "whom"})
"""Relative pronouns: subjects of a clause inside a noun phrase, not of the sentence."""


def subject_before_outside_quotes(art: ArticleView, cue: Token) -> Token | None:
    """The subject of the nearest verb before ``cue`` in its sentence, both outside
    quotation marks and outside relative and reported clauses: who speaks through a cue
    the parser hung from a verb inside a quote (``Bo Lind said, suggesting questions,
    including, "..."``)."""
    for i in range(cue.i - 1, cue.sent.start - 1, -1):
        token = art.doc[i]
        if (
            token.dep_ in SUBJECT_DEPS
            and art.quote_of_token[i] < 0
            and art.quote_of_token[token.head.i] < 0
            and not _reported_or_relative(art, token.head)
            and token.lower_ not in SUBJECT_RELATIVES
        ):
            return token
    return None


def _reported_or_relative(art: ArticleView, verb: Token) -> bool:
    """A relative clause, or a clause reported by a verb outside quotes (``Boreing said the
    members will meet``); a verb the parser hung from a quote's verb is neither."""
    if verb.dep_ == "relcl":
        return True
    return verb.dep_ == "ccomp" and art.quote_of_token[verb.head.i] < 0


def speaker_outside_quotes(art: ArticleView, cue: Token) -> Token | None:
    """``speaker_of`` for a cue outside quotation marks: a subject it finds inside them is a
    word of someone's quote the parser hung the cue from (``Dalton said, going on to say
    that the town has spent "years ..., and young people do not want ..."``), so the
    subject before the cue outside quotes speaks instead."""
    subj = speaker_of(cue)
    if subj is None or art.quote_of_token[cue.i] >= 0 or art.quote_of_token[subj.i] < 0:
        return subj
    return subject_before_outside_quotes(art, cue)


ABSOLUTE_PREPOSITIONS = frozenset({"with", "despite", "amid"})
"""Prepositions that open an absolute phrase (``with Quill asking ...``, ``despite a few
supporters now saying ...``) whose noun is the subject of the ``-ing`` verb after it."""

ABSOLUTE_FILLER_TAGS = frozenset({"RB"})
"""Words that may stand between an absolute phrase's noun and its ``-ing`` verb (``now``)."""


def _absolute_subject(verb: Token) -> Token | None:
    """``The talk ended with Quill asking whether ...``, parsed with ``asking`` hanging from
    ``ended``: the noun of the ``with`` (``despite``, ``amid``) right before the participle
    is who asks, not the sentence's subject (``absolute_phrases``). A comma between them
    only when it closes words set off inside the noun's phrase (``despite a few supporters,
    such as Sen. Vik, now saying``); ``met with aides, saying`` is the subject's."""
    if not settings_of(verb.doc).absolute_phrases or verb.tag_ != "VBG" or verb.dep_ != "advcl":
        return None
    doc = verb.doc
    for prep in children_of(verb.head):
        if prep.dep_ != "prep" or prep.lower_ not in ABSOLUTE_PREPOSITIONS or prep.i > verb.i:
            continue
        noun = next((c for c in children_of(prep) if c.dep_ == "pobj"), None)
        if noun is None or not (noun.pos_ == "PROPN" or noun.ent_type_ or noun.tag_ == "NNS"):
            continue
        end = noun.right_edge.i + 1
        between = [t for t in doc[end : verb.i] if not t.is_space]
        inner_comma = any(t.text == "," for t in doc[noun.i : end])
        if all(t.tag_ in ABSOLUTE_FILLER_TAGS or (t.text == "," and inner_comma) for t in between):
            return noun
    return None


def _shown_speaker(cue: Token) -> Token | None:
    """``The advert ends with footage of Ana Ruiz saying``, parsed with ``saying`` hanging
    from ``ends``: a thing does not speak; the name right before the participle does."""
    before = cue.doc[cue.i - 1] if cue.i > 0 else None
    if cue.tag_ == "VBG" and before is not None and before.ent_type_ == "PERSON":
        return before
    return None


def _set_off(verb: Token) -> bool:
    """A comma right before the verb, and not the one that closes an appositive (``showed
    Ola Dahl, an adviser, seeking``: Dahl seeks)."""
    doc = verb.doc
    if verb.i < 2 or doc[verb.i - 1].text != ",":
        return False
    before = doc[verb.i - 2]
    return not any(t.dep_ == "appos" for t in [before, *before.ancestors] if t.i > verb.head.i)


def _main_subject_of(noun: Token) -> Token | None:
    """The subject of the clause a noun phrase belongs to: the noun itself when it is one,
    else the subject of the nearest verb above it that has one (``main_clause_climb`` steps
    up at most)."""
    token = noun
    for _ in range(settings_of(noun.doc).main_clause_climb):
        if token.dep_ in SUBJECT_DEPS:
            return token
        if token.head.i == token.i:
            return None
        token = token.head
        subject = next((c for c in children_of(token) if c.dep_ in SUBJECT_DEPS), None)
        if subject is not None:
            return subject
    return None


def _subject_after_subordinator(verb: Token) -> Token | None:
    """``Brenner has mocked Holm since Ruiz, at the meeting, quoted his remarks``, parsed
    with ``quoted`` as a second verb of ``mocked`` and ``Ruiz`` as the object of ``since``:
    with no ``and`` between them, the name after the subordinator is who quotes."""
    head = verb.head
    between = [c for c in children_of(head) if head.i < c.i < verb.i]
    if any(c.dep_ == "cc" for c in between):
        return None
    for child in between:
        if child.dep_ in ("prep", "mark") and child.lower_ in SUBORDINATORS:
            obj = next((g for g in children_of(child) if g.dep_ == "pobj"), None)
            if obj is not None and obj.pos_ in ("PROPN", "PRON"):
                return obj
    return None


FINITE_TAGS = frozenset({"VBD", "VBP", "VBZ"})
"""Tags of a verb that has a subject of its own, even where the parser gave it none."""

CLAUSE_OPENERS = frozenset({"as", "while", "whereas", "although", *SUBORDINATORS})
"""Words opening a clause that the parser may take for a preposition whose object is the
clause's subject (``as the United States and France support``)."""


def _stranded_clause_subject(verb: Token) -> Token | None:
    """``Russia backs the government as the United States and France support the rebels``,
    parsed with ``support`` hanging from the main verb with no subject and the countries as
    the object of ``as``: a finite verb has a subject of its own, the name that ends right
    before it (``stranded_subjects``)."""
    if not settings_of(verb.doc).stranded_subjects or verb.tag_ not in FINITE_TAGS:
        return None
    if verb.i == 0:
        return None
    noun = verb.doc[verb.i - 1]
    while noun.dep_ == "conj" and noun.head.i < noun.i:
        noun = noun.head
    if noun.dep_ != "pobj" or noun.right_edge.i != verb.i - 1:
        return None
    opener = noun.head
    if opener.lower_ not in CLAUSE_OPENERS or opener.i > verb.i or opener.head.i == verb.i:
        return None
    if not (noun.pos_ in ("PROPN", "PRON") or noun.ent_type_):
        return None
    return noun


def _person_of(thing: Token) -> Token | None:
    """The named person in ``footage of X``, ``a video of X``."""
    for prep in children_of(thing):
        if prep.dep_ == "prep" and prep.lower_ == "of":
            obj = next((c for c in children_of(prep) if c.dep_ == "pobj"), None)
            if obj is not None and obj.ent_type_ in ("PERSON", "ORG"):
                return obj
    return None


def _named_apposition(first: Token, second: Token) -> bool:
    """Two subjects of one verb, a common noun then a person's name after a comma: one
    speaker, described then named."""
    doc = first.doc
    return (
        first.pos_ == "NOUN"
        and second.ent_type_ == "PERSON"
        and first.i < second.i
        and any(doc[k].text == "," for k in range(first.i, second.i))
    )


def speaker_head(token: Token) -> Token:
    """Relative pronouns stand for the noun they hang from (``Smith, who said``)."""
    if token.lower_ in ("who", "which", "that") and token.head.dep_ == "relcl":
        return token.head.head
    return token
