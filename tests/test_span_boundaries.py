"""Where a quote's content, its turn and its cue begin and end, as PolNeAR draws them."""

from __future__ import annotations

import pytest

from newsquotes import extract
from newsquotes.model import Article, Quote
from newsquotes.pipeline import Pipeline, default_pipeline


@pytest.fixture(scope="module", autouse=True)
def _load_model() -> None:
    default_pipeline()


def quote_at(article: Article, part: str) -> Quote:
    """The one quote whose spans cover ``part`` of the article text."""
    start = article.text.index(part)
    end = start + len(part)
    found = [q for q in article.quotes if any(s < end and start < e for s, e in q.spans)]
    assert len(found) == 1, [q.text for q in article.quotes]
    return found[0]


def pieces(article: Article, quote: Quote) -> list[str]:
    return [article.text[s:e] for s, e in quote.spans]


def test_the_next_sentence_quote_is_the_rest_of_the_turn() -> None:
    text = (
        "“The pier will not survive another winter,” Ada Finch said, arguing that the "
        "council had ignored the engineers. “We have warned them for years.”"
    )
    q = quote_at(extract(text), "The pier")
    assert pieces(extract(text), q) == [
        "“The pier will not survive another winter,”",
        "“We have warned them for years.”",
    ]
    split = Pipeline(split_turns=True).process(Article(id="pier", text=text))
    assert pieces(split, quote_at(split, "The pier")) == [
        "“The pier will not survive another winter,”"
    ]


def test_a_next_sentence_quote_with_its_own_frame_is_a_new_turn() -> None:
    text = '"The ferry runs on time," Ada Finch said. "The buses do not," Ellis Marr replied.'
    article = extract(text)
    assert pieces(article, quote_at(article, "The ferry")) == ['"The ferry runs on time,"']
    assert pieces(article, quote_at(article, "The buses")) == ['"The buses do not,"']


def test_a_nested_quote_closing_with_the_turn_ends_like_speech() -> None:
    text = (
        "“Your letter calls the flood ‘an act of nature,’” Ada Finch said. “Nobody in this "
        "town believes that.”"
    )
    article = extract(text)
    q = quote_at(article, "Your letter")
    assert q.type == "direct"
    assert q.cue is not None and q.cue.text == "said"
    assert len(q.spans) == 2


def test_a_clause_after_a_comma_is_not_the_frame_verb_s_own() -> None:
    text = (
        "“It is over,” she said of the harbour vote in 2020, in which she had felt sure Mayor "
        "Holt would lose and the fishermen would at last be heard."
    )
    q = quote_at(extract(text), "It is over")
    assert q.type == "direct"
    assert q.text == "“It is over,”"
    assert q.cue is not None and q.cue.text == "said"


def test_a_quote_over_paragraphs_has_one_span_per_paragraph() -> None:
    first = '"The harbour was the heart of this town for two hundred years.'
    second = '"Now the boats are gone and the young people leave," said Ellis Marr.'
    text = f"{first}\n\n{second}"
    article = extract(text)
    q = quote_at(article, "The harbour")
    assert pieces(article, q) == [first, '"Now the boats are gone and the young people leave,"']


@pytest.mark.parametrize(
    ("text", "content"),
    [
        (
            'Ada Finch said in an interview on Friday that, "The pier will not survive '
            'another winter."',
            'that, "The pier will not survive another winter."',
        ),
        (
            'Ada Finch said the harbour has one real asset: "Its people, and nothing else."',
            'the harbour has one real asset: "Its people, and nothing else."',
        ),
        (
            'Ada Finch told the crowd at the pier, "The harbour will be open in May."',
            '"The harbour will be open in May."',
        ),
    ],
    ids=["that-clause", "clause-with-verb", "listener-is-frame"],
)
def test_reported_words_between_the_cue_and_its_quote_are_content(text: str, content: str) -> None:
    q = quote_at(extract(text), content.strip('"'))
    assert q.text == content
    assert q.cue is not None and q.cue.text in ("said", "told")


