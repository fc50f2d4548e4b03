"""Scoring hand-built predictions against the fixture gold: exact numbers, no spaCy."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from newsquotes.errors import DocumentError
from newsquotes.evaluate.brat import read_gold
from newsquotes.evaluate.scoring import (
    Report,
    evaluate,
    match_exact,
    score_document,
    word_stretches,
)
from newsquotes.model import Article, Quote, Span

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "gold"
GOLD = {d.name: d for d in read_gold(FIXTURES).documents}
HARBOUR = GOLD["harbour-vote"]
LIBRARY = GOLD["library-hours"]


def find(text: str, part: str, after: str = "") -> tuple[int, int]:
    start = text.index(part, text.index(after) if after else 0)
    return start, start + len(part)


def quote(
    doc_text: str,
    spans: list[tuple[int, int]],
    *,
    speaker: tuple[int, int] | None = None,
    name: str | None = None,
    cue: tuple[int, int] | None = None,
    confidence: float = 0.9,
    kind: str = "direct",
) -> Quote:
    return Quote(
        id=f"q{spans[0][0]}",
        type=kind,
        spans=spans,
        text=" ".join(doc_text[s:e] for s, e in spans),
        cue=Span.of(doc_text, *cue) if cue else None,
        speaker=Span.of(doc_text, *speaker) if speaker else None,
        speaker_name=name,
        confidence=confidence,
    )


def score(doc_quotes: dict[str, list[Quote]]) -> Report:
    report = Report(gold_dir="fixtures")
    for name, document in GOLD.items():
        score_document(report, document, doc_quotes.get(name, []))
    return report


def test_one_of_two_speech_quotes_found_gives_recall_half() -> None:
    text = LIBRARY.text
    found = quote(
        text,
        [find(text, "the cuts 'a sad day for readers'")],
        name="Odile Farrow",
        cue=find(text, "called"),
    )
    report = score({"library-hours": [found]})
    speech = report.subsets["speech"]
    assert (speech.gold, speech.predicted) == (6, 1)
    assert speech.content_exact.recall == pytest.approx(1 / 6)
    library_only = Report(gold_dir="fixtures")
    score_document(library_only, LIBRARY, [found])
    speech = library_only.subsets["speech"]
    assert speech.gold == 2
    assert speech.content_exact.recall == 0.5
    assert speech.content_exact.precision == 1.0
    assert speech.content_exact.f1 == pytest.approx(2 / 3)
    assert library_only.subsets["direct"].content_overlap.recall == 1.0
    assert library_only.subsets["all"].content_overlap.recall == pytest.approx(1 / 3)


def test_subset_sizes_of_the_fixture_gold() -> None:
    report = score({})
    assert {n: s.gold for n, s in report.subsets.items()} == {"direct": 5, "speech": 6, "all": 8}
    assert report.subsets["all"].cue.gold == 7
    assert report.subsets["all"].content_overlap.precision == 0.0


def test_exact_ignores_quote_marks_and_punctuation_overlap_takes_any_share() -> None:
    text = HARBOUR.text
    trimmed = quote(text, [find(text, "We will build the pier before winter")])
    partial = quote(text, [find(text, "This is money")])
    report = score({"harbour-vote": [trimmed, partial]})
    everything = report.subsets["all"]
    assert everything.content_exact.correct == 1
    assert everything.content_overlap.correct == 2
    assert everything.content_exact.precision == 0.5
    assert everything.content_overlap.precision == 1.0
    assert everything.content_overlap.recall == pytest.approx(2 / 8)


def test_discontinuous_gold_is_exact_only_with_both_fragments() -> None:
    text = HARBOUR.text
    first = find(text, '"The old dock is falling apart,"')
    second = find(text, '"and the ferry company will not wait for us."')
    two_fragments = quote(text, [first, second])
    one_stretch = quote(text, [(first[0], second[1])])
    assert score({"harbour-vote": [two_fragments]}).subsets["all"].content_exact.found == 1
    report = score({"harbour-vote": [one_stretch]})
    assert report.subsets["all"].content_exact.found == 0
    assert report.subsets["all"].content_overlap.found == 1


def test_fragments_parted_only_by_spaces_and_marks_are_one_stretch_of_words() -> None:
    # One annotator splits a quote at each sentence: the same words, so the same content.
    text = '"The pier is rotten.  The ferry will not wait." - Mayor Ada Quist, at the vote.'
    first = find(text, '"The pier is rotten.')
    second = find(text, 'The ferry will not wait."')
    one_stretch = (first[0], second[1])
    assert word_stretches(text, [first, second]) == word_stretches(text, [one_stretch])
    assert match_exact(
        [word_stretches(text, [first, second])], [word_stretches(text, [one_stretch])]
    ) == {0: 0}
    # Words between the fragments keep them apart.
    mayor = find(text, "Mayor Ada Quist")
    assert word_stretches(text, [first, mayor]) != word_stretches(text, [(first[0], mayor[1])])


def test_overlap_matching_is_one_to_one() -> None:
    text = HARBOUR.text
    # Different speakers, so the two are not joined as fragments of one attribution.
    larger = quote(text, [find(text, "We will build the pier")], name="Ada Quist")
    smaller = quote(text, [find(text, "before winter")], name="Per Lund")
    report = score({"harbour-vote": [smaller, larger]})
    overlap = report.subsets["all"].content_overlap
    assert (overlap.found, overlap.correct, overlap.predicted) == (1, 1, 2)
    assert overlap.precision == 0.5


def test_speaker_right_by_span_or_by_resolved_last_name() -> None:
    text = HARBOUR.text
    by_span = quote(
        text,
        [find(text, '"We will build the pier before winter,"')],
        speaker=find(text, "Jana Novak"),
    )
    by_name = quote(text, [find(text, '"Nobody asked the fishermen."')], name="Tomas Brandt")
    wrong = quote(text, [find(text, '"This is money we do not have."')], name="Jana Novak")
    report = score({"harbour-vote": [by_span, by_name, wrong]})
    everything = report.subsets["all"]
    assert (everything.matched, everything.speaker_right) == (3, 2)
    assert everything.speaker_accuracy == pytest.approx(2 / 3)
    assert everything.speaker.precision == pytest.approx(2 / 3)
    assert everything.speaker.recall == pytest.approx(2 / 8)


def test_cue_accuracy_counts_only_matched_pairs_with_a_gold_cue() -> None:
    text = HARBOUR.text
    colon = quote(
        text, [find(text, '"This is money we do not have."')], cue=find(text, ":", after="blunt")
    )
    no_gold_cue = quote(
        text,
        [find(text, '"Nobody asked the fishermen."')],
        cue=find(text, "said", after="fishermen"),
    )
    wrong_cue = quote(text, [find(text, "the vote had been rushed")], cue=find(text, "explained"))
    report = score({"harbour-vote": [colon, no_gold_cue, wrong_cue]})
    everything = report.subsets["all"]
    assert (everything.matched_with_cue, everything.cue_right) == (2, 1)
    assert everything.cue_accuracy == 0.5
    assert (everything.cue.correct, everything.cue.predicted) == (1, 3)
    assert (everything.cue.found, everything.cue.gold) == (1, 7)


def test_direct_precision_counts_only_predictions_with_quote_marks() -> None:
    text = HARBOUR.text
    with_marks = quote(text, [find(text, '"This is money we do not have."')])
    without_marks = quote(text, [find(text, "the vote had been rushed")], kind="indirect")
    invented = quote(text, [find(text, "Harbour council backs")], kind="indirect")
    report = score({"harbour-vote": [with_marks, without_marks, invented]})
    direct, speech = report.subsets["direct"], report.subsets["speech"]
    assert (direct.content_overlap.correct, direct.content_overlap.predicted) == (1, 1)
    assert direct.content_overlap.recall == pytest.approx(1 / 5)
    assert (speech.content_overlap.correct, speech.content_overlap.predicted) == (2, 3)
    assert speech.content_overlap.recall == pytest.approx(2 / 6)
    assert dict(report.predicted_by_type) == {"direct": 1, "indirect": 2}
    assert dict(report.correct_by_type) == {"direct": 1, "indirect": 1}


def _articles(quotes_by_doc: dict[str, list[Quote]]) -> list[Article]:
    return [
        Article(id=name, text=doc.text, quotes=quotes_by_doc.get(name, []))
        for name, doc in GOLD.items()
    ]


def test_threshold_drops_low_confidence_predictions() -> None:
    text = HARBOUR.text
    sure = quote(text, [find(text, '"We will build the pier before winter,"')], confidence=0.9)
    unsure = quote(text, [find(text, "Harbour council backs")], confidence=0.3)
    articles = _articles({"harbour-vote": [sure, unsure]})

    loose = evaluate(FIXTURES, predictions=articles)
    strict = evaluate(FIXTURES, predictions=articles, threshold=0.5)

    assert loose.subsets["all"].content_exact.precision == 0.5
    assert strict.subsets["all"].content_exact.precision == 1.0
    assert strict.subsets["all"].content_exact.recall == pytest.approx(1 / 8)
    assert (loose.dropped_below_threshold, strict.dropped_below_threshold) == (0, 1)


def test_missing_prediction_is_an_error_and_its_gold_counts_as_missed() -> None:
    text = LIBRARY.text
    found = quote(text, [find(text, "the council will reconsider")])
    report = evaluate(FIXTURES, predictions={"library-hours": Article("x", text, quotes=[found])})
    assert report.errors == ["harbour-vote: no prediction for this document"]
    assert report.documents == 2
    assert report.subsets["all"].content_overlap.recall == pytest.approx(1 / 8)


class _FailingPipeline:
    """Stands in for Pipeline: fails on one article, finds one quote in the other."""

    def process(self, article: Article) -> Article:
        if article.id == "harbour-vote":
            raise DocumentError(article.id, "the parser gave up")
        start = article.text.index("the council will reconsider")
        article.quotes = [quote(article.text, [(start, start + 27)])]
        return article

    def pipe(self, articles: Iterable[Article]) -> Iterator[Article | DocumentError]:
        for article in articles:
            try:
                yield self.process(article)
            except DocumentError as exc:
                yield exc


def test_pipeline_failure_is_reported_and_the_batch_goes_on() -> None:
    report = evaluate(FIXTURES, pipeline=_FailingPipeline())  # type: ignore[arg-type]
    assert len(report.errors) == 1
    assert "harbour-vote" in report.errors[0] and "the parser gave up" in report.errors[0]
    assert report.subsets["all"].content_overlap.found == 1


def test_report_serialises_and_formats() -> None:
    text = HARBOUR.text
    found = quote(
        text,
        [find(text, '"We will build the pier before winter,"')],
        name="Jana Novak",
        cue=find(text, "said"),
    )
    report = evaluate(FIXTURES, predictions=_articles({"harbour-vote": [found]}))
    data = report.to_dict()
    assert set(data["subsets"]) == {"direct", "speech", "all"}
    assert data["subsets"]["direct"]["content_exact"] == {
        "precision": 1.0,
        "recall": 0.2,
        "f1": 0.3333,
        "found": 1,
        "gold": 5,
        "correct": 1,
        "predicted": 1,
    }
    assert data["subsets"]["all"]["speaker_accuracy"] == 1.0
    table = report.format()
    assert "[direct] gold 5, predicted 1" in table
    assert "content-exact     1.000  0.200  0.333" in table


def test_a_split_quote_reported_as_two_quotes_costs_a_false_positive() -> None:
    text = HARBOUR.text
    first = quote(text, [find(text, '"The old dock is falling apart,"')], name="Novak")
    second = quote(
        text, [find(text, '"and the ferry company will not wait for us."')], name="Novak"
    )
    plain = Report(gold_dir="fixtures")
    score_document(plain, HARBOUR, [first, second])
    plain_all = plain.subsets["all"]
    assert (plain_all.content_overlap.correct, plain_all.content_overlap.predicted) == (1, 2)
    assert plain_all.content_exact.found == 0
    one_turn = Report(gold_dir="fixtures")
    score_document(
        one_turn, HARBOUR, [quote(text, [first.spans[0], second.spans[0]], name="Novak")]
    )
    turn_all = one_turn.subsets["all"]
    assert (turn_all.content_overlap.correct, turn_all.content_overlap.predicted) == (1, 1)
    assert turn_all.content_exact.found == 1


def test_role_spans_score_each_role_on_its_own_exact_and_begin() -> None:
    text = LIBRARY.text
    right_source = quote(
        text,
        [find(text, "the cuts 'a sad day for readers'")],
        speaker=find(text, "Head librarian Odile Farrow"),
        cue=find(text, "called"),
    )
    longer_content = quote(
        text,
        [find(text, "the council will")],
        speaker=find(text, "deputy"),
        cue=find(text, "hopes"),
    )
    report = Report(gold_dir="fixtures")
    score_document(report, LIBRARY, [right_source, longer_content])
    roles = report.roles.scores
    assert (roles["source"]["exact"].tp, roles["source"]["exact"].fp) == (1, 1)
    assert roles["source"]["exact"].fn == 2
    assert (roles["cue"]["exact"].tp, roles["cue"]["exact"].fn) == (2, 1)
    assert roles["cue"]["exact"].f1 == pytest.approx(0.8)
    assert (roles["content"]["exact"].tp, roles["content"]["begin"].tp) == (1, 2)
    assert roles["content"]["begin"].precision == 1.0


def test_confidence_quality_ranks_right_predictions_above_wrong_ones() -> None:
    text = HARBOUR.text
    sure = quote(text, [find(text, '"We will build the pier before winter,"')], confidence=0.95)
    invented = quote(text, [find(text, "Harbour council backs")], confidence=0.2)
    report = evaluate(FIXTURES, predictions=_articles({"harbour-vote": [sure, invented]}))
    assert report.confidence.auc == 1.0
    assert report.confidence.precision_at(0.9) == (1.0, 1)
    upside_down = evaluate(
        FIXTURES,
        predictions=_articles(
            {"harbour-vote": [quote(text, [find(text, "Harbour council backs")], confidence=0.95)]}
        ),
    )
    assert upside_down.confidence.precision_at(0.9) == (0.0, 1)
    assert "ROC-AUC 1.000" in report.format()


def test_roc_auc_counts_ties_half() -> None:
    from newsquotes.evaluate.roles import roc_auc

    assert roc_auc([(0.5, True), (0.5, False)]) == 0.5
    assert roc_auc([(0.9, True), (0.1, False), (0.5, True)]) == 1.0
    assert roc_auc([(0.9, False), (0.1, True)]) == 0.0
