"""Finding attributions: direct, split, floating, mixed and indirect quotes, and their cues."""

from __future__ import annotations

import pytest

from newsquotes import extract
from newsquotes.model import Article, Quote
from newsquotes.pipeline import Pipeline, build_nlp, default_pipeline


@pytest.fixture(scope="module", autouse=True)
def _load_model() -> None:
    default_pipeline()


def span_of(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


def quote_at(article: Article, part: str) -> Quote:
    """The quote whose spans cover ``part`` of the article text."""
    start, end = span_of(article.text, part)
    found = [q for q in article.quotes if any(s < end and start < e for s, e in q.spans)]
    assert found, f"no quote covers {part!r}: {[q.text for q in article.quotes]}"
    assert len(found) == 1, [q.text for q in found]
    return found[0]


def assert_offsets(article: Article) -> None:
    text = article.text
    for q in article.quotes:
        assert q.text == " ".join(text[s:e] for s, e in q.spans)
        for span in (q.cue, q.speaker):
            if span is not None:
                assert text[span.start : span.end] == span.text


# -- direct quotes with a frame ---------------------------------------------------------


def test_direct_cue_after_said_name() -> None:
    quoted = '"The new bridge will be open before the winter,"'
    text = f"{quoted} said Jana Novak, the mayor of Velmora."
    article = extract(text)
    assert len(article.quotes) == 1
    q = article.quotes[0]
    assert q.type == "direct"
    assert q.spans == [span_of(text, quoted)]
    assert q.text == quoted
    assert q.cue is not None and q.cue.text == "said"
    assert q.cue.start == text.index("said")
    assert q.speaker is not None and q.speaker.text.startswith("Jana Novak")
    assert q.speaker_name == "Jana Novak"
    assert q.speaker_id is not None
    assert_offsets(article)


def test_direct_cue_after_name_said() -> None:
    quoted = '"We have waited eleven years for this road,"'
    text = f"{quoted} Pavel Dorn said."
    article = extract(text)
    assert len(article.quotes) == 1
    q = article.quotes[0]
    assert q.type == "direct"
    assert q.spans == [span_of(text, quoted)]
    assert q.cue is not None and q.cue.text == "said"
    assert q.speaker is not None and q.speaker.text == "Pavel Dorn"
    assert q.speaker_name == "Pavel Dorn"


def test_direct_cue_before_with_colon() -> None:
    quoted = '"The school will stay open as long as there are children in this valley."'
    text = f"Ada Finch said: {quoted}"
    article = extract(text)
    assert len(article.quotes) == 1
    q = article.quotes[0]
    assert q.type == "direct"
    assert q.spans == [span_of(text, quoted)]
    assert q.cue is not None and q.cue.text == "said:"  # PolNeAR keeps the colon in the cue
    assert q.speaker_name == "Ada Finch"


def test_quote_split_by_attribution_is_one_quote() -> None:
    first = '"People here are tired of waiting for the road,"'
    second = '"and they want answers from the council before the election."'
    text = f"{first} explained Pavel Dorn, {second}"
    article = extract(text)
    assert len(article.quotes) == 1
    q = article.quotes[0]
    assert q.type == "direct"
    assert q.spans == [span_of(text, first), span_of(text, second)]
    assert q.text == f"{first} {second}"
    assert q.cue is not None and q.cue.text == "explained"
    assert q.speaker_name == "Pavel Dorn"


def test_multi_sentence_quote() -> None:
    quoted = (
        '"The river rose two metres in one night. We lost the bakery and the school. '
        'Nobody from the capital has come to see it,"'
    )
    text = f"{quoted} said Mirela Sand, a shop owner in Dunmere."
    article = extract(text)
    assert len(article.quotes) == 1
    q = article.quotes[0]
    assert q.spans == [span_of(text, quoted)]
    assert q.speaker_name == "Mirela Sand"
    assert q.cue is not None and q.cue.text == "said"


def test_quote_over_two_paragraphs() -> None:
    p1 = (
        '"The harbour was the heart of this town for two hundred years. Every family here '
        "had a boat or worked for someone who did."
    )
    p2 = '"Now the boats are gone and the young people leave for the city," said Ellis Marr.'
    text = f"{p1}\n\n{p2}\n\nThe council meets again in June."
    article = extract(text)
    assert len(article.quotes) == 1
    q = article.quotes[0]
    assert q.type == "direct"
    assert q.start == 0
    assert q.end == text.index(" said Ellis Marr")
    assert q.speaker_name == "Ellis Marr"
    assert q.cue is not None and q.cue.text == "said"


def test_quote_with_no_verb_followed_by_name() -> None:
    quoted = '"The government in Norvik has never cared about the northern islands,"'
    text = f"{quoted} Bakhrom Tashev, an analyst at the Halden Policy Institute in Torsby."
    article = extract(text)
    q = quote_at(article, quoted)
    assert q.type == "direct"
    assert q.spans == [span_of(text, quoted)]
    assert q.cue is None
    assert q.speaker is not None and q.speaker.text.startswith("Bakhrom Tashev")
    assert q.speaker_name == "Bakhrom Tashev"


def test_floating_quote_continues_previous_speaker() -> None:
    first = '"The ferry is the only way to reach the hospital,"'
    floating = '"Without it, an old woman on the island has to wait for a helicopter."'
    text = (
        f"{first} said Ingrid Holm, a nurse in Skarvik.\n\n"
        f"{floating}\n\n"
        "The ferry company did not respond to a request for comment."
    )
    turn = quote_at(extract(text), first)
    assert turn.spans == [span_of(text, first), span_of(text, floating)]
    assert turn.speaker_name == "Ingrid Holm"

    from newsquotes.pipeline import Pipeline

    article = Pipeline(split_turns=True).process(Article(id="holm", text=text))
    q = quote_at(article, floating)
    assert q.type == "direct"
    assert q.spans == [span_of(text, floating)]
    assert q.cue is None
    assert q.speaker_name == "Ingrid Holm"
    first_q = quote_at(article, first)
    assert first_q.speaker_id == q.speaker_id is not None


def test_quote_with_no_speaker_is_still_returned() -> None:
    quoted = '"We were told the water would never reach the houses on the hill."'
    text = f"The flood came at night.\n\n{quoted}\n\nBy morning the road was closed."
    article = extract(text)
    q = quote_at(article, quoted)
    assert q.type == "direct"
    assert q.spans == [span_of(text, quoted)]
    assert q.speaker is None
    assert q.speaker_name is None
    assert q.speaker_id is None


# -- mixed and indirect ----------------------------------------------------------------


def test_mixed_quote() -> None:
    text = 'Jana Novak said the plan for the new harbour was "a disaster for the fishermen".'
    article = extract(text)
    assert len(article.quotes) == 1
    q = article.quotes[0]
    assert q.type == "mixed"
    assert "the plan for the new harbour was" in q.text
    assert '"a disaster for the fishermen"' in q.text
    assert q.cue is not None and q.cue.text == "said"
    assert q.speaker_name == "Jana Novak"


@pytest.mark.parametrize("that", ["that ", ""], ids=["that", "no-that"])
def test_indirect_said_that(that: str) -> None:
    """The reported clause includes its complementizer (PolNeAR's convention)."""
    content = f"{that}the council would close the cannery by the end of the year"
    text = f"Pavel Dorn said {content}."
    article = extract(text)
    assert len(article.quotes) == 1
    q = article.quotes[0]
    assert q.type == "indirect"
    assert q.spans == [span_of(text, content)]
    assert q.cue is not None and q.cue.text == "said"
    assert q.speaker_name == "Pavel Dorn"


INDIRECT_CASES = [
    (
        "Ellis Marr has fished here for thirty years. {content}, Marr claims.",
        "The idea of moving the port to Brenna is becoming more popular every month",
        "claims",
        "Ellis Marr",
    ),
    (
        "According to Ingrid Holm, {content}.",
        "the ferry will not run again before the summer",
        "According to",
        "Ingrid Holm",
    ),
    (
        "Ada Finch told reporters {content}.",
        "that the school would stay open for at least two more years",
        "told",
        "Ada Finch",
    ),
]


@pytest.mark.parametrize(
    ("template", "content", "cue", "speaker"),
    INDIRECT_CASES,
    ids=["trailing-claims", "according-to", "told-someone-that"],
)
def test_indirect_speech_beyond_said(template: str, content: str, cue: str, speaker: str) -> None:
    text = template.format(content=content)
    q = quote_at(extract(text), content)
    assert q.type == "indirect"
    assert q.spans == [span_of(text, content)]
    assert q.cue is not None and q.cue.text == cue
    assert q.speaker_name == speaker
    assert "reporters" not in q.text  # the listener is not part of what was said


@pytest.mark.parametrize(
    ("verb", "content"),
    [
        ("warned", "the dam could fail if the rain continued"),
        ("insisted", "the money for the bridge had been spent properly"),
        ("denied", "that the council had hidden the report"),
        ("argued", "the town needed a second doctor more than a new stadium"),
        ("tweeted", "the ferry would be back in service on Friday"),
    ],
)
def test_cues_beyond_say(verb: str, content: str) -> None:
    text = f"Mirela Sand {verb} {content}."
    article = extract(text)
    assert len(article.quotes) == 1, [q.text for q in article.quotes]
    q = article.quotes[0]
    assert q.type == "indirect"
    assert q.cue is not None and q.cue.text == verb
    assert q.speaker_name == "Mirela Sand"
    expected = content.removeprefix("that ")
    assert expected in q.text
    assert q.text in content


@pytest.mark.parametrize("verb", ["believes", "hopes", "fears"])
def test_belief_verbs_have_their_own_cue(verb: str) -> None:
    content = "the new road will bring tourists back to the valley"
    text = f"Oren Vell {verb} {content}."
    article = extract(text)
    q = quote_at(article, content)
    assert q.cue is not None and q.cue.text == verb
    assert q.speaker_name == "Oren Vell"
    assert q.spans == [span_of(text, content)]
    assert 0.0 <= q.confidence <= 1.0


def test_belief_cue_confidence_below_say() -> None:
    content = "the new road will bring tourists back to the valley"
    said = extract(f"Oren Vell said {content}.").quotes[0]
    believes = extract(f"Oren Vell believes {content}.").quotes[0]
    assert believes.confidence < said.confidence


# -- things that are not quotes --------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        'The cinema in Dunmere showed the film "Night Harbour" on Saturday.',
        'She read "The Salt Road" to the class every Friday afternoon.',
        'The so-called "reform" was passed by the council in March.',
        'The ship, named "Aurora", left the harbour at dawn.',
    ],
    ids=["film", "book", "scare", "ship"],
)
def test_titles_and_scare_quotes_are_not_quotes(text: str) -> None:
    assert extract(text).quotes == []