@pytest.mark.parametrize(
    ("text", "content"),
    [
        (
            'With three ferries gone, "there is no way to reach the island," Ellis Marr said.',
            'With three ferries gone, "there is no way to reach the island,"',
        ),
        (
            'The pier "has been neglected for a decade," Ellis Marr said.',
            'The pier "has been neglected for a decade,"',
        ),
    ],
    ids=["after-a-comma", "no-verb-before"],
)
def test_a_lowercase_quote_completes_the_clause_it_sits_in(text: str, content: str) -> None:
    q = quote_at(extract(text), content.split('"')[1])
    assert q.text == content
    assert q.type == "mixed"


@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        (
            "Ada Finch politely suggested that the pier should close for the winter.",
            "politely suggested",
            "that the pier should close for the winter",
        ),
        (
            "Ada Finch seemed to indicate that the pier would close for the winter.",
            "seemed to indicate",
            "that the pier would close for the winter",
        ),
        (
            'Ada Finch added: "The pier will close for the winter and open in May."',
            "added:",
            '"The pier will close for the winter and open in May."',
        ),
        (
            "Ada Finch talked about the harbour plan and the ferry timetable at length.",
            "talked about",
            "the harbour plan and the ferry timetable at length",
        ),
        (
            "Ada Finch declined to comment on the harbour plan for the island.",
            "declined to comment on",
            "the harbour plan for the island",
        ),
        (
            "Mayor Ada Finch spoke highly of the new ferry service to the island.",
            "spoke highly of",
            "the new ferry service to the island",
        ),
    ],
    ids=[
        "adverb",
        "infinitive",
        "colon",
        "preposition",
        "infinitive-and-preposition",
        "adverb-and-preposition",
    ],
)
def test_the_cue_holds_the_words_that_tie_the_verb_to_its_content(
    text: str, cue: str, content: str
) -> None:
    q = quote_at(extract(text), content)
    assert q.cue is not None and q.cue.text == cue
    assert q.text == content


def test_a_frame_with_a_second_cue_starts_a_new_attribution() -> None:
    text = (
        "“The island cannot pay for the ferry now,” Ada Finch said, adding later, “We will "
        "have to build our own boat.”"
    )
    article = extract(text)
    first = quote_at(article, "The island cannot pay")
    second = quote_at(article, "We will have to")
    assert first is not second
    assert second.cue is not None and second.cue.text == "adding"


def test_a_stray_straight_mark_does_not_run_into_curly_quotes() -> None:
    text = (
        '"Ellis was asleep by then.\n\n'
        "“Here he is at last,” she said. “The mayor is here.”\n\n"
        "The crowd cheered."
    )
    article = extract(text)
    q = quote_at(article, "Here he is")
    assert pieces(article, q) == ["“Here he is at last,”", "“The mayor is here.”"]


@pytest.mark.parametrize(
    ("text", "content"),
    [
        (
            'At the inquiry, Ada Finch cited the letters of the harbour master as "pure spite" '
            "as signs of his scorn for the fishermen.",
            'the letters of the harbour master as "pure spite" as signs of his scorn for the '
            "fishermen",
        ),
    ],
    ids=["adjunct-after-fragment"],
)
def test_a_quoted_fragment_s_content_is_its_verb_s_whole_clause(text: str, content: str) -> None:
    q = quote_at(extract(text), content.split('"')[1])
    assert q.text == content


def test_a_fragment_belongs_to_the_reporting_verb_above_its_own_verb() -> None:
    from newsquotes.quotes.fragments import reporting_verb_above

    doc = default_pipeline().nlp('Ada Finch said she was sure the mayor would "lose badly."')
    lose = next(t for t in doc if t.text == "lose")
    assert reporting_verb_above(lose).text == "said"
    ferry = default_pipeline().nlp('The ferry will "sink one day," the captain joked.')
    sink = next(t for t in ferry if t.text == "sink")
    assert reporting_verb_above(sink).text == "sink"


