"""Pairing quote marks: styles, nesting, apostrophes, stray marks and long quotes (no spaCy)."""

from __future__ import annotations

import pytest

from newsquotes.quotes.quote_marks import QuotedSpan, find_quoted_spans


def spans_of(text: str) -> list[str]:
    return [text[s.start : s.end] for s in find_quoted_spans(text)]


def assert_no_overlap(spans: list[QuotedSpan]) -> None:
    ordered = sorted(spans, key=lambda s: s.start)
    for a, b in zip(ordered, ordered[1:], strict=False):
        assert a.end <= b.start, (a, b)


@pytest.mark.parametrize(
    "quote",
    [
        '"The ferry will run again in May,"',
        "“The ferry will run again in May,”",
        '"The ferry will run again in May,”',
        '“The ferry will run again in May,"',
    ],
    ids=["straight", "curly", "straight-open-curly-close", "curly-open-straight-close"],
)
def test_double_marks_pair_in_any_style(quote: str) -> None:
    text = f"{quote} said Mirela Sand, the harbour master."
    spans = find_quoted_spans(text)
    assert len(spans) == 1
    assert (spans[0].start, spans[0].end) == (0, len(quote))
    assert spans[0].style == "double"
    assert spans[0].closed


def test_two_quotes_in_one_paragraph_are_two_spans() -> None:
    first = '"We asked twice,"'
    second = '"and nobody answered the letters."'
    text = f"{first} said Oren Vell. {second}"
    assert spans_of(text) == [first, second]


def test_single_quotes_nested_in_double_stay_one_quote() -> None:
    quote = "“The farmers and the fishers share one cause - the fight against the 'levy'.”"
    text = f"Dana Krell, a writer, spoke at the hall. {quote}\n\nThe meeting ended at nine."
    assert spans_of(text) == [quote]


def test_curly_single_quotes_nested_in_straight_double() -> None:
    quote = '"He called it ‘a plan for nobody’ and walked out of the room."'
    text = f"{quote} said Lio Brandt."
    assert spans_of(text) == [quote]


@pytest.mark.parametrize(
    "quote",
    ["«Nous avons attendu trop longtemps»", "„Wir haben zu lange gewartet“"],
    ids=["guillemets", "german"],
)
def test_guillemets_and_low_high_marks(quote: str) -> None:
    text = f"Le maire a dit {quote} hier soir."
    assert spans_of(text) == [quote]


@pytest.mark.parametrize(
    "text",
    [
        "Mirovia's harbour reopened on Tuesday after three weeks of repairs.",
        "The band toured the coast in the '90s and again in 2004.",
        "They played rock 'n' roll until the early hours in Calder Bay.",
        "The fishers' union and the town's council met in the mayors' hall.",
        "It's not clear whether the ferry won't run or can't run this winter.",
    ],
    ids=["possessive", "decade", "rock-n-roll", "plural-possessive", "contractions"],
)
def test_apostrophes_are_not_quotes(text: str) -> None:
    assert find_quoted_spans(text) == []


def test_british_single_quote_primary_style() -> None:
    quote = "‘The council has let the harbour rot for a decade,’"
    text = f"{quote} said Ellis Marr, a fisherman in Penwick.\n\nThe council did not respond."
    spans = find_quoted_spans(text)
    assert [text[s.start : s.end] for s in spans] == [quote]
    assert spans[0].style == "single"


def test_british_straight_single_quotes() -> None:
    quote = "'We will not close the school while I am here,'"
    text = f"{quote} said Ada Finch, head of Orley School."
    assert spans_of(text) == [quote]


def test_british_quote_with_apostrophe_inside() -> None:
    quote = "‘The town's future depends on the port,’"
    text = f"{quote} said Ellis Marr."
    assert spans_of(text) == [quote]