def test_page_furniture_yields_no_quotes() -> None:
    text = (
        "Advertisement\n\n"
        '"The ferry will run again in May," said Ingrid Holm, a nurse in Skarvik.\n\n'
        "Comments\n\n"
        "Share this article\n\n"
        "Advertisement"
    )
    article = extract(text)
    assert len(article.quotes) == 1
    q = article.quotes[0]
    assert q.speaker_name == "Ingrid Holm"
    for q in article.quotes:
        for word in ("Comments", "Advertisement", "Share this article"):
            assert word not in q.text


# -- confidence ------------------------------------------------------------------------


def test_confidence_in_range_and_framed_beats_floating() -> None:
    framed = '"The ferry is the only way to reach the hospital,"'
    floating = '"Without it, an old woman on the island has to wait for a helicopter."'
    text = (
        f"{framed} said Ingrid Holm, a nurse in Skarvik.\n\n"
        f"{floating}\n\n"
        'Pavel Dorn said the council "will find the money" for a second boat.'
    )
    from newsquotes.pipeline import Pipeline

    article = Pipeline(split_turns=True).process(Article(id="holm", text=text))
    assert article.quotes
    for q in article.quotes:
        assert 0.0 <= q.confidence <= 1.0
    assert quote_at(article, framed).confidence > quote_at(article, floating).confidence