def test_a_trailing_participle_clause_is_not_reported() -> None:
    text = "Ada Finch said the harbour would close in May, citing the new ferry timetable."
    q = quote_at(extract(text), "the harbour would close")
    assert q.text == "the harbour would close in May"


def test_a_fragment_after_its_cue_runs_to_the_end_of_its_clause() -> None:
    text = 'Ada Finch says "the tide is turning our way" despite the lost vote on the pier.'
    q = quote_at(extract(text), "the tide is")
    assert q.text == '"the tide is turning our way" despite the lost vote on the pier'
    assert q.type == "mixed"
    whole = 'Ada Finch says "the tide is turning our way." The vote is on Friday.'
    assert quote_at(extract(whole), "the tide").text == '"the tide is turning our way."'


def test_a_quote_after_a_reported_clause_and_its_frame_continues_the_report() -> None:
    text = (
        "The council may close the pier before the winter storms, Ada Finch said. "
        '"We have warned them about the pier for years and nobody listened."'
    )
    article = extract(text)
    q = quote_at(article, "The council may close")
    assert pieces(article, q) == [
        "The council may close the pier before the winter storms",
        '"We have warned them about the pier for years and nobody listened."',
    ]


def test_words_opening_the_sentence_before_an_inserted_frame_are_reported() -> None:
    text = 'The ferry schedule, Ada Finch said, "will not survive another winter."'
    article = extract(text)
    assert pieces(article, quote_at(article, "will not survive")) == [
        "The ferry schedule",
        '"will not survive another winter."',
    ]


def test_a_scene_setting_clause_before_the_frame_is_the_writers() -> None:
    text = 'As the rain fell over the harbour, Ada Finch said, "The pier will not last."'
    article = extract(text)
    assert pieces(article, quote_at(article, "The pier")) == ['"The pier will not last."']


def test_fronted_words_are_not_taken_when_the_setting_is_off() -> None:
    from newsquotes.quotes.settings import EngineSettings

    text = 'The ferry schedule, Ada Finch said, "will not survive another winter."'
    pipeline = Pipeline(settings=EngineSettings(fronted_words=False))
    article = pipeline.process(Article(id="f", text=text))
    assert pieces(article, quote_at(article, "will not survive")) == [
        '"will not survive another winter."'
    ]


def test_a_capitalised_quote_completes_the_clause_before_it() -> None:
    text = 'Closing the pier would "Ruin the town for a decade," Ada Finch said.'
    article = extract(text)
    q = quote_at(article, "Ruin the town")
    assert pieces(article, q) == ['Closing the pier would "Ruin the town for a decade,"']
    assert q.type == "mixed"


def test_only_a_lowercase_fragment_completes_the_clause_when_capitals_are_off() -> None:
    from newsquotes.quotes.settings import EngineSettings

    text = 'Closing the pier would "Ruin the town for a decade," Ada Finch said.'
    pipeline = Pipeline(settings=EngineSettings(clause_before_capital=False))
    article = pipeline.process(Article(id="c", text=text))
    assert pieces(article, quote_at(article, "Ruin the town")) == ['"Ruin the town for a decade,"']


def test_a_title_inside_the_frame_does_not_end_the_turn() -> None:
    text = (
        '"The pier will not last," Ada Finch said on Harbour Radio\'s "Morning Tide." '
        '"We need a new one."'
    )
    article = extract(text)
    q = quote_at(article, "The pier")
    assert pieces(article, q) == ['"The pier will not last,"', '"We need a new one."']
    assert q.speaker_name == "Ada Finch"
    assert len(article.quotes) == 1  # the programme's name is no one's words


def test_a_title_in_mid_sentence_is_not_a_direct_quote() -> None:
    text = (
        'Ada Finch closed the show with the anthem "Harbour Lights Forever," the organisers said.'
    )
    article = extract(text)
    assert all(pieces(article, q) != ['"Harbour Lights Forever,"'] for q in article.quotes)