def test_odd_mark_does_not_swallow_the_rest_of_the_article() -> None:
    first = 'The council met on Monday. "We need the money now, said one member.'
    second = "The budget for the harbour was approved by a narrow vote of five to four."
    third = '"It is a good day for Penwick," said Ellis Marr, a fisherman.'
    text = f"{first}\n\n{second}\n\n{third}"
    spans = find_quoted_spans(text)
    second_start = text.index(second)
    third_quote = '"It is a good day for Penwick,"'
    for span in spans:
        # no span reaches into the paragraphs after the stray mark
        assert not (span.start < second_start < span.end), span
        assert span.end <= len(first) or span.start >= text.index(third)
    assert third_quote in [text[s.start : s.end] for s in spans]


def test_lone_mark_at_end_of_article() -> None:
    text = 'The vote was close.\n\nThe mayor left early "'
    spans = find_quoted_spans(text)
    assert_no_overlap(spans)
    for span in spans:
        assert span.start >= text.index("The mayor")


@pytest.mark.parametrize(
    "text",
    [
        '"',
        "“",
        "”",
        "'",
        '""',
        '" " "',
        "«",
        "„",
        '\n\n"\n\n',
        'a"b"c"d',
        "",
        "   \n  ",
    ],
)
def test_degenerate_inputs_never_crash(text: str) -> None:
    spans = find_quoted_spans(text)
    assert_no_overlap(spans)
    for span in spans:
        assert 0 <= span.start < span.end <= len(text)


def test_ten_thousand_marks_returns_without_overlap() -> None:
    text = '"' * 10_000
    spans = find_quoted_spans(text)
    assert_no_overlap(spans)
    for span in spans:
        assert 0 <= span.start < span.end <= len(text)


def test_ten_thousand_mixed_marks_with_words() -> None:
    text = " ".join(['word "x', "“y”", "'z", "«w»"] * 2_500)
    spans = find_quoted_spans(text)
    assert_no_overlap(spans)


def test_quote_over_paragraphs_is_one_span() -> None:
    p1 = '"The harbour was the heart of this town for two hundred years. Every family here'
    p1 += " had a boat or worked for someone who did."
    p2 = '"Now the boats are gone and the young people go to the city," said Ellis Marr.'
    text = f"{p1}\n\n{p2}\n\nThe council meets again in June."
    spans = find_quoted_spans(text)
    assert len(spans) == 1
    span = spans[0]
    assert span.start == 0
    assert span.end == text.index(" said Ellis Marr")
    assert text[span.end - 1] == '"'


def test_quote_over_three_paragraphs_is_one_span() -> None:
    p1 = "“First, we lost the cannery, and nobody in the capital noticed."
    p2 = "“Then we lost the ferry, and still nobody came to look."
    p3 = "“Now they want the school,” said Ada Finch."
    text = f"{p1}\n{p2}\n{p3}"
    spans = spans_of(text)
    assert spans == ["\n".join([p1, p2, p3[: p3.index(" said")]])]


def test_transcript_turns_are_not_merged() -> None:
    lines = [
        '"HOST: Welcome back to the programme, we are talking about the harbour tonight.',
        '"MARR: Thank you for having me, it is a difficult time for the town.',
        '"HOST: What does the council say about the closure of the cannery?',
    ]
    text = "\n\n".join(lines)
    spans = find_quoted_spans(text)
    assert_no_overlap(spans)
    for span in spans:
        # no span runs from one turn into the next
        assert "\n" not in text[span.start : span.end].strip(), text[span.start : span.end]


def test_doubled_single_marks_pair_as_one_double_mark() -> None:
    text = "''The pier stays shut,'' Mirela Sand said. ''We cannot risk it.''"
    spans = find_quoted_spans(text)
    assert spans_of(text) == ["''The pier stays shut,''", "''We cannot risk it.''"]
    assert all(s.width == 2 and s.style == "double" for s in spans)
    assert text[slice(*spans[0].inner)] == "The pier stays shut,"


def test_doubled_single_marks_leave_an_apostrophe_inside_alone() -> None:
    text = "She called it ''the harbour's last chance.''"
    assert spans_of(text) == ["''the harbour's last chance.''"]


