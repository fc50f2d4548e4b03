"""Finds every attribution in a parsed article.

Passes over one spaCy ``Doc``, each cheap and linear, each taking what the earlier ones
left: direct quotes with a frame and transcript turns (:mod:`.direct`), indirect and mixed
speech (:mod:`.indirect`), then quoted fragments and floating quotes (:mod:`.fragments`).
Speakers are returned as the mention as written; :mod:`newsquotes.resolve.speakers` turns
mentions into people.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from ..model import Quote, Region
from ..model import Span as TextSpan
from .boundaries import settle_cue_boundary, widen_cue, with_fronted_words
from .context import ArticleView, Attribution, cue_head
from .cues import BELIEF_VERBS, NAMING_VERBS, SPEECH_VERBS, cue_lemma
from .direct import block_quotes, direct_pass, headline_claim, transcript_turns
from .fragments import floating_pass, governed_pass, join_turns_of, owned_statement_pass
from .indirect import indirect_pass, split_conjoined_reports, without_nested_reports
from .learned import MODEL_RULE, candidate_pass, judge
from .settings import DEFAULT_SETTINGS, EngineSettings


def find_attributions(
    doc: Doc,
    regions: list[Region],
    *,
    split_turns: bool = False,
    settings: EngineSettings = DEFAULT_SETTINGS,
    view: ArticleView | None = None,
) -> list[Attribution]:
    """All attributions in ``doc`` outside ``regions``, in text order.

    A frameless quote that continues the previous direct quote's speaker is folded into it
    (one attribution per speaker turn) unless ``split_turns`` asks for one per segment.
    Unless ``settings.model`` is off, the learned model judges the rules' findings and
    the candidates (:mod:`.learned`). ``view`` is the article's paragraph model when the
    caller already built it."""
    art = view if view is not None else ArticleView(doc, regions, settings)
    found = rule_attributions(art, split_turns=split_turns)
    if settings.model:
        found = judge(art, found, candidate_pass(art, found))
        found = without_nested_reports(art, found, [a for a in found if a.rule == MODEL_RULE])
    found = with_blocks(found, block_quotes(art))
    found = [widen_cue(art, settle_cue_boundary(art, without_speaker_in_content(a))) for a in found]
    taken = [span for a in found for span in a.spans]
    return [by_paragraph(art, with_fronted_words(art, a, taken)) for a in found]


def with_blocks(found: list[Attribution], blocks: list[Attribution]) -> list[Attribution]:
    """Block quotations in place of what was found inside them: their words are one
    speaker's, not the article's own reports."""
    if not blocks:
        return found
    inside = [(b.spans[0][0], b.spans[0][1]) for b in blocks]
    kept = [a for a in found if not any(s <= a.start < e for s, e in inside)]
    return sorted(kept + blocks, key=lambda a: a.start)


def paragraph_pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``[start, end)`` cut at its line breaks, each piece without the space around it."""
    pieces = []
    for match in PARAGRAPH_TEXT.finditer(text, start, end):
        piece = match.group().strip()
        if piece:
            first = match.start() + match.group().index(piece)
            pieces.append((first, first + len(piece)))
    return pieces


def by_paragraph(art: ArticleView, a: Attribution) -> Attribution:
    """A quote running over paragraphs has one span per paragraph: reported words are
    annotated that way, and a span never holds a line break."""
    spans = [piece for s, e in a.spans for piece in paragraph_pieces(art.text, s, e)]
    if spans:
        a.spans = spans
    return a


PARAGRAPH_TEXT = re.compile(r"[^\n]+")
"""A stretch of text between line breaks."""

OBJECT_CONTENT_RULES = frozenset({"speech-object", "governed", "model"})
"""Rules whose content is a verb's object or complement, which the speaker never sits in."""


def without_speaker_in_content(a: Attribution) -> Attribution:
    """A speaker mention inside the reported words (``said most of the fishermen believe``,
    ``the harsh words Dunmore had used``) is what is reported on, not who reports it:
    better no speaker than the wrong one."""
    if (
        a.rule in OBJECT_CONTENT_RULES
        and a.speaker is not None
        and any(s < a.speaker[1] and a.speaker[0] < e for s, e in a.spans)
    ):
        a.speaker = None
    return a


def rule_attributions(art: ArticleView, *, split_turns: bool = False) -> list[Attribution]:
    """What the rule passes find, in text order, turns joined unless ``split_turns``."""
    transcript = transcript_turns(art)
    direct, used = direct_pass(art, split_turns=split_turns)
    turns = [(art.paragraph_starts[art.paragraph_of(t.start)], t.spans[0][1]) for t in transcript]
    direct = [a for a in direct if not any(start <= a.start < end for start, end in turns)]
    transcript += [
        a
        for a in headline_claim(art)
        if not any(s < a.spans[0][1] and a.start < e for b in direct for s, e in b.spans)
    ]
    indirect = indirect_pass(art, direct + transcript)
    direct = without_nested_reports(art, direct, indirect)
    found = direct + transcript + indirect
    found += governed_pass(art, found, used)
    # A quote that opens with a transcript label ('"WALLACE: ...') is the label's turn, not a
    # floating quote of whoever spoke before.
    found += [
        a
        for a in floating_pass(art, found, used)
        if not any(start <= a.start < end for start, end in turns)
    ]
    # after the floating pass: an owned claim is no turn a later quote continues
    found += owned_statement_pass(art, found)
    found = [a for a in found if not art.in_region(a.start)]
    found.sort(key=lambda a: a.start)
    found = split_conjoined_reports(art, found)
    return found if split_turns else join_turns_of(art, found)


def act_of(doc: Doc, cue: tuple[int, int] | None) -> str:
    """``speech`` for quotes without a cue and for speaking, writing and naming verbs;
    ``thought`` for beliefs, intentions and endorsements (``hopes``, ``backs``, ``wants``)."""
    if cue is None:
        return "speech"
    token = cue_head(doc, cue)
    base = cue_lemma(token.lemma_, token.text)
    if base in BELIEF_VERBS:
        return "thought"
    spoken = base in SPEECH_VERBS or base in NAMING_VERBS or not token.is_alpha
    return "speech" if spoken or token.lower_ == "according" else "thought"


def _cue_span(doc: Doc, cue: tuple[int, int] | None) -> TextSpan | None:
    if cue is None:
        return None
    span: Span = doc[cue[0] : cue[1]]
    return TextSpan(span.start_char, span.end_char, span.text)


def attribute(
    doc: Doc,
    regions: list[Region],
    *,
    split_turns: bool = False,
    settings: EngineSettings = DEFAULT_SETTINGS,
    view: ArticleView | None = None,
) -> list[Quote]:
    """The quotes of ``doc`` as records, speakers as written (resolution comes later)."""
    text = doc.text
    quotes = []
    found = find_attributions(doc, regions, split_turns=split_turns, settings=settings, view=view)
    for n, a in enumerate(found, start=1):
        speaker = TextSpan.of(text, *a.speaker) if a.speaker else None
        quotes.append(
            Quote(
                id=f"q{n}",
                type=a.type,
                spans=[(s, e) for s, e in a.spans],
                text=" ".join(text[s:e] for s, e in a.spans),
                cue=_cue_span(doc, a.cue),
                speaker=speaker,
                speaker_name=speaker.text if speaker else None,
                confidence=round(min(1.0, max(0.0, a.confidence)), 3),
                act=act_of(doc, a.cue),
                via=a.rule,
            )
        )
    return quotes