def test_a_speaker_turn_is_one_quote_unless_split_turns() -> None:
    from newsquotes.pipeline import Pipeline

    text = (
        '"The ferry will run again in May," said Ilse Varga, the harbour master. '
        '"We have the crew and the fuel."\n\n'
        "The council meets on Friday."
    )
    separate = Pipeline(split_turns=True).process(Article(id="ferry", text=text))
    assert [q.text for q in separate.quotes] == [
        '"The ferry will run again in May,"',
        '"We have the crew and the fuel."',
    ]
    joined = extract(text)
    assert len(joined.quotes) == 1
    quote = joined.quotes[0]
    assert quote.spans == [
        (0, len('"The ferry will run again in May,"')),
        (text.index('"We have'), text.index("fuel.") + len('fuel."')),
    ]
    assert quote.speaker_name == "Ilse Varga"
    assert quote.cue is not None and quote.cue.text == "said"


def test_labels_and_quoted_numbers_are_not_quotes() -> None:
    text = (
        "UPDATE: The council has moved the vote to Thursday evening.\n\n"
        'The post was tagged "672139201337532417" and shared widely.'
    )
    assert extract(text).quotes == []


def test_doubled_single_mark_quotes_make_one_turn() -> None:
    text = "''The pier stays shut,'' Mirela Sand said. ''We cannot risk the ferry.''"
    article = extract(text)
    assert len(article.quotes) == 1
    q = article.quotes[0]
    assert q.type == "direct"
    assert q.text == "''The pier stays shut,'' ''We cannot risk the ferry.''"
    assert q.speaker_name == "Mirela Sand"


def test_a_verb_whose_sentence_ended_does_not_govern_the_next_quote() -> None:
    text = (
        'Ilse Brandt, the mayor, praised the volunteers. "The beach is clean again for the '
        'first time in years."'
    )
    q = quote_at(extract(text), "The beach is clean")
    assert q.type == "direct"
    assert q.text == '"The beach is clean again for the first time in years."'
    assert q.cue is None


SPAN_CASES = [
    (
        "The harbour council urged the fishermen to accept the new quotas before spring.",
        "to accept the new quotas before spring",
        "urged",
    ),
    (
        "Ada Finch responded to a request for comment about the ferry timetable.",
        "a request for comment about the ferry timetable",
        "responded to",
    ),
    (
        "Pavel Dorn said the council backed the plan, which the fishermen had opposed for years.",
        "the council backed the plan",
        "said",
    ),
    (
        "While the town waits for the ferry, the harbour board is drafting a new plan, "
        "officials said.",
        "the harbour board is drafting a new plan",
        "said",
    ),
]


@pytest.mark.parametrize(
    ("text", "content", "cue"),
    SPAN_CASES,
    ids=[
        "listener-is-not-content",
        "preposition-joins-cue",
        "trailing-which-clause",
        "leading-while-clause",
    ],
)
def test_content_boundaries_follow_the_reported_clause(text: str, content: str, cue: str) -> None:
    q = quote_at(extract(text), content)
    assert q.text == content
    assert q.cue is not None and q.cue.text == cue


def test_cue_keeps_auxiliaries_negation_and_adverbs() -> None:
    text = "Mirela Sand has also said that the pier will reopen in May."
    q = quote_at(extract(text), "the pier will reopen")
    assert q.cue is not None and q.cue.text == "has also said"
    assert q.text == "that the pier will reopen in May"


def test_model_finds_naming_and_endorsing_verbs() -> None:
    text = "Ilse Brandt accused the mayor of hiding the true cost of the new pier."
    q = quote_at(extract(text), "hiding the true cost")
    assert q.via == "model"
    assert q.cue is not None and q.cue.text == "accused"
    assert q.act == "speech"
    assert q.speaker is not None and q.speaker.text == "Ilse Brandt"


FRAME_CASES = [
    (
        "The ferry company released a statement saying the crossings would resume in June.",
        "the crossings would resume in June",
        "saying",
        "The ferry company",
    ),
    (
        "As Mirela Sand put it, the harbour is the heart of the town.",
        "the harbour is the heart of the town",
        "put it",
        "Mirela Sand",
    ),
    (
        "As the Dunmere Courier reported, the mayor will not seek a second term.",
        "the mayor will not seek a second term",
        "reported",
        "the Dunmere Courier",
    ),
    (
        "Ada Finch, who said that the ferry was unsafe, resigned on Friday.",
        "that the ferry was unsafe",
        "said",
        "Ada Finch",
    ),
    (
        "The ferry company admitted the delay. Still, it said, the crossings would resume soon.",
        "the crossings would resume soon",
        "said",
        "it",
    ),
]


@pytest.mark.parametrize(
    ("text", "content", "cue", "speaker"),
    FRAME_CASES,
    ids=["released-a-statement-saying", "as-x-put-it", "as-x-reported", "who-said", "it-said"],
)
def test_speech_frames(text: str, content: str, cue: str, speaker: str) -> None:
    q = quote_at(extract(text), content)
    assert q.text == content
    assert q.cue is not None and q.cue.text == cue
    assert q.speaker is not None and q.speaker.text == speaker
    assert q.act == "speech"


@pytest.mark.parametrize(
    "text",
    [
        "The fishermen continued to protest outside the town hall on Tuesday.",
        "Prosecutors charged the captain with negligence after the collision.",
        "The council posted the new timetable on its website last week.",
        "Reporters questioned the mayor for two hours about the budget.",
        "The harbour board ordered an inquiry into the collision.",
    ],
    ids=["continue", "charge", "post", "question", "order"],
)
def test_non_speech_senses_start_no_attribution(text: str) -> None:
    assert extract(text).quotes == []


def test_content_stops_before_a_contrasting_clause() -> None:
    text = (
        "Mirela Sand said the plan would cost the U.S. government millions, while 31 percent "
        "of residents call it a waste."
    )
    q = quote_at(extract(text), "the plan would cost")
    assert q.text == "the plan would cost the U.S. government millions"


def test_a_verb_inside_reported_content_is_not_a_new_attribution() -> None:
    text = "The mayor said that he no longer believed the bridge would be finished."
    quotes = extract(text).quotes
    assert len(quotes) == 1
    assert quotes[0].text == "that he no longer believed the bridge would be finished"


def test_beliefs_are_thoughts() -> None:
    text = "Pavel Dorn hopes the council will reconsider the harbour tax next spring."
    q = quote_at(extract(text), "the council will reconsider")
    assert q.act == "thought"
    assert q.cue is not None and q.cue.text == "hopes"