@pytest.mark.parametrize(
    ("complement_start", "expected"),
    [
        (True, 'that "the pier was sold."'),
        (False, 'Harbour Radio on Monday that "the pier was sold."'),
    ],
)
def test_a_governed_quote_begins_at_its_clause_after_the_listener(
    complement_start: bool, expected: str
) -> None:
    from newsquotes.quotes.context import ArticleView
    from newsquotes.quotes.fragments import governed_pass
    from newsquotes.quotes.settings import EngineSettings

    text = 'Ada Finch told Harbour Radio on Monday that "the pier was sold."'
    nlp = default_pipeline().nlp
    with nlp.select_pipes(disable=["newsquotes"]):
        doc = nlp(text)
    settings = EngineSettings(governed_complement_start=complement_start)
    found = governed_pass(ArticleView(doc, [], settings), [], set())
    assert [[text[s:e] for s, e in a.spans] for a in found] == [[expected]]


@pytest.mark.parametrize(
    ("cue_before", "content", "cue"),
    [(True, 'they want "a fair deal,"', "said"), (False, '"a fair deal,"', "pledged")],
)
def test_a_mid_sentence_quote_belongs_to_the_cue_before_it(
    cue_before: bool, content: str, cue: str
) -> None:
    from newsquotes.quotes.settings import EngineSettings

    text = (
        'The harbour workers said they want "a fair deal," but pledged to keep the ferries running.'
    )
    pipeline = Pipeline(settings=EngineSettings(cue_before_fragment=cue_before))
    article = pipeline.process(Article(id="w", text=text))
    q = quote_at(article, "a fair deal")
    assert pieces(article, q) == [content]
    assert q.cue is not None and q.cue.text == cue


def speaker_text(article: Article, part: str) -> str | None:
    q = quote_at(article, part)
    return q.speaker.text.rstrip(",") if q.speaker else None


def test_a_who_clause_describing_the_speaker_is_part_of_the_mention() -> None:
    text = "Ada Finch, who ran the port for a decade, said the pier would not last the winter."
    article = extract(text)
    assert speaker_text(article, "the pier would") == "Ada Finch, who ran the port for a decade"
    assert quote_at(article, "the pier would").speaker_name == "Ada Finch"


def test_a_who_clause_with_its_own_report_is_not_part_of_the_mention() -> None:
    text = "Ada Finch, who said the pier was safe last year, now says it will not last."
    article = extract(text)
    assert speaker_text(article, "it will not last") == "Ada Finch"


def test_a_which_clause_inside_the_mention_describes_a_thing() -> None:
    text = '"The pier will not last," said Ada Finch, head of the Harbour Trust, which owns it.'
    article = extract(text)
    assert speaker_text(article, "The pier") == "Ada Finch, head of the Harbour Trust"


def test_describing_clauses_stay_out_when_the_setting_is_off() -> None:
    from newsquotes.quotes.settings import EngineSettings

    text = "Ada Finch, who ran the port for a decade, said the pier would not last the winter."
    pipeline = Pipeline(settings=EngineSettings(describing_clauses=False))
    article = pipeline.process(Article(id="d", text=text))
    assert speaker_text(article, "the pier would") == "Ada Finch"


@pytest.mark.parametrize(
    "text",
    [
        "Ada Finch spoke on Monday.",
        "Ada Finch testified on Monday evening.",
        "The harbour master Ada Finch spoke at length on Monday night.",
    ],
)
def test_a_date_after_a_verb_is_not_what_was_said(text: str) -> None:
    assert extract(text).quotes == []


def test_a_date_does_not_join_what_was_said() -> None:
    text = "Ada Finch spoke on Monday about the pier."
    article = extract(text)
    assert [pieces(article, q) for q in article.quotes] == [["about the pier"]]


