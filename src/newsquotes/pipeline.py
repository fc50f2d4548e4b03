"""The per-article pipeline: clean → analyse → attribute → resolve.

This is the one piece of code that every front end runs: the CLI, the corpus ingest, the
REST API and the Spark job all call :class:`Pipeline`. It is also a spaCy component
(``nlp.add_pipe("newsquotes")``) that sets ``doc._.quotes`` and ``doc._.speakers``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import asdict

from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.tokens import Span as DocSpan

from .clean.page_furniture import find_regions
from .errors import DocumentError, DocumentTooLargeError, LanguageError, PipelineConfigError
from .model import Article, Entity, Quote, Region, Span, Speaker
from .nlp import load_spacy, split_glued_dashes
from .quotes.attribute import attribute
from .quotes.calibrate import (
    DEFAULT_CALIBRATION,
    CalibrationSettings,
    calibrate,
    load_calibrator,
    quoted_speakers,
)
from .quotes.context import CHILDREN_KEY, SETTINGS_KEY, ArticleView
from .quotes.settings import DEFAULT_SETTINGS, EngineSettings
from .read.language import guess_language, language_name
from .read.sources import replace_lone_surrogates
from .resolve.speakers import ResolutionSettings, resolve_speakers

_PATHOLOGICAL_RUN = re.compile(r"[^\w\s]{64,}")
"""Long runs of punctuation (10,000 quote marks) make the tokenizer crawl; they hold no words."""

MAX_CHARS = 1_000_000
"""Longest article we parse; spaCy needs about 1 GB of memory per 100,000 words."""

LONG_ARTICLE_CHARS = 50_000
"""Articles longer than this (the longest in PolNeAR is 34,000) are parsed in pieces: spaCy's
working memory grows with the length of what it parses at once (about 370 MB per 100 kB),
in pieces it stays that of one piece (about 80 MB per 100 kB in all)."""

PIECE_CHARS = 25_000
"""Target size of a piece; cut at a paragraph break, else after a sentence, else at a space."""

_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+")

for _name in ("quotes", "speakers", "regions"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


@Language.component("newsquotes_paragraphs")
def paragraph_boundaries(doc: Doc) -> Doc:
    """Start a new sentence after every line break: news paragraphs never share a sentence."""
    for token in doc[:-1]:
        if "\n" in token.text or "\n" in token.whitespace_:
            doc[token.i + 1].is_sent_start = True
    return doc


class QuoteComponent:
    """spaCy component: finds quotes and speakers in ``doc`` (regions from ``doc._.regions``)."""

    def __init__(
        self,
        nlp: Language,
        name: str = "newsquotes",
        split_turns: bool = False,
        settings: EngineSettings = DEFAULT_SETTINGS,
        resolution: ResolutionSettings | None = None,
        calibration: CalibrationSettings = DEFAULT_CALIBRATION,
    ) -> None:
        self.name = name
        self.split_turns = split_turns
        self.settings = settings
        self.resolution = resolution or ResolutionSettings()
        self.calibration = calibration
        if calibration.enabled:
            load_calibrator(calibration.model_path)  # a missing file fails here, not mid-batch

    def __call__(self, doc: Doc) -> Doc:
        _require_parse(doc)
        _install_linear_hooks(doc)
        regions = doc._.regions
        if regions is None:
            regions, _title = find_regions(doc.text)
            doc._.regions = regions
        # One paragraph/sentence model of the article, shared by attribution and resolution.
        view = ArticleView(doc, regions, self.settings)
        quotes = attribute(
            doc, regions, split_turns=self.split_turns, settings=self.settings, view=view
        )
        speakers = resolve_speakers(view, quotes, self.resolution)
        # The quotes are final: their confidence is learned from them as they stand.
        quotes = calibrate(view, quotes, speakers, self.calibration)
        speakers = quoted_speakers(quotes, speakers)
        doc.user_data.pop(CHILDREN_KEY, None)
        doc.user_data.pop(SETTINGS_KEY, None)
        doc._.quotes = quotes
        doc._.speakers = speakers
        return doc


def _install_linear_hooks(doc: Doc) -> None:
    """Make ``span.root`` and ``token.sent`` cost the span, not the document.

    spaCy finds a span's root by walking every token up to the sentence root, and a token's
    sentence by scanning to both ends of it: in a text that parses as one long chain
    (``Novak said Novak said ...``) each call costs the whole text, and the engine makes
    one per quote. Depths and sentence bounds computed once give the same answers.
    """
    if "root" in doc.user_span_hooks or not doc.has_annotation("DEP"):
        return
    heads = [token.head.i for token in doc]
    depth = _depths(heads)
    # As spaCy does: a space or punctuation mark without children is a root only last.
    has_children = [False] * len(heads)
    for i, head in enumerate(heads):
        if head != i:
            has_children[head] = True
    for token in doc:
        if (token.is_space or token.is_punct) and not has_children[token.i]:
            depth[token.i] = len(doc) - 1
    starts = [sent.start for sent in doc.sents]

    def root(span: DocSpan) -> Token:
        if span.doc is not doc:  # a copy (``span.as_doc()``) carries the hooks along
            del span.doc.user_span_hooks["root"]
            return span.root
        best, best_depth = span.start, len(doc)
        for i in range(span.start, span.end):
            head = heads[i]
            if span.start <= head < span.end and head != i:
                continue
            if head == i:
                return doc[i]
            if depth[i] < best_depth:
                best, best_depth = i, depth[i]
        return doc[best]

    def sent(token: Token) -> DocSpan:
        if token.doc is not doc:
            del token.doc.user_token_hooks["sent"]
            return token.sent
        n = bisect_right(starts, token.i) - 1
        end = starts[n + 1] if n + 1 < len(starts) else len(doc)
        return doc[starts[n] : end]

    doc.user_span_hooks["root"] = root
    doc.user_token_hooks["sent"] = sent


def _depths(heads: list[int]) -> list[int]:
    """Steps from each token up to its sentence root, each token visited once."""
    depth = [-1] * len(heads)
    for start in range(len(heads)):
        path = []
        node = start
        while depth[node] < 0 and heads[node] != node:
            path.append(node)
            node = heads[node]
            if len(path) > len(heads):  # a cycle: never in a parse, but never loop forever
                break
        base = depth[node] if depth[node] >= 0 else 0
        if depth[node] < 0:
            depth[node] = 0
        for step, visited in enumerate(reversed(path), start=1):
            depth[visited] = base + step
    return depth


def _require_parse(doc: Doc) -> None:
    """Without a dependency parse no cue or speaker can be found: say so, instead of
    returning no quotes (``spacy.blank("en")`` with ``add_pipe("newsquotes")``)."""
    if doc.has_annotation("DEP") or all(token.is_space for token in doc):
        return
    raise PipelineConfigError(
        "the newsquotes component needs a dependency parse, and this pipeline has no parser "
        "before it",
        advice='add it after a parser: nlp = spacy.load("en_core_web_sm"); '
        'nlp.add_pipe("newsquotes"), or use newsquotes.build_nlp()',
    )


_RESOLUTION_DEFAULTS = ResolutionSettings()


def calibration_config(calibration: CalibrationSettings) -> dict[str, bool | float | int | str]:
    """The component config keys of ``calibration``."""
    return {
        "calibrate": calibration.enabled,
        "calibration_model": calibration.model_path,
        "calibration_drop_below": calibration.drop_below,
        "calibration_min_rule_examples": calibration.min_rule_examples,
    }


# Confidence calibration, the last stage (quotes/calibrate.py has what each one means).
CALIBRATION_CONFIG = calibration_config(DEFAULT_CALIBRATION)

# Attribution engine thresholds (quotes/settings.py has what each one means).
ENGINE_CONFIG: dict[str, bool | float | int] = {
    "model": DEFAULT_SETTINGS.model,
    "model_drop_below": DEFAULT_SETTINGS.model_drop_below,
    "model_accept_at": DEFAULT_SETTINGS.model_accept_at,
    "frame_window": DEFAULT_SETTINGS.frame_window,
    "floating_paragraphs": DEFAULT_SETTINGS.floating_paragraphs,
    "max_quote_paragraphs": DEFAULT_SETTINGS.max_quote_paragraphs,
    "continuation_chars": DEFAULT_SETTINGS.continuation_chars,
    "join_next_sentence": DEFAULT_SETTINGS.join_next_sentence,
    "turn_ends_at_narration": DEFAULT_SETTINGS.turn_ends_at_narration,
    "conjoined_reports_apart": DEFAULT_SETTINGS.conjoined_reports_apart,
    "dash_ends_report": DEFAULT_SETTINGS.dash_ends_report,
    "mixed_parentheticals": DEFAULT_SETTINGS.mixed_parentheticals,
    "naming_through_preposition": DEFAULT_SETTINGS.naming_through_preposition,
    "inverted_frame_speaker": DEFAULT_SETTINGS.inverted_frame_speaker,
    "name_before_aside": DEFAULT_SETTINGS.name_before_aside,
    "abbreviations_in_frames": DEFAULT_SETTINGS.abbreviations_in_frames,
    "naming_cue_before_fragment": DEFAULT_SETTINGS.naming_cue_before_fragment,
    "object_names_quote": DEFAULT_SETTINGS.object_names_quote,
    "report_joins_next_paragraph": DEFAULT_SETTINGS.report_joins_next_paragraph,
    "clause_before_quote": DEFAULT_SETTINGS.clause_before_quote,
    "settle_cues": DEFAULT_SETTINGS.settle_cues,
    "widen_cues": DEFAULT_SETTINGS.widen_cues,
    "whole_governed_clause": DEFAULT_SETTINGS.whole_governed_clause,
    "clause_after_fragment": DEFAULT_SETTINGS.clause_after_fragment,
    "subject_hops": DEFAULT_SETTINGS.subject_hops,
    "main_clause_climb": DEFAULT_SETTINGS.main_clause_climb,
    "absolute_phrases": DEFAULT_SETTINGS.absolute_phrases,
    "stranded_subjects": DEFAULT_SETTINGS.stranded_subjects,
    "colon_blocks": DEFAULT_SETTINGS.colon_blocks,
    "signatures_sign_paragraphs": DEFAULT_SETTINGS.signatures_sign_paragraphs,
    "nested_reports_outer": DEFAULT_SETTINGS.nested_reports_outer,
    "subject_walk": DEFAULT_SETTINGS.subject_walk,
    "governed_complement_start": DEFAULT_SETTINGS.governed_complement_start,
    "clause_before_capital": DEFAULT_SETTINGS.clause_before_capital,
    "titles_in_frames": DEFAULT_SETTINGS.titles_in_frames,
    "cue_before_fragment": DEFAULT_SETTINGS.cue_before_fragment,
    "describing_clauses": DEFAULT_SETTINGS.describing_clauses,
    "relative_naming": DEFAULT_SETTINGS.relative_naming,
    "headline_claims": DEFAULT_SETTINGS.headline_claims,
    "headline_source_words": DEFAULT_SETTINGS.headline_source_words,
    "fronted_words": DEFAULT_SETTINGS.fronted_words,
    "max_fronted_tokens": DEFAULT_SETTINGS.max_fronted_tokens,
}


@Language.factory(
    "newsquotes",
    default_config={
        "split_turns": False,
        "pronoun_window_paragraphs": _RESOLUTION_DEFAULTS.pronoun_window_paragraphs,
        "continuity_window_paragraphs": _RESOLUTION_DEFAULTS.continuity_window_paragraphs,
        "group_pronoun_window_paragraphs": _RESOLUTION_DEFAULTS.group_pronoun_window_paragraphs,
        "antecedent_limit": _RESOLUTION_DEFAULTS.antecedent_limit,
        "thing_continuity_paragraphs": _RESOLUTION_DEFAULTS.thing_continuity_paragraphs,
        "object_people_antecedent": _RESOLUTION_DEFAULTS.object_people_antecedent,
        "someone_like": _RESOLUTION_DEFAULTS.someone_like,
        "min_misspelt_surname": _RESOLUTION_DEFAULTS.min_misspelt_surname,
        "max_misspelt_uses": _RESOLUTION_DEFAULTS.max_misspelt_uses,
        "misspelt_rarity": _RESOLUTION_DEFAULTS.misspelt_rarity,
        "description_window_sentences": _RESOLUTION_DEFAULTS.description_window_sentences,
        "description_lookahead_paragraphs": _RESOLUTION_DEFAULTS.description_lookahead_paragraphs,
        "description_lede_paragraphs": _RESOLUTION_DEFAULTS.description_lede_paragraphs,
        "headline_max_words": _RESOLUTION_DEFAULTS.headline_max_words,
        "headline_capitalised": _RESOLUTION_DEFAULTS.headline_capitalised,
        "appositive_max_tokens": _RESOLUTION_DEFAULTS.appositive_max_tokens,
        "honorifics_before_name": _RESOLUTION_DEFAULTS.honorifics_before_name,
        "person_org_max_words": _RESOLUTION_DEFAULTS.person_org_max_words,
        "appositive_depth": _RESOLUTION_DEFAULTS.appositive_depth,
        **ENGINE_CONFIG,
        **CALIBRATION_CONFIG,
    },
)
def make_quote_component(
    nlp: Language,
    name: str,
    split_turns: bool,
    pronoun_window_paragraphs: int,
    continuity_window_paragraphs: int,
    group_pronoun_window_paragraphs: int,
    antecedent_limit: int,
    thing_continuity_paragraphs: int,
    object_people_antecedent: bool,
    someone_like: bool,
    min_misspelt_surname: int,
    max_misspelt_uses: int,
    misspelt_rarity: int,
    description_window_sentences: int,
    description_lookahead_paragraphs: int,
    description_lede_paragraphs: int,
    headline_max_words: int,
    headline_capitalised: float,
    appositive_max_tokens: int,
    honorifics_before_name: int,
    person_org_max_words: int,
    appositive_depth: int,
    model: bool,
    model_drop_below: float,
    model_accept_at: float,
    frame_window: int,
    floating_paragraphs: int,
    max_quote_paragraphs: int,
    continuation_chars: int,
    join_next_sentence: bool,
    turn_ends_at_narration: bool,
    conjoined_reports_apart: bool,
    dash_ends_report: bool,
    mixed_parentheticals: bool,
    naming_through_preposition: bool,
    inverted_frame_speaker: bool,
    name_before_aside: bool,
    abbreviations_in_frames: bool,
    naming_cue_before_fragment: bool,
    object_names_quote: bool,
    report_joins_next_paragraph: bool,
    clause_before_quote: bool,
    settle_cues: bool,
    widen_cues: bool,
    whole_governed_clause: bool,
    clause_after_fragment: bool,
    subject_hops: int,
    main_clause_climb: int,
    absolute_phrases: bool,
    stranded_subjects: bool,
    colon_blocks: bool,
    signatures_sign_paragraphs: bool,
    nested_reports_outer: bool,
    subject_walk: int,
    governed_complement_start: bool,
    clause_before_capital: bool,
    titles_in_frames: bool,
    cue_before_fragment: bool,
    describing_clauses: bool,
    relative_naming: bool,
    headline_claims: bool,
    headline_source_words: int,
    fronted_words: bool,
    max_fronted_tokens: int,
    calibrate: bool,
    calibration_model: str,
    calibration_drop_below: float,
    calibration_min_rule_examples: int,
) -> QuoteComponent:
    """``split_turns``: one quote per quoted segment instead of per speaker turn. Then the
    speaker resolver's windows (:class:`ResolutionSettings`) and the attribution engine's
    thresholds (:class:`EngineSettings`), then the confidence calibration
    (:class:`CalibrationSettings`: on or off, another model file, a drop threshold)."""
    resolution = ResolutionSettings(
        pronoun_window_paragraphs=pronoun_window_paragraphs,
        continuity_window_paragraphs=continuity_window_paragraphs,
        group_pronoun_window_paragraphs=group_pronoun_window_paragraphs,
        antecedent_limit=antecedent_limit,
        thing_continuity_paragraphs=thing_continuity_paragraphs,
        object_people_antecedent=object_people_antecedent,
        someone_like=someone_like,
        min_misspelt_surname=min_misspelt_surname,
        max_misspelt_uses=max_misspelt_uses,
        misspelt_rarity=misspelt_rarity,
        description_window_sentences=description_window_sentences,
        description_lookahead_paragraphs=description_lookahead_paragraphs,
        description_lede_paragraphs=description_lede_paragraphs,
        headline_max_words=headline_max_words,
        headline_capitalised=headline_capitalised,
        appositive_max_tokens=appositive_max_tokens,
        honorifics_before_name=honorifics_before_name,
        person_org_max_words=person_org_max_words,
        appositive_depth=appositive_depth,
    )
    settings = EngineSettings(
        model=model,
        model_drop_below=model_drop_below,
        model_accept_at=model_accept_at,
        frame_window=frame_window,
        floating_paragraphs=floating_paragraphs,
        max_quote_paragraphs=max_quote_paragraphs,
        continuation_chars=continuation_chars,
        join_next_sentence=join_next_sentence,
        turn_ends_at_narration=turn_ends_at_narration,
        conjoined_reports_apart=conjoined_reports_apart,
        dash_ends_report=dash_ends_report,
        mixed_parentheticals=mixed_parentheticals,
        naming_through_preposition=naming_through_preposition,
        inverted_frame_speaker=inverted_frame_speaker,
        name_before_aside=name_before_aside,
        abbreviations_in_frames=abbreviations_in_frames,
        naming_cue_before_fragment=naming_cue_before_fragment,
        object_names_quote=object_names_quote,
        report_joins_next_paragraph=report_joins_next_paragraph,
        clause_before_quote=clause_before_quote,
        settle_cues=settle_cues,
        widen_cues=widen_cues,
        whole_governed_clause=whole_governed_clause,
        clause_after_fragment=clause_after_fragment,
        subject_hops=subject_hops,
        main_clause_climb=main_clause_climb,
        absolute_phrases=absolute_phrases,
        stranded_subjects=stranded_subjects,
        colon_blocks=colon_blocks,
        signatures_sign_paragraphs=signatures_sign_paragraphs,
        nested_reports_outer=nested_reports_outer,
        subject_walk=subject_walk,
        governed_complement_start=governed_complement_start,
        clause_before_capital=clause_before_capital,
        titles_in_frames=titles_in_frames,
        cue_before_fragment=cue_before_fragment,
        describing_clauses=describing_clauses,
        relative_naming=relative_naming,
        headline_claims=headline_claims,
        headline_source_words=headline_source_words,
        fronted_words=fronted_words,
        max_fronted_tokens=max_fronted_tokens,
    )
    calibration = CalibrationSettings(
        enabled=calibrate,
        model_path=calibration_model,
        drop_below=calibration_drop_below,
        min_rule_examples=calibration_min_rule_examples,
    )
    return QuoteComponent(nlp, name, split_turns, settings, resolution, calibration)


def build_nlp(
    base: Language | None = None,
    *,
    split_turns: bool = False,
    settings: EngineSettings = DEFAULT_SETTINGS,
    calibration: CalibrationSettings = DEFAULT_CALIBRATION,
) -> Language:
    """The English model with the paragraph splitter before the parser and ``newsquotes`` last
    (configured with ``split_turns``, the engine ``settings`` and the ``calibration``)."""
    nlp = split_glued_dashes(base if base is not None else load_spacy())
    if "newsquotes_paragraphs" not in nlp.pipe_names:
        before = "parser" if "parser" in nlp.pipe_names else None
        nlp.add_pipe("newsquotes_paragraphs", before=before)
    if "newsquotes" not in nlp.pipe_names:
        config = {
            "split_turns": split_turns,
            **asdict(settings),
            **calibration_config(calibration),
        }
        nlp.add_pipe("newsquotes", last=True, config=config)
    nlp.max_length = MAX_CHARS + 1
    return nlp


class Pipeline:
    """Turns :class:`Article` records with text into articles with quotes and speakers."""

    def __init__(
        self,
        nlp: Language | None = None,
        *,
        split_turns: bool = False,
        settings: EngineSettings = DEFAULT_SETTINGS,
        calibration: CalibrationSettings = DEFAULT_CALIBRATION,
    ) -> None:
        """By default a speaker's turn is one quote: quotes that run on without a new
        attribution (``"A," she said. "B."``) are one quote with several spans, as PolNeAR
        and PARC annotate them. ``split_turns`` reports each quoted segment on its own."""
        self.split_turns = split_turns
        self.nlp = build_nlp(
            nlp, split_turns=split_turns, settings=settings, calibration=calibration
        )

    def _check(self, article: Article) -> None:
        """Refuse what cannot be analysed; make safe what can (lone surrogates, which no
        encoder accepts, become U+FFFD at the same offsets)."""
        name = article.source or article.id
        if len(article.text) > MAX_CHARS:
            raise DocumentTooLargeError(
                name,
                f"the article has {len(article.text):,} characters, more than {MAX_CHARS:,}",
                advice="split it into articles, or check that it is one article at all",
            )
        article.text = replace_lone_surrogates(article.text)
        if article.title:
            article.title = replace_lone_surrogates(article.title)
        _check_language(article, name)

    def _make_doc(self, article: Article) -> Doc:
        doc = self.nlp.make_doc(self._parse_text(article))
        doc._.regions = list(article.regions)
        return doc

    @staticmethod
    def _parse_text(article: Article) -> str:
        """The text the parser sees, with the article's regions found if it has none.

        Same length, same offsets: only runs of punctuation become spaces for the parser."""
        if not article.regions and article.title is None:
            regions, title = find_regions(article.text)
            article.regions = regions
            article.title = title
        return _PATHOLOGICAL_RUN.sub(lambda m: " " * len(m.group()), article.text)

    @staticmethod
    def _finish(article: Article, doc: Doc) -> Article:
        article.quotes = list(doc._.quotes or [])
        if doc.text != article.text:
            text = article.text
            for quote in article.quotes:
                quote.text = " ".join(text[s:e] for s, e in quote.spans)
                if quote.cue:
                    quote.cue = Span.of(text, quote.cue.start, quote.cue.end)
                if quote.speaker:
                    quote.speaker = Span.of(text, quote.speaker.start, quote.speaker.end)
        article.speakers = list(doc._.speakers or [])
        article.entities = [
            Entity(
                ent.start_char,
                ent.end_char,
                article.text[ent.start_char : ent.end_char],
                ent.label_,
            )
            for ent in doc.ents
        ]
        return article

    def process(self, article: Article) -> Article:
        """Find the quotes and speakers of one article (raises :class:`DocumentError`)."""
        self._check(article)
        if not article.text.strip():
            return article
        if len(article.text) > LONG_ARTICLE_CHARS:
            doc = self._parse_in_pieces(article)
        else:
            doc = self._make_doc(article)
            for name, proc in self.nlp.pipeline:
                if name != "newsquotes":
                    doc = proc(doc)
        return self._finish(article, self.nlp.get_pipe("newsquotes")(doc))

    def _parse_in_pieces(self, article: Article) -> Doc:
        """The parse of a long article as one document, made piece by piece (same text, same
        offsets; every piece starts a sentence)."""
        text = self._parse_text(article)
        with self.nlp.select_pipes(disable=["newsquotes"]):
            parsed = [self.nlp(piece) for piece in _pieces(text)]
        doc = Doc.from_docs(parsed, ensure_whitespace=False)
        doc._.regions = list(article.regions)
        return doc

    def pipe(
        self, articles: Iterable[Article], batch_size: int = 16
    ) -> Iterator[Article | DocumentError]:
        """Process many articles in batches (faster than one by one), in order; a bad one is
        yielded as its error and the rest go on."""
        batch: list[Article] = []
        for article in articles:
            batch.append(article)
            if len(batch) >= batch_size:
                yield from self._batch(batch)
                batch = []
        if batch:
            yield from self._batch(batch)

    def _batch(self, articles: list[Article]) -> Iterator[Article | DocumentError]:
        results: list[Article | DocumentError | None] = []
        docs: list[Doc] = []
        for article in articles:
            if len(article.text) > LONG_ARTICLE_CHARS:
                try:
                    results.append(self.process(article))  # parsed in pieces on its own
                except DocumentError as exc:
                    results.append(exc)
                continue
            try:
                self._check(article)
            except DocumentError as exc:
                results.append(exc)
                continue
            if not article.text.strip():
                results.append(article)
                continue
            docs.append(self._make_doc(article))
            results.append(None)
        parsed = iter(self.nlp.pipe(docs, batch_size=len(docs) or 1))
        for article, result in zip(articles, results, strict=True):
            yield self._finish(article, next(parsed)) if result is None else result


def _check_language(article: Article, name: str) -> None:
    """English goes on; another language is a :class:`LanguageError`. The text decides: a page
    declared ``pt`` whose words are English is read, one declared nothing is guessed."""
    guessed = guess_language(article.text)
    declared = (article.language or "").split("-")[0].lower() or None
    if guessed == "en" or (guessed is None and declared in (None, "en")):
        return
    language = guessed or declared or "unknown"
    article.language = article.language or language
    raise LanguageError(name, language, language_name(language))


def _pieces(text: str) -> list[str]:
    """``text`` cut into pieces of about :data:`PIECE_CHARS`, each ending at a paragraph break,
    else after a sentence, else at a space (else where the size says)."""
    pieces: list[str] = []
    start = 0
    while len(text) - start > PIECE_CHARS:
        limit = start + PIECE_CHARS
        floor = start + PIECE_CHARS // 2
        cut = text.rfind("\n", floor, limit) + 1
        if cut <= 0:
            ends = [m.end() for m in _SENTENCE_END.finditer(text, floor, limit)]
            cut = ends[-1] if ends else text.rfind(" ", floor, limit) + 1
        if cut <= 0:
            cut = limit
        pieces.append(text[start:cut])
        start = cut
    pieces.append(text[start:])
    return pieces


_default: Pipeline | None = None


def default_pipeline() -> Pipeline:
    """One shared pipeline per process (loading the model is the slow part)."""
    global _default
    if _default is None:
        _default = Pipeline()
    return _default


def extract(
    text: str,
    *,
    id: str = "article",
    title: str | None = None,
    regions: list[Region] | None = None,
) -> Article:
    """Find every quote in ``text`` and who said it.

    >>> article = extract('"We will win," said Jana Novak, the party leader.')
    >>> article.quotes[0].speaker_name
    'Jana Novak'
    """
    article = Article(id=id, text=text, title=title, regions=list(regions or []))
    return default_pipeline().process(article)


__all__ = [
    "Article",
    "Pipeline",
    "Quote",
    "QuoteComponent",
    "Speaker",
    "build_nlp",
    "default_pipeline",
    "extract",
]