def test_a_quoted_fragment_after_the_frame_is_not_the_same_turn() -> None:
    text = (
        '"The pier must close before the storms," Mirela Sand said, calling the repairs '
        '"long overdue."'
    )
    first = quote_at(extract(text), "The pier must close")
    assert first.text == '"The pier must close before the storms,"'


def test_a_lowercase_fragment_completes_the_clause_before_it() -> None:
    text = 'The harbour plan would bring "jobs and a future for the young," Mirela Sand said.'
    q = quote_at(extract(text), "jobs and a future")
    assert q.type == "mixed"
    assert q.text == 'The harbour plan would bring "jobs and a future for the young,"'
    assert q.speaker is not None and q.speaker.text == "Mirela Sand"


def test_a_turn_split_by_its_frame_keeps_the_cue_when_the_rest_reads_as_a_clause() -> None:
    text = (
        "“Since you ask, I think the world of the harbour master,” Finch said, “and I back "
        "her for another term.”"
    )
    quotes = extract(text).quotes
    assert len(quotes) == 1
    assert quotes[0].cue is not None and quotes[0].cue.text == "said"
    assert len(quotes[0].spans) == 2


def test_doubled_single_marks_close_after_a_space() -> None:
    text = "''The harbour built strong coalitions, '' said Ellis Marr, a fisherman."
    q = extract(text).quotes[0]
    assert q.type == "direct"
    assert q.text == "''The harbour built strong coalitions, ''"
    assert q.cue is not None and q.cue.text == "said"


def test_a_quote_whose_sentence_has_its_own_frame_does_not_continue_the_turn() -> None:
    text = (
        '"The pier is a disgrace," Finch said. "You starved the harbour of money" to pay for '
        "the new bridge, Varga told the council."
    )
    article = extract(text)
    first = quote_at(article, "The pier is a disgrace")
    assert first.text == '"The pier is a disgrace,"'
    second = quote_at(article, "You starved")
    assert second.speaker is not None and second.speaker.text == "Varga"
    assert second.cue is not None and second.cue.text == "told"


def test_a_report_inside_the_frame_does_not_end_the_turn() -> None:
    text = (
        '"The ferry will run in May," Finch told the crowd, saying the council would '
        '"find the money."\n\n"We have the crew and the fuel for all of it."'
    )
    article = extract(text)
    turn = quote_at(article, "The ferry will run")
    assert turn.spans == [
        span_of(text, '"The ferry will run in May,"'),
        span_of(text, '"We have the crew and the fuel for all of it."'),
    ]
    assert turn.cue is not None and turn.cue.text == "told"
    saying = quote_at(article, "find the money")
    assert saying.text == 'the council would "find the money."'


def test_a_full_stop_the_parser_missed_still_ends_the_sentence_before_a_quote() -> None:
    text = (
        "But aides said the mayor simply believed in honestly airing differences, not "
        "creating distance. ''This was not the guiding basis of our policy,'' Mr. Holm said. "
        "''The basis was to be energetic.''"
    )
    q = quote_at(extract(text), "This was not the guiding basis")
    assert q.type == "direct"
    assert q.speaker is not None and q.speaker.text == "Mr. Holm"
    assert q.spans == [
        span_of(text, "''This was not the guiding basis of our policy,''"),
        span_of(text, "''The basis was to be energetic.''"),
    ]


def test_a_capitalised_name_given_by_a_naming_verb_is_a_quote_not_a_title() -> None:
    text = 'At the harbour meeting, Ada Finch called the new pier plan "A Total Disgrace."'
    q = quote_at(extract(text), "A Total Disgrace")
    assert q.text == 'the new pier plan "A Total Disgrace."'
    assert q.cue is not None and q.cue.text == "called"
    assert q.speaker is not None and q.speaker.text == "Ada Finch"


def test_an_abbreviation_in_the_closing_frame_does_not_keep_the_next_quote_apart() -> None:
    text = (
        "The harbour board met on Monday.\n\n"
        '"I have admiration for the mechanics" of the pier plan, Dr. Holm said. '
        '"They are more detailed than the old ones. But I have concerns about the money."'
    )
    q = quote_at(extract(text), "I have admiration")
    assert q.spans == [
        span_of(text, '"I have admiration for the mechanics" of the pier plan'),
        span_of(
            text, '"They are more detailed than the old ones. But I have concerns about the money."'
        ),
    ]
    assert q.speaker is not None and q.speaker.text == "Dr. Holm"


def test_a_connective_opening_the_sentence_before_an_inserted_frame_opens_a_direct_quote() -> None:
    text = (
        "The board met again on Monday.\n\n"
        'Coincidentally, Ada Holm said, "all of these old ferry routes started closing down '
        'one by one."'
    )
    q = quote_at(extract(text), "all of these old ferry routes")
    assert q.spans[0] == span_of(text, "Coincidentally")
    assert len(q.spans) == 2
    # reported speech keeps it out: the writer's link ('Still, it said, ...' above)
    told = "The ferry company admitted the delay. Still, it said, the crossings would resume soon."
    assert quote_at(extract(told), "the crossings").text == "the crossings would resume soon"


def test_a_quote_after_a_speech_participle_in_the_frame_is_not_the_same_turn() -> None:
    text = (
        '"Keep your hands where I can see them," Mira Solberg sings to the mayor before '
        'asking her, "Where do we go from here?"'
    )
    article = extract(text)
    first = quote_at(article, "Keep your hands")
    assert first.text == '"Keep your hands where I can see them,"'
    second = quote_at(article, "Where do we go")
    assert second.text == '"Where do we go from here?"'
    assert second.cue is not None and second.cue.text == "asking"


def test_a_frameless_quote_after_a_report_with_its_cue_first_continues_it() -> None:
    text = (
        "The council met on Monday.\n\nAda Finch said the harbour board caused the long delay. "
        '"We warned them about the pier for years and nobody listened."'
    )
    q = quote_at(extract(text), "the harbour board caused")
    assert q.spans == [
        span_of(text, "the harbour board caused the long delay"),
        span_of(text, '"We warned them about the pier for years and nobody listened."'),
    ]
    assert q.speaker is not None and q.speaker.text == "Ada Finch"