def test_an_owned_claim_is_the_owners_words_within_the_nouns_phrase() -> None:
    text = 'Ada Finch\'s claim that the pier was "a death trap" angered the council.'
    article = extract(text)
    q = quote_at(article, "death trap")
    assert pieces(article, q) == ['that the pier was "a death trap"']
    assert q.via == "owned-claim" and q.speaker is not None
    assert q.speaker.text.startswith("Ada Finch")


@pytest.mark.parametrize(
    "text",
    [
        # a speech verb with its own subject: Ellis Marr's words
        'Ada Finch\'s claim that Ellis Marr called the pier "a death trap" was false.',
        # a noun with its own owner
        "Ada Finch's claim about Ellis Marr's remark \"a death trap\" was false.",
        # a preposition names the topic, not the words
        'The council dismissed Ada Finch\'s remarks about the "death trap" at its meeting.',
    ],
)
def test_a_fragment_is_not_credited_to_a_claim_it_is_not_part_of(text: str) -> None:
    article = extract(text)
    assert all(q.via != "owned-claim" for q in article.quotes)
    assert all(
        not (q.speaker and q.speaker.text.startswith("Ada Finch"))
        for q in article.quotes
        if any(s <= text.index("death trap") < e for s, e in q.spans)
    )


HEADLINE = (
    "Finch: Pier Will Close by the Winter.\n\n"
    "Ada Finch, who runs the Harbour Trust, spoke to the council on Monday."
)


def test_a_headline_credits_its_claim_to_the_name_before_the_colon() -> None:
    article = extract(HEADLINE)
    q = quote_at(article, "Pier Will Close")
    assert pieces(article, q) == ["Pier Will Close by the Winter"]
    assert q.speaker is not None and q.speaker.text == "Finch"
    assert q.via == "headline"


def test_a_headline_label_is_no_source() -> None:
    text = "The Latest: Pier Will Close by the Winter.\n\nAda Finch spoke to the council."
    assert extract(text).quotes == []


def test_headline_claims_are_off_with_their_setting() -> None:
    from newsquotes.quotes.settings import EngineSettings

    pipeline = Pipeline(settings=EngineSettings(headline_claims=False))
    article = pipeline.process(Article(id="h", text=HEADLINE))
    assert all(q.via != "headline" for q in article.quotes)


@pytest.mark.parametrize(
    ("text", "part", "expected"),
    [
        (
            'The mayor condemned what she called a "reckless gamble" with public money.',
            "reckless",
            ['what she called a "reckless gamble" with public money'],
        ),
        (
            'The council backed the ferry plan, which Ada Finch called "a reckless gamble."',
            "reckless",
            ["which", '"a reckless gamble."'],
        ),
        (
            'The council backed what Ada Finch called "a reckless gamble."',
            "reckless",
            ["what", '"a reckless gamble."'],
        ),
    ],
)
def test_a_named_relative_reports_its_relative_word(
    text: str, part: str, expected: list[str]
) -> None:
    article = extract(text)
    assert pieces(article, quote_at(article, part)) == expected


@pytest.mark.parametrize(
    ("text", "first", "second", "cue"),
    [
        (
            'Mayor Ada Finch said that the ferry has "saved the harbour," claiming that it '
            "brings in more visitors than the old pier.",
            'that the ferry has "saved the harbour,"',
            "that it brings in more visitors than the old pier",
            "claiming",
        ),
        (
            'Ellis Marr said the port budget is "not a real plan" and insisted that the council '
            "must vote again in March.",
            'the port budget is "not a real plan"',
            "that the council must vote again in March",
            "insisted",
        ),
        (
            'Ada Finch told reporters the pier was "a hazard to everyone" before claiming that '
            "the council had ignored her letters.",
            'the pier was "a hazard to everyone"',
            "that the council had ignored her letters",
            "claiming",
        ),
    ],
    ids=["comma-participle", "and-verb", "before-participle"],
)
def test_a_second_reporting_verb_of_the_speaker_is_a_report_of_its_own(
    text: str, first: str, second: str, cue: str
) -> None:
    from newsquotes.quotes.settings import EngineSettings

    article = extract(text)
    reports = [(q.text, q.cue.text if q.cue else None, q.speaker_name) for q in article.quotes]
    speaker = text.removeprefix("Mayor ").split(" ")[:2]
    assert reports[0] == (first, reports[0][1], " ".join(speaker))
    assert (second, cue, " ".join(speaker)) in reports
    together = Pipeline(settings=EngineSettings(conjoined_reports_apart=False)).process(
        Article(id="conjoined", text=text)
    )
    whole = first + text.split(first)[1].rstrip(".")
    assert [q.text for q in together.quotes] == [whole]


