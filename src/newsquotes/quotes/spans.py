"""Where reported content begins and ends, as PolNeAR draws it.

Shared by the passes that take content from a verb's dependents: the listener of
``urged the party to unite`` is not what was said (``to unite`` is); a preposition right
after the verb belongs to the cue (``responded to a request``: cue ``responded to``); a
trailing non-restrictive relative clause (``, which ...``) is the writer's, not the
speaker's.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

from spacy.tokens import Doc, Token

RELATIVE_WORDS = frozenset({"which", "who", "whom", "whose"})
LISTENER_DEPS = frozenset({"dobj", "dative"})
"""Dependents that name whom a verb addresses when an infinitive follows (``urged him to``)."""


def without_listener(verb: Token, parts: list[Token]) -> list[Token]:
    """``urged the party to unite``: keep the infinitive, drop the listener before it."""
    infinitive = next((p for p in parts if p.dep_ == "xcomp"), None)
    if infinitive is None:
        return parts
    listener = [p for p in parts if p.dep_ in LISTENER_DEPS and p.i < infinitive.i]
    return [p for p in parts if p not in listener] if listener else parts


def leading_preposition(doc: Doc, cue_end: int, lo: int) -> bool:
    """Content opening with a preposition right after the cue (``responded to ...``)."""
    return lo == cue_end and doc[lo].dep_ == "prep" and lo + 1 < len(doc)


CONTRAST_WORDS = frozenset({"while", "whereas"})
"""``..., while 31 percent call it a waste``: the writer's next clause, not the report."""


def _commas_between(commas: Sequence[int], lo: int, hi: int) -> Sequence[int]:
    """The comma tokens in ``[lo, hi)``: looking only at commas keeps a cut linear when one
    article holds a chain of long reported clauses."""
    return commas[bisect_left(commas, lo) : bisect_left(commas, hi)]


def cut_contrast_clause(doc: Doc, lo: int, hi: int, commas: Sequence[int]) -> int:
    """New end of content ``[lo, hi)`` before a ``, while ...`` clause with its own subject
    (``commas``: the token indices of the article's commas, in order)."""
    for k in _commas_between(commas, lo + 1, hi - 1):
        word = doc[k + 1]
        if word.lower_ not in CONTRAST_WORDS or word.dep_ != "mark":
            continue
        if any(c.dep_ in ("nsubj", "nsubjpass") for c in word.head.children):
            return k
    return hi


LEADING_DEPS = frozenset({"advcl"})
"""Clauses before a reported clause's subject that set the scene (``While the world waits,``)."""


def skip_leading_clause(doc: Doc, head: Token, lo: int, hi: int) -> int:
    """New start of content ``[lo, hi)`` after a scene-setting clause and its comma."""
    for child in head.lefts:
        if child.dep_ not in LEADING_DEPS:
            continue
        first = min(t.i for t in child.subtree)
        last = max(t.i for t in child.subtree)
        comma = last + 1
        if first == lo and comma < hi - 1 and doc[comma].text == ",":
            return comma + 1
    return lo


def cut_relative_clause(doc: Doc, lo: int, hi: int, commas: Sequence[int]) -> int:
    """New end of content ``[lo, hi)`` without a trailing ``, which ...`` clause
    (``commas``: the token indices of the article's commas, in order)."""
    for k in _commas_between(commas, lo + 1, hi - 1):
        word = doc[k + 1]
        if word.lower_ not in RELATIVE_WORDS:
            continue
        clause = word if word.dep_ == "relcl" else word.head
        while clause.dep_ != "relcl" and clause.head.i != clause.i and clause.i < hi:
            clause = clause.head
        if clause.dep_ == "relcl" and max(t.i for t in clause.subtree) >= hi - 1:
            return k
    return hi


FINITE_TAGS = frozenset({"VBZ", "VBD", "VBP", "MD"})
CLAUSE_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "expl", "csubj"})


def verb_without_subject_after(cue: Token, clause: Token) -> bool:
    """A "clause" that is a finite verb right after the cue with no subject of its own
    (``Anything Dorn says is false``, ``Nothing the mayor says is true``): the parser
    took the sentence's own verb for reported content, which would put the rest of the
    sentence, even its opposite, in the speaker's mouth. Only where the cue is the sentence's
    root: in a relative clause (``the vote, which she said was a mistake``) the missing
    subject is the relative word, and the report is real."""
    return (
        cue.dep_ == "ROOT"
        and clause.i == cue.i + 1
        and clause.tag_ in FINITE_TAGS
        and not any(c.dep_ in CLAUSE_SUBJECT_DEPS for c in clause.children)
    )


def cut_participle_clause(doc: Doc, lo: int, hi: int, commas: Sequence[int]) -> int:
    """New end of content ``[lo, hi)`` without a trailing ``, citing ...`` clause: a
    participle after a comma that runs to the end is the writer's comment on the report."""
    for k in _commas_between(commas, lo + 1, hi - 1):
        word = doc[k + 1]
        if word.tag_ != "VBG" or word.dep_ not in PARTICIPLE_DEPS:
            continue
        if max(t.i for t in word.subtree) >= hi - 1:
            return k
    return hi


PARTICIPLE_DEPS = frozenset({"advcl", "xcomp", "conj"})


DASHES = frozenset({"\u2014", "\u2013", "--", "-"})
"""Marks that set off a writer's aside (``— a play on words``); a hyphen counts only with
space on both sides."""


def is_dash(doc: Doc, k: int) -> bool:
    token = doc[k]
    if token.text not in DASHES:
        return False
    if token.text != "-":
        return True
    return k > 0 and bool(doc[k - 1].whitespace_) and bool(token.whitespace_)


def cut_dash_clause(doc: Doc, lo: int, hi: int, quoted: Sequence[int]) -> int:
    """New end of content ``[lo, hi)`` before a single dash outside quotation marks that
    follows a quoted fragment (``said it was "rigged" against him — a charge the party
    denied``): what follows one dash is the writer's aside; a pair of dashes sets off words
    inside the report (``troop strength - around 166,000 - lags``). In an unquoted report
    PolNeAR keeps the words after a dash more often than not. ``quoted``: per token, its
    quote or -1."""
    dashes = [k for k in range(lo + 1, hi - 1) if quoted[k] < 0 and is_dash(doc, k)]
    if len(dashes) != 1 or not any(quoted[k] >= 0 for k in range(lo, dashes[0])):
        return hi
    return dashes[0]