def test_a_sentence_of_narration_before_the_next_paragraphs_quote_ends_the_turn() -> None:
    turn = '"The ferry will run in May," Finch said.'
    text = turn + ' She walked back to the harbour office.\n\n"Who will pay for the fuel?"'
    article = extract(text)
    first = quote_at(article, "The ferry will run")
    assert first.text == '"The ferry will run in May,"'
    second = quote_at(article, "Who will pay")
    assert second is not first and second.text == '"Who will pay for the fuel?"'
    joined = extract(turn + '\n\n"Who will pay for the fuel?"')
    assert [q.text for q in joined.quotes] == [
        '"The ferry will run in May," "Who will pay for the fuel?"'
    ]


def test_a_paragraph_of_quote_after_a_report_ending_its_paragraph_continues_it() -> None:
    report = "Ada Finch said the ferry would run until May."
    quote = '"We have the crew and the fuel for all of it."'
    article = extract(report + "\n\n" + quote)
    assert [q.text for q in article.quotes] == [f"the ferry would run until May {quote}"]
    apart = extract(report + "\n\nThe council met on Monday.\n\n" + quote)
    assert [q.text for q in apart.quotes] == ["the ferry would run until May", quote]


def test_a_quote_after_a_report_that_stops_inside_its_sentence_stands_alone() -> None:
    text = (
        'Though Ada Finch called for the pier to be "rebuilt soon" for the fishermen, she '
        'voted against the budget.\n\n"We cannot pay for all of it this year."'
    )
    quotes = extract(text).quotes
    assert [q.text for q in quotes] == [
        'for the pier to be "rebuilt soon" for the fishermen',
        '"We cannot pay for all of it this year."',
    ]


@pytest.mark.parametrize(
    ("text", "content"),
    [
        (
            'Ada Finch recalled the long freeze on harbour wages: "I saw how hard it was."',
            'the long freeze on harbour wages: "I saw how hard it was."',
        ),
        ('Ada Finch said the words, "Never again."', 'the words, "Never again."'),
        ('Ada Finch told the crowd: "Never again."', '"Never again."'),
    ],
)
def test_a_noun_object_naming_the_quote_is_part_of_the_content_when_asked(
    text: str, content: str
) -> None:
    """PolNeAR's spans, opt-in: by default the quote stays the words in marks (a direct
    quote), since the object often names a topic rather than the words."""
    nlp = build_nlp()
    nlp.remove_pipe("newsquotes")
    nlp.add_pipe("newsquotes", config={"object_names_quote": True})
    quotes = Pipeline(nlp).process(Article(id="object", text=text)).quotes
    assert [q.text for q in quotes] == [content]
    assert quotes[0].speaker is not None and quotes[0].speaker.text == "Ada Finch"
    default = extract(text).quotes
    assert [(q.text, q.type) for q in default] == [(content[content.index('"') :], "direct")]


def test_a_short_quote_right_after_a_turn_ends_that_turn() -> None:
    text = '"Is everyone on the list for the night ferry?" Finch asked. "Good, thanks!"'
    quotes = extract(text).quotes
    assert len(quotes) == 1
    assert quotes[0].text == '"Is everyone on the list for the night ferry?" "Good, thanks!"'


def test_a_short_quote_on_its_own_is_not_a_quote() -> None:
    text = 'The harbour reopened on Monday.\n\n"Good, thanks!"'
    assert extract(text).quotes == []


@pytest.mark.parametrize(
    ("text", "content"),
    [
        (
            "The new mayor is said to favour a second bridge over the river.",
            "to favour a second bridge over the river",
        ),
        (
            "The harbour board is expected to approve the new quotas next week.",
            "to approve the new quotas next week",
        ),
    ],
    ids=["is-said-to", "is-expected-to"],
)
def test_a_passive_subject_is_not_the_speaker(text: str, content: str) -> None:
    q = quote_at(extract(text), content)
    assert q.text == content
    assert q.speaker is None


# -- the speaker is the subject of the reporting verb -----------------------------------


def test_a_transcript_label_owns_its_quoted_turn() -> None:
    text = (
        '"QUILL: Good evening and welcome to the program tonight, governor."\n\n'
        '"BRANDT: Thank you, it is a pleasure to be here with you."\n\n'
        '"QUILL: Let us begin with the budget, which passed the senate yesterday."\n'
    )
    article = extract(text)
    for words, label in (
        ("Good evening", "QUILL"),
        ("a pleasure", "BRANDT"),
        ("Let us begin", "QUILL"),
    ):
        quote = quote_at(article, words)
        assert quote.speaker is not None and quote.speaker.text == label


@pytest.mark.parametrize(
    "frame",
    ["said in a phone interview the mayor of Eastbrook", "said in an interview with the Gazette"],
)
def test_an_adjunct_after_the_cue_is_not_the_speaker(frame: str) -> None:
    text = f'The plan drew fire at once. "We will not stand for this kind of budget," {frame}.\n'
    quote = quote_at(extract(text), "this kind of budget")
    assert quote.speaker is None


def test_the_listener_of_told_is_not_the_speaker() -> None:
    text = '"We will not stand for this kind of budget," Marla Quint told reporters on Monday.\n'
    quote = quote_at(extract(text), "this kind of budget")
    assert quote.speaker is not None and quote.speaker.text == "Marla Quint"


def test_a_relative_clause_is_not_part_of_the_speaker() -> None:
    text = (
        "Brother Anselm, who preaches a gospel of thrift to his pupils, urged the bankers to "
        "return the money.\n"
    )
    quote = quote_at(extract(text), "return the money")
    assert quote.speaker is not None and quote.speaker.text == "Brother Anselm"


def test_a_thing_named_by_a_relative_pronoun_does_not_speak() -> None:
    text = (
        "The ferry company put out a new poster that urges riders in Velmora to forgive the "
        "delays.\n"
    )
    speakers = [q.speaker.text for q in extract(text).quotes if q.speaker is not None]
    assert not any("poster that urges" in s or s.startswith("a new poster") for s in speakers)


def test_a_thing_is_not_the_speaker_of_a_quoted_fragment() -> None:
    text = 'Her poll numbers rose after her plea for "an end to all night ferries" last winter.\n'
    speakers = [q.speaker_name for q in extract(text).quotes]
    assert "Her poll numbers" not in speakers