@pytest.mark.parametrize(
    ("text", "content"),
    [
        (
            'Ada Finch said the harbour vote had been "rigged" against her — a charge the '
            "council strongly denied.",
            'the harbour vote had been "rigged" against her',
        ),
        (
            'Ellis Marr said the ferry was "running on fumes" - a claim the port authority '
            "rejects.",
            'the ferry was "running on fumes"',
        ),
        (
            'Ada Finch said the harbour budget - some 3 million crowns a year - was "simply not '
            'enough."',
            'the harbour budget - some 3 million crowns a year - was "simply not enough."',
        ),
    ],
    ids=["em-dash", "spaced-hyphen", "pair-of-dashes"],
)
def test_a_dash_after_a_quoted_fragment_ends_the_report(text: str, content: str) -> None:
    from newsquotes.quotes.settings import EngineSettings

    article = extract(text)
    assert [(q.type, q.text) for q in article.quotes] == [("mixed", content)]
    whole = text.split(" said ")[1].rstrip(".")
    kept = Pipeline(settings=EngineSettings(dash_ends_report=False)).process(
        Article(id="dash", text=text)
    )
    assert [q.text for q in kept.quotes] == [whole]


def test_a_frame_set_inside_a_sentence_with_a_quoted_fragment_reports_the_sentence() -> None:
    from newsquotes.quotes.settings import EngineSettings

    text = (
        "Ada Finch has run the ferry service for a decade. The harbour, she said, is "
        '"dying by the week and nobody in the council will admit it."'
    )
    article = extract(text)
    q = quote_at(article, "dying by the week")
    assert q.type == "mixed"
    assert q.speaker_name == "Ada Finch"
    assert pieces(article, q) == [
        "The harbour",
        'is "dying by the week and nobody in the council will admit it."',
    ]
    kept = Pipeline(settings=EngineSettings(mixed_parentheticals=False)).process(
        Article(id="harbour", text=text)
    )
    assert not [q for q in kept.quotes if "The harbour" in q.text]


def test_a_linking_but_before_a_mixed_parenthetical_is_not_content() -> None:
    text = (
        "Ellis Marr sold the last trawler in May. But the new quay, he said, looks "
        '"like a car park that happens to be wet."'
    )
    article = extract(text)
    q = quote_at(article, "like a car park")
    assert pieces(article, q) == [
        "the new quay",
        'looks "like a car park that happens to be wet."',
    ]


@pytest.mark.parametrize(
    ("text", "content"),
    [
        (
            'At the harbour meeting, Ada Finch accused him of running a port "with no plan '
            'at all."',
            'him of running a port "with no plan at all."',
        ),
        (
            'Ellis Marr praised the crew for keeping the ferry "afloat against all odds."',
            'the crew for keeping the ferry "afloat against all odds."',
        ),
    ],
    ids=["accused-of", "praised-for"],
)
def test_a_naming_verb_reports_the_gerund_after_its_object(text: str, content: str) -> None:
    from newsquotes.quotes.settings import EngineSettings

    article = extract(text)
    q = quote_at(article, content.split('"')[1])
    assert (q.type, q.text) == ("mixed", content)
    assert q.cue is not None and q.cue.text in ("accused", "praised")
    kept = Pipeline(settings=EngineSettings(naming_through_preposition=False)).process(
        Article(id="naming", text=text)
    )
    assert all(q.text != content for q in kept.quotes)