def test_a_closing_mark_typed_for_an_opening_one_opens_the_paragraphs_quote() -> None:
    text = "”Mr. Brenner has never once taken the night ferry. Ask him why.” ― Jaan Tamm"
    spans = find_quoted_spans(text)
    assert [(s.start, s.end) for s in spans] == [(0, text.index("―") - 1)]


def test_a_closing_mark_after_a_word_still_closes() -> None:
    # 'the so-called” reform': nothing open, after a word; not an opening mark
    text = "It was the so-called” reform, she said."
    assert find_quoted_spans(text) == []


def test_an_opening_mark_typed_for_the_closing_one_closes_at_the_paragraph_end() -> None:
    text = (
        "Mayor Quist said:\n\n"
        "\u201cThe pier is rotten. The ferry will not wait.\u201c\n\n"
        "The vote is on Monday."
    )
    assert spans_of(text) == ["\u201cThe pier is rotten. The ferry will not wait.\u201c"]


def test_an_opening_mark_before_a_word_still_opens() -> None:
    text = "She said:\u201cWe will win.\u201d"
    assert spans_of(text) == ["\u201cWe will win.\u201d"]


def test_the_marks_of_markup_attribute_values_quote_nothing() -> None:
    """A scraper left ``<tweet tweet-date="...">`` in the text: the attribute's value was
    read as a quote, and the name after its ``>`` as the speaker of it."""
    junk = '<tweet tweet-date="harbour wages fell. We rate it Mostly True.">'
    quote = "“the real jobless rate is 31 percent.”"
    text = f"The Ledger rated it. {junk}Okafor said that for dock workers, {quote} Fine."
    spans = find_quoted_spans(text)
    assert [text[s.start : s.end] for s in spans] == [quote]
    assert find_quoted_spans('He wrote "a=b" on the board.') != []


def test_a_quote_inside_a_quote_in_the_same_curly_marks_keeps_the_outer_one() -> None:
    """A signed reader's reply, ``“... what he calls “hell” than ...”``: the second opening
    mark was taken for a stray, and the reply was lost but for its inner quote."""
    text = "“I'd rather live in what he calls “hell” than live where he rules.” ― Ana Ruiz"
    assert [text[s.start : s.end] for s in find_quoted_spans(text)] == [text[: text.index(" ―")]]
    # unbalanced, the second opening mark is still a stray
    stray = "“One “two three.”"
    assert [stray[s.start : s.end] for s in find_quoted_spans(stray)] == ["“two three.”"]


@pytest.mark.parametrize(
    "text",
    [
        "Tova Lind called the plan “a “disgrace” and said she would fight it. Mayor Piet "
        "Sorensen said the town had no choice.”",
        "“We will fight this, said harbour master Tova Lind, who called the plan “a disgrace.” "
        "Mayor Piet Sorensen said the town had no choice.”",
    ],
)
def test_two_stray_marks_that_happen_to_balance_do_not_swallow_a_paragraph(text: str) -> None:
    """Nested pairing only for a paragraph that is one quote (at most a signature after it)
    with no frame verb outside its inner quotes: else Sorensen's words went to Lind."""
    spans = [text[s.start : s.end] for s in find_quoted_spans(text)]
    assert all("Sorensen" not in span for span in spans)


def test_nested_pairing_reads_through_markup_and_only_attribute_marks_are_skipped() -> None:
    reply = "“They call it “reform,” but it is theft.”"
    text = f'The Ledger rated it.\n\n<tweet data-lang="en">{reply} ― Jaan Tamm</tweet>'
    assert [text[s.start : s.end] for s in find_quoted_spans(text)] == [reply]
    typed = 'He typed name="Okafor and hit enter. "It just broke," said Mara Kell.'
    assert '"It just broke,"' not in [typed[s.start : s.end] for s in find_quoted_spans(typed)]
    assert find_quoted_spans(typed)  # not an attribute: its marks still pair