@pytest.mark.parametrize(("rule", "kept"), [("speech-object", False), ("indirect-indirect", True)])
def test_a_speaker_inside_object_content_is_dropped(rule: str, kept: bool) -> None:
    from newsquotes.quotes.attribute import without_speaker_in_content
    from newsquotes.quotes.context import Attribution

    # 'mocked the harsh words Ray Dunmore had used at the quay': content 0-55, mention 23-34
    found = Attribution("indirect", [(0, 55)], None, (23, 34), 0.5, rule)
    assert (without_speaker_in_content(found).speaker is not None) is kept


@pytest.mark.parametrize(
    ("frame", "speaker"),
    [
        ("The mayor spoke at length in an interview with Harbor Radio:", None),
        ("Some advice from Ada Finch:", "Ada Finch"),
    ],
)
def test_a_name_governed_before_a_colon_is_a_venue_not_the_speaker(
    frame: str, speaker: str | None
) -> None:
    text = f'{frame} "We will rebuild the pier before the summer season begins."\n'
    quote = quote_at(extract(text), "rebuild the pier")
    assert quote.speaker_name == speaker


@pytest.mark.parametrize(
    ("noun", "pos", "speaks"), [("comments", "NOUN", False), ("Moreau", "PROPN", True)]
)
def test_a_relative_clause_without_subject_speaks_for_a_name_not_a_thing(
    noun: str, pos: str, speaks: bool
) -> None:
    from spacy.tokens import Doc

    from newsquotes.quotes.context import speaker_of

    nlp = default_pipeline().nlp
    words = ["the", noun, "warning", "voters", "today"]
    doc = Doc(
        nlp.vocab,
        words=words,
        heads=[1, 1, 1, 2, 2],
        deps=["det", "ROOT", "relcl", "dobj", "npadvmod"],
        pos=["DET", pos, "VERB", "NOUN", "NOUN"],
    )
    subject = speaker_of(doc[2])
    assert (subject is not None and subject.text == noun) is speaks


def test_the_sentence_verb_after_a_cue_is_not_reported_content() -> None:
    """Pinned by a walkthrough: the parser reads "Anything X says is false" as X saying
    "is false", which puts the opposite of the writer's point in X's mouth."""
    text = "Readers wrote in.\n\nAnything Pavel Dorn says is false until somebody checks it.\n"
    assert extract(text).quotes == []
    kept = extract("Readers wrote in.\n\nPavel Dorn says the bridge is safe.\n")
    assert [q.text for q in kept.quotes] == ["the bridge is safe"]


def test_a_title_in_the_sentence_is_not_signed_by_the_name_after_it() -> None:
    text = (
        'As a talk-show host on "Night Harbour," Tomas Brenner mocked his guests for years.\n\n'
        '"He never let anyone finish a sentence," said Ola Dahl, a former producer.'
    )
    article = extract(text)
    assert not [q for q in article.quotes if "Night Harbour" in q.text]
    assert quote_at(article, "never let anyone").speaker_name == "Ola Dahl"


@pytest.mark.parametrize(
    "introduction",
    [
        'On "Coast Hour," Vera Holm, who runs the ferry company, blamed the council.',
        "Vera Holm, who runs the ferry company, blamed the council. She called the timetable "
        "a fantasy.",
    ],
)
def test_a_frameless_quote_after_a_sentence_about_someone_is_theirs(introduction: str) -> None:
    text = (
        '"We will keep the ferry running all winter," Tomas Brenner, the harbour master, said '
        f"on Monday.\n\n{introduction} "
        '"Nobody on the council has ever taken the ferry."'
    )
    article = extract(text)
    assert quote_at(article, "Nobody on the council").speaker_name == "Vera Holm"


def test_a_clause_opened_by_when_after_a_quote_is_not_its_frame() -> None:
    text = (
        "The video ends with footage of Tomas Brenner saying during the forum last week, "
        "“That is just good business,” when Ana Ruiz accused him of dodging his mooring fees."
    )
    article = extract(text)
    assert quote_at(article, "just good business").speaker_name == "Tomas Brenner"


def test_a_title_in_mid_sentence_is_not_reported_by_the_frame_after_it() -> None:
    text = (
        "Nobody knows where the money will come from. In her 2015 guide, ''Running a Harbour "
        "on a Shoestring,'' Ms. Finch recommended listing every cost and asking which one the "
        "town could live without."
    )
    article = extract(text)
    assert not [q for q in article.quotes if q.text.startswith("''Running a Harbour")]


def test_a_name_the_parser_hangs_from_a_participle_still_signs_the_quote_before_it() -> None:
    q = "''Had coffee with Halvorsen. He will see you at the regatta dinner,''"
    text = (
        "Over two summers, Oskar Lindqvist, once a clerk for Mr. Harlan, set up several "
        "meetings at the harbour office for Mr. Halvorsen.\n\n"
        f"{q} Ilse Brandvold, a Danish-born aide then working for the Harbour Department, wrote "
        "in a March 2019 email to Mrs. Harlan."
    )
    assert quote_at(extract(text), q).speaker_name == "Ilse Brandvold"


def test_a_dash_the_parser_takes_for_a_subject_is_not_the_speaker() -> None:
    """``... were made public ― Kellerman boasted``, parsed with the horizontal bar as a
    first subject of ``boasted``: the name is who boasts, not "public"."""
    from spacy.tokens import Doc

    from newsquotes.quotes.context import speaker_of

    nlp = default_pipeline().nlp
    doc = Doc(
        nlp.vocab,
        words=["made", "public", "\u2015", "Kellerman", "boasted"],
        heads=[0, 2, 4, 4, 0],
        deps=["ROOT", "amod", "nsubj", "nsubj", "ccomp"],
        pos=["VERB", "ADJ", "NOUN", "PROPN", "VERB"],
    )
    subject = speaker_of(doc[4])
    assert subject is not None and subject.text == "Kellerman"