def test_a_name_the_parser_takes_for_a_clause_still_speaks_in_an_inverted_frame() -> None:
    from newsquotes.quotes.settings import EngineSettings

    text = (
        '"I am more at home on the water than in an office," said Ellis Marr, half joking. '
        "He has fished the bay for 30 years."
    )
    article = extract(text)
    q = quote_at(article, "more at home")
    assert (q.via, q.speaker_name, q.cue.text if q.cue else None) == (
        "direct-post",
        "Ellis Marr",
        "said",
    )
    kept = Pipeline(settings=EngineSettings(inverted_frame_speaker=False)).process(
        Article(id="net", text=text)
    )
    assert [q.speaker_name for q in kept.quotes if "more at home" in q.text] == [None]


def test_a_name_before_a_long_aside_speaks_the_quote_before_it() -> None:
    from newsquotes.quotes.settings import EngineSettings

    text = (
        '"If the council had listened, the pier would still stand," Ellis Marr, now 81 and '
        'retired in Tarvik, Vestland, said by telephone this week. "We warned them in 1990."'
    )
    article = extract(text)
    q = quote_at(article, "the pier would still stand")
    assert (q.via, q.speaker_name) == ("direct-post", "Ellis Marr")
    assert pieces(article, q) == [
        '"If the council had listened, the pier would still stand,"',
        '"We warned them in 1990."',
    ]
    kept = Pipeline(settings=EngineSettings(name_before_aside=False)).process(
        Article(id="aside", text=text)
    )
    assert [q.speaker_name for q in kept.quotes] == [None, None]


def test_an_abbreviated_title_in_a_frame_does_not_end_it() -> None:
    from newsquotes.quotes.settings import EngineSettings

    text = (
        '"I fundamentally disagree," said retired Lt. Gen. Ilse Vik, who commanded the '
        'northern fleet from 2009 to 2012. "The bottom line is that more patrols change '
        'nothing."'
    )
    article = extract(text)
    q = quote_at(article, "fundamentally disagree")
    assert q.speaker_name == "Ilse Vik"
    assert pieces(article, q) == [
        '"I fundamentally disagree,"',
        '"The bottom line is that more patrols change nothing."',
    ]
    kept = Pipeline(settings=EngineSettings(abbreviations_in_frames=False)).process(
        Article(id="title", text=text)
    )
    assert len(kept.quotes) == 2


def test_a_naming_verb_keeps_its_quote_when_the_sentence_goes_on() -> None:
    from newsquotes.quotes.settings import EngineSettings

    text = (
        'In May, Ada Finch called the harbour plan "a betrayal of the town," and threatened '
        "to take the council to court."
    )
    article = extract(text)
    q = quote_at(article, "a betrayal of the town")
    assert (q.via, q.cue.text if q.cue else None, q.text) == (
        "governed",
        "called",
        'the harbour plan "a betrayal of the town,"',
    )
    kept = Pipeline(settings=EngineSettings(naming_cue_before_fragment=False)).process(
        Article(id="betrayal", text=text)
    )
    framed = [q for q in kept.quotes if "betrayal" in q.text]
    assert [q.cue.text if q.cue else None for q in framed] == ["threatened"]


def test_a_named_speakers_clause_after_a_mixed_parenthetical_is_not_content() -> None:
    """``The harbour, Okafor said, is "dying ...," but Lind disagreed``: Lind's clause is
    narration, not Okafor's words; a clause with a pronoun subject may still be his."""
    article = extract('The harbour, Okafor said, is "dying by the week," but Lind disagreed.')
    quote = quote_at(article, "dying by the week")
    assert quote.speaker_name == "Okafor"
    assert pieces(article, quote) == ["The harbour", 'is "dying by the week,"']
    kept = extract('But the port, Okafor said, is "not for sale," and it never will be.')
    assert pieces(kept, quote_at(kept, "not for sale"))[-1].endswith("it never will be")