def test_a_cue_the_parser_hangs_from_a_quoted_verb_speaks_for_the_subject_before_it() -> None:
    """``Dalton said, going on to say that the town spent "years ..., and young people do
    not want it"``, parsed with ``going`` hanging from ``want`` inside the quotation marks:
    Dalton says it, not the "young people" of the quote."""
    from spacy.tokens import Doc

    from newsquotes.quotes.context import ArticleView, speaker_of
    from newsquotes.quotes.indirect import indirect_pass

    nlp = default_pipeline().nlp
    # fmt: off
    words = ["Dalton", "said", ",", "going", "on", "to", "say", "that", "the", "town",
             "spent", '"', "years", ",", "and", "young", "people", "do", "not", "want",
             "it", ".", '"']
    heads = [1, 19, 1, 19, 3, 6, 3, 10, 9, 10, 6, 10, 10, 19, 19, 16, 19, 19, 19, 19, 19,
             19, 19]
    deps = ["nsubj", "parataxis", "punct", "advcl", "prt", "aux", "xcomp", "mark", "det",
            "nsubj", "ccomp", "punct", "dobj", "punct", "cc", "amod", "nsubj", "aux", "neg",
            "ROOT", "dobj", "punct", "punct"]
    pairs = zip(words, [*words[1:], ""], strict=True)
    spaces = [nxt not in (",", ".", "") and word != '"' for word, nxt in pairs]
    spaces[-2] = False  # '... it."' closes the quote
    pos = ["PROPN", "VERB", "PUNCT", "VERB", "ADP", "PART", "VERB", "SCONJ", "DET", "NOUN",
           "VERB", "PUNCT", "NOUN", "PUNCT", "CCONJ", "ADJ", "NOUN", "AUX", "PART", "VERB",
           "PRON", "PUNCT", "PUNCT"]
    # fmt: on
    lemmas = [w.lower() for w in words]
    lemmas[1], lemmas[3], lemmas[10] = "say", "go", "spend"
    doc = Doc(nlp.vocab, words=words, spaces=spaces, heads=heads, deps=deps, pos=pos, lemmas=lemmas)
    assert doc.text.startswith('Dalton said, going on to say that the town spent "years,')
    say = doc[6]
    assert speaker_of(say) is not None and speaker_of(say).text == "people"
    found = [a for a in indirect_pass(ArticleView(doc, []), []) if a.cue == (say.i, say.i + 1)]
    assert len(found) == 1 and found[0].speaker is not None
    assert doc.text[found[0].speaker[0] : found[0].speaker[1]] == "Dalton"


@pytest.mark.parametrize(
    ("text", "reporter"),
    [
        (
            "Over the past decade, Mayor Tomas Lind said, most residents have come to believe "
            '"that the old ferry is part of who we are."',
            "Tomas Lind",
        ),
        (
            "Since the storm, Ms. Holm said, the fishermen have come to think that the council "
            'is "simply not listening."',
            "Holm",
        ),
    ],
)
def test_quoted_words_of_a_belief_told_as_an_aside_are_the_reporters(
    text: str, reporter: str
) -> None:
    """``X, Mayor Lind said, most residents have come to believe "..."``: the residents
    hold the belief; the quoted words are what Lind said."""
    article = extract(text)
    assert len(article.quotes) == 1
    q = article.quotes[0]
    assert q.type == "mixed"
    assert q.speaker_name == reporter


def test_a_described_speaker_filling_the_frame_after_a_quote_is_kept() -> None:
    text = (
        "Velmora mayor Tomas Lind was asked about the remark on Monday.\n\n"
        "“My reaction, that was outrageous,” Lind's former campaign strategist said in an "
        "interview with RTV’s Ola Berg."
    )
    article = extract(text)
    q = quote_at(article, "My reaction")
    assert q.speaker is not None
    assert q.speaker.text == "Lind's former campaign strategist"
    assert q.speaker_name != "Tomas Lind"


@pytest.mark.parametrize(
    ("text", "speaker", "name"),
    [
        (
            "In a Harbor Institute poll released Monday, 74 percent of Velmora residents said "
            "the ferry should stay.",
            "a Harbor Institute poll released Monday",
            "Harbor Institute",
        ),
        (
            "A Lindqvist University poll released in late August found that 74 percent of "
            "likely voters said the mayor should release his tax returns.",
            "A Lindqvist University poll released in late August",
            "Lindqvist University",
        ),
        (
            "Six in 10 say the mayor is decisive, after half said so in the earlier poll.",
            "Six in 10",
            "Six in 10",
        ),
    ],
)
def test_a_share_of_those_polled_speaks_through_the_poll(
    text: str, speaker: str, name: str
) -> None:
    """The poll reports what a share of those it asked said; a poll named only in another
    clause (``after half said so in the earlier poll``) is not this share's source."""
    article = extract(text)
    first = article.quotes[0]
    assert first.speaker is not None and first.speaker.text == speaker
    assert first.speaker_name == name


@pytest.mark.parametrize(
    ("text", "content", "name"),
    [
        (
            "According to the Velmora Gazette, harbour spokesman Ivo Dahl said Friday that the "
            "pier would reopen in May.",
            "the pier would reopen",
            "Velmora Gazette",
        ),
        (
            "Lind will probably go to the debate because, according to Lind, the press would "
            'call him a "coward" if he didn\'t.',
            "coward",
            "Lind",
        ),
        (
            "“The pier will reopen in May,” Dahl said, according to a transcript of the show.",
            "The pier will reopen",
            "transcript of the show",
        ),
    ],
)
def test_the_report_a_reporting_verb_relays_through_is_the_source(
    text: str, content: str, name: str
) -> None:
    """``According to X, Y said Z`` and ``Y said Z, according to X``: PolNeAR marks X as
    the source of what X relays."""
    article = extract(text)
    assert quote_at(article, content).speaker_name == name


def test_according_to_inside_the_reported_clause_is_relayed_not_the_source() -> None:
    """``Varga said that, according to the police, the driver fled``, parsed with the
    according-phrase hanging from ``said``: it sits inside what Varga said, so Varga speaks."""
    from spacy.tokens import Doc

    from newsquotes.quotes.context import speaker_of

    nlp = default_pipeline().nlp
    # fmt: off
    words = ["Varga", "said", "that", ",", "according", "to", "the", "police", ",", "the",
             "driver", "fled", "."]
    heads = [1, 1, 11, 11, 1, 4, 7, 5, 11, 10, 11, 1, 1]
    deps = ["nsubj", "ROOT", "mark", "punct", "prep", "prep", "det", "pobj", "punct", "det",
            "nsubj", "ccomp", "punct"]
    # fmt: on
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps)
    subject = speaker_of(doc[1])
    assert subject is not None and subject.text == "Varga"
    trailing = Doc(
        nlp.vocab,
        words=["Varga", "said", "it", "fled", ",", "according", "to", "police", "."],
        heads=[1, 1, 3, 1, 1, 1, 5, 6, 1],
        deps=["nsubj", "ROOT", "nsubj", "ccomp", "punct", "prep", "prep", "pobj", "punct"],
    )
    source = speaker_of(trailing[1])
    assert source is not None and source.text == "police"


def test_a_deed_in_a_prepositional_relative_inside_reported_words_is_no_saying() -> None:
    """``A web video by the Norland Harbour Party references three cases in which Vik
    defended people accused of smuggling``: the video's sponsor speaks; Vik's defending is what it
    reports, so the model is never offered it as a saying (it may rate it the likelier one)."""
    from spacy.tokens import Doc

    from newsquotes.quotes.context import ArticleView
    from newsquotes.quotes.learned import candidate_pass

    nlp = default_pipeline().nlp
    # fmt: off
    words = ["A", "web", "video", "by", "the", "Norland", "Harbour", "Party", "references",
             "three", "cases", "in", "which", "Vik", "defended", "people", "accused", "of",
             "smuggling", "."]
    heads = [2, 2, 8, 2, 7, 7, 7, 3, 8, 10, 8, 14, 11, 14, 10, 14, 15, 16, 17, 8]
    deps = ["det", "compound", "nsubj", "prep", "det", "compound", "compound", "pobj", "ROOT",
            "nummod", "dobj", "prep", "pobj", "nsubj", "relcl", "dobj", "acl", "prep", "pobj",
            "punct"]
    pos = ["DET", "NOUN", "NOUN", "ADP", "DET", "PROPN", "PROPN", "PROPN", "VERB", "NUM",
           "NOUN", "ADP", "PRON", "PROPN", "VERB", "NOUN", "VERB", "ADP", "NOUN", "PUNCT"]
    ents = ["O", "O", "O", "O", "B-ORG", "I-ORG", "I-ORG", "I-ORG", "O", "B-CARDINAL", "O",
            "O", "O", "B-PERSON", "O", "O", "O", "O", "O", "O"]
    # fmt: on
    lemmas = [w.lower() for w in words]
    lemmas[8], lemmas[14], lemmas[10] = "reference", "defend", "case"
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas, ents=ents)
    cues = [doc[c.cue[0]].text for c in candidate_pass(ArticleView(doc, []), []) if c.cue]
    assert "defended" not in cues
    assert "references" in cues


@pytest.mark.parametrize(
    ("text", "content", "cue", "speaker"),
    [
        (
            "Senators pressed the bank's chief for three hours. Ilse Brandt's repeated "
            "insistence that only a few tellers had broken the rules angered both parties.",
            "that only a few tellers had broken the rules",
            "insistence",
            "Ilse Brandt",
        ),
        (
            "Despite Mayor Arne Holm's claims that the pier will pay for itself, the council "
            "voted against it.",
            "that the pier will pay for itself",
            "claims",
            "Arne Holm",
        ),
    ],
    ids=["insistence", "claims"],
)
def test_an_owned_speech_noun_reports_its_unquoted_that_clause(
    text: str, content: str, cue: str, speaker: str
) -> None:
    q = quote_at(extract(text), content)
    assert q.text == content
    assert q.cue is not None and q.cue.text == cue
    assert q.speaker_name == speaker


def test_an_owned_plan_intended_to_do_something_is_its_owners_purpose() -> None:
    text = (
        "Mayor Arne Holm wants cheaper ferries. Although Mr. Holm's plan is intended to cut "
        "fares for islanders, it leaves the harbour fee intact."
    )
    q = quote_at(extract(text), "to cut fares for islanders")
    assert q.speaker is not None and q.speaker.text == "Mr. Holm's"
    assert q.speaker_name == "Arne Holm"


def test_according_to_that_interrupts_a_speakers_report_does_not_take_the_report() -> None:
    """``Ruiz said the budget, according to figures from the treasurer, would be balanced``:
    the figures did not say ``Ruiz said the budget``; the report is Ruiz's."""
    text = (
        "Mayor Ana Ruiz said the budget, according to figures from the treasurer, would be "
        "balanced by June."
    )
    article = extract(text)
    assert article.quotes
    assert all("Ruiz said" not in q.text for q in article.quotes)
    assert all(q.speaker_name == "Ana Ruiz" for q in article.quotes)


def test_according_to_inside_a_sentence_with_no_speaker_before_it_is_the_source() -> None:
    article = extract(
        "The city's operating budget, according to figures from the treasurer, would be "
        "balanced by June."
    )
    assert quote_at(article, "operating budget").speaker_name == "figures from the treasurer"


@pytest.mark.parametrize(
    "text",
    [
        "To understand the real Anna Holm, Chief Justice Dahl said, one should visit this museum.",
        "To see the old Velmora Pier, Mayor Brand said, one should come in winter.",
    ],
)
def test_a_name_opening_an_inserted_frame_is_its_subject_not_the_clauses_last_noun(
    text: str,
) -> None:
    """The parser hangs the frame's name on the noun before the comma as its appositive."""
    [quote] = extract(text).quotes
    assert quote.speaker_name in ("Dahl", "Brand")
    assert quote.speaker is not None and quote.speaker.text.split()[0] in ("Chief", "Mayor")
    assert quote.text.startswith("To ") and ("Holm" in quote.text or "Pier" in quote.text)


def test_a_possessive_pronouns_speech_noun_reports_its_owners_words() -> None:
    """``her claim that ...``: the clause is the owner's words, and she is the person the
    pronoun follows."""
    text = (
        "Harbour master Ilse Varga spoke to the council on Monday. The council dismissed her "
        "claim that the old pier would collapse."
    )
    article = extract(text)
    claimed = quote_at(article, "the old pier would collapse")
    assert (claimed.via, claimed.cue.text, claimed.speaker_name) == (
        "owned-claim",
        "claim",
        "Ilse Varga",
    )
